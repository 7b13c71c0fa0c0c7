//! JSON Schemas (draft-07) of each document kind and of `pmpo.yaml`, for editors.
//!
//! yaml-language-server, and the editors built on it, complete and check YAML against a
//! draft-07 schema. Each schema here says what the loader (`load/documents.rs`,
//! `config.rs`) accepts, written out by hand with `serde_json::json!` next to the same
//! field lists, so that an editor neither flags what pmpo reads nor passes what pmpo
//! reports as `invalid-field`: a text field takes any scalar as the loader does, a null
//! stands for an absent optional field, a list may be written as a single value, and
//! unknown fields are refused (`additionalProperties: false`). A differential test runs
//! the same documents through both.

use serde_json::{Value, json};

use crate::model::{Kind, Status};

const DRAFT_07: &str = "http://json-schema.org/draft-07/schema#";
/// Role and responsibility ids.
pub const KEBAB_ID: &str = "^[a-z0-9][a-z0-9-]*$";
/// Goal, roadmap and backlog item ids.
pub const ITEM_ID: &str = "^[A-Za-z0-9][A-Za-z0-9._-]*$";
/// A goal an item names: `G1`, or `checkout/G1` for another product's goal.
pub const GOAL_REF: &str = "^([a-z0-9][a-z0-9-]*/)?[A-Za-z0-9][A-Za-z0-9._-]*$";
/// What `Status::parse` matches once spaces, `-`, `_` and apostrophes are dropped and
/// case is folded.
pub const STATUS_KEYS: &[&str] = &[
    "idea",
    "draft",
    "proposed",
    "ready",
    "todo",
    "inprogress",
    "done",
    "completed",
    "accepted",
    "dropped",
    "wontdo",
    "wontfix",
    "skipped",
    "cancelled",
    "canceled",
];
/// The RACI values as FORMAT.md writes them; `Raci::parse` takes any case.
pub const RACI_WORDS: &[&str] = &[
    "A",
    "R",
    "C",
    "I",
    "accountable",
    "responsible",
    "consulted",
    "informed",
];

/// The kinds `pmpo schema` knows: the seven document kinds, then `config`.
#[must_use]
pub fn kinds() -> Vec<&'static str> {
    let mut names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
    names.push("config");
    names
}

/// The schema of `kind` (a document kind, or `config` / `pmpo.yaml`).
#[must_use]
pub fn schema(kind: &str) -> Option<Value> {
    let s = match kind {
        "config" | "pmpo.yaml" => config(),
        _ => match Kind::parse(kind)? {
            Kind::Role => role(),
            Kind::Vision => vision(),
            Kind::Roadmap => roadmap(),
            Kind::BacklogItem => backlog_item(),
            Kind::Backlog => backlog(),
            Kind::Catalog => catalog(),
            Kind::DefinitionOfDone => definition_of_done(),
        },
    };
    Some(s)
}

/// The schema as shipped under `docs/schema/`: pretty JSON with sorted keys.
#[must_use]
pub fn render(kind: &str) -> Option<String> {
    let mut text = serde_json::to_string_pretty(&schema(kind)?).ok()?;
    text.push('\n');
    Some(text)
}

fn document(title: &str, description: &str, properties: &Value, required: &[&str]) -> Value {
    json!({
        "$schema": DRAFT_07,
        "title": title,
        "description": description,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn object(description: &str, properties: &Value, required: &[&str]) -> Value {
    json!({
        "description": description,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

/// A text field: any scalar reads as its text; null is an absent field.
fn text(description: &str) -> Value {
    json!({"description": description, "type": ["string", "number", "boolean", "null"]})
}

/// A text field that must be there and say something.
fn required_text(description: &str) -> Value {
    json!({"description": description, "type": ["string", "number", "boolean"], "pattern": "\\S"})
}

/// A list of texts, or a single one (read as a list of one), or null (empty).
fn texts(description: &str, item: &Value) -> Value {
    json!({
        "description": description,
        "anyOf": [
            {"type": "array", "items": item},
            item,
            {"type": "null"},
        ],
    })
}

fn scalar() -> Value {
    json!({"type": ["string", "number", "boolean"]})
}

/// An id; integers are read as their digits (`id: 2024`).
fn id(pattern: &str) -> Value {
    json!({"type": ["string", "integer"], "pattern": pattern, "minimum": 0})
}

fn optional_id(description: &str, pattern: &str) -> Value {
    json!({
        "description": description,
        "anyOf": [id(pattern), {"type": "null"}],
    })
}

fn described(mut schema: Value, description: &str) -> Value {
    if let Some(map) = schema.as_object_mut() {
        map.insert("description".into(), description.into());
    }
    schema
}

fn int(description: &str, minimum: Option<i64>) -> Value {
    let mut s = json!({"description": description, "type": ["integer", "null"]});
    if let Some(m) = minimum {
        s["minimum"] = m.into();
    }
    s
}

fn number(description: &str) -> Value {
    json!({"description": description, "type": ["number", "null"]})
}

fn boolean(description: &str) -> Value {
    json!({"description": description, "type": ["boolean", "null"]})
}

/// Any value: a field the loader knows but does not read.
fn any(description: &str) -> Value {
    json!({ "description": description })
}

fn list_of(description: &str, item: &Value) -> Value {
    json!({"description": description, "type": ["array", "null"], "items": item})
}

/// `^\s*(word|…)\s*$` matching each word in any case, as `Raci::parse` does.
fn any_case(words: &[&str]) -> String {
    let alternatives: Vec<String> = words.iter().map(|w| letters(w, "")).collect();
    format!("^\\s*({})\\s*$", alternatives.join("|"))
}

/// Each letter of `word` as `[Xx]`, followed by `then`.
fn letters(word: &str, then: &str) -> String {
    let mut s = String::new();
    for c in word.chars() {
        s.push('[');
        s.push(c.to_ascii_uppercase());
        s.push(c.to_ascii_lowercase());
        s.push(']');
        s.push_str(then);
    }
    s
}

fn raci() -> Value {
    json!({
        "description": "A accountable (owns the outcome), R responsible (does the work), C consulted, I informed; the words work too, in any case",
        "anyOf": [
            {"enum": RACI_WORDS},
            {"type": "string", "pattern": any_case(RACI_WORDS)},
        ],
    })
}

fn status() -> Value {
    let separators = "[ _'\u{2019}-]*";
    let keys: Vec<String> = STATUS_KEYS.iter().map(|k| letters(k, separators)).collect();
    let mut names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    names.extend([
        "To Do",
        "In Progress",
        "Done",
        "Completed",
        "Draft",
        "Proposed",
        "Won't Do",
        "Won't Fix",
        "Wontfix",
        "Skipped",
        "Cancelled",
        "Canceled",
    ]);
    json!({
        "description": "idea | ready | in-progress | done | accepted | dropped (default idea); case, spaces, `-` and `_` do not matter; Backlog.md's To Do, In Progress, Done, Completed, Draft, Proposed, Won't Do, Won't Fix, Wontfix, Skipped, Cancelled and Canceled are aliases, and in a Backlog.md repository so is every status its backlog/config.yml lists",
        "anyOf": [
            {"enum": names},
            {"type": "string", "pattern": format!("^{separators}({})$", keys.join("|"))},
            {"type": "null"},
        ],
    })
}

fn goals() -> Value {
    texts(
        "the vision goals this serves, by id; `product/G1` names another product's goal",
        &id(GOAL_REF),
    )
}

fn kind(name: &str, optional_where: &str) -> Value {
    json!({
        "description": format!("the document kind; optional {optional_where}"),
        "const": name,
    })
}

fn role() -> Value {
    let holder = json!({"type": ["string", "number", "boolean"], "pattern": "\\S"});
    document(
        "pmpo role charter",
        "The YAML frontmatter of a role charter (pmpo FORMAT.md, version 1).",
        &json!({
            "kind": kind("role", "under roles/"),
            "id": described(id(KEBAB_ID), "the role id, kebab-case; defaults to the file stem"),
            "title": text("the role's name, such as Product Owner"),
            "holders": texts("the people who hold this role, each an exact string", &holder),
            "type": optional_id("what kind of role this is, such as product-owner; defaults to the id", KEBAB_ID),
            "scope": optional_id("the product or team this role serves", KEBAB_ID),
            "reports_to": optional_id("the role this one reports to", KEBAB_ID),
            "team_size": int("developers this role works with", Some(0)),
            "responsibilities": {
                "description": "responsibility id -> RACI letter",
                "type": "object",
                "propertyNames": {"pattern": KEBAB_ID},
                "additionalProperties": raci(),
            },
        }),
        &[],
    )
}

fn vision() -> Value {
    let goal = object(
        "a goal of the vision",
        &json!({
            "id": described(id(ITEM_ID), "the goal id, such as G1"),
            "title": text("what the goal achieves"),
            "description": any("free text, not read"),
        }),
        &["id"],
    );
    document(
        "pmpo vision",
        "The YAML frontmatter of a product vision (pmpo FORMAT.md, version 1).",
        &json!({
            "kind": kind("vision", "for a file named vision.md"),
            "product": text("the product's name"),
            "owner": optional_id("the role accountable for this vision", KEBAB_ID),
            "scope": optional_id("the product (or team) whose vision this is", KEBAB_ID),
            "goals": list_of("the goals backlog and roadmap items serve", &goal),
        }),
        &[],
    )
}

fn roadmap() -> Value {
    let item = object(
        "a roadmap item",
        &json!({
            "id": described(id(ITEM_ID), "the roadmap item id, such as R1"),
            "title": text("what will be delivered"),
            "goals": goals(),
            "goal": goals(),
            "when": text("free text, such as 2027-Q1"),
            "description": any("free text, not read"),
        }),
        &["id"],
    );
    document(
        "pmpo roadmap",
        "A roadmap document (pmpo FORMAT.md, version 1).",
        &json!({
            "kind": kind("roadmap", "for a file named roadmap.md or roadmap.yaml"),
            "owner": optional_id("the role accountable for the roadmap", KEBAB_ID),
            "scope": optional_id("the product or team of the roadmap", KEBAB_ID),
            "items": list_of("the roadmap items", &item),
        }),
        &[],
    )
}

/// A backlog item's fields: in its own file (`kind` is `backlog-item`, `id` defaults to
/// the file stem) or in a backlog list (`kind` is not read, `id` is required).
fn item_properties(in_list: bool) -> Value {
    let backlog_md = "a Backlog.md field, known and not read";
    let mut p = json!({
        "id": described(id(ITEM_ID), "the item id, such as CHK-101"),
        "title": text("what the item delivers"),
        "status": status(),
        "order": number("rank, any number (1500 or 62.5); lower comes first"),
        "goals": goals(),
        "goal": goals(),
        "accepted_by": text("who accepted the finished work (status accepted)"),
        "scope": optional_id("the product or team of the item; in a list, the list's when absent", KEBAB_ID),
        "labels": texts("free labels", &scalar()),
        "acceptance_criteria": texts("acceptance criteria, besides those under an \"Acceptance criteria\" heading", &scalar()),
        "description": any("free text, not read"),
        "ordinal": number("Backlog.md's rank, the order when `order` is absent"),
        "assignee": texts("Backlog.md's assignees: one name or a list", &scalar()),
    });
    for field in [
        "reporter",
        "created_date",
        "updated_date",
        "completed_date",
        "due_date",
        "milestone",
        "dependencies",
        "references",
        "documentation",
        "modified_files",
        "parent_task_id",
        "subtasks",
        "priority",
        "type",
        "date",
        "tags",
        "onStatusChange",
    ] {
        p[field] = any(backlog_md);
    }
    p["kind"] = if in_list {
        any("not read in a backlog list")
    } else {
        kind("backlog-item", "under backlog/")
    };
    p
}

fn backlog_item() -> Value {
    document(
        "pmpo backlog item",
        "The YAML frontmatter of a backlog item (pmpo FORMAT.md, version 1; Backlog.md task files read as they are).",
        &item_properties(false),
        &[],
    )
}

fn backlog() -> Value {
    let item = object("a backlog item", &item_properties(true), &["id"]);
    document(
        "pmpo backlog",
        "Many backlog items in one YAML file (pmpo FORMAT.md, version 1).",
        &json!({
            "kind": kind("backlog", "for YAML files under backlog/"),
            "scope": optional_id("the product or team of every item that names none", KEBAB_ID),
            "items": list_of("the backlog items", &item),
        }),
        &[],
    )
}

fn catalog() -> Value {
    let mut builtins: Vec<Value> = crate::catalog::BUILTINS.iter().map(|b| b.name.into()).collect();
    builtins.push(Value::Null);
    let responsibility = object(
        "a responsibility that must be covered",
        &json!({
            "id": described(id(KEBAB_ID), "the responsibility id, kebab-case"),
            "title": required_text("what the responsibility is"),
            "description": text("a longer explanation"),
            "area": text("free text; the built-in uses strategy, discovery, delivery, team, communication (default other)"),
            "strategic": boolean("uncovered strategic responsibilities are orphaned-strategic (default false)"),
            "expected": optional_id("the role type expected to be accountable, or `any`", KEBAB_ID),
            "level": {
                "description": "where it must be covered once: in every product (the default) or in every team",
                "enum": ["product", "team", null],
            },
            "source": texts("where the responsibility comes from", &scalar()),
        }),
        &["id", "title"],
    );
    document(
        "pmpo catalog",
        "A workspace catalog of responsibilities (pmpo FORMAT.md, version 1).",
        &json!({
            "kind": kind("catalog", "for responsibilities.yaml"),
            "name": text("the catalog's name"),
            "extends": {
                "description": "the built-in catalog this one extends",
                "enum": builtins,
            },
            "remove": texts("ids of the extended catalog to drop", &id(KEBAB_ID)),
            "responsibilities": list_of("the responsibilities", &responsibility),
            "uses": {
                "description": "which responsibility stands for what pmpo checks beyond coverage; null turns a check off; inherited from the extended catalog unless set",
                "type": ["object", "null"],
                "properties": {
                    "vision": optional_id("the vision's owner must be accountable for it", KEBAB_ID),
                    "acceptance": optional_id("`accepted_by` must hold the role accountable for it", KEBAB_ID),
                },
                "additionalProperties": false,
            },
            "group_types": texts("role types held by a group by design: no accountable-committee for them", &id(KEBAB_ID)),
        }),
        &[],
    )
}

fn definition_of_done() -> Value {
    document(
        "pmpo definition of done",
        "The YAML frontmatter of a Definition of Done; its criteria are the list items of the body (pmpo FORMAT.md, version 1).",
        &json!({
            "kind": kind("definition-of-done", "for a file named definition-of-done.md"),
            "scope": optional_id("the product or team it applies to", KEBAB_ID),
        }),
        &[],
    )
}

fn config() -> Value {
    let waiver = object(
        "a responsibility left unowned on purpose",
        &json!({
            "responsibility": described(id(KEBAB_ID), "the responsibility waived"),
            "reason": required_text("why it is waived"),
            "until": {
                "description": "an ISO date after which the waiver has expired",
                "anyOf": [
                    {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"},
                    {"type": "null"},
                ],
            },
            "scope": optional_id("only in this product or team (a product's waiver covers its teams)", KEBAB_ID),
        }),
        &["responsibility", "reason"],
    );
    let path = json!({
        "description": "documents below this folder (relative to the root) belong to it",
        "type": ["string", "null"],
    });
    let team = object(
        "a team of the product",
        &json!({
            "id": described(id(KEBAB_ID), "the team id, kebab-case; products and teams share one namespace"),
            "title": text("the team's name"),
            "path": path.clone(),
            "size": int("developers in the team", Some(0)),
        }),
        &["id"],
    );
    let product = object(
        "a product, with its teams",
        &json!({
            "id": described(id(KEBAB_ID), "the product id, kebab-case"),
            "title": text("the product's name"),
            "path": path,
            "teams": list_of("the product's teams; without any, the product is its own one team", &team),
        }),
        &["id"],
    );
    let limit = |d: &str| int(d, Some(0));
    let mut s = document(
        "pmpo.yaml",
        "pmpo's workspace settings (pmpo FORMAT.md, version 1).",
        &json!({
            "catalog": text("builtin:pm-po (the default), builtin:scrum, or a path to a catalog file relative to the root"),
            "exclude": texts("globs relative to the root, never walked", &scalar()),
            "paths": {
                "description": "replaces the default path conventions, kind by kind",
                "type": "object",
                "propertyNames": {"enum": Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>()},
                "additionalProperties": texts("globs relative to the root", &scalar()),
            },
            "rules": {
                "description": "a severity per rule, or off",
                "type": "object",
                "propertyNames": {"enum": crate::rules::names()},
                "additionalProperties": {"enum": ["error", "warning", "info", "off"]},
            },
            "limits": {
                "description": "thresholds of the rules",
                "type": "object",
                "properties": {
                    "max_load": limit("most responsibilities one person may be accountable or responsible for (default: the catalog's, 18 for builtin:pm-po, 10 for builtin:scrum)"),
                    "max_team_size": limit("most developers one role may work with (default 10)"),
                    "max_file_bytes": limit("larger documents are not read (default 4 MiB)"),
                },
                "additionalProperties": false,
            },
            "waivers": list_of("responsibilities left unowned on purpose, with a reason", &waiver),
            "products": list_of("the products of the workspace and their teams (see FORMAT.md, Products and teams)", &product),
        }),
        &[],
    );
    // An empty pmpo.yaml is valid: every setting at its default.
    s["type"] = json!(["object", "null"]);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Raci;

    #[test]
    fn the_word_lists_are_the_loaders() {
        for key in STATUS_KEYS {
            assert!(Status::parse(key).is_some(), "{key}");
        }
        for s in Status::ALL {
            let key: String = s.as_str().chars().filter(|c| *c != '-').collect();
            assert!(STATUS_KEYS.contains(&key.as_str()), "{key}");
        }
        for w in RACI_WORDS {
            assert!(Raci::parse(w).is_some(), "{w}");
        }
    }

    #[test]
    fn every_kind_has_a_draft_07_object_schema() {
        for kind in kinds() {
            let s = schema(kind).unwrap();
            assert_eq!(s["$schema"], DRAFT_07, "{kind}");
            assert_eq!(s["additionalProperties"], false, "{kind}");
        }
        assert_eq!(schema("pmpo.yaml"), schema("config"));
        assert!(schema("roles").is_none());
    }

    #[test]
    fn any_case_pattern_spells_each_letter_both_ways() {
        assert_eq!(any_case(&["A", "ab"]), "^\\s*([Aa]|[Aa][Bb])\\s*$");
    }
}
