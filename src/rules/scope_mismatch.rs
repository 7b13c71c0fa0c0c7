//! `scope-mismatch`: a team-scoped role accountable for a product-level responsibility.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;

pub(super) struct ScopeMismatch;

static META: RuleMeta = RuleMeta {
    name: "scope-mismatch",
    default: Severity::Error,
    summary: "a team-scoped role accountable for a product-level responsibility (it covers nothing there)",
    finds: "A role whose scope is a team (its `scope:`, or the team `path:` holding its charter) that is
accountable for a responsibility the catalog puts at the product level (`level: product`,
the default). Such a claim covers nothing: a product-level responsibility is covered once
per product, by a role of the product or of the workspace.",
    why: "A product has one vision, one roadmap, one pricing: if the payments team's product owner
owns the checkout vision, the cart team's work has no vision owner, and two teams can each
believe their own role decides for the whole product. pmpo will not guess which team's role
should speak for the product.",
    example: "```yaml
# pmpo.yaml: product checkout with teams payments and cart
id: payments-po
scope: payments
responsibilities:
  product-vision: A     # product-level: covers nothing from a team
```",
    fix: "Move the responsibility to a role scoped to the product (or the workspace), or make the
team role responsible (R) for it; if the responsibility really is per team, give it
`level: team` in a workspace catalog.",
};

impl Rule for ScopeMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        // A role serving several teams claims once per team: one finding per claim written.
        let mut seen = std::collections::HashSet::new();
        for claim in &cx.index.mismatches {
            if !seen.insert(claim.assignment.responsibility.loc) {
                continue;
            }
            let resp = claim.assignment.responsibility.as_str();
            let team = model.scope_id(claim.scope).unwrap_or_default();
            let product = model.scope_id(model.product_of(claim.scope)).unwrap_or_default();
            let f = cx.report(
                Some(claim.assignment.responsibility.loc),
                format!(
                    "`{}` serves the team `{team}`, but {resp} is a product-level responsibility: it covers nothing there",
                    claim.role.id.value
                ),
            );
            f.subject(resp)
                .scope(Some(team))
                .label("team role, product-level responsibility");
            f.help(format!(
                "make a role of the product `{product}` accountable for {resp}, or make `{}` responsible (R) for it",
                claim.role.id.value
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    const CONFIG: (&str, &str) = (
        "pmpo.yaml",
        "products:\n  - id: checkout\n    teams:\n      - id: payments\n        path: teams/payments\n",
    );

    #[test]
    fn a_team_role_owning_a_product_responsibility_covers_nothing() {
        let ws = workspace(&[
            CONFIG,
            (
                "teams/payments/po.md",
                "---\nkind: role\nholders: [d]\nresponsibilities:\n  product-vision: A\n  backlog-ordering: A\n---\n",
            ),
        ]);
        let f = ws.findings("scope-mismatch");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].subject.as_deref(), Some("product-vision"));
        assert_eq!(f[0].scope.as_deref(), Some("payments"));
        let orphaned = ws.findings("orphaned-strategic");
        assert!(
            orphaned.iter().any(|o| o.subject.as_deref() == Some("product-vision")),
            "the claim covers nothing: {orphaned:?}"
        );
    }

    #[test]
    fn a_product_role_is_no_mismatch() {
        let ws = workspace(&[
            CONFIG,
            (
                "roles/pm.md",
                "---\nholders: [m]\nscope: checkout\nresponsibilities:\n  product-vision: A\n---\n",
            ),
        ]);
        assert!(ws.findings("scope-mismatch").is_empty());
    }
}
