//! Deadlines: `parse_deadline`, `parse_edtf`, `find_deadlines`, the `Deadline` class, and the column-wise
//! parser behind `parse_deadlines`.

use chrono::NaiveDate;
use numpy::datetime::{units::Days, Datetime};
use numpy::PyArray1;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDate, PyDict, PyList, PyString};
use roadmap_tracker::deadline::{self, Deadline};
use roadmap_tracker::tables::{DeadlineColumn, DeadlineTable, Offsets};
use roadmap_tracker::{ErrorCode, Location};

use crate::convert::{extract_date, extract_opt_date, is_missing, text, text_at, to_py, PyStr};
use crate::errors::{argument_error, detached, OrRaise};
use crate::roadmap::py_repr;

/// A deadline read from a phrase: the window it names, what it named and the conventions
/// applied. Immutable; equal when every field is equal.
#[pyclass(name = "Deadline", module = "roadmap_tracker", frozen, eq, hash)]
#[derive(PartialEq, Eq, Hash)]
pub struct PyDeadline {
    inner: Deadline,
}

#[pymethods]
impl PyDeadline {
    /// The phrase exactly as given.
    #[getter]
    fn phrase(&self) -> &str {
        self.inner.phrase()
    }

    /// The date of the document that wrote the phrase.
    #[getter]
    fn written_on(&self) -> NaiveDate {
        self.inner.written_on()
    }

    /// `by`, `during`, `from`, `ongoing`, `past` or `none`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind().as_str()
    }

    /// The first day of the window (inclusive), or `None` for an open start.
    #[getter]
    fn earliest(&self) -> Option<NaiveDate> {
        self.inner.earliest()
    }

    /// The last day of the window (inclusive), or `None` for an open end.
    #[getter]
    fn latest(&self) -> Option<NaiveDate> {
        self.inner.latest()
    }

    /// The unit the phrase named: `day`, `month`, `season`, `quarter`, `half`, `year`,
    /// `multi_year`, `open` or `unknown`.
    #[getter]
    fn granularity(&self) -> &'static str {
        self.inner.granularity().as_str()
    }

    /// What the phrase named (`date`, `month`, `season`, `financial_year`, ...).
    #[getter]
    fn named(&self) -> &'static str {
        self.inner.named().as_str()
    }

    /// The part of it (`start`, `early`, `mid`, `late`, `end`, `rest_of`), or `None`.
    #[getter]
    fn part(&self) -> Option<&'static str> {
        self.inner.part().map(|p| p.as_str())
    }

    /// Whether the phrase said "around", "about" or similar.
    #[getter]
    fn approximate(&self) -> bool {
        self.inner.is_approximate()
    }

    /// Whether the phrase marked the date as uncertain.
    #[getter]
    fn uncertain(&self) -> bool {
        self.inner.is_uncertain()
    }

    /// The EDTF (ISO 8601-2) rendering of the window, or `None`.
    #[getter]
    fn edtf(&self) -> Option<String> {
        self.inner.edtf()
    }

    /// The stable ids of the conventions applied, in order.
    #[getter]
    fn rules(&self) -> Vec<&'static str> {
        self.inner.rules().to_vec()
    }

    /// The first day of the period in which the deadline is "due now", or `None`.
    #[getter]
    fn due_from(&self) -> Option<NaiveDate> {
        self.inner.due_from()
    }

    /// Judge the deadline as of a date, optionally with the date it was delivered: a dict
    /// with `state` (`not_yet_due`, `due_now`, `overdue`, `met_on_time`, ...), `days` (until
    /// or past the window, or `None`) and `rule`.
    #[pyo3(signature = (as_of, delivered_on = None))]
    fn judge<'py>(
        &self,
        py: Python<'py>,
        as_of: &Bound<'py, PyAny>,
        delivered_on: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = extract_date(as_of, "as_of")?;
        let delivered_on = extract_opt_date(delivered_on, "delivered_on")?;
        to_py(py, &self.inner.judge(as_of, delivered_on))
    }

    /// Every field as a dict (the JSON form, with dates as `date`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let d = &self.inner;
        let date = |v: Option<NaiveDate>| v.map_or_else(|| "None".to_owned(), |d| d.to_string());
        Ok(format!(
            "Deadline(phrase={}, written_on={}, kind='{}', earliest={}, latest={}, granularity='{}')",
            py_repr(py, d.phrase())?,
            d.written_on(),
            d.kind().as_str(),
            date(d.earliest()),
            date(d.latest()),
            d.granularity().as_str(),
        ))
    }
}

/// Read a deadline phrase written on `written_on` (the date of the document that wrote
/// it: required, never today) into a `Deadline`; raises `DeadlineError` naming the
/// offending span when the phrase is refused.
#[pyfunction]
pub fn parse_deadline(
    py: Python<'_>,
    phrase: &PyStr<'_>,
    written_on: &Bound<'_, PyAny>,
) -> PyResult<PyDeadline> {
    let (phrase, written_on) = (
        text(phrase, "phrase")?,
        extract_date(written_on, "written_on")?,
    );
    crate::errors::guarded(py, || deadline::parse(&phrase, written_on))?
        .map(|inner| PyDeadline { inner })
        .or_raise(py)
}

/// Read an EDTF (ISO 8601-2, levels 0-2) string written on `written_on` into a
/// `Deadline`.
#[pyfunction]
pub fn parse_edtf(
    py: Python<'_>,
    edtf: &PyStr<'_>,
    written_on: &Bound<'_, PyAny>,
) -> PyResult<PyDeadline> {
    let (edtf, written_on) = (text(edtf, "edtf")?, extract_date(written_on, "written_on")?);
    crate::errors::guarded(py, || deadline::parse_edtf(&edtf, written_on))?
        .map(|inner| PyDeadline { inner })
        .or_raise(py)
}

/// Every deadline expression in a running `text` written on `written_on`, in order: a
/// list of dicts `{start, end, text, cues, deadline}` (`start`/`end` in code points, so
/// `text[start:end]` is the expression; `deadline` a `Deadline`). Raises `DeadlineError`
/// for a malformed expression, or `no_deadline_found` when there is none.
#[pyfunction]
pub fn find_deadlines<'py>(
    py: Python<'py>,
    text: &PyStr<'py>,
    written_on: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let (text, written_on) = (
        crate::convert::text(text, "text")?,
        extract_date(written_on, "written_on")?,
    );
    let found = crate::errors::guarded(py, || deadline::find(&text, written_on))?.or_raise(py)?;
    let out = PyList::empty(py);
    for f in found {
        let item = to_py(py, &f)?;
        let (start, end) = f.span();
        item.set_item("start", Offsets::CodePoints.of(&text, start))?;
        item.set_item("end", Offsets::CodePoints.of(&text, end))?;
        item.set_item(
            "deadline",
            PyDeadline {
                inner: f.into_deadline(),
            },
        )?;
        out.append(item)?;
    }
    Ok(out)
}

// ------------------------------------------------------------------------------------------
// Whole columns

/// A column of dates: one date for every row, or a list with one per row (None, NaN and
/// NaT are missing).
fn dates_column(
    value: &Bound<'_, PyAny>,
    rows: usize,
    what: &str,
) -> PyResult<Vec<Option<NaiveDate>>> {
    let Ok(list) = value.cast::<PyList>() else {
        let one = match is_missing(value)? {
            true => None,
            false => Some(extract_date(value, what)?),
        };
        return Ok(vec![one; rows]);
    };
    if list.len() != rows {
        let message = format!("{rows} phrases but {} {what} dates", list.len());
        return Err(argument_error(
            value.py(),
            ErrorCode::InvalidArgument,
            what,
            message,
        ));
    }
    let mut out = Vec::with_capacity(rows);
    for (row, item) in list.iter().enumerate() {
        // A `datetime.date` itself (the common case) is never missing: read it at once,
        // without the type-name checks and the row's name.
        if item.is_exact_instance_of::<PyDate>() {
            out.push(Some(item.extract::<NaiveDate>()?));
            continue;
        }
        out.push(match is_missing(&item)? {
            true => None,
            false => Some(extract_date(&item, &format!("{what}[{row}]"))?),
        });
    }
    Ok(out)
}

/// Days from 1970-01-01 as NumPy counts them; NaT (`i64::MIN`) for no date.
fn day(date: Option<NaiveDate>) -> Datetime<Days> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    Datetime::from(date.map_or(i64::MIN, |d| (d - epoch).num_days()))
}

/// The engine of `parse_deadlines`: parse a list of phrases (None or NaN is a missing
/// cell, read as an empty phrase) written on one date or one date per phrase, judge them
/// as of `as_of` when given, and return the columns: NumPy arrays for dates
/// (`datetime64[D]`, NaT for none), flags and numbers (`int64`, `i64::MIN` for none),
/// lists for text.
#[pyfunction]
#[pyo3(signature = (phrases, written_on, *, as_of = None, delivered_on = None))]
pub fn _parse_deadline_columns<'py>(
    py: Python<'py>,
    phrases: &Bound<'py, PyList>,
    written_on: &Bound<'py, PyAny>,
    as_of: Option<&Bound<'py, PyAny>>,
    delivered_on: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let rows = phrases.len();
    let mut texts = Vec::with_capacity(rows);
    for (row, item) in phrases.iter().enumerate() {
        if let Ok(s) = item.cast::<PyString>() {
            texts.push(Some(text_at(s, || {
                Location::path(format!("phrases[{row}]"))
            })?));
        } else if is_missing(&item)? {
            texts.push(None);
        } else {
            let type_name = item.get_type().name()?;
            let message = format!("phrases[{row}] must be a string, not {type_name}");
            return Err(PyTypeError::new_err(message));
        }
    }
    let written = dates_column(written_on, rows, "written_on")?;
    let as_of = extract_opt_date(as_of, "as_of")?;
    let delivered = match delivered_on {
        Some(v) => dates_column(v, rows, "delivered_on")?,
        None => vec![None; rows],
    };
    let phrases: Vec<Option<&str>> = texts.iter().map(|p| p.as_deref()).collect();
    let table = detached(py, || {
        DeadlineTable::new(&phrases, &written, as_of, &delivered, Offsets::CodePoints)
    })?
    .or_raise(py)?;
    let out = PyDict::new(py);
    for (name, column) in table.into_columns() {
        let column = match column {
            DeadlineColumn::Dates(v) => PyArray1::from_iter(py, v.into_iter().map(day)).into_any(),
            DeadlineColumn::Flags(v) => PyArray1::from_vec(py, v).into_any(),
            DeadlineColumn::Numbers(v) => {
                PyArray1::from_iter(py, v.into_iter().map(|n| n.unwrap_or(i64::MIN))).into_any()
            }
            // `(codes, names)`: an int32 array and the list its codes index.
            DeadlineColumn::Names { codes, names } => (PyArray1::from_vec(py, codes), names)
                .into_pyobject(py)?
                .into_any(),
            DeadlineColumn::Texts { codes, texts } => (PyArray1::from_vec(py, codes), texts)
                .into_pyobject(py)?
                .into_any(),
            _ => py.None().into_bound(py),
        };
        out.set_item(name, column)?;
    }
    Ok(out)
}
