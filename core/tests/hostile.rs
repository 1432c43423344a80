//! The hostile-input corpus (`tests/fixtures/hostile/cases.jsonl`), shared with the Python
//! and JS tests: invalid UTF-8, byte-order marks, CRLF, NUL bytes, megabyte inputs,
//! formula strings, numbers and dates out of range. Each case has the error code it must
//! give, or the safe output it must produce; none may panic.

#![allow(clippy::expect_used)] // a malformed fixture should fail the test loudly

use std::io::Read;

use chrono::NaiveDate;
use roadmap_tracker::deadline::{parse, parse_edtf, Deadline};
use roadmap_tracker::io::CsvTables;
use roadmap_tracker::thin_vec::thin_vec;
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
            "flat_csv" => check_roadmap(
                roadmap_tracker::io::decode_utf8(
                    &base64(case["bytes_b64"].as_str().expect("bytes")),
                    None,
                )
                .and_then(|text| Roadmap::from_flat_csv(text, minimal.clone())),
                expect,
            ),
            "csv_export" => {
                let value = case["value"].as_str().expect("value");
                let mut roadmap = minimal.clone();
                roadmap.nodes[1].title = value.into();
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
            "sheet" => {
                use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, Sheet};
                let bytes = base64(case["bytes_b64"].as_str().expect("bytes"));
                let text = String::from_utf8(bytes).expect("UTF-8");
                let (mapping, options) = (ColumnMapping::new(), LoadOptions::for_file("h.csv"));
                let write = |text: &str| Sheet::load(text, &mapping, &options)?.to_csv();
                match write(&text) {
                    Err(e) => Err(format!("refused: {e}")),
                    Ok(out) if out != expect["csv"].as_str().unwrap_or("") => {
                        Err(format!("written as {out:?}, expected {}", expect["csv"]))
                    }
                    Ok(out) if write(&out).ok().as_ref() != Some(&out) => {
                        Err(format!("{out:?} does not write back to itself"))
                    }
                    Ok(_) => Ok(()),
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

/// Text a spreadsheet would evaluate, one of each prefix the formula guard covers.
const FORMULAS: &[&str] = &[
    "=HYPERLINK(\"http://example.invalid\",\"x\")",
    "+1+cmd",
    "-2+3",
    "@SUM(A1:A2)",
    "\tindented",
    "\rreturn",
    "  =1+2",
    " @owner",
    " -2+3",
    "\u{ff1d}1+2",
    "\u{ff0b}1",
    "\u{ff0d}1",
    "\u{ff20}owner",
    "'already quoted",
    "-inf",
];

/// Whether a spreadsheet could evaluate a cell, worked out from the rules in
/// docs/formats.md independently of the library's guard: a leading apostrophe makes a
/// cell text; a plain number is a number; otherwise a tab or carriage return at the
/// start, or `= + - @` (or their full-width forms) first after leading whitespace, is
/// evaluated.
fn evaluable(cell: &str) -> bool {
    if cell.starts_with('\'') {
        return false;
    }
    if cell.starts_with(['\t', '\r']) {
        return true;
    }
    let plain_number = !cell.is_empty()
        && cell
            .chars()
            .all(|c| c.is_ascii_digit() || ".-+eE".contains(c))
        && cell.parse::<f64>().is_ok_and(f64::is_finite);
    !plain_number
        && cell.trim_start().starts_with([
            '=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
        ])
}

fn assert_no_formula(what: &str, text: &str) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut cells = 0;
    for record in reader.records() {
        for cell in record.expect("the output is CSV").iter() {
            cells += 1;
            assert!(
                !evaluable(cell),
                "{what}: the cell {cell:?} would be evaluated"
            );
        }
    }
    assert!(cells > 0, "{what} is empty");
}

/// A roadmap with formula text in every text field the CSV outputs write.
fn hostile_roadmap() -> Roadmap {
    use roadmap_tracker::{Node, NodeKind};
    let published = NaiveDate::from_ymd_opt(2026, 1, 19).expect("date");
    let mut r = Roadmap::new("plan", "=HYPERLINK(\"x\")", "@publisher", published);
    r.summary = "  =1+2".into();
    r.extra.insert("+key".into(), "-2+3".into());
    for (i, text) in FORMULAS.iter().enumerate() {
        let section = format!("s{i}");
        let area = format!("a{i}");
        r.nodes.push(Node::new(&section, NodeKind::Section, *text));
        r.nodes
            .push(Node::new(&area, NodeKind::Area, *text).with_parent(section.as_str()));
        let mut c = Node::new(format!("c{i}"), NodeKind::Commitment, *text)
            .with_parent(area.as_str())
            .with_deadline(*text, published);
        c.summary = (*text).into();
        // List items may not be padded (validation), so owners and tags take the
        // unpadded forms.
        c.owners = thin_vec![text.trim().to_owned()];
        c.tags = thin_vec![text.trim().to_owned()];
        c.extra.insert((*text).into(), (*text).into());
        r.nodes.push(c);
        r.updates.push(roadmap_tracker::StatusUpdate {
            node: format!("c{i}"),
            date: published.into(),
            status: "in progress".into(),
            source: String::new(),
            note: (*text).into(),
            delivered_on: None,
            new_deadline: None,
            extra: [((*text).to_owned(), (*text).to_owned())]
                .into_iter()
                .collect(),
        });
    }
    r
}

#[test]
fn no_csv_the_library_writes_holds_a_formula_and_each_reads_back_exactly() {
    let r = hostile_roadmap();
    // Well formed (the loaders' checks); its formula phrases are not deadlines the
    // engine reads, which `validate()` also lists.
    r.validate_with(&|item, field| item.json_location(field))
        .expect("the hostile roadmap is well formed");

    let tables = r.to_csv_tables().expect("tables write");
    for (table, text) in tables.iter() {
        assert_no_formula(table.file_name(), text);
    }
    assert_eq!(Roadmap::from_csv_tables(&tables).expect("tables read"), r);

    let flat = r.to_flat_csv().expect("the flat sheet writes");
    assert_no_formula("flat sheet", &flat);
    let base = Roadmap::new("plan", "Plan", "Us", r.published);
    let back = Roadmap::from_flat_csv(&flat, base).expect("the flat sheet reads");
    assert_eq!(back.to_flat_csv().expect("writes again"), flat);
    for (a, b) in back.commitments().zip(r.commitments()) {
        assert_eq!(
            (&a.title, &a.summary, &a.owners, &a.extra),
            (&b.title, &b.summary, &b.owners, &b.extra)
        );
    }

    let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).expect("date");
    // The engine refuses formula text as a deadline phrase, so the report's roadmap has
    // real phrases; every other text stays hostile.
    let mut dated = r.clone();
    for n in &mut dated.nodes {
        if let Some(d) = &mut n.deadline {
            d.phrase = "by March 2027".into();
        }
    }
    let evaluator =
        roadmap_tracker::status::Evaluator::new(dated, Default::default()).expect("evaluates");
    let report = evaluator
        .report(as_of, None)
        .to_csv()
        .expect("the report writes");
    assert_no_formula("report", &report);
    assert!(report.contains("'=HYPERLINK"), "{report}");

    use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, Sheet};
    // Each hostile text as a header over a damaged cell, and as a cell beside it, so the
    // problem report names them.
    let quote = |t: &str| format!("\"{}\"", t.replace('"', "\"\""));
    let header: Vec<String> = FORMULAS.iter().map(|t| quote(t)).collect();
    let mut sheet = header.join(",") + "\n";
    let row: Vec<String> = FORMULAS.iter().map(|_| "#REF!".to_owned()).collect();
    sheet.push_str(&(row.join(",") + "\n"));
    let row: Vec<String> = FORMULAS.iter().map(|t| quote(t)).collect();
    sheet.push_str(&(row.join(",") + "\n"));
    let sheet = Sheet::load(
        &sheet,
        &ColumnMapping::new(),
        &LoadOptions::for_file("s.csv"),
    )
    .expect("the sheet loads");
    let problems = sheet.problems_csv().expect("the problem report writes");
    assert_no_formula("problem report", &problems);
}

#[test]
fn extra_fields_a_csv_cannot_hold_are_refused_when_written() {
    use roadmap_tracker::ErrorCode;
    let published = NaiveDate::from_ymd_opt(2026, 1, 19).expect("date");
    // (An empty value is written and read back: core/tests/loaders.rs.)
    for (key, value, code) in [
        ("", "x", ErrorCode::MissingField),
        ("title", "x", ErrorCode::DuplicateColumn),
    ] {
        let mut r = Roadmap::new("plan", "Plan", "Us", published);
        r.nodes.push(roadmap_tracker::Node::new(
            "s",
            roadmap_tracker::NodeKind::Section,
            "S",
        ));
        r.nodes[0].extra.insert(key.into(), value.into());
        let err = r.to_csv_tables().expect_err("refused");
        assert_eq!(err.code(), code, "{err}");
        assert_eq!(err.location().file.as_deref(), Some("nodes.csv"));
        assert_eq!(err.location().field.as_deref(), Some(key));
    }
}

#[test]
fn dates_and_ids_the_loaders_refuse_are_not_written() {
    use roadmap_tracker::ErrorCode;
    for year in [0, 999, 10_000] {
        let date = NaiveDate::from_ymd_opt(year, 1, 1).expect("chrono holds the year");
        let r = Roadmap::new("plan", "Plan", "Us", date);
        for err in [
            r.validate().expect_err("validation refuses it"),
            r.to_json().expect_err("JSON refuses it"),
            r.to_csv_tables().expect_err("CSV refuses it"),
        ] {
            assert_eq!(err.code(), ErrorCode::InvalidDate, "{err}");
        }
    }
    let r = Roadmap::new(
        "Not A Slug",
        "Plan",
        "Us",
        NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
    );
    assert_eq!(
        r.to_csv_tables().expect_err("refused").code(),
        ErrorCode::InvalidId
    );
    assert_eq!(
        r.to_flat_csv().expect_err("refused").code(),
        ErrorCode::InvalidId
    );
}

#[test]
fn a_history_too_long_for_memory_is_refused_before_it_is_built() {
    let evaluator =
        roadmap_tracker::status::Evaluator::new(Roadmap::uk_digital_2026(), Default::default())
            .expect("evaluates");
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
    let err = evaluator
        .history(
            Some(d(1000, 1, 1)),
            d(9999, 12, 31),
            roadmap_tracker::status::Step::Daily,
        )
        .expect_err("too large");
    assert_eq!(err.code(), roadmap_tracker::ErrorCode::TooLarge);
    // A decade, daily, is well within the limit.
    assert!(evaluator
        .history(
            Some(d(2026, 1, 19)),
            d(2036, 1, 19),
            roadmap_tracker::status::Step::Daily
        )
        .is_ok());
}
