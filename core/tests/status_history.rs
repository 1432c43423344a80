//! History and changes agree with evaluating each date on its own, on generated roadmaps
//! with every kind of deadline, report and rule option.

use std::error::Error as StdError;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use roadmap_tracker::status::{Evaluator, Rules, Step};
use roadmap_tracker::{Extra, Node, NodeKind, Roadmap, StatusUpdate};

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

const PHRASES: &[&str] = &[
    "in March",
    "in April",
    "summer 2026",
    "this summer",
    "by March 2028",
    "by October 2028",
    "from April this year",
    "from May onwards",
    "towards the end of 2026",
    "around the end of 2026",
    "later this year",
    "in 2026",
    "throughout 2026",
    "in March of this year",
    "in due course",
    "shortly",
];

const LABELS: &[&str] = &[
    "planned",
    "scheduled",
    "in progress",
    "ongoing",
    "piloting",
    "delivered",
    "launched",
    "published",
    "approach changed",
    "under review",
    "paused",
    "dropped",
    "unknown",
];

fn day(offset: u64) -> NaiveDate {
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    start.checked_add_days(Days::new(offset)).unwrap_or(start)
}

#[derive(Clone, Debug)]
struct Spec {
    deadline: Option<(usize, bool)>,
    updates: Vec<(u64, usize, Option<i64>)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::option::of((0..PHRASES.len(), any::<bool>())),
        prop::collection::vec(
            (0u64..900, 0..LABELS.len(), prop::option::of(-60i64..30)),
            0..5,
        ),
    )
        .prop_map(|(deadline, updates)| Spec { deadline, updates })
}

fn build(specs: &[Spec]) -> Roadmap {
    let mut r = Roadmap::new("gen", "Generated", "Us", day(0));
    r.nodes.push(Node::new("s", NodeKind::Section, "S"));
    r.nodes
        .push(Node::new("a", NodeKind::Area, "A").with_parent("s"));
    r.nodes
        .push(Node::new("b", NodeKind::Area, "B").with_parent("s"));
    for (i, spec) in specs.iter().enumerate() {
        let id = format!("c{i}");
        let area = if i % 2 == 0 { "a" } else { "b" };
        let mut node = Node::new(id.clone(), NodeKind::Commitment, "C").with_parent(area);
        node.weight = (i % 3) as f64;
        if let Some((p, late)) = spec.deadline {
            let written = if late { day(154) } else { day(18) };
            node = node.with_deadline(PHRASES.get(p).copied().unwrap_or("in March"), written);
        }
        r.nodes.push(node);
        for &(offset, label, delivered) in &spec.updates {
            let date = day(offset);
            let delivered_on =
                delivered.and_then(|d| date.checked_add_signed(chrono::TimeDelta::try_days(d)?));
            r.updates.push(StatusUpdate {
                node: id.clone(),
                date: date.into(),
                status: LABELS.get(label).copied().unwrap_or("planned").to_owned(),
                source: String::new(),
                note: String::new(),
                delivered_on: delivered_on.map(Into::into),
                new_deadline: None,
                extra: Extra::new(),
            });
        }
    }
    r
}

fn rules() -> impl Strategy<Value = Rules> {
    (0u32..20, prop::option::of(0u32..200), 0u32..60).prop_map(
        |(grace_days, staleness_days, from_grace_days)| Rules {
            grace_days,
            staleness_days,
            from_grace_days,
            ..Rules::default()
        },
    )
}

fn check(specs: &[Spec], rules: Rules) -> Result<()> {
    let roadmap = build(specs);
    let evaluator = Evaluator::new(roadmap.clone(), rules)?;
    let from = day(0);
    let to = day(1000);
    let history = evaluator.history(Some(from), to, Step::Daily)?;
    assert_eq!(history.dates.len(), 1001);
    for (i, &d) in history.dates.iter().enumerate() {
        let e = evaluator.evaluate(d);
        for (t, c) in history.commitments.iter().zip(&e.commitments) {
            let run = t
                .runs
                .iter()
                .find(|r| r.start <= d && d <= r.end)
                .ok_or("a run per date")?;
            assert_eq!(
                (run.status, run.rag, run.rule, run.due),
                (c.status, c.rag, c.rule, c.due),
                "{} on {d}",
                c.node()
            );
        }
        for (series, s) in history.scores.iter().zip(&e.scores) {
            let p = series.points.get(i).ok_or("a point per date")?;
            assert_eq!(
                (p.score, p.rag, p.counts, p.due, p.met_on_time),
                (s.score, s.rag, s.counts, s.due, s.met_on_time)
            );
        }
    }
    // Coarser steps sample the same statuses.
    for step in [Step::Weekly, Step::Monthly] {
        let coarse = evaluator.history(Some(from), to, step)?;
        for &d in &coarse.dates {
            for (t, daily) in coarse.commitments.iter().zip(&history.commitments) {
                assert_eq!(
                    t.status_at(d),
                    daily.status_at(d),
                    "{} on {d} ({step:?})",
                    t.node
                );
            }
        }
    }
    // Changes agree with the two evaluations they compare.
    let (a, b) = (day(100), day(400));
    let (ea, eb) = (evaluator.evaluate(a), evaluator.evaluate(b));
    let changes = evaluator.changes(a, b);
    for (x, y) in ea.commitments.iter().zip(&eb.commitments) {
        let new_updates = roadmap
            .updates
            .iter()
            .filter(|u| u.node == x.node() && u.date.latest() > a && u.date.latest() <= b)
            .count();
        let listed = changes.iter().find(|c| c.node == x.node());
        let expected = x.status != y.status || x.rag != y.rag || new_updates > 0;
        assert_eq!(listed.is_some(), expected, "{}", x.node());
        if let Some(c) = listed {
            assert_eq!(
                (c.from, c.to, c.updates.len()),
                (x.status, y.status, new_updates)
            );
        }
    }
    Ok(())
}

/// The same run in CI every time; set PROPTEST_RNG_SEED to explore other seeds.
fn config() -> ProptestConfig {
    let mut c = ProptestConfig {
        cases: 48,
        ..ProptestConfig::default()
    };
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = proptest::test_runner::RngSeed::Fixed(0x6869_7374_6f72_7921);
    }
    c
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn history_equals_evaluating_every_day(specs in prop::collection::vec(spec(), 1..6), rules in rules()) {
        let outcome = check(&specs, rules);
        prop_assert!(outcome.is_ok(), "{:?}", outcome.err().map(|e| e.to_string()));
    }
}

#[test]
fn series_dates() -> Result<()> {
    let roadmap = build(&[]);
    let evaluator = Evaluator::new(roadmap.clone(), Rules::default())?;
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).ok_or("date");
    let monthly = evaluator.history(Some(d(2026, 1, 31)?), d(2026, 5, 30)?, Step::Monthly)?;
    assert_eq!(
        monthly.dates,
        [
            d(2026, 1, 31)?,
            d(2026, 2, 28)?,
            d(2026, 3, 31)?,
            d(2026, 4, 30)?
        ]
    );
    let weekly = evaluator.history(Some(d(2026, 1, 1)?), d(2026, 1, 15)?, Step::Weekly)?;
    assert_eq!(
        weekly.dates,
        [d(2026, 1, 1)?, d(2026, 1, 8)?, d(2026, 1, 15)?]
    );
    let one = evaluator.history(Some(d(2026, 1, 1)?), d(2026, 1, 1)?, Step::Daily)?;
    assert_eq!(one.dates.len(), 1);
    let err = evaluator
        .history(Some(d(2026, 1, 2)?), d(2026, 1, 1)?, Step::Daily)
        .err()
        .ok_or("an error")?;
    assert_eq!(err.code(), roadmap_tracker::ErrorCode::InvalidArgument);
    // An empty roadmap still has a roadmap score series, with nothing counted.
    assert_eq!(one.scores.len(), 1 + 3);
    assert_eq!(
        one.scores
            .first()
            .and_then(|s| s.points.first())
            .map(|p| p.score),
        Some(None)
    );
    Ok(())
}
