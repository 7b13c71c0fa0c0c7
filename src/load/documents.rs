//! One file in, one document (or a problem) out.
//!
//! This is the parallel step of the pipeline: `read_bytes` and `parse_kept` touch only
//! their own file and return plain records, so the loader runs them across cores. A file that is
//! a document but cannot be read as one becomes a problem, never a silent skip; a file
//! that is no document (other Markdown, other YAML) is ignored.

use std::path::Path;

use crate::fields::{self, IdSyntax, Reader};
use crate::load::backlog_md::BacklogMd;
use crate::load::conventions::Conventions;
use crate::load::frontmatter::{self, Frontmatter};
use crate::load::markdown;
use crate::model::{
    Assignment, BacklogItem, CatalogDoc, DefinitionOfDone, FileId, Goal, Kind, Loc, PeopleDoc, PersonDoc, Problem,
    ProblemKind, Raci, Roadmap, RoadmapItem, Role, Sp, Status, Text, Vision,
};
use crate::yaml::{self, Key, Node, Span};

/// A document as read from one file.
#[derive(Debug)]
pub enum Parsed {
    Role(Role),
    Vision(Vision),
    Roadmap(Roadmap),
    Items(Vec<BacklogItem>),
    Catalog(CatalogDoc),
    DefinitionOfDone(DefinitionOfDone),
    People(PeopleDoc),
}

#[derive(Debug, Default)]
pub struct FileResult {
    /// `Some` when the file is a pmpo document, read or not.
    pub kind: Option<Kind>,
    pub parsed: Option<Parsed>,
    pub problems: Vec<Problem>,
    /// A file that is no document but reads as a role charter (`holders` and
    /// `responsibilities` in its frontmatter): where, for `stray-charter`.
    pub stray_charter: Option<Span>,
    /// The text of a document, kept so that code frames never open the file again.
    pub text: Option<Box<str>>,
    /// A file that only a `**/` convention matches and that is someone else's page
    /// (`foreign_page`): not a document, listed under `pmpo check -v`.
    pub skipped: bool,
}

/// Whether a file that only a `**/` convention makes a `kind` document is someone
/// else's page: no frontmatter, or frontmatter with neither `kind:` nor any field of
/// that kind (FORMAT.md: a documentation site's `docs/roadmap.md` with `title` and
/// `sidebar_position`).
#[must_use]
pub(crate) fn foreign_page(rel: &str, bytes: &[u8], kind: Kind) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let yaml_text = if is_markdown(rel) {
        match frontmatter::split(text) {
            Frontmatter::Absent => return !is_prose_name(rel),
            Frontmatter::Unclosed => return false,
            Frontmatter::Present(s) => &text[s.yaml_start..s.yaml_end],
        }
    } else {
        text.trim_start_matches('\u{feff}')
    };
    let Ok(node) = yaml::parse(yaml_text) else {
        return false;
    };
    let Some(entries) = node.as_map() else {
        return node.is_null() && is_markdown(rel);
    };
    let table = crate::fields::table(kind);
    !entries
        .iter()
        .any(|(k, _)| k.name == "kind" || table.fields.iter().any(|f| f.name == k.name))
}

fn parse_problem(file: FileId, span: Span, message: String, help: Option<String>) -> Problem {
    Problem {
        kind: ProblemKind::Parse,
        message,
        loc: Loc { file, span },
        help,
    }
}

/// Whether text that failed to parse still says it is a pmpo document.
fn declares_kind(text: &str) -> bool {
    text.lines().any(|line| {
        line.strip_prefix("kind:")
            .map(|v| v.trim().trim_matches(['"', '\'']))
            .is_some_and(|v| Kind::parse(v).is_some())
    })
}

fn is_prose_name(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel).to_ascii_lowercase();
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
    stem == "readme" || stem == "index"
}

fn file_stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// Read one candidate file through the guarded door ([`crate::fsio::read`]): `abs` has
/// no link at its end (the walk resolved any), and `key` is the identity the walk saw.
/// A file that cannot be read gives the finished result (a problem, or nothing for a
/// file that is no document) as the error.
#[allow(clippy::result_large_err)] // built once per file, moved straight into the model
pub fn read_bytes(
    file: FileId,
    abs: &Path,
    key: Option<crate::fsio::FileKey>,
    rel: &str,
    conventions: &Conventions,
    max_bytes: u64,
) -> Result<Vec<u8>, FileResult> {
    use crate::fsio::{self, ReadError};
    let convention = conventions.kind_of(rel);
    let mut out = FileResult::default();
    let at_start = Span::START;
    match fsio::read(abs, fsio::Final::NoLink, max_bytes, key) {
        Ok(bytes) => Ok(bytes),
        Err(ReadError::TooLarge(size)) => {
            if convention.is_some() {
                out.kind = convention;
                out.problems.push(parse_problem(
                    file,
                    at_start,
                    format!("file is {size} bytes, above the limit of {max_bytes}; not read"),
                    Some("raise `limits.max_file_bytes` in pmpo.yaml if this file is meant to be this large".into()),
                ));
            }
            Err(out)
        }
        Err(err) => {
            out.kind = Some(convention.unwrap_or(Kind::BacklogItem));
            out.problems
                .push(parse_problem(file, at_start, format!("cannot read file: {err}"), None));
            Err(out)
        }
    }
}

fn is_markdown(rel: &str) -> bool {
    Path::new(rel)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// [`parse_bytes_with`], keeping the text when the file is a document.
#[must_use]
pub fn parse_kept(
    file: FileId,
    rel: &str,
    bytes: Vec<u8>,
    convention: Option<Kind>,
    backlog_md: Option<&BacklogMd>,
) -> FileResult {
    let mut out = parse_bytes_with(file, rel, &bytes, convention, backlog_md);
    if out.kind.is_some() {
        out.text = Some(match String::from_utf8(bytes) {
            Ok(s) => s.into_boxed_str(),
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into(),
        });
    }
    out
}

/// Parse one file's bytes as the document its path and `kind:` make it. Pure: no I/O,
/// so the fuzzers and property tests drive it directly.
#[must_use]
pub fn parse_bytes(file: FileId, rel: &str, bytes: &[u8], convention: Option<Kind>) -> FileResult {
    parse_bytes_with(file, rel, bytes, convention, None)
}

/// [`parse_bytes`] in a Backlog.md repository (`backlog_md` is its settings) or not.
#[must_use]
pub fn parse_bytes_with(
    file: FileId,
    rel: &str,
    bytes: &[u8],
    convention: Option<Kind>,
    backlog_md: Option<&BacklogMd>,
) -> FileResult {
    let mut out = FileResult::default();
    let at_start = Span::START;
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(err) => {
            if convention.is_some() || declares_kind(&String::from_utf8_lossy(bytes)) {
                out.kind = convention.or(Some(Kind::BacklogItem));
                let valid = &bytes[..err.valid_up_to()];
                let line = crate::yaml::sat_u32(valid.iter().filter(|&&b| b == b'\n').count() + 1);
                let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
                let column = std::str::from_utf8(&valid[line_start..]).map_or(1, |s| s.chars().count() + 1);
                let span = Span {
                    line,
                    column: crate::yaml::sat_u32(column),
                    offset: crate::yaml::sat_u32(err.valid_up_to()),
                    len: 1,
                };
                out.problems
                    .push(parse_problem(file, span, "file is not valid UTF-8".into(), None));
            }
            return out;
        }
    };
    if text.contains('\0') {
        if convention.is_some() || declares_kind(text) {
            out.kind = convention.or(Some(Kind::BacklogItem));
            let offset = text.find('\0').unwrap_or(0);
            let span = span_at(text, offset);
            out.problems.push(parse_problem(
                file,
                span,
                "file contains NUL bytes; binary files are not documents".into(),
                None,
            ));
        }
        return out;
    }
    let markdown = is_markdown(rel);
    let (yaml_text, base_offset, base_line, body) = if markdown {
        match frontmatter::split(text) {
            Frontmatter::Absent => {
                if let Some(kind) = convention
                    && !is_prose_name(rel)
                {
                    out.kind = Some(kind);
                    let help = if backlog_md.is_some() && kind == Kind::BacklogItem {
                        "Backlog.md itself reads this file as a task with no id, title or status: start it with a `---` line, `id:`, `title:` and `status:`, and a closing `---` line, or move it out of the task folders"
                    } else {
                        "start the file with a `---` line, the fields, and a closing `---` line"
                    };
                    out.problems.push(parse_problem(
                        file,
                        at_start,
                        format!("a {} document must begin with YAML frontmatter", kind.as_str()),
                        Some(help.into()),
                    ));
                }
                return out;
            }
            Frontmatter::Unclosed => {
                if convention.is_some() || declares_kind(text) {
                    out.kind = convention.or(Some(Kind::BacklogItem));
                    let span = Span {
                        line: 1,
                        column: 1,
                        offset: u32::from(text.starts_with('\u{feff}')) * 3,
                        len: 3,
                    };
                    out.problems.push(parse_problem(
                        file,
                        span,
                        "frontmatter opened here never closes".into(),
                        Some("end the frontmatter with a line `---`".into()),
                    ));
                }
                return out;
            }
            Frontmatter::Present(s) => (
                &text[s.yaml_start..s.yaml_end],
                s.yaml_start,
                s.yaml_line,
                Some((&text[s.body_start..], s.body_start, s.body_line)),
            ),
        }
    } else {
        let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        (&text[start..], start, 1, None)
    };
    let base_offset = crate::yaml::sat_u32(base_offset);
    let quoted;
    let yaml_text = if markdown && backlog_md.is_some() && yaml_text.contains('@') {
        quoted = crate::load::backlog_md::quote_at_names(yaml_text);
        quoted.as_str()
    } else {
        yaml_text
    };
    let node = match yaml::parse(yaml_text) {
        Ok(node) => node,
        Err(err) => {
            if convention.is_some() || declares_kind(yaml_text) {
                out.kind = convention.or(Some(Kind::BacklogItem));
                out.problems.push(parse_problem(
                    file,
                    err.span.shifted(base_offset, base_line),
                    format!("invalid YAML: {}", err.message),
                    None,
                ));
            }
            return out;
        }
    };
    let mut r = Reader::new(file, base_offset, base_line, &mut out.problems);
    let declared = match node.get("kind") {
        Some(k) => match k.as_text() {
            Some(name) => match Kind::parse(&name) {
                Some(kind) => Some(kind),
                None => {
                    if convention.is_none() {
                        // Someone else's `kind:` field in a file pmpo does not own.
                        r.problems.clear();
                        return out;
                    }
                    let help = crate::suggest::hint(&name, Kind::ALL.iter().map(|k| k.as_str())).or_else(|| {
                        Some(
                            "kinds are role, vision, roadmap, backlog-item, backlog, catalog and definition-of-done"
                                .into(),
                        )
                    });
                    r.invalid(k.span, format!("unknown document kind `{name}`"), help);
                    None
                }
            },
            None => None,
        },
        None => None,
    };
    let Some(kind) = declared.or(convention) else {
        // No document; but one that reads as a charter lost its way (moved out of
        // roles/, or a `paths:` that misses it), and its responsibilities count for
        // nothing unless someone is told.
        if let Some((key, _)) = node.as_map().and_then(|e| e.iter().find(|(k, _)| k.name == "holders"))
            && node.get("responsibilities").is_some()
        {
            out.stray_charter = Some(key.span.shifted(base_offset, base_line));
        }
        return out;
    };
    out.kind = Some(kind);
    if node.is_null() {
        r.invalid(
            Span {
                line: base_line,
                column: 1,
                offset: base_offset,
                len: 0,
            },
            format!("the {} document is empty", kind.as_str()),
            None,
        );
        return out;
    }
    let Some(entries) = r.map(&node, &format!("a {} document", kind.as_str())) else {
        return out;
    };
    let doc_span = node.span;
    out.parsed = match kind {
        Kind::Role => read_role(&mut r, entries, doc_span, rel, body.map_or("", |b| b.0)).map(Parsed::Role),
        Kind::Vision => Some(Parsed::Vision(read_vision(&mut r, entries, doc_span))),
        Kind::Roadmap => Some(Parsed::Roadmap(read_roadmap(&mut r, entries, doc_span))),
        Kind::BacklogItem => {
            read_item(&mut r, entries, doc_span, Some(rel), body, backlog_md).map(|i| Parsed::Items(vec![i]))
        }
        Kind::Backlog => Some(Parsed::Items(read_backlog(&mut r, entries, backlog_md))),
        Kind::Catalog => Some(Parsed::Catalog(crate::catalog::read::document(
            &mut r, entries, doc_span,
        ))),
        Kind::DefinitionOfDone => Some(Parsed::DefinitionOfDone(read_definition_of_done(
            &mut r, entries, doc_span, body,
        ))),
        Kind::People => Some(Parsed::People(read_people(&mut r, entries, doc_span))),
    };
    out
}

fn span_at(text: &str, offset: usize) -> Span {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    Span {
        line: crate::yaml::sat_u32(line),
        column: crate::yaml::sat_u32(before[line_start..].chars().count() + 1),
        offset: crate::yaml::sat_u32(offset),
        len: 1,
    }
}

fn read_role(r: &mut Reader<'_>, e: &[(Key, Node)], doc: Span, rel: &str, body: &str) -> Option<Role> {
    r.unknown_keys(e, &fields::ROLE);
    let id = match fields::get(e, "id") {
        Some(n) => r.id(n, "id", IdSyntax::Kebab)?,
        None => {
            let stem = file_stem(rel);
            if !IdSyntax::Kebab.accepts(stem) {
                r.invalid(
                    doc,
                    format!("the role has no `id` and its file name `{stem}` is not a valid role id"),
                    Some("add `id:` with a kebab-case id, such as `product-owner`".into()),
                );
                return None;
            }
            Sp::new(stem.to_string(), r.loc(doc))
        }
    };
    let title = fields::get(e, "title")
        .and_then(|n| r.text(n, "title"))
        .map_or_else(|| id.value.clone(), |t| t.value);
    let mut types = fields::get(e, "type")
        .map(|n| r.ids(n, "type", IdSyntax::Kebab))
        .unwrap_or_default();
    dedup_sp(&mut types);
    if types.is_empty() {
        types.push(id.clone());
    }
    let mut scope = fields::get(e, "scope")
        .map(|n| r.ids(n, "scope", IdSyntax::Kebab))
        .unwrap_or_default();
    dedup_sp(&mut scope);
    let external = fields::get(e, "external")
        .and_then(|n| r.bool(n, "external"))
        .unwrap_or(false);
    let (holders, holders_loc) = match fields::get(e, "holders") {
        Some(n) => {
            let list = r.texts(n, "holders");
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
            let key_span = e
                .iter()
                .find(|(k, _)| k.name == "holders")
                .map_or(n.span, |(k, _)| k.span);
            (list, r.loc(key_span))
        }
        None => (Vec::new(), id.loc),
    };
    let reports_to = fields::get(e, "reports_to").and_then(|n| r.id(n, "reports_to", IdSyntax::Kebab));
    let team_size = fields::get(e, "team_size").and_then(|n| r.int(n, "team_size"));
    if let Some(t) = &team_size
        && t.value < 0
    {
        r.invalid_at(t.loc, "`team_size` must not be negative".into(), None);
    }
    let mut assignments = Vec::new();
    if let Some(n) = fields::get(e, "responsibilities")
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

/// A list with each value once, the first spelling kept.
fn dedup_sp(list: &mut Vec<Sp<String>>) {
    let mut seen = std::collections::HashSet::new();
    list.retain(|s| seen.insert(s.value.clone()));
}

fn key_loc(r: &Reader<'_>, e: &[(Key, Node)], field: &str, doc: Span) -> Loc {
    r.loc(e.iter().find(|(k, _)| k.name == field).map_or(doc, |(k, _)| k.span))
}

fn read_vision(r: &mut Reader<'_>, e: &[(Key, Node)], doc: Span) -> Vision {
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
        goals_loc: key_loc(r, e, "goals", doc),
    }
}

/// `goals:` or `goal:`, both allowed on items.
fn read_goals(r: &mut Reader<'_>, e: &[(Key, Node)]) -> Vec<Sp<String>> {
    let mut goals = Vec::new();
    for field in ["goals", "goal"] {
        if let Some(n) = fields::get(e, field) {
            goals.extend(r.ids(n, field, IdSyntax::GoalRef));
        }
    }
    // Kept for every item of a large backlog: no spare capacity.
    goals.shrink_to_fit();
    goals
}

fn read_roadmap(r: &mut Reader<'_>, e: &[(Key, Node)], doc: Span) -> Roadmap {
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
            let goals = read_goals(r, ie);
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

fn read_backlog(r: &mut Reader<'_>, e: &[(Key, Node)], backlog_md: Option<&BacklogMd>) -> Vec<BacklogItem> {
    r.unknown_keys(e, &fields::BACKLOG);
    let scope = fields::get(e, "scope").and_then(|n| r.id(n, "scope", IdSyntax::Kebab));
    let Some(n) = fields::get(e, "items") else {
        return Vec::new();
    };
    let mut items = Vec::new();
    for it in r.seq(n, "items") {
        let Some(ie) = r.map(it, "a backlog item") else {
            continue;
        };
        if let Some(mut item) = read_item(r, ie, it.span, None, None, backlog_md) {
            // An item in a list takes the list's scope unless it names its own.
            if item.scope.is_none() {
                item.scope = scope.clone().map(Box::new);
            }
            items.push(item);
        }
    }
    items
}

/// A backlog item from frontmatter (with its body) or from a backlog list.
fn read_item(
    r: &mut Reader<'_>,
    e: &[(Key, Node)],
    at: Span,
    rel: Option<&str>,
    body: Option<(&str, usize, u32)>,
    backlog_md: Option<&BacklogMd>,
) -> Option<BacklogItem> {
    r.unknown_keys(e, &fields::ITEM);
    let id = match (fields::get(e, "id"), rel) {
        (Some(n), _) => r.id(n, "id", IdSyntax::Item)?,
        (None, Some(rel)) if IdSyntax::Item.accepts(file_stem(rel)) => Sp::new(file_stem(rel).to_string(), r.loc(at)),
        (None, _) => {
            r.invalid(at, "a backlog item is missing the required field `id`".into(), None);
            return None;
        }
    };
    let title = fields::get(e, "title")
        .and_then(|n| r.text(n, "title"))
        .map_or_else(|| id.value.clone(), |t| t.value);
    let (status, status_loc) = match fields::get(e, "status").and_then(|n| r.text(n, "status")) {
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
    };
    let order = match fields::get(e, "order") {
        Some(n) => r.number(n, "order"),
        None => fields::get(e, "ordinal").and_then(|n| r.number(n, "ordinal")),
    };
    if let Some(n) = fields::get(e, "assignee") {
        r.texts(n, "assignee");
    }
    // Backlog.md archives a task by moving it off the board: whatever it last said,
    // it is no longer work anyone will do or accept.
    let status = if backlog_md.is_some() && rel.is_some_and(crate::load::backlog_md::is_archived) {
        Status::Dropped
    } else {
        status
    };
    let goals = read_goals(r, e);
    let accepted_by = fields::get(e, "accepted_by").and_then(|n| r.text(n, "accepted_by"));
    let scope = fields::get(e, "scope")
        .and_then(|n| r.id(n, "scope", IdSyntax::Kebab))
        .map(Box::new);
    if let Some(n) = fields::get(e, "labels") {
        r.texts(n, "labels");
    }
    let mut criteria = fields::get(e, "acceptance_criteria").map_or(0, |n| r.texts(n, "acceptance_criteria").len());
    let mut criteria_loc = None;
    let mut unchecked = None;
    let own_dod = body.is_some_and(|(text, _, _)| markdown::has_own_definition_of_done(text));
    if let Some((text, start, line)) = body {
        let found = markdown::acceptance_criteria(text);
        criteria += found.count as usize;
        unchecked = found.unchecked.map(|at| body_loc(r.file, text, at, start, line));
        if let Some((s, end)) = found.heading {
            let heading = text[s..end].trim_end();
            let mut span = span_at(text, s);
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

/// The place of the line at byte `at` of a body that starts at byte `start`, line
/// `line` of its file, spanning that line's text.
fn body_loc(file: FileId, text: &str, at: usize, start: usize, line: u32) -> Loc {
    let mut span = span_at(text, at);
    let rest = &text[at..];
    span.len = u32::try_from(rest.lines().next().unwrap_or("").trim_end().len()).unwrap_or(0);
    span.line += line - 1;
    span.offset += u32::try_from(start).unwrap_or(0);
    Loc { file, span }
}

/// A Definition of Done: the list items of its body are its criteria.
fn read_people(r: &mut Reader<'_>, e: &[(Key, Node)], doc: Span) -> PeopleDoc {
    r.unknown_keys(e, &fields::PEOPLE);
    let mut people = Vec::new();
    if fields::get(e, "people").is_none() {
        r.invalid(
            doc,
            "a people document lists no people".into(),
            Some("add `people:`, a list of `- id: …` entries".into()),
        );
    }
    if let Some(n) = fields::get(e, "people") {
        for p in r.seq(n, "people") {
            let Some(pe) = r.map(p, "a person") else { continue };
            r.unknown_keys(pe, &fields::PERSON);
            let Some(id_node) = r.require(pe, &fields::PERSON, "id", p.span) else {
                continue;
            };
            if id_node.is_null() {
                r.invalid(id_node.span, "a person's `id` is empty".into(), None);
                continue;
            }
            let Some(id) = r.text(id_node, "id").filter(|id| {
                let blank = id.value.trim().is_empty();
                if blank {
                    r.invalid_at(id.loc, "a person's `id` is blank".into(), None);
                }
                !blank
            }) else {
                continue;
            };
            let name = fields::get(pe, "name")
                .and_then(|n| r.text(n, "name"))
                .filter(|s| {
                    let blank = s.value.trim().is_empty();
                    if blank {
                        r.invalid_at(s.loc, "a person's `name` is blank".into(), None);
                    }
                    !blank
                })
                .map(|s| s.value);
            let aliases: Vec<Sp<String>> = fields::get(pe, "aliases")
                .map(|n| r.texts(n, "aliases"))
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
            let capacity = fields::get(pe, "capacity").and_then(|n| r.number(n, "capacity"));
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
            let github = fields::get(pe, "github")
                .and_then(|n| r.text(n, "github"))
                .map(|s| s.value.trim().trim_start_matches('@').to_string());
            let until =
                fields::get(pe, "until")
                    .and_then(|n| r.text(n, "until"))
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
            people.push(PersonDoc {
                id,
                name,
                aliases,
                capacity,
                github,
                until,
            });
        }
    }
    PeopleDoc {
        file: r.file,
        loc: r.loc(doc),
        people,
    }
}

fn read_definition_of_done(
    r: &mut Reader<'_>,
    e: &[(Key, Node)],
    doc: Span,
    body: Option<(&str, usize, u32)>,
) -> DefinitionOfDone {
    r.unknown_keys(e, &fields::DEFINITION_OF_DONE);
    let scope = fields::get(e, "scope").and_then(|n| r.id(n, "scope", IdSyntax::Kebab));
    let mut criteria = Vec::new();
    if let Some((text, start, line)) = body {
        for (s, end) in markdown::list_items(text) {
            let loc = body_loc(r.file, text, s, start, line);
            let item = text[s..end].trim_start_matches(|c: char| {
                c.is_ascii_digit() || matches!(c, '-' | '*' | '+' | '.' | ')' | ' ' | '\t')
            });
            criteria.push(Sp::new(item.trim().to_string(), loc));
        }
    }
    // An empty definition is no minimum (the rules ignore it), so say so rather than let
    // the team believe one is in force.
    if criteria.is_empty() {
        r.invalid(
            doc,
            "a definition of done lists no criteria".into(),
            Some("list its criteria as Markdown list items under the frontmatter (`- Tests pass in CI`)".into()),
        );
    }
    DefinitionOfDone {
        file: r.file,
        loc: r.loc(doc),
        scope,
        at: None,
        criteria,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_definition_of_done_lists_its_criteria_where_they_are_written() {
        let text = "---\nkind: definition-of-done\nscope: payments\n---\n# Ours\n\n- Code reviewed\n2. Tests *pass*\n";
        let result = parse_bytes(FileId(0), "team/definition-of-done.md", text.as_bytes(), None);
        assert!(result.problems.is_empty(), "{:?}", result.problems);
        let Some(Parsed::DefinitionOfDone(d)) = result.parsed else {
            panic!("{:?}", result.parsed)
        };
        assert_eq!(d.scope.unwrap().value, "payments");
        let got: Vec<(&str, u32)> = d.criteria.iter().map(|c| (c.value.as_str(), c.loc.span.line)).collect();
        assert_eq!(got, [("Code reviewed", 7), ("Tests *pass*", 8)]);
        let bad = "---\nkind: definition-of-done\nowner: po\n---\n- x\n";
        let result = parse_bytes(FileId(0), "definition-of-done.md", bad.as_bytes(), None);
        assert_eq!(result.problems.len(), 1, "an unknown field");
    }

    /// The loader knows exactly the fields of each kind's table: all of them pass, and
    /// one more is an unknown field of that kind, with the table's fields as its help.
    #[test]
    fn the_known_fields_are_the_tables() {
        use std::fmt::Write as _;
        for kind in Kind::ALL {
            let table = crate::fields::table(kind);
            let mut yaml = String::new();
            for name in table.names() {
                let _ = writeln!(yaml, "{name}: null");
            }
            let plain = kind == Kind::Backlog || kind == Kind::Catalog;
            let rel = if plain { "x.yaml" } else { "x.md" };
            let wrap = |yaml: &str| {
                if plain {
                    yaml.to_string()
                } else {
                    format!("---\n{yaml}---\n")
                }
            };
            let result = parse_bytes(FileId(0), rel, wrap(&yaml).as_bytes(), Some(kind));
            assert!(
                result.problems.iter().all(|p| !p.message.contains("unknown field")),
                "{kind:?}: {:?}",
                result.problems
            );
            yaml.push_str("zzz: 1\n");
            let result = parse_bytes(FileId(0), rel, wrap(&yaml).as_bytes(), Some(kind));
            let unknown: Vec<_> = result
                .problems
                .iter()
                .filter(|p| p.message.contains("unknown field"))
                .collect();
            assert_eq!(unknown.len(), 1, "{kind:?}: {:?}", result.problems);
            assert_eq!(unknown[0].message, format!("unknown field `zzz` in {}", table.what));
            let help = unknown[0].help.as_deref().unwrap();
            assert!(help.ends_with(&table.names().collect::<Vec<_>>().join(", ")), "{help}");
        }
    }

    /// Every field a part's table marks required is one the loader requires, by the
    /// table's name for the part.
    #[test]
    fn the_required_fields_are_the_tables() {
        use crate::fields::{self, Table};
        let value = |field: &str| match field {
            "title" => "T",
            "reason" => "R",
            _ => "x1",
        };
        let parsed =
            |path: &str, text: String, kind: Kind| parse_bytes(FileId(0), path, text.as_bytes(), Some(kind)).problems;
        let problems = |table: &Table, yaml: String| -> Vec<Problem> {
            match table.what {
                "a goal" => parsed("vision.md", format!("---\ngoals:\n  - {yaml}\n---\n"), Kind::Vision),
                "a roadmap item" => parsed("roadmap.yaml", format!("items:\n  - {yaml}\n"), Kind::Roadmap),
                "a responsibility" => parsed(
                    "responsibilities.yaml",
                    format!("responsibilities:\n  - {yaml}\n"),
                    Kind::Catalog,
                ),
                "a waiver" => crate::config::Config::parse(&format!("waivers:\n  - {yaml}\n"), FileId(0), &[])
                    .err()
                    .unwrap_or_default(),
                "a product" => crate::config::Config::parse(&format!("products:\n  - {yaml}\n"), FileId(0), &[])
                    .err()
                    .unwrap_or_default(),
                "a team" => crate::config::Config::parse(
                    &format!("products:\n  - id: p\n    teams:\n      - {yaml}\n"),
                    FileId(0),
                    &[],
                )
                .err()
                .unwrap_or_default(),
                other => panic!("no case for {other}"),
            }
        };
        let parts = [
            &fields::GOAL,
            &fields::ROADMAP_ITEM,
            &fields::RESPONSIBILITY,
            &fields::WAIVER,
            &fields::PRODUCT,
            &fields::TEAM,
        ];
        for table in parts {
            let required: Vec<&str> = table.fields.iter().filter(|f| f.required).map(|f| f.name).collect();
            assert!(!required.is_empty(), "{}", table.what);
            let mapping = |skip: Option<&str>| {
                let entries: Vec<String> = required
                    .iter()
                    .filter(|f| Some(**f) != skip)
                    .map(|f| format!("{f}: {}", value(f)))
                    .collect();
                format!("{{{}}}", entries.join(", "))
            };
            let all = problems(table, mapping(None));
            assert!(all.is_empty(), "{}: {all:?}", table.what);
            for field in &required {
                let got = problems(table, mapping(Some(field)));
                let expected = format!("{} is missing the required field `{field}`", table.what);
                assert!(got.iter().any(|p| p.message == expected), "{expected}: {got:?}");
            }
        }
    }

    #[test]
    fn an_empty_definition_of_done_is_a_finding() {
        let text = "---\nkind: definition-of-done\n---\n# Definition of Done\n\nTo be agreed.\n";
        let result = parse_bytes(FileId(0), "definition-of-done.md", text.as_bytes(), None);
        let messages: Vec<&str> = result.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages, ["a definition of done lists no criteria"]);
        assert_eq!(result.problems[0].kind, ProblemKind::InvalidField);
    }

    #[test]
    fn role_type_defaults_to_the_id_and_level_is_checked() {
        let role = parse_bytes(
            FileId(0),
            "roles/cart-po.md",
            b"---\nholders: [d]\n---\n",
            Some(Kind::Role),
        );
        let Some(Parsed::Role(r)) = role.parsed else { panic!() };
        assert_eq!(r.types[0].value, "cart-po");
        let role = parse_bytes(
            FileId(0),
            "roles/cart-po.md",
            b"---\ntype: product-owner\nholders: [d]\n---\n",
            Some(Kind::Role),
        );
        let Some(Parsed::Role(r)) = role.parsed else { panic!() };
        assert_eq!(r.types[0].value, "product-owner");
        let catalog = parse_bytes(
            FileId(0),
            "responsibilities.yaml",
            b"kind: catalog\nresponsibilities:\n  - {id: a, title: A, level: squad}\n",
            None,
        );
        assert_eq!(catalog.problems.len(), 1);
        assert!(
            catalog.problems[0].message.contains("product or team"),
            "{:?}",
            catalog.problems
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::fmt::Write as _;

    /// Every location a problem or a value carries must name the line its offset is on.
    fn offsets_match_lines(text: &str, result: &FileResult) {
        let line_of =
            |offset: u32| u32::try_from(text[..(offset as usize).min(text.len())].matches('\n').count()).unwrap() + 1;
        for p in &result.problems {
            let span = p.loc.span;
            if (span.offset as usize) <= text.len() && text.is_char_boundary(span.offset as usize) {
                assert_eq!(span.line, line_of(span.offset), "{p:?} in {text:?}");
            }
        }
        if let Some(Parsed::Items(items)) = &result.parsed {
            for item in items {
                assert_eq!(item.id.loc.span.line, line_of(item.id.loc.span.offset), "{text:?}");
                if let Some(at) = item.unchecked {
                    assert_eq!(at.span.line, line_of(at.span.offset), "{text:?}");
                    let rest = text[at.span.offset as usize..].trim_start();
                    assert!(
                        rest.starts_with(|c: char| matches!(c, '-' | '*' | '+') || c.is_ascii_digit()),
                        "{text:?}"
                    );
                }
            }
        }
        if let Some(Parsed::DefinitionOfDone(d)) = &result.parsed {
            for c in &d.criteria {
                assert_eq!(c.loc.span.line, line_of(c.loc.span.offset), "{text:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            for kind in [Some(Kind::Role), Some(Kind::BacklogItem), Some(Kind::Backlog), Some(Kind::Vision), Some(Kind::Catalog), Some(Kind::DefinitionOfDone), None] {
                let _ = parse_bytes(FileId(0), "backlog/x.md", &bytes, kind);
                let _ = parse_bytes(FileId(0), "backlog/x.yaml", &bytes, kind);
                let settings = BacklogMd { statuses: vec!["Review".into()], definition_of_done: Vec::new() };
                let _ = parse_bytes_with(FileId(0), "backlog/archive/tasks/x.md", &bytes, kind, Some(&settings));
            }
        }

        #[test]
        fn backlog_md_tasks_never_panic_and_locate_on_the_right_line(
            fields in proptest::collection::vec((prop_oneof!["assignee", "reporter", "status", "ordinal"], "[@A-Za-z0-9 ,\\[\\]\"'#.-]{0,16}"), 0..6),
        ) {
            let mut text = String::from("---\nid: task-1\n");
            for (k, v) in &fields {
                let _ = writeln!(text, "{k}: {v}");
            }
            text.push_str("---\n");
            let settings = BacklogMd::default();
            let result = parse_bytes_with(FileId(0), "backlog/tasks/task-1.md", text.as_bytes(), Some(Kind::BacklogItem), Some(&settings));
            offsets_match_lines(&text, &result);
        }

        #[test]
        fn documents_never_panic_and_locate_on_the_right_line(
            lead in "[\n]{0,3}",
            fields in proptest::collection::vec(("[a-z_]{1,12}", "[A-Za-z0-9 :\\-\\[\\],{}\"'@&*!|>#]{0,20}"), 0..8),
            body in "[A-Za-z #\\-\n\\[\\]x]{0,80}",
        ) {
            let mut yaml = String::from("id: X-1\n");
            for (k, v) in &fields {
                let _ = writeln!(yaml, "{k}: {v}");
            }
            let text = format!("---\n{lead}{yaml}---\n{body}");
            for kind in [Kind::Role, Kind::BacklogItem, Kind::Vision, Kind::Roadmap, Kind::Catalog, Kind::DefinitionOfDone] {
                let result = parse_bytes(FileId(0), "roles/x-1.md", text.as_bytes(), Some(kind));
                offsets_match_lines(&text, &result);
            }
        }
    }
}
