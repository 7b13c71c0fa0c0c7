//! `overloaded-person`: a person's load is above `limits.max_load`.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;

pub(super) struct OverloadedPerson;

static META: RuleMeta = RuleMeta {
    name: "overloaded-person",
    default: Severity::Warning,
    summary: "a person's load is above `limits.max_load`",
    finds: "A person (a `holders` string, ignoring case and surrounding spaces) whose load, the number of responsibilities they are
accountable or responsible for across every role they hold, each counted once, is above
`limits.max_load` in `pmpo.yaml`. Without one, the limit is the catalog's: 18 under
`builtin:pm-po` (and a catalog of its own), 10 under `builtin:scrum`, whose product owner
is accountable for 5 entries and scrum master for 6 by design; a catalog that extends a
built-in keeps its limit.

With `products:` in `pmpo.yaml`, each (responsibility, scope) pair counts once: ordering
two teams' backlogs is two responsibilities.",
    why: "The second classic failure: one person holds both product roles and drowns. 70% of agile
companies surveyed had the product manager also act as product owner (001); the strategic
half is what slips when the sprint is loud.",
    example: "`alex` holds both `product-manager` and `product-owner` and carries all 27
responsibilities of the built-in catalog.

Holders that differ only in case or surrounding spaces are one person (`Marco Rossi` and
`marco rossi `). Holders spelt almost alike (one or two edits apart, such as `Marco Rossi`
and `Marco Rosi`) get an info with a did-you-mean: if they are one person, their load is
split between two spellings and an overload hides.",
    fix: "Split the roles between two people, move responsibilities to other roles, or, if the load
is sustainable for your team, raise `limits.max_load`. For a near-identical holder, write
the person's name the same way in every charter.",
};

impl Rule for OverloadedPerson {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let index = cx.index;
        let limit = index.max_load();
        for person in index.overloaded() {
            let load = person.load_text();
            let roles: Vec<_> = person.roles.iter().map(|r| format!("`{}`", r.id.value)).collect();
            let Some(first) = person.roles.first() else { continue };
            let at = person.loc_in(first);
            let what = if model.config.scopes.is_empty() {
                format!("{load} responsibilities")
            } else {
                format!("a load of {load}")
            };
            // With a capacity below 1, the limit is the share of a full-time one.
            let capacity = person.capacity();
            let limit_text = if capacity < 1.0 {
                format!(
                    "limit {limit} × capacity {capacity} = {}",
                    crate::index::load_text(index.limit_of(person))
                )
            } else {
                format!("limit {limit}")
            };
            let f = cx.report(
                Some(at),
                format!(
                    "{} carries {what} ({limit_text}) across {}",
                    person.name,
                    roles.join(", ")
                ),
            );
            f.subject(person.name).label("holder here");
            for role in &person.roles[1..] {
                f.also(model.location(person.loc_in(role)), "also holds this role");
            }
            f.help(if model.config.scopes.is_empty() {
                "share the roles out, move responsibilities to other roles, or raise `limits.max_load`"
            } else {
                "a responsibility counts once in each product or team it is carried in; share the roles out, move responsibilities to other roles, or raise `limits.max_load`"
            });
        }
        // Two spellings of one person split their load and hide an overload: say so, as
        // an info (the spellings may be two people).
        for (a, b) in index.similar_people() {
            // The spelling with fewer roles is the likelier typo.
            let (typo, meant) = if b.roles.len() <= a.roles.len() { (b, a) } else { (a, b) };
            let (Some(typo_role), Some(meant_role)) = (typo.roles.first(), meant.roles.first()) else {
                continue;
            };
            let f = cx.report_graded(
                Severity::Info,
                Some(typo.loc_in(typo_role)),
                format!(
                    "holder `{}` is spelt almost like `{}`; if they are one person, their load is split",
                    typo.name, meant.name
                ),
            );
            f.subject(typo.name).label(format!("did you mean `{}`?", meant.name));
            f.also(
                model.location(meant.loc_in(meant_role)),
                format!("`{}` here", meant.name),
            );
            f.help(format!(
                "did you mean `{}`? Write one person's name the same way in every charter",
                meant.name
            ));
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
        // user-stories and product-vision are alex's alone (1 each, the larger share
        // of product-vision counts once); go-to-market is half his: 2.5. Bo: 1.
        assert!(
            f[0].message.starts_with("alex carries 2.5 responsibilities (limit 2)"),
            "{f:?}"
        );
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
        // A scrum master for three teams carries 5 team-level rows three times and
        // organisational adoption once: 16, the Scrum catalog's limit. Being the
        // product owner too (5 more product-level rows) is 21, over it.
        let teams = "products:\n  - id: shop\n    teams: [{id: red}, {id: blue}, {id: green}]\n";
        let sm = "  scrum-establishment: A\n  team-effectiveness: A\n  self-management-coaching: A\n  impediment-removal: A\n  scrum-events: A\n  organisational-adoption: A\n";
        let po = "  product-value: A\n  product-goal: A\n  backlog-items: A\n  backlog-ordering: A\n  backlog-transparency: A\n";
        let only_sm = format!("---\nholders: [pat]\nscope: shop\nresponsibilities:\n{sm}---\n");
        let both = format!("---\nholders: [pat]\nscope: shop\nresponsibilities:\n{sm}{po}---\n");
        let scrum = format!("catalog: builtin:scrum\n{teams}");
        let f = workspace(&[("roles/pat.md", &only_sm), ("pmpo.yaml", &scrum)]).findings("overloaded-person");
        assert!(f.is_empty(), "16 is at the limit: {f:?}");
        let f = workspace(&[("roles/pat.md", &both), ("pmpo.yaml", &scrum)]).findings("overloaded-person");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("a load of 21"), "{f:?}");
        assert!(f[0].message.contains("(limit 16)"), "{f:?}");
        let extended = (
            "responsibilities.yaml",
            "kind: catalog\nextends: builtin:scrum\nresponsibilities: []\n",
        );
        let products = ("pmpo.yaml", teams);
        let f = workspace(&[("roles/pat.md", &both), products, extended]).findings("overloaded-person");
        assert_eq!(f.len(), 1, "the extended catalog's limit is inherited: {f:?}");
        let raised = format!("{scrum}limits:\n  max_load: 21\n");
        assert!(
            workspace(&[("roles/pat.md", &both), ("pmpo.yaml", &raised)])
                .findings("overloaded-person")
                .is_empty()
        );
    }

    #[test]
    fn case_and_spaces_do_not_make_two_people() {
        let ws = workspace(&[
            ("pmpo.yaml", "limits:\n  max_load: 2\n"),
            (
                "roles/a.md",
                "---\nholders: [Marco Rossi]\nresponsibilities:\n  user-stories: A\n  product-vision: R\n---\n",
            ),
            (
                "roles/b.md",
                "---\nholders: [\" marco rossi \"]\nresponsibilities:\n  go-to-market: A\n---\n",
            ),
        ]);
        let f = ws.findings("overloaded-person");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].message.starts_with("Marco Rossi carries 3 responsibilities"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].related.len(), 1, "points at the other spelling too");
        assert_eq!(&*f[0].related[0].0.file, "roles/b.md");
    }

    #[test]
    fn near_identical_holders_get_a_did_you_mean_info() {
        let ws = workspace(&[
            ("roles/a.md", "---\nholders: [Marco Rossi]\n---\n"),
            ("roles/b.md", "---\nholders: [Marco Rossi]\n---\n"),
            ("roles/c.md", "---\nholders: [Marco Rosi, dana, dina, ann]\n---\n"),
            ("roles/d.md", "---\nholders: [anna]\n---\n"),
        ]);
        let f = ws.findings("overloaded-person");
        let infos: Vec<_> = f
            .iter()
            .filter(|f| f.severity == crate::finding::Severity::Info)
            .collect();
        let messages: Vec<&str> = infos.iter().map(|f| f.message.as_str()).collect();
        assert!(
            messages.contains(
                &"holder `Marco Rosi` is spelt almost like `Marco Rossi`; if they are one person, their load is split"
            ),
            "{messages:?}"
        );
        // dana/dina: one edit in four letters; ann/anna: too short to tell.
        assert_eq!(infos.len(), 2, "{messages:?}");
        assert!(
            messages.iter().any(|m| m.contains("`dana`") && m.contains("`dina`")),
            "{messages:?}"
        );
        let marco = infos.iter().find(|f| f.message.contains("Marco")).unwrap();
        assert_eq!(
            &*marco.location.as_ref().unwrap().file,
            "roles/c.md",
            "at the likelier typo"
        );
        assert_eq!(
            marco
                .help
                .as_deref()
                .map(|h| h.starts_with("did you mean `Marco Rossi`?")),
            Some(true)
        );
    }

    #[test]
    fn many_similar_holders_stay_linear() {
        // 2,000 holders `person-0001` … share deletion variants in large buckets, which are
        // skipped: the check must finish and report nothing absurd.
        let holders: Vec<String> = (0..2000).map(|i| format!("person-{i:04}")).collect();
        let role = format!("---\nholders: [{}]\n---\n", holders.join(", "));
        let ws = workspace(&[("roles/a.md", role.as_str())]);
        let infos = ws.findings("overloaded-person");
        // Every pair it does report is a real near-miss, never a far one.
        for f in &infos {
            let names: Vec<&str> = f.message.split('`').skip(1).step_by(2).collect();
            assert_eq!(names.len(), 2, "{}", f.message);
            let d = strsim::levenshtein(names[0], names[1]);
            assert!((1..=2).contains(&d), "{}", f.message);
        }
    }
}
