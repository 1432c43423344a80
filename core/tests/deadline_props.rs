//! Property tests for the deadline engine: no input panics; every accepted deadline has
//! `earliest <= latest`; its EDTF rendering reads back to the same window; judgments are
//! consistent with the window.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use roadmap_tracker::deadline::{parse, parse_edtf, DeadlineKind, DeadlineState};

fn written_on() -> impl Strategy<Value = NaiveDate> {
    (2000i32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default())
}

/// Phrases built from the grammar's own pieces, so most of them are accepted and every
/// branch (connectives, parts, units, years, ranges) is exercised.
fn phrase() -> impl Strategy<Value = String> {
    let connective = prop::sample::select(vec![
        "",
        "by ",
        "before ",
        "from ",
        "after ",
        "in ",
        "during ",
        "around ",
        "completed in ",
        "by the end of ",
        "from the start of ",
        "no later than ",
    ]);
    let part = prop::sample::select(vec![
        "",
        "early ",
        "mid-",
        "late ",
        "the end of ",
        "the start of ",
        "towards the end of ",
        "the rest of ",
    ]);
    let unit = prop::sample::select(vec![
        "March",
        "December",
        "summer",
        "winter",
        "spring",
        "Q1",
        "Q4",
        "H2",
        "the first half of",
        "the third quarter of",
        "",
        "FY",
        "financial year",
        "tax year",
        "this year",
        "next year",
        "last year",
        "this winter",
        "next summer",
        "31 March",
        "29 February",
        "1/4/",
    ]);
    let year = prop::sample::select(vec![
        "",
        " 2026",
        " 2027",
        " 2028",
        " 2026-27",
        " 2025/26",
        " 2026-2028",
        "27",
        " 1999",
        " 9999",
    ]);
    let tail = prop::sample::select(vec!["", " onwards", " to June 2027", " ago", " maybe"]);
    (connective, part, unit, year, tail).prop_map(|(c, p, u, y, t)| format!("{c}{p}{u}{y}{t}"))
}

/// The same run in CI every time; set PROPTEST_RNG_SEED to explore other seeds.
fn config(cases: u32) -> ProptestConfig {
    let mut c = ProptestConfig::with_cases(cases);
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = proptest::test_runner::RngSeed::Fixed(0x6465_6164_6c69_6e65);
    }
    c
}

proptest! {
    #![proptest_config(config(4000))]

    #[test]
    fn any_text_is_parsed_or_refused(text in ".{0,80}", w in written_on()) {
        let _ = parse(&text, w);
        let _ = parse_edtf(&text, w);
    }

    #[test]
    fn grammar_phrases_keep_their_invariants(p in phrase(), w in written_on(), as_of in written_on(), delivered in proptest::option::of(written_on())) {
        let Ok(d) = parse(&p, w) else { return Ok(()); };
        if let (Some(e), Some(l)) = (d.earliest(), d.latest()) {
            prop_assert!(e <= l, "{p:?}: {e} > {l}");
        }
        if let (Some(f), Some(l)) = (d.due_from(), d.latest()) {
            prop_assert!(f <= l, "{p:?}: due from {f} after latest {l}");
        }
        if let Some(edtf) = d.edtf() {
            let back = parse_edtf(&edtf, w);
            prop_assert!(back.is_ok(), "{p:?}: EDTF {edtf} refused: {back:?}");
            if let Ok(back) = back {
                prop_assert_eq!((back.earliest(), back.latest()), (d.earliest(), d.latest()), "{:?} via {}", p, edtf);
            }
        }
        let j = d.judge(as_of, delivered);
        match j.state {
            DeadlineState::Overdue => prop_assert!(d.latest().is_some_and(|l| as_of > l)),
            DeadlineState::NotYetDue => prop_assert!(d.due_from().is_some_and(|f| as_of < f)),
            DeadlineState::NoDeadline => prop_assert!(
                matches!(d.kind(), DeadlineKind::None | DeadlineKind::Ongoing)
                    || (d.earliest().is_none() && d.latest().is_none())
            ),
            _ => {}
        }
        if let Some(days) = j.days {
            prop_assert!(days >= 0, "{p:?}: negative days {days} for {}", j.state);
        }
    }

    #[test]
    fn edtf_dates_round_trip(y in 1000i32..=9998, m in 1u32..=12, day in 1u32..=28, code in 21u32..=41) {
        let w = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap_or_default();
        for text in [format!("{y:04}"), format!("{y:04}-{m:02}"), format!("{y:04}-{m:02}-{day:02}"), format!("{y:04}-{code}")] {
            let d = parse_edtf(&text, w);
            prop_assert!(d.is_ok(), "{text}: {d:?}");
            if let Ok(d) = d {
                let (Some(e), Some(l)) = (d.earliest(), d.latest()) else { return Err(TestCaseError::fail("open window")); };
                prop_assert!(e <= l);
                prop_assert_eq!(e.year(), y);
                let again = d.edtf().and_then(|r| parse_edtf(&r, w).ok());
                prop_assert_eq!(again.map(|a| (a.earliest(), a.latest())), Some((Some(e), Some(l))));
            }
        }
    }
}

#[test]
fn long_and_hostile_phrases_are_refused_not_panicked() {
    let w = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap_or_default();
    let long = "by March 2028 ".repeat(100);
    assert_eq!(parse(&long, w).unwrap_err().code().as_str(), "too_long");
    let huge = "9".repeat(400);
    assert_eq!(parse(&huge, w).unwrap_err().code().as_str(), "out_of_range");
    for text in [
        "\u{0}",
        "\u{feff}summer 2026",
        "by\u{0}March",
        "Q99999999999 2026",
        "within 4294967295 years",
        "4294967295 years ago",
        "=HYPERLINK(\"x\")",
    ] {
        let _ = parse(text, w);
    }
    // Arithmetic that would leave the calendar is refused as out of range (found by the
    // property test above: "after late 9999" once started in the year 10000).
    assert_eq!(
        parse("after late 9999", w).unwrap_err().code().as_str(),
        "out_of_range"
    );
    assert_eq!(
        parse("before 1 January 1000", w)
            .unwrap_err()
            .code()
            .as_str(),
        "out_of_range"
    );
    assert_eq!(
        parse("within 99999 years", w).unwrap_err().code().as_str(),
        "out_of_range"
    );
    assert_eq!(
        parse("9999 years ago", w).unwrap_err().code().as_str(),
        "out_of_range"
    );
    assert_eq!(
        parse(
            "by December 9999",
            NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default()
        )
        .map(|d| d.latest())
        .ok()
        .flatten(),
        NaiveDate::from_ymd_opt(9999, 12, 31)
    );
}
