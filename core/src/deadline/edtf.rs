//! EDTF (ISO 8601-2) out and in.
//!
//! Out: a named season, calendar quarter or half uses its sub-year code (`2026-22`,
//! `2026-35`, `2026-41`); any other window is written at the coarsest precision that both
//! its ends fall on (years, months, else days), and at no coarser precision than its
//! granularity. `by` is `../END`, `from` is `START/..`. Lossy: the kind `past` (rendered as a
//! window), a part's name, and the difference between a financial year and the months it
//! covers; the window itself always survives.
//!
//! In: levels 0–2 dates (`2026`, `2026-03`, `2026-03-31`, with a time part ignored),
//! `Y`-prefixed years, qualifiers `?`, `~`, `%` anywhere, unspecified digits (`202X`,
//! `2026-XX`, `2026-1X`), sub-year groupings 21–41 (25–28 read like 21–24; 29–32 are the
//! southern hemisphere's seasons; 37–39 are four-month thirds), intervals with open (`..`)
//! or unknown (empty) ends, and sets (`[a, b]` one of, `{a, b}` all of) taken as their hull.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use super::calendar::{
    is_month_end, is_month_start, is_year_end, is_year_start, month_end, months,
    season_first_month, ymd, MAX_YEAR, MIN_YEAR,
};
use super::{
    range_granularity, rules, Deadline, DeadlineError, DeadlineErrorCode as Code, DeadlineKind,
    Granularity, Named, MAX_PHRASE_BYTES,
};

pub(crate) fn render(d: &Deadline) -> Option<String> {
    let mark = |s: &mut String| match (d.approximate, d.uncertain) {
        (true, true) => s.push('%'),
        (true, false) => s.push('~'),
        (false, true) => s.push('?'),
        (false, false) => {}
    };
    let code = |s: &mut String| -> bool {
        match d.code {
            Some((y, c)) => {
                let _ = write!(s, "{y:04}-{c:02}");
                mark(s);
                true
            }
            None => false,
        }
    };
    let mut out = String::with_capacity(24);
    match (d.kind, d.earliest, d.latest) {
        (_, None, None) => return None,
        (DeadlineKind::By, _, Some(l)) | (DeadlineKind::Past, None, Some(l)) => {
            out.push_str("../");
            if !code(&mut out) {
                end_point(&mut out, l, d.granularity);
                mark(&mut out);
            }
        }
        (DeadlineKind::From, Some(e), _) => {
            if !code(&mut out) {
                start_point(&mut out, e, d.granularity);
                mark(&mut out);
            }
            out.push_str("/..");
        }
        (_, Some(e), Some(l)) => {
            if code(&mut out) {
                return Some(out);
            }
            if e == l {
                push_day(&mut out, e);
                mark(&mut out);
            } else if is_year_start(e) && is_year_end(l) {
                push_year(&mut out, e);
                mark(&mut out);
                if l.year() != e.year() {
                    out.push('/');
                    push_year(&mut out, l);
                    mark(&mut out);
                }
            } else if is_month_start(e) && is_month_end(l) {
                push_month(&mut out, e);
                mark(&mut out);
                if (l.year(), l.month()) != (e.year(), e.month()) {
                    out.push('/');
                    push_month(&mut out, l);
                    mark(&mut out);
                }
            } else {
                push_day(&mut out, e);
                mark(&mut out);
                out.push('/');
                push_day(&mut out, l);
                mark(&mut out);
            }
        }
        (_, Some(e), None) => {
            start_point(&mut out, e, d.granularity);
            mark(&mut out);
            out.push_str("/..");
        }
        (_, None, Some(l)) => {
            out.push_str("../");
            end_point(&mut out, l, d.granularity);
            mark(&mut out);
        }
    }
    Some(out)
}

fn coarse_year(g: Granularity) -> bool {
    matches!(g, Granularity::Year | Granularity::MultiYear)
}

fn coarse_month(g: Granularity) -> bool {
    !matches!(
        g,
        Granularity::Day | Granularity::Open | Granularity::Unknown
    )
}

fn end_point(out: &mut String, l: NaiveDate, g: Granularity) {
    if coarse_year(g) && is_year_end(l) {
        push_year(out, l);
    } else if coarse_month(g) && is_month_end(l) {
        push_month(out, l);
    } else {
        push_day(out, l);
    }
}

fn start_point(out: &mut String, e: NaiveDate, g: Granularity) {
    if coarse_year(g) && is_year_start(e) {
        push_year(out, e);
    } else if coarse_month(g) && is_month_start(e) {
        push_month(out, e);
    } else {
        push_day(out, e);
    }
}

// Written into the output in place: rendering runs for every deadline serialized, and a
// `format!` per part would allocate a string only to copy it. (Writing to a String cannot
// fail.)
fn push_year(out: &mut String, d: NaiveDate) {
    let _ = write!(out, "{:04}", d.year());
}

fn push_month(out: &mut String, d: NaiveDate) {
    let _ = write!(out, "{:04}-{:02}", d.year(), d.month());
}

fn push_day(out: &mut String, d: NaiveDate) {
    let _ = write!(out, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
}

/// One EDTF date read into a window.
#[derive(Debug, Clone, Copy)]
struct Point {
    start: NaiveDate,
    end: NaiveDate,
    granularity: Granularity,
    named: Named,
    code: Option<(i32, u8)>,
    approximate: bool,
    uncertain: bool,
}

fn invalid(edtf: &str, why: &str) -> DeadlineError {
    DeadlineError::at(
        Code::InvalidEdtf,
        (0, edtf.len()),
        format!("{edtf:?} is not valid EDTF: {why}"),
    )
}

pub(crate) fn parse(edtf: &str, written_on: NaiveDate) -> Result<Deadline, DeadlineError> {
    read(edtf, written_on).map_err(|e| e.or_span((0, edtf.len())))
}

fn read(edtf: &str, written_on: NaiveDate) -> Result<Deadline, DeadlineError> {
    if edtf.len() > MAX_PHRASE_BYTES {
        return Err(DeadlineError::new(
            Code::TooLong,
            format!("the EDTF string is longer than {MAX_PHRASE_BYTES} bytes"),
        ));
    }
    let text = edtf.trim();
    if text.is_empty() {
        return Err(DeadlineError::new(Code::Empty, "the EDTF string is empty"));
    }
    let mut d = Deadline {
        phrase: edtf.into(),
        written_on,
        kind: DeadlineKind::During,
        earliest: None,
        latest: None,
        due_from: None,
        granularity: Granularity::Day,
        named: Named::Date,
        part: None,
        approximate: false,
        uncertain: false,
        code: None,
        rules: vec![rules::EDTF],
    };
    if let Some(inner) = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .or_else(|| text.strip_prefix('{').and_then(|t| t.strip_suffix('}')))
    {
        let one_of = text.starts_with('[');
        let (mut lo, mut hi): (Option<NaiveDate>, Option<NaiveDate>) = (None, None);
        let mut open_lo = false;
        let mut open_hi = false;
        let mut granularity = Granularity::Day;
        for member in inner.split(',').map(str::trim) {
            if member.is_empty() {
                return Err(invalid(edtf, "a set has an empty member"));
            }
            let (a, b) = match member.split_once("..") {
                Some((a, b)) => (a.trim(), b.trim()),
                None => (member, member),
            };
            // Each end widens the hull, or leaves that side open; `a` is read first, so
            // its error is the one reported.
            for (end, open) in [(a, &mut open_lo), (b, &mut open_hi)] {
                if end.is_empty() {
                    *open = true;
                } else {
                    let p = point(edtf, end)?;
                    lo = Some(lo.map_or(p.start, |x| x.min(p.start)));
                    hi = Some(hi.map_or(p.end, |x| x.max(p.end)));
                    granularity = granularity.max(p.granularity);
                }
            }
        }
        let (Some(lo), Some(hi)) = (lo, hi) else {
            return Err(invalid(edtf, "a set needs at least one date"));
        };
        d.named = Named::Range;
        d.granularity = granularity;
        d.uncertain = one_of;
        match (open_lo, open_hi) {
            (true, true) => return Err(invalid(edtf, "a set open at both ends has no window")),
            (true, false) => {
                d.kind = DeadlineKind::By;
                d.latest = Some(hi);
                d.due_from = Some(hi);
            }
            (false, true) => {
                d.kind = DeadlineKind::From;
                d.earliest = Some(lo);
                d.due_from = Some(lo);
            }
            (false, false) => {
                d.earliest = Some(lo);
                d.latest = Some(hi);
                d.due_from = Some(lo);
            }
        }
        return Ok(d);
    }
    match text.split_once('/') {
        None => {
            let p = point(edtf, text)?;
            d.earliest = Some(p.start);
            d.latest = Some(p.end);
            d.due_from = Some(p.start);
            d.granularity = p.granularity;
            d.named = p.named;
            d.code = p.code;
            d.approximate = p.approximate;
            d.uncertain = p.uncertain;
        }
        Some((a, b)) => {
            // An open end (`..`) or an unknown one (empty, which makes the deadline
            // uncertain), or a date.
            let mut end = |text: &str| match text {
                ".." => Ok(None),
                "" => {
                    d.uncertain = true;
                    Ok(None)
                }
                _ => point(edtf, text).map(Some),
            };
            let left = end(a)?;
            let right = end(b)?;
            for p in [left, right].into_iter().flatten() {
                d.approximate |= p.approximate;
                d.uncertain |= p.uncertain;
            }
            match (left, right) {
                (None, None) => return Err(invalid(edtf, "an interval needs at least one date")),
                (None, Some(r)) => {
                    d.kind = DeadlineKind::By;
                    d.latest = Some(r.end);
                    d.due_from = Some(r.start);
                    d.granularity = r.granularity;
                    d.named = r.named;
                    d.code = r.code;
                }
                (Some(l), None) => {
                    d.kind = DeadlineKind::From;
                    d.earliest = Some(l.start);
                    d.due_from = Some(l.start);
                    d.granularity = l.granularity;
                    d.named = l.named;
                    d.code = l.code;
                }
                (Some(l), Some(r)) => {
                    if r.end < l.start || r.start < l.start {
                        return Err(DeadlineError::at(
                            Code::ReversedRange,
                            (0, edtf.len()),
                            format!("the interval starts on {} but ends on {}", l.start, r.end),
                        ));
                    }
                    d.earliest = Some(l.start);
                    d.latest = Some(r.end);
                    d.due_from = Some(l.start);
                    d.named = Named::Range;
                    d.granularity = range_granularity(
                        l.granularity,
                        r.granularity,
                        l.start.year() == r.start.year(),
                    );
                }
            }
        }
    }
    Ok(d)
}

/// Replace unspecified `X` digits by their lowest and highest values.
fn digits_range(edtf: &str, s: &str) -> Result<(u32, u32, bool), DeadlineError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'X') {
        return Err(invalid(edtf, &format!("{s:?} is not a number")));
    }
    let lo: String = s.chars().map(|c| if c == 'X' { '0' } else { c }).collect();
    let hi: String = s.chars().map(|c| if c == 'X' { '9' } else { c }).collect();
    let parse = |t: &str| {
        t.parse::<u32>()
            .map_err(|_| invalid(edtf, "a number is too long"))
    };
    Ok((parse(&lo)?, parse(&hi)?, s.contains('X')))
}

fn point(edtf: &str, raw: &str) -> Result<Point, DeadlineError> {
    let out_of_range = || {
        DeadlineError::at(
            Code::OutOfRange,
            (0, edtf.len()),
            format!("years run from {MIN_YEAR} to {MAX_YEAR}"),
        )
    };
    let approximate = raw.contains('~') || raw.contains('%');
    let uncertain = raw.contains('?') || raw.contains('%');
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, '~' | '?' | '%'))
        .collect();
    // A time of day is below a deadline's resolution.
    let date = cleaned.split_once('T').map_or(cleaned.as_str(), |(d, _)| d);
    let date = match date.strip_prefix('Y') {
        Some(rest) => {
            if rest.contains('E') || rest.contains('S') || rest.trim_start_matches('-').len() != 4 {
                return Err(out_of_range());
            }
            rest
        }
        None => date,
    };
    if date.starts_with('-') {
        return Err(out_of_range());
    }
    let mut parts = date.split('-');
    let year_text = parts.next().unwrap_or("");
    if year_text.len() != 4 {
        return Err(
            if year_text.bytes().all(|b| b.is_ascii_digit()) && !year_text.is_empty() {
                DeadlineError::at(
                    Code::OutOfRange,
                    (0, edtf.len()),
                    format!("years run from {MIN_YEAR} to {MAX_YEAR}, written with four digits"),
                )
            } else {
                invalid(edtf, "a date starts with a four-digit year")
            },
        );
    }
    let (y_lo, y_hi, y_unspecified) = digits_range(edtf, year_text)?;
    let (y_lo, y_hi) = (y_lo as i32, y_hi as i32);
    if y_lo < MIN_YEAR || y_hi > MAX_YEAR {
        return Err(out_of_range());
    }
    let month_text = parts.next();
    let day_text = parts.next();
    if parts.next().is_some() {
        return Err(invalid(edtf, "too many parts in a date"));
    }
    let mut p = Point {
        start: ymd(y_lo, 1, 1).ok_or_else(out_of_range)?,
        end: ymd(y_hi, 12, 31).ok_or_else(out_of_range)?,
        granularity: if y_unspecified {
            Granularity::MultiYear
        } else {
            Granularity::Year
        },
        named: if y_unspecified {
            Named::Range
        } else {
            Named::Year
        },
        code: None,
        approximate,
        uncertain,
    };
    let Some(month_text) = month_text else {
        return Ok(p);
    };
    if month_text.len() != 2 {
        return Err(invalid(edtf, "a month has two digits"));
    }
    if y_unspecified {
        return Err(invalid(edtf, "a month needs a specified year"));
    }
    let year = y_lo;
    let (m_lo, m_hi, m_unspecified) = digits_range(edtf, month_text)?;
    if !m_unspecified && (21..=41).contains(&m_lo) {
        if day_text.is_some() {
            return Err(invalid(edtf, "a season, quarter or half has no day"));
        }
        let (first, count, granularity, named, code) = match m_lo {
            21..=24 => (
                season_first_month(m_lo - 21),
                3,
                Granularity::Season,
                Named::Season,
                Some(m_lo),
            ),
            25..=28 => (
                season_first_month(m_lo - 25),
                3,
                Granularity::Season,
                Named::Season,
                Some(m_lo - 4),
            ),
            29..=32 => (
                season_first_month((m_lo - 29 + 2) % 4),
                3,
                Granularity::Season,
                Named::Season,
                None,
            ),
            33..=36 => (
                (m_lo - 33) * 3 + 1,
                3,
                Granularity::Quarter,
                Named::Quarter,
                Some(m_lo),
            ),
            37..=39 => (
                (m_lo - 37) * 4 + 1,
                4,
                Granularity::Month,
                Named::Range,
                None,
            ),
            _ => (
                (m_lo - 40) * 6 + 1,
                6,
                Granularity::Half,
                Named::Half,
                Some(m_lo),
            ),
        };
        let (s, e) = months(year, first, count).ok_or_else(out_of_range)?;
        if e.year() > MAX_YEAR {
            return Err(out_of_range());
        }
        p.start = s;
        p.end = e;
        p.granularity = granularity;
        p.named = named;
        p.code = code.map(|c| (year, c as u8));
        return Ok(p);
    }
    let m_lo = m_lo.max(1);
    let m_hi = m_hi.min(12);
    if m_lo > 12 || m_lo > m_hi {
        return Err(DeadlineError::at(
            Code::OutOfRange,
            (0, edtf.len()),
            format!("month {month_text} is out of range (01 to 12, or 21 to 41)"),
        ));
    }
    p.start = ymd(year, m_lo, 1).ok_or_else(out_of_range)?;
    p.end = month_end(year, m_hi).ok_or_else(out_of_range)?;
    p.granularity = if m_unspecified {
        Granularity::Year
    } else {
        Granularity::Month
    };
    p.named = if m_unspecified {
        Named::Range
    } else {
        Named::Month
    };
    let Some(day_text) = day_text else {
        return Ok(p);
    };
    if day_text.len() != 2 {
        return Err(invalid(edtf, "a day has two digits"));
    }
    if m_unspecified {
        return Err(invalid(edtf, "a day needs a specified month"));
    }
    let (d_lo, d_hi, d_unspecified) = digits_range(edtf, day_text)?;
    let last = p.end.day();
    if d_unspecified {
        let (lo, hi) = (d_lo.max(1), d_hi.min(last));
        if lo > hi {
            return Err(DeadlineError::at(
                Code::ImpossibleDate,
                (0, edtf.len()),
                "no day of the month matches",
            ));
        }
        p.start = ymd(year, m_lo, lo).ok_or_else(out_of_range)?;
        p.end = ymd(year, m_lo, hi).ok_or_else(out_of_range)?;
        p.granularity = Granularity::Day;
        p.named = Named::Range;
        return Ok(p);
    }
    if d_lo == 0 || d_lo > 31 {
        return Err(DeadlineError::at(
            Code::OutOfRange,
            (0, edtf.len()),
            format!("day {day_text} is out of range (01 to 31)"),
        ));
    }
    let day = ymd(year, m_lo, d_lo).ok_or_else(|| {
        DeadlineError::at(
            Code::ImpossibleDate,
            (0, edtf.len()),
            format!("{year:04}-{m_lo:02} has no day {d_lo}"),
        )
    })?;
    p.start = day;
    p.end = day;
    p.granularity = Granularity::Day;
    p.named = Named::Date;
    Ok(p)
}
