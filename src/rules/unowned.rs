//! `unowned`: a responsibility that is not strategic and not covered.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::index::CoverageStatus;

pub(super) struct Unowned;

static META: RuleMeta = RuleMeta {
    name: "unowned",
    default: Severity::Error,
    summary: "any other responsibility that is not covered",
    finds: "A responsibility that is not strategic (backlog ordering, acceptance criteria, team
support, …) with no accountable role that has a holder, and no waiver in force.

With `products:` in `pmpo.yaml`, coverage is decided per scope: a product-level
responsibility in every product, a team-level one in every team, each looked up from the
scope outward (the team, then its product, then the workspace). The finding's `scope`
names the product or team where nobody is accountable.",
    why: "Every responsibility in the catalog is work somebody must answer for. Unowned delivery
work shows up as an unordered backlog, stories without acceptance criteria, or finished
work that nobody accepts (003: the product owner accepts completed stories against the
agreed criteria).",
    example: "```yaml
# roles/product-manager.md: no charter says `work-acceptance: A`
```",
    fix: "Make one role with a holder accountable for it, usually the role the catalog's `expected`
names, or waive it in `pmpo.yaml` with a reason.",
};

impl Rule for Unowned {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        super::shared::report_uncovered(cx, CoverageStatus::Unowned);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn non_strategic_gaps_are_unowned_and_point_to_the_expected_charter() {
        let ws = workspace(&[(
            "roles/product-owner.md",
            "---\nholders: [d]\nresponsibilities:\n  user-stories: A\n---\n",
        )]);
        let f = ws.findings("unowned");
        assert_eq!(f.len(), 13, "{:?}", f.iter().map(|f| &f.subject).collect::<Vec<_>>());
        assert!(f.iter().all(|f| f.subject.as_deref() != Some("user-stories")));
        let wa = f
            .iter()
            .find(|f| f.subject.as_deref() == Some("work-acceptance"))
            .unwrap();
        assert_eq!(
            wa.help.as_deref(),
            Some("add `work-acceptance: A` to the `product-owner` charter (roles/product-owner.md)")
        );
    }
}
