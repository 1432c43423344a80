"""Helpers that only reshape data: tables for pandas, HTML for Jupyter, DataFrame input.

Nothing here decides anything about deadlines or statuses: every value comes from the
native module (the Rust core), and these functions arrange it into rows, columns and markup.
The native classes call into this module for their ``to_dataframe``, ``from_dataframe`` and
``_repr_html_`` methods.
"""

from __future__ import annotations

import csv
import datetime as _dt
import html
import io
import math
from typing import Any, Iterable, Mapping, Sequence

from . import _native

# --------------------------------------------------------------------------------------
# pandas, optional


def pandas_or_none() -> Any:
    """The pandas module, or None when it is not installed."""
    try:
        import pandas
    except ImportError:  # pragma: no cover - exercised only without pandas
        return None
    return pandas


def today() -> _dt.date:
    """The binding's "today": the core never reads a clock, so the caller supplies it."""
    return _dt.date.today()


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


def _is_date_column(values: Sequence[Any]) -> bool:
    seen = False
    for v in values:
        if v is None:
            continue
        if not isinstance(v, _dt.date) or isinstance(v, _dt.datetime):
            return False
        seen = True
    return seen


def frame(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None) -> Any:
    """A DataFrame of the rows (date columns as ``datetime64``), or the rows themselves as a
    list of dicts without pandas."""
    flat = [flatten(r) for r in rows]
    pd = pandas_or_none()
    if pd is None:
        return flat
    df = pd.DataFrame.from_records(flat, columns=list(columns) if columns else None)
    for name in df.columns:
        if df[name].dtype == object and _is_date_column(df[name].tolist()):
            df[name] = pd.to_datetime(df[name])
    return df


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
    # The core's records carry every default (weight, summary, lists); only an absent
    # deadline leaves its three columns to be filled with None.
    return _with_columns(roadmap._node_records(), _NODE_COLUMNS)


def roadmap_to_dataframe(roadmap: _native.Roadmap, what: str, as_of: Any) -> Any:
    """The body of ``Roadmap.to_dataframe``."""
    if what == "nodes":
        return frame(_node_rows(roadmap))
    if what == "updates":
        return frame(_with_columns(roadmap.updates, _UPDATE_COLUMNS))
    as_of = today() if as_of is None else as_of
    if what in ("statuses", "scores"):
        return roadmap.evaluate(as_of).to_dataframe(what)  # type: ignore[arg-type]
    if what in ("history", "score_history"):
        if what == "history":
            return frame(roadmap._history_rows(roadmap.published, as_of, "monthly"))
        history = roadmap.history(roadmap.published, as_of, step="monthly")
        return frame(score_history_rows(history))
    raise _argument_error(
        'what must be "nodes", "updates", "statuses", "scores", "history" or "score_history", '
        f"not {what!r}"
    )


def _argument_error(message: str) -> Exception:
    error = _native.ArgumentError(message)
    error.code = "invalid_argument"
    error.kind = "argument"
    error.problems = [
        {
            "code": "invalid_argument",
            "kind": "argument",
            "message": message,
            "file": None,
            "line": None,
            "column": None,
            "path": None,
            "field": None,
        }
    ]
    return error


def evaluation_to_dataframe(evaluation: Any, what: str) -> Any:
    """The body of ``Evaluation.to_dataframe``: one row per commitment or per node."""
    if what == "statuses":
        rows = [dict(r, as_of=evaluation.as_of) for r in evaluation.commitments]
        return frame(rows)
    if what == "scores":
        rows = [dict(r, as_of=evaluation.as_of) for r in evaluation.scores]
        return frame(rows)
    if what == "metrics":
        rows = [dict(r, as_of=evaluation.as_of) for r in evaluation.metrics]
        return frame(rows)
    raise _argument_error(f'what must be "statuses", "scores" or "metrics", not {what!r}')


#: The problem report's columns, in order (also for an empty report).
SHEET_PROBLEM_COLUMNS = (
    "severity",
    "code",
    "file",
    "line",
    "column",
    "header",
    "field",
    "value",
    "message",
)


def sheet_to_dataframe(sheet: Any, what: str) -> Any:
    """The body of ``Sheet.to_dataframe``: one row per sheet row (its plain records) or
    per problem (``what`` is checked by the native method)."""
    if what == "problems":
        return frame(sheet.problems, columns=SHEET_PROBLEM_COLUMNS)
    return frame(sheet.records(), columns=["line", *sheet.fields])


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

# The tracker sheet's columns, as the core defines them.
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


def roadmap_from_dataframe(df: Any, base: _native.Roadmap, columns: Mapping[str, str] | None) -> Any:
    """The body of ``Roadmap.from_dataframe``: write the DataFrame as a tracker sheet and
    read it with the core, then name the DataFrame's row and column in any error."""
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
        p = dict(p)
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
    if len(problems) > 1:
        detail = f"{len(problems)} problems:" + "".join(
            "\n  - "
            + ", ".join(
                x
                for x in (
                    f"row {p['row']!r}" if p.get("row") is not None else "",
                    f"column {p['field']!r}" if p.get("field") is not None else "",
                )
                if x
            )
            + f": {p.get('message', '')}"
            for p in problems
        )
    else:
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

RAG_COLOURS = {
    "green": "#2e7d32",
    "amber": "#ef8f00",
    "red": "#c62828",
    "grey": "#757575",
    "gray": "#757575",
    "none": "#9e9e9e",
}


def _esc(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return html.escape(str(value))


def _rag_cell(rag: Any) -> str:
    rag_text = "" if rag is None else str(rag).lower()
    colour = RAG_COLOURS.get(rag_text, "#9e9e9e")
    return (
        f'<td><span style="display:inline-block;width:0.8em;height:0.8em;'
        f'border-radius:50%;background:{colour};margin-right:0.3em" '
        f'title="{_esc(rag_text)}"></span>{_esc(rag_text)}</td>'
    )


def status_table_html(title: str, rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """A compact HTML table; a ``rag`` column becomes a coloured dot."""
    head = "".join(f"<th style='text-align:left'>{_esc(c)}</th>" for c in columns)
    body = []
    for row in rows:
        cells = []
        for c in columns:
            cells.append(_rag_cell(row.get(c)) if c == "rag" else f"<td>{_esc(row.get(c))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<div><strong>{_esc(title)}</strong>"
        f"<table style='border-collapse:collapse;font-size:0.9em'>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def evaluation_html(evaluation: Any, roadmap: Any = None) -> str:
    """The body of ``Evaluation._repr_html_``: one row per commitment with its derived
    status, deadline state and RAG rating, after the roadmap's own score."""
    titles = {}
    if roadmap is not None:
        titles = {n["id"]: n["title"] for n in roadmap.nodes}
    rows = []
    for c in evaluation.commitments:
        rows.append(dict(c, title=titles.get(c.get("node"), "")))
    columns = ["node", "title", "status", "rag", "deadline_state", "days", "label"]
    title = f"Status as of {evaluation.as_of}"
    overall = next((s for s in evaluation.scores if s.get("kind") == "roadmap"), None)
    if overall is not None and overall.get("score") is not None:
        title += f" — roadmap score {overall['score']:.2f} ({overall.get('rag')})"
    return status_table_html(title, rows, columns)


def roadmap_html(roadmap: _native.Roadmap) -> str:
    """The body of ``Roadmap._repr_html_``: the roadmap's commitments as of today."""
    head = f"{roadmap.title} ({roadmap.publisher}, published {roadmap.published})"
    evaluation = roadmap.evaluate(today())
    return f"<div><em>{_esc(head)}</em>{evaluation_html(evaluation, roadmap)}</div>"
