//! The evaluator on a generated roadmap with random deadlines, updates, labels, delivery
//! dates and as-of dates (all driven by the fuzzer's bytes). Nothing may panic; scores stay
//! in [0, 1]; counts add up; history and changes run.
#![no_main]

use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;
use roadmap_tracker::status::{Evaluator, Rules, Step};
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
    "after the next election",
    "several months ago",
    "completed in May",
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

fuzz_target!(|bytes: &[u8]| {
    let mut it = bytes.iter().copied();
    let mut next = |n: usize| usize::from(it.next().unwrap_or(0)) % n.max(1);
    let base = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap_or_default();
    let day = |d: usize| base.checked_add_days(Days::new(d as u64)).unwrap_or(base);
    let mut r = Roadmap::new("fuzz", "Fuzz", "Fuzz", base);
    r.sources.push(Source {
        id: "s".into(),
        title: "S".into(),
        publisher: String::new(),
        date: None,
        url: String::new(),
        extra: Extra::new(),
    });
    r.nodes.push(Node::new("sec", NodeKind::Section, "Section"));
    r.nodes
        .push(Node::new("area", NodeKind::Area, "Area").with_parent("sec"));
    let commitments = 1 + next(20);
    for c in 0..commitments {
        let id = format!("c{c}");
        let mut node = Node::new(id.clone(), NodeKind::Commitment, "C").with_parent("area");
        if let Some(p) = PHRASES.get(next(PHRASES.len() + 1)) {
            node = node.with_deadline(*p, day(next(256) * 3));
        }
        r.nodes.push(node);
        for _ in 0..next(4) {
            let date = day(next(256) * 4);
            let label = LABELS.get(next(LABELS.len())).copied().unwrap_or("ongoing");
            let delivered = (next(2) == 0)
                .then(|| day(next(256) * 4))
                .filter(|d| *d <= date);
            r.updates.push(StatusUpdate {
                node: id.clone(),
                date,
                status: label.into(),
                source: "s".into(),
                note: String::new(),
                delivered_on: delivered,
                extra: Extra::new(),
            });
        }
    }
    let mut rules = Rules::default();
    rules.grace_days = next(60) as u32;
    let Ok(evaluator) = Evaluator::new(&r, rules) else {
        return;
    };
    let as_of = day(next(256) * 5);
    let evaluation = evaluator.evaluate(as_of);
    assert_eq!(evaluation.roadmap_score().total, commitments);
    for s in &evaluation.scores {
        assert!(s.score.is_none_or(|v| (0.0..=1.0).contains(&v)));
        assert_eq!(s.counts.total(), s.total);
    }
    let _ = evaluator.history(
        base,
        day(next(256) * 5),
        match next(3) {
            0 => Step::Daily,
            1 => Step::Weekly,
            _ => Step::Monthly,
        },
    );
    let _ = evaluator.changes(base, as_of);
});
