//! Metrics: progress, trajectories, ratings and the values refused.

use std::error::Error as StdError;

use chrono::NaiveDate;
use roadmap_tracker::deadline::Conventions;
use roadmap_tracker::metric::{self, MetricEvaluation};
use roadmap_tracker::status::{Evaluator, Rag, Rules};
use roadmap_tracker::target::{Target, TargetStatus, Trend};
use roadmap_tracker::{
    DeadlineText, Direction, Error, ErrorCode, Extra, Metric, MetricPoint, MetricTarget, Node,
    NodeKind, Observation, Roadmap,
};

/// The roadmap as the seed article alone described it (the bundled data before it was
/// rebuilt from the roadmap's own pages): a fixed dataset, so the expectations below test
/// the rules, not the current bundled data.
fn article_roadmap() -> Roadmap {
    Roadmap::from_json_str(include_str!(
        "../../tests/fixtures/uk-digital-2026-article.json"
    ))
    .unwrap_or_else(|e| unreachable!("the article fixture loads: {e}"))
}

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

fn date(s: &str) -> Result<NaiveDate> {
    Ok(NaiveDate::parse_from_str(s, "%Y-%m-%d")?)
}

fn obs(d: &str, value: f64) -> Result<Observation> {
    Ok(Observation {
        date: date(d)?,
        value,
        source: "survey".into(),
        note: String::new(),
        extra: Extra::new(),
    })
}

/// Baseline on 2026-01-01, target "by December 2026" (2026-12-31, 364 days later).
fn metric(baseline: f64, target: f64, direction: Direction) -> Result<Metric> {
    let mut m =
        Metric::new("m", "a", "A measure", "%").with_baseline(baseline, date("2026-01-01")?);
    m.direction = direction;
    m.target = Some(MetricTarget {
        target: Target::trajectory(target),
        deadline: DeadlineText {
            phrase: "by December 2026".into(),
            written_on: date("2026-01-01")?,
            source: None,
        },
    });
    Ok(m)
}

fn eval(m: &Metric, as_of: &str) -> Result<MetricEvaluation> {
    Ok(metric::evaluate(m, date(as_of)?, &Conventions::default())?)
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn a_straight_line_higher_is_better() -> Result<()> {
    let mut m = metric(60.0, 80.0, Direction::HigherIsBetter)?;
    m.observations.push(obs("2026-07-01", 72.0)?);
    m.observations.push(obs("2026-10-01", 90.0)?); // after the as-of date below: invisible
    let e = eval(&m, "2026-08-01")?;
    assert_eq!(
        e.target,
        MetricPoint {
            date: date("2026-12-31")?,
            value: 80.0
        }
    );
    assert_eq!(e.latest.as_ref().map(|o| o.index), Some(0));
    assert!(close(e.progress, 0.6)); // 12 of 20
                                     // 2026-07-01 is 181 of the 364 days: the plan is 60 + 20 × 181/364.
    assert!(close(e.planned, 60.0 + 20.0 * 181.0 / 364.0));
    assert!(close(e.planned_progress, 181.0 / 364.0));
    assert!(close(Some(e.planned_as_of), 60.0 + 20.0 * 212.0 / 364.0));
    assert_eq!((e.on_trajectory, e.rag), (Some(true), Rag::Green));
    assert!(e.reason.contains("on trajectory"));

    // Beyond the target: progress is clamped to 1, the raw value kept.
    let e = eval(&m, "2026-10-02")?;
    assert_eq!(e.progress, Some(1.0));
    assert!(close(e.progress_raw, 1.5));
    Ok(())
}

#[test]
fn lower_is_better_and_the_amber_margin() -> Result<()> {
    let mut m = metric(100.0, 50.0, Direction::LowerIsBetter)?;
    m.observations.push(obs("2026-07-01", 80.0)?);
    let e = eval(&m, "2026-07-01")?;
    // Fell 20 of the 50: 0.4; the plan is 181/364 ≈ 0.497: behind by less than 0.1.
    assert!(close(e.progress, 0.4));
    assert_eq!((e.on_trajectory, e.rag), (Some(false), Rag::Amber));
    m.observations.push(obs("2026-07-01", 90.0)?); // same day, stored later: wins
    let e = eval(&m, "2026-07-01")?;
    assert!(close(e.progress, 0.2));
    assert_eq!(e.rag, Rag::Red);
    m.observations.push(obs("2026-08-01", 120.0)?); // worse than the baseline
    let e = eval(&m, "2026-08-01")?;
    assert_eq!(e.progress, Some(0.0));
    assert!(close(e.progress_raw, -0.4));
    assert_eq!(e.rag, Rag::Red);
    Ok(())
}

#[test]
fn a_custom_trajectory() -> Result<()> {
    let mut m = metric(60.0, 80.0, Direction::HigherIsBetter)?;
    // Slow, then faster: 61 by April, 70 by September.
    m.trajectory = vec![
        MetricPoint {
            date: date("2026-04-01")?,
            value: 61.0,
        },
        MetricPoint {
            date: date("2026-09-01")?,
            value: 70.0,
        },
    ];
    m.observations.push(obs("2026-06-01", 64.0)?);
    let e = eval(&m, "2026-06-01")?;
    // 2026-06-01 is 61 of the 153 days from April to September: 61 + 9 × 61/153.
    let planned = 61.0 + 9.0 * 61.0 / 153.0;
    assert!(close(e.planned, planned));
    assert!(close(e.planned_progress, (planned - 60.0) / 20.0));
    assert_eq!((e.on_trajectory, e.rag), (Some(false), Rag::Amber));
    // Before the first point the line runs from the baseline.
    let e = eval(&m, "2026-02-01")?;
    assert!(close(Some(e.planned_as_of), 60.0 + 31.0 / 90.0));
    assert_eq!((e.latest, e.rag), (None, Rag::Grey));
    // After the target date the plan is the target.
    assert!(close(Some(eval(&m, "2027-06-01")?.planned_as_of), 80.0));
    Ok(())
}

fn refused(m: &Metric) -> Result<Error> {
    match metric::evaluate_at(m, 2, date("2026-12-01")?, &Conventions::default()) {
        Ok(e) => Err(format!("expected an error, got {e:?}").into()),
        Err(e) => Ok(e),
    }
}

#[test]
fn impossible_metrics_are_errors_never_nan() -> Result<()> {
    let base = metric(60.0, 80.0, Direction::HigherIsBetter)?;
    let mut cases: Vec<(Metric, &str)> = Vec::new();

    let mut m = base.clone();
    m.baseline = None;
    cases.push((m, "metrics[2].baseline"));
    let mut m = base.clone();
    m.target = None;
    cases.push((m, "metrics[2].target"));
    cases.push((
        metric(60.0, 60.0, Direction::HigherIsBetter)?,
        "metrics[2].target.value",
    ));
    cases.push((
        metric(60.0, 50.0, Direction::HigherIsBetter)?,
        "metrics[2].target.value",
    ));
    cases.push((
        metric(60.0, 70.0, Direction::LowerIsBetter)?,
        "metrics[2].target.value",
    ));
    cases.push((
        metric(f64::NAN, 70.0, Direction::HigherIsBetter)?,
        "metrics[2].baseline.value",
    ));
    cases.push((
        metric(60.0, f64::INFINITY, Direction::HigherIsBetter)?,
        "metrics[2].target.value",
    ));
    let mut m = base.clone();
    m.observations.push(obs("2025-12-31", 61.0)?);
    cases.push((m, "metrics[2].observations[0].date"));
    let mut m = base.clone();
    m.observations.push(obs("2026-03-01", f64::NAN)?);
    cases.push((m, "metrics[2].observations[0].value"));
    for phrase in ["from April this year", "in due course"] {
        let mut m = base.clone();
        if let Some(t) = m.target.as_mut() {
            t.deadline.phrase = phrase.into();
        }
        cases.push((m, "metrics[2].target.deadline.phrase"));
    }
    let mut m = base.clone();
    if let Some(b) = m.baseline.as_mut() {
        b.date = date("2027-01-01")?; // after the target date
    }
    cases.push((m, "metrics[2].target.deadline.phrase"));
    let mut m = base.clone();
    m.trajectory = vec![
        MetricPoint {
            date: date("2026-06-01")?,
            value: 65.0,
        },
        MetricPoint {
            date: date("2026-05-01")?,
            value: 70.0,
        },
    ];
    cases.push((m, "metrics[2].trajectory[1].date"));
    let mut m = base.clone();
    m.trajectory = vec![MetricPoint {
        date: date("2027-02-01")?,
        value: 70.0,
    }];
    cases.push((m, "metrics[2].trajectory[0].date"));

    for (m, at) in &cases {
        let e = refused(m)?;
        assert_eq!(e.code(), ErrorCode::InvalidMetric, "{at}: {e}");
        assert_eq!(e.location().to_string(), *at, "{e}");
    }

    // A phrase the engine refuses is a deadline error at the target's phrase.
    let mut m = base.clone();
    if let Some(t) = m.target.as_mut() {
        t.deadline.phrase = "31 February 2026".into();
    }
    let e = refused(&m)?;
    assert_eq!(e.code(), ErrorCode::ImpossibleDate);
    assert_eq!(e.phrase(), Some("31 February 2026"));
    assert_eq!(
        e.location().to_string(),
        "metrics[2].target.deadline.phrase"
    );
    Ok(())
}

#[test]
fn an_evaluation_reports_a_bad_metric_without_failing() -> Result<()> {
    let mut r = Roadmap::new("m", "Metrics", "Us", date("2026-01-01")?);
    r.nodes.push(Node::new("s", NodeKind::Section, "S"));
    r.nodes
        .push(Node::new("a", NodeKind::Area, "A").with_parent("s"));
    let mut good = metric(60.0, 80.0, Direction::HigherIsBetter)?;
    good.observations.push(obs("2026-03-01", 70.0)?);
    let mut bad = metric(60.0, 60.0, Direction::HigherIsBetter)?;
    bad.id = "flat".into();
    r.metrics = vec![good, bad];
    let e = Evaluator::new(r.clone(), Rules::default())?.evaluate(date("2026-06-01")?);
    assert_eq!(e.metrics.len(), 2);
    let good = e.metric("m").ok_or("m")?;
    assert_eq!(good.evaluation.as_ref().map(|m| m.rag), Some(Rag::Green));
    assert!(good.error.is_none());
    let bad = e.metric("flat").ok_or("flat")?;
    assert!(bad.evaluation.is_none());
    let failure = bad.error.as_ref().ok_or("an error")?;
    assert_eq!(failure.code, roadmap_tracker::ErrorCode::InvalidMetric);
    assert_eq!(failure.location.to_string(), "metrics[1].target.value");
    assert!(failure.message.contains("equals the baseline"));
    let json = serde_json::to_value(&e)?;
    // Serialised like every problem: the location is an object.
    assert_eq!(
        json.pointer("/metrics/1/error"),
        Some(&serde_json::json!({
            "code": "invalid_metric",
            "kind": "metric",
            "message": failure.message,
            "location": {"file": null, "line": null, "column": null, "path": "metrics[1].target", "field": "value"},
        }))
    );
    Ok(())
}

#[test]
fn a_fixed_target_is_judged_and_rated_against_the_target() -> Result<()> {
    let mut m = metric(60.0, 80.0, Direction::HigherIsBetter)?;
    if let Some(t) = m.target.as_mut() {
        t.target = Target::at_least(80.0);
    }
    m.observations.push(obs("2026-06-30", 70.0)?);
    m.observations.push(obs("2026-12-31", 76.0)?);
    // Before the target date: future, rated by the latest value (4 short of 80: amber).
    let e = eval(&m, "2026-12-31")?;
    assert_eq!(e.status, Some(TargetStatus::Future));
    assert_eq!(e.rag, Rag::Amber);
    assert!(close(e.progress, 0.8));
    assert_eq!(e.trend, Some(Trend::Improving));
    // After it: judged on the December value.
    let e = eval(&m, "2027-01-01")?;
    assert_eq!(e.status, Some(TargetStatus::NotMet));
    assert_eq!(e.judged.as_ref().map(|j| j.value), Some(76.0));
    assert_eq!(
        e.reason,
        "76 % on 2026-12-31 does not meet the target (at least 80) due by 2026-12-31"
    );
    let json = serde_json::to_value(&e)?;
    assert_eq!(
        json.pointer("/rule"),
        Some(&serde_json::json!({"type": "minimum", "value": 80.0, "exclusive": false}))
    );
    // A range above the baseline's side: lower is better would contradict nothing, but a
    // maximum with the default direction does.
    if let Some(t) = m.target.as_mut() {
        t.target = Target::at_most(50.0);
    }
    let e = refused(&m)?;
    assert_eq!(e.location().to_string(), "metrics[2].direction");
    Ok(())
}

#[test]
fn today_s_metric_json_is_unchanged_and_new_types_load() -> Result<()> {
    let old = r#"{"id":"m","node":"a","title":"A","target":{"value":80.0,"deadline":{"phrase":"by March 2027","written_on":"2026-01-19"}}}"#;
    let m: Metric = serde_json::from_str(old)?;
    assert_eq!(
        m.target.as_ref().map(|t| t.target),
        Some(Target::trajectory(80.0))
    );
    let target_json = |text: &str| -> Result<String> {
        let v: serde_json::Value = serde_json::from_str(text)?;
        Ok(v.get("target").ok_or("target")?.to_string())
    };
    assert_eq!(target_json(&serde_json::to_string(&m)?)?, target_json(old)?);
    // A trajectory evaluation has no status, judged or trend keys.
    let mut t = metric(60.0, 80.0, Direction::HigherIsBetter)?;
    t.observations.push(obs("2026-07-01", 72.0)?);
    let json = serde_json::to_value(eval(&t, "2026-08-01")?)?;
    for key in ["status", "judged", "trend", "rule"] {
        assert!(json.get(key).is_none(), "{key}");
    }
    let range = r#"{"id":"m","node":"a","title":"A","target":{"type":"range","low":40.0,"high":60.0,"deadline":{"phrase":"by March 2027","written_on":"2026-01-19"}}}"#;
    let m: Metric = serde_json::from_str(range)?;
    assert_eq!(
        m.target.as_ref().map(|t| t.target),
        Some(Target::range(40.0, 60.0))
    );
    assert_eq!(
        target_json(&serde_json::to_string(&m)?)?,
        target_json(range)?
    );
    let bad = r#"{"id":"m","node":"a","title":"A","target":{"type":"range","value":3,"deadline":{"phrase":"x","written_on":"2026-01-19"}}}"#;
    let err = serde_json::from_str::<Metric>(bad).map(|_| ()).unwrap_err();
    assert!(
        err.to_string().contains("does not apply to a range target"),
        "{err}"
    );
    Ok(())
}

#[test]
fn every_target_type_survives_the_csv_tables() -> Result<()> {
    let mut r = Roadmap::new("m", "Metrics", "Us", date("2026-01-01")?);
    r.nodes.push(Node::new("s", NodeKind::Section, "S"));
    r.nodes
        .push(Node::new("a", NodeKind::Area, "A").with_parent("s"));
    let targets = [
        Target::trajectory(80.0),
        Target::exact(50.0).with_tolerance(2.0),
        Target::exact(-3.0),
        Target::at_least(80.0),
        Target::above(79.0),
        Target::at_most(18.0),
        Target::below(5.0),
        Target::range(-40.0, 60.0),
    ];
    for (i, t) in targets.iter().enumerate() {
        let mut m = metric(60.0, 80.0, Direction::HigherIsBetter)?;
        m.id = format!("m{i}");
        if let Some(mt) = m.target.as_mut() {
            mt.target = *t;
        }
        r.metrics.push(m);
    }
    let tables = r.to_csv_tables()?;
    assert!(
        tables.metrics.contains(",at least 80,"),
        "{}",
        tables.metrics
    );
    assert!(tables.metrics.contains(",80,by December 2026,"));
    let back = Roadmap::from_csv_tables(&tables)?;
    let got: Vec<Target> = back
        .metrics
        .iter()
        .filter_map(|m| m.target.as_ref().map(|t| t.target))
        .collect();
    assert_eq!(got, targets);
    // A target in words the reader does not know is refused at its cell.
    let mut bad = tables.clone();
    bad.metrics = bad.metrics.replace("at least 80", "about 80");
    let e = Roadmap::from_csv_tables(&bad).map(|_| ()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnknownValue);
    assert!(e.location().to_string().contains("target_value"), "{e}");
    Ok(())
}

#[test]
fn the_report_shows_the_metrics() -> Result<()> {
    let mut r = Roadmap::new("m", "Metrics", "Us", date("2026-01-01")?);
    r.nodes.push(Node::new("s", NodeKind::Section, "S"));
    r.nodes
        .push(Node::new("a", NodeKind::Area, "A").with_parent("s"));
    let mut good = metric(60.0, 80.0, Direction::HigherIsBetter)?;
    good.observations.push(obs("2026-03-01", 70.0)?);
    let mut bad = metric(60.0, 60.0, Direction::HigherIsBetter)?;
    bad.id = "flat".into();
    r.metrics = vec![good, bad];
    let report = Evaluator::new(r, Rules::default())?.report(date("2026-06-01")?, None);
    assert_eq!(report.metrics.len(), 2);
    let text = report.to_text();
    assert!(
        text.contains(
            "\nMetrics:\n  - m (a): green, 70 % on 2026-03-01 (survey) is 50% of the way"
        ),
        "{text}"
    );
    assert!(
        text.contains("  - flat (a): not scored, invalid_metric at metrics[1].target.value: "),
        "{text}"
    );
    let md = report.to_markdown();
    assert!(md.contains("## Metrics\n\n| Metric | Node | Progress | RAG | Reason |\n|---|---|---|---|---|\n| m | `a` | 50% | green | "), "{md}");
    let json = serde_json::to_value(&report)?;
    assert_eq!(
        json.pointer("/metrics/0/evaluation/rag"),
        Some(&serde_json::json!("green"))
    );
    // A roadmap without metrics reports none: its report is as before.
    let plain =
        Evaluator::new(article_roadmap(), Rules::default())?.report(date("2026-06-01")?, None);
    assert!(!plain.to_text().contains("Metrics:"));
    assert!(serde_json::to_value(&plain)?.get("metrics").is_none());
    Ok(())
}
