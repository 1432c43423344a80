"""Every table as a DataFrame, from the core's table views (``tables::View``): statuses,
scores, metrics (with their columns even when empty), history over any period and step,
changes since a date, report rows, nodes and updates; ``to_pandas`` and ``to_polars``;
dtypes chosen once: categoricals for codes, nullable integers, ``datetime64[ns]`` dates
with NaT, lists as lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import roadmap_tracker as rt

pd = pytest.importorskip("pandas")

SMALL = """{"id": "small", "title": "Small", "publisher": "Us", "published": "2026-01-19",
  "nodes": [
    {"id": "s", "kind": "section", "title": "S"},
    {"id": "a", "kind": "area", "parent": "s", "title": "A", "owners": ["GDS", "DSIT"]},
    {"id": "late", "kind": "commitment", "parent": "a", "title": "Late",
     "deadline": {"phrase": "by March 2026", "written_on": "2026-01-19"}},
    {"id": "later", "kind": "commitment", "parent": "a", "title": "Later",
     "deadline": {"phrase": "by the end of 2026", "written_on": "2026-01-19"}},
    {"id": "open", "kind": "commitment", "parent": "a", "title": "Open"}
  ]}"""


@pytest.fixture()
def small() -> rt.Roadmap:
    return rt.Roadmap.from_json(SMALL)


def test_nodes_have_the_core_columns_and_dtypes(small: rt.Roadmap) -> None:
    nodes = small.to_pandas("nodes")
    assert list(nodes["id"]) == ["s", "a", "late", "later", "open"]
    assert isinstance(nodes["kind"].dtype, pd.CategoricalDtype)
    assert nodes["owners"].iloc[1] == ["GDS", "DSIT"]  # a list stays a list
    assert str(nodes["deadline_written_on"].dtype) == "datetime64[ns]"
    assert nodes["deadline_written_on"].iloc[2] == pd.Timestamp(2026, 1, 19)
    assert pd.isna(nodes["deadline_written_on"].iloc[4])  # NaT, not None or a string
    assert nodes["deadline"].iloc[3] == "by the end of 2026"


def test_statuses_scores_and_as_of(small: rt.Roadmap) -> None:
    as_of = dt.date(2027, 2, 1)
    statuses = small.to_dataframe("statuses", as_of)
    assert list(statuses["node"]) == ["late", "later", "open"]
    assert (statuses["as_of"] == pd.Timestamp(as_of)).all()
    for code in ("kind", "status", "rag", "deadline_state"):
        assert isinstance(statuses[code].dtype, pd.CategoricalDtype), code
    assert str(statuses["days"].dtype) == "Int64"  # nullable: the open one has none
    assert pd.isna(statuses.set_index("node").loc["open", "days"])
    scores = small.evaluate(as_of).to_pandas("scores")
    assert list(scores["kind"]) == ["roadmap", "section", "area"]
    assert "counts_overdue_unconfirmed" in scores.columns


def test_metrics_has_its_columns_when_empty(small: rt.Roadmap) -> None:
    metrics = small.evaluate("2026-06-04").to_dataframe("metrics")
    assert len(metrics) == 0
    assert list(metrics.columns[:6]) == ["metric", "node", "as_of", "progress", "rag", "reason"]


def test_history_over_any_period_and_step(small: rt.Roadmap) -> None:
    weekly = small.to_dataframe("history", "2026-03-01", start="2026-02-01", step="weekly")
    # 1, 8, 15, 22 February and 1 March: five dates, three commitments each.
    assert sorted(set(weekly["date"])) == [pd.Timestamp(2026, 2, d) for d in (1, 8, 15, 22)] + [pd.Timestamp(2026, 3, 1)]
    assert len(weekly) == 5 * 3
    scores = small.to_dataframe("score_history", "2026-03-01", start="2026-02-01", step="weekly")
    assert len(scores) == 5 * 3  # the roadmap, the section and the area on each date


def test_changes_since_a_date(small: rt.Roadmap) -> None:
    changes = small.to_dataframe("changes", "2027-02-01", since="2026-02-01")
    assert isinstance(changes, pd.DataFrame)
    assert set(changes["node"]) <= {"late", "later", "open"}
    # By March 2026: not due in February, and in 2027 overdue with no report since the
    # deadline, so unconfirmed (docs/status-rules.md).
    assert "late" in set(changes["node"])
    assert changes.set_index("node").loc["late", "to"] == "overdue_unconfirmed"
    assert isinstance(changes["updates"].iloc[0], list)
    with pytest.raises(rt.ArgumentError) as missing:
        small.to_dataframe("changes", "2027-02-01")
    assert missing.value.path == "since"
    empty = small.to_dataframe("changes", "2026-02-01", since="2026-02-01")
    assert len(empty) == 0 and list(empty.columns[:3]) == ["node", "kind", "from"]


def test_report_rows(small: rt.Roadmap) -> None:
    rows = small.to_dataframe("report", "2027-02-01")
    assert list(rows["id"]) == ["late", "later", "open"]
    assert set(rows["section_id"]) == {"s"}
    # The window's ends and the deadline's date are dates (NaT where there is none):
    # "by March 2026" and "by the end of 2026" have no first day.
    for column in ("earliest", "latest", "deadline_written_on"):
        assert str(rows[column].dtype) == "datetime64[ns]", column
    assert list(rows["latest"].iloc[:2]) == [pd.Timestamp(2026, 3, 31), pd.Timestamp(2026, 12, 31)]
    assert rows["earliest"].isna().all() and pd.isna(rows["deadline_written_on"].iloc[2])
    assert rows["deadline_written_on"].iloc[0] == pd.Timestamp(2026, 1, 19)


def test_unknown_table_names_the_choices(small: rt.Roadmap) -> None:
    with pytest.raises(rt.ArgumentError) as bad:
        small.to_dataframe("bananas")
    assert bad.value.path == "what" and "score_history" in bad.value.message
    with pytest.raises(rt.ArgumentError) as wrong:
        small.evaluate("2026-06-04").to_dataframe("nodes")
    assert "statuses" in wrong.value.message


def test_to_polars(small: rt.Roadmap) -> None:
    pl = pytest.importorskip("polars")
    nodes = small.to_polars("nodes")
    assert nodes["kind"].dtype == pl.Categorical
    assert nodes["deadline_written_on"].dtype == pl.Date
    assert nodes["owners"][1].to_list() == ["GDS", "DSIT"]
    statuses = small.evaluate("2027-02-01").to_polars()
    assert statuses["days"].dtype == pl.Int64 and statuses["days"][2] is None


def test_from_dataframe_defaults_written_on_to_published() -> None:
    # The roadmap is the document that wrote a deadline given without its date.
    df = pd.DataFrame({"section": ["S", "S"], "area": ["A", "A"], "id": ["d1", "d2"], "title": ["One", "Two"],
                       "deadline": ["by the end of 2026", None]})
    roadmap = rt.Roadmap.from_dataframe(df, id="p", title="P", publisher="Us", published="2026-01-19")
    one, two = roadmap.node("d1"), roadmap.node("d2")
    assert one is not None and two is not None
    assert one["deadline"] == {"phrase": "by the end of 2026", "written_on": dt.date(2026, 1, 19)}
    assert two.get("deadline") is None


def test_from_dataframe_explains_ids_it_cannot_take() -> None:
    df = pd.DataFrame({"section": ["S"], "area": ["A"], "id": ["D1"], "title": ["One"]})
    with pytest.raises(rt.ValidationError) as bad:
        rt.Roadmap.from_dataframe(df, id="p", title="P", publisher="Us", published="2026-01-19")
    problem = bad.value.problems[0]
    assert (problem["code"], problem["location"]["path"], problem["location"]["field"]) == ("invalid_id", "rows[0]", "id")
    # Explained, with the id it could be (never changed silently: updates refer to it).
    assert problem["message"] == (
        'id "D1" is not a slug (lowercase letters and digits joined by single hyphens): write it as "d1"'
    )


def test_report_rows_as_data_and_as_a_table(small: rt.Roadmap) -> None:
    # The core names the report's forms: "rows" is its table rows, one per commitment.
    rows = small.report("2026-06-04", format="rows")
    assert [r["id"] for r in rows] == ["late", "later", "open"]
    assert list(rows[0])[:6] == ["section", "subcategory", "area", "id", "kind", "title"]
    table = small.to_dataframe("report", "2026-06-04")
    assert list(table["id"]) == [r["id"] for r in rows]
    with pytest.raises(rt.ArgumentError) as bad:
        small.report("2026-06-04", format="table")  # type: ignore[call-overload]
    assert bad.value.message == (
        'unknown report format "table": expected one of text, markdown, json, csv, html, dict, rows'
    )


SHEET = "Project,Start,End,Review,Rating\nRail,2016-04-01,,2026-01-01,Amber\nRoads,,Exempt under FOI,soon,Red\n"
SHEET_MAPPING: dict[str, Any] = {
    "project": "Project", "start": {"headers": ["Start"], "kind": "date"},
    "end": {"headers": ["End"], "kind": "date"}, "review_date": "Review",
    "rating": {"headers": ["Rating"], "kind": "rating", "vocabulary": "gmpp-5"},
}


def test_sheet_rows_are_typed_by_the_mapping() -> None:
    rows = rt.Sheet.from_text(SHEET, SHEET_MAPPING).to_dataframe()
    assert list(rows.columns) == ["line", "project", "start", "end", "review_date", "rating"]
    assert list(rows["line"]) == [2, 3] and str(rows["line"].dtype) == "Int64"
    # A date field is a date column: the blank is NaT.
    assert str(rows["start"].dtype) == "datetime64[ns]"
    assert rows["start"].iloc[0] == pd.Timestamp(2016, 4, 1) and pd.isna(rows["start"].iloc[1])
    # A date field holding only FOI text keeps it as text; a text field named like a date
    # stays text (types come from the mapping, never from a name or a guess).
    assert rows["end"].tolist()[1] == "Exempt under FOI" and pd.isna(rows["end"].iloc[0])
    assert rows["review_date"].tolist() == ["2026-01-01", "soon"]
    assert isinstance(rows["rating"].dtype, pd.CategoricalDtype)
    assert rows["rating"].tolist() == ["Amber", "Red"]


def test_an_empty_sheet_keeps_its_columns_and_types() -> None:
    empty = rt.Sheet.from_text("Project,Start,End,Review,Rating\n", SHEET_MAPPING)
    rows = empty.to_dataframe("rows")
    assert list(rows.columns) == ["line", "project", "start", "end", "review_date", "rating"]
    assert len(rows) == 0 and str(rows["start"].dtype) == "datetime64[ns]"
    problems = empty.to_dataframe("problems")
    assert list(problems.columns) == list(rt.Sheet.PROBLEM_COLUMNS)


def test_sheet_to_polars() -> None:
    pl = pytest.importorskip("polars")
    rows = rt.Sheet.from_text(SHEET, SHEET_MAPPING).to_polars()
    assert rows["start"].dtype == pl.Date and rows["rating"].dtype == pl.Categorical
    assert rows["start"].to_list() == [dt.date(2016, 4, 1), None]
