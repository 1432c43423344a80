"""Not a test module: checked by `mypy --strict` in ci.sh, so the stubs type real use."""

from __future__ import annotations

import datetime as dt
from typing import Any

import roadmap_tracker as rt


def use_the_api() -> list[Any]:
    d: rt.Deadline = rt.parse_deadline("by March 2028", written_on=dt.date(2026, 1, 19))
    latest: dt.date | None = d.latest
    kind: str = d.kind
    judged: dict[str, Any] = d.judge("2026-06-04", delivered_on=None)
    roadmap = rt.Roadmap.uk_digital_2026()
    evaluation: rt.Evaluation = roadmap.evaluate("2026-11-24", rules={"grace_days": 14})
    status = evaluation.status("digital-sourcing-strategy")
    text: str = roadmap.report(dt.date(2026, 11, 24), format="markdown")
    try:
        rt.Roadmap.load("missing.json")
    except rt.RoadmapOSError as e:
        errno: int | None = e.errno
        code: str | None = e.code
        return [errno, code]
    except rt.DeadlineError as e:
        start: int | None = e.start
        return [start]
    columns = rt.parse_deadlines(["summer 2026"], written_on="2026-01-19", as_of="2026-06-04")
    sheet: rt.Sheet = rt.Sheet.from_text(
        "Project;DCA\nRail;Amber\n",
        {"project": "Project", "rating": {"headers": ["DCA"], "kind": "rating", "vocabulary": "gmpp-5"}},
        delimiter=";",
        two_digit_year_pivot=69,
    )
    problems: list[dict[str, Any]] = sheet.problems
    frame: Any = sheet.to_dataframe("problems")
    gmpp = rt.Sheet.load("gmpp-2019.csv", preset="gmpp", vocabulary="gmpp-5")
    reading: dict[str, Any] = rt.read_label("gmpp-5", "amber/red")
    translated: dict[str, Any] = rt.translate_label("Amber/Red", "gmpp-5", "gmpp-3")
    scored: dict[str, Any] = rt.evaluate_indicator(
        {"id": "i", "target": {"type": "minimum", "value": 80}, "target_date": dt.date(2026, 3, 31)},
        "2026-06-01",
        profile="within-10-percent",
    )
    return [latest, kind, judged, status, text, columns, problems, frame, gmpp, reading, translated, scored]
