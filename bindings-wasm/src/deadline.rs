//! Deadline phrases: one, many, EDTF, and judged as of a date; the status rule tables.

use roadmap_tracker::deadline::{self, Deadline, Judgment};
use roadmap_tracker::status::{Rules, RULES};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{as_of, date, opt_date, option, string, strings, to_js};
use crate::errors::{core_error, error_data};

/// Read a deadline phrase written on `writtenOn` (required: a phrase is read against the
/// date of the document that wrote it, never today) into its window, under the UK
/// conventions of `docs/deadlines.md`. Returns the same fields as Python's `Deadline`.
#[wasm_bindgen(js_name = parseDeadline, unchecked_return_type = "Deadline")]
pub fn parse_deadline(
    #[wasm_bindgen(unchecked_param_type = "string")] phrase: JsValue,
    #[wasm_bindgen(js_name = writtenOn, unchecked_param_type = "DateLike")] written_on: JsValue,
) -> Result<JsValue, JsValue> {
    let phrase = string(&phrase, "phrase")?;
    let written_on = date(&written_on, "writtenOn")?;
    to_js(&deadline::parse(&phrase, written_on).map_err(|e| core_error(&e))?)
}

/// Read an EDTF (ISO 8601-2) string such as `2026-22` (summer 2026) or `../2028-03` into a
/// deadline, as `parseDeadline` does for phrases.
#[wasm_bindgen(js_name = parseEdtf, unchecked_return_type = "Deadline")]
pub fn parse_edtf(
    #[wasm_bindgen(unchecked_param_type = "string")] edtf: JsValue,
    #[wasm_bindgen(js_name = writtenOn, unchecked_param_type = "DateLike")] written_on: JsValue,
) -> Result<JsValue, JsValue> {
    let edtf = string(&edtf, "edtf")?;
    let written_on = date(&written_on, "writtenOn")?;
    to_js(&deadline::parse_edtf(&edtf, written_on).map_err(|e| core_error(&e))?)
}

/// Judge a deadline (what `parseDeadline` returned) as of `asOf` (today when omitted),
/// given the delivery date if there is one: `{state, days, rule}`, as Python's
/// `Deadline.judge`. A delivery after `asOf` is not yet known and is ignored.
#[wasm_bindgen(js_name = judgeDeadline, unchecked_return_type = "Judgment")]
pub fn judge_deadline(
    #[wasm_bindgen(unchecked_param_type = "Deadline")] deadline: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "DateLike | null")] as_of_date: JsValue,
    #[wasm_bindgen(js_name = deliveredOn, unchecked_param_type = "DateLike | null")]
    delivered_on: JsValue,
) -> Result<JsValue, JsValue> {
    // The deadline's own phrase and date are read again: the same window, by the core.
    let phrase = string(&option(&deadline, "phrase"), "deadline.phrase")?;
    let written_on = date(&option(&deadline, "written_on"), "deadline.written_on")?;
    let as_of_date = as_of(&as_of_date, "asOf")?;
    let delivered_on = opt_date(&delivered_on, "deliveredOn")?;
    let d = deadline::parse(&phrase, written_on).map_err(|e| core_error(&e))?;
    to_js(&d.judge(as_of_date, delivered_on))
}

/// One entry of `parseDeadlines`.
#[derive(Serialize)]
struct Parsed {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    deadline: Option<Deadline>,
    #[serde(skip_serializing_if = "Option::is_none")]
    judgment: Option<Judgment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Read many phrases, all written on `writtenOn`, in one call. Never throws for a refused
/// phrase: each entry is `{ok: true, deadline, judgment?}` or `{ok: false, error}`, where
/// `error` has the fields of a thrown `DeadlineError`. With `options.asOf` (and optionally
/// `options.deliveredOn`), each deadline is also judged.
#[wasm_bindgen(js_name = parseDeadlines, unchecked_return_type = "ParsedDeadline[]")]
pub fn parse_deadlines(
    #[wasm_bindgen(unchecked_param_type = "string[]")] phrases: JsValue,
    #[wasm_bindgen(js_name = writtenOn, unchecked_param_type = "DateLike")] written_on: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ asOf?: DateLike; deliveredOn?: DateLike } | null")]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let phrases = strings(&phrases, "phrases")?;
    let written_on = date(&written_on, "writtenOn")?;
    let judge_on = opt_date(&option(&options, "asOf"), "asOf")?;
    let delivered_on = opt_date(&option(&options, "deliveredOn"), "deliveredOn")?;
    let out: Vec<Parsed> = phrases
        .iter()
        .map(|p| match deadline::parse(p, written_on) {
            Ok(d) => Parsed {
                ok: true,
                judgment: judge_on.map(|a| d.judge(a, delivered_on)),
                deadline: Some(d),
                error: None,
            },
            Err(e) => Parsed {
                ok: false,
                deadline: None,
                judgment: None,
                error: Some(error_data(&e)),
            },
        })
        .collect();
    to_js(&out)
}

/// The status rule table, in the order the rules are tried: `{id, when, status, rag}`.
#[wasm_bindgen(js_name = statusRules, unchecked_return_type = "RuleInfo[]")]
pub fn status_rules() -> Result<JsValue, JsValue> {
    to_js(&RULES)
}

/// The documented default rules (`docs/status-rules.md`), as an object that can be changed
/// and passed back as the `rules` option.
#[wasm_bindgen(js_name = defaultRules, unchecked_return_type = "Rules")]
pub fn default_rules() -> Result<JsValue, JsValue> {
    to_js(&Rules::default())
}
