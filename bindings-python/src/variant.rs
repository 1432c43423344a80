//! The serialized name of a unit enum variant, or a string, with no allocation for
//! variants.
//!
//! The core's small enums (deadline kinds, granularities, states) serialize as their
//! snake_case names; this serializer captures that name as the `&'static str` serde hands
//! over, so a million rows can be turned into category codes without building a string
//! per row. A plain string (a rule id held as `&str`) is copied. `None` gives `None`;
//! anything else gives `None` too.

use std::borrow::Cow;

use serde::ser::{self, Impossible, Serialize};

/// The serialized name of `value` when it is a unit variant, a string, or an `Option` of
/// one of those.
pub fn variant_name<T: Serialize + ?Sized>(value: &T) -> Option<Cow<'static, str>> {
    value.serialize(NameOf).ok().flatten()
}

/// Not a unit variant.
#[derive(Debug)]
pub struct NotAName;

impl std::fmt::Display for NotAName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a unit variant")
    }
}

impl std::error::Error for NotAName {}

impl ser::Error for NotAName {
    fn custom<T: std::fmt::Display>(_msg: T) -> Self {
        NotAName
    }
}

struct NameOf;

type Name = Option<Cow<'static, str>>;
type R = Result<Name, NotAName>;

macro_rules! refuse {
    ($($name:ident: $ty:ty),*) => {
        $(fn $name(self, _v: $ty) -> R { Err(NotAName) })*
    };
}

impl ser::Serializer for NameOf {
    type Ok = Name;
    type Error = NotAName;
    type SerializeSeq = Impossible<Name, NotAName>;
    type SerializeTuple = Impossible<Name, NotAName>;
    type SerializeTupleStruct = Impossible<Name, NotAName>;
    type SerializeTupleVariant = Impossible<Name, NotAName>;
    type SerializeMap = Impossible<Name, NotAName>;
    type SerializeStruct = Impossible<Name, NotAName>;
    type SerializeStructVariant = Impossible<Name, NotAName>;

    refuse!(
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_f32: f32,
        serialize_f64: f64,
        serialize_char: char,
        serialize_bytes: &[u8]
    );

    fn serialize_str(self, v: &str) -> R {
        Ok(Some(Cow::Owned(v.to_owned())))
    }

    fn serialize_none(self) -> R {
        Ok(None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_unit(self) -> R {
        Ok(None)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> R {
        Ok(None)
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> R {
        Ok(Some(Cow::Borrowed(variant)))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _name: &'static str, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> R {
        Err(NotAName)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, NotAName> {
        Err(NotAName)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, NotAName> {
        Err(NotAName)
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, NotAName> {
        Err(NotAName)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, NotAName> {
        Err(NotAName)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, NotAName> {
        Err(NotAName)
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, NotAName> {
        Err(NotAName)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, NotAName> {
        Err(NotAName)
    }
}
