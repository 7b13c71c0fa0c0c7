//! `goal-without-work`: a goal that no backlog or roadmap item serves.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;

pub(super) struct GoalWithoutWork;

static META: RuleMeta = RuleMeta {
    name: "goal-without-work",
    default: Severity::Warning,
    summary: "a goal that no backlog or roadmap item serves",
    finds: "A vision goal that no roadmap item and no backlog item (other than dropped ones) names in
its `goals:`.

With `products:` in `pmpo.yaml`, a goal is served by the work of its own product, or by
work elsewhere that names it with its product (`checkout/G1`).",
    why: "A goal nobody works toward is a wish. The product manager turns the vision into a roadmap
(001, 002) and the product owner into backlog items; a goal with neither has fallen between
the two roles.",
    example: "`G3: Expand to two new markets` in vision.md, and nothing in the roadmap or backlog
mentions G3.",
    fix: "Plan work for it on the roadmap or in the backlog, or retire the goal from the vision.",
};

impl Rule for GoalWithoutWork {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let index = cx.index;
        let served = crate::facts::served_goals(model, index);
        // Work that could not be read may serve the goal: say so rather than claim none does.
        let unread = model.unread_note(
            &[
                crate::model::Kind::BacklogItem,
                crate::model::Kind::Backlog,
                crate::model::Kind::Roadmap,
            ],
            "serve this goal",
        );
        for vision in &model.visions {
            let product = model.product_of(vision.at);
            for goal in &vision.goals {
                if served.contains(&(product, goal.id.as_str())) {
                    continue;
                }
                cx.report(
                    Some(goal.id.loc),
                    format!("goal {} ({}) has no work serving it", goal.id.value, goal.title),
                )
                .subject(goal.id.value.clone())
                .scope(model.scope_id(product))
                .label("no roadmap or backlog item names this goal")
                .help(match &unread {
                    Some(note) => {
                        format!("{note}; otherwise plan a roadmap or backlog item for it, or retire the goal")
                    }
                    None => "plan a roadmap or backlog item for it, or retire the goal".to_string(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn goals_need_live_work() {
        let ws = workspace(&[
            (
                "vision.md",
                "---\nowner: po\ngoals:\n  - {id: G1, title: a}\n  - {id: G2, title: b}\n  - {id: G3, title: c}\n---\n",
            ),
            ("roadmap.yaml", "kind: roadmap\nitems:\n  - {id: R1, goals: [G1]}\n"),
            (
                "backlog/x.yaml",
                "kind: backlog\nitems:\n  - {id: X-1, goals: [G2]}\n  - {id: X-2, goals: [G3], status: dropped}\n",
            ),
        ]);
        let f = ws.findings("goal-without-work");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].subject.as_deref(), Some("G3"));
    }

    #[test]
    fn unread_work_may_serve_the_goal_and_the_help_says_so() {
        let ws = workspace(&[
            ("vision.md", "---\nowner: po\ngoals: [{id: G1, title: x}]\n---\n"),
            ("backlog/B-1.md", "---\nid: B-1\ngoals: [G1\n---\n"),
        ]);
        let f = ws.findings("goal-without-work");
        assert_eq!(f.len(), 1);
        let help = f[0].help.as_deref().unwrap();
        assert!(
            help.starts_with("backlog/B-1.md could not be read; it may serve this goal"),
            "{help}"
        );
    }
}
