//! Long lists of flat records (an evaluation's 100,000 commitment statuses) sent to JS as
//! columns rather than JSON text.
//!
//! The JSON route costs, per record, serde_json's formatting in wasm, a UTF-8 decode of the
//! whole text and `JSON.parse`: for 100,000 statuses about 43 MB and four times the time of
//! the evaluation itself. Here every record's fields go through the same serde form (names
//! and values are exactly those of the JSON documents), but into a compact table: one tag
//! and one number per cell, and the strings in one text (field names and enum variants
//! once, found by address). `rows.js` (bundled with the package by wasm-bindgen) turns that
//! table back into plain objects with the same keys, values and key order as `JSON.parse`
//! of the serde form would give.
//!
//! Only flat records fit: a field that is an object or an array (or a record whose fields
//! vary) makes [`encode`] return `None`, and the caller falls back to JSON.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::ser::{self, Impossible, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/rows.js")]
extern "C" {
    /// Build the plain objects: see `rows.js`.
    #[wasm_bindgen(js_name = decodeRows)]
    fn decode_rows(keys: &[u32], text: &str, ends: &[u32], tags: &[u8], values: &[f64]) -> JsValue;
}

/// What a cell holds (the tag sent with its number).
const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const NUMBER: u8 = 3;
const STRING: u8 = 4;

/// The hash of the static strings' addresses: FxHash's multiply (as in rustc). SipHash's
/// resistance to chosen keys buys nothing for a table of addresses.
#[derive(Default)]
struct Fx(u64);

const FX: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(FX);
    }
}

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.add(u64::from(*b));
        }
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// The table being built.
#[derive(Default)]
struct Table {
    /// The keys, from the first record; every record must have the same ones in order.
    keys: Vec<&'static str>,
    /// Each key's string.
    key_strings: Vec<u32>,
    /// The strings the keys and cells refer to, concatenated.
    text: String,
    /// Where each string ends in `text`, counted in UTF-16 units (JS string indices).
    ends: Vec<u32>,
    /// UTF-16 length of `text` so far.
    units: u32,
    /// The strings that repeat in every record (field names, enum variants), each added
    /// once, found by address.
    statics: FxMap<(usize, usize), u32>,
    tags: Vec<u8>,
    values: Vec<f64>,
    /// Fields seen in the current record.
    field: usize,
}

impl Table {
    /// Add a string to the table. Each dynamic string is added as it comes, repeats
    /// included: finding repeats costs more here than the bytes cost in JS.
    fn string(&mut self, s: &str) -> Option<u32> {
        let i = u32::try_from(self.ends.len()).ok()?;
        let units = if s.is_ascii() {
            s.len()
        } else {
            s.encode_utf16().count()
        };
        self.units = self.units.checked_add(u32::try_from(units).ok()?)?;
        self.text.push_str(s);
        self.ends.push(self.units);
        Some(i)
    }

    fn static_string(&mut self, s: &'static str) -> Option<u32> {
        let address = (s.as_ptr() as usize, s.len());
        if let Some(&i) = self.statics.get(&address) {
            return Some(i);
        }
        let i = self.string(s)?;
        self.statics.insert(address, i);
        Some(i)
    }

    fn cell(&mut self, tag: u8, value: f64) {
        self.tags.push(tag);
        self.values.push(value);
    }
}

/// The records as plain JS objects, or `None` when they are not all flat records with the
/// same fields (the caller then uses JSON).
pub(crate) fn encode<T: Serialize>(records: &[T]) -> Option<JsValue> {
    let table = Table::of(records)?;
    Some(decode_rows(
        &table.key_strings,
        &table.text,
        &table.ends,
        &table.tags,
        &table.values,
    ))
}

impl Table {
    /// The table of the records, or `None` when they are not all flat records with the same
    /// fields.
    fn of<T: Serialize>(records: &[T]) -> Option<Table> {
        let mut table = Table::default();
        for (i, record) in records.iter().enumerate() {
            table.field = 0;
            record
                .serialize(Sink {
                    table: &mut table,
                    record: Some(i == 0),
                })
                .ok()?;
            if table.field != table.keys.len() {
                return None;
            }
            if i == 0 {
                // Now the width is known: one allocation for all the cells.
                let cells = table.keys.len().saturating_mul(records.len());
                table.tags.reserve(cells);
                table.values.reserve(cells);
            }
        }
        if table.keys.is_empty() && !records.is_empty() {
            return None;
        }
        Some(table)
    }
}

/// Why a record does not fit (never shown: the caller falls back to JSON).
#[derive(Debug)]
struct NotFlat;

impl std::fmt::Display for NotFlat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a flat record")
    }
}

impl std::error::Error for NotFlat {}

impl ser::Error for NotFlat {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        NotFlat
    }
}

/// Serializes a record (a struct, at the top) or one of its fields' values (a scalar).
struct Sink<'a> {
    table: &'a mut Table,
    /// `Some(first)` at the top, where only a struct is accepted (`first` for the first
    /// record, which sets the keys); `None` for a field's value, where only scalars are.
    record: Option<bool>,
}

impl Sink<'_> {
    /// Store a cell: only as a field's value.
    fn cell(self, tag: u8, value: f64) -> Result<(), NotFlat> {
        if self.record.is_some() {
            return Err(NotFlat);
        }
        self.table.cell(tag, value);
        Ok(())
    }

    fn number(self, v: f64) -> Result<(), NotFlat> {
        self.cell(NUMBER, v)
    }
}

/// The fields of one record.
struct Fields<'a> {
    table: &'a mut Table,
    first: bool,
}

impl ser::SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = NotFlat;

    fn serialize_field<V: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), NotFlat> {
        let t = &mut *self.table;
        if self.first {
            let i = t.static_string(key).ok_or(NotFlat)?;
            t.keys.push(key);
            t.key_strings.push(i);
        } else if t.keys.get(t.field) != Some(&key) {
            return Err(NotFlat);
        }
        t.field += 1;
        value.serialize(Sink {
            table: t,
            record: None,
        })
    }

    fn end(self) -> Result<(), NotFlat> {
        Ok(())
    }
}

macro_rules! numbers {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method(self, v: $ty) -> Result<(), NotFlat> {
            // As JSON.parse reads a number: the nearest double.
            self.number(v as f64)
        })*
    };
}

macro_rules! not_flat {
    ($($method:ident($($arg:ty),*) -> $ret:ty;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ret, NotFlat> {
            Err(NotFlat)
        })*
    };
}

impl<'a> ser::Serializer for Sink<'a> {
    type Ok = ();
    type Error = NotFlat;
    type SerializeSeq = Impossible<(), NotFlat>;
    type SerializeTuple = Impossible<(), NotFlat>;
    type SerializeTupleStruct = Impossible<(), NotFlat>;
    type SerializeTupleVariant = Impossible<(), NotFlat>;
    type SerializeMap = Impossible<(), NotFlat>;
    type SerializeStruct = Fields<'a>;
    type SerializeStructVariant = Impossible<(), NotFlat>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'a>, NotFlat> {
        match self.record {
            Some(first) => Ok(Fields {
                table: self.table,
                first,
            }),
            None => Err(NotFlat),
        }
    }

    numbers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);

    fn serialize_f32(self, v: f32) -> Result<(), NotFlat> {
        self.serialize_f64(f64::from(v))
    }

    fn serialize_f64(self, v: f64) -> Result<(), NotFlat> {
        // serde_json writes a NaN or an infinity as null.
        if v.is_finite() {
            self.number(v)
        } else {
            self.serialize_unit()
        }
    }

    fn serialize_bool(self, v: bool) -> Result<(), NotFlat> {
        self.cell(if v { TRUE } else { FALSE }, 0.0)
    }

    fn serialize_char(self, v: char) -> Result<(), NotFlat> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), NotFlat> {
        if self.record.is_some() {
            return Err(NotFlat);
        }
        let i = self.table.string(v).ok_or(NotFlat)?;
        self.cell(STRING, f64::from(i))
    }

    fn serialize_none(self) -> Result<(), NotFlat> {
        self.serialize_unit()
    }

    fn serialize_some<V: Serialize + ?Sized>(self, value: &V) -> Result<(), NotFlat> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), NotFlat> {
        self.cell(NULL, 0.0)
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), NotFlat> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), NotFlat> {
        if self.record.is_some() {
            return Err(NotFlat);
        }
        let i = self.table.static_string(variant).ok_or(NotFlat)?;
        self.cell(STRING, f64::from(i))
    }

    fn serialize_newtype_struct<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &V,
    ) -> Result<(), NotFlat> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<(), NotFlat> {
        Err(NotFlat)
    }

    not_flat! {
        serialize_i128(i128) -> ();
        serialize_u128(u128) -> ();
        serialize_bytes(&[u8]) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

/// An evaluation as a plain JS object: its commitment statuses (the bulk of a big one) go
/// across as columns, the rest as JSON, with `commitments` in its place.
pub(crate) fn evaluation_to_js(
    mut e: roadmap_tracker::status::Evaluation,
) -> Result<JsValue, JsValue> {
    let Some(commitments) = encode(&e.commitments) else {
        return crate::convert::to_js(&e);
    };
    e.commitments = Vec::new();
    let object = crate::convert::to_js(&e)?;
    js_sys::Reflect::set(&object, &JsValue::from_str("commitments"), &commitments)?;
    Ok(object)
}

#[cfg(test)]
mod tests {
    use super::*;
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
    }

    fn row(id: &str, colour: Colour, days: Option<i64>, due: bool, score: f64) -> Row {
        Row {
            id: id.into(),
            colour,
            days,
            due,
            score,
        }
    }

    /// The table's strings, cut from its text at the UTF-16 ends (as `rows.js` does).
    fn strings(t: &Table) -> Vec<String> {
        let units: Vec<u16> = t.text.encode_utf16().collect();
        let mut start = 0;
        t.ends
            .iter()
            .map(|&end| {
                let s = String::from_utf16(&units[start..end as usize]).unwrap();
                start = end as usize;
                s
            })
            .collect()
    }

    /// What a cell reads as, in JSON terms.
    fn cell(t: &Table, strings: &[String], i: usize) -> String {
        match t.tags[i] {
            NULL => "null".into(),
            FALSE => "false".into(),
            TRUE => "true".into(),
            NUMBER => t.values[i].to_string(),
            STRING => format!("{:?}", strings[t.values[i] as usize]),
            tag => panic!("bad tag {tag}"),
        }
    }

    #[test]
    fn flat_records_become_cells() {
        let rows = [
            row("c1", Colour::Red, Some(-3), true, 0.5),
            row("c2", Colour::DarkGreen, None, false, f64::NAN),
            row("c3", Colour::Red, Some(12), false, 1.0),
        ];
        let t = Table::of(&rows).unwrap();
        let s = strings(&t);
        assert_eq!(t.keys, ["id", "colour", "days", "due", "score"]);
        let keys: Vec<&str> = t
            .key_strings
            .iter()
            .map(|&k| s[k as usize].as_str())
            .collect();
        assert_eq!(keys, t.keys);
        let cells: Vec<String> = (0..t.tags.len()).map(|i| cell(&t, &s, i)).collect();
        assert_eq!(
            cells,
            [
                r#""c1""#,
                r#""red""#,
                "-3",
                "true",
                "0.5", //
                r#""c2""#,
                r#""dark_green""#,
                "null",
                "false",
                "null", // NaN is null, as in JSON
                r#""c3""#,
                r#""red""#,
                "12",
                "false",
                "1",
            ]
        );
        // Field names and variants are stored once; the ids each time.
        assert_eq!(s.iter().filter(|x| *x == "red").count(), 1);
        assert_eq!(s.len(), 5 + 2 + 3);
    }

    #[test]
    fn string_ends_count_utf16_units() {
        let rows = [
            row("é✓", Colour::Red, None, true, 0.0),
            row("😀x", Colour::Red, None, true, 0.0),
            row("", Colour::Red, None, true, 0.0),
        ];
        let t = Table::of(&rows).unwrap();
        let s = strings(&t);
        let ids: Vec<&str> = (0..3)
            .map(|r| s[t.values[r * 5] as usize].as_str())
            .collect();
        assert_eq!(ids, ["é✓", "😀x", ""]);
        // In order: "id" (2 units), "é✓" (2), "colour" (6), "red" (3), "days" (4),
        // "due" (3), "score" (5), then "😀x" (3: a surrogate pair and x) and "" (0).
        assert_eq!(t.ends, [2, 4, 10, 13, 17, 20, 25, 28, 28]);
    }

    #[test]
    fn nested_or_varying_records_do_not_fit() {
        #[derive(Serialize)]
        struct Nested {
            id: u32,
            tags: Vec<String>,
        }
        assert!(Table::of(&[Nested {
            id: 1,
            tags: vec![]
        }])
        .is_none());

        #[derive(Serialize)]
        struct Varying {
            id: u32,
            #[serde(skip_serializing_if = "Option::is_none")]
            note: Option<String>,
        }
        let rows = [
            Varying {
                id: 1,
                note: Some("a".into()),
            },
            Varying { id: 2, note: None },
        ];
        assert!(Table::of(&rows).is_none());
        // Not records at all.
        assert!(Table::of(&[1, 2, 3]).is_none());
        assert!(Table::of(&[Some(1)]).is_none());
    }

    #[test]
    fn no_records_is_an_empty_table() {
        let t = Table::of::<Row>(&[]).unwrap();
        assert!(t.keys.is_empty() && t.tags.is_empty() && t.text.is_empty());
    }
}
