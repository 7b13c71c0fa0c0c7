//! Where a finding sits, as the CI formats (`sarif`, `github`, `junit`, `markdown`) say
//! it: a path relative to the git root, and a region with an end.
//!
//! Findings keep paths relative to the workspace root, which is what a person at a
//! terminal wants. GitHub resolves annotation and code-scanning paths against the
//! repository root, so these formats prefix the workspace's own place in the repository,
//! which the loader's walk found ([`crate::model::Model::repo_prefix`]).
//!
//! A finding knows where its span starts and how many bytes it covers, not where it
//! ends in lines and columns; GitHub's `col` is only allowed when a span sits on one
//! line, so the end is found in the text the loader kept, through a line index made
//! once per file with findings (binary search, so any number of findings stays cheap).
//! No file is opened here; a file whose text was not kept gives a region without an end.

use std::collections::HashMap;

use super::Report;
use crate::finding::Location;
use crate::frame::LineIndex;

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
    /// The workspace root relative to the git root: empty, or ending in `/`.
    prefix: String,
    texts: HashMap<&'r str, &'r str>,
    indexes: HashMap<&'r str, LineIndex>,
}

impl<'r> Places<'r> {
    pub(crate) fn new(report: &Report<'r>) -> Places<'r> {
        Places {
            prefix: report.model.repo_prefix.clone(),
            texts: report
                .model
                .files
                .iter()
                .filter_map(|f| Some((f.path.as_ref(), f.text.as_deref()?)))
                .collect(),
            indexes: HashMap::new(),
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
        let Some((&path, &text)) = self.texts.get_key_value(loc.file.as_ref()) else {
            return start;
        };
        let index = self.indexes.entry(path).or_insert_with(|| LineIndex::new(text));
        let (from, to) = (span.offset as usize, span.offset as usize + span.len as usize);
        let Some(covered) = text.get(from..to) else {
            return start;
        };
        Extent {
            end: Some(end_of(index, text, from, covered)),
            ..start
        }
    }
}

/// The exclusive end of `covered`, which starts at byte `from` of `text`. Trailing
/// line breaks do not count: a block that ends with its line ends on that line.
fn end_of(index: &LineIndex, text: &str, from: usize, covered: &str) -> (u32, u32) {
    let covered = covered.trim_end_matches(['\n', '\r']);
    index.position(text, from + covered.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end(text: &str, from: usize, len: usize) -> (u32, u32) {
        end_of(&LineIndex::new(text), text, from, &text[from..from + len])
    }

    #[test]
    fn ends_on_the_same_line_in_characters() {
        assert_eq!(end("xxxxabc", 4, 3), (1, 8));
        assert_eq!(end("xxxxé€x", 4, 6), (1, 8), "characters, not bytes");
        assert_eq!(end("xxxxabc\n", 4, 4), (1, 8), "a trailing break stays on the line");
    }

    #[test]
    fn ends_on_a_later_line() {
        assert_eq!(end("0\nxxa: 1\nb: 22", 4, 10), (3, 6));
        assert_eq!(end("0\nxxa\r\nbc\r\n\n", 4, 8), (3, 3));
    }
}
