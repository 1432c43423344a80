//! Arguments in, plain JS data out.
//!
//! Results go out through their serde form as JSON text, read back by the engine's own
//! `JSON.parse`: plain objects and arrays (never `Map`s), numbers (never `BigInt`), dates
//! as `YYYY-MM-DD` strings, and the same keys as the JSON documents and the Python dicts.
//! One string across the boundary is also much faster than a call per field. The biggest
//! result, an evaluation's commitment statuses, goes as columns instead (see `rows`).

use chrono::NaiveDate;
use roadmap_tracker::dates::parse_iso_date;
use roadmap_tracker::status::{Evaluation, Rules, Step};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use crate::errors::{argument_error, core_error};

/// The plain JS value of anything the core can serialize.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|e| argument_error("result", &format!("cannot convert the result: {e}")))?;
    js_sys::JSON::parse(&text)
}

/// An evaluation as a plain JS object: its commitment statuses (the bulk of a big one) go
/// across as columns (see `rows`), the rest as JSON, with `commitments` in its place.
pub(crate) fn evaluation_to_js(mut e: Evaluation) -> Result<JsValue, JsValue> {
    let Some(commitments) = crate::rows::encode(&e.commitments) else {
        return to_js(&e);
    };
    e.commitments = Vec::new();
    let object = to_js(&e)?;
    js_sys::Reflect::set(&object, &JsValue::from_str("commitments"), &commitments)?;
    Ok(object)
}

/// The JSON text of a JS value (an object given where the core wants JSON).
pub(crate) fn json_text(value: &JsValue, argument: &str) -> Result<String, JsValue> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| argument_error(argument, &format!("{argument} cannot be read as JSON")))
}

fn today() -> Option<NaiveDate> {
    // The core never reads a clock; the binding supplies "today", in the user's time zone.
    let now = js_sys::Date::new_0();
    local_date(&now)
}

fn local_date(d: &js_sys::Date) -> Option<NaiveDate> {
    let year = d.get_full_year();
    let month = d.get_month();
    let day = d.get_date();
    if year > 9999 || month > 11 || day == 0 || day > 31 {
        return None; // an invalid Date has NaN parts, which read as 0
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month + 1, day)
}

/// A date argument: a `YYYY-MM-DD` string or a JS `Date` (its local calendar day). Missing
/// (`undefined` or `null`) means today when `today_if_missing`, an error otherwise.
pub(crate) fn date_arg(
    value: &JsValue,
    argument: &str,
    today_if_missing: bool,
) -> Result<NaiveDate, JsValue> {
    if value.is_undefined() || value.is_null() {
        if today_if_missing {
            return today()
                .ok_or_else(|| argument_error(argument, "the clock gives no valid date today"));
        }
        return Err(argument_error(
            argument,
            &format!("{argument} is required: a YYYY-MM-DD string or a Date"),
        ));
    }
    if let Some(text) = value.as_string() {
        return parse_iso_date(&text).map_err(|e| argument_error(argument, &e.message()));
    }
    if let Some(d) = value.dyn_ref::<js_sys::Date>() {
        return local_date(d)
            .ok_or_else(|| argument_error(argument, &format!("{argument} is an invalid Date")));
    }
    Err(argument_error(
        argument,
        &format!("{argument} must be a YYYY-MM-DD string or a Date"),
    ))
}

/// An optional date argument: `undefined` or `null` is `None`.
pub(crate) fn opt_date_arg(value: &JsValue, argument: &str) -> Result<Option<NaiveDate>, JsValue> {
    if value.is_undefined() || value.is_null() {
        Ok(None)
    } else {
        date_arg(value, argument, false).map(Some)
    }
}

/// Status rules: `undefined` or `null` for the documented defaults, otherwise an object
/// (or its JSON text) with any of the keys of `Rules`, the rest taking their defaults.
pub(crate) fn rules_arg(value: &JsValue) -> Result<Rules, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Rules::default());
    }
    let text = json_text(value, "rules")?;
    Rules::from_json(&text).map_err(|e| core_error(&e))
}

/// A history step: `"daily"`, `"weekly"` or `"monthly"` (default).
pub(crate) fn step_arg(value: &JsValue) -> Result<Step, JsValue> {
    let Some(text) = value.as_string() else {
        if value.is_undefined() || value.is_null() {
            return Ok(Step::Monthly);
        }
        return Err(argument_error("step", "step must be a string"));
    };
    serde_json::from_value(serde_json::Value::String(text.clone())).map_err(|_| {
        argument_error(
            "step",
            &format!("unknown step {text:?}: expected daily, weekly or monthly"),
        )
    })
}

/// Read a property of an options object (`undefined` when absent or not an object).
pub(crate) fn option(options: &JsValue, key: &str) -> JsValue {
    if options.is_object() {
        js_sys::Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// A string argument; anything else is an `ArgumentError` (wasm-bindgen would otherwise
/// turn `undefined` into the text "undefined").
pub(crate) fn string_arg(value: &JsValue, argument: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| argument_error(argument, &format!("{argument} must be a string")))
}

/// An array of strings; `argument[i]` names the first entry that is not a string.
pub(crate) fn strings_arg(value: &JsValue, argument: &str) -> Result<Vec<String>, JsValue> {
    let Some(array) = value.dyn_ref::<js_sys::Array>() else {
        return Err(argument_error(
            argument,
            &format!("{argument} must be an array of strings"),
        ));
    };
    let mut out = Vec::with_capacity(array.length() as usize);
    for (i, item) in array.iter().enumerate() {
        out.push(string_arg(&item, &format!("{argument}[{i}]"))?);
    }
    Ok(out)
}
