//! Indicator targets, scored the way results frameworks score them.
//!
//! Canada's departmental results framework is the model: an [`Indicator`] has a
//! [`Target`] (exact, minimum, maximum or range), a date to achieve it ([`TargetDate`]: a
//! date, or a deadline phrase read by [`crate::deadline`]), an optional baseline and
//! dated results. As of a date, [`evaluate`] gives
//!
//! - a **status** ([`IndicatorStatus`]): `future` until the target date has passed; then
//!   `met` or `not_met` by the latest result dated on or before the target date, or
//!   `not_available` when there is no such result. A result without a value is missing
//!   data: it is counted, never read as zero.
//! - **progress from the baseline** to the target, `(latest − baseline) / (goal − baseline)`,
//!   unclamped; none without a baseline or a result, or when the baseline already meets
//!   the target.
//! - the **direction** (given, or implied by the target) and the **trend** of the last
//!   two results.
//! - a **RAG rating** of the latest result under a named [`RagProfile`]: the indicator's
//!   own target (`target`), "amber within 10% of target" (`within-10-percent`), or a fixed
//!   mark such as the GOV.UK "great service" marks (`gov-uk-digital-take-up`: above 79%).
//!
//! The rules, with worked examples that are also tests, are in `docs/indicators.md`.
//!
//! ```
//! use chrono::NaiveDate;
//! use roadmap_tracker::indicator::{self, Indicator, IndicatorResult, IndicatorStatus, RagProfile, Target, TargetDate};
//! use roadmap_tracker::deadline::Conventions;
//! use roadmap_tracker::status::Rag;
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let mut take_up = Indicator::new("take-up", Target::at_least(80.0),
//!     TargetDate::deadline("by March 2026", d(2025, 4, 1)));
//! take_up.baseline = Some(60.0);
//! take_up.results.push(IndicatorResult::new(d(2026, 3, 31), Some(76.0)));
//! let profile = RagProfile::named("within-10-percent")?;
//! let e = indicator::evaluate(&take_up, d(2026, 6, 1), &profile, &Conventions::default())?;
//! assert_eq!(e.status, IndicatorStatus::NotMet);
//! assert_eq!(e.progress, Some(0.8));   // 16 of the 20 points
//! assert_eq!(e.rag, Rag::Amber);       // 4 short, within 8 (10% of 80)
//! # Ok::<(), roadmap_tracker::Error>(())
//! ```

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::deadline::Conventions;
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::model::{DeadlineText, Direction};
use crate::names::names;
use crate::status::Rag;

/// Slack for comparisons that follow arithmetic (a tolerance, 10% of a target), so that a
/// value exactly on the edge is on it despite rounding.
const EPSILON: f64 = 1e-9;

/// What an indicator aims at.
///
/// ```
/// use roadmap_tracker::indicator::Target;
/// assert!(Target::at_least(80.0).meets(80.0));
/// assert!(!Target::above(79.0).meets(79.0));
/// assert!(Target::range(40.0, 60.0).meets(60.0));
/// assert!(Target::exact(50.0).with_tolerance(2.0).meets(48.0));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Target {
    /// The value itself, give or take `tolerance` (0 unless given).
    Exact {
        /// The value aimed at.
        value: f64,
        /// How far from it still counts as met.
        #[serde(default)]
        tolerance: f64,
    },
    /// At least `value` (more than `value` when `exclusive`: "above 79%").
    Minimum {
        /// The floor.
        value: f64,
        /// Whether the floor itself falls short.
        #[serde(default)]
        exclusive: bool,
    },
    /// At most `value` (less than `value` when `exclusive`: "below 5%").
    Maximum {
        /// The ceiling.
        value: f64,
        /// Whether the ceiling itself is too much.
        #[serde(default)]
        exclusive: bool,
    },
    /// From `low` to `high`, both included.
    Range {
        /// The lowest value that meets the target.
        low: f64,
        /// The highest value that meets the target.
        high: f64,
    },
}

impl Target {
    /// Exactly `value`.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::Target;
    /// assert!(!Target::exact(50.0).meets(50.5));
    /// ```
    pub fn exact(value: f64) -> Target {
        Target::Exact {
            value,
            tolerance: 0.0,
        }
    }

    /// The same exact target, give or take `tolerance`; other targets are unchanged.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::Target;
    /// assert!(Target::exact(50.0).with_tolerance(0.5).meets(50.5));
    /// ```
    pub fn with_tolerance(self, tolerance: f64) -> Target {
        match self {
            Target::Exact { value, .. } => Target::Exact { value, tolerance },
            other => other,
        }
    }

    /// At least `value`.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::Target;
    /// assert!(Target::at_least(80.0).meets(80.0));
    /// ```
    pub fn at_least(value: f64) -> Target {
        Target::Minimum {
            value,
            exclusive: false,
        }
    }

    /// More than `value`.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::Target;
    /// assert!(Target::above(79.0).meets(79.1));
    /// ```
    pub fn above(value: f64) -> Target {
        Target::Minimum {
            value,
            exclusive: true,
        }
    }

    /// At most `value`.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::Target;
    /// assert!(Target::at_most(10.0).meets(10.0));
    /// ```
    pub fn at_most(value: f64) -> Target {
        Target::Maximum {
            value,
            exclusive: false,
        }
    }

    /// Less than `value`.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::Target;
    /// assert!(!Target::below(5.0).meets(5.0));
    /// ```
    pub fn below(value: f64) -> Target {
        Target::Maximum {
            value,
            exclusive: true,
        }
    }

    /// From `low` to `high`, both included.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::Target;
    /// assert!(!Target::range(40.0, 60.0).meets(39.9));
    /// ```
    pub fn range(low: f64, high: f64) -> Target {
        Target::Range { low, high }
    }

    /// The snake_case name of the target's type.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::Target;
    /// assert_eq!(Target::above(79.0).type_name(), "minimum");
    /// ```
    pub fn type_name(&self) -> &'static str {
        match self {
            Target::Exact { .. } => "exact",
            Target::Minimum { .. } => "minimum",
            Target::Maximum { .. } => "maximum",
            Target::Range { .. } => "range",
        }
    }

    /// Whether a value meets the target.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::Target;
    /// assert!(Target::at_most(10.0).meets(9.0));
    /// ```
    pub fn meets(&self, value: f64) -> bool {
        match *self {
            Target::Exact {
                value: t,
                tolerance,
            } => (value - t).abs() <= tolerance + EPSILON,
            Target::Minimum {
                value: t,
                exclusive,
            } => {
                if exclusive {
                    value > t
                } else {
                    value >= t
                }
            }
            Target::Maximum {
                value: t,
                exclusive,
            } => {
                if exclusive {
                    value < t
                } else {
                    value <= t
                }
            }
            Target::Range { low, high } => low <= value && value <= high,
        }
    }

    /// How far a value is outside the target, and the bound that distance is measured
    /// from: the value for exact, minimum and maximum targets (beyond the tolerance for an
    /// exact one), the nearer end for a range. Zero when the value meets the target (or
    /// sits on an exclusive bound).
    ///
    /// ```
    /// # use roadmap_tracker::indicator::Target;
    /// assert_eq!(Target::at_least(80.0).shortfall(76.0), (4.0, 80.0));
    /// assert_eq!(Target::range(40.0, 60.0).shortfall(63.0), (3.0, 60.0));
    /// assert_eq!(Target::exact(50.0).with_tolerance(1.0).shortfall(53.0), (2.0, 50.0));
    /// ```
    pub fn shortfall(&self, value: f64) -> (f64, f64) {
        match *self {
            Target::Exact {
                value: t,
                tolerance,
            } => (((value - t).abs() - tolerance).max(0.0), t),
            Target::Minimum { value: t, .. } => ((t - value).max(0.0), t),
            Target::Maximum { value: t, .. } => ((value - t).max(0.0), t),
            Target::Range { low, high } => {
                if value < low {
                    (low - value, low)
                } else if value > high {
                    (value - high, high)
                } else {
                    (
                        0.0,
                        if value - low <= high - value {
                            low
                        } else {
                            high
                        },
                    )
                }
            }
        }
    }

    /// The value progress is measured towards from a baseline: the target's value, or the
    /// end of a range nearer the baseline.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::Target;
    /// assert_eq!(Target::range(40.0, 60.0).goal(70.0), 60.0);
    /// assert_eq!(Target::at_most(10.0).goal(20.0), 10.0);
    /// ```
    pub fn goal(&self, baseline: f64) -> f64 {
        match *self {
            Target::Exact { value, .. }
            | Target::Minimum { value, .. }
            | Target::Maximum { value, .. } => value,
            Target::Range { low, high } => {
                if baseline > high {
                    high
                } else {
                    low
                }
            }
        }
    }

    /// The direction a minimum or maximum implies; exact and range targets imply none.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::Target;
    /// # use roadmap_tracker::Direction;
    /// assert_eq!(Target::at_most(10.0).direction(), Some(Direction::LowerIsBetter));
    /// assert_eq!(Target::exact(1.0).direction(), None);
    /// ```
    pub fn direction(&self) -> Option<Direction> {
        match self {
            Target::Minimum { .. } => Some(Direction::HigherIsBetter),
            Target::Maximum { .. } => Some(Direction::LowerIsBetter),
            Target::Exact { .. } | Target::Range { .. } => None,
        }
    }

    /// Check the numbers: finite, a non-negative tolerance, `low <= high`. `path` is the
    /// location of the target in error messages.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::Target;
    /// let err = Target::range(60.0, 40.0).check("target").unwrap_err();
    /// assert_eq!(err.location().to_string(), "target.high");
    /// ```
    pub fn check(&self, path: &str) -> Result<(), Error> {
        let bad = |field: &str, why: String| {
            Err(Error::evaluation(Problem::new(
                ErrorCode::InvalidMetric,
                Location::path(path).with_field(field),
                why,
            )))
        };
        match *self {
            Target::Exact { value, tolerance } => {
                if !value.is_finite() {
                    return bad("value", "the target is not a finite number".into());
                }
                if !tolerance.is_finite() || tolerance < 0.0 {
                    return bad(
                        "tolerance",
                        format!("the tolerance {tolerance} is not a finite number of at least 0"),
                    );
                }
            }
            Target::Minimum { value, .. } | Target::Maximum { value, .. } => {
                if !value.is_finite() {
                    return bad("value", "the target is not a finite number".into());
                }
            }
            Target::Range { low, high } => {
                if !low.is_finite() {
                    return bad("low", "the range's low end is not a finite number".into());
                }
                if !high.is_finite() {
                    return bad("high", "the range's high end is not a finite number".into());
                }
                if low > high {
                    return bad(
                        "high",
                        format!("the range's high end {high} is below its low end {low}"),
                    );
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for Target {
    /// The target in words: `at least 80`, `above 79`, `exactly 50 ± 2`, `40 to 60`.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::Target;
    /// assert_eq!(Target::exact(50.0).with_tolerance(2.0).to_string(), "exactly 50 ± 2");
    /// assert_eq!(Target::below(5.0).to_string(), "below 5");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Target::Exact { value, tolerance } if tolerance > 0.0 => {
                write!(f, "exactly {value} ± {tolerance}")
            }
            Target::Exact { value, .. } => write!(f, "exactly {value}"),
            Target::Minimum { value, exclusive } => {
                write!(
                    f,
                    "{} {value}",
                    if exclusive { "above" } else { "at least" }
                )
            }
            Target::Maximum { value, exclusive } => {
                write!(f, "{} {value}", if exclusive { "below" } else { "at most" })
            }
            Target::Range { low, high } => write!(f, "{low} to {high}"),
        }
    }
}

/// When the target is to be met: a date, or a deadline phrase whose last day is the date.
///
/// In JSON, a date is an ISO string (`"2026-03-31"`) and a phrase an object
/// (`{"phrase": "by March 2026", "written_on": "2025-04-01"}`).
///
/// ```
/// use chrono::NaiveDate;
/// use roadmap_tracker::indicator::TargetDate;
/// use roadmap_tracker::deadline::Conventions;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let t = TargetDate::deadline("in 2026-27", d(2025, 4, 1));
/// assert_eq!(t.resolve(&Conventions::default())?, d(2027, 3, 31));
/// assert_eq!(TargetDate::On(d(2026, 3, 31)).resolve(&Conventions::default())?, d(2026, 3, 31));
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TargetDate {
    /// A date.
    On(#[serde(with = "crate::dates::serde_date")] NaiveDate),
    /// A deadline phrase and the date of the document that wrote it.
    Deadline(DeadlineText),
}

impl TargetDate {
    /// A deadline phrase written on a date.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::TargetDate;
    /// # use chrono::NaiveDate;
    /// let t = TargetDate::deadline("by March 2026", NaiveDate::from_ymd_opt(2025, 4, 1).unwrap());
    /// assert!(matches!(t, TargetDate::Deadline(_)));
    /// ```
    pub fn deadline(phrase: &str, written_on: NaiveDate) -> TargetDate {
        TargetDate::Deadline(DeadlineText {
            phrase: phrase.to_owned(),
            written_on,
            source: None,
        })
    }

    /// The date: the date itself, or the last day of the deadline's window. A phrase the
    /// deadline engine refuses is a `deadline` error; one with no last day ("from April",
    /// "in due course") an `invalid_metric` error.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::TargetDate;
    /// # use roadmap_tracker::deadline::Conventions;
    /// # use roadmap_tracker::ErrorCode;
    /// # use chrono::NaiveDate;
    /// let t = TargetDate::deadline("in due course", NaiveDate::from_ymd_opt(2025, 4, 1).unwrap());
    /// assert_eq!(t.resolve(&Conventions::default()).unwrap_err().code(), ErrorCode::InvalidMetric);
    /// ```
    pub fn resolve(&self, conventions: &Conventions) -> Result<NaiveDate, Error> {
        match self {
            TargetDate::On(date) => Ok(*date),
            TargetDate::Deadline(text) => {
                let deadline = conventions
                    .parse(&text.phrase, text.written_on)
                    .map_err(|e| e.at(Location::path("target_date").with_field("phrase")))?;
                deadline.latest().ok_or_else(|| {
                    Error::evaluation(Problem::new(
                        ErrorCode::InvalidMetric,
                        Location::path("target_date").with_field("phrase"),
                        format!(
                            "the target date {:?} has no last day to judge the target on",
                            text.phrase
                        ),
                    ))
                })
            }
        }
    }
}

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
    /// # use roadmap_tracker::indicator::{Indicator, Target, TargetDate};
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

/// An indicator's status, as results frameworks report it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorStatus {
    /// The target date has passed and the result for it meets the target.
    Met,
    /// The target date has passed and the result for it does not meet the target.
    NotMet,
    /// The target date has passed with no result for it.
    NotAvailable,
    /// The target date has not passed yet.
    Future,
}

names! { IndicatorStatus, "indicator status" {
    Met => "met",
    NotMet => "not_met",
    NotAvailable => "not_available",
    Future => "future",
}}

/// Which way the last two results moved, under the indicator's direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Towards better.
    Improving,
    /// Towards worse.
    Worsening,
    /// The same value.
    Unchanged,
}

names! { Trend, "trend" {
    Improving => "improving",
    Worsening => "worsening",
    Unchanged => "unchanged",
}}

/// How to turn a result into a RAG rating.
///
/// The rating compares the latest result with `mark`, or with the indicator's own target
/// when there is no mark: green when it meets it; amber when it falls short by no more
/// than `amber_within` times the bound's size (10% of an 80% target is 8 points); red
/// otherwise; grey with no result.
///
/// ```
/// use roadmap_tracker::indicator::RagProfile;
/// let ids: Vec<String> = RagProfile::builtin().into_iter().map(|p| p.id).collect();
/// assert_eq!(ids, ["target", "within-10-percent", "gov-uk-digital-take-up",
///                  "gov-uk-completion-rate", "gov-uk-user-satisfaction"]);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RagProfile {
    /// The profile's id.
    pub id: String,
    /// What it rates, in words.
    #[serde(default)]
    pub title: String,
    /// A fixed mark to rate against instead of the indicator's target.
    #[serde(default)]
    pub mark: Option<Target>,
    /// The share of the bound within which a shortfall is amber rather than red.
    #[serde(default)]
    pub amber_within: Option<f64>,
}

impl RagProfile {
    fn make(id: &str, title: &str, mark: Option<Target>, amber_within: Option<f64>) -> Self {
        RagProfile {
            id: id.to_owned(),
            title: title.to_owned(),
            mark,
            amber_within,
        }
    }

    /// The built-in profiles: `target` (green when the target is met, red when not),
    /// `within-10-percent` (amber within 10% of target), and the GOV.UK "great service"
    /// marks for digital take-up (above 79%), completion rate (above 80%) and user
    /// satisfaction (above 78%), which rate percentages 0–100 against a fixed mark.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::{RagProfile, Target};
    /// let p = &RagProfile::builtin()[2];
    /// assert_eq!(p.mark, Some(Target::above(79.0)));
    /// ```
    pub fn builtin() -> Vec<RagProfile> {
        vec![
            RagProfile::make(
                "target",
                "green when the target is met, red when it is not",
                None,
                None,
            ),
            RagProfile::make(
                "within-10-percent",
                "green when the target is met, amber within 10% of target, red beyond",
                None,
                Some(0.1),
            ),
            RagProfile::make(
                "gov-uk-digital-take-up",
                "GOV.UK great service mark: digital take-up above 79%",
                Some(Target::above(79.0)),
                None,
            ),
            RagProfile::make(
                "gov-uk-completion-rate",
                "GOV.UK great service mark: completion rate above 80%",
                Some(Target::above(80.0)),
                None,
            ),
            RagProfile::make(
                "gov-uk-user-satisfaction",
                "GOV.UK great service mark: user satisfaction above 78%",
                Some(Target::above(78.0)),
                None,
            ),
        ]
    }

    /// A built-in profile by id.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::RagProfile;
    /// assert_eq!(RagProfile::get("within-10-percent").and_then(|p| p.amber_within), Some(0.1));
    /// assert!(RagProfile::get("gds").is_none());
    /// ```
    pub fn get(id: &str) -> Option<RagProfile> {
        RagProfile::builtin().into_iter().find(|p| p.id == id)
    }

    /// A built-in profile by id, or an `unknown_value` error listing the ids.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::RagProfile;
    /// # use roadmap_tracker::ErrorCode;
    /// assert_eq!(RagProfile::named("gds").unwrap_err().code(), ErrorCode::UnknownValue);
    /// ```
    pub fn named(id: &str) -> Result<RagProfile, Error> {
        RagProfile::get(id).ok_or_else(|| {
            let ids: Vec<String> = RagProfile::builtin().into_iter().map(|p| p.id).collect();
            Error::evaluation(Problem::new(
                ErrorCode::UnknownValue,
                Location::default(),
                format!(
                    "no RAG profile is named {id:?}: expected one of {}",
                    ids.join(", ")
                ),
            ))
        })
    }

    /// Check the profile's numbers (a valid mark, a finite `amber_within` of at least 0).
    ///
    /// ```
    /// # use roadmap_tracker::indicator::RagProfile;
    /// let mut p = RagProfile::named("within-10-percent")?;
    /// p.amber_within = Some(-0.1);
    /// assert_eq!(p.check().unwrap_err().location().to_string(), "profile.amber_within");
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn check(&self) -> Result<(), Error> {
        if let Some(mark) = &self.mark {
            mark.check("profile.mark")?;
        }
        if let Some(share) = self.amber_within {
            if !share.is_finite() || share < 0.0 {
                return Err(Error::evaluation(Problem::new(
                    ErrorCode::InvalidMetric,
                    Location::path("profile").with_field("amber_within"),
                    format!("amber_within {share} is not a finite number of at least 0"),
                )));
            }
        }
        Ok(())
    }

    /// Rate a value (`None`: no result, grey) against the profile's mark, or `target`
    /// when it has none.
    ///
    /// ```
    /// # use roadmap_tracker::indicator::{RagProfile, Target};
    /// # use roadmap_tracker::status::Rag;
    /// let p = RagProfile::named("within-10-percent")?;
    /// let target = Target::at_most(10.0);
    /// assert_eq!(p.rate(Some(10.0), &target), Rag::Green);
    /// assert_eq!(p.rate(Some(11.0), &target), Rag::Amber);
    /// assert_eq!(p.rate(Some(11.5), &target), Rag::Red);
    /// assert_eq!(p.rate(None, &target), Rag::Grey);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn rate(&self, value: Option<f64>, target: &Target) -> Rag {
        let Some(value) = value else {
            return Rag::Grey;
        };
        let against = self.mark.as_ref().unwrap_or(target);
        if against.meets(value) {
            return Rag::Green;
        }
        let (short, bound) = against.shortfall(value);
        match self.amber_within {
            Some(share) if short <= share * bound.abs() + EPSILON => Rag::Amber,
            _ => Rag::Red,
        }
    }
}

/// A result used by an evaluation.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
    pub status: IndicatorStatus,
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

/// Evaluate an indicator as of a date under a RAG profile. Errors (`invalid_metric`,
/// `deadline`) are located in the indicator (`target.high`, `results[2].value`).
///
/// ```
/// use chrono::NaiveDate;
/// use roadmap_tracker::indicator::{self, Indicator, IndicatorResult, IndicatorStatus, RagProfile, Target, TargetDate};
/// use roadmap_tracker::deadline::Conventions;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let mut i = Indicator::new("wait", Target::at_most(18.0), TargetDate::On(d(2026, 3, 31)));
/// i.results.push(IndicatorResult::new(d(2026, 3, 31), None));
/// let e = indicator::evaluate(&i, d(2026, 5, 1), &RagProfile::named("target")?, &Conventions::default())?;
/// assert_eq!((e.status, e.missing), (IndicatorStatus::NotAvailable, 1));
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
pub fn evaluate(
    indicator: &Indicator,
    as_of: NaiveDate,
    profile: &RagProfile,
    conventions: &Conventions,
) -> Result<IndicatorEvaluation, Error> {
    indicator.target.check("target")?;
    profile.check()?;
    let target = indicator.target;
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
                    target.type_name(),
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
                    "a result is not a finite number (leave it empty when it is missing)".into(),
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
    valued.sort_by_key(|r| (r.date, r.index));
    let latest = valued.last().cloned();
    let previous = valued.len().checked_sub(2).and_then(|i| valued.get(i));

    let (status, judged, reason) = if as_of <= target_date {
        (
            IndicatorStatus::Future,
            None,
            format!(
                "the target ({target}) is to be met by {target_date}, which has not passed on {as_of}"
            ),
        )
    } else {
        match valued.iter().rev().find(|r| r.date <= target_date) {
            None => (
                IndicatorStatus::NotAvailable,
                None,
                format!(
                    "the target date {target_date} has passed with no result dated on or before it{}",
                    if missing > 0 {
                        format!(" ({missing} result{} not available)", if missing == 1 { "" } else { "s" })
                    } else {
                        String::new()
                    }
                ),
            ),
            Some(r) => {
                let met = target.meets(r.value);
                (
                    if met {
                        IndicatorStatus::Met
                    } else {
                        IndicatorStatus::NotMet
                    },
                    Some(r.clone()),
                    format!(
                        "{}{} on {} {} the target ({target}) due by {target_date}",
                        r.value,
                        if indicator.unit.is_empty() {
                            String::new()
                        } else {
                            format!(" {}", indicator.unit)
                        },
                        r.date,
                        if met { "meets" } else { "does not meet" }
                    ),
                )
            }
        }
    };

    let progress = match (indicator.baseline, &latest) {
        (Some(b), Some(l)) if !target.meets(b) => {
            let goal = target.goal(b);
            let distance = goal - b;
            (distance != 0.0).then(|| (l.value - b) / distance)
        }
        _ => None,
    };
    let direction = indicator.direction.or(target.direction()).or_else(|| {
        let b = indicator.baseline?;
        let goal = target.goal(b);
        if goal > b {
            Some(Direction::HigherIsBetter)
        } else if goal < b {
            Some(Direction::LowerIsBetter)
        } else {
            None
        }
    });
    let trend = match (direction, previous, &latest) {
        (Some(dir), Some(p), Some(l)) => Some(if l.value == p.value {
            Trend::Unchanged
        } else if (l.value > p.value) == (dir == Direction::HigherIsBetter) {
            Trend::Improving
        } else {
            Trend::Worsening
        }),
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
