//! Vocabularies, rules options and the evaluator's refusals.

use std::error::Error as StdError;

use chrono::NaiveDate;
use roadmap_tracker::score::{Thresholds, Weights};
use roadmap_tracker::status::{
    DerivedStatus, Evaluator, ReportedState, Rules, Vocabularies, Vocabulary,
};
use roadmap_tracker::{Error, ErrorCode, ErrorKind, Extra, Node, NodeKind, Roadmap, StatusUpdate};

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

fn date(s: &str) -> Result<NaiveDate> {
    Ok(NaiveDate::parse_from_str(s, "%Y-%m-%d")?)
}

fn err<T: std::fmt::Debug>(r: std::result::Result<T, Error>) -> Result<Error> {
    match r {
        Ok(v) => Err(format!("expected an error, got {v:?}").into()),
        Err(e) => Ok(e),
    }
}

#[test]
fn the_library_maps_every_label_the_bundled_data_uses() -> Result<()> {
    let v = Vocabularies::default();
    use ReportedState::*;
    for (label, state) in [
        ("planned", Planned),
        ("scheduled", Planned),
        ("in progress", InProgress),
        ("underway", InProgress),
        ("ongoing", InProgress),
        ("in development", InProgress),
        ("progressing", InProgress),
        ("piloting", InProgress),
        ("delivered", Delivered),
        ("met", Delivered),
        ("launched", Delivered),
        ("completed", Delivered),
        ("published", Delivered),
        ("delivered differently", DeliveredDifferently),
        ("approach changed", Replanned),
        ("new approach", Replanned),
        ("re-planned", Replanned),
        ("in effect", Delivered),
        ("under review", Paused),
        ("paused", Paused),
        ("rescheduled", Replanned),
        ("dropped", Dropped),
        ("unknown", Unknown),
    ] {
        assert_eq!(v.lookup(label)?, state, "{label}");
    }
    for u in &Roadmap::uk_digital_2026().updates {
        v.lookup(&u.status)?;
    }
    Ok(())
}

#[test]
fn matching_ignores_case_spaces_and_dashes() -> Result<()> {
    let canada = Vocabulary::builtin("canada-mandate-tracker")?;
    for label in [
        "Completed – fully met",
        "Completed - fully met",
        "completed—fully met",
        "  COMPLETED   –   FULLY  MET ",
        "Completed-fully met",
    ] {
        assert_eq!(
            canada.get(label),
            Some(ReportedState::Delivered),
            "{label:?}"
        );
    }
    assert_eq!(
        canada.get("Underway – with challenges"),
        Some(ReportedState::Paused)
    );
    assert_eq!(canada.get("Completed fully met"), None); // a dash is not a space
    Ok(())
}

#[test]
fn the_built_in_vocabularies_in_the_rules() -> Result<()> {
    // The readings the status rules give the built-ins' labels are checked against the
    // table in docs/vocabularies.md (tests/tracker_vocabularies.rs); here, how the rules
    // name and use them.
    let v = Vocabularies::from_names(&["roadmap-tracker", "politifact", "rag"])?;
    assert_eq!(
        v.ids().collect::<Vec<_>>(),
        ["roadmap-tracker", "politifact-2017", "rag"]
    );
    use ReportedState::*;
    assert_eq!(v.lookup("Promise Kept")?, Delivered);
    assert_eq!(v.lookup("Not Yet Rated")?, Unknown);
    assert_eq!(v.lookup("amber/green")?, InProgress);
    assert_eq!(v.lookup("AMBER-RED")?, Paused);
    assert_eq!(v.lookup("grey")?, Unknown);
    let e = err(Vocabularies::from_names(&["roadmap-tracker", "gartner"]))?;
    assert_eq!(e.code(), ErrorCode::UnknownValue);
    assert_eq!(e.location().to_string(), "vocabularies[1]");
    Ok(())
}

#[test]
fn an_unknown_label_is_an_error_listing_the_known_ones() -> Result<()> {
    let v = Vocabularies::default().with(Vocabulary::builtin("rag")?.clone());
    let e = err(v.lookup("Promise Kept"))?;
    assert_eq!(e.code(), ErrorCode::UnknownLabel);
    assert_eq!(e.kind(), ErrorKind::Vocabulary);
    let text = e.to_string();
    assert!(text.contains("\"Promise Kept\""));
    assert!(text.contains("roadmap-tracker: \"planned\""));
    assert!(text.contains("rag: \"Green\""));
    let none = err(Vocabularies::empty().lookup("planned"))?;
    assert!(none.to_string().contains("no vocabulary"));
    Ok(())
}

#[test]
fn vocabularies_from_csv() -> Result<()> {
    let v = Vocabulary::from_csv(
        "ours",
        "state,label,note\ndelivered,Shipped,x\npaused,\"On ice\",\n",
    )?;
    assert_eq!(v.get("on ice"), Some(ReportedState::Paused));
    assert_eq!(v.labels().len(), 2);

    let cases: &[(&str, ErrorCode, Option<u64>, Option<&str>)] = &[
        (
            "label\nShipped\n",
            ErrorCode::MissingField,
            Some(1),
            Some("state"),
        ),
        (
            "state\ndelivered\n",
            ErrorCode::MissingField,
            Some(1),
            Some("label"),
        ),
        (
            "label,state\nShipped,delivered\nParked\n",
            ErrorCode::RaggedRow,
            Some(3),
            None,
        ),
        (
            "label,state\nShipped,shipped\n",
            ErrorCode::UnknownValue,
            Some(2),
            Some("state"),
        ),
        (
            "label,state\n  ,delivered\n",
            ErrorCode::BlankField,
            Some(2),
            Some("label"),
        ),
        (
            "label,state\nDone,delivered\nDONE ,dropped\n",
            ErrorCode::DuplicateLabel,
            Some(3),
            Some("label"),
        ),
    ];
    for &(text, code, line, field) in cases {
        let e = err(Vocabulary::from_csv("ours", text))?;
        assert_eq!(e.code(), code, "{text:?}: {e}");
        assert_eq!(e.location().line, line, "{text:?}");
        assert_eq!(e.location().field.as_deref(), field, "{text:?}");
    }
    Ok(())
}

#[test]
fn vocabularies_from_json() -> Result<()> {
    let v = Vocabulary::from_json("ours", r#"{"Shipped": "delivered", "On ice": "paused"}"#)?;
    assert_eq!(v.get("SHIPPED"), Some(ReportedState::Delivered));
    assert_eq!(v.id(), "ours");

    let cases: &[(&str, ErrorCode, Option<&str>)] = &[
        (r#"{"Shipped": "delivered""#, ErrorCode::Truncated, None),
        (r#"{"Shipped" "delivered"}"#, ErrorCode::JsonSyntax, None),
        (r#"["delivered"]"#, ErrorCode::WrongType, None),
        (
            r#"{"Shipped": 3}"#,
            ErrorCode::WrongType,
            Some("[\"Shipped\"]"),
        ),
        (
            r#"{"Shipped": "shipped"}"#,
            ErrorCode::UnknownValue,
            Some("[\"Shipped\"]"),
        ),
        (
            r#"{"Done": "delivered", "Done": "dropped"}"#,
            ErrorCode::DuplicateLabel,
            Some("[\"Done\"]"),
        ),
        (
            r#"{"Done": "delivered", "done ": "dropped"}"#,
            ErrorCode::DuplicateLabel,
            Some("[\"done \"]"),
        ),
        (
            r#"{" ": "delivered"}"#,
            ErrorCode::BlankField,
            Some("[\" \"]"),
        ),
    ];
    for &(text, code, path) in cases {
        let e = err(Vocabulary::from_json("ours", text))?;
        assert_eq!(e.code(), code, "{text}: {e}");
        assert_eq!(e.location().path.as_deref(), path, "{text}");
    }
    let syntax = err(Vocabulary::from_json(
        "ours",
        "{\n  \"a\": \"planned\",\n  oops\n}",
    ))?;
    assert_eq!(syntax.location().line, Some(3));
    Ok(())
}

#[test]
fn rules_round_trip_through_json() -> Result<()> {
    let custom = Vocabulary::from_json("ours", r#"{"Shipped": "delivered"}"#)?;
    let rules = Rules {
        grace_days: 7,
        staleness_days: None,
        vocabularies: Vocabularies::default()
            .with(Vocabulary::builtin("politifact")?.clone())
            .with(custom),
        weights: Weights::default().with(DerivedStatus::NoEvidence, Some(0.0)),
        thresholds: Thresholds {
            green: 0.9,
            amber: 0.6,
        },
        ..Rules::default()
    };
    let json = serde_json::to_string(&rules)?;
    // A short name is written back as the version it stood for.
    assert!(json.contains(r#""vocabularies":["roadmap-tracker","rag","politifact-2017",{"name":"ours","labels":{"Shipped":"delivered"}}]"#), "{json}");
    let back = Rules::from_json(&json)?;
    assert_eq!(back.grace_days, 7);
    assert_eq!(back.staleness_days, None);
    assert_eq!(back.vocabularies, rules.vocabularies);
    assert_eq!(back.weights, rules.weights);
    assert_eq!(back.thresholds, rules.thresholds);

    let defaults = Rules::from_json("{}")?;
    assert_eq!(defaults.staleness_days, Some(180));
    assert_eq!(defaults.vocabularies, Vocabularies::default());
    for bad in [
        r#"{"vocabularies": ["nope"]}"#,
        r#"{"weights": {"met": 2.0}}"#,
        r#"{"weights": {"finished": 1.0}}"#,
        r#"{"thresholds": {"green": 0.3, "amber": 0.6}}"#,
        r#"{"from_met": "soon"}"#,
        r#"{"grace_days": -1}"#,
    ] {
        let e = err(Rules::from_json(bad))?;
        assert_eq!(e.code(), ErrorCode::InvalidArgument, "{bad}");
    }
    Ok(())
}

fn small_roadmap() -> Result<Roadmap> {
    let mut r = Roadmap::new("small", "Small", "Us", date("2026-01-01")?);
    r.nodes.push(Node::new("s", NodeKind::Section, "S"));
    r.nodes
        .push(Node::new("a", NodeKind::Area, "A").with_parent("s"));
    r.nodes.push(
        Node::new("c", NodeKind::Commitment, "C")
            .with_parent("a")
            .with_deadline("in March", date("2026-01-19")?),
    );
    r.updates.push(StatusUpdate {
        node: "c".into(),
        date: date("2026-02-01")?.into(),
        status: "underway".into(),
        source: String::new(),
        note: String::new(),
        delivered_on: None,
        new_deadline: None,
        extra: Extra::new(),
    });
    Ok(r)
}

#[test]
fn the_evaluator_refuses_what_it_cannot_judge() -> Result<()> {
    // A label no vocabulary knows: the node is unreadable, with the error at the update,
    // never "unknown"; the evaluator is still built.
    let mut r = small_roadmap()?;
    if let Some(u) = r.updates.first_mut() {
        u.status = "shipped".into();
    }
    let s = Evaluator::new(r.clone(), Rules::default())?
        .status_of("c", date("2026-03-10")?)
        .ok_or("tracked")?;
    assert_eq!(
        (s.status, s.rule),
        (DerivedStatus::Unreadable, "unreadable")
    );
    let e = s.error().ok_or("an error")?;
    assert_eq!(e.code(), ErrorCode::UnknownLabel);
    assert_eq!(e.location().to_string(), "updates[0].status");
    assert!(e.message().contains("\"c\""), "{}", e.message());
    // The same label is fine once a vocabulary knows it.
    let ours = Vocabulary::from_csv("ours", "label,state\nshipped,delivered\n")?;
    let rules = Rules {
        vocabularies: Vocabularies::default().with(ours),
        ..Rules::default()
    };
    let s = Evaluator::new(r.clone(), rules)?
        .status_of("c", date("2026-03-10")?)
        .ok_or("tracked")?;
    assert_eq!(s.status, DerivedStatus::MetEarly);

    // A deadline the engine refuses: the node is unreadable, with the phrase and where it
    // is.
    let mut r = small_roadmap()?;
    if let Some(n) = r.nodes.get_mut(2) {
        n.deadline = Some(Box::new(roadmap_tracker::DeadlineText {
            phrase: "31 February 2026".into(),
            written_on: date("2026-01-19")?,
            source: None,
        }));
    }
    let s = Evaluator::new(r.clone(), Rules::default())?
        .status_of("c", date("2026-03-10")?)
        .ok_or("tracked")?;
    assert_eq!(s.status, DerivedStatus::Unreadable);
    let e = s.error().ok_or("an error")?;
    assert_eq!(e.code(), ErrorCode::ImpossibleDate);
    assert_eq!(e.kind(), roadmap_tracker::ErrorKind::Deadline);
    assert_eq!(e.location().to_string(), "nodes[2].deadline.phrase");
    assert!(matches!(e, Error::Deadline(_)));
    assert_eq!(e.phrase(), Some("31 February 2026"));

    // A tree that cannot be rolled up.
    let mut r = small_roadmap()?;
    if let Some(n) = r.nodes.get_mut(2) {
        n.parent = Some("nowhere".into());
    }
    let e = err(Evaluator::new(r.clone(), Rules::default()).map(|_| ()))?;
    assert_eq!(e.code(), ErrorCode::UnknownParent);
    assert_eq!(e.location().to_string(), "nodes[2].parent");

    let mut r = small_roadmap()?;
    if let Some(n) = r.nodes.get_mut(2) {
        n.parent = Some("s".into()); // a commitment directly under a section
    }
    let e = err(Evaluator::new(r.clone(), Rules::default()).map(|_| ()))?;
    assert_eq!(e.code(), ErrorCode::WrongParentKind);

    let mut r = small_roadmap()?;
    if let Some(u) = r.updates.first_mut() {
        u.node = "a".into();
    }
    let e = err(Evaluator::new(r.clone(), Rules::default()).map(|_| ()))?;
    assert_eq!(e.code(), ErrorCode::NotTrackable);

    let mut r = small_roadmap()?;
    if let Some(n) = r.nodes.get_mut(1) {
        n.weight = f64::NAN;
    }
    let e = err(Evaluator::new(r.clone(), Rules::default()).map(|_| ()))?;
    assert_eq!(e.code(), ErrorCode::InvalidWeight);

    // Out-of-range rules.
    let r = small_roadmap()?;
    let rules = Rules {
        weights: Weights::default().with(DerivedStatus::OverdueUnconfirmed, Some(-0.5)),
        ..Rules::default()
    };
    let e = err(Evaluator::new(r.clone(), rules).map(|_| ()))?;
    assert_eq!(e.code(), ErrorCode::InvalidArgument);
    assert_eq!(e.location().to_string(), "weights.overdue_unconfirmed");
    Ok(())
}

#[test]
fn statuses_serialize_with_their_snake_case_names() -> Result<()> {
    let r = small_roadmap()?;
    let evaluator = Evaluator::new(r.clone(), Rules::default())?;
    let e = evaluator.evaluate(date("2026-03-10")?);
    let json = serde_json::to_value(&e)?;
    let c = json.pointer("/commitments/0").ok_or("a commitment")?;
    assert_eq!(c.get("status"), Some(&serde_json::json!("due_now")));
    assert_eq!(c.get("rag"), Some(&serde_json::json!("amber")));
    assert_eq!(c.get("reported"), Some(&serde_json::json!("in_progress")));
    assert_eq!(c.get("deadline_state"), Some(&serde_json::json!("due_now")));
    assert_eq!(c.get("update_date"), Some(&serde_json::json!("2026-02-01")));
    assert_eq!(c.get("rule"), Some(&serde_json::json!("due-now")));
    let counts = json.pointer("/scores/0/counts").ok_or("counts")?;
    assert_eq!(
        counts.as_object().map(|o| o.len()),
        Some(DerivedStatus::ALL.len())
    );
    assert_eq!(counts.get("due_now"), Some(&serde_json::json!(1)));
    assert_eq!(
        json.pointer("/scores/0/kind"),
        Some(&serde_json::json!("roadmap"))
    );
    assert_eq!(
        json.pointer("/scores/0/node"),
        Some(&serde_json::Value::Null)
    );
    for s in DerivedStatus::ALL {
        assert_eq!(serde_json::to_value(s)?, serde_json::json!(s.as_str()));
        assert_eq!(s.as_str().parse::<DerivedStatus>()?, s);
    }
    for s in ReportedState::ALL {
        assert_eq!(serde_json::to_value(s)?, serde_json::json!(s.as_str()));
        assert_eq!(s.as_str().parse::<ReportedState>()?, s);
    }
    Ok(())
}
