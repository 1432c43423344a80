//! The bundled UK roadmap under the default rules: the judgments a careful fact-checker
//! would sign, on the commitments the seed article reports, and the invariants every
//! status keeps (its evidence date and age; no delivery date the evidence does not give).
//!
//! Each expectation was worked out by hand from `data/uk-digital-2026.json`, the deadline
//! conventions (`docs/deadlines.md`) and the rule table (`docs/status-rules.md`); the
//! notes beside each say why. Whole-roadmap counts are left to the data's own tests, since
//! the bundled data is corrected separately.

use std::error::Error as StdError;

use chrono::NaiveDate;
use roadmap_tracker::status::{DerivedStatus, Evaluator, Rag, Rules};
use roadmap_tracker::Roadmap;

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

use DerivedStatus::*;

fn date(s: &str) -> Result<NaiveDate> {
    Ok(NaiveDate::parse_from_str(s, "%Y-%m-%d")?)
}

#[test]
fn the_judgments_the_article_calls_for() -> Result<()> {
    let roadmap = Roadmap::uk_digital_2026();
    let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    let mid_june = date("2026-06-15")?;
    let november = date("2026-11-24")?;
    let status = |id: &str, d| {
        evaluator
            .status_of(id, d)
            .ok_or(format!("no status for {id}"))
    };

    // "From April": reported "in development" on 4 June, which is on or after the start
    // (1 April) and says it does not apply yet: late, but moving.
    let senior = status("senior-digital-assessment", mid_june)?;
    assert_eq!(
        (senior.status, senior.rag, senior.rule),
        (Behind, Rag::Amber, "behind")
    );
    assert_eq!(
        senior.reason(),
        "Reported in development on 4 June 2026, two months after it was due to apply from April 2026."
    );
    // "From May onwards": the rollout is "ongoing" on 4 June, so not every council has it.
    let extract = status("extract-local-authority-rollout", mid_june)?;
    assert_eq!((extract.status, extract.rag), (Behind, Rag::Amber));

    // Only a decision to publish inside the AI Knowledge Hub: a re-plan, not a delivery,
    // and no delivery date anywhere.
    let guidance = status("responsible-ai-procurement-guidance", mid_june)?;
    assert_eq!((guidance.status, guidance.rag), (Replanned, Rag::Amber));
    assert_eq!(guidance.delivered_on, None);
    assert!(
        !guidance.reason().contains(", delivered "),
        "{}",
        guidance.reason()
    );

    // "Summer 2026" (1 June to 31 August): "scheduled" on 4 June, nothing since; in
    // November the deadline has passed with no evidence dated after it.
    let leadership = status("central-local-leadership", november)?;
    assert_eq!(
        (leadership.status, leadership.rag, leadership.rule),
        (OverdueUnconfirmed, Rag::Red, "overdue-unconfirmed")
    );
    assert_eq!(
        leadership.evidence_date.map(|d| d.to_string()).as_deref(),
        Some("2026-06-04")
    );
    assert_eq!(leadership.evidence_age_days, Some(173)); // 26 + 31 + 31 + 30 + 31 + 24
    assert_eq!(
        leadership.reason(),
        "Due between 1 June and 31 August 2026; the last report, scheduled on 4 June 2026, \
         came two months before the deadline's end, and nothing has been reported since."
    );

    // CustomerFirst: "by March 2028", nothing reported: a description of the deadline,
    // not of the work.
    let customer = status("customerfirst-priority-services", november)?;
    assert_eq!((customer.status, customer.rag), (NotYetDue, Rag::Grey));
    assert_eq!(customer.reason(), "Due by 31 March 2028; no report yet.");
    Ok(())
}

#[test]
fn every_status_carries_its_evidence_and_invents_no_delivery_date() -> Result<()> {
    let roadmap = Roadmap::uk_digital_2026();
    let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    for day in ["2026-01-19", "2026-06-15", "2026-11-24", "2029-06-01"] {
        let e = evaluator.evaluate(date(day)?);
        let json = serde_json::to_value(&e)?;
        for (c, j) in e
            .commitments
            .iter()
            .zip(json["commitments"].as_array().ok_or("list")?)
        {
            assert!(j.get("evidence_date").is_some() && j.get("evidence_age_days").is_some());
            assert_eq!(
                c.evidence_date.is_some(),
                c.update.is_some(),
                "{}",
                c.node()
            );
            // A delivery date is printed only when an update on the node states it.
            if let Some(d) = c.delivered_on {
                assert!(
                    roadmap
                        .updates_for(c.node())
                        .any(|u| u.delivered_on == Some(d)),
                    "{} on {day}: delivered_on {d} is not in the evidence",
                    c.node()
                );
            }
            // And no reason speaks of a delivery date the status does not carry.
            if c.delivered_on.is_none() {
                assert!(
                    !c.reason().contains(", delivered "),
                    "{} on {day}: {}",
                    c.node(),
                    c.reason()
                );
            }
        }
    }
    Ok(())
}

#[test]
fn old_evidence_is_flagged_without_moving_a_score() -> Result<()> {
    let roadmap = Roadmap::uk_digital_2026();
    let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    let never = Evaluator::new(
        roadmap.clone(),
        Rules {
            staleness_days: None,
            ..Rules::default()
        },
    )?;
    for day in ["2026-11-24", "2027-06-01", "2029-06-01"] {
        let d = date(day)?;
        assert_eq!(evaluator.scores(d), never.scores(d), "{day}");
        let a = evaluator.evaluate(d);
        let b = never.evaluate(d);
        for (x, y) in a.commitments.iter().zip(&b.commitments) {
            assert_eq!((x.status, x.rule), (y.status, y.rule));
            assert!(!y.stale);
            // 4 June to 1 December is 180 days: every June report is stale from then on.
            if x.stale {
                assert!(x.evidence_age_days.is_some_and(|a| a > 180));
                assert!(!x.status.is_delivered());
            }
        }
    }
    let late = evaluator.evaluate(date("2027-06-01")?);
    assert!(late.commitments.iter().any(|c| c.stale));
    Ok(())
}

#[test]
fn history_of_the_bundled_roadmap_matches_daily_evaluation() -> Result<()> {
    let roadmap = Roadmap::uk_digital_2026();
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
