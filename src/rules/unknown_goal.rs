//! `unknown-goal`: a backlog or roadmap item names a goal no vision has.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::model::Loc;
use crate::suggest;

pub(super) struct UnknownGoal;

static META: RuleMeta = RuleMeta {
    name: "unknown-goal",
    default: Severity::Error,
    summary: "a backlog or roadmap item names a goal no vision has",
    finds: "A goal id in a backlog item's or roadmap item's `goals:` (or `goal:`) that no vision
defines, with the closest goal id as a suggestion.

With `products:` in `pmpo.yaml`, an item names goals of its own product's vision or of
the workspace's vision; another product's goal is written with its product,
`checkout/G1`.",
    why: "The item looks traced to strategy but is not: the goal was renamed, retired or mistyped,
and the work is now justified by nothing.",
    example: "```yaml
goals: [G7]     # the vision defines G1 to G3
```",
    fix: "Point the item at a goal the vision defines, or add the goal to the vision.",
};

impl Rule for UnknownGoal {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let index = cx.index;
        // A vision that could not be read may define any goal: its parse-error says what
        // is wrong, and claiming its goals do not exist would bury that under noise.
        if model.unread_of(crate::model::Kind::Vision).next().is_some() {
            return;
        }
        let goals_of = |product: crate::model::Scope| {
            model
                .visions
                .iter()
                .filter(move |v| {
                    let p = model.product_of(v.at);
                    p.is_none() || p == product
                })
                .flat_map(|v| &v.goals)
                .map(|g| g.id.as_str())
        };
        let known: std::cell::RefCell<std::collections::HashMap<crate::model::Scope, suggest::Suggester<'_>>> =
            std::cell::RefCell::default();
        let check = |cx: &mut Context<'_>, what: &str, item: &str, (goal, loc): (&str, Loc), scope| {
            if index.goal(model, scope, goal).is_some() {
                return;
            }
            let f = cx.report(
                Some(loc),
                format!("{what} {item} serves `{goal}`, which no vision defines"),
            );
            f.subject(item.to_string())
                .scope(model.scope_id(scope))
                .label("unknown goal");
            // Only the goals the item may name: its own product's and the workspace's,
            // one bounded index per product.
            let product = model.product_of(scope);
            let mut known = known.borrow_mut();
            let known = known
                .entry(product)
                .or_insert_with(|| suggest::Suggester::new(goals_of(product)));
            f.help(known.hint(goal).unwrap_or_else(|| {
                let mut ids: Vec<&str> = goals_of(product).collect();
                ids.truncate(5);
                match ids.as_slice() {
                    [] if model.visions.is_empty() => format!("write vision.md with a goal `{goal}` first"),
                    [] => format!("add the goal `{goal}` to the vision first"),
                    _ => format!("name a goal the vision defines: {}", ids.join(", ")),
                }
            }));
        };
        for item in &model.items {
            if item.goals.is_empty() {
                continue;
            }
            let scope = item.at;
            for goal in &item.goals {
                check(cx, "backlog item", item.id.as_str(), (goal.as_str(), goal.loc), scope);
            }
        }
        for roadmap in &model.roadmaps {
            let scope = roadmap.at;
            for item in &roadmap.items {
                for goal in &item.goals {
                    check(cx, "roadmap item", item.id.as_str(), (goal.as_str(), goal.loc), scope);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn suggests_a_defined_goal() {
        let ws = workspace(&[
            ("roles/po.md", "---\nholders: [d]\n---\n"),
            (
                "vision.md",
                "---\nowner: po\ngoals: [{id: G-checkout, title: x}]\n---\n",
            ),
            ("backlog/a.md", "---\nid: A-1\ngoals: [G-chekout]\n---\n"),
            (
                "roadmap.yaml",
                "kind: roadmap\nitems:\n  - {id: R1, goals: [G-checkout]}\n",
            ),
        ]);
        let f = ws.findings("unknown-goal");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].help.as_deref(), Some("did you mean `G-checkout`?"));
    }
}
