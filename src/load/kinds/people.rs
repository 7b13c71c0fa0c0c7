//! The people document: who the holders are.

use crate::fields::{self, Mapping, Reader};
use crate::model::{PeopleDoc, PersonDoc, Sp};
use crate::yaml::{Key, Node, Span};

/// The people document from its mapping `e`, whose span is `doc`.
pub(crate) fn read(r: &mut Reader<'_>, e: &[(Key, Node)], doc: Span) -> PeopleDoc {
    let m = r.fields(e, &fields::PEOPLE, doc);
    let mut people = Vec::new();
    if m.key_span("people").is_none() {
        r.invalid(
            doc,
            "a people document lists no people".into(),
            Some("add `people:`, a list of `- id: …` entries".into()),
        );
    }
    let (list, table) = m.list(r, "people");
    for p in list {
        if let Some(person) = r.part(p, table).and_then(|fields| person(r, &fields)) {
            people.push(person);
        }
    }
    PeopleDoc {
        file: r.file,
        loc: r.loc(doc),
        people,
    }
}

/// One entry of `people:`; `None` (with a problem) without a usable `id`.
fn person(r: &mut Reader<'_>, m: &Mapping<'_>) -> Option<PersonDoc> {
    // A missing or null `id` is the field table's problem ("a person's `id` is empty").
    let id = m.text(r, "id").filter(|id| {
        let blank = id.value.trim().is_empty();
        if blank {
            r.invalid_at(id.loc, "a person's `id` is blank".into(), None);
        }
        !blank
    })?;
    let name = m
        .text(r, "name")
        .filter(|s| {
            let blank = s.value.trim().is_empty();
            if blank {
                r.invalid_at(s.loc, "a person's `name` is blank".into(), None);
            }
            !blank
        })
        .map(|s| s.value);
    let aliases: Vec<Sp<String>> = m
        .texts(r, "aliases")
        .unwrap_or_default()
        .into_iter()
        .filter(|a| {
            let blank = a.value.trim().is_empty();
            if blank {
                r.invalid_at(a.loc, "an alias is blank".into(), None);
            }
            !blank
        })
        .collect();
    let capacity = m.number(r, "capacity");
    let capacity = match capacity {
        Some(c) if c.value > 0.0 && c.value <= 1.0 => c.value,
        Some(c) => {
            r.invalid_at(
                c.loc,
                format!("`capacity` must be above 0 and at most 1, found {}", c.value),
                Some("a share of a working week: 0.4 for two days of five, 1 for full time".into()),
            );
            1.0
        }
        None => 1.0,
    };
    let github = m
        .text(r, "github")
        .map(|s| s.value.trim().trim_start_matches('@').to_string());
    let until = m
        .text(r, "until")
        .and_then(|t| match crate::date::Date::parse(t.value.trim()) {
            Some(d) => Some(Sp::new(d, t.loc)),
            None => {
                r.invalid_at(
                    t.loc,
                    format!("`until` must be an ISO date, such as 2027-01-31, found `{}`", t.value),
                    None,
                );
                None
            }
        });
    Some(PersonDoc {
        id,
        name,
        aliases,
        capacity,
        github,
        until,
    })
}
