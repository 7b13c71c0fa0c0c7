//! JSON and YAML strings that carry no unsafe character raw.
//!
//! `serde_json` escapes only what JSON requires (quotes, backslashes, C0 controls), so
//! a C1 control (U+009B is a terminal's CSI), DEL, a bidirectional override or a
//! zero-width space in a title would reach a JSON report, and whatever prints it, as
//! it is. Every JSON format is written through [`json_pretty`], whose formatter escapes
//! each [`super::is_unsafe`] character as `\uXXXX` (a surrogate pair above U+FFFF):
//! the same text for a JSON reader, visible for a person. [`yaml_quoted`] does the same
//! for YAML 1.2 double-quoted scalars, which must escape everything outside YAML's
//! printable set and have no surrogate pairs (`\UXXXXXXXX` instead).

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use super::chars::is_unsafe;

/// `PrettyFormatter` with every unsafe character escaped.
struct Safe<'a>(PrettyFormatter<'a>);

impl Formatter for Safe<'_> {
    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        // Printable ASCII, nearly every fragment, is safe as it is: no look at each char.
        if fragment.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `value` as pretty-printed JSON (two-space indent, as `serde_json`'s), no unsafe
/// character raw.
///
/// # Errors
/// Serialising failed (a map with keys that are not strings).
pub(crate) fn json_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(128);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Safe(PrettyFormatter::new()));
    value.serialize(&mut ser)?;
    // Only whole UTF-8 strings and ASCII escapes were written.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// [`json_pretty`] straight into `out`, for reports too large to hold twice.
///
/// # Errors
/// Serialising or writing failed.
pub(crate) fn json_write<W: io::Write, T: Serialize + ?Sized>(out: W, value: &T) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Safe(PrettyFormatter::new()));
    value.serialize(&mut ser)
}

/// One JSON string literal, no unsafe character raw.
#[cfg(test)]
#[must_use]
pub(crate) fn json_string(text: &str) -> String {
    json_pretty(text).unwrap_or_else(|_| "\"\"".into())
}

/// A YAML 1.2 double-quoted scalar holding `text` exactly: `"` and `\` escaped, and
/// every character outside YAML's printable set or unsafe to show escaped, so any YAML
/// 1.2 parser reads it back and no terminal sees it raw.
#[must_use]
pub(crate) fn yaml_quoted(text: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) || matches!(c, '\u{fffe}' | '\u{ffff}') => {
                if u32::from(c) <= 0xffff {
                    let _ = write!(out, "\\u{:04x}", u32::from(c));
                } else {
                    let _ = write!(out, "\\U{:08x}", u32::from(c));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped_and_read_back() {
        let text = "a\u{9b}31m\u{7f}\u{202e}b\u{200b}\u{2028}\u{e0041}\"\\\n\u{1b}é";
        let json = json_string(text);
        assert!(json.is_ascii() || !json.chars().any(is_unsafe), "{json}");
        assert!(json.contains("\\u009b") && json.contains("\\udb40\\udc41"), "{json}");
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), text);
        let doc = json_pretty(&serde_json::json!({"t": [text]})).unwrap();
        assert!(!doc.chars().any(|c| is_unsafe(c) && c != '\n'), "{doc}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&doc).unwrap(),
            serde_json::json!({"t": [text]})
        );
        assert_eq!(
            doc,
            serde_json::to_string_pretty(&serde_json::json!({"t": ["x"]}))
                .unwrap()
                .replace("\"x\"", &json)
        );
    }

    #[test]
    fn yaml_quoted_escapes_what_yaml_cannot_hold() {
        let y = yaml_quoted("a\u{9b}\u{85}\u{e0041}\"\\\u{fffe}é");
        assert_eq!(y, "\"a\\u009b\\u0085\\U000e0041\\\"\\\\\\ufffeé\"");
    }
}
