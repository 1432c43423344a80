//! The grammar of deadline phrases.
//!
//! A phrase is `qualifiers* connective? qualifiers* expression (range-end)? onwards?`:
//! qualifiers are "around"/"about" and past-tense cues ("completed", "back"); connectives
//! are by, before, from, after, in/during/throughout/on/at, within, between; an expression
//! is an optional part ("early", "the end of") and a unit (a date, month, season, quarter,
//! half, year, financial or tax year, named period, or arithmetic such as "two years ago").
//! Parsing builds an unresolved [`Expr`]; resolution turns it into dates, relative to the
//! date the phrase was written, and records the conventions it applied.

use chrono::{Datelike, NaiveDate};

use super::calendar::{
    add_days, add_months, month_end, month_start, months, season_first_month, shift_month, ymd,
    MAX_YEAR, MIN_YEAR,
};
use super::lexer::{is_word, tokenize, Kw, Shape, Token};
use super::{
    range_granularity, rules, Conventions, Deadline, DeadlineError, DeadlineErrorCode as Code,
    DeadlineKind, Granularity, Named, Part, MAX_PHRASE_BYTES,
};

type Result<T> = std::result::Result<T, DeadlineError>;

/// How the year of a unit was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearRef {
    Explicit(i32),
    This,
    Next,
    Last,
    /// No year: written_on's, with the roll rules.
    Bare,
}

impl YearRef {
    /// The year a "this", "next" or "last" names.
    fn relative(k: Kw) -> YearRef {
        match k {
            Kw::Next => YearRef::Next,
            Kw::Last => YearRef::Last,
            _ => YearRef::This,
        }
    }

    fn offset(self) -> Option<i32> {
        match self {
            YearRef::This => Some(0),
            YearRef::Next => Some(1),
            YearRef::Last => Some(-1),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy)]
enum Base {
    Date {
        year: YearRef,
        month: u32,
        day: u32,
        span: (usize, usize),
    },
    Month {
        year: YearRef,
        month: u32,
    },
    /// Month relative to written_on ("this month", "next month").
    RelMonth(i32),
    Season {
        year: YearRef,
        season: u8,
    },
    Quarter {
        quarter: u32,
        fiscal: Option<i32>,
        year: YearRef,
    },
    Half {
        half: u32,
        fiscal: Option<i32>,
        year: YearRef,
    },
    Year(YearRef),
    FinancialYear(i32),
    TaxYear(i32),
    YearRange(i32, i32),
    Named(usize),
    Ago {
        count: i32,
        unit: Unit,
    },
    SeveralMonthsAgo,
    Within {
        count: i32,
        unit: Unit,
    },
}

#[derive(Debug, Clone, Copy)]
struct Expr {
    base: Base,
    part: Option<Part>,
    span: (usize, usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Conn {
    None,
    By,
    Before,
    From,
    After,
    During,
}

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

pub(crate) fn parse(conv: &Conventions, phrase: &str, written_on: NaiveDate) -> Result<Deadline> {
    if phrase.len() > MAX_PHRASE_BYTES {
        return Err(DeadlineError::at(
            Code::TooLong,
            (0, phrase.len()),
            format!(
                "the phrase is {} bytes long; deadline phrases are limited to {MAX_PHRASE_BYTES}",
                phrase.len()
            ),
        ));
    }
    let mut tokens = Vec::with_capacity(8);
    tokenize(phrase, &mut tokens);
    if tokens.is_empty() {
        return Err(DeadlineError::at(
            Code::Empty,
            (0, phrase.len()),
            "the phrase is empty",
        ));
    }
    let mut p = Parser {
        toks: &tokens,
        pos: 0,
        conv,
        written_on,
        rules: Vec::with_capacity(4),
    };
    match p.phrase(phrase) {
        Err(e) if e.code() == Code::UnrecognisedWord && !has_date_cue(&tokens) => Err(
            DeadlineError::new(Code::NoDate, format!("no date in {:?}", phrase.trim())),
        ),
        other => other,
    }
    .map_err(|e| e.or_span((0, phrase.len())))
}

/// Whether the phrase looks like it is trying to say a date: then an unknown word in it is
/// reported as such; otherwise the phrase simply has no date in it.
fn has_date_cue(tokens: &[Token<'_>]) -> bool {
    tokens.iter().any(|t| match t.shape {
        Shape::Num { .. } => true,
        Shape::Word(k) => !matches!(
            k,
            Kw::Other
                | Kw::The
                | Kw::Of
                | Kw::And
                | Kw::A
                | Kw::Ordinal(_)
                | Kw::Number(_)
                | Kw::Past
                | Kw::Back
                | Kw::Time
                | Kw::For
                | Kw::No
                | Kw::Than
                | Kw::Over
                | Kw::To
                | Kw::On
                | Kw::At
        ),
        _ => false,
    })
}

/// The tokens of a number pair such as "2025/26" (see `Parser::number_pair`).
struct NumberPair<'t, 'a> {
    first: &'t Token<'a>,
    sep: &'t Token<'a>,
    second: &'t Token<'a>,
    /// The first number (four digits).
    value: u32,
    /// The second number, and its digit count.
    next: u32,
    next_digits: u8,
}

struct Parser<'t, 'a> {
    toks: &'t [Token<'a>],
    pos: usize,
    conv: &'t Conventions,
    written_on: NaiveDate,
    rules: Vec<&'static str>,
}

const NONE_PHRASES: &[&[&str]] = &[
    &["in", "due", "course"],
    &["shortly"],
    &["soon"],
    &["as", "soon", "as", "possible"],
    &["asap"],
    &["tbc"],
    &["tbd"],
    &["tba"],
    &["to", "be", "confirmed"],
    &["to", "be", "determined"],
    &["to", "be", "announced"],
    &["no", "deadline"],
    &["no", "date"],
];

const ONGOING_PHRASES: &[&[&str]] = &[
    &["ongoing"],
    &["continuous"],
    &["continuing"],
    &["on", "an", "ongoing", "basis"],
];

impl<'t, 'a> Parser<'t, 'a> {
    fn peek(&self) -> Option<&'t Token<'a>> {
        self.toks.get(self.pos)
    }

    fn peek_at(&self, ahead: usize) -> Option<&'t Token<'a>> {
        self.toks.get(self.pos + ahead)
    }

    fn kw(&self) -> Option<Kw> {
        self.peek().and_then(Token::kw)
    }

    fn kw_at(&self, ahead: usize) -> Option<Kw> {
        self.peek_at(ahead).and_then(Token::kw)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }

    fn eat(&mut self, kw: Kw) -> bool {
        if self.kw() == Some(kw) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn eat_shape(&mut self, shape: Shape) -> bool {
        if self.peek().is_some_and(|t| t.shape == shape) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn rule(&mut self, id: &'static str) {
        if !self.rules.contains(&id) {
            self.rules.push(id);
        }
    }

    /// The end of the last consumed token.
    fn last_end(&self) -> usize {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.toks.get(i))
            .map_or(0, |t| t.end)
    }

    fn unexpected(&self) -> DeadlineError {
        match self.peek() {
            Some(t) => match t.shape {
                Shape::Word(Kw::Other) => DeadlineError::at(
                    Code::UnrecognisedWord,
                    t.span(),
                    format!("unrecognised word {:?}", t.text),
                ),
                _ => DeadlineError::at(
                    Code::UnrecognisedWord,
                    t.span(),
                    format!("{:?} is not expected here", t.text),
                ),
            },
            None => self.missing(),
        }
    }

    fn missing(&self) -> DeadlineError {
        let connective = self.toks.first().map_or("", |t| t.text);
        DeadlineError::at(
            Code::MissingDate,
            (0, self.last_end()),
            format!("{connective:?} needs a date after it"),
        )
    }

    fn matches_words(&self, words: &[&str]) -> bool {
        words.len() == self.toks.len() && self.toks.iter().zip(words).all(|(t, w)| is_word(t, w))
    }

    fn phrase(&mut self, phrase: &str) -> Result<Deadline> {
        if NONE_PHRASES.iter().any(|w| self.matches_words(w)) {
            self.rule(rules::NO_DATE);
            return Ok(self.open(phrase, DeadlineKind::None));
        }
        if ONGOING_PHRASES.iter().any(|w| self.matches_words(w)) {
            self.rule(rules::ONGOING);
            return Ok(self.open(phrase, DeadlineKind::Ongoing));
        }
        if self.kw() == Some(Kw::For) && !self.first_time_at(self.pos) {
            return Err(DeadlineError::at(
                Code::DurationNotDeadline,
                (0, phrase.len()),
                "a length of time is not a deadline; say when it starts or ends",
            ));
        }
        let mut approximate = false;
        let mut past = false;
        loop {
            match self.kw() {
                Some(Kw::Around) => {
                    approximate = true;
                    self.pos += 1;
                }
                Some(Kw::Past | Kw::Back) => {
                    past = true;
                    self.pos += 1;
                }
                Some(Kw::For) if self.first_time_at(self.pos) => {
                    past = true;
                    self.pos += 4;
                }
                _ => break,
            }
        }
        let conn = match self.kw() {
            Some(Kw::By) => {
                self.pos += 1;
                self.eat_no_later_than();
                Conn::By
            }
            Some(Kw::No) if self.kw_at(1) == Some(Kw::Later) && self.kw_at(2) == Some(Kw::Than) => {
                self.pos += 3;
                Conn::By
            }
            Some(Kw::Before) => {
                self.pos += 1;
                Conn::Before
            }
            Some(Kw::From) => {
                self.pos += 1;
                Conn::From
            }
            Some(Kw::After) => {
                self.pos += 1;
                Conn::After
            }
            Some(Kw::In) if self.kw_at(1) == Some(Kw::The) && self.kw_at(2) == Some(Kw::Next) => {
                self.pos += 3;
                return self.within(phrase, approximate);
            }
            Some(Kw::Over) if self.kw_at(1) == Some(Kw::The) && self.kw_at(2) == Some(Kw::Next) => {
                self.pos += 3;
                return self.within(phrase, approximate);
            }
            Some(Kw::Within) => {
                self.pos += 1;
                return self.within(phrase, approximate);
            }
            Some(Kw::In | Kw::During | Kw::Throughout | Kw::On | Kw::At) => {
                self.pos += 1;
                Conn::During
            }
            Some(Kw::Between) => {
                self.pos += 1;
                return self.between(phrase, approximate, past);
            }
            _ => Conn::None,
        };
        while self.eat(Kw::Around) {
            approximate = true;
        }
        if self.at_end() || (conn == Conn::From && self.kw() == Some(Kw::Onwards)) {
            return Err(self.missing());
        }
        let left = self.expr()?;
        let mut conn = conn;
        let range_sep = matches!(self.kw(), Some(Kw::To | Kw::Through))
            || (conn == Conn::None && self.peek().is_some_and(|t| t.shape == Shape::Dash));
        let out = if range_sep && matches!(conn, Conn::None | Conn::From | Conn::During) {
            self.pos += 1;
            if self.at_end() {
                return Err(self.missing());
            }
            let right = self.expr()?;
            self.finish()?;
            self.range(left, right, past)?
        } else {
            if self.eat(Kw::Onwards) {
                match conn {
                    Conn::From => {}
                    Conn::None => conn = Conn::From,
                    _ => {
                        self.pos -= 1;
                        return Err(self.unexpected());
                    }
                }
            }
            self.finish()?;
            self.single(left, conn, past)?
        };
        Ok(self.complete(out, phrase, approximate))
    }

    /// The last step of every reading: the phrase as written, the approximation a leading
    /// "around" or "about" asked for, and the conventions applied, in order.
    fn complete(&mut self, mut d: Deadline, phrase: &str, approximate: bool) -> Deadline {
        d.phrase = phrase.into();
        if approximate {
            d.approximate = true;
            self.rule(rules::APPROX);
        }
        d.rules = std::mem::take(&mut self.rules);
        d
    }

    fn finish(&self) -> Result<()> {
        if self.at_end() {
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn eat_no_later_than(&mut self) {
        if self.kw() == Some(Kw::No)
            && self.kw_at(1) == Some(Kw::Later)
            && self.kw_at(2) == Some(Kw::Than)
        {
            self.pos += 3;
        }
    }

    fn first_time_at(&self, at: usize) -> bool {
        let w = |i: usize, word: &str| self.toks.get(at + i).is_some_and(|t| is_word(t, word));
        w(0, "for") && w(1, "the") && w(2, "first") && w(3, "time")
    }

    fn open(&self, phrase: &str, kind: DeadlineKind) -> Deadline {
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
            rules: self.rules.clone(),
        }
    }

    // ----- expressions -------------------------------------------------------------------

    fn expr(&mut self) -> Result<Expr> {
        let start = self.peek().map_or(0, |t| t.start);
        self.eat(Kw::The);
        if let Some(base) = self.named_period() {
            return Ok(Expr {
                base,
                part: None,
                span: (start, self.last_end()),
            });
        }
        let part = self.part()?;
        if part.is_some() {
            self.eat(Kw::The);
            if self.at_end() {
                return Err(self.missing());
            }
        }
        let base = match self.named_period() {
            Some(base) => base,
            None => self.base()?,
        };
        Ok(Expr {
            base,
            part,
            span: (start, self.last_end()),
        })
    }

    fn named_period(&mut self) -> Option<Base> {
        let rest = self.toks.get(self.pos..)?;
        for (i, entry) in self.conv.named_periods.iter().enumerate() {
            let words = entry.words();
            if words.len() <= rest.len() && rest.iter().zip(words).all(|(t, w)| is_word(t, w)) {
                self.pos += words.len();
                return Some(Base::Named(i));
            }
        }
        None
    }

    fn part(&mut self) -> Result<Option<Part>> {
        let part = match self.kw() {
            Some(Kw::Early) => Part::Early,
            Some(Kw::Mid) => Part::Mid,
            Some(Kw::Late) => Part::Late,
            Some(Kw::End) => Part::End,
            Some(Kw::Start) => Part::Start,
            Some(Kw::Rest) => Part::RestOf,
            Some(Kw::Towards) => {
                self.pos += 1;
                self.eat(Kw::The);
                if !self.eat(Kw::End) {
                    return Err(self.unexpected());
                }
                self.eat(Kw::Of);
                return Ok(Some(Part::Late));
            }
            Some(Kw::Later) => {
                self.pos += 1;
                // "later this year", "later in the year", "later in 2026".
                self.eat(Kw::In);
                return Ok(Some(Part::RestOf));
            }
            _ => return Ok(None),
        };
        self.pos += 1;
        self.eat_shape(Shape::Dash);
        if !self.eat(Kw::Of) {
            self.eat(Kw::In);
        }
        Ok(Some(part))
    }

    fn base(&mut self) -> Result<Base> {
        let Some(&t) = self.peek() else {
            return Err(self.missing());
        };
        match t.shape {
            Shape::Num { value, digits, .. } => self.number(t, value, digits),
            Shape::Word(Kw::Month(month)) => {
                self.pos += 1;
                // "March 31st 2026", "March 31 2026".
                if let Some(&Token {
                    shape: Shape::Num { value, digits, .. },
                    ..
                }) = self.peek()
                {
                    if digits <= 2 {
                        self.pos += 1;
                        let year = self.year_ref()?;
                        return Ok(Base::Date {
                            year,
                            month,
                            day: value,
                            span: (t.start, self.last_end()),
                        });
                    }
                }
                let year = self.year_ref()?;
                Ok(Base::Month { year, month })
            }
            Shape::Word(Kw::Season(season)) => {
                self.pos += 1;
                if let Some(year) = self.winter_pair(season)? {
                    return Ok(Base::Season {
                        year: YearRef::Explicit(year),
                        season,
                    });
                }
                let year = self.year_ref()?;
                Ok(Base::Season { year, season })
            }
            Shape::Word(k @ (Kw::This | Kw::Next | Kw::Last)) => {
                self.pos += 1;
                let rel = YearRef::relative(k);
                match self.kw() {
                    Some(Kw::Year) => {
                        self.pos += 1;
                        Ok(Base::Year(rel))
                    }
                    Some(Kw::MonthUnit) => {
                        self.pos += 1;
                        Ok(Base::RelMonth(rel.offset().unwrap_or(0)))
                    }
                    Some(Kw::Season(season)) => {
                        self.pos += 1;
                        Ok(Base::Season { year: rel, season })
                    }
                    Some(Kw::Month(month)) if rel == YearRef::This => {
                        self.pos += 1;
                        Ok(Base::Month {
                            year: YearRef::This,
                            month,
                        })
                    }
                    Some(Kw::Month(_)) => {
                        let span = (t.start, self.peek().map_or(t.end, |m| m.end));
                        Err(DeadlineError::at(
                            Code::Ambiguous,
                            span,
                            format!(
                                "{:?} could mean the coming one or the one in the next calendar year; name the year",
                                &self.toks.get(self.pos).map_or("", |m| m.text)
                            ),
                        ))
                    }
                    _ => Err(self.unexpected()),
                }
            }
            Shape::Word(Kw::Year) => {
                // "the year", as in "by the end of the year".
                self.pos += 1;
                Ok(Base::Year(YearRef::This))
            }
            Shape::Word(k @ (Kw::Q | Kw::H)) => {
                self.pos += 1;
                let Some(&Token {
                    shape: Shape::Num { value, .. },
                    end,
                    ..
                }) = self.peek()
                else {
                    return Err(self.unexpected());
                };
                self.pos += 1;
                let max = if k == Kw::Q { 4 } else { 2 };
                if value == 0 || value > max {
                    return Err(DeadlineError::at(
                        Code::OutOfRange,
                        (t.start, end),
                        format!(
                            "{} is out of range: {} runs from 1 to {max}",
                            &t.text.to_uppercase(),
                            if k == Kw::Q { "a quarter" } else { "a half" }
                        ),
                    ));
                }
                self.sub_year(k == Kw::Q, value)
            }
            Shape::Word(Kw::Ordinal(n)) => {
                self.pos += 1;
                let quarter = match self.kw() {
                    Some(Kw::Quarter) => true,
                    Some(Kw::Half) => false,
                    _ => return Err(self.unexpected()),
                };
                self.pos += 1;
                let max = if quarter { 4 } else { 2 };
                if n > max {
                    return Err(DeadlineError::at(
                        Code::OutOfRange,
                        (t.start, self.last_end()),
                        format!(
                            "there is no {} {}",
                            t.text,
                            if quarter { "quarter" } else { "half" }
                        ),
                    ));
                }
                self.eat(Kw::Of);
                self.eat(Kw::The);
                self.sub_year(quarter, n)
            }
            Shape::Word(Kw::Fy) => {
                self.pos += 1;
                self.fy_label(t)
            }
            Shape::Word(k @ (Kw::Financial | Kw::Tax)) => {
                self.pos += 1;
                if !self.eat(Kw::Year) {
                    return Err(self.unexpected());
                }
                let start = self.year_pair()?.ok_or_else(|| self.unexpected())?;
                Ok(if k == Kw::Financial {
                    Base::FinancialYear(start)
                } else {
                    Base::TaxYear(start)
                })
            }
            Shape::Word(Kw::Several) => {
                self.pos += 1;
                if self.eat(Kw::MonthUnit) && self.eat(Kw::Ago) {
                    Ok(Base::SeveralMonthsAgo)
                } else {
                    Err(self.unexpected())
                }
            }
            Shape::Word(Kw::A) if self.kw_at(1) == Some(Kw::Several) => {
                // "a few months ago".
                self.pos += 1;
                self.base()
            }
            Shape::Word(Kw::A) => {
                self.pos += 1;
                self.quantity(1)
            }
            Shape::Word(Kw::Number(n)) => {
                self.pos += 1;
                self.quantity(n)
            }
            _ => Err(self.unexpected()),
        }
    }

    /// After a count: "months ago" (or, without "ago", a duration).
    fn quantity(&mut self, count: u32) -> Result<Base> {
        let unit = self.unit().ok_or_else(|| self.unexpected())?;
        if self.eat(Kw::Ago) {
            Ok(Base::Ago {
                count: i32::try_from(count).unwrap_or(i32::MAX),
                unit,
            })
        } else {
            Err(DeadlineError::new(
                Code::DurationNotDeadline,
                "a length of time is not a deadline; say \"within\" or \"ago\"",
            ))
        }
    }

    fn unit(&mut self) -> Option<Unit> {
        let unit = match self.kw()? {
            Kw::Day => Unit::Day,
            Kw::Week => Unit::Week,
            Kw::MonthUnit => Unit::Month,
            Kw::Year => Unit::Year,
            _ => return None,
        };
        self.pos += 1;
        Some(unit)
    }

    fn number(&mut self, t: Token<'_>, value: u32, digits: u8) -> Result<Base> {
        // A count: "18 months ago" (whatever its digits: "2026 years ago" is a count too).
        if matches!(
            self.kw_at(1),
            Some(Kw::Day | Kw::Week | Kw::MonthUnit | Kw::Year)
        ) {
            self.pos += 1;
            return self.quantity(value);
        }
        // Numeric date: d/m/yyyy (or m/d/yyyy).
        if digits <= 2
            && self.peek_at(1).is_some_and(|s| s.shape == Shape::Slash)
            && matches!(self.peek_at(2).map(|s| s.shape), Some(Shape::Num { .. }))
            && self.peek_at(3).is_some_and(|s| s.shape == Shape::Slash)
        {
            let (Some(b), Some(c)) = (self.peek_at(2), self.peek_at(4)) else {
                return Err(self.unexpected());
            };
            let (
                Shape::Num { value: second, .. },
                Shape::Num {
                    value: y,
                    digits: yd,
                    ..
                },
            ) = (b.shape, c.shape)
            else {
                return Err(self.unexpected());
            };
            self.pos += 5;
            let span = (t.start, c.end);
            let year = self.check_year(y, yd, c.span())?;
            self.rule(rules::DAY_FIRST);
            let (day, month) = if self.conv.day_first {
                (value, second)
            } else {
                (second, value)
            };
            let date = self.date(year, month, day, span)?;
            return Ok(Base::Date {
                year: YearRef::Explicit(date.year()),
                month,
                day,
                span,
            });
        }
        if digits <= 2 {
            // A day before a month: "31 March 2026", "1st of April".
            let mut ahead = 1;
            if self.kw_at(ahead) == Some(Kw::Of) {
                ahead += 1;
            }
            if let Some(Kw::Month(month)) = self.kw_at(ahead) {
                self.pos += ahead + 1;
                let year = self.year_ref()?;
                return Ok(Base::Date {
                    year,
                    month,
                    day: value,
                    span: (t.start, self.last_end()),
                });
            }
            if matches!(
                self.kw_at(1),
                Some(Kw::Day | Kw::Week | Kw::MonthUnit | Kw::Year)
            ) {
                self.pos += 1;
                return self.quantity(value);
            }
            return Err(DeadlineError::at(
                Code::OutOfRange,
                t.span(),
                format!("{:?} is not a year: years have four digits", t.text),
            ));
        }
        let year = self.check_year(value, digits, t.span())?;
        self.pos += 1;
        // ISO date: yyyy-mm-dd.
        if let (Some(d1), Some(m), Some(d2), Some(d)) = (
            self.peek(),
            self.peek_at(1),
            self.peek_at(2),
            self.peek_at(3),
        ) {
            if d1.shape == Shape::Dash && d2.shape == Shape::Dash {
                if let (Shape::Num { value: month, .. }, Shape::Num { value: day, .. }) =
                    (m.shape, d.shape)
                {
                    self.pos += 4;
                    let span = (t.start, d.end);
                    self.date(year, month, day, span)?;
                    return Ok(Base::Date {
                        year: YearRef::Explicit(year),
                        month,
                        day,
                        span,
                    });
                }
            }
        }
        self.pos -= 1;
        if let Some(start) = self.year_pair()? {
            // A bare pair is a financial year unless it says tax year.
            if self.kw() == Some(Kw::Tax) && self.kw_at(1) == Some(Kw::Year) {
                self.pos += 2;
                return Ok(Base::TaxYear(start));
            }
            if self.kw() == Some(Kw::Financial) && self.kw_at(1) == Some(Kw::Year) {
                self.pos += 2;
            }
            return Ok(Base::FinancialYear(start));
        }
        self.pos += 1;
        // yyyy-yyyy: a range of calendar years.
        if let (Some(sep), Some(second)) = (self.peek(), self.peek_at(1)) {
            if matches!(sep.shape, Shape::Dash | Shape::Slash) {
                if let Shape::Num {
                    value: v2,
                    digits: 4,
                    ..
                } = second.shape
                {
                    let end = self.check_year(v2, 4, second.span())?;
                    self.pos += 2;
                    if end < year {
                        return Err(DeadlineError::at(
                            Code::ReversedRange,
                            (t.start, second.end),
                            format!("the range {year} to {end} ends before it starts"),
                        ));
                    }
                    self.rule(rules::YEAR_RANGE);
                    return Ok(Base::YearRange(year, end));
                }
            }
        }
        Ok(Base::Year(YearRef::Explicit(year)))
    }

    fn check_year(&self, value: u32, digits: u8, span: (usize, usize)) -> Result<i32> {
        match i32::try_from(value) {
            Ok(y) if digits == 4 && (MIN_YEAR..=MAX_YEAR).contains(&y) => Ok(y),
            _ => Err(DeadlineError::at(
                Code::OutOfRange,
                span,
                format!("years run from {MIN_YEAR} to {MAX_YEAR}, written with four digits"),
            )),
        }
    }

    fn date(&self, year: i32, month: u32, day: u32, span: (usize, usize)) -> Result<NaiveDate> {
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
                    crate::dates::days_in_month(year, month)
                ),
            )
        })
    }

    /// A four-digit number, a dash or slash, and a number at the cursor ("2025/26",
    /// "2026-2027"), unchecked: the shape both year pairs start from.
    fn number_pair(&self) -> Option<NumberPair<'t, 'a>> {
        let (first, sep, second) = (self.peek()?, self.peek_at(1)?, self.peek_at(2)?);
        let (
            Shape::Num {
                value, digits: 4, ..
            },
            Shape::Dash | Shape::Slash,
            Shape::Num {
                value: next,
                digits: next_digits,
                ..
            },
        ) = (first.shape, sep.shape, second.shape)
        else {
            return None;
        };
        Some(NumberPair {
            first,
            sep,
            second,
            value,
            next,
            next_digits,
        })
    }

    /// `yyyy/yy`, `yyyy-yy` (a financial or tax year's start year), checked to be consecutive.
    fn year_pair(&mut self) -> Result<Option<i32>> {
        let Some(NumberPair {
            first,
            sep,
            second,
            value,
            next: v2,
            next_digits: 2,
        }) = self.number_pair()
        else {
            return Ok(None);
        };
        let year = self.check_year(value, 4, first.span())?;
        if v2 != ((year + 1) % 100) as u32 {
            return Err(DeadlineError::at(
                Code::Ambiguous,
                (first.start, second.end),
                format!(
                    "{:?} is not a financial year (that would be {}-{:02}); write a range of years in full, such as {year}-20{v2:02}",
                    &format!("{}{}{}", first.text, sep.text, second.text),
                    year,
                    (year + 1) % 100
                ),
            ));
        }
        self.pos += 3;
        Ok(Some(year))
    }

    /// "winter 2025/26", "winter 2026-27": the winter starting in the first year.
    fn winter_pair(&mut self, season: u8) -> Result<Option<i32>> {
        let Some(NumberPair {
            first,
            second,
            value,
            next: v2,
            next_digits: d2,
            ..
        }) = self.number_pair()
        else {
            return Ok(None);
        };
        let year = self.check_year(value, 4, first.span())?;
        let consecutive = match d2 {
            2 => v2 == ((year + 1) % 100) as u32,
            4 => i64::from(v2) == i64::from(year) + 1,
            _ => false,
        };
        if season != 3 || !consecutive {
            return Err(DeadlineError::at(
                Code::OutOfRange,
                (first.start, second.end),
                "only winter spans two years (as in \"winter 2025/26\")",
            ));
        }
        self.pos += 3;
        self.rule(rules::WINTER);
        Ok(Some(year))
    }

    /// An optional year after a month or season: "2026", "this year", "of next year".
    fn year_ref(&mut self) -> Result<YearRef> {
        let save = self.pos;
        let had_of = self.eat(Kw::Of);
        match self.peek().map(|t| (t.shape, t.span())) {
            Some((Shape::Num { value, digits, .. }, span)) if digits >= 3 => {
                // A pair such as "2026-27" after a month is not a year.
                if matches!(
                    self.peek_at(1).map(|t| t.shape),
                    Some(Shape::Dash | Shape::Slash)
                ) && matches!(self.peek_at(2).map(|t| t.shape), Some(Shape::Num { .. }))
                {
                    return Err(DeadlineError::at(
                        Code::UnrecognisedWord,
                        (span.0, self.peek_at(2).map_or(span.1, |t| t.end)),
                        "a month or season takes a single year",
                    ));
                }
                let year = self.check_year(value, digits, span)?;
                self.pos += 1;
                Ok(YearRef::Explicit(year))
            }
            Some((Shape::Word(k @ (Kw::This | Kw::Next | Kw::Last)), _))
                if self.kw_at(1) == Some(Kw::Year) =>
            {
                self.pos += 2;
                Ok(YearRef::relative(k))
            }
            _ => {
                if had_of {
                    self.pos = save;
                }
                Ok(YearRef::Bare)
            }
        }
    }

    /// The year of a quarter or half: a financial year ("2026-27", "FY27", "the 2026-27
    /// financial year") or a calendar year.
    fn sub_year(&mut self, quarter: bool, n: u32) -> Result<Base> {
        self.eat(Kw::Of);
        self.eat(Kw::The);
        let fiscal = if let Some(start) = self.year_pair()? {
            if self.kw() == Some(Kw::Financial) && self.kw_at(1) == Some(Kw::Year) {
                self.pos += 2;
            }
            Some(start)
        } else if self.kw() == Some(Kw::Fy) {
            let Some(&t) = self.peek() else {
                return Err(self.missing());
            };
            self.pos += 1;
            match self.fy_label(t)? {
                Base::FinancialYear(start) => Some(start),
                _ => return Err(self.unexpected()),
            }
        } else if self.kw() == Some(Kw::Financial) && self.kw_at(1) == Some(Kw::Year) {
            self.pos += 2;
            Some(self.year_pair()?.ok_or_else(|| self.unexpected())?)
        } else {
            None
        };
        let year = if fiscal.is_some() {
            YearRef::Bare
        } else {
            self.year_ref()?
        };
        Ok(if quarter {
            Base::Quarter {
                quarter: n,
                fiscal,
                year,
            }
        } else {
            Base::Half {
                half: n,
                fiscal,
                year,
            }
        })
    }

    /// After "FY": "2026-27", "2026/27", "27", "2027".
    fn fy_label(&mut self, fy: Token<'_>) -> Result<Base> {
        if let Some(start) = self.year_pair()? {
            self.rule(rules::FY);
            return Ok(Base::FinancialYear(start));
        }
        let Some(&t) = self.peek() else {
            return Err(self.missing());
        };
        let Shape::Num { value, digits, .. } = t.shape else {
            return Err(self.unexpected());
        };
        let label = match digits {
            2 => 2000 + value as i32,
            4 => self.check_year(value, 4, t.span())?,
            _ => {
                return Err(DeadlineError::at(
                    Code::OutOfRange,
                    (fy.start, t.end),
                    "a financial year label has two or four digits (FY27, FY2027)",
                ))
            }
        };
        self.pos += 1;
        self.rule(rules::FY_LABEL);
        Ok(Base::FinancialYear(match self.conv.fy_label {
            super::FyLabel::EndYear => label - 1,
            super::FyLabel::StartYear => label,
        }))
    }

    fn within(&mut self, phrase: &str, approximate: bool) -> Result<Deadline> {
        let count = match self.peek().map(|t| t.shape) {
            Some(Shape::Num { value, .. }) => value,
            Some(Shape::Word(Kw::Number(n))) => n,
            Some(Shape::Word(Kw::A)) => 1,
            Some(Shape::Word(Kw::MonthUnit | Kw::Year | Kw::Week | Kw::Day)) => {
                // "in the next year".
                self.pos -= 1;
                1
            }
            None => return Err(self.missing()),
            _ => return Err(self.unexpected()),
        };
        self.pos += 1;
        let unit = self.unit().ok_or_else(|| self.unexpected())?;
        self.eat(Kw::Time);
        self.finish()?;
        let count = i32::try_from(count).unwrap_or(i32::MAX);
        let expr = Expr {
            base: Base::Within { count, unit },
            part: None,
            span: (0, phrase.len()),
        };
        let d = self.single(expr, Conn::By, false)?;
        Ok(self.complete(d, phrase, approximate))
    }

    fn between(&mut self, phrase: &str, approximate: bool, past: bool) -> Result<Deadline> {
        if self.at_end() {
            return Err(self.missing());
        }
        let left = self.expr()?;
        if !self.eat(Kw::And) {
            return Err(self.unexpected());
        }
        if self.at_end() {
            return Err(self.missing());
        }
        let right = self.expr()?;
        self.finish()?;
        let d = self.range(left, right, past)?;
        Ok(self.complete(d, phrase, approximate))
    }

    // ----- resolution --------------------------------------------------------------------

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
        let is_past = past || matches!(expr.base, Base::Ago { .. } | Base::SeveralMonthsAgo);
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
            Conn::By | Conn::Before if end < self.written_on => {
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
            } => {
                let y = self.year_of(year, conn, past, inherit, |y| {
                    ymd(y, month, day).map(|d| (d, d))
                });
                let date = self.date(y, month, day, span)?;
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
            Base::Season { year, season } => {
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
                if let Some(start_year) = fiscal {
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
            Base::FinancialYear(start_year) => {
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
                let entry = self
                    .conv
                    .named_periods
                    .iter()
                    .nth(i)
                    .ok_or_else(|| self.unexpected())?;
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
                    Unit::Year => {
                        let y = w.year() - count.min(10_000);
                        let (s, e) = months(y, 1, 12).ok_or_else(|| out_of_range(self))?;
                        win(s, e, Granularity::Year, Named::Relative, 12, y)
                    }
                    Unit::Month => {
                        let (y, m) = shift_month(w.year(), w.month(), -count.min(120_000));
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
            let len = crate::deadline::calendar::days_between(w.start, w.end) + 1;
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
