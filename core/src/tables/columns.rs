//! A table of flat records by column: [`Columns`].
//!
//! Any slice of records that serialise as structs or maps of scalars (the table views of
//! this module, an evaluation's commitment statuses) goes through one serializer into one
//! typed vector per field: names and values exactly those of the serde form (the JSON
//! documents), so a binding builds its native table (a DataFrame, JS objects) from typed
//! vectors instead of reading each record's JSON.
//!
//! The strings of all the text columns are kept in one [`Strings`] pool, and a text cell is
//! an index into it: enum variants are stored once, found by address; the texts of a field
//! that shows only a few distinct values (up to 64: a label, a kind) are stored once each;
//! the texts of any other field (ids, sentences) are stored as they come, repeats included
//! (finding repeats among many values costs more than the bytes).

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDate;
use serde::ser::{self, Impossible, Serialize};

use crate::error::{Error, ErrorCode, Location, Problem};

/// A table of flat records by column, from [`Columns::from_records`].
///
/// ```
/// use roadmap_tracker::tables::{Column, Columns};
/// use chrono::NaiveDate;
///
/// #[derive(serde::Serialize)]
/// struct Row { id: &'static str, days: Option<i64>, due: bool, on: NaiveDate }
/// let on = NaiveDate::from_ymd_opt(2026, 6, 4).unwrap();
/// let rows = [
///     Row { id: "a", days: Some(-3), due: true, on },
///     Row { id: "b", days: None, due: false, on },
/// ];
/// let table = Columns::from_records(&rows)?;
/// assert_eq!(table.names(), ["id", "days", "due", "on"]);
/// assert_eq!(table.rows(), 2);
/// assert_eq!(table.column("days"), Some(&Column::Int(vec![Some(-3), None])));
/// assert_eq!(table.column("due"), Some(&Column::Bool(vec![Some(true), Some(false)])));
/// // Text cells are indices into the table's strings.
/// let Some(Column::Text(ids)) = table.column("id") else { unreachable!() };
/// let ids: Vec<_> = ids.iter().map(|i| i.and_then(|i| table.strings().get(i))).collect();
/// assert_eq!(ids, [Some("a"), Some("b")]);
/// // chrono's own dates are text; the crate's dates (its `DATE` newtype) are dates.
/// assert!(matches!(table.column("on"), Some(Column::Text(_))));
///
/// // A record that is not flat is refused, saying where.
/// #[derive(serde::Serialize)]
/// struct Nested { id: u32, tags: Vec<String> }
/// let err = Columns::from_records(&[Nested { id: 1, tags: vec![] }]).unwrap_err();
/// assert_eq!(err.location().path.as_deref(), Some("[0]"));
/// assert_eq!(err.location().field.as_deref(), Some("tags"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Columns {
    names: Vec<String>,
    columns: Vec<Column>,
    rows: usize,
    strings: Strings,
}

/// One column of [`Columns`]: one cell per record, `None` for a null.
///
/// A column's type is that of its values: every non-null value of a column must be of the
/// same type. Integers are `Int` (a `u64` above `i64::MAX` is refused rather than rounded),
/// `f32` and `f64` are `Float` (NaN and the infinities kept as they are), strings, chars
/// and enum variants are `Text`, and the crate's dates (serialised under the newtype
/// [`DATE`](crate::dates::DATE)) are `Date`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Column {
    /// A column whose every value is null (unit, `None`): its length.
    Null(usize),
    /// Booleans.
    Bool(Vec<Option<bool>>),
    /// Integers.
    Int(Vec<Option<i64>>),
    /// Floating-point numbers.
    Float(Vec<Option<f64>>),
    /// Text: indices into the table's [`Strings`].
    Text(Vec<Option<u32>>),
    /// Dates.
    Date(Vec<Option<NaiveDate>>),
}

impl Column {
    /// The number of cells.
    ///
    /// ```
    /// use roadmap_tracker::tables::Column;
    /// assert_eq!(Column::Null(3).len(), 3);
    /// assert_eq!(Column::Int(vec![Some(1), None]).len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        match self {
            Column::Null(n) => *n,
            Column::Bool(v) => v.len(),
            Column::Int(v) => v.len(),
            Column::Float(v) => v.len(),
            Column::Text(v) => v.len(),
            Column::Date(v) => v.len(),
        }
    }

    /// Whether the column has no cells.
    ///
    /// ```
    /// use roadmap_tracker::tables::Column;
    /// assert!(Column::Null(0).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Add a cell, or say what the cell and the column hold when it does not fit (written
    /// out by the caller: a `Result` that owns no text is cheaper to return for every cell).
    // Called from `Builder::cell` alone: inlined there, it is still one copy.
    #[inline(always)]
    fn push(&mut self, cell: Cell) -> Result<(), (&'static str, &'static str)> {
        if let Column::Null(n) = *self {
            match cell {
                Cell::Null => {
                    *self = Column::Null(n.saturating_add(1));
                    return Ok(());
                }
                _ => *self = cell.empty_column(n),
            }
        }
        match (self, cell) {
            (Column::Bool(v), Cell::Bool(x)) => v.push(Some(x)),
            (Column::Int(v), Cell::Int(x)) => v.push(Some(x)),
            (Column::Float(v), Cell::Float(x)) => v.push(Some(x)),
            (Column::Text(v), Cell::Text(x)) => v.push(Some(x)),
            (Column::Date(v), Cell::Date(x)) => v.push(Some(x)),
            (Column::Bool(v), Cell::Null) => v.push(None),
            (Column::Int(v), Cell::Null) => v.push(None),
            (Column::Float(v), Cell::Null) => v.push(None),
            (Column::Text(v), Cell::Null) => v.push(None),
            (Column::Date(v), Cell::Null) => v.push(None),
            (column, cell) => return Err((cell.what(), column.what())),
        }
        Ok(())
    }

    fn what(&self) -> &'static str {
        match self {
            Column::Null(_) => "nulls",
            Column::Bool(_) => "booleans",
            Column::Int(_) => "integers",
            Column::Float(_) => "floating-point numbers",
            Column::Text(_) => "text",
            Column::Date(_) => "dates",
        }
    }
}

/// One value, as it goes into a column.
#[derive(Clone, Copy)]
enum Cell {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(u32),
    Date(NaiveDate),
}

impl Cell {
    /// A column of this cell's type holding `nulls` nulls (and room for more).
    fn empty_column(self, nulls: usize) -> Column {
        fn nones<T: Clone>(n: usize) -> Vec<Option<T>> {
            // `resize` rather than `vec![None; n]`: less code in the WASM module.
            let mut v = Vec::new();
            v.resize(n, None);
            v
        }
        match self {
            Cell::Null => Column::Null(nulls),
            Cell::Bool(_) => Column::Bool(nones(nulls)),
            Cell::Int(_) => Column::Int(nones(nulls)),
            Cell::Float(_) => Column::Float(nones(nulls)),
            Cell::Text(_) => Column::Text(nones(nulls)),
            Cell::Date(_) => Column::Date(nones(nulls)),
        }
    }

    fn what(self) -> &'static str {
        match self {
            Cell::Null => "a null",
            Cell::Bool(_) => "a boolean",
            Cell::Int(_) => "an integer",
            Cell::Float(_) => "a floating-point number",
            Cell::Text(_) => "text",
            Cell::Date(_) => "a date",
        }
    }
}

/// The strings of a table's text columns, concatenated, each found by its index.
///
/// ```
/// use roadmap_tracker::tables::Columns;
/// #[derive(serde::Serialize)]
/// struct Row { a: &'static str, b: &'static str }
/// let table = Columns::from_records(&[Row { a: "x", b: "é" }])?;
/// let s = table.strings();
/// assert_eq!((s.len(), s.get(0), s.get(1), s.get(2)), (2, Some("x"), Some("é"), None));
/// assert_eq!((s.text(), s.ends()), ("xé", &[1, 3][..]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Strings {
    text: String,
    ends: Vec<usize>,
}

impl Strings {
    /// The string at `index`, if there is one.
    pub fn get(&self, index: u32) -> Option<&str> {
        let i = usize::try_from(index).ok()?;
        let end = *self.ends.get(i)?;
        let start = match i.checked_sub(1) {
            Some(before) => *self.ends.get(before)?,
            None => 0,
        };
        self.text.get(start..end)
    }

    /// How many strings there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// All the strings, concatenated in index order.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where each string ends in [`Strings::text`], in bytes (string `i` runs from the end
    /// of string `i - 1`, or 0).
    pub fn ends(&self) -> &[usize] {
        &self.ends
    }

    /// The text and the ends, taken apart (to hand the text on without copying it).
    ///
    /// ```
    /// use roadmap_tracker::tables::Columns;
    /// #[derive(serde::Serialize)]
    /// struct Row { a: &'static str }
    /// let table = Columns::from_records(&[Row { a: "x" }, Row { a: "yz" }])?;
    /// let (_, _, strings) = table.into_parts();
    /// assert_eq!(strings.into_parts(), ("xyz".to_string(), vec![1, 3]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_parts(self) -> (String, Vec<usize>) {
        (self.text, self.ends)
    }

    /// Add a string; its index.
    fn push(&mut self, s: &str) -> Option<u32> {
        let i = u32::try_from(self.ends.len()).ok()?;
        self.text.push_str(s);
        self.ends.push(self.text.len());
        Some(i)
    }
}

impl Columns {
    /// The table of `records`: each record must serialise as a struct, or a map with text
    /// keys, whose values are scalars (numbers, booleans, text, enum variants without data,
    /// dates, nulls), with the same fields in the same order as the first record, and each
    /// field's values of one type (see [`Column`]).
    ///
    /// A record that does not fit is a `wrong_type` format [`Error`] whose path is the
    /// record's position (`[i]`) and whose field, when there is one, is the field's name;
    /// a caller that can also send records whole (as JSON) falls back to that. No records
    /// make an empty table with no columns.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use roadmap_tracker::{status::{Evaluator, Rules}, tables::{Column, Columns}, ErrorCode, Roadmap};
    /// let as_of = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    /// let roadmap = Roadmap::load("../tests/fixtures/uk-digital-2026-article.json", None, None)?;
    /// let evaluation = Evaluator::new(roadmap, Rules::default())?.evaluate(as_of);
    /// let table = Columns::from_records(&evaluation.commitments)?;
    /// assert_eq!(table.rows(), evaluation.commitments.len());
    /// assert_eq!(&table.names()[..3], ["node", "kind", "status"]);
    /// assert!(matches!(table.column("update_date"), Some(Column::Date(_))));
    ///
    /// // Fields that come and go do not make a table.
    /// #[derive(serde::Serialize)]
    /// struct Varying { id: u32, #[serde(skip_serializing_if = "Option::is_none")] note: Option<u32> }
    /// let err = Columns::from_records(&[Varying { id: 1, note: Some(2) }, Varying { id: 2, note: None }]).unwrap_err();
    /// assert_eq!(err.code(), ErrorCode::WrongType);
    /// assert_eq!(err.location().path.as_deref(), Some("[1]"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_records<T: Serialize>(records: &[T]) -> Result<Columns, Error> {
        let mut b = Builder::default();
        for (row, record) in records.iter().enumerate() {
            b.field = 0;
            let refused = match record.serialize(Sink {
                b: &mut b,
                at: At::Record { first: row == 0 },
            }) {
                Err(Refusal(why)) => Some(why),
                Ok(()) if b.field != b.table.names.len() => Some(
                    format!(
                        "the record has {} fields, the first record {}",
                        b.field,
                        b.table.names.len()
                    )
                    .into(),
                ),
                Ok(()) => None,
            };
            if let Some(why) = refused {
                let mut at = Location::path(format!("[{row}]"));
                if let Some(name) = b.table.names.get(b.field) {
                    at = at.with_field(name.as_str());
                }
                return Err(Error::format(Problem::new(
                    ErrorCode::WrongType,
                    at,
                    format!("not a flat record: {why}"),
                )));
            }
            b.table.rows = row.saturating_add(1);
            if row == 0 {
                // Now the width and types are known: one allocation per typed column.
                b.reserve(records.len());
            }
        }
        Ok(b.table)
    }

    /// The field names, in record order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The columns, in the order of [`Columns::names`].
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The column of that name.
    pub fn column(&self, name: &str) -> Option<&Column> {
        let i = self.names.iter().position(|n| n == name)?;
        self.columns.get(i)
    }

    /// Each name with its column, in record order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Column)> {
        self.names.iter().map(String::as_str).zip(&self.columns)
    }

    /// The number of records (rows).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The strings that the text columns' cells index.
    pub fn strings(&self) -> &Strings {
        &self.strings
    }

    /// The names, the columns and the strings, taken apart (to hand them on without
    /// copying); the number of rows is the length of any column.
    ///
    /// ```
    /// use roadmap_tracker::tables::{Column, Columns};
    /// #[derive(serde::Serialize)]
    /// struct Row { id: &'static str, n: u8 }
    /// let table = Columns::from_records(&[Row { id: "a", n: 1 }])?;
    /// let (names, columns, strings) = table.into_parts();
    /// assert_eq!(names, ["id", "n"]);
    /// assert_eq!(columns[1], Column::Int(vec![Some(1)]));
    /// assert_eq!(strings.get(0), Some("a"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_parts(self) -> (Vec<String>, Vec<Column>, Strings) {
        (self.names, self.columns, self.strings)
    }
}

/// The hash of the static strings' addresses and of a field's few texts: FxHash's multiply
/// (as in rustc). SipHash's resistance to chosen keys buys nothing here: addresses are not
/// chosen, and a field's map holds at most [`REPEATS`] texts, so keys chosen to collide
/// cost at most that many comparisons each.
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut w = [0; 8];
            w.copy_from_slice(word);
            self.write_u64(u64::from_le_bytes(w));
        }
        for b in words.remainder() {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
}

/// How many distinct texts a field may show and still have its repeats stored once.
const REPEATS: usize = 64;

/// The table being built.
#[derive(Default)]
struct Builder {
    table: Columns,
    /// The static strings (enum variants) already in the pool, by address.
    statics: HashMap<(usize, usize), u32, BuildHasherDefault<Fx>>,
    /// The last static strings found, by a hash of their address (32 slots: address,
    /// length, index; an address is never 0, so an empty slot matches nothing).
    recent: [(usize, usize, u32); 32],
    /// Fields seen in the current record.
    field: usize,
    /// A map record's key, as it is read.
    key: String,
    /// For each field, the texts seen so far and their indices, while there are at most
    /// [`REPEATS`] of them (a field of names, such as a status's label, stores each once);
    /// `None` once a field has shown more (ids, sentences: stored as they come).
    repeats: Vec<Option<HashMap<String, u32, BuildHasherDefault<Fx>>>>,
    /// The address of each field's name in the first record when it was a struct field's
    /// `&'static str` (0 for a map's key): a later record naming the field by the same
    /// static string, at the same address and length, needs no comparison of the text.
    name_at: Vec<usize>,
}

impl Builder {
    fn reserve(&mut self, rows: usize) {
        for column in &mut self.table.columns {
            match column {
                Column::Null(_) => {}
                Column::Bool(v) => v.reserve(rows),
                Column::Int(v) => v.reserve(rows),
                Column::Float(v) => v.reserve(rows),
                Column::Text(v) => v.reserve(rows),
                Column::Date(v) => v.reserve(rows),
            }
        }
    }

    /// Start the next field of the record: on the first record, a new column.
    // Not inlined: one copy, not one per field of every record type (the module's size).
    #[inline(never)]
    fn field(&mut self, name: &str, first: bool, fixed: bool) -> Result<(), Refusal> {
        let t = &mut self.table;
        let at = if fixed { name.as_ptr() as usize } else { 0 };
        if first {
            if t.names.iter().any(|n| n == name) {
                return Err(Refusal(format!("the field {name:?} appears twice").into()));
            }
            t.names.push(name.to_owned());
            t.columns.push(Column::Null(0));
            self.name_at.push(at);
        } else if at != 0
            && self.name_at.get(self.field) == Some(&at)
            && t.names.get(self.field).map(String::len) == Some(name.len())
        {
            // The same static string as the first record's: the same name.
        } else if t.names.get(self.field).map(String::as_str) != Some(name) {
            return Err(Refusal(
                match t.names.get(self.field) {
                    Some(expected) => {
                        format!("field {name:?} where the first record has {expected:?}")
                    }
                    None => format!("field {name:?} beyond those of the first record"),
                }
                .into(),
            ));
        }
        Ok(())
    }

    // Not inlined: one copy, not one per field of every record type (the module's size).
    #[inline(never)]
    fn cell(&mut self, cell: Cell) -> Result<(), Refusal> {
        let table = &mut self.table;
        let column = table
            .columns
            .get_mut(self.field)
            .ok_or(Refusal("a value outside a field".into()))?;
        // A field that holds dates in some records and text in others (an evidence date is
        // a day or a coarser period) is a text column: its dates are written as YYYY-MM-DD.
        let cell = match (&*column, cell) {
            (Column::Text(_), Cell::Date(d)) => {
                Cell::Text(table.strings.push(&d.to_string()).ok_or_else(too_many)?)
            }
            (Column::Date(days), cell @ Cell::Text(_)) => {
                let mut text = Vec::with_capacity(days.len() + 1);
                for day in days {
                    text.push(match day {
                        Some(d) => Some(table.strings.push(&d.to_string()).ok_or_else(too_many)?),
                        None => None,
                    });
                }
                *column = Column::Text(text);
                cell
            }
            (_, cell) => cell,
        };
        column.push(cell).map_err(|(cell, column)| {
            Refusal(format!("{cell} where the column holds {column}").into())
        })?;
        self.field = self.field.saturating_add(1);
        Ok(())
    }

    // Not inlined: one copy, not one per field of every record type (the module's size).
    #[inline(never)]
    fn text(&mut self, s: &str) -> Result<(), Refusal> {
        let column = self.field;
        if self.repeats.len() <= column {
            self.repeats
                .resize_with(column + 1, || Some(HashMap::default()));
        }
        let seen = self.repeats.get_mut(column).and_then(Option::as_mut);
        let i = match seen {
            Some(seen) => match seen.get(s) {
                Some(&i) => i,
                None => {
                    let i = self.table.strings.push(s).ok_or_else(too_many)?;
                    if seen.len() < REPEATS {
                        seen.insert(s.to_owned(), i);
                    } else if let Some(slot) = self.repeats.get_mut(column) {
                        // Too many distinct values to be a set of names: stored as they come.
                        *slot = None;
                    }
                    i
                }
            },
            None => self.table.strings.push(s).ok_or_else(too_many)?,
        };
        self.cell(Cell::Text(i))
    }

    // Not inlined: one copy, not one per field of every record type (the module's size).
    #[inline(never)]
    fn static_text(&mut self, s: &'static str) -> Result<(), Refusal> {
        let address = (s.as_ptr() as usize, s.len());
        // The slot of the cache in front of the map, from the address's top bits after a
        // multiply (Fibonacci hashing): a record type's variants are a few dozen strings.
        let slot = ((address.0 as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 59) as usize;
        let cached = self.recent.get(slot).copied();
        let i = match cached {
            Some((at, len, i)) if (at, len) == address => i,
            _ => {
                let i = match self.statics.get(&address) {
                    Some(&i) => i,
                    None => {
                        let i = self.table.strings.push(s).ok_or_else(too_many)?;
                        self.statics.insert(address, i);
                        i
                    }
                };
                if let Some(c) = self.recent.get_mut(slot) {
                    *c = (address.0, address.1, i);
                }
                i
            }
        };
        self.cell(Cell::Text(i))
    }
}

fn too_many() -> Refusal {
    Refusal("more than 2^32 strings".into())
}

/// Why a record does not fit.
#[derive(Debug)]
struct Refusal(Cow<'static, str>);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refusal {}

impl ser::Error for Refusal {
    fn custom<M: std::fmt::Display>(message: M) -> Self {
        Refusal(message.to_string().into())
    }
}

fn refuse<T>(what: &'static str) -> Result<T, Refusal> {
    Err(Refusal(what.into()))
}

/// Where the serializer is.
#[derive(Clone, Copy, PartialEq)]
enum At {
    /// At the top, where only a record is accepted (`first` for the first record, which
    /// sets the names).
    Record { first: bool },
    /// A field's value: only scalars.
    Value,
    /// Inside the crate's date newtype: only its text.
    Date,
}

/// Serializes a record, or one of its fields' values.
struct Sink<'a> {
    b: &'a mut Builder,
    at: At,
}

impl Sink<'_> {
    fn cell(self, cell: Cell) -> Result<(), Refusal> {
        match self.at {
            At::Value => self.b.cell(cell),
            At::Record { .. } => refuse("a record is a struct or a map of fields, not a value"),
            At::Date => refuse("a date that is not text"),
        }
    }
}

/// The fields of one record.
struct Fields<'a> {
    b: &'a mut Builder,
    first: bool,
}

impl Fields<'_> {
    fn value<V: Serialize + ?Sized>(&mut self, value: &V) -> Result<(), Refusal> {
        value.serialize(Sink {
            b: self.b,
            at: At::Value,
        })
    }
}

impl ser::SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = Refusal;

    fn serialize_field<V: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), Refusal> {
        self.b.field(key, self.first, true)?;
        self.value(value)
    }

    fn end(self) -> Result<(), Refusal> {
        Ok(())
    }
}

impl ser::SerializeMap for Fields<'_> {
    type Ok = ();
    type Error = Refusal;

    fn serialize_key<K: Serialize + ?Sized>(&mut self, key: &K) -> Result<(), Refusal> {
        let mut name = std::mem::take(&mut self.b.key);
        name.clear();
        let read = key.serialize(Key(&mut name));
        let started = read.and_then(|()| self.b.field(&name, self.first, false));
        self.b.key = name;
        started
    }

    fn serialize_value<V: Serialize + ?Sized>(&mut self, value: &V) -> Result<(), Refusal> {
        self.value(value)
    }

    fn end(self) -> Result<(), Refusal> {
        Ok(())
    }
}

macro_rules! integers {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method(self, v: $ty) -> Result<(), Refusal> {
            self.cell(Cell::Int(i64::from(v)))
        })*
    };
}

/// Serializer methods that refuse, with the reason.
macro_rules! refused {
    ($why:expr; $($method:ident($($arg:ty),*) -> $ret:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ret, Refusal> {
            refuse($why)
        })*
    };
}

impl<'a> ser::Serializer for Sink<'a> {
    type Ok = ();
    type Error = Refusal;
    type SerializeSeq = Impossible<(), Refusal>;
    type SerializeTuple = Impossible<(), Refusal>;
    type SerializeTupleStruct = Impossible<(), Refusal>;
    type SerializeTupleVariant = Impossible<(), Refusal>;
    type SerializeMap = Fields<'a>;
    type SerializeStruct = Fields<'a>;
    type SerializeStructVariant = Impossible<(), Refusal>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'a>, Refusal> {
        match self.at {
            At::Record { first } => Ok(Fields { b: self.b, first }),
            _ => refuse("a value that is a record"),
        }
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Fields<'a>, Refusal> {
        match self.at {
            At::Record { first } => Ok(Fields { b: self.b, first }),
            _ => refuse("a value that is a map"),
        }
    }

    integers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32);

    fn serialize_u64(self, v: u64) -> Result<(), Refusal> {
        match i64::try_from(v) {
            Ok(v) => self.cell(Cell::Int(v)),
            Err(_) => refuse("an integer above the 64-bit signed range"),
        }
    }

    fn serialize_f32(self, v: f32) -> Result<(), Refusal> {
        self.cell(Cell::Float(f64::from(v)))
    }

    fn serialize_f64(self, v: f64) -> Result<(), Refusal> {
        self.cell(Cell::Float(v))
    }

    fn serialize_bool(self, v: bool) -> Result<(), Refusal> {
        self.cell(Cell::Bool(v))
    }

    fn serialize_char(self, v: char) -> Result<(), Refusal> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), Refusal> {
        match self.at {
            At::Value => self.b.text(v),
            At::Date => {
                let date = read_date(v).ok_or(Refusal("a date that is not YYYY-MM-DD".into()))?;
                self.b.cell(Cell::Date(date))
            }
            At::Record { .. } => refuse("a record is a struct or a map of fields, not text"),
        }
    }

    fn serialize_none(self) -> Result<(), Refusal> {
        self.cell(Cell::Null)
    }

    fn serialize_some<V: Serialize + ?Sized>(self, value: &V) -> Result<(), Refusal> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Refusal> {
        self.cell(Cell::Null)
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Refusal> {
        self.cell(Cell::Null)
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Refusal> {
        match self.at {
            At::Value => self.b.static_text(variant),
            _ => refuse("an enum variant where a record or a date belongs"),
        }
    }

    fn serialize_newtype_struct<V: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &V,
    ) -> Result<(), Refusal> {
        let at = match self.at {
            At::Value if name == crate::dates::DATE => At::Date,
            at => at,
        };
        value.serialize(Sink { b: self.b, at })
    }

    fn serialize_newtype_variant<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<(), Refusal> {
        refuse("an enum variant with data")
    }

    fn serialize_i128(self, v: i128) -> Result<(), Refusal> {
        match i64::try_from(v) {
            Ok(v) => self.cell(Cell::Int(v)),
            Err(_) => refuse("an integer beyond the 64-bit signed range"),
        }
    }

    fn serialize_u128(self, v: u128) -> Result<(), Refusal> {
        match i64::try_from(v) {
            Ok(v) => self.cell(Cell::Int(v)),
            Err(_) => refuse("an integer above the 64-bit signed range"),
        }
    }

    refused! { "a value that is a list";
        serialize_bytes(&[u8]) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
    }

    refused! { "an enum variant with data";
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

/// A date as the crate writes them: `YYYY-MM-DD`, or chrono's form (`+10000-01-01`) for
/// years outside 0 to 9999.
fn read_date(text: &str) -> Option<NaiveDate> {
    // By hand rather than with `str::parse` and `split`: this is in the WASM module.
    let mut parts = [0u32; 3];
    let mut part = 2;
    let mut digits = 0;
    let mut scale = 1u32;
    let mut negative = false;
    for (k, &b) in text.as_bytes().iter().enumerate().rev() {
        match b {
            b'0'..=b'9' if digits < 9 => {
                let slot = parts.get_mut(part)?;
                *slot = slot.checked_add(u32::from(b - b'0').checked_mul(scale)?)?;
                scale = scale.saturating_mul(10);
                digits += 1;
            }
            b'-' if part > 0 && digits > 0 => {
                part -= 1;
                (digits, scale) = (0, 1);
            }
            b'-' | b'+' if part == 0 && digits > 0 && k == 0 => negative = b == b'-',
            _ => return None,
        }
    }
    let [year, month, day] = parts;
    if part != 0 || digits == 0 {
        return None;
    }
    let year = i32::try_from(year).ok()?;
    NaiveDate::from_ymd_opt(if negative { -year } else { year }, month, day)
}

/// Serializes a map record's key: text only.
struct Key<'a>(&'a mut String);

impl ser::Serializer for Key<'_> {
    type Ok = ();
    type Error = Refusal;
    type SerializeSeq = Impossible<(), Refusal>;
    type SerializeTuple = Impossible<(), Refusal>;
    type SerializeTupleStruct = Impossible<(), Refusal>;
    type SerializeTupleVariant = Impossible<(), Refusal>;
    type SerializeMap = Impossible<(), Refusal>;
    type SerializeStruct = Impossible<(), Refusal>;
    type SerializeStructVariant = Impossible<(), Refusal>;

    fn serialize_str(self, v: &str) -> Result<(), Refusal> {
        self.0.push_str(v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Refusal> {
        self.0.push(v);
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
    ) -> Result<(), Refusal> {
        self.serialize_str(v)
    }

    fn serialize_newtype_struct<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &V,
    ) -> Result<(), Refusal> {
        value.serialize(self)
    }

    fn serialize_some<V: Serialize + ?Sized>(self, _: &V) -> Result<(), Refusal> {
        refuse("a map key that is not text")
    }

    fn serialize_newtype_variant<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<(), Refusal> {
        refuse("a map key that is not text")
    }

    refused! { "a map key that is not text";
        serialize_bool(bool) -> ();
        serialize_i8(i8) -> ();
        serialize_i16(i16) -> ();
        serialize_i32(i32) -> ();
        serialize_i64(i64) -> ();
        serialize_u8(u8) -> ();
        serialize_u16(u16) -> ();
        serialize_u32(u32) -> ();
        serialize_u64(u64) -> ();
        serialize_f32(f32) -> ();
        serialize_f64(f64) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(&'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_of_few_texts_stores_each_once_and_any_other_as_it_comes() {
        #[derive(Serialize)]
        struct Row {
            label: String,
            id: String,
        }
        // 200 records: three labels in turn, 200 distinct ids.
        let labels = ["in progress", "délivré", "ongoing"];
        let rows: Vec<Row> = (0..200)
            .map(|i| Row {
                label: labels[i % 3].to_owned(),
                id: format!("c{i}"),
            })
            .collect();
        let t = Columns::from_records(&rows).unwrap();
        let text = |name: &str| -> Vec<String> {
            let Some(Column::Text(v)) = t.column(name) else {
                panic!("{name}")
            };
            v.iter()
                .map(|i| t.strings().get(i.unwrap()).unwrap().to_owned())
                .collect()
        };
        assert_eq!(
            text("label"),
            rows.iter().map(|r| r.label.clone()).collect::<Vec<_>>()
        );
        assert_eq!(
            text("id"),
            rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>()
        );
        // Three labels, and every id (repeats of a field with many values are not sought).
        assert_eq!(t.strings().len(), 3 + 200);
        let Some(Column::Text(label)) = t.column("label") else {
            unreachable!()
        };
        // The pool in record order: label, id, label, id…; the fourth label is the first.
        assert_eq!(label[..4], [Some(0), Some(2), Some(4), Some(0)]);
    }

    #[test]
    fn a_field_stops_seeking_repeats_after_64_distinct_texts() {
        #[derive(Serialize)]
        struct Row {
            v: String,
        }
        // 65 distinct texts, then the first again: stored a second time.
        let rows: Vec<Row> = (0..65)
            .chain([0, 0])
            .map(|i| Row { v: format!("t{i}") })
            .collect();
        let t = Columns::from_records(&rows).unwrap();
        assert_eq!(t.strings().len(), 67);
        // Before the limit, a repeat is found: 64 distinct, then t0 again.
        let rows: Vec<Row> = (0..64)
            .chain([0])
            .map(|i| Row { v: format!("t{i}") })
            .collect();
        let t = Columns::from_records(&rows).unwrap();
        assert_eq!(t.strings().len(), 64);
        let Some(Column::Text(v)) = t.column("v") else {
            unreachable!()
        };
        assert_eq!(v[64], Some(0));
    }

    #[test]
    fn a_field_of_dates_and_text_is_a_text_column() {
        #[derive(serde::Serialize)]
        struct R {
            when: crate::EvidenceDate,
        }
        let day = |t: &str| t.parse::<crate::EvidenceDate>().unwrap();
        for order in [
            ["2026-06-04", "2026-Q2", "2026-06-04"],
            ["2026-Q2", "2026-06-04", "2026-06"],
        ] {
            let records: Vec<R> = order.iter().map(|t| R { when: day(t) }).collect();
            let table = Columns::from_records(&records).unwrap();
            let Some(Column::Text(cells)) = table.columns().first() else {
                panic!("a text column")
            };
            let texts: Vec<&str> = cells
                .iter()
                .map(|c| table.strings().get(c.unwrap()).unwrap())
                .collect();
            assert_eq!(texts, order);
        }
    }
    use serde::Serialize;

    #[derive(Serialize, Clone, Copy)]
    #[serde(rename_all = "snake_case")]
    enum Colour {
        Red,
        DarkGreen,
    }

    #[derive(Serialize)]
    struct Row {
        id: String,
        colour: Colour,
        days: Option<i64>,
        due: bool,
        score: f64,
        #[serde(with = "crate::dates::serde_date::option")]
        on: Option<NaiveDate>,
        nothing: Option<u8>,
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, d).unwrap()
    }

    fn row(id: &str, colour: Colour, days: Option<i64>, due: bool, score: f64) -> Row {
        Row {
            id: id.into(),
            colour,
            days,
            due,
            score,
            on: days.map(|d| day(d.unsigned_abs() as u32)),
            nothing: None,
        }
    }

    fn texts(t: &Columns, name: &str) -> Vec<Option<String>> {
        let Some(Column::Text(cells)) = t.column(name) else {
            panic!("{name} is not text: {:?}", t.column(name));
        };
        cells
            .iter()
            .map(|c| c.map(|i| t.strings().get(i).unwrap().to_owned()))
            .collect()
    }

    #[test]
    fn flat_records_become_typed_columns() {
        let rows = [
            row("c1", Colour::Red, Some(-3), true, 0.5),
            row("c2", Colour::DarkGreen, None, false, f64::NAN),
            row("c3", Colour::Red, Some(12), false, 1.0),
        ];
        let t = Columns::from_records(&rows).unwrap();
        assert_eq!(
            t.names(),
            ["id", "colour", "days", "due", "score", "on", "nothing"]
        );
        assert_eq!(t.rows(), 3);
        let s = |v: &[Option<&str>]| -> Vec<Option<String>> {
            v.iter().map(|x| x.map(str::to_owned)).collect()
        };
        assert_eq!(texts(&t, "id"), s(&[Some("c1"), Some("c2"), Some("c3")]));
        assert_eq!(
            texts(&t, "colour"),
            s(&[Some("red"), Some("dark_green"), Some("red")])
        );
        assert_eq!(
            t.column("days"),
            Some(&Column::Int(vec![Some(-3), None, Some(12)]))
        );
        assert_eq!(
            t.column("due"),
            Some(&Column::Bool(vec![Some(true), Some(false), Some(false)]))
        );
        // NaN is kept (a binding decides how to show it).
        let Some(Column::Float(scores)) = t.column("score") else {
            panic!()
        };
        assert_eq!(scores[0], Some(0.5));
        assert!(scores[1].unwrap().is_nan());
        assert_eq!(scores[2], Some(1.0));
        assert_eq!(
            t.column("on"),
            Some(&Column::Date(vec![Some(day(3)), None, Some(day(12))]))
        );
        assert_eq!(t.column("nothing"), Some(&Column::Null(3)));
        // Dates outside 0 to 9999, in chrono's form.
        for d in [
            NaiveDate::from_ymd_opt(12345, 1, 2).unwrap(),
            NaiveDate::from_ymd_opt(-44, 3, 15).unwrap(),
            NaiveDate::from_ymd_opt(7, 3, 15).unwrap(),
        ] {
            assert_eq!(read_date(&d.to_string()), Some(d), "{d}");
        }
        assert_eq!(read_date("2026-02-30"), None);
        for bad in [
            "",
            "-",
            "2026--01",
            "2026-01",
            "x2026-01-01",
            "2026-01-01-01",
            "+-1-01-01",
        ] {
            assert_eq!(read_date(bad), None, "{bad}");
        }
        // The variants are stored once, the ids each time: c1 red c2 dark_green c3.
        assert_eq!(t.strings().len(), 5);
        assert_eq!(t.strings().text(), "c1redc2dark_greenc3");
        assert_eq!(t.strings().ends(), [2, 5, 7, 17, 19]);
        assert_eq!(
            t.columns().iter().map(Column::len).collect::<Vec<_>>(),
            [3; 7]
        );
    }

    #[test]
    fn a_column_of_nulls_takes_the_type_of_its_first_value() {
        #[derive(Serialize)]
        struct R {
            n: Option<u32>,
        }
        let t = Columns::from_records(&[
            R { n: None },
            R { n: None },
            R { n: Some(7) },
            R { n: None },
        ])
        .unwrap();
        assert_eq!(
            t.column("n"),
            Some(&Column::Int(vec![None, None, Some(7), None]))
        );
    }

    #[test]
    fn maps_with_text_keys_are_records() {
        let rows: Vec<serde_json::Value> = vec![
            serde_json::json!({"a": 1, "b": "x"}),
            serde_json::json!({"a": 2, "b": null}),
        ];
        let t = Columns::from_records(&rows).unwrap();
        assert_eq!(t.names(), ["a", "b"]);
        assert_eq!(t.column("a"), Some(&Column::Int(vec![Some(1), Some(2)])));
        assert_eq!(texts(&t, "b"), [Some("x".to_owned()), None]);
    }

    #[test]
    fn the_table_views_are_flat() {
        let roadmap = crate::Roadmap::uk_digital_2026();
        let rows = roadmap.node_rows();
        // Nodes have list columns (owners, tags, sources): not flat.
        let err = Columns::from_records(&rows).unwrap_err();
        assert_eq!(err.location().field.as_deref(), Some("owners"));
        assert_eq!(err.location().path.as_deref(), Some("[0]"));
        assert!(err.message().contains("list"), "{}", err.message());
    }

    #[test]
    fn what_does_not_fit_is_refused_where_it_is() {
        #[derive(Serialize)]
        struct Nested {
            id: u32,
            tags: Vec<String>,
        }
        let err = Columns::from_records(&[Nested {
            id: 1,
            tags: vec![],
        }])
        .unwrap_err();
        assert_eq!(err.code(), ErrorCode::WrongType);
        assert_eq!(err.message(), "not a flat record: a value that is a list");
        assert_eq!(err.location().field.as_deref(), Some("tags"));

        // Mixed types in one column.
        let rows = [serde_json::json!({"a": 1}), serde_json::json!({"a": "x"})];
        let err = Columns::from_records(&rows).unwrap_err();
        assert_eq!(err.location().path.as_deref(), Some("[1]"));
        assert_eq!(err.location().field.as_deref(), Some("a"));
        assert_eq!(
            err.message(),
            "not a flat record: text where the column holds integers"
        );

        // Fields out of order, or fewer.
        struct M(&'static [(&'static str, i64)]);
        impl Serialize for M {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(None)?;
                for (k, v) in self.0 {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }
        let rows = [M(&[("a", 1), ("b", 2)]), M(&[("b", 1), ("a", 2)])];
        let err = Columns::from_records(&rows).unwrap_err();
        assert_eq!(
            err.message(),
            "not a flat record: field \"b\" where the first record has \"a\""
        );
        // Struct records: a later record's static field names are checked too, whether
        // they are the first record's strings or other strings with the same text.
        #[derive(Serialize)]
        #[serde(untagged)]
        enum Either {
            Ab { a: i64, b: i64 },
            Ba { b: i64, a: i64 },
            Other { a: i64, b: i64 },
        }
        let rows = [Either::Ab { a: 1, b: 2 }, Either::Ba { b: 1, a: 2 }];
        let err = Columns::from_records(&rows).unwrap_err();
        assert_eq!(err.location().path.as_deref(), Some("[1]"));
        assert_eq!(
            err.message(),
            "not a flat record: field \"b\" where the first record has \"a\""
        );
        let rows = [Either::Ab { a: 1, b: 2 }, Either::Other { a: 3, b: 4 }];
        let table = Columns::from_records(&rows).unwrap();
        assert_eq!(table.names(), ["a", "b"]);
        assert_eq!(table.columns()[0], Column::Int(vec![Some(1), Some(3)]));
        let rows = [
            serde_json::json!({"a": 1, "b": 2}),
            serde_json::json!({"a": 1}),
        ];
        let err = Columns::from_records(&rows).unwrap_err();
        assert_eq!(
            err.message(),
            "not a flat record: the record has 1 fields, the first record 2"
        );

        // Not records at all; integers that do not fit.
        assert!(Columns::from_records(&[1, 2, 3]).is_err());
        assert!(Columns::from_records(&[Some("x")]).is_err());
        let err = Columns::from_records(&[serde_json::json!({"n": u64::MAX})]).unwrap_err();
        assert!(err.message().contains("64-bit"), "{}", err.message());
    }

    #[test]
    fn no_records_is_an_empty_table() {
        let t = Columns::from_records::<Row>(&[]).unwrap();
        assert_eq!((t.rows(), t.names().len(), t.strings().len()), (0, 0, 0));
    }
}
