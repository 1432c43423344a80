//! `docs/indicators.md` is executable: every example in its "Examples" table gives the
//! status, judged result, progress, trend and rating the document shows, and every
//! example in its "Errors" table the code and location it shows.

use std::error::Error as StdError;

use chrono::NaiveDate;
use roadmap_tracker::deadline::Conventions;
use roadmap_tracker::indicator::{Indicator, IndicatorEvaluation, IndicatorResult};
use roadmap_tracker::target::{RagProfile, Target, TargetDate};
use roadmap_tracker::Direction;

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

const DOC: &str = include_str!("../../docs/indicators.md");

/// The rows of the markdown table whose header starts with `header`.
fn table(header: &str) -> Result<Vec<Vec<String>>> {
    let mut lines = DOC.lines().skip_while(|l| !l.starts_with(header));
    lines
        .next()
        .ok_or(format!("no table with header {header:?}"))?;
    lines.next(); // the |---| line
    Ok(lines
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().trim_matches('`').to_owned())
                .collect()
        })
        .collect())
}

fn date(s: &str) -> Result<NaiveDate> {
    Ok(NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")?)
}

fn num(s: &str) -> Result<f64> {
    Ok(s.trim().parse::<f64>()?)
}

/// Parse an example: `TARGET; date D | deadline "P" D; [baseline V]; [direction X];
/// result D V|none ...; [profile ID]; as of D`.
fn example(text: &str) -> Result<(Indicator, RagProfile, NaiveDate)> {
    let mut target = None;
    let mut target_date = None;
    let mut baseline = None;
    let mut direction = None;
    let mut results = Vec::new();
    let mut profile = "target".to_owned();
    let mut as_of = None;
    for clause in text.split("; ") {
        let words: Vec<&str> = clause.split_whitespace().collect();
        match words.as_slice() {
            ["minimum", v] => target = Some(Target::at_least(num(v)?)),
            ["above", v] => target = Some(Target::above(num(v)?)),
            ["maximum", v] => target = Some(Target::at_most(num(v)?)),
            ["below", v] => target = Some(Target::below(num(v)?)),
            ["exact", v] => target = Some(Target::exact(num(v)?)),
            ["exact", v, "tolerance", t] => {
                target = Some(Target::exact(num(v)?).with_tolerance(num(t)?))
            }
            ["range", lo, hi] => target = Some(Target::range(num(lo)?, num(hi)?)),
            ["trajectory", v] => target = Some(Target::trajectory(num(v)?)),
            ["date", d] => target_date = Some(TargetDate::On(date(d)?)),
            ["deadline", ..] => {
                let rest = clause.trim_start_matches("deadline ");
                let (phrase, written) = rest
                    .strip_prefix('"')
                    .and_then(|r| r.split_once('"'))
                    .ok_or(format!("bad deadline clause {clause:?}"))?;
                target_date = Some(TargetDate::deadline(phrase, date(written)?));
            }
            ["baseline", v] => baseline = Some(num(v)?),
            ["direction", d] => direction = Some(d.parse::<Direction>()?),
            ["result", d, "none"] => results.push(IndicatorResult::new(date(d)?, None)),
            ["result", d, v] => results.push(IndicatorResult::new(date(d)?, Some(num(v)?))),
            ["profile", id] => profile = (*id).to_owned(),
            ["as", "of", d] => as_of = Some(date(d)?),
            _ => return Err(format!("unknown clause {clause:?}").into()),
        }
    }
    let mut i = Indicator::new(
        "doc",
        target.ok_or("no target")?,
        target_date.ok_or("no target date")?,
    );
    i.baseline = baseline;
    i.direction = direction;
    i.results = results;
    let profile = RagProfile::builtin(&profile)?;
    Ok((i, profile, as_of.ok_or("no as-of date")?))
}

fn run(text: &str) -> Result<IndicatorEvaluation> {
    let (i, profile, as_of) = example(text)?;
    Ok(i.evaluate(as_of, &profile, &Conventions::default())?)
}

fn optional(cell: &str) -> Option<&str> {
    (cell != "—").then_some(cell)
}

#[test]
fn every_example_gives_what_the_document_shows() -> Result<()> {
    let rows = table("| example | status | judged | progress | trend | RAG |")?;
    assert!(rows.len() >= 20, "{} examples", rows.len());
    for row in rows {
        let [text, status, judged, progress, trend, rag] = row.as_slice() else {
            panic!("bad row {row:?}");
        };
        let e = run(text)?;
        assert_eq!(e.status.as_str(), status, "status of {text}: {}", e.reason);
        assert_eq!(
            e.judged.as_ref().map(|j| j.value),
            optional(judged).map(num).transpose()?,
            "judged result of {text}"
        );
        match (e.progress, optional(progress)) {
            (None, None) => {}
            (Some(got), Some(want)) => {
                assert!((got - num(want)?).abs() < 5e-4, "progress of {text}: {got}")
            }
            (got, want) => panic!("progress of {text}: {got:?}, document says {want:?}"),
        }
        assert_eq!(
            e.trend.map(|t| t.as_str()),
            optional(trend),
            "trend of {text}"
        );
        assert_eq!(e.rag.as_str(), rag, "RAG of {text}");
    }
    Ok(())
}

#[test]
fn every_error_example_gives_its_code_and_location() -> Result<()> {
    let rows = table("| example | code | location |")?;
    assert!(rows.len() >= 5);
    for row in rows {
        let [text, code, location] = row.as_slice() else {
            panic!("bad row {row:?}");
        };
        let err = match example(text) {
            Err(e) => e
                .downcast::<roadmap_tracker::Error>()
                .map_err(|e| format!("{text}: {e}"))?,
            Ok((i, profile, as_of)) => match i.evaluate(as_of, &profile, &Conventions::default()) {
                Ok(e) => panic!("{text} evaluated: {e:?}"),
                Err(e) => Box::new(e),
            },
        };
        assert_eq!(err.code().as_str(), code, "code of {text}: {err}");
        let at = err.location().to_string();
        assert_eq!(optional(location).unwrap_or(""), at, "location of {text}");
    }
    Ok(())
}

#[test]
fn the_profile_table_lists_the_built_in_profiles() -> Result<()> {
    let rows = table("| profile | rates against | green | amber | red |")?;
    let documented: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let built_in: Vec<String> = RagProfile::builtins().into_iter().map(|p| p.id).collect();
    assert_eq!(documented, built_in);
    Ok(())
}

#[test]
fn the_target_type_table_matches_the_json_forms() -> Result<()> {
    let rows = table("| type | JSON | met when the value is |")?;
    assert_eq!(rows.len(), 7);
    for row in rows {
        let t: Target = serde_json::from_str(&row[1])?;
        assert!(
            row[0].starts_with(t.target_type().as_str()),
            "{} is a {}",
            row[1],
            t.target_type().as_str()
        );
    }
    Ok(())
}

#[test]
fn missing_data_is_never_zero() -> Result<()> {
    // Had the missing result been read as 0, a maximum of 18 would be met and green.
    let e = run("maximum 18; date 2026-03-31; result 2026-03-31 none; as of 2026-06-01")?;
    assert_eq!(e.missing, 1);
    assert!(e.latest.is_none());
    assert_eq!(e.status.as_str(), "not_available");
    Ok(())
}

#[test]
fn an_indicator_reads_from_json() -> Result<()> {
    let i: Indicator = serde_json::from_str(
        r#"{"id": "take-up", "unit": "%", "target": {"type": "minimum", "value": 80},
            "target_date": {"phrase": "by March 2026", "written_on": "2025-04-01"},
            "baseline": 60,
            "results": [{"date": "2026-03-31", "value": 76}, {"date": "2026-06-30", "value": null}]}"#,
    )?;
    let e = i.evaluate(
        date("2026-07-01")?,
        &RagProfile::builtin("within-10-percent")?,
        &Conventions::default(),
    )?;
    assert_eq!(e.status.as_str(), "not_met");
    assert_eq!(e.target_date, date("2026-03-31")?);
    assert_eq!(e.missing, 1);
    assert_eq!(e.rag.as_str(), "amber");
    assert_eq!(
        e.reason,
        "76 % on 2026-03-31 does not meet the target (at least 80) due by 2026-03-31"
    );
    // A NaN result is refused, with its location.
    let mut bad = i.clone();
    bad.results[0].value = Some(f64::NAN);
    let err = bad
        .evaluate(
            date("2026-07-01")?,
            &RagProfile::builtin("target")?,
            &Conventions::default(),
        )
        .unwrap_err();
    assert_eq!(err.location().to_string(), "results[0].value");
    Ok(())
}
