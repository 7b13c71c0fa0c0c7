//! A roadmap: its owner, scope and items.

use crate::fields::{self, IdSyntax, Reader};
use crate::model::{Roadmap, RoadmapItem};
use crate::yaml::{Key, Node, Span};

/// A roadmap from its mapping `e`, whose span is `doc`.
pub(crate) fn read(r: &mut Reader<'_>, e: &[(Key, Node)], doc: Span) -> Roadmap {
    r.unknown_keys(e, &fields::ROADMAP);
    let owner = fields::get(e, "owner").and_then(|n| r.id(n, "owner", IdSyntax::Kebab));
    let scope = fields::get(e, "scope").and_then(|n| r.id(n, "scope", IdSyntax::Kebab));
    let mut items = Vec::new();
    if let Some(n) = fields::get(e, "items") {
        for it in r.seq(n, "items") {
            let Some(ie) = r.map(it, "a roadmap item") else {
                continue;
            };
            r.unknown_keys(ie, &fields::ROADMAP_ITEM);
            let Some(id) = r
                .require(ie, &fields::ROADMAP_ITEM, "id", it.span)
                .and_then(|n| r.id(n, "id", IdSyntax::Item))
            else {
                continue;
            };
            let title = fields::get(ie, "title")
                .and_then(|n| r.text(n, "title"))
                .map_or_else(|| id.value.clone(), |t| t.value);
            let goals = super::goals(r, ie);
            let when = fields::get(ie, "when").and_then(|n| r.text(n, "when")).map(|s| s.value);
            items.push(RoadmapItem { id, title, goals, when });
        }
    }
    Roadmap {
        file: r.file,
        loc: r.loc(doc),
        owner,
        scope,
        at: None,
        items,
    }
}
