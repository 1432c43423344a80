//! Targets: what a measure aims at, by when, how far it has come, and how it rates.
//!
//! One concept serves both the metrics that hang off a roadmap's nodes ([`crate::Metric`],
//! scored by the evaluator in [`crate::metric`]) and standalone results-framework
//! indicators ([`crate::indicator::Indicator`]):
//!
//! - a [`Target`]: **exact** (give or take a tolerance), **minimum**, **maximum**,
//!   **range** (Canada's departmental results framework types) or **trajectory** (reach a
//!   value along a planned path from the baseline, the UK Prime Minister's Delivery Unit's
//!   form, and what a roadmap metric's target was before target types existed);
//! - a date to meet it by ([`TargetDate`]: a date, or a deadline phrase whose window's last
//!   day is the date), judged into a [`TargetStatus`] (`met`, `not_met`, `not_available`,
//!   `future`);
//! - **progress**, one formula for both ([`Target::progress`]):
//!   `(latest − baseline) / (goal − baseline)`, where the goal is the target's value or the
//!   end of a range nearer the baseline. It is **unclamped** here (negative: worse than the
//!   baseline; above 1: beyond the goal). A roadmap metric's `progress` field clamps it to
//!   [0, 1] for display and keeps the raw value in `progress_raw`; an indicator reports it
//!   raw, as results frameworks do.
//! - a **RAG** rating under a [`RagProfile`] (module [`rag`]): the one rule set. The
//!   default profile, `within-10-percent`, is the metric rule the crate has always used:
//!   amber when within 10% (of the baseline-to-target distance behind the plan for a
//!   trajectory target; of the bound's size for a fixed target).
//!
//! ```
//! use roadmap_tracker::target::{RagProfile, Target};
//! use roadmap_tracker::status::Rag;
//! let minimum = Target::at_least(80.0);
//! assert_eq!(minimum.progress(60.0, 76.0), Some(0.8)); // 16 of the 20 points
//! let profile = RagProfile::default();
//! assert_eq!(profile.id, "within-10-percent");
//! assert_eq!(profile.rate(Some(76.0), &minimum), Rag::Amber); // 4 short, within 8
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[path = "target_rag.rs"]
pub mod rag;

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::deadline::Conventions;
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::model::{DeadlineText, Direction, MetricPoint};
use crate::names::names;

pub use rag::RagProfile;
pub(crate) use rag::DEFAULT_AMBER_WITHIN;

/// Slack for comparisons that follow arithmetic (a tolerance, 10% of a target), so that a
/// value exactly on the edge is on it despite rounding.
pub(crate) const EPSILON: f64 = 1e-9;

/// What a measure aims at.
///
/// In JSON, internally tagged by `type`: `{"type": "minimum", "value": 80}`,
/// `{"type": "range", "low": 40, "high": 60}`, `{"type": "trajectory", "value": 80}`.
///
/// ```
/// use roadmap_tracker::target::Target;
/// assert!(Target::at_least(80.0).meets(80.0));
/// assert!(!Target::above(79.0).meets(79.0));
/// assert!(Target::range(40.0, 60.0).meets(60.0));
/// assert!(Target::exact(50.0).with_tolerance(2.0).meets(48.0));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
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
    /// Reach `value` by the date along a planned path from a dated baseline (a straight
    /// line, or the owner's trajectory points), moving in the owner's direction (a
    /// metric's `direction`). It is rated against the plan, not only the end value. On
    /// its own ([`Target::meets`], [`Target::shortfall`]) it reads as "at least `value`";
    /// [`Target::toward`] gives the minimum or maximum it means for a direction.
    Trajectory {
        /// The value aimed at on the target date.
        value: f64,
    },
}

/// The kinds of [`Target`], by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TargetType {
    /// [`Target::Exact`].
    Exact,
    /// [`Target::Minimum`].
    Minimum,
    /// [`Target::Maximum`].
    Maximum,
    /// [`Target::Range`].
    Range,
    /// [`Target::Trajectory`].
    Trajectory,
}

names! { serde TargetType, "target type" {
    Exact => "exact",
    Minimum => "minimum",
    Maximum => "maximum",
    Range => "range",
    Trajectory => "trajectory",
}}

impl Target {
    /// Exactly `value`.
    ///
    /// ```
    /// # use roadmap_tracker::target::Target;
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
    /// # use roadmap_tracker::target::Target;
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
    /// # use roadmap_tracker::target::Target;
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
    /// # use roadmap_tracker::target::Target;
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
    /// # use roadmap_tracker::target::Target;
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
    /// # use roadmap_tracker::target::Target;
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
    /// # use roadmap_tracker::target::Target;
    /// assert!(!Target::range(40.0, 60.0).meets(39.9));
    /// ```
    pub fn range(low: f64, high: f64) -> Target {
        Target::Range { low, high }
    }

    /// `value` by the date, along a planned path.
    ///
    /// ```
    /// # use roadmap_tracker::target::{Target, TargetType};
    /// assert_eq!(Target::trajectory(80.0).target_type(), TargetType::Trajectory);
    /// ```
    pub fn trajectory(value: f64) -> Target {
        Target::Trajectory { value }
    }

    /// The target's type.
    ///
    /// ```
    /// # use roadmap_tracker::target::{Target, TargetType};
    /// assert_eq!(Target::above(79.0).target_type(), TargetType::Minimum);
    /// assert_eq!(Target::above(79.0).target_type().as_str(), "minimum");
    /// ```
    pub fn target_type(&self) -> TargetType {
        match self {
            Target::Exact { .. } => TargetType::Exact,
            Target::Minimum { .. } => TargetType::Minimum,
            Target::Maximum { .. } => TargetType::Maximum,
            Target::Range { .. } => TargetType::Range,
            Target::Trajectory { .. } => TargetType::Trajectory,
        }
    }

    /// The fixed target a trajectory target means for a direction (a minimum when higher
    /// is better, a maximum when lower is); other targets are unchanged.
    ///
    /// ```
    /// # use roadmap_tracker::target::Target;
    /// # use roadmap_tracker::Direction;
    /// assert_eq!(Target::trajectory(50.0).toward(Direction::LowerIsBetter), Target::at_most(50.0));
    /// ```
    pub fn toward(self, direction: Direction) -> Target {
        match (self, direction) {
            (Target::Trajectory { value }, Direction::HigherIsBetter) => Target::at_least(value),
            (Target::Trajectory { value }, Direction::LowerIsBetter) => Target::at_most(value),
            (other, _) => other,
        }
    }

    /// Whether a value meets the target.
    ///
    /// ```
    /// # use roadmap_tracker::target::Target;
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
            Target::Trajectory { value: t } => value >= t,
        }
    }

    /// How far a value is outside the target, and the bound that distance is measured
    /// from: the value for exact, minimum, maximum and trajectory targets (beyond the
    /// tolerance for an exact one), the nearer end for a range. Zero when the value meets
    /// the target (or sits on an exclusive bound).
    ///
    /// ```
    /// # use roadmap_tracker::target::Target;
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
            Target::Minimum { value: t, .. } | Target::Trajectory { value: t } => {
                ((t - value).max(0.0), t)
            }
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
    /// # use roadmap_tracker::target::Target;
    /// assert_eq!(Target::range(40.0, 60.0).goal(70.0), 60.0);
    /// assert_eq!(Target::at_most(10.0).goal(20.0), 10.0);
    /// ```
    pub fn goal(&self, baseline: f64) -> f64 {
        match *self {
            Target::Exact { value, .. }
            | Target::Minimum { value, .. }
            | Target::Maximum { value, .. }
            | Target::Trajectory { value } => value,
            Target::Range { low, high } => {
                if baseline > high {
                    high
                } else {
                    low
                }
            }
        }
    }

    /// Progress from `baseline` to the [goal](Target::goal): `(value − baseline) / (goal −
    /// baseline)`, **unclamped** (negative: worse than the baseline; above 1: beyond the
    /// goal). The crate's one progress formula. `None` when the goal equals the baseline,
    /// or when the baseline already meets a fixed target (there is no way left to go); a
    /// trajectory target's baseline is checked by its owner instead (it must lie on the
    /// far side of the target for the direction).
    ///
    /// ```
    /// # use roadmap_tracker::target::Target;
    /// assert_eq!(Target::at_most(18.0).progress(24.0, 21.0), Some(0.5));
    /// assert_eq!(Target::trajectory(80.0).progress(60.0, 90.0), Some(1.5));
    /// assert_eq!(Target::at_least(95.0).progress(96.0, 97.0), None);
    /// ```
    pub fn progress(&self, baseline: f64, value: f64) -> Option<f64> {
        if !matches!(self, Target::Trajectory { .. }) && self.meets(baseline) {
            return None;
        }
        let distance = self.goal(baseline) - baseline;
        (distance != 0.0 && distance.is_finite()).then(|| (value - baseline) / distance)
    }

    /// The direction a minimum or maximum implies; exact, range and trajectory targets
    /// imply none (an exact or range target's comes from the baseline's side of the goal,
    /// a trajectory's from its owner).
    ///
    /// ```
    /// # use roadmap_tracker::target::Target;
    /// # use roadmap_tracker::Direction;
    /// assert_eq!(Target::at_most(10.0).direction(), Some(Direction::LowerIsBetter));
    /// assert_eq!(Target::exact(1.0).direction(), None);
    /// ```
    pub fn direction(&self) -> Option<Direction> {
        match self {
            Target::Minimum { .. } => Some(Direction::HigherIsBetter),
            Target::Maximum { .. } => Some(Direction::LowerIsBetter),
            Target::Exact { .. } | Target::Range { .. } | Target::Trajectory { .. } => None,
        }
    }

    /// The direction of travel from a baseline: as [`Target::direction`] implies, else by
    /// which side of the goal the baseline is on; `None` when it is on the goal.
    ///
    /// ```
    /// # use roadmap_tracker::target::Target;
    /// # use roadmap_tracker::Direction;
    /// assert_eq!(Target::range(40.0, 60.0).direction_from(70.0), Some(Direction::LowerIsBetter));
    /// ```
    pub fn direction_from(&self, baseline: f64) -> Option<Direction> {
        self.direction().or_else(|| {
            let goal = self.goal(baseline);
            if goal > baseline {
                Some(Direction::HigherIsBetter)
            } else if goal < baseline {
                Some(Direction::LowerIsBetter)
            } else {
                None
            }
        })
    }

    /// The numbers of the target with their field names, for checks.
    pub(crate) fn numbers(&self) -> Vec<(&'static str, f64)> {
        match *self {
            Target::Exact { value, tolerance } => vec![("value", value), ("tolerance", tolerance)],
            Target::Minimum { value, .. }
            | Target::Maximum { value, .. }
            | Target::Trajectory { value } => vec![("value", value)],
            Target::Range { low, high } => vec![("low", low), ("high", high)],
        }
    }

    /// Check the numbers: finite, a non-negative tolerance, `low <= high`. `path` is the
    /// location of the target in error messages (`invalid_metric`).
    ///
    /// ```
    /// # use roadmap_tracker::target::Target;
    /// let err = Target::range(60.0, 40.0).check("target").unwrap_err();
    /// assert_eq!(err.location().to_string(), "target.high");
    /// ```
    pub fn check(&self, path: &str) -> Result<(), Error> {
        match self.fault() {
            None => Ok(()),
            Some((field, why)) => Err(Error::evaluation(Problem::new(
                ErrorCode::InvalidMetric,
                Location::path(path).with_field(field),
                why,
            ))),
        }
    }

    /// What [`Target::check`] refuses: the field and why.
    pub(crate) fn fault(&self) -> Option<(&'static str, String)> {
        for (field, v) in self.numbers() {
            if !v.is_finite() {
                let why = match field {
                    "low" => "the range's low end is not a finite number".to_owned(),
                    "high" => "the range's high end is not a finite number".to_owned(),
                    "tolerance" => {
                        format!("the tolerance {v} is not a finite number of at least 0")
                    }
                    _ => "the target is not a finite number".to_owned(),
                };
                return Some((field, why));
            }
        }
        match *self {
            Target::Exact { tolerance, .. } if tolerance < 0.0 => Some((
                "tolerance",
                format!("the tolerance {tolerance} is not a finite number of at least 0"),
            )),
            Target::Range { low, high } if low > high => Some((
                "high",
                format!("the range's high end {high} is below its low end {low}"),
            )),
            _ => None,
        }
    }
}

impl fmt::Display for Target {
    /// The target in words: `at least 80`, `above 79`, `exactly 50 ± 2`, `40 to 60`; a
    /// trajectory target is its bare value, `80`. [`Target::from_str`] reads these back.
    ///
    /// ```
    /// # use roadmap_tracker::target::Target;
    /// assert_eq!(Target::exact(50.0).with_tolerance(2.0).to_string(), "exactly 50 ± 2");
    /// assert_eq!(Target::below(5.0).to_string(), "below 5");
    /// assert_eq!(Target::trajectory(80.0).to_string(), "80");
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
            Target::Trajectory { value } => write!(f, "{value}"),
        }
    }
}

impl FromStr for Target {
    type Err = Error;

    /// Read a target in the words [`Display`](fmt::Display) writes (the form of the
    /// `target_value` column of `metrics.csv`): `80` (trajectory), `at least 80`,
    /// `above 79`, `at most 18`, `below 5`, `exactly 50`, `exactly 50 ± 2`, `40 to 60`.
    /// Anything else is an `unknown_value` error.
    ///
    /// ```
    /// # use roadmap_tracker::target::Target;
    /// assert_eq!("above 79".parse::<Target>()?, Target::above(79.0));
    /// assert_eq!("40 to 60".parse::<Target>()?, Target::range(40.0, 60.0));
    /// assert_eq!("exactly 50 ± 2".parse::<Target>()?, Target::exact(50.0).with_tolerance(2.0));
    /// assert!("about 50".parse::<Target>().is_err());
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Target, Error> {
        let n = |t: &str| crate::number::parse_f64(t.trim());
        let s = s.trim();
        let parsed = if let Some(v) = n(s) {
            Some(Target::trajectory(v))
        } else if let Some(rest) = s.strip_prefix("at least ") {
            n(rest).map(Target::at_least)
        } else if let Some(rest) = s.strip_prefix("above ") {
            n(rest).map(Target::above)
        } else if let Some(rest) = s.strip_prefix("at most ") {
            n(rest).map(Target::at_most)
        } else if let Some(rest) = s.strip_prefix("below ") {
            n(rest).map(Target::below)
        } else if let Some(rest) = s.strip_prefix("exactly ") {
            match rest.split_once('±') {
                Some((v, t)) => n(v)
                    .zip(n(t))
                    .map(|(v, t)| Target::exact(v).with_tolerance(t)),
                None => n(rest).map(Target::exact),
            }
        } else {
            s.split_once(" to ")
                .and_then(|(lo, hi)| n(lo).zip(n(hi)))
                .map(|(lo, hi)| Target::range(lo, hi))
        };
        parsed.ok_or_else(|| {
            Error::evaluation(Problem::new(
                ErrorCode::UnknownValue,
                Location::default(),
                format!(
                    "unknown target {s:?}: expected a number, \"at least N\", \"above N\", \
                     \"at most N\", \"below N\", \"exactly N\", \"exactly N ± T\" or \"LOW to HIGH\""
                ),
            ))
        })
    }
}

/// The JSON form of a [`crate::MetricTarget`]: the target's fields next to `deadline`,
/// `type` left out for a trajectory target (so the roadmaps written before target types
/// load and save unchanged). Its `Deserialize` is in `model_serde.rs`.
#[derive(Clone, Debug, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MetricTargetJson {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub(crate) kind: Option<TargetType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) tolerance: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) exclusive: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) low: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) high: Option<f64>,
    pub(crate) deadline: DeadlineText,
}

impl TryFrom<MetricTargetJson> for crate::model::MetricTarget {
    type Error = String;

    fn try_from(j: MetricTargetJson) -> Result<Self, String> {
        let kind = j.kind.unwrap_or(TargetType::Trajectory);
        let name = kind.as_str();
        let needs = |field: &str| format!("a {name} target needs `{field}`");
        let refuse = |present: bool, field: &str| {
            if present {
                Err(format!("`{field}` does not apply to a {name} target"))
            } else {
                Ok(())
            }
        };
        let value = || j.value.ok_or_else(|| needs("value"));
        let target = match kind {
            TargetType::Exact => {
                refuse(j.exclusive.is_some(), "exclusive")?;
                refuse(j.low.is_some() || j.high.is_some(), "low/high")?;
                Target::exact(value()?).with_tolerance(j.tolerance.unwrap_or(0.0))
            }
            TargetType::Minimum | TargetType::Maximum => {
                refuse(j.tolerance.is_some(), "tolerance")?;
                refuse(j.low.is_some() || j.high.is_some(), "low/high")?;
                let (value, exclusive) = (value()?, j.exclusive.unwrap_or(false));
                if kind == TargetType::Minimum {
                    Target::Minimum { value, exclusive }
                } else {
                    Target::Maximum { value, exclusive }
                }
            }
            TargetType::Range => {
                refuse(j.value.is_some(), "value")?;
                refuse(j.tolerance.is_some(), "tolerance")?;
                refuse(j.exclusive.is_some(), "exclusive")?;
                Target::range(
                    j.low.ok_or_else(|| needs("low"))?,
                    j.high.ok_or_else(|| needs("high"))?,
                )
            }
            TargetType::Trajectory => {
                refuse(j.tolerance.is_some(), "tolerance")?;
                refuse(j.exclusive.is_some(), "exclusive")?;
                refuse(j.low.is_some() || j.high.is_some(), "low/high")?;
                Target::trajectory(value()?)
            }
        };
        Ok(crate::model::MetricTarget {
            target,
            deadline: j.deadline,
        })
    }
}

impl From<crate::model::MetricTarget> for MetricTargetJson {
    fn from(t: crate::model::MetricTarget) -> Self {
        let mut j = MetricTargetJson {
            kind: Some(t.target.target_type()),
            value: None,
            tolerance: None,
            exclusive: None,
            low: None,
            high: None,
            deadline: t.deadline,
        };
        match t.target {
            Target::Exact { value, tolerance } => {
                j.value = Some(value);
                j.tolerance = (tolerance != 0.0).then_some(tolerance);
            }
            Target::Minimum { value, exclusive } | Target::Maximum { value, exclusive } => {
                j.value = Some(value);
                j.exclusive = exclusive.then_some(true);
            }
            Target::Range { low, high } => {
                j.low = Some(low);
                j.high = Some(high);
            }
            Target::Trajectory { value } => {
                j.kind = None;
                j.value = Some(value);
            }
        }
        j
    }
}

/// When the target is to be met: a date, or a deadline phrase whose last day is the date.
///
/// In JSON, a date is an ISO string (`"2026-03-31"`) and a phrase an object
/// (`{"phrase": "by March 2026", "written_on": "2025-04-01"}`).
///
/// ```
/// use chrono::NaiveDate;
/// use roadmap_tracker::target::TargetDate;
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
    /// # use roadmap_tracker::target::TargetDate;
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
    /// "in due course") an `invalid_metric` error. Errors are located at
    /// `target_date.phrase`.
    ///
    /// ```
    /// # use roadmap_tracker::target::TargetDate;
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

/// A target's status on a date, as results frameworks report it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TargetStatus {
    /// The target date has passed and the result for it meets the target.
    Met,
    /// The target date has passed and the result for it does not meet the target.
    NotMet,
    /// The target date has passed with no result for it.
    NotAvailable,
    /// The target date has not passed yet.
    Future,
}

names! { serde TargetStatus, "target status" {
    Met => "met",
    NotMet => "not_met",
    NotAvailable => "not_available",
    Future => "future",
}}

impl TargetStatus {
    /// Judge a target on `as_of`: `future` until `target_date` has passed; then `met` or
    /// `not_met` by the latest of `valued` (results with values, in date order) dated on or
    /// before the target date, or `not_available` without one. Returns the status and the
    /// position in `valued` of the result judged.
    ///
    /// ```
    /// # use roadmap_tracker::target::{Target, TargetStatus};
    /// # use chrono::NaiveDate;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let results = [(d(2026, 3, 31), 82.0), (d(2026, 4, 30), 70.0)];
    /// let (status, judged) = TargetStatus::judge(&Target::at_least(80.0), d(2026, 3, 31), d(2026, 6, 1), &results);
    /// assert_eq!((status, judged), (TargetStatus::Met, Some(0)));
    /// ```
    pub fn judge(
        target: &Target,
        target_date: NaiveDate,
        as_of: NaiveDate,
        valued: &[(NaiveDate, f64)],
    ) -> (TargetStatus, Option<usize>) {
        if as_of <= target_date {
            return (TargetStatus::Future, None);
        }
        match valued.iter().rposition(|(date, _)| *date <= target_date) {
            None => (TargetStatus::NotAvailable, None),
            Some(i) => {
                let met = valued.get(i).is_some_and(|(_, v)| target.meets(*v));
                (
                    if met {
                        TargetStatus::Met
                    } else {
                        TargetStatus::NotMet
                    },
                    Some(i),
                )
            }
        }
    }
}

/// Which way the last two results moved, under the measure's direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Trend {
    /// Towards better.
    Improving,
    /// Towards worse.
    Worsening,
    /// The same value.
    Unchanged,
}

names! { serde Trend, "trend" {
    Improving => "improving",
    Worsening => "worsening",
    Unchanged => "unchanged",
}}

impl Trend {
    /// How `latest` moved from `previous` when `direction` is better.
    ///
    /// ```
    /// # use roadmap_tracker::target::Trend;
    /// # use roadmap_tracker::Direction;
    /// assert_eq!(Trend::between(Direction::LowerIsBetter, 20.0, 21.0), Trend::Worsening);
    /// ```
    pub fn between(direction: Direction, previous: f64, latest: f64) -> Trend {
        if latest == previous {
            Trend::Unchanged
        } else if (latest > previous) == (direction == Direction::HigherIsBetter) {
            Trend::Improving
        } else {
            Trend::Worsening
        }
    }
}

fn days_between(a: NaiveDate, b: NaiveDate) -> f64 {
    b.signed_duration_since(a).num_days() as f64
}

/// The planned value on a date along `path` (dates strictly increasing, at least two):
/// the first value before the path starts, the last after it ends, a straight line between
/// neighbouring points.
pub(crate) fn planned_on(path: &[MetricPoint], date: NaiveDate) -> f64 {
    let (Some(first), Some(last)) = (path.first(), path.last()) else {
        return 0.0;
    };
    if date <= first.date {
        return first.value;
    }
    if date >= last.date {
        return last.value;
    }
    for pair in path.windows(2) {
        if let [a, b] = pair {
            if date <= b.date {
                // `a.date < date <= b.date`, so the span is at least one day.
                let t = days_between(a.date, date) / days_between(a.date, b.date);
                return a.value + t * (b.value - a.value);
            }
        }
    }
    last.value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for t in [
            Target::exact(50.0),
            Target::exact(50.0).with_tolerance(2.5),
            Target::at_least(80.0),
            Target::above(79.0),
            Target::at_most(18.0),
            Target::below(5.0),
            Target::range(-1.5, 60.0),
            Target::trajectory(-3.0),
        ] {
            assert_eq!(t.to_string().parse::<Target>().unwrap(), t, "{t}");
        }
    }

    #[test]
    fn json_forms() {
        let t: Target = serde_json::from_str(r#"{"type": "trajectory", "value": 80}"#).unwrap();
        assert_eq!(t, Target::trajectory(80.0));
        assert!(serde_json::from_str::<Target>(r#"{"type": "minimum", "vaule": 1}"#).is_err());
    }
}
