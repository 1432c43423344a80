"""roadmap_tracker: turn a roadmap's commitments and prose deadlines into something that can
be checked: deadline windows, derived status, scores.

The work is done by the Rust core (``roadmap_tracker._native``); the classes here extend
the native ones with pandas tables, Jupyter display and DataFrame input, and ``plot``
draws matplotlib plots. None of it decides anything.

>>> import roadmap_tracker as rt
>>> d = rt.parse_deadline("by the end of 2026", written_on="2026-01-19")
>>> d.kind, d.latest
('by', datetime.date(2026, 12, 31))
>>> roadmap = rt.Roadmap.uk_digital_2026()
>>> print(roadmap.report("2026-06-04", format="text"))  # doctest: +SKIP

Dates are ``datetime.date`` in and out (ISO ``YYYY-MM-DD`` strings and NumPy ``datetime64``
are accepted: ``DateLike``); DataFrame date columns are ``datetime64``. The records are
plain dicts whose keys ``roadmap_tracker.records`` (a stub for type checkers) names. The core never reads a clock. A phrase is always read
against the date of the document that wrote it (``written_on`` is required); where an
"as of" date is optional (``evaluate``, ``report``, ``changes``, the end of ``history``,
``evaluate_indicator``), it is today's date as Python sees it.
"""

from __future__ import annotations

from ._native import (
    ArgumentError,
    Deadline,
    DeadlineError,
    FormatError,
    InternalError,
    MetricError,
    Releases,
    RoadmapError,
    RoadmapFileNotFoundError,
    RoadmapOSError,
    RoadmapPermissionError,
    ValidationError,
    VocabularyError,
    __version__,
    evaluate_indicator,
    find_deadlines,
    parse_deadline,
    parse_edtf,
    rag_profiles,
    read_label,
    tracker_vocabularies,
    translate_label,
)
from ._shell import DateLike, Evaluation, Roadmap, Rules, Sheet, parse_deadlines

__all__ = [
    "ArgumentError",
    "DateLike",
    "Deadline",
    "DeadlineError",
    "Evaluation",
    "FormatError",
    "InternalError",
    "MetricError",
    "Releases",
    "Roadmap",
    "RoadmapError",
    "RoadmapFileNotFoundError",
    "RoadmapOSError",
    "RoadmapPermissionError",
    "Rules",
    "Sheet",
    "ValidationError",
    "VocabularyError",
    "__version__",
    "evaluate_indicator",
    "find_deadlines",
    "parse_deadline",
    "parse_deadlines",
    "parse_edtf",
    "rag_profiles",
    "read_label",
    "tracker_vocabularies",
    "translate_label",
]
