"""Errors: every kind of the core raised as its own class, with its code and location, and
the shared bad-file fixtures (`tests/fixtures/bad/`) giving the same codes as in Rust."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import roadmap_tracker as rt

CLASSES = {
    "format": rt.FormatError,
    "validation": rt.ValidationError,
    "deadline": rt.DeadlineError,
    "vocabulary": rt.VocabularyError,
    "metric": rt.MetricError,
    "argument": rt.ArgumentError,
    "io": rt.RoadmapOSError,
}

BAD = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "bad"
CASES = json.loads((BAD / "cases.json").read_text())


def check_attributes(error: BaseException) -> None:
    """The attributes every RoadmapError carries, with the right types."""
    assert isinstance(error, rt.RoadmapError)
    assert isinstance(error, CLASSES[error.kind])  # type: ignore[attr-defined]
    assert isinstance(error.code, str) and error.code  # type: ignore[attr-defined]
    for name in ("file", "path", "field"):
        value = getattr(error, name)
        assert value is None or isinstance(value, str)
    line = error.line  # type: ignore[attr-defined]
    assert line is None or (isinstance(line, int) and line >= 1)
    column = error.column  # type: ignore[attr-defined]
    assert column is None or (isinstance(column, int) and column >= 0)
    problems = error.problems  # type: ignore[attr-defined]
    assert isinstance(problems, list) and problems
    for p in problems:  # the core's shape: the location nested
        assert set(p) >= {"code", "kind", "message", "location"}
        assert set(p["location"]) == {"file", "line", "column", "path", "field"}
    assert problems[0]["code"] == error.code  # type: ignore[attr-defined]
    assert error.location == problems[0]["location"]  # type: ignore[attr-defined]
    assert str(error) and error.message  # type: ignore[attr-defined]


def test_hierarchy() -> None:
    for kind, cls in CLASSES.items():
        assert issubclass(cls, rt.RoadmapError)
        assert cls.kind == kind
        assert cls.__module__ == "roadmap_tracker"
    for cls in (rt.FormatError, rt.ValidationError, rt.DeadlineError, rt.ArgumentError):
        assert issubclass(cls, ValueError)
    assert issubclass(rt.RoadmapOSError, OSError)
    assert issubclass(rt.RoadmapError, Exception)
    assert issubclass(rt.InternalError, rt.RoadmapError)


def test_format_error_attributes() -> None:
    with pytest.raises(rt.FormatError) as info:
        rt.Roadmap.from_json('{"id": 5}')
    e = info.value
    check_attributes(e)
    assert e.code == "wrong_type"
    assert e.kind == "format"
    assert e.path == "id"
    assert e.line == 1 and e.column is not None
    assert "expected a string" in str(e)


def test_validation_error_lists_every_problem(uk: rt.Roadmap) -> None:
    data = json.loads(uk.to_json())
    data["nodes"].append(dict(data["nodes"][0]))  # a duplicate id
    data["nodes"][3]["parent"] = "no-such-parent"
    with pytest.raises(rt.ValidationError) as info:
        rt.Roadmap.from_json(json.dumps(data))
    e = info.value
    check_attributes(e)
    codes = {p["code"] for p in e.problems}
    assert codes >= {"duplicate_id", "unknown_parent"}
    assert len(e.problems) >= 2
    assert e.code == e.problems[0]["code"]
    parent = next(p for p in e.problems if p["code"] == "unknown_parent")
    assert parent["location"]["path"] == "nodes[3]" and parent["location"]["field"] == "parent"


def test_os_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    with pytest.raises(OSError) as info:
        rt.Roadmap.load(missing)
    e = info.value
    assert isinstance(e, rt.RoadmapOSError)
    check_attributes(e)
    assert e.code == "io" and e.kind == "io"
    assert e.errno == 2
    assert e.filename == str(missing)
    assert e.file == str(missing)
    with pytest.raises(rt.RoadmapOSError):
        rt.Roadmap.from_csv_dir(tmp_path / "no-such-dir")


def test_argument_error() -> None:
    with pytest.raises(rt.ArgumentError) as info:
        rt.Roadmap("p", "P", "Us", "19/01/2026")
    check_attributes(info.value)
    assert info.value.code == "invalid_argument" and info.value.path == "published"
    with pytest.raises(rt.ArgumentError) as bad:  # the core reads the name; the parameter
        rt.Roadmap.uk_digital_2026().save("out.json", format="yaml")
    assert bad.value.code == "invalid_argument" and bad.value.path == "format"


def test_bytes_must_be_utf8() -> None:
    with pytest.raises(rt.FormatError) as info:
        rt.Roadmap.from_flat_csv(b"section,area,id,title\n\xe9,a,b,c\n", base=rt.Roadmap.uk_digital_2026())
    assert info.value.code == "encoding"


def _check_case(e: Any, case: dict[str, Any]) -> None:
    """As the Rust test does: the expected problem is among those reported (validation
    reports every problem at once), at the expected place."""
    check_attributes(e)
    assert isinstance(e, CLASSES[e.kind])
    problem = next((p for p in e.problems if p["code"] == case["code"]), None)
    assert problem is not None, f"{case['file']}: expected {case['code']} ({case['why']}), got {e}"
    for key in ("line", "path", "field"):
        if key in case:
            assert problem["location"][key] == case[key], f"{case['file']}: {key} ({case['why']})"
    if case["format"] != "json":
        assert problem["location"]["file"] == case.get("table")
    assert problem["message"]
    if len(e.problems) == 1:
        assert e.code == case["code"]


def _minimal_tables() -> dict[str, bytes]:
    minimal = BAD.parent / "minimal"
    return {p.name: p.read_bytes() for p in minimal.glob("*.csv") if p.name != "tracker.csv"}


@pytest.mark.parametrize("case", [c for c in CASES if c["format"] == "json"], ids=lambda c: c["file"])
def test_bad_json_fixture(case: dict[str, Any]) -> None:
    path = BAD / case["file"]
    with pytest.raises(rt.RoadmapError) as info:
        rt.Roadmap.load(path)
    _check_case(info.value, case)
    assert info.value.file is not None
    # Bytes give the same error as the file.
    with pytest.raises(rt.RoadmapError) as again:
        rt.Roadmap.from_json(path.read_bytes())
    assert case["code"] in {p["code"] for p in again.value.problems}


@pytest.mark.parametrize("case", [c for c in CASES if c["format"] == "csv"], ids=lambda c: c["file"])
def test_bad_csv_fixture(case: dict[str, Any], tmp_path: Path) -> None:
    tables = _minimal_tables()
    tables[case["table"]] = (BAD / case["file"]).read_bytes()
    with pytest.raises(rt.RoadmapError) as info:
        rt.Roadmap.from_csv_tables(tables)
    _check_case(info.value, case)
    # The same tables in a directory give the same error.
    for name, data in tables.items():
        (tmp_path / name).write_bytes(data)
    with pytest.raises(rt.RoadmapError) as again:
        rt.Roadmap.from_csv_dir(tmp_path)
    assert case["code"] in {p["code"] for p in again.value.problems}


@pytest.mark.parametrize("case", [c for c in CASES if c["format"] == "tracker"], ids=lambda c: c["file"])
def test_bad_tracker_fixture(case: dict[str, Any]) -> None:
    minimal = rt.Roadmap.load(BAD.parent / "minimal" / "roadmap.json")
    base = rt.Roadmap(minimal.id, minimal.title, minimal.publisher, minimal.published, sources=minimal.sources)
    with pytest.raises(rt.RoadmapError) as info:
        rt.Roadmap.from_flat_csv((BAD / case["file"]).read_bytes(), base=base)
    _check_case(info.value, case)


def test_every_bad_fixture_is_covered() -> None:
    assert {c["format"] for c in CASES} <= {"json", "csv", "tracker"}
    assert len(CASES) >= 25


# -- Text that is not Unicode -------------------------------------------------------------
# A Python string may hold a lone surrogate ("\ud800"); UTF-8, the core's text, has no
# form for it. Wherever text crosses into the core, that is the core's invalid_argument
# error (an ArgumentError, worded as in JS) naming the argument, never a bare
# UnicodeEncodeError. The positions are counted by hand: "by March" is 8 characters.

SURROGATE = "by March\ud800 2026"
WRITTEN = "2026-01-19"
SMALL = '{"id": "p", "title": "P", "publisher": "Us", "published": "2026-01-19"}'


def _small() -> rt.Roadmap:
    return rt.Roadmap.from_json(SMALL)


SURROGATE_CALLS: list[tuple[str, Any, str, int]] = [
    ("parse_deadline", lambda: rt.parse_deadline(SURROGATE, WRITTEN), "phrase", 8),
    ("parse_edtf", lambda: rt.parse_edtf("2026-\ud800", WRITTEN), "edtf", 5),
    ("find_deadlines", lambda: rt.find_deadlines(SURROGATE, WRITTEN), "text", 8),
    ("parse_deadlines", lambda: rt.parse_deadlines(["by 2027", SURROGATE], WRITTEN), "phrases[1]", 8),
    ("a date string", lambda: rt.parse_deadline("by 2027", "2026-01-1\ud800"), "written_on", 9),
    ("Roadmap()", lambda: rt.Roadmap("p", "Plan \ud800", "Us", WRITTEN), "title", 5),
    ("Roadmap() summary", lambda: rt.Roadmap("p", "P", "Us", WRITTEN, summary="\ud800"), "summary", 0),
    ("from_json", lambda: rt.Roadmap.from_json('{"id": "\ud800"}'), "text", 8),
    ("from_flat_csv", lambda: rt.Roadmap.from_flat_csv("id\n\ud800\n", base=_small()), "text", 3),
    ("node", lambda: _small().node("\ud800"), "id", 0),
    ("report format", lambda: _small().report(WRITTEN, format="te\ud800xt"), "format", 2),
    ("history step", lambda: _small().history(WRITTEN, WRITTEN, step="\ud800"), "step", 0),
    ("to_dataframe", lambda: _small().to_dataframe("no\ud800des"), "what", 2),
    ("rules", lambda: _small().evaluate(WRITTEN, rules='{"grace_days": "\ud800"}'), "rules", 16),
    ("status", lambda: _small().evaluate(WRITTEN).status("\ud800"), "node", 0),
    ("read_label", lambda: rt.read_label("rag", "Gre\ud800en"), "text", 3),
    ("translate_label", lambda: rt.translate_label("Amber", "gmpp-5", "gmpp-\ud800"), "to_vocabulary", 5),
    ("Sheet.from_text", lambda: rt.Sheet.from_text("a\ud800,b\n1,2\n"), "text", 1),
    ("Sheet options", lambda: rt.Sheet.from_text("a,b\n", delimiter="\ud800"), "delimiter", 0),
]


@pytest.mark.parametrize("call, path, at", [c[1:] for c in SURROGATE_CALLS], ids=[c[0] for c in SURROGATE_CALLS])
def test_a_lone_surrogate_is_the_librarys_encoding_error(call: Any, path: str, at: int) -> None:
    with pytest.raises(rt.ArgumentError) as bad:
        call()
    e = bad.value
    check_attributes(e)
    assert not isinstance(e, UnicodeError) and isinstance(e, ValueError)
    assert (e.code, e.kind, e.path, e.field) == ("invalid_argument", "argument", path, None)
    assert e.message == f"{path} holds a lone surrogate (U+D800) at position {at}, which is not text"


def test_a_lone_surrogate_in_a_dataframe_names_its_row_and_column() -> None:
    pd = pytest.importorskip("pandas")
    # An object column (pandas 3's pyarrow-backed strings cannot hold a surrogate at all).
    df = pd.DataFrame({"section": ["S", "S"], "area": ["A", "A"], "id": ["one", "two"],
                       "title": ["One", "Tw\udc80o"]}, dtype=object)
    with pytest.raises(rt.ArgumentError) as bad:
        rt.Roadmap.from_dataframe(df, id="p", title="P", publisher="Us", published=WRITTEN)
    e = bad.value
    # The core's location for a flat row: its position in `rows`, the column as the field.
    assert (e.code, e.path, e.field) == ("invalid_argument", "rows[1]", "title")
    assert e.message == "rows[1].title holds a lone surrogate (U+DC80) at position 2, which is not text"
