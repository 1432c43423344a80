//! `docs/status-rules.md` is executable: its rule table must match `status::RULES`, and
//! every example in it (the rule table's, the worked situations' and the "More examples"
//! table's) must give the status, rating and rule the document shows; the reader's
//! sentences must be the ones shown.

use std::error::Error as StdError;

use chrono::NaiveDate;
use roadmap_tracker::status::{
    CommitmentStatus, DerivedStatus, Evaluator, Rag, Rules, Vocabularies, RULES,
};
use roadmap_tracker::{
    DeadlineText, EvidenceDate, Extra, Node, NodeKind, Roadmap, Source, StatusUpdate,
};

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

const DOC: &str = include_str!("../../docs/status-rules.md");

/// The rows of the markdown table whose header starts with `header`.
fn table(header: &str) -> Result<Vec<Vec<String>>> {
    let mut lines = DOC.lines().skip_while(|l| !l.starts_with(header));
    lines
        .next()
        .ok_or(format!("no table with header {header:?}"))?;
    lines.next(); // the |---| line
    let rows = lines
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_owned())
                .collect()
        })
        .collect();
    Ok(rows)
}

fn unquote(cell: &str) -> &str {
    cell.trim().trim_matches('`')
}

fn date(s: &str) -> Result<NaiveDate> {
    Ok(NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")?)
}

/// A quoted string at the start of `s`, and the rest.
fn quoted(s: &str) -> Result<(String, &str)> {
    let s = s.trim_start();
    let body = s
        .strip_prefix('"')
        .ok_or(format!("expected a quote in {s:?}"))?;
    let end = body
        .find('"')
        .ok_or(format!("unterminated quote in {s:?}"))?;
    Ok((body[..end].to_owned(), &body[end + 1..]))
}

struct Example {
    rules: Rules,
    roadmap: Roadmap,
    as_of: NaiveDate,
}

/// Parse `deadline "PHRASE" DATE; update DATE "LABEL" [delivered DATE] [new "PHRASE" DATE];
/// expectation; rules k=v; as of DATE`. Update and delivery dates take every evidence form.
fn example(text: &str) -> Result<Example> {
    let start = date("2026-01-01")?;
    let mut roadmap = Roadmap::new("doc", "Doc", "Us", start);
    roadmap.sources.push(Source {
        id: "src".into(),
        title: "A source".into(),
        publisher: String::new(),
        date: None,
        url: String::new(),
        extra: Extra::new(),
    });
    roadmap.nodes.push(Node::new("s", NodeKind::Section, "S"));
    roadmap
        .nodes
        .push(Node::new("a", NodeKind::Area, "A").with_parent("s"));
    let mut commitment = Node::new("c", NodeKind::Commitment, "C").with_parent("a");
    let mut rules = Rules::default();
    let mut as_of = None;
    for clause in unquote(text).split("; ") {
        if let Some(rest) = clause.strip_prefix("deadline ") {
            let (phrase, rest) = quoted(rest)?;
            commitment = commitment.with_deadline(phrase, date(rest)?);
        } else if let Some(rest) = clause.strip_prefix("update ") {
            let (day, rest) = rest
                .split_once(' ')
                .ok_or("update needs a date and a label")?;
            let (label, mut rest) = quoted(rest)?;
            let mut delivered_on = None;
            let mut new_deadline = None;
            loop {
                let r = rest.trim();
                if let Some(d) = r.strip_prefix("delivered ") {
                    let (d, more) = d.split_once(' ').unwrap_or((d, ""));
                    delivered_on = Some(d.parse::<EvidenceDate>()?);
                    rest = more;
                } else if let Some(n) = r.strip_prefix("new ") {
                    let (phrase, more) = quoted(n)?;
                    let more = more.trim();
                    let (d, more) = more.split_once(' ').unwrap_or((more, ""));
                    new_deadline = Some(DeadlineText {
                        phrase,
                        written_on: date(d)?,
                        source: None,
                    });
                    rest = more;
                } else if r.is_empty() {
                    break;
                } else {
                    return Err(format!("unexpected {rest:?} in {clause:?}").into());
                }
            }
            roadmap.updates.push(StatusUpdate {
                node: "c".into(),
                date: day.parse::<EvidenceDate>()?,
                status: label,
                source: "src".into(),
                note: String::new(),
                delivered_on,
                new_deadline,
                extra: Extra::new(),
            });
        } else if clause == "expectation" {
            commitment.expectation = true;
        } else if let Some(rest) = clause.strip_prefix("rules ") {
            for setting in rest.split([' ', ',']).filter(|s| !s.is_empty()) {
                let (key, value) = setting.split_once('=').ok_or("rules need key=value")?;
                match key {
                    "grace_days" => rules.grace_days = value.parse()?,
                    "from_grace_days" => rules.from_grace_days = value.parse()?,
                    "staleness_days" if value == "none" => rules.staleness_days = None,
                    "staleness_days" => rules.staleness_days = Some(value.parse()?),
                    "vocabularies" => {
                        let names: Vec<&str> = value.split('+').collect();
                        rules.vocabularies = Vocabularies::from_names(&names)?;
                    }
                    _ => return Err(format!("unknown rule option {key:?}").into()),
                }
            }
        } else if let Some(rest) = clause.strip_prefix("as of ") {
            as_of = Some(date(rest)?);
        } else {
            return Err(format!("cannot read clause {clause:?}").into());
        }
    }
    roadmap.nodes.push(commitment);
    Ok(Example {
        rules,
        roadmap,
        as_of: as_of.ok_or("an example needs `as of DATE`")?,
    })
}

/// Evaluate an example's commitment.
fn status(text: &str) -> Result<CommitmentStatus> {
    let ex = example(text)?;
    // Well formed; only what the `unreadable` example cannot read may be reported.
    if let Err(e) = ex.roadmap.validate() {
        let readability = |p: &roadmap_tracker::Problem| {
            p.code == roadmap_tracker::ErrorCode::UnknownLabel
                || p.code.kind() == roadmap_tracker::ErrorKind::Deadline
        };
        if !e.problems().iter().all(readability) {
            return Err(e.into());
        }
    }
    let evaluator = Evaluator::new(ex.roadmap.clone(), ex.rules)?;
    Ok(evaluator
        .status_of("c", ex.as_of)
        .ok_or("no status for c")?)
}

/// Run an example: (status, rating, rule).
fn run(text: &str) -> Result<(DerivedStatus, Rag, &'static str)> {
    let s = status(text)?;
    Ok((s.status, s.rag, s.rule))
}

/// Check a table of `| NAME | example | status | RAG | rule |` rows.
fn check_results(header: &str, at_least: usize) -> Result<()> {
    let rows = table(header)?;
    assert!(rows.len() >= at_least, "{header}: {} rows", rows.len());
    let mut failures = Vec::new();
    for row in rows {
        let [case, text, status, rag, rule] = row.as_slice() else {
            return Err(format!("an example row needs 5 cells: {row:?}").into());
        };
        let want = (
            unquote(status).to_owned(),
            rag.clone(),
            unquote(rule).to_owned(),
        );
        match run(text) {
            Ok((s, r, got_rule)) => {
                let got = (
                    s.as_str().to_owned(),
                    r.as_str().to_owned(),
                    got_rule.to_owned(),
                );
                if got != want {
                    failures.push(format!("{case}: expected {want:?}, got {got:?}"));
                }
            }
            Err(e) => failures.push(format!("{case}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

#[test]
fn every_worked_situation_gives_its_result() -> Result<()> {
    check_results("| situation | example |", 8)
}

#[test]
fn every_reader_sentence_is_the_one_shown() -> Result<()> {
    let rows = table("| status | example | sentence |")?;
    assert!(rows.len() >= 10);
    let mut failures = Vec::new();
    for row in rows {
        let [name, text, sentence] = row.as_slice() else {
            return Err(format!("a sentence row needs 3 cells: {row:?}").into());
        };
        match status(text) {
            Ok(s) => {
                if s.status.as_str() != unquote(name) || s.reason() != *sentence {
                    failures.push(format!(
                        "{text}: expected {} {sentence:?}, got {} {:?}",
                        unquote(name),
                        s.status,
                        s.reason()
                    ));
                }
            }
            Err(e) => failures.push(format!("{text}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

#[test]
fn the_rule_table_matches_the_code() -> Result<()> {
    let rows = table("| rule | when |")?;
    assert_eq!(
        rows.len(),
        RULES.len(),
        "the table and RULES differ in length"
    );
    for (row, rule) in rows.iter().zip(RULES) {
        let [id, when, status, rag, _example] = row.as_slice() else {
            return Err(format!("a rule row needs 5 cells: {row:?}").into());
        };
        assert_eq!(unquote(id), rule.id);
        assert_eq!(when, rule.when, "the condition of {}", rule.id);
        assert_eq!(
            unquote(status),
            rule.status.as_str(),
            "the status of {}",
            rule.id
        );
        assert_eq!(rag, rule.rag.as_str(), "the rating of {}", rule.id);
    }
    Ok(())
}

#[test]
fn every_rule_example_gives_its_rule() -> Result<()> {
    let mut failures = Vec::new();
    for row in table("| rule | when |")? {
        let [id, _, status, rag, text] = row.as_slice() else {
            return Err(format!("a rule row needs 5 cells: {row:?}").into());
        };
        let want = (
            unquote(status).to_owned(),
            rag.clone(),
            unquote(id).to_owned(),
        );
        match run(text) {
            Ok((s, r, rule)) => {
                let got = (
                    s.as_str().to_owned(),
                    r.as_str().to_owned(),
                    rule.to_owned(),
                );
                if got != want {
                    failures.push(format!("{text}: expected {want:?}, got {got:?}"));
                }
            }
            Err(e) => failures.push(format!("{text}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

#[test]
fn every_further_example_gives_its_result() -> Result<()> {
    check_results("| case | example |", 20)
}

#[test]
fn every_rule_has_an_example_and_every_status_a_row() -> Result<()> {
    // Each status the rules can give appears in the derived-status table, with its weight.
    let statuses = table("| status | meaning |")?;
    let names: Vec<String> = statuses
        .iter()
        .filter_map(|r| r.first())
        .map(|c| unquote(c).to_owned())
        .collect();
    let all: Vec<&str> = DerivedStatus::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(names, all);
    let weights = roadmap_tracker::score::Weights::default();
    for row in &statuses {
        let [name, _, weight, ..] = row.as_slice() else {
            return Err(format!("a status row needs a weight: {row:?}").into());
        };
        let status: DerivedStatus = unquote(name).parse()?;
        let documented = if weight == "not counted" {
            None
        } else {
            Some(weight.parse::<f64>()?)
        };
        assert_eq!(documented, weights.get(status), "the weight of {status}");
    }
    // The options table shows the defaults.
    let rules = Rules::default();
    assert_eq!(rules.staleness_days, Some(180));
    assert_eq!(rules.grace_days, 0);
    assert_eq!(rules.from_grace_days, 30);
    Ok(())
}
