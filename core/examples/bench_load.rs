//! The native half of `benches/wasm_load.mjs`, and the memory probe for big CSV tables:
//! load a roadmap from a JSON file or a directory of CSV tables, timed in Rust.
//!
//! Usage: `bench_load json FILE RUNS` or `bench_load tables DIR RUNS`. Prints the median
//! load time and the number of nodes; run it under `/usr/bin/time -v` for the peak memory.

use std::time::Instant;

use roadmap_tracker::io::CsvTables;
use roadmap_tracker::Roadmap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: bench_load json|tables PATH RUNS";
    let what = args.next().ok_or(usage)?;
    let path = args.next().ok_or(usage)?;
    let runs: usize = args.next().unwrap_or_else(|| "3".into()).parse()?;
    let mut times = Vec::new();
    let mut nodes = 0;
    match what.as_str() {
        "json" => {
            let text = std::fs::read_to_string(&path)?;
            for _ in 0..runs.max(1) {
                let t = Instant::now();
                nodes = Roadmap::from_json_str(&text)?.nodes.len();
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }
        "tables" => {
            let tables = CsvTables::read_dir(&path)?;
            for _ in 0..runs.max(1) {
                let t = Instant::now();
                nodes = Roadmap::from_csv_tables(&tables)?.nodes.len();
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }
        _ => return Err(usage.into()),
    }
    times.sort_by(f64::total_cmp);
    let median = times.get(times.len() / 2).copied().unwrap_or(0.0);
    println!("native {what}: {nodes} nodes, median of {runs}: {median:.0} ms");
    // The floor of the memory a node costs, whatever the input: its struct.
    println!(
        "a node is {} bytes before its text",
        std::mem::size_of::<roadmap_tracker::Node>()
    );
    Ok(())
}
