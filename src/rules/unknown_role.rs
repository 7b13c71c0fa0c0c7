//! `unknown-role`: `reports_to`, an `owner` or a catalog's `expected` names no role.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::model::Sp;
use crate::suggest;

pub(super) struct UnknownRole;

static META: RuleMeta = RuleMeta {
    name: "unknown-role",
    default: Severity::Error,
    summary: "`reports_to`, an `owner` or `expected` names no role",
    finds: "A role id that no charter defines, in a charter's `reports_to`, a vision's or roadmap's
`owner`; or a role type that no charter has (its `type:`, else its id) in the `expected`
of a responsibility in a workspace catalog. (The built-in catalogs' `expected` types may
be absent: that is what `unexpected-owner` and coverage report.)",
    why: "An owner that does not exist is no owner. A vision \"owned\" by `product-manager` in a team
without one is exactly the orphaned strategy the articles pmpo is written from warn about.",
    example: "```yaml
owner: product-manger     # did you mean `product-manager`?
```",
    fix: "Correct the id, or write the missing role's charter with a holder.",
};

impl Rule for UnknownRole {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        // (the name, the field naming it, whether it names a role type)
        let mut named: Vec<(&Sp<String>, &str, bool)> = Vec::new();
        for role in &model.roles {
            if let Some(r) = &role.reports_to {
                named.push((r, "`reports_to`", false));
            }
        }
        for v in &model.visions {
            if let Some(o) = &v.owner {
                named.push((o, "the vision's `owner`", false));
            }
        }
        for r in &model.roadmaps {
            if let Some(o) = &r.owner {
                named.push((o, "the roadmap's `owner`", false));
            }
        }
        for resp in &model.catalog.responsibilities {
            // A built-in's `expected` (kept by an entry that amends another field) is
            // not the workspace's to fix.
            if resp.loc.is_some()
                && let Some(e) = &resp.expected
                && e.loc.file.0 != u32::MAX
            {
                named.push((e, "`expected`", true));
            }
        }
        let types = suggest::Suggester::new(model.roles.iter().flat_map(|r| r.types.iter().map(Sp::as_str)));
        let ids = suggest::Suggester::new(model.roles.iter().map(|r| r.id.as_str()));
        for (id, field, is_type) in named {
            if is_type {
                if cx.index.types.contains_key(id.as_str()) {
                    continue;
                }
                let f = cx.report(
                    Some(id.loc),
                    format!("{field} names `{}`, which is no role's type", id.value),
                );
                f.subject(id.value.clone()).label("no charter has this type");
                let hint = types.hint(id.as_str());
                f.help(
                    hint.unwrap_or_else(|| format!("write a charter with `type: {}` (or the id) in roles/", id.value)),
                );
                continue;
            }
            // A charter that could not be read still defines the role its file is named for.
            if cx.index.roles.contains_key(id.as_str()) || model.unread_role(id.as_str()).is_some() {
                continue;
            }
            let f = cx.report(Some(id.loc), format!("{field} names `{}`, which is no role", id.value));
            f.subject(id.value.clone()).label("no charter has this id");
            let hint = ids.hint(id.as_str());
            f.help(hint.unwrap_or_else(|| format!("write a charter for `{}` in roles/", id.value)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn finds_unknown_reports_to_and_owner() {
        let ws = workspace(&[
            (
                "roles/product-owner.md",
                "---\nholders: [d]\nreports_to: product-manger\n---\n",
            ),
            ("roles/product-manager.md", "---\nholders: [m]\n---\n"),
            ("vision.md", "---\nowner: cpo\ngoals: [{id: G1, title: x}]\n---\n"),
        ]);
        let f = ws.findings("unknown-role");
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].help.as_deref(), Some("did you mean `product-manager`?"));
    }

    #[test]
    fn known_roles_pass() {
        let ws = workspace(&[
            (
                "roles/product-owner.md",
                "---\nholders: [d]\nreports_to: product-manager\n---\n",
            ),
            ("roles/product-manager.md", "---\nholders: [m]\n---\n"),
        ]);
        assert!(ws.findings("unknown-role").is_empty());
    }

    #[test]
    fn expected_names_a_role_type() {
        let catalog = (
            "responsibilities.yaml",
            "kind: catalog\nresponsibilities:\n  - {id: pricing, title: Price, expected: product-owner}\n",
        );
        let typed = ("roles/checkout-po.md", "---\ntype: product-owner\nholders: [d]\n---\n");
        assert!(workspace(&[catalog, typed]).findings("unknown-role").is_empty());
        let untyped = ("roles/checkout-po.md", "---\nholders: [d]\n---\n");
        let f = workspace(&[catalog, untyped]).findings("unknown-role");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("no role's type"), "{f:?}");
    }
}
