//! Backlog items: one in its own file, or many in a backlog list.

use crate::fields::{self, IdSyntax, Mapping, Reader};
use crate::load::backlog_md::BacklogMd;
use crate::load::markdown;
use crate::model::{BacklogItem, Loc, Sp, Status, Text};
use crate::yaml::{Key, Node, Span};

/// The items of a backlog list, each taking the list's `scope` unless it names its own.
pub(crate) fn list(
    r: &mut Reader<'_>,
    e: &[(Key, Node)],
    doc: Span,
    backlog_md: Option<&BacklogMd>,
) -> Vec<BacklogItem> {
    let m = r.fields(e, &fields::BACKLOG, doc);
    let scope = m.id(r, "scope");
    let (list, table) = m.list(r, "items");
    let mut items = Vec::new();
    for it in list {
        let Some(fields) = r.part(it, table) else { continue };
        if let Some(mut item) = read(r, &fields, it.span, None, None, backlog_md) {
            // An item in a list takes the list's scope unless it names its own.
            if item.scope.is_none() {
                item.scope = scope.clone().map(Box::new);
            }
            items.push(item);
        }
    }
    items
}

/// A backlog item from frontmatter (with its body) or from a backlog list, its fields
/// `m` read against the item table; `at` is its place, `rel` its file when it has one.
pub(crate) fn read(
    r: &mut Reader<'_>,
    m: &Mapping<'_>,
    at: Span,
    rel: Option<&str>,
    body: Option<(&str, usize, u32)>,
    backlog_md: Option<&BacklogMd>,
) -> Option<BacklogItem> {
    // `id: ~` is no id, as if absent: the file name gives it, else it is missing.
    let id = match (m.has("id"), rel) {
        (true, _) => m.id(r, "id")?,
        (false, Some(rel)) if IdSyntax::Item.accepts(super::file_stem(rel)) => {
            Sp::new(super::file_stem(rel).to_string(), r.loc(at))
        }
        (false, _) => {
            r.invalid(at, "a backlog item is missing the required field `id`".into(), None);
            return None;
        }
    };
    let title = m.text(r, "title").map_or_else(|| id.value.clone(), |t| t.value);
    let (status, status_loc) = status(r, m, backlog_md);
    let order = match m.key_span("order") {
        Some(_) => m.number(r, "order"),
        None => m.number(r, "ordinal"),
    };
    m.texts(r, "assignee");
    // Backlog.md archives a task by moving it off the board: whatever it last said,
    // it is no longer work anyone will do or accept.
    let status = if backlog_md.is_some() && rel.is_some_and(crate::load::backlog_md::is_archived) {
        Status::Dropped
    } else {
        status
    };
    let goals = super::goals(r, m);
    let accepted_by = m.text(r, "accepted_by");
    let scope = m.id(r, "scope").map(Box::new);
    m.texts(r, "labels");
    let mut criteria = m.texts(r, "acceptance_criteria").map_or(0, |c| c.len());
    let mut criteria_loc = None;
    let mut unchecked = None;
    let own_dod = body.is_some_and(|(text, _, _)| markdown::has_own_definition_of_done(text));
    if let Some((text, start, line)) = body {
        let found = markdown::acceptance_criteria(text);
        criteria += found.count as usize;
        unchecked = found.unchecked.map(|at| super::body_loc(r.file, text, at, start, line));
        if let Some((s, end)) = found.heading {
            let heading = text[s..end].trim_end();
            let mut span = super::span_at(text, s);
            span.len = u32::try_from(heading.len()).unwrap_or(0);
            span.line += line - 1;
            span.offset += u32::try_from(start).unwrap_or(0);
            criteria_loc = Some(Loc { file: r.file, span });
        }
    }
    Some(BacklogItem {
        file: r.file,
        id: id.into_text(),
        title: Text::new(&title),
        status,
        status_loc,
        order,
        goals: goals.into_iter().map(Sp::into_text).collect(),
        accepted_by: accepted_by.map(|a| Box::new(a.into_text())),
        criteria: crate::yaml::sat_u32(criteria),
        criteria_loc,
        unchecked,
        own_dod,
        scope,
        at: None,
    })
}

/// The status and where it is written: an unknown one is a problem and reads as `idea`;
/// one the Backlog.md repository's board lists is work under way.
fn status(r: &mut Reader<'_>, m: &Mapping<'_>, backlog_md: Option<&BacklogMd>) -> (Status, Option<Loc>) {
    match m.text(r, "status") {
        Some(s) => match Status::parse(&s.value) {
            Some(status) => (status, Some(s.loc)),
            // A status of the repository's own board: work under way.
            None if backlog_md.is_some_and(|b| b.lists(&s.value)) => (Status::InProgress, Some(s.loc)),
            None => {
                let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
                let mut help = crate::suggest::hint(&s.value.to_ascii_lowercase(), names.iter().copied())
                    .unwrap_or_else(|| format!("statuses are {}", names.join(", ")));
                if backlog_md.is_some() {
                    help.push_str(
                        "; or list it under `statuses:` in backlog/config.yml, where it counts as in-progress",
                    );
                }
                let help = Some(help);
                r.invalid_at(s.loc, format!("unknown status `{}`", s.value), help);
                (Status::Idea, Some(s.loc))
            }
        },
        None => (Status::Idea, None),
    }
}
