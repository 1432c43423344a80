//! Deadlines found in sentences of real public documents
//! (`tests/fixtures/deadline-find-real.jsonl`): each sentence as printed, with the date
//! of its document; every deadline expression in it, in order, with its byte span, text,
//! kind and window worked out by hand from `docs/deadlines.md`, or the error the sentence
//! is refused with. Cue words are checked only where a case lists them.

#![allow(clippy::expect_used)] // a malformed fixture should fail the test loudly

use chrono::NaiveDate;
use roadmap_tracker::deadline::find;
use serde_json::Value;

#[test]
fn real_sentences() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/deadline-find-real.jsonl"
    );
    let text = std::fs::read_to_string(path).expect("real find fixture present");
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
                            "error {} ({e}), expected {}",
                            e.code(),
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
        let texts: Vec<&str> = found.iter().map(|f| f.text()).collect();
        if found.len() != want.len() {
            fail(format!(
                "found {texts:?}, expected {} expressions",
                want.len()
            ));
            continue;
        }
        for (got, want) in found.iter().zip(want) {
            let d = got.deadline();
            let date = |d: Option<NaiveDate>| d.map_or(Value::Null, |d| d.to_string().into());
            let mut checks = vec![
                ("start", Value::from(got.span().0), want["start"].clone()),
                ("end", Value::from(got.span().1), want["end"].clone()),
                ("text", Value::from(got.text()), want["text"].clone()),
                ("kind", Value::from(d.kind().as_str()), want["kind"].clone()),
                ("earliest", date(d.earliest()), want["earliest"].clone()),
                ("latest", date(d.latest()), want["latest"].clone()),
            ];
            if let Some(cues) = want.get("cues") {
                checks.push((
                    "cues",
                    Value::from(got.cues().collect::<Vec<_>>()),
                    cues.clone(),
                ));
            }
            for (field, got_value, want_value) in checks {
                if got_value != want_value {
                    fail(format!(
                        "{:?} {field} {got_value}, expected {want_value}",
                        got.text()
                    ));
                }
            }
        }
        // Every span slices the sentence to the expression's text.
        for f in &found {
            if input.get(f.span().0..f.span().1) != Some(f.text()) {
                fail(format!(
                    "span {:?} does not slice to {:?}",
                    f.span(),
                    f.text()
                ));
            }
        }
    }
    assert!(cases >= 30, "only {cases} cases");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
