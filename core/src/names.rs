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
macro_rules! names {
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
