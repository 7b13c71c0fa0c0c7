//! `unknown-scope`: a `scope:` that names no declared product or team.

use std::collections::HashSet;

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::model::{Loc, Sp};

pub(super) struct UnknownScope;

static META: RuleMeta = RuleMeta {
    name: "unknown-scope",
    default: Severity::Error,
    summary: "a `scope:` that names no declared product or team",
    finds: "A role, vision, roadmap, backlog list, backlog item or Definition of Done whose `scope:`
names no product or team declared under `products:` in `pmpo.yaml` (in a workspace that
declares no products, every `scope:`).",
    why: "The scope decides whom a document belongs to: which role is accountable for its team's
backlog, whose vision its goals come from, whose acceptance counts. A misspelt scope would
quietly move the document to the product of its folder, or to the whole workspace, and
every check after that answers the wrong question.",
    example: "```yaml
# pmpo.yaml declares the team `payments`
id: payments-po
scope: payment        # no such product or team
```",
    fix: "Correct the id (the help names the closest declared one), or declare the product or team
under `products:` in `pmpo.yaml`.",
};

impl Rule for UnknownScope {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let written = model
            .roles
            .iter()
            .flat_map(|r| r.scope.iter())
            .chain(model.visions.iter().filter_map(|v| v.scope.as_ref()))
            .chain(model.roadmaps.iter().filter_map(|r| r.scope.as_ref()))
            .chain(model.definitions_of_done.iter().filter_map(|d| d.scope.as_ref()))
            .chain(model.items.iter().filter_map(|i| i.scope.as_deref()));
        // The items of one backlog list share the list's `scope:`: one finding for it.
        let mut seen: HashSet<Loc> = HashSet::new();
        for scope in written {
            if model.config.scope_index(scope.as_str()).is_some() || !seen.insert(scope.loc) {
                continue;
            }
            report(cx, scope);
        }
    }
}

fn report(cx: &mut Context<'_>, scope: &Sp<String>) {
    let help = cx.model.config.scope_hint(scope.as_str());
    let f = cx.report(
        Some(scope.loc),
        format!("`scope: {}` names no declared product or team", scope.value),
    );
    f.subject(scope.value.clone()).label("no such product or team");
    if let Some(help) = help {
        f.help(help);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn a_misspelt_scope_is_found_once_with_a_suggestion() {
        let ws = workspace(&[
            (
                "pmpo.yaml",
                "products:\n  - id: checkout\n    teams: [{id: payments}]\n",
            ),
            ("roles/a.md", "---\nholders: [a]\nscope: payment\n---\n"),
            ("roles/b.md", "---\nholders: [b]\nscope: checkout\n---\n"),
            (
                "backlog.yaml",
                "kind: backlog\nscope: nowhere\nitems:\n  - id: X-1\n  - id: X-2\n",
            ),
        ]);
        let f = ws.findings("unknown-scope");
        let subjects: Vec<_> = f.iter().map(|f| f.subject.as_deref().unwrap()).collect();
        assert_eq!(subjects, ["nowhere", "payment"]);
        assert!(f[1].help.as_deref().unwrap().contains("payments"), "{:?}", f[1].help);
    }

    #[test]
    fn without_products_every_scope_is_unknown() {
        let ws = workspace(&[("roles/a.md", "---\nholders: [a]\nscope: checkout\n---\n")]);
        let f = ws.findings("unknown-scope");
        assert_eq!(f.len(), 1);
        assert!(f[0].help.as_deref().unwrap().contains("products:"));
    }
}
