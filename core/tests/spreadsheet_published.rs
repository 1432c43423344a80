//! Sheets in the shapes the yearly major projects releases are published and re-shared
//! in (tests/fixtures/gmpp/published-2016.csv, reshared-2021.csv, reshared-2023.csv), and
//! the line-ending, quoting and encoding cases, inline. Every expected value was worked
//! out by hand from the fixtures and the rules in docs/gmpp.md.

use chrono::NaiveDate;
use roadmap_tracker::spreadsheet::{
    ColumnMapping, Encoding, LoadOptions, Releases, Severity, Sheet, Value,
};
use roadmap_tracker::status::{NonRating, Vocabulary};
use roadmap_tracker::ErrorCode;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const P2016: &[u8] = include_bytes!("../../tests/fixtures/gmpp/published-2016.csv");
const R2021: &[u8] = include_bytes!("../../tests/fixtures/gmpp/reshared-2021.csv");
const R2023: &[u8] = include_bytes!("../../tests/fixtures/gmpp/reshared-2023.csv");

fn d(y: i32, m: u32, day: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day).ok_or_else(|| "bad date".into())
}

fn preset(scale: &str) -> Result<ColumnMapping> {
    Ok(ColumnMapping::gmpp(Vocabulary::builtin(scale)?))
}

fn report(sheet: &Sheet) -> Vec<(Severity, ErrorCode, u64, Option<usize>)> {
    sheet
        .problems
        .iter()
        .map(|p| (p.severity, p.code, p.line, p.column))
        .collect()
}

fn non_rating(sheet: &Sheet, row: usize, field: &str) -> Option<NonRating> {
    sheet.rows.get(row)?.rating(field)?.non_rating()
}

use ErrorCode::*;
use Severity::*;

#[test]
fn the_crlf_reproducer_reports_lines_2_and_3() -> Result<()> {
    let mapping = ColumnMapping::new()
        .rating("dca", &["DCA"], Vocabulary::builtin("gmpp-5")?)
        .date("end", &["End Date"]);
    // The same sheet with each line ending: the problems are on lines 2 and 3 in each.
    for text in [
        "Project Name,DCA,End Date\r\nA,Amber,31.02.20\r\nB,Green,TBC\r\n",
        "Project Name,DCA,End Date\nA,Amber,31.02.20\nB,Green,TBC\n",
        "Project Name,DCA,End Date\rA,Amber,31.02.20\rB,Green,TBC\r",
    ] {
        let sheet = Sheet::load(text, &mapping, &LoadOptions::default())?;
        assert_eq!(
            report(&sheet),
            [
                (Error, InvalidDate, 2, Some(3)),
                (Warning, DateAsText, 3, Some(3))
            ],
            "{text:?}"
        );
        assert_eq!((sheet.rows[0].line, sheet.rows[1].line), (2, 3));
        assert_eq!(sheet.to_csv()?, text, "written back as read");
    }
    Ok(())
}

#[test]
fn a_row_after_a_multi_line_cell_has_its_own_line() -> Result<()> {
    let text = "a,b\r\n1,\"two\r\nlines\"\r\n3,4\r\n";
    let sheet = Sheet::load(text, &ColumnMapping::new(), &LoadOptions::default())?;
    assert_eq!((sheet.rows[0].line, sheet.rows[1].line), (2, 4));
    Ok(())
}

#[test]
fn an_unclosed_quote_is_an_error_at_its_line() -> Result<()> {
    let text = "Project,DCA\nRail,Amber\n\"Tax,Green\nPort,Red\n";
    let err = Sheet::load(text, &ColumnMapping::new(), &LoadOptions::for_file("x.csv"))
        .err()
        .ok_or("an unclosed quote must be refused")?;
    assert_eq!(err.code(), CsvSyntax);
    assert_eq!(err.location().line, Some(3));
    Ok(())
}

#[test]
fn a_quoted_tab_keeps_its_quotes() -> Result<()> {
    let text = "a,b\n1,\"x\ty\"\n";
    let sheet = Sheet::load(text, &ColumnMapping::new(), &LoadOptions::default())?;
    assert_eq!(sheet.rows[0].cells[1], "x\ty");
    assert_eq!(sheet.to_csv()?, text);
    Ok(())
}

#[test]
fn encodings() -> Result<()> {
    let mapping = ColumnMapping::new().text("project", &["Project"]);
    // UTF-8 with a byte-order mark: read as it is, the mark kept for writing back.
    let sheet = Sheet::load_bytes(
        "\u{feff}Project\nCafé\n".as_bytes(),
        &mapping,
        &LoadOptions::default(),
    )?;
    assert_eq!((sheet.encoding, sheet.bom), (Encoding::Utf8, true));
    assert!(sheet.problems.is_empty());
    // Not UTF-8: read as Windows-1252 (0xE9 is é, 0x80 the euro sign), with a warning.
    let sheet = Sheet::load_bytes(
        b"Project\nCaf\xe9 \x80\n",
        &mapping,
        &LoadOptions::default(),
    )?;
    assert_eq!(sheet.rows[0].text("project"), Some("Café €"));
    assert_eq!(
        (sheet.problems[0].code, sheet.problems[0].severity),
        (Encoding_, Warning)
    );
    // Latin-1 when asked: 0x80 is the control character U+0080.
    let latin = LoadOptions::default().with_encoding("latin-1")?;
    let sheet = Sheet::load_bytes(b"Project\nCaf\xe9 \x80\n", &mapping, &latin)?;
    assert_eq!(sheet.rows[0].text("project"), Some("Café \u{80}"));
    assert!(sheet.problems.is_empty());
    // UTF-8 when asked: the first bad byte is refused with its offset (11) and line (2).
    let utf8 = LoadOptions::for_file("x.csv").with_encoding("utf-8")?;
    let err = Sheet::load_bytes(b"Project\nCaf\xe9\n", &mapping, &utf8)
        .err()
        .ok_or("not UTF-8")?;
    assert_eq!(err.code(), Encoding_);
    assert_eq!(err.location().line, Some(2));
    assert!(err.to_string().contains("byte 11 (0xE9)"), "{err}");
    Ok(())
}

// `Encoding` is also a type imported above; the code is spelled through the enum here.
#[allow(non_upper_case_globals)]
const Encoding_: ErrorCode = ErrorCode::Encoding;

#[test]
fn the_published_2016_release_as_it_is() -> Result<()> {
    let sheet = Sheet::load_bytes(P2016, &preset("gmpp-5")?, &LoadOptions::for_file("p.csv"))?;
    assert!(sheet.transposed);
    assert_eq!(sheet.encoding, Encoding::Windows1252);
    // Four projects; the empty last column is not one.
    assert_eq!(sheet.rows.len(), 4);
    assert_eq!(
        report(&sheet),
        [
            (Warning, Encoding_, 1, None),
            (Warning, MissingField, 1, None), // owner_rating: one rating row only
            (Warning, MissingField, 1, None), // project_id
            (Warning, Encoding_, 5, None),    // the stray 0x9D in the commentary row
            (Warning, DateAsText, 8, Some(4)), // Northern Courts' exempt end date
        ]
    );
    assert!(sheet.problems[3].message.contains("byte 631 (0x9D)"));
    // The header's first line is matched; its explanation is the column's description.
    let rating = &sheet.columns[2];
    assert_eq!(rating.field.as_deref(), Some("assessor_rating"));
    assert_eq!(
        rating.description.as_deref(),
        Some("A Delivery Confidence Assessment of the project at a fixed point in time, on a five-point scale")
    );
    assert_eq!(
        sheet.columns[5].description.as_deref(),
        Some("Latest approved end date")
    );
    let harbour = &sheet.rows[0];
    assert_eq!(
        (harbour.column, harbour.text("project")),
        (Some(2), Some("Harbour Wall Renewal"))
    );
    assert_eq!(
        harbour.rating("assessor_rating").and_then(|r| r.label()),
        Some("Amber/Red")
    );
    assert_eq!(harbour.date("end_date"), Some(d(2019, 3, 31)?));
    assert_eq!(harbour.number("yearly_budget"), Some(12.4));
    assert_eq!(harbour.number("whole_life_cost"), Some(310.5));
    // The FOI exemption in both its forms, and "Reset".
    assert_eq!(
        non_rating(&sheet, 1, "assessor_rating"),
        Some(NonRating::Withheld)
    );
    assert_eq!(
        non_rating(&sheet, 2, "assessor_rating"),
        Some(NonRating::NotAssessed)
    );
    assert_eq!(
        non_rating(&sheet, 3, "assessor_rating"),
        Some(NonRating::Withheld)
    );
    assert_eq!(
        sheet.rows[2].text("narrative"),
        Some("The scope is being redrawn.\u{9d}")
    );
    // Written back as read: the layout, the footnote and the blank rows.
    let text: String = P2016
        .iter()
        .map(|&b| match b {
            0xA3 => '£',
            other => char::from(other),
        })
        .collect();
    assert_eq!(sheet.to_csv()?, text);
    Ok(())
}

#[test]
fn a_declared_layout_wins() -> Result<()> {
    // Read one record per row, the 2016 release has one "row" per field: its first row
    // names projects, so the project column is "Project Name" and nothing else maps.
    let options = LoadOptions::default().with_transposed(false);
    let sheet = Sheet::load_bytes(P2016, &preset("gmpp-5")?, &options)?;
    assert!(!sheet.transposed);
    assert_eq!(sheet.rows.len(), 10);
    assert_eq!(sheet.rows[0].text("project"), Some("Department"));
    Ok(())
}

#[test]
fn the_2021_reshare_with_money_units_and_wordings() -> Result<()> {
    let sheet = Sheet::load_bytes(R2021, &preset("gmpp-5")?, &LoadOptions::default())?;
    assert_eq!((sheet.delimiter, sheet.transposed), (b';', false));
    assert_eq!(
        report(&sheet),
        [
            (Warning, MissingField, 1, None),    // owner_rating
            (Warning, Ambiguous, 4, Some(8)),    // 31/03/65: 2065, near the pivot 69
            (Error, InvalidNumber, 4, Some(10)), // "not known"
        ]
    );
    let rows = &sheet.rows;
    // "Amber/ Red": the space after the slash folded.
    assert_eq!(
        rows[0].rating("assessor_rating").and_then(|r| r.label()),
        Some("Amber/Red")
    );
    // Money in the column's unit, £m: £2.5m, £1.2bn, £450k, £26.19m.
    assert_eq!(rows[0].number("yearly_budget"), Some(2.5));
    assert_eq!(rows[0].number("whole_life_cost"), Some(1200.0));
    assert_eq!(rows[1].number("yearly_budget"), Some(0.45));
    assert_eq!(rows[1].number("whole_life_cost"), Some(26.19));
    assert_eq!(
        non_rating(&sheet, 1, "assessor_rating"),
        Some(NonRating::Withheld)
    );
    assert_eq!(
        non_rating(&sheet, 3, "assessor_rating"),
        Some(NonRating::NotAssessed)
    );
    assert_eq!(rows[2].date("end_date"), Some(d(2065, 3, 31)?));
    assert_eq!(
        rows[2].value("whole_life_cost"),
        Some(&Value::Unreadable("not known".into()))
    );
    assert_eq!(
        rows[2]
            .value("whole_life_cost")
            .and_then(Value::table_text)
            .as_deref(),
        Some("[unreadable: not known]")
    );
    assert_eq!(rows[0].text("project_id"), Some("DFT_0001"));
    Ok(())
}

#[test]
fn the_2023_reshare_with_two_rating_columns() -> Result<()> {
    let sheet = Sheet::load_bytes(R2023, &preset("gmpp-3")?, &LoadOptions::default())?;
    assert_eq!((sheet.bom, sheet.crlf, sheet.delimiter), (true, true, b','));
    assert_eq!(
        report(&sheet),
        [
            (Warning, MissingField, 1, None),
            (Warning, MissingField, 1, None)
        ]
    );
    let rows = &sheet.rows;
    // The first colour_rating is the IPA's, the second the SRO's.
    let rating = |row: usize, f: &str| rows[row].rating(f).and_then(|r| r.label());
    assert_eq!(
        (rating(0, "assessor_rating"), rating(0, "owner_rating")),
        (Some("Red"), Some("Amber"))
    );
    assert_eq!(
        non_rating(&sheet, 1, "assessor_rating"),
        Some(NonRating::NotAssessed)
    );
    // Its two ratings hold two line breaks each, so the row spans lines 3 to 7 and the
    // next one starts on line 8.
    assert_eq!((rows[1].line, rows[2].line), (3, 8));
    assert_eq!(rows[0].number("whole_life_cost"), Some(1450.0));
    let text = std::str::from_utf8(R2023)?;
    assert_eq!(sheet.to_csv()?, text);
    Ok(())
}

fn three_releases() -> Result<Releases> {
    let mut releases = Releases::gmpp();
    releases.load_gmpp(2016, P2016, &LoadOptions::for_file("published-2016.csv"))?;
    releases.load_gmpp(2023, R2023, &LoadOptions::for_file("reshared-2023.csv"))?;
    releases.load_gmpp(2021, R2021, &LoadOptions::for_file("reshared-2021.csv"))?;
    Ok(releases)
}

#[test]
fn releases_as_one_history() -> Result<()> {
    let releases = three_releases()?;
    let dates: Vec<NaiveDate> = releases.releases().iter().map(|r| r.as_of).collect();
    assert_eq!(dates, [d(2015, 9, 30)?, d(2023, 3, 31)?, d(2021, 3, 31)?]);
    let history = releases.history()?;
    let labels: Vec<&str> = history
        .snapshots
        .snapshots()
        .iter()
        .map(|s| s.label.as_str())
        .collect();
    assert_eq!(labels, ["2016", "2021", "2023"]);

    let summary = history.snapshots.rating_summary("assessor_rating");
    let counts = |i: usize| {
        let s = &summary[i];
        (
            s.items,
            s.ratings
                .iter()
                .map(|(k, n)| (k.as_str(), *n))
                .collect::<Vec<_>>(),
            s.non_ratings
                .iter()
                .map(|(k, n)| (k.as_str(), *n))
                .collect::<Vec<_>>(),
            s.blank,
            s.unreadable,
        )
    };
    assert_eq!(
        counts(0),
        (
            4,
            vec![("Amber/Red", 1)],
            vec![("not_assessed", 1), ("withheld", 2)],
            0,
            0
        )
    );
    assert_eq!(
        counts(1),
        (
            4,
            vec![("Amber", 1), ("Amber/Red", 1)],
            vec![("not_assessed", 1), ("withheld", 1)],
            0,
            0
        )
    );
    assert_eq!(
        counts(2),
        (
            3,
            vec![("Amber", 1), ("Red", 1)],
            vec![("not_assessed", 1)],
            0,
            0
        )
    );

    // Harbour Wall: by name in 2016, by number DFT_0001 in 2021 and 2023 (the number
    // learnt from 2021, where the name is the same).
    let slips = history.snapshots.slippage();
    let slip = |i: usize| {
        let s = &slips[i];
        (
            s.node.as_str(),
            s.snapshots.len(),
            s.slippage.as_ref().map(|x| (x.days, x.dated, x.undated)),
        )
    };
    assert_eq!(slips.len(), 5);
    // 31 Mar 2019 → 30 Sep 2023: four years with one leap day (1461) and 183 days.
    assert_eq!(slip(0), ("gmpp-dft-0001", 3, Some((1644, 3, 0))));
    assert_eq!(slips[0].title, "Harbour Wall Renewal (Phase 1)");
    // 31 Mar 2018 → 31 Mar 2024: six years and two leap days.
    assert_eq!(slip(1), ("gmpp-dhsc-0002", 3, Some((2192, 3, 0))));
    // Exempt in 2016; 31 Mar 2065 (a two-digit year) in 2021, then 31 Mar 2026: 39 years
    // and ten leap days back.
    assert_eq!(slip(2), ("gmpp-moj-0003", 3, Some((-14245, 2, 1))));
    assert_eq!(slip(3), ("fleet-radio-replacement", 1, Some((0, 1, 0))));
    assert_eq!(slip(4), ("gmpp-co-0004", 1, None));

    // Every match between two spellings is listed, at the later row.
    let matches: Vec<(&str, u64, &str)> = history
        .problems
        .iter()
        .map(|p| (p.file.as_str(), p.line, p.value.as_str()))
        .collect();
    assert_eq!(
        matches,
        [
            ("reshared-2021.csv", 3, "PENSION RECORDS PROGRAM"),
            ("reshared-2023.csv", 2, "Harbour Wall Renewal (Phase 1)"),
        ]
    );
    assert!(history
        .problems
        .iter()
        .all(|p| p.code == NameMatch && p.severity == Warning));

    // Departments under their canonical names, whatever the release wrote.
    let by = history.snapshots.rating_counts_by_owner("assessor_rating");
    let owners: Vec<(&str, &str, usize)> = by
        .iter()
        .map(|o| (o.label.as_str(), o.owner.as_str(), o.items))
        .collect();
    assert_eq!(
        &owners[4..8],
        [
            ("2021", "Department for Transport", 1),
            ("2021", "Department of Health and Social Care", 1),
            ("2021", "Ministry of Justice", 1),
            ("2021", "Cabinet Office", 1),
        ]
    );
    assert_eq!(
        owners[1],
        ("2016", "Department of Health and Social Care", 1)
    );
    Ok(())
}

#[test]
fn a_user_key_splits_a_match() -> Result<()> {
    let mut releases = three_releases()?;
    releases.same_project("Harbour Wall Renewal (Phase 1)", "harbour phase one");
    let history = releases.history()?;
    let slips = history.snapshots.slippage();
    assert_eq!(slips.len(), 6);
    let harbour: Vec<(&str, usize)> = slips
        .iter()
        .filter(|s| s.title.starts_with("Harbour"))
        .map(|s| (s.node.as_str(), s.snapshots.len()))
        .collect();
    assert_eq!(harbour, [("gmpp-dft-0001", 2), ("harbour-phase-one", 1)]);
    assert_eq!(history.problems.len(), 1);
    Ok(())
}

#[test]
fn a_release_without_its_rating_column_is_refused() -> Result<()> {
    let mut releases = Releases::gmpp();
    let err = releases
        .load_gmpp(
            2019,
            b"Project Name,Department\nRail,DfT\n",
            &LoadOptions::for_file("r.csv"),
        )
        .err()
        .ok_or("a release needs its rating column")?;
    assert_eq!(err.code(), MissingField);
    let message = err.to_string();
    assert!(
        message.contains("assessor_rating") && message.contains("MPA RAG rating"),
        "{message}"
    );
    assert!(releases.releases().is_empty());
    Ok(())
}

#[test]
fn schedule_health_from_the_history() -> Result<()> {
    let history = three_releases()?.history()?;
    let health = history.snapshots.schedule_health("start_date", None);
    // Fleet Radio in 2016: 1 Jan 2011 to 30 Sep 2020, as at 30 Sep 2015: 1733 of 3560
    // days gone.
    let fleet = health
        .iter()
        .find(|h| h.node == "fleet-radio-replacement")
        .and_then(|h| h.health.as_ref())
        .ok_or("fleet radio has a start and an end")?;
    assert!(
        (fleet.elapsed - 1733.0 / 3560.0).abs() < 1e-12,
        "{}",
        fleet.elapsed
    );
    Ok(())
}

/// Texts the fuzz target found, each written back and read again: the same cells, the same
/// text. Each once read back with another delimiter or without its header.
#[test]
fn written_sheets_read_back_to_the_same_cells() -> Result<()> {
    let mapping = ColumnMapping::new();
    let options = LoadOptions::default();
    for text in [
        "a,\"b;c;d\"\n1,2\n",
        "\"a;b\",c\n\"1;2\",3\n",
        "a\rb;c\nd;e\n",
        "\"\"",
        "a\n\"\"\nb\n",
        "\"\"\t",
        "\"\"\u{feff}",
        // One mark, a blank line, then a U+FEFF cell: the header for the delimiter too.
        "\u{feff}\n\u{feff}\na;b,c\n",
    ] {
        let sheet = Sheet::load(text, &mapping, &options)?;
        let written = sheet.to_csv()?;
        let again = Sheet::load(&written, &mapping, &options)?;
        assert_eq!(again.delimiter, sheet.delimiter, "{text:?}");
        let headers = |s: &Sheet| {
            s.columns
                .iter()
                .map(|c| c.header.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(headers(&again), headers(&sheet), "{text:?}");
        let cells = |s: &Sheet| s.rows.iter().map(|r| r.cells.clone()).collect::<Vec<_>>();
        assert_eq!(cells(&again), cells(&sheet), "{text:?}");
        assert_eq!(again.to_csv()?, written, "{text:?}");
    }
    Ok(())
}
