//! Checking a roadmap for consistency, reporting every problem at once.
//!
//! The checks, each with its [`ErrorCode`]:
//!
//! | code | what is wrong |
//! |---|---|
//! | `invalid_id` | an id that is not a slug: lowercase letters and digits in hyphen-separated runs |
//! | `duplicate_id` | two sources, two nodes or two metrics with one id |
//! | `blank_field` | a blank roadmap id, title or publisher, node title, update status or metric title |
//! | `invalid_list_item` | an owner, tag or source id that is blank, padded with spaces or holds `;` (the CSV list separator) |
//! | `unknown_parent` | a parent id that names no node |
//! | `wrong_parent_kind` | a node under the wrong kind of parent (see [`NodeKind::may_sit_under`](crate::NodeKind::may_sit_under)) |
//! | `cycle` | a chain of parents that comes back to where it started |
//! | `unknown_source` | a source id that names no source |
//! | `unknown_node` | an update or metric for a node that does not exist |
//! | `not_trackable` | a deadline or update on a node that is not a commitment or milestone |
//! | `before_roadmap` | an update dated before the roadmap was published |
//! | `invalid_weight` | a weight that is negative or not finite |
//! | `invalid_number` | a metric value that is not finite |
//! | `invalid_date` | a date outside the years 1000 to 9999 that the loaders read |
//!
//! These are the structural checks, which the loaders run. [`Roadmap::validate`] also lists
//! what the evaluator could not read under the default rules: a deadline phrase (or a
//! re-plan's new deadline) the deadline engine refuses, with its own code, and a status
//! label no vocabulary knows (`unknown_label`). A roadmap with those loads, and the
//! evaluator marks only their nodes `unreadable`.
//!
//! Dates that do not exist cannot reach the model: the loaders refuse them with
//! `invalid_date` at the offending cell or key. A date set through the API is checked for
//! the loaders' year range, so that nothing is written that would not read back.

use std::collections::hash_map::RandomState;
use std::collections::HashSet;
use std::hash::BuildHasher;

use chrono::{Datelike, NaiveDate};

use crate::deadline::{MAX_YEAR, MIN_YEAR};
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::model::{Metric, Node, Roadmap, Source};

/// The most records of one kind (nodes, updates, sources, metrics) a roadmap may hold: ten
/// million, far beyond any real roadmap, so that a runaway generator or a hostile file is
/// refused with `too_large` instead of exhausting memory in the checks that follow. The
/// tree's depth needs no limit of its own: the kinds nest at most five deep (section,
/// sub-category, area, commitment, milestone) and any other nesting is `wrong_parent_kind`.
pub const MAX_RECORDS: usize = 10_000_000;

/// A record of the roadmap, by position; the loaders turn it into a file location.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    /// The roadmap's own fields.
    Roadmap,
    /// `sources[i]`.
    Source(usize),
    /// `nodes[i]`.
    Node(usize),
    /// `updates[i]`.
    Update(usize),
    /// `metrics[i]`.
    Metric(usize),
    /// `metrics[i].observations[j]`.
    Observation(usize, usize),
    /// `metrics[i].trajectory[j]`.
    TrajectoryPoint(usize, usize),
}

impl Item {
    /// The JSON path of the record, e.g. `nodes[3]`.
    ///
    /// ```
    /// use roadmap_tracker::validate::Item;
    /// assert_eq!(Item::Observation(1, 2).json_path(), "metrics[1].observations[2]");
    /// assert_eq!(Item::Roadmap.json_path(), "");
    /// ```
    pub fn json_path(self) -> String {
        match self {
            Item::Roadmap => String::new(),
            Item::Source(i) => format!("sources[{i}]"),
            Item::Node(i) => format!("nodes[{i}]"),
            Item::Update(i) => format!("updates[{i}]"),
            Item::Metric(i) => format!("metrics[{i}]"),
            Item::Observation(i, j) => format!("metrics[{i}].observations[{j}]"),
            Item::TrajectoryPoint(i, j) => format!("metrics[{i}].trajectory[{j}]"),
        }
    }

    /// The location of a field of the record as a JSON path.
    ///
    /// ```
    /// use roadmap_tracker::validate::Item;
    /// assert_eq!(Item::Node(0).json_location("parent").to_string(), "nodes[0].parent");
    /// assert_eq!(Item::Roadmap.json_location("title").to_string(), "title");
    /// ```
    pub fn json_location(self, field: &str) -> Location {
        let path = self.json_path();
        if path.is_empty() {
            Location::path(field)
        } else {
            Location::path(path).with_field(field)
        }
    }
}

/// Whether `id` is a slug: lowercase ASCII letters and digits in runs joined by single hyphens.
///
/// ```
/// use roadmap_tracker::validate::is_slug;
/// assert!(is_slug("digital-sourcing-strategy"));
/// assert!(is_slug("q3-2026"));
/// assert!(!is_slug("Digital Sourcing"));
/// assert!(!is_slug("-lead"));
/// assert!(!is_slug("a--b"));
/// assert!(!is_slug(""));
/// ```
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|run| {
            !run.is_empty()
                && run
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Turn free text into a slug: lowercase, runs of other characters become one hyphen.
///
/// ```
/// use roadmap_tracker::validate::slugify;
/// assert_eq!(slugify("Funding & Procurement!"), "funding-procurement");
/// assert_eq!(slugify("  GOV.UK App  "), "gov-uk-app");
/// ```
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    out
}

impl Roadmap {
    /// Check the roadmap, reporting every problem found, located by JSON path: the
    /// structural checks of the table above (those the loaders run), and every deadline
    /// phrase and status label the default [`Rules`](crate::status::Rules) cannot read
    /// (which would make its node `unreadable` when evaluated): a refused phrase with the
    /// deadline engine's code, phrase and span, at `nodes[i].deadline.phrase` or
    /// `updates[i].new_deadline.phrase`, and an unknown label (`unknown_label`) at
    /// `updates[i].status`, each message naming the node. Those do not stop a roadmap
    /// from loading, and the evaluator judges the rest of it.
    ///
    /// ```
    /// use roadmap_tracker::{ErrorCode, Node, NodeKind, Roadmap};
    /// use chrono::NaiveDate;
    /// let mut r = Roadmap::new("plan", "Plan", "Us", NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    /// r.nodes.push(Node::new("a", NodeKind::Area, "Orphan area").with_parent("missing"));
    /// r.nodes.push(Node::new("a", NodeKind::Section, "Same id"));
    /// let err = r.validate().unwrap_err();
    /// let codes: Vec<_> = err.problems().iter().map(|p| p.code).collect();
    /// assert_eq!(codes, [ErrorCode::DuplicateId, ErrorCode::UnknownParent]);
    /// assert_eq!(err.problems()[1].location.to_string(), "nodes[0].parent");
    /// ```
    ///
    /// ```
    /// use roadmap_tracker::{ErrorCode, Node, NodeKind, Roadmap, StatusUpdate};
    /// use chrono::NaiveDate;
    /// let mut r = Roadmap::new("plan", "Plan", "Us", NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    /// r.nodes.push(Node::new("s", NodeKind::Section, "S"));
    /// r.nodes.push(Node::new("a", NodeKind::Area, "A").with_parent("s"));
    /// r.nodes.push(Node::new("c", NodeKind::Commitment, "C").with_parent("a")
    ///     .with_deadline("by Marchh 2026", NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()));
    /// let err = r.validate().unwrap_err();
    /// let p = &err.problems()[0];
    /// assert_eq!((p.code, p.location.to_string()), (ErrorCode::UnrecognisedWord, "nodes[2].deadline.phrase".to_owned()));
    /// assert_eq!(p.message, "the deadline of \"c\": unrecognised word \"Marchh\"");
    /// assert_eq!((p.phrase.as_deref(), p.span), (Some("by Marchh 2026"), Some((3, 9))));
    /// // The structural checks alone pass: it loads, and the rest of it is evaluated.
    /// assert!(r.validate_with(&|item, field| item.json_location(field)).is_ok());
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        self.validate_for(&crate::status::Rules::default())
    }

    /// [`Roadmap::validate`] under the given rules: the deadlines and labels checked are
    /// those `rules` cannot read (its vocabularies), so a roadmap written in a vocabulary
    /// of its own passes once that vocabulary is in the rules.
    ///
    /// ```
    /// use roadmap_tracker::status::{Rules, Vocabularies, Vocabulary};
    /// use roadmap_tracker::{ErrorCode, Roadmap};
    /// let r = Roadmap::from_json_str(r#"{"id": "plan", "title": "Plan", "publisher": "Us",
    ///   "published": "2026-01-01",
    ///   "nodes": [{"id": "s", "kind": "section", "title": "S"},
    ///             {"id": "a", "kind": "area", "parent": "s", "title": "A"},
    ///             {"id": "c", "kind": "commitment", "parent": "a", "title": "C"}],
    ///   "updates": [{"node": "c", "date": "2026-03-01", "status": "Promise kept"}]}"#)?;
    /// // "Promise kept" is a label of PolitiFact's table, not of the default rules.
    /// let err = r.validate().unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::UnknownLabel);
    /// let politifact = Vocabulary::builtin("politifact")?.clone();
    /// let rules = Rules { vocabularies: Vocabularies::default().with(politifact), ..Rules::default() };
    /// assert!(r.validate_for(&rules).is_ok());
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn validate_for(&self, rules: &crate::status::Rules) -> Result<(), Error> {
        let mut problems =
            self.checked_problems(&|item: Item, field: &str| item.json_location(field))?;
        problems.extend(crate::status::unreadable_problems(self, rules));
        Error::check(problems)
    }

    /// The structural checks (the table above), as the loaders run them: a roadmap that
    /// passes them loads, even if some of its deadlines or labels cannot be read.
    pub(crate) fn validate_structure(&self) -> Result<(), Error> {
        self.validate_with(&|item: Item, field: &str| item.json_location(field))
    }

    /// Check the roadmap's structure (every check of the table above, not whether its
    /// deadlines and labels can be read: see [`Roadmap::validate`]), placing each problem
    /// with the given function (the CSV loader uses this to report file lines and column
    /// names instead of JSON paths).
    ///
    /// ```
    /// use roadmap_tracker::{Location, Roadmap};
    /// use roadmap_tracker::validate::Item;
    /// let r = Roadmap::uk_digital_2026();
    /// assert!(r.validate_with(&|item: Item, field: &str| item.json_location(field)).is_ok());
    /// ```
    pub fn validate_with(&self, locate: &dyn Fn(Item, &str) -> Location) -> Result<(), Error> {
        Error::check(self.checked_problems(locate)?)
    }

    /// The structural problems, after refusing an oversized roadmap alone.
    fn checked_problems(
        &self,
        locate: &dyn Fn(Item, &str) -> Location,
    ) -> Result<Vec<Problem>, Error> {
        // Checked first and alone: listing a problem per record of an oversized roadmap
        // would itself exhaust memory.
        for (what, count) in [
            ("nodes", self.nodes.len()),
            ("updates", self.updates.len()),
            ("sources", self.sources.len()),
            ("metrics", self.metrics.len()),
        ] {
            if count > MAX_RECORDS {
                return Err(Error::format(Problem::new(
                    ErrorCode::TooLarge,
                    Location::path(what),
                    format!("the roadmap has {count} {what}; the limit is {MAX_RECORDS}"),
                )));
            }
        }
        Ok(self.problems(locate))
    }

    fn problems(&self, locate: &dyn Fn(Item, &str) -> Location) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut problem = |code, item, field: &str, message: String| {
            out.push(Problem::new(code, locate(item, field), message));
        };

        if !is_slug(&self.id) {
            problem(
                ErrorCode::InvalidId,
                Item::Roadmap,
                "id",
                bad_slug(&self.id),
            );
        }
        check_year(&mut problem, Item::Roadmap, "published", self.published);
        for (field, value) in [("title", &self.title), ("publisher", &self.publisher)] {
            if value.trim().is_empty() {
                problem(
                    ErrorCode::BlankField,
                    Item::Roadmap,
                    field,
                    format!("{field} is blank"),
                );
            }
        }

        // Ids are one namespace per collection; the first holder of an id wins and later
        // ones are reported, so a fix never moves the error elsewhere.
        let mut source_ids = Ids::new(&self.sources);
        for (i, s) in self.sources.iter().enumerate() {
            check_id(
                &mut problem,
                Item::Source,
                &s.id,
                &mut source_ids,
                i,
                "source",
            );
            if let Some(d) = s.date {
                check_year(&mut problem, Item::Source(i), "date", d);
            }
            if s.title.trim().is_empty() {
                problem(
                    ErrorCode::BlankField,
                    Item::Source(i),
                    "title",
                    "title is blank".into(),
                );
            }
        }
        let source_known = |id: &str| source_ids.get(id).is_some();

        let mut node_ids = Ids::new(&self.nodes);
        for (i, n) in self.nodes.iter().enumerate() {
            check_id(&mut problem, Item::Node, &n.id, &mut node_ids, i, "node");
        }

        for (i, n) in self.nodes.iter().enumerate() {
            let item = Item::Node(i);
            if n.title.trim().is_empty() {
                problem(
                    ErrorCode::BlankField,
                    item,
                    "title",
                    "title is blank".into(),
                );
            }
            for (field, list) in [
                ("owners", &n.owners),
                ("tags", &n.tags),
                ("sources", &n.sources),
            ] {
                for value in list {
                    if let Some(why) = bad_list_item(value) {
                        problem(
                            ErrorCode::InvalidListItem,
                            item,
                            field,
                            format!("{field} item {value:?} {why}"),
                        );
                    }
                }
            }
            for s in &n.sources {
                if bad_list_item(s).is_none() && !source_known(s) {
                    problem(ErrorCode::UnknownSource, item, "sources", unknown_source(s));
                }
            }
            if !n.weight.is_finite() || n.weight < 0.0 {
                problem(
                    ErrorCode::InvalidWeight,
                    item,
                    "weight",
                    format!("weight {} must be a finite number >= 0", n.weight),
                );
            }
            if let Some(d) = &n.deadline {
                check_year(&mut problem, item, "deadline.written_on", d.written_on);
                if !n.kind.is_trackable() {
                    problem(
                        ErrorCode::NotTrackable,
                        item,
                        "deadline",
                        format!(
                            "a {} cannot have a deadline; only commitments and milestones can",
                            n.kind
                        ),
                    );
                }
                if let Some(s) = &d.source {
                    if !source_known(s) {
                        problem(
                            ErrorCode::UnknownSource,
                            item,
                            "deadline.source",
                            unknown_source(s),
                        );
                    }
                }
            }
            let parent_kind = match &n.parent {
                None => None,
                Some(p) => match node_ids.get(p).and_then(|j| self.nodes.get(j)) {
                    Some(parent) => Some(parent.kind),
                    None => {
                        problem(
                            ErrorCode::UnknownParent,
                            item,
                            "parent",
                            format!("parent {p:?} names no node"),
                        );
                        continue;
                    }
                },
            };
            if !n.kind.may_sit_under(parent_kind) {
                let found = match (&n.parent, parent_kind) {
                    (Some(p), Some(k)) => format!("{k} {p:?}"),
                    _ => "no parent".to_owned(),
                };
                problem(
                    ErrorCode::WrongParentKind,
                    item,
                    "parent",
                    format!(
                        "a {} must sit under {}, not {found}",
                        n.kind,
                        n.kind.allowed_parents()
                    ),
                );
            }
        }

        for i in find_cycles(self, &node_ids) {
            let Some(n) = self.nodes.get(i) else {
                continue;
            };
            problem(
                ErrorCode::Cycle,
                Item::Node(i),
                "parent",
                format!(
                    "node {:?} is its own ancestor through its parent chain",
                    n.id
                ),
            );
        }

        for (i, u) in self.updates.iter().enumerate() {
            let item = Item::Update(i);
            match node_ids.get(&u.node).and_then(|j| self.nodes.get(j)) {
                None => problem(
                    ErrorCode::UnknownNode,
                    item,
                    "node",
                    format!("no node has id {:?}", u.node),
                ),
                Some(n) if !n.kind.is_trackable() => problem(
                    ErrorCode::NotTrackable,
                    item,
                    "node",
                    format!(
                        "{:?} is a {}; updates belong to commitments and milestones",
                        u.node, n.kind
                    ),
                ),
                Some(_) => {}
            }
            check_year(&mut problem, item, "date", u.date.latest());
            if let Some(d) = u.delivered_on {
                check_year(&mut problem, item, "delivered_on", d.latest());
            }
            if u.status.trim().is_empty() {
                problem(
                    ErrorCode::BlankField,
                    item,
                    "status",
                    "status is blank".into(),
                );
            }
            if !u.source.is_empty() && !source_known(&u.source) {
                problem(
                    ErrorCode::UnknownSource,
                    item,
                    "source",
                    unknown_source(&u.source),
                );
            }
            if u.date.latest() < self.published {
                problem(
                    ErrorCode::BeforeRoadmap,
                    item,
                    "date",
                    format!(
                        "update dated {} is before the roadmap was published on {}",
                        u.date, self.published
                    ),
                );
            }
        }

        let mut metric_ids = Ids::new(&self.metrics);
        for (i, m) in self.metrics.iter().enumerate() {
            let item = Item::Metric(i);
            check_id(
                &mut problem,
                Item::Metric,
                &m.id,
                &mut metric_ids,
                i,
                "metric",
            );
            if node_ids.get(&m.node).is_none() {
                problem(
                    ErrorCode::UnknownNode,
                    item,
                    "node",
                    format!("no node has id {:?}", m.node),
                );
            }
            if m.title.trim().is_empty() {
                problem(
                    ErrorCode::BlankField,
                    item,
                    "title",
                    "title is blank".into(),
                );
            }
            if let Some(b) = &m.baseline {
                check_finite(&mut problem, item, "baseline.value", b.value);
                check_year(&mut problem, item, "baseline.date", b.date);
            }
            if let Some(t) = &m.target {
                for (field, v) in t.target.numbers() {
                    check_finite(&mut problem, item, &format!("target.{field}"), v);
                }
                check_year(
                    &mut problem,
                    item,
                    "target.deadline.written_on",
                    t.deadline.written_on,
                );
                if let Some(s) = &t.deadline.source {
                    if !source_known(s) {
                        problem(
                            ErrorCode::UnknownSource,
                            item,
                            "target.deadline.source",
                            unknown_source(s),
                        );
                    }
                }
            }
            for (j, p) in m.trajectory.iter().enumerate() {
                check_finite(&mut problem, Item::TrajectoryPoint(i, j), "value", p.value);
                check_year(&mut problem, Item::TrajectoryPoint(i, j), "date", p.date);
            }
            for (j, o) in m.observations.iter().enumerate() {
                let item = Item::Observation(i, j);
                check_finite(&mut problem, item, "value", o.value);
                check_year(&mut problem, item, "date", o.date);
                if !o.source.is_empty() && !source_known(&o.source) {
                    problem(
                        ErrorCode::UnknownSource,
                        item,
                        "source",
                        unknown_source(&o.source),
                    );
                }
            }
        }
        out
    }
}

/// Why `id` is refused, with the slug it could be written as ("D1" as "d1"): ids are
/// never changed silently, since updates, sources and other sheets refer to them.
fn bad_slug(id: &str) -> String {
    let rule = "lowercase letters and digits joined by single hyphens";
    match slugify(id) {
        slug if slug.is_empty() => format!("id {id:?} is not a slug ({rule})"),
        slug => format!("id {id:?} is not a slug ({rule}): write it as {slug:?}"),
    }
}

fn unknown_source(id: &str) -> String {
    format!("source {id:?} names no source of the roadmap")
}

fn bad_list_item(value: &str) -> Option<&'static str> {
    if value.trim().is_empty() {
        Some("is blank")
    } else if value.trim() != value {
        Some("has leading or trailing spaces")
    } else if value.contains(';') {
        Some("contains ';', the list separator of the CSV form")
    } else {
        None
    }
}

/// The ids of one collection (sources, nodes or metrics), to look items up by id: an
/// open-addressing table, at most half full, of 4-byte slots that each hold a position in
/// the collection and 8 bits of its id's hash; ids are compared through the collection
/// itself, and only when those bits match. A map of borrowed strings takes 25 bytes a
/// slot, which for millions of nodes was the largest allocation of validation.
struct Ids<'a, T> {
    items: &'a [T],
    slots: Vec<u32>,
    mask: usize,
    hasher: RandomState,
}

/// The records looked up by id.
trait Keyed {
    fn key(&self) -> &str;
}

impl Keyed for Source {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Keyed for Node {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Keyed for Metric {
    fn key(&self) -> &str {
        &self.id
    }
}

/// A slot's position bits; the top 8 bits are the hash tag.
const POSITION: u32 = (1 << 24) - 1;
/// A free slot (no record reaches position `POSITION`).
const EMPTY: u32 = u32::MAX;
const _: () = assert!(MAX_RECORDS < POSITION as usize);

impl<'a, T: Keyed> Ids<'a, T> {
    /// An empty table with room for every item of `items` (at most [`MAX_RECORDS`], so
    /// every position fits in a slot).
    fn new(items: &'a [T]) -> Self {
        let size = items.len().saturating_mul(2).max(8).next_power_of_two();
        Ids {
            items,
            slots: vec![EMPTY; size],
            mask: size - 1,
            hasher: RandomState::new(),
        }
    }

    /// The slot holding `id`, or the free slot where it would go, and the tag of `id`.
    fn find(&self, id: &str) -> (usize, u32) {
        let hash = self.hasher.hash_one(id);
        let tag = ((hash >> 56) as u32) << 24;
        let mut i = hash as usize & self.mask;
        // The table is at most half full, so a free slot ends every probe.
        while let Some(&slot) = self.slots.get(i) {
            if slot == EMPTY
                || (slot & !POSITION == tag
                    && self
                        .items
                        .get((slot & POSITION) as usize)
                        .is_some_and(|item| item.key() == id))
            {
                break;
            }
            i = (i + 1) & self.mask;
        }
        (i, tag)
    }

    /// The position of the first item with this id.
    fn get(&self, id: &str) -> Option<usize> {
        let slot = self.slots.get(self.find(id).0).copied()?;
        (slot != EMPTY).then_some((slot & POSITION) as usize)
    }

    /// File item `index` under its id; if an earlier item holds the id, leave it and give
    /// its position.
    fn insert_first(&mut self, id: &str, index: usize) -> Option<usize> {
        let (i, tag) = self.find(id);
        let slot = self.slots.get_mut(i)?;
        if *slot != EMPTY {
            return Some((*slot & POSITION) as usize);
        }
        // Below MAX_RECORDS, every position fits.
        *slot = tag | (index as u32 & POSITION);
        None
    }
}

fn check_id<T: Keyed>(
    problem: &mut impl FnMut(ErrorCode, Item, &str, String),
    item_of: fn(usize) -> Item,
    id: &str,
    seen: &mut Ids<'_, T>,
    index: usize,
    what: &str,
) {
    let item = item_of(index);
    if !is_slug(id) {
        problem(ErrorCode::InvalidId, item, "id", bad_slug(id));
    }
    if let Some(first) = seen.insert_first(id, index) {
        problem(
            ErrorCode::DuplicateId,
            item,
            "id",
            format!(
                "{what} id {id:?} is already used by {}",
                item_of(first).json_path()
            ),
        );
    }
}

fn check_finite(
    problem: &mut impl FnMut(ErrorCode, Item, &str, String),
    item: Item,
    field: &str,
    value: f64,
) {
    if !value.is_finite() {
        problem(
            ErrorCode::InvalidNumber,
            item,
            field,
            format!("{field} {value} is not a finite number"),
        );
    }
}

/// A date the loaders would not read back: a year outside 1000 to 9999.
fn check_year(
    problem: &mut impl FnMut(ErrorCode, Item, &str, String),
    item: Item,
    field: &str,
    date: NaiveDate,
) {
    if !(MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        problem(
            ErrorCode::InvalidDate,
            item,
            field,
            format!("{field} {date} is outside the years {MIN_YEAR} to {MAX_YEAR}"),
        );
    }
}

/// The nodes that lie on a parent cycle, each reported once, in node order.
fn find_cycles(roadmap: &Roadmap, ids: &Ids<'_, Node>) -> Vec<usize> {
    // Colour walk: 0 unvisited, 1 on the current chain, 2 done. Each node is walked once,
    // so this is linear in the number of nodes even for deep trees.
    let n = roadmap.nodes.len();
    let mut state = vec![0u8; n];
    let mut on_cycle = HashSet::new();
    let parent_of = |i: usize| -> Option<usize> {
        let p = roadmap.nodes.get(i)?.parent.as_deref()?;
        ids.get(p)
    };
    for start in 0..n {
        let mut chain = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state.get(i).copied() {
                Some(0) => {
                    if let Some(s) = state.get_mut(i) {
                        *s = 1;
                    }
                    chain.push(i);
                    at = parent_of(i);
                }
                Some(1) => {
                    // `i` is on the current chain: everything from it onwards is the cycle.
                    if let Some(pos) = chain.iter().position(|&c| c == i) {
                        on_cycle.extend(chain.get(pos..).unwrap_or_default().iter().copied());
                    }
                    break;
                }
                _ => break,
            }
        }
        for i in chain {
            if let Some(s) = state.get_mut(i) {
                *s = 2;
            }
        }
    }
    let mut out: Vec<usize> = on_cycle.into_iter().collect();
    crate::sort::sort_values(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NodeKind;

    /// Many ids, so that the table's 8-bit hash tags collide often: every repeated id is
    /// found and reported at its later position, naming the first; every parent is found.
    #[test]
    fn ids_find_every_repeat_and_parent() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let mut r = Roadmap::new("plan", "Plan", "Us", day);
        for i in 0..5000 {
            r.nodes
                .push(Node::new(format!("s{i}"), NodeKind::Section, "S"));
        }
        for i in 0..5000 {
            r.nodes
                .push(Node::new(format!("a{i}"), NodeKind::Area, "A").with_parent(format!("s{i}")));
        }
        // nodes[10000 + k] repeats s(7k), k = 0..100; then one area under a missing section.
        for k in 0..100 {
            r.nodes
                .push(Node::new(format!("s{}", 7 * k), NodeKind::Section, "again"));
        }
        r.nodes
            .push(Node::new("orphan", NodeKind::Area, "A").with_parent("s5000"));
        let err = r.validate().unwrap_err();
        let problems = err.problems();
        assert_eq!(problems.len(), 101);
        for (k, p) in problems.iter().take(100).enumerate() {
            assert_eq!(p.code, ErrorCode::DuplicateId);
            assert_eq!(p.location.to_string(), format!("nodes[{}].id", 10000 + k));
            assert_eq!(
                p.message,
                format!("node id \"s{}\" is already used by nodes[{}]", 7 * k, 7 * k)
            );
        }
        assert_eq!(problems[100].code, ErrorCode::UnknownParent);
        assert_eq!(problems[100].location.to_string(), "nodes[10100].parent");
    }
}
