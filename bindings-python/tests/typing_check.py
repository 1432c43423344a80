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
    return [latest, kind, judged, status, text, columns]
