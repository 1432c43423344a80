"""Whole columns of deadline phrases at once: ``parse_deadlines``.

The phrases go into Rust in one call, which parses them all with the GIL released; this
module only turns the inputs (lists, NumPy arrays, pandas Series) into what that call takes
and its columns into a DataFrame (or a dict of lists without pandas).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Sequence, Union

from . import _native
from ._shell import pandas_or_none

DateLike = Union[_dt.date, str, Any]

#: The columns of ``parse_deadlines``, in order. ``state``, ``days`` and ``judge_rule`` are
#: there only when ``as_of`` is given.
COLUMNS = (
    "phrase",
    "written_on",
    "kind",
    "earliest",
    "latest",
    "granularity",
    "named",
    "part",
    "approximate",
    "uncertain",
    "edtf",
    "rules",
    "due_from",
    "state",
    "days",
    "judge_rule",
    "error_code",
    "error_message",
    "error_start",
    "error_end",
)


def _to_list(values: Any) -> list[Any]:
    """A Python list of the values of a list, tuple, NumPy array or pandas Series."""
    if isinstance(values, list):
        return values
    if isinstance(values, str):
        raise TypeError("phrases must be a sequence of strings, not one string (use parse_deadline)")
    tolist = getattr(values, "tolist", None)
    if callable(tolist):
        out = tolist()
        if isinstance(out, list):
            return out
    return list(values)


def _is_scalar_date(value: Any) -> bool:
    return value is None or isinstance(value, (_dt.date, str)) or type(value).__name__ == "datetime64"


def _dates_arg(values: Any, n: int) -> Any:
    """One date, or a column of dates: NumPy/pandas columns go to Rust as int64 day numbers
    (one buffer, no Python object per row), anything else as a list."""
    if _is_scalar_date(values):
        return values
    try:
        import numpy as np
    except ImportError:
        return _to_list(values)
    dtype = getattr(values, "dtype", None)
    if dtype is not None and np.issubdtype(dtype, np.datetime64):
        days = np.asarray(values, dtype="datetime64[D]").astype("<i8")
        return days.tobytes()
    return _to_list(values)


def _index_of(phrases: Any) -> Any:
    return getattr(phrases, "index", None) if type(phrases).__name__ == "Series" else None


def _from_buffers(columns: dict[str, Any], pd: Any) -> dict[str, Any]:
    """NumPy/pandas columns from the (tag, bytes, ...) tuples the native call returns."""
    import numpy as np

    out: dict[str, Any] = {}
    for name, value in columns.items():
        if not isinstance(value, tuple):
            out[name] = value
            continue
        tag, raw = value[0], value[1]
        if tag == "date":
            out[name] = np.frombuffer(raw, dtype="<i8").view("datetime64[D]")
        elif tag == "bool":
            out[name] = np.frombuffer(raw, dtype=np.uint8).astype(bool)
        elif tag == "int":
            ints = np.frombuffer(raw, dtype="<i8")
            missing = ints == np.iinfo(np.int64).min
            out[name] = pd.arrays.IntegerArray(np.where(missing, 0, ints), missing)
        elif tag == "category":
            codes = np.frombuffer(raw, dtype="<i4")
            out[name] = pd.Categorical.from_codes(codes, categories=value[2])
        else:  # pragma: no cover - the native module only sends the tags above
            raise ValueError(f"unknown column tag {tag!r}")
    return out


def parse_deadlines(
    phrases: Sequence[str] | Any,
    written_on: DateLike | Sequence[DateLike] | None = None,
    *,
    as_of: DateLike | None = None,
    delivered_on: DateLike | Sequence[DateLike | None] | None = None,
) -> Any:
    """Parse a whole column of deadline phrases in one call into Rust (the GIL released).

    ``phrases`` is a list, NumPy array or pandas Series of strings (None/NaN count as empty
    phrases, which are refused). ``written_on`` is one date for every phrase or a sequence
    of one per phrase (dates, ISO strings, or a datetime64 column); today when omitted.
    With ``as_of`` (and optionally ``delivered_on``), each deadline is also judged: the
    columns ``state``, ``days`` and ``judge_rule`` are added.

    Refused phrases do not raise: their row has ``error_code``, ``error_message`` and the
    offending span (``error_start``, ``error_end``, byte offsets) and empty deadline columns.

    Returns a pandas DataFrame (index kept from a Series; dates as ``datetime64``; small
    vocabularies as categoricals; nullable integers) when pandas is installed, otherwise a
    dict of column name to list (dates as ``datetime.date``).
    """
    values = _to_list(phrases)
    n = len(values)
    pd = pandas_or_none()
    columns = _native._parse_deadline_columns(
        values,
        _dates_arg(written_on, n),
        as_of=as_of,
        delivered_on=_dates_arg(delivered_on, n),
        arrays=pd is not None,
    )
    if pd is None:
        return {"phrase": values, **columns}
    data = {"phrase": values, **_from_buffers(columns, pd)}
    index = _index_of(phrases)
    return pd.DataFrame(data, index=index)
