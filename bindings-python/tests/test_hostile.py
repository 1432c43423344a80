"""The hostile-input corpus (tests/fixtures/hostile/cases.jsonl), the same cases and
expectations as the Rust and JS tests: every case gives its error code or its safe output,
and nothing raises anything but a RoadmapError (never a PanicException)."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest

import roadmap_tracker as rt

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures"
CASES = [json.loads(line) for line in (FIXTURES / "hostile" / "cases.jsonl").read_text().splitlines() if line.strip()]
MINIMAL_JSON = (FIXTURES / "minimal" / "roadmap.json").read_text()


def _text(case: dict[str, Any], key: str) -> str:
    repeat = case.get("repeat")
    if repeat:
        return str(repeat["text"]) * int(repeat["times"])
    return str(case[key])


def _check_deadline(call: Any, expect: dict[str, Any]) -> None:
    if "error" in expect:
        with pytest.raises(rt.DeadlineError) as info:
            call()
        assert info.value.code == expect["error"]
        if "start" in expect:
            # The shared cases give byte offsets; Python positions are code points.
            text = info.value.phrase
            points = [len(text.encode()[:b].decode(errors="ignore")) for b in (expect["start"], expect["end"])]
            assert [info.value.start, info.value.end] == points
        return
    d = call()
    day = lambda s: None if s is None else dt.date.fromisoformat(s)  # noqa: E731
    assert (d.earliest, d.latest) == (day(expect["earliest"]), day(expect["latest"]))


def _check_roadmap(call: Any, expect: dict[str, Any]) -> None:
    if "error" in expect:
        with pytest.raises(rt.RoadmapError) as info:
            call()
        codes = {info.value.code} | {p["code"] for p in info.value.problems}
        assert expect["error"] in codes
        return
    assert len(call().nodes) == expect["nodes"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_hostile_case(case: dict[str, Any]) -> None:
    expect = case["expect"]
    target = case["target"]
    if target == "deadline":
        _check_deadline(lambda: rt.parse_deadline(_text(case, "phrase"), written_on=case["written_on"]), expect)
    elif target == "edtf":
        _check_deadline(lambda: rt.parse_edtf(_text(case, "edtf"), written_on=case["written_on"]), expect)
    elif target == "json":
        data = base64.b64decode(case["bytes_b64"])
        _check_roadmap(lambda: rt.Roadmap.from_json(data), expect)
    elif target == "nodes_csv":
        tables: dict[str, str | bytes] = {
            name: (FIXTURES / "minimal" / name).read_text() for name in ("roadmap.csv", "sources.csv", "updates.csv")
        }
        tables["nodes.csv"] = base64.b64decode(case["bytes_b64"])
        _check_roadmap(lambda: rt.Roadmap.from_csv_tables(tables), expect)
    elif target == "flat_csv":
        base = rt.Roadmap.from_json(MINIMAL_JSON)
        sheet = base64.b64decode(case["bytes_b64"]).decode()
        _check_roadmap(lambda: rt.Roadmap.from_flat_csv(sheet, base=base), expect)
    elif target == "csv_export":
        doc = json.loads(MINIMAL_JSON)
        doc["nodes"][1]["title"] = case["value"]
        roadmap = rt.Roadmap.from_json(json.dumps(doc))
        written = roadmap.to_csv_tables()
        rows = list(csv.reader(io.StringIO(written["nodes"], newline="")))
        assert rows[2][3] == expect["cell"]
        back = rt.Roadmap.from_csv_tables(written)
        assert back.nodes[1]["title"] == case["value"]
    elif target == "sheet":
        text = base64.b64decode(case["bytes_b64"]).decode()
        written = rt.Sheet.from_text(text).to_csv()
        assert written == expect["csv"]
        assert rt.Sheet.from_text(written).to_csv() == written
    else:  # pragma: no cover - a new target needs a runner here
        pytest.fail(f"unknown target {target}")


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 100
