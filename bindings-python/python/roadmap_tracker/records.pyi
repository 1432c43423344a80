"""The shapes of the records the library returns, for type checkers only.

Every record is a plain ``dict`` at run time (the core's serialised form); these
``TypedDict`` classes name their keys and types so that an editor completes them and
``mypy --strict`` checks their use. There is no module at run time: import them under
``typing.TYPE_CHECKING``::

    from typing import TYPE_CHECKING
    if TYPE_CHECKING:
        from roadmap_tracker.records import Status

``tests/test_typing.py`` checks every class here against the records the library returns.
"""

import datetime
from typing import Any, Literal, TypedDict, Union

import numpy
from typing_extensions import NotRequired, TypeAlias

#: What a date argument accepts: a ``datetime.date`` (so also a ``datetime.datetime`` and a
#: ``pandas.Timestamp``, their date taken), an ISO ``YYYY-MM-DD`` string, or a NumPy
#: ``datetime64``. A timezone-aware timestamp stands for its local date.
DateLike: TypeAlias = Union[datetime.date, str, numpy.datetime64]

#: An evidence date: a ``datetime.date`` for a day, the text of a coarser period
#: (``"2026-06"``, ``"2026-Q2"``, ``"2026"``) or an "on or before" bound (``"..2026-06-04"``).
EvidenceDate: TypeAlias = Union[datetime.date, str]

NodeKind: TypeAlias = Literal["section", "subcategory", "area", "commitment", "milestone"]
RagName: TypeAlias = Literal["green", "amber", "red", "grey"]

class Location(TypedDict):
    """Where a problem is: a file's line and column, or a path into the input and a field."""

    file: str | None
    line: int | None
    column: int | None
    path: str | None
    field: str | None

class Span(TypedDict):
    """The part of a phrase at fault, in code points (``phrase[start:end]``)."""

    start: int
    end: int

class Problem(TypedDict):
    """One problem: its stable code, kind, message and location (``RoadmapError.problems``)."""

    code: str
    kind: str
    message: str
    location: Location
    phrase: NotRequired[str]
    span: NotRequired[Span]

class ErrorRecord(TypedDict):
    """An error in its serialised form (an unreadable node's ``Status.error``): its first
    problem's fields, and every problem."""

    code: str
    kind: str
    message: str
    location: Location
    phrase: NotRequired[str]
    span: NotRequired[Span]
    problems: list[Problem]

class Judgment(TypedDict):
    """A deadline judged as of a date (``Deadline.judge``)."""

    state: str
    days: int | None
    rule: str

class DeadlineDict(TypedDict):
    """Every field of a ``Deadline`` (``Deadline.to_dict``)."""

    phrase: str
    written_on: datetime.date
    kind: Literal["by", "during", "from", "ongoing", "past", "none"]
    earliest: datetime.date | None
    latest: datetime.date | None
    granularity: str
    named: str
    part: str | None
    approximate: bool
    uncertain: bool
    due_from: datetime.date | None
    edtf: str | None
    rules: list[str]

class Found(TypedDict):
    """A deadline found in running text (``find_deadlines``): ``text[start:end]``."""

    start: int
    end: int
    text: str
    cues: list[str]
    deadline: Any  # a roadmap_tracker.Deadline

class NodeDeadline(TypedDict):
    """A node's deadline as written: the phrase, the date of the document, its source."""

    phrase: str
    written_on: datetime.date
    source: NotRequired[str]

class Node(TypedDict):
    """A node of the roadmap (``Roadmap.nodes``), in its JSON form: defaults left out."""

    id: str
    kind: NodeKind
    title: str
    summary: str
    sources: list[str]
    parent: NotRequired[str]
    owners: NotRequired[list[str]]
    tags: NotRequired[list[str]]
    weight: NotRequired[float]
    deadline: NotRequired[NodeDeadline]
    expectation: NotRequired[bool]
    extra: NotRequired[dict[str, str]]

class Source(TypedDict):
    """A source document (``Roadmap.sources``)."""

    id: str
    title: str
    publisher: NotRequired[str]
    date: NotRequired[EvidenceDate]
    url: NotRequired[str]
    extra: NotRequired[dict[str, str]]

class Update(TypedDict):
    """A dated status update (``Roadmap.updates``)."""

    node: str
    date: EvidenceDate
    status: str
    source: str
    note: str
    delivered_on: NotRequired[EvidenceDate]
    new_deadline: NotRequired[NodeDeadline]
    extra: NotRequired[dict[str, str]]

class Status(TypedDict):
    """The derived status of one commitment or milestone (``Evaluation.commitments``);
    docs/status-rules.md says what each field means."""

    node: str
    kind: NodeKind
    status: str
    rag: RagName
    reported: str | None
    label: str | None
    update: int | None
    update_date: EvidenceDate | None
    delivered_on: EvidenceDate | None
    evidence_date: EvidenceDate | None
    evidence_age_days: int | None
    stale: bool
    expectation: bool
    reported_rag: RagName | None
    deadline_state: str
    days: int | None
    due: bool
    new_deadline: bool
    rule: str
    error: ErrorRecord | None
    reason: str

class Headline(TypedDict):
    """The headline counts of a score (``score::Headline``)."""

    commitments: int
    due: int
    met_on_time: int
    met_otherwise: int
    overdue_confirmed: int
    overdue_unconfirmed: int
    replanned: int
    dropped: int
    expectations: int
    unreadable: int

class Score(TypedDict):
    """The score of the roadmap (``node`` None) or of a section, sub-category or area
    (``Evaluation.scores``)."""

    node: str | None
    kind: Literal["roadmap", "section", "subcategory", "area"]
    score: float | None
    rag: RagName
    counts: dict[str, int]
    expectations: dict[str, int]
    total: int
    counted: int
    due: int
    met_on_time: int
    met_on_time_share: float | None
    headline: Headline

class MetricResult(TypedDict):
    """A metric as of a date (``Evaluation.metrics``): its evaluation, or its error."""

    metric: str
    node: str
    evaluation: dict[str, Any] | None
    error: Problem | None

# "from" is a keyword, so this one is written as a call.
Change = TypedDict(
    "Change",
    {
        "node": str,
        "kind": NodeKind,
        "from": str,
        "to": str,
        "from_rag": RagName,
        "to_rag": RagName,
        "rule": str,
        "updates": list[int],
        "reason": str,
    },
)
"""What changed for one commitment between two dates (``Roadmap.changes``)."""

class Run(TypedDict):
    """A run of days with the same status (``History`` commitments' ``runs``)."""

    start: datetime.date
    end: datetime.date
    status: str
    rag: RagName
    rule: str
    due: bool

class CommitmentHistory(TypedDict):
    """One commitment's runs over a history."""

    node: str
    kind: NodeKind
    runs: list[Run]

class ScorePoint(TypedDict):
    """A node's score on one date of a history."""

    date: datetime.date
    score: float | None
    rag: RagName
    counts: dict[str, int]
    total: int
    counted: int
    due: int
    met_on_time: int
    met_on_time_share: float | None

class ScoreSeries(TypedDict):
    """One scored node's points over a history."""

    node: str | None
    kind: str
    points: list[ScorePoint]

History = TypedDict(
    "History",
    {
        "from": datetime.date,
        "to": datetime.date,
        "step": Literal["daily", "weekly", "monthly"],
        "dates": list[datetime.date],
        "commitments": list[CommitmentHistory],
        "scores": list[ScoreSeries],
    },
)
"""Statuses and scores over a series of dates (``Roadmap.history``)."""

class SheetProblem(TypedDict):
    """One entry of a sheet's problem report (``Sheet.problems``)."""

    severity: Literal["warning", "error"]
    code: str
    file: str
    line: int
    column: int | None
    header: str | None
    field: str | None
    value: str
    message: str

class SheetColumn(TypedDict):
    """A column of a sheet's header (``Sheet.columns``)."""

    header: str
    occurrence: int
    field: str | None
    description: str | None

class Reading(TypedDict):
    """One cell read through a tracker vocabulary (``read_label``): a rating, with
    ``vocabulary``, ``label``, ``status`` and ``rag``; or a non-rating, with
    ``non_rating`` and ``text``."""

    kind: Literal["rated", "non_rating"]
    vocabulary: NotRequired[str]
    label: NotRequired[str]
    status: NotRequired[dict[str, Any]]
    rag: NotRequired[str | None]
    non_rating: NotRequired[str]
    text: NotRequired[str]

class Translation(TypedDict):
    """A label translated into another vocabulary (``translate_label``)."""

    label: str
    lossy: bool

class VocabularyLabel(TypedDict):
    """One label of a tracker vocabulary."""

    label: str
    aliases: list[str]
    meaning: str
    rag: str | None

class Vocabulary(TypedDict):
    """A built-in tracker vocabulary (``tracker_vocabularies``)."""

    id: str
    tracker: str
    version: str
    labels: list[VocabularyLabel]

class RagProfile(TypedDict):
    """A built-in RAG profile for indicators (``rag_profiles``)."""

    id: str
    title: str
    mark: dict[str, Any] | None
    amber_within: float | None
