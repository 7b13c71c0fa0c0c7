//! A product vision: its product, owner, scope and goals.

use crate::fields::{self, IdSyntax, Reader};
use crate::model::{Goal, Vision};
use crate::yaml::{Key, Node, Span};

/// A vision from its mapping `e`, whose span is `doc`.
pub(crate) fn read(r: &mut Reader<'_>, e: &[(Key, Node)], doc: Span) -> Vision {
    r.unknown_keys(e, &fields::VISION);
    let product = fields::get(e, "product")
        .and_then(|n| r.text(n, "product"))
        .map(|s| s.value);
    let owner = fields::get(e, "owner").and_then(|n| r.id(n, "owner", IdSyntax::Kebab));
    let scope = fields::get(e, "scope").and_then(|n| r.id(n, "scope", IdSyntax::Kebab));
    let mut goals = Vec::new();
    if let Some(n) = fields::get(e, "goals") {
        for g in r.seq(n, "goals") {
            let Some(ge) = r.map(g, "a goal") else { continue };
            r.unknown_keys(ge, &fields::GOAL);
            let Some(id) = r
                .require(ge, &fields::GOAL, "id", g.span)
                .and_then(|n| r.id(n, "id", IdSyntax::Item))
            else {
                continue;
            };
            let title = fields::get(ge, "title")
                .and_then(|n| r.text(n, "title"))
                .map_or_else(|| id.value.clone(), |t| t.value);
            goals.push(Goal { id, title });
        }
    }
    Vision {
        file: r.file,
        loc: r.loc(doc),
        product,
        owner,
        scope,
        at: None,
        goals,
        goals_loc: super::key_loc(r, e, "goals", doc),
    }
}
