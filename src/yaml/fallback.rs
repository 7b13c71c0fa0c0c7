//! The fallback reader, and the reference: serde-saphyr with pmpo's options and
//! budgets, its values given their spans through `Spanned`, its numbers typed again by
//! [`core::retype`]. Every document the flat and event readers decline comes here, and
//! so does every error: its messages and locations are the ones users see.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use super::core;
use super::node::{Error, Key, Node, Scalar, Span, Value, Written, sat_u32};

/// Parse one YAML document with serde-saphyr, pmpo's options and budgets.
///
/// # Errors
/// The parser's message and location, as [`super::parse`] says.
pub(super) fn parse(text: &str) -> Result<Node, Error> {
    // YAML 1.2 booleans only: under YAML 1.1 `off`, `no` and `yes` are booleans, so
    // `overloaded-person: off` in pmpo.yaml read as `false`, and a holder called `no`
    // would be one too.
    let mut options = serde_saphyr::options! {
        with_snippet: false,
        strict_booleans: true,
    };
    // A document of pmpo's has no business replaying 100,000 events through aliases;
    // the default (a million) lets an alias bomb run for a noticeable time first.
    options.alias_limits.max_total_replayed_events = 100_000;
    // `.inf` and `.nan` are YAML 1.2 floats, not an error that loses the whole document.
    options.non_finite_float_policy = serde_saphyr::options::NonFiniteFloatPolicy::PassThrough;
    match serde_saphyr::from_str_with_options::<Option<Spanned<Node>>>(text, options) {
        Ok(Some(node)) => {
            let mut node = with_span(node);
            core::retype(&mut node, text);
            Ok(node)
        }
        Ok(None) => Ok(Node {
            span: Span::START,
            value: Value::Scalar(Scalar::Null),
        }),
        Err(err) => {
            let span = err.location().map_or(Span::START, |loc| span_of(&loc, text));
            Err(Error {
                message: clean_message(&err.to_string()),
                span,
            })
        }
    }
}

/// The parser prefixes its messages with the location, which pmpo shows itself, and
/// ends some with advice to its own callers (`, set DuplicateKeyPolicy in Options ...`),
/// which means nothing to a user.
fn clean_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message).trim();
    let first = match first.find(", set ") {
        Some(pos) if first[pos..].contains("Options") => &first[..pos],
        _ => first,
    };
    let stripped = first.strip_prefix("error: ").unwrap_or(first).trim().to_string();
    match stripped.find(" at line ") {
        Some(pos) if stripped[pos..].contains("column") => stripped[..pos].to_string(),
        _ => stripped,
    }
}

fn span_of(loc: &Location, text: &str) -> Span {
    let s = loc.span();
    let line = sat_u32(loc.line()).max(1);
    let column = sat_u32(loc.column()).max(1);
    let offset = s
        .byte_offset()
        .and_then(|o| usize::try_from(o).ok())
        .unwrap_or_else(|| offset_of(text, line, column));
    let len = s.byte_len().unwrap_or(0);
    Span {
        line,
        column,
        offset: sat_u32(offset.min(text.len())),
        len: u32::try_from(len).unwrap_or(0),
    }
}

/// Byte offset of a 1-based line and character column, for locations without one.
fn offset_of(text: &str, line: u32, column: u32) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(nl) => start += nl + 1,
            None => return text.len(),
        }
    }
    let rest = &text[start..];
    let col = rest
        .char_indices()
        .nth(column.saturating_sub(1) as usize)
        .map_or(rest.len(), |(i, _)| i);
    start + col
}

fn with_span(spanned: Spanned<Node>) -> Node {
    let span = Span {
        line: sat_u32(spanned.referenced.line()),
        column: sat_u32(spanned.referenced.column()),
        offset: spanned
            .referenced
            .span()
            .byte_offset()
            .and_then(|o| u32::try_from(o).ok())
            .unwrap_or(0),
        len: spanned
            .referenced
            .span()
            .byte_len()
            .and_then(|o| u32::try_from(o).ok())
            .unwrap_or(0),
    };
    Node {
        span,
        value: spanned.value.value,
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

fn scalar(s: Scalar) -> Node {
    Node {
        span: Span::default(),
        value: Value::Scalar(s),
    }
}

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(scalar(Scalar::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(scalar(Scalar::Int(v, Written::default())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(scalar(i64::try_from(v).map_or(Scalar::Str(v.to_string()), |i| {
            Scalar::Int(i, Written::default())
        })))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
        Ok(scalar(Scalar::Str(v.to_string())))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
        Ok(scalar(Scalar::Str(v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(scalar(Scalar::Float(v, Written::default())))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(scalar(Scalar::Str(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(scalar(Scalar::Str(v)))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Node, E> {
        Ok(scalar(Scalar::Str(String::from_utf8_lossy(v).into_owned())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(scalar(Scalar::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(scalar(Scalar::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Node>>()? {
            items.push(with_span(item));
        }
        Ok(Node {
            span: Span::default(),
            value: Value::Seq(items),
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Node>>()? {
            let key = with_span(key);
            let name = key.as_text().unwrap_or_default();
            let value = with_span(map.next_value::<Spanned<Node>>()?);
            entries.push((Key { span: key.span, name }, value));
        }
        Ok(Node {
            span: Span::default(),
            value: Value::Map(entries),
        })
    }
}
