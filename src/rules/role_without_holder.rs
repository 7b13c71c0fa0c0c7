//! `role-without-holder`: a role with no holders.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;

pub(super) struct RoleWithoutHolder;

static META: RuleMeta = RuleMeta {
    name: "role-without-holder",
    default: Severity::Warning,
    summary: "a role with no holders",
    finds: "A role charter whose `holders` list is empty or missing.",
    why: "A role is only as real as the person in it. Responsibilities a vacant role is accountable
for count as not covered (they are reported as orphaned or unowned), and this warning says
why: the seat is empty, often after someone left.",
    example: "```yaml
id: product-manager
holders: []
```",
    fix: "Name the person (or people) who hold the role, or move its responsibilities to a role that
is held.",
};

impl Rule for RoleWithoutHolder {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        for role in model.roles.iter().filter(|r| r.holders.is_empty()) {
            // What the empty seat leaves uncovered, named once here rather than once a
            // responsibility (the tables list them).
            let owned: Vec<&str> = role
                .assignments
                .iter()
                .filter(|a| a.raci == crate::model::Raci::Accountable)
                .map(|a| a.responsibility.value.as_str())
                .collect();
            // A role whose holders left says who and when (FORMAT.md, "people").
            let message = match model.left_note(&role.id.value) {
                Some(note) => format!("role `{}` has no holder: {note}", role.id.value),
                None => format!("role `{}` has no holder", role.id.value),
            };
            let f = cx.report(Some(role.holders_loc), message);
            f.subject(role.id.value.clone())
                .scope(model.scope_id(role.scopes[0]))
                .label("nobody holds this role");
            f.help(match owned.len() {
                0 => "name a holder in `holders:`".to_string(),
                n => {
                    let shown = owned
                        .iter()
                        .take(5)
                        .map(|id| format!("`{id}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let more = if n > 5 {
                        format!(" and {} more", n - 5)
                    } else {
                        String::new()
                    };
                    format!(
                        "name a holder in `holders:`; until then it leaves {} uncovered: {shown}{more}",
                        crate::words::plural(n, "responsibility", "responsibilities")
                    )
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn empty_and_missing_holders() {
        let ws = workspace(&[
            ("roles/a.md", "---\nholders: []\n---\n"),
            ("roles/b.md", "---\ntitle: B\n---\n"),
            ("roles/c.md", "---\nholders: [c]\n---\n"),
        ]);
        let f = ws.findings("role-without-holder");
        let subjects: Vec<_> = f.iter().map(|f| f.subject.as_deref().unwrap()).collect();
        assert_eq!(subjects, ["a", "b"]);
    }
}
