//! What the tidy tables and the flat sheet share: cells guarded against spreadsheet
//! formulas, a table writer, a table reader whose rows know their file and line, and the
//! line map that puts validation problems back on the line they came from.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use thin_vec::ThinVec;

use crate::dates::read_iso_date as parse_iso_date;
use crate::error::{Collector, Error, ErrorCode, Location, Problem};
use crate::model::{DeadlineText, EvidenceDate, Extra, Node};
use crate::validate::Item;

use super::write::CsvWriter;

use super::tables::{Table, MAX_CSV_BYTES};

pub(super) fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// An optional evidence date as its text form (`2026-06`, `..2026-06-04`), or empty.
pub(super) fn opt_evidence(d: Option<EvidenceDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// A yes/no column: `true` or empty.
pub(super) fn flag_cell(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        ""
    }
}

/// The cells a node has in both nodes.csv and the tracker sheet, from its title to its
/// deadline's source (the reading side is `Row::node_details`): the ones made from its
/// fields, and the rest borrowed by [`NodeCells::cells`]. Cells are borrowed where they
/// can be, so that writing a table copies no field.
pub(super) struct NodeCells<'a> {
    node: &'a Node,
    owners: String,
    tags: String,
    weight: String,
    sources: String,
    deadline: (&'a str, String, &'a str),
}

impl<'a> NodeCells<'a> {
    pub(super) fn new(node: &'a Node) -> Self {
        NodeCells {
            node,
            owners: node.owners.join(";"),
            tags: node.tags.join(";"),
            weight: weight_cell(node.weight),
            sources: node.sources.join(";"),
            deadline: deadline_cells(node.deadline.as_deref()),
        }
    }

    pub(super) fn cells(&self) -> [&str; 9] {
        let (phrase, written_on, source) = &self.deadline;
        [
            &self.node.title,
            &self.node.summary,
            &self.owners,
            &self.tags,
            &self.weight,
            &self.sources,
            phrase,
            written_on,
            source,
        ]
    }
}

pub(super) fn weight_cell(w: f64) -> String {
    if w == 1.0 {
        String::new()
    } else {
        w.to_string()
    }
}

/// A deadline's phrase, date written and source (empty cells for none).
pub(super) fn deadline_cells(d: Option<&DeadlineText>) -> (&str, String, &str) {
    match d {
        None => Default::default(),
        Some(d) => (
            &d.phrase,
            d.written_on.to_string(),
            d.source.as_deref().unwrap_or_default(),
        ),
    }
}

/// Writes one table: the known columns, then every extra column any row has, sorted.
pub(super) struct TableWriter {
    /// Each extra column, and whether every record holds it empty (an empty column).
    extras: Vec<(String, bool)>,
    writer: CsvWriter,
}

impl TableWriter {
    /// A table with the format's columns, then the extra columns of its records (sorted),
    /// header written.
    ///
    /// Extra fields that would not read back are refused here, each with the file and the
    /// key: an empty key (a column with no name, `missing_field`) and a key that is one of
    /// the format's columns (`duplicate_column`). An empty value is written as `'` (text,
    /// empty), except in a column that every record holds empty, whose cells are left
    /// empty: the readers give both back as they were (see [`ParsedTable::each`]).
    pub(super) fn new<'a>(
        file: &'static str,
        columns: &'static [&'static str],
        extras: impl IntoIterator<Item = &'a Extra>,
    ) -> Result<Self, Error> {
        // One body for every table: only this forwarding is compiled per iterator type.
        Self::new_dyn(file, columns, &mut extras.into_iter())
    }

    #[inline(never)]
    fn new_dyn(
        file: &'static str,
        columns: &'static [&'static str],
        extras: &mut dyn Iterator<Item = &Extra>,
    ) -> Result<Self, Error> {
        // Each column's count of records that hold it, and of those that hold it empty
        // (the map holds positions in `counts`: the one map type of the header checks).
        let mut names: BTreeMap<String, usize> = BTreeMap::new();
        let mut counts: Vec<(usize, usize)> = Vec::new();
        let mut records = 0;
        for (record, e) in extras.enumerate() {
            records += 1;
            for (key, value) in e {
                let refuse = |code, why: String| {
                    let at = Location::default().in_file(file).with_field(key.as_str());
                    Err(Error::format(Problem::new(
                        code,
                        at,
                        format!("record {} of {file}: {why}", record + 1),
                    )))
                };
                if key.is_empty() {
                    return refuse(
                        ErrorCode::MissingField,
                        "an extra field with an empty key cannot be a CSV column".into(),
                    );
                }
                if columns.contains(&key.as_str()) {
                    return refuse(
                        ErrorCode::DuplicateColumn,
                        format!(
                            "the extra field {key:?} has the name of one of the format's columns"
                        ),
                    );
                }
                let at = match names.get(key) {
                    Some(&at) => at,
                    None => {
                        names.insert(key.clone(), counts.len());
                        counts.push((0, 0));
                        counts.len() - 1
                    }
                };
                if let Some((held, empty)) = counts.get_mut(at) {
                    *held += 1;
                    *empty += usize::from(value.is_empty());
                }
            }
        }
        let mut table = TableWriter {
            extras: names
                .into_iter()
                .map(|(name, at)| {
                    let all = counts.get(at) == Some(&(records, records));
                    (name, all)
                })
                .collect(),
            writer: CsvWriter::new(),
        };
        let header = columns.iter().copied();
        table
            .writer
            .record(header.chain(table.extras.iter().map(|(name, _)| name.as_str())));
        Ok(table)
    }

    pub(super) fn row(&mut self, cells: &[&str], extra: &Extra) {
        for cell in cells {
            self.writer.field(cell);
        }
        for (key, empty_column) in &self.extras {
            match extra.get(key) {
                Some(value) if value.is_empty() && !empty_column => self.writer.empty_text_field(),
                value => self.writer.field(value.map_or("", String::as_str)),
            }
        }
        self.writer.end_record();
    }

    pub(super) fn finish(self) -> String {
        self.writer.into_string()
    }
}

/// The formula guard, the one rule for every CSV the library writes (the tidy tables, the
/// flat sheet, the report's CSV and the sheet problem report).
///
/// A spreadsheet evaluates a cell whose first character, or first character after leading
/// whitespace, is `=`, `+`, `-` or `@` (or their full-width forms `＝ ＋ － ＠`), and may
/// also act on a cell that starts with a tab or a carriage return. Such a cell is written
/// with a leading apostrophe, which spreadsheets read as "this is text" and do not show; a
/// cell that already starts with an apostrophe gets one more. A plain number such as `-3.5`
/// is left alone. [`unguard_formula`] removes exactly one leading apostrophe, so what was
/// written reads back unchanged.
///
/// ```ignore
/// assert_eq!(guard_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(guard_formula("  @SUM(A1)"), "'  @SUM(A1)");
/// assert_eq!(guard_formula("-3.5"), "-3.5");
/// ```
pub(crate) fn guard_formula(cell: &str) -> Cow<'_, str> {
    if needs_guard(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Whether [`guard_formula`] marks the cell as text.
pub(crate) fn needs_guard(cell: &str) -> bool {
    if cell.starts_with(['\'', '\t', '\r']) {
        return true;
    }
    let rest = cell.trim_start();
    match rest.chars().next() {
        Some('=' | '+' | '@' | '\u{ff1d}' | '\u{ff0b}' | '\u{ff0d}' | '\u{ff20}') => true,
        Some('-') => !is_plain_number(cell),
        _ => false,
    }
}

/// A decimal number with nothing around it (`-3.5`, `-1e5`): a spreadsheet reads it as the
/// same number, so it needs no guard.
fn is_plain_number(cell: &str) -> bool {
    cell.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
        && crate::number::parse_f64(cell).is_some_and(f64::is_finite)
}

/// The inverse of [`guard_formula`]: one leading apostrophe is a spreadsheet's text
/// marker, not part of the value.
pub(super) fn unguard_formula(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// What a quick pass over a CSV text finds before it is parsed: the number of records
/// (the header included), so that a limit is checked before any row is built, and a quoted
/// field that is never closed, which a CSV parser would read as the rest of the file.
///
/// The pass follows the parser's rules (a quote opens a quoted field only at the start of a
/// field, `""` inside one is a quote, `\n`, `\r` or `\r\n` end a record, blank lines are
/// skipped).
pub(crate) fn scan_records(file: &str, text: &str) -> Result<usize, Error> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        RecordStart,
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::RecordStart;
    let mut records = 0usize;
    let bytes = text.as_bytes();
    // Lines are counted only up to where a quoted field opens (`line` is the line of byte
    // `counted`), so each byte is still looked at once.
    let (mut line, mut counted) = (1u64, 0usize);
    let mut opened = 1u64;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Inside a field only its end matters: jump to it.
        match state {
            State::Unquoted => {
                i = crate::io::find_any(bytes, i, b",\n\r");
                state = match bytes.get(i) {
                    Some(b',') => State::FieldStart,
                    Some(_) => State::RecordStart,
                    None => break,
                };
                i += 1;
                continue;
            }
            State::Quoted => {
                i = crate::io::find_any(bytes, i, b"\"");
                if i >= bytes.len() {
                    break;
                }
                state = State::QuoteInQuoted;
                i += 1;
                continue;
            }
            _ => {}
        }
        let end = b == b'\n' || b == b'\r';
        state = match (state, b) {
            (State::RecordStart, _) if end => State::RecordStart,
            (State::RecordStart | State::FieldStart, b'"') => {
                if state == State::RecordStart {
                    records += 1;
                }
                let before = bytes.get(counted..i).unwrap_or_default();
                line += before.iter().filter(|&&c| c == b'\n').count() as u64;
                counted = i;
                opened = line;
                State::Quoted
            }
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (_, _) if end => State::RecordStart,
            (State::RecordStart, b',') => {
                records += 1;
                State::FieldStart
            }
            (_, b',') => State::FieldStart,
            (State::RecordStart, _) => {
                records += 1;
                State::Unquoted
            }
            (_, _) => State::Unquoted,
        };
        i += 1;
    }
    if state == State::Quoted {
        return Err(Error::format(Problem::new(
            ErrorCode::CsvSyntax,
            Location {
                file: Some(file.into()),
                line: Some(opened),
                ..Location::default()
            },
            format!(
                "the quoted field that opens on line {opened} is never closed (a missing \
                 closing quote would swallow the rest of the file)"
            ),
        )));
    }
    Ok(records)
}

/// The most data rows one CSV table may hold ([`MAX_RECORDS`](crate::validate::MAX_RECORDS)),
/// checked by [`scan_records`] before any row is built.
pub(crate) fn check_rows(file: &str, records: usize) -> Result<(), Error> {
    let rows = records.saturating_sub(1);
    if rows > crate::validate::MAX_RECORDS {
        return Err(Error::format(Problem::new(
            ErrorCode::TooLarge,
            Location::default().in_file(file),
            format!(
                "the table has {rows} rows; the limit is {}",
                crate::validate::MAX_RECORDS
            ),
        )));
    }
    Ok(())
}

/// A CSV table read row by row: known columns by name, unknown ones kept per row.
pub(super) struct ParsedTable;

/// One data row of a table: its known cells by column, its other cells as extra fields,
/// and where it came from. It borrows the parser's record, which the next row reuses.
pub(super) struct Row<'a> {
    pub(super) file: &'static str,
    pub(super) line: u64,
    record: &'a csv::StringRecord,
    /// For each known column, the field that holds it.
    known: &'static [&'static str],
    fields: &'a [Option<usize>],
    pub(super) extra: Extra,
    /// The problems [`Row::check`] found in the row's cells, for the table to collect.
    problems: &'a Cell<Vec<Problem>>,
}

impl ParsedTable {
    /// Read a table, calling `each` with every data row in order, and return the number of
    /// data rows.
    ///
    /// A column the format does not define is kept in each row's `extra`: an empty cell
    /// is absent, a cell holding only `'` is empty text, any other cell its text (one
    /// leading apostrophe removed). A column whose cells are all empty is returned in
    /// [`Read::empty_columns`], for the caller to keep as empty text in every record it
    /// made from the rows, so that the column is written back.
    ///
    /// The text is scanned first ([`scan_records`]): an unclosed quote or more rows than the
    /// limit is an error before any row is read, and so is an empty table that must have a
    /// header. Every other problem goes to `problems` and reading goes on, so that one file
    /// reports them all: each problem of the header (after which the rows are not read), a
    /// row with the wrong number of fields, the problems `each` records with
    /// [`Row::check`] and the error it returns.
    pub(super) fn each(
        file: &'static str,
        text: &str,
        known: &'static [&'static str],
        required: &[&str],
        problems: &mut Collector,
        mut each: impl FnMut(Row<'_>) -> Result<(), Error>,
    ) -> Result<Read, Error> {
        // One body for every table: only this forwarding is compiled per closure.
        Self::each_dyn(file, text, known, required, problems, &mut each)
    }

    #[inline(never)]
    fn each_dyn(
        file: &'static str,
        text: &str,
        known: &'static [&'static str],
        required: &[&str],
        problems: &mut Collector,
        each: &mut dyn FnMut(Row<'_>) -> Result<(), Error>,
    ) -> Result<Read, Error> {
        // The CSV reader skips one byte-order mark (only one: a second U+FEFF belongs to
        // the first column's name).
        let whole = text;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            if required.is_empty() {
                return Ok(Read::default());
            }
            return Err(Error::format(Problem::new(
                ErrorCode::Empty,
                Location {
                    file: Some(file.into()),
                    ..Location::default()
                },
                "the table is empty; it needs at least a header row",
            )));
        }
        let records = scan_records(file, text)?;
        check_rows(file, records)?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(whole.as_bytes());
        let header = reader.headers().map_err(|e| csv_error(file, &e))?.clone();
        // Unknown columns by field position, and the field of each known column.
        let mut unknown: Vec<(usize, String)> = Vec::new();
        let mut fields: Vec<Option<usize>> = vec![None; known.len()];
        let mut seen = BTreeMap::new();
        let before = problems.count();
        for (i, name) in header.iter().enumerate() {
            let name = unguard_formula(name);
            if name.is_empty() {
                problems.push(Problem::new(
                    ErrorCode::MissingField,
                    Location {
                        file: Some(file.into()),
                        line: Some(1),
                        column: Some(i as u64 + 1),
                        ..Location::default()
                    },
                    format!("column {} has no name", i + 1),
                ));
                continue;
            }
            if let Some(first) = seen.get(name) {
                problems.push(Problem::new(
                    ErrorCode::DuplicateColumn,
                    Location::line(file, 1).with_field(name),
                    format!(
                        "column {name:?} appears at positions {} and {}",
                        first + 1,
                        i + 1
                    ),
                ));
                continue;
            }
            seen.insert(name.to_owned(), i);
            match known.iter().position(|k| *k == name) {
                Some(k) => {
                    if let Some(slot) = fields.get_mut(k) {
                        *slot = Some(i);
                    }
                }
                None => unknown.push((i, name.to_owned())),
            }
        }
        for req in required {
            if !seen.contains_key(*req) {
                problems.push(Problem::new(
                    ErrorCode::MissingField,
                    Location::line(file, 1).with_field(*req),
                    format!("required column {req:?} is missing"),
                ));
            }
        }
        if problems.count() > before {
            // Rows under a header that cannot be read would only repeat its problems.
            return Ok(Read::default());
        }
        let mut record = csv::StringRecord::new();
        let mut rows = 0;
        // Whether each unknown column has a cell that is not empty.
        let mut filled = vec![false; unknown.len()];
        let found = Cell::new(Vec::new());
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let next = matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. });
                    problems.add(csv_error(file, &e));
                    if next {
                        continue; // the reader has moved past the ragged row
                    }
                    break;
                }
            }
            let line = record.position().map_or(0, |p| p.line());
            let mut extra = Extra::new();
            for ((i, name), filled) in unknown.iter().zip(filled.iter_mut()) {
                let cell = record.get(*i).unwrap_or_default();
                if !cell.is_empty() {
                    *filled = true;
                    extra.insert(name.clone(), unguard_formula(cell).to_owned());
                }
            }
            rows += 1;
            let outcome = each(Row {
                file,
                line,
                record: &record,
                known,
                fields: &fields,
                extra,
                problems: &found,
            });
            for p in found.take() {
                problems.push(p);
            }
            if let Err(e) = outcome {
                problems.add(e);
            }
        }
        let empty_columns = match rows {
            0 => Vec::new(),
            _ => unknown
                .into_iter()
                .zip(filled)
                .filter(|(_, filled)| !filled)
                .map(|((_, name), _)| name)
                .collect(),
        };
        Ok(Read {
            rows,
            empty_columns,
        })
    }
}

/// What [`ParsedTable::each`] read: the number of data rows, and the columns the format
/// does not define whose cells are all empty.
#[derive(Debug, Default)]
pub(super) struct Read {
    pub(super) rows: usize,
    pub(super) empty_columns: Vec<String>,
}

impl Read {
    /// Keep each empty column as empty text in the records made from the rows.
    pub(super) fn keep_empty_columns<'a>(&self, records: impl IntoIterator<Item = &'a mut Extra>) {
        if self.empty_columns.is_empty() {
            return;
        }
        for extra in records {
            for name in &self.empty_columns {
                extra.insert(name.clone(), String::new());
            }
        }
    }
}

/// A CSV reader's error as a format error at the file and line.
pub(crate) fn csv_error(file: &str, e: &csv::Error) -> Error {
    let (code, line, message) = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => (
            ErrorCode::RaggedRow,
            pos.as_ref().map(|p| p.line()),
            format!("the row has {len} fields but the header has {expected_len}"),
        ),
        csv::ErrorKind::Utf8 { pos, err } => (
            ErrorCode::Encoding,
            pos.as_ref().map(|p| p.line()),
            format!("field {} is not valid UTF-8", err.field() + 1),
        ),
        _ => (
            ErrorCode::CsvSyntax,
            e.position().map(|p| p.line()),
            csv_message(e),
        ),
    };
    Error::format(Problem::new(
        code,
        Location {
            file: Some(file.into()),
            line,
            ..Location::default()
        },
        message,
    ))
}

/// The `csv` crate's message for an error, for the kinds that reading text in memory
/// into string records can give: a row of the wrong length and bad UTF-8, worded as the
/// crate's `Display` words them. The other kinds (input/output, seeking, serde) cannot
/// arise from a byte slice read record by record; writing them out here, rather than
/// through that `Display`, keeps `std::io::Error`'s formatting out of the WebAssembly
/// module.
fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { pos, err } => {
            let utf8 = format!(
                "invalid utf-8: invalid UTF-8 in field {} near byte index {}",
                err.field(),
                err.valid_up_to()
            );
            match pos {
                None => format!("CSV parse error: field {}: {utf8}", err.field()),
                Some(p) => format!(
                    "CSV parse error: record {} (line {}, field: {}, byte: {}): {utf8}",
                    p.record(),
                    p.line(),
                    err.field(),
                    p.byte()
                ),
            }
        }
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => {
            let found = format!(
                "found record with {len} fields, but the previous record has {expected_len} fields"
            );
            match pos {
                None => format!("CSV error: {found}"),
                Some(p) => format!(
                    "CSV error: record {} (line: {}, byte: {}): {found}",
                    p.record(),
                    p.line(),
                    p.byte()
                ),
            }
        }
        _ => "CSV error: the reader failed".to_owned(),
    }
}

impl Row<'_> {
    /// The value of reading a cell, or `None` with the problem recorded for the row's table,
    /// so that one bad cell does not hide the next.
    pub(super) fn check<T>(&self, result: Result<T, Error>) -> Option<T> {
        result.map_err(|e| self.record(e)).ok()
    }

    /// Record the problems of an error for the row's table.
    #[inline(never)]
    fn record(&self, e: Error) {
        let mut found = self.problems.take();
        found.extend(e.problems());
        self.problems.set(found);
    }

    /// The columns a node has in both nodes.csv and the tracker sheet, after its id, kind,
    /// parent and title: summary, owners, tags, weight, sources, the deadline, and the
    /// columns the format does not define. A cell that cannot be read is recorded
    /// ([`Row::check`]) and its field left at its default.
    pub(super) fn node_details(&self, node: &mut Node) {
        node.summary = self.text("summary").to_owned();
        node.owners = self.list("owners");
        node.tags = self.list("tags");
        node.weight = self.check(self.weight("weight")).unwrap_or(1.0);
        node.sources = self.list("sources");
        node.deadline = self
            .check(self.deadline("deadline", "deadline_written_on", "deadline_source"))
            .flatten()
            .map(Box::new);
        node.expectation = self.check(self.flag("expectation")).unwrap_or_default();
        node.extra = self.extra.clone();
    }

    /// Whether the `anchor` column is filled in; when it is blank, its dependent columns
    /// must be too (a date without the status it dates is a mistake, not nothing).
    pub(super) fn filled_with(&self, anchor: &str, dependents: &[&str]) -> Result<bool, Error> {
        if !self.text(anchor).is_empty() {
            return Ok(true);
        }
        match dependents.iter().find(|col| !self.text(col).is_empty()) {
            Some(col) => Err(self.problem(
                ErrorCode::MissingField,
                anchor,
                format!("{col} is filled in but {anchor} is blank"),
            )),
            None => Ok(false),
        }
    }

    /// Two columns that go together (a value and its date): both or neither, else a
    /// `missing_field` error at the blank one.
    pub(super) fn paired<A, B>(
        &self,
        a: (Option<A>, &str),
        b: (Option<B>, &str),
    ) -> Result<Option<(A, B)>, Error> {
        match (a, b) {
            ((None, _), (None, _)) => Ok(None),
            ((Some(a), _), (Some(b), _)) => Ok(Some((a, b))),
            ((Some(_), a), (None, b)) | ((None, b), (Some(_), a)) => {
                Err(self.problem(ErrorCode::MissingField, b, format!("{a} needs a {b}")))
            }
        }
    }

    pub(super) fn text(&self, column: &str) -> &str {
        self.known
            .iter()
            .position(|k| *k == column)
            .and_then(|k| self.fields.get(k).copied().flatten())
            .and_then(|i| self.record.get(i))
            .map_or("", unguard_formula)
    }

    pub(super) fn problem(&self, code: ErrorCode, column: &str, message: String) -> Error {
        Error::format(Problem::new(
            code,
            Location::line(self.file, self.line).with_field(column),
            message,
        ))
    }

    pub(super) fn required(&self, column: &str) -> Result<&str, Error> {
        let v = self.text(column);
        if v.is_empty() {
            Err(self.problem(
                ErrorCode::MissingField,
                column,
                format!("{column} is empty"),
            ))
        } else {
            Ok(v)
        }
    }

    pub(super) fn date(&self, column: &str) -> Result<NaiveDate, Error> {
        let v = self.required(column)?;
        parse_iso_date(v).map_err(|m| self.problem(ErrorCode::InvalidDate, column, m))
    }

    pub(super) fn opt_date(&self, column: &str) -> Result<Option<NaiveDate>, Error> {
        match self.text(column) {
            "" => Ok(None),
            v => parse_iso_date(v)
                .map(Some)
                .map_err(|m| self.problem(ErrorCode::InvalidDate, column, m)),
        }
    }

    pub(super) fn evidence_date(&self, column: &str) -> Result<EvidenceDate, Error> {
        let v = self.required(column)?;
        v.parse::<EvidenceDate>()
            .map_err(|e| self.problem(ErrorCode::InvalidDate, column, e.message().into_owned()))
    }

    pub(super) fn opt_evidence_date(&self, column: &str) -> Result<Option<EvidenceDate>, Error> {
        match self.text(column) {
            "" => Ok(None),
            _ => self.evidence_date(column).map(Some),
        }
    }

    /// A yes/no column: empty, `false` or `no` is no; `true` or `yes` is yes (any case).
    pub(super) fn flag(&self, column: &str) -> Result<bool, Error> {
        match self.text(column).trim().to_ascii_lowercase().as_str() {
            "" | "false" | "no" => Ok(false),
            "true" | "yes" => Ok(true),
            other => Err(self.problem(
                ErrorCode::UnknownValue,
                column,
                format!("{column}: {other:?} is not true or false"),
            )),
        }
    }

    pub(super) fn number(&self, column: &str, text: &str) -> Result<f64, Error> {
        match crate::number::parse_f64(text.trim()) {
            Some(v) if v.is_finite() => Ok(v),
            _ => Err(self.problem(
                ErrorCode::InvalidNumber,
                column,
                format!("{text:?} is not a finite number"),
            )),
        }
    }

    pub(super) fn opt_number(&self, column: &str) -> Result<Option<f64>, Error> {
        match self.text(column) {
            "" => Ok(None),
            v => self.number(column, v).map(Some),
        }
    }

    pub(super) fn weight(&self, column: &str) -> Result<f64, Error> {
        Ok(self.opt_number(column)?.unwrap_or(1.0))
    }

    pub(super) fn list(&self, column: &str) -> ThinVec<String> {
        match self.text(column) {
            "" => ThinVec::new(),
            v => v.split(';').map(|s| s.trim().to_owned()).collect(),
        }
    }

    pub(super) fn deadline(
        &self,
        phrase: &str,
        written_on: &str,
        source: &str,
    ) -> Result<Option<DeadlineText>, Error> {
        if !self.filled_with(phrase, &[written_on, source])? {
            return Ok(None);
        }
        Ok(Some(DeadlineText {
            phrase: self.text(phrase).to_owned(),
            written_on: self.date(written_on)?,
            source: match self.text(source) {
                "" => None,
                s => Some(s.to_owned()),
            },
        }))
    }

    /// A required cell read as a name (a node kind, a direction), refused with the name's
    /// own message ("unknown node kind …: expected one of …").
    pub(super) fn parsed<T: std::str::FromStr<Err = Error>>(
        &self,
        column: &str,
    ) -> Result<T, Error> {
        let v = self.required(column)?;
        v.parse().map_err(|e: Error| {
            self.problem(ErrorCode::UnknownValue, column, e.message().into_owned())
        })
    }
}

/// Where each record came from, to report validation problems by file line and column.
///
/// A line is kept in 4 bytes a record ([`line32`]): the line of a table's record is at
/// most the table's bytes plus one, and a table is at most [`MAX_CSV_BYTES`].
#[derive(Default)]
pub(super) struct Lines {
    /// `Some(file)` for the flat sheet, where every record comes from one file whose
    /// status columns have their own names; `None` for the tidy tables.
    pub(super) flat: Option<&'static str>,
    pub(super) roadmap: u64,
    pub(super) sources: Vec<u32>,
    pub(super) nodes: Vec<u32>,
    pub(super) updates: Vec<u32>,
    pub(super) metrics: Vec<u32>,
    pub(super) observations: Vec<Vec<u32>>,
}

// Every line of a table within the size limit fits in a `u32` (each line but the last
// ends with a newline byte), so `line32` never saturates on a table that was read.
const _: () = assert!((MAX_CSV_BYTES as u64) < u32::MAX as u64);

/// A record's line as [`Lines`] keeps it. Saturates at `u32::MAX`, which no table within
/// [`MAX_CSV_BYTES`] reaches (checked at compile time above).
pub(super) fn line32(line: u64) -> u32 {
    u32::try_from(line).unwrap_or(u32::MAX)
}

impl Lines {
    pub(super) fn locate(&self, item: Item, field: &str) -> Location {
        let (table, line) = match item {
            Item::Roadmap => (Table::Roadmap, Some(self.roadmap)),
            Item::Source(i) => (Table::Sources, self.sources.get(i).copied().map(u64::from)),
            Item::Node(i) => (Table::Nodes, self.nodes.get(i).copied().map(u64::from)),
            Item::Update(i) => (Table::Updates, self.updates.get(i).copied().map(u64::from)),
            Item::Metric(i) | Item::TrajectoryPoint(i, _) => {
                (Table::Metrics, self.metrics.get(i).copied().map(u64::from))
            }
            Item::Observation(i, j) => (
                Table::Observations,
                self.observations
                    .get(i)
                    .and_then(|o| o.get(j))
                    .copied()
                    .map(u64::from),
            ),
        };
        let flat = self.flat.is_some();
        let column = match (item, field) {
            (Item::Node(_), "deadline.source") => "deadline_source",
            (Item::Metric(_), "baseline.value") => "baseline_value",
            (
                Item::Metric(_),
                "target.value" | "target.low" | "target.high" | "target.tolerance",
            ) => "target_value",
            (Item::Metric(_), "target.deadline.source") => "target_source",
            (Item::TrajectoryPoint(..), _) => "trajectory",
            (Item::Update(_), "node") if flat => "id",
            (Item::Update(_), "date") if flat => "status_date",
            (Item::Update(_), f) if flat => match f {
                "source" => "status_source",
                "note" => "status_note",
                other => other,
            },
            (_, f) => f,
        };
        Location {
            file: Some(self.flat.unwrap_or(table.file_name()).to_owned()),
            line,
            column: None,
            path: None,
            field: Some(column.to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines are kept in 4 bytes and read back as they were; the saturation at `u32::MAX`
    /// is past any table within the size limit.
    #[test]
    fn lines_are_kept_in_four_bytes_and_located_as_read() {
        assert_eq!(line32(2), 2);
        assert_eq!(line32(u64::from(u32::MAX)), u32::MAX);
        assert_eq!(line32(u64::from(u32::MAX) + 1), u32::MAX);
        // The last line of a largest table: every byte a newline.
        assert_eq!(line32(MAX_CSV_BYTES as u64 + 1), 268_435_457);
        let lines = Lines {
            nodes: vec![2, 3_000_004],
            ..Lines::default()
        };
        let at = lines.locate(Item::Node(1), "title");
        assert_eq!(at.line, Some(3_000_004));
        assert_eq!(at.file.as_deref(), Some("nodes.csv"));
        assert_eq!(lines.locate(Item::Node(2), "title").line, None);
    }

    /// Every error the readers can meet, worded as the `csv` crate's `Display` words it.
    #[test]
    fn csv_messages_are_the_crates_own() {
        let errors = |text: &[u8], flexible: bool| {
            let mut reader = csv::ReaderBuilder::new()
                .flexible(flexible)
                .from_reader(text);
            let mut record = csv::StringRecord::new();
            let mut found = Vec::new();
            let _ = reader.headers().map_err(|e| found.push(e));
            for _ in 0..8 {
                match reader.read_record(&mut record) {
                    Ok(false) => break,
                    Ok(true) => {}
                    Err(e) => found.push(e),
                }
            }
            found
        };
        let mut all = errors(b"a,b\n1\n1,2,3\n\"x\",y\n", false);
        all.extend(errors(b"a,b\n1,\xff\n\xc3,z\nok,\xe2\x82\n", true));
        all.extend(errors(b"h\xffh\n1\n", true));
        assert_eq!(all.len(), 6);
        for e in &all {
            assert_eq!(csv_message(e), e.to_string());
        }
        assert_eq!(
            csv_message(&all[0]),
            "CSV error: record 1 (line: 2, byte: 4): found record with 1 fields, but the previous record has 2 fields"
        );
    }

    #[test]
    fn the_guard_marks_what_a_spreadsheet_evaluates_and_only_that() {
        for (cell, written) in [
            ("=1+2", "'=1+2"),
            ("  =1+2", "'  =1+2"),
            (" @a", "' @a"),
            ("\u{ff1d}1", "'\u{ff1d}1"),
            ("\u{ff0d}1", "'\u{ff0d}1"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'x", "''x"),
            ("-2+3", "'-2+3"),
            ("-inf", "'-inf"),
            ("-3.5", "-3.5"),
            ("-1e5", "-1e5"),
            ("a=b", "a=b"),
            ("", ""),
            ("  ", "  "),
        ] {
            assert_eq!(guard_formula(cell), written, "{cell:?}");
            assert_eq!(unguard_formula(&guard_formula(cell)), cell);
        }
    }

    #[test]
    fn the_scan_counts_records_and_finds_an_unclosed_quote() {
        assert_eq!(scan_records("t", "a,b\n1,2\n").ok(), Some(2));
        // Blank lines are skipped; a quoted newline is inside a field; CRLF ends a record.
        assert_eq!(scan_records("t", "a\n\n\"x\ny\"\r\n2").ok(), Some(3));
        // A quote inside an unquoted field is text; "" inside a quoted one is a quote.
        assert_eq!(scan_records("t", "a\nb\"c\n\"d\"\"e\"\n").ok(), Some(3));
        let err = scan_records("t", "a\nb\n\"c\nd\n").err();
        let at = err.as_ref().map(|e| (e.code(), e.location().line));
        assert_eq!(at, Some((ErrorCode::CsvSyntax, Some(3))));
    }
}
