//! Files: the formats a roadmap is kept in, and loading and saving them by path.
//!
//! This module (with [`CsvTables::read_dir`] and [`CsvTables::write_dir`]) is the only
//! part of the crate that touches the file system; everything else works on text and
//! values. The formats (see `docs/formats.md`):
//!
//! - [`Format::Json`]: the canonical JSON form ([`Roadmap::from_json_str`]).
//! - [`Format::CsvTables`]: a directory of six tidy CSV tables ([`CsvTables`]) that hold
//!   exactly what the JSON form holds.
//! - [`Format::Flat`]: the flat sheet, one CSV row per commitment with its latest status
//!   ([`Roadmap::to_flat_csv`]); a view that needs a base roadmap for its metadata.
//!
//! [`Roadmap::save`] and [`Roadmap::load`] are symmetric in every format: what `save`
//! writes, `load` reads back to an equal roadmap (for a flat sheet, with the saved roadmap
//! as the base), and `save` refuses what the format cannot hold.
//!
//! Every byte input is decoded by [`decode_utf8`], so an encoding problem reads the same
//! whichever format or binding it comes through.

mod csv;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::error::{Error, ErrorCode, Location, Problem};
use crate::model::Roadmap;

pub(crate) use self::csv::cells::csv_error;
pub(crate) use self::csv::flat::FlatWriter;
pub use self::csv::flat::FLAT_COLUMNS;
use self::csv::flat::FLAT_FILE;
pub use self::csv::tables::{CsvTables, Table, MAX_CSV_BYTES};
pub(crate) use self::csv::write::CsvWriter;

/// A format a roadmap is stored in.
///
/// Named by [`Format::from_str`] (`json`, `tables`, `flat`) or guessed from a path by
/// [`Format::from_path`]; a name says what its path says, so `csv` is also read as `flat`
/// (a `.csv` file is a flat sheet), and so is `tracker`, the flat sheet's former name.
///
/// ```
/// use roadmap_tracker::io::Format;
/// assert_eq!("tables".parse::<Format>()?, Format::CsvTables);
/// assert_eq!("csv".parse::<Format>()?, Format::Flat);
/// assert_eq!(Format::Flat.as_str(), "flat");
/// let err = "xlsx".parse::<Format>().unwrap_err();
/// assert_eq!(err.code(), roadmap_tracker::ErrorCode::UnknownValue);
/// assert_eq!(err.to_string(), "unknown_value: format \"xlsx\" is not one of json, tables, flat");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// One JSON document (`.json`).
    Json,
    /// A directory of tidy CSV tables (`roadmap.csv`, `nodes.csv`, …).
    CsvTables,
    /// The flat sheet: one CSV file, one row per commitment (`.csv`).
    Flat,
}

impl Format {
    /// Every format, in the order their names are listed.
    pub const ALL: [Format; 3] = [Format::Json, Format::CsvTables, Format::Flat];

    /// The format's name, as [`Format::from_str`] reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::CsvTables => "tables",
            Format::Flat => "flat",
        }
    }

    /// The format of a path: `.json` is JSON, `.csv` (any case) is a flat sheet, and a
    /// directory or a path without an extension holds the tidy tables. Anything else is an
    /// [`ErrorCode::InvalidArgument`] error naming the path.
    ///
    /// ```
    /// use roadmap_tracker::io::Format;
    /// assert_eq!(Format::from_path("plan/roadmap.json")?, Format::Json);
    /// assert_eq!(Format::from_path("plan/TRACKER.CSV")?, Format::Flat);
    /// assert_eq!(Format::from_path("plan/tables")?, Format::CsvTables);
    /// let err = Format::from_path("plan.xlsx").unwrap_err();
    /// assert_eq!(err.code(), roadmap_tracker::ErrorCode::InvalidArgument);
    /// assert_eq!(err.location().file.as_deref(), Some("plan.xlsx"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Result<Format, Error> {
        let path = path.as_ref();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("json") => Ok(Format::Json),
            Some("csv") => Ok(Format::Flat),
            None => Ok(Format::CsvTables),
            Some(_) if path.is_dir() => Ok(Format::CsvTables),
            Some(_) => Err(Error::format(Problem::new(
                ErrorCode::InvalidArgument,
                Location::default().in_file(path.display().to_string()),
                format!(
                    "cannot tell the format of {}: name it ({})",
                    path.display(),
                    names()
                ),
            ))),
        }
    }
}

fn names() -> String {
    Format::ALL.map(Format::as_str).join(", ")
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = Error;

    fn from_str(name: &str) -> Result<Format, Error> {
        match name {
            "json" => Ok(Format::Json),
            "tables" => Ok(Format::CsvTables),
            "flat" | "csv" | "tracker" => Ok(Format::Flat),
            other => Err(Error::format(Problem::new(
                ErrorCode::UnknownValue,
                Location::default(),
                format!("format {other:?} is not one of {}", names()),
            ))),
        }
    }
}

impl Roadmap {
    /// Load a roadmap from a file or directory in `format` (guessed from the path by
    /// [`Format::from_path`] when `None`), and validate it.
    ///
    /// A flat sheet holds no roadmap metadata: `base` gives it (its id, title, publisher,
    /// publication date and sources are kept, its nodes and updates replaced), and loading
    /// a flat sheet without one is an [`ErrorCode::InvalidArgument`] error. The JSON and
    /// CSV-table forms hold everything and do not use `base`.
    ///
    /// Every problem names the file it is in as the path given: the JSON file or flat
    /// sheet, or for the tidy tables the table's path inside the directory given
    /// (`plan/nodes.csv`). A file with several problems reports them all (see
    /// [`Error::Malformed`](crate::Error::Malformed)); validation runs once it reads.
    ///
    /// ```
    /// use roadmap_tracker::{io::Format, Roadmap};
    /// let dir = std::env::temp_dir().join(format!("rt-load-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// let uk = Roadmap::uk_digital_2026();
    /// uk.save(dir.join("uk.json"), None)?;
    /// assert_eq!(Roadmap::load(dir.join("uk.json"), None, None)?, uk);
    /// // A flat sheet, with a base for the roadmap's own fields.
    /// std::fs::write(dir.join("sheet.csv"), "section,area,id,title\nServices,Web,portal,Portal\n")?;
    /// let base = Roadmap::new("plan", "Plan", "Us", uk.published);
    /// let sheet = Roadmap::load(dir.join("sheet.csv"), None, Some(&base))?;
    /// assert_eq!(sheet.commitments().count(), 1);
    /// sheet.save(dir.join("again.csv"), None)?;
    /// assert_eq!(Roadmap::load(dir.join("again.csv"), Some(Format::Flat), Some(&sheet))?, sheet);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn load(
        path: impl AsRef<Path>,
        format: Option<Format>,
        base: Option<&Roadmap>,
    ) -> Result<Roadmap, Error> {
        let path = path.as_ref();
        let format = match format {
            Some(f) => f,
            None => Format::from_path(path)?,
        };
        let name = path.display().to_string();
        match format {
            Format::CsvTables => Roadmap::from_owned_csv_tables(CsvTables::read_dir(path)?)
                .map_err(|e| self::csv::tables::in_dir(e, path)),
            Format::Json => {
                let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
                let text = decode_utf8(&bytes, Some(&name))?;
                Roadmap::from_json_str(text).map_err(|e| in_file(e, None, &name))
            }
            Format::Flat => {
                let Some(base) = base else {
                    return Err(Error::format(Problem::new(
                        ErrorCode::InvalidArgument,
                        Location::default().in_file(name),
                        "a flat sheet holds no roadmap metadata: give a base roadmap",
                    )));
                };
                let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
                let text = decode_utf8(&bytes, Some(&name))?;
                Roadmap::from_flat_csv(text, base.clone())
                    .map_err(|e| in_file(e, Some(FLAT_FILE), &name))
            }
        }
    }

    /// Save the roadmap to a path in `format` (guessed from the path by
    /// [`Format::from_path`] when `None`): a JSON file, a flat sheet, or a directory of
    /// tidy CSV tables (created if missing). Files are overwritten.
    ///
    /// [`Roadmap::load`] reads what was saved back to an equal roadmap, in every format. A
    /// flat sheet holds one row per commitment with its latest status, and its loader takes
    /// the rest from a base roadmap: saving a roadmap it cannot give back (with milestones,
    /// earlier updates, or sections and areas with more than a title) is an
    /// [`ErrorCode::InvalidArgument`] error that says what would be lost. (The sheet as a
    /// view, whatever it leaves out, is [`Roadmap::to_flat_csv`].)
    ///
    /// ```
    /// use roadmap_tracker::{ErrorCode, Roadmap};
    /// let path = std::env::temp_dir().join(format!("rt-save-flat-{}.csv", std::process::id()));
    /// let err = Roadmap::uk_digital_2026().save(&path, None).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::InvalidArgument);
    /// assert!(err.message().starts_with("a flat sheet cannot hold this roadmap: it would lose "));
    /// assert!(!path.exists());
    /// ```
    ///
    /// ```
    /// use roadmap_tracker::{io::Format, Roadmap};
    /// let dir = std::env::temp_dir().join(format!("rt-save-doc-{}", std::process::id()));
    /// let uk = Roadmap::uk_digital_2026();
    /// uk.save(dir.join("tables"), None)?;
    /// assert!(dir.join("tables/nodes.csv").is_file());
    /// assert_eq!(Roadmap::load(dir.join("tables"), Some(Format::CsvTables), None)?, uk);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn save(&self, path: impl AsRef<Path>, format: Option<Format>) -> Result<(), Error> {
        let path = path.as_ref();
        let format = match format {
            Some(f) => f,
            None => Format::from_path(path)?,
        };
        let text = match format {
            Format::CsvTables => return self.to_csv_tables()?.write_dir(path),
            Format::Json => self.to_json()?,
            Format::Flat => self
                .to_flat_csv_exact()
                .map_err(|e| in_file(e, None, &path.display().to_string()))?,
        };
        std::fs::write(path, text).map_err(|e| io_error(path, e))
    }
}

/// Decode UTF-8, refusing other encodings: a UTF-16 byte-order mark, or the byte offset
/// and line of the first byte that is not UTF-8, as an [`ErrorCode::Encoding`] error in
/// `file`. A UTF-8 byte-order mark is kept (the readers skip it).
///
/// ```
/// use roadmap_tracker::{io::decode_utf8, ErrorCode};
/// assert_eq!(decode_utf8(b"id\nplan\n", None)?, "id\nplan\n");
/// let err = decode_utf8(b"id\ncaf\xe9\n", Some("nodes.csv")).unwrap_err();
/// assert_eq!(err.code(), ErrorCode::Encoding);
/// assert_eq!(err.to_string(), "encoding at nodes.csv:2: byte 6 is not valid UTF-8; save the file as UTF-8");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decode_utf8<'a>(bytes: &'a [u8], file: Option<&str>) -> Result<&'a str, Error> {
    let located = |mut at: Location| {
        at.file = file.map(str::to_owned);
        at
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::format(Problem::new(
            ErrorCode::Encoding,
            located(Location::default()),
            "the input starts with a UTF-16 byte-order mark; save it as UTF-8",
        )));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = bytes
            .get(..offset)
            .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
            + 1;
        Error::format(Problem::new(
            ErrorCode::Encoding,
            located(Location {
                line: Some(line as u64),
                ..Location::default()
            }),
            format!("byte {offset} is not valid UTF-8; save the file as UTF-8"),
        ))
    })
}

/// The position of the first byte at or after `from` that is one of `set` (a few bytes),
/// or the length of `bytes` (or `from`, past it) when there is none. Eight bytes at a
/// time: the loaders' first passes over a file look for a few structural bytes among
/// many others.
pub(crate) fn find_any(bytes: &[u8], from: usize, set: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of `x` is zero where the word has the byte sought; the lowest flagged byte
    // is always a true one.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut j = from;
    while let Some(chunk) = bytes.get(j..j + 8) {
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default());
        let hit = set
            .iter()
            .fold(0, |hit, &b| hit | zero(word ^ (ONES * u64::from(b))));
        if hit != 0 {
            return j + (hit.trailing_zeros() / 8) as usize;
        }
        j += 8;
    }
    let rest = bytes.get(j..).unwrap_or_default();
    j + rest
        .iter()
        .position(|c| set.contains(c))
        .unwrap_or(rest.len())
}

/// An operating-system error on a path.
pub(crate) fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        source,
    }
}

/// The error with every problem located in `file` whose file is `was` (none, or the
/// placeholder name a text reader uses).
fn in_file(error: Error, was: Option<&str>, file: &str) -> Error {
    relocate(error, |at| {
        if at.file.as_deref() == was {
            at.file = Some(file.to_owned());
        }
    })
}

/// The error with `change` applied to the location of every problem it reports (format
/// and validation errors; others are returned as they are).
pub(crate) fn relocate(error: Error, change: impl Fn(&mut Location)) -> Error {
    match error {
        Error::Format(mut p) => {
            change(&mut p.location);
            Error::Format(p)
        }
        Error::Invalid(mut ps) => {
            for p in ps.iter_mut() {
                change(&mut p.location);
            }
            Error::Invalid(ps)
        }
        Error::Malformed(mut ps) => {
            for p in ps.iter_mut() {
                change(&mut p.location);
            }
            Error::Malformed(ps)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_any_finds_the_first_at_any_offset() {
        // Every position of one quote or backslash in 20 bytes of other text (ASCII and
        // the bytes of "é", 0xC3 0xA9), searched from every start up to it.
        for at in 0..20 {
            for mark in [b'"', b'\\'] {
                let mut bytes: Vec<u8> = b"ab\xc3\xa9defghijklmnopqrs".to_vec();
                bytes[at] = mark;
                for from in 0..=at {
                    assert_eq!(find_any(&bytes, from, b"\"\\"), at, "{at} {from}");
                }
                assert_eq!(find_any(&bytes, at + 1, b"\"\\"), 20);
            }
        }
        assert_eq!(find_any(b"x\"y\"", 0, b"\"\\"), 1);
        assert_eq!(find_any(b"abc", 3, b"\"\\"), 3);
        assert_eq!(find_any(b"abc", 5, b"\"\\"), 5);
        // Three bytes sought at once, as the CSV scan does.
        assert_eq!(find_any(b"abcdefghij\rk,l\n", 0, b",\n\r"), 10);
        assert_eq!(find_any(b"abcdefghij\rk,l\n", 11, b",\n\r"), 12);
    }
}
