//! Text encodings of published sheets, and the line breaks inside them.
//!
//! Spreadsheets saved from Excel on Windows are usually Windows-1252, not UTF-8: a `£` is
//! the single byte `0xA3`. [`decode`] reads UTF-8 (with or without a byte-order mark)
//! as it is; otherwise, unless an encoding was given, it reads the bytes as
//! Windows-1252 and says so. Windows-1252 is Latin-1 with printable characters in place
//! of most of the C1 controls `0x80`–`0x9F`; the five bytes it leaves undefined (`0x81`,
//! `0x8D`, `0x8F`, `0x90`, `0x9D`) are kept as the control characters of the same
//! number, as web browsers do, and each is reported with its byte offset.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorCode, Location, Problem};

/// A text encoding a sheet may be in.
///
/// ```
/// use roadmap_tracker::spreadsheet::Encoding;
/// assert_eq!("cp1252".parse::<Encoding>()?, Encoding::Windows1252);
/// assert_eq!("ISO-8859-1".parse::<Encoding>()?, Encoding::Latin1);
/// assert_eq!(Encoding::Utf8.as_str(), "utf-8");
/// assert!("utf-16".parse::<Encoding>().is_err());
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Encoding {
    /// UTF-8; a byte-order mark is allowed and written back.
    #[serde(rename = "utf-8")]
    Utf8,
    /// Windows-1252 (Western European, what Excel on Windows saves as "CSV").
    #[serde(rename = "windows-1252")]
    Windows1252,
    /// ISO-8859-1: every byte is the code point of the same number.
    #[serde(rename = "latin-1")]
    Latin1,
}

impl Encoding {
    /// Every encoding, in the order of the names [`Encoding::as_str`] gives.
    pub const ALL: [Encoding; 3] = [Encoding::Utf8, Encoding::Windows1252, Encoding::Latin1];

    /// The encoding's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Latin1 => "latin-1",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Encoding {
    type Err = Error;

    /// The name, or a common alias (`utf8`, `cp1252`, `win-1252`, `latin1`,
    /// `iso-8859-1`), case and `-`/`_` ignored; another name is an
    /// [`ErrorCode::UnknownValue`] error.
    fn from_str(name: &str) -> Result<Self, Error> {
        let key: String = name
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "utf8" => Ok(Encoding::Utf8),
            "windows1252" | "cp1252" | "win1252" => Ok(Encoding::Windows1252),
            "latin1" | "iso88591" | "l1" => Ok(Encoding::Latin1),
            _ => Err(Error::format(Problem::new(
                ErrorCode::UnknownValue,
                Location::default().with_field("encoding"),
                format!(
                    "unknown encoding {name:?}: expected one of {}",
                    Encoding::ALL
                        .map(|e| format!("{:?}", e.as_str()))
                        .join(", ")
                ),
            ))),
        }
    }
}

/// What Windows-1252 makes of the bytes `0x80`–`0x9F` (`None`: undefined).
const CP1252_HIGH: [Option<char>; 32] = [
    Some('\u{20AC}'), // 80 euro sign
    None,             // 81
    Some('\u{201A}'), // 82 single low-9 quotation mark
    Some('\u{0192}'), // 83 f with hook
    Some('\u{201E}'), // 84 double low-9 quotation mark
    Some('\u{2026}'), // 85 ellipsis
    Some('\u{2020}'), // 86 dagger
    Some('\u{2021}'), // 87 double dagger
    Some('\u{02C6}'), // 88 modifier circumflex
    Some('\u{2030}'), // 89 per mille
    Some('\u{0160}'), // 8A S caron
    Some('\u{2039}'), // 8B single left angle quotation mark
    Some('\u{0152}'), // 8C OE
    None,             // 8D
    Some('\u{017D}'), // 8E Z caron
    None,             // 8F
    None,             // 90
    Some('\u{2018}'), // 91 left single quotation mark
    Some('\u{2019}'), // 92 right single quotation mark
    Some('\u{201C}'), // 93 left double quotation mark
    Some('\u{201D}'), // 94 right double quotation mark
    Some('\u{2022}'), // 95 bullet
    Some('\u{2013}'), // 96 en dash
    Some('\u{2014}'), // 97 em dash
    Some('\u{02DC}'), // 98 small tilde
    Some('\u{2122}'), // 99 trade mark
    Some('\u{0161}'), // 9A s caron
    Some('\u{203A}'), // 9B single right angle quotation mark
    Some('\u{0153}'), // 9C oe
    None,             // 9D
    Some('\u{017E}'), // 9E z caron
    Some('\u{0178}'), // 9F Y diaeresis
];

/// One byte as Windows-1252: the character, and whether the byte is undefined there (kept
/// as the control character of the same number).
fn cp1252(b: u8) -> (char, bool) {
    match b {
        0x80..=0x9F => match CP1252_HIGH.get(usize::from(b - 0x80)).copied().flatten() {
            Some(c) => (c, false),
            None => (char::from(b), true),
        },
        _ => (char::from(b), false),
    }
}

/// The 1-based line of a byte offset: line breaks are `\r\n`, `\n` or a lone `\r`.
pub(super) fn line_of_offset(bytes: &[u8], offset: usize) -> u64 {
    let before = bytes.get(..offset).unwrap_or(bytes);
    let mut line = 1u64;
    let mut prev_cr = false;
    for &b in before {
        match b {
            b'\n' if prev_cr => {}
            b'\n' | b'\r' => line += 1,
            _ => {}
        }
        prev_cr = b == b'\r';
    }
    line
}

/// Bytes decoded as text, with the encoding used and what was odd.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding it was read in.
    pub encoding: Encoding,
    /// Whether the encoding was detected (not given) and is not UTF-8: worth a warning.
    pub guessed: bool,
    /// Byte offsets (and their lines) of bytes the encoding leaves undefined, each kept
    /// as the control character of the same number.
    pub undefined: Vec<(usize, u64, u8)>,
}

/// Decode a sheet's bytes: in `encoding` when given, else UTF-8 when the bytes are UTF-8
/// (a byte-order mark allowed), else Windows-1252 (`guessed`). Bytes that are not UTF-8
/// when UTF-8 was asked for, and a UTF-16 byte-order mark, are an
/// [`ErrorCode::Encoding`] error with the byte offset and line.
///
/// ```
/// use roadmap_tracker::spreadsheet::{decode, Encoding};
/// let d = decode(b"Cost (\xa3m)\n12\n", None, "x.csv")?;
/// assert_eq!((d.text.as_str(), d.encoding, d.guessed), ("Cost (£m)\n12\n", Encoding::Windows1252, true));
/// let err = decode(b"a\nb\xa3\n", Some(Encoding::Utf8), "x.csv").unwrap_err();
/// assert_eq!(err.to_string(), "encoding at x.csv:2: byte 3 (0xA3) is not valid UTF-8; give the file's encoding (e.g. windows-1252) or save it as UTF-8");
/// # Ok::<(), roadmap_tracker::Error>(())
/// ```
pub fn decode(bytes: &[u8], encoding: Option<Encoding>, file: &str) -> Result<Decoded, Error> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::format(Problem::new(
            ErrorCode::Encoding,
            Location::line(file, 1),
            "the file starts with a UTF-16 byte-order mark; save it as UTF-8 or Windows-1252",
        )));
    }
    let utf8 = std::str::from_utf8(bytes);
    let (encoding, guessed) = match (encoding, &utf8) {
        (Some(e), _) => (e, false),
        (None, Ok(_)) => (Encoding::Utf8, false),
        (None, Err(_)) => (Encoding::Windows1252, true),
    };
    let mut undefined = Vec::new();
    let text = match encoding {
        Encoding::Utf8 => match utf8 {
            Ok(t) => t.to_owned(),
            Err(e) => {
                let offset = e.valid_up_to();
                let byte = bytes.get(offset).copied().unwrap_or_default();
                return Err(Error::format(Problem::new(
                    ErrorCode::Encoding,
                    Location::line(file, line_of_offset(bytes, offset)),
                    format!(
                        "byte {offset} (0x{byte:02X}) is not valid UTF-8; give the file's encoding (e.g. windows-1252) or save it as UTF-8"
                    ),
                )));
            }
        },
        Encoding::Latin1 => bytes.iter().map(|&b| char::from(b)).collect(),
        Encoding::Windows1252 => {
            let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
            for (i, &b) in bytes.iter().enumerate() {
                let (c, bad) = cp1252(b);
                if bad {
                    undefined.push((i, 0, b));
                }
                text.push(c);
            }
            text
        }
    };
    // Lines of the undefined bytes, in one pass.
    if !undefined.is_empty() {
        let mut line = 1u64;
        let mut prev_cr = false;
        let mut next = undefined.iter_mut().peekable();
        for (i, &b) in bytes.iter().enumerate() {
            while let Some(u) = next.next_if(|u| u.0 == i) {
                u.1 = line;
            }
            match b {
                b'\n' if prev_cr => {}
                b'\n' | b'\r' => line += 1,
                _ => {}
            }
            prev_cr = b == b'\r';
        }
    }
    Ok(Decoded {
        text,
        encoding,
        guessed,
        undefined,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_high_byte_of_windows_1252() {
        // The defined ones are printable and none is a C1 control; the five undefined
        // ones are kept as the control of the same number.
        for b in 0x80u8..=0x9F {
            let (c, bad) = cp1252(b);
            assert_eq!(bad, [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains(&b), "{b:#x}");
            assert_eq!(bad, c as u32 == u32::from(b), "{b:#x}");
        }
        assert_eq!(cp1252(0xA3), ('£', false));
        assert_eq!(cp1252(0x96), ('\u{2013}', false));
    }

    #[test]
    fn lines_of_offsets_with_each_line_ending() {
        assert_eq!(line_of_offset(b"a\r\nb\r\nc", 6), 3);
        assert_eq!(line_of_offset(b"a\rb\rc", 4), 3);
        assert_eq!(line_of_offset(b"a\nb\nc", 4), 3);
    }
}
