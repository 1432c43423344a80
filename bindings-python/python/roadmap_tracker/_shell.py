"""The public classes: the native ones extended with pandas tables, Jupyter display and
DataFrame input, in Python.

Each class here subclasses its native class (``roadmap_tracker._native``) and only adds
methods that turn the core's results into other Python objects: ``pd.DataFrame(records)``
of the core's record lists, HTML of them. Nothing here decides anything; the native
module never imports this one.
"""

from __future__ import annotations

import csv
import datetime as _dt
import html
import io
import math
from typing import Any, Iterable, Mapping, Sequence, Union

from . import _native

DateLike = Union[_dt.date, str, Any]


def pandas_or_none() -> Any:
    """The pandas module, or None when it is not installed."""
    try:
        import pandas
    except ImportError:  # pragma: no cover - exercised only without pandas
        return None
    return pandas


def flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Flatten nested dicts one key at a time: ``{"deadline": {"phrase": p}}`` becomes
    ``{"deadline_phrase": p}``; an ``extra`` dict's keys are kept as they are (they are the
    spreadsheet's own column names)."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, Mapping):
            inner = "" if key == "extra" and not prefix else f"{prefix}{key}_"
            for k, v in flatten(value, inner).items():
                out.setdefault(k, v)
        else:
            out[f"{prefix}{key}"] = value
    return out


def frame(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> Any:
    """A DataFrame of the records (columns of dates as ``datetime64``), or the records
    themselves as a list of dicts without pandas."""
    flat = [flatten(r) for r in rows]
    pd = pandas_or_none()
    if pd is None:
        return flat
    df = pd.DataFrame.from_records(flat, columns=list(columns) if columns else None)
    for name in df.columns:
        values = [v for v in df[name].tolist() if v is not None]
        if df[name].dtype == object and values and all(_is_date(v) for v in values):
            df[name] = pd.to_datetime(df[name])
    return df


def _is_date(value: Any) -> bool:
    return isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)


def _argument_error(message: str) -> Exception:
    error = _native.ArgumentError(message)
    error.code = "invalid_argument"
    error.problems = [dict(code="invalid_argument", kind="argument", message=message,
                           file=None, line=None, column=None, path=None, field=None)]
    return error


def _choose(what: str, tables: Mapping[str, Any]) -> Any:
    if what not in tables:
        names = ", ".join(f'"{t}"' for t in tables)
        raise _argument_error(f"what must be one of {names}, not {what!r}")
    return tables[what]()


# --------------------------------------------------------------------------------------
# The classes


class Evaluation(_native.Evaluation):
    __doc__ = _native.Evaluation.__doc__
    __slots__ = ()

    def to_dataframe(self, what: str = "statuses") -> Any:
        """A DataFrame (a list of dicts without pandas) of the ``statuses``, ``scores``
        or ``metrics``, each row with the ``as_of`` date."""
        rows = {"statuses": lambda: self.commitments, "scores": lambda: self.scores,
                "metrics": lambda: self.metrics}
        return frame([dict(r, as_of=self.as_of) for r in _choose(what, rows)])

    def _repr_html_(self) -> str:
        """The status table with RAG colours, after the roadmap's own score."""
        titles = {n["id"]: n["title"] for n in self.roadmap.nodes}
        rows = [dict(c, title=titles.get(c["node"], "")) for c in self.commitments]
        title = f"Status as of {self.as_of}"
        overall = self.score()
        if overall is not None and overall.get("score") is not None:
            title += f" — roadmap score {overall['score']:.2f} ({overall.get('rag')})"
        columns = ["node", "title", "status", "rag", "deadline_state", "days", "label"]
        return _table_html(title, rows, columns)


class Roadmap(_native.Roadmap):
    __doc__ = _native.Roadmap.__doc__
    __slots__ = ()

    def evaluate(self, as_of: DateLike | None = None, *, rules: Any = None) -> Evaluation:
        return Evaluation(super().evaluate(as_of, rules=rules))

    evaluate.__doc__ = _native.Roadmap.evaluate.__doc__

    def to_dataframe(self, what: str = "nodes", *, as_of: DateLike | None = None) -> Any:
        """A DataFrame (a list of dicts without pandas) of the roadmap's ``nodes`` or
        ``updates``, or, as of a date (today when omitted), the derived ``statuses``, the
        ``scores``, or the monthly ``history`` or ``score_history`` from publication."""
        tables = {
            "nodes": lambda: frame(_node_rows(self)),
            "updates": lambda: frame(_with_columns(self.updates, _UPDATE_COLUMNS)),
            "statuses": lambda: self.evaluate(as_of).to_dataframe("statuses"),
            "scores": lambda: self.evaluate(as_of).to_dataframe("scores"),
            "history": lambda: frame(self._history_rows(self.published, as_of, "monthly")),
            "score_history": lambda: frame(score_history_rows(self.history(None, as_of))),
        }
        return _choose(what, tables)

    def _repr_html_(self) -> str:
        """The roadmap's commitments as of today, as a table with RAG colours."""
        head = f"{self.title} ({self.publisher}, published {self.published})"
        return f"<div><em>{_esc(head)}</em>{self.evaluate()._repr_html_()}</div>"

    @classmethod
    def from_dataframe(
        cls,
        df: Any,
        columns: Mapping[str, str] | None = None,
        *,
        base: _native.Roadmap | None = None,
        id: str | None = None,
        title: str | None = None,
        publisher: str | None = None,
        published: DateLike | None = None,
        summary: str = "",
        sources: Sequence[Mapping[str, Any]] | None = None,
    ) -> Roadmap:
        """A roadmap from a tracker kept as a DataFrame (one row per commitment).
        ``columns`` maps the library's column names to the DataFrame's. The roadmap's
        metadata and sources come from ``base``, or from ``id``, ``title``,
        ``publisher``, ``published`` (and ``summary``, ``sources``)."""
        given = (id, title, publisher, published)
        if base is None and None not in given:
            base = _native.Roadmap(id, title, publisher, published, summary=summary, sources=sources)
        elif base is None or any(v is not None for v in given):
            raise _argument_error("pass either base=Roadmap(...) or all of id, title, publisher and published")
        return cls(_roadmap_from_dataframe(df, base, columns))


class Sheet(_native.Sheet):
    __doc__ = _native.Sheet.__doc__
    __slots__ = ()

    def to_dataframe(self, what: str = "rows") -> Any:
        """A DataFrame (a list of dicts without pandas) of the ``rows`` (as
        ``records()``) or the ``problems``."""
        tables = {
            "rows": lambda: frame(self.records(), columns=["line", *self.fields]),
            "problems": lambda: frame(self.problems, columns=SHEET_PROBLEM_COLUMNS),
        }
        return _choose(what, tables)


# --------------------------------------------------------------------------------------
# Roadmap -> tables

_NODE_COLUMNS = [
    "id",
    "kind",
    "parent",
    "title",
    "summary",
    "owners",
    "tags",
    "weight",
    "sources",
    "deadline_phrase",
    "deadline_written_on",
    "deadline_source",
]
_UPDATE_COLUMNS = ["node", "date", "status", "source", "note", "delivered_on"]

#: The problem report's columns, in order (also for an empty report).
SHEET_PROBLEM_COLUMNS = ("severity", "code", "file", "line", "column", "header", "field", "value", "message")


def _with_columns(rows: list[dict[str, Any]], columns: Sequence[str]) -> list[dict[str, Any]]:
    """Every row gets every known column (None when absent), then its own extra keys."""
    out = []
    for row in rows:
        flat = flatten(row)
        full = {c: flat.pop(c, None) for c in columns}
        full.update(flat)
        out.append(full)
    return out


def _node_rows(roadmap: _native.Roadmap) -> list[dict[str, Any]]:
    return _with_columns(roadmap._node_records(), _NODE_COLUMNS)


def score_history_rows(history: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Long rows, one per date and scored node (the roadmap's with ``node`` None)."""
    rows: list[dict[str, Any]] = []
    for series in history.get("scores", []):
        for point in series.get("points", []):
            rows.append({"node": series["node"], "kind": series["kind"], **point})
    rows.sort(key=lambda r: r["date"])
    return rows


# --------------------------------------------------------------------------------------
# DataFrame -> Roadmap

_TRACKER_COLUMNS: list[str] = list(_native._TRACKER_COLUMNS)


def _cell(value: Any) -> str:
    """One spreadsheet cell as the tracker CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, _dt.datetime):
        if value != value:  # NaT
            return ""
        if value.time() == _dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ";".join(_cell(v) for v in value)
    type_name = type(value).__name__
    if type_name in ("NaTType", "NAType"):
        return ""
    if type_name == "datetime64":
        return str(value.astype("datetime64[D]")) if str(value) != "NaT" else ""
    if hasattr(value, "item"):  # NumPy scalars
        return _cell(value.item())
    return str(value)


def _roadmap_from_dataframe(df: Any, base: _native.Roadmap, columns: Mapping[str, str] | None) -> Any:
    mapping = dict(columns or {})
    unknown = sorted(set(mapping) - set(_TRACKER_COLUMNS))
    if unknown:
        raise _argument_error(
            f"columns maps unknown tracker column(s) {unknown}: the tracker columns are "
            + ", ".join(_TRACKER_COLUMNS)
        )
    df_columns = [str(c) for c in df.columns]
    missing = sorted(v for v in mapping.values() if v not in df_columns)
    if missing:
        raise _argument_error(f"the DataFrame has no column(s) {missing}")
    to_library = {v: k for k, v in mapping.items()}
    header = [to_library.get(c, c) for c in df_columns]
    back = {to_library.get(c, c): c for c in df_columns}

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    line_of_row: dict[int, Any] = {}
    line = 1 + buffer.getvalue().count("\n")
    labels = list(df.index)
    for position, values in enumerate(df.itertuples(index=False, name=None)):
        before = buffer.tell()
        writer.writerow([_cell(v) for v in values])
        line_of_row[line] = labels[position]
        line += buffer.getvalue().count("\n", before)
    text = buffer.getvalue()
    try:
        return _native.Roadmap.from_tracker_csv(text, base=base)
    except _native.RoadmapError as error:
        raise _locate_in_frame(error, line_of_row, back) from None


def _locate_in_frame(error: Any, line_of_row: Mapping[int, Any], back: Mapping[str, str]) -> Any:
    """The same error, naming the DataFrame's row label and column instead of CSV lines."""
    problems = []
    for p in getattr(error, "problems", None) or []:
        p = {**p, **p["location"]}
        p["row"] = line_of_row.get(p.get("line"))  # type: ignore[arg-type]
        if p.get("field") is not None:
            p["field"] = back.get(p["field"], p["field"])
        p["file"] = None
        problems.append(p)
    first = problems[0] if problems else {}
    row = first.get("row")
    field = first.get("field")
    where = []
    if row is not None:
        where.append(f"row {row!r}")
    if field is not None:
        where.append(f"column {field!r}")
    messages = [p.get("message", "") for p in problems] or [str(error)]
    detail = (", ".join(where) + ": " if where else "") + messages[0]
    new = type(error)(detail)
    for key, value in vars(error).items():
        setattr(new, key, value)
    new.problems = problems
    new.row = row
    new.field = field
    new.file = None
    new.line = None
    new.column = None
    return new


# --------------------------------------------------------------------------------------
# HTML for Jupyter

RAG_COLOURS = {"green": "#2e7d32", "amber": "#ef8f00", "red": "#c62828", "grey": "#757575"}


def _esc(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return html.escape(str(value))


def _table_html(title: str, rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """A compact HTML table; a ``rag`` column becomes a coloured dot."""

    def cell(column: str, value: Any) -> str:
        if column != "rag":
            return f"<td>{_esc(value)}</td>"
        colour = RAG_COLOURS.get(str(value), "#9e9e9e")
        return (
            f'<td><span style="display:inline-block;width:0.8em;height:0.8em;border-radius:50%;'
            f'background:{colour};margin-right:0.3em"></span>{_esc(value)}</td>'
        )

    head = "".join(f"<th style='text-align:left'>{_esc(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(cell(c, row.get(c)) for c in columns) + "</tr>" for row in rows)
    return (
        f"<div><strong>{_esc(title)}</strong><table style='border-collapse:collapse;font-size:0.9em'>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


# --------------------------------------------------------------------------------------
# Whole columns of deadline phrases

#: The pandas type of each column of ``parse_deadlines`` that is not plain.
_DTYPES = {
    **dict.fromkeys(("written_on", "earliest", "latest", "due_from"), "datetime64[s]"),
    **dict.fromkeys(("kind", "granularity", "named", "part", "edtf", "rules", "state",
                     "judge_rule", "error_code", "error_message"), "category"),
    **dict.fromkeys(("days", "error_start", "error_end"), "Int64"),
}


def _column(values: Any) -> Any:
    """A list of the values of a list, tuple, NumPy array or pandas Series."""
    if isinstance(values, str):
        raise TypeError("phrases must be a sequence of strings, not one string (use parse_deadline)")
    if isinstance(values, list):
        return values
    tolist = getattr(values, "tolist", None)
    return tolist() if callable(tolist) else list(values)


def _dates(values: Any) -> Any:
    """One date, or a list of dates (a datetime64 column's values become dates)."""
    if values is None or isinstance(values, (_dt.date, str)) or not hasattr(values, "__len__"):
        return values
    if str(getattr(values, "dtype", "")).startswith("datetime64"):
        import numpy

        values = numpy.asarray(values, dtype="datetime64[D]")
    return _column(values)


def parse_deadlines(
    phrases: Sequence[str] | Any,
    written_on: DateLike | Sequence[DateLike],
    *,
    as_of: DateLike | None = None,
    delivered_on: DateLike | Sequence[DateLike | None] | None = None,
) -> Any:
    """Parse a whole column of deadline phrases in one call into Rust (the GIL released
    while parsing).

    ``phrases`` is a list, NumPy array or pandas Series of strings (None/NaN count as empty
    phrases, which are refused). ``written_on`` is the date of the document that wrote the
    phrases (required): one date for every phrase or a sequence of one per phrase (dates,
    ISO strings, or a datetime64 column). With ``as_of`` (and optionally
    ``delivered_on``), each deadline is also judged: the columns ``state``, ``days`` and
    ``judge_rule`` are added.

    Refused phrases do not raise: their row has ``error_code``, ``error_message`` and the
    offending span (``error_start``, ``error_end``, code-point offsets into the phrase) and
    empty deadline columns.

    Returns a pandas DataFrame (index kept from a Series; dates as ``datetime64``; small
    vocabularies as categoricals; nullable integers) when pandas is installed, otherwise a
    dict of column name to list (dates as ``datetime.date``).
    """
    values = _column(phrases)
    columns = _native._parse_deadline_columns(
        values, _dates(written_on), as_of=as_of, delivered_on=_dates(delivered_on)
    )
    columns = {"phrase": values, **columns}
    pd = pandas_or_none()
    if pd is None:
        return columns
    index = phrases.index if type(phrases).__name__ == "Series" else None
    df = pd.DataFrame(columns, index=index)
    return df.astype({c: t for c, t in _DTYPES.items() if c in columns})
