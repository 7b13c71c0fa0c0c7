//! A roadmap: its owner, scope and items.

use crate::fields::{self, Reader};
use crate::model::{Roadmap, RoadmapItem};
use crate::yaml::{Key, Node, Span};

/// A roadmap from its mapping `e`, whose span is `doc`.
pub(crate) fn read(r: &mut Reader<'_>, e: &[(Key, Node)], doc: Span) -> Roadmap {
    let m = r.fields(e, &fields::ROADMAP, doc);
    let owner = m.id(r, "owner");
    let scope = m.id(r, "scope");
    let mut items = Vec::new();
    let (list, table) = m.list(r, "items");
    for it in list {
        let Some(item) = r.part(it, table) else { continue };
        let Some(id) = item.id(r, "id") else { continue };
        let title = item.text(r, "title").map_or_else(|| id.value.clone(), |t| t.value);
        let goals = super::goals(r, &item);
        let when = item.text(r, "when").map(|s| s.value);
        items.push(RoadmapItem { id, title, goals, when });
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
