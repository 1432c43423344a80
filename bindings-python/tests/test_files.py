"""Files: a missing file is a FileNotFoundError and an unreadable one a PermissionError,
as Python users expect, with the library's code and the file named."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import roadmap_tracker as rt


def test_a_missing_file_is_file_not_found(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    with pytest.raises(FileNotFoundError) as missing:
        rt.Roadmap.load(path)
    err = missing.value
    assert isinstance(err, rt.RoadmapOSError) and isinstance(err, rt.RoadmapFileNotFoundError)
    assert (err.code, err.kind, err.filename) == ("io", "io", str(path))
    assert str(path) in str(err)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions (not root)")
def test_an_unreadable_file_is_permission_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.json"
    path.write_text("{}")
    path.chmod(0)
    with pytest.raises(PermissionError) as locked:
        rt.Roadmap.load(path)
    assert isinstance(locked.value, rt.RoadmapPermissionError) and locked.value.code == "io"


def test_save_and_load_json_and_tables(tmp_path: Path) -> None:
    roadmap = rt.Roadmap.uk_digital_2026()
    for name in ("roadmap.json", "tables"):
        roadmap.save(tmp_path / name)
        assert rt.Roadmap.load(tmp_path / name) == roadmap


# Two tables with seven problems between them (the core's loaders test has the same ones):
# line 3 a weight that is no number; line 4 an unknown kind and 30 February; line 5 a
# deadline's date without its phrase; line 6 three fields under seven; updates.csv line 2
# month 13, line 3 no node.
BAD_TABLES = {
    "roadmap.csv": "id,title,publisher,published\nplan,Plan,Us,2026-01-19\n",
    "nodes.csv": "id,kind,parent,title,weight,deadline,deadline_written_on\n"
    "svc,section,,Services,,,\n"
    "web,area,svc,Web,heavy,,\n"
    "portal,chapter,web,Portal,,by March 2027,2026-02-30\n"
    "app,commitment,web,App,2,,2026-01-19\n"
    "x,area,svc\n"
    "api,commitment,web,API,,,\n",
    "updates.csv": "node,date,status\nportal,2026-13-01,started\n,2026-03-01,done\napi,2026-03-01,done\n",
}
BAD_AT = [
    ("invalid_number", "nodes.csv", 3, "weight"),
    ("unknown_value", "nodes.csv", 4, "kind"),
    ("invalid_date", "nodes.csv", 4, "deadline_written_on"),
    ("missing_field", "nodes.csv", 5, "deadline"),
    ("ragged_row", "nodes.csv", 6, None),
    ("invalid_date", "updates.csv", 2, "date"),
    ("missing_field", "updates.csv", 3, "node"),
]


def _where(e: rt.RoadmapError) -> list[tuple[str, str, int, str | None]]:
    return [(p["code"], p["location"]["file"], p["location"]["line"], p["location"]["field"]) for p in e.problems]


def test_every_problem_of_the_tables_at_once(tmp_path: Path) -> None:
    with pytest.raises(rt.FormatError) as text:
        rt.Roadmap.from_csv_tables(BAD_TABLES)
    assert _where(text.value) == BAD_AT
    assert (text.value.code, text.value.line, text.value.field) == ("invalid_number", 3, "weight")
    assert str(text.value).startswith("7 problems:\n  - invalid_number at nodes.csv:3, column weight")
    # From a directory, each problem names the table's path in it.
    for name, data in BAD_TABLES.items():
        (tmp_path / name).write_text(data)
    for load in (rt.Roadmap.load, rt.Roadmap.from_csv_dir):
        with pytest.raises(rt.FormatError) as files:
            load(tmp_path)
        assert _where(files.value) == [(c, str(tmp_path / f), line, field) for c, f, line, field in BAD_AT]


def test_the_list_of_problems_is_capped(tmp_path: Path) -> None:
    tables = dict(BAD_TABLES, **{"nodes.csv": "id,kind,title\n" + "".join(f"n{i},chapter,T\n" for i in range(250))})
    del tables["updates.csv"]
    with pytest.raises(rt.FormatError) as info:
        rt.Roadmap.from_csv_tables(tables)
    problems = info.value.problems
    assert len(problems) == 101
    assert problems[99]["location"]["line"] == 101
    assert problems[100]["code"] == "too_many_problems"
    assert problems[100]["message"] == "150 more problems were found and are not listed (at most 100 are)"


def test_every_problem_of_a_json_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text(
        '{"id": "plan", "title": "Plan", "publisher": "Us", "published": "2026-02-30",\n'
        ' "nodes": [{"id": "s", "kind": "chapter", "title": "S"}, {"id": "a", "kind": "area", "weight": "2"}]}\n'
    )
    with pytest.raises(rt.FormatError) as info:
        rt.Roadmap.load(path)
    got = [(p["code"], p["location"]["path"], p["location"]["line"], p["location"]["file"]) for p in info.value.problems]
    # Node 1: its weight as text, then the title it lacks (every problem of a record).
    assert got == [
        ("invalid_date", "published", 1, str(path)),
        ("unknown_value", "nodes[0].kind", 2, str(path)),
        ("wrong_type", "nodes[1].weight", 2, str(path)),
        ("missing_field", "nodes[1]", 2, str(path)),
    ]


def test_a_flat_sheet_names_the_path_given(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("section,area,id,title\n,,c1,One\n")
    base = rt.Roadmap("plan", "Plan", "Us", "2026-01-19")
    with pytest.raises(rt.RoadmapError) as info:
        rt.Roadmap.load(path, base=base)
    assert [(p["location"]["file"], p["location"]["field"]) for p in info.value.problems] == [
        (str(path), "section"),
        (str(path), "area"),
    ]
    assert "tracker.csv" not in str(info.value)


def test_save_then_load_is_the_same_roadmap_for_every_suffix_and_name(tmp_path: Path) -> None:
    uk = rt.Roadmap.uk_digital_2026()
    base = rt.Roadmap("plan", "Plan", "Us", "2026-01-19")
    flat = rt.Roadmap.from_flat_csv("section,area,id,title,status,status_date\nServices,Web,portal,Portal,done,2026-03-01\n", base=base)
    for name, roadmap, format in [
        ("a.json", uk, None),
        ("tables", uk, None),
        ("b.csv", flat, None),
        ("c.txt", uk, "json"),
        ("d", uk, "tables"),
        ("e.sheet", flat, "flat"),
        ("f.sheet", flat, "csv"),
    ]:
        roadmap.save(tmp_path / name, format=format)
        assert rt.Roadmap.load(tmp_path / name, format=format, base=roadmap) == roadmap, name
    # The bundled roadmap does not fit in a flat sheet: refused, and nothing is written.
    with pytest.raises(rt.ArgumentError) as info:
        uk.save(tmp_path / "uk.csv")
    assert info.value.code == "invalid_argument" and info.value.file == str(tmp_path / "uk.csv")
    assert info.value.message.startswith("a flat sheet cannot hold this roadmap: it would lose ")
    assert not (tmp_path / "uk.csv").exists()
    with pytest.raises(rt.ArgumentError) as bad:
        uk.save(tmp_path / "uk.xml", format="xml")
    assert "json, tables, flat" in bad.value.message


# -- Paths that are not Unicode -----------------------------------------------------------
# On Linux a file name is bytes; os.fsdecode turns the bytes UTF-8 cannot decode into
# surrogate escapes (PEP 383: the byte 0xFF is "\udcff"). Such a str names a real file
# and is accepted, as Python's own open() accepts it; so is the name as bytes. Any other
# lone surrogate names no file: the library's ArgumentError at `path`.

SMALL_JSON = '{"id": "p", "title": "P", "publisher": "Us", "published": "2026-01-19"}'


@pytest.mark.skipif(os.name != "posix", reason="file names as bytes")
def test_a_path_with_surrogate_escapes_names_its_file(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(folder + b"/plan-\xff.json", "wb") as f:
        f.write(SMALL_JSON.encode())
    escaped = str(tmp_path / "plan-\udcff.json")
    roadmap = rt.Roadmap.load(escaped)
    assert roadmap.id == "p"
    assert rt.Roadmap.load(folder + b"/plan-\xff.json") == roadmap
    # Saved under such a name, the file has the byte 0xFF in its name.
    roadmap.save(tmp_path / "again-\udcfe.json")
    assert b"again-\xfe.json" in os.listdir(folder)
    assert rt.Roadmap.load(tmp_path / "again-\udcfe.json") == roadmap
    roadmap.save(tmp_path / "tables-\udcfd")
    assert rt.Roadmap.load(folder + b"/tables-\xfd") == roadmap


PATH_CALLS: list[tuple[str, Any]] = [
    ("load", lambda p: rt.Roadmap.load(p)),
    ("from_csv_dir", lambda p: rt.Roadmap.from_csv_dir(p)),
    ("save", lambda p: rt.Roadmap.from_json(SMALL_JSON).save(p)),
    ("Sheet.load", lambda p: rt.Sheet.load(p)),
]


@pytest.mark.parametrize("call", [c[1] for c in PATH_CALLS], ids=[c[0] for c in PATH_CALLS])
def test_a_path_with_a_lone_surrogate_is_an_argument_error(
    call: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # "plan-" is 5 characters: the surrogate is at position 5 (not an escape of a byte:
    # those are U+DC80 to U+DCFF). Nothing is written.
    monkeypatch.chdir(tmp_path)
    with pytest.raises(rt.ArgumentError) as bad:
        call("plan-\ud800.json")
    e = bad.value
    assert (e.code, e.kind, e.path, e.field) == ("invalid_argument", "argument", "path", None)
    assert e.message == "path holds a lone surrogate (U+D800) at position 5, which is not text"
    assert os.listdir(tmp_path) == []
