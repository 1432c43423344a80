//! The deadline phrase parser: any bytes, read as two day offsets (written_on and as-of)
//! and a phrase. Nothing may panic; an accepted deadline keeps earliest <= latest and its
//! EDTF reads back to the same window.
#![no_main]

use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;
use roadmap_tracker::deadline::{parse, parse_edtf};

fuzz_target!(|bytes: &[u8]| {
    let (days, phrase) = bytes.split_at(bytes.len().min(4));
    let mut d = [0u8; 4];
    d[..days.len()].copy_from_slice(days);
    let base = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or_default();
    let offset = |b: [u8; 2]| Days::new(u64::from(u16::from_le_bytes(b)) % 40_000);
    let written_on = base.checked_add_days(offset([d[0], d[1]])).unwrap_or(base);
    let as_of = base.checked_add_days(offset([d[2], d[3]])).unwrap_or(base);
    let phrase = String::from_utf8_lossy(phrase);
    if let Ok(deadline) = parse(&phrase, written_on) {
        if let (Some(e), Some(l)) = (deadline.earliest(), deadline.latest()) {
            assert!(e <= l, "{phrase:?}: {e} > {l}");
        }
        if let Some(edtf) = deadline.edtf() {
            let back = parse_edtf(&edtf, written_on).expect("EDTF output reads back");
            assert_eq!(
                (back.earliest(), back.latest()),
                (deadline.earliest(), deadline.latest()),
                "{phrase:?} via {edtf}"
            );
        }
        let _ = deadline.judge(as_of, Some(written_on));
        let _ = deadline.judge(as_of, None);
    }
});
