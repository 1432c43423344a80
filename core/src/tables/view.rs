//! Named table views ([`View`]) and flat typed tables ([`Frame`]).
//!
//! Every table a binding offers (`to_dataframe("scores")` in Python) is a [`View`]: its
//! name, the object it is read from ([`Source`]) and the columns that hold the core's codes
//! are decided here once. [`Frame::from_records`] flattens any list of records into one
//! table whose column names and types are the core's, so a binding builds its native table
//! (a DataFrame, an array of objects) without renaming, guessing or reshaping.

use std::borrow::Cow;

use serde::Serialize;

use super::Offsets;
use crate::error::Error;
use crate::names::names;
use crate::value::{to_value, Value};

/// A table a binding can show, by name.
///
/// ```
/// use roadmap_tracker::tables::{Source, View};
/// let view: View = "score_history".parse()?;
/// assert_eq!((view, view.source()), (View::ScoreHistory, Source::History));
/// let err = "stats".parse::<View>().unwrap_err();
/// assert_eq!(err.code().as_str(), "unknown_value");
/// assert_eq!(View::of(Source::Evaluation), [View::Statuses, View::Scores, View::Metrics]);
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum View {
    /// A roadmap's nodes ([`crate::Roadmap::node_rows`]).
    Nodes,
    /// A roadmap's status updates.
    Updates,
    /// The derived status of every commitment and milestone on one date.
    Statuses,
    /// The scores of the roadmap and every section, sub-category and area on one date.
    Scores,
    /// Every metric on one date, its error when it cannot be scored.
    Metrics,
    /// A history's long form: one row per date and commitment ([`crate::status::History::rows`]).
    History,
    /// A history's scores: one row per date and scored node.
    ScoreHistory,
    /// What changed between two dates: one row per commitment whose status changed.
    Changes,
    /// A report's rows ([`crate::report::Report::table_rows`]).
    Report,
    /// A sheet's rows, as mapped.
    Rows,
    /// A sheet's problem report.
    Problems,
}

names! { View, "table" {
    Nodes => "nodes", Updates => "updates", Statuses => "statuses", Scores => "scores",
    Metrics => "metrics", History => "history", ScoreHistory => "score_history",
    Changes => "changes", Report => "report", Rows => "rows", Problems => "problems",
} }

/// What a [`View`] is read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Source {
    /// A roadmap.
    Roadmap,
    /// An evaluation (a roadmap as of a date).
    Evaluation,
    /// A history (a roadmap over a series of dates).
    History,
    /// The changes between two dates.
    Changes,
    /// A report.
    Report,
    /// A sheet read as it is.
    Sheet,
}

impl View {
    /// The object the view is read from.
    pub fn source(self) -> Source {
        match self {
            View::Nodes | View::Updates => Source::Roadmap,
            View::Statuses | View::Scores | View::Metrics => Source::Evaluation,
            View::History | View::ScoreHistory => Source::History,
            View::Changes => Source::Changes,
            View::Report => Source::Report,
            View::Rows | View::Problems => Source::Sheet,
        }
    }

    /// The views read from `source`, in declaration order.
    pub fn of(source: Source) -> Vec<View> {
        View::ALL
            .into_iter()
            .filter(|v| v.source() == source)
            .collect()
    }

    /// The columns that hold the core's codes (kinds, statuses, ratings, rules): a small
    /// set of names each, which a binding may store as categories.
    pub fn codes(self) -> &'static [&'static str] {
        match self {
            View::Nodes => &["kind"],
            View::Updates => &["status"],
            View::Statuses => &["kind", "status", "rag", "deadline_state", "rule"],
            View::Scores | View::ScoreHistory => &["kind", "rag"],
            View::Metrics => &["direction", "rag", "status", "trend", "error_code"],
            View::History => &["kind", "status", "rag", "rule"],
            View::Changes => &["kind", "from", "to", "from_rag", "to_rag", "rule"],
            View::Report => &[
                "kind",
                "deadline_kind",
                "deadline_state",
                "status",
                "rag",
                "rule",
            ],
            View::Rows => &[],
            View::Problems => &["severity", "code"],
        }
    }

    /// The columns that hold dates whenever they hold anything: typed
    /// [`ColumnType::Date`] even when every value is null, so a table with no deadlines
    /// still has date columns (NaT in pandas, not `object`).
    pub fn dates(self) -> &'static [&'static str] {
        match self {
            View::Nodes => &["deadline_written_on"],
            View::Report => &[
                "earliest",
                "latest",
                "deadline_written_on",
                "new_earliest",
                "new_latest",
                "new_deadline_written_on",
            ],
            _ => &[],
        }
    }

    /// The columns the view has even with no rows (more may follow when there are rows).
    pub fn leading_columns(self) -> &'static [&'static str] {
        match self {
            View::Nodes => crate::io::Table::Nodes.columns(),
            View::Statuses => &["node", "kind", "status", "rag", "deadline_state", "days"],
            View::Scores | View::ScoreHistory => &["node", "kind", "score", "rag", "total"],
            View::Metrics => &["metric", "node", "as_of", "progress", "rag", "reason"],
            View::History => &["date", "node", "kind", "status", "rag", "rule", "due"],
            View::Changes => &["node", "kind", "from", "to", "from_rag", "to_rag", "rule"],
            View::Report => &["section", "subcategory", "area", "id", "kind", "title"],
            View::Problems => &crate::spreadsheet::PROBLEM_COLUMNS,
            View::Updates | View::Rows => &[],
        }
    }
}

/// The type of a [`Frame`]'s column: that of its non-null values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ColumnType {
    /// Every value is null.
    Null,
    /// Booleans.
    Bool,
    /// Integers.
    Int,
    /// Numbers: floating-point, or integers and floating-point mixed.
    Float,
    /// Free text.
    Text,
    /// One of the core's codes (see [`View::codes`]).
    Code,
    /// Dates (the crate's dates, known by their type).
    Date,
    /// Lists (of scalars), kept as lists.
    List,
    /// Values of more than one type (kept as they are).
    Mixed,
}

names! { ColumnType, "column type" {
    Null => "null", Bool => "bool", Int => "int", Float => "float", Text => "text",
    Code => "code", Date => "date", List => "list", Mixed => "mixed",
} }

impl ColumnType {
    fn of(value: &Value) -> ColumnType {
        match value {
            Value::Null => ColumnType::Null,
            Value::Bool(_) => ColumnType::Bool,
            Value::Int(_) => ColumnType::Int,
            Value::Float(_) => ColumnType::Float,
            Value::Str(_) => ColumnType::Text,
            Value::Date(_) => ColumnType::Date,
            Value::List(_) => ColumnType::List,
            Value::Map(_) => ColumnType::Mixed,
        }
    }

    fn with(self, value: &Value) -> ColumnType {
        use ColumnType::{Float, Int, Mixed, Null};
        match (self, ColumnType::of(value)) {
            (t, Null) => t,
            (Null, t) => t,
            (Int, Float) | (Float, Int) => Float,
            (a, b) if a == b => a,
            _ => Mixed,
        }
    }
}

/// A flat table: column names, one type per column, and rows of plain values.
///
/// Nested records are flattened one level at a time: the field `deadline` holding
/// `{"phrase": …, "source": …}` becomes the columns `deadline_phrase` and
/// `deadline_source`; the keys of an `extra` map (fields the format does not define) are
/// kept as they are, unless that would hide another column, when they are `extra_` and
/// the key. Lists stay lists. A record without a column has a null there. No value is
/// dropped or changed.
///
/// ```
/// use roadmap_tracker::tables::{ColumnType, Frame, View};
/// use roadmap_tracker::value::Value;
/// use std::collections::BTreeMap;
/// #[derive(serde::Serialize)]
/// struct Due { phrase: &'static str, days: i64 }
/// #[derive(serde::Serialize)]
/// struct Row { id: &'static str, deadline: Option<Due>, tags: Vec<&'static str>, extra: BTreeMap<&'static str, u8> }
/// let records = [
///     Row { id: "a", deadline: Some(Due { phrase: "by 2027", days: 3 }), tags: vec!["x"],
///           extra: BTreeMap::from([("id", 1), ("note", 2)]) },
///     Row { id: "b", deadline: None, tags: vec![], extra: BTreeMap::new() },
/// ];
/// let table = Frame::from_records(&records, None)?;
/// // `id` in `extra` would hide the record's `id`.
/// assert_eq!(table.names(), ["id", "deadline_phrase", "deadline_days", "tags", "extra_id", "note"]);
/// assert_eq!(table.types()[2], ColumnType::Int);
/// assert_eq!(table.types()[3], ColumnType::List);
/// assert_eq!(table.rows()[1][1], Value::Null);
/// // An empty view still has its leading columns; codes are typed as codes.
/// let empty = Frame::from_records::<u8>(&[], Some(View::Changes))?;
/// assert_eq!(empty.names()[..3], ["node", "kind", "from"]);
/// assert_eq!(empty.types()[1], ColumnType::Code);
/// // A view's date column is a date column even when it holds no date.
/// #[derive(serde::Serialize)]
/// struct Open { id: &'static str, latest: Option<u8> }
/// let open = Frame::from_records(&[Open { id: "a", latest: None }], Some(View::Report))?;
/// let latest = open.names().iter().position(|n| n == "latest").unwrap();
/// assert_eq!(open.types()[latest], ColumnType::Date);
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Frame {
    names: Vec<String>,
    types: Vec<ColumnType>,
    rows: Vec<Vec<Value>>,
    /// Columns made from `extra` keys.
    extra: Vec<String>,
    /// Fields that held a map in some record (flattened into `field_…` columns).
    nested: Vec<String>,
}

impl Frame {
    /// The table of `records` (each serialising as a map or struct; anything else is one
    /// column named `value`), as the view `view` when given: its leading columns first and
    /// its code columns typed [`ColumnType::Code`].
    ///
    /// # Errors
    ///
    /// Only an error of a record's own `Serialize` (see [`to_value`]).
    pub fn from_records<T: Serialize>(records: &[T], view: Option<View>) -> Result<Frame, Error> {
        let values = records
            .iter()
            .map(to_value)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Frame::from_values(values, view))
    }

    /// The table of records already made [`Value`]s (see [`Frame::from_records`]).
    pub fn from_values(records: Vec<Value>, view: Option<View>) -> Frame {
        let leading = view.map_or(&[][..], View::leading_columns);
        Frame::with_columns(leading.iter().copied(), records, view)
    }

    /// [`Frame::from_values`] with the columns `leading` first, even with no rows.
    fn with_columns<'a>(
        leading: impl IntoIterator<Item = &'a str>,
        records: Vec<Value>,
        view: Option<View>,
    ) -> Frame {
        let mut table = Frame::default();
        for name in leading {
            table.column(name);
        }
        for record in records {
            let mut cells: Vec<(usize, Value)> = Vec::new();
            match record {
                Value::Map(entries) => table.flatten(entries, "", &mut cells),
                other => cells.push((table.column("value"), other)),
            }
            let mut row = vec![Value::Null; table.names.len()];
            for (at, value) in cells {
                if let (Some(slot), Some(t)) = (row.get_mut(at), table.types.get_mut(at)) {
                    *t = t.with(&value);
                    *slot = value;
                }
            }
            table.rows.push(row);
        }
        let width = table.names.len();
        for row in &mut table.rows {
            row.resize(width, Value::Null);
        }
        // A field that is a map in some records and null in others is all in its
        // `field_…` columns: its own column holds only nulls.
        let keep: Vec<bool> = (0..width)
            .map(|at| {
                let name = table.names.get(at);
                !(name.is_some_and(|n| table.nested.contains(n))
                    && table.types.get(at) == Some(&ColumnType::Null))
            })
            .collect();
        if keep.contains(&false) {
            let mut flags = keep.iter();
            table.names.retain(|_| flags.next() == Some(&true));
            let mut flags = keep.iter();
            table.types.retain(|_| flags.next() == Some(&true));
            for row in &mut table.rows {
                let mut flags = keep.iter();
                row.retain(|_| flags.next() == Some(&true));
            }
        }
        let codes = view.map_or(&[][..], View::codes);
        let dates = view.map_or(&[][..], View::dates);
        for (name, t) in table.names.iter().zip(&mut table.types) {
            if codes.contains(&name.as_str()) && matches!(*t, ColumnType::Text | ColumnType::Null) {
                *t = ColumnType::Code;
            } else if dates.contains(&name.as_str()) && *t == ColumnType::Null {
                *t = ColumnType::Date;
            }
        }
        table
    }

    /// The position of the column `name`, added if new.
    fn column(&mut self, name: &str) -> usize {
        match self.names.iter().position(|n| n == name) {
            Some(at) => at,
            None => {
                self.names.push(name.to_owned());
                self.types.push(ColumnType::Null);
                self.names.len() - 1
            }
        }
    }

    fn flatten(
        &mut self,
        entries: Vec<(Cow<'static, str>, Value)>,
        prefix: &str,
        cells: &mut Vec<(usize, Value)>,
    ) {
        let keys: Vec<String> = entries
            .iter()
            .map(|(k, _)| format!("{prefix}{k}"))
            .collect();
        for (key, value) in entries {
            let name = format!("{prefix}{key}");
            match value {
                Value::Map(inner) if prefix.is_empty() && key == "extra" => {
                    for (k, v) in inner {
                        let hides = keys.iter().any(|n| *n == *k)
                            || self.names.iter().any(|n| *n == *k)
                                && !self.extra.iter().any(|n| *n == *k);
                        let name = if hides {
                            format!("extra_{k}")
                        } else {
                            k.into_owned()
                        };
                        if !hides && !self.extra.contains(&name) {
                            self.extra.push(name.clone());
                        }
                        cells.push((self.column(&name), v));
                    }
                }
                Value::Map(inner) => {
                    if !self.nested.contains(&name) {
                        self.nested.push(name.clone());
                    }
                    self.flatten(inner, &format!("{name}_"), cells);
                }
                value => cells.push((self.column(&name), value)),
            }
        }
    }

    /// Put every refused phrase's span that the records flattened into columns
    /// (`…span_start` and `…span_end` beside `…phrase`, as in an unreadable status's
    /// `error_…` columns) in `unit`: the core's are [`Offsets::Bytes`], and a binding
    /// asks for the unit its strings are indexed by.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use roadmap_tracker::{status::{Evaluator, Rules}, tables::{Offsets, View}, value::Value, Node, NodeKind, Roadmap};
    /// let day = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap();
    /// let mut r = Roadmap::new("r", "R", "Us", day);
    /// r.nodes.push(Node::new("s", NodeKind::Section, "S"));
    /// r.nodes.push(Node::new("a", NodeKind::Area, "A").with_parent("s"));
    /// // "Été" is refused: bytes 3..8, code points 3..6.
    /// r.nodes.push(Node::new("c", NodeKind::Commitment, "C").with_parent("a").with_deadline("by Été 2026", day));
    /// let mut t = Evaluator::new(r, Rules::default())?.evaluate(day).table(View::Statuses)?;
    /// let at = |t: &roadmap_tracker::tables::Frame, n: &str| t.names().iter().position(|c| c == n).unwrap();
    /// assert_eq!(t.rows()[0][at(&t, "error_span_end")], Value::Int(8));
    /// t.set_offsets(Offsets::CodePoints);
    /// assert_eq!(t.rows()[0][at(&t, "error_span_start")], Value::Int(3));
    /// assert_eq!(t.rows()[0][at(&t, "error_span_end")], Value::Int(6));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn set_offsets(&mut self, unit: Offsets) {
        let pairs: Vec<(usize, usize)> = (0..self.names.len())
            .filter_map(|at| {
                let name = self.names.get(at)?;
                let prefix = name
                    .strip_suffix("span_start")
                    .or_else(|| name.strip_suffix("span_end"))?;
                let phrase = format!("{prefix}phrase");
                Some((at, self.names.iter().position(|n| *n == phrase)?))
            })
            .collect();
        for row in &mut self.rows {
            for &(at, phrase) in &pairs {
                let text = match row.get(phrase) {
                    Some(Value::Str(text)) => text.clone(),
                    _ => continue,
                };
                if let Some(Value::Int(n)) = row.get_mut(at) {
                    let byte = usize::try_from(*n).unwrap_or(0);
                    *n = i64::try_from(unit.of(&text, byte)).unwrap_or(*n);
                }
            }
        }
    }

    /// The column names, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Each column's type, in the order of [`Frame::names`].
    pub fn types(&self) -> &[ColumnType] {
        &self.types
    }

    /// The rows, each with one value per column.
    pub fn rows(&self) -> &[Vec<Value>] {
        &self.rows
    }

    /// The values of the column at `at`, top to bottom.
    pub fn column_values(&self, at: usize) -> impl Iterator<Item = &Value> {
        self.rows.iter().filter_map(move |row| row.get(at))
    }
}

/// The error for a view asked of an object it is not read from: the names it offers.
fn not_here(view: View, source: Source) -> Error {
    let names: Vec<&str> = View::of(source).into_iter().map(View::as_str).collect();
    Error::unknown_value("table", view.as_str(), &names)
}

impl crate::model::Roadmap {
    /// The roadmap's table `view`: [`View::Nodes`] or [`View::Updates`].
    ///
    /// ```
    /// use roadmap_tracker::{tables::{ColumnType, View}, Roadmap};
    /// let roadmap = Roadmap::uk_digital_2026();
    /// let nodes = roadmap.table(View::Nodes)?;
    /// assert_eq!(nodes.rows().len(), roadmap.nodes.len());
    /// assert_eq!(nodes.types()[1], ColumnType::Code); // kind
    /// assert_eq!(roadmap.table(View::Scores).unwrap_err().code().as_str(), "unknown_value");
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// `unknown_value` for a view of another source.
    pub fn table(&self, view: View) -> Result<Frame, Error> {
        match view {
            View::Nodes => Frame::from_records(&self.node_rows(), Some(view)),
            View::Updates => Frame::from_records(&self.updates, Some(view)),
            _ => Err(not_here(view, Source::Roadmap)),
        }
    }
}

impl crate::status::Evaluation {
    /// The evaluation's table `view` ([`View::Statuses`], [`View::Scores`] or
    /// [`View::Metrics`]), each row ending with the `as_of` date. A metric's row has its
    /// evaluation's fields at the top level, or its error as `error_code`,
    /// `error_location` and `error_message`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use roadmap_tracker::{status::{Evaluator, Rules}, tables::View, value::Value, Roadmap};
    /// let as_of = NaiveDate::from_ymd_opt(2026, 6, 4).unwrap();
    /// let e = Evaluator::new(Roadmap::uk_digital_2026(), Rules::default())?.evaluate(as_of);
    /// let scores = e.table(View::Scores)?;
    /// let at = scores.names().iter().position(|n| n == "as_of").unwrap();
    /// assert_eq!(scores.rows()[0][at], Value::Date(as_of));
    /// assert!(scores.names().iter().any(|n| n == "counts_overdue_unconfirmed"));
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// `unknown_value` for a view of another source.
    pub fn table(&self, view: View) -> Result<Frame, Error> {
        let rows = match view {
            View::Statuses => records(&self.commitments)?,
            View::Scores => records(&self.scores)?,
            View::Metrics => records(&self.metrics)?
                .into_iter()
                .map(metric_row)
                .collect(),
            _ => return Err(not_here(view, Source::Evaluation)),
        };
        let as_of = Value::Date(self.as_of);
        let rows = rows
            .into_iter()
            .map(|row| match row {
                Value::Map(mut entries) => {
                    if !entries.iter().any(|(k, _)| k == "as_of") {
                        entries.push((Cow::Borrowed("as_of"), as_of.clone()));
                    }
                    Value::Map(entries)
                }
                other => other,
            })
            .collect();
        Ok(Frame::from_values(rows, Some(view)))
    }
}

fn records<T: Serialize>(items: &[T]) -> Result<Vec<Value>, Error> {
    items.iter().map(to_value).collect()
}

/// A metric result with its evaluation's fields lifted to the top.
fn metric_row(result: Value) -> Value {
    let Value::Map(entries) = result else {
        return result;
    };
    let mut out = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        match (&*key, value) {
            ("evaluation", Value::Map(inner)) => out.extend(
                inner
                    .into_iter()
                    .filter(|(k, _)| k != "metric" && k != "node"),
            ),
            ("evaluation", Value::Null) => {}
            (_, value) => out.push((key, value)),
        }
    }
    Value::Map(out)
}

impl crate::status::History {
    /// The history's table `view`: [`View::History`] ([`History::rows`](crate::status::History::rows))
    /// or [`View::ScoreHistory`] ([`History::score_rows`](crate::status::History::score_rows)).
    ///
    /// # Errors
    ///
    /// `unknown_value` for a view of another source.
    pub fn table(&self, view: View) -> Result<Frame, Error> {
        match view {
            View::History => Frame::from_records(&self.rows(), Some(view)),
            View::ScoreHistory => Frame::from_records(&self.score_rows(), Some(view)),
            _ => Err(not_here(view, Source::History)),
        }
    }
}

impl crate::report::Report {
    /// The report's rows as [`View::Report`] ([`Report::table_rows`](crate::report::Report::table_rows)).
    ///
    /// # Errors
    ///
    /// Only a serialisation error (none of the crate's types makes one).
    pub fn table(&self) -> Result<Frame, Error> {
        Frame::from_records(&self.table_rows(), Some(View::Report))
    }
}

impl crate::spreadsheet::Value {
    /// The value as a table cell: empty as null, text (and date text) as text, a date as a
    /// date, a number as a number, a rating by its key (a label, or `[withheld]`-style for
    /// a non-rating), an unreadable cell as `[unreadable: cell]` ([`table_text`]).
    ///
    /// [`table_text`]: crate::spreadsheet::Value::table_text
    ///
    /// ```
    /// use roadmap_tracker::{spreadsheet, value::Value};
    /// assert_eq!(spreadsheet::Value::Number(2.5).table_value(), Value::Float(2.5));
    /// assert_eq!(spreadsheet::Value::Empty.table_value(), Value::Null);
    /// assert_eq!(spreadsheet::Value::Unreadable("#REF!".into()).table_value(), Value::Str("[unreadable: #REF!]".into()));
    /// ```
    pub fn table_value(&self) -> Value {
        use crate::spreadsheet::Value as Cell;
        match self {
            Cell::Empty => Value::Null,
            Cell::Text(t) | Cell::DateText(t) => Value::Str(t.clone()),
            Cell::Date(d) => Value::Date(*d),
            Cell::Number(n) => Value::Float(*n),
            other => other.table_text().map_or(Value::Null, Value::Str),
        }
    }
}

impl crate::spreadsheet::Sheet {
    /// One flat record per row: `line`, then each mapped field's [`table_value`].
    ///
    /// [`table_value`]: crate::spreadsheet::Value::table_value
    pub fn records(&self) -> Vec<Value> {
        let record = |row: &crate::spreadsheet::SheetRow| {
            let line = (
                Cow::Borrowed("line"),
                Value::Int(row.line.try_into().unwrap_or(i64::MAX)),
            );
            let values = row.values.iter();
            let fields =
                values.map(|(name, value)| (Cow::Owned(name.clone()), value.table_value()));
            Value::Map(std::iter::once(line).chain(fields).collect())
        };
        self.rows.iter().map(record).collect()
    }

    /// The sheet's table `view`: [`View::Rows`], its [`records`](Self::records) with the
    /// columns `line` and `fields` (the mapping's, in order) even when it has no rows; or
    /// [`View::Problems`], the problem report in [`PROBLEM_COLUMNS`].
    ///
    /// A field's column has its kind's type: a date field is a date column, a number field
    /// a number column, a rating field a code column (its labels), a text field text. A
    /// field whose cells were not all of its kind (free text in a date column, an
    /// unreadable number) is a mixed column that keeps every value as it is.
    ///
    /// [`PROBLEM_COLUMNS`]: crate::spreadsheet::PROBLEM_COLUMNS
    ///
    /// ```
    /// use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, Sheet};
    /// use roadmap_tracker::tables::{ColumnType, View};
    /// let mapping = ColumnMapping::new().text("project", &["Project"]).date("start", &["Start"]).date("end", &["End"]);
    /// let text = "Project,Start,End\nRail,2016-04-01,Exempt under FOI\nRoads,2017-05-02,2020-01-31\n";
    /// let sheet = Sheet::load(text, &mapping, &LoadOptions::for_file("s.csv"))?;
    /// let rows = sheet.table(View::Rows, mapping.fields())?;
    /// assert_eq!(rows.names(), ["line", "project", "start", "end"]);
    /// assert_eq!(rows.types(), [ColumnType::Int, ColumnType::Text, ColumnType::Date, ColumnType::Mixed]);
    /// let empty = Sheet::load("Project,Start,End\n", &mapping, &LoadOptions::for_file("s.csv"))?;
    /// assert_eq!(empty.table(View::Rows, mapping.fields())?.types()[2], ColumnType::Date);
    /// assert_eq!(empty.table(View::Problems, &[])?.names().len(), 9);
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// `unknown_value` for a view of another source.
    pub fn table(&self, view: View, fields: &[crate::spreadsheet::Field]) -> Result<Frame, Error> {
        use crate::spreadsheet::FieldKind;
        match view {
            View::Rows => {
                let names = fields.iter().map(|f| f.name.as_str());
                let mut table = Frame::with_columns(
                    std::iter::once("line").chain(names),
                    self.records(),
                    Some(view),
                );
                for (field, t) in fields.iter().zip(table.types.iter_mut().skip(1)) {
                    *t = match (field.kind, *t) {
                        (FieldKind::Rating(_), ColumnType::Text | ColumnType::Null) => {
                            ColumnType::Code
                        }
                        (FieldKind::Text, ColumnType::Null) => ColumnType::Text,
                        (FieldKind::Date, ColumnType::Null) => ColumnType::Date,
                        (FieldKind::Number, ColumnType::Null | ColumnType::Int) => {
                            ColumnType::Float
                        }
                        (_, t) => t,
                    };
                }
                Ok(table)
            }
            View::Problems => Frame::from_records(&self.problems, Some(view)),
            _ => Err(not_here(view, Source::Sheet)),
        }
    }
}
