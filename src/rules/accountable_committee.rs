//! `accountable-committee`: a role with more than one holder is accountable for
//! something, unless the catalog says its type is held by a group by design.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::model::Raci;

pub(super) struct AccountableCommittee;

static META: RuleMeta = RuleMeta {
    name: "accountable-committee",
    default: Severity::Warning,
    summary: "a role with more than one holder is accountable for something (not for the catalog's `group_types`)",
    finds: "A role charter with two or more holders that is accountable (`A`) for at least one
responsibility of the catalog. Role types the catalog lists under `group_types` are held
by a group by design and are left alone: `developers` in `builtin:scrum`. A placeholder
holder (`TBD`, an `example.com` address) is nobody and does not count: `placeholder-holder`
reports it.",
    why: "Accountable means one person answers for the outcome. The product owner is \"the sole
person responsible for managing the Product Backlog\" (001), and the Scrum Guide says it
outright: \"The Product Owner is one person, not a committee\" (SG). When three people hold the
accountable role, each can assume another decides, and the backlog is ordered by whoever
spoke last.",
    example: "```yaml
# roles/product-owner.md
holders: [dana, li, sam]
responsibilities:
  backlog-ordering: A
```",
    fix: "Keep one holder in the accountable role and give the others a role of their own that is
responsible (`R`) or consulted (`C`); or, when several teams each have their own owner,
write one charter per team. If your catalog means the role to be a group, add its type
to `group_types:` in the workspace catalog.",
};

impl Rule for AccountableCommittee {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let index = cx.index;
        for role in &model.roles {
            if role.types.iter().any(|t| model.catalog.group_types.contains(&t.value)) {
                continue;
            }
            // Holders that are one person count once (FORMAT.md, "people"); a
            // placeholder is nobody (`placeholder-holder` says so, once).
            let mut people: Vec<String> = role
                .holders
                .iter()
                .filter(|h| !crate::index::is_placeholder(&h.value))
                .map(|h| model.person_key(&h.value))
                .collect();
            people.sort_unstable();
            people.dedup();
            if people.len() < 2 {
                continue;
            }
            let accountable = role
                .assignments
                .iter()
                .filter(|a| {
                    a.raci == Raci::Accountable && index.responsibilities.contains_key(a.responsibility.as_str())
                })
                .count();
            if accountable == 0 {
                continue;
            }
            let noun = if accountable == 1 {
                "responsibility"
            } else {
                "responsibilities"
            };
            let f = cx.report(
                Some(role.holders_loc),
                format!(
                    "role `{}` has {} holders and is accountable for {accountable} {noun}",
                    role.id.value,
                    people.len()
                ),
            );
            f.subject(role.id.value.clone())
                .scope(model.scope_id(role.scopes[0]))
                .label("an accountable role held by a group");
            f.help(format!(
                "keep one holder in `{}` and give the others a responsible or consulted role, or list the type `{}` in the catalog's `group_types`",
                role.id.value, role.types[0].value
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn a_committee_accountable_for_something() {
        let ws = workspace(&[
            (
                "roles/product-owner.md",
                "---\nholders: [dana, li, sam]\nresponsibilities:\n  backlog-ordering: A\n---\n",
            ),
            (
                "roles/advisors.md",
                "---\nholders: [a, b]\nresponsibilities:\n  backlog-ordering: C\n---\n",
            ),
            (
                "roles/product-manager.md",
                "---\nholders: [maria]\nresponsibilities:\n  product-vision: A\n---\n",
            ),
            (
                "roles/twins.md",
                "---\nholders: [kim, ' Kim']\nresponsibilities:\n  go-to-market: A\n---\n",
            ),
            // Placeholders are nobody: one person and two of them are no committee.
            (
                "roles/designer.md",
                "---\nholders: [ana, TBD, ?]\nresponsibilities:\n  customer-research: A\n---\n",
            ),
        ]);
        let f = ws.findings("accountable-committee");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].subject.as_deref(), Some("product-owner"));
        assert_eq!(
            f[0].message,
            "role `product-owner` has 3 holders and is accountable for 1 responsibility"
        );
        assert_eq!(f[0].location.as_ref().unwrap().span.line, 2);
    }

    #[test]
    fn group_types_are_held_by_a_group_by_design() {
        let devs = (
            "roles/developers.md",
            "---\nholders: [ann, ben, cy]\nresponsibilities:\n  sprint-backlog: A\n---\n",
        );
        let ws = workspace(&[("pmpo.yaml", "catalog: builtin:scrum\n"), devs]);
        assert!(ws.findings("accountable-committee").is_empty());
        let typed = (
            "roles/squad.md",
            "---\ntype: developers\nholders: [ann, ben]\nresponsibilities:\n  sprint-backlog: A\n---\n",
        );
        let ws = workspace(&[("pmpo.yaml", "catalog: builtin:scrum\n"), typed]);
        assert!(ws.findings("accountable-committee").is_empty(), "by type, not by id");
        let catalog = (
            "responsibilities.yaml",
            "kind: catalog\nextends: builtin:scrum\ngroup_types: []\n",
        );
        let ws = workspace(&[catalog, devs]);
        assert_eq!(ws.findings("accountable-committee").len(), 1, "group_types set to none");
    }
}
