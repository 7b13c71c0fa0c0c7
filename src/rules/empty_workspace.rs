//! `empty-workspace`: no role charter at all.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::{Finding, Severity};

pub(crate) struct EmptyWorkspace;

static META: RuleMeta = RuleMeta {
    name: "empty-workspace",
    default: Severity::Error,
    summary: "no role charter at all: a wrong path must never pass silently",
    finds: "A workspace with no role charter: no file under `roles/` (or the `paths: role:` globs of
`pmpo.yaml`) and no document with `kind: role`.",
    why: "pmpo's job is to say who owns what. With no charter it cannot, and a CI job pointed at the
wrong directory would otherwise pass in silence while checking nothing.",
    example: "`pmpo check docs/` where the charters live in `product/roles/`.",
    fix: "Point pmpo at the workspace root, add charters under `roles/`, or set `paths: role:` in
`pmpo.yaml`. `pmpo init` scaffolds a workspace that passes.",
};

impl Rule for EmptyWorkspace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        if cx.model.role_documents > 0 {
            return;
        }
        let documents = cx.model.documents;
        // A Backlog.md repository has its backlog already: `init --from-backlog-md` writes
        // the charters around it.
        let help = if cx.model.backlog_md.is_some() {
            "this is a Backlog.md repository: `pmpo init --from-backlog-md` adds role charters beside it"
        } else {
            "add role charters under `roles/`, or point pmpo at the workspace root"
        };
        cx.report(None, format!("no role charter found ({documents} other documents)"))
            .help(help);
    }
}

/// When the workspace has no charter, that finding is the whole report, in every format
/// (CLI.md): everything else (every responsibility unowned, no vision...) only follows
/// from it and would bury the one thing to do.
#[must_use]
pub(crate) fn whole_report(mut findings: Vec<Finding>) -> Vec<Finding> {
    if let Some(i) = findings.iter().position(|f| f.rule == META.name) {
        findings.swap(0, i);
        findings.truncate(1);
    }
    findings
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn fires_without_charters_and_not_with_one() {
        let ws = workspace(&[("backlog/a.md", "---\nid: A-1\n---\n")]);
        assert_eq!(ws.findings("empty-workspace").len(), 1);
        let ws = workspace(&[("roles/po.md", "---\nholders: [dana]\n---\n")]);
        assert!(ws.findings("empty-workspace").is_empty());
    }

    #[test]
    fn is_the_whole_report() {
        let ws = workspace(&[("backlog/a.md", "---\nid: A-1\n---\n")]);
        let all = ws.all_findings();
        assert!(all.len() > 1, "an empty workspace also has unowned responsibilities");
        let rules: Vec<&str> = super::whole_report(all).iter().map(|f| f.rule).collect();
        assert_eq!(rules, ["empty-workspace"]);
        let ws = workspace(&[("roles/po.md", "---\nholders: [dana]\n---\n")]);
        let all = ws.all_findings();
        assert_eq!(super::whole_report(all.clone()).len(), all.len());
    }
}
