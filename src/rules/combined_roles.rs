//! `combined-roles`: one person holds both product-manager and product-owner.

use super::{Context, Rule, RuleMeta};
use crate::finding::Severity;

pub struct CombinedRoles;

const PM: &str = "product-manager";
const PO: &str = "product-owner";

static META: RuleMeta = RuleMeta {
    name: "combined-roles",
    default: Severity::Info,
    summary: "one person holds both product-manager and product-owner",
    explain: "## What it finds
A person listed in the holders of both the `product-manager` and the `product-owner`
charters.

## Why it matters
It is common and can work: \"Product Owner is the role you play within the Scrum team;
Product Manager is the job\" (003). But it is the arrangement in which one person drowns and
the strategic half quietly stops, so pmpo says so, and `overloaded-person` measures it.

## Example
```yaml
# roles/product-manager.md and roles/product-owner.md
holders: [alex]
```

## How to fix
Nothing, if deliberate; watch `overloaded-person`. Otherwise give one of the roles to
someone else. Set `combined-roles: off` in `pmpo.yaml` to silence it.
",
};

impl Rule for CombinedRoles {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let index = cx.index;
        for person in index.people.values() {
            let pm = person.roles.iter().find(|r| r.id.value == PM);
            let po = person.roles.iter().find(|r| r.id.value == PO);
            let (Some(pm), Some(po)) = (pm, po) else { continue };
            let at = |role: &crate::model::Role| {
                role.holders
                    .iter()
                    .find(|h| h.value == person.name)
                    .map_or(role.holders_loc, |h| h.loc)
            };
            let f = cx.report(Some(at(pm)), format!("{} holds both {PM} and {PO}", person.name));
            f.subject(person.name).label("product manager");
            f.also(model.location(at(po)), "and product owner");
            f.help("keep an eye on their load; the strategic work is what slips first");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn one_person_in_both_roles() {
        let ws = workspace(&[
            ("roles/product-manager.md", "---\nholders: [alex]\n---\n"),
            ("roles/product-owner.md", "---\nholders: [alex, dana]\n---\n"),
        ]);
        let f = ws.findings("combined-roles");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].subject.as_deref(), Some("alex"));
        let ws = workspace(&[
            ("roles/product-manager.md", "---\nholders: [maria]\n---\n"),
            ("roles/product-owner.md", "---\nholders: [dana]\n---\n"),
        ]);
        assert!(ws.findings("combined-roles").is_empty());
    }
}
