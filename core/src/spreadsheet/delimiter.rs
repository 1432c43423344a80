//! Which character separates a sheet's fields: `;`, `,` or a tab.
//!
//! Spreadsheets saved in a European locale write `;` because `,` is the decimal mark;
//! exports from databases often use tabs. The header line decides: the candidate that
//! occurs most often outside quotes in it, with ties broken by whichever splits the next
//! few lines into the same number of fields, then by the order `;`, tab, `,` (a `,` in a
//! header is more often part of a name than a `;` is).

/// The candidates, in tie-breaking order.
pub const CANDIDATES: [u8; 3] = [b';', b'\t', b','];

/// How many times each byte occurs outside double quotes on one line.
fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            n += 1;
        }
    }
    n
}

/// Detect the delimiter of a CSV text; `,` when nothing else is found (one column).
///
/// It counts each candidate outside quotes on the first non-blank line (the header) and
/// checks the next five. Lines end where the CSV reader ends a record: at `\n`, `\r\n`
/// or a lone `\r`; a line of tabs is not blank (it is a row of empty cells). One leading
/// byte-order mark is skipped; a second U+FEFF is text, as for the reader.
///
/// ```
/// use roadmap_tracker::spreadsheet::detect_delimiter;
/// assert_eq!(detect_delimiter("Project;Department;DCA\nA;B;Green\n"), b';');
/// assert_eq!(detect_delimiter("Project\tDept\nA\tB\n"), b'\t');
/// assert_eq!(detect_delimiter("\"Cost; £m\",Project\n1,A\n"), b',');
/// assert_eq!(detect_delimiter("Project\n"), b',');
/// // A lone carriage return ends the header line, as it ends a record.
/// assert_eq!(detect_delimiter("Project\rA;B;C\r"), b',');
/// assert_eq!(detect_delimiter("Project;Dept\rA;B\r"), b';');
/// assert_eq!(detect_delimiter("\t\nA\tB\n"), b'\t');
/// ```
pub fn detect_delimiter(text: &str) -> u8 {
    let mut lines = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .split(['\n', '\r'])
        // Blank lines say nothing of the delimiter, but a line of tabs does: it is a row
        // of empty cells.
        .filter(|l| !l.trim().is_empty() || l.contains('\t'));
    let Some(header) = lines.next() else {
        return b',';
    };
    let following: Vec<&str> = lines.take(5).collect();
    let mut best: Option<(usize, bool, u8)> = None;
    for &candidate in &CANDIDATES {
        let n = count_outside_quotes(header, candidate);
        if n == 0 {
            continue;
        }
        let consistent = following
            .iter()
            .all(|l| count_outside_quotes(l, candidate) == n);
        let better = match best {
            None => true,
            Some((bn, bc, _)) => n > bn || (n == bn && consistent && !bc),
        };
        if better {
            best = Some((n, consistent, candidate));
        }
    }
    best.map_or(b',', |(_, _, d)| d)
}
