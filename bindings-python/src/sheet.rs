//! Messy spreadsheets: the `Sheet` class over the core's `spreadsheet::Sheet`.
//!
//! The core reads and checks everything: the column mapping (a dict, read as the core's
//! `MappingSpec`), the presets, the load options and the text's encoding. This module
//! only converts the sheet's values to Python.

use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyType};
use roadmap_tracker::spreadsheet::{
    gmpp_as_of, ColumnMapping, Field, LoadOptions, ReleaseHistory, Releases, Severity, Sheet,
};
use roadmap_tracker::status::Vocabulary;
use roadmap_tracker::tables::View;
use roadmap_tracker::Error;

use crate::convert::{instance, json_text, name_arg, opt_text, path_arg, text, to_py, PyStr};
use crate::errors::{core_error, run, OrRaise};
use crate::pyser::{table_to_python, value_to_python};

/// The arguments every way of reading a sheet shares.
struct Options<'a, 'py> {
    mapping: Option<&'a Bound<'py, PyAny>>,
    preset: Option<&'a PyStr<'py>>,
    vocabulary: Option<&'a PyStr<'py>>,
    delimiter: Option<&'a PyStr<'py>>,
    two_digit_year_pivot: Option<i64>,
    encoding: Option<&'a PyStr<'py>>,
}

fn read(py: Python<'_>, bytes: &[u8], file: &str, o: Options<'_, '_>) -> PyResult<PySheet> {
    let mapping = o
        .mapping
        .filter(|m| !m.is_none())
        .map(json_text)
        .transpose()?;
    let (bytes, file) = (bytes.to_owned(), file.to_owned());
    let owned = |value, what| Ok::<_, PyErr>(opt_text(value, what)?.map(|s| s.to_string()));
    let (preset, vocabulary) = (
        owned(o.preset, "preset")?,
        owned(o.vocabulary, "vocabulary")?,
    );
    let (delimiter, encoding) = (
        owned(o.delimiter, "delimiter")?,
        owned(o.encoding, "encoding")?,
    );
    let pivot = o.two_digit_year_pivot;
    let sheet = run(py, move || {
        let vocabulary = vocabulary.map(|v| Vocabulary::builtin(&v)).transpose()?;
        let mapping = match (preset, mapping) {
            (Some(_), Some(_)) => {
                return Err(Error::format(roadmap_tracker::Problem::new(
                    roadmap_tracker::ErrorCode::InvalidArgument,
                    roadmap_tracker::Location::default().with_field("preset"),
                    "give a mapping or a preset, not both",
                )))
            }
            (Some(name), None) => ColumnMapping::preset(&name, vocabulary)?,
            (None, Some(json)) => ColumnMapping::from_json_str(&json, vocabulary)?,
            (None, None) => ColumnMapping::new(),
        };
        let mut options = LoadOptions::for_file(&file);
        if let Some(d) = delimiter {
            options = options.with_delimiter(&d)?;
        }
        if let Some(p) = pivot {
            options = options.with_two_digit_year_pivot(p)?;
        }
        if let Some(e) = encoding {
            options = options.with_encoding(&e)?;
        }
        Sheet::load_bytes(&bytes, &mapping, &options).map(|sheet| (sheet, mapping))
    })?;
    let (sheet, mapping) = sheet;
    Ok(PySheet {
        inner: Arc::new(sheet),
        fields: mapping.fields().to_vec(),
    })
}

/// A sheet read as it is: every row with its cells as written and its mapped values, and
/// the problem report.
#[pyclass(name = "Sheet", module = "roadmap_tracker", frozen, subclass)]
pub struct PySheet {
    inner: Arc<Sheet>,
    /// The mapping's fields (an empty sheet's table still has their columns).
    fields: Vec<Field>,
}

#[pymethods]
impl PySheet {
    /// The problem report's columns, in order (the core's).
    #[classattr]
    const PROBLEM_COLUMNS: [&'static str; 9] = roadmap_tracker::spreadsheet::PROBLEM_COLUMNS;

    /// The same sheet as an instance of the class called (how the package's subclass
    /// wraps what `from_text` and `load` return).
    #[new]
    fn py_new(sheet: &Bound<'_, PySheet>) -> Self {
        let s = sheet.get();
        PySheet {
            inner: Arc::clone(&s.inner),
            fields: s.fields.clone(),
        }
    }

    /// Read a sheet from its text (`str`, or `bytes` in `encoding`: detected when None,
    /// UTF-8 else Windows-1252 with a warning; a `str` is read as it is). `mapping` maps field names to
    /// a header, a list of headers, or a dict (`headers`, `kind`, `vocabulary`,
    /// `occurrence`, `required`); `preset="gmpp"` is the UK major projects mapping instead
    /// (`vocabulary` picks its scale, `gmpp-5` by default, and is the default vocabulary
    /// of rating fields in a mapping). `delimiter` is detected when None.
    #[classmethod]
    #[pyo3(signature = (text, mapping = None, *, preset = None, vocabulary = None, delimiter = None, two_digit_year_pivot = None, file = None, encoding = None), text_signature = "($cls, text, mapping=None, *, preset=None, vocabulary=None, delimiter=None, two_digit_year_pivot=None, file='sheet', encoding=None)")]
    #[allow(clippy::too_many_arguments)]
    fn from_text<'py>(
        cls: &Bound<'py, PyType>,
        text: &Bound<'py, PyAny>,
        mapping: Option<&Bound<'py, PyAny>>,
        preset: Option<&PyStr<'py>>,
        vocabulary: Option<&PyStr<'py>>,
        delimiter: Option<&PyStr<'py>>,
        two_digit_year_pivot: Option<i64>,
        file: Option<&PyStr<'py>>,
        encoding: Option<&PyStr<'py>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let utf8 = PyString::new(cls.py(), "utf-8");
        let (bytes, encoding) = match (text.cast::<PyString>(), text.cast::<PyBytes>()) {
            (Ok(s), _) => (
                crate::convert::text(s, "text")?.as_bytes().to_vec(),
                Some(&utf8),
            ),
            (_, Ok(b)) => (b.as_bytes().to_vec(), encoding),
            _ => {
                return Err(PyTypeError::new_err(
                    "text must be str or bytes (use Sheet.load for a path)",
                ))
            }
        };
        let o = Options {
            mapping,
            preset,
            vocabulary,
            delimiter,
            two_digit_year_pivot,
            encoding,
        };
        let file = opt_text(file, "file")?;
        instance(
            cls,
            read(cls.py(), &bytes, file.as_deref().unwrap_or("sheet"), o)?,
        )
    }

    /// Read a sheet from a file (in `encoding`, detected when None); problems name the
    /// file by its name. The other arguments are those of `from_text`.
    #[classmethod]
    #[pyo3(signature = (path, mapping = None, *, preset = None, vocabulary = None, delimiter = None, two_digit_year_pivot = None, encoding = None))]
    #[allow(clippy::too_many_arguments)]
    fn load<'py>(
        cls: &Bound<'py, PyType>,
        path: &Bound<'py, PyAny>,
        mapping: Option<&Bound<'py, PyAny>>,
        preset: Option<&PyStr<'py>>,
        vocabulary: Option<&PyStr<'py>>,
        delimiter: Option<&PyStr<'py>>,
        two_digit_year_pivot: Option<i64>,
        encoding: Option<&PyStr<'py>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (py, path) = (cls.py(), path_arg(path, "path")?);
        let bytes = py.detach(|| std::fs::read(&path)).map_err(|source| {
            core_error(
                py,
                &Error::Io {
                    path: path.display().to_string(),
                    source,
                },
            )
        })?;
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |f| f.to_string_lossy().into_owned(),
        );
        let o = Options {
            mapping,
            preset,
            vocabulary,
            delimiter,
            two_digit_year_pivot,
            encoding,
        };
        instance(cls, read(py, &bytes, &file, o)?)
    }

    /// The file name used in problem locations.
    #[getter]
    fn file(&self) -> &str {
        &self.inner.file
    }

    /// The delimiter used.
    #[getter]
    fn delimiter(&self) -> String {
        char::from(self.inner.delimiter).to_string()
    }

    /// The header's columns: `header`, `occurrence` (of that header) and `field` (mapped
    /// to it, or None).
    #[getter]
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.columns)
    }

    /// The names of the mapped fields, in order.
    #[getter]
    fn fields(&self) -> Vec<&str> {
        self.fields.iter().map(|f| f.name.as_str()).collect()
    }

    /// The core's table `what` (`rows` or `problems`) as `(names, types, columns)`, for
    /// `to_dataframe`: a date field is a date column, whatever its cells hold.
    #[pyo3(name = "_table")]
    fn table<'py>(&self, py: Python<'py>, what: &PyStr<'py>) -> PyResult<Bound<'py, PyAny>> {
        let view: View = name_arg(py, what, "what")?;
        let table = self.inner.table(view, &self.fields);
        table_to_python(py, table.map_err(|e| e.for_argument("what")).or_raise(py)?)
    }

    /// Every row: `line`, `cells` (as written) and `values` (field → `{"kind", "value"}`
    /// as the core serialises a value; kinds `empty` (no `value`), `text`, `date`,
    /// `date_text`, `number`, `rating` (the value is the reading: a label, or a
    /// non-rating), `unreadable` (the cell)).
    #[getter]
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for row in &self.inner.rows {
            let values = PyDict::new(py);
            for (name, value) in &row.values {
                values.set_item(name, to_py(py, value)?)?;
            }
            let d = PyDict::new(py);
            d.set_item("line", row.line)?;
            d.set_item("cells", row.cells.clone())?;
            d.set_item("values", values)?;
            out.append(d)?;
        }
        Ok(out)
    }

    /// One flat dict per row: `line`, then each field's value as plain Python (None,
    /// str, date, float; a rating's label, or `[withheld]`-style for a non-rating; the
    /// cell's text for date text; `[unreadable: cell]` for a cell that could not be read).
    fn records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let records = self.inner.records().into_iter();
        PyList::new(
            py,
            records
                .map(|r| value_to_python(py, r))
                .collect::<PyResult<Vec<_>>>()?,
        )
    }

    /// The problem report: one dict per problem with `severity` (`warning` or `error`),
    /// `code`, `file`, `line`, `column`, `header`, `field`, `value` (the cell) and
    /// `message`, in line order.
    #[getter]
    fn problems<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.problems)
    }

    /// The sheet written back as CSV: the same delimiter, header, cells and line endings.
    fn to_csv(&self, py: Python<'_>) -> PyResult<String> {
        self.inner.to_csv().or_raise(py)
    }

    /// The problem report as CSV text.
    fn problems_csv(&self, py: Python<'_>) -> PyResult<String> {
        self.inner.problems_csv().or_raise(py)
    }

    /// Everything as one dict (the core's JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &*self.inner)
    }

    /// The number of data rows.
    fn __len__(&self) -> usize {
        self.inner.rows.len()
    }

    fn __repr__(&self) -> String {
        let errors = self.inner.problems_of(Severity::Error).count();
        format!(
            "Sheet(file={:?}, rows={}, columns={}, problems={}, errors={})",
            self.inner.file,
            self.inner.rows.len(),
            self.inner.columns.len(),
            self.inner.problems.len(),
            errors
        )
    }
}

/// Yearly releases of the UK major projects data as one dated history (the core's
/// `spreadsheet::Releases`): each release on its year's scale and as-of date, projects
/// keyed across years, departments by their canonical names.
#[pyclass(name = "Releases", module = "roadmap_tracker")]
pub struct PyReleases {
    inner: Releases,
}

impl PyReleases {
    fn history(&self, py: Python<'_>) -> PyResult<ReleaseHistory> {
        self.inner.history().map_err(|e| core_error(py, &e))
    }
}

#[pymethods]
impl PyReleases {
    #[new]
    fn py_new() -> Self {
        PyReleases {
            inner: Releases::gmpp(),
        }
    }

    /// Load one year's file as published (the `gmpp` preset on the year's scale,
    /// encoding and layout detected unless `encoding` is given).
    #[pyo3(signature = (year, path, *, encoding = None))]
    fn load_gmpp(
        &mut self,
        py: Python<'_>,
        year: i32,
        path: &Bound<'_, PyAny>,
        encoding: Option<&PyStr<'_>>,
    ) -> PyResult<()> {
        let path = path_arg(path, "path")?;
        let bytes = std::fs::read(&path).map_err(|source| {
            core_error(
                py,
                &Error::Io {
                    path: path.display().to_string(),
                    source,
                },
            )
        })?;
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |f| f.to_string_lossy().into_owned(),
        );
        let mut options = LoadOptions::for_file(&file);
        if let Some(e) = opt_text(encoding, "encoding")? {
            options = options.with_encoding(&e).map_err(|e| core_error(py, &e))?;
        }
        self.inner
            .load_gmpp(year, &bytes, &options)
            .map_err(|e| core_error(py, &e))?;
        Ok(())
    }

    /// Add a loaded sheet as the release of `year`, dated as that year's data are.
    fn add(&mut self, py: Python<'_>, year: i32, sheet: &Bound<'_, PySheet>) -> PyResult<()> {
        let as_of = gmpp_as_of(year).ok_or_else(|| PyTypeError::new_err("year out of range"))?;
        let sheet = sheet.get().inner.as_ref().clone();
        self.inner
            .push(&year.to_string(), as_of, sheet)
            .map_err(|e| core_error(py, &e))
    }

    /// Take every project written `name` to be the project `key`.
    fn same_project(&mut self, name: &PyStr<'_>, key: &PyStr<'_>) -> PyResult<()> {
        self.inner
            .same_project(&text(name, "name")?, &text(key, "key")?);
        Ok(())
    }

    /// Add a department, or more names for one already known.
    fn add_department(
        &mut self,
        py: Python<'_>,
        name: &PyStr<'_>,
        aliases: Vec<PyStr<'_>>,
    ) -> PyResult<()> {
        let aliases = aliases
            .iter()
            .map(|a| text(a, "aliases"))
            .collect::<PyResult<Vec<_>>>()?;
        let aliases: Vec<&str> = aliases.iter().map(|a| &**a).collect();
        self.inner
            .departments_mut()
            .add(&text(name, "name")?, &aliases)
            .map_err(|e| core_error(py, &e))
    }

    /// Every sheet's problems, then the projects matched across releases by name.
    fn problems<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let mut all: Vec<_> = self
            .inner
            .releases()
            .iter()
            .flat_map(|r| r.sheet.problems.clone())
            .collect();
        all.extend(self.history(py)?.problems);
        to_py(py, &all)
    }

    /// Per release: `items`, `ratings`, `non_ratings`, `blank`, `unreadable` of a rating field.
    #[pyo3(signature = (field = None), text_signature = "($self, field='assessor_rating')")]
    fn rating_summary<'py>(
        &self,
        py: Python<'py>,
        field: Option<&PyStr<'py>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let field = opt_text(field, "field")?;
        let field = field.as_deref().unwrap_or("assessor_rating");
        to_py(py, &self.history(py)?.snapshots.rating_summary(field))
    }

    /// Per release and department: `items` and `counts` of a rating field.
    #[pyo3(signature = (field = None), text_signature = "($self, field='assessor_rating')")]
    fn rating_counts_by_owner<'py>(
        &self,
        py: Python<'py>,
        field: Option<&PyStr<'py>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let field = opt_text(field, "field")?;
        let field = field.as_deref().unwrap_or("assessor_rating");
        to_py(
            py,
            &self.history(py)?.snapshots.rating_counts_by_owner(field),
        )
    }

    /// Each project's end-date slippage across the releases.
    fn slippage<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.history(py)?.snapshots.slippage())
    }

    /// What changed for each project from one release to the next.
    fn changes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.history(py)?.snapshots.changes())
    }

    /// Each project's schedule health in each release.
    #[pyo3(signature = (start_field = None, progress_field = None), text_signature = "($self, start_field='start_date', progress_field=None)")]
    fn schedule_health<'py>(
        &self,
        py: Python<'py>,
        start_field: Option<&PyStr<'py>>,
        progress_field: Option<&PyStr<'py>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let start_field = opt_text(start_field, "start_field")?;
        let start_field = start_field.as_deref().unwrap_or("start_date");
        let progress_field = opt_text(progress_field, "progress_field")?;
        to_py(
            py,
            &self
                .history(py)?
                .snapshots
                .schedule_health(start_field, progress_field.as_deref()),
        )
    }

    fn __len__(&self) -> usize {
        self.inner.releases().len()
    }
}
