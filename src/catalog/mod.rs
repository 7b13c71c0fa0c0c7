//! The catalog in force: the built-in `builtin:pm-po`, a workspace catalog that
//! replaces it, or one that extends it (`extends`, `remove`).

use crate::load::documents::{self, Parsed};
use crate::model::{Catalog, CatalogDoc, FileId, Problem, ProblemKind, Responsibility};

pub const BUILTIN_NAME: &str = "builtin:pm-po";

/// The built-in catalog's text, as shipped in the spec.
pub const BUILTIN_YAML: &str = include_str!("builtin.yaml");

/// The built-in responsibilities. The text is part of the binary and tested, so a
/// problem in it is a bug, not input: it yields an empty catalog rather than a panic.
#[must_use]
pub fn builtin() -> Vec<Responsibility> {
    let mut problems = Vec::new();
    let parsed = documents::parse_catalog_text(BUILTIN_YAML, FileId(u32::MAX), &mut problems);
    debug_assert!(problems.is_empty(), "{problems:?}");
    let Some(Parsed::Catalog(doc)) = parsed else {
        return Vec::new();
    };
    doc.responsibilities
        .into_iter()
        .map(|mut r| {
            r.loc = None;
            r
        })
        .collect()
}

/// Resolve the catalog in force from the workspace's catalog document, if any.
/// Problems in `extends` and `remove` go to `problems`.
#[must_use]
pub fn resolve(doc: Option<&CatalogDoc>, name: &str, problems: &mut Vec<Problem>) -> Catalog {
    let Some(doc) = doc else {
        return Catalog {
            name: BUILTIN_NAME.to_string(),
            responsibilities: builtin(),
        };
    };
    let mut responsibilities = Vec::new();
    if let Some(extends) = &doc.extends {
        if extends.value == BUILTIN_NAME {
            responsibilities = builtin();
        } else {
            problems.push(Problem {
                kind: ProblemKind::InvalidField,
                message: format!("`extends` names an unknown catalog `{}`", extends.value),
                loc: extends.loc,
                help: Some(format!("the catalog a workspace can extend is `{BUILTIN_NAME}`")),
            });
        }
    }
    for removed in &doc.remove {
        let before = responsibilities.len();
        responsibilities.retain(|r: &Responsibility| r.id != removed.value);
        if responsibilities.len() == before {
            let help = crate::suggest::hint(&removed.value, responsibilities.iter().map(|r| r.id.as_str()));
            problems.push(Problem {
                kind: ProblemKind::UnknownResponsibility,
                message: format!("`remove` names `{}`, which the extended catalog lacks", removed.value),
                loc: removed.loc,
                help,
            });
        }
    }
    for r in &doc.responsibilities {
        if let Some(existing) = responsibilities.iter().find(|e| e.id == r.id) {
            let message = if existing.loc.is_some() {
                format!("responsibility `{}` is defined twice", r.id)
            } else {
                format!("responsibility `{}` is already in `{BUILTIN_NAME}`", r.id)
            };
            let help = if existing.loc.is_some() {
                None
            } else {
                Some(format!("add `{}` to `remove:` to redefine it", r.id))
            };
            if let Some(loc) = r.loc {
                problems.push(Problem {
                    kind: ProblemKind::DuplicateId,
                    message,
                    loc,
                    help,
                });
            }
            continue;
        }
        responsibilities.push(r.clone());
    }
    Catalog {
        name: name.to_string(),
        responsibilities,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_has_the_spec_ids() {
        let b = builtin();
        assert_eq!(b.len(), 27);
        assert!(b.iter().any(|r| r.id == "product-vision" && r.strategic));
        let po = b.iter().find(|r| r.id == "work-acceptance").unwrap();
        assert_eq!(po.expected.as_ref().map(|e| e.value.as_str()), Some("product-owner"));
        let any = b.iter().find(|r| r.id == "voice-of-customer").unwrap();
        assert!(any.expected.is_none());
        let mut problems = Vec::new();
        documents::parse_catalog_text(BUILTIN_YAML, FileId(0), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
    }
}
