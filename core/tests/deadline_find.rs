//! Deadlines found in running text, from two fixtures: `tests/fixtures/deadline-find.jsonl`
//! (constructed cases: every expression with its cue words, or the error the text is
//! refused with, its span and phrase) and `tests/fixtures/deadline-find-real.jsonl`
//! (sentences of real public documents as printed, with the date of their document; cue
//! words checked where a case lists them). Every expression, in order, with its byte span,
//! text, kind and window, all worked out by hand from `docs/deadlines.md`. The Python and
//! WASM bindings check cases of their own.

#![allow(clippy::expect_used, clippy::indexing_slicing)] // a malformed fixture should fail the test loudly

use chrono::NaiveDate;
use roadmap_tracker::deadline::find;
use serde_json::Value;

/// What one fixture's cases must hold beyond their expressions.
struct Fixture {
    file: &'static str,
    min_cases: usize,
    /// Every case lists its cue words (else only those that list them are checked).
    cues_required: bool,
    /// A refused text is itself the error's phrase.
    error_phrase_is_text: bool,
}

fn run(fixture: Fixture) {
    let path = format!(
        "{}/../tests/fixtures/{}",
        env!("CARGO_MANIFEST_DIR"),
        fixture.file
    );
    let text = std::fs::read_to_string(&path).expect("find fixture present");
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
                    if fixture.error_phrase_is_text && e.phrase() != Some(input) {
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
            let mut checks = vec![
                ("start", Value::from(got.span().0), want["start"].clone()),
                ("end", Value::from(got.span().1), want["end"].clone()),
                ("text", Value::from(got.text()), want["text"].clone()),
                ("kind", Value::from(d.kind().as_str()), want["kind"].clone()),
                ("earliest", date(d.earliest()), want["earliest"].clone()),
                ("latest", date(d.latest()), want["latest"].clone()),
            ];
            if fixture.cues_required || want.get("cues").is_some() {
                checks.push((
                    "cues",
                    Value::from(got.cues().collect::<Vec<_>>()),
                    want["cues"].clone(),
                ));
            }
            for (field, got, want) in checks {
                if got != want {
                    fail(format!("{field} {got}, expected {want}"));
                }
            }
        }
        // Every span slices the text to the expression's text.
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
    assert!(cases >= fixture.min_cases, "only {cases} cases");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn find_cases() {
    run(Fixture {
        file: "deadline-find.jsonl",
        min_cases: 15,
        cues_required: true,
        error_phrase_is_text: true,
    });
}

#[test]
fn real_sentences() {
    run(Fixture {
        file: "deadline-find-real.jsonl",
        min_cases: 30,
        cues_required: false,
        error_phrase_is_text: false,
    });
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
