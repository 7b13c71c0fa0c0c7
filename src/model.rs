//! The model: every document of the workspace, reduced to the facts rules need.
//!
//! Built once by `load`, read by everything after it. Each value a user wrote keeps
//! the [`Span`] it came from, through a [`Loc`] of a few bytes (a file index and a
//! span), so that 100,000 backlog items stay cheap to hold. Nothing here reads files.

use crate::config::Config;
use crate::finding::Location;
use crate::yaml::Span;

/// Index of a file in [`Model::files`].
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

impl Sp<String> {
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// The six kinds of document FORMAT.md defines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Role,
    BacklogItem,
    Backlog,
    Vision,
    Roadmap,
    Catalog,
}

impl Kind {
    /// In the order path conventions are tried.
    pub const ALL: [Kind; 6] = [
        Kind::Role,
        Kind::BacklogItem,
        Kind::Backlog,
        Kind::Vision,
        Kind::Roadmap,
        Kind::Catalog,
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
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A file pmpo read: a document, or `pmpo.yaml`.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Relative to the root, with `/`.
    pub path: String,
    pub kind: Option<Kind>,
    /// The text read, for code frames and span ends: what was read once is what is
    /// shown, and no emitter opens a file again. `None` when nothing was read.
    pub text: Option<Box<str>>,
}

/// RACI letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Raci {
    Accountable,
    Responsible,
    Consulted,
    Informed,
}

impl Raci {
    #[must_use]
    pub fn parse(s: &str) -> Option<Raci> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a" | "accountable" => Some(Raci::Accountable),
            "r" | "responsible" => Some(Raci::Responsible),
            "c" | "consulted" => Some(Raci::Consulted),
            "i" | "informed" => Some(Raci::Informed),
            _ => None,
        }
    }

    #[must_use]
    pub fn letter(self) -> &'static str {
        match self {
            Raci::Accountable => "A",
            Raci::Responsible => "R",
            Raci::Consulted => "C",
            Raci::Informed => "I",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Responsibility {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub area: String,
    pub strategic: bool,
    /// The role expected to be accountable; `None` for `any` or unset.
    pub expected: Option<Sp<String>>,
    pub source: Vec<String>,
    /// Where a workspace catalog defines it; `None` for the built-in.
    pub loc: Option<Loc>,
}

/// The catalog in force.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// `builtin:pm-po` or the catalog file's path.
    pub name: String,
    pub responsibilities: Vec<Responsibility>,
}

/// A catalog document as written, before `extends` and `remove` are applied.
#[derive(Clone, Debug)]
pub struct CatalogDoc {
    pub file: FileId,
    pub loc: Loc,
    pub name: Option<String>,
    pub extends: Option<Sp<String>>,
    pub remove: Vec<Sp<String>>,
    pub responsibilities: Vec<Responsibility>,
}

#[derive(Clone, Debug)]
pub struct Assignment {
    pub responsibility: Sp<String>,
    pub raci: Raci,
}

#[derive(Clone, Debug)]
pub struct Role {
    pub file: FileId,
    pub id: Sp<String>,
    pub title: String,
    pub holders: Vec<Sp<String>>,
    /// Where `holders:` is written (or the id, when it is missing).
    pub holders_loc: Loc,
    pub reports_to: Option<Sp<String>>,
    pub team_size: Option<Sp<i64>>,
    pub assignments: Vec<Assignment>,
    /// The prose after the frontmatter, for charters.
    pub body: String,
}

#[derive(Clone, Debug)]
pub struct Goal {
    pub id: Sp<String>,
    pub title: String,
}

#[derive(Clone, Debug)]
pub struct Vision {
    pub file: FileId,
    pub loc: Loc,
    pub product: Option<String>,
    pub owner: Option<Sp<String>>,
    pub goals: Vec<Goal>,
    /// Where `goals:` is written, or the document start.
    pub goals_loc: Loc,
}

#[derive(Clone, Debug)]
pub struct RoadmapItem {
    pub id: Sp<String>,
    pub title: String,
    pub goals: Vec<Sp<String>>,
    pub when: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Roadmap {
    pub file: FileId,
    pub loc: Loc,
    pub owner: Option<Sp<String>>,
    pub items: Vec<RoadmapItem>,
}

/// Backlog statuses, in the order work moves through them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Idea,
    Ready,
    InProgress,
    Done,
    Accepted,
    Dropped,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Idea,
        Status::Ready,
        Status::InProgress,
        Status::Done,
        Status::Accepted,
        Status::Dropped,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Idea => "idea",
            Status::Ready => "ready",
            Status::InProgress => "in-progress",
            Status::Done => "done",
            Status::Accepted => "accepted",
            Status::Dropped => "dropped",
        }
    }

    /// Match without regard to case, spaces, `-`, `_` or apostrophes; Backlog.md's
    /// statuses are aliases.
    #[must_use]
    pub fn parse(s: &str) -> Option<Status> {
        let key: String = s
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_' | '\'' | '\u{2019}'))
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "idea" => Some(Status::Idea),
            "ready" | "todo" => Some(Status::Ready),
            "inprogress" => Some(Status::InProgress),
            "done" => Some(Status::Done),
            "accepted" => Some(Status::Accepted),
            "dropped" | "wontdo" => Some(Status::Dropped),
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct BacklogItem {
    pub file: FileId,
    pub id: Sp<String>,
    pub title: String,
    pub status: Status,
    pub status_loc: Option<Loc>,
    pub order: Option<Sp<i64>>,
    pub goals: Vec<Sp<String>>,
    pub accepted_by: Option<Sp<String>>,
    /// How many acceptance criteria the item states.
    pub criteria: u32,
    /// The "Acceptance criteria" heading, when the body has one.
    pub criteria_loc: Option<Loc>,
}

/// A document that could not be read as its kind, or a field that is wrong: the
/// loader records these and the `parse-error` and `invalid-field` rules report them.
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
    DuplicateId,
}

#[derive(Debug, Default)]
pub struct Model {
    pub files: Vec<SourceFile>,
    /// How many files are pmpo documents (those that failed to parse included).
    pub documents: usize,
    pub role_documents: usize,
    pub config: Config,
    pub catalog: Catalog,
    pub catalog_docs: Vec<CatalogDoc>,
    pub roles: Vec<Role>,
    pub visions: Vec<Vision>,
    pub roadmaps: Vec<Roadmap>,
    pub items: Vec<BacklogItem>,
    pub problems: Vec<Problem>,
}

impl Model {
    /// A location that emitters can print.
    #[must_use]
    pub fn location(&self, loc: Loc) -> Location {
        Location {
            file: self.files[loc.file.0 as usize].path.clone(),
            span: loc.span,
        }
    }

    #[must_use]
    pub fn path(&self, file: FileId) -> &str {
        &self.files[file.0 as usize].path
    }
}
