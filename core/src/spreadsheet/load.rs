//! Reading a sheet's text: records with their real line numbers, the header matched to
//! the mapping, sheets laid out one column per record turned round, and each cell read.

use std::collections::HashMap;

use super::encoding::decode;
use super::mapping::FieldKind;
use super::{
    detect_delimiter, excel_error, header_key, scientific, Column, ColumnMapping, Encoding,
    LoadOptions, Loader, Severity, Sheet, SheetRow, Value,
};
use crate::error::{Error, ErrorCode, Location, Problem};

/// Byte offsets where lines start; a line break is `\r\n`, `\n` or a lone `\r`.
struct LineIndex<'a>(Vec<usize>, &'a [u8]);

impl<'a> LineIndex<'a> {
    fn new(text: &'a [u8]) -> Self {
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(&b) = text.get(i) {
            if b == b'\r' && text.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            if b == b'\r' || b == b'\n' {
                starts.push(i + 1);
            }
            i += 1;
        }
        LineIndex(starts, text)
    }

    /// The 1-based line of the record that starts at a byte offset. The CSV reader may
    /// give the offset of the line break before the record (the `\n` of a `\r\n`, or
    /// blank lines), so line breaks at the offset are skipped first.
    fn line(&self, mut offset: usize) -> u64 {
        while matches!(self.1.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        self.0.partition_point(|s| *s <= offset) as u64
    }
}

/// Where a quote that is never closed opens, if one is: a `"` that starts a cell opens a
/// quoted cell, `""` inside it is a quote, and a lone `"` closes it.
fn unterminated_quote(text: &[u8], delimiter: u8) -> Option<usize> {
    let mut open: Option<usize> = None;
    let mut field_start = true;
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        if open.is_some() {
            if b == b'"' {
                if text.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    open = None;
                }
            }
        } else {
            if b == b'"' && field_start {
                open = Some(i);
            }
            field_start = b == delimiter || b == b'\n' || b == b'\r';
        }
        i += 1;
    }
    open
}

/// One record as read: the line it starts on and its cells.
pub(super) struct Record {
    pub(super) line: u64,
    pub(super) cells: Vec<String>,
}

/// How many of the mapping's fields some cell of `cells` answers to.
fn fields_matched<'a>(mapping: &ColumnMapping, cells: impl Iterator<Item = &'a str>) -> usize {
    let keys: Vec<Vec<String>> = cells.map(header_keys).collect();
    mapping
        .fields()
        .iter()
        .filter(|f| {
            let names = field_keys(f);
            keys.iter().any(|k| k.iter().any(|k| names.contains(k)))
        })
        .count()
}

fn field_keys(field: &super::Field) -> Vec<String> {
    std::iter::once(field.name.as_str())
        .chain(field.headers.iter().map(String::as_str))
        .map(header_key)
        .collect()
}

/// The header's first line, and what follows it (the publisher's explanation, its
/// parentheses removed), when there is more.
pub(super) fn split_header(header: &str) -> (&str, Option<String>) {
    let header = header.trim();
    match header.split_once(['\n', '\r']) {
        Some((first, rest)) => {
            let rest = rest.trim();
            let rest = rest
                .strip_prefix('(')
                .and_then(|r| r.strip_suffix(')'))
                .unwrap_or(rest)
                .trim();
            let description =
                (!rest.is_empty()).then(|| rest.split_whitespace().collect::<Vec<_>>().join(" "));
            (first.trim(), description)
        }
        None => (header, None),
    }
}

/// The keys a header answers to: the whole header, its first line, and the first line
/// without its trailing parenthesised parts ("Cost (£m) (incl. VAT)", "Cost (£m)", "Cost").
///
/// A leading financial year ("2015/16 Budget (£million)") and a trailing full stop or
/// money unit ("… TOTAL Baseline £m") are dropped as well, so one alias ("Budget")
/// matches every year's spelling.
pub(super) fn header_keys(header: &str) -> Vec<String> {
    let (first, _) = split_header(header);
    let mut keys = vec![header_key(header), header_key(first)];
    let mut rest = first.trim_end().trim_end_matches('.').trim_end();
    keys.push(header_key(rest));
    loop {
        let before = rest;
        if let Some(open) = rest.strip_suffix(')').and_then(|r| r.rfind('(')) {
            rest = rest.get(..open).unwrap_or("").trim_end();
        }
        for unit in ["£m", "£million", "£bn", "£k"] {
            if let Some(r) = rest.strip_suffix(unit) {
                rest = r.trim_end();
            }
        }
        if rest.is_empty() || rest == before {
            break;
        }
        keys.push(header_key(rest));
    }
    if let Some((year, tail)) = rest.split_once(' ') {
        let is_year = |s: &str| s.len() >= 2 && s.bytes().all(|b| b.is_ascii_digit());
        if let Some((a, b)) = year.split_once(['/', '-']) {
            if a.len() == 4 && is_year(a) && is_year(b) && !tail.trim().is_empty() {
                keys.push(header_key(tail));
            }
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Whether the records hold one field per row and one record per column: the first
/// column's cells answer to more of the mapping's fields than the first row's.
fn looks_transposed(records: &[Record], mapping: &ColumnMapping) -> bool {
    if mapping.fields().is_empty() {
        return false;
    }
    let by_row = records.first().map_or(0, |r| {
        fields_matched(mapping, r.cells.iter().map(String::as_str))
    });
    let by_column = fields_matched(
        mapping,
        records
            .iter()
            .filter_map(|r| r.cells.first().map(String::as_str)),
    );
    by_column > by_row
}

impl Sheet {
    /// Load a sheet from its text. Fails only when the text has no header line
    /// (`empty`), has a quote that is never closed, or cannot be read as CSV at all
    /// (`csv_syntax`, with the line); everything else is a [`super::SheetProblem`].
    ///
    /// Lines are counted with `\r\n`, `\n` or a lone `\r` as the break. A sheet whose
    /// first column holds the field names, one column per record, is read turned round
    /// ([`LoadOptions::transposed`]); its problems keep the original line and column.
    ///
    /// ```
    /// # use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, Sheet};
    /// # use roadmap_tracker::ErrorCode;
    /// let err = Sheet::load("\n", &ColumnMapping::new(), &LoadOptions::default()).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::Empty);
    /// let err = Sheet::load("a,b\n1,\"two\n3,4\n", &ColumnMapping::new(), &LoadOptions::default()).unwrap_err();
    /// assert_eq!(err.to_string(), "csv_syntax at sheet:2: the quote that opens a cell on line 2 is never closed, so the rest of the file would be one cell");
    /// ```
    pub fn load(
        text: &str,
        mapping: &ColumnMapping,
        options: &LoadOptions,
    ) -> Result<Sheet, Error> {
        // One byte-order mark, which the CSV reader skips too (only one: a second U+FEFF is
        // the first header's first character, the user's, and is written back).
        let bom = text.starts_with('\u{feff}');
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        // The text with its mark: detect_delimiter skips one mark, as the reader does.
        let delimiter = options.delimiter.unwrap_or_else(|| detect_delimiter(text));
        let lines = LineIndex::new(text.as_bytes());
        if let Some(at) = unterminated_quote(body.as_bytes(), delimiter) {
            let line = lines.line(at + (text.len() - body.len()));
            return Err(Error::format(Problem::new(
                ErrorCode::CsvSyntax,
                Location::line(options.file.clone(), line),
                format!("the quote that opens a cell on line {line} is never closed, so the rest of the file would be one cell"),
            )));
        }
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                Error::format(Problem::new(
                    ErrorCode::CsvSyntax,
                    Location::line(
                        options.file.clone(),
                        e.position().map_or(0, |p| lines.line(p.byte() as usize)),
                    ),
                    e.to_string(),
                ))
            })?;
            records.push(Record {
                line: record
                    .position()
                    .map_or(0, |p| lines.line(p.byte() as usize)),
                cells: record.iter().map(str::to_owned).collect(),
            });
        }
        if records.is_empty() {
            return Err(Error::format(Problem::new(
                ErrorCode::Empty,
                Location::line(options.file.clone(), 1),
                "the sheet has no header line",
            )));
        }
        let transposed = options
            .transposed
            .unwrap_or_else(|| looks_transposed(&records, mapping));
        let mut sheet = Sheet {
            file: options.file.clone(),
            delimiter,
            columns: Vec::new(),
            rows: Vec::new(),
            problems: Vec::new(),
            bom,
            crlf: body.contains("\r\n"),
            cr: !body.contains('\n') && body.contains('\r'),
            final_newline: body.ends_with('\n') || body.ends_with('\r'),
            encoding: Encoding::Utf8,
            transposed,
            original: Vec::new(),
        };
        if transposed {
            sheet.read_transposed(records, mapping, options);
        } else {
            sheet.read_rows(records, mapping, options);
        }
        Ok(sheet)
    }

    /// Load a sheet from its bytes, decoded as [`LoadOptions::encoding`] says, or
    /// detected ([`super::decode`]): a file that is not UTF-8 is read as Windows-1252,
    /// with an `encoding` warning saying so, and each byte Windows-1252 leaves undefined
    /// is a warning with its offset. Bytes that are not UTF-8 when UTF-8 was given are
    /// an `encoding` error with the byte's offset and line.
    ///
    /// ```
    /// use roadmap_tracker::spreadsheet::{ColumnMapping, Encoding, LoadOptions, Sheet};
    /// let mapping = ColumnMapping::new().number("cost", &["Cost (£m)"]);
    /// let sheet = Sheet::load_bytes(b"Project,Cost (\xa3m)\nRail,\xa312.5m\n", &mapping, &LoadOptions::default())?;
    /// assert_eq!(sheet.encoding, Encoding::Windows1252);
    /// assert_eq!(sheet.rows[0].number("cost"), Some(12.5));
    /// assert_eq!(sheet.problems[0].message, "the file is not UTF-8; it was read as windows-1252");
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn load_bytes(
        bytes: &[u8],
        mapping: &ColumnMapping,
        options: &LoadOptions,
    ) -> Result<Sheet, Error> {
        let decoded = decode(bytes, options.encoding, &options.file)?;
        let mut sheet = Sheet::load(&decoded.text, mapping, options)?;
        sheet.encoding = decoded.encoding;
        let mut loader = Loader {
            options,
            problems: Vec::new(),
        };
        if decoded.guessed {
            loader.report(
                Severity::Warning,
                ErrorCode::Encoding,
                1,
                None,
                None,
                None,
                "",
                format!("the file is not UTF-8; it was read as {}", decoded.encoding),
            );
        }
        for (offset, line, byte) in decoded.undefined {
            loader.report(
                Severity::Warning,
                ErrorCode::Encoding,
                line,
                None,
                None,
                None,
                &format!("0x{byte:02X}"),
                format!(
                    "byte {offset} (0x{byte:02X}) has no character in {}; it is kept as the control character U+{:04X}",
                    decoded.encoding,
                    u32::from(byte)
                ),
            );
        }
        loader.problems.append(&mut sheet.problems);
        sheet.problems = loader.problems;
        sort_problems(&mut sheet.problems);
        Ok(sheet)
    }

    /// A sheet of one record per row under a header row.
    fn read_rows(&mut self, records: Vec<Record>, mapping: &ColumnMapping, options: &LoadOptions) {
        let mut records = records.into_iter();
        let Some(header) = records.next() else {
            return;
        };
        let places: Vec<(u64, Option<usize>)> = (0..header.cells.len())
            .map(|i| (header.line, Some(i + 1)))
            .collect();
        let mut loader = Loader {
            options,
            problems: Vec::new(),
        };
        let (columns, field_columns) =
            map_columns(&header.cells, &places, header.line, mapping, &mut loader);
        let kinds = column_kinds(&columns, mapping);
        for record in records {
            if record.cells.len() != columns.len() {
                loader.report(
                    Severity::Error,
                    ErrorCode::RaggedRow,
                    record.line,
                    None,
                    None,
                    None,
                    "",
                    format!(
                        "the row has {} field{} but the header has {}; the row is kept as it is",
                        record.cells.len(),
                        if record.cells.len() == 1 { "" } else { "s" },
                        columns.len()
                    ),
                );
            }
            let place = |i: usize| (record.line, Some(i + 1));
            let values = read_record(
                &record.cells,
                &place,
                &columns,
                &kinds,
                &field_columns,
                mapping,
                &mut loader,
            );
            self.rows.push(SheetRow {
                line: record.line,
                column: None,
                cells: record.cells,
                values,
            });
        }
        self.columns = columns;
        self.problems = loader.problems;
        sort_problems(&mut self.problems);
    }

    /// A sheet of one field per row (its name in the first column) and one record per
    /// further column. Columns with no cell at all are not records; rows shorter than
    /// others (a footnote, blank rows) have blank cells in the columns they lack.
    fn read_transposed(
        &mut self,
        records: Vec<Record>,
        mapping: &ColumnMapping,
        options: &LoadOptions,
    ) {
        let names: Vec<String> = records
            .iter()
            .map(|r| r.cells.first().cloned().unwrap_or_default())
            .collect();
        let places: Vec<(u64, Option<usize>)> = records.iter().map(|r| (r.line, Some(1))).collect();
        let first_line = records.first().map_or(1, |r| r.line);
        let mut loader = Loader {
            options,
            problems: Vec::new(),
        };
        let (columns, field_columns) =
            map_columns(&names, &places, first_line, mapping, &mut loader);
        let kinds = column_kinds(&columns, mapping);
        let width = records.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        for j in 1..width {
            let cells: Vec<String> = records
                .iter()
                .map(|r| r.cells.get(j).cloned().unwrap_or_default())
                .collect();
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let place = |i: usize| (records.get(i).map_or(first_line, |r| r.line), Some(j + 1));
            let values = read_record(
                &cells,
                &place,
                &columns,
                &kinds,
                &field_columns,
                mapping,
                &mut loader,
            );
            self.rows.push(SheetRow {
                line: first_line,
                column: Some(j + 1),
                cells,
                values,
            });
        }
        self.columns = columns;
        self.problems = loader.problems;
        sort_problems(&mut self.problems);
        self.original = records.into_iter().map(|r| r.cells).collect();
    }
}

/// Problems in line order, then column order (`None` before any column).
fn sort_problems(problems: &mut [super::SheetProblem]) {
    crate::sort::sort_by_key(problems, |p| {
        (p.line as i64, p.column.map_or(-1, |c| c as i64))
    });
}

/// The columns of a header (each name's cell and where it is), and the column each
/// field of the mapping takes; a field with no column is a problem.
fn map_columns(
    names: &[String],
    places: &[(u64, Option<usize>)],
    header_line: u64,
    mapping: &ColumnMapping,
    loader: &mut Loader<'_>,
) -> (Vec<Column>, Vec<Option<usize>>) {
    // Number each header's occurrences (by its first line) so duplicates stay apart.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut columns: Vec<Column> = names
        .iter()
        .map(|h| {
            let (first, description) = split_header(h);
            let n = seen.entry(header_key(first)).or_insert(0);
            *n += 1;
            Column {
                header: h.to_owned(),
                occurrence: *n,
                field: None,
                description,
            }
        })
        .collect();
    let column_keys: Vec<Vec<String>> = names.iter().map(|h| header_keys(h)).collect();
    let mut field_columns = Vec::with_capacity(mapping.fields().len());
    for field in mapping.fields() {
        let keys = field_keys(field);
        let matching: Vec<usize> = column_keys
            .iter()
            .enumerate()
            .filter(|(_, ck)| ck.iter().any(|k| keys.contains(k)))
            .map(|(i, _)| i)
            .collect();
        let found = matching.get(field.occurrence - 1).copied();
        match found.and_then(|i| columns.get_mut(i)) {
            Some(c) => c.field = Some(field.name.clone()),
            None => {
                let severity = if field.required {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                let which = if field.occurrence > 1 {
                    format!(
                        "occurrence {} of a column headed {}",
                        field.occurrence,
                        field.headers.join(" / ")
                    )
                } else {
                    format!("a column headed {}", field.headers.join(" / "))
                };
                loader.report(
                    severity,
                    ErrorCode::MissingField,
                    header_line,
                    None,
                    None,
                    Some(&field.name),
                    "",
                    format!(
                        "no column for field {:?}: expected {which} ({} found)",
                        field.name,
                        matching.len()
                    ),
                );
            }
        }
        field_columns.push(found);
    }
    // A repeated header that no field claims is kept, but say which copy is which.
    for (i, c) in columns.iter().enumerate() {
        // Blank headers (a transposed sheet's blank rows) are not copies of anything.
        if c.occurrence > 1 && c.field.is_none() && !c.header.trim().is_empty() {
            let (line, column) = places.get(i).copied().unwrap_or((header_line, None));
            loader.report(
                Severity::Warning,
                ErrorCode::DuplicateColumn,
                line,
                column,
                Some(&c.header),
                None,
                &c.header,
                format!(
                    "header {:?} appears more than once; this is copy {}, kept as its own column and mapped to no field",
                    c.header, c.occurrence
                ),
            );
        }
    }
    (columns, field_columns)
}

/// Each column's field kind and money unit, looked up once rather than for every cell.
fn column_kinds(columns: &[Column], mapping: &ColumnMapping) -> Vec<Option<FieldKind>> {
    columns
        .iter()
        .map(|c| {
            c.field
                .as_ref()
                .and_then(|f| mapping.fields().iter().find(|x| &x.name == f))
                .map(|f| f.kind)
        })
        .collect()
}

/// One record's Excel damage (in any column) and mapped values. `place` gives the
/// original line and column of the record's `i`th cell.
fn read_record(
    cells: &[String],
    place: &dyn Fn(usize) -> (u64, Option<usize>),
    columns: &[Column],
    kinds: &[Option<FieldKind>],
    field_columns: &[Option<usize>],
    mapping: &ColumnMapping,
    loader: &mut Loader<'_>,
) -> Vec<(String, Value)> {
    for (i, cell) in cells.iter().enumerate() {
        let column = columns.get(i);
        let kind = kinds.get(i).copied().flatten();
        let damage = if let Some(e) = excel_error(cell) {
            Some(format!(
                "Excel error value {e}: the cell's content was lost in the spreadsheet"
            ))
        } else if kind != Some(FieldKind::Number) && scientific(cell) {
            Some(format!(
                "{:?} is a number Excel rewrote in scientific notation; its digits are lost",
                cell.trim()
            ))
        } else {
            None
        };
        if let Some(message) = damage {
            let (line, col) = place(i);
            loader.report(
                Severity::Error,
                ErrorCode::MangledCell,
                line,
                col,
                column.map(|c| c.header.as_str()),
                column.and_then(|c| c.field.as_deref()),
                cell,
                message,
            );
        }
    }
    let mut values = Vec::with_capacity(mapping.fields().len());
    for (field, column) in mapping.fields().iter().zip(field_columns) {
        let cell = column.and_then(|i| cells.get(i));
        let header = column
            .and_then(|i| columns.get(i))
            .map(|c| c.header.as_str());
        let (line, col) = column.map_or((place(0).0, None), place);
        let value = match cell {
            Some(cell) => loader.read_cell(field, cell, line, col, header),
            None => Value::Empty,
        };
        if value == Value::Empty && field.required && column.is_some() {
            loader.report(
                Severity::Error,
                ErrorCode::BlankField,
                line,
                col,
                header,
                Some(&field.name),
                "",
                format!("the required field {:?} is blank", field.name),
            );
        }
        values.push((field.name.clone(), value));
    }
    values
}

#[cfg(test)]
mod tests {
    use super::super::encoding::line_of_offset;
    use super::*;

    #[test]
    fn line_index_with_each_ending() {
        let crlf = LineIndex::new(b"a\r\nb\r\nc\r\n");
        assert_eq!((crlf.line(0), crlf.line(3), crlf.line(6)), (1, 2, 3));
        let cr = LineIndex::new(b"a\rb\rc\r");
        assert_eq!((cr.line(0), cr.line(2), cr.line(4)), (1, 2, 3));
        let lf = LineIndex::new(b"a\nb\nc\n");
        assert_eq!((lf.line(0), lf.line(2), lf.line(4)), (1, 2, 3));
        assert_eq!(line_of_offset(b"a\r\nb", 3), 2);
    }

    #[test]
    fn quotes_that_never_close() {
        assert_eq!(unterminated_quote(b"a,\"b\nc", b','), Some(2));
        assert_eq!(unterminated_quote(b"a,\"b\"\"\",c\n", b','), None);
        // A quote inside a cell is a character, not an opening.
        assert_eq!(unterminated_quote(b"a,5\" screen\n", b','), None);
    }

    #[test]
    fn header_keys_and_descriptions() {
        assert_eq!(
            split_header("Project - End Date\n(Latest approved end date)"),
            (
                "Project - End Date",
                Some("Latest approved end date".to_owned())
            )
        );
        let keys =
            header_keys("TOTAL Baseline Whole Life Costs (£m) (including Non-Government Costs)");
        assert!(keys.contains(&header_key("TOTAL Baseline Whole Life Costs (£m)")));
        assert!(keys.contains(&header_key("total baseline whole life costs")));
        let keys = header_keys("2016/17 TOTAL Baseline £m\n(including Non-Government costs)");
        assert!(keys.contains(&header_key("TOTAL Baseline")));
        assert!(header_keys("2015/16 Budget (£million)").contains(&header_key("budget")));
        assert!(header_keys("Commentary on the rating.")
            .contains(&header_key("commentary on the rating")));
    }
}
