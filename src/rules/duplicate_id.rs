//! `duplicate-id`: two roles, responsibilities, goals, roadmap items or backlog items
//! share an id.

use std::collections::HashMap;

use super::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::model::{Loc, ProblemKind};

pub struct DuplicateId;

static META: RuleMeta = RuleMeta {
    name: "duplicate-id",
    default: Severity::Error,
    summary: "two roles, responsibilities, goals, roadmap items or backlog items with one id",
    finds: "Two things of one sort with the same id: two role charters (for instance `roles/po.md` and
`team/po.md` both without `id:`), two responsibilities in a catalog (or one already in the
catalog it extends), two goals, two roadmap items, two backlog items (also across several
YAML backlogs), and a second catalog document.

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

fn report_groups(cx: &mut Context<'_>, what: &str, ids: Vec<(&str, Loc)>) {
    // Count first: a large backlog has few repeated ids among very many, and only those
    // need a list of places.
    let mut counts: HashMap<&str, u32> = HashMap::with_capacity(ids.len());
    for (id, _) in &ids {
        *counts.entry(id).or_default() += 1;
    }
    let mut groups: HashMap<&str, Vec<Loc>> = HashMap::new();
    let mut order = Vec::new();
    for (id, loc) in ids {
        if counts[id] < 2 {
            continue;
        }
        let e = groups.entry(id).or_default();
        if e.is_empty() {
            order.push(id);
        }
        e.push(loc);
    }
    for id in order {
        let locs = &groups[id];
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
            model.roles.iter().map(|r| (r.id.as_str(), r.id.loc)).collect(),
        );
        // Goal ids are unique within a product: one namespace per product (and one for
        // the workspace's vision, the only one without products).
        let mut namespaces: Vec<(crate::model::Scope, Vec<(&str, crate::model::Loc)>)> = Vec::new();
        for v in &model.visions {
            let product = model.product_of(model.scope_of(v.scope.as_ref(), v.file));
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
            report_groups(cx, "goal", goals);
        }
        let roadmap = model
            .roadmaps
            .iter()
            .flat_map(|r| &r.items)
            .map(|i| (i.id.as_str(), i.id.loc))
            .collect();
        report_groups(cx, "roadmap item", roadmap);
        report_groups(
            cx,
            "backlog item",
            model.items.iter().map(|i| (i.id.as_str(), i.id.loc)).collect(),
        );
        for p in model.problems.iter().filter(|p| p.kind == ProblemKind::DuplicateId) {
            let f = cx.report(Some(p.loc), p.message.clone());
            if let Some(h) = &p.help {
                f.help(h.clone());
            }
        }
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
        assert_eq!(f[0].location.as_ref().unwrap().file, "backlog/two.yaml");
        assert_eq!(f[0].related[0].0.file, "backlog/one.yaml");
    }

    #[test]
    fn catalog_duplicates_of_the_builtin() {
        let ws = workspace(&[
            ("roles/po.md", "---\nholders: [a]\n---\n"),
            (
                "responsibilities.yaml",
                "kind: catalog\nextends: builtin:pm-po\nresponsibilities:\n  - id: user-stories\n    title: Again\n",
            ),
        ]);
        assert_eq!(ws.findings("duplicate-id").len(), 1);
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
