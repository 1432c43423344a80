//! Derived status: what a roadmap's commitments amount to as of a date, and why.
//!
//! A source reports a commitment's progress in its own words ("launched", "under review",
//! "Underway – with challenges"). A [`Vocabulary`] gives each label one [`Meaning`]: an
//! open state, a verdict or a non-rating, from which both the canonical [`ReportedState`]
//! the rules read and the label's [`TwoPhaseStatus`] follow. The [`Evaluator`] combines the latest report visible on the as-of
//! date with the deadline's judgment (see [`crate::deadline`]) through a fixed, documented
//! table of [rules](Rules) into a [`DerivedStatus`], a [`Rag`] rating and a one-sentence
//! reason naming the report and the deadline rule used. Scores roll the statuses up the
//! tree ([`crate::score`]); [`History`] and [`Change`] follow them over time.
//!
//! The rule table, with an example per rule, is in `docs/status-rules.md`; the tests run
//! every example in that file, and check that its table matches [`RULES`].
//!
//! ```
//! use roadmap_tracker::Roadmap;
//! use roadmap_tracker::status::{DerivedStatus, Evaluator, Rules};
//! use chrono::NaiveDate;
//!
//! let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
//! let evaluator = Evaluator::new(roadmap, Rules::default())?;
//! let as_of = NaiveDate::from_ymd_opt(2026, 6, 4).unwrap();
//! let status = evaluator.status_of("supplier-information-service", as_of).unwrap();
//! assert_eq!(status.status, DerivedStatus::MetOnTime);
//! assert_eq!(status.rule, "delivered-within-window");
//! # Ok::<(), roadmap_tracker::Error>(())
//! ```

use serde::{Deserialize, Serialize};

mod citation;
mod evaluate;
mod history;
mod prepared;
mod rules;
mod verdict;
mod vocabulary;
mod vocabulary_builtin;

pub use citation::Citation;
pub use evaluate::{CommitmentStatus, Evaluation, Evaluator};
pub use history::{Change, History, HistoryRow, Run, Step, Timeline};
pub use rules::{FromMet, RuleInfo, Rules, RULES};
pub use verdict::{Meaning, NonRating, OpenState, ReasonCode, TermRule, TwoPhaseStatus, Verdict};
pub use vocabulary::{Label, LabelTable, Reading, Translation, Vocabularies, Vocabulary};

use crate::names::names;

/// Normalise a label or header the way vocabularies match them: case, surrounding and
/// repeated spaces, and the kind of dash are ignored.
///
/// ```
/// use roadmap_tracker::status::normalize_label;
/// assert_eq!(normalize_label("  Completed – FULLY  met "), "completed-fully met");
/// ```
pub fn normalize_label(label: &str) -> String {
    vocabulary::normalize(label)
}

/// The canonical state a status report describes, whatever words the source used.
///
/// ```
/// use roadmap_tracker::status::ReportedState;
/// assert_eq!("delivered_differently".parse::<ReportedState>()?, ReportedState::DeliveredDifferently);
/// assert_eq!(ReportedState::InProgress.as_str(), "in_progress");
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportedState {
    /// Announced or scheduled, not started ("planned", "scheduled").
    Planned,
    /// Work is under way ("in progress", "ongoing", "piloting").
    InProgress,
    /// Done as promised ("delivered", "launched", "published", "met").
    Delivered,
    /// The aim was met another way, e.g. guidance folded into a hub instead of published
    /// alone ("approach changed").
    DeliveredDifferently,
    /// Stopped for now or pushed back ("paused", "under review", "rescheduled").
    Paused,
    /// Abandoned ("dropped", "cancelled", "not being pursued").
    Dropped,
    /// The source says the state is not known.
    Unknown,
}

names! { ReportedState, "reported state" {
    Planned => "planned",
    InProgress => "in_progress",
    Delivered => "delivered",
    DeliveredDifferently => "delivered_differently",
    Paused => "paused",
    Dropped => "dropped",
    Unknown => "unknown",
}}

impl ReportedState {
    /// Whether the state is an open one (`planned`, `in_progress`, `paused`): the work
    /// can still go either way.
    ///
    /// ```
    /// # use roadmap_tracker::status::ReportedState;
    /// assert!(ReportedState::Paused.is_open());
    /// assert!(!ReportedState::Unknown.is_open() && !ReportedState::Unknown.is_verdict());
    /// ```
    pub fn is_open(self) -> bool {
        Meaning::from(self).is_open()
    }

    /// Whether the state is a verdict (`delivered`, `delivered_differently`, `dropped`):
    /// how the commitment ended.
    ///
    /// ```
    /// # use roadmap_tracker::status::ReportedState;
    /// assert!(ReportedState::DeliveredDifferently.is_verdict());
    /// assert!(!ReportedState::InProgress.is_verdict());
    /// ```
    pub fn is_verdict(self) -> bool {
        Meaning::from(self).is_verdict()
    }
}

/// The status of a commitment or milestone as of a date, derived by the [rules](RULES).
///
/// The snake_case names are stable: JSON output and the bindings use them.
///
/// ```
/// use roadmap_tracker::status::DerivedStatus;
/// assert_eq!(DerivedStatus::MetOnTime.as_str(), "met_on_time");
/// assert_eq!("no_evidence".parse::<DerivedStatus>()?, DerivedStatus::NoEvidence);
/// assert!(DerivedStatus::MetEarly.is_met_on_time());
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DerivedStatus {
    /// Delivered within the deadline's window (or, for `by` deadlines, on or before it), or
    /// within the grace days after it.
    MetOnTime,
    /// Delivered before the deadline's window opened.
    MetEarly,
    /// Delivered after the deadline (and its grace days) had passed.
    MetLate,
    /// The aim was met another way than promised.
    MetDifferently,
    /// Delivered, with no dated deadline to be on time or late against.
    Met,
    /// A `from` deadline ("from April"): the thing has started.
    Started,
    /// Reported in progress, deadline not yet due.
    OnTrack,
    /// Reported in progress, with no dated deadline.
    InProgressNoDeadline,
    /// The deadline's window is open (or in its grace days) and delivery is not reported.
    DueNow,
    /// The deadline (plus grace days) has passed with no delivery reported.
    Overdue,
    /// Reported paused, under review or rescheduled.
    Delayed,
    /// Not started: nothing reported, or only plans, and nothing due yet.
    NotStarted,
    /// Reported dropped.
    Dropped,
    /// Nothing to judge: no usable report and no deadline that has come, or a report of
    /// progress too old to count (see [`Rules::staleness_days`]).
    NoEvidence,
}

names! { DerivedStatus, "derived status" {
    MetOnTime => "met_on_time",
    MetEarly => "met_early",
    MetLate => "met_late",
    MetDifferently => "met_differently",
    Met => "met",
    Started => "started",
    OnTrack => "on_track",
    InProgressNoDeadline => "in_progress_no_deadline",
    DueNow => "due_now",
    Overdue => "overdue",
    Delayed => "delayed",
    NotStarted => "not_started",
    Dropped => "dropped",
    NoEvidence => "no_evidence",
}}

impl DerivedStatus {
    /// The number of statuses (crate-private: callers iterate [`DerivedStatus::ALL`] or
    /// [`crate::score::Counts::iter`], so a new status is not a breaking change).
    pub(crate) const COUNT: usize = 14;

    /// The position of the status in [`DerivedStatus::ALL`].
    ///
    /// ```
    /// # use roadmap_tracker::status::DerivedStatus;
    /// assert_eq!(DerivedStatus::ALL[DerivedStatus::Overdue.index()], DerivedStatus::Overdue);
    /// ```
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether the status counts as met on time in [`crate::score::NodeScore::met_on_time_share`]:
    /// `met_on_time`, `met_early` and `started`.
    ///
    /// ```
    /// # use roadmap_tracker::status::DerivedStatus;
    /// assert!(DerivedStatus::Started.is_met_on_time());
    /// assert!(!DerivedStatus::MetLate.is_met_on_time());
    /// ```
    pub fn is_met_on_time(self) -> bool {
        matches!(
            self,
            DerivedStatus::MetOnTime | DerivedStatus::MetEarly | DerivedStatus::Started
        )
    }

    /// A short human phrase for the status, used in reasons ("met on time").
    ///
    /// ```
    /// # use roadmap_tracker::status::DerivedStatus;
    /// assert_eq!(DerivedStatus::DueNow.phrase(), "due now");
    /// ```
    pub fn phrase(self) -> &'static str {
        match self {
            DerivedStatus::MetOnTime => "met on time",
            DerivedStatus::MetEarly => "met early",
            DerivedStatus::MetLate => "met late",
            DerivedStatus::MetDifferently => "met differently",
            DerivedStatus::Met => "met",
            DerivedStatus::Started => "started",
            DerivedStatus::OnTrack => "on track",
            DerivedStatus::InProgressNoDeadline => "in progress, no deadline",
            DerivedStatus::DueNow => "due now",
            DerivedStatus::Overdue => "overdue",
            DerivedStatus::Delayed => "delayed",
            DerivedStatus::NotStarted => "not started",
            DerivedStatus::Dropped => "dropped",
            DerivedStatus::NoEvidence => "no evidence",
        }
    }
}

/// A red/amber/green rating; grey means not rated (nothing due, nothing known).
///
/// ```
/// use roadmap_tracker::status::Rag;
/// assert_eq!(Rag::Grey.as_str(), "grey");
/// assert_eq!("amber".parse::<Rag>()?, Rag::Amber);
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    /// Delivered, or on course.
    Green,
    /// Needs watching: due now, late, delivered differently, or paused before the deadline.
    Amber,
    /// Overdue, dropped, or paused past the deadline.
    Red,
    /// Not rated: nothing due and nothing known.
    Grey,
}

names! { Rag, "rating" {
    Green => "green",
    Amber => "amber",
    Red => "red",
    Grey => "grey",
}}
