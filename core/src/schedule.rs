//! Schedule health: how much of a project's time has gone against how much of the work is
//! done, and how far its end date has slipped across yearly snapshots.
//!
//! - **Time elapsed** on a date is `(as_of − start) / (end − start)`, in days, clamped to
//!   [0, 1] (before the start it is 0, after the end 1; `elapsed_raw` keeps the
//!   unclamped value).
//! - With a **progress** share (0 to 1) reported, the **gap** is `progress − elapsed`:
//!   negative when the work is behind the clock. The rating follows the default RAG
//!   profile ([`crate::target::RagProfile::default`], amber within 10%): green when progress keeps up with time, amber when
//!   behind by at most 0.1, red when further behind, grey with no progress reported.
//!   Missing progress is never read as zero.
//! - **Slippage** across snapshots of the same item ([`Slippage::from_points`], which
//!   [`crate::snapshots::Snapshots::slippage`] applies to every item): the latest end
//!   date minus the baseline end date, where the baseline is the earliest snapshot that
//!   gave a date. Snapshots whose end date was withheld or unreadable are counted, never
//!   guessed.
//!
//! ```
//! use chrono::NaiveDate;
//! use roadmap_tracker::schedule::{health, Slippage};
//! use roadmap_tracker::status::Rag;
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let h = health(d(2026, 1, 1), d(2026, 12, 31), d(2026, 7, 2), Some(0.35))?;
//! assert_eq!(h.elapsed, 0.5); // 182 of 364 days
//! assert_eq!(h.rag, Rag::Red); // 0.35 done with half the time gone: more than 0.1 behind
//! let s = Slippage::from_points(&[(d(2019, 9, 30), Some(d(2023, 3, 31))), (d(2020, 9, 30), None),
//!                    (d(2022, 9, 30), Some(d(2025, 3, 31)))]).unwrap();
//! assert_eq!((s.days, s.undated), (731, 1));
//! # Ok::<(), roadmap_tracker::Error>(())
//! ```

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, ErrorCode, Location, Problem};
use crate::status::Rag;
use crate::target::DEFAULT_AMBER_WITHIN;

/// Time elapsed against progress, on one date.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ScheduleHealth {
    /// The share of the time between start and end that has gone, in [0, 1].
    pub elapsed: f64,
    /// The same, unclamped (negative before the start, above 1 after the end).
    pub elapsed_raw: f64,
    /// The progress reported, if any.
    pub progress: Option<f64>,
    /// `progress − elapsed`, when progress is reported.
    pub gap: Option<f64>,
    /// The rating (see the [module docs](self)).
    pub rag: Rag,
}

fn invalid(field: &str, message: String) -> Error {
    Error::evaluation(Problem::new(
        ErrorCode::InvalidArgument,
        Location::default().with_field(field),
        message,
    ))
}

/// Time elapsed against progress on `as_of`. An end date not after the start, or a
/// progress outside [0, 1] (or not a number), is an `invalid_argument` error.
///
/// ```
/// use chrono::NaiveDate;
/// use roadmap_tracker::schedule::health;
/// use roadmap_tracker::status::Rag;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let h = health(d(2026, 1, 1), d(2026, 1, 11), d(2026, 1, 6), None)?;
/// assert_eq!((h.elapsed, h.gap, h.rag), (0.5, None, Rag::Grey));
/// let h = health(d(2026, 1, 1), d(2026, 1, 11), d(2026, 1, 6), Some(0.45))?;
/// assert_eq!(h.rag, Rag::Amber);
/// assert!(health(d(2026, 1, 1), d(2026, 1, 1), d(2026, 1, 6), None).is_err());
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
pub fn health(
    start: NaiveDate,
    end: NaiveDate,
    as_of: NaiveDate,
    progress: Option<f64>,
) -> Result<ScheduleHealth, Error> {
    if end <= start {
        return Err(invalid(
            "end",
            format!("the end date {end} is not after the start date {start}"),
        ));
    }
    if let Some(p) = progress {
        if !(0.0..=1.0).contains(&p) {
            return Err(invalid(
                "progress",
                format!("progress {p} is not a share between 0 and 1"),
            ));
        }
    }
    let span = end.signed_duration_since(start).num_days() as f64;
    let gone = as_of.signed_duration_since(start).num_days() as f64;
    let elapsed_raw = gone / span;
    let elapsed = elapsed_raw.clamp(0.0, 1.0);
    let gap = progress.map(|p| p - elapsed);
    let rag = match gap {
        None => Rag::Grey,
        Some(g) if g >= 0.0 => Rag::Green,
        // A small tolerance so that "exactly 0.1 behind" is amber despite rounding.
        Some(g) if g >= -DEFAULT_AMBER_WITHIN - 1e-12 => Rag::Amber,
        Some(_) => Rag::Red,
    };
    Ok(ScheduleHealth {
        elapsed,
        elapsed_raw,
        progress,
        gap,
        rag,
    })
}

/// How far an item's end date moved across snapshots.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Slippage {
    /// The snapshot that first gave an end date.
    #[serde(with = "crate::dates::serde_date")]
    pub baseline_as_of: NaiveDate,
    /// The end date it gave.
    #[serde(with = "crate::dates::serde_date")]
    pub baseline_end: NaiveDate,
    /// The latest snapshot that gave an end date.
    #[serde(with = "crate::dates::serde_date")]
    pub latest_as_of: NaiveDate,
    /// The end date it gave.
    #[serde(with = "crate::dates::serde_date")]
    pub latest_end: NaiveDate,
    /// `latest_end − baseline_end` in days: positive when the end moved later.
    pub days: i64,
    /// Snapshots that gave an end date.
    pub dated: usize,
    /// Snapshots of the item without a usable end date (withheld, free text, unreadable).
    pub undated: usize,
}

impl Slippage {
    /// Slippage from `(snapshot date, end date if given)` pairs, in any order; `None`
    /// when no snapshot gave an end date. This is the one slippage rule;
    /// [`crate::snapshots::Snapshots::slippage`] gathers the pairs of every item.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use roadmap_tracker::schedule::Slippage;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// assert!(Slippage::from_points(&[(d(2020, 9, 30), None)]).is_none());
    /// let early = Slippage::from_points(&[(d(2021, 9, 30), Some(d(2024, 1, 31))), (d(2020, 9, 30), Some(d(2024, 3, 31)))]).unwrap();
    /// assert_eq!(early.days, -60); // brought forward
    /// ```
    pub fn from_points(snapshots: &[(NaiveDate, Option<NaiveDate>)]) -> Option<Slippage> {
        let mut dated: Vec<(NaiveDate, NaiveDate)> = snapshots
            .iter()
            .filter_map(|(as_of, end)| end.map(|e| (*as_of, e)))
            .collect();
        crate::sort::sort_by_key(&mut dated, |(a, e)| {
            (crate::sort::day(*a), crate::sort::day(*e))
        });
        let (baseline_as_of, baseline_end) = *dated.first()?;
        let (latest_as_of, latest_end) = *dated.last()?;
        Some(Slippage {
            baseline_as_of,
            baseline_end,
            latest_as_of,
            latest_end,
            days: latest_end.signed_duration_since(baseline_end).num_days(),
            dated: dated.len(),
            undated: snapshots.len() - dated.len(),
        })
    }
}
