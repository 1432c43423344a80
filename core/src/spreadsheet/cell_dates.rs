//! Dates as spreadsheets hold them: ISO, day-first with slashes, dots or hyphens, and
//! two-digit years.
//!
//! UK and European publishers write the day first (`30/09/2019`, `30.09.19`), so a
//! slashed or dotted date is always read day-first; the library never guesses the order
//! from the values, because a guess that works on 13 March silently swaps 3 December.
//!
//! **Two-digit years** follow the POSIX `strptime` pivot: `00`–`68` are 2000–2068 and
//! `69`–`99` are 1969–1999. [`DateReading::read_with_pivot`] moves the pivot.

use chrono::NaiveDate;

use crate::dates::checked_ymd;

/// The default first two-digit year read as 19xx (POSIX: 69 → 1969, 68 → 2068).
pub const TWO_DIGIT_YEAR_PIVOT: u8 = 69;

/// What a date cell holds.
///
/// ```
/// use chrono::NaiveDate;
/// use roadmap_tracker::spreadsheet::DateReading;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// assert_eq!(DateReading::read("2019-09-30"), DateReading::Date(d(2019, 9, 30)));
/// assert_eq!(DateReading::read("30/09/2019"), DateReading::Date(d(2019, 9, 30)));
/// assert_eq!(DateReading::read("31.03.23"), DateReading::Date(d(2023, 3, 31)));
/// assert_eq!(DateReading::read("1.4.98"), DateReading::Date(d(1998, 4, 1)));
/// assert!(matches!(DateReading::read("31.02.21"), DateReading::Impossible(_)));
/// assert!(matches!(DateReading::read("43921"), DateReading::ExcelSerial(_)));
/// assert_eq!(DateReading::read("Exempt under FOI"), DateReading::Text);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateReading {
    /// A real date.
    Date(NaiveDate),
    /// Shaped like a date but not one; the message says why ("February 2021 has 28 days").
    Impossible(String),
    /// A whole number in Excel's date range: a date whose cell lost its format. The date it
    /// would stand for is given, but never used without the caller's say-so.
    ExcelSerial(NaiveDate),
    /// Anything else: free text ("TBC", "Exempt under FOI").
    Text,
}

/// How close to the pivot a two-digit year draws a warning: within this many years of it,
/// on either side.
pub const NEAR_PIVOT: u8 = 10;

/// The two-digit year of a day-first date cell ("31.03.65" is 65), if it has one.
pub(crate) fn two_digit_year(text: &str) -> Option<u8> {
    let t = text.trim();
    ['/', '.', '-'].iter().find_map(|sep| {
        let parts: Vec<&str> = t.split(*sep).collect();
        match parts.as_slice() {
            [d, m, y] if small(d).is_some() && small(m).is_some() && y.len() == 2 => y.parse().ok(),
            _ => None,
        }
    })
}

/// Whether a two-digit year is within [`NEAR_PIVOT`] years of the pivot: `pivot − 10`
/// up to `pivot + 9`, so with the pivot at 69, from 59 (2059) to 78 (1978).
pub(crate) fn near_pivot(yy: u8, pivot: u8) -> bool {
    let (yy, pivot) = (i32::from(yy), i32::from(pivot));
    (pivot - i32::from(NEAR_PIVOT)..pivot + i32::from(NEAR_PIVOT)).contains(&yy)
}

fn year_of(text: &str, pivot: u8) -> Option<i32> {
    let n: i32 = text.parse().ok()?;
    match text.len() {
        4 => Some(n),
        2 if n < i32::from(pivot) => Some(2000 + n),
        2 => Some(1900 + n),
        _ => None,
    }
}

fn small(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn build(year: i32, month: u32, day: u32, text: &str) -> DateReading {
    match checked_ymd(year, month, day) {
        Ok(d) => DateReading::Date(d),
        Err(why) => DateReading::Impossible(format!("{text:?}: {why}")),
    }
}

impl DateReading {
    /// Read a cell with the default pivot ([`TWO_DIGIT_YEAR_PIVOT`]). Surrounding spaces
    /// are ignored.
    pub fn read(text: &str) -> DateReading {
        DateReading::read_with_pivot(text, TWO_DIGIT_YEAR_PIVOT)
    }

    /// Read a cell, with two-digit years below `pivot` in the 2000s and the rest in the
    /// 1900s.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use roadmap_tracker::spreadsheet::DateReading;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// assert_eq!(DateReading::read_with_pivot("01.01.75", 80), DateReading::Date(d(2075, 1, 1)));
    /// assert_eq!(DateReading::read_with_pivot("01.01.75", 69), DateReading::Date(d(1975, 1, 1)));
    /// ```
    pub fn read_with_pivot(text: &str, pivot: u8) -> DateReading {
        let t = text.trim();
        // ISO first: YYYY-MM-DD.
        let iso: Vec<&str> = t.split('-').collect();
        if let [y, m, d] = iso.as_slice() {
            if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
                if let (Ok(year), Some(month), Some(day)) = (y.parse::<i32>(), small(m), small(d)) {
                    return build(year, month, day, t);
                }
            }
        }
        for sep in ['/', '.', '-'] {
            let parts: Vec<&str> = t.split(sep).collect();
            if let [d, m, y] = parts.as_slice() {
                if let (Some(day), Some(month), Some(year)) =
                    (small(d), small(m), year_of(y, pivot))
                {
                    return build(year, month, day, t);
                }
            }
        }
        // Excel stores dates as days since 1899-12-30; 1 Jan 1960 to 31 Dec 2099 covers
        // every date a tracker publishes, and few other whole numbers of five digits.
        if t.len() == 5 && t.bytes().all(|b| b.is_ascii_digit()) {
            if let Ok(n) = t.parse::<i64>() {
                if (21916..=73050).contains(&n) {
                    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30);
                    if let Some(d) =
                        epoch.and_then(|e| e.checked_add_days(chrono::Days::new(n as u64)))
                    {
                        return DateReading::ExcelSerial(d);
                    }
                }
            }
        }
        DateReading::Text
    }
}
