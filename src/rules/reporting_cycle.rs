//! `reporting-cycle`: `reports_to` goes round in a loop.

use std::collections::HashMap;

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;

pub(super) struct ReportingCycle;

static META: RuleMeta = RuleMeta {
    name: "reporting-cycle",
    default: Severity::Error,
    summary: "`reports_to` goes round in a loop",
    finds: "A chain of `reports_to` that comes back to where it started: a role reporting to itself, or
A reporting to B reporting to A.",
    why: "Escalation needs a top. In a loop, a conflict between the product owner and the product
manager has nobody to settle it, and onboarding charters cannot say who decides.",
    example: "```yaml
# roles/product-owner.md       # roles/product-manager.md
reports_to: product-manager    reports_to: product-owner
```",
    fix: "Remove `reports_to` from the role at the top of the chain, or point it at a role outside
the loop.",
};

impl Rule for ReportingCycle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let index = cx.index;
        // Each role has one `reports_to`, so the roles form a functional graph: follow
        // each chain until it meets a role already settled, and a loop shows up as a
        // role met again on the chain being followed. Every role is visited once.
        let mut position: HashMap<&str, usize> = HashMap::with_capacity(model.roles.len());
        for (i, role) in model.roles.iter().enumerate() {
            position.entry(role.id.as_str()).or_insert(i);
        }
        let next = |i: usize| {
            let target = model.roles[i].reports_to.as_ref()?;
            let role = index.roles.get(target.as_str())?;
            position.get(role.id.as_str()).copied()
        };
        // 0: not seen; 1: on the chain being followed; 2: settled.
        let mut state = vec![0u8; model.roles.len()];
        let mut cycles = Vec::new();
        for start in 0..model.roles.len() {
            let mut chain = Vec::new();
            let mut at = Some(start);
            while let Some(i) = at {
                match state[i] {
                    0 => {
                        state[i] = 1;
                        chain.push(i);
                        at = next(i);
                    }
                    1 => {
                        let from = chain.iter().position(|&c| c == i).unwrap_or(0);
                        let mut cycle = chain[from..].to_vec();
                        // Told from the role that comes first in the workspace.
                        let first = (0..cycle.len()).min_by_key(|&k| cycle[k]).unwrap_or(0);
                        cycle.rotate_left(first);
                        cycles.push(cycle);
                        break;
                    }
                    _ => break,
                }
            }
            for i in chain {
                state[i] = 2;
            }
        }
        cycles.sort_by_key(|c| c[0]);
        for cycle in cycles {
            let start = &model.roles[cycle[0]];
            let chain = cycle
                .iter()
                .chain(std::iter::once(&cycle[0]))
                .map(|&i| model.roles[i].id.as_str())
                .collect::<Vec<_>>()
                .join(" → ");
            let Some(first_link) = &start.reports_to else { continue };
            let f = cx.report(Some(first_link.loc), format!("reporting cycle: {chain}"));
            f.subject(start.id.value.clone()).label("the loop starts here");
            for &i in &cycle[1..] {
                if let Some(link) = &model.roles[i].reports_to {
                    f.also(model.location(link.loc), "continues here");
                }
            }
            f.help("remove `reports_to` from the role at the top, or point it outside the loop");
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
