//! One way to name the values of an enum: `as_str`, `Display`, `FromStr` and `ALL`.
//!
//! Every name enum of the crate (node kinds, statuses, deadline kinds, report formats, …)
//! gets its string forms from the crate-private `names!` macro, so they all behave
//! alike: `as_str` gives the stable snake_case name used in JSON, CSV and the bindings,
//! `Display` writes it, `ALL` lists every value in declaration order, and `FromStr` reads a
//! name back, refusing anything else with an [`Error`](crate::Error) whose code is
//! [`ErrorCode::UnknownValue`](crate::ErrorCode::UnknownValue) and whose message lists the
//! names it expected.

/// Implement `ALL`, `as_str`, `Display` and `FromStr` for a fieldless enum.
///
/// `names! { Type, "what it is" { Variant => "name", Other => "other" | "alias", … } }`:
/// each variant has one canonical name (what `as_str` gives) and optionally aliases that
/// `FromStr` also accepts. The error for an unknown name reads
/// `unknown {what} {given:?}: expected one of {names}`.
///
/// `names! { serde Type, … }` also implements `Serialize` and `Deserialize` as serde's
/// derive does for a fieldless enum whose variants are named by `rename_all =
/// "snake_case"` (the canonical names; aliases are not read): a unit variant, with the same
/// messages. One shared reader ([`read_variant`]) serves every enum, where the derived
/// impls had a copy each (several kilobytes in the WebAssembly module). The variants must
/// have no explicit discriminants (the variant index is `value as u32`; tested).
macro_rules! names {
    (serde $t:ident, $what:literal { $($variant:ident => $text:literal $(| $alias:literal)*),+ $(,)? }) => {
        names! { $t, $what { $($variant => $text $(| $alias)*),+ } }

        impl ::serde::Serialize for $t {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_unit_variant(stringify!($t), *self as u32, self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $t {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                const VARIANTS: &[&str] = &[$($text),+];
                fn lookup(name: &str) -> Option<usize> {
                    match name {
                        $($text => Some($t::$variant as usize),)+
                        _ => None,
                    }
                }
                let i = $crate::names::read_variant(d, stringify!($t), VARIANTS, lookup)?;
                // `i` comes from `lookup` or is below VARIANTS.len(): always a value.
                Self::ALL.get(i).copied().ok_or_else(|| {
                    <D::Error as ::serde::de::Error>::custom("variant index out of range")
                })
            }
        }
    };
    ($t:ident, $what:literal { $($variant:ident => $text:literal $(| $alias:literal)*),+ $(,)? }) => {
        impl $t {
            /// Every value, in declaration order.
            pub const ALL: [$t; <[&str]>::len(&[$($text),+])] = [$($t::$variant),+];

            /// The stable snake_case name, as used in JSON, CSV and by the bindings.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($t::$variant => $text),+
                }
            }
        }

        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $t {
            type Err = $crate::Error;

            fn from_str(s: &str) -> ::std::result::Result<Self, $crate::Error> {
                match s {
                    $($text $(| $alias)* => Ok($t::$variant),)+
                    _ => Err($crate::Error::unknown_value($what, s, &[$($text),+])),
                }
            }
        }
    };
}

pub(crate) use names;

use std::fmt;

use serde::de::{self, DeserializeSeed, EnumAccess, Unexpected, VariantAccess, Visitor};
use serde::Deserializer;

/// Read a unit variant of the enum `name` as its index in `variants`, as serde's derived
/// impls read one (`lookup`: a name's index, a `match`).
pub(crate) fn read_variant<'de, D: Deserializer<'de>>(
    d: D,
    name: &'static str,
    variants: &'static [&'static str],
    lookup: fn(&str) -> Option<usize>,
) -> Result<usize, D::Error> {
    d.deserialize_enum(
        name,
        variants,
        EnumVisitor {
            name,
            variants,
            lookup,
        },
    )
}

struct EnumVisitor {
    name: &'static str,
    variants: &'static [&'static str],
    lookup: fn(&str) -> Option<usize>,
}

impl<'de> Visitor<'de> for EnumVisitor {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "enum {}", self.name)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<usize, A::Error> {
        let (i, variant) = data.variant_seed(VariantName {
            variants: self.variants,
            lookup: self.lookup,
        })?;
        variant.unit_variant()?;
        Ok(i)
    }
}

/// A variant's name (or index), read as its index.
struct VariantName {
    variants: &'static [&'static str],
    lookup: fn(&str) -> Option<usize>,
}

impl<'de> DeserializeSeed<'de> for VariantName {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for VariantName {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("variant identifier")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<usize, E> {
        match usize::try_from(v) {
            Ok(i) if i < self.variants.len() => Ok(i),
            _ => Err(E::invalid_value(
                Unexpected::Unsigned(v),
                &VariantIndex(self.variants.len()),
            )),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        (self.lookup)(v).ok_or_else(|| E::unknown_variant(v, self.variants))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<usize, E> {
        match self.variants.iter().position(|name| name.as_bytes() == v) {
            Some(i) => Ok(i),
            None => Err(E::unknown_variant(
                &String::from_utf8_lossy(v),
                self.variants,
            )),
        }
    }
}

struct VariantIndex(usize);

impl de::Expected for VariantIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "variant index 0 <= i < {}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use crate::deadline::{DeadlineKind, DeadlineState, Granularity, Named, Part};
    use crate::score::ScoreKind;
    use crate::snapshots::ChangeKind;
    use crate::spreadsheet::Severity;
    use crate::status::{
        DerivedStatus, NonRating, OpenState, Rag, ReasonCode, ReportedState, Step, Verdict,
    };
    use crate::target::{TargetStatus, TargetType, Trend};
    use crate::{Direction, NodeKind, Precision};

    /// Every value of the name enums written to JSON as its name (a string) and read back
    /// from it; anything else refused with serde's message for an enum.
    macro_rules! check {
        (read $($t:ident),+) => {$(
            for (i, v) in $t::ALL.iter().enumerate() {
                let json = format!("\"{}\"", v.as_str());
                assert_eq!(serde_json::to_string(v).unwrap(), json);
                assert_eq!(serde_json::from_str::<$t>(&json).unwrap(), *v);
                // The variant index serde's formats may use: the declaration order.
                assert_eq!(*v as usize, i);
                let in_map = format!("{{{json}: null}}");
                assert_eq!(serde_json::from_str::<$t>(&in_map).unwrap(), *v);
            }
            let names: Vec<String> = $t::ALL.iter().map(|v| format!("`{v}`")).collect();
            let expected = match names.as_slice() {
                [one] => format!("expected {one}"),
                [a, b] => format!("expected `{}` or `{}`", a.trim_matches('`'), b.trim_matches('`')),
                _ => format!("expected one of {}", names.join(", ")),
            };
            assert_eq!(
                serde_json::from_str::<$t>("\"nope\"").unwrap_err().to_string(),
                format!("unknown variant `nope`, {expected} at line 1 column 6")
            );
            assert_eq!(
                serde_json::from_str::<$t>("5").unwrap_err().to_string(),
                "expected value at line 1 column 1"
            );
            let first = $t::ALL[0].as_str();
            assert_eq!(
                serde_json::from_str::<$t>(&format!("{{\"{first}\": 1}}")).unwrap_err().to_string(),
                format!("invalid type: integer `1`, expected unit at line 1 column {}", first.len() + 6)
            );
        )+};
        (write $($t:ident),+) => {$(
            for v in $t::ALL {
                assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{}\"", v.as_str()));
            }
        )+};
    }

    #[test]
    fn name_enums_are_their_names_in_json() {
        check!(read ReportedState, DerivedStatus, Rag, NodeKind, Direction, Precision, TargetType,
            TargetStatus, Trend, DeadlineKind, Granularity, Named, Part, DeadlineState, ScoreKind,
            Step, OpenState, Verdict, ReasonCode, NonRating);
        check!(write ChangeKind, Severity);
    }
}
