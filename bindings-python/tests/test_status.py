"""Derived status, scores, history, changes and the report, through the binding, on the
bundled UK roadmap as of the dates the core's own tests use."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import roadmap_tracker as rt

PUBLISHED = dt.date(2026, 1, 19)
ARTICLE = dt.date(2026, 6, 4)
LATER = dt.date(2026, 11, 24)


def test_evaluation_basics(uk: rt.Roadmap) -> None:
    e = uk.evaluate(ARTICLE)
    assert isinstance(e, rt.Evaluation)
    assert e.as_of == ARTICLE
    assert e.roadmap == uk
    assert len(e) == len(e.commitments) == 52  # 48 commitments and 4 milestones
    assert [c["node"] for c in e] == [c["node"] for c in e.commitments]
    first = e.commitments[0]
    assert set(first) >= {"node", "kind", "status", "rag", "deadline_state", "rule", "reason"}
    assert e.scores[0]["kind"] == "roadmap" and e.scores[0]["node"] is None
    assert e.score() == e.scores[0]
    assert e.score("no-such-node") is None
    assert e.status("no-such-node") is None
    assert isinstance(e.metrics, list)
    # The reprs of the roadmap and the evaluation count commitments and milestones alike.
    counts = {k: sum(1 for n in uk.nodes if n["kind"] == k) for k in ("commitment", "milestone")}
    assert repr(e).startswith(
        f"Evaluation(as_of=2026-06-04, commitments={counts['commitment']}, milestones={counts['milestone']}, score="
    )
    assert f"commitments={counts['commitment']}, milestones={counts['milestone']}," in repr(uk)
    assert e == uk.evaluate("2026-06-04")
    assert e != uk.evaluate(LATER)
    data = e.to_dict()
    assert data["as_of"] == ARTICLE and len(data["commitments"]) == 52


@pytest.mark.parametrize(
    ("node", "as_of", "status"),
    [
        ("supplier-information-service", ARTICLE, "met_on_time"),
        ("digital-sourcing-strategy", LATER, "delayed"),
        ("central-local-leadership", LATER, "overdue_unconfirmed"),
        ("responsible-ai-procurement-guidance", ARTICLE, "replanned"),
        ("senior-digital-assessment", dt.date(2026, 6, 15), "behind"),
        ("customerfirst-priority-services", LATER, "not_yet_due"),
    ],
)
def test_known_statuses(uk: rt.Roadmap, node: str, as_of: dt.date, status: str) -> None:
    s = uk.evaluate(as_of).status(node)
    assert s is not None
    assert s["status"] == status
    assert s["rag"] in {"green", "amber", "red", "grey"}
    assert s["reason"]
    assert "evidence_date" in s and "evidence_age_days" in s


def test_dates_in_results_are_dates(uk: rt.Roadmap) -> None:
    s = uk.evaluate(ARTICLE).status("supplier-information-service")
    assert s is not None
    assert isinstance(s["update_date"], dt.date)


def test_rules(uk: rt.Roadmap) -> None:
    default = uk.evaluate(LATER)
    same = uk.evaluate(LATER, rules={})
    assert default == same
    assert uk.evaluate(LATER, rules='{"grace_days": 0}') == default
    relaxed = uk.evaluate(LATER, rules={"grace_days": 400, "staleness_days": None})
    # 400 days of grace after 31 August: still due now in November.
    assert relaxed.status("central-local-leadership")["status"] == "due_now"  # type: ignore[index]
    with pytest.raises(rt.ArgumentError) as info:
        uk.evaluate(LATER, rules={"grace": 3})
    assert info.value.code == "invalid_argument"
    with pytest.raises(TypeError):
        uk.evaluate(LATER, rules=3)  # type: ignore[arg-type]


def test_unknown_label_makes_its_node_unreadable(uk: rt.Roadmap) -> None:
    data = json.loads(uk.to_json())
    data["updates"][0]["status"] = "sort of done"
    node = data["updates"][0]["node"]
    roadmap = rt.Roadmap.from_json(json.dumps(data))
    e = roadmap.evaluate(LATER)  # the rest of the roadmap still evaluates
    s = e.status(node)
    assert s is not None and s["status"] == "unreadable" and s["rag"] == "grey"
    assert s["error"]["code"] == "unknown_label" and s["error"]["kind"] == "vocabulary"
    assert "sort of done" in s["error"]["message"] and node in s["error"]["message"]
    others = [c for c in e.commitments if c["node"] != node]
    assert all(c["status"] != "unreadable" for c in others)


def test_validate_reads_labels_with_the_rules_given(uk: rt.Roadmap) -> None:
    # "Promise kept" is a PolitiFact label: unknown to the default rules, so validate()
    # lists it; under rules with that vocabulary it is read, and nothing is listed.
    data = json.loads(uk.to_json())
    data["updates"] = [dict(data["updates"][0], status="Promise kept")]
    roadmap = rt.Roadmap.from_json(json.dumps(data))
    with pytest.raises(rt.ValidationError) as info:
        roadmap.validate()
    assert [p["code"] for p in info.value.problems] == ["unknown_label"]
    assert roadmap.validate(rules={"vocabularies": ["roadmap-tracker", "politifact"]}) is None


def test_bad_deadline_makes_its_node_unreadable(uk: rt.Roadmap) -> None:
    data = json.loads(uk.to_json())
    index, node = next((i, n) for i, n in enumerate(data["nodes"]) if n.get("deadline"))
    node["deadline"]["phrase"] = "31 February 2026"
    roadmap = rt.Roadmap.from_json(json.dumps(data))
    s = roadmap.evaluate(LATER).status(node["id"])
    assert s is not None and s["status"] == "unreadable"
    error = s["error"]
    assert error["kind"] == "deadline" and error["code"] == "impossible_date"
    assert error["phrase"] == "31 February 2026"
    assert error["location"]["path"] == f"nodes[{index}].deadline"
    assert error["location"]["field"] == "phrase"


# "by Été 2026": "Été" is refused. Before it, "by " is 3 bytes and 3 code points; "Été"
# is 5 bytes (É and é are two each) and 3 code points. The core's span (3, 8) in bytes is
# (3, 6) in code points, so that phrase[start:end] is the word.
UNREADABLE = """{"id": "plan", "title": "Plan", "publisher": "Us", "published": "2026-01-19",
  "nodes": [
    {"id": "s", "kind": "section", "title": "S"},
    {"id": "a", "kind": "area", "parent": "s", "title": "A"},
    {"id": "kiosk", "kind": "commitment", "parent": "a", "title": "Kiosk",
     "deadline": {"phrase": "by Été 2026", "written_on": "2026-01-19"}},
    {"id": "app", "kind": "commitment", "parent": "a", "title": "App"}
  ],
  "updates": [{"node": "app", "date": "2026-04-02", "status": "sort of done"}]}"""


def test_spans_in_unreadable_statuses_are_code_points() -> None:
    roadmap = rt.Roadmap.from_json(UNREADABLE)  # it loads
    e = roadmap.evaluate("2026-06-01")
    error = e.status("kiosk")["error"]  # type: ignore[index]
    assert error["phrase"] == "by Été 2026"
    assert error["span"] == {"start": 3, "end": 6}
    assert error["phrase"][3:6] == "Été"
    assert error["problems"][0]["span"] == {"start": 3, "end": 6}
    assert e.to_dict()["commitments"][0]["error"]["span"] == {"start": 3, "end": 6}
    assert next(iter(e))["error"]["span"] == {"start": 3, "end": 6}
    report = roadmap.report("2026-06-01", format="dict")
    kiosk = report["sections"][0]["children"][0]["children"][0]
    assert kiosk["status"]["error"]["span"] == {"start": 3, "end": 6}
    # The statuses table's flattened span too.
    rows = e.to_dataframe("statuses")
    if not isinstance(rows, list):
        rows = rows.to_dict("records")
    assert (rows[0]["error_span_start"], rows[0]["error_span_end"]) == (3, 6)


def test_validate_lists_what_cannot_be_read() -> None:
    roadmap = rt.Roadmap.from_json(UNREADABLE)
    with pytest.raises(rt.ValidationError) as info:
        roadmap.validate()
    problems = info.value.problems  # type: ignore[attr-defined]
    assert [(p["code"], p["location"]["path"], p["location"]["field"]) for p in problems] == [
        ("unrecognised_word", "nodes[2].deadline", "phrase"),
        ("unknown_label", "updates[0]", "status"),
    ]
    assert problems[0]["message"] == 'the deadline of "kiosk": unrecognised word "Été"'
    assert problems[0]["span"] == {"start": 3, "end": 6}
    assert (info.value.start, info.value.end) == (3, 6)  # type: ignore[attr-defined]
    assert problems[1]["message"].startswith('the update on "app": unknown status label "sort of done"')


def test_history(uk: rt.Roadmap) -> None:
    h = uk.history(PUBLISHED, LATER, step="monthly")
    assert h["from"] == PUBLISHED and h["to"] == LATER and h["step"] == "monthly"
    assert h["dates"][0] == PUBLISHED and all(isinstance(d, dt.date) for d in h["dates"])
    timeline = next(t for t in h["commitments"] if t["node"] == "central-local-leadership")
    assert timeline["runs"][-1]["status"] == "overdue_unconfirmed"
    roadmap_series = h["scores"][0]
    assert roadmap_series["node"] is None
    assert len(roadmap_series["points"]) == len(h["dates"])
    assert uk.history(PUBLISHED, dt.date(2026, 2, 1), step="daily")["dates"][-1] == dt.date(2026, 2, 1)
    with pytest.raises(rt.ArgumentError) as bad_step:  # an unknown name, at its parameter
        uk.history(PUBLISHED, LATER, step="hourly")  # type: ignore[arg-type]
    assert bad_step.value.code == "invalid_argument" and "daily" in str(bad_step.value)
    assert bad_step.value.path == "step"
    with pytest.raises(rt.ArgumentError) as info:
        uk.history(LATER, PUBLISHED)
    assert info.value.code == "invalid_argument"


def test_changes(uk: rt.Roadmap) -> None:
    changes = uk.changes(ARTICLE, LATER)
    leadership = next(c for c in changes if c["node"] == "central-local-leadership")
    assert (leadership["from"], leadership["to"]) == ("due_now", "overdue_unconfirmed")
    assert leadership["updates"] == []
    assert uk.changes(since=ARTICLE, as_of=ARTICLE) == []


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csv"])
def test_report_formats(uk: rt.Roadmap, fmt: str) -> None:
    text = uk.report(LATER, format=fmt)  # type: ignore[arg-type]
    assert isinstance(text, str) and text
    if fmt == "text":
        assert "as of 24 November 2026" in text
    if fmt == "json":
        data = json.loads(text)
        assert data["as_of"] == "2026-11-24"
        assert len(data["sections"]) == 6
        as_dict = uk.report(LATER, format="dict")
        assert as_dict["as_of"] == LATER
        assert [s["id"] for s in as_dict["sections"]] == [s["id"] for s in data["sections"]]


def test_report_since(uk: rt.Roadmap) -> None:
    data = uk.report(LATER, format="dict", since=ARTICLE)
    assert data["since"] == ARTICLE
    assert any(c["node"] == "central-local-leadership" for c in data["changes"])
    with pytest.raises(rt.ArgumentError) as bad_format:  # an unknown name, at its parameter
        uk.report(LATER, format="yaml")  # type: ignore[arg-type]
    assert bad_format.value.code == "invalid_argument" and bad_format.value.path == "format"


def test_as_of_defaults_to_today(uk: rt.Roadmap) -> None:
    assert uk.evaluate().as_of == dt.date.today()


def test_repr_html(uk: rt.Roadmap) -> None:
    html = uk._repr_html_()
    assert "<table" in html and uk.title in html
    ev_html = uk.evaluate(LATER)._repr_html_()
    assert "2026-11-24" in ev_html
    assert "#c62828" in ev_html  # a red dot for a delayed or overdue commitment
    assert "Digital Sourcing Strategy" in ev_html or "digital-sourcing-strategy" in ev_html
