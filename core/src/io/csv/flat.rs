//! The flat sheet: the one-sheet CSV layout people keep in spreadsheets, one row per
//! commitment with its section, sub-category and area titles and its latest status. It is
//! a *view*: history, milestones and metrics are not in it. Flat → model → flat gives the
//! same text. See `docs/formats.md`.

use std::collections::{HashMap, HashSet};

use compact_str::CompactString;

use crate::error::{Collector, Error, ErrorCode, Location, Problem};
use crate::model::{Extra, Node, NodeKind, Roadmap, StatusUpdate};
use crate::validate::slugify;

use super::cells::{
    deadline_cells, flag_cell, line32, opt_evidence, Lines, NodeCells, ParsedTable, TableWriter,
};
use super::tables::MAX_CSV_BYTES;
use super::write::CsvWriter;

/// The file name that problems in a flat sheet read from text are located in (the name
/// the shared fixtures use; [`Roadmap::load`] names the file it read instead).
pub(crate) const FLAT_FILE: &str = "tracker.csv";

/// The columns of the flat sheet, in the order they are written (further columns are kept
/// as extra fields).
///
/// ```
/// assert_eq!(roadmap_tracker::io::FLAT_COLUMNS[0], "section");
/// ```
pub const FLAT_COLUMNS: &[&str] = &[
    "section",
    "subcategory",
    "area",
    "id",
    "title",
    "summary",
    "owners",
    "tags",
    "weight",
    "sources",
    "deadline",
    "deadline_written_on",
    "deadline_source",
    "status",
    "status_date",
    "status_source",
    "status_note",
    "delivered_on",
    "new_deadline",
    "new_deadline_written_on",
    "new_deadline_source",
    "expectation",
];

impl Roadmap {
    /// Write the flat sheet: one row per commitment with its latest status (the
    /// update with the latest date; the last one stored wins a tie). Cells pass through
    /// the formula guard; a roadmap that does not validate, or an `extra` field the sheet
    /// could not give back, is refused as by [`Roadmap::to_csv_tables`].
    ///
    /// The sheet is a view: milestones, earlier updates and the details of sections and
    /// areas are left out. [`Roadmap::save`] writes a flat sheet only when it gives the
    /// roadmap back.
    ///
    /// ```
    /// use roadmap_tracker::Roadmap;
    /// let sheet = Roadmap::uk_digital_2026().to_flat_csv()?;
    /// assert!(sheet.starts_with("section,subcategory,area,id,title,"));
    /// assert!(sheet.lines().any(|l| l.contains("digital-sourcing-strategy") && l.contains("under review")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_flat_csv(&self) -> Result<String, Error> {
        // Its loader validates: write nothing it would refuse.
        self.validate_structure()?;
        // Lookups by id hold positions: one map type for every such lookup (a smaller
        // WebAssembly module).
        let by_id: HashMap<&str, usize> = (self.nodes.iter().enumerate())
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let node_of = |id: &str| by_id.get(id).and_then(|&i| self.nodes.get(i));
        let mut latest: HashMap<&str, usize> = HashMap::new();
        for (i, u) in self.updates.iter().enumerate() {
            match latest
                .get(u.node.as_str())
                .and_then(|&at| self.updates.get(at))
            {
                Some(kept) if u.date.latest() < kept.date.latest() => {}
                _ => {
                    latest.insert(u.node.as_str(), i);
                }
            }
        }
        let commitments: Vec<&Node> = self.commitments().collect();
        let mut sheet = TableWriter::new(
            FLAT_FILE,
            FLAT_COLUMNS,
            commitments.iter().map(|n| &n.extra),
        )?;
        for n in commitments {
            let (mut section, mut subcategory, mut area) = ("", "", "");
            let mut at = n.parent.as_deref().and_then(node_of);
            // Bounded walk: a valid tree is at most three levels above a commitment.
            for _ in 0..4 {
                let Some(node) = at else { break };
                match node.kind {
                    NodeKind::Area => area = &node.title,
                    NodeKind::Subcategory => subcategory = &node.title,
                    NodeKind::Section => section = &node.title,
                    _ => {}
                }
                at = node.parent.as_deref().and_then(node_of);
            }
            let u = (latest.get(n.id.as_str())).and_then(|&i| self.updates.get(i));
            let details = NodeCells::new(n);
            let date = u.map(|u| u.date.to_string()).unwrap_or_default();
            let delivered_on = u.map(|u| opt_evidence(u.delivered_on)).unwrap_or_default();
            let (phrase, written_on, source) =
                deadline_cells(u.and_then(|u| u.new_deadline.as_ref()));
            let mut cells = vec![section, subcategory, area, &n.id];
            cells.extend(details.cells());
            cells.extend([
                u.map_or("", |u| u.status.as_str()),
                &date,
                u.map_or("", |u| u.source.as_str()),
                u.map_or("", |u| u.note.as_str()),
                &delivered_on,
                phrase,
                &written_on,
                source,
                flag_cell(n.expectation),
            ]);
            sheet.row(&cells, &n.extra);
        }
        Ok(sheet.finish())
    }

    /// Read a flat sheet into a roadmap whose metadata and sources come from
    /// `base` (its nodes and updates are replaced). Sections, sub-categories and areas are
    /// made from the title columns, with ids made by [`slugify`] (the kind's name, such as
    /// `area`, for a title with no ASCII letter or digit); an id already taken gets `-2`,
    /// `-3`… appended.
    ///
    /// ```
    /// use roadmap_tracker::Roadmap;
    /// use chrono::NaiveDate;
    /// let sheet = "section,area,id,title,deadline,deadline_written_on,status,status_date\n\
    ///              Services,Front door,business-portal,Build a business portal,later this year,2026-01-19,in progress,2026-06-04\n";
    /// let base = Roadmap::new("plan", "Plan", "Us", NaiveDate::from_ymd_opt(2026, 1, 19).unwrap());
    /// let roadmap = Roadmap::from_flat_csv(sheet, base)?;
    /// assert_eq!(roadmap.nodes.len(), 3);
    /// assert_eq!(roadmap.node("front-door").map(|n| n.parent.as_deref()), Some(Some("services")));
    /// assert_eq!(roadmap.updates[0].status, "in progress");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_flat_csv(text: &str, base: Roadmap) -> Result<Roadmap, Error> {
        const FILE: &str = FLAT_FILE;
        if text.len() > MAX_CSV_BYTES {
            return Err(Error::format(Problem::new(
                ErrorCode::TooLarge,
                Location {
                    file: Some(FILE.to_owned()),
                    ..Location::default()
                },
                format!(
                    "the sheet is {} bytes; the limit is {MAX_CSV_BYTES}",
                    text.len()
                ),
            )));
        }
        let required = ["id", "title", "area", "section"];
        // First pass: the commitments' own ids, which made ids must not take. Its problems
        // are the second pass's too, and are reported by it.
        let mut taken: HashSet<String> = HashSet::new();
        ParsedTable::each(
            FILE,
            text,
            FLAT_COLUMNS,
            &required,
            &mut Collector::new(),
            |row| {
                taken.insert(row.text("id").to_owned());
                Ok(())
            },
        )?;
        let mut problems = Collector::new();
        let mut roadmap = base;
        roadmap.nodes.clear();
        roadmap.updates.clear();
        let mut lines = Lines {
            flat: Some(FILE),
            ..Lines::default()
        };
        let mut ids = MadeIds {
            taken,
            next: HashMap::new(),
        };
        // Structure nodes are keyed by their title path so equal titles in different
        // sections stay different nodes.
        let mut structure: HashMap<(NodeKind, String), String> = HashMap::new();
        let mut make = |roadmap: &mut Roadmap,
                        lines: &mut Lines,
                        kind: NodeKind,
                        key: String,
                        title: &str,
                        parent: Option<String>,
                        line: u64|
         -> String {
            if let Some(id) = structure.get(&(kind, key.clone())) {
                return id.clone();
            }
            let id = ids.make(kind, title);
            let mut node = Node::new(id.clone(), kind, title);
            node.parent = parent.map(CompactString::from);
            roadmap.nodes.push(node);
            lines.nodes.push(line32(line));
            structure.insert((kind, key), id.clone());
            id
        };
        let read = ParsedTable::each(FILE, text, FLAT_COLUMNS, &required, &mut problems, |row| {
            let section_title = row.text("section");
            let sub_title = row.text("subcategory");
            let area_title = row.text("area");
            for (col, value) in [("section", section_title), ("area", area_title)] {
                if value.trim().is_empty() {
                    row.check::<()>(Err(row.problem(
                        ErrorCode::BlankField,
                        col,
                        format!("{col} is blank"),
                    )));
                }
            }
            let section = make(
                &mut roadmap,
                &mut lines,
                NodeKind::Section,
                section_title.to_owned(),
                section_title,
                None,
                row.line,
            );
            let mut parent = section;
            let mut key = section_title.to_owned();
            if !sub_title.is_empty() {
                key = format!("{key}\u{1f}{sub_title}");
                parent = make(
                    &mut roadmap,
                    &mut lines,
                    NodeKind::Subcategory,
                    key.clone(),
                    sub_title,
                    Some(parent),
                    row.line,
                );
            }
            key = format!("{key}\u{1f}\u{1f}{area_title}");
            let area = make(
                &mut roadmap,
                &mut lines,
                NodeKind::Area,
                key,
                area_title,
                Some(parent),
                row.line,
            );
            let mut node = Node::new(row.text("id"), NodeKind::Commitment, row.text("title"));
            node.parent = Some(area.into());
            row.node_details(&mut node);
            let status = row.text("status");
            let dependents = [
                "status_date",
                "status_source",
                "status_note",
                "delivered_on",
                "new_deadline",
                "new_deadline_written_on",
                "new_deadline_source",
            ];
            if row.check(row.filled_with("status", &dependents)) == Some(true) {
                let date = row.check(row.evidence_date("status_date"));
                let delivered_on = row.check(row.opt_evidence_date("delivered_on"));
                let new_deadline = row.check(row.deadline(
                    "new_deadline",
                    "new_deadline_written_on",
                    "new_deadline_source",
                ));
                if let (Some(date), Some(delivered_on), Some(new_deadline)) =
                    (date, delivered_on, new_deadline)
                {
                    roadmap.updates.push(StatusUpdate {
                        node: node.id.as_str().to_owned(),
                        date,
                        status: status.to_owned(),
                        source: row.text("status_source").to_owned(),
                        note: row.text("status_note").to_owned(),
                        delivered_on,
                        new_deadline,
                        extra: Extra::new(),
                    });
                    lines.updates.push(line32(row.line));
                }
            }
            roadmap.nodes.push(node);
            lines.nodes.push(line32(row.line));
            Ok(())
        });
        if let Some(read) = problems.take(read) {
            let commitments = roadmap
                .nodes
                .iter_mut()
                .filter(|n| n.kind == NodeKind::Commitment);
            read.keep_empty_columns(commitments.map(|n| &mut n.extra));
        }
        problems.finish()?;
        roadmap.validate_with(&|item, field| lines.locate(item, field))?;
        Ok(roadmap)
    }
}

impl Roadmap {
    /// The flat sheet, when reading it back with the roadmap as its base gives the roadmap
    /// itself; otherwise an [`ErrorCode::InvalidArgument`] error naming what the sheet would
    /// lose ([`Roadmap::save`]).
    pub(crate) fn to_flat_csv_exact(&self) -> Result<String, Error> {
        let text = self.to_flat_csv()?;
        let back = Roadmap::from_flat_csv(&text, self.clone())?;
        if back == *self {
            return Ok(text);
        }
        let mut lost = Vec::new();
        let count = |n: usize, one: &str, many: &str| match n {
            1 => format!("1 {one}"),
            n => format!("{n} {many}"),
        };
        let milestones = self
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Milestone)
            .count();
        if milestones > 0 {
            lost.push(count(milestones, "milestone", "milestones"));
        }
        let updates = self.updates.len().saturating_sub(back.updates.len());
        if updates > 0 {
            lost.push(format!(
                "{} of its {} status updates (it keeps a commitment's latest)",
                updates,
                self.updates.len()
            ));
        }
        let kept: HashMap<&str, usize> = (back.nodes.iter().enumerate())
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let changed = |kinds: &[NodeKind]| {
            let nodes = self.nodes.iter().filter(|n| kinds.contains(&n.kind));
            let kept = |n: &Node| kept.get(n.id.as_str()).and_then(|&i| back.nodes.get(i));
            nodes.filter(|n| kept(n) != Some(n)).count()
        };
        let structure = changed(&[NodeKind::Section, NodeKind::Subcategory, NodeKind::Area]);
        if structure > 0 {
            lost.push(format!(
                "the ids or details of {} (the sheet holds their titles)",
                count(structure, "section or area", "sections and areas")
            ));
        }
        let commitments = changed(&[NodeKind::Commitment]);
        if commitments > 0 {
            lost.push(format!(
                "{} as they are",
                count(commitments, "commitment", "commitments")
            ));
        }
        if lost.is_empty() {
            lost.push("the order of its records or the extra fields of its updates".to_owned());
        }
        let lost = match lost.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        };
        Err(Error::format(Problem::new(
            ErrorCode::InvalidArgument,
            Location::default(),
            format!(
                "a flat sheet cannot hold this roadmap: it would lose {lost}; save it as .json \
                 or as a directory of tables, or write the sheet as a view with to_flat_csv"
            ),
        )))
    }
}

/// The ids made for sections, sub-categories and areas: the slug of the title (the kind's
/// name when the title has no ASCII letter or digit, as in `Услуги` or `漢`), and `-2`,
/// `-3`… when that is taken. Each stem remembers the next number to try, so making `n` ids
/// from one title takes `O(n)` steps in all, not `O(n²)`.
struct MadeIds {
    taken: HashSet<String>,
    next: HashMap<String, u64>,
}

impl MadeIds {
    fn make(&mut self, kind: NodeKind, title: &str) -> String {
        let mut stem = slugify(title);
        if stem.is_empty() {
            stem = kind.as_str().to_owned();
        }
        let mut id = stem.clone();
        if self.taken.contains(&id) {
            let n = self.next.entry(stem.clone()).or_insert(2);
            loop {
                id = format!("{stem}-{n}");
                *n += 1;
                if !self.taken.contains(&id) {
                    break;
                }
            }
        }
        self.taken.insert(id.clone());
        id
    }
}

/// Writes a flat sheet from cells given by a caller (for [`Roadmap::from_flat_rows`]),
/// each guarded so that the reader gives it back as it is, and counts the lines written.
pub(crate) struct FlatWriter {
    writer: CsvWriter,
    scanned: usize,
    lines: u64,
}

impl FlatWriter {
    pub(crate) fn new(header: &[&str]) -> Self {
        let mut w = FlatWriter {
            writer: CsvWriter::new(),
            scanned: 0,
            lines: 0,
        };
        w.write(header.iter().copied());
        w
    }

    /// The 1-based line the next row starts on.
    pub(crate) fn line(&mut self) -> u64 {
        let bytes = self.writer.as_str().as_bytes();
        let new = bytes.get(self.scanned..).unwrap_or_default();
        self.lines += new.iter().filter(|&&b| b == b'\n').count() as u64;
        self.scanned = bytes.len();
        self.lines + 1
    }

    pub(crate) fn row(&mut self, cells: &[String]) {
        self.write(cells.iter().map(String::as_str));
    }

    fn write<'a>(&mut self, cells: impl Iterator<Item = &'a str>) {
        self.writer.record(cells);
    }

    pub(crate) fn finish(self) -> String {
        self.writer.into_string()
    }
}
