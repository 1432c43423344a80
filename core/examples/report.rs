//! A progress report of a roadmap as of a date.
//!
//! ```text
//! cargo run --example report -- [ROADMAP] [--as-of YYYY-MM-DD] [--since YYYY-MM-DD]
//!                                [--rules RULES.json] [--format text|markdown|json|csv|html]
//! ```
//!
//! `ROADMAP` is a roadmap JSON file or a directory of CSV tables (`roadmap.csv`,
//! `nodes.csv`, …); without it, the bundled UK digital government roadmap. `--as-of`
//! defaults to today (the only place the clock is read); `--since` adds the list of what
//! changed between that date and the as-of date, with reasons. `--format html` writes one
//! self-contained page to publish as it is. `--help` prints the usage to standard output.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use roadmap_tracker::io::Format;
use roadmap_tracker::report::ReportFormat;
use roadmap_tracker::status::{Evaluator, Rules};
use roadmap_tracker::Roadmap;

struct Args {
    help: bool,
    roadmap: Option<String>,
    as_of: Option<NaiveDate>,
    since: Option<NaiveDate>,
    rules: Option<String>,
    format: String,
}

const USAGE: &str = "\
usage: report [ROADMAP.json | CSV-DIR] [--as-of YYYY-MM-DD] [--since YYYY-MM-DD]
              [--rules RULES.json] [--format text|markdown|json|csv|html]

The progress report of a roadmap as of a date: a summary (rating, what is overdue, what
falls due in the next 90 days, what changed, the evidence it rests on), then every
commitment with its owner, deadline, status, reason and latest update.

  ROADMAP      a roadmap JSON file or a directory of CSV tables (default: the bundled
               UK roadmap for digital government)
  --as-of      the date to judge (default: today)
  --since      an earlier date: list what changed since then, with reasons
  --rules      status rules as JSON (default: the built-in rules)
  --format     text (default), markdown, json, csv, or html (one self-contained page)
  -h, --help   print this help and exit";

fn date_arg(flag: &str, value: Option<String>) -> Result<NaiveDate, String> {
    let value = value.ok_or_else(|| format!("{flag} needs a date"))?;
    roadmap_tracker::dates::parse_iso_date(&value)
        .map_err(|why| format!("{flag} {value:?}: {}", why.message()))
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        help: false,
        roadmap: None,
        as_of: None,
        since: None,
        rules: None,
        format: "text".into(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--as-of" => args.as_of = Some(date_arg("--as-of", it.next())?),
            "--since" => args.since = Some(date_arg("--since", it.next())?),
            "--rules" => args.rules = Some(it.next().ok_or("--rules needs a file")?),
            "--format" => args.format = it.next().ok_or("--format needs a value")?,
            "-h" | "--help" => args.help = true,
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"))
            }
            path if args.roadmap.is_none() => args.roadmap = Some(path.into()),
            extra => return Err(format!("unexpected argument {extra:?}\n{USAGE}")),
        }
    }
    Ok(args)
}

fn today() -> Result<NaiveDate, String> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs();
    let secs = i64::try_from(secs).map_err(|e| e.to_string())?;
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.date_naive())
        .ok_or_else(|| "the clock is out of range".to_string())
}

fn load(path: Option<&str>) -> Result<Roadmap, roadmap_tracker::Error> {
    match path {
        None => Ok(Roadmap::uk_digital_2026().clone()),
        // A directory of tidy tables, or anything else as JSON.
        Some(p) if Path::new(p).is_dir() => Roadmap::load(p, Some(Format::CsvTables), None),
        Some(p) => Roadmap::load(p, Some(Format::Json), None),
    }
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    if args.help {
        println!("{USAGE}");
        return Ok(());
    }
    let as_of = match args.as_of {
        Some(d) => d,
        None => today()?,
    };
    let roadmap = load(args.roadmap.as_deref()).map_err(|e| e.to_string())?;
    let rules = match &args.rules {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            Rules::from_json(&text).map_err(|e| format!("{path}: {e}"))?
        }
        None => Rules::default(),
    };
    let evaluator = Evaluator::new(roadmap, rules).map_err(|e| e.to_string())?;
    let report = evaluator.report(as_of, args.since);
    let format: ReportFormat = args
        .format
        .parse()
        .map_err(|e: roadmap_tracker::Error| e.message().into_owned())?;
    let out = report.render(format).map_err(|e| e.to_string())?;
    print!("{out}");
    if !out.ends_with('\n') {
        println!();
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("report: {message}");
            ExitCode::FAILURE
        }
    }
}
