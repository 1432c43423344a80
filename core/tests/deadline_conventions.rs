//! Conventions that writers genuinely differ on, configured: a financial year starting
//! on 1 October (the US federal year), month-first numeric dates, an extended registry.
//! Expected windows are worked out by hand from docs/deadlines.md.

#![allow(clippy::unwrap_used)] // helpers shared by the tests fail loudly

use chrono::NaiveDate;
use roadmap_tracker::deadline::{Conventions, DeadlineKind, FyLabel, Granularity, YearStart};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn a_financial_year_starting_in_october() {
    let us = Conventions {
        financial_year_start: YearStart::new(10, 1).unwrap(),
        fy_label: FyLabel::EndYear,
        ..Conventions::default()
    };
    let w = d(2026, 1, 19);
    // FY2026 ends in 2026: 1 October 2025 to 30 September 2026.
    let fy = us.parse("FY2026", w).unwrap();
    assert_eq!(
        (fy.earliest(), fy.latest()),
        (Some(d(2025, 10, 1)), Some(d(2026, 9, 30)))
    );
    // Its first quarter is October to December 2025.
    let q1 = us.parse("Q1 FY26", w).unwrap();
    assert_eq!(
        (q1.earliest(), q1.latest()),
        (Some(d(2025, 10, 1)), Some(d(2025, 12, 31)))
    );
    // "2025-26" names the year starting in 2025.
    let pair = us.parse("by the end of 2025-26", w).unwrap();
    assert_eq!(
        (pair.kind(), pair.latest()),
        (DeadlineKind::By, Some(d(2026, 9, 30)))
    );
    // A calendar quarter is unaffected.
    let cal = us.parse("Q1 2026", w).unwrap();
    assert_eq!(
        (cal.earliest(), cal.latest()),
        (Some(d(2026, 1, 1)), Some(d(2026, 3, 31)))
    );
}

#[test]
fn month_first_numeric_dates() {
    let us = Conventions {
        day_first: false,
        ..Conventions::default()
    };
    let w = d(2026, 1, 19);
    assert_eq!(
        us.parse("12/06/2026", w).unwrap().earliest(),
        Some(d(2026, 12, 6))
    );
    // 31/03/2026 has no month 31.
    assert_eq!(
        us.parse("31/03/2026", w).unwrap_err().code().as_str(),
        "out_of_range"
    );
}

#[test]
fn an_extended_registry() {
    let mut c = Conventions::default();
    c.named_periods
        .insert(
            "the pilot phase",
            d(2026, 9, 1),
            d(2027, 2, 28),
            Granularity::Month,
        )
        .unwrap();
    c.named_periods
        .insert_unknown("the next spending review")
        .unwrap();
    let w = d(2026, 1, 19);
    let pilot = c.parse("during the pilot phase", w).unwrap();
    assert_eq!(
        (pilot.earliest(), pilot.latest()),
        (Some(d(2026, 9, 1)), Some(d(2027, 2, 28)))
    );
    let late = c.parse("by the end of the pilot phase", w).unwrap();
    assert_eq!(late.latest(), Some(d(2027, 2, 28)));
    let unknown = c.parse("after the next spending review", w).unwrap();
    assert_eq!(
        (unknown.kind(), unknown.granularity()),
        (DeadlineKind::From, Granularity::Unknown)
    );
    assert!(unknown.is_uncertain() && unknown.earliest().is_none());
    // A reversed window is refused when it is registered, not when it is read.
    assert!(c
        .named_periods
        .insert("backwards", d(2027, 1, 1), d(2026, 1, 1), Granularity::Year)
        .is_err());
    // The default conventions do not know the pilot phase: after "during", its first word
    // is an unrecognised word.
    let err = roadmap_tracker::deadline::parse("during the pilot phase", w).unwrap_err();
    assert_eq!(
        (err.code().as_str(), err.span()),
        ("unrecognised_word", Some((11, 16)))
    );
}
