//! `unchecked-criteria`: an accepted item with an acceptance criterion still `- [ ]`.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::model::Status;

pub(super) struct UncheckedCriteria;

static META: RuleMeta = RuleMeta {
    name: "unchecked-criteria",
    default: Severity::Warning,
    summary: "an `accepted` item with an unchecked acceptance criterion (located at the first one)",
    finds: "A backlog item with status `accepted` whose acceptance criteria include one written as an
unchecked task, `- [ ]` (Backlog.md's `- [ ] #1 ...` included); `- [x]` and `- [X]` are
checked. It points at the first unchecked criterion. (pmpo cannot see criteria ticked in
bulk without being verified; a checked box is taken at its word.)",
    why: "Acceptance criteria are the conditions the work must meet to be accepted (003), and
accepting completed work against them is the product owner's call. An item accepted with a
criterion left open was accepted without that condition being met, or the box was never
updated: either way the record no longer says what was verified.",
    example: "```markdown
---
id: CHK-101
status: accepted
accepted_by: dana
---
## Acceptance criteria
- [x] The last successful method is preselected
- [ ] The shopper can change it in one click
```",
    fix: "Verify the open criterion and tick it (`- [x]`), or move the item back to `done` or
`in-progress` until it is met; drop a criterion that no longer applies.",
};

impl Rule for UncheckedCriteria {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        for item in model.items.iter().filter(|i| i.status == Status::Accepted) {
            let Some(at) = item.unchecked else { continue };
            cx.report(
                Some(at),
                format!(
                    "backlog item {} is accepted with an unchecked acceptance criterion",
                    item.id.value
                ),
            )
            .subject(item.id.value.clone())
            .label("not checked")
            .help("verify the criterion and check it (`- [x]`), or move the item back until it is met");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn accepted_with_an_open_box() {
        let ws = workspace(&[
            (
                "backlog/a.md",
                "---\nid: A-1\nstatus: accepted\n---\n## Acceptance criteria\n- [x] one\n- [ ] two\n- [ ] three\n",
            ),
            (
                "backlog/b.md",
                "---\nid: A-2\nstatus: accepted\n---\n## Acceptance criteria\n- [x] one\n- [X] two\n- plain\n",
            ),
            (
                "backlog/c.md",
                "---\nid: A-3\nstatus: done\n---\n## Acceptance criteria\n- [ ] not accepted yet\n",
            ),
            (
                "backlog/task-4.md",
                "---\nid: task-4\nstatus: accepted\n---\n## Acceptance Criteria\n<!-- AC:BEGIN -->\n- [x] #1 First\n- [ ] #2 Second\n<!-- AC:END -->\n",
            ),
        ]);
        let f = ws.findings("unchecked-criteria");
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.subject.as_deref().unwrap(), f.location.as_ref().unwrap().span.line))
            .collect();
        assert_eq!(got, [("A-1", 7), ("task-4", 8)]);
        assert_eq!(f[0].location.as_ref().unwrap().span.column, 1);
    }
}
