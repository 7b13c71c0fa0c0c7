//! `overloaded-person`: a person's load is above `limits.max_load`.

use super::{Context, Rule, RuleMeta};
use crate::finding::Severity;

pub struct OverloadedPerson;

static META: RuleMeta = RuleMeta {
    name: "overloaded-person",
    default: Severity::Warning,
    summary: "a person's load is above `limits.max_load`",
    explain: "## What it finds
A person (an exact `holders` string) whose load, the number of responsibilities they are
accountable or responsible for across every role they hold, each counted once, is above
`limits.max_load` in `pmpo.yaml`. Without one, the limit is the catalog's: 18 under
`builtin:pm-po` (and a catalog of its own), 10 under `builtin:scrum`, whose product owner
is accountable for 5 entries and scrum master for 6 by design; a catalog that extends a
built-in keeps its limit.

## Why it matters
The second classic failure: one person holds both product roles and drowns. 70% of agile
companies surveyed had the product manager also act as product owner (001); the strategic
half is what slips when the sprint is loud.

## Example
`alex` holds both `product-manager` and `product-owner` and carries all 27
responsibilities of the built-in catalog.

## How to fix
Split the roles between two people, move responsibilities to other roles, or, if the load
is sustainable for your team, raise `limits.max_load`.
",
};

impl Rule for OverloadedPerson {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let index = cx.index;
        let limit = model.config.max_load;
        for person in index.people.values() {
            let load = person.load.len();
            if i64::try_from(load).unwrap_or(i64::MAX) <= limit {
                continue;
            }
            let roles: Vec<_> = person.roles.iter().map(|r| format!("`{}`", r.id.value)).collect();
            let Some(first) = person.roles.first() else { continue };
            let at = first
                .holders
                .iter()
                .find(|h| h.value == person.name)
                .map_or(first.holders_loc, |h| h.loc);
            let f = cx.report(
                Some(at),
                format!(
                    "{} carries {load} responsibilities (limit {limit}) across {}",
                    person.name,
                    roles.join(", ")
                ),
            );
            f.subject(person.name).label("holder here");
            for role in &person.roles[1..] {
                if let Some(h) = role.holders.iter().find(|h| h.value == person.name) {
                    f.also(model.location(h.loc), "also holds this role");
                }
            }
            f.help("share the roles out, move responsibilities to other roles, or raise `limits.max_load`");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn counts_each_responsibility_once_across_roles() {
        let ws = workspace(&[
            ("pmpo.yaml", "limits:\n  max_load: 2\n"),
            (
                "roles/a.md",
                "---\nholders: [alex]\nresponsibilities:\n  user-stories: A\n  product-vision: R\n---\n",
            ),
            (
                "roles/b.md",
                "---\nholders: [alex, bo]\nresponsibilities:\n  product-vision: A\n  go-to-market: R\n  sprint-goals: C\n---\n",
            ),
        ]);
        let f = ws.findings("overloaded-person");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.starts_with("alex carries 3 responsibilities (limit 2)"));
    }

    #[test]
    fn at_the_limit_is_fine() {
        let ws = workspace(&[
            ("pmpo.yaml", "limits:\n  max_load: 2\n"),
            (
                "roles/a.md",
                "---\nholders: [alex]\nresponsibilities:\n  user-stories: A\n  product-vision: R\n  sprint-goals: C\n---\n",
            ),
        ]);
        assert!(ws.findings("overloaded-person").is_empty());
    }

    #[test]
    fn the_default_limit_is_the_catalogs_and_pmpo_yaml_overrides_it() {
        // One person holding the scrum master's and the product owner's roles: 11.
        let both = (
            "roles/pat.md",
            "---\nholders: [pat]\nresponsibilities:\n  product-value: A\n  product-goal: A\n  backlog-items: A\n  backlog-ordering: A\n  backlog-transparency: A\n  scrum-establishment: A\n  team-effectiveness: A\n  self-management-coaching: A\n  impediment-removal: A\n  scrum-events: A\n  organisational-adoption: A\n---\n",
        );
        let scrum = ("pmpo.yaml", "catalog: builtin:scrum\n");
        let f = workspace(&[both, scrum]).findings("overloaded-person");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("(limit 10)"), "{f:?}");
        let extended = (
            "responsibilities.yaml",
            "kind: catalog\nextends: builtin:scrum\nresponsibilities: []\n",
        );
        assert_eq!(workspace(&[both, extended]).findings("overloaded-person").len(), 1);
        let raised = ("pmpo.yaml", "catalog: builtin:scrum\nlimits:\n  max_load: 11\n");
        assert!(workspace(&[both, raised]).findings("overloaded-person").is_empty());
    }
}
