"""The status rules through the binding: every example of docs/status-rules.md (the rule
table, the worked situations, the reader's sentences and the edge cases), run on a
one-commitment roadmap, must give the status, rating, rule and sentence the document
shows, as core/tests/status_rules_doc.rs and bindings-wasm/tests/status.test.mjs check."""

from __future__ import annotations

import json
import pathlib
import re
from typing import Any

import pytest

import roadmap_tracker as rt

DOC = (pathlib.Path(__file__).resolve().parents[2] / "docs" / "status-rules.md").read_text("utf-8")


def table(header: str) -> list[list[str]]:
    """The rows of the markdown table whose header line starts with ``header``."""
    lines = DOC.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[at + 2:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows


def unquote(cell: str) -> str:
    return cell.strip().strip("`")


def example(text: str) -> tuple[rt.Roadmap, dict[str, Any], str]:
    """The roadmap, the rules and the as-of date of a documented example."""
    roadmap: dict[str, Any] = {
        "id": "doc", "title": "Doc", "publisher": "Us", "published": "2026-01-01",
        "sources": [{"id": "src", "title": "A source"}],
        "nodes": [{"id": "s", "kind": "section", "title": "S"}, {"id": "a", "kind": "area", "parent": "s", "title": "A"}],
        "updates": [],
    }
    commitment: dict[str, Any] = {"id": "c", "kind": "commitment", "parent": "a", "title": "C"}
    rules: dict[str, Any] = {}
    as_of = None
    update = re.compile(r'^update (\S+) "([^"]*)"(?: delivered (\S+))?(?: new "([^"]*)" (\d{4}-\d\d-\d\d))?$')
    for clause in unquote(text).split("; "):
        if m := re.match(r'^deadline "([^"]*)" (\d{4}-\d\d-\d\d)$', clause):
            commitment["deadline"] = {"phrase": m[1], "written_on": m[2]}
        elif m := update.match(clause):
            u: dict[str, Any] = {"node": "c", "date": m[1], "status": m[2], "source": "src"}
            if m[3]:
                u["delivered_on"] = m[3]
            if m[4]:
                u["new_deadline"] = {"phrase": m[4], "written_on": m[5]}
            roadmap["updates"].append(u)
        elif clause == "expectation":
            commitment["expectation"] = True
        elif m := re.match(r"^rules (.*)$", clause):
            for setting in filter(None, re.split(r"[ ,]+", m[1])):
                key, value = setting.split("=")
                if key in ("grace_days", "from_grace_days"):
                    rules[key] = int(value)
                elif key == "staleness_days":
                    rules[key] = None if value == "none" else int(value)
                elif key == "vocabularies":
                    rules[key] = value.split("+")
                else:
                    raise ValueError(f"unknown rule option {key}")
        elif m := re.match(r"^as of (\d{4}-\d\d-\d\d)$", clause):
            as_of = m[1]
        else:
            raise ValueError(f"cannot read clause {clause!r}")
    roadmap["nodes"].append(commitment)
    assert as_of, "an example needs an as-of date"
    return rt.Roadmap.from_json(json.dumps(roadmap)), rules, as_of


def run(text: str) -> dict[str, Any]:
    roadmap, rules, as_of = example(text)
    status = roadmap.evaluate(as_of, rules=rules).status("c")
    assert status is not None
    return status


RULES = table("| rule | when |")
SITUATIONS = table("| situation | example |")
SENTENCES = table("| status | example | sentence |")
CASES = table("| case | example |")


def test_the_tables_are_all_there() -> None:
    assert len(RULES) == 27
    assert len(SITUATIONS) >= 8 and len(SENTENCES) >= 10 and len(CASES) >= 30


@pytest.mark.parametrize("row", RULES, ids=[unquote(r[0]) for r in RULES])
def test_every_rule_example_gives_its_rule(row: list[str]) -> None:
    rule, _, status, rag, text = row
    s = run(text)
    assert (s["rule"], s["status"], s["rag"]) == (unquote(rule), unquote(status), rag)
    assert s["reason"].endswith(".")
    assert "evidence_date" in s and "evidence_age_days" in s


@pytest.mark.parametrize("row", SITUATIONS + CASES, ids=[r[0][:60] for r in SITUATIONS + CASES])
def test_every_situation_and_case_gives_its_result(row: list[str]) -> None:
    _, text, status, rag, rule = row
    s = run(text)
    assert (s["status"], s["rag"], s["rule"]) == (unquote(status), rag, unquote(rule))


@pytest.mark.parametrize("row", SENTENCES, ids=[r[1][:60] for r in SENTENCES])
def test_every_readers_sentence_is_the_one_the_core_writes(row: list[str]) -> None:
    status, text, sentence = row
    s = run(text)
    assert (s["status"], s["reason"]) == (unquote(status), sentence)
