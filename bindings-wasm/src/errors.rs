//! Errors as real JS `Error` objects, made from the core's serialised error.
//!
//! Every error the package throws is an `Error` whose `name` says the kind (`FormatError`,
//! `ValidationError`, `DeadlineError`, `VocabularyError`, `MetricError`, `ArgumentError`,
//! `IoError`), whose `message` is the core's bare message, and which carries every field
//! of the core's serialised error, as Python's exceptions do: `code`, `kind`, `location`
//! (also as `file`, `line`, `column`, `path`, `field`), `problems`, and for a refused
//! phrase `phrase` and `span` (also as `start`, `end`). Positions are UTF-16 code units,
//! what `String.prototype.slice` takes: [`utf16`] converts the core's byte offsets, for
//! thrown errors and for the `error` of an unreadable status alike.

use js_sys::{Object, Reflect};
use roadmap_tracker::report::ReportNode;
use roadmap_tracker::status::CommitmentStatus;
use roadmap_tracker::{Error, ErrorCode, ErrorKind, Location, Problem};
use wasm_bindgen::JsValue;

use crate::convert::to_js;

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
        _ => "RoadmapError", // a kind added later is still an error
    }
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Set a property; setting a plain property on an object cannot fail.
fn set(object: &JsValue, key: &str, value: JsValue) {
    let _ = Reflect::set(object, &key.into(), &value);
}

/// The one conversion of positions: a byte offset into `text` as a UTF-16 index (what
/// `String.prototype.slice` takes); `None` off a character boundary.
pub(crate) fn utf16(text: &str, byte: usize) -> Option<usize> {
    text.get(..byte).map(|prefix| prefix.encode_utf16().count())
}

/// Set `span` of a serialised problem or error to UTF-16 units, and with `flat` also
/// `start` and `end` (`null` when the core gave no span).
fn set_span(object: &JsValue, phrase: Option<&str>, span: Option<(usize, usize)>, flat: bool) {
    let Some(phrase) = phrase else { return };
    let span = span.and_then(|(s, e)| utf16(phrase, s).zip(utf16(phrase, e)));
    let number = |n: Option<usize>| n.map_or(JsValue::NULL, |n| JsValue::from_f64(n as f64));
    if let Some((start, end)) = span {
        let range: JsValue = Object::new().into();
        set(&range, "start", number(Some(start)));
        set(&range, "end", number(Some(end)));
        set(object, "span", range);
    }
    if flat {
        set(object, "start", number(span.map(|s| s.0)));
        set(object, "end", number(span.map(|s| s.1)));
    }
}

/// Make `object` (the core's serialised error, read by `JSON.parse`) the fields of a thrown
/// error: positions in UTF-16 units, `name`, and `location` and `span` also flat (as
/// Python's attributes).
pub(crate) fn finish(object: &JsValue, e: &Error) {
    set(object, "name", name_of(e.kind()).into());
    let location = get(object, "location");
    for key in ["file", "line", "column", "path", "field"] {
        set(object, key, get(&location, key));
    }
    spans(object, e, true);
}

/// Set the spans of `object`, the core's serialised error `e`, and of its problems to
/// UTF-16 units (with `flat`, also its `start` and `end`).
fn spans(object: &JsValue, e: &Error, flat: bool) {
    set_span(object, e.phrase(), e.span(), flat);
    let problems = get(object, "problems");
    for (i, p) in e.problems().iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        set_span(
            &Reflect::get_u32(&problems, i).unwrap_or_default(),
            p.phrase.as_deref(),
            p.span,
            false,
        );
    }
}

/// The spans of an unreadable status's `error` in UTF-16 units: `object` is the status
/// `s` serialised. Nothing for a status without an error.
pub(crate) fn status_spans(object: &JsValue, s: &CommitmentStatus) {
    if let Some(e) = s.error() {
        spans(&get(object, "error"), e, false);
    }
}

/// [`status_spans`] for every status of a list serialised as the array `array`.
pub(crate) fn statuses_spans(array: &JsValue, statuses: &[CommitmentStatus]) {
    for (i, s) in statuses
        .iter()
        .enumerate()
        .filter(|(_, s)| s.error().is_some())
    {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        status_spans(&Reflect::get_u32(array, i).unwrap_or_default(), s);
    }
}

/// [`status_spans`] for every status in a report's tree, serialised as `nodes`.
pub(crate) fn report_spans(nodes: &JsValue, tree: &[ReportNode]) {
    for (i, n) in tree.iter().enumerate() {
        let object =
            Reflect::get_u32(nodes, u32::try_from(i).unwrap_or(u32::MAX)).unwrap_or_default();
        if let Some(s) = &n.status {
            status_spans(&get(&object, "status"), s);
        }
        report_spans(&get(&object, "children"), &n.children);
    }
}

/// Any error of the core, as a thrown JS `Error` with the fields of [`finish`].
pub(crate) fn core_error(e: &Error) -> JsValue {
    let err: JsValue = js_sys::Error::new(&e.message()).into();
    // Serialising a core error cannot fail; if it did, the error keeps its message.
    if let Ok(fields) = to_js(e) {
        Object::assign(&Object::from(err.clone()), &Object::from(fields));
    }
    finish(&err, e);
    err
}

/// A bad argument (a malformed date, rules that are not an object): an `ArgumentError`
/// whose `path` is the parameter's name.
pub(crate) fn argument_error(argument: &str, message: &str) -> JsValue {
    let problem = Problem::new(
        ErrorCode::InvalidArgument,
        Location::path(argument),
        message,
    );
    core_error(&Error::format(problem))
}
