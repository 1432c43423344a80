//! The `Roadmap` class: loading, saving, validating and the views over a roadmap.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyIterator, PyString};
use roadmap_tracker::io::{CsvTables, Table};
use roadmap_tracker::{DeadlineText, ErrorCode, Extra, Location, Node, NodeKind, Problem, Roadmap};

use crate::convert::{extract_date, from_py_json, to_py};
use crate::errors::{argument_error, core_error, detached, guarded, io_error};

/// A roadmap: its metadata, sources, tree of nodes, status updates and metrics.
///
/// Immutable: every method that changes something returns a new roadmap.
#[pyclass(name = "Roadmap", module = "roadmap_tracker", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyRoadmap {
    /// The core roadmap, shared between Python objects that hold the same data.
    pub inner: Arc<Roadmap>,
}

impl PyRoadmap {
    /// Wrap a core roadmap.
    pub fn new(roadmap: Roadmap) -> Self {
        PyRoadmap {
            inner: Arc::new(roadmap),
        }
    }
}

/// A node with every field present, defaults included (the JSON form leaves them out):
/// the rows of `to_dataframe("nodes")`.
#[derive(serde::Serialize)]
struct NodeRecord<'a> {
    id: &'a str,
    kind: NodeKind,
    parent: Option<&'a str>,
    title: &'a str,
    summary: &'a str,
    owners: &'a [String],
    tags: &'a [String],
    weight: f64,
    sources: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    deadline: Option<&'a DeadlineText>,
    extra: &'a Extra,
}

impl<'a> From<&'a Node> for NodeRecord<'a> {
    fn from(n: &'a Node) -> Self {
        NodeRecord {
            id: &n.id,
            kind: n.kind,
            parent: n.parent.as_deref(),
            title: &n.title,
            summary: &n.summary,
            owners: &n.owners,
            tags: &n.tags,
            weight: n.weight,
            sources: &n.sources,
            deadline: n.deadline.as_ref(),
            extra: &n.extra,
        }
    }
}

/// The format a path is read or written in, from `format=` or the path itself.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FileFormat {
    Json,
    CsvDir,
    Tracker,
}

fn file_format(py: Python<'_>, path: &Path, format: Option<&str>) -> PyResult<FileFormat> {
    match format {
        Some("json") => Ok(FileFormat::Json),
        Some("csv") => Ok(FileFormat::CsvDir),
        Some("tracker") => Ok(FileFormat::Tracker),
        Some(other) => Err(argument_error(
            py,
            "invalid_argument",
            format!("format must be \"json\", \"csv\" or \"tracker\", not {other:?}"),
        )),
        None => {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            match ext.as_deref() {
                Some("json") => Ok(FileFormat::Json),
                Some("csv") => Ok(FileFormat::Tracker),
                _ if path.is_dir() || ext.is_none() => Ok(FileFormat::CsvDir),
                _ => Err(argument_error(
                    py,
                    "invalid_argument",
                    format!(
                        "cannot tell the format of {}: pass format=\"json\", \"csv\" or \"tracker\"",
                        path.display()
                    ),
                )),
            }
        }
    }
}

fn read_text(py: Python<'_>, path: &Path) -> PyResult<Vec<u8>> {
    py.detach(|| std::fs::read(path))
        .map_err(|e| io_error(py, path, e))
}

/// Text for the core: a `str`, or `bytes` that must be UTF-8 (a `FormatError` with code
/// `encoding` otherwise, as the core gives for files).
fn text_arg(value: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(s.to_str()?.to_owned());
    }
    if let Ok(b) = value.cast::<PyBytes>() {
        return utf8(value.py(), b.as_bytes().to_vec(), what);
    }
    Err(PyTypeError::new_err(format!("{what} must be str or bytes")))
}

fn utf8(py: Python<'_>, bytes: Vec<u8>, what: &str) -> PyResult<String> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let problem = Problem::new(
            ErrorCode::Encoding,
            Location {
                file: Some(what.to_owned()),
                ..Location::default()
            },
            format!("not UTF-8: invalid byte at offset {at}"),
        );
        core_error(py, &roadmap_tracker::Error::Format(Box::new(problem)))
    })
}

#[pymethods]
impl PyRoadmap {
    /// A roadmap with the given metadata and sources (dicts with `id`, `title`, and
    /// optionally `publisher`, `date`, `url`) and no nodes: the base for a tracker sheet or
    /// a DataFrame, which bring the nodes.
    #[new]
    #[pyo3(signature = (id, title, publisher, published, *, summary = "", sources = None))]
    fn py_new(
        id: &str,
        title: &str,
        publisher: &str,
        published: &Bound<'_, PyAny>,
        summary: &str,
        sources: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let published = extract_date(published, "published")?;
        let mut roadmap = Roadmap::new(id, title, publisher, published);
        roadmap.summary = summary.to_owned();
        if let Some(sources) = sources.filter(|s| !s.is_none()) {
            roadmap.sources = from_py_json(sources, "sources")?;
        }
        Ok(PyRoadmap::new(roadmap))
    }

    /// The bundled UK digital roadmap (January 2026), with the progress reported since.
    #[staticmethod]
    fn uk_digital_2026(py: Python<'_>) -> PyResult<Self> {
        guarded(py, || PyRoadmap::new(Roadmap::uk_digital_2026()))
    }

    /// Read a roadmap from its JSON text (`str` or UTF-8 `bytes`), and validate it.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let loaded = if let Ok(b) = text.cast::<PyBytes>() {
            let bytes = b.as_bytes().to_vec();
            detached(py, move || Roadmap::from_json_slice(&bytes))?
        } else {
            let text = text_arg(text, "text")?;
            detached(py, move || Roadmap::from_json_str(&text))?
        };
        loaded.map(PyRoadmap::new).map_err(|e| core_error(py, &e))
    }

    /// Read the tidy CSV tables from a dict of table name (`roadmap`, `sources`, `nodes`,
    /// `updates`, `metrics`, `observations`, with or without `.csv`) to CSV text (`str`,
    /// or `bytes` that must be UTF-8).
    #[staticmethod]
    fn from_csv_tables(py: Python<'_>, tables: &Bound<'_, PyDict>) -> PyResult<Self> {
        let mut csv = CsvTables::default();
        for (key, value) in tables.iter() {
            let key: String = key.extract()?;
            if let Ok(bytes) = value.cast::<PyBytes>() {
                key.parse::<Table>()
                    .and_then(|table| csv.set_bytes(table, bytes.as_bytes()))
                    .map_err(|e| core_error(py, &e))?;
                continue;
            }
            let table = key.parse::<Table>().ok();
            let slot = table.map(|table| csv.get_mut(table)).ok_or_else(|| {
                argument_error(
                    py,
                    "invalid_argument",
                    format!(
                        "unknown table {key:?}: expected roadmap, sources, nodes, updates, metrics, observations"
                    ),
                )
            })?;
            *slot = text_arg(&value, &key)?;
        }
        detached(py, move || Roadmap::from_csv_tables(&csv))?
            .map(PyRoadmap::new)
            .map_err(|e| core_error(py, &e))
    }

    /// Read the tidy CSV tables from a directory (`roadmap.csv`, `nodes.csv`, ...).
    #[staticmethod]
    fn from_csv_dir(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        detached(py, move || {
            CsvTables::read_dir(&path).and_then(|t| Roadmap::from_csv_tables(&t))
        })?
        .map(PyRoadmap::new)
        .map_err(|e| core_error(py, &e))
    }

    /// Read a single-sheet tracker (one row per commitment) into a roadmap whose metadata
    /// and sources come from `base`.
    #[staticmethod]
    #[pyo3(signature = (text, *, base))]
    fn from_tracker_csv(
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        base: &Bound<'_, PyRoadmap>,
    ) -> PyResult<Self> {
        let text = text_arg(text, "text")?;
        let base = Roadmap::clone(&base.get().inner);
        detached(py, move || Roadmap::from_flat_csv(&text, base))?
            .map(PyRoadmap::new)
            .map_err(|e| core_error(py, &e))
    }

    /// Load a roadmap from a file or directory: `.json` is JSON, a directory holds the
    /// tidy CSV tables, a `.csv` file is a single-sheet tracker (which needs `base` for
    /// the roadmap's metadata). `format` ("json", "csv", "tracker") overrides the guess.
    #[staticmethod]
    #[pyo3(signature = (path, *, format = None, base = None))]
    fn load(
        py: Python<'_>,
        path: PathBuf,
        format: Option<&str>,
        base: Option<&Bound<'_, PyRoadmap>>,
    ) -> PyResult<Self> {
        let at = path.display().to_string();
        let in_file = |e: roadmap_tracker::Error| core_error_in_file(py, &e, &at);
        match file_format(py, &path, format)? {
            FileFormat::Json => {
                let bytes = read_text(py, &path)?;
                detached(py, move || Roadmap::from_json_slice(&bytes))?
                    .map(PyRoadmap::new)
                    .map_err(in_file)
            }
            FileFormat::CsvDir => Self::from_csv_dir(py, path),
            FileFormat::Tracker => {
                let base = base.ok_or_else(|| {
                    argument_error(
                        py,
                        "invalid_argument",
                        "a tracker sheet holds no roadmap metadata: pass base=Roadmap(...)",
                    )
                })?;
                let base = Roadmap::clone(&base.get().inner);
                let bytes = read_text(py, &path)?;
                let text = utf8(py, bytes, &at)?;
                detached(py, move || Roadmap::from_flat_csv(&text, base))?
                    .map(PyRoadmap::new)
                    .map_err(in_file)
            }
        }
    }

    /// Save the roadmap: `.json` as JSON, a `.csv` file as the single-sheet tracker, and
    /// any other path as a directory of tidy CSV tables (created if missing). `format`
    /// ("json", "csv", "tracker") overrides the guess.
    #[pyo3(signature = (path, *, format = None))]
    fn save(&self, py: Python<'_>, path: PathBuf, format: Option<&str>) -> PyResult<()> {
        let roadmap = Arc::clone(&self.inner);
        let format = file_format(py, &path, format)?;
        let text = match format {
            FileFormat::CsvDir => {
                return detached(py, move || {
                    roadmap.to_csv_tables().and_then(|t| t.write_dir(&path))
                })?
                .map_err(|e| core_error(py, &e));
            }
            FileFormat::Json => detached(py, move || roadmap.to_json())?,
            FileFormat::Tracker => detached(py, move || roadmap.to_flat_csv())?,
        }
        .map_err(|e| core_error(py, &e))?;
        py.detach(|| std::fs::write(&path, text))
            .map_err(|e| io_error(py, &path, e))
    }

    /// The canonical JSON text.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        let roadmap = Arc::clone(&self.inner);
        detached(py, move || roadmap.to_json())?.map_err(|e| core_error(py, &e))
    }

    /// The tidy CSV tables, as a dict of table name to CSV text.
    fn to_csv_tables<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let roadmap = Arc::clone(&self.inner);
        let tables =
            detached(py, move || roadmap.to_csv_tables())?.map_err(|e| core_error(py, &e))?;
        let dict = PyDict::new(py);
        for (table, text) in tables.iter() {
            dict.set_item(table.as_str(), text)?;
        }
        Ok(dict)
    }

    /// The single-sheet tracker: one row per commitment with its latest status.
    fn to_tracker_csv(&self, py: Python<'_>) -> PyResult<String> {
        let roadmap = Arc::clone(&self.inner);
        detached(py, move || roadmap.to_flat_csv())?.map_err(|e| core_error(py, &e))
    }

    /// Check the roadmap; raises `ValidationError` listing every problem found.
    fn validate(&self, py: Python<'_>) -> PyResult<()> {
        let roadmap = Arc::clone(&self.inner);
        detached(py, move || roadmap.validate())?.map_err(|e| core_error(py, &e))
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

    /// The nodes as dicts with every field, defaults included (for `to_dataframe`).
    #[pyo3(name = "_node_records")]
    fn node_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let records: Vec<NodeRecord<'_>> = self.inner.nodes.iter().map(NodeRecord::from).collect();
        to_py(py, &records)
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
    fn node<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.node(id))
    }

    /// The number of nodes.
    fn __len__(&self) -> usize {
        self.inner.nodes.len()
    }

    /// Iterate over the nodes, as dicts.
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        let nodes = to_py(py, &self.inner.nodes)?;
        PyIterator::from_object(&nodes)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let r = &self.inner;
        Ok(format!(
            "Roadmap(id={}, title={}, published={}, nodes={}, commitments={}, updates={})",
            py_repr(py, &r.id)?,
            py_repr(py, &r.title)?,
            r.published,
            r.nodes.len(),
            r.commitments().count(),
            r.updates.len()
        ))
    }

    /// Rich display in Jupyter: a compact status table with RAG colours.
    fn _repr_html_<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        call_shell(slf.py(), "roadmap_html", (slf,))
    }

    /// Build a roadmap from a tracker kept as a pandas DataFrame (one row per
    /// commitment). `columns` maps the library's column names to the DataFrame's. The
    /// roadmap's metadata and sources come from `base`, or from `id`, `title`,
    /// `publisher`, `published` (and `summary`, `sources`).
    #[staticmethod]
    #[pyo3(signature = (df, columns = None, *, base = None, id = None, title = None, publisher = None, published = None, summary = "", sources = None))]
    #[allow(clippy::too_many_arguments)]
    fn from_dataframe<'py>(
        py: Python<'py>,
        df: &Bound<'py, PyAny>,
        columns: Option<&Bound<'py, PyDict>>,
        base: Option<&Bound<'py, PyRoadmap>>,
        id: Option<&str>,
        title: Option<&str>,
        publisher: Option<&str>,
        published: Option<&Bound<'py, PyAny>>,
        summary: &str,
        sources: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let base =
            match (base, id, title, publisher, published) {
                (Some(base), None, None, None, None) => base.clone(),
                (None, Some(id), Some(title), Some(publisher), Some(published)) => Bound::new(
                    py,
                    PyRoadmap::py_new(id, title, publisher, published, summary, sources)?,
                )?,
                _ => return Err(argument_error(
                    py,
                    "invalid_argument",
                    "pass either base=Roadmap(...) or all of id, title, publisher and published",
                )),
            };
        let columns = match columns {
            Some(c) => c.clone().into_any(),
            None => py.None().into_bound(py),
        };
        call_shell(py, "roadmap_from_dataframe", (df, base, columns))
    }

    /// A pandas DataFrame (or, without pandas, a list of dicts) of the roadmap's `nodes`,
    /// `updates`, or, as of a date, the derived `statuses`, the `scores`, or the monthly
    /// `history` from publication to `as_of`.
    #[pyo3(signature = (what = "nodes", *, as_of = None))]
    fn to_dataframe<'py>(
        slf: &Bound<'py, Self>,
        what: &str,
        as_of: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = slf.py();
        let as_of = match as_of {
            Some(a) => a.clone(),
            None => py.None().into_bound(py),
        };
        call_shell(py, "roadmap_to_dataframe", (slf, what, as_of))
    }

    /// Derive the status of every commitment and milestone, and the scores of the roadmap
    /// and every section, sub-category and area, as of a date (today when omitted), under
    /// `rules` (a dict such as `{"grace_days": 14}`; the defaults when None).
    #[pyo3(signature = (as_of = None, *, rules = None))]
    fn evaluate(
        slf: &Bound<'_, Self>,
        as_of: Option<&Bound<'_, PyAny>>,
        rules: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<crate::status::PyEvaluation> {
        crate::status::evaluate(slf, as_of, rules)
    }

    /// The derived status of every commitment at every date of a series from `start`
    /// (the roadmap's publication when omitted) to `end` (today when omitted), stepping
    /// `daily`, `weekly` or `monthly`: a dict with `dates`, `commitments` (each a list of
    /// runs of equal status) and `scores` (one series of points per scored node).
    #[pyo3(signature = (start = None, end = None, *, step = "monthly", rules = None))]
    fn history<'py>(
        &self,
        py: Python<'py>,
        start: Option<&Bound<'py, PyAny>>,
        end: Option<&Bound<'py, PyAny>>,
        step: &str,
        rules: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::status::history(self, py, start, end, step, rules)
    }

    /// The history's long form: one dict per date and commitment (for `to_dataframe`).
    #[pyo3(name = "_history_rows")]
    fn history_rows<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'py, PyAny>,
        end: &Bound<'py, PyAny>,
        step: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::status::history_rows(self, py, start, end, step)
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
        crate::status::changes(self, py, since, as_of, rules)
    }

    /// The progress report as of a date (today when omitted) as `text`, `markdown`, `json`
    /// or `csv` text, or as a `dict` (the JSON form); with `since`, it also lists what
    /// changed since then.
    #[pyo3(signature = (as_of = None, *, format = "text", since = None, rules = None))]
    fn report<'py>(
        &self,
        py: Python<'py>,
        as_of: Option<&Bound<'py, PyAny>>,
        format: &str,
        since: Option<&Bound<'py, PyAny>>,
        rules: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::status::report(self, py, as_of, format, since, rules)
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

/// A core error raised while reading the file at `path`: the path goes into the
/// exception's `file` when the core did not know it.
fn core_error_in_file(py: Python<'_>, error: &roadmap_tracker::Error, path: &str) -> PyErr {
    let err = core_error(py, error);
    let value = err.value(py);
    if value.getattr("file").is_ok_and(|f| f.is_none()) {
        let _ = value.setattr("file", path);
    }
    err
}

/// Call a helper of the Python package (`roadmap_tracker._shell`): pandas, HTML and
/// plotting reshape data in Python and never come back into the core.
pub fn call_shell<'py>(
    py: Python<'py>,
    name: &str,
    args: impl pyo3::call::PyCallArgs<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    py.import("roadmap_tracker._shell")?
        .getattr(name)?
        .call1(args)
}

/// Python's `repr()` of a string.
pub fn py_repr(py: Python<'_>, text: &str) -> PyResult<String> {
    Ok(PyString::new(py, text).repr()?.to_str()?.to_owned())
}
