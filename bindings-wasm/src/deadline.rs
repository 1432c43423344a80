//! Deadline phrases: one, many, EDTF, and judged as of a date.

use roadmap_tracker::deadline::{self, Deadline, Judgment};
use roadmap_tracker::status::{Rules, RULES};
use roadmap_tracker::Error;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{date_arg, opt_date_arg, option, string_arg, strings_arg, to_js};
use crate::errors::{deadline_error, utf16_offset};

/// Read a deadline phrase written on `writtenOn` (a `YYYY-MM-DD` string or a `Date`;
/// today when omitted) into its window, under the UK conventions of `docs/deadlines.md`.
///
/// Returns a plain object: `phrase`, `written_on`, `kind`, `earliest`, `latest`,
/// `granularity`, `named`, `part`, `approximate`, `uncertain`, `due_from`, `edtf`, `rules`.
/// Throws a `DeadlineError` (with `code`, `start`, `end`) for a phrase it cannot read with
/// certainty, and an `ArgumentError` for a malformed date.
#[wasm_bindgen(js_name = parseDeadline, unchecked_return_type = "Deadline")]
pub fn parse_deadline(
    #[wasm_bindgen(unchecked_param_type = "string")] phrase: JsValue,
    #[wasm_bindgen(js_name = writtenOn, unchecked_param_type = "DateLike | null")]
    written_on: JsValue,
) -> Result<JsValue, JsValue> {
    let phrase = string_arg(&phrase, "phrase")?;
    let written_on = date_arg(&written_on, "writtenOn", true)?;
    let d = deadline::parse(&phrase, written_on).map_err(|e| deadline_error(&phrase, &e))?;
    to_js(&d)
}

/// Read an EDTF (ISO 8601-2) string such as `2026-22` (summer 2026) or `../2028-03` into a
/// deadline, as `parseDeadline` does for phrases.
#[wasm_bindgen(js_name = parseEdtf, unchecked_return_type = "Deadline")]
pub fn parse_edtf(
    #[wasm_bindgen(unchecked_param_type = "string")] edtf: JsValue,
    #[wasm_bindgen(js_name = writtenOn, unchecked_param_type = "DateLike | null")]
    written_on: JsValue,
) -> Result<JsValue, JsValue> {
    let edtf = string_arg(&edtf, "edtf")?;
    let written_on = date_arg(&written_on, "writtenOn", true)?;
    let d = deadline::parse_edtf(&edtf, written_on).map_err(|e| deadline_error(&edtf, &e))?;
    to_js(&d)
}

/// Judge a deadline phrase as of `asOf` (today when omitted), given the delivery date if
/// there is one: `{state, days, rule}`. A delivery after `asOf` is not yet known and is
/// ignored.
#[wasm_bindgen(js_name = judgeDeadline, unchecked_return_type = "Judgment")]
pub fn judge_deadline(
    #[wasm_bindgen(unchecked_param_type = "string")] phrase: JsValue,
    #[wasm_bindgen(js_name = writtenOn, unchecked_param_type = "DateLike | null")]
    written_on: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "DateLike | null")] as_of: JsValue,
    #[wasm_bindgen(js_name = deliveredOn, unchecked_param_type = "DateLike | null")]
    delivered_on: JsValue,
) -> Result<JsValue, JsValue> {
    let phrase = string_arg(&phrase, "phrase")?;
    let written_on = date_arg(&written_on, "writtenOn", true)?;
    let as_of = date_arg(&as_of, "asOf", true)?;
    let delivered_on = opt_date_arg(&delivered_on, "deliveredOn")?;
    let d = deadline::parse(&phrase, written_on).map_err(|e| deadline_error(&phrase, &e))?;
    to_js(&d.judge(as_of, delivered_on))
}

/// A refused phrase in a batch: the fields of a thrown `DeadlineError`, as data.
#[derive(Serialize)]
struct Refusal<'a> {
    name: &'static str,
    code: &'static str,
    message: String,
    phrase: &'a str,
    start: Option<usize>,
    end: Option<usize>,
    #[serde(rename = "startIndex")]
    start_index: Option<usize>,
    #[serde(rename = "endIndex")]
    end_index: Option<usize>,
}

impl<'a> Refusal<'a> {
    fn new(phrase: &'a str, e: &Error) -> Self {
        let span = e.span();
        Refusal {
            name: "DeadlineError",
            code: e.code().as_str(),
            message: crate::errors::engine_text(e),
            phrase,
            start: span.map(|s| s.0),
            end: span.map(|s| s.1),
            start_index: span.and_then(|s| utf16_offset(phrase, s.0)),
            end_index: span.and_then(|s| utf16_offset(phrase, s.1)),
        }
    }
}

/// One entry of `parseDeadlines`.
#[derive(Serialize)]
#[serde(untagged)]
enum Parsed<'a> {
    Ok {
        ok: bool,
        deadline: Deadline,
        #[serde(skip_serializing_if = "Option::is_none")]
        judgment: Option<Judgment>,
    },
    Refused {
        ok: bool,
        error: Refusal<'a>,
    },
}

/// Read many phrases, all written on `writtenOn`, in one call. Never throws for a refused
/// phrase: each entry is `{ok: true, deadline, judgment?}` or `{ok: false, error}`, where
/// `error` has the fields of a thrown `DeadlineError`. With `options.asOf` (and optionally
/// `options.deliveredOn`), each deadline is also judged.
#[wasm_bindgen(js_name = parseDeadlines, unchecked_return_type = "ParsedDeadline[]")]
pub fn parse_deadlines(
    #[wasm_bindgen(unchecked_param_type = "string[]")] phrases: JsValue,
    #[wasm_bindgen(js_name = writtenOn, unchecked_param_type = "DateLike | null")]
    written_on: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ asOf?: DateLike; deliveredOn?: DateLike } | null")]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let phrases = strings_arg(&phrases, "phrases")?;
    let written_on = date_arg(&written_on, "writtenOn", true)?;
    let as_of = opt_date_arg(&option(&options, "asOf"), "asOf")?;
    let delivered_on = opt_date_arg(&option(&options, "deliveredOn"), "deliveredOn")?;
    let out: Vec<Parsed<'_>> = phrases
        .iter()
        .map(|p| match deadline::parse(p, written_on) {
            Ok(d) => Parsed::Ok {
                ok: true,
                judgment: as_of.map(|a| d.judge(a, delivered_on)),
                deadline: d,
            },
            Err(e) => Parsed::Refused {
                ok: false,
                error: Refusal::new(p, &e),
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
