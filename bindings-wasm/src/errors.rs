//! Errors as real JS `Error` objects.
//!
//! Every error the binding throws is an `Error` whose `name` says the kind
//! (`FormatError`, `ValidationError`, `DeadlineError`, `VocabularyError`, `MetricError`,
//! `ArgumentError`, `IoError`), with the core's stable `code`, its `kind`, where it happened
//! (`file`, `line`, `column`, `path`, `field`, and the same as a `location` object) and
//! every `problem` found. Thrown strings would lose the stack and the fields; a `RangeError`
//! or `TypeError` would say less than the core knows.

use js_sys::{Array, Object, Reflect};
use roadmap_tracker::{Error, ErrorKind, Location, Problem};
use wasm_bindgen::JsValue;

/// The JS `name` of an error of this kind.
fn name_of(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Format => "FormatError",
        ErrorKind::Validation => "ValidationError",
        ErrorKind::Deadline => "DeadlineError",
        ErrorKind::Vocabulary => "VocabularyError",
        ErrorKind::Metric => "MetricError",
        ErrorKind::Argument => "ArgumentError",
        ErrorKind::Io => "IoError",
        // `ErrorKind` is non-exhaustive: a kind added later is still an error.
        _ => "RoadmapError",
    }
}

/// Set a property; setting a plain property on a fresh object cannot fail.
fn set(target: &JsValue, key: &str, value: JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), &value);
}

fn opt_str(v: Option<&str>) -> JsValue {
    v.map_or(JsValue::NULL, JsValue::from_str)
}

fn opt_num(v: Option<u64>) -> JsValue {
    // Lines and columns are far below 2^53; f64 holds them exactly.
    v.map_or(JsValue::NULL, |n| JsValue::from_f64(n as f64))
}

/// Set `file`, `line`, `column`, `path` and `field` on `target`.
fn set_location_fields(target: &JsValue, at: &Location) {
    set(target, "file", opt_str(at.file.as_deref()));
    set(target, "line", opt_num(at.line));
    set(target, "column", opt_num(at.column));
    set(target, "path", opt_str(at.path.as_deref()));
    set(target, "field", opt_str(at.field.as_deref()));
}

fn location_object(at: &Location) -> JsValue {
    let o: JsValue = Object::new().into();
    set_location_fields(&o, at);
    o
}

fn problem_object(p: &Problem) -> JsValue {
    let o: JsValue = Object::new().into();
    set(&o, "code", JsValue::from_str(p.code.as_str()));
    set(&o, "kind", JsValue::from_str(p.code.kind().as_str()));
    set(&o, "message", JsValue::from_str(&p.message));
    set(&o, "location", location_object(&p.location));
    set(&o, "where", JsValue::from_str(&p.location.to_string()));
    o
}

/// A new `Error` with the given name, message, code and kind.
fn base(name: &str, message: &str, code: &str, kind: &str) -> js_sys::Error {
    let e = js_sys::Error::new(message);
    e.set_name(name);
    set(&e, "code", JsValue::from_str(code));
    set(&e, "kind", JsValue::from_str(kind));
    e
}

/// The UTF-16 index of a byte offset in `text` (what `String.prototype.slice` takes).
pub(crate) fn utf16_offset(text: &str, byte: usize) -> Option<usize> {
    text.get(..byte).map(|prefix| prefix.encode_utf16().count())
}

fn utf16_index(text: &str, byte: usize) -> JsValue {
    utf16_offset(text, byte).map_or(JsValue::NULL, |i| JsValue::from_f64(i as f64))
}

/// Set the deadline fields: the phrase, the byte span (as in the shared fixtures and the
/// other bindings) and the same span in UTF-16 indices, for `phrase.slice()`.
fn set_span(target: &JsValue, phrase: &str, e: &Error) {
    set(target, "phrase", JsValue::from_str(phrase));
    set(target, "reason", JsValue::from_str(e.code().as_str()));
    match e.span() {
        Some((start, end)) => {
            set(target, "start", JsValue::from_f64(start as f64));
            set(target, "end", JsValue::from_f64(end as f64));
            set(target, "startIndex", utf16_index(phrase, start));
            set(target, "endIndex", utf16_index(phrase, end));
        }
        None => {
            for key in ["start", "end", "startIndex", "endIndex"] {
                set(target, key, JsValue::NULL);
            }
        }
    }
}

/// A refused deadline phrase: `name` `DeadlineError`, `code` the engine's reason
/// (`unrecognised_word`, `impossible_date`…), the span, and an empty location.
/// The engine's wording of a refusal, as this binding has always shown it:
/// `code (bytes s..e): message`.
pub(crate) fn engine_text(e: &Error) -> String {
    match e.span() {
        Some((start, end)) => format!("{} (bytes {start}..{end}): {}", e.code(), e.message()),
        None => format!("{}: {}", e.code(), e.message()),
    }
}

pub(crate) fn deadline_error(phrase: &str, e: &Error) -> JsValue {
    let err = base(
        "DeadlineError",
        &engine_text(e),
        e.code().as_str(),
        "deadline",
    );
    set_span(&err, phrase, e);
    let at = Location::default();
    set_location_fields(&err, &at);
    set(&err, "location", location_object(&at));
    set(&err, "problems", Array::new().into());
    err.into()
}

/// Any error of the core.
pub(crate) fn core_error(e: &Error) -> JsValue {
    let kind = e.kind();
    let message = match e.phrase() {
        // The wording this binding has always used for a roadmap's refused phrase.
        Some(phrase) => format!(
            "deadline {phrase:?} at {}: {}",
            e.location(),
            engine_text(e)
        ),
        None => e.to_string(),
    };
    let err = base(name_of(kind), &message, e.code().as_str(), kind.as_str());
    let at = e.location();
    set_location_fields(&err, &at);
    set(&err, "location", location_object(&at));
    let problems = Array::new();
    for p in e.problems() {
        problems.push(&problem_object(&p));
    }
    set(&err, "problems", problems.into());
    if let Some(phrase) = e.phrase() {
        // A roadmap's phrase refused: keep the engine's reason and span as well.
        set_span(&err, phrase, e);
    }
    err.into()
}

/// A bad argument (a malformed date, an unknown step, rules that are not an object).
/// `argument` names the parameter, and is the error's `path`.
pub(crate) fn argument_error(argument: &str, message: &str) -> JsValue {
    let err = base("ArgumentError", message, "invalid_argument", "argument");
    let at = Location::path(argument);
    set_location_fields(&err, &at);
    set(&err, "location", location_object(&at));
    let problem = Problem::new(roadmap_tracker::ErrorCode::InvalidArgument, at, message);
    let problems = Array::new();
    problems.push(&problem_object(&problem));
    set(&err, "problems", problems.into());
    err.into()
}
