//! `holder-leaving`: a person whose `until` is near, and what will lose its only holder.

use std::collections::BTreeSet;

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::index::CoverageStatus;

pub(super) struct HolderLeaving;

static META: RuleMeta = RuleMeta {
    name: "holder-leaving",
    default: Severity::Warning,
    summary: "a person whose `until` is within `limits.notice_days`: what will lose its only holder, strategic first",
    finds: "A person of the people document whose `until` (their last day) is today or within
`limits.notice_days` (30 by default): the roles they hold alone, which will then have no
holder, and the responsibilities those roles are the only accountable role for, which will
then be uncovered, strategic ones first. From the day after `until` the person holds nothing
and the usual findings (`role-without-holder`, `orphaned-strategic`, `unowned`) take over.",
    why: "A charter is edited when someone notices the seat is empty, usually weeks after the person
left; until then their responsibilities look covered. A handover planned before the last
day is the one that happens.",
    example: "```yaml
# people.yaml
people:
  - {id: nadia, until: 2027-01-31}   # and nadia alone holds head-of-product
```",
    fix: "Name the successor in the roles' `holders:` (or a second holder for the handover), or move
the responsibilities to roles that stay held.",
};

impl Rule for HolderLeaving {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let index = cx.index;
        let Some(doc) = &model.people else { return };
        let today = index.today.days();
        for person in &doc.people {
            let Some(until) = &person.until else { continue };
            let left = until.value.days() - today;
            if left < 0 || left > model.config.notice_days {
                continue;
            }
            let key = model.person_key(person.id.as_str());
            let holds = |h: &crate::model::Sp<String>| model.person_key(h.as_str()) == key;
            // Gone by this person's last day: they, and whoever else leaves no later.
            let gone_by_then = |h: &crate::model::Sp<String>| {
                holds(h)
                    || model
                        .person(h.as_str())
                        .and_then(|p| p.until.as_ref())
                        .is_some_and(|u| u.value <= until.value)
            };
            // The roles of theirs that nobody will hold after `until`.
            let alone: Vec<&crate::model::Role> = model
                .roles
                .iter()
                .filter(|r| !r.external && r.holders.iter().any(holds) && r.holders.iter().all(gone_by_then))
                .collect();
            let mut lost: Vec<(bool, &str)> = Vec::new();
            let mut seen = BTreeSet::new();
            for c in index.coverage.iter().filter(|c| c.status == CoverageStatus::Covered) {
                if alone.iter().any(|r| std::ptr::eq(*r, c.accountable[0].role)) {
                    let r = &model.catalog.responsibilities[c.responsibility];
                    if seen.insert(r.id.as_str()) {
                        lost.push((!r.strategic, r.id.as_str()));
                    }
                }
            }
            // Strategic first, then catalog order (a stable sort).
            lost.sort_by_key(|(not_strategic, _)| *not_strategic);
            let when = match left {
                0 => "today".to_string(),
                1 => "tomorrow".to_string(),
                n => format!("in {n} days"),
            };
            let roles: Vec<String> = alone.iter().map(|r| format!("`{}`", r.id.value)).collect();
            let message = if alone.is_empty() {
                format!(
                    "{}'s last day is {} ({when}); every role they hold keeps another holder",
                    person.shown(),
                    until.value
                )
            } else {
                let strategic = lost.iter().filter(|(n, _)| !n).count();
                let ids: Vec<&str> = lost.iter().map(|(_, id)| *id).collect();
                format!(
                    "{}'s last day is {} ({when}): {} will have no holder, and {} responsibilit{} ({strategic} strategic) will be uncovered: {}",
                    person.shown(),
                    until.value,
                    roles.join(", "),
                    ids.len(),
                    if ids.len() == 1 { "y" } else { "ies" },
                    ids.join(", ")
                )
            };
            let f = cx.report(Some(until.loc), message);
            f.subject(person.id.value.clone()).label("last day");
            for role in &alone {
                f.also(model.location(role.holders_loc), "held by them alone");
            }
            f.help(if alone.is_empty() {
                "nothing loses its only holder; update the charters when they leave".to_string()
            } else {
                "name a successor in those roles' `holders:` before the last day, or move the responsibilities to roles that stay held".to_string()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn warns_within_the_notice_and_names_what_will_be_uncovered_strategic_first() {
        // The rules' tests run on 2026-11-26.
        let people = (
            "people.yaml",
            "kind: people\npeople:\n  - {id: nadia, until: 2026-12-20}\n  - {id: sam, until: 2027-03-01}\n  - {id: lee}\n",
        );
        let ws = workspace(&[
            people,
            (
                "roles/head.md",
                "---\nholders: [nadia]\nresponsibilities:\n  user-stories: A\n  product-vision: A\n---\n",
            ),
            (
                "roles/po.md",
                "---\nholders: [sam, lee]\nresponsibilities:\n  backlog-ordering: A\n---\n",
            ),
        ]);
        let f = ws.findings("holder-leaving");
        assert_eq!(f.len(), 1, "sam leaves after the notice: {f:?}");
        assert_eq!(f[0].subject.as_deref(), Some("nadia"));
        assert!(
            f[0].message.starts_with(
                "nadia's last day is 2026-12-20 (in 24 days): `head` will have no holder, and 2 responsibilities (1 strategic) will be uncovered: product-vision, user-stories"
            ),
            "{f:?}"
        );
    }

    #[test]
    fn a_role_whose_holders_all_leave_is_named_by_the_last_to_go() {
        let people = (
            "people.yaml",
            "kind: people\npeople:\n  - {id: c, until: 2026-12-01}\n  - {id: d, until: 2026-12-03}\n",
        );
        let ws = workspace(&[
            people,
            (
                "roles/rb.md",
                "---\nholders: [c, d]\nresponsibilities:\n  user-stories: A\n---\n",
            ),
        ]);
        let f = ws.findings("holder-leaving");
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(
            f[0].message.contains("every role they hold keeps another holder"),
            "{f:?}"
        );
        assert!(f[1].message.contains("`rb` will have no holder"), "{f:?}");
    }

    #[test]
    fn after_the_last_day_the_roles_lose_them() {
        let people = (
            "people.yaml",
            "kind: people\npeople:\n  - {id: nadia, until: 2026-11-20}\n",
        );
        let ws = workspace(&[
            people,
            (
                "roles/head.md",
                "---\nholders: [nadia]\nresponsibilities:\n  product-vision: A\n---\n",
            ),
        ]);
        assert!(ws.findings("holder-leaving").is_empty());
        let f = ws.findings("role-without-holder");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("nadia's last day was 2026-11-20"), "{f:?}");
        let f = ws.findings("orphaned-strategic");
        assert!(
            f.iter()
                .any(|f| f.subject.as_deref() == Some("product-vision") && f.message.contains("nadia's last day was")),
            "{f:?}"
        );
    }
}
