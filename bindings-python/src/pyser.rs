//! The one serde → Python converter: a `Serializer` that builds Python objects directly.
//!
//! Structs and maps become dicts (in field order, as in the JSON form), sequences lists,
//! unit variants their names, `None` `None`, other variants `{name: value}`. A date is
//! known by its type: the core serialises every date as the newtype struct
//! [`roadmap_tracker::dates::DATE`] around its ISO text, which becomes a `datetime.date`
//! here (JSON, which ignores newtype names, still gets the text). No field name is
//! looked at, so a user's column called `review_date` stays the string it is.

use std::fmt;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use pyo3::BoundObject;
use roadmap_tracker::dates::{parse_iso_date, DATE};
use serde::ser::{self, Serialize};

/// A Python exception, or a message from a `Serialize` implementation.
#[derive(Debug)]
pub struct SerError(pub PyErr);

impl fmt::Display for SerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for SerError {}

impl ser::Error for SerError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        SerError(pyo3::exceptions::PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for SerError {
    fn from(e: PyErr) -> Self {
        SerError(e)
    }
}

type Out<'py> = Result<Bound<'py, PyAny>, SerError>;

/// Serialize a value into a Python object.
pub fn to_python<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    value.serialize(Ser { py, date: false }).map_err(|e| e.0)
}

/// Serializes one value; `date` is set inside the core's date newtype.
#[derive(Clone, Copy)]
struct Ser<'py> {
    py: Python<'py>,
    date: bool,
}

impl<'py> Ser<'py> {
    fn any<T: IntoPyObject<'py>>(self, value: T) -> Out<'py>
    where
        PyErr: From<T::Error>,
    {
        Ok(value
            .into_pyobject(self.py)
            .map_err(PyErr::from)?
            .into_bound()
            .into_any())
    }

    /// `{variant: value}` for a variant with data, the value itself otherwise.
    fn tagged(self, variant: Option<&'static str>, value: Bound<'py, PyAny>) -> Out<'py> {
        let Some(name) = variant else {
            return Ok(value);
        };
        let outer = PyDict::new(self.py);
        outer.set_item(name, value)?;
        Ok(outer.into_any())
    }

    fn seq(self, variant: Option<&'static str>) -> Seq<'py> {
        Seq {
            ser: self,
            items: PyList::empty(self.py),
            variant,
        }
    }

    fn map(self, variant: Option<&'static str>) -> Map<'py> {
        Map {
            ser: self,
            dict: PyDict::new(self.py),
            key: None,
            variant,
        }
    }
}

/// A list under construction (also tuples).
struct Seq<'py> {
    ser: Ser<'py>,
    items: Bound<'py, PyList>,
    variant: Option<&'static str>,
}

/// A dict under construction (also structs).
struct Map<'py> {
    ser: Ser<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

macro_rules! scalars {
    ($($method:ident: $type:ty),*) => {$(
        fn $method(self, v: $type) -> Out<'py> {
            self.any(v)
        }
    )*};
}

impl<'py> ser::Serializer for Ser<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    type SerializeSeq = Seq<'py>;
    type SerializeTuple = Seq<'py>;
    type SerializeTupleStruct = Seq<'py>;
    type SerializeTupleVariant = Seq<'py>;
    type SerializeMap = Map<'py>;
    type SerializeStruct = Map<'py>;
    type SerializeStructVariant = Map<'py>;

    scalars!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128, serialize_f32: f32,
        serialize_f64: f64, serialize_char: char);

    fn serialize_str(self, v: &str) -> Out<'py> {
        match parse_iso_date(v) {
            Ok(date) if self.date => self.any(date),
            _ => Ok(PyString::new(self.py, v).into_any()),
        }
    }

    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        Ok(PyBytes::new(self.py, v).into_any())
    }

    fn serialize_none(self) -> Out<'py> {
        Ok(self.py.None().into_bound(self.py))
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Out<'py> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Out<'py> {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Out<'py> {
        self.serialize_none()
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Out<'py> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Out<'py> {
        value.serialize(Ser {
            py: self.py,
            date: name == DATE,
        })
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Out<'py> {
        let inner = value.serialize(Ser {
            date: false,
            ..self
        })?;
        self.tagged(Some(variant), inner)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Seq<'py>, SerError> {
        Ok(self.seq(None))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Seq<'py>, SerError> {
        Ok(self.seq(None))
    }

    fn serialize_tuple_struct(self, _: &'static str, _len: usize) -> Result<Seq<'py>, SerError> {
        Ok(self.seq(None))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Seq<'py>, SerError> {
        Ok(self.seq(Some(variant)))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'py>, SerError> {
        Ok(self.map(None))
    }

    fn serialize_struct(self, _: &'static str, _len: usize) -> Result<Map<'py>, SerError> {
        Ok(self.map(None))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Map<'py>, SerError> {
        Ok(self.map(Some(variant)))
    }
}

macro_rules! seq_impl {
    ($($trait:ident :: $method:ident),*) => {$(
        impl<'py> ser::$trait for Seq<'py> {
            type Ok = Bound<'py, PyAny>;
            type Error = SerError;

            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), SerError> {
                Ok(self.items.append(value.serialize(Ser { date: false, ..self.ser })?)?)
            }

            fn end(self) -> Out<'py> {
                self.ser.tagged(self.variant, self.items.into_any())
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

impl<'py> ser::SerializeMap for Map<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), SerError> {
        self.key = Some(key.serialize(Ser {
            date: false,
            ..self.ser
        })?);
        Ok(())
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), SerError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <SerError as ser::Error>::custom("a map value without a key"))?;
        Ok(self.dict.set_item(
            key,
            value.serialize(Ser {
                date: false,
                ..self.ser
            })?,
        )?)
    }

    fn end(self) -> Out<'py> {
        self.ser.tagged(self.variant, self.dict.into_any())
    }
}

macro_rules! struct_impl {
    ($($trait:ident),*) => {$(
        impl<'py> ser::$trait for Map<'py> {
            type Ok = Bound<'py, PyAny>;
            type Error = SerError;

            fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), SerError> {
                Ok(self.dict.set_item(key, value.serialize(Ser { date: false, ..self.ser })?)?)
            }

            fn end(self) -> Out<'py> {
                self.ser.tagged(self.variant, self.dict.into_any())
            }
        }
    )*};
}

struct_impl!(SerializeStruct, SerializeStructVariant);
