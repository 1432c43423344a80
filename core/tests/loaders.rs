//! The loaders report every problem of a file at once, each where it is, and name the file
//! they were given. Every expectation below was worked out by hand from docs/formats.md:
//! the files are small enough to count their problems on sight.

use std::path::{Path, PathBuf};

use roadmap_tracker::io::CsvTables;
use roadmap_tracker::{Error, ErrorCode, ErrorKind, Roadmap, MAX_PROBLEMS};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rt-loaders-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| unreachable!("{e}"));
    dir
}

/// Each problem as (code, location as displayed).
fn found(err: &Error) -> Vec<(ErrorCode, String)> {
    err.problems()
        .iter()
        .map(|p| (p.code, p.location.to_string()))
        .collect()
}

fn owned(expected: &[(ErrorCode, &str)]) -> Vec<(ErrorCode, String)> {
    expected
        .iter()
        .map(|(c, l)| (*c, (*l).to_owned()))
        .collect()
}

const ROADMAP_CSV: &str = "id,title,publisher,published\nplan,Plan,Us,2026-01-19\n";

/// Two tables with seven problems between them, one or two to a row.
fn bad_tables() -> CsvTables {
    CsvTables {
        roadmap: ROADMAP_CSV.into(),
        nodes: "id,kind,parent,title,weight,deadline,deadline_written_on\n\
                svc,section,,Services,,,\n\
                web,area,svc,Web,heavy,,\n\
                portal,chapter,web,Portal,,by March 2027,2026-02-30\n\
                app,commitment,web,App,2,,2026-01-19\n\
                x,area,svc\n\
                api,commitment,web,API,,,\n"
            .into(),
        updates: "node,date,status\n\
                  portal,2026-13-01,started\n\
                  ,2026-03-01,done\n\
                  api,2026-03-01,done\n"
            .into(),
        ..CsvTables::default()
    }
}

#[test]
fn every_problem_of_the_tables_at_once() {
    let err = Roadmap::from_csv_tables(&bad_tables()).unwrap_err();
    // Line 3: a weight that is no number. Line 4: an unknown kind and a date that does
    // not exist, both in the one row. Line 5: a deadline's date without its phrase.
    // Line 6: three fields under a header of seven. Then updates.csv, line 2: month 13;
    // line 3: no node. The good rows (lines 2 and 7, and update line 4) give nothing.
    assert_eq!(
        found(&err),
        owned(&[
            (ErrorCode::InvalidNumber, "nodes.csv:3, column weight"),
            (ErrorCode::UnknownValue, "nodes.csv:4, column kind"),
            (
                ErrorCode::InvalidDate,
                "nodes.csv:4, column deadline_written_on"
            ),
            (ErrorCode::MissingField, "nodes.csv:5, column deadline"),
            (ErrorCode::RaggedRow, "nodes.csv:6"),
            (ErrorCode::InvalidDate, "updates.csv:2, column date"),
            (ErrorCode::MissingField, "updates.csv:3, column node"),
        ])
    );
    assert!(matches!(err, Error::Malformed(_)), "{err:?}");
    assert_eq!(
        (err.code(), err.kind()),
        (ErrorCode::InvalidNumber, ErrorKind::Format)
    );
    let text = err.to_string();
    assert!(text.starts_with("7 problems:\n  - invalid_number at nodes.csv:3, column weight: \"heavy\" is not a finite number\n"), "{text}");
    assert!(text.contains("\n  - missing_field at nodes.csv:5, column deadline: deadline_written_on is filled in but deadline is blank\n"), "{text}");
    // The serialised error (what both bindings raise) lists them all too.
    let json = serde_json::to_value(&err).unwrap_or_default();
    assert_eq!(json["kind"], "format");
    assert_eq!(json["problems"].as_array().map(Vec::len), Some(7));
    assert_eq!(json["problems"][4]["code"], "ragged_row");
    assert_eq!(json["problems"][4]["location"]["line"], 6);
}

#[test]
fn one_problem_is_still_a_format_error() {
    let mut tables = bad_tables();
    tables.nodes = "id,kind,title\nsvc,chapter,Services\n".into();
    tables.updates = String::new();
    let err = Roadmap::from_csv_tables(&tables).unwrap_err();
    assert!(matches!(err, Error::Format(_)), "{err:?}");
    assert_eq!(err.to_string(), "unknown_value at nodes.csv:2, column kind: unknown node kind \"chapter\": expected one of section, subcategory, area, commitment, milestone");
}

#[test]
fn every_problem_of_a_header_and_no_rows_under_it() {
    let tables = CsvTables {
        roadmap: ROADMAP_CSV.into(),
        // A repeated column, a column with no name, and the required kind missing: the
        // rows under such a header are not read (the bad date on line 2 is not reported).
        nodes: "id,title,title,,weight\nsvc,Services,S,x,heavy\n".into(),
        ..CsvTables::default()
    };
    let err = Roadmap::from_csv_tables(&tables).unwrap_err();
    assert_eq!(
        found(&err),
        owned(&[
            (ErrorCode::DuplicateColumn, "nodes.csv:1, column title"),
            (ErrorCode::MissingField, "nodes.csv:1:4"),
            (ErrorCode::MissingField, "nodes.csv:1, column kind"),
        ])
    );
}

#[test]
fn an_unclosed_quote_stops_its_file_but_not_the_others() {
    let mut tables = bad_tables();
    tables.nodes = "id,kind,title\nsvc,chapter,Services\n".into();
    // The quote opened on line 3 swallows the rest: line 2's bad date is not read.
    tables.updates = "node,date,status\nsvc,2026-13-01,done\nsvc,2026-03-01,\"done\n".into();
    let err = Roadmap::from_csv_tables(&tables).unwrap_err();
    assert_eq!(
        found(&err),
        owned(&[
            (ErrorCode::UnknownValue, "nodes.csv:2, column kind"),
            (ErrorCode::CsvSyntax, "updates.csv:3"),
        ])
    );
}

#[test]
fn the_list_is_capped_and_counts_the_rest() {
    let mut nodes = String::from("id,kind,title\n");
    for i in 0..10_000 {
        nodes.push_str(&format!("n{i},chapter,Title\n"));
    }
    let tables = CsvTables {
        roadmap: ROADMAP_CSV.into(),
        nodes,
        ..CsvTables::default()
    };
    let problems = Roadmap::from_csv_tables(&tables).unwrap_err().problems();
    assert_eq!(problems.len(), MAX_PROBLEMS + 1);
    // The hundredth kept is the hundredth row: line 101.
    assert_eq!(
        problems[MAX_PROBLEMS - 1].location.to_string(),
        "nodes.csv:101, column kind"
    );
    let last = &problems[MAX_PROBLEMS];
    assert_eq!(last.code, ErrorCode::TooManyProblems);
    assert_eq!(
        last.message,
        "9900 more problems were found and are not listed (at most 100 are)"
    );
}

#[test]
fn every_problem_of_a_flat_sheet() {
    let base = Roadmap::new(
        "plan",
        "Plan",
        "Us",
        chrono::NaiveDate::from_ymd_opt(2026, 1, 19).unwrap_or_default(),
    );
    let sheet = "section,area,id,title,status,status_date,weight\n\
                 ,,c1,One,,,\n\
                 S,A,c2,Two,done,2026-02-30,x\n\
                 S,A,c3,Three,,2026-03-01,\n";
    let err = Roadmap::from_flat_csv(sheet, base.clone()).unwrap_err();
    assert_eq!(
        found(&err),
        owned(&[
            (ErrorCode::BlankField, "tracker.csv:2, column section"),
            (ErrorCode::BlankField, "tracker.csv:2, column area"),
            (ErrorCode::InvalidNumber, "tracker.csv:3, column weight"),
            (ErrorCode::InvalidDate, "tracker.csv:3, column status_date"),
            (ErrorCode::MissingField, "tracker.csv:4, column status"),
        ])
    );
    assert_eq!(err.kind(), ErrorKind::Format);
    // Blank titles alone are a validation matter, as one of them is.
    let err =
        Roadmap::from_flat_csv("section,area,id,title\n,,c1,One\n", base.clone()).unwrap_err();
    assert_eq!(err.problems().len(), 2);
    assert_eq!(err.kind(), ErrorKind::Validation);

    // Cells given row by row are located by row.
    let header = ["section", "area", "id", "title", "status", "status_date"];
    let row = |cells: [&str; 6]| cells.map(str::to_owned).to_vec();
    let rows = vec![
        row(["S", "A", "c1", "One", "done", "2026-13-01"]),
        row(["S", "", "c2", "Two", "", ""]),
    ];
    let err = Roadmap::from_flat_rows(&header, rows, base.clone()).unwrap_err();
    assert_eq!(
        found(&err),
        owned(&[
            (ErrorCode::InvalidDate, "rows[0].status_date"),
            (ErrorCode::BlankField, "rows[1].area"),
        ])
    );
    // Every ragged row is reported, before any cell is read.
    let rows = vec![
        vec!["S".to_owned()],
        row(["S", "A", "c1", "One", "done", "2026-13-01"]),
        vec![],
    ];
    let err = Roadmap::from_flat_rows(&header, rows, base).unwrap_err();
    assert_eq!(
        found(&err),
        owned(&[
            (ErrorCode::RaggedRow, "rows[0]"),
            (ErrorCode::RaggedRow, "rows[2]"),
        ])
    );
}

/// A roadmap document with six problems, one to a line (lines counted from 1).
const BAD_JSON: &str = r#"{"id": "plan", "title": "Plan", "publisher": "Us", "published": "2026-02-30",
 "colour": "red",
 "nodes": [
  {"id": "s", "kind": "section", "title": "S"},
  {"id": "a", "kind": "area", "parent": "s", "title": "A", "weight": "2"},
  {"id": "c", "kind": "commitment", "parent": "a"},
  {"id": "d", "kind": "commitment", "parent": "a", "title": "D", "extra": {"k": "1", "k": "2"}}
 ],
 "updates": [{"node": "c", "date": "2026-13-01", "status": "done"}]
}
"#;

#[test]
fn every_problem_of_a_json_document() {
    let err = Roadmap::from_json_str(BAD_JSON).unwrap_err();
    // The repeated key is found by the first scan; then each record in order: the
    // roadmap's date (30 February), its unknown key, node 1's weight as text, node 2
    // without a title (reported where the node ends), and the update's month 13. Node 3,
    // whose problem is the repeated key, is not read again.
    type At = (ErrorCode, Option<String>, Option<String>, Option<u64>);
    let got: Vec<At> = err
        .problems()
        .into_iter()
        .map(|p| (p.code, p.location.path, p.location.field, p.location.line))
        .collect();
    let at = |code, path: &str, field: Option<&str>, line| {
        (
            code,
            Some(path.to_owned()),
            field.map(str::to_owned),
            Some(line),
        )
    };
    assert_eq!(
        got,
        [
            at(ErrorCode::DuplicateKey, "nodes[3].extra", Some("k"), 7),
            at(ErrorCode::InvalidDate, "published", None, 1),
            at(ErrorCode::UnknownField, "colour", None, 2),
            at(ErrorCode::WrongType, "nodes[1].weight", None, 5),
            at(ErrorCode::MissingField, "nodes[2]", None, 6),
            at(ErrorCode::InvalidDate, "updates[0].date", None, 9),
        ]
    );
    assert_eq!(err.kind(), ErrorKind::Format);
    let messages: Vec<String> = err.problems().into_iter().map(|p| p.message).collect();
    assert!(
        messages[1].contains("February 2026 has 28 days"),
        "{messages:?}"
    );
    assert!(
        messages[2].starts_with("unknown field `colour`, expected one of `id`"),
        "{messages:?}"
    );
    assert_eq!(messages[4], "missing field `title`");
}

#[test]
fn json_that_breaks_stops_where_it_breaks() {
    // Node 0's kind is unknown; the document is then cut off. The cut stops the reading
    // (a reader cannot know where the records after it end): what was found before it,
    // then the cut.
    let json = r#"{"id": "plan", "title": "Plan", "publisher": "Us", "published": "2026-01-19",
 "nodes": [{"id": "s", "kind": "chapter", "title": "S"}, {"id": "#;
    let err = Roadmap::from_json_str(json).unwrap_err();
    // Columns are where reading stopped on line 2: the closing quote of "chapter" is its
    // 40th byte; the line's last byte, the space after `"id":`, is its 64th.
    assert_eq!(
        found(&err),
        owned(&[
            (ErrorCode::UnknownValue, "line 2, column 40: nodes[0].kind"),
            (ErrorCode::Truncated, "line 2, column 64: nodes[1].id"),
        ])
    );
    // A document with one problem reports it as it always has.
    let json = r#"{"id": "plan", "title": "Plan", "publisher": "Us", "published": "2026-01-19",
 "nodes": [{"id": "s", "kind": "chapter", "title": "S"}]}"#;
    let err = Roadmap::from_json_str(json).unwrap_err();
    assert!(matches!(err, Error::Format(_)), "{err:?}");
    assert_eq!(err.location().path.as_deref(), Some("nodes[0].kind"));
    assert_eq!(err.location().line, Some(2));
}

#[test]
fn loading_a_path_names_it_in_every_problem() {
    let dir = scratch("names");
    // JSON: every problem in the file given.
    let json = dir.join("plan.json");
    std::fs::write(&json, BAD_JSON).unwrap_or_default();
    let err = Roadmap::load(&json, None, None).unwrap_err();
    assert_eq!(err.problems().len(), 6);
    let file = json.display().to_string();
    assert!(err
        .problems()
        .iter()
        .all(|p| p.location.file.as_deref() == Some(file.as_str())));

    // A directory of tables: each problem in its table's path inside it.
    let tables = dir.join("tables");
    bad_tables().write_dir(&tables).unwrap_or_default();
    let err = Roadmap::load(&tables, None, None).unwrap_err();
    let files: Vec<String> = err
        .problems()
        .into_iter()
        .filter_map(|p| p.location.file)
        .collect();
    let nodes = tables.join("nodes.csv").display().to_string();
    let updates = tables.join("updates.csv").display().to_string();
    assert_eq!(files.len(), 7);
    assert_eq!(files.iter().filter(|f| **f == nodes).count(), 5);
    assert_eq!(files.iter().filter(|f| **f == updates).count(), 2);
    // Validation problems too (the fixture's tables with an unknown parent).
    std::fs::write(tables.join("updates.csv"), "node,date,status\n").unwrap_or_default();
    std::fs::write(
        tables.join("nodes.csv"),
        "id,kind,parent,title\nsvc,section,,Services\nweb,area,svcs,Web\n",
    )
    .unwrap_or_default();
    let err = Roadmap::load(&tables, None, None).unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownParent);
    assert_eq!(
        err.location().to_string(),
        format!("{nodes}:3, column parent")
    );
    // Encoding problems of several tables, read from the directory, together.
    std::fs::write(
        tables.join("nodes.csv"),
        b"id,kind,title\nsvc,section,Servic\xe9s\n",
    )
    .unwrap_or_default();
    std::fs::write(tables.join("updates.csv"), b"node,date,status\n\xff\n").unwrap_or_default();
    let err = CsvTables::read_dir(&tables).unwrap_err();
    assert_eq!(
        found(&err),
        vec![
            (ErrorCode::Encoding, format!("{nodes}:2")),
            (ErrorCode::Encoding, format!("{updates}:2")),
        ]
    );

    // A flat sheet with any name: its path, not the name text readers use.
    let base = Roadmap::load(fixtures().join("minimal/roadmap.json"), None, None)
        .unwrap_or_else(|e| unreachable!("{e}"));
    let flat = dir.join("x.csv");
    std::fs::write(&flat, "section,area,id,title\n,,c1,One\n").unwrap_or_default();
    let err = Roadmap::load(&flat, None, Some(&base)).unwrap_err();
    let file = flat.display().to_string();
    assert_eq!(
        found(&err),
        vec![
            (ErrorCode::BlankField, format!("{file}:2, column section")),
            (ErrorCode::BlankField, format!("{file}:2, column area")),
        ]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Extra fields as they read back from a table of one section row (`nodes.csv`).
fn section_extra(tables: &CsvTables) -> Vec<roadmap_tracker::Extra> {
    match Roadmap::from_csv_tables(tables) {
        Ok(r) => r.nodes.into_iter().map(|n| n.extra).collect(),
        Err(e) => unreachable!("{e}"),
    }
}

#[test]
fn a_column_of_empty_cells_is_kept_and_written_back() {
    let tables = CsvTables {
        roadmap: ROADMAP_CSV.into(),
        nodes: "id,kind,title,notes\nsvc,section,Services,\nweb,section,Web,\n".into(),
        ..CsvTables::default()
    };
    let roadmap = Roadmap::from_csv_tables(&tables).unwrap_or_else(|e| unreachable!("{e}"));
    // Each row holds the column, empty.
    let empty = roadmap_tracker::Extra::from([("notes".to_owned(), String::new())]);
    assert_eq!(section_extra(&tables), [empty.clone(), empty]);
    // Written back: the 13 columns of nodes.csv, then notes, every cell of it empty (after
    // each title, ten empty fields).
    let written = roadmap
        .to_csv_tables()
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(
        written.nodes,
        "id,kind,parent,title,summary,owners,tags,weight,sources,deadline,\
         deadline_written_on,deadline_source,expectation,notes\n\
         svc,section,,Services,,,,,,,,,,\n\
         web,section,,Web,,,,,,,,,,\n"
    );
    assert_eq!(Roadmap::from_csv_tables(&written).ok(), Some(roadmap));
}

#[test]
fn an_empty_value_among_others_reads_back() {
    // One section holds the field empty, one holds "x", one does not hold it: the empty
    // one is written `'` (text, empty), the absent one as an empty cell.
    let published = chrono::NaiveDate::from_ymd_opt(2026, 1, 19).unwrap_or_default();
    let mut r = Roadmap::new("plan", "Plan", "Us", published);
    for (id, notes) in [("a", Some("")), ("b", Some("x")), ("c", None)] {
        let mut node = roadmap_tracker::Node::new(id, roadmap_tracker::NodeKind::Section, "T");
        if let Some(notes) = notes {
            node.extra.insert("notes".into(), notes.into());
        }
        r.nodes.push(node);
    }
    let tables = r.to_csv_tables().unwrap_or_else(|e| unreachable!("{e}"));
    let rows: Vec<&str> = tables.nodes.lines().skip(1).collect();
    assert_eq!(
        rows,
        [
            "a,section,,T,,,,,,,,,,'",
            "b,section,,T,,,,,,,,,,x",
            "c,section,,T,,,,,,,,,,"
        ]
    );
    assert_eq!(Roadmap::from_csv_tables(&tables).ok(), Some(r.clone()));
    // The same through JSON, which holds the empty value as it is.
    let json = r.to_json().unwrap_or_default();
    assert!(json.contains("\"notes\": \"\""), "{json}");
    assert_eq!(Roadmap::from_json_str(&json).ok(), Some(r));
}

#[test]
fn a_flat_sheets_empty_column_survives_every_format() {
    let base = Roadmap::new(
        "plan",
        "Plan",
        "Us",
        chrono::NaiveDate::from_ymd_opt(2026, 1, 19).unwrap_or_default(),
    );
    let sheet = "section,area,id,title,Lead\nServices,Web,portal,Portal,\n";
    let r = Roadmap::from_flat_csv(sheet, base.clone()).unwrap_or_else(|e| unreachable!("{e}"));
    let portal = r
        .node("portal")
        .map(|n| n.extra.clone())
        .unwrap_or_default();
    assert_eq!(
        portal,
        roadmap_tracker::Extra::from([("Lead".to_owned(), String::new())])
    );
    // The flat sheet keeps the column, empty.
    let flat = r.to_flat_csv().unwrap_or_default();
    assert!(flat.starts_with("section,subcategory,area,id,title,"));
    assert!(
        flat.lines()
            .next()
            .is_some_and(|h| h.ends_with(",expectation,Lead")),
        "{flat}"
    );
    assert!(
        flat.lines().nth(1).is_some_and(|l| l.ends_with(",,")),
        "{flat}"
    );
    assert_eq!(Roadmap::from_flat_csv(&flat, base).ok(), Some(r.clone()));
    // In nodes.csv the section and area do not hold it and the commitment holds it empty.
    let tables = r.to_csv_tables().unwrap_or_else(|e| unreachable!("{e}"));
    let lead: Vec<&str> = tables
        .nodes
        .lines()
        .map(|l| l.rsplit(',').next().unwrap_or("?"))
        .collect();
    assert_eq!(lead, ["Lead", "", "", "'"]);
    assert_eq!(Roadmap::from_csv_tables(&tables).ok(), Some(r));
}

/// A section, an area, a commitment with a milestone and two updates: what a flat sheet
/// cannot hold is the milestone, the earlier update and the section's summary.
fn small_roadmap() -> Roadmap {
    use roadmap_tracker::{Node, NodeKind, StatusUpdate};
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default();
    let mut r = Roadmap::new("plan", "Plan", "Us", day(1, 19));
    let mut services = Node::new("services", NodeKind::Section, "Services");
    services.summary = "Front-line services".into();
    let mut web = Node::new("web", NodeKind::Area, "Web");
    web.parent = Some("services".into());
    let mut portal = Node::new("portal", NodeKind::Commitment, "Portal");
    portal.parent = Some("web".into());
    let mut beta = Node::new("beta", NodeKind::Milestone, "Beta");
    beta.parent = Some("portal".into());
    r.nodes = vec![services, web, portal, beta];
    for (date, status) in [(day(2, 1), "started"), (day(3, 1), "done")] {
        r.updates.push(StatusUpdate {
            node: "portal".into(),
            date: date.into(),
            status: status.into(),
            source: String::new(),
            note: String::new(),
            delivered_on: None,
            new_deadline: None,
            extra: Default::default(),
        });
    }
    r
}

#[test]
fn save_then_load_gives_the_roadmap_back_in_every_format() {
    use roadmap_tracker::io::Format;
    let dir = scratch("symmetric");
    let full = small_roadmap();
    // What the flat sheet holds: no milestone, one update, a section with only its title.
    let mut flat = full.clone();
    flat.nodes.truncate(3);
    flat.nodes[0].summary.clear();
    flat.updates.remove(0);
    for format in Format::ALL {
        let path = dir.join(format!("plan-{format}"));
        let r = if format == Format::Flat { &flat } else { &full };
        r.save(&path, Some(format))
            .unwrap_or_else(|e| unreachable!("{format}: {e}"));
        let back = Roadmap::load(&path, Some(format), Some(r));
        assert_eq!(back.ok().as_ref(), Some(r), "{format}");
    }
    // By suffix, as the format names say: .json, .csv, a directory.
    for (name, r) in [("p.json", &full), ("p.csv", &flat), ("p", &full)] {
        r.save(dir.join(name), None)
            .unwrap_or_else(|e| unreachable!("{name}: {e}"));
        let back = Roadmap::load(dir.join(name), None, Some(r));
        assert_eq!(back.ok().as_ref(), Some(r), "{name}");
    }
    // The whole roadmap is refused as a flat sheet, saying what it would lose.
    let err = full.save(dir.join("full.csv"), None).unwrap_err();
    assert_eq!(
        (err.code(), err.kind()),
        (ErrorCode::InvalidArgument, ErrorKind::Argument)
    );
    assert_eq!(
        err.message(),
        "a flat sheet cannot hold this roadmap: it would lose 1 milestone, 1 of its 2 status \
         updates (it keeps a commitment's latest) and the ids or details of 1 section or area \
         (the sheet holds their titles); save it as .json or as a directory of tables, or \
         write the sheet as a view with to_flat_csv"
    );
    assert!(!dir.join("full.csv").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
