//! Where a finding sits, as the CI formats (`sarif`, `github`, `junit`, `markdown`) say
//! it: a path relative to the git root, and a region with an end.
//!
//! Findings keep paths relative to the workspace root, which is what a person at a
//! terminal wants. GitHub resolves annotation and code-scanning paths against the
//! repository root, so these formats prefix the workspace's own place in the repository,
//! found by walking up to the nearest `.git` (a directory, or a file in a worktree).
//!
//! A finding knows where its span starts and how many bytes it covers, not where it
//! ends in lines and columns; GitHub's `col` is only allowed when a span sits on one
//! line, so the end has to be counted in the text. The text is read here, lazily, only
//! for files that have findings and within `max_file_bytes`, as the human emitter reads
//! its code frames; a file that cannot be read just gives a region without an end.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::Report;
use crate::finding::Location;

/// A span in lines and 1-based columns (in characters); `end` is exclusive, as SARIF
/// counts it, and unknown when the text could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Extent {
    pub line: u32,
    pub column: u32,
    pub end: Option<(u32, u32)>,
}

impl Extent {
    /// Whether the span is known to start and end on one line.
    pub(crate) fn one_line(self) -> bool {
        self.end.is_some_and(|(line, _)| line == self.line)
    }
}

pub(crate) struct Places<'r> {
    root: &'r Path,
    /// The workspace root relative to the git root: empty, or ending in `/`.
    prefix: String,
    max_bytes: u64,
    texts: HashMap<String, Option<String>>,
}

impl<'r> Places<'r> {
    pub(crate) fn new(report: &Report<'r>) -> Places<'r> {
        Places {
            root: report.root_dir,
            prefix: repo_prefix(report.root_dir),
            max_bytes: u64::try_from(report.model.config.max_file_bytes).unwrap_or(u64::MAX),
            texts: HashMap::new(),
        }
    }

    /// A workspace-relative path as the git root sees it (the workspace root's when
    /// the workspace is in no git repository).
    pub(crate) fn path(&self, file: &str) -> String {
        format!("{}{file}", self.prefix)
    }

    pub(crate) fn extent(&mut self, loc: &Location) -> Extent {
        let span = loc.span;
        let start = Extent {
            line: span.line.max(1),
            column: span.column.max(1),
            end: None,
        };
        if span.len == 0 {
            return Extent {
                end: Some((start.line, start.column)),
                ..start
            };
        }
        let (root, max) = (self.root, self.max_bytes);
        let text = self.texts.entry(loc.file.clone()).or_insert_with(|| {
            let path = root.join(&loc.file);
            if std::fs::metadata(&path).ok()?.len() > max {
                return None;
            }
            std::fs::read(&path)
                .ok()
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        });
        let Some(text) = text else { return start };
        let (from, to) = (span.offset as usize, span.offset as usize + span.len as usize);
        let Some(covered) = text.get(from..to) else {
            return start;
        };
        Extent {
            end: Some(end_of(start.line, start.column, covered)),
            ..start
        }
    }
}

/// The exclusive end of `covered`, which starts at `line`:`column`. Trailing line
/// breaks do not count: a block that ends with its line ends on that line.
fn end_of(line: u32, column: u32, covered: &str) -> (u32, u32) {
    let covered = covered.trim_end_matches(['\n', '\r']);
    let breaks = u32::try_from(covered.matches('\n').count()).unwrap_or(u32::MAX);
    let chars = |s: &str| u32::try_from(s.chars().count()).unwrap_or(u32::MAX);
    match covered.rfind('\n') {
        None => (line, column.saturating_add(chars(covered))),
        Some(at) => (line.saturating_add(breaks), chars(&covered[at + 1..]) + 1),
    }
}

/// The workspace root relative to the enclosing git root, with `/` and a trailing
/// `/`; empty when the root is the git root or in no repository.
pub(crate) fn repo_prefix(root: &Path) -> String {
    let Ok(canonical) = std::fs::canonicalize(root) else {
        return String::new();
    };
    let Some(git_root) = canonical.ancestors().find(|dir| dir.join(".git").exists()) else {
        return String::new();
    };
    let relative: PathBuf = canonical
        .strip_prefix(git_root)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut prefix = String::new();
    for part in relative.components() {
        prefix.push_str(&part.as_os_str().to_string_lossy());
        prefix.push('/');
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_on_the_same_line_in_characters() {
        assert_eq!(end_of(3, 5, "abc"), (3, 8));
        assert_eq!(end_of(3, 5, "é€x"), (3, 8), "characters, not bytes");
        assert_eq!(end_of(3, 5, "abc\n"), (3, 8), "a trailing break stays on the line");
    }

    #[test]
    fn ends_on_a_later_line() {
        assert_eq!(end_of(2, 3, "a: 1\nb: 22"), (3, 6));
        assert_eq!(end_of(2, 3, "a\r\nbc\r\n\n"), (3, 3));
    }

    #[test]
    fn prefix_is_the_path_below_the_git_root() {
        let base = std::env::temp_dir().join(format!("pmpo-place-{}", std::process::id()));
        let inner = base.join("repo/product/ws");
        std::fs::create_dir_all(&inner).unwrap();
        std::fs::create_dir_all(base.join("repo/.git")).unwrap();
        assert_eq!(repo_prefix(&inner), "product/ws/");
        assert_eq!(repo_prefix(&base.join("repo")), "");
        std::fs::remove_dir_all(base.join("repo/.git")).unwrap();
        // A worktree's `.git` is a file.
        std::fs::write(base.join("repo/product/.git"), "gitdir: elsewhere\n").unwrap();
        assert_eq!(repo_prefix(&inner), "ws/");
        std::fs::remove_dir_all(&base).unwrap();
    }
}
