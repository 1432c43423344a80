//! Tracker vocabularies and indicator targets: plain functions over the core's
//! `status::Vocabulary` and `indicator` module, results as plain Python data.

use pyo3::prelude::*;
use pyo3::types::PyString;
use roadmap_tracker::deadline::Conventions;
use roadmap_tracker::indicator::Indicator;
use roadmap_tracker::status::{LabelTable, Vocabulary};
use roadmap_tracker::target::RagProfile;

use crate::convert::{from_py_json, text, to_py, PyStr};
use crate::errors::OrRaise;
use crate::status::date_or_today;

fn named(py: Python<'_>, id: &str) -> PyResult<&'static Vocabulary> {
    Vocabulary::builtin(id).or_raise(py)
}

/// Every built-in tracker vocabulary: `id`, `tracker`, `version` and `labels` (each with
/// its `label`, `aliases` and `meaning`).
#[pyfunction]
pub fn tracker_vocabularies(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let tables: Vec<LabelTable<'_>> = Vocabulary::all().iter().map(Vocabulary::table).collect();
    to_py(py, &tables)
}

/// Read one cell through a tracker vocabulary: a dict with `kind` `rated` (`vocabulary`,
/// `label`, `status`, `rag`) or `non_rating` (`non_rating`, `text`). An unknown label is
/// a `VocabularyError`.
#[pyfunction]
pub fn read_label<'py>(
    py: Python<'py>,
    vocabulary: &PyStr<'py>,
    text: &PyStr<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let vocabulary = named(py, &crate::convert::text(vocabulary, "vocabulary")?)?;
    let reading = vocabulary
        .read(&crate::convert::text(text, "text")?)
        .or_raise(py)?;
    to_py(py, &reading)
}

/// Translate a label from one tracker vocabulary into another: `{"label", "lossy"}`.
#[pyfunction]
#[pyo3(signature = (label, from_vocabulary, to_vocabulary))]
pub fn translate_label<'py>(
    py: Python<'py>,
    label: &PyStr<'py>,
    from_vocabulary: &PyStr<'py>,
    to_vocabulary: &PyStr<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let from = named(py, &text(from_vocabulary, "from_vocabulary")?)?;
    let to = named(py, &text(to_vocabulary, "to_vocabulary")?)?;
    let translation = from.translate(&text(label, "label")?, to).or_raise(py)?;
    to_py(py, &translation)
}

/// The built-in RAG profiles for indicators: `id`, `title`, `mark`, `amber_within`.
#[pyfunction]
pub fn rag_profiles(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &RagProfile::builtins())
}

/// Evaluate an indicator (a dict in the core's JSON form; dates may be `datetime.date`)
/// as of a date (today when omitted), under a RAG profile named by id or given as a
/// dict. Returns the evaluation as a dict: `status`, `judged`, `latest`, `missing`,
/// `progress`, `direction`, `trend`, `rag`, `reason`...
#[pyfunction]
#[pyo3(signature = (indicator, as_of = None, *, profile = None))]
pub fn evaluate_indicator<'py>(
    py: Python<'py>,
    indicator: &Bound<'py, PyAny>,
    as_of: Option<&Bound<'py, PyAny>>,
    profile: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let indicator: Indicator = from_py_json(indicator, "indicator")?;
    let as_of = date_or_today(py, as_of, "as_of")?;
    let profile = match profile.filter(|p| !p.is_none()) {
        None => RagProfile::builtin("target"),
        Some(p) => match p.cast::<PyString>() {
            Ok(id) => RagProfile::builtin(&text(id, "profile")?),
            Err(_) => Ok(from_py_json::<RagProfile>(p, "profile")?),
        },
    }
    .or_raise(py)?;
    let evaluation = indicator
        .evaluate(as_of, &profile, Conventions::uk())
        .or_raise(py)?;
    to_py(py, &evaluation)
}
