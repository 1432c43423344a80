"""Missing values wherever a date or a phrase is taken: None, NaN, pd.NA, pd.NaT and
NumPy's NaT are missing. A missing as-of or written-on date is an error naming the
argument; a missing phrase is an empty row. pandas' nullable, pyarrow-backed and default
string dtypes, timezone-aware timestamps (their local date), polars and pyarrow inputs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import roadmap_tracker as rt

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

WRITTEN = dt.date(2026, 1, 19)
END_2026 = "by the end of 2026"  # read on 2026-01-19: by 2026-12-31
MISSING = [None, float("nan"), pd.NA, pd.NaT, np.datetime64("NaT"), np.float64("nan")]


@pytest.mark.parametrize("missing", MISSING, ids=repr)
def test_a_missing_as_of_is_an_error_naming_it(uk: rt.Roadmap, missing: Any) -> None:
    # pd.NaT is a datetime subclass: it used to be read as 0001-01-01.
    if missing is not None:
        with pytest.raises(rt.ArgumentError) as bad:
            uk.evaluate(missing)
        assert bad.value.path == "as_of"
    with pytest.raises(rt.ArgumentError) as bad:
        rt.parse_deadlines([END_2026], WRITTEN, as_of=missing if missing is not None else pd.NaT)
    assert bad.value.path == "as_of"


@pytest.mark.parametrize("missing", MISSING, ids=repr)
def test_a_missing_written_on_is_an_error_naming_it(missing: Any) -> None:
    with pytest.raises(rt.ArgumentError) as bad:
        rt.parse_deadline(END_2026, missing)
    assert bad.value.path == "written_on"
    with pytest.raises(rt.ArgumentError) as bad:
        rt.parse_deadlines([END_2026], missing)
    assert bad.value.path == "written_on"
    with pytest.raises(rt.ArgumentError) as bad:
        rt.parse_deadlines(pd.Series([END_2026, END_2026]), pd.Series([WRITTEN, missing], dtype=object))
    assert bad.value.path == "written_on"
    assert "written_on[1]" in bad.value.message


@pytest.mark.parametrize(
    "dtype", [object, "string", "string[pyarrow]", "str"], ids=["object", "string", "pyarrow", "str"]
)
def test_missing_phrases_are_empty_rows_in_every_string_dtype(dtype: Any) -> None:
    phrases = pd.Series([END_2026, None, "spring 2027"], dtype=dtype, index=[10, 20, 30])
    out = rt.parse_deadlines(phrases, WRITTEN)
    assert list(out.index) == [10, 20, 30]
    assert out["latest"].iloc[0] == pd.Timestamp(2026, 12, 31)
    assert out["error_code"].iloc[1] == "empty"
    assert pd.isna(out["latest"].iloc[1])
    # spring 2027: March to May 2027.
    assert (out["earliest"].iloc[2], out["latest"].iloc[2]) == (pd.Timestamp(2027, 3, 1), pd.Timestamp(2027, 5, 31))
    assert pd.isna(out["error_code"].iloc[2])


def test_a_pyarrow_backed_frame_read_from_csv() -> None:
    import io

    text = "phrase,written\nby the end of 2026,2026-01-19\n,2026-01-19\n"
    df = pd.read_csv(io.StringIO(text), dtype_backend="pyarrow")
    out = rt.parse_deadlines(df["phrase"], df["written"])
    assert out["latest"].iloc[0] == pd.Timestamp(2026, 12, 31)
    assert out["error_code"].iloc[1] == "empty"


@pytest.mark.parametrize("dtype", [object, "string", "str"])
def test_written_on_as_iso_strings(dtype: Any) -> None:
    written = pd.Series(["2026-01-19", "2025-03-01"], dtype=dtype)
    out = rt.parse_deadlines(pd.Series([END_2026, "by the end of the year"]), written)
    assert list(out["written_on"]) == [pd.Timestamp(2026, 1, 19), pd.Timestamp(2025, 3, 1)]
    assert out["latest"].iloc[1] == pd.Timestamp(2025, 12, 31)


def test_timezone_aware_timestamps_give_their_local_date() -> None:
    # 23:30 UTC on 31 December 2025 is 08:30 on 1 January 2026 in Tokyo: the local date.
    utc = pd.Series(pd.to_datetime(["2025-12-31 23:30"]).tz_localize("UTC"))
    tokyo = utc.dt.tz_convert("Asia/Tokyo")
    phrase = pd.Series(["by the end of the year"])
    assert rt.parse_deadlines(phrase, utc)["latest"].iloc[0] == pd.Timestamp(2025, 12, 31)
    assert rt.parse_deadlines(phrase, tokyo)["latest"].iloc[0] == pd.Timestamp(2026, 12, 31)
    assert rt.parse_deadline("by the end of the year", tokyo.iloc[0]).latest == dt.date(2026, 12, 31)
    judged = rt.parse_deadlines(phrase, utc, as_of=tokyo.iloc[0])
    assert judged["state"].iloc[0] == "overdue"


def test_datetime64_columns_with_nat_in_delivered_on() -> None:
    delivered = pd.Series([pd.Timestamp(2026, 6, 1), pd.NaT])
    out = rt.parse_deadlines(pd.Series([END_2026, END_2026]), WRITTEN, as_of="2027-02-01", delivered_on=delivered)
    assert list(out["state"]) == ["met_on_time", "overdue"]


def test_polars_and_pyarrow_inputs() -> None:
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    for phrases in (pa.array([END_2026, None]), pl.Series([END_2026, None])):
        out = rt.parse_deadlines(phrases, WRITTEN)
        assert out["latest"].iloc[0] == pd.Timestamp(2026, 12, 31)
        assert out["error_code"].iloc[1] == "empty"
    written = pl.Series([WRITTEN, dt.date(2025, 3, 1)])
    out = rt.parse_deadlines(pl.Series(["by the end of the year"] * 2), written)
    assert list(out["latest"]) == [pd.Timestamp(2026, 12, 31), pd.Timestamp(2025, 12, 31)]


def test_evaluate_takes_pandas_and_numpy_dates(uk: rt.Roadmap) -> None:
    day = dt.date(2026, 6, 4)
    expected = uk.evaluate(day)
    assert uk.evaluate(pd.Timestamp(day)) == expected
    assert uk.evaluate(np.datetime64("2026-06-04")) == expected
    assert uk.evaluate(pd.Timestamp("2026-06-04 12:00", tz="Europe/London")) == expected
