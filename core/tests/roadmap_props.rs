//! Property tests over generated roadmaps: any valid roadmap round-trips through JSON and
//! the tidy CSV tables unchanged (unknown columns and hostile cell text included); scores
//! stay in [0, 1] and counts add up to the commitments; a delivered commitment stays
//! delivered as the as-of date advances until a later update says otherwise.

#![allow(clippy::indexing_slicing)] // the generator picks within bounds by construction

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use roadmap_tracker::status::{DerivedStatus, Evaluator, Rules};
use roadmap_tracker::{Extra, Node, NodeKind, Roadmap, Source, StatusUpdate};

const PHRASES: &[&str] = &[
    "in March",
    "summer 2026",
    "by March 2028",
    "from April this year",
    "towards the end of 2026",
    "later this year",
    "Q3 2026",
    "2026-27",
    "in due course",
    "ongoing",
    "by 31 March 2027",
    "within six months",
];
const LABELS: &[&str] = &[
    "scheduled",
    "in progress",
    "ongoing",
    "launched",
    "delivered",
    "approach changed",
    "under review",
    "dropped",
    "completed",
    "published",
];
const TEXTS: &[&str] = &[
    "plain",
    "=HYPERLINK(\"x\")",
    "+1",
    "-2+3",
    "@SUM(A1)",
    "'quoted",
    "comma, inside",
    "\"quotes\"",
    "line\nbreak",
    "café ünïcødé",
    "  spaces  ",
    "-3.5",
    "tab\tinside",
];

fn day(offset: u64) -> NaiveDate {
    let start = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap_or_default();
    start.checked_add_days(Days::new(offset)).unwrap_or(start)
}

/// A valid roadmap from a seed: sections, areas, commitments with deadlines, updates
/// (some with delivery dates), extra columns with awkward text.
fn generate(seed: u64, size: usize) -> Roadmap {
    let mut state = seed | 1;
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) % n.max(1) as u64) as usize
    };
    let mut r = Roadmap::new("generated", "Generated roadmap", "Tests", day(0));
    r.sources.push(Source {
        id: "plan".into(),
        title: "The plan".into(),
        publisher: "Tests".into(),
        date: Some(day(0)),
        url: String::new(),
        extra: Extra::new(),
    });
    let mut c = 0;
    for s in 0..1 + size % 3 {
        let sid = format!("s{s}");
        r.nodes.push(Node::new(
            sid.clone(),
            NodeKind::Section,
            TEXTS[next(TEXTS.len())],
        ));
        for a in 0..1 + next(3) {
            let aid = format!("{sid}-a{a}");
            let mut area = Node::new(aid.clone(), NodeKind::Area, "Area").with_parent(sid.clone());
            area.extra.insert(
                format!("note {}", next(3)),
                TEXTS[next(TEXTS.len())].to_string(),
            );
            r.nodes.push(area);
            for _ in 0..next(size + 1) {
                let id = format!("c{c}");
                c += 1;
                let mut node =
                    Node::new(id.clone(), NodeKind::Commitment, TEXTS[next(TEXTS.len())])
                        .with_parent(aid.clone());
                node.summary = TEXTS[next(TEXTS.len())].to_string();
                node.weight = [1.0, 2.0, 0.5][next(3)];
                if next(5) > 0 {
                    node = node.with_deadline(PHRASES[next(PHRASES.len())], day(next(150) as u64));
                }
                r.nodes.push(node);
                let mut date = 0u64;
                for _ in 0..next(4) {
                    date += 1 + next(200) as u64;
                    let label = LABELS[next(LABELS.len())];
                    let delivered =
                        matches!(label, "launched" | "delivered" | "completed" | "published")
                            .then(|| day(date.saturating_sub(next(20) as u64)));
                    let mut extra = Extra::new();
                    if next(2) == 0 {
                        extra.insert("reviewer".into(), TEXTS[next(TEXTS.len())].to_string());
                    }
                    r.updates.push(StatusUpdate {
                        node: id.clone(),
                        date: day(date).into(),
                        status: label.into(),
                        source: "plan".into(),
                        note: TEXTS[next(TEXTS.len())].to_string(),
                        delivered_on: delivered.map(Into::into),
                        new_deadline: None,
                        extra,
                    });
                }
            }
        }
    }
    r
}

/// The same run in CI every time (a property that fails must fail for everyone); set
/// PROPTEST_RNG_SEED to explore other seeds.
fn config(cases: u32) -> ProptestConfig {
    let mut c = ProptestConfig::with_cases(cases);
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = proptest::test_runner::RngSeed::Fixed(0x726f_6164_6d61_7073);
    }
    c
}

fn is_delivered(s: DerivedStatus) -> bool {
    matches!(
        s,
        DerivedStatus::MetOnTime
            | DerivedStatus::MetEarly
            | DerivedStatus::MetLate
            | DerivedStatus::MetDifferently
            | DerivedStatus::Met
    )
}

proptest! {
    #![proptest_config(config(200))]

    #[test]
    fn round_trips_are_exact(seed in any::<u64>(), size in 0usize..12) {
        let roadmap = generate(seed, size);
        prop_assert!(roadmap.validate().is_ok(), "{:?}", roadmap.validate());
        let json = roadmap.to_json().unwrap();
        prop_assert_eq!(&Roadmap::from_json_str(&json).unwrap(), &roadmap);
        let tables = roadmap.to_csv_tables().unwrap();
        prop_assert_eq!(&Roadmap::from_csv_tables(&tables).unwrap(), &roadmap);
    }

    #[test]
    fn scores_and_counts_hold(seed in any::<u64>(), size in 0usize..12, offset in 0u64..1200) {
        let roadmap = generate(seed, size);
        let evaluator = Evaluator::new(roadmap.clone(), Rules::default()).unwrap();
        let evaluation = evaluator.evaluate(day(offset));
        let commitments = roadmap.nodes.iter().filter(|n| n.kind == NodeKind::Commitment).count();
        prop_assert_eq!(evaluation.roadmap_score().total, commitments);
        for s in &evaluation.scores {
            if let Some(v) = s.score {
                prop_assert!((0.0..=1.0).contains(&v), "score {v} for {:?}", s.node);
            }
            prop_assert_eq!(s.counts.total(), s.total);
            prop_assert!(s.counted <= s.total && s.met_on_time <= s.due && s.due <= s.total);
        }
    }

    #[test]
    fn delivered_stays_delivered(seed in any::<u64>(), size in 1usize..10, a in 0u64..900, gap in 1u64..400) {
        let roadmap = generate(seed, size);
        let evaluator = Evaluator::new(roadmap.clone(), Rules::default()).unwrap();
        let (t1, t2) = (day(a), day(a + gap));
        let early = evaluator.evaluate(t1);
        let late = evaluator.evaluate(t2);
        for c in &early.commitments {
            let newer = roadmap.updates.iter().any(|u| u.node == c.node() && u.date.latest() > t1 && u.date.latest() <= t2);
            if is_delivered(c.status) && !newer {
                // A deadline written between the two dates can turn "met" into a judged
                // delivery, which is still a delivery.
                let later = late.status(c.node()).map(|s| s.status);
                prop_assert!(later.is_some_and(is_delivered), "{} was {} on {t1} but {:?} on {t2}", c.node(), c.status, later);
            }
        }
    }
}
