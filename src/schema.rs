//! JSON Schemas (draft-07) of each document kind and of `pmpo.yaml`, for editors, and
//! the fields page (`docs/fields.md`) for people: both rendered from the format's tables.
//!
//! yaml-language-server, and the editors built on it, complete and check YAML against a
//! draft-07 schema. Each schema here is rendered from the field tables the loader checks
//! documents against (`fields::tables`), with the id patterns of `fields::IdSyntax`, so
//! that an editor neither flags what pmpo reads nor passes what pmpo reports as
//! `invalid-field`: a text field takes any scalar as the loader does, a null stands for
//! an absent optional field, a list may be written as a single value, and unknown
//! fields are refused (`additionalProperties: false`). A differential test runs the
//! same documents through both.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use crate::config::Level;
use crate::fields::{self, Field, IdSyntax, Item, Table, Type};
use crate::model::{Kind, Raci, STATUS_KEYS, ScopeLevel, Status};

const DRAFT_07: &str = "http://json-schema.org/draft-07/schema#";
/// The kinds `pmpo schema` knows: the eight document kinds, then `config`.
#[must_use]
pub fn kinds() -> Vec<&'static str> {
    let mut names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
    names.push("config");
    names
}

/// The table of `kind` (a document kind, or `config` / `pmpo.yaml`).
fn table_of(kind: &str) -> Option<&'static Table> {
    match kind {
        "config" | "pmpo.yaml" => Some(&fields::CONFIG),
        _ => Kind::parse(kind).map(fields::table),
    }
}

/// The schema of `kind` (a document kind, or `config` / `pmpo.yaml`).
#[must_use]
pub(crate) fn schema(kind: &str) -> Option<Value> {
    let table = table_of(kind)?;
    let mut s = document(table);
    if table.what == fields::CONFIG.what {
        // An empty pmpo.yaml is valid: every setting at its default.
        s["type"] = json!(["object", "null"]);
    }
    if table.what == fields::CATALOG.what {
        // A responsibility needs a title unless it amends one of the extended catalog:
        // without `extends`, every entry is new.
        s["if"] = json!({"not": {"required": ["extends"]}});
        s["then"] = json!({
            "properties": {"responsibilities": {"items": {"required": ["id", "title"]}}}
        });
    }
    Some(s)
}

/// The schema as shipped under `docs/schema/`: pretty JSON with sorted keys.
#[must_use]
pub(crate) fn render(kind: &str) -> Option<String> {
    let mut text = serde_json::to_string_pretty(&schema(kind)?).ok()?;
    text.push('\n');
    Some(text)
}

/// A document's schema: its table as a draft-07 object.
fn document(table: &Table) -> Value {
    json!({
        "$schema": DRAFT_07,
        "title": table.title.unwrap_or(table.what),
        "description": table.description,
        "type": "object",
        "properties": properties(table, false),
        "required": required(table),
        "additionalProperties": false,
    })
}

/// A part of a document (a goal, a waiver) as the object of a list.
fn object(description: &str, properties: &Value, required: &[&str]) -> Value {
    json!({
        "description": description,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn required(table: &Table) -> Vec<&'static str> {
    table.fields.iter().filter(|f| f.required).map(|f| f.name).collect()
}

/// The properties of a table. `in_list`: a backlog item in a backlog list, where
/// `kind` is not read.
fn properties(table: &Table, in_list: bool) -> Value {
    let mut map = Map::new();
    for f in table.fields {
        let p = match f.ty {
            Type::Kind(_) if in_list => any("not read in a backlog list"),
            _ => property(f),
        };
        map.insert(f.name.into(), p);
    }
    Value::Object(map)
}

fn property(f: &Field) -> Value {
    let d = f.description;
    match f.ty {
        Type::Kind(kind) => json!({"description": d, "const": kind.as_str()}),
        Type::Text if f.required => {
            json!({"description": d, "type": ["string", "number", "boolean"], "pattern": "\\S"})
        }
        Type::Text => json!({"description": d, "type": ["string", "number", "boolean", "null"]}),
        Type::Texts(item) => texts(d, &item_schema(item)),
        Type::Id(syntax) => described(id(syntax), d),
        Type::IdOrNull(syntax) => optional_id(d, syntax),
        Type::Count => json!({"description": d, "type": ["integer", "null"], "minimum": 0}),
        Type::Number => json!({"description": d, "type": ["number", "null"]}),
        Type::Bool => json!({"description": d, "type": ["boolean", "null"]}),
        Type::Any => any(d),
        Type::List(table) => list_of(
            d,
            &object(table.description, &properties(table, false), &required(table)),
        ),
        // In a list an item has no file stem to take its id from.
        Type::Items => list_of(d, &object("a backlog item", &properties(&fields::ITEM, true), &["id"])),
        Type::Map(table, nullable) => json!({
            "description": d,
            "type": if nullable { json!(["object", "null"]) } else { json!("object") },
            "properties": properties(table, false),
            "additionalProperties": false,
        }),
        Type::Raci => json!({
            "description": d,
            "type": "object",
            "propertyNames": {"pattern": IdSyntax::Kebab.pattern()},
            "additionalProperties": raci(),
        }),
        Type::Status => status(d),
        Type::Date => json!({
            "description": d,
            "anyOf": [
                {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"},
                {"type": "null"},
            ],
        }),
        Type::Folder => json!({"description": d, "type": ["string", "null"]}),
        Type::Level => {
            let mut levels: Vec<Value> = [ScopeLevel::Product, ScopeLevel::Team]
                .iter()
                .map(|l| l.as_str().into())
                .collect();
            levels.push(Value::Null);
            json!({"description": d, "enum": levels})
        }
        Type::Builtin => {
            let mut builtins: Vec<Value> = crate::catalog::BUILTINS.iter().map(|b| b.name.into()).collect();
            builtins.push(Value::Null);
            json!({"description": d, "enum": builtins})
        }
        Type::KindGlobs => json!({
            "description": d,
            "type": "object",
            "propertyNames": {"enum": Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>()},
            "additionalProperties": texts("globs relative to the root", &scalar()),
        }),
        Type::RuleLevels => json!({
            "description": d,
            "type": "object",
            "propertyNames": {"enum": crate::rules::names()},
            "additionalProperties": {"enum": Level::ALL.iter().map(|l| l.as_str()).collect::<Vec<_>>()},
        }),
    }
}

fn item_schema(item: Item) -> Value {
    match item {
        Item::Scalar => scalar(),
        Item::NonBlank => json!({"type": ["string", "number", "boolean"], "pattern": "\\S"}),
        Item::Id(syntax) => id(syntax),
    }
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
fn id(syntax: IdSyntax) -> Value {
    json!({"type": ["string", "integer"], "pattern": syntax.pattern(), "minimum": 0})
}

fn optional_id(description: &str, syntax: IdSyntax) -> Value {
    json!({
        "description": description,
        "anyOf": [id(syntax), {"type": "null"}],
    })
}

fn described(mut schema: Value, description: &str) -> Value {
    if let Some(map) = schema.as_object_mut() {
        map.insert("description".into(), description.into());
    }
    schema
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

/// The RACI values as FORMAT.md writes them: the letters, then the words.
fn raci_words() -> Vec<&'static str> {
    let letters = Raci::ALL.iter().map(|r| r.letter());
    letters.chain(Raci::ALL.iter().map(|r| r.word())).collect()
}

fn raci() -> Value {
    let words = raci_words();
    json!({
        "description": "A accountable (owns the outcome), R responsible (does the work), C consulted, I informed; the words work too, in any case",
        "anyOf": [
            {"enum": words},
            {"type": "string", "pattern": any_case(&words)},
        ],
    })
}

fn status(description: &str) -> Value {
    let separators = "[ _'\u{2019}-]*";
    let keys: Vec<String> = STATUS_KEYS.iter().map(|(k, _)| letters(k, separators)).collect();
    json!({
        "description": description,
        "anyOf": [
            {"enum": status_names()},
            {"type": "string", "pattern": format!("^{separators}({})$", keys.join("|"))},
            {"type": "null"},
        ],
    })
}

/// The statuses an editor offers: pmpo's, then Backlog.md's as its board writes them.
fn status_names() -> Vec<&'static str> {
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
    names
}

/// `docs/fields.md`: every field of every kind, from the same tables as the schemas.
#[must_use]
pub fn fields_markdown() -> String {
    let mut s = String::from(
        "# Fields\n\n\
         <!-- Generated from the format's tables in src/fields/tables.rs by `PMPO_BLESS=1 cargo test --test it docs::`.\n     \
         Edit the tables, not this file: a test fails when the two differ. -->\n\n\
         Every field pmpo reads, kind by kind. The same tables give the loader's list of known fields\n\
         (any other field is an `invalid-field` finding, with a did-you-mean) and the JSON Schemas\n\
         `pmpo schema KIND` prints (shipped in `docs/schema/`). A null value stands for an absent\n\
         field, and a list may be written as a single value.\n\n\
         ## Ids\n\n\
         | id | pattern | what it allows |\n|---|---|---|\n",
    );
    for syntax in IdSyntax::ALL {
        let _ = writeln!(
            s,
            "| {} | `{}` | {} |",
            syntax.name(),
            syntax.pattern(),
            syntax.describe()
        );
    }
    for kind in kinds() {
        let Some(table) = table_of(kind) else { continue };
        let _ = write!(
            s,
            "\n## `{}`\n\n{} JSON Schema: [`schema/{kind}.schema.json`](schema/{kind}.schema.json).\n\n",
            if kind == "config" { "pmpo.yaml" } else { kind },
            table.description
        );
        field_rows(&mut s, table);
        for part in table.parts() {
            let _ = write!(s, "\n### {}\n\n{}.\n\n", noun(part), sentence_case(part.description));
            field_rows(&mut s, part);
        }
    }
    s
}

fn field_rows(s: &mut String, table: &Table) {
    s.push_str("| field | type | required | description |\n|---|---|---|---|\n");
    for f in table.fields {
        let _ = writeln!(
            s,
            "| `{}` | {} | {} | {} |",
            f.name,
            type_name(f),
            if f.required { "yes" } else { "" },
            f.description.replace('|', "\\|")
        );
    }
}

/// The anchor GitHub gives a heading: lowercase, punctuation dropped, spaces as `-`.
fn anchor(heading: &str) -> String {
    heading
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c.to_ascii_lowercase() })
        .collect()
}

/// A part's heading: what messages call it, without the article.
fn noun(table: &Table) -> &'static str {
    table.what.strip_prefix("a ").unwrap_or(table.what)
}

fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn type_name(f: &Field) -> String {
    let id = |syntax: IdSyntax| format!("[{}](#ids)", syntax.name());
    match f.ty {
        Type::Kind(kind) => format!("`{}`", kind.as_str()),
        Type::Text if f.required => "text, not blank".into(),
        Type::Text => "text".into(),
        Type::Texts(Item::Scalar) => "text, or a list of texts".into(),
        Type::Texts(Item::NonBlank) => "name, or a list of names".into(),
        Type::Texts(Item::Id(syntax)) => format!("{}, or a list of them", id(syntax)),
        Type::Id(syntax) | Type::IdOrNull(syntax) => id(syntax),
        Type::Count => "integer, 0 or more".into(),
        Type::Number => "number".into(),
        Type::Bool => "`true` or `false`".into(),
        Type::Any => "anything (not read)".into(),
        Type::List(table) => format!("list, each a [{}](#{})", noun(table), anchor(noun(table))),
        Type::Items => "list of [backlog items](#backlog-item) (`id` required)".into(),
        Type::Map(table, _) => format!("mapping: [{}](#{})", noun(table), anchor(noun(table))),
        Type::Raci => "mapping: responsibility id → `A`, `R`, `C` or `I` (or the words)".into(),
        Type::Status => "status".into(),
        Type::Date => "date, `YYYY-MM-DD`".into(),
        Type::Folder => "folder inside the root".into(),
        Type::Level => "`product` or `team`".into(),
        Type::Builtin => {
            let names: Vec<String> = crate::catalog::BUILTINS
                .iter()
                .map(|b| format!("`{}`", b.name))
                .collect();
            names.join(" or ")
        }
        Type::KindGlobs => "mapping: document kind → globs".into(),
        Type::RuleLevels => {
            let names: Vec<String> = Level::ALL.iter().map(|l| format!("`{}`", l.as_str())).collect();
            format!("mapping: rule → one of {}", names.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_lists_are_the_loaders() {
        for name in status_names() {
            assert!(Status::parse(name).is_some(), "{name}");
        }
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        let words = raci_words();
        assert_eq!(words.len(), 8);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(Raci::parse(w), Some(Raci::ALL[i % 4]), "{w}");
            assert_eq!(Raci::parse(&w.to_ascii_uppercase()), Some(Raci::ALL[i % 4]), "{w}");
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
