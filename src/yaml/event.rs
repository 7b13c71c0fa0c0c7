//! The event reader: a [`Node`] tree built from the event parser serde-saphyr is built
//! on, without serde's event replay, `Spanned` visitors and per-event budget bookkeeping.
//!
//! It answers `None` whenever the fallback could answer differently: on any parser
//! error, on aliases, anchors and tags, on a root that is not a mapping, on a second
//! document, on keys that could be duplicates or merge keys, and well before any budget
//! (depth, nodes, events, scalar bytes) could be reached. The caller then runs the
//! fallback, so errors and their messages are serde-saphyr's, and the budgets are its
//! budgets. Plain scalars are typed by [`core::resolve`], as the fallback's are.

use std::borrow::Cow;

use serde_saphyr::granit_parser::{self, Event, Parser, ScalarStyle};

use super::core;
use super::node::{Key, Node, Scalar, Span, Value, has_duplicates};

/// Margins under serde-saphyr's default budget (depth 64, 250,000 nodes, a million
/// events, 64 MiB of scalar text): a document near them goes to the fallback, which
/// reports the breach exactly.
const MAX_DEPTH: usize = 48;
pub(super) const MAX_NODES: usize = 200_000;
const MAX_EVENTS: usize = 800_000;
const MAX_SCALAR_BYTES: usize = 48 * 1024 * 1024;

/// A collection being read: its span and what it holds so far (for a mapping, the key
/// whose value comes next).
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

/// The reader's state between events: the collections open, the root once finished,
/// and the counts the budgets are checked against.
#[derive(Default)]
struct Reader {
    stack: Vec<Frame>,
    root: Option<Node>,
    nodes: usize,
    events: usize,
    scalar_bytes: usize,
    documents: usize,
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

/// The document `text` as a mapping of plain data, or `None` to leave it to the
/// fallback.
pub(super) fn parse(text: &str) -> Option<Node> {
    let mut parser = Parser::new_from_str_with_options(text, options());
    let mut reader = Reader::default();
    while let Some(item) = parser.next_event() {
        let (event, span) = item.ok()?;
        let end = matches!(event, Event::StreamEnd);
        reader.step(event, &span)?;
        if end {
            break;
        }
    }
    reader.finish()
}

impl Reader {
    /// Take one event, and put in place the node it finishes, if any; `None` to give up.
    fn step(&mut self, event: Event<'_>, span: &granit_parser::Span) -> Option<()> {
        self.events += 1;
        if self.events > MAX_EVENTS {
            return None;
        }
        let done = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => return Some(()),
            Event::DocumentStart(..) => {
                self.documents += 1;
                return (self.documents <= 1).then_some(());
            }
            Event::MappingStart(_, 0, None) => return self.open(span, true),
            Event::SequenceStart(_, 0, None) => return self.open(span, false),
            Event::MappingEnd => self.close_map()?,
            Event::SequenceEnd => self.close_seq()?,
            Event::Scalar(value, style, 0, None) => self.scalar(value, style, span)?,
            // Aliases, anchors, tags, comments and anything newer: the fallback.
            _ => return None,
        };
        self.attach(done)
    }

    /// A mapping or a list starts, within the depth and node budgets.
    fn open(&mut self, span: &granit_parser::Span, map: bool) -> Option<()> {
        self.nodes += 1;
        if self.stack.len() >= MAX_DEPTH || self.nodes > MAX_NODES || (self.stack.is_empty() && self.root.is_some()) {
            return None;
        }
        let span = span_of(span)?;
        self.stack.push(if map {
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
        Some(())
    }

    /// The open mapping ends: it is finished unless a key waits for its value or two
    /// keys share a text.
    fn close_map(&mut self) -> Option<Node> {
        match self.stack.pop()? {
            Frame::Map {
                span,
                entries,
                key: None,
            } if !has_duplicates(&entries) => Some(Node {
                span,
                value: Value::Map(entries),
            }),
            _ => None,
        }
    }

    /// The open list ends.
    fn close_seq(&mut self) -> Option<Node> {
        match self.stack.pop()? {
            Frame::Seq { span, items } => Some(Node {
                span,
                value: Value::Seq(items),
            }),
            Frame::Map { .. } => None,
        }
    }

    /// A scalar, within the node and scalar-text budgets; a plain one typed by the core
    /// schema, a quoted or block one a string.
    fn scalar(&mut self, value: Cow<'_, str>, style: ScalarStyle, span: &granit_parser::Span) -> Option<Node> {
        self.nodes += 1;
        self.scalar_bytes += value.len();
        if self.nodes > MAX_NODES || self.scalar_bytes > MAX_SCALAR_BYTES {
            return None;
        }
        let scalar = if style == ScalarStyle::Plain {
            core::resolve(&value)
        } else {
            Scalar::Str(value.into_owned())
        };
        Some(Node {
            span: span_of(span)?,
            value: Value::Scalar(scalar),
        })
    }

    /// Put a finished node where it belongs: the root, the next item of the open list,
    /// or the open mapping's next key or the value of its waiting key.
    fn attach(&mut self, done: Node) -> Option<()> {
        match self.stack.last_mut() {
            None => {
                if self.root.is_some() {
                    return None;
                }
                self.root = Some(done);
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
        Some(())
    }

    /// The document read: only a mapping at the root. An empty document, a bare scalar
    /// or a list are rare and the fallback shapes them.
    fn finish(self) -> Option<Node> {
        let root = self.root?;
        (self.stack.is_empty() && matches!(root.value, Value::Map(_))).then_some(root)
    }
}
