//! The evaluator's prepared form of a roadmap: every deadline parsed, every label resolved,
//! updates grouped by node and sorted by date, and the tree flattened for rollups.
//!
//! Everything that can fail happens here, once, so that evaluating a date cannot fail and
//! allocates only its output.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDate;

use super::rules::{Report, Rules};
use super::ReportedState;
use crate::deadline::Deadline;
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::model::{NodeKind, Roadmap};
use crate::score::{Acc, ScoreKind};
use crate::validate::Item;

/// FNV-1a: ids are short strings and the maps are built for up to millions of nodes, where
/// std's DoS-resistant SipHash costs more than the rest of the preparation. The keys come
/// from the caller's own roadmap, so flooding is not a concern.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub(crate) type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

const NONE: u32 = u32::MAX;

/// A commitment or milestone.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tracked {
    /// Position in `roadmap.nodes`.
    pub node: u32,
    pub kind: NodeKind,
    /// Position in `Index::deadlines`, if the node has a deadline.
    pub deadline: u32,
    /// When the deadline was written: before that date it is not known.
    pub written_on: NaiveDate,
    /// This node's updates: `Index::updates[first..end]`, sorted by date.
    pub first: u32,
    pub end: u32,
    /// The score slot of a commitment's area; `NONE` for milestones (not scored).
    pub slot: u32,
    pub weight: f64,
}

/// A status update, resolved.
#[derive(Clone, Copy, Debug)]
pub(crate) struct UpdateRef {
    /// Position in `roadmap.updates`.
    pub index: u32,
    pub date: NaiveDate,
    pub state: ReportedState,
    /// For delivered and delivered-differently updates: the delivery date.
    pub delivered: Option<NaiveDate>,
}

/// A node that gets a score: a section, sub-category or area.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Slot {
    pub node: u32,
    pub kind: ScoreKind,
    /// The parent's slot; `NONE` for sections, whose parent is the roadmap.
    pub parent: u32,
    pub weight: f64,
}

pub(crate) struct Index<'r> {
    pub roadmap: &'r Roadmap,
    pub deadlines: Vec<Deadline>,
    pub tracked: Vec<Tracked>,
    pub updates: Vec<UpdateRef>,
    pub slots: Vec<Slot>,
    /// Slots children-first (areas, then sub-categories, then sections): the rollup order.
    pub slot_order: Vec<u32>,
    /// Node id → position in `tracked`.
    pub tracked_by_id: FnvMap<&'r str, u32>,
}

fn to_u32(n: usize, what: &str) -> Result<u32, Error> {
    u32::try_from(n).ok().filter(|&v| v != NONE).ok_or_else(|| {
        Error::evaluation(Problem::new(
            ErrorCode::TooLarge,
            Location::path(what),
            format!("{n} {what} is more than the evaluator supports"),
        ))
    })
}

impl<'r> Index<'r> {
    pub(crate) fn build(roadmap: &'r Roadmap, rules: &Rules) -> Result<Index<'r>, Error> {
        to_u32(roadmap.nodes.len(), "nodes")?;
        to_u32(roadmap.updates.len(), "updates")?;
        let mut node_by_id: FnvMap<&str, u32> = FnvMap::default();
        node_by_id.reserve(roadmap.nodes.len());
        let mut problems = Vec::new();
        for (i, n) in roadmap.nodes.iter().enumerate() {
            if let Some(first) = node_by_id.insert(n.id.as_str(), i as u32) {
                // Keep the first, as validation does.
                node_by_id.insert(n.id.as_str(), first);
                problems.push(Problem::new(
                    ErrorCode::DuplicateId,
                    Item::Node(i).json_location("id"),
                    format!("node id {:?} is already used by nodes[{first}]", n.id),
                ));
            }
        }

        // The tree must be well formed for rollups. Kinds strictly descend (section >
        // sub-category > area > commitment > milestone), so with every parent of an allowed
        // kind there can be no cycle.
        let mut slot_of = vec![NONE; roadmap.nodes.len()];
        let mut slots = Vec::new();
        let mut tracked = Vec::new();
        let mut tracked_of = vec![NONE; roadmap.nodes.len()];
        for (i, n) in roadmap.nodes.iter().enumerate() {
            if !n.weight.is_finite() || n.weight < 0.0 {
                problems.push(Problem::new(
                    ErrorCode::InvalidWeight,
                    Item::Node(i).json_location("weight"),
                    format!("weight {} must be a finite number >= 0", n.weight),
                ));
            }
            let parent = match &n.parent {
                None => None,
                Some(p) => match node_by_id.get(p.as_str()) {
                    Some(&j) => Some(j),
                    None => {
                        problems.push(Problem::new(
                            ErrorCode::UnknownParent,
                            Item::Node(i).json_location("parent"),
                            format!("parent {p:?} names no node"),
                        ));
                        continue;
                    }
                },
            };
            let parent_kind = parent
                .and_then(|j| roadmap.nodes.get(j as usize))
                .map(|p| p.kind);
            if !n.kind.may_sit_under(parent_kind) {
                problems.push(Problem::new(
                    ErrorCode::WrongParentKind,
                    Item::Node(i).json_location("parent"),
                    format!(
                        "a {} must sit under {}, not {}",
                        n.kind,
                        n.kind.allowed_parents(),
                        parent_kind.map_or("the roadmap", NodeKind::as_str)
                    ),
                ));
                continue;
            }
            let kind = match n.kind {
                NodeKind::Section => ScoreKind::Section,
                NodeKind::Subcategory => ScoreKind::Subcategory,
                NodeKind::Area => ScoreKind::Area,
                NodeKind::Commitment | NodeKind::Milestone => {
                    if let Some(t) = tracked_of.get_mut(i) {
                        *t = tracked.len() as u32;
                    }
                    tracked.push(Tracked {
                        node: i as u32,
                        kind: n.kind,
                        deadline: NONE,
                        written_on: NaiveDate::MIN,
                        first: 0,
                        end: 0,
                        // Filled below, once every slot is known.
                        slot: parent.unwrap_or(NONE),
                        weight: n.weight,
                    });
                    continue;
                }
            };
            if let Some(s) = slot_of.get_mut(i) {
                *s = slots.len() as u32;
            }
            slots.push(Slot {
                node: i as u32,
                kind,
                parent: parent.unwrap_or(NONE),
                weight: n.weight,
            });
        }
        Error::check(problems)?;
        let lookup = |table: &[u32], node: u32| table.get(node as usize).copied().unwrap_or(NONE);
        for s in &mut slots {
            if s.parent != NONE {
                s.parent = lookup(&slot_of, s.parent);
            }
        }
        for t in &mut tracked {
            // A commitment's parent is an area (a slot); a milestone's is a commitment,
            // which is not scored.
            t.slot = if t.kind == NodeKind::Commitment && t.slot != NONE {
                lookup(&slot_of, t.slot)
            } else {
                NONE
            };
        }
        let mut slot_order: Vec<u32> = Vec::with_capacity(slots.len());
        for kind in [ScoreKind::Area, ScoreKind::Subcategory, ScoreKind::Section] {
            slot_order.extend(
                slots
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.kind == kind)
                    .map(|(i, _)| i as u32),
            );
        }

        let deadlines = parse_deadlines(roadmap, rules, &mut tracked)?;
        let updates = resolve_updates(roadmap, rules, &node_by_id, &tracked_of, &mut tracked)?;

        let mut tracked_by_id = FnvMap::default();
        tracked_by_id.reserve(tracked.len());
        for (i, t) in tracked.iter().enumerate() {
            if let Some(n) = roadmap.nodes.get(t.node as usize) {
                tracked_by_id.insert(n.id.as_str(), i as u32);
            }
        }
        Ok(Index {
            roadmap,
            deadlines,
            tracked,
            updates,
            slots,
            slot_order,
            tracked_by_id,
        })
    }

    /// The deadline of a tracked node if it is known on the as-of date.
    pub(crate) fn deadline_at(&self, t: &Tracked, as_of: NaiveDate) -> Option<&Deadline> {
        if t.written_on > as_of {
            return None;
        }
        self.deadlines.get(t.deadline as usize)
    }

    /// The node's updates, sorted by date.
    pub(crate) fn updates_of(&self, t: &Tracked) -> &[UpdateRef] {
        self.updates
            .get(t.first as usize..t.end as usize)
            .unwrap_or(&[])
    }

    /// The latest update on or before the as-of date (the last one stored, on ties).
    pub(crate) fn latest(&self, t: &Tracked, as_of: NaiveDate) -> Option<&UpdateRef> {
        self.visible(t, as_of).last()
    }

    /// The node's updates dated on or before the as-of date, in order.
    pub(crate) fn visible(&self, t: &Tracked, as_of: NaiveDate) -> &[UpdateRef] {
        let ups = self.updates_of(t);
        ups.get(..ups.partition_point(|u| u.date <= as_of))
            .unwrap_or_default()
    }

    pub(crate) fn report_of(u: &UpdateRef) -> Report {
        Report {
            state: u.state,
            date: u.date,
            delivered: u.delivered,
        }
    }

    /// Fold each area's totals into its parents, up to the roadmap (`accs[0]`; slot `s` is
    /// `accs[s + 1]`). Children before parents, so one pass suffices.
    pub(crate) fn rollup(&self, accs: &mut [Acc]) {
        for &s in &self.slot_order {
            let Some(slot) = self.slots.get(s as usize) else {
                continue;
            };
            let Some(child) = accs.get(s as usize + 1).copied() else {
                continue;
            };
            let parent = if slot.parent == NONE {
                0
            } else {
                slot.parent as usize + 1
            };
            if let Some(p) = accs.get_mut(parent) {
                p.absorb(&child, slot.weight);
            }
        }
    }

    /// The accumulator index of a tracked node's area, if it is scored.
    pub(crate) fn acc_of(t: &Tracked) -> Option<usize> {
        (t.slot != NONE).then_some(t.slot as usize + 1)
    }
}

/// Parse each distinct (phrase, written_on) once: real roadmaps repeat phrases, and the
/// parse is the costliest step of preparation.
fn parse_deadlines(
    roadmap: &Roadmap,
    rules: &Rules,
    tracked: &mut [Tracked],
) -> Result<Vec<Deadline>, Error> {
    let mut seen: FnvMap<(&str, NaiveDate), u32> = FnvMap::default();
    let mut deadlines = Vec::new();
    for t in tracked.iter_mut() {
        let Some(text) = roadmap
            .nodes
            .get(t.node as usize)
            .and_then(|n| n.deadline.as_ref())
        else {
            continue;
        };
        let key = (text.phrase.as_str(), text.written_on);
        let at = match seen.get(&key) {
            Some(&at) => at,
            None => {
                let parsed = rules
                    .conventions
                    .parse(&text.phrase, text.written_on)
                    .map_err(|e| {
                        e.at(Location::path(format!("nodes[{}].deadline", t.node))
                            .with_field("phrase"))
                    })?;
                let at = deadlines.len() as u32;
                deadlines.push(parsed);
                seen.insert(key, at);
                at
            }
        };
        t.deadline = at;
        t.written_on = text.written_on;
    }
    Ok(deadlines)
}

fn resolve_updates(
    roadmap: &Roadmap,
    rules: &Rules,
    node_by_id: &FnvMap<&str, u32>,
    tracked_of: &[u32],
    tracked: &mut [Tracked],
) -> Result<Vec<UpdateRef>, Error> {
    // Labels repeat across updates; resolve each distinct one once.
    let mut states: FnvMap<&str, ReportedState> = FnvMap::default();
    let mut owner = Vec::with_capacity(roadmap.updates.len());
    let mut per_node = vec![0u32; tracked.len() + 1];
    let mut problems = Vec::new();
    for (i, u) in roadmap.updates.iter().enumerate() {
        let state = match states.get(u.status.as_str()) {
            Some(&s) => s,
            None => match rules.vocabularies.get(&u.status) {
                Some(s) => {
                    states.insert(u.status.as_str(), s);
                    s
                }
                None => {
                    return Err(Error::evaluation(Problem::new(
                        ErrorCode::UnknownLabel,
                        Item::Update(i).json_location("status"),
                        rules.vocabularies.unknown_label_message(&u.status),
                    )))
                }
            },
        };
        let t = match node_by_id.get(u.node.as_str()) {
            None => {
                problems.push(Problem::new(
                    ErrorCode::UnknownNode,
                    Item::Update(i).json_location("node"),
                    format!("no node has id {:?}", u.node),
                ));
                continue;
            }
            Some(&n) => tracked_of.get(n as usize).copied().unwrap_or(NONE),
        };
        if t == NONE {
            problems.push(Problem::new(
                ErrorCode::NotTrackable,
                Item::Update(i).json_location("node"),
                format!("{:?} is not a commitment or milestone", u.node),
            ));
            continue;
        }
        if let Some(c) = per_node.get_mut(t as usize + 1) {
            *c += 1;
        }
        owner.push((t, i as u32, state));
    }
    Error::check(problems)?;
    // Counting sort by node keeps each node's updates in stored order; a stable sort by
    // date then leaves same-day updates in stored order, so the last stored one wins.
    for k in 1..per_node.len() {
        let prev = per_node.get(k - 1).copied().unwrap_or(0);
        if let Some(c) = per_node.get_mut(k) {
            *c += prev;
        }
    }
    for (t, slot) in tracked.iter_mut().enumerate() {
        slot.first = per_node.get(t).copied().unwrap_or(0);
        slot.end = per_node.get(t + 1).copied().unwrap_or(0);
    }
    let mut next = per_node;
    let placeholder = UpdateRef {
        index: 0,
        date: NaiveDate::MIN,
        state: ReportedState::Unknown,
        delivered: None,
    };
    let mut updates = vec![placeholder; owner.len()];
    for (t, i, state) in owner {
        let Some(u) = roadmap.updates.get(i as usize) else {
            continue;
        };
        let Some(pos) = next.get_mut(t as usize) else {
            continue;
        };
        if let Some(slot) = updates.get_mut(*pos as usize) {
            *slot = UpdateRef {
                index: i,
                date: u.date,
                state,
                delivered: None,
            };
        }
        *pos += 1;
    }
    for t in tracked.iter() {
        if let Some(group) = updates.get_mut(t.first as usize..t.end as usize) {
            group.sort_by_key(|u| u.date);
            set_delivery_dates(roadmap, group);
        }
    }
    Ok(updates)
}

/// The delivery date of each delivered (or delivered-differently) update.
///
/// A report cannot describe a delivery after its own date, so a later `delivered_on` is
/// read as the report's date. In a run of consecutive reports of the same delivered state
/// ("launched", then "live"), the delivery happened by the earliest of them.
fn set_delivery_dates(roadmap: &Roadmap, group: &mut [UpdateRef]) {
    let mut previous: Option<(ReportedState, NaiveDate)> = None;
    for u in group.iter_mut() {
        if !matches!(
            u.state,
            ReportedState::Delivered | ReportedState::DeliveredDifferently
        ) {
            previous = None;
            continue;
        }
        let stated = roadmap
            .updates
            .get(u.index as usize)
            .and_then(|x| x.delivered_on)
            .unwrap_or(u.date);
        let mut delivered = stated.min(u.date);
        if let Some((state, earlier)) = previous {
            if state == u.state {
                delivered = delivered.min(earlier);
            }
        }
        u.delivered = Some(delivered);
        previous = Some((u.state, delivered));
    }
}
