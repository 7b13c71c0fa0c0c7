//! `unused-waiver`: a waiver for a responsibility that is covered anyway.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::index::CoverageStatus;

pub(super) struct UnusedWaiver;

static META: RuleMeta = RuleMeta {
    name: "unused-waiver",
    default: Severity::Warning,
    summary: "a waiver for a responsibility that is covered anyway",
    finds: "A waiver in `pmpo.yaml` for a responsibility that a role with a holder is accountable for.",
    why: "A stale waiver hides the next gap: when the owner leaves, the responsibility would be
waived instead of reported, with a reason nobody remembers writing.",
    example: "```yaml
waivers:
  - responsibility: go-to-market   # but roles/product-manager.md says go-to-market: A
    reason: Internal tool
```",
    fix: "Delete the waiver.",
};

impl Rule for UnusedWaiver {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let index = cx.index;
        for w in &model.config.waivers {
            let id = w.responsibility.as_str();
            // Unused when every row it applies to is covered anyway.
            let rows = index.coverage_of(id);
            let applies = |c: &&crate::index::Coverage<'_>| {
                w.scope.as_ref().is_none_or(|s| {
                    let ws = model.config.scope_index(s.as_str()).and_then(|i| u32::try_from(i).ok());
                    ws == c.scope || (ws.is_some() && ws == model.product_of(c.scope))
                })
            };
            let mut in_scope = rows.iter().filter(applies).peekable();
            if in_scope.peek().is_none() || !in_scope.all(|c| c.status == CoverageStatus::Covered) {
                continue;
            }
            let Some(c) = rows.iter().find(applies) else { continue };
            let owner = &c.accountable[0].role.id.value;
            let f = cx.report(
                Some(w.responsibility.loc),
                format!("{id} is waived, but `{owner}` is accountable for it"),
            );
            f.subject(id)
                .scope(w.scope.as_ref().map(crate::model::Sp::as_str))
                .label("not needed")
                .help("remove the waiver");
            f.also(
                model.location(c.accountable[0].assignment.responsibility.loc),
                "covered here",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn waiver_of_a_covered_responsibility_is_unused() {
        let ws = workspace(&[
            (
                "roles/pm.md",
                "---\nholders: [m]\nresponsibilities:\n  go-to-market: A\n---\n",
            ),
            (
                "pmpo.yaml",
                "waivers:\n  - {responsibility: go-to-market, reason: internal}\n  - {responsibility: business-case, reason: r}\n",
            ),
        ]);
        let f = ws.findings("unused-waiver");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].subject.as_deref(), Some("go-to-market"));
        assert_eq!(&*f[0].related[0].0.file, "roles/pm.md");
    }
}
