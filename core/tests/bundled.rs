//! The bundled UK roadmap: it loads, validates, and holds what the seed article reports.

use roadmap_tracker::{NodeKind, Roadmap};

fn date(s: &str) -> chrono::NaiveDate {
    roadmap_tracker::dates::parse_iso_date(s).unwrap_or_default()
}

#[test]
fn bundled_json_loads_and_validates() {
    let roadmap = Roadmap::from_json_str(roadmap_tracker::UK_DIGITAL_2026_JSON);
    assert!(
        roadmap.is_ok(),
        "{:?}",
        roadmap.err().map(|e| e.to_string())
    );
}

#[test]
fn bundled_has_the_articles_structure() {
    let r = Roadmap::uk_digital_2026();
    assert_eq!(r.published, date("2026-01-19"));
    assert_eq!(r.nodes_of_kind(NodeKind::Section).count(), 6);
    assert_eq!(r.nodes_of_kind(NodeKind::Subcategory).count(), 2);
    assert!(r.commitments().count() >= 35);
    // The first section's two sub-categories: accessibility and transformation.
    let first = r
        .children(None)
        .next()
        .map(|n| n.id.clone())
        .unwrap_or_default();
    assert_eq!(
        r.children(Some(&first))
            .filter(|n| n.kind == NodeKind::Subcategory)
            .count(),
        2
    );
    // Two sources: the roadmap itself and the progress article.
    let ids: Vec<&str> = r.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["roadmap-2026", "csw-summer-2026"]);
    assert_eq!(
        r.source("csw-summer-2026").and_then(|s| s.date),
        Some(date("2026-06-04"))
    );
}

#[test]
fn every_commitment_cites_a_source() {
    let r = Roadmap::uk_digital_2026();
    for n in r.nodes.iter().filter(|n| n.kind.is_trackable()) {
        assert!(!n.sources.is_empty(), "{} cites no source", n.id);
        if let Some(d) = &n.deadline {
            assert!(d.source.is_some(), "{}'s deadline cites no source", n.id);
        }
    }
    for u in &r.updates {
        assert!(
            !u.source.is_empty(),
            "an update of {} cites no source",
            u.node
        );
    }
}

#[test]
fn specific_commitments_match_the_article() {
    let r = Roadmap::uk_digital_2026();
    let deadline = |id: &str| {
        let n = r.node(id).unwrap_or_else(|| unreachable!("no node {id}"));
        let d = n
            .deadline
            .as_ref()
            .unwrap_or_else(|| unreachable!("{id} has no deadline"));
        (d.phrase.as_str(), d.written_on)
    };
    let last_status = |id: &str| {
        r.updates_for(id)
            .last()
            .map(|u| (u.status.clone(), u.date, u.delivered_on))
    };

    // The Digital Sourcing Strategy: due in March, reported as under review in June.
    assert_eq!(
        deadline("digital-sourcing-strategy"),
        ("in March", date("2026-01-19"))
    );
    assert_eq!(
        last_status("digital-sourcing-strategy"),
        Some(("under review".into(), date("2026-06-04").into(), None))
    );
    // The supplier information service: launched March 2026 as promised.
    assert_eq!(
        deadline("supplier-information-service"),
        ("in March of this year", date("2026-01-19"))
    );
    assert_eq!(
        last_status("supplier-information-service"),
        Some((
            "launched".into(),
            date("2026-06-04").into(),
            Some(date("2026-03-31").into())
        ))
    );
    // HM Treasury's near-real-time finance data: by October 2028.
    assert_eq!(
        deadline("treasury-finance-data"),
        ("by October 2028", date("2026-01-19"))
    );
    // Central-local leadership structures: a spokesperson's "summer 2026".
    assert_eq!(
        deadline("central-local-leadership"),
        ("summer 2026", date("2026-06-04"))
    );
    assert_eq!(
        last_status("central-local-leadership").map(|s| s.0),
        Some("scheduled".into())
    );
    // Responsible AI procurement guidance: folded into the AI Knowledge Hub.
    assert_eq!(
        last_status("responsible-ai-procurement-guidance").map(|s| s.0),
        Some("approach changed".into())
    );
}
