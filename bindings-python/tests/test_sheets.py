"""The spreadsheet loader from Python, over the GMPP-like fixture set
(tests/fixtures/gmpp/). The expected problem reports and values were worked out by hand
from the fixtures and docs/formats.md ("Messy spreadsheets"); they are the same as
core/tests/spreadsheet_gmpp.rs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import roadmap_tracker as rt
from roadmap_tracker import _shell

D = dt.date


def gmpp(fixtures: Path, year: int) -> Path:
    return fixtures / "gmpp" / f"gmpp-{year}.csv"


def report(sheet: rt.Sheet) -> list[tuple[str, str, int, int | None]]:
    return [(p["severity"], p["code"], p["line"], p["column"]) for p in sheet.problems]


# -- the GMPP preset ----------------------------------------------------------------------


def test_2019_with_the_gmpp_preset(fixtures: Path) -> None:
    path = gmpp(fixtures, 2019)
    sheet = rt.Sheet.load(path, preset="gmpp")
    assert sheet.file == "gmpp-2019.csv"
    assert sheet.delimiter == ";"
    assert len(sheet) == 6
    assert sheet.fields == [
        "project",
        "department",
        "assessor_rating",
        "owner_rating",
        "start_date",
        "end_date",
        "whole_life_cost",
        "narrative",
        "yearly_budget",
        "project_id",
    ]
    assert report(sheet) == [
        # The preset's yearly budget and project number have no column here.
        ("warning", "missing_field", 1, None),
        ("warning", "missing_field", 1, None),
        ("warning", "date_as_text", 6, 6),
        ("error", "mangled_cell", 7, 6),
        ("error", "mangled_cell", 7, 7),
    ]
    # 43921 days after Excel's epoch is 31 March 2020: named, not read.
    assert "2020-03-31" in sheet.problems[3]["message"]
    assert sheet.problems[2]["header"] == "End Date"
    assert sheet.problems[2]["field"] == "end_date"
    assert sheet.problems[2]["value"] == "Exempt under Section 43 FOI"

    records = sheet.records()
    rail = records[0]
    assert rail["line"] == 2
    # The assessor's and the owner's rating share one header and stay apart.
    assert (rail["assessor_rating"], rail["owner_rating"]) == ("Amber", "Amber/Green")
    assert rail["end_date"] == D(2023, 3, 31)
    assert rail["whole_life_cost"] == 2140.5
    # Case variants read as the tracker's own labels.
    assert records[1]["assessor_rating"] == "Amber/Red"
    assert records[5]["assessor_rating"] == "Amber/Green"
    # Non-ratings are kept as what they are, never a status.
    assert records[4]["assessor_rating"] == "[withheld]"
    assert records[5]["owner_rating"] == "[not_assessed]"
    # Free text in a date column is kept as text; Excel damage is kept verbatim.
    assert records[4]["end_date"] == "Exempt under Section 43 FOI"
    # Unreadable cells are marked in the records, never shown as a value.
    assert records[5]["whole_life_cost"] == "[unreadable: #REF!]"

    prison = sheet.rows[4]["values"]
    assert prison["end_date"]["kind"] == "date_text"
    assert prison["assessor_rating"]["kind"] == "rating"
    assert prison["assessor_rating"]["value"]["non_rating"] == "withheld"
    assert prison["owner_rating"]["value"]["label"] == "Amber"
    assert prison["owner_rating"]["value"]["rag"] == "amber"
    assert sheet.rows[5]["values"]["whole_life_cost"] == {"kind": "unreadable", "value": "#REF!"}
    assert sheet.rows[5]["values"]["end_date"]["kind"] == "unreadable"

    # Nothing lost: the sheet writes back byte for byte.
    assert sheet.to_csv() == path.read_text(encoding="utf-8")


def test_text_bytes_and_path_read_the_same(fixtures: Path) -> None:
    path = gmpp(fixtures, 2019)
    from_path = rt.Sheet.load(str(path), preset="gmpp")
    from_text = rt.Sheet.from_text(path.read_text(encoding="utf-8"), preset="gmpp", file="gmpp-2019.csv")
    from_bytes = rt.Sheet.from_text(path.read_bytes(), preset="gmpp", file="gmpp-2019.csv")
    assert from_path.to_dict() == from_text.to_dict() == from_bytes.to_dict()
    assert rt.Sheet.from_text(path.read_bytes(), preset="gmpp").problems[0]["file"] == "sheet"


def test_2022_on_the_three_point_scale(fixtures: Path) -> None:
    sheet = rt.Sheet.load(gmpp(fixtures, 2022), preset="gmpp", vocabulary="gmpp-3")
    assert sheet.delimiter == ";"
    assert report(sheet) == [
        ("warning", "missing_field", 1, None),
        ("warning", "missing_field", 1, None),
        ("error", "mangled_cell", 4, 8),
        ("error", "unknown_label", 7, 3),
    ]
    # A five-point label in a three-point year is refused, and kept.
    assert sheet.rows[5]["values"]["assessor_rating"] == {"kind": "unreadable", "value": "Amber/Red"}
    records = sheet.records()
    # ISO and DD.MM.YY dates in one column.
    assert records[0]["end_date"] == D(2025, 3, 31)
    assert records[3]["end_date"] == D(2023, 3, 31)
    assert records[3]["assessor_rating"] == "Red"  # written "red"
    assert sheet.to_csv() == gmpp(fixtures, 2022).read_text(encoding="utf-8")


# -- a caller's column mapping ------------------------------------------------------------

MAPPING_2020 = {
    "project": {"headers": "Project", "required": True},
    "assessor": {"headers": "DCA", "kind": "rating", "vocabulary": "gmpp-5"},
    "owner": {"headers": ["DCA"], "kind": "rating", "vocabulary": "gmpp-5", "occurrence": 2},
    "start": {"headers": ["Project - Start Date", "Start Date"], "kind": "date"},
    "end": {"headers": ["Project - End Date", "End Date"], "kind": "date"},
    "cost": {"headers": "WLC (£m)", "kind": "number"},
}


def test_2020_with_a_column_mapping(fixtures: Path) -> None:
    text = gmpp(fixtures, 2020).read_text(encoding="utf-8")
    sheet = rt.Sheet.from_text(text, MAPPING_2020, file="gmpp-2020.csv")
    assert sheet.delimiter == ","
    assert sheet.fields == ["project", "assessor", "owner", "start", "end", "cost"]
    assert len(sheet) == 7
    assert report(sheet) == [
        ("error", "invalid_date", 6, 6),
        ("warning", "date_as_text", 7, 6),
        ("error", "ragged_row", 8, None),
    ]
    assert "February 2025 has 28 days" in sheet.problems[0]["message"]
    records = sheet.records()
    assert records[0] == {
        "line": 2,
        "project": "Northern Signalling Renewal",
        "assessor": "Amber/Red",
        "owner": "Amber",
        "start": D(2016, 4, 1),  # 01.04.16: 16 is below the pivot 69, so 2016
        "end": D(2024, 3, 31),
        "cost": 2305.0,
    }
    # The hospital: "TBC" kept as text, a blank cost is None (never zero).
    assert records[5]["end"] == "TBC"
    assert records[5]["cost"] is None
    assert records[5]["assessor"] == "Amber/Red"
    # The ragged row loads with its extra cell.
    assert sheet.rows[6]["cells"][8] == "see annex"
    # Columns no field claims are kept and written back.
    assert [c["field"] for c in sheet.columns] == [
        "project",
        None,
        "assessor",
        "owner",
        "start",
        "end",
        "cost",
        None,
    ]
    assert sheet.to_csv() == text


def test_plain_header_strings_map_text_fields(fixtures: Path) -> None:
    sheet = rt.Sheet.load(gmpp(fixtures, 2020), {"project": "Project", "dept": ["Department", "Dept"]})
    assert sheet.records()[0] == {
        "line": 2,
        "project": "Northern Signalling Renewal",
        "dept": "Department for Transport",
    }
    # The two DCA columns, claimed by no field, are kept with a warning for the copy.
    assert report(sheet) == [("warning", "duplicate_column", 1, 4), ("error", "ragged_row", 8, None)]


def test_a_missing_required_column_is_reported_and_rows_still_load(fixtures: Path) -> None:
    mapping = {
        "project": ["Project Name", "Project"],
        "sro": {"headers": "Senior Responsible Owner", "required": True},
    }
    sheet = rt.Sheet.load(gmpp(fixtures, 2019), mapping)
    assert len(sheet) == 6
    missing = sheet.problems[0]
    assert (missing["severity"], missing["code"], missing["line"], missing["field"]) == (
        "error",
        "missing_field",
        1,
        "sro",
    )
    # Unmapped, the end date's serial number is not read, so only #REF! (damage in any
    # column) and the unclaimed second DCA header are reported besides.
    assert report(sheet) == [
        ("error", "missing_field", 1, None),
        ("warning", "duplicate_column", 1, 4),
        ("error", "mangled_cell", 7, 7),
    ]
    assert sheet.records()[0] == {"line": 2, "project": "Northern Signalling Renewal", "sro": None}


def test_the_two_digit_year_pivot(fixtures: Path) -> None:
    # With the pivot at 20, "24" is 1924 and "16" still 2016.
    sheet = rt.Sheet.load(gmpp(fixtures, 2020), MAPPING_2020, two_digit_year_pivot=20)
    assert sheet.records()[0]["start"] == D(2016, 4, 1)
    assert sheet.records()[0]["end"] == D(1924, 3, 31)


def test_a_given_delimiter_is_used(fixtures: Path) -> None:
    # The 2020 sheet has no ";" at all: read with ";", each line is one cell.
    sheet = rt.Sheet.load(gmpp(fixtures, 2020), delimiter=";")
    assert sheet.delimiter == ";"
    assert len(sheet.columns) == 1
    assert len(sheet) == 7
    assert sheet.problems == []
    tabbed = rt.Sheet.from_text("a\tb\n1\t2\n", delimiter="\t")
    assert [c["header"] for c in tabbed.columns] == ["a", "b"]


def test_a_vocabulary_argument_is_the_default_for_rating_fields() -> None:
    sheet = rt.Sheet.from_text(
        "Promise;Rating\nTax cut;Promise Kept\nWall;No Action\n",
        {"promise": "Promise", "rating": {"headers": "Rating", "kind": "rating"}},
        vocabulary="politifact-2017",
    )
    # "No Action" is the 2008 label, unknown to the 2017 vocabulary: reported, kept, and
    # marked unreadable so that it never passes for a label.
    assert [r["rating"] for r in sheet.records()] == ["Promise Kept", "[unreadable: No Action]"]
    assert report(sheet) == [("error", "unknown_label", 3, 2)]


# -- DataFrames ---------------------------------------------------------------------------


def test_the_problem_report_as_a_dataframe(fixtures: Path) -> None:
    pd = pytest.importorskip("pandas")
    sheet = rt.Sheet.load(gmpp(fixtures, 2020), preset="gmpp")
    df = sheet.to_dataframe("problems")
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == list(_shell.SHEET_PROBLEM_COLUMNS)
    assert df["code"].tolist() == ["missing_field", "missing_field", "invalid_date", "date_as_text", "ragged_row"]
    assert df["line"].tolist() == [1, 1, 6, 7, 8]
    assert df["severity"].tolist() == ["warning", "warning", "error", "warning", "error"]
    # An empty report is an empty frame with the same columns.
    empty = rt.Sheet.from_text("a,b\n1,2\n").to_dataframe("problems")
    assert list(empty.columns) == list(_shell.SHEET_PROBLEM_COLUMNS)
    assert len(empty) == 0


def test_the_rows_as_a_dataframe(fixtures: Path) -> None:
    pd = pytest.importorskip("pandas")
    sheet = rt.Sheet.load(gmpp(fixtures, 2019), preset="gmpp")
    df = sheet.to_dataframe()
    assert list(df.columns) == ["line", *sheet.fields]
    assert len(df) == 6
    # Every start date is a date: a datetime64 column. End dates mix dates and FOI text.
    assert str(df["start_date"].dtype).startswith("datetime64")
    assert df["start_date"].iloc[0] == pd.Timestamp(2016, 4, 1)
    assert df["end_date"].tolist()[4] == "Exempt under Section 43 FOI"
    assert df["assessor_rating"].tolist() == [
        "Amber",
        "Amber/Red",
        "Green",
        "Red",
        "[withheld]",
        "Amber/Green",
    ]


def test_without_pandas_the_frames_are_lists_of_dicts(fixtures: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_shell, "pandas_or_none", lambda: None)
    sheet = rt.Sheet.load(gmpp(fixtures, 2019), preset="gmpp")
    problems = sheet.to_dataframe("problems")
    assert problems == sheet.problems
    assert sheet.to_dataframe("rows") == sheet.records()


def test_problems_csv(fixtures: Path) -> None:
    sheet = rt.Sheet.load(gmpp(fixtures, 2022), preset="gmpp", vocabulary="gmpp-3")
    lines = sheet.problems_csv().splitlines()
    assert lines[0] == "severity,code,file,line,column,header,field,value,message"
    assert lines[1].startswith("warning,missing_field,gmpp-2022.csv,1,,,yearly_budget,,")
    assert lines[3].startswith("error,mangled_cell,gmpp-2022.csv,4,8,Narrative,narrative,#N/A,")
    assert len(lines) == 5


# -- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"mapping": {"x": {"headers": "X", "colour": "red"}}}, "unknown_field"),
        ({"mapping": {"x": {"headers": "X", "kind": "colour"}}}, "unknown_value"),
        ({"mapping": {"x": {"headers": "X", "kind": "rating"}}}, "missing_field"),
        ({"mapping": {"x": {"headers": "X", "vocabulary": "gmpp-5"}}}, "invalid_argument"),
        ({"mapping": {"x": {"headers": "X", "occurrence": 0}}}, "invalid_argument"),
        ({"mapping": {"x": {"headers": [1]}}}, "wrong_type"),
        ({"mapping": {"line": "X"}}, "invalid_argument"),
        ({"mapping": {"x": "X"}, "preset": "gmpp"}, "invalid_argument"),
        ({"preset": "okr"}, "unknown_value"),
        ({"delimiter": ";;"}, "invalid_argument"),
        ({"two_digit_year_pivot": 101}, "invalid_argument"),
    ],
)
def test_bad_arguments_are_argument_errors(kwargs: dict, code: str) -> None:
    with pytest.raises(rt.RoadmapError) as info:
        rt.Sheet.from_text("X\n1\n", **kwargs)
    assert info.value.code == code
    # The class is the code's kind in the core's table (unknown names are format errors).
    assert info.value.kind == ("argument" if code == "invalid_argument" else "format")
    assert info.value.kind in {"argument", "format"}


def test_an_unknown_vocabulary_is_refused() -> None:
    with pytest.raises(rt.RoadmapError) as info:
        rt.Sheet.from_text("X\n1\n", preset="gmpp", vocabulary="gmpp-4")
    assert info.value.code == "unknown_value"
    assert "gmpp-3" in str(info.value)


def test_unreadable_input_is_a_format_error(tmp_path: Path) -> None:
    # Bytes that are not UTF-8 when UTF-8 is given: refused with the byte's offset.
    with pytest.raises(rt.FormatError) as info:
        rt.Sheet.from_text(b"Project\n\xff\n", encoding="utf-8")
    assert info.value.code == "encoding"
    assert "byte 8 (0xFF)" in str(info.value)
    with pytest.raises(rt.FormatError) as info:
        rt.Sheet.from_text(b"Project\n", encoding="ebcdic")
    assert info.value.code == "unknown_value"
    with pytest.raises(rt.FormatError) as info:
        rt.Sheet.from_text("")
    assert info.value.code == "empty"
    with pytest.raises(rt.RoadmapOSError):
        rt.Sheet.load(tmp_path / "missing.csv")
    with pytest.raises(TypeError):
        rt.Sheet.from_text(42)  # type: ignore[arg-type]
    with pytest.raises(rt.ArgumentError):
        rt.Sheet.from_text("a\n1\n").to_dataframe("cells")  # type: ignore[arg-type]


# -- tracker vocabularies -----------------------------------------------------------------


def test_the_tracker_vocabularies() -> None:
    vocabularies = {v["id"]: v for v in rt.tracker_vocabularies()}
    assert {"gmpp-5", "gmpp-3", "politifact-2008", "politifact-2017", "polimetre", "full-fact", "okr"} <= set(
        vocabularies
    )
    assert [label["label"] for label in vocabularies["gmpp-5"]["labels"]] == [
        "Green",
        "Amber/Green",
        "Amber",
        "Amber/Red",
        "Red",
    ]
    assert len(vocabularies["gmpp-3"]["labels"]) == 3


def test_reading_a_label() -> None:
    kept = rt.read_label("politifact-2017", "promise KEPT")
    assert kept["kind"] == "rated"
    assert kept["label"] == "Promise Kept"
    assert kept["status"] == {"phase": "closed", "verdict": "met", "late": False, "reason": None}
    assert kept["rag"] is None
    amber_red = rt.read_label("gmpp-5", "amber/red")
    assert (amber_red["label"], amber_red["rag"]) == ("Amber/Red", "amber")
    assert amber_red["status"] == {"phase": "open", "state": "at_risk"}
    no_dca = rt.read_label("gmpp-3", "No DCA")
    assert no_dca == {"kind": "non_rating", "non_rating": "not_assessed", "text": "No DCA"}
    with pytest.raises(rt.VocabularyError) as info:
        rt.read_label("gmpp-5", "Purple")
    assert info.value.code == "unknown_label"


def test_translating_a_label() -> None:
    assert rt.translate_label("Amber/Red", "gmpp-5", "gmpp-3") == {"label": "Amber", "lossy": True}
    assert rt.translate_label("Amber/Green", "gmpp-5", "gmpp-3")["label"] == "Green"
    assert rt.translate_label("No Action", "politifact-2008", "politifact-2017")["label"] == "Not Yet Rated"
    with pytest.raises(rt.RoadmapError) as info:
        rt.translate_label("Amber", "gmpp-5", "no-such-tracker")
    assert info.value.code == "unknown_value"


# -- releases as published (tests/fixtures/gmpp/published-2016.csv, reshared-2021.csv,
# reshared-2023.csv); the same hand-worked expectations as core/tests/spreadsheet_published.rs


def test_the_crlf_reproducer_reports_lines_2_and_3() -> None:
    mapping = {"dca": {"headers": "DCA", "kind": "rating", "vocabulary": "gmpp-5"}, "end": {"headers": "End Date", "kind": "date"}}
    for text in (
        "Project Name,DCA,End Date\r\nA,Amber,31.02.20\r\nB,Green,TBC\r\n",
        "Project Name,DCA,End Date\nA,Amber,31.02.20\nB,Green,TBC\n",
        "Project Name,DCA,End Date\rA,Amber,31.02.20\rB,Green,TBC\r",
    ):
        sheet = rt.Sheet.from_text(text, mapping)
        assert report(sheet) == [("error", "invalid_date", 2, 3), ("warning", "date_as_text", 3, 3)]
        assert sheet.to_csv() == text


def test_an_unclosed_quote_is_an_error() -> None:
    with pytest.raises(rt.FormatError) as info:
        rt.Sheet.from_text('Project,DCA\nRail,Amber\n"Tax,Green\n')
    assert info.value.code == "csv_syntax"
    assert "line 3" in str(info.value)


def test_the_published_2016_release(fixtures: Path) -> None:
    sheet = rt.Sheet.load(fixtures / "gmpp" / "published-2016.csv", preset="gmpp")
    assert len(sheet) == 4
    assert report(sheet) == [
        ("warning", "encoding", 1, None),
        ("warning", "missing_field", 1, None),
        ("warning", "missing_field", 1, None),
        ("warning", "encoding", 5, None),
        ("warning", "date_as_text", 8, 4),
    ]
    assert sheet.problems[0]["message"] == "the file is not UTF-8; it was read as windows-1252"
    assert "byte 631 (0x9D)" in sheet.problems[3]["message"]
    assert sheet.columns[5]["description"] == "Latest approved end date"
    records = sheet.records()
    assert [r["assessor_rating"] for r in records] == ["Amber/Red", "[withheld]", "[not_assessed]", "[withheld]"]
    assert (records[0]["yearly_budget"], records[0]["whole_life_cost"]) == (12.4, 310.5)
    assert records[0]["end_date"] == D(2019, 3, 31)
    d = sheet.to_dict()
    assert (d["transposed"], d["encoding"]) == (True, "windows-1252")
    # Told the encoding, the same bytes read the same; told UTF-8, they are refused.
    same = rt.Sheet.load(fixtures / "gmpp" / "published-2016.csv", preset="gmpp", encoding="cp1252")
    assert same.records() == records
    assert [p["code"] for p in same.problems].count("encoding") == 1  # the 0x9D only
    with pytest.raises(rt.FormatError) as info:
        rt.Sheet.load(fixtures / "gmpp" / "published-2016.csv", preset="gmpp", encoding="utf-8")
    assert info.value.code == "encoding"


def test_the_2021_reshare(fixtures: Path) -> None:
    sheet = rt.Sheet.load(fixtures / "gmpp" / "reshared-2021.csv", preset="gmpp")
    assert report(sheet) == [
        ("warning", "missing_field", 1, None),
        ("warning", "ambiguous", 4, 8),
        ("error", "invalid_number", 4, 10),
    ]
    r = sheet.records()
    assert r[0]["assessor_rating"] == "Amber/Red"  # written "Amber/ Red"
    assert (r[0]["yearly_budget"], r[0]["whole_life_cost"]) == (2.5, 1200.0)  # £2.5m, £1.2bn
    assert (r[1]["yearly_budget"], r[1]["whole_life_cost"]) == (0.45, 26.19)  # £450k, £26.19m
    assert (r[1]["assessor_rating"], r[3]["assessor_rating"]) == ("[withheld]", "[not_assessed]")
    assert r[2]["end_date"] == D(2065, 3, 31)
    assert r[2]["whole_life_cost"] == "[unreadable: not known]"


def test_the_2023_reshare_keeps_both_ratings(fixtures: Path) -> None:
    path = fixtures / "gmpp" / "reshared-2023.csv"
    sheet = rt.Sheet.load(path, preset="gmpp", vocabulary="gmpp-3")
    r = sheet.records()
    assert (r[0]["assessor_rating"], r[0]["owner_rating"]) == ("Red", "Amber")
    assert [x["line"] for x in r] == [2, 3, 8]
    assert sheet.to_csv() == path.read_bytes().decode("utf-8")


def three_releases(fixtures: Path) -> rt.Releases:
    releases = rt.Releases()
    releases.load_gmpp(2016, fixtures / "gmpp" / "published-2016.csv")
    releases.load_gmpp(2023, fixtures / "gmpp" / "reshared-2023.csv")
    releases.add(2021, rt.Sheet.load(fixtures / "gmpp" / "reshared-2021.csv", preset="gmpp"))
    return releases


def test_releases_as_one_history(fixtures: Path) -> None:
    releases = three_releases(fixtures)
    assert len(releases) == 3
    summary = releases.rating_summary()
    assert [(s["label"], s["items"]) for s in summary] == [("2016", 4), ("2021", 4), ("2023", 3)]
    assert summary[0]["ratings"] == {"Amber/Red": 1}
    assert summary[0]["non_ratings"] == {"withheld": 2, "not_assessed": 1}
    assert summary[2]["ratings"] == {"Amber": 1, "Red": 1}
    slips = {s["node"]: s for s in releases.slippage()}
    assert slips["gmpp-dft-0001"]["slippage"]["days"] == 1644  # 31 Mar 2019 → 30 Sep 2023
    assert slips["gmpp-dhsc-0002"]["slippage"]["days"] == 2192  # 31 Mar 2018 → 31 Mar 2024
    assert slips["gmpp-co-0004"]["slippage"] is None
    matches = [p for p in releases.problems() if p["code"] == "name_match"]
    assert [(p["file"], p["line"], p["value"]) for p in matches] == [
        ("reshared-2021.csv", 3, "PENSION RECORDS PROGRAM"),
        ("reshared-2023.csv", 2, "Harbour Wall Renewal (Phase 1)"),
    ]
    owners = [(o["label"], o["owner"]) for o in releases.rating_counts_by_owner()]
    assert owners[1] == ("2016", "Department of Health and Social Care")
    health = [h for h in releases.schedule_health() if h["node"] == "fleet-radio-replacement"]
    assert health[0]["health"]["elapsed"] == pytest.approx(1733 / 3560)
    releases.same_project("Harbour Wall Renewal (Phase 1)", "harbour phase one")
    assert len(releases.slippage()) == 6
    releases.add_department("Ministry of Silly Walks", ["MSW"])
    with pytest.raises(rt.RoadmapError) as info:
        releases.add_department("Home Office", ["MoJ"])
    assert info.value.code == "duplicate_label"


def test_a_release_without_a_rating_column_is_refused() -> None:
    releases = rt.Releases()
    # Refused as a whole release (a validation error listing each missing column).
    with pytest.raises(rt.ValidationError) as info:
        releases.add(2019, rt.Sheet.from_text("Project Name,Department\nRail,DfT\n", preset="gmpp"))
    assert info.value.code == "missing_field"
    assert "MPA RAG rating" in str(info.value)
    assert len(releases) == 0
