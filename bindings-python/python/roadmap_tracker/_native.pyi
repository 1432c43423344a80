"""Type stubs for the native module (the Rust core behind ``roadmap_tracker``)."""

import datetime
import os
from typing import Any, ClassVar, Iterator, Literal, Mapping, Sequence, Union, final, overload

from typing_extensions import Self, disjoint_base

from .records import (
    Change,
    DateLike,
    DeadlineDict,
    Found,
    History,
    Judgment,
    Location,
    MetricResult,
    Node,
    Problem,
    RagProfile,
    Reading,
    Score,
    SheetColumn,
    SheetProblem,
    Source,
    Span,
    Status,
    Translation,
    Update,
    Vocabulary,
)

__version__: str
__all__ = [
    "RoadmapError",
    "FormatError",
    "ValidationError",
    "DeadlineError",
    "VocabularyError",
    "MetricError",
    "ArgumentError",
    "RoadmapOSError",
    "RoadmapFileNotFoundError",
    "RoadmapPermissionError",
    "InternalError",
    "Roadmap",
    "Evaluation",
    "Deadline",
    "Sheet",
    "Releases",
    "parse_deadline",
    "parse_edtf",
    "find_deadlines",
    "_parse_deadline_columns",
    "_argument_error",
    "tracker_vocabularies",
    "read_label",
    "translate_label",
    "rag_profiles",
    "evaluate_indicator",
    "__version__",
]

_DateLike = DateLike
# A core table: column names, each column's type name, one list of values per column.
_Table = tuple[list[str], list[str], list[list[Any]]]
_StrPath = Union[str, bytes, os.PathLike[str], os.PathLike[bytes]]
_Rules = Union[Mapping[str, Any], str, None]
_Format = Literal["json", "tables", "flat", "csv"]
_FieldSpec = Union[str, Sequence[str], Mapping[str, Any]]

class RoadmapError(Exception):
    """The base class of every error the library raises: the core's error as attributes (code, kind, message, location and its fields, problems)."""

    code: str | None
    kind: str | None
    message: str | None
    location: Location | None
    file: str | None
    line: int | None
    column: int | None
    path: str | None
    field: str | None
    problems: list[Problem] | None
    phrase: str | None
    span: Span | None
    start: int | None
    end: int | None

class FormatError(RoadmapError, ValueError):
    """The input could not be read as the format it claims to be."""
class ValidationError(RoadmapError, ValueError):
    """The roadmap read is inconsistent; `problems` lists every problem."""
class DeadlineError(RoadmapError, ValueError):
    """A deadline phrase was refused: `phrase`, and `start`/`end`, the code points at fault."""
class VocabularyError(RoadmapError, ValueError):
    """A status label that no vocabulary in use knows."""
class MetricError(RoadmapError, ValueError):
    """A metric that cannot be scored."""
class ArgumentError(RoadmapError, ValueError):
    """An argument out of range or of the wrong form."""
class RoadmapOSError(RoadmapError, OSError):
    """Reading or writing a file failed; also an OSError."""
class RoadmapFileNotFoundError(RoadmapOSError, FileNotFoundError):
    """Reading or writing a file failed."""
class RoadmapPermissionError(RoadmapOSError, PermissionError):
    """Reading or writing a file failed."""
class InternalError(RoadmapError):
    """A bug in the library (a Rust panic caught at the boundary); please report it."""

@final
class Deadline:
    """A deadline read from a phrase: the window it names, what it named and the conventions
    applied. Immutable; equal when every field is equal.
    """

    @property
    def phrase(self) -> str:
        """The phrase exactly as given."""
    @property
    def written_on(self) -> datetime.date:
        """The date of the document that wrote the phrase."""
    @property
    def kind(self) -> str:
        """`by`, `during`, `from`, `ongoing`, `past` or `none`."""
    @property
    def earliest(self) -> datetime.date | None:
        """The first day of the window (inclusive), or `None` for an open start."""
    @property
    def latest(self) -> datetime.date | None:
        """The last day of the window (inclusive), or `None` for an open end."""
    @property
    def granularity(self) -> str:
        """The unit the phrase named: `day`, `month`, `season`, `quarter`, `half`, `year`,
        `multi_year`, `open` or `unknown`.
        """
    @property
    def named(self) -> str:
        """What the phrase named (`date`, `month`, `season`, `financial_year`, ...)."""
    @property
    def part(self) -> str | None:
        """The part of it (`start`, `early`, `mid`, `late`, `end`, `rest_of`), or `None`."""
    @property
    def approximate(self) -> bool:
        """Whether the phrase said "around", "about" or similar."""
    @property
    def uncertain(self) -> bool:
        """Whether the phrase marked the date as uncertain."""
    @property
    def edtf(self) -> str | None:
        """The EDTF (ISO 8601-2) rendering of the window, or `None`."""
    @property
    def rules(self) -> list[str]:
        """The stable ids of the conventions applied, in order."""
    @property
    def due_from(self) -> datetime.date | None:
        """The first day of the period in which the deadline is "due now", or `None`."""
    def judge(self, as_of: _DateLike, delivered_on: _DateLike | None = None) -> Judgment:
        """Judge the deadline as of a date, optionally with the date it was delivered: a dict
        with `state` (`not_yet_due`, `due_now`, `overdue`, `met_on_time`, ...), `days` (until
        or past the window, or `None`) and `rule`.
        """
    def to_dict(self) -> DeadlineDict:
        """Every field as a dict (the JSON form, with dates as `date`)."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def parse_deadline(phrase: str, written_on: _DateLike) -> Deadline:
    """Read a deadline phrase written on `written_on` (the date of the document that wrote
    it: required, never today) into a `Deadline`; raises `DeadlineError` naming the
    offending span when the phrase is refused.
    """
def parse_edtf(edtf: str, written_on: _DateLike) -> Deadline:
    """Read an EDTF (ISO 8601-2, levels 0-2) string written on `written_on` into a
    `Deadline`.
    """
def find_deadlines(text: str, written_on: _DateLike) -> list[Found]:
    """Every deadline expression in a running `text` written on `written_on`, in order: a
    list of dicts `{start, end, text, cues, deadline}` (`start`/`end` in code points, so
    `text[start:end]` is the expression; `deadline` a `Deadline`). Raises `DeadlineError`
    for a malformed expression, or `no_deadline_found` when there is none.
    """
def _argument_error(path: str, message: str) -> ArgumentError: ...
def _parse_deadline_columns(
    phrases: list[Any],
    written_on: _DateLike | list[Any],
    *,
    as_of: _DateLike | None = None,
    delivered_on: _DateLike | list[Any] | None = None,
) -> dict[str, Any]: ...

@disjoint_base
class Evaluation:
    """The derived status of every commitment and milestone, and the scores of the roadmap
    and of every section, sub-category and area, as of one date.
    """

    def __new__(cls, evaluation: Evaluation) -> Self: ...
    @property
    def as_of(self) -> datetime.date:
        """The date evaluated."""
    @property
    def roadmap(self) -> Roadmap:
        """The roadmap evaluated."""
    @property
    def commitments(self) -> list[Status]:
        """One dict per commitment and milestone, in roadmap order: `node`, `kind`, `status`,
        `rag`, `reported`, `label`, `update`, `update_date`, `delivered_on`,
        `deadline_state`, `days`, `due`, `rule`, `reason`.
        """
    @property
    def scores(self) -> list[Score]:
        """One dict per scored node: the roadmap first (`node` None), then every section,
        sub-category and area: `score`, `rag`, `counts` (by status), `total`, `due`,
        `met_on_time`, `met_on_time_share`...
        """
    @property
    def metrics(self) -> list[MetricResult]:
        """One dict per metric: progress to target, trajectory, rating (or its error)."""
    def _table(self, what: str) -> _Table: ...
    def status(self, node: str) -> Status | None:
        """The status dict of one commitment or milestone, or None."""
    def score(self, node: str | None = None) -> Score | None:
        """The score dict of a section, sub-category or area, or of the roadmap when `node`
        is None; None for an unknown node.
        """
    def to_dict(self) -> dict[str, Any]:
        """Everything as one dict (the JSON form, dates as `date`)."""
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Status]: ...
    def __eq__(self, other: object, /) -> bool: ...

@disjoint_base
class Roadmap:
    """A roadmap: its metadata, sources, tree of nodes, status updates and metrics.

    Immutable: every method that changes something returns a new roadmap.
    """

    def __new__(
        cls,
        id: str | Roadmap,
        title: str | None = None,
        publisher: str | None = None,
        published: _DateLike | None = None,
        *,
        summary: str = "",
        sources: Sequence[Mapping[str, Any]] | None = None,
    ) -> Self: ...
    @classmethod
    def uk_digital_2026(cls) -> Self:
        """The bundled UK digital roadmap (January 2026), with the progress reported since."""
    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """Read a roadmap from its JSON text (`str` or UTF-8 `bytes`), and validate it."""
    @classmethod
    def from_csv_tables(cls, tables: Mapping[str, str | bytes]) -> Self:
        """Read the tidy CSV tables from a dict of table name (`roadmap`, `sources`, `nodes`,
        `updates`, `metrics`, `observations`, with or without `.csv`) to CSV text (`str`,
        or `bytes` that must be UTF-8).
        """
    @classmethod
    def from_csv_dir(cls, path: _StrPath) -> Self:
        """Read the tidy CSV tables from a directory (`roadmap.csv`, `nodes.csv`, ...); problems
        name each table's path in it.
        """
    @classmethod
    def from_flat_csv(cls, text: str | bytes, *, base: Roadmap) -> Self:
        """Read a flat sheet (one row per commitment) into a roadmap whose metadata and
        sources come from `base`.
        """
    @classmethod
    def from_flat_rows(
        cls, header: Sequence[str], rows: Sequence[Sequence[str]], *, base: Roadmap, labels: Sequence[str] | None = None
    ) -> Self:
        """Read a flat sheet given as cells: `header` names the columns, each row holds one
        text cell per column ("" for absent). A problem is located by row: its `path` is
        `rows[i]` (`i` from 0), or `rows[L]` with `L` the row's entry in `labels` (text,
        one per row) when given, and its `field` the column's header.
        """
    @classmethod
    def load(cls, path: _StrPath, *, format: _Format | None = None, base: Roadmap | None = None) -> Self:
        """Load a roadmap from a file or directory: `.json` is JSON, a directory holds the
        tidy CSV tables, a `.csv` file is a flat sheet (which needs `base` for the
        roadmap's metadata). `format` (`json`, `tables`, `flat`; `csv` is `flat`) overrides
        the guess. Every problem of the file is raised at once (`problems`), in the path given.
        """
    def save(self, path: _StrPath, *, format: _Format | None = None) -> None:
        """Save the roadmap: `.json` as JSON, a `.csv` file as the flat sheet, and any other
        path as a directory of tidy CSV tables (created if missing). `format` (`json`,
        `tables`, `flat`; `csv` is `flat`) overrides the guess. `load` gives back an equal
        roadmap (a flat sheet with this roadmap as `base`); a roadmap a flat sheet cannot
        hold is refused (`to_flat_csv()` is the sheet as a view).
        """
    def to_json(self) -> str:
        """The canonical JSON text."""
    def to_csv_tables(self) -> dict[str, str]:
        """The tidy CSV tables, as a dict of table name (`nodes`...) to CSV text."""
    def to_flat_csv(self) -> str:
        """The flat sheet: one row per commitment with its latest status."""
    def validate(self, *, rules: _Rules = None) -> None:
        """Check the roadmap; raises `ValidationError` listing every problem found (also the
        deadlines and labels that `rules`, the defaults when omitted, cannot read, which do
        not stop loading).
        """
    def to_dict(self) -> dict[str, Any]:
        """The whole roadmap as plain Python data (the JSON form, with dates as `date`)."""
    @property
    def id(self) -> str:
        """The roadmap's stable id (a slug)."""
    @property
    def title(self) -> str:
        """The roadmap's title."""
    @property
    def publisher(self) -> str:
        """Who published it."""
    @property
    def published(self) -> datetime.date:
        """When it was published."""
    @property
    def summary(self) -> str:
        """A short description ("" when absent)."""
    @property
    def sources(self) -> list[Source]:
        """The sources, as dicts."""
    @property
    def nodes(self) -> list[Node]:
        """The nodes (sections, sub-categories, areas, commitments, milestones), as dicts,
        parents before children.
        """
    def node_rows(self) -> list[dict[str, Any]]:
        """The nodes as the core's table rows: the columns of `nodes.csv`, defaults included."""
    @property
    def updates(self) -> list[Update]:
        """The status updates, as dicts."""
    @property
    def metrics(self) -> list[dict[str, Any]]:
        """The metrics, as dicts."""
    @property
    def extra(self) -> dict[str, str]:
        """Fields the format does not define, kept as given."""
    def node(self, id: str) -> Node | None:
        """The node with the given id, as a dict, or `None`."""
    def evaluate(self, as_of: _DateLike | None = None, *, rules: _Rules = None) -> Evaluation:
        """Derive the status of every commitment and milestone, and the scores of the roadmap
        and every section, sub-category and area, as of a date (today when omitted), under
        `rules` (a dict such as `{"grace_days": 14}`; the defaults when None).
        """
    def history(
        self,
        start: _DateLike | None = None,
        end: _DateLike | None = None,
        *,
        step: Literal["daily", "weekly", "monthly"] = "monthly",
        rules: _Rules = None,
    ) -> History:
        """The derived status of every commitment at every date of a series from `start`
        (the roadmap's publication when omitted) to `end` (today when omitted), stepping
        `daily`, `weekly` or `monthly`: a dict with `dates`, `commitments` (each a list of
        runs of equal status) and `scores` (one series of points per scored node).
        """
    def _table(
        self,
        what: str,
        as_of: _DateLike | None = None,
        *,
        since: _DateLike | None = None,
        start: _DateLike | None = None,
        step: str = "monthly",
        rules: _Rules = None,
    ) -> _Table: ...
    def changes(
        self, since: _DateLike, as_of: _DateLike | None = None, *, rules: _Rules = None
    ) -> list[Change]:
        """What changed between `since` and `as_of` (today when omitted): one dict per
        commitment whose derived status differs, with the updates in between and why.
        """
    @overload
    def report(
        self,
        as_of: _DateLike | None = None,
        *,
        format: Literal["text", "markdown", "md", "json", "csv", "html"] = "text",
        since: _DateLike | None = None,
        rules: _Rules = None,
    ) -> str:
        """The progress report as of a date (today when omitted), in the core's form `format`:
        `text`, `markdown`, `json`, `csv` or `html` text, the report as a `dict` (its JSON
        form, dates as `date`), or its `rows` (a list of dicts); with `since`, it also lists
        what changed since then.
        """
    @overload
    def report(
        self,
        as_of: _DateLike | None = None,
        *,
        format: Literal["dict"],
        since: _DateLike | None = None,
        rules: _Rules = None,
    ) -> dict[str, Any]:
        """The progress report as of a date (today when omitted), in the core's form `format`:
        `text`, `markdown`, `json`, `csv` or `html` text, the report as a `dict` (its JSON
        form, dates as `date`), or its `rows` (a list of dicts); with `since`, it also lists
        what changed since then.
        """
    @overload
    def report(
        self,
        as_of: _DateLike | None = None,
        *,
        format: Literal["rows"],
        since: _DateLike | None = None,
        rules: _Rules = None,
    ) -> list[dict[str, Any]]:
        """The progress report as of a date (today when omitted), in the core's form `format`:
        `text`, `markdown`, `json`, `csv` or `html` text, the report as a `dict` (its JSON
        form, dates as `date`), or its `rows` (a list of dicts); with `since`, it also lists
        what changed since then.
        """
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Node]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __copy__(self) -> Self: ...
    def __deepcopy__(self, memo: Any) -> Self: ...

@disjoint_base
class Sheet:
    """A sheet read as it is: every row with its cells as written and its mapped values, and
    the problem report.
    """

    PROBLEM_COLUMNS: ClassVar[list[str]]
    def __new__(cls, sheet: Sheet) -> Self: ...
    @classmethod
    def from_text(
        cls,
        text: str | bytes,
        mapping: Mapping[str, _FieldSpec] | None = None,
        *,
        preset: Literal["gmpp"] | None = None,
        vocabulary: str | None = None,
        delimiter: str | None = None,
        two_digit_year_pivot: int | None = None,
        file: str = "sheet",
        encoding: str | None = None,
    ) -> Self:
        """Read a sheet from its text (`str`, or `bytes` in `encoding`: detected when None,
        UTF-8 else Windows-1252 with a warning; a `str` is read as it is). `mapping` maps field names to
        a header, a list of headers, or a dict (`headers`, `kind`, `vocabulary`,
        `occurrence`, `required`); `preset="gmpp"` is the UK major projects mapping instead
        (`vocabulary` picks its scale, `gmpp-5` by default, and is the default vocabulary
        of rating fields in a mapping). `delimiter` is detected when None.
        """
    @classmethod
    def load(
        cls,
        path: _StrPath,
        mapping: Mapping[str, _FieldSpec] | None = None,
        *,
        preset: Literal["gmpp"] | None = None,
        vocabulary: str | None = None,
        delimiter: str | None = None,
        two_digit_year_pivot: int | None = None,
        encoding: str | None = None,
    ) -> Self:
        """Read a sheet from a file (in `encoding`, detected when None); problems name the
        file by its name. The other arguments are those of `from_text`.
        """
    @property
    def file(self) -> str:
        """The file name used in problem locations."""
    @property
    def delimiter(self) -> str:
        """The delimiter used."""
    @property
    def columns(self) -> list[SheetColumn]:
        """The header's columns: `header`, `occurrence` (of that header) and `field` (mapped
        to it, or None).
        """
    @property
    def fields(self) -> list[str]:
        """The names of the mapped fields, in order."""
    @property
    def rows(self) -> list[dict[str, Any]]:
        """Every row: `line`, `cells` (as written) and `values` (field → `{"kind", "value"}`
        as the core serialises a value; kinds `empty` (no `value`), `text`, `date`,
        `date_text`, `number`, `rating` (the value is the reading: a label, or a
        non-rating), `unreadable` (the cell)).
        """
    @property
    def problems(self) -> list[SheetProblem]:
        """The problem report: one dict per problem with `severity` (`warning` or `error`),
        `code`, `file`, `line`, `column`, `header`, `field`, `value` (the cell) and
        `message`, in line order.
        """
    def records(self) -> list[dict[str, Any]]:
        """One flat dict per row: `line`, then each field's value as plain Python (None,
        str, date, float; a rating's label, or `[withheld]`-style for a non-rating; the
        cell's text for date text; `[unreadable: cell]` for a cell that could not be read).
        """
    def _table(self, what: str) -> _Table: ...
    def to_csv(self) -> str:
        """The sheet written back as CSV: the same delimiter, header, cells and line endings."""
    def problems_csv(self) -> str:
        """The problem report as CSV text."""
    def to_dict(self) -> dict[str, Any]:
        """Everything as one dict (the core's JSON form)."""
    def __len__(self) -> int: ...

@final
class Releases:
    """Yearly releases of the UK major projects data as one dated history (the core's
    `spreadsheet::Releases`): each release on its year's scale and as-of date, projects
    keyed across years, departments by their canonical names.
    """

    def __new__(cls) -> Self: ...
    def load_gmpp(self, year: int, path: _StrPath, *, encoding: str | None = None) -> None:
        """Load one year's file as published (the `gmpp` preset on the year's scale,
        encoding and layout detected unless `encoding` is given).
        """
    def add(self, year: int, sheet: Sheet) -> None:
        """Add a loaded sheet as the release of `year`, dated as that year's data are."""
    def same_project(self, name: str, key: str) -> None:
        """Take every project written `name` to be the project `key`."""
    def add_department(self, name: str, aliases: list[str]) -> None:
        """Add a department, or more names for one already known."""
    def problems(self) -> list[dict[str, Any]]:
        """Every sheet's problems, then the projects matched across releases by name."""
    def rating_summary(self, field: str = "assessor_rating") -> list[dict[str, Any]]:
        """Per release: `items`, `ratings`, `non_ratings`, `blank`, `unreadable` of a rating field."""
    def rating_counts_by_owner(self, field: str = "assessor_rating") -> list[dict[str, Any]]:
        """Per release and department: `items` and `counts` of a rating field."""
    def slippage(self) -> list[dict[str, Any]]:
        """Each project's end-date slippage across the releases."""
    def changes(self) -> list[dict[str, Any]]:
        """What changed for each project from one release to the next."""
    def schedule_health(
        self, start_field: str = "start_date", progress_field: str | None = None
    ) -> list[dict[str, Any]]:
        """Each project's schedule health in each release."""
    def __len__(self) -> int: ...

def tracker_vocabularies() -> list[Vocabulary]:
    """Every built-in tracker vocabulary: `id`, `tracker`, `version` and `labels` (each with
    its `label`, `aliases` and `meaning`).
    """
def read_label(vocabulary: str, text: str) -> Reading:
    """Read one cell through a tracker vocabulary: a dict with `kind` `rated` (`vocabulary`,
    `label`, `status`, `rag`) or `non_rating` (`non_rating`, `text`). An unknown label is
    a `VocabularyError`.
    """
def translate_label(label: str, from_vocabulary: str, to_vocabulary: str) -> Translation:
    """Translate a label from one tracker vocabulary into another: `{"label", "lossy"}`."""
def rag_profiles() -> list[RagProfile]:
    """The built-in RAG profiles for indicators: `id`, `title`, `mark`, `amber_within`."""
def evaluate_indicator(
    indicator: Mapping[str, Any],
    as_of: _DateLike | None = None,
    *,
    profile: str | Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Evaluate an indicator (a dict in the core's JSON form; dates may be `datetime.date`)
    as of a date (today when omitted), under a RAG profile named by id or given as a
    dict. Returns the evaluation as a dict: `status`, `judged`, `latest`, `missing`,
    `progress`, `direction`, `trend`, `rag`, `reason`...
    """
