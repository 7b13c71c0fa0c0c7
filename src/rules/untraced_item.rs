//! `untraced-item`: a backlog item that serves no goal.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;

pub(super) struct UntracedItem;

static META: RuleMeta = RuleMeta {
    name: "untraced-item",
    default: Severity::Warning,
    summary: "a backlog item that serves no goal",
    finds: "A backlog item still to be done (not `done`, `accepted` or `dropped`, and not a Backlog.md
task in `backlog/archive/`) with no `goals:` or `goal:`. Finished work is history: naming
its goal now changes nothing.",
    why: "Strategy and delivery must meet: the product manager sets the goals, the product owner
orders the backlog by value toward them (001, 003). An item serving no goal is work whose
value nobody has argued, the backlog drifting away from the vision.",
    example: "```yaml
id: CHK-140
title: Dark mode for the admin panel
# no goals
```",
    fix: "Add `goals: [G…]` naming the goal it serves, or drop the item.",
};

impl Rule for UntracedItem {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        // The help names a goal that exists, or says what to write first.
        let first_goal = model.visions.iter().flat_map(|v| &v.goals).next();
        let unread_vision = model.unread_of(crate::model::Kind::Vision).next();
        // One text for every finding, shared rather than copied 100,000 times.
        let help: std::sync::Arc<str> = match (first_goal, unread_vision) {
            (Some(goal), _) => format!("add `goals: [{}]` naming the vision goal it serves", goal.id.value),
            (None, Some(file)) => format!(
                "{} could not be read; fix it, then name one of its goals in `goals:`",
                model.path(file)
            ),
            (None, None) if model.visions.is_empty() => {
                "write vision.md with the product's goals first, then name the goal it serves in `goals:`".into()
            }
            (None, None) => "give the vision goals first, then name the goal it serves in `goals:`".into(),
        }
        .into();
        for item in model.items.iter().filter(|i| crate::facts::untraced(i)) {
            cx.report(
                Some(item.id.loc),
                format!("backlog item {} serves no goal", item.id.value),
            )
            .subject(item.id.value.clone())
            .label("no `goals:`")
            .help(std::sync::Arc::clone(&help));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn items_without_goals_unless_dropped() {
        let ws = workspace(&[(
            "backlog/list.yaml",
            "kind: backlog\nitems:\n  - {id: A-1}\n  - {id: A-2, goal: G1}\n  - {id: A-3, status: Won't Do}\n",
        )]);
        let f = ws.findings("untraced-item");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].subject.as_deref(), Some("A-1"));
        assert!(
            f[0].help.as_deref().unwrap().starts_with("write vision.md"),
            "{:?}",
            f[0].help
        );
    }

    #[test]
    fn the_help_names_a_real_goal() {
        let ws = workspace(&[
            ("vision.md", "---\nowner: po\ngoals: [{id: G-pay, title: x}]\n---\n"),
            ("backlog/A-1.md", "---\nid: A-1\ntitle: t\n---\n"),
        ]);
        let f = ws.findings("untraced-item");
        assert_eq!(
            f[0].help.as_deref(),
            Some("add `goals: [G-pay]` naming the vision goal it serves")
        );
    }
}
