//! The one module that talks to the YAML parser.
//!
//! Everything else sees [`Node`], a small tree of maps, sequences and scalars in which
//! every value carries the [`Span`] it came from. Keeping the parser behind this type
//! means it can be swapped without touching the loader, and that the loader can report
//! every problem in a document (each unknown field, each wrong type) instead of the
//! first one a derived `Deserialize` would stop at.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

/// Where a value sits in a file: 1-based line and column (in characters), and the byte
/// range for underlining. Offsets are relative to the whole file once the loader has
/// shifted them past the frontmatter fence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub offset: u32,
    pub len: u32,
}

impl Span {
    /// Shift a span found in a YAML text that starts at `base_offset`, `base_line - 1`
    /// lines into its file.
    #[must_use]
    pub fn shifted(self, base_offset: u32, base_line: u32) -> Span {
        Span {
            line: self.line + base_line.saturating_sub(1),
            column: self.column,
            offset: self.offset + base_offset,
            len: self.len,
        }
    }
}

/// A scalar as YAML resolved it under the core schema.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

/// A YAML value with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Scalar(Scalar),
    Seq(Vec<Node>),
    /// Keys keep their own spans so an unknown field can be underlined.
    Map(Vec<(Key, Node)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub span: Span,
    pub name: String,
}

/// A YAML error located in the text it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub message: String,
    pub span: Span,
}

impl Node {
    /// What a user would call this value's type, for "expected a list, found a number".
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        match &self.value {
            Value::Scalar(Scalar::Null) => "null",
            Value::Scalar(Scalar::Bool(_)) => "a boolean",
            Value::Scalar(Scalar::Int(_)) => "an integer",
            Value::Scalar(Scalar::Float(_)) => "a number",
            Value::Scalar(Scalar::Str(_)) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    #[must_use]
    pub fn as_map(&self) -> Option<&[(Key, Node)]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value of `key` in a mapping.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?.iter().find(|(k, _)| k.name == key).map(|(_, v)| v)
    }

    /// A scalar's text as the user wrote it, whatever type YAML gave it: `id: 2024`
    /// is still the id "2024".
    #[must_use]
    pub fn as_text(&self) -> Option<String> {
        match &self.value {
            Value::Scalar(Scalar::Str(s)) => Some(s.clone()),
            Value::Scalar(Scalar::Int(i)) => Some(i.to_string()),
            Value::Scalar(Scalar::Float(f)) => Some(f.to_string()),
            Value::Scalar(Scalar::Bool(b)) => Some(b.to_string()),
            _ => None,
        }
    }

    #[must_use]
    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Scalar(Scalar::Null))
    }
}

/// Parse one YAML document. An empty text is an empty mapping's absence: `Null`.
///
/// # Errors
/// The parser's message and location when the text is not valid YAML, breaks a budget
/// (alias expansion, depth, size) or repeats a key.
pub fn parse(text: &str) -> Result<Node, Error> {
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
    match serde_saphyr::from_str_with_options::<Option<Spanned<Node>>>(text, options) {
        Ok(Some(node)) => Ok(with_span(node)),
        Ok(None) => Ok(Node {
            span: Span {
                line: 1,
                column: 1,
                offset: 0,
                len: 0,
            },
            value: Value::Scalar(Scalar::Null),
        }),
        Err(err) => {
            let span = err.location().map_or(
                Span {
                    line: 1,
                    column: 1,
                    offset: 0,
                    len: 0,
                },
                |loc| span_of(&loc, text),
            );
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
    let line = u32::try_from(loc.line()).unwrap_or(u32::MAX).max(1);
    let column = u32::try_from(loc.column()).unwrap_or(u32::MAX).max(1);
    let offset = s
        .byte_offset()
        .and_then(|o| usize::try_from(o).ok())
        .unwrap_or_else(|| offset_of(text, line, column));
    let len = s.byte_len().unwrap_or(0);
    Span {
        line,
        column,
        offset: u32::try_from(offset.min(text.len())).unwrap_or(u32::MAX),
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
        line: u32::try_from(spanned.referenced.line()).unwrap_or(u32::MAX),
        column: u32::try_from(spanned.referenced.column()).unwrap_or(u32::MAX),
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
        Ok(scalar(Scalar::Int(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(scalar(i64::try_from(v).map_or(Scalar::Str(v.to_string()), Scalar::Int)))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
        Ok(scalar(Scalar::Str(v.to_string())))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
        Ok(scalar(Scalar::Str(v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(scalar(Scalar::Float(v)))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_spans_of_keys_and_values() {
        let node = parse("id: po\nholders: [dana, li]\nteam_size: 7\n").unwrap();
        let map = node.as_map().unwrap();
        assert_eq!(map[0].0.name, "id");
        assert_eq!((map[0].0.span.line, map[0].0.span.column), (1, 1));
        assert_eq!((map[0].1.span.line, map[0].1.span.column), (1, 5));
        assert_eq!(map[0].1.span.offset, 4);
        let holders = node.get("holders").unwrap();
        let Value::Seq(items) = &holders.value else {
            panic!("not a list")
        };
        assert_eq!(items[1].as_text().as_deref(), Some("li"));
        assert_eq!((items[1].span.line, items[1].span.column), (2, 17));
        assert_eq!(node.get("team_size").unwrap().value, Value::Scalar(Scalar::Int(7)));
    }

    #[test]
    fn reports_syntax_errors_with_location() {
        let err = parse("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert!(err.span.line >= 2, "{err:?}");
        assert!(!err.message.is_empty());
    }

    #[test]
    fn rejects_duplicate_keys() {
        let err = parse("a: 1\na: 2\n").unwrap_err();
        assert_eq!(err.span.line, 2, "{err:?}");
        assert_eq!(err.message, "duplicate mapping key: a");
    }

    #[test]
    fn only_yaml_1_2_spellings_are_booleans() {
        let node = parse("a: off\nb: no\nc: Yes\nd: true\ne: False\n").unwrap();
        let text = |k: &str| node.get(k).unwrap().value.clone();
        assert_eq!(text("a"), Value::Scalar(Scalar::Str("off".into())));
        assert_eq!(text("b"), Value::Scalar(Scalar::Str("no".into())));
        assert_eq!(text("c"), Value::Scalar(Scalar::Str("Yes".into())));
        assert_eq!(text("d"), Value::Scalar(Scalar::Bool(true)));
        assert_eq!(text("e"), Value::Scalar(Scalar::Bool(false)));
    }

    #[test]
    fn empty_text_is_null() {
        assert!(parse("").unwrap().is_null());
        assert!(parse("# only a comment\n").unwrap().is_null());
    }

    #[test]
    fn refuses_alias_bombs() {
        use std::fmt::Write as _;
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 { "a".to_string() } else { format!("l{}", i - 1) };
            let refs = vec![format!("*{prev}"); 10].join(", ");
            let _ = writeln!(bomb, "l{i}: &l{i} [{refs}]");
        }
        assert!(parse(&bomb).is_err());
    }
}
