//! Splitting a phrase into tokens with byte spans, and knowing its words.

/// A word the grammar knows. Unknown words are [`Kw::Other`] and keep their text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kw {
    Month(u32),
    /// 0 spring, 1 summer, 2 autumn, 3 winter.
    Season(u8),
    /// first..fourth.
    Ordinal(u32),
    /// one..twelve, eighteen; "a"/"an" are [`Kw::A`].
    Number(u32),
    A,
    By,
    Before,
    From,
    After,
    In,
    During,
    Throughout,
    On,
    At,
    Within,
    Between,
    And,
    To,
    Through,
    Onwards,
    Of,
    The,
    This,
    Next,
    Last,
    Year,
    MonthUnit,
    Week,
    Day,
    Quarter,
    Half,
    Early,
    Mid,
    Late,
    End,
    Start,
    Towards,
    Rest,
    Later,
    Ago,
    Several,
    Around,
    Fy,
    Q,
    H,
    Financial,
    Tax,
    For,
    Past,
    Back,
    Time,
    No,
    Than,
    Over,
    Since,
    Up,
    Now,
    Current,
    Decade,
    /// "EOY": the end of the calendar year.
    Eoy,
    /// "EOFY": the end of the financial year.
    Eofy,
    Earlier,
    Recently,
    Other,
}

/// The shape of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Word(Kw),
    /// Digits: value (saturating), digit count, and whether an ordinal suffix followed.
    Num {
        value: u32,
        digits: u8,
        ordinal: bool,
    },
    /// `-`, `–` or `—`.
    Dash,
    Slash,
    /// Any other character: always refused.
    Symbol,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token<'a> {
    pub shape: Shape,
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl Token<'_> {
    pub fn kw(&self) -> Option<Kw> {
        match self.shape {
            Shape::Word(k) => Some(k),
            _ => None,
        }
    }

    pub fn span(&self) -> (usize, usize) {
        (self.start, self.end)
    }
}

pub(crate) fn tokenize<'a>(phrase: &'a str, out: &mut Vec<Token<'a>>) {
    let bytes = phrase.as_bytes();
    let mut i = 0;
    // Iterate by chars for non-ASCII, by bytes for the common ASCII path.
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_whitespace() || b == b',' || b == b'.' || b == b'\'' {
            i += 1;
            continue;
        }
        if b.is_ascii_digit() {
            let start = i;
            let mut value: u32 = 0;
            while let Some(&d) = bytes.get(i).filter(|d| d.is_ascii_digit()) {
                value = value.saturating_mul(10).saturating_add(u32::from(d - b'0'));
                i += 1;
            }
            let digits = u8::try_from(i - start).unwrap_or(u8::MAX);
            let mut ordinal = false;
            if let (Some(a), Some(b)) = (bytes.get(i), bytes.get(i + 1)) {
                let suffix = [a.to_ascii_lowercase(), b.to_ascii_lowercase()];
                let follows_letter = bytes.get(i + 2).is_some_and(|c| c.is_ascii_alphabetic());
                if matches!(&suffix, b"st" | b"nd" | b"rd" | b"th") && !follows_letter {
                    ordinal = true;
                    i += 2;
                }
            }
            out.push(Token {
                shape: Shape::Num {
                    value,
                    digits,
                    ordinal,
                },
                text: &phrase[start..i],
                start,
                end: i,
            });
            continue;
        }
        if b == b'-' || b == b'/' {
            out.push(Token {
                shape: if b == b'-' { Shape::Dash } else { Shape::Slash },
                text: &phrase[i..i + 1],
                start: i,
                end: i + 1,
            });
            i += 1;
            continue;
        }
        let Some(c) = phrase[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        if c.is_alphabetic() {
            let start = i;
            while let Some(c) = phrase[i..].chars().next() {
                if !c.is_alphabetic() {
                    break;
                }
                i += c.len_utf8();
            }
            let text = &phrase[start..i];
            out.push(Token {
                shape: Shape::Word(keyword(text)),
                text,
                start,
                end: i,
            });
            continue;
        }
        let shape = match c {
            '–' | '—' | '‐' | '‑' => Shape::Dash,
            c if c.is_whitespace() => {
                i += len;
                continue;
            }
            _ => Shape::Symbol,
        };
        out.push(Token {
            shape,
            text: &phrase[i..i + len],
            start: i,
            end: i + len,
        });
        i += len;
    }
}

/// Classify a word, case-insensitively, without allocating.
fn keyword(word: &str) -> Kw {
    let mut buf = [0u8; 16];
    if word.len() > buf.len() || !word.is_ascii() {
        return Kw::Other;
    }
    let Some(lower) = buf.get_mut(..word.len()) else {
        return Kw::Other;
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    match &*lower {
        b"january" | b"jan" => Kw::Month(1),
        b"february" | b"feb" => Kw::Month(2),
        b"march" | b"mar" => Kw::Month(3),
        b"april" | b"apr" => Kw::Month(4),
        b"may" => Kw::Month(5),
        b"june" | b"jun" => Kw::Month(6),
        b"july" | b"jul" => Kw::Month(7),
        b"august" | b"aug" => Kw::Month(8),
        b"september" | b"sep" | b"sept" => Kw::Month(9),
        b"october" | b"oct" => Kw::Month(10),
        b"november" | b"nov" => Kw::Month(11),
        b"december" | b"dec" => Kw::Month(12),
        b"spring" => Kw::Season(0),
        b"summer" => Kw::Season(1),
        b"autumn" | b"fall" => Kw::Season(2),
        b"winter" => Kw::Season(3),
        b"first" => Kw::Ordinal(1),
        b"second" => Kw::Ordinal(2),
        b"third" => Kw::Ordinal(3),
        b"fourth" => Kw::Ordinal(4),
        b"one" => Kw::Number(1),
        b"two" => Kw::Number(2),
        b"three" => Kw::Number(3),
        b"four" => Kw::Number(4),
        b"five" => Kw::Number(5),
        b"six" => Kw::Number(6),
        b"seven" => Kw::Number(7),
        b"eight" => Kw::Number(8),
        b"nine" => Kw::Number(9),
        b"ten" => Kw::Number(10),
        b"eleven" => Kw::Number(11),
        b"twelve" => Kw::Number(12),
        b"eighteen" => Kw::Number(18),
        b"a" | b"an" => Kw::A,
        b"by" => Kw::By,
        b"before" => Kw::Before,
        b"from" | b"starting" => Kw::From,
        b"after" => Kw::After,
        b"in" => Kw::In,
        b"during" => Kw::During,
        b"throughout" => Kw::Throughout,
        b"on" => Kw::On,
        b"at" => Kw::At,
        b"within" => Kw::Within,
        b"between" => Kw::Between,
        b"and" => Kw::And,
        b"to" | b"until" | b"till" => Kw::To,
        b"through" | b"thru" => Kw::Through,
        b"onwards" | b"onward" => Kw::Onwards,
        b"of" => Kw::Of,
        b"the" => Kw::The,
        b"this" => Kw::This,
        b"next" => Kw::Next,
        b"last" => Kw::Last,
        b"year" | b"years" => Kw::Year,
        b"month" | b"months" => Kw::MonthUnit,
        b"week" | b"weeks" => Kw::Week,
        b"day" | b"days" => Kw::Day,
        b"quarter" | b"quarters" => Kw::Quarter,
        b"half" => Kw::Half,
        b"early" => Kw::Early,
        b"mid" | b"middle" => Kw::Mid,
        b"late" => Kw::Late,
        b"end" => Kw::End,
        b"start" | b"beginning" => Kw::Start,
        b"towards" | b"toward" => Kw::Towards,
        b"rest" | b"remainder" => Kw::Rest,
        b"later" => Kw::Later,
        b"ago" => Kw::Ago,
        b"several" | b"few" | b"some" => Kw::Several,
        b"around" | b"about" | b"approximately" | b"circa" | b"roughly" => Kw::Around,
        b"fy" => Kw::Fy,
        b"q" => Kw::Q,
        b"h" => Kw::H,
        b"financial" | b"fiscal" => Kw::Financial,
        b"tax" => Kw::Tax,
        b"for" => Kw::For,
        b"completed" | b"launched" | b"was" | b"were" | b"shared" | b"publicly" | b"met"
        | b"delivered" | b"published" | b"released" | b"achieved" | b"introduced" | b"finished"
        | b"has" | b"have" | b"been" => Kw::Past,
        b"back" => Kw::Back,
        b"time" => Kw::Time,
        b"no" | b"not" => Kw::No,
        b"than" => Kw::Than,
        b"over" => Kw::Over,
        b"since" => Kw::Since,
        b"up" => Kw::Up,
        b"now" => Kw::Now,
        b"current" => Kw::Current,
        b"decade" => Kw::Decade,
        b"eoy" => Kw::Eoy,
        b"eofy" => Kw::Eofy,
        b"earlier" => Kw::Earlier,
        b"recently" => Kw::Recently,
        _ => Kw::Other,
    }
}

/// Whether `token` is the word `word` (lower case), whatever its case.
/// Whole phrases that say there is no date.
pub(crate) const NONE_PHRASES: &[&[&str]] = &[
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
    &["in", "the", "coming", "weeks"],
    &["in", "the", "coming", "months"],
    &["in", "coming", "weeks"],
    &["in", "coming", "months"],
    &["in", "the", "weeks", "and", "months", "ahead"],
    &["at", "a", "later", "date"],
    &["when", "parliamentary", "time", "allows"],
    &["when", "resources", "allow"],
    &["none"],
];

/// Whole phrases that say the work is continuing.
pub(crate) const ONGOING_PHRASES: &[&[&str]] = &[
    &["ongoing"],
    &["continuous"],
    &["continuing"],
    &["on", "an", "ongoing", "basis"],
];

/// Whether the phrase looks like it is trying to say a date: then an unknown word in it is
/// reported as such; otherwise the phrase simply has no date in it.
pub(crate) fn has_date_cue(tokens: &[Token<'_>]) -> bool {
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
                | Kw::Up
                | Kw::Now
                | Kw::Current
        ),
        _ => false,
    })
}

pub(crate) fn is_word(token: &Token<'_>, word: &str) -> bool {
    matches!(token.shape, Shape::Word(_)) && token.text.eq_ignore_ascii_case(word)
}
