//! The tables themselves: every field of every document kind and of `pmpo.yaml`, in
//! the order the loader's "the fields of … are" help lists them.

use super::id::IdSyntax;
use super::table::{Field, Item, Table, Type};
use crate::base::Kind;

const fn field(name: &'static str, ty: Type, description: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        description,
    }
}

const fn required(name: &'static str, ty: Type, description: &'static str) -> Field {
    Field {
        name,
        ty,
        required: true,
        description,
    }
}

const KEBAB: IdSyntax = IdSyntax::Kebab;
const GOALS: &str = "the vision goals this serves, by id; `product/G1` names another product's goal";
const NOT_READ: &str = "free text, not read";
const BACKLOG_MD: &str = "a Backlog.md field, known and not read";

pub(crate) static ROLE: Table = Table {
    what: "a role",
    title: Some("pmpo role charter"),
    description: "The YAML frontmatter of a role charter (pmpo FORMAT.md, version 1).",
    fields: &[
        field(
            "kind",
            Type::Kind(Kind::Role),
            "the document kind; optional under roles/",
        ),
        field(
            "id",
            Type::Id(KEBAB),
            "the role id, kebab-case; defaults to the file stem",
        ),
        field("title", Type::Text, "the role's name, such as Product Owner"),
        field(
            "holders",
            Type::Texts(Item::NonBlank),
            "the people who hold this role, each an exact string",
        ),
        field(
            "type",
            Type::Texts(Item::Id(KEBAB)),
            "what kind of role this is, such as product-owner, or a list when one role is both; defaults to the id",
        ),
        field(
            "scope",
            Type::Texts(Item::Id(KEBAB)),
            "the product or team this role serves, or a list of them",
        ),
        field(
            "external",
            Type::Bool,
            "true for a role held outside the organisation this workspace describes (default false)",
        ),
        field("reports_to", Type::IdOrNull(KEBAB), "the role this one reports to"),
        field("team_size", Type::Count, "developers this role works with"),
        field("responsibilities", Type::Raci, "responsibility id -> RACI letter"),
    ],
};

pub(crate) static VISION: Table = Table {
    what: "a vision",
    title: Some("pmpo vision"),
    description: "The YAML frontmatter of a product vision (pmpo FORMAT.md, version 1).",
    fields: &[
        field(
            "kind",
            Type::Kind(Kind::Vision),
            "the document kind; optional for a file named vision.md",
        ),
        field("product", Type::Text, "the product's name"),
        field("owner", Type::IdOrNull(KEBAB), "the role accountable for this vision"),
        field(
            "scope",
            Type::IdOrNull(KEBAB),
            "the product (or team) whose vision this is",
        ),
        field("goals", Type::List(&GOAL), "the goals backlog and roadmap items serve"),
    ],
};

pub(crate) static GOAL: Table = Table {
    what: "a goal",
    title: None,
    description: "a goal of the vision",
    fields: &[
        required("id", Type::Id(IdSyntax::Item), "the goal id, such as G1"),
        field("title", Type::Text, "what the goal achieves"),
        field("description", Type::Any, NOT_READ),
    ],
};

pub(crate) static ROADMAP: Table = Table {
    what: "a roadmap",
    title: Some("pmpo roadmap"),
    description: "A roadmap document (pmpo FORMAT.md, version 1).",
    fields: &[
        field(
            "kind",
            Type::Kind(Kind::Roadmap),
            "the document kind; optional for a file named roadmap.md or roadmap.yaml",
        ),
        field("owner", Type::IdOrNull(KEBAB), "the role accountable for the roadmap"),
        field("scope", Type::IdOrNull(KEBAB), "the product or team of the roadmap"),
        field("items", Type::List(&ROADMAP_ITEM), "the roadmap items"),
    ],
};

pub(crate) static ROADMAP_ITEM: Table = Table {
    what: "a roadmap item",
    title: None,
    description: "a roadmap item",
    fields: &[
        required("id", Type::Id(IdSyntax::Item), "the roadmap item id, such as R1"),
        field("title", Type::Text, "what will be delivered"),
        field("goals", Type::Texts(Item::Id(IdSyntax::GoalRef)), GOALS),
        field("goal", Type::Texts(Item::Id(IdSyntax::GoalRef)), GOALS),
        field("when", Type::Text, "free text, such as 2027-Q1"),
        field("description", Type::Any, NOT_READ),
    ],
};

pub(crate) static BACKLOG: Table = Table {
    what: "a backlog",
    title: Some("pmpo backlog"),
    description: "Many backlog items in one YAML file (pmpo FORMAT.md, version 1).",
    fields: &[
        field(
            "kind",
            Type::Kind(Kind::Backlog),
            "the document kind; optional for YAML files under backlog/",
        ),
        field(
            "scope",
            Type::IdOrNull(KEBAB),
            "the product or team of every item that names none",
        ),
        field("items", Type::Items, "the backlog items"),
    ],
};

/// A backlog item, in its own file (`id` defaults to the file stem) or in a backlog
/// list; Backlog.md's fields included, so its task files read with no edit.
pub(crate) static ITEM: Table = Table {
    what: "a backlog item",
    title: Some("pmpo backlog item"),
    description: "The YAML frontmatter of a backlog item (pmpo FORMAT.md, version 1; Backlog.md task files read as they are).",
    fields: &[
        field(
            "kind",
            Type::Kind(Kind::BacklogItem),
            "the document kind; optional under backlog/",
        ),
        field("id", Type::Id(IdSyntax::Item), "the item id, such as CHK-101"),
        field("title", Type::Text, "what the item delivers"),
        field(
            "status",
            Type::Status,
            "idea | ready | in-progress | done | accepted | dropped (default idea); case, spaces, `-` and `_` do not matter; Backlog.md's To Do, In Progress, Done, Completed, Draft, Proposed, Won't Do, Won't Fix, Wontfix, Skipped, Cancelled and Canceled are aliases, and in a Backlog.md repository so is every status its backlog/config.yml lists",
        ),
        field(
            "scope",
            Type::IdOrNull(KEBAB),
            "the product or team of the item; in a list, the list's when absent",
        ),
        field(
            "order",
            Type::Number,
            "rank, any number (1500 or 62.5); lower comes first",
        ),
        field("goals", Type::Texts(Item::Id(IdSyntax::GoalRef)), GOALS),
        field("goal", Type::Texts(Item::Id(IdSyntax::GoalRef)), GOALS),
        field(
            "accepted_by",
            Type::Text,
            "who accepted the finished work (status accepted)",
        ),
        field("labels", Type::Texts(Item::Scalar), "free labels"),
        field(
            "acceptance_criteria",
            Type::Texts(Item::Scalar),
            "acceptance criteria, besides those under an \"Acceptance criteria\" heading",
        ),
        field("description", Type::Any, NOT_READ),
        field(
            "assignee",
            Type::Texts(Item::Scalar),
            "Backlog.md's assignees: one name or a list",
        ),
        field("reporter", Type::Any, BACKLOG_MD),
        field("created_date", Type::Any, BACKLOG_MD),
        field("updated_date", Type::Any, BACKLOG_MD),
        field("completed_date", Type::Any, BACKLOG_MD),
        field("due_date", Type::Any, BACKLOG_MD),
        field("milestone", Type::Any, BACKLOG_MD),
        field("dependencies", Type::Any, BACKLOG_MD),
        field("references", Type::Any, BACKLOG_MD),
        field("documentation", Type::Any, BACKLOG_MD),
        field("modified_files", Type::Any, BACKLOG_MD),
        field("parent_task_id", Type::Any, BACKLOG_MD),
        field("subtasks", Type::Any, BACKLOG_MD),
        field("priority", Type::Any, BACKLOG_MD),
        field("type", Type::Any, BACKLOG_MD),
        field(
            "ordinal",
            Type::Number,
            "Backlog.md's rank, the order when `order` is absent",
        ),
        field("date", Type::Any, BACKLOG_MD),
        field("tags", Type::Any, BACKLOG_MD),
        field("onStatusChange", Type::Any, BACKLOG_MD),
    ],
};

pub(crate) static CATALOG: Table = Table {
    what: "a catalog",
    title: Some("pmpo catalog"),
    description: "A workspace catalog of responsibilities (pmpo FORMAT.md, version 1).",
    fields: &[
        field(
            "kind",
            Type::Kind(Kind::Catalog),
            "the document kind; optional for responsibilities.yaml",
        ),
        field("name", Type::Text, "the catalog's name"),
        field("extends", Type::Builtin, "the built-in catalog this one extends"),
        field(
            "remove",
            Type::Texts(Item::Id(KEBAB)),
            "ids of the extended catalog to drop",
        ),
        field("responsibilities", Type::List(&RESPONSIBILITY), "the responsibilities"),
        field(
            "uses",
            Type::Map(&USES, true),
            "which responsibility stands for what pmpo checks beyond coverage; null turns a check off; inherited from the extended catalog unless set",
        ),
        field(
            "group_types",
            Type::Texts(Item::Id(KEBAB)),
            "role types held by a group by design: no accountable-committee for them",
        ),
        field(
            "limits",
            Type::Map(&CATALOG_LIMITS, false),
            "defaults for pmpo.yaml's `limits`; inherited from the extended catalog unless set",
        ),
    ],
};

pub(crate) static RESPONSIBILITY: Table = Table {
    what: "a responsibility",
    title: None,
    description: "a responsibility that must be covered",
    fields: &[
        required("id", Type::Id(KEBAB), "the responsibility id, kebab-case"),
        field(
            "title",
            Type::Text,
            "what the responsibility is; required unless the entry amends one of the extended catalog",
        ),
        field("description", Type::Text, "a longer explanation"),
        field(
            "area",
            Type::Text,
            "free text; the built-in uses strategy, discovery, delivery, team, communication (default other)",
        ),
        field(
            "strategic",
            Type::Bool,
            "uncovered strategic responsibilities are orphaned-strategic (default false)",
        ),
        field(
            "expected",
            Type::IdOrNull(KEBAB),
            "the role type expected to be accountable, or `any`",
        ),
        field(
            "level",
            Type::Level,
            "where it must be covered once: in every product (the default) or in every team",
        ),
        field(
            "source",
            Type::Texts(Item::Scalar),
            "where the responsibility comes from",
        ),
    ],
};

pub(crate) static USES: Table = Table {
    what: "`uses`",
    title: None,
    description: "which responsibility stands for what pmpo checks beyond coverage",
    fields: &[
        field(
            "vision",
            Type::IdOrNull(KEBAB),
            "the vision's owner must be accountable for it",
        ),
        field(
            "acceptance",
            Type::Texts(Item::Id(KEBAB)),
            "`accepted_by` must hold the role accountable for it; a list for acceptance at more than one level",
        ),
        field("roadmap", Type::IdOrNull(KEBAB), "who owns roadmap documents"),
        field("backlog", Type::IdOrNull(KEBAB), "who owns backlog documents"),
    ],
};

pub(crate) static CATALOG_LIMITS: Table = Table {
    what: "`limits`",
    title: None,
    description: "defaults for pmpo.yaml's `limits`",
    fields: &[field(
        "max_load",
        Type::Count,
        "most (responsibility, scope) rows, accountable or responsible, one full-time person may carry",
    )],
};

pub(crate) static DEFINITION_OF_DONE: Table = Table {
    what: "a definition of done",
    title: Some("pmpo definition of done"),
    description: "The YAML frontmatter of a Definition of Done; its criteria are the list items of the body (pmpo FORMAT.md, version 1).",
    fields: &[
        field(
            "kind",
            Type::Kind(Kind::DefinitionOfDone),
            "the document kind; optional for a file named definition-of-done.md",
        ),
        field("scope", Type::IdOrNull(KEBAB), "the product or team it applies to"),
    ],
};

/// `pmpo.yaml`.
pub(crate) static CONFIG: Table = Table {
    what: "pmpo.yaml",
    title: Some("pmpo.yaml"),
    description: "pmpo's workspace settings (pmpo FORMAT.md, version 1).",
    fields: &[
        field(
            "catalog",
            Type::Text,
            "builtin:pm-po (the default), builtin:scrum, or a path to a catalog file relative to the root",
        ),
        field(
            "exclude",
            Type::Texts(Item::Scalar),
            "globs relative to the root, never walked",
        ),
        field(
            "paths",
            Type::KindGlobs,
            "replaces the default path conventions, kind by kind",
        ),
        field("rules", Type::RuleLevels, "a severity per rule, or off"),
        field("limits", Type::Map(&LIMITS, false), "thresholds of the rules"),
        field(
            "waivers",
            Type::List(&WAIVER),
            "responsibilities left unowned on purpose, with a reason",
        ),
        field(
            "products",
            Type::List(&PRODUCT),
            "the products of the workspace and their teams (see FORMAT.md, Products and teams)",
        ),
    ],
};

pub(crate) static LIMITS: Table = Table {
    what: "`limits`",
    title: None,
    description: "thresholds of the rules",
    fields: &[
        field(
            "max_load",
            Type::Count,
            "most (responsibility, scope) rows, accountable or responsible, one full-time person may carry (default: the catalog's, 24 for builtin:pm-po, 16 for builtin:scrum)",
        ),
        field(
            "notice_days",
            Type::Count,
            "how early holder-leaving warns before a person's `until` (default 30)",
        ),
        field(
            "max_team_size",
            Type::Count,
            "most developers one role may work with (default 10)",
        ),
        field(
            "max_file_bytes",
            Type::Count,
            "larger documents are not read (default 4 MiB)",
        ),
    ],
};

pub(crate) static PEOPLE: Table = Table {
    what: "a people document",
    title: Some("pmpo people"),
    description: "Who the holders are: ids, names, aliases, capacity, accounts and last days (pmpo FORMAT.md, version 1).",
    fields: &[
        field(
            "kind",
            Type::Kind(Kind::People),
            "the document kind; optional for people.yaml",
        ),
        field("people", Type::List(&PERSON), "the people"),
    ],
};

pub(crate) static PERSON: Table = Table {
    what: "a person",
    title: None,
    description: "one person who may hold roles",
    fields: &[
        required("id", Type::Text, "what charters write in `holders:` (any case)"),
        field(
            "name",
            Type::Text,
            "shown in charters, tables and reports; also matches holders",
        ),
        field(
            "aliases",
            Type::Texts(Item::NonBlank),
            "other spellings charters may use (an email address, a nickname)",
        ),
        field(
            "capacity",
            Type::Number,
            "the share of a working week this person has for the roles here, 0 < capacity <= 1 (default 1)",
        ),
        field(
            "github",
            Type::Text,
            "the GitHub account, for `pmpo codeowners` (@account)",
        ),
        field("until", Type::Date, "an ISO date: the last day they hold their roles"),
    ],
};

pub(crate) static WAIVER: Table = Table {
    what: "a waiver",
    title: None,
    description: "a responsibility left unowned on purpose",
    fields: &[
        required("responsibility", Type::Id(KEBAB), "the responsibility waived"),
        required("reason", Type::Text, "why it is waived"),
        field("until", Type::Date, "an ISO date after which the waiver has expired"),
        field(
            "scope",
            Type::IdOrNull(KEBAB),
            "only in this product or team (a product's waiver covers its teams)",
        ),
    ],
};

const FOLDER: &str = "documents below this folder (relative to the root) belong to it";

pub(crate) static PRODUCT: Table = Table {
    what: "a product",
    title: None,
    description: "a product, with its teams",
    fields: &[
        required("id", Type::Id(KEBAB), "the product id, kebab-case"),
        field("title", Type::Text, "the product's name"),
        field("path", Type::Folder, FOLDER),
        field(
            "teams",
            Type::List(&TEAM),
            "the product's teams; without any, the product is its own one team",
        ),
    ],
};

pub(crate) static TEAM: Table = Table {
    what: "a team",
    title: None,
    description: "a team of the product",
    fields: &[
        required(
            "id",
            Type::Id(KEBAB),
            "the team id, kebab-case; products and teams share one namespace",
        ),
        field("title", Type::Text, "the team's name"),
        field("path", Type::Folder, FOLDER),
        field("size", Type::Count, "developers in the team"),
    ],
};

/// The table of a document kind.
#[must_use]
pub(crate) fn table(kind: Kind) -> &'static Table {
    match kind {
        Kind::Role => &ROLE,
        Kind::Vision => &VISION,
        Kind::Roadmap => &ROADMAP,
        Kind::BacklogItem => &ITEM,
        Kind::Backlog => &BACKLOG,
        Kind::Catalog => &CATALOG,
        Kind::DefinitionOfDone => &DEFINITION_OF_DONE,
        Kind::People => &PEOPLE,
    }
}
