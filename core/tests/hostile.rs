//! The hostile-input corpus (`tests/fixtures/hostile/cases.jsonl`), shared with the Python
//! and JS tests: invalid UTF-8, byte-order marks, CRLF, NUL bytes, megabyte inputs,
//! formula strings, numbers and dates out of range. Each case has the error code it must
//! give, or the safe output it must produce; none may panic.

#![allow(clippy::expect_used)] // a malformed fixture should fail the test loudly

use std::io::Read;

use chrono::NaiveDate;
use roadmap_tracker::deadline::{parse, parse_edtf, Deadline};
use roadmap_tracker::io::CsvTables;
use roadmap_tracker::Error as DeadlineError;
use roadmap_tracker::{Error, Roadmap};
use serde_json::Value;

fn fixtures() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// Standard base64, decoded by hand (the only user of it is this test).
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = text.bytes().filter(|c| *c != b'=').collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let v: Vec<u32> = chunk.iter().map(|&c| u32::from(value(c))).collect();
        let n = v.iter().fold(0u32, |acc, x| (acc << 6) | x) << (6 * (4 - v.len()));
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend(bytes.iter().take(v.len() - 1));
    }
    out
}

fn text_input(case: &Value, key: &str) -> String {
    match case.get("repeat") {
        Some(r) => r["text"]
            .as_str()
            .expect("text")
            .repeat(r["times"].as_u64().expect("times") as usize),
        None => case[key].as_str().expect("input").to_string(),
    }
}

fn check_deadline(result: Result<Deadline, DeadlineError>, expect: &Value) -> Result<(), String> {
    match (result, expect.get("error")) {
        (Err(e), Some(code)) => {
            if e.code().as_str() != code {
                return Err(format!(
                    "error {} ({}), expected {code}",
                    e.code(),
                    e.message()
                ));
            }
            if let (Some(s), Some(end)) = (expect.get("start"), expect.get("end")) {
                let want = (
                    s.as_u64().unwrap_or(0) as usize,
                    end.as_u64().unwrap_or(0) as usize,
                );
                if e.span() != Some(want) {
                    return Err(format!("span {:?}, expected {want:?}", e.span()));
                }
            }
            Ok(())
        }
        (Err(e), None) => Err(format!("refused: {e}")),
        (Ok(d), Some(code)) => Err(format!("accepted as {d}, expected {code}")),
        (Ok(d), None) => {
            let date = |v: &Value| v.as_str().map(|s| s.parse::<NaiveDate>().expect("date"));
            let want = (date(&expect["earliest"]), date(&expect["latest"]));
            if (d.earliest(), d.latest()) == want {
                Ok(())
            } else {
                Err(format!("window {d}, expected {want:?}"))
            }
        }
    }
}

fn check_roadmap(result: Result<Roadmap, Error>, expect: &Value) -> Result<(), String> {
    match (result, expect.get("error").and_then(Value::as_str)) {
        (Err(e), Some(code)) => {
            let codes: Vec<&str> = e.problems().iter().map(|p| p.code.as_str()).collect();
            if e.code().as_str() == code || codes.contains(&code) {
                Ok(())
            } else {
                Err(format!("error {e} ({codes:?}), expected {code}"))
            }
        }
        (Err(e), None) => Err(format!("refused: {e}")),
        (Ok(r), Some(code)) => Err(format!(
            "accepted ({} nodes), expected {code}",
            r.nodes.len()
        )),
        (Ok(r), None) => {
            let want = expect["nodes"].as_u64().expect("nodes") as usize;
            if r.nodes.len() == want {
                Ok(())
            } else {
                Err(format!("{} nodes, expected {want}", r.nodes.len()))
            }
        }
    }
}

#[test]
fn hostile_inputs_give_their_documented_outcome() {
    let mut text = String::new();
    std::fs::File::open(fixtures().join("hostile/cases.jsonl"))
        .and_then(|mut f| f.read_to_string(&mut text))
        .expect("hostile corpus");
    let minimal = Roadmap::from_json_slice(
        &std::fs::read(fixtures().join("minimal/roadmap.json")).expect("minimal"),
    )
    .expect("minimal loads");
    let minimal_tables = CsvTables::read_dir(fixtures().join("minimal")).expect("minimal tables");
    let mut failures = Vec::new();
    let mut count = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        count += 1;
        let case: Value = serde_json::from_str(line).expect("valid JSON line");
        let id = case["id"].as_str().unwrap_or("?");
        let expect = &case["expect"];
        let written_on = || {
            case["written_on"]
                .as_str()
                .expect("written_on")
                .parse::<NaiveDate>()
                .expect("date")
        };
        let outcome = match case["target"].as_str().unwrap_or("") {
            "deadline" => check_deadline(parse(&text_input(&case, "phrase"), written_on()), expect),
            "edtf" => check_deadline(parse_edtf(&text_input(&case, "edtf"), written_on()), expect),
            "json" => check_roadmap(
                Roadmap::from_json_slice(&base64(case["bytes_b64"].as_str().expect("bytes"))),
                expect,
            ),
            "nodes_csv" => {
                let mut tables = minimal_tables.clone();
                let loaded = tables
                    .set_bytes(
                        roadmap_tracker::io::Table::Nodes,
                        &base64(case["bytes_b64"].as_str().expect("bytes")),
                    )
                    .and_then(|()| Roadmap::from_csv_tables(&tables));
                check_roadmap(loaded, expect)
            }
            "csv_export" => {
                let value = case["value"].as_str().expect("value");
                let mut roadmap = minimal.clone();
                roadmap.nodes[1].title = value.to_string();
                let tables = roadmap.to_csv_tables().expect("writes");
                let mut reader = csv::Reader::from_reader(tables.nodes.as_bytes());
                let row = reader.records().nth(1).expect("area row").expect("row");
                let cell = row.get(3).unwrap_or("");
                let back = Roadmap::from_csv_tables(&tables).expect("reads back");
                if cell != expect["cell"].as_str().unwrap_or("") {
                    Err(format!("written as {cell:?}, expected {}", expect["cell"]))
                } else if back.nodes[1].title != value {
                    Err(format!("read back as {:?}", back.nodes[1].title))
                } else {
                    Ok(())
                }
            }
            other => Err(format!("unknown target {other}")),
        };
        if let Err(why) = outcome {
            failures.push(format!("{id}: {why}"));
        }
    }
    assert!(count >= 100, "only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
