//! Reading a decimal number as `f64`, with the result and the grammar of `str::parse::<f64>`.
//!
//! The standard library's reader carries a table of 1,302 128-bit powers of five: 15 KB of
//! the gzipped WebAssembly module, a module whose size the web build has to watch.
//! serde_json's correctly rounded reader (its `float_roundtrip` feature, which the JSON
//! loader wants anyway so that every number written reads back exactly) finds the same
//! nearest `f64` with far smaller tables. This reads the text by Rust's grammar, writes the
//! number in JSON's, and lets serde_json read that: one reader in the module, not two.

/// The `f64` nearest to `text`, or `None` where `str::parse::<f64>` refuses it.
///
/// The grammar is Rust's: an optional sign, then `inf`, `infinity` or `nan` (any case), or
/// digits with an optional `.` and fraction (at least one digit in all) and an optional
/// exponent; no spaces, no `_`. Values too large are infinite and too small are zero, as
/// there.
pub(crate) fn parse_f64(text: &str) -> Option<f64> {
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..)?),
        Some(b'+') => (false, text.get(1..)?),
        _ => (false, text),
    };
    let signed = |v: f64| if negative { -v } else { v };
    if rest.eq_ignore_ascii_case("inf") || rest.eq_ignore_ascii_case("infinity") {
        return Some(signed(f64::INFINITY));
    }
    if rest.eq_ignore_ascii_case("nan") {
        return Some(f64::NAN);
    }
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (rest.get(..at)?, Some(rest.get(at + 1..)?)),
        None => (rest, None),
    };
    let (int, frac) = match mantissa.find('.') {
        Some(at) => (mantissa.get(..at)?, mantissa.get(at + 1..)?),
        None => (mantissa, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !digits(frac) || (int.is_empty() && frac.is_empty()) {
        return None;
    }
    let exponent = match exponent {
        None => "0",
        Some(e) => {
            let body = e.strip_prefix(['+', '-']).unwrap_or(e);
            if body.is_empty() || !digits(body) {
                return None;
            }
            e
        }
    };
    // JSON's form: no leading zeros, a digit each side of the point (so the float reader,
    // which keeps the sign of zero, reads it), and the exponent as given.
    let int = int.trim_start_matches('0');
    let mut json = String::with_capacity(text.len() + 4);
    if negative {
        json.push('-');
    }
    json.push_str(if int.is_empty() { "0" } else { int });
    json.push('.');
    json.push_str(if frac.is_empty() { "0" } else { frac });
    json.push('e');
    json.push_str(exponent);
    match serde_json::from_str::<f64>(&json) {
        Ok(v) => Some(v),
        // Out of range: serde_json refuses what Rust reads as infinite.
        Err(_) => {
            let zero = int.bytes().chain(frac.bytes()).all(|b| b == b'0');
            let shrinks = exponent.starts_with('-');
            Some(signed(if zero || shrinks { 0.0 } else { f64::INFINITY }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_f64;
    use proptest::prelude::*;

    fn same(text: &str) {
        let ours = parse_f64(text);
        let std = text.parse::<f64>().ok();
        match (ours, std) {
            (Some(a), Some(b)) if a.is_nan() && b.is_nan() => {}
            (Some(a), Some(b)) => assert_eq!(a.to_bits(), b.to_bits(), "{text:?}: {a} vs {b}"),
            (a, b) => assert_eq!(a, b, "{text:?}"),
        }
    }

    #[test]
    fn agrees_with_the_standard_reader() {
        for text in [
            "0",
            "-0",
            "+0",
            "0.0",
            "-0.0",
            "00012",
            "1.",
            ".5",
            "-.5",
            "+.5e1",
            "1e5",
            "1E-5",
            "1e+5",
            "1e",
            "e5",
            ".",
            "-",
            "+",
            "",
            " 1",
            "1 ",
            "1_000",
            "0x10",
            "inf",
            "-Inf",
            "INFINITY",
            "infinit",
            "nan",
            "NaN",
            "-nan",
            "1.5.2",
            "1e5.5",
            "--1",
            "+-1",
            "26.19",
            "0.1",
            "0.3",
            "123456789012345678901234567890",
            "2.2250738585072014e-308",
            "4.9e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1e-400",
            "-1e-400",
            "1e400",
            "-1e400",
            "0e999999999999",
            "1.7976931348623157e308",
            "1.7976931348623159e308",
            "9007199254740993",
            "0.000000000000000000000000001e27",
            "1e-99999999999999999999",
            "1e99999999999999999999",
            "٣",
            "１",
        ] {
            same(text);
        }
    }

    proptest! {
        #[test]
        fn agrees_on_any_float_written(bits in any::<u64>()) {
            let v = f64::from_bits(bits);
            same(&v.to_string());
            same(&format!("{v:e}"));
            same(&format!("{v:.3}"));
        }

        #[test]
        fn agrees_on_digit_strings(text in "[-+]?[0-9]{0,30}(\\.[0-9]{0,30})?([eE][-+]?[0-9]{1,4})?") {
            same(&text);
        }
    }
}
