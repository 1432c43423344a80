"""Deadlines found in running text through the binding: spans in code points (so that
``text[start:end]`` is the expression), the deadline as a ``Deadline``, and the errors.
Expected values are worked out by hand from docs/deadlines.md."""

from __future__ import annotations

import datetime as dt

import pytest

import roadmap_tracker as rt

WRITTEN = dt.date(2026, 1, 19)


def test_two_expressions_in_a_sentence() -> None:
    text = "The service launched in March 2025 and will close by the end of 2027."
    found = rt.find_deadlines(text, WRITTEN)
    assert [f["text"] for f in found] == ["in March 2025", "by the end of 2027"]
    first, second = found
    assert (first["start"], first["end"]) == (21, 34)
    assert first["cues"] == ["launched", "in"]
    assert isinstance(first["deadline"], rt.Deadline)
    assert first["deadline"].kind == "past"
    assert (first["deadline"].earliest, first["deadline"].latest) == (dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    assert second["deadline"].kind == "by" and second["deadline"].latest == dt.date(2027, 12, 31)
    assert text[second["start"] : second["end"]] == "by the end of 2027"


def test_spans_count_code_points() -> None:
    # "Café opens ín " is 14 code points but 16 bytes.
    text = "Café opens ín summer 2026 — ünïcode by 1 July 2027."
    found = rt.find_deadlines(text, "2026-06-04")
    assert [(f["start"], f["end"]) for f in found] == [(14, 25), (36, 50)]
    assert [text[f["start"] : f["end"]] for f in found] == ["summer 2026", "by 1 July 2027"]
    assert found[1]["deadline"].latest == dt.date(2027, 7, 1)


def test_a_malformed_expression_is_refused_with_its_span() -> None:
    text = "Équipe: launch on 31 February 2026."
    with pytest.raises(rt.DeadlineError) as info:
        rt.find_deadlines(text, WRITTEN)
    e = info.value
    assert e.code == "impossible_date"  # type: ignore[attr-defined]
    assert text[e.start : e.end] == "31 February 2026"  # type: ignore[attr-defined]


def test_no_expression_and_no_date_marker() -> None:
    with pytest.raises(rt.DeadlineError) as info:
        rt.find_deadlines("A new strategy.", WRITTEN)
    assert info.value.code == "no_deadline_found"  # type: ignore[attr-defined]
    (marker,) = rt.find_deadlines("We will say more in due course.", WRITTEN)
    assert marker["deadline"].kind == "none" and marker["text"] == "in due course"
