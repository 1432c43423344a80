//! Deadline phrases: one, many, EDTF, found in running text, and judged as of a date; the
//! status rule tables.

use roadmap_tracker::deadline::{self, Deadline, Judgment};
use roadmap_tracker::status::{Rules, RULES};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::convert::{as_of, date, opt_date, option, string, strings, to_js};
use crate::errors::{core_error, finish, utf16};

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

/// Every deadline expression in a running `text` written on `writtenOn`, in order:
/// `{start, end, text, cues, deadline}`, with `start`/`end` in UTF-16 units (so
/// `text.slice(start, end)` is the expression). Throws a `DeadlineError` for a malformed
/// expression, or with the code `no_deadline_found` when there is none.
#[wasm_bindgen(js_name = findDeadlines, unchecked_return_type = "FoundDeadline[]")]
pub fn find_deadlines(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(js_name = writtenOn, unchecked_param_type = "DateLike")] written_on: JsValue,
) -> Result<JsValue, JsValue> {
    let text = string(&text, "text")?;
    let written_on = date(&written_on, "writtenOn")?;
    let found = deadline::find(&text, written_on).map_err(|e| core_error(&e))?;
    let out = to_js(&found)?;
    for (i, f) in (0u32..).zip(&found) {
        let item = js_sys::Reflect::get_u32(&out, i)?;
        for (key, byte) in [("start", f.span().0), ("end", f.span().1)] {
            let unit = utf16(&text, byte).unwrap_or(0) as f64;
            js_sys::Reflect::set(&item, &key.into(), &unit.into())?;
        }
    }
    Ok(out)
}

/// The core's deadline from its plain data (what `parseDeadline` returned): its own phrase
/// and date read again, which gives the same window.
fn deadline_of(data: &JsValue) -> Result<Deadline, JsValue> {
    let phrase = string(&option(data, "phrase"), "deadline.phrase")?;
    let written_on = date(&option(data, "written_on"), "deadline.written_on")?;
    deadline::parse(&phrase, written_on).map_err(|e| core_error(&e))
}

/// Judge a deadline (what `parseDeadline` returned) as of `asOf` (today when omitted),
/// given the delivery date if there is one: `{state, days, rule}`, as Python's
/// `Deadline.judge`. A delivery after `asOf` is not yet known and is ignored.
#[wasm_bindgen(js_name = judgeDeadline, unchecked_return_type = "Judgment")]
pub fn judge_deadline(
    #[wasm_bindgen(unchecked_param_type = "Deadline")] deadline: JsValue,
    #[wasm_bindgen(js_name = asOf, unchecked_param_type = "DateLike | null | void")]
    as_of_date: JsValue,
    #[wasm_bindgen(js_name = deliveredOn, unchecked_param_type = "DateLike | null | void")]
    delivered_on: JsValue,
) -> Result<JsValue, JsValue> {
    let d = deadline_of(&deadline)?;
    let (as_of_date, delivered_on) = (
        as_of(&as_of_date, "asOf")?,
        opt_date(&delivered_on, "deliveredOn")?,
    );
    to_js(&d.judge(as_of_date, delivered_on))
}

/// A deadline's window as the report prints it (`2026-06-01..2026-08-31`, `..2028-10-31`,
/// `2026-04-01..`, one day once, `no date`): the core's `Deadline::window_text`, of a
/// `Deadline` or of a report's deadline (anything with its `phrase` and `written_on`).
#[wasm_bindgen(js_name = windowText)]
pub fn window_text(
    #[wasm_bindgen(unchecked_param_type = "Pick<Deadline, 'phrase' | 'written_on'>")]
    deadline: JsValue,
) -> Result<String, JsValue> {
    Ok(deadline_of(&deadline)?.window_text())
}

/// One entry of `parseDeadlines`.
#[derive(Serialize)]
struct Parsed<'a> {
    ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    deadline: Option<&'a Deadline>,
    #[serde(skip_serializing_if = "Option::is_none")]
    judgment: Option<Judgment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a roadmap_tracker::Error>,
}

/// Read many phrases, all written on `writtenOn`, in one call. Never throws for a refused
/// phrase: each entry is `{ok: true, deadline, judgment?}` or `{ok: false, error}`, where
/// `error` has the fields of a thrown `DeadlineError`. With `options.asOf` (and optionally
/// `options.deliveredOn`), each deadline is also judged.
#[wasm_bindgen(js_name = parseDeadlines, unchecked_return_type = "ParsedDeadline[]")]
pub fn parse_deadlines(
    #[wasm_bindgen(unchecked_param_type = "string[]")] phrases: JsValue,
    #[wasm_bindgen(js_name = writtenOn, unchecked_param_type = "DateLike")] written_on: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "{ asOf?: DateLike; deliveredOn?: DateLike } | null | void"
    )]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let phrases = strings(&phrases, "phrases")?;
    let written_on = date(&written_on, "writtenOn")?;
    let judge_on = opt_date(&option(&options, "asOf"), "asOf")?;
    let delivered_on = opt_date(&option(&options, "deliveredOn"), "deliveredOn")?;
    let parsed = deadline::parse_all(phrases.iter().map(|p| (p.as_str(), written_on)));
    let out: Vec<Parsed<'_>> = parsed
        .iter()
        .map(|r| match r {
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
                error: Some(e),
            },
        })
        .collect();
    let entries = to_js(&out)?;
    // Each refusal gets the fields of the `DeadlineError` it would throw.
    for (i, e) in parsed.iter().enumerate() {
        if let (Err(e), Ok(i)) = (e, u32::try_from(i)) {
            let entry = js_sys::Reflect::get_u32(&entries, i)?;
            finish(&js_sys::Reflect::get(&entry, &"error".into())?, e);
        }
    }
    Ok(entries)
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
