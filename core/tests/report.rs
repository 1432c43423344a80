//! The report of the UK roadmap as the seed article described it (the fixed fixture
//! tests/fixtures/uk-digital-2026-article.json), with expected values worked out by hand from the
//! deadline conventions and the status rules (docs/deadlines.md, docs/status-rules.md).

#![allow(clippy::unwrap_used)] // helpers shared by the tests fail loudly

use chrono::NaiveDate;
use roadmap_tracker::report::ReportNode;
use roadmap_tracker::status::{Evaluator, Rules};
use roadmap_tracker::{NodeKind, Roadmap};

/// The roadmap as the seed article alone described it (the bundled data before it was
/// rebuilt from the roadmap's own pages): a fixed dataset, so the expectations below test
/// the rules, not the current bundled data.
fn article_roadmap() -> Roadmap {
    Roadmap::from_json_str(include_str!(
        "../../tests/fixtures/uk-digital-2026-article.json"
    ))
    .unwrap_or_else(|e| unreachable!("the article fixture loads: {e}"))
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn walk<'a>(nodes: &'a [ReportNode], out: &mut Vec<&'a ReportNode>) {
    for n in nodes {
        out.push(n);
        walk(&n.children, out);
    }
}

#[test]
fn bundled_report_as_of_the_tracking_date() {
    let roadmap = article_roadmap();
    let report = Evaluator::new(roadmap.clone(), Rules::default())
        .unwrap()
        .report(d(2026, 11, 24), Some(d(2026, 6, 4)));
    assert_eq!(report.sections.len(), 6);
    let mut all = Vec::new();
    walk(&report.sections, &mut all);
    // Every node of the roadmap appears once in the tree.
    assert_eq!(all.len(), roadmap.nodes.len());
    let commitments = all
        .iter()
        .filter(|n| n.kind == NodeKind::Commitment)
        .count();
    assert_eq!(commitments, 48);
    assert_eq!(report.score.total, 48);

    let node = |id: &str| *all.iter().find(|n| n.id == id).unwrap();
    let status = |id: &str| node(id).status.as_ref().unwrap().status.as_str();

    // "in March of this year" written 2026-01-19 is March 2026; launched, delivered
    // 2026-03-31, inside the window: met on time.
    assert_eq!(status("supplier-information-service"), "met_on_time");
    // "in March" (2026-01-19), last reported "under review" (paused) with the window
    // passed: delayed.
    assert_eq!(status("digital-sourcing-strategy"), "delayed");
    // "by October 2028" is due from 1 October 2028; no update yet: not yet due (nobody
    // said it has not started).
    let treasury = node("treasury-finance-data");
    assert_eq!(
        treasury.deadline.as_ref().unwrap().latest,
        Some(d(2028, 10, 31))
    );
    assert_eq!(status("treasury-finance-data"), "not_yet_due");
    // "summer 2026" written 2026-06-04, reported "scheduled" on 4 June: the window ended on
    // 31 August and nothing dated after it says how it stands.
    assert_eq!(status("central-local-leadership"), "overdue_unconfirmed");
    // "shortly" has no date; no update: no evidence.
    assert_eq!(status("product-roadmaps"), "no_evidence");

    // central-local-leadership was due now on 4 June (inside summer) and is overdue now.
    let change = report
        .changes
        .iter()
        .find(|c| c.node == "central-local-leadership")
        .unwrap();
    assert_eq!(
        (change.from.as_str(), change.to.as_str()),
        ("due_now", "overdue_unconfirmed")
    );
}

#[test]
fn formats_carry_every_commitment() {
    let roadmap = article_roadmap();
    let report = Evaluator::new(roadmap.clone(), Rules::default())
        .unwrap()
        .report(d(2026, 6, 4), None);
    let json: serde_json::Value = serde_json::from_str(&report.to_json().unwrap()).unwrap();
    for section in json["sections"].as_array().unwrap() {
        assert_eq!(section["kind"], "section");
        assert!(section["id"].is_string() && section["title"].is_string());
    }
    let csv = report.to_csv().unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows = reader.records().count();
    let trackable = roadmap
        .nodes
        .iter()
        .filter(|n| n.kind.is_trackable())
        .count();
    assert_eq!(rows, trackable);
    assert!(report.to_text().contains("Progress as of 4 June 2026"));
    assert!(report.to_markdown().starts_with('#'));
}

/// A small roadmap whose summary is worked out by hand (as of 2026-07-15, since 2026-04-01):
/// - "by March 2026" (window ends 31 March), reported underway on 1 May: behind, confirmed
///   late by a report dated after the deadline (on 1 April, with no report since the
///   deadline: overdue, unconfirmed);
/// - "by June 2026" (ends 30 June), no report: overdue, unconfirmed (not yet due on 1 April);
/// - "by September 2026" (ends 30 September): due within 90 days of 15 July (13 October);
/// - "by December 2026" (ends 31 December): beyond the 90 days;
/// - "by April 2026", delivered 20 April: met on time (due now on 1 April, when the window
///   was open, so it changed); the June one was not started on 1 April, so it changed too;
/// - an empty area and an empty section, left out of the text and named in a footnote.
const SMALL: &str = r#"{
  "id": "small", "title": "Small plan", "publisher": "Us", "published": "2026-01-05",
  "sources": [
    {"id": "plan", "title": "Small plan", "publisher": "Us", "date": "2026-01-05", "url": "https://example.org/plan"},
    {"id": "check", "title": "Spring check", "publisher": "The Paper", "date": "2026-05-01", "url": "https://example.org/check"}
  ],
  "nodes": [
    {"id": "s1", "kind": "section", "title": "Services"},
    {"id": "a1", "kind": "area", "parent": "s1", "title": "Forms & <letters>"},
    {"id": "c1", "kind": "commitment", "parent": "a1", "title": "Launch the form", "owners": ["Team A"],
     "deadline": {"phrase": "by March 2026", "written_on": "2026-01-05"}},
    {"id": "c2", "kind": "commitment", "parent": "a1", "title": "Publish the guide",
     "deadline": {"phrase": "by June 2026", "written_on": "2026-01-05"}},
    {"id": "c3", "kind": "commitment", "parent": "a1", "title": "Open the pilot",
     "deadline": {"phrase": "by September 2026", "written_on": "2026-01-05"}},
    {"id": "c4", "kind": "commitment", "parent": "a1", "title": "Close the old system",
     "deadline": {"phrase": "by December 2026", "written_on": "2026-01-05"}},
    {"id": "c5", "kind": "commitment", "parent": "a1", "title": "Write the plan",
     "deadline": {"phrase": "by April 2026", "written_on": "2026-01-05"}},
    {"id": "a2", "kind": "area", "parent": "s1", "title": "Empty area"},
    {"id": "s2", "kind": "section", "title": "Nothing here"}
  ],
  "updates": [
    {"node": "c1", "date": "2026-05-01", "status": "underway", "source": "check", "note": "Still being built."},
    {"node": "c5", "date": "2026-05-01", "status": "completed", "source": "check", "note": "Done in April.", "delivered_on": "2026-04-20"}
  ]
}"#;

fn small_report() -> roadmap_tracker::report::Report {
    let roadmap = Roadmap::from_json_str(SMALL).unwrap();
    Evaluator::new(roadmap, Rules::default())
        .unwrap()
        .report(d(2026, 7, 15), Some(d(2026, 4, 1)))
}

#[test]
fn the_summary_of_a_small_roadmap() {
    let report = small_report();
    let s = &report.summary;
    let ids = |items: &[roadmap_tracker::report::SummaryItem]| {
        items.iter().map(|i| i.node.clone()).collect::<Vec<_>>()
    };
    assert_eq!(ids(&s.overdue), ["c1", "c2"]);
    assert_eq!(
        s.overdue.iter().map(|i| i.confirmed).collect::<Vec<_>>(),
        [Some(true), Some(false)]
    );
    assert_eq!(s.overdue[0].due_on, Some(d(2026, 3, 31)));
    assert_eq!(s.due_soon_until, d(2026, 10, 13));
    assert_eq!(ids(&s.due_soon), ["c3"]);
    assert_eq!(s.latest_evidence, Some(d(2026, 5, 1)));
    assert_eq!(s.sources.len(), 1);
    assert_eq!(
        (s.sources[0].id.as_str(), s.sources[0].statuses),
        ("check", 2)
    );
    assert_eq!(s.empty_groups, ["Empty area", "Nothing here"]);
    let changed: Vec<(&str, &str, &str)> = s
        .changes
        .iter()
        .map(|c| (c.node.as_str(), c.from.as_str(), c.to.as_str()))
        .collect();
    assert_eq!(
        changed,
        [
            ("c1", "overdue_unconfirmed", "behind"),
            ("c2", "not_yet_due", "overdue_unconfirmed"),
            ("c5", "due_now", "met_on_time")
        ]
    );
    // Scores (docs/status-rules.md weights): met on time 1, behind 0.5, overdue unconfirmed
    // 0, the two not yet due are not counted: 1.5/3 = 50 out of 100, amber (at 0.5).
    assert_eq!(
        s.lines[0],
        "Overall rating: amber (50 out of 100), over 5 commitments: 1 met on time, 1 behind, 1 overdue (unconfirmed), 2 not yet due."
    );
    // Due: the three whose window has passed or that were delivered; one on time.
    assert_eq!(
        s.lines[1],
        "1 of 3 due met on time; 2 overdue (1 confirmed late, 1 unconfirmed)."
    );
    assert_eq!(s.lines[2], "Past the deadline, among commitments and milestones: “Launch the form” (confirmed late); “Publish the guide” (unconfirmed).");
    assert_eq!(
        s.lines[3],
        "Due in the next 90 days (to 13 October 2026), among commitments and milestones: “Open the pilot”."
    );
    assert_eq!(s.lines[4], "Changed since 1 April 2026: 3 statuses.");
    assert_eq!(s.lines[5], "The latest evidence is dated 1 May 2026. The statuses rest on 1 source: Spring check (The Paper, 1 May 2026), for 2 statuses.");
    assert_eq!(report.roadmap.url, "https://example.org/plan");
    // The update a status rests on, with its note and source.
    let c1 = &report.sections[0].children[0].children[0];
    let u = c1.update.as_ref().unwrap();
    assert_eq!(
        (u.date, u.note.as_str(), u.source_url.as_str()),
        (
            d(2026, 5, 1).into(),
            "Still being built.",
            "https://example.org/check"
        )
    );
}

#[test]
fn text_begins_with_the_summary_and_leaves_empty_groups_out() {
    let text = small_report().to_text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..6],
        [
            "Small plan",
            "Us, published 5 January 2026",
            "https://example.org/plan",
            "Progress as of 15 July 2026",
            "",
            "Summary"
        ]
    );
    assert!(text.contains("    Owner: Team A\n"));
    assert!(text.contains("    Deadline: “by March 2026” (written 5 January 2026): ..2026-03-31\n"));
    assert!(text.contains("    Latest update: 1 May 2026, “underway”: Still being built.\n"));
    assert!(text.contains("    Source: Spring check <https://example.org/check>\n"));
    assert!(text.contains("Publish the guide: was not yet due, now overdue (unconfirmed)."));
    assert!(text.contains("Launch the form: was overdue (unconfirmed), now behind."));
    assert!(text.contains("\nLeft out: 2 groups with no commitments: Empty area; Nothing here.\n"));
    assert_eq!(text.matches("Empty area").count(), 1);
    assert!(!text.contains("2. Nothing here"));
}

#[test]
fn markdown_headings_go_down_one_level_at_a_time() {
    let md = small_report().to_markdown();
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        headings,
        [
            "# Small plan",
            "## Summary",
            "### Changes since 1 April 2026",
            "## Services",
            "### Forms & \\<letters\\>",
            "## How to read this report"
        ]
    );
    assert!(md.contains("[The roadmap](https://example.org/plan)"));
    assert!(md.contains("Source: [Spring check](https://example.org/check)."));
    // The bundled roadmap has areas directly under sections: never ## then ####.
    let bundled = Evaluator::new(Roadmap::uk_digital_2026().clone(), Rules::default())
        .unwrap()
        .report(d(2026, 11, 24), None)
        .to_markdown();
    let mut last = 0;
    for h in bundled.lines().filter(|l| l.starts_with('#')) {
        let level = h.chars().take_while(|&c| c == '#').count();
        assert!(level <= last + 1, "{h} after a level-{last} heading");
        last = level;
    }
}

#[test]
fn html_is_one_page_with_escaped_text_and_source_links() {
    let report = small_report();
    let html = report.to_html();
    assert!(html.starts_with("<!doctype html>\n<html lang=\"en-GB\">"));
    assert!(html.contains("<title>Small plan: progress as of 15 July 2026</title>"));
    assert!(!html.contains("<script"));
    assert!(!html.contains("<link"));
    assert!(html.contains("<h3 id=\"a1\">Forms &amp; &lt;letters&gt;</h3>"));
    assert!(html.contains("Source: <a href=\"https://example.org/check\">Spring check</a>"));
    assert!(html.contains("<a href=\"https://example.org/plan\">Read the roadmap</a>"));
    assert!(html.contains(
        "<a href=\"#c2\">Publish the guide</a>: was not yet due, now overdue (unconfirmed)."
    ));
    assert!(html.contains("<tr id=\"c2\">"));
    assert!(html.contains("<h2 id=\"how-to-read\">How to read this report</h2>"));
    assert!(html.contains("Left out: 2 groups with no commitments: Empty area; Nothing here."));
    assert_eq!(report.render("html".parse().unwrap()).unwrap(), html);
}

#[test]
fn a_source_address_that_is_not_a_web_address_is_not_a_link() {
    let json = SMALL.replace("https://example.org/check", "javascript:alert(1)");
    let roadmap = Roadmap::from_json_str(&json).unwrap();
    let html = Evaluator::new(roadmap, Rules::default())
        .unwrap()
        .report(d(2026, 7, 15), None)
        .to_html();
    assert!(!html.contains("javascript:"));
    assert!(html.contains("Source: Spring check"));
}

/// A commitment with no deadline of its own whose re-plan set one: the bundled
/// `central-local-leadership` has none written in the roadmap; the quarterly report
/// (dated to April–June 2026, so visible from 30 June) moved it to "Summer 2026", written
/// on 30 June 2026, which reads as 1 June to 31 August 2026.
#[test]
fn a_replanned_deadline_is_shown_beside_the_one_written() {
    let evaluator = Evaluator::new(Roadmap::uk_digital_2026(), Rules::default()).unwrap();
    let find = |report: &roadmap_tracker::report::Report| {
        let mut all = Vec::new();
        walk(&report.sections, &mut all);
        let n = all
            .into_iter()
            .find(|n| n.id == "central-local-leadership")
            .unwrap();
        n.clone()
    };
    let report = evaluator.report(d(2026, 11, 24), None);
    let n = find(&report);
    assert!(n.deadline.is_none());
    let new = n.new_deadline.as_ref().unwrap();
    assert_eq!(
        (
            new.phrase.as_str(),
            new.written_on,
            new.earliest,
            new.latest
        ),
        (
            "Summer 2026",
            d(2026, 6, 30),
            Some(d(2026, 6, 1)),
            Some(d(2026, 8, 31))
        )
    );
    assert_eq!(
        n.judged_deadline().map(|d| d.phrase.as_str()),
        Some("Summer 2026")
    );
    assert!(report.to_text().contains(
        "Deadline: none given; re-planned to “Summer 2026” (written 30 June 2026): 2026-06-01..2026-08-31"
    ));
    // The summary's overdue item is due on the new deadline's last day.
    let item = report
        .summary
        .overdue
        .iter()
        .find(|i| i.node == "central-local-leadership")
        .unwrap();
    assert_eq!(item.due_on, Some(d(2026, 8, 31)));
    // The table row and the CSV carry it too.
    let row = serde_json::to_value(
        report
            .table_rows()
            .into_iter()
            .find(|r| r.node.id == "central-local-leadership")
            .unwrap(),
    )
    .unwrap();
    assert_eq!(row["deadline"], serde_json::Value::Null);
    assert_eq!(row["new_deadline"], "Summer 2026");
    assert_eq!(row["new_earliest"], "2026-06-01");
    assert_eq!(row["new_latest"], "2026-08-31");
    assert_eq!(row["new_deadline_written_on"], "2026-06-30");
    let csv = report.to_csv().unwrap();
    assert!(csv
        .lines()
        .next()
        .unwrap()
        .ends_with(",reason,new_deadline,new_earliest,new_latest"));
    // Before the re-plan is visible there is no new deadline to show.
    let before = find(&evaluator.report(d(2026, 6, 29), None));
    assert!(before.new_deadline.is_none() && before.deadline.is_none());
}
