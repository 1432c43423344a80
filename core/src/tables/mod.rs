//! Table views: a roadmap's nodes, a history's scores and a report's commitments as lists
//! of flat records, and a flat sheet read from cells.
//!
//! Each view is a `Vec` of records that serialise to maps whose keys are the CSV column
//! names, known columns first, so a binding turns it into a DataFrame or an array of
//! objects as it is, without reshaping. Every record carries every column (absent values
//! are `null`), so the columns are the same for every row.
//!
//! [`Columns`] is the same kind of table by column: one typed vector per field, built from
//! any slice of flat records, for a binding that builds a DataFrame or typed arrays.

use serde::ser::{Serialize, SerializeMap, Serializer};

mod columns;
mod deadlines;
mod view;
pub use columns::{Column, Columns, Strings};
pub use deadlines::{DeadlineColumn, DeadlineTable, Offsets};
pub use view::{ColumnType, Frame, Source, View};

use crate::dates::Iso;
use crate::error::{Error, Location};
use crate::io::relocate;
use crate::model::{Extra, Node, NodeKind, Roadmap};
use crate::report::{Report, ReportNode};
use crate::score::{ScoreKind, ScorePoint};
use crate::status::History;

/// One row of [`Roadmap::node_rows`]: a node with every column of `nodes.csv`, defaults
/// included, then its extra fields.
///
/// Serialised keys: `id`, `kind`, `parent`, `title`, `summary`, `owners`, `tags` and
/// `sources` (lists), `weight`, `deadline` (the phrase), `deadline_written_on`,
/// `deadline_source`, `expectation` (a boolean), then each extra field whose name is not
/// one of those.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeRow<'a> {
    /// The node.
    pub node: &'a Node,
}

impl Serialize for NodeRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = self.node;
        let d = n.deadline.as_ref();
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("id", &n.id)?;
        map.serialize_entry("kind", &n.kind)?;
        map.serialize_entry("parent", &n.parent)?;
        map.serialize_entry("title", &n.title)?;
        map.serialize_entry("summary", &n.summary)?;
        map.serialize_entry("owners", &n.owners)?;
        map.serialize_entry("tags", &n.tags)?;
        map.serialize_entry("weight", &n.weight)?;
        map.serialize_entry("sources", &n.sources)?;
        map.serialize_entry("deadline", &d.map(|d| d.phrase.as_str()))?;
        map.serialize_entry("deadline_written_on", &d.map(|d| Iso(d.written_on)))?;
        map.serialize_entry("deadline_source", &d.and_then(|d| d.source.as_deref()))?;
        map.serialize_entry("expectation", &n.expectation)?;
        extras(&mut map, &n.extra, crate::io::Table::Nodes.columns())?;
        map.end()
    }
}

/// The extra fields, except any that would hide a known column.
fn extras<M: SerializeMap>(map: &mut M, extra: &Extra, known: &[&str]) -> Result<(), M::Error> {
    for (k, v) in extra {
        if !known.contains(&k.as_str()) {
            map.serialize_entry(k, v)?;
        }
    }
    Ok(())
}

impl Roadmap {
    /// The nodes as table rows, parents before children ([`NodeRow`]): the columns of
    /// `nodes.csv`, with `deadline` for the phrase.
    ///
    /// ```
    /// use roadmap_tracker::Roadmap;
    /// let roadmap = Roadmap::uk_digital_2026();
    /// let rows = roadmap.node_rows();
    /// let first = serde_json::to_value(rows[0])?;
    /// assert_eq!(first["kind"], "section");
    /// assert_eq!(first["weight"], 1.0);
    /// assert_eq!(first["deadline"], serde_json::Value::Null);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn node_rows(&self) -> Vec<NodeRow<'_>> {
        self.nodes.iter().map(|node| NodeRow { node }).collect()
    }

    /// Read a flat sheet given as cells: `header` names the columns (those of
    /// [`FLAT_COLUMNS`](crate::io::FLAT_COLUMNS), and any others, which become extra fields), each row holds one
    /// cell per column as text (empty for absent). The rest is
    /// [`Roadmap::from_flat_csv`], whose metadata and sources come from `base`.
    ///
    /// A row with a `deadline` but no `deadline_written_on` (the column empty or absent)
    /// has the deadline written on the base's `published` date: the roadmap is the
    /// document that wrote it.
    ///
    /// Cells are taken as they are (a leading apostrophe or `=` is kept). Problems are
    /// located by row, not by CSV line: a problem in a row has the path `rows[i]` (`i` from
    /// 0, the position in `rows`) and the column's header as its field; a problem with the
    /// header has the path `header`. Every problem is reported at once; a row with more or
    /// fewer cells than the header is a `ragged_row` error at that row, and the cells are
    /// read only when no row is ragged.
    ///
    /// ```
    /// use roadmap_tracker::{ErrorCode, Roadmap};
    /// use chrono::NaiveDate;
    /// let base = Roadmap::new("plan", "Plan", "Us", NaiveDate::from_ymd_opt(2026, 1, 19).unwrap());
    /// let header = ["section", "area", "id", "title", "status", "status_date"];
    /// let row = |cells: [&str; 6]| cells.map(str::to_owned).to_vec();
    /// let rows = vec![
    ///     row(["Services", "Front door", "portal", "Launch a portal", "in progress", "2026-06-04"]),
    ///     row(["Services", "Front door", "app", "Ship an app", "done", "2026-13-01"]),
    /// ];
    /// let err = Roadmap::from_flat_rows(&header, rows.clone(), base.clone()).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::InvalidDate);
    /// assert_eq!(err.location().path.as_deref(), Some("rows[1]"));
    /// assert_eq!(err.location().field.as_deref(), Some("status_date"));
    /// assert_eq!(err.location().line, None);
    /// let ok = Roadmap::from_flat_rows(&header, rows.into_iter().take(1), base)?;
    /// assert_eq!(ok.updates[0].status, "in progress");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_flat_rows<R>(
        header: &[&str],
        rows: impl IntoIterator<Item = R>,
        base: Roadmap,
    ) -> Result<Roadmap, Error>
    where
        R: AsRef<[String]>,
    {
        read_rows(header, rows, None, base)
    }

    /// [`Roadmap::from_flat_rows`] with each row named by a label of the caller's (a
    /// DataFrame's index label, say): a problem in row `i` has the path `rows[L]`, where
    /// `L` is `labels[i]` exactly as given, in place of `rows[i]`. The labels are text so
    /// that each caller writes them as its users write them (`'D7'`, `7`).
    ///
    /// There must be one label per row, or it is an
    /// [`invalid_argument`](crate::ErrorCode::InvalidArgument) error for `labels`.
    ///
    /// ```
    /// use roadmap_tracker::{ErrorCode, Roadmap};
    /// use chrono::NaiveDate;
    /// let base = Roadmap::new("plan", "Plan", "Us", NaiveDate::from_ymd_opt(2026, 1, 19).unwrap());
    /// let header = ["section", "area", "id", "title", "status", "status_date"];
    /// let row = |cells: [&str; 6]| cells.map(str::to_owned).to_vec();
    /// let rows = vec![
    ///     row(["Services", "Front door", "portal", "Launch a portal", "in progress", "2026-06-04"]),
    ///     row(["Services", "Front door", "app", "Ship an app", "done", "2026-13-01"]),
    /// ];
    /// let labels = ["'D6'", "'D7'"];
    /// let err = Roadmap::from_labelled_flat_rows(&header, &rows, &labels, base.clone()).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::InvalidDate);
    /// assert_eq!(err.location().path.as_deref(), Some("rows['D7']"));
    /// assert_eq!(err.location().field.as_deref(), Some("status_date"));
    ///
    /// let err = Roadmap::from_labelled_flat_rows(&header, &rows, &labels[..1], base).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::InvalidArgument);
    /// assert_eq!(err.location().path.as_deref(), Some("labels"));
    /// ```
    pub fn from_labelled_flat_rows<R, L>(
        header: &[&str],
        rows: impl IntoIterator<Item = R>,
        labels: &[L],
        base: Roadmap,
    ) -> Result<Roadmap, Error>
    where
        R: AsRef<[String]>,
        L: AsRef<str>,
    {
        let labels: Vec<&str> = labels.iter().map(AsRef::as_ref).collect();
        read_rows(header, rows, Some(&labels), base)
    }
}

/// The path that locates row `i` of [`Roadmap::from_flat_rows`] (`rows[i]`) or of
/// [`Roadmap::from_labelled_flat_rows`] (`rows[L]`, `L` its label), for a caller that
/// refuses a cell before handing the rows over.
///
/// ```
/// use roadmap_tracker::tables::flat_row_path;
/// assert_eq!(flat_row_path::<&str>(2, None), "rows[2]");
/// assert_eq!(flat_row_path(1, Some(&["'a'", "'b'"][..])), "rows['b']");
/// ```
pub fn flat_row_path<L: AsRef<str>>(i: usize, labels: Option<&[L]>) -> String {
    match labels.and_then(|l| l.get(i)) {
        Some(label) => format!("rows[{}]", label.as_ref()),
        None => format!("rows[{i}]"),
    }
}

/// The flat sheet of `rows`, its problems located by row (`rows[i]`, or `rows[label]`).
fn read_rows<R: AsRef<[String]>>(
    header: &[&str],
    rows: impl IntoIterator<Item = R>,
    labels: Option<&[&str]>,
    base: Roadmap,
) -> Result<Roadmap, Error> {
    let name = |i: usize| flat_row_path(i, labels);
    let (text, first_lines, count) = flat_text(header, rows, &name, base.published)?;
    if let Some(labels) = labels.filter(|l| l.len() != count) {
        return Err(Error::evaluation(crate::error::Problem::new(
            crate::error::ErrorCode::InvalidArgument,
            Location::path("labels"),
            format!(
                "{} labels for {count} rows: give one label per row",
                labels.len()
            ),
        )));
    }
    Roadmap::from_flat_csv(&text, base).map_err(|e| {
        relocate(e, |at| {
            let row = match at.line {
                Some(1) => Some("header".to_owned()),
                Some(line) => first_lines
                    .partition_point(|&first| first <= line)
                    .checked_sub(1)
                    .map(name),
                None => None,
            };
            if let Some(row) = row {
                *at = Location {
                    path: Some(row),
                    field: at.field.take(),
                    ..Location::default()
                };
            }
        })
    })
}

/// The cells as flat CSV text, with the first line of each row and the number of rows.
fn flat_text<R: AsRef<[String]>>(
    header: &[&str],
    rows: impl IntoIterator<Item = R>,
    name: &dyn Fn(usize) -> String,
    published: chrono::NaiveDate,
) -> Result<(String, Vec<u64>, usize), Error> {
    use crate::error::{ErrorCode, Problem};
    // A deadline without its date was written in the roadmap itself: on `published`.
    let deadline = header.iter().position(|h| *h == "deadline");
    let given = header.iter().position(|h| *h == "deadline_written_on");
    let mut full: Vec<&str> = header.to_vec();
    if deadline.is_some() && given.is_none() {
        full.push("deadline_written_on");
    }
    let written = given.unwrap_or(header.len());
    let published = published.to_string();
    let mut writer = crate::io::FlatWriter::new(&full);
    let mut first_lines = Vec::new();
    // Every ragged row is reported; the cells are read only when there is none.
    let mut ragged = crate::error::Collector::new();
    let mut count = 0;
    for (i, row) in rows.into_iter().enumerate() {
        count = i + 1;
        let row = row.as_ref();
        if row.len() != header.len() {
            ragged.push(Problem::new(
                ErrorCode::RaggedRow,
                Location::path(name(i)),
                format!(
                    "the row has {} cells but the header has {}",
                    row.len(),
                    header.len()
                ),
            ));
            continue;
        }
        if !ragged.is_empty() {
            continue;
        }
        first_lines.push(writer.line());
        let phrase = deadline.and_then(|at| row.get(at)).map_or("", |p| p.trim());
        let date = row.get(written).map_or("", |d| d.trim());
        if full.len() == header.len() && (phrase.is_empty() || !date.is_empty()) {
            writer.row(row);
        } else {
            let mut cells = row.to_vec();
            cells.resize(full.len(), String::new());
            if let (false, Some(cell)) = (
                phrase.is_empty() || !date.is_empty(),
                cells.get_mut(written),
            ) {
                cell.clone_from(&published);
            }
            writer.row(&cells);
        }
    }
    ragged.finish()?;
    Ok((writer.finish(), first_lines, count))
}

/// One row of [`History::score_rows`]: a scored node on one date.
///
/// Serialised keys: `node` (`null` for the roadmap), `kind`, then the point's `date`,
/// `score`, `rag`, `counts`, `total`, `counted`, `due`, `met_on_time`,
/// `met_on_time_share`.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct ScoreHistoryRow<'h> {
    /// The node's id; `None` for the roadmap.
    pub node: Option<&'h str>,
    /// The node's level.
    pub kind: ScoreKind,
    /// The score on that date.
    #[serde(flatten)]
    pub point: &'h ScorePoint,
}

impl History {
    /// The scores' long form: one row per date and scored node, by date, and on each date
    /// in the order of [`History::scores`] (the roadmap first).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use roadmap_tracker::{status::{Evaluator, Rules, Step}, Roadmap};
    /// let roadmap = Roadmap::uk_digital_2026();
    /// let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    /// let history = Evaluator::new(roadmap, Rules::default())?
    ///     .history(Some(day(2, 1)), day(4, 1), Step::Monthly)?;
    /// let rows = history.score_rows();
    /// assert_eq!(rows.len(), 3 * history.scores.len());
    /// assert_eq!((rows[0].node, rows[0].point.date), (None, day(2, 1)));
    /// assert_eq!(rows[history.scores.len()].point.date, day(3, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn score_rows(&self) -> Vec<ScoreHistoryRow<'_>> {
        let mut rows: Vec<ScoreHistoryRow<'_>> = self
            .scores
            .iter()
            .flat_map(|series| {
                series.points.iter().map(move |point| ScoreHistoryRow {
                    node: series.node.as_deref(),
                    kind: series.kind,
                    point,
                })
            })
            .collect();
        // Stable: on one date, the series keep their order.
        crate::sort::sort_by_key(&mut rows, |r| (crate::sort::day(r.point.date), 0));
        rows
    }
}

/// One row of [`Report::table_rows`]: a commitment or milestone with the groups above it.
///
/// Serialised keys: the columns of the report's CSV form (`section`, `subcategory`,
/// `area` as titles, `id`, `kind`, `title`, `owners` (a list), `deadline`,
/// `deadline_kind`, `earliest`, `latest`, `deadline_state`, `days`, `status`, `rag`,
/// `reported`, `update_date`, `rule`, `reason`), then `section_id`, `subcategory_id`,
/// `area_id`, `parent` (the commitment above a milestone) and `deadline_written_on` (as in
/// `nodes.csv`: the deadline's date, which with the phrase reads the deadline again), and
/// after a re-plan the new deadline judged in its place: `new_deadline` (the phrase),
/// `new_earliest`, `new_latest`, `new_deadline_written_on`.
#[derive(Clone, Copy, Debug)]
pub struct ReportTableRow<'r> {
    /// The section.
    pub section: &'r ReportNode,
    /// The sub-category, if the node is in one.
    pub subcategory: Option<&'r ReportNode>,
    /// The area.
    pub area: Option<&'r ReportNode>,
    /// The commitment above a milestone.
    pub parent: Option<&'r ReportNode>,
    /// The commitment or milestone.
    pub node: &'r ReportNode,
}

impl Serialize for ReportTableRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let n = self.node;
        let d = n.deadline.as_ref();
        let st = n.status.as_ref();
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("section", &self.section.title)?;
        map.serialize_entry("subcategory", group_title(self.subcategory))?;
        map.serialize_entry("area", group_title(self.area))?;
        map.serialize_entry("id", &n.id)?;
        map.serialize_entry("kind", &n.kind)?;
        map.serialize_entry("title", &n.title)?;
        map.serialize_entry("owners", &n.owners)?;
        map.serialize_entry("deadline", &d.map(|d| d.phrase.as_str()))?;
        map.serialize_entry("deadline_kind", &d.map(|d| d.kind))?;
        map.serialize_entry("earliest", &d.and_then(|d| d.earliest).map(Iso))?;
        map.serialize_entry("latest", &d.and_then(|d| d.latest).map(Iso))?;
        map.serialize_entry("deadline_state", &st.map(|s| s.deadline_state))?;
        map.serialize_entry("days", &st.and_then(|s| s.days))?;
        map.serialize_entry("status", &st.map(|s| s.status))?;
        map.serialize_entry("rag", &st.map(|s| s.rag))?;
        map.serialize_entry("reported", &st.and_then(|s| s.label()))?;
        map.serialize_entry("update_date", &st.and_then(|s| s.update_date))?;
        map.serialize_entry("rule", &st.map(|s| s.rule))?;
        map.serialize_entry("reason", &st.map(|s| s.reason()))?;
        map.serialize_entry("section_id", &self.section.id)?;
        map.serialize_entry("subcategory_id", &group_id(self.subcategory))?;
        map.serialize_entry("area_id", &group_id(self.area))?;
        map.serialize_entry("parent", &group_id(self.parent))?;
        map.serialize_entry("deadline_written_on", &d.map(|d| Iso(d.written_on)))?;
        let new = n.new_deadline.as_ref();
        map.serialize_entry("new_deadline", &new.map(|d| d.phrase.as_str()))?;
        map.serialize_entry("new_earliest", &new.and_then(|d| d.earliest).map(Iso))?;
        map.serialize_entry("new_latest", &new.and_then(|d| d.latest).map(Iso))?;
        map.serialize_entry("new_deadline_written_on", &new.map(|d| Iso(d.written_on)))?;
        map.end()
    }
}

fn group_title(g: Option<&ReportNode>) -> &str {
    g.map_or("", |g| g.title.as_str())
}

fn group_id(g: Option<&ReportNode>) -> Option<&str> {
    g.map(|g| g.id.as_str())
}

impl Report {
    /// Every commitment and milestone in roadmap order with its section, sub-category,
    /// area and (for a milestone) commitment: the rows of the report's CSV form, with the
    /// groups' ids too ([`ReportTableRow`]).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use roadmap_tracker::{status::{Evaluator, Rules}, Roadmap};
    /// let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    /// let report = Evaluator::new(Roadmap::uk_digital_2026(), Rules::default())?.report(as_of, None);
    /// let rows = report.table_rows();
    /// assert_eq!(rows.len(), report.rows().len());
    /// let row = serde_json::to_value(rows[0])?;
    /// assert_eq!(row["section_id"], report.sections[0].id.as_str());
    /// assert_eq!(row["section"], report.sections[0].title.as_str());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn table_rows(&self) -> Vec<ReportTableRow<'_>> {
        let mut out = Vec::new();
        for section in &self.sections {
            let at = ReportTableRow {
                section,
                subcategory: None,
                area: None,
                parent: None,
                node: section,
            };
            walk(section, at, &mut out);
        }
        out
    }
}

fn walk<'r>(node: &'r ReportNode, at: ReportTableRow<'r>, out: &mut Vec<ReportTableRow<'r>>) {
    for child in &node.children {
        let mut here = at;
        match child.kind {
            NodeKind::Subcategory => here.subcategory = Some(child),
            NodeKind::Area => here.area = Some(child),
            _ => {}
        }
        if child.kind.is_trackable() {
            out.push(ReportTableRow {
                node: child,
                ..here
            });
            here.parent = Some(child);
        }
        walk(child, here, out);
    }
}
