//! The one text form of a deadline's window, as reports and tables print it.

use chrono::NaiveDate;

use super::Deadline;

impl Deadline {
    /// The window as text: `first..last` with ISO dates, either end left empty when open;
    /// a single day as that day; `no date` when there is neither end. The report prints
    /// deadlines this way.
    ///
    /// ```
    /// use roadmap_tracker::deadline::parse;
    /// # use chrono::NaiveDate;
    /// let w = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap();
    /// assert_eq!(parse("summer 2026", w)?.window_text(), "2026-06-01..2026-08-31");
    /// assert_eq!(parse("by October 2028", w)?.window_text(), "..2028-10-31");
    /// assert_eq!(parse("from April 2026", w)?.window_text(), "2026-04-01..");
    /// assert_eq!(parse("31 March 2026", w)?.window_text(), "2026-03-31");
    /// assert_eq!(parse("in due course", w)?.window_text(), "no date");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn window_text(&self) -> String {
        window_text(self.earliest, self.latest)
    }
}

/// The window from `earliest` to `latest` as text: [`Deadline::window_text`], for callers
/// that keep only the two ends (the report).
pub(crate) fn window_text(earliest: Option<NaiveDate>, latest: Option<NaiveDate>) -> String {
    match (earliest, latest) {
        (None, None) => "no date".to_owned(),
        (Some(a), Some(b)) if a == b => a.to_string(),
        (a, b) => format!(
            "{}..{}",
            a.map(|d| d.to_string()).unwrap_or_default(),
            b.map(|d| d.to_string()).unwrap_or_default()
        ),
    }
}
