//! The document format, written once: the id syntaxes and, for every kind of document
//! (and `pmpo.yaml`), the table of its fields.
//!
//! The loader's known-field check, the JSON Schemas (`pmpo schema`) and the fields page
//! (`docs/fields.md`) are all read from these tables, so a field added here is known,
//! described and checked everywhere at once. [`Reader`] reads typed fields out of a YAML
//! tree against them, each read taking the field's type from its table ([`Mapping`]).
//! This module sits below the configuration, the catalog and the loader, which all read
//! through it.

mod id;
mod reader;
mod table;
mod tables;

pub(crate) use id::IdSyntax;
pub(crate) use reader::{Mapping, Reader};
pub(crate) use table::{Field, Item, Table, Type};
pub(crate) use tables::{BACKLOG, CATALOG, CONFIG, DEFINITION_OF_DONE, ITEM, PEOPLE, ROADMAP, ROLE, VISION, table};
#[cfg(test)]
pub(crate) use tables::{GOAL, PRODUCT, RESPONSIBILITY, ROADMAP_ITEM, TEAM, WAIVER};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::Kind;

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
