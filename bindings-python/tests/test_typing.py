"""Typed returns that stay true: the TypedDicts of ``roadmap_tracker/records.pyi`` have the
keys of the records the library returns; ``DateLike`` names every form a date argument
takes at run time; the stub's docstrings (what an editor shows on hover) are the native
module's own. ``mypy --strict`` (ci.sh) checks ``typing_check.py`` and the package, and
stubtest checks the stub's signatures against the compiled module."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
from pathlib import Path
from typing import Any, Iterable

import pytest

import roadmap_tracker as rt
from roadmap_tracker import _native

PACKAGE = Path(rt.__file__).resolve().parent
FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures"


def typed_dicts() -> dict[str, tuple[set[str], set[str], dict[str, str]]]:
    """Each TypedDict of records.pyi: its required keys, its optional keys, and each key's
    annotation as written."""
    out = {}
    for node in ast.parse((PACKAGE / "records.pyi").read_text("utf-8")).body:
        fields: dict[str, ast.expr] = {}
        if isinstance(node, ast.ClassDef) and any(getattr(b, "id", "") == "TypedDict" for b in node.bases):
            name = node.name
            fields = {s.target.id: s.annotation for s in node.body
                      if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)}
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call) and \
                getattr(node.value.func, "id", "") == "TypedDict":
            name = node.targets[0].id  # type: ignore[attr-defined]
            spec = node.value.args[1]
            assert isinstance(spec, ast.Dict)
            fields = {k.value: v for k, v in zip(spec.keys, spec.values) if isinstance(k, ast.Constant)}
        else:
            continue
        text = {k: ast.unparse(v) for k, v in fields.items()}
        optional = {k for k, v in text.items() if v.startswith("NotRequired[")}
        out[name] = (set(fields) - optional, optional, text)
    return out


TYPED = typed_dicts()
CHECKED: set[str] = set()


def check(name: str, records: Iterable[Any]) -> None:
    """Every record has the TypedDict's required keys and no key it does not name; a field
    typed as another TypedDict (alone, in a list or optional) is checked in turn."""
    required, optional, text = TYPED[name]
    records = list(records)
    assert records, f"no {name} record to check"
    CHECKED.add(name)
    for record in records:
        assert isinstance(record, dict)
        assert required <= set(record), f"{name} lacks {sorted(required - set(record))}"
        assert set(record) <= required | optional, f"{name} has {sorted(set(record) - required - optional)}"
        for key, annotation in text.items():
            inner = annotation.removeprefix("NotRequired[").removesuffix("]").removesuffix(" | None")
            many = inner.startswith("list[")
            inner = inner.removeprefix("list[").removesuffix("]")
            value = record.get(key)
            if inner in TYPED and value is not None:
                check(inner, value if many else [value])


@pytest.fixture(scope="module")
def roadmaps() -> list[rt.Roadmap]:
    article = rt.Roadmap.from_json((FIXTURES / "uk-digital-2026-article.json").read_text("utf-8"))
    return [rt.Roadmap.uk_digital_2026(), article]


def test_the_records_have_the_keys_their_typed_dicts_name(roadmaps: list[rt.Roadmap]) -> None:
    uk, article = roadmaps
    evaluations = [r.evaluate(day) for r in roadmaps for day in ("2026-01-19", "2026-06-04", "2027-06-01")]
    check("Status", [c for e in evaluations for c in e.commitments])
    check("Score", [s for e in evaluations for s in e.scores])
    check("MetricResult", [m for e in evaluations for m in e.metrics])
    check("Node", [n for r in roadmaps for n in r.nodes])
    check("Source", uk.sources)
    check("Update", [u for r in roadmaps for u in r.updates])
    check("Change", uk.changes("2026-01-19", "2026-11-24"))
    check("History", [uk.history("2026-01-19", "2026-06-04")])
    d = rt.parse_deadline("by March 2027", "2026-01-19")
    check("Judgment", [d.judge("2026-06-04"), d.judge("2027-06-01", "2027-03-02")])
    check("DeadlineDict", [d.to_dict(), rt.parse_deadline("from April", "2026-01-19").to_dict()])
    check("Found", rt.find_deadlines("It launched in March 2025 and closes by the end of 2027.", "2026-01-19"))
    with pytest.raises(rt.DeadlineError) as refused:
        rt.parse_deadline("by Marchh 2026", "2026-01-19")
    check("Problem", refused.value.problems or [])
    with pytest.raises(rt.FormatError) as bad:
        rt.Roadmap.from_json('{"id": 3}')
    check("Problem", bad.value.problems or [])
    sheet = rt.Sheet.load(FIXTURES / "gmpp" / "gmpp-2020.csv", preset="gmpp")
    check("SheetProblem", sheet.problems)
    check("SheetColumn", sheet.columns)
    check("Reading", [rt.read_label("gmpp-5", "Amber"), rt.read_label("gmpp-5", "exempt under FOI")])
    check("Translation", [rt.translate_label("Amber/Red", "gmpp-5", "gmpp-3")])
    check("Vocabulary", rt.tracker_vocabularies())
    check("RagProfile", rt.rag_profiles())
    # An unreadable node's status carries its error.
    bad_phrase = rt.Roadmap.from_json(
        '{"id": "p", "title": "P", "publisher": "Us", "published": "2026-01-19", "nodes": ['
        '{"id": "s", "kind": "section", "title": "S"}, {"id": "a", "kind": "area", "parent": "s", "title": "A"},'
        '{"id": "c", "kind": "commitment", "parent": "a", "title": "C",'
        ' "deadline": {"phrase": "by Marchh", "written_on": "2026-01-19"}}]}'
    )
    check("ErrorRecord", [c["error"] for c in bad_phrase.evaluate("2026-06-04").commitments if c["error"]])
    assert CHECKED == set(TYPED), f"not checked: {sorted(set(TYPED) - CHECKED)}"


DATES = ["2026-06-04", dt.date(2026, 6, 4), dt.datetime(2026, 6, 4, 9, 30)]


@pytest.mark.parametrize("when", DATES + ["pd.Timestamp", "np.datetime64"], ids=str)
def test_every_date_like_form_is_a_date(when: Any) -> None:
    # records.DateLike: a date (a datetime or a pandas Timestamp is one), ISO text, datetime64.
    if when == "pd.Timestamp":
        when = pytest.importorskip("pandas").Timestamp("2026-06-04 09:30")
    elif when == "np.datetime64":
        when = pytest.importorskip("numpy").datetime64("2026-06-04")
    assert rt.Roadmap.uk_digital_2026().evaluate(when).as_of == dt.date(2026, 6, 4)
    assert rt.parse_deadline("later this year", written_on=when).latest == dt.date(2026, 12, 31)


def stub_items() -> list[tuple[str, Any, str | None]]:
    """Every public item of _native.pyi (classes, functions, methods, properties; not the
    private ones, nor dunders other than the classes' own), its runtime object and the
    stub's docstring."""
    out = []

    def visit(body: list[ast.stmt], owner: Any, prefix: str) -> None:
        for node in body:
            if not isinstance(node, (ast.ClassDef, ast.FunctionDef)) or node.name.startswith("_"):
                continue
            runtime = getattr(owner, node.name) if owner is _native else owner.__dict__[node.name]
            out.append((prefix + node.name, runtime, ast.get_docstring(node)))
            if isinstance(node, ast.ClassDef):
                visit(node.body, runtime, f"{prefix}{node.name}.")

    visit(ast.parse((PACKAGE / "_native.pyi").read_text("utf-8")).body, _native, "")
    return out


ITEMS = stub_items()


@pytest.mark.parametrize("name, runtime, stub_doc", ITEMS, ids=[i[0] for i in ITEMS])
def test_the_stub_shows_the_native_docstring(name: str, runtime: Any, stub_doc: str | None) -> None:
    # An editor shows the stub's docstring: it must be there, and be the module's own.
    assert stub_doc, f"{name} has no docstring in _native.pyi"
    assert runtime.__doc__, f"{name} has no docstring at run time"
    assert inspect.cleandoc(stub_doc) == inspect.cleandoc(runtime.__doc__)


def test_the_stub_covers_the_module() -> None:
    assert len(ITEMS) >= 100
    assert {"parse_deadline", "Roadmap.evaluate", "Evaluation.commitments", "Sheet.problems"} <= {i[0] for i in ITEMS}
