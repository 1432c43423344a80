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

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, ErrorCode, Location, Problem};
use crate::names::names;
use crate::status::{DerivedStatus, Rag};

/// The weight of each derived status in scores; `None` means the status does not count.
///
/// Defaults (the documented score of each status):
///
/// | status | weight | why |
/// |---|---|---|
/// | `met_on_time`, `met_early`, `met` | 1.0 | done as promised (or done, with no dated deadline or timing unclear) |
/// | `on_track`, `in_progress_no_deadline`, `rated_green` | 0.8 | progressing, not yet done |
/// | `met_late`, `met_differently` | 0.75 | done, but late or not as promised |
/// | `due_now`, `replanned`, `behind`, `rated_amber` | 0.5 | due or late and still moving, or re-planned: half way |
/// | `paused`, `delayed`, `rated_red` | 0.25 | stopped, or late and not moving |
/// | `overdue_unconfirmed`, `dropped` | 0.0 | a deadline passed with nothing to show, or abandoned |
/// | `not_started`, `not_yet_due`, `no_evidence`, `unreadable` | none | nothing due and nothing known, or nothing that can be read: not counted |
///
/// `behind` scores below `on_track`; `overdue_unconfirmed` is counted apart from the
/// confirmed `behind` and `delayed` (see [`Headline`]). Staleness never moves a score.
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
            (OnTrack, 0.8),
            (InProgressNoDeadline, 0.8),
            (RatedGreen, 0.8),
            (MetLate, 0.75),
            (MetDifferently, 0.75),
            (DueNow, 0.5),
            (Replanned, 0.5),
            (Behind, 0.5),
            (RatedAmber, 0.5),
            (Paused, 0.25),
            (Delayed, 0.25),
            (RatedRed, 0.25),
            (OverdueUnconfirmed, 0.0),
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
    /// assert_eq!(Weights::default().iter().count(), 21);
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
    /// A map of status names to weights (or `null`), over the defaults; a status given
    /// twice takes its last weight. Each entry is set as it is read (a `BTreeMap` in
    /// between added a copy of the map's code to the WebAssembly module).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MapVisitor;
        impl<'de> serde::de::Visitor<'de> for MapVisitor {
            type Value = Weights;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Weights, A::Error> {
                let mut weights = Weights::default();
                while let Some((status, weight)) = map.next_entry::<DerivedStatus, Option<f64>>()? {
                    weights.set(status, weight);
                }
                Ok(weights)
            }
        }
        d.deserialize_map(MapVisitor)
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
// `Deserialize` is in model_serde.rs (the attributes give the JSON form).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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

names! { serde ScoreKind, "score kind" {
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
/// counts.add(DerivedStatus::Behind);
/// assert_eq!(counts.get(DerivedStatus::Behind), 1);
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
    /// assert_eq!(Counts::default().iter().count(), 21);
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
/// assert_eq!(whole.counts.total() + whole.expectations.total(), 48);
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
    /// Binding commitments below, by derived status.
    pub counts: Counts,
    /// Expectations below (commitments marked [`crate::Node::expectation`]), by derived
    /// status: judged like the others, never in the score, the due count or the headline.
    pub expectations: Counts,
    /// Commitments below, binding and expectations.
    pub total: usize,
    /// Commitments below whose status has a weight (those the score is over).
    pub counted: usize,
    /// Commitments below that are due: with a dated deadline that is known, and either
    /// delivered (in any way) or with its window open or passed.
    pub due: usize,
    /// Due commitments that are met on time (`met_on_time`, `met_early`): deliveries only.
    pub met_on_time: usize,
    /// `met_on_time / due`; `None` when nothing is due.
    pub met_on_time_share: Option<f64>,
    /// The headline counts ([`Headline`]).
    pub headline: Headline,
}

/// The headline counts of a node: the one definition that the report, the web page and
/// both bindings print ("N of M due met on time"). Binding commitments only; expectations
/// are counted apart in `expectations`.
///
/// ```
/// use roadmap_tracker::score::Headline;
/// let h = Headline { due: 4, met_on_time: 2, overdue_confirmed: 1, overdue_unconfirmed: 1, ..Headline::default() };
/// assert_eq!(h.sentence(), "2 of 4 due met on time; 2 overdue (1 confirmed late, 1 unconfirmed).");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Headline {
    /// Binding commitments below.
    pub commitments: usize,
    /// Binding commitments that are due: a dated, known deadline whose window has opened,
    /// or a delivery reported against one.
    pub due: usize,
    /// Due commitments delivered on time (`met_on_time`, `met_early`).
    pub met_on_time: usize,
    /// Delivered otherwise: late (`met_late`), another way (`met_differently`), or with the
    /// timing unclear or no dated deadline (`met`).
    pub met_otherwise: usize,
    /// Late and confirmed by evidence dated after the deadline (`behind`, `delayed`).
    pub overdue_confirmed: usize,
    /// Past the deadline with no evidence since (`overdue_unconfirmed`).
    pub overdue_unconfirmed: usize,
    /// Re-planned (`replanned`).
    pub replanned: usize,
    /// Dropped (`dropped`).
    pub dropped: usize,
    /// Expectations below (not binding; not in the other counts).
    pub expectations: usize,
    /// Commitments that cannot be judged (`unreadable`).
    pub unreadable: usize,
}

impl Headline {
    fn from_counts(counts: &Counts, expectations: &Counts, due: usize, on_time: usize) -> Self {
        use DerivedStatus as D;
        let n = |s: D| counts.get(s);
        Headline {
            commitments: counts.total(),
            due,
            met_on_time: on_time,
            met_otherwise: n(D::MetLate) + n(D::MetDifferently) + n(D::Met),
            overdue_confirmed: n(D::Behind) + n(D::Delayed),
            overdue_unconfirmed: n(D::OverdueUnconfirmed),
            replanned: n(D::Replanned),
            dropped: n(D::Dropped),
            expectations: expectations.total(),
            unreadable: n(D::Unreadable),
        }
    }

    /// The headline as one sentence: "N of M due met on time", then the overdue counts
    /// when there are any.
    pub fn sentence(&self) -> String {
        let mut out = format!("{} of {} due met on time", self.met_on_time, self.due);
        let overdue = self.overdue_confirmed + self.overdue_unconfirmed;
        if overdue > 0 {
            out.push_str(&format!(
                "; {overdue} overdue ({} confirmed late, {} unconfirmed)",
                self.overdue_confirmed, self.overdue_unconfirmed
            ));
        }
        out.push('.');
        out
    }
}

/// A running total for one node, filled from its commitments and its children.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Acc {
    num: f64,
    den: f64,
    counts: Counts,
    expectations: Counts,
    counted: usize,
    due: usize,
    on_time: usize,
}

impl Acc {
    /// Count a commitment of the given node weight.
    pub(crate) fn add(
        &mut self,
        status: DerivedStatus,
        due: bool,
        expectation: bool,
        weight: f64,
        weights: &Weights,
    ) {
        Acc::add_to_each(
            std::slice::from_mut(self),
            status,
            due,
            expectation,
            weight,
            weights,
        );
    }

    /// Count a commitment of the given node weight in each of `accs` (its status over a
    /// stretch of dates): the same sums as [`Acc::add`] on each, with the status's weight
    /// looked up once.
    pub(crate) fn add_to_each(
        accs: &mut [Acc],
        status: DerivedStatus,
        due: bool,
        expectation: bool,
        weight: f64,
        weights: &Weights,
    ) {
        if expectation {
            for acc in accs {
                acc.expectations.add(status);
            }
            return;
        }
        let on_time = due && status.is_met_on_time();
        let (due, on_time) = (usize::from(due), usize::from(on_time));
        match weights.get(status) {
            Some(w) => {
                let term = weight * w;
                for acc in accs {
                    acc.counts.add(status);
                    acc.num += term;
                    acc.den += weight;
                    acc.counted += 1;
                    acc.due += due;
                    acc.on_time += on_time;
                }
            }
            None => {
                for acc in accs {
                    acc.counts.add(status);
                    acc.due += due;
                    acc.on_time += on_time;
                }
            }
        }
    }

    /// Add a child node's totals; its commitments' weights are multiplied by its own.
    pub(crate) fn absorb(&mut self, child: &Acc, weight: f64) {
        self.num += weight * child.num;
        self.den += weight * child.den;
        self.counts.absorb(&child.counts);
        self.expectations.absorb(&child.expectations);
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
        let score = self.score();
        NodeScore {
            node,
            kind,
            score,
            rag: thresholds.rate(score),
            counts: self.counts,
            expectations: self.expectations,
            total: self.total(),
            counted: self.counted,
            due: self.due,
            met_on_time: self.on_time,
            met_on_time_share: self.met_on_time_share(),
            headline: Headline::from_counts(
                &self.counts,
                &self.expectations,
                self.due,
                self.on_time,
            ),
        }
    }

    /// The score on one date of a history: the fields of [`Acc::finish`] that a
    /// [`ScorePoint`] keeps, computed the same way.
    pub(crate) fn point(&self, date: chrono::NaiveDate, thresholds: &Thresholds) -> ScorePoint {
        let score = self.score();
        ScorePoint {
            date,
            score,
            rag: thresholds.rate(score),
            counts: self.counts,
            total: self.total(),
            counted: self.counted,
            due: self.due,
            met_on_time: self.on_time,
            met_on_time_share: self.met_on_time_share(),
        }
    }

    fn score(&self) -> Option<f64> {
        // Each term is at most its weight, so the mean is in [0, 1]; the clamp only guards
        // against the last bit of rounding.
        (self.den > 0.0).then(|| (self.num / self.den).clamp(0.0, 1.0))
    }

    fn total(&self) -> usize {
        self.counts.total() + self.expectations.total()
    }

    fn met_on_time_share(&self) -> Option<f64> {
        (self.due > 0).then(|| self.on_time as f64 / self.due as f64)
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

/// One node's scores over the dates of a [`crate::status::History`].
///
/// ```
/// use roadmap_tracker::Roadmap;
/// use roadmap_tracker::score::ScoreKind;
/// use roadmap_tracker::status::{Evaluator, Rules, Step};
///
/// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
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
