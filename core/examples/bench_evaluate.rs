//! The native half of `benches/wasm_evaluate.mjs`: the same evaluation of the same generated
//! roadmap, timed in Rust. Usage: `bench_evaluate FILE AS_OF RUNS`.

use std::time::Instant;

use roadmap_tracker::status::{Evaluator, Rules};
use roadmap_tracker::Roadmap;

/// The median of `runs` timed calls of `f`, after one untimed call (as the JS side does:
/// the first call warms caches and the allocator).
fn median_ms<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, Option<T>) {
    let mut times = Vec::with_capacity(runs);
    let mut last = Some(f());
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        last = Some(f());
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    (times.get(times.len() / 2).copied().unwrap_or(0.0), last)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let file = args.next().ok_or("usage: bench_evaluate FILE AS_OF RUNS")?;
    let as_of = roadmap_tracker::dates::parse_iso_date(&args.next().unwrap_or_default())?;
    let runs: usize = args.next().unwrap_or_else(|| "5".into()).parse()?;
    let text = std::fs::read_to_string(&file)?;
    let (load, roadmap) = median_ms(runs, || Roadmap::from_json_str(&text));
    let roadmap = roadmap.ok_or("no run")??;
    // As a `Roadmap` of the package does: prepare once (timed apart), then reuse.
    let (prepare, evaluator) =
        median_ms(runs, || Evaluator::new(roadmap.clone(), Rules::default()));
    let evaluator = evaluator.ok_or("no run")??;
    let (evaluate, n) = median_ms(runs, || evaluator.evaluate(as_of).commitments.len());
    let (with_json, _) = median_ms(runs, || {
        serde_json::to_string(&evaluator.evaluate(as_of)).map(|s| s.len())
    });
    let (scores, _) = median_ms(runs, || evaluator.scores(as_of).len());
    println!(
        "native (Rust, release): {} commitments, median of {runs}",
        n.unwrap_or(0)
    );
    println!("  load JSON       {load:.1} ms");
    println!("  prepare         {prepare:.1} ms");
    println!("  evaluate        {evaluate:.1} ms");
    println!("  evaluate + JSON  {with_json:.1} ms");
    println!("  scores only     {scores:.1} ms");
    Ok(())
}
