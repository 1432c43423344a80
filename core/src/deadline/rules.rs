//! The stable ids of the conventions the parser applies and the rules the judge uses.
//!
//! A [`Deadline`](super::Deadline) lists the ids it was read with
//! ([`Deadline::rules`](super::Deadline::rules)); a [`Judgment`](super::Judgment) names the
//! rule that decided. [`ALL`] pairs each id with its meaning; `docs/deadlines.md` tables
//! them with examples.
//!
//! ```
//! use roadmap_tracker::deadline::rules;
//! assert!(rules::describe("season-meteorological").unwrap().contains("June"));
//! assert_eq!(rules::describe("no-such-rule"), None);
//! ```

macro_rules! rule_ids {
    ($($(#[$m:meta])* $name:ident = $id:literal : $why:literal;)+) => {
        $($(#[$m])* #[doc = $why] pub const $name: &str = $id;)+
        /// Every rule id with its meaning.
        pub const ALL: &[(&str, &str)] = &[$(($id, $why)),+];
    };
}

rule_ids! {
    BY_END = "by-end-of-window": "`by X`: latest is the last day of X; due from the start of X's last named unit.";
    BEFORE = "before-day-before": "`before X`: latest is the day before X starts.";
    FROM_START = "from-start-of-window": "`from X`: earliest is the first day of X; the end is open.";
    AFTER = "after-day-after": "`after X`: earliest is the day after X ends; the end is open.";
    BOUNDARY = "part-as-boundary": "With by/from, the end or start of a unit is its boundary day: `by the end of 2026` = 2026-12-31, `from the end of 2026` = 2026-12-31.";
    SEASON = "season-meteorological": "Seasons are meteorological: spring March to May, summer June to August, autumn September to November, winter December to February.";
    WINTER = "winter-spans-new-year": "Winter YEAR runs from December YEAR to February YEAR+1; `winter 2025/26` names the same winter as `winter 2025`.";
    THIS_SEASON = "this-season": "`this SEASON` is the occurrence in the written_on's year (winter: the one containing January and February); next/last add or subtract a year.";
    SEASON_PART = "part-of-season": "early, mid and late of a season are its first, second and third month.";
    YEAR_PART = "part-of-year": "early, mid, late of a year are January-April, May-August, September-December; `towards the end` is late; start is January-February and end is November-December.";
    MONTH_PART = "part-of-month": "early/start, mid and late/end of a month are days 1-10, 11-20 and 21 to the end.";
    PERIOD_PART = "part-of-period": "early/start, mid and late/end of a quarter, half or longer period are its first, second and last third.";
    REST_OF = "rest-of-year": "`later this year` and `the rest of YEAR` run from the day after written_on (or 1 January, if later) to 31 December.";
    BARE_YEAR = "bare-unit-in-written-year": "A month, season, quarter or date without a year takes written_on's year.";
    BY_ROLLS = "by-rolls-forward": "After by/before, a bare month or season that had already ended when written rolls forward a year.";
    PAST_ROLLS = "past-rolls-back": "With a past-tense cue, a bare month or season still ahead when written rolls back a year.";
    PAST_CUE = "past-cue": "A past-tense cue (completed, launched, was shared, back in) makes the deadline `past`.";
    RELATIVE = "relative-to-written-on": "this/next/last year and arithmetic phrases count from written_on, never from today.";
    WITHIN = "within-from-written-on": "`within N months` is due by written_on plus N months (same day of the month, clamped to the month's end).";
    AGO = "ago-calendar-unit": "`N years/months ago` is the whole calendar month that many years or months back from written_on (written in June 2026, three years ago is June 2023); weeks and days ago are a day.";
    SEVERAL = "several-months-upper-bound": "`several months ago` is at least two months back: only the upper bound (the end of that month) is known.";
    QUARTER = "quarter-calendar": "Q1-Q4 and first-fourth quarter are calendar quarters unless the year is a financial year.";
    HALF = "half-calendar": "H1/H2 and first/second half are calendar halves unless the year is a financial year.";
    FY_QUARTER = "quarter-financial": "A quarter of a financial year counts from its start: Q1 2026-27 is April to June 2026.";
    FY_HALF = "half-financial": "A half of a financial year counts from its start: H1 2026-27 is April to September 2026.";
    FY = "financial-year": "A financial year (2026-27, 2026/27, FY2026-27) runs from the conventions' start (1 April) for twelve months.";
    FY_LABEL = "fy-label": "`FYnn` names the financial year that ends in 20nn (configurable).";
    TAX_YEAR = "tax-year": "A tax year runs from the conventions' start (6 April) for twelve months.";
    YEAR_RANGE = "calendar-year-range": "Four digits on both sides (2026-2027) is a range of calendar years.";
    RANGE = "range-inclusive": "A range includes both ends whole; an end without a year takes the other end's.";
    DAY_FIRST = "day-first": "Numeric dates are day first: 01/04/2026 is 1 April 2026 (configurable).";
    NAMED = "named-period": "A period from the registry of named periods.";
    UNANCHORED = "unanchored-event": "A period anchored to an event with no date is unknown, not guessed.";
    APPROX = "approximate": "around, about, approximately: the window is kept and marked approximate.";
    NO_DATE = "no-date-phrase": "in due course, shortly, soon, in the coming weeks/months, at a later date, when parliamentary time allows, when resources allow, TBC, TBA, TBD, to be confirmed, n/a, none, -: a deadline of kind none, not an error.";
    ONGOING = "ongoing-phrase": "ongoing: a continuing activity with no date.";
    EDTF = "edtf": "Read from an EDTF (ISO 8601-2) string.";
    EDTF_CELL = "edtf-in-cell": "A cell holding EDTF or an ISO 8601 interval instead of prose is read as EDTF; in YYYY-NN, NN equal to the next year's last two digits is a financial year, otherwise 21-41 is an EDTF sub-year code.";
    RELATIVE_PERIOD = "this-next-last-period": "this/next/last quarter, half, financial year, tax year or decade: `this` is the one containing written_on, `next` and `last` one step on or back; `the financial year` alone is the current one; `next MONTH` is one year after `this MONTH`.";
    DECADE = "decade": "A decade runs from a year ending in 0 to the next ending in 9 (the 2020s are 2020-2029).";
    LAST_IS_PAST = "last-is-past": "last year, last month, last summer, last quarter, last financial year: kind `past`.";
    EARLIER = "earlier-this-year": "`earlier this year` is past: 1 January to the day before written_on.";
    RECENTLY = "recently": "`recently` is past: no earliest; latest the day before written_on.";
    UNTIL = "until-ongoing": "until, till, up to, to, through X: ongoing from written_on to the end of X.";
    THROUGHOUT = "throughout-ongoing": "throughout X, over the course of X: ongoing over X's window; plain `over X` is during X.";
    NOW_UNTIL = "between-now-and": "`between now and X` is during, from written_on to the end of X.";
    OVER_NEXT = "over-the-next": "over, for or within the next N days/weeks/months/years: during, from written_on to written_on plus N units.";
    JUDGE_NO_DATE = "judge-no-date": "A deadline of kind none has nothing to judge.";
    JUDGE_ONGOING = "judge-ongoing": "An ongoing activity with no date has nothing to judge (one over a window is judged as during).";
    JUDGE_UNDATED = "judge-undated": "A window anchored to an undated event cannot be judged.";
    JUDGE_STARTED = "judge-started": "A from deadline with a delivery (start) on or before the as-of date has started.";
    JUDGE_BEFORE_START = "judge-before-start": "A from deadline before its start has not started yet.";
    JUDGE_START_PASSED = "judge-start-passed": "A from deadline past its start with no delivery should have started.";
    JUDGE_MET_EARLY = "judge-met-early": "Delivered before a during window opened.";
    JUDGE_MET_ON_TIME = "judge-met-on-time": "Delivered on or before latest (and within the window for during).";
    JUDGE_MET_LATE = "judge-met-late": "Delivered after latest.";
    JUDGE_OVERDUE = "judge-overdue": "After latest with no delivery.";
    JUDGE_NOT_YET_DUE = "judge-not-yet-due": "Before the window (for by: its last named unit) opens.";
    JUDGE_DUE_NOW = "judge-due-now": "Inside the window (for by: inside its last named unit) with no delivery.";
}

/// The meaning of a rule id, or `None` if there is no such rule.
pub fn describe(id: &str) -> Option<&'static str> {
    ALL.iter().find(|(i, _)| *i == id).map(|(_, why)| *why)
}
