//! `team-too-large`: `team_size` above `limits.max_team_size`.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;

pub(super) struct TeamTooLarge;

static META: RuleMeta = RuleMeta {
    name: "team-too-large",
    default: Severity::Warning,
    summary: "`team_size` above `limits.max_team_size`",
    finds: "A role charter whose `team_size` (the developers the role works with) is above
`limits.max_team_size` in `pmpo.yaml`, 10 by default, the Scrum guidance.

A team declared in `pmpo.yaml` with a `size:` above the limit is reported too.",
    why: "The product owner's job is to make sure the team understands every backlog item and why it
matters (001, 002), and to clear its blockers (000). That does not scale past one team: with
twelve developers, refinement and acceptance become the bottleneck.",
    example: "```yaml
id: product-owner
team_size: 14
```",
    fix: "Split the team, add a second product owner for the second team, or raise
`limits.max_team_size` if the team works well at that size.",
};

impl Rule for TeamTooLarge {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let limit = model.config.max_team_size;
        for role in &model.roles {
            let Some(size) = &role.team_size else { continue };
            if size.value <= limit {
                continue;
            }
            let f = cx.report(
                Some(size.loc),
                format!(
                    "`{}` works with {} developers (limit {limit})",
                    role.id.value, size.value
                ),
            );
            f.subject(role.id.value.clone())
                .scope(model.scope_id(role.scopes[0]))
                .label("team size");
            f.help("split the team, add a role for the second team, or raise `limits.max_team_size`");
        }
        for team in &model.config.scopes {
            let Some(size) = team.size.as_ref().filter(|s| s.value > limit) else {
                continue;
            };
            let f = cx.report(
                Some(size.loc),
                format!("team `{}` has {} developers (limit {limit})", team.id.value, size.value),
            );
            f.subject(team.id.value.clone())
                .scope(Some(team.id.as_str()))
                .label("team size");
            f.help("split the team in two, or raise `limits.max_team_size`");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn above_the_limit_only() {
        let ws = workspace(&[
            ("roles/a.md", "---\nholders: [x]\nteam_size: 11\n---\n"),
            ("roles/b.md", "---\nholders: [y]\nteam_size: 10\n---\n"),
        ]);
        let f = ws.findings("team-too-large");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].subject.as_deref(), Some("a"));
    }
}
