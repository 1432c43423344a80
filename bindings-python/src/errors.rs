//! The exception classes and the mapping from the core's errors to them.
//!
//! One base class, `RoadmapError`, and one subclass per [`ErrorKind`] of the core, made
//! with `type()` at import time so that each can also derive from the built-in class a
//! Python user expects (`ValueError` for bad input, `OSError` for files). An instance
//! carries the core's serialised error as attributes: `code`, `kind`, `message`,
//! `location` and its fields (`file`, `line`, `column`, `path`, `field`), `problems` (every
//! problem, in the core's shape), and for a refused phrase `phrase`, `span`, `start`, `end`.
//! Positions are code points into the phrase (the core's are bytes): the one conversion.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::{
    PyException, PyFileNotFoundError, PyOSError, PyPermissionError, PyValueError,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};
use roadmap_tracker::{Error, ErrorCode, ErrorKind, Location, Problem};

use crate::convert::to_py;
use roadmap_tracker::tables::Offsets;

/// The exception classes, made once when the module is imported.
struct Classes {
    base: Py<PyType>,
    kinds: Vec<(ErrorKind, Py<PyType>)>,
    internal: Py<PyType>,
    /// `RoadmapOSError` also as `FileNotFoundError` and as `PermissionError`.
    not_found: Py<PyType>,
    permission: Py<PyType>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

/// The attributes every instance has, None on the base class.
const ATTRIBUTES: [&str; 14] = [
    "code", "kind", "message", "location", "file", "line", "column", "path", "field", "problems",
    "phrase", "span", "start", "end",
];

/// The class name and docstring for each kind of the core (a kind not listed, added to
/// the core later, raises the base class).
#[rustfmt::skip]
const KINDS: [(ErrorKind, &str, &str); 7] = [
    (ErrorKind::Format, "FormatError", "The input could not be read as the format it claims to be."),
    (ErrorKind::Validation, "ValidationError", "The roadmap read is inconsistent; `problems` lists every problem."),
    (ErrorKind::Deadline, "DeadlineError", "A deadline phrase was refused: `phrase`, and `start`/`end`, the code points at fault."),
    (ErrorKind::Vocabulary, "VocabularyError", "A status label that no vocabulary in use knows."),
    (ErrorKind::Metric, "MetricError", "A metric that cannot be scored."),
    (ErrorKind::Argument, "ArgumentError", "An argument out of range or of the wrong form."),
    (ErrorKind::Io, "RoadmapOSError", "Reading or writing a file failed; also an OSError."),
];

/// A class of the module `roadmap_tracker`, added to `module`.
fn make_class<'py>(
    module: &Bound<'py, PyModule>,
    name: &str,
    bases: Vec<Bound<'py, PyAny>>,
    doc: &str,
    kind: Option<&str>,
) -> PyResult<Py<PyType>> {
    let py = module.py();
    let namespace = PyDict::new(py);
    namespace.set_item("__module__", "roadmap_tracker")?;
    namespace.set_item("__doc__", doc)?;
    if kind.is_none() {
        for attribute in ATTRIBUTES {
            namespace.set_item(attribute, py.None())?;
        }
    }
    namespace.set_item("kind", kind)?;
    let class = py
        .get_type::<PyType>()
        .call1((name, PyTuple::new(py, bases)?, namespace))?;
    module.add(name, &class)?;
    Ok(class.cast_into::<PyType>()?.unbind())
}

/// Create the classes and add them to the module.
pub fn register<'py>(module: &Bound<'py, PyModule>) -> PyResult<()> {
    let py = module.py();
    let doc = "The base class of every error the library raises: the core's error as \
               attributes (code, kind, message, location and its fields, problems).";
    let exception = py.get_type::<PyException>().into_any();
    let base = make_class(module, "RoadmapError", vec![exception], doc, None)?;
    let with =
        |builtin: Bound<'py, PyType>| vec![base.bind(py).clone().into_any(), builtin.into_any()];
    let mut kinds = Vec::new();
    for (kind, name, doc) in KINDS {
        let builtin = match kind {
            ErrorKind::Io => py.get_type::<PyOSError>(),
            _ => py.get_type::<PyValueError>(),
        };
        kinds.push((
            kind,
            make_class(module, name, with(builtin), doc, Some(kind.as_str()))?,
        ));
    }
    let io = |name: &str, builtin: Bound<'py, PyType>| {
        let (io, doc) = (
            module.getattr("RoadmapOSError")?,
            "Reading or writing a file failed.",
        );
        make_class(module, name, vec![io, builtin.into_any()], doc, Some("io"))
    };
    let not_found = io(
        "RoadmapFileNotFoundError",
        py.get_type::<PyFileNotFoundError>(),
    )?;
    let permission = io("RoadmapPermissionError", py.get_type::<PyPermissionError>())?;
    let doc = "A bug in the library (a Rust panic caught at the boundary); please report it.";
    let internal = make_class(
        module,
        "InternalError",
        vec![base.bind(py).clone().into_any()],
        doc,
        Some("internal"),
    )?;
    // A second import of the module (a subinterpreter, a reload) keeps the first classes.
    let classes = Classes {
        base,
        kinds,
        internal,
        not_found,
        permission,
    };
    let _ = CLASSES.set(py, classes);
    Ok(())
}

fn classes(py: Python<'_>) -> PyResult<&Classes> {
    CLASSES.get(py).ok_or_else(|| {
        PyException::new_err("roadmap_tracker._native was not initialised (no exception classes)")
    })
}

/// Make a phrase's `span` code points into the phrase (the core counts bytes): every
/// error and problem record the converter builds, wherever it is (an exception, a
/// status's `error`, a validation problem), goes through here once.
pub fn span_in_code_points(record: &Bound<'_, PyDict>) -> PyResult<()> {
    let (Some(phrase), Some(span)) = (record.get_item("phrase")?, record.get_item("span")?) else {
        return Ok(());
    };
    let (phrase, span) = (phrase.extract::<String>()?, span.cast_into::<PyDict>()?);
    for key in ["start", "end"] {
        if let Some(byte) = span.get_item(key)? {
            span.set_item(key, Offsets::CodePoints.of(&phrase, byte.extract()?))?;
        }
    }
    Ok(())
}

/// The Python exception for an error of the core.
pub fn core_error(py: Python<'_>, error: &Error) -> PyErr {
    build_core_error(py, error).unwrap_or_else(|e| e)
}

fn build_core_error(py: Python<'_>, error: &Error) -> PyResult<PyErr> {
    let classes = classes(py)?;
    let class = classes
        .kinds
        .iter()
        .find(|(kind, _)| *kind == error.kind())
        .map_or(&classes.base, |(_, class)| class)
        .bind(py);
    let instance = match error {
        Error::Io { path, source } => {
            let class = match source.kind() {
                std::io::ErrorKind::NotFound => classes.not_found.bind(py),
                std::io::ErrorKind::PermissionDenied => classes.permission.bind(py),
                _ => class,
            };
            class.call1((source.raw_os_error(), error.to_string(), path))?
        }
        _ => class.call1((error.to_string(),))?,
    };
    // Its span and its problems' spans are in code points already (the converter's).
    let record = to_py(py, error)?.cast_into::<PyDict>()?;
    for (key, value) in record.iter() {
        instance.setattr(key.cast::<pyo3::types::PyString>()?, value)?;
    }
    let fields = [record.get_item("location")?, record.get_item("span")?];
    for part in fields.into_iter().flatten() {
        for (key, value) in part.cast::<PyDict>()?.iter() {
            instance.setattr(key.cast::<pyo3::types::PyString>()?, value)?;
        }
    }
    Ok(PyErr::from_value(instance))
}

/// The one conversion of the core's results: `result.or_raise(py)?` raises its error as
/// the Python exception of its kind ([`core_error`]).
pub trait OrRaise<T> {
    /// The value, or the error as a Python exception.
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> OrRaise<T> for Result<T, Error> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| core_error(py, &e))
    }
}

/// The exception for an argument the binding cannot turn into the core's types: the
/// core's problem with the given code, at the argument's name.
pub fn argument_error(
    py: Python<'_>,
    code: ErrorCode,
    what: &str,
    message: impl Into<String>,
) -> PyErr {
    let problem = Problem::new(code, Location::path(what), message);
    core_error(py, &Error::evaluation(problem))
}

/// `_argument_error(path, message)`: the package's own argument checks raise the core's
/// `ArgumentError` too (code `invalid_argument`, the problem at `path`).
#[pyfunction]
pub fn _argument_error(py: Python<'_>, path: &str, message: &str) -> Py<PyAny> {
    argument_error(py, ErrorCode::InvalidArgument, path, message)
        .into_value(py)
        .into_any()
}

/// Run `work` without the GIL (it must touch no Python object), turning a panic into an
/// `InternalError` instead of letting it reach Python as a `PanicException`.
pub fn detached<T: Send>(py: Python<'_>, work: impl FnOnce() -> T + Send) -> PyResult<T> {
    let outcome = py.detach(|| catch_unwind(AssertUnwindSafe(work)));
    outcome.map_err(|payload| internal_error(py, &payload))
}

/// Run a call into the core without the GIL ([`detached`]), raising its error.
pub fn run<T: Send>(py: Python<'_>, work: impl FnOnce() -> Result<T, Error> + Send) -> PyResult<T> {
    detached(py, work)?.or_raise(py)
}

/// Run `work` with the GIL held, turning a panic into an `InternalError`.
pub fn guarded<T>(py: Python<'_>, work: impl FnOnce() -> T) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(work)).map_err(|payload| internal_error(py, &payload))
}

fn internal_error(py: Python<'_>, payload: &Box<dyn std::any::Any + Send>) -> PyErr {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    let message = format!("internal error in roadmap_tracker (please report it): {what}");
    let build = || -> PyResult<PyErr> {
        let instance = classes(py)?.internal.bind(py).call1((message.as_str(),))?;
        instance.setattr("code", "internal")?;
        instance.setattr("message", message.as_str())?;
        instance.setattr("problems", PyList::empty(py))?;
        Ok(PyErr::from_value(instance))
    };
    build().unwrap_or_else(|e| e)
}
