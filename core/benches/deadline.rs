//! Deadline benchmarks: parsing the whole golden corpus (`tests/fixtures/deadlines.jsonl`,
//! accepted and refused phrases mixed, each with its own written_on date), rendering EDTF,
//! and judging. Target: at least 1,000,000 phrases per second on one core. Run with
//! `cargo bench -p roadmap-tracker --bench deadline`; criterion reports the throughput.

#![allow(missing_docs)] // criterion_group! generates an undocumented `pub fn benches`.

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use roadmap_tracker::deadline::{parse, parse_edtf, Deadline};

fn corpus() -> Vec<(String, NaiveDate)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/deadlines.jsonl"
    );
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|case| {
            let phrase = case.get("phrase")?.as_str()?.to_string();
            let written_on = case.get("written_on")?.as_str()?.parse().ok()?;
            Some((phrase, written_on))
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let cases = corpus();
    assert!(cases.len() > 400, "the corpus is missing");
    let accepted: Vec<Deadline> = cases
        .iter()
        .filter_map(|(p, w)| parse(p, *w).ok())
        .collect();
    let edtf: Vec<(String, NaiveDate)> = accepted
        .iter()
        .filter_map(|d| d.edtf().map(|e| (e, d.written_on())))
        .collect();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default();

    let mut group = c.benchmark_group("deadline");
    group.measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Elements(cases.len() as u64));
    group.bench_function("parse corpus", |b| {
        b.iter(|| {
            let mut ok = 0usize;
            for (phrase, written_on) in &cases {
                ok += usize::from(parse(black_box(phrase), *written_on).is_ok());
            }
            ok
        })
    });
    group.throughput(Throughput::Elements(accepted.len() as u64));
    group.bench_function("render edtf", |b| {
        b.iter(|| accepted.iter().filter_map(|d| black_box(d).edtf()).count())
    });
    group.bench_function("judge", |b| {
        b.iter(|| {
            accepted
                .iter()
                .map(|d| black_box(d).judge(as_of, None).days.unwrap_or(0))
                .sum::<i64>()
        })
    });
    group.throughput(Throughput::Elements(edtf.len() as u64));
    group.bench_function("parse edtf", |b| {
        b.iter(|| {
            edtf.iter()
                .filter(|(e, w)| parse_edtf(black_box(e), *w).is_ok())
                .count()
        })
    });
    group.finish();
}

criterion_group!(deadline, benches);
criterion_main!(deadline);
