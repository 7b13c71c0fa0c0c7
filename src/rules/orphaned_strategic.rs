//! `orphaned-strategic`: a strategic responsibility that is not covered.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::index::CoverageStatus;

pub(super) struct OrphanedStrategic;

static META: RuleMeta = RuleMeta {
    name: "orphaned-strategic",
    default: Severity::Error,
    summary: "a strategic responsibility that is not covered",
    finds: "A responsibility marked `strategic: true` in the catalog (product strategy, vision,
roadmap, business case, market and customer research, …) that no role with a holder is
accountable for, and that no waiver in force excuses.

With `products:` in `pmpo.yaml`, coverage is decided per scope: a product-level
responsibility in every product, a team-level one in every team, each looked up from the
scope outward (the team, then its product, then the workspace). The finding's `scope`
names the product or team where nobody is accountable.",
    why:
        "This is the failure the articles pmpo is written from describe: a team has someone ordering the backlog, so the
work looks owned, while strategy, vision and research are owned by no one and silently
stop. \"In the past, the role of Product Owner has been consumed by backlog management\"
(003). A product manager \"defines the strategy for the product\" (000); without one, nobody
does.",
    example: "A workspace with only a `product-owner` charter: `product-vision`, `product-strategy`,
`market-research` and the rest of the strategic work have no accountable role.",
    fix: "Make one role with a holder accountable (`product-vision: A`), normally the product
manager's charter, or, when the work is truly not needed, waive it in `pmpo.yaml` with a
reason and an `until` date.",
};

impl Rule for OrphanedStrategic {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        super::shared::report_uncovered(cx, CoverageStatus::Orphaned);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn po_only_team_orphans_the_strategy() {
        let ws = workspace(&[(
            "roles/product-owner.md",
            "---\nholders: [d]\nresponsibilities:\n  product-vision: C\n---\n",
        )]);
        let f = ws.findings("orphaned-strategic");
        assert_eq!(f.len(), 13, "every strategic responsibility of the built-in catalog");
        let vision = f
            .iter()
            .find(|f| f.subject.as_deref() == Some("product-vision"))
            .unwrap();
        assert_eq!(vision.message, "product-vision has no accountable role");
        assert_eq!(vision.location.as_ref().unwrap().span.line, 4, "points at the mention");
    }

    #[test]
    fn an_accountable_role_without_holder_does_not_cover() {
        let ws = workspace(&[(
            "roles/product-manager.md",
            "---\nholders: []\nresponsibilities:\n  product-vision: A\n---\n",
        )]);
        let f = ws.findings("orphaned-strategic");
        let vision = f
            .iter()
            .find(|f| f.subject.as_deref() == Some("product-vision"))
            .unwrap();
        assert!(vision.message.contains("which has no holder"));
    }

    #[test]
    fn waived_and_covered_are_not_orphaned() {
        let ws = workspace(&[
            (
                "roles/product-manager.md",
                "---\nholders: [m]\nresponsibilities:\n  product-vision: A\n---\n",
            ),
            (
                "pmpo.yaml",
                "waivers:\n  - responsibility: go-to-market\n    reason: internal tool\n",
            ),
        ]);
        let f = ws.findings("orphaned-strategic");
        assert!(
            f.iter()
                .all(|f| !matches!(f.subject.as_deref(), Some("product-vision" | "go-to-market")))
        );
        assert_eq!(f.len(), 11);
    }
}
