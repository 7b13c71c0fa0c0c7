//! YAML 1.2's core schema, written once for every reader: serde-saphyr reads `1_000`,
//! `0b101` and `+0x10` as integers (YAML 1.1 forms), rounds integers past 64 bits to
//! floats and loses how a number was written; the flat and event readers resolve plain
//! scalars here, and the fallback's numbers are resolved again here from their text
//! ([`retype`]), so all three agree.

use super::node::{Node, Scalar, Value};

/// The core schema's type of the plain scalar `value` (YAML 1.2, 10.3.2), numbers
/// with their text as written.
#[must_use]
pub fn resolve(value: &str) -> Scalar {
    if matches!(value, "" | "~" | "null" | "Null" | "NULL") {
        return Scalar::Null;
    }
    let t = value.trim_matches([' ', '\t', '\r', '\n']);
    match t {
        "" | "~" | "null" | "Null" | "NULL" => return Scalar::Null,
        "true" | "True" | "TRUE" => return Scalar::Bool(true),
        "false" | "False" | "FALSE" => return Scalar::Bool(false),
        ".nan" | ".NaN" | ".NAN" => return Scalar::Float(f64::NAN, t.into()),
        _ => {}
    }
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    let negative = t.starts_with('-');
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        let inf = if negative { f64::NEG_INFINITY } else { f64::INFINITY };
        return Scalar::Float(inf, t.into());
    }
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    // Octal and hexadecimal take no sign in the core schema.
    for (prefix, radix) in [("0o", 8), ("0x", 16)] {
        if let Some(rest) = t.strip_prefix(prefix)
            && digits(rest, radix)
        {
            return match i64::from_str_radix(rest, radix) {
                Ok(i) => Scalar::Int(i, t.into()),
                // Past 64 bits: no field needs its value, only its text.
                Err(_) => Scalar::Float(f64::INFINITY, t.into()),
            };
        }
    }
    if digits(unsigned, 10) {
        return match t.parse::<i64>() {
            Ok(i) => Scalar::Int(i, t.into()),
            // Past 64 bits: a number still, its text kept exactly.
            Err(_) => Scalar::Float(t.parse::<f64>().unwrap_or(f64::INFINITY), t.into()),
        };
    }
    if is_float(unsigned)
        && let Ok(f) = t.parse::<f64>()
    {
        return Scalar::Float(f, t.into());
    }
    Scalar::Str(value.to_owned())
}

/// `( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`, unsigned.
fn is_float(t: &str) -> bool {
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(at) => (&t[..at], Some(&t[at + 1..])),
        None => (t, None),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => all_digits(int) && all_digits(frac) && !(int.is_empty() && frac.is_empty()),
        None => !mantissa.is_empty() && all_digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok
}

/// The fallback's numbers and booleans resolved again from the text they span
/// in `text`, when written plainly (a quoted, tagged or aliased value keeps what the
/// parser made of it).
pub(super) fn retype(node: &mut Node, text: &str) {
    match &mut node.value {
        Value::Seq(items) => items.iter_mut().for_each(|n| retype(n, text)),
        Value::Map(entries) => entries.iter_mut().for_each(|(_, n)| retype(n, text)),
        Value::Scalar(Scalar::Str(_) | Scalar::Null) => {}
        Value::Scalar(scalar) => {
            let start = node.span.offset as usize;
            let Some(written) = text.get(start..start + node.span.len as usize) else {
                return;
            };
            if written.is_empty() || written.starts_with(['"', '\'', '!', '&', '*']) {
                return;
            }
            *scalar = resolve(written);
        }
    }
}
