//! The flat sheet on any text (read with the minimal fixture as its base): it never panics,
//! and a sheet it accepts writes out and reads back to the same roadmap, whatever its
//! titles, extra columns or formula-like cells.
#![no_main]

use libfuzzer_sys::fuzz_target;
use roadmap_tracker::Roadmap;

const JSON: &str = include_str!("../../tests/fixtures/minimal/roadmap.json");
const HEADER: &str = "section,subcategory,area,id,title,owners,status,status_date,note\n";

fuzz_target!(|bytes: &[u8]| {
    let Some((&which, body)) = bytes.split_first() else {
        return;
    };
    let Ok(body) = std::str::from_utf8(body) else {
        return;
    };
    // Half the inputs get a valid header, so the fuzzer reaches the rows.
    let text = if which % 2 == 0 {
        format!("{HEADER}{body}")
    } else {
        body.to_owned()
    };
    let base = Roadmap::from_json_str(JSON).expect("the minimal fixture loads");
    if let Ok(r) = Roadmap::from_flat_csv(&text, base.clone()) {
        let out = r.to_flat_csv().expect("a loaded flat sheet writes");
        let back = Roadmap::from_flat_csv(&out, base).expect("and reads back");
        assert_eq!(back, r, "the flat sheet round-trips exactly");
    }
});
