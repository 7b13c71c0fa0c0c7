//! `parse-error`: a document that cannot be read.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::model::ProblemKind;

pub(super) struct ParseError;

static META: RuleMeta = RuleMeta {
    name: "parse-error",
    default: Severity::Error,
    summary: "a document that cannot be read: invalid UTF-8, bad frontmatter, invalid YAML",
    finds: "A file that is a pmpo document (by its `kind:` or its path) but cannot be read: invalid
UTF-8, a binary file, Markdown without frontmatter or whose frontmatter never closes,
invalid YAML (including a duplicate key or an alias bomb), a file above
`limits.max_file_bytes`, a FIFO, device or other file that is not a regular file, a
symbolic link that leads out of the workspace or to anything the walk does not read under
its own name (a hidden, `.git`, ignored or excluded file, any directory), a second path to
a file already read (a link to it), which pmpo reads only once, or an ignore file
(`.gitignore`) that cannot be read, whose rules then do not apply.",
    why: "A charter pmpo cannot read is a charter whose responsibilities count for nothing: the
responsibilities it holds would show as orphaned for the wrong reason. The rest of the
workspace is still checked.",
    example: "```markdown
---
title: Product Owner
holders: [@dana]
---
```
`@` cannot start a plain YAML scalar.",
    fix: "Fix the YAML at the line shown (quote values starting with `@`, `` ` ``, `*` or `&`), close
the frontmatter with a `---` line, or save the file as UTF-8.",
};

impl Rule for ParseError {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        super::shared::report_problems(cx, ProblemKind::Parse);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn invalid_yaml_is_located_and_others_still_load() {
        let ws = workspace(&[
            ("roles/po.md", "---\ntitle: PO\nholders: [@dana]\n---\n"),
            ("roles/pm.md", "---\nholders: [maria]\n---\n"),
        ]);
        let f = ws.findings("parse-error");
        assert_eq!(f.len(), 1, "{f:?}");
        let loc = f[0].location.as_ref().unwrap();
        assert_eq!(&*loc.file, "roles/po.md");
        assert_eq!(loc.span.line, 3);
        assert!(ws.findings("empty-workspace").is_empty());
    }

    #[test]
    fn unclosed_frontmatter_and_missing_frontmatter() {
        let ws = workspace(&[
            ("roles/a.md", "---\nholders: [x]\n"),
            ("roles/b.md", "# just prose\n"),
            ("roles/README.md", "# about roles\n"),
        ]);
        let f = ws.findings("parse-error");
        let files: Vec<_> = f.iter().map(|f| f.location.as_ref().unwrap().file.as_ref()).collect();
        assert_eq!(files, ["roles/a.md", "roles/b.md"]);
    }

    #[test]
    fn clean_documents_have_none() {
        let ws = workspace(&[("roles/po.md", "---\nholders: [dana]\n---\nprose\n\n---\n\nmore\n")]);
        assert!(ws.findings("parse-error").is_empty());
    }
}
