//! The catalog in force: a built-in (`builtin:pm-po`, `builtin:scrum`), a workspace
//! catalog that replaces it, or one that extends a built-in (`extends`, `remove`).
//!
//! The built-ins are the spec's YAML files, embedded and parsed like any catalog, so a
//! built-in and a copy of it printed by `pmpo catalog` read the same, `limits` and
//! `uses` included.

pub(crate) mod read;

use std::collections::HashMap;

use crate::config::DEFAULT_MAX_LOAD;
use crate::model::{
    Catalog, CatalogDoc, Expected, FileId, Problem, ProblemKind, Responsibility, ResponsibilityEntry, Uses,
};

/// A catalog shipped in the binary.
#[derive(Debug)]
pub(crate) struct Builtin {
    /// As `catalog:` and `extends:` name it: `builtin:pm-po`.
    pub name: &'static str,
    /// One line, for `pmpo catalog --list`.
    pub summary: &'static str,
    pub yaml: &'static str,
}

pub(crate) const BUILTIN_NAME: &str = "builtin:pm-po";
pub(crate) const SCRUM_NAME: &str = "builtin:scrum";

/// The built-in catalog's text, as shipped in the spec.
pub const BUILTIN_YAML: &str = include_str!("builtin.yaml");
/// The Scrum Guide's accountabilities, as shipped in the spec.
pub const SCRUM_YAML: &str = include_str!("scrum.yaml");

/// Every built-in, the default first.
pub(crate) static BUILTINS: &[Builtin] = &[
    Builtin {
        name: BUILTIN_NAME,
        summary: "a product manager (strategy, discovery) and a product owner (backlog, delivery); the default",
        yaml: BUILTIN_YAML,
    },
    // Each built-in states its default `limits.max_load` in its own `limits:`.
    Builtin {
        name: SCRUM_NAME,
        summary: "the Scrum Guide 2020: a product owner, a scrum master and developers",
        yaml: SCRUM_YAML,
    },
];

/// A built-in by the name `catalog:` or `extends:` gives it.
#[must_use]
pub(crate) fn find(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}

/// Whether a `catalog:` value names a built-in (known or not) rather than a file.
#[must_use]
pub(crate) fn is_builtin_name(name: &str) -> bool {
    name.starts_with("builtin:")
}

/// The names of the built-ins, for help texts.
fn names() -> String {
    let names: Vec<String> = BUILTINS.iter().map(|b| format!("`{}`", b.name)).collect();
    names.join(", ")
}

impl Builtin {
    /// The built-in as a catalog. The text is part of the binary and tested, so a
    /// problem in it is a bug, not input: it yields an empty catalog rather than a panic.
    #[must_use]
    pub(crate) fn catalog(&'static self) -> Catalog {
        let mut problems = Vec::new();
        let parsed = read::text(self.yaml, FileId(u32::MAX), &mut problems);
        debug_assert!(problems.is_empty(), "{problems:?}");
        let mut catalog = Catalog {
            name: self.name.to_string(),
            builtin: Some(self.name),
            max_load: DEFAULT_MAX_LOAD,
            ..Catalog::default()
        };
        let Some(doc) = parsed else {
            return catalog;
        };
        apply_settings(&mut catalog, &doc);
        for entry in &doc.responsibilities {
            if let Some(mut r) = new_responsibility(entry) {
                r.loc = None;
                catalog.responsibilities.push(r);
            }
        }
        catalog
    }
}

/// `uses`, `group_types` and `limits` as a catalog document sets them, over what it
/// inherits (key by key).
fn apply_settings(catalog: &mut Catalog, doc: &CatalogDoc) {
    let one = |list: &Vec<crate::model::Sp<String>>| list.first().map(|s| s.value.clone());
    if let Some(v) = &doc.uses_vision {
        catalog.uses.vision = one(v);
    }
    if let Some(a) = &doc.uses_acceptance {
        catalog.uses.acceptance = a.iter().map(|s| s.value.clone()).collect();
    }
    if let Some(v) = &doc.uses_roadmap {
        catalog.uses.roadmap = one(v);
    }
    if let Some(v) = &doc.uses_backlog {
        catalog.uses.backlog = one(v);
    }
    if let Some(g) = &doc.group_types {
        catalog.group_types = g.iter().map(|s| s.value.clone()).collect();
    }
    if let Some(m) = &doc.max_load {
        catalog.max_load = m.value;
    }
}

/// A new responsibility from an entry, `None` without a title (the caller reports it).
fn new_responsibility(entry: &ResponsibilityEntry) -> Option<Responsibility> {
    Some(Responsibility {
        id: entry.id.value.clone(),
        title: entry.title.clone()?,
        description: entry.description.clone(),
        area: entry.area.clone().unwrap_or_else(|| "other".to_string()),
        strategic: entry.strategic.unwrap_or(false),
        expected: entry.expected.as_ref().and_then(Expected::role_type).cloned(),
        level: entry.level.unwrap_or_default(),
        source: entry.source.clone().unwrap_or_default(),
        loc: Some(entry.id.loc),
    })
}

/// An extended entry amended by the fields an entry gives.
fn amend(r: &mut Responsibility, entry: &ResponsibilityEntry) {
    if let Some(t) = &entry.title {
        r.title.clone_from(t);
    }
    if let Some(d) = &entry.description {
        r.description = Some(d.clone());
    }
    if let Some(a) = &entry.area {
        r.area.clone_from(a);
    }
    if let Some(s) = entry.strategic {
        r.strategic = s;
    }
    if let Some(e) = &entry.expected {
        r.expected = e.role_type().cloned();
    }
    if let Some(l) = entry.level {
        r.level = l;
    }
    if let Some(s) = &entry.source {
        r.source.clone_from(s);
    }
    r.loc = Some(entry.id.loc);
}

/// The default built-in's responsibilities.
#[must_use]
pub fn builtin() -> Vec<Responsibility> {
    BUILTINS[0].catalog().responsibilities
}

/// Resolve the catalog in force from the workspace's catalog document, if any, else
/// the built-in `base` (the default, or the one `catalog:` names). Problems in
/// `extends` and `remove` go to `problems`.
///
/// Named steps: start from the catalog `extends` names (or pm-po's checks alone), apply
/// the document's settings, drop what `remove` names, add or amend the document's
/// entries, and check that `uses:` names responsibilities of the result.
#[must_use]
pub(crate) fn resolve(
    doc: Option<&CatalogDoc>,
    name: &str,
    base: &'static Builtin,
    problems: &mut Vec<Problem>,
) -> Catalog {
    let Some(doc) = doc else {
        return base.catalog();
    };
    let (mut catalog, extended) = inherited(doc, name, problems);
    apply_settings(&mut catalog, doc);
    let extended = remove(&mut catalog.responsibilities, doc, extended, problems);
    let at = add_entries(&mut catalog.responsibilities, doc, extended, problems);
    check_uses(&catalog.responsibilities, doc, &at, problems);
    catalog
}

/// The catalog a document starts from: the built-in its `extends` names, with how many
/// responsibilities that gives; else (or for an unknown name, a problem) none, with the
/// pm-po checks a catalog of its own keeps, by the same ids.
fn inherited(doc: &CatalogDoc, name: &str, problems: &mut Vec<Problem>) -> (Catalog, usize) {
    let mut catalog = Catalog {
        name: name.to_string(),
        file: Some(doc.file),
        builtin: None,
        responsibilities: Vec::new(),
        uses: Uses {
            vision: Some("product-vision".into()),
            acceptance: vec!["work-acceptance".into()],
            roadmap: Some("product-roadmap".into()),
            backlog: Some("backlog-ordering".into()),
        },
        group_types: Vec::new(),
        max_load: DEFAULT_MAX_LOAD,
    };
    let Some(extends) = &doc.extends else {
        return (catalog, 0);
    };
    let Some(b) = find(&extends.value) else {
        let help = crate::suggest::hint(&extends.value, BUILTINS.iter().map(|b| b.name))
            .unwrap_or_else(|| format!("the catalogs a workspace can extend are {}", names()));
        problems.push(Problem {
            kind: ProblemKind::InvalidField,
            message: format!("`extends` names an unknown catalog `{}`", extends.value),
            loc: extends.loc,
            help: Some(help),
        });
        return (catalog, 0);
    };
    let inherited = b.catalog();
    catalog.builtin = Some(b.name);
    catalog.responsibilities = inherited.responsibilities;
    catalog.uses = inherited.uses;
    catalog.group_types = inherited.group_types;
    catalog.max_load = inherited.max_load;
    let extended = catalog.responsibilities.len();
    (catalog, extended)
}

/// The extended responsibilities `remove` names dropped (each it names that is not
/// there, a problem); returns how many extended ones are left, still first.
fn remove(
    responsibilities: &mut Vec<Responsibility>,
    doc: &CatalogDoc,
    mut extended: usize,
    problems: &mut Vec<Problem>,
) -> usize {
    for removed in &doc.remove {
        let before = responsibilities.len();
        responsibilities.retain(|r: &Responsibility| r.id != removed.value);
        extended -= before - responsibilities.len();
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
    extended
}

/// The document's entries: one whose id one of the first `extended` responsibilities
/// has amends it; any other is new. A second definition of a new id is dropped here, the
/// first kept; `duplicate-id` reports it, reading the resolved catalog (the one place
/// duplicates are decided). Returns each responsibility's index by id.
fn add_entries(
    responsibilities: &mut Vec<Responsibility>,
    doc: &CatalogDoc,
    extended: usize,
    problems: &mut Vec<Problem>,
) -> HashMap<String, usize> {
    let mut at: HashMap<String, usize> = responsibilities
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    let mut amended = std::collections::HashSet::new();
    for entry in &doc.responsibilities {
        match at.get(&entry.id.value) {
            Some(&i) if i < extended && amended.insert(i) => amend(&mut responsibilities[i], entry),
            Some(_) => {}
            None => match new_responsibility(entry) {
                Some(r) => {
                    at.insert(r.id.clone(), responsibilities.len());
                    responsibilities.push(r);
                }
                None => problems.push(Problem {
                    kind: ProblemKind::InvalidField,
                    message: "a responsibility is missing the required field `title`".into(),
                    loc: entry.loc,
                    help: Some(if doc.extends.is_some() {
                        format!(
                            "`{}` is not in the extended catalog, so it is a new responsibility and needs a title",
                            entry.id.value
                        )
                    } else {
                        "add `title:` saying what the responsibility is".into()
                    }),
                }),
            },
        }
    }
    at
}

/// A `uses:` entry that names nothing would turn its check into a finding per item: each
/// is a problem.
fn check_uses(
    responsibilities: &[Responsibility],
    doc: &CatalogDoc,
    at: &HashMap<String, usize>,
    problems: &mut Vec<Problem>,
) {
    for (field, entry) in [
        ("vision", &doc.uses_vision),
        ("acceptance", &doc.uses_acceptance),
        ("roadmap", &doc.uses_roadmap),
        ("backlog", &doc.uses_backlog),
    ] {
        for named in entry.iter().flatten() {
            if at.contains_key(&named.value) {
                continue;
            }
            let help =
                crate::suggest::hint(&named.value, responsibilities.iter().map(|r| r.id.as_str())).or_else(|| {
                    Some(format!(
                        "name a responsibility of the catalog, or `{field}: null` to turn the check off"
                    ))
                });
            problems.push(Problem {
                kind: ProblemKind::UnknownResponsibility,
                message: format!("`uses: {field}` names `{}`, which the catalog lacks", named.value),
                loc: named.loc,
                help,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ScopeLevel;

    #[test]
    fn builtin_has_the_spec_ids() {
        let b = builtin();
        assert_eq!(b.len(), 27);
        assert!(b.iter().any(|r| r.id == "product-vision" && r.strategic));
        let po = b.iter().find(|r| r.id == "work-acceptance").unwrap();
        assert_eq!(po.expected.as_ref().map(|e| e.value.as_str()), Some("product-owner"));
        assert_eq!(po.level, ScopeLevel::Team);
        let any = b.iter().find(|r| r.id == "voice-of-customer").unwrap();
        assert!(any.expected.is_none());
        let research = b.iter().find(|r| r.id == "market-research").unwrap();
        assert!(
            research.title.contains("identify market opportunities"),
            "{}",
            research.title
        );
        for builtin in BUILTINS {
            let mut problems = Vec::new();
            read::text(builtin.yaml, FileId(0), &mut problems);
            assert!(problems.is_empty(), "{}: {problems:?}", builtin.name);
        }
    }

    #[test]
    fn each_builtin_states_its_uses_and_groups() {
        let pm_po = find(BUILTIN_NAME).unwrap().catalog();
        assert_eq!(pm_po.uses.vision.as_deref(), Some("product-vision"));
        assert_eq!(pm_po.uses.acceptance, ["work-acceptance"]);
        assert!(pm_po.group_types.is_empty());
        let scrum = find(SCRUM_NAME).unwrap().catalog();
        assert_eq!(scrum.name, "builtin:scrum");
        assert_eq!(scrum.responsibilities.len(), 18);
        assert_eq!(scrum.uses.vision.as_deref(), Some("product-goal"));
        assert!(scrum.uses.acceptance.is_empty(), "the Guide has no acceptance step");
        assert_eq!(scrum.group_types, ["developers", "scrum-team"]);
        assert_eq!(scrum.max_load, 16);
        let sprint = scrum
            .responsibilities
            .iter()
            .find(|r| r.id == "sprint-backlog")
            .unwrap();
        assert_eq!(sprint.level, ScopeLevel::Team);
        assert_eq!(sprint.expected.as_ref().unwrap().value, "developers");
    }

    fn doc(text: &str) -> CatalogDoc {
        let mut problems = Vec::new();
        let Some(d) = read::text(text, FileId(0), &mut problems) else {
            panic!("{problems:?}")
        };
        assert!(problems.is_empty(), "{problems:?}");
        d
    }

    #[test]
    fn extends_inherits_uses_and_groups_unless_set() {
        let mut problems = Vec::new();
        let d = doc("extends: builtin:scrum\nresponsibilities:\n  - {id: pricing, title: Price}\n");
        let c = resolve(Some(&d), "responsibilities.yaml", &BUILTINS[0], &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(c.responsibilities.len(), 19);
        assert_eq!(c.builtin, Some(SCRUM_NAME));
        assert_eq!(c.uses.vision.as_deref(), Some("product-goal"));
        assert_eq!(c.group_types, ["developers", "scrum-team"]);
        assert_eq!(c.max_load, 16);
        let d = doc("extends: builtin:pm-po\nuses:\n  acceptance: null\ngroup_types: [squad]\n");
        let c = resolve(Some(&d), "responsibilities.yaml", &BUILTINS[0], &mut problems);
        assert_eq!(c.uses.vision.as_deref(), Some("product-vision"));
        assert!(c.uses.acceptance.is_empty(), "null turns the check off");
        assert_eq!(c.group_types, ["squad"]);
        let d = doc(
            "extends: builtin:scrum\nuses: {acceptance: sign-of}\nresponsibilities: [{id: sign-off, title: Sign}]\n",
        );
        let _ = resolve(Some(&d), "responsibilities.yaml", &BUILTINS[0], &mut problems);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].help.as_deref(), Some("did you mean `sign-off`?"));
        problems.clear();
        let d = doc("extends: builtin:scrumm\n");
        let _ = resolve(Some(&d), "responsibilities.yaml", &BUILTINS[0], &mut problems);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].help.as_deref().unwrap().contains("builtin:scrum"),
            "{problems:?}"
        );
    }

    #[test]
    fn without_a_document_the_base_builtin_is_in_force() {
        let mut problems = Vec::new();
        let c = resolve(None, "", find(SCRUM_NAME).unwrap(), &mut problems);
        assert_eq!(c.name, SCRUM_NAME);
        assert!(c.responsibilities.iter().any(|r| r.id == "impediment-removal"));
    }
}
