//! `reporting-cycle`: `reports_to` goes round in a loop.

use std::collections::HashSet;

use super::{Context, Rule, RuleMeta};
use crate::finding::Severity;

pub struct ReportingCycle;

static META: RuleMeta = RuleMeta {
    name: "reporting-cycle",
    default: Severity::Error,
    summary: "`reports_to` goes round in a loop",
    explain: "## What it finds
A chain of `reports_to` that comes back to where it started: a role reporting to itself, or
A reporting to B reporting to A.

## Why it matters
Escalation needs a top. In a loop, a conflict between the product owner and the product
manager has nobody to settle it, and onboarding charters cannot say who decides.

## Example
```yaml
# roles/product-owner.md       # roles/product-manager.md
reports_to: product-manager    reports_to: product-owner
```

## How to fix
Remove `reports_to` from the role at the top of the chain, or point it at a role outside
the loop.
",
};

impl Rule for ReportingCycle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let index = cx.index;
        let mut reported: HashSet<&str> = HashSet::new();
        for start in &model.roles {
            let mut path = vec![start];
            let mut seen: HashSet<&str> = HashSet::from([start.id.as_str()]);
            let mut current = start;
            // Bounded by the number of roles: each step visits a new one or stops.
            while let Some(next) = current.reports_to.as_ref().and_then(|r| index.roles.get(r.as_str())) {
                if next.id.value == start.id.value {
                    let names: Vec<&str> = path.iter().map(|r| r.id.as_str()).collect();
                    if names.iter().any(|n| reported.contains(n)) {
                        break;
                    }
                    reported.extend(names.iter().copied());
                    let chain = names
                        .iter()
                        .chain(std::iter::once(&names[0]))
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" → ");
                    let Some(first_link) = &start.reports_to else { break };
                    let f = cx.report(Some(first_link.loc), format!("reporting cycle: {chain}"));
                    f.subject(start.id.value.clone()).label("the loop starts here");
                    for role in &path[1..] {
                        if let Some(link) = &role.reports_to {
                            f.also(model.location(link.loc), "continues here");
                        }
                    }
                    f.help("remove `reports_to` from the role at the top, or point it outside the loop");
                    break;
                }
                if !seen.insert(next.id.as_str()) {
                    break;
                }
                path.push(next);
                current = next;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn a_loop_is_reported_once() {
        let ws = workspace(&[
            ("roles/a.md", "---\nholders: [x]\nreports_to: b\n---\n"),
            ("roles/b.md", "---\nholders: [y]\nreports_to: c\n---\n"),
            ("roles/c.md", "---\nholders: [z]\nreports_to: a\n---\n"),
            ("roles/d.md", "---\nholders: [w]\nreports_to: a\n---\n"),
            ("roles/e.md", "---\nholders: [v]\nreports_to: e\n---\n"),
        ]);
        let f = ws.findings("reporting-cycle");
        let messages: Vec<_> = f.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages, ["reporting cycle: a → b → c → a", "reporting cycle: e → e"]);
    }

    #[test]
    fn a_chain_with_a_top_is_fine() {
        let ws = workspace(&[
            ("roles/a.md", "---\nholders: [x]\nreports_to: b\n---\n"),
            ("roles/b.md", "---\nholders: [y]\n---\n"),
        ]);
        assert!(ws.findings("reporting-cycle").is_empty());
    }
}
