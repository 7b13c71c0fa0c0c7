//! `unknown-person`: with a people document, a holder that is none of its people.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::index::is_placeholder;

pub(super) struct UnknownPerson;

static META: RuleMeta = RuleMeta {
    name: "unknown-person",
    default: Severity::Warning,
    summary: "with a people document, a holder that is none of its people (by id, name or alias)",
    finds: "With a people document (`people.yaml`), a holder of a role that is not `external` whose
text is none of the people's `id`, `name` or `aliases`, compared without regard to case.
Placeholders (`TBD`, an `example.com` address) are `placeholder-holder` instead.",
    why: "Holders are free text, so a typo (`dnaa` for `dana`) is a second, phantom person: it covers
the responsibility on paper while the real person's load, capacity and departure date no
longer apply to it. The people document is the list of who is really there.",
    example: "```yaml
# people.yaml
kind: people
people:
  - {id: dana, name: Dana Reyes}
# roles/product-owner.md
holders: [dnaa]        # nobody of that name
```",
    fix: "Write the holder as the person's id, name or one of their aliases, or add the person (or the
spelling, under `aliases:`) to `people.yaml`. A role held outside the organisation is
`external: true`.",
};

impl Rule for UnknownPerson {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let Some(doc) = &model.people else { return };
        let spellings: Vec<&str> = doc
            .people
            .iter()
            .flat_map(|p| {
                std::iter::once(p.id.as_str())
                    .chain(p.name.as_deref())
                    .chain(p.aliases.iter().map(crate::model::Sp::as_str))
            })
            .collect();
        for role in model.roles.iter().filter(|r| !r.external) {
            for holder in &role.holders {
                if model.person(&holder.value).is_some() || is_placeholder(&holder.value) {
                    continue;
                }
                let f = cx.report(
                    Some(holder.loc),
                    format!(
                        "`{}` holds `{}`, but is none of the people of {}",
                        holder.value.trim(),
                        role.id.value,
                        model.path(doc.file)
                    ),
                );
                f.subject(holder.value.trim().to_string())
                    .scope(model.scope_id(role.scopes[0]))
                    .label("no such person");
                f.help(
                    crate::suggest::hint(holder.value.trim(), spellings.iter().copied()).unwrap_or_else(|| {
                        format!(
                            "add them to {} (or this spelling to a person's `aliases:`), or mark the role `external: true`",
                            model.path(doc.file)
                        )
                    }),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    const PEOPLE: (&str, &str) = (
        "people.yaml",
        "kind: people\npeople:\n  - {id: dana, name: Dana Reyes, aliases: [dana@acme.example]}\n  - {id: sam}\n",
    );

    #[test]
    fn holders_match_by_id_name_or_alias_in_any_case() {
        let ws = workspace(&[
            PEOPLE,
            (
                "roles/a.md",
                "---\nholders: [DANA, dana reyes, Dana@Acme.Example, Sam, dnaa, TBD]\n---\n",
            ),
            ("roles/b.md", "---\nexternal: true\nholders: [Client Carl]\n---\n"),
        ]);
        let f = ws.findings("unknown-person");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].subject.as_deref(), Some("dnaa"));
        assert_eq!(f[0].help.as_deref(), Some("did you mean `dana`?"));
    }

    #[test]
    fn a_spelling_two_people_share_is_invalid_and_the_first_keeps_it() {
        let ws = workspace(&[
            (
                "people.yaml",
                "kind: people\npeople:\n  - {id: dana, name: Dana Reyes, aliases: [ines]}\n  - {id: ines}\n  - {id: DANA}\n  - {id: null}\n  - {id: x, aliases: [\"\"]}\n",
            ),
            ("roles/a.md", "---\nholders: [dana]\n---\n"),
        ]);
        let invalid: Vec<String> = ws.findings("invalid-field").into_iter().map(|f| f.message).collect();
        assert_eq!(invalid.len(), 4, "{invalid:?}");
        assert!(
            invalid
                .iter()
                .any(|m| m.starts_with("`ines` already names the person `dana`")),
            "{invalid:?}"
        );
        assert!(
            invalid
                .iter()
                .any(|m| m.starts_with("`DANA` already names the person `dana`")),
            "{invalid:?}"
        );
        assert!(invalid.iter().any(|m| m == "a person's `id` is empty"), "{invalid:?}");
        assert!(invalid.iter().any(|m| m == "an alias is blank"), "{invalid:?}");
        let ws = workspace(&[
            ("people.yaml", "kind: people\n"),
            ("roles/a.md", "---\nholders: [d]\n---\n"),
        ]);
        assert_eq!(ws.findings("invalid-field").len(), 1);
    }

    #[test]
    fn without_a_people_document_every_holder_is_a_person() {
        let ws = workspace(&[("roles/a.md", "---\nholders: [dnaa]\n---\n")]);
        assert!(ws.findings("unknown-person").is_empty());
    }

    #[test]
    fn a_holder_with_an_invisible_character_is_no_person() {
        let ws = workspace(&[PEOPLE, ("roles/a.md", "---\nholders: [\"da\u{200b}na\"]\n---\n")]);
        assert_eq!(ws.findings("unknown-person").len(), 1);
    }
}
