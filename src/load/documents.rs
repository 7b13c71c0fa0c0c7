//! One file in, one document (or a problem) out.
//!
//! This is the parallel step of the pipeline: `read_file` touches only its own file
//! and returns plain records, so the loader can run it across cores. A file that is
//! a document but cannot be read as one becomes a problem, never a silent skip; a file
//! that is no document (other Markdown, other YAML) is ignored.

use std::path::Path;

use crate::load::conventions::Conventions;
use crate::load::fields::{self, IdSyntax, Reader};
use crate::load::frontmatter::{self, Frontmatter};
use crate::load::markdown;
use crate::model::{
    Assignment, BacklogItem, CatalogDoc, FileId, Goal, Kind, Loc, Problem, ProblemKind, Raci, Responsibility, Roadmap,
    RoadmapItem, Role, Sp, Status, Vision,
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
}

#[derive(Debug, Default)]
pub struct FileResult {
    /// `Some` when the file is a pmpo document, read or not.
    pub kind: Option<Kind>,
    pub parsed: Option<Parsed>,
    pub problems: Vec<Problem>,
    /// The text of a document, kept so that code frames never open the file again.
    pub text: Option<Box<str>>,
}

const ROLE: &[&str] = &[
    "kind",
    "id",
    "title",
    "holders",
    "reports_to",
    "team_size",
    "responsibilities",
];
const VISION: &[&str] = &["kind", "product", "owner", "goals"];
const GOAL: &[&str] = &["id", "title", "description"];
const ROADMAP: &[&str] = &["kind", "owner", "items"];
const ROADMAP_ITEM: &[&str] = &["id", "title", "goals", "goal", "when", "description"];
const BACKLOG: &[&str] = &["kind", "items"];
/// Backlog item fields, Backlog.md's included so its files read with no edit.
const ITEM: &[&str] = &[
    "kind",
    "id",
    "title",
    "status",
    "order",
    "goals",
    "goal",
    "accepted_by",
    "labels",
    "acceptance_criteria",
    "description",
    "assignee",
    "reporter",
    "created_date",
    "updated_date",
    "completed_date",
    "due_date",
    "milestone",
    "dependencies",
    "references",
    "documentation",
    "modified_files",
    "parent_task_id",
    "subtasks",
    "priority",
    "type",
    "ordinal",
];
const CATALOG: &[&str] = &["kind", "name", "extends", "remove", "responsibilities"];
const RESPONSIBILITY: &[&str] = &["id", "title", "description", "area", "strategic", "expected", "source"];

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
    let at_start = Span {
        line: 1,
        column: 1,
        offset: 0,
        len: 0,
    };
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

/// Read and parse one candidate file, keeping the text of a document for code frames.
#[must_use]
pub fn read_file(
    file: FileId,
    abs: &Path,
    key: Option<crate::fsio::FileKey>,
    rel: &str,
    conventions: &Conventions,
    max_bytes: u64,
) -> FileResult {
    match read_bytes(file, abs, key, rel, conventions, max_bytes) {
        Ok(bytes) => parse_kept(file, rel, bytes, conventions.kind_of(rel)),
        Err(out) => out,
    }
}

/// [`parse_bytes`], keeping the text when the file is a document.
#[must_use]
pub fn parse_kept(file: FileId, rel: &str, bytes: Vec<u8>, convention: Option<Kind>) -> FileResult {
    let mut out = parse_bytes(file, rel, &bytes, convention);
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
    let mut out = FileResult::default();
    let at_start = Span {
        line: 1,
        column: 1,
        offset: 0,
        len: 0,
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(err) => {
            if convention.is_some() || declares_kind(&String::from_utf8_lossy(bytes)) {
                out.kind = convention.or(Some(Kind::BacklogItem));
                let valid = &bytes[..err.valid_up_to()];
                let line = u32::try_from(valid.iter().filter(|&&b| b == b'\n').count() + 1).unwrap_or(u32::MAX);
                let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
                let column = std::str::from_utf8(&valid[line_start..]).map_or(1, |s| s.chars().count() + 1);
                let span = Span {
                    line,
                    column: u32::try_from(column).unwrap_or(u32::MAX),
                    offset: u32::try_from(err.valid_up_to()).unwrap_or(u32::MAX),
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
    let markdown = Path::new(rel)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    let (yaml_text, base_offset, base_line, body) = if markdown {
        match frontmatter::split(text) {
            Frontmatter::Absent => {
                if let Some(kind) = convention
                    && !is_prose_name(rel)
                {
                    out.kind = Some(kind);
                    out.problems.push(parse_problem(
                        file,
                        at_start,
                        format!("a {} document must begin with YAML frontmatter", kind.as_str()),
                        Some("start the file with a `---` line, the fields, and a closing `---` line".into()),
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
    let base_offset = u32::try_from(base_offset).unwrap_or(u32::MAX);
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
                    let help = crate::suggest::hint(&name, Kind::ALL.iter().map(|k| k.as_str()))
                        .or_else(|| Some("kinds are role, vision, roadmap, backlog-item, backlog and catalog".into()));
                    r.invalid(k.span, format!("unknown document kind `{name}`"), help);
                    None
                }
            },
            None => None,
        },
        None => None,
    };
    let Some(kind) = declared.or(convention) else {
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
        Kind::BacklogItem => read_item(&mut r, entries, doc_span, Some(rel), body).map(|i| Parsed::Items(vec![i])),
        Kind::Backlog => Some(Parsed::Items(read_backlog(&mut r, entries))),
        Kind::Catalog => Some(Parsed::Catalog(read_catalog(&mut r, entries, doc_span))),
    };
    out
}

/// Read a catalog from YAML text that is not a file of the walk (the built-in).
pub fn parse_catalog_text(text: &str, file: FileId, problems: &mut Vec<Problem>) -> Option<Parsed> {
    let node = match yaml::parse(text) {
        Ok(node) => node,
        Err(err) => {
            problems.push(parse_problem(
                file,
                err.span,
                format!("invalid YAML: {}", err.message),
                None,
            ));
            return None;
        }
    };
    let mut r = Reader::new(file, 0, 1, problems);
    let entries = r.map(&node, "a catalog")?;
    Some(Parsed::Catalog(read_catalog(&mut r, entries, node.span)))
}

fn span_at(text: &str, offset: usize) -> Span {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    Span {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(before[line_start..].chars().count() + 1).unwrap_or(u32::MAX),
        offset: u32::try_from(offset).unwrap_or(u32::MAX),
        len: 1,
    }
}

fn read_role(r: &mut Reader<'_>, e: &[(Key, Node)], doc: Span, rel: &str, body: &str) -> Option<Role> {
    r.unknown_keys(e, ROLE, "a role");
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
    let (holders, holders_loc) = match fields::get(e, "holders") {
        Some(n) => {
            let list = r.texts(n, "holders");
            let list = list
                .into_iter()
                .filter(|h| {
                    let blank = h.value.trim().is_empty();
                    if blank {
                        r.problems.push(Problem {
                            kind: ProblemKind::InvalidField,
                            message: "a holder is blank".into(),
                            loc: h.loc,
                            help: None,
                        });
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
        r.problems.push(Problem {
            kind: ProblemKind::InvalidField,
            message: "`team_size` must not be negative".into(),
            loc: t.loc,
            help: None,
        });
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
        title,
        holders,
        holders_loc,
        reports_to,
        team_size,
        assignments,
        body: body.to_string(),
    })
}

fn key_loc(r: &Reader<'_>, e: &[(Key, Node)], field: &str, doc: Span) -> Loc {
    r.loc(e.iter().find(|(k, _)| k.name == field).map_or(doc, |(k, _)| k.span))
}

fn read_vision(r: &mut Reader<'_>, e: &[(Key, Node)], doc: Span) -> Vision {
    r.unknown_keys(e, VISION, "a vision");
    let product = fields::get(e, "product")
        .and_then(|n| r.text(n, "product"))
        .map(|s| s.value);
    let owner = fields::get(e, "owner").and_then(|n| r.id(n, "owner", IdSyntax::Kebab));
    let mut goals = Vec::new();
    if let Some(n) = fields::get(e, "goals") {
        for g in r.seq(n, "goals") {
            let Some(ge) = r.map(g, "a goal") else { continue };
            r.unknown_keys(ge, GOAL, "a goal");
            let Some(id) = r
                .require(ge, "id", "a goal", g.span)
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
        goals,
        goals_loc: key_loc(r, e, "goals", doc),
    }
}

/// `goals:` or `goal:`, both allowed on items.
fn read_goals(r: &mut Reader<'_>, e: &[(Key, Node)]) -> Vec<Sp<String>> {
    let mut goals = Vec::new();
    for field in ["goals", "goal"] {
        if let Some(n) = fields::get(e, field) {
            goals.extend(r.ids(n, field, IdSyntax::Item));
        }
    }
    // Kept for every item of a large backlog: no spare capacity.
    goals.shrink_to_fit();
    goals
}

fn read_roadmap(r: &mut Reader<'_>, e: &[(Key, Node)], doc: Span) -> Roadmap {
    r.unknown_keys(e, ROADMAP, "a roadmap");
    let owner = fields::get(e, "owner").and_then(|n| r.id(n, "owner", IdSyntax::Kebab));
    let mut items = Vec::new();
    if let Some(n) = fields::get(e, "items") {
        for it in r.seq(n, "items") {
            let Some(ie) = r.map(it, "a roadmap item") else {
                continue;
            };
            r.unknown_keys(ie, ROADMAP_ITEM, "a roadmap item");
            let Some(id) = r
                .require(ie, "id", "a roadmap item", it.span)
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
        items,
    }
}

fn read_backlog(r: &mut Reader<'_>, e: &[(Key, Node)]) -> Vec<BacklogItem> {
    r.unknown_keys(e, BACKLOG, "a backlog");
    let Some(n) = fields::get(e, "items") else {
        return Vec::new();
    };
    let mut items = Vec::new();
    for it in r.seq(n, "items") {
        let Some(ie) = r.map(it, "a backlog item") else {
            continue;
        };
        if let Some(item) = read_item(r, ie, it.span, None, None) {
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
) -> Option<BacklogItem> {
    r.unknown_keys(e, ITEM, "a backlog item");
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
            None => {
                let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
                let help = crate::suggest::hint(&s.value.to_ascii_lowercase(), names.iter().copied())
                    .or_else(|| Some(format!("statuses are {}", names.join(", "))));
                r.problems.push(Problem {
                    kind: ProblemKind::InvalidField,
                    message: format!("unknown status `{}`", s.value),
                    loc: s.loc,
                    help,
                });
                (Status::Idea, Some(s.loc))
            }
        },
        None => (Status::Idea, None),
    };
    let order = match fields::get(e, "order") {
        Some(n) => r.int(n, "order"),
        None => fields::get(e, "ordinal").and_then(|n| r.int(n, "ordinal")),
    };
    let goals = read_goals(r, e);
    let accepted_by = fields::get(e, "accepted_by").and_then(|n| r.text(n, "accepted_by"));
    if let Some(n) = fields::get(e, "labels") {
        r.texts(n, "labels");
    }
    let mut criteria = fields::get(e, "acceptance_criteria").map_or(0, |n| r.texts(n, "acceptance_criteria").len());
    let mut criteria_loc = None;
    if let Some((text, start, line)) = body {
        let found = markdown::acceptance_criteria(text);
        criteria += found.count as usize;
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
        id,
        title,
        status,
        status_loc,
        order,
        goals,
        accepted_by,
        criteria: u32::try_from(criteria).unwrap_or(u32::MAX),
        criteria_loc,
    })
}

fn read_catalog(r: &mut Reader<'_>, e: &[(Key, Node)], doc: Span) -> CatalogDoc {
    r.unknown_keys(e, CATALOG, "a catalog");
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
            r.unknown_keys(re, RESPONSIBILITY, "a responsibility");
            let id = r
                .require(re, "id", "a responsibility", it.span)
                .and_then(|n| r.id(n, "id", IdSyntax::Kebab));
            let title = r
                .require(re, "title", "a responsibility", it.span)
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
                source: source.into_iter().map(|s| s.value).collect(),
            });
        }
    }
    CatalogDoc {
        file: r.file,
        loc: r.loc(doc),
        name,
        extends,
        remove,
        responsibilities,
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
            }
        }
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            for kind in [Some(Kind::Role), Some(Kind::BacklogItem), Some(Kind::Backlog), Some(Kind::Vision), Some(Kind::Catalog), None] {
                let _ = parse_bytes(FileId(0), "backlog/x.md", &bytes, kind);
                let _ = parse_bytes(FileId(0), "backlog/x.yaml", &bytes, kind);
            }
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
            for kind in [Kind::Role, Kind::BacklogItem, Kind::Vision, Kind::Roadmap, Kind::Catalog] {
                let result = parse_bytes(FileId(0), "roles/x-1.md", text.as_bytes(), Some(kind));
                offsets_match_lines(&text, &result);
            }
        }
    }
}
