//! The `Evaluation` class, and the arguments of the evaluating methods of `Roadmap`:
//! the rules, and the one default to today.

use std::sync::Arc;

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyString};
use roadmap_tracker::status::{Evaluation, Rules};

use crate::convert::{extract_date, json_text, name_arg, opt_text, text, to_py, PyStr};
use crate::errors::OrRaise;
use crate::pyser::table_to_python;
use crate::roadmap::{count, PyRoadmap};
use pyo3::exceptions::PyTypeError;
use roadmap_tracker::tables::View;
use roadmap_tracker::NodeKind;

/// The rules for an evaluation: the defaults, a dict (missing keys take their defaults),
/// or a JSON object as text. The core reads and checks them.
pub fn rules_arg(py: Python<'_>, rules: Option<&Bound<'_, PyAny>>) -> PyResult<Rules> {
    let Some(rules) = rules.filter(|r| !r.is_none()) else {
        return Ok(Rules::default());
    };
    let text = match rules.cast::<PyString>() {
        Ok(s) => text(s, "rules")?.to_string(),
        Err(_) if rules.cast::<PyDict>().is_ok() => json_text(rules)?,
        Err(_) => {
            return Err(PyTypeError::new_err(
                "rules must be a dict, a JSON string or None",
            ))
        }
    };
    Rules::from_json(&text).or_raise(py)
}

/// The one place the binding reads a clock: an `as_of` (or a history's `end`) left out
/// is today's date as Python sees it (`datetime.date.today()`). The core never reads one,
/// and nothing else defaults to today (a deadline's `written_on` is always given).
pub fn date_or_today(
    py: Python<'_>,
    value: Option<&Bound<'_, PyAny>>,
    what: &str,
) -> PyResult<NaiveDate> {
    match value.filter(|v| !v.is_none()) {
        Some(v) => extract_date(v, what),
        None => py
            .import("datetime")?
            .getattr("date")?
            .call_method0("today")?
            .extract(),
    }
}

/// The derived status of every commitment and milestone, and the scores of the roadmap
/// and of every section, sub-category and area, as of one date.
#[pyclass(name = "Evaluation", module = "roadmap_tracker", frozen, subclass)]
pub struct PyEvaluation {
    inner: Arc<Evaluation>,
    roadmap: Py<PyRoadmap>,
}

impl PyEvaluation {
    /// The evaluation of `roadmap`.
    pub fn new(inner: Evaluation, roadmap: &Bound<'_, PyRoadmap>) -> Self {
        PyEvaluation {
            inner: Arc::new(inner),
            roadmap: roadmap.clone().unbind(),
        }
    }
}

#[pymethods]
impl PyEvaluation {
    /// The same evaluation as an instance of the class called (how the package's
    /// subclass wraps what `Roadmap.evaluate` returns).
    #[new]
    fn py_new(evaluation: &Bound<'_, PyEvaluation>) -> Self {
        let e = evaluation.get();
        PyEvaluation {
            inner: Arc::clone(&e.inner),
            roadmap: e.roadmap.clone_ref(evaluation.py()),
        }
    }

    /// The date evaluated.
    #[getter]
    fn as_of(&self) -> NaiveDate {
        self.inner.as_of
    }

    /// The roadmap evaluated.
    #[getter]
    fn roadmap(&self, py: Python<'_>) -> Py<PyRoadmap> {
        self.roadmap.clone_ref(py)
    }

    /// One dict per commitment and milestone, in roadmap order: `node`, `kind`, `status`,
    /// `rag`, `reported`, `label`, `update`, `update_date`, `delivered_on`,
    /// `deadline_state`, `days`, `due`, `rule`, `reason`.
    #[getter]
    fn commitments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.commitments)
    }

    /// One dict per scored node: the roadmap first (`node` None), then every section,
    /// sub-category and area: `score`, `rag`, `counts` (by status), `total`, `due`,
    /// `met_on_time`, `met_on_time_share`...
    #[getter]
    fn scores<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.scores)
    }

    /// One dict per metric: progress to target, trajectory, rating (or its error).
    #[getter]
    fn metrics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.metrics)
    }

    /// The core's table `what` (`statuses`, `scores` or `metrics`) as `(names, types,
    /// columns)`, for `to_dataframe`.
    #[pyo3(name = "_table")]
    pub fn table<'py>(&self, py: Python<'py>, what: &PyStr<'py>) -> PyResult<Bound<'py, PyAny>> {
        let view: View = name_arg(py, what, "what")?;
        let table = self
            .inner
            .table(view)
            .map_err(|e| e.for_argument("what"))
            .or_raise(py)?;
        table_to_python(py, table)
    }

    /// The status dict of one commitment or milestone, or None.
    fn status<'py>(&self, py: Python<'py>, node: &PyStr<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.status(&text(node, "node")?))
    }

    /// The score dict of a section, sub-category or area, or of the roadmap when `node`
    /// is None; None for an unknown node.
    #[pyo3(signature = (node = None))]
    fn score<'py>(
        &self,
        py: Python<'py>,
        node: Option<&PyStr<'py>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let found = match opt_text(node, "node")? {
            None => Some(self.inner.roadmap_score()),
            Some(id) => self.inner.score(&id),
        };
        to_py(py, &found)
    }

    /// Everything as one dict (the JSON form, dates as `date`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &*self.inner)
    }

    /// The number of commitments and milestones.
    fn __len__(&self) -> usize {
        self.inner.commitments.len()
    }

    /// Iterate over the commitments' status dicts.
    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyIterator>> {
        PyIterator::from_object(&to_py(py, &self.inner.commitments)?)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyEvaluation>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __repr__(&self) -> String {
        let s = self.inner.roadmap_score();
        let kinds = || self.inner.commitments.iter().map(|c| c.kind);
        let score = s
            .score
            .map_or_else(|| "None".to_owned(), |v| format!("{v:.3}"));
        format!(
            "Evaluation(as_of={}, commitments={}, milestones={}, score={}, rag={:?})",
            self.inner.as_of,
            count(kinds(), NodeKind::Commitment),
            count(kinds(), NodeKind::Milestone),
            score,
            s.rag.as_str()
        )
    }
}
