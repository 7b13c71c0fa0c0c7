//! `unknown-responsibility`: a charter (or a waiver, or `remove:`) names a
//! responsibility the catalog lacks.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::model::ProblemKind;
use crate::suggest;

pub(super) struct UnknownResponsibility;

static META: RuleMeta = RuleMeta {
    name: "unknown-responsibility",
    default: Severity::Error,
    summary: "a charter names a responsibility the catalog lacks",
    finds: "A responsibility id in a role charter, a waiver in `pmpo.yaml` or a catalog's `remove:`
list that the catalog in force does not define, with the closest id as a suggestion.",
    why: "A typo such as `product-visoin: A` looks like ownership but covers nothing: the real
`product-vision` stays orphaned while the charter reads as if it were owned.",
    example: "```yaml
responsibilities:
  product-visoin: A     # did you mean `product-vision`?
```",
    fix: "Correct the id (`pmpo catalog` prints every id), or add the responsibility to a workspace
catalog that extends the built-in one.",
};

impl Rule for UnknownResponsibility {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let known = suggest::Suggester::new(model.catalog.responsibilities.iter().map(|r| r.id.as_str()));
        for role in &model.roles {
            for a in &role.assignments {
                let id = a.responsibility.as_str();
                if cx.index.responsibilities.contains_key(id) {
                    continue;
                }
                let f = cx.report(
                    Some(a.responsibility.loc),
                    format!(
                        "`{}` names `{id}`, which is not in the catalog `{}`",
                        role.id.value, model.catalog.name
                    ),
                );
                f.subject(id).label("unknown responsibility");
                f.help(
                    known
                        .hint(id)
                        .unwrap_or_else(|| "`pmpo catalog` lists the responsibilities".into()),
                );
            }
        }
        for w in &model.config.waivers {
            let id = w.responsibility.as_str();
            if cx.index.responsibilities.contains_key(id) {
                continue;
            }
            let f = cx.report(
                Some(w.responsibility.loc),
                format!("the waiver names `{id}`, which is not in the catalog"),
            );
            f.subject(id);
            if let Some(h) = known.hint(id) {
                f.help(h);
            }
        }
        for p in model
            .problems
            .iter()
            .filter(|p| p.kind == ProblemKind::UnknownResponsibility)
        {
            let f = cx.report(Some(p.loc), p.message.clone());
            if let Some(h) = &p.help {
                f.help(h.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn suggests_the_nearest_id() {
        let ws = workspace(&[(
            "roles/pm.md",
            "---\nholders: [m]\nresponsibilities:\n  product-visoin: A\n  product-vision: R\n---\n",
        )]);
        let f = ws.findings("unknown-responsibility");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].help.as_deref(), Some("did you mean `product-vision`?"));
        assert_eq!(f[0].location.as_ref().unwrap().span.line, 4);
    }

    #[test]
    fn catalog_ids_pass_and_remove_is_checked() {
        let ws = workspace(&[
            (
                "roles/pm.md",
                "---\nholders: [m]\nresponsibilities:\n  pricing: A\n---\n",
            ),
            (
                "responsibilities.yaml",
                "kind: catalog\nextends: builtin:pm-po\nremove: [go-to-markt]\nresponsibilities:\n  - {id: pricing, title: Set prices}\n",
            ),
        ]);
        let f = ws.findings("unknown-responsibility");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("go-to-markt"));
    }
}
