//! The choices where writers of deadlines genuinely differ, with the UK defaults.

use std::sync::OnceLock;

use chrono::NaiveDate;

use super::{Deadline, Granularity};
use crate::Error;

/// The first day of a year that does not start on 1 January (a financial or tax year).
///
/// ```
/// use roadmap_tracker::deadline::YearStart;
/// assert!(YearStart::new(4, 1).is_some());
/// assert!(YearStart::new(2, 30).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct YearStart {
    month: u32,
    day: u32,
}

impl YearStart {
    /// A start day; `None` if the month and day never occur together (29 February is refused
    /// too, since most years lack it).
    pub fn new(month: u32, day: u32) -> Option<YearStart> {
        NaiveDate::from_ymd_opt(2023, month, day).map(|_| YearStart { month, day })
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u32 {
        self.day
    }

    /// The first day of the year that starts in `year`.
    pub(crate) fn in_year(self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
    }
}

/// Which calendar year a short label such as "FY26" names.
///
/// ```
/// use roadmap_tracker::deadline::{Conventions, FyLabel};
/// # use chrono::NaiveDate;
/// let written_on = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap();
/// let end = Conventions::default().parse("FY26", written_on)?;
/// assert_eq!(end.earliest().unwrap().to_string(), "2025-04-01");
/// let start = Conventions { fy_label: FyLabel::StartYear, ..Conventions::default() };
/// assert_eq!(start.parse("FY26", written_on)?.earliest().unwrap().to_string(), "2026-04-01");
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FyLabel {
    /// "FY26" is the financial year that ends in 2026 (2025-26): the UK government's usage.
    #[default]
    EndYear,
    /// "FY26" is the financial year that starts in 2026 (2026-27).
    StartYear,
}

/// A period with a name ("the spending review period"), or an event with no date yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedPeriod {
    words: Vec<String>,
    window: Option<(NaiveDate, NaiveDate)>,
    granularity: Granularity,
}

impl NamedPeriod {
    /// The name, normalised: lower case, single spaces, without a leading "the".
    pub fn name(&self) -> String {
        self.words.join(" ")
    }

    /// The inclusive window, or `None` for an event without a date.
    pub fn window(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.window
    }

    /// The granularity a deadline naming this period gets.
    pub fn granularity(&self) -> Granularity {
        self.granularity
    }

    pub(crate) fn words(&self) -> &[String] {
        &self.words
    }
}

/// The registry of named periods a phrase may refer to.
///
/// The default holds the UK's: "the end of this Parliament" (also "the end of the
/// Parliament": 8 July 2029, the latest date the Parliament that first met on 9 July 2024
/// can be dissolved), "this Parliament" (and "the current Parliament"), "the last
/// Parliament" and "the previous Parliament" (17 December 2019 to its dissolution on 30 May
/// 2024),
/// "the spending review period" (the 2026-27 to 2028-29 financial years), and events with no
/// date ("the next election", "recess") that make a deadline `unknown` rather than a guess.
///
/// ```
/// use roadmap_tracker::deadline::{Conventions, Granularity};
/// # use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let mut conventions = Conventions::default();
/// conventions.named_periods.insert("the pilot phase", d(2026, 9, 1), d(2027, 2, 28), Granularity::Month)?;
/// let deadline = conventions.parse("by the end of the pilot phase", d(2026, 1, 19))?;
/// assert_eq!(deadline.latest(), Some(d(2027, 2, 28)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NamedPeriods {
    entries: Vec<NamedPeriod>,
}

impl NamedPeriods {
    /// An empty registry.
    pub fn empty() -> NamedPeriods {
        NamedPeriods::default()
    }

    /// The UK defaults described above.
    pub fn uk() -> NamedPeriods {
        let mut r = NamedPeriods::empty();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        let entries = [
            (
                "end of this parliament",
                d(2029, 7, 8),
                d(2029, 7, 8),
                Granularity::Day,
            ),
            (
                "end of parliament",
                d(2029, 7, 8),
                d(2029, 7, 8),
                Granularity::Day,
            ),
            (
                "end of the parliament",
                d(2029, 7, 8),
                d(2029, 7, 8),
                Granularity::Day,
            ),
            (
                "this parliament",
                d(2024, 7, 9),
                d(2029, 7, 8),
                Granularity::MultiYear,
            ),
            (
                "current parliament",
                d(2024, 7, 9),
                d(2029, 7, 8),
                Granularity::MultiYear,
            ),
            // The Parliament that first met on 17 December 2019, dissolved on 30 May 2024.
            (
                "last parliament",
                d(2019, 12, 17),
                d(2024, 5, 30),
                Granularity::MultiYear,
            ),
            (
                "previous parliament",
                d(2019, 12, 17),
                d(2024, 5, 30),
                Granularity::MultiYear,
            ),
            (
                "spending review period",
                d(2026, 4, 1),
                d(2029, 3, 31),
                Granularity::MultiYear,
            ),
        ];
        for (name, start, end, granularity) in entries {
            if let (Some(start), Some(end)) = (start, end) {
                // The constants are valid; an error here could only be a reversed window.
                let _ = r.insert(name, start, end, granularity);
            }
        }
        for name in [
            "next election",
            "next general election",
            "general election",
            "election",
            "recess",
            "summer recess",
            "conference recess",
            "christmas recess",
            "easter recess",
            "next parliament",
            "dissolution",
            "next spending review",
            "next budget",
            "launch",
            "go live",
        ] {
            let _ = r.insert_unknown(name);
        }
        r
    }

    /// Add (or replace) a period with an inclusive window.
    ///
    /// # Errors
    /// An [`InvalidArgument`](crate::ErrorCode::InvalidArgument) error for an empty name or
    /// an end before the start.
    pub fn insert(
        &mut self,
        name: &str,
        start: NaiveDate,
        end: NaiveDate,
        granularity: Granularity,
    ) -> Result<(), crate::Error> {
        if end < start {
            return Err(argument(format!(
                "named period {name:?} ends ({end}) before it starts ({start})"
            )));
        }
        self.put(name, Some((start, end)), granularity)
    }

    /// Add (or replace) an event with no date: a deadline naming it is `unknown`.
    ///
    /// # Errors
    /// An [`InvalidArgument`](crate::ErrorCode::InvalidArgument) error for an empty name.
    pub fn insert_unknown(&mut self, name: &str) -> Result<(), crate::Error> {
        self.put(name, None, Granularity::Unknown)
    }

    /// The periods, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = &NamedPeriod> {
        self.entries.iter()
    }

    fn put(
        &mut self,
        name: &str,
        window: Option<(NaiveDate, NaiveDate)>,
        granularity: Granularity,
    ) -> Result<(), crate::Error> {
        let mut words: Vec<String> = name
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if words.first().is_some_and(|w| w == "the") {
            words.remove(0);
        }
        if words.is_empty() {
            return Err(argument(format!("named period {name:?} has no words")));
        }
        self.entries.retain(|e| e.words != words);
        self.entries.push(NamedPeriod {
            words,
            window,
            granularity,
        });
        // Longest names first, so "the end of this parliament" wins over "this parliament".
        crate::sort::sort_by_key(&mut self.entries, |e| (-(e.words.len() as i64), 0));
        Ok(())
    }
}

fn argument(message: String) -> crate::Error {
    crate::Error::evaluation(crate::Problem::new(
        crate::ErrorCode::InvalidArgument,
        crate::Location::default(),
        message,
    ))
}

/// How deadline phrases are read where writers differ. [`Conventions::default`] is the UK
/// usage documented in `docs/deadlines.md`.
///
/// ```
/// use roadmap_tracker::deadline::Conventions;
/// # use chrono::NaiveDate;
/// let us = Conventions { day_first: false, ..Conventions::default() };
/// let d = us.parse("04/01/2026", NaiveDate::from_ymd_opt(2026, 1, 19).unwrap())?;
/// assert_eq!(d.earliest().unwrap().to_string(), "2026-04-01");
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conventions {
    /// Numeric dates are day first (`31/03/2026`); `false` reads them month first.
    pub day_first: bool,
    /// The first day of the financial year (1 April in the UK).
    pub financial_year_start: YearStart,
    /// The first day of the tax year (6 April in the UK).
    pub tax_year_start: YearStart,
    /// Which year "FY26" names.
    pub fy_label: FyLabel,
    /// Named periods and dateless events.
    pub named_periods: NamedPeriods,
}

impl Default for Conventions {
    fn default() -> Self {
        Conventions {
            day_first: true,
            financial_year_start: YearStart { month: 4, day: 1 },
            tax_year_start: YearStart { month: 4, day: 6 },
            fy_label: FyLabel::EndYear,
            named_periods: NamedPeriods::uk(),
        }
    }
}

impl Conventions {
    /// The shared default conventions (built once).
    pub fn uk() -> &'static Conventions {
        static DEFAULT: OnceLock<Conventions> = OnceLock::new();
        DEFAULT.get_or_init(Conventions::default)
    }

    /// Parse `phrase`, written on `written_on`, under these conventions.
    ///
    /// # Errors
    /// An [`Error`] of kind [`Deadline`](crate::ErrorKind::Deadline) when the phrase is
    /// refused, with its code, the phrase and the offending [`span`](Error::span).
    ///
    /// ```
    /// use roadmap_tracker::deadline::Conventions;
    /// # use chrono::NaiveDate;
    /// let d = Conventions::default().parse("Q1 2026-27", NaiveDate::from_ymd_opt(2026, 1, 19).unwrap())?;
    /// assert_eq!(d.latest().unwrap().to_string(), "2026-06-30");
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn parse(&self, phrase: &str, written_on: NaiveDate) -> Result<Deadline, Error> {
        super::parser::parse(self, phrase, written_on).map_err(|e| e.into_error(phrase))
    }

    /// Parse an EDTF string (levels 0–2) into a deadline under these conventions.
    ///
    /// # Errors
    /// An [`Error`] with the code [`InvalidEdtf`](crate::ErrorCode::InvalidEdtf),
    /// [`OutOfRange`](crate::ErrorCode::OutOfRange) or
    /// [`ImpossibleDate`](crate::ErrorCode::ImpossibleDate).
    ///
    /// ```
    /// use roadmap_tracker::deadline::Conventions;
    /// # use chrono::NaiveDate;
    /// let d = Conventions::default().parse_edtf("../2028-03", NaiveDate::from_ymd_opt(2026, 1, 19).unwrap())?;
    /// assert_eq!(d.latest().unwrap().to_string(), "2028-03-31");
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn parse_edtf(&self, edtf: &str, written_on: NaiveDate) -> Result<Deadline, Error> {
        super::edtf::parse(edtf, written_on).map_err(|e| e.into_error(edtf))
    }
}
