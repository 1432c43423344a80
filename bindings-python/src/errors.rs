//! The exception classes and the mapping from the core's errors to them.
//!
//! One base class, `RoadmapError`, with a subclass per [`ErrorKind`] of the core. The
//! classes are made with `type()` at import time so that they can also derive from the
//! built-in class a Python user expects: `ValueError` for bad input, `OSError` for a file
//! that cannot be read or written. Every instance carries the code and the location as
//! attributes, and `problems`, the full list when validation found several.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::{PyException, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};
use roadmap_tracker::{Error, ErrorKind, Location, Problem};

/// The exception classes, made once when the module is imported.
struct Classes {
    base: Py<PyType>,
    format: Py<PyType>,
    validation: Py<PyType>,
    deadline: Py<PyType>,
    vocabulary: Py<PyType>,
    metric: Py<PyType>,
    argument: Py<PyType>,
    os: Py<PyType>,
    internal: Py<PyType>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

/// The attributes every exception instance has, with their class-level defaults.
const ATTRIBUTES: [&str; 8] = [
    "code", "kind", "file", "line", "column", "path", "field", "problems",
];

fn make_class<'py>(
    py: Python<'py>,
    name: &str,
    bases: Vec<Bound<'py, PyAny>>,
    doc: &str,
    kind: Option<&str>,
    extra: &[&str],
) -> PyResult<Bound<'py, PyType>> {
    let namespace = PyDict::new(py);
    namespace.set_item("__module__", "roadmap_tracker")?;
    namespace.set_item("__doc__", doc)?;
    for attribute in ATTRIBUTES.iter().chain(extra) {
        namespace.set_item(*attribute, py.None())?;
    }
    namespace.set_item("kind", kind)?;
    let class = py
        .get_type::<PyType>()
        .call1((name, PyTuple::new(py, bases)?, namespace))?;
    Ok(class.cast_into::<PyType>()?)
}

/// Create the classes and add them to the module.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    let base = make_class(
        py,
        "RoadmapError",
        vec![py.get_type::<PyException>().into_any()],
        "The base class of every error the library raises.\n\n\
         Attributes: code (a stable snake_case code), kind, file, line, column, path, field \
         (where the problem is; None when unknown) and problems (every problem found, as \
         dicts with the same keys plus message).",
        None,
        &[],
    )?;
    let value_error = py.get_type::<PyValueError>().into_any();
    let sub = |name: &str, kind: &str, doc: &str, extra: &[&str]| {
        make_class(
            py,
            name,
            vec![base.clone().into_any(), value_error.clone()],
            doc,
            Some(kind),
            extra,
        )
    };
    let format = sub(
        "FormatError",
        "format",
        "The input could not be read as the format it claims to be (JSON, CSV).",
        &[],
    )?;
    let validation = sub(
        "ValidationError",
        "validation",
        "The input was read, but the roadmap it describes is inconsistent; `problems` lists \
         every problem found.",
        &[],
    )?;
    let deadline = sub(
        "DeadlineError",
        "deadline",
        "A deadline phrase was refused. `code` is the deadline engine's reason, `phrase` the \
         phrase, `start` and `end` the byte offsets of the offending part.",
        &["phrase", "start", "end"],
    )?;
    let vocabulary = sub(
        "VocabularyError",
        "vocabulary",
        "A status label that no vocabulary in use knows.",
        &[],
    )?;
    let metric = sub(
        "MetricError",
        "metric",
        "A metric that cannot be scored.",
        &[],
    )?;
    let argument = sub(
        "ArgumentError",
        "argument",
        "An argument that is out of range or of the wrong form (an end date before the start \
         date, a malformed date string).",
        &[],
    )?;
    let os = make_class(
        py,
        "RoadmapOSError",
        vec![
            base.clone().into_any(),
            py.get_type::<PyOSError>().into_any(),
        ],
        "Reading or writing a file failed; also an OSError, with errno, strerror and filename.",
        Some("io"),
        &[],
    )?;
    let internal = make_class(
        py,
        "InternalError",
        vec![base.clone().into_any()],
        "A bug in the library (a Rust panic caught at the boundary); please report it.",
        Some("internal"),
        &[],
    )?;
    for class in [
        &base,
        &format,
        &validation,
        &deadline,
        &vocabulary,
        &metric,
        &argument,
        &os,
        &internal,
    ] {
        module.add(class.name()?, class)?;
    }
    // A second import of the module (a subinterpreter, a reload) keeps the first classes.
    let _ = CLASSES.set(
        py,
        Classes {
            base: base.unbind(),
            format: format.unbind(),
            validation: validation.unbind(),
            deadline: deadline.unbind(),
            vocabulary: vocabulary.unbind(),
            metric: metric.unbind(),
            argument: argument.unbind(),
            os: os.unbind(),
            internal: internal.unbind(),
        },
    );
    Ok(())
}

fn classes(py: Python<'_>) -> PyResult<&Classes> {
    CLASSES.get(py).ok_or_else(|| {
        PyException::new_err("roadmap_tracker._native was not initialised (no exception classes)")
    })
}

fn location_dict<'py>(py: Python<'py>, at: &Location) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("file", at.file.as_deref())?;
    dict.set_item("line", at.line)?;
    dict.set_item("column", at.column)?;
    dict.set_item("path", at.path.as_deref())?;
    dict.set_item("field", at.field.as_deref())?;
    Ok(dict)
}

fn problem_dict<'py>(py: Python<'py>, problem: &Problem) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("code", problem.code.as_str())?;
    dict.set_item("kind", problem.code.kind().as_str())?;
    dict.set_item("message", &problem.message)?;
    for (key, value) in location_dict(py, &problem.location)?.iter() {
        dict.set_item(key, value)?;
    }
    Ok(dict)
}

/// Set the code, kind, location and problems on an exception instance.
fn set_common(
    instance: &Bound<'_, PyAny>,
    code: &str,
    kind: &str,
    at: &Location,
    problems: &[Problem],
) -> PyResult<()> {
    let py = instance.py();
    instance.setattr("code", code)?;
    instance.setattr("kind", kind)?;
    for (key, value) in location_dict(py, at)?.iter() {
        instance.setattr(key.cast::<pyo3::types::PyString>()?, value)?;
    }
    let list = PyList::empty(py);
    for problem in problems {
        list.append(problem_dict(py, problem)?)?;
    }
    instance.setattr("problems", list)?;
    Ok(())
}

/// The Python exception for an error of the core.
pub fn core_error(py: Python<'_>, error: &Error) -> PyErr {
    build_core_error(py, error).unwrap_or_else(|e| e)
}

fn build_core_error(py: Python<'_>, error: &Error) -> PyResult<PyErr> {
    let classes = classes(py)?;
    let kind = error.kind();
    let instance = match error {
        Error::Io { path, source } => {
            classes
                .os
                .bind(py)
                .call1((source.raw_os_error(), format!("{error}"), path.as_str()))?
        }
        _ => {
            let class = match kind {
                ErrorKind::Format => &classes.format,
                ErrorKind::Validation => &classes.validation,
                ErrorKind::Deadline => &classes.deadline,
                ErrorKind::Vocabulary => &classes.vocabulary,
                ErrorKind::Metric => &classes.metric,
                ErrorKind::Argument => &classes.argument,
                ErrorKind::Io => &classes.os,
                _ => &classes.base,
            };
            let message = match error.phrase() {
                // The wording this binding has always used for a roadmap's refused phrase.
                Some(phrase) => format!(
                    "deadline {phrase:?} at {}: {}",
                    error.location(),
                    crate::deadline::engine_text(error)
                ),
                None => error.to_string(),
            };
            class.bind(py).call1((message,))?
        }
    };
    set_common(
        &instance,
        error.code().as_str(),
        kind.as_str(),
        &error.location(),
        &error.problems(),
    )?;
    if let Some(phrase) = error.phrase() {
        crate::deadline::set_deadline_attributes(&instance, phrase, error)?;
    }
    Ok(PyErr::from_value(instance))
}

/// The Python exception for an operating-system error the binding itself met (reading a
/// file before handing its text to the core).
pub fn io_error(py: Python<'_>, path: &std::path::Path, source: std::io::Error) -> PyErr {
    core_error(
        py,
        &Error::Io {
            path: path.display().to_string(),
            source,
        },
    )
}

/// An `ArgumentError` with the given code and message, for arguments the binding cannot
/// turn into the core's types (a malformed date string, an unknown format name).
pub fn argument_error(py: Python<'_>, code: &str, message: impl Into<String>) -> PyErr {
    let message = message.into();
    let build = || -> PyResult<PyErr> {
        let instance = classes(py)?.argument.bind(py).call1((message.as_str(),))?;
        set_common(&instance, code, "argument", &Location::default(), &[])?;
        let problem = PyDict::new(py);
        problem.set_item("code", code)?;
        problem.set_item("kind", "argument")?;
        problem.set_item("message", message.as_str())?;
        for key in ["file", "line", "column", "path", "field"] {
            problem.set_item(key, py.None())?;
        }
        instance.setattr("problems", PyList::new(py, [problem])?)?;
        Ok(PyErr::from_value(instance))
    };
    build().unwrap_or_else(|e| e)
}

/// A `DeadlineError` instance for a refused phrase (used by `parse_deadline`).
pub fn deadline_class(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    Ok(classes(py)?.deadline.bind(py).clone())
}

/// Fill the common attributes of a `DeadlineError` made by [`deadline_class`].
pub fn set_deadline_common(instance: &Bound<'_, PyAny>, code: &str, message: &str) -> PyResult<()> {
    let py = instance.py();
    set_common(instance, code, "deadline", &Location::default(), &[])?;
    let problem = PyDict::new(py);
    problem.set_item("code", code)?;
    problem.set_item("kind", "deadline")?;
    problem.set_item("message", message)?;
    for key in ["file", "line", "column", "path", "field"] {
        problem.set_item(key, py.None())?;
    }
    instance.setattr("problems", PyList::new(py, [problem])?)?;
    Ok(())
}

/// Run `work` without the GIL (it must touch no Python object), turning a panic into an
/// `InternalError` instead of letting it reach Python as a `PanicException`.
pub fn detached<T: Send>(py: Python<'_>, work: impl FnOnce() -> T + Send) -> PyResult<T> {
    let outcome = py.detach(|| catch_unwind(AssertUnwindSafe(work)));
    outcome.map_err(|payload| internal_error(py, &payload))
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
        set_common(&instance, "internal", "internal", &Location::default(), &[])?;
        Ok(PyErr::from_value(instance))
    };
    build().unwrap_or_else(|e| e)
}
