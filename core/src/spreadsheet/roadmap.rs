//! A loaded sheet of projects as a [`Roadmap`]: one release of a portfolio, dated, so
//! that the evaluator, the tables and [`crate::snapshots::Snapshots`] work on it.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::{Sheet, SheetRow, Value};
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::model::{DeadlineText, Extra, Node, NodeKind, Roadmap, Source, StatusUpdate};
use crate::validate::slugify;

/// The id of the one source of a roadmap made from a sheet: the release itself.
pub const RELEASE_SOURCE: &str = "release";

/// The id of the roadmap's one section, which holds an area per owner.
pub const PORTFOLIO_SECTION: &str = "portfolio";

/// Which mapped fields of a sheet make which parts of a roadmap
/// ([`Sheet::to_roadmap`]); see `docs/formats.md` ("A sheet as a roadmap").
///
/// ```
/// use roadmap_tracker::spreadsheet::RoadmapSpec;
/// let spec = RoadmapSpec::new("rail", "Rail projects", "project").owner("operator").end("end");
/// assert_eq!((spec.item.as_str(), spec.end.as_deref()), ("project", Some("end")));
/// assert_eq!(RoadmapSpec::gmpp().status.as_deref(), Some("assessor_rating"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RoadmapSpec {
    /// The roadmap's id (a slug).
    pub id: String,
    /// The roadmap's title.
    pub title: String,
    /// Who publishes the sheet.
    pub publisher: String,
    /// The text field naming each item: the commitment's title, and its id once slugged.
    pub item: String,
    /// The text field naming the owner: the commitment's owner, and its area.
    pub owner: Option<String>,
    /// The date field of the planned end: the commitment's deadline, "by" that date.
    pub end: Option<String>,
    /// The rating field that becomes a status update dated at the release.
    pub status: Option<String>,
    /// The text field that becomes that update's note.
    pub note: Option<String>,
}

impl RoadmapSpec {
    /// A roadmap `id` titled `title`, one commitment per row named by the text field
    /// `item`, and nothing else mapped yet.
    pub fn new(id: &str, title: &str, item: &str) -> Self {
        RoadmapSpec {
            id: id.to_owned(),
            title: title.to_owned(),
            publisher: String::new(),
            item: item.to_owned(),
            owner: None,
            end: None,
            status: None,
            note: None,
        }
    }

    /// The fields of [`super::ColumnMapping::gmpp`]: `project` items owned by
    /// `department`, ending by `end_date`, rated by `assessor_rating`, with the
    /// `narrative` as the note.
    pub fn gmpp() -> Self {
        RoadmapSpec::new("gmpp", "Government Major Projects Portfolio", "project")
            .publisher("Infrastructure and Projects Authority")
            .owner("department")
            .end("end_date")
            .status("assessor_rating")
            .note("narrative")
    }

    /// The same spec with a publisher.
    pub fn publisher(mut self, publisher: &str) -> Self {
        self.publisher = publisher.to_owned();
        self
    }

    /// The same spec with an owner field.
    pub fn owner(mut self, field: &str) -> Self {
        self.owner = Some(field.to_owned());
        self
    }

    /// The same spec with an end-date field.
    pub fn end(mut self, field: &str) -> Self {
        self.end = Some(field.to_owned());
        self
    }

    /// The same spec with a status (rating) field.
    pub fn status(mut self, field: &str) -> Self {
        self.status = Some(field.to_owned());
        self
    }

    /// The same spec with a note field.
    pub fn note(mut self, field: &str) -> Self {
        self.note = Some(field.to_owned());
        self
    }
}

/// A mapped value as text for a node's `extra` ([`Value::table_text`]).
fn extra_text(value: &Value) -> Option<String> {
    value.table_text()
}

impl Sheet {
    /// The sheet as one dated release of a roadmap: a commitment per row, in an area per
    /// owner, under one section; end dates as deadlines written on `released`; the
    /// status field's ratings as status updates dated `released`. Every other mapped
    /// field, and these ones as read, is kept in the node's `extra` under its field name.
    /// The mapping is documented in `docs/formats.md` ("A sheet as a roadmap").
    ///
    /// A field of the spec that the sheet's mapping lacks is an `unknown_field` error; a
    /// row whose item is blank is a `blank_field` problem and two rows naming the same
    /// item (after slugging) a `duplicate_id` problem, each at the row's line: the rows
    /// are refused, never dropped. The result is a valid roadmap
    /// ([`Roadmap::validate`]).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, RoadmapSpec, Sheet};
    /// use roadmap_tracker::status::Vocabulary;
    /// let gmpp = ColumnMapping::gmpp(Vocabulary::builtin("gmpp-5")?);
    /// let text = "Project;Dept;DCA;End Date\nRail;Transport;Amber/red;31.03.24\n";
    /// let sheet = Sheet::load(text, &gmpp, &LoadOptions::for_file("gmpp-2020.csv"))?;
    /// let released = NaiveDate::from_ymd_opt(2020, 9, 30).unwrap();
    /// let roadmap = sheet.to_roadmap(&RoadmapSpec::gmpp(), released)?;
    /// let rail = roadmap.node("rail").unwrap();
    /// assert_eq!((rail.parent.as_deref(), rail.owners.as_slice()), (Some("owner-transport"), &["Transport".to_owned()][..]));
    /// assert_eq!(rail.deadline.as_ref().map(|d| d.phrase.as_str()), Some("by 2024-03-31"));
    /// let update = &roadmap.updates[0];
    /// assert_eq!((update.node.as_str(), update.status.as_str(), update.date), ("rail", "Amber/Red", released.into()));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn to_roadmap(&self, spec: &RoadmapSpec, released: NaiveDate) -> Result<Roadmap, Error> {
        self.to_roadmap_keyed(spec, released, &|_, title| slugify(title), &|owner| {
            owner.to_owned()
        })
    }

    /// [`Sheet::to_roadmap`] with each item's id from `id` (given the row and its item
    /// text) and each owner's name from `owner` (given the owner as written; when it
    /// differs, the written one is kept in the node's `extra` under the owner field).
    pub(crate) fn to_roadmap_keyed(
        &self,
        spec: &RoadmapSpec,
        released: NaiveDate,
        id_of: &dyn Fn(&SheetRow, &str) -> String,
        owner_of: &dyn Fn(&str) -> String,
    ) -> Result<Roadmap, Error> {
        self.check_fields(spec)?;
        let mut roadmap = Roadmap {
            id: spec.id.clone(),
            title: spec.title.clone(),
            publisher: spec.publisher.clone(),
            published: released,
            summary: String::new(),
            sources: vec![Source {
                id: RELEASE_SOURCE.to_owned(),
                title: format!("{} ({})", spec.title, self.file),
                publisher: spec.publisher.clone(),
                date: Some(released),
                url: String::new(),
                extra: Extra::new(),
            }],
            nodes: vec![Node::new(
                PORTFOLIO_SECTION,
                NodeKind::Section,
                spec.title.clone(),
            )],
            updates: Vec::new(),
            metrics: Vec::new(),
            extra: Extra::new(),
        };
        // Areas in order of first appearance, then the commitments, so parents come first.
        let mut areas: Vec<Node> = Vec::new();
        let mut area_of: HashMap<String, String> = HashMap::new();
        let mut commitments: Vec<Node> = Vec::new();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut problems = Vec::new();
        for row in &self.rows {
            let mut at = Location::line(self.file.clone(), row.line).with_field(spec.item.clone());
            at.column = row.column.map(|c| c as u64);
            let place = match row.column {
                Some(c) => format!("column {c}"),
                None => format!("line {}", row.line),
            };
            let Some(title) = row.text(&spec.item).filter(|t| !t.is_empty()) else {
                problems.push(Problem::new(
                    ErrorCode::BlankField,
                    at,
                    format!(
                        "the row has no {:?}, so it cannot be an item of the roadmap",
                        spec.item
                    ),
                ));
                continue;
            };
            let mut id = id_of(row, title);
            if id.is_empty() {
                id = match row.column {
                    Some(c) => format!("column-{c}"),
                    None => format!("line-{}", row.line),
                };
            }
            if let Some(first) = seen.get(&id) {
                problems.push(Problem::new(
                    ErrorCode::DuplicateId,
                    at,
                    format!(
                        "{title:?} is the item {id:?} of {first} again; each item needs a row of its own"
                    ),
                ));
                continue;
            }
            seen.insert(id.clone(), place);
            let written = spec
                .owner
                .as_deref()
                .and_then(|f| row.text(f))
                .filter(|t| !t.is_empty());
            let canonical = written.map(owner_of);
            let owner = canonical.as_deref();
            let area = area_for(owner, &mut areas, &mut area_of);
            let mut node = self.commitment(spec, row, id, title, owner, area, released);
            if let (Some(field), Some(w)) = (spec.owner.as_ref(), written) {
                if Some(w) != owner {
                    node.extra.insert(field.clone(), w.to_owned());
                }
            }
            commitments.push(node);
            if let Some(update) = status_update(spec, row, commitments.last(), released) {
                roadmap.updates.push(update);
            }
        }
        Error::check(problems)?;
        roadmap.nodes.extend(areas);
        roadmap.nodes.extend(commitments);
        roadmap.validate_structure()?;
        Ok(roadmap)
    }

    /// Every field the spec names must be a field of the sheet's mapping.
    fn check_fields(&self, spec: &RoadmapSpec) -> Result<(), Error> {
        let named = [
            ("item", Some(&spec.item)),
            ("owner", spec.owner.as_ref()),
            ("end", spec.end.as_ref()),
            ("status", spec.status.as_ref()),
            ("note", spec.note.as_ref()),
        ];
        // A field's column may be missing, but every row holds every mapped field; with
        // no rows there is nothing to convert, so nothing to check.
        let Some(first) = self.rows.first() else {
            return Ok(());
        };
        let known: Vec<&str> = first.values.iter().map(|(n, _)| n.as_str()).collect();
        for (role, field) in named {
            if let Some(field) = field {
                if !known.contains(&field.as_str()) {
                    return Err(Error::format(Problem::new(
                        ErrorCode::UnknownField,
                        Location::default()
                            .in_file(self.file.clone())
                            .with_field(role),
                        format!(
                            "the {role} field {field:?} is not a field of the sheet's mapping (its fields: {})",
                            known.join(", ")
                        ),
                    )));
                }
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn commitment(
        &self,
        spec: &RoadmapSpec,
        row: &SheetRow,
        id: String,
        title: &str,
        owner: Option<&str>,
        area: String,
        released: NaiveDate,
    ) -> Node {
        let mut node = Node::new(id, NodeKind::Commitment, title).with_parent(area);
        node.owners = owner.map(str::to_owned).into_iter().collect();
        node.sources = thin_vec::thin_vec![RELEASE_SOURCE.to_owned()];
        if let Some(end) = spec.end.as_deref().and_then(|f| row.date(f)) {
            node.deadline = Some(Box::new(DeadlineText {
                phrase: format!("by {end}"),
                written_on: released,
                source: Some(RELEASE_SOURCE.to_owned()),
            }));
        }
        for (field, value) in &row.values {
            if *field == spec.item || Some(field) == spec.owner.as_ref() {
                continue;
            }
            if let Some(text) = extra_text(value) {
                node.extra.insert(field.clone(), text);
            }
        }
        node
    }
}

/// The area of an owner (blank: "no owner"), added on first use.
fn area_for(
    owner: Option<&str>,
    areas: &mut Vec<Node>,
    area_of: &mut HashMap<String, String>,
) -> String {
    let title = owner.unwrap_or("No owner given");
    if let Some(id) = area_of.get(title) {
        return id.clone();
    }
    let base = match owner.map(slugify).filter(|s| !s.is_empty()) {
        Some(slug) => format!("owner-{slug}"),
        None => "owner-none".to_owned(),
    };
    // Two owners that slug alike ("A&B", "A-B") get areas of their own.
    let mut id = base.clone();
    let mut n = 2;
    while areas.iter().any(|a| a.id == id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    areas.push(Node::new(id.clone(), NodeKind::Area, title).with_parent(PORTFOLIO_SECTION));
    area_of.insert(title.to_owned(), id.clone());
    id
}

/// The status update a row's rating makes: ratings only (a non-rating, a blank or an
/// unreadable cell is no status; its reading stays in the node's `extra`).
fn status_update(
    spec: &RoadmapSpec,
    row: &SheetRow,
    node: Option<&Node>,
    released: NaiveDate,
) -> Option<StatusUpdate> {
    let node = node?;
    let label = row.rating(spec.status.as_deref()?)?.label()?;
    let note = spec
        .note
        .as_deref()
        .and_then(|f| row.text(f))
        .unwrap_or_default();
    Some(StatusUpdate {
        node: node.id.as_str().into(),
        date: released.into(),
        status: label.to_owned(),
        source: RELEASE_SOURCE.to_owned(),
        note: note.to_owned(),
        delivered_on: None,
        new_deadline: None,
        extra: Extra::new(),
    })
}
