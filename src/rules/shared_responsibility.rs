//! `shared-responsibility`: more than one role is accountable or responsible for one
//! responsibility.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::index::Overlap;

pub(super) struct SharedResponsibility;

static META: RuleMeta = RuleMeta {
    name: "shared-responsibility",
    default: Severity::Info,
    summary: "more than one role accountable or responsible for one responsibility",
    finds: "A responsibility that two or more roles carry as accountable or responsible (A or R),
with at most one of them accountable: for instance the product manager accountable for
voice-of-customer while the product owner does the work.",
    why: "Shared work is often right (the accountable role delegates the doing), but it is where
the two roles overlap, and overlap is where each assumes the other has it. It is reported
so that a team sees its overlaps, not failed. Two accountable roles is
`multiple-accountable`, an error.",
    example: "```yaml
# roles/product-manager.md          # roles/product-owner.md
voice-of-customer: A                voice-of-customer: R
```",
    fix: "Nothing, if the split is intended. Otherwise make one role consulted (C) instead.",
};

impl Rule for SharedResponsibility {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let index = cx.index;
        let mut seen = std::collections::HashSet::new();
        for c in &index.coverage {
            if c.overlap() != Some(Overlap::Shared) {
                continue;
            }
            let mut claims = c.accountable.iter().chain(&c.responsible);
            let Some(first) = claims.next() else { continue };
            // The same claims seen from several rows are one finding.
            let key: Vec<_> = c
                .accountable
                .iter()
                .chain(&c.responsible)
                .map(|cl| cl.assignment.responsibility.loc)
                .collect();
            if !seen.insert((c.responsibility, key)) {
                continue;
            }
            let mut roles = vec![first.role.id.as_str()];
            let mut others = Vec::new();
            for cl in claims {
                if !roles.contains(&cl.role.id.as_str()) {
                    roles.push(cl.role.id.as_str());
                    others.push(cl);
                }
            }
            let id = &model.catalog.responsibilities[c.responsibility].id;
            let list: Vec<_> = roles.iter().map(|r| format!("`{r}`")).collect();
            let f = cx.report(
                Some(first.assignment.responsibility.loc),
                format!("{id} is shared by {}", list.join(", ")),
            );
            // Claims of one level are about that level; claims from several levels
            // meet in this row's product or team.
            let one_level = c
                .accountable
                .iter()
                .chain(&c.responsible)
                .all(|cl| cl.scope == first.scope);
            let scope = if one_level { first.scope } else { c.scope };
            f.help("nothing to do if the sharing is meant; otherwise keep the work with one role and make the others consulted (C)");
            f.subject(id.clone())
                .scope(model.scope_id(scope))
                .label(format!("{} here", first.assignment.raci.letter()));
            for cl in others {
                f.also(
                    model.location(cl.assignment.responsibility.loc),
                    format!("{} here", cl.assignment.raci.letter()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn accountable_plus_responsible_is_shared() {
        let ws = workspace(&[
            (
                "roles/pm.md",
                "---\nholders: [m]\nresponsibilities:\n  voice-of-customer: A\n  market-research: A\n---\n",
            ),
            (
                "roles/po.md",
                "---\nholders: [d]\nresponsibilities:\n  voice-of-customer: R\n  market-research: C\n---\n",
            ),
        ]);
        let f = ws.findings("shared-responsibility");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].subject.as_deref(), Some("voice-of-customer"));
        assert_eq!(f[0].severity, crate::finding::Severity::Info);
    }
}
