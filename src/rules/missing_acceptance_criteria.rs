//! `missing-acceptance-criteria`: an item at `ready` or later with no acceptance
//! criteria (an error once it is `done` or `accepted`).

use super::rule::{Context, Rule, RuleMeta};
use crate::facts::{CriteriaGap, criteria_gap};
use crate::finding::Severity;
use crate::model::Status;

pub(super) struct MissingAcceptanceCriteria;

static META: RuleMeta = RuleMeta {
    name: "missing-acceptance-criteria",
    default: Severity::Warning,
    summary: "an item at `ready` or later with no acceptance criteria (error at `done`/`accepted`)",
    finds: "A backlog item at `ready` or `in-progress` with no acceptance criteria (a warning), or at
`done` or `accepted` with none (an error), and an \"Acceptance criteria\" heading with no
list under it at any status. Criteria are the list items under a heading \"Acceptance
criteria\", Backlog.md's `<!-- AC:BEGIN -->` block, or an `acceptance_criteria:` list.
Where a Definition of Done is in force (a `definition-of-done` document), a `done` or
`accepted` item without criteria of its own is a warning, not an error: the definition is
its minimum, and \"the moment a Product Backlog item meets the Definition of Done, an
Increment is born\" (SG). Under a catalog with no acceptance step (`builtin:scrum`), a
`done` item in the scope of a Definition of Done needs no criteria of its own at all, and
neither does a finished task of a Backlog.md repository under its Definition of Done.",
    why: "The product owner defines the criteria that say when an item is done and accepts the work
against them (002, 003). Work finished without criteria was accepted against nothing; work
started without them is built to a guess.",
    example: "```markdown
---
id: CHK-104
status: done
---
Show delivery dates before payment.
```",
    fix: "Add a heading `## Acceptance criteria` with one list item per testable criterion, or an
`acceptance_criteria:` list in the frontmatter.",
};

impl Rule for MissingAcceptanceCriteria {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        // A Definition of Done is in force for the items of its scope and of the scopes
        // inside it (without products: every item), as are the `definition_of_done:`
        // list of Backlog.md's settings and a task's own block.
        let dods: Vec<(crate::model::Scope, &crate::model::DefinitionOfDone)> = model
            .definitions_of_done
            .iter()
            .filter(|d| !d.criteria.is_empty())
            .map(|d| (d.at, d))
            .collect();
        let settings_dod = model
            .backlog_md
            .as_ref()
            .is_some_and(|settings| !settings.definition_of_done.is_empty());
        for item in &model.items {
            let Some(gap) = criteria_gap(item) else {
                continue;
            };
            let finished = matches!(item.status, Status::Done | Status::Accepted);
            let scope = item.at;
            let dod = if dods.is_empty() {
                None
            } else {
                let chain = model.scope_chain(scope);
                dods.iter().find(|(s, _)| chain.contains(s)).map(|&(_, d)| d)
            };
            let in_force = finished && (dod.is_some() || settings_dod || item.own_dod);
            // Under a catalog without an acceptance step (Scrum), done means the
            // Definition of Done: a done item needs no criteria of its own.
            if in_force
                && item.status == Status::Done
                && item.criteria_loc.is_none()
                && model.catalog.uses.acceptance.is_empty()
            {
                continue;
            }
            // A finished Backlog.md task met the board's Definition of Done and is
            // history: asking it for criteria of its own now is nothing to do.
            if in_force && model.backlog_md.is_some() && item.criteria_loc.is_none() {
                continue;
            }
            let graded = match (gap, item.status) {
                (CriteriaGap::Due, Status::Done | Status::Accepted) if !in_force => Severity::Error,
                _ => Severity::Warning,
            };
            let status = item.status.as_str();
            let (loc, message) = match item.criteria_loc {
                Some(heading) => (
                    heading,
                    format!(
                        "backlog item {} has an \"Acceptance criteria\" heading with no list under it",
                        item.id.value
                    ),
                ),
                None if in_force => (
                    item.status_loc.unwrap_or(item.id.loc),
                    format!(
                        "backlog item {} is {status} with no acceptance criteria of its own, only the Definition of Done",
                        item.id.value
                    ),
                ),
                None => (
                    item.status_loc.unwrap_or(item.id.loc),
                    format!("backlog item {} is {status} with no acceptance criteria", item.id.value),
                ),
            };
            let f = cx.report_graded(graded, Some(loc), message);
            if let Some(d) = dod.filter(|_| in_force && !item.own_dod) {
                f.also(model.location(d.loc), "the Definition of Done in force");
            }
            f.subject(item.id.value.clone())
                .scope(model.scope_id(scope))
                .label(if item.criteria_loc.is_some() {
                    "no list items under this heading"
                } else {
                    "no acceptance criteria"
                })
                .help("add a `## Acceptance criteria` heading with one list item per criterion");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Severity;
    use crate::rules::tests::workspace;

    #[test]
    fn graded_by_status() {
        let ws = workspace(&[
            ("backlog/idea.md", "---\nid: A-1\nstatus: idea\n---\nLater.\n"),
            ("backlog/ready.md", "---\nid: A-2\nstatus: Ready\n---\nSoon.\n"),
            ("backlog/done.md", "---\nid: A-3\nstatus: done\n---\nDone.\n"),
            (
                "backlog/ok.md",
                "---\nid: A-4\nstatus: done\n---\n## Acceptance criteria\n- [x] works\n",
            ),
            (
                "backlog/empty.md",
                "---\nid: A-5\nstatus: idea\n---\n## Acceptance criteria\n\nTBD\n",
            ),
            (
                "backlog/list.yaml",
                "kind: backlog\nitems:\n  - {id: A-6, status: accepted, acceptance_criteria: [works]}\n",
            ),
        ]);
        let f = ws.findings("missing-acceptance-criteria");
        let got: Vec<_> = f.iter().map(|f| (f.subject.as_deref().unwrap(), f.severity)).collect();
        assert_eq!(
            got,
            [
                ("A-3", Severity::Error),
                ("A-5", Severity::Warning),
                ("A-2", Severity::Warning)
            ]
        );
        assert_eq!(f[1].location.as_ref().unwrap().span.line, 5, "points at the heading");
    }

    #[test]
    fn under_scrum_done_means_the_definition_of_done() {
        let dod = (
            "definition-of-done.md",
            "---\nkind: definition-of-done\n---\n- Code reviewed\n",
        );
        let done = ("backlog/a.md", "---\nid: A-1\nstatus: done\n---\n");
        let ready = ("backlog/b.md", "---\nid: A-2\nstatus: ready\n---\n");
        let scrum = ("pmpo.yaml", "catalog: builtin:scrum\n");
        let f = workspace(&[dod, done, ready, scrum]).findings("missing-acceptance-criteria");
        let got: Vec<_> = f.iter().map(|f| f.subject.as_deref().unwrap()).collect();
        assert_eq!(got, ["A-2"], "a done item meets the DoD: {f:?}");
        // Without a Definition of Done, done is still done against nothing.
        let f = workspace(&[done, scrum]).findings("missing-acceptance-criteria");
        assert_eq!(f.len(), 1, "{f:?}");
        // With an acceptance step (pm-po), the DoD is a minimum: a warning.
        let f = workspace(&[dod, done]).findings("missing-acceptance-criteria");
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn a_definition_of_done_is_the_minimum_of_a_done_item() {
        let items = [
            (
                "backlog/done.md",
                "---
id: A-1
status: done
---
Done.
",
            ),
            (
                "backlog/ready.md",
                "---
id: A-2
status: ready
---
Soon.
",
            ),
        ];
        let dod = (
            "Definition-of-Done.md",
            "---
kind: definition-of-done
---
- Code reviewed
- Tests pass
",
        );
        let heading = (
            "backlog/heading.md",
            "---\nid: A-3\nstatus: accepted\n---\n## Acceptance criteria\n\nTBD\n",
        );
        let ws = workspace(&[items[0], items[1], heading, dod]);
        let f = ws.findings("missing-acceptance-criteria");
        let got: Vec<_> = f.iter().map(|f| (f.subject.as_deref().unwrap(), f.severity)).collect();
        assert_eq!(
            got,
            [
                ("A-1", Severity::Warning),
                ("A-3", Severity::Warning),
                ("A-2", Severity::Warning)
            ]
        );
        assert!(f[0].message.contains("only the Definition of Done"), "{f:?}");
        assert_eq!(&*f[0].related[0].0.file, "Definition-of-Done.md");
        // A definition with no criteria is no minimum.
        let empty = (
            "definition-of-done.md",
            "---
kind: definition-of-done
---
To be agreed.
",
        );
        let f = workspace(&[items[0], empty]).findings("missing-acceptance-criteria");
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn backlog_md_definitions_of_done_are_a_minimum_too() {
        let task = |id: &str, extra: &str| {
            format!("---\nid: {id}\ntitle: T\nstatus: Done\n---\n## Description\nWork.\n{extra}")
        };
        let own = "## Definition of Done\n<!-- DOD:BEGIN -->\n- [x] #1 Tests pass\n<!-- DOD:END -->\n";
        let plain = workspace(&[
            (
                "backlog/config.yml",
                "project_name: demo\nstatuses: [To Do, In Progress, Done]\n",
            ),
            ("backlog/tasks/task-1 - A.md", &task("task-1", own)),
            ("backlog/tasks/task-2 - B.md", &task("task-2", "")),
        ]);
        let got: Vec<_> = plain
            .findings("missing-acceptance-criteria")
            .iter()
            .map(|f| (f.subject.clone().unwrap(), f.severity))
            .collect();
        // Issue 24: a finished Backlog.md task that met a Definition of Done is history,
        // no finding; one that met none is still an error.
        assert_eq!(
            got,
            [("task-2".to_string(), Severity::Error)],
            "a task's own DoD block is its minimum; another task without one is still an error"
        );

        let settings = workspace(&[
            (
                "backlog/config.yml",
                "project_name: demo\nstatuses: [To Do, Done]\ndefinition_of_done:\n  - Tests pass\n",
            ),
            ("backlog/tasks/task-2 - B.md", &task("task-2", "")),
        ]);
        assert!(settings.findings("missing-acceptance-criteria").is_empty());
        // Still on the board and not done, a task needs criteria of its own.
        let doing = workspace(&[
            (
                "backlog/config.yml",
                "project_name: demo\nstatuses: [To Do, In Progress, Done]\ndefinition_of_done:\n  - Tests pass\n",
            ),
            (
                "backlog/tasks/task-3 - C.md",
                "---\nid: task-3\ntitle: T\nstatus: In Progress\n---\nWork.\n",
            ),
        ]);
        assert_eq!(doing.findings("missing-acceptance-criteria").len(), 1);
    }
}
