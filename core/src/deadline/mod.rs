//! Deadline phrases normalised into date windows, and judged as of any date.
//!
//! A roadmap says "summer 2026", "by the end of this year", "Q1 2026-27" or "in due
//! course". [`parse`] reads such a phrase relative to the date of the document that wrote
//! it (never today), into a [`Deadline`]: a [kind](DeadlineKind), an inclusive window
//! (`earliest`, `latest`, either of which may be open), the [granularity](Granularity) and
//! the [unit](Named) that were named, the [part](Part) of it, qualifiers, and the ids of the
//! conventions that were applied, so an auditor can see why. Phrases it cannot read with
//! certainty are refused with an [`Error`] whose code says why and whose
//! [`span`](crate::Error::span) names the offending part; it never guesses.
//!
//! The conventions (UK meteorological seasons, the 1 April financial year, bare months
//! rolling forward after "by", and the rest) are tabled with examples in
//! `docs/deadlines.md`; those that writers genuinely disagree on are [`Conventions`] fields.
//!
//! ```
//! use roadmap_tracker::deadline::{parse, DeadlineKind, DeadlineState, Granularity};
//! use chrono::NaiveDate;
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//!
//! let deadline = parse("by March 2028", d(2026, 1, 19))?;
//! assert_eq!(deadline.kind(), DeadlineKind::By);
//! assert_eq!(deadline.latest(), Some(d(2028, 3, 31)));
//! assert_eq!(deadline.granularity(), Granularity::Month);
//! assert_eq!(deadline.edtf().as_deref(), Some("../2028-03"));
//!
//! // Due in its last named unit, March 2028; overdue from April.
//! assert_eq!(deadline.judge(d(2028, 3, 10), None).state, DeadlineState::DueNow);
//! assert_eq!(deadline.judge(d(2028, 4, 1), None).state, DeadlineState::Overdue);
//! assert_eq!(deadline.judge(d(2028, 4, 1), Some(d(2027, 6, 1))).state, DeadlineState::MetOnTime);
//! # Ok::<(), roadmap_tracker::Error>(())
//! ```

mod batch;
mod calendar;
mod conventions;
mod edtf;
mod error;
mod find;
mod lexer;
mod parser;
mod resolve;
pub mod rules;
mod window;
pub(crate) use window::window_text;

use std::fmt;

use chrono::NaiveDate;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::names::names;
use crate::Error;
pub use batch::parse_all;
pub(crate) use calendar::{add_days, days_between};
pub use calendar::{MAX_YEAR, MIN_YEAR};
pub use conventions::{Conventions, FyLabel, NamedPeriod, NamedPeriods, YearStart};
pub(crate) use error::{DeadlineError, DeadlineErrorCode};
pub use find::{find, Found};

/// The longest phrase the parser reads, in bytes. Real deadline phrases are a few words;
/// anything longer is refused with [`ErrorCode::TooLong`](crate::ErrorCode::TooLong) before any work is done.
pub const MAX_PHRASE_BYTES: usize = 512;

/// The granularity of a range from a window of granularity `start` to one of `end`: two
/// whole years in different years make a multi-year range ("2026 to 2028"); otherwise the
/// coarser of the two.
pub(crate) fn range_granularity(
    start: Granularity,
    end: Granularity,
    same_year: bool,
) -> Granularity {
    if start == Granularity::Year && end == Granularity::Year && !same_year {
        Granularity::MultiYear
    } else {
        start.max(end)
    }
}

/// What a deadline asks for.
///
/// ```
/// use roadmap_tracker::deadline::DeadlineKind;
/// assert_eq!("from".parse::<DeadlineKind>().unwrap(), DeadlineKind::From);
/// assert_eq!(DeadlineKind::By.as_str(), "by");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeadlineKind {
    /// Due no later than `latest` ("by March 2028", "before April 2027", "within six months").
    By,
    /// Happens within the window ("summer 2026", "in Q3 2026").
    During,
    /// Starts at `earliest`, with an open end ("from April 2026 onwards").
    From,
    /// A continuing activity: with no date ("ongoing"), or over a window ("throughout
    /// 2026", "until March 2027"), which is judged as `during` is.
    Ongoing,
    /// Reports something already done ("completed in March", "a year ago").
    Past,
    /// No date at all ("in due course", "shortly", "TBC"): not an error.
    None,
}

names! { serde DeadlineKind, "deadline kind" {
    By => "by",
    During => "during",
    From => "from",
    Ongoing => "ongoing",
    Past => "past",
    None => "none",
}}

/// The unit a phrase named: "end of 2026" stays `year`.
///
/// ```
/// use roadmap_tracker::deadline::Granularity;
/// assert_eq!(Granularity::MultiYear.as_str(), "multi_year");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Granularity {
    /// A single day.
    Day,
    /// A calendar month.
    Month,
    /// A meteorological season.
    Season,
    /// A calendar or financial quarter.
    Quarter,
    /// A calendar or financial half-year.
    Half,
    /// A calendar, financial or tax year.
    Year,
    /// More than one year.
    MultiYear,
    /// No date ("in due course", "ongoing").
    Open,
    /// Anchored to an event with no date ("after the next election").
    Unknown,
}

names! { serde Granularity, "granularity" {
    Day => "day",
    Month => "month",
    Season => "season",
    Quarter => "quarter",
    Half => "half",
    Year => "year",
    MultiYear => "multi_year",
    Open => "open",
    Unknown => "unknown",
}}

/// What the phrase named, so the window can be re-derived and displayed.
///
/// ```
/// use roadmap_tracker::deadline::Named;
/// assert_eq!(Named::FinancialYear.as_str(), "financial_year");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Named {
    /// A calendar date.
    Date,
    /// A month.
    Month,
    /// A season.
    Season,
    /// A quarter.
    Quarter,
    /// A half-year.
    Half,
    /// A calendar year.
    Year,
    /// A financial year.
    FinancialYear,
    /// A tax year.
    TaxYear,
    /// A range between two named ends.
    Range,
    /// A period from the registry ([`NamedPeriods`]).
    NamedPeriod,
    /// A deictic year or arithmetic from the document's date ("next year", "within six months").
    Relative,
    /// Nothing ("in due course").
    Nothing,
}

names! { serde Named, "named unit" {
    Date => "date",
    Month => "month",
    Season => "season",
    Quarter => "quarter",
    Half => "half",
    Year => "year",
    FinancialYear => "financial_year",
    TaxYear => "tax_year",
    Range => "range",
    NamedPeriod => "named_period",
    Relative => "relative",
    Nothing => "nothing",
}}

/// The part of the named unit.
///
/// ```
/// use roadmap_tracker::deadline::Part;
/// assert_eq!(Part::RestOf.as_str(), "rest_of");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// "the start of", "the beginning of".
    Start,
    /// "early".
    Early,
    /// "mid".
    Mid,
    /// "late", "towards the end of".
    Late,
    /// "the end of".
    End,
    /// "the rest of", "later this year".
    RestOf,
}

names! { serde Part, "part" {
    Start => "start",
    Early => "early",
    Mid => "mid",
    Late => "late",
    End => "end",
    RestOf => "rest_of",
}}

/// A deadline's judgment as of a date.
///
/// ```
/// use roadmap_tracker::deadline::DeadlineState;
/// assert_eq!("met_late".parse::<DeadlineState>().unwrap(), DeadlineState::MetLate);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeadlineState {
    /// No dated window to judge against (`none`, undated `ongoing`, or an undated event).
    NoDeadline,
    /// The window has not opened yet.
    NotYetDue,
    /// Inside the window (for `by`: inside its last named unit).
    DueNow,
    /// The window has passed with no delivery.
    Overdue,
    /// Delivered before a `during` window opened.
    MetEarly,
    /// Delivered within the window (for `by`: on or before `latest`).
    MetOnTime,
    /// Delivered after `latest`.
    MetLate,
    /// A `from` deadline whose start has not come.
    NotStartedYet,
    /// A `from` deadline whose start has passed with no sign of starting.
    ShouldHaveStarted,
    /// A `from` deadline that has started.
    Started,
}

names! { serde DeadlineState, "deadline state" {
    NoDeadline => "no_deadline",
    NotYetDue => "not_yet_due",
    DueNow => "due_now",
    Overdue => "overdue",
    MetEarly => "met_early",
    MetOnTime => "met_on_time",
    MetLate => "met_late",
    NotStartedYet => "not_started_yet",
    ShouldHaveStarted => "should_have_started",
    Started => "started",
}}

/// A deadline judged as of a date: the state, the days until or past the relevant
/// boundary, and the id of the rule that decided (see [`rules`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Judgment {
    /// The state.
    pub state: DeadlineState,
    /// Days, never negative: until the window opens (`not_yet_due`, `not_started_yet`),
    /// until `latest` (`due_now`), past `latest` (`overdue`, `met_late`), before `earliest`
    /// (`met_early`), to spare before `latest` (`met_on_time`), since the start
    /// (`should_have_started`, `started`); `None` when there is no dated boundary.
    pub days: Option<i64>,
    /// The stable id of the judging rule.
    pub rule: &'static str,
}

/// A deadline phrase read into a window. Build one with [`parse`] or
/// [`Conventions::parse`]; the fields are read through accessors.
///
/// ```
/// use roadmap_tracker::deadline::{parse, DeadlineKind, Granularity, Named, Part};
/// # use chrono::NaiveDate;
/// let d = parse("Towards the end of 2026", NaiveDate::from_ymd_opt(2026, 1, 19).unwrap())?;
/// assert_eq!(d.kind(), DeadlineKind::During);
/// assert_eq!((d.earliest().unwrap().to_string(), d.latest().unwrap().to_string()),
///            ("2026-09-01".into(), "2026-12-31".into()));
/// assert_eq!((d.granularity(), d.named(), d.part()), (Granularity::Year, Named::Year, Some(Part::Late)));
/// assert!(d.rules().contains(&"part-of-year"));
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Deadline {
    pub(crate) phrase: Box<str>,
    pub(crate) written_on: NaiveDate,
    pub(crate) kind: DeadlineKind,
    pub(crate) earliest: Option<NaiveDate>,
    pub(crate) latest: Option<NaiveDate>,
    pub(crate) due_from: Option<NaiveDate>,
    pub(crate) granularity: Granularity,
    pub(crate) named: Named,
    pub(crate) part: Option<Part>,
    pub(crate) approximate: bool,
    pub(crate) uncertain: bool,
    /// The EDTF sub-year code (21–41) and its year, when the named unit has one.
    pub(crate) code: Option<(i32, u8)>,
    pub(crate) rules: Vec<&'static str>,
}

impl Deadline {
    /// The phrase exactly as given.
    pub fn phrase(&self) -> &str {
        &self.phrase
    }

    /// The date of the document that used the phrase.
    pub fn written_on(&self) -> NaiveDate {
        self.written_on
    }

    /// What the deadline asks for.
    pub fn kind(&self) -> DeadlineKind {
        self.kind
    }

    /// The first day of the window (inclusive), `None` when open.
    pub fn earliest(&self) -> Option<NaiveDate> {
        self.earliest
    }

    /// The last day of the window (inclusive), `None` when open.
    pub fn latest(&self) -> Option<NaiveDate> {
        self.latest
    }

    /// The unit that was named.
    pub fn granularity(&self) -> Granularity {
        self.granularity
    }

    /// What the phrase named.
    pub fn named(&self) -> Named {
        self.named
    }

    /// The part of the named unit, if any.
    pub fn part(&self) -> Option<Part> {
        self.part
    }

    /// "around", "about", "approximately".
    pub fn is_approximate(&self) -> bool {
        self.approximate
    }

    /// The window is a guess at best ("several months ago", an undated event).
    pub fn is_uncertain(&self) -> bool {
        self.uncertain
    }

    /// The ids of the conventions that were applied, in order (see [`rules`]).
    pub fn rules(&self) -> &[&'static str] {
        &self.rules
    }

    /// The first day on which the deadline is due: `earliest` for `during` and `from`; for
    /// `by`, the start of its last named unit ("by March 2028" is due from 1 March 2028).
    ///
    /// ```
    /// # use roadmap_tracker::deadline::parse;
    /// # use chrono::NaiveDate;
    /// let d = parse("by March 2028", NaiveDate::from_ymd_opt(2026, 1, 19).unwrap())?;
    /// assert_eq!(d.due_from().unwrap().to_string(), "2028-03-01");
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn due_from(&self) -> Option<NaiveDate> {
        self.due_from
    }

    /// The EDTF (ISO 8601-2) rendering, or `None` for a deadline with no date. Seasons,
    /// calendar quarters and halves use the sub-year codes 21–24, 33–36 and 40–41; `by` is
    /// `../X`, `from` is `X/..`, approximate adds `~` and uncertain `?`. The kind `past` and
    /// a part's name are not representable and are lost; the window never is.
    ///
    /// ```
    /// # use roadmap_tracker::deadline::parse;
    /// # use chrono::NaiveDate;
    /// let w = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap();
    /// assert_eq!(parse("winter 2026", w)?.edtf().as_deref(), Some("2026-24"));
    /// assert_eq!(parse("from April 2026", w)?.edtf().as_deref(), Some("2026-04/.."));
    /// assert_eq!(parse("in due course", w)?.edtf(), None);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn edtf(&self) -> Option<String> {
        edtf::render(self)
    }

    /// Judge the deadline as of `as_of`, given the delivery date if there is one. A
    /// delivery dated after `as_of` is not yet known and is ignored. An `ongoing` deadline
    /// with a window is judged as `during` is. A `past` deadline
    /// reports its own delivery: without another date, it counts as delivered on `latest`.
    ///
    /// ```
    /// use roadmap_tracker::deadline::{parse, DeadlineState};
    /// # use chrono::NaiveDate;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let q3 = parse("Q3 2026", d(2026, 1, 19))?;
    /// assert_eq!(q3.judge(d(2026, 6, 1), None).state, DeadlineState::NotYetDue);
    /// assert_eq!(q3.judge(d(2026, 6, 1), None).days, Some(30));
    /// assert_eq!(q3.judge(d(2026, 11, 24), Some(d(2026, 10, 2))).state, DeadlineState::MetLate);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn judge(&self, as_of: NaiveDate, delivered_on: Option<NaiveDate>) -> Judgment {
        use DeadlineState as S;
        let delivered = delivered_on.filter(|d| *d <= as_of);
        let j = |state, days, rule| Judgment { state, days, rule };
        match self.kind {
            DeadlineKind::None => return j(S::NoDeadline, None, rules::JUDGE_NO_DATE),
            DeadlineKind::Ongoing if self.earliest.is_none() && self.latest.is_none() => {
                return j(S::NoDeadline, None, rules::JUDGE_ONGOING)
            }
            _ if self.earliest.is_none() && self.latest.is_none() => {
                return j(S::NoDeadline, None, rules::JUDGE_UNDATED)
            }
            _ => {}
        }
        if self.kind == DeadlineKind::From {
            let Some(start) = self.earliest else {
                return j(S::NoDeadline, None, rules::JUDGE_UNDATED);
            };
            return match delivered {
                Some(d) => j(
                    S::Started,
                    Some(days_between(start, d).max(0)),
                    rules::JUDGE_STARTED,
                ),
                None if as_of < start => j(
                    S::NotStartedYet,
                    Some(days_between(as_of, start)),
                    rules::JUDGE_BEFORE_START,
                ),
                None => j(
                    S::ShouldHaveStarted,
                    Some(days_between(start, as_of)),
                    rules::JUDGE_START_PASSED,
                ),
            };
        }
        let delivered = match self.kind {
            DeadlineKind::Past => delivered.or(self.latest.filter(|l| *l <= as_of)),
            _ => delivered,
        };
        if let Some(d) = delivered {
            if self.kind != DeadlineKind::By {
                if let Some(e) = self.earliest.filter(|e| d < *e) {
                    return j(
                        S::MetEarly,
                        Some(days_between(d, e)),
                        rules::JUDGE_MET_EARLY,
                    );
                }
            }
            return match self.latest {
                Some(l) if d > l => j(S::MetLate, Some(days_between(l, d)), rules::JUDGE_MET_LATE),
                Some(l) => j(
                    S::MetOnTime,
                    Some(days_between(d, l)),
                    rules::JUDGE_MET_ON_TIME,
                ),
                None => j(S::MetOnTime, None, rules::JUDGE_MET_ON_TIME),
            };
        }
        if let Some(l) = self.latest.filter(|l| as_of > *l) {
            return j(
                S::Overdue,
                Some(days_between(l, as_of)),
                rules::JUDGE_OVERDUE,
            );
        }
        match self.due_from {
            Some(start) if as_of < start => j(
                S::NotYetDue,
                Some(days_between(as_of, start)),
                rules::JUDGE_NOT_YET_DUE,
            ),
            _ => j(
                S::DueNow,
                self.latest.map(|l| days_between(as_of, l)),
                rules::JUDGE_DUE_NOW,
            ),
        }
    }
}

impl fmt::Display for Deadline {
    /// The phrase, then the window: `by March 2028 (by: ..2028-03-31)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}: ", self.phrase, self.kind)?;
        match (self.earliest, self.latest) {
            (None, None) => f.write_str("no date")?,
            (e, l) => {
                if let Some(e) = e {
                    write!(f, "{e}")?;
                }
                f.write_str("..")?;
                if let Some(l) = l {
                    write!(f, "{l}")?;
                }
            }
        }
        f.write_str(")")
    }
}

impl Serialize for Deadline {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let date = |d: Option<NaiveDate>| d.map(crate::dates::Iso);
        let mut st = s.serialize_struct("Deadline", 13)?;
        st.serialize_field("phrase", &*self.phrase)?;
        st.serialize_field("written_on", &crate::dates::Iso(self.written_on))?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("earliest", &date(self.earliest))?;
        st.serialize_field("latest", &date(self.latest))?;
        st.serialize_field("granularity", &self.granularity)?;
        st.serialize_field("named", &self.named)?;
        st.serialize_field("part", &self.part)?;
        st.serialize_field("approximate", &self.approximate)?;
        st.serialize_field("uncertain", &self.uncertain)?;
        st.serialize_field("due_from", &date(self.due_from))?;
        st.serialize_field("edtf", &self.edtf())?;
        st.serialize_field("rules", &self.rules)?;
        st.end()
    }
}

/// Parse a deadline phrase written on `written_on`, under the default (UK) [`Conventions`].
///
/// # Errors
/// An [`Error`] of kind [`Deadline`](crate::ErrorKind::Deadline) with a stable code, the
/// phrase and the offending [`span`](Error::span) when the phrase is refused: empty, no date in it, an unknown word, an impossible date, a number out of
/// range, a reversed range, a connective with no date, a duration, or too long.
///
/// ```
/// use roadmap_tracker::deadline::{parse, DeadlineKind};
/// # use chrono::NaiveDate;
/// let w = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap();
/// assert_eq!(parse("in due course", w)?.kind(), DeadlineKind::None);
/// assert_eq!(parse("for 18 months", w).unwrap_err().code().as_str(), "duration_not_deadline");
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
pub fn parse(phrase: &str, written_on: NaiveDate) -> Result<Deadline, Error> {
    Conventions::uk().parse(phrase, written_on)
}

/// Parse an EDTF string (ISO 8601-2, levels 0–2) into a deadline: `2026-22` (summer),
/// `../2028-03` (by), `2026-04/..` (from), `2026-04/2027-03`, `2026-03~`, `202X`, sets.
///
/// # Errors
/// An [`Error`] with the code [`InvalidEdtf`](crate::ErrorCode::InvalidEdtf) for text that
/// is not EDTF, [`ImpossibleDate`](crate::ErrorCode::ImpossibleDate) for dates that do not
/// exist and [`OutOfRange`](crate::ErrorCode::OutOfRange) for years outside 1000–9999.
///
/// ```
/// use roadmap_tracker::deadline::{parse_edtf, DeadlineKind, Granularity};
/// # use chrono::NaiveDate;
/// let d = parse_edtf("2026-24", NaiveDate::from_ymd_opt(2026, 1, 19).unwrap())?;
/// assert_eq!((d.kind(), d.granularity()), (DeadlineKind::During, Granularity::Season));
/// assert_eq!(d.latest().unwrap().to_string(), "2027-02-28");
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
pub fn parse_edtf(edtf: &str, written_on: NaiveDate) -> Result<Deadline, Error> {
    edtf::parse(edtf, written_on).map_err(|e| e.into_error(edtf))
}
