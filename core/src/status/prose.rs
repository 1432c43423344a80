//! The reader's sentence for a status: what the evidence says, when, and against which
//! deadline, in words ("Due by 31 March 2028; no report yet."). The rule id and the
//! machine fields stay in their own fields; the report, the web page and both bindings
//! print this sentence, so it is written in one place.
//!
//! Nothing is printed that the evidence does not give: a report known only to the month
//! is "in June 2026", a delivery with no stated date is not given one.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use super::evaluate::Evaluator;
use super::prepared::{Tracked, UpdateRef};
use super::rules::Verdict;
use super::{DerivedStatus as D, ReportedState};
use crate::dates::month_name;
use crate::deadline::{Deadline, DeadlineKind};
use crate::model::{EvidenceDate, Precision};

/// A day in words: "4 June 2026".
pub(crate) fn day_text(out: &mut String, d: NaiveDate) {
    let _ = write!(out, "{} {} {}", d.day(), month_name(d.month()), d.year());
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
            let _ = write!(out, "in {} {}", month_name(first.month()), first.year());
        }
        Precision::Quarter => {
            let _ = write!(
                out,
                "in {}–{} {}",
                month_name(first.month()),
                month_name(d.latest().month()),
                first.year()
            );
        }
        Precision::Year => {
            let _ = write!(out, "in {}", first.year());
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
/// 1 June and 31 August 2026", "to apply from April 2026". `None` without dates.
pub(crate) fn deadline_text(out: &mut String, d: &Deadline) -> bool {
    match (d.kind(), d.earliest(), d.latest()) {
        (DeadlineKind::None | DeadlineKind::Ongoing, _, _) | (_, None, None) => false,
        (DeadlineKind::From, Some(start), _) | (_, Some(start), None) => {
            out.push_str("to apply from ");
            if is_first_of_month(start) {
                let _ = write!(out, "{} {}", month_name(start.month()), start.year());
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
            let whole_months = is_first_of_month(a) && is_last_of_month(b);
            if a == b {
                out.push_str("on ");
                day_text(out, a);
            } else if whole_months && a.year() == b.year() && a.month() == 1 && b.month() == 12 {
                let _ = write!(out, "in {}", a.year());
            } else if whole_months && a.year() == b.year() && a.month() == b.month() {
                let _ = write!(out, "in {} {}", month_name(a.month()), a.year());
            } else if a.year() == b.year() {
                let _ = write!(out, "between {} {} and ", a.day(), month_name(a.month()));
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

/// "due by 31 March 2028", or "no dated deadline".
fn due(out: &mut String, d: Option<&Deadline>) {
    let mut text = String::new();
    if d.is_some_and(|d| deadline_text(&mut text, d)) {
        out.push_str("due ");
        out.push_str(&text);
    } else {
        out.push_str("no dated deadline");
    }
}

/// The deadline's text alone ("by 31 March 2028"), empty without dates.
fn window(d: Option<&Deadline>) -> String {
    let mut text = String::new();
    if let Some(d) = d {
        deadline_text(&mut text, d);
    }
    text
}

fn number_word(n: i64) -> String {
    const WORDS: [&str; 13] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    usize::try_from(n)
        .ok()
        .and_then(|i| WORDS.get(i))
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// The time from `a` to `b` in words: "12 days", "one month", "two months", "two years".
pub(crate) fn gap_text(out: &mut String, a: NaiveDate, b: NaiveDate) {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    let mut months =
        i64::from(b.year() - a.year()) * 12 + i64::from(b.month()) - i64::from(a.month());
    if b.day() < a.day() {
        months -= 1;
    }
    let plural =
        |n: i64, unit: &str| format!("{} {unit}{}", number_word(n), if n == 1 { "" } else { "s" });
    let text = if months < 1 {
        plural(b.signed_duration_since(a).num_days(), "day")
    } else if months < 24 {
        plural(months, "month")
    } else {
        plural(months / 12, "year")
    };
    out.push_str(&text);
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
            let _ = write!(out, "Due now ({}); no report yet", window(judged));
        }
        (D::NotYetDue | D::NoEvidence | D::OverdueUnconfirmed, None) => {
            let start = out.len();
            due(out, judged);
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
            let _ = write!(out, "; due now ({})", window(judged));
        }
        (D::OverdueUnconfirmed, Some(u)) => {
            out.push_str("Due ");
            let mut text = String::new();
            if judged.is_some_and(|d| deadline_text(&mut text, d)) {
                out.push_str(&text);
            }
            out.push_str("; the last report, ");
            out.push_str(label);
            out.push(' ');
            when_text(out, u.date);
            if let Some(end) = judged.and_then(deadline_end) {
                if u.visible <= end {
                    out.push_str(", came ");
                    gap_text(out, u.visible, end);
                    out.push_str(if judged.is_some_and(|d| d.kind() == DeadlineKind::From) {
                        " before it was due to apply"
                    } else {
                        " before the deadline's end"
                    });
                }
            }
            out.push_str(", and nothing has been reported since");
        }
        (D::Behind | D::Delayed, Some(u)) => {
            let start = out.len();
            reported(out, label, u);
            capitalise(out, start);
            if let Some(end) = judged.and_then(deadline_end) {
                out.push_str(", ");
                gap_text(out, end, u.date.earliest().unwrap_or(u.visible));
                out.push_str(" after it was ");
                due(out, judged);
                if v.new_deadline {
                    out.push_str(" under its re-plan");
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
                            let _ = write!(out, " with a new deadline, \"{}\" (set ", new.phrase);
                            day_text(out, new.written_on);
                            out.push(')');
                        }
                    }
                    _ => out.push_str(", with the new deadline still to be set"),
                }
            }
            let mut text = String::new();
            if original.is_some_and(|d| deadline_text(&mut text, d)) {
                let missed = original
                    .and_then(deadline_end)
                    .is_some_and(|end| as_of > end);
                out.push_str("; originally due ");
                out.push_str(&text);
                if missed {
                    out.push_str(", a deadline missed");
                }
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
                due(out, judged);
            }
        }
        (_, None) => {
            let start = out.len();
            due(out, judged);
            capitalise(out, start);
        }
    }
    let mut notes: Vec<String> = Vec::new();
    if t.expectation {
        notes.push("an expectation, not a binding commitment".to_owned());
    }
    if let Some(u) = latest {
        let age = as_of.signed_duration_since(u.visible).num_days();
        let stale = !status.is_delivered()
            && e.rules()
                .staleness_days
                .is_some_and(|limit| age > i64::from(limit));
        if stale {
            notes.push(format!("the evidence is {age} days old"));
        }
    }
    if !notes.is_empty() {
        out.push_str(" (");
        out.push_str(&notes.join("; "));
        out.push(')');
    }
    out.push('.');
}
