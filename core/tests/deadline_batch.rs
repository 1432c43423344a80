//! `parse_all` gives what `parse` gives row by row, repeats and refusals included, and
//! `Deadline::window_text` is the window the report prints.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests fail loudly

use chrono::NaiveDate;
use roadmap_tracker::deadline::Deadline;
use roadmap_tracker::deadline::{parse, parse_all, Conventions};
use roadmap_tracker::status::{Evaluator, Rules};
use roadmap_tracker::{Error, ErrorCode, Roadmap};

/// A reading in a comparable form: the deadline, or the refusal's code, message and span
/// (`Error` holds I/O errors, so it is not `PartialEq`).
type Reading<'a> = Result<&'a Deadline, (ErrorCode, String, Option<(usize, usize)>)>;

fn reading(r: &Result<Deadline, Error>) -> Reading<'_> {
    r.as_ref()
        .map_err(|e| (e.code(), e.message().into_owned(), e.span()))
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn corpus() -> Vec<(String, NaiveDate)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/deadlines.jsonl"
    );
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| {
            let case: serde_json::Value = serde_json::from_str(line).unwrap();
            let phrase = case["phrase"].as_str().unwrap().to_string();
            (
                phrase,
                case["written_on"].as_str().unwrap().parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn parse_all_is_parse_on_every_row() {
    let cases = corpus();
    // The corpus three times, interleaved, plus the same phrases on another date: repeats
    // of accepted and refused phrases, and pairs that differ only in written_on.
    let mut rows: Vec<(&str, NaiveDate)> = Vec::new();
    for round in 0..3 {
        for (i, (p, w)) in cases.iter().enumerate() {
            if (i + round) % 2 == 0 {
                rows.push((p, *w));
            }
            rows.push((p, if round == 2 { d(2027, 2, 10) } else { *w }));
        }
    }
    rows.push(("", d(2026, 1, 19)));
    rows.push(("", d(2026, 1, 19)));
    let all = parse_all(rows.iter().copied());
    assert_eq!(all.len(), rows.len());
    assert!(all.iter().any(Result::is_err) && all.iter().any(Result::is_ok));
    for ((p, w), got) in rows.iter().zip(&all) {
        assert_eq!(reading(got), reading(&parse(p, *w)), "{p:?} written {w}");
    }
}

#[test]
fn parse_all_beyond_the_remembered_pairs() {
    // 6,000 distinct phrases (more than are remembered), each twice.
    let phrases: Vec<String> = (0..6000)
        .map(|i| format!("by {} March {}", i % 28 + 1, 2026 + i / 28))
        .collect();
    let w = d(2026, 1, 19);
    let rows: Vec<(&str, NaiveDate)> = phrases
        .iter()
        .chain(&phrases)
        .map(|p| (p.as_str(), w))
        .collect();
    let all = parse_all(rows.iter().copied());
    for ((p, w), got) in rows.iter().zip(&all) {
        assert_eq!(reading(got), reading(&parse(p, *w)), "{p:?}");
    }
}

#[test]
fn parse_all_under_other_conventions() {
    let us = Conventions {
        day_first: false,
        ..Conventions::default()
    };
    let w = d(2026, 1, 19);
    let rows = [("by 3/4/2026", w), ("by 3/4/2026", w), ("13/1/2026", w)];
    let all = us.parse_all(rows);
    for ((p, w), got) in rows.iter().zip(&all) {
        assert_eq!(reading(got), reading(&us.parse(p, *w)));
    }
    assert_eq!(all[0].as_ref().unwrap().latest(), Some(d(2026, 3, 4)));
    assert!(all[2].is_err());
    assert!(parse_all(std::iter::empty()).is_empty());
}

#[test]
fn window_text_is_what_the_report_prints() {
    let roadmap = Roadmap::uk_digital_2026();
    let report = Evaluator::new(roadmap, Rules::default())
        .unwrap()
        .report(d(2026, 11, 24), None);
    let text = report.to_text();
    let mut seen = 0;
    let mut stack: Vec<_> = report.sections.iter().collect();
    while let Some(node) = stack.pop() {
        stack.extend(&node.children);
        if let Some(rd) = &node.deadline {
            let deadline = parse(&rd.phrase, rd.written_on).unwrap();
            let line = format!(
                "“{}” (written {}): {}",
                rd.phrase,
                roadmap_tracker::report::long_date(rd.written_on),
                deadline.window_text()
            );
            assert!(text.contains(&line), "{line} not in the report");
            seen += 1;
        }
    }
    assert!(seen >= 20, "{seen} deadlines");
    let w = d(2026, 1, 19);
    for (phrase, window) in [
        ("summer 2026", "2026-06-01..2026-08-31"),
        ("by October 2028", "..2028-10-31"),
        ("from April 2026", "2026-04-01.."),
        ("31 March 2026", "2026-03-31"),
        ("ongoing", "no date"),
    ] {
        assert_eq!(parse(phrase, w).unwrap().window_text(), window, "{phrase}");
    }
}
