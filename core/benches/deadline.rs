//! Deadline benchmarks: parsing the whole golden corpus (`tests/fixtures/deadlines.jsonl`,
//! accepted and refused phrases mixed, each with its own written_on date), rendering EDTF,
//! and judging; and `parse_all` on the corpus and on a column with repeats (10,000 rows
//! drawn from 150 distinct phrases, one written_on: a tracker's deadline column), each
//! against a loop over `parse` (on the corpus, also a loop that keeps its results, as
//! `parse_all` must). Target: at least 1,000,000 phrases per second on one core. Run with
//! `cargo bench -p roadmap-tracker --bench deadline`; criterion reports the throughput.
//! "find prose" runs `find` over `tests/fixtures/prose-roadmap.txt` (about 36 KB of
//! roadmap-style prose written for the purpose): target at least 20 MB/s on one core.

#![allow(missing_docs)] // criterion_group! generates an undocumented `pub fn benches`.

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use roadmap_tracker::deadline::{find, parse, parse_all, parse_edtf, Deadline};

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

/// A column of `rows` phrases drawn (by a fixed pseudo-random sequence) from the first
/// `distinct` accepted phrases, all written on one date.
fn column(accepted: &[Deadline], distinct: usize, rows: usize) -> Vec<(String, NaiveDate)> {
    let pool: Vec<&str> = accepted.iter().map(Deadline::phrase).collect();
    let pool = pool.get(..distinct.min(pool.len())).unwrap_or_default();
    let written_on = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap_or_default();
    let mut state = 0x2545_f491_u64;
    (0..rows)
        .filter_map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            let at = usize::try_from(state >> 33).ok()? % pool.len().max(1);
            Some((pool.get(at)?.to_string(), written_on))
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
    group.bench_function("parse corpus into a Vec (loop)", |b| {
        b.iter(|| {
            cases
                .iter()
                .map(|(p, w)| parse(black_box(p), *w))
                .collect::<Vec<_>>()
                .iter()
                .filter(|r| r.is_ok())
                .count()
        })
    });
    group.bench_function("parse_all corpus", |b| {
        b.iter(|| {
            parse_all(cases.iter().map(|(p, w)| (black_box(p.as_str()), *w)))
                .iter()
                .filter(|r| r.is_ok())
                .count()
        })
    });
    let col = column(&accepted, 150, 10_000);
    group.throughput(Throughput::Elements(col.len() as u64));
    group.bench_function("parse column (loop)", |b| {
        b.iter(|| {
            col.iter()
                .filter(|(p, w)| parse(black_box(p), *w).is_ok())
                .count()
        })
    });
    group.bench_function("parse_all column", |b| {
        b.iter(|| {
            parse_all(col.iter().map(|(p, w)| (black_box(p.as_str()), *w)))
                .iter()
                .filter(|r| r.is_ok())
                .count()
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
    // Running prose: a roadmap-style document with about one deadline per 200 bytes.
    let prose_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/prose-roadmap.txt"
    );
    let prose = std::fs::read_to_string(prose_path).unwrap_or_default();
    let written_on = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap_or_default();
    assert!(
        find(&prose, written_on).is_ok_and(|f| f.len() > 100),
        "the prose is missing or refused"
    );
    group.throughput(Throughput::Bytes(prose.len() as u64));
    group.bench_function("find prose", |b| {
        b.iter(|| find(black_box(&prose), written_on).map_or(0, |f| f.len()))
    });
    group.finish();
}

criterion_group!(deadline, benches);
criterion_main!(deadline);
