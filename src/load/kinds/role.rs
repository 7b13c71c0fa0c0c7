//! A role charter: its frontmatter and, kept for the charter, its body.

use crate::fields::{self, IdSyntax, Mapping, Reader};
use crate::model::{Assignment, Loc, Raci, Role, Sp};
use crate::yaml::{Key, Node, Span};

/// A role from its frontmatter `e`; `doc` is the mapping's span, `rel` the file (whose
/// stem is the id when `id:` is absent) and `body` the Markdown under the frontmatter.
pub(crate) fn read(r: &mut Reader<'_>, e: &[(Key, Node)], doc: Span, rel: &str, body: &str) -> Option<Role> {
    let m = r.fields(e, &fields::ROLE, doc);
    // `id: ~` is no id, as if absent: the file name gives it.
    let id = if m.has("id") {
        m.id(r, "id")?
    } else {
        let stem = super::file_stem(rel);
        if !IdSyntax::Kebab.accepts(stem) {
            r.invalid(
                doc,
                format!("the role has no `id` and its file name `{stem}` is not a valid role id"),
                Some("add `id:` with a kebab-case id, such as `product-owner`".into()),
            );
            return None;
        }
        Sp::new(stem.to_string(), r.loc(doc))
    };
    let title = m.text(r, "title").map_or_else(|| id.value.clone(), |t| t.value);
    let mut types = m.ids(r, "type").unwrap_or_default();
    super::dedup_sp(&mut types);
    if types.is_empty() {
        types.push(id.clone());
    }
    let mut scope = m.ids(r, "scope").unwrap_or_default();
    super::dedup_sp(&mut scope);
    let external = m.bool(r, "external").unwrap_or(false);
    let (holders, holders_loc) = holders(r, &m, id.loc);
    let reports_to = m.id(r, "reports_to");
    let team_size = m.count(r, "team_size");
    if let Some(t) = &team_size
        && t.value < 0
    {
        r.invalid_at(t.loc, "`team_size` must not be negative".into(), None);
    }
    let assignments = assignments(r, &m);
    Some(Role {
        file: r.file,
        id,
        types,
        scope,
        scopes: Vec::new(),
        external,
        title,
        holders,
        holders_loc,
        reports_to,
        team_size,
        assignments,
        body: body.to_string(),
    })
}

/// `holders:`, each blank one a problem and left out, each with an invisible or
/// control character a problem and kept; and the place of the key (`id_loc` without it).
fn holders(r: &mut Reader<'_>, m: &Mapping<'_>, id_loc: Loc) -> (Vec<Sp<String>>, Loc) {
    match m.texts(r, "holders") {
        Some(list) => {
            let list = list
                .into_iter()
                .filter(|h| {
                    let blank = h.value.trim().is_empty();
                    if blank {
                        r.invalid_at(h.loc, "a holder is blank".into(), None);
                    }
                    // `da\u{200b}na` would print as `dana` but be a second person
                    // (FORMAT.md: invalid in any workspace). It stays a holder, as
                    // written (a broken document invents nothing), shown escaped.
                    if !blank && h.value.contains(crate::escape::is_unsafe) {
                        r.invalid_at(
                            h.loc,
                            format!(
                                "the holder \"{}\" holds an invisible or control character: it would look like a person it is not",
                                crate::escape::terminal_line(&h.value)
                            ),
                            Some("write the holder's name with visible characters only".into()),
                        );
                    }
                    !blank
                })
                .collect();
            let key_span = m.key_span("holders").unwrap_or(Span::START);
            (list, r.loc(key_span))
        }
        None => (Vec::new(), id_loc),
    }
}

/// `responsibilities:`, responsibility id to RACI letter; a bad id or letter is a problem.
fn assignments(r: &mut Reader<'_>, m: &Mapping<'_>) -> Vec<Assignment> {
    let mut assignments = Vec::new();
    if let Some(n) = m.get(r, "responsibilities")
        && let Some(map) = r.map(n, "`responsibilities`")
    {
        for (key, letter) in map {
            if !IdSyntax::Kebab.accepts(&key.name) {
                r.invalid(
                    key.span,
                    format!("`{}` is not a valid responsibility id", key.name),
                    Some("ids use lowercase letters, digits and `-`".into()),
                );
                continue;
            }
            let raci = letter.as_text().as_deref().and_then(Raci::parse);
            match raci {
                Some(raci) => assignments.push(Assignment {
                    responsibility: Sp::new(key.name.clone(), r.loc(key.span)),
                    raci,
                }),
                None => {
                    let shown = letter.as_text().unwrap_or_else(|| letter.type_name().to_string());
                    r.invalid(
                        letter.span,
                        format!("`{shown}` is not a RACI letter for `{}`", key.name),
                        Some("use A, R, C or I (or accountable, responsible, consulted, informed)".into()),
                    );
                }
            }
        }
    }
    assignments
}
