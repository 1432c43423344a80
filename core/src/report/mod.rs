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

mod html;
mod summary;

use summary::{counts_words, evidence_words, has_trackable, plural, score_words, status_words};
pub use summary::{
    long_date, ReportSummary, SummaryChange, SummaryItem, SummarySource, DUE_SOON_DAYS,
};

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
/// assert!(report.to_text().contains("as of 24 November 2026"));
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
    /// The opening summary: rating, what is overdue and due soon, what changed, and the
    /// evidence it rests on.
    pub summary: ReportSummary,
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
    /// The address of the roadmap document: the first of its sources dated on the day it
    /// was published that has one (empty when none has).
    pub url: String,
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
    /// For commitments and milestones: the new deadline a re-plan set, when it is the one
    /// judged in place of `deadline` (the status's `new_deadline`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_deadline: Option<ReportDeadline>,
    /// For commitments and milestones: the derived status and its reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<CommitmentStatus>,
    /// For commitments and milestones: the progress report the status rests on, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update: Option<ReportUpdate>,
    /// The node's children, in roadmap order.
    pub children: Vec<ReportNode>,
}

/// A status with the progress report it rests on, as the report's tree is built.
type StatusAndUpdate = (CommitmentStatus, Option<ReportUpdate>);

/// The progress report a status rests on, with its source.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct ReportUpdate {
    /// The report's date, as precise as the source gave it.
    pub date: crate::model::EvidenceDate,
    /// The status as the source wrote it.
    pub label: String,
    /// The report's note, as written.
    pub note: String,
    /// The source's id.
    pub source: String,
    /// The source's title (the id when the roadmap does not list it).
    pub source_title: String,
    /// The source's address (empty when unknown).
    pub source_url: String,
}

impl ReportUpdate {
    fn new(
        roadmap: &Roadmap,
        sources: &std::collections::HashMap<&str, usize>,
        index: usize,
    ) -> Option<Self> {
        let u = roadmap.updates.get(index)?;
        let src = (sources.get(u.source.as_str())).and_then(|&i| roadmap.sources.get(i));
        Some(ReportUpdate {
            date: u.date,
            label: u.status.clone(),
            note: u.note.clone(),
            source: u.source.clone(),
            source_title: src.map_or_else(|| u.source.clone(), |s| s.title.clone()),
            source_url: src.map(|s| s.url.clone()).unwrap_or_default(),
        })
    }
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
/// assert_eq!("html".parse::<ReportFormat>()?, ReportFormat::Html);
/// assert_eq!("pdf".parse::<ReportFormat>().unwrap_err().message(),
///            "unknown report format \"pdf\": expected one of text, markdown, json, csv, html");
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
    /// One self-contained HTML page ([`Report::to_html`]).
    Html,
}

names! { ReportFormat, "report format" {
    Text => "text",
    Markdown => "markdown" | "md",
    Json => "json",
    Csv => "csv",
    Html => "html",
}}

/// What a binding's `report(format=…)` returns: the report in one of its text formats
/// ([`ReportFormat`]), as data (`dict`: the report's serialised form, which a binding
/// gives as its own objects) or as its table rows (`rows`: [`Report::table_rows`]). The
/// names are the core's, so every binding takes the same ones and refuses any other with
/// the same message; [`Report::output`] makes the value.
///
/// ```
/// use roadmap_tracker::report::{ReportForm, ReportFormat};
/// assert_eq!("md".parse::<ReportForm>()?, ReportForm::Text(ReportFormat::Markdown));
/// assert_eq!("dict".parse::<ReportForm>()?, ReportForm::Dict);
/// assert_eq!(ReportForm::default(), ReportForm::Text(ReportFormat::Text));
/// assert_eq!(ReportForm::Rows.as_str(), "rows");
/// assert_eq!("pdf".parse::<ReportForm>().unwrap_err().message(),
///            "unknown report format \"pdf\": expected one of text, markdown, json, csv, html, dict, rows");
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ReportForm {
    /// Text ([`Report::render`]).
    Text(ReportFormat),
    /// The report as data: its serialised form.
    Dict,
    /// The report's table rows ([`Report::table_rows`]).
    Rows,
}

impl Default for ReportForm {
    /// Plain text, the form a report takes when none is named.
    fn default() -> Self {
        ReportForm::Text(ReportFormat::Text)
    }
}

impl ReportForm {
    /// The stable name: a [`ReportFormat`]'s, `dict` or `rows`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportForm::Text(format) => format.as_str(),
            ReportForm::Dict => "dict",
            ReportForm::Rows => "rows",
        }
    }
}

impl std::str::FromStr for ReportForm {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "dict" => Ok(ReportForm::Dict),
            "rows" => Ok(ReportForm::Rows),
            _ => s.parse().map(ReportForm::Text).map_err(|_| {
                let mut names: Vec<&str> = ReportFormat::ALL.iter().map(|f| f.as_str()).collect();
                names.extend(["dict", "rows"]);
                Error::unknown_value("report format", s, &names)
            }),
        }
    }
}

/// A report in the form asked for ([`Report::output`]). It serialises as the value itself
/// (a string, the report's own form, a list of rows), so a binding turns each form into
/// one native type without looking at which it is.
#[derive(Debug, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum ReportOutput<'r> {
    /// The rendered text.
    Text(String),
    /// The report.
    Dict(&'r Report),
    /// The report's table rows.
    Rows(Vec<crate::tables::ReportTableRow<'r>>),
}

/// Each node's children by position, looked up by the parent's id (`None` for the roots).
#[derive(Default)]
struct Children<'a> {
    roots: Vec<usize>,
    /// A parent's id and its list in `lists`.
    at: std::collections::HashMap<&'a str, usize>,
    lists: Vec<Vec<usize>>,
}

impl<'a> Children<'a> {
    fn add(&mut self, parent: Option<&'a str>, child: usize) {
        let Some(parent) = parent else {
            self.roots.push(child);
            return;
        };
        match self.at.get(parent).and_then(|&at| self.lists.get_mut(at)) {
            Some(list) => list.push(child),
            None => {
                self.at.insert(parent, self.lists.len());
                self.lists.push(vec![child]);
            }
        }
    }

    fn of(&self, parent: Option<&str>) -> Option<&Vec<usize>> {
        match parent {
            None => Some(&self.roots),
            Some(parent) => self.at.get(parent).and_then(|&at| self.lists.get(at)),
        }
    }
}

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
        // They hold positions in their lists: one map type for every lookup by id (a
        // smaller WebAssembly module).
        let scores: std::collections::HashMap<&str, usize> = (evaluation.scores.iter().enumerate())
            .filter_map(|(i, s)| s.node.as_deref().map(|id| (id, i)))
            .collect();
        let statuses: std::collections::HashMap<&str, usize> =
            (evaluation.commitments.iter().enumerate())
                .map(|(i, c)| (c.node(), i))
                .collect();
        let score_of = |id: Option<&str>| {
            id.and_then(|id| scores.get(id))
                .and_then(|&i| evaluation.scores.get(i))
                .cloned()
        };
        let sources: std::collections::HashMap<&str, usize> = (roadmap.sources.iter().enumerate())
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        // A status with the progress report it rests on.
        let status_of = |id: &str| {
            let status = statuses
                .get(id)
                .and_then(|&i| evaluation.commitments.get(i));
            status.map(|c| {
                let update = c
                    .update
                    .and_then(|i| ReportUpdate::new(roadmap, &sources, i));
                ((*c).clone(), update)
            })
        };
        let deadline_of = |id: &str| self.deadline(id).map(ReportDeadline::new);
        // Children lists are built in one pass so the tree costs O(nodes), whatever its shape.
        let mut children = Children::default();
        for (i, n) in roadmap.nodes.iter().enumerate() {
            children.add(n.parent.as_deref(), i);
        }
        fn build_node(
            roadmap: &Roadmap,
            i: usize,
            children: &Children<'_>,
            score_of: &dyn Fn(Option<&str>) -> Option<NodeScore>,
            deadline_of: &dyn Fn(&str) -> Option<ReportDeadline>,
            status_of: &dyn Fn(&str) -> Option<StatusAndUpdate>,
            depth: usize,
        ) -> Option<ReportNode> {
            let n = roadmap.nodes.get(i)?;
            let kids = if depth > 8 {
                Vec::new()
            } else {
                children
                    .of(Some(n.id.as_str()))
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
            let (status, update) = match status_of(&n.id) {
                Some((s, u)) if trackable => (Some(s), u),
                _ => (None, None),
            };
            Some(ReportNode {
                id: n.id.as_str().into(),
                title: n.title.as_str().into(),
                kind: n.kind,
                owners: n.owners.to_vec(),
                score: if trackable {
                    None
                } else {
                    score_of(Some(&n.id))
                },
                deadline: if trackable { deadline_of(&n.id) } else { None },
                new_deadline: None,
                status,
                update,
                children: kids,
            })
        }
        let sections = children
            .of(None)
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
        let mut report = Report {
            roadmap: ReportRoadmap {
                id: roadmap.id.clone(),
                title: roadmap.title.clone(),
                publisher: roadmap.publisher.clone(),
                published: roadmap.published,
                url: roadmap
                    .sources
                    .iter()
                    .find(|s| s.date == Some(roadmap.published) && !s.url.is_empty())
                    .map(|s| s.url.clone())
                    .unwrap_or_default(),
            },
            as_of,
            since,
            score: evaluation.roadmap_score().clone(),
            summary: ReportSummary::empty(as_of),
            sections,
            changes,
            metrics: evaluation.metrics.clone(),
        };
        // The deadline judged after a re-plan, beside the one written.
        fn replanned(
            nodes: &mut [ReportNode],
            new_deadline: &dyn Fn(&str) -> Option<ReportDeadline>,
        ) {
            for n in nodes {
                if n.status.as_ref().is_some_and(|s| s.new_deadline) {
                    n.new_deadline = new_deadline(&n.id);
                }
                replanned(&mut n.children, new_deadline);
            }
        }
        replanned(&mut report.sections, &|id| {
            self.new_deadline(id, as_of).map(ReportDeadline::new)
        });
        report.summary = summary::summarise(&report, roadmap, self.rules());
        report
    }
}

impl ReportNode {
    /// The deadline judged: a re-plan's new deadline when there is one, else the deadline
    /// as written.
    pub fn judged_deadline(&self) -> Option<&ReportDeadline> {
        self.new_deadline.as_ref().or(self.deadline.as_ref())
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
            ReportFormat::Html => Ok(self.to_html()),
        }
    }

    /// The report in `form`: rendered text, the report itself, or its table rows.
    ///
    /// ```
    /// # use roadmap_tracker::{report::{ReportForm, ReportOutput}, status::{Evaluator, Rules}, Roadmap};
    /// # use chrono::NaiveDate;
    /// let as_of = NaiveDate::from_ymd_opt(2026, 6, 4).unwrap();
    /// let report = Evaluator::new(Roadmap::uk_digital_2026(), Rules::default())?.report(as_of, None);
    /// let rows = report.output("rows".parse()?)?;
    /// assert!(matches!(&rows, ReportOutput::Rows(r) if r.len() == report.table_rows().len()));
    /// assert!(matches!(report.output(ReportForm::default())?, ReportOutput::Text(t) if t == report.to_text()));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Those of [`Report::render`].
    pub fn output(&self, form: ReportForm) -> Result<ReportOutput<'_>, Error> {
        Ok(match form {
            ReportForm::Text(format) => ReportOutput::Text(self.render(format)?),
            ReportForm::Dict => ReportOutput::Dict(self),
            ReportForm::Rows => ReportOutput::Rows(self.table_rows()),
        })
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

    /// The report as plain text for a terminal: the summary first, then each section,
    /// sub-category and area that has commitments, each commitment with its owner,
    /// deadline, status and reason, and the progress report it rests on.
    ///
    /// ```
    /// # use roadmap_tracker::{status::{Evaluator, Rules}, Roadmap};
    /// # use chrono::NaiveDate;
    /// let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    /// let report = Evaluator::new(Roadmap::uk_digital_2026(), Rules::default())?.report(as_of, None);
    /// let text = report.to_text();
    /// assert!(text.contains("Digital Sourcing Strategy"));
    /// // The summary comes straight after the title lines.
    /// let summary = text.find("Summary").unwrap();
    /// assert!(summary < text.find("1. ").unwrap());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let r = &self.roadmap;
        let _ = writeln!(out, "{}", r.title);
        let _ = writeln!(out, "{}, published {}", r.publisher, long_date(r.published));
        if !r.url.is_empty() {
            let _ = writeln!(out, "{}", r.url);
        }
        let _ = writeln!(out, "Progress as of {}", long_date(self.as_of));
        let _ = writeln!(out);
        let _ = writeln!(out, "Summary");
        for line in &self.summary.lines {
            let _ = writeln!(out, "  - {line}");
        }
        if let Some(since) = self.since {
            let _ = writeln!(out);
            let _ = writeln!(out, "Changes since {}", long_date(since));
            if self.summary.changes.is_empty() {
                let _ = writeln!(out, "  None.");
            }
            for c in &self.summary.changes {
                let _ = writeln!(out, "  - {}: {}. {}", c.title, c.words(), c.reason);
            }
        }
        let mut number = 0;
        for section in self.sections.iter().filter(|s| has_trackable(s)) {
            number += 1;
            let _ = writeln!(out);
            let _ = writeln!(out, "{number}. {}", section.title);
            if let Some(s) = &section.score {
                let _ = writeln!(out, "   {}", score_line(s));
            }
            text_children(&mut out, section, 1);
        }
        if !self.metrics.is_empty() {
            let _ = writeln!(out);
            let _ = writeln!(out, "Metrics:");
            for m in &self.metrics {
                let _ = writeln!(out, "  - {}", metric_line(m));
            }
        }
        if let Some(note) = self.empty_note() {
            let _ = writeln!(out);
            let _ = writeln!(out, "{note}");
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "How to read this report");
        for note in &self.summary.notes {
            let _ = writeln!(out, "  - {note}");
        }
        out
    }

    /// The footnote naming the groups left out of the text, Markdown and HTML renderings.
    fn empty_note(&self) -> Option<String> {
        let empty = &self.summary.empty_groups;
        (!empty.is_empty()).then(|| {
            format!(
                "Left out: {} with no commitments: {}.",
                plural(empty.len(), "group", "groups"),
                empty.join("; ")
            )
        })
    }

    /// The report as Markdown: the summary, then a heading per section, sub-category and
    /// area (one level below the one above it) and a table per area.
    ///
    /// ```
    /// # use roadmap_tracker::{status::{Evaluator, Rules}, Roadmap};
    /// # use chrono::NaiveDate;
    /// let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    /// let md = Evaluator::new(Roadmap::uk_digital_2026(), Rules::default())?.report(as_of, None).to_markdown();
    /// assert!(md.starts_with("# "));
    /// assert!(md.contains("\n## Summary\n"));
    /// assert!(md.contains("| Commitment | Owner | Deadline | Status and reason | Latest update |"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let r = &self.roadmap;
        let _ = writeln!(out, "# {}\n", md_escape(&r.title));
        let link = if r.url.is_empty() {
            String::new()
        } else {
            format!(" [The roadmap]({}).", md_url(&r.url))
        };
        let _ = writeln!(
            out,
            "{}, published {}.{link} Progress as of **{}**.\n",
            md_escape(&r.publisher),
            long_date(r.published),
            long_date(self.as_of),
        );
        let _ = writeln!(out, "## Summary\n");
        for line in &self.summary.lines {
            let _ = writeln!(out, "- {}", md_escape(line));
        }
        let _ = writeln!(out);
        if let Some(since) = self.since {
            let _ = writeln!(out, "### Changes since {}\n", long_date(since));
            if self.summary.changes.is_empty() {
                let _ = writeln!(out, "None.\n");
            }
            for c in &self.summary.changes {
                let _ = writeln!(
                    out,
                    "- **{}**: {}. {}",
                    md_escape(&c.title),
                    c.words(),
                    md_escape(&c.reason)
                );
            }
            if !self.summary.changes.is_empty() {
                let _ = writeln!(out);
            }
        }
        for section in self.sections.iter().filter(|s| has_trackable(s)) {
            let _ = writeln!(out, "## {}\n", md_escape(&section.title));
            if let Some(s) = &section.score {
                let _ = writeln!(out, "{}\n", md_escape(&score_line(s)));
            }
            md_children(&mut out, section, 3);
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
                        format!("{}: {}", f.code.as_str(), f.message),
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
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "## How to read this report\n");
        for note in &self.summary.notes {
            let _ = writeln!(out, "- {}", md_escape(note));
        }
        if let Some(note) = self.empty_note() {
            let _ = writeln!(out, "\n{}", md_escape(&note));
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
        let mut w = crate::io::CsvWriter::new();
        w.record([
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
            "new_deadline",
            "new_earliest",
            "new_latest",
        ]);
        for row in self.rows() {
            let n = row.node;
            let d = n.deadline.as_ref();
            let new = n.new_deadline.as_ref();
            let s = n.status.as_ref();
            let date = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
            w.record([
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
                new.map(|d| d.phrase.clone()).unwrap_or_default(),
                date(new.and_then(|d| d.earliest)),
                date(new.and_then(|d| d.latest)),
            ]);
        }
        Ok(w.into_string())
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

/// A score as a reader reads it: "Rating: amber (50 out of 100), over 12 commitments: 2
/// met, 3 due now, …".
fn score_line(s: &NodeScore) -> String {
    let counts = counts_words(s);
    format!(
        "Rating: {} ({}), over {}{}. {}",
        s.rag.as_str(),
        score_words(s.score),
        plural(s.total, "commitment", "commitments"),
        if counts.is_empty() {
            String::new()
        } else {
            format!(": {counts}")
        },
        s.headline.sentence()
    )
}

fn rag_mark(r: Rag) -> &'static str {
    match r {
        Rag::Green => "[G]",
        Rag::Amber => "[A]",
        Rag::Red => "[R]",
        Rag::Grey => "[-]",
    }
}

/// The deadline as written and, after a re-plan, the new one judged in its place: "none
/// given; re-planned to “Summer 2026” (written 30 June 2026): 2026-06-01..2026-08-31".
fn deadlines_words(n: &ReportNode) -> String {
    let written = deadline_words(n.deadline.as_ref());
    match &n.new_deadline {
        Some(new) => format!("{written}; re-planned to {}", deadline_words(Some(new))),
        None => written,
    }
}

/// "“summer 2026” (written 4 June 2026): 2026-06-01..2026-08-31", or "none given".
fn deadline_words(d: Option<&ReportDeadline>) -> String {
    d.map_or("none given".to_owned(), |d| {
        format!(
            "“{}” (written {}): {}",
            d.phrase,
            long_date(d.written_on),
            d.window()
        )
    })
}

/// "4 June 2026, “scheduled”: the note", or "no progress report yet".
fn update_words(u: Option<&ReportUpdate>) -> String {
    u.map_or("no progress report yet".to_owned(), |u| {
        let mut s = format!("{}, “{}”", evidence_words(u.date), u.label);
        if !u.note.is_empty() {
            let _ = write!(s, ": {}", u.note);
        }
        s
    })
}

fn text_children(out: &mut String, node: &ReportNode, depth: usize) {
    let pad = "   ".repeat(depth);
    for child in &node.children {
        if child.kind.is_trackable() {
            let status = child.status.as_ref();
            let milestone = if child.kind == NodeKind::Milestone {
                "Milestone: "
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "{pad}{} {milestone}{} [{}]",
                status.map_or("[-]", |s| rag_mark(s.rag)),
                child.title,
                child.id
            );
            if !child.owners.is_empty() {
                let _ = writeln!(out, "{pad}    Owner: {}", child.owners.join(", "));
            }
            let _ = writeln!(out, "{pad}    Deadline: {}", deadlines_words(child));
            if let Some(s) = status {
                let _ = writeln!(
                    out,
                    "{pad}    Status: {}. {}",
                    status_words(s.status),
                    s.reason()
                );
            }
            let _ = writeln!(
                out,
                "{pad}    Latest update: {}",
                update_words(child.update.as_ref())
            );
            if let Some(u) = &child.update {
                let url = if u.source_url.is_empty() {
                    String::new()
                } else {
                    format!(" <{}>", u.source_url)
                };
                let _ = writeln!(out, "{pad}    Source: {}{url}", u.source_title);
            }
        } else if has_trackable(child) {
            let _ = writeln!(out, "{pad}{}", child.title);
            if let Some(s) = &child.score {
                let _ = writeln!(out, "{pad}  {}", score_line(s));
            }
        } else {
            continue;
        }
        text_children(out, child, depth + 1);
    }
}

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '\\' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// An address inside a Markdown link: spaces and brackets percent-encoded.
fn md_url(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}

/// One commitment's or milestone's row of a Markdown table.
fn md_row(out: &mut String, c: &ReportNode, prefix: &str) {
    let owner = md_escape(&c.owners.join(", "));
    let deadline = md_escape(&deadlines_words(c));
    let status = c.status.as_ref().map_or("—".to_owned(), |s| {
        format!(
            "**{}** ({}). {}",
            status_words(s.status),
            s.rag.as_str(),
            md_escape(&s.reason())
        )
    });
    let mut update = md_escape(&update_words(c.update.as_ref()));
    if let Some(u) = &c.update {
        let title = md_escape(&u.source_title);
        if u.source_url.is_empty() {
            let _ = write!(update, " Source: {title}.");
        } else {
            let _ = write!(update, " Source: [{title}]({}).", md_url(&u.source_url));
        }
    }
    let _ = writeln!(
        out,
        "| {prefix}{} | {owner} | {deadline} | {status} | {update} |",
        md_escape(&c.title),
    );
}

fn md_children(out: &mut String, node: &ReportNode, level: usize) {
    let trackable: Vec<&ReportNode> = node
        .children
        .iter()
        .filter(|c| c.kind.is_trackable())
        .collect();
    if !trackable.is_empty() {
        let _ = writeln!(
            out,
            "| Commitment | Owner | Deadline | Status and reason | Latest update |"
        );
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
    for child in node
        .children
        .iter()
        .filter(|c| !c.kind.is_trackable() && has_trackable(c))
    {
        let hashes = "#".repeat(level.min(6));
        let _ = writeln!(out, "{hashes} {}\n", md_escape(&child.title));
        if let Some(s) = &child.score {
            let _ = writeln!(out, "{}\n", md_escape(&score_line(s)));
        }
        md_children(out, child, level + 1);
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
            m.metric,
            m.node,
            f.code.as_str(),
            f.location,
            f.message
        ),
        (None, None) => format!("{} ({})", m.metric, m.node),
    }
}
