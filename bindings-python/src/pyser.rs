//! The one core → Python converter: the core's value tree ([`roadmap_tracker::value`],
//! dates typed) as Python data: maps dicts (in field order), lists lists, dates
//! `datetime.date`, the rest the scalar it is; a refused phrase's `span` in code points.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3::BoundObject;
use roadmap_tracker::tables::{Frame, Offsets};
use roadmap_tracker::value::{to_value, Value};
use serde::Serialize;

use crate::errors::OrRaise;

/// Serialize a value into a Python object.
pub fn to_python<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let tree = to_value(value).or_raise(py)?;
    value_to_python(py, tree)
}

/// A core table ([`Frame`]) as `(names, types, columns)`: the column names, each column's
/// type name (the core's [`ColumnType`](roadmap_tracker::tables::ColumnType) names) and
/// one list of values per column, for the package to build its DataFrame from; spans in
/// code points.
pub fn table_to_python(py: Python<'_>, mut table: Frame) -> PyResult<Bound<'_, PyAny>> {
    table.set_offsets(Offsets::CodePoints);
    let columns = PyList::empty(py);
    for at in 0..table.names().len() {
        let values = table
            .column_values(at)
            .map(|v| value_to_python(py, v.clone()));
        columns.append(PyList::new(py, values.collect::<PyResult<Vec<_>>>()?)?)?;
    }
    let types: Vec<&str> = table.types().iter().map(|t| t.as_str()).collect();
    (table.names(), types, columns)
        .into_pyobject(py)
        .map(Bound::into_any)
}

/// One of the core's values ([`Value`]) as Python data.
pub fn value_to_python(py: Python<'_>, value: Value) -> PyResult<Bound<'_, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.into_bound().into_any(),
        Value::Int(n) => n.into_pyobject(py)?.into_any(),
        Value::Float(x) => x.into_pyobject(py)?.into_any(),
        Value::Str(s) => s.into_pyobject(py)?.into_any(),
        Value::Date(d) => d.into_pyobject(py)?.into_any(),
        Value::List(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value_to_python(py, item)?)?;
            }
            list.into_any()
        }
        Value::Map(entries) => {
            let spanned = entries.iter().any(|(key, _)| &**key == "span");
            let dict = PyDict::new(py);
            for (key, item) in entries {
                dict.set_item(&*key, value_to_python(py, item)?)?;
            }
            if spanned {
                crate::errors::span_in_code_points(&dict)?;
            }
            dict.into_any()
        }
    })
}
