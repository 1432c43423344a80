"""The parity test (docs/parity.md): the cases of tests/fixtures/parity.json, called through
the Python package. bindings-wasm/tests/parity.test.mjs runs the same cases through the JS
package; both check the same expected values, so the two bindings agree where both pass.

The table ``CALLS`` maps each canonical (Python) name to the call; everything else is the
checking, which is the same in both runners: a result's key sets (``shape``), its values
(``result`` exactly, ``match`` for the keys given), and an error's class, code, kind,
message, location, problems, phrase and span (in code points here, UTF-16 units in JS).
"""

from __future__ import annotations

import datetime
import json
import math
import pathlib
from typing import Any, Callable

import pytest

import roadmap_tracker as rt

LANG = "python"
FIXTURE = json.loads(
    (pathlib.Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "parity.json").read_text("utf-8")
)
SHAPES = FIXTURE["shapes"]


def roadmap(name: str) -> Any:
    if name == "uk_digital_2026":
        return rt.Roadmap.uk_digital_2026()
    return rt.Roadmap.from_json(json.dumps(FIXTURE["roadmaps"][name], ensure_ascii=False))


def given(a: dict[str, Any], *names: str) -> dict[str, Any]:
    """The keyword arguments among ``names`` that the case gives (omitted stay omitted)."""
    return {n: a[n] for n in names if n in a}


def columns_to_rows(columns: Any) -> list[dict[str, Any]]:
    """``parse_deadlines``' table (a DataFrame, one row per phrase) as JS's list of
    ``{ok, deadline, judgment?}`` / ``{ok: false, error}`` (a deliberate difference)."""
    records = columns.to_dict("records") if hasattr(columns, "to_dict") else [
        dict(zip(columns, row)) for row in zip(*columns.values())
    ]
    deadline_keys = [k for k in SHAPES["deadline"] if k != "phrase"]
    out = []
    for r in records:
        r = {k: (None if v is not None and not isinstance(v, (str, list)) and v != v else v) for k, v in r.items()}
        r = {k: (v.date() if hasattr(v, "to_pydatetime") and v is not None else v) for k, v in r.items()}
        if r.get("error_code") is not None:
            out.append({"ok": False, "error": {"code": r["error_code"], "message": r.get("error_message"),
                                               "span": {"start": r.get("error_start"), "end": r.get("error_end")}}})
            continue
        row: dict[str, Any] = {"ok": True, "deadline": {"phrase": r["phrase"], **{k: r[k] for k in deadline_keys if k in r}}}
        if "state" in r:
            row["judgment"] = {"state": r["state"], "days": r.get("days"), "rule": r.get("judge_rule")}
        out.append(row)
    return out


CALLS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "parse_deadline": lambda a: rt.parse_deadline(a["phrase"], **given(a, "written_on")),
    "Deadline.judge": lambda a: rt.parse_deadline(a["phrase"], a["written_on"]).judge(
        a["as_of"], **given(a, "delivered_on")),
    "parse_edtf": lambda a: rt.parse_edtf(a["edtf"], **given(a, "written_on")),
    "parse_deadlines": lambda a: columns_to_rows(
        rt.parse_deadlines(a["phrases"], a["written_on"], **given(a, "as_of", "delivered_on"))),
    "Roadmap.uk_digital_2026": lambda a: rt.Roadmap.uk_digital_2026(),
    "Roadmap.from_json": lambda a: rt.Roadmap.from_json(a["text"]),
    "Roadmap.to_json": lambda a: roadmap(a["roadmap"]).to_json(),
    "Roadmap.to_csv_tables": lambda a: roadmap(a["roadmap"]).to_csv_tables(),
    "Roadmap.from_csv_tables": lambda a: rt.Roadmap.from_csv_tables(a["tables"]),
    "Roadmap.to_flat_csv": lambda a: roadmap(a["roadmap"]).to_flat_csv(),
    "Roadmap.from_flat_csv": lambda a: rt.Roadmap.from_flat_csv(a["text"], base=roadmap(a["base"])),
    "Roadmap.validate": lambda a: roadmap(a["roadmap"]).validate(),
    "Roadmap.evaluate": lambda a: roadmap(a["roadmap"]).evaluate(a.get("as_of"), **given(a, "rules")),
    "Roadmap.history": lambda a: roadmap(a["roadmap"]).history(
        a.get("start"), a.get("end"), **given(a, "step", "rules")),
    "Roadmap.changes": lambda a: roadmap(a["roadmap"]).changes(a["since"], a.get("as_of"), **given(a, "rules")),
    "Roadmap.report": lambda a: roadmap(a["roadmap"]).report(a.get("as_of"), **given(a, "format", "since", "rules")),
}


# --------------------------------------------------------------------------------------
# Checking (the same as in parity.test.mjs)


def plain(value: Any) -> Any:
    """A result as JSON-like data: dates as ISO strings, the package's objects as their
    dict (a Roadmap as its JSON form)."""
    if isinstance(value, rt.Roadmap):
        return json.loads(value.to_json())
    if isinstance(value, (rt.Deadline, rt.Evaluation)):
        return plain(value.to_dict())
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # NumPy scalars
        return plain(value.item())
    return value


def resolve(expected: Any) -> Any:
    """The expected value for this language: ``{"$lang": {"python": a, "js": b}}`` is a."""
    if isinstance(expected, dict):
        if set(expected) == {"$lang"}:
            return resolve(expected["$lang"][LANG])
        return {k: resolve(v) for k, v in expected.items()}
    if isinstance(expected, list):
        return [resolve(v) for v in expected]
    return expected


def same(actual: Any, expected: Any, where: str, partial: bool) -> list[str]:
    """Where ``actual`` differs from ``expected``: dicts by the expected keys only when
    ``partial``, lists element by element and of the same length, ``{"$approx": x}`` within
    1e-9, everything else equal (True is not 1)."""
    if isinstance(expected, dict) and set(expected) == {"$approx"}:
        ok = isinstance(actual, (int, float)) and not isinstance(actual, bool) and math.isclose(
            actual, expected["$approx"], abs_tol=1e-9)
        return [] if ok else [f"{where}: {actual!r} is not about {expected['$approx']!r}"]
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected an object, got {actual!r}"]
        out = []
        if not partial and set(actual) != set(expected):
            out.append(f"{where}: keys {sorted(actual)} != {sorted(expected)}")
        for k, v in expected.items():
            if k not in actual:
                out.append(f"{where}.{k}: missing")
            else:
                out += same(actual[k], v, f"{where}.{k}", partial)
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{where}: expected a list, got {actual!r}"]
        if len(actual) != len(expected):
            return [f"{where}: {len(actual)} items, expected {len(expected)}: {actual!r}"]
        return [e for i, (a, x) in enumerate(zip(actual, expected)) for e in same(a, x, f"{where}[{i}]", partial)]
    if actual != expected or (type(actual) is bool) != (type(expected) is bool):
        return [f"{where}: {actual!r} != {expected!r}"]
    return []


def shape_errors(actual: Any, shape: Any, where: str) -> list[str]:
    """Where ``actual``'s key sets differ from ``shape``: an object's keys exactly (``?key``
    optional), a list's items each of the one shape given, ``"$name"`` a named shape,
    ``None`` anything."""
    if isinstance(shape, str) and shape.startswith("$"):
        return shape_errors(actual, SHAPES[shape[1:]], where)
    if shape is None:
        return []
    if isinstance(shape, list):
        if not isinstance(actual, list):
            return [f"{where}: expected a list, got {type(actual).__name__}"]
        if not shape:
            return [] if not actual else [f"{where}: expected an empty list"]
        return [e for i, item in enumerate(actual) for e in shape_errors(item, shape[0], f"{where}[{i}]")]
    if not isinstance(actual, dict):
        return [f"{where}: expected an object, got {type(actual).__name__}"]
    required = {k for k in shape if not k.startswith("?")}
    allowed = required | {k[1:] for k in shape if k.startswith("?")}
    out = []
    if missing := required - set(actual):
        out.append(f"{where}: missing keys {sorted(missing)}")
    if extra := set(actual) - allowed:
        out.append(f"{where}: unexpected keys {sorted(extra)}")
    for k, sub in shape.items():
        if k.lstrip("?") in actual:
            out += shape_errors(actual[k.lstrip("?")], sub, f"{where}.{k.lstrip('?')}")
    return out


LOCATION = ("file", "line", "column", "path", "field")


def error_fields(e: BaseException) -> dict[str, Any]:
    """The fields of an error that must agree, and checks of the flat copies."""
    fields: dict[str, Any] = {"class": type(e).__name__}
    if not isinstance(e, rt.RoadmapError):
        return fields
    for name in ("code", "kind", "message", "location", "problems", "phrase", "span"):
        value = getattr(e, name, None)
        if value is not None or name in ("location", "problems", "code", "kind", "message"):
            fields[name] = plain(value)
    return fields


def flat_copies(e: BaseException) -> list[str]:
    """The flat fields (``e.path``, ``e.start``) must equal the nested ones."""
    out = []
    location = getattr(e, "location", None) or {}
    for k in LOCATION:
        if getattr(e, k, None) != location.get(k):
            out.append(f"error.{k} = {getattr(e, k, None)!r} but location.{k} = {location.get(k)!r}")
    span = getattr(e, "span", None)
    if span is not None:
        for k in ("start", "end"):
            if getattr(e, k, None) != span.get(k):
                out.append(f"error.{k} = {getattr(e, k, None)!r} but span.{k} = {span.get(k)!r}")
    return out


def run_case(case: dict[str, Any]) -> list[str]:
    call = CALLS[case["call"]]
    if "error" in case:
        expected = resolve(case["error"])
        try:
            value = call(case["args"])
        except Exception as e:  # noqa: BLE001 - the class is what is checked
            problems = same(error_fields(e), expected, "error", partial=True) + flat_copies(e)
            if isinstance(e, rt.RoadmapError):
                problems += shape_errors(plain(getattr(e, "location", None)), SHAPES["problem"]["location"], "error.location")
                problems += shape_errors(plain(getattr(e, "problems", None)), ["$problem"], "error.problems")
            return problems
        return [f"expected {expected.get('class')}, got a result: {plain(value)!r}"]
    value = plain(call(case["args"]))
    if case.get("parse") == "json":
        value = json.loads(value)
    out = []
    if "shape" in case:
        out += shape_errors(value, case["shape"], "result")
    if "result" in case:
        out += same(value, resolve(case["result"]), "result", partial=False)
    if "match" in case:
        out += same(value, resolve(case["match"]), "result", partial=True)
    for key, test in (("startswith", str.startswith), ("endswith", str.endswith)):
        if key in case and not (isinstance(value, str) and test(value, case[key])):
            out.append(f"result does not {key} {case[key]!r}: {value!r}")
    for part in case.get("contains", []):
        if not (isinstance(value, str) and part in value):
            out.append(f"result does not contain {part!r}: {value!r}")
    return out


@pytest.mark.parametrize("case", FIXTURE["cases"], ids=[c["id"] for c in FIXTURE["cases"]])
def test_parity(case: dict[str, Any]) -> None:
    if case.get("only", LANG) != LANG:
        pytest.skip(f"{case['call']} is {case['only']}-only (docs/parity.md)")
    assert case["call"] in CALLS, f"no Python call for {case['call']}"
    problems = run_case(case)
    assert not problems, "\n".join(problems)


def test_every_call_is_covered() -> None:
    """Every call of the table has a case, and every case's call is in the table."""
    called = {c["call"] for c in FIXTURE["cases"] if c.get("only", LANG) == LANG}
    assert called == set(CALLS)
