//! Scores: derived statuses rolled up the roadmap's tree.
//!
//! Each [`DerivedStatus`] has a weight in [0, 1] ([`Weights`]; a status with no weight does
//! not count). A node's score is the weighted mean of its commitments' status weights:
//!
//! `score = Σ w(c) · weight(status(c)) / Σ w(c)` over the counted commitments `c` below
//! the node, where `w(c)` is the product of the node weights ([`crate::Node::weight`]) on
//! the path from `c` up to, but not including, the node scored.
//!
//! So with every weight 1 (the default) a score is the plain mean over the commitments
//! below; an area of weight 2 makes each of its commitments count twice in its section's
//! and the roadmap's score. Milestones are evaluated but not scored: they are steps of a
//! commitment, and counting them would count the commitment twice. The score is `None`
//! when no commitment below counts; its [`Rag`] then is grey.
//!
//! ```
//! use roadmap_tracker::Roadmap;
//! use roadmap_tracker::status::{Evaluator, Rag, Rules};
//! use chrono::NaiveDate;
//!
//! let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
//! let evaluation = Evaluator::new(roadmap.clone(), Rules::default())?
//!     .evaluate(NaiveDate::from_ymd_opt(2026, 6, 4).unwrap());
//! let funding = evaluation.score("funding").unwrap();
//! assert_eq!(funding.total, 11);
//! assert!(funding.score.unwrap() > 0.8);
//! assert_eq!(funding.rag, Rag::Green);
//! # Ok::<(), roadmap_tracker::Error>(())
//! ```

use std::collections::BTreeMap;

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, ErrorCode, Location, Problem};
use crate::names::names;
use crate::status::{DerivedStatus, Rag};

/// The weight of each derived status in scores; `None` means the status does not count.
///
/// Defaults:
///
/// | status | weight | why |
/// |---|---|---|
/// | `met_on_time`, `met_early`, `met`, `started` | 1.0 | done as promised |
/// | `on_track`, `in_progress_no_deadline` | 0.8 | progressing, not yet done |
/// | `met_late`, `met_differently` | 0.75 | done, but late or not as promised |
/// | `due_now` | 0.5 | due, delivery not yet reported |
/// | `delayed` | 0.25 | paused or under review |
/// | `overdue`, `dropped` | 0.0 | missed or abandoned |
/// | `not_started`, `no_evidence` | none | nothing due and nothing known: not counted |
///
/// Serialized as an object from status name to weight (or `null`); when deserializing,
/// statuses left out keep their default.
///
/// ```
/// use roadmap_tracker::score::Weights;
/// use roadmap_tracker::status::DerivedStatus;
/// let w = Weights::default().with(DerivedStatus::MetLate, Some(0.5));
/// assert_eq!(w.get(DerivedStatus::MetLate), Some(0.5));
/// assert_eq!(w.get(DerivedStatus::NotStarted), None);
/// let json = serde_json::to_string(&w)?;
/// assert!(json.starts_with(r#"{"met_on_time":1.0,"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights([Option<f64>; DerivedStatus::COUNT]);

impl Default for Weights {
    fn default() -> Self {
        use DerivedStatus::*;
        let mut w = [None; DerivedStatus::COUNT];
        for (status, weight) in [
            (MetOnTime, 1.0),
            (MetEarly, 1.0),
            (Met, 1.0),
            (Started, 1.0),
            (OnTrack, 0.8),
            (InProgressNoDeadline, 0.8),
            (MetLate, 0.75),
            (MetDifferently, 0.75),
            (DueNow, 0.5),
            (Delayed, 0.25),
            (Overdue, 0.0),
            (Dropped, 0.0),
        ] {
            if let Some(slot) = w.get_mut(status.index()) {
                *slot = Some(weight);
            }
        }
        Weights(w)
    }
}

impl Weights {
    /// The weight of a status, `None` if it does not count.
    ///
    /// ```
    /// # use roadmap_tracker::score::Weights;
    /// # use roadmap_tracker::status::DerivedStatus;
    /// assert_eq!(Weights::default().get(DerivedStatus::DueNow), Some(0.5));
    /// ```
    pub fn get(&self, status: DerivedStatus) -> Option<f64> {
        self.0.get(status.index()).copied().flatten()
    }

    /// Set the weight of a status (`None`: it does not count).
    ///
    /// ```
    /// # use roadmap_tracker::score::Weights;
    /// # use roadmap_tracker::status::DerivedStatus;
    /// let mut w = Weights::default();
    /// w.set(DerivedStatus::NoEvidence, Some(0.0));
    /// assert_eq!(w.get(DerivedStatus::NoEvidence), Some(0.0));
    /// ```
    pub fn set(&mut self, status: DerivedStatus, weight: Option<f64>) {
        if let Some(slot) = self.0.get_mut(status.index()) {
            *slot = weight;
        }
    }

    /// The same weights with one changed.
    ///
    /// ```
    /// # use roadmap_tracker::score::Weights;
    /// # use roadmap_tracker::status::DerivedStatus;
    /// let w = Weights::default().with(DerivedStatus::Delayed, None);
    /// assert_eq!(w.get(DerivedStatus::Delayed), None);
    /// ```
    pub fn with(mut self, status: DerivedStatus, weight: Option<f64>) -> Self {
        self.set(status, weight);
        self
    }

    /// Every status with its weight, in [`DerivedStatus::ALL`] order.
    ///
    /// ```
    /// # use roadmap_tracker::score::Weights;
    /// assert_eq!(Weights::default().iter().count(), 14);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (DerivedStatus, Option<f64>)> + '_ {
        DerivedStatus::ALL.into_iter().zip(self.0.iter().copied())
    }

    /// Check that every weight is a finite number in [0, 1] (`invalid_argument` otherwise,
    /// located at `weights.<status>`).
    ///
    /// ```
    /// # use roadmap_tracker::score::Weights;
    /// # use roadmap_tracker::status::DerivedStatus;
    /// assert!(Weights::default().check().is_ok());
    /// assert!(Weights::default().with(DerivedStatus::Met, Some(1.5)).check().is_err());
    /// ```
    pub fn check(&self) -> Result<(), Error> {
        for (status, weight) in self.iter() {
            if let Some(w) = weight {
                if !(0.0..=1.0).contains(&w) {
                    return Err(Error::evaluation(Problem::new(
                        ErrorCode::InvalidArgument,
                        Location::path("weights").with_field(status.as_str()),
                        format!("the weight of {status} is {w}; weights must be between 0 and 1"),
                    )));
                }
            }
        }
        Ok(())
    }
}

impl Serialize for Weights {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(DerivedStatus::COUNT))?;
        for (status, weight) in self.iter() {
            map.serialize_entry(status.as_str(), &weight)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Weights {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let given = BTreeMap::<DerivedStatus, Option<f64>>::deserialize(d)?;
        let mut weights = Weights::default();
        for (status, weight) in given {
            weights.set(status, weight);
        }
        Ok(weights)
    }
}

/// Score thresholds for a node's RAG rating: green at or above `green`, amber at or above
/// `amber`, red below; grey when there is no score. Defaults: 0.8 and 0.5.
///
/// ```
/// use roadmap_tracker::score::Thresholds;
/// use roadmap_tracker::status::Rag;
/// let t = Thresholds::default();
/// assert_eq!(t.rate(Some(0.8)), Rag::Green);
/// assert_eq!(t.rate(Some(0.79)), Rag::Amber);
/// assert_eq!(t.rate(Some(0.2)), Rag::Red);
/// assert_eq!(t.rate(None), Rag::Grey);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// The lowest green score.
    pub green: f64,
    /// The lowest amber score.
    pub amber: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            green: 0.8,
            amber: 0.5,
        }
    }
}

impl Thresholds {
    /// The rating of a score.
    ///
    /// ```
    /// # use roadmap_tracker::score::Thresholds;
    /// # use roadmap_tracker::status::Rag;
    /// assert_eq!(Thresholds { green: 0.9, amber: 0.6 }.rate(Some(0.85)), Rag::Amber);
    /// ```
    pub fn rate(&self, score: Option<f64>) -> Rag {
        match score {
            None => Rag::Grey,
            Some(s) if s >= self.green => Rag::Green,
            Some(s) if s >= self.amber => Rag::Amber,
            Some(_) => Rag::Red,
        }
    }

    /// Check that `0 <= amber <= green <= 1` (`invalid_argument` otherwise).
    ///
    /// ```
    /// # use roadmap_tracker::score::Thresholds;
    /// assert!(Thresholds { green: 0.4, amber: 0.6 }.check().is_err());
    /// ```
    pub fn check(&self) -> Result<(), Error> {
        let ok = (0.0..=1.0).contains(&self.amber)
            && (0.0..=1.0).contains(&self.green)
            && self.amber <= self.green;
        if ok {
            Ok(())
        } else {
            Err(Error::evaluation(Problem::new(
                ErrorCode::InvalidArgument,
                Location::path("thresholds"),
                format!(
                    "thresholds green {} and amber {} must satisfy 0 <= amber <= green <= 1",
                    self.green, self.amber
                ),
            )))
        }
    }
}

/// The level of the tree a [`NodeScore`] belongs to.
///
/// ```
/// use roadmap_tracker::score::ScoreKind;
/// assert_eq!(ScoreKind::Roadmap.as_str(), "roadmap");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreKind {
    /// The whole roadmap.
    Roadmap,
    /// A section.
    Section,
    /// A sub-category.
    Subcategory,
    /// An area.
    Area,
}

names! { ScoreKind, "score kind" {
    Roadmap => "roadmap",
    Section => "section",
    Subcategory => "subcategory",
    Area => "area",
}}

/// How many commitments have each derived status; serialized as an object with every
/// status name as a key, zeros included, so the shape never changes.
///
/// ```
/// use roadmap_tracker::score::Counts;
/// use roadmap_tracker::status::DerivedStatus;
/// let mut counts = Counts::default();
/// counts.add(DerivedStatus::Overdue);
/// assert_eq!(counts.get(DerivedStatus::Overdue), 1);
/// assert_eq!(counts.total(), 1);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts([usize; DerivedStatus::COUNT]);

impl Counts {
    /// The count of one status.
    ///
    /// ```
    /// # use roadmap_tracker::score::Counts;
    /// # use roadmap_tracker::status::DerivedStatus;
    /// assert_eq!(Counts::default().get(DerivedStatus::Met), 0);
    /// ```
    pub fn get(&self, status: DerivedStatus) -> usize {
        self.0.get(status.index()).copied().unwrap_or(0)
    }

    /// Count one more commitment with the status.
    ///
    /// ```
    /// # use roadmap_tracker::score::Counts;
    /// # use roadmap_tracker::status::DerivedStatus;
    /// let mut c = Counts::default();
    /// c.add(DerivedStatus::Met);
    /// c.add(DerivedStatus::Met);
    /// assert_eq!(c.get(DerivedStatus::Met), 2);
    /// ```
    pub fn add(&mut self, status: DerivedStatus) {
        if let Some(n) = self.0.get_mut(status.index()) {
            *n += 1;
        }
    }

    /// The sum of all counts.
    ///
    /// ```
    /// # use roadmap_tracker::score::Counts;
    /// assert_eq!(Counts::default().total(), 0);
    /// ```
    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }

    /// Every status with its count, in [`DerivedStatus::ALL`] order.
    ///
    /// ```
    /// # use roadmap_tracker::score::Counts;
    /// assert_eq!(Counts::default().iter().count(), 14);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (DerivedStatus, usize)> + '_ {
        DerivedStatus::ALL.into_iter().zip(self.0.iter().copied())
    }

    fn absorb(&mut self, other: &Counts) {
        for (a, b) in self.0.iter_mut().zip(other.0.iter()) {
            *a += b;
        }
    }
}

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(DerivedStatus::COUNT))?;
        for (status, n) in self.iter() {
            map.serialize_entry(status.as_str(), &n)?;
        }
        map.end()
    }
}

/// The score of the roadmap, a section, a sub-category or an area.
///
/// ```
/// use roadmap_tracker::Roadmap;
/// use roadmap_tracker::status::{DerivedStatus, Evaluator, Rules};
/// use chrono::NaiveDate;
///
/// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
/// let evaluation = Evaluator::new(roadmap.clone(), Rules::default())?
///     .evaluate(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
/// let whole = evaluation.roadmap_score();
/// assert_eq!(whole.node, None);
/// assert_eq!(whole.total, 48);
/// assert_eq!(whole.counts.get(DerivedStatus::MetDifferently), 1);
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct NodeScore {
    /// The node's id; `None` for the roadmap.
    pub node: Option<String>,
    /// The node's level.
    pub kind: ScoreKind,
    /// The weighted mean of the status weights of the counted commitments below; `None`
    /// when none counts (or their weights sum to zero).
    pub score: Option<f64>,
    /// The score's rating by [`Thresholds`] (grey when there is no score).
    pub rag: Rag,
    /// Commitments below, by derived status.
    pub counts: Counts,
    /// Commitments below.
    pub total: usize,
    /// Commitments below whose status has a weight (those the score is over).
    pub counted: usize,
    /// Commitments below that are due: with a dated deadline that is known, and either
    /// delivered (in any way) or with its window open or passed.
    pub due: usize,
    /// Due commitments that are met on time (`met_on_time`, `met_early`, `started`).
    pub met_on_time: usize,
    /// `met_on_time / due`; `None` when nothing is due.
    pub met_on_time_share: Option<f64>,
}

/// A running total for one node, filled from its commitments and its children.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Acc {
    num: f64,
    den: f64,
    counts: Counts,
    counted: usize,
    due: usize,
    on_time: usize,
}

impl Acc {
    /// Count a commitment of the given node weight.
    pub(crate) fn add(&mut self, status: DerivedStatus, due: bool, weight: f64, weights: &Weights) {
        self.counts.add(status);
        if let Some(w) = weights.get(status) {
            self.num += weight * w;
            self.den += weight;
            self.counted += 1;
        }
        if due {
            self.due += 1;
            if status.is_met_on_time() {
                self.on_time += 1;
            }
        }
    }

    /// Add a child node's totals; its commitments' weights are multiplied by its own.
    pub(crate) fn absorb(&mut self, child: &Acc, weight: f64) {
        self.num += weight * child.num;
        self.den += weight * child.den;
        self.counts.absorb(&child.counts);
        self.counted += child.counted;
        self.due += child.due;
        self.on_time += child.on_time;
    }

    pub(crate) fn finish(
        &self,
        node: Option<String>,
        kind: ScoreKind,
        thresholds: &Thresholds,
    ) -> NodeScore {
        // Each term is at most its weight, so the mean is in [0, 1]; the clamp only guards
        // against the last bit of rounding.
        let score = (self.den > 0.0).then(|| (self.num / self.den).clamp(0.0, 1.0));
        NodeScore {
            node,
            kind,
            score,
            rag: thresholds.rate(score),
            counts: self.counts,
            total: self.counts.total(),
            counted: self.counted,
            due: self.due,
            met_on_time: self.on_time,
            met_on_time_share: (self.due > 0).then(|| self.on_time as f64 / self.due as f64),
        }
    }
}

/// A node's score on one date of a [`crate::status::History`].
///
/// ```
/// use roadmap_tracker::Roadmap;
/// use roadmap_tracker::status::{Evaluator, Rules, Step};
/// use chrono::NaiveDate;
///
/// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// let history = Evaluator::new(roadmap.clone(), Rules::default())?.history(Some(d(1, 19)), d(11, 19), Step::Monthly)?;
/// let whole = history.scores.first().unwrap();
/// assert_eq!(whole.node, None);
/// assert_eq!(whole.points.len(), 11);
/// assert_eq!(whole.points[0].total, 48);
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ScorePoint {
    /// The date.
    #[serde(with = "crate::dates::serde_date")]
    pub date: chrono::NaiveDate,
    /// As [`NodeScore::score`].
    pub score: Option<f64>,
    /// As [`NodeScore::rag`].
    pub rag: Rag,
    /// As [`NodeScore::counts`].
    pub counts: Counts,
    /// As [`NodeScore::total`].
    pub total: usize,
    /// As [`NodeScore::counted`].
    pub counted: usize,
    /// As [`NodeScore::due`].
    pub due: usize,
    /// As [`NodeScore::met_on_time`].
    pub met_on_time: usize,
    /// As [`NodeScore::met_on_time_share`].
    pub met_on_time_share: Option<f64>,
}

impl ScorePoint {
    pub(crate) fn from_score(date: chrono::NaiveDate, s: NodeScore) -> ScorePoint {
        ScorePoint {
            date,
            score: s.score,
            rag: s.rag,
            counts: s.counts,
            total: s.total,
            counted: s.counted,
            due: s.due,
            met_on_time: s.met_on_time,
            met_on_time_share: s.met_on_time_share,
        }
    }
}

/// One node's scores over the dates of a [`crate::status::History`].
///
/// ```
/// use roadmap_tracker::Roadmap;
/// use roadmap_tracker::score::ScoreKind;
/// use roadmap_tracker::status::{Evaluator, Rules, Step};
///
/// let roadmap = Roadmap::uk_digital_2026();
/// let day = roadmap.published;
/// let history = Evaluator::new(roadmap.clone(), Rules::default())?.history(Some(day), day, Step::Daily)?;
/// let funding = history.score_series("funding").unwrap();
/// assert_eq!(funding.kind, ScoreKind::Section);
/// assert_eq!(funding.points.len(), 1);
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ScoreSeries {
    /// The node's id; `None` for the roadmap.
    pub node: Option<String>,
    /// The node's level.
    pub kind: ScoreKind,
    /// One point per date of the history.
    pub points: Vec<ScorePoint>,
}
