//! The one CSV writer: every CSV the library makes (the tables, the flat sheet, the
//! report, the sheet problem report) is built here, as text, and every cell passes through
//! the formula guard ([`guard_formula`]) on its way in. (A sheet written back as it was
//! read keeps its own cells and quoting: it is the user's file, not one the library made.)
//!
//! It writes what the `csv` crate's writer writes with its defaults (RFC 4180): fields
//! separated by the delimiter; a field quoted only when it holds a comma, a quote, a
//! carriage return or a line feed, with quotes doubled inside; a record that would
//! otherwise be empty written as `""`. Writing by hand rather than through that writer
//! keeps its quoting styles out of the WebAssembly module: one of them reads every field
//! as a float to decide, which links the standard library's float reader and its 15 KB
//! (gzipped) table of powers of five.

use super::cells::guard_formula;

/// CSV text being written, record by record.
#[derive(Debug)]
pub(crate) struct CsvWriter {
    out: String,
    record_start: usize,
    fields: usize,
}

impl CsvWriter {
    /// A writer of comma-separated records, each ending in `\n`.
    pub(crate) fn new() -> CsvWriter {
        CsvWriter {
            out: String::new(),
            record_start: 0,
            fields: 0,
        }
    }

    /// The text written so far.
    pub(crate) fn as_str(&self) -> &str {
        &self.out
    }

    /// Add one field to the record being written, guarded against formulas.
    pub(crate) fn field(&mut self, text: &str) {
        let text = guard_formula(text);
        let text = text.as_ref();
        if self.fields > 0 {
            self.out.push(',');
        }
        self.fields += 1;
        if text.contains([',', '"', '\r', '\n']) {
            self.out.push('"');
            for (i, part) in text.split('"').enumerate() {
                if i > 0 {
                    self.out.push_str("\"\"");
                }
                self.out.push_str(part);
            }
            self.out.push('"');
        } else {
            self.out.push_str(text);
        }
    }

    /// Add a field that holds empty text, as distinct from an empty (absent) field: the
    /// formula guard's text mark alone (`'`), which the readers take as text with nothing
    /// after it. The guard never writes it for any value, so it cannot be mistaken.
    pub(crate) fn empty_text_field(&mut self) {
        if self.fields > 0 {
            self.out.push(',');
        }
        self.fields += 1;
        self.out.push('\'');
    }

    /// End the record being written.
    pub(crate) fn end_record(&mut self) {
        if self.out.len() == self.record_start {
            self.out.push_str("\"\"");
        }
        self.out.push('\n');
        self.record_start = self.out.len();
        self.fields = 0;
    }

    /// Write a whole record.
    pub(crate) fn record<I, S>(&mut self, fields: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for field in fields {
            self.field(field.as_ref());
        }
        self.end_record();
    }

    /// The text written.
    pub(crate) fn into_string(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::CsvWriter;
    use proptest::prelude::*;

    fn theirs(records: &[Vec<String>]) -> String {
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        for r in records {
            w.write_record(r.iter().map(|c| super::guard_formula(c).into_owned()))
                .unwrap();
        }
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    }

    fn ours(records: &[Vec<String>]) -> String {
        let mut w = CsvWriter::new();
        for r in records {
            w.record(r);
        }
        w.into_string()
    }

    #[test]
    fn by_hand() {
        let rec = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let records = [
            rec(&["a", "b c", ""]),
            rec(&[""]),
            rec(&[]),
            rec(&["", ""]),
            rec(&["say \"hi\"", "x,y", "line\nbreak", "cr\r"]),
            rec(&["=1+2", "é", "-3.5"]),
        ];
        let want = "a,b c,\n\"\"\n\"\"\n,\n\"say \"\"hi\"\"\",\"x,y\",\"line\nbreak\",\"cr\r\"\n'=1+2,é,-3.5\n";
        assert_eq!(ours(&records), want);
        assert_eq!(ours(&records), theirs(&records));
    }

    proptest! {
        #[test]
        fn writes_what_the_csv_crate_writes(
            records in prop::collection::vec(prop::collection::vec("[a-c,;\"\r\n\t é=@+-]{0,6}", 0..4), 0..5),
        ) {
            prop_assert_eq!(ours(&records), theirs(&records));
        }
    }
}
