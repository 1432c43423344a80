//! The tables in `docs/deadlines.md` are true: every row with a phrase is parsed and its
//! listed columns (kind, window, granularity, named unit, EDTF, rules) checked.

#![allow(clippy::expect_used)] // a malformed table should fail the test loudly

use chrono::NaiveDate;
use roadmap_tracker::deadline::{find, parse};

#[test]
fn every_table_row_holds() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/deadlines.md");
    let text = std::fs::read_to_string(path).expect("docs/deadlines.md");
    let default_written = NaiveDate::from_ymd_opt(2026, 1, 19).expect("date");
    let mut header: Vec<String> = Vec::new();
    let mut checked = 0;
    let mut failures = Vec::new();
    for line in text.lines() {
        if !line.starts_with('|') {
            header.clear();
            continue;
        }
        let cells: Vec<String> = line
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_string())
            .collect();
        if header.is_empty() {
            header = cells;
            continue;
        }
        let cell = |name: &str| {
            header
                .iter()
                .position(|h| h == name)
                .and_then(|i| cells.get(i))
                .map(String::as_str)
        };
        if cells.iter().all(|c| c.chars().all(|ch| ch == '-')) {
            continue;
        }
        if header.first().map(String::as_str) == Some("text") {
            // A find table: the expression is found in the text with the listed window.
            let (Some(text), Some(expression)) = (cell("text"), cell("expression")) else {
                continue;
            };
            checked += 1;
            let written_on = cell("written_on")
                .and_then(|w| w.parse().ok())
                .unwrap_or(default_written);
            let found = match find(text, written_on) {
                Ok(found) => found,
                Err(e) => {
                    failures.push(format!("find {text:?}: {e}"));
                    continue;
                }
            };
            let Some(f) = found.iter().find(|f| f.text() == expression) else {
                failures.push(format!("find {text:?}: {expression:?} not found"));
                continue;
            };
            let date = |d: Option<NaiveDate>| d.map_or("—".to_string(), |d| d.to_string());
            let d = f.deadline();
            for (name, got) in [
                ("kind", d.kind().to_string()),
                ("earliest", date(d.earliest())),
                ("latest", date(d.latest())),
            ] {
                if cell(name) != Some(got.as_str()) {
                    failures.push(format!(
                        "find {text:?} {name}: {got}, table says {:?}",
                        cell(name)
                    ));
                }
            }
            continue;
        }
        if header.first().map(String::as_str) != Some("phrase") {
            continue;
        }
        let Some(phrases) = cell("phrase") else {
            continue;
        };
        if phrases.contains(" / ") || !header.iter().any(|h| h == "earliest" || h == "kind") {
            continue;
        }
        let written_on = match cell("written_on") {
            Some("any") | None => default_written,
            Some(w) => w.parse().expect("written_on"),
        };
        for phrase in phrases.split(", ") {
            checked += 1;
            let d = match parse(phrase, written_on) {
                Ok(d) => d,
                Err(e) => {
                    failures.push(format!("{phrase:?}: {e}"));
                    continue;
                }
            };
            let date = |d: Option<NaiveDate>| d.map_or("—".to_string(), |d| d.to_string());
            let mut expect = |name: &str, got: String| {
                if let Some(want) = cell(name) {
                    let want = want.split(" (").next().unwrap_or(want).trim_matches('`');
                    if want != got {
                        failures.push(format!("{phrase:?} {name}: {got}, table says {want}"));
                    }
                }
            };
            expect("kind", d.kind().to_string());
            expect("earliest", date(d.earliest()));
            expect("latest", date(d.latest()));
            expect("granularity", d.granularity().to_string());
            expect("named", d.named().to_string());
            expect("EDTF", d.edtf().unwrap_or_else(|| "—".into()));
            if let Some(rules) = cell("rules") {
                for rule in rules
                    .split(", ")
                    .map(|r| r.trim_matches('`'))
                    .filter(|r| !r.is_empty())
                {
                    if !d.rules().contains(&rule) {
                        failures.push(format!(
                            "{phrase:?}: rule {rule} not applied ({:?})",
                            d.rules()
                        ));
                    }
                }
            }
        }
    }
    assert!(checked >= 40, "only {checked} rows checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
