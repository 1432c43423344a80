//! The EDTF reader: any text. Nothing may panic; an accepted string gives an ordered window
//! whose own rendering reads back to the same window.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use roadmap_tracker::deadline::parse_edtf;

fuzz_target!(|text: &str| {
    let written_on = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap_or_default();
    if let Ok(d) = parse_edtf(text, written_on) {
        if let (Some(e), Some(l)) = (d.earliest(), d.latest()) {
            assert!(e <= l, "{text:?}: {e} > {l}");
        }
        if let Some(edtf) = d.edtf() {
            let back = parse_edtf(&edtf, written_on).expect("rendering reads back");
            assert_eq!(
                (back.earliest(), back.latest()),
                (d.earliest(), d.latest()),
                "{text:?} via {edtf}"
            );
        }
    }
});
