//! What the evaluator cannot read (a refused deadline phrase, a refused new deadline, an
//! unknown status label) is listed by `Roadmap::validate()` with the node and the field,
//! does not stop the roadmap loading, and makes only its own node `unreadable`.
//!
//! The expected codes and spans come from the deadline conventions (`docs/deadlines.md`)
//! and the error table (`core/src/error.rs`); messages are the engine's own, prefixed with
//! the node as `Roadmap::validate` documents.

use std::error::Error as StdError;

use chrono::NaiveDate;
use roadmap_tracker::status::{DerivedStatus, Evaluator, Rules};
use roadmap_tracker::{ErrorCode, ErrorKind, Roadmap};

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

/// Three commitments: one with a phrase the engine refuses ("Été" is not a word it
/// knows: bytes 3..8, "É" being two bytes), one whose update has a label no default
/// vocabulary knows and a new deadline it refuses, and one that reads.
const JSON: &str = r#"{
  "id": "plan", "title": "Plan", "publisher": "Us", "published": "2026-01-19",
  "nodes": [
    {"id": "s", "kind": "section", "title": "S"},
    {"id": "a", "kind": "area", "parent": "s", "title": "A"},
    {"id": "kiosk", "kind": "commitment", "parent": "a", "title": "Kiosk",
     "deadline": {"phrase": "by Été 2026", "written_on": "2026-01-19"}},
    {"id": "app", "kind": "commitment", "parent": "a", "title": "App",
     "deadline": {"phrase": "in March", "written_on": "2026-01-19"}},
    {"id": "portal", "kind": "commitment", "parent": "a", "title": "Portal",
     "deadline": {"phrase": "by March 2028", "written_on": "2026-01-19"}}
  ],
  "updates": [
    {"node": "app", "date": "2026-04-02", "status": "sort of done",
     "new_deadline": {"phrase": "by Marchh 2027", "written_on": "2026-04-02"}},
    {"node": "portal", "date": "2026-04-02", "status": "in progress"}
  ]
}"#;

#[test]
fn validate_lists_what_the_evaluator_cannot_read() -> Result<()> {
    // It loads: the structural checks pass.
    let roadmap = Roadmap::from_json_str(JSON)?;
    let Err(err) = roadmap.validate() else {
        return Err("validate() should list the unreadable deadline and label".into());
    };
    assert_eq!(err.kind(), ErrorKind::Validation);
    let problems = err.problems();
    let got: Vec<(ErrorCode, String)> = problems
        .iter()
        .map(|p| (p.code, p.location.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            (
                ErrorCode::UnrecognisedWord,
                "nodes[2].deadline.phrase".to_owned()
            ),
            (ErrorCode::UnknownLabel, "updates[0].status".to_owned()),
            (
                ErrorCode::UnrecognisedWord,
                "updates[0].new_deadline.phrase".to_owned()
            ),
        ]
    );
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages.first().copied(),
        Some("the deadline of \"kiosk\": unrecognised word \"Été\"")
    );
    // The label's message goes on to list every label the vocabularies know.
    assert!(messages.get(1).is_some_and(|m| m.starts_with(
        "the update on \"app\": unknown status label \"sort of done\"; the vocabularies in use know: "
    )));
    assert_eq!(
        messages.get(2).copied(),
        Some("the new deadline of the update on \"app\": unrecognised word \"Marchh\"")
    );
    // The refused phrases keep the engine's phrase and byte span.
    assert_eq!(
        problems.first().map(|p| (p.phrase.as_deref(), p.span)),
        Some((Some("by Été 2026"), Some((3, 8))))
    );
    assert_eq!(
        problems.get(2).map(|p| (p.phrase.as_deref(), p.span)),
        Some((Some("by Marchh 2027"), Some((3, 9))))
    );

    // The evaluator judges the rest, and marks the two nodes unreadable with the same
    // codes at the same places.
    let e = Evaluator::new(roadmap, Rules::default())?;
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 1).ok_or("date")?;
    let kiosk = e.status_of("kiosk", as_of).ok_or("kiosk")?;
    let app = e.status_of("app", as_of).ok_or("app")?;
    let portal = e.status_of("portal", as_of).ok_or("portal")?;
    assert_eq!(
        (kiosk.status, app.status, portal.status),
        (
            DerivedStatus::Unreadable,
            DerivedStatus::Unreadable,
            DerivedStatus::OnTrack
        )
    );
    let located = |s: &roadmap_tracker::status::CommitmentStatus| {
        s.error().map(|e| (e.code(), e.location().to_string()))
    };
    assert_eq!(
        located(&kiosk),
        Some((
            ErrorCode::UnrecognisedWord,
            "nodes[2].deadline.phrase".to_owned()
        ))
    );
    // The node's first problem: its label (the update is read before its new deadline).
    assert_eq!(
        located(&app),
        Some((ErrorCode::UnknownLabel, "updates[0].status".to_owned()))
    );
    Ok(())
}

#[test]
fn what_cannot_be_read_still_saves_and_loads() -> Result<()> {
    let roadmap = Roadmap::from_json_str(JSON)?;
    // The writers refuse only what their loaders would refuse.
    let tables = roadmap.to_csv_tables()?;
    assert_eq!(Roadmap::from_csv_tables(&tables)?, roadmap);
    let flat = roadmap.to_flat_csv()?;
    assert!(flat.contains("sort of done"));
    assert_eq!(Roadmap::from_json_str(&roadmap.to_json()?)?, roadmap);
    // The bundled roadmap reads throughout.
    assert!(Roadmap::uk_digital_2026().validate().is_ok());
    Ok(())
}
