//! `vision-owner-mismatch`: the vision's owner is not the role accountable for the
//! catalog's vision responsibility (`uses: vision`: `product-vision` in `builtin:pm-po`,
//! `product-goal` in `builtin:scrum`).

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;

pub(super) struct VisionOwnerMismatch;

static META: RuleMeta = RuleMeta {
    name: "vision-owner-mismatch",
    default: Severity::Warning,
    summary: "the vision's owner is not the role accountable for the catalog's vision responsibility (`product-vision` in `builtin:pm-po`)",
    finds: "A vision document whose `owner` is missing or differs from the role the charters make
accountable for the catalog's vision responsibility: the one its `uses: vision` names,
`product-vision` in `builtin:pm-po`, `product-goal` in `builtin:scrum` (the vision's
goals are the Product Goal). `vision: null` turns the rule off.

With `products:` in `pmpo.yaml`, each product's vision is checked against the role
accountable for that responsibility in its product.",
    why: "The vision document and the charters must tell one story. When the charters say the
product manager owns the vision and the document names the product owner, the strategic
work has drifted to whoever edits the file, and nobody knows who decides.",
    example: "```yaml
# vision.md                     # roles/product-manager.md
owner: product-owner            product-vision: A
```",
    fix: "Set `owner:` to the accountable role, or move `product-vision: A` to the role that really
owns the vision.",
};

impl Rule for VisionOwnerMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let index = cx.index;
        let Some(vision) = model.catalog.uses.vision.as_deref() else {
            return;
        };
        for v in &model.visions {
            let scope = v.at;
            let Some(accountable) = index.accountable_role(model, vision, scope) else {
                // No single owner: `orphaned-strategic` or `multiple-accountable` says so.
                continue;
            };
            let scope_id = model.scope_id(scope);
            match &v.owner {
                Some(owner) if owner.value == accountable.id.value => {}
                Some(owner) => {
                    let f = cx.report(
                        Some(owner.loc),
                        format!(
                            "the vision is owned by `{}`, but `{}` is accountable for {vision}",
                            owner.value, accountable.id.value
                        ),
                    );
                    f.subject(vision).scope(scope_id).label("owner here");
                    f.also(model.location(accountable.id.loc), "accountable role");
                    // Moving the vision to an owner that names no role would be bad advice
                    // (`unknown-role` reports the id itself).
                    f.help(if index.roles.contains_key(owner.as_str()) {
                        format!(
                            "set `owner: {}`, or move `{vision}: A` to `{}`",
                            accountable.id.value, owner.value
                        )
                    } else {
                        format!("set `owner: {}`", accountable.id.value)
                    });
                }
                None => {
                    cx.report(Some(v.loc), "the vision names no `owner`")
                        .subject(vision)
                        .scope(scope_id)
                        .help(format!("add `owner: {}`", accountable.id.value));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    const PM: (&str, &str) = (
        "roles/product-manager.md",
        "---\nholders: [m]\nresponsibilities:\n  product-vision: A\n---\n",
    );
    const PO: (&str, &str) = ("roles/product-owner.md", "---\nholders: [d]\n---\n");

    #[test]
    fn owner_must_match_the_accountable_role() {
        let ws = workspace(&[
            PM,
            PO,
            (
                "vision.md",
                "---\nowner: product-owner\ngoals: [{id: G1, title: x}]\n---\n",
            ),
        ]);
        let f = ws.findings("vision-owner-mismatch");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].location.as_ref().unwrap().span.line, 2);
        let ws = workspace(&[
            PM,
            PO,
            (
                "vision.md",
                "---\nowner: product-manager\ngoals: [{id: G1, title: x}]\n---\n",
            ),
        ]);
        assert!(ws.findings("vision-owner-mismatch").is_empty());
    }

    #[test]
    fn the_catalog_names_the_vision_responsibility() {
        let scrum = ("pmpo.yaml", "catalog: builtin:scrum\n");
        let po = (
            "roles/product-owner.md",
            "---\nholders: [d]\nresponsibilities:\n  product-goal: A\n---\n",
        );
        let sm = ("roles/scrum-master.md", "---\nholders: [s]\n---\n");
        let vision = |owner: &str| format!("---\nowner: {owner}\ngoals: [{{id: PG1, title: x}}]\n---\n");
        let wrong = vision("scrum-master");
        let f = workspace(&[scrum, po, sm, ("vision.md", &wrong)]).findings("vision-owner-mismatch");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].subject.as_deref(), Some("product-goal"));
        let right = vision("product-owner");
        assert!(
            workspace(&[scrum, po, sm, ("vision.md", &right)])
                .findings("vision-owner-mismatch")
                .is_empty()
        );
        let off = (
            "responsibilities.yaml",
            "kind: catalog\nextends: builtin:scrum\nuses: {vision: null}\n",
        );
        assert!(
            workspace(&[off, po, sm, ("vision.md", &wrong)])
                .findings("vision-owner-mismatch")
                .is_empty()
        );
    }
}
