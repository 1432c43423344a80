//! The JSON forms of the types whose serde impls are written by hand (to keep the
//! WebAssembly module small): what each reads and writes, worked out from the documented
//! forms, and the same messages for what it refuses.

use roadmap_tracker::score::Weights;
use roadmap_tracker::status::DerivedStatus;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn message<T: std::fmt::Debug>(r: serde_json::Result<T>) -> String {
    match r {
        Ok(v) => format!("read {v:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn weights_read_over_the_defaults_and_the_last_of_a_repeated_status_wins() -> Result<()> {
    assert_eq!(serde_json::from_str::<Weights>("{}")?, Weights::default());
    let w: Weights = serde_json::from_str(
        r#"{"met_on_time": 0.5, "delayed": null, "no_evidence": 0, "met_on_time": 0.7}"#,
    )?;
    assert_eq!(w.get(DerivedStatus::MetOnTime), Some(0.7));
    assert_eq!(w.get(DerivedStatus::Delayed), None);
    assert_eq!(w.get(DerivedStatus::NoEvidence), Some(0.0));
    // The rest keep their defaults (docs/status-rules.md).
    assert_eq!(w.get(DerivedStatus::MetLate), Some(0.75));
    assert_eq!(w.get(DerivedStatus::Behind), Some(0.5));
    assert_eq!(w.get(DerivedStatus::NotStarted), None);

    let unknown = message(serde_json::from_str::<Weights>(r#"{"finished": 1}"#));
    assert!(
        unknown.starts_with("unknown variant `finished`, expected one of `met_on_time`, "),
        "{unknown}"
    );
    assert_eq!(
        message(serde_json::from_str::<Weights>("[1]")),
        "invalid type: sequence, expected a map at line 1 column 0"
    );
    assert_eq!(
        message(serde_json::from_str::<Weights>(r#"{"met": "x"}"#)),
        "invalid type: string \"x\", expected f64 at line 1 column 11"
    );
    assert_eq!(
        message(serde_json::from_str::<Weights>(r#"{"met": 1"#)),
        "EOF while parsing an object at line 1 column 9"
    );
    Ok(())
}
