//! Parsing a column of phrases at once, as a binding that reads a table column does.
//!
//! [`parse_all`] gives exactly what calling [`parse`](super::parse) on every row gives, in
//! row order. A column repeats itself (a tracker says "by March 2028" or "TBC" on many
//! rows, all from one document), so a repeated (phrase, written_on) pair is read once and
//! its deadline copied: parsing is a pure function of the pair and the conventions, so
//! nothing differs but the time taken. Only the first 4,096 distinct pairs are remembered,
//! so a column of all-different phrases costs a bounded map and no more.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Conventions, Deadline};
use crate::Error;

/// The result of parsing one phrase: what [`parse`](super::parse) returns.
type Parsed = Result<Deadline, Error>;

/// The most distinct (phrase, written_on) pairs [`parse_all`] remembers.
const MAX_REMEMBERED: usize = 4096;

/// Parse a column of phrases under the default (UK) [`Conventions`], each with the date of
/// the document that wrote it: one result per row, in order, the same as [`parse`](super::parse)
/// on each row. A refused phrase is an `Err` in its row; the other rows are still read.
///
/// ```
/// use roadmap_tracker::deadline::{parse_all, DeadlineKind};
/// # use chrono::NaiveDate;
/// let w = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap();
/// let column = ["by March 2028", "TBC", "Marchh 2026", "by March 2028"];
/// let parsed = parse_all(column.iter().map(|p| (*p, w)));
/// assert_eq!(parsed.len(), 4);
/// assert_eq!(parsed[0].as_ref().ok().map(|d| d.kind()), Some(DeadlineKind::By));
/// assert_eq!(parsed[1].as_ref().ok().map(|d| d.kind()), Some(DeadlineKind::None));
/// assert!(parsed[2].is_err());
/// assert_eq!(parsed[3].as_ref().ok(), parsed[0].as_ref().ok());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_all<'a, I>(rows: I) -> Vec<Result<Deadline, Error>>
where
    I: IntoIterator<Item = (&'a str, NaiveDate)>,
{
    Conventions::uk().parse_all(rows)
}

impl Conventions {
    /// Parse a column of phrases under these conventions: [`parse_all`] with conventions of
    /// one's own.
    ///
    /// ```
    /// use roadmap_tracker::deadline::Conventions;
    /// # use chrono::NaiveDate;
    /// let us = Conventions { day_first: false, ..Conventions::default() };
    /// let w = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap();
    /// let mut parsed = us.parse_all([("by 3/4/2026", w)]);
    /// let latest = parsed.remove(0)?.latest().map(|l| l.to_string());
    /// assert_eq!(latest.as_deref(), Some("2026-03-04"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_all<'a, I>(&self, rows: I) -> Vec<Result<Deadline, Error>>
    where
        I: IntoIterator<Item = (&'a str, NaiveDate)>,
    {
        let rows = rows.into_iter();
        let mut out: Vec<Parsed> = Vec::with_capacity(rows.size_hint().0);
        // The row of the first reading of each pair.
        let mut first: HashMap<(&'a str, NaiveDate), usize> = HashMap::new();
        for (phrase, written_on) in rows {
            let key = (phrase, written_on);
            let seen = first.get(&key).and_then(|&row| out.get(row));
            let parsed = match seen {
                // A refusal is read again: the error type need not be cloneable, and
                // refusals are the rare rows.
                Some(Ok(d)) => Ok(d.clone()),
                _ => {
                    if first.len() < MAX_REMEMBERED {
                        first.entry(key).or_insert(out.len());
                    }
                    self.parse(phrase, written_on)
                }
            };
            out.push(parsed);
        }
        out
    }
}
