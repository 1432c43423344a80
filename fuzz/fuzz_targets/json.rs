//! The JSON loader on any bytes; an accepted roadmap round-trips through JSON and can be
//! evaluated.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use roadmap_tracker::status::{Evaluator, Rules};
use roadmap_tracker::Roadmap;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(roadmap) = Roadmap::from_json_slice(bytes) {
        let json = roadmap.to_json().expect("a loaded roadmap serialises");
        let again = Roadmap::from_json_str(&json).expect("and reads back");
        assert_eq!(again, roadmap);
        if let Ok(evaluator) = Evaluator::new(&roadmap, Rules::default()) {
            let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default();
            let _ = evaluator.evaluate(as_of);
        }
    }
});
