//! Conversions between the core's values and Python objects.
//!
//! Results are translated generically: anything the core can serialize becomes plain
//! Python data (dicts, lists, str, int, float, bool, None, and `datetime.date` for the
//! core's dates) through its serde form ([`crate::pyser`]), so the binding never
//! re-implements a result type.

use std::path::PathBuf;

use chrono::NaiveDate;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDate, PyString, PyType};
use pyo3::{PyClass, PyClassInitializer};
use roadmap_tracker::dates::parse_iso_date;
use roadmap_tracker::{Error, ErrorCode, Location};
use serde::Serialize;

use crate::errors::{argument_error, core_error};

/// Serialize a core value and convert it to Python data.
pub fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    crate::pyser::to_python(py, value)
}

/// An instance of `cls`, the native class or a Python subclass of it, holding `value`:
/// a subclass gets it through its constructor's copy form, `cls(native)`.
pub fn instance<'py, T: PyClass + Into<PyClassInitializer<T>>>(
    cls: &Bound<'py, PyType>,
    value: T,
) -> PyResult<Bound<'py, PyAny>> {
    let native = Bound::new(cls.py(), value)?.into_any();
    if native.get_type().is(cls) {
        Ok(native)
    } else {
        cls.call1((native,))
    }
}

/// A Python `str` argument, read by [`text`].
pub type PyStr<'py> = Bound<'py, PyString>;

/// Text for the core: the one place a Python `str` crosses. The core's strings are UTF-8,
/// which a Python string holding a lone surrogate (`"\ud800"`, left by a broken escape or
/// `surrogateescape` decoding) has no form in; pyo3 would raise `UnicodeEncodeError`. Here
/// it is the core's refusal ([`Error::lone_surrogate`]: an `ArgumentError` naming the
/// argument `what`, the code point and its position), as in JS.
pub fn text(value: &PyStr<'_>, what: &str) -> PyResult<PyBackedStr> {
    text_at(value, || Location::path(what))
}

/// [`text`] of an optional argument.
pub fn opt_text(value: Option<&PyStr<'_>>, what: &str) -> PyResult<Option<PyBackedStr>> {
    value.map(|v| text(v, what)).transpose()
}

/// [`text`] located where `at` says (made only for the error: `rows[2]`, a column).
pub fn text_at(value: &PyStr<'_>, at: impl FnOnce() -> Location) -> PyResult<PyBackedStr> {
    let refused = match PyBackedStr::try_from(value.clone()) {
        Ok(text) => return Ok(text),
        Err(e) => e,
    };
    Err(surrogate_error(value, &refused, at())?)
}

/// The core's [`Error::lone_surrogate`] at `at`, for the character of `value` at which
/// encoding it stopped (`refused`, a `UnicodeEncodeError`).
fn surrogate_error(value: &PyStr<'_>, refused: &PyErr, at: Location) -> PyResult<PyErr> {
    let py = value.py();
    let position: usize = refused.value(py).getattr("start")?.extract()?;
    let ord = py.import("builtins")?.getattr("ord")?;
    let unit: u32 = ord.call1((value.get_item(position)?,))?.extract()?;
    Ok(core_error(py, &Error::lone_surrogate(at, unit, position)))
}

/// A path argument (`str`, `bytes` or `os.PathLike`), naming the file Python's own `open`
/// would. A `str` may hold surrogate escapes (PEP 383: what `os.fsdecode` makes of bytes
/// the file system's encoding cannot decode, such as `"\udcff"` for the byte 0xFF on
/// Linux): they name those bytes. Any other lone surrogate names no file: the core's
/// `ArgumentError` at `what` (as for every other text argument), not `UnicodeEncodeError`.
pub fn path_arg(value: &Bound<'_, PyAny>, what: &str) -> PyResult<PathBuf> {
    let os = value.py().import("os")?;
    let given = os.call_method1("fspath", (value,))?;
    if let Ok(name) = given.cast::<PyString>() {
        if let Err(refused) = os.call_method1("fsencode", (name,)) {
            return Err(surrogate_error(name, &refused, Location::path(what))?);
        }
    }
    // Bytes as the file system decodes them (losslessly), then pyo3's reading of an
    // `os.PathLike`, which encodes them back.
    os.call_method1("fsdecode", (given,))?.extract()
}

/// Read a date argument: a `datetime.date` (or `datetime`, whose date part is taken), an
/// ISO `YYYY-MM-DD` string, or a NumPy `datetime64`. A bad one is an `ArgumentError` at
/// `what` with the core's message; `None` (for a required date) one saying so.
pub fn extract_date(value: &Bound<'_, PyAny>, what: &str) -> PyResult<NaiveDate> {
    let py = value.py();
    let refuse = |message: String| argument_error(py, ErrorCode::InvalidArgument, what, message);
    if is_missing(value)? {
        let given = match value.is_none() {
            true => String::new(),
            false => format!(", not the missing value {}", value.repr()?),
        };
        return Err(refuse(format!(
            "{what} is required: a YYYY-MM-DD string or a date{given}"
        )));
    }
    if value.is_instance_of::<PyDate>() {
        return value.extract::<NaiveDate>();
    }
    if let Ok(given) = value.cast::<PyString>() {
        return parse_iso_date(text(given, what)?.trim())
            .map_err(|e| core_error(py, &e.for_argument(what)));
    }
    let type_name = value.get_type().name()?;
    if type_name.to_str()? == "datetime64" {
        let day = value
            .call_method1("astype", ("datetime64[D]",))?
            .call_method0("item")?;
        if day.is_instance_of::<PyDate>() {
            return day.extract::<NaiveDate>();
        }
        return Err(refuse("NaT is not a date".to_owned()));
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be a datetime.date or an ISO date string (YYYY-MM-DD), not {type_name}"
    )))
}

/// Whether a value is missing as pandas and NumPy mark it: `None`, a NaN float, `pd.NA`,
/// `pd.NaT` or NumPy's `NaT`.
pub fn is_missing(value: &Bound<'_, PyAny>) -> PyResult<bool> {
    if value.is_none() {
        return Ok(true);
    }
    match value.get_type().name()?.to_str()? {
        "NAType" | "NaTType" => Ok(true),
        "float" | "float64" | "float32" | "float16" | "datetime64" => value.ne(value),
        _ => Ok(false),
    }
}

/// Read a name argument (a step, a format) as the core reads it; an unknown one is an
/// `ArgumentError` at `what`, with the core's message.
pub fn name_arg<T: std::str::FromStr<Err = Error>>(
    py: Python<'_>,
    name: &PyStr<'_>,
    what: &str,
) -> PyResult<T> {
    text(name, what)?
        .parse()
        .map_err(|e: Error| core_error(py, &e.for_argument(what)))
}

/// [`name_arg`] of an optional argument: `None` is the core's default.
pub fn opt_name_arg<T: std::str::FromStr<Err = Error> + Default>(
    py: Python<'_>,
    name: Option<&PyStr<'_>>,
    what: &str,
) -> PyResult<T> {
    Ok(name
        .map(|n| name_arg(py, n, what))
        .transpose()?
        .unwrap_or_default())
}

/// Read an optional date argument (`None` stays `None`).
pub fn extract_opt_date(
    value: Option<&Bound<'_, PyAny>>,
    what: &str,
) -> PyResult<Option<NaiveDate>> {
    match value {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => extract_date(v, what).map(Some),
    }
}

/// Read Python data (dicts, lists, dates...) into a core type through its serde form:
/// the data goes through `json.dumps` (dates as ISO strings) and the core's `Deserialize`.
pub fn from_py_json<T: serde::de::DeserializeOwned>(
    value: &Bound<'_, PyAny>,
    what: &str,
) -> PyResult<T> {
    let py = value.py();
    serde_json::from_str(&json_text(value)?)
        .map_err(|e| argument_error(py, ErrorCode::InvalidArgument, what, format!("{what}: {e}")))
}

/// Python data as JSON text (`json.dumps`, anything else, such as a date, as its `str`).
pub fn json_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    let kwargs = pyo3::types::PyDict::new(value.py());
    kwargs.set_item("default", value.py().get_type::<PyString>())?;
    let json = value.py().import("json")?;
    json.call_method("dumps", (value,), Some(&kwargs))?
        .extract()
}
