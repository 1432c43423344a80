//! Resolution: a [`Phrase`] read by the grammar, plus the [`Conventions`] and the date the
//! phrase was written, into a [`Deadline`] window.
//!
//! This file decides every date: the year of a unit written without one (and the roll
//! rules: "by March" written in May means next March; "completed in October" written in
//! May means last October), which year "this winter" belongs to, where financial and tax
//! years start and which year an FY label names, the window of a part ("early", "mid",
//! "the rest of"), what each connective does to a window ("before" ends the day before,
//! "after" starts the day after), ranges between two ends, and the day a deadline falls
//! due. It also records, in order, the ids of the conventions applied (see
//! [`rules`](super::rules)): first the ones about how the text was read, in the order of
//! the text, then the ones resolution applied. The refusals made here are about dates,
//! not words: a window outside the supported years, a part of a single day, a "rest of" a
//! period that had already ended, a range whose ends are reversed or undated.

use chrono::{Datelike, NaiveDate};

use super::calendar::{
    add_days, add_months, checked_date, month_end, month_start, months, season_first_month,
    shift_month, ymd, MAX_YEAR, MIN_YEAR,
};
use super::parser::{Base, Conn, Expr, Fiscal, Form, Phrase, Unit, YearRef};
use super::{
    range_granularity, rules, Conventions, Deadline, DeadlineError, DeadlineErrorCode as Code,
    DeadlineKind, FyLabel, Granularity, Named, Part,
};

type Result<T> = std::result::Result<T, DeadlineError>;

/// A resolved unit: its window and what it was.
#[derive(Debug, Clone, Copy)]
struct Win {
    start: NaiveDate,
    end: NaiveDate,
    granularity: Granularity,
    named: Named,
    code: Option<(i32, u8)>,
    /// Whole months from `start` that the unit spans (0 when not month-based).
    months: i32,
    /// Resolved calendar year, for range ends that inherit it.
    year: i32,
    /// Undated (an event with no date).
    undated: bool,
}

/// Resolve `read`, the reading of `phrase`, written on `written_on`, under `conv`.
pub(super) fn resolve(
    conv: &Conventions,
    read: &Phrase,
    phrase: &str,
    written_on: NaiveDate,
) -> Result<Deadline> {
    let mut r = Resolver {
        conv,
        written_on,
        rules: Vec::with_capacity(4),
    };
    let d = match read.form {
        Form::NoDate => {
            r.rule(rules::NO_DATE);
            return Ok(r.open(phrase, DeadlineKind::None));
        }
        Form::Ongoing => {
            r.rule(rules::ONGOING);
            return Ok(r.open(phrase, DeadlineKind::Ongoing));
        }
        Form::Single { expr, conn, past } => {
            r.reading(&expr);
            r.single(expr, conn, past)?
        }
        Form::Range { left, right, past } => {
            r.reading(&left);
            r.reading(&right);
            r.range(left, right, past)?
        }
    };
    Ok(r.complete(d, phrase, read.approximate))
}

/// The state of one resolution: the conventions, the date written, the rules applied.
struct Resolver<'c> {
    conv: &'c Conventions,
    written_on: NaiveDate,
    rules: Vec<&'static str>,
}

impl Resolver<'_> {
    fn rule(&mut self, id: &'static str) {
        if !self.rules.contains(&id) {
            self.rules.push(id);
        }
    }

    /// The rule for how an expression's text was read, when its reading took a convention
    /// or a choice: a numeric date's order, a year range, a winter's year pair, an FY.
    fn reading(&mut self, expr: &Expr) {
        let id = match expr.base {
            Base::Date { numeric: true, .. } => rules::DAY_FIRST,
            Base::YearRange(..) => rules::YEAR_RANGE,
            Base::Season { pair: true, .. } => rules::WINTER,
            Base::FinancialYear(fy)
            | Base::Quarter {
                fiscal: Some(fy), ..
            }
            | Base::Half {
                fiscal: Some(fy), ..
            } => match fy {
                Fiscal::Pair(_) => return,
                Fiscal::Current(_) => rules::RELATIVE_PERIOD,
                Fiscal::FyPair(_) => rules::FY,
                Fiscal::FyLabel(_) => rules::FY_LABEL,
            },
            _ => return,
        };
        self.rule(id);
    }

    /// The start year of a financial year as written.
    fn fy_start(&self, fy: Fiscal) -> i32 {
        match fy {
            Fiscal::Current(offset) => {
                let w = self.written_on;
                let started = self
                    .conv
                    .financial_year_start
                    .in_year(w.year())
                    .is_some_and(|s| s <= w);
                w.year() - i32::from(!started) + offset
            }
            Fiscal::Pair(start) | Fiscal::FyPair(start) => start,
            Fiscal::FyLabel(label) => match self.conv.fy_label {
                FyLabel::EndYear => label - 1,
                FyLabel::StartYear => label,
            },
        }
    }

    /// A deadline with no date ("in due course", "ongoing").
    fn open(&mut self, phrase: &str, kind: DeadlineKind) -> Deadline {
        Deadline {
            phrase: phrase.into(),
            written_on: self.written_on,
            kind,
            earliest: None,
            latest: None,
            due_from: None,
            granularity: Granularity::Open,
            named: Named::Nothing,
            part: None,
            approximate: false,
            uncertain: false,
            code: None,
            rules: std::mem::take(&mut self.rules),
        }
    }

    /// The last step of every dated reading: the phrase as written, the approximation a
    /// leading "around" or "about" asked for, and the conventions applied, in order.
    fn complete(&mut self, mut d: Deadline, phrase: &str, approximate: bool) -> Deadline {
        d.phrase = phrase.into();
        if approximate {
            d.approximate = true;
            self.rule(rules::APPROX);
        }
        d.rules = std::mem::take(&mut self.rules);
        d
    }

    fn single(&mut self, expr: Expr, conn: Conn, past: bool) -> Result<Deadline> {
        let d = self.single_unchecked(expr, conn, past)?;
        // "after late 9999" would start in the year 10000.
        let outside =
            |x: Option<NaiveDate>| x.is_some_and(|x| !(MIN_YEAR..=MAX_YEAR).contains(&x.year()));
        if outside(d.earliest) || outside(d.latest) || outside(d.due_from) {
            return Err(self.range_error(expr.span));
        }
        Ok(d)
    }

    fn single_unchecked(&mut self, expr: Expr, conn: Conn, past: bool) -> Result<Deadline> {
        let w = self.resolve(&expr, conn, past, None)?;
        let last = names_last(&expr.base) && matches!(conn, Conn::None | Conn::During);
        if last {
            self.rule(rules::LAST_IS_PAST);
        }
        let is_past = past
            || last
            || matches!(
                expr.base,
                Base::Ago { .. } | Base::SeveralMonthsAgo | Base::EarlierThisYear | Base::Recently
            );
        if past && !matches!(expr.base, Base::Ago { .. } | Base::SeveralMonthsAgo) {
            self.rule(rules::PAST_CUE);
        }
        let mut d = self.blank(w);
        d.part = expr.part;
        if w.undated {
            d.kind = match conn {
                Conn::By | Conn::Before => DeadlineKind::By,
                Conn::From | Conn::After => DeadlineKind::From,
                _ => DeadlineKind::During,
            };
            d.uncertain = true;
            d.code = None;
            self.rule(rules::UNANCHORED);
            return Ok(d);
        }
        if let Base::SeveralMonthsAgo = expr.base {
            d.kind = DeadlineKind::Past;
            d.earliest = None;
            d.latest = Some(w.end);
            d.due_from = None;
            d.uncertain = true;
            return Ok(d);
        }
        if let Base::Recently = expr.base {
            d.kind = DeadlineKind::Past;
            d.earliest = None;
            d.due_from = None;
            d.code = None;
            return Ok(d);
        }
        if let (Base::Within { .. }, Conn::During) = (expr.base, conn) {
            d.kind = DeadlineKind::During;
            d.earliest = Some(self.written_on);
            d.due_from = Some(self.written_on);
            d.code = None;
            self.rule(rules::OVER_NEXT);
            return Ok(d);
        }
        if let Base::Within { .. } = expr.base {
            d.kind = DeadlineKind::By;
            d.earliest = None;
            d.latest = Some(w.end);
            d.due_from = Some(w.start);
            d.code = None;
            return Ok(d);
        }
        let (pw, boundary_start, boundary_end) = match expr.part {
            Some(part) => {
                let pw = self.part_window(&w, part, expr.span)?;
                (pw, pw.0, pw.1)
            }
            None => ((w.start, w.end), w.start, w.end),
        };
        // The EDTF code names the whole unit: kept without a part, and for a boundary that
        // coincides with the unit's own ("by the end of Q3", "from the start of 2027").
        let keep_code = matches!(
            (expr.part, conn),
            (None, _) | (Some(Part::End), Conn::By) | (Some(Part::Start), Conn::From)
        );
        if !keep_code {
            d.code = None;
        }
        match conn {
            Conn::By => {
                d.kind = DeadlineKind::By;
                d.earliest = None;
                d.latest = Some(if expr.part == Some(Part::Start) {
                    self.rule(rules::BOUNDARY);
                    boundary_start
                } else {
                    if expr.part == Some(Part::End) {
                        self.rule(rules::BOUNDARY);
                    }
                    boundary_end
                });
                d.due_from = Some(pw.0.min(d.latest.unwrap_or(pw.0)));
                self.rule(rules::BY_END);
            }
            Conn::Before => {
                d.kind = DeadlineKind::By;
                d.earliest = None;
                let latest = if expr.part == Some(Part::End) {
                    self.rule(rules::BOUNDARY);
                    boundary_end
                } else {
                    add_days(pw.0, -1).ok_or_else(|| self.range_error(expr.span))?
                };
                d.latest = Some(latest);
                d.due_from = Some(self.unit_start_ending(latest, &w));
                d.code = None;
                self.rule(rules::BEFORE);
            }
            Conn::From => {
                d.kind = DeadlineKind::From;
                let earliest = if expr.part == Some(Part::End) {
                    self.rule(rules::BOUNDARY);
                    boundary_end
                } else {
                    pw.0
                };
                d.earliest = Some(earliest);
                d.latest = None;
                d.due_from = Some(earliest);
                self.rule(rules::FROM_START);
            }
            Conn::After => {
                d.kind = DeadlineKind::From;
                let earliest = add_days(pw.1, 1).ok_or_else(|| self.range_error(expr.span))?;
                d.earliest = Some(earliest);
                d.latest = None;
                d.due_from = Some(earliest);
                d.code = None;
                self.rule(rules::AFTER);
            }
            Conn::Until | Conn::NowUntil => {
                let end = pw.1;
                if end < self.written_on {
                    return Err(DeadlineError::at(
                        Code::ReversedRange,
                        expr.span,
                        format!(
                            "the period had already ended ({end}) when this was written ({})",
                            self.written_on
                        ),
                    ));
                }
                let (kind, rule) = if conn == Conn::Until {
                    (DeadlineKind::Ongoing, rules::UNTIL)
                } else {
                    (DeadlineKind::During, rules::NOW_UNTIL)
                };
                d.kind = kind;
                d.earliest = Some(self.written_on);
                d.latest = Some(end);
                d.due_from = Some(self.written_on);
                d.code = None;
                self.rule(rules::RELATIVE);
                self.rule(rule);
            }
            Conn::Throughout => {
                d.kind = DeadlineKind::Ongoing;
                d.earliest = Some(pw.0);
                d.latest = Some(pw.1);
                d.due_from = Some(pw.0);
                self.rule(rules::THROUGHOUT);
            }
            Conn::During | Conn::None => {
                d.kind = if is_past {
                    DeadlineKind::Past
                } else {
                    DeadlineKind::During
                };
                d.earliest = Some(pw.0);
                d.latest = Some(pw.1);
                d.due_from = Some(pw.0);
            }
        }
        Ok(d)
    }

    fn range(&mut self, left: Expr, right: Expr, past: bool) -> Result<Deadline> {
        // "between October and December last year" is past, as "last year" is.
        let last = names_last(&left.base) || names_last(&right.base);
        if last {
            self.rule(rules::LAST_IS_PAST);
        }
        let past = past || last;
        let r = self.resolve(&right, Conn::During, past, None)?;
        let l = self.resolve(&left, Conn::During, past, Some(r.year))?;
        if l.undated || r.undated {
            return Err(DeadlineError::at(
                Code::UnrecognisedWord,
                (left.span.0, right.span.1),
                "a range needs dated ends",
            ));
        }
        let lw = match left.part {
            Some(p) => self.part_window(&l, p, left.span)?,
            None => (l.start, l.end),
        };
        let rw = match right.part {
            Some(p) => self.part_window(&r, p, right.span)?,
            None => (r.start, r.end),
        };
        if lw.0 > rw.0 || lw.1 > rw.1 {
            return Err(DeadlineError::at(
                Code::ReversedRange,
                (left.span.0, right.span.1),
                format!("the range starts on {} but ends on {}", lw.0, rw.1),
            ));
        }
        self.rule(rules::RANGE);
        let granularity = range_granularity(l.granularity, r.granularity, l.year == r.year);
        let mut d = self.blank(Win {
            start: lw.0,
            end: rw.1,
            granularity,
            named: Named::Range,
            code: None,
            months: 0,
            year: r.year,
            undated: false,
        });
        d.kind = if past {
            DeadlineKind::Past
        } else {
            DeadlineKind::During
        };
        if past {
            self.rule(rules::PAST_CUE);
        }
        Ok(d)
    }

    fn blank(&self, w: Win) -> Deadline {
        Deadline {
            phrase: "".into(),
            written_on: self.written_on,
            kind: DeadlineKind::During,
            earliest: (!w.undated).then_some(w.start),
            latest: (!w.undated).then_some(w.end),
            due_from: (!w.undated).then_some(w.start),
            granularity: w.granularity,
            named: w.named,
            part: None,
            approximate: false,
            uncertain: false,
            code: w.code,
            rules: Vec::new(),
        }
    }

    fn range_error(&self, span: (usize, usize)) -> DeadlineError {
        DeadlineError::at(
            Code::OutOfRange,
            span,
            format!("the date falls outside the years {MIN_YEAR} to {MAX_YEAR}"),
        )
    }

    /// The first day of the unit (of the same size as `w`) that ends on `latest`, for the
    /// day a `before` deadline falls due.
    fn unit_start_ending(&self, latest: NaiveDate, w: &Win) -> NaiveDate {
        if w.months <= 0 {
            return latest;
        }
        let (y, m) = shift_month(latest.year(), latest.month(), -(w.months - 1));
        month_start(y, m).unwrap_or(latest)
    }

    /// Pick the year of a unit given without one.
    fn pick_year(
        &mut self,
        default: i32,
        conn: Conn,
        past: bool,
        inherit: Option<i32>,
        window: impl Fn(i32) -> Option<(NaiveDate, NaiveDate)>,
    ) -> i32 {
        if let Some(y) = inherit {
            self.rule(rules::RANGE);
            return y;
        }
        self.rule(rules::BARE_YEAR);
        let Some((start, end)) = window(default) else {
            return default;
        };
        match conn {
            Conn::By | Conn::Before | Conn::Until | Conn::NowUntil if end < self.written_on => {
                self.rule(rules::BY_ROLLS);
                default + 1
            }
            _ if past && start > self.written_on => {
                self.rule(rules::PAST_ROLLS);
                default - 1
            }
            _ => default,
        }
    }

    fn year_of(
        &mut self,
        year: YearRef,
        conn: Conn,
        past: bool,
        inherit: Option<i32>,
        window: impl Fn(i32) -> Option<(NaiveDate, NaiveDate)>,
    ) -> i32 {
        let written = self.written_on.year();
        match year {
            YearRef::Explicit(y) => y,
            YearRef::Bare => self.pick_year(written, conn, past, inherit, window),
            rel => {
                self.rule(rules::RELATIVE);
                written + rel.offset().unwrap_or(0)
            }
        }
    }

    fn resolve(
        &mut self,
        expr: &Expr,
        conn: Conn,
        past: bool,
        inherit: Option<i32>,
    ) -> Result<Win> {
        let span = expr.span;
        let out_of_range = |p: &Self| p.range_error(span);
        let win = |start: NaiveDate, end: NaiveDate, granularity, named, months, year| Win {
            start,
            end,
            granularity,
            named,
            code: None,
            months,
            year,
            undated: false,
        };
        let w = match expr.base {
            Base::Date {
                year,
                month,
                day,
                span,
                ..
            } => {
                let y = self.year_of(year, conn, past, inherit, |y| {
                    ymd(y, month, day).map(|d| (d, d))
                });
                let date = checked_date(y, month, day, span)?;
                win(date, date, Granularity::Day, Named::Date, 0, y)
            }
            Base::Month { year, month } => {
                let y = self.year_of(year, conn, past, inherit, |y| months(y, month, 1));
                let (s, e) = months(y, month, 1).ok_or_else(|| out_of_range(self))?;
                win(s, e, Granularity::Month, Named::Month, 1, y)
            }
            Base::RelMonth(offset) => {
                self.rule(rules::RELATIVE);
                let (y, m) = shift_month(self.written_on.year(), self.written_on.month(), offset);
                let (s, e) = months(y, m, 1).ok_or_else(|| out_of_range(self))?;
                win(s, e, Granularity::Month, Named::Relative, 1, y)
            }
            Base::Season { year, season, .. } => {
                self.rule(rules::SEASON);
                if season == 3 {
                    self.rule(rules::WINTER);
                }
                let first = season_first_month(u32::from(season));
                let written = self.written_on;
                // Winter belongs to the year of its December: January and February of
                // 2026 are in winter 2025.
                let season_year = if season == 3 && written.month() <= 2 {
                    written.year() - 1
                } else {
                    written.year()
                };
                let y = match year {
                    YearRef::Explicit(y) => y,
                    YearRef::Bare => {
                        self.pick_year(season_year, conn, past, inherit, |y| months(y, first, 3))
                    }
                    rel => {
                        self.rule(rules::THIS_SEASON);
                        self.rule(rules::RELATIVE);
                        season_year + rel.offset().unwrap_or(0)
                    }
                };
                let (s, e) = months(y, first, 3).ok_or_else(|| out_of_range(self))?;
                let mut w = win(s, e, Granularity::Season, Named::Season, 3, y);
                w.code = Some((y, 21 + season));
                w
            }
            Base::Quarter {
                quarter: n,
                fiscal,
                year,
            }
            | Base::Half {
                half: n,
                fiscal,
                year,
            } => {
                // Quarters and halves differ only in their length, rules and EDTF codes.
                let (len, granularity, named, fiscal_rule, calendar_rule, code_base) =
                    match expr.base {
                        Base::Quarter { .. } => (
                            3,
                            Granularity::Quarter,
                            Named::Quarter,
                            rules::FY_QUARTER,
                            rules::QUARTER,
                            32,
                        ),
                        _ => (
                            6,
                            Granularity::Half,
                            Named::Half,
                            rules::FY_HALF,
                            rules::HALF,
                            39,
                        ),
                    };
                let offset = (n as i32 - 1) * len;
                if let Some(fy) = fiscal {
                    let start_year = self.fy_start(fy);
                    self.rule(fiscal_rule);
                    let (s, e) = self
                        .fiscal_months(start_year, offset, len)
                        .ok_or_else(|| out_of_range(self))?;
                    win(s, e, granularity, named, len, start_year)
                } else {
                    self.rule(calendar_rule);
                    let first = offset as u32 + 1;
                    let y = self.year_of(year, conn, past, inherit, |y| months(y, first, len));
                    let (s, e) = months(y, first, len).ok_or_else(|| out_of_range(self))?;
                    let mut w = win(s, e, granularity, named, len, y);
                    w.code = Some((y, code_base + n as u8));
                    w
                }
            }
            Base::Year(year) => {
                let named = if matches!(year, YearRef::Explicit(_)) {
                    Named::Year
                } else {
                    Named::Relative
                };
                let y = self.year_of(year, conn, past, inherit, |y| months(y, 1, 12));
                let (s, e) = months(y, 1, 12).ok_or_else(|| out_of_range(self))?;
                win(s, e, Granularity::Year, named, 12, y)
            }
            Base::FinancialYear(fy) => {
                let start_year = self.fy_start(fy);
                self.rule(rules::FY);
                let (s, e) = self
                    .fiscal_months(start_year, 0, 12)
                    .ok_or_else(|| out_of_range(self))?;
                win(
                    s,
                    e,
                    Granularity::Year,
                    Named::FinancialYear,
                    12,
                    start_year,
                )
            }
            Base::TaxYear(start_year) => {
                self.rule(rules::TAX_YEAR);
                let start = self
                    .conv
                    .tax_year_start
                    .in_year(start_year)
                    .ok_or_else(|| out_of_range(self))?;
                let end = add_months(start, 12)
                    .and_then(|d| add_days(d, -1))
                    .ok_or_else(|| out_of_range(self))?;
                win(
                    start,
                    end,
                    Granularity::Year,
                    Named::TaxYear,
                    12,
                    start_year,
                )
            }
            Base::RelQuarter(offset) | Base::RelHalf(offset) => {
                self.rule(rules::RELATIVE_PERIOD);
                self.rule(rules::RELATIVE);
                let (len, granularity, code_base) = match expr.base {
                    Base::RelQuarter(_) => (3, Granularity::Quarter, 33),
                    _ => (6, Granularity::Half, 40),
                };
                let w = self.written_on;
                let index = (w.month() as i32 - 1) / len;
                let (y, m) = shift_month(w.year(), (index * len + 1) as u32, offset * len);
                let (s, e) = months(y, m, len).ok_or_else(|| out_of_range(self))?;
                let mut win = win(s, e, granularity, Named::Relative, len, y);
                win.code = Some((y, code_base + ((m as i32 - 1) / len) as u8));
                win
            }
            Base::RelTaxYear(offset) => {
                self.rule(rules::RELATIVE_PERIOD);
                self.rule(rules::TAX_YEAR);
                let w = self.written_on;
                let ts = self.conv.tax_year_start;
                let started = ts.in_year(w.year()).is_some_and(|s| s <= w);
                let start_year = w.year() - i32::from(!started) + offset;
                let start = ts.in_year(start_year).ok_or_else(|| out_of_range(self))?;
                let end = add_months(start, 12)
                    .and_then(|d| add_days(d, -1))
                    .ok_or_else(|| out_of_range(self))?;
                win(
                    start,
                    end,
                    Granularity::Year,
                    Named::TaxYear,
                    12,
                    start_year,
                )
            }
            Base::Decade(offset) => {
                self.rule(rules::DECADE);
                self.rule(rules::RELATIVE);
                let first = self.written_on.year().div_euclid(10) * 10 + offset * 10;
                let (s, e) = months(first, 1, 120).ok_or_else(|| out_of_range(self))?;
                win(
                    s,
                    e,
                    Granularity::MultiYear,
                    Named::Relative,
                    120,
                    first + 9,
                )
            }
            Base::EarlierThisYear => {
                self.rule(rules::EARLIER);
                self.rule(rules::RELATIVE);
                let w = self.written_on;
                let start = ymd(w.year(), 1, 1).ok_or_else(|| out_of_range(self))?;
                let end = add_days(w, -1).filter(|e| *e >= start).ok_or_else(|| {
                    DeadlineError::at(
                        Code::ReversedRange,
                        span,
                        format!("nothing of the year had passed when this was written ({w})"),
                    )
                })?;
                win(start, end, Granularity::Day, Named::Relative, 0, w.year())
            }
            Base::Recently => {
                self.rule(rules::RECENTLY);
                self.rule(rules::RELATIVE);
                let end = add_days(self.written_on, -1).ok_or_else(|| out_of_range(self))?;
                win(end, end, Granularity::Day, Named::Relative, 0, end.year())
            }
            Base::YearRange(a, b) => {
                let (s, _) = months(a, 1, 12).ok_or_else(|| out_of_range(self))?;
                let (_, e) = months(b, 1, 12).ok_or_else(|| out_of_range(self))?;
                win(
                    s,
                    e,
                    Granularity::MultiYear,
                    Named::Range,
                    (b - a + 1) * 12,
                    b,
                )
            }
            Base::Named(i) => {
                let entry = self.conv.named_periods.iter().nth(i).ok_or_else(|| {
                    DeadlineError::at(Code::UnrecognisedWord, span, "no such named period")
                })?;
                let granularity = entry.granularity();
                match entry.window() {
                    Some((s, e)) => {
                        self.rule(rules::NAMED);
                        let m = whole_months(s, e);
                        win(s, e, granularity, Named::NamedPeriod, m, e.year())
                    }
                    None => Win {
                        start: self.written_on,
                        end: self.written_on,
                        granularity: Granularity::Unknown,
                        named: Named::NamedPeriod,
                        code: None,
                        months: 0,
                        year: self.written_on.year(),
                        undated: true,
                    },
                }
            }
            Base::Ago { count, unit } => {
                self.rule(rules::AGO);
                self.rule(rules::RELATIVE);
                let w = self.written_on;
                match unit {
                    Unit::Year | Unit::Month => {
                        let back = if unit == Unit::Year {
                            count.min(10_000) * 12
                        } else {
                            count.min(120_000)
                        };
                        let (y, m) = shift_month(w.year(), w.month(), -back);
                        let (s, e) = months(y, m, 1).ok_or_else(|| out_of_range(self))?;
                        win(s, e, Granularity::Month, Named::Relative, 1, y)
                    }
                    Unit::Week | Unit::Day => {
                        let days = i64::from(count) * if unit == Unit::Week { 7 } else { 1 };
                        let d = add_days(w, -days).ok_or_else(|| out_of_range(self))?;
                        win(d, d, Granularity::Day, Named::Relative, 0, d.year())
                    }
                }
            }
            Base::SeveralMonthsAgo => {
                self.rule(rules::SEVERAL);
                self.rule(rules::RELATIVE);
                let (y, m) = shift_month(self.written_on.year(), self.written_on.month(), -2);
                let e = month_end(y, m).ok_or_else(|| out_of_range(self))?;
                win(e, e, Granularity::Month, Named::Relative, 0, y)
            }
            Base::Within { count, unit } => {
                self.rule(rules::WITHIN);
                self.rule(rules::RELATIVE);
                let w = self.written_on;
                let (latest, granularity, back) = match unit {
                    Unit::Year => (
                        add_months(w, count.saturating_mul(12)),
                        Granularity::Year,
                        -12,
                    ),
                    Unit::Month => (add_months(w, count), Granularity::Month, -1),
                    Unit::Week => (add_days(w, i64::from(count) * 7), Granularity::Day, 0),
                    Unit::Day => (add_days(w, i64::from(count)), Granularity::Day, 0),
                };
                let latest = latest
                    .filter(|d| d.year() <= MAX_YEAR)
                    .ok_or_else(|| out_of_range(self))?;
                // Due during the last unit before `latest`.
                let due = if back == 0 {
                    latest
                } else {
                    add_months(latest, back)
                        .and_then(|d| add_days(d, 1))
                        .unwrap_or(latest)
                };
                win(
                    due.max(w),
                    latest,
                    granularity,
                    Named::Relative,
                    0,
                    latest.year(),
                )
            }
        };
        if !w.undated && (w.start.year() < MIN_YEAR || w.end.year() > MAX_YEAR) {
            return Err(out_of_range(self));
        }
        // Rest of: from the day after written_on, within the unit.
        if expr.part == Some(Part::RestOf) {
            self.rule(rules::REST_OF);
        }
        Ok(w)
    }

    fn fiscal_months(
        &self,
        start_year: i32,
        offset: i32,
        count: i32,
    ) -> Option<(NaiveDate, NaiveDate)> {
        let year_start = self.conv.financial_year_start.in_year(start_year)?;
        let start = add_months(year_start, offset)?;
        let end = add_days(add_months(year_start, offset + count)?, -1)?;
        Some((start, end))
    }

    /// The window of a part of a unit.
    fn part_window(
        &mut self,
        w: &Win,
        part: Part,
        span: (usize, usize),
    ) -> Result<(NaiveDate, NaiveDate)> {
        if w.undated {
            return Ok((w.start, w.end));
        }
        if part == Part::RestOf {
            let start = add_days(self.written_on, 1).map_or(w.start, |d| d.max(w.start));
            if start > w.end {
                return Err(DeadlineError::at(
                    Code::ReversedRange,
                    span,
                    format!(
                        "the period had already ended ({}) when this was written ({})",
                        w.end, self.written_on
                    ),
                ));
            }
            return Ok((start, w.end));
        }
        if w.granularity == Granularity::Day && w.start == w.end {
            return Err(DeadlineError::at(
                Code::UnrecognisedWord,
                span,
                "a single day has no early, mid or late part",
            ));
        }
        let by_months = |from: i32, to: i32| -> Option<(NaiveDate, NaiveDate)> {
            Some((
                add_months(w.start, from)?,
                add_days(add_months(w.start, to)?, -1)?,
            ))
        };
        let window = if w.months == 1 {
            self.rule(rules::MONTH_PART);
            let (y, m) = (w.start.year(), w.start.month());
            let last = w.end.day();
            let (a, b) = match part {
                Part::Early | Part::Start => (1, 10),
                Part::Mid => (11, 20),
                _ => (21, last),
            };
            ymd(y, m, a).zip(ymd(y, m, b))
        } else if w.months == 12 {
            self.rule(rules::YEAR_PART);
            match part {
                Part::Start => by_months(0, 2),
                Part::Early => by_months(0, 4),
                Part::Mid => by_months(4, 8),
                Part::Late => by_months(8, 12),
                _ => by_months(10, 12),
            }
        } else if w.months >= 3 && w.months % 3 == 0 {
            self.rule(if w.granularity == Granularity::Season {
                rules::SEASON_PART
            } else {
                rules::PERIOD_PART
            });
            let third = w.months / 3;
            match part {
                Part::Early | Part::Start => by_months(0, third),
                Part::Mid => by_months(third, 2 * third),
                _ => by_months(2 * third, w.months),
            }
        } else {
            // Split by days.
            self.rule(rules::PERIOD_PART);
            let len = super::calendar::days_between(w.start, w.end) + 1;
            let third = len / 3;
            let (a, b) = match part {
                Part::Early | Part::Start => (0, third - 1),
                Part::Mid => (third, 2 * third - 1),
                _ => (2 * third, len - 1),
            };
            add_days(w.start, a).zip(add_days(w.start, b.max(a)))
        };
        window.ok_or_else(|| self.range_error(span))
    }
}

/// The number of whole months from `start` to `end` when both are month-aligned, else 0.
fn whole_months(start: NaiveDate, end: NaiveDate) -> i32 {
    if start.day() != 1 || !super::calendar::is_month_end(end) {
        return 0;
    }
    (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32 + 1
}

/// Whether a unit is named as the last one before written_on's ("last year", "last
/// summer", "last quarter"), which makes the deadline past.
fn names_last(base: &Base) -> bool {
    match *base {
        Base::Year(y)
        | Base::Month { year: y, .. }
        | Base::Season { year: y, .. }
        | Base::Date { year: y, .. }
        | Base::Quarter { year: y, .. }
        | Base::Half { year: y, .. } => y == YearRef::Last,
        Base::RelMonth(o)
        | Base::RelQuarter(o)
        | Base::RelHalf(o)
        | Base::RelTaxYear(o)
        | Base::Decade(o)
        | Base::FinancialYear(Fiscal::Current(o)) => o < 0,
        _ => false,
    }
}
