//! The status model's two phases: a commitment is *open* (still being worked on) until a
//! tracker gives it a *verdict* (met, missed, …), and the two are never confused.
//!
//! Every label of a [`Vocabulary`](super::Vocabulary) has one [`Meaning`]: an open state
//! ([`OpenState`]), a verdict ([`Verdict`]), or a [`NonRating`] (a cell that says no rating
//! was given). The library's [`ReportedState`] and the [`TwoPhaseStatus`] of a label both
//! follow from that one meaning, so the two readings can never disagree.
//!
//! Promise trackers (PolitiFact, the Polimètre, Full Fact) and delivery trackers (Canada's
//! mandate letter tracker) all separate "how is it going?" from "how did it end?". An open
//! state can change; a verdict is final unless the tracker reopens it. A negative verdict
//! may carry a [`ReasonCode`] saying why (no majority, no priority, changed position).
//!
//! Two rules close open items:
//!
//! - **the term rule** ([`TermRule`]): at a roadmap's or a parliament's end date, every
//!   open item becomes `missed` (reason `term_ended`), unless the rule set says otherwise.
//!   [`TermRule::polimetre`] keeps the Polimètre's reading that work in progress at the end
//!   of a mandate was *partially* realised, so it becomes `partially_met` rather than
//!   `missed`;
//! - **met late**: an item met after its deadline keeps the verdict `met` with `late` set
//!   (PolitiFact and others call this a compromise).
//!
//! [`TwoPhaseStatus::from_derived`] reads the library's own [`DerivedStatus`] in this
//! model, so every evaluation can be shown either way; `docs/status-rules.md` has the
//! table.
//!
//! ```
//! use chrono::NaiveDate;
//! use roadmap_tracker::status::{DerivedStatus, OpenState, TermRule, TwoPhaseStatus, Verdict};
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let on_track = TwoPhaseStatus::from_derived(DerivedStatus::OnTrack);
//! assert_eq!(on_track, TwoPhaseStatus::open(OpenState::OnTrack));
//! let rule = TermRule::new(d(2029, 5, 1));
//! // Before the end of the term nothing changes; on the end date the item is missed.
//! assert_eq!(rule.apply(on_track, d(2029, 4, 30)), on_track);
//! assert_eq!(rule.apply(on_track, d(2029, 5, 1)).verdict(), Some(Verdict::Missed));
//! ```

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::vocabulary::normalize;
use super::vocabulary_builtin::NON_RATINGS;
use super::{DerivedStatus, ReportedState};
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::names::names;

/// The states of an item that is still open: nothing has been decided yet.
///
/// ```
/// use roadmap_tracker::status::OpenState;
/// assert_eq!(OpenState::AtRisk.as_str(), "at_risk");
/// assert_eq!("stalled".parse::<OpenState>()?, OpenState::Stalled);
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OpenState {
    /// No action yet ("No Action", "Not Yet Rated", "Not yet started").
    NotStarted,
    /// Work is under way, with no word on whether it will make it ("signs of progress").
    InProgress,
    /// Under way and expected to be met ("Underway – on track", "appears on track").
    OnTrack,
    /// Under way but in doubt ("Underway – with challenges", "appears off track", an
    /// overdue deadline with no verdict yet).
    AtRisk,
    /// Stopped or blocked for now ("Stalled", « en suspens »).
    Stalled,
    /// Re-planned: a new approach or a new deadline, set or still to be set.
    Replanned,
}

names! { serde OpenState, "open state" {
    NotStarted => "not_started",
    InProgress => "in_progress",
    OnTrack => "on_track",
    AtRisk => "at_risk",
    Stalled => "stalled",
    Replanned => "replanned",
}}

/// How an item ended.
///
/// ```
/// use roadmap_tracker::status::Verdict;
/// assert_eq!(Verdict::MetWithChanges.as_str(), "met_with_changes");
/// assert!(Verdict::Missed.is_negative());
/// assert!(!Verdict::PartiallyMet.is_negative());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    /// Done as promised ("Promise Kept", "Completed – fully met", « réalisée »).
    Met,
    /// Done, but not as promised ("Compromise", "Completed – modified").
    MetWithChanges,
    /// Partly done when the term ended (« partiellement réalisée » at dissolution).
    PartiallyMet,
    /// Not done by the time it had to be ("Promise Broken", "not kept", « rompue »).
    Missed,
    /// Given up on purpose ("Not being pursued").
    Abandoned,
    /// Cannot be checked: the promise is too vague, or the evidence is withheld.
    Uncheckable,
}

names! { serde Verdict, "verdict" {
    Met => "met",
    MetWithChanges => "met_with_changes",
    PartiallyMet => "partially_met",
    Missed => "missed",
    Abandoned => "abandoned",
    Uncheckable => "uncheckable",
}}

impl Verdict {
    /// Whether the verdict says the promise was not kept (`missed` or `abandoned`): only
    /// these carry a [`ReasonCode`].
    ///
    /// ```
    /// # use roadmap_tracker::status::Verdict;
    /// assert!(Verdict::Abandoned.is_negative());
    /// ```
    pub fn is_negative(self) -> bool {
        matches!(self, Verdict::Missed | Verdict::Abandoned)
    }
}

/// Why a promise was not kept. Trackers record this because "broken" covers very
/// different stories: a minority government that could not pass a bill is not a
/// government that changed its mind.
///
/// ```
/// use roadmap_tracker::status::ReasonCode;
/// assert_eq!("no_majority".parse::<ReasonCode>()?, ReasonCode::NoMajority);
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReasonCode {
    /// The government lacked the votes to pass it.
    NoMajority,
    /// It was left behind other priorities.
    NoPriority,
    /// The government changed its position.
    ChangedPosition,
    /// Events outside the government's control (a court ruling, a crisis).
    ExternalEvent,
    /// The term ended with the item still open (set by the [`TermRule`]).
    TermEnded,
}

names! { serde ReasonCode, "reason code" {
    NoMajority => "no_majority",
    NoPriority => "no_priority",
    ChangedPosition => "changed_position",
    ExternalEvent => "external_event",
    TermEnded => "term_ended",
}}

/// A status in the two-phase model: open, or closed with a verdict.
///
/// Serialized with a `phase` tag: `{"phase": "open", "state": "on_track"}` or
/// `{"phase": "closed", "verdict": "missed", "late": false, "reason": "no_majority"}`.
///
/// ```
/// use roadmap_tracker::status::{ReasonCode, TwoPhaseStatus, Verdict};
/// let broken = TwoPhaseStatus::closed(Verdict::Missed).because(ReasonCode::NoMajority)?;
/// assert_eq!(broken.to_string(), "missed (no_majority)");
/// assert_eq!(serde_json::to_string(&broken).unwrap(),
///     r#"{"phase":"closed","verdict":"missed","late":false,"reason":"no_majority"}"#);
/// // Only a negative verdict has a reason.
/// assert!(TwoPhaseStatus::closed(Verdict::Met).because(ReasonCode::NoMajority).is_err());
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum TwoPhaseStatus {
    /// Still open.
    Open {
        /// How it is going.
        state: OpenState,
    },
    /// Decided.
    Closed {
        /// How it ended.
        verdict: Verdict,
        /// Met, but after its deadline ("met late").
        late: bool,
        /// Why a negative verdict came about, when the tracker says.
        reason: Option<ReasonCode>,
    },
}

impl TwoPhaseStatus {
    /// An open status.
    ///
    /// ```
    /// # use roadmap_tracker::status::{OpenState, TwoPhaseStatus};
    /// assert!(TwoPhaseStatus::open(OpenState::Stalled).is_open());
    /// ```
    pub const fn open(state: OpenState) -> Self {
        TwoPhaseStatus::Open { state }
    }

    /// A closed status, on time and with no reason.
    ///
    /// ```
    /// # use roadmap_tracker::status::{TwoPhaseStatus, Verdict};
    /// assert_eq!(TwoPhaseStatus::closed(Verdict::Met).verdict(), Some(Verdict::Met));
    /// ```
    pub const fn closed(verdict: Verdict) -> Self {
        TwoPhaseStatus::Closed {
            verdict,
            late: false,
            reason: None,
        }
    }

    /// A `met` verdict reached after the deadline.
    ///
    /// ```
    /// # use roadmap_tracker::status::TwoPhaseStatus;
    /// assert_eq!(TwoPhaseStatus::met_late().to_string(), "met late");
    /// ```
    pub fn met_late() -> Self {
        TwoPhaseStatus::Closed {
            verdict: Verdict::Met,
            late: true,
            reason: None,
        }
    }

    /// The same negative verdict with a reason; an `invalid_argument` error for an open
    /// status or a verdict that is not negative, since "met because of no majority" means
    /// nothing.
    ///
    /// ```
    /// # use roadmap_tracker::status::{OpenState, ReasonCode, TwoPhaseStatus, Verdict};
    /// let dropped = TwoPhaseStatus::closed(Verdict::Abandoned).because(ReasonCode::ChangedPosition)?;
    /// assert_eq!(dropped.reason(), Some(ReasonCode::ChangedPosition));
    /// assert!(TwoPhaseStatus::open(OpenState::AtRisk).because(ReasonCode::NoPriority).is_err());
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn because(self, why: ReasonCode) -> Result<Self, Error> {
        match self {
            TwoPhaseStatus::Closed { verdict, late, .. } if verdict.is_negative() => {
                Ok(TwoPhaseStatus::Closed {
                    verdict,
                    late,
                    reason: Some(why),
                })
            }
            other => Err(Error::evaluation(Problem::new(
                ErrorCode::InvalidArgument,
                Location::default().with_field("reason"),
                format!(
                    "a reason code ({why}) belongs to a missed or abandoned verdict, not to {other}"
                ),
            ))),
        }
    }

    /// Whether the item is still open.
    ///
    /// ```
    /// # use roadmap_tracker::status::{TwoPhaseStatus, Verdict};
    /// assert!(!TwoPhaseStatus::closed(Verdict::Missed).is_open());
    /// ```
    pub fn is_open(self) -> bool {
        matches!(self, TwoPhaseStatus::Open { .. })
    }

    /// The open state, if open.
    ///
    /// ```
    /// # use roadmap_tracker::status::{OpenState, TwoPhaseStatus};
    /// assert_eq!(TwoPhaseStatus::open(OpenState::OnTrack).open_state(), Some(OpenState::OnTrack));
    /// ```
    pub fn open_state(self) -> Option<OpenState> {
        match self {
            TwoPhaseStatus::Open { state } => Some(state),
            TwoPhaseStatus::Closed { .. } => None,
        }
    }

    /// The verdict, if closed.
    ///
    /// ```
    /// # use roadmap_tracker::status::{OpenState, TwoPhaseStatus};
    /// assert_eq!(TwoPhaseStatus::open(OpenState::OnTrack).verdict(), None);
    /// ```
    pub fn verdict(self) -> Option<Verdict> {
        match self {
            TwoPhaseStatus::Closed { verdict, .. } => Some(verdict),
            TwoPhaseStatus::Open { .. } => None,
        }
    }

    /// The reason code, if any.
    ///
    /// ```
    /// # use roadmap_tracker::status::{TwoPhaseStatus, Verdict};
    /// assert_eq!(TwoPhaseStatus::closed(Verdict::Missed).reason(), None);
    /// ```
    pub fn reason(self) -> Option<ReasonCode> {
        match self {
            TwoPhaseStatus::Closed { reason, .. } => reason,
            TwoPhaseStatus::Open { .. } => None,
        }
    }

    /// Read a [`DerivedStatus`] of the rules in the two-phase model (the table in
    /// `docs/status-rules.md`). Delivered statuses are verdicts (`met_late` is `met`,
    /// late); `dropped` is `abandoned`; the rest are open. A `behind` or
    /// `overdue_unconfirmed` item is open and at risk, not missed: a deadline passing is not
    /// a verdict until the term ends (see [`TermRule`]). `no_evidence` and `not_yet_due` are
    /// open and `in_progress`: the item was declared, and nothing says how it is going.
    ///
    /// ```
    /// use roadmap_tracker::status::{DerivedStatus, OpenState, TwoPhaseStatus, Verdict};
    /// assert_eq!(TwoPhaseStatus::from_derived(DerivedStatus::MetLate), TwoPhaseStatus::met_late());
    /// assert_eq!(TwoPhaseStatus::from_derived(DerivedStatus::OverdueUnconfirmed), TwoPhaseStatus::open(OpenState::AtRisk));
    /// assert_eq!(TwoPhaseStatus::from_derived(DerivedStatus::Dropped).verdict(), Some(Verdict::Abandoned));
    /// ```
    pub fn from_derived(status: DerivedStatus) -> Self {
        use DerivedStatus as D;
        match status {
            D::MetOnTime | D::MetEarly | D::Met => TwoPhaseStatus::closed(Verdict::Met),
            D::MetLate => TwoPhaseStatus::met_late(),
            D::MetDifferently => TwoPhaseStatus::closed(Verdict::MetWithChanges),
            D::Dropped => TwoPhaseStatus::closed(Verdict::Abandoned),
            D::OnTrack | D::RatedGreen => TwoPhaseStatus::open(OpenState::OnTrack),
            D::InProgressNoDeadline | D::NoEvidence | D::DueNow | D::NotYetDue => {
                TwoPhaseStatus::open(OpenState::InProgress)
            }
            D::Unreadable => TwoPhaseStatus::open(OpenState::InProgress),
            D::Behind | D::OverdueUnconfirmed | D::RatedAmber | D::RatedRed => {
                TwoPhaseStatus::open(OpenState::AtRisk)
            }
            D::Delayed | D::Paused => TwoPhaseStatus::open(OpenState::Stalled),
            D::Replanned => TwoPhaseStatus::open(OpenState::Replanned),
            D::NotStarted => TwoPhaseStatus::open(OpenState::NotStarted),
        }
    }
}

impl fmt::Display for TwoPhaseStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TwoPhaseStatus::Open { state } => write!(f, "open: {state}"),
            TwoPhaseStatus::Closed {
                verdict,
                late,
                reason,
            } => {
                f.write_str(verdict.as_str())?;
                if *late {
                    f.write_str(" late")?;
                }
                if let Some(r) = reason {
                    write!(f, " ({r})")?;
                }
                Ok(())
            }
        }
    }
}

/// What happens to open items when a term (a roadmap's horizon, a parliament) ends.
///
/// By default every open state becomes `missed` with the reason `term_ended`. A tracker
/// whose methodology says otherwise overrides single states with [`TermRule::with`].
///
/// ```
/// use chrono::NaiveDate;
/// use roadmap_tracker::status::{OpenState, ReasonCode, TermRule, TwoPhaseStatus, Verdict};
/// let end = NaiveDate::from_ymd_opt(2025, 3, 23).unwrap();
/// let rule = TermRule::polimetre(end);
/// let stalled = rule.apply(TwoPhaseStatus::open(OpenState::Stalled), end);
/// assert_eq!((stalled.verdict(), stalled.reason()), (Some(Verdict::Missed), Some(ReasonCode::TermEnded)));
/// let partly = rule.apply(TwoPhaseStatus::open(OpenState::InProgress), end);
/// assert_eq!(partly.verdict(), Some(Verdict::PartiallyMet));
/// assert_eq!(partly.reason(), None); // not a negative verdict
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermRule {
    /// The term's last day counts as ended: from this date on, open items are closed.
    #[serde(with = "crate::dates::serde_date")]
    pub ends_on: NaiveDate,
    /// Open states that close with another verdict than `missed`, in the order given.
    pub overrides: Vec<(OpenState, Verdict)>,
}

impl TermRule {
    /// The default rule: every open item is missed from `ends_on`.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use roadmap_tracker::status::TermRule;
    /// assert!(TermRule::new(NaiveDate::MIN).overrides.is_empty());
    /// ```
    pub fn new(ends_on: NaiveDate) -> Self {
        TermRule {
            ends_on,
            overrides: Vec::new(),
        }
    }

    /// The Polimètre's reading at dissolution: work in progress or on track counts as
    /// partially realised (its label « en voie de réalisation ou partiellement réalisée »
    /// covers both), while stalled, at-risk and unstarted promises are broken.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use roadmap_tracker::status::TermRule;
    /// assert_eq!(TermRule::polimetre(NaiveDate::MIN).overrides.len(), 2);
    /// ```
    pub fn polimetre(ends_on: NaiveDate) -> Self {
        TermRule::new(ends_on)
            .with(OpenState::InProgress, Verdict::PartiallyMet)
            .with(OpenState::OnTrack, Verdict::PartiallyMet)
    }

    /// The same rule with one open state closing as `verdict` instead of `missed`.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use roadmap_tracker::status::{OpenState, TermRule, TwoPhaseStatus, Verdict};
    /// let rule = TermRule::new(NaiveDate::MIN).with(OpenState::NotStarted, Verdict::Uncheckable);
    /// assert_eq!(rule.apply(TwoPhaseStatus::open(OpenState::NotStarted), NaiveDate::MIN).verdict(),
    ///            Some(Verdict::Uncheckable));
    /// ```
    pub fn with(mut self, state: OpenState, verdict: Verdict) -> Self {
        self.overrides.retain(|(s, _)| *s != state);
        self.overrides.push((state, verdict));
        self
    }

    /// The status as of a date: unchanged before `ends_on` or when already closed;
    /// otherwise closed as the rule says (a negative verdict with the reason `term_ended`).
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use roadmap_tracker::status::{TermRule, TwoPhaseStatus, Verdict};
    /// let end = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    /// let kept = TwoPhaseStatus::closed(Verdict::Met);
    /// assert_eq!(TermRule::new(end).apply(kept, end), kept);
    /// ```
    pub fn apply(&self, status: TwoPhaseStatus, as_of: NaiveDate) -> TwoPhaseStatus {
        let TwoPhaseStatus::Open { state } = status else {
            return status;
        };
        if as_of < self.ends_on {
            return status;
        }
        let verdict = self
            .overrides
            .iter()
            .find(|(s, _)| *s == state)
            .map_or(Verdict::Missed, |(_, v)| *v);
        TwoPhaseStatus::Closed {
            verdict,
            late: false,
            reason: verdict.is_negative().then_some(ReasonCode::TermEnded),
        }
    }
}

/// A cell that is not a rating: kept as its own value, never coerced to a status.
///
/// ```
/// use roadmap_tracker::status::NonRating;
/// assert_eq!(NonRating::Withheld.as_str(), "withheld");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NonRating {
    /// The publisher withheld the value ("Exempt under FOI", "exempt – s.43").
    Withheld,
    /// Nobody has rated the item yet ("No DCA", "not rated", PolitiFact's "Not Yet Rated",
    /// RAG's grey).
    NotAssessed,
    /// The source says the evidence does not settle it ("unclear or disputed", "unknown").
    Unclear,
}

names! { serde NonRating, "non-rating" {
    Withheld => "withheld",
    NotAssessed => "not_assessed",
    Unclear => "unclear",
}}

impl NonRating {
    /// Recognise a non-rating anywhere: a cell that starts with "exempt" or mentions FOI
    /// is withheld; a few fixed phrases ("No DCA", "not rated", "unclear") are the others.
    ///
    /// ```
    /// # use roadmap_tracker::status::NonRating;
    /// assert_eq!(NonRating::recognise("Withheld (FOI s.43)"), Some(NonRating::Withheld));
    /// assert_eq!(NonRating::recognise("NO DCA"), Some(NonRating::NotAssessed));
    /// assert_eq!(NonRating::recognise("Green"), None);
    /// ```
    pub fn recognise(text: &str) -> Option<NonRating> {
        let key = normalize(text);
        let mentions_foi = key
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == "foi" || w == "foia");
        if key.starts_with("exempt") || mentions_foi {
            return Some(NonRating::Withheld);
        }
        NON_RATINGS
            .iter()
            .find(|(phrase, _)| *phrase == key)
            .map(|(_, kind)| *kind)
    }
}

/// What a label means: one meaning per label, from which both the library's
/// [`ReportedState`] ([`Meaning::reported_state`]) and the two-phase reading
/// ([`Meaning::status`]) follow.
///
/// Its name is the open state's, the verdict's or the non-rating's (the three name sets do
/// not overlap). Reading a name also accepts a [`ReportedState`] name, taken as its
/// [`Meaning::from`] (`delivered` is `met`, `paused` is `stalled`, `unknown` is
/// `unclear`), so vocabularies written as `label → state` keep working.
///
/// ```
/// use roadmap_tracker::status::{Meaning, OpenState, ReportedState, TwoPhaseStatus, Verdict};
/// let off_track: Meaning = "at_risk".parse()?;
/// assert_eq!(off_track, Meaning::Open(OpenState::AtRisk));
/// assert_eq!(off_track.reported_state(), ReportedState::Paused);
/// assert_eq!(off_track.status(), Some(TwoPhaseStatus::open(OpenState::AtRisk)));
/// assert!(off_track.is_open() && !off_track.is_verdict());
/// assert_eq!("delivered".parse::<Meaning>()?, Meaning::Verdict(Verdict::Met));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Meaning {
    /// An open state: nothing is decided yet.
    Open(OpenState),
    /// A verdict: how it ended.
    Verdict(Verdict),
    /// No rating was given.
    NonRating(NonRating),
}

impl Meaning {
    /// The name: the open state's, the verdict's or the non-rating's.
    ///
    /// ```
    /// # use roadmap_tracker::status::{Meaning, NonRating};
    /// assert_eq!(Meaning::NonRating(NonRating::NotAssessed).as_str(), "not_assessed");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Meaning::Open(s) => s.as_str(),
            Meaning::Verdict(v) => v.as_str(),
            Meaning::NonRating(n) => n.as_str(),
        }
    }

    /// The [`ReportedState`] the status rules read: at risk and stalled are `paused`,
    /// missed and abandoned `dropped`, partially met `delivered_differently`, on track
    /// `in_progress`; uncheckable and every non-rating are `unknown`, which the rules
    /// never score.
    ///
    /// ```
    /// # use roadmap_tracker::status::{Meaning, ReportedState, Verdict};
    /// assert_eq!(Meaning::Verdict(Verdict::Missed).reported_state(), ReportedState::Dropped);
    /// ```
    pub fn reported_state(self) -> ReportedState {
        match self {
            Meaning::Open(state) => match state {
                OpenState::NotStarted => ReportedState::Planned,
                OpenState::InProgress | OpenState::OnTrack => ReportedState::InProgress,
                OpenState::AtRisk | OpenState::Stalled => ReportedState::Paused,
                OpenState::Replanned => ReportedState::Replanned,
            },
            Meaning::Verdict(verdict) => match verdict {
                Verdict::Met => ReportedState::Delivered,
                Verdict::MetWithChanges | Verdict::PartiallyMet => {
                    ReportedState::DeliveredDifferently
                }
                Verdict::Missed | Verdict::Abandoned => ReportedState::Dropped,
                Verdict::Uncheckable => ReportedState::Unknown,
            },
            Meaning::NonRating(_) => ReportedState::Unknown,
        }
    }

    /// The meaning in the two-phase model; `None` for a non-rating.
    ///
    /// ```
    /// # use roadmap_tracker::status::{Meaning, NonRating, TwoPhaseStatus, Verdict};
    /// assert_eq!(Meaning::Verdict(Verdict::Met).status(), Some(TwoPhaseStatus::closed(Verdict::Met)));
    /// assert_eq!(Meaning::NonRating(NonRating::Withheld).status(), None);
    /// ```
    pub fn status(self) -> Option<TwoPhaseStatus> {
        match self {
            Meaning::Open(state) => Some(TwoPhaseStatus::open(state)),
            Meaning::Verdict(verdict) => Some(TwoPhaseStatus::closed(verdict)),
            Meaning::NonRating(_) => None,
        }
    }

    /// Whether the label is an open state.
    ///
    /// ```
    /// # use roadmap_tracker::status::{Meaning, OpenState};
    /// assert!(Meaning::Open(OpenState::Stalled).is_open());
    /// ```
    pub fn is_open(self) -> bool {
        matches!(self, Meaning::Open(_))
    }

    /// Whether the label is a verdict.
    ///
    /// ```
    /// # use roadmap_tracker::status::{Meaning, Verdict};
    /// assert!(Meaning::Verdict(Verdict::MetWithChanges).is_verdict());
    /// ```
    pub fn is_verdict(self) -> bool {
        matches!(self, Meaning::Verdict(_))
    }

    /// The kind of non-rating, if the label is one.
    ///
    /// ```
    /// # use roadmap_tracker::status::{Meaning, NonRating};
    /// assert_eq!(Meaning::NonRating(NonRating::Unclear).non_rating(), Some(NonRating::Unclear));
    /// ```
    pub fn non_rating(self) -> Option<NonRating> {
        match self {
            Meaning::NonRating(n) => Some(n),
            _ => None,
        }
    }

    /// Every meaning name, open states first, then verdicts, then non-ratings.
    pub(crate) fn names() -> Vec<&'static str> {
        let open = OpenState::ALL.iter().map(|s| s.as_str());
        let verdicts = Verdict::ALL.iter().map(|v| v.as_str());
        let non = NonRating::ALL.iter().map(|n| n.as_str());
        open.chain(verdicts).chain(non).collect()
    }
}

impl From<ReportedState> for Meaning {
    /// The meaning a bare [`ReportedState`] stands for: `planned` is not started,
    /// `in_progress` in progress, `delivered` met, `delivered_differently` met with
    /// changes, `paused` stalled, `dropped` abandoned, and `unknown` unclear. Its
    /// [`Meaning::reported_state`] is the state again.
    ///
    /// ```
    /// # use roadmap_tracker::status::{Meaning, ReportedState};
    /// for state in ReportedState::ALL {
    ///     assert_eq!(Meaning::from(state).reported_state(), state);
    /// }
    /// ```
    fn from(state: ReportedState) -> Meaning {
        match state {
            ReportedState::Planned => Meaning::Open(OpenState::NotStarted),
            ReportedState::InProgress => Meaning::Open(OpenState::InProgress),
            ReportedState::Delivered => Meaning::Verdict(Verdict::Met),
            ReportedState::DeliveredDifferently => Meaning::Verdict(Verdict::MetWithChanges),
            ReportedState::Paused => Meaning::Open(OpenState::Stalled),
            ReportedState::Dropped => Meaning::Verdict(Verdict::Abandoned),
            ReportedState::Replanned => Meaning::Open(OpenState::Replanned),
            ReportedState::Unknown => Meaning::NonRating(NonRating::Unclear),
        }
    }
}

impl fmt::Display for Meaning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Meaning {
    type Err = Error;

    fn from_str(s: &str) -> Result<Meaning, Error> {
        if let Ok(state) = s.parse::<OpenState>() {
            return Ok(Meaning::Open(state));
        }
        if let Ok(verdict) = s.parse::<Verdict>() {
            return Ok(Meaning::Verdict(verdict));
        }
        if let Ok(non) = s.parse::<NonRating>() {
            return Ok(Meaning::NonRating(non));
        }
        if let Ok(state) = s.parse::<ReportedState>() {
            return Ok(Meaning::from(state));
        }
        let mut names = Meaning::names();
        names.extend(ReportedState::ALL.iter().map(|s| s.as_str()));
        names.dedup();
        let mut seen = std::collections::HashSet::new();
        names.retain(|n| seen.insert(*n));
        Err(Error::unknown_value("meaning", s, &names))
    }
}

impl Serialize for Meaning {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Meaning {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}
