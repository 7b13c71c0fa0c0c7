//! The tree every reader builds: [`Node`]s of maps, sequences and scalars, each with the
//! [`Span`] it came from, and the checks the readers share.

use std::collections::HashSet;

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
pub(crate) fn sat_u32<T: TryInto<u32>>(n: T) -> u32 {
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

/// A scalar as YAML 1.2's core schema resolves it ([`core::resolve`], by every reader).
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
pub(crate) type Written = compact_str::CompactString;

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

/// Above this many keys a mapping checks duplicates with a set, not pairwise.
const SMALL_MAP: usize = 16;

/// Whether two keys of a mapping share a text. The flat and event readers leave such a
/// mapping to the fallback, which may call them duplicates (or not: `1` and `"1"`).
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
