//! Any result of the crate as a small tree of plain values, with its dates typed.
//!
//! A binding turns the crate's results into its language's data by walking one tree
//! instead of writing a serde `Serializer` of its own: [`to_value`] serialises anything
//! [`Serialize`] into a [`Value`]. Structs and maps become [`Value::Map`] (in field order,
//! as in the JSON form), sequences and tuples [`Value::List`], unit variants their names,
//! `None` and units [`Value::Null`], and a variant with data the one-entry map
//! `{variant: data}`. A date is known by its type, never by a field name: the crate
//! serialises every date as the newtype [`DATE`] around its ISO text,
//! which becomes [`Value::Date`] here (JSON, which ignores newtype names, gets the text).
//!
//! ```
//! use roadmap_tracker::dates::parse_iso_date;
//! use roadmap_tracker::value::{to_value, Value};
//! // What the crate's dates serialise as: the newtype `DATE` around the text.
//! #[derive(serde::Serialize)]
//! #[serde(rename = "roadmap_tracker::Date")]
//! struct Due(&'static str);
//! assert_eq!(to_value(&Due("2026-03-31"))?, Value::Date(parse_iso_date("2026-03-31")?));
//! assert_eq!(to_value(&("x", Some(2), None::<u8>))?,
//!            Value::List(vec![Value::Str("x".into()), Value::Int(2), Value::Null]));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;
use serde::ser::{self, Serialize};

use crate::dates::{parse_iso_date, DATE};
use crate::{Error, ErrorCode, Location, Problem};

/// One value of the tree [`to_value`] builds.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `None`, a unit or a unit struct.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer (every integer the crate serialises fits in an `i64`).
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string (also a `char`); a date's text is [`Value::Date`] instead.
    Str(String),
    /// A date: the crate's [`DATE`] newtype around valid ISO text.
    Date(NaiveDate),
    /// A sequence, tuple or byte string, in order.
    List(Vec<Value>),
    /// A struct or map, in field order; keys that are numbers or booleans are written as
    /// text, as JSON writes them (a struct's field names are borrowed, not copied).
    Map(Vec<(Cow<'static, str>, Value)>),
}

/// Serialise `value` into a [`Value`] tree.
///
/// # Errors
///
/// [`ErrorCode::OutOfRange`] for an integer beyond `i64`, [`ErrorCode::WrongType`] for a
/// map key that is not a string, number or boolean, or for an error the value's own
/// `Serialize` raises; none of the crate's types does either.
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value, Error> {
    value
        .serialize(ToValue)
        .map_err(|e| Error::evaluation(Problem::new(e.code, Location::default(), e.message)))
}

/// Why a value could not become a tree.
#[derive(Debug)]
struct Failure {
    code: ErrorCode,
    message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

impl ser::Error for Failure {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Failure {
            code: ErrorCode::WrongType,
            message: msg.to_string(),
        }
    }
}

fn int<T: TryInto<i64> + fmt::Display + Copy>(v: T) -> Result<Value, Failure> {
    v.try_into().map(Value::Int).map_err(|_| Failure {
        code: ErrorCode::OutOfRange,
        message: format!("the integer {v} does not fit in 64 bits"),
    })
}

/// `{variant: value}`.
fn tagged(variant: &'static str, value: Value) -> Value {
    Value::Map(vec![(Cow::Borrowed(variant), value)])
}

/// The serializer: stateless, one value at a time.
struct ToValue;

/// A list under construction (also tuples), tagged with its variant if it has one.
struct Seq(Vec<Value>, Option<&'static str>);

/// A map under construction (also structs), with the key waiting for its value.
struct Map(
    Vec<(Cow<'static, str>, Value)>,
    Option<String>,
    Option<&'static str>,
);

macro_rules! via {
    ($($method:ident: $type:ty => $make:expr),* $(,)?) => {$(
        fn $method(self, v: $type) -> Result<Value, Failure> {
            $make(v)
        }
    )*};
}

impl ser::Serializer for ToValue {
    type Ok = Value;
    type Error = Failure;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Seq;
    type SerializeMap = Map;
    type SerializeStruct = Map;
    type SerializeStructVariant = Map;

    via!(
        serialize_bool: bool => |v| Ok(Value::Bool(v)),
        serialize_i8: i8 => int, serialize_i16: i16 => int, serialize_i32: i32 => int,
        serialize_i64: i64 => int, serialize_i128: i128 => int, serialize_u8: u8 => int,
        serialize_u16: u16 => int, serialize_u32: u32 => int, serialize_u64: u64 => int,
        serialize_u128: u128 => int,
        serialize_f32: f32 => |v: f32| Ok(Value::Float(v.into())),
        serialize_f64: f64 => |v| Ok(Value::Float(v)),
        serialize_char: char => |v: char| Ok(Value::Str(v.to_string())),
        serialize_str: &str => |v: &str| Ok(Value::Str(v.to_owned())),
        serialize_bytes: &[u8] => |v: &[u8]| Ok(Value::List(v.iter().map(|b| Value::Int((*b).into())).collect())),
    );

    fn serialize_none(self) -> Result<Value, Failure> {
        Ok(Value::Null)
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Value, Failure> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<Value, Failure> {
        Ok(Value::Null)
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<Value, Failure> {
        Ok(Value::Null)
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Value, Failure> {
        Ok(Value::Str(variant.to_owned()))
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<Value, Failure> {
        match value.serialize(self)? {
            Value::Str(text) if name == DATE => {
                Ok(parse_iso_date(&text).map_or(Value::Str(text), Value::Date))
            }
            other => Ok(other),
        }
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Value, Failure> {
        Ok(tagged(variant, value.serialize(self)?))
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Seq, Failure> {
        Ok(Seq(Vec::with_capacity(len.unwrap_or(0)), None))
    }

    fn serialize_tuple(self, len: usize) -> Result<Seq, Failure> {
        Ok(Seq(Vec::with_capacity(len), None))
    }

    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq, Failure> {
        Ok(Seq(Vec::with_capacity(len), None))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Seq, Failure> {
        Ok(Seq(Vec::with_capacity(len), Some(variant)))
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Map, Failure> {
        Ok(Map(Vec::with_capacity(len.unwrap_or(0)), None, None))
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Map, Failure> {
        Ok(Map(Vec::with_capacity(len), None, None))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Map, Failure> {
        Ok(Map(Vec::with_capacity(len), None, Some(variant)))
    }
}

macro_rules! seq_impl {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Seq {
            type Ok = Value;
            type Error = Failure;

            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Failure> {
                self.0.push(value.serialize(ToValue)?);
                Ok(())
            }

            fn end(self) -> Result<Value, Failure> {
                let list = Value::List(self.0);
                Ok(match self.1 {
                    Some(variant) => tagged(variant, list),
                    None => list,
                })
            }
        }
    )*};
}

seq_impl!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Map {
    type Ok = Value;
    type Error = Failure;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Failure> {
        self.1 = Some(match key.serialize(ToValue)? {
            Value::Str(text) => text,
            Value::Date(date) => date.to_string(),
            Value::Int(n) => n.to_string(),
            Value::Float(x) => x.to_string(),
            Value::Bool(b) => b.to_string(),
            other => {
                return Err(ser::Error::custom(format!(
                    "a map key must be a string, number or boolean, not {other:?}"
                )))
            }
        });
        Ok(())
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Failure> {
        let key = self
            .1
            .take()
            .ok_or_else(|| <Failure as ser::Error>::custom("a map value without a key"))?;
        self.0.push((Cow::Owned(key), value.serialize(ToValue)?));
        Ok(())
    }

    fn end(self) -> Result<Value, Failure> {
        Ok(Value::Map(self.0))
    }
}

macro_rules! struct_impl {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Map {
            type Ok = Value;
            type Error = Failure;

            fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Failure> {
                self.0.push((Cow::Borrowed(key), value.serialize(ToValue)?));
                Ok(())
            }

            fn end(self) -> Result<Value, Failure> {
                let map = Value::Map(self.0);
                Ok(match self.2 {
                    Some(variant) => tagged(variant, map),
                    None => map,
                })
            }
        }
    )*};
}

struct_impl!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    enum Shape {
        Dot,
        Line(u8),
        Pair(u8, u8),
        Box { w: u8 },
    }

    #[derive(Serialize)]
    struct Row {
        review_date: &'static str,
        due: crate::dates::Iso,
        shapes: Vec<Shape>,
    }

    fn s(text: &str) -> Value {
        Value::Str(text.to_owned())
    }

    #[test]
    fn dates_by_type_and_variants_tagged() {
        let due = parse_iso_date("2026-06-30").unwrap();
        let row = Row {
            review_date: "2026-01-01",
            due: crate::dates::Iso(due),
            shapes: vec![
                Shape::Dot,
                Shape::Line(1),
                Shape::Pair(1, 2),
                Shape::Box { w: 3 },
            ],
        };
        let map = |k: &'static str, v| Value::Map(vec![(k.into(), v)]);
        assert_eq!(
            to_value(&row).unwrap(),
            Value::Map(vec![
                ("review_date".into(), s("2026-01-01")),
                ("due".into(), Value::Date(due)),
                (
                    "shapes".into(),
                    Value::List(vec![
                        s("Dot"),
                        map("Line", Value::Int(1)),
                        map("Pair", Value::List(vec![Value::Int(1), Value::Int(2)])),
                        map("Box", Value::Map(vec![("w".into(), Value::Int(3))])),
                    ])
                ),
            ])
        );
    }

    #[test]
    fn keys_as_text_and_integers_checked() {
        let keys: BTreeMap<u8, bool> = [(1, true)].into_iter().collect();
        assert_eq!(
            to_value(&keys).unwrap(),
            Value::Map(vec![("1".into(), Value::Bool(true))])
        );
        let e = to_value(&u64::MAX).unwrap_err();
        assert_eq!(e.code(), ErrorCode::OutOfRange);
        let e = to_value(&BTreeMap::from([(vec![1], 1)])).unwrap_err();
        assert_eq!(e.code(), ErrorCode::WrongType);
        assert_eq!(to_value(&1.5f32).unwrap(), Value::Float(1.5));
        assert_eq!(to_value(&()).unwrap(), Value::Null);
    }
}
