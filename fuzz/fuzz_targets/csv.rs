//! The CSV loaders on any bytes: the first byte picks the nodes table (substituted into the
//! bundled roadmap's tables) or the single-sheet tracker; accepted input round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap_tracker::Roadmap;

fuzz_target!(|bytes: &[u8]| {
    let Some((&which, body)) = bytes.split_first() else {
        return;
    };
    let base = Roadmap::uk_digital_2026();
    if which % 2 == 1 {
        let text = String::from_utf8_lossy(body);
        if let Ok(r) = Roadmap::from_tracker_csv(&text, base.clone()) {
            let out = r.to_tracker_csv().expect("a loaded tracker serialises");
            Roadmap::from_tracker_csv(&out, base.clone()).expect("and reads back");
        }
    } else if let Ok(mut tables) = base.to_csv_tables() {
        if tables.set_bytes("nodes.csv", body).is_ok() {
            if let Ok(r) = Roadmap::from_csv_tables(&tables) {
                let again = Roadmap::from_csv_tables(&r.to_csv_tables().expect("serialises"))
                    .expect("reads back");
                assert_eq!(again, r);
            }
        }
    }
});
