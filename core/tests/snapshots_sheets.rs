//! Two hand-worked releases of a small portfolio: the sheets become dated roadmaps, and
//! slippage, changes and schedule health come out as worked out below by hand.

use std::error::Error as StdError;

use chrono::NaiveDate;
use roadmap_tracker::snapshots::{ChangeKind, Snapshots};
use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, RoadmapSpec, Sheet};
use roadmap_tracker::status::{DerivedStatus, Evaluator, Rag, Rules, Vocabularies, Vocabulary};
use roadmap_tracker::{ErrorCode, NodeKind, Roadmap};

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

fn d(y: i32, m: u32, day: u32) -> Result<NaiveDate> {
    Ok(NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date")?)
}

const Y2024: &str = "Project;Department;DCA;DCA;Start Date;End Date\n\
Rail;Transport;Amber;Green;2020-01-01;2025-03-31\n\
Tax;Revenue;Green;Green;2021-06-01;2024-12-31\n";

// Rail slips to 30 June 2026 and turns red; Tax has closed; Flood is new and its end date
// is withheld.
const Y2025: &str = "Project;Department;DCA;DCA;Start Date;End Date\n\
Rail;Transport;Red;Amber;2020-01-01;30/06/2026\n\
Flood;Environment;Exempt under FOI;;2023-01-01;Exempt under FOI\n";

fn release(text: &str, file: &str, as_of: NaiveDate) -> Result<Roadmap> {
    let mapping = ColumnMapping::gmpp(Vocabulary::builtin("gmpp-5")?);
    let sheet = Sheet::load(text, &mapping, &LoadOptions::for_file(file))?;
    Ok(sheet.to_roadmap(&RoadmapSpec::gmpp(), as_of)?)
}

fn portfolio() -> Result<Snapshots> {
    let mut s = Snapshots::new();
    // Pushed out of order: the series is kept in date order.
    s.push(
        "2025",
        d(2025, 9, 30)?,
        release(Y2025, "2025.csv", d(2025, 9, 30)?)?,
    );
    s.push(
        "2024",
        d(2024, 9, 30)?,
        release(Y2024, "2024.csv", d(2024, 9, 30)?)?,
    );
    Ok(s)
}

#[test]
fn a_sheet_becomes_a_roadmap() -> Result<()> {
    let r = release(Y2024, "2024.csv", d(2024, 9, 30)?)?;
    assert_eq!((r.id.as_str(), r.published), ("gmpp", d(2024, 9, 30)?));
    let nodes: Vec<(&str, NodeKind, Option<&str>)> = r
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.kind, n.parent.as_deref()))
        .collect();
    assert_eq!(
        nodes,
        [
            ("portfolio", NodeKind::Section, None),
            ("owner-transport", NodeKind::Area, Some("portfolio")),
            ("owner-revenue", NodeKind::Area, Some("portfolio")),
            ("rail", NodeKind::Commitment, Some("owner-transport")),
            ("tax", NodeKind::Commitment, Some("owner-revenue")),
        ]
    );
    let rail = r.node("rail").ok_or("rail")?;
    assert_eq!(rail.owners, ["Transport"]);
    let deadline = rail.deadline.as_ref().ok_or("deadline")?;
    assert_eq!(
        (deadline.phrase.as_str(), deadline.written_on),
        ("by 2025-03-31", d(2024, 9, 30)?)
    );
    assert_eq!(deadline.parse()?.latest(), Some(d(2025, 3, 31)?));
    // The other fields, as read, under their field names.
    assert_eq!(
        rail.extra.get("start_date").map(String::as_str),
        Some("2020-01-01")
    );
    assert_eq!(
        rail.extra.get("owner_rating").map(String::as_str),
        Some("Green")
    );
    let updates: Vec<(&str, &str, NaiveDate)> = r
        .updates
        .iter()
        .map(|u| (u.node.as_str(), u.status.as_str(), u.date.latest()))
        .collect();
    assert_eq!(
        updates,
        [
            ("rail", "Amber", d(2024, 9, 30)?),
            ("tax", "Green", d(2024, 9, 30)?)
        ]
    );
    Ok(())
}

#[test]
fn the_evaluator_works_on_a_loaded_sheet() -> Result<()> {
    let r = release(Y2024, "2024.csv", d(2024, 9, 30)?)?;
    let rules = Rules {
        vocabularies: Vocabularies::default().with(Vocabulary::builtin("gmpp-5")?.clone()),
        ..Rules::default()
    };
    let evaluator = Evaluator::new(r, rules)?;
    // On 1 April 2025 Rail's end date (31 March 2025) has passed without delivery, and
    // its only rating (Amber, 30 September 2024) came before that end: nothing confirms
    // how late it is, so overdue, unconfirmed, with the source's amber kept apart.
    let rail = evaluator
        .status_of("rail", d(2025, 4, 1)?)
        .ok_or("rail status")?;
    assert_eq!(rail.status, DerivedStatus::OverdueUnconfirmed);
    assert_eq!(rail.reported_rag, Some(roadmap_tracker::status::Rag::Amber));
    // Before the end date, the rating is the source's own judgment.
    let before = evaluator
        .status_of("rail", d(2024, 10, 1)?)
        .ok_or("rail status")?;
    assert_eq!(before.status, DerivedStatus::RatedAmber);
    Ok(())
}

#[test]
fn slippage_across_two_releases() -> Result<()> {
    let s = portfolio()?;
    let labels: Vec<&str> = s.snapshots().iter().map(|x| x.label.as_str()).collect();
    assert_eq!(labels, ["2024", "2025"]);
    let slips = s.slippage();
    let got: Vec<_> = slips
        .iter()
        .map(|x| {
            (
                x.node.as_str(),
                x.slippage.as_ref().map(|s| s.days),
                x.slippage.as_ref().map(|s| (s.dated, s.undated)),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            // 31 Mar 2025 → 30 Jun 2026: 365 days to 31 Mar 2026, then 30 + 31 + 30.
            ("rail", Some(456), Some((2, 0))),
            ("tax", Some(0), Some((1, 0))),
            // Withheld: no end date in its only release.
            ("flood", None, None),
        ]
    );
    let rail = slips
        .first()
        .and_then(|x| x.slippage.as_ref())
        .ok_or("rail")?;
    assert_eq!(
        (rail.baseline_as_of, rail.latest_end),
        (d(2024, 9, 30)?, d(2026, 6, 30)?)
    );
    Ok(())
}

#[test]
fn changes_between_releases() -> Result<()> {
    let changes = portfolio()?.changes();
    let got: Vec<_> = changes
        .iter()
        .map(|c| {
            (
                c.node.as_str(),
                c.kind,
                c.status_before.as_deref(),
                c.status_after.as_deref(),
                c.days,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "rail",
                ChangeKind::Changed,
                Some("Amber"),
                Some("Red"),
                Some(456)
            ),
            // Withheld: no status and no end date, but new.
            ("flood", ChangeKind::Added, None, None, None),
            ("tax", ChangeKind::Removed, Some("Green"), None, None),
        ]
    );
    assert!(changes
        .iter()
        .all(|c| (c.from.as_str(), c.to.as_str()) == ("2024", "2025")));
    Ok(())
}

#[test]
fn schedule_health_per_release() -> Result<()> {
    let health = portfolio()?.schedule_health("start_date", None);
    let rail_2025 = health
        .iter()
        .find(|h| h.label == "2025" && h.node == "rail")
        .and_then(|h| h.health.as_ref())
        .ok_or("rail 2025")?;
    // 1 Jan 2020 → 30 Sep 2025 is 1827 + 272 = 2099 days of 2192 + 180 = 2372.
    assert_eq!(rail_2025.elapsed, 2099.0 / 2372.0);
    assert_eq!(rail_2025.rag, Rag::Grey); // no progress reported
                                          // Flood's end date is withheld: no health, and no problem either.
    let flood = health.iter().find(|h| h.node == "flood").ok_or("flood")?;
    assert!(flood.health.is_none() && flood.problem.is_none());
    assert_eq!(health.len(), 4); // two items in each release
    Ok(())
}

#[test]
fn rows_that_cannot_be_items_are_refused_not_dropped() -> Result<()> {
    let mapping = ColumnMapping::gmpp(Vocabulary::builtin("gmpp-3")?);
    let text = "Project;End Date\nRail;2025-03-31\n;2026-01-01\nrail;2027-01-01\n";
    let sheet = Sheet::load(text, &mapping, &LoadOptions::for_file("s.csv"))?;
    let err = sheet
        .to_roadmap(&RoadmapSpec::gmpp(), d(2024, 9, 30)?)
        .err()
        .ok_or("refused")?;
    let got: Vec<(ErrorCode, Option<u64>)> = err
        .problems()
        .iter()
        .map(|p| (p.code, p.location.line))
        .collect();
    assert_eq!(
        got,
        [
            (ErrorCode::BlankField, Some(3)),
            (ErrorCode::DuplicateId, Some(4))
        ]
    );
    // A spec naming a field the mapping lacks.
    let spec = RoadmapSpec::new("x", "X", "project").end("finish");
    let err = sheet
        .to_roadmap(&spec, d(2024, 9, 30)?)
        .err()
        .ok_or("refused")?;
    assert_eq!(err.code(), ErrorCode::UnknownField);
    assert!(err.message().contains("\"finish\""), "{}", err.message());
    Ok(())
}
