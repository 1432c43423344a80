//! The tidy CSV tables: six files that together hold exactly what the JSON form holds
//! (JSON → model → CSV → model → JSON gives the same text). See `docs/formats.md`.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::dates::read_iso_date as parse_iso_date;
use crate::error::{Collector, Error, ErrorCode, Location, Problem};
use crate::io::{decode_utf8, io_error};
use crate::model::{
    Direction, Metric, MetricPoint, MetricTarget, Node, NodeKind, Observation, Roadmap, Source,
    StatusUpdate,
};

use super::cells::{
    deadline_cells, flag_cell, line32, opt_date, opt_evidence, Lines, NodeCells, ParsedTable,
    TableWriter,
};

/// The largest CSV table the loaders accept, in bytes (256 MiB): a larger file is refused
/// with [`ErrorCode::TooLarge`] before it is read.
pub const MAX_CSV_BYTES: usize = 256 * 1024 * 1024;

/// One of the six tidy tables.
///
/// Its name is the file's stem (`nodes`); [`Table::from_str`] also takes the file name
/// (`nodes.csv`) and refuses anything else with [`ErrorCode::UnknownValue`].
///
/// ```
/// use roadmap_tracker::io::Table;
/// let table: Table = "updates.csv".parse()?;
/// assert_eq!(table, Table::Updates);
/// assert_eq!(table.file_name(), "updates.csv");
/// assert_eq!(table.as_str(), "updates");
/// let err = "notes".parse::<Table>().unwrap_err();
/// assert_eq!(err.code(), roadmap_tracker::ErrorCode::UnknownValue);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    /// `roadmap.csv`: the roadmap's own fields, one row (required).
    Roadmap,
    /// `sources.csv`: one row per source.
    Sources,
    /// `nodes.csv`: one row per node, parents before children (required).
    Nodes,
    /// `updates.csv`: one row per status update.
    Updates,
    /// `metrics.csv`: one row per metric.
    Metrics,
    /// `observations.csv`: one row per metric observation.
    Observations,
}

impl Table {
    /// Every table, in the order they are read and written.
    pub const ALL: [Table; 6] = [
        Table::Roadmap,
        Table::Sources,
        Table::Nodes,
        Table::Updates,
        Table::Metrics,
        Table::Observations,
    ];

    /// The table's name: its file's stem (`nodes`).
    pub fn as_str(self) -> &'static str {
        match self {
            Table::Roadmap => "roadmap",
            Table::Sources => "sources",
            Table::Nodes => "nodes",
            Table::Updates => "updates",
            Table::Metrics => "metrics",
            Table::Observations => "observations",
        }
    }

    /// The table's file name (`nodes.csv`), as used in problem locations.
    pub fn file_name(self) -> &'static str {
        match self {
            Table::Roadmap => "roadmap.csv",
            Table::Sources => "sources.csv",
            Table::Nodes => "nodes.csv",
            Table::Updates => "updates.csv",
            Table::Metrics => "metrics.csv",
            Table::Observations => "observations.csv",
        }
    }

    /// Whether a directory of tables must hold this one (`roadmap.csv` and `nodes.csv`).
    pub fn is_required(self) -> bool {
        matches!(self, Table::Roadmap | Table::Nodes)
    }

    /// The columns the format defines for the table, in the order they are written.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Table::Roadmap => ROADMAP_COLUMNS,
            Table::Sources => SOURCE_COLUMNS,
            Table::Nodes => NODE_COLUMNS,
            Table::Updates => UPDATE_COLUMNS,
            Table::Metrics => METRIC_COLUMNS,
            Table::Observations => OBSERVATION_COLUMNS,
        }
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Table {
    type Err = Error;

    fn from_str(name: &str) -> Result<Table, Error> {
        let stem = name.strip_suffix(".csv").unwrap_or(name);
        Table::ALL
            .into_iter()
            .find(|t| t.as_str() == stem)
            .ok_or_else(|| {
                let file = format!("{stem}.csv");
                let files: Vec<&str> = Table::ALL.iter().map(|t| t.file_name()).collect();
                Error::format(Problem::new(
                    ErrorCode::UnknownValue,
                    Location::default().in_file(file.clone()),
                    format!("{file:?} is not one of the tables {}", files.join(", ")),
                ))
            })
    }
}

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
    "expectation",
];
const UPDATE_COLUMNS: &[&str] = &[
    "node",
    "date",
    "status",
    "source",
    "note",
    "delivered_on",
    "new_deadline",
    "new_deadline_written_on",
    "new_deadline_source",
];
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

impl CsvTables {
    /// The text of one table.
    ///
    /// ```
    /// # use roadmap_tracker::io::{CsvTables, Table};
    /// let t = CsvTables { nodes: "id\n".into(), ..CsvTables::default() };
    /// assert_eq!(t.get(Table::Nodes), "id\n");
    /// ```
    pub fn get(&self, table: Table) -> &str {
        match table {
            Table::Roadmap => &self.roadmap,
            Table::Sources => &self.sources,
            Table::Nodes => &self.nodes,
            Table::Updates => &self.updates,
            Table::Metrics => &self.metrics,
            Table::Observations => &self.observations,
        }
    }

    /// The text of one table, to fill in.
    ///
    /// ```
    /// # use roadmap_tracker::io::{CsvTables, Table};
    /// let mut tables = CsvTables::default();
    /// tables.get_mut("nodes".parse::<Table>()?).push_str("id,kind,title\n");
    /// assert_eq!(tables.nodes, "id,kind,title\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn get_mut(&mut self, table: Table) -> &mut String {
        match table {
            Table::Roadmap => &mut self.roadmap,
            Table::Sources => &mut self.sources,
            Table::Nodes => &mut self.nodes,
            Table::Updates => &mut self.updates,
            Table::Metrics => &mut self.metrics,
            Table::Observations => &mut self.observations,
        }
    }

    /// Every table with its text, in [`Table::ALL`] order.
    ///
    /// ```
    /// # use roadmap_tracker::Roadmap;
    /// let tables = Roadmap::uk_digital_2026().to_csv_tables()?;
    /// let names: Vec<&str> = tables.iter().map(|(t, _)| t.as_str()).collect();
    /// assert_eq!(names, ["roadmap", "sources", "nodes", "updates", "metrics", "observations"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (Table, &str)> + '_ {
        Table::ALL.into_iter().map(move |t| (t, self.get(t)))
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
        for (table, text) in self.iter() {
            let path = dir.join(table.file_name());
            std::fs::write(&path, text).map_err(|e| io_error(&path, e))?;
        }
        Ok(())
    }

    /// Read the tables from a directory. `roadmap.csv` and `nodes.csv` are required; a
    /// missing `sources.csv`, `updates.csv`, `metrics.csv` or `observations.csv` is empty.
    /// Files must be UTF-8 (a byte-order mark is ignored); the encoding problems of every
    /// table are reported together, each in the table's path (`out/uk/nodes.csv`).
    ///
    /// ```no_run
    /// # use roadmap_tracker::{io::CsvTables, Roadmap};
    /// let roadmap = Roadmap::from_csv_tables(&CsvTables::read_dir("out/uk")?)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read_dir(dir: impl AsRef<Path>) -> Result<CsvTables, Error> {
        let dir = dir.as_ref();
        let mut tables = CsvTables::default();
        let mut problems = Collector::new();
        for table in Table::ALL {
            let path = dir.join(table.file_name());
            match std::fs::read(&path) {
                Ok(bytes) => {
                    problems.take(tables.set_bytes(table, &bytes));
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && !table.is_required() => {}
                Err(e) => return Err(io_error(&path, e)),
            }
        }
        problems
            .finish()
            .map_err(|e| in_dir(e, dir))
            .map(|()| tables)
    }

    /// Set one table from raw bytes, which must be UTF-8 (a byte-order mark is kept and
    /// ignored on reading); the error names the file and line of the first bad byte.
    ///
    /// ```
    /// use roadmap_tracker::{io::{CsvTables, Table}, ErrorCode};
    /// let mut tables = CsvTables::default();
    /// tables.set_bytes(Table::Nodes, b"id,kind,title\nsvc,section,Services\n")?;
    /// assert!(tables.nodes.contains("Services"));
    /// let err = tables.set_bytes(Table::Nodes, b"id\ncaf\xe9\n").unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::Encoding);
    /// assert_eq!(err.location().line, Some(2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_bytes(&mut self, table: Table, bytes: &[u8]) -> Result<(), Error> {
        let file = table.file_name();
        if bytes.len() > MAX_CSV_BYTES {
            return Err(Error::format(Problem::new(
                ErrorCode::TooLarge,
                Location::default().in_file(file),
                format!(
                    "the table is {} bytes; the limit is {MAX_CSV_BYTES}",
                    bytes.len()
                ),
            )));
        }
        *self.get_mut(table) = decode_utf8(bytes, Some(file))?.to_owned();
        Ok(())
    }
}

impl Roadmap {
    /// Write the roadmap as tidy CSV tables, every cell through the formula guard
    /// (`docs/formats.md`).
    ///
    /// Nothing is written that [`Roadmap::from_csv_tables`] would not give back: a roadmap
    /// that does not validate is refused with its validation error, and an `extra` field
    /// with an empty key, a key that is one of the table's columns or an empty value with
    /// `missing_field`, `duplicate_column` or `blank_field`.
    ///
    /// ```
    /// use roadmap_tracker::Roadmap;
    /// let tables = Roadmap::uk_digital_2026().to_csv_tables()?;
    /// assert!(tables.roadmap.contains("uk-digital-2026"));
    /// assert!(tables.updates.starts_with("node,date,status,source,note,delivered_on"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_csv_tables(&self) -> Result<CsvTables, Error> {
        // Its loader validates: write nothing it would refuse.
        self.validate_structure()?;
        let mut roadmap = TableWriter::new("roadmap.csv", ROADMAP_COLUMNS, [&self.extra])?;
        let published = self.published.to_string();
        roadmap.row(
            &[
                &self.id,
                &self.title,
                &self.publisher,
                &published,
                &self.summary,
            ],
            &self.extra,
        );

        let mut sources = TableWriter::new(
            "sources.csv",
            SOURCE_COLUMNS,
            self.sources.iter().map(|s| &s.extra),
        )?;
        for s in &self.sources {
            let date = opt_date(s.date);
            sources.row(&[&s.id, &s.title, &s.publisher, &date, &s.url], &s.extra);
        }

        let mut nodes = TableWriter::new(
            "nodes.csv",
            NODE_COLUMNS,
            self.nodes.iter().map(|n| &n.extra),
        )?;
        for n in &self.nodes {
            let details = NodeCells::new(n);
            let [title, summary, owners, tags, weight, sources, phrase, written_on, source] =
                details.cells();
            let cells = [
                &n.id,
                n.kind.as_str(),
                n.parent.as_deref().unwrap_or_default(),
                title,
                summary,
                owners,
                tags,
                weight,
                sources,
                phrase,
                written_on,
                source,
                flag_cell(n.expectation),
            ];
            nodes.row(&cells, &n.extra);
        }

        let mut updates = TableWriter::new(
            "updates.csv",
            UPDATE_COLUMNS,
            self.updates.iter().map(|u| &u.extra),
        )?;
        for u in &self.updates {
            let (phrase, written_on, source) = deadline_cells(u.new_deadline.as_ref());
            let (date, delivered_on) = (u.date.to_string(), opt_evidence(u.delivered_on));
            updates.row(
                &[
                    &u.node,
                    &date,
                    &u.status,
                    &u.source,
                    &u.note,
                    &delivered_on,
                    phrase,
                    &written_on,
                    source,
                ],
                &u.extra,
            );
        }

        let mut metrics = TableWriter::new(
            "metrics.csv",
            METRIC_COLUMNS,
            self.metrics.iter().map(|m| &m.extra),
        )?;
        let mut observations = TableWriter::new(
            "observations.csv",
            OBSERVATION_COLUMNS,
            self.metrics
                .iter()
                .flat_map(|m| m.observations.iter().map(|o| &o.extra)),
        )?;
        for m in &self.metrics {
            let (phrase, written_on, tsource) =
                deadline_cells(m.target.as_ref().map(|t| &t.deadline));
            let trajectory: Vec<String> = m
                .trajectory
                .iter()
                .map(|p| format!("{}={}", p.date, p.value))
                .collect();
            let baseline_value = m.baseline.map(|b| b.value.to_string()).unwrap_or_default();
            let baseline_date = m.baseline.map(|b| b.date.to_string()).unwrap_or_default();
            let target = (m.target.as_ref())
                .map(|t| t.target.to_string())
                .unwrap_or_default();
            let trajectory = trajectory.join(";");
            metrics.row(
                &[
                    &m.id,
                    &m.node,
                    &m.title,
                    &m.unit,
                    m.direction.as_str(),
                    &baseline_value,
                    &baseline_date,
                    &target,
                    phrase,
                    &written_on,
                    tsource,
                    &trajectory,
                ],
                &m.extra,
            );
            for o in &m.observations {
                let (date, value) = (o.date.to_string(), o.value.to_string());
                observations.row(&[&m.id, &date, &value, &o.source, &o.note], &o.extra);
            }
        }

        Ok(CsvTables {
            roadmap: roadmap.finish(),
            sources: sources.finish(),
            nodes: nodes.finish(),
            updates: updates.finish(),
            metrics: metrics.finish(),
            observations: observations.finish(),
        })
    }

    /// Read a roadmap from its tidy CSV tables and validate it; validation problems are
    /// reported with the file, line and column they come from.
    ///
    /// ```
    /// use roadmap_tracker::{io::CsvTables, ErrorCode, Roadmap};
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

    /// [`Roadmap::from_csv_tables`] of tables read for it alone: their text is dropped
    /// before the roadmap is validated, so the two are never held with the index.
    pub(crate) fn from_owned_csv_tables(tables: CsvTables) -> Result<Roadmap, Error> {
        let (roadmap, lines) = read_tables(&tables)?;
        drop(tables);
        roadmap.validate_with(&|item, field| lines.locate(item, field))?;
        Ok(roadmap)
    }
}

/// The error with every problem located in a table (`nodes.csv`) located in that table's
/// path inside `dir` instead.
pub(crate) fn in_dir(error: Error, dir: &Path) -> Error {
    crate::io::relocate(error, |at| {
        if let Some(file) = &at.file {
            if let Ok(table) = file.parse::<Table>() {
                if file == table.file_name() {
                    at.file = Some(dir.join(file).display().to_string());
                }
            }
        }
    })
}

fn read_tables(t: &CsvTables) -> Result<(Roadmap, Lines), Error> {
    // Every table is read, and every problem of each collected, before any is reported.
    let mut problems = Collector::new();
    let mut lines = Lines::default();

    let mut first: Option<Roadmap> = None;
    let mut roadmap_rows = 0;
    let before = problems.count();
    let read = ParsedTable::each(
        "roadmap.csv",
        &t.roadmap,
        ROADMAP_COLUMNS,
        &["id", "title", "publisher", "published"],
        &mut problems,
        |row| {
            roadmap_rows += 1;
            match roadmap_rows {
                1 => {}
                2 => {
                    return Err(Error::format(Problem::new(
                        ErrorCode::TooManyRows,
                        Location::line("roadmap.csv", row.line),
                        "roadmap.csv holds exactly one row",
                    )))
                }
                _ => return Ok(()), // said once, on the second row
            }
            lines.roadmap = row.line;
            if let Some(published) = row.check(row.date("published")) {
                let mut roadmap = Roadmap::new(
                    row.text("id"),
                    row.text("title"),
                    row.text("publisher"),
                    published,
                );
                roadmap.summary = row.text("summary").to_owned();
                roadmap.extra = row.extra;
                first = Some(roadmap);
            }
            Ok(())
        },
    );
    if let Some(read) = problems.take(read) {
        if read.rows == 0 && problems.count() == before {
            problems.push(Problem::new(
                ErrorCode::Empty,
                Location::line("roadmap.csv", 2),
                "roadmap.csv has a header but no row",
            ));
        }
        read.keep_empty_columns(first.iter_mut().map(|r| &mut r.extra));
    }

    let mut sources = Vec::new();
    let read = ParsedTable::each(
        "sources.csv",
        &t.sources,
        SOURCE_COLUMNS,
        &[],
        &mut problems,
        |row| {
            sources.push(Source {
                id: row.text("id").to_owned(),
                title: row.text("title").to_owned(),
                publisher: row.text("publisher").to_owned(),
                date: row.check(row.opt_date("date")).flatten(),
                url: row.text("url").to_owned(),
                extra: row.extra.clone(),
            });
            lines.sources.push(line32(row.line));
            Ok(())
        },
    );
    if let Some(read) = problems.take(read) {
        read.keep_empty_columns(sources.iter_mut().map(|s| &mut s.extra));
    }

    let mut nodes = Vec::new();
    // (A fault the scan finds is reported once, by the reader below.)
    // Every row's node and line made in place, without doubling either list.
    if let Ok(records) = super::cells::scan_records("nodes.csv", &t.nodes) {
        nodes.reserve_exact(records);
        lines.nodes.reserve_exact(records);
    }
    let read = ParsedTable::each(
        "nodes.csv",
        &t.nodes,
        NODE_COLUMNS,
        &["id", "kind", "title"],
        &mut problems,
        |row| {
            let kind = row.check(row.parsed::<NodeKind>("kind"));
            let mut node = Node::new(
                row.text("id"),
                kind.unwrap_or(NodeKind::Section),
                row.text("title"),
            );
            node.parent = match row.text("parent") {
                "" => None,
                p => Some(p.into()),
            };
            row.node_details(&mut node);
            nodes.push(node);
            lines.nodes.push(line32(row.line));
            Ok(())
        },
    );
    if let Some(read) = problems.take(read) {
        read.keep_empty_columns(nodes.iter_mut().map(|n| &mut n.extra));
    }

    let mut updates = Vec::new();
    let read = ParsedTable::each(
        "updates.csv",
        &t.updates,
        UPDATE_COLUMNS,
        &[],
        &mut problems,
        |row| {
            let node = row.check(row.required("node"));
            let date = row.check(row.evidence_date("date"));
            let delivered_on = row.check(row.opt_evidence_date("delivered_on"));
            let new_deadline = row.check(row.deadline(
                "new_deadline",
                "new_deadline_written_on",
                "new_deadline_source",
            ));
            if let (Some(node), Some(date), Some(delivered_on), Some(new_deadline)) =
                (node, date, delivered_on, new_deadline)
            {
                updates.push(StatusUpdate {
                    node: node.to_owned(),
                    date,
                    status: row.text("status").to_owned(),
                    source: row.text("source").to_owned(),
                    note: row.text("note").to_owned(),
                    delivered_on,
                    new_deadline,
                    extra: row.extra.clone(),
                });
                lines.updates.push(line32(row.line));
            }
            Ok(())
        },
    );
    if let Some(read) = problems.take(read) {
        read.keep_empty_columns(updates.iter_mut().map(|u| &mut u.extra));
    }

    let mut metrics: Vec<Metric> = Vec::new();
    let mut metric_index = HashMap::new();
    let read = ParsedTable::each(
        "metrics.csv",
        &t.metrics,
        METRIC_COLUMNS,
        &[],
        &mut problems,
        |row| {
            let mut metric = Metric::new(
                row.check(row.required("id")).unwrap_or_default(),
                row.text("node"),
                row.text("title"),
                row.text("unit"),
            );
            metric.direction = match row.text("direction") {
                "" => Direction::default(),
                _ => row.check(row.parsed("direction")).unwrap_or_default(),
            };
            let baseline_value = row.check(row.opt_number("baseline_value"));
            let baseline_date = row.check(row.opt_date("baseline_date"));
            if let (Some(value), Some(date)) = (baseline_value, baseline_date) {
                let baseline =
                    row.check(row.paired((value, "baseline_value"), (date, "baseline_date")));
                metric.baseline = baseline
                    .flatten()
                    .map(|(value, date)| MetricPoint { date, value });
            }
            let deadline =
                row.check(row.deadline("target_deadline", "target_written_on", "target_source"));
            // A bare number is a trajectory target; the other types are in words ("at least 80").
            let aim = match row.text("target_value") {
                v if v.trim().contains(' ') => {
                    row.check(v.parse::<crate::target::Target>().map(Some).map_err(|e| {
                        row.problem(
                            ErrorCode::UnknownValue,
                            "target_value",
                            e.message().into_owned(),
                        )
                    }))
                }
                _ => row
                    .check(row.opt_number("target_value"))
                    .map(|v| v.map(crate::target::Target::trajectory)),
            };
            if let (Some(aim), Some(deadline)) = (aim, deadline) {
                let target =
                    row.check(row.paired((aim, "target_value"), (deadline, "target_deadline")));
                metric.target = target
                    .flatten()
                    .map(|(target, deadline)| MetricTarget { target, deadline });
            }
            for pair in row.list("trajectory") {
                let Some((date, value)) = pair.split_once('=') else {
                    row.check::<()>(Err(row.problem(
                        ErrorCode::WrongType,
                        "trajectory",
                        format!("{pair:?} is not DATE=VALUE"),
                    )));
                    continue;
                };
                let date = row.check(
                    parse_iso_date(date.trim())
                        .map_err(|m| row.problem(ErrorCode::InvalidDate, "trajectory", m)),
                );
                let value = row.check(row.number("trajectory", value));
                if let (Some(date), Some(value)) = (date, value) {
                    metric.trajectory.push(MetricPoint { date, value });
                }
            }
            metric.extra = row.extra.clone();
            // A repeated metric id is reported by validation; observations attach to the first.
            metric_index
                .entry(metric.id.clone())
                .or_insert(metrics.len());
            metrics.push(metric);
            lines.metrics.push(line32(row.line));
            lines.observations.push(Vec::new());
            Ok(())
        },
    );
    if let Some(read) = problems.take(read) {
        read.keep_empty_columns(metrics.iter_mut().map(|m| &mut m.extra));
    }

    let read = ParsedTable::each(
        "observations.csv",
        &t.observations,
        OBSERVATION_COLUMNS,
        &[],
        &mut problems,
        |row| {
            let id = row.required("metric")?;
            let Some(&i) = metric_index.get(id) else {
                return Err(row.problem(
                    ErrorCode::UnknownNode,
                    "metric",
                    format!("no metric has id {id:?}"),
                ));
            };
            let date = row.check(row.date("date"));
            let value = row.check(row.required("value").and_then(|v| row.number("value", v)));
            let (Some(date), Some(value)) = (date, value) else {
                return Ok(());
            };
            let observation = Observation {
                date,
                value,
                source: row.text("source").to_owned(),
                note: row.text("note").to_owned(),
                extra: row.extra.clone(),
            };
            if let (Some(m), Some(l)) = (metrics.get_mut(i), lines.observations.get_mut(i)) {
                m.observations.push(observation);
                l.push(line32(row.line));
            }
            Ok(())
        },
    );
    if let Some(read) = problems.take(read) {
        let observations = metrics.iter_mut().flat_map(|m| m.observations.iter_mut());
        read.keep_empty_columns(observations.map(|o| &mut o.extra));
    }

    problems.finish()?;
    // No problem was found, so the one roadmap row was read.
    let Some(mut roadmap) = first else {
        return Err(Error::format(Problem::new(
            ErrorCode::Empty,
            Location::line("roadmap.csv", 2),
            "roadmap.csv has a header but no row",
        )));
    };
    roadmap.sources = sources;
    roadmap.nodes = nodes;
    roadmap.updates = updates;
    roadmap.metrics = metrics;
    Ok((roadmap, lines))
}
