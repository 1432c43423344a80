//! The evaluator's prepared form of a roadmap: every deadline parsed, every label resolved,
//! updates grouped by node and sorted by date, the tree flattened for rollups, and the
//! node ids in a lookup table. It owns its roadmap (an `Arc`), so an evaluator can be kept
//! and reused.
//!
//! Everything that can fail happens here, once, so that evaluating a date cannot fail and
//! allocates only its output.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use chrono::NaiveDate;

use super::rules::{Bounds, Evidence, Rules};
use super::{Rag, ReportedState};
use crate::deadline::Deadline;
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::model::{DeadlineText, EvidenceDate, Node, NodeKind, Roadmap, StatusUpdate};
use crate::score::{Acc, ScoreKind};
use crate::validate::Item;

/// FxHash (rustc's hasher), a word at a time: ids, labels and phrases are short strings
/// and the maps are built for up to millions of nodes, where std's DoS-resistant SipHash
/// (or a byte-at-a-time hash) costs more than the rest of the preparation. The keys come
/// from the caller's own roadmap, so flooding is not a concern.
#[derive(Default)]
pub(crate) struct FxHasher(u64);

const FX: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(FX);
    }
}

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        // As rustc-hash 2: the multiply leaves the entropy in the high bits, and hash
        // tables index by the low ones.
        self.0.rotate_left(26)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            if let Some(head) = w.get_mut(..rest.len()) {
                head.copy_from_slice(rest);
            }
            // The length keeps "a" and "a\0" apart.
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_i32(&mut self, i: i32) {
        self.add(u64::from(i as u32));
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

const NONE: u32 = u32::MAX;

/// A commitment or milestone.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tracked {
    /// Position in `roadmap.nodes`.
    pub node: u32,
    pub kind: NodeKind,
    /// Position in `Prepared::deadlines`, if the node has a deadline.
    pub deadline: u32,
    /// When the deadline was written: before that date it is not known.
    pub written_on: NaiveDate,
    /// This node's updates: `Prepared::updates[first..end]`, sorted by date.
    pub first: u32,
    pub end: u32,
    /// The score slot of a commitment's area; `NONE` for milestones (not scored).
    pub slot: u32,
    pub weight: f64,
    /// The first problem that makes the node unreadable (position in
    /// `Prepared::problems`), or `NONE`.
    pub problem: u32,
    /// Whether the node is an expectation rather than a binding commitment.
    pub expectation: bool,
}

/// A status update, resolved.
#[derive(Clone, Copy, Debug)]
pub(crate) struct UpdateRef {
    /// Position in `roadmap.updates`.
    pub index: u32,
    /// The day it becomes visible: the latest day its date allows.
    pub visible: NaiveDate,
    pub date: EvidenceDate,
    pub state: ReportedState,
    /// The source's own rating, for labels of a rating vocabulary.
    pub rating: Option<Rag>,
    /// For delivered and delivered-differently updates: when the delivery can have been.
    pub delivered: Option<Bounds>,
    /// The delivery date the evidence states (this update's, or an earlier one of the same
    /// run of delivered reports), if any.
    pub stated: Option<EvidenceDate>,
    /// A re-plan's new deadline (position in `Prepared::deadlines`), or `NONE`.
    pub new_deadline: u32,
    /// When that new deadline was set.
    pub new_written: NaiveDate,
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

pub(crate) struct Prepared {
    pub roadmap: Arc<Roadmap>,
    /// Why nodes are unreadable: a refused deadline phrase or an unknown label, located.
    pub problems: Vec<Error>,
    pub deadlines: Vec<Deadline>,
    pub tracked: Vec<Tracked>,
    pub updates: Vec<UpdateRef>,
    pub slots: Vec<Slot>,
    /// Slots children-first (areas, then sub-categories, then sections): the rollup order.
    pub slot_order: Vec<u32>,
    /// Every node id, for lookups by id.
    pub ids: IdTable,
    /// Node position → position in `tracked` (`NONE` for nodes that are not tracked).
    pub tracked_of: Vec<u32>,
}

/// An open-addressing table from node id to position in `roadmap.nodes`, holding only
/// positions and hash tags (8 bytes a node), with ids compared through the roadmap. One
/// table serves both the preparation (parents, duplicate ids, updates' nodes) and the
/// lookups after it, and it owns nothing borrowed, so the prepared form can own its
/// roadmap.
pub(crate) struct IdTable {
    /// `(tag, position)`; `position == NONE` is an empty slot.
    slots: Vec<(u32, u32)>,
    mask: usize,
}

fn id_hash(id: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(id.as_bytes());
    let x = h.finish();
    x ^ (x >> 32)
}

impl IdTable {
    fn with_capacity(n: usize) -> IdTable {
        // At most half full, so probes stay short.
        let size = n.saturating_mul(2).max(8).next_power_of_two();
        IdTable {
            slots: vec![(0, NONE); size],
            mask: size - 1,
        }
    }

    /// A table of every node from its id hashes (`(hash, position)` in node order), with
    /// each duplicate id as `(position, first position)`, in node order (the first stays
    /// in the table, as validation keeps it).
    ///
    /// The nodes are inserted in the order of their home slots (a stable radix sort of
    /// the hashes), so that filling a table far larger than the cache writes it front to
    /// back rather than at random: for a million nodes this is most of the build's time.
    /// Ids are compared only when hash tags match, so the nodes themselves are not read in
    /// that random order.
    fn from_keys(nodes: &[Node], mut keys: Vec<(u64, u32)>) -> (IdTable, Vec<(usize, u32)>) {
        let mut table = IdTable::with_capacity(nodes.len());
        let mask = table.mask as u64;
        // Least significant digit first, 11 bits at a time, over the home-slot bits only.
        let bits = u64::BITS - mask.leading_zeros();
        let mut scratch = vec![(0u64, 0u32); keys.len()];
        let mut shift = 0;
        while shift < bits {
            let digit = |h: u64| ((h & mask) >> shift) as usize & 0x7ff;
            let mut starts = vec![0usize; 0x801];
            for &(h, _) in &keys {
                if let Some(c) = starts.get_mut(digit(h) + 1) {
                    *c += 1;
                }
            }
            for d in 1..starts.len() {
                let prev = starts.get(d - 1).copied().unwrap_or(0);
                if let Some(c) = starts.get_mut(d) {
                    *c += prev;
                }
            }
            for &key in &keys {
                if let Some(at) = starts.get_mut(digit(key.0)) {
                    if let Some(slot) = scratch.get_mut(*at) {
                        *slot = key;
                    }
                    *at += 1;
                }
            }
            std::mem::swap(&mut keys, &mut scratch);
            shift += 11;
        }
        let mut duplicates = Vec::new();
        for (h, at) in keys {
            if let Some(first) = table.insert(nodes, h, at) {
                duplicates.push((at as usize, first));
            }
        }
        crate::sort::sort_values(&mut duplicates);
        (table, duplicates)
    }

    /// Insert node `at` whose id hashes to `h`; on a duplicate id, keep the one already
    /// there and return it. Within one id, positions arrive in ascending order.
    fn insert(&mut self, nodes: &[Node], h: u64, at: u32) -> Option<u32> {
        let tag = (h >> 32) as u32;
        let mut i = h as usize & self.mask;
        loop {
            let slot = self.slots.get_mut(i)?;
            if slot.1 == NONE {
                *slot = (tag, at);
                return None;
            }
            if slot.0 == tag {
                let same = match (nodes.get(at as usize), nodes.get(slot.1 as usize)) {
                    (Some(a), Some(b)) => a.id == b.id,
                    _ => false,
                };
                if same {
                    return Some(slot.1);
                }
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The position of the node with this id.
    pub(crate) fn get(&self, nodes: &[Node], id: &str) -> Option<u32> {
        let h = id_hash(id);
        let tag = (h >> 32) as u32;
        let mut i = h as usize & self.mask;
        loop {
            let &(t, at) = self.slots.get(i)?;
            if at == NONE {
                return None;
            }
            if t == tag && nodes.get(at as usize).is_some_and(|n| n.id == id) {
                return Some(at);
            }
            i = (i + 1) & self.mask;
        }
    }
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

impl Prepared {
    pub(crate) fn build(roadmap: Arc<Roadmap>, rules: &Rules) -> Result<Prepared, Error> {
        to_u32(roadmap.nodes.len(), "nodes")?;
        to_u32(roadmap.updates.len(), "updates")?;
        let nodes = roadmap.nodes.as_slice();

        // One pass over the nodes (a million of them do not fit in any cache): hash each id
        // for the table, check the weight, find the parent, file the node as a scored slot
        // or a tracked node, and look up its deadline.
        //
        // The tree must be well formed for rollups. Kinds strictly descend (section >
        // sub-category > area > commitment > milestone), so with every parent of an allowed
        // kind there can be no cycle.
        let mut keys: Vec<(u64, u32)> = Vec::with_capacity(nodes.len());
        let mut parent_of = vec![NONE; nodes.len()];
        let mut slot_of = vec![NONE; nodes.len()];
        let mut tracked_of = vec![NONE; nodes.len()];
        let mut slots = Vec::new();
        let mut tracked = Vec::new();
        // Problems with the node they are about, reported in node order.
        let mut problems: Vec<(usize, Problem)> = Vec::new();
        // Nodes whose parent is neither the last parent found nor near the node before:
        // looked up in the table once it is built.
        let mut pending: Vec<usize> = Vec::new();
        let mut deadlines = DeadlineTable::default();
        // Refused phrases and unknown labels: each makes its node unreadable, not the
        // roadmap.
        let mut unreadable: Vec<Error> = Vec::new();
        // Siblings are usually listed together: the last parent found answers most lookups.
        let mut last_parent: Option<(&str, u32)> = None;
        for (i, n) in nodes.iter().enumerate() {
            keys.push((id_hash(&n.id), i as u32));
            if !n.weight.is_finite() || n.weight < 0.0 {
                problems.push((
                    i,
                    Problem::new(
                        ErrorCode::InvalidWeight,
                        Item::Node(i).json_location("weight"),
                        format!("weight {} must be a finite number >= 0", n.weight),
                    ),
                ));
            }
            match &n.parent {
                None => {
                    if let Some(p) = kind_problem(nodes, i, None) {
                        problems.push((i, p));
                    }
                }
                Some(p) => match last_parent
                    .filter(|&(id, _)| id == p.as_str())
                    .map(|(_, j)| j)
                    .or_else(|| near_ancestor(nodes, &parent_of, i, p))
                {
                    Some(j) => {
                        last_parent = Some((p.as_str(), j));
                        if let Some(slot) = parent_of.get_mut(i) {
                            *slot = j;
                        }
                        if let Some(p) = kind_problem(nodes, i, Some(j)) {
                            problems.push((i, p));
                        }
                    }
                    None => pending.push(i),
                },
            }
            let kind = match n.kind {
                NodeKind::Section => ScoreKind::Section,
                NodeKind::Subcategory => ScoreKind::Subcategory,
                NodeKind::Area => ScoreKind::Area,
                NodeKind::Commitment | NodeKind::Milestone => {
                    if let Some(t) = tracked_of.get_mut(i) {
                        *t = tracked.len() as u32;
                    }
                    let mut problem = NONE;
                    let (deadline, written_on) = match &n.deadline {
                        None => (NONE, NaiveDate::MIN),
                        Some(text) => {
                            match deadlines.get(rules, text, || format!("nodes[{i}].deadline")) {
                                Ok(at) => (at, text.written_on),
                                Err(e) => {
                                    problem = unreadable.len() as u32;
                                    unreadable.push(e);
                                    (NONE, text.written_on)
                                }
                            }
                        }
                    };
                    tracked.push(Tracked {
                        node: i as u32,
                        kind: n.kind,
                        deadline,
                        written_on,
                        first: 0,
                        end: 0,
                        // Filled below, once every parent and slot is known.
                        slot: NONE,
                        weight: n.weight,
                        problem,
                        expectation: n.expectation,
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
                // Filled below.
                parent: NONE,
                weight: n.weight,
            });
        }

        let (ids, duplicates) = IdTable::from_keys(nodes, keys);
        for i in pending {
            let Some(p) = nodes.get(i).and_then(|n| n.parent.as_deref()) else {
                continue;
            };
            match ids.get(nodes, p) {
                Some(j) => {
                    if let Some(slot) = parent_of.get_mut(i) {
                        *slot = j;
                    }
                    if let Some(p) = kind_problem(nodes, i, Some(j)) {
                        problems.push((i, p));
                    }
                }
                None => problems.push((
                    i,
                    Problem::new(
                        ErrorCode::UnknownParent,
                        Item::Node(i).json_location("parent"),
                        format!("parent {p:?} names no node"),
                    ),
                )),
            }
        }
        if !duplicates.is_empty() || !problems.is_empty() {
            // Duplicate ids first, then each node's problems (weight before parent), in
            // node order: a stable sort keeps a node's own order.
            crate::sort::sort_stable_by(&mut problems, |&(i, _)| i);
            let mut all = Vec::with_capacity(duplicates.len() + problems.len());
            for (i, first) in duplicates {
                let id = nodes.get(i).map_or("", |n| n.id.as_str());
                all.push(Problem::new(
                    ErrorCode::DuplicateId,
                    Item::Node(i).json_location("id"),
                    format!("node id {id:?} is already used by nodes[{first}]"),
                ));
            }
            all.extend(problems.into_iter().map(|(_, p)| p));
            Error::check(all)?;
        }

        let lookup = |table: &[u32], node: u32| table.get(node as usize).copied().unwrap_or(NONE);
        for s in &mut slots {
            s.parent = lookup(&slot_of, lookup(&parent_of, s.node));
        }
        for t in &mut tracked {
            // A commitment's parent is an area (a slot); a milestone's is a commitment,
            // which is not scored.
            if t.kind == NodeKind::Commitment {
                t.slot = lookup(&slot_of, lookup(&parent_of, t.node));
            }
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

        let updates = resolve_updates(
            &roadmap,
            rules,
            &ids,
            &tracked_of,
            &mut tracked,
            &mut deadlines,
            &mut unreadable,
        )?;
        let deadlines = deadlines.into_parsed();
        Ok(Prepared {
            problems: unreadable,
            roadmap,
            deadlines,
            tracked,
            updates,
            slots,
            slot_order,
            ids,
            tracked_of,
        })
    }

    /// The tracked node (commitment or milestone) with this id.
    pub(crate) fn tracked_by_id(&self, id: &str) -> Option<&Tracked> {
        let node = self.ids.get(&self.roadmap.nodes, id)?;
        let &t = self.tracked_of.get(node as usize)?;
        self.tracked.get(t as usize)
    }

    /// The deadline of a tracked node if it is known on the as-of date.
    pub(crate) fn deadline_at(&self, t: &Tracked, as_of: NaiveDate) -> Option<&Deadline> {
        if t.written_on > as_of {
            return None;
        }
        self.deadlines.get(t.deadline as usize)
    }

    /// Whether a tracked node has a readable deadline (whenever it was written).
    pub(crate) fn has_deadline(&self, t: &Tracked) -> bool {
        t.deadline != NONE
    }

    /// The node's updates, sorted by date.
    pub(crate) fn updates_of(&self, t: &Tracked) -> &[UpdateRef] {
        self.updates
            .get(t.first as usize..t.end as usize)
            .unwrap_or(&[])
    }

    /// The node's updates dated on or before the as-of date, in order.
    pub(crate) fn visible(&self, t: &Tracked, as_of: NaiveDate) -> &[UpdateRef] {
        let ups = self.updates_of(t);
        ups.get(..ups.partition_point(|u| u.visible <= as_of))
            .unwrap_or_default()
    }

    pub(crate) fn evidence_of(u: &UpdateRef) -> Evidence {
        Evidence {
            state: u.state,
            date: u.date,
            rating: u.rating,
            delivered: u.delivered,
        }
    }

    /// The latest re-plan among the visible updates with no delivery after it, and whether
    /// it is the latest update.
    pub(crate) fn latest_replan<'u>(
        &self,
        visible: &'u [UpdateRef],
    ) -> Option<(&'u UpdateRef, bool)> {
        for (k, u) in visible.iter().enumerate().rev() {
            match u.state {
                ReportedState::Replanned => return Some((u, k + 1 == visible.len())),
                ReportedState::Delivered | ReportedState::DeliveredDifferently => return None,
                _ => {}
            }
        }
        None
    }

    /// A re-plan's new deadline, if one was set on or before the as-of date.
    pub(crate) fn new_deadline_at(&self, u: &UpdateRef, as_of: NaiveDate) -> Option<&Deadline> {
        if u.new_written > as_of {
            return None;
        }
        self.deadlines.get(u.new_deadline as usize)
    }

    /// The new deadline of the latest re-plan visible as of `as_of` (none after a
    /// delivery), if it was set on or before that date: the deadline judged in place of
    /// the node's own.
    pub(crate) fn replanned_deadline(&self, t: &Tracked, as_of: NaiveDate) -> Option<&Deadline> {
        let (u, _) = self.latest_replan(self.visible(t, as_of))?;
        self.new_deadline_at(u, as_of)
    }

    /// The error that makes a tracked node unreadable, if any.
    pub(crate) fn problem_of(&self, t: &Tracked) -> Option<&Error> {
        self.problems.get(t.problem as usize)
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

    /// [`Prepared::rollup`] for a series of `n` dates at once: `accs` holds one row of `n`
    /// totals per accumulator (the roadmap's, then slot `s`'s at row `s + 1`), and each
    /// date's column is folded exactly as `rollup` folds one column, row by row.
    pub(crate) fn rollup_rows(&self, accs: &mut [Acc], n: usize) {
        for &s in &self.slot_order {
            let Some(slot) = self.slots.get(s as usize) else {
                continue;
            };
            let child = s as usize + 1;
            let parent = if slot.parent == NONE {
                0
            } else {
                slot.parent as usize + 1
            };
            // Two distinct rows, borrowed at once.
            let (low, high) = (child.min(parent), child.max(parent));
            if low == high {
                continue;
            }
            let Some((head, tail)) = accs.split_at_mut_checked(high * n) else {
                continue;
            };
            let (Some(low_row), Some(high_row)) =
                (head.get_mut(low * n..(low + 1) * n), tail.get_mut(..n))
            else {
                continue;
            };
            let (child_row, parent_row) = if child < parent {
                (low_row, high_row)
            } else {
                (high_row, low_row)
            };
            for (p, c) in parent_row.iter_mut().zip(child_row.iter()) {
                p.absorb(c, slot.weight);
            }
        }
    }

    /// The accumulator index of a tracked node's area, if it is scored.
    pub(crate) fn acc_of(t: &Tracked) -> Option<usize> {
        (t.slot != NONE).then_some(t.slot as usize + 1)
    }
}

/// The problem with node `i` sitting under node `parent` (or under the roadmap), if any.
fn kind_problem(nodes: &[Node], i: usize, parent: Option<u32>) -> Option<Problem> {
    let n = nodes.get(i)?;
    let parent_kind = parent.and_then(|j| nodes.get(j as usize)).map(|p| p.kind);
    if n.kind.may_sit_under(parent_kind) {
        return None;
    }
    Some(Problem::new(
        ErrorCode::WrongParentKind,
        Item::Node(i).json_location("parent"),
        format!(
            "a {} must sit under {}, not {}",
            n.kind,
            n.kind.allowed_parents(),
            parent_kind.map_or("the roadmap", NodeKind::as_str)
        ),
    ))
}

/// The position of `id` if it is the node before `i` or one of that node's ancestors: in a
/// roadmap listed in tree order, where every node's parent is. Kinds strictly descend, so
/// five steps reach the top.
fn near_ancestor(nodes: &[Node], parent_of: &[u32], i: usize, id: &str) -> Option<u32> {
    let mut k = i.checked_sub(1)?;
    for _ in 0..5 {
        let n = nodes.get(k)?;
        if n.id == id {
            return Some(k as u32);
        }
        k = parent_of.get(k).copied().filter(|&j| j != NONE)? as usize;
    }
    None
}

/// Each distinct (phrase, written_on) parsed once: real roadmaps repeat phrases, and the
/// parse is the costliest step of preparation.
#[derive(Default)]
struct DeadlineTable<'a> {
    seen: FastMap<(&'a str, NaiveDate), u32>,
    parsed: Vec<Deadline>,
}

impl<'a> DeadlineTable<'a> {
    /// The position in `parsed` of a deadline, parsing it if it is new; a refusal is
    /// located at `path()`.
    fn get(
        &mut self,
        rules: &Rules,
        text: &'a DeadlineText,
        path: impl FnOnce() -> String,
    ) -> Result<u32, Error> {
        let key = (text.phrase.as_str(), text.written_on);
        if let Some(&at) = self.seen.get(&key) {
            return Ok(at);
        }
        let parsed = rules
            .conventions
            .parse(&text.phrase, text.written_on)
            .map_err(|e| e.at(Location::path(path()).with_field("phrase")))?;
        let at = self.parsed.len() as u32;
        self.parsed.push(parsed);
        self.seen.insert(key, at);
        Ok(at)
    }

    fn into_parsed(self) -> Vec<Deadline> {
        self.parsed
    }
}

#[allow(clippy::too_many_arguments)]
fn resolve_updates<'a>(
    roadmap: &'a Roadmap,
    rules: &Rules,
    ids: &IdTable,
    tracked_of: &[u32],
    tracked: &mut [Tracked],
    deadlines: &mut DeadlineTable<'a>,
    unreadable: &mut Vec<Error>,
) -> Result<Vec<UpdateRef>, Error> {
    // Labels repeat across updates; resolve each distinct one once.
    type Read = Option<(ReportedState, Option<Rag>)>;
    let mut states: FastMap<&str, Read> = FastMap::default();
    let mut owner = Vec::with_capacity(roadmap.updates.len());
    let mut per_node = vec![0u32; tracked.len() + 1];
    let mut problems = Vec::new();
    let nodes = roadmap.nodes.as_slice();
    // Updates are usually listed by node, or in roadmap order: the last update's node, or
    // one of the few after it, answers most lookups without the table.
    let mut last: usize = 0;
    for (i, u) in roadmap.updates.iter().enumerate() {
        let near = (last..last.saturating_add(4))
            .find(|&k| nodes.get(k).is_some_and(|n| n.id == u.node))
            .map(|k| k as u32);
        let t = match near.or_else(|| ids.get(nodes, &u.node)) {
            None => {
                problems.push(Problem::new(
                    ErrorCode::UnknownNode,
                    Item::Update(i).json_location("node"),
                    format!("no node has id {:?}", u.node),
                ));
                continue;
            }
            Some(n) => {
                last = n as usize;
                tracked_of.get(n as usize).copied().unwrap_or(NONE)
            }
        };
        if t == NONE {
            problems.push(Problem::new(
                ErrorCode::NotTrackable,
                Item::Update(i).json_location("node"),
                format!("{:?} is not a commitment or milestone", u.node),
            ));
            continue;
        }
        let read = match states.get(u.status.as_str()) {
            Some(&r) => r,
            None => {
                let r = rules.vocabularies.reading_of(&u.status);
                states.insert(u.status.as_str(), r);
                r
            }
        };
        let mark = |tracked: &mut [Tracked], unreadable: &mut Vec<Error>, e: Error| {
            if let Some(slot) = tracked.get_mut(t as usize) {
                if slot.problem == NONE {
                    slot.problem = unreadable.len() as u32;
                    unreadable.push(e);
                }
            }
        };
        let (state, rating) = match read {
            Some(r) => r,
            None => {
                let e = Error::evaluation(unknown_label(rules, i, u));
                mark(tracked, unreadable, e);
                (ReportedState::Unknown, None)
            }
        };
        let (new_deadline, new_written) = match &u.new_deadline {
            None => (NONE, NaiveDate::MIN),
            Some(text) => match deadlines.get(rules, text, || format!("updates[{i}].new_deadline"))
            {
                Ok(at) => (at, text.written_on),
                Err(e) => {
                    mark(tracked, unreadable, e);
                    (NONE, NaiveDate::MIN)
                }
            },
        };
        if let Some(c) = per_node.get_mut(t as usize + 1) {
            *c += 1;
        }
        // Everything needed from the update is taken now, so the updates are read once;
        // `stated` holds the stated delivery date until `set_delivery_dates`.
        owner.push((
            t,
            UpdateRef {
                index: i as u32,
                visible: u.date.latest(),
                date: u.date,
                state,
                rating,
                delivered: None,
                stated: u.delivered_on,
                new_deadline,
                new_written,
            },
        ));
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
    // Updates listed by node, in roadmap order (as generated or exported), are already
    // grouped; otherwise a counting sort places them.
    let updates: Vec<UpdateRef> = if owner.windows(2).all(|w| matches!(w, [a, b] if a.0 <= b.0)) {
        owner.into_iter().map(|(_, u)| u).collect()
    } else {
        let mut next = per_node;
        let placeholder = UpdateRef {
            index: 0,
            visible: NaiveDate::MIN,
            date: EvidenceDate::day(NaiveDate::MIN),
            state: ReportedState::Unknown,
            rating: None,
            delivered: None,
            stated: None,
            new_deadline: NONE,
            new_written: NaiveDate::MIN,
        };
        let mut updates = vec![placeholder; owner.len()];
        for (t, u) in owner {
            let Some(pos) = next.get_mut(t as usize) else {
                continue;
            };
            if let Some(slot) = updates.get_mut(*pos as usize) {
                *slot = u;
            }
            *pos += 1;
        }
        updates
    };
    let mut updates = updates;
    for t in tracked.iter() {
        if let Some(group) = updates.get_mut(t.first as usize..t.end as usize) {
            crate::sort::sort_stable_by(group, |u| u.visible);
            set_delivery_dates(group);
        }
    }
    Ok(updates)
}

/// When each delivered (or delivered-differently) update's delivery can have been.
///
/// Without a stated `delivered_on`, a delivery is known only to be on or before the
/// report's date; a stated date is kept as precise as it was given. A report cannot
/// describe a delivery after its own date, so the latest bound is never after the report's
/// latest day. In a run of consecutive reports of the same delivered state ("launched",
/// then "live"), it is one delivery: the bounds of the run's reports are intersected, and
/// the run's stated date carries over to the later reports.
///
/// On entry `stated` holds each update's own `delivered_on`; on return, `delivered` and
/// `stated` are set for delivered updates and `None` for the others.
fn set_delivery_dates(group: &mut [UpdateRef]) {
    let mut previous: Option<(ReportedState, Bounds, Option<EvidenceDate>)> = None;
    for u in group.iter_mut() {
        if !matches!(
            u.state,
            ReportedState::Delivered | ReportedState::DeliveredDifferently
        ) {
            previous = None;
            u.delivered = None;
            u.stated = None;
            continue;
        }
        let mut bounds = match u.stated {
            Some(d) => Bounds::from(d),
            None => Bounds {
                earliest: None,
                latest: u.visible,
            },
        };
        bounds.latest = bounds.latest.min(u.visible);
        let mut stated = u.stated;
        if let Some((state, earlier, earlier_stated)) = previous {
            if state == u.state {
                bounds.latest = bounds.latest.min(earlier.latest);
                bounds.earliest = match (bounds.earliest, earlier.earliest) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
                stated = stated.or(earlier_stated);
            }
        }
        bounds.earliest = bounds.earliest.filter(|&e| e <= bounds.latest);
        u.delivered = Some(bounds);
        u.stated = stated;
        previous = Some((u.state, bounds, stated));
    }
}

/// The problem of update `i`, whose label no vocabulary of `rules` knows.
fn unknown_label(rules: &Rules, i: usize, u: &StatusUpdate) -> Problem {
    Problem::new(
        ErrorCode::UnknownLabel,
        Item::Update(i).json_location("status"),
        format!(
            "the update on {:?}: {}",
            u.node,
            rules.vocabularies.unknown_label_message(&u.status)
        ),
    )
}

/// What would make nodes `unreadable` under `rules`, as validation lists them: every
/// deadline phrase of a commitment or milestone, and every re-plan's new deadline, that
/// the deadline engine refuses (with its code, phrase and span, the message naming the
/// node), and every status label no vocabulary knows. In roadmap order: nodes, then
/// updates. Each distinct phrase and label is read once.
pub(crate) fn unreadable_problems(roadmap: &Roadmap, rules: &Rules) -> Vec<Problem> {
    let mut out = Vec::new();
    // Each distinct (phrase, written_on) is parsed once; `None` when it reads.
    fn refused<'a>(
        seen: &mut FastMap<(&'a str, NaiveDate), Option<Problem>>,
        rules: &Rules,
        text: &'a DeadlineText,
    ) -> Option<Problem> {
        seen.entry((text.phrase.as_str(), text.written_on))
            .or_insert_with(|| {
                let parsed = rules.conventions.parse(&text.phrase, text.written_on);
                parsed.err().and_then(|e| e.problems().into_iter().next())
            })
            .clone()
    }
    let mut phrases = FastMap::default();
    for (i, n) in roadmap.nodes.iter().enumerate() {
        let Some(text) = n.deadline.as_ref().filter(|_| n.kind.is_trackable()) else {
            continue;
        };
        if let Some(mut p) = refused(&mut phrases, rules, text) {
            p.location = Location::path(format!("nodes[{i}].deadline")).with_field("phrase");
            p.message = format!("the deadline of {:?}: {}", n.id, p.message);
            out.push(p);
        }
    }
    let mut labels: FastMap<&str, bool> = FastMap::default();
    for (i, u) in roadmap.updates.iter().enumerate() {
        let blank = u.status.trim().is_empty(); // a blank label is a problem of its own
        let known = *labels
            .entry(u.status.as_str())
            .or_insert_with(|| blank || rules.vocabularies.reading_of(&u.status).is_some());
        if !known {
            out.push(unknown_label(rules, i, u));
        }
        if let Some(mut p) = u
            .new_deadline
            .as_ref()
            .and_then(|text| refused(&mut phrases, rules, text))
        {
            p.location = Location::path(format!("updates[{i}].new_deadline")).with_field("phrase");
            p.message = format!(
                "the new deadline of the update on {:?}: {}",
                u.node, p.message
            );
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()
    }

    /// Parents listed after their children are found through the table, as are parents
    /// far from the node before.
    #[test]
    fn parents_out_of_tree_order() -> Result<(), Error> {
        let mut r = Roadmap::new("r", "R", "P", day());
        r.nodes = vec![
            Node::new("c1", NodeKind::Commitment, "C1").with_parent("a2"),
            Node::new("s", NodeKind::Section, "S"),
            Node::new("a1", NodeKind::Area, "A1").with_parent("s"),
            Node::new("a2", NodeKind::Area, "A2").with_parent("s"),
            Node::new("m", NodeKind::Milestone, "M").with_parent("c1"),
            Node::new("c2", NodeKind::Commitment, "C2").with_parent("a1"),
        ];
        let p = Prepared::build(Arc::new(r), &Rules::default())?;
        let slot_node = |t: &Tracked| p.slots.get(t.slot as usize).map(|s| s.node);
        let c1 = p.tracked_by_id("c1").and_then(slot_node);
        let c2 = p.tracked_by_id("c2").and_then(slot_node);
        assert_eq!((c1, c2), (Some(3), Some(2)));
        assert_eq!(p.tracked_by_id("m").map(|t| t.slot), Some(NONE));
        let a2 = p.slots.iter().find(|s| s.node == 3).map(|s| s.parent);
        assert_eq!(
            a2.and_then(|s| p.slots.get(s as usize)).map(|s| s.node),
            Some(1)
        );
        Ok(())
    }

    /// Problems come in node order whichever way each parent was found: duplicates first,
    /// then each node's weight before its parent.
    #[test]
    fn problems_in_node_order() {
        let mut r = Roadmap::new("r", "R", "P", day());
        let mut bad = Node::new("c0", NodeKind::Commitment, "C0").with_parent("nowhere");
        bad.weight = -1.0;
        r.nodes = vec![
            bad,
            Node::new("s", NodeKind::Section, "S"),
            Node::new("c1", NodeKind::Commitment, "C1").with_parent("s"),
            Node::new("s", NodeKind::Section, "S again"),
        ];
        let err = Prepared::build(Arc::new(r), &Rules::default()).err();
        let Some(Error::Invalid(problems)) = err else {
            panic!("expected invalid, got {err:?}");
        };
        let got: Vec<String> = problems
            .iter()
            .map(|p| format!("{} {}", p.code, p.location))
            .collect();
        assert_eq!(
            got,
            [
                "duplicate_id nodes[3].id",
                "invalid_weight nodes[0].weight",
                "unknown_parent nodes[0].parent",
                "wrong_parent_kind nodes[2].parent",
            ]
        );
    }
}
