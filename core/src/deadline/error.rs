//! Why a phrase was refused, and where in it.

use std::fmt;

/// The stable, machine-readable reason a deadline phrase (or EDTF string) was refused.
///
/// ```
/// use roadmap_tracker::deadline::{parse, DeadlineErrorCode};
/// # use chrono::NaiveDate;
/// let written_on = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap();
/// let err = parse("31 February 2026", written_on).unwrap_err();
/// assert_eq!(err.code(), DeadlineErrorCode::ImpossibleDate);
/// assert_eq!(err.code().as_str(), "impossible_date");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DeadlineErrorCode {
    /// Nothing but white space.
    Empty,
    /// Text with no date in it at all ("the new strategy").
    NoDate,
    /// A word the engine does not know, in a phrase that otherwise names a date
    /// ("by Marchh 2026"); the span is the word.
    UnrecognisedWord,
    /// A date that does not exist (31 February, 29 February 2027).
    ImpossibleDate,
    /// A number outside its range (Q5, H3, month 13, a year outside 1000–9999).
    OutOfRange,
    /// A range whose end comes before its start.
    ReversedRange,
    /// A connective with nothing after it ("by", "from the start of").
    MissingDate,
    /// A length of time, not a deadline ("for 18 months").
    DurationNotDeadline,
    /// A phrase longer than [`MAX_PHRASE_BYTES`](super::MAX_PHRASE_BYTES).
    TooLong,
    /// A phrase with more than one reasonable reading ("next March"); the message names them.
    Ambiguous,
    /// An EDTF string that is not valid EDTF, or uses a feature with no window.
    InvalidEdtf,
}

impl DeadlineErrorCode {
    /// The code as a stable snake_case string.
    ///
    /// ```
    /// use roadmap_tracker::deadline::DeadlineErrorCode;
    /// assert_eq!(DeadlineErrorCode::MissingDate.as_str(), "missing_date");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineErrorCode::Empty => "empty",
            DeadlineErrorCode::NoDate => "no_date",
            DeadlineErrorCode::UnrecognisedWord => "unrecognised_word",
            DeadlineErrorCode::ImpossibleDate => "impossible_date",
            DeadlineErrorCode::OutOfRange => "out_of_range",
            DeadlineErrorCode::ReversedRange => "reversed_range",
            DeadlineErrorCode::MissingDate => "missing_date",
            DeadlineErrorCode::DurationNotDeadline => "duration_not_deadline",
            DeadlineErrorCode::TooLong => "too_long",
            DeadlineErrorCode::Ambiguous => "ambiguous",
            DeadlineErrorCode::InvalidEdtf => "invalid_edtf",
        }
    }
}

impl fmt::Display for DeadlineErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A refused phrase: the code, a message that says why, and the byte span of the offending
/// part of the phrase when there is one.
///
/// ```
/// use roadmap_tracker::deadline::parse;
/// # use chrono::NaiveDate;
/// let err = parse("by Marchh 2026", NaiveDate::from_ymd_opt(2026, 1, 19).unwrap()).unwrap_err();
/// assert_eq!(err.code().as_str(), "unrecognised_word");
/// assert_eq!(err.span(), Some((3, 9)));
/// assert!(err.to_string().contains("Marchh"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineError {
    code: DeadlineErrorCode,
    message: String,
    span: Option<(usize, usize)>,
}

impl DeadlineError {
    pub(crate) fn new(code: DeadlineErrorCode, message: impl Into<String>) -> Self {
        DeadlineError {
            code,
            message: message.into(),
            span: None,
        }
    }

    pub(crate) fn at(
        code: DeadlineErrorCode,
        span: (usize, usize),
        message: impl Into<String>,
    ) -> Self {
        DeadlineError {
            code,
            message: message.into(),
            span: Some(span),
        }
    }

    /// The same error, pointing at `span` if it points nowhere yet.
    pub(crate) fn or_span(mut self, span: (usize, usize)) -> Self {
        self.span.get_or_insert(span);
        self
    }

    /// The stable reason code.
    pub fn code(&self) -> DeadlineErrorCode {
        self.code
    }

    /// What was wrong, in words.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The offending part of the phrase as byte offsets `(start, end)`, end exclusive: the
    /// word, token or date at fault, or the whole phrase when the fault is the phrase as a
    /// whole (empty, no date, too long). Always `Some` for errors from this module; an
    /// `Option` so that callers can build errors of their own.
    pub fn span(&self) -> Option<(usize, usize)> {
        self.span
    }
}

impl fmt::Display for DeadlineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.span {
            Some((start, end)) => {
                write!(f, "{} (bytes {start}..{end}): {}", self.code, self.message)
            }
            None => write!(f, "{}: {}", self.code, self.message),
        }
    }
}

impl std::error::Error for DeadlineError {}
