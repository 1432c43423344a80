//! Dated snapshots of a roadmap: the one "over releases" concept. A yearly spreadsheet
//! release is one snapshot ([`crate::spreadsheet::Sheet::to_roadmap`]); so is any
//! [`Roadmap`] as it stood on a date.
//!
//! The UK major projects portfolio, like many trackers, publishes one spreadsheet a year
//! with the same projects in each. [`Snapshots`] holds the roadmaps in date order and
//! computes, per item (commitment or milestone, matched by id across snapshots):
//!
//! - [`Snapshots::slippage`]: how far the end date (the deadline's latest day) moved from
//!   the first snapshot that gave one to the last ([`Slippage`]);
//! - [`Snapshots::changes`]: what changed from one snapshot to the next (added, removed,
//!   a new status label, a moved end date);
//! - [`Snapshots::schedule_health`]: time elapsed against progress in each snapshot
//!   ([`crate::schedule::health`]);
//! - [`Snapshots::rating_counts`]: counts per reading of a sheet's rating field, also by
//!   kind ([`Snapshots::rating_summary`]) and per owner
//!   ([`Snapshots::rating_counts_by_owner`]).
//!
//! [`crate::spreadsheet::Releases`] makes the snapshots of a portfolio's yearly releases,
//! with projects keyed across years and departments named canonically.
//!
//! One roadmap's statuses over a series of days are [`crate::status::History`]; the
//! snapshots here are different roadmaps, one per release.
//!
//! ```
//! use chrono::NaiveDate;
//! use roadmap_tracker::snapshots::Snapshots;
//! use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, RoadmapSpec, Sheet};
//! use roadmap_tracker::status::Vocabulary;
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let five = ColumnMapping::gmpp(Vocabulary::builtin("gmpp-5")?);
//! let three = ColumnMapping::gmpp(Vocabulary::builtin("gmpp-3")?);
//! let spec = RoadmapSpec::gmpp();
//! let mut s = Snapshots::new();
//! let y2020 = Sheet::load("Project;DCA;End Date\nRail;Amber/Red;31.03.24\n", &five, &LoadOptions::default())?;
//! s.push("2020", d(2020, 9, 30), y2020.to_roadmap(&spec, d(2020, 9, 30))?);
//! let y2022 = Sheet::load("Project;DCA;End Date\nRail;Amber;31.03.25\n", &three, &LoadOptions::default())?;
//! s.push("2022", d(2022, 9, 30), y2022.to_roadmap(&spec, d(2022, 9, 30))?);
//! let counts = s.rating_counts("assessor_rating");
//! assert_eq!(counts[0].counts.get("Amber/Red"), Some(&1));
//! let slips = s.slippage();
//! assert_eq!((slips[0].title.as_str(), slips[0].slippage.as_ref().map(|x| x.days)), ("Rail", Some(365)));
//! let changes = s.changes();
//! assert_eq!((changes[0].status_before.as_deref(), changes[0].status_after.as_deref()), (Some("Amber/Red"), Some("Amber")));
//! # Ok::<(), roadmap_tracker::Error>(())
//! ```

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, ErrorCode, Location, Problem};
use crate::model::{Node, Roadmap};
use crate::names::names;
use crate::schedule::{ScheduleHealth, Slippage};

/// One snapshot: a label (usually the year), the date the data describes, and the
/// roadmap as it stood then.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Snapshot {
    /// The label, e.g. `2019`.
    pub label: String,
    /// The date the data describes.
    #[serde(with = "crate::dates::serde_date")]
    pub as_of: NaiveDate,
    /// The roadmap.
    pub roadmap: Roadmap,
}

impl Snapshot {
    /// The commitments and milestones, in roadmap order.
    fn items(&self) -> impl Iterator<Item = &Node> {
        self.roadmap.nodes.iter().filter(|n| n.kind.is_trackable())
    }

    /// An item's end date: the latest day of its deadline, when the phrase reads as one.
    fn end(&self, node: &Node) -> Option<NaiveDate> {
        node.deadline.as_ref()?.parse().ok()?.latest()
    }

    /// An item's status label: its latest update dated on or before the snapshot's date
    /// (the last listed among updates of the same date).
    fn status(&self, node: &str) -> Option<&str> {
        self.roadmap
            .updates
            .iter()
            .filter(|u| u.node == node && u.date.latest() <= self.as_of)
            .fold(
                None,
                |best: Option<&crate::model::StatusUpdate>, u| match best {
                    Some(b) if b.date.latest() > u.date.latest() => Some(b),
                    _ => Some(u),
                },
            )
            .map(|u| u.status.as_str())
    }
}

/// Counts of one rating field in one snapshot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RatingCounts {
    /// The snapshot's label.
    pub label: String,
    /// Items per reading: the tracker's label, a non-rating in brackets (`[withheld]`),
    /// `[blank]` for an empty cell, `[unreadable]` for a cell the vocabulary refused.
    pub counts: BTreeMap<String, usize>,
}

/// Counts of one rating field in one snapshot, by kind of reading
/// ([`Snapshots::rating_summary`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RatingSummary {
    /// The snapshot's label.
    pub label: String,
    /// The items of the snapshot: the sum of all the counts below.
    pub items: usize,
    /// Items per rating label of the tracker.
    pub ratings: BTreeMap<String, usize>,
    /// Items per kind of non-rating (`withheld`, `not_assessed`, `unclear`).
    pub non_ratings: BTreeMap<String, usize>,
    /// Items whose cell was blank (or whose release has no such column).
    pub blank: usize,
    /// Items whose cell could not be read (kept, and reported by the sheet).
    pub unreadable: usize,
}

/// Counts of one rating field for one owner in one snapshot
/// ([`Snapshots::rating_counts_by_owner`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct OwnerCounts {
    /// The snapshot's label.
    pub label: String,
    /// The owner (for a portfolio release, the canonical department name); empty for
    /// items with none.
    pub owner: String,
    /// The owner's items in the snapshot.
    pub items: usize,
    /// Items per reading, as in [`RatingCounts::counts`].
    pub counts: BTreeMap<String, usize>,
}

/// One item's slippage across snapshots.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ItemSlippage {
    /// The item's id.
    pub node: String,
    /// Its title in the latest snapshot that has it (e.g. the project name).
    pub title: String,
    /// The labels of the snapshots the item appears in.
    pub snapshots: Vec<String>,
    /// The slippage, or `None` when no snapshot gave a readable end date.
    pub slippage: Option<Slippage>,
}

/// What kind of change [`SnapshotChange`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChangeKind {
    /// The item is new in the later snapshot.
    Added,
    /// The item is gone from the later snapshot.
    Removed,
    /// The item is in both, with another status label or end date.
    Changed,
}

names! { ChangeKind, "change kind" {
    Added => "added",
    Removed => "removed",
    Changed => "changed",
}}

/// What changed for one item from one snapshot to the next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SnapshotChange {
    /// The earlier snapshot's label.
    pub from: String,
    /// The later snapshot's label.
    pub to: String,
    /// The item's id.
    pub node: String,
    /// Its title (in the later snapshot, or the earlier one for a removed item).
    pub title: String,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// The status label in the earlier snapshot (its latest update on or before then).
    pub status_before: Option<String>,
    /// The status label in the later snapshot.
    pub status_after: Option<String>,
    /// The end date in the earlier snapshot.
    #[serde(with = "crate::dates::serde_date::option")]
    pub end_before: Option<NaiveDate>,
    /// The end date in the later snapshot.
    #[serde(with = "crate::dates::serde_date::option")]
    pub end_after: Option<NaiveDate>,
    /// `end_after − end_before` in days, when both are known: positive when it slipped.
    pub days: Option<i64>,
}

/// One item's schedule health in one snapshot.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ItemHealth {
    /// The snapshot's label.
    pub label: String,
    /// The item's id.
    pub node: String,
    /// Its title.
    pub title: String,
    /// The health on the snapshot's date, or `None` when the start or end date is not
    /// known, or the dates or progress are unusable (then `problem` says why).
    pub health: Option<ScheduleHealth>,
    /// Why the health could not be computed from dates and progress that were given.
    pub problem: Option<Problem>,
}

/// Dated snapshots of a roadmap, in date order. See the [module docs](self).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Snapshots {
    snapshots: Vec<Snapshot>,
}

impl Snapshots {
    /// No snapshots yet.
    pub fn new() -> Self {
        Snapshots::default()
    }

    /// Add a snapshot, in date order: after every snapshot of the same or an earlier
    /// date.
    pub fn push(&mut self, label: &str, as_of: NaiveDate, roadmap: Roadmap) {
        let at = self.snapshots.partition_point(|s| s.as_of <= as_of);
        self.snapshots.insert(
            at,
            Snapshot {
                label: label.to_owned(),
                as_of,
                roadmap,
            },
        );
    }

    /// The snapshots, in date order.
    pub fn snapshots(&self) -> &[Snapshot] {
        &self.snapshots
    }

    /// Counts per reading of a rating field of the sheets the snapshots were made from
    /// (kept in each item's `extra`, see [`crate::spreadsheet::Sheet::to_roadmap`]), one
    /// entry per snapshot, in order. Every item is counted once, so the counts add up to
    /// the items of the snapshot.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use roadmap_tracker::snapshots::Snapshots;
    /// # use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, RoadmapSpec, Sheet};
    /// # use roadmap_tracker::status::Vocabulary;
    /// let mapping = ColumnMapping::gmpp(Vocabulary::builtin("gmpp-3")?);
    /// let text = "Project;DCA;DCA\nRail;Exempt under FOI;Green\nTax;;Amber/Red\n";
    /// let sheet = Sheet::load(text, &mapping, &LoadOptions::default())?;
    /// let day = NaiveDate::from_ymd_opt(2022, 9, 30).unwrap();
    /// let mut s = Snapshots::new();
    /// s.push("2022", day, sheet.to_roadmap(&RoadmapSpec::gmpp(), day)?);
    /// let assessor = &s.rating_counts("assessor_rating")[0].counts;
    /// assert_eq!((assessor.get("[withheld]"), assessor.get("[blank]")), (Some(&1), Some(&1)));
    /// let owner = &s.rating_counts("owner_rating")[0].counts;
    /// assert_eq!((owner.get("Green"), owner.get("[unreadable]")), (Some(&1), Some(&1)));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn rating_counts(&self, field: &str) -> Vec<RatingCounts> {
        self.snapshots
            .iter()
            .map(|s| {
                let mut counts = BTreeMap::new();
                for node in s.items() {
                    *counts.entry(reading_key(node, field)).or_insert(0) += 1;
                }
                RatingCounts {
                    label: s.label.clone(),
                    counts,
                }
            })
            .collect()
    }

    /// [`Snapshots::rating_counts`] by kind: ratings, non-ratings, blanks and unreadable
    /// cells apart.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use roadmap_tracker::snapshots::Snapshots;
    /// # use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, RoadmapSpec, Sheet};
    /// # use roadmap_tracker::status::Vocabulary;
    /// let mapping = ColumnMapping::gmpp(Vocabulary::builtin("gmpp-3")?);
    /// let text = "Project;DCA\nRail;Exempt under FOI\nTax;\nPort;Amber/Red\nDock;Red\n";
    /// let sheet = Sheet::load(text, &mapping, &LoadOptions::default())?;
    /// let day = NaiveDate::from_ymd_opt(2022, 3, 31).unwrap();
    /// let mut s = Snapshots::new();
    /// s.push("2022", day, sheet.to_roadmap(&RoadmapSpec::gmpp(), day)?);
    /// let y = &s.rating_summary("assessor_rating")[0];
    /// assert_eq!((y.items, y.ratings.get("Red"), y.non_ratings.get("withheld"), y.blank, y.unreadable),
    ///            (4, Some(&1), Some(&1), 1, 1));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn rating_summary(&self, field: &str) -> Vec<RatingSummary> {
        self.rating_counts(field)
            .into_iter()
            .map(|c| {
                let mut out = RatingSummary {
                    label: c.label,
                    items: c.counts.values().sum(),
                    ratings: BTreeMap::new(),
                    non_ratings: BTreeMap::new(),
                    blank: 0,
                    unreadable: 0,
                };
                for (key, n) in c.counts {
                    match key.strip_prefix('[').and_then(|k| k.strip_suffix(']')) {
                        Some("blank") => out.blank += n,
                        Some("unreadable") => out.unreadable += n,
                        Some(kind) => *out.non_ratings.entry(kind.to_owned()).or_insert(0) += n,
                        None => *out.ratings.entry(key).or_insert(0) += n,
                    }
                }
                out
            })
            .collect()
    }

    /// [`Snapshots::rating_counts`] per owner: one entry per snapshot and owner, owners
    /// in order of first appearance in the snapshot. For a portfolio this is the share
    /// of each department's projects on each rating.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use roadmap_tracker::snapshots::Snapshots;
    /// # use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, RoadmapSpec, Sheet};
    /// # use roadmap_tracker::status::Vocabulary;
    /// let mapping = ColumnMapping::gmpp(Vocabulary::builtin("gmpp-5")?);
    /// let text = "Project;Department;DCA\nRail;DfT;Red\nRoad;DfT;Amber/Red\nJail;MoJ;Green\n";
    /// let sheet = Sheet::load(text, &mapping, &LoadOptions::default())?;
    /// let day = NaiveDate::from_ymd_opt(2020, 9, 30).unwrap();
    /// let mut s = Snapshots::new();
    /// s.push("2020", day, sheet.to_roadmap(&RoadmapSpec::gmpp(), day)?);
    /// let by = s.rating_counts_by_owner("assessor_rating");
    /// assert_eq!((by[0].owner.as_str(), by[0].items, by[0].counts.get("Red")), ("DfT", 2, Some(&1)));
    /// assert_eq!((by[1].owner.as_str(), by[1].items), ("MoJ", 1));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn rating_counts_by_owner(&self, field: &str) -> Vec<OwnerCounts> {
        let mut out = Vec::new();
        for s in &self.snapshots {
            let mut at: HashMap<String, usize> = HashMap::new();
            let start = out.len();
            for node in s.items() {
                let owner = node.owners.first().cloned().unwrap_or_default();
                let i = *at.entry(owner.clone()).or_insert_with(|| {
                    out.push(OwnerCounts {
                        label: s.label.clone(),
                        owner,
                        items: 0,
                        counts: BTreeMap::new(),
                    });
                    out.len() - 1 - start
                });
                if let Some(entry) = out.get_mut(start + i) {
                    entry.items += 1;
                    *entry.counts.entry(reading_key(node, field)).or_insert(0) += 1;
                }
            }
        }
        out
    }

    /// Each item's end-date slippage across the snapshots, items in order of first
    /// appearance. The end date is the latest day of the item's deadline; a snapshot
    /// where the item has no deadline, or one that does not read as a date, counts as
    /// undated.
    pub fn slippage(&self) -> Vec<ItemSlippage> {
        let mut order: Vec<String> = Vec::new();
        let mut points: HashMap<String, (String, ItemPoints)> = HashMap::new();
        for s in &self.snapshots {
            for node in s.items() {
                let entry = points.entry(node.id.as_str().into()).or_insert_with(|| {
                    order.push(node.id.as_str().into());
                    (String::new(), (Vec::new(), Vec::new()))
                });
                entry.0.clear();
                entry.0.push_str(&node.title);
                entry.1 .0.push(s.label.clone());
                entry.1 .1.push((s.as_of, s.end(node)));
            }
        }
        order
            .into_iter()
            .filter_map(|node| {
                let (title, (labels, dates)) = points.remove(&node)?;
                Some(ItemSlippage {
                    slippage: Slippage::from_points(&dates),
                    snapshots: labels,
                    title,
                    node,
                })
            })
            .collect()
    }

    /// What changed from each snapshot to the next: for each pair, the items of the
    /// later snapshot that are new or whose status label or end date differs (in its
    /// roadmap order), then the items that are gone (in the earlier one's order).
    pub fn changes(&self) -> Vec<SnapshotChange> {
        let mut out = Vec::new();
        for pair in self.snapshots.windows(2) {
            let [before, after] = pair else { continue };
            let earlier: HashMap<&str, &Node> =
                before.items().map(|n| (n.id.as_str(), n)).collect();
            let change = |node: &Node, kind, old: Option<&Node>, new: Option<&Node>| {
                let end_before = old.and_then(|n| before.end(n));
                let end_after = new.and_then(|n| after.end(n));
                SnapshotChange {
                    from: before.label.clone(),
                    to: after.label.clone(),
                    node: node.id.as_str().into(),
                    title: node.title.as_str().into(),
                    kind,
                    status_before: old.and_then(|n| before.status(&n.id)).map(str::to_owned),
                    status_after: new.and_then(|n| after.status(&n.id)).map(str::to_owned),
                    end_before,
                    end_after,
                    days: end_before
                        .zip(end_after)
                        .map(|(b, a)| a.signed_duration_since(b).num_days()),
                }
            };
            for node in after.items() {
                let c = match earlier.get(node.id.as_str()) {
                    None => change(node, ChangeKind::Added, None, Some(node)),
                    Some(old) => change(node, ChangeKind::Changed, Some(old), Some(node)),
                };
                if c.kind == ChangeKind::Added
                    || c.status_before != c.status_after
                    || c.end_before != c.end_after
                {
                    out.push(c);
                }
            }
            for node in before.items() {
                if !after.items().any(|n| n.id == node.id) {
                    out.push(change(node, ChangeKind::Removed, Some(node), None));
                }
            }
        }
        out
    }

    /// Each item's schedule health in each snapshot (snapshots in order, items in
    /// roadmap order), on the snapshot's date: the start from the item's `extra` field
    /// `start_field` (an ISO date, as [`crate::spreadsheet::Sheet::to_roadmap`] keeps a
    /// date field), the end from its deadline, and the progress, if any, from the `extra`
    /// field `progress_field` (a share from 0 to 1). An item without a start or end date
    /// has no health and no problem; dates or progress that are given but unusable (an
    /// end not after the start, progress that is not a share) are a problem.
    ///
    /// ```
    /// # use chrono::NaiveDate;
    /// # use roadmap_tracker::snapshots::Snapshots;
    /// # use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, RoadmapSpec, Sheet};
    /// # use roadmap_tracker::status::{Rag, Vocabulary};
    /// let mapping = ColumnMapping::gmpp(Vocabulary::builtin("gmpp-3")?).number("progress", &["Done"]);
    /// let text = "Project;Start Date;End Date;Done\nRail;2026-01-01;2026-01-11;0.45\nTax;;2027-01-01;\n";
    /// let sheet = Sheet::load(text, &mapping, &LoadOptions::default())?;
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 6).unwrap();
    /// let mut s = Snapshots::new();
    /// s.push("jan", day, sheet.to_roadmap(&RoadmapSpec::gmpp(), day)?);
    /// let health = s.schedule_health("start_date", Some("progress"));
    /// let rail = health[0].health.as_ref().unwrap();
    /// assert_eq!((rail.elapsed, rail.rag), (0.5, Rag::Amber)); // 0.45 done, half the time gone
    /// assert!(health[1].health.is_none() && health[1].problem.is_none()); // no start date
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn schedule_health(
        &self,
        start_field: &str,
        progress_field: Option<&str>,
    ) -> Vec<ItemHealth> {
        let mut out = Vec::new();
        for s in &self.snapshots {
            for node in s.items() {
                let start = node
                    .extra
                    .get(start_field)
                    .and_then(|t| crate::dates::parse_iso_date(t).ok());
                let progress = progress_field.and_then(|f| node.extra.get(f).map(|t| (f, t)));
                let (health, problem) = match (start, s.end(node)) {
                    (Some(start), Some(end)) => {
                        match progress_share(node, progress)
                            .and_then(|p| crate::schedule::health(start, end, s.as_of, p))
                        {
                            Ok(h) => (Some(h), None),
                            Err(e) => (None, e.problems().into_iter().next()),
                        }
                    }
                    _ => (None, None),
                };
                out.push(ItemHealth {
                    label: s.label.clone(),
                    node: node.id.as_str().into(),
                    title: node.title.as_str().into(),
                    health,
                    problem,
                });
            }
        }
        out
    }
}

/// The reading of a rating field kept in an item's `extra`, as counted.
fn reading_key(node: &Node, field: &str) -> String {
    match node.extra.get(field) {
        None => "[blank]".to_owned(),
        Some(v) if v.starts_with("[unreadable") => "[unreadable]".to_owned(),
        Some(v) => v.clone(),
    }
}

/// An item's snapshot labels, and its (as-of date, end date) pairs.
type ItemPoints = (Vec<String>, Vec<(NaiveDate, Option<NaiveDate>)>);

/// A progress text from an item's `extra` as a number (the range is checked by
/// [`crate::schedule::health`]).
fn progress_share(node: &Node, progress: Option<(&str, &String)>) -> Result<Option<f64>, Error> {
    let Some((field, text)) = progress else {
        return Ok(None);
    };
    crate::number::parse_f64(text).map(Some).ok_or_else(|| {
        Error::evaluation(Problem::new(
            ErrorCode::InvalidNumber,
            Location::default().with_field(field),
            format!("the progress of {:?} is {text:?}, not a number", node.id),
        ))
    })
}
