//! Deadline expressions inside running text: [`find`] and [`Conventions::find`].
//!
//! The text is split into tokens once. A parse is tried only at a plausible *anchor*: a
//! capitalised month, a season, a year (1900–2199), a day before a month, Q/H/FY with a
//! number, an ordinal quarter or half, "this/next/last" before a unit, a count before
//! "ago", a named period, or a "no date" marker. From an anchor the candidate reaches back
//! over the words that may open a phrase (connectives, parts, "the", "of", "around") and
//! forward over the words a date is made of, never across a sentence break; the strict
//! grammar of [`parse`](super::parse) then reads the longest candidate it accepts,
//! shortening it a whole chunk at a time ("2026-27" is never cut). Each anchor costs a
//! bounded number of attempts, so the work grows linearly with the text.
//!
//! The words just before an expression are its context: a past-tense verb ("launched",
//! "was completed", "met its commitment") makes it `past`; a word of intent ("due",
//! "expected", "scheduled for", "will", "plans to", "set to", "pledged to") keeps it a
//! deadline. Both are reported as the match's cues, with the connectives inside it.

use chrono::NaiveDate;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::lexer::{is_word, tokenize, Kw, Shape, Token, NONE_PHRASES};
use super::parser::parse_tokens;
use super::{Conventions, Deadline, DeadlineError, DeadlineErrorCode as Code, MAX_PHRASE_BYTES};
use crate::Error;

/// The most words a candidate reaches back from its anchor ("by the end of the").
const MAX_BACK: usize = 6;
/// The most tokens a candidate reaches forward from its anchor.
const MAX_FORWARD: usize = 12;

/// Words before an expression that say it is still to come.
const INTENT: &[&str] = &[
    "due",
    "expected",
    "scheduled",
    "planned",
    "will",
    "shall",
    "pledged",
    "aims",
    "intends",
    "committed",
    "targeted",
    "be",
    "to",
];

/// Words ending in "-ed" that name a plan or a move of a date, not something done.
const NOT_PAST: &[&str] = &[
    "scheduled",
    "expected",
    "planned",
    "proposed",
    "intended",
    "targeted",
    "timetabled",
    "needed",
    "required",
    "delayed",
    "postponed",
    "deferred",
    "extended",
    "moved",
    "pushed",
    "rescheduled",
    "slated",
    "earmarked",
    "aimed",
    "committed",
    "pledged",
    "funded",
    "based",
    "called",
    "asked",
    "indeed",
];

/// A deadline expression found in a running text: where it is (byte offsets into the
/// text), the deadline it reads as, and the cue words that decided its kind.
///
/// ```
/// use roadmap_tracker::deadline::{find, DeadlineKind};
/// # use chrono::NaiveDate;
/// let w = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap();
/// let text = "The service launched in March 2025 and will close by the end of 2027.";
/// let found = find(text, w)?;
/// assert_eq!(found.len(), 2);
/// assert_eq!((found[0].text(), found[0].deadline().kind()), ("in March 2025", DeadlineKind::Past));
/// assert_eq!(found[0].cues().collect::<Vec<_>>(), ["launched", "in"]);
/// assert_eq!(found[1].span(), (50, 68)); // "by the end of 2027"
/// assert_eq!(found[1].deadline().latest().unwrap().to_string(), "2027-12-31");
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    span: (usize, usize),
    deadline: Deadline,
    cues: Vec<(usize, usize)>,
    cue_words: Vec<Box<str>>,
}

impl Found {
    /// The byte range of the expression in the text.
    pub fn span(&self) -> (usize, usize) {
        self.span
    }

    /// The expression as written (the deadline's phrase).
    pub fn text(&self) -> &str {
        self.deadline.phrase()
    }

    /// The deadline the expression reads as.
    pub fn deadline(&self) -> &Deadline {
        &self.deadline
    }

    /// The deadline, taken out of the match.
    pub fn into_deadline(self) -> Deadline {
        self.deadline
    }

    /// The cue words, in text order: the context before the expression that decided its
    /// kind ("launched", "due") and the connectives inside it ("by", "in").
    pub fn cues(&self) -> impl Iterator<Item = &str> {
        self.cue_words.iter().map(|w| &**w)
    }

    /// The byte ranges of the cue words in the text.
    pub fn cue_spans(&self) -> &[(usize, usize)] {
        &self.cues
    }
}

impl Serialize for Found {
    /// `{"start", "end", "text", "cues", "deadline"}`: byte offsets into the text, and the
    /// deadline in its own JSON shape.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Found", 5)?;
        st.serialize_field("start", &self.span.0)?;
        st.serialize_field("end", &self.span.1)?;
        st.serialize_field("text", self.text())?;
        st.serialize_field("cues", &self.cues().collect::<Vec<_>>())?;
        st.serialize_field("deadline", &self.deadline)?;
        st.end()
    }
}

/// Every deadline expression in `text`, in order, under the default (UK)
/// [`Conventions`]; `written_on` is the date of the document the text comes from.
///
/// # Errors
/// A malformed expression inside the text is refused with its own code
/// ([`ImpossibleDate`](crate::ErrorCode::ImpossibleDate) for "launch on 31 February
/// 2026", [`OutOfRange`](crate::ErrorCode::OutOfRange), [`ReversedRange`](crate::ErrorCode::ReversedRange),
/// [`Ambiguous`](crate::ErrorCode::Ambiguous)), its span counted in the text and its
/// message naming the expression. A text with no expression at all (not even a "no date"
/// marker such as "in due course") is refused with
/// [`NoDeadlineFound`](crate::ErrorCode::NoDeadlineFound).
///
/// ```
/// use roadmap_tracker::deadline::{find, DeadlineKind};
/// # use chrono::NaiveDate;
/// let w = NaiveDate::from_ymd_opt(2026, 1, 19).unwrap();
/// assert_eq!(find("We will publish it in due course.", w)?[0].deadline().kind(), DeadlineKind::None);
/// let e = find("Launch on 31 February 2026.", w).unwrap_err();
/// assert_eq!((e.code().as_str(), e.span()), ("impossible_date", Some((10, 26))));
/// assert_eq!(find("A new strategy.", w).unwrap_err().code().as_str(), "no_deadline_found");
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
pub fn find(text: &str, written_on: NaiveDate) -> Result<Vec<Found>, Error> {
    Conventions::uk().find(text, written_on)
}

impl Conventions {
    /// Every deadline expression in `text` under these conventions: [`find`] with
    /// conventions of one's own.
    ///
    /// # Errors
    /// As [`find`].
    ///
    /// ```
    /// use roadmap_tracker::deadline::Conventions;
    /// # use chrono::NaiveDate;
    /// let us = Conventions { day_first: false, ..Conventions::default() };
    /// let found = us.find("Due on 4/1/2026, reviewed in summer 2026.", NaiveDate::from_ymd_opt(2026, 1, 19).unwrap())?;
    /// assert_eq!(found[0].deadline().latest().unwrap().to_string(), "2026-04-01");
    /// assert_eq!(found[1].text(), "in summer 2026");
    /// # Ok::<(), roadmap_tracker::Error>(())
    /// ```
    pub fn find(&self, text: &str, written_on: NaiveDate) -> Result<Vec<Found>, Error> {
        let mut toks = Vec::with_capacity(text.len() / 6 + 1);
        tokenize(text, &mut toks);
        let mut scan = Scan {
            named_first: WordFilter::new(
                self.named_periods
                    .iter()
                    .filter_map(|e| e.words().first().map(String::as_str)),
            ),
            marker_first: WordFilter::new(NONE_PHRASES.iter().filter_map(|w| w.first().copied())),
            conv: self,
            text,
            toks: &toks,
            written_on,
            out: Vec::new(),
            floor: 0,
        };
        scan.run()?;
        if scan.out.is_empty() {
            return Err(Error::deadline(
                Code::NoDeadlineFound,
                text,
                Some((0, text.len())),
                "no deadline expression in the text",
            ));
        }
        Ok(scan.out)
    }
}

/// Whether a candidate refusal is about the date itself (then the text is refused) or
/// only about where the candidate was cut (then a shorter candidate is tried).
fn is_hard(code: Code) -> bool {
    matches!(
        code,
        Code::ImpossibleDate | Code::OutOfRange | Code::ReversedRange | Code::Ambiguous
    )
}

fn capitalised(t: &Token<'_>) -> bool {
    t.text
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_uppercase)
}

/// A word that may open a phrase before its date: a connective, a part, an article.
fn opens(k: Kw) -> bool {
    matches!(
        k,
        Kw::By
            | Kw::Before
            | Kw::From
            | Kw::After
            | Kw::In
            | Kw::During
            | Kw::Throughout
            | Kw::On
            | Kw::At
            | Kw::Within
            | Kw::Between
            | Kw::To
            | Kw::Through
            | Kw::Of
            | Kw::The
            | Kw::This
            | Kw::Next
            | Kw::Last
            | Kw::Early
            | Kw::Mid
            | Kw::Late
            | Kw::End
            | Kw::Start
            | Kw::Towards
            | Kw::Rest
            | Kw::Later
            | Kw::Around
            | Kw::No
            | Kw::Than
            | Kw::Over
            | Kw::Since
            | Kw::Up
            | Kw::Now
            | Kw::And
            | Kw::For
            | Kw::Current
    )
}

/// A connective or tense word inside a match, reported as a cue.
fn is_cue(k: Kw) -> bool {
    matches!(
        k,
        Kw::By
            | Kw::Before
            | Kw::From
            | Kw::After
            | Kw::In
            | Kw::During
            | Kw::Throughout
            | Kw::On
            | Kw::At
            | Kw::Within
            | Kw::Between
            | Kw::To
            | Kw::Through
            | Kw::Onwards
            | Kw::Over
            | Kw::Since
            | Kw::For
            | Kw::Past
            | Kw::Back
            | Kw::Ago
    )
}

/// A token a date may continue with.
fn continues(shape: Shape) -> bool {
    match shape {
        Shape::Num { .. } | Shape::Dash | Shape::Slash => true,
        Shape::Word(k) => !matches!(
            k,
            Kw::Other
                | Kw::Past
                | Kw::Back
                | Kw::By
                | Kw::Before
                | Kw::After
                | Kw::From
                | Kw::Within
                | Kw::Between
                | Kw::For
                | Kw::No
                | Kw::Than
        ),
        Shape::Symbol => false,
    }
}

/// A quick test that a word cannot be one of a few: by its first letter and its length.
struct WordFilter {
    letters: u32,
    lengths: u32,
}

impl WordFilter {
    fn new<'w>(words: impl Iterator<Item = &'w str>) -> WordFilter {
        let mut f = WordFilter {
            letters: 0,
            lengths: 0,
        };
        for w in words {
            if let Some(c) = w.as_bytes().first() {
                f.letters |= 1 << (c.to_ascii_lowercase() & 31);
                f.lengths |= 1 << w.len().min(31);
            }
        }
        f
    }

    fn may_be(&self, word: &str) -> bool {
        word.as_bytes().first().is_some_and(|c| {
            self.letters & (1 << (c.to_ascii_lowercase() & 31)) != 0
                && self.lengths & (1 << word.len().min(31)) != 0
        })
    }
}

struct Scan<'s, 'a> {
    /// The first words of the named periods, and of the "no date" markers.
    named_first: WordFilter,
    marker_first: WordFilter,
    conv: &'s Conventions,
    text: &'a str,
    toks: &'s [Token<'a>],
    written_on: NaiveDate,
    out: Vec<Found>,
    /// No candidate reaches back before this token (the end of the last match).
    floor: usize,
}

impl<'a> Scan<'_, 'a> {
    fn kw(&self, i: usize) -> Option<Kw> {
        self.toks.get(i).and_then(Token::kw)
    }

    /// Tokens `i - 1` and `i` touch ("2026", "-", "27").
    fn tight(&self, i: usize) -> bool {
        match (
            i.checked_sub(1).and_then(|p| self.toks.get(p)),
            self.toks.get(i),
        ) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// A boundary before token `i` would cut a chunk such as "2026-27" or "Q4" (a
    /// punctuation mark touching a word does not make a chunk).
    fn cuts(&self, i: usize) -> bool {
        let shape = |j: usize| self.toks.get(j).map(|t| t.shape);
        // A dash joins only what touches a number on its far side ("2026-27", "mid-2026"):
        // "2018—the" is two chunks.
        if shape(i) == Some(Shape::Dash)
            && !(self.tight(i + 1) && matches!(shape(i + 1), Some(Shape::Num { .. })))
        {
            return false;
        }
        self.tight(i)
            && !matches!(self.toks.get(i).map(|t| t.shape), Some(Shape::Symbol))
            && !matches!(
                i.checked_sub(1)
                    .and_then(|p| self.toks.get(p))
                    .map(|t| t.shape),
                Some(Shape::Symbol)
            )
    }

    /// Tokens `i - 1` and `i` are in the same clause: no sentence punctuation between
    /// them (a comma only before a year, as in "March 31, 2026").
    fn joined(&self, i: usize) -> bool {
        let (Some(a), Some(b)) = (
            i.checked_sub(1).and_then(|p| self.toks.get(p)),
            self.toks.get(i),
        ) else {
            return false;
        };
        let gap = self.text.get(a.end..b.start).unwrap_or("");
        let year_next = matches!(b.shape, Shape::Num { digits: 4, .. });
        !gap.bytes()
            .any(|c| matches!(c, b'.' | b';' | b':' | b'!' | b'?') || (c == b',' && !year_next))
            && gap.bytes().filter(|&c| c == b'\n').count() < 2
    }

    /// The length in tokens of the named period starting at `i`, if one does.
    fn named_at(&self, i: usize) -> Option<usize> {
        if !self.named_first.may_be(self.toks.get(i)?.text) {
            return None;
        }
        let rest = self.toks.get(i..)?;
        self.conv.named_periods.iter().find_map(|entry| {
            let words = entry.words();
            let fits = words.len() <= rest.len()
                && rest.iter().zip(words).all(|(t, w)| is_word(t, w))
                && (1..words.len()).all(|k| self.joined(i + k));
            fits.then_some(words.len())
        })
    }

    /// The length in tokens of the "no date" marker starting at `i`, if one does.
    fn marker_at(&self, i: usize) -> Option<usize> {
        if !self.marker_first.may_be(self.toks.get(i)?.text) {
            return None;
        }
        let rest = self.toks.get(i..)?;
        NONE_PHRASES
            .iter()
            .filter(|words| !matches!(words, [w] if w.len() < 3 || *w == "none"))
            .find_map(|words| {
                let fits = words.len() <= rest.len()
                    && rest.iter().zip(words.iter()).all(|(t, w)| is_word(t, w))
                    && (1..words.len()).all(|k| self.joined(i + k));
                fits.then_some(words.len())
            })
    }

    fn anchor(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        let next = self.kw(i + 1);
        let unit = |k: Option<Kw>| matches!(k, Some(Kw::Day | Kw::Week | Kw::MonthUnit | Kw::Year));
        match t.shape {
            Shape::Num { ordinal: true, .. } if matches!(next, Some(Kw::Quarter | Kw::Half)) => {
                true
            }
            Shape::Num { value, digits, .. } => match digits {
                4 => (1900..=2199).contains(&value),
                1 | 2 => {
                    matches!(next, Some(Kw::Month(_)))
                        || (digits == 2
                            && self.tight(i + 1)
                            && matches!(next, Some(Kw::Q | Kw::H))
                            && self.toks.get(i + 1).is_some_and(capitalised))
                        || (next == Some(Kw::Of) && matches!(self.kw(i + 2), Some(Kw::Month(_))))
                        || (self.tight(i + 1)
                            && self
                                .toks
                                .get(i + 1)
                                .is_some_and(|s| s.shape == Shape::Slash))
                        || (unit(next)
                            && (self.kw(i + 2) == Some(Kw::Ago)
                                || matches!(
                                    i.checked_sub(1).and_then(|p| self.kw(p)),
                                    Some(Kw::Within | Kw::Next)
                                )))
                }
                _ => false,
            },
            Shape::Word(k) => match k {
                Kw::Month(_) => capitalised(t),
                Kw::Season(_) => {
                    !t.text.eq_ignore_ascii_case("fall")
                        || capitalised(t)
                        || matches!(
                            self.toks.get(i + 1).map(|n| n.shape),
                            Some(Shape::Num { digits: 4, .. })
                        )
                }
                Kw::Q | Kw::H => {
                    capitalised(t)
                        && self.tight(i + 1)
                        && matches!(
                            self.toks.get(i + 1).map(|n| n.shape),
                            Some(Shape::Num { .. })
                        )
                }
                Kw::Fy => capitalised(t),
                Kw::Ordinal(_) => matches!(next, Some(Kw::Quarter | Kw::Half)),
                Kw::This | Kw::Next | Kw::Last => {
                    matches!(
                        next,
                        Some(
                            Kw::Year
                                | Kw::MonthUnit
                                | Kw::Season(_)
                                | Kw::Month(_)
                                | Kw::Quarter
                                | Kw::Half
                                | Kw::Financial
                                | Kw::Tax
                                | Kw::Decade
                        )
                    ) || self.named_at(i).is_some()
                }
                Kw::Eoy | Kw::Eofy => capitalised(t),
                Kw::Recently => true,
                Kw::Earlier => next == Some(Kw::This),
                Kw::Current => {
                    matches!(next, Some(Kw::Financial | Kw::Tax)) || self.named_at(i).is_some()
                }
                Kw::Decade => i.checked_sub(1).and_then(|p| self.kw(p)) == Some(Kw::The),
                Kw::Year | Kw::Financial | Kw::Tax => {
                    i.checked_sub(1).and_then(|p| self.kw(p)) == Some(Kw::The)
                        && matches!(
                            i.checked_sub(2).and_then(|p| self.kw(p)),
                            Some(
                                Kw::Of | Kw::By | Kw::Before | Kw::To | Kw::During | Kw::Throughout
                            )
                        )
                }
                Kw::Number(_) | Kw::A | Kw::Several => {
                    unit(next)
                        && (self.kw(i + 2) == Some(Kw::Ago)
                            || matches!(
                                i.checked_sub(1).and_then(|p| self.kw(p)),
                                Some(Kw::Within | Kw::Next)
                            ))
                }
                Kw::Other | Kw::End => self.named_at(i).is_some(),
                _ => false,
            },
            _ => false,
        }
    }

    fn run(&mut self) -> Result<(), Error> {
        let n = self.toks.len();
        // A text that is one whole phrase is read as `parse` reads it.
        if let (Some(first), Some(last)) = (self.toks.first(), self.toks.last()) {
            let span = (first.start, last.end);
            if span.1 - span.0 <= MAX_PHRASE_BYTES {
                if let Some(phrase) = self.text.get(span.0..span.1) {
                    if let Ok(d) =
                        parse_tokens(self.conv, self.toks, phrase, span, self.written_on, false)
                    {
                        let cues = self.cues_in(0, n);
                        self.push(span, d, cues);
                        return Ok(());
                    }
                }
            }
        }
        let mut i = 0;
        while i < n {
            if let Some(len) = self.marker_at(i) {
                if self
                    .try_span(i, i + len, false, Vec::new())
                    .is_ok_and(|ok| ok)
                {
                    i += len;
                    self.floor = i;
                    continue;
                }
            }
            if !self.anchor(i) {
                i += 1;
                continue;
            }
            match self.at_anchor(i)? {
                Some(end) => {
                    i = end;
                    self.floor = end;
                }
                None => i += 1,
            }
        }
        Ok(())
    }

    /// The byte span of tokens `a..b`.
    fn bytes(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        Some((
            self.toks.get(a)?.start,
            self.toks.get(b.checked_sub(1)?)?.end,
        ))
    }

    /// The connectives and tense words among tokens `a..b`.
    fn cues_in(&self, a: usize, b: usize) -> Vec<(usize, usize)> {
        self.toks
            .get(a..b)
            .unwrap_or_default()
            .iter()
            .filter(|t| t.kw().is_some_and(is_cue))
            .map(Token::span)
            .collect()
    }

    fn push(&mut self, span: (usize, usize), deadline: Deadline, cues: Vec<(usize, usize)>) {
        let cue_words = cues
            .iter()
            .map(|&(s, e)| self.text.get(s..e).unwrap_or("").into())
            .collect();
        self.out.push(Found {
            span,
            deadline,
            cues,
            cue_words,
        });
    }

    /// Parse tokens `a..b` as one phrase: `Ok(true)` and a match when it reads.
    fn try_span(
        &mut self,
        a: usize,
        b: usize,
        past: bool,
        mut cues: Vec<(usize, usize)>,
    ) -> Result<bool, DeadlineError> {
        let (Some(span), Some(toks)) = (self.bytes(a, b), self.toks.get(a..b)) else {
            return Ok(false);
        };
        let phrase = self.text.get(span.0..span.1).unwrap_or("");
        let d = parse_tokens(self.conv, toks, phrase, span, self.written_on, past)?;
        cues.extend(self.cues_in(a, b));
        self.push(span, d, cues);
        Ok(true)
    }

    /// The words just before token `s`: whether they make the expression past, and the
    /// cue words among them.
    fn context(&self, s: usize) -> (bool, Vec<(usize, usize)>) {
        let word = |i: usize| {
            self.toks
                .get(i)
                .filter(|t| matches!(t.shape, Shape::Word(_)))
        };
        let before = |i: usize| {
            i.checked_sub(1)
                .filter(|&p| p >= self.floor && self.joined(i))
        };
        // A run of past-tense keywords ("was shared publicly"), unless intent precedes it.
        let mut p = s;
        while let Some(q) = before(p).filter(|&q| matches!(self.kw(q), Some(Kw::Past | Kw::Back))) {
            p = q;
        }
        let intent = |i: Option<usize>| {
            i.and_then(word)
                .filter(|t| INTENT.iter().any(|w| t.text.eq_ignore_ascii_case(w)))
                .map(Token::span)
        };
        if p < s {
            if let Some(cue) = intent(before(p)) {
                return (false, vec![cue]);
            }
            let run: Vec<&Token<'_>> = self.toks.get(p..s).unwrap_or_default().iter().collect();
            let auxiliary = |t: &&Token<'_>| {
                ["has", "have", "been"]
                    .iter()
                    .any(|w| t.text.eq_ignore_ascii_case(w))
            };
            if run.iter().all(auxiliary) {
                return (false, Vec::new());
            }
            return (true, run.iter().map(|t| t.span()).collect());
        }
        let Some(q) = before(s) else {
            return (false, Vec::new());
        };
        if let Some(cue) = intent(Some(q)) {
            return (false, vec![cue]);
        }
        // "scheduled for summer 2026": the intent and its "for" are one cue.
        if self.kw(q) == Some(Kw::For) {
            if let Some(cue) = intent(before(q)) {
                return (
                    false,
                    vec![(cue.0, self.toks.get(q).map_or(cue.1, |t| t.end))],
                );
            }
        }
        // "met its commitment in March".
        if q >= 2 && q - 2 >= self.floor {
            let three = [q - 2, q - 1, q];
            let words = ["met", "its", "commitment"];
            if three
                .iter()
                .zip(words)
                .all(|(&i, w)| self.toks.get(i).is_some_and(|t| is_word(t, w)))
                && self.joined(q - 1)
                && self.joined(q)
            {
                let span = self.bytes(q - 2, q + 1).unwrap_or_default();
                return (true, vec![span]);
            }
        }
        // Any other past participle or past tense: "opened in 2024".
        if let Some(t) = word(q).filter(|t| t.kw() == Some(Kw::Other)) {
            let lower = t
                .text
                .as_bytes()
                .first()
                .is_some_and(u8::is_ascii_lowercase);
            let ed = t.text.len() > 4 && t.text.ends_with("ed");
            if lower && ed && !NOT_PAST.iter().any(|w| t.text.eq_ignore_ascii_case(w)) {
                let planned = intent(before(q)).is_some();
                return (!planned, if planned { Vec::new() } else { vec![t.span()] });
            }
        }
        (false, Vec::new())
    }

    /// Try the candidates around anchor `i`: `Some(end)` when one reads, `None` when none
    /// does for reasons of where it was cut; a refusal about the date itself is returned.
    fn at_anchor(&mut self, i: usize) -> Result<Option<usize>, Error> {
        let n = self.toks.len();
        let mut s = i;
        while s > self.floor
            && s + MAX_BACK > i
            && self.joined(s)
            // "the end of 2026", but not the verb of "due to end in July".
            && (!matches!(self.kw(s - 1), Some(Kw::End | Kw::Start | Kw::Rest))
                || matches!(self.kw(s), Some(Kw::Of | Kw::The)))
            && (self.kw(s - 1).is_some_and(opens)
                || self.toks.get(s - 1).is_some_and(|t| is_word(t, "course"))
                || (self.tight(s) && self.toks.get(s - 1).is_some_and(|t| t.shape == Shape::Dash)))
        {
            s -= 1;
        }
        // The anchor's own named period ("this Parliament") is read whole.
        let mut e = i + self.named_at(i).unwrap_or(1);
        while e < n && e < i + MAX_FORWARD && self.joined(e) {
            if let Some(len) = self.named_at(e) {
                e += len;
            } else if self.toks.get(e).is_some_and(|t| continues(t.shape)) {
                e += 1;
            } else {
                break;
            }
        }
        let e = e.min(n);
        let (past, cues) = self.context(s);
        let mut hard: Option<(DeadlineError, usize, usize)> = None;
        for start in s..=i {
            if start > s && self.cuts(start) {
                continue;
            }
            for end in (i + 1..=e).rev() {
                if end < n && self.cuts(end) {
                    continue;
                }
                let (past, cues) = if start == s {
                    (past, cues.clone())
                } else {
                    self.context(start)
                };
                match self.try_span(start, end, past, cues) {
                    // A shorter reading that overlaps a refused longer one only hides the
                    // fault ("June" of "between June and April 2026"); one that ends
                    // before the fault leaves it to the context ("in March" of "in March
                    // to 15 people").
                    Ok(true) => match hard.take() {
                        Some(h) if self.overlaps(&h.0, start, end) => {
                            self.out.pop();
                            return Err(self.refusal(h));
                        }
                        _ => return Ok(Some(end)),
                    },
                    Ok(false) => {}
                    Err(err) if is_hard(err.code()) => {
                        hard.get_or_insert((err, start, end));
                    }
                    Err(_) => {}
                }
            }
        }
        match hard {
            Some(h) => Err(self.refusal(h)),
            None => Ok(None),
        }
    }

    /// Whether the refused part `err` points at overlaps tokens `a..b`.
    fn overlaps(&self, err: &DeadlineError, a: usize, b: usize) -> bool {
        match (err.span(), self.bytes(a, b)) {
            (Some((x, _)), Some((_, end))) => x < end,
            _ => true,
        }
    }

    /// The public error for a refused candidate (tokens `a..b`).
    fn refusal(&self, (err, a, b): (DeadlineError, usize, usize)) -> Error {
        let (x, y) = self.bytes(a, b).unwrap_or((0, self.text.len()));
        err.into_error_in(self.text, self.text.get(x..y).unwrap_or(""))
    }
}
