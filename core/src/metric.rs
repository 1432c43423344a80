//! Metrics: progress to target, the planned trajectory, and whether a measure is on it.
//!
//! A [`Metric`] has a baseline (value and date), a target (value and deadline phrase) and
//! dated observations. As of a date, [`evaluate`] takes the latest observation on or
//! before it and reports:
//!
//! - **progress** = `(latest − baseline) / (target − baseline)`, which is direction-aware
//!   (for a lower-is-better metric both differences are negative). `progress` is clamped to
//!   [0, 1]: worse than the baseline is 0, beyond the target is 1. `progress_raw` keeps the
//!   unclamped value.
//! - **the plan**: by default a straight line from the baseline (on its date) to the target
//!   (on the last day of its deadline's window); with [`Metric::trajectory`] points, the
//!   line through baseline, each point in order, then target (the UK Prime Minister's
//!   Delivery Unit drew such trajectories, e.g. slow at first then faster). Before the
//!   baseline date the plan is the baseline; after the target date, the target.
//! - **on trajectory** when the latest observation's progress is at least the plan's
//!   progress at the observation's date. **RAG**: green on trajectory; amber when short of
//!   the plan by at most [`AMBER_MARGIN`] of the baseline-to-target distance; red when
//!   further behind; grey with no observation yet.
//!
//! Values that would make these meaningless are errors (`invalid_metric`), never NaN: no
//! baseline, no target, a target equal to the baseline or on the wrong side of it for the
//! direction, a target deadline with no last date ("from April", "in due course") or not
//! after the baseline, an observation dated before the baseline, trajectory points out of
//! order or outside the baseline-to-target span, and values that are not finite.
//!
//! ```
//! use roadmap_tracker::{Metric, MetricTarget, DeadlineText, Observation, Extra};
//! use roadmap_tracker::metric;
//! use roadmap_tracker::status::Rag;
//! use roadmap_tracker::deadline::Conventions;
//! use chrono::NaiveDate;
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let mut m = Metric::new("take-up", "services", "Digital take-up", "%").with_baseline(60.0, d(2026, 1, 1));
//! m.target = Some(MetricTarget {
//!     value: 80.0,
//!     deadline: DeadlineText { phrase: "by December 2026".into(), written_on: d(2026, 1, 1), source: None },
//! });
//! m.observations.push(Observation { date: d(2026, 7, 1), value: 72.0, source: String::new(),
//!     note: String::new(), extra: Extra::new() });
//! let e = metric::evaluate(&m, d(2026, 7, 2), &Conventions::default())?;
//! assert_eq!(e.progress, Some(0.6));            // 12 of the 20 points
//! assert!(e.planned_progress.unwrap() < 0.5);   // 181 of 364 days
//! assert_eq!((e.on_trajectory, e.rag), (Some(true), Rag::Green));
//! # Ok::<(), roadmap_tracker::Error>(())
//! ```

use chrono::NaiveDate;
use serde::Serialize;

use crate::deadline::Conventions;
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::model::{Direction, Metric, MetricPoint};
use crate::status::Rag;

/// How far behind the plan's progress (as a share of the baseline-to-target distance) a
/// metric may be and still rate amber rather than red.
pub const AMBER_MARGIN: f64 = 0.1;

/// The latest observation used.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
    /// The target value on its date (the last day of the deadline's window).
    pub target: MetricPoint,
    /// The latest observation on or before `as_of`, if any.
    pub latest: Option<Observed>,
    /// Progress to target in [0, 1] (see the [module docs](self) for the clamping).
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
    /// The rating.
    pub rag: Rag,
    /// One sentence explaining the rating.
    pub reason: String,
}

/// Why a metric could not be scored, in [`MetricResult`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MetricFailure {
    /// The error code (`invalid_metric` or `deadline`).
    pub code: &'static str,
    /// Where, e.g. `metrics[0].target.value`.
    pub location: String,
    /// The message.
    pub message: String,
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
/// assert_eq!(r.error.map(|e| e.code), Some("invalid_metric"));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MetricResult {
    /// The metric's id.
    pub metric: String,
    /// The node it measures.
    pub node: String,
    /// The evaluation, if the metric could be scored.
    pub evaluation: Option<MetricEvaluation>,
    /// The error, if it could not.
    pub error: Option<MetricFailure>,
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
                let message = e
                    .problems()
                    .first()
                    .map_or_else(|| e.to_string(), |p| p.message.clone());
                let failure = MetricFailure {
                    code: e.code().as_str(),
                    location: e.location().to_string(),
                    message,
                };
                (None, Some(failure))
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
    run(metric, None, as_of, conventions)
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
    run(metric, Some(index), as_of, conventions)
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

fn days_between(a: NaiveDate, b: NaiveDate) -> f64 {
    b.signed_duration_since(a).num_days() as f64
}

/// The planned value on a date along `path` (dates strictly increasing, at least two).
fn planned_on(path: &[MetricPoint], date: NaiveDate) -> f64 {
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

fn run(
    metric: &Metric,
    index: Option<usize>,
    as_of: NaiveDate,
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
    if !target.value.is_finite() {
        return Err(at.invalid(
            metric,
            "target",
            Some("value"),
            "the target is not a finite number".into(),
        ));
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
    let distance = target.value - baseline.value;
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
                "the target {} is on the wrong side of the baseline {} for a metric where {}",
                target.value,
                baseline.value,
                metric.direction.as_str().replace('_', " ")
            ),
        ));
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
    path.push(MetricPoint {
        date: target_date,
        value: target.value,
    });

    let mut latest: Option<(usize, &crate::model::Observation)> = None;
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
        // On a tie the observation stored later wins, as for status updates.
        let replaces = latest.map_or(true, |(_, l)| l.date <= o.date);
        if o.date <= as_of && replaces {
            latest = Some((j, o));
        }
    }

    let progress_of = |value: f64| (value - baseline.value) / distance;
    let planned_as_of = planned_on(&path, as_of);
    let target_point = MetricPoint {
        date: target_date,
        value: target.value,
    };
    let mut e = MetricEvaluation {
        metric: metric.id.clone(),
        node: metric.node.clone(),
        unit: metric.unit.clone(),
        as_of,
        direction: metric.direction,
        baseline,
        target: target_point,
        latest: None,
        progress: None,
        progress_raw: None,
        planned: None,
        planned_progress: None,
        planned_as_of,
        on_trajectory: None,
        rag: Rag::Grey,
        reason: format!("no observation on or before {as_of}"),
    };
    if let Some((j, o)) = latest {
        let raw = progress_of(o.value);
        let planned = planned_on(&path, o.date);
        let planned_progress = progress_of(planned);
        // A hair of tolerance so that an observation exactly on the plan is on it despite
        // rounding in the interpolation.
        let on = raw >= planned_progress - 1e-9;
        let rag = if on {
            Rag::Green
        } else if raw >= planned_progress - AMBER_MARGIN {
            Rag::Amber
        } else {
            Rag::Red
        };
        e.reason = format!(
            "{} {} on {}{} is {:.0}% of the way from the baseline {} ({}) to the target {} by {}; the plan expects {:.0}% by then: {}",
            o.value,
            metric.unit,
            o.date,
            if o.source.is_empty() { String::new() } else { format!(" ({})", o.source) },
            raw * 100.0,
            baseline.value,
            baseline.date,
            target.value,
            target_date,
            planned_progress * 100.0,
            if on { "on trajectory" } else { "off trajectory" }
        );
        e.latest = Some(Observed {
            index: j,
            date: o.date,
            value: o.value,
            source: o.source.clone(),
        });
        e.progress = Some(raw.clamp(0.0, 1.0));
        e.progress_raw = Some(raw);
        e.planned = Some(planned);
        e.planned_progress = Some(planned_progress);
        e.on_trajectory = Some(on);
        e.rag = rag;
    }
    Ok(e)
}
