//! Errors as real JS `Error` objects, made from the core's serialised error.
//!
//! Every error the package throws is an `Error` whose `name` says the kind (`FormatError`,
//! `ValidationError`, `DeadlineError`, `VocabularyError`, `MetricError`, `ArgumentError`,
//! `IoError`), whose `message` is the core's bare message, and which carries every field
//! of the core's serialised error, as Python's exceptions do: `code`, `kind`, `location`
//! (also as `file`, `line`, `column`, `path`, `field`), `problems`, and for a refused
//! phrase `phrase` and `span` (also as `start`, `end`). Positions are UTF-16 code units,
//! what `String.prototype.slice` takes: [`utf16`] converts the core's byte offsets.

use roadmap_tracker::{Error, ErrorCode, Location, Problem};
use serde_json::{Map, Value};
use wasm_bindgen::JsValue;

/// The JS `name` of an error of this kind.
fn name_of(kind: &str) -> &'static str {
    match kind {
        "format" => "FormatError",
        "validation" => "ValidationError",
        "deadline" => "DeadlineError",
        "vocabulary" => "VocabularyError",
        "metric" => "MetricError",
        "argument" => "ArgumentError",
        "io" => "IoError",
        _ => "RoadmapError", // a kind added later is still an error
    }
}

/// The UTF-16 index of a byte offset into `text`; `None` off a character boundary.
fn utf16(text: &str, byte: usize) -> Option<usize> {
    text.get(..byte).map(|prefix| prefix.encode_utf16().count())
}

/// Convert `span` (the core's byte offsets into `phrase`) to UTF-16 units, in place;
/// with `flat`, also set `start` and `end` (`null` without a span).
fn convert_span(data: &mut Map<String, Value>, flat: bool) {
    let Some(phrase) = data
        .get("phrase")
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return;
    };
    let at = |key: &str| data.get("span")?.get(key)?.as_u64()?.try_into().ok();
    let span = at("start").zip(at("end"));
    let span = span.and_then(|(s, e)| utf16(&phrase, s).zip(utf16(&phrase, e)));
    if let Some((start, end)) = span {
        data.insert(
            "span".into(),
            serde_json::json!({ "start": start, "end": end }),
        );
    }
    if flat {
        data.insert("start".into(), span.map(|s| s.0).into());
        data.insert("end".into(), span.map(|s| s.1).into());
    }
}

/// The fields of a thrown error, as data: the core's serialised error with positions in
/// UTF-16 units, `name`, and `location` and `span` also flat (as Python's attributes).
pub(crate) fn error_data(e: &Error) -> Map<String, Value> {
    // The core's `Serialize` gives an object; anything else would be an empty one.
    let mut data = match serde_json::to_value(e) {
        Ok(Value::Object(data)) => data,
        _ => Map::new(),
    };
    if let Some(problems) = data.get_mut("problems").and_then(Value::as_array_mut) {
        for p in problems.iter_mut().filter_map(Value::as_object_mut) {
            convert_span(p, false);
        }
    }
    convert_span(&mut data, true);
    let name = name_of(data.get("kind").and_then(Value::as_str).unwrap_or_default());
    data.insert("name".into(), name.into());
    if let Some(Value::Object(at)) = data.get("location").cloned() {
        data.extend(at);
    }
    data
}

/// Any error of the core, as a thrown JS `Error` with the fields of [`error_data`].
pub(crate) fn core_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new("");
    // JSON text of a `Value` always parses.
    if let Ok(fields) = js_sys::JSON::parse(&Value::Object(error_data(e)).to_string()) {
        js_sys::Object::assign(&err, &fields.into());
    }
    err.into()
}

/// A bad argument (a malformed date, an unknown step, rules that are not an object):
/// an `ArgumentError` whose `path` is the parameter's name.
pub(crate) fn argument_error(argument: &str, message: &str) -> JsValue {
    let problem = Problem::new(
        ErrorCode::InvalidArgument,
        Location::path(argument),
        message,
    );
    core_error(&Error::format(problem))
}
