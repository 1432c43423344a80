//! The evaluator: a roadmap prepared once, then judged as of any date.

use std::fmt::{self, Write};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use super::prepared::{Prepared, Tracked, UpdateRef};
use super::rules::{derive, Rules, Verdict};
use super::{DerivedStatus, Rag, ReportedState};
use crate::dates::push_iso;
use crate::deadline::{Deadline, DeadlineKind, DeadlineState};
use crate::error::Error;
use crate::metric::{self, MetricResult};
use crate::model::{NodeKind, Roadmap};
use crate::score::{Acc, NodeScore, ScoreKind};

/// A roadmap prepared for evaluation under a set of [`Rules`].
///
/// [`Evaluator::new`] does all the work that can fail, once: it parses every deadline,
/// resolves every status label through the vocabularies, checks the tree, and sorts each
/// node's updates by date. The calls after that cannot fail on the data and allocate
/// only their results.
///
/// The evaluator owns its roadmap (an [`Arc`]) and is cheap to clone (one reference
/// count), so a caller can keep one and reuse it for every date. Results refer back to it
/// for what they only show on demand: a [`CommitmentStatus`]'s reason is written when it
/// is read or serialised, not for every status evaluated.
///
/// ```
/// use roadmap_tracker::Roadmap;
/// use roadmap_tracker::status::{DerivedStatus, Evaluator, Rules};
/// use chrono::NaiveDate;
///
/// let evaluator = Evaluator::new(Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?, Rules::default())?;
/// let press = NaiveDate::from_ymd_opt(2026, 6, 4).unwrap();
/// let s = evaluator.status_of("digital-sourcing-strategy", press).unwrap();
/// assert_eq!(s.status, DerivedStatus::Delayed);
/// assert_eq!(s.label(), Some("under review"));
/// // A clone shares the prepared roadmap.
/// let kept = evaluator.clone();
/// assert_eq!(kept.status_of("digital-sourcing-strategy", press), Some(s));
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone)]
pub struct Evaluator {
    shared: Arc<Shared>,
}

struct Shared {
    prepared: Prepared,
    rules: Rules,
}

impl fmt::Debug for Evaluator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.prepared();
        f.debug_struct("Evaluator")
            .field("roadmap", &p.roadmap.id)
            .field("tracked", &p.tracked.len())
            .field("scored", &p.slots.len())
            .field("rules", &self.rules())
            .finish_non_exhaustive()
    }
}

/// The derived status of one commitment or milestone as of a date, with its reason.
///
/// ```
/// use roadmap_tracker::Roadmap;
/// use roadmap_tracker::status::{DerivedStatus, Evaluator, Rag, Rules};
/// use chrono::NaiveDate;
///
/// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
/// let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
/// let s = evaluator
///     .status_of("central-local-leadership", NaiveDate::from_ymd_opt(2026, 11, 24).unwrap())
///     .unwrap();
/// assert_eq!((s.status, s.rag, s.rule), (DerivedStatus::Overdue, Rag::Red, "deadline-missed"));
/// assert!(s.reason().contains("2026-06-04"));
/// // Serialised, the reason is a field like the others.
/// let json = serde_json::to_value(&s)?;
/// assert_eq!(json["reason"], s.reason());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct CommitmentStatus {
    /// `commitment` or `milestone`.
    pub kind: NodeKind,
    /// The derived status.
    pub status: DerivedStatus,
    /// The rating.
    pub rag: Rag,
    /// The canonical state of the update used, if any.
    pub reported: Option<ReportedState>,
    /// The update's position in `roadmap.updates`.
    pub update: Option<usize>,
    /// The update's date.
    pub update_date: Option<NaiveDate>,
    /// When it was delivered, for delivered (or delivered differently) reports.
    pub delivered_on: Option<NaiveDate>,
    /// The deadline engine's judgment (`no_deadline` without a known deadline).
    pub deadline_state: DeadlineState,
    /// Days until the window, or past it, as the deadline engine counts them.
    pub days: Option<i64>,
    /// Whether the commitment is due (see [`crate::score::NodeScore::due`]).
    pub due: bool,
    /// The id of the status rule that applied (see [`super::RULES`]).
    pub rule: &'static str,
    /// What the id, the label and the reason are read from.
    pub(crate) why: Why,
}

/// What a status's id, label and reason are read from: the evaluator that judged (which
/// owns the roadmap), the node and the date. The evaluator is immutable, so judging again
/// gives the same verdict and the same sentence. A status holds no strings of its own:
/// evaluating a million commitments copies no ids or labels.
#[derive(Clone)]
pub(crate) struct Why {
    evaluator: Evaluator,
    /// Position in the prepared `tracked` list.
    tracked: u32,
    as_of: NaiveDate,
}

impl Why {
    /// The node's id, read from the evaluator's roadmap.
    pub(crate) fn node(&self) -> &str {
        let p = self.evaluator.prepared();
        p.tracked
            .get(self.tracked as usize)
            .and_then(|t| p.roadmap.nodes.get(t.node as usize))
            .map_or("", |n| n.id.as_str())
    }

    pub(crate) fn reason(&self) -> String {
        let mut out = String::with_capacity(160);
        let e = &self.evaluator;
        if let Some(t) = e.prepared().tracked.get(self.tracked as usize) {
            let (v, latest) = e.verdict(t, self.as_of);
            e.write_reason(t, &v, latest, self.as_of, &mut out);
        }
        out
    }

    /// The same reason, without writing it when it is plainly the same.
    pub(crate) fn same(&self, other: &Why) -> bool {
        (Arc::ptr_eq(&self.evaluator.shared, &other.evaluator.shared)
            && self.tracked == other.tracked
            && self.as_of == other.as_of)
            || self.reason() == other.reason()
    }
}

impl CommitmentStatus {
    /// The node's id (serialised as the `node` field).
    ///
    /// ```
    /// use roadmap_tracker::Roadmap;
    /// use roadmap_tracker::status::{Evaluator, Rules};
    ///
    /// let roadmap = Roadmap::uk_digital_2026();
    /// let e = Evaluator::new(roadmap.clone(), Rules::default())?.evaluate(roadmap.published);
    /// assert_eq!(e.commitments[0].node(), roadmap.nodes.iter().find(|n| n.kind.is_trackable()).unwrap().id);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn node(&self) -> &str {
        self.why.node()
    }

    /// The label of the update used, as reported (serialised as the `label` field);
    /// `None` without an update.
    ///
    /// ```
    /// use roadmap_tracker::Roadmap;
    /// use roadmap_tracker::status::{Evaluator, Rules};
    /// use chrono::NaiveDate;
    ///
    /// let evaluator = Evaluator::new(Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?, Rules::default())?;
    /// let june = NaiveDate::from_ymd_opt(2026, 6, 4).unwrap();
    /// let s = evaluator.status_of("supplier-information-service", june).unwrap();
    /// assert_eq!(s.label(), Some("launched"));
    /// let at_publication = evaluator.status_of("supplier-information-service", evaluator.roadmap().published);
    /// assert_eq!(at_publication.unwrap().label(), None);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn label(&self) -> Option<&str> {
        let update = self.update?;
        let u = self.why.evaluator.roadmap().updates.get(update)?;
        Some(u.status.as_str())
    }

    /// One sentence: the update used (date, source), the deadline and its rule, the
    /// result. Written when asked for (and when serialised, as the `reason` field).
    ///
    /// ```
    /// use roadmap_tracker::Roadmap;
    /// use roadmap_tracker::status::{Evaluator, Rules};
    /// use chrono::NaiveDate;
    ///
    /// let evaluator = Evaluator::new(Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?, Rules::default())?;
    /// let as_of = NaiveDate::from_ymd_opt(2026, 6, 4).unwrap();
    /// let s = evaluator.status_of("supplier-information-service", as_of).unwrap();
    /// assert!(s.reason().ends_with(": met on time (rule delivered-within-window)."), "{}", s.reason());
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn reason(&self) -> String {
        self.why.reason()
    }
}

/// The serialised form: every field, the reason written out last.
#[derive(Serialize)]
#[serde(rename = "CommitmentStatus")]
struct StatusOut<'a> {
    node: &'a str,
    kind: NodeKind,
    status: DerivedStatus,
    rag: Rag,
    reported: Option<ReportedState>,
    label: Option<&'a str>,
    update: Option<usize>,
    #[serde(with = "crate::dates::serde_date::option")]
    update_date: Option<NaiveDate>,
    #[serde(with = "crate::dates::serde_date::option")]
    delivered_on: Option<NaiveDate>,
    deadline_state: DeadlineState,
    days: Option<i64>,
    due: bool,
    rule: &'static str,
    reason: String,
}

impl Serialize for CommitmentStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        StatusOut {
            node: self.node(),
            kind: self.kind,
            status: self.status,
            rag: self.rag,
            reported: self.reported,
            label: self.label(),
            update: self.update,
            update_date: self.update_date,
            delivered_on: self.delivered_on,
            deadline_state: self.deadline_state,
            days: self.days,
            due: self.due,
            rule: self.rule,
            reason: self.reason(),
        }
        .serialize(s)
    }
}

impl PartialEq for CommitmentStatus {
    fn eq(&self, other: &Self) -> bool {
        self.node() == other.node()
            && self.kind == other.kind
            && self.status == other.status
            && self.rag == other.rag
            && self.reported == other.reported
            && self.label() == other.label()
            && self.update == other.update
            && self.update_date == other.update_date
            && self.delivered_on == other.delivered_on
            && self.deadline_state == other.deadline_state
            && self.days == other.days
            && self.due == other.due
            && self.rule == other.rule
            && self.why.same(&other.why)
    }
}

impl fmt::Debug for CommitmentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CommitmentStatus")
            .field("node", &self.node())
            .field("kind", &self.kind)
            .field("status", &self.status)
            .field("rag", &self.rag)
            .field("reported", &self.reported)
            .field("label", &self.label())
            .field("update", &self.update)
            .field("update_date", &self.update_date)
            .field("delivered_on", &self.delivered_on)
            .field("deadline_state", &self.deadline_state)
            .field("days", &self.days)
            .field("due", &self.due)
            .field("rule", &self.rule)
            .field("reason", &self.reason())
            .finish()
    }
}

/// Everything as of one date: every commitment's and milestone's status, every score, and
/// every metric.
///
/// ```
/// use roadmap_tracker::Roadmap;
/// use roadmap_tracker::status::{DerivedStatus, Evaluator, Rules};
/// use chrono::NaiveDate;
///
/// let e = Evaluator::new(Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?, Rules::default())?
///     .evaluate(NaiveDate::from_ymd_opt(2026, 6, 4).unwrap());
/// assert_eq!(e.commitments.len(), 52); // 48 commitments and 4 milestones
/// assert_eq!(e.scores.len(), 1 + 6 + 2 + 28);
/// assert_eq!(e.status("responsible-ai-procurement-guidance").map(|s| s.status),
///            Some(DerivedStatus::MetDifferently));
/// let json = serde_json::to_string(&e).unwrap();
/// assert!(json.contains(r#""as_of":"2026-06-04""#));
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Evaluation {
    /// The date evaluated.
    #[serde(with = "crate::dates::serde_date")]
    pub as_of: NaiveDate,
    /// Commitments and milestones, in roadmap order.
    pub commitments: Vec<CommitmentStatus>,
    /// The roadmap's score first (`node: null`), then every section, sub-category and area
    /// in roadmap order.
    pub scores: Vec<NodeScore>,
    /// Every metric, in roadmap order. A metric that cannot be scored carries its error
    /// instead of failing the evaluation: one bad metric should not hide the rest.
    pub metrics: Vec<MetricResult>,
}

impl Evaluation {
    /// The status of a commitment or milestone by id (a linear scan).
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{Evaluator, Rules};
    /// # let roadmap = Roadmap::uk_digital_2026();
    /// let e = Evaluator::new(roadmap.clone(), Rules::default())?.evaluate(roadmap.published);
    /// assert!(e.status("treasury-finance-data").is_some());
    /// assert!(e.status("funding").is_none()); // a section has a score, not a status
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn status(&self, node: &str) -> Option<&CommitmentStatus> {
        self.commitments.iter().find(|c| c.node() == node)
    }

    /// The score of a section, sub-category or area by id (a linear scan).
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{Evaluator, Rules};
    /// # let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
    /// let e = Evaluator::new(roadmap.clone(), Rules::default())?.evaluate(roadmap.published);
    /// assert_eq!(e.score("ai").map(|s| s.total), Some(5));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn score(&self, node: &str) -> Option<&NodeScore> {
        self.scores.iter().find(|s| s.node.as_deref() == Some(node))
    }

    /// The roadmap's own score.
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{Evaluator, Rules};
    /// # let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
    /// let e = Evaluator::new(roadmap.clone(), Rules::default())?.evaluate(roadmap.published);
    /// assert_eq!(e.roadmap_score().total, 48);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn roadmap_score(&self) -> &NodeScore {
        // `evaluate` always puts the roadmap's score first; the fallback is unreachable
        // but keeps this infallible without a panic.
        static EMPTY: std::sync::OnceLock<NodeScore> = std::sync::OnceLock::new();
        self.scores.first().unwrap_or_else(|| {
            EMPTY.get_or_init(|| {
                Acc::default().finish(None, ScoreKind::Roadmap, &Default::default())
            })
        })
    }

    /// The result of a metric by id.
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{Evaluator, Rules};
    /// # let roadmap = Roadmap::uk_digital_2026();
    /// let e = Evaluator::new(roadmap.clone(), Rules::default())?.evaluate(roadmap.published);
    /// assert!(e.metric("no-such-metric").is_none());
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn metric(&self, id: &str) -> Option<&MetricResult> {
        self.metrics.iter().find(|m| m.metric == id)
    }

    /// How many commitments and milestones have a status.
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{DerivedStatus, Evaluator, Rules};
    /// # let roadmap = Roadmap::uk_digital_2026();
    /// let e = Evaluator::new(roadmap.clone(), Rules::default())?.evaluate(roadmap.published);
    /// assert_eq!(e.count(DerivedStatus::Dropped), 0);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn count(&self, status: DerivedStatus) -> usize {
        self.commitments
            .iter()
            .filter(|c| c.status == status)
            .count()
    }
}

impl Evaluator {
    /// Prepare a roadmap. Fails on a deadline phrase the engine refuses
    /// ([`Error::Deadline`] at `nodes[i].deadline.phrase`), a status label no vocabulary
    /// knows (`unknown_label` at `updates[i].status`, listing the known labels), a tree the
    /// scores cannot roll up (unknown parents, parents of the wrong kind, duplicate ids,
    /// bad weights, updates on unknown nodes), or out-of-range rules (`invalid_argument`).
    ///
    /// ```
    /// use roadmap_tracker::{ErrorCode, Roadmap};
    /// use roadmap_tracker::status::{Evaluator, Rules, Vocabularies, Vocabulary};
    ///
    /// let roadmap = Roadmap::uk_digital_2026();
    /// let rules = Rules { vocabularies: Vocabularies::empty().with(Vocabulary::builtin("rag").unwrap().clone()), ..Rules::default() };
    /// let err = Evaluator::new(roadmap, rules).err().unwrap();
    /// assert_eq!(err.code(), ErrorCode::UnknownLabel);
    /// assert_eq!(err.location().to_string(), "updates[0].status");
    /// ```
    ///
    /// The roadmap is taken as anything that becomes an `Arc<Roadmap>`: a `Roadmap` (moved
    /// in), or an `Arc<Roadmap>` shared with the caller, without a copy.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use roadmap_tracker::Roadmap;
    /// use roadmap_tracker::status::{Evaluator, Rules};
    ///
    /// let roadmap = Arc::new(Roadmap::uk_digital_2026());
    /// let evaluator = Evaluator::new(Arc::clone(&roadmap), Rules::default())?;
    /// assert!(std::ptr::eq(evaluator.roadmap(), &*roadmap));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn new(roadmap: impl Into<Arc<Roadmap>>, rules: Rules) -> Result<Evaluator, Error> {
        rules.check()?;
        let prepared = Prepared::build(roadmap.into(), &rules)?;
        Ok(Evaluator {
            shared: Arc::new(Shared { prepared, rules }),
        })
    }

    pub(crate) fn prepared(&self) -> &Prepared {
        &self.shared.prepared
    }

    /// The roadmap being evaluated.
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{Evaluator, Rules};
    /// let evaluator = Evaluator::new(Roadmap::uk_digital_2026(), Rules::default())?;
    /// assert_eq!(evaluator.roadmap().id, "uk-digital-2026");
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn roadmap(&self) -> &Roadmap {
        &self.prepared().roadmap
    }

    /// The rules in use.
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{Evaluator, Rules};
    /// let roadmap = Roadmap::uk_digital_2026();
    /// let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    /// assert_eq!(evaluator.rules().grace_days, 0);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn rules(&self) -> &Rules {
        &self.shared.rules
    }

    /// The parsed deadline of a commitment or milestone (whatever the date), if it has one.
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{Evaluator, Rules};
    /// let roadmap = Roadmap::uk_digital_2026();
    /// let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    /// let d = evaluator.deadline("treasury-finance-data").unwrap();
    /// assert_eq!(d.latest().map(|d| d.to_string()).as_deref(), Some("2028-10-31"));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn deadline(&self, node: &str) -> Option<&Deadline> {
        let t = self.tracked(node)?;
        self.prepared().deadlines.get(t.deadline as usize)
    }

    pub(crate) fn tracked(&self, node: &str) -> Option<&Tracked> {
        self.prepared().tracked_by_id(node)
    }

    /// The rules' verdict for one tracked node: no allocation.
    pub(crate) fn verdict(&self, t: &Tracked, as_of: NaiveDate) -> (Verdict, Option<&UpdateRef>) {
        let p = self.prepared();
        let latest = p.latest(t, as_of);
        let deadline = p.deadline_at(t, as_of);
        let v = derive(
            self.rules(),
            deadline,
            latest.map(Prepared::evidence_of),
            as_of,
        );
        (v, latest)
    }

    /// Every commitment's and milestone's status, every score and every metric, as of a
    /// date. Updates dated after `as_of`, and deadlines written after it, are invisible, so
    /// a past report is reproduced exactly.
    ///
    /// ```
    /// use roadmap_tracker::Roadmap;
    /// use roadmap_tracker::status::{DerivedStatus, Evaluator, Rules};
    /// use chrono::NaiveDate;
    ///
    /// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
    /// let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    /// let at_publication = evaluator.evaluate(roadmap.published);
    /// // Nothing the article reported is visible yet.
    /// assert_eq!(at_publication.status("supplier-information-service").map(|s| s.status),
    ///            Some(DerivedStatus::NotStarted));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn evaluate(&self, as_of: NaiveDate) -> Evaluation {
        let p = self.prepared();
        let weights = &self.rules().weights;
        let mut commitments = Vec::with_capacity(p.tracked.len());
        let mut accs = vec![Acc::default(); p.slots.len() + 1];
        for (i, t) in p.tracked.iter().enumerate() {
            let (v, latest) = self.verdict(t, as_of);
            if let Some(acc) = Prepared::acc_of(t).and_then(|a| accs.get_mut(a)) {
                acc.add(v.status(), v.due, t.weight, weights);
            }
            commitments.push(self.status_from(i as u32, t, v, latest, as_of));
        }
        Evaluation {
            as_of,
            commitments,
            scores: self.finish_scores(&mut accs),
            metrics: self.metrics(as_of),
        }
    }

    /// Only the scores as of a date (as in [`Evaluation::scores`]), without building each
    /// commitment's status and reason: the cheap call for dashboards and trends.
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{Evaluator, Rules};
    /// # use chrono::NaiveDate;
    /// let roadmap = Roadmap::uk_digital_2026();
    /// let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    /// let as_of = NaiveDate::from_ymd_opt(2026, 6, 4).unwrap();
    /// assert_eq!(evaluator.scores(as_of), evaluator.evaluate(as_of).scores);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn scores(&self, as_of: NaiveDate) -> Vec<NodeScore> {
        let p = self.prepared();
        let mut accs = vec![Acc::default(); p.slots.len() + 1];
        for t in &p.tracked {
            if let Some(acc) = Prepared::acc_of(t).and_then(|a| accs.get_mut(a)) {
                let (v, _) = self.verdict(t, as_of);
                acc.add(v.status(), v.due, t.weight, &self.rules().weights);
            }
        }
        self.finish_scores(&mut accs)
    }

    /// Roll area totals up and turn every accumulator into a score, roadmap first.
    pub(crate) fn finish_scores(&self, accs: &mut [Acc]) -> Vec<NodeScore> {
        let p = self.prepared();
        p.rollup(accs);
        let thresholds = &self.rules().thresholds;
        let mut scores = Vec::with_capacity(accs.len());
        if let Some(root) = accs.first() {
            scores.push(root.finish(None, ScoreKind::Roadmap, thresholds));
        }
        for (slot, acc) in p.slots.iter().zip(accs.iter().skip(1)) {
            let id = p
                .roadmap
                .nodes
                .get(slot.node as usize)
                .map(|n| n.id.clone());
            scores.push(acc.finish(id, slot.kind, thresholds));
        }
        scores
    }

    fn metrics(&self, as_of: NaiveDate) -> Vec<MetricResult> {
        let conventions = &self.rules().conventions;
        self.roadmap()
            .metrics
            .iter()
            .enumerate()
            .map(|(i, m)| MetricResult::new(m, metric::evaluate_at(m, i, as_of, conventions)))
            .collect()
    }

    /// The status of one commitment or milestone as of a date; `None` for an id that is not
    /// a commitment or milestone.
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{DerivedStatus, Evaluator, Rules};
    /// # use chrono::NaiveDate;
    /// let roadmap = Roadmap::uk_digital_2026();
    /// let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    /// let s = evaluator.status_of("treasury-finance-data", NaiveDate::from_ymd_opt(2028, 11, 1).unwrap());
    /// assert_eq!(s.map(|s| s.status), Some(DerivedStatus::Overdue));
    /// assert!(evaluator.status_of("no-such-node", roadmap.published).is_none());
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn status_of(&self, node: &str, as_of: NaiveDate) -> Option<CommitmentStatus> {
        let p = self.prepared();
        let at = p.ids.get(&p.roadmap.nodes, node)?;
        let &i = p.tracked_of.get(at as usize)?;
        let t = p.tracked.get(i as usize)?;
        let (v, latest) = self.verdict(t, as_of);
        Some(self.status_from(i, t, v, latest, as_of))
    }

    /// The status of tracked node `i` (`t`) from its verdict: the id and label are read
    /// from the roadmap, and the reason written, on demand.
    pub(crate) fn status_from(
        &self,
        i: u32,
        t: &Tracked,
        v: Verdict,
        latest: Option<&UpdateRef>,
        as_of: NaiveDate,
    ) -> CommitmentStatus {
        CommitmentStatus {
            kind: t.kind,
            status: v.status(),
            rag: v.rag(),
            reported: latest.map(|u| u.state),
            update: latest.map(|u| u.index as usize),
            update_date: latest.map(|u| u.date),
            delivered_on: v.delivered_on,
            deadline_state: v.deadline_state,
            days: v.days,
            due: v.due,
            rule: v.rule.id,
            why: Why {
                evaluator: self.clone(),
                tracked: i,
                as_of,
            },
        }
    }

    /// Write the reason into `out` (cleared first), with `push_str` and a hand-rolled date
    /// writer.
    pub(crate) fn write_reason(
        &self,
        t: &Tracked,
        v: &Verdict,
        latest: Option<&UpdateRef>,
        as_of: NaiveDate,
        out: &mut String,
    ) {
        out.clear();
        let roadmap = self.roadmap();
        match latest.and_then(|u| roadmap.updates.get(u.index as usize).map(|x| (u, x))) {
            Some((u, update)) => {
                out.push('"');
                out.push_str(&update.status);
                out.push_str("\" reported on ");
                push_iso(out, u.date);
                if !update.source.is_empty() {
                    out.push_str(" by ");
                    out.push_str(&update.source);
                }
                if let Some(d) = v.delivered_on {
                    out.push_str(", delivered ");
                    push_iso(out, d);
                }
                if v.rule.id == super::rules::STALE_EVIDENCE.id {
                    out.push_str(", more than ");
                    if let Some(n) = self.rules().staleness_days {
                        push_number(out, i64::from(n));
                    }
                    out.push_str(" days before");
                }
            }
            None => {
                out.push_str("no update by ");
                push_iso(out, as_of);
            }
        }
        out.push_str("; ");
        let text = roadmap
            .nodes
            .get(t.node as usize)
            .and_then(|n| n.deadline.as_ref());
        match (text, self.prepared().deadlines.get(t.deadline as usize)) {
            (Some(text), Some(deadline)) if t.written_on <= as_of => {
                out.push_str("deadline \"");
                out.push_str(&text.phrase);
                out.push_str("\" (");
                push_window(out, deadline);
                out.push_str(") is ");
                out.push_str(v.deadline_state.as_str());
                if !v.deadline_rule.is_empty() {
                    out.push_str(" by deadline rule ");
                    out.push_str(v.deadline_rule);
                }
            }
            (Some(text), _) => {
                out.push_str("deadline \"");
                out.push_str(&text.phrase);
                out.push_str("\" not yet set (written ");
                push_iso(out, text.written_on);
                out.push(')');
            }
            (None, _) => out.push_str("no deadline"),
        }
        out.push_str(": ");
        out.push_str(v.status().phrase());
        out.push_str(" (rule ");
        out.push_str(v.rule.id);
        out.push_str(").");
    }
}

fn push_window(out: &mut String, d: &Deadline) {
    match (d.kind(), d.earliest(), d.latest()) {
        (DeadlineKind::None | DeadlineKind::Ongoing, _, _) => out.push_str("no date"),
        (DeadlineKind::From, Some(e), _) | (_, Some(e), None) => {
            out.push_str("from ");
            push_iso(out, e);
        }
        (DeadlineKind::By, _, Some(l)) | (_, None, Some(l)) => {
            out.push_str("by ");
            push_iso(out, l);
        }
        (_, Some(e), Some(l)) => {
            push_iso(out, e);
            out.push_str(" to ");
            push_iso(out, l);
        }
        (_, None, None) => out.push_str("no date"),
    }
}

fn push_number(out: &mut String, n: i64) {
    let _ = write!(out, "{n}"); // writing to a String cannot fail
}
