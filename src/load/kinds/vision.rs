//! A product vision: its product, owner, scope and goals.

use crate::fields::{self, Reader};
use crate::model::{Goal, Vision};
use crate::yaml::{Key, Node, Span};

/// A vision from its mapping `e`, whose span is `doc`.
pub(crate) fn read(r: &mut Reader<'_>, e: &[(Key, Node)], doc: Span) -> Vision {
    let m = r.fields(e, &fields::VISION, doc);
    let product = m.text(r, "product").map(|s| s.value);
    let owner = m.id(r, "owner");
    let scope = m.id(r, "scope");
    let mut goals = Vec::new();
    let (list, table) = m.list(r, "goals");
    for g in list {
        let Some(goal) = r.part(g, table) else { continue };
        let Some(id) = goal.id(r, "id") else { continue };
        let title = goal.text(r, "title").map_or_else(|| id.value.clone(), |t| t.value);
        goals.push(Goal { id, title });
    }
    Vision {
        file: r.file,
        loc: r.loc(doc),
        product,
        owner,
        scope,
        at: None,
        goals,
        goals_loc: r.loc(m.key_span("goals").unwrap_or(doc)),
    }
}
