//! `acceptance-by-non-owner`: an accepted item whose `accepted_by` does not hold the
//! role accountable for the catalog's acceptance responsibility (`uses: acceptance`,
//! `work-acceptance` in `builtin:pm-po`; none in `builtin:scrum`).

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::model::Status;

pub(super) struct AcceptanceByNonOwner;

static META: RuleMeta = RuleMeta {
    name: "acceptance-by-non-owner",
    default: Severity::Error,
    summary: "an `accepted` item whose `accepted_by` does not hold the role accountable for the catalog's acceptance responsibility (`work-acceptance` in `builtin:pm-po`)",
    finds: "A backlog item with status `accepted` whose `accepted_by` is missing, or is not a holder of
the role accountable for the catalog's acceptance responsibility: the one its `uses:
acceptance` names, `work-acceptance` in `builtin:pm-po`. A catalog without an acceptance
step (`acceptance: null`, as in `builtin:scrum`) turns the rule off.

With `products:` in `pmpo.yaml`, the accountable role is the one of the item's scope,
looked up from the item's team outward (the team, then its product, then the workspace),
so one team's product owner cannot accept another team's item unnoticed.",
    why: "Accepting completed work against its acceptance criteria is the product owner's call (003).
Work accepted by someone else, or by nobody on record, was not accepted by the person
answerable for it.",
    example: "```yaml
id: CHK-101
status: accepted
accepted_by: sam      # the product owner is dana
```",
    fix: "Have a holder of the accountable role accept the work and record it in `accepted_by`, or
fix the charter if acceptance really sits with another role.",
};

impl Rule for AcceptanceByNonOwner {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        if model.catalog.uses.acceptance.is_empty() {
            return;
        }
        // One lookup per scope, not per item.
        let mut owners: std::collections::HashMap<crate::model::Scope, (&str, Option<&crate::model::Role>)> =
            std::collections::HashMap::new();
        for item in model.items.iter().filter(|i| i.status == Status::Accepted) {
            let id = item.id.as_str();
            let scope = item.at;
            let (acceptance, owner) = *owners.entry(scope).or_insert_with(|| {
                let level = if model.is_team(scope) {
                    crate::model::ScopeLevel::Team
                } else {
                    crate::model::ScopeLevel::Product
                };
                let acceptance = model.catalog.acceptance_for(level).unwrap_or_default();
                (acceptance, cx.index.accountable_role(model, acceptance, scope))
            });
            let scope_id = model.scope_id(scope);
            match (&item.accepted_by, owner) {
                (None, _) => {
                    cx.report(
                        Some(item.status_loc.unwrap_or(item.id.loc)),
                        format!("backlog item {id} is accepted, but `accepted_by` is missing"),
                    )
                    .subject(id)
                    .scope(scope_id)
                    .label("accepted by whom?")
                    .help("record who accepted the work in `accepted_by`");
                }
                (Some(by), None) => {
                    cx.report(
                        Some(by.loc),
                        format!(
                            "backlog item {id} was accepted by {}, but no single role is accountable for {acceptance}",
                            by.value
                        ),
                    )
                    .subject(id)
                    .scope(scope_id)
                    .help(match model.unread_roles_note() {
                        Some(note) => format!("{note}; otherwise make one role accountable for `{acceptance}`"),
                        None => format!("make one role accountable for `{acceptance}`"),
                    });
                }
                // Who accepted the work then may have left since: acceptance is history.
                (Some(by), Some(role))
                    if role
                        .holders
                        .iter()
                        .map(crate::model::Sp::as_str)
                        .chain(
                            model
                                .left
                                .iter()
                                .filter(|l| l.role == role.id.value)
                                .map(|l| l.holder.as_str()),
                        )
                        .any(|h| model.person_key(h) == model.person_key(&by.value)) => {}
                (Some(by), Some(role)) => {
                    let holders: Vec<_> = role.holders.iter().map(|h| h.value.as_str()).collect();
                    let f = cx.report(
                        Some(by.loc),
                        format!(
                            "backlog item {id} was accepted by {}, who does not hold `{}`",
                            by.value, role.id.value
                        ),
                    );
                    f.subject(id)
                        .scope(scope_id)
                        .label("not a holder of the accountable role");
                    f.also(
                        model.location(role.holders_loc),
                        format!("`{}` accepts work", role.id.value),
                    );
                    f.help(if holders.is_empty() {
                        format!("`{}` has no holder to accept work", role.id.value)
                    } else {
                        format!("work is accepted by {}", holders.join(", "))
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn only_the_accountable_holder_accepts() {
        let ws = workspace(&[
            (
                "roles/product-owner.md",
                "---\nholders: [dana]\nresponsibilities:\n  work-acceptance: A\n---\n",
            ),
            (
                "backlog/a.md",
                "---\nid: A-1\nstatus: accepted\naccepted_by: dana\n---\n",
            ),
            (
                "backlog/b.md",
                "---\nid: A-2\nstatus: accepted\naccepted_by: sam\n---\n",
            ),
            ("backlog/c.md", "---\nid: A-3\nstatus: accepted\n---\n"),
            ("backlog/d.md", "---\nid: A-4\nstatus: done\naccepted_by: sam\n---\n"),
        ]);
        let f = ws.findings("acceptance-by-non-owner");
        let subjects: Vec<_> = f.iter().map(|f| f.subject.as_deref().unwrap()).collect();
        assert_eq!(subjects, ["A-2", "A-3"]);
        assert_eq!(f[0].help.as_deref(), Some("work is accepted by dana"));
    }

    #[test]
    fn the_catalog_names_the_acceptance_step_or_turns_it_off() {
        let item = (
            "backlog/a.md",
            "---\nid: A-1\nstatus: accepted\naccepted_by: sam\n---\n",
        );
        let lead = (
            "roles/lead.md",
            "---\nholders: [lee]\nresponsibilities:\n  sign-off: A\n---\n",
        );
        let named = (
            "responsibilities.yaml",
            "kind: catalog\nuses: {acceptance: sign-off}\nresponsibilities:\n  - {id: sign-off, title: Sign off}\n",
        );
        let f = workspace(&[item, lead, named]).findings("acceptance-by-non-owner");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("does not hold `lead`"), "{f:?}");
        let off = (
            "responsibilities.yaml",
            "kind: catalog\nuses: {acceptance: null}\nresponsibilities:\n  - {id: sign-off, title: Sign off}\n",
        );
        assert!(
            workspace(&[item, lead, off])
                .findings("acceptance-by-non-owner")
                .is_empty()
        );
        let scrum = ("pmpo.yaml", "catalog: builtin:scrum\n");
        assert!(
            workspace(&[item, lead, scrum])
                .findings("acceptance-by-non-owner")
                .is_empty()
        );
    }
}
