//! Reading a catalog document: a workspace's `responsibilities.yaml` (the loader hands
//! over its YAML mapping) or a built-in's embedded text.
//!
//! It lives with the catalog, not in `load`, so that the catalog needs nothing from the
//! loader: the loader calls in here, never the other way.

use crate::format::{self as fields, IdSyntax, Reader};
use crate::model::{CatalogDoc, FileId, Loc, Problem, ProblemKind, Responsibility, ScopeLevel, UsesEntry};
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
            r.unknown_keys(re, &fields::RESPONSIBILITY);
            let id = r
                .require(re, &fields::RESPONSIBILITY, "id", it.span)
                .and_then(|n| r.id(n, "id", IdSyntax::Kebab));
            let title = r
                .require(re, &fields::RESPONSIBILITY, "title", it.span)
                .and_then(|n| r.text(n, "title"));
            let (Some(id), Some(title)) = (id, title) else { continue };
            let description = fields::get(re, "description")
                .and_then(|n| r.text(n, "description"))
                .map(|s| s.value);
            let area = fields::get(re, "area")
                .and_then(|n| r.text(n, "area"))
                .map_or_else(|| "other".to_string(), |s| s.value);
            let strategic = fields::get(re, "strategic")
                .and_then(|n| r.bool(n, "strategic"))
                .unwrap_or(false);
            let expected = fields::get(re, "expected")
                .and_then(|n| r.id(n, "expected", IdSyntax::Kebab))
                .filter(|s| s.value != "any");
            let level = fields::get(re, "level")
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
                })
                .unwrap_or_default();
            let source = fields::get(re, "source")
                .map(|n| r.texts(n, "source"))
                .unwrap_or_default();
            responsibilities.push(Responsibility {
                loc: Some(id.loc),
                id: id.value,
                title: title.value,
                description,
                area,
                strategic,
                expected,
                level,
                source: source.into_iter().map(|s| s.value).collect(),
            });
        }
    }
    let (mut uses_vision, mut uses_acceptance) = (None, None);
    if let Some(n) = fields::get(e, "uses")
        && let Some(uses) = r.map(n, "`uses`")
    {
        r.unknown_keys(uses, &fields::USES);
        uses_vision = read_uses(r, uses, "vision");
        uses_acceptance = read_uses(r, uses, "acceptance");
    }
    let group_types = fields::get(e, "group_types").map(|n| r.ids(n, "group_types", IdSyntax::Kebab));
    CatalogDoc {
        file: r.file,
        loc: r.loc(doc),
        name,
        extends,
        remove,
        responsibilities,
        uses_vision,
        uses_acceptance,
        group_types,
    }
}

/// One entry of `uses:`: absent, `null` (the check is off) or a responsibility id.
fn read_uses(r: &mut Reader<'_>, uses: &[(Key, Node)], field: &str) -> UsesEntry {
    let n = fields::get(uses, field)?;
    if n.is_null() {
        return Some(None);
    }
    r.id(n, field, IdSyntax::Kebab).map(Some)
}
