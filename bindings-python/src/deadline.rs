//! Deadlines: `parse_deadline`, `parse_edtf`, the `Deadline` class, and the column-wise
//! parser behind `parse_deadlines`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use chrono::{Datelike, NaiveDate};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyBytes, PyDate, PyDict, PyFloat, PyList, PyString, PyTuple};
use roadmap_tracker::dates::parse_iso_date;
use roadmap_tracker::deadline::{self, Deadline};
use roadmap_tracker::Error;

use crate::convert::{extract_date, extract_opt_date, to_py};
use crate::errors::{deadline_class, detached, set_deadline_common};
use crate::roadmap::py_repr;
use crate::variant::variant_name;

/// The engine's wording of a refusal, as this binding has always shown it:
/// `code (bytes s..e): message`.
pub fn engine_text(error: &Error) -> String {
    match error.span() {
        Some((start, end)) => format!(
            "{} (bytes {start}..{end}): {}",
            error.code(),
            error.message()
        ),
        None => format!("{}: {}", error.code(), error.message()),
    }
}

/// Set `phrase`, `start` and `end` on a `DeadlineError`; its `code` is already the
/// engine's reason (`impossible_date`, `no_date`...).
pub fn set_deadline_attributes(
    instance: &Bound<'_, PyAny>,
    phrase: &str,
    source: &Error,
) -> PyResult<()> {
    let (start, end) = source.span().unzip();
    instance.setattr("phrase", phrase)?;
    instance.setattr("start", start)?;
    instance.setattr("end", end)?;
    instance.setattr("code", source.code().as_str())?;
    Ok(())
}

/// The `DeadlineError` for a phrase the engine refused.
fn refused(py: Python<'_>, phrase: &str, error: &Error) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let message = format!("deadline {phrase:?}: {}", engine_text(error));
        let instance = deadline_class(py)?.call1((message.as_str(),))?;
        set_deadline_common(&instance, "deadline", &message)?;
        set_deadline_attributes(&instance, phrase, error)?;
        Ok(PyErr::from_value(instance))
    };
    build().unwrap_or_else(|e| e)
}

/// "Today" as the binding supplies it: the core never reads a clock.
fn today(py: Python<'_>) -> PyResult<NaiveDate> {
    py.import("datetime")?
        .getattr("date")?
        .call_method0("today")?
        .extract()
}

fn written_on_or_today(
    py: Python<'_>,
    written_on: Option<&Bound<'_, PyAny>>,
) -> PyResult<NaiveDate> {
    match extract_opt_date(written_on, "written_on")? {
        Some(d) => Ok(d),
        None => today(py),
    }
}

/// A deadline read from a phrase: the window it names, what it named and the conventions
/// applied. Immutable; equal when every field is equal.
#[pyclass(name = "Deadline", module = "roadmap_tracker", frozen)]
pub struct PyDeadline {
    inner: Deadline,
}

impl PyDeadline {
    fn json(&self) -> String {
        serde_json::to_string(&self.inner).unwrap_or_default()
    }
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
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.kind())
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
    fn granularity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.granularity())
    }

    /// What the phrase named (`date`, `month`, `season`, `financial_year`, ...).
    #[getter]
    fn named<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.named())
    }

    /// The part of it (`start`, `early`, `mid`, `late`, `end`, `rest_of`), or `None`.
    #[getter]
    fn part<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.part())
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
    fn rules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.rules())
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

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyDeadline>()
            .is_ok_and(|o| o.get().json() == self.json())
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.json().hash(&mut hasher);
        hasher.finish()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let d = &self.inner;
        let date = |v: Option<NaiveDate>| v.map_or_else(|| "None".to_owned(), |d| d.to_string());
        Ok(format!(
            "Deadline(phrase={}, written_on={}, kind='{}', earliest={}, latest={}, granularity='{}')",
            py_repr(py, d.phrase())?,
            d.written_on(),
            variant_name(&d.kind()).unwrap_or(Cow::Borrowed("?")),
            date(d.earliest()),
            date(d.latest()),
            variant_name(&d.granularity()).unwrap_or(Cow::Borrowed("?")),
        ))
    }
}

/// Read a deadline phrase written on `written_on` (today when omitted) into a `Deadline`;
/// raises `DeadlineError` naming the offending span when the phrase is refused.
#[pyfunction]
#[pyo3(signature = (phrase, written_on = None))]
pub fn parse_deadline(
    py: Python<'_>,
    phrase: &str,
    written_on: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyDeadline> {
    let written_on = written_on_or_today(py, written_on)?;
    crate::errors::guarded(py, || deadline::parse(phrase, written_on))?
        .map(|inner| PyDeadline { inner })
        .map_err(|e| refused(py, phrase, &e))
}

/// Read an EDTF (ISO 8601-2, levels 0-2) string into a `Deadline`.
#[pyfunction]
#[pyo3(signature = (edtf, written_on = None))]
pub fn parse_edtf(
    py: Python<'_>,
    edtf: &str,
    written_on: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyDeadline> {
    let written_on = written_on_or_today(py, written_on)?;
    crate::errors::guarded(py, || deadline::parse_edtf(edtf, written_on))?
        .map(|inner| PyDeadline { inner })
        .map_err(|e| refused(py, edtf, &e))
}

// ------------------------------------------------------------------------------------------
// Whole columns

/// The written-on dates of a column: one for every row, or one per row.
enum WrittenOn {
    One(NaiveDate),
    Each(Vec<NaiveDate>),
}

impl WrittenOn {
    fn get(&self, row: usize) -> NaiveDate {
        match self {
            WrittenOn::One(d) => *d,
            WrittenOn::Each(v) => v.get(row).copied().unwrap_or_default(),
        }
    }
}

/// Days from 1970-01-01, as NumPy's `datetime64[D]` counts them; NaT is `i64::MIN`.
const NAT: i64 = i64::MIN;

fn epoch_days(date: Option<NaiveDate>) -> i64 {
    date.map_or(NAT, |d| {
        i64::from(d.num_days_from_ce()) - i64::from(EPOCH_DAYS_FROM_CE)
    })
}

/// `NaiveDate::from_ymd(1970, 1, 1).num_days_from_ce()`.
const EPOCH_DAYS_FROM_CE: i32 = 719_163;

fn from_epoch_days(days: i64) -> Option<NaiveDate> {
    let ce = i32::try_from(days.checked_add(i64::from(EPOCH_DAYS_FROM_CE))?).ok()?;
    NaiveDate::from_num_days_from_ce_opt(ce)
}

/// The phrases of a column, borrowed from the Python strings (no copy): the list keeps
/// them alive while the parse runs without the GIL. `None` is a missing cell.
fn phrases_arg(py: Python<'_>, phrases: &Bound<'_, PyList>) -> PyResult<Vec<Option<PyBackedStr>>> {
    let mut out = Vec::with_capacity(phrases.len());
    for (row, item) in phrases.iter().enumerate() {
        if let Ok(s) = item.cast::<PyString>() {
            out.push(Some(PyBackedStr::try_from(s.clone())?));
        } else if item.is_none() || item.cast::<PyFloat>().is_ok_and(|f| f.value().is_nan()) {
            // A missing cell (None, NaN) is an empty phrase, which the engine refuses.
            out.push(None);
        } else {
            let _ = py;
            return Err(PyTypeError::new_err(format!(
                "phrases[{row}] must be a string, not {}",
                item.get_type().name()?
            )));
        }
    }
    Ok(out)
}

/// A column of dates: one date for every row, a list (None/NaN/NaT are missing), or
/// little-endian int64 day numbers (NumPy `datetime64[D]`, NaT missing) from the shell.
fn dates_column(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    rows: usize,
    what: &str,
) -> PyResult<Vec<Option<NaiveDate>>> {
    let each = if let Ok(bytes) = value.cast::<PyBytes>() {
        let raw = bytes.as_bytes();
        let mut out = Vec::with_capacity(raw.len() / 8);
        for (row, chunk) in raw.chunks_exact(8).enumerate() {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let days = i64::from_le_bytes(word);
            if days == NAT {
                out.push(None);
            } else {
                out.push(Some(from_epoch_days(days).ok_or_else(|| {
                    crate::errors::argument_error(
                        py,
                        "invalid_date",
                        format!("{what}[{row}] is out of range"),
                    )
                })?));
            }
        }
        out
    } else if let Ok(list) = value.cast::<PyList>() {
        let mut out = Vec::with_capacity(list.len());
        for (row, item) in list.iter().enumerate() {
            // The common cells first, with no allocation: an ISO string or a date.
            if let Ok(text) = item.cast::<PyString>() {
                if let Ok(day) = parse_iso_date(text.to_str()?.trim()) {
                    out.push(Some(day));
                    continue;
                }
            } else if item.is_instance_of::<PyDate>() {
                out.push(Some(item.extract::<NaiveDate>()?));
                continue;
            }
            let missing = item.is_none()
                || item.cast::<PyFloat>().is_ok_and(|f| f.value().is_nan())
                || item.get_type().name()?.to_str()? == "NaTType";
            out.push(if missing {
                None
            } else {
                // Anything else, and refusals, with the row in the message.
                Some(extract_date(&item, &format!("{what}[{row}]"))?)
            });
        }
        out
    } else {
        return Ok(vec![Some(extract_date(value, what)?); rows]);
    };
    if each.len() != rows {
        return Err(crate::errors::argument_error(
            py,
            "invalid_argument",
            format!("{rows} phrases but {} {what} dates", each.len()),
        ));
    }
    Ok(each)
}

fn written_on_arg(
    py: Python<'_>,
    written_on: Option<&Bound<'_, PyAny>>,
    rows: usize,
) -> PyResult<WrittenOn> {
    let Some(value) = written_on.filter(|v| !v.is_none()) else {
        return Ok(WrittenOn::One(today(py)?));
    };
    if value.cast::<PyBytes>().is_err() && value.cast::<PyList>().is_err() {
        return Ok(WrittenOn::One(extract_date(value, "written_on")?));
    }
    let mut each = Vec::with_capacity(rows);
    for (row, day) in dates_column(py, value, rows, "written_on")?
        .into_iter()
        .enumerate()
    {
        each.push(day.ok_or_else(|| {
            crate::errors::argument_error(
                py,
                "invalid_date",
                format!("written_on[{row}] is missing: every phrase needs the date it was written"),
            )
        })?);
    }
    Ok(WrittenOn::Each(each))
}

/// A column of small enum names, as codes into a list of distinct names.
#[derive(Default)]
struct Codes {
    names: Vec<String>,
    index: HashMap<String, i32>,
    codes: Vec<i32>,
}

impl Codes {
    fn push(&mut self, name: Option<Cow<'static, str>>) {
        let code = match name {
            None => -1,
            Some(name) => self.intern(name),
        };
        self.codes.push(code);
    }

    /// The code of `name`, added to the dictionary if new.
    fn intern(&mut self, name: Cow<'static, str>) -> i32 {
        // Most columns are small vocabularies (kind, granularity, state): a scan of a dozen
        // short names beats hashing every row.
        if self.names.len() <= 16 {
            if let Some(at) = self.names.iter().position(|n| *n == name) {
                return i32::try_from(at).unwrap_or(i32::MAX);
            }
        }
        if let Some(c) = self.index.get(name.as_ref()) {
            return *c;
        }
        // A column of a million distinct values still fits: i32 codes.
        let c = i32::try_from(self.names.len()).unwrap_or(i32::MAX);
        self.names.push(name.to_string());
        self.index.insert(name.into_owned(), c);
        c
    }
}

impl Codes {
    /// Append another column's codes, translating them into this column's dictionary.
    fn append(&mut self, other: Codes) {
        let remap: Vec<i32> = other
            .names
            .into_iter()
            .map(|name| self.intern(Cow::Owned(name)))
            .collect();
        self.codes.extend(other.codes.into_iter().map(|c| {
            usize::try_from(c)
                .ok()
                .and_then(|c| remap.get(c).copied())
                .unwrap_or(-1)
        }));
    }
}

/// The columns of a parsed column of phrases, built without the GIL.
#[derive(Default)]
struct Columns {
    kind: Codes,
    earliest: Vec<i64>,
    latest: Vec<i64>,
    granularity: Codes,
    named: Codes,
    part: Codes,
    approximate: Vec<u8>,
    uncertain: Vec<u8>,
    edtf: Codes,
    rules: Codes,
    /// Rule lists already seen, by their ids: a hit costs no allocation.
    rule_sets: HashMap<Vec<&'static str>, i32>,
    due_from: Vec<i64>,
    error_code: Codes,
    error_message: Codes,
    error_start: Vec<i64>,
    error_end: Vec<i64>,
    state: Codes,
    days: Vec<i64>,
    judge_rule: Codes,
}

/// Parse a column on every core: the rows are split into one chunk per thread, each chunk
/// parsed into its own columns, and the chunks joined in order.
impl Columns {
    /// Append the rows of another chunk.
    fn append(&mut self, other: Columns) {
        self.kind.append(other.kind);
        self.earliest.extend(other.earliest);
        self.latest.extend(other.latest);
        self.granularity.append(other.granularity);
        self.named.append(other.named);
        self.part.append(other.part);
        self.approximate.extend(other.approximate);
        self.uncertain.extend(other.uncertain);
        self.edtf.append(other.edtf);
        self.rules.append(other.rules);
        self.due_from.extend(other.due_from);
        self.error_code.append(other.error_code);
        self.error_message.append(other.error_message);
        self.error_start.extend(other.error_start);
        self.error_end.extend(other.error_end);
        self.state.append(other.state);
        self.days.extend(other.days);
        self.judge_rule.append(other.judge_rule);
    }
}

fn parse_columns(
    phrases: &[Option<PyBackedStr>],
    written_on: &WrittenOn,
    as_of: Option<NaiveDate>,
    delivered_on: &[Option<NaiveDate>],
) -> Columns {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    // Small columns are not worth a thread.
    if threads < 2 || phrases.len() < 20_000 {
        return parse_chunk(phrases, 0, written_on, as_of, delivered_on);
    }
    let size = phrases.len().div_ceil(threads);
    let parts: Vec<Columns> = std::thread::scope(|scope| {
        let handles: Vec<_> = phrases
            .chunks(size)
            .enumerate()
            .map(|(i, chunk)| {
                scope.spawn(move || parse_chunk(chunk, i * size, written_on, as_of, delivered_on))
            })
            .collect();
        handles
            .into_iter()
            // A panic in a worker is re-raised here, where `detached` turns it into an
            // InternalError.
            .map(|h| {
                h.join()
                    .unwrap_or_else(|payload| std::panic::resume_unwind(payload))
            })
            .collect()
    });
    let mut all = Columns::default();
    for part in parts {
        all.append(part);
    }
    all
}

fn parse_chunk(
    phrases: &[Option<PyBackedStr>],
    first_row: usize,
    written_on: &WrittenOn,
    as_of: Option<NaiveDate>,
    delivered_on: &[Option<NaiveDate>],
) -> Columns {
    let mut c = Columns::default();
    for (i, phrase) in phrases.iter().enumerate() {
        let row = first_row + i;
        let phrase: &str = phrase.as_deref().unwrap_or("");
        match deadline::parse(phrase, written_on.get(row)) {
            Ok(d) => {
                c.kind.push(Some(Cow::Borrowed(d.kind().as_str())));
                c.earliest.push(epoch_days(d.earliest()));
                c.latest.push(epoch_days(d.latest()));
                c.granularity
                    .push(Some(Cow::Borrowed(d.granularity().as_str())));
                c.named.push(Some(Cow::Borrowed(d.named().as_str())));
                c.part.push(d.part().map(|p| Cow::Borrowed(p.as_str())));
                c.approximate.push(u8::from(d.is_approximate()));
                c.uncertain.push(u8::from(d.is_uncertain()));
                // Dictionary-encoded: real columns repeat their renderings and rule lists,
                // and one Python object per distinct value is far cheaper than one per row.
                c.edtf.push(d.edtf().map(Cow::Owned));
                let code = match c.rule_sets.get(d.rules()) {
                    Some(code) => *code,
                    None => {
                        let code = c.rules.intern(Cow::Owned(d.rules().join(",")));
                        c.rule_sets.insert(d.rules().to_vec(), code);
                        code
                    }
                };
                c.rules.codes.push(code);
                c.due_from.push(epoch_days(d.due_from()));
                c.error_code.push(None);
                c.error_message.push(None);
                c.error_start.push(NAT);
                c.error_end.push(NAT);
                if let Some(as_of) = as_of {
                    let delivered = delivered_on.get(row).copied().flatten();
                    let judgment = d.judge(as_of, delivered);
                    c.state.push(Some(Cow::Borrowed(judgment.state.as_str())));
                    c.days.push(judgment.days.unwrap_or(NAT));
                    c.judge_rule.push(Some(Cow::Borrowed(judgment.rule)));
                }
            }
            Err(e) => {
                c.kind.push(None);
                c.earliest.push(NAT);
                c.latest.push(NAT);
                c.granularity.push(None);
                c.named.push(None);
                c.part.push(None);
                c.approximate.push(0);
                c.uncertain.push(0);
                c.edtf.push(None);
                c.rules.push(None);
                c.due_from.push(NAT);
                c.error_code.push(Some(Cow::Borrowed(e.code().as_str())));
                c.error_message
                    .push(Some(Cow::Owned(e.message().to_string())));
                let (start, end) = e.span().unzip();
                c.error_start
                    .push(start.and_then(|s| i64::try_from(s).ok()).unwrap_or(NAT));
                c.error_end
                    .push(end.and_then(|s| i64::try_from(s).ok()).unwrap_or(NAT));
                if as_of.is_some() {
                    c.state.push(None);
                    c.days.push(NAT);
                    c.judge_rule.push(None);
                }
            }
        }
    }
    c
}

/// How a column is handed to the Python shell: as Python lists, or (when NumPy is there)
/// as raw buffers the shell views with `numpy.frombuffer`.
struct Emit<'py> {
    py: Python<'py>,
    arrays: bool,
    out: Bound<'py, PyDict>,
}

impl<'py> Emit<'py> {
    fn bytes_of_i64(&self, values: &[i64]) -> Bound<'py, PyBytes> {
        let mut raw = Vec::with_capacity(values.len() * 8);
        for v in values {
            raw.extend_from_slice(&v.to_le_bytes());
        }
        PyBytes::new(self.py, &raw)
    }

    fn dates(&self, name: &str, values: &[i64]) -> PyResult<()> {
        if self.arrays {
            let payload = PyTuple::new(
                self.py,
                [
                    PyString::new(self.py, "date").into_any(),
                    self.bytes_of_i64(values).into_any(),
                ],
            )?;
            return self.out.set_item(name, payload);
        }
        let list = PyList::empty(self.py);
        for v in values {
            match from_epoch_days(*v).filter(|_| *v != NAT) {
                Some(d) => list.append(d)?,
                None => list.append(self.py.None())?,
            }
        }
        self.out.set_item(name, list)
    }

    fn ints(&self, name: &str, values: &[i64]) -> PyResult<()> {
        if self.arrays {
            let payload = PyTuple::new(
                self.py,
                [
                    PyString::new(self.py, "int").into_any(),
                    self.bytes_of_i64(values).into_any(),
                ],
            )?;
            return self.out.set_item(name, payload);
        }
        let list = PyList::empty(self.py);
        for v in values {
            if *v == NAT {
                list.append(self.py.None())?;
            } else {
                list.append(*v)?;
            }
        }
        self.out.set_item(name, list)
    }

    fn bools(&self, name: &str, values: &[u8]) -> PyResult<()> {
        if self.arrays {
            let payload = PyTuple::new(
                self.py,
                [
                    PyString::new(self.py, "bool").into_any(),
                    PyBytes::new(self.py, values).into_any(),
                ],
            )?;
            return self.out.set_item(name, payload);
        }
        let list = PyList::empty(self.py);
        for v in values {
            list.append(*v != 0)?;
        }
        self.out.set_item(name, list)
    }

    fn codes(&self, name: &str, codes: &Codes) -> PyResult<()> {
        let names: Vec<Bound<'py, PyString>> = codes
            .names
            .iter()
            .map(|n| PyString::intern(self.py, n))
            .collect();
        if self.arrays {
            let mut raw = Vec::with_capacity(codes.codes.len() * 4);
            for c in &codes.codes {
                raw.extend_from_slice(&c.to_le_bytes());
            }
            let payload = PyTuple::new(
                self.py,
                [
                    PyString::new(self.py, "category").into_any(),
                    PyBytes::new(self.py, &raw).into_any(),
                    PyList::new(self.py, &names)?.into_any(),
                ],
            )?;
            return self.out.set_item(name, payload);
        }
        let list = PyList::empty(self.py);
        for c in &codes.codes {
            match usize::try_from(*c).ok().and_then(|i| names.get(i)) {
                Some(n) => list.append(n)?,
                None => list.append(self.py.None())?,
            }
        }
        self.out.set_item(name, list)
    }
}

/// The engine of `parse_deadlines`: parse a list of phrases (all without the GIL) and
/// return its columns. `written_on` is one date, a list of dates, or little-endian int64
/// day numbers; `delivered_on` likewise (or None). With `arrays`, numeric, date and
/// category columns come back as `(tag, bytes[, categories])` tuples for NumPy.
#[pyfunction]
#[pyo3(signature = (phrases, written_on = None, *, as_of = None, delivered_on = None, arrays = false))]
pub fn _parse_deadline_columns<'py>(
    py: Python<'py>,
    phrases: &Bound<'py, PyList>,
    written_on: Option<&Bound<'py, PyAny>>,
    as_of: Option<&Bound<'py, PyAny>>,
    delivered_on: Option<&Bound<'py, PyAny>>,
    arrays: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let phrases = phrases_arg(py, phrases)?;
    let rows = phrases.len();
    let written_on = written_on_arg(py, written_on, rows)?;
    let as_of = extract_opt_date(as_of, "as_of")?;
    let delivered: Vec<Option<NaiveDate>> = match delivered_on.filter(|v| !v.is_none()) {
        None => Vec::new(),
        Some(v) => dates_column(py, v, rows, "delivered_on")?,
    };
    let columns = detached(py, || {
        parse_columns(&phrases, &written_on, as_of, &delivered)
    })?;
    let emit = Emit {
        py,
        arrays,
        out: PyDict::new(py),
    };
    let written: Vec<i64> = (0..rows)
        .map(|row| epoch_days(Some(written_on.get(row))))
        .collect();
    emit.dates("written_on", &written)?;
    emit.codes("kind", &columns.kind)?;
    emit.dates("earliest", &columns.earliest)?;
    emit.dates("latest", &columns.latest)?;
    emit.codes("granularity", &columns.granularity)?;
    emit.codes("named", &columns.named)?;
    emit.codes("part", &columns.part)?;
    emit.bools("approximate", &columns.approximate)?;
    emit.bools("uncertain", &columns.uncertain)?;
    emit.codes("edtf", &columns.edtf)?;
    emit.codes("rules", &columns.rules)?;
    emit.dates("due_from", &columns.due_from)?;
    if as_of.is_some() {
        emit.codes("state", &columns.state)?;
        emit.ints("days", &columns.days)?;
        emit.codes("judge_rule", &columns.judge_rule)?;
    }
    emit.codes("error_code", &columns.error_code)?;
    emit.codes("error_message", &columns.error_message)?;
    emit.ints("error_start", &columns.error_start)?;
    emit.ints("error_end", &columns.error_end)?;
    Ok(emit.out)
}

/// Parse the phrases without building any Python result; return how many were read and
/// the seconds the parse loop took, timed inside Rust (for benchmarks: the engine's own
/// speed, to compare `parse_deadlines` with).
#[pyfunction]
#[pyo3(signature = (phrases, written_on = None))]
pub fn _parse_deadlines_timed(
    py: Python<'_>,
    phrases: &Bound<'_, PyList>,
    written_on: Option<&Bound<'_, PyAny>>,
) -> PyResult<(usize, f64)> {
    let phrases = phrases_arg(py, phrases)?;
    let written_on = written_on_arg(py, written_on, phrases.len())?;
    detached(py, || {
        let start = std::time::Instant::now();
        let read = phrases
            .iter()
            .enumerate()
            .filter(|(row, p)| {
                deadline::parse(p.as_deref().unwrap_or(""), written_on.get(*row)).is_ok()
            })
            .count();
        (read, start.elapsed().as_secs_f64())
    })
}
