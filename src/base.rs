//! The small types every layer shares: where a value was written ([`FileId`], [`Loc`],
//! [`Sp`]), what went wrong reading it ([`Problem`]), and which kind of document it is
//! ([`Kind`]).
//!
//! They sit below the configuration, the catalog, the loader and the model, so that
//! each of those can name a place or a problem without importing another: `pmpo.yaml`
//! is read into plain data before any model exists, and the model is built on top.

use crate::yaml::Span;

/// Index of a file in the model's list of files (`Model::files`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A place in the workspace: a file and a span in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    pub file: FileId,
    pub span: Span,
}

/// A value with the place it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sp<T> {
    pub value: T,
    pub loc: Loc,
}

impl<T> Sp<T> {
    pub fn new(value: T, loc: Loc) -> Self {
        Sp { value, loc }
    }
}

impl<T: AsRef<str>> Sp<T> {
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.value.as_ref()
    }
}

impl Sp<String> {
    /// As [`Text`]: inline when short, so the `String` read is freed.
    #[must_use]
    pub fn into_text(self) -> Sp<Text> {
        Sp::new(Text::new(&self.value), self.loc)
    }
}

/// Text the model holds for each of many backlog items (ids, goal references, titles):
/// up to 24 bytes inline, with no allocation of its own, which is most of them.
pub(crate) type Text = compact_str::CompactString;

/// The eight kinds of document FORMAT.md defines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Role,
    BacklogItem,
    Backlog,
    Vision,
    Roadmap,
    Catalog,
    DefinitionOfDone,
    People,
}

impl Kind {
    /// In the order path conventions are tried.
    pub const ALL: [Kind; 8] = [
        Kind::Role,
        Kind::BacklogItem,
        Kind::Backlog,
        Kind::Vision,
        Kind::Roadmap,
        Kind::Catalog,
        Kind::DefinitionOfDone,
        Kind::People,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Role => "role",
            Kind::BacklogItem => "backlog-item",
            Kind::Backlog => "backlog",
            Kind::Vision => "vision",
            Kind::Roadmap => "roadmap",
            Kind::Catalog => "catalog",
            Kind::DefinitionOfDone => "definition-of-done",
            Kind::People => "people",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A document that could not be read as its kind, or a field that is wrong: the
/// loader records these and the `parse-error`, `invalid-field` and
/// `unknown-responsibility` rules report them.
#[derive(Clone, Debug)]
pub struct Problem {
    pub kind: ProblemKind,
    pub message: String,
    pub loc: Loc,
    pub help: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    Parse,
    InvalidField,
    UnknownResponsibility,
}
