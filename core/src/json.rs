//! The canonical JSON form of a roadmap (see `docs/formats.md`).
//!
//! Reading refuses what it does not understand — an unknown key is an `unknown_field` error
//! rather than silently dropped data — and every error names the JSON path, line and column.
//! Fields the format does not define belong under a record's `extra` object.

use crate::error::{Error, ErrorCode, Location, Problem};
use crate::io::decode_utf8;
use crate::model::Roadmap;

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
        roadmap.validate()?;
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
        let roadmap: Roadmap = from_str_located(json)?;
        Ok(roadmap)
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

    /// Refuse to write numbers that would not read back (NaN, infinities): the only way
    /// writing JSON or CSV can fail.
    pub(crate) fn check_finite_numbers(&self) -> Result<(), Error> {
        let problems: Vec<Problem> = match self.validate() {
            Ok(()) => return Ok(()),
            Err(e) => e
                .problems()
                .into_iter()
                .filter(|p| matches!(p.code, ErrorCode::InvalidNumber | ErrorCode::InvalidWeight))
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
    serde_json::from_str(json).map_err(|e| {
        let path = if e.line() > 0 {
            let at = path::offset_of(json, e.line(), e.column());
            let after_value = e.classify() == serde_json::error::Category::Data
                && !e.to_string().starts_with("missing field");
            path::path_at(json, path::error_offset(json, at, after_value))
        } else {
            String::new()
        };
        Error::format(json_problem(path, &e))
    })
}

pub(crate) fn json_problem(path: String, e: &serde_json::Error) -> Problem {
    use serde_json::error::Category;
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

#[cfg(test)]
mod tests {
    use super::*;

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
