//! The evidence fields of the model: dates with their precision, re-plans with a new
//! deadline, expectations. Each form survives JSON, the tidy tables and the flat sheet.

use roadmap_tracker::{EvidenceDate, NaiveDate, Precision, Roadmap};

const JSON: &str = r#"{
  "id": "plan", "title": "Plan", "publisher": "Us", "published": "2026-01-19",
  "nodes": [
    {"id": "s", "kind": "section", "title": "S"},
    {"id": "a", "kind": "area", "parent": "s", "title": "A"},
    {"id": "guide", "kind": "commitment", "parent": "a", "title": "Publish a guide",
     "deadline": {"phrase": "in March", "written_on": "2026-01-19"}},
    {"id": "leaders", "kind": "commitment", "parent": "a", "title": "Leaders on boards",
     "deadline": {"phrase": "from the end of 2026", "written_on": "2026-01-19"},
     "expectation": true}
  ],
  "updates": [
    {"node": "guide", "date": "2026-06", "status": "launched", "delivered_on": "..2026-03-31"},
    {"node": "guide", "date": "2026-Q3", "status": "re-planned",
     "new_deadline": {"phrase": "by March 2027", "written_on": "2026-07-01"}},
    {"node": "leaders", "date": "2026", "status": "in progress"},
    {"node": "leaders", "date": "2026-06-04", "status": "in progress"}
  ]
}"#;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

#[test]
fn json_reads_every_precision_and_writes_it_back() {
    let r = Roadmap::from_json_str(JSON).unwrap();
    let dates: Vec<String> = r.updates.iter().map(|u| u.date.to_string()).collect();
    assert_eq!(dates, ["2026-06", "2026-Q3", "2026", "2026-06-04"]);
    let precisions: Vec<Precision> = r.updates.iter().map(|u| u.date.precision()).collect();
    assert_eq!(
        precisions,
        [
            Precision::Month,
            Precision::Quarter,
            Precision::Year,
            Precision::Day
        ]
    );
    // Bounds worked by hand: June 2026 is 1-30 June; Q3 is July to September.
    assert_eq!(r.updates[0].date.earliest(), Some(day(2026, 6, 1)));
    assert_eq!(r.updates[0].date.latest(), day(2026, 6, 30));
    assert_eq!(r.updates[1].date.latest(), day(2026, 9, 30));
    let delivered = r.updates[0].delivered_on.unwrap();
    assert_eq!(
        (delivered.earliest(), delivered.latest()),
        (None, day(2026, 3, 31))
    );
    let new = r.updates[1].new_deadline.as_ref().unwrap();
    assert_eq!(
        (new.phrase.as_str(), new.written_on),
        ("by March 2027", day(2026, 7, 1))
    );
    assert!(r.node("leaders").unwrap().expectation);
    assert!(!r.node("guide").unwrap().expectation);

    let again = Roadmap::from_json_str(&r.to_json().unwrap()).unwrap();
    assert_eq!(again, r);
    let json = r.to_json().unwrap();
    assert!(json.contains(r#""date": "2026-Q3""#), "{json}");
    assert!(json.contains(r#""delivered_on": "..2026-03-31""#), "{json}");
    assert!(json.contains(r#""expectation": true"#), "{json}");
    // A binding commitment does not write the flag.
    assert_eq!(json.matches("expectation").count(), 1);
}

#[test]
fn a_plain_day_stays_a_day() {
    let d: EvidenceDate = serde_json::from_str(r#""2026-06-04""#).unwrap();
    assert_eq!(d, EvidenceDate::day(day(2026, 6, 4)));
    assert_eq!(serde_json::to_string(&d).unwrap(), r#""2026-06-04""#);
}

#[test]
fn bad_evidence_dates_are_refused_with_the_reason() {
    for (text, why) in [
        ("2026-13", "month 13 is not between 1 and 12"),
        ("2026-Q5", "quarter 5 is not between 1 and 4"),
        ("2026-02-30", "February 2026 has 28 days"),
        (
            "June 2026",
            "expected YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY or ..YYYY-MM-DD",
        ),
        ("..2026-06", "expected YYYY-MM-DD"),
        ("0999", "years run from 1000 to 9999"),
    ] {
        let e = text.parse::<EvidenceDate>().unwrap_err();
        assert_eq!(e.code().as_str(), "invalid_date", "{text}");
        assert!(e.message().contains(why), "{text}: {}", e.message());
    }
    let bad = JSON.replace(r#""date": "2026-06","#, r#""date": "2026-6","#);
    let e = Roadmap::from_json_str(&bad).unwrap_err();
    assert!(e.to_string().contains("2026-6"), "{e}");
}

#[test]
fn tidy_tables_round_trip_exactly() {
    let r = Roadmap::from_json_str(JSON).unwrap();
    let tables = r.to_csv_tables().unwrap();
    assert!(tables.updates.starts_with(
        "node,date,status,source,note,delivered_on,new_deadline,new_deadline_written_on,new_deadline_source\n"
    ));
    assert!(tables
        .updates
        .contains("guide,2026-Q3,re-planned,,,,by March 2027,2026-07-01,\n"));
    assert!(tables
        .updates
        .contains("guide,2026-06,launched,,,..2026-03-31,,,\n"));
    assert!(tables
        .nodes
        .lines()
        .next()
        .unwrap()
        .ends_with(",expectation"));
    let back = Roadmap::from_csv_tables(&tables).unwrap();
    assert_eq!(back, r);
}

#[test]
fn the_flat_sheet_keeps_precision_and_flags() {
    let r = Roadmap::from_json_str(JSON).unwrap();
    let sheet = r.to_flat_csv().unwrap();
    let header = sheet.lines().next().unwrap();
    assert!(header.ends_with(
        "delivered_on,new_deadline,new_deadline_written_on,new_deadline_source,expectation"
    ));
    // The latest update of `guide` is the Q3 re-plan (it ends after June).
    assert!(
        sheet.contains("re-planned,2026-Q3,,,,by March 2027,2026-07-01,,"),
        "{sheet}"
    );
    let base = Roadmap::new("plan", "Plan", "Us", day(2026, 1, 19));
    let back = Roadmap::from_flat_csv(&sheet, base).unwrap();
    let guide = back.updates.iter().find(|u| u.node == "guide").unwrap();
    assert_eq!(guide.date.to_string(), "2026-Q3");
    assert_eq!(
        guide.new_deadline.as_ref().map(|d| d.phrase.as_str()),
        Some("by March 2027")
    );
    assert!(back.node("leaders").unwrap().expectation);
}
