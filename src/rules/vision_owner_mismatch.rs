//! `vision-owner-mismatch`: the vision's owner is not the role accountable for
//! `product-vision`.

use super::{Context, Rule, RuleMeta};
use crate::finding::Severity;

pub struct VisionOwnerMismatch;

const PRODUCT_VISION: &str = "product-vision";

static META: RuleMeta = RuleMeta {
    name: "vision-owner-mismatch",
    default: Severity::Warning,
    summary: "the vision's owner is not the role accountable for `product-vision`",
    explain: "## What it finds
A vision document whose `owner` is missing or differs from the role the charters make
accountable for `product-vision`.

## Why it matters
The vision document and the charters must tell one story. When the charters say the
product manager owns the vision and the document names the product owner, the strategic
work has drifted to whoever edits the file, and nobody knows who decides.

## Example
```yaml
# vision.md                     # roles/product-manager.md
owner: product-owner            product-vision: A
```

## How to fix
Set `owner:` to the accountable role, or move `product-vision: A` to the role that really
owns the vision.
",
};

impl Rule for VisionOwnerMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let index = cx.index;
        let Some(accountable) = index.accountable_role(PRODUCT_VISION) else {
            // No single owner: `orphaned-strategic` or `multiple-accountable` says so.
            return;
        };
        for v in &model.visions {
            match &v.owner {
                Some(owner) if owner.value == accountable.id.value => {}
                Some(owner) => {
                    let f = cx.report(
                        Some(owner.loc),
                        format!(
                            "the vision is owned by `{}`, but `{}` is accountable for {PRODUCT_VISION}",
                            owner.value, accountable.id.value
                        ),
                    );
                    f.subject(PRODUCT_VISION).label("owner here");
                    f.also(model.location(accountable.id.loc), "accountable role");
                    // Moving the vision to an owner that names no role would be bad advice
                    // (`unknown-role` reports the id itself).
                    f.help(if index.roles.contains_key(owner.as_str()) {
                        format!(
                            "set `owner: {}`, or move `{PRODUCT_VISION}: A` to `{}`",
                            accountable.id.value, owner.value
                        )
                    } else {
                        format!("set `owner: {}`", accountable.id.value)
                    });
                }
                None => {
                    cx.report(Some(v.loc), "the vision names no `owner`")
                        .subject(PRODUCT_VISION)
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
}
