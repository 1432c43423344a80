"""The public classes: the native ones extended with pandas tables, Jupyter display and
DataFrame input, in Python.

Each class here subclasses its native class (``roadmap_tracker._native``) and only adds
methods that turn the core's results into other Python objects: ``pd.DataFrame(records)``
of the core's record lists, HTML of them. Nothing here decides anything; the native
module never imports this one.
"""

from __future__ import annotations

import collections
import datetime as _dt
import html
from typing import TYPE_CHECKING, Any, Iterable, Literal, Mapping, Sequence, Union, overload

from . import _native

if TYPE_CHECKING:  # pragma: no cover
    import numpy
    import pandas as pd
    import polars as pl

#: What a date argument accepts: a ``datetime.date`` (so a ``datetime`` or a
#: ``pandas.Timestamp`` too: its date), an ISO ``YYYY-MM-DD`` string or a NumPy
#: ``datetime64`` (``roadmap_tracker.records.DateLike`` for type checkers).
DateLike = Union[_dt.date, str, "numpy.datetime64"]
#: The tables of ``Evaluation.to_dataframe`` and ``Roadmap.to_dataframe`` (the core's views).
EvaluationTable = Literal["statuses", "scores", "metrics"]
RoadmapTable = Literal["nodes", "updates", "statuses", "scores", "metrics", "history", "score_history",
                       "changes", "report"]
#: The rules of an evaluation: a dict such as ``{"grace_days": 14}``, JSON text, or None
#: for the defaults.
Rules = Union[Mapping[str, Any], str, None]


def pandas_or_none() -> Any:
    """The pandas module, or None when it is not installed."""
    try:
        import pandas
    except ImportError:  # pragma: no cover - exercised only without pandas
        return None
    return pandas


@overload
def frame(table: Any) -> pd.DataFrame: ...
@overload
def frame(table: Any, library: Literal["polars"]) -> pl.DataFrame: ...
def frame(table: Any, library: str = "pandas") -> Any:
    """A pandas (or polars) DataFrame of one of the core's tables, ``(names, types,
    columns)`` as the native ``_table`` methods give it, one dtype per core column type:
    codes categorical, integers nullable, dates ``datetime64[ns]`` (polars: ``Date``) with
    NaT, lists as lists. Without pandas, a list of dicts."""
    names, types, columns = table
    if library == "polars":
        import polars as pl

        kinds: dict[str, Any] = {"date": pl.Date, "int": pl.Int64, "float": pl.Float64, "bool": pl.Boolean,
                                 "code": pl.Categorical, "text": pl.String, "mixed": pl.Object}
        return pl.DataFrame([pl.Series(n, v, dtype=kinds.get(t)) for n, t, v in zip(names, types, columns)])
    pd = pandas_or_none()
    if pd is None:
        return [dict(zip(names, row)) for row in zip(*columns)]
    dtypes = {"int": "Int64", "float": "float64", "bool": "boolean", "code": "category"}
    return pd.DataFrame({n: pd.Series(pd.to_datetime(pd.Series(v, dtype=object)), dtype="datetime64[ns]")
                         if t == "date" else pd.Series(v, dtype=dtypes.get(t, object))
                         for n, t, v in zip(names, types, columns)}, columns=names)


# --------------------------------------------------------------------------------------
# The classes


class Evaluation(_native.Evaluation):
    __doc__ = _native.Evaluation.__doc__
    __slots__ = ()

    def to_dataframe(self, what: EvaluationTable = "statuses") -> pd.DataFrame:
        """A DataFrame (a list of dicts without pandas) of the ``statuses``, ``scores``
        or ``metrics``, each row with the ``as_of`` date."""
        return frame(self._table(what))

    to_pandas = to_dataframe

    def to_polars(self, what: EvaluationTable = "statuses") -> pl.DataFrame:
        """``to_dataframe`` as a polars DataFrame (polars is an optional extra)."""
        return frame(self._table(what), "polars")

    def _repr_html_(self) -> str:
        """The count of each status as of the evaluated date, the roadmap's score, and the
        first rows of the status table with RAG colours."""
        titles = {n["id"]: n["title"] for n in self.roadmap.nodes}
        rows = [dict(c, title=titles.get(c["node"], "")) for c in self.commitments]
        title = f"Status as of {self.as_of}"
        overall = self.score()
        if overall is not None and overall.get("score") is not None:
            title += f" — roadmap score {overall['score']:.2f} ({overall.get('rag')})"
        counts = _counts(c["status"] for c in self.commitments)
        columns = ["node", "title", "status", "rag", "deadline_state", "days", "label"]
        return _table_html(f"{title}. {counts}", rows, columns)


class Roadmap(_native.Roadmap):
    __doc__ = _native.Roadmap.__doc__
    __slots__ = ()

    def evaluate(self, as_of: DateLike | None = None, *, rules: Rules = None) -> Evaluation:
        return Evaluation(super().evaluate(as_of, rules=rules))

    evaluate.__doc__ = _native.Roadmap.evaluate.__doc__

    def to_dataframe(self, what: RoadmapTable = "nodes", as_of: DateLike | None = None, *,
                     since: DateLike | None = None, start: DateLike | None = None,
                     step: Literal["daily", "weekly", "monthly"] = "monthly") -> pd.DataFrame:
        """A DataFrame (a list of dicts without pandas) of one of the core's tables: the
        roadmap's ``nodes`` or ``updates``; as of a date (today when omitted) the
        ``statuses``, ``scores`` or ``metrics``; the ``history`` or ``score_history``
        from ``start`` (publication when omitted) by ``step``; the ``changes`` since
        ``since``; or the ``report`` rows (with what changed since ``since``)."""
        return frame(self._table(what, as_of, since=since, start=start, step=step))

    to_pandas = to_dataframe

    def to_polars(self, what: RoadmapTable = "nodes", as_of: DateLike | None = None, **options: Any) -> pl.DataFrame:
        """``to_dataframe`` as a polars DataFrame (polars is an optional extra)."""
        return frame(self._table(what, as_of, **options), "polars")

    def _repr_html_(self) -> str:
        """The roadmap's metadata, the count of each kind of node and the first nodes (the
        same whenever it is shown: no status, which needs a date; see ``evaluate``)."""
        head = f"{self.title} ({self.publisher}, published {self.published}). "
        counts = _counts(n["kind"] for n in self.nodes)
        return _table_html(head + counts, self.node_rows(), ["id", "kind", "parent", "title", "deadline"])

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
        if base is None and id is not None and None not in given:
            base = _native.Roadmap(id, title, publisher, published, summary=summary, sources=sources)
        elif base is None or any(v is not None for v in given):
            raise _native._argument_error("base", "pass either base=Roadmap(...) or all of id, title, publisher and published")
        return cls(_roadmap_from_dataframe(df, base, columns))


class Sheet(_native.Sheet):
    __doc__ = _native.Sheet.__doc__
    __slots__ = ()

    def to_dataframe(self, what: Literal["rows", "problems"] = "rows") -> pd.DataFrame:
        """A DataFrame (a list of dicts without pandas) of the ``rows`` (as ``records()``,
        a date field as a ``datetime64`` column) or the ``problems``."""
        return frame(self._table(what))

    to_pandas = to_dataframe

    def to_polars(self, what: Literal["rows", "problems"] = "rows") -> pl.DataFrame:
        """``to_dataframe`` as a polars DataFrame (polars is an optional extra)."""
        return frame(self._table(what), "polars")


#: The problem report's columns, in order (also for an empty report).
SHEET_PROBLEM_COLUMNS = tuple(_native.Sheet.PROBLEM_COLUMNS)


def _cell(value: Any) -> str:
    """One DataFrame cell as the flat sheet's text ("" for a missing value)."""
    if value is None or value != value:  # None, NaN, NaT
        return ""
    if isinstance(value, (list, tuple)):
        return ";".join(_cell(v) for v in value)
    if hasattr(value, "item") and not isinstance(value, _dt.date):  # NumPy scalars
        return _cell(value.item())
    if isinstance(value, _dt.datetime) and value.time() == _dt.time(0):
        value = value.date()
    return value.isoformat() if isinstance(value, _dt.date) else str(value)


def _roadmap_from_dataframe(df: Any, base: _native.Roadmap, columns: Mapping[str, str] | None) -> Any:
    """The DataFrame's cells as a flat sheet, its columns renamed by ``columns`` (library
    name -> DataFrame column); the core reads it and locates problems by row: by the index
    label in pandas (``rows['r3']``), by position in polars and pyarrow (``rows[2]``)."""
    names, rows, labels = _rows_of(df)
    to_library = {v: k for k, v in (columns or {}).items()}
    header = [to_library.get(str(c), str(c)) for c in names]
    cells = [[_cell(v) for v in row] for row in rows]
    return _native.Roadmap.from_flat_rows(header, cells, base=base, labels=labels)


def _rows_of(df: Any) -> tuple[list[Any], Any, list[str] | None]:
    """The column names, the rows (tuples of cells) and the row labels (``None`` where
    rows have no labels but their positions) of a pandas, polars or pyarrow table."""
    if hasattr(df, "itertuples") and hasattr(df, "index"):  # pandas
        labels = [_label(v) for v in df.index]
        return list(df.columns), df.itertuples(index=False, name=None), labels
    if hasattr(df, "iter_rows") and hasattr(df, "columns"):  # polars
        return list(df.columns), df.iter_rows(), None
    if hasattr(df, "to_pylist") and hasattr(df, "column_names"):  # pyarrow.Table
        return list(df.column_names), (tuple(r.values()) for r in df.to_pylist()), None
    raise TypeError(f"from_dataframe takes a pandas, polars or pyarrow table, not {type(df).__name__}")


def _label(value: Any) -> str:
    """An index label as a pandas user writes it in ``df.loc[...]``: ``7``, ``'r3'``."""
    if hasattr(value, "item") and not isinstance(value, _dt.date):  # NumPy scalars
        value = value.item()
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else repr(value)


# --------------------------------------------------------------------------------------
# HTML for Jupyter

RAG_COLOURS = {"green": "#2e7d32", "amber": "#ef8f00", "red": "#c62828", "grey": "#757575"}


def _esc(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return html.escape(str(value))


#: The rows shown in a notebook; the rest are counted.
MAX_HTML_ROWS = 30


def _counts(values: Iterable[str]) -> str:
    """``"3 overdue, 2 met"``: each value's count, in order of first appearance."""
    return ", ".join(f"{n} {v}" for v, n in collections.Counter(values).items())


def _table_html(title: str, rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """A compact HTML table, only its first and last rows when it has more than
    ``MAX_HTML_ROWS``, as pandas shows a long frame; a ``rag`` column becomes a coloured dot."""

    def cell(column: str, value: Any) -> str:
        if column != "rag":
            return f"<td>{_esc(value)}</td>"
        colour = RAG_COLOURS.get(str(value), "#9e9e9e")
        return (
            f'<td><span style="display:inline-block;width:0.8em;height:0.8em;border-radius:50%;'
            f'background:{colour};margin-right:0.3em"></span>{_esc(value)}</td>'
        )

    head = "".join(f"<th style='text-align:left'>{_esc(c)}</th>" for c in columns)
    half = MAX_HTML_ROWS // 2
    cut = len(rows) > MAX_HTML_ROWS
    shown = [*rows[:half], None, *rows[-half:]] if cut else list(rows)
    gap = f"<tr><td colspan='{len(columns)}'>… {len(rows) - 2 * half} more rows (all: to_dataframe())</td></tr>"
    body = "".join(gap if row is None else "<tr>" + "".join(cell(c, row.get(c)) for c in columns) + "</tr>"
                   for row in shown)
    return (
        f"<div><strong>{_esc(title)}</strong><table style='border-collapse:collapse;font-size:0.9em'>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table><p>{len(rows)} rows</p></div>"
    )


# --------------------------------------------------------------------------------------
# Whole columns of deadline phrases

def _column(values: Any, what: str = "phrases") -> Any:
    """A list of the values of a list, tuple, NumPy array, pandas, polars or pyarrow
    column. A DataFrame (several columns) is refused, naming its columns."""
    if isinstance(values, str):
        raise TypeError(f"{what} must be a sequence, not one string (use parse_deadline)")
    if isinstance(values, list):
        return values
    columns = getattr(values, "columns", None)
    if columns is not None:
        names = ", ".join(repr(str(c)) for c in list(columns))
        raise TypeError(f"{what} must be one column (a Series), not a DataFrame with the columns {names}: pick one, e.g. df[{str(list(columns)[0])!r}]")
    for method in ("tolist", "to_list", "to_pylist"):
        convert = getattr(values, method, None)
        if callable(convert):
            return convert()
    return list(values)


def _dates(values: Any, what: str, index: Any) -> Any:
    """One date, or a list of dates: a datetime64 column's values become dates; a
    timezone-aware column gives each timestamp's local date; a pandas Series is aligned on
    the phrases' index."""
    if values is None or isinstance(values, (_dt.date, str)) or not hasattr(values, "__len__"):
        return values
    if type(values).__name__ == "Series" and hasattr(values, "index"):
        if index is not None and not values.index.equals(index):
            if values.index.is_unique and index.is_unique and set(values.index) == set(index):
                values = values.reindex(index)
            else:
                raise _native._argument_error(what, f"{what} is a Series whose index differs from the phrases' index")
        if getattr(values.dtype, "tz", None) is not None:
            values = values.dt.tz_localize(None)  # the wall-clock (local) time
    if str(getattr(values, "dtype", "")).startswith("datetime64"):
        import numpy

        values = numpy.asarray(values, dtype="datetime64[D]")
    return _column(values, what)


def parse_deadlines(
    phrases: Sequence[str] | Any,
    written_on: DateLike | Sequence[DateLike],
    *,
    as_of: DateLike | None = None,
    delivered_on: DateLike | Sequence[DateLike | None] | None = None,
) -> pd.DataFrame:
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
    pandas = pandas_or_none()
    index = phrases.index if pandas is not None and isinstance(phrases, pandas.Series) else None
    columns = _native._parse_deadline_columns(
        values, _dates(written_on, "written_on", index), as_of=as_of,
        delivered_on=_dates(delivered_on, "delivered_on", index),
    )
    if pandas is None:  # NumPy's items are dates, bools and ints; i64::MIN is no number
        lists = {k: _names(v) if isinstance(v, tuple) else v.tolist() for k, v in columns.items()}
        ints = [k for k, v in columns.items() if str(getattr(v, "dtype", "")) == "int64"]
        lists.update({k: [None if n == _NO_NUMBER else n for n in lists[k]] for k in ints})
        return {"phrase": values, **lists}  # type: ignore[return-value]  # documented: no pandas
    data = {"phrase": values}
    for name, column in columns.items():
        if isinstance(column, tuple):  # names and texts, dictionary-encoded by the core
            codes, names = column
            data[name] = pandas.Categorical.from_codes(codes, names)
        elif column.dtype == "int64":
            data[name] = pandas.arrays.IntegerArray(column, column == _NO_NUMBER)
        else:
            data[name] = column
    table: pd.DataFrame = pandas.DataFrame(data, index=index)
    return table


_NO_NUMBER = -(2**63)


def _names(column: Any) -> list[Any]:
    """A dictionary-encoded name column as a list of names (None for code -1)."""
    codes, names = column
    return [names[c] if c >= 0 else None for c in codes.tolist()]
