//! Reading a catalog document: a workspace's `responsibilities.yaml` (the loader hands
//! over its YAML mapping) or a built-in's embedded text.
//!
//! It lives with the catalog, not in `load`, so that the catalog needs nothing from the
//! loader: the loader calls in here, never the other way.

use crate::fields::{self, IdSyntax, Reader};
use crate::model::{CatalogDoc, FileId, Loc, Problem, ProblemKind, ResponsibilityEntry, ScopeLevel, UsesEntry};
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
    r.unknown_keys(e, &fields::CATALOG);
    let name = fields::get(e, "name").and_then(|n| r.text(n, "name")).map(|s| s.value);
    let extends = fields::get(e, "extends").and_then(|n| r.text(n, "extends"));
    let remove = fields::get(e, "remove")
        .map(|n| r.ids(n, "remove", IdSyntax::Kebab))
        .unwrap_or_default();
    let mut responsibilities = Vec::new();
    if let Some(n) = fields::get(e, "responsibilities") {
        for it in r.seq(n, "responsibilities") {
            let Some(re) = r.map(it, "a responsibility") else {
                continue;
            };
            if let Some(entry) = entry(r, re, it.span) {
                responsibilities.push(entry);
            }
        }
    }
    let (mut uses_vision, mut uses_acceptance, mut uses_roadmap, mut uses_backlog) = (None, None, None, None);
    if let Some(n) = fields::get(e, "uses")
        && let Some(uses) = r.map(n, "`uses`")
    {
        r.unknown_keys(uses, &fields::USES);
        uses_vision = read_uses(r, uses, "vision");
        uses_acceptance = read_uses(r, uses, "acceptance");
        uses_roadmap = read_uses(r, uses, "roadmap");
        uses_backlog = read_uses(r, uses, "backlog");
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
    let group_types = fields::get(e, "group_types").map(|n| r.ids(n, "group_types", IdSyntax::Kebab));
    let mut max_load = None;
    if let Some(n) = fields::get(e, "limits")
        && let Some(limits) = r.map(n, "`limits`")
    {
        r.unknown_keys(limits, &fields::CATALOG_LIMITS);
        max_load = fields::get(limits, "max_load").and_then(|n| r.int(n, "max_load"));
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
fn entry(r: &mut Reader<'_>, re: &[(Key, Node)], at: Span) -> Option<ResponsibilityEntry> {
    r.unknown_keys(re, &fields::RESPONSIBILITY);
    let id = r
        .require(re, &fields::RESPONSIBILITY, "id", at)
        .and_then(|n| r.id(n, "id", IdSyntax::Kebab))?;
    let title = fields::get(re, "title")
        .and_then(|n| r.text(n, "title"))
        .map(|s| s.value);
    let description = fields::get(re, "description")
        .and_then(|n| r.text(n, "description"))
        .map(|s| s.value);
    let area = fields::get(re, "area").and_then(|n| r.text(n, "area")).map(|s| s.value);
    let strategic = fields::get(re, "strategic").and_then(|n| r.bool(n, "strategic"));
    let expected = fields::get(re, "expected")
        .and_then(|n| r.id(n, "expected", IdSyntax::Kebab))
        .map(|s| (s.value != "any").then_some(s));
    let level =
        fields::get(re, "level")
            .and_then(|n| r.text(n, "level"))
            .and_then(|t| match ScopeLevel::parse(&t.value) {
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
    let source = fields::get(re, "source").map(|n| r.texts(n, "source").into_iter().map(|s| s.value).collect());
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

/// One entry of `uses:`: absent, `null` (the check is off), a responsibility id or a
/// list of them.
fn read_uses(r: &mut Reader<'_>, uses: &[(Key, Node)], field: &str) -> UsesEntry {
    let n = fields::get(uses, field)?;
    Some(r.ids(n, field, IdSyntax::Kebab))
}
