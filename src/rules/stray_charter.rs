//! `stray-charter`: a file that reads as a role charter but is no document.
//!
//! The loader notes every non-document whose frontmatter (or YAML) has both `holders`
//! and `responsibilities` while it parses it anyway, so the rule costs nothing more than
//! the walk already does: no file is read twice.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;

pub(super) struct StrayCharter;

static META: RuleMeta = RuleMeta {
    name: "stray-charter",
    default: Severity::Warning,
    summary: "a file that reads as a role charter (`holders` and `responsibilities` in its frontmatter) but is no document, so its responsibilities count for nothing",
    finds: "A Markdown or YAML file whose frontmatter has `holders` and `responsibilities`, as a role
charter's has, but which is no pmpo document: it has no `kind:` and lies outside every
path convention (by default `roles/**/*.md`), so pmpo does not read it as a charter.",
    why: "A charter is how a team says who is accountable for what (001, 003). One that was moved out of
`roles/`, or left behind by a `paths:` that names another folder, still looks right to
whoever reads it, yet none of its responsibilities count: coverage reports them as
orphaned or unowned, and nothing says why.",
    example: "```markdown
<!-- docs/team/product-owner.md: outside roles/, no kind: -->
---
id: product-owner
holders: [dana]
responsibilities:
  backlog-ordering: A
---
```",
    fix: "Move the file back under `roles/`, or add `kind: role` to its frontmatter so that it is a
charter wherever it lives (`pmpo init` writes `kind:` into every document for this
reason), or name its folder under `paths: role:` in `pmpo.yaml`. If the file is not meant
to be a charter, exclude it with `exclude:` in `pmpo.yaml`.",
};

impl Rule for StrayCharter {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        for &loc in &model.stray_charters {
            let path = model.path(loc.file);
            let f = cx.report(
                Some(loc),
                format!("`{path}` reads as a role charter but is no document; its responsibilities count for nothing"),
            );
            f.subject(path)
                .label("a charter's `holders`, outside every role convention");
            f.help("add `kind: role` to its frontmatter, move it under roles/, or name its folder under `paths: role:` in pmpo.yaml");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    const CHARTER: &str =
        "---\nid: product-owner\nholders: [dana]\nresponsibilities:\n  backlog-ordering: A\n---\n# PO\n";

    #[test]
    fn a_charter_outside_roles_is_stray() {
        let ws = workspace(&[
            ("docs/team/product-owner.md", CHARTER),
            (
                "notes/charter.yaml",
                "holders: [li]\nresponsibilities: {user-stories: R}\n",
            ),
            ("docs/holders-only.md", "---\nholders: [dana]\n---\n"),
            (
                "docs/other.md",
                "---\nkind: something-else\nholders: [a]\nresponsibilities: {}\n---\n",
            ),
        ]);
        let f = ws.findings("stray-charter");
        let subjects: Vec<_> = f.iter().map(|f| f.subject.as_deref().unwrap()).collect();
        assert_eq!(subjects, ["docs/team/product-owner.md", "notes/charter.yaml"]);
        assert_eq!(f[0].location.as_ref().unwrap().span.line, 3, "at `holders`");
    }

    #[test]
    fn a_charter_that_is_a_document_is_not() {
        let ws = workspace(&[
            ("roles/product-owner.md", CHARTER),
            (
                "docs/team/product-manager.md",
                &CHARTER.replace("---\nid", "---\nkind: role\nid"),
            ),
        ]);
        assert!(ws.findings("stray-charter").is_empty());
    }
}
