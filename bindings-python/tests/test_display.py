"""Reprs that agree, and notebook HTML that is the same whenever it is shown: the roadmap's
counts by kind, an evaluation's counts by status and its date, long tables truncated."""

from __future__ import annotations

import pytest

import roadmap_tracker as rt
from roadmap_tracker import _shell

SMALL = """{"id": "small", "title": "Small", "publisher": "Us", "published": "2026-01-19",
  "nodes": [
    {"id": "s", "kind": "section", "title": "S"},
    {"id": "a", "kind": "area", "parent": "s", "title": "A"},
    {"id": "c", "kind": "commitment", "parent": "a", "title": "C",
     "deadline": {"phrase": "by March 2026", "written_on": "2026-01-19"}},
    {"id": "m", "kind": "milestone", "parent": "c", "title": "M",
     "deadline": {"phrase": "by February 2026", "written_on": "2026-01-19"}}
  ]}"""


def test_reprs_count_alike() -> None:
    roadmap = rt.Roadmap.from_json(SMALL)
    assert "nodes=4, commitments=1, milestones=1, updates=0)" in repr(roadmap)
    assert repr(roadmap.evaluate("2026-06-04")).startswith("Evaluation(as_of=2026-06-04, commitments=1, milestones=1, ")


def test_roadmap_html_has_no_date_of_its_own() -> None:
    roadmap = rt.Roadmap.from_json(SMALL)
    html = roadmap._repr_html_()
    assert "1 section, 1 area, 1 commitment, 1 milestone" in html
    assert html == rt.Roadmap.from_json(SMALL)._repr_html_()


def test_evaluation_html_counts_statuses_as_of_its_date() -> None:
    html = rt.Roadmap.from_json(SMALL).evaluate("2026-06-04")._repr_html_()
    assert "Status as of 2026-06-04" in html
    # Both deadlines passed months before, with no word: both overdue.
    assert "2 overdue" in html


def test_long_tables_are_truncated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_shell, "MAX_HTML_ROWS", 2)
    html = rt.Roadmap.from_json(SMALL)._repr_html_()
    assert html.count("<tr><td>") == 2 and "2 more rows" in html and "4 rows" in html
