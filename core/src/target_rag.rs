//! RAG profiles: the one rule set that turns a measure into red, amber, green or grey.
//!
//! A profile rates the latest value against a fixed `mark`, or else the measure's own
//! [`Target`]:
//!
//! - **grey** with no value yet;
//! - against a **trajectory** target (a roadmap metric's plan): **green** when progress is
//!   at or ahead of the plan's progress on the value's date; **amber** when behind it by at
//!   most `amber_within` of the baseline-to-target distance; **red** further behind;
//! - against a **fixed** target or mark (exact, minimum, maximum, range): **green** when
//!   the value meets it; **amber** when it falls short by at most `amber_within` × the
//!   size of the bound (10% of an 80% target is 8 points); **red** otherwise.
//!
//! Without `amber_within` there is no amber. The [default](RagProfile::default) is
//! `within-10-percent`, the rule roadmap metrics have always been rated by (and the one
//! [`crate::schedule`] follows for time against progress).
//!
//! ```
//! use roadmap_tracker::target::{RagProfile, Target};
//! use roadmap_tracker::status::Rag;
//! let p = RagProfile::builtin("within-10-percent")?;
//! assert_eq!(p, RagProfile::default());
//! assert_eq!(p.rate(Some(72.0), &Target::at_least(80.0)), Rag::Amber); // 8 short: on the edge
//! assert_eq!(p.rate(Some(70.0), &Target::at_least(80.0)), Rag::Red);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

use super::{Target, EPSILON};
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::status::Rag;

/// How to turn a value into a RAG rating. See the [module docs](self).
///
/// In JSON: `{"id": "mine", "mark": {"type": "minimum", "value": 90}, "amber_within":
/// 0.05}`; `title`, `mark` and `amber_within` are optional.
///
/// ```
/// use roadmap_tracker::target::RagProfile;
/// let ids: Vec<String> = RagProfile::builtins().into_iter().map(|p| p.id).collect();
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
    /// A fixed mark to rate against instead of the measure's target.
    #[serde(default)]
    pub mark: Option<Target>,
    /// The share (of the baseline-to-target distance for a trajectory, of the bound's
    /// size otherwise) within which a shortfall is amber rather than red.
    #[serde(default)]
    pub amber_within: Option<f64>,
}

/// The share of the default profile: amber within 10%.
pub(crate) const DEFAULT_AMBER_WITHIN: f64 = 0.1;

impl Default for RagProfile {
    /// `within-10-percent`: green on target (or on plan), amber within 10%, red beyond.
    ///
    /// ```
    /// # use roadmap_tracker::target::RagProfile;
    /// assert_eq!(RagProfile::default().amber_within, Some(0.1));
    /// ```
    fn default() -> Self {
        RagProfile::make(
            "within-10-percent",
            "green when the target is met (or the plan kept), amber within 10%, red beyond",
            None,
            Some(DEFAULT_AMBER_WITHIN),
        )
    }
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

    /// The built-in profiles: `target` (green when the target is met or the plan kept,
    /// red when not), `within-10-percent` (the default: amber within 10%), and the GOV.UK
    /// "great service" marks for digital take-up (above 79%), completion rate (above 80%)
    /// and user satisfaction (above 78%), which rate percentages 0–100 against a fixed
    /// mark.
    ///
    /// ```
    /// # use roadmap_tracker::target::{RagProfile, Target};
    /// let p = &RagProfile::builtins()[2];
    /// assert_eq!(p.mark, Some(Target::above(79.0)));
    /// ```
    pub fn builtins() -> Vec<RagProfile> {
        vec![
            RagProfile::make(
                "target",
                "green when the target is met (or the plan kept), red when it is not",
                None,
                None,
            ),
            RagProfile::default(),
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

    /// A built-in profile by id, or an `unknown_value` error listing the ids.
    ///
    /// ```
    /// # use roadmap_tracker::target::RagProfile;
    /// # use roadmap_tracker::ErrorCode;
    /// assert_eq!(RagProfile::builtin("within-10-percent")?.amber_within, Some(0.1));
    /// assert_eq!(RagProfile::builtin("gds").unwrap_err().code(), ErrorCode::UnknownValue);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn builtin(id: &str) -> Result<RagProfile, Error> {
        let all = RagProfile::builtins();
        let ids: Vec<&str> = all.iter().map(|p| p.id.as_str()).collect();
        let message = format!(
            "no RAG profile is named {id:?}: expected one of {}",
            ids.join(", ")
        );
        all.iter().find(|p| p.id == id).cloned().ok_or_else(|| {
            Error::evaluation(Problem::new(
                ErrorCode::UnknownValue,
                Location::default(),
                message,
            ))
        })
    }

    /// Check the profile's numbers (a valid mark, a finite `amber_within` of at least 0).
    ///
    /// ```
    /// # use roadmap_tracker::target::RagProfile;
    /// let mut p = RagProfile::default();
    /// p.amber_within = Some(-0.1);
    /// assert_eq!(p.check().unwrap_err().location().to_string(), "profile.amber_within");
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

    /// Rate a value (`None`: no value, grey) against the profile's mark, or `target` when
    /// it has none, by the fixed-target rule (a trajectory target reads as "at least its
    /// value" here; metrics are rated against their plan by the evaluator).
    ///
    /// ```
    /// # use roadmap_tracker::target::{RagProfile, Target};
    /// # use roadmap_tracker::status::Rag;
    /// let p = RagProfile::default();
    /// let target = Target::at_most(10.0);
    /// assert_eq!(p.rate(Some(10.0), &target), Rag::Green);
    /// assert_eq!(p.rate(Some(11.0), &target), Rag::Amber);
    /// assert_eq!(p.rate(Some(11.5), &target), Rag::Red);
    /// assert_eq!(p.rate(None, &target), Rag::Grey);
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

    /// Rate progress against the plan's progress on the same date (both shares of the
    /// baseline-to-target distance): green at or ahead of the plan, amber behind it by at
    /// most `amber_within`, red further behind.
    ///
    /// ```
    /// # use roadmap_tracker::target::RagProfile;
    /// # use roadmap_tracker::status::Rag;
    /// let p = RagProfile::default();
    /// assert_eq!(p.rate_on_plan(0.5, 0.5), Rag::Green);
    /// assert_eq!(p.rate_on_plan(0.4, 0.497), Rag::Amber);
    /// assert_eq!(p.rate_on_plan(0.2, 0.497), Rag::Red);
    /// ```
    pub fn rate_on_plan(&self, progress: f64, planned_progress: f64) -> Rag {
        // A hair of tolerance so that a value exactly on the plan is on it despite rounding
        // in the interpolation.
        if progress >= planned_progress - EPSILON {
            Rag::Green
        } else if self
            .amber_within
            .is_some_and(|share| progress >= planned_progress - share)
        {
            Rag::Amber
        } else {
            Rag::Red
        }
    }
}
