//! Deadlines: `parse_deadline`, `parse_edtf`, `find_deadlines`, the `Deadline` class, and the column-wise
//! parser behind `parse_deadlines`.

use chrono::NaiveDate;
use numpy::datetime::{units::Days, Datetime};
use numpy::PyArray1;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyFloat, PyList, PyString};
use roadmap_tracker::deadline::{self, Deadline};
use roadmap_tracker::Error;
use roadmap_tracker::ErrorCode;

use crate::convert::{code_points, extract_date, extract_opt_date, to_py};
use crate::errors::{argument_error, core_error, detached};
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
    phrase: &str,
    written_on: &Bound<'_, PyAny>,
) -> PyResult<PyDeadline> {
    let written_on = extract_date(written_on, "written_on")?;
    crate::errors::guarded(py, || deadline::parse(phrase, written_on))?
        .map(|inner| PyDeadline { inner })
        .map_err(|e| core_error(py, &e))
}

/// Read an EDTF (ISO 8601-2, levels 0-2) string written on `written_on` into a
/// `Deadline`.
#[pyfunction]
pub fn parse_edtf(
    py: Python<'_>,
    edtf: &str,
    written_on: &Bound<'_, PyAny>,
) -> PyResult<PyDeadline> {
    let written_on = extract_date(written_on, "written_on")?;
    crate::errors::guarded(py, || deadline::parse_edtf(edtf, written_on))?
        .map(|inner| PyDeadline { inner })
        .map_err(|e| core_error(py, &e))
}

/// Every deadline expression in a running `text` written on `written_on`, in order: a
/// list of dicts `{start, end, text, cues, deadline}` (`start`/`end` in code points, so
/// `text[start:end]` is the expression; `deadline` a `Deadline`). Raises `DeadlineError`
/// for a malformed expression, or `no_deadline_found` when there is none.
#[pyfunction]
pub fn find_deadlines<'py>(
    py: Python<'py>,
    text: &str,
    written_on: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let written_on = extract_date(written_on, "written_on")?;
    let found = crate::errors::guarded(py, || deadline::find(text, written_on))?
        .map_err(|e| core_error(py, &e))?;
    let out = PyList::empty(py);
    for f in found {
        let item = to_py(py, &f)?;
        let (start, end) = f.span();
        item.set_item("start", code_points(text, start))?;
        item.set_item("end", code_points(text, end))?;
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
        return Ok(vec![extract_opt_date(Some(value), what)?; rows]);
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
        let missing = item.cast::<PyFloat>().is_ok_and(|f| f.value().is_nan())
            || item.get_type().name()?.to_str()? == "NaTType";
        out.push(match missing {
            true => None,
            false => extract_opt_date(Some(&item), &format!("{what}[{row}]"))?,
        });
    }
    Ok(out)
}

/// A column of names (the core's `as_str` values), dictionary-encoded: the codes (`-1` for
/// none) and the names in order of first appearance, which pandas reads as a categorical
/// without hashing a million strings.
#[derive(Default)]
struct Names {
    codes: Vec<i32>,
    names: Vec<&'static str>,
}

impl Names {
    fn push(&mut self, name: Option<&'static str>) {
        let code = name.map_or(-1, |name| {
            // Names are a handful per column: a scan beats hashing.
            let at = self.names.iter().position(|n| *n == name);
            let at = at.unwrap_or_else(|| {
                self.names.push(name);
                self.names.len() - 1
            });
            i32::try_from(at).unwrap_or(-1)
        });
        self.codes.push(code);
    }
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
            texts.push(Some(PyBackedStr::try_from(s.clone())?));
        } else if item.is_none() || item.cast::<PyFloat>().is_ok_and(|f| f.value().is_nan()) {
            texts.push(None);
        } else {
            let type_name = item.get_type().name()?;
            let message = format!("phrases[{row}] must be a string, not {type_name}");
            return Err(PyTypeError::new_err(message));
        }
    }
    let mut written = Vec::with_capacity(rows);
    for (row, day) in dates_column(written_on, rows, "written_on")?
        .into_iter()
        .enumerate()
    {
        written.push(day.ok_or_else(|| {
            let message = format!("written_on[{row}] is missing: every phrase needs one");
            argument_error(py, ErrorCode::InvalidArgument, "written_on", message)
        })?);
    }
    let as_of = extract_opt_date(as_of, "as_of")?;
    let delivered = match delivered_on {
        Some(v) => dates_column(v, rows, "delivered_on")?,
        None => vec![None; rows],
    };
    let phrase = |row: usize| texts.get(row).and_then(|p| p.as_deref()).unwrap_or("");
    let parsed = detached(py, || {
        deadline::parse_all((0..rows).map(phrase).zip(written.iter().copied()))
    })?;

    let none = || py.None().into_bound(py);
    let text = |s: Option<&str>| s.map_or_else(none, |s| PyString::new(py, s).into_any());
    type Columns<'py> = (
        [Vec<Datetime<Days>>; 4],
        [Vec<bool>; 2],
        [Vec<i64>; 3],
        [Names; 7],
        [Vec<Bound<'py, PyAny>>; 3],
    );
    let (mut dates, mut flags, mut ints, mut names, mut texts_out): Columns<'py> =
        Default::default();
    for (row, result) in parsed.iter().enumerate() {
        let (d, e) = (result.as_ref().ok(), result.as_ref().err());
        let judged = as_of
            .zip(d)
            .map(|(a, d)| d.judge(a, delivered.get(row).copied().flatten()));
        let span = e
            .and_then(Error::span)
            .map(|(s, e)| (code_points(phrase(row), s), code_points(phrase(row), e)));
        let number = |n: Option<usize>| n.and_then(|n| i64::try_from(n).ok()).unwrap_or(i64::MIN);
        let row_dates = [
            written.get(row).copied(),
            d.and_then(Deadline::earliest),
            d.and_then(Deadline::latest),
            d.and_then(Deadline::due_from),
        ];
        for (column, value) in dates.iter_mut().zip(row_dates) {
            column.push(day(value));
        }
        for (column, value) in flags.iter_mut().zip([
            d.is_some_and(Deadline::is_approximate),
            d.is_some_and(Deadline::is_uncertain),
        ]) {
            column.push(value);
        }
        let row_ints = [
            judged.and_then(|j| j.days).unwrap_or(i64::MIN),
            number(span.map(|s| s.0)),
            number(span.map(|s| s.1)),
        ];
        for (column, value) in ints.iter_mut().zip(row_ints) {
            column.push(value);
        }
        let row_names = [
            d.map(|d| d.kind().as_str()),
            d.map(|d| d.granularity().as_str()),
            d.map(|d| d.named().as_str()),
            d.and_then(Deadline::part).map(|p| p.as_str()),
            judged.map(|j| j.state.as_str()),
            judged.map(|j| j.rule),
            e.map(|e| e.code().as_str()),
        ];
        for (column, value) in names.iter_mut().zip(row_names) {
            column.push(value);
        }
        let row_texts = [
            text(d.and_then(Deadline::edtf).as_deref()),
            text(d.map(|d| d.rules().join(",")).as_deref()),
            text(e.map(|e| e.message()).as_deref()),
        ];
        for (column, value) in texts_out.iter_mut().zip(row_texts) {
            column.push(value);
        }
    }
    let out = PyDict::new(py);
    let [written_on, earliest, latest, due_from] =
        dates.map(|v| PyArray1::from_vec(py, v).into_any());
    let [approximate, uncertain] = flags.map(|v| PyArray1::from_vec(py, v).into_any());
    let [days, error_start, error_end] = ints.map(|v| PyArray1::from_vec(py, v).into_any());
    // A name column is `(codes, names)`: an int32 array and the list its codes index.
    let [kind, granularity, named, part, state, judge_rule, error_code] = names.map(|n| {
        let codes = PyArray1::from_vec(py, n.codes).into_any();
        (codes, n.names).into_pyobject(py).map(Bound::into_any)
    });
    let [edtf, rules, error_message] = texts_out.map(|v| PyList::new(py, v).map(Bound::into_any));
    let columns = [
        ("written_on", Ok(written_on)),
        ("kind", kind),
        ("earliest", Ok(earliest)),
        ("latest", Ok(latest)),
        ("granularity", granularity),
        ("named", named),
        ("part", part),
        ("approximate", Ok(approximate)),
        ("uncertain", Ok(uncertain)),
        ("edtf", edtf),
        ("rules", rules),
        ("due_from", Ok(due_from)),
        ("state", state),
        ("days", Ok(days)),
        ("judge_rule", judge_rule),
        ("error_code", error_code),
        ("error_message", error_message),
        ("error_start", Ok(error_start)),
        ("error_end", Ok(error_end)),
    ];
    for (key, column) in columns {
        if as_of.is_some() || !matches!(key, "state" | "days" | "judge_rule") {
            out.set_item(key, column?)?;
        }
    }
    Ok(out)
}
