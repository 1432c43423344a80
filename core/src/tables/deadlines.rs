//! The deadline batch table: a column of phrases read (and judged) at once, by column.

use chrono::NaiveDate;

use crate::deadline::{self, Deadline};
use crate::error::{Error, ErrorCode, Location, Problem};

/// The unit of a refused span's offsets in [`DeadlineTable`]: what the host language's
/// strings are indexed by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Offsets {
    /// UTF-8 bytes (Rust).
    Bytes,
    /// Code points (Python).
    CodePoints,
    /// UTF-16 code units (JavaScript).
    Utf16,
}

impl Offsets {
    /// The byte offset `byte` into `text` in this unit.
    pub fn of(self, text: &str, byte: usize) -> usize {
        let before = text.get(..byte).unwrap_or(text);
        match self {
            Offsets::Bytes => byte,
            Offsets::CodePoints => before.chars().count(),
            Offsets::Utf16 => before.encode_utf16().count(),
        }
    }
}

/// One column of a [`DeadlineTable`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum DeadlineColumn {
    /// Dates (`None`: no date).
    Dates(Vec<Option<NaiveDate>>),
    /// Flags.
    Flags(Vec<bool>),
    /// Numbers (`None`: no number).
    Numbers(Vec<Option<i64>>),
    /// The core's names, dictionary-encoded: per row an index into `names` (`-1`: none),
    /// the names in order of first appearance.
    Names {
        /// One per row.
        codes: Vec<i32>,
        /// The distinct names.
        names: Vec<&'static str>,
    },
    /// Free text (EDTF, rule lists, messages), dictionary-encoded like `Names`: a batch
    /// repeats a few distinct texts many times.
    Texts {
        /// One per row.
        codes: Vec<i32>,
        /// The distinct texts, in order of first appearance.
        texts: Vec<String>,
    },
}

/// The table of a batch of deadline phrases: the columns `written_on`, `kind`, `earliest`,
/// `latest`, `granularity`, `named`, `part`, `approximate`, `uncertain`, `edtf`, `rules`
/// (the rule ids joined by commas), `due_from`, then, when judged, `state`, `days` and
/// `judge_rule`, then `error_code`, `error_message`, `error_start` and `error_end` (the
/// refused span, in the [`Offsets`] asked for). A refused phrase's row has only its error
/// (and `written_on`).
///
/// ```
/// use chrono::NaiveDate;
/// use roadmap_tracker::tables::{DeadlineColumn, DeadlineTable, Offsets};
/// let jan = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap();
/// let june = NaiveDate::from_ymd_opt(2026, 6, 4);
/// let t = DeadlineTable::new(&[Some("by the end of 2026"), None], &[Some(jan); 2], june, &[], Offsets::CodePoints)?;
/// assert_eq!(t.names().len(), 19);
/// assert_eq!(t.column("latest"), Some(&DeadlineColumn::Dates(vec![NaiveDate::from_ymd_opt(2026, 12, 31), None])));
/// let Some(DeadlineColumn::Names { codes, names }) = t.column("state") else { unreachable!() };
/// assert_eq!((codes.as_slice(), names.as_slice()), (&[0, -1][..], &["not_yet_due"][..]));
/// assert!(DeadlineTable::new(&[], &[], None, &[], Offsets::Bytes)?.column("state").is_none());
/// let err = DeadlineTable::new(&[Some("by 2027")], &[None], None, &[], Offsets::Bytes).unwrap_err();
/// assert_eq!(err.location().path.as_deref(), Some("written_on"));
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct DeadlineTable {
    names: Vec<&'static str>,
    columns: Vec<DeadlineColumn>,
}

#[derive(Default)]
struct Names {
    codes: Vec<i32>,
    names: Vec<&'static str>,
}

impl Names {
    fn push(&mut self, name: Option<&'static str>) {
        let code = name.map_or(-1, |name| {
            // A handful of names per column: a scan beats hashing.
            let at = self.names.iter().position(|n| *n == name);
            let at = at.unwrap_or_else(|| {
                self.names.push(name);
                self.names.len().saturating_sub(1)
            });
            i32::try_from(at).unwrap_or(-1)
        });
        self.codes.push(code);
    }
}

#[derive(Default)]
struct Texts {
    codes: Vec<i32>,
    texts: Vec<String>,
    index: std::collections::HashMap<String, i32>,
}

impl Texts {
    fn push(&mut self, text: Option<String>) {
        let code = text.map_or(-1, |text| {
            if let Some(&code) = self.index.get(&text) {
                return code;
            }
            let code = i32::try_from(self.texts.len()).unwrap_or(-1);
            self.texts.push(text.clone());
            self.index.insert(text, code);
            code
        });
        self.codes.push(code);
    }
}

impl DeadlineTable {
    /// Read `phrases[i]` written on `written_on[i]` (the shorter of the two sets the
    /// length), judged as of `as_of` when given, with `delivered_on[i]` when there is one.
    /// A missing phrase (`None`) is read as the empty phrase, which is refused in its row.
    ///
    /// # Errors
    ///
    /// `invalid_argument` at `written_on` when a row's date is missing: a phrase is read
    /// against the date of the document that wrote it, and there is no other to take.
    pub fn new(
        phrases: &[Option<&str>],
        written_on: &[Option<NaiveDate>],
        as_of: Option<NaiveDate>,
        delivered_on: &[Option<NaiveDate>],
        offsets: Offsets,
    ) -> Result<DeadlineTable, Error> {
        let phrases: Vec<&str> = phrases.iter().map(|p| p.unwrap_or("")).collect();
        let mut written = Vec::with_capacity(written_on.len());
        for (row, day) in written_on.iter().enumerate() {
            written.push(day.ok_or_else(|| {
                let message = format!("written_on[{row}] is missing: every phrase needs one");
                Error::evaluation(Problem::new(
                    ErrorCode::InvalidArgument,
                    Location::path("written_on"),
                    message,
                ))
            })?);
        }
        let written_on = &written;
        let parsed = deadline::parse_all(phrases.iter().copied().zip(written_on.iter().copied()));
        let mut dates: [Vec<Option<NaiveDate>>; 4] = Default::default();
        let mut flags: [Vec<bool>; 2] = Default::default();
        let mut ints: [Vec<Option<i64>>; 3] = Default::default();
        let mut names: [Names; 7] = Default::default();
        let mut texts: [Texts; 3] = Default::default();
        for (row, (result, phrase)) in parsed.iter().zip(&phrases).enumerate() {
            let (d, e) = (result.as_ref().ok(), result.as_ref().err());
            let delivered = delivered_on.get(row).copied().flatten();
            let judged = as_of.zip(d).map(|(a, d)| d.judge(a, delivered));
            let span = e.and_then(Error::span);
            let at = |byte: usize| i64::try_from(offsets.of(phrase, byte)).ok();
            let row_dates = [
                written_on.get(row).copied(),
                d.and_then(Deadline::earliest),
                d.and_then(Deadline::latest),
                d.and_then(Deadline::due_from),
            ];
            for (column, value) in dates.iter_mut().zip(row_dates) {
                column.push(value);
            }
            let row_flags = [
                d.is_some_and(Deadline::is_approximate),
                d.is_some_and(Deadline::is_uncertain),
            ];
            for (column, value) in flags.iter_mut().zip(row_flags) {
                column.push(value);
            }
            let row_ints = [
                judged.and_then(|j| j.days),
                span.and_then(|s| at(s.0)),
                span.and_then(|s| at(s.1)),
            ];
            for (column, value) in ints.iter_mut().zip(row_ints) {
                column.push(value);
            }
            let row_names = [
                d.map(|d| d.kind().as_str()),
                d.map(|d| d.granularity().as_str()),
                d.map(|d| d.named().as_str()),
                d.and_then(Deadline::part).map(|p| p.as_str()),
                judged.map(|j| j.state.as_str()),
                judged.map(|j| j.rule),
                e.map(|e| e.code().as_str()),
            ];
            for (column, value) in names.iter_mut().zip(row_names) {
                column.push(value);
            }
            let row_texts = [
                d.and_then(Deadline::edtf),
                d.map(|d| d.rules().join(",")),
                e.map(|e| e.message().into_owned()),
            ];
            for (column, value) in texts.iter_mut().zip(row_texts) {
                column.push(value);
            }
        }
        let [written_on, earliest, latest, due_from] = dates.map(DeadlineColumn::Dates);
        let [approximate, uncertain] = flags.map(DeadlineColumn::Flags);
        let [days, error_start, error_end] = ints.map(DeadlineColumn::Numbers);
        let [kind, granularity, named, part, state, judge_rule, error_code] =
            names.map(|n| DeadlineColumn::Names {
                codes: n.codes,
                names: n.names,
            });
        let [edtf, rules, error_message] = texts.map(|t| DeadlineColumn::Texts {
            codes: t.codes,
            texts: t.texts,
        });
        let all = [
            ("written_on", written_on),
            ("kind", kind),
            ("earliest", earliest),
            ("latest", latest),
            ("granularity", granularity),
            ("named", named),
            ("part", part),
            ("approximate", approximate),
            ("uncertain", uncertain),
            ("edtf", edtf),
            ("rules", rules),
            ("due_from", due_from),
            ("state", state),
            ("days", days),
            ("judge_rule", judge_rule),
            ("error_code", error_code),
            ("error_message", error_message),
            ("error_start", error_start),
            ("error_end", error_end),
        ];
        let (names, columns) = all
            .into_iter()
            .filter(|(name, _)| {
                as_of.is_some() || !matches!(*name, "state" | "days" | "judge_rule")
            })
            .unzip();
        Ok(DeadlineTable { names, columns })
    }

    /// The column names, in order.
    pub fn names(&self) -> &[&'static str] {
        &self.names
    }

    /// The columns, in the order of [`DeadlineTable::names`].
    pub fn columns(&self) -> &[DeadlineColumn] {
        &self.columns
    }

    /// The column of that name.
    pub fn column(&self, name: &str) -> Option<&DeadlineColumn> {
        let at = self.names.iter().position(|n| *n == name)?;
        self.columns.get(at)
    }

    /// Each name with its column, consuming the table.
    pub fn into_columns(self) -> impl Iterator<Item = (&'static str, DeadlineColumn)> {
        self.names.into_iter().zip(self.columns)
    }
}
