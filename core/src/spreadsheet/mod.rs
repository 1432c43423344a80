//! Real trackers' spreadsheets, read as they are: the delimiter detected, headers matched
//! through aliases and a caller's [`ColumnMapping`], dates in several formats, ratings
//! through a versioned [`crate::status::Vocabulary`], and a
//! problem report with the line, column and reason of everything odd.
//!
//! The loader never stops at a bad cell and never drops one. Every row loads with its
//! cells exactly as written ([`SheetRow::cells`]), next to the typed values of the mapped
//! fields ([`SheetRow::values`]). A cell that cannot be read is kept verbatim as
//! [`Value::Unreadable`] with an error in [`Sheet::problems`]; free text in a date
//! column ("Exempt under FOI") is kept as [`Value::DateText`] with a warning; Excel's
//! damage (`#REF!`, a date turned into a serial number, an id turned into `1.2E+11`) is
//! reported. [`Sheet::to_csv`] writes back what was read, so nothing is lost. See
//! `docs/formats.md` ("Messy spreadsheets") for the rules.
//!
//! [`Sheet::to_roadmap`] turns a sheet of projects into one dated release of a
//! [`crate::Roadmap`] ([`RoadmapSpec`] says which fields make what), so the evaluator,
//! the tables and [`crate::snapshots::Snapshots`] work on loaded sheets.
//!
//! ```
//! use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, Severity, Sheet, Value};
//! use roadmap_tracker::status::Vocabulary;
//! use roadmap_tracker::ErrorCode;
//!
//! let text = "Project;DCA;DCA;End Date\n\
//!             Rail signalling;Amber/red;Amber;31.03.23\n\
//!             Tax platform;Exempt under FOI;Green;Exempt under FOI\n";
//! let gmpp = Vocabulary::builtin("gmpp-5").unwrap();
//! let mapping = ColumnMapping::new()
//!     .text("project", &["Project"]).required()
//!     .rating("assessor", &["DCA"], gmpp)
//!     .rating("owner", &["DCA"], gmpp).occurrence(2)
//!     .date("end", &["End Date"]);
//! let sheet = Sheet::load(text, &mapping, &LoadOptions::default())?;
//! assert_eq!(sheet.delimiter, b';');
//! assert_eq!(sheet.rows.len(), 2);
//! let rail = &sheet.rows[0];
//! assert_eq!(rail.rating("assessor").and_then(|r| r.label()), Some("Amber/Red"));
//! assert_eq!(rail.rating("owner").and_then(|r| r.label()), Some("Amber"));
//! assert_eq!(rail.date("end").map(|d| d.to_string()).as_deref(), Some("2023-03-31"));
//! // FOI text in the date column: kept, with a warning at line 3, column 4.
//! assert_eq!(sheet.rows[1].value("end"), Some(&Value::DateText("Exempt under FOI".into())));
//! let p = &sheet.problems[0];
//! assert_eq!((p.severity, p.code, p.line, p.column), (Severity::Warning, ErrorCode::DateAsText, 3, Some(4)));
//! assert_eq!(sheet.to_csv()?, text);
//! # Ok::<(), roadmap_tracker::Error>(())
//! ```

mod cell_dates;
mod delimiter;
mod departments;
mod encoding;
mod load;
mod mapping;
mod releases;
mod roadmap;
mod wordings;

use chrono::NaiveDate;
use serde::Serialize;

pub use cell_dates::{DateReading, NEAR_PIVOT, TWO_DIGIT_YEAR_PIVOT};
pub use delimiter::{detect_delimiter, CANDIDATES};
pub use departments::Departments;
pub use encoding::{decode, Decoded, Encoding};
pub use mapping::{
    ColumnMapping, Field, FieldKind, FieldSpec, FullFieldSpec, Headers, KindName, MappingSpec,
};
pub use releases::{gmpp_as_of, gmpp_scale, project_key, Release, ReleaseHistory, Releases};
pub use roadmap::{RoadmapSpec, PORTFOLIO_SECTION, RELEASE_SOURCE};
pub use wordings::{fold_slashes, recognise_non_rating};

use crate::error::{Error, ErrorCode, Location, Problem};
use crate::names::names;
use crate::status::{Reading, Vocabulary};

/// How to read a sheet.
///
/// ```
/// use roadmap_tracker::spreadsheet::{LoadOptions, TWO_DIGIT_YEAR_PIVOT};
/// let o = LoadOptions::default();
/// assert_eq!((o.delimiter, o.two_digit_year_pivot), (None, TWO_DIGIT_YEAR_PIVOT));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadOptions {
    /// The name used in problem locations (a file name).
    pub file: String,
    /// The delimiter, or `None` to detect it ([`detect_delimiter`]).
    pub delimiter: Option<u8>,
    /// Two-digit years below this are 20xx, the rest 19xx.
    pub two_digit_year_pivot: u8,
    /// The encoding of bytes given to [`Sheet::load_bytes`], or `None` to detect it
    /// (UTF-8, else Windows-1252 with a warning).
    pub encoding: Option<Encoding>,
    /// Whether the sheet holds one field per row and one record per column (`Some(true)`),
    /// one record per row (`Some(false)`), or `None` to tell from the mapping: turned
    /// round when the first column's cells name more of its fields than the first row's.
    pub transposed: Option<bool>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            file: "sheet".into(),
            delimiter: None,
            two_digit_year_pivot: TWO_DIGIT_YEAR_PIVOT,
            encoding: None,
            transposed: None,
        }
    }
}

impl LoadOptions {
    /// The default options, naming the file in problem locations.
    ///
    /// ```
    /// # use roadmap_tracker::spreadsheet::LoadOptions;
    /// assert_eq!(LoadOptions::for_file("gmpp-2019.csv").file, "gmpp-2019.csv");
    /// ```
    pub fn for_file(file: &str) -> Self {
        LoadOptions {
            file: file.to_owned(),
            ..LoadOptions::default()
        }
    }

    /// The same options with a delimiter: one ASCII character other than `"`, CR or LF
    /// (`";"`, `","`, `"\t"`…), else an [`ErrorCode::InvalidArgument`] error.
    ///
    /// ```
    /// # use roadmap_tracker::{spreadsheet::LoadOptions, ErrorCode};
    /// let o = LoadOptions::for_file("x.csv").with_delimiter(";")?;
    /// assert_eq!(o.delimiter, Some(b';'));
    /// let err = LoadOptions::default().with_delimiter("\"").unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::InvalidArgument);
    /// assert!(LoadOptions::default().with_delimiter(";;").is_err());
    /// assert!(LoadOptions::default().with_delimiter("§").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_delimiter(mut self, delimiter: &str) -> Result<Self, Error> {
        match delimiter.as_bytes() {
            [b] if b.is_ascii() && !matches!(b, b'"' | b'\r' | b'\n') => {
                self.delimiter = Some(*b);
                Ok(self)
            }
            _ => Err(Error::format(Problem::new(
                ErrorCode::InvalidArgument,
                Location::default().with_field("delimiter"),
                format!(
                    "delimiter must be one ASCII character such as \";\", \",\" or \"\\t\", not {delimiter:?}"
                ),
            ))),
        }
    }

    /// The same options with an encoding by name (see [`Encoding`]'s `FromStr`); an
    /// unknown name is an [`ErrorCode::UnknownValue`] error.
    ///
    /// ```
    /// # use roadmap_tracker::spreadsheet::{Encoding, LoadOptions};
    /// let o = LoadOptions::default().with_encoding("cp1252")?;
    /// assert_eq!(o.encoding, Some(Encoding::Windows1252));
    /// assert!(LoadOptions::default().with_encoding("ebcdic").is_err());
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn with_encoding(mut self, encoding: &str) -> Result<Self, Error> {
        self.encoding = Some(encoding.parse()?);
        Ok(self)
    }

    /// The same options with the layout declared: `true` for one record per column.
    pub fn with_transposed(mut self, transposed: bool) -> Self {
        self.transposed = Some(transposed);
        self
    }

    /// The same options with a two-digit-year pivot from 0 to 100 (else an
    /// [`ErrorCode::InvalidArgument`] error): two-digit years below it are 20xx.
    ///
    /// ```
    /// # use roadmap_tracker::{spreadsheet::LoadOptions, ErrorCode};
    /// assert_eq!(LoadOptions::default().with_two_digit_year_pivot(50)?.two_digit_year_pivot, 50);
    /// let err = LoadOptions::default().with_two_digit_year_pivot(101).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::InvalidArgument);
    /// assert!(LoadOptions::default().with_two_digit_year_pivot(-1).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_two_digit_year_pivot(mut self, pivot: i64) -> Result<Self, Error> {
        match u8::try_from(pivot).ok().filter(|p| *p <= 100) {
            Some(p) => {
                self.two_digit_year_pivot = p;
                Ok(self)
            }
            None => Err(Error::format(Problem::new(
                ErrorCode::InvalidArgument,
                Location::default().with_field("two_digit_year_pivot"),
                format!("two_digit_year_pivot must be from 0 to 100, not {pivot}"),
            ))),
        }
    }
}

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The value was kept and is usable, but not as the column's type (free text in a
    /// date column), or something is missing that the caller may not need.
    Warning,
    /// The value could not be read (an unknown label, an impossible date, Excel damage);
    /// it is kept verbatim and the row still loads.
    Error,
}

names! { Severity, "severity" {
    Warning => "warning",
    Error => "error",
}}

/// The problem report's columns, in order: the header of [`Sheet::problems_csv`] and the
/// fields of a serialised [`SheetProblem`].
///
/// ```
/// use roadmap_tracker::spreadsheet::PROBLEM_COLUMNS;
/// assert_eq!(PROBLEM_COLUMNS.first(), Some(&"severity"));
/// assert_eq!(PROBLEM_COLUMNS.len(), 9);
/// ```
pub const PROBLEM_COLUMNS: [&str; 9] = [
    "severity", "code", "file", "line", "column", "header", "field", "value", "message",
];

/// One entry of a sheet's problem report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SheetProblem {
    /// Warning or error.
    pub severity: Severity,
    /// The stable code.
    #[serde(serialize_with = "code_name")]
    pub code: ErrorCode,
    /// The file name from [`LoadOptions::file`].
    pub file: String,
    /// The 1-based line in the text (1 is the header line).
    pub line: u64,
    /// The 1-based column, when the problem is in one cell or column.
    pub column: Option<usize>,
    /// The column's header as written, when there is a column.
    pub header: Option<String>,
    /// The mapped field, when the column is mapped.
    pub field: Option<String>,
    /// The cell as written (empty for a missing column).
    pub value: String,
    /// Why, in words.
    pub message: String,
}

fn code_name<S: serde::Serializer>(code: &ErrorCode, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(code.as_str())
}

impl SheetProblem {
    /// The problem as a crate [`Problem`] (file, line, column and field in the location).
    ///
    /// ```
    /// # use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, Sheet};
    /// let sheet = Sheet::load("a,b\n1\n", &ColumnMapping::new(), &LoadOptions::for_file("x.csv"))?;
    /// assert_eq!(sheet.problems[0].to_problem().to_string(),
    ///            "ragged_row at x.csv:2: the row has 1 field but the header has 2; the row is kept as it is");
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn to_problem(&self) -> Problem {
        let mut location = Location::line(self.file.clone(), self.line);
        location.column = self.column.map(|c| c as u64);
        if let Some(h) = &self.header {
            location.field = Some(h.clone());
        }
        Problem::new(self.code, location, self.message.clone())
    }
}

/// A mapped field's value in one row.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Value {
    /// A blank cell, or a field whose column is missing.
    Empty,
    /// Text, trimmed.
    Text(String),
    /// A date.
    #[serde(serialize_with = "iso")]
    Date(NaiveDate),
    /// Free text found in a date column, kept as written (trimmed).
    DateText(String),
    /// A number.
    Number(f64),
    /// A rating or a non-rating.
    Rating(Reading),
    /// A cell that could not be read as the field's type, kept verbatim; the problem
    /// report says why.
    Unreadable(String),
}

impl Value {
    /// The value as one line of text for a table, or `None` when empty: text as
    /// written, a date in ISO form, a number, a reading's key (a label, or
    /// `[withheld]`-style for a non-rating), and an unreadable cell marked as such,
    /// `[unreadable: cell]`, so that it is never taken for a label.
    ///
    /// ```
    /// use roadmap_tracker::spreadsheet::Value;
    /// assert_eq!(Value::Unreadable("Amber-ish ".into()).table_text().as_deref(), Some("[unreadable: Amber-ish]"));
    /// assert_eq!(Value::Number(12.5).table_text().as_deref(), Some("12.5"));
    /// assert_eq!(Value::Empty.table_text(), None);
    /// ```
    pub fn table_text(&self) -> Option<String> {
        match self {
            Value::Empty => None,
            Value::Text(t) | Value::DateText(t) => Some(t.clone()),
            Value::Date(d) => Some(d.to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Rating(r) => Some(r.key()),
            Value::Unreadable(cell) => Some(format!("[unreadable: {}]", cell.trim())),
        }
    }
}

fn iso<S: serde::Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    crate::dates::serde_date::serialize(d, s)
}

/// One data row: every cell as written, and the mapped fields' values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SheetRow {
    /// The 1-based line where the row starts (in a transposed sheet, the first line).
    pub line: u64,
    /// In a transposed sheet, the 1-based column that holds the record; `None` otherwise.
    pub column: Option<usize>,
    /// The cells as written, one per field of the row (a ragged row keeps its own count).
    pub cells: Vec<String>,
    /// The mapped fields, in the mapping's order.
    pub values: Vec<(String, Value)>,
}

impl SheetRow {
    /// A mapped field's value.
    pub fn value(&self, field: &str) -> Option<&Value> {
        self.values.iter().find(|(n, _)| n == field).map(|(_, v)| v)
    }

    /// A text field's text (also the text of date text and unreadable cells).
    pub fn text(&self, field: &str) -> Option<&str> {
        match self.value(field)? {
            Value::Text(t) | Value::DateText(t) | Value::Unreadable(t) => Some(t),
            _ => None,
        }
    }

    /// A date field's date, when the cell held one.
    pub fn date(&self, field: &str) -> Option<NaiveDate> {
        match self.value(field)? {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }

    /// A number field's number, when the cell held one. A blank is `None`, never zero.
    pub fn number(&self, field: &str) -> Option<f64> {
        match self.value(field)? {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// A rating field's reading, when the cell held a label or a non-rating.
    pub fn rating(&self, field: &str) -> Option<&Reading> {
        match self.value(field)? {
            Value::Rating(r) => Some(r),
            _ => None,
        }
    }
}

/// A column of the sheet, as found in the header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Column {
    /// The header as written.
    pub header: String,
    /// Which occurrence of this header (after normalising) it is, from 1.
    pub occurrence: usize,
    /// The field mapped to it, if any.
    pub field: Option<String>,
    /// The explanation a publisher gives under the header's first line, without its
    /// parentheses ("Latest approved end date" under "Project - End Date").
    pub description: Option<String>,
}

/// A loaded sheet: what was read, and the problem report. See the [module docs](self).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sheet {
    /// The file name from the options.
    pub file: String,
    /// The delimiter used.
    #[serde(serialize_with = "delimiter_char")]
    pub delimiter: u8,
    /// The header cells as written.
    pub columns: Vec<Column>,
    /// Every data row, in order.
    pub rows: Vec<SheetRow>,
    /// Every problem found, in line order, header problems first.
    pub problems: Vec<SheetProblem>,
    /// Whether the text started with a byte-order mark (written back).
    pub bom: bool,
    /// Whether lines ended with `\r\n` (written back).
    pub crlf: bool,
    /// Whether lines ended with a lone `\r` (written back).
    pub cr: bool,
    /// Whether the text ended with a line break (written back).
    pub final_newline: bool,
    /// The encoding the text was in ([`Sheet::load_bytes`]; text given as a string is
    /// UTF-8).
    pub encoding: Encoding,
    /// Whether the sheet was read turned round: one field per row, one record per column.
    pub transposed: bool,
    /// A transposed sheet's records as written, for writing back.
    #[serde(skip)]
    original: Vec<Vec<String>>,
}

fn delimiter_char<S: serde::Serializer>(d: &u8, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&char::from(*d).to_string())
}

/// Normalise a header for matching: case, spaces, underscores and dashes ignored.
fn header_key(h: &str) -> String {
    crate::status::normalize_label(&h.replace('_', " "))
}

/// Excel's error values, and a column too narrow for its number.
fn excel_error(cell: &str) -> Option<&'static str> {
    const ERRORS: [&str; 8] = [
        "#REF!", "#VALUE!", "#N/A", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!",
    ];
    let t = cell.trim();
    if let Some(e) = ERRORS.iter().find(|e| t.eq_ignore_ascii_case(e)) {
        return Some(e);
    }
    (t.len() >= 3 && t.bytes().all(|b| b == b'#')).then_some("####")
}

/// A long number Excel rewrote in scientific notation ("1.23457E+11"): its digits are gone.
fn scientific(cell: &str) -> bool {
    let t = cell.trim();
    let Some((mantissa, exponent)) = t.split_once(['E', 'e']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let mantissa_ok = !mantissa.is_empty()
        && mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && mantissa.bytes().filter(|b| *b == b'.').count() <= 1
        && mantissa.bytes().next().is_some_and(|b| b.is_ascii_digit());
    mantissa_ok && !exponent.is_empty() && exponent.bytes().all(|b| b.is_ascii_digit())
}

/// The power of ten of a money column's unit, from its header: `(£m)`, `£million` and
/// `£mn` are 6, `£bn` and `£billion` 9, `£k`, `£000` and `£thousand` 3; a header with a
/// currency sign and none of these is in units (0); `None` when no currency is named.
pub(crate) fn money_unit(header: &str) -> Option<i32> {
    let h: String = header
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let at = h.find(['£', '$', '€'])?;
    let after = h.get(at..)?.chars().skip(1).collect::<String>();
    Some(scale_of(&after).map_or(0, |(exp, _)| exp))
}

/// A unit suffix at the start of `text` ("m", "mn", "million", "bn", "billion", "k",
/// "000", "thousand"): its power of ten and its length in bytes. A letter right after a
/// one-letter suffix makes it a word, not a unit ("months").
fn scale_of(text: &str) -> Option<(i32, usize)> {
    const UNITS: [(&str, i32); 9] = [
        ("billion", 9),
        ("million", 6),
        ("thousand", 3),
        ("bn", 9),
        ("mn", 6),
        ("000", 3),
        ("m", 6),
        ("b", 9),
        ("k", 3),
    ];
    UNITS.iter().find_map(|(word, exp)| {
        let rest = text.strip_prefix(word)?;
        let ends = !rest.chars().next().is_some_and(char::is_alphabetic);
        ends.then_some((*exp, word.len()))
    })
}

/// Move a decimal number's point `shift` places (right when positive), in its digits,
/// so "1.2" shifted 3 is "1200" with no rounding on the way.
fn shift_decimal(number: &str, shift: i32) -> Option<String> {
    let (sign, digits) = match number.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", number),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let all = format!("{whole}{fraction}");
    let point = whole.len() as i64 + i64::from(shift);
    let text = if point <= 0 {
        format!("0.{}{all}", "0".repeat(usize::try_from(-point).ok()?))
    } else if point as usize >= all.len() {
        format!("{all}{}", "0".repeat(point as usize - all.len()))
    } else {
        let (a, b) = all.split_at(point as usize);
        format!("{a}.{b}")
    };
    Some(format!("{sign}{text}"))
}

/// Read a number with currency signs, thousands separators, a trailing `%`, and a unit
/// suffix ("£26.19m", "£1.2bn", "£450k") converted to the column's unit (`unit`, a
/// power of ten; 0 when the header names none).
fn read_number(cell: &str, unit: Option<i32>) -> Option<f64> {
    let t = cell.trim();
    let t = t.strip_suffix('%').unwrap_or(t);
    let cleaned: String = t
        .chars()
        .filter(|c| !matches!(c, '£' | '$' | '€' | ',' | ' ' | '\u{a0}'))
        .collect();
    if let Some(n) = crate::number::parse_f64(&cleaned) {
        return Some(n).filter(|n| n.is_finite());
    }
    let lower = cleaned.to_lowercase();
    let split = lower.find(|c: char| c.is_alphabetic())?;
    let (number, suffix) = lower.split_at(split);
    let (exp, len) = scale_of(suffix)?;
    if len != suffix.len() {
        return None;
    }
    let shifted = shift_decimal(number, exp - unit.unwrap_or(0))?;
    crate::number::parse_f64(&shifted).filter(|n| n.is_finite())
}

struct Loader<'a> {
    options: &'a LoadOptions,
    problems: Vec<SheetProblem>,
}

impl Loader<'_> {
    #[allow(clippy::too_many_arguments)]
    fn report(
        &mut self,
        severity: Severity,
        code: ErrorCode,
        line: u64,
        column: Option<usize>,
        header: Option<&str>,
        field: Option<&str>,
        value: &str,
        message: String,
    ) {
        self.problems.push(SheetProblem {
            severity,
            code,
            file: self.options.file.clone(),
            line,
            column,
            header: header.map(str::to_owned),
            field: field.map(str::to_owned),
            value: value.to_owned(),
            message,
        });
    }
}

impl Sheet {
    // Loading is in load.rs.

    /// The problems of one severity.
    ///
    /// ```
    /// # use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, Severity, Sheet};
    /// let sheet = Sheet::load("a\n#REF!\n", &ColumnMapping::new(), &LoadOptions::default())?;
    /// assert_eq!(sheet.problems_of(Severity::Error).count(), 1);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn problems_of(&self, severity: Severity) -> impl Iterator<Item = &SheetProblem> {
        self.problems.iter().filter(move |p| p.severity == severity)
    }

    /// Write the sheet back as CSV: the same delimiter, header, cells, line endings and
    /// byte-order mark. Cells are quoted only where they must be, so a sheet read from
    /// minimally quoted text is written back byte for byte.
    ///
    /// The text written reads back to the same cells with its delimiter found again by
    /// [`detect_delimiter`]: where cells written minimally would make another of the
    /// [`CANDIDATES`] look like the delimiter (a comma sheet whose header cell was
    /// `"a;b;c"`), every cell holding one of them is quoted instead.
    ///
    /// ```
    /// # use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, Sheet};
    /// let text = "a;b\n1;\"x;y\"\n2\n";
    /// let sheet = Sheet::load(text, &ColumnMapping::new(), &LoadOptions::default())?;
    /// assert_eq!(sheet.to_csv()?, text);
    ///
    /// // Unquoted, the header would read as three cells split by semicolons.
    /// let text = "a,\"b;c;d\"\n1,2\n";
    /// let sheet = Sheet::load(text, &ColumnMapping::new(), &LoadOptions::default())?;
    /// assert_eq!(sheet.columns[1].header, "b;c;d");
    /// assert_eq!(sheet.to_csv()?, text);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn to_csv(&self) -> Result<String, Error> {
        let text = self.write_csv(false);
        if detect_delimiter(&text) == self.delimiter {
            return Ok(text);
        }
        Ok(self.write_csv(true))
    }

    /// The sheet as CSV, each cell quoted where a reader needs it (and around a tab, as
    /// spreadsheet programs write it), or also where it holds any candidate delimiter.
    fn write_csv(&self, quote_candidates: bool) -> String {
        let end = if self.crlf {
            "\r\n"
        } else if self.cr {
            "\r"
        } else {
            "\n"
        };
        let delimiter = char::from(self.delimiter);
        let mut text = String::new();
        if self.bom {
            text.push('\u{feff}');
        }
        let mut write = |cells: &[String]| {
            let mut first = true;
            for cell in cells {
                if !first {
                    text.push(delimiter);
                }
                first = false;
                // A record of one empty cell is `""`: an empty line is no record at all. A
                // U+FEFF that would begin the text is the user's, not a byte-order mark.
                let quote = cell.contains([delimiter, '"', '\r', '\n', '\t'])
                    || (quote_candidates && cell.bytes().any(|b| CANDIDATES.contains(&b)))
                    || (cells.len() == 1 && cell.is_empty())
                    || (text.is_empty() && cell.starts_with('\u{feff}'));
                if quote {
                    text.push('"');
                    text.push_str(&cell.replace('"', "\"\""));
                    text.push('"');
                } else {
                    text.push_str(cell);
                }
            }
            text.push_str(end);
        };
        if self.transposed {
            for record in &self.original {
                write(record);
            }
        } else {
            let header: Vec<String> = self.columns.iter().map(|c| c.header.clone()).collect();
            write(&header);
            for row in &self.rows {
                write(&row.cells);
            }
        }
        if !self.final_newline {
            text.truncate(text.len().saturating_sub(end.len()));
        }
        text
    }

    /// The problem report as CSV (`severity,code,file,line,column,header,field,value,message`),
    /// one problem a line, for people fixing the sheet.
    ///
    /// ```
    /// # use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, Sheet};
    /// let sheet = Sheet::load("a\n#N/A\n", &ColumnMapping::new(), &LoadOptions::for_file("s.csv"))?;
    /// let report = sheet.problems_csv()?;
    /// assert!(report.starts_with("severity,code,file,line,column,header,field,value,message\n"));
    /// assert!(report.contains("error,mangled_cell,s.csv,2,1,a,,#N/A,"));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn problems_csv(&self) -> Result<String, Error> {
        let mut writer = crate::io::CsvWriter::new();
        writer.record(PROBLEM_COLUMNS);
        for p in &self.problems {
            writer.record([
                p.severity.as_str(),
                p.code.as_str(),
                &p.file,
                &p.line.to_string(),
                &p.column.map(|c| c.to_string()).unwrap_or_default(),
                p.header.as_deref().unwrap_or(""),
                p.field.as_deref().unwrap_or(""),
                &p.value,
                &p.message,
            ]);
        }
        Ok(writer.into_string())
    }
}

impl Loader<'_> {
    fn read_cell(
        &mut self,
        field: &Field,
        cell: &str,
        line: u64,
        column: Option<usize>,
        header: Option<&str>,
    ) -> Value {
        let t = cell.trim();
        if t.is_empty() {
            return Value::Empty;
        }
        if excel_error(t).is_some() {
            // Already reported for the cell; nothing to read.
            return Value::Unreadable(cell.to_owned());
        }
        let name = Some(field.name.as_str());
        match field.kind {
            FieldKind::Text => Value::Text(t.to_owned()),
            FieldKind::Number => match read_number(t, header.and_then(money_unit).or(field.unit)) {
                Some(n) => Value::Number(n),
                None => {
                    self.report(
                        Severity::Error,
                        ErrorCode::InvalidNumber,
                        line,
                        column,
                        header,
                        name,
                        cell,
                        format!("{t:?} is not a number"),
                    );
                    Value::Unreadable(cell.to_owned())
                }
            },
            FieldKind::Date => {
                match DateReading::read_with_pivot(t, self.options.two_digit_year_pivot) {
                    DateReading::Date(d) => {
                        let pivot = self.options.two_digit_year_pivot;
                        if let Some(yy) = cell_dates::two_digit_year(t) {
                            if cell_dates::near_pivot(yy, pivot) {
                                self.report(
                                    Severity::Warning,
                                    ErrorCode::Ambiguous,
                                    line,
                                    column,
                                    header,
                                    name,
                                    cell,
                                    format!(
                                        "the two-digit year {yy:02} is read as {} (below {pivot} is 20xx, else 19xx); it is within {} years of the pivot, so check it",
                                        chrono::Datelike::year(&d),
                                        cell_dates::NEAR_PIVOT
                                    ),
                                );
                            }
                        }
                        Value::Date(d)
                    }
                    DateReading::Impossible(why) => {
                        self.report(
                            Severity::Error,
                            ErrorCode::InvalidDate,
                            line,
                            column,
                            header,
                            name,
                            cell,
                            format!("invalid date {why}"),
                        );
                        Value::Unreadable(cell.to_owned())
                    }
                    DateReading::ExcelSerial(d) => {
                        self.report(
                        Severity::Error,
                        ErrorCode::MangledCell,
                        line,
                        column,
                        header,
                        name,
                        cell,
                        format!(
                            "{t:?} looks like an Excel date serial number (it would be {d}); the cell lost its date format, so it is not read as a date"
                        ),
                    );
                        Value::Unreadable(cell.to_owned())
                    }
                    DateReading::Text => {
                        self.report(
                            Severity::Warning,
                            ErrorCode::DateAsText,
                            line,
                            column,
                            header,
                            name,
                            cell,
                            format!("{t:?} is not a date; kept as text"),
                        );
                        Value::DateText(t.to_owned())
                    }
                }
            }
            FieldKind::Rating(vocabulary) => rating(vocabulary, t).unwrap_or_else(|message| {
                self.report(
                    Severity::Error,
                    ErrorCode::UnknownLabel,
                    line,
                    column,
                    header,
                    name,
                    cell,
                    message,
                );
                Value::Unreadable(cell.to_owned())
            }),
        }
    }
}

/// A rating cell through the vocabulary; failing that, with the spaces around `/`
/// folded ("Amber/ Red"), then as a published non-rating wording
/// ([`recognise_non_rating`]).
fn rating(vocabulary: &Vocabulary, text: &str) -> Result<Value, String> {
    vocabulary.read(text).map(Value::Rating).or_else(|e| {
        let folded = fold_slashes(text);
        if folded != text {
            if let Ok(r) = vocabulary.read(&folded) {
                return Ok(Value::Rating(r));
            }
        }
        if let Some(non_rating) = recognise_non_rating(text) {
            return Ok(Value::Rating(Reading::NonRating {
                non_rating,
                text: text.to_owned(),
            }));
        }
        Err(e
            .problems()
            .first()
            .map_or_else(|| e.to_string(), |p| p.message.clone()))
    })
}
