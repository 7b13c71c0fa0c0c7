//! `placeholder-holder`: a holder that is a placeholder, so the role is not really staffed.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::index::is_placeholder;

pub(super) struct PlaceholderHolder;

static META: RuleMeta = RuleMeta {
    name: "placeholder-holder",
    default: Severity::Warning,
    summary: "a holder that is a placeholder (`TBD`, `TBA`, `?`, `n/a`, an `example.com`/`example.org` address): the role is not really staffed",
    finds: "A holder that stands in for a person instead of naming one: `TBD`, `TBA`, `TBC`, `?`,
`n/a`, `none`, `nobody`, `vacant`, `todo`, `unassigned` (in any case), or an address at
`example.com`, `example.org` or `example.net` (the domains reserved for examples, which
`pmpo init` writes).",
    why: "A role with a placeholder holder passes for staffed: its responsibilities count as covered,
so no `orphaned-strategic` or `unowned` error fires. That is deliberate (a fresh `init`
should have warnings, not errors), but the seat is still empty, and an empty seat is where
the strategic work quietly stops being done.",
    example: "```yaml
id: product-manager
holders: [TBD]          # nobody yet
```",
    fix: "Write the real holder's name or address in `holders:`. If the role is genuinely vacant,
leave `holders: []`: then `role-without-holder` and the coverage tables say what is
uncovered until someone is hired.",
};

impl Rule for PlaceholderHolder {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        for role in &model.roles {
            // One role, one finding: three placeholders on one `holders:` line are one
            // thing to fix, with the others marked beside the first.
            let placeholders: Vec<_> = role.holders.iter().filter(|h| is_placeholder(&h.value)).collect();
            let Some((first, rest)) = placeholders.split_first() else {
                continue;
            };
            let message = if rest.is_empty() {
                format!(
                    "`{}` holds `{}`, but it is a placeholder, not a person",
                    first.value, role.id.value
                )
            } else {
                let names: Vec<String> = placeholders.iter().map(|h| format!("`{}`", h.value)).collect();
                format!(
                    "{} hold `{}`, but they are placeholders, not people",
                    names.join(", "),
                    role.id.value
                )
            };
            let f = cx.report(Some(first.loc), message);
            f.subject(role.id.value.clone()).label("placeholder");
            for other in rest {
                f.also(model.location(other.loc), "placeholder");
            }
            f.help("write the real holder's name in `holders:`, or leave it empty while the role is vacant");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::index::is_placeholder;
    use crate::rules::tests::workspace;

    #[test]
    fn placeholders_and_people() {
        for p in [
            "TBD",
            " tba ",
            "?",
            "N/A",
            "pm@example.com",
            "PO@Example.ORG",
            "x@mail.example.net",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for p in [
            "dana",
            "Marco Rossi",
            "li.wei@acme.com",
            "ann@example.company.com",
            "tbd-team-lead",
        ] {
            assert!(!is_placeholder(p), "{p}");
        }
    }

    #[test]
    fn each_placeholder_holder_is_a_finding_at_its_value() {
        let ws = workspace(&[
            ("roles/product-manager.md", "---\nholders: [pm@example.com]\n---\n"),
            ("roles/product-owner.md", "---\nholders: [dana, TBD]\n---\n"),
        ]);
        let f = ws.findings("placeholder-holder");
        assert_eq!(f.len(), 2, "{f:?}");
        let subjects: Vec<_> = f.iter().map(|f| f.subject.as_deref().unwrap()).collect();
        assert!(subjects.contains(&"product-manager") && subjects.contains(&"product-owner"));
        let po = f
            .iter()
            .find(|f| f.subject.as_deref() == Some("product-owner"))
            .unwrap();
        assert_eq!(po.location.as_ref().unwrap().span.line, 2);
        assert!(po.message.starts_with("`TBD` holds `product-owner`"), "{}", po.message);
    }

    #[test]
    fn several_placeholders_of_one_role_are_one_finding() {
        let ws = workspace(&[("roles/product-owner.md", "---\nholders: [TBD, dana, ?, n/a]\n---\n")]);
        let f = ws.findings("placeholder-holder");
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].message.starts_with("`TBD`, `?`, `n/a` hold `product-owner`"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].related.len(), 2);
    }
}
