"""pandas in and out: Roadmap.to_dataframe, Evaluation.to_dataframe, Roadmap.from_dataframe."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import pytest

import roadmap_tracker as rt

pd = pytest.importorskip("pandas")

LATER = dt.date(2026, 11, 24)


def test_nodes_and_updates(uk: rt.Roadmap) -> None:
    nodes = uk.to_dataframe("nodes")
    assert len(nodes) == len(uk.nodes)
    assert list(nodes.columns[:4]) == ["id", "kind", "parent", "title"]
    assert "deadline" in nodes.columns and "deadline_written_on" in nodes.columns
    assert str(nodes["deadline_written_on"].dtype).startswith("datetime64")
    assert (nodes["kind"] == "section").sum() == 6
    updates = uk.to_dataframe("updates")
    assert len(updates) == len(uk.updates)
    assert str(updates["date"].dtype).startswith("datetime64")
    assert uk.to_dataframe().equals(nodes)


def test_statuses_and_scores(uk: rt.Roadmap) -> None:
    statuses = uk.to_dataframe("statuses", as_of=LATER)
    assert len(statuses) == 52
    row = statuses.set_index("node").loc["digital-sourcing-strategy"]
    assert row["status"] == "delayed"
    assert (statuses["as_of"] == pd.Timestamp(LATER)).all()
    scores = uk.to_dataframe("scores", as_of=LATER)
    assert scores.iloc[0]["kind"] == "roadmap"
    assert "counts_overdue_unconfirmed" in scores.columns
    assert scores["total"].iloc[0] == 48 or scores["total"].iloc[0] >= 48
    evaluation = uk.evaluate(LATER)
    assert evaluation.to_dataframe().equals(statuses)
    assert evaluation.to_dataframe("scores").equals(scores)
    assert isinstance(evaluation.to_dataframe("metrics"), pd.DataFrame)
    with pytest.raises(rt.ArgumentError):
        evaluation.to_dataframe("bananas")  # type: ignore[arg-type]


def test_history_frames(uk: rt.Roadmap) -> None:
    history = uk.to_dataframe("history", as_of=LATER)
    h = uk.history(uk.published, LATER, step="monthly")
    assert len(history) == len(h["dates"]) * len(h["commitments"])
    last = history[history["date"] == history["date"].max()].set_index("node")
    assert last.loc["central-local-leadership", "status"] == "overdue_unconfirmed"
    scores = uk.to_dataframe("score_history", as_of=LATER)
    assert len(scores) == len(h["dates"]) * len(h["scores"])
    with pytest.raises(rt.ArgumentError):
        uk.to_dataframe("bananas")  # type: ignore[arg-type]


def test_node_rows_carry_the_documented_defaults() -> None:
    # A node with nothing but its id, kind, parent and title: the JSON form leaves the
    # defaults out, the table shows them (weight 1, blank summary, empty lists, no
    # deadline); a field the format does not define becomes its own column.
    roadmap = rt.Roadmap.from_json(
        """{"id": "r", "title": "R", "publisher": "P", "published": "2026-01-01",
            "nodes": [
              {"id": "s", "kind": "section", "title": "S"},
              {"id": "a", "kind": "area", "parent": "s", "title": "A", "weight": 2.5,
               "owners": ["GDS"], "extra": {"RAG (DCA)": "Amber"}},
              {"id": "c", "kind": "commitment", "parent": "a", "title": "C",
               "deadline": {"phrase": "summer 2026", "written_on": "2026-01-01"}}
            ]}"""
    )
    rows = {r["id"]: r for r in roadmap.node_rows()}  # the core's table rows
    assert rows["s"] == {
        "id": "s", "kind": "section", "parent": None, "title": "S", "summary": "",
        "owners": [], "tags": [], "weight": 1.0, "sources": [],
        "deadline": None, "deadline_written_on": None, "deadline_source": None,
        "expectation": False,
    }
    assert (rows["a"]["weight"], rows["a"]["owners"], rows["a"]["RAG (DCA)"]) == (2.5, ["GDS"], "Amber")
    assert rows["c"]["deadline"] == "summer 2026"
    assert rows["c"]["deadline_written_on"] == dt.date(2026, 1, 1)
    assert list(rows["c"])[:13] == list(rows["s"])


def test_without_pandas_lists_of_dicts(uk: rt.Roadmap, monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmap_tracker import _shell

    monkeypatch.setattr(_shell, "pandas_or_none", lambda: None)
    rows = uk.to_dataframe("nodes")
    assert isinstance(rows, list) and rows[0]["id"] == uk.nodes[0]["id"]
    statuses = uk.to_dataframe("statuses", as_of=LATER)
    assert isinstance(statuses, list) and isinstance(statuses[0]["as_of"], dt.date)


def tracker_frame() -> Any:
    return pd.DataFrame(
        {
            "Section": ["Services", "Services", "Data"],
            "Area": ["Front door", "Front door", "Sharing"],
            "Ref": ["portal", "app", "data-api"],
            "Commitment": ["Launch a resident portal", "Ship the app", "Open a data API"],
            "Deadline": ["by March 2027", "summer 2026", None],
            "Written": [dt.date(2026, 1, 19), pd.Timestamp("2026-01-19"), None],
            "Status": ["in progress", None, "planned"],
            "As at": ["2026-06-01", None, pd.Timestamp("2026-02-01")],
            "Owners": [["Digital team", "Housing"], "Digital team", float("nan")],
            "Budget": [1.5, None, 3],
        },
        index=["r1", "r2", "r3"],
    )


COLUMNS = {
    "section": "Section",
    "area": "Area",
    "id": "Ref",
    "title": "Commitment",
    "deadline": "Deadline",
    "deadline_written_on": "Written",
    "status": "Status",
    "status_date": "As at",
    "owners": "Owners",
}


def test_from_dataframe() -> None:
    roadmap = rt.Roadmap.from_dataframe(
        tracker_frame(),
        columns=COLUMNS,
        id="city-plan",
        title="City plan",
        publisher="City",
        published="2026-01-19",
    )
    assert roadmap.id == "city-plan"
    portal = roadmap.node("portal")
    assert portal is not None and portal["owners"] == ["Digital team", "Housing"]
    assert portal["deadline"]["phrase"] == "by March 2027"
    assert portal["extra"] == {"Budget": "1.5"}
    assert [u["node"] for u in roadmap.updates] == ["portal", "data-api"]
    assert roadmap.updates[1]["date"] == dt.date(2026, 2, 1)
    sections = [n for n in roadmap.nodes if n["kind"] == "section"]
    assert [s["title"] for s in sections] == ["Services", "Data"]
    roadmap.evaluate("2026-06-04")
    base = rt.Roadmap("city-plan", "City plan", "City", "2026-01-19")
    assert rt.Roadmap.from_dataframe(tracker_frame(), COLUMNS, base=base) == roadmap


def test_from_dataframe_names_row_and_column() -> None:
    df = tracker_frame()
    df.loc["r3", "As at"] = "01/02/2026"
    with pytest.raises(rt.FormatError) as info:
        rt.Roadmap.from_dataframe(df, columns=COLUMNS, id="p", title="P", publisher="Us", published="2026-01-19")
    e = info.value
    # The core locates the problem by the row's index label and the library's column name.
    assert e.code == "invalid_date"
    assert e.path == "rows['r3']"
    assert e.field == "status_date"
    assert "rows['r3'].status_date" in str(e)
    assert e.problems[0]["location"]["path"] == "rows['r3']"
    assert e.line is None and e.file is None


@pytest.mark.parametrize(
    ("index", "path"),
    [
        (None, "rows[1]"),  # the default RangeIndex: label and position agree
        ([10, 20], "rows[20]"),
        (["a", "b"], "rows['b']"),
        (pd.to_datetime(["2026-01-01", "2026-01-02"]), "rows[Timestamp('2026-01-02 00:00:00')]"),
    ],
)
def test_from_dataframe_names_the_index_label(index: Any, path: str) -> None:
    cells = {"section": ["S", "S"], "area": ["A", "A"], "id": ["t", "u"], "title": ["T", "U"], "status": ["done", "done"], "status_date": ["2026-02-01", "2026-13-01"]}
    with pytest.raises(rt.FormatError) as info:
        rt.Roadmap.from_dataframe(pd.DataFrame(cells, index=index), id="p", title="P", publisher="Us", published="2026-01-19")
    assert (info.value.code, info.value.path, info.value.field) == ("invalid_date", path, "status_date")


def test_from_dataframe_takes_polars_and_pyarrow() -> None:
    cells = {"section": ["S", "S"], "area": ["A", "A"], "id": ["t", "u"], "title": ["T", "U"], "deadline": ["by March 2027", None]}
    expected = rt.Roadmap.from_dataframe(pd.DataFrame(cells), id="p", title="P", publisher="Us", published="2026-01-19")
    assert [n["id"] for n in expected.nodes] == ["s", "a", "t", "u"]
    assert expected.node("t")["deadline"] == {"phrase": "by March 2027", "written_on": dt.date(2026, 1, 19)}
    tables: list[Any] = []
    with contextlib.suppress(ImportError):
        import polars as pl

        tables.append(pl.DataFrame(cells))
    with contextlib.suppress(ImportError):
        import pyarrow as pa

        tables.append(pa.table(cells))
    for table in tables:
        assert rt.Roadmap.from_dataframe(table, id="p", title="P", publisher="Us", published="2026-01-19") == expected
    with pytest.raises(TypeError, match="pandas, polars or pyarrow table, not list"):
        rt.Roadmap.from_dataframe([cells], id="p", title="P", publisher="Us", published="2026-01-19")


def test_from_flat_rows_wants_one_label_per_row() -> None:
    base = rt.Roadmap("p", "P", "Us", "2026-01-19")
    header, rows = ["section", "area", "id", "title"], [["S", "A", "t", "T"], ["S", "A", "u", "U"]]
    assert len(rt.Roadmap.from_flat_rows(header, rows, base=base, labels=["x", "y"]).nodes) == 4
    with pytest.raises(rt.ArgumentError) as info:
        rt.Roadmap.from_flat_rows(header, rows, base=base, labels=["x"])
    assert (info.value.code, info.value.path) == ("invalid_argument", "labels")
    assert str(info.value) == "invalid_argument at labels: 1 labels for 2 rows: give one label per row"


def test_from_dataframe_validation_lists_rows() -> None:
    df = tracker_frame()
    df.loc["r2", "Ref"] = "portal"  # a duplicate id
    df.loc["r3", "Area"] = ""  # blank
    with pytest.raises(rt.RoadmapError) as info:
        rt.Roadmap.from_dataframe(df, columns=COLUMNS, id="p", title="P", publisher="Us", published="2026-01-19")
    e = info.value
    assert {p["location"]["path"] for p in e.problems} <= {"rows['r1']", "rows['r2']", "rows['r3']"}
    assert e.path in {"rows['r2']", "rows['r3']"}


def test_from_dataframe_argument_errors() -> None:
    # A mapping that leaves a required column out is the core's missing_field.
    with pytest.raises(rt.FormatError) as info:
        rt.Roadmap.from_dataframe(tracker_frame(), columns={"nonsense": "Ref"}, id="p", title="P", publisher="Us", published="2026-01-19")
    assert (info.value.code, info.value.path, info.value.field) == ("missing_field", "header", "id")
    with pytest.raises(rt.FormatError):
        rt.Roadmap.from_dataframe(tracker_frame(), columns={"id": "Missing"}, id="p", title="P", publisher="Us", published="2026-01-19")
    with pytest.raises(rt.ArgumentError) as bad:  # the core's error, at the parameter
        rt.Roadmap.from_dataframe(tracker_frame(), columns=COLUMNS, id="p")
    assert (bad.value.code, bad.value.path) == ("invalid_argument", "base")
    assert bad.value.problems[0]["location"]["path"] == "base"


def test_round_trip_through_a_dataframe(uk: rt.Roadmap) -> None:
    import io

    sheet = uk.to_flat_csv()
    df = pd.read_csv(io.StringIO(sheet), dtype=str, keep_default_na=False)
    again = rt.Roadmap.from_dataframe(df, base=uk)
    assert again.to_flat_csv() == sheet
