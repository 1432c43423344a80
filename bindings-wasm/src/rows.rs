//! Long lists of flat records (an evaluation's 100,000 commitment statuses) sent to JS as
//! columns rather than JSON text.
//!
//! The JSON route costs, per record, serde_json's formatting in wasm, a UTF-8 decode of the
//! whole text and `JSON.parse`: for 100,000 statuses about 43 MB and four times the time of
//! the evaluation itself. The core lays the records out as [`Columns`] (the names and
//! values of the serde form); here they are only encoded for `rows.js` (bundled with the
//! package by wasm-bindgen): one tag and one number per cell, column by column, and the
//! strings in one text cut at UTF-16 ends (JS string indices). `rows.js` turns that back
//! into plain objects with the same keys, values and key order as `JSON.parse` of the serde
//! form would give. Records that are not flat are refused by the core, and the caller falls
//! back to JSON.

use std::fmt::Write as _;

use chrono::Datelike as _;

use roadmap_tracker::tables::{Column, Columns};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/rows.js")]
extern "C" {
    /// Build the plain objects: see `rows.js`.
    #[wasm_bindgen(js_name = decodeRows)]
    fn decode_rows(
        keys: &[u32],
        text: &str,
        ends: &[u32],
        rows: u32,
        tags: &[u8],
        values: &[f64],
    ) -> JsValue;
}

/// What a cell holds (the tag sent with its number).
const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const NUMBER: u8 = 3;
const STRING: u8 = 4;

/// What `rows.js` reads.
#[derive(Default)]
struct Layout {
    /// The string index of each column's name.
    keys: Vec<u32>,
    /// The strings, concatenated: the table's, then the names, then the dates.
    text: String,
    /// Where each string ends in `text`, in UTF-16 units.
    ends: Vec<u32>,
    /// UTF-16 length of `text` so far.
    units: u32,
    /// One per cell, column by column.
    tags: Vec<u8>,
    values: Vec<f64>,
}

impl Layout {
    fn of(table: Columns) -> Option<Layout> {
        let rows = table.rows();
        let (names, columns, strings) = table.into_parts();
        let cells = rows.checked_mul(columns.len())?;
        // The table's text is taken as it is; only its ends are counted again, in UTF-16
        // units (the byte ends themselves when the text is ASCII, as it mostly is).
        let (text, bytes) = strings.into_parts();
        let mut ends = Vec::with_capacity(bytes.len());
        let ascii = text.is_ascii();
        let (mut start, mut units) = (0, 0u32);
        for &end in &bytes {
            units = match ascii {
                true => u32::try_from(end).ok()?,
                false => units.checked_add(utf16_len(text.get(start..end)?)?)?,
            };
            ends.push(units);
            start = end;
        }
        let mut l = Layout {
            units: ends.last().copied().unwrap_or(0),
            text,
            ends,
            tags: Vec::with_capacity(cells),
            values: Vec::with_capacity(cells),
            ..Layout::default()
        };
        for name in &names {
            let key = l.string(name)?;
            l.keys.push(key);
        }
        // The dates as JSON writes them (chrono's form), each distinct one once.
        let mut date = String::new();
        for column in &columns {
            match column {
                // Tags and values column by column, each an `extend` over the column (a
                // loop without a call per cell).
                Column::Null(n) => l.cells(NULL, *n),
                Column::Bool(v) => {
                    let tag = |b: &Option<bool>| b.map_or(NULL, |b| if b { TRUE } else { FALSE });
                    l.tags.extend(v.iter().map(tag));
                    l.values.resize(l.values.len() + v.len(), 0.0);
                }
                // As JSON.parse reads a number: the nearest double.
                Column::Int(v) => {
                    l.tags
                        .extend(v.iter().map(|n| if n.is_some() { NUMBER } else { NULL }));
                    l.values
                        .extend(v.iter().map(|n| n.map_or(0.0, |n| n as f64)));
                }
                // serde_json writes a NaN or an infinity as null.
                Column::Float(v) => {
                    let finite = |x: &Option<f64>| x.filter(|x| x.is_finite());
                    l.tags.extend(v.iter().map(
                        |x| {
                            if finite(x).is_some() {
                                NUMBER
                            } else {
                                NULL
                            }
                        },
                    ));
                    l.values.extend(v.iter().map(|x| finite(x).unwrap_or(0.0)));
                }
                Column::Text(v) => {
                    l.tags
                        .extend(v.iter().map(|i| if i.is_some() { STRING } else { NULL }));
                    l.values.extend(v.iter().map(|i| i.map_or(0.0, f64::from)));
                }
                Column::Date(v) => {
                    // Each distinct date once, found by its day in the column's range
                    // (a table: cheaper in the module than a map).
                    let days: Vec<Option<i32>> =
                        v.iter().map(|d| d.map(|d| d.num_days_from_ce())).collect();
                    let first = days.iter().flatten().min().copied().unwrap_or(0);
                    let last = days.iter().flatten().max().copied().unwrap_or(0);
                    let span = usize::try_from(i64::from(last) - i64::from(first) + 1)
                        .ok()
                        .filter(|&n| n <= 1 << 20);
                    let mut seen = vec![u32::MAX; span.unwrap_or(0)];
                    for (d, day) in v.iter().zip(&days) {
                        let (Some(d), Some(day)) = (d, day) else {
                            l.cell(NULL, 0.0);
                            continue;
                        };
                        let slot = usize::try_from(i64::from(*day) - i64::from(first))
                            .ok()
                            .and_then(|k| seen.get_mut(k));
                        let i = match slot {
                            Some(i) if *i != u32::MAX => *i,
                            slot => {
                                date.clear();
                                write!(date, "{d}").ok()?;
                                let i = l.string(&date)?;
                                if let Some(slot) = slot {
                                    *slot = i;
                                }
                                i
                            }
                        };
                        l.cell(STRING, f64::from(i));
                    }
                }
                _ => return None,
            }
        }
        Some(l)
    }

    fn string(&mut self, s: &str) -> Option<u32> {
        let i = u32::try_from(self.ends.len()).ok()?;
        self.units = self.units.checked_add(utf16_len(s)?)?;
        self.text.push_str(s);
        self.ends.push(self.units);
        Some(i)
    }

    fn cell(&mut self, tag: u8, value: f64) {
        self.tags.push(tag);
        self.values.push(value);
    }

    /// `n` cells of one tag, all 0.
    fn cells(&mut self, tag: u8, n: usize) {
        self.tags.resize(self.tags.len() + n, tag);
        self.values.resize(self.values.len() + n, 0.0);
    }
}

/// The length of `s` in UTF-16 units (JS string indices).
fn utf16_len(s: &str) -> Option<u32> {
    let units = if s.is_ascii() {
        s.len()
    } else {
        s.encode_utf16().count()
    };
    u32::try_from(units).ok()
}

/// An evaluation as a plain JS object: its commitment statuses (the bulk of a big one) go
/// across as columns, the rest as JSON, with `commitments` in its place.
pub(crate) fn evaluation_to_js(
    mut e: roadmap_tracker::status::Evaluation,
) -> Result<JsValue, JsValue> {
    let table = Columns::from_records(&e.commitments).ok();
    let Some((rows, l)) = table.and_then(|t| Some((u32::try_from(t.rows()).ok()?, Layout::of(t)?)))
    else {
        // Not flat (an unreadable status's error): JSON, with the errors' spans in UTF-16.
        let object = crate::convert::to_js(&e)?;
        let commitments = js_sys::Reflect::get(&object, &JsValue::from_str("commitments"))?;
        crate::errors::statuses_spans(&commitments, &e.commitments);
        return Ok(object);
    };
    let commitments = decode_rows(&l.keys, &l.text, &l.ends, rows, &l.tags, &l.values);
    e.commitments = Vec::new();
    let object = crate::convert::to_js(&e)?;
    js_sys::Reflect::set(&object, &JsValue::from_str("commitments"), &commitments)?;
    Ok(object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Row {
        id: &'static str,
        days: Option<i64>,
        due: bool,
        score: f64,
        nothing: Option<u8>,
    }

    /// The layout's strings, cut from its text at the UTF-16 ends (as `rows.js` does).
    fn strings(l: &Layout) -> Vec<String> {
        let units: Vec<u16> = l.text.encode_utf16().collect();
        let mut start = 0;
        l.ends
            .iter()
            .map(|&end| {
                let s = String::from_utf16(&units[start..end as usize]).unwrap();
                start = end as usize;
                s
            })
            .collect()
    }

    #[test]
    fn cells_go_column_by_column_with_utf16_ends() {
        let rows = [
            Row {
                id: "é✓",
                days: Some(-3),
                due: true,
                score: 0.5,
                nothing: None,
            },
            Row {
                id: "😀x",
                days: None,
                due: false,
                score: f64::NAN,
                nothing: None,
            },
        ];
        let l = Layout::of(Columns::from_records(&rows).unwrap()).unwrap();
        let s = strings(&l);
        assert_eq!(s, ["é✓", "😀x", "id", "days", "due", "score", "nothing"]);
        // "é✓" 2 units, "😀x" 3 (a surrogate pair and x), then the names.
        assert_eq!(l.ends, [2, 5, 7, 11, 14, 19, 26]);
        assert_eq!(l.keys, [2, 3, 4, 5, 6]);
        assert_eq!(
            l.tags,
            [STRING, STRING, NUMBER, NULL, TRUE, FALSE, NUMBER, NULL, NULL, NULL]
        );
        assert_eq!(l.values[..4], [0.0, 1.0, -3.0, 0.0]);
        assert_eq!(l.values[6], 0.5);
    }

    #[test]
    fn dates_are_written_as_json_writes_them_once_each() {
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        // The article fixture: its update dates are all days, so both date columns are dates
        // (the bundled roadmap's are days and quarters, a text column).
        let roadmap = roadmap_tracker::Roadmap::from_json_str(include_str!(
            "../../tests/fixtures/uk-digital-2026-article.json"
        ))
        .unwrap();
        let e = roadmap_tracker::status::Evaluator::new(
            roadmap,
            roadmap_tracker::status::Rules::default(),
        )
        .unwrap()
        .evaluate(as_of);
        let table = Columns::from_records(&e.commitments).unwrap();
        let l = Layout::of(table.clone()).unwrap();
        let s = strings(&l);
        let json = serde_json::to_value(&e.commitments).unwrap();
        let rows = table.rows();
        // Every cell reads back as its JSON value.
        for (c, name) in table.names().iter().enumerate() {
            for r in 0..rows {
                let cell = c * rows + r;
                let got = match l.tags[cell] {
                    NULL => serde_json::Value::Null,
                    FALSE => false.into(),
                    TRUE => true.into(),
                    NUMBER => serde_json::json!(l.values[cell]),
                    STRING => s[l.values[cell] as usize].clone().into(),
                    t => panic!("tag {t}"),
                };
                let want = &json[r][name];
                let same = match (want.as_f64(), got.as_f64()) {
                    (Some(a), Some(b)) => a == b,
                    _ => *want == got,
                };
                assert!(same, "{name} of row {r}: {got} against {want}");
            }
        }
        // Each distinct date once in each of the two date columns.
        let dates: Vec<&String> = s
            .iter()
            .filter(|x| x.len() == 10 && x.starts_with("20"))
            .collect();
        let distinct: std::collections::HashSet<_> = dates.iter().collect();
        assert!(!dates.is_empty());
        assert!(dates.len() <= 2 * distinct.len());
        assert!(dates.len() > distinct.len());
    }
}
