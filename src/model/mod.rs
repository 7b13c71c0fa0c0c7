//! The model: every document of the workspace, reduced to the facts rules need.
//!
//! Built once by `load`, read by everything after it. Each value a user wrote keeps
//! the [`Span`](crate::yaml::Span) it came from, through a [`Loc`] of a few bytes (a file index and a
//! span), so that 100,000 backlog items stay cheap to hold. Nothing here reads files.

mod keys;
mod people;
mod scopes;

pub(crate) use crate::base::{FileId, Kind, Loc, Problem, ProblemKind, Sp, Text};
use crate::config::Config;
use crate::finding::Location;
pub(crate) use keys::{file_stem, person_key};

/// A file pmpo read: a document, or `pmpo.yaml`.
#[derive(Clone, Debug)]
pub(crate) struct SourceFile {
    /// Relative to the root, with `/`. Shared: every finding in the file names it.
    pub path: std::sync::Arc<str>,
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
    pub const ALL: [Raci; 4] = [Raci::Accountable, Raci::Responsible, Raci::Consulted, Raci::Informed];

    /// The letter or the word, in any case, spaces around ignored.
    #[must_use]
    pub fn parse(s: &str) -> Option<Raci> {
        let s = s.trim();
        Raci::ALL
            .into_iter()
            .find(|r| s.eq_ignore_ascii_case(r.letter()) || s.eq_ignore_ascii_case(r.word()))
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

    /// The word FORMAT.md spells the letter out as.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Raci::Accountable => "accountable",
            Raci::Responsible => "responsible",
            Raci::Consulted => "consulted",
            Raci::Informed => "informed",
        }
    }
}

/// Where a responsibility must be covered once: in every product, or in every team
/// (FORMAT.md, "Products and teams"). Without declared products the workspace is one
/// product with one team, so there the level changes nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ScopeLevel {
    #[default]
    Product,
    Team,
}

impl ScopeLevel {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ScopeLevel::Product => "product",
            ScopeLevel::Team => "team",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<ScopeLevel> {
        match s {
            "product" => Some(ScopeLevel::Product),
            "team" => Some(ScopeLevel::Team),
            _ => None,
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
    /// The role type expected to be accountable; `None` for `any` or unset.
    pub expected: Option<Sp<String>>,
    pub level: ScopeLevel,
    pub source: Vec<String>,
    /// Where a workspace catalog defines it; `None` for the built-in.
    pub loc: Option<Loc>,
}

/// Which responsibility stands for what pmpo checks beyond coverage; `None` turns the
/// check off (a catalog without an acceptance step).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Uses {
    /// The vision's owner must be accountable for it.
    pub vision: Option<String>,
    /// `accepted_by` must hold the role accountable for it; several for organisations
    /// that accept work at more than one level (empty: no acceptance step).
    pub acceptance: Vec<String>,
    /// Who owns roadmap documents (`pmpo codeowners`).
    pub roadmap: Option<String>,
    /// Who owns backlog documents (`pmpo codeowners`).
    pub backlog: Option<String>,
}

/// The catalog in force.
#[derive(Clone, Debug, Default)]
pub(crate) struct Catalog {
    /// `builtin:pm-po`, `builtin:scrum` or the catalog file's path.
    pub name: String,
    /// The catalog document in force, when it is the workspace's.
    pub file: Option<FileId>,
    /// The built-in it is or extends, if any: what explain texts and charters cite.
    pub builtin: Option<&'static str>,
    pub responsibilities: Vec<Responsibility>,
    pub uses: Uses,
    /// Role types held by a group by design: no `accountable-committee` for them.
    pub group_types: Vec<String>,
    /// `limits.max_load` when `pmpo.yaml` sets none.
    pub max_load: i64,
}

impl Catalog {
    /// The acceptance responsibility for an item of a team (`team`) or of a product or
    /// the workspace: the first of `uses: acceptance` at that level, else the first.
    #[must_use]
    pub(crate) fn acceptance_for(&self, level: ScopeLevel) -> Option<&str> {
        let level_of = |id: &str| self.responsibilities.iter().find(|r| r.id == id).map(|r| r.level);
        self.uses
            .acceptance
            .iter()
            .find(|a| level_of(a) == Some(level))
            .or_else(|| self.uses.acceptance.first())
            .map(String::as_str)
    }
}

/// One `uses:` entry as written: absent (inherit), `null` (off) or responsibilities.
pub(crate) type UsesEntry = Option<Vec<Sp<String>>>;

/// One entry of a catalog document's `responsibilities:` as written: a new
/// responsibility, or, in a catalog that extends another, an amendment of the extended
/// entry with that id (only the fields given replace the extended entry's).
#[derive(Clone, Debug)]
pub struct ResponsibilityEntry {
    pub id: Sp<String>,
    /// Where the entry starts, for a missing `title`.
    pub loc: Loc,
    pub title: Option<String>,
    pub description: Option<String>,
    pub area: Option<String>,
    pub strategic: Option<bool>,
    /// `None` when the entry does not say.
    pub expected: Option<Expected>,
    pub level: Option<ScopeLevel>,
    pub source: Option<Vec<String>>,
}
/// What a catalog entry's `expected:` says: a role type, or `any`.
#[derive(Clone, Debug)]
pub enum Expected {
    Any,
    Type(Sp<String>),
}

impl Expected {
    /// The role type expected, none for `any`.
    #[must_use]
    pub fn role_type(&self) -> Option<&Sp<String>> {
        match self {
            Expected::Any => None,
            Expected::Type(t) => Some(t),
        }
    }
}

/// A catalog document as written, before `extends` and `remove` are applied.
#[derive(Clone, Debug)]
pub struct CatalogDoc {
    pub file: FileId,
    pub loc: Loc,
    pub name: Option<String>,
    pub extends: Option<Sp<String>>,
    pub remove: Vec<Sp<String>>,
    pub responsibilities: Vec<ResponsibilityEntry>,
    pub uses_vision: UsesEntry,
    pub uses_acceptance: UsesEntry,
    pub uses_roadmap: UsesEntry,
    pub uses_backlog: UsesEntry,
    /// `None` when the document does not set `group_types:` (inherit).
    pub group_types: Option<Vec<Sp<String>>>,
    /// `limits: max_load:`, when set.
    pub max_load: Option<Sp<i64>>,
}

/// A Definition of Done: the criteria every item of its scope meets, the minimum an
/// item without criteria of its own is held to. A document of kind
/// `definition-of-done` today; Backlog.md's `definition_of_done:` can add more.
#[derive(Clone, Debug)]
pub struct DefinitionOfDone {
    pub file: FileId,
    pub loc: Loc,
    /// `scope:` as written.
    pub scope: Option<Sp<String>>,
    /// Its scope, resolved once at load.
    pub at: Scope,
    pub criteria: Vec<Sp<String>>,
}

/// One person of the people document.
#[derive(Clone, Debug)]
pub struct PersonDoc {
    pub id: Sp<String>,
    pub name: Option<String>,
    pub aliases: Vec<Sp<String>>,
    /// The share of a working week for the roles here, 0 < capacity <= 1 (1 when unset).
    pub capacity: f64,
    pub github: Option<String>,
    /// The last day they hold their roles.
    pub until: Option<Sp<crate::date::Date>>,
}

impl PersonDoc {
    /// How tables and reports name them: the name, else the id.
    #[must_use]
    pub fn shown(&self) -> &str {
        self.name.as_deref().unwrap_or(self.id.as_str())
    }
}

/// The people document: who the holders are.
#[derive(Clone, Debug)]
pub struct PeopleDoc {
    pub file: FileId,
    pub loc: Loc,
    pub people: Vec<PersonDoc>,
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
    /// What kinds of role this is (`type:`, one or a list), the id when unset: rules
    /// that ask "is this a product owner?" read this, never the id. Never empty.
    pub types: Vec<Sp<String>>,
    /// `scope:` as written, one or a list; empty when unset.
    pub scope: Vec<Sp<String>>,
    /// The scopes it serves, resolved once at load ([`Model::resolve_scopes`]: each written
    /// one that names a declared product or team, the file's path scope when none does):
    /// never empty, no scope twice.
    pub scopes: Vec<Scope>,
    /// Held outside the organisation the workspace describes: its holders are not the
    /// workspace's people (no load, not `combined-roles`).
    pub external: bool,
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

impl Role {
    /// Whether this role is of type `t` (one of its `type:` list).
    #[must_use]
    pub fn is_type(&self, t: &str) -> bool {
        self.types.iter().any(|x| x.value == t)
    }

    /// Whether its type is the id alone (no `type:` that says more).
    #[must_use]
    pub fn typed_as_id(&self) -> bool {
        self.types.len() == 1 && self.types[0].value == self.id.value
    }

    /// Whether it serves `scope` itself (one of its own scopes).
    #[must_use]
    pub fn serves(&self, scope: Scope) -> bool {
        self.scopes.contains(&scope)
    }
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
    /// `scope:` as written.
    pub scope: Option<Sp<String>>,
    /// Its scope, resolved once at load.
    pub at: Scope,
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
    /// `scope:` as written.
    pub scope: Option<Sp<String>>,
    /// Its scope, resolved once at load.
    pub at: Scope,
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

    /// Done, accepted or dropped: off the board, history rather than work to order or
    /// trace.
    #[must_use]
    pub fn is_finished(self) -> bool {
        matches!(self, Status::Done | Status::Accepted | Status::Dropped)
    }

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
        let key = status_key(s);
        STATUS_KEYS.iter().find(|(k, _)| *k == key).map(|(_, status)| *status)
    }
}

/// Every status FORMAT.md and Backlog.md write, as [`status_key`] folds it, and the
/// status it is: what [`Status::parse`] reads and the JSON Schemas' pattern allows.
pub(crate) const STATUS_KEYS: &[(&str, Status)] = &[
    ("idea", Status::Idea),
    ("draft", Status::Idea),
    ("proposed", Status::Idea),
    ("ready", Status::Ready),
    ("todo", Status::Ready),
    ("inprogress", Status::InProgress),
    ("done", Status::Done),
    ("completed", Status::Done),
    ("accepted", Status::Accepted),
    ("dropped", Status::Dropped),
    ("wontdo", Status::Dropped),
    ("wontfix", Status::Dropped),
    ("skipped", Status::Dropped),
    ("cancelled", Status::Dropped),
    ("canceled", Status::Dropped),
];

/// A status as FORMAT.md compares them: case, spaces, `-`, `_` and apostrophes dropped.
fn status_key(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '\'' | '\u{2019}'))
        .flat_map(char::to_lowercase)
        .collect()
}

#[derive(Clone, Debug)]
pub struct BacklogItem {
    pub file: FileId,
    pub id: Sp<Text>,
    pub title: Text,
    pub status: Status,
    pub status_loc: Option<Loc>,
    /// The rank, any number: Backlog.md halves ordinals to fit a task between two.
    pub order: Option<Sp<f64>>,
    pub goals: Box<[Sp<Text>]>,
    /// Boxed: only accepted items carry it.
    pub accepted_by: Option<Box<Sp<Text>>>,
    /// How many acceptance criteria the item states.
    pub criteria: u32,
    /// The "Acceptance criteria" heading, when the body has one.
    pub criteria_loc: Option<Loc>,
    /// The first criterion written `- [ ]`, not yet checked.
    pub unchecked: Option<Loc>,
    /// Whether the item carries a Definition of Done of its own (Backlog.md's
    /// `<!-- DOD:BEGIN -->` block with items), its minimum as a workspace's is.
    pub own_dod: bool,
    /// `scope:` as written, the backlog list's when the item names none. Boxed: most
    /// items have none, and 100,000 of them stay small.
    pub scope: Option<Box<Sp<String>>>,
    /// Its scope, resolved once at load.
    pub at: Scope,
}

#[derive(Debug, Default)]
pub(crate) struct Model {
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
    pub definitions_of_done: Vec<DefinitionOfDone>,
    pub problems: Vec<Problem>,
    /// The people document in force, when the workspace has one.
    pub people: Option<PeopleDoc>,
    /// Each person's id, name and aliases as [`person_key`] folds them, to the person's
    /// index in `people`.
    pub person_keys: std::collections::HashMap<String, usize>,
    /// Holders taken out of their roles before the rules ran: people whose `until` has
    /// passed, and those `--without` names.
    pub left: Vec<Left>,
    /// The names `--without` gave, as written (trimmed): what if they left.
    pub without: Vec<String>,
    /// Files that only a `**/` convention matches and that are someone else's pages
    /// (no frontmatter, or none of the kind's fields): not documents; `check -v` lists them.
    pub skipped: Vec<FileId>,
    /// Files that are no document but read as role charters, at their `holders` key.
    pub stray_charters: Vec<Loc>,
    /// The settings of a Backlog.md repository (`backlog/config.yml`), when it is one:
    /// its `statuses:` and its `definition_of_done:` list.
    pub backlog_md: Option<BacklogMd>,
    /// Documents that could not be read, with the kind their path or `kind:` gives them.
    /// What the path tells still holds (a charter's id from its file stem, that a vision
    /// exists), so that no rule claims the role or goals such a file defines are missing.
    pub unread: Vec<(FileId, Kind)>,
    /// Per file, the declared product or team whose `path:` holds it most closely
    /// (an index into `config.scopes`); empty when no products are declared.
    pub file_scopes: Vec<Option<u32>>,
    /// The root's path from the root of the git repository holding it, ending in `/`
    /// (empty at the repository's root or outside any): the CI formats prefix it.
    pub repo_prefix: String,
}

/// A holder taken out of a role: why, for the findings that follow from it.
#[derive(Clone, Debug)]
pub(crate) struct Left {
    /// The role's id.
    pub role: String,
    /// The holder as the charter wrote it.
    pub holder: String,
    /// The day after which they hold nothing; `None` for `--without`.
    pub until: Option<crate::date::Date>,
}

/// What pmpo takes from a Backlog.md repository's settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BacklogMd {
    /// The names under `statuses:`, as written.
    pub statuses: Vec<String>,
    /// The items of `definition_of_done:`, as written. Read so that the key is no
    /// finding; the Definition of Done it stands for is wired where definitions are.
    pub definition_of_done: Vec<String>,
}

impl BacklogMd {
    /// Whether `status` is one of the config's `statuses:`, compared as FORMAT.md
    /// compares statuses (case, spaces, `-`, `_` and apostrophes do not matter).
    #[must_use]
    pub fn lists(&self, status: &str) -> bool {
        let key = status_key(status);
        !key.is_empty() && self.statuses.iter().any(|s| status_key(s) == key)
    }
}

/// A scope: `None` is the workspace, `Some(i)` the product or team `config.scopes[i]`.
pub(crate) type Scope = Option<u32>;

impl Model {
    /// A location that emitters can print.
    #[must_use]
    pub(crate) fn location(&self, loc: Loc) -> Location {
        Location {
            file: self.files[loc.file.0 as usize].path.clone(),
            span: loc.span,
        }
    }

    #[must_use]
    pub(crate) fn path(&self, file: FileId) -> &str {
        &self.files[file.0 as usize].path
    }

    /// The unread documents of one kind.
    pub(crate) fn unread_of(&self, kind: Kind) -> impl Iterator<Item = FileId> + '_ {
        self.unread.iter().filter(move |(_, k)| *k == kind).map(|(f, _)| *f)
    }

    /// The unread charter whose file stem is `id`: the role it most likely defines.
    #[must_use]
    pub(crate) fn unread_role(&self, id: &str) -> Option<FileId> {
        self.unread_of(Kind::Role).find(|&f| file_stem(self.path(f)) == id)
    }

    /// How a finding the unread charters may explain says so: "roles/x.md could not be
    /// read; it may cover this". `None` when every charter was read.
    #[must_use]
    pub(crate) fn unread_roles_note(&self) -> Option<String> {
        self.unread_note(&[Kind::Role], "cover this")
    }

    /// "PATH could not be read; it may DO" for the first unread document of `kinds`
    /// (and how many more), or `None` when all of them were read.
    #[must_use]
    pub(crate) fn unread_note(&self, kinds: &[Kind], does: &str) -> Option<String> {
        let paths: Vec<&str> = self
            .unread
            .iter()
            .filter(|(_, k)| kinds.contains(k))
            .map(|(f, _)| self.path(*f))
            .collect();
        match paths.as_slice() {
            [] => None,
            [one] => Some(format!("{one} could not be read; it may {does}")),
            [first, rest @ ..] => Some(format!(
                "{first} and {} more document{} could not be read; they may {does}",
                rest.len(),
                if rest.len() == 1 { "" } else { "s" }
            )),
        }
    }
}
