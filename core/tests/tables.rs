//! Table views (node rows, score history rows, report rows) and reading a flat sheet from
//! cells, with hand-worked expectations.

use chrono::NaiveDate;
use roadmap_tracker::status::{Evaluator, Rules, Step};
use roadmap_tracker::thin_vec::thin_vec;
use roadmap_tracker::{DeadlineText, ErrorCode, Node, NodeKind, Roadmap};
use serde_json::{json, Value};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| unreachable!("{y}-{m}-{d}"))
}

/// Services > Digital (sub-category) > Front door (area) > portal (commitment) >
/// beta (milestone); Services > Back office (area) > ledger (commitment).
fn small() -> Roadmap {
    let mut r = Roadmap::new("plan", "Plan", "Us", day(2026, 1, 19));
    let mut add = |id: &str, kind, title: &str, parent: Option<&str>| {
        let mut n = Node::new(id, kind, title);
        n.parent = parent.map(Into::into);
        r.nodes.push(n);
    };
    add("services", NodeKind::Section, "Services", None);
    add(
        "digital",
        NodeKind::Subcategory,
        "Digital",
        Some("services"),
    );
    add("front-door", NodeKind::Area, "Front door", Some("digital"));
    add(
        "portal",
        NodeKind::Commitment,
        "Launch a portal",
        Some("front-door"),
    );
    add("beta", NodeKind::Milestone, "Public beta", Some("portal"));
    add(
        "back-office",
        NodeKind::Area,
        "Back office",
        Some("services"),
    );
    add(
        "ledger",
        NodeKind::Commitment,
        "Replace the ledger",
        Some("back-office"),
    );
    let Some(portal) = r.nodes.get_mut(3) else {
        unreachable!("seven nodes")
    };
    portal.owners = thin_vec!["Digital team".into(), "Treasury".into()];
    portal.weight = 2.0;
    portal.deadline = Some(Box::new(DeadlineText {
        phrase: "by March 2027".into(),
        written_on: day(2026, 1, 19),
        source: None,
    }));
    portal.extra.insert("Lead".into(), "Sam".into());
    // An extra field named like a column does not hide the column.
    portal.extra.insert("title".into(), "shadow".into());
    r.validate().unwrap_or_else(|e| unreachable!("{e}"));
    r
}

#[test]
fn node_rows_carry_every_column() {
    let r = small();
    let rows: Vec<Value> = r
        .node_rows()
        .iter()
        .map(|row| serde_json::to_value(row).unwrap())
        .collect();
    assert_eq!(rows.len(), 7);
    assert_eq!(
        rows[0],
        json!({"id": "services", "kind": "section", "parent": null, "title": "Services",
               "summary": "", "owners": [], "tags": [], "weight": 1.0, "sources": [],
               "deadline": null, "deadline_written_on": null, "deadline_source": null,
               "expectation": false})
    );
    assert_eq!(
        rows[3],
        json!({"id": "portal", "kind": "commitment", "parent": "front-door",
               "title": "Launch a portal", "summary": "",
               "owners": ["Digital team", "Treasury"], "tags": [], "weight": 2.0,
               "sources": [], "deadline": "by March 2027",
               "deadline_written_on": "2026-01-19", "deadline_source": null,
               "expectation": false, "Lead": "Sam"})
    );
    // Every row has the thirteen columns of nodes.csv, in its order, then its extras.
    let text = serde_json::to_string(&r.node_rows()[0]).unwrap();
    assert!(text.starts_with(r#"{"id":"services","kind":"section","parent":null,"title":"Services","summary":"","owners":[]"#), "{text}");
    assert!(
        text.ends_with(r#""deadline":null,"deadline_written_on":null,"deadline_source":null,"expectation":false}"#),
        "{text}"
    );
}

#[test]
fn score_rows_are_by_date_then_series() {
    let r = small();
    let history = Evaluator::new(r.clone(), Rules::default())
        .unwrap()
        .history(Some(day(2026, 1, 19)), day(2026, 3, 19), Step::Monthly)
        .unwrap();
    // Three dates (19 Jan, 19 Feb, 19 Mar) × five scored levels (roadmap, services,
    // digital, front door, back office).
    assert_eq!(history.dates.len(), 3);
    assert_eq!(history.scores.len(), 5);
    let rows = history.score_rows();
    assert_eq!(rows.len(), 15);
    let keys: Vec<(Option<&str>, NaiveDate)> = rows
        .iter()
        .map(|r| (r.node, r.point.date))
        .take(6)
        .collect();
    assert_eq!(
        keys,
        [
            (None, day(2026, 1, 19)),
            (Some("services"), day(2026, 1, 19)),
            (Some("digital"), day(2026, 1, 19)),
            (Some("front-door"), day(2026, 1, 19)),
            (Some("back-office"), day(2026, 1, 19)),
            (None, day(2026, 2, 19)),
        ]
    );
    let first = serde_json::to_value(rows[0]).unwrap();
    assert_eq!(first["node"], Value::Null);
    assert_eq!(first["kind"], "roadmap");
    assert_eq!(first["date"], "2026-01-19");
    // Milestones are not scored: the roadmap tracks its two commitments.
    assert_eq!(first["total"], 2);
}

#[test]
fn report_rows_walk_the_tree() {
    let r = small();
    let report = Evaluator::new(r.clone(), Rules::default())
        .unwrap()
        .report(day(2026, 6, 1), None);
    let rows = report.table_rows();
    let ids: Vec<&str> = rows.iter().map(|row| row.node.id.as_str()).collect();
    assert_eq!(ids, ["portal", "beta", "ledger"]);
    assert_eq!(rows.len(), report.rows().len());
    let beta = serde_json::to_value(rows[1]).unwrap();
    assert_eq!(beta["section"], "Services");
    assert_eq!(beta["subcategory"], "Digital");
    assert_eq!(beta["area"], "Front door");
    assert_eq!(beta["section_id"], "services");
    assert_eq!(beta["subcategory_id"], "digital");
    assert_eq!(beta["area_id"], "front-door");
    assert_eq!(beta["parent"], "portal");
    assert_eq!(beta["kind"], "milestone");
    assert_eq!(beta["deadline"], Value::Null);
    let ledger = serde_json::to_value(rows[2]).unwrap();
    assert_eq!(ledger["subcategory"], "");
    assert_eq!(ledger["subcategory_id"], Value::Null);
    assert_eq!(ledger["area_id"], "back-office");
    assert_eq!(ledger["parent"], Value::Null);
    let portal = serde_json::to_value(rows[0]).unwrap();
    assert_eq!(portal["deadline"], "by March 2027");
    assert_eq!(portal["latest"], "2027-03-31");
    assert_eq!(portal["deadline_written_on"], "2026-01-19");
    // The columns of the report's CSV form come first, in its order (serde_json's Value
    // sorts keys, so read the order from the text).
    let csv = report.to_csv().unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let text = serde_json::to_string(&rows[0]).unwrap();
    let at: Vec<usize> = header
        .iter()
        .map(|k| text.find(&format!("\"{k}\":")).unwrap())
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(
        text.starts_with(
            r#"{"section":"Services","subcategory":"Digital","area":"Front door","id":"portal""#
        ),
        "{text}"
    );
}

fn cells(row: &[&str]) -> Vec<String> {
    row.iter().map(|c| (*c).to_owned()).collect()
}

fn base() -> Roadmap {
    Roadmap::new("plan", "Plan", "Us", day(2026, 1, 19))
}

#[test]
fn flat_rows_read_like_the_flat_sheet() {
    let header = [
        "section",
        "area",
        "id",
        "title",
        "owners",
        "Lead",
        "status",
        "status_date",
    ];
    let rows = [
        cells(&[
            "Services",
            "Front door",
            "portal",
            "Launch a portal",
            "A; B",
            "'Sam",
            "in progress",
            "2026-06-04",
        ]),
        // A cell with a newline and one that looks like a formula are taken as they are.
        cells(&[
            "Services",
            "Back office",
            "ledger",
            "Replace\nthe ledger",
            "",
            "=1+1",
            "",
            "",
        ]),
    ];
    let r = Roadmap::from_flat_rows(&header, &rows, base()).unwrap();
    let ids: Vec<&str> = r.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(
        ids,
        ["services", "front-door", "portal", "back-office", "ledger"]
    );
    let portal = r.node("portal").unwrap();
    assert_eq!(portal.owners, ["A", "B"]);
    assert_eq!(portal.extra.get("Lead").map(String::as_str), Some("'Sam"));
    let ledger = r.node("ledger").unwrap();
    assert_eq!(ledger.title, "Replace\nthe ledger");
    assert_eq!(ledger.extra.get("Lead").map(String::as_str), Some("=1+1"));
    assert_eq!(r.updates.len(), 1);
    assert_eq!(r.updates[0].date, day(2026, 6, 4).into());
}

#[test]
fn flat_rows_locate_problems_by_row() {
    let header = ["section", "area", "id", "title", "status", "status_date"];
    // Row 1 spans two CSV lines; the bad date is in row 2, on CSV line 5.
    let rows = [
        cells(&["S", "A", "one", "One", "", ""]),
        cells(&["S", "A", "two", "Two\nlines", "", ""]),
        cells(&["S", "A", "three", "Three", "done", "2026-02-30"]),
    ];
    let err = Roadmap::from_flat_rows(&header, &rows, base()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidDate);
    assert_eq!(err.location().to_string(), "rows[2].status_date");
    assert_eq!(err.location().file, None);

    // Validation problems (every one of them) are located the same way.
    let rows = [
        cells(&["S", "A", "Bad Id", "One", "", ""]),
        cells(&["S", "A", "two", "Two", "", ""]),
        cells(&["S", "A", "two", "Again", "", ""]),
    ];
    let err = Roadmap::from_flat_rows(&header, &rows, base()).unwrap_err();
    let at: Vec<(ErrorCode, String)> = err
        .problems()
        .iter()
        .map(|p| (p.code, p.location.to_string()))
        .collect();
    assert_eq!(
        at,
        [
            (ErrorCode::InvalidId, "rows[0].id".to_owned()),
            (ErrorCode::DuplicateId, "rows[2].id".to_owned()),
        ]
    );

    // The header: a required column missing.
    let err = Roadmap::from_flat_rows(
        &["section", "area", "id"],
        [cells(&["S", "A", "x"])],
        base(),
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::MissingField);
    assert_eq!(err.location().to_string(), "header.title");

    // A row of the wrong length.
    let err = Roadmap::from_flat_rows(&header, [cells(&["S", "A"])], base()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::RaggedRow);
    assert_eq!(
        err.to_string(),
        "ragged_row at rows[0]: the row has 2 cells but the header has 6"
    );
}

#[test]
fn labelled_flat_rows_name_rows_by_their_labels() {
    let header = ["section", "area", "id", "title", "status", "status_date"];
    let rows = [
        cells(&["S", "A", "Bad Id", "One", "", ""]),
        cells(&["S", "A", "two", "Two\nlines", "", ""]),
        cells(&["S", "A", "two", "Again", "done", "2026-02-30"]),
    ];
    let labels = ["'r1'", "'r2'", "'r3'"];
    // A format problem: the bad date of the third row, which starts on CSV line 5.
    let err = Roadmap::from_labelled_flat_rows(&header, &rows, &labels, base()).unwrap_err();
    assert_eq!(err.location().to_string(), "rows['r3'].status_date");
    // Validation problems, once the date is fixed.
    let mut fixed = rows.clone();
    fixed[2][5] = "2026-02-28".to_owned();
    let err = Roadmap::from_labelled_flat_rows(&header, &fixed, &labels, base()).unwrap_err();
    let at: Vec<String> = err
        .problems()
        .iter()
        .map(|p| p.location.to_string())
        .collect();
    assert_eq!(at, ["rows['r1'].id", "rows['r3'].id"]);
    // Ragged rows: every one, by label.
    let ragged = [
        cells(&["S"]),
        cells(&["S", "A", "x", "X", "", ""]),
        cells(&["S", "A"]),
    ];
    let err = Roadmap::from_labelled_flat_rows(&header, &ragged, &labels, base()).unwrap_err();
    let at: Vec<String> = err
        .problems()
        .iter()
        .map(|p| p.location.to_string())
        .collect();
    assert_eq!(at, ["rows['r1']", "rows['r3']"]);
    // One label per row, or the labels are refused.
    let err = Roadmap::from_labelled_flat_rows(&header, &fixed, &labels[..2], base()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidArgument);
    assert_eq!(
        err.to_string(),
        "invalid_argument at labels: 2 labels for 3 rows: give one label per row"
    );
}

#[test]
fn flat_rows_take_the_roadmaps_date_for_a_deadline_given_without_one() {
    use roadmap_tracker::Roadmap;
    let published = chrono::NaiveDate::from_ymd_opt(2026, 1, 19).unwrap();
    let base = Roadmap::new("plan", "Plan", "Us", published);
    let header = ["section", "area", "id", "title", "deadline"];
    let row = |cells: [&str; 5]| cells.map(str::to_owned).to_vec();
    let rows = vec![
        row(["S", "A", "one", "One", "by the end of 2026"]),
        row(["S", "A", "two", "Two", ""]),
    ];
    let roadmap = Roadmap::from_flat_rows(&header, rows, base).unwrap();
    let one = roadmap.node("one").unwrap().deadline.as_ref().unwrap();
    assert_eq!(
        (one.phrase.as_str(), one.written_on),
        ("by the end of 2026", published)
    );
    assert!(roadmap.node("two").unwrap().deadline.is_none());
}

#[test]
fn views_are_named_once_and_read_from_one_source() {
    use roadmap_tracker::tables::{Source, View};
    for view in View::ALL {
        assert_eq!(view.as_str().parse::<View>().unwrap(), view);
        assert!(View::of(view.source()).contains(&view));
    }
    assert_eq!(
        View::of(Source::History),
        [View::History, View::ScoreHistory]
    );
    assert_eq!(View::of(Source::Sheet), [View::Rows, View::Problems]);
}
