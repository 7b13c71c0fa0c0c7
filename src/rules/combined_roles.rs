//! `combined-roles`: one person holds both the product manager's and the product
//! owner's role, by type, or carries most of what the catalog expects of each.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::model::{Loc, Model, Raci, Role};

pub(super) struct CombinedRoles;

const PM: &str = "product-manager";
const PO: &str = "product-owner";

static META: RuleMeta = RuleMeta {
    name: "combined-roles",
    default: Severity::Info,
    summary: "one person holds both the product manager's and the product owner's role (by type: `pmpo explain combined-roles` says how)",
    finds: "A person who holds a role of type `product-manager` and one of type `product-owner` (a
role's type is its `type:`, else its id), or who is accountable for most of the
responsibilities the catalog expects of each: a `founder` role with every strategy and
backlog entry is both jobs under another name.",
    why: "It is common and can work: \"Product Owner is the role you play within the Scrum team;
Product Manager is the job\" (003). But it is the arrangement in which one person drowns and
the strategic half quietly stops, so pmpo says so, and `overloaded-person` measures it.",
    example: "```yaml
# roles/product-manager.md and roles/product-owner.md
holders: [alex]
```",
    fix: "Nothing, if deliberate; watch `overloaded-person`. Otherwise give one of the roles to
someone else. Set `combined-roles: off` in `pmpo.yaml` to silence it.",
};

/// Where a person takes one side of the split: a role of that type they hold (`true`),
/// else, when their roles are accountable for most of what the catalog expects of that
/// type, the one of them accountable for the most of it (`false`).
fn side<'m>(model: &Model, roles: &[&'m Role], role_type: &str) -> Option<(&'m Role, bool)> {
    if let Some(role) = roles.iter().find(|r| r.is_type(role_type)) {
        return Some((role, true));
    }
    let expected: Vec<&str> = model
        .catalog
        .responsibilities
        .iter()
        .filter(|r| r.expected.as_ref().is_some_and(|e| e.value == role_type))
        .map(|r| r.id.as_str())
        .collect();
    let accountable_for = |role: &Role, id: &str| {
        role.assignments
            .iter()
            .any(|a| a.raci == Raci::Accountable && a.responsibility.value == id)
    };
    let carried = expected
        .iter()
        .filter(|id| roles.iter().any(|r| accountable_for(r, id)))
        .count();
    if expected.is_empty() || carried * 2 <= expected.len() {
        return None;
    }
    let mut best: Option<(&'m Role, usize)> = None;
    for role in roles {
        let n = expected.iter().filter(|id| accountable_for(role, id)).count();
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((role, n));
        }
    }
    best.map(|(r, _)| (r, false))
}

impl Rule for CombinedRoles {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let index = cx.index;
        for person in index.people.values() {
            // One person, in one product: a product manager of one product who is the
            // product owner of another is two jobs, not one combined.
            // Only the products their roles serve: a workspace-wide role is in each.
            let mut products: Vec<crate::model::Scope> = person
                .roles
                .iter()
                .flat_map(|r| r.scopes.iter().map(|&s| model.product_of(s)))
                .flatten()
                .map(Some)
                .collect();
            products.sort_unstable();
            products.dedup();
            if products.is_empty() {
                products.push(None);
            }
            let groups: Vec<(crate::model::Scope, Vec<&Role>)> = products
                .into_iter()
                .map(|p| {
                    let roles = person
                        .roles
                        .iter()
                        .copied()
                        .filter(|r| {
                            r.scopes.iter().any(|&s| {
                                let rp = model.product_of(s);
                                rp.is_none() || rp == p
                            })
                        })
                        .collect();
                    (p, roles)
                })
                .collect();
            let Some((product, pm, manager_typed, po, owner_typed)) = groups.iter().find_map(|(p, roles)| {
                let (pm, mt) = side(model, roles, PM)?;
                let (po, ot) = side(model, roles, PO)?;
                Some((*p, pm, mt, po, ot))
            }) else {
                continue;
            };
            let at = |role: &Role| -> Loc {
                role.holders
                    .iter()
                    .find(|h| person.is(&h.value))
                    .map_or(role.holders_loc, |h| h.loc)
            };
            let message = if manager_typed && owner_typed {
                format!("{} holds both {PM} and {PO}", person.name)
            } else {
                format!(
                    "{} does the work of both {PM} and {PO} (through `{}` and `{}`)",
                    person.name, pm.id.value, po.id.value
                )
            };
            let f = cx.report(Some(at(pm)), message);
            f.subject(person.name)
                .scope(model.scope_id(product))
                .label("product manager");
            if !std::ptr::eq(pm, po) {
                f.also(model.location(at(po)), "and product owner");
            }
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

    #[test]
    fn by_type_and_by_responsibilities() {
        let ws = workspace(&[
            ("roles/head.md", "---\ntype: product-manager\nholders: [alex]\n---\n"),
            (
                "roles/checkout-po.md",
                "---\ntype: product-owner\nholders: [alex]\n---\n",
            ),
        ]);
        let f = ws.findings("combined-roles");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].message, "alex holds both product-manager and product-owner");
        // A founder accountable for most of both sides, under another name.
        let mut founder = String::from("---\nholders: [fay]\nresponsibilities:\n");
        // 8 of the product manager's 14 entries and 6 of the product owner's 10.
        for id in [
            "product-strategy",
            "product-vision",
            "product-roadmap",
            "business-case",
            "scope-tradeoffs",
            "product-lifecycle",
            "go-to-market",
            "stakeholder-alignment",
            "backlog-ordering",
            "backlog-refinement",
            "user-stories",
            "acceptance-criteria",
            "work-acceptance",
            "value-maximization",
        ] {
            founder.push_str("  ");
            founder.push_str(id);
            founder.push_str(": A\n");
        }
        founder.push_str("---\n");
        let ws = workspace(&[("roles/founder.md", &founder)]);
        let f = ws.findings("combined-roles");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("through `founder` and `founder`"), "{f:?}");
        assert!(f[0].related.is_empty());
        // Under Scrum nothing is expected of a product manager.
        let ws = workspace(&[
            ("pmpo.yaml", "catalog: builtin:scrum\n"),
            ("roles/founder.md", &founder),
        ]);
        assert!(ws.findings("combined-roles").is_empty());
    }
}
