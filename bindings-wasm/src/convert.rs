//! Arguments in, plain JS data out.
//!
//! Every result crosses as JSON text read by the engine's own `JSON.parse` ([`to_js`]):
//! plain objects and arrays (never `Map`s), numbers (never `BigInt`), dates as
//! `YYYY-MM-DD`, with the keys of the JSON documents and the Python dicts. One string
//! across the boundary is much faster than a call per field.

use chrono::NaiveDate;
use roadmap_tracker::dates::parse_iso_date;
use roadmap_tracker::status::{Rules, Step};
use roadmap_tracker::{Error, Location};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use crate::errors::{argument_error, core_error};

/// The plain JS value of anything the core can serialize.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|e| argument_error("result", &format!("cannot convert the result: {e}")))?;
    js_sys::JSON::parse(&text)
}

/// The JSON text of a JS value (an object given where the core wants JSON).
pub(crate) fn json_text(value: &JsValue, argument: &str) -> Result<String, JsValue> {
    if value.is_string() {
        return string(value, argument);
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| argument_error(argument, &format!("{argument} cannot be read as JSON")))
}

fn local_date(d: &js_sys::Date) -> Option<NaiveDate> {
    let (year, month, day) = (d.get_full_year(), d.get_month(), d.get_date());
    if year > 9999 || month > 11 || day == 0 || day > 31 {
        return None; // an invalid Date has NaN parts, which read as 0
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month + 1, day)
}

/// An optional date argument: `undefined` or `null` is `None`; otherwise a `YYYY-MM-DD`
/// string or a JS `Date` (its local calendar day).
pub(crate) fn opt_date(value: &JsValue, argument: &str) -> Result<Option<NaiveDate>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if let Some(text) = value.as_string() {
        return parse_iso_date(&text)
            .map(Some)
            .map_err(|e| argument_error(argument, &e.message()));
    }
    match value.dyn_ref::<js_sys::Date>() {
        Some(d) => local_date(d)
            .map(Some)
            .ok_or_else(|| argument_error(argument, &format!("{argument} is an invalid Date"))),
        None => Err(argument_error(
            argument,
            &format!("{argument} must be a YYYY-MM-DD string or a Date"),
        )),
    }
}

/// A required date argument (`writtenOn`, `since`).
pub(crate) fn date(value: &JsValue, argument: &str) -> Result<NaiveDate, JsValue> {
    opt_date(value, argument)?.ok_or_else(|| {
        argument_error(
            argument,
            &format!("{argument} is required: a YYYY-MM-DD string or a Date"),
        )
    })
}

/// An "as of" date: when omitted, today in the user's time zone. This is the one place
/// the package reads a clock (the core never does); every other date is required or
/// decided by the core.
pub(crate) fn as_of(value: &JsValue, argument: &str) -> Result<NaiveDate, JsValue> {
    match opt_date(value, argument)? {
        Some(d) => Ok(d),
        None => local_date(&js_sys::Date::new_0())
            .ok_or_else(|| argument_error(argument, "the clock gives no valid date today")),
    }
}

/// Status rules: `undefined` or `null` for the documented defaults, otherwise an object
/// (or its JSON text) with any of the keys of `Rules`, the rest taking their defaults.
pub(crate) fn rules(value: &JsValue) -> Result<Rules, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Rules::default());
    }
    Rules::from_json(&json_text(value, "rules")?).map_err(|e| core_error(&e))
}

/// A history step: `"daily"`, `"weekly"` or `"monthly"`, read by the core (which also
/// says what an omitted step means).
pub(crate) fn step(value: &JsValue) -> Result<Step, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Step::default());
    }
    string(value, "step")?
        .parse()
        .map_err(|e: roadmap_tracker::Error| core_error(&e.for_argument("step")))
}

/// A property of an options object (`undefined` when absent or not an object).
pub(crate) fn option(options: &JsValue, key: &str) -> JsValue {
    if options.is_object() {
        js_sys::Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// A string argument; anything else is an `ArgumentError` (wasm-bindgen would otherwise
/// turn `undefined` into the text "undefined").
///
/// A string with a lone surrogate (which UTF-8 cannot hold, and which would otherwise
/// become U+FFFD unseen) is refused too, with the core's error (`Error::lone_surrogate_in`).
/// The conversion writes U+FFFD for one, so only a string that has one afterwards is
/// checked unit by unit (one call per unit is slow).
pub(crate) fn string(value: &JsValue, argument: &str) -> Result<String, JsValue> {
    let text = match value.dyn_ref::<js_sys::JsString>() {
        // A long text (a roadmap file) through the engine's own encoder: wasm-bindgen's
        // conversion copies ASCII one unit at a time in JS, several times slower.
        Some(s) if s.length() > 4096 => {
            String::from_utf8(TextEncoder::new().encode(s).to_vec()).ok()
        }
        _ => value.as_string(),
    }
    .ok_or_else(|| argument_error(argument, &format!("{argument} must be a string")))?;
    // U+FFFD is EF BF BD: a byte search first (a char search for it is slow in wasm).
    let lone = (text.as_bytes().contains(&0xEF) && text.contains('\u{fffd}'))
        .then(|| value.dyn_ref::<js_sys::JsString>())
        .flatten()
        .filter(|s| !s.is_valid_utf16())
        .and_then(|s| {
            Error::lone_surrogate_in(Location::path(argument), &s.iter().collect::<Vec<u16>>())
        });
    match lone {
        Some(e) => Err(core_error(&e)),
        None => Ok(text),
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &js_sys::JsString) -> js_sys::Uint8Array;
}

/// An array of strings; `argument[i]` names the first entry that is not a string.
pub(crate) fn strings(value: &JsValue, argument: &str) -> Result<Vec<String>, JsValue> {
    let Some(array) = value.dyn_ref::<js_sys::Array>() else {
        return Err(argument_error(
            argument,
            &format!("{argument} must be an array of strings"),
        ));
    };
    let mut out = Vec::with_capacity(array.length() as usize);
    for (i, item) in array.iter().enumerate() {
        out.push(string(&item, &format!("{argument}[{i}]"))?);
    }
    Ok(out)
}
