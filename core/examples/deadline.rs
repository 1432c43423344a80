//! Read deadline phrases from stdin and print one JSON object per line.
//!
//! ```text
//! cargo run --release --example deadline -- [--written-on YYYY-MM-DD] [--as-of YYYY-MM-DD] [--find]
//! ```
//!
//! Each input line is `PHRASE` or `YYYY-MM-DD<TAB>PHRASE` (the date of the document that
//! used the phrase; otherwise `--written-on`, otherwise today). Each output line is
//! `{"phrase", "written_on", "kind", "earliest", "latest", "granularity", "edtf", "rules"}`,
//! or `{"phrase", "written_on", "error": {"code", "message", "start", "end"}}` for a phrase
//! that is refused; with `--as-of`, accepted phrases also get `"judgment": {"state",
//! "days", "rule"}`. It streams: output is written as input is read.
//!
//! With `--find`, each line is running text (`YYYY-MM-DD<TAB>TEXT`), read with
//! `deadline::find`: the output object is the first expression found, in the shape above
//! (its `phrase` is the expression) plus `"span": [start, end]` (byte offsets into the
//! text) and `"cues"`, with the other expressions, in the same shape, under `"others"`; a
//! text that is refused prints as a refused phrase does.
//!
//! ```text
//! $ printf 'summer 2026\n2026-06-04\tby the end of the year\nby Marchh\n' \
//!     | cargo run -q --example deadline -- --written-on 2026-01-19
//! ```

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use chrono::NaiveDate;
use roadmap_tracker::deadline::{Conventions, Deadline, Found};
use roadmap_tracker::Error as DeadlineError;
use serde::Serialize;

#[derive(Serialize)]
struct Accepted<'a> {
    phrase: &'a str,
    written_on: String,
    kind: &'static str,
    earliest: Option<String>,
    latest: Option<String>,
    granularity: &'static str,
    edtf: Option<String>,
    rules: &'a [&'static str],
    #[serde(skip_serializing_if = "Option::is_none")]
    judgment: Option<roadmap_tracker::deadline::Judgment>,
}

/// One expression found by `--find`: the accepted shape, its span and cues.
#[derive(Serialize)]
struct FoundOut<'a> {
    #[serde(flatten)]
    accepted: Accepted<'a>,
    span: (usize, usize),
    cues: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    others: Vec<FoundOut<'a>>,
}

fn found_out(f: &Found, as_of: Option<NaiveDate>) -> FoundOut<'_> {
    FoundOut {
        accepted: accepted(f.text(), f.deadline(), as_of),
        span: f.span(),
        cues: f.cues().collect(),
        others: Vec::new(),
    }
}

#[derive(Serialize)]
struct Refused<'a> {
    phrase: &'a str,
    written_on: String,
    error: ErrorOut<'a>,
}

#[derive(Serialize)]
struct ErrorOut<'a> {
    code: &'static str,
    message: std::borrow::Cow<'a, str>,
    start: Option<usize>,
    end: Option<usize>,
}

fn accepted<'a>(phrase: &'a str, d: &'a Deadline, as_of: Option<NaiveDate>) -> Accepted<'a> {
    Accepted {
        phrase,
        written_on: d.written_on().to_string(),
        kind: d.kind().as_str(),
        earliest: d.earliest().map(|x| x.to_string()),
        latest: d.latest().map(|x| x.to_string()),
        granularity: d.granularity().as_str(),
        edtf: d.edtf(),
        rules: d.rules(),
        judgment: as_of.map(|a| d.judge(a, None)),
    }
}

fn refused<'a>(phrase: &'a str, written_on: NaiveDate, e: &'a DeadlineError) -> Refused<'a> {
    Refused {
        phrase,
        written_on: written_on.to_string(),
        error: ErrorOut {
            code: e.code().as_str(),
            message: e.message(),
            start: e.span().map(|s| s.0),
            end: e.span().map(|s| s.1),
        },
    }
}

fn date(flag: &str, value: Option<String>) -> Result<NaiveDate, String> {
    let value = value.ok_or_else(|| format!("{flag} needs a date"))?;
    roadmap_tracker::dates::parse_iso_date(&value)
        .map_err(|why| format!("{flag} {value:?}: {}", why.message()))
}

fn today() -> Result<NaiveDate, String> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs();
    chrono::DateTime::from_timestamp(i64::try_from(secs).map_err(|e| e.to_string())?, 0)
        .map(|t| t.date_naive())
        .ok_or_else(|| "the clock is out of range".to_string())
}

fn run() -> Result<(), String> {
    let mut written_on = None;
    let mut as_of = None;
    let mut find = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--written-on" => written_on = Some(date("--written-on", args.next())?),
            "--as-of" => as_of = Some(date("--as-of", args.next())?),
            "--find" => find = true,
            other => {
                return Err(format!(
                    "unknown argument {other:?}\nusage: deadline [--written-on YYYY-MM-DD] [--as-of YYYY-MM-DD] [--find] < phrases"
                ))
            }
        }
    }
    let default_written_on = match written_on {
        Some(d) => d,
        None => today()?,
    };
    let conventions = Conventions::uk();
    let stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut line = String::new();
    let mut reader = io::BufReader::new(stdin);
    let mut number = 0usize;
    let mut raw = Vec::new();
    loop {
        line.clear();
        raw.clear();
        // Bytes, not `read_line`, so a line of invalid UTF-8 is read (lossily), not fatal.
        let n = reader
            .read_until(b'\n', &mut raw)
            .map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        number += 1;
        line.push_str(&String::from_utf8_lossy(&raw));
        let text = line.trim_end_matches(['\n', '\r']);
        let (written, phrase) = match text.split_once('\t') {
            Some((d, p)) => match roadmap_tracker::dates::parse_iso_date(d) {
                Ok(d) => (d, p),
                Err(why) => {
                    let error = serde_json::json!({
                        "phrase": p,
                        "written_on": d,
                        "error": {"code": "invalid_written_on", "message": why.message(), "line": number},
                    });
                    writeln!(out, "{error}").map_err(|e| e.to_string())?;
                    continue;
                }
            },
            None => (default_written_on, text),
        };
        let json = if find {
            match conventions.find(phrase, written) {
                Ok(found) => {
                    let mut all = found.iter().map(|f| found_out(f, as_of));
                    match all.next() {
                        Some(mut first) => {
                            first.others = all.collect();
                            serde_json::to_string(&first)
                        }
                        None => Ok(String::new()),
                    }
                }
                Err(e) => serde_json::to_string(&refused(phrase, written, &e)),
            }
        } else {
            match conventions.parse(phrase, written) {
                Ok(d) => serde_json::to_string(&accepted(phrase, &d, as_of)),
                Err(e) => serde_json::to_string(&refused(phrase, written, &e)),
            }
        }
        .map_err(|e| e.to_string())?;
        writeln!(out, "{json}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("deadline: {message}");
            ExitCode::FAILURE
        }
    }
}
