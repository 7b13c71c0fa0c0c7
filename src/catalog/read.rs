//! Reading a catalog document: a workspace's `responsibilities.yaml` (the loader hands
//! over its YAML mapping) or a built-in's embedded text.
//!
//! It lives with the catalog, not in `load`, so that the catalog needs nothing from the
//! loader: the loader calls in here, never the other way.

use crate::fields::{self, Mapping, Reader};
use crate::model::{CatalogDoc, Expected, FileId, Loc, Problem, ProblemKind, ResponsibilityEntry, ScopeLevel};
use crate::yaml::{self, Key, Node, Span};

/// Read a catalog from YAML text that is not a file of the walk (a built-in).
pub(crate) fn text(text: &str, file: FileId, problems: &mut Vec<Problem>) -> Option<CatalogDoc> {
    let node = match yaml::parse(text) {
        Ok(node) => node,
        Err(err) => {
            problems.push(Problem {
                kind: ProblemKind::Parse,
                message: format!("invalid YAML: {}", err.message),
                loc: Loc { file, span: err.span },
                help: None,
            });
            return None;
        }
    };
    let mut r = Reader::new(file, 0, 1, problems);
    let entries = r.map(&node, "a catalog")?;
    Some(document(&mut r, entries, node.span))
}

/// A catalog document's mapping, as written: `extends` and `remove` are applied by
/// [`super::resolve`].
pub(crate) fn document(r: &mut Reader<'_>, e: &[(Key, Node)], doc: Span) -> CatalogDoc {
    let m = r.fields(e, &fields::CATALOG, doc);
    let name = m.text(r, "name").map(|s| s.value);
    let extends = m.text(r, "extends");
    let remove = m.ids(r, "remove").unwrap_or_default();
    let mut responsibilities = Vec::new();
    let (list, table) = m.list(r, "responsibilities");
    for it in list {
        if let Some(entry) = r.part(it, table).and_then(|fields| entry(r, &fields, it.span)) {
            responsibilities.push(entry);
        }
    }
    let (mut uses_vision, mut uses_acceptance, mut uses_roadmap, mut uses_backlog) = (None, None, None, None);
    if let Some(uses) = m.map(r, "uses") {
        uses_vision = uses.ids(r, "vision");
        uses_acceptance = uses.ids(r, "acceptance");
        uses_roadmap = uses.ids(r, "roadmap");
        uses_backlog = uses.ids(r, "backlog");
        for (field, entry) in [
            ("vision", &uses_vision),
            ("roadmap", &uses_roadmap),
            ("backlog", &uses_backlog),
        ] {
            if let Some(list) = entry
                && let Some(second) = list.get(1)
            {
                r.invalid_at(
                    second.loc,
                    format!("`uses: {field}` names one responsibility, not a list"),
                    None,
                );
            }
        }
    }
    let group_types = m.ids(r, "group_types");
    let mut max_load = None;
    if let Some(limits) = m.map(r, "limits") {
        max_load = limits.count(r, "max_load");
        if let Some(m) = &max_load
            && m.value < 0
        {
            r.invalid_at(m.loc, "`max_load` must not be negative".into(), None);
            max_load = None;
        }
    }
    CatalogDoc {
        file: r.file,
        loc: r.loc(doc),
        name,
        extends,
        remove,
        responsibilities,
        uses_vision,
        uses_acceptance,
        uses_roadmap,
        uses_backlog,
        group_types,
        max_load,
    }
}

/// One entry of `responsibilities:`, as written. `title` is checked when the catalog is
/// resolved: an entry that amends an extended one needs none.
fn entry(r: &mut Reader<'_>, m: &Mapping<'_>, at: Span) -> Option<ResponsibilityEntry> {
    let id = m.id(r, "id")?;
    let title = m.text(r, "title").map(|s| s.value);
    let description = m.text(r, "description").map(|s| s.value);
    let area = m.text(r, "area").map(|s| s.value);
    let strategic = m.bool(r, "strategic");
    let expected = m.id(r, "expected").map(|s| {
        if s.value == "any" {
            Expected::Any
        } else {
            Expected::Type(s)
        }
    });
    let level = m.text(r, "level").and_then(|t| match ScopeLevel::parse(&t.value) {
        Some(l) => Some(l),
        None => {
            let help = crate::suggest::hint(&t.value, ["product", "team"]);
            r.invalid_at(
                t.loc,
                format!("`level` must be product or team, found `{}`", t.value),
                help,
            );
            None
        }
    });
    let source = m
        .texts(r, "source")
        .map(|list| list.into_iter().map(|s| s.value).collect());
    Some(ResponsibilityEntry {
        loc: r.loc(at),
        id,
        title,
        description,
        area,
        strategic,
        expected,
        level,
        source,
    })
}
