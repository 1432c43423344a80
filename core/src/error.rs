//! The crate's error type: every failure carries a stable code, a location and a reason.
//!
//! The loaders report *every* format problem of a file at once (a bad date, an unknown
//! kind, a missing column, …, up to [`MAX_PROBLEMS`]), and validation reports every
//! problem it finds, so a user fixing a spreadsheet sees the whole list in one go. Only a
//! fault that makes the rest of a file unreadable (a quote never closed, JSON that is not
//! well formed) stops reading at once.

use std::borrow::Cow;
use std::fmt;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::names::names;

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
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
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
    /// The same key twice in one JSON object (reading would otherwise keep only the last).
    DuplicateKey,
    /// Bytes that are not UTF-8, or a byte-order mark of another encoding.
    Encoding,
    /// A table or file that holds no records where one is required; also a deadline phrase
    /// or EDTF string that is blank (that error is of kind [`ErrorKind::Deadline`], see
    /// [`Error::kind`]).
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

    // Deadline phrases and EDTF strings (kind `deadline`; a blank phrase is `Empty`). The
    // error keeps the phrase and the byte span at fault: `Error::phrase`, `Error::span`.
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
    /// A phrase longer than [`MAX_PHRASE_BYTES`](crate::deadline::MAX_PHRASE_BYTES).
    TooLong,
    /// A phrase with more than one reasonable reading ("next March"); the message names them.
    Ambiguous,
    /// An EDTF string that is not valid EDTF, or uses a feature with no window.
    InvalidEdtf,
    /// A running text with no deadline expression in it (`deadline::find`).
    NoDeadlineFound,

    // Statuses and metrics.
    /// A status label that no active vocabulary knows.
    UnknownLabel,
    /// A vocabulary that maps the same label (after normalising case, spaces and dashes) twice.
    DuplicateLabel,
    /// A metric that cannot be scored (target equal to baseline, observation before baseline).
    InvalidMetric,
    /// An argument to a call that is out of range (e.g. an end date before the start date).
    InvalidArgument,
    /// An item taken to be the same across releases by its normalised name, though spelled
    /// differently; the message says how to keep them apart.
    NameMatch,
    /// The last entry of a list of problems that reached [`MAX_PROBLEMS`]: how many more
    /// were found and not listed.
    TooManyProblems,
}

names! { ErrorCode, "error code" {
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
    DuplicateKey => "duplicate_key",
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
    NoDate => "no_date",
    UnrecognisedWord => "unrecognised_word",
    ImpossibleDate => "impossible_date",
    OutOfRange => "out_of_range",
    ReversedRange => "reversed_range",
    MissingDate => "missing_date",
    DurationNotDeadline => "duration_not_deadline",
    TooLong => "too_long",
    Ambiguous => "ambiguous",
    InvalidEdtf => "invalid_edtf",
    NoDeadlineFound => "no_deadline_found",
    UnknownLabel => "unknown_label",
    DuplicateLabel => "duplicate_label",
    InvalidMetric => "invalid_metric",
    InvalidArgument => "invalid_argument",
    NameMatch => "name_match",
    TooManyProblems => "too_many_problems",
}}

impl ErrorCode {
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
            | InvalidDate | InvalidNumber | CsvSyntax | RaggedRow | DuplicateColumn
            | DuplicateKey | Encoding | Empty | TooManyRows | TooLarge | DateAsText
            | MangledCell | TooManyProblems => ErrorKind::Format,
            Io => ErrorKind::Io,
            DuplicateId | InvalidId | BlankField | InvalidListItem | UnknownParent
            | WrongParentKind | Cycle | UnknownSource | UnknownNode | NotTrackable
            | BeforeRoadmap | InvalidWeight | NameMatch => ErrorKind::Validation,
            NoDate | UnrecognisedWord | ImpossibleDate | OutOfRange | ReversedRange
            | MissingDate | DurationNotDeadline | TooLong | Ambiguous | InvalidEdtf
            | NoDeadlineFound => ErrorKind::Deadline,
            UnknownLabel | DuplicateLabel => ErrorKind::Vocabulary,
            InvalidMetric => ErrorKind::Metric,
            InvalidArgument => ErrorKind::Argument,
        }
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

names! { ErrorKind, "error kind" {
    Format => "format",
    Validation => "validation",
    Deadline => "deadline",
    Vocabulary => "vocabulary",
    Metric => "metric",
    Argument => "argument",
    Io => "io",
}}

/// One thing wrong with an input: what (the code), where, and why (the message); for a
/// refused deadline phrase, also the phrase and the byte span at fault.
///
/// ```
/// use roadmap_tracker::{ErrorCode, Location, Problem};
/// let p = Problem::new(ErrorCode::UnknownParent, Location::path("nodes[2]").with_field("parent"),
///     "parent \"servics\" names no node");
/// assert_eq!(p.to_string(), "unknown_parent at nodes[2].parent: parent \"servics\" names no node");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Problem {
    /// What kind of problem.
    pub code: ErrorCode,
    /// Where it is.
    pub location: Location,
    /// Why it is a problem, in words (no code or location prefix).
    pub message: String,
    /// For a refused deadline phrase, the phrase as given.
    pub phrase: Option<String>,
    /// For a refused deadline phrase, the offending part as byte offsets `(start, end)` into
    /// [`phrase`](Problem::phrase), end exclusive.
    pub span: Option<(usize, usize)>,
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
            phrase: None,
            span: None,
        }
    }

    /// The kind of the problem: the code's kind, except that every problem with a deadline
    /// phrase is of kind [`ErrorKind::Deadline`] (a blank phrase has the code `empty`,
    /// shared with empty tables).
    ///
    /// ```
    /// # use roadmap_tracker::{ErrorCode, ErrorKind, Location, Problem};
    /// let p = Problem::new(ErrorCode::Cycle, Location::path("nodes[0]"), "loops");
    /// assert_eq!(p.kind(), ErrorKind::Validation);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        if self.phrase.is_some() {
            ErrorKind::Deadline
        } else {
            self.code.kind()
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

/// A span as it is serialised: `{"start": 3, "end": 9}`.
#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

/// The fields every serialised problem and error share, in order.
fn serialize_problem_fields<S: SerializeStruct>(
    st: &mut S,
    code: ErrorCode,
    kind: ErrorKind,
    message: &str,
    location: &Location,
    phrase: Option<&str>,
    span: Option<(usize, usize)>,
) -> Result<(), S::Error> {
    st.serialize_field("code", code.as_str())?;
    st.serialize_field("kind", kind.as_str())?;
    st.serialize_field("message", message)?;
    st.serialize_field("location", location)?;
    match phrase {
        Some(phrase) => st.serialize_field("phrase", phrase)?,
        None => st.skip_field("phrase")?,
    }
    match span {
        Some((start, end)) => st.serialize_field("span", &Span { start, end })?,
        None => st.skip_field("span")?,
    }
    Ok(())
}

/// Serialised as `{code, kind, message, location: {file, line, column, path, field}}`, plus
/// `phrase` and `span: {start, end}` for a refused deadline phrase (absent otherwise). The
/// same shape as [`Error`]'s, without its `problems`.
///
/// ```
/// # use roadmap_tracker::{ErrorCode, Location, Problem};
/// let p = Problem::new(ErrorCode::BlankField, Location::path("nodes[0]").with_field("title"), "title is blank");
/// assert_eq!(serde_json::to_value(&p)?, serde_json::json!({
///     "code": "blank_field", "kind": "validation", "message": "title is blank",
///     "location": {"file": null, "line": null, "column": null, "path": "nodes[0]", "field": "title"},
/// }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Problem", 6)?;
        serialize_problem_fields(
            &mut st,
            self.code,
            self.kind(),
            &self.message,
            &self.location,
            self.phrase.as_deref(),
            self.span,
        )?;
        st.end()
    }
}

/// The problems of a failed validation, or of an input a loader could not read: never empty.
///
/// ```
/// use roadmap_tracker::{ErrorCode, Location, Problem, Problems};
/// assert!(Problems::new(vec![]).is_none());
/// let ps = Problems::new(vec![Problem::new(ErrorCode::Cycle, Location::path("nodes[0]"), "loops")]).unwrap();
/// assert_eq!((ps.len(), ps.first().code), (1, ErrorCode::Cycle));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Problems {
    first: Box<Problem>,
    rest: Vec<Problem>,
}

impl Problems {
    /// The list, or `None` when it is empty.
    pub fn new(problems: Vec<Problem>) -> Option<Problems> {
        let mut problems = problems.into_iter();
        let first = Box::new(problems.next()?);
        Some(Problems {
            first,
            rest: problems.collect(),
        })
    }

    /// The first problem found.
    pub fn first(&self) -> &Problem {
        &self.first
    }

    /// How many problems there are (at least one).
    #[allow(clippy::len_without_is_empty)] // never empty
    pub fn len(&self) -> usize {
        1 + self.rest.len()
    }

    /// Every problem, in the order found.
    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        std::iter::once(&*self.first).chain(self.rest.iter())
    }

    /// Every problem, in the order found, to change in place (e.g. to name the file a
    /// loader was given).
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Problem> {
        std::iter::once(&mut *self.first).chain(self.rest.iter_mut())
    }

    /// Every problem, in the order found, as a vector.
    pub fn to_vec(&self) -> Vec<Problem> {
        self.iter().cloned().collect()
    }

    /// Every problem, in the order found, taken out of the list.
    pub(crate) fn into_vec(self) -> Vec<Problem> {
        let mut all = Vec::with_capacity(self.len());
        all.push(*self.first);
        all.extend(self.rest);
        all
    }
}

/// The most problems a loader lists for one input: after the first `MAX_PROBLEMS`, one
/// more problem with the code [`ErrorCode::TooManyProblems`] says how many others were
/// found, so that the list (and the memory it takes) stays bounded however bad the file.
///
/// ```
/// use roadmap_tracker::{ErrorCode, Roadmap, MAX_PROBLEMS};
/// let mut nodes = String::from("id,kind,title\n");
/// for i in 0..150 {
///     nodes.push_str(&format!("n{i},chapter,Title\n")); // 150 unknown kinds
/// }
/// let tables = roadmap_tracker::io::CsvTables {
///     roadmap: "id,title,publisher,published\nplan,Plan,Us,2026-01-19\n".into(),
///     nodes,
///     ..Default::default()
/// };
/// let problems = Roadmap::from_csv_tables(&tables).unwrap_err().problems();
/// assert_eq!(problems.len(), MAX_PROBLEMS + 1);
/// assert_eq!(problems[0].location.to_string(), "nodes.csv:2, column kind");
/// let last = &problems[MAX_PROBLEMS];
/// assert_eq!(last.code, ErrorCode::TooManyProblems);
/// assert_eq!(last.message, "50 more problems were found and are not listed (at most 100 are)");
/// ```
pub const MAX_PROBLEMS: usize = 100;

/// The problems a loader finds, in order, kept up to [`MAX_PROBLEMS`] and counted beyond.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    problems: Vec<Problem>,
    more: usize,
}

impl Collector {
    pub(crate) fn new() -> Collector {
        Collector::default()
    }

    /// Add one problem (counted, not kept, once the list is full).
    pub(crate) fn push(&mut self, problem: Problem) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(problem);
        } else {
            self.more += 1;
        }
    }

    /// Add every problem of an error.
    pub(crate) fn add(&mut self, error: Error) {
        match error {
            Error::Format(p) | Error::Deadline(p) | Error::Evaluation(p) => self.push(*p),
            Error::Invalid(ps) | Error::Malformed(ps) => {
                for p in ps.into_vec() {
                    self.push(p);
                }
            }
            io @ Error::Io { .. } => {
                for p in io.problems() {
                    self.push(p);
                }
            }
        }
    }

    /// The value of a result, or `None` with its error's problems added.
    pub(crate) fn take<T>(&mut self, result: Result<T, Error>) -> Option<T> {
        result.map_err(|e| self.add(e)).ok()
    }

    /// How many problems were found (kept or counted).
    pub(crate) fn count(&self) -> usize {
        self.problems.len() + self.more
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.count() == 0
    }

    /// Whether the next problem will only be counted.
    pub(crate) fn is_full(&self) -> bool {
        self.problems.len() >= MAX_PROBLEMS
    }

    /// `Ok` when nothing was found; one problem as [`Error::Format`]; several as
    /// [`Error::Malformed`], ending with the count of those not kept.
    pub(crate) fn finish(mut self) -> Result<(), Error> {
        if self.more > 0 {
            self.problems.push(Problem::new(
                ErrorCode::TooManyProblems,
                Location::default(),
                format!(
                    "{} more problems were found and are not listed (at most {MAX_PROBLEMS} are)",
                    self.more
                ),
            ));
        }
        let mut problems = self.problems;
        if problems.len() == 1 {
            if let Some(p) = problems.pop() {
                return Err(Error::format(p));
            }
        }
        match Problems::new(problems) {
            None => Ok(()),
            Some(ps) => Err(Error::Malformed(ps)),
        }
    }
}

/// Everything that can go wrong in this crate.
///
/// Use [`Error::code`] for the stable code of the (first) problem and [`Error::problems`]
/// for the full list when a loader or validation found several.
///
/// `Display` is `code at location: message` (`code: message` when there is no location),
/// with every problem listed when there are several; [`Error::message`] is the bare message.
///
/// Serialised as `{code, kind, message, location: {file, line, column, path, field},
/// phrase?, span?: {start, end}, problems}`: the [`Problem`] shape for the (first) problem,
/// plus `problems`, the list of every problem (one for most errors). `phrase` and `span` are
/// present only for a refused deadline phrase.
///
/// ```
/// use roadmap_tracker::{Error, ErrorCode, Roadmap};
/// let err = Roadmap::from_json_str("{\"id\": ").unwrap_err();
/// assert_eq!(err.code(), ErrorCode::Truncated);
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input could not be read (malformed JSON or CSV, wrong types, bad dates, unknown
    /// names).
    #[error("{0}")]
    Format(Box<Problem>),
    /// The roadmap was read but is inconsistent; every problem found is listed.
    #[error("{}", list_problems(.0))]
    Invalid(Problems),
    /// The input could not be read, for more than one reason: every format problem a loader
    /// found, in the order found (at most [`MAX_PROBLEMS`], then one
    /// [`ErrorCode::TooManyProblems`] problem counting the rest). A loader that finds one
    /// problem returns [`Error::Format`].
    #[error("{}", list_problems(.0))]
    Malformed(Problems),
    /// A deadline phrase (or EDTF string) was refused: the problem carries the phrase and
    /// the offending span.
    #[error("{0}")]
    Deadline(Box<Problem>),
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

fn list_problems(problems: &Problems) -> String {
    if problems.len() == 1 {
        return problems.first().to_string();
    }
    let mut out = format!("{} problems:", problems.len());
    for p in problems.iter() {
        out.push_str("\n  - ");
        out.push_str(&p.to_string());
    }
    out
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

    /// The error as a refusal of the argument `name` of a binding's or a program's call:
    /// a value that could not be read (an unknown name, a bad date) becomes an
    /// [`invalid_argument`](ErrorCode::InvalidArgument) error of kind
    /// [`argument`](ErrorKind::Argument) whose location's path is `name`, with the same
    /// message. Deadline refusals, validation errors and I/O errors are returned as they
    /// are: they say more than "bad argument".
    ///
    /// The bindings use it so that `history(step="yearly")` is refused in the same way in
    /// Python and JS, naming the parameter.
    ///
    /// ```
    /// use roadmap_tracker::{status::Step, ErrorCode, ErrorKind};
    /// let e = "yearly".parse::<Step>().unwrap_err().for_argument("step");
    /// assert_eq!((e.code(), e.kind()), (ErrorCode::InvalidArgument, ErrorKind::Argument));
    /// assert_eq!(e.location().path.as_deref(), Some("step"));
    /// assert!(e.message().starts_with("unknown step \"yearly\""));
    /// ```
    pub fn for_argument(self, name: &str) -> Error {
        match self {
            Error::Format(mut p) | Error::Evaluation(mut p) => {
                p.code = ErrorCode::InvalidArgument;
                p.location = Location::path(name);
                Error::Evaluation(p)
            }
            other => other,
        }
    }

    /// The refusal of a binding's text argument that holds a lone surrogate: a string of
    /// the host language (Python's `str`, a JS string) whose code unit `unit`, at
    /// `position` in that language's own string units, is half of a surrogate pair with no
    /// other half. UTF-8, the core's text, has no form for it, and replacing it would alter
    /// what the user gave, so it is an [`invalid_argument`](ErrorCode::InvalidArgument)
    /// error at `location` (the argument, or a row and column), worded alike in every
    /// binding. [`Error::lone_surrogate_in`] finds the unit in UTF-16 text.
    ///
    /// ```
    /// use roadmap_tracker::{Error, ErrorKind, Location};
    /// let e = Error::lone_surrogate(Location::path("phrase"), 0xD800, 8);
    /// assert_eq!(e.kind(), ErrorKind::Argument);
    /// assert_eq!(e.to_string(), "invalid_argument at phrase: phrase holds a lone surrogate (U+D800) at position 8, which is not text");
    /// ```
    pub fn lone_surrogate(location: Location, unit: u32, position: usize) -> Error {
        let message = format!(
            "{location} holds a lone surrogate (U+{unit:04X}) at position {position}, which is not text"
        );
        Error::evaluation(Problem::new(ErrorCode::InvalidArgument, location, message))
    }

    /// [`Error::lone_surrogate`] for UTF-16 text (a JS string's code units), at the first
    /// unpaired surrogate, its position counted in code units; `None` for valid UTF-16.
    ///
    /// ```
    /// use roadmap_tracker::{Error, Location};
    /// let units: Vec<u16> = "😀x".encode_utf16().chain([0xDC00]).collect();
    /// let e = Error::lone_surrogate_in(Location::path("id"), &units).unwrap();
    /// assert_eq!(e.message(), "id holds a lone surrogate (U+DC00) at position 3, which is not text");
    /// assert!(Error::lone_surrogate_in(Location::path("id"), &units[..3]).is_none());
    /// ```
    pub fn lone_surrogate_in(location: Location, units: &[u16]) -> Option<Error> {
        let mut position = 0;
        for decoded in char::decode_utf16(units.iter().copied()) {
            match decoded {
                Ok(c) => position += c.len_utf16(),
                Err(e) => {
                    let unit = u32::from(e.unpaired_surrogate());
                    return Some(Error::lone_surrogate(location, unit, position));
                }
            }
        }
        None
    }

    /// A validation error listing `problems`, or `Ok` when there are none.
    ///
    /// ```
    /// # use roadmap_tracker::{Error, ErrorCode, Location, Problem};
    /// assert!(Error::check(vec![]).is_ok());
    /// let e = Error::check(vec![Problem::new(ErrorCode::Cycle, Location::path("nodes[0]"), "loops")]).unwrap_err();
    /// assert_eq!(e.code(), ErrorCode::Cycle);
    /// ```
    pub fn check(problems: Vec<Problem>) -> Result<(), Error> {
        match Problems::new(problems) {
            None => Ok(()),
            Some(problems) => Err(Error::Invalid(problems)),
        }
    }

    /// A refused deadline phrase, with the engine's code, reason and span.
    pub(crate) fn deadline(
        code: ErrorCode,
        phrase: &str,
        span: Option<(usize, usize)>,
        message: impl Into<String>,
    ) -> Error {
        let mut problem = Problem::new(code, Location::default(), message);
        problem.phrase = Some(phrase.to_owned());
        problem.span = span;
        Error::Deadline(Box::new(problem))
    }

    /// An unknown name: `unknown {what} {given:?}: expected one of {expected, …}`.
    pub(crate) fn unknown_value(what: &str, given: &str, expected: &[&str]) -> Error {
        Error::format(Problem::new(
            ErrorCode::UnknownValue,
            Location::default(),
            format!(
                "unknown {what} {given:?}: expected one of {}",
                expected.join(", ")
            ),
        ))
    }

    /// The same error, placed at `location` (for a single-problem error; a validation or
    /// I/O error is returned unchanged).
    pub(crate) fn at(mut self, location: Location) -> Error {
        if let Error::Format(p) | Error::Deadline(p) | Error::Evaluation(p) = &mut self {
            p.location = location;
        }
        self
    }

    /// The single problem of a format, deadline or evaluation error; the first of a
    /// validation error; `None` for an I/O error.
    fn first(&self) -> Option<&Problem> {
        match self {
            Error::Format(p) | Error::Deadline(p) | Error::Evaluation(p) => Some(p),
            Error::Invalid(ps) | Error::Malformed(ps) => Some(ps.first()),
            Error::Io { .. } => None,
        }
    }

    /// The stable code of the error (for a list of problems, the first problem's code).
    ///
    /// ```
    /// # use roadmap_tracker::{Error, ErrorCode, Location, Problem};
    /// let e = Error::format(Problem::new(ErrorCode::RaggedRow, Location::line("nodes.csv", 4), "3 fields, expected 5"));
    /// assert_eq!(e.code(), ErrorCode::RaggedRow);
    /// ```
    pub fn code(&self) -> ErrorCode {
        self.first().map_or(ErrorCode::Io, |p| p.code)
    }

    /// The broad kind of the error: [`ErrorKind::Validation`] for every validation error,
    /// [`ErrorKind::Deadline`] for every refused phrase, [`ErrorKind::Format`] for a
    /// loader's list of problems ([`Error::Malformed`]) with any format problem in it (else
    /// its first problem's kind, as for one problem), otherwise the code's kind.
    ///
    /// ```
    /// # use roadmap_tracker::{Error, ErrorKind, Roadmap};
    /// let e = Roadmap::from_json_str("[").unwrap_err();
    /// assert_eq!(e.kind(), ErrorKind::Format);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid(_) => ErrorKind::Validation,
            Error::Malformed(ps) => {
                if ps.iter().any(|p| p.kind() == ErrorKind::Format) {
                    ErrorKind::Format
                } else {
                    ps.first().kind()
                }
            }
            Error::Deadline(_) => ErrorKind::Deadline,
            Error::Io { .. } => ErrorKind::Io,
            Error::Format(p) | Error::Evaluation(p) => p.code.kind(),
        }
    }

    /// Why, in words: the bare message of the (first) problem, with no code, location or
    /// span.
    ///
    /// ```
    /// # use roadmap_tracker::{Error, ErrorCode, Location, Problem};
    /// let e = Error::format(Problem::new(ErrorCode::RaggedRow, Location::line("nodes.csv", 4), "3 fields, expected 5"));
    /// assert_eq!(e.message(), "3 fields, expected 5");
    /// assert_eq!(e.to_string(), "ragged_row at nodes.csv:4: 3 fields, expected 5");
    /// ```
    pub fn message(&self) -> Cow<'_, str> {
        match self {
            Error::Io { source, .. } => Cow::Owned(source.to_string()),
            _ => Cow::Borrowed(self.first().map_or("", |p| p.message.as_str())),
        }
    }

    /// For a refused deadline phrase, the phrase as given.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// let e = roadmap_tracker::deadline::parse("by Marchh 2026", NaiveDate::from_ymd_opt(2026, 1, 19).unwrap()).unwrap_err();
    /// assert_eq!(e.phrase(), Some("by Marchh 2026"));
    /// ```
    pub fn phrase(&self) -> Option<&str> {
        self.first().and_then(|p| p.phrase.as_deref())
    }

    /// For a refused deadline phrase, the offending part as byte offsets `(start, end)` into
    /// [`phrase`](Error::phrase), end exclusive: the word, token or date at fault, or the
    /// whole phrase when the fault is the phrase as a whole (empty, no date, too long).
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// let e = roadmap_tracker::deadline::parse("by Marchh 2026", NaiveDate::from_ymd_opt(2026, 1, 19).unwrap()).unwrap_err();
    /// assert_eq!(e.code().as_str(), "unrecognised_word");
    /// assert_eq!(e.span(), Some((3, 9)));
    /// ```
    pub fn span(&self) -> Option<(usize, usize)> {
        self.first().and_then(|p| p.span)
    }

    /// Every problem the error reports: one for most errors, all of them for validation
    /// and for a loader that found several.
    ///
    /// ```
    /// # use roadmap_tracker::{Error, ErrorCode, Location, Problem};
    /// let e = Error::check(vec![
    ///     Problem::new(ErrorCode::DuplicateId, Location::path("nodes[1]").with_field("id"), "id \"a\" is used twice"),
    ///     Problem::new(ErrorCode::UnknownParent, Location::path("nodes[2]").with_field("parent"), "no node \"x\""),
    /// ]).unwrap_err();
    /// assert_eq!(e.problems().len(), 2);
    /// ```
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Error::Format(p) | Error::Deadline(p) | Error::Evaluation(p) => vec![(**p).clone()],
            Error::Invalid(ps) | Error::Malformed(ps) => ps.to_vec(),
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

    /// The location of the error (for a list of problems, the first problem's).
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// let e = Roadmap::from_json_str("{\"id\": 5}").unwrap_err();
    /// assert_eq!(e.location().path.as_deref(), Some("id"));
    /// ```
    pub fn location(&self) -> Location {
        match self {
            Error::Io { path, .. } => Location {
                file: Some(path.clone()),
                ..Location::default()
            },
            _ => self.first().map(|p| p.location.clone()).unwrap_or_default(),
        }
    }
}

/// See [`Error`] for the shape.
///
/// ```
/// # use chrono::NaiveDate;
/// let e = roadmap_tracker::deadline::parse("by Marchh 2026", NaiveDate::from_ymd_opt(2026, 1, 19).unwrap()).unwrap_err();
/// let v = serde_json::to_value(&e)?;
/// assert_eq!((&v["code"], &v["kind"], &v["phrase"]), (&"unrecognised_word".into(), &"deadline".into(), &"by Marchh 2026".into()));
/// assert_eq!(v["span"], serde_json::json!({"start": 3, "end": 9}));
/// assert_eq!(v["problems"].as_array().map(Vec::len), Some(1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let problems = self.problems();
        let mut st = s.serialize_struct("Error", 7)?;
        serialize_problem_fields(
            &mut st,
            self.code(),
            self.kind(),
            &self.message(),
            &self.location(),
            self.phrase(),
            self.span(),
        )?;
        st.serialize_field("problems", &problems)?;
        st.end()
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
