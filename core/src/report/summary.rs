//! The report's opening summary: what a reader needs before the detail.
//!
//! [`ReportSummary`] is built from the report's tree, so it cannot disagree with it: the
//! overall rating and headline counts, what is past its deadline (and whether a report
//! dated after the deadline confirms it), what falls due in the next [`DUE_SOON_DAYS`]
//! days, what changed since the earlier date, how recent the evidence is and which
//! sources it rests on. Its [`ReportSummary::lines`] are the same sentences in every
//! rendering (text, Markdown, HTML) and in the bindings; its [`ReportSummary::notes`]
//! explain the rules and the score, from the rules the report was made with.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{Report, ReportNode};
use crate::deadline::{DeadlineKind, DeadlineState};
use crate::model::{NodeKind, Roadmap};
use crate::score::NodeScore;
use crate::status::{DerivedStatus, Rag, Rules};

/// How far ahead the summary looks for deadlines falling due, in days.
pub const DUE_SOON_DAYS: u32 = 90;

/// The opening summary of a [`Report`]: what a reader needs before the detail.
///
/// ```
/// use roadmap_tracker::status::{Evaluator, Rules};
/// use roadmap_tracker::Roadmap;
/// use chrono::NaiveDate;
/// let evaluator = Evaluator::new(Roadmap::uk_digital_2026(), Rules::default())?;
/// let report = evaluator.report(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(), None);
/// let s = &report.summary;
/// assert_eq!(s.due_soon_until, NaiveDate::from_ymd_opt(2027, 2, 22).unwrap());
/// assert!(s.lines[0].starts_with("Overall rating: amber"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct ReportSummary {
    /// The roadmap's overall rating (its score's RAG).
    pub rating: Rag,
    /// The roadmap's score, 0 to 1, if any commitment counts.
    pub score: Option<f64>,
    /// Commitments and milestones past their deadline with no delivery reported, in
    /// roadmap order.
    pub overdue: Vec<SummaryItem>,
    /// The last day of the look-ahead: the report's date plus [`DUE_SOON_DAYS`].
    #[serde(serialize_with = "crate::dates::serde_date::serialize")]
    pub due_soon_until: NaiveDate,
    /// Commitments and milestones not delivered whose deadline falls from the report's
    /// date to `due_soon_until`, in roadmap order.
    pub due_soon: Vec<SummaryItem>,
    /// What changed since the report's `since` date, with titles, in the report's order.
    pub changes: Vec<SummaryChange>,
    /// The date of the latest progress report that any status rests on (for a report
    /// dated only to a month, quarter or year, its last day).
    #[serde(serialize_with = "crate::dates::serde_date::option::serialize")]
    pub latest_evidence: Option<NaiveDate>,
    /// The sources of the progress reports the statuses rest on, latest first.
    pub sources: Vec<SummarySource>,
    /// Titles of the areas and sub-categories with no commitment or milestone below them,
    /// which the text, Markdown and HTML renderings leave out (and name in a footnote).
    pub empty_groups: Vec<String>,
    /// The summary in sentences, as every rendering prints it.
    pub lines: Vec<String>,
    /// How the statuses and the score are reached, from the report's rules.
    pub notes: Vec<String>,
}

/// A commitment or milestone named in the summary.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct SummaryItem {
    /// The node's id.
    pub node: String,
    /// Its title.
    pub title: String,
    /// `commitment` or `milestone`.
    pub kind: NodeKind,
    /// Its derived status.
    pub status: DerivedStatus,
    /// Its rating.
    pub rag: Rag,
    /// The day it is due: the window's last day, or its first for a `from` deadline.
    #[serde(serialize_with = "crate::dates::serde_date::option::serialize")]
    pub due_on: Option<NaiveDate>,
    /// For an overdue item: whether a progress report dated after `due_on` still reported
    /// it undelivered (`false`: no report since the deadline passed). `None` otherwise.
    pub confirmed: Option<bool>,
    /// The status's reason, as the evaluator wrote it.
    pub reason: String,
}

/// A change of status named in the summary.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct SummaryChange {
    /// The node's id.
    pub node: String,
    /// Its title.
    pub title: String,
    /// The status at the earlier date.
    pub from: DerivedStatus,
    /// The status at the report's date.
    pub to: DerivedStatus,
    /// Why it is now `to`, as the evaluator wrote it.
    pub reason: String,
}

/// A source that statuses rest on.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct SummarySource {
    /// The source's id in the roadmap.
    pub id: String,
    /// Its title (the id when the roadmap does not list the source).
    pub title: String,
    /// Its publisher (empty when unknown).
    pub publisher: String,
    /// Its date, if known.
    #[serde(serialize_with = "crate::dates::serde_date::option::serialize")]
    pub date: Option<NaiveDate>,
    /// Its address (empty when unknown).
    pub url: String,
    /// How many statuses rest on a report from it.
    pub statuses: usize,
}

/// A date as a reader writes it: "4 June 2026".
///
/// ```
/// use roadmap_tracker::report::long_date;
/// assert_eq!(long_date(chrono::NaiveDate::from_ymd_opt(2026, 6, 4).unwrap()), "4 June 2026");
/// ```
pub fn long_date(d: NaiveDate) -> String {
    let mut out = String::new();
    crate::status::day_text(&mut out, d);
    out
}

/// An evidence date as a reader writes it: "4 June 2026" for a day, "June 2026" for a
/// month, "on or before 4 June 2026", else as the source gave it ("2026-Q2", "2026").
pub(crate) fn evidence_words(d: crate::model::EvidenceDate) -> String {
    let latest = d.latest();
    match (d.earliest(), d.as_day()) {
        (_, Some(day)) => long_date(day),
        (None, None) => format!("on or before {}", long_date(latest)),
        (Some(first), None) if first.day() == 1 && first.month() == latest.month() => {
            format!(
                "{} {}",
                crate::dates::month_name(first.month()),
                first.year()
            )
        }
        _ => d.to_string(),
    }
}

/// "1 thing" / "2 things".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl SummaryChange {
    /// "was due now, now overdue", or "still overdue, with a new progress report" when
    /// only the evidence changed.
    ///
    /// ```
    /// # use roadmap_tracker::{status::{Evaluator, Rules}, Roadmap};
    /// # use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    /// // The roadmap as the seed article alone described it (a test fixture).
    /// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
    /// let report = Evaluator::new(roadmap, Rules::default())?.report(d(11, 24), Some(d(6, 4)));
    /// let c = report.summary.changes.iter().find(|c| c.node == "central-local-leadership").unwrap();
    /// assert_eq!(c.words(), "was due now, now overdue (unconfirmed)");
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn words(&self) -> String {
        if self.from == self.to {
            format!(
                "still {}, with a new progress report",
                status_words(self.to)
            )
        } else {
            format!(
                "was {}, now {}",
                status_words(self.from),
                status_words(self.to)
            )
        }
    }
}

/// A status as the summary names it: its phrase, with "no deadline" in brackets so that
/// it reads in a list.
pub(crate) fn status_words(s: DerivedStatus) -> &'static str {
    match s {
        DerivedStatus::InProgressNoDeadline => "in progress (no deadline)",
        DerivedStatus::OverdueUnconfirmed => "overdue (unconfirmed)",
        s => s.phrase(),
    }
}

/// A score as a reader reads it: "71 out of 100".
pub(crate) fn score_words(score: Option<f64>) -> String {
    match score {
        Some(v) => format!("{:.0} out of 100", v * 100.0),
        None => "no score".to_owned(),
    }
}

/// The headline counts: "2 met on time, 1 met differently, …" (statuses with none left out).
pub(crate) fn counts_words(s: &NodeScore) -> String {
    let parts: Vec<String> = s
        .counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{n} {}", status_words(k)))
        .collect();
    parts.join(", ")
}

fn walk<'a>(node: &'a ReportNode, out: &mut Vec<&'a ReportNode>, empty: &mut Vec<String>) {
    for child in &node.children {
        if child.kind.is_trackable() {
            out.push(child);
        } else if !has_trackable(child) {
            empty.push(child.title.clone());
            continue;
        }
        walk(child, out, empty);
    }
}

/// Whether a node has a commitment or milestone anywhere below it.
pub(crate) fn has_trackable(node: &ReportNode) -> bool {
    node.children
        .iter()
        .any(|c| c.kind.is_trackable() || has_trackable(c))
}

fn due_on(n: &ReportNode) -> Option<NaiveDate> {
    let d = n.judged_deadline()?;
    if d.kind == DeadlineKind::From {
        d.earliest
    } else {
        d.latest
    }
}

fn item(n: &ReportNode, confirmed: Option<bool>) -> Option<SummaryItem> {
    let s = n.status.as_ref()?;
    Some(SummaryItem {
        node: n.id.clone(),
        title: n.title.clone(),
        kind: n.kind,
        status: s.status,
        rag: s.rag,
        due_on: due_on(n),
        confirmed,
        reason: s.reason(),
    })
}

/// Build the summary of a report whose tree, score and changes are filled in.
pub(crate) fn summarise(report: &Report, roadmap: &Roadmap, rules: &Rules) -> ReportSummary {
    let mut nodes = Vec::new();
    let mut empty_groups = Vec::new();
    for section in &report.sections {
        if has_trackable(section) {
            walk(section, &mut nodes, &mut empty_groups);
        } else {
            empty_groups.push(section.title.clone());
        }
    }
    let as_of = report.as_of;
    let until = as_of
        .checked_add_days(chrono::Days::new(u64::from(DUE_SOON_DAYS)))
        .unwrap_or(NaiveDate::MAX);
    let mut overdue = Vec::new();
    let mut due_soon = Vec::new();
    let mut latest_evidence: Option<NaiveDate> = None;
    // Source id -> (statuses resting on it); in order of first use, looked up by id.
    let mut used: Vec<(String, usize)> = Vec::new();
    let mut used_at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for n in &nodes {
        let Some(s) = n.status.as_ref() else { continue };
        if let Some(u) = &n.update {
            latest_evidence = latest_evidence.max(Some(u.date.latest()));
            match used_at
                .get(u.source.as_str())
                .and_then(|&at| used.get_mut(at))
            {
                Some((_, count)) => *count += 1,
                None => {
                    used_at.insert(u.source.as_str(), used.len());
                    used.push((u.source.clone(), 1));
                }
            }
        }
        // Past the deadline, as the evaluator judged it: confirmed late by evidence dated
        // after the deadline (behind, delayed) or not (overdue, unconfirmed).
        let confirmed = match s.status {
            DerivedStatus::Behind | DerivedStatus::Delayed => Some(true),
            DerivedStatus::OverdueUnconfirmed => Some(false),
            _ => None,
        };
        if confirmed.is_some() {
            overdue.extend(item(n, confirmed));
        } else if matches!(
            s.deadline_state,
            DeadlineState::NotYetDue | DeadlineState::DueNow | DeadlineState::NotStartedYet
        ) && due_on(n).is_some_and(|d| d >= as_of && d <= until)
        {
            due_soon.extend(item(n, None));
        }
    }
    // Lookups by id hold positions: one map type for all of them.
    let listed: std::collections::HashMap<&str, usize> = (roadmap.sources.iter().enumerate())
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let listed = |id: &str| listed.get(id).and_then(|&i| roadmap.sources.get(i));
    let mut sources: Vec<SummarySource> = used
        .into_iter()
        .map(|(id, statuses)| match listed(id.as_str()) {
            Some(src) => SummarySource {
                id,
                title: src.title.clone(),
                publisher: src.publisher.clone(),
                date: src.date,
                url: src.url.clone(),
                statuses,
            },
            None => SummarySource {
                title: id.clone(),
                id,
                publisher: String::new(),
                date: None,
                url: String::new(),
                statuses,
            },
        })
        .collect();
    // Latest first; undated last; a stable sort keeps first use among equals.
    crate::sort::sort_by_key(&mut sources, |s| {
        (s.date.map_or(i64::MAX, |d| -crate::sort::day(d)), 0)
    });
    let titles: std::collections::HashMap<&str, usize> = (nodes.iter().enumerate())
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let title_of = |id: &str| {
        (titles.get(id).and_then(|&i| nodes.get(i)))
            .map_or_else(|| id.to_owned(), |n| n.title.clone())
    };
    let changes: Vec<SummaryChange> = report
        .changes
        .iter()
        .map(|c| SummaryChange {
            node: c.node.clone(),
            title: title_of(&c.node),
            from: c.from,
            to: c.to,
            reason: c.reason(),
        })
        .collect();
    let mut summary = ReportSummary {
        rating: report.score.rag,
        score: report.score.score,
        overdue,
        due_soon_until: until,
        due_soon,
        changes,
        latest_evidence,
        sources,
        empty_groups,
        lines: Vec::new(),
        notes: notes(rules),
    };
    summary.lines = lines(&summary, report);
    summary
}

fn titles(items: &[SummaryItem]) -> String {
    let names: Vec<String> = items.iter().map(|i| format!("“{}”", i.title)).collect();
    names.join("; ")
}

fn lines(s: &ReportSummary, report: &Report) -> Vec<String> {
    let score = &report.score;
    let mut out = Vec::new();
    let counts = counts_words(score);
    out.push(format!(
        "Overall rating: {} ({}), over {}{}.",
        s.rating.as_str(),
        score_words(s.score),
        plural(score.total, "commitment", "commitments"),
        if counts.is_empty() {
            String::new()
        } else {
            format!(": {counts}")
        }
    ));
    out.push(score.headline.sentence());
    if !s.overdue.is_empty() {
        let names: Vec<String> = s
            .overdue
            .iter()
            .map(|i| {
                let how = if i.confirmed == Some(true) {
                    "confirmed late"
                } else {
                    "unconfirmed"
                };
                format!("“{}” ({how})", i.title)
            })
            .collect();
        out.push(format!(
            "Past the deadline, among commitments and milestones: {}.",
            names.join("; ")
        ));
    }
    if s.due_soon.is_empty() {
        out.push(format!(
            "Nothing falls due in the next {DUE_SOON_DAYS} days (to {}).",
            long_date(s.due_soon_until)
        ));
    } else {
        out.push(format!(
            "Due in the next {DUE_SOON_DAYS} days (to {}), among commitments and milestones: {}.",
            long_date(s.due_soon_until),
            titles(&s.due_soon)
        ));
    }
    if let Some(since) = report.since {
        if s.changes.is_empty() {
            out.push(format!("No status has changed since {}.", long_date(since)));
        } else {
            out.push(format!(
                "Changed since {}: {}.",
                long_date(since),
                plural(s.changes.len(), "status", "statuses")
            ));
        }
    }
    match s.latest_evidence {
        None => out.push(
            "No progress has been reported yet: every status rests on the deadlines alone."
                .to_owned(),
        ),
        Some(latest) => {
            let sources: Vec<String> = s
                .sources
                .iter()
                .map(|src| {
                    let mut who = src.title.clone();
                    match (src.publisher.is_empty(), src.date) {
                        (false, Some(d)) => {
                            who = format!("{who} ({}, {})", src.publisher, long_date(d))
                        }
                        (false, None) => who = format!("{who} ({})", src.publisher),
                        (true, Some(d)) => who = format!("{who} ({})", long_date(d)),
                        (true, None) => {}
                    }
                    format!("{who}, for {}", plural(src.statuses, "status", "statuses"))
                })
                .collect();
            out.push(format!(
                "The latest evidence is dated {}. The statuses rest on {}: {}.",
                long_date(latest),
                plural(s.sources.len(), "source", "sources"),
                sources.join("; ")
            ));
        }
    }
    out
}

/// How the statuses and the score are reached, from the rules in force.
fn notes(rules: &Rules) -> Vec<String> {
    let mut out = vec![
        "Each status is derived from two things: the latest progress report on or before the report's date, and the window the roadmap's own deadline wording was read as, relative to the date of the document that wrote it. The reason under each commitment says which report and which window.".to_owned(),
    ];
    // Statuses grouped by weight, highest first.
    let mut groups: Vec<(f64, Vec<&'static str>)> = Vec::new();
    let mut uncounted = Vec::new();
    for (status, weight) in rules.weights.iter() {
        match weight {
            Some(w) => match groups.iter_mut().find(|(g, _)| *g == w) {
                Some((_, names)) => names.push(status_words(status)),
                None => groups.push((w, vec![status_words(status)])),
            },
            None => uncounted.push(status_words(status)),
        }
    }
    // Highest weight first (weights are in [0, 1], so a thousandth is exact enough to order).
    crate::sort::sort_by_key(&mut groups, |g| (-((g.0 * 1000.0).round() as i64), 0));
    let weights: Vec<String> = groups
        .iter()
        .map(|(w, names)| format!("{} {:.0}", names.join(", "), w * 100.0))
        .collect();
    let mut score = format!(
        "The score is the average of each commitment's points out of 100 by status: {}.",
        weights.join("; ")
    );
    if !uncounted.is_empty() {
        score.push_str(&format!(
            " Commitments whose status is {} are not counted.",
            uncounted.join(" or ")
        ));
    }
    score.push_str(&format!(
        " The rating is green at {:.0} or more, amber at {:.0} or more, red below; grey when nothing counts. Milestones are steps of a commitment and are not scored.",
        rules.thresholds.green * 100.0,
        rules.thresholds.amber * 100.0
    ));
    out.push(score);
    if rules.grace_days > 0 {
        out.push(format!(
            "A delivery up to {} after the deadline counts as on time.",
            plural(rules.grace_days as usize, "day", "days")
        ));
    }
    if let Some(days) = rules.staleness_days {
        out.push(format!(
            "A report of work in progress older than {} is too old to count: the status is then no evidence.",
            plural(days as usize, "day", "days")
        ));
    }
    out
}

impl ReportSummary {
    /// A summary with nothing in it, filled in once the report's tree is built.
    pub(crate) fn empty(as_of: NaiveDate) -> Self {
        ReportSummary {
            rating: Rag::Grey,
            score: None,
            overdue: Vec::new(),
            due_soon_until: as_of,
            due_soon: Vec::new(),
            changes: Vec::new(),
            latest_evidence: None,
            sources: Vec::new(),
            empty_groups: Vec::new(),
            lines: Vec::new(),
            notes: Vec::new(),
        }
    }
}
