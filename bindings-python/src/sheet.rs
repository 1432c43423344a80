//! Messy spreadsheets: the `Sheet` class over the core's `spreadsheet::Sheet`.
//!
//! The column mapping arrives as a dict and is turned into the core's `ColumnMapping`
//! here; every unknown key, kind or vocabulary is an error, never ignored. The core reads
//! the sheet; this module only converts its values to Python.

use std::path::PathBuf;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use roadmap_tracker::spreadsheet::{ColumnMapping, FieldKind, LoadOptions, Sheet, Value};
use roadmap_tracker::status::Vocabulary;
use roadmap_tracker::{Error, ErrorCode, Location, Problem};

use crate::convert::to_py;
use crate::errors::{argument_error, core_error, detached, io_error};
use crate::roadmap::call_shell;

/// The presets `preset=` accepts.
const PRESETS: [&str; 1] = ["gmpp"];

/// The keys a field's dict may hold.
const FIELD_KEYS: [&str; 5] = ["headers", "kind", "vocabulary", "occurrence", "required"];

/// Sheet text from `str`, or from `bytes` that must be UTF-8 (a byte-order mark is kept
/// so that it is written back).
fn sheet_text(value: &Bound<'_, PyAny>, file: &str) -> PyResult<String> {
    let py = value.py();
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(s.to_str()?.to_owned());
    }
    if let Ok(b) = value.cast::<PyBytes>() {
        return utf8(py, b.as_bytes().to_vec(), file);
    }
    Err(PyTypeError::new_err(
        "text must be str or bytes (use Sheet.load for a path)",
    ))
}

fn utf8(py: Python<'_>, bytes: Vec<u8>, file: &str) -> PyResult<String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        core_error(
            py,
            &Error::format(Problem::new(
                ErrorCode::Encoding,
                Location::default().in_file(file),
                format!("the sheet is not UTF-8: invalid byte at offset {at}"),
            )),
        )
    })
}

/// A list of header strings from a str or a list/tuple of str.
fn headers_of(value: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<String>> {
    let py = value.py();
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(vec![s.to_str()?.to_owned()]);
    }
    if value.cast::<PyList>().is_ok() || value.cast::<pyo3::types::PyTuple>().is_ok() {
        let mut out = Vec::new();
        for item in value.try_iter()? {
            let item = item?;
            match item.cast::<PyString>() {
                Ok(s) => out.push(s.to_str()?.to_owned()),
                Err(_) => {
                    return Err(argument_error(
                        py,
                        "invalid_argument",
                        format!("mapping[{field:?}]: headers must be strings"),
                    ))
                }
            }
        }
        return Ok(out);
    }
    Err(argument_error(
        py,
        "invalid_argument",
        format!("mapping[{field:?}]: headers must be a str or a list of str"),
    ))
}

fn vocabulary_named(py: Python<'_>, id: &str) -> PyResult<&'static Vocabulary> {
    Vocabulary::builtin(id).map_err(|e| core_error(py, &e))
}

/// The core's `ColumnMapping` from a dict: field name → a header, a list of headers, or a
/// dict with `headers`, `kind` (`text`, `date`, `number`, `rating`), `vocabulary`,
/// `occurrence` and `required`.
fn mapping_arg(
    mapping: &Bound<'_, PyAny>,
    default_vocabulary: Option<&'static Vocabulary>,
) -> PyResult<ColumnMapping> {
    let py = mapping.py();
    let dict = mapping.cast::<PyDict>().map_err(|_| {
        PyTypeError::new_err("mapping must be a dict of field name to header(s) or field dict")
    })?;
    let mut out = ColumnMapping::new();
    for (key, spec) in dict.iter() {
        let name: String = key
            .cast::<PyString>()
            .map_err(|_| argument_error(py, "invalid_argument", "mapping keys must be strings"))?
            .to_str()?
            .to_owned();
        if name == "line" {
            // `records()` puts the row's line under "line"; a field of that name would hide it.
            return Err(argument_error(
                py,
                "invalid_argument",
                "mapping: \"line\" is reserved for the row's line number; name the field otherwise",
            ));
        }
        let (headers, kind, occurrence, required) = if let Ok(field) = spec.cast::<PyDict>() {
            for k in field.keys() {
                let k: String = k.str()?.to_str()?.to_owned();
                if !FIELD_KEYS.contains(&k.as_str()) {
                    return Err(argument_error(
                        py,
                        "unknown_field",
                        format!(
                            "mapping[{name:?}]: unknown key {k:?}; expected {}",
                            FIELD_KEYS.join(", ")
                        ),
                    ));
                }
            }
            let headers = match field.get_item("headers")? {
                Some(h) => headers_of(&h, &name)?,
                None => Vec::new(),
            };
            let kind_name: String = match field.get_item("kind")? {
                Some(k) => k.extract().map_err(|_| {
                    argument_error(
                        py,
                        "invalid_argument",
                        format!("mapping[{name:?}]: kind must be a str"),
                    )
                })?,
                None => "text".to_owned(),
            };
            let vocabulary: Option<String> = match field.get_item("vocabulary")? {
                Some(v) if !v.is_none() => Some(v.extract().map_err(|_| {
                    argument_error(
                        py,
                        "invalid_argument",
                        format!("mapping[{name:?}]: vocabulary must be a str"),
                    )
                })?),
                _ => None,
            };
            let kind = match kind_name.as_str() {
                "text" => FieldKind::Text,
                "date" => FieldKind::Date,
                "number" => FieldKind::Number,
                "rating" => FieldKind::Rating(match vocabulary.as_deref() {
                    Some(id) => vocabulary_named(py, id)?,
                    None => default_vocabulary.ok_or_else(|| {
                        argument_error(
                            py,
                            "missing_field",
                            format!(
                                "mapping[{name:?}]: a rating field needs a vocabulary (in the field or as vocabulary=)"
                            ),
                        )
                    })?,
                }),
                other => {
                    return Err(argument_error(
                        py,
                        "unknown_value",
                        format!(
                            "mapping[{name:?}]: kind {other:?} is not one of text, date, number, rating"
                        ),
                    ))
                }
            };
            if vocabulary.is_some() && !matches!(kind, FieldKind::Rating(_)) {
                return Err(argument_error(
                    py,
                    "invalid_argument",
                    format!("mapping[{name:?}]: vocabulary is only for rating fields"),
                ));
            }
            let occurrence: usize = match field.get_item("occurrence")? {
                Some(o) => o
                    .extract()
                    .ok()
                    .filter(|n: &usize| *n >= 1)
                    .ok_or_else(|| {
                        argument_error(
                            py,
                            "invalid_argument",
                            format!("mapping[{name:?}]: occurrence must be an int of at least 1"),
                        )
                    })?,
                None => 1,
            };
            let required = match field.get_item("required")? {
                Some(r) => r.extract::<bool>().map_err(|_| {
                    argument_error(
                        py,
                        "invalid_argument",
                        format!("mapping[{name:?}]: required must be a bool"),
                    )
                })?,
                None => false,
            };
            (headers, kind, occurrence, required)
        } else {
            (headers_of(&spec, &name)?, FieldKind::Text, 1, false)
        };
        let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        out = out.field(&name, kind, &refs).occurrence(occurrence);
        if required {
            out = out.required();
        }
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn build(
    py: Python<'_>,
    text: String,
    file: String,
    mapping: Option<&Bound<'_, PyAny>>,
    preset: Option<&str>,
    vocabulary: Option<&str>,
    delimiter: Option<&str>,
    two_digit_year_pivot: Option<i64>,
) -> PyResult<PySheet> {
    let default_vocabulary = vocabulary.map(|id| vocabulary_named(py, id)).transpose()?;
    let mapping = mapping.filter(|m| !m.is_none());
    let mapping = match (preset, mapping) {
        (Some(_), Some(_)) => {
            return Err(argument_error(
                py,
                "invalid_argument",
                "give a mapping or a preset, not both",
            ))
        }
        (Some("gmpp"), None) => ColumnMapping::gmpp(match default_vocabulary {
            Some(v) => v,
            None => vocabulary_named(py, "gmpp-5")?,
        }),
        (Some(other), None) => {
            return Err(argument_error(
                py,
                "unknown_value",
                format!(
                    "preset {other:?} is not one of {}",
                    PRESETS.map(|p| format!("{p:?}")).join(", ")
                ),
            ))
        }
        (None, Some(m)) => mapping_arg(m, default_vocabulary)?,
        (None, None) => ColumnMapping::new(),
    };
    let mut options = LoadOptions::for_file(&file);
    if let Some(d) = delimiter {
        match d.as_bytes() {
            [b] if b.is_ascii() && !matches!(b, b'"' | b'\r' | b'\n') => {
                options.delimiter = Some(*b)
            }
            _ => {
                return Err(argument_error(
                    py,
                    "invalid_argument",
                    format!("delimiter must be one ASCII character such as \";\", \",\" or \"\\t\", not {d:?}"),
                ))
            }
        }
    }
    if let Some(pivot) = two_digit_year_pivot {
        options.two_digit_year_pivot =
            u8::try_from(pivot)
                .ok()
                .filter(|p| *p <= 100)
                .ok_or_else(|| {
                    argument_error(
                        py,
                        "invalid_argument",
                        format!("two_digit_year_pivot must be from 0 to 100, not {pivot}"),
                    )
                })?;
    }
    let fields = mapping.fields().iter().map(|f| f.name.clone()).collect();
    let sheet = detached(py, move || Sheet::load(&text, &mapping, &options))?
        .map_err(|e| core_error(py, &e))?;
    Ok(PySheet {
        inner: sheet,
        fields,
    })
}

/// A sheet read as it is: every row with its cells as written and its mapped values, and
/// the problem report.
#[pyclass(name = "Sheet", module = "roadmap_tracker", frozen)]
pub struct PySheet {
    inner: Sheet,
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
    /// Read a sheet from its text (`str`, or UTF-8 `bytes`). `mapping` maps field names to
    /// a header, a list of headers, or a dict (`headers`, `kind`, `vocabulary`,
    /// `occurrence`, `required`); `preset="gmpp"` is the UK major projects mapping instead
    /// (`vocabulary` picks its scale, `gmpp-5` by default, and is the default vocabulary
    /// of rating fields in a mapping). `delimiter` is detected when None.
    #[staticmethod]
    #[pyo3(signature = (text, mapping = None, *, preset = None, vocabulary = None, delimiter = None, two_digit_year_pivot = None, file = "sheet"))]
    #[allow(clippy::too_many_arguments)]
    fn from_text(
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        mapping: Option<&Bound<'_, PyAny>>,
        preset: Option<&str>,
        vocabulary: Option<&str>,
        delimiter: Option<&str>,
        two_digit_year_pivot: Option<i64>,
        file: &str,
    ) -> PyResult<PySheet> {
        let text = sheet_text(text, file)?;
        build(
            py,
            text,
            file.to_owned(),
            mapping,
            preset,
            vocabulary,
            delimiter,
            two_digit_year_pivot,
        )
    }

    /// Read a sheet from a file (UTF-8); problems name the file by its name. The other
    /// arguments are those of `from_text`.
    #[staticmethod]
    #[pyo3(signature = (path, mapping = None, *, preset = None, vocabulary = None, delimiter = None, two_digit_year_pivot = None))]
    fn load(
        py: Python<'_>,
        path: PathBuf,
        mapping: Option<&Bound<'_, PyAny>>,
        preset: Option<&str>,
        vocabulary: Option<&str>,
        delimiter: Option<&str>,
        two_digit_year_pivot: Option<i64>,
    ) -> PyResult<PySheet> {
        let bytes = py
            .detach(|| std::fs::read(&path))
            .map_err(|e| io_error(py, &path, e))?;
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |f| f.to_string_lossy().into_owned(),
        );
        let text = utf8(py, bytes, &file)?;
        build(
            py,
            text,
            file,
            mapping,
            preset,
            vocabulary,
            delimiter,
            two_digit_year_pivot,
        )
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
        self.inner.to_csv().map_err(|e| core_error(py, &e))
    }

    /// The problem report as CSV text.
    fn problems_csv(&self, py: Python<'_>) -> PyResult<String> {
        self.inner.problems_csv().map_err(|e| core_error(py, &e))
    }

    /// A DataFrame (a list of dicts without pandas) of the `rows` (as `records()`) or the
    /// `problems`.
    #[pyo3(signature = (what = "rows"))]
    fn to_dataframe<'py>(slf: &Bound<'py, Self>, what: &str) -> PyResult<Bound<'py, PyAny>> {
        if !matches!(what, "rows" | "problems") {
            return Err(argument_error(
                slf.py(),
                "invalid_argument",
                format!("what must be \"rows\" or \"problems\", not {what:?}"),
            ));
        }
        call_shell(slf.py(), "sheet_to_dataframe", (slf, what))
    }

    /// Everything as one dict (the core's JSON form).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The number of data rows.
    fn __len__(&self) -> usize {
        self.inner.rows.len()
    }

    fn __repr__(&self) -> String {
        let errors = self
            .inner
            .problems_of(roadmap_tracker::spreadsheet::Severity::Error)
            .count();
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
