//! `catalog-not-in-force`: a workspace catalog document that `catalog:` in `pmpo.yaml`
//! does not name, so none of its responsibilities count.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;

pub(super) struct CatalogNotInForce;

static META: RuleMeta = RuleMeta {
    name: "catalog-not-in-force",
    default: Severity::Warning,
    summary: "a workspace catalog document that is not the catalog in force (`catalog:` in `pmpo.yaml` names another)",
    finds: "A catalog document in the workspace (such as `responsibilities.yaml`) while `catalog:` in
`pmpo.yaml` names another catalog, a built-in or another file.",
    why: "A catalog is the list of what must be covered. One that is not in force looks like the
team's agreement but is checked against nothing: its responsibilities are neither required
nor known, and a charter naming them is `unknown-responsibility`. The usual cause is a
`pmpo.yaml` written by `pmpo init` before the team wrote its own catalog.",
    example: "```yaml
# pmpo.yaml                    # responsibilities.yaml
catalog: builtin:pm-po         kind: catalog
                               extends: builtin:scrum
```",
    fix: "Name the document in `pmpo.yaml` (`catalog: responsibilities.yaml`), or remove the
`catalog:` line so that the workspace's catalog is used, or delete the document.",
};

impl Rule for CatalogNotInForce {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let Some(named) = &model.config.catalog else {
            // Without `catalog:`, the first document is in force and a second one is
            // `duplicate-id`.
            return;
        };
        for doc in &model.catalog_docs {
            if model.catalog.file == Some(doc.file) {
                continue;
            }
            let path = model.path(doc.file);
            let f = cx.report(
                Some(doc.loc),
                format!("the catalog {path} is not in force: pmpo.yaml names `{}`", named.value),
            );
            f.subject(path).label("not the catalog in force");
            f.also(model.location(named.loc), "the catalog in force");
            f.help(format!(
                "set `catalog: {path}` in pmpo.yaml to use it, or delete it if `{}` is meant",
                named.value
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    const DOC: (&str, &str) = (
        "responsibilities.yaml",
        "kind: catalog\nextends: builtin:pm-po\nresponsibilities:\n  - {id: pricing, title: Price}\n",
    );
    const ROLE: (&str, &str) = ("roles/a.md", "---\nholders: [a]\n---\n");

    #[test]
    fn a_document_pmpo_yaml_does_not_name() {
        let ws = workspace(&[("pmpo.yaml", "catalog: builtin:scrum\n"), DOC, ROLE]);
        let f = ws.findings("catalog-not-in-force");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].subject.as_deref(), Some("responsibilities.yaml"));
        assert_eq!(&*f[0].related[0].0.file, "pmpo.yaml");
    }

    #[test]
    fn the_catalog_in_force_or_no_catalog_line() {
        let named = ("pmpo.yaml", "catalog: responsibilities.yaml\n");
        assert!(
            workspace(&[named, DOC, ROLE])
                .findings("catalog-not-in-force")
                .is_empty()
        );
        assert!(workspace(&[DOC, ROLE]).findings("catalog-not-in-force").is_empty());
        let other = ("team/catalog.yaml", "kind: catalog\nresponsibilities: []\n");
        let named = ("pmpo.yaml", "catalog: team/catalog.yaml\n");
        let f = workspace(&[named, DOC, other, ROLE]).findings("catalog-not-in-force");
        let subjects: Vec<_> = f.iter().map(|f| f.subject.as_deref().unwrap()).collect();
        assert_eq!(subjects, ["responsibilities.yaml"]);
    }
}
