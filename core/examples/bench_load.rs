//! The native half of `benches/wasm_load.mjs`, and the memory probe for big CSV tables:
//! load a roadmap from a JSON file or a directory of CSV tables, timed in Rust.
//!
//! Usage: `bench_load json FILE RUNS`, `bench_load tables DIR RUNS` (the text read once,
//! then loaded RUNS times) or `bench_load load PATH RUNS` (`Roadmap::load`, reading the
//! file or directory each time). Prints the median load time (wall clock, and the
//! thread's CPU time where Linux reports it), the number of nodes, and the resident
//! memory with the input, with the roadmap and at the peak (also what `/usr/bin/time -v`
//! reports as its maximum). The minimal tables of
//! docs/formats.md (three million commitments, a 70.9 MB nodes.csv):
//!
//! ```sh
//! mkdir -p DIR && printf 'id,title,publisher,published\ng,G,P,2026-01-01\n' >DIR/roadmap.csv
//! { printf 'id,kind,parent,title\ns,section,,S\na,area,s,A\n'
//!   seq 0 2999999 | sed 's/.*/c&,commitment,a,T/'; } >DIR/nodes.csv
//! ```

use std::fmt::Write as _;
use std::io::Write as _;
use std::time::Instant;

use roadmap_tracker::io::CsvTables;
use roadmap_tracker::Roadmap;

/// The calling thread's CPU time in milliseconds (Linux's `schedstat`), if known: on a
/// shared machine it varies far less than the wall clock.
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e6)
}

/// This process's resident memory now and at its peak (`VmRSS`, `VmHWM` of Linux's
/// `/proc/self/status`), in MB of a million bytes, if known.
fn resident_mb() -> Option<(f64, f64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<f64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024.0 / 1e6)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(0.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: bench_load json|tables|load PATH RUNS";
    let what = args.next().ok_or(usage)?;
    let path = args.next().ok_or(usage)?;
    let runs: usize = args.next().unwrap_or_else(|| "3".into()).parse()?;
    let (json, tables) = match what.as_str() {
        "json" => (Some(std::fs::read_to_string(&path)?), None),
        "tables" => (None, Some(CsvTables::read_dir(&path)?)),
        "load" => (None, None),
        _ => return Err(usage.into()),
    };
    let input = resident_mb();
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    let mut nodes = 0;
    let mut last = None;
    for _ in 0..runs.max(1) {
        drop(last.take());
        let (t, c) = (Instant::now(), cpu_ms());
        let roadmap = match (&json, &tables) {
            (Some(text), _) => Roadmap::from_json_str(text)?,
            (_, Some(tables)) => Roadmap::from_csv_tables(tables)?,
            _ => Roadmap::load(&path, None, None)?,
        };
        wall.push(t.elapsed().as_secs_f64() * 1000.0);
        if let (Some(before), Some(after)) = (c, cpu_ms()) {
            cpu.push(after - before);
        }
        nodes = roadmap.nodes.len();
        last = Some(roadmap);
    }
    // The last roadmap with its input, then alone (a large text is its own mapping, which
    // dropping it gives back to the system).
    let loaded = resident_mb();
    drop((json, tables));
    let alone = resident_mb();
    let cpu = match cpu.is_empty() {
        true => String::new(),
        false => format!(" ({:.0} ms CPU)", median(cpu)),
    };
    // Written at once, and a reader that stops early (`| head`) is not an error.
    let mut out = String::new();
    writeln!(
        out,
        "native {what}: {nodes} nodes, median of {runs}: {:.0} ms{cpu}",
        median(wall)
    )?;
    // The floor of the memory a node costs, whatever the input: its struct.
    writeln!(
        out,
        "a node is {} bytes before its text",
        std::mem::size_of::<roadmap_tracker::Node>()
    )?;
    if let (Some((input, _)), Some((loaded, peak)), Some((alone, _))) = (input, loaded, alone) {
        writeln!(
            out,
            "resident: {input:.1} MB with the input read, {loaded:.1} MB with the roadmap \
             too, {alone:.1} MB with the roadmap alone; peak {peak:.1} MB"
        )?;
    }
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    drop(last);
    Ok(())
}
