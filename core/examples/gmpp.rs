//! Summarise yearly portfolio spreadsheets like the UK major projects (GMPP) data: the
//! problem report of each sheet, counts per delivery confidence rating per year, and each
//! project's end-date slippage. Each sheet becomes one dated release of a roadmap
//! (`Sheet::to_roadmap`), and the releases are `Snapshots`.
//!
//! ```text
//! cargo run --example gmpp -- [YEAR=FILE[@SCALE] ...]
//! ```
//!
//! Each argument is a snapshot: its year (the data is read as at 30 September of it), the
//! CSV file and the rating scale (`gmpp-5`, the default, or `gmpp-3`). Without arguments,
//! the fixture set in `tests/fixtures/gmpp/`.

use std::process::ExitCode;

use chrono::NaiveDate;
use roadmap_tracker::snapshots::Snapshots;
use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, RoadmapSpec, Sheet};
use roadmap_tracker::status::Vocabulary;

const FIXTURES: [&str; 3] = [
    "2019=tests/fixtures/gmpp/gmpp-2019.csv@gmpp-5",
    "2020=tests/fixtures/gmpp/gmpp-2020.csv@gmpp-5",
    "2022=tests/fixtures/gmpp/gmpp-2022.csv@gmpp-3",
];

fn snapshot(arg: &str) -> Result<(String, NaiveDate, Sheet), String> {
    let (year, rest) = arg
        .split_once('=')
        .ok_or(format!("{arg:?}: expected YEAR=FILE[@SCALE]"))?;
    let (file, scale) = rest.split_once('@').unwrap_or((rest, "gmpp-5"));
    let y: i32 = year
        .parse()
        .map_err(|_| format!("{year:?} is not a year"))?;
    let as_of = NaiveDate::from_ymd_opt(y, 9, 30).ok_or(format!("{y} is out of range"))?;
    let vocabulary = Vocabulary::builtin(scale).map_err(|e| e.to_string())?;
    // Paths are relative to the workspace root, where `cargo run` is usually started.
    let path = std::path::Path::new(file);
    let path = if path.exists() {
        path.to_path_buf()
    } else {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(file)
    };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{file}: {e}"))?;
    let name = path
        .file_name()
        .map_or(file.to_owned(), |n| n.to_string_lossy().into_owned());
    let sheet = Sheet::load(
        &text,
        &ColumnMapping::gmpp(vocabulary),
        &LoadOptions::for_file(&name),
    )
    .map_err(|e| e.to_string())?;
    Ok((year.to_owned(), as_of, sheet))
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<String> = if args.is_empty() {
        FIXTURES.iter().map(|s| (*s).to_owned()).collect()
    } else {
        args
    };
    let mut sheets = Vec::new();
    let mut portfolio = Snapshots::new();
    let spec = RoadmapSpec::gmpp();
    for arg in &args {
        let (year, as_of, sheet) = snapshot(arg)?;
        let roadmap = sheet
            .to_roadmap(&spec, as_of)
            .map_err(|e| format!("{}: {e}", sheet.file))?;
        portfolio.push(&year, as_of, roadmap);
        sheets.push(sheet);
    }

    println!("# Problem reports\n");
    for sheet in &sheets {
        println!(
            "{} ({} rows, {} problems)",
            sheet.file,
            sheet.rows.len(),
            sheet.problems.len()
        );
        for p in &sheet.problems {
            let column = p
                .column
                .map(|c| format!(", column {c}"))
                .unwrap_or_default();
            println!(
                "  {} {} line {}{column}: {}",
                p.severity.as_str(),
                p.code,
                p.line,
                p.message
            );
        }
    }

    println!("\n# Assessor's delivery confidence per year\n");
    for c in portfolio.rating_counts("assessor_rating") {
        let cells: Vec<String> = c.counts.iter().map(|(k, n)| format!("{k}: {n}")).collect();
        println!("{}: {}", c.label, cells.join(", "));
    }

    println!("\n# End-date slippage\n");
    for item in portfolio.slippage() {
        match item.slippage {
            Some(s) => println!(
                "{}: {} → {} ({:+} days; {} of {} snapshots dated)",
                item.title,
                s.baseline_end,
                s.latest_end,
                s.days,
                s.dated,
                s.dated + s.undated
            ),
            None => println!("{}: no readable end date", item.title),
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gmpp: {e}");
            ExitCode::FAILURE
        }
    }
}
