//! One file in, one document (or problems) out.
//!
//! Two entry points: [`read`] takes a file's bytes through the read door, and [`parse`]
//! turns bytes into a document, purely (the fuzzers and property tests drive it). Both
//! touch only their own file and return plain records, so the loader runs them across
//! cores. A file that is a document but cannot be read as one becomes a problem, never a
//! silent skip; a file that is no document (other Markdown, other YAML) is ignored.
//!
//! [`parse`] is named steps: check the bytes are text, split off the frontmatter, parse
//! the YAML, decide the kind, and read the kind's fields (`kinds/`, one file a kind).

use std::path::Path;

use crate::fields::Reader;
use crate::load::backlog_md::BacklogMd;
use crate::load::conventions::Conventions;
use crate::load::frontmatter::{self, Frontmatter};
use crate::load::kinds;
use crate::model::{
    BacklogItem, CatalogDoc, DefinitionOfDone, FileId, Kind, Loc, PeopleDoc, Problem, ProblemKind, Roadmap, Role,
    Vision,
};
use crate::yaml::{self, Node, Span};

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

/// Read one candidate file through the guarded door ([`crate::fsio::read`]): `abs` has
/// no link at its end (the walk resolved any), and `key` is the identity the walk saw.
/// A file that cannot be read gives the finished result (a problem, or nothing for a
/// file that is no document) as the error, and so does a file that only a `**/`
/// convention makes a document and that is someone else's page (`skipped`).
#[allow(clippy::result_large_err)] // built once per file, moved straight into the model
pub(crate) fn read(
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
        Ok(bytes) => {
            if let Some(kind) = convention
                && conventions.is_loose(kind)
                && foreign_page(rel, &bytes, kind)
            {
                out.skipped = true;
                return Err(out);
            }
            Ok(bytes)
        }
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

/// Whether a file that only a `**/` convention makes a `kind` document is someone
/// else's page: no frontmatter, or frontmatter with neither `kind:` nor any field of
/// that kind (FORMAT.md: a documentation site's `docs/roadmap.md` with `title` and
/// `sidebar_position`).
fn foreign_page(rel: &str, bytes: &[u8], kind: Kind) -> bool {
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

/// Parse one file's bytes as the document its path (`convention`) and `kind:` make it,
/// in a Backlog.md repository (`backlog_md` is its settings) or not. Pure: no I/O.
#[must_use]
pub fn parse(
    file: FileId,
    rel: &str,
    bytes: &[u8],
    convention: Option<Kind>,
    backlog_md: Option<&BacklogMd>,
) -> FileResult {
    let mut out = FileResult::default();
    let Some(text) = decode(file, bytes, convention, &mut out) else {
        return out;
    };
    let Some(source) = split(file, rel, text, convention, backlog_md, &mut out) else {
        return out;
    };
    let quoted;
    let yaml_text = if source.body.is_some() && backlog_md.is_some() && source.yaml.contains('@') {
        quoted = crate::load::backlog_md::quote_at_names(source.yaml);
        quoted.as_str()
    } else {
        source.yaml
    };
    let node = match yaml::parse(yaml_text) {
        Ok(node) => node,
        Err(err) => {
            if convention.is_some() || declares_kind(yaml_text) {
                out.kind = convention.or(Some(Kind::BacklogItem));
                out.problems.push(parse_problem(
                    file,
                    err.span.shifted(source.base_offset, source.base_line),
                    format!("invalid YAML: {}", err.message),
                    None,
                ));
            }
            return out;
        }
    };
    let mut r = Reader::new(file, source.base_offset, source.base_line, &mut out.problems);
    let Ok(declared) = declared_kind(&mut r, &node, convention) else {
        return out;
    };
    let Some(kind) = declared.or(convention) else {
        out.stray_charter = stray_charter(&node, &source);
        return out;
    };
    out.kind = Some(kind);
    out.parsed = build(&mut r, kind, &node, &source, rel, backlog_md);
    out
}

/// The YAML of one file and where it sits: the frontmatter of a Markdown file (with the
/// body under it) or a whole YAML file.
struct Source<'t> {
    yaml: &'t str,
    base_offset: u32,
    base_line: u32,
    /// The Markdown body: its text, its first byte and its first line in the file.
    body: Option<(&'t str, usize, u32)>,
}

/// The bytes as text, or `None` (with a problem when the file is a document) for bytes
/// that are not UTF-8 or hold a NUL.
fn decode<'b>(file: FileId, bytes: &'b [u8], convention: Option<Kind>, out: &mut FileResult) -> Option<&'b str> {
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
            return None;
        }
    };
    if text.contains('\0') {
        if convention.is_some() || declares_kind(text) {
            out.kind = convention.or(Some(Kind::BacklogItem));
            let offset = text.find('\0').unwrap_or(0);
            out.problems.push(parse_problem(
                file,
                kinds::span_at(text, offset),
                "file contains NUL bytes; binary files are not documents".into(),
                None,
            ));
        }
        return None;
    }
    Some(text)
}

/// The YAML of a file: a Markdown file's frontmatter, or `None` (with a problem when the
/// file is a document) when it has none or never closes it; a YAML file whole, past any
/// byte-order mark.
fn split<'t>(
    file: FileId,
    rel: &str,
    text: &'t str,
    convention: Option<Kind>,
    backlog_md: Option<&BacklogMd>,
    out: &mut FileResult,
) -> Option<Source<'t>> {
    if !is_markdown(rel) {
        let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        return Some(Source {
            yaml: &text[start..],
            base_offset: crate::yaml::sat_u32(start),
            base_line: 1,
            body: None,
        });
    }
    match frontmatter::split(text) {
        Frontmatter::Present(s) => Some(Source {
            yaml: &text[s.yaml_start..s.yaml_end],
            base_offset: crate::yaml::sat_u32(s.yaml_start),
            base_line: s.yaml_line,
            body: Some((&text[s.body_start..], s.body_start, s.body_line)),
        }),
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
                    Span::START,
                    format!("a {} document must begin with YAML frontmatter", kind.as_str()),
                    Some(help.into()),
                ));
            }
            None
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
            None
        }
    }
}

/// The kind `kind:` declares: `Ok(None)` without one (or with one that is no text), a
/// problem for an unknown kind in a file a convention claims, and `Err` for an unknown
/// kind in a file none does: someone else's `kind:` field in a file pmpo does not own.
fn declared_kind(r: &mut Reader<'_>, node: &Node, convention: Option<Kind>) -> Result<Option<Kind>, ()> {
    let Some(k) = node.get("kind") else {
        return Ok(None);
    };
    let Some(name) = k.as_text() else {
        return Ok(None);
    };
    if let Some(kind) = Kind::parse(&name) {
        return Ok(Some(kind));
    }
    if convention.is_none() {
        r.problems.clear();
        return Err(());
    }
    let help = crate::suggest::hint(&name, Kind::ALL.iter().map(|k| k.as_str())).or_else(|| {
        Some("kinds are role, vision, roadmap, backlog-item, backlog, catalog and definition-of-done".into())
    });
    r.invalid(k.span, format!("unknown document kind `{name}`"), help);
    Ok(None)
}

/// No document; but one that reads as a charter lost its way (moved out of roles/, or a
/// `paths:` that misses it), and its responsibilities count for nothing unless someone
/// is told: where its `holders` key is.
fn stray_charter(node: &Node, source: &Source<'_>) -> Option<Span> {
    let (key, _) = node.as_map()?.iter().find(|(k, _)| k.name == "holders")?;
    node.get("responsibilities")?;
    Some(key.span.shifted(source.base_offset, source.base_line))
}

/// The document of `kind` from its YAML: a problem for an empty one or one that is no
/// mapping, else its kind's reader.
fn build(
    r: &mut Reader<'_>,
    kind: Kind,
    node: &Node,
    source: &Source<'_>,
    rel: &str,
    backlog_md: Option<&BacklogMd>,
) -> Option<Parsed> {
    if node.is_null() {
        r.invalid(
            Span {
                line: source.base_line,
                column: 1,
                offset: source.base_offset,
                len: 0,
            },
            format!("the {} document is empty", kind.as_str()),
            None,
        );
        return None;
    }
    let entries = r.map(node, &format!("a {} document", kind.as_str()))?;
    let doc = node.span;
    let body = source.body;
    match kind {
        Kind::Role => kinds::role::read(r, entries, doc, rel, body.map_or("", |b| b.0)).map(Parsed::Role),
        Kind::Vision => Some(Parsed::Vision(kinds::vision::read(r, entries, doc))),
        Kind::Roadmap => Some(Parsed::Roadmap(kinds::roadmap::read(r, entries, doc))),
        Kind::BacklogItem => {
            let fields = r.fields(entries, &crate::fields::ITEM, doc);
            kinds::item::read(r, &fields, doc, Some(rel), body, backlog_md).map(|i| Parsed::Items(vec![i]))
        }
        Kind::Backlog => Some(Parsed::Items(kinds::item::list(r, entries, doc, backlog_md))),
        Kind::Catalog => Some(Parsed::Catalog(crate::catalog::read::document(r, entries, doc))),
        Kind::DefinitionOfDone => Some(Parsed::DefinitionOfDone(kinds::definition_of_done::read(
            r, entries, doc, body,
        ))),
        Kind::People => Some(Parsed::People(kinds::people::read(r, entries, doc))),
    }
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

fn is_markdown(rel: &str) -> bool {
    Path::new(rel)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_definition_of_done_lists_its_criteria_where_they_are_written() {
        let text = "---\nkind: definition-of-done\nscope: payments\n---\n# Ours\n\n- Code reviewed\n2. Tests *pass*\n";
        let result = parse(FileId(0), "team/definition-of-done.md", text.as_bytes(), None, None);
        assert!(result.problems.is_empty(), "{:?}", result.problems);
        let Some(Parsed::DefinitionOfDone(d)) = result.parsed else {
            panic!("{:?}", result.parsed)
        };
        assert_eq!(d.scope.unwrap().value, "payments");
        let got: Vec<(&str, u32)> = d.criteria.iter().map(|c| (c.value.as_str(), c.loc.span.line)).collect();
        assert_eq!(got, [("Code reviewed", 7), ("Tests *pass*", 8)]);
        let bad = "---\nkind: definition-of-done\nowner: po\n---\n- x\n";
        let result = parse(FileId(0), "definition-of-done.md", bad.as_bytes(), None, None);
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
            let result = parse(FileId(0), rel, wrap(&yaml).as_bytes(), Some(kind), None);
            assert!(
                result.problems.iter().all(|p| !p.message.contains("unknown field")),
                "{kind:?}: {:?}",
                result.problems
            );
            yaml.push_str("zzz: 1\n");
            let result = parse(FileId(0), rel, wrap(&yaml).as_bytes(), Some(kind), None);
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
            |path: &str, text: String, kind: Kind| parse(FileId(0), path, text.as_bytes(), Some(kind), None).problems;
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
        let result = parse(FileId(0), "definition-of-done.md", text.as_bytes(), None, None);
        let messages: Vec<&str> = result.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages, ["a definition of done lists no criteria"]);
        assert_eq!(result.problems[0].kind, ProblemKind::InvalidField);
    }

    #[test]
    fn an_id_written_null_is_no_id() {
        // A role's and a Markdown item's file name gives the id.
        let role = parse(
            FileId(0),
            "roles/cart-po.md",
            b"---\nid: ~\nholders: [d]\n---\n",
            Some(Kind::Role),
            None,
        );
        let Some(Parsed::Role(r)) = role.parsed else {
            panic!("{:?}", role.problems)
        };
        assert_eq!(r.id.value, "cart-po");
        assert!(role.problems.is_empty(), "{:?}", role.problems);
        let item = parse(
            FileId(0),
            "backlog/EX-1.md",
            b"---\nid: ~\ntitle: T\n---\n",
            Some(Kind::BacklogItem),
            None,
        );
        let Some(Parsed::Items(items)) = item.parsed else {
            panic!("{:?}", item.problems)
        };
        assert_eq!(items[0].id.value, "EX-1");
        // An item of a backlog list has no file name of its own to give it.
        let list = parse(
            FileId(0),
            "backlog/items.yaml",
            b"items:\n  - {id: ~, title: T}\n",
            Some(Kind::Backlog),
            None,
        );
        let messages: Vec<&str> = list.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages, ["a backlog item is missing the required field `id`"]);
    }

    #[test]
    fn role_type_defaults_to_the_id_and_level_is_checked() {
        let role = parse(
            FileId(0),
            "roles/cart-po.md",
            b"---\nholders: [d]\n---\n",
            Some(Kind::Role),
            None,
        );
        let Some(Parsed::Role(r)) = role.parsed else { panic!() };
        assert_eq!(r.types[0].value, "cart-po");
        let role = parse(
            FileId(0),
            "roles/cart-po.md",
            b"---\ntype: product-owner\nholders: [d]\n---\n",
            Some(Kind::Role),
            None,
        );
        let Some(Parsed::Role(r)) = role.parsed else { panic!() };
        assert_eq!(r.types[0].value, "product-owner");
        let catalog = parse(
            FileId(0),
            "responsibilities.yaml",
            b"kind: catalog\nresponsibilities:\n  - {id: a, title: A, level: squad}\n",
            None,
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
                let _ = parse(FileId(0), "backlog/x.md", &bytes, kind, None);
                let _ = parse(FileId(0), "backlog/x.yaml", &bytes, kind, None);
                let settings = BacklogMd { statuses: vec!["Review".into()], definition_of_done: Vec::new() };
                let _ = parse(FileId(0), "backlog/archive/tasks/x.md", &bytes, kind, Some(&settings));
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
            let result = parse(FileId(0), "backlog/tasks/task-1.md", text.as_bytes(), Some(Kind::BacklogItem), Some(&settings));
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
                let result = parse(FileId(0), "roles/x-1.md", text.as_bytes(), Some(kind), None);
                offsets_match_lines(&text, &result);
            }
        }
    }
}
