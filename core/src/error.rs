//! The crate's error type: every failure carries a stable code, a location and a reason.
//!
//! Loading stops at the first *format* problem (the file cannot be read any further), but
//! validation reports *every* problem it finds at once, so a user fixing a spreadsheet sees
//! the whole list in one go.

use std::fmt;

use crate::deadline::DeadlineError;

/// Where a problem was found: a file, a line and column (CSV), a JSON path, a field.
///
/// Every part is optional because different inputs know different things: a CSV loader
/// knows the line, a JSON loader knows the path, a model built in code knows neither and
/// only has the record path.
///
/// ```
/// use roadmap_tracker::Location;
/// let at = Location::path("nodes[3]").with_field("parent");
/// assert_eq!(at.to_string(), "nodes[3].parent");
/// let at = Location::line("nodes.csv", 5).with_field("parent");
/// assert_eq!(at.to_string(), "nodes.csv:5, column parent");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Location {
    /// The file or table, e.g. `nodes.csv` or `roadmap.json`.
    pub file: Option<String>,
    /// The 1-based line in the file.
    pub line: Option<u64>,
    /// The 1-based column (character position for JSON, field position for CSV).
    pub column: Option<u64>,
    /// The path of the record inside the document, e.g. `nodes[3]` or `metrics[0].observations[2]`.
    pub path: Option<String>,
    /// The field (JSON key or CSV column name) that holds the offending value.
    pub field: Option<String>,
}

impl Location {
    /// A location given by a record path such as `nodes[3]`.
    ///
    /// ```
    /// # use roadmap_tracker::Location;
    /// assert_eq!(Location::path("updates[0]").path.as_deref(), Some("updates[0]"));
    /// ```
    pub fn path(path: impl Into<String>) -> Self {
        Location {
            path: Some(path.into()),
            ..Location::default()
        }
    }

    /// A location given by a file and a 1-based line.
    ///
    /// ```
    /// # use roadmap_tracker::Location;
    /// assert_eq!(Location::line("updates.csv", 2).line, Some(2));
    /// ```
    pub fn line(file: impl Into<String>, line: u64) -> Self {
        Location {
            file: Some(file.into()),
            line: Some(line),
            ..Location::default()
        }
    }

    /// The same location, naming the field too.
    ///
    /// ```
    /// # use roadmap_tracker::Location;
    /// assert_eq!(Location::path("nodes[0]").with_field("id").field.as_deref(), Some("id"));
    /// ```
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The same location, inside the named file.
    ///
    /// ```
    /// # use roadmap_tracker::Location;
    /// let at = Location::path("nodes[0]").in_file("roadmap.json");
    /// assert_eq!(at.to_string(), "roadmap.json: nodes[0]");
    /// ```
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut wrote = false;
        if let Some(file) = &self.file {
            f.write_str(file)?;
            wrote = true;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(column) = self.column {
                    write!(f, ":{column}")?;
                }
            }
        } else if let Some(line) = self.line {
            write!(f, "line {line}")?;
            if let Some(column) = self.column {
                write!(f, ", column {column}")?;
            }
            wrote = true;
        }
        if let Some(path) = &self.path {
            if wrote {
                f.write_str(": ")?;
            }
            f.write_str(path)?;
            wrote = true;
        }
        if let Some(field) = &self.field {
            if self.path.is_some() {
                write!(f, ".{field}")?;
            } else if wrote {
                write!(f, ", column {field}")?;
            } else {
                f.write_str(field)?;
            }
        }
        Ok(())
    }
}

/// A stable, machine-readable code for each kind of problem.
///
/// The string forms ([`ErrorCode::as_str`]) are part of the public interface: bindings
/// expose them, and scripts may match on them. New codes may be added; existing ones keep
/// their meaning.
///
/// ```
/// use roadmap_tracker::ErrorCode;
/// assert_eq!(ErrorCode::DuplicateId.as_str(), "duplicate_id");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ErrorCode {
    // Reading a file.
    /// JSON that is not well formed.
    JsonSyntax,
    /// The input ends in the middle of a value (a truncated file).
    Truncated,
    /// A value of the wrong type, e.g. a string where a number belongs.
    WrongType,
    /// A key the format does not define (the loader refuses to drop it silently).
    UnknownField,
    /// A required key or column is absent.
    MissingField,
    /// A value outside the allowed set, e.g. a node kind of `chapter`.
    UnknownValue,
    /// A date that is malformed or does not exist (31 February).
    InvalidDate,
    /// A number that cannot be read or is not finite.
    InvalidNumber,
    /// CSV that cannot be read (bad quoting).
    CsvSyntax,
    /// A CSV row with more or fewer fields than the header.
    RaggedRow,
    /// The same column twice in one CSV header.
    DuplicateColumn,
    /// Bytes that are not UTF-8, or a byte-order mark of another encoding.
    Encoding,
    /// A table or file that holds no records where one is required.
    Empty,
    /// A table that holds more rows than it may (the one-row `roadmap.csv`).
    TooManyRows,
    /// An input larger than a documented limit.
    TooLarge,
    /// An operating-system error while reading or writing a file.
    Io,
    /// Free text in a date column of a spreadsheet ("Exempt under FOI"): kept as text.
    DateAsText,
    /// A spreadsheet cell damaged by the spreadsheet program: an error value (`#REF!`), a
    /// date turned into a serial number, a long number turned into `1.2E+11`.
    MangledCell,

    // Validating a roadmap.
    /// Two records share an id.
    DuplicateId,
    /// An id that is not a slug (`[a-z0-9]+(-[a-z0-9]+)*`).
    InvalidId,
    /// A required text field is blank.
    BlankField,
    /// A list item (owner, tag, source) that is blank, padded or contains `;`.
    InvalidListItem,
    /// A parent id that names no node.
    UnknownParent,
    /// A node whose parent is of a kind it may not sit under.
    WrongParentKind,
    /// A chain of parents that loops back on itself.
    Cycle,
    /// A source id that names no source.
    UnknownSource,
    /// A status update, metric or observation that names an unknown node or metric.
    UnknownNode,
    /// A status update or deadline on a node that is not a commitment or milestone.
    NotTrackable,
    /// A status update dated before the roadmap was published.
    BeforeRoadmap,
    /// A weight that is negative or not finite.
    InvalidWeight,

    // Deadlines, statuses and metrics.
    /// A deadline phrase the engine refuses (see [`DeadlineError`] for the detail).
    Deadline,
    /// A status label that no active vocabulary knows.
    UnknownLabel,
    /// A vocabulary that maps the same label (after normalising case, spaces and dashes) twice.
    DuplicateLabel,
    /// A metric that cannot be scored (target equal to baseline, observation before baseline).
    InvalidMetric,
    /// An argument to a call that is out of range (e.g. an end date before the start date).
    InvalidArgument,
}

impl ErrorCode {
    /// The stable snake_case name of the code.
    ///
    /// ```
    /// # use roadmap_tracker::ErrorCode;
    /// assert_eq!(ErrorCode::RaggedRow.as_str(), "ragged_row");
    /// ```
    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            JsonSyntax => "json_syntax",
            Truncated => "truncated",
            WrongType => "wrong_type",
            UnknownField => "unknown_field",
            MissingField => "missing_field",
            UnknownValue => "unknown_value",
            InvalidDate => "invalid_date",
            InvalidNumber => "invalid_number",
            CsvSyntax => "csv_syntax",
            RaggedRow => "ragged_row",
            DuplicateColumn => "duplicate_column",
            Encoding => "encoding",
            Empty => "empty",
            TooManyRows => "too_many_rows",
            TooLarge => "too_large",
            Io => "io",
            DateAsText => "date_as_text",
            MangledCell => "mangled_cell",
            DuplicateId => "duplicate_id",
            InvalidId => "invalid_id",
            BlankField => "blank_field",
            InvalidListItem => "invalid_list_item",
            UnknownParent => "unknown_parent",
            WrongParentKind => "wrong_parent_kind",
            Cycle => "cycle",
            UnknownSource => "unknown_source",
            UnknownNode => "unknown_node",
            NotTrackable => "not_trackable",
            BeforeRoadmap => "before_roadmap",
            InvalidWeight => "invalid_weight",
            Deadline => "deadline",
            UnknownLabel => "unknown_label",
            DuplicateLabel => "duplicate_label",
            InvalidMetric => "invalid_metric",
            InvalidArgument => "invalid_argument",
        }
    }

    /// The broad kind of the code, which the bindings map to exception classes.
    ///
    /// ```
    /// # use roadmap_tracker::{ErrorCode, ErrorKind};
    /// assert_eq!(ErrorCode::Cycle.kind(), ErrorKind::Validation);
    /// assert_eq!(ErrorCode::RaggedRow.kind(), ErrorKind::Format);
    /// ```
    pub fn kind(self) -> ErrorKind {
        use ErrorCode::*;
        match self {
            JsonSyntax | Truncated | WrongType | UnknownField | MissingField | UnknownValue
            | InvalidDate | InvalidNumber | CsvSyntax | RaggedRow | DuplicateColumn | Encoding
            | Empty | TooManyRows | TooLarge | DateAsText | MangledCell => ErrorKind::Format,
            Io => ErrorKind::Io,
            DuplicateId | InvalidId | BlankField | InvalidListItem | UnknownParent
            | WrongParentKind | Cycle | UnknownSource | UnknownNode | NotTrackable
            | BeforeRoadmap | InvalidWeight => ErrorKind::Validation,
            Deadline => ErrorKind::Deadline,
            UnknownLabel | DuplicateLabel => ErrorKind::Vocabulary,
            InvalidMetric => ErrorKind::Metric,
            InvalidArgument => ErrorKind::Argument,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The broad families of [`ErrorCode`]; each binding raises one exception class per kind.
///
/// ```
/// # use roadmap_tracker::ErrorKind;
/// assert_eq!(ErrorKind::Format.as_str(), "format");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input could not be read as the format it claims to be.
    Format,
    /// The input was read, but the roadmap it describes is inconsistent.
    Validation,
    /// A deadline phrase was refused.
    Deadline,
    /// A status label is unknown to the vocabularies in use.
    Vocabulary,
    /// A metric cannot be scored.
    Metric,
    /// A call's arguments are out of range.
    Argument,
    /// Reading or writing a file failed.
    Io,
}

impl ErrorKind {
    /// The stable snake_case name of the kind.
    ///
    /// ```
    /// # use roadmap_tracker::ErrorKind;
    /// assert_eq!(ErrorKind::Validation.as_str(), "validation");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Format => "format",
            ErrorKind::Validation => "validation",
            ErrorKind::Deadline => "deadline",
            ErrorKind::Vocabulary => "vocabulary",
            ErrorKind::Metric => "metric",
            ErrorKind::Argument => "argument",
            ErrorKind::Io => "io",
        }
    }
}

/// One thing wrong with an input: what (the code), where, and why (the message).
///
/// ```
/// use roadmap_tracker::{ErrorCode, Location, Problem};
/// let p = Problem::new(ErrorCode::UnknownParent, Location::path("nodes[2]").with_field("parent"),
///     "parent \"servics\" names no node");
/// assert_eq!(p.to_string(), "unknown_parent at nodes[2].parent: parent \"servics\" names no node");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Problem {
    /// What kind of problem.
    pub code: ErrorCode,
    /// Where it is.
    pub location: Location,
    /// Why it is a problem, in words.
    pub message: String,
}

impl Problem {
    /// Build a problem.
    ///
    /// ```
    /// # use roadmap_tracker::{ErrorCode, Location, Problem};
    /// let p = Problem::new(ErrorCode::BlankField, Location::path("nodes[0]").with_field("title"), "title is blank");
    /// assert_eq!(p.code, ErrorCode::BlankField);
    /// ```
    pub fn new(code: ErrorCode, location: Location, message: impl Into<String>) -> Self {
        Problem {
            code,
            location,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = self.location.to_string();
        if at.is_empty() {
            write!(f, "{}: {}", self.code, self.message)
        } else {
            write!(f, "{} at {}: {}", self.code, at, self.message)
        }
    }
}

/// Everything that can go wrong in this crate.
///
/// Use [`Error::code`] for the stable code of the (first) problem and [`Error::problems`]
/// for the full list when validation found several.
///
/// ```
/// use roadmap_tracker::{Error, ErrorCode, Roadmap};
/// let err = Roadmap::from_json_str("{\"id\": ").unwrap_err();
/// assert_eq!(err.code(), ErrorCode::Truncated);
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input could not be read (malformed JSON or CSV, wrong types, bad dates).
    #[error("{0}")]
    Format(Box<Problem>),
    /// The roadmap was read but is inconsistent; every problem found is listed.
    #[error("{}", list_problems(.0))]
    Invalid(Vec<Problem>),
    /// A deadline phrase was refused.
    #[error("deadline {phrase:?} at {location}: {source}")]
    Deadline {
        /// The phrase as given.
        phrase: String,
        /// Where the phrase came from (empty when parsed directly).
        location: Box<Location>,
        /// The engine's error, with the offending span.
        #[source]
        source: DeadlineError,
    },
    /// A status label, metric or argument problem found while evaluating.
    #[error("{0}")]
    Evaluation(Box<Problem>),
    /// Reading or writing a file failed.
    #[error("io error on {path}: {source}")]
    Io {
        /// The path that failed.
        path: String,
        /// The operating-system error.
        #[source]
        source: std::io::Error,
    },
}

fn list_problems(problems: &[Problem]) -> String {
    match problems {
        [one] => one.to_string(),
        _ => {
            let mut out = format!("{} problems:", problems.len());
            for p in problems {
                out.push_str("\n  - ");
                out.push_str(&p.to_string());
            }
            out
        }
    }
}

impl Error {
    /// A format error (the input could not be read) from one problem.
    ///
    /// ```
    /// # use roadmap_tracker::{Error, ErrorCode, Location, Problem};
    /// let e = Error::format(Problem::new(ErrorCode::Empty, Location::default(), "no rows"));
    /// assert_eq!(e.code(), ErrorCode::Empty);
    /// ```
    pub fn format(problem: Problem) -> Error {
        Error::Format(Box::new(problem))
    }

    /// An evaluation error (unknown label, unscorable metric, bad argument) from one problem.
    ///
    /// ```
    /// # use roadmap_tracker::{Error, ErrorCode, ErrorKind, Location, Problem};
    /// let e = Error::evaluation(Problem::new(ErrorCode::UnknownLabel, Location::path("updates[0]").with_field("status"), "unknown label"));
    /// assert_eq!(e.kind(), ErrorKind::Vocabulary);
    /// ```
    pub fn evaluation(problem: Problem) -> Error {
        Error::Evaluation(Box::new(problem))
    }

    /// The stable code of the error (for [`Error::Invalid`], the first problem's code).
    ///
    /// ```
    /// # use roadmap_tracker::{Error, ErrorCode, Location, Problem};
    /// let e = Error::format(Problem::new(ErrorCode::RaggedRow, Location::line("nodes.csv", 4), "3 fields, expected 5"));
    /// assert_eq!(e.code(), ErrorCode::RaggedRow);
    /// ```
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Format(p) | Error::Evaluation(p) => p.code,
            Error::Invalid(ps) => ps.first().map_or(ErrorCode::Empty, |p| p.code),
            Error::Deadline { .. } => ErrorCode::Deadline,
            Error::Io { .. } => ErrorCode::Io,
        }
    }

    /// The broad kind of the error.
    ///
    /// ```
    /// # use roadmap_tracker::{Error, ErrorKind, Roadmap};
    /// let e = Roadmap::from_json_str("[").unwrap_err();
    /// assert_eq!(e.kind(), ErrorKind::Format);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid(_) => ErrorKind::Validation,
            Error::Io { .. } => ErrorKind::Io,
            _ => self.code().kind(),
        }
    }

    /// Every problem the error reports: one for most errors, all of them for validation.
    ///
    /// ```
    /// # use roadmap_tracker::{Error, ErrorCode, Location, Problem};
    /// let e = Error::Invalid(vec![
    ///     Problem::new(ErrorCode::DuplicateId, Location::path("nodes[1]").with_field("id"), "id \"a\" is used twice"),
    ///     Problem::new(ErrorCode::UnknownParent, Location::path("nodes[2]").with_field("parent"), "no node \"x\""),
    /// ]);
    /// assert_eq!(e.problems().len(), 2);
    /// ```
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Error::Format(p) | Error::Evaluation(p) => vec![(**p).clone()],
            Error::Invalid(ps) => ps.clone(),
            Error::Deadline {
                phrase,
                location,
                source,
            } => vec![Problem::new(
                ErrorCode::Deadline,
                (**location).clone(),
                format!("deadline {phrase:?}: {source}"),
            )],
            Error::Io { path, source } => vec![Problem::new(
                ErrorCode::Io,
                Location {
                    file: Some(path.clone()),
                    ..Location::default()
                },
                source.to_string(),
            )],
        }
    }

    /// The location of the error (for [`Error::Invalid`], the first problem's).
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// let e = Roadmap::from_json_str("{\"id\": 5}").unwrap_err();
    /// assert_eq!(e.location().path.as_deref(), Some("id"));
    /// ```
    pub fn location(&self) -> Location {
        match self {
            Error::Format(p) | Error::Evaluation(p) => p.location.clone(),
            Error::Invalid(ps) => ps.first().map(|p| p.location.clone()).unwrap_or_default(),
            Error::Deadline { location, .. } => (**location).clone(),
            Error::Io { path, .. } => Location {
                file: Some(path.clone()),
                ..Location::default()
            },
        }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
