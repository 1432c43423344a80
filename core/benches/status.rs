//! Status benchmarks: preparing, evaluating and rolling up a generated roadmap of
//! 1,000,000 commitments as of one date (target: under 0.5 s for the three together), and
//! the daily history of 10,000 commitments over 1,000 days (target: under 1 s). Run with
//! `cargo bench -p roadmap-tracker --bench status`.

#![allow(missing_docs)] // criterion_group! generates an undocumented `pub fn benches`.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use roadmap_tracker::status::{Evaluator, Rules, Step};
use roadmap_tracker::{Extra, Node, NodeKind, Roadmap, StatusUpdate};

const PHRASES: &[&str] = &[
    "in March",
    "in April",
    "summer 2026",
    "by March 2028",
    "by October 2028",
    "from April this year",
    "from May onwards",
    "towards the end of 2026",
    "around the end of 2026",
    "later this year",
    "in 2026",
    "throughout 2026",
    "in due course",
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
];

fn day(offset: u64) -> NaiveDate {
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
    start.checked_add_days(Days::new(offset)).unwrap_or(start)
}

/// A roadmap of `sections × areas × per_area` commitments with a mix of deadlines (one in
/// ten has none) and zero to two updates each, deterministic from a simple LCG.
fn generate(sections: usize, areas: usize, per_area: usize) -> Roadmap {
    let mut r = Roadmap::new("generated", "Generated", "Bench", day(0));
    let total = sections * areas * per_area;
    r.nodes.reserve(sections * (areas + 1) + total);
    r.updates.reserve(total);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let mut c = 0usize;
    for s in 0..sections {
        let sid = format!("s{s}");
        r.nodes
            .push(Node::new(sid.clone(), NodeKind::Section, "Section"));
        for a in 0..areas {
            let aid = format!("s{s}-a{a}");
            r.nodes
                .push(Node::new(aid.clone(), NodeKind::Area, "Area").with_parent(sid.clone()));
            for _ in 0..per_area {
                let id = format!("c{c}");
                c += 1;
                let mut node = Node::new(id.clone(), NodeKind::Commitment, "Commitment")
                    .with_parent(aid.clone());
                let pick = next(PHRASES.len() as u64 + 1) as usize;
                if let Some(phrase) = PHRASES.get(pick) {
                    node = node.with_deadline(*phrase, day(18));
                }
                r.nodes.push(node);
                for _ in 0..next(3) {
                    let date = day(18 + next(700));
                    let label = LABELS
                        .get(next(LABELS.len() as u64) as usize)
                        .copied()
                        .unwrap_or("ongoing");
                    r.updates.push(StatusUpdate {
                        node: id.clone(),
                        date: date.into(),
                        status: label.to_owned(),
                        source: "bench".to_owned(),
                        note: String::new(),
                        delivered_on: None,
                        new_deadline: None,
                        extra: Extra::new(),
                    });
                }
            }
        }
    }
    r
}

fn evaluate_million(c: &mut Criterion) {
    // Shared, so preparing does not copy the roadmap.
    let roadmap = Arc::new(generate(20, 50, 1000));
    let as_of = day(327); // 2026-11-24
    let mut group = c.benchmark_group("status");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("prepare 1,000,000 commitments", |b| {
        b.iter(|| {
            Evaluator::new(black_box(Arc::clone(&roadmap)), Rules::default())
                .map(|e| e.rules().grace_days)
        })
    });
    group.bench_function("prepare, evaluate and roll up 1,000,000 commitments", |b| {
        b.iter(|| {
            Evaluator::new(black_box(Arc::clone(&roadmap)), Rules::default())
                .map(|e| e.evaluate(as_of).commitments.len())
        })
    });
    let evaluator = match Evaluator::new(Arc::clone(&roadmap), Rules::default()) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("cannot prepare the generated roadmap: {e}");
            return;
        }
    };
    group.bench_function("evaluate and roll up 1,000,000 commitments", |b| {
        b.iter(|| evaluator.evaluate(black_box(as_of)))
    });
    group.bench_function("scores only, 1,000,000 commitments", |b| {
        b.iter(|| evaluator.scores(black_box(as_of)))
    });
    let evaluation = evaluator.evaluate(as_of);
    group.bench_function("reasons of 1,000,000 statuses, written on demand", |b| {
        b.iter(|| {
            black_box(&evaluation)
                .commitments
                .iter()
                .map(|s| s.reason().len())
                .sum::<usize>()
        })
    });
    group.finish();
}

fn history_ten_thousand(c: &mut Criterion) {
    let roadmap = generate(10, 10, 100);
    let evaluator = match Evaluator::new(roadmap, Rules::default()) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("cannot prepare the generated roadmap: {e}");
            return;
        }
    };
    let mut group = c.benchmark_group("status");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("daily history of 10,000 commitments over 1,000 days", |b| {
        b.iter(|| evaluator.history(black_box(Some(day(0))), day(999), Step::Daily))
    });
    group.bench_function("changes across 10,000 commitments", |b| {
        b.iter(|| evaluator.changes(black_box(day(150)), day(327)))
    });
    group.finish();
}

criterion_group!(benches, evaluate_million, history_ten_thousand);
criterion_main!(benches);
