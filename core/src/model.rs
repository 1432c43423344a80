//! The roadmap model: a tree of nodes with sources, deadlines, status updates and metrics.
//!
//! The model is plain data with public fields, so it can be built in code, loaded from
//! [JSON](crate::json) or [CSV](crate::io), and checked with
//! [`Roadmap::validate`]. The tree is stored flat — each node names its parent — which is
//! how spreadsheets hold it and what lets the loaders report unknown parents and cycles
//! instead of failing to nest.
//!
//! Empty text means "absent" throughout: the JSON form omits empty strings and lists, and
//! the CSV form writes them as empty cells, so the two forms hold exactly the same data.
//!
//! The serde attributes here give the JSON form in both directions; the structs'
//! `Deserialize` impls are written by hand to that form in `model_serde.rs`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use thin_vec::ThinVec;

use crate::names::names;
use crate::Error;

/// Fields a format does not define, kept verbatim so they are written back out.
///
/// In CSV these are the columns the library does not know; in JSON they live under the
/// record's `extra` object.
pub type Extra = BTreeMap<String, String>;

/// A roadmap: its metadata, its sources and the flat list of its nodes, status updates and
/// metrics.
///
/// ```
/// use roadmap_tracker::Roadmap;
/// let roadmap = Roadmap::uk_digital_2026();
/// assert_eq!(roadmap.published.to_string(), "2026-01-19");
/// assert!(roadmap.commitments().count() >= 35);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Roadmap {
    /// A stable slug identifying the roadmap.
    pub id: String,
    /// The roadmap's title.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// The date it was published; status updates may not be older.
    #[serde(with = "crate::dates::serde_date")]
    pub published: NaiveDate,
    /// A short description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// The documents that the roadmap's facts cite.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Sections, sub-categories, areas, commitments and milestones, parents before children.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<Node>,
    /// Dated status reports on commitments and milestones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updates: Vec<StatusUpdate>,
    /// Performance measures attached to nodes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<Metric>,
    /// Fields the format does not define, kept as given.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

/// A document that facts in the roadmap cite: the roadmap itself, a press article, an
/// answer to a parliamentary question.
///
/// ```
/// use roadmap_tracker::Roadmap;
/// let roadmap = Roadmap::uk_digital_2026();
/// let source = roadmap.source("roadmap-2026").expect("bundled source");
/// assert_eq!(source.publisher, "Department for Science, Innovation and Technology");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// A stable slug.
    pub id: String,
    /// The document's title.
    pub title: String,
    /// Who published it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub publisher: String,
    /// When it was published, if known.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::dates::serde_date::option"
    )]
    pub date: Option<NaiveDate>,
    /// Where it can be read, if known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// Fields the format does not define, kept as given.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

/// The level of a node in the roadmap's tree.
///
/// Sections hold optional sub-categories, which hold areas (areas may also sit directly in
/// a section); areas hold commitments; commitments hold optional milestones.
///
/// ```
/// use roadmap_tracker::NodeKind;
/// assert_eq!("area".parse::<NodeKind>()?, NodeKind::Area);
/// assert_eq!("chapter".parse::<NodeKind>().unwrap_err().code().as_str(), "unknown_value");
/// assert!(NodeKind::Milestone.is_trackable());
/// assert!(NodeKind::Area.may_sit_under(Some(NodeKind::Subcategory)));
/// assert!(!NodeKind::Commitment.may_sit_under(Some(NodeKind::Section)));
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    /// A top-level chapter of the roadmap.
    Section,
    /// An optional grouping of areas inside a section.
    Subcategory,
    /// A theme holding commitments.
    Area,
    /// Something the roadmap promises to do.
    Commitment,
    /// A step of a commitment with its own deadline.
    Milestone,
}

names! { serde NodeKind, "node kind" {
    Section => "section",
    Subcategory => "subcategory",
    Area => "area",
    Commitment => "commitment",
    Milestone => "milestone",
}}

impl NodeKind {
    /// Whether nodes of this kind carry deadlines and status updates.
    ///
    /// ```
    /// # use roadmap_tracker::NodeKind;
    /// assert!(NodeKind::Commitment.is_trackable());
    /// assert!(!NodeKind::Section.is_trackable());
    /// ```
    pub fn is_trackable(self) -> bool {
        matches!(self, NodeKind::Commitment | NodeKind::Milestone)
    }

    /// Whether a node of this kind may have a parent of the given kind (`None` = no parent).
    ///
    /// ```
    /// # use roadmap_tracker::NodeKind;
    /// assert!(NodeKind::Section.may_sit_under(None));
    /// assert!(NodeKind::Milestone.may_sit_under(Some(NodeKind::Commitment)));
    /// ```
    pub fn may_sit_under(self, parent: Option<NodeKind>) -> bool {
        use NodeKind::*;
        matches!(
            (self, parent),
            (Section, None)
                | (Subcategory, Some(Section))
                | (Area, Some(Section | Subcategory))
                | (Commitment, Some(Area))
                | (Milestone, Some(Commitment))
        )
    }

    /// The parent kinds allowed, for error messages.
    pub(crate) fn allowed_parents(self) -> &'static str {
        match self {
            NodeKind::Section => "no parent",
            NodeKind::Subcategory => "a section",
            NodeKind::Area => "a section or subcategory",
            NodeKind::Commitment => "an area",
            NodeKind::Milestone => "a commitment",
        }
    }
}

/// A node of the roadmap's tree.
///
/// ```
/// use roadmap_tracker::{Node, NodeKind};
/// let node = Node::new("cloud-strategy", NodeKind::Commitment, "Publish a national cloud strategy")
///     .with_parent("cloud");
/// assert_eq!(node.weight, 1.0);
/// assert_eq!(node.parent.as_deref(), Some("cloud"));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// A stable slug, unique in the roadmap.
    pub id: CompactString,
    /// The node's level in the tree.
    pub kind: NodeKind,
    /// The parent's id; `None` for sections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<CompactString>,
    /// A short title.
    pub title: CompactString,
    /// A sentence or two on what it is.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// The organisations responsible.
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    pub owners: ThinVec<String>,
    /// Free labels for filtering.
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    pub tags: ThinVec<String>,
    /// The node's weight in its parent's score (default 1).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub weight: f64,
    /// Ids of the sources that describe the node.
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    pub sources: ThinVec<String>,
    /// The deadline as written (commitments and milestones only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Box<DeadlineText>>,
    /// Whether the roadmap states this as an expectation, target or ambition rather than a
    /// binding commitment ("an expectation – although not a mandate"). Expectations are
    /// judged and shown, but roll up apart and never count as a missed deadline.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub expectation: bool,
    /// Fields the format does not define, kept as given.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

fn one() -> f64 {
    1.0
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_one(w: &f64) -> bool {
    *w == 1.0
}

impl Node {
    /// A node with the given id, kind and title, and every other field empty (weight 1).
    ///
    /// ```
    /// # use roadmap_tracker::{Node, NodeKind};
    /// let section = Node::new("services", NodeKind::Section, "Joined-up services");
    /// assert!(section.parent.is_none());
    /// ```
    pub fn new(
        id: impl Into<CompactString>,
        kind: NodeKind,
        title: impl Into<CompactString>,
    ) -> Self {
        Node {
            id: id.into(),
            kind,
            parent: None,
            title: title.into(),
            summary: String::new(),
            owners: ThinVec::new(),
            tags: ThinVec::new(),
            weight: one(),
            sources: ThinVec::new(),
            deadline: None,
            expectation: false,
            extra: Extra::new(),
        }
    }

    /// The same node under the given parent.
    ///
    /// ```
    /// # use roadmap_tracker::{Node, NodeKind};
    /// let area = Node::new("cloud", NodeKind::Area, "Cloud").with_parent("infrastructure");
    /// assert_eq!(area.parent.as_deref(), Some("infrastructure"));
    /// ```
    pub fn with_parent(mut self, parent: impl Into<CompactString>) -> Self {
        self.parent = Some(parent.into());
        self
    }

    /// The same node with a deadline phrase written on the given date.
    ///
    /// ```
    /// # use roadmap_tracker::{Node, NodeKind};
    /// # use chrono::NaiveDate;
    /// let written = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap();
    /// let c = Node::new("c", NodeKind::Commitment, "C").with_deadline("by March 2028", written);
    /// assert_eq!(c.deadline.unwrap().phrase, "by March 2028");
    /// ```
    pub fn with_deadline(mut self, phrase: impl Into<String>, written_on: NaiveDate) -> Self {
        self.deadline = Some(Box::new(DeadlineText {
            phrase: phrase.into(),
            written_on,
            source: None,
        }));
        self
    }
}

/// A deadline as a document wrote it: the phrase verbatim and the date of that document,
/// against which relative phrases ("this summer") are read.
///
/// ```
/// use roadmap_tracker::Roadmap;
/// let roadmap = Roadmap::uk_digital_2026();
/// let node = roadmap.node("treasury-finance-data").expect("bundled node");
/// let deadline = node.deadline.as_ref().expect("has a deadline");
/// assert_eq!(deadline.phrase, "by October 2028");
/// let parsed = deadline.parse()?;
/// assert_eq!(parsed.latest().map(|d| d.to_string()).as_deref(), Some("2028-10-31"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineText {
    /// The phrase exactly as written.
    pub phrase: String,
    /// The date of the document that wrote it.
    #[serde(with = "crate::dates::serde_date")]
    pub written_on: NaiveDate,
    /// The id of that document in the roadmap's sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl DeadlineText {
    /// Parse the phrase with the default conventions.
    ///
    /// ```
    /// # use roadmap_tracker::DeadlineText;
    /// # use chrono::NaiveDate;
    /// let text = DeadlineText {
    ///     phrase: "summer 2026".into(),
    ///     written_on: NaiveDate::from_ymd_opt(2026, 1, 19).unwrap(),
    ///     source: None,
    /// };
    /// assert_eq!(text.parse()?.earliest().map(|d| d.to_string()).as_deref(), Some("2026-06-01"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse(&self) -> Result<crate::deadline::Deadline, crate::Error> {
        crate::deadline::parse(&self.phrase, self.written_on)
    }
}

/// A dated report of a commitment's or milestone's progress.
///
/// The `status` is the label as the source reported it ("launched", "under review"); the
/// status rules map it to a canonical state through a vocabulary.
///
/// ```
/// use roadmap_tracker::Roadmap;
/// let roadmap = Roadmap::uk_digital_2026();
/// let updates: Vec<_> = roadmap.updates_for("digital-sourcing-strategy").collect();
/// assert_eq!(updates.last().map(|u| u.status.as_str()), Some("under review"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatusUpdate {
    /// The id of the commitment or milestone.
    pub node: String,
    /// The date of the document that reported it, as precisely as it is known (a day, a
    /// month, a quarter, a year or "on or before" a day). It becomes visible on the latest
    /// day it can be ([`EvidenceDate::latest`]).
    pub date: EvidenceDate,
    /// The status label as reported.
    pub status: String,
    /// The id of the reporting source.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// A short note on what was reported.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// When the thing was delivered (or came into effect), if the update says; as precise
    /// as the evidence is. Without it, a delivery is known only to be on or before the
    /// update's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_on: Option<EvidenceDate>,
    /// For a re-plan: the new deadline as announced, its `written_on` being the date it was
    /// set. `None` on a re-plan means the new deadline is still to be set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_deadline: Option<DeadlineText>,
    /// Fields the format does not define, kept as given.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

/// Whether a metric improves as it rises or as it falls.
///
/// ```
/// use roadmap_tracker::Direction;
/// assert_eq!("lower_is_better".parse::<Direction>()?, Direction::LowerIsBetter);
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Bigger values are better (take-up, satisfaction).
    #[default]
    HigherIsBetter,
    /// Smaller values are better (cost, waiting time).
    LowerIsBetter,
}

names! { serde Direction, "direction" {
    HigherIsBetter => "higher_is_better",
    LowerIsBetter => "lower_is_better",
}}

/// A performance measure attached to a node, with a baseline, a target and observations.
///
/// ```
/// use roadmap_tracker::{Direction, Metric, MetricPoint};
/// use chrono::NaiveDate;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// let metric = Metric::new("take-up", "services", "Digital take-up", "%")
///     .with_baseline(60.0, d(2026, 1, 1));
/// assert_eq!(metric.direction, Direction::HigherIsBetter);
/// assert_eq!(metric.baseline, Some(MetricPoint { date: d(2026, 1, 1), value: 60.0 }));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    /// A stable slug, unique among metrics.
    pub id: String,
    /// The node it measures.
    pub node: String,
    /// What is measured.
    pub title: String,
    /// The unit of the values ("%", "days", "£m").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// Whether higher or lower values are better.
    #[serde(default)]
    pub direction: Direction,
    /// The starting value and its date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<MetricPoint>,
    /// The value aimed for and its deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<MetricTarget>,
    /// A planned path from baseline to target; empty means a straight line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trajectory: Vec<MetricPoint>,
    /// What was measured, when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub observations: Vec<Observation>,
    /// Fields the format does not define, kept as given.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl Metric {
    /// A metric with no baseline, target or observations, higher being better.
    ///
    /// ```
    /// # use roadmap_tracker::Metric;
    /// let m = Metric::new("cost", "area-1", "Cost per transaction", "£");
    /// assert!(m.observations.is_empty());
    /// ```
    pub fn new(
        id: impl Into<String>,
        node: impl Into<String>,
        title: impl Into<String>,
        unit: impl Into<String>,
    ) -> Self {
        Metric {
            id: id.into(),
            node: node.into(),
            title: title.into(),
            unit: unit.into(),
            direction: Direction::HigherIsBetter,
            baseline: None,
            target: None,
            trajectory: Vec::new(),
            observations: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// The same metric with a baseline.
    ///
    /// ```
    /// # use roadmap_tracker::Metric;
    /// # use chrono::NaiveDate;
    /// let m = Metric::new("m", "n", "M", "").with_baseline(1.5, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    /// assert_eq!(m.baseline.map(|b| b.value), Some(1.5));
    /// ```
    pub fn with_baseline(mut self, value: f64, date: NaiveDate) -> Self {
        self.baseline = Some(MetricPoint { date, value });
        self
    }
}

/// A dated value on a metric's baseline or planned trajectory.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MetricPoint {
    /// The date of the value.
    #[serde(with = "crate::dates::serde_date")]
    pub date: NaiveDate,
    /// The value.
    pub value: f64,
}

/// A metric's target: what it aims at ([`crate::target::Target`]: a trajectory to a value,
/// or an exact, minimum, maximum or range target) and the deadline phrase by which.
///
/// In JSON the target's fields sit next to `deadline`; without `type` it is a trajectory
/// target (the form before target types existed): `{"value": 80, "deadline": {...}}`,
/// `{"type": "range", "low": 40, "high": 60, "deadline": {...}}`.
///
/// ```
/// use roadmap_tracker::MetricTarget;
/// use roadmap_tracker::target::Target;
/// let t: MetricTarget = serde_json::from_str(
///     r#"{"type": "minimum", "value": 80, "deadline": {"phrase": "by March 2027", "written_on": "2026-01-19"}}"#)?;
/// assert_eq!(t.target, Target::at_least(80.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    try_from = "crate::target::MetricTargetJson",
    into = "crate::target::MetricTargetJson"
)]
pub struct MetricTarget {
    /// What is aimed at.
    pub target: crate::target::Target,
    /// When it should be reached.
    pub deadline: DeadlineText,
}

/// A measured value of a metric.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// When it was measured (or the end of the period it covers).
    #[serde(with = "crate::dates::serde_date")]
    pub date: NaiveDate,
    /// The value.
    pub value: f64,
    /// The id of the reporting source.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// A short note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Fields the format does not define, kept as given.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl Roadmap {
    /// An empty roadmap with the given metadata.
    ///
    /// ```
    /// use roadmap_tracker::Roadmap;
    /// use chrono::NaiveDate;
    /// let r = Roadmap::new("plan", "Our plan", "Us", NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    /// assert!(r.nodes.is_empty());
    /// assert!(r.validate().is_ok());
    /// ```
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        publisher: impl Into<String>,
        published: NaiveDate,
    ) -> Self {
        Roadmap {
            id: id.into(),
            title: title.into(),
            publisher: publisher.into(),
            published,
            summary: String::new(),
            sources: Vec::new(),
            nodes: Vec::new(),
            updates: Vec::new(),
            metrics: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// The node with the given id (a linear scan; build an index for many look-ups).
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// assert!(Roadmap::uk_digital_2026().node("digital-sourcing-strategy").is_some());
    /// ```
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The source with the given id.
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// assert!(Roadmap::uk_digital_2026().source("csw-summer-2026").is_some());
    /// ```
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The commitments, in order.
    ///
    /// ```
    /// # use roadmap_tracker::{NodeKind, Roadmap};
    /// let r = Roadmap::uk_digital_2026();
    /// assert!(r.commitments().all(|n| n.kind == NodeKind::Commitment));
    /// ```
    pub fn commitments(&self) -> impl Iterator<Item = &Node> {
        self.nodes_of_kind(NodeKind::Commitment)
    }

    /// The nodes of one kind, in order.
    ///
    /// ```
    /// # use roadmap_tracker::{NodeKind, Roadmap};
    /// assert_eq!(Roadmap::uk_digital_2026().nodes_of_kind(NodeKind::Section).count(), 6);
    /// ```
    pub fn nodes_of_kind(&self, kind: NodeKind) -> impl Iterator<Item = &Node> {
        self.nodes.iter().filter(move |n| n.kind == kind)
    }

    /// The direct children of a node (or the sections, for `None`), in order.
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// let r = Roadmap::uk_digital_2026();
    /// assert_eq!(r.children(None).count(), 6);
    /// ```
    pub fn children<'a>(&'a self, parent: Option<&'a str>) -> impl Iterator<Item = &'a Node> {
        self.nodes
            .iter()
            .filter(move |n| n.parent.as_deref() == parent)
    }

    /// The status updates of one node, in the order stored.
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// let r = Roadmap::uk_digital_2026();
    /// assert!(r.updates_for("supplier-information-service").count() >= 1);
    /// ```
    pub fn updates_for<'a>(&'a self, node: &'a str) -> impl Iterator<Item = &'a StatusUpdate> {
        self.updates.iter().filter(move |u| u.node == node)
    }
}

/// How precisely an [`EvidenceDate`] is known.
///
/// ```
/// use roadmap_tracker::Precision;
/// assert_eq!(Precision::OnOrBefore.as_str(), "on_or_before");
/// assert_eq!("quarter".parse::<Precision>()?, Precision::Quarter);
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    /// A calendar day: `2026-06-04`.
    Day,
    /// A month: `2026-06` (any day of June 2026).
    Month,
    /// A calendar quarter: `2026-Q2` (April to June 2026).
    Quarter,
    /// A year: `2026`.
    Year,
    /// On or before a day, with no earliest date: `..2026-06-04`.
    OnOrBefore,
}

names! { serde Precision, "date precision" {
    Day => "day",
    Month => "month",
    Quarter => "quarter",
    Year => "year",
    OnOrBefore => "on_or_before",
}}

/// A date as evidence gives it: a day, or only a month, a quarter, a year, or "on or
/// before" a day (a magazine that went to press in June; "launched in March").
///
/// The status rules judge by its bounds: [`EvidenceDate::earliest`] (none for "on or
/// before") and [`EvidenceDate::latest`]. Nothing is filled in that the evidence does not
/// give: a month stays a month in every output.
///
/// Written as text in JSON and CSV: `2026-06-04`, `2026-06`, `2026-Q2`, `2026`,
/// `..2026-06-04`. A plain `YYYY-MM-DD` is a day, as it always was.
///
/// ```
/// use roadmap_tracker::{EvidenceDate, Precision};
/// use chrono::NaiveDate;
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// let june: EvidenceDate = "2026-06".parse()?;
/// assert_eq!(june.precision(), Precision::Month);
/// assert_eq!((june.earliest(), june.latest()), (Some(d(2026, 6, 1)), d(2026, 6, 30)));
/// let q1: EvidenceDate = "2026-Q1".parse()?;
/// assert_eq!((q1.earliest(), q1.latest()), (Some(d(2026, 1, 1)), d(2026, 3, 31)));
/// let by: EvidenceDate = "..2026-06-04".parse()?;
/// assert_eq!((by.earliest(), by.latest()), (None, d(2026, 6, 4)));
/// assert_eq!(by.to_string(), "..2026-06-04");
/// assert_eq!(EvidenceDate::from(d(2026, 6, 4)).as_day(), Some(d(2026, 6, 4)));
/// assert!("2026-13".parse::<EvidenceDate>().is_err());
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EvidenceDate {
    precision: Precision,
    /// The first day of the period (the day itself for `Day` and `OnOrBefore`).
    anchor: NaiveDate,
}

impl From<NaiveDate> for EvidenceDate {
    fn from(day: NaiveDate) -> Self {
        EvidenceDate::day(day)
    }
}

impl EvidenceDate {
    /// A known day.
    pub fn day(day: NaiveDate) -> Self {
        EvidenceDate {
            precision: Precision::Day,
            anchor: day,
        }
    }

    /// On or before a day, with no earliest date.
    ///
    /// ```
    /// # use roadmap_tracker::EvidenceDate;
    /// # use chrono::NaiveDate;
    /// let d = NaiveDate::from_ymd_opt(2026, 6, 4).unwrap();
    /// assert_eq!(EvidenceDate::on_or_before(d).earliest(), None);
    /// ```
    pub fn on_or_before(day: NaiveDate) -> Self {
        EvidenceDate {
            precision: Precision::OnOrBefore,
            anchor: day,
        }
    }

    /// A month (1–12); `invalid_date` for a month out of range or a year outside 1000–9999.
    ///
    /// ```
    /// # use roadmap_tracker::EvidenceDate;
    /// assert_eq!(EvidenceDate::month(2026, 3)?.to_string(), "2026-03");
    /// assert!(EvidenceDate::month(2026, 0).is_err());
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn month(year: i32, month: u32) -> Result<Self, Error> {
        let anchor = first_day(year, month, &format!("{year:04}-{month:02}"))?;
        Ok(EvidenceDate {
            precision: Precision::Month,
            anchor,
        })
    }

    /// A calendar quarter (1–4): Q1 is January to March.
    ///
    /// ```
    /// # use roadmap_tracker::EvidenceDate;
    /// assert_eq!(EvidenceDate::quarter(2026, 2)?.latest().to_string(), "2026-06-30");
    /// assert!(EvidenceDate::quarter(2026, 5).is_err());
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn quarter(year: i32, quarter: u32) -> Result<Self, Error> {
        let text = format!("{year:04}-Q{quarter}");
        if !(1..=4).contains(&quarter) {
            return Err(date_error(format!(
                "invalid date {text:?}: quarter {quarter} is not between 1 and 4"
            )));
        }
        let anchor = first_day(year, quarter * 3 - 2, &text)?;
        Ok(EvidenceDate {
            precision: Precision::Quarter,
            anchor,
        })
    }

    /// A year.
    ///
    /// ```
    /// # use roadmap_tracker::EvidenceDate;
    /// assert_eq!(EvidenceDate::year(2026)?.latest().to_string(), "2026-12-31");
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn year(year: i32) -> Result<Self, Error> {
        let anchor = first_day(year, 1, &format!("{year:04}"))?;
        Ok(EvidenceDate {
            precision: Precision::Year,
            anchor,
        })
    }

    /// How precisely the date is known.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The earliest day it can be; `None` for "on or before".
    pub fn earliest(&self) -> Option<NaiveDate> {
        match self.precision {
            Precision::OnOrBefore => None,
            _ => Some(self.anchor),
        }
    }

    /// The latest day it can be.
    pub fn latest(&self) -> NaiveDate {
        use chrono::Datelike;
        let (y, m) = (self.anchor.year(), self.anchor.month());
        let last_of = |month: u32| {
            NaiveDate::from_ymd_opt(y, month, crate::dates::days_in_month(y, month))
                .unwrap_or(self.anchor)
        };
        match self.precision {
            Precision::Day | Precision::OnOrBefore => self.anchor,
            Precision::Month => last_of(m),
            Precision::Quarter => last_of(m + 2),
            Precision::Year => last_of(12),
        }
    }

    /// The day, if the date is known to the day.
    pub fn as_day(&self) -> Option<NaiveDate> {
        (self.precision == Precision::Day).then_some(self.anchor)
    }

    /// Whether it is known to the day.
    pub fn is_day(&self) -> bool {
        self.precision == Precision::Day
    }
}

fn date_error(message: String) -> Error {
    Error::format(crate::error::Problem::new(
        crate::error::ErrorCode::InvalidDate,
        crate::error::Location::default(),
        message,
    ))
}

fn first_day(year: i32, month: u32, text: &str) -> Result<NaiveDate, Error> {
    if !(crate::deadline::MIN_YEAR..=crate::deadline::MAX_YEAR).contains(&year) {
        return Err(date_error(format!(
            "invalid date {text:?}: years run from {} to {}",
            crate::deadline::MIN_YEAR,
            crate::deadline::MAX_YEAR
        )));
    }
    crate::dates::checked_ymd(year, month, 1)
        .map_err(|why| date_error(format!("invalid date {text:?}: {why}")))
}

impl std::fmt::Display for EvidenceDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use chrono::Datelike;
        let (y, m) = (self.anchor.year(), self.anchor.month());
        match self.precision {
            Precision::Day => write!(f, "{}", self.anchor),
            Precision::OnOrBefore => write!(f, "..{}", self.anchor),
            Precision::Month => write!(f, "{y:04}-{m:02}"),
            Precision::Quarter => write!(f, "{y:04}-Q{}", m.div_ceil(3)),
            Precision::Year => write!(f, "{y:04}"),
        }
    }
}

impl std::str::FromStr for EvidenceDate {
    type Err = Error;

    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY-Qn`, `YYYY` or `..YYYY-MM-DD`.
    fn from_str(text: &str) -> Result<Self, Error> {
        let expected = || {
            date_error(format!(
                "invalid date {text:?}: expected YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY or ..YYYY-MM-DD"
            ))
        };
        if let Some(day) = text.strip_prefix("..") {
            return crate::dates::read_iso_date(day)
                .map(EvidenceDate::on_or_before)
                .map_err(date_error);
        }
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let year_of = |s: &str| -> Result<i32, Error> {
            if s.len() == 4 && digits(s) {
                s.parse().map_err(|_| expected())
            } else {
                Err(expected())
            }
        };
        match text.len() {
            10 => crate::dates::read_iso_date(text)
                .map(EvidenceDate::day)
                .map_err(date_error),
            4 => EvidenceDate::year(year_of(text)?),
            7 => {
                let (y, rest) = text.split_at(4);
                let year = year_of(y)?;
                match rest.as_bytes() {
                    [b'-', b'Q' | b'q', q] if q.is_ascii_digit() => {
                        EvidenceDate::quarter(year, u32::from(q - b'0'))
                    }
                    [b'-', a, b] if a.is_ascii_digit() && b.is_ascii_digit() => {
                        EvidenceDate::month(year, u32::from(a - b'0') * 10 + u32::from(b - b'0'))
                    }
                    _ => Err(expected()),
                }
            }
            _ => Err(expected()),
        }
    }
}

impl Serialize for EvidenceDate {
    /// A day as the crate's dates are (so a binding gets its native date type), any other
    /// precision as its text.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.as_day() {
            Some(day) => crate::dates::Iso(day).serialize(s),
            None => s.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for EvidenceDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        text.parse()
            .map_err(|e: Error| serde::de::Error::custom(e.message()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The struct is most of what a minimal node costs (docs/formats.md, "Limits"), so a
    /// field that widens it shows here. On 64-bit targets: `id`, `parent` and `title` 24
    /// bytes each (`CompactString`, `None` in its niche), `summary` 24, `extra` 24,
    /// `owners`, `tags` and `sources` 8 each (`ThinVec`), `weight` 8, `deadline` 8 (a box,
    /// `None` in its niche), `kind` and `expectation` 1 each: 162, padded to 168.
    #[cfg(target_pointer_width = "64")]
    #[test]
    fn a_node_is_168_bytes_on_64_bit_targets() {
        assert_eq!(std::mem::size_of::<Node>(), 168);
        assert_eq!(std::mem::size_of::<Option<CompactString>>(), 24);
        assert_eq!(std::mem::size_of::<ThinVec<String>>(), 8);
        assert_eq!(std::mem::size_of::<Option<Box<DeadlineText>>>(), 8);
    }

    /// Texts of up to 24 bytes live inside the node; the empty lists allocate nothing.
    #[test]
    fn a_minimal_node_holds_its_short_texts_inline() {
        let n = Node::new("c2999999", NodeKind::Commitment, String::from("T")).with_parent("a");
        assert_eq!(n.id, "c2999999");
        assert!(!n.id.is_heap_allocated());
        assert!(!n.title.is_heap_allocated());
        assert!(n.parent.as_ref().is_some_and(|p| !p.is_heap_allocated()));
        assert_eq!(n.owners.capacity(), 0);
        // 24 bytes still fit; 25 do not.
        let long = Node::new("x".repeat(24), NodeKind::Area, "y".repeat(25));
        assert!(!long.id.is_heap_allocated());
        assert!(long.title.is_heap_allocated());
        assert_eq!(long.title.len(), 25);
    }
}
