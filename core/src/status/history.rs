//! Status over time: a series of dates, and what changed between two dates.
//!
//! History does not re-run the rules for every commitment on every date. A commitment's
//! status can only change on a few dates: when an update becomes visible or goes stale,
//! when its deadline is written, and when the deadline's window opens, closes or its grace
//! runs out. The rules run once per such segment that holds a date of the series, and the
//! result fills the run of dates up to the next change. The tests check this against
//! evaluating every date.

use std::ops::Range;

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use super::evaluate::Evaluator;
use super::evaluate::Why;
use super::prepared::{Prepared, Tracked};
use super::rules::Verdict;
use super::{DerivedStatus, Rag};
use crate::deadline::{add_days, DeadlineKind};
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::model::NodeKind;
use crate::names::names;
use crate::score::{Acc, ScoreKind, ScoreSeries};

/// The spacing of a history's dates.
///
/// ```
/// use roadmap_tracker::status::Step;
/// assert_eq!(serde_json::to_string(&Step::Weekly)?, "\"weekly\"");
/// assert_eq!("monthly".parse::<Step>()?, Step::Monthly);
/// assert_eq!(Step::Daily.as_str(), "daily");
/// assert_eq!(Step::default(), Step::Monthly); // what a binding uses when none is given
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Step {
    /// Every day.
    Daily,
    /// Every 7 days from the start.
    Weekly,
    /// The start's day of the month in each month (the month's last day when it is
    /// shorter: 31 January, 28 February, 31 March).
    #[default]
    Monthly,
}

names! { serde Step, "step" {
    Daily => "daily",
    Weekly => "weekly",
    Monthly => "monthly",
}}

/// A stretch of consecutive dates of the series with the same status.
///
/// ```
/// # use roadmap_tracker::Roadmap;
/// # use roadmap_tracker::status::{DerivedStatus, Evaluator, Rules, Step};
/// # use chrono::NaiveDate;
/// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// let h = Evaluator::new(roadmap.clone(), Rules::default())?.history(Some(d(1, 19)), d(12, 31), Step::Daily)?;
/// let runs = &h.timeline("supplier-information-service").unwrap().runs;
/// assert_eq!(runs.len(), 4); // not started, due in March, overdue until the report, met
/// assert_eq!((runs[3].start, runs[3].status), (d(6, 4), DerivedStatus::MetOnTime));
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Run {
    /// The first date of the series in the run.
    #[serde(with = "crate::dates::serde_date")]
    pub start: NaiveDate,
    /// The last date of the series in the run.
    #[serde(with = "crate::dates::serde_date")]
    pub end: NaiveDate,
    /// The status throughout.
    pub status: DerivedStatus,
    /// The rating throughout.
    pub rag: Rag,
    /// The rule throughout.
    pub rule: &'static str,
    /// Whether it was due throughout.
    pub due: bool,
}

/// One commitment's or milestone's statuses over the series, as runs.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Timeline {
    /// The node's id.
    pub node: String,
    /// `commitment` or `milestone`.
    pub kind: NodeKind,
    /// Consecutive runs covering every date of the series, in order.
    pub runs: Vec<Run>,
}

impl Timeline {
    /// The status on a date (the run holding the latest series date on or before it).
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{DerivedStatus, Evaluator, Rules, Step};
    /// # use chrono::NaiveDate;
    /// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    /// let h = Evaluator::new(roadmap.clone(), Rules::default())?.history(Some(d(1, 19)), d(12, 31), Step::Daily)?;
    /// let t = h.timeline("digital-sourcing-strategy").unwrap();
    /// assert_eq!(t.status_at(d(3, 15)), Some(DerivedStatus::DueNow));
    /// assert_eq!(t.status_at(d(5, 1)), Some(DerivedStatus::OverdueUnconfirmed));
    /// assert_eq!(t.status_at(d(7, 1)), Some(DerivedStatus::Delayed));
    /// assert_eq!(t.status_at(d(1, 1)), None);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn status_at(&self, date: NaiveDate) -> Option<DerivedStatus> {
        self.run_at(date).map(|r| r.status)
    }

    /// The run holding a date of the series (the latest run starting on or before it).
    pub fn run_at(&self, date: NaiveDate) -> Option<&Run> {
        let i = self.runs.partition_point(|r| r.start <= date);
        i.checked_sub(1).and_then(|i| self.runs.get(i))
    }
}

/// One commitment's or milestone's status on one date of a [`History`]: a row of its
/// long form ([`History::rows`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct HistoryRow<'h> {
    /// The date of the series.
    #[serde(with = "crate::dates::serde_date")]
    pub date: NaiveDate,
    /// The node's id.
    pub node: &'h str,
    /// `commitment` or `milestone`.
    pub kind: NodeKind,
    /// The status on that date.
    pub status: DerivedStatus,
    /// The rating on that date.
    pub rag: Rag,
    /// The rule that gave the status.
    pub rule: &'static str,
    /// Whether it was due.
    pub due: bool,
}

/// Derived statuses and scores over a series of dates.
///
/// Memory is one [`ScorePoint`](crate::score::ScorePoint) per date for the roadmap and every section, sub-category
/// and area, plus a few runs per commitment.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct History {
    /// The first date.
    #[serde(with = "crate::dates::serde_date")]
    pub from: NaiveDate,
    /// The last date asked for (the series may stop before it, on the step's grid).
    #[serde(with = "crate::dates::serde_date")]
    pub to: NaiveDate,
    /// The spacing.
    pub step: Step,
    /// The series: `from`, then every step while on or before `to`.
    #[serde(serialize_with = "serialize_dates")]
    pub dates: Vec<NaiveDate>,
    /// Every commitment and milestone, in roadmap order.
    pub commitments: Vec<Timeline>,
    /// The roadmap's scores first, then every section, sub-category and area in roadmap
    /// order, as in [`super::Evaluation::scores`].
    pub scores: Vec<ScoreSeries>,
}

fn serialize_dates<S: serde::Serializer>(dates: &[NaiveDate], s: S) -> Result<S::Ok, S::Error> {
    // `YYYY-MM-DD`, written as every other date is.
    struct Iso<'a>(&'a NaiveDate);
    impl serde::Serialize for Iso<'_> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            crate::dates::serde_date::serialize(self.0, s)
        }
    }
    s.collect_seq(dates.iter().map(Iso))
}

impl History {
    /// The long form, for tables and plots: one row per date of the series and commitment
    /// or milestone, by date, and in roadmap order within a date.
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{DerivedStatus, Evaluator, Rules, Step};
    /// # use chrono::NaiveDate;
    /// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    /// let h = Evaluator::new(roadmap.clone(), Rules::default())?.history(Some(d(1, 19)), d(12, 31), Step::Monthly)?;
    /// let rows = h.rows();
    /// assert_eq!(rows.len(), h.dates.len() * h.commitments.len()); // 12 dates × 52
    /// let sourcing = rows.iter().find(|r| r.node == "digital-sourcing-strategy" && r.date == d(5, 19));
    /// assert_eq!(sourcing.map(|r| r.status), Some(DerivedStatus::OverdueUnconfirmed));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn rows(&self) -> Vec<HistoryRow<'_>> {
        let mut rows = Vec::with_capacity(self.dates.len() * self.commitments.len());
        for &date in &self.dates {
            for t in &self.commitments {
                if let Some(run) = t.run_at(date).filter(|r| date <= r.end) {
                    rows.push(HistoryRow {
                        date,
                        node: &t.node,
                        kind: t.kind,
                        status: run.status,
                        rag: run.rag,
                        rule: run.rule,
                        due: run.due,
                    });
                }
            }
        }
        rows
    }

    /// The timeline of a commitment or milestone by id (a linear scan).
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{Evaluator, Rules, Step};
    /// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
    /// let day = roadmap.published;
    /// let h = Evaluator::new(roadmap.clone(), Rules::default())?.history(Some(day), day, Step::Daily)?;
    /// assert!(h.timeline("treasury-finance-data").is_some());
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn timeline(&self, node: &str) -> Option<&Timeline> {
        self.commitments.iter().find(|t| t.node == node)
    }

    /// The score series of a section, sub-category or area by id (a linear scan).
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{Evaluator, Rules, Step};
    /// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
    /// let day = roadmap.published;
    /// let h = Evaluator::new(roadmap.clone(), Rules::default())?.history(Some(day), day, Step::Daily)?;
    /// assert!(h.score_series("ai").is_some());
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn score_series(&self, node: &str) -> Option<&ScoreSeries> {
        self.scores.iter().find(|s| s.node.as_deref() == Some(node))
    }
}

/// What changed for one commitment or milestone between two as-of dates.
///
/// ```
/// # use roadmap_tracker::Roadmap;
/// # use roadmap_tracker::status::{DerivedStatus, Evaluator, Rules};
/// # use chrono::NaiveDate;
/// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
/// let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// let changes = evaluator.changes(d(6, 4), d(11, 24));
/// let leadership = changes.iter().find(|c| c.node == "central-local-leadership").unwrap();
/// assert_eq!((leadership.from, leadership.to), (DerivedStatus::DueNow, DerivedStatus::OverdueUnconfirmed));
/// assert!(leadership.updates.is_empty()); // no word since
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct Change {
    /// The node's id.
    pub node: String,
    /// `commitment` or `milestone`.
    pub kind: NodeKind,
    /// The status on the earlier date.
    pub from: DerivedStatus,
    /// The status on the later date.
    pub to: DerivedStatus,
    /// The rating on the earlier date.
    pub from_rag: Rag,
    /// The rating on the later date.
    pub to_rag: Rag,
    /// The rule that gave `to`.
    pub rule: &'static str,
    /// Updates dated after the earlier date and on or before the later one (positions in
    /// `roadmap.updates`, by date).
    pub updates: Vec<usize>,
    /// What the reason is written from.
    why: Why,
}

impl Change {
    /// Why the status is now `to`: the reason of the status on the later date (see
    /// [`super::CommitmentStatus::reason`]), written when asked for or serialised.
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{Evaluator, Rules};
    /// # use chrono::NaiveDate;
    /// let evaluator = Evaluator::new(Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?, Rules::default())?;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    /// let changes = evaluator.changes(d(6, 4), d(11, 24));
    /// let c = changes.iter().find(|c| c.node == "central-local-leadership").unwrap();
    /// assert_eq!(Some(c.reason()), evaluator.status_of(&c.node, d(11, 24)).map(|s| s.reason()));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn reason(&self) -> String {
        self.why.reason()
    }
}

/// The serialised form of a [`Change`], the reason written out last.
#[derive(Serialize)]
#[serde(rename = "Change")]
struct ChangeOut<'a> {
    node: &'a str,
    kind: NodeKind,
    from: DerivedStatus,
    to: DerivedStatus,
    from_rag: Rag,
    to_rag: Rag,
    rule: &'static str,
    updates: &'a [usize],
    reason: String,
}

impl Serialize for Change {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ChangeOut {
            node: &self.node,
            kind: self.kind,
            from: self.from,
            to: self.to,
            from_rag: self.from_rag,
            to_rag: self.to_rag,
            rule: self.rule,
            updates: &self.updates,
            reason: self.reason(),
        }
        .serialize(s)
    }
}

impl PartialEq for Change {
    fn eq(&self, other: &Self) -> bool {
        self.node == other.node
            && self.kind == other.kind
            && self.from == other.from
            && self.to == other.to
            && self.from_rag == other.from_rag
            && self.to_rag == other.to_rag
            && self.rule == other.rule
            && self.updates == other.updates
            && self.why.same(&other.why)
    }
}

impl std::fmt::Debug for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Change")
            .field("node", &self.node)
            .field("kind", &self.kind)
            .field("from", &self.from)
            .field("to", &self.to)
            .field("from_rag", &self.from_rag)
            .field("to_rag", &self.to_rag)
            .field("rule", &self.rule)
            .field("updates", &self.updates)
            .field("reason", &self.reason())
            .finish()
    }
}

/// The dates of a series.
/// The most cells (dates of the series times scored nodes, the roadmap included) one
/// history may have: ten million, which keeps a history within a few hundred megabytes.
/// A longer one is refused with `too_large` before any of it is built.
pub const MAX_HISTORY_CELLS: u64 = 10_000_000;

/// How many dates [`series`] gives from `from` to `to` (`from <= to`), at most one too many
/// for a monthly series, counted without building it.
fn series_len(from: NaiveDate, to: NaiveDate, step: Step) -> u64 {
    let days = u64::try_from((to - from).num_days()).unwrap_or(0);
    match step {
        Step::Daily => days + 1,
        Step::Weekly => days / 7 + 1,
        Step::Monthly => {
            let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
            u64::try_from(months(to) - months(from)).unwrap_or(0) + 1
        }
    }
}

fn series(from: NaiveDate, to: NaiveDate, step: Step) -> Vec<NaiveDate> {
    let mut dates = Vec::new();
    let mut k: u32 = 0;
    loop {
        let next = match step {
            Step::Daily => from.checked_add_days(chrono::Days::new(u64::from(k))),
            Step::Weekly => from.checked_add_days(chrono::Days::new(7 * u64::from(k))),
            // Always from the start, so 31 January gives 28 February then 31 March.
            Step::Monthly => from.checked_add_months(Months::new(k)),
        };
        match next {
            Some(d) if d <= to => dates.push(d),
            _ => break,
        }
        let Some(k1) = k.checked_add(1) else { break };
        k = k1;
    }
    dates
}

impl Evaluator {
    /// The dates on which a node's status can change: the verdict is constant from each of
    /// these dates up to the day before the next.
    fn change_points(&self, t: &Tracked, out: &mut Vec<NaiveDate>) {
        out.clear();
        let grace = i64::from(self.rules().grace_days);
        let from_grace = i64::from(self.rules().from_grace_days.max(self.rules().grace_days));
        let p = self.prepared();
        let mut dated = Vec::new();
        if let Some(deadline) = p.deadlines.get(t.deadline as usize) {
            out.push(t.written_on);
            dated.push(deadline);
        }
        for u in p.updates_of(t) {
            out.push(u.visible);
            if let Some(new) = p.deadlines.get(u.new_deadline as usize) {
                out.push(u.new_written);
                dated.push(new);
            }
        }
        for deadline in dated {
            out.extend(deadline.due_from());
            if let Some(e) = deadline.earliest() {
                out.push(e);
                if deadline.kind() == DeadlineKind::From {
                    out.extend(add_days(e, grace));
                    out.extend(add_days(e, from_grace));
                }
            }
            if let Some(l) = deadline.latest() {
                out.extend(add_days(l, 1));
                out.extend(add_days(l, grace + 1));
            }
        }
        crate::sort::sort_values(out);
        out.dedup();
    }

    /// Walk the series for one node, calling `each(dates, verdict)` once per stretch of
    /// consecutive series dates (by index) with one verdict: the rules run on the first
    /// date of each change segment that holds a series date, and the verdict holds up to
    /// the day before the next change point.
    fn walk(
        &self,
        t: &Tracked,
        dates: &[NaiveDate],
        points: &mut Vec<NaiveDate>,
        mut each: impl FnMut(Range<usize>, &Verdict),
    ) {
        self.change_points(t, points);
        let mut next = 0;
        let mut i = 0;
        while let Some(&d) = dates.get(i) {
            while points.get(next).is_some_and(|&p| p <= d) {
                next += 1;
            }
            let v = self.verdict(t, d).0;
            // Every later series date before the next change point has the same verdict
            // (at least `d` itself, which is before it).
            let end = match points.get(next) {
                Some(&p) => {
                    i + dates
                        .get(i..)
                        .unwrap_or_default()
                        .partition_point(|&x| x < p)
                }
                None => dates.len(),
            };
            let end = end.max(i + 1);
            each(i..end, &v);
            i = end;
        }
    }

    /// The derived status of every commitment and milestone, and every score, on each date
    /// from `from` to `to` by `step`. `from` defaults (`None`) to the roadmap's publication
    /// date, the same default in every binding. `to` before the start is an
    /// `invalid_argument` error.
    ///
    /// ```
    /// use roadmap_tracker::Roadmap;
    /// use roadmap_tracker::status::{DerivedStatus, Evaluator, Rules, Step};
    /// use chrono::NaiveDate;
    ///
    /// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
    /// let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    /// let h = evaluator.history(Some(d(1, 19)), d(11, 24), Step::Weekly)?;
    /// assert_eq!(h.dates.len(), 45);
    /// let leadership = h.timeline("central-local-leadership").unwrap();
    /// assert_eq!(leadership.runs.last().map(|r| r.status), Some(DerivedStatus::OverdueUnconfirmed));
    /// assert!(evaluator.history(Some(d(2, 1)), d(1, 1), Step::Daily).is_err());
    /// // From the publication date (19 January 2026).
    /// let since_published = evaluator.history(None, d(1, 31), Step::Daily)?;
    /// assert_eq!(since_published.from, roadmap.published);
    /// assert_eq!(since_published.dates.len(), 13);
    /// let err = evaluator.history(None, d(1, 1), Step::Daily).unwrap_err();
    /// assert!(err.to_string().contains("publication date"), "{err}");
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn history(
        &self,
        from: Option<NaiveDate>,
        to: NaiveDate,
        step: Step,
    ) -> Result<History, Error> {
        let (from, default) = match from {
            Some(from) => (from, ""),
            None => (
                self.roadmap().published,
                " (the roadmap's publication date)",
            ),
        };
        if to < from {
            return Err(Error::evaluation(Problem::new(
                ErrorCode::InvalidArgument,
                Location::path("to"),
                format!("the history ends on {to}, before it starts on {from}{default}"),
            )));
        }
        let width = self.prepared().slots.len() + 1;
        // The size is known before anything is built: refuse a series over the limit
        // before allocating it (an allocation that would fail is not relied on).
        let planned = series_len(from, to, step).saturating_mul(width as u64);
        if planned > MAX_HISTORY_CELLS {
            return Err(Error::evaluation(Problem::new(
                ErrorCode::TooLarge,
                Location::path("to"),
                format!(
                    "a history from {from} to {to} by {step} for {width} scored nodes has \
                     {planned} cells; the limit is {MAX_HISTORY_CELLS}: use a shorter span or \
                     a longer step"
                ),
            )));
        }
        let dates = series(from, to, step);
        let n = dates.len();
        // Node-major (accumulator, then date), so each commitment writes one contiguous
        // row; the rollup below gathers one date at a time. A series too long for memory
        // is an error, not an abort.
        let too_large = || {
            Error::evaluation(Problem::new(
                ErrorCode::TooLarge,
                Location::path("to"),
                format!(
                    "a history of {n} dates for {width} scored nodes is too large; use a shorter \
                     span or a longer step"
                ),
            ))
        };
        let cells = width.checked_mul(n).ok_or_else(too_large)?;
        let mut accs = Vec::new();
        accs.try_reserve_exact(cells).map_err(|_| too_large())?;
        accs.resize(cells, Acc::default());
        let weights = self.rules().weights;
        let mut points = Vec::new();
        let mut commitments = Vec::with_capacity(self.prepared().tracked.len());
        for t in &self.prepared().tracked {
            let mut runs: Vec<Run> = Vec::new();
            let row: &mut [Acc] = match Prepared::acc_of(t) {
                Some(a) => accs.get_mut(a * n..(a + 1) * n).unwrap_or(&mut []),
                None => &mut [],
            };
            self.walk(t, &dates, &mut points, |span, v| {
                if let Some(cells) = row.get_mut(span.clone()) {
                    Acc::add_to_each(cells, v.status(), v.due, t.expectation, t.weight, &weights);
                }
                let start = dates.get(span.start).copied().unwrap_or(from);
                let end = span
                    .end
                    .checked_sub(1)
                    .and_then(|last| dates.get(last))
                    .copied()
                    .unwrap_or(start);
                match runs.last_mut() {
                    Some(r) if r.rule == v.rule.id && r.due == v.due => r.end = end,
                    _ => runs.push(Run {
                        start,
                        end,
                        status: v.status(),
                        rag: v.rag(),
                        rule: v.rule.id,
                        due: v.due,
                    }),
                }
            });
            let node = self.prepared().roadmap.nodes.get(t.node as usize);
            commitments.push(Timeline {
                node: node.map(|n| n.id.as_str().into()).unwrap_or_default(),
                kind: t.kind,
                runs,
            });
        }

        // One series per scored node, the roadmap's first (as in `finish_scores`), with the
        // node ids cloned once rather than for every date.
        let thresholds = &self.rules().thresholds;
        let ids = std::iter::once((None, ScoreKind::Roadmap)).chain(
            self.prepared().slots.iter().map(|slot| {
                let id = self.prepared().roadmap.nodes.get(slot.node as usize);
                (id.map(|node| node.id.as_str().into()), slot.kind)
            }),
        );
        let mut scores: Vec<ScoreSeries> = if dates.is_empty() {
            Vec::new()
        } else {
            ids.map(|(node, kind)| ScoreSeries {
                node,
                kind,
                points: Vec::with_capacity(n),
            })
            .collect()
        };
        // Every date's totals folded up at once, row by row; then one point per date.
        self.prepared().rollup_rows(&mut accs, n);
        for (series, row) in scores.iter_mut().zip(accs.chunks_exact(n.max(1))) {
            series.points.extend(
                dates
                    .iter()
                    .zip(row)
                    .map(|(&date, acc)| acc.point(date, thresholds)),
            );
        }
        Ok(History {
            from,
            to,
            step,
            dates,
            commitments,
            scores,
        })
    }

    /// What changed between two as-of dates ("since the last report"): every commitment or
    /// milestone whose status or rating differs, or that has updates dated after `since`
    /// and on or before `as_of`, in roadmap order. With `since` on or after `as_of` there
    /// are no new updates, and only status differences are listed.
    ///
    /// ```
    /// use roadmap_tracker::Roadmap;
    /// use roadmap_tracker::status::{DerivedStatus, Evaluator, Rules};
    /// use chrono::NaiveDate;
    ///
    /// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
    /// let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    /// let changes = evaluator.changes(d(1, 19), d(6, 4));
    /// let sis = changes.iter().find(|c| c.node == "supplier-information-service").unwrap();
    /// assert_eq!((sis.from, sis.to), (DerivedStatus::NotYetDue, DerivedStatus::MetOnTime));
    /// assert_eq!(sis.updates.len(), 1);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn changes(&self, since: NaiveDate, as_of: NaiveDate) -> Vec<Change> {
        let mut out = Vec::new();
        for (i, t) in self.prepared().tracked.iter().enumerate() {
            let (before, _) = self.verdict(t, since);
            let (after, latest) = self.verdict(t, as_of);
            let visible = self.prepared().visible(t, as_of);
            let since_then = visible.partition_point(|u| u.visible <= since);
            let new: Vec<usize> = visible
                .get(since_then..)
                .unwrap_or_default()
                .iter()
                .map(|u| u.index as usize)
                .collect();
            if before.status() == after.status() && before.rag() == after.rag() && new.is_empty() {
                continue;
            }
            let status = self.status_from(i as u32, t, after, latest, as_of);
            out.push(Change {
                node: status.node().to_owned(),
                kind: t.kind,
                from: before.status(),
                to: after.status(),
                from_rag: before.rag(),
                to_rag: after.rag(),
                rule: after.rule.id,
                updates: new,
                why: status.why,
            });
        }
        out
    }
}
