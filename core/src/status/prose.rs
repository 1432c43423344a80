//! The reader's sentence for a status: what the evidence says, when, and against which
//! deadline, in words ("Due by 31 March 2028; no report yet."). The rule id and the
//! machine fields stay in their own fields; the report, the web page and both bindings
//! print this sentence, so it is written in one place.
//!
//! Nothing is printed that the evidence does not give: a report known only to the month
//! is "in June 2026", a delivery with no stated date is not given one.

use chrono::{Datelike, NaiveDate};

use super::evaluate::Evaluator;
use super::prepared::{Tracked, UpdateRef};
use super::rules::{timing, Timing, Verdict};
use super::{DerivedStatus as D, ReportedState};
use crate::dates::month_name;
use crate::deadline::{Deadline, DeadlineKind};
use crate::model::{EvidenceDate, Precision};

/// An integer in decimal digits, written by hand: `write!` goes through the formatting
/// machinery, which is most of the cost of a sentence of short numbers.
fn number(out: &mut String, n: i64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n.unsigned_abs();
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (rest % 10) as u8;
        }
        rest /= 10;
        if rest == 0 || at == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    // ASCII digits: always UTF-8.
    out.push_str(std::str::from_utf8(digits.get(at..).unwrap_or_default()).unwrap_or_default());
}

/// A month and year: "June 2026".
fn month_year(out: &mut String, d: NaiveDate) {
    out.push_str(month_name(d.month()));
    out.push(' ');
    number(out, i64::from(d.year()));
}

/// A day and month: "4 June".
fn day_month(out: &mut String, d: NaiveDate) {
    number(out, i64::from(d.day()));
    out.push(' ');
    out.push_str(month_name(d.month()));
}

/// A day in words: "4 June 2026".
pub(crate) fn day_text(out: &mut String, d: NaiveDate) {
    day_month(out, d);
    out.push(' ');
    number(out, i64::from(d.year()));
}

/// When an evidence date was, in words: "on 4 June 2026", "in June 2026", "in April–June
/// 2026", "in 2026", "on or before 4 June 2026".
pub(crate) fn when_text(out: &mut String, d: EvidenceDate) {
    let first = d.earliest().unwrap_or(d.latest());
    match d.precision() {
        Precision::Day => {
            out.push_str("on ");
            day_text(out, first);
        }
        Precision::OnOrBefore => {
            out.push_str("on or before ");
            day_text(out, d.latest());
        }
        Precision::Month => {
            out.push_str("in ");
            month_year(out, first);
        }
        Precision::Quarter => {
            out.push_str("in ");
            out.push_str(month_name(first.month()));
            out.push('–');
            out.push_str(month_name(d.latest().month()));
            out.push(' ');
            number(out, i64::from(first.year()));
        }
        Precision::Year => {
            out.push_str("in ");
            number(out, i64::from(first.year()));
        }
    }
}

fn is_first_of_month(d: NaiveDate) -> bool {
    d.day() == 1
}

fn is_last_of_month(d: NaiveDate) -> bool {
    d.succ_opt().map_or(true, |n| n.day() == 1)
}

/// The deadline in words, after "due": "by 31 October 2028", "in March 2026", "between
/// 1 June and 31 August 2026", "to apply from April 2026", "throughout 2026". `false`
/// (and nothing written) without dates.
pub(crate) fn deadline_text(out: &mut String, d: &Deadline) -> bool {
    match (d.kind(), d.earliest(), d.latest()) {
        (DeadlineKind::None, _, _) | (_, None, None) => false,
        (DeadlineKind::Ongoing, Some(a), Some(b)) => {
            if whole_year(a, b) {
                out.push_str("throughout ");
                number(out, i64::from(a.year()));
            } else if whole_month(a, b) {
                out.push_str("throughout ");
                month_year(out, a);
            } else {
                out.push_str("from ");
                if a.year() == b.year() {
                    day_month(out, a);
                } else {
                    day_text(out, a);
                }
                out.push_str(" until ");
                day_text(out, b);
            }
            true
        }
        (DeadlineKind::Ongoing, None, Some(end)) => {
            out.push_str("until ");
            day_text(out, end);
            true
        }
        (DeadlineKind::From, Some(start), _) | (_, Some(start), None) => {
            out.push_str("to apply from ");
            if is_first_of_month(start) {
                month_year(out, start);
            } else {
                day_text(out, start);
            }
            true
        }
        (DeadlineKind::By, _, Some(end)) | (_, None, Some(end)) => {
            out.push_str("by ");
            day_text(out, end);
            true
        }
        (_, Some(a), Some(b)) => {
            if a == b {
                out.push_str("on ");
                day_text(out, a);
            } else if whole_year(a, b) {
                out.push_str("in ");
                number(out, i64::from(a.year()));
            } else if whole_month(a, b) {
                out.push_str("in ");
                month_year(out, a);
            } else if a.year() == b.year() {
                out.push_str("between ");
                day_month(out, a);
                out.push_str(" and ");
                day_text(out, b);
            } else {
                out.push_str("between ");
                day_text(out, a);
                out.push_str(" and ");
                day_text(out, b);
            }
            true
        }
    }
}

/// Whether `a..=b` is one calendar year.
fn whole_year(a: NaiveDate, b: NaiveDate) -> bool {
    is_first_of_month(a)
        && is_last_of_month(b)
        && a.year() == b.year()
        && a.month() == 1
        && b.month() == 12
}

/// Whether `a..=b` is one calendar month.
fn whole_month(a: NaiveDate, b: NaiveDate) -> bool {
    is_first_of_month(a) && is_last_of_month(b) && a.year() == b.year() && a.month() == b.month()
}

/// What is known of the deadline judged: its dates, or that it has none, or that it is
/// not yet known (the node's deadline is written after the as-of date).
#[derive(Clone, Copy)]
struct Due<'a> {
    deadline: Option<&'a Deadline>,
    /// The as-of date, when the node has a deadline written after it.
    unknown_on: Option<NaiveDate>,
}

impl Due<'_> {
    /// "due by 31 March 2028", "no dated deadline", or "deadline not yet known as of 15
    /// June 2026".
    fn write(self, out: &mut String) {
        let start = out.len();
        out.push_str("due ");
        if self.deadline.is_some_and(|d| deadline_text(out, d)) {
            return;
        }
        out.truncate(start);
        if let Some(day) = self.unknown_on {
            out.push_str("deadline not yet known as of ");
            day_text(out, day);
        } else {
            out.push_str("no dated deadline");
        }
    }

    /// The deadline's text alone ("by 31 March 2028") in parentheses after a space, or
    /// nothing without dates.
    fn in_parentheses(self, out: &mut String) {
        let start = out.len();
        out.push_str(" (");
        if self.deadline.is_some_and(|d| deadline_text(out, d)) {
            out.push(')');
        } else {
            out.truncate(start);
        }
    }
}

/// A count in words up to twelve ("no", "one" … "twelve"), in digits above.
fn number_word(out: &mut String, n: i64) {
    const WORDS: [&str; 13] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    match usize::try_from(n).ok().and_then(|i| WORDS.get(i)) {
        Some(word) => out.push_str(word),
        None => number(out, n),
    }
}

/// The time from `a` to `b` in words: "12 days", "one month", "two months", "two years".
pub(crate) fn gap_text(out: &mut String, a: NaiveDate, b: NaiveDate) {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    let mut months =
        i64::from(b.year() - a.year()) * 12 + i64::from(b.month()) - i64::from(a.month());
    if b.day() < a.day() {
        months -= 1;
    }
    let (n, unit) = if months < 1 {
        (crate::deadline::days_between(a, b), "day")
    } else if months < 24 {
        (months, "month")
    } else {
        (months / 12, "year")
    };
    number_word(out, n);
    out.push(' ');
    out.push_str(unit);
    if n != 1 {
        out.push('s');
    }
}

/// The last on-time day of a deadline: its start for `from`, its end otherwise.
fn deadline_end(d: &Deadline) -> Option<NaiveDate> {
    match d.kind() {
        DeadlineKind::From => d.earliest(),
        _ => d.latest(),
    }
}

/// "reported in development on 4 June 2026" (the label as the source gave it).
fn reported(out: &mut String, label: &str, u: &UpdateRef) {
    out.push_str("reported ");
    out.push_str(label);
    out.push(' ');
    when_text(out, u.date);
}

/// Upper-case the first letter written from `from`. Every caller starts there with one of
/// this module's own English words ("due", "no", "reported"), so the ASCII rule is the whole
/// rule (and `char::to_uppercase` would link the Unicode upper-case tables).
fn capitalise(out: &mut str, from: usize) {
    if let Some(first) = out.get_mut(from..from + 1) {
        first.make_ascii_uppercase();
    }
}

/// The distance from the deadline's boundary to a report, when the report's date makes it
/// certain: a day, wholly after. "two months after it was due …", "once it was due to
/// apply …" for a report on a `from` deadline's first day or dated only coarsely after
/// its start, "after it was due …" for one dated coarsely after a window's end.
fn after_due(out: &mut String, end: NaiveDate, u: &UpdateRef, from: bool) {
    let day = (u.date.precision() == Precision::Day)
        .then(|| u.date.earliest())
        .flatten()
        .filter(|&d| d > end);
    match day {
        Some(d) => {
            gap_text(out, end, d);
            out.push_str(" after it was ");
        }
        None if from => out.push_str("once it was "),
        None => out.push_str("after it was "),
    }
}

/// Write the reader's sentence for a verdict into `out` (cleared first).
pub(crate) fn write(
    e: &Evaluator,
    t: &Tracked,
    v: &Verdict,
    latest: Option<&UpdateRef>,
    as_of: NaiveDate,
    out: &mut String,
) {
    out.clear();
    let p = e.prepared();
    let roadmap = e.roadmap();
    let label = latest
        .and_then(|u| roadmap.updates.get(u.index as usize))
        .map_or("", |u| u.status.as_str());
    let original = p.deadline_at(t, as_of);
    let replan = p.latest_replan(p.visible(t, as_of));
    let judged = replan
        .and_then(|(u, _)| p.new_deadline_at(u, as_of))
        .or(original);
    // A deadline written after the as-of date is not yet known, which is not the same as
    // having none.
    let unknown_on =
        (judged.is_none() && p.has_deadline(t) && t.written_on > as_of).then_some(as_of);
    let due = Due {
        deadline: judged,
        unknown_on,
    };
    let from = judged.is_some_and(|d| d.kind() == DeadlineKind::From);
    let status = v.status();
    match (status, latest) {
        (D::Unreadable, _) => {
            out.push_str("Cannot be judged: ");
            match p.problem_of(t) {
                // The message's first clause: the list of known labels stays in `error`.
                Some(err) => {
                    let message = err.message();
                    let first = message.split("; the vocabularies").next().unwrap_or("");
                    out.push_str(first.trim_end_matches('.'));
                }
                None => out.push_str("its data cannot be read"),
            }
        }
        (D::DueNow, None) => {
            out.push_str("Due now");
            due.in_parentheses(out);
            out.push_str("; no report yet");
        }
        (D::NotYetDue | D::NoEvidence | D::OverdueUnconfirmed, None) => {
            let start = out.len();
            due.write(out);
            capitalise(out, start);
            out.push_str(match status {
                D::OverdueUnconfirmed => "; nothing reported",
                _ => "; no report yet",
            });
        }
        (D::DueNow, Some(u)) => {
            let start = out.len();
            reported(out, label, u);
            capitalise(out, start);
            out.push_str("; due now");
            due.in_parentheses(out);
        }
        (D::OverdueUnconfirmed, Some(u)) => {
            let start = out.len();
            due.write(out);
            capitalise(out, start);
            out.push_str("; the last report, ");
            out.push_str(label);
            out.push(' ');
            when_text(out, u.date);
            let end = judged.and_then(deadline_end);
            let before =
                end.filter(|_| judged.is_some_and(|d| timing(d, u.date) == Timing::Before));
            match before {
                Some(end) => {
                    out.push_str(", came ");
                    // A distance only when the report's day is known.
                    if u.date.precision() == Precision::Day {
                        gap_text(out, u.visible, end);
                        out.push(' ');
                    }
                    out.push_str(if from {
                        "before it was due to apply"
                    } else {
                        "before the deadline's end"
                    });
                    out.push_str(", and nothing has been reported since");
                }
                // A report from after the deadline (or possibly after it) whose label says
                // nothing of how it stands ("unknown").
                None => out.push_str(", does not say how it stands"),
            }
        }
        (D::Behind | D::Delayed, Some(u)) => {
            let start = out.len();
            reported(out, label, u);
            capitalise(out, start);
            if let Some(end) = judged.and_then(deadline_end) {
                out.push_str(", ");
                let unclear = matches!(
                    v.rule.id,
                    "behind-timing-unclear" | "delayed-timing-unclear"
                );
                if unclear {
                    out.push_str("which may be before or after it was ");
                } else {
                    after_due(out, end, u, from);
                }
                due.write(out);
                if v.new_deadline {
                    out.push_str(" under its re-plan");
                }
                if unclear {
                    out.push_str(": the timing is unclear");
                }
            }
        }
        (D::Replanned, _) => {
            out.push_str("Re-planned");
            if let Some((u, _)) = replan {
                out.push(' ');
                when_text(out, u.date);
                match (
                    p.new_deadline_at(u, as_of),
                    roadmap.updates.get(u.index as usize),
                ) {
                    (Some(_), Some(x)) => {
                        if let Some(new) = &x.new_deadline {
                            out.push_str(" with a new deadline, \"");
                            out.push_str(&new.phrase);
                            out.push_str("\" (set ");
                            day_text(out, new.written_on);
                            out.push(')');
                        }
                    }
                    _ => out.push_str(", with the new deadline still to be set"),
                }
            }
            let start = out.len();
            out.push_str("; originally due ");
            if original.is_some_and(|d| deadline_text(out, d)) {
                let missed = original
                    .and_then(deadline_end)
                    .is_some_and(|end| as_of > end);
                if missed {
                    out.push_str(", a deadline missed");
                }
            } else {
                out.truncate(start);
            }
            out.push_str("; nothing delivered since");
        }
        (_, Some(u)) => {
            let start = out.len();
            let lead = match status {
                D::MetOnTime => "met on time: ",
                D::MetEarly => "met early, before its window opened: ",
                D::MetLate => "met late: ",
                D::MetDifferently => "met another way than promised: ",
                D::Met if v.rule.id == super::rules::DELIVERED_TIMING_UNCLEAR.id => {
                    "met, timing unclear: "
                }
                D::Met => "met: ",
                D::Dropped => "dropped: ",
                _ => "",
            };
            out.push_str(lead);
            if matches!(status, D::RatedGreen | D::RatedAmber | D::RatedRed) {
                out.push_str("rated ");
                out.push_str(label);
                out.push_str(" by the source ");
                when_text(out, u.date);
            } else {
                reported(out, label, u);
            }
            let delivered = matches!(
                u.state,
                ReportedState::Delivered | ReportedState::DeliveredDifferently
            );
            if delivered {
                match u.stated {
                    Some(d) => {
                        out.push_str(", delivered ");
                        when_text(out, d);
                    }
                    None if status == D::Met && judged.is_some() => {
                        out.push_str(", with no delivery date")
                    }
                    None => {}
                }
            }
            capitalise(out, start);
            if status != D::Dropped {
                out.push_str("; ");
                due.write(out);
            }
        }
        (_, None) => {
            let start = out.len();
            due.write(out);
            capitalise(out, start);
        }
    }
    // The notes: whether it is an expectation, and the evidence's age when it is stale.
    let stale_age = latest
        .map(|u| crate::deadline::days_between(u.visible, as_of))
        .filter(|&age| {
            !status.is_delivered()
                && e.rules()
                    .staleness_days
                    .is_some_and(|limit| age > i64::from(limit))
        });
    if t.expectation || stale_age.is_some() {
        // In parentheses, unless the sentence already ends with some ("due now (in
        // 2026)"): then as clauses of their own.
        let clauses = out.ends_with(')');
        out.push_str(if clauses { "; " } else { " (" });
        if t.expectation {
            out.push_str("an expectation, not a binding commitment");
        }
        if let Some(age) = stale_age {
            if t.expectation {
                out.push_str("; ");
            }
            out.push_str("the evidence is ");
            number(out, age);
            out.push_str(" days old");
        }
        if !clauses {
            out.push(')');
        }
    }
    out.push('.');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_display_writes_them() {
        for n in [0, 7, 10, -12, 2026, 10_000, i64::MAX, i64::MIN] {
            let mut out = String::from("x");
            number(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }

    #[test]
    fn days_months_and_gaps_in_words() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let mut out = String::new();
        day_text(&mut out, d(2026, 6, 4));
        out.push('|');
        day_text(&mut out, d(-44, 3, 15));
        out.push('|');
        gap_text(&mut out, d(2026, 1, 31), d(2026, 2, 1));
        out.push('|');
        gap_text(&mut out, d(2026, 1, 1), d(2026, 2, 1));
        out.push('|');
        gap_text(&mut out, d(2026, 1, 1), d(2026, 1, 14));
        out.push('|');
        gap_text(&mut out, d(2000, 1, 1), d(2030, 6, 1));
        assert_eq!(
            out,
            "4 June 2026|15 March -44|one day|one month|13 days|30 years"
        );
    }
}
