//! Messy spreadsheets: the `Sheet` class over the core's `spreadsheet::Sheet`.
//!
//! The core reads and checks everything: the column mapping (a dict, read as the core's
//! `MappingSpec`), the presets, the load options and the text's encoding. This module
//! only converts the sheet's values to Python.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyType};
use roadmap_tracker::io::decode_utf8;
use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, Severity, Sheet, Value};
use roadmap_tracker::status::Vocabulary;
use roadmap_tracker::Error;

use crate::convert::{instance, json_text, to_py};
use crate::errors::{core_error, run, OrRaise};

/// The arguments every way of reading a sheet shares.
struct Options<'a, 'py> {
    mapping: Option<&'a Bound<'py, PyAny>>,
    preset: Option<&'a str>,
    vocabulary: Option<&'a str>,
    delimiter: Option<&'a str>,
    two_digit_year_pivot: Option<i64>,
}

fn read(py: Python<'_>, bytes: &[u8], file: &str, o: Options<'_, '_>) -> PyResult<PySheet> {
    let text = decode_utf8(bytes, Some(file)).or_raise(py)?;
    let mapping = o
        .mapping
        .filter(|m| !m.is_none())
        .map(json_text)
        .transpose()?;
    let (text, file) = (text.to_owned(), file.to_owned());
    let (preset, vocabulary, delimiter) = (
        o.preset.map(str::to_owned),
        o.vocabulary.map(str::to_owned),
        o.delimiter.map(str::to_owned),
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
        Sheet::load(&text, &mapping, &options).map(|sheet| (sheet, mapping))
    })?;
    let (sheet, mapping) = sheet;
    let fields = mapping.fields().iter().map(|f| f.name.clone()).collect();
    Ok(PySheet {
        inner: Arc::new(sheet),
        fields,
    })
}

/// A sheet read as it is: every row with its cells as written and its mapped values, and
/// the problem report.
#[pyclass(name = "Sheet", module = "roadmap_tracker", frozen, subclass)]
pub struct PySheet {
    inner: Arc<Sheet>,
    fields: Vec<String>,
}

fn value_kind(value: &Value) -> &'static str {
    match value {
        Value::Empty => "empty",
        Value::Text(_) => "text",
        Value::Date(_) => "date",
        Value::DateText(_) => "date_text",
        Value::Number(_) => "number",
        Value::Rating(_) => "rating",
        Value::Unreadable(_) => "unreadable",
    }
}

/// A value as plain Python: None, str, date, float, or a rating's key (the label, or
/// `[withheld]` for a non-rating).
fn plain<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Empty => py.None().into_bound(py),
        Value::Text(t) | Value::DateText(t) | Value::Unreadable(t) => {
            PyString::new(py, t).into_any()
        }
        Value::Date(d) => d.into_pyobject(py)?.into_any(),
        Value::Number(n) => n.into_pyobject(py)?.into_any(),
        Value::Rating(r) => PyString::new(py, &r.key()).into_any(),
    })
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

    /// Read a sheet from its text (`str`, or UTF-8 `bytes`). `mapping` maps field names to
    /// a header, a list of headers, or a dict (`headers`, `kind`, `vocabulary`,
    /// `occurrence`, `required`); `preset="gmpp"` is the UK major projects mapping instead
    /// (`vocabulary` picks its scale, `gmpp-5` by default, and is the default vocabulary
    /// of rating fields in a mapping). `delimiter` is detected when None.
    #[classmethod]
    #[pyo3(signature = (text, mapping = None, *, preset = None, vocabulary = None, delimiter = None, two_digit_year_pivot = None, file = "sheet"))]
    #[allow(clippy::too_many_arguments)]
    fn from_text<'py>(
        cls: &Bound<'py, PyType>,
        text: &Bound<'py, PyAny>,
        mapping: Option<&Bound<'py, PyAny>>,
        preset: Option<&str>,
        vocabulary: Option<&str>,
        delimiter: Option<&str>,
        two_digit_year_pivot: Option<i64>,
        file: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let bytes = match (text.cast::<PyString>(), text.cast::<PyBytes>()) {
            (Ok(s), _) => s.to_str()?.as_bytes().to_vec(),
            (_, Ok(b)) => b.as_bytes().to_vec(),
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
        };
        instance(cls, read(cls.py(), &bytes, file, o)?)
    }

    /// Read a sheet from a file (UTF-8); problems name the file by its name. The other
    /// arguments are those of `from_text`.
    #[classmethod]
    #[pyo3(signature = (path, mapping = None, *, preset = None, vocabulary = None, delimiter = None, two_digit_year_pivot = None))]
    fn load<'py>(
        cls: &Bound<'py, PyType>,
        path: PathBuf,
        mapping: Option<&Bound<'py, PyAny>>,
        preset: Option<&str>,
        vocabulary: Option<&str>,
        delimiter: Option<&str>,
        two_digit_year_pivot: Option<i64>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = cls.py();
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
    fn fields(&self) -> Vec<String> {
        self.fields.clone()
    }

    /// Every row: `line`, `cells` (as written) and `values` (field → `{"kind", "value"}`;
    /// kinds `empty`, `text`, `date`, `date_text`, `number`, `rating` (the value is the
    /// reading: a label, or a non-rating), `unreadable`).
    #[getter]
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for row in &self.inner.rows {
            let values = PyDict::new(py);
            for (name, value) in &row.values {
                let v = PyDict::new(py);
                v.set_item("kind", value_kind(value))?;
                match value {
                    Value::Rating(r) => v.set_item("value", to_py(py, r)?)?,
                    other => v.set_item("value", plain(py, other)?)?,
                }
                values.set_item(name, v)?;
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
    /// cell's text for date text and unreadable cells).
    fn records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for row in &self.inner.rows {
            let d = PyDict::new(py);
            d.set_item("line", row.line)?;
            for (name, value) in &row.values {
                d.set_item(name, plain(py, value)?)?;
            }
            out.append(d)?;
        }
        Ok(out)
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
