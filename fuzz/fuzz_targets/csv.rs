//! The CSV loaders on any bytes: the first byte picks the nodes table (substituted into the
//! minimal fixture's tables) or the flat sheet; accepted input round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap_tracker::io::{CsvTables, Table};
use roadmap_tracker::Roadmap;

const ROADMAP: &str = include_str!("../../tests/fixtures/minimal/roadmap.csv");
const SOURCES: &str = include_str!("../../tests/fixtures/minimal/sources.csv");
const UPDATES: &str = include_str!("../../tests/fixtures/minimal/updates.csv");
const JSON: &str = include_str!("../../tests/fixtures/minimal/roadmap.json");

fuzz_target!(|bytes: &[u8]| {
    let Some((&which, body)) = bytes.split_first() else {
        return;
    };
    if which % 2 == 1 {
        let base = Roadmap::from_json_str(JSON).expect("the minimal fixture loads");
        let text = String::from_utf8_lossy(body);
        if let Ok(r) = Roadmap::from_flat_csv(&text, base.clone()) {
            let out = r.to_flat_csv().expect("a loaded flat sheet serialises");
            Roadmap::from_flat_csv(&out, base).expect("and reads back");
        }
        return;
    }
    let mut tables = CsvTables::default();
    for (file, text) in [
        (Table::Roadmap, ROADMAP),
        (Table::Sources, SOURCES),
        (Table::Updates, UPDATES),
    ] {
        tables
            .set_bytes(file, text.as_bytes())
            .expect("fixture tables load");
    }
    if tables.set_bytes(Table::Nodes, body).is_ok() {
        if let Ok(r) = Roadmap::from_csv_tables(&tables) {
            let again = Roadmap::from_csv_tables(&r.to_csv_tables().expect("serialises"))
                .expect("reads back");
            assert_eq!(again, r);
        }
    }
});
