//! The CSV forms of a roadmap: a set of tidy tables that hold everything, and the
//! single-sheet tracker that people keep in spreadsheets (see `docs/formats.md`).
//!
//! **Tidy tables** ([`CsvTables`]): `roadmap.csv` (one row), `sources.csv`, `nodes.csv`,
//! `updates.csv`, `metrics.csv` and `observations.csv`. Together they hold exactly what the
//! JSON form holds: JSON → model → CSV → model → JSON gives the same text.
//!
//! **Tracker** ([`Roadmap::to_tracker_csv`]): one row per commitment with its section,
//! sub-category and area titles and its latest status. It is a *view*: history, milestones
//! and metrics are not in it. Tracker → model → tracker gives the same text.
//!
//! In both forms, columns the library does not know are kept in the record's `extra` and
//! written back (after the known columns, in alphabetical order); lists (owners, tags,
//! sources) are `;`-separated in one cell; empty cells mean "absent".

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use chrono::NaiveDate;

use crate::dates::read_iso_date as parse_iso_date;
use crate::error::{Error, ErrorCode, Location, Problem};
use crate::json::decode_utf8;
use crate::model::{
    DeadlineText, Direction, Extra, Metric, MetricPoint, MetricTarget, Node, NodeKind, Observation,
    Roadmap, Source, StatusUpdate,
};
use crate::validate::{slugify, Item};

/// The largest CSV table the loaders accept, in bytes (256 MiB): a larger file is refused
/// with [`ErrorCode::TooLarge`] before it is read.
pub const MAX_CSV_BYTES: usize = 256 * 1024 * 1024;

/// The tidy CSV tables of a roadmap, one string per file.
///
/// ```
/// use roadmap_tracker::Roadmap;
/// let roadmap = Roadmap::uk_digital_2026();
/// let tables = roadmap.to_csv_tables()?;
/// assert!(tables.nodes.starts_with("id,kind,parent,title,"));
/// assert_eq!(Roadmap::from_csv_tables(&tables)?, roadmap);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvTables {
    /// `roadmap.csv`: the roadmap's own fields, one row.
    pub roadmap: String,
    /// `sources.csv`: one row per source.
    pub sources: String,
    /// `nodes.csv`: one row per node, parents before children.
    pub nodes: String,
    /// `updates.csv`: one row per status update.
    pub updates: String,
    /// `metrics.csv`: one row per metric.
    pub metrics: String,
    /// `observations.csv`: one row per metric observation.
    pub observations: String,
}

/// The file names of the tidy tables, in the order they are read.
pub const TABLE_FILES: [&str; 6] = [
    "roadmap.csv",
    "sources.csv",
    "nodes.csv",
    "updates.csv",
    "metrics.csv",
    "observations.csv",
];

/// The file of a table named with or without `.csv` (`nodes` or `nodes.csv` is
/// `nodes.csv`), or `None` for a name that is not one of [`TABLE_FILES`].
///
/// ```
/// use roadmap_tracker::csv_tables::table_file;
/// assert_eq!(table_file("updates"), Some("updates.csv"));
/// assert_eq!(table_file("updates.csv"), Some("updates.csv"));
/// assert_eq!(table_file("notes"), None);
/// ```
pub fn table_file(name: &str) -> Option<&'static str> {
    let stem = name.strip_suffix(".csv").unwrap_or(name);
    TABLE_FILES
        .into_iter()
        .find(|file| file.strip_suffix(".csv") == Some(stem))
}

const ROADMAP_COLUMNS: &[&str] = &["id", "title", "publisher", "published", "summary"];
const SOURCE_COLUMNS: &[&str] = &["id", "title", "publisher", "date", "url"];
const NODE_COLUMNS: &[&str] = &[
    "id",
    "kind",
    "parent",
    "title",
    "summary",
    "owners",
    "tags",
    "weight",
    "sources",
    "deadline",
    "deadline_written_on",
    "deadline_source",
];
const UPDATE_COLUMNS: &[&str] = &["node", "date", "status", "source", "note", "delivered_on"];
const METRIC_COLUMNS: &[&str] = &[
    "id",
    "node",
    "title",
    "unit",
    "direction",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_deadline",
    "target_written_on",
    "target_source",
    "trajectory",
];
const OBSERVATION_COLUMNS: &[&str] = &["metric", "date", "value", "source", "note"];
/// The columns of the single-sheet tracker, in the order they are written (further
/// columns are kept as extra fields).
///
/// ```
/// assert_eq!(roadmap_tracker::csv_tables::TRACKER_COLUMNS[0], "section");
/// ```
pub const TRACKER_COLUMNS: &[&str] = &[
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
];

impl CsvTables {
    /// The table for a file name of [`TABLE_FILES`].
    ///
    /// ```
    /// # use roadmap_tracker::csv_tables::CsvTables;
    /// let t = CsvTables { nodes: "id\n".into(), ..CsvTables::default() };
    /// assert_eq!(t.get("nodes.csv"), Some("id\n"));
    /// assert_eq!(t.get("other.csv"), None);
    /// ```
    pub fn get(&self, file: &str) -> Option<&str> {
        Some(match file {
            "roadmap.csv" => &self.roadmap,
            "sources.csv" => &self.sources,
            "nodes.csv" => &self.nodes,
            "updates.csv" => &self.updates,
            "metrics.csv" => &self.metrics,
            "observations.csv" => &self.observations,
            _ => return None,
        })
    }

    /// The table for a file name of [`TABLE_FILES`], to fill in.
    ///
    /// ```
    /// # use roadmap_tracker::csv_tables::CsvTables;
    /// let mut tables = CsvTables::default();
    /// if let Some(nodes) = tables.get_mut("nodes.csv") {
    ///     nodes.push_str("id,kind,title\n");
    /// }
    /// assert_eq!(tables.nodes, "id,kind,title\n");
    /// assert!(tables.get_mut("notes.csv").is_none());
    /// ```
    pub fn get_mut(&mut self, file: &str) -> Option<&mut String> {
        Some(match file {
            "roadmap.csv" => &mut self.roadmap,
            "sources.csv" => &mut self.sources,
            "nodes.csv" => &mut self.nodes,
            "updates.csv" => &mut self.updates,
            "metrics.csv" => &mut self.metrics,
            "observations.csv" => &mut self.observations,
            _ => return None,
        })
    }

    /// Write the six files into a directory (created if missing).
    ///
    /// ```no_run
    /// # use roadmap_tracker::Roadmap;
    /// Roadmap::uk_digital_2026().to_csv_tables()?.write_dir("out/uk")?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_dir(&self, dir: impl AsRef<Path>) -> Result<(), Error> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
        for file in TABLE_FILES {
            let path = dir.join(file);
            let text = self.get(file).unwrap_or_default();
            std::fs::write(&path, text).map_err(|e| io_error(&path, e))?;
        }
        Ok(())
    }

    /// Read the tables from a directory. `roadmap.csv` and `nodes.csv` are required; a
    /// missing `sources.csv`, `updates.csv`, `metrics.csv` or `observations.csv` is empty.
    /// Files must be UTF-8 (a byte-order mark is ignored).
    ///
    /// ```no_run
    /// # use roadmap_tracker::{csv_tables::CsvTables, Roadmap};
    /// let roadmap = Roadmap::from_csv_tables(&CsvTables::read_dir("out/uk")?)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read_dir(dir: impl AsRef<Path>) -> Result<CsvTables, Error> {
        let dir = dir.as_ref();
        let mut tables = CsvTables::default();
        for file in TABLE_FILES {
            let path = dir.join(file);
            match std::fs::read(&path) {
                Ok(bytes) => tables.set_bytes(file, &bytes)?,
                Err(e)
                    if e.kind() == std::io::ErrorKind::NotFound
                        && !matches!(file, "roadmap.csv" | "nodes.csv") => {}
                Err(e) => return Err(io_error(&path, e)),
            }
        }
        Ok(tables)
    }

    /// Set one table from raw bytes, which must be UTF-8 (a byte-order mark is kept and
    /// ignored on reading); the error names the file and line of the first bad byte.
    ///
    /// ```
    /// use roadmap_tracker::{csv_tables::CsvTables, ErrorCode};
    /// let mut tables = CsvTables::default();
    /// tables.set_bytes("nodes.csv", b"id,kind,title\nsvc,section,Services\n")?;
    /// assert!(tables.nodes.contains("Services"));
    /// let err = tables.set_bytes("nodes.csv", b"id\ncaf\xe9\n").unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::Encoding);
    /// assert_eq!(err.location().line, Some(2));
    /// assert!(tables.set_bytes("notes.csv", b"").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_bytes(&mut self, file: &str, bytes: &[u8]) -> Result<(), Error> {
        if bytes.len() > MAX_CSV_BYTES {
            return Err(Error::format(Problem::new(
                ErrorCode::TooLarge,
                Location {
                    file: Some(file.to_owned()),
                    ..Location::default()
                },
                format!(
                    "the table is {} bytes; the limit is {MAX_CSV_BYTES}",
                    bytes.len()
                ),
            )));
        }
        let text = decode_utf8(bytes, Some(file))?.to_owned();
        let Some(slot) = self.get_mut(file) else {
            return Err(Error::format(Problem::new(
                ErrorCode::UnknownValue,
                Location {
                    file: Some(file.to_owned()),
                    ..Location::default()
                },
                format!(
                    "{file:?} is not one of the tables {}",
                    TABLE_FILES.join(", ")
                ),
            )));
        };
        *slot = text;
        Ok(())
    }
}

fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        source,
    }
}

impl Roadmap {
    /// Write the roadmap as tidy CSV tables.
    ///
    /// ```
    /// use roadmap_tracker::Roadmap;
    /// let tables = Roadmap::uk_digital_2026().to_csv_tables()?;
    /// assert!(tables.roadmap.contains("uk-digital-2026"));
    /// assert!(tables.updates.starts_with("node,date,status,source,note,delivered_on"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_csv_tables(&self) -> Result<CsvTables, Error> {
        self.check_finite_numbers()?;
        let mut roadmap = TableWriter::new(ROADMAP_COLUMNS, [&self.extra]);
        roadmap.row(
            &[
                self.id.clone(),
                self.title.clone(),
                self.publisher.clone(),
                self.published.to_string(),
                self.summary.clone(),
            ],
            &self.extra,
        );

        let mut sources = TableWriter::new(SOURCE_COLUMNS, self.sources.iter().map(|s| &s.extra));
        for s in &self.sources {
            sources.row(
                &[
                    s.id.clone(),
                    s.title.clone(),
                    s.publisher.clone(),
                    opt_date(s.date),
                    s.url.clone(),
                ],
                &s.extra,
            );
        }

        let mut nodes = TableWriter::new(NODE_COLUMNS, self.nodes.iter().map(|n| &n.extra));
        for n in &self.nodes {
            let mut cells = vec![
                n.id.clone(),
                n.kind.as_str().to_owned(),
                n.parent.clone().unwrap_or_default(),
            ];
            cells.extend(node_detail_cells(n));
            nodes.row(&cells, &n.extra);
        }

        let mut updates = TableWriter::new(UPDATE_COLUMNS, self.updates.iter().map(|u| &u.extra));
        for u in &self.updates {
            updates.row(
                &[
                    u.node.clone(),
                    u.date.to_string(),
                    u.status.clone(),
                    u.source.clone(),
                    u.note.clone(),
                    opt_date(u.delivered_on),
                ],
                &u.extra,
            );
        }

        let mut metrics = TableWriter::new(METRIC_COLUMNS, self.metrics.iter().map(|m| &m.extra));
        let mut observations = TableWriter::new(
            OBSERVATION_COLUMNS,
            self.metrics
                .iter()
                .flat_map(|m| m.observations.iter().map(|o| &o.extra)),
        );
        for m in &self.metrics {
            let (phrase, written_on, tsource) =
                deadline_cells(m.target.as_ref().map(|t| &t.deadline));
            let trajectory: Vec<String> = m
                .trajectory
                .iter()
                .map(|p| format!("{}={}", p.date, p.value))
                .collect();
            metrics.row(
                &[
                    m.id.clone(),
                    m.node.clone(),
                    m.title.clone(),
                    m.unit.clone(),
                    m.direction.as_str().to_owned(),
                    m.baseline.map(|b| b.value.to_string()).unwrap_or_default(),
                    m.baseline.map(|b| b.date.to_string()).unwrap_or_default(),
                    m.target
                        .as_ref()
                        .map(|t| t.value.to_string())
                        .unwrap_or_default(),
                    phrase,
                    written_on,
                    tsource,
                    trajectory.join(";"),
                ],
                &m.extra,
            );
            for o in &m.observations {
                observations.row(
                    &[
                        m.id.clone(),
                        o.date.to_string(),
                        o.value.to_string(),
                        o.source.clone(),
                        o.note.clone(),
                    ],
                    &o.extra,
                );
            }
        }

        Ok(CsvTables {
            roadmap: roadmap.finish()?,
            sources: sources.finish()?,
            nodes: nodes.finish()?,
            updates: updates.finish()?,
            metrics: metrics.finish()?,
            observations: observations.finish()?,
        })
    }

    /// Read a roadmap from its tidy CSV tables and validate it; validation problems are
    /// reported with the file, line and column they come from.
    ///
    /// ```
    /// use roadmap_tracker::{csv_tables::CsvTables, ErrorCode, Roadmap};
    /// let tables = CsvTables {
    ///     roadmap: "id,title,publisher,published\nplan,Plan,Us,2026-01-01\n".into(),
    ///     nodes: "id,kind,parent,title\nsvc,section,,Services\nweb,area,svcs,Web\n".into(),
    ///     ..CsvTables::default()
    /// };
    /// let err = Roadmap::from_csv_tables(&tables).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::UnknownParent);
    /// assert_eq!(err.location().to_string(), "nodes.csv:3, column parent");
    /// ```
    pub fn from_csv_tables(tables: &CsvTables) -> Result<Roadmap, Error> {
        let (roadmap, lines) = read_tables(tables)?;
        roadmap.validate_with(&|item, field| lines.locate(item, field))?;
        Ok(roadmap)
    }

    /// Write the single-sheet tracker: one row per commitment with its latest status (the
    /// update with the latest date; the last one stored wins a tie).
    ///
    /// ```
    /// use roadmap_tracker::Roadmap;
    /// let sheet = Roadmap::uk_digital_2026().to_tracker_csv()?;
    /// assert!(sheet.starts_with("section,subcategory,area,id,title,"));
    /// assert!(sheet.lines().any(|l| l.contains("digital-sourcing-strategy") && l.contains("under review")));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_tracker_csv(&self) -> Result<String, Error> {
        self.check_finite_numbers()?;
        let by_id: HashMap<&str, &Node> = self.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
        let mut latest: HashMap<&str, &StatusUpdate> = HashMap::new();
        for u in &self.updates {
            let slot = latest.entry(u.node.as_str()).or_insert(u);
            if u.date >= slot.date {
                *slot = u;
            }
        }
        let commitments: Vec<&Node> = self.commitments().collect();
        let mut sheet = TableWriter::new(TRACKER_COLUMNS, commitments.iter().map(|n| &n.extra));
        for n in commitments {
            let mut section = String::new();
            let mut subcategory = String::new();
            let mut area = String::new();
            let mut at = n.parent.as_deref().and_then(|p| by_id.get(p));
            // Bounded walk: a valid tree is at most three levels above a commitment.
            for _ in 0..4 {
                let Some(node) = at else { break };
                match node.kind {
                    NodeKind::Area => area.clone_from(&node.title),
                    NodeKind::Subcategory => subcategory.clone_from(&node.title),
                    NodeKind::Section => section.clone_from(&node.title),
                    _ => {}
                }
                at = node.parent.as_deref().and_then(|p| by_id.get(p));
            }
            let u = latest.get(n.id.as_str());
            let mut cells = vec![section, subcategory, area, n.id.clone()];
            cells.extend(node_detail_cells(n));
            cells.extend([
                u.map(|u| u.status.clone()).unwrap_or_default(),
                u.map(|u| u.date.to_string()).unwrap_or_default(),
                u.map(|u| u.source.clone()).unwrap_or_default(),
                u.map(|u| u.note.clone()).unwrap_or_default(),
                u.map(|u| opt_date(u.delivered_on)).unwrap_or_default(),
            ]);
            sheet.row(&cells, &n.extra);
        }
        sheet.finish()
    }

    /// Read a single-sheet tracker into a roadmap whose metadata and sources come from
    /// `base` (its nodes and updates are replaced). Sections, sub-categories and areas are
    /// made from the title columns, with ids made by [`slugify`]; an id already taken gets
    /// `-2`, `-3`… appended.
    ///
    /// ```
    /// use roadmap_tracker::Roadmap;
    /// use chrono::NaiveDate;
    /// let sheet = "section,area,id,title,deadline,deadline_written_on,status,status_date\n\
    ///              Services,Front door,business-portal,Build a business portal,later this year,2026-01-19,in progress,2026-06-04\n";
    /// let base = Roadmap::new("plan", "Plan", "Us", NaiveDate::from_ymd_opt(2026, 1, 19).unwrap());
    /// let roadmap = Roadmap::from_tracker_csv(sheet, base)?;
    /// assert_eq!(roadmap.nodes.len(), 3);
    /// assert_eq!(roadmap.node("front-door").map(|n| n.parent.as_deref()), Some(Some("services")));
    /// assert_eq!(roadmap.updates[0].status, "in progress");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_tracker_csv(text: &str, base: Roadmap) -> Result<Roadmap, Error> {
        const FILE: &str = "tracker.csv";
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
        let table = Table::parse(
            FILE,
            text,
            TRACKER_COLUMNS,
            &["id", "title", "area", "section"],
        )?;
        let mut roadmap = base;
        roadmap.nodes.clear();
        roadmap.updates.clear();
        let mut lines = Lines::default();
        let mut taken: HashMap<String, ()> = HashMap::new();
        for row in &table.rows {
            taken.insert(row.text("id").to_owned(), ());
        }
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
            let stem = slugify(title);
            let mut id = stem.clone();
            let mut n = 2;
            while taken.contains_key(&id) {
                id = format!("{stem}-{n}");
                n += 1;
            }
            taken.insert(id.clone(), ());
            let mut node = Node::new(id.clone(), kind, title);
            node.parent = parent;
            roadmap.nodes.push(node);
            lines.nodes.push(line);
            structure.insert((kind, key), id.clone());
            id
        };
        for row in &table.rows {
            let section_title = row.text("section");
            let sub_title = row.text("subcategory");
            let area_title = row.text("area");
            for (col, value) in [("section", section_title), ("area", area_title)] {
                if value.trim().is_empty() {
                    return Err(row.problem(ErrorCode::BlankField, col, format!("{col} is blank")));
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
            node.parent = Some(area);
            row.node_details(&mut node)?;
            let status = row.text("status");
            let dependents = [
                "status_date",
                "status_source",
                "status_note",
                "delivered_on",
            ];
            if row.filled_with("status", &dependents)? {
                roadmap.updates.push(StatusUpdate {
                    node: node.id.clone(),
                    date: row.date("status_date")?,
                    status: status.to_owned(),
                    source: row.text("status_source").to_owned(),
                    note: row.text("status_note").to_owned(),
                    delivered_on: row.opt_date("delivered_on")?,
                    extra: Extra::new(),
                });
                lines.updates.push(row.line);
            }
            roadmap.nodes.push(node);
            lines.nodes.push(row.line);
        }
        lines.files = [FILE; 6];
        roadmap.validate_with(&|item, field| lines.locate(item, field))?;
        Ok(roadmap)
    }
}

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// The cells a node has in both nodes.csv and the tracker sheet, from its title to its
/// deadline's source (the reading side is `Row::node_details`).
fn node_detail_cells(n: &Node) -> [String; 9] {
    let (phrase, written_on, source) = deadline_cells(n.deadline.as_ref());
    [
        n.title.clone(),
        n.summary.clone(),
        n.owners.join(";"),
        n.tags.join(";"),
        weight_cell(n.weight),
        n.sources.join(";"),
        phrase,
        written_on,
        source,
    ]
}

fn weight_cell(w: f64) -> String {
    if w == 1.0 {
        String::new()
    } else {
        w.to_string()
    }
}

fn deadline_cells(d: Option<&DeadlineText>) -> (String, String, String) {
    match d {
        None => Default::default(),
        Some(d) => (
            d.phrase.clone(),
            d.written_on.to_string(),
            d.source.clone().unwrap_or_default(),
        ),
    }
}

/// Writes one table: the known columns, then every extra column any row has, sorted.
struct TableWriter {
    extras: Vec<String>,
    writer: csv::Writer<Vec<u8>>,
}

impl TableWriter {
    /// A table with the format's columns, then the extra columns of its records (sorted),
    /// header written.
    fn new<'a>(
        columns: &'static [&'static str],
        extras: impl IntoIterator<Item = &'a Extra>,
    ) -> Self {
        let mut names = BTreeSet::new();
        for e in extras {
            names.extend(e.keys().cloned());
        }
        let mut table = TableWriter {
            extras: names.into_iter().collect(),
            writer: csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(Vec::new()),
        };
        let header: Vec<Cow<'_, str>> = columns
            .iter()
            .copied()
            .chain(table.extras.iter().map(String::as_str))
            .map(guard_formula)
            .collect();
        // Writing into a Vec<u8> cannot fail for I/O reasons; a failure would surface in
        // `finish` through `into_inner`.
        let _ = table
            .writer
            .write_record(header.iter().map(|c| c.as_bytes()));
        table
    }

    fn row(&mut self, cells: &[String], extra: &Extra) {
        let extras = self
            .extras
            .iter()
            .map(|k| extra.get(k).map_or("", String::as_str));
        let record: Vec<Cow<'_, str>> = cells
            .iter()
            .map(String::as_str)
            .chain(extras)
            .map(guard_formula)
            .collect();
        let record: Vec<&[u8]> = record.iter().map(|c| c.as_bytes()).collect();
        let _ = self.writer.write_record(&record);
    }

    fn finish(self) -> Result<String, Error> {
        let bytes = self.writer.into_inner().map_err(|e| {
            Error::format(Problem::new(
                ErrorCode::Io,
                Location::default(),
                e.to_string(),
            ))
        })?;
        String::from_utf8(bytes).map_err(|e| {
            Error::format(Problem::new(
                ErrorCode::Encoding,
                Location::default(),
                e.to_string(),
            ))
        })
    }
}

/// Cells that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+1+cmd`, `@SUM`,
/// `-2+3`, or a leading tab or carriage return) are written with a leading apostrophe,
/// which spreadsheets treat as "this is text" and do not display; a cell that already
/// starts with an apostrophe gets one more. Numbers such as `-3.5` are left alone. Reading
/// removes exactly one leading apostrophe, so what was written reads back unchanged.
fn guard_formula(cell: &str) -> Cow<'_, str> {
    let risky = match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'@' | b'\t' | b'\r' | b'\'') => true,
        Some(b'-') => cell.parse::<f64>().is_err(),
        _ => false,
    };
    if risky {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The inverse of [`guard_formula`]: one leading apostrophe is a spreadsheet's text
/// marker, not part of the value.
fn unguard_formula(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// A parsed CSV table: known columns by name, unknown ones kept per row.
struct Table {
    rows: Vec<Row>,
}

struct Row {
    file: &'static str,
    line: u64,
    cells: HashMap<&'static str, String>,
    extra: Extra,
}

impl Table {
    fn parse(
        file: &'static str,
        text: &str,
        known: &'static [&'static str],
        required: &[&str],
    ) -> Result<Table, Error> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            if required.is_empty() {
                return Ok(Table { rows: Vec::new() });
            }
            return Err(Error::format(Problem::new(
                ErrorCode::Empty,
                Location {
                    file: Some(file.into()),
                    ..Location::default()
                },
                "the table is empty; it needs at least a header row",
            )));
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(text.as_bytes());
        let header = reader.headers().map_err(|e| csv_error(file, &e))?.clone();
        let mut columns: Vec<(Option<&'static str>, String)> = Vec::with_capacity(header.len());
        let mut seen = BTreeMap::new();
        for (i, name) in header.iter().enumerate() {
            let name = unguard_formula(name);
            if name.is_empty() {
                return Err(Error::format(Problem::new(
                    ErrorCode::MissingField,
                    Location {
                        file: Some(file.into()),
                        line: Some(1),
                        column: Some(i as u64 + 1),
                        ..Location::default()
                    },
                    format!("column {} has no name", i + 1),
                )));
            }
            if let Some(first) = seen.insert(name.to_owned(), i) {
                return Err(Error::format(Problem::new(
                    ErrorCode::DuplicateColumn,
                    Location::line(file, 1).with_field(name),
                    format!(
                        "column {name:?} appears at positions {} and {}",
                        first + 1,
                        i + 1
                    ),
                )));
            }
            columns.push((known.iter().copied().find(|k| *k == name), name.to_owned()));
        }
        for req in required {
            if !seen.contains_key(*req) {
                return Err(Error::format(Problem::new(
                    ErrorCode::MissingField,
                    Location::line(file, 1).with_field(*req),
                    format!("required column {req:?} is missing"),
                )));
            }
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| csv_error(file, &e))?;
            let line = record.position().map_or(0, |p| p.line());
            let mut cells = HashMap::with_capacity(known.len());
            let mut extra = Extra::new();
            for ((known, name), value) in columns.iter().zip(record.iter()) {
                let value = unguard_formula(value);
                match known {
                    Some(k) => {
                        cells.insert(*k, value.to_owned());
                    }
                    None => {
                        if !value.is_empty() {
                            extra.insert(name.clone(), value.to_owned());
                        }
                    }
                }
            }
            rows.push(Row {
                file,
                line,
                cells,
                extra,
            });
        }
        Ok(Table { rows })
    }
}

/// A CSV reader's error as a format error at the file and line.
pub(crate) fn csv_error(file: &str, e: &csv::Error) -> Error {
    let (code, line, message) = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => (
            ErrorCode::RaggedRow,
            pos.as_ref().map(|p| p.line()),
            format!("the row has {len} fields but the header has {expected_len}"),
        ),
        csv::ErrorKind::Utf8 { pos, err } => (
            ErrorCode::Encoding,
            pos.as_ref().map(|p| p.line()),
            format!("field {} is not valid UTF-8", err.field() + 1),
        ),
        _ => (
            ErrorCode::CsvSyntax,
            e.position().map(|p| p.line()),
            e.to_string(),
        ),
    };
    Error::format(Problem::new(
        code,
        Location {
            file: Some(file.into()),
            line,
            ..Location::default()
        },
        message,
    ))
}

impl Row {
    /// The columns a node has in both nodes.csv and the tracker sheet, after its id, kind,
    /// parent and title: summary, owners, tags, weight, sources, the deadline, and the
    /// columns the format does not define.
    fn node_details(&self, node: &mut Node) -> Result<(), Error> {
        node.summary = self.text("summary").to_owned();
        node.owners = self.list("owners");
        node.tags = self.list("tags");
        node.weight = self.weight("weight")?;
        node.sources = self.list("sources");
        node.deadline = self.deadline("deadline", "deadline_written_on", "deadline_source")?;
        node.extra = self.extra.clone();
        Ok(())
    }

    /// Whether the `anchor` column is filled in; when it is blank, its dependent columns
    /// must be too (a date without the status it dates is a mistake, not nothing).
    fn filled_with(&self, anchor: &str, dependents: &[&str]) -> Result<bool, Error> {
        if !self.text(anchor).is_empty() {
            return Ok(true);
        }
        match dependents.iter().find(|col| !self.text(col).is_empty()) {
            Some(col) => Err(self.problem(
                ErrorCode::MissingField,
                anchor,
                format!("{col} is filled in but {anchor} is blank"),
            )),
            None => Ok(false),
        }
    }

    /// Two columns that go together (a value and its date): both or neither, else a
    /// `missing_field` error at the blank one.
    fn paired<A, B>(
        &self,
        a: (Option<A>, &str),
        b: (Option<B>, &str),
    ) -> Result<Option<(A, B)>, Error> {
        match (a, b) {
            ((None, _), (None, _)) => Ok(None),
            ((Some(a), _), (Some(b), _)) => Ok(Some((a, b))),
            ((Some(_), a), (None, b)) | ((None, b), (Some(_), a)) => {
                Err(self.problem(ErrorCode::MissingField, b, format!("{a} needs a {b}")))
            }
        }
    }

    fn text(&self, column: &str) -> &str {
        self.cells.get(column).map_or("", String::as_str)
    }

    fn problem(&self, code: ErrorCode, column: &str, message: String) -> Error {
        Error::format(Problem::new(
            code,
            Location::line(self.file, self.line).with_field(column),
            message,
        ))
    }

    fn required(&self, column: &str) -> Result<&str, Error> {
        let v = self.text(column);
        if v.is_empty() {
            Err(self.problem(
                ErrorCode::MissingField,
                column,
                format!("{column} is empty"),
            ))
        } else {
            Ok(v)
        }
    }

    fn date(&self, column: &str) -> Result<NaiveDate, Error> {
        let v = self.required(column)?;
        parse_iso_date(v).map_err(|m| self.problem(ErrorCode::InvalidDate, column, m))
    }

    fn opt_date(&self, column: &str) -> Result<Option<NaiveDate>, Error> {
        match self.text(column) {
            "" => Ok(None),
            v => parse_iso_date(v)
                .map(Some)
                .map_err(|m| self.problem(ErrorCode::InvalidDate, column, m)),
        }
    }

    fn number(&self, column: &str, text: &str) -> Result<f64, Error> {
        match text.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => Err(self.problem(
                ErrorCode::InvalidNumber,
                column,
                format!("{text:?} is not a finite number"),
            )),
        }
    }

    fn opt_number(&self, column: &str) -> Result<Option<f64>, Error> {
        match self.text(column) {
            "" => Ok(None),
            v => self.number(column, v).map(Some),
        }
    }

    fn weight(&self, column: &str) -> Result<f64, Error> {
        Ok(self.opt_number(column)?.unwrap_or(1.0))
    }

    fn list(&self, column: &str) -> Vec<String> {
        match self.text(column) {
            "" => Vec::new(),
            v => v.split(';').map(|s| s.trim().to_owned()).collect(),
        }
    }

    fn deadline(
        &self,
        phrase: &str,
        written_on: &str,
        source: &str,
    ) -> Result<Option<DeadlineText>, Error> {
        if !self.filled_with(phrase, &[written_on, source])? {
            return Ok(None);
        }
        Ok(Some(DeadlineText {
            phrase: self.text(phrase).to_owned(),
            written_on: self.date(written_on)?,
            source: match self.text(source) {
                "" => None,
                s => Some(s.to_owned()),
            },
        }))
    }

    fn parsed<T: std::str::FromStr>(&self, column: &str, what: &str) -> Result<T, Error>
    where
        T::Err: std::fmt::Display,
    {
        let v = self.required(column)?;
        v.parse().map_err(|e: T::Err| {
            self.problem(ErrorCode::UnknownValue, column, format!("{what}: {e}"))
        })
    }
}

/// Where each record came from, to report validation problems by file line and column.
#[derive(Default)]
struct Lines {
    files: [&'static str; 6],
    roadmap: u64,
    sources: Vec<u64>,
    nodes: Vec<u64>,
    updates: Vec<u64>,
    metrics: Vec<u64>,
    observations: Vec<Vec<u64>>,
}

impl Lines {
    fn locate(&self, item: Item, field: &str) -> Location {
        let (file, line) = match item {
            Item::Roadmap => (self.files[0], Some(self.roadmap)),
            Item::Source(i) => (self.files[1], self.sources.get(i).copied()),
            Item::Node(i) => (self.files[2], self.nodes.get(i).copied()),
            Item::Update(i) => (self.files[3], self.updates.get(i).copied()),
            Item::Metric(i) | Item::TrajectoryPoint(i, _) => {
                (self.files[4], self.metrics.get(i).copied())
            }
            Item::Observation(i, j) => (
                self.files[5],
                self.observations.get(i).and_then(|o| o.get(j)).copied(),
            ),
        };
        let column = match (item, field) {
            (Item::Node(_), "deadline.source") => "deadline_source",
            (Item::Metric(_), "baseline.value") => "baseline_value",
            (Item::Metric(_), "target.value") => "target_value",
            (Item::Metric(_), "target.deadline.source") => "target_source",
            (Item::TrajectoryPoint(..), _) => "trajectory",
            (Item::Update(_), "node") if file == "tracker.csv" => "id",
            (Item::Update(_), "date") if file == "tracker.csv" => "status_date",
            (Item::Update(_), f) if file == "tracker.csv" => match f {
                "source" => "status_source",
                "note" => "status_note",
                other => other,
            },
            (_, f) => f,
        };
        Location {
            file: Some(file.to_owned()),
            line,
            column: None,
            path: None,
            field: Some(column.to_owned()),
        }
    }
}

fn read_tables(t: &CsvTables) -> Result<(Roadmap, Lines), Error> {
    let mut lines = Lines {
        files: TABLE_FILES,
        ..Lines::default()
    };

    let table = Table::parse(
        "roadmap.csv",
        &t.roadmap,
        ROADMAP_COLUMNS,
        &["id", "title", "publisher", "published"],
    )?;
    let mut rows = table.rows.into_iter();
    let Some(row) = rows.next() else {
        return Err(Error::format(Problem::new(
            ErrorCode::Empty,
            Location::line("roadmap.csv", 2),
            "roadmap.csv has a header but no row",
        )));
    };
    if let Some(extra_row) = rows.next() {
        return Err(Error::format(Problem::new(
            ErrorCode::TooManyRows,
            Location::line("roadmap.csv", extra_row.line),
            "roadmap.csv holds exactly one row",
        )));
    }
    lines.roadmap = row.line;
    let mut roadmap = Roadmap::new(
        row.text("id"),
        row.text("title"),
        row.text("publisher"),
        row.date("published")?,
    );
    roadmap.summary = row.text("summary").to_owned();
    roadmap.extra = row.extra;

    for row in Table::parse("sources.csv", &t.sources, SOURCE_COLUMNS, &[])?.rows {
        roadmap.sources.push(Source {
            id: row.text("id").to_owned(),
            title: row.text("title").to_owned(),
            publisher: row.text("publisher").to_owned(),
            date: row.opt_date("date")?,
            url: row.text("url").to_owned(),
            extra: row.extra.clone(),
        });
        lines.sources.push(row.line);
    }

    for row in Table::parse(
        "nodes.csv",
        &t.nodes,
        NODE_COLUMNS,
        &["id", "kind", "title"],
    )?
    .rows
    {
        let mut node = Node::new(
            row.text("id"),
            row.parsed::<NodeKind>("kind", "kind")?,
            row.text("title"),
        );
        node.parent = match row.text("parent") {
            "" => None,
            p => Some(p.to_owned()),
        };
        row.node_details(&mut node)?;
        roadmap.nodes.push(node);
        lines.nodes.push(row.line);
    }

    for row in Table::parse("updates.csv", &t.updates, UPDATE_COLUMNS, &[])?.rows {
        roadmap.updates.push(StatusUpdate {
            node: row.required("node")?.to_owned(),
            date: row.date("date")?,
            status: row.text("status").to_owned(),
            source: row.text("source").to_owned(),
            note: row.text("note").to_owned(),
            delivered_on: row.opt_date("delivered_on")?,
            extra: row.extra.clone(),
        });
        lines.updates.push(row.line);
    }

    let mut metric_index = HashMap::new();
    for row in Table::parse("metrics.csv", &t.metrics, METRIC_COLUMNS, &[])?.rows {
        let mut metric = Metric::new(
            row.required("id")?,
            row.text("node"),
            row.text("title"),
            row.text("unit"),
        );
        metric.direction = match row.text("direction") {
            "" => Direction::default(),
            _ => row.parsed("direction", "direction")?,
        };
        let baseline = row.paired(
            (row.opt_number("baseline_value")?, "baseline_value"),
            (row.opt_date("baseline_date")?, "baseline_date"),
        )?;
        metric.baseline = baseline.map(|(value, date)| MetricPoint { date, value });
        let deadline = row.deadline("target_deadline", "target_written_on", "target_source")?;
        let target = row.paired(
            (row.opt_number("target_value")?, "target_value"),
            (deadline, "target_deadline"),
        )?;
        metric.target = target.map(|(value, deadline)| MetricTarget { value, deadline });
        for pair in row.list("trajectory") {
            let Some((date, value)) = pair.split_once('=') else {
                return Err(row.problem(
                    ErrorCode::WrongType,
                    "trajectory",
                    format!("{pair:?} is not DATE=VALUE"),
                ));
            };
            let date = parse_iso_date(date.trim())
                .map_err(|m| row.problem(ErrorCode::InvalidDate, "trajectory", m))?;
            let value = row.number("trajectory", value)?;
            metric.trajectory.push(MetricPoint { date, value });
        }
        metric.extra = row.extra.clone();
        // A repeated metric id is reported by validation; observations attach to the first.
        metric_index
            .entry(metric.id.clone())
            .or_insert(roadmap.metrics.len());
        roadmap.metrics.push(metric);
        lines.metrics.push(row.line);
        lines.observations.push(Vec::new());
    }

    for row in Table::parse(
        "observations.csv",
        &t.observations,
        OBSERVATION_COLUMNS,
        &[],
    )?
    .rows
    {
        let id = row.required("metric")?;
        let Some(&i) = metric_index.get(id) else {
            return Err(row.problem(
                ErrorCode::UnknownNode,
                "metric",
                format!("no metric has id {id:?}"),
            ));
        };
        let observation = Observation {
            date: row.date("date")?,
            value: row.number("value", row.required("value")?)?,
            source: row.text("source").to_owned(),
            note: row.text("note").to_owned(),
            extra: row.extra.clone(),
        };
        if let (Some(m), Some(l)) = (roadmap.metrics.get_mut(i), lines.observations.get_mut(i)) {
            m.observations.push(observation);
            l.push(row.line);
        }
    }
    Ok((roadmap, lines))
}
