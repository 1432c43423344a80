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
//! assert!(status.status.is_delivered());
//! # Ok::<(), roadmap_tracker::Error>(())
//! ```

mod citation;
mod evaluate;
mod history;
mod prepared;
pub(crate) use prepared::unreadable_problems;
mod prose;
pub(crate) use prose::day_text;
mod rules;
mod verdict;
mod vocabulary;
mod vocabulary_builtin;

pub use citation::Citation;
pub use evaluate::{CommitmentStatus, Evaluation, Evaluator};
pub use history::{Change, History, HistoryRow, Run, Step, Timeline, MAX_HISTORY_CELLS};
pub use rules::{RuleInfo, Rules, RULES};
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
    /// Re-planned: a new approach, or a new deadline set or still to be set ("re-planned",
    /// "new timeframe to be set"). Not a delivery.
    Replanned,
    /// The source says the state is not known.
    Unknown,
}

names! { serde ReportedState, "reported state" {
    Planned => "planned",
    InProgress => "in_progress",
    Delivered => "delivered",
    DeliveredDifferently => "delivered_differently",
    Paused => "paused",
    Dropped => "dropped",
    Replanned => "replanned",
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
/// The snake_case names are stable: JSON output and the bindings use them. Each status has
/// one rating (see [`DerivedStatus::rag`]) and a documented score weight
/// ([`crate::score::Weights`]).
///
/// ```
/// use roadmap_tracker::status::{DerivedStatus, Rag};
/// assert_eq!(DerivedStatus::MetOnTime.as_str(), "met_on_time");
/// assert_eq!("overdue_unconfirmed".parse::<DerivedStatus>()?, DerivedStatus::OverdueUnconfirmed);
/// assert!(DerivedStatus::MetEarly.is_met_on_time());
/// assert_eq!(DerivedStatus::Behind.rag(), Rag::Amber);
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum DerivedStatus {
    /// Delivered, and the latest day the evidence allows is inside the deadline's window
    /// (on or before a `by` date; on or before a `from` start), or within the grace days.
    MetOnTime,
    /// Delivered before a `during` deadline's window opened.
    MetEarly,
    /// Delivered, and the earliest day the evidence allows is after the deadline (and its
    /// grace days).
    MetLate,
    /// The source says the aim was met another way than promised.
    MetDifferently,
    /// Delivered, with no dated deadline, or with evidence too coarse to say whether on
    /// time (the reason says which).
    Met,
    /// Reported in progress, and the deadline's window has not opened.
    OnTrack,
    /// Reported in progress, with no dated deadline.
    InProgressNoDeadline,
    /// The source's own rating is green, and the deadline has not passed.
    RatedGreen,
    /// The source's own rating is amber, and the deadline has not passed.
    RatedAmber,
    /// The source's own rating is red, and the deadline has not passed: a red rating, not
    /// a missed deadline.
    RatedRed,
    /// The deadline's window is open (or in its grace days) and no delivery is reported.
    DueNow,
    /// A report says the work has not started, and the deadline's window has not opened.
    NotStarted,
    /// A report says the work is paused or under review, and the deadline has not passed.
    Paused,
    /// A report says the commitment was re-planned (a new approach, or a new deadline set
    /// or still to be set), nothing has been delivered since, and the new deadline (if
    /// any) has not passed.
    Replanned,
    /// The deadline has passed; evidence dated after it (or possibly after it, when its
    /// dates straddle the deadline: the timing unclear) says the work is in progress:
    /// late, but moving.
    Behind,
    /// The deadline has passed; evidence dated after it (or possibly after it) says
    /// planned, paused or under review (or rates it red).
    Delayed,
    /// The deadline has passed and no evidence dated (or possibly dated) after it says how
    /// it stands: late unless something unreported happened.
    OverdueUnconfirmed,
    /// Reported dropped.
    Dropped,
    /// No report, and the deadline not yet reached.
    NotYetDue,
    /// No report and no dated deadline, or only reports that say nothing (`unknown`).
    NoEvidence,
    /// The node's deadline phrase, a re-plan's new deadline or one of its status labels
    /// cannot be read: the status carries the error, and the rest of the roadmap is
    /// evaluated.
    Unreadable,
}

names! { serde DerivedStatus, "derived status" {
    MetOnTime => "met_on_time",
    MetEarly => "met_early",
    MetLate => "met_late",
    MetDifferently => "met_differently",
    Met => "met",
    OnTrack => "on_track",
    InProgressNoDeadline => "in_progress_no_deadline",
    RatedGreen => "rated_green",
    RatedAmber => "rated_amber",
    RatedRed => "rated_red",
    DueNow => "due_now",
    NotStarted => "not_started",
    Paused => "paused",
    Replanned => "replanned",
    Behind => "behind",
    Delayed => "delayed",
    OverdueUnconfirmed => "overdue_unconfirmed",
    Dropped => "dropped",
    NotYetDue => "not_yet_due",
    NoEvidence => "no_evidence",
    Unreadable => "unreadable",
}}

impl DerivedStatus {
    /// The number of statuses (crate-private: callers iterate [`DerivedStatus::ALL`] or
    /// [`crate::score::Counts::iter`], so a new status is not a breaking change).
    pub(crate) const COUNT: usize = 21;

    /// The position of the status in [`DerivedStatus::ALL`].
    ///
    /// ```
    /// # use roadmap_tracker::status::DerivedStatus;
    /// assert_eq!(DerivedStatus::ALL[DerivedStatus::Behind.index()], DerivedStatus::Behind);
    /// ```
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether the status counts as met on time in the headline ("N of M due met on
    /// time"): `met_on_time` and `met_early`, deliveries only.
    ///
    /// ```
    /// # use roadmap_tracker::status::DerivedStatus;
    /// assert!(DerivedStatus::MetEarly.is_met_on_time());
    /// assert!(!DerivedStatus::OnTrack.is_met_on_time());
    /// assert!(!DerivedStatus::Met.is_met_on_time());
    /// ```
    pub fn is_met_on_time(self) -> bool {
        matches!(self, DerivedStatus::MetOnTime | DerivedStatus::MetEarly)
    }

    /// Whether the status is a delivery of any kind (`met_*` and `met`).
    ///
    /// ```
    /// # use roadmap_tracker::status::DerivedStatus;
    /// assert!(DerivedStatus::MetDifferently.is_delivered());
    /// assert!(!DerivedStatus::Replanned.is_delivered());
    /// ```
    pub fn is_delivered(self) -> bool {
        matches!(
            self,
            DerivedStatus::MetOnTime
                | DerivedStatus::MetEarly
                | DerivedStatus::MetLate
                | DerivedStatus::MetDifferently
                | DerivedStatus::Met
        )
    }

    /// Whether the status says a deadline has passed without a delivery (`behind`,
    /// `delayed`, `overdue_unconfirmed`); `is_confirmed_late` tells the first two apart.
    ///
    /// ```
    /// # use roadmap_tracker::status::DerivedStatus;
    /// assert!(DerivedStatus::OverdueUnconfirmed.is_overdue());
    /// assert!(!DerivedStatus::OverdueUnconfirmed.is_confirmed_late());
    /// assert!(DerivedStatus::Behind.is_confirmed_late());
    /// ```
    pub fn is_overdue(self) -> bool {
        matches!(
            self,
            DerivedStatus::Behind | DerivedStatus::Delayed | DerivedStatus::OverdueUnconfirmed
        )
    }

    /// Whether evidence dated after the deadline confirms the lateness (`behind`,
    /// `delayed`).
    pub fn is_confirmed_late(self) -> bool {
        matches!(self, DerivedStatus::Behind | DerivedStatus::Delayed)
    }

    /// The rating every status of this kind gets.
    ///
    /// ```
    /// # use roadmap_tracker::status::{DerivedStatus, Rag};
    /// assert_eq!(DerivedStatus::OverdueUnconfirmed.rag(), Rag::Red);
    /// assert_eq!(DerivedStatus::NotYetDue.rag(), Rag::Grey);
    /// ```
    pub const fn rag(self) -> Rag {
        use DerivedStatus as D;
        match self {
            D::MetOnTime | D::MetEarly | D::Met | D::OnTrack | D::InProgressNoDeadline => {
                Rag::Green
            }
            D::RatedGreen => Rag::Green,
            D::MetLate | D::MetDifferently | D::RatedAmber | D::DueNow | D::Paused => Rag::Amber,
            D::Replanned | D::Behind => Rag::Amber,
            D::RatedRed | D::Delayed | D::OverdueUnconfirmed | D::Dropped => Rag::Red,
            D::NotStarted | D::NotYetDue | D::NoEvidence | D::Unreadable => Rag::Grey,
        }
    }

    /// A short human phrase for the status ("overdue, unconfirmed").
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
            DerivedStatus::OnTrack => "on track",
            DerivedStatus::InProgressNoDeadline => "in progress, no deadline",
            DerivedStatus::RatedGreen => "rated green",
            DerivedStatus::RatedAmber => "rated amber",
            DerivedStatus::RatedRed => "rated red",
            DerivedStatus::DueNow => "due now",
            DerivedStatus::NotStarted => "not started",
            DerivedStatus::Paused => "paused",
            DerivedStatus::Replanned => "re-planned",
            DerivedStatus::Behind => "behind",
            DerivedStatus::Delayed => "delayed",
            DerivedStatus::OverdueUnconfirmed => "overdue, unconfirmed",
            DerivedStatus::Dropped => "dropped",
            DerivedStatus::NotYetDue => "not yet due",
            DerivedStatus::NoEvidence => "no evidence",
            DerivedStatus::Unreadable => "unreadable",
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rag {
    /// Delivered, or on course.
    Green,
    /// Needs watching: due now, behind, re-planned, met late or differently, paused before
    /// the deadline.
    Amber,
    /// Overdue (confirmed delayed or unconfirmed), dropped, or rated red by the source.
    Red,
    /// Not rated: nothing due and nothing known.
    Grey,
}

names! { serde Rag, "rating" {
    Green => "green",
    Amber => "amber",
    Red => "red",
    Grey => "grey",
}}
