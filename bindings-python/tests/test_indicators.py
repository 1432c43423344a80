"""Indicator targets from Python. Expected values are worked out by hand from the rules in
docs/indicators.md (several are examples of its table)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import roadmap_tracker as rt

D = dt.date


def indicator(target: dict[str, Any], date: Any, results: list[tuple[Any, float | None]], **more: Any) -> dict[str, Any]:
    return {
        "id": "i",
        "target": target,
        "target_date": date,
        "results": [{"date": d, "value": v} for d, v in results],
        **more,
    }


TAKE_UP = indicator(
    {"type": "minimum", "value": 80},
    {"phrase": "by March 2026", "written_on": D(2025, 4, 1)},
    [(D(2025, 9, 30), 70), (D(2026, 3, 31), 76)],
    baseline=60,
    unit="%",
)


def test_a_minimum_not_met_within_ten_percent() -> None:
    e = rt.evaluate_indicator(TAKE_UP, D(2026, 6, 1), profile="within-10-percent")
    assert e["status"] == "not_met"
    assert e["target_date"] == D(2026, 3, 31)  # the last day of "by March 2026"
    assert e["judged"] == {"index": 1, "date": D(2026, 3, 31), "value": 76.0}
    assert e["progress"] == pytest.approx(0.8)  # 16 of the 20 points from 60 to 80
    assert e["direction"] == "higher_is_better"
    assert e["trend"] == "improving"  # 70 then 76
    assert e["rag"] == "amber"  # 4 short, within 8 (10% of 80)
    assert e["profile"] == "within-10-percent"
    # Under the plain target profile, not met is red.
    assert rt.evaluate_indicator(TAKE_UP, "2026-06-01")["rag"] == "red"


def test_before_the_target_date_the_status_is_future() -> None:
    e = rt.evaluate_indicator(TAKE_UP, D(2026, 3, 31))
    assert e["status"] == "future"
    assert e["judged"] is None
    assert e["latest"]["value"] == 76.0


def test_missing_data_is_never_zero() -> None:
    wait = indicator({"type": "maximum", "value": 18}, "2026-03-31", [(D(2026, 3, 31), None)], baseline=24)
    e = rt.evaluate_indicator(wait, D(2026, 6, 1))
    assert (e["status"], e["missing"], e["latest"], e["progress"], e["rag"]) == (
        "not_available",
        1,
        None,
        None,
        "grey",
    )
    # A value left out is missing too.
    del wait["results"][0]["value"]
    assert rt.evaluate_indicator(wait, D(2026, 6, 1))["status"] == "not_available"


def test_a_range_from_above() -> None:
    band = indicator(
        {"type": "range", "low": 40, "high": 60},
        "2026-12-31",
        [(D(2026, 6, 30), 66), (D(2026, 12, 31), 63)],
        baseline=70,
    )
    e = rt.evaluate_indicator(band, D(2027, 1, 1), profile="within-10-percent")
    assert e["status"] == "not_met"
    assert e["progress"] == pytest.approx(0.7)  # 7 of the 10 points from 70 down to 60
    assert e["direction"] == "lower_is_better"
    assert e["trend"] == "improving"
    assert e["rag"] == "amber"  # 3 above 60, within 6


def test_the_gov_uk_great_service_marks() -> None:
    take_up = indicator({"type": "minimum", "value": 70}, "2026-12-31", [(D(2026, 12, 31), 79)])
    e = rt.evaluate_indicator(take_up, D(2027, 1, 1), profile="gov-uk-digital-take-up")
    # 79 meets the indicator's own minimum of 70, but is not above the mark of 79.
    assert (e["status"], e["rag"]) == ("met", "red")
    completion = indicator({"type": "minimum", "value": 85}, "2026-12-31", [(D(2026, 12, 31), 81)])
    e = rt.evaluate_indicator(completion, D(2027, 1, 1), profile="gov-uk-completion-rate")
    assert (e["status"], e["rag"]) == ("not_met", "green")
    ids = [p["id"] for p in rt.rag_profiles()]
    assert ids == [
        "target",
        "within-10-percent",
        "gov-uk-digital-take-up",
        "gov-uk-completion-rate",
        "gov-uk-user-satisfaction",
    ]
    satisfaction = rt.rag_profiles()[4]
    assert satisfaction["mark"] == {"type": "minimum", "value": 78.0, "exclusive": True}


def test_a_custom_profile() -> None:
    profile = {"id": "mine", "mark": {"type": "minimum", "value": 90}, "amber_within": 0.05}
    i = indicator({"type": "minimum", "value": 80}, "2026-12-31", [(D(2026, 12, 31), 86)])
    e = rt.evaluate_indicator(i, D(2027, 1, 1), profile=profile)
    # Met against 80; against the mark of 90 it is 4 short, within 4.5 (5% of 90).
    assert (e["status"], e["rag"], e["profile"]) == ("met", "amber", "mine")


def test_errors() -> None:
    bad_range = indicator({"type": "range", "low": 60, "high": 40}, "2026-01-01", [])
    with pytest.raises(rt.MetricError) as info:
        rt.evaluate_indicator(bad_range, D(2026, 6, 1))
    assert (info.value.code, info.value.path, info.value.field) == ("invalid_metric", "target", "high")
    no_end = indicator({"type": "minimum", "value": 1}, {"phrase": "in due course", "written_on": "2026-01-01"}, [])
    with pytest.raises(rt.MetricError):
        rt.evaluate_indicator(no_end, D(2026, 6, 1))
    refused = indicator({"type": "minimum", "value": 1}, {"phrase": "by Smarch 2026", "written_on": "2026-01-01"}, [])
    with pytest.raises(rt.DeadlineError):
        rt.evaluate_indicator(refused, D(2026, 6, 1))
    with pytest.raises(rt.ArgumentError):
        rt.evaluate_indicator({**TAKE_UP, "targte": 1}, D(2026, 6, 1))
    with pytest.raises(rt.ArgumentError):
        rt.evaluate_indicator(indicator({"type": "minimum", "value": 1}, "2026-01-01", [("2025-01-01", float("nan"))]))
    with pytest.raises(rt.RoadmapError) as info:
        rt.evaluate_indicator(TAKE_UP, D(2026, 6, 1), profile="gds")
    assert info.value.code == "unknown_value"
