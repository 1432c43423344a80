//! Work grows linearly with input: loading and writing 100,000 rows must not take much
//! more than ten times as long as 10,000. The bound is a generous ratio (30×, where linear
//! work gives about 10× and quadratic work 100×), never a wall-clock threshold; each size
//! is timed as the best of a few runs (the small one) to damp noise from other processes.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests fail loudly

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use roadmap_tracker::Roadmap;

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn assert_linear(what: &str, mut at: impl FnMut(usize)) {
    let small = best_of(3, || at(10_000));
    let large = best_of(1, || at(100_000));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-9);
    assert!(
        ratio < 30.0,
        "{what}: 100k rows took {ratio:.1}× as long as 10k ({large:?} against {small:?})"
    );
}

fn base() -> Roadmap {
    Roadmap::new(
        "plan",
        "Plan",
        "Us",
        NaiveDate::from_ymd_opt(2026, 1, 19).unwrap(),
    )
}

/// The tracker-sheet reproducer: every section has an area titled "General", so every area
/// id is `general-N`; finding each one by trying every suffix from 2 was quadratic.
#[test]
fn flat_sheet_with_repeated_titles_loads_in_linear_time() {
    assert_linear("flat sheet", |n| {
        let mut text = String::from("section,area,id,title\n");
        for i in 0..n {
            text.push_str(&format!("Section {i},General,c{i},T\n"));
        }
        let r = Roadmap::from_flat_csv(&text, base()).unwrap();
        assert_eq!(r.nodes.len(), 3 * n);
        assert_eq!(r.nodes[1].id, "general");
        assert_eq!(r.nodes[4].id, "general-2");
    });
}

#[test]
fn csv_tables_load_and_write_in_linear_time() {
    assert_linear("nodes.csv", |n| {
        let mut r = base();
        r.nodes.push(roadmap_tracker::Node::new(
            "s",
            roadmap_tracker::NodeKind::Section,
            "S",
        ));
        r.nodes.push(
            roadmap_tracker::Node::new("a", roadmap_tracker::NodeKind::Area, "A").with_parent("s"),
        );
        for i in 0..n {
            let mut c = roadmap_tracker::Node::new(
                format!("c{i}"),
                roadmap_tracker::NodeKind::Commitment,
                format!("=Commitment {i}"),
            )
            .with_parent("a");
            c.extra.insert(format!("k{}", i % 50), format!("v{i}"));
            r.nodes.push(c);
        }
        let tables = r.to_csv_tables().unwrap();
        let back = Roadmap::from_csv_tables(&tables).unwrap();
        assert_eq!(back.nodes.len(), n + 2);
    });
}

#[test]
fn json_with_many_keys_in_one_object_loads_in_linear_time() {
    assert_linear("json extra", |n| {
        let mut r = base();
        r.extra = (0..n)
            .map(|i| (format!("key{i}"), "v".to_owned()))
            .collect();
        let json = r.to_json().unwrap();
        assert_eq!(Roadmap::from_json_str(&json).unwrap().extra.len(), n);
    });
}
