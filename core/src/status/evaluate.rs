//! The evaluator: a roadmap prepared once, then judged as of any date.

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use super::prepared::{Prepared, Tracked, UpdateRef};
use super::rules::{derive, Replan, Rules, Verdict};
use super::{DerivedStatus, Rag, ReportedState};
use crate::deadline::{Deadline, DeadlineState};
use crate::error::Error;
use crate::metric::{self, MetricResult};
use crate::model::{EvidenceDate, NodeKind, Roadmap};
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
/// assert_eq!((s.status, s.rag, s.rule), (DerivedStatus::OverdueUnconfirmed, Rag::Red, "overdue-unconfirmed"));
/// assert!(s.reason().contains("4 June 2026"));
/// assert_eq!(s.evidence_date.map(|d| d.to_string()).as_deref(), Some("2026-06-04"));
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
    /// The update's date, as precisely as it was given (the same as `evidence_date`).
    pub update_date: Option<EvidenceDate>,
    /// When it was delivered, for delivered (or delivered differently) reports, only if
    /// the evidence says when: never filled in from the report's own date.
    pub delivered_on: Option<EvidenceDate>,
    /// The date of the latest visible report (the evidence the status rests on), as
    /// precisely as it was given; `None` without a report.
    pub evidence_date: Option<EvidenceDate>,
    /// Days from the latest day `evidence_date` allows to the as-of date (the evidence is
    /// at least this old); `None` without a report.
    pub evidence_age_days: Option<i64>,
    /// Whether the evidence is older than [`Rules::staleness_days`] and the status is not a
    /// delivery: a flag for readers, which changes neither the status nor the score.
    pub stale: bool,
    /// Whether the node is an expectation rather than a binding commitment
    /// ([`crate::Node::expectation`]).
    pub expectation: bool,
    /// The source's own rating, when the report's label is one ("Red", "Amber/Green"):
    /// kept apart from the derived status and `rag`.
    pub reported_rag: Option<Rag>,
    /// The deadline engine's judgment (`no_deadline` without a known deadline).
    pub deadline_state: DeadlineState,
    /// Days until the window, or past it, as the deadline engine counts them.
    pub days: Option<i64>,
    /// Whether the commitment is due (see [`crate::score::NodeScore::due`]).
    pub due: bool,
    /// Whether the deadline judged is a re-plan's new deadline.
    pub new_deadline: bool,
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
        self.write_reason(&mut out);
        out
    }

    /// Write the reason into `out` (cleared first).
    fn write_reason(&self, out: &mut String) {
        out.clear();
        let e = &self.evaluator;
        if let Some(t) = e.prepared().tracked.get(self.tracked as usize) {
            let (v, latest) = e.verdict(t, self.as_of);
            super::prose::write(e, t, &v, latest, self.as_of, out);
        }
    }

    /// Whether the node sits below the node with id `ancestor`.
    fn is_below(&self, ancestor: &str) -> bool {
        let p = self.evaluator.prepared();
        let nodes = &p.roadmap.nodes;
        let mut at = p
            .tracked
            .get(self.tracked as usize)
            .and_then(|t| nodes.get(t.node as usize));
        // Kinds strictly descend, so five steps reach a section.
        for _ in 0..5 {
            let Some(parent) = at.and_then(|n| n.parent.as_deref()) else {
                return false;
            };
            if parent == ancestor {
                return true;
            }
            at = p.ids.get(nodes, parent).and_then(|i| nodes.get(i as usize));
        }
        false
    }

    /// The error that makes the node unreadable, if it is.
    pub(crate) fn error(&self) -> Option<&Error> {
        let p = self.evaluator.prepared();
        p.tracked
            .get(self.tracked as usize)
            .and_then(|t| p.problem_of(t))
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
    /// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
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

    /// One sentence for readers: what the evidence says, when, and against which deadline
    /// ("Due by 31 March 2028; no report yet."). The rule id and the machine fields stay
    /// in their own fields. Written when asked for (and when serialised, as the `reason`
    /// field); the report, the web page and the bindings all print this sentence.
    ///
    /// ```
    /// use roadmap_tracker::Roadmap;
    /// use roadmap_tracker::status::{Evaluator, Rules};
    /// use chrono::NaiveDate;
    ///
    /// let evaluator = Evaluator::new(Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?, Rules::default())?;
    /// let s = evaluator.status_of("treasury-finance-data", evaluator.roadmap().published).unwrap();
    /// assert_eq!(s.reason(), "Due by 31 October 2028; no report yet.");
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn reason(&self) -> String {
        self.why.reason()
    }

    /// The error that makes the node unreadable (status `unreadable`): a deadline phrase
    /// the engine refuses, a re-plan's new deadline it refuses, or a label no vocabulary
    /// knows, located in the roadmap. Serialised as the `error` field.
    pub fn error(&self) -> Option<&Error> {
        self.why.error()
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
    update_date: Option<EvidenceDate>,
    delivered_on: Option<EvidenceDate>,
    evidence_date: Option<EvidenceDate>,
    evidence_age_days: Option<i64>,
    stale: bool,
    expectation: bool,
    reported_rag: Option<Rag>,
    deadline_state: DeadlineState,
    days: Option<i64>,
    due: bool,
    new_deadline: bool,
    rule: &'static str,
    error: Option<&'a Error>,
    reason: Reason<'a>,
}

/// A status's reason as it is serialised: written into one buffer kept for the thread and
/// reused from status to status, rather than into a new `String` each (serialising 100,000
/// statuses writes 100,000 sentences).
struct Reason<'a>(&'a Why);

impl Serialize for Reason<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        thread_local! {
            static BUFFER: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
        }
        // Taken out while in use, so a nested serialisation gets a buffer of its own.
        let mut text = BUFFER.with(std::cell::Cell::take);
        self.0.write_reason(&mut text);
        let done = s.serialize_str(&text);
        // A buffer grown by an unusually long sentence is not kept.
        if text.capacity() <= 4096 {
            BUFFER.with(|b| b.set(text));
        }
        done
    }
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
            evidence_date: self.evidence_date,
            evidence_age_days: self.evidence_age_days,
            stale: self.stale,
            expectation: self.expectation,
            reported_rag: self.reported_rag,
            deadline_state: self.deadline_state,
            days: self.days,
            due: self.due,
            new_deadline: self.new_deadline,
            rule: self.rule,
            error: self.error(),
            reason: Reason(&self.why),
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
            && self.evidence_date == other.evidence_date
            && self.evidence_age_days == other.evidence_age_days
            && self.stale == other.stale
            && self.expectation == other.expectation
            && self.reported_rag == other.reported_rag
            && self.new_deadline == other.new_deadline
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
            .field("evidence_date", &self.evidence_date)
            .field("evidence_age_days", &self.evidence_age_days)
            .field("stale", &self.stale)
            .field("expectation", &self.expectation)
            .field("reported_rag", &self.reported_rag)
            .field("new_deadline", &self.new_deadline)
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
///            Some(DerivedStatus::Replanned));
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
    /// # let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
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
    /// # let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
    /// let e = Evaluator::new(roadmap.clone(), Rules::default())?.evaluate(roadmap.published);
    /// assert!(e.metric("no-such-metric").is_none());
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn metric(&self, id: &str) -> Option<&MetricResult> {
        self.metrics.iter().find(|m| m.metric == id)
    }

    /// The commitments behind a node's numbers: every commitment below the section,
    /// sub-category or area `node` (every commitment for `None`, the roadmap), in roadmap
    /// order. Milestones are not scored, so they are not listed.
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{Evaluator, Rules};
    /// # let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
    /// let e = Evaluator::new(roadmap.clone(), Rules::default())?.evaluate(roadmap.published);
    /// let ai = e.score("ai").unwrap();
    /// assert_eq!(e.items_below(Some("ai")).len(), ai.total);
    /// assert_eq!(e.items_below(None).len(), e.roadmap_score().total);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn items_below(&self, node: Option<&str>) -> Vec<&CommitmentStatus> {
        self.commitments
            .iter()
            .filter(|c| c.kind == NodeKind::Commitment)
            .filter(|c| node.map_or(true, |id| c.why.is_below(id)))
            .collect()
    }

    /// How many commitments and milestones have a status.
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// # use roadmap_tracker::status::{DerivedStatus, Evaluator, Rules};
    /// # let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
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
    /// Prepare a roadmap. Fails on a tree the scores cannot roll up (unknown parents,
    /// parents of the wrong kind, duplicate ids, bad weights, updates on unknown nodes), or
    /// out-of-range rules (`invalid_argument`). A deadline phrase the engine refuses or a
    /// status label no vocabulary knows does not fail it: that node's status is
    /// `unreadable`, carrying the error, and the rest is evaluated.
    ///
    /// ```
    /// use roadmap_tracker::{ErrorCode, Roadmap};
    /// use roadmap_tracker::status::{DerivedStatus, Evaluator, Rules, Vocabularies, Vocabulary};
    ///
    /// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
    /// let first = roadmap.updates[0].node.clone();
    /// let rules = Rules { vocabularies: Vocabularies::empty().with(Vocabulary::builtin("okr").unwrap().clone()), ..Rules::default() };
    /// let evaluator = Evaluator::new(roadmap.clone(), rules)?;
    /// let s = evaluator.status_of(&first, roadmap.published).unwrap();
    /// assert_eq!(s.status, DerivedStatus::Unreadable);
    /// let err = s.error().unwrap();
    /// assert_eq!(err.code(), ErrorCode::UnknownLabel);
    /// assert_eq!(err.location().to_string(), "updates[0].status");
    /// # Ok::<(), roadmap_tracker::Error>(())
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
    /// let roadmap = Arc::new(Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?);
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
    /// let evaluator = Evaluator::new(Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?, Rules::default())?;
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
    /// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
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
    /// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
    /// let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    /// let d = evaluator.deadline("treasury-finance-data").unwrap();
    /// assert_eq!(d.latest().map(|d| d.to_string()).as_deref(), Some("2028-10-31"));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn deadline(&self, node: &str) -> Option<&Deadline> {
        let t = self.tracked(node)?;
        self.prepared().deadlines.get(t.deadline as usize)
    }

    /// The new deadline a re-plan set, when it is the deadline judged as of `as_of` (the
    /// latest re-plan visible then, with no delivery after it, set one on or before it).
    pub(crate) fn new_deadline(&self, node: &str, as_of: NaiveDate) -> Option<&Deadline> {
        self.prepared()
            .replanned_deadline(self.tracked(node)?, as_of)
    }

    pub(crate) fn tracked(&self, node: &str) -> Option<&Tracked> {
        self.prepared().tracked_by_id(node)
    }

    /// The rules' verdict for one tracked node: no allocation.
    pub(crate) fn verdict(&self, t: &Tracked, as_of: NaiveDate) -> (Verdict, Option<&UpdateRef>) {
        let p = self.prepared();
        let visible = p.visible(t, as_of);
        let latest = visible.last();
        if p.problem_of(t).is_some() {
            return (Verdict::unreadable(), latest);
        }
        let deadline = p.deadline_at(t, as_of);
        let replan = p.latest_replan(visible).map(|(u, is_latest)| Replan {
            new_deadline: p.new_deadline_at(u, as_of),
            is_latest,
        });
        let v = derive(
            self.rules(),
            deadline,
            latest.map(Prepared::evidence_of),
            replan,
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
    ///            Some(DerivedStatus::NotYetDue));
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
                acc.add(v.status(), v.due, t.expectation, t.weight, weights);
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
    /// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
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
                acc.add(
                    v.status(),
                    v.due,
                    t.expectation,
                    t.weight,
                    &self.rules().weights,
                );
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
                .map(|n| n.id.as_str().into());
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
    /// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
    /// let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    /// let s = evaluator.status_of("treasury-finance-data", NaiveDate::from_ymd_opt(2028, 11, 1).unwrap());
    /// assert_eq!(s.map(|s| s.status), Some(DerivedStatus::OverdueUnconfirmed));
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
        let evidence_age_days = latest.map(|u| crate::deadline::days_between(u.visible, as_of));
        let status = v.status();
        let stale = !status.is_delivered()
            && self
                .rules()
                .staleness_days
                .is_some_and(|limit| evidence_age_days.is_some_and(|age| age > i64::from(limit)));
        let delivered = matches!(
            latest.map(|u| u.state),
            Some(ReportedState::Delivered | ReportedState::DeliveredDifferently)
        );
        CommitmentStatus {
            kind: t.kind,
            status,
            rag: v.rag(),
            reported: latest.map(|u| u.state),
            update: latest.map(|u| u.index as usize),
            update_date: latest.map(|u| u.date),
            delivered_on: latest.and_then(|u| u.stated).filter(|_| delivered),
            evidence_date: latest.map(|u| u.date),
            evidence_age_days,
            stale,
            expectation: t.expectation,
            reported_rag: latest.and_then(|u| u.rating),
            deadline_state: v.deadline_state,
            days: v.days,
            due: v.due,
            new_deadline: v.new_deadline,
            rule: v.rule.id,
            why: Why {
                evaluator: self.clone(),
                tracked: i,
                as_of,
            },
        }
    }
}
