//! A serde `Serializer` that builds Python objects directly.
//!
//! Structs and maps become dicts (in field order, as in the JSON form), sequences become
//! lists, unit enum variants become their names, `None` becomes `None`. A string that is an
//! ISO date under a key that names a date becomes a `datetime.date`; see
//! [`crate::convert::is_date_key`].

use std::fmt;

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use pyo3::BoundObject;
use roadmap_tracker::dates::parse_iso_date;
use serde::ser::{self, Serialize};

use crate::convert::is_date_key;

/// The error of [`PySerializer`]: a Python exception, or a message from a `Serialize`
/// implementation.
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

/// Serializes one value into a Python object.
#[derive(Clone, Copy)]
pub struct PySerializer<'py> {
    py: Python<'py>,
    /// Whether a string here is read as a date when it is one.
    dates: bool,
}

impl<'py> PySerializer<'py> {
    /// A serializer for a top-level value.
    pub fn new(py: Python<'py>) -> Self {
        PySerializer { py, dates: false }
    }

    fn under(self, key: &str) -> Self {
        PySerializer {
            py: self.py,
            dates: is_date_key(key),
        }
    }
}

/// Serialize a value into a Python object.
pub fn to_python<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    value.serialize(PySerializer::new(py)).map_err(|e| e.0)
}

fn any<'py, T>(value: T, py: Python<'py>) -> Out<'py>
where
    T: IntoPyObject<'py>,
    PyErr: From<T::Error>,
{
    Ok(value
        .into_pyobject(py)
        .map_err(PyErr::from)?
        .into_any()
        .into_bound())
}

/// A list or tuple under construction.
pub struct SeqBuilder<'py> {
    ser: PySerializer<'py>,
    items: Vec<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

/// A dict under construction.
pub struct DictBuilder<'py> {
    ser: PySerializer<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

fn wrap_variant<'py>(
    py: Python<'py>,
    variant: Option<&'static str>,
    value: Bound<'py, PyAny>,
) -> Out<'py> {
    match variant {
        None => Ok(value),
        Some(name) => {
            let outer = PyDict::new(py);
            outer.set_item(name, value)?;
            Ok(outer.into_any())
        }
    }
}

impl<'py> ser::Serializer for PySerializer<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    type SerializeSeq = SeqBuilder<'py>;
    type SerializeTuple = SeqBuilder<'py>;
    type SerializeTupleStruct = SeqBuilder<'py>;
    type SerializeTupleVariant = SeqBuilder<'py>;
    type SerializeMap = DictBuilder<'py>;
    type SerializeStruct = DictBuilder<'py>;
    type SerializeStructVariant = DictBuilder<'py>;

    fn serialize_bool(self, v: bool) -> Out<'py> {
        any(v, self.py)
    }
    fn serialize_i8(self, v: i8) -> Out<'py> {
        any(v, self.py)
    }
    fn serialize_i16(self, v: i16) -> Out<'py> {
        any(v, self.py)
    }
    fn serialize_i32(self, v: i32) -> Out<'py> {
        any(v, self.py)
    }
    fn serialize_i64(self, v: i64) -> Out<'py> {
        any(v, self.py)
    }
    fn serialize_i128(self, v: i128) -> Out<'py> {
        any(v, self.py)
    }
    fn serialize_u8(self, v: u8) -> Out<'py> {
        any(v, self.py)
    }
    fn serialize_u16(self, v: u16) -> Out<'py> {
        any(v, self.py)
    }
    fn serialize_u32(self, v: u32) -> Out<'py> {
        any(v, self.py)
    }
    fn serialize_u64(self, v: u64) -> Out<'py> {
        any(v, self.py)
    }
    fn serialize_u128(self, v: u128) -> Out<'py> {
        any(v, self.py)
    }
    fn serialize_f32(self, v: f32) -> Out<'py> {
        any(f64::from(v), self.py)
    }
    fn serialize_f64(self, v: f64) -> Out<'py> {
        any(v, self.py)
    }
    fn serialize_char(self, v: char) -> Out<'py> {
        any(v.to_string(), self.py)
    }
    fn serialize_str(self, v: &str) -> Out<'py> {
        if self.dates {
            if let Ok(date) = parse_iso_date(v) {
                return any(date, self.py);
            }
        }
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        Ok(PyBytes::new(self.py, v).into_any())
    }
    fn serialize_none(self) -> Out<'py> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Out<'py> {
        Ok(PyString::intern(self.py, variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Out<'py> {
        let inner = value.serialize(self.under(variant))?;
        wrap_variant(self.py, Some(variant), inner)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder<'py>, SerError> {
        Ok(SeqBuilder {
            ser: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
            variant: None,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder<'py>, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<SeqBuilder<'py>, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<SeqBuilder<'py>, SerError> {
        Ok(SeqBuilder {
            ser: self,
            items: Vec::with_capacity(len),
            variant: Some(variant),
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<DictBuilder<'py>, SerError> {
        Ok(DictBuilder {
            ser: self,
            dict: PyDict::new(self.py),
            key: None,
            variant: None,
        })
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<DictBuilder<'py>, SerError> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<DictBuilder<'py>, SerError> {
        Ok(DictBuilder {
            ser: self,
            dict: PyDict::new(self.py),
            key: None,
            variant: Some(variant),
        })
    }
}

impl<'py> SeqBuilder<'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.items.push(value.serialize(self.ser)?);
        Ok(())
    }
    fn finish(self) -> Out<'py> {
        let list = PyList::new(self.ser.py, self.items)?.into_any();
        wrap_variant(self.ser.py, self.variant, list)
    }
}

impl<'py> ser::SerializeSeq for SeqBuilder<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for SeqBuilder<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for SeqBuilder<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleVariant for SeqBuilder<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.push(value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> DictBuilder<'py> {
    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        let item = value.serialize(self.ser.under(key))?;
        self.dict
            .set_item(PyString::intern(self.ser.py, key), item)?;
        Ok(())
    }
    fn finish(self) -> Out<'py> {
        wrap_variant(self.ser.py, self.variant, self.dict.into_any())
    }
}

impl<'py> ser::SerializeMap for DictBuilder<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), SerError> {
        self.key = Some(key.serialize(PySerializer::new(self.ser.py))?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <SerError as ser::Error>::custom("a map value came before its key"))?;
        let ser = match key.cast::<PyString>() {
            Ok(k) => self.ser.under(k.to_str()?),
            Err(_) => PySerializer::new(self.ser.py),
        };
        let item = value.serialize(ser)?;
        self.dict.set_item(key, item)?;
        Ok(())
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeStruct for DictBuilder<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        self.field(key, value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeStructVariant for DictBuilder<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        self.field(key, value)
    }
    fn end(self) -> Out<'py> {
        self.finish()
    }
}
