//! What the tidy tables and the flat sheet share: cells guarded against spreadsheet
//! formulas, a table writer, a table reader whose rows know their file and line, and the
//! line map that puts validation problems back on the line they came from.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::dates::read_iso_date as parse_iso_date;
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::model::{DeadlineText, EvidenceDate, Extra, Node};
use crate::validate::Item;

use super::tables::Table;

pub(super) fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// An optional evidence date as its text form (`2026-06`, `..2026-06-04`), or empty.
pub(super) fn opt_evidence(d: Option<EvidenceDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// A yes/no column: `true` or empty.
pub(super) fn flag_cell(on: bool) -> String {
    if on {
        "true".to_owned()
    } else {
        String::new()
    }
}

/// The cells a node has in both nodes.csv and the tracker sheet, from its title to its
/// deadline's source (the reading side is `Row::node_details`).
pub(super) fn node_detail_cells(n: &Node) -> [String; 9] {
    let (phrase, written_on, source) = deadline_cells(n.deadline.as_ref());
    [
        n.title.clone(),
        n.summary.clone(),
        n.owners.join(";"),
        n.tags.join(";"),
        weight_cell(n.weight),
        n.sources.join(";"),
        phrase,
        written_on,
        source,
    ]
}

pub(super) fn weight_cell(w: f64) -> String {
    if w == 1.0 {
        String::new()
    } else {
        w.to_string()
    }
}

pub(super) fn deadline_cells(d: Option<&DeadlineText>) -> (String, String, String) {
    match d {
        None => Default::default(),
        Some(d) => (
            d.phrase.clone(),
            d.written_on.to_string(),
            d.source.clone().unwrap_or_default(),
        ),
    }
}

/// Writes one table: the known columns, then every extra column any row has, sorted.
pub(super) struct TableWriter {
    extras: Vec<String>,
    writer: csv::Writer<Vec<u8>>,
}

impl TableWriter {
    /// A table with the format's columns, then the extra columns of its records (sorted),
    /// header written.
    pub(super) fn new<'a>(
        columns: &'static [&'static str],
        extras: impl IntoIterator<Item = &'a Extra>,
    ) -> Self {
        let mut names = BTreeSet::new();
        for e in extras {
            names.extend(e.keys().cloned());
        }
        let mut table = TableWriter {
            extras: names.into_iter().collect(),
            writer: csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(Vec::new()),
        };
        let header: Vec<Cow<'_, str>> = columns
            .iter()
            .copied()
            .chain(table.extras.iter().map(String::as_str))
            .map(guard_formula)
            .collect();
        // Writing into a Vec<u8> cannot fail for I/O reasons; a failure would surface in
        // `finish` through `into_inner`.
        let _ = table
            .writer
            .write_record(header.iter().map(|c| c.as_bytes()));
        table
    }

    pub(super) fn row(&mut self, cells: &[String], extra: &Extra) {
        let extras = self
            .extras
            .iter()
            .map(|k| extra.get(k).map_or("", String::as_str));
        let record: Vec<Cow<'_, str>> = cells
            .iter()
            .map(String::as_str)
            .chain(extras)
            .map(guard_formula)
            .collect();
        let record: Vec<&[u8]> = record.iter().map(|c| c.as_bytes()).collect();
        let _ = self.writer.write_record(&record);
    }

    pub(super) fn finish(self) -> Result<String, Error> {
        csv_text(self.writer)
    }
}

/// Cells that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+1+cmd`, `@SUM`,
/// `-2+3`, or a leading tab or carriage return) are written with a leading apostrophe,
/// which spreadsheets treat as "this is text" and do not display; a cell that already
/// starts with an apostrophe gets one more. Numbers such as `-3.5` are left alone. Reading
/// removes exactly one leading apostrophe, so what was written reads back unchanged.
pub(super) fn guard_formula(cell: &str) -> Cow<'_, str> {
    let risky = match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'@' | b'\t' | b'\r' | b'\'') => true,
        Some(b'-') => cell.parse::<f64>().is_err(),
        _ => false,
    };
    if risky {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The inverse of [`guard_formula`]: one leading apostrophe is a spreadsheet's text
/// marker, not part of the value.
pub(super) fn unguard_formula(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// A parsed CSV table: known columns by name, unknown ones kept per row.
pub(super) struct ParsedTable {
    pub(super) rows: Vec<Row>,
}

/// One data row of a [`ParsedTable`]: its known cells by column, its other cells as extra
/// fields, and where it came from.
pub(super) struct Row {
    pub(super) file: &'static str,
    pub(super) line: u64,
    cells: HashMap<&'static str, String>,
    pub(super) extra: Extra,
}

impl ParsedTable {
    pub(super) fn parse(
        file: &'static str,
        text: &str,
        known: &'static [&'static str],
        required: &[&str],
    ) -> Result<ParsedTable, Error> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            if required.is_empty() {
                return Ok(ParsedTable { rows: Vec::new() });
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
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(text.as_bytes());
        let header = reader.headers().map_err(|e| csv_error(file, &e))?.clone();
        let mut columns: Vec<(Option<&'static str>, String)> = Vec::with_capacity(header.len());
        let mut seen = BTreeMap::new();
        for (i, name) in header.iter().enumerate() {
            let name = unguard_formula(name);
            if name.is_empty() {
                return Err(Error::format(Problem::new(
                    ErrorCode::MissingField,
                    Location {
                        file: Some(file.into()),
                        line: Some(1),
                        column: Some(i as u64 + 1),
                        ..Location::default()
                    },
                    format!("column {} has no name", i + 1),
                )));
            }
            if let Some(first) = seen.insert(name.to_owned(), i) {
                return Err(Error::format(Problem::new(
                    ErrorCode::DuplicateColumn,
                    Location::line(file, 1).with_field(name),
                    format!(
                        "column {name:?} appears at positions {} and {}",
                        first + 1,
                        i + 1
                    ),
                )));
            }
            columns.push((known.iter().copied().find(|k| *k == name), name.to_owned()));
        }
        for req in required {
            if !seen.contains_key(*req) {
                return Err(Error::format(Problem::new(
                    ErrorCode::MissingField,
                    Location::line(file, 1).with_field(*req),
                    format!("required column {req:?} is missing"),
                )));
            }
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| csv_error(file, &e))?;
            let line = record.position().map_or(0, |p| p.line());
            let mut cells = HashMap::with_capacity(known.len());
            let mut extra = Extra::new();
            for ((known, name), value) in columns.iter().zip(record.iter()) {
                let value = unguard_formula(value);
                match known {
                    Some(k) => {
                        cells.insert(*k, value.to_owned());
                    }
                    None => {
                        if !value.is_empty() {
                            extra.insert(name.clone(), value.to_owned());
                        }
                    }
                }
            }
            rows.push(Row {
                file,
                line,
                cells,
                extra,
            });
        }
        Ok(ParsedTable { rows })
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
            e.to_string(),
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

impl Row {
    /// The columns a node has in both nodes.csv and the tracker sheet, after its id, kind,
    /// parent and title: summary, owners, tags, weight, sources, the deadline, and the
    /// columns the format does not define.
    pub(super) fn node_details(&self, node: &mut Node) -> Result<(), Error> {
        node.summary = self.text("summary").to_owned();
        node.owners = self.list("owners");
        node.tags = self.list("tags");
        node.weight = self.weight("weight")?;
        node.sources = self.list("sources");
        node.deadline = self.deadline("deadline", "deadline_written_on", "deadline_source")?;
        node.expectation = self.flag("expectation")?;
        node.extra = self.extra.clone();
        Ok(())
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
        self.cells.get(column).map_or("", String::as_str)
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
        match text.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
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

    pub(super) fn list(&self, column: &str) -> Vec<String> {
        match self.text(column) {
            "" => Vec::new(),
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

    pub(super) fn parsed<T: std::str::FromStr>(&self, column: &str, what: &str) -> Result<T, Error>
    where
        T::Err: std::fmt::Display,
    {
        let v = self.required(column)?;
        v.parse().map_err(|e: T::Err| {
            self.problem(ErrorCode::UnknownValue, column, format!("{what}: {e}"))
        })
    }
}

/// Where each record came from, to report validation problems by file line and column.
#[derive(Default)]
pub(super) struct Lines {
    /// `Some(file)` for the flat sheet, where every record comes from one file whose
    /// status columns have their own names; `None` for the tidy tables.
    pub(super) flat: Option<&'static str>,
    pub(super) roadmap: u64,
    pub(super) sources: Vec<u64>,
    pub(super) nodes: Vec<u64>,
    pub(super) updates: Vec<u64>,
    pub(super) metrics: Vec<u64>,
    pub(super) observations: Vec<Vec<u64>>,
}

impl Lines {
    pub(super) fn locate(&self, item: Item, field: &str) -> Location {
        let (table, line) = match item {
            Item::Roadmap => (Table::Roadmap, Some(self.roadmap)),
            Item::Source(i) => (Table::Sources, self.sources.get(i).copied()),
            Item::Node(i) => (Table::Nodes, self.nodes.get(i).copied()),
            Item::Update(i) => (Table::Updates, self.updates.get(i).copied()),
            Item::Metric(i) | Item::TrajectoryPoint(i, _) => {
                (Table::Metrics, self.metrics.get(i).copied())
            }
            Item::Observation(i, j) => (
                Table::Observations,
                self.observations.get(i).and_then(|o| o.get(j)).copied(),
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

/// The text a CSV writer wrote (the tables' and the flat sheet's writers end here).
pub(super) fn csv_text(writer: csv::Writer<Vec<u8>>) -> Result<String, Error> {
    let bytes = writer.into_inner().map_err(|e| {
        Error::format(Problem::new(
            ErrorCode::Io,
            Location::default(),
            e.to_string(),
        ))
    })?;
    String::from_utf8(bytes).map_err(|e| {
        Error::format(Problem::new(
            ErrorCode::Encoding,
            Location::default(),
            e.to_string(),
        ))
    })
}
