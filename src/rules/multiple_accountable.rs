//! `multiple-accountable`: more than one role is accountable for one responsibility.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::index::Overlap;

pub(super) struct MultipleAccountable;

static META: RuleMeta = RuleMeta {
    name: "multiple-accountable",
    default: Severity::Error,
    summary: "more than one role accountable for one responsibility",
    finds: "A responsibility that two or more role charters mark `A`. Every charter that claims it is
shown.

With `products:` in `pmpo.yaml`, two accountable roles overlap only at the same level of
the lookup for one scope: a team's own product owner overrides the product's, as the last
matching line of a CODEOWNERS file does, and is no overlap.",
    why: "Accountability shared is accountability lost: when the product manager and the product
owner both \"own\" the roadmap, each can assume the other decided. The articles pmpo is written from describe the
two roles as overlapping in a scrum team (000), which is exactly where this creeps in.",
    example: "```yaml
# roles/product-manager.md
product-roadmap: A
# roles/product-owner.md
product-roadmap: A
```",
    fix: "Keep one accountable role; make the others responsible (`R`) or consulted (`C`).",
};

impl Rule for MultipleAccountable {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        // Roles of one level decide every row below it: one finding per set of roles.
        let mut seen = std::collections::HashSet::new();
        for c in &cx.index.coverage {
            if c.overlap() != Some(Overlap::MultipleAccountable)
                || !seen.insert((c.responsibility, c.accountable[0].assignment.responsibility.loc))
            {
                continue;
            }
            let id = &model.catalog.responsibilities[c.responsibility].id;
            let roles: Vec<_> = c
                .accountable
                .iter()
                .map(|cl| format!("`{}`", cl.role.id.value))
                .collect();
            let first = c.accountable[0];
            let f = cx.report(
                Some(first.assignment.responsibility.loc),
                format!("{id} has {} accountable roles: {}", roles.len(), roles.join(", ")),
            );
            f.subject(id.clone())
                .scope(model.scope_id(first.scope))
                .label("accountable here");
            for other in &c.accountable[1..] {
                f.also(
                    model.location(other.assignment.responsibility.loc),
                    "also accountable here",
                );
            }
            f.help("keep one accountable role; make the others responsible (R) or consulted (C)");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn points_at_every_claiming_charter() {
        let ws = workspace(&[
            (
                "roles/a.md",
                "---\nholders: [x]\nresponsibilities:\n  product-roadmap: A\n---\n",
            ),
            (
                "roles/b.md",
                "---\nholders: [y]\nresponsibilities:\n  product-roadmap: A\n---\n",
            ),
            (
                "roles/c.md",
                "---\nholders: [z]\nresponsibilities:\n  product-roadmap: accountable\n---\n",
            ),
        ]);
        let f = ws.findings("multiple-accountable");
        assert_eq!(f.len(), 1);
        assert_eq!(&*f[0].location.as_ref().unwrap().file, "roles/a.md");
        let others: Vec<_> = f[0].related.iter().map(|(l, _)| l.file.as_ref()).collect();
        assert_eq!(others, ["roles/b.md", "roles/c.md"]);
    }

    #[test]
    fn one_accountable_and_others_responsible_is_fine() {
        let ws = workspace(&[
            (
                "roles/a.md",
                "---\nholders: [x]\nresponsibilities:\n  product-roadmap: A\n---\n",
            ),
            (
                "roles/b.md",
                "---\nholders: [y]\nresponsibilities:\n  product-roadmap: R\n---\n",
            ),
        ]);
        assert!(ws.findings("multiple-accountable").is_empty());
    }
}
