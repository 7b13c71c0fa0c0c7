//! `unexpected-owner`: the accountable role is not the catalog's `expected` one, while
//! that role exists.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;

pub(super) struct UnexpectedOwner;

static META: RuleMeta = RuleMeta {
    name: "unexpected-owner",
    default: Severity::Warning,
    summary: "the accountable role is not the catalog's `expected` one, while that role exists",
    finds: "A responsibility whose one accountable role is not of the catalog's `expected` role type,
in a workspace where a role of that type has a charter. A role's type is its `type:`, or
its id when it has none, so `payments-po` with `type: product-owner` is a product owner.",
    why: "The split the articles pmpo is written from describe puts strategy with the product manager and the backlog with
the product owner. When both roles exist and the product owner is accountable for the
roadmap, the product manager's strategic work has drifted to the backlog side, the first
step to the orphaned strategy `orphaned-strategic` catches.",
    example: "```yaml
# roles/product-owner.md, while roles/product-manager.md exists
product-roadmap: A
```",
    fix: "Move the `A` to the expected role, or, when your team deliberately splits the work
differently, extend the catalog and set `expected:` (or `expected: any`) for it.",
};

impl Rule for UnexpectedOwner {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let index = cx.index;
        let mut seen = std::collections::HashSet::new();
        for c in &index.coverage {
            if c.accountable.len() != 1 {
                continue;
            }
            let resp = &model.catalog.responsibilities[c.responsibility];
            let Some(expected) = &resp.expected else { continue };
            let claim = c.accountable[0];
            if claim.role.is_type(&expected.value) {
                continue;
            }
            // A role of the expected type that could own this row: one of the row's own
            // scope or an enclosing one (a team's role cannot own a product's row).
            let Some(expected_role) = index.role_of_type(model, expected.as_str(), c.scope) else {
                continue;
            };
            if !seen.insert(claim.assignment.responsibility.loc) {
                continue;
            }
            let f = cx.report(
                Some(claim.assignment.responsibility.loc),
                format!(
                    "{} is owned by `{}`, but the catalog expects `{}`",
                    resp.id, claim.role.id.value, expected.value
                ),
            );
            f.subject(resp.id.clone())
                .scope(model.scope_id(c.scope))
                .label("accountable here");
            f.help(format!(
                "move `{}: A` to {}, or set `expected:` for it in a workspace catalog",
                resp.id,
                model.path(expected_role.file)
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn fires_only_when_the_expected_role_exists() {
        let po = (
            "roles/product-owner.md",
            "---\nholders: [d]\nresponsibilities:\n  product-roadmap: A\n  feature-prioritization: A\n---\n",
        );
        let ws = workspace(&[po, ("roles/product-manager.md", "---\nholders: [m]\n---\n")]);
        let f = ws.findings("unexpected-owner");
        assert_eq!(f.len(), 1, "`any` is not checked: {f:?}");
        assert_eq!(f[0].subject.as_deref(), Some("product-roadmap"));
        let ws = workspace(&[po]);
        assert!(ws.findings("unexpected-owner").is_empty());
    }

    #[test]
    fn reads_the_type_not_the_id() {
        let pm = (
            "roles/head.md",
            "---
type: product-manager
holders: [m]
---
",
        );
        let po = (
            "roles/checkout-po.md",
            "---
type: product-owner
holders: [d]
responsibilities:
  backlog-ordering: A
  product-roadmap: A
---
",
        );
        let f = workspace(&[pm, po]).findings("unexpected-owner");
        let subjects: Vec<_> = f.iter().map(|f| f.subject.as_deref().unwrap()).collect();
        assert_eq!(
            subjects,
            ["product-roadmap"],
            "backlog-ordering is the product owner's: {f:?}"
        );
        assert!(f[0].help.as_deref().unwrap().contains("roles/head.md"), "{f:?}");
    }
}
