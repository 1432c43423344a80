//! The UK roadmap as the seed article described it (tests/fixtures/uk-digital-2026-article.json,
//! the bundled data before it was rebuilt from the roadmap's own pages), evaluated as of its
//! publication (2026-01-19), the article's press date (2026-06-04 in that dataset) and
//! 2026-11-24, with the default rules.
//!
//! Every expectation here was worked out by hand from that fixture, the
//! deadline conventions (`docs/deadlines.md`) and the rule table (`docs/status-rules.md`);
//! the notes beside each row say why.

use std::error::Error as StdError;

use chrono::NaiveDate;
use roadmap_tracker::score::NodeScore;
use roadmap_tracker::status::{DerivedStatus, Evaluation, Evaluator, FromMet, Rag, Rules};
use roadmap_tracker::Roadmap;

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

use DerivedStatus::*;

/// The roadmap as the seed article alone described it (the bundled data before it was
/// rebuilt from the roadmap's own pages): a fixed dataset, so the expectations below test
/// the rules, not the current bundled data.
fn article_roadmap() -> Roadmap {
    Roadmap::from_json_str(include_str!(
        "../../tests/fixtures/uk-digital-2026-article.json"
    ))
    .unwrap_or_else(|e| unreachable!("the article fixture loads: {e}"))
}

fn date(s: &str) -> Result<NaiveDate> {
    Ok(NaiveDate::parse_from_str(s, "%Y-%m-%d")?)
}

fn evaluate(as_of: &str) -> Result<Evaluation> {
    let roadmap = article_roadmap();
    let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    Ok(evaluator.evaluate(date(as_of)?))
}

/// Check every commitment and milestone against `(id, status, rule)` rows, in roadmap order.
fn check_all(e: &Evaluation, expected: &[(&str, DerivedStatus, &str)]) {
    let got: Vec<(&str, DerivedStatus, &str)> = e
        .commitments
        .iter()
        .map(|c| (c.node(), c.status, c.rule))
        .collect();
    let mismatches: Vec<String> = expected
        .iter()
        .zip(&got)
        .filter(|(want, got)| want != got)
        .map(|(want, got)| format!("expected {want:?}, got {got:?}"))
        .collect();
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert_eq!(got.len(), expected.len());
}

fn score<'a>(e: &'a Evaluation, node: Option<&str>) -> Result<&'a NodeScore> {
    match node {
        None => Ok(e.roadmap_score()),
        Some(id) => Ok(e.score(id).ok_or(format!("no score for {id}"))?),
    }
}

/// `(node, score, rag, counted, due, met_on_time)`; `score` as the hand-worked fraction.
type ScoreRow<'a> = (Option<&'a str>, Option<f64>, Rag, usize, usize, usize);

fn check_scores(e: &Evaluation, rows: &[ScoreRow<'_>]) -> Result<()> {
    for &(node, want, rag, counted, due, on_time) in rows {
        let s = score(e, node)?;
        match (s.score, want) {
            (Some(a), Some(b)) => {
                assert!((a - b).abs() < 1e-12, "{node:?}: score {a}, expected {b}")
            }
            (a, b) => assert_eq!(a, b, "{node:?}"),
        }
        assert_eq!(s.rag, rag, "{node:?} rating");
        assert_eq!(s.counted, counted, "{node:?} counted");
        assert_eq!(s.due, due, "{node:?} due");
        assert_eq!(s.met_on_time, on_time, "{node:?} met on time");
    }
    Ok(())
}

// Rule ids, shortened for the tables below.
const NOEV: &str = "no-evidence";
const NS: &str = "not-started";
const IPND: &str = "in-progress-no-deadline";
const MET: &str = "delivered-no-deadline";
const DUE: &str = "due-now";
const STALE: &str = "stale-evidence";

#[test]
fn as_of_publication() -> Result<()> {
    let e = evaluate("2026-01-19")?;
    // Only the roadmap's own reports (dated 2026-01-19) are visible. Deadlines written by
    // the article on 2026-06-04 are not yet known, so those nodes have no deadline.
    check_all(
        &e,
        &[
            ("central-local-leadership", NoEvidence, NOEV), // "summer 2026" not written until 06-04
            ("local-government-architecture-model", NoEvidence, NOEV),
            ("govuk-app-local-services-pilot", NoEvidence, NOEV),
            ("inclusion-metrics-service-standard", NoEvidence, NOEV),
            ("inclusive-service-principles", NotStarted, NS), // "this summer" = Jun–Aug 2026
            ("business-gov-uk", NoEvidence, NOEV),
            ("business-gov-uk-detailed-plans", NoEvidence, NOEV), // milestone, deadline not yet written
            ("customerfirst-priority-services", NotStarted, NS),  // by March 2028
            ("nhs-app-new-services", NoEvidence, NOEV),
            ("nhs-app-mental-health-support", NoEvidence, NOEV),
            ("nhs-app-hpv-home-testing", NoEvidence, NOEV),
            ("hmrc-paye-online-service", NoEvidence, NOEV), // "throughout 2026" written 06-04
            ("hmrc-self-assessment-services", NoEvidence, NOEV),
            ("hmrc-child-benefit-tax-code", NoEvidence, NOEV),
            (
                "probation-speech-translation-ai",
                InProgressNoDeadline,
                IPND,
            ), // "ongoing" 01-19
            ("ai-exemplars", InProgressNoDeadline, IPND), // "underway" 01-19
            ("extract-local-authority-rollout", NotStarted, NS), // from May
            ("responsible-ai-procurement-guidance", NoEvidence, NOEV),
            ("responsible-ai-advisory-panel", NoEvidence, NOEV),
            ("data-ethics-guidance-interactive", NoEvidence, NOEV),
            ("legacy-technology-approach", Met, MET), // "published" 01-19
            ("digital-asset-records-standards", NoEvidence, NOEV),
            ("govassure-changes", NoEvidence, NOEV),
            ("supply-chain-security", NotStarted, NS), // Sep–Dec 2026
            ("legacy-remediation", InProgressNoDeadline, IPND),
            ("secret-community-cloud", NotStarted, NS), // "later this year" opens 01-20
            ("national-cloud-strategy", NoEvidence, NOEV),
            ("national-data-library", NoEvidence, NOEV),
            ("digital-leadership-scheme", NoEvidence, NOEV),
            ("senior-digital-assessment", NotStarted, NS), // from April
            ("digital-leaders-on-boards", NotStarted, NS), // from 2026-12-31
            ("core-digital-curriculum", NoEvidence, NOEV),
            ("returnship-programme", NoEvidence, NOEV),
            ("ai-accelerator", NoEvidence, NOEV),
            ("digital-workforce-2030-strategy", NoEvidence, NOEV), // "in 2026" written 06-04
            ("digital-workforce-2030-details", NoEvidence, NOEV),
            ("funding-model-pilots", Met, MET), // "launched", delivered 2025-09-30
            ("digital-assurance-measures", NotStarted, NS), // in April
            ("treasury-finance-data", NotStarted, NS), // by October 2028
            ("get-approval-to-spend", InProgressNoDeadline, IPND),
            ("central-digital-platform", Met, MET),
            ("supplier-information-service", NotStarted, NS), // in March
            ("find-a-tender-spending-data", NoEvidence, NOEV),
            ("spend-control-assurance", NotStarted, NS), // Nov–Dec 2026
            ("digital-commercial-centre-of-excellence", Met, MET),
            ("digital-sourcing-strategy", NotStarted, NS), // in March
            ("central-cloud-contract", NotStarted, NS),    // Nov–Dec 2026
            ("atrs-departmental-engagement", NoEvidence, NOEV),
            ("atrs-records-analysis", NoEvidence, NOEV),
            ("product-roadmaps", NoEvidence, NOEV), // "shortly" written 06-04
            ("digital-performance-framework", NoEvidence, NOEV),
            ("annual-performance-data-sharing", NotStarted, NS), // from August
        ],
    );
    // Counted (weights): services 0.8 (probation); ai 0.8 (exemplars); infrastructure 1.0
    // (legacy approach, met) and 0.8 (remediation); funding 1.0 × 3 (pilots, platform,
    // centre) and 0.8 (approval to spend); talent and transparency none. Nothing is due.
    check_scores(
        &e,
        &[
            (None, Some(7.2 / 8.0), Rag::Green, 8, 0, 0),
            (Some("services"), Some(0.8), Rag::Green, 1, 0, 0),
            (Some("services-accessibility"), None, Rag::Grey, 0, 0, 0),
            (
                Some("services-transformation"),
                Some(0.8),
                Rag::Green,
                1,
                0,
                0,
            ),
            (Some("ai"), Some(0.8), Rag::Green, 1, 0, 0),
            (Some("infrastructure"), Some(1.8 / 2.0), Rag::Green, 2, 0, 0),
            (Some("talent"), None, Rag::Grey, 0, 0, 0),
            (Some("funding"), Some(3.8 / 4.0), Rag::Green, 4, 0, 0),
            (Some("transparency"), None, Rag::Grey, 0, 0, 0),
        ],
    )?;
    let whole = e.roadmap_score();
    assert_eq!(whole.total, 48);
    assert_eq!(whole.met_on_time_share, None);
    assert_eq!(whole.counts.get(Met), 4);
    assert_eq!(whole.counts.get(InProgressNoDeadline), 4);
    assert_eq!(whole.counts.get(NotStarted), 14);
    assert_eq!(whole.counts.get(NoEvidence), 26);
    Ok(())
}

#[test]
fn as_of_press_date() -> Result<()> {
    let e = evaluate("2026-06-04")?;
    check_all(
        &e,
        &[
            ("central-local-leadership", DueNow, DUE), // "scheduled"; summer 2026 is open
            ("local-government-architecture-model", Met, MET),
            ("govuk-app-local-services-pilot", Met, MET),
            ("inclusion-metrics-service-standard", NoEvidence, NOEV),
            ("inclusive-service-principles", DueNow, DUE), // "underway"; this summer is open
            ("business-gov-uk", NoEvidence, NOEV),
            ("business-gov-uk-detailed-plans", DueNow, DUE), // throughout 2026
            ("customerfirst-priority-services", NotStarted, NS),
            ("nhs-app-new-services", NoEvidence, NOEV),
            ("nhs-app-mental-health-support", NoEvidence, NOEV),
            ("nhs-app-hpv-home-testing", NoEvidence, NOEV),
            ("hmrc-paye-online-service", DueNow, DUE), // "ongoing"; throughout 2026
            ("hmrc-self-assessment-services", DueNow, DUE),
            ("hmrc-child-benefit-tax-code", DueNow, DUE),
            (
                "probation-speech-translation-ai",
                InProgressNoDeadline,
                IPND,
            ), // 136 days old
            ("ai-exemplars", InProgressNoDeadline, IPND),
            ("extract-local-authority-rollout", Started, "from-started"), // "ongoing" 06-04 >= 05-01
            (
                "responsible-ai-procurement-guidance",
                MetDifferently,
                "delivered-differently",
            ),
            ("responsible-ai-advisory-panel", Met, MET),
            ("data-ethics-guidance-interactive", NoEvidence, NOEV),
            ("legacy-technology-approach", InProgressNoDeadline, IPND), // "progressing" is the latest
            ("digital-asset-records-standards", NoEvidence, NOEV),
            ("govassure-changes", NoEvidence, NOEV),
            ("supply-chain-security", NotStarted, NS),
            ("legacy-remediation", InProgressNoDeadline, IPND),
            ("secret-community-cloud", DueNow, DUE),
            ("national-cloud-strategy", NoEvidence, NOEV),
            ("national-data-library", NoEvidence, NOEV),
            ("digital-leadership-scheme", NoEvidence, NOEV),
            ("senior-digital-assessment", Started, "from-started"), // "in development" 06-04 >= 04-01
            ("digital-leaders-on-boards", NotStarted, NS),
            ("core-digital-curriculum", NoEvidence, NOEV),
            ("returnship-programme", Met, MET),
            ("ai-accelerator", Met, MET),
            ("digital-workforce-2030-strategy", DueNow, DUE), // "scheduled"; in 2026
            ("digital-workforce-2030-details", NoEvidence, NOEV), // "in due course"
            ("funding-model-pilots", Met, MET),
            (
                "digital-assurance-measures",
                MetOnTime,
                "delivered-within-window",
            ), // 04-30 in April
            ("treasury-finance-data", NotStarted, NS),
            ("get-approval-to-spend", InProgressNoDeadline, IPND),
            ("central-digital-platform", Met, MET),
            (
                "supplier-information-service",
                MetOnTime,
                "delivered-within-window",
            ), // 03-31 in March
            ("find-a-tender-spending-data", Met, MET),
            ("spend-control-assurance", NotStarted, NS),
            ("digital-commercial-centre-of-excellence", Met, MET),
            ("digital-sourcing-strategy", Delayed, "paused-past-deadline"), // "under review", March passed
            ("central-cloud-contract", NotStarted, NS),
            ("atrs-departmental-engagement", InProgressNoDeadline, IPND),
            ("atrs-records-analysis", Met, MET),
            ("product-roadmaps", NoEvidence, NOEV),
            ("digital-performance-framework", InProgressNoDeadline, IPND), // "piloting"
            ("annual-performance-data-sharing", NotStarted, NS),           // from August
        ],
    );
    // services: 0.5 (leadership) + 1 + 1 (architecture model, app pilot) + 0.5 (principles)
    //   + 0.5 × 3 (HMRC) + 0.8 (probation) = 5.3 over 8; accessibility 3.0 / 4,
    //   transformation 2.3 / 4.
    // ai: 0.8 + 1 (extract started) + 0.75 (met differently) + 1 (panel) = 3.55 / 4.
    // infrastructure: 0.8 + 0.8 + 0.5 (secret cloud due) = 2.1 / 3.
    // talent: 1 (assessment started) + 1 + 1 (returnship, accelerator) + 0.5 = 3.5 / 4.
    // funding: 1 (pilots) + 1 (April assurance measures, on time) + 0.8 (approval to
    //   spend) + 1 (platform) + 1 (supplier service, on time) + 1 (tender data) + 1
    //   (centre) + 0.25 (sourcing strategy, delayed) = 7.05 / 8.
    // transparency: 0.8 + 1 + 0.8 = 2.6 / 3.
    // roadmap: (5.3 + 3.55 + 2.1 + 3.5 + 7.05 + 2.6) / 30 = 24.1 / 30.
    // Due: services 5 (leadership, principles, HMRC × 3), ai 1 (extract, on time),
    // infrastructure 1 (secret cloud), talent 2 (assessment on time, workforce strategy),
    // funding 3 (assurance and supplier service on time; sourcing strategy), transparency 0.
    check_scores(
        &e,
        &[
            (None, Some(24.1 / 30.0), Rag::Green, 30, 12, 4),
            (Some("services"), Some(5.3 / 8.0), Rag::Amber, 8, 5, 0),
            (
                Some("services-accessibility"),
                Some(3.0 / 4.0),
                Rag::Amber,
                4,
                2,
                0,
            ),
            (
                Some("services-transformation"),
                Some(2.3 / 4.0),
                Rag::Amber,
                4,
                3,
                0,
            ),
            (Some("ai"), Some(3.55 / 4.0), Rag::Green, 4, 1, 1),
            (Some("infrastructure"), Some(2.1 / 3.0), Rag::Amber, 3, 1, 0),
            (Some("talent"), Some(3.5 / 4.0), Rag::Green, 4, 2, 1),
            (Some("funding"), Some(7.05 / 8.0), Rag::Green, 8, 3, 2),
            (Some("transparency"), Some(2.6 / 3.0), Rag::Green, 3, 0, 0),
        ],
    )?;
    let whole = e.roadmap_score();
    assert_eq!(whole.met_on_time_share, Some(4.0 / 12.0));
    for (status, n) in [
        (MetOnTime, 2),
        (MetDifferently, 1),
        (Met, 10),
        (Started, 2),
        (InProgressNoDeadline, 7),
        (DueNow, 7),
        (Delayed, 1),
        (NotStarted, 7),
        (NoEvidence, 11),
        (Overdue, 0),
    ] {
        assert_eq!(whole.counts.get(status), n, "{status}");
    }
    Ok(())
}

#[test]
fn as_of_24_november() -> Result<()> {
    let e = evaluate("2026-11-24")?;
    // The article's reports are 173 days old: still fresh. The roadmap's own in-progress
    // reports are 309 days old: stale.
    check_all(
        &e,
        &[
            ("central-local-leadership", Overdue, "deadline-missed"), // summer over, no word since 06-04
            ("local-government-architecture-model", Met, MET),
            ("govuk-app-local-services-pilot", Met, MET),
            ("inclusion-metrics-service-standard", NoEvidence, NOEV),
            ("inclusive-service-principles", Overdue, "deadline-missed"),
            ("business-gov-uk", NoEvidence, NOEV),
            ("business-gov-uk-detailed-plans", DueNow, DUE),
            ("customerfirst-priority-services", NotStarted, NS),
            ("nhs-app-new-services", NoEvidence, NOEV),
            ("nhs-app-mental-health-support", NoEvidence, NOEV),
            ("nhs-app-hpv-home-testing", NoEvidence, NOEV),
            ("hmrc-paye-online-service", DueNow, DUE),
            ("hmrc-self-assessment-services", DueNow, DUE),
            ("hmrc-child-benefit-tax-code", DueNow, DUE),
            ("probation-speech-translation-ai", NoEvidence, STALE),
            ("ai-exemplars", NoEvidence, STALE),
            ("extract-local-authority-rollout", Started, "from-started"),
            (
                "responsible-ai-procurement-guidance",
                MetDifferently,
                "delivered-differently",
            ),
            ("responsible-ai-advisory-panel", Met, MET),
            ("data-ethics-guidance-interactive", NoEvidence, NOEV),
            ("legacy-technology-approach", InProgressNoDeadline, IPND),
            ("digital-asset-records-standards", NoEvidence, NOEV),
            ("govassure-changes", NoEvidence, NOEV),
            ("supply-chain-security", DueNow, DUE), // Sep–Dec window open
            ("legacy-remediation", NoEvidence, STALE),
            ("secret-community-cloud", DueNow, DUE),
            ("national-cloud-strategy", NoEvidence, NOEV),
            ("national-data-library", NoEvidence, NOEV),
            ("digital-leadership-scheme", NoEvidence, NOEV),
            ("senior-digital-assessment", Started, "from-started"),
            ("digital-leaders-on-boards", NotStarted, NS), // from 2026-12-31
            ("core-digital-curriculum", NoEvidence, NOEV),
            ("returnship-programme", Met, MET),
            ("ai-accelerator", Met, MET),
            ("digital-workforce-2030-strategy", DueNow, DUE),
            ("digital-workforce-2030-details", NoEvidence, NOEV),
            ("funding-model-pilots", Met, MET),
            (
                "digital-assurance-measures",
                MetOnTime,
                "delivered-within-window",
            ),
            ("treasury-finance-data", NotStarted, NS),
            ("get-approval-to-spend", NoEvidence, STALE),
            ("central-digital-platform", Met, MET),
            (
                "supplier-information-service",
                MetOnTime,
                "delivered-within-window",
            ),
            ("find-a-tender-spending-data", Met, MET),
            ("spend-control-assurance", DueNow, DUE), // Nov–Dec window open
            ("digital-commercial-centre-of-excellence", Met, MET),
            ("digital-sourcing-strategy", Delayed, "paused-past-deadline"),
            ("central-cloud-contract", DueNow, DUE),
            ("atrs-departmental-engagement", InProgressNoDeadline, IPND),
            ("atrs-records-analysis", Met, MET),
            ("product-roadmaps", NoEvidence, NOEV),
            ("digital-performance-framework", InProgressNoDeadline, IPND),
            ("annual-performance-data-sharing", Overdue, "start-missed"), // from August, no report
        ],
    );
    // services: 0 + 1 + 1 + 0 + 0.5 × 3 = 3.5 / 7; accessibility 2 / 4; transformation 1.5 / 3.
    // ai: 1 + 0.75 + 1 = 2.75 / 3.   infrastructure: 0.8 + 0.5 + 0.5 = 1.8 / 3.
    // talent: 1 + 1 + 1 + 0.5 = 3.5 / 4.
    // funding: 1 + 1 + 1 + 1 + 1 + 0.5 + 1 + 0.25 + 0.5 = 7.25 / 9.
    // transparency: 0.8 + 1 + 0.8 + 0 = 2.6 / 4.
    // roadmap: (3.5 + 2.75 + 1.8 + 3.5 + 7.25 + 2.6) / 30 = 21.4 / 30.
    check_scores(
        &e,
        &[
            (None, Some(21.4 / 30.0), Rag::Amber, 30, 16, 4),
            (Some("services"), Some(3.5 / 7.0), Rag::Amber, 7, 5, 0),
            (
                Some("services-accessibility"),
                Some(2.0 / 4.0),
                Rag::Amber,
                4,
                2,
                0,
            ),
            (
                Some("services-transformation"),
                Some(1.5 / 3.0),
                Rag::Amber,
                3,
                3,
                0,
            ),
            (Some("ai"), Some(2.75 / 3.0), Rag::Green, 3, 1, 1),
            (Some("infrastructure"), Some(1.8 / 3.0), Rag::Amber, 3, 2, 0),
            (Some("talent"), Some(3.5 / 4.0), Rag::Green, 4, 2, 1),
            (Some("funding"), Some(7.25 / 9.0), Rag::Green, 9, 5, 2),
            (Some("transparency"), Some(2.6 / 4.0), Rag::Amber, 4, 1, 0),
        ],
    )?;
    let whole = e.roadmap_score();
    assert_eq!(whole.met_on_time_share, Some(4.0 / 16.0));
    for (status, n) in [
        (MetOnTime, 2),
        (MetDifferently, 1),
        (Met, 10),
        (Started, 2),
        (InProgressNoDeadline, 3),
        (DueNow, 8),
        (Overdue, 3),
        (Delayed, 1),
        (NotStarted, 3),
        (NoEvidence, 15),
    ] {
        assert_eq!(whole.counts.get(status), n, "{status}");
    }
    Ok(())
}

#[test]
fn the_four_commitments_the_issue_names() -> Result<()> {
    let roadmap = article_roadmap();
    let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    let press = date("2026-06-04")?;
    let november = date("2026-11-24")?;
    let status = |id: &str, d| {
        evaluator
            .status_of(id, d)
            .ok_or(format!("no status for {id}"))
    };

    let sis = status("supplier-information-service", press)?;
    assert_eq!((sis.status, sis.rag), (MetOnTime, Rag::Green));
    assert_eq!(sis.delivered_on, Some(date("2026-03-31")?));
    assert_eq!(sis.label(), Some("launched"));
    for part in [
        "\"launched\"",
        "2026-06-04",
        "csw-summer-2026",
        "delivered 2026-03-31",
        "\"in March of this year\"",
        "2026-03-01 to 2026-03-31",
        "met_on_time",
        "delivered-within-window",
    ] {
        assert!(
            sis.reason().contains(part),
            "{part:?} missing from {:?}",
            sis.reason()
        );
    }

    let dss = status("digital-sourcing-strategy", press)?;
    assert_eq!((dss.status, dss.rag), (Delayed, Rag::Red));
    assert_eq!(
        dss.reported,
        Some(roadmap_tracker::status::ReportedState::Paused)
    );
    assert!(dss.reason().contains("\"under review\""));
    // Before the article, March had passed with no word: overdue.
    assert_eq!(
        status("digital-sourcing-strategy", date("2026-05-01")?)?.status,
        Overdue
    );

    let leadership = status("central-local-leadership", press)?;
    assert_eq!((leadership.status, leadership.rag), (DueNow, Rag::Amber));
    let leadership = status("central-local-leadership", november)?;
    assert_eq!((leadership.status, leadership.rag), (Overdue, Rag::Red));
    assert_eq!(leadership.update_date, Some(press)); // no word since the article
    assert_eq!(leadership.deadline_state.as_str(), "overdue");
    assert!(leadership.reason().contains("\"summer 2026\""));
    let changes = evaluator.changes(press, november);
    let change = changes
        .iter()
        .find(|c| c.node == "central-local-leadership")
        .ok_or("the leadership structures changed")?;
    assert_eq!((change.from, change.to), (DueNow, Overdue));
    assert!(change.updates.is_empty());

    let guidance = status("responsible-ai-procurement-guidance", press)?;
    assert_eq!(
        (guidance.status, guidance.rag),
        (MetDifferently, Rag::Amber)
    );
    assert_eq!(guidance.label(), Some("approach changed"));
    Ok(())
}

#[test]
fn what_changed_between_the_three_dates() -> Result<()> {
    let roadmap = article_roadmap();
    let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    let changes = evaluator.changes(date("2026-01-19")?, date("2026-06-04")?);
    // Every node the article reports on has a new update (all 24 of its updates are dated
    // 2026-06-04); the deadlines that opened or were written in between change the rest.
    let with_updates = changes.iter().filter(|c| !c.updates.is_empty()).count();
    assert_eq!(with_updates, 24); // one article update on each of 24 nodes
    let later = evaluator.changes(date("2026-06-04")?, date("2026-11-24")?);
    assert!(later.iter().all(|c| c.updates.is_empty())); // no updates after the article
    let moved: Vec<&str> = later.iter().map(|c| c.node.as_str()).collect();
    assert_eq!(
        moved,
        [
            "central-local-leadership",
            "inclusive-service-principles",
            "probation-speech-translation-ai",
            "ai-exemplars",
            "supply-chain-security",
            "legacy-remediation",
            "get-approval-to-spend",
            "spend-control-assurance",
            "central-cloud-contract",
            "annual-performance-data-sharing",
        ]
    );
    Ok(())
}

#[test]
fn a_stricter_reading_of_from_deadlines() -> Result<()> {
    // With from_met = delivered, "ongoing" and "in development" after the start date are
    // not a start: the Extract rollout (from May) and the senior digital assessment (from
    // April) are overdue on the press date.
    let roadmap = article_roadmap();
    let rules = Rules {
        from_met: FromMet::Delivered,
        ..Rules::default()
    };
    let evaluator = Evaluator::new(roadmap.clone(), rules)?;
    let press = date("2026-06-04")?;
    for id in [
        "extract-local-authority-rollout",
        "senior-digital-assessment",
    ] {
        let s = evaluator.status_of(id, press).ok_or("tracked")?;
        assert_eq!((s.status, s.rule), (Overdue, "start-missed"), "{id}");
    }
    Ok(())
}

#[test]
fn history_of_the_bundled_roadmap_matches_daily_evaluation() -> Result<()> {
    let roadmap = article_roadmap();
    let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    let from = date("2026-01-01")?;
    let to = date("2028-12-31")?;
    let history = evaluator.history(Some(from), to, roadmap_tracker::status::Step::Daily)?;
    for (i, &day) in history.dates.iter().enumerate() {
        let e = evaluator.evaluate(day);
        for (timeline, c) in history.commitments.iter().zip(&e.commitments) {
            assert_eq!(
                timeline.status_at(day),
                Some(c.status),
                "{} on {day}",
                c.node()
            );
        }
        for (series, s) in history.scores.iter().zip(&e.scores) {
            let p = series.points.get(i).ok_or("a point per date")?;
            assert_eq!(
                (p.score, p.rag, p.counts, p.due),
                (s.score, s.rag, s.counts, s.due),
                "{:?} on {day}",
                s.node
            );
        }
    }
    Ok(())
}
