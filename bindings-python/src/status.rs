//! Derived status, scores, history, changes and the report: `Roadmap.evaluate`,
//! `Roadmap.history`, `Roadmap.changes`, `Roadmap.report` and the `Evaluation` class.

use std::sync::Arc;

use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyString};
use roadmap_tracker::report::ReportFormat;
use roadmap_tracker::status::{Evaluation, Evaluator, Rules, Step};
use roadmap_tracker::Roadmap;

use crate::convert::{extract_date, to_py};
use crate::errors::{argument_error, core_error, detached};
use crate::roadmap::{call_shell, PyRoadmap};

/// The rules for an evaluation: the defaults, a dict (missing keys take their defaults),
/// or a JSON object as text. The core reads and checks them.
pub fn rules_arg(py: Python<'_>, rules: Option<&Bound<'_, PyAny>>) -> PyResult<Rules> {
    let Some(rules) = rules.filter(|r| !r.is_none()) else {
        return Ok(Rules::default());
    };
    let text: String = if let Ok(s) = rules.cast::<PyString>() {
        s.to_str()?.to_owned()
    } else if rules.cast::<PyDict>().is_ok() {
        let kwargs = PyDict::new(py);
        kwargs.set_item("default", py.get_type::<PyString>())?;
        py.import("json")?
            .call_method("dumps", (rules,), Some(&kwargs))?
            .extract()?
    } else {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "rules must be a dict, a JSON string or None",
        ));
    };
    Rules::from_json(&text).map_err(|e| core_error(py, &e))
}

/// A date argument that defaults to today (the binding supplies the clock).
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

fn step_arg(py: Python<'_>, step: &str) -> PyResult<Step> {
    serde_json::from_value(serde_json::Value::String(step.to_owned())).map_err(|_| {
        argument_error(
            py,
            "invalid_argument",
            format!("step must be \"daily\", \"weekly\" or \"monthly\", not {step:?}"),
        )
    })
}

/// The derived status of every commitment and milestone, and the scores of the roadmap
/// and of every section, sub-category and area, as of one date.
#[pyclass(name = "Evaluation", module = "roadmap_tracker", frozen)]
pub struct PyEvaluation {
    inner: Evaluation,
    roadmap: Py<PyRoadmap>,
}

#[pymethods]
impl PyEvaluation {
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

    /// The status dict of one commitment or milestone, or None.
    fn status<'py>(&self, py: Python<'py>, node: &str) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.status(node))
    }

    /// The score dict of a section, sub-category or area, or of the roadmap when `node`
    /// is None; None for an unknown node.
    #[pyo3(signature = (node = None))]
    fn score<'py>(&self, py: Python<'py>, node: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        let found = match node {
            None => Some(self.inner.roadmap_score()),
            Some(id) => self.inner.score(id),
        };
        to_py(py, &found)
    }

    /// Everything as one dict (the JSON form, dates as `date`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// A DataFrame (a list of dicts without pandas) of the `statuses`, `scores` or
    /// `metrics`.
    #[pyo3(signature = (what = "statuses"))]
    fn to_dataframe<'py>(slf: &Bound<'py, Self>, what: &str) -> PyResult<Bound<'py, PyAny>> {
        call_shell(slf.py(), "evaluation_to_dataframe", (slf, what))
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
        let score = s
            .score
            .map_or_else(|| "None".to_owned(), |v| format!("{v:.3}"));
        format!(
            "Evaluation(as_of={}, commitments={}, score={}, rag={:?})",
            self.inner.as_of,
            self.inner.commitments.len(),
            score,
            s.rag.as_str()
        )
    }

    /// Rich display in Jupyter: the status table with RAG colours.
    fn _repr_html_<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        let roadmap = slf.get().roadmap.bind(slf.py()).clone();
        call_shell(slf.py(), "evaluation_html", (slf, roadmap))
    }
}

fn evaluator_run<T: Send>(
    py: Python<'_>,
    roadmap: &Arc<Roadmap>,
    rules: Rules,
    work: impl FnOnce(&Evaluator) -> Result<T, roadmap_tracker::Error> + Send,
) -> PyResult<T> {
    let roadmap = Arc::clone(roadmap);
    detached(py, move || {
        let evaluator = Evaluator::new(roadmap, rules)?;
        work(&evaluator)
    })?
    .map_err(|e| core_error(py, &e))
}

/// `Roadmap.evaluate`: derive the status of every commitment and milestone and the scores as of a date
/// (today when omitted), under `rules` (a dict; the defaults when None).
pub fn evaluate(
    slf: &Bound<'_, PyRoadmap>,
    as_of: Option<&Bound<'_, PyAny>>,
    rules: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyEvaluation> {
    let py = slf.py();
    let as_of = date_or_today(py, as_of, "as_of")?;
    let rules = rules_arg(py, rules)?;
    let inner = evaluator_run(py, &slf.get().inner, rules, |e| Ok(e.evaluate(as_of)))?;
    Ok(PyEvaluation {
        inner,
        roadmap: slf.clone().unbind(),
    })
}

/// `Roadmap.history`: the derived status of every commitment at every date of a series from `start`
/// (the roadmap's publication when omitted) to `end` (today), `daily`, `weekly` or
/// `monthly`, as a dict: `dates`, `commitments` (runs of equal status) and `scores`
/// (one series of points per scored node).
pub fn history<'py>(
    this: &PyRoadmap,
    py: Python<'py>,
    start: Option<&Bound<'py, PyAny>>,
    end: Option<&Bound<'py, PyAny>>,
    step: &str,
    rules: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let start = match start.filter(|s| !s.is_none()) {
        Some(s) => extract_date(s, "start")?,
        None => this.inner.published,
    };
    let end = date_or_today(py, end, "end")?;
    let step = step_arg(py, step)?;
    let rules = rules_arg(py, rules)?;
    let history = evaluator_run(py, &this.inner, rules, |e| {
        e.history(Some(start), end, step)
    })?;
    to_py(py, &history)
}

/// `Roadmap._history_rows`: the same history in its long form (`History::rows`), for
/// `to_dataframe("history")`.
pub fn history_rows<'py>(
    this: &PyRoadmap,
    py: Python<'py>,
    start: &Bound<'py, PyAny>,
    end: &Bound<'py, PyAny>,
    step: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let start = extract_date(start, "start")?;
    let end = extract_date(end, "end")?;
    let step = step_arg(py, step)?;
    let history = evaluator_run(py, &this.inner, Rules::default(), |e| {
        e.history(Some(start), end, step)
    })?;
    to_py(py, &history.rows())
}

/// `Roadmap.changes`: what changed between two dates: one dict per commitment whose derived status differs
/// between `since` and `as_of` (today when omitted), with the updates in between and
/// the reason.
pub fn changes<'py>(
    this: &PyRoadmap,
    py: Python<'py>,
    since: &Bound<'py, PyAny>,
    as_of: Option<&Bound<'py, PyAny>>,
    rules: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let since = extract_date(since, "since")?;
    let as_of = date_or_today(py, as_of, "as_of")?;
    let rules = rules_arg(py, rules)?;
    let changes = evaluator_run(py, &this.inner, rules, |e| Ok(e.changes(since, as_of)))?;
    to_py(py, &changes)
}

/// `Roadmap.report`: the progress report as of a date (today when omitted), as `text`, `markdown`,
/// `json` or `csv` text, or as a `dict` (the JSON form); with `since`, it lists what
/// changed since that date.
pub fn report<'py>(
    this: &PyRoadmap,
    py: Python<'py>,
    as_of: Option<&Bound<'py, PyAny>>,
    format: &str,
    since: Option<&Bound<'py, PyAny>>,
    rules: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    // `None` is the dict form.
    let format = match format {
        "dict" => None,
        name => Some(ReportFormat::ALL.into_iter().find(|f| f.as_str() == name).ok_or_else(|| {
            argument_error(
                py,
                "invalid_argument",
                format!(
                    "format must be \"text\", \"markdown\", \"json\", \"csv\" or \"dict\", not {name:?}"
                ),
            )
        })?),
    };
    let as_of = date_or_today(py, as_of, "as_of")?;
    let since = match since.filter(|s| !s.is_none()) {
        Some(s) => Some(extract_date(s, "since")?),
        None => None,
    };
    let rules = rules_arg(py, rules)?;
    let roadmap = Arc::clone(&this.inner);
    let report = detached(py, move || {
        Evaluator::new(roadmap, rules).map(|e| e.report(as_of, since))
    })?
    .map_err(|e| core_error(py, &e))?;
    let Some(format) = format else {
        return to_py(py, &report);
    };
    let text = detached(py, || report.render(format))?.map_err(|e| core_error(py, &e))?;
    Ok(PyString::new(py, &text).into_any())
}
