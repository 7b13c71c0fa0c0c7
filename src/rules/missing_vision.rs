//! `missing-vision`: no vision document, or one with no goals.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;

pub(super) struct MissingVision;

static META: RuleMeta = RuleMeta {
    name: "missing-vision",
    default: Severity::Error,
    summary: "no vision document, or one with no goals",
    finds: "A workspace with no vision document (`vision.md`, or `kind: vision`), or whose vision
lists no goals.

With `products:` in `pmpo.yaml`, each product needs a vision of its own (its `scope:`
names the product, or it sits under the product's `path:`), and the finding names the
product that has none; a vision at the workspace scope is the organisation's and is
optional then.",
    why: "\"A product without a clear direction is like a ship without a rudder\" (002). Goals are what
the backlog traces to: without them nobody can say whether an item is worth building, and
the product owner orders the backlog by guesswork.",
    example: "A team with role charters and a backlog, and no `vision.md`.",
    fix: "Write `vision.md` with an `owner` (the role accountable for `product-vision`) and a few
goals with ids, then link backlog items to them with `goals:`.",
};

impl Rule for MissingVision {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        if !model.config.scopes.is_empty() {
            per_product(cx);
            return;
        }
        if model.visions.is_empty() {
            // A vision file that failed to parse is already a finding of its own.
            let unreadable = model.files.iter().any(|f| f.kind == Some(crate::model::Kind::Vision));
            if !unreadable {
                // Name the owner that would satisfy `vision-owner-mismatch` when there is one.
                let help = match cx.index.accountable_role(model, "product-vision", None) {
                    Some(role) => format!(
                        "write vision.md with `owner: {}` and the product's `goals`",
                        role.id.value
                    ),
                    None => "write vision.md with an `owner` (a role id) and the product's `goals`".to_string(),
                };
                cx.report(None, "the workspace has no vision document")
                    .subject("vision")
                    .help(help);
            }
            return;
        }
        if model.visions.iter().all(|v| v.goals.is_empty()) {
            for v in &model.visions {
                cx.report(Some(v.goals_loc), "the vision has no goals")
                    .subject("vision")
                    .label("no goals")
                    .help("list the goals the product pursues, each with an `id` and a `title`");
            }
        }
    }
}

/// With products declared, each product needs a vision of its own with goals; a
/// vision at the workspace scope is the organisation's and optional.
fn per_product(cx: &mut Context<'_>) {
    let model = cx.model;
    let vision_files = model
        .files
        .iter()
        .filter(|f| f.kind == Some(crate::model::Kind::Vision))
        .count();
    let unreadable = vision_files > model.visions.len();
    for (i, product) in model.config.scopes.iter().enumerate() {
        if product.is_team() {
            continue;
        }
        let scope = u32::try_from(i).ok();
        let visions: Vec<_> = model
            .visions
            .iter()
            .filter(|v| model.product_of(v.at) == scope)
            .collect();
        if visions.is_empty() {
            if unreadable {
                // An unreadable vision may be this product's: `parse-error` says so.
                continue;
            }
            cx.report(
                Some(product.id.loc),
                format!("product `{}` has no vision document", product.id.value),
            )
            .subject("vision")
            .scope(Some(product.id.as_str()))
            .label("no vision")
            .help(format!(
                "write a vision with `scope: {}` (or inside the product's `path:`), with an `owner` and its `goals`",
                product.id.value
            ));
        } else if visions.iter().all(|v| v.goals.is_empty()) {
            for v in visions {
                cx.report(Some(v.goals_loc), "the vision has no goals")
                    .subject("vision")
                    .scope(Some(product.id.as_str()))
                    .label("no goals")
                    .help("list the goals the product pursues, each with an `id` and a `title`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn no_vision_and_empty_vision() {
        let ws = workspace(&[("roles/po.md", "---\nholders: [d]\n---\n")]);
        assert_eq!(ws.findings("missing-vision").len(), 1);
        let ws = workspace(&[
            ("roles/po.md", "---\nholders: [d]\n---\n"),
            ("vision.md", "---\nowner: po\ngoals: []\n---\n"),
        ]);
        let f = ws.findings("missing-vision");
        assert_eq!(f.len(), 1);
        assert_eq!(&*f[0].location.as_ref().unwrap().file, "vision.md");
        let ws = workspace(&[
            ("roles/po.md", "---\nholders: [d]\n---\n"),
            (
                "product/VISION.md",
                "---\nowner: po\ngoals: [{id: G1, title: Grow}]\n---\n",
            ),
        ]);
        assert!(ws.findings("missing-vision").is_empty());
    }
}
