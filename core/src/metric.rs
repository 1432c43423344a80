//! Metrics: progress to target, the planned trajectory, and whether a measure is on it.
//!
//! A [`Metric`] has a baseline (value and date), a target (a [`Target`] and a deadline
//! phrase) and dated observations. The target, progress and rating rules are those of
//! [`crate::target`]; this module applies them to a roadmap's metrics, which the
//! evaluator scores. As of a date, [`evaluate`] takes the latest observation on or
//! before it and reports:
//!
//! - **progress** by [`Target::progress`], `(latest − baseline) / (goal − baseline)`, which
//!   is direction-aware (for a lower-is-better metric both differences are negative).
//!   Here `progress` is clamped to [0, 1] (worse than the baseline is 0, beyond the target
//!   is 1), because it is shown as a share done; `progress_raw` keeps the unclamped value.
//! - **the plan**: by default a straight line from the baseline (on its date) to the
//!   target's goal (on the last day of its deadline's window); with [`Metric::trajectory`]
//!   points, the line through baseline, each point in order, then the goal (the UK Prime
//!   Minister's Delivery Unit drew such trajectories, e.g. slow at first then faster).
//!   Before the baseline date the plan is the baseline; after the target date, the goal.
//! - **on trajectory** when the latest observation's progress is at least the plan's
//!   progress at the observation's date.
//! - **RAG** under the [default profile](RagProfile::default) (`within-10-percent`). For a
//!   trajectory target (the target of every metric written before target types, `{"value":
//!   80, "deadline": ...}`): green on trajectory; amber when short of the plan by at most
//!   0.1 of the baseline-to-target distance; red when further behind; grey with no
//!   observation yet. For a fixed target (exact, minimum, maximum, range): green when the
//!   latest value meets it, amber within 10% of its bound, red beyond; such a metric also
//!   gets a **status** (`future` until the target date has passed, then `met`, `not_met` or
//!   `not_available` by the latest observation on or before the date), the observation
//!   **judged**, and a **trend**.
//!
//! Values that would make these meaningless are errors (`invalid_metric`), never NaN: no
//! baseline, no target, a trajectory target equal to the baseline or on the wrong side of
//! it for the direction, a minimum or maximum target that contradicts the direction
//! (set `lower_is_better` for a maximum), a negative tolerance or a reversed range, a target
//! deadline with no last date ("from April", "in due course") or not after the baseline,
//! an observation dated before the baseline, trajectory points out of order or outside the
//! baseline-to-target span, and values that are not finite.
//!
//! ```
//! use roadmap_tracker::{Metric, MetricTarget, DeadlineText, Observation, Extra};
//! use roadmap_tracker::metric;
//! use roadmap_tracker::target::Target;
//! use roadmap_tracker::status::Rag;
//! use roadmap_tracker::deadline::Conventions;
//! use chrono::NaiveDate;
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let mut m = Metric::new("take-up", "services", "Digital take-up", "%").with_baseline(60.0, d(2026, 1, 1));
//! m.target = Some(MetricTarget {
//!     target: Target::trajectory(80.0),
//!     deadline: DeadlineText { phrase: "by December 2026".into(), written_on: d(2026, 1, 1), source: None },
//! });
//! m.observations.push(Observation { date: d(2026, 7, 1), value: 72.0, source: String::new(),
//!     note: String::new(), extra: Extra::new() });
//! let e = metric::evaluate(&m, d(2026, 7, 2), &Conventions::default())?;
//! assert_eq!(e.progress, Some(0.6));            // 12 of the 20 points
//! assert!(e.planned_progress.unwrap() < 0.5);   // 181 of 364 days
//! assert_eq!((e.on_trajectory, e.rag), (Some(true), Rag::Green));
//! assert_eq!(e.status, None);                   // judged against the plan
//!
//! // The same metric with a minimum target: rated against the target, and judged.
//! if let Some(t) = m.target.as_mut() { t.target = Target::at_least(80.0); }
//! let e = metric::evaluate(&m, d(2027, 1, 2), &Conventions::default())?;
//! assert_eq!(e.rag, Rag::Amber);                // 8 short of 80: within 10%
//! assert_eq!(e.status.map(|s| s.as_str()), Some("not_met"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use serde::Serialize;

use crate::deadline::Conventions;
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::model::{Direction, Metric, MetricPoint};
use crate::status::Rag;
use crate::target::{planned_on, RagProfile, Target, TargetStatus, Trend, EPSILON};

/// The latest observation used.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Observed {
    /// Its position in the metric's observations.
    pub index: usize,
    /// When it was measured.
    #[serde(with = "crate::dates::serde_date")]
    pub date: NaiveDate,
    /// The value.
    pub value: f64,
    /// Its source id (empty if none).
    pub source: String,
}

/// A metric as of a date.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct MetricEvaluation {
    /// The metric's id.
    pub metric: String,
    /// The node it measures.
    pub node: String,
    /// The unit of its values.
    pub unit: String,
    /// The date evaluated.
    #[serde(with = "crate::dates::serde_date")]
    pub as_of: NaiveDate,
    /// Whether higher or lower is better.
    pub direction: Direction,
    /// The baseline.
    pub baseline: MetricPoint,
    /// The target's goal (its value, or a range's end nearer the baseline) on its date
    /// (the last day of the deadline's window).
    pub target: MetricPoint,
    /// What the metric aims at; left out of JSON for a trajectory target, where `target`
    /// says it all.
    #[serde(skip_serializing_if = "is_trajectory")]
    pub rule: Target,
    /// The latest observation on or before `as_of`, if any.
    pub latest: Option<Observed>,
    /// Progress to target in [0, 1] (see the [module docs](self) for the clamping); none
    /// when a fixed target's baseline already meets it.
    pub progress: Option<f64>,
    /// Progress to target, unclamped (negative: worse than the baseline; above 1: beyond
    /// the target).
    pub progress_raw: Option<f64>,
    /// The planned value on the latest observation's date.
    pub planned: Option<f64>,
    /// The plan's progress on the latest observation's date.
    pub planned_progress: Option<f64>,
    /// The planned value on `as_of`.
    pub planned_as_of: f64,
    /// Whether the latest observation is at or ahead of the plan.
    pub on_trajectory: Option<bool>,
    /// A fixed target's status (none for a trajectory target, judged against its plan).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<TargetStatus>,
    /// The observation a fixed target's status was judged on: the latest dated on or
    /// before the target date, once the date has passed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub judged: Option<Observed>,
    /// How the latest observation moved from the one before it (fixed targets only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<Trend>,
    /// The rating.
    pub rag: Rag,
    /// One sentence explaining the rating.
    pub reason: String,
}

/// A metric's evaluation, or why it could not be made; part of
/// [`crate::status::Evaluation`], where one bad metric must not hide the others.
///
/// ```
/// use roadmap_tracker::{Metric, metric::MetricResult};
/// use roadmap_tracker::deadline::Conventions;
/// use chrono::NaiveDate;
/// let m = Metric::new("m", "node", "M", "");
/// let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
/// let r = MetricResult::new(&m, roadmap_tracker::metric::evaluate(&m, as_of, &Conventions::default()));
/// assert!(r.evaluation.is_none());
/// assert_eq!(r.error.map(|e| e.code), Some(roadmap_tracker::ErrorCode::InvalidMetric));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct MetricResult {
    /// The metric's id.
    pub metric: String,
    /// The node it measures.
    pub node: String,
    /// The evaluation, if the metric could be scored.
    pub evaluation: Option<MetricEvaluation>,
    /// Why it could not: the problem (`invalid_metric`, or a refused deadline), located in
    /// the roadmap (`metrics[0].target.value`), serialised like every other problem.
    pub error: Option<Problem>,
}

impl MetricResult {
    /// Wrap the result of [`evaluate`] or [`evaluate_at`].
    ///
    /// ```
    /// # use roadmap_tracker::{Metric, metric::MetricResult};
    /// # use roadmap_tracker::deadline::Conventions;
    /// # use chrono::NaiveDate;
    /// let m = Metric::new("m", "node", "M", "");
    /// let r = MetricResult::new(&m, roadmap_tracker::metric::evaluate(&m, NaiveDate::MIN, &Conventions::default()));
    /// assert_eq!(r.metric, "m");
    /// ```
    pub fn new(metric: &Metric, result: Result<MetricEvaluation, Error>) -> MetricResult {
        let (evaluation, error) = match result {
            Ok(e) => (Some(e), None),
            Err(e) => {
                let problem = e.problems().into_iter().next().unwrap_or_else(|| {
                    Problem::new(e.code(), e.location(), e.message().into_owned())
                });
                (None, Some(problem))
            }
        };
        MetricResult {
            metric: metric.id.clone(),
            node: metric.node.clone(),
            evaluation,
            error,
        }
    }
}

/// Evaluate a metric as of a date. Error locations are relative to the metric
/// (`target.value`); use [`evaluate_at`] to get paths into the roadmap.
///
/// ```
/// use roadmap_tracker::{Metric, ErrorCode};
/// use roadmap_tracker::deadline::Conventions;
/// use chrono::NaiveDate;
/// let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
/// let err = roadmap_tracker::metric::evaluate(&Metric::new("m", "n", "M", ""), as_of, &Conventions::default()).unwrap_err();
/// assert_eq!(err.code(), ErrorCode::InvalidMetric);
/// assert_eq!(err.location().to_string(), "baseline");
/// ```
pub fn evaluate(
    metric: &Metric,
    as_of: NaiveDate,
    conventions: &Conventions,
) -> Result<MetricEvaluation, Error> {
    run(metric, None, as_of, &RagProfile::default(), conventions)
}

/// As [`evaluate`], rated under another RAG profile than the default (a GOV.UK mark, or
/// `target` for no amber). The profile's numbers are checked first.
///
/// ```
/// use roadmap_tracker::{Metric, MetricTarget, DeadlineText, Observation, Extra, metric};
/// use roadmap_tracker::target::{RagProfile, Target};
/// use roadmap_tracker::status::Rag;
/// use roadmap_tracker::deadline::Conventions;
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let mut m = Metric::new("take-up", "services", "Digital take-up", "%").with_baseline(60.0, d(2026, 1, 1));
/// m.target = Some(MetricTarget { target: Target::trajectory(90.0),
///     deadline: DeadlineText { phrase: "by December 2026".into(), written_on: d(2026, 1, 1), source: None } });
/// m.observations.push(Observation { date: d(2026, 12, 1), value: 80.0, source: String::new(),
///     note: String::new(), extra: Extra::new() });
/// let as_of = d(2026, 12, 2);
/// let conventions = Conventions::default();
/// assert_eq!(metric::evaluate(&m, as_of, &conventions)?.rag, Rag::Red); // behind the plan
/// let mark = RagProfile::builtin("gov-uk-digital-take-up")?;            // above 79%
/// assert_eq!(metric::evaluate_with(&m, as_of, &mark, &conventions)?.rag, Rag::Green);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn evaluate_with(
    metric: &Metric,
    as_of: NaiveDate,
    profile: &RagProfile,
    conventions: &Conventions,
) -> Result<MetricEvaluation, Error> {
    profile.check()?;
    run(metric, None, as_of, profile, conventions)
}

/// As [`evaluate`], for the metric at `metrics[index]` of a roadmap: errors are located
/// at `metrics[index]....`.
///
/// ```
/// use roadmap_tracker::Metric;
/// use roadmap_tracker::deadline::Conventions;
/// use chrono::NaiveDate;
/// let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
/// let err = roadmap_tracker::metric::evaluate_at(&Metric::new("m", "n", "M", ""), 3, as_of, &Conventions::default()).unwrap_err();
/// assert_eq!(err.location().to_string(), "metrics[3].baseline");
/// ```
pub fn evaluate_at(
    metric: &Metric,
    index: usize,
    as_of: NaiveDate,
    conventions: &Conventions,
) -> Result<MetricEvaluation, Error> {
    run(
        metric,
        Some(index),
        as_of,
        &RagProfile::default(),
        conventions,
    )
}

struct At {
    index: Option<usize>,
}

impl At {
    fn loc(&self, path: &str, field: Option<&str>) -> Location {
        let full = match (self.index, path.is_empty()) {
            (Some(i), true) => format!("metrics[{i}]"),
            (Some(i), false) => format!("metrics[{i}].{path}"),
            (None, _) => path.to_owned(),
        };
        let location = Location::path(full);
        match field {
            Some(f) => location.with_field(f),
            None => location,
        }
    }

    fn invalid(&self, metric: &Metric, path: &str, field: Option<&str>, why: String) -> Error {
        Error::evaluation(Problem::new(
            ErrorCode::InvalidMetric,
            self.loc(path, field),
            format!("metric {:?}: {why}", metric.id),
        ))
    }
}

fn is_trajectory(t: &Target) -> bool {
    matches!(t, Target::Trajectory { .. })
}

fn run(
    metric: &Metric,
    index: Option<usize>,
    as_of: NaiveDate,
    profile: &RagProfile,
    conventions: &Conventions,
) -> Result<MetricEvaluation, Error> {
    let at = At { index };
    let Some(baseline) = metric.baseline else {
        return Err(at.invalid(metric, "baseline", None, "it has no baseline".into()));
    };
    if !baseline.value.is_finite() {
        return Err(at.invalid(
            metric,
            "baseline",
            Some("value"),
            "the baseline is not a finite number".into(),
        ));
    }
    let Some(target) = &metric.target else {
        return Err(at.invalid(metric, "target", None, "it has no target".into()));
    };
    let rule = target.target;
    if let Some((field, why)) = rule.fault() {
        return Err(at.invalid(metric, "target", Some(field), why));
    }
    let deadline = conventions
        .parse(&target.deadline.phrase, target.deadline.written_on)
        .map_err(|e| e.at(at.loc("target.deadline", Some("phrase"))))?;
    let Some(target_date) = deadline.latest() else {
        return Err(at.invalid(
            metric,
            "target.deadline",
            Some("phrase"),
            format!(
                "the target's deadline {:?} has no last date to aim at",
                target.deadline.phrase
            ),
        ));
    };
    if target_date <= baseline.date {
        return Err(at.invalid(
            metric,
            "target.deadline",
            Some("phrase"),
            format!(
                "the target date {target_date} is not after the baseline date {}",
                baseline.date
            ),
        ));
    }
    let goal = rule.goal(baseline.value);
    if let Target::Trajectory { value } = rule {
        let distance = value - baseline.value;
        let wrong_side = match metric.direction {
            Direction::HigherIsBetter => distance <= 0.0,
            Direction::LowerIsBetter => distance >= 0.0,
        };
        if distance == 0.0 || !distance.is_finite() {
            return Err(at.invalid(
                metric,
                "target",
                Some("value"),
                format!("the target equals the baseline ({})", baseline.value),
            ));
        }
        if wrong_side {
            return Err(at.invalid(
                metric,
                "target",
                Some("value"),
                format!(
                    "the target {value} is on the wrong side of the baseline {} for a metric where {}",
                    baseline.value,
                    metric.direction.as_str().replace('_', " ")
                ),
            ));
        }
    }
    if let Some(implied) = rule.direction() {
        if implied != metric.direction {
            return Err(at.invalid(
                metric,
                "direction",
                None,
                format!(
                    "the direction {} contradicts the {} target, where {}",
                    metric.direction.as_str(),
                    rule.target_type(),
                    implied.as_str().replace('_', " ")
                ),
            ));
        }
    }

    let mut path = Vec::with_capacity(metric.trajectory.len() + 2);
    path.push(baseline);
    for (j, p) in metric.trajectory.iter().enumerate() {
        let prev = path.last().map_or(baseline.date, |q: &MetricPoint| q.date);
        let where_ = format!("trajectory[{j}]");
        if !p.value.is_finite() {
            return Err(at.invalid(
                metric,
                &where_,
                Some("value"),
                "a trajectory value is not a finite number".into(),
            ));
        }
        if p.date <= prev || p.date >= target_date {
            return Err(at.invalid(
                metric,
                &where_,
                Some("date"),
                format!(
                    "trajectory dates must increase strictly between the baseline ({}) and the target ({target_date}); {} does not",
                    baseline.date, p.date
                ),
            ));
        }
        path.push(*p);
    }
    let target_point = MetricPoint {
        date: target_date,
        value: goal,
    };
    path.push(target_point);

    // The observations on or before `as_of`, in date order (ties: stored order).
    let mut seen: Vec<(usize, &crate::model::Observation)> = Vec::new();
    for (j, o) in metric.observations.iter().enumerate() {
        let where_ = format!("observations[{j}]");
        if !o.value.is_finite() {
            return Err(at.invalid(
                metric,
                &where_,
                Some("value"),
                "an observation is not a finite number".into(),
            ));
        }
        if o.date < baseline.date {
            return Err(at.invalid(
                metric,
                &where_,
                Some("date"),
                format!(
                    "an observation on {} is before the baseline date {}",
                    o.date, baseline.date
                ),
            ));
        }
        if o.date <= as_of {
            seen.push((j, o));
        }
    }
    // On a tie the observation stored later wins, as for status updates.
    crate::sort::sort_by_key(&mut seen, |(j, o)| (crate::sort::day(o.date), *j as i64));
    let observed = |(j, o): &(usize, &crate::model::Observation)| Observed {
        index: *j,
        date: o.date,
        value: o.value,
        source: o.source.clone(),
    };

    let progress_of = |value: f64| rule.progress(baseline.value, value);
    let mut e = MetricEvaluation {
        metric: metric.id.clone(),
        node: metric.node.clone(),
        unit: metric.unit.clone(),
        as_of,
        direction: metric.direction,
        baseline,
        target: target_point,
        rule,
        latest: None,
        progress: None,
        progress_raw: None,
        planned: None,
        planned_progress: None,
        planned_as_of: planned_on(&path, as_of),
        on_trajectory: None,
        status: None,
        judged: None,
        trend: None,
        rag: Rag::Grey,
        reason: format!("no observation on or before {as_of}"),
    };
    if !is_trajectory(&rule) {
        let valued: Vec<(NaiveDate, f64)> = seen.iter().map(|(_, o)| (o.date, o.value)).collect();
        let (status, judged) = TargetStatus::judge(&rule, target_date, as_of, &valued);
        let judged = judged.and_then(|i| seen.get(i)).map(observed);
        e.reason = match (&judged, status) {
            (_, TargetStatus::Future) => format!(
                "the target ({rule}) is to be met by {target_date}, which has not passed on {as_of}"
            ),
            (Some(j), _) => format!(
                "{}{} on {} {} the target ({rule}) due by {target_date}",
                j.value,
                if metric.unit.is_empty() {
                    String::new()
                } else {
                    format!(" {}", metric.unit)
                },
                j.date,
                if status == TargetStatus::Met {
                    "meets"
                } else {
                    "does not meet"
                }
            ),
            (None, _) => format!(
                "the target date {target_date} has passed with no observation dated on or before it"
            ),
        };
        e.status = Some(status);
        e.judged = judged;
        let n = seen.len();
        if let (Some((_, p)), Some((_, l))) = (
            n.checked_sub(2).and_then(|i| seen.get(i)),
            n.checked_sub(1).and_then(|i| seen.get(i)),
        ) {
            e.trend = Some(Trend::between(metric.direction, p.value, l.value));
        }
    }
    if let Some(last) = seen.last() {
        let o = last.1;
        let raw = progress_of(o.value);
        let planned = planned_on(&path, o.date);
        let planned_progress = progress_of(planned);
        let on = raw
            .zip(planned_progress)
            .map(|(raw, plan)| raw >= plan - EPSILON);
        e.rag = match (&profile.mark, rule, raw.zip(planned_progress)) {
            (None, Target::Trajectory { .. }, Some((raw, plan))) => profile.rate_on_plan(raw, plan),
            _ => profile.rate(Some(o.value), &rule.toward(metric.direction)),
        };
        if is_trajectory(&rule) {
            e.reason = format!(
                "{} {} on {}{} is {:.0}% of the way from the baseline {} ({}) to the target {} by {}; the plan expects {:.0}% by then: {}",
                o.value,
                metric.unit,
                o.date,
                if o.source.is_empty() { String::new() } else { format!(" ({})", o.source) },
                raw.unwrap_or(0.0) * 100.0,
                baseline.value,
                baseline.date,
                goal,
                target_date,
                planned_progress.unwrap_or(0.0) * 100.0,
                if on == Some(true) { "on trajectory" } else { "off trajectory" }
            );
        }
        e.latest = Some(observed(last));
        e.progress = raw.map(|r| r.clamp(0.0, 1.0));
        e.progress_raw = raw;
        e.planned = Some(planned);
        e.planned_progress = planned_progress;
        e.on_trajectory = on;
    }
    Ok(e)
}
