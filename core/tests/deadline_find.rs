//! Deadlines found in running text (`tests/fixtures/deadline-find.jsonl`): every case's
//! expressions, in order, with their byte spans, kinds, windows and cue words, or the
//! error the text is refused with and its span, all worked out by hand from
//! `docs/deadlines.md`. The Python and WASM bindings check cases of their own.

#![allow(clippy::expect_used)] // a malformed fixture should fail the test loudly

use chrono::NaiveDate;
use roadmap_tracker::deadline::find;
use serde_json::Value;

#[test]
fn find_cases() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/deadline-find.jsonl"
    );
    let text = std::fs::read_to_string(path).expect("find fixture present");
    let mut failures = Vec::new();
    let mut cases = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        cases += 1;
        let case: Value = serde_json::from_str(line).expect("valid JSON line");
        let id = case["id"].as_str().unwrap_or("?").to_string();
        let input = case["text"].as_str().expect("text");
        let written_on: NaiveDate = case["written_on"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("written_on");
        let mut fail = |what: String| failures.push(format!("{id}: {what}"));
        let result = find(input, written_on);
        if let Some(error) = case.get("error") {
            match result {
                Ok(found) => fail(format!(
                    "found {:?}, expected error {}",
                    found.iter().map(|f| f.text()).collect::<Vec<_>>(),
                    error["code"]
                )),
                Err(e) => {
                    if e.code().as_str() != error["code"].as_str().unwrap_or("") {
                        fail(format!(
                            "error {} ({}), expected {}",
                            e.code(),
                            e,
                            error["code"]
                        ));
                    }
                    let want = (
                        error["start"].as_u64().unwrap_or(0) as usize,
                        error["end"].as_u64().unwrap_or(0) as usize,
                    );
                    if e.span() != Some(want) {
                        fail(format!("error span {:?}, expected {want:?}", e.span()));
                    }
                    if e.phrase() != Some(input) {
                        fail(format!("error phrase {:?}", e.phrase()));
                    }
                }
            }
            continue;
        }
        let found = match result {
            Ok(found) => found,
            Err(e) => {
                fail(format!("refused: {e}"));
                continue;
            }
        };
        let want = case["found"].as_array().expect("found");
        if found.len() != want.len() {
            fail(format!(
                "found {:?}, expected {} expressions",
                found.iter().map(|f| f.text()).collect::<Vec<_>>(),
                want.len()
            ));
            continue;
        }
        for (got, want) in found.iter().zip(want) {
            let d = got.deadline();
            let date = |d: Option<NaiveDate>| d.map_or(Value::Null, |d| d.to_string().into());
            let checks = [
                ("start", Value::from(got.span().0), want["start"].clone()),
                ("end", Value::from(got.span().1), want["end"].clone()),
                ("text", Value::from(got.text()), want["text"].clone()),
                ("kind", Value::from(d.kind().as_str()), want["kind"].clone()),
                ("earliest", date(d.earliest()), want["earliest"].clone()),
                ("latest", date(d.latest()), want["latest"].clone()),
                (
                    "cues",
                    Value::from(got.cues().collect::<Vec<_>>()),
                    want["cues"].clone(),
                ),
            ];
            for (field, got, want) in checks {
                if got != want {
                    fail(format!("{field} {got}, expected {want}"));
                }
            }
        }
    }
    assert!(cases >= 15, "only {cases} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The span of a match slices the text to the match's text, and a match serialises with
/// its byte offsets and its deadline in the deadline's own shape.
#[test]
fn spans_slice_the_text_and_serialise() {
    let w = NaiveDate::from_ymd_opt(2026, 6, 4).expect("date");
    let text = "Über 2026: by the end of the financial year 2026-27, then — perhaps — Q4 2027.";
    let found = find(text, w).expect("found");
    for f in &found {
        assert_eq!(text.get(f.span().0..f.span().1), Some(f.text()));
    }
    let json = serde_json::to_value(&found[0]).expect("serialises");
    assert_eq!(json["start"], 6);
    assert_eq!(json["end"], 10);
    assert_eq!(json["deadline"]["kind"], "during");
    assert_eq!(json["deadline"]["phrase"], "2026");
}
