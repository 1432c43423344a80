"""Misuse is an error, not a silent answer: a DataFrame where a column is expected is a
TypeError naming its columns; Series are aligned on the phrases' index, or refused when
the indexes differ."""

from __future__ import annotations

import datetime as dt

import pytest

import roadmap_tracker as rt

pd = pytest.importorskip("pandas")

WRITTEN = dt.date(2026, 1, 19)


def test_a_dataframe_for_phrases_names_its_columns() -> None:
    df = pd.DataFrame({"deadline": ["by the end of 2026"], "owner": ["GDS"]})
    with pytest.raises(TypeError) as bad:
        rt.parse_deadlines(df, WRITTEN)
    assert "'deadline', 'owner'" in str(bad.value)
    with pytest.raises(TypeError) as bad_dates:
        rt.parse_deadlines(df["deadline"], pd.DataFrame({"a": [WRITTEN], "b": [WRITTEN]}))
    assert "'a', 'b'" in str(bad_dates.value)


def test_written_on_is_aligned_on_the_index() -> None:
    phrases = pd.Series(["by the end of the year", "by the end of the year"], index=["x", "y"])
    # Given in the other order: each phrase still gets its own date.
    written = pd.Series([dt.date(2025, 3, 1), dt.date(2026, 1, 19)], index=["y", "x"])
    out = rt.parse_deadlines(phrases, written)
    assert list(out.index) == ["x", "y"]
    assert out.loc["x", "latest"] == pd.Timestamp(2026, 12, 31)
    assert out.loc["y", "latest"] == pd.Timestamp(2025, 12, 31)


def test_different_indexes_are_refused() -> None:
    phrases = pd.Series(["by the end of 2026"], index=[0])
    with pytest.raises(rt.ArgumentError) as bad:
        rt.parse_deadlines(phrases, pd.Series([WRITTEN], index=[5]))
    assert bad.value.path == "written_on"
    with pytest.raises(rt.ArgumentError) as bad_delivered:
        rt.parse_deadlines(phrases, WRITTEN, as_of="2026-06-04", delivered_on=pd.Series([WRITTEN], index=[9]))
    assert bad_delivered.value.path == "delivered_on"


def test_one_string_is_not_a_column() -> None:
    with pytest.raises(TypeError, match="parse_deadline"):
        rt.parse_deadlines("by the end of 2026", WRITTEN)


def test_a_wrong_length_is_refused() -> None:
    with pytest.raises(rt.ArgumentError) as bad:
        rt.parse_deadlines(["by 2027", "by 2028"], [WRITTEN])
    assert bad.value.path == "written_on"
