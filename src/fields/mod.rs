//! The document format, written once: the id syntaxes and, for every kind of document
//! (and `pmpo.yaml`), the table of its fields.
//!
//! The loader's known-field check, the JSON Schemas (`pmpo schema`) and the fields page
//! (`docs/fields.md`) are all read from these tables, so a field added here is known,
//! described and checked everywhere at once. [`Reader`] reads typed fields out of a YAML
//! tree against them, each read taking the field's type from its table ([`Mapping`]). This module sits below the configuration, the catalog and the
//! loader, which all read through it.

mod reader;
mod tables;

pub(crate) use reader::{Mapping, Reader};
pub(crate) use tables::{BACKLOG, CATALOG, CONFIG, DEFINITION_OF_DONE, ITEM, PEOPLE, ROADMAP, ROLE, VISION};
#[cfg(test)]
pub(crate) use tables::{GOAL, PRODUCT, RESPONSIBILITY, ROADMAP_ITEM, TEAM, WAIVER};

use crate::base::Kind;

/// The fields of one mapping: a document, `pmpo.yaml`, or a part of one (a goal, a
/// waiver, `limits`).
#[derive(Debug)]
pub(crate) struct Table {
    /// As messages name it: "a role", "`limits`".
    pub what: &'static str,
    /// A document's title in its JSON Schema; `None` for a part of a document.
    pub title: Option<&'static str>,
    /// One sentence: the schema's description.
    pub description: &'static str,
    /// In the order "the fields of … are" lists them.
    pub fields: &'static [Field],
}

/// One field of a [`Table`].
#[derive(Debug)]
pub(crate) struct Field {
    pub name: &'static str,
    pub ty: Type,
    /// The mapping is not read without it.
    pub required: bool,
    pub description: &'static str,
}

/// What a field holds, as the loader reads it. Null stands for an absent field
/// throughout, except where a variant says otherwise.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Type {
    /// The document kind; optional where the path gives it.
    Kind(Kind),
    /// Any scalar, read as its text; a required one must not be blank.
    Text,
    /// A list of [`Item`]s, a single one (read as a list of one), or null (none).
    Texts(Item),
    /// An id of this syntax.
    Id(IdSyntax),
    /// An id of this syntax, or null.
    IdOrNull(IdSyntax),
    /// An integer, zero or more.
    Count,
    /// Any finite number.
    Number,
    /// `true` or `false`.
    Bool,
    /// Known and not read: anything goes.
    Any,
    /// A list of mappings of that table.
    List(&'static Table),
    /// The items of a backlog list: [`ITEM`], where `id` is required and `kind` not read.
    Items,
    /// A mapping of that table (none of its fields is required); `null` when `nullable`.
    Map(&'static Table, bool),
    /// Responsibility id → RACI letter.
    Raci,
    /// A backlog status or one of its aliases.
    Status,
    /// An ISO date, `2027-06-30`.
    Date,
    /// A folder relative to the root.
    Folder,
    /// `product` or `team`.
    Level,
    /// A built-in catalog's name, `builtin:pm-po`.
    Builtin,
    /// Document kind → globs.
    KindGlobs,
    /// Rule name → severity or `off`.
    RuleLevels,
}

/// What a [`Type::Texts`] list holds.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Item {
    /// Any scalar, as text.
    Scalar,
    /// Text that is not blank.
    NonBlank,
    /// An id of this syntax.
    Id(IdSyntax),
}

impl Table {
    /// The field names, in order.
    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields.iter().map(|f| f.name)
    }

    #[must_use]
    pub(crate) fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The tables nested in this one (lists and mappings of fields), in field order,
    /// depth first, each once.
    #[must_use]
    pub(crate) fn parts(&'static self) -> Vec<&'static Table> {
        fn collect(t: &'static Table, out: &mut Vec<&'static Table>) {
            for f in t.fields {
                if let Type::List(inner) | Type::Map(inner, _) = f.ty
                    && !out.iter().any(|o| std::ptr::eq(*o, inner))
                {
                    out.push(inner);
                    collect(inner, out);
                }
            }
        }
        let mut out = Vec::new();
        collect(self, &mut out);
        out
    }
}

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

/// Which id syntax a field must follow. Each is a first character and the characters
/// after it (`Chars`); the loader's check ([`IdSyntax::accepts`]) and the JSON Schemas'
/// regular expressions ([`IdSyntax::pattern`]) are both read from those.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IdSyntax {
    /// Roles and responsibilities: `^[a-z0-9][a-z0-9-]*$`.
    Kebab,
    /// Goals, roadmap and backlog items: `^[A-Za-z0-9][A-Za-z0-9._-]*$`.
    Item,
    /// A goal an item names: a goal id, or `product/goal` for another product's goal.
    GoalRef,
}

/// The ASCII characters an id may use at one place: lowercase letters and digits, the
/// uppercase letters when `upper`, and the punctuation in `extra` (with any `-` last,
/// where a regular expression's class reads it as itself).
#[derive(Clone, Copy, Debug)]
struct Chars {
    upper: bool,
    extra: &'static str,
}

impl Chars {
    fn contains(self, c: char) -> bool {
        c.is_ascii_lowercase() || c.is_ascii_digit() || (self.upper && c.is_ascii_uppercase()) || self.extra.contains(c)
    }

    fn class(self) -> String {
        format!("[{}a-z0-9{}]", if self.upper { "A-Z" } else { "" }, self.extra)
    }
}

/// A run of characters: one of `first`, then any number of `rest`.
#[derive(Clone, Copy, Debug)]
struct Word {
    first: Chars,
    rest: Chars,
}

impl Word {
    fn accepts(self, s: &str) -> bool {
        let mut chars = s.chars();
        chars.next().is_some_and(|c| self.first.contains(c)) && chars.all(|c| self.rest.contains(c))
    }

    fn pattern(self) -> String {
        format!("{}{}*", self.first.class(), self.rest.class())
    }
}

const KEBAB_WORD: Word = Word {
    first: Chars {
        upper: false,
        extra: "",
    },
    rest: Chars {
        upper: false,
        extra: "-",
    },
};
const ITEM_WORD: Word = Word {
    first: Chars { upper: true, extra: "" },
    rest: Chars {
        upper: true,
        extra: "._-",
    },
};

impl IdSyntax {
    pub(crate) const ALL: [IdSyntax; 3] = [IdSyntax::Kebab, IdSyntax::Item, IdSyntax::GoalRef];

    #[must_use]
    pub(crate) fn accepts(self, id: &str) -> bool {
        match self {
            IdSyntax::Kebab => KEBAB_WORD.accepts(id),
            IdSyntax::Item => ITEM_WORD.accepts(id),
            IdSyntax::GoalRef => match id.split_once('/') {
                Some((product, goal)) => KEBAB_WORD.accepts(product) && ITEM_WORD.accepts(goal),
                None => ITEM_WORD.accepts(id),
            },
        }
    }

    /// The same syntax as a regular expression, for the JSON Schemas.
    #[must_use]
    pub(crate) fn pattern(self) -> String {
        match self {
            IdSyntax::Kebab => format!("^{}$", KEBAB_WORD.pattern()),
            IdSyntax::Item => format!("^{}$", ITEM_WORD.pattern()),
            IdSyntax::GoalRef => format!("^({}/)?{}$", KEBAB_WORD.pattern(), ITEM_WORD.pattern()),
        }
    }

    /// Its name on the fields page.
    #[must_use]
    pub(crate) fn name(self) -> &'static str {
        match self {
            IdSyntax::Kebab => "kebab-case id",
            IdSyntax::Item => "item id",
            IdSyntax::GoalRef => "goal reference",
        }
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            IdSyntax::Kebab => "lowercase letters, digits and `-`, starting with a letter or digit",
            IdSyntax::Item => "letters, digits, `.`, `_` and `-`, starting with a letter or digit",
            IdSyntax::GoalRef => {
                "letters, digits, `.`, `_` and `-`, starting with a letter or digit, after an optional `product/`"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_syntaxes() {
        assert!(IdSyntax::Kebab.accepts("product-owner"));
        assert!(IdSyntax::Kebab.accepts("2nd-line"));
        assert!(!IdSyntax::Kebab.accepts("Product-Owner"));
        assert!(!IdSyntax::Kebab.accepts("-owner"));
        assert!(!IdSyntax::Kebab.accepts(""));
        assert!(IdSyntax::Item.accepts("CHK-101"));
        assert!(IdSyntax::Item.accepts("task-12.1"));
        assert!(!IdSyntax::Item.accepts(".hidden"));
        assert!(!IdSyntax::Item.accepts("a b"));
        assert!(IdSyntax::GoalRef.accepts("checkout/G1"));
        assert!(!IdSyntax::GoalRef.accepts("Checkout/G1"));
        assert!(!IdSyntax::GoalRef.accepts("a/b/c"));
    }

    /// The ids both checks are tried on: each syntax's edges, and what lies just
    /// outside them (case, punctuation, a leading mark, a slash, a line break, non-ASCII).
    const IDS: &[&str] = &[
        "",
        "a",
        "0",
        "A",
        "-",
        ".",
        "_",
        "po",
        "product-owner",
        "2nd-line",
        "Product-Owner",
        "-owner",
        "owner-",
        "a--b",
        "CHK-101",
        "task-12.1",
        "G1",
        "g_1",
        ".hidden",
        "_x",
        "a b",
        "a\n",
        "\na",
        "é",
        "aé",
        "a/b",
        "checkout/G1",
        "checkout/",
        "/G1",
        "Checkout/G1",
        "a/b/c",
        "a-b/C.1_x",
        "x/-y",
        "a+b",
        "a$",
        "^a",
    ];

    fn schema_accepts(syntax: IdSyntax, id: &str) -> bool {
        let schema = serde_json::json!({"type": "string", "pattern": syntax.pattern()});
        jsonschema::draft7::new(&schema)
            .expect("the pattern compiles")
            .is_valid(&serde_json::json!(id))
    }

    #[test]
    fn the_schema_patterns_are_the_loaders_syntax() {
        assert_eq!(IdSyntax::Kebab.pattern(), "^[a-z0-9][a-z0-9-]*$");
        assert_eq!(IdSyntax::Item.pattern(), "^[A-Za-z0-9][A-Za-z0-9._-]*$");
        assert_eq!(
            IdSyntax::GoalRef.pattern(),
            "^([a-z0-9][a-z0-9-]*/)?[A-Za-z0-9][A-Za-z0-9._-]*$"
        );
        for syntax in IdSyntax::ALL {
            let (mut accepted, mut refused) = (0, 0);
            for id in IDS {
                let loader = syntax.accepts(id);
                assert_eq!(loader, schema_accepts(syntax, id), "{syntax:?} on {id:?}");
                if loader { accepted += 1 } else { refused += 1 }
            }
            assert!(accepted > 2 && refused > 2, "{syntax:?}: the ids try both sides");
        }
    }

    #[test]
    fn every_table_names_each_field_once_and_documents_their_kind() {
        let mut tables: Vec<&'static Table> = Kind::ALL.iter().map(|k| table(*k)).collect();
        tables.push(&CONFIG);
        for t in tables.clone() {
            tables.extend(t.parts());
        }
        for t in &tables {
            let names: Vec<&str> = t.names().collect();
            let mut unique = names.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), names.len(), "{}", t.what);
            assert_eq!(
                t.title.is_some(),
                t.fields.iter().any(|f| matches!(f.ty, Type::Kind(_))) || t.what == CONFIG.what,
                "{}",
                t.what
            );
        }
        for kind in Kind::ALL {
            let t = table(kind);
            assert!(
                matches!(t.field("kind").map(|f| f.ty), Some(Type::Kind(k)) if k == kind),
                "{kind:?}"
            );
            assert!(t.parts().iter().all(|p| p.title.is_none()), "{kind:?}");
        }
        // A mapping field's schema states no `required`: none of its fields may need it.
        for t in &tables {
            for f in t.fields {
                if let Type::Map(inner, _) = f.ty {
                    assert!(inner.fields.iter().all(|f| !f.required), "{}", inner.what);
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_patterns_agree_on_any_short_id(id in "[a-zA-Z0-9._/ -]{0,6}") {
            for syntax in IdSyntax::ALL {
                proptest::prop_assert_eq!(syntax.accepts(&id), schema_accepts(syntax, &id), "{:?} on {:?}", syntax, id);
            }
        }
    }
}
