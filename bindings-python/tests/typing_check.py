"""Not a test module: checked by `mypy --strict` in ci.sh, so the stubs type real use: the
records are TypedDicts, the tables DataFrames, and a date argument takes what the runtime
takes (tests/test_typing.py runs the same forms)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

import roadmap_tracker as rt

if TYPE_CHECKING:
    from roadmap_tracker.records import DateLike, Judgment, Reading, SheetProblem, Status, Translation


def use_the_api() -> list[Any]:
    d: rt.Deadline = rt.parse_deadline("by March 2028", written_on=dt.date(2026, 1, 19))
    latest: dt.date | None = d.latest
    kind: str = d.kind
    judged: Judgment = d.judge("2026-06-04", delivered_on=None)
    state: str = judged["state"]
    days: int | None = judged["days"]
    due_from: dt.date | None = d.to_dict()["due_from"]
    # Every form of date the runtime takes.
    dates: list[DateLike] = ["2026-06-04", dt.date(2026, 6, 4), dt.datetime(2026, 6, 4, 9, 30),
                             pd.Timestamp("2026-06-04"), np.datetime64("2026-06-04")]
    roadmap = rt.Roadmap.uk_digital_2026()
    evaluation: rt.Evaluation = roadmap.evaluate(dates[3], rules={"grace_days": 14})
    status: Status | None = evaluation.status("digital-sourcing-strategy")
    reason: str = status["reason"] if status is not None else ""
    first: Status = evaluation.commitments[0]
    score = evaluation.score()
    headline: int = score["headline"]["due"] if score is not None else 0
    statuses: pd.DataFrame = evaluation.to_dataframe("statuses")
    history: pd.DataFrame = roadmap.to_dataframe("history", dates[4], start=dates[1], step="weekly")
    text: str = roadmap.report(dt.date(2026, 11, 24), format="markdown")
    rows: list[dict[str, Any]] = roadmap.report(dates[2], format="rows")
    changed: str = roadmap.changes(since="2026-01-19")[0]["from"]
    window: dt.date = roadmap.history()["dates"][0]
    try:
        rt.Roadmap.load("missing.json")
    except rt.RoadmapOSError as e:
        errno: int | None = e.errno
        code: str | None = e.code
        return [errno, code]
    except rt.DeadlineError as e:
        start: int | None = e.start
        at: str | None = e.problems[0]["location"]["path"] if e.problems else None
        return [start, at]
    columns: pd.DataFrame = rt.parse_deadlines(["summer 2026"], written_on="2026-01-19", as_of="2026-06-04")
    sheet: rt.Sheet = rt.Sheet.from_text(
        "Project;DCA\nRail;Amber\n",
        {"project": "Project", "rating": {"headers": ["DCA"], "kind": "rating", "vocabulary": "gmpp-5"}},
        delimiter=";",
        two_digit_year_pivot=69,
    )
    problems: list[SheetProblem] = sheet.problems
    frame: pd.DataFrame = sheet.to_dataframe("problems")
    gmpp = rt.Sheet.load("gmpp-2019.csv", preset="gmpp", vocabulary="gmpp-5")
    reading: Reading = rt.read_label("gmpp-5", "amber/red")
    translated: Translation = rt.translate_label("Amber/Red", "gmpp-5", "gmpp-3")
    scored: dict[str, Any] = rt.evaluate_indicator(
        {"id": "i", "target": {"type": "minimum", "value": 80}, "target_date": dt.date(2026, 3, 31)},
        "2026-06-01",
        profile="within-10-percent",
    )
    return [latest, kind, state, days, due_from, reason, first, headline, statuses, history, text, rows, changed,
            window, columns, problems, frame, gmpp, reading, translated, scored]
