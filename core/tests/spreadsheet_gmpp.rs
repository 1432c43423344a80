//! The GMPP-like fixture (`tests/fixtures/gmpp/`) loads with the problem report worked
//! out by hand in `tests/fixtures/README.md`, nothing lost, and summarises as documented.

use std::error::Error as StdError;

use chrono::NaiveDate;
use roadmap_tracker::snapshots::Snapshots;
use roadmap_tracker::spreadsheet::{
    ColumnMapping, LoadOptions, RoadmapSpec, Severity, Sheet, Value,
};
use roadmap_tracker::status::{NonRating, Vocabulary};
use roadmap_tracker::ErrorCode;

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

const Y2019: &str = include_str!("../../tests/fixtures/gmpp/gmpp-2019.csv");
const Y2020: &str = include_str!("../../tests/fixtures/gmpp/gmpp-2020.csv");
const Y2022: &str = include_str!("../../tests/fixtures/gmpp/gmpp-2022.csv");

fn d(y: i32, m: u32, day: u32) -> Result<NaiveDate> {
    Ok(NaiveDate::from_ymd_opt(y, m, day).ok_or("bad date")?)
}

fn load(file: &str, text: &str, scale: &str) -> Result<Sheet> {
    let mapping = ColumnMapping::gmpp(Vocabulary::builtin(scale)?);
    Ok(Sheet::load(text, &mapping, &LoadOptions::for_file(file))?)
}

fn report(sheet: &Sheet) -> Vec<(Severity, ErrorCode, u64, Option<usize>)> {
    sheet
        .problems
        .iter()
        .map(|p| (p.severity, p.code, p.line, p.column))
        .collect()
}

#[test]
fn the_2019_sheet() -> Result<()> {
    let s = load("gmpp-2019.csv", Y2019, "gmpp-5")?;
    assert_eq!(s.delimiter, b';');
    assert_eq!(s.rows.len(), 6);
    use ErrorCode::*;
    use Severity::*;
    assert_eq!(
        report(&s),
        [
            // The preset's yearly budget and project number have no column here.
            (Warning, MissingField, 1, None),
            (Warning, MissingField, 1, None),
            (Warning, DateAsText, 6, Some(6)),
            (Error, MangledCell, 7, Some(6)),
            (Error, MangledCell, 7, Some(7)),
        ]
    );
    // The serial number's message names the date it likely stands for (43921 → 31 March 2020).
    assert!(
        s.problems[3].message.contains("2020-03-31"),
        "{}",
        s.problems[3].message
    );
    // Assessor and owner ratings under the same header stay apart.
    let rail = &s.rows[0];
    assert_eq!(
        rail.rating("assessor_rating").and_then(|r| r.label()),
        Some("Amber")
    );
    assert_eq!(
        rail.rating("owner_rating").and_then(|r| r.label()),
        Some("Amber/Green")
    );
    assert_eq!(rail.date("end_date"), Some(d(2023, 3, 31)?));
    assert_eq!(rail.number("whole_life_cost"), Some(2140.5));
    // "Amber/red" and "AMBER/GREEN" are case variants of the tracker's labels.
    assert_eq!(
        s.rows[1].rating("assessor_rating").and_then(|r| r.label()),
        Some("Amber/Red")
    );
    assert_eq!(
        s.rows[5].rating("assessor_rating").and_then(|r| r.label()),
        Some("Amber/Green")
    );
    // FOI text: a non-rating in the rating column, text in the date column.
    let prison = &s.rows[4];
    assert_eq!(
        prison
            .rating("assessor_rating")
            .and_then(|r| r.non_rating()),
        Some(NonRating::Withheld)
    );
    assert_eq!(
        prison.value("end_date"),
        Some(&Value::DateText("Exempt under Section 43 FOI".into()))
    );
    assert_eq!(
        s.rows[5]
            .rating("owner_rating")
            .and_then(|r| r.non_rating()),
        Some(NonRating::NotAssessed)
    );
    // Excel damage is kept verbatim, not read.
    assert_eq!(
        s.rows[5].value("whole_life_cost"),
        Some(&Value::Unreadable("#REF!".into()))
    );
    assert_eq!(s.to_csv()?, Y2019);
    Ok(())
}

#[test]
fn the_2020_sheet() -> Result<()> {
    let s = load("gmpp-2020.csv", Y2020, "gmpp-5")?;
    assert_eq!(s.delimiter, b',');
    assert_eq!(s.rows.len(), 7);
    use ErrorCode::*;
    use Severity::*;
    assert_eq!(
        report(&s),
        [
            // The preset's yearly budget and project number have no column here.
            (Warning, MissingField, 1, None),
            (Warning, MissingField, 1, None),
            (Error, InvalidDate, 6, Some(6)),
            (Warning, DateAsText, 7, Some(6)),
            (Error, RaggedRow, 8, None),
        ]
    );
    assert!(s.problems[2].message.contains("February 2025 has 28 days"));
    // Header aliases: "Project", "Dept", "DCA", "Project - End Date", "WLC (£m)".
    let rail = &s.rows[0];
    assert_eq!(rail.text("department"), Some("Department for Transport"));
    // DD.MM.YY with the pivot: 24 is 2024, 16 is 2016.
    assert_eq!(rail.date("start_date"), Some(d(2016, 4, 1)?));
    assert_eq!(rail.date("end_date"), Some(d(2024, 3, 31)?));
    // A blank cost is empty, never zero.
    assert_eq!(s.rows[5].value("whole_life_cost"), Some(&Value::Empty));
    // The ragged row still loads, its extra cell kept.
    let broadband = &s.rows[6];
    assert_eq!(broadband.cells.len(), 9);
    assert_eq!(broadband.cells[8], "see annex");
    assert_eq!(
        broadband.text("department"),
        Some("Department for Digital, Culture, Media and Sport")
    );
    assert_eq!(s.to_csv()?, Y2020);
    Ok(())
}

#[test]
fn the_2022_sheet_uses_the_three_point_scale() -> Result<()> {
    let s = load("gmpp-2022.csv", Y2022, "gmpp-3")?;
    assert_eq!(s.delimiter, b';');
    use ErrorCode::*;
    use Severity::*;
    assert_eq!(
        report(&s),
        [
            // The preset's yearly budget and project number have no column here.
            (Warning, MissingField, 1, None),
            (Warning, MissingField, 1, None),
            (Error, MangledCell, 4, Some(8)),
            (Error, UnknownLabel, 7, Some(3))
        ]
    );
    // A five-point label in a three-point year is refused, and kept.
    assert_eq!(
        s.rows[5].value("assessor_rating"),
        Some(&Value::Unreadable("Amber/Red".into()))
    );
    // Mixed ISO and DD.MM.YY dates in one column.
    assert_eq!(s.rows[0].date("end_date"), Some(d(2025, 3, 31)?));
    assert_eq!(s.rows[3].date("end_date"), Some(d(2023, 3, 31)?));
    assert_eq!(s.to_csv()?, Y2022);
    Ok(())
}

fn portfolio() -> Result<Snapshots> {
    let mut s = Snapshots::new();
    let spec = RoadmapSpec::gmpp();
    for (year, file, text, scale) in [
        (2019, "gmpp-2019.csv", Y2019, "gmpp-5"),
        (2020, "gmpp-2020.csv", Y2020, "gmpp-5"),
        (2022, "gmpp-2022.csv", Y2022, "gmpp-3"),
    ] {
        let as_of = d(year, 9, 30)?;
        let roadmap = load(file, text, scale)?.to_roadmap(&spec, as_of)?;
        s.push(&year.to_string(), as_of, roadmap);
    }
    Ok(s)
}

#[test]
fn counts_per_rating_per_year() -> Result<()> {
    let counts = portfolio()?.rating_counts("assessor_rating");
    let as_vec = |i: usize| -> Vec<(String, usize)> {
        counts[i]
            .counts
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect()
    };
    let owned = |pairs: &[(&str, usize)]| -> Vec<(String, usize)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
    };
    assert_eq!(
        as_vec(0),
        owned(&[
            ("Amber", 1),
            ("Amber/Green", 1),
            ("Amber/Red", 1),
            ("Green", 1),
            ("Red", 1),
            ("[withheld]", 1)
        ])
    );
    assert_eq!(
        as_vec(1),
        owned(&[
            ("Amber", 2),
            ("Amber/Green", 1),
            ("Amber/Red", 2),
            ("Green", 1),
            ("Red", 1)
        ])
    );
    assert_eq!(
        as_vec(2),
        owned(&[
            ("Amber", 1),
            ("Green", 2),
            ("Red", 1),
            ("[unreadable]", 1),
            ("[withheld]", 1)
        ])
    );
    Ok(())
}

#[test]
fn end_date_slippage_across_years() -> Result<()> {
    let slips = portfolio()?.slippage();
    let got: Vec<(&str, Option<i64>, Option<usize>)> = slips
        .iter()
        .map(|s| {
            (
                s.title.as_str(),
                s.slippage.as_ref().map(|x| x.days),
                s.slippage.as_ref().map(|x| x.undated),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            // 31 Mar 2023 → 31 Mar 2025: 366 + 365 days.
            ("Northern Signalling Renewal", Some(731), Some(0)),
            // 31 Dec 2021 → 30 Jun 2022.
            ("Digital Tax Platform", Some(181), Some(0)),
            ("Coastal Flood Defence Programme", Some(0), Some(0)),
            // 30 Jun 2020 → 31 Mar 2023: 365 + 365 + 274 days.
            ("Border Systems Replacement", Some(1004), Some(0)),
            // Withheld in 2019, impossible in 2020: the 2022 date is the only one.
            ("Prison Estate Expansion", Some(0), Some(2)),
            // A serial number in 2019, "TBC" in 2020.
            ("Hospital Records Integration", Some(0), Some(2)),
            ("Rural Broadband Vouchers", Some(0), Some(0)),
        ]
    );
    let prison = &slips[4];
    assert_eq!(prison.snapshots, ["2019", "2020", "2022"]);
    Ok(())
}
