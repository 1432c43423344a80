//! The `Roadmap` class: loading, saving, validating and the views over a roadmap.

use std::sync::{Arc, OnceLock};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyIterator, PyString, PyType};
use roadmap_tracker::io::{decode_utf8, CsvTables, Format, Table};
use roadmap_tracker::report::ReportForm;
use roadmap_tracker::status::{Evaluator, History, Step};
use roadmap_tracker::tables::{flat_row_path, Frame, Source, View};
use roadmap_tracker::{Location, NodeKind, Roadmap};

use crate::convert::{
    extract_date, extract_opt_date, from_py_json, instance, name_arg, opt_name_arg, opt_text,
    path_arg, text, text_at, to_py, PyStr,
};
use crate::errors::{detached, guarded, run, OrRaise};
use crate::pyser::table_to_python;
use crate::status::{date_or_today, rules_arg, PyEvaluation};

/// A roadmap: its metadata, sources, tree of nodes, status updates and metrics.
///
/// Immutable: every method that changes something returns a new roadmap.
#[pyclass(name = "Roadmap", module = "roadmap_tracker", frozen, eq, subclass)]
#[derive(Clone)]
pub struct PyRoadmap {
    /// The core roadmap, shared between Python objects that hold the same data.
    pub inner: Arc<Roadmap>,
    /// The roadmap prepared for the default rules, once, when first evaluated.
    evaluator: OnceLock<Evaluator>,
}

impl PartialEq for PyRoadmap {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

impl PyRoadmap {
    fn new(roadmap: Roadmap) -> Self {
        PyRoadmap {
            inner: Arc::new(roadmap),
            evaluator: OnceLock::new(),
        }
    }

    /// The evaluator for `rules`: for the default rules, the one this object keeps.
    fn evaluator(&self, py: Python<'_>, rules: Option<&Bound<'_, PyAny>>) -> PyResult<Evaluator> {
        let default = rules.is_none_or(|r| r.is_none());
        if let Some(evaluator) = self.evaluator.get().filter(|_| default) {
            return Ok(evaluator.clone());
        }
        let (roadmap, rules) = (Arc::clone(&self.inner), rules_arg(py, rules)?);
        let evaluator = run(py, move || Evaluator::new(roadmap, rules))?;
        if default {
            let _ = self.evaluator.set(evaluator.clone());
        }
        Ok(evaluator)
    }

    fn core_history(
        &self,
        py: Python<'_>,
        start: Option<&Bound<'_, PyAny>>,
        end: Option<&Bound<'_, PyAny>>,
        step: Option<&PyStr<'_>>,
        rules: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<History> {
        let start = extract_opt_date(start, "start")?;
        let end = date_or_today(py, end, "end")?;
        let step: Step = opt_name_arg(py, step, "step")?;
        let evaluator = self.evaluator(py, rules)?;
        run(py, move || evaluator.history(start, end, step))
    }
}

/// Text for the core: a `str` ([`text`]), or `bytes`, which the core decodes as UTF-8.
fn text_arg(value: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(text(s, what)?.to_string());
    }
    let bytes = value
        .cast::<PyBytes>()
        .map_err(|_| PyTypeError::new_err("text must be str or bytes"))?;
    let text = decode_utf8(bytes.as_bytes(), None).or_raise(value.py())?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text).to_owned())
}

/// A format name, read by the core (`json`, `csv`, `flat`), or the path's when None.
fn format_arg(py: Python<'_>, format: Option<&PyStr<'_>>) -> PyResult<Option<Format>> {
    format.map(|f| name_arg(py, f, "format")).transpose()
}

fn base_of(base: &Bound<'_, PyRoadmap>) -> Roadmap {
    Roadmap::clone(&base.get().inner)
}

#[pymethods]
impl PyRoadmap {
    /// A roadmap with the given metadata and sources (dicts with `id`, `title`, and
    /// optionally `publisher`, `date`, `url`) and no nodes: the base for a flat sheet or
    /// a DataFrame, which bring the nodes.
    ///
    /// `Roadmap(roadmap)` is the same roadmap as an instance of the class called (how the
    /// package's subclass wraps what the native methods return).
    #[new]
    #[pyo3(signature = (id, title = None, publisher = None, published = None, *, summary = None, sources = None), text_signature = "(id, title=None, publisher=None, published=None, *, summary='', sources=None)")]
    fn py_new(
        id: &Bound<'_, PyAny>,
        title: Option<&PyStr<'_>>,
        publisher: Option<&PyStr<'_>>,
        published: Option<&Bound<'_, PyAny>>,
        summary: Option<&PyStr<'_>>,
        sources: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        if let Ok(other) = id.cast::<PyRoadmap>() {
            return Ok(other.get().clone());
        }
        let (title, publisher) = (opt_text(title, "title")?, opt_text(publisher, "publisher")?);
        let (Some(title), Some(publisher), Some(published)) = (title, publisher, published) else {
            let message = "Roadmap() takes id, title, publisher and published, or one Roadmap";
            return Err(PyTypeError::new_err(message));
        };
        let id = text(id.cast::<PyString>()?, "id")?;
        let published = extract_date(published, "published")?;
        let mut roadmap = Roadmap::new(&*id, &*title, &*publisher, published);
        roadmap.summary = opt_text(summary, "summary")?.map_or_else(String::new, |s| s.to_string());
        if let Some(sources) = sources.filter(|s| !s.is_none()) {
            roadmap.sources = from_py_json(sources, "sources")?;
        }
        Ok(PyRoadmap::new(roadmap))
    }

    /// The bundled UK digital roadmap (January 2026), with the progress reported since.
    #[classmethod]
    fn uk_digital_2026<'py>(cls: &Bound<'py, PyType>) -> PyResult<Bound<'py, PyAny>> {
        let roadmap = guarded(cls.py(), Roadmap::uk_digital_2026)?;
        instance(cls, PyRoadmap::new(roadmap))
    }

    /// Read a roadmap from its JSON text (`str` or UTF-8 `bytes`), and validate it.
    #[classmethod]
    fn from_json<'py>(
        cls: &Bound<'py, PyType>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
        let roadmap = match text.cast::<PyBytes>() {
            Ok(b) => {
                let bytes = b.as_bytes().to_vec();
                run(py, move || Roadmap::from_json_slice(&bytes))?
            }
            Err(_) => {
                let text = text_arg(text, "text")?;
                run(py, move || Roadmap::from_json_str(&text))?
            }
        };
        instance(cls, PyRoadmap::new(roadmap))
    }

    /// Read the tidy CSV tables from a dict of table name (`roadmap`, `sources`, `nodes`,
    /// `updates`, `metrics`, `observations`, with or without `.csv`) to CSV text (`str`,
    /// or `bytes` that must be UTF-8).
    #[classmethod]
    fn from_csv_tables<'py>(
        cls: &Bound<'py, PyType>,
        tables: &Bound<'py, PyDict>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
        let mut csv = CsvTables::default();
        for (key, value) in tables.iter() {
            let table: Table = name_arg(py, key.cast::<PyString>()?, "tables")?;
            match value.cast::<PyBytes>() {
                Ok(bytes) => csv.set_bytes(table, bytes.as_bytes()).or_raise(py)?,
                Err(_) => *csv.get_mut(table) = text_arg(&value, &format!("tables[{key}]"))?,
            }
        }
        let roadmap = run(py, move || Roadmap::from_csv_tables(&csv))?;
        instance(cls, PyRoadmap::new(roadmap))
    }

    /// Read the tidy CSV tables from a directory (`roadmap.csv`, `nodes.csv`, ...); problems
    /// name each table's path in it.
    #[classmethod]
    fn from_csv_dir<'py>(
        cls: &Bound<'py, PyType>,
        path: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let path = path_arg(path, "path")?;
        let roadmap = run(cls.py(), move || {
            Roadmap::load(&path, Some(Format::CsvTables), None)
        })?;
        instance(cls, PyRoadmap::new(roadmap))
    }

    /// Read a flat sheet (one row per commitment) into a roadmap whose metadata and
    /// sources come from `base`.
    #[classmethod]
    #[pyo3(signature = (text, *, base))]
    fn from_flat_csv<'py>(
        cls: &Bound<'py, PyType>,
        text: &Bound<'py, PyAny>,
        base: &Bound<'py, PyRoadmap>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (text, base) = (text_arg(text, "text")?, base_of(base));
        let roadmap = run(cls.py(), move || Roadmap::from_flat_csv(&text, base))?;
        instance(cls, PyRoadmap::new(roadmap))
    }

    /// Read a flat sheet given as cells: `header` names the columns, each row holds one
    /// text cell per column ("" for absent). A problem is located by row: its `path` is
    /// `rows[i]` (`i` from 0), or `rows[L]` with `L` the row's entry in `labels` (text,
    /// one per row) when given, and its `field` the column's header.
    #[classmethod]
    #[pyo3(signature = (header, rows, *, base, labels = None))]
    fn from_flat_rows<'py>(
        cls: &Bound<'py, PyType>,
        header: Vec<PyStr<'py>>,
        rows: Vec<Vec<PyStr<'py>>>,
        base: &Bound<'py, PyRoadmap>,
        labels: Option<Vec<PyStr<'py>>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let header: Vec<String> = (header.iter().enumerate())
            .map(|(i, h)| Ok(text(h, &format!("header[{i}]"))?.to_string()))
            .collect::<PyResult<_>>()?;
        let label =
            |(i, l): (usize, &PyStr<'py>)| Ok(text(l, &format!("labels[{i}]"))?.to_string());
        let labels: Option<Vec<String>> = labels
            .map(|labels| {
                labels
                    .iter()
                    .enumerate()
                    .map(label)
                    .collect::<PyResult<_>>()
            })
            .transpose()?;
        let name = |i: usize| flat_row_path(i, labels.as_deref());
        let cell = |i: usize, j: usize, cell: &PyStr<'py>| {
            let at =
                || Location::path(name(i)).with_field(header.get(j).cloned().unwrap_or_default());
            Ok(text_at(cell, at)?.to_string())
        };
        let rows: Vec<Vec<String>> = (rows.iter().enumerate())
            .map(|(i, row)| row.iter().enumerate().map(|(j, c)| cell(i, j, c)).collect())
            .collect::<PyResult<_>>()?;
        let base = base_of(base);
        let roadmap = run(cls.py(), move || {
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            match labels {
                Some(labels) => Roadmap::from_labelled_flat_rows(&header, rows, &labels, base),
                None => Roadmap::from_flat_rows(&header, rows, base),
            }
        })?;
        instance(cls, PyRoadmap::new(roadmap))
    }

    /// Load a roadmap from a file or directory: `.json` is JSON, a directory holds the
    /// tidy CSV tables, a `.csv` file is a flat sheet (which needs `base` for the
    /// roadmap's metadata). `format` (`json`, `tables`, `flat`; `csv` is `flat`) overrides
    /// the guess. Every problem of the file is raised at once (`problems`), in the path given.
    #[classmethod]
    #[pyo3(signature = (path, *, format = None, base = None))]
    fn load<'py>(
        cls: &Bound<'py, PyType>,
        path: &Bound<'py, PyAny>,
        format: Option<&PyStr<'py>>,
        base: Option<&Bound<'py, PyRoadmap>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let path = path_arg(path, "path")?;
        let format = format_arg(cls.py(), format)?;
        let base = base.map(base_of);
        let roadmap = run(cls.py(), move || {
            Roadmap::load(&path, format, base.as_ref())
        })?;
        instance(cls, PyRoadmap::new(roadmap))
    }

    /// Save the roadmap: `.json` as JSON, a `.csv` file as the flat sheet, and any other
    /// path as a directory of tidy CSV tables (created if missing). `format` (`json`,
    /// `tables`, `flat`; `csv` is `flat`) overrides the guess. `load` gives back an equal
    /// roadmap (a flat sheet with this roadmap as `base`); a roadmap a flat sheet cannot
    /// hold is refused (`to_flat_csv()` is the sheet as a view).
    #[pyo3(signature = (path, *, format = None))]
    fn save(&self, path: &Bound<'_, PyAny>, format: Option<&PyStr<'_>>) -> PyResult<()> {
        let (py, path) = (path.py(), path_arg(path, "path")?);
        let (roadmap, format) = (Arc::clone(&self.inner), format_arg(py, format)?);
        run(py, move || roadmap.save(&path, format))
    }

    /// The canonical JSON text.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        let roadmap = Arc::clone(&self.inner);
        run(py, move || roadmap.to_json())
    }

    /// The tidy CSV tables, as a dict of table name (`nodes`...) to CSV text.
    fn to_csv_tables<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let roadmap = Arc::clone(&self.inner);
        let tables = run(py, move || roadmap.to_csv_tables())?;
        let dict = PyDict::new(py);
        for (table, text) in tables.iter() {
            dict.set_item(table.as_str(), text)?;
        }
        Ok(dict)
    }

    /// The flat sheet: one row per commitment with its latest status.
    fn to_flat_csv(&self, py: Python<'_>) -> PyResult<String> {
        let roadmap = Arc::clone(&self.inner);
        run(py, move || roadmap.to_flat_csv())
    }

    /// Check the roadmap; raises `ValidationError` listing every problem found (also the
    /// deadlines and labels that `rules`, the defaults when omitted, cannot read, which do
    /// not stop loading).
    #[pyo3(signature = (*, rules=None))]
    fn validate(&self, py: Python<'_>, rules: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        let (roadmap, rules) = (Arc::clone(&self.inner), rules_arg(py, rules)?);
        run(py, move || roadmap.validate_for(&rules))
    }

    /// The whole roadmap as plain Python data (the JSON form, with dates as `date`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &*self.inner)
    }

    /// The roadmap's stable id (a slug).
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// The roadmap's title.
    #[getter]
    fn title(&self) -> &str {
        &self.inner.title
    }

    /// Who published it.
    #[getter]
    fn publisher(&self) -> &str {
        &self.inner.publisher
    }

    /// When it was published.
    #[getter]
    fn published(&self) -> chrono::NaiveDate {
        self.inner.published
    }

    /// A short description ("" when absent).
    #[getter]
    fn summary(&self) -> &str {
        &self.inner.summary
    }

    /// The sources, as dicts.
    #[getter]
    fn sources<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.sources)
    }

    /// The nodes (sections, sub-categories, areas, commitments, milestones), as dicts,
    /// parents before children.
    #[getter]
    fn nodes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.nodes)
    }

    /// The nodes as the core's table rows: the columns of `nodes.csv`, defaults included.
    fn node_rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.node_rows())
    }

    /// The status updates, as dicts.
    #[getter]
    fn updates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.updates)
    }

    /// The metrics, as dicts.
    #[getter]
    fn metrics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.metrics)
    }

    /// Fields the format does not define, kept as given.
    #[getter]
    fn extra<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.extra)
    }

    /// The node with the given id, as a dict, or `None`.
    fn node<'py>(&self, py: Python<'py>, id: &PyStr<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.node(&text(id, "id")?))
    }

    /// The number of nodes.
    fn __len__(&self) -> usize {
        self.inner.nodes.len()
    }

    /// Iterate over the nodes, as dicts.
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        PyIterator::from_object(&to_py(py, &self.inner.nodes)?)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let r = &self.inner;
        Ok(format!(
            "Roadmap(id={}, title={}, published={}, nodes={}, commitments={}, milestones={}, updates={})",
            py_repr(py, &r.id)?,
            py_repr(py, &r.title)?,
            r.published,
            r.nodes.len(),
            count(r.nodes.iter().map(|n| n.kind), NodeKind::Commitment),
            count(r.nodes.iter().map(|n| n.kind), NodeKind::Milestone),
            r.updates.len()
        ))
    }
    /// Derive the status of every commitment and milestone, and the scores of the roadmap
    /// and every section, sub-category and area, as of a date (today when omitted), under
    /// `rules` (a dict such as `{"grace_days": 14}`; the defaults when None).
    #[pyo3(signature = (as_of = None, *, rules = None))]
    fn evaluate(
        slf: &Bound<'_, Self>,
        as_of: Option<&Bound<'_, PyAny>>,
        rules: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyEvaluation> {
        let py = slf.py();
        let (as_of, evaluator) = (
            date_or_today(py, as_of, "as_of")?,
            slf.get().evaluator(py, rules)?,
        );
        let evaluation = detached(py, move || evaluator.evaluate(as_of))?;
        Ok(PyEvaluation::new(evaluation, slf))
    }

    /// The derived status of every commitment at every date of a series from `start`
    /// (the roadmap's publication when omitted) to `end` (today when omitted), stepping
    /// `daily`, `weekly` or `monthly`: a dict with `dates`, `commitments` (each a list of
    /// runs of equal status) and `scores` (one series of points per scored node).
    #[pyo3(signature = (start = None, end = None, *, step = None, rules = None), text_signature = "($self, start=None, end=None, *, step='monthly', rules=None)")]
    fn history<'py>(
        &self,
        py: Python<'py>,
        start: Option<&Bound<'py, PyAny>>,
        end: Option<&Bound<'py, PyAny>>,
        step: Option<&PyStr<'py>>,
        rules: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.core_history(py, start, end, step, rules)?)
    }

    /// The core's table `what` (a `tables::View` name) as `(names, types, columns)`, for
    /// `to_dataframe`: the roadmap's own tables, or those of its evaluation as of `as_of`
    /// (today when omitted), of its history from `start` to `as_of` by `step`, of its
    /// changes since `since`, or of its report.
    #[pyo3(name = "_table", signature = (what, as_of = None, *, since = None, start = None, step = None, rules = None), text_signature = "($self, what, as_of=None, *, since=None, start=None, step='monthly', rules=None)")]
    #[allow(clippy::too_many_arguments)]
    fn table<'py>(
        slf: &Bound<'py, Self>,
        what: &PyStr<'py>,
        as_of: Option<&Bound<'py, PyAny>>,
        since: Option<&Bound<'py, PyAny>>,
        start: Option<&Bound<'py, PyAny>>,
        step: Option<&PyStr<'py>>,
        rules: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (py, this) = (slf.py(), slf.get());
        let view: View = name_arg(py, what, "what")?;
        let table = match view.source() {
            Source::Evaluation => {
                let evaluation = Self::evaluate(slf, as_of, rules)?;
                return evaluation.table(py, what);
            }
            Source::History => {
                let history = this.core_history(py, start, as_of, step, rules)?;
                run(py, move || history.table(view))?
            }
            Source::Changes | Source::Report => {
                let as_of = date_or_today(py, as_of, "as_of")?;
                let none = py.None().into_bound(py);
                let since = match view {
                    View::Changes => Some(extract_date(since.unwrap_or(&none), "since")?),
                    _ => extract_opt_date(since, "since")?,
                };
                let evaluator = this.evaluator(py, rules)?;
                run(py, move || match (view, since) {
                    (View::Changes, Some(since)) => {
                        Frame::from_records(&evaluator.changes(since, as_of), Some(view))
                    }
                    _ => evaluator.report(as_of, since).table(),
                })?
            }
            _ => (this.inner.table(view).map_err(|e| e.for_argument("what"))).or_raise(py)?,
        };
        table_to_python(py, table)
    }

    /// What changed between `since` and `as_of` (today when omitted): one dict per
    /// commitment whose derived status differs, with the updates in between and why.
    #[pyo3(signature = (since, as_of = None, *, rules = None))]
    fn changes<'py>(
        &self,
        py: Python<'py>,
        since: &Bound<'py, PyAny>,
        as_of: Option<&Bound<'py, PyAny>>,
        rules: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (since, as_of) = (
            extract_date(since, "since")?,
            date_or_today(py, as_of, "as_of")?,
        );
        let evaluator = self.evaluator(py, rules)?;
        to_py(py, &detached(py, move || evaluator.changes(since, as_of))?)
    }

    /// The progress report as of a date (today when omitted), in the core's form `format`:
    /// `text`, `markdown`, `json`, `csv` or `html` text, the report as a `dict` (its JSON
    /// form, dates as `date`), or its `rows` (a list of dicts); with `since`, it also lists
    /// what changed since then.
    #[pyo3(signature = (as_of = None, *, format = None, since = None, rules = None), text_signature = "($self, as_of=None, *, format='text', since=None, rules=None)")]
    fn report<'py>(
        &self,
        py: Python<'py>,
        as_of: Option<&Bound<'py, PyAny>>,
        format: Option<&PyStr<'py>>,
        since: Option<&Bound<'py, PyAny>>,
        rules: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let form: ReportForm = opt_name_arg(py, format, "format")?;
        let (as_of, since) = (
            date_or_today(py, as_of, "as_of")?,
            extract_opt_date(since, "since")?,
        );
        let evaluator = self.evaluator(py, rules)?;
        let report = detached(py, move || evaluator.report(as_of, since))?;
        to_py(py, &run(py, || report.output(form))?)
    }

    /// Immutable, so a copy is the same object.
    fn __copy__(slf: &Bound<'_, Self>) -> Py<Self> {
        slf.clone().unbind()
    }

    /// Immutable, so a deep copy is the same object.
    fn __deepcopy__(slf: &Bound<'_, Self>, _memo: &Bound<'_, PyAny>) -> Py<Self> {
        slf.clone().unbind()
    }
}

/// How many of `kinds` are `kind` (the reprs of `Roadmap` and `Evaluation` count alike).
pub fn count(kinds: impl Iterator<Item = NodeKind>, kind: NodeKind) -> usize {
    kinds.filter(|k| *k == kind).count()
}

/// Python's `repr()` of a string.
pub fn py_repr(py: Python<'_>, text: &str) -> PyResult<String> {
    Ok(PyString::new(py, text).repr()?.to_str()?.to_owned())
}
