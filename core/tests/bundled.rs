//! The bundled UK roadmap: it loads, validates, and has the roadmap's own shape and names.
//! Every expected value below was read off the sources listed in `data/README.md`.

use roadmap_tracker::{NodeKind, Roadmap};

fn date(s: &str) -> chrono::NaiveDate {
    roadmap_tracker::dates::parse_iso_date(s).unwrap_or_default()
}

fn titles(r: &Roadmap, ids: &[&str]) -> Vec<String> {
    ids.iter()
        .map(|id| r.node(id).map(|n| n.title.to_string()).unwrap_or_default())
        .collect()
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
fn bundled_json_is_in_canonical_form() {
    // The file is exactly what the library writes, so a load and save changes nothing.
    let r = Roadmap::uk_digital_2026();
    let written = r.to_json().unwrap_or_default();
    assert_eq!(written, roadmap_tracker::UK_DIGITAL_2026_JSON);
}

#[test]
fn the_roadmaps_title_sections_and_sub_categories() {
    let r = Roadmap::uk_digital_2026();
    // The campaign site's title; the minister's statement HCWS1249 adds "2025-2030".
    assert_eq!(r.title, "A roadmap for modern digital government");
    assert_eq!(r.published, date("2026-01-19"));
    let sections: Vec<String> = r
        .nodes_of_kind(NodeKind::Section)
        .map(|n| n.title.to_string())
        .collect();
    assert_eq!(
        sections,
        [
            "Join up public sector services",
            "Harness the power of AI for the public good",
            "Strengthen and extend our digital and data public infrastructure",
            "Elevate leadership, invest in talent",
            "Fund for outcomes, procure for growth and innovation",
            "Commit to transparency, drive accountability",
        ]
    );
    // Only the first section has sub-categories: accessibility and transformation.
    let subs: Vec<(String, Option<String>)> = r
        .nodes_of_kind(NodeKind::Subcategory)
        .map(|n| {
            (
                n.title.to_string(),
                n.parent.as_ref().map(|p| p.to_string()),
            )
        })
        .collect();
    assert_eq!(
        subs,
        [
            ("Accessibility".to_owned(), Some("services".to_owned())),
            ("Transformation".to_owned(), Some("services".to_owned())),
        ]
    );
    // The article counts 15 areas in the first section; 14 are named by some source.
    let first_section_areas = r
        .nodes_of_kind(NodeKind::Area)
        .filter(|a| {
            matches!(
                a.parent.as_deref(),
                Some("services-accessibility" | "services-transformation")
            )
        })
        .count();
    assert_eq!(first_section_areas, 14);
    assert_eq!(r.nodes_of_kind(NodeKind::Area).count(), 30);
    assert_eq!(r.commitments().count(), 65);
    assert_eq!(r.nodes_of_kind(NodeKind::Milestone).count(), 5);
}

#[test]
fn area_titles_as_the_roadmap_names_them() {
    let r = Roadmap::uk_digital_2026();
    // Seen on the roadmap's own pages.
    assert_eq!(
        titles(
            &r,
            &[
                "ai-test-and-learn",
                "digital-leadership",
                "civil-service-digital-skills",
                "digital-performance-measurement"
            ]
        ),
        [
            "Promoting a test-and-learn approach across the public sector through the Prime Minister\u{2019}s AI Exemplars",
            "Elevating digital leadership across government",
            "Building all civil servants\u{2019} digital, data and AI skills",
            "Creating a consistent approach to measuring how digital services perform",
        ]
    );
    // Quoted by the article as the roadmap's words.
    assert_eq!(
        titles(
            &r,
            &[
                "central-local-collaboration",
                "specialist-recruitment",
                "digital-commercial"
            ]
        ),
        [
            "Fostering stronger local and central government collaboration",
            "Getting the digital, data and AI specialists government needs",
            "Improving the public sector\u{2019}s buying power through the Digital Commercial Centre of Excellence",
        ]
    );
    // The article lists "services for prisoners"; no source says "Prisons and probation".
    assert_eq!(
        titles(&r, &["justice-services"]),
        ["Services for prisoners"]
    );
    assert!(r.nodes.iter().all(|n| n.title != "Prisons and probation"));
}

#[test]
fn every_node_deadline_and_update_cites_a_source() {
    let r = Roadmap::uk_digital_2026();
    for n in &r.nodes {
        assert!(!n.sources.is_empty(), "{} cites no source", n.id);
        for s in &n.sources {
            assert!(r.source(s).is_some(), "{} cites unknown source {s}", n.id);
        }
        if let Some(d) = &n.deadline {
            let s = d.source.as_deref().unwrap_or_default();
            assert!(r.source(s).is_some(), "{}'s deadline cites no source", n.id);
        }
    }
    for u in &r.updates {
        assert!(
            r.source(&u.source).is_some(),
            "an update of {} cites no known source",
            u.node
        );
        assert!(!u.note.is_empty(), "an update of {} has no note", u.node);
    }
}

#[test]
fn specific_commitments_match_their_sources() {
    let r = Roadmap::uk_digital_2026();
    let deadline = |id: &str| {
        let n = r.node(id).unwrap_or_else(|| unreachable!("no node {id}"));
        let d = n
            .deadline
            .as_ref()
            .unwrap_or_else(|| unreachable!("{id} has no deadline"));
        (
            d.phrase.as_str(),
            d.written_on,
            d.source.clone().unwrap_or_default(),
        )
    };
    let updates = |id: &str| -> Vec<(String, String, String, Option<String>)> {
        r.updates_for(id)
            .map(|u| {
                (
                    u.date.to_string(),
                    u.status.clone(),
                    u.source.clone(),
                    u.delivered_on.as_ref().map(|d| d.to_string()),
                )
            })
            .collect()
    };
    let s = |x: &str| x.to_owned();

    // CustomerFirst's "by March 2028" is inside the roadmap's words the article quotes.
    assert_eq!(
        deadline("customerfirst-priority-services"),
        ("by March 2028", date("2026-01-19"), s("roadmap-2026"))
    );
    // The supplier information service: the article's wording of the roadmap's date,
    // credited to the article (Q2 2026, held as its last day); launched in March 2026.
    assert_eq!(
        deadline("supplier-information-service"),
        (
            "in March of this year",
            date("2026-06-30"),
            s("csw-summer-2026")
        )
    );
    assert_eq!(
        updates("supplier-information-service"),
        [(
            s("2026-Q2"),
            s("launched"),
            s("csw-summer-2026"),
            Some(s("2026-03"))
        )]
    );
    // The Digital Sourcing Strategy: paused by the minister's letter (on or before 24 April
    // 2026), then under review in the article.
    assert_eq!(
        updates("digital-sourcing-strategy"),
        [
            (
                s("..2026-04-24"),
                s("paused"),
                s("murray-letter-2026-04"),
                None
            ),
            (s("2026-Q2"), s("under review"), s("csw-summer-2026"), None),
        ]
    );
    // The AI procurement guidance: a change of approach, with no delivery date.
    assert_eq!(
        updates("responsible-ai-procurement-guidance"),
        [(
            s("2026-Q2"),
            s("approach changed"),
            s("csw-summer-2026"),
            None
        )]
    );
    // Spend controls: removed from 1 April 2026 (the Digital Assurance Playbook).
    assert_eq!(
        updates("spend-control-assurance"),
        [(
            s("2026-04-01"),
            s("approach changed"),
            s("digital-assurance-playbook"),
            None
        )]
    );
    // Boards with digital leaders: an expectation, "although not a mandate".
    assert!(r
        .node("digital-leaders-on-boards")
        .is_some_and(|n| n.expectation));
    assert_eq!(r.nodes.iter().filter(|n| n.expectation).count(), 1);
}
