//! The readers of the document kinds, one file each: a kind's mapping in, its record
//! out, every wrong field a problem on the way. The catalog's reader lives with the
//! catalog (`catalog::read`), which needs nothing from the loader.

pub(super) mod definition_of_done;
pub(super) mod item;
pub(super) mod people;
pub(super) mod roadmap;
pub(super) mod role;
pub(super) mod vision;

use crate::fields::Mapping;
use crate::fields::Reader;
use crate::model::{FileId, Loc, Sp};
use crate::yaml::Span;

/// A list with each value once, the first spelling kept.
pub(super) fn dedup_sp(list: &mut Vec<Sp<String>>) {
    let mut seen = std::collections::HashSet::new();
    list.retain(|s| seen.insert(s.value.clone()));
}

/// `goals:` or `goal:`, both allowed on items.
pub(super) fn goals(r: &mut Reader<'_>, m: &Mapping<'_>) -> Vec<Sp<String>> {
    let mut goals = Vec::new();
    for field in ["goals", "goal"] {
        goals.extend(m.ids(r, field).into_iter().flatten());
    }
    // Kept for every item of a large backlog: no spare capacity.
    goals.shrink_to_fit();
    goals
}

/// The place of the line at byte `at` of a body that starts at byte `start`, line
/// `line` of its file, spanning that line's text.
pub(super) fn body_loc(file: FileId, text: &str, at: usize, start: usize, line: u32) -> Loc {
    let mut span = span_at(text, at);
    let rest = &text[at..];
    span.len = u32::try_from(rest.lines().next().unwrap_or("").trim_end().len()).unwrap_or(0);
    span.line += line - 1;
    span.offset += u32::try_from(start).unwrap_or(0);
    Loc { file, span }
}

/// The place of the character at byte `offset` of `text`, one byte long.
pub(super) fn span_at(text: &str, offset: usize) -> Span {
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

/// A file's name without its folder and extension: the id a document may default to.
pub(super) fn file_stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}
