"""Loading, saving and validating roadmaps through the binding."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

import roadmap_tracker as rt


def test_the_bundled_roadmap_loads() -> None:
    bundled = rt.Roadmap.uk_digital_2026()
    assert bundled.id == "uk-digital-2026"
    assert bundled.title == "A roadmap for modern digital government"
    assert bundled == rt.Roadmap.uk_digital_2026()
    bundled.validate()


def test_bundled_roadmap(uk: rt.Roadmap) -> None:
    assert uk.id == "uk-digital-2026"
    assert uk.published == dt.date(2026, 1, 19)
    assert isinstance(uk.title, str) and uk.title
    kinds = [n["kind"] for n in uk.nodes]
    assert kinds.count("section") == 6
    assert kinds.count("commitment") >= 35
    assert len(uk) == len(uk.nodes)
    assert [n["id"] for n in uk] == [n["id"] for n in uk.nodes]
    uk.validate()


def test_repr_and_equality(uk: rt.Roadmap) -> None:
    assert repr(uk).startswith("Roadmap(id='uk-digital-2026', title=")
    assert "commitments=" in repr(uk)
    assert uk == rt.Roadmap.from_json(uk.to_json())
    assert uk != rt.Roadmap("other", "Other", "Us", dt.date(2026, 1, 1))
    assert uk != "uk-digital-2026"
    assert copy.copy(uk) is uk and copy.deepcopy(uk) is uk


def test_frozen(uk: rt.Roadmap) -> None:
    with pytest.raises(AttributeError):
        uk.title = "changed"  # type: ignore[misc]


def test_dates_are_dates(uk: rt.Roadmap) -> None:
    update = uk.updates[0]
    assert isinstance(update["date"], dt.date)
    commitment = next(n for n in uk.nodes if n["kind"] == "commitment" and "deadline" in n)
    assert isinstance(commitment["deadline"]["written_on"], dt.date)
    assert isinstance(commitment["deadline"]["phrase"], str)
    source = uk.sources[0]
    assert set(source) >= {"id", "title"}


def test_node_lookup(uk: rt.Roadmap) -> None:
    node = uk.node("digital-sourcing-strategy")
    assert node is not None and node["kind"] == "commitment"
    assert uk.node("no-such-node") is None


def test_json_round_trip(uk: rt.Roadmap) -> None:
    text = uk.to_json()
    again = rt.Roadmap.from_json(text)
    assert again == uk
    assert again.to_json() == text
    assert rt.Roadmap.from_json(text.encode("utf-8")) == uk
    data = json.loads(text)
    assert data["id"] == "uk-digital-2026"
    as_dict = uk.to_dict()
    assert as_dict["id"] == data["id"]
    assert as_dict["published"] == dt.date(2026, 1, 19)
    assert list(as_dict) == list(data)  # same keys, same order as the JSON form


def test_csv_tables_round_trip(uk: rt.Roadmap) -> None:
    tables = uk.to_csv_tables()
    assert set(tables) == {"roadmap", "sources", "nodes", "updates", "metrics", "observations"}
    assert tables["nodes"].startswith("id,kind,parent,title,")
    assert rt.Roadmap.from_csv_tables(tables) == uk
    with_suffix = {f"{k}.csv": v for k, v in tables.items()}
    assert rt.Roadmap.from_csv_tables(with_suffix) == uk


def test_save_and_load(uk: rt.Roadmap, tmp_path: Path) -> None:
    uk.save(tmp_path / "uk.json")
    assert rt.Roadmap.load(tmp_path / "uk.json") == uk
    assert rt.Roadmap.load(str(tmp_path / "uk.json")) == uk
    uk.save(tmp_path / "tables")
    assert (tmp_path / "tables" / "nodes.csv").is_file()
    assert rt.Roadmap.load(tmp_path / "tables") == uk
    assert rt.Roadmap.from_csv_dir(tmp_path / "tables") == uk
    uk.save(tmp_path / "explicit", format="json")
    assert rt.Roadmap.load(tmp_path / "explicit", format="json") == uk


def test_tracker_round_trip(uk: rt.Roadmap, tmp_path: Path) -> None:
    sheet = uk.to_flat_csv()
    assert sheet.startswith("section,subcategory,area,id,title,")
    again = rt.Roadmap.from_flat_csv(sheet, base=uk)
    assert again.to_flat_csv() == sheet
    again.save(tmp_path / "tracker.csv")
    loaded = rt.Roadmap.load(tmp_path / "tracker.csv", base=again)
    assert loaded == again and loaded.to_flat_csv() == sheet


def test_tracker_needs_base(tmp_path: Path, uk: rt.Roadmap) -> None:
    (tmp_path / "tracker.csv").write_text(uk.to_flat_csv())
    with pytest.raises(rt.ArgumentError) as info:
        rt.Roadmap.load(tmp_path / "tracker.csv")
    assert info.value.code == "invalid_argument"


def test_minimal_fixtures(fixtures: Path) -> None:
    from_json = rt.Roadmap.load(fixtures / "minimal" / "roadmap.json")
    from_csv = rt.Roadmap.from_csv_dir(fixtures / "minimal")
    assert from_json == from_csv
    sheet = (fixtures / "minimal" / "tracker.csv").read_text()
    tracked = rt.Roadmap.from_flat_csv(sheet, base=from_json)
    assert tracked.node("portal")["title"] == "Launch a resident portal"


def test_constructor_accepts_iso_strings() -> None:
    r = rt.Roadmap("plan", "Plan", "Us", "2026-01-19", summary="A plan")
    assert r.published == dt.date(2026, 1, 19)
    assert r.summary == "A plan"
    assert r.nodes == [] and r.updates == [] and r.sources == [] and r.metrics == []
    r.validate()
    with pytest.raises(rt.ArgumentError) as info:
        rt.Roadmap("plan", "Plan", "Us", "2026-02-30")
    assert info.value.code == "invalid_argument" and info.value.path == "published"
    with pytest.raises(TypeError):
        rt.Roadmap("plan", "Plan", "Us", 20260119)  # type: ignore[arg-type]


def test_constructor_with_sources() -> None:
    r = rt.Roadmap(
        "plan", "Plan", "Us", dt.date(2026, 1, 19),
        sources=[{"id": "plan", "title": "The plan", "date": dt.date(2026, 1, 19)}],
    )
    assert r.sources == [{"id": "plan", "title": "The plan", "date": dt.date(2026, 1, 19)}]
    with pytest.raises(rt.ArgumentError):
        rt.Roadmap("plan", "Plan", "Us", "2026-01-19", sources=[{"title": "no id"}])


def test_numpy_and_pandas_dates() -> None:
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    assert rt.Roadmap("p", "P", "Us", np.datetime64("2026-01-19")).published == dt.date(2026, 1, 19)
    assert rt.Roadmap("p", "P", "Us", pd.Timestamp("2026-01-19")).published == dt.date(2026, 1, 19)
    assert rt.Roadmap("p", "P", "Us", dt.datetime(2026, 1, 19, 12)).published == dt.date(2026, 1, 19)


def test_version() -> None:
    assert isinstance(rt.__version__, str) and rt.__version__.count(".") == 2
