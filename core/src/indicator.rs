//! Standalone indicators: a [`Target`] with a date, scored on dated results the way
//! results frameworks score them.
//!
//! Canada's departmental results framework is the model: an [`Indicator`] has a
//! [`Target`] (exact, minimum, maximum or range), a date to achieve it ([`TargetDate`]: a
//! date, or a deadline phrase read by [`crate::deadline`]), an optional baseline and
//! dated results. The target, status, progress, trend and RAG rules are those of
//! [`crate::target`], the same that score a roadmap's metrics. As of a date,
//! [`Indicator::evaluate`] gives
//!
//! - a **status** ([`TargetStatus`]): `future` until the target date has passed; then
//!   `met` or `not_met` by the latest result dated on or before the target date, or
//!   `not_available` when there is no such result. A result without a value is missing
//!   data: it is counted, never read as zero.
//! - **progress from the baseline** to the target ([`Target::progress`]), unclamped; none
//!   without a baseline or a result, or when the baseline already meets the target.
//! - the **direction** (given, or implied by the target) and the **trend** of the last
//!   two results.
//! - a **RAG rating** of the latest result under a [`RagProfile`]: the indicator's own
//!   target (`target`), "amber within 10% of target" (`within-10-percent`, the default),
//!   or a fixed mark such as the GOV.UK "great service" marks (`gov-uk-digital-take-up`:
//!   above 79%).
//!
//! The rules, with worked examples that are also tests, are in `docs/indicators.md`.
//!
//! ```
//! use chrono::NaiveDate;
//! use roadmap_tracker::indicator::{Indicator, IndicatorResult};
//! use roadmap_tracker::target::{RagProfile, Target, TargetDate, TargetStatus};
//! use roadmap_tracker::deadline::Conventions;
//! use roadmap_tracker::status::Rag;
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let mut take_up = Indicator::new("take-up", Target::at_least(80.0),
//!     TargetDate::deadline("by March 2026", d(2025, 4, 1)));
//! take_up.baseline = Some(60.0);
//! take_up.results.push(IndicatorResult::new(d(2026, 3, 31), Some(76.0)));
//! let e = take_up.evaluate(d(2026, 6, 1), &RagProfile::default(), &Conventions::default())?;
//! assert_eq!(e.status, TargetStatus::NotMet);
//! assert_eq!(e.progress, Some(0.8));   // 16 of the 20 points
//! assert_eq!(e.rag, Rag::Amber);       // 4 short, within 8 (10% of 80)
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::deadline::Conventions;
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::model::Direction;
use crate::status::Rag;
use crate::target::{RagProfile, Target, TargetDate, TargetStatus, Trend};

/// One dated result; `value` is `None` when the result was not reported (missing data,
/// never zero).
///
/// ```
/// # use roadmap_tracker::indicator::IndicatorResult;
/// # use chrono::NaiveDate;
/// let r = IndicatorResult::new(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(), None);
/// assert!(r.value.is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorResult {
    /// The date the result is for (the end of the period measured).
    #[serde(with = "crate::dates::serde_date")]
    pub date: NaiveDate,
    /// The value, or `None` when it was not available.
    #[serde(default)]
    pub value: Option<f64>,
    /// A note (a source, why the value is missing).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl IndicatorResult {
    /// A result without a note.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::IndicatorResult;
    /// # use chrono::NaiveDate;
    /// let r = IndicatorResult::new(NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(), Some(82.0));
    /// assert_eq!(r.value, Some(82.0));
    /// ```
    pub fn new(date: NaiveDate, value: Option<f64>) -> IndicatorResult {
        IndicatorResult {
            date,
            value,
            note: String::new(),
        }
    }
}

/// A performance indicator with a target. See the [module docs](self).
///
/// In JSON: `{"id": ..., "target": {"type": "minimum", "value": 80}, "target_date":
/// "2026-03-31", "baseline": 60, "results": [{"date": "2026-03-31", "value": 82}]}`;
/// `name`, `unit`, `baseline`, `direction` and `results` are optional, and unknown keys
/// are refused.
///
/// ```
/// # use roadmap_tracker::indicator::Indicator;
/// let i: Indicator = serde_json::from_str(r#"{"id": "wait", "target": {"type": "maximum", "value": 18},
///     "target_date": "2026-03-31", "unit": "weeks"}"#)?;
/// assert_eq!(i.target.to_string(), "at most 18");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// The indicator's id.
    pub id: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// The unit of its values (`%` for the GOV.UK marks, which are percentages 0–100).
    #[serde(default)]
    pub unit: String,
    /// The target.
    pub target: Target,
    /// When the target is to be met.
    pub target_date: TargetDate,
    /// The value before the work began, for progress.
    #[serde(default)]
    pub baseline: Option<f64>,
    /// Whether higher or lower is better; implied by a minimum or maximum target.
    #[serde(default)]
    pub direction: Option<Direction>,
    /// The results, in any order.
    #[serde(default)]
    pub results: Vec<IndicatorResult>,
}

impl Indicator {
    /// An indicator with no baseline, direction or results.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::Indicator;
    /// # use roadmap_tracker::target::{Target, TargetDate};
    /// # use chrono::NaiveDate;
    /// let i = Indicator::new("x", Target::at_least(1.0), TargetDate::On(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()));
    /// assert!(i.results.is_empty());
    /// ```
    pub fn new(id: &str, target: Target, target_date: TargetDate) -> Indicator {
        Indicator {
            id: id.to_owned(),
            name: String::new(),
            unit: String::new(),
            target,
            target_date,
            baseline: None,
            direction: None,
            results: Vec::new(),
        }
    }
}

/// A result used by an evaluation.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ResultUsed {
    /// Its position in the indicator's results.
    pub index: usize,
    /// Its date.
    #[serde(with = "crate::dates::serde_date")]
    pub date: NaiveDate,
    /// Its value.
    pub value: f64,
}

/// An indicator as of a date. See the [module docs](self).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct IndicatorEvaluation {
    /// The indicator's id.
    pub indicator: String,
    /// The date evaluated.
    #[serde(with = "crate::dates::serde_date")]
    pub as_of: NaiveDate,
    /// The target.
    pub target: Target,
    /// The date the target is to be met by.
    #[serde(with = "crate::dates::serde_date")]
    pub target_date: NaiveDate,
    /// Met, not met, not available or future.
    pub status: TargetStatus,
    /// The result the status was judged on: the latest with a value dated on or before
    /// the target date (only once the date has passed).
    pub judged: Option<ResultUsed>,
    /// The latest result with a value dated on or before `as_of`.
    pub latest: Option<ResultUsed>,
    /// How many results dated on or before `as_of` have no value.
    pub missing: usize,
    /// The baseline.
    pub baseline: Option<f64>,
    /// Progress from the baseline to the target's goal, unclamped (negative: worse than
    /// the baseline; above 1: beyond the goal).
    pub progress: Option<f64>,
    /// The direction: given, or implied by the target (or, for exact and range targets,
    /// by the baseline's side of the goal).
    pub direction: Option<Direction>,
    /// How the latest result moved from the one before it.
    pub trend: Option<Trend>,
    /// The RAG profile's id.
    pub profile: String,
    /// The rating of the latest result.
    pub rag: Rag,
    /// One sentence explaining the status.
    pub reason: String,
}

fn invalid(path: &str, field: Option<&str>, why: String) -> Error {
    let location = Location::path(path);
    let location = match field {
        Some(f) => location.with_field(f),
        None => location,
    };
    Error::evaluation(Problem::new(ErrorCode::InvalidMetric, location, why))
}

impl Indicator {
    /// Evaluate the indicator as of a date under a RAG profile. Errors (`invalid_metric`,
    /// `deadline`) are located in the indicator (`target.high`, `results[2].value`).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use roadmap_tracker::indicator::{Indicator, IndicatorResult};
    /// use roadmap_tracker::target::{RagProfile, Target, TargetDate, TargetStatus};
    /// use roadmap_tracker::deadline::Conventions;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let mut i = Indicator::new("wait", Target::at_most(18.0), TargetDate::On(d(2026, 3, 31)));
    /// i.results.push(IndicatorResult::new(d(2026, 3, 31), None));
    /// let e = i.evaluate(d(2026, 5, 1), &RagProfile::builtin("target")?, &Conventions::default())?;
    /// assert_eq!((e.status, e.missing), (TargetStatus::NotAvailable, 1));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn evaluate(
        &self,
        as_of: NaiveDate,
        profile: &RagProfile,
        conventions: &Conventions,
    ) -> Result<IndicatorEvaluation, Error> {
        let indicator = self;
        indicator.target.check("target")?;
        profile.check()?;
        let target = indicator.target;
        if let Target::Trajectory { .. } = target {
            return Err(invalid(
                "target",
                Some("type"),
                "a trajectory target needs a dated baseline and a plan: use a roadmap metric"
                    .into(),
            ));
        }
        let target_date = indicator.target_date.resolve(conventions)?;
        if let Some(b) = indicator.baseline {
            if !b.is_finite() {
                return Err(invalid(
                    "baseline",
                    None,
                    "the baseline is not a finite number".into(),
                ));
            }
        }
        if let (Some(given), Some(implied)) = (indicator.direction, target.direction()) {
            if given != implied {
                return Err(invalid(
                    "direction",
                    None,
                    format!(
                        "the direction {} contradicts the {} target, where {}",
                        given.as_str(),
                        target.target_type(),
                        implied.as_str().replace('_', " ")
                    ),
                ));
            }
        }

        // The valued results on or before `as_of`, in date order (ties: stored order).
        let mut valued: Vec<ResultUsed> = Vec::new();
        let mut missing = 0;
        for (index, r) in indicator.results.iter().enumerate() {
            match r.value {
                Some(v) if !v.is_finite() => {
                    return Err(invalid(
                        &format!("results[{index}]"),
                        Some("value"),
                        "a result is not a finite number (leave it empty when it is missing)"
                            .into(),
                    ))
                }
                Some(value) if r.date <= as_of => valued.push(ResultUsed {
                    index,
                    date: r.date,
                    value,
                }),
                None if r.date <= as_of => missing += 1,
                _ => {}
            }
        }
        crate::sort::sort_by_key(&mut valued, |r| (crate::sort::day(r.date), r.index as i64));
        let latest = valued.last().cloned();
        let previous = valued.len().checked_sub(2).and_then(|i| valued.get(i));

        let points: Vec<(NaiveDate, f64)> = valued.iter().map(|r| (r.date, r.value)).collect();
        let (status, judged) = TargetStatus::judge(&target, target_date, as_of, &points);
        let judged = judged.and_then(|i| valued.get(i)).cloned();
        let reason = match (&judged, status) {
            (_, TargetStatus::Future) => format!(
                "the target ({target}) is to be met by {target_date}, which has not passed on {as_of}"
            ),
            (Some(r), _) => format!(
                "{}{} on {} {} the target ({target}) due by {target_date}",
                r.value,
                if indicator.unit.is_empty() {
                    String::new()
                } else {
                    format!(" {}", indicator.unit)
                },
                r.date,
                if status == TargetStatus::Met {
                    "meets"
                } else {
                    "does not meet"
                }
            ),
            (None, _) => format!(
                "the target date {target_date} has passed with no result dated on or before it{}",
                if missing > 0 {
                    format!(
                        " ({missing} result{} not available)",
                        if missing == 1 { "" } else { "s" }
                    )
                } else {
                    String::new()
                }
            ),
        };

        let progress = match (indicator.baseline, &latest) {
            (Some(b), Some(l)) => target.progress(b, l.value),
            _ => None,
        };
        let direction = indicator.direction.or_else(|| match indicator.baseline {
            Some(b) => target.direction_from(b),
            None => target.direction(),
        });
        let trend = match (direction, previous, &latest) {
            (Some(dir), Some(p), Some(l)) => Some(Trend::between(dir, p.value, l.value)),
            _ => None,
        };
        let rag = profile.rate(latest.as_ref().map(|l| l.value), &target);
        Ok(IndicatorEvaluation {
            indicator: indicator.id.clone(),
            as_of,
            target,
            target_date,
            status,
            judged,
            latest,
            missing,
            baseline: indicator.baseline,
            progress,
            direction,
            trend,
            profile: profile.id.clone(),
            rag,
            reason,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_forms() {
        let i: Indicator = serde_json::from_str(
            r#"{"id": "a", "target": {"type": "range", "low": 1, "high": 2},
                "target_date": {"phrase": "by March 2026", "written_on": "2025-04-01"},
                "results": [{"date": "2026-03-01", "value": null}, {"date": "2026-03-02"}]}"#,
        )
        .unwrap();
        assert_eq!(i.target, Target::range(1.0, 2.0));
        assert!(matches!(i.target_date, TargetDate::Deadline(_)));
        assert_eq!(i.results.len(), 2);
        assert!(i.results.iter().all(|r| r.value.is_none()));
        let bad = serde_json::from_str::<Indicator>(
            r#"{"id": "a", "target": {"type": "minimum", "value": 1, "vaule": 2}, "target_date": "2026-01-01"}"#,
        );
        assert!(bad.is_err());
        let back: Indicator = serde_json::from_str(&serde_json::to_string(&i).unwrap()).unwrap();
        assert_eq!(back, i);
    }
}
