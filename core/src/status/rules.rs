//! The status rules: the table that turns a report and a deadline judgment into a status.
//!
//! The table ([`RULES`]) is the single source of truth: `docs/status-rules.md` shows it
//! with an example per rule, and the tests check the two agree and run every example.

use chrono::NaiveDate;
use serde::Serialize;

use super::{DerivedStatus, Rag, ReportedState, Vocabularies};
use crate::deadline::{Conventions, Deadline, DeadlineKind, DeadlineState};
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::model::EvidenceDate;
use crate::score::{Thresholds, Weights};

/// The configurable part of the status rules. `Rules::default()` is the documented
/// default; serde reads a partial JSON object, filling the rest from the defaults.
///
/// ```
/// use roadmap_tracker::status::Rules;
/// let rules: Rules = serde_json::from_str(r#"{"grace_days": 14}"#)?;
/// assert_eq!(rules.grace_days, 14);
/// assert_eq!(rules.staleness_days, Some(180));
/// assert_eq!(rules.from_grace_days, 30);
/// # Ok::<(), serde_json::Error>(())
/// ```
// `Deserialize` is in model_serde.rs (the attributes give the JSON form).
#[derive(Clone, Debug, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    /// Evidence older than this many days (on the as-of date, counted from the latest day
    /// its date allows) is flagged `stale`; the status and the score do not change. `None`
    /// never flags. Default 180.
    pub staleness_days: Option<u32>,
    /// Days after a deadline's window ends during which it is still `due_now` rather than
    /// overdue, and a delivery still counts as on time. Default 0: a deadline passes on the
    /// day after its window ends.
    pub grace_days: u32,
    /// Days after a `from` deadline's start during which, with no evidence dated on or
    /// after the start, it is `due_now` rather than overdue: time for anyone to report
    /// that it applies. Default 30.
    pub from_grace_days: u32,
    /// The vocabularies that map status labels to states. Default: the library's own and
    /// `rag` (Red/Amber/Green ratings).
    pub vocabularies: Vocabularies,
    /// The weight of each status in scores.
    pub weights: Weights,
    /// Score thresholds for RAG ratings.
    pub thresholds: Thresholds,
    /// The conventions used to read deadline phrases (not serialized: always the default
    /// when read from JSON).
    #[serde(skip)]
    pub conventions: Conventions,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            staleness_days: Some(180),
            grace_days: 0,
            from_grace_days: 30,
            vocabularies: Vocabularies::default(),
            weights: Weights::default(),
            thresholds: Thresholds::default(),
            conventions: Conventions::default(),
        }
    }
}

impl Rules {
    /// Read rules from a JSON object (missing keys take their defaults); a malformed object
    /// or an out-of-range weight or threshold is an `invalid_argument` error.
    ///
    /// ```
    /// use roadmap_tracker::status::Rules;
    /// let rules = Rules::from_json(r#"{"staleness_days": null, "vocabularies": ["roadmap-tracker"]}"#)?;
    /// assert_eq!(rules.staleness_days, None);
    /// assert_eq!(rules.vocabularies.len(), 1);
    /// assert!(Rules::from_json(r#"{"grace": 3}"#).is_err());
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Rules, Error> {
        // Arrays only where the rules have lists: `[1, 2]` must not read as the first two
        // fields. (A label given twice is the vocabulary's `duplicate_label`.)
        crate::json::check_shape(text, &["vocabularies", "aliases"], false)?;
        let rules: Rules = serde_json::from_str(text).map_err(|e| {
            Error::evaluation(Problem::new(
                ErrorCode::InvalidArgument,
                Location::path("rules"),
                format!("cannot read the rules: {}", crate::json::bare_message(&e)),
            ))
        })?;
        rules.check()?;
        Ok(rules)
    }

    /// Check the weights and thresholds are in range.
    ///
    /// ```
    /// # use roadmap_tracker::status::Rules;
    /// assert!(Rules::default().check().is_ok());
    /// ```
    pub fn check(&self) -> Result<(), Error> {
        self.weights.check()?;
        self.thresholds.check()
    }
}

/// One row of the rule table.
///
/// ```
/// use roadmap_tracker::status::{DerivedStatus, RuleInfo, RULES};
/// let rule = RuleInfo::get("overdue-unconfirmed").unwrap();
/// assert_eq!(rule.status, DerivedStatus::OverdueUnconfirmed);
/// assert_eq!(RULES.first().map(|r| r.id), Some("unreadable"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// The stable id, cited in every result.
    pub id: &'static str,
    /// When the rule applies (the earlier rules not having applied).
    pub when: &'static str,
    /// The status it gives.
    pub status: DerivedStatus,
    /// The rating it gives (the status's own, [`DerivedStatus::rag`]).
    pub rag: Rag,
}

impl RuleInfo {
    /// The rule with the given id.
    ///
    /// ```
    /// # use roadmap_tracker::status::RuleInfo;
    /// assert!(RuleInfo::get("no-such-rule").is_none());
    /// ```
    pub fn get(id: &str) -> Option<&'static RuleInfo> {
        RULES.iter().find(|r| r.id == id)
    }
}

const fn rule(id: &'static str, when: &'static str, status: DerivedStatus, rag: Rag) -> RuleInfo {
    RuleInfo {
        id,
        when,
        status,
        rag,
    }
}

/// The rule table, in the order the rules are tried: the first that applies decides.
///
/// "Report" is the latest status update visible on the as-of date (an update is visible
/// from the latest day its date allows); "deadline" is the node's deadline if it was
/// written on or before the as-of date, or, after a re-plan that set one, the new
/// deadline. A report is "after" a deadline when the earliest day its date allows is
/// after the window's last day (for a `from` deadline: on or after its start); it
/// *straddles* the deadline when only its latest day is (a report dated "2026-Q2" on a
/// deadline "from May"), and then counts as possibly after, with the timing unclear.
///
/// ```
/// use roadmap_tracker::status::RULES;
/// assert_eq!(RULES.len(), 27);
/// assert!(RULES.iter().all(|r| !r.when.is_empty() && r.rag == r.status.rag()));
/// ```
pub const RULES: &[RuleInfo] = &[
    UNREADABLE,
    DROPPED,
    DELIVERED_DIFFERENTLY,
    DELIVERED_NO_DEADLINE,
    DELIVERED_BEFORE_WINDOW,
    DELIVERED_WITHIN_WINDOW,
    DELIVERED_WITHIN_GRACE,
    DELIVERED_LATE,
    DELIVERED_TIMING_UNCLEAR,
    REPLANNED,
    BEHIND,
    DELAYED,
    BEHIND_TIMING_UNCLEAR,
    DELAYED_TIMING_UNCLEAR,
    OVERDUE_UNCONFIRMED,
    RATED_GREEN,
    RATED_AMBER,
    RATED_RED,
    PAUSED,
    WITHIN_GRACE,
    DUE_NOW,
    IN_PROGRESS_NOT_YET_DUE,
    IN_PROGRESS_NO_DEADLINE,
    NOT_STARTED,
    NOT_YET_DUE,
    NO_EVIDENCE_UNKNOWN,
    NO_EVIDENCE,
];

macro_rules! rules {
    ($($name:ident = $id:literal, $status:ident, $when:literal;)*) => {
        $(pub(crate) const $name: RuleInfo =
            rule($id, $when, DerivedStatus::$status, DerivedStatus::$status.rag());)*
    };
}

rules! {
    UNREADABLE = "unreadable", Unreadable,
        "the node's deadline phrase, a re-plan's new deadline or one of its status labels cannot be read";
    DROPPED = "dropped", Dropped, "the report is dropped";
    DELIVERED_DIFFERENTLY = "delivered-differently", MetDifferently,
        "the report is delivered_differently";
    DELIVERED_NO_DEADLINE = "delivered-no-deadline", Met,
        "the report is delivered and there is no dated deadline";
    DELIVERED_BEFORE_WINDOW = "delivered-before-window", MetEarly,
        "the report is delivered, and the latest day the delivery can be is before a `during` window opens";
    DELIVERED_WITHIN_WINDOW = "delivered-within-window", MetOnTime,
        "the report is delivered, and the latest day the delivery can be is inside the window (on or before a `by` date or a `from` start)";
    DELIVERED_WITHIN_GRACE = "delivered-within-grace", MetOnTime,
        "the report is delivered, and the latest day the delivery can be is within grace_days after the window";
    DELIVERED_LATE = "delivered-late", MetLate,
        "the report is delivered, and the earliest day the delivery can be is more than grace_days after the window";
    DELIVERED_TIMING_UNCLEAR = "delivered-timing-unclear", Met,
        "the report is delivered, and the delivery's dates straddle the end of the window (plus grace_days)";
    REPLANNED = "replanned", Replanned,
        "the latest re-plan has had no delivery since, and its new deadline is to be set, or the report is that re-plan and its new deadline has not passed";
    BEHIND = "behind", Behind,
        "the deadline has passed and the report, dated after it, is in_progress (or rated green or amber)";
    DELAYED = "delayed", Delayed,
        "the deadline has passed and the report, dated after it, is planned or paused (or rated red)";
    BEHIND_TIMING_UNCLEAR = "behind-timing-unclear", Behind,
        "the deadline has passed and the report, whose dates straddle it, is in_progress (or rated green or amber)";
    DELAYED_TIMING_UNCLEAR = "delayed-timing-unclear", Delayed,
        "the deadline has passed and the report, whose dates straddle it, is planned or paused (or rated red)";
    OVERDUE_UNCONFIRMED = "overdue-unconfirmed", OverdueUnconfirmed,
        "the deadline has passed and no report dated (or possibly dated) after it says how it stands";
    RATED_GREEN = "rated-green", RatedGreen, "the report is a green rating";
    RATED_AMBER = "rated-amber", RatedAmber, "the report is an amber rating";
    RATED_RED = "rated-red", RatedRed, "the report is a red rating";
    PAUSED = "paused", Paused, "the report is paused";
    WITHIN_GRACE = "within-grace", DueNow,
        "the deadline's window ended no more than grace_days ago (for a `from` deadline: it started no more than from_grace_days ago)";
    DUE_NOW = "due-now", DueNow, "the deadline's window is open";
    IN_PROGRESS_NOT_YET_DUE = "in-progress-not-yet-due", OnTrack,
        "the report is in_progress and the deadline's window has not opened";
    IN_PROGRESS_NO_DEADLINE = "in-progress-no-deadline", InProgressNoDeadline,
        "the report is in_progress and there is no dated deadline";
    NOT_STARTED = "not-started", NotStarted, "the report is planned";
    NOT_YET_DUE = "not-yet-due", NotYetDue,
        "there is no report (or only unknown ones) and the deadline's window has not opened";
    NO_EVIDENCE_UNKNOWN = "unknown-report", NoEvidence,
        "the report is unknown and there is no dated deadline";
    NO_EVIDENCE = "no-evidence", NoEvidence, "there is no report and no dated deadline";
}

/// A date range the evidence allows: `earliest` is `None` for "on or before".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Bounds {
    pub earliest: Option<NaiveDate>,
    pub latest: NaiveDate,
}

impl From<EvidenceDate> for Bounds {
    fn from(d: EvidenceDate) -> Bounds {
        Bounds {
            earliest: d.earliest(),
            latest: d.latest(),
        }
    }
}

/// The evidence the rules judge: the latest visible report on a commitment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Evidence {
    pub state: ReportedState,
    pub date: EvidenceDate,
    /// The source's own RAG rating, for labels of a rating vocabulary.
    pub rating: Option<Rag>,
    /// For delivered reports: when the delivery can have been (see `prepared.rs`).
    pub delivered: Option<Bounds>,
}

/// The latest visible re-plan of a commitment.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Replan<'a> {
    /// The new deadline, if one was set and written by the as-of date.
    pub new_deadline: Option<&'a Deadline>,
    /// Whether the report is the re-plan itself.
    pub is_latest: bool,
}

/// Where the as-of date falls against a deadline, ignoring delivery.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// No dated deadline (none, ongoing, not yet written, or absent).
    NoDate,
    Before,
    Due,
    /// Past the window by no more than the grace days.
    Grace,
    Past,
}

/// The outcome of the rules for one commitment on one date. Small and `Copy`: history
/// computes millions of these.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Verdict {
    /// The rule that applied; the status and rating are the rule's.
    pub rule: &'static RuleInfo,
    pub deadline_state: DeadlineState,
    pub days: Option<i64>,
    pub deadline_rule: &'static str,
    pub due: bool,
    /// Whether the deadline judged is a re-plan's new deadline.
    pub new_deadline: bool,
}

impl Verdict {
    pub(crate) fn status(&self) -> DerivedStatus {
        self.rule.status
    }

    pub(crate) fn rag(&self) -> Rag {
        self.rule.rag
    }

    pub(crate) fn unreadable() -> Verdict {
        Verdict {
            rule: &UNREADABLE,
            deadline_state: DeadlineState::NoDeadline,
            days: None,
            deadline_rule: "",
            due: false,
            new_deadline: false,
        }
    }
}

fn has_dates(deadline: &Deadline) -> bool {
    deadline.earliest().is_some() || deadline.latest().is_some()
}

fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    crate::deadline::days_between(from, to)
}

/// Apply the rule table. `deadline` is the node's own deadline, `None` when there is none
/// or it is not yet written; `replan` the latest visible re-plan, if any.
pub(crate) fn derive(
    rules: &Rules,
    deadline: Option<&Deadline>,
    report: Option<Evidence>,
    replan: Option<Replan<'_>>,
    as_of: NaiveDate,
) -> Verdict {
    let state = report.map(|r| r.state);
    let delivered = matches!(
        state,
        Some(ReportedState::Delivered | ReportedState::DeliveredDifferently)
    );
    // After a re-plan that set a new deadline, that deadline is judged; a re-plan whose
    // deadline is still to be set leaves the original to judge deliveries by.
    let new = replan.and_then(|r| r.new_deadline);
    let judged = new.or(deadline);
    let dated = judged.filter(|d| has_dates(d));
    let delivered_day = report
        .and_then(|r| r.delivered)
        .filter(|b| delivered && b.earliest == Some(b.latest))
        .map(|b| b.latest);
    let judgment = judged.map(|d| d.judge(as_of, delivered_day));
    let mut v = Verdict {
        rule: &NO_EVIDENCE,
        deadline_state: judgment
            .as_ref()
            .map_or(DeadlineState::NoDeadline, |j| j.state),
        days: judgment.as_ref().and_then(|j| j.days),
        deadline_rule: judgment.as_ref().map_or("", |j| j.rule),
        due: false,
        new_deadline: new.is_some(),
    };
    let phase = dated.map_or(Phase::NoDate, |d| phase_of(rules, d, as_of));
    v.due = matches!(phase, Phase::Due | Phase::Grace | Phase::Past);

    match state {
        Some(ReportedState::Dropped) => {
            v.rule = &DROPPED;
            return v;
        }
        Some(ReportedState::DeliveredDifferently) => {
            v.rule = &DELIVERED_DIFFERENTLY;
            v.due = dated.is_some();
            return v;
        }
        Some(ReportedState::Delivered) => {
            v.due = dated.is_some();
            let bounds = report.and_then(|r| r.delivered);
            v.rule = match (dated, bounds) {
                (Some(d), Some(b)) => delivered_rule(rules, d, b),
                _ => &DELIVERED_NO_DEADLINE,
            };
            return v;
        }
        _ => {}
    }

    if let Some(r) = replan {
        let passed = phase == Phase::Past;
        if r.new_deadline.is_none() || (r.is_latest && !passed) {
            v.rule = &REPLANNED;
            return v;
        }
    }

    let Some(d) = dated else {
        v.rule = match report {
            None => &NO_EVIDENCE,
            Some(r) => match (r.state, r.rating) {
                (ReportedState::Unknown, _) => &NO_EVIDENCE_UNKNOWN,
                (_, Some(rag)) => rated(rag),
                (ReportedState::InProgress, _) => &IN_PROGRESS_NO_DEADLINE,
                (ReportedState::Paused, _) => &PAUSED,
                (ReportedState::Planned, _) => &NOT_STARTED,
                _ => &NO_EVIDENCE,
            },
        };
        return v;
    };

    // Evidence that speaks of the time after the deadline: for a `from` deadline, dated
    // on or after the start; otherwise dated after the window's last day. Evidence whose
    // dates straddle that boundary may speak of it: it counts, with the timing unclear.
    let timing = report.map_or(Timing::Before, |r| timing(d, r.date));
    let after = timing != Timing::Before;
    // A `from` deadline is late as soon as evidence dated (or possibly dated) on or after
    // its start says it does not apply yet.
    let late_by_evidence = d.kind() == DeadlineKind::From && after && phase != Phase::Before;
    if phase == Phase::Past || late_by_evidence {
        v.due = true;
        let clear = timing == Timing::After;
        v.rule = match report {
            Some(r) if after => match (r.state, r.rating) {
                (_, Some(Rag::Red)) | (ReportedState::Planned | ReportedState::Paused, None) => {
                    if clear {
                        &DELAYED
                    } else {
                        &DELAYED_TIMING_UNCLEAR
                    }
                }
                (_, Some(_)) | (ReportedState::InProgress, None) => {
                    if clear {
                        &BEHIND
                    } else {
                        &BEHIND_TIMING_UNCLEAR
                    }
                }
                _ => &OVERDUE_UNCONFIRMED,
            },
            _ => &OVERDUE_UNCONFIRMED,
        };
        return v;
    }

    v.rule = match (report, phase) {
        (Some(r), _) if r.rating.is_some() => r.rating.map_or(&NO_EVIDENCE, rated),
        (Some(r), _) if r.state == ReportedState::Paused => &PAUSED,
        (_, Phase::Grace) => &WITHIN_GRACE,
        (_, Phase::Due) => &DUE_NOW,
        (Some(r), _) if r.state == ReportedState::InProgress => &IN_PROGRESS_NOT_YET_DUE,
        (Some(r), _) if r.state == ReportedState::Planned => &NOT_STARTED,
        _ => &NOT_YET_DUE,
    };
    v
}

/// Where an evidence date falls against the end of a deadline (for `from`: its start).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Timing {
    /// Wholly before: its latest day is on or before the window's last day (for `from`:
    /// before the start), or the deadline has no such day.
    Before,
    /// Its dates straddle the boundary: the latest day is after it, the earliest is not
    /// (or is not known, for "on or before").
    Straddles,
    /// Wholly after: even its earliest day is after the window (for `from`: on or after
    /// the start).
    After,
}

/// Where `date` falls against `deadline`'s boundary.
pub(crate) fn timing(deadline: &Deadline, date: EvidenceDate) -> Timing {
    // The first day that counts as after the deadline.
    let first_after = match deadline.kind() {
        DeadlineKind::From => deadline.earliest(),
        _ => deadline.latest().and_then(|end| end.succ_opt()),
    };
    match first_after {
        Some(b) if date.earliest().is_some_and(|e| e >= b) => Timing::After,
        Some(b) if date.latest() >= b => Timing::Straddles,
        _ => Timing::Before,
    }
}

fn rated(rag: Rag) -> &'static RuleInfo {
    match rag {
        Rag::Green => &RATED_GREEN,
        Rag::Amber => &RATED_AMBER,
        Rag::Red => &RATED_RED,
        Rag::Grey => &NO_EVIDENCE_UNKNOWN,
    }
}

/// The phase of a dated deadline on the as-of date, with the grace days applied.
fn phase_of(rules: &Rules, deadline: &Deadline, as_of: NaiveDate) -> Phase {
    if deadline.kind() == DeadlineKind::From {
        let Some(start) = deadline.earliest() else {
            return Phase::NoDate;
        };
        let since = days(start, as_of);
        return if since < 0 {
            Phase::Before
        } else if since < i64::from(rules.from_grace_days.max(rules.grace_days)) {
            Phase::Grace
        } else {
            Phase::Past
        };
    }
    let opens = deadline.due_from().or(deadline.earliest());
    if opens.is_some_and(|o| as_of < o) {
        return Phase::Before;
    }
    match deadline.latest() {
        None => Phase::Due,
        Some(end) if as_of <= end => Phase::Due,
        // The first day past the window is day 1.
        Some(end) if days(end, as_of) <= i64::from(rules.grace_days) => Phase::Grace,
        Some(_) => Phase::Past,
    }
}

/// Met early, on time, late or with the timing unclear, from the bounds of the delivery.
fn delivered_rule(rules: &Rules, deadline: &Deadline, delivery: Bounds) -> &'static RuleInfo {
    let grace = i64::from(rules.grace_days);
    // The last on-time day: the start of a `from` deadline, the end of any other window.
    let end = match deadline.kind() {
        DeadlineKind::From => deadline.earliest(),
        _ => deadline.latest(),
    };
    let Some(end) = end else {
        // An open-ended window with a start ("after X"): any delivery once it opened is
        // on time.
        return &DELIVERED_WITHIN_WINDOW;
    };
    let opens = match deadline.kind() {
        DeadlineKind::During | DeadlineKind::Past => deadline.earliest(),
        _ => None,
    };
    if opens.is_some_and(|o| delivery.latest < o) {
        &DELIVERED_BEFORE_WINDOW
    } else if delivery.latest <= end {
        &DELIVERED_WITHIN_WINDOW
    } else if days(end, delivery.latest) <= grace {
        &DELIVERED_WITHIN_GRACE
    } else if delivery.earliest.is_some_and(|e| days(end, e) > grace) {
        &DELIVERED_LATE
    } else {
        &DELIVERED_TIMING_UNCLEAR
    }
}
