//! The grammar of deadline phrases: tokens in, an unresolved [`Phrase`] out.
//!
//! A phrase is `qualifiers* connective? qualifiers* expression (range-end)? onwards?`:
//! qualifiers are "around"/"about" and past-tense cues ("completed", "back"); connectives
//! are by, before, from, after, in/during/throughout/on/at, within, between; an expression
//! is an optional part ("early", "the end of") and a unit (a date, month, season, quarter,
//! half, year, financial or tax year, named period, or arithmetic such as "two years ago").
//!
//! This file decides what was *written*: which words form which unit, whether numbers are
//! a date, a year, a financial-year pair or a count, and every refusal about the text
//! itself (unknown words, out-of-range numbers, impossible numeric dates, reversed year
//! ranges, a connective with nothing after it). It reads no clock and knows nothing of
//! `written_on`; of the [`Conventions`] it consults only the two that say what tokens are:
//! the named-period words, and `day_first`, which says which number of `1/2/2026` is the
//! month. Everything that turns a reading into dates (financial and tax year starts, the FY
//! label's year, season years, the roll rules for bare months, parts, connectives) and the
//! ids of the conventions applied are decided in `resolve.rs`.
//!
//! [`parse`] is the whole pipeline: [`tokenize`], [`Parser::phrase`], then
//! [`resolve::resolve`](super::resolve::resolve).

use super::calendar::{check_year, checked_date};
use super::lexer::{
    has_date_cue, is_word, tokenize, Kw, Shape, Token, NONE_PHRASES, ONGOING_PHRASES,
};
use super::{
    resolve, Conventions, Deadline, DeadlineError, DeadlineErrorCode as Code, Part,
    MAX_PHRASE_BYTES,
};
use chrono::NaiveDate;

type Result<T> = std::result::Result<T, DeadlineError>;

/// How the year of a unit was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum YearRef {
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

    /// Years from written_on's for "this", "next" and "last".
    pub(super) fn offset(self) -> Option<i32> {
        match self {
            YearRef::This => Some(0),
            YearRef::Next => Some(1),
            YearRef::Last => Some(-1),
            _ => None,
        }
    }
}

/// A unit of a count ("two years ago", "within six weeks").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// How a financial year was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fiscal {
    /// A pair such as "2026-27", on its own or with "financial year": its start year.
    Pair(i32),
    /// A pair after "FY" ("FY 2026-27"): its start year.
    FyPair(i32),
    /// A label after "FY" ("FY27", "FY2027"), as a four-digit year: which year of the
    /// financial year it names is a convention ([`FyLabel`](super::FyLabel)).
    FyLabel(i32),
    /// The financial year containing written_on, moved by this many years ("this", "the
    /// current", "next", "last financial year"; "the financial year" alone).
    Current(i32),
}

/// The unit an expression names, as written (unresolved).
#[derive(Debug, Clone, Copy)]
pub(super) enum Base {
    Date {
        year: YearRef,
        month: u32,
        day: u32,
        span: (usize, usize),
        /// Written as numbers (`1/4/2026`), read in the `day_first` order.
        numeric: bool,
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
        /// Written with a year pair ("winter 2025/26").
        pair: bool,
    },
    Quarter {
        quarter: u32,
        fiscal: Option<Fiscal>,
        year: YearRef,
    },
    Half {
        half: u32,
        fiscal: Option<Fiscal>,
        year: YearRef,
    },
    Year(YearRef),
    FinancialYear(Fiscal),
    TaxYear(i32),
    /// The calendar quarter containing written_on, moved by this many quarters.
    RelQuarter(i32),
    /// The calendar half containing written_on, moved by this many halves.
    RelHalf(i32),
    /// The tax year containing written_on, moved by this many years.
    RelTaxYear(i32),
    /// The decade containing written_on (the 2020s are 2020-2029), moved by this many.
    Decade(i32),
    /// "earlier this year": 1 January to the day before written_on.
    EarlierThisYear,
    /// "recently": no earliest; the day before written_on.
    Recently,
    YearRange(i32, i32),
    /// The index of an entry of the conventions' named periods.
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

/// A quarter or a half.
fn sub_base(quarter: bool, n: u32, fiscal: Option<Fiscal>, year: YearRef) -> Base {
    if quarter {
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
    }
}

/// An expression: an optional part of a unit, and the bytes it was read from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Expr {
    pub base: Base,
    pub part: Option<Part>,
    pub span: (usize, usize),
}

/// The connective before a single expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Conn {
    None,
    By,
    Before,
    From,
    After,
    During,
    /// "until", "till", "up to", "to", "through": ongoing from written_on to the end.
    Until,
    /// "throughout", "over the course of": ongoing over the window.
    Throughout,
    /// "between now and": during, from written_on to the end.
    NowUntil,
}

/// What a whole phrase says, before resolution.
#[derive(Debug, Clone, Copy)]
pub(super) enum Form {
    /// "in due course", "TBC": no date.
    NoDate,
    /// "ongoing".
    Ongoing,
    /// One expression after a connective ("by March 2028", "within six months").
    Single {
        expr: Expr,
        conn: Conn,
        /// A past-tense cue ("completed", "back in").
        past: bool,
    },
    /// Two expressions ("2026 to 2028", "between May and July 2026").
    Range { left: Expr, right: Expr, past: bool },
}

/// A phrase read by the grammar: its form, and whether "around"/"about" qualified it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Phrase {
    pub form: Form,
    pub approximate: bool,
}

/// Parse `phrase`, written on `written_on`, under `conv`: tokenize, read the grammar,
/// resolve. A phrase with no date cue whose reading fails on an unknown word is refused as
/// having no date; every refusal without a span gets the whole phrase's.
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
    parse_tokens(conv, &tokens, phrase, (0, phrase.len()), written_on, false)
        .or_else(|refused| edtf_cell(phrase, written_on).ok_or(refused))
}

/// A cell that holds EDTF or an ISO 8601 interval instead of prose ("2026-22",
/// "2026-04/..", "2026-04-01/2027-03-31", "2026-03~"), read when the grammar refused it.
/// In `YYYY-NN`, an NN equal to the next year's last two digits is a financial year (the
/// grammar reads those); otherwise only 21-41 is EDTF, and anything else keeps the
/// grammar's refusal.
fn edtf_cell(phrase: &str, written_on: NaiveDate) -> Option<Deadline> {
    let text = phrase.trim();
    let edtf_like = text.bytes().any(|b| b.is_ascii_digit())
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b"X-/.~?%:TZ+".contains(&b));
    if !edtf_like {
        return None;
    }
    let b = text.as_bytes();
    if b.len() == 7 && b.get(4) == Some(&b'-') {
        let nn = text.get(5..7)?.parse::<u8>().ok()?;
        if !(21..=41).contains(&nn) {
            return None;
        }
    }
    let mut d = super::edtf::parse(text, written_on).ok()?;
    d.phrase = phrase.into();
    d.rules.push(super::rules::EDTF_CELL);
    Some(d)
}

/// Read `tokens` (which must not be empty), the tokens of `phrase`, as one whole phrase.
/// `span` is where `phrase` lies in the text the tokens' offsets count from (the phrase
/// itself for [`parse`]; a running text for `find`); `past` says a past-tense cue came
/// just before it in that text.
pub(crate) fn parse_tokens(
    conv: &Conventions,
    tokens: &[Token<'_>],
    phrase: &str,
    span: (usize, usize),
    written_on: NaiveDate,
    past: bool,
) -> Result<Deadline> {
    let mut p = Parser {
        toks: tokens,
        pos: 0,
        conv,
        span,
        past,
    };
    match p
        .phrase()
        .and_then(|read| resolve::resolve(conv, &read, phrase, written_on))
    {
        Err(e) if e.code() == Code::UnrecognisedWord && !has_date_cue(tokens) => Err(
            DeadlineError::new(Code::NoDate, format!("no date in {:?}", phrase.trim())),
        ),
        other => other,
    }
    .map_err(|e| e.or_span(span))
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

/// A recursive-descent reader over the tokens of one phrase.
struct Parser<'t, 'a> {
    toks: &'t [Token<'a>],
    pos: usize,
    conv: &'t Conventions,
    /// Where the phrase lies in the text the token offsets count from.
    span: (usize, usize),
    /// A past-tense cue came before the phrase.
    past: bool,
}

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
            (self.span.0, self.last_end()),
            format!("{connective:?} needs a date after it"),
        )
    }

    fn matches_words(&self, words: &[&str]) -> bool {
        words.len() == self.toks.len() && self.toks.iter().zip(words).all(|(t, w)| is_word(t, w))
    }

    /// The whole phrase, `len` bytes long.
    fn phrase(&mut self) -> Result<Phrase> {
        let read = |form, approximate| Phrase { form, approximate };
        if NONE_PHRASES.iter().any(|w| self.matches_words(w)) || self.cell_marker() {
            return Ok(read(Form::NoDate, false));
        }
        if ONGOING_PHRASES.iter().any(|w| self.matches_words(w)) {
            return Ok(read(Form::Ongoing, false));
        }
        // "for 18 months" is a length of time; "for 2025-26" and "for the next two years"
        // name a period.
        if self.kw() == Some(Kw::For) && !self.first_time_at(self.pos) && self.count_at(1) {
            return Err(DeadlineError::at(
                Code::DurationNotDeadline,
                self.span,
                "a length of time is not a deadline; say when it starts or ends",
            ));
        }
        let mut approximate = false;
        let mut past = self.past;
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
        // "a few days before the launch", "two weeks after the next election": a length
        // of time from an event with no date is as undated as the event.
        if let Some(conn) = self.count_from_event() {
            while self.eat(Kw::Around) {
                approximate = true;
            }
            let left = self.expr()?;
            self.finish()?;
            let form = Form::Single {
                expr: left,
                conn,
                past,
            };
            return Ok(read(form, approximate));
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
            Some(k @ (Kw::In | Kw::Over | Kw::For | Kw::Within))
                if self.kw_at(1) == Some(Kw::The)
                    && self.kw_at(2) == Some(Kw::Next)
                    && self.count_at(3) =>
            {
                // "in the next six months" is due by its end; "over / for / within the
                // next six months" is the whole stretch from written_on.
                self.pos += 3;
                return Ok(read(self.within(k != Kw::In)?, approximate));
            }
            Some(Kw::Within) => {
                self.pos += 1;
                return Ok(read(self.within(false)?, approximate));
            }
            Some(Kw::In | Kw::During | Kw::On | Kw::At) | Some(Kw::For)
                if !self.first_time_at(self.pos) =>
            {
                self.pos += 1;
                Conn::During
            }
            Some(Kw::To | Kw::Through) => {
                self.pos += 1;
                Conn::Until
            }
            Some(Kw::Up) if self.kw_at(1) == Some(Kw::To) => {
                self.pos += 2;
                Conn::Until
            }
            Some(Kw::Throughout) => {
                self.pos += 1;
                Conn::Throughout
            }
            Some(Kw::Over) if self.words_at(&["over", "the", "course", "of"]) => {
                self.pos += 4;
                Conn::Throughout
            }
            Some(Kw::Over) => {
                self.pos += 1;
                Conn::During
            }
            Some(Kw::Since) => {
                self.pos += 1;
                Conn::From
            }
            Some(Kw::Between)
                if self.kw_at(1) == Some(Kw::Now) && self.kw_at(2) == Some(Kw::And) =>
            {
                self.pos += 3;
                Conn::NowUntil
            }
            Some(Kw::Between) => {
                self.pos += 1;
                return Ok(read(self.between(past)?, approximate));
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
        let form = if range_sep && matches!(conn, Conn::None | Conn::From | Conn::During) {
            self.pos += 1;
            if self.at_end() {
                return Err(self.missing());
            }
            let right = self.expr()?;
            self.finish()?;
            Form::Range { left, right, past }
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
            Form::Single {
                expr: left,
                conn,
                past,
            }
        };
        Ok(read(form, approximate))
    }

    fn finish(&self) -> Result<()> {
        if self.at_end() {
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    /// At "[a] few/several/N days|weeks|months|years before|after" followed by an undated
    /// event of the registry: skip to the event and give the connective.
    fn count_from_event(&mut self) -> Option<Conn> {
        let mut at = self.pos;
        if self.toks.get(at).and_then(Token::kw) == Some(Kw::A) {
            at += 1;
        }
        let count = self.toks.get(at).map(|t| t.shape);
        if !matches!(
            count,
            Some(Shape::Num { .. } | Shape::Word(Kw::Number(_) | Kw::Several | Kw::A))
        ) {
            return None;
        }
        let kw = |i: usize| self.toks.get(i).and_then(Token::kw);
        if !matches!(
            kw(at + 1),
            Some(Kw::Day | Kw::Week | Kw::MonthUnit | Kw::Year)
        ) {
            return None;
        }
        let conn = match kw(at + 2)? {
            Kw::Before => Conn::By,
            Kw::After => Conn::From,
            _ => return None,
        };
        let save = self.pos;
        self.pos = at + 3;
        self.eat(Kw::The);
        let undated = match self.named_period() {
            Some(Base::Named(i)) => self
                .conv
                .named_periods
                .iter()
                .nth(i)
                .is_some_and(|e| e.window().is_none()),
            _ => false,
        };
        self.pos = if undated { at + 3 } else { save };
        undated.then_some(conn)
    }

    /// A count and a unit ("18 months", "a year", "two weeks"), or a bare unit ("year"),
    /// at `ahead` tokens from the cursor.
    fn count_at(&self, ahead: usize) -> bool {
        let unit = |k: Option<Kw>| matches!(k, Some(Kw::Day | Kw::Week | Kw::MonthUnit | Kw::Year));
        match self.peek_at(ahead).map(|t| t.shape) {
            Some(Shape::Num { digits, .. }) => digits <= 3 && unit(self.kw_at(ahead + 1)),
            Some(Shape::Word(Kw::Number(_) | Kw::A | Kw::Several)) => {
                unit(self.kw_at(ahead + 1)) || unit(self.kw_at(ahead + 2))
            }
            Some(Shape::Word(k)) => unit(Some(k)),
            _ => false,
        }
    }

    /// The tokens at the cursor are these words.
    fn words_at(&self, words: &[&str]) -> bool {
        words
            .iter()
            .enumerate()
            .all(|(i, w)| self.peek_at(i).is_some_and(|t| is_word(t, w)))
    }

    /// A whole cell that says there is nothing to date: "n/a", "N/A", "-".
    fn cell_marker(&self) -> bool {
        let shapes: Vec<Shape> = self.toks.iter().take(4).map(|t| t.shape).collect();
        match shapes.as_slice() {
            [Shape::Dash] => true,
            [Shape::Word(_), Shape::Slash, Shape::Word(Kw::A)] => {
                self.toks.first().is_some_and(|t| is_word(t, "n"))
            }
            _ => false,
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
        match self.kw() {
            Some(Kw::Eoy) => {
                self.pos += 1;
                return Ok(Expr {
                    base: Base::Year(YearRef::This),
                    part: Some(Part::End),
                    span: (start, self.last_end()),
                });
            }
            Some(Kw::Eofy) => {
                self.pos += 1;
                return Ok(Expr {
                    base: Base::FinancialYear(Fiscal::Current(0)),
                    part: Some(Part::End),
                    span: (start, self.last_end()),
                });
            }
            _ => {}
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
            // "4th quarter 2018".
            Shape::Num {
                value,
                ordinal: true,
                ..
            } if matches!(self.kw_at(1), Some(Kw::Quarter | Kw::Half)) => {
                self.pos += 1;
                self.ordinal(t, value)
            }
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
                            numeric: false,
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
                        pair: true,
                    });
                }
                let year = self.year_ref()?;
                Ok(Base::Season {
                    year,
                    season,
                    pair: false,
                })
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
                        Ok(Base::Season {
                            year: rel,
                            season,
                            pair: false,
                        })
                    }
                    Some(Kw::Month(month)) => {
                        // "next March" is one occurrence after "this March", the March of
                        // written_on's year.
                        self.pos += 1;
                        Ok(Base::Month { year: rel, month })
                    }
                    // "the last quarter of 2023" is its fourth quarter.
                    Some(k @ (Kw::Quarter | Kw::Half))
                        if rel == YearRef::Last && self.kw_at(1) == Some(Kw::Of) =>
                    {
                        self.pos += 1;
                        let quarter = k == Kw::Quarter;
                        self.eat(Kw::Of);
                        self.eat(Kw::The);
                        self.sub_year(quarter, if quarter { 4 } else { 2 })
                    }
                    Some(Kw::Quarter) => {
                        self.pos += 1;
                        Ok(Base::RelQuarter(rel.offset().unwrap_or(0)))
                    }
                    Some(Kw::Half) => {
                        self.pos += 1;
                        Ok(Base::RelHalf(rel.offset().unwrap_or(0)))
                    }
                    Some(Kw::Decade) => {
                        self.pos += 1;
                        Ok(Base::Decade(rel.offset().unwrap_or(0)))
                    }
                    Some(k @ (Kw::Financial | Kw::Tax)) if self.kw_at(1) == Some(Kw::Year) => {
                        self.pos += 2;
                        let offset = rel.offset().unwrap_or(0);
                        Ok(if k == Kw::Financial {
                            Base::FinancialYear(Fiscal::Current(offset))
                        } else {
                            Base::RelTaxYear(offset)
                        })
                    }
                    _ => Err(self.unexpected()),
                }
            }
            Shape::Word(Kw::Year) => {
                // "the year", as in "by the end of the year".
                self.pos += 1;
                Ok(Base::Year(YearRef::This))
            }
            Shape::Word(Kw::Decade) => {
                // "the decade", as in "by the end of the decade".
                self.pos += 1;
                Ok(Base::Decade(0))
            }
            Shape::Word(Kw::Current)
                if matches!(self.kw_at(1), Some(Kw::Financial | Kw::Tax))
                    && self.kw_at(2) == Some(Kw::Year) =>
            {
                let tax = self.kw_at(1) == Some(Kw::Tax);
                self.pos += 3;
                Ok(if tax {
                    Base::RelTaxYear(0)
                } else {
                    Base::FinancialYear(Fiscal::Current(0))
                })
            }
            Shape::Word(Kw::Earlier)
                if self.kw_at(1) == Some(Kw::This) && self.kw_at(2) == Some(Kw::Year) =>
            {
                self.pos += 3;
                Ok(Base::EarlierThisYear)
            }
            Shape::Word(Kw::Recently) => {
                self.pos += 1;
                Ok(Base::Recently)
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
                            &t.text.to_ascii_uppercase(),
                            if k == Kw::Q { "a quarter" } else { "a half" }
                        ),
                    ));
                }
                // "Q4 26": a two-digit year after a quarter or half is 20YY.
                if let Some(Shape::Num {
                    value: yy,
                    digits: 2,
                    ..
                }) = self.peek().map(|t| t.shape)
                {
                    if !matches!(
                        self.peek_at(1).map(|t| t.shape),
                        Some(Shape::Dash | Shape::Slash)
                    ) {
                        self.pos += 1;
                        let year = YearRef::Explicit(2000 + yy as i32);
                        return Ok(sub_base(k == Kw::Q, value, None, year));
                    }
                }
                self.sub_year(k == Kw::Q, value)
            }
            Shape::Word(Kw::Ordinal(n)) => {
                self.pos += 1;
                self.ordinal(t, n)
            }
            Shape::Word(Kw::Fy) => {
                self.pos += 1;
                let fy = self.fy_label(t)?;
                // "FY27 Q2", "FY27 H1".
                if let Some(&q) = self
                    .peek()
                    .filter(|q| matches!(q.kw(), Some(Kw::Q | Kw::H)))
                {
                    if let Some(Shape::Num { value, .. }) = self.peek_at(1).map(|n| n.shape) {
                        self.pos += 2;
                        let quarter = q.kw() == Some(Kw::Q);
                        let n = self.sub_number(q, quarter, value)?;
                        return Ok(sub_base(quarter, n, Some(fy), YearRef::Bare));
                    }
                }
                Ok(Base::FinancialYear(fy))
            }
            Shape::Word(k @ (Kw::Financial | Kw::Tax)) => {
                self.pos += 1;
                if !self.eat(Kw::Year) {
                    return Err(self.unexpected());
                }
                // "the financial year" alone is the current one.
                Ok(match (self.year_pair()?, k == Kw::Financial) {
                    (Some(start), true) => Base::FinancialYear(Fiscal::Pair(start)),
                    (Some(start), false) => Base::TaxYear(start),
                    (None, true) => Base::FinancialYear(Fiscal::Current(0)),
                    (None, false) => Base::RelTaxYear(0),
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

    /// After an ordinal ("third", "3rd"), at "quarter" or "half".
    fn ordinal(&mut self, t: Token<'_>, n: u32) -> Result<Base> {
        let quarter = match self.kw() {
            Some(Kw::Quarter) => true,
            Some(Kw::Half) => false,
            _ => return Err(self.unexpected()),
        };
        self.pos += 1;
        let max = if quarter { 4 } else { 2 };
        if n > max || n == 0 {
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

    /// A quarter or half number `value` written at `q` ("Q5" is out of range).
    fn sub_number(&self, q: Token<'_>, quarter: bool, value: u32) -> Result<u32> {
        let max = if quarter { 4 } else { 2 };
        if value == 0 || value > max {
            return Err(DeadlineError::at(
                Code::OutOfRange,
                (q.start, self.last_end()),
                format!(
                    "{}{value} is out of range: {} runs from 1 to {max}",
                    q.text.to_ascii_uppercase(),
                    if quarter { "a quarter" } else { "a half" }
                ),
            ));
        }
        Ok(value)
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
        // Compact "2026Q4", "26Q4", "2027H2": a year, then Q or H and its number, touching.
        if let (Some(&q), Some(&n)) = (self.peek_at(1), self.peek_at(2)) {
            if let (Some(k @ (Kw::Q | Kw::H)), Shape::Num { value: qn, .. }) = (q.kw(), n.shape) {
                if (q.start == t.end || digits == 4) && n.start == q.end {
                    let year = match digits {
                        2 => 2000 + value as i32,
                        _ => check_year(value, digits, t.span())?,
                    };
                    self.pos += 3;
                    let qn = self.sub_number(q, k == Kw::Q, qn)?;
                    return Ok(sub_base(k == Kw::Q, qn, None, YearRef::Explicit(year)));
                }
            }
        }
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
            let year = check_year(y, yd, c.span())?;
            let (day, month) = if self.conv.day_first {
                (value, second)
            } else {
                (second, value)
            };
            checked_date(year, month, day, span)?;
            return Ok(Base::Date {
                year: YearRef::Explicit(year),
                month,
                day,
                span,
                numeric: true,
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
                    numeric: false,
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
        let year = check_year(value, digits, t.span())?;
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
                    checked_date(year, month, day, span)?;
                    return Ok(Base::Date {
                        year: YearRef::Explicit(year),
                        month,
                        day,
                        span,
                        numeric: false,
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
            return Ok(Base::FinancialYear(Fiscal::Pair(start)));
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
                    let end = check_year(v2, 4, second.span())?;
                    self.pos += 2;
                    if end < year {
                        return Err(DeadlineError::at(
                            Code::ReversedRange,
                            (t.start, second.end),
                            format!("the range {year} to {end} ends before it starts"),
                        ));
                    }
                    return Ok(Base::YearRange(year, end));
                }
            }
        }
        Ok(Base::Year(YearRef::Explicit(year)))
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
        let year = check_year(value, 4, first.span())?;
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
        let year = check_year(value, 4, first.span())?;
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
                let year = check_year(value, digits, span)?;
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
            Some(Fiscal::Pair(start))
        } else if self.kw() == Some(Kw::Fy) {
            let Some(&t) = self.peek() else {
                return Err(self.missing());
            };
            self.pos += 1;
            Some(self.fy_label(t)?)
        } else if self.kw() == Some(Kw::Financial) && self.kw_at(1) == Some(Kw::Year) {
            self.pos += 2;
            // "the third quarter of the financial year": the current one.
            Some(match self.year_pair()? {
                Some(start) => Fiscal::Pair(start),
                None => Fiscal::Current(0),
            })
        } else if let (
            Some(k @ (Kw::This | Kw::Next | Kw::Last | Kw::Current)),
            Some(Kw::Financial),
            Some(Kw::Year),
        ) = (self.kw(), self.kw_at(1), self.kw_at(2))
        {
            self.pos += 3;
            Some(Fiscal::Current(YearRef::relative(k).offset().unwrap_or(0)))
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
    fn fy_label(&mut self, fy: Token<'_>) -> Result<Fiscal> {
        if let Some(start) = self.year_pair()? {
            return Ok(Fiscal::FyPair(start));
        }
        let Some(&t) = self.peek() else {
            return Err(self.missing());
        };
        let Shape::Num { value, digits, .. } = t.shape else {
            return Err(self.unexpected());
        };
        let label = match digits {
            2 => 2000 + value as i32,
            4 => check_year(value, 4, t.span())?,
            _ => {
                return Err(DeadlineError::at(
                    Code::OutOfRange,
                    (fy.start, t.end),
                    "a financial year label has two or four digits (FY27, FY2027)",
                ))
            }
        };
        self.pos += 1;
        Ok(Fiscal::FyLabel(label))
    }

    /// After "within" or "in the next": a count and a unit ("six months", "a year").
    fn within(&mut self, during: bool) -> Result<Form> {
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
        Ok(Form::Single {
            expr: Expr {
                base: Base::Within { count, unit },
                part: None,
                span: self.span,
            },
            conn: if during { Conn::During } else { Conn::By },
            past: false,
        })
    }

    /// After "between": two expressions joined by "and".
    fn between(&mut self, past: bool) -> Result<Form> {
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
        Ok(Form::Range { left, right, past })
    }
}
