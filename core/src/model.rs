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

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::names::names;

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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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

names! { NodeKind, "node kind" {
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// A stable slug, unique in the roadmap.
    pub id: String,
    /// The node's level in the tree.
    pub kind: NodeKind,
    /// The parent's id; `None` for sections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// A short title.
    pub title: String,
    /// A sentence or two on what it is.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// The organisations responsible.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub owners: Vec<String>,
    /// Free labels for filtering.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The node's weight in its parent's score (default 1).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub weight: f64,
    /// Ids of the sources that describe the node.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The deadline as written (commitments and milestones only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<DeadlineText>,
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
    pub fn new(id: impl Into<String>, kind: NodeKind, title: impl Into<String>) -> Self {
        Node {
            id: id.into(),
            kind,
            parent: None,
            title: title.into(),
            summary: String::new(),
            owners: Vec::new(),
            tags: Vec::new(),
            weight: 1.0,
            sources: Vec::new(),
            deadline: None,
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
    pub fn with_parent(mut self, parent: impl Into<String>) -> Self {
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
        self.deadline = Some(DeadlineText {
            phrase: phrase.into(),
            written_on,
            source: None,
        });
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusUpdate {
    /// The id of the commitment or milestone.
    pub node: String,
    /// The date of the document that reported it (it becomes visible on this date).
    #[serde(with = "crate::dates::serde_date")]
    pub date: NaiveDate,
    /// The status label as reported.
    pub status: String,
    /// The id of the reporting source.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// A short note on what was reported.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// When the thing was delivered, if the update says it was.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::dates::serde_date::option"
    )]
    pub delivered_on: Option<NaiveDate>,
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Bigger values are better (take-up, satisfaction).
    #[default]
    HigherIsBetter,
    /// Smaller values are better (cost, waiting time).
    LowerIsBetter,
}

names! { Direction, "direction" {
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
