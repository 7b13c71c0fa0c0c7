//! The flat reader: no parser at all for the frontmatter most documents have, a mapping
//! of keys written plainly to one-line scalars, one-line flow lists of plain scalars
//! (`goals: [G1, G2]`) and block lists of one-line scalars (`labels:` then `- x`). A
//! backlog item is nearly always that, and reading it line by line costs a fraction of
//! the event parser.
//!
//! It answers `None` for anything else (a tab, a carriage return, a control character,
//! a comment after a value, a nested mapping, a multi-line scalar, an escape in a
//! double-quoted scalar, a quoted item in a flow list, a key that is not a plain word,
//! a duplicate key) and the next reader reads the document instead. What it answers is
//! what the fallback gives, spans included, down to where a block list starts: tests
//! compare the two on the repository's documents, on backlog items of both layouts and
//! on property-generated documents.

use super::core;
use super::node::{Key, Node, Scalar, Span, Value, has_duplicates};

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
    if !clean || text.len() > super::event::MAX_NODES {
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
    if entries.is_empty() || has_duplicates(&entries) {
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
    if name.is_empty() || name.starts_with('-') || !matches!(core::resolve(name), Scalar::Str(_)) {
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
            core::resolve(value)
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
                value: Value::Scalar(core::resolve(item)),
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
