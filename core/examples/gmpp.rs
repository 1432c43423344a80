//! Summarise yearly releases of the UK Government Major Projects Portfolio (GMPP) data, as
//! published: each sheet's problem report, the assessor's delivery confidence ratings per
//! year, and each project's end-date slippage across the years. See `docs/gmpp.md`.
//!
//! ```text
//! cargo run --example gmpp -- [--format text|json] [--mapping FILE] [--encoding NAME] YEAR=FILE[@SCALE]...
//! ```
//!
//! Each `YEAR=FILE[@SCALE]` is one release: its publication year (which dates it: 31 March
//! of the year from 2021, 30 September of the year before until 2020), the CSV file, and
//! the rating scale (`gmpp-5` up to 2021, `gmpp-3` from 2022, unless given). Without
//! releases, the fixture set in `tests/fixtures/gmpp/`.

use std::collections::BTreeMap;
use std::process::ExitCode;

use roadmap_tracker::snapshots::ItemSlippage;
use serde::Serialize;

use roadmap_tracker::spreadsheet::{gmpp_scale, ColumnMapping, Encoding, LoadOptions, Releases};
use roadmap_tracker::status::Vocabulary;

const FIXTURES: [&str; 3] = [
    "2019=tests/fixtures/gmpp/gmpp-2019.csv@gmpp-5",
    "2020=tests/fixtures/gmpp/gmpp-2020.csv@gmpp-5",
    "2022=tests/fixtures/gmpp/gmpp-2022.csv@gmpp-3",
];

const HELP: &str = "\
gmpp: summarise yearly GMPP releases as published

usage: cargo run --example gmpp -- [OPTIONS] YEAR=FILE[@SCALE]...

  YEAR=FILE[@SCALE]  a release: its publication year, its CSV file, and its rating scale
                     (gmpp-5 up to 2021, gmpp-3 from 2022 when not given)
  --format text|json the report as text (the default) or as one JSON document
  --mapping FILE     a JSON column mapping to use instead of the GMPP preset
  --encoding NAME    the files' encoding (utf-8, windows-1252, latin-1); detected when
                     not given, with a warning when not UTF-8
  -h, --help         this help

Without releases, the fixture set in tests/fixtures/gmpp/. See docs/gmpp.md.
";

/// One year of `--format json`, its keys in the documented order.
#[derive(Serialize)]
struct Year<'a> {
    rows: usize,
    ratings: &'a BTreeMap<String, usize>,
    non_ratings: &'a BTreeMap<String, usize>,
    blank: usize,
    unreadable: usize,
}

/// The `--format json` document.
#[derive(Serialize)]
struct Doc<'a> {
    years: BTreeMap<&'a str, Year<'a>>,
    slippage: &'a [ItemSlippage],
    problems: usize,
}

#[derive(PartialEq)]
enum Format {
    Text,
    Json,
}

struct Args {
    format: Format,
    mapping: Option<String>,
    encoding: Option<Encoding>,
    releases: Vec<String>,
}

fn args() -> Result<Option<Args>, String> {
    let mut out = Args {
        format: Format::Text,
        mapping: None,
        encoding: None,
        releases: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--format" => {
                out.format = match value("--format")?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => return Err(format!("--format is text or json, not {other:?}")),
                }
            }
            "--mapping" => out.mapping = Some(value("--mapping")?),
            "--encoding" => {
                out.encoding = Some(value("--encoding")?.parse().map_err(|e| format!("{e}"))?)
            }
            other if other.starts_with('-') => {
                return Err(format!("unknown option {other:?} (see --help)"))
            }
            _ => out.releases.push(arg),
        }
    }
    if out.releases.is_empty() {
        out.releases = FIXTURES.iter().map(|s| (*s).to_owned()).collect();
    }
    Ok(Some(out))
}

/// A path as given, else relative to the workspace root (where `cargo run` usually starts).
fn resolve(file: &str) -> std::path::PathBuf {
    let path = std::path::Path::new(file);
    if path.exists() {
        path.to_path_buf()
    } else {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(file)
    }
}

fn load(args: &Args) -> Result<Releases, String> {
    let mapping_text = match &args.mapping {
        Some(file) => {
            Some(std::fs::read_to_string(resolve(file)).map_err(|e| format!("{file}: {e}"))?)
        }
        None => None,
    };
    let mut releases = Releases::gmpp();
    for arg in &args.releases {
        let (year, rest) = arg
            .split_once('=')
            .ok_or(format!("{arg:?}: expected YEAR=FILE[@SCALE]"))?;
        let year: i32 = year
            .parse()
            .map_err(|_| format!("{year:?} is not a year"))?;
        let (file, scale) = match rest.rsplit_once('@') {
            Some((file, scale)) => (file, scale),
            None => (rest, gmpp_scale(year)),
        };
        let vocabulary = Vocabulary::builtin(scale).map_err(|e| e.to_string())?;
        let mapping = match &mapping_text {
            Some(json) => ColumnMapping::from_json_str(json, Some(vocabulary))
                .map_err(|e| format!("--mapping: {e}"))?,
            None => ColumnMapping::gmpp(vocabulary),
        };
        let path = resolve(file);
        let bytes = std::fs::read(&path).map_err(|e| format!("{file}: {e}"))?;
        let name = path
            .file_name()
            .map_or(file.to_owned(), |n| n.to_string_lossy().into_owned());
        let mut options = LoadOptions::for_file(&name);
        options.encoding = args.encoding;
        releases
            .load(year, &bytes, &mapping, &options)
            .map_err(|e| e.to_string())?;
    }
    Ok(releases)
}

fn run() -> Result<(), String> {
    let Some(args) = args()? else {
        print!("{HELP}");
        return Ok(());
    };
    let releases = load(&args)?;
    let history = releases.history().map_err(|e| e.to_string())?;
    let summary = history.snapshots.rating_summary("assessor_rating");
    let slippage = history.snapshots.slippage();
    let problems = releases
        .releases()
        .iter()
        .map(|r| r.sheet.problems.len())
        .sum::<usize>()
        + history.problems.len();

    if args.format == Format::Json {
        let years: BTreeMap<&str, Year<'_>> = summary
            .iter()
            .map(|y| {
                let rows = releases
                    .releases()
                    .iter()
                    .find(|r| r.label == y.label)
                    .map_or(0, |r| r.sheet.rows.len());
                let year = Year {
                    rows,
                    ratings: &y.ratings,
                    non_ratings: &y.non_ratings,
                    blank: y.blank,
                    unreadable: y.unreadable,
                };
                (y.label.as_str(), year)
            })
            .collect();
        let doc = Doc {
            years,
            slippage: &slippage,
            problems,
        };
        println!(
            "{}",
            serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?
        );
        return Ok(());
    }

    println!("# Problem reports\n");
    for release in releases.releases() {
        let sheet = &release.sheet;
        println!(
            "{} ({}, as at {}; {} {}, {}{}; {} problems)",
            sheet.file,
            release.label,
            release.as_of,
            sheet.rows.len(),
            if sheet.transposed { "columns" } else { "rows" },
            sheet.encoding,
            if sheet.transposed {
                ", one project per column"
            } else {
                ""
            },
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
    if !history.problems.is_empty() {
        println!("\n# Projects matched across releases by name\n");
        for p in &history.problems {
            println!("  {} line {}: {}", p.file, p.line, p.message);
        }
    }

    println!("\n# Assessor's delivery confidence per year\n");
    for y in &summary {
        let mut cells: Vec<String> = y.ratings.iter().map(|(k, n)| format!("{k}: {n}")).collect();
        cells.extend(y.non_ratings.iter().map(|(k, n)| format!("[{k}]: {n}")));
        if y.blank > 0 {
            cells.push(format!("[blank]: {}", y.blank));
        }
        if y.unreadable > 0 {
            cells.push(format!("[unreadable]: {}", y.unreadable));
        }
        println!("{} ({} projects): {}", y.label, y.items, cells.join(", "));
    }

    println!("\n# End-date slippage\n");
    for item in &slippage {
        match &item.slippage {
            Some(s) => println!(
                "{}: {} → {} ({:+} days; {} of {} releases dated)",
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
