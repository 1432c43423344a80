//! JSON and CSV: the shared bad-file fixtures give the right code and location, and round
//! trips lose nothing.

use std::path::{Path, PathBuf};

use roadmap_tracker::io::CsvTables;
use roadmap_tracker::thin_vec::thin_vec;
use roadmap_tracker::{Error, Node, NodeKind, Roadmap, StatusUpdate};
use serde::Deserialize;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| unreachable!("{}: {e}", path.display()))
}

fn minimal_tables() -> CsvTables {
    CsvTables::read_dir(fixtures().join("minimal")).unwrap_or_else(|e| unreachable!("{e}"))
}

fn minimal_base() -> Roadmap {
    let json = read(&fixtures().join("minimal/roadmap.json"));
    let mut base = Roadmap::from_json_slice(&json).unwrap_or_else(|e| unreachable!("{e}"));
    base.nodes.clear();
    base.updates.clear();
    base
}

#[derive(Deserialize)]
struct BadCase {
    file: String,
    format: String,
    table: Option<String>,
    code: String,
    path: Option<String>,
    line: Option<u64>,
    field: Option<String>,
    why: String,
}

fn load_case(case: &BadCase) -> Result<Roadmap, Error> {
    let bytes = read(&fixtures().join("bad").join(&case.file));
    match case.format.as_str() {
        "json" => Roadmap::from_json_slice(&bytes),
        "csv" => {
            let mut tables = minimal_tables();
            tables.set_bytes(case.table.as_deref().unwrap_or_default().parse()?, &bytes)?;
            Roadmap::from_csv_tables(&tables)
        }
        "tracker" => {
            let text = String::from_utf8(bytes).unwrap_or_default();
            Roadmap::from_flat_csv(&text, minimal_base())
        }
        other => unreachable!("unknown fixture format {other}"),
    }
}

#[test]
fn bad_fixtures_give_their_code_and_location() {
    let cases: Vec<BadCase> =
        serde_json::from_slice(&read(&fixtures().join("bad/cases.json"))).unwrap_or_default();
    assert!(cases.len() >= 25, "only {} bad cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let err = match load_case(case) {
            Ok(_) => {
                failures.push(format!("{}: loaded, expected {}", case.file, case.code));
                continue;
            }
            Err(e) => e,
        };
        // Validation reports every problem: the expected one must be among them.
        let problems = err.problems();
        let Some(p) = problems.iter().find(|p| p.code.as_str() == case.code) else {
            failures.push(format!(
                "{}: expected {} ({}), got {err}",
                case.file, case.code, case.why
            ));
            continue;
        };
        let at = &p.location;
        let expected_file = case.table.clone();
        if case.format != "json" && at.file != expected_file {
            failures.push(format!(
                "{}: file {:?}, expected {:?}",
                case.file, at.file, expected_file
            ));
        }
        if case.path.is_some() && at.path != case.path {
            failures.push(format!(
                "{}: path {:?}, expected {:?}",
                case.file, at.path, case.path
            ));
        }
        if case.line.is_some() && at.line != case.line {
            failures.push(format!(
                "{}: line {:?}, expected {:?} ({err})",
                case.file, at.line, case.line
            ));
        }
        if case.field.is_some() && at.field != case.field {
            failures.push(format!(
                "{}: field {:?}, expected {:?}",
                case.file, at.field, case.field
            ));
        }
        assert!(!p.message.is_empty());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn validation_reports_every_problem_at_once() {
    let json = r#"{
      "id": "plan", "title": "Plan", "publisher": "Us", "published": "2026-01-19",
      "nodes": [
        {"id": "s", "kind": "section", "title": "S"},
        {"id": "s", "kind": "section", "title": "S again"},
        {"id": "a", "kind": "area", "parent": "nowhere", "title": "A"},
        {"id": "c", "kind": "commitment", "parent": "s", "title": " "}
      ],
      "updates": [{"node": "ghost", "date": "2026-01-01", "status": "met"}]
    }"#;
    let err = Roadmap::from_json_str(json).unwrap_err();
    let got: Vec<(String, String)> = err
        .problems()
        .iter()
        .map(|p| (p.code.as_str().to_owned(), p.location.to_string()))
        .collect();
    let expected = [
        ("duplicate_id", "nodes[1].id"),
        ("unknown_parent", "nodes[2].parent"),
        ("blank_field", "nodes[3].title"),
        ("wrong_parent_kind", "nodes[3].parent"),
        ("unknown_node", "updates[0].node"),
        ("before_roadmap", "updates[0].date"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(c, l)| (c.to_string(), l.to_string()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn minimal_fixture_is_the_same_in_json_csv_and_flat() {
    let json = Roadmap::from_json_slice(&read(&fixtures().join("minimal/roadmap.json")));
    let json = json.unwrap_or_else(|e| unreachable!("{e}"));
    let csv = Roadmap::from_csv_tables(&minimal_tables()).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(json, csv);
    let flat = String::from_utf8(read(&fixtures().join("minimal/tracker.csv"))).unwrap_or_default();
    let from_flat =
        Roadmap::from_flat_csv(&flat, minimal_base()).unwrap_or_else(|e| unreachable!("{e}"));
    // The flat sheet holds titles, not section/area ids: ids are slugs of the titles, which the
    // minimal fixture was written to match; everything else must be equal.
    assert_eq!(from_flat.nodes.len(), 3);
    assert_eq!(from_flat.node("portal"), json.node("portal"));
    assert_eq!(
        from_flat.updates,
        json.updates
            .iter()
            .map(|u| StatusUpdate {
                note: String::new(),
                ..u.clone()
            })
            .collect::<Vec<_>>()
    );
}

fn round_trip(roadmap: &Roadmap) {
    let json = roadmap.to_json().unwrap_or_else(|e| unreachable!("{e}"));
    let tables = roadmap
        .to_csv_tables()
        .unwrap_or_else(|e| unreachable!("{e}"));
    let back = Roadmap::from_csv_tables(&tables).unwrap_or_else(|e| unreachable!("{e}"));
    let json_again = back.to_json().unwrap_or_else(|e| unreachable!("{e}"));
    assert!(json == json_again, "JSON → CSV → JSON changed the document");
    let reloaded = Roadmap::from_json_str(&json).unwrap_or_else(|e| unreachable!("{e}"));
    assert!(&reloaded == roadmap);
}

#[test]
fn bundled_roadmap_round_trips_through_csv() {
    round_trip(&Roadmap::uk_digital_2026());
}

#[test]
fn bundled_flat_sheet_round_trips() {
    let sheet = Roadmap::uk_digital_2026().to_flat_csv().unwrap_or_default();
    let mut base = Roadmap::uk_digital_2026();
    base.nodes.clear();
    base.updates.clear();
    let back = Roadmap::from_flat_csv(&sheet, base).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(back.to_flat_csv().unwrap_or_default(), sheet);
    assert_eq!(
        back.commitments().count(),
        Roadmap::uk_digital_2026().commitments().count()
    );
}

#[test]
fn unknown_columns_are_kept_and_written_back() {
    let mut tables = minimal_tables();
    tables.nodes = "id,kind,parent,title,Lead contact,deadline,deadline_written_on,RAG (manual)\n\
                    services,section,,Services,,,,\n\
                    front-door,area,services,Front door,,,,\n\
                    portal,commitment,front-door,Launch a resident portal,Ada,by March 2027,2026-01-19,Amber\n"
        .to_owned();
    let roadmap = Roadmap::from_csv_tables(&tables).unwrap_or_else(|e| unreachable!("{e}"));
    let portal = roadmap
        .node("portal")
        .cloned()
        .unwrap_or_else(|| Node::new("x", NodeKind::Area, "x"));
    assert_eq!(
        portal.extra.get("Lead contact").map(String::as_str),
        Some("Ada")
    );
    assert_eq!(
        portal.extra.get("RAG (manual)").map(String::as_str),
        Some("Amber")
    );
    let json = roadmap.to_json().unwrap_or_default();
    assert!(json.contains("\"Lead contact\": \"Ada\""));
    let out = roadmap.to_csv_tables().unwrap_or_default();
    assert!(out.nodes.starts_with(
        "id,kind,parent,title,summary,owners,tags,weight,sources,deadline,deadline_written_on,deadline_source,expectation,Lead contact,RAG (manual)\n"
    ));
    assert!(out
        .nodes
        .contains("Launch a resident portal,,,,,,by March 2027,2026-01-19,,,Ada,Amber\n"));
    round_trip(&roadmap);
}

/// A roadmap of `n` commitments with every kind of field filled in somewhere, built by a
/// small deterministic generator (no randomness: failures must reproduce).
fn generated(n: usize) -> Roadmap {
    let mut r = minimal_base();
    r.extra.insert("edition".into(), "generated".into());
    let phrases = [
        "by March 2028",
        "summer 2026",
        "later this year",
        "in due course",
        "from April this year",
    ];
    let statuses = ["planned", "in progress", "launched", "under review"];
    for s in 0..10 {
        let section = format!("section-{s}");
        r.nodes.push(Node::new(
            section.clone(),
            NodeKind::Section,
            format!("Section {s}"),
        ));
        for a in 0..10 {
            let area = format!("area-{s}-{a}");
            let mut node = Node::new(
                area.clone(),
                NodeKind::Area,
                format!("Area {s}.{a}, \"quoted\""),
            );
            node.parent = Some(section.as_str().into());
            r.nodes.push(node);
        }
    }
    let start = r.published;
    for i in 0..n {
        let mut c = Node::new(
            format!("c-{i}"),
            NodeKind::Commitment,
            format!("Commitment {i}; with, commas\nand a newline"),
        );
        c.parent = Some(format!("area-{}-{}", i % 10, (i / 10) % 10).into());
        c.owners = thin_vec![format!("Team {}", i % 7), "GDS".into()];
        if i % 3 == 0 {
            c.tags = thin_vec!["ai".into()];
        }
        c.weight = if i % 5 == 0 { 2.5 } else { 1.0 };
        c.sources = thin_vec!["plan".into()];
        let phrase = phrases.get(i % phrases.len()).copied().unwrap_or_default();
        c = c.with_deadline(phrase, start);
        if i % 11 == 0 {
            c.extra
                .insert("note for editors".into(), format!("row {i}"));
        }
        if i % 2 == 0 {
            r.updates.push(StatusUpdate {
                node: c.id.to_string(),
                date: (start + chrono::Days::new((i % 300) as u64)).into(),
                status: statuses
                    .get(i % statuses.len())
                    .copied()
                    .unwrap_or_default()
                    .into(),
                source: "plan".into(),
                note: format!("update {i}"),
                delivered_on: (i % 4 == 2).then(|| (start + chrono::Days::new(10)).into()),
                new_deadline: None,
                extra: Default::default(),
            });
        }
        r.nodes.push(c);
    }
    r
}

#[test]
fn generated_roadmap_of_100_000_commitments_round_trips() {
    let r = generated(100_000);
    assert!(r.validate().is_ok());
    round_trip(&r);
}

/// Cells a spreadsheet would run as formulas are exported with a text marker, and read
/// back exactly as they were.
#[test]
fn formula_cells_are_exported_safely_and_read_back() {
    let mut roadmap = roadmap_tracker::Roadmap::uk_digital_2026().clone();
    let hostile = [
        "=HYPERLINK(\"http://example.invalid\",\"click\")",
        "+1+1",
        "@SUM(A1:A2)",
        "-2+3",
        "\tindented",
        "'quoted",
    ];
    let commitment = roadmap
        .nodes
        .iter_mut()
        .find(|n| n.kind == roadmap_tracker::NodeKind::Commitment)
        .unwrap();
    for (i, text) in hostile.iter().enumerate() {
        commitment
            .extra
            .insert(format!("note{i}"), (*text).to_string());
    }
    commitment.summary = "=1+2".into();
    let tables = roadmap.to_csv_tables().unwrap();
    for line in tables.nodes.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_matches('"');
            assert!(
                !matches!(cell.chars().next(), Some('=' | '+' | '@' | '\t')),
                "unguarded cell {cell:?}"
            );
        }
    }
    let back = roadmap_tracker::Roadmap::from_csv_tables(&tables).unwrap();
    assert_eq!(back, roadmap);
    let sheet = roadmap.to_flat_csv().unwrap();
    assert!(sheet.contains("'=1+2"));
    // A negative number is data, not a formula: it is written as it is.
    assert_eq!(super_guard_check("-3.5"), "-3.5");
}

#[allow(clippy::unwrap_used)]
fn super_guard_check(value: &str) -> String {
    let mut r = roadmap_tracker::Roadmap::uk_digital_2026().clone();
    r.extra.insert("offset".into(), value.into());
    let tables = r.to_csv_tables().unwrap();
    let mut reader = csv::Reader::from_reader(tables.roadmap.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let at = headers.iter().position(|h| h == "offset").unwrap();
    let row = reader.records().next().unwrap().unwrap();
    row.get(at).unwrap().to_string()
}

/// An oversized roadmap is refused with one `too_large` problem, before any per-record
/// check runs.
#[test]
fn too_many_records_is_one_clear_error() {
    let mut r = roadmap_tracker::Roadmap::uk_digital_2026().clone();
    let template = r.updates[0].clone();
    r.updates = vec![template; roadmap_tracker::validate::MAX_RECORDS + 1];
    let err = r.validate().unwrap_err();
    assert_eq!(err.code().as_str(), "too_large");
    assert_eq!(err.location().path.as_deref(), Some("updates"));
}
