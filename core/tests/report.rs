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
    assert!(report.to_text().contains("Progress as of 2026-06-04"));
    assert!(report.to_markdown().starts_with('#'));
}
