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

/// A count or an offset as the `u32` a [`Span`] holds, saturating: a file can never be
/// 4 GiB here (the read door caps documents), and a saturated value is still a place.
#[must_use]
pub fn sat_u32<T: TryInto<u32>>(n: T) -> u32 {
    n.try_into().unwrap_or(u32::MAX)
}

impl Span {
    /// The start of a file: line 1, column 1, nothing underlined. Where a finding about a
    /// whole file points.
    pub const START: Span = Span {
        line: 1,
        column: 1,
        offset: 0,
        len: 0,
    };

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

/// A scalar as YAML 1.2's core schema resolves it ([`core::resolve`], in every path).
/// A number keeps the text it was written as: an id `1.10` is not `1.1`, `007` not `7`.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    /// An integer, and its text as written (`007`, `0x1F`).
    Int(i64, Written),
    /// A float (or an integer past 64 bits, which no field needs exactly), and its text
    /// as written (`1.10`, `.inf`, `123456789012345678901234`).
    Float(f64, Written),
    Str(String),
}

/// A number's text as written: short, so held inline.
pub type Written = compact_str::CompactString;

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
            Value::Scalar(Scalar::Int(..)) => "an integer",
            Value::Scalar(Scalar::Float(..)) => "a number",
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
    /// is still the id "2024", `1.10` is "1.10" (not "1.1"), `007` is "007".
    #[must_use]
    pub fn as_text(&self) -> Option<String> {
        match &self.value {
            Value::Scalar(Scalar::Str(s)) => Some(s.clone()),
            Value::Scalar(Scalar::Int(_, w) | Scalar::Float(_, w)) if !w.is_empty() => Some(w.to_string()),
            Value::Scalar(Scalar::Int(i, _)) => Some(i.to_string()),
            Value::Scalar(Scalar::Float(f, _)) => Some(f.to_string()),
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
/// A mapping made of plain data (what every pmpo document is) is built straight from
/// the parser's events; anything else (an error, an alias, a tag, a scalar whose type
/// needs the full core-schema resolution, a document near a budget) goes through
/// serde-saphyr, whose result and messages are the reference the fast path is tested
/// against.
///
/// # Errors
/// The parser's message and location when the text is not valid YAML, breaks a budget
/// (alias expansion, depth, size) or repeats a key.
pub fn parse(text: &str) -> Result<Node, Error> {
    match flat::parse(text).or_else(|| fast::parse(text)) {
        Some(node) => Ok(node),
        None => parse_serde(text),
    }
}

/// The reference parse: serde-saphyr with pmpo's options and budgets.
fn parse_serde(text: &str) -> Result<Node, Error> {
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

/// The flat path: no parser at all for the frontmatter most documents have, a mapping
/// of keys written plainly to one-line scalars, one-line flow lists of plain scalars
/// (`goals: [G1, G2]`) and block lists of one-line scalars (`labels:` then `- x`). A
/// backlog item is nearly always that, and reading it line by line costs a fraction of
/// the event parser.
///
/// It answers `None` for anything else (a tab, a carriage return, a control character,
/// a comment after a value, a nested mapping, a multi-line scalar, an escape in a
/// double-quoted scalar, a quoted item in a flow list, a key that is not a plain word,
/// a scalar whose type the core schema decides beyond [`fast`]'s reading, a duplicate
/// key) and the event parser reads the document instead. What it answers is what the
/// event parser gives, spans included, down to where a block list starts: tests compare
/// the two on the repository's documents, on generated workspaces of both layouts and
/// on property-generated documents.
mod flat {
    use super::{Key, Node, Scalar, Span, Value};

    /// One line of the text: its 1-based number, its byte offset and its text without
    /// the line break.
    #[derive(Clone, Copy)]
    struct Line<'a> {
        number: u32,
        offset: usize,
        text: &'a str,
    }

    impl Line<'_> {
        /// The span of `len` bytes at byte `at` of the line.
        fn span(&self, at: usize, len: usize) -> Option<Span> {
            self.span_in_column(at, self.text[..at].chars().count(), len)
        }

        /// [`Line::span`] where the caller knows the characters before `at`: a list of
        /// many items on one line counts its columns once, not once per item.
        fn span_in_column(&self, at: usize, chars_before: usize, len: usize) -> Option<Span> {
            Some(Span {
                line: self.number,
                column: u32::try_from(chars_before + 1).ok()?,
                offset: u32::try_from(self.offset + at).ok()?,
                len: u32::try_from(len).ok()?,
            })
        }

        fn indent(&self) -> usize {
            self.text.len() - self.text.trim_start_matches(' ').len()
        }

        /// Blank, or a comment alone on its line.
        fn is_empty(&self) -> bool {
            let rest = self.text.trim_start_matches(' ');
            rest.is_empty() || rest.starts_with('#')
        }
    }

    /// Characters YAML allows in a document, less the tab and the carriage return,
    /// which change how lines and indentation read, and the characters some parsers
    /// take for line breaks (U+0085, U+2028, U+2029) or a byte order mark (U+FEFF).
    fn printable(c: char) -> bool {
        matches!(c, '\n' | ' '..='~' | '\u{A0}'..='\u{2027}' | '\u{202A}'..='\u{D7FF}' | '\u{E000}'..='\u{FEFE}' | '\u{FF00}'..='\u{FFFD}' | '\u{10000}'..)
    }

    pub(super) fn parse(text: &str) -> Option<Node> {
        let clean = if text.is_ascii() {
            text.bytes().all(|b| b == b'\n' || (b' '..=b'~').contains(&b))
        } else {
            text.chars().all(printable)
        };
        // A text shorter than the node budget cannot come near any budget.
        if !clean || text.len() > super::fast::MAX_NODES {
            return None;
        }
        let mut lines = Vec::new();
        let mut offset = 0;
        for (i, t) in text.split('\n').enumerate() {
            lines.push(Line {
                number: u32::try_from(i + 1).ok()?,
                offset,
                text: t,
            });
            offset += t.len() + 1;
        }
        let mut entries: Vec<(Key, Node)> = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            i += 1;
            if line.is_empty() {
                continue;
            }
            if line.indent() > 0 || line.text.starts_with("---") || line.text.starts_with("...") {
                return None;
            }
            let (key, rest) = key(&line)?;
            let value = match rest {
                Some(at) => inline(&line, at)?,
                None => {
                    let (node, next) = block_list(&lines, i)?;
                    i = next;
                    node
                }
            };
            entries.push((key, value));
        }
        if entries.is_empty() || super::fast::has_duplicates(&entries) {
            return None;
        }
        // The mapping starts, to the parser, at its first key.
        Some(Node {
            span: Span {
                len: 0,
                ..entries[0].0.span
            },
            value: Value::Map(entries),
        })
    }

    /// A key written as a plain word at the start of the line, and where its value
    /// starts on the line (`None` when nothing follows the colon).
    fn key(line: &Line<'_>) -> Option<(Key, Option<usize>)> {
        let t = line.text;
        let end = t.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
        let name = &t[..end];
        if name.is_empty() || name.starts_with('-') || !matches!(super::fast::resolve_plain(name)?, Scalar::Str(_)) {
            return None;
        }
        let after = t[end..].strip_prefix(':')?;
        let value_at = if after.trim_end_matches(' ').is_empty() {
            None
        } else if after.starts_with(' ') {
            Some(t.len() - after.trim_start_matches(' ').len())
        } else {
            return None;
        };
        let key = Key {
            span: line.span(0, end)?,
            name: name.to_string(),
        };
        Some((key, value_at))
    }

    /// The one-line value at byte `at` of the line, to its end.
    fn inline(line: &Line<'_>, at: usize) -> Option<Node> {
        let value = line.text[at..].trim_end_matches(' ');
        if value.starts_with('[') {
            return flow_list(line, at, value);
        }
        scalar(line, at, value)
    }

    /// A scalar: plain, single-quoted or double-quoted without escapes.
    fn scalar(line: &Line<'_>, at: usize, value: &str) -> Option<Node> {
        let scalar = match value.as_bytes().first()? {
            b'\'' => {
                let inner = value.strip_prefix('\'')?.strip_suffix('\'')?;
                if inner.replace("''", "").contains('\'') {
                    return None;
                }
                Scalar::Str(inner.replace("''", "'"))
            }
            b'"' => {
                let inner = value.strip_prefix('"')?.strip_suffix('"')?;
                if inner.contains(['"', '\\']) {
                    return None;
                }
                Scalar::Str(inner.to_string())
            }
            b'-' | b'?' | b':' if value.len() == 1 || value.as_bytes()[1] == b' ' => return None,
            b'[' | b']' | b'{' | b'}' | b',' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'%' | b'@' | b'`' => {
                return None;
            }
            _ => {
                if value.contains(" #") || value.contains(": ") || value.ends_with(':') {
                    return None;
                }
                super::fast::resolve_plain(value)?
            }
        };
        Some(Node {
            span: line.span(at, value.len())?,
            value: Value::Scalar(scalar),
        })
    }

    /// `[a, b]` on one line, of plain scalars.
    fn flow_list(line: &Line<'_>, at: usize, value: &str) -> Option<Node> {
        let inner = value.strip_prefix('[')?.strip_suffix(']')?;
        let mut items = Vec::new();
        if !inner.is_empty() {
            let mut start = at + 1;
            let mut chars_before = line.text[..start].chars().count();
            for part in inner.split(',') {
                let item = part.trim_matches(' ');
                if item.is_empty()
                    || item.contains(|c: char| "[]{}#&*!|>'\"%@`?:".contains(c))
                    || item.starts_with('-') && (item.len() == 1 || item.as_bytes()[1] == b' ')
                {
                    return None;
                }
                let lead = part.len() - part.trim_start_matches(' ').len();
                items.push(Node {
                    span: line.span_in_column(start + lead, chars_before + lead, item.len())?,
                    value: Value::Scalar(super::fast::resolve_plain(item)?),
                });
                start += part.len() + 1;
                chars_before += part.chars().count() + 1;
            }
        }
        Some(Node {
            span: line.span(at, 1)?,
            value: Value::Seq(items),
        })
    }

    /// The block list that starts on the first non-empty line at or after `from`, of
    /// one-line scalars, and the index of the line after it.
    fn block_list(lines: &[Line<'_>], from: usize) -> Option<(Node, usize)> {
        let first = lines[from..].iter().position(|l| !l.is_empty())? + from;
        let indent = lines[first].indent();
        let mut items = Vec::new();
        let mut i = first;
        let mut end = first;
        while i < lines.len() {
            let line = lines[i];
            if line.is_empty() {
                i += 1;
                continue;
            }
            let rest = &line.text[line.indent()..];
            let is_item = rest.starts_with("- ") || rest == "-";
            if line.indent() != indent || !is_item {
                // The list ends where a less indented line starts; anything else
                // (deeper lines, a key at the list's own indent) is not flat.
                if line.indent() < indent || (indent == 0 && !is_item) {
                    break;
                }
                return None;
            }
            let value_at = indent + 1 + (rest.len() - 1 - rest[1..].trim_start_matches(' ').len());
            let value = line.text.get(value_at..)?.trim_end_matches(' ');
            if value.is_empty() || value.starts_with('[') {
                return None;
            }
            items.push(scalar(&line, value_at, value)?);
            i += 1;
            end = i;
        }
        // A list at its key's own indentation starts, to the parser, at its first
        // item; an indented one at its first dash.
        let span = if indent == 0 {
            Span {
                len: 0,
                ..items.first()?.span
            }
        } else {
            lines[first].span(indent, 0)?
        };
        Some((
            Node {
                span,
                value: Value::Seq(items),
            },
            end,
        ))
    }
}

/// The fast path: a [`Node`] tree built from the event parser serde-saphyr is built on,
/// without serde's event replay, `Spanned` visitors and per-event budget bookkeeping.
///
/// It answers `None` whenever the reference parse could answer differently: on any
/// parser error, on aliases, anchors and tags, on a root that is not a mapping, on a
/// second document, on keys that could be duplicates or merge keys, on plain scalars
/// whose type only the full core-schema resolution decides (floats, radix and
/// underscored numbers, `.inf`), and well before any budget (depth, nodes, events,
/// scalar bytes) could be reached. The caller then runs the reference parse, so errors
/// and their messages are serde-saphyr's, and the budgets are its budgets.
mod fast {
    use std::collections::HashSet;

    use serde_saphyr::granit_parser::{self, Event, Parser, ScalarStyle};

    use super::{Key, Node, Scalar, Span, Value};

    /// Margins under serde-saphyr's default budget (depth 64, 250,000 nodes, a million
    /// events, 64 MiB of scalar text): a document near them takes the reference path,
    /// which reports the breach exactly.
    const MAX_DEPTH: usize = 48;
    pub(super) const MAX_NODES: usize = 200_000;
    const MAX_EVENTS: usize = 800_000;
    const MAX_SCALAR_BYTES: usize = 48 * 1024 * 1024;
    /// Above this many keys a mapping checks duplicates with a set, not pairwise.
    const SMALL_MAP: usize = 16;

    enum Frame {
        Map {
            span: Span,
            entries: Vec<(Key, Node)>,
            key: Option<Key>,
        },
        Seq {
            span: Span,
            items: Vec<Node>,
        },
    }

    fn options() -> granit_parser::Options {
        // The same scanner limits serde-saphyr derives from its default budget, so the
        // scanner accepts exactly what it accepts there.
        let budget = serde_saphyr::Budget::default();
        let mut options = granit_parser::Options::default();
        options.simple_key_max_lookahead = budget.simple_key_max_lookahead;
        options.flow_nesting_limit = budget.flow_nesting_limit;
        options.block_nesting_limit = options.block_nesting_limit.max(budget.max_depth.saturating_add(1));
        options.emit_comments = false;
        options
    }

    fn span_of(span: &granit_parser::Span) -> Option<Span> {
        let start = span.start.byte_offset()?;
        let end = span.end.byte_offset()?;
        Some(Span {
            line: u32::try_from(span.start.line()).ok()?,
            column: u32::try_from(span.start.col() + 1).ok()?,
            offset: u32::try_from(start).ok()?,
            len: u32::try_from(end.saturating_sub(start)).ok()?,
        })
    }

    pub(super) fn parse(text: &str) -> Option<Node> {
        let mut parser = Parser::new_from_str_with_options(text, options());
        let mut stack: Vec<Frame> = Vec::new();
        let mut root: Option<Node> = None;
        let (mut nodes, mut events, mut scalar_bytes) = (0usize, 0usize, 0usize);
        let mut documents = 0;
        while let Some(item) = parser.next_event() {
            let (event, span) = item.ok()?;
            events += 1;
            if events > MAX_EVENTS {
                return None;
            }
            let done = match event {
                Event::StreamStart | Event::DocumentEnd => continue,
                Event::StreamEnd => break,
                Event::DocumentStart(..) => {
                    documents += 1;
                    if documents > 1 {
                        return None;
                    }
                    continue;
                }
                Event::MappingStart(_, 0, None) | Event::SequenceStart(_, 0, None) => {
                    nodes += 1;
                    if stack.len() >= MAX_DEPTH || nodes > MAX_NODES || (stack.is_empty() && root.is_some()) {
                        return None;
                    }
                    let span = span_of(&span)?;
                    stack.push(if matches!(event, Event::MappingStart(..)) {
                        Frame::Map {
                            span,
                            entries: Vec::new(),
                            key: None,
                        }
                    } else {
                        Frame::Seq {
                            span,
                            items: Vec::new(),
                        }
                    });
                    continue;
                }
                Event::MappingEnd => match stack.pop()? {
                    Frame::Map {
                        span,
                        entries,
                        key: None,
                    } => {
                        if has_duplicates(&entries) {
                            return None;
                        }
                        Node {
                            span,
                            value: Value::Map(entries),
                        }
                    }
                    _ => return None,
                },
                Event::SequenceEnd => match stack.pop()? {
                    Frame::Seq { span, items } => Node {
                        span,
                        value: Value::Seq(items),
                    },
                    Frame::Map { .. } => return None,
                },
                Event::Scalar(value, style, 0, None) => {
                    nodes += 1;
                    scalar_bytes += value.len();
                    if nodes > MAX_NODES || scalar_bytes > MAX_SCALAR_BYTES {
                        return None;
                    }
                    let scalar = if style == ScalarStyle::Plain {
                        resolve_plain(&value)?
                    } else {
                        Scalar::Str(value.into_owned())
                    };
                    Node {
                        span: span_of(&span)?,
                        value: Value::Scalar(scalar),
                    }
                }
                // Aliases, anchors, tags, comments and anything newer: the reference path.
                _ => return None,
            };
            match stack.last_mut() {
                None => {
                    if root.is_some() {
                        return None;
                    }
                    root = Some(done);
                }
                Some(Frame::Seq { items, .. }) => items.push(done),
                Some(Frame::Map { entries, key, .. }) => match key.take() {
                    Some(k) => entries.push((k, done)),
                    None => {
                        // Only scalar keys with a text, and never the merge key.
                        let name = match done.value {
                            Value::Scalar(Scalar::Str(name)) if name == "<<" => return None,
                            // The key's own text, moved rather than copied.
                            Value::Scalar(Scalar::Str(name)) => name,
                            Value::Scalar(_) => done.as_text()?,
                            _ => return None,
                        };
                        *key = Some(Key { span: done.span, name });
                    }
                },
            }
        }
        // Only a mapping at the root: an empty document, a bare scalar or a list are
        // rare and the reference path shapes them.
        let root = root?;
        (stack.is_empty() && matches!(root.value, Value::Map(_))).then_some(root)
    }

    /// Whether two keys share a text: the reference path may call them duplicates (or
    /// not: `1` and `"1"`), so it decides.
    pub(super) fn has_duplicates(entries: &[(Key, Node)]) -> bool {
        if entries.len() <= SMALL_MAP {
            entries
                .iter()
                .enumerate()
                .any(|(i, (k, _))| entries[..i].iter().any(|(other, _)| other.name == k.name))
        } else {
            let mut seen = HashSet::with_capacity(entries.len());
            entries.iter().any(|(k, _)| !seen.insert(k.name.as_str()))
        }
    }

    /// A plain scalar's type under the YAML 1.2 core schema ([`super::core::resolve`]).
    /// Always an answer; an `Option` for the callers that give up on other grounds.
    #[allow(clippy::unnecessary_wraps)]
    pub(super) fn resolve_plain(value: &str) -> Option<Scalar> {
        Some(super::core::resolve(value))
    }
}

/// YAML 1.2's core schema, written once for every path: serde-saphyr reads `1_000`,
/// `0b101` and `+0x10` as integers (YAML 1.1 forms), rounds integers past 64 bits to
/// floats and loses how a number was written; the flat and event paths resolve plain
/// scalars here, and the reference path's numbers are resolved again here from their
/// text ([`retype`]), so all three agree.
pub mod core {
    use super::{Node, Scalar, Value};

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

    /// The reference path's numbers and booleans resolved again from the text they span
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
    let line = crate::yaml::sat_u32(loc.line()).max(1);
    let column = crate::yaml::sat_u32(loc.column()).max(1);
    let offset = s
        .byte_offset()
        .and_then(|o| usize::try_from(o).ok())
        .unwrap_or_else(|| offset_of(text, line, column));
    let len = s.byte_len().unwrap_or(0);
    Span {
        line,
        column,
        offset: crate::yaml::sat_u32(offset.min(text.len())),
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
        line: crate::yaml::sat_u32(spanned.referenced.line()),
        column: crate::yaml::sat_u32(spanned.referenced.column()),
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
        assert_eq!(
            node.get("team_size").unwrap().value,
            Value::Scalar(Scalar::Int(7, "7".into()))
        );
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

    /// Every YAML text of the repository's examples and fixtures: whole `.yaml`/`.yml`
    /// files and the frontmatter of Markdown files.
    fn corpus() -> Vec<(String, String)> {
        fn visit(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
            let Ok(entries) = std::fs::read_dir(dir) else { return };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    visit(&path, out);
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let name = path.display().to_string();
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if ext == "yaml" || ext == "yml" {
                    out.push((name, text));
                } else if ext == "md"
                    && let Some(rest) = text.strip_prefix("---\n")
                    && let Some(end) = rest.find("\n---")
                {
                    out.push((name, rest[..=end].to_string()));
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        visit(&root.join("examples"), &mut out);
        visit(&root.join("tests/fixtures"), &mut out);
        visit(&root.join("src/init"), &mut out);
        out
    }

    #[test]
    fn fast_path_equals_the_reference_on_the_repository_corpus() {
        let corpus = corpus();
        let mut fast_count = 0;
        for (name, text) in &corpus {
            let reference = parse_serde(text);
            if let Some(node) = fast::parse(text) {
                fast_count += 1;
                assert_eq!(Ok(node), reference, "{name}");
            }
            assert_eq!(parse(text), reference, "{name}");
        }
        // The fast path is the common one, not a rarely taken branch.
        assert!(corpus.len() > 50, "{}", corpus.len());
        assert!(fast_count * 10 >= corpus.len() * 8, "{fast_count} of {}", corpus.len());
    }

    #[test]
    fn flat_path_equals_the_reference_on_the_repository_corpus() {
        let corpus = corpus();
        let mut flat_count = 0;
        for (name, text) in &corpus {
            if let Some(node) = flat::parse(text) {
                flat_count += 1;
                assert_eq!(Ok(node), parse_serde(text), "{name}");
            }
        }
        assert!(flat_count * 10 >= corpus.len() * 3, "{flat_count} of {}", corpus.len());
    }

    /// Backlog items as both layouts write them, the documents the flat path is for:
    /// it reads each of them, exactly as the reference does.
    #[test]
    fn flat_path_reads_backlog_items_of_both_layouts() {
        for text in [
            "id: REP-000014\ntitle: Refund subscriptions on mobile\nstatus: ready\norder: 140\ngoals: [G3]\nlabels: [reporting, tech-debt]\n",
            "id: TASK-1\ntitle: Share product reviews in one click\nstatus: In Progress\nassignee: []\ncreated_date: '2026-01-02 10:01'\nlabels:\n  - checkout\n  - mobile\ndependencies: []\nordinal: 1000\n",
            "id: A-1\ntitle: \"Grow: é\"\nstatus: done\naccepted_by: po\ngoals:\n- G1\n- 'G2'\n\n# note\nacceptance_criteria:\n    - it's done\n    - 'it''s tested'\n",
        ] {
            let node = flat::parse(text);
            assert!(node.is_some(), "{text}");
            assert_eq!(node.map(Ok), Some(parse_serde(text)), "{text}");
        }
    }

    #[test]
    fn plain_scalars_are_typed_by_the_yaml_1_2_core_schema() {
        let s = |v: &str| fast::resolve_plain(v).unwrap();
        let int = |i: i64, w: &str| Scalar::Int(i, w.into());
        let float = |f: f64, w: &str| Scalar::Float(f, w.into());
        let text = |t: &str| Scalar::Str(t.into());
        assert_eq!(s("2026-01-01"), text("2026-01-01"));
        assert_eq!(s("12"), int(12, "12"));
        assert_eq!(s("-12"), int(-12, "-12"));
        assert_eq!(s("+12"), int(12, "+12"));
        assert_eq!(s("007"), int(7, "007"));
        assert_eq!(s("0x1F"), int(31, "0x1F"));
        assert_eq!(s("0o17"), int(15, "0o17"));
        assert_eq!(s("1.10"), float(1.1, "1.10"));
        assert_eq!(s("1e3"), float(1000.0, "1e3"));
        assert_eq!(s("-.5"), float(-0.5, "-.5"));
        assert_eq!(s("-.inf"), float(f64::NEG_INFINITY, "-.inf"));
        assert!(matches!(s(".nan"), Scalar::Float(f, w) if f.is_nan() && w == ".nan"));
        assert_eq!(s("99999999999999999999"), float(1e20, "99999999999999999999"));
        assert_eq!(s("~"), Scalar::Null);
        assert_eq!(s("off"), text("off"));
        // YAML 1.1 forms, Rust spellings and near misses are text in YAML 1.2.
        for v in [
            "inf", "nan", "1_000", "0b101", "+0x10", "-0o7", "0x", ".", "1.2.3", "1e", "e3", "+", ".e1",
        ] {
            assert_eq!(s(v), text(v), "{v}");
        }
    }

    #[test]
    fn every_path_keeps_numbers_as_written_and_reads_non_finite_floats() {
        for text in [
            "goals: [1.10, 1.1, 007, 2.0]\nid: 1_000\nx: +0x10\nbig: 123456789012345678901234\ntitle: .inf\n",
            "goals:\n  - 1.10\n  - 007\nid: 0b101\ntitle: .nan\n",
            "a: &x 1.10\nb: *x\nc: !!str 1.10\ngoals: [1.10, \"1.10\"]\nid: 0b101\n",
        ] {
            let node = parse(text).unwrap();
            let reference = parse_serde(text).unwrap();
            let ids = |n: &Node| -> Vec<Option<String>> {
                match &n.get("goals").unwrap().value {
                    Value::Seq(items) => items.iter().map(Node::as_text).collect(),
                    _ => Vec::new(),
                }
            };
            assert_eq!(ids(&node), ids(&reference), "{text}");
            assert_eq!(ids(&node)[0].as_deref(), Some("1.10"), "{text}");
            assert_eq!(
                node.get("id").unwrap().as_text(),
                reference.get("id").unwrap().as_text(),
                "{text}"
            );
            if let Some(f) = flat::parse(text).or_else(|| fast::parse(text)) {
                assert_eq!(format!("{f:?}"), format!("{reference:?}"), "{text}");
            }
        }
    }

    proptest::proptest! {
        /// The fuzz target `ids`, as a property test: any id-shaped text (goal and
        /// backlog id syntax, numbers of every spelling among them) comes back as
        /// written, on the flat, event and reference paths.
        #[test]
        fn an_id_reads_back_as_written(
            id in "[A-Za-z0-9][A-Za-z0-9._-]{0,12}|[+-]?[0-9]{1,25}(\\.[0-9]{0,4})?([eE][0-9]{1,3})?|0[xob][0-9a-fA-F_]{1,6}|\\.(inf|nan|NaN|Inf)",
        ) {
            let lower = id.to_ascii_lowercase();
            proptest::prop_assume!(!matches!(lower.as_str(), "true" | "false" | "null"));
            proptest::prop_assume!(id.starts_with(|c: char| c.is_ascii_alphanumeric()));
            for doc in [
                format!("id: {id}\n"),
                format!("goals:\n  - {id}\nid: x\n"),
                format!("a: &x {id}\nb: *x\ngoals: [{id}]\n"),
            ] {
                let node = parse(&doc).unwrap();
                let value = match node.get("goals").map(|g| &g.value) {
                    Some(Value::Seq(items)) => items[0].as_text(),
                    _ => node.get("id").and_then(Node::as_text),
                };
                proptest::prop_assert_eq!(value.as_deref(), Some(id.as_str()), "{:?}", doc);
            }
        }
    }

    proptest::proptest! {
        /// Whatever the fast path answers is what serde-saphyr answers, on documents
        /// built from the shapes that separate the two: every scalar spelling, quoting,
        /// flow and block collections, anchors, tags, duplicate and merge keys.
        #[test]
        fn fast_path_never_differs_from_the_reference(
            entries in proptest::collection::vec((0usize..KEYS.len(), 0usize..VALUES.len()), 0..8),
            indent in proptest::bool::ANY,
        ) {
            use std::fmt::Write as _;
            let mut text = String::new();
            for (k, v) in entries {
                let value = VALUES[v].replace('\n', if indent { "\n    " } else { "\n  " });
                let _ = writeln!(text, "{}:{}", KEYS[k], value);
            }
            let reference = parse_serde(&text);
            if let Some(node) = fast::parse(&text) {
                proptest::prop_assert_eq!(Ok(node), reference.clone(), "{}", text);
            }
            if let Some(node) = flat::parse(&text) {
                proptest::prop_assert_eq!(Ok(node), reference.clone(), "{}", text);
            }
            proptest::prop_assert_eq!(parse(&text), reference, "{}", text);
        }

        /// Whatever the flat path answers is what serde-saphyr answers, on documents
        /// made of the lines it reads and the lines next to them that it must not:
        /// blank and comment lines, lists at and under their key's indentation, quotes,
        /// trailing spaces, text that only looks like a key or a list.
        #[test]
        fn flat_path_never_differs_from_the_reference(
            lines in proptest::collection::vec(0usize..LINES.len(), 1..12),
        ) {
            let text: String = lines.iter().map(|&l| LINES[l]).collect();
            let reference = parse_serde(&text);
            if let Some(node) = flat::parse(&text) {
                proptest::prop_assert_eq!(Ok(node), reference.clone(), "{}", text);
            }
            proptest::prop_assert_eq!(parse(&text), reference, "{}", text);
        }
    }

    proptest::proptest! {
        /// The same, on values of any spelling from the characters that matter to YAML.
        #[test]
        fn flat_path_never_differs_on_any_spelling(
            fields in proptest::collection::vec(
                ("[a-z_-]{1,6}", " {0,2}", "[A-Za-z0-9 :\\-\\[\\],{}\"'@&*!|>#%?.~é]{0,16}"),
                1..6,
            ),
        ) {
            use std::fmt::Write as _;
            let mut text = String::new();
            for (key, gap, value) in &fields {
                let _ = writeln!(text, "{key}:{gap}{value}");
            }
            let reference = parse_serde(&text);
            if let Some(node) = flat::parse(&text) {
                proptest::prop_assert_eq!(Ok(node), reference.clone(), "{}", text);
            }
            proptest::prop_assert_eq!(parse(&text), reference, "{}", text);
        }
    }

    const LINES: &[&str] = &[
        "id: A-1\n",
        "title: Grow é  \n",
        "title: 'it''s'\n",
        "title: \"a: b\"\n",
        "title: \"a \\\" b\"\n",
        "goals: [G1, G2]\n",
        "goals: [ G1 ,G2 ]  \n",
        "goals: []\n",
        "goals: [G1, ]\n",
        "goals: ['G1']\n",
        "goals: [é, ü x,  G1]\n",
        "title: ü: x\n",
        "goals:\n",
        "goals:   \n",
        "- G1\n",
        "- 'G2'\n",
        "  - G3\n",
        "    - G4\n",
        "  -   G5  \n",
        "  -\n",
        "  - a: b\n",
        "  - [x]\n",
        "  nested: 1\n",
        "  continued text\n",
        "\n",
        "   \n",
        "# comment\n",
        "  # indented comment\n",
        "order: 12\n",
        "order: 1.5\n",
        "order: -3\n",
        "status: null\n",
        "status: ~\n",
        "flag: true\n",
        "when: 2026-01-01\n",
        "note: x # trailing\n",
        "note: C#\n",
        "note: a:b\n",
        "note: a: b\n",
        "note: x:\n",
        "note: -\n",
        "note: - x\n",
        "note: -x\n",
        "note: ? x\n",
        "note: &a x\n",
        "note: *a\n",
        "note: !t x\n",
        "note: |\n",
        "note: %x\n",
        "note: @x\n",
        "note: {a: 1}\n",
        "note: [a, [b]]\n",
        "note: 'open\n",
        "true: x\n",
        "null: x\n",
        "12: x\n",
        "a b: x\n",
        "a:b\n",
        "---\n",
        "...\n",
        "id: A-2\n",
    ];

    const KEYS: &[&str] = &[
        "id",
        "title",
        "holders",
        "id",
        "1",
        "'1'",
        "true",
        "<<",
        "\"é k\"",
        "null",
        "~",
        "x y",
        "2026-01-01",
        "? complex",
        "- bad",
        "a&b",
    ];
    const VALUES: &[&str] = &[
        " po",
        " 2026-01-01",
        " 12",
        " -12",
        " +12",
        " 007",
        " 0x1F",
        " 0X1F",
        " 1_000",
        " 1.5",
        " 1e3",
        " 1e999",
        " .inf",
        " -.nan",
        " null",
        " ~",
        "",
        " True",
        " off",
        " 'quoted'",
        " \"dq \\u00e9\"",
        " [a, b, 3]",
        " {x: 1, y: [z]}",
        " &a x",
        " *a",
        " !!str 5",
        " !custom v",
        " |\nblock\ntext",
        " >-\nfolded\ntext",
        "\n- one\n- two: 2\n  three: 3",
        "\n  nested: 1\n  deeper:\n    - x",
        " a # comment",
        " 3 days",
        " 99999999999999999999",
        " -0",
        " [a, b",
        " 'unterminated",
        " é ü",
        " a: b",
        " 12:30",
        " -",
        " .5",
    ];

    #[test]
    fn budgets_stay_the_references() {
        // Deeper than serde-saphyr's depth budget (64): the fast path steps aside and
        // the reference reports the breach.
        // (serde's recursion needs more than a debug test thread's stack at this depth).
        let deep = format!("a: {}{}\n", "[".repeat(70), "]".repeat(70));
        assert_eq!(fast::parse(&deep), None);
        let err = std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(move || parse(&deep))
            .unwrap()
            .join()
            .unwrap()
            .unwrap_err();
        assert!(err.message.contains("Depth"), "{err:?}");
        // A shallow document of the same shape takes the fast path.
        let shallow = format!("a: {}{}\n", "[".repeat(10), "]".repeat(10));
        assert_eq!(fast::parse(&shallow).map(Ok), Some(parse_serde(&shallow)));
        // An alias, a merge key, a tag: the reference path.
        for text in [
            "a: &x 1\nb: *x\n",
            "<<: {a: 1}\nb: 2\n",
            "a: !!str 5\n",
            "a: 1\n---\nb: 2\n",
        ] {
            assert_eq!(fast::parse(text), None, "{text}");
        }
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
