//! The document format, written once: the id syntaxes and, for every kind of document
//! (and `pmpo.yaml`), the table of its fields.
//!
//! The loader's known-field check, the JSON Schemas (`pmpo schema`) and the fields page
//! (`docs/fields.md`) are all read from these tables, so a field added here is known,
//! described and checked everywhere at once. [`Reader`] reads typed fields out of a YAML
//! tree against them. This module sits below the configuration, the catalog and the
//! loader, which all read through it.

mod reader;

pub use reader::{Reader, get};

/// Which id syntax a field must follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdSyntax {
    /// Roles and responsibilities: `^[a-z0-9][a-z0-9-]*$`.
    Kebab,
    /// Goals, roadmap and backlog items: `^[A-Za-z0-9][A-Za-z0-9._-]*$`.
    Item,
    /// A goal an item names: a goal id, or `product/goal` for another product's goal.
    GoalRef,
}

impl IdSyntax {
    #[must_use]
    pub fn accepts(self, id: &str) -> bool {
        let mut chars = id.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        match self {
            IdSyntax::Kebab => {
                (first.is_ascii_lowercase() || first.is_ascii_digit())
                    && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            }
            IdSyntax::Item => {
                first.is_ascii_alphanumeric()
                    && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
            }
            IdSyntax::GoalRef => match id.split_once('/') {
                Some((product, goal)) => IdSyntax::Kebab.accepts(product) && IdSyntax::Item.accepts(goal),
                None => IdSyntax::Item.accepts(id),
            },
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
    }
}
