//! The spreadsheet loader on any text: it never panics, everything it cannot use is a
//! located problem, and a loaded sheet writes back what it read, cell for cell.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap_tracker::spreadsheet::{ColumnMapping, LoadOptions, Sheet};

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let mapping = ColumnMapping::new();
    let options = LoadOptions::for_file("fuzz.csv");
    if let Ok(sheet) = Sheet::load(text, &mapping, &options) {
        let _ = sheet.problems_csv().expect("the problem report writes");
        if let Ok(out) = sheet.to_csv() {
            let again = Sheet::load(&out, &mapping, &options).expect("a written sheet reads");
            assert_eq!(again.to_csv().ok(), Some(out), "writing is stable");
        }
    }
});
