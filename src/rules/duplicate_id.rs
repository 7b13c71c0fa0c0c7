//! `duplicate-id`: two roles, responsibilities, goals, roadmap items or backlog items
//! share an id, or a workspace holds a second catalog document.
//!
//! The one place duplicates are decided. The loader keeps every catalog document and
//! the catalog keeps the first definition of each responsibility; neither reports,
//! both leave that to this rule, which reads what they kept.

use std::collections::HashMap;

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::model::{Loc, Model};

pub(super) struct DuplicateId;

static META: RuleMeta = RuleMeta {
    name: "duplicate-id",
    default: Severity::Error,
    summary: "two roles, responsibilities, goals, roadmap items or backlog items with one id",
    finds: "Two things of one sort with the same id: two role charters (for instance `roles/po.md` and
`team/po.md` both without `id:`), two responsibilities in a catalog (or one already in the
catalog it extends), two goals, two roadmap items, two backlog items (also across several
YAML backlogs), and a second catalog document. A Backlog.md task in `backlog/archive/tasks/`
is history: a live task that reuses its id is no duplicate.

Goal ids need to be unique only within one product: with `products:` in `pmpo.yaml`,
two products may each have a `G1` (another product's goal is then written `checkout/G1`).",
    why: "Ids are how documents point at each other. With two `G1` goals an item serving `G1` serves
one of them at random, and with two `product-owner` charters nobody knows which holds the
role.",
    example: "```yaml
# backlog/sprint-12.yaml and backlog/sprint-13.yaml
items:
  - id: CHK-102
```",
    fix: "Rename one of them, or delete the stale copy. Every place is listed with the finding.",
};

fn report_groups(cx: &mut Context<'_>, what: &str, ids: &[(&str, Loc)]) {
    // Positions sorted by id (and by position within an id): repeated ids sit side by
    // side, and 100,000 ids need no map.
    let mut by_id: Vec<usize> = (0..ids.len()).collect();
    by_id.sort_unstable_by_key(|&i| (ids[i].0, i));
    let mut groups: Vec<&[usize]> = by_id
        .chunk_by(|&a, &b| ids[a].0 == ids[b].0)
        .filter(|same| same.len() > 1)
        .collect();
    // In the order each id is first used.
    groups.sort_unstable_by_key(|same| same[0]);
    for same in groups {
        let id = ids[same[0]].0;
        let locs: Vec<Loc> = same.iter().map(|&i| ids[i].1).collect();
        let related: Vec<_> = locs[..1].iter().map(|l| cx.location(*l)).collect();
        for loc in &locs[1..] {
            let f = cx.report(Some(*loc), format!("{what} id `{id}` is used {} times", locs.len()));
            f.subject(id).label("this id is already taken");
            for r in &related {
                f.also(r.clone(), "first used here");
            }
            f.help(format!("give each {what} its own id"));
        }
    }
}

impl Rule for DuplicateId {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        report_groups(
            cx,
            "role",
            &model
                .roles
                .iter()
                .map(|r| (r.id.as_str(), r.id.loc))
                .collect::<Vec<_>>(),
        );
        // Goal ids are unique within a product: one namespace per product (and one for
        // the workspace's vision, the only one without products).
        let mut namespaces: Vec<(crate::model::Scope, Vec<(&str, crate::model::Loc)>)> = Vec::new();
        for v in &model.visions {
            let product = model.product_of(v.at);
            let at = match namespaces.iter().position(|(p, _)| *p == product) {
                Some(at) => at,
                None => {
                    namespaces.push((product, Vec::new()));
                    namespaces.len() - 1
                }
            };
            namespaces[at]
                .1
                .extend(v.goals.iter().map(|g| (g.id.as_str(), g.id.loc)));
        }
        for (_, goals) in namespaces {
            report_groups(cx, "goal", &goals);
        }
        let roadmap: Vec<_> = model
            .roadmaps
            .iter()
            .flat_map(|r| &r.items)
            .map(|i| (i.id.as_str(), i.id.loc))
            .collect();
        report_groups(cx, "roadmap item", &roadmap);
        // A Backlog.md task in `backlog/archive/tasks/` is history: Backlog.md reuses
        // its id for a new task, and pmpo reads it as dropped. Its id is no duplicate.
        let archived = |i: &crate::model::BacklogItem| {
            model.backlog_md.is_some() && crate::load::backlog_md::is_archived(model.path(i.file))
        };
        report_groups(
            cx,
            "backlog item",
            &model
                .items
                .iter()
                .filter(|i| !archived(i))
                .map(|i| (i.id.as_str(), i.id.loc))
                .collect::<Vec<_>>(),
        );
        responsibilities(cx, model);
        catalog_documents(cx, model);
    }
}

/// Responsibilities the workspace's catalog defines a second time, or that the built-in
/// it extends already has: each one the resolved catalog did not keep.
fn responsibilities(cx: &mut Context<'_>, model: &Model) {
    let catalog = &model.catalog;
    let Some(doc) = catalog
        .file
        .and_then(|f| model.catalog_docs.iter().find(|d| d.file == f))
    else {
        return;
    };
    let kept: HashMap<&str, Option<Loc>> = catalog
        .responsibilities
        .iter()
        .map(|k| (k.id.as_str(), k.loc))
        .collect();
    for r in &doc.responsibilities {
        let loc = r.id.loc;
        let Some(&first) = kept.get(r.id.as_str()) else {
            continue;
        };
        if first == Some(loc) {
            continue;
        }
        let message = match (first, catalog.builtin) {
            (None, Some(b)) => format!("responsibility `{}` is already in `{b}`", r.id.value),
            _ => format!("responsibility `{}` is defined twice", r.id.value),
        };
        let f = cx.report(Some(loc), message);
        if first.is_none() {
            f.help(format!("add `{}` to `remove:` to redefine it", r.id.value));
        }
    }
}

/// Catalog documents after the first, when `pmpo.yaml` names none: the first is in force.
fn catalog_documents(cx: &mut Context<'_>, model: &Model) {
    if model.config.catalog.is_some() {
        return;
    }
    let Some((first, rest)) = model.catalog_docs.split_first() else {
        return;
    };
    let in_force = model.path(first.file).to_string();
    for extra in rest {
        cx.report(
            Some(extra.loc),
            format!("a second catalog document; `{in_force}` is the catalog in force"),
        )
        .help("keep one catalog, or name the one to use with `catalog:` in pmpo.yaml");
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn finds_duplicates_across_files_of_one_sort() {
        let ws = workspace(&[
            ("roles/po.md", "---\nholders: [a]\n---\n"),
            ("roles/team/po.md", "---\nholders: [b]\n---\n"),
            ("backlog/one.yaml", "kind: backlog\nitems:\n  - id: X-1\n  - id: X-2\n"),
            ("backlog/two.yaml", "kind: backlog\nitems:\n  - id: X-1\n"),
            (
                "vision.md",
                "---\nowner: po\ngoals:\n  - {id: X-1, title: not an item}\n---\n",
            ),
        ]);
        let f = ws.findings("duplicate-id");
        let subjects: Vec<_> = f.iter().map(|f| f.subject.as_deref().unwrap()).collect();
        assert_eq!(subjects, ["X-1", "po"], "{f:?}");
        assert_eq!(&*f[0].location.as_ref().unwrap().file, "backlog/two.yaml");
        assert_eq!(&*f[0].related[0].0.file, "backlog/one.yaml");
    }

    #[test]
    fn an_entry_with_a_builtin_id_amends_it_and_a_second_one_is_a_duplicate() {
        // FORMAT.md: an entry whose id the extended catalog has amends that entry.
        let ws = workspace(&[
            ("roles/po.md", "---\nholders: [a]\n---\n"),
            (
                "responsibilities.yaml",
                "kind: catalog\nextends: builtin:pm-po\nresponsibilities:\n  - {id: customer-research, level: team}\n",
            ),
        ]);
        assert!(ws.findings("duplicate-id").is_empty());
        assert!(ws.findings("invalid-field").is_empty(), "no title needed to amend");
        let ws = workspace(&[
            ("roles/po.md", "---\nholders: [a]\n---\n"),
            (
                "responsibilities.yaml",
                "kind: catalog\nextends: builtin:pm-po\nresponsibilities:\n  - id: user-stories\n    title: Again\n  - id: user-stories\n    level: product\n",
            ),
        ]);
        let f = ws.findings("duplicate-id");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].message, "responsibility `user-stories` is defined twice");
        assert_eq!(f[0].location.as_ref().map(|l| l.span.line), Some(6));
    }

    #[test]
    fn catalog_duplicates_within_the_document_and_a_second_catalog() {
        let catalog = "kind: catalog\nextends: builtin:pm-po\nremove: [user-stories]\nresponsibilities:\n  - {id: user-stories, title: Ours}\n  - {id: pricing, title: Price}\n  - {id: pricing, title: Again}\n";
        let ws = workspace(&[
            ("roles/po.md", "---\nholders: [a]\n---\n"),
            ("responsibilities.yaml", catalog),
            ("zz/catalog.yaml", "kind: catalog\nresponsibilities: []\n"),
        ]);
        let f = ws.findings("duplicate-id");
        let got: Vec<(&str, u32, Option<&str>)> = f
            .iter()
            .map(|f| {
                let at = f.location.as_ref().unwrap();
                (f.message.as_str(), at.span.line, f.help.as_deref())
            })
            .collect();
        assert_eq!(
            got,
            [
                ("responsibility `pricing` is defined twice", 7, None),
                (
                    "a second catalog document; `responsibilities.yaml` is the catalog in force",
                    1,
                    Some("keep one catalog, or name the one to use with `catalog:` in pmpo.yaml")
                ),
            ],
            "a removed id defined again is no duplicate: {f:?}"
        );
        let named = workspace(&[
            ("pmpo.yaml", "catalog: responsibilities.yaml\n"),
            ("roles/po.md", "---\nholders: [a]\n---\n"),
            (
                "responsibilities.yaml",
                "kind: catalog\nresponsibilities: [{id: a, title: A}]\n",
            ),
            ("zz/catalog.yaml", "kind: catalog\nresponsibilities: []\n"),
        ]);
        assert!(named.findings("duplicate-id").is_empty(), "pmpo.yaml chose one");
    }

    #[test]
    fn unique_ids_pass() {
        let ws = workspace(&[
            ("roles/po.md", "---\nholders: [a]\n---\n"),
            ("backlog/one.yaml", "kind: backlog\nitems:\n  - id: X-1\n  - id: X-2\n"),
        ]);
        assert!(ws.findings("duplicate-id").is_empty());
    }
}
