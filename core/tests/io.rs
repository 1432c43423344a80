//! Files by path (formats, load, save, encoding) and the sheet options the bindings pass
//! in (column mappings, load options), with hand-worked expectations.

use std::path::{Path, PathBuf};

use roadmap_tracker::io::{decode_utf8, Format, Table};
use roadmap_tracker::spreadsheet::{ColumnMapping, FieldKind, LoadOptions, MappingSpec};
use roadmap_tracker::status::Vocabulary;
use roadmap_tracker::{ErrorCode, Roadmap};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rt-io-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| unreachable!("{e}"));
    dir
}

#[test]
fn format_names_and_paths() {
    assert_eq!("json".parse::<Format>().unwrap(), Format::Json);
    assert_eq!("tables".parse::<Format>().unwrap(), Format::CsvTables);
    assert_eq!("flat".parse::<Format>().unwrap(), Format::Flat);
    // A name says what the path says: a .csv file is a flat sheet.
    assert_eq!("csv".parse::<Format>().unwrap(), Format::Flat);
    // The Python binding's former name for the flat sheet still reads.
    assert_eq!("tracker".parse::<Format>().unwrap(), Format::Flat);
    let err = "JSON".parse::<Format>().unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownValue);
    assert_eq!(
        err.to_string(),
        "unknown_value: format \"JSON\" is not one of json, tables, flat"
    );
    for f in Format::ALL {
        assert_eq!(f.as_str().parse::<Format>().unwrap(), f);
        assert_eq!(f.to_string(), f.as_str());
    }

    assert_eq!(Format::from_path("a/b.json").unwrap(), Format::Json);
    assert_eq!(Format::from_path("a/b.JSON").unwrap(), Format::Json);
    assert_eq!(Format::from_path("b.csv").unwrap(), Format::Flat);
    assert_eq!(Format::from_path("out/tables").unwrap(), Format::CsvTables);
    // A directory with a dot in its name holds tables; a file with another extension is
    // refused, naming the path.
    let dir = scratch("dotted").join("plan.v2");
    std::fs::create_dir_all(&dir).unwrap();
    assert_eq!(Format::from_path(&dir).unwrap(), Format::CsvTables);
    let err = Format::from_path("plan.xlsx").unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidArgument);
    assert_eq!(
        err.to_string(),
        "invalid_argument at plan.xlsx: cannot tell the format of plan.xlsx: name it (json, tables, flat)"
    );
}

#[test]
fn save_and_load_each_format() {
    let dir = scratch("round-trip");
    let uk = &Roadmap::uk_digital_2026();

    uk.save(dir.join("uk.json"), None).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.join("uk.json")).unwrap(),
        uk.to_json().unwrap()
    );
    assert_eq!(&Roadmap::load(dir.join("uk.json"), None, None).unwrap(), uk);

    uk.save(dir.join("tables"), None).unwrap();
    for table in Table::ALL {
        assert!(dir.join("tables").join(table.file_name()).is_file());
    }
    assert_eq!(&Roadmap::load(dir.join("tables"), None, None).unwrap(), uk);

    // The bundled roadmap has milestones, earlier updates and sections with sources: a
    // flat sheet cannot give it back, so it is not saved as one (the sheet as a view is
    // to_flat_csv).
    let err = uk.save(dir.join("uk.csv"), None).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidArgument);
    assert_eq!(
        err.location().file,
        Some(dir.join("uk.csv").display().to_string())
    );
    assert!(!dir.join("uk.csv").exists());
    // A roadmap read from a flat sheet saves as one and loads back equal.
    std::fs::write(dir.join("sheet.csv"), uk.to_flat_csv().unwrap()).unwrap();
    let flat = Roadmap::load(dir.join("sheet.csv"), None, Some(uk)).unwrap();
    flat.save(dir.join("uk.csv"), None).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.join("uk.csv")).unwrap(),
        uk.to_flat_csv().unwrap()
    );
    assert_eq!(
        Roadmap::load(dir.join("uk.csv"), None, Some(&flat)).unwrap(),
        flat
    );

    // The format given overrides the path: JSON text in a .txt file.
    uk.save(dir.join("uk.txt"), Some(Format::Json)).unwrap();
    assert_eq!(
        &Roadmap::load(dir.join("uk.txt"), Some(Format::Json), None).unwrap(),
        uk
    );
}

#[test]
fn a_flat_sheet_needs_a_base() {
    let path = fixtures().join("minimal/tracker.csv");
    let err = Roadmap::load(&path, None, None).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidArgument);
    assert_eq!(
        err.location().file.as_deref(),
        Some(path.display().to_string().as_str())
    );
    let base = Roadmap::load(fixtures().join("minimal/roadmap.json"), None, None).unwrap();
    let loaded = Roadmap::load(&path, None, Some(&base)).unwrap();
    assert_eq!(
        loaded.node("portal").map(|n| n.title.as_str()),
        Some("Launch a resident portal")
    );
}

#[test]
fn errors_name_the_file_given() {
    let dir = scratch("errors");
    // JSON: a bad date at a JSON path.
    let json = dir.join("bad.json");
    std::fs::write(
        &json,
        r#"{"id": "plan", "title": "Plan", "publisher": "Us", "published": "2026-02-30"}"#,
    )
    .unwrap();
    let err = Roadmap::load(&json, None, None).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidDate);
    let at = err.location();
    assert_eq!(
        at.file.as_deref(),
        Some(json.display().to_string().as_str())
    );
    assert_eq!(at.path.as_deref(), Some("published"));

    // JSON that is not UTF-8: byte 9 (after `{"id": "`) on line 1.
    let latin = dir.join("latin.json");
    std::fs::write(&latin, b"{\"id\": \"caf\xe9\"}").unwrap();
    let err = Roadmap::load(&latin, None, None).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Encoding);
    assert_eq!(
        err.to_string(),
        format!(
            "encoding at {}:1: byte 11 is not valid UTF-8; save the file as UTF-8",
            latin.display()
        )
    );

    // Flat sheet: a blank area on line 2, located in the path, not in `tracker.csv`.
    let flat = dir.join("sheet.csv");
    std::fs::write(&flat, "section,area,id,title\nServices,,portal,Portal\n").unwrap();
    let base = Roadmap::load(fixtures().join("minimal/roadmap.json"), None, None).unwrap();
    let err = Roadmap::load(&flat, None, Some(&base)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::BlankField);
    assert_eq!(
        err.location().to_string(),
        format!("{}:2, column area", flat.display())
    );
    // Read from text, the same sheet is located in the fixtures' `tracker.csv`.
    let text = std::fs::read_to_string(&flat).unwrap();
    let err = Roadmap::from_flat_csv(&text, base).unwrap_err();
    assert_eq!(err.location().to_string(), "tracker.csv:2, column area");

    // A missing file is an io error naming it.
    let err = Roadmap::load(dir.join("none.json"), None, None).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Io);
    assert!(err.to_string().contains("none.json"), "{err}");
    // A directory without nodes.csv.
    let empty = dir.join("empty-tables");
    std::fs::create_dir_all(&empty).unwrap();
    assert_eq!(
        Roadmap::load(&empty, None, None).unwrap_err().code(),
        ErrorCode::Io
    );
}

#[test]
fn decode_utf8_refuses_other_encodings() {
    assert_eq!(decode_utf8(b"\xEF\xBB\xBFid", None).unwrap(), "\u{feff}id");
    let err = decode_utf8(b"\xFF\xFEi\0d\0", Some("nodes.csv")).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Encoding);
    assert_eq!(
        err.to_string(),
        "encoding at nodes.csv: the input starts with a UTF-16 byte-order mark; save it as UTF-8"
    );
    // Line 3: two newlines before the bad byte at offset 4.
    let err = decode_utf8(b"a\nb\n\xC3(", None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "encoding at line 3: byte 4 is not valid UTF-8; save the file as UTF-8"
    );
}

#[test]
fn table_names() {
    assert_eq!("nodes".parse::<Table>().unwrap(), Table::Nodes);
    assert_eq!(
        "observations.csv".parse::<Table>().unwrap(),
        Table::Observations
    );
    let err = "notes".parse::<Table>().unwrap_err();
    assert_eq!(err.code(), ErrorCode::UnknownValue);
    assert_eq!(
        err.to_string(),
        "unknown_value at notes.csv: \"notes.csv\" is not one of the tables roadmap.csv, \
         sources.csv, nodes.csv, updates.csv, metrics.csv, observations.csv"
    );
    let required: Vec<Table> = Table::ALL.into_iter().filter(|t| t.is_required()).collect();
    assert_eq!(required, [Table::Roadmap, Table::Nodes]);
    assert_eq!(Table::Updates.columns()[0], "node");
}

fn mapping(json: &str) -> Result<ColumnMapping, roadmap_tracker::Error> {
    ColumnMapping::from_json_str(json, Vocabulary::builtin("gmpp-5").ok())
}

#[test]
fn column_mappings_from_data() {
    let m = mapping(
        r#"{"project": "Project Name",
            "aliases": ["Dept", "Department"],
            "owner": {"headers": "DCA", "kind": "rating", "occurrence": 2, "required": true},
            "ends": {"headers": ["End Date"], "kind": "date"},
            "assessor": {"headers": "DCA", "kind": "rating", "vocabulary": "gmpp-3"}}"#,
    )
    .unwrap();
    let f = m.fields();
    let names: Vec<&str> = f.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["project", "aliases", "owner", "ends", "assessor"]);
    assert_eq!(f[0].headers, ["Project Name"]);
    assert_eq!(f[0].kind, FieldKind::Text);
    assert_eq!(f[1].headers, ["Dept", "Department"]);
    assert!(matches!(f[2].kind, FieldKind::Rating(v) if v.id() == "gmpp-5"));
    assert_eq!((f[2].occurrence, f[2].required), (2, true));
    assert_eq!(f[3].kind, FieldKind::Date);
    assert!(matches!(f[4].kind, FieldKind::Rating(v) if v.id() == "gmpp-3"));
    // The same through serde, without a default vocabulary.
    let spec: MappingSpec = serde_json::from_str(r#"{"a": "A", "b": {"kind": "number"}}"#).unwrap();
    let m = ColumnMapping::from_spec(spec, None).unwrap();
    assert_eq!(m.fields()[1].kind, FieldKind::Number);
    assert_eq!(m.fields()[1].headers, Vec::<String>::new());
    let m: ColumnMapping = serde_json::from_str(r#"{"a": ["A", "Alpha"]}"#).unwrap();
    assert_eq!(m.fields()[0].headers, ["A", "Alpha"]);
}

#[test]
fn column_mapping_rules() {
    let refusal = |json: &str| {
        let e = mapping(json).unwrap_err();
        (e.code(), e.to_string())
    };
    assert_eq!(
        refusal(r#"{"line": "Line"}"#),
        (
            ErrorCode::InvalidArgument,
            "invalid_argument at line: \"line\" is reserved for the row's line number; name the field otherwise".into()
        )
    );
    assert_eq!(
        refusal(r#"{"x": {"headers": "X", "occurrence": 0}}"#),
        (
            ErrorCode::InvalidArgument,
            "invalid_argument at x.occurrence: occurrence must be at least 1, not 0".into()
        )
    );
    assert_eq!(
        refusal(r#"{"x": {"vocabulary": "gmpp-3"}}"#),
        (
            ErrorCode::InvalidArgument,
            "invalid_argument at x.vocabulary: vocabulary is only for rating fields".into()
        )
    );
    let (code, text) = refusal(r#"{"x": {"kind": "rating", "vocabulary": "gmpp"}}"#);
    assert_eq!(code, ErrorCode::UnknownValue);
    assert!(
        text.starts_with("unknown_value at x.vocabulary: unknown vocabulary \"gmpp\""),
        "{text}"
    );
    let (code, text) = refusal(r#"{"x": {"header": "X"}}"#);
    assert_eq!(code, ErrorCode::UnknownField);
    assert!(text.contains("unknown field `header`"), "{text}");
    let (code, text) = refusal(r#"{"x": {"kind": "money"}}"#);
    assert_eq!(code, ErrorCode::UnknownValue);
    assert!(text.contains("unknown variant `money`"), "{text}");
    assert_eq!(refusal(r#"{"x": 5}"#).0, ErrorCode::WrongType);
    assert_eq!(
        refusal(r#"{"x": {"occurrence": -1}}"#).0,
        ErrorCode::WrongType
    );
    // Without a default, a rating field must name its vocabulary.
    let e = ColumnMapping::from_json_str(r#"{"r": {"kind": "rating"}}"#, None).unwrap_err();
    assert_eq!(e.code(), ErrorCode::MissingField);
    assert_eq!(e.location().to_string(), "r.vocabulary");
    // Deserialize on ColumnMapping applies the same rules.
    assert!(serde_json::from_str::<ColumnMapping>(r#"{"line": "L"}"#).is_err());
}

#[test]
fn presets_and_load_options() {
    let gmpp3 = Vocabulary::builtin("gmpp-3").ok();
    let m = ColumnMapping::preset("gmpp", gmpp3).unwrap();
    assert_eq!(m, ColumnMapping::gmpp(gmpp3.unwrap()));
    let m = ColumnMapping::preset("gmpp", None).unwrap();
    assert!(matches!(m.fields()[2].kind, FieldKind::Rating(v) if v.id() == "gmpp-5"));
    assert_eq!(ColumnMapping::PRESETS, ["gmpp"]);
    assert_eq!(
        ColumnMapping::preset("GMPP", None).unwrap_err().code(),
        ErrorCode::UnknownValue
    );

    let o = LoadOptions::for_file("s.csv")
        .with_delimiter("\t")
        .unwrap()
        .with_two_digit_year_pivot(0)
        .unwrap();
    assert_eq!((o.delimiter, o.two_digit_year_pivot), (Some(b'\t'), 0));
    assert_eq!(
        LoadOptions::default()
            .with_two_digit_year_pivot(100)
            .unwrap()
            .two_digit_year_pivot,
        100
    );
    for bad in ["\"", "\r", "\n", "", ";;", "é"] {
        let e = LoadOptions::default().with_delimiter(bad).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidArgument, "{bad:?}");
        assert_eq!(e.location().field.as_deref(), Some("delimiter"));
    }
    let e = LoadOptions::default()
        .with_two_digit_year_pivot(256)
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid_argument at two_digit_year_pivot: two_digit_year_pivot must be from 0 to 100, not 256"
    );
}
