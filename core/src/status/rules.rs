//! The status rules: the table that turns a report and a deadline judgment into a status.
//!
//! The table ([`RULES`]) is the single source of truth: `docs/status-rules.md` shows it
//! with an example per rule, and the tests check the two agree and run every example.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{DerivedStatus, Rag, ReportedState, Vocabularies};
use crate::deadline::{Conventions, Deadline, DeadlineKind, DeadlineState};
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::score::{Thresholds, Weights};

/// What counts as met for a `from` deadline ("from April", "from May onwards"), where the
/// promise is that something starts and then carries on.
///
/// ```
/// use roadmap_tracker::status::FromMet;
/// assert_eq!(FromMet::default(), FromMet::InProgress);
/// assert_eq!(serde_json::to_string(&FromMet::Delivered)?, "\"delivered\"");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FromMet {
    /// A report that it is in progress ("ongoing", "underway"), dated on or after the start,
    /// or one that it was delivered: the activity is running.
    #[default]
    InProgress,
    /// Only a report that it was delivered ("launched", "live"); progress reports count as
    /// preparation, so after the start date they leave it overdue.
    Delivered,
}

/// The configurable part of the status rules. `Rules::default()` is the documented
/// default; serde reads a partial JSON object, filling the rest from the defaults.
///
/// ```
/// use roadmap_tracker::status::{FromMet, Rules};
/// let rules: Rules = serde_json::from_str(r#"{"grace_days": 14, "from_met": "delivered"}"#)?;
/// assert_eq!(rules.grace_days, 14);
/// assert_eq!(rules.staleness_days, Some(180));
/// assert_eq!(rules.from_met, FromMet::Delivered);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    /// A report of progress older than this many days (on the as-of date) no longer counts
    /// as evidence of progress; `None` never expires. Default 180.
    pub staleness_days: Option<u32>,
    /// Days after a deadline during which it is still `due_now` rather than `overdue`, and a
    /// delivery still counts as on time. Default 0.
    pub grace_days: u32,
    /// What counts as met for `from` deadlines. Default [`FromMet::InProgress`].
    pub from_met: FromMet,
    /// The vocabularies that map status labels to states. Default: the library's own.
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
            from_met: FromMet::default(),
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
    /// let rules = Rules::from_json(r#"{"staleness_days": null, "vocabularies": ["roadmap-tracker", "rag"]}"#)?;
    /// assert_eq!(rules.staleness_days, None);
    /// assert_eq!(rules.vocabularies.len(), 2);
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
/// let rule = RuleInfo::get("deadline-missed").unwrap();
/// assert_eq!(rule.status, DerivedStatus::Overdue);
/// assert_eq!(RULES.first().map(|r| r.id), Some("dropped"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// The stable id, cited in every result.
    pub id: &'static str,
    /// When the rule applies (the earlier rules not having applied).
    pub when: &'static str,
    /// The status it gives.
    pub status: DerivedStatus,
    /// The rating it gives.
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
/// "Report" is the latest status update dated on or before the as-of date; "deadline" is
/// the node's deadline if it was written on or before the as-of date.
///
/// ```
/// use roadmap_tracker::status::RULES;
/// assert_eq!(RULES.len(), 20);
/// assert!(RULES.iter().all(|r| !r.when.is_empty()));
/// ```
pub const RULES: &[RuleInfo] = &[
    DROPPED,
    DELIVERED_DIFFERENTLY,
    FROM_STARTED,
    DELIVERED_NO_DEADLINE,
    DELIVERED_BEFORE_WINDOW,
    DELIVERED_WITHIN_WINDOW,
    DELIVERED_WITHIN_GRACE,
    DELIVERED_LATE,
    PAUSED_PAST_DEADLINE,
    PAUSED,
    START_MISSED,
    DEADLINE_MISSED,
    WITHIN_GRACE,
    DUE_NOW,
    STALE_EVIDENCE,
    IN_PROGRESS_NOT_YET_DUE,
    IN_PROGRESS_NO_DEADLINE,
    PLANNED,
    NOT_STARTED,
    NO_EVIDENCE,
];

pub(crate) const DROPPED: RuleInfo = rule(
    "dropped",
    "the report is dropped",
    DerivedStatus::Dropped,
    Rag::Red,
);
pub(crate) const DELIVERED_DIFFERENTLY: RuleInfo = rule(
    "delivered-differently",
    "the report is delivered_differently",
    DerivedStatus::MetDifferently,
    Rag::Amber,
);
pub(crate) const FROM_STARTED: RuleInfo = rule(
    "from-started",
    "the deadline is a `from` deadline and the report is delivered, or (with from_met = in_progress) in_progress and dated on or after the start",
    DerivedStatus::Started,
    Rag::Green,
);
pub(crate) const DELIVERED_NO_DEADLINE: RuleInfo = rule(
    "delivered-no-deadline",
    "the report is delivered and there is no dated deadline",
    DerivedStatus::Met,
    Rag::Green,
);
pub(crate) const DELIVERED_BEFORE_WINDOW: RuleInfo = rule(
    "delivered-before-window",
    "the report is delivered, on a date before the deadline's window opens",
    DerivedStatus::MetEarly,
    Rag::Green,
);
pub(crate) const DELIVERED_WITHIN_WINDOW: RuleInfo = rule(
    "delivered-within-window",
    "the report is delivered, on a date inside the window (or on or before a `by` deadline)",
    DerivedStatus::MetOnTime,
    Rag::Green,
);
pub(crate) const DELIVERED_WITHIN_GRACE: RuleInfo = rule(
    "delivered-within-grace",
    "the report is delivered, on a date after the deadline but within grace_days of it",
    DerivedStatus::MetOnTime,
    Rag::Green,
);
pub(crate) const DELIVERED_LATE: RuleInfo = rule(
    "delivered-late",
    "the report is delivered, on a date more than grace_days after the deadline",
    DerivedStatus::MetLate,
    Rag::Amber,
);
pub(crate) const PAUSED_PAST_DEADLINE: RuleInfo = rule(
    "paused-past-deadline",
    "the report is paused and the deadline (plus grace_days) has passed",
    DerivedStatus::Delayed,
    Rag::Red,
);
pub(crate) const PAUSED: RuleInfo = rule(
    "paused",
    "the report is paused",
    DerivedStatus::Delayed,
    Rag::Amber,
);
pub(crate) const START_MISSED: RuleInfo = rule(
    "start-missed",
    "a `from` deadline's start (plus grace_days) has passed",
    DerivedStatus::Overdue,
    Rag::Red,
);
pub(crate) const DEADLINE_MISSED: RuleInfo = rule(
    "deadline-missed",
    "the deadline (plus grace_days) has passed",
    DerivedStatus::Overdue,
    Rag::Red,
);
pub(crate) const WITHIN_GRACE: RuleInfo = rule(
    "within-grace",
    "the deadline has passed by no more than grace_days",
    DerivedStatus::DueNow,
    Rag::Amber,
);
pub(crate) const DUE_NOW: RuleInfo = rule(
    "due-now",
    "the deadline's window is open",
    DerivedStatus::DueNow,
    Rag::Amber,
);
pub(crate) const STALE_EVIDENCE: RuleInfo = rule(
    "stale-evidence",
    "the report is in_progress and older than staleness_days",
    DerivedStatus::NoEvidence,
    Rag::Grey,
);
pub(crate) const IN_PROGRESS_NOT_YET_DUE: RuleInfo = rule(
    "in-progress-not-yet-due",
    "the report is in_progress and the deadline is not yet due",
    DerivedStatus::OnTrack,
    Rag::Green,
);
pub(crate) const IN_PROGRESS_NO_DEADLINE: RuleInfo = rule(
    "in-progress-no-deadline",
    "the report is in_progress and there is no dated deadline",
    DerivedStatus::InProgressNoDeadline,
    Rag::Green,
);
pub(crate) const PLANNED: RuleInfo = rule(
    "planned",
    "the report is planned",
    DerivedStatus::NotStarted,
    Rag::Grey,
);
pub(crate) const NOT_STARTED: RuleInfo = rule(
    "not-started",
    "there is no report and the deadline is not yet due",
    DerivedStatus::NotStarted,
    Rag::Grey,
);
pub(crate) const NO_EVIDENCE: RuleInfo = rule(
    "no-evidence",
    "no report and no dated deadline, or the report is unknown",
    DerivedStatus::NoEvidence,
    Rag::Grey,
);

/// The evidence the rules judge: the latest visible report on a commitment, as they need it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Evidence {
    pub state: ReportedState,
    pub date: NaiveDate,
    /// For delivered reports: when it was delivered (see `prepared.rs` for how runs of
    /// delivered reports and late `delivered_on` dates are read).
    pub delivered: Option<NaiveDate>,
}

/// Where the as-of date falls against the deadline, ignoring delivery.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// No dated deadline (none, ongoing, not yet written, or absent).
    NoDate,
    Before,
    Due,
    /// Past the deadline by no more than the grace days.
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
    pub delivered_on: Option<NaiveDate>,
}

impl Verdict {
    pub(crate) fn status(&self) -> DerivedStatus {
        self.rule.status
    }

    pub(crate) fn rag(&self) -> Rag {
        self.rule.rag
    }
}

fn has_dates(deadline: &Deadline) -> bool {
    deadline.earliest().is_some() || deadline.latest().is_some()
}

/// Apply the rule table. `deadline` is `None` when there is none or it is not yet written.
pub(crate) fn derive(
    rules: &Rules,
    deadline: Option<&Deadline>,
    report: Option<Evidence>,
    as_of: NaiveDate,
) -> Verdict {
    let dated = deadline.filter(|d| has_dates(d));
    let is_from = dated.is_some_and(|d| d.kind() == DeadlineKind::From);
    let state = report.map(|r| r.state);
    let delivered = match state {
        Some(ReportedState::Delivered | ReportedState::DeliveredDifferently) => {
            report.and_then(|r| r.delivered)
        }
        _ => None,
    };
    // One judgment per call: with the delivery for delivered reports (the engine decides
    // early, on time or late), without it otherwise (it gives the phase).
    let judgment = deadline.map(|d| d.judge(as_of, delivered));
    let mut v = Verdict {
        rule: &NO_EVIDENCE,
        deadline_state: judgment
            .as_ref()
            .map_or(DeadlineState::NoDeadline, |j| j.state),
        days: judgment.as_ref().and_then(|j| j.days),
        deadline_rule: judgment.as_ref().map_or("", |j| j.rule),
        due: false,
        delivered_on: delivered,
    };

    match (state, delivered) {
        (Some(ReportedState::Dropped), _) => {
            v.rule = &DROPPED;
            v.due = dated.is_some_and(|d| window_opened(rules, d, v.deadline_state, as_of));
            return v;
        }
        (Some(ReportedState::DeliveredDifferently), _) => {
            v.rule = &DELIVERED_DIFFERENTLY;
            v.due = dated.is_some();
            return v;
        }
        (Some(ReportedState::Delivered), Some(d)) => {
            v.due = dated.is_some();
            v.rule = match dated {
                None => &DELIVERED_NO_DEADLINE,
                Some(_) if is_from => &FROM_STARTED,
                Some(deadline) => delivered_rule(rules, deadline, v.deadline_state, d),
            };
            return v;
        }
        _ => {}
    }

    let phase = match dated {
        Some(deadline) => phase_of(rules, deadline, v.deadline_state, as_of),
        None => Phase::NoDate,
    };
    v.due = matches!(phase, Phase::Due | Phase::Grace | Phase::Past);

    if state == Some(ReportedState::Paused) {
        v.rule = if phase == Phase::Past {
            &PAUSED_PAST_DEADLINE
        } else {
            &PAUSED
        };
        return v;
    }

    if let (Some(r), Some(deadline)) = (report, dated) {
        let started = r.state == ReportedState::InProgress
            && is_from
            && rules.from_met == FromMet::InProgress
            && deadline.earliest().is_some_and(|start| r.date >= start);
        if started {
            v.due = true;
            v.rule = &FROM_STARTED;
            return v;
        }
    }

    v.rule = match phase {
        Phase::Past if is_from => &START_MISSED,
        Phase::Past => &DEADLINE_MISSED,
        Phase::Grace => &WITHIN_GRACE,
        Phase::Due => &DUE_NOW,
        Phase::Before | Phase::NoDate => match report {
            Some(r) if r.state == ReportedState::InProgress => {
                let age = as_of.signed_duration_since(r.date).num_days();
                let stale = rules
                    .staleness_days
                    .is_some_and(|limit| age > i64::from(limit));
                if stale {
                    &STALE_EVIDENCE
                } else if phase == Phase::Before {
                    &IN_PROGRESS_NOT_YET_DUE
                } else {
                    &IN_PROGRESS_NO_DEADLINE
                }
            }
            Some(r) if r.state == ReportedState::Planned => &PLANNED,
            None if phase == Phase::Before => &NOT_STARTED,
            _ => &NO_EVIDENCE,
        },
    };
    v
}

/// Whether a dated deadline's window has opened (for a judgment made without delivery).
fn window_opened(
    rules: &Rules,
    deadline: &Deadline,
    state: DeadlineState,
    as_of: NaiveDate,
) -> bool {
    matches!(
        phase_of(rules, deadline, state, as_of),
        Phase::Due | Phase::Grace | Phase::Past
    )
}

/// The phase of a dated deadline from its judgment without delivery, with grace applied.
fn phase_of(rules: &Rules, deadline: &Deadline, state: DeadlineState, as_of: NaiveDate) -> Phase {
    // The first day of the bad state: the day after `latest` for overdue, the start itself
    // for a `from` deadline that should have started.
    let first_bad = match state {
        DeadlineState::NoDeadline => return Phase::NoDate,
        DeadlineState::NotYetDue | DeadlineState::NotStartedYet => return Phase::Before,
        DeadlineState::Overdue => deadline
            .latest()
            .and_then(|l| crate::deadline::add_days(l, 1)),
        DeadlineState::ShouldHaveStarted => deadline.earliest(),
        // Due now, and (never without a delivery) the met states.
        _ => return Phase::Due,
    };
    match first_bad {
        Some(first)
            if as_of.signed_duration_since(first).num_days() < i64::from(rules.grace_days) =>
        {
            Phase::Grace
        }
        _ => Phase::Past,
    }
}

/// Met early, on time or late: the deadline engine's judgment decides, and grace turns a
/// late delivery within the grace days into an on-time one.
fn delivered_rule(
    rules: &Rules,
    deadline: &Deadline,
    judged: DeadlineState,
    delivered: NaiveDate,
) -> &'static RuleInfo {
    let within_grace = || {
        deadline.latest().is_some_and(|l| {
            delivered.signed_duration_since(l).num_days() <= i64::from(rules.grace_days)
        })
    };
    match judged {
        DeadlineState::MetEarly => &DELIVERED_BEFORE_WINDOW,
        DeadlineState::MetOnTime => &DELIVERED_WITHIN_WINDOW,
        DeadlineState::MetLate if within_grace() => &DELIVERED_WITHIN_GRACE,
        DeadlineState::MetLate => &DELIVERED_LATE,
        // The engine judges deliveries up to the as-of date, and a report's delivery date
        // never follows the report; should it still not give a met state, compare the
        // dates directly rather than guess.
        _ => {
            if deadline.kind() == DeadlineKind::During
                && deadline.earliest().is_some_and(|e| delivered < e)
            {
                &DELIVERED_BEFORE_WINDOW
            } else if deadline.latest().map_or(true, |l| delivered <= l) {
                &DELIVERED_WITHIN_WINDOW
            } else if within_grace() {
                &DELIVERED_WITHIN_GRACE
            } else {
                &DELIVERED_LATE
            }
        }
    }
}
