//! The progress report: the roadmap's tree with each commitment's deadline, derived status
//! and reason, and the scores of every section and area, as of a date.
//!
//! [`Report`] is plain data with a stable, documented JSON shape (see `docs/report.md`);
//! the text, Markdown and CSV renderings are views of it. The bindings expose the same data.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use crate::deadline::{Deadline, DeadlineKind, Granularity};
use crate::error::Error;
use crate::metric::MetricResult;
use crate::model::{NodeKind, Roadmap};
use crate::names::names;
use crate::score::NodeScore;
use crate::status::{Change, CommitmentStatus, Evaluator, Rag};

/// A progress report of a roadmap as of a date.
///
/// ```
/// use roadmap_tracker::status::{Evaluator, Rules};
/// use roadmap_tracker::Roadmap;
/// use chrono::NaiveDate;
/// let evaluator = Evaluator::new(Roadmap::uk_digital_2026(), Rules::default())?;
/// let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
/// let report = evaluator.report(as_of, None);
/// assert_eq!(report.sections.len(), 6);
/// assert!(report.to_text().contains("as of 2026-11-24"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// The roadmap's metadata.
    pub roadmap: ReportRoadmap,
    /// The date the report judges.
    #[serde(serialize_with = "crate::dates::serde_date::serialize")]
    pub as_of: NaiveDate,
    /// The earlier date that `changes` are measured from, if asked for.
    #[serde(serialize_with = "crate::dates::serde_date::option::serialize")]
    pub since: Option<NaiveDate>,
    /// The roadmap's overall score.
    pub score: NodeScore,
    /// The sections, each with its sub-categories, areas, commitments and milestones.
    pub sections: Vec<ReportNode>,
    /// What changed between `since` and `as_of` (empty without `since`).
    pub changes: Vec<Change>,
    /// The roadmap's metrics scored against their targets, in roadmap order (left out of
    /// JSON, text and Markdown when the roadmap has none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<MetricResult>,
}

/// The roadmap's metadata in a report.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct ReportRoadmap {
    /// The roadmap's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its publisher.
    pub publisher: String,
    /// Its publication date.
    #[serde(serialize_with = "crate::dates::serde_date::serialize")]
    pub published: NaiveDate,
}

/// One node of the report's tree.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct ReportNode {
    /// The node's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// `section`, `subcategory`, `area`, `commitment` or `milestone`.
    pub kind: NodeKind,
    /// The organisations responsible.
    pub owners: Vec<String>,
    /// For sections, sub-categories and areas: the rolled-up score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<NodeScore>,
    /// For commitments and milestones: the deadline as read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<ReportDeadline>,
    /// For commitments and milestones: the derived status and its reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<CommitmentStatus>,
    /// The node's children, in roadmap order.
    pub children: Vec<ReportNode>,
}

/// A deadline in a report: the phrase, the window it was read as, and its judgment.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct ReportDeadline {
    /// The phrase as written.
    pub phrase: String,
    /// The date of the document that wrote it.
    #[serde(serialize_with = "crate::dates::serde_date::serialize")]
    pub written_on: NaiveDate,
    /// `by`, `during`, `from`, `ongoing`, `past` or `none`.
    pub kind: DeadlineKind,
    /// The window's first day, if bounded.
    #[serde(serialize_with = "crate::dates::serde_date::option::serialize")]
    pub earliest: Option<NaiveDate>,
    /// The window's last day, if bounded.
    #[serde(serialize_with = "crate::dates::serde_date::option::serialize")]
    pub latest: Option<NaiveDate>,
    /// The unit the phrase named.
    pub granularity: Granularity,
    /// The EDTF rendering of the window.
    pub edtf: Option<String>,
}

impl ReportDeadline {
    fn new(d: &Deadline) -> Self {
        ReportDeadline {
            phrase: d.phrase().to_owned(),
            written_on: d.written_on(),
            kind: d.kind(),
            earliest: d.earliest(),
            latest: d.latest(),
            granularity: d.granularity(),
            edtf: d.edtf(),
        }
    }

    /// The window as text, as [`Deadline::window_text`] writes it.
    fn window(&self) -> String {
        crate::deadline::window_text(self.earliest, self.latest)
    }
}

/// The text forms of a report: [`Report::render`].
///
/// ```
/// use roadmap_tracker::report::ReportFormat;
/// assert_eq!("csv".parse::<ReportFormat>()?, ReportFormat::Csv);
/// assert_eq!("md".parse::<ReportFormat>()?, ReportFormat::Markdown);
/// assert_eq!("html".parse::<ReportFormat>().unwrap_err().message(),
///            "unknown report format \"html\": expected one of text, markdown, json, csv");
/// assert_eq!(ReportFormat::Markdown.as_str(), "markdown");
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReportFormat {
    /// Plain text for a terminal ([`Report::to_text`]).
    Text,
    /// Markdown ([`Report::to_markdown`]).
    Markdown,
    /// Pretty-printed JSON ([`Report::to_json`]).
    Json,
    /// One CSV row per commitment and milestone ([`Report::to_csv`]).
    Csv,
}

names! { ReportFormat, "report format" {
    Text => "text",
    Markdown => "markdown" | "md",
    Json => "json",
    Csv => "csv",
}}

impl Evaluator {
    /// The progress report as of `as_of`, and what changed since `since` if given (see
    /// [`Evaluator::changes`]).
    ///
    /// ```
    /// use roadmap_tracker::status::{Evaluator, Rules};
    /// use roadmap_tracker::Roadmap;
    /// use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    /// let evaluator = Evaluator::new(Roadmap::uk_digital_2026(), Rules::default())?;
    /// let report = evaluator.report(d(11, 24), Some(d(6, 4)));
    /// assert_eq!(report.since, Some(d(6, 4)));
    /// assert!(!report.changes.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn report(&self, as_of: NaiveDate, since: Option<NaiveDate>) -> Report {
        let roadmap = self.roadmap();
        let evaluation = self.evaluate(as_of);
        let changes = match since {
            Some(since) => self.changes(since, as_of),
            None => Vec::new(),
        };
        // Lookups by id are built once, so the report costs O(nodes) whatever the tree's size.
        let scores: std::collections::HashMap<&str, &NodeScore> = evaluation
            .scores
            .iter()
            .filter_map(|s| s.node.as_deref().map(|id| (id, s)))
            .collect();
        let statuses: std::collections::HashMap<&str, &CommitmentStatus> = evaluation
            .commitments
            .iter()
            .map(|c| (c.node(), c))
            .collect();
        let score_of = |id: Option<&str>| id.and_then(|id| scores.get(id)).map(|s| (*s).clone());
        let status_of = |id: &str| statuses.get(id).map(|c| (*c).clone());
        let deadline_of = |id: &str| self.deadline(id).map(ReportDeadline::new);
        // Children lists are built in one pass so the tree costs O(nodes), whatever its shape.
        let mut children: std::collections::HashMap<Option<&str>, Vec<usize>> =
            std::collections::HashMap::new();
        for (i, n) in roadmap.nodes.iter().enumerate() {
            children.entry(n.parent.as_deref()).or_default().push(i);
        }
        fn build_node(
            roadmap: &Roadmap,
            i: usize,
            children: &std::collections::HashMap<Option<&str>, Vec<usize>>,
            score_of: &dyn Fn(Option<&str>) -> Option<NodeScore>,
            deadline_of: &dyn Fn(&str) -> Option<ReportDeadline>,
            status_of: &dyn Fn(&str) -> Option<CommitmentStatus>,
            depth: usize,
        ) -> Option<ReportNode> {
            let n = roadmap.nodes.get(i)?;
            let kids = if depth > 8 {
                Vec::new()
            } else {
                children
                    .get(&Some(n.id.as_str()))
                    .map(|ks| {
                        ks.iter()
                            .filter_map(|&k| {
                                build_node(
                                    roadmap,
                                    k,
                                    children,
                                    score_of,
                                    deadline_of,
                                    status_of,
                                    depth + 1,
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let trackable = n.kind.is_trackable();
            Some(ReportNode {
                id: n.id.clone(),
                title: n.title.clone(),
                kind: n.kind,
                owners: n.owners.clone(),
                score: if trackable {
                    None
                } else {
                    score_of(Some(&n.id))
                },
                deadline: if trackable { deadline_of(&n.id) } else { None },
                status: if trackable { status_of(&n.id) } else { None },
                children: kids,
            })
        }
        let sections = children
            .get(&None)
            .map(|roots| {
                roots
                    .iter()
                    .filter_map(|&i| {
                        build_node(
                            roadmap,
                            i,
                            &children,
                            &score_of,
                            &deadline_of,
                            &status_of,
                            0,
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        Report {
            roadmap: ReportRoadmap {
                id: roadmap.id.clone(),
                title: roadmap.title.clone(),
                publisher: roadmap.publisher.clone(),
                published: roadmap.published,
            },
            as_of,
            since,
            score: evaluation.roadmap_score().clone(),
            sections,
            changes,
            metrics: evaluation.metrics.clone(),
        }
    }
}

impl Report {
    /// The report in one of its text forms.
    ///
    /// ```
    /// # use roadmap_tracker::{report::ReportFormat, status::{Evaluator, Rules}, Roadmap};
    /// # use chrono::NaiveDate;
    /// let as_of = NaiveDate::from_ymd_opt(2026, 6, 4).unwrap();
    /// let report = Evaluator::new(Roadmap::uk_digital_2026(), Rules::default())?.report(as_of, None);
    /// assert_eq!(report.render(ReportFormat::Markdown)?, report.to_markdown());
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn render(&self, format: ReportFormat) -> Result<String, Error> {
        match format {
            ReportFormat::Text => Ok(self.to_text()),
            ReportFormat::Markdown => Ok(self.to_markdown()),
            ReportFormat::Json => self.to_json(),
            ReportFormat::Csv => self.to_csv(),
        }
    }

    /// The report as pretty-printed JSON (the shape is documented in `docs/report.md`).
    ///
    /// ```
    /// # use roadmap_tracker::{status::{Evaluator, Rules}, Roadmap};
    /// # use chrono::NaiveDate;
    /// let as_of = NaiveDate::from_ymd_opt(2026, 6, 4).unwrap();
    /// let json = Evaluator::new(Roadmap::uk_digital_2026(), Rules::default())?.report(as_of, None).to_json()?;
    /// let value: serde_json::Value = serde_json::from_str(&json)?;
    /// assert_eq!(value["sections"][0]["kind"], "section");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> Result<String, Error> {
        crate::json::to_string_pretty(self)
            .map(|mut s| {
                s.push('\n');
                s
            })
            .map_err(|e| {
                Error::evaluation(crate::error::Problem::new(
                    crate::error::ErrorCode::InvalidArgument,
                    crate::error::Location::default(),
                    e.to_string(),
                ))
            })
    }

    /// Every commitment and milestone in roadmap order, with its section, sub-category and
    /// area titles.
    pub fn rows(&self) -> Vec<ReportRow<'_>> {
        let mut out = Vec::new();
        for section in &self.sections {
            collect_rows(section, [section.title.as_str(), "", ""], &mut out);
        }
        out
    }

    /// The report as plain text for a terminal.
    ///
    /// ```
    /// # use roadmap_tracker::{status::{Evaluator, Rules}, Roadmap};
    /// # use chrono::NaiveDate;
    /// let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    /// let text = Evaluator::new(Roadmap::uk_digital_2026(), Rules::default())?.report(as_of, None).to_text();
    /// assert!(text.contains("Digital Sourcing Strategy") || text.contains("digital-sourcing-strategy"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let r = &self.roadmap;
        let _ = writeln!(
            out,
            "{} ({}, published {})",
            r.title, r.publisher, r.published
        );
        let _ = writeln!(out, "Progress as of {}", self.as_of);
        let _ = writeln!(out, "Overall: {}", score_line(&self.score));
        for (i, section) in self.sections.iter().enumerate() {
            let _ = writeln!(out);
            let _ = writeln!(out, "{}. {}", i + 1, section.title);
            if let Some(s) = &section.score {
                let _ = writeln!(out, "   {}", score_line(s));
            }
            text_children(&mut out, section, 1);
        }
        if self.since.is_some() {
            let _ = writeln!(out);
            let _ = writeln!(
                out,
                "Changes since {}: {}",
                self.since.map(|d| d.to_string()).unwrap_or_default(),
                self.changes.len()
            );
            for c in &self.changes {
                let _ = writeln!(
                    out,
                    "  - {}: {} -> {}",
                    c.node,
                    c.from.as_str(),
                    c.to.as_str()
                );
            }
        }
        if !self.metrics.is_empty() {
            let _ = writeln!(out);
            let _ = writeln!(out, "Metrics:");
            for m in &self.metrics {
                let _ = writeln!(out, "  - {}", metric_line(m));
            }
        }
        out
    }

    /// The report as Markdown: a heading per section, a table per area.
    ///
    /// ```
    /// # use roadmap_tracker::{status::{Evaluator, Rules}, Roadmap};
    /// # use chrono::NaiveDate;
    /// let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    /// let md = Evaluator::new(Roadmap::uk_digital_2026(), Rules::default())?.report(as_of, None).to_markdown();
    /// assert!(md.starts_with("# "));
    /// assert!(md.contains("| Commitment | Deadline | Status | RAG | Reason |"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let r = &self.roadmap;
        let _ = writeln!(out, "# {}\n", md_escape(&r.title));
        let _ = writeln!(
            out,
            "{}, published {}. Progress as of **{}**: {}.\n",
            md_escape(&r.publisher),
            r.published,
            self.as_of,
            score_line(&self.score)
        );
        for section in &self.sections {
            let _ = writeln!(out, "## {}\n", md_escape(&section.title));
            if let Some(s) = &section.score {
                let _ = writeln!(out, "{}\n", score_line(s));
            }
            md_children(&mut out, section);
        }
        if let Some(since) = self.since {
            let _ = writeln!(out, "## Changes since {since}\n");
            if self.changes.is_empty() {
                let _ = writeln!(out, "None.\n");
            }
            for c in &self.changes {
                let _ = writeln!(
                    out,
                    "- `{}`: {} → {}",
                    c.node,
                    c.from.as_str(),
                    c.to.as_str()
                );
            }
        }
        if !self.metrics.is_empty() {
            let _ = writeln!(out, "## Metrics\n");
            let _ = writeln!(out, "| Metric | Node | Progress | RAG | Reason |");
            let _ = writeln!(out, "|---|---|---|---|---|");
            for m in &self.metrics {
                let (progress, rag, reason) = match (&m.evaluation, &m.error) {
                    (Some(e), _) => (
                        e.progress
                            .map(|p| format!("{:.0}%", p * 100.0))
                            .unwrap_or_default(),
                        e.rag.as_str().to_owned(),
                        e.reason.clone(),
                    ),
                    (None, Some(f)) => (
                        String::new(),
                        String::new(),
                        format!("{}: {}", f.code, f.message),
                    ),
                    (None, None) => (String::new(), String::new(), String::new()),
                };
                let _ = writeln!(
                    out,
                    "| {} | `{}` | {} | {} | {} |",
                    md_escape(&m.metric),
                    m.node,
                    progress,
                    rag,
                    md_escape(&reason)
                );
            }
        }
        out
    }

    /// The report as CSV: one row per commitment and milestone.
    ///
    /// ```
    /// # use roadmap_tracker::{status::{Evaluator, Rules}, Roadmap};
    /// # use chrono::NaiveDate;
    /// let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    /// let csv = Evaluator::new(Roadmap::uk_digital_2026(), Rules::default())?.report(as_of, None).to_csv()?;
    /// assert!(csv.starts_with("section,subcategory,area,id,kind,title,owners,deadline,"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_csv(&self) -> Result<String, Error> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let io = |e: csv::Error| {
            Error::evaluation(crate::error::Problem::new(
                crate::error::ErrorCode::Io,
                crate::error::Location::default(),
                e.to_string(),
            ))
        };
        w.write_record([
            "section",
            "subcategory",
            "area",
            "id",
            "kind",
            "title",
            "owners",
            "deadline",
            "deadline_kind",
            "earliest",
            "latest",
            "deadline_state",
            "days",
            "status",
            "rag",
            "reported",
            "update_date",
            "rule",
            "reason",
        ])
        .map_err(io)?;
        for row in self.rows() {
            let n = row.node;
            let d = n.deadline.as_ref();
            let s = n.status.as_ref();
            let date = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
            w.write_record([
                row.section.to_owned(),
                row.subcategory.to_owned(),
                row.area.to_owned(),
                n.id.clone(),
                n.kind.as_str().to_owned(),
                n.title.clone(),
                n.owners.join(";"),
                d.map(|d| d.phrase.clone()).unwrap_or_default(),
                d.map(|d| d.kind.as_str().to_owned()).unwrap_or_default(),
                date(d.and_then(|d| d.earliest)),
                date(d.and_then(|d| d.latest)),
                s.map(|s| s.deadline_state.as_str().to_owned())
                    .unwrap_or_default(),
                s.and_then(|s| s.days)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                s.map(|s| s.status.as_str().to_owned()).unwrap_or_default(),
                s.map(|s| s.rag.as_str().to_owned()).unwrap_or_default(),
                s.and_then(|s| s.label()).unwrap_or_default().to_owned(),
                s.and_then(|s| s.update_date)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                s.map(|s| s.rule.to_owned()).unwrap_or_default(),
                s.map(|s| s.reason()).unwrap_or_default(),
            ])
            .map_err(io)?;
        }
        let bytes = w.into_inner().map_err(|e| io(e.into_error().into()))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// A commitment or milestone of a [`Report`] with the titles of the groups above it.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct ReportRow<'a> {
    /// The section's title.
    pub section: &'a str,
    /// The sub-category's title, or empty.
    pub subcategory: &'a str,
    /// The area's title.
    pub area: &'a str,
    /// The commitment or milestone.
    pub node: &'a ReportNode,
}

fn collect_rows<'a>(node: &'a ReportNode, groups: [&'a str; 3], out: &mut Vec<ReportRow<'a>>) {
    for child in &node.children {
        let mut g = groups;
        match child.kind {
            NodeKind::Subcategory => g[1] = child.title.as_str(),
            NodeKind::Area => g[2] = child.title.as_str(),
            _ => {}
        }
        if child.kind.is_trackable() {
            out.push(ReportRow {
                section: g[0],
                subcategory: g[1],
                area: g[2],
                node: child,
            });
        }
        collect_rows(child, g, out);
    }
}

fn score_line(s: &NodeScore) -> String {
    let mut line = match s.score {
        Some(v) => format!("score {:.0}% ({})", v * 100.0, s.rag.as_str()),
        None => format!("no score ({})", s.rag.as_str()),
    };
    let _ = write!(line, ", {} tracked", s.total);
    let h = &s.headline;
    if h.due > 0 {
        let _ = write!(line, ", {} of {} due met on time", h.met_on_time, h.due);
    }
    let overdue = h.overdue_confirmed + h.overdue_unconfirmed;
    if overdue > 0 {
        let _ = write!(
            line,
            ", {overdue} overdue ({} confirmed, {} unconfirmed)",
            h.overdue_confirmed, h.overdue_unconfirmed
        );
    }
    if h.expectations > 0 {
        let _ = write!(line, ", {} expectations apart", h.expectations);
    }
    let counts: Vec<String> = s
        .counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{} {}", n, k.as_str().replace('_', " ")))
        .collect();
    if !counts.is_empty() {
        let _ = write!(line, ": {}", counts.join(", "));
    }
    line
}

fn rag_mark(r: Rag) -> &'static str {
    match r {
        Rag::Green => "[G]",
        Rag::Amber => "[A]",
        Rag::Red => "[R]",
        Rag::Grey => "[-]",
    }
}

fn text_children(out: &mut String, node: &ReportNode, depth: usize) {
    let pad = "   ".repeat(depth);
    for child in &node.children {
        if child.kind.is_trackable() {
            let status = child.status.as_ref();
            let _ = writeln!(
                out,
                "{pad}{} {} [{}]",
                status.map_or("[-]", |s| rag_mark(s.rag)),
                child.title,
                child.id
            );
            let deadline = child
                .deadline
                .as_ref()
                .map_or("no deadline".to_owned(), |d| {
                    format!("{:?} = {}", d.phrase, d.window())
                });
            let state = status.map_or(String::new(), |s| {
                format!(
                    "{} (deadline {})",
                    s.status.as_str().replace('_', " "),
                    s.deadline_state.as_str().replace('_', " ")
                )
            });
            let _ = writeln!(out, "{pad}    {deadline}; {state}");
            if let Some(s) = status {
                let _ = writeln!(out, "{pad}    {}", s.reason());
            }
        } else {
            let _ = writeln!(out, "{pad}{}", child.title);
            if let Some(s) = &child.score {
                let _ = writeln!(out, "{pad}  {}", score_line(s));
            }
        }
        text_children(out, child, depth + 1);
    }
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// One commitment's or milestone's row of a Markdown table.
fn md_row(out: &mut String, c: &ReportNode, prefix: &str) {
    let deadline = c.deadline.as_ref().map_or("—".to_owned(), |d| {
        format!("{} ({})", md_escape(&d.phrase), d.window())
    });
    let (status, rag, reason) = c.status.as_ref().map_or(("—", "—", String::new()), |s| {
        (s.status.as_str(), s.rag.as_str(), md_escape(&s.reason()))
    });
    let _ = writeln!(
        out,
        "| {prefix}{} | {deadline} | {} | {rag} | {reason} |",
        md_escape(&c.title),
        status.replace('_', " ")
    );
}

fn md_children(out: &mut String, node: &ReportNode) {
    let trackable: Vec<&ReportNode> = node
        .children
        .iter()
        .filter(|c| c.kind.is_trackable())
        .collect();
    if !trackable.is_empty() {
        let _ = writeln!(out, "| Commitment | Deadline | Status | RAG | Reason |");
        let _ = writeln!(out, "|---|---|---|---|---|");
        for c in &trackable {
            // A milestone under an area is marked like one under its commitment.
            let prefix = if c.kind == NodeKind::Milestone {
                "↳ "
            } else {
                ""
            };
            md_row(out, c, prefix);
            for m in c.children.iter().filter(|m| m.kind.is_trackable()) {
                md_row(out, m, "↳ ");
            }
        }
        let _ = writeln!(out);
    }
    for child in node.children.iter().filter(|c| !c.kind.is_trackable()) {
        let level = if child.kind == NodeKind::Subcategory {
            "###"
        } else {
            "####"
        };
        let _ = writeln!(out, "{level} {}\n", md_escape(&child.title));
        if let Some(s) = &child.score {
            let _ = writeln!(out, "{}\n", score_line(s));
        }
        md_children(out, child);
    }
}

/// One metric in the text report: `id (node): rag, reason`, or its error.
fn metric_line(m: &MetricResult) -> String {
    match (&m.evaluation, &m.error) {
        (Some(e), _) => format!(
            "{} ({}): {}, {}",
            m.metric,
            m.node,
            e.rag.as_str(),
            e.reason
        ),
        (None, Some(f)) => format!(
            "{} ({}): not scored, {} at {}: {}",
            m.metric, m.node, f.code, f.location, f.message
        ),
        (None, None) => format!("{} ({})", m.metric, m.node),
    }
}
