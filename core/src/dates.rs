//! ISO 8601 calendar dates (`YYYY-MM-DD`) as used by every format of the crate, with errors
//! that say why a date was refused.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use crate::deadline::{MAX_YEAR, MIN_YEAR};
use crate::{Error, ErrorCode, Location, Problem};

/// Parse a `YYYY-MM-DD` date, explaining a refusal ("2026-02-30: February 2026 has 28 days").
///
/// # Errors
/// An [`Error`] with the code [`InvalidDate`](ErrorCode::InvalidDate) and no location (the
/// caller knows where the text came from) whose message says why.
///
/// ```
/// use roadmap_tracker::{dates::parse_iso_date, ErrorCode};
/// assert_eq!(parse_iso_date("2026-01-19")?.to_string(), "2026-01-19");
/// let e = parse_iso_date("2026-02-30").unwrap_err();
/// assert_eq!(e.code(), ErrorCode::InvalidDate);
/// assert_eq!(e.message(), "invalid date \"2026-02-30\": February 2026 has 28 days");
/// assert!(parse_iso_date("19/01/2026").is_err());
/// assert!(parse_iso_date("0999-12-31").unwrap_err().message().contains("1000 to 9999"));
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
pub fn parse_iso_date(text: &str) -> Result<NaiveDate, Error> {
    read_iso_date(text).map_err(|message| {
        Error::format(Problem::new(
            ErrorCode::InvalidDate,
            Location::default(),
            message,
        ))
    })
}

/// [`parse_iso_date`] with the reason as a bare message, for readers that place it.
pub(crate) fn read_iso_date(text: &str) -> Result<NaiveDate, String> {
    let bytes = text.as_bytes();
    let well_formed = bytes.len() == 10
        && bytes.get(4) == Some(&b'-')
        && bytes.get(7) == Some(&b'-')
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !well_formed {
        return Err(format!("invalid date {text:?}: expected YYYY-MM-DD"));
    }
    let num = |range: std::ops::Range<usize>| -> u32 {
        text.get(range)
            .and_then(|s| s.parse().ok())
            .unwrap_or_default()
    };
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    let year = i32::try_from(year).unwrap_or_default();
    if year < MIN_YEAR {
        // Deadlines are read for years 1000 to 9999; a date no deadline could name is a typo.
        return Err(format!(
            "invalid date {text:?}: years run from {MIN_YEAR} to {MAX_YEAR}"
        ));
    }
    checked_ymd(year, month, day).map_err(|why| format!("invalid date {text:?}: {why}"))
}

/// A calendar date from its parts, or why there is none ("month 13 is not between 1 and
/// 12", "February 2026 has 28 days"): the checks every date reader shares.
pub(crate) fn checked_ymd(year: i32, month: u32, day: u32) -> Result<NaiveDate, String> {
    if !(1..=12).contains(&month) {
        return Err(format!("month {month} is not between 1 and 12"));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        format!(
            "{} {year} has {} days",
            month_name(month),
            days_in_month(year, month)
        )
    })
}

/// The number of days in a month of the proleptic Gregorian calendar (2028-02 has 29,
/// 2026-02 has 28, 2026-04 has 30).
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year.saturating_add(1), 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month.saturating_add(1), 1)
    };
    next.and_then(|d| d.pred_opt())
        .map_or(31, |last| last.day())
}

/// The English name of a month number (1–12, e.g. 3 is "March"); `"month ?"` for anything
/// else.
pub(crate) fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    month
        .checked_sub(1)
        .and_then(|i| NAMES.get(i as usize))
        .copied()
        .unwrap_or("month ?")
}

/// A date's `YYYY-MM-DD` bytes, written directly for the years 0 to 9999 (every date a
/// roadmap can hold): serializing a big evaluation writes hundreds of thousands of dates,
/// and chrono's `format` reads its format string and goes through `fmt` for each one.
fn iso_bytes(date: &NaiveDate) -> Option<[u8; 10]> {
    let year = u32::try_from(date.year()).ok().filter(|y| *y <= 9999)?;
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let (month, day) = (date.month(), date.day());
    Some([
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(month / 10),
        digit(month),
        b'-',
        digit(day / 10),
        digit(day),
    ])
}

/// Append a date as `YYYY-MM-DD` (as its `Display` writes it), without the formatter
/// machinery for the years 0 to 9999.
#[allow(dead_code)] // the writer for hot paths; the status reasons now use words
pub(crate) fn push_iso(out: &mut String, date: NaiveDate) {
    match iso_bytes(&date).as_ref().map(|b| std::str::from_utf8(b)) {
        Some(Ok(text)) => out.push_str(text),
        _ => {
            let _ = write!(out, "{date}"); // writing to a String cannot fail
        }
    }
}

/// The newtype-struct name every date of the crate serialises under, around its
/// `YYYY-MM-DD` text: formats that ignore newtype names (JSON, CSV) see the text, and a
/// serializer that wants dates as dates (the Python binding's) knows them by this name
/// rather than by the field they are in.
///
/// ```
/// use roadmap_tracker::{dates::DATE, Roadmap};
/// assert_eq!(DATE, "roadmap_tracker::Date");
/// // JSON is unchanged: the name is not written.
/// assert_eq!(serde_json::to_value(Roadmap::uk_digital_2026())?["published"], "2026-01-19");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const DATE: &str = "roadmap_tracker::Date";

/// A date that serialises as the crate's dates do (the newtype [`DATE`]), for
/// hand-written `Serialize` impls.
pub(crate) struct Iso(pub NaiveDate);

impl serde::Serialize for Iso {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde_date::serialize(&self.0, s)
    }
}

/// Serde glue: dates as `YYYY-MM-DD` strings (the newtype [`DATE`]), with explained
/// refusals.
pub(crate) mod serde_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        match super::iso_bytes(date)
            .as_ref()
            .map(|b| std::str::from_utf8(b))
        {
            Some(Ok(text)) => s.serialize_newtype_struct(super::DATE, text),
            // Years outside 0-9999 (signed, or five digits) as chrono writes them.
            _ => s.serialize_newtype_struct(super::DATE, &date.to_string()),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::read_iso_date(&text).map_err(serde::de::Error::custom)
    }

    /// The same for `Option<NaiveDate>` (absent or null = `None`).
    pub mod option {
        use chrono::NaiveDate;
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
            match date {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
            match <Option<std::borrow::Cow<'de, str>>>::deserialize(d)? {
                None => Ok(None),
                Some(text) => super::super::read_iso_date(&text)
                    .map(Some)
                    .map_err(serde::de::Error::custom),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The direct writer agrees with chrono's `%Y-%m-%d` where it applies, and leaves the
    /// years it cannot write to chrono.
    #[test]
    fn iso_bytes_match_chrono() {
        let cases = [
            (0, 1, 1),
            (7, 2, 9),
            (999, 12, 31),
            (1000, 1, 1),
            (2026, 11, 24),
            (9999, 12, 31),
        ];
        for (y, m, d) in cases {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let bytes = iso_bytes(&date).unwrap();
            assert_eq!(
                std::str::from_utf8(&bytes).unwrap(),
                date.format("%Y-%m-%d").to_string()
            );
        }
        assert_eq!(iso_bytes(&NaiveDate::from_ymd_opt(-1, 1, 1).unwrap()), None);
        assert_eq!(
            iso_bytes(&NaiveDate::from_ymd_opt(10000, 1, 1).unwrap()),
            None
        );
        // Both through serde: the fallback writes what chrono writes.
        #[derive(serde::Serialize)]
        struct D(#[serde(with = "serde_date")] NaiveDate);
        let json =
            |y, m, d| serde_json::to_string(&D(NaiveDate::from_ymd_opt(y, m, d).unwrap())).unwrap();
        assert_eq!(json(2026, 1, 19), r#""2026-01-19""#);
        assert_eq!(json(10000, 3, 4), r#""+10000-03-04""#);
        assert_eq!(json(-5, 3, 4), r#""-0005-03-04""#);
    }
}
