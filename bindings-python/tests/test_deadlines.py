"""Deadlines through the binding: the shared corpus (`tests/fixtures/deadlines.jsonl`, the
same file the Rust tests run), one phrase at a time and a whole column at once."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import roadmap_tracker as rt

CORPUS_PATH = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "deadlines.jsonl"
CORPUS = [json.loads(line) for line in CORPUS_PATH.read_text().splitlines() if line.strip()]
GOOD = [c for c in CORPUS if "error" not in c]
BAD = [c for c in CORPUS if "error" in c]


def day(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def check(d: rt.Deadline, case: dict[str, Any]) -> None:
    where = f"{case['phrase']!r} written {case['written_on']}"
    assert d.phrase == case["phrase"]
    assert d.written_on == day(case["written_on"])
    assert d.kind == case["kind"], where
    assert d.earliest == day(case["earliest"]), where
    assert d.latest == day(case["latest"]), where
    assert d.granularity == case["granularity"], where
    assert d.named == case["named"], where
    assert d.part == case.get("part"), where
    assert d.approximate == case["approximate"], where
    if "uncertain" in case:
        assert d.uncertain == case["uncertain"], where
    if "edtf" in case:
        assert d.edtf == case["edtf"], where
    for j in case.get("judge", []):
        judged = d.judge(j["as_of"], delivered_on=j.get("delivered_on"))
        assert judged["state"] == j["state"], f"{where} as of {j['as_of']}"


def test_corpus_size() -> None:
    assert len(CORPUS) >= 250
    assert len(BAD) >= 30


@pytest.mark.parametrize("case", GOOD, ids=lambda c: c["id"])
def test_corpus_phrase(case: dict[str, Any]) -> None:
    check(rt.parse_deadline(case["phrase"], written_on=case["written_on"]), case)


@pytest.mark.parametrize("case", BAD, ids=lambda c: c["id"])
def test_corpus_refused(case: dict[str, Any]) -> None:
    with pytest.raises(rt.DeadlineError) as info:
        rt.parse_deadline(case["phrase"], written_on=case["written_on"])
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, rt.RoadmapError)
    assert e.code == case["error"]["code"]
    assert e.kind == "deadline"
    assert e.phrase == case["phrase"]
    assert isinstance(e.start, int) and isinstance(e.end, int)
    assert 0 <= e.start <= e.end <= len(case["phrase"])
    if "start" in case["error"]:
        assert e.start == case["error"]["start"]
    if "end" in case["error"]:
        assert e.end == case["error"]["end"]
    assert e.problems and e.problems[0]["code"] == e.code
    assert e.problems[0]["phrase"] == case["phrase"] and e.message in str(e)


def test_deadline_value_semantics() -> None:
    a = rt.parse_deadline("summer 2026", written_on=dt.date(2026, 1, 19))
    b = rt.parse_deadline("summer 2026", written_on="2026-01-19")
    c = rt.parse_deadline("summer 2026", written_on="2026-01-20")
    assert a == b and hash(a) == hash(b)
    assert a != c
    assert a != "summer 2026"
    assert len({a, b, c}) == 2
    assert repr(a).startswith("Deadline(phrase='summer 2026', written_on=2026-01-19, kind='")
    with pytest.raises(AttributeError):
        a.kind = "by"  # type: ignore[misc]
    data = a.to_dict()
    assert data["phrase"] == "summer 2026"
    assert data["earliest"] == a.earliest and isinstance(data["earliest"], dt.date)
    assert data["written_on"] == dt.date(2026, 1, 19)
    assert set(data) >= {"phrase", "written_on", "kind", "earliest", "latest", "granularity", "edtf", "rules"}
    assert isinstance(a.rules, list) and all(isinstance(r, str) for r in a.rules)


def test_written_on_is_required() -> None:
    # A phrase is read against the date of the document that wrote it, never today.
    with pytest.raises(TypeError):
        rt.parse_deadline("later this year")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        rt.parse_edtf("2026-06")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        rt.parse_deadlines(["later this year"])  # type: ignore[call-arg]


def test_edtf_round_trip() -> None:
    for case in GOOD:
        if not case.get("edtf"):
            continue
        d = rt.parse_edtf(case["edtf"], written_on=case["written_on"])
        assert d.edtf == case["edtf"], case["id"]
        assert (d.earliest, d.latest) == (day(case["earliest"]), day(case["latest"])), case["id"]


def test_bad_date_arguments() -> None:
    with pytest.raises(rt.ArgumentError):
        rt.parse_deadline("summer 2026", written_on="2026-13-01")
    with pytest.raises(TypeError):
        rt.parse_deadline("summer 2026", written_on=2026)  # type: ignore[arg-type]
    d = rt.parse_deadline("by March 2027", written_on="2026-01-19")
    with pytest.raises(rt.ArgumentError):
        d.judge("not a date")


# ---------------------------------------------------------------------------------------
# Whole columns


def expected_rows() -> tuple[list[str], list[dt.date]]:
    return [c["phrase"] for c in CORPUS], [day(c["written_on"]) for c in CORPUS]  # type: ignore[misc]


def test_parse_deadlines_dataframe_matches_corpus() -> None:
    pd = pytest.importorskip("pandas")
    phrases, written = expected_rows()
    df = rt.parse_deadlines(phrases, written_on=written)
    assert isinstance(df, pd.DataFrame)
    assert len(df) == len(CORPUS)
    assert list(df.columns[:3]) == ["phrase", "written_on", "kind"]
    for i, case in enumerate(CORPUS):
        row = df.iloc[i]
        if "error" in case:
            assert row["error_code"] == case["error"]["code"], case["id"]
            assert isinstance(row["error_message"], str) and row["error_message"]
            if "start" in case["error"]:
                assert row["error_start"] == case["error"]["start"], case["id"]
                assert row["error_end"] == case["error"]["end"], case["id"]
            assert pd.isna(row["kind"]) and pd.isna(row["earliest"])
            continue
        assert pd.isna(row["error_code"]), case["id"]
        assert row["kind"] == case["kind"], case["id"]
        assert row["granularity"] == case["granularity"], case["id"]
        assert row["named"] == case["named"], case["id"]
        part = row["part"]
        assert (None if pd.isna(part) else part) == case.get("part"), case["id"]
        for key in ("earliest", "latest"):
            value = row[key]
            got = None if pd.isna(value) else value.date()
            assert got == day(case[key]), (case["id"], key)
        assert bool(row["approximate"]) == case["approximate"], case["id"]
        if "edtf" in case:
            assert row["edtf"] == case["edtf"], case["id"]
    assert str(df["kind"].dtype) == "category"
    assert str(df["earliest"].dtype).startswith("datetime64")
    assert str(df["error_start"].dtype) == "Int64"


def test_parse_deadlines_judges_with_as_of() -> None:
    pytest.importorskip("pandas")
    judged = [(c, j) for c in GOOD for j in c.get("judge", [])]
    phrases = [c["phrase"] for c, _ in judged]
    written = [c["written_on"] for c, _ in judged]
    # as_of is one date per call: group by it.
    by_as_of: dict[str, list[int]] = {}
    for i, (_, j) in enumerate(judged):
        by_as_of.setdefault(j["as_of"], []).append(i)
    for as_of, rows in by_as_of.items():
        df = rt.parse_deadlines(
            [phrases[i] for i in rows],
            written_on=[written[i] for i in rows],
            as_of=as_of,
            delivered_on=[judged[i][1].get("delivered_on") for i in rows],
        )
        for k, i in enumerate(rows):
            assert df["state"].iloc[k] == judged[i][1]["state"], (judged[i][0]["id"], as_of)


def test_parse_deadlines_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmap_tracker import _shell

    monkeypatch.setattr(_shell, "pandas_or_none", lambda: None)
    phrases, written = expected_rows()
    cols = rt.parse_deadlines(phrases, written_on=written)
    assert isinstance(cols, dict)
    assert cols["phrase"] == phrases
    assert cols["written_on"] == written
    for i, case in enumerate(CORPUS):
        if "error" in case:
            assert cols["error_code"][i] == case["error"]["code"]
            assert cols["kind"][i] is None and cols["earliest"][i] is None
        else:
            assert cols["error_code"][i] is None
            assert cols["kind"][i] == case["kind"]
            assert cols["earliest"][i] == day(case["earliest"])
            assert cols["latest"][i] == day(case["latest"])
            assert cols["approximate"][i] is case["approximate"]
    assert all(len(v) == len(CORPUS) for v in cols.values())


def test_parse_deadlines_inputs() -> None:
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    phrases = ["summer 2026", "by March 2028", "31 February 2026", None, float("nan")]
    series = pd.Series(phrases, index=[10, 20, 30, 40, 50])
    df = rt.parse_deadlines(series, written_on="2026-01-19")
    assert list(df.index) == [10, 20, 30, 40, 50]
    assert df.loc[10, "kind"] == "during"
    assert df.loc[30, "error_code"] is not None and not pd.isna(df.loc[30, "error_code"])
    assert not pd.isna(df.loc[40, "error_code"]) and not pd.isna(df.loc[50, "error_code"])
    arr = np.array(["summer 2026", "by March 2028"], dtype=object)
    written = pd.Series(pd.to_datetime(["2026-01-19", "2026-06-04"]))
    df2 = rt.parse_deadlines(arr, written_on=written)
    assert list(df2["written_on"].dt.date) == [dt.date(2026, 1, 19), dt.date(2026, 6, 4)]
    df3 = rt.parse_deadlines(["summer 2026"], written_on=np.array(["2026-01-19"], dtype="datetime64[D]"))
    assert df3["earliest"].iloc[0].date() == dt.date(2026, 6, 1)
    df4 = rt.parse_deadlines(("summer 2026",), written_on=[dt.date(2026, 1, 19)])
    assert len(df4) == 1
    empty = rt.parse_deadlines([], written_on="2026-01-19")
    assert len(empty) == 0 and "kind" in empty.columns
    with pytest.raises(rt.ArgumentError):
        rt.parse_deadlines(["a", "b"], written_on=["2026-01-19"])
    with pytest.raises(rt.ArgumentError):
        rt.parse_deadlines(["summer 2026"], written_on=pd.Series(pd.to_datetime([None])))
    with pytest.raises(TypeError):
        rt.parse_deadlines([1, 2], written_on="2026-01-19")
    with pytest.raises(TypeError):
        rt.parse_deadlines("summer 2026", written_on="2026-01-19")


def test_parse_deadlines_releases_the_gil() -> None:
    """While Rust parses, another Python thread keeps running: the longest pause of that
    thread during the call is a fraction of the call (the columns are built with the GIL,
    the parse without it)."""
    from roadmap_tracker import _native

    phrases = [c["phrase"] for c in CORPUS] * 2000
    stamps: list[float] = []
    running = True

    def tick() -> None:
        while running:
            stamps.append(time.perf_counter())

    thread = threading.Thread(target=tick)
    thread.start()
    try:
        time.sleep(0.02)
        t0 = time.perf_counter()
        _native._parse_deadline_columns(phrases, dt.date(2026, 1, 19))
        t1 = time.perf_counter()
    finally:
        running = False
        thread.join()
    inside = [s for s in stamps if t0 <= s <= t1]
    gaps = [b - a for a, b in zip([t0, *inside], [*inside, t1])]
    assert len(inside) > 2 and max(gaps) < 0.9 * (t1 - t0)
