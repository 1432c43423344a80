//! Citable one-line judgments on the bundled roadmap, expected lines written from the
//! bundled data's sources.

use std::error::Error as StdError;

use chrono::NaiveDate;
use roadmap_tracker::status::{Evaluator, OpenState, Rules, TwoPhaseStatus};
use roadmap_tracker::Roadmap;

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

#[test]
fn a_judgment_cites_the_update_it_rests_on() -> Result<()> {
    let roadmap = Roadmap::uk_digital_2026();
    let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).ok_or("date")?;
    let c = evaluator
        .cite("central-local-leadership", as_of)
        .ok_or("no citation")?;
    assert_eq!(
        c.to_string(),
        "central-local-leadership: overdue, unconfirmed as of 2026-11-24 (rule overdue-unconfirmed; source: \
         \"Civil Service World summer 2026 magazine: progress check on A roadmap for digital \
         government\", Civil Service World, 2026-06-04)"
    );
    assert_eq!(c.two_phase, TwoPhaseStatus::open(OpenState::AtRisk));
    Ok(())
}

#[test]
fn before_any_update_or_deadline_it_cites_the_node_source() -> Result<()> {
    let roadmap = Roadmap::uk_digital_2026();
    let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    // The update and the deadline both come from the 4 June article: not yet known.
    let c = evaluator
        .cite("central-local-leadership", roadmap.published)
        .ok_or("no citation")?;
    assert_eq!(
        c.to_string(),
        "central-local-leadership: no evidence as of 2026-01-19 (rule no-evidence; source: \
         \"A roadmap for digital government\", Department for Science, Innovation and \
         Technology, 2026-01-19, https://www.gov.uk/government/publications/a-roadmap-for-digital-government)"
    );
    Ok(())
}
