//! The bundled roadmap against its sources: every source a first-class record, dates no more
//! precise than the source, labels as the source words them, the re-plans and the pause the
//! later documents report, the roadmap's metrics, and every commitment of the seed article.
//! Each expected value was read off the source named beside it (see `data/README.md`).

use roadmap_tracker::{NodeKind, Roadmap, StatusUpdate};

fn date(s: &str) -> chrono::NaiveDate {
    roadmap_tracker::dates::parse_iso_date(s).unwrap_or_default()
}

fn updates<'a>(r: &'a Roadmap, node: &'a str) -> Vec<&'a StatusUpdate> {
    r.updates_for(node).collect()
}

fn extra<'a>(map: &'a roadmap_tracker::Extra, key: &str) -> &'a str {
    map.get(key).map(String::as_str).unwrap_or_default()
}

const README: &str = include_str!("../../data/README.md");

#[test]
fn every_source_is_cited_and_listed_in_the_data_readme() {
    let r = Roadmap::uk_digital_2026();
    for s in &r.sources {
        let cited = r.nodes.iter().any(|n| {
            n.sources.contains(&s.id)
                || n.deadline.as_ref().and_then(|d| d.source.as_ref()) == Some(&s.id)
        }) || r.updates.iter().any(|u| u.source == s.id)
            || r.metrics.iter().any(|m| {
                m.observations.iter().any(|o| o.source == s.id)
                    || m.target.as_ref().and_then(|t| t.deadline.source.as_ref()) == Some(&s.id)
                    || extra(&m.extra, "cited_sources")
                        .split(", ")
                        .any(|x| x == s.id)
            });
        assert!(cited, "source {} is cited nowhere", s.id);
        assert!(!s.publisher.is_empty(), "source {} has no publisher", s.id);
        assert!(s.url.starts_with("https://"), "source {} has no URL", s.id);
        assert!(
            README.contains(&format!("`{}`", s.id)) && README.contains(&s.url),
            "data/README.md does not list source {} with its URL",
            s.id
        );
    }
}

#[test]
fn at_least_four_sources_report_progress() {
    let r = Roadmap::uk_digital_2026();
    let mut reporting: Vec<&str> = r.updates.iter().map(|u| u.source.as_str()).collect();
    reporting.sort_unstable();
    reporting.dedup();
    assert!(reporting.len() >= 4, "{reporting:?}");
    for id in [
        "roadmap-quarterly-2026-q1",
        "murray-letter-2026-04",
        "digital-assurance-playbook",
        "csw-summer-2026",
        "roadmap-page-specialists",
    ] {
        assert!(reporting.contains(&id), "{id} reports nothing");
    }
}

#[test]
fn source_dates_have_their_real_precision() {
    let r = Roadmap::uk_digital_2026();
    let day = |id: &str| r.source(id).and_then(|s| s.date);
    let as_published = |id: &str| {
        r.source(id)
            .map(|s| extra(&s.extra, "date_as_published").to_owned())
            .unwrap_or_default()
    };
    // Dated to the day on the documents themselves.
    assert_eq!(day("roadmap-2026"), Some(date("2026-01-19")));
    assert_eq!(day("digital-assurance-playbook"), Some(date("2026-04-01")));
    assert_eq!(day("sitc-report-2026-06-03"), Some(date("2026-06-03")));
    // The summer magazine went to press "as we head into summer": no day, no stand-in.
    assert_eq!(day("csw-summer-2026"), None);
    assert_eq!(as_published("csw-summer-2026"), "2026-Q2");
    // The January-March report carries no date; it covers the quarter before its own.
    assert_eq!(day("roadmap-quarterly-2026-q1"), None);
    assert_eq!(as_published("roadmap-quarterly-2026-q1"), "2026-Q2");
    // The letter is known through press reports of 24 April 2026.
    assert_eq!(day("murray-letter-2026-04"), None);
    assert_eq!(as_published("murray-letter-2026-04"), "..2026-04-24");
    // The stand-in press date 2026-06-04 is gone from every date in the file.
    assert!(!roadmap_tracker::UK_DIGITAL_2026_JSON.contains("2026-06-04"));
}

#[test]
fn updates_take_their_sources_dates() {
    let r = Roadmap::uk_digital_2026();
    for u in &r.updates {
        let Some(s) = r.source(&u.source) else {
            unreachable!("unknown source {}", u.source)
        };
        let source_date = s
            .date
            .map(|d| d.to_string())
            .unwrap_or_else(|| extra(&s.extra, "date_as_published").to_owned());
        assert_eq!(
            u.date.to_string(),
            source_date,
            "an update of {} is not dated as its source",
            u.node
        );
    }
}

#[test]
fn no_delivery_date_is_more_precise_than_its_source() {
    let r = Roadmap::uk_digital_2026();
    let delivered = |node: &str| -> Vec<Option<String>> {
        updates(&r, node)
            .iter()
            .map(|u| u.delivered_on.as_ref().map(|d| d.to_string()))
            .collect()
    };
    // The AI Accelerator: no update gives a delivery, and none says "launched".
    let ai = updates(&r, "ai-accelerator");
    assert_eq!(ai.len(), 3);
    assert!(ai.iter().all(|u| u.delivered_on.is_none()));
    assert!(ai.iter().all(|u| u.status == "ongoing"));
    // Find a Tender and the Central Digital Platform: the article gives no delivery time.
    assert_eq!(delivered("find-a-tender-spending-data"), [None]);
    assert_eq!(delivered("central-digital-platform"), [None]);
    assert!(updates(&r, "central-digital-platform")
        .iter()
        .all(|u| u.status != "launched"));
    // "Created a year ago", in a Q2 2026 article: some day in 2025.
    assert_eq!(
        delivered("digital-commercial-centre-of-excellence"),
        [Some("2025".to_owned())]
    );
    // Months where the source gives the month.
    assert_eq!(
        delivered("returnship-programme"),
        [Some("2026-03".to_owned())]
    );
    assert_eq!(
        delivered("govuk-app-local-services-pilot"),
        [Some("2026-03".to_owned()), Some("2026-03".to_owned())]
    );
    assert_eq!(
        delivered("senior-capability-framework"),
        [Some("2025-05".to_owned())]
    );
    // A quarter where the quarterly report gives only its quarter.
    assert_eq!(
        delivered("dwp-health-assessment-service"),
        [Some("2026-Q1".to_owned())]
    );
    // No delivery date anywhere is the last day of a month standing for the month.
    for u in &r.updates {
        if let Some(d) = &u.delivered_on {
            let text = d.to_string();
            assert!(
                !(text.len() == 10 && (text.ends_with("-30") || text.ends_with("-31"))),
                "{}: {text}",
                u.node
            );
        }
    }
}

#[test]
fn version_one_of_the_architecture_model_is_a_step_not_the_whole() {
    let r = Roadmap::uk_digital_2026();
    let commitment: Vec<&str> = updates(&r, "local-government-architecture-model")
        .iter()
        .map(|u| u.status.as_str())
        .collect();
    assert_eq!(commitment, ["in development"]);
    let v1 = r.node("lgam-first-version");
    assert_eq!(v1.map(|n| n.kind), Some(NodeKind::Milestone));
    // "The first version ... was shared publicly in April".
    let v1: Vec<(&str, &str, Option<String>)> = updates(&r, "lgam-first-version")
        .iter()
        .map(|u| {
            (
                u.status.as_str(),
                u.source.as_str(),
                u.delivered_on.as_ref().map(|d| d.to_string()),
            )
        })
        .collect();
    assert_eq!(
        v1,
        [("published", "csw-summer-2026", Some("2026-04".to_owned()))]
    );
}

#[test]
fn the_leadership_structures_carry_the_quarterly_reports_re_timing() {
    let r = Roadmap::uk_digital_2026();
    // The roadmap's own date for them was not seen: the node has no deadline of its own.
    assert!(r
        .node("central-local-leadership")
        .is_some_and(|n| n.deadline.is_none()));
    let u = updates(&r, "central-local-leadership");
    let first = u.first().copied();
    assert_eq!(
        first.map(|u| (u.source.as_str(), u.status.as_str())),
        Some(("roadmap-quarterly-2026-q1", "rescheduled"))
    );
    assert_eq!(
        first.map(|u| extra(&u.extra, "source_words")),
        Some("now scheduled for Summer 2026")
    );
    let new = first.and_then(|u| u.new_deadline.as_ref());
    assert_eq!(
        new.map(|d| (d.phrase.as_str(), d.source.as_deref())),
        Some(("Summer 2026", Some("roadmap-quarterly-2026-q1")))
    );
    // Then the article's spokesperson: still scheduled for the summer.
    assert_eq!(
        u.get(1).map(|u| (u.source.as_str(), u.status.as_str())),
        Some(("csw-summer-2026", "scheduled"))
    );
}

#[test]
fn the_sourcing_strategy_carries_the_ministers_pause() {
    let r = Roadmap::uk_digital_2026();
    let pause = updates(&r, "digital-sourcing-strategy")
        .into_iter()
        .find(|u| u.source == "murray-letter-2026-04");
    assert_eq!(
        pause.map(|u| (u.status.as_str(), u.date.to_string())),
        Some(("paused", "..2026-04-24".to_owned()))
    );
    // The same letter: four internal AI pilots closed, ethics work moved to the National
    // Data Library, legacy replacement the most urgent task.
    let from_letter: Vec<&str> = r
        .updates
        .iter()
        .filter(|u| u.source == "murray-letter-2026-04")
        .map(|u| u.node.as_str())
        .collect();
    assert_eq!(
        from_letter,
        [
            "extract-local-authority-rollout",
            "humphrey-suite",
            "data-ethics-guidance-interactive",
            "legacy-remediation",
            "digital-sourcing-strategy",
        ]
    );
}

#[test]
fn deadlines_are_credited_to_the_document_whose_words_they_are() {
    let r = Roadmap::uk_digital_2026();
    let mut by_source: Vec<(&str, &str)> = r
        .nodes
        .iter()
        .filter_map(|n| n.deadline.as_ref().map(|d| (n.id.as_str(), d)))
        .map(|(id, d)| (id, d.source.as_deref().unwrap_or_default()))
        .collect();
    by_source.retain(|(_, s)| *s != "csw-summer-2026");
    // Only one phrase is inside the roadmap's own words as the article quotes them.
    assert_eq!(
        by_source,
        [("customerfirst-priority-services", "roadmap-2026")]
    );
    // The article's phrases are held on the last day of its quarter. Only "later this
    // year", relative to the day of writing, reads differently written on the quarter's
    // first day; every other window is the same ("shortly" has no dated window at all).
    for n in &r.nodes {
        let Some(d) = &n.deadline else { continue };
        if d.source.as_deref() != Some("csw-summer-2026") {
            continue;
        }
        assert_eq!(d.written_on, date("2026-06-30"), "{}", n.id);
        assert_eq!(
            extra(&n.extra, "deadline_written_as_published"),
            "2026-Q2",
            "{}",
            n.id
        );
        let early = roadmap_tracker::deadline::parse(&d.phrase, date("2026-04-01"));
        let late = d.parse();
        let window = |p: &Result<roadmap_tracker::deadline::Deadline, roadmap_tracker::Error>| {
            p.as_ref().ok().map(|x| (x.earliest(), x.latest()))
        };
        if d.phrase == "later this year" {
            assert_ne!(window(&early), window(&late));
        } else {
            assert_eq!(window(&early), window(&late), "{} {:?}", n.id, d.phrase);
        }
    }
}

#[test]
fn at_least_three_metrics_with_a_real_baseline_or_target() {
    let r = Roadmap::uk_digital_2026();
    let with_base_or_target = r
        .metrics
        .iter()
        .filter(|m| m.baseline.is_some() || m.target.is_some())
        .count();
    assert!(with_base_or_target >= 3);
    let metric = |id: &str| {
        r.metrics
            .iter()
            .find(|m| m.id == id)
            .unwrap_or_else(|| unreachable!("no metric {id}"))
    };
    // About 6% of central government staff in digital and data roles (roadmap section
    // page); one in ten the goal (specialists page), "by 2030" (PA, 28 March 2025).
    let share = metric("digital-workforce-share");
    assert_eq!(share.baseline.map(|b| b.value), Some(6.0));
    assert_eq!(
        share.target.as_ref().map(|t| (
            t.target,
            t.deadline.phrase.as_str(),
            t.deadline.written_on
        )),
        Some((
            roadmap_tracker::target::Target::trajectory(10.0),
            "by 2030",
            date("2025-03-28")
        ))
    );
    // 28% of public sector systems legacy (State of Digital Government Review, in a
    // written answer); lower is better.
    let legacy = metric("legacy-systems-share");
    assert_eq!(legacy.baseline.map(|b| b.value), Some(28.0));
    assert_eq!(legacy.direction, roadmap_tracker::Direction::LowerIsBetter);
    // The AI Accelerator: 24 in July 2025, 50 by December 2025, 49 after a year.
    let ai = metric("ai-accelerator-completions");
    assert_eq!(ai.baseline.map(|b| b.value), Some(24.0));
    let values: Vec<f64> = ai.observations.iter().map(|o| o.value).collect();
    assert_eq!(values, [50.0, 49.0]);
    assert_eq!(extra(&ai.extra, "baseline_date_as_published"), "2025-07");
}

#[test]
fn commitments_the_article_does_not_cover_come_from_the_roadmaps_pages() {
    let r = Roadmap::uk_digital_2026();
    for (id, source) in [
        ("senior-capability-framework", "roadmap-page-leadership"),
        ("digital-succession-plans", "roadmap-page-leadership"),
        ("digital-data-pay-framework", "roadmap-page-specialists"),
        ("digital-fast-stream-roles", "roadmap-page-specialists"),
        ("digital-spend-performance-review", "roadmap-page-funding"),
        ("atrs-new-version", "roadmap-page-open"),
        ("digital-business-review", "roadmap-page-performance"),
        ("dwp-health-assessment-service", "roadmap-quarterly-2026-q1"),
        ("ai-in-education-summit", "roadmap-quarterly-2026-q1"),
        ("digital-id-scheme", "hcws1249"),
    ] {
        let n = r.node(id).unwrap_or_else(|| unreachable!("no node {id}"));
        assert!(
            n.sources.iter().any(|s| s == source),
            "{id}: {:?}",
            n.sources
        );
        assert!(
            !n.sources.iter().any(|s| s == "csw-summer-2026"),
            "{id} is not in the article"
        );
    }
}

#[test]
fn every_commitment_of_the_seed_article_is_still_present() {
    let r = Roadmap::uk_digital_2026();
    let commitments = [
        "central-local-leadership",
        "local-government-architecture-model",
        "govuk-app-local-services-pilot",
        "inclusion-metrics-service-standard",
        "inclusive-service-principles",
        "business-gov-uk",
        "customerfirst-priority-services",
        "nhs-app-new-services",
        "hmrc-paye-online-service",
        "hmrc-self-assessment-services",
        "hmrc-child-benefit-tax-code",
        "probation-speech-translation-ai",
        "ai-exemplars",
        "extract-local-authority-rollout",
        "responsible-ai-procurement-guidance",
        "responsible-ai-advisory-panel",
        "data-ethics-guidance-interactive",
        "legacy-technology-approach",
        "digital-asset-records-standards",
        "govassure-changes",
        "supply-chain-security",
        "legacy-remediation",
        "secret-community-cloud",
        "national-cloud-strategy",
        "national-data-library",
        "digital-leadership-scheme",
        "senior-digital-assessment",
        "digital-leaders-on-boards",
        "core-digital-curriculum",
        "returnship-programme",
        "ai-accelerator",
        "digital-workforce-2030-strategy",
        "funding-model-pilots",
        "digital-assurance-measures",
        "treasury-finance-data",
        "get-approval-to-spend",
        "central-digital-platform",
        "supplier-information-service",
        "find-a-tender-spending-data",
        "spend-control-assurance",
        "digital-commercial-centre-of-excellence",
        "digital-sourcing-strategy",
        "central-cloud-contract",
        "atrs-departmental-engagement",
        "atrs-records-analysis",
        "product-roadmaps",
        "digital-performance-framework",
        "annual-performance-data-sharing",
    ];
    let milestones = [
        "business-gov-uk-detailed-plans",
        "nhs-app-mental-health-support",
        "nhs-app-hpv-home-testing",
        "digital-workforce-2030-details",
    ];
    assert_eq!(commitments.len(), 48);
    for id in commitments {
        let n = r.node(id).unwrap_or_else(|| unreachable!("{id} is gone"));
        assert_eq!(n.kind, NodeKind::Commitment, "{id}");
        assert!(n.sources.iter().any(|s| s == "csw-summer-2026"), "{id}");
    }
    for id in milestones {
        let n = r.node(id).unwrap_or_else(|| unreachable!("{id} is gone"));
        assert_eq!(n.kind, NodeKind::Milestone, "{id}");
    }
}
