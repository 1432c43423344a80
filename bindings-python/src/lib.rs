//! Python bindings for roadmap-tracker, built by maturin into the private module
//! `roadmap_tracker._native` of the typed Python package `roadmap_tracker`.
//!
//! The binding holds no logic of its own: it converts arguments (dates, paths, columns),
//! calls the core, and translates results through their serde form
//! ([`convert::to_py`]) and errors into one exception class per kind of the core
//! ([`errors`]). Work on whole columns runs without the GIL. The Python package around it
//! (`python/roadmap_tracker/`) adds the pandas, HTML and matplotlib helpers, which only
//! reshape data.

pub mod convert;
pub mod deadline;
pub mod errors;
pub mod pyser;
pub mod roadmap;
pub mod sheet;
pub mod status;
pub mod trackers;

use pyo3::prelude::*;

/// The native module `roadmap_tracker._native`.
#[pymodule]
#[pyo3(name = "_native")]
fn native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(module)?;
    module.add_class::<roadmap::PyRoadmap>()?;
    module.add_class::<status::PyEvaluation>()?;
    module.add_class::<deadline::PyDeadline>()?;
    module.add_class::<sheet::PySheet>()?;
    module.add_function(wrap_pyfunction!(trackers::tracker_vocabularies, module)?)?;
    module.add_function(wrap_pyfunction!(trackers::read_label, module)?)?;
    module.add_function(wrap_pyfunction!(trackers::translate_label, module)?)?;
    module.add_function(wrap_pyfunction!(trackers::rag_profiles, module)?)?;
    module.add_function(wrap_pyfunction!(trackers::evaluate_indicator, module)?)?;
    module.add_function(wrap_pyfunction!(deadline::parse_deadline, module)?)?;
    module.add_function(wrap_pyfunction!(deadline::parse_edtf, module)?)?;
    module.add_function(wrap_pyfunction!(deadline::find_deadlines, module)?)?;
    module.add_function(wrap_pyfunction!(deadline::_parse_deadline_columns, module)?)?;
    module.add_function(wrap_pyfunction!(errors::_argument_error, module)?)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
