//! The canonical JSON form of a roadmap (see `docs/formats.md`).
//!
//! Reading refuses what it does not understand — an unknown key is an `unknown_field` error
//! rather than silently dropped data — and every error names the JSON path, line and column.
//! Fields the format does not define belong under a record's `extra` object.
//!
//! A document with problems reports them all, up to [`MAX_PROBLEMS`](crate::MAX_PROBLEMS):
//! first every repeated key and every misplaced array, then, record by record in the
//! order of the text, every bad field of each source, node, update and metric (each with
//! the problem it gives alone, at its value), the fields each lacks, and the problem of
//! each of the roadmap's own fields. JSON that is not well formed stops reading where it
//! breaks.

use std::collections::HashSet;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::{Collector, Error, ErrorCode, Location, Problem};
use crate::io::decode_utf8;
use crate::model::{Extra, Metric, Node, Roadmap, Source, StatusUpdate};
use crate::model_serde::{METRIC_REQUIRED, NODE_REQUIRED, SOURCE_REQUIRED, UPDATE_REQUIRED};
use serde_json::error::Category;

mod path;

/// The largest JSON document the loader accepts, in bytes (256 MiB).
pub const MAX_JSON_BYTES: usize = 256 * 1024 * 1024;

impl Roadmap {
    /// Read a roadmap from its JSON form and validate it.
    ///
    /// A leading UTF-8 byte-order mark is ignored. Errors carry the JSON path and position:
    ///
    /// ```
    /// use roadmap_tracker::{ErrorCode, Roadmap};
    /// let json = r#"{"id": "plan", "title": "Plan", "publisher": "Us", "published": "2026-02-30"}"#;
    /// let err = Roadmap::from_json_str(json).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::InvalidDate);
    /// assert_eq!(err.location().path.as_deref(), Some("published"));
    /// assert!(err.to_string().contains("February 2026 has 28 days"));
    /// ```
    pub fn from_json_str(json: &str) -> Result<Roadmap, Error> {
        let roadmap = Self::from_json_str_unchecked(json)?;
        roadmap.validate_structure()?;
        Ok(roadmap)
    }

    /// Read a roadmap from JSON bytes, refusing bytes that are not UTF-8.
    ///
    /// ```
    /// use roadmap_tracker::{ErrorCode, Roadmap};
    /// let err = Roadmap::from_json_slice(b"{\"id\": \"\xff\"}").unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::Encoding);
    /// ```
    pub fn from_json_slice(bytes: &[u8]) -> Result<Roadmap, Error> {
        let text = decode_utf8(bytes, None)?;
        Self::from_json_str(text)
    }

    /// Read a roadmap from JSON without validating it (for tools that want to list the
    /// validation problems themselves, or repair them).
    ///
    /// Every problem that keeps the document from being read is reported, in one error
    /// (see the module's documentation):
    ///
    /// ```
    /// use roadmap_tracker::{ErrorCode, Roadmap};
    /// let json = r#"{"id": "plan", "title": "Plan", "publisher": "Us", "published": "2026-01-19",
    ///   "nodes": [{"id": "a", "kind": "chapter", "title": "A"},
    ///             {"id": "b", "kind": "section", "title": 7, "weight": "heavy"}]}"#;
    /// let err = Roadmap::from_json_str_unchecked(json).unwrap_err();
    /// let found: Vec<(ErrorCode, String)> = err.problems().iter()
    ///     .map(|p| (p.code, p.location.path.clone().unwrap_or_default())).collect();
    /// assert_eq!(found, [
    ///     (ErrorCode::UnknownValue, "nodes[0].kind".to_owned()),
    ///     (ErrorCode::WrongType, "nodes[1].title".to_owned()),
    ///     (ErrorCode::WrongType, "nodes[1].weight".to_owned()),
    /// ]);
    /// ```
    ///
    /// ```
    /// use roadmap_tracker::Roadmap;
    /// let json = r#"{"id": "Not A Slug", "title": "Plan", "publisher": "Us", "published": "2026-01-01"}"#;
    /// let roadmap = Roadmap::from_json_str_unchecked(json)?;
    /// assert!(roadmap.validate().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json_str_unchecked(json: &str) -> Result<Roadmap, Error> {
        if json.len() > MAX_JSON_BYTES {
            return Err(Error::format(Problem::new(
                ErrorCode::TooLarge,
                Location::default(),
                format!(
                    "the document is {} bytes; the limit is {MAX_JSON_BYTES}",
                    json.len()
                ),
            )));
        }
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        if json.trim().is_empty() {
            return Err(Error::format(Problem::new(
                ErrorCode::Empty,
                Location::default(),
                "the document is empty; a roadmap is a JSON object",
            )));
        }
        let mut problems = Collector::new();
        let mut shaped = HashSet::new();
        shape_problems(json, ROADMAP_ARRAY_KEYS, true, &mut problems, &mut shaped);
        if problems.is_empty() {
            // A well-formed document is read in one pass; only one with problems is read
            // again, record by record, to find them all.
            let first = match from_str_located::<Roadmap>(json) {
                Ok(roadmap) => return Ok(roadmap),
                Err(e) => e,
            };
            if matches!(
                first.code(),
                ErrorCode::JsonSyntax | ErrorCode::Truncated | ErrorCode::Io
            ) {
                return Err(first);
            }
            if let Err(broken) = every_problem(json, &shaped, &mut problems) {
                // Not well formed after the first problem: that problem, then where it breaks.
                problems.add(first);
                problems.add(broken);
            } else if problems.count() <= 1 {
                return Err(first);
            }
        } else if let Err(broken) = every_problem(json, &shaped, &mut problems) {
            problems.add(broken);
        }
        problems.finish()?;
        // (Not reached: either branch leaves at least one problem.)
        Err(Error::format(Problem::new(
            ErrorCode::WrongType,
            Location::default(),
            "the document cannot be read as a roadmap",
        )))
    }

    /// Write the roadmap as pretty-printed canonical JSON.
    ///
    /// Empty strings, empty lists, absent values and the default weight are left out, so
    /// the output is the same however the roadmap was loaded.
    ///
    /// ```
    /// use roadmap_tracker::Roadmap;
    /// let roadmap = Roadmap::uk_digital_2026();
    /// let json = roadmap.to_json()?;
    /// assert_eq!(Roadmap::from_json_str(&json)?, roadmap);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> Result<String, Error> {
        // serde_json would write a NaN weight as `null`, which no longer reads back; refuse
        // it here so nothing is silently altered on the way out.
        self.check_finite_numbers()?;
        let mut out = to_string_pretty(self).map_err(|e| {
            Error::format(Problem::new(
                ErrorCode::WrongType,
                Location::default(),
                e.to_string(),
            ))
        })?;
        out.push('\n');
        Ok(out)
    }

    /// Refuse to write values that the JSON loader could not read back: numbers that are
    /// not finite (NaN, infinities) and dates outside the years 1000 to 9999. (The CSV
    /// writers refuse every validation problem, since their loaders validate.)
    pub(crate) fn check_finite_numbers(&self) -> Result<(), Error> {
        let problems: Vec<Problem> = match self.validate_structure() {
            Ok(()) => return Ok(()),
            Err(e) => e
                .problems()
                .into_iter()
                .filter(|p| {
                    matches!(
                        p.code,
                        ErrorCode::InvalidNumber
                            | ErrorCode::InvalidWeight
                            | ErrorCode::InvalidDate
                    )
                })
                .collect(),
        };
        Error::check(problems)
    }
}

/// `serde_json::to_string_pretty`, byte for byte, through the compact serializer.
///
/// Every `Serialize` impl is compiled once per serializer: the bindings write compact JSON,
/// and serialising the same types again with serde_json's pretty formatter doubled their
/// code (about 6 KB of the gzipped WebAssembly module). Indenting the compact text instead
/// costs one small function. serde_json's compact output has no whitespace outside
/// strings, so this gives exactly what its `PrettyFormatter` writes: two-space indents,
/// `": "` after keys, and `[]` / `{}` for empty containers.
pub(crate) fn to_string_pretty<T: serde::Serialize + ?Sized>(
    value: &T,
) -> Result<String, serde_json::Error> {
    serde_json::to_string(value).map(|compact| indent(&compact))
}

/// Indent compact JSON text as serde_json's `PrettyFormatter` does.
fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    chars.next();
                    out.push(close);
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

/// serde_json's message without the " at line L column C" it appends: the location is
/// reported separately (and for a text the user never saw, such as a binding's rendering
/// of a dictionary, it means nothing).
pub(crate) fn bare_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full.get(..i).unwrap_or(&full).to_owned(),
        None => full,
    }
}

/// Read a `T` from JSON, locating an error by line, column and the path of the value
/// being read where it failed.
pub(crate) fn from_str_located<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, Error> {
    serde_json::from_str(json).map_err(|e| located(json, &e))
}

/// An error of serde_json's reading `json`, located by line, column and path.
fn located(json: &str, e: &serde_json::Error) -> Error {
    let path = if e.line() > 0 {
        let at = path::offset_of(json, e.line(), e.column());
        let after_value = e.classify() == serde_json::error::Category::Data
            && !e.to_string().starts_with("missing field");
        path::path_at(json, path::error_offset(json, at, after_value))
    } else {
        String::new()
    };
    Error::format(json_problem(path, e))
}

pub(crate) fn json_problem(path: String, e: &serde_json::Error) -> Problem {
    let message = bare_message(e);
    let code = match e.classify() {
        Category::Eof => ErrorCode::Truncated,
        Category::Syntax => ErrorCode::JsonSyntax,
        Category::Io => ErrorCode::Io,
        Category::Data => {
            if message.starts_with("unknown field") {
                ErrorCode::UnknownField
            } else if message.starts_with("missing field") {
                ErrorCode::MissingField
            } else if message.starts_with("unknown variant") {
                ErrorCode::UnknownValue
            } else if message.starts_with("invalid date") {
                ErrorCode::InvalidDate
            } else {
                ErrorCode::WrongType
            }
        }
    };
    let location = Location {
        line: (e.line() > 0).then_some(e.line() as u64),
        column: (e.line() > 0).then_some(e.column() as u64),
        path: (!path.is_empty()).then_some(path),
        ..Location::default()
    };
    Problem::new(code, location, message)
}

/// The keys whose values are arrays in the roadmap's JSON form; anywhere else an array is
/// refused (see [`check_shape`]).
pub(crate) const ROADMAP_ARRAY_KEYS: &[&str] = &[
    "sources",
    "nodes",
    "updates",
    "metrics",
    "owners",
    "tags",
    "trajectory",
    "observations",
];

/// Check what the typed reader cannot see in JSON text, in one pass over it: a key that
/// appears twice in one object (`duplicate_key`, at the object's path with the key as the
/// field; the reader would keep the last), and an array where an object is expected
/// (`wrong_type`: at the top, inside an array, or as the value of a key not in
/// `array_keys`; the reader would take its items as the fields in order). With
/// `duplicates` false, repeated keys are left to the reader (for readers that report them
/// in their own terms). Text that is not well formed is left to the reader, which says
/// where.
pub(crate) fn check_shape(text: &str, array_keys: &[&str], duplicates: bool) -> Result<(), Error> {
    let mut problems = Collector::new();
    shape_problems(
        text,
        array_keys,
        duplicates,
        &mut problems,
        &mut HashSet::new(),
    );
    problems.finish()
}

/// The problems of [`check_shape`], every one of them, with the record each is in (its
/// path's first key or array element, `nodes[3]`; the key itself for a repeated key at the
/// top) added to `records`.
fn shape_problems(
    text: &str,
    array_keys: &[&str],
    duplicates: bool,
    problems: &mut Collector,
    records: &mut HashSet<String>,
) {
    use std::borrow::Cow;
    // Small and `Copy`, so that opening and closing the many objects of a large document
    // moves and drops nothing: an object's keys are `keys[base..base + count]`, its
    // current key the last of them.
    #[derive(Clone, Copy)]
    enum Frame {
        Object {
            base: usize,
            count: usize,
            expect_key: bool,
        },
        Array {
            index: usize,
        },
    }
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    // The keys of every open object, innermost last.
    let mut keys: Vec<Cow<'_, str>> = Vec::new();
    // Objects of more than 16 keys also keep a set, so that a huge object is checked in
    // linear time: by the depth of the object, innermost last.
    let mut sets: Vec<(usize, HashSet<Cow<'_, str>>)> = Vec::new();
    let path = |stack: &[Frame], keys: &[Cow<'_, str>]| {
        let mut out = String::new();
        for f in stack {
            match *f {
                Frame::Object { base, count, .. } => {
                    let key = count.checked_sub(1).and_then(|last| keys.get(base + last));
                    if let Some(k) = key {
                        if !out.is_empty() {
                            out.push('.');
                        }
                        out.push_str(k);
                    }
                }
                Frame::Array { index } => out.push_str(&format!("[{index}]")),
            }
        }
        out
    };
    let at = |offset: usize| {
        let before = bytes.get(..offset).unwrap_or_default();
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = offset
            - before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1)
            + 1;
        (line as u64, column as u64)
    };
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                let mut escaped = false;
                loop {
                    j = crate::io::find_any(bytes, j, b"\"\\");
                    if bytes.get(j) != Some(&b'\\') {
                        break; // the closing quote, or the end
                    }
                    escaped = true;
                    j += 2;
                }
                let Some(raw) = text.get(start..j) else {
                    return; // unterminated: the reader reports it
                };
                let depth = stack.len();
                let mut twice = None;
                if let Some(Frame::Object {
                    base,
                    count,
                    expect_key: expect_key @ true,
                }) = stack.last_mut()
                {
                    let name: Cow<'_, str> = if escaped {
                        match text.get(i..=j).map(serde_json::from_str::<String>) {
                            Some(Ok(s)) => Cow::Owned(s),
                            _ => return,
                        }
                    } else {
                        Cow::Borrowed(raw)
                    };
                    let set = sets.last_mut().filter(|(d, _)| *d == depth);
                    let repeated = match set {
                        Some((_, set)) => !set.insert(name.clone()),
                        None => keys.get(*base..).unwrap_or_default().contains(&name),
                    };
                    if repeated && duplicates {
                        twice = Some(name.clone());
                    }
                    *count += 1;
                    if *count > 16 && !sets.last().is_some_and(|(d, _)| *d == depth) {
                        let all = keys.get(*base..).unwrap_or_default();
                        let mut set: HashSet<Cow<'_, str>> = all.iter().cloned().collect();
                        set.insert(name.clone());
                        sets.push((depth, set));
                    }
                    keys.push(name);
                    *expect_key = false;
                }
                if let Some(name) = twice {
                    let container = path(stack.get(..depth - 1).unwrap_or_default(), &keys);
                    let (line, column) = at(i);
                    records.insert(record_of(&container, &name));
                    records.insert(member_of(&container, &name));
                    let message = format!("the key {name:?} appears twice in one object");
                    problems.push(Problem::new(
                        ErrorCode::DuplicateKey,
                        Location {
                            line: Some(line),
                            column: Some(column),
                            path: (!container.is_empty()).then_some(container),
                            field: Some(name.into_owned()),
                            ..Location::default()
                        },
                        message,
                    ));
                }
                i = j + 1;
                continue;
            }
            b'{' => stack.push(Frame::Object {
                base: keys.len(),
                count: 0,
                expect_key: true,
            }),
            b'[' => {
                let allowed = match stack.last() {
                    Some(&Frame::Object { base, count, .. }) => count
                        .checked_sub(1)
                        .and_then(|last| keys.get(base + last))
                        .is_some_and(|k| array_keys.contains(&k.as_ref())),
                    _ => false,
                };
                if !allowed {
                    let (line, column) = at(i);
                    let where_ = path(&stack, &keys);
                    records.insert(record_of(&where_, ""));
                    records.insert(member_of(&where_, ""));
                    problems.push(Problem::new(
                        ErrorCode::WrongType,
                        Location {
                            line: Some(line),
                            column: Some(column),
                            path: (!where_.is_empty()).then_some(where_),
                            ..Location::default()
                        },
                        "an array where an object or a single value is expected",
                    ));
                    if stack.is_empty() {
                        return; // the document itself is an array: there is nothing else
                    }
                }
                stack.push(Frame::Array { index: 0 });
            }
            b'}' | b']' => {
                let depth = stack.len();
                if let Some(Frame::Object { base, .. }) = stack.pop() {
                    keys.truncate(base);
                    if sets.last().is_some_and(|(d, _)| *d == depth) {
                        sets.pop();
                    }
                }
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { expect_key, .. }) => *expect_key = true,
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
}

/// The record a path is in: its first key, with the array index after it when there is
/// one (`nodes[3].deadline` is in `nodes[3]`); `key` for the root itself.
fn record_of(path: &str, key: &str) -> String {
    if path.is_empty() {
        return key.to_owned();
    }
    let first = path.find(['.', '[']).unwrap_or(path.len());
    let end = match path.get(first..) {
        Some(rest) if rest.starts_with('[') => rest.find(']').map_or(path.len(), |b| first + b + 1),
        _ => first,
    };
    path.get(..end).unwrap_or(path).to_owned()
}

/// The member of a record a path is in (`nodes[3].deadline` for
/// `nodes[3].deadline.phrase`), with `key` after `path`; the record itself when the path
/// is no deeper ([`record_of`]).
fn member_of(path: &str, key: &str) -> String {
    let full = match (path, key) {
        ("", k) => k.to_owned(),
        (p, "") => p.to_owned(),
        (p, k) => format!("{p}.{k}"),
    };
    let record = record_of(&full, "");
    match full
        .get(record.len()..)
        .and_then(|rest| rest.strip_prefix('.'))
    {
        Some(rest) => {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            format!("{record}.{}", rest.get(..end).unwrap_or(rest))
        }
        None => record,
    }
}

/// Where a scan of the document's skeleton stopped ([`members`]): the byte offset, whether
/// the text ran out there, and what was expected.
struct Broken {
    at: usize,
    eof: bool,
    expected: &'static str,
}

impl Broken {
    /// The problem where the document breaks, as serde_json words it.
    fn problem(&self, json: &str) -> Problem {
        let (code, message) = match self.eof {
            true => (
                ErrorCode::Truncated,
                format!("EOF while parsing {}", self.expected),
            ),
            false => (ErrorCode::JsonSyntax, format!("expected {}", self.expected)),
        };
        let path = path::path_at(json, self.at);
        let mut problem = Problem::new(code, Location::default(), message);
        problem.location.path = (!path.is_empty()).then_some(path);
        place(json, self.at, &mut problem);
        problem
    }
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The end of the string that opens at `i`.
fn skip_string(b: &[u8], i: usize) -> Result<usize, Broken> {
    let mut j = i + 1;
    loop {
        match b.get(j) {
            None => {
                return Err(Broken {
                    at: j.min(b.len()),
                    eof: true,
                    expected: "a string",
                })
            }
            Some(b'\\') => j += 2,
            Some(b'"') => return Ok(j + 1),
            Some(_) => j += 1,
        }
    }
}

/// The start and end of the value at or after `i` (after white space). Only the skeleton
/// is checked (strings closed, brackets balanced); what is inside is left to serde_json.
fn skip_value(b: &[u8], i: usize) -> Result<(usize, usize), Broken> {
    let start = skip_space(b, i);
    let broken = |at: usize| Broken {
        at,
        eof: at >= b.len(),
        expected: "a value",
    };
    match b.get(start) {
        None => Err(broken(start)),
        Some(b'"') => Ok((start, skip_string(b, start)?)),
        Some(b'{' | b'[') => {
            let (mut depth, mut j) = (0usize, start);
            loop {
                match b.get(j) {
                    None => return Err(broken(j)),
                    Some(b'"') => {
                        j = skip_string(b, j)?;
                        continue;
                    }
                    Some(b'{' | b'[') => depth += 1,
                    Some(b'}' | b']') => {
                        depth -= 1;
                        if depth == 0 {
                            return Ok((start, j + 1));
                        }
                    }
                    Some(_) => {}
                }
                j += 1;
            }
        }
        Some(_) => {
            let mut j = start;
            while let Some(c) = b.get(j) {
                if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    break;
                }
                j += 1;
            }
            if j == start {
                return Err(broken(start));
            }
            Ok((start, j))
        }
    }
}

/// A member of an object or an element of an array: its key (empty in an array), where
/// its text begins (the key's opening quote; the value in an array) and the byte range of
/// its value's text.
struct Entry {
    key: String,
    from: usize,
    start: usize,
    end: usize,
}

/// The values of the array or the members of the object (keys decoded) that opens at
/// `open`, each as the byte range of its text, in order; and where it closes.
fn entries(json: &str, open: usize, object: bool) -> Result<(Vec<Entry>, usize), Broken> {
    let b = json.as_bytes();
    let close = if object { b'}' } else { b']' };
    let broken = |at: usize, expected| Broken {
        at,
        eof: at >= b.len(),
        expected,
    };
    let mut out = Vec::new();
    let mut i = skip_space(b, open + 1);
    if b.get(i) == Some(&close) {
        return Ok((out, i));
    }
    loop {
        let mut key = String::new();
        let from = skip_space(b, i);
        if object {
            i = skip_space(b, i);
            if b.get(i) != Some(&b'"') {
                return Err(broken(i, "a key"));
            }
            let end = skip_string(b, i)?;
            let raw = json.get(i..end).unwrap_or_default();
            key = match raw.contains('\\') {
                false => raw.get(1..raw.len() - 1).unwrap_or_default().to_owned(),
                true => serde_json::from_str(raw).map_err(|_| broken(i, "a key"))?,
            };
            i = skip_space(b, end);
            if b.get(i) != Some(&b':') {
                return Err(broken(i, "`:`"));
            }
            i += 1;
        }
        let (start, end) = skip_value(b, i)?;
        out.push(Entry {
            key,
            from,
            start,
            end,
        });
        i = skip_space(b, end);
        match b.get(i) {
            Some(b',') => i += 1,
            Some(&c) if c == close => return Ok((out, i)),
            _ => {
                let expected = if object { "`,` or `}`" } else { "`,` or `]`" };
                return Err(broken(i, expected));
            }
        }
    }
}

/// A date read as the roadmap's `published` is (only to find its problem).
#[derive(Deserialize)]
struct Published(
    #[serde(with = "crate::dates::serde_date")]
    #[allow(dead_code)]
    chrono::NaiveDate,
);

/// Read the document record by record, adding the problems of each (the first of every
/// key of the top object, every one of each element of its lists: [`record_at`]) to
/// `problems`, leaving out the keys and members that already have a problem of their
/// shape (`skip`). A document whose skeleton is broken (a
/// string or bracket never closed, a missing comma) is not read: the error says where it
/// breaks. A document that is not an object holds no records to read.
fn every_problem(
    json: &str,
    skip: &HashSet<String>,
    problems: &mut Collector,
) -> Result<(), Error> {
    let b = json.as_bytes();
    let open = skip_space(b, 0);
    if b.get(open) != Some(&b'{') {
        return Ok(());
    }
    let (members, close) = entries(json, open, true).map_err(|e| Error::format(e.problem(json)))?;
    let rest = skip_space(b, close + 1);
    if rest < b.len() {
        return Err(Error::format(
            Broken {
                at: rest,
                eof: false,
                expected: "the end of the document",
            }
            .problem(json),
        ));
    }
    let mut given = HashSet::new();
    for Entry {
        key, start, end, ..
    } in &members
    {
        given.insert(key.as_str());
        if skip.contains(key) {
            continue;
        }
        let at = (*start, *end);
        match key.as_str() {
            "id" | "title" | "publisher" | "summary" => {
                read_at(json, at, key, problems, read::<String>)
            }
            "published" => read_at(json, at, key, problems, read::<Published>),
            "extra" => read_at(json, at, key, problems, read::<Extra>),
            "sources" | "nodes" | "updates" | "metrics" => {
                let (reads, required) = match key.as_str() {
                    "sources" => (reads::<Source>(), SOURCE_REQUIRED),
                    "nodes" => (reads::<Node>(), NODE_REQUIRED),
                    "updates" => (reads::<StatusUpdate>(), UPDATE_REQUIRED),
                    _ => (reads::<Metric>(), METRIC_REQUIRED),
                };
                each_at(json, at, key, skip, problems, reads, required);
            }
            _ => {
                let e = <serde_json::Error as serde::de::Error>::unknown_field(
                    key,
                    crate::model_serde::ROADMAP_FIELDS,
                );
                push_at(problems, json, at, key, &e);
            }
        }
    }
    for field in ["id", "title", "publisher", "published"] {
        if !given.contains(field) {
            let e = <serde_json::Error as serde::de::Error>::missing_field(field);
            problems.push(json_problem(String::new(), &e));
        }
    }
    Ok(())
}

/// Read one value of the document, at the byte range `at`, adding its problem, if any.
fn read_at(json: &str, at: (usize, usize), path: &str, problems: &mut Collector, read: Read) {
    let text = json.get(at.0..at.1).unwrap_or_default();
    if let Err(e) = read(text) {
        push_at(problems, json, at, path, &e);
    }
}

/// Read each element of a list of the document (`nodes`), adding every problem of each
/// ([`record_at`]): `read` reads the list whole and one element, `required` lists the
/// fields an element must have. (Not generic, so that it is compiled once.)
fn each_at(
    json: &str,
    at: (usize, usize),
    key: &str,
    skip: &HashSet<String>,
    problems: &mut Collector,
    (list, one): (Read, Read),
    required: &[&'static str],
) {
    if json.as_bytes().get(at.0) != Some(&b'[') {
        // Not a list: serde_json says what it is (the reader of the list, read whole).
        return read_at(json, at, key, problems, list);
    }
    let items = match entries(json, at.0, false) {
        Ok((items, _)) => items,
        Err(broken) => return problems.push(broken.problem(json)),
    };
    for (i, item) in items.into_iter().enumerate() {
        let path = format!("{key}[{i}]");
        let at = (item.start, item.end);
        record_at(json, at, &path, skip, problems, one, required);
    }
}

/// A reader of one kind of record, for its error only.
type Read = fn(&str) -> Result<(), serde_json::Error>;

/// The readers of a list of `T` and of one `T` ([`each_at`]).
fn reads<T: DeserializeOwned>() -> (Read, Read) {
    (read::<Vec<T>>, read::<T>)
}

/// Read a `T` from `text`, for its error only.
fn read<T: DeserializeOwned>(text: &str) -> Result<(), serde_json::Error> {
    serde_json::from_str::<T>(text).map(drop)
}

/// Read one record of a list (a node, at the byte range `at`) with `read`, adding every
/// problem of it in the order of its text: the first as the record's reader meets it; then
/// each member after that one read alone (as `{"weight": "heavy"}`, so that its problem is
/// the one the record's reader gives when it is the only one); then each field of
/// `required`, in that order, that the record does not give, at the record's end. The
/// record's members before the first problem were read without one. A record with a
/// problem of its shape (`skip`) is read member by member, leaving out the members that
/// hold one. (Not generic, so that it is compiled once for every kind of record.)
fn record_at(
    json: &str,
    at: (usize, usize),
    path: &str,
    skip: &HashSet<String>,
    problems: &mut Collector,
    read: Read,
    required: &[&'static str],
) {
    let text = json.get(at.0..at.1).unwrap_or_default();
    let shaped = skip.contains(path);
    let mut stop = at.0;
    if !shaped {
        let Err(first) = read(text) else { return };
        stop += push_in(problems, json, text, at.0, path, &first);
        if first.classify() != Category::Data {
            return;
        }
    }
    if json.as_bytes().get(at.0) != Some(&b'{') {
        return;
    }
    let Ok((members, _)) = entries(json, at.0, true) else {
        return;
    };
    let mut one = String::new();
    // After the member the first problem is in (none for a missing field, met at the end).
    for m in members
        .iter()
        .filter(|m| m.end >= stop)
        .skip(usize::from(!shaped))
    {
        if shaped && skip.contains(&format!("{path}.{}", m.key)) {
            continue;
        }
        one.clear();
        one.push('{');
        one.push_str(json.get(m.from..m.end).unwrap_or_default());
        one.push('}');
        if let Err(e) = read(&one) {
            // A required field the member alone lacks, met after its `}`, is not a problem.
            if path::offset_of(&one, e.line(), e.column()) < one.len() {
                push_in(problems, json, &one, m.from - 1, path, &e);
            }
        }
    }
    // A first problem met after every member is the first required field not given
    // (the reader checks them in this order once all members are read): it is listed.
    let listed = !shaped && members.iter().all(|m| m.end < stop);
    let absent = required
        .iter()
        .filter(|f| !members.iter().any(|m| m.key == **f));
    for field in absent.skip(usize::from(listed)) {
        let e = <serde_json::Error as serde::de::Error>::missing_field(field);
        let mut problem = json_problem(path.to_owned(), &e);
        place(json, at.1, &mut problem);
        problems.push(problem);
    }
}

/// Add the problem serde_json found reading the value at the byte range `at` of `json`,
/// read at `path` ([`push_in`]).
fn push_at(
    problems: &mut Collector,
    json: &str,
    at: (usize, usize),
    path: &str,
    e: &serde_json::Error,
) {
    let part = json.get(at.0..at.1).unwrap_or_default();
    push_in(problems, json, part, at.0, path, e);
}

/// Add the problem serde_json found reading `part`, a text whose first byte stands at
/// `base` in `json`, read at `path`: its path inside the text added to `path`, its line
/// and column those of the whole document. Returns the offset in `part` where reading
/// stopped. (Once the list is full, the problem is only counted: no position is worked
/// out, so that a document with many problems is still read in linear time.)
fn push_in(
    problems: &mut Collector,
    json: &str,
    part: &str,
    base: usize,
    path: &str,
    e: &serde_json::Error,
) -> usize {
    let offset = match e.line() {
        0 => 0,
        line => path::offset_of(part, line, e.column()),
    };
    if problems.is_full() {
        problems.push(json_problem(String::new(), e));
        return offset;
    }
    let mut inner = String::new();
    if e.line() > 0 {
        let after_value =
            e.classify() == Category::Data && !e.to_string().starts_with("missing field");
        inner = path::path_at(part, path::error_offset(part, offset, after_value));
    }
    let full = match inner.as_str() {
        "" => path.to_owned(),
        i if i.starts_with('[') => format!("{path}{i}"),
        i => format!("{path}.{i}"),
    };
    let mut problem = json_problem(full, e);
    place(json, base + offset, &mut problem);
    problems.push(problem);
    offset
}

/// Set the problem's line and column to those of the byte `offset` of `json`.
fn place(json: &str, offset: usize, problem: &mut Problem) {
    let before = json.as_bytes().get(..offset).unwrap_or_default();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    problem.location.line = Some(before.iter().filter(|&&b| b == b'\n').count() as u64 + 1);
    problem.location.column = Some((offset - line_start) as u64);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_shape_locates_repeats_and_arrays() {
        let err = |text: &str| check_shape(text, ROADMAP_ARRAY_KEYS, true).unwrap_err();
        // The second "c" opens at byte 22; the object is the first item of a.nodes.
        let e = err(r#"{"a":{"nodes":[{"c":1,"c":2}]}}"#);
        assert_eq!(e.code(), ErrorCode::DuplicateKey);
        let at = e.location();
        assert_eq!((at.line, at.column), (Some(1), Some(23)));
        assert_eq!(
            (at.path.as_deref(), at.field.as_deref()),
            (Some("a.nodes[0]"), Some("c"))
        );
        // A repeat after the 16th key of one object (checked by a set), at the top.
        let keys: Vec<String> = (0..19).map(|i| format!("\"k{i}\":{i}")).collect();
        let e = err(&format!("{{{},\"k3\":0}}", keys.join(",")));
        assert_eq!(e.message(), "the key \"k3\" appears twice in one object");
        assert_eq!(
            (e.location().path.as_deref(), e.location().field.as_deref()),
            (None, Some("k3"))
        );
        // An escaped key is compared by its value; lines count from 1.
        let e = err("{\n  \"\\u0061\": 1,\n  \"a\": 2\n}");
        assert_eq!((e.location().line, e.location().column), (Some(3), Some(3)));
        // Without the duplicate check, repeats pass; an array is still refused where an
        // object is expected, at the key that holds it (its bracket at byte 31).
        assert!(check_shape(r#"{"a":1,"a":2}"#, ROADMAP_ARRAY_KEYS, false).is_ok());
        let e = err(r#"{"nodes":[{"id":"x","deadline":["p"]}]}"#);
        assert_eq!(e.code(), ErrorCode::WrongType);
        assert_eq!(e.location().path.as_deref(), Some("nodes[0].deadline"));
        assert_eq!(e.location().column, Some(32));
        let quoted = r#"{"nodes":[{"owners":["x"],"extra":{"k":"[{\"}"}}]}"#;
        assert!(check_shape(quoted, ROADMAP_ARRAY_KEYS, true).is_ok());
        // Every problem, in the order met: two repeats in two records, then an array.
        let e = err(r#"{"nodes":[{"id":1,"id":2},{"kind":1,"kind":2}],"title":[1]}"#);
        let found: Vec<(ErrorCode, Option<String>)> = e
            .problems()
            .iter()
            .map(|p| (p.code, p.location.path.clone()))
            .collect();
        assert_eq!(
            found,
            [
                (ErrorCode::DuplicateKey, Some("nodes[0]".to_owned())),
                (ErrorCode::DuplicateKey, Some("nodes[1]".to_owned())),
                (ErrorCode::WrongType, Some("title".to_owned())),
            ]
        );
    }

    /// Each problem as (code, line, column, path, message).
    fn listed(json: &str) -> Vec<(ErrorCode, u64, u64, String, String)> {
        let err = Roadmap::from_json_str_unchecked(json).unwrap_err();
        err.problems()
            .into_iter()
            .map(|p| {
                let at = p.location;
                let (line, column) = (at.line.unwrap(), at.column.unwrap());
                (p.code, line, column, at.path.unwrap_or_default(), p.message)
            })
            .collect()
    }

    #[test]
    fn every_field_of_a_record_is_reported_where_its_value_is() {
        let json = concat!(
            r#"{"id": "plan", "title": "Plan", "publisher": "Us", "published": "2026-01-19", "nodes": ["#,
            "\n",
            r#" {"id": "a", "kind": "chapter", "title": 7, "weight": "heavy"},"#,
            "\n",
            r#" {"id": "b", "kind": "section", "title": "B"},"#,
            "\n",
            r#" {"kind": "area", "colour": 1, "deadline": {"written_on": "2026-02-30", "phrase": "soon"}}],"#,
            "\n",
            r#" "updates": [{"node": "a", "date": "2026-03-01", "note": 6, "status": 7}]}"#,
        );
        let kinds = "`section`, `subcategory`, `area`, `commitment`, `milestone`";
        let fields = "`id`, `kind`, `parent`, `title`, `summary`, `owners`, `tags`, `weight`, \
                      `sources`, `deadline`, `expectation`, `extra`";
        let string = |v: &str| format!("invalid type: integer `{v}`, expected a string");
        // Columns counted on each line: node 0's "chapter" closes at 30, its 7 is at 42 and
        // "heavy" closes at 61. Node 2: the key "colour" closes at 26, the date's text at
        // 70 and the node at 90, where its two missing fields are reported (id, then
        // title, the order they are checked in). The update's 6 is at 58, its 7 at 71.
        let expected = [
            (
                ErrorCode::UnknownValue,
                2,
                30,
                "nodes[0].kind",
                format!("unknown variant `chapter`, expected one of {kinds}"),
            ),
            (ErrorCode::WrongType, 2, 42, "nodes[0].title", string("7")),
            (
                ErrorCode::WrongType,
                2,
                61,
                "nodes[0].weight",
                "invalid type: string \"heavy\", expected f64".to_owned(),
            ),
            (
                ErrorCode::UnknownField,
                4,
                26,
                "nodes[2].colour",
                format!("unknown field `colour`, expected one of {fields}"),
            ),
            (
                ErrorCode::InvalidDate,
                4,
                70,
                "nodes[2].deadline.written_on",
                "invalid date \"2026-02-30\": February 2026 has 28 days".to_owned(),
            ),
            (
                ErrorCode::MissingField,
                4,
                90,
                "nodes[2]",
                "missing field `id`".to_owned(),
            ),
            (
                ErrorCode::MissingField,
                4,
                90,
                "nodes[2]",
                "missing field `title`".to_owned(),
            ),
            (ErrorCode::WrongType, 5, 58, "updates[0].note", string("6")),
            (
                ErrorCode::WrongType,
                5,
                71,
                "updates[0].status",
                string("7"),
            ),
        ];
        let expected: Vec<_> = expected
            .into_iter()
            .map(|(c, l, col, p, m)| (c, l, col, p.to_owned(), m))
            .collect();
        assert_eq!(listed(json), expected);
    }

    #[test]
    fn a_record_with_a_repeated_key_is_read_without_it() {
        // The repeated "id" (its second opening quote at column 21 of line 2) is found by
        // the scan; the node's other members are then read one by one ("x" closes at
        // column 40), and neither "id" is read.
        let json = "{\"id\": \"p\", \"title\": \"P\", \"publisher\": \"Us\", \"published\": \"2026-01-19\",\n\
                    \"nodes\": [{\"id\": 1, \"id\": 2, \"kind\": \"x\", \"title\": \"T\"}]}";
        let got: Vec<_> = listed(json)
            .into_iter()
            .map(|(c, l, col, p, _)| (c, l, col, p))
            .collect();
        assert_eq!(
            got,
            [
                (ErrorCode::DuplicateKey, 2, 21, "nodes[0]".to_owned()),
                (ErrorCode::UnknownValue, 2, 40, "nodes[0].kind".to_owned()),
            ]
        );
    }

    #[test]
    fn a_record_with_several_problems_lists_each_as_alone() {
        // Each bad value, put alone in a valid node, gives one problem; put together in
        // one node, they give the same problems (code, path and message): first the
        // array where a single value belongs (found by the scan of the whole text before
        // any record is read), then the others in the order of the node's text, then the
        // required fields it lacks.
        let head = r#"{"id": "p", "title": "P", "publisher": "Us", "published": "2026-01-19", "nodes": [{"#;
        let bad = [
            r#""id": 1"#,
            r#""kind": "chapter""#,
            r#""owners": "x""#,
            r#""title": ["T"]"#,
            r#""weight": true"#,
            r#""deadline": {"phrase": "soon", "written_on": "2026-13-01"}"#,
            r#""extra": {"k": 1}"#,
            r#""zzz": null"#,
        ];
        let good = [r#""id": "a""#, r#""kind": "section""#, r#""title": "A""#];
        let alone = |field: &str| {
            let mut members: Vec<&str> = good
                .iter()
                .copied()
                .filter(|g| g.split(':').next() != field.split(':').next())
                .collect();
            members.push(field);
            let problems = listed(&format!("{head}{}}}]}}", members.join(", ")));
            assert_eq!(problems.len(), 1, "{field}");
            problems
                .into_iter()
                .map(|(c, _, _, p, m)| (c, p, m))
                .next()
                .unwrap()
        };
        for n in 1..=bad.len() {
            for start in 0..=bad.len() - n {
                let members = &bad[start..start + n];
                let together = listed(&format!("{head}{}}}]}}", members.join(", ")));
                let mut expected: Vec<_> = members.iter().map(|m| alone(m)).collect();
                expected.sort_by_key(|(_, _, message)| !message.starts_with("an array"));
                for field in ["id", "kind", "title"] {
                    if !members
                        .iter()
                        .any(|m| m.starts_with(&format!("\"{field}\"")))
                    {
                        expected.push((
                            ErrorCode::MissingField,
                            "nodes[0]".to_owned(),
                            format!("missing field `{field}`"),
                        ));
                    }
                }
                let got: Vec<_> = together
                    .into_iter()
                    .map(|(c, _, _, p, m)| (c, p, m))
                    .collect();
                assert_eq!(got, expected, "{members:?}");
            }
        }
    }

    #[test]
    fn problems_past_the_limit_are_counted() {
        // 60 nodes with two bad fields each: 100 listed, then the count of the other 20.
        let nodes: Vec<String> = (0..60)
            .map(|i| format!(r#"{{"id": "n{i}", "kind": "x", "title": 2}}"#))
            .collect();
        let json = format!(
            r#"{{"id": "p", "title": "P", "publisher": "Us", "published": "2026-01-19", "nodes": [{}]}}"#,
            nodes.join(",")
        );
        let err = Roadmap::from_json_str_unchecked(&json).unwrap_err();
        let problems = err.problems();
        assert_eq!(problems.len(), crate::MAX_PROBLEMS + 1);
        assert_eq!(
            problems[99].location.path.as_deref(),
            Some("nodes[49].title")
        );
        assert_eq!(problems[100].code, ErrorCode::TooManyProblems);
        assert!(problems[100].message.starts_with("20 more problems"));
    }

    #[test]
    fn the_required_fields_are_those_the_readers_check() {
        // Each field of a full record, left out, is missing exactly when it is listed.
        let records: [(&str, &[&str], Read); 4] = [
            (
                r#"{"id": "s", "title": "S", "publisher": "P", "date": "2026-01-01", "url": "u", "extra": {}}"#,
                SOURCE_REQUIRED,
                read::<Source>,
            ),
            (
                r#"{"id": "a", "kind": "area", "parent": "s", "title": "A", "summary": "", "owners": [], "tags": [], "weight": 1, "sources": [], "extra": {}}"#,
                NODE_REQUIRED,
                read::<Node>,
            ),
            (
                r#"{"node": "a", "date": "2026-01-01", "status": "done", "source": "s", "note": "", "extra": {}}"#,
                UPDATE_REQUIRED,
                read::<StatusUpdate>,
            ),
            (
                r#"{"id": "m", "node": "a", "title": "M", "unit": "%", "extra": {}}"#,
                METRIC_REQUIRED,
                read::<Metric>,
            ),
        ];
        for (full, required, read) in records {
            assert!(read(full).is_ok(), "{full}");
            let value: serde_json::Value = serde_json::from_str(full).unwrap();
            let mut missing = Vec::new();
            for key in value.as_object().unwrap().keys() {
                let mut less = value.clone();
                less.as_object_mut().unwrap().remove(key);
                if read(&less.to_string()).is_err() {
                    missing.push(key.as_str());
                }
            }
            let mut listed = required.to_vec();
            listed.sort_unstable();
            assert_eq!(missing, listed, "{full}");
        }
    }

    #[test]
    fn indent_is_serde_jsons_pretty_formatter() {
        let value = serde_json::json!({
            "a": [],
            "b": {},
            "c": [1, 2.5, -3e-7, {"d": "x,y:{}[]\"\\\n\u{e9}", "e": [[]], "f": [{}]}],
            "g": null,
            "h": true,
            "": "",
        });
        assert_eq!(
            to_string_pretty(&value).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
        let roadmap = Roadmap::uk_digital_2026();
        assert_eq!(
            to_string_pretty(&roadmap).unwrap(),
            serde_json::to_string_pretty(&roadmap).unwrap()
        );
        for text in ["[]", "{}", "1", "\"\\\\\"", "[[],{},[[{}]]]"] {
            let v: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(
                to_string_pretty(&v).unwrap(),
                serde_json::to_string_pretty(&v).unwrap()
            );
        }
    }
}
