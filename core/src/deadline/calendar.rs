//! Calendar arithmetic on inclusive windows, without panics: every step that could leave
//! chrono's range returns `None`. The two checks that refuse a written year or date with a
//! [`DeadlineError`] live here too, as both the grammar and resolution use them.

use chrono::{Datelike, Months, NaiveDate};

use super::{DeadlineError, DeadlineErrorCode as Code};
use crate::dates::days_in_month;

/// The smallest year a deadline may name.
pub const MIN_YEAR: i32 = 1000;
/// The largest year a deadline may name.
pub const MAX_YEAR: i32 = 9999;

pub(crate) fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

pub(crate) fn month_start(year: i32, month: u32) -> Option<NaiveDate> {
    ymd(year, month, 1)
}

pub(crate) fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    ymd(year, month, days_in_month(year, month))
}

/// The month `n` months after (or before, when negative) `year`-`month`, as (year, month).
pub(crate) fn shift_month(year: i32, month: u32, n: i32) -> (i32, u32) {
    let index = year * 12 + month as i32 - 1 + n;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

/// The window of `count` whole months starting at `year`-`month`.
pub(crate) fn months(year: i32, month: u32, count: i32) -> Option<(NaiveDate, NaiveDate)> {
    let (ey, em) = shift_month(year, month, count - 1);
    Some((month_start(year, month)?, month_end(ey, em)?))
}

pub(crate) fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_signed(chrono::TimeDelta::try_days(days)?)
}

/// `date` plus whole months, clamping the day to the month's end (31 Jan + 1 month = 28/29 Feb).
pub(crate) fn add_months(date: NaiveDate, months: i32) -> Option<NaiveDate> {
    if months >= 0 {
        date.checked_add_months(Months::new(months.unsigned_abs()))
    } else {
        date.checked_sub_months(Months::new(months.unsigned_abs()))
    }
}

/// The first month of northern season `season` (0 spring … 3 winter; later numbers are
/// winter): March, June, September, December.
pub(crate) fn season_first_month(season: u32) -> u32 {
    season.min(3) * 3 + 3
}

pub(crate) fn is_month_start(d: NaiveDate) -> bool {
    d.day() == 1
}

pub(crate) fn is_month_end(d: NaiveDate) -> bool {
    d.day() == days_in_month(d.year(), d.month())
}

pub(crate) fn is_year_start(d: NaiveDate) -> bool {
    d.month() == 1 && d.day() == 1
}

pub(crate) fn is_year_end(d: NaiveDate) -> bool {
    d.month() == 12 && d.day() == 31
}

/// Days from `a` to `b` (positive when `b` is later): the same as chrono's
/// `signed_duration_since(..).num_days()`, from the two day numbers (cheaper: it is taken for
/// every status, several times).
pub(crate) fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    i64::from(b.num_days_from_ce()) - i64::from(a.num_days_from_ce())
}

/// A written year: four digits, within [`MIN_YEAR`]..=[`MAX_YEAR`].
pub(crate) fn check_year(
    value: u32,
    digits: u8,
    span: (usize, usize),
) -> Result<i32, DeadlineError> {
    match i32::try_from(value) {
        Ok(y) if digits == 4 && (MIN_YEAR..=MAX_YEAR).contains(&y) => Ok(y),
        _ => Err(DeadlineError::at(
            Code::OutOfRange,
            span,
            format!("years run from {MIN_YEAR} to {MAX_YEAR}, written with four digits"),
        )),
    }
}

/// A written date, refused with the reason when the month or day is out of range or the
/// day does not exist in that month.
pub(crate) fn checked_date(
    year: i32,
    month: u32,
    day: u32,
    span: (usize, usize),
) -> Result<NaiveDate, DeadlineError> {
    if !(1..=12).contains(&month) {
        return Err(DeadlineError::at(
            Code::OutOfRange,
            span,
            format!("month {month} is out of range (1 to 12)"),
        ));
    }
    if !(1..=31).contains(&day) {
        return Err(DeadlineError::at(
            Code::OutOfRange,
            span,
            format!("day {day} is out of range (1 to 31)"),
        ));
    }
    ymd(year, month, day).ok_or_else(|| {
        DeadlineError::at(
            Code::ImpossibleDate,
            span,
            format!(
                "{} {} has {} days, so day {day} does not exist",
                crate::dates::month_name(month),
                year,
                days_in_month(year, month)
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_between_is_chrono_s_duration_in_days() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let days = [
            d(2026, 1, 19),
            d(2026, 3, 1),
            d(2024, 2, 29),
            d(1900, 3, 1),
            d(2000, 2, 29),
            d(1, 1, 1),
            d(0, 12, 31),
            d(-400, 3, 1),
            d(9999, 12, 31),
            NaiveDate::MIN,
            NaiveDate::MAX,
        ];
        for &a in &days {
            for &b in &days {
                assert_eq!(
                    days_between(a, b),
                    b.signed_duration_since(a).num_days(),
                    "{a} {b}"
                );
            }
        }
        assert_eq!(days_between(d(2026, 2, 28), d(2026, 3, 1)), 1);
        assert_eq!(days_between(d(2024, 2, 28), d(2024, 3, 1)), 2);
    }
}
