//! `--format concise`: one line a finding, `PATH:LINE:COL: SEVERITY [RULE] MESSAGE`,
//! infos included, for grep and editors' problem matchers.
//!
//! Paths are relative to the current directory (the workspace root as the user named it,
//! joined with the finding's path), so that they open as printed, as rustc's and ruff's
//! do. A finding without a place in a document is put on the most relevant real file
//! ([`Anchors`]). A message is one line: line breaks become spaces and control
//! characters are made visible, since the line goes to a terminal.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::anchor::Anchors;
use super::{Emitter, Report};
use crate::escape;

pub(crate) struct Concise;

/// `file` (relative to the root) as seen from the current directory.
pub(crate) fn from_cwd(root: &str, file: &str) -> String {
    match root.trim_end_matches('/') {
        "" if root.starts_with('/') => format!("/{file}"),
        "." | "" => file.to_string(),
        root => format!("{root}/{file}"),
    }
}

/// A text on the one line concise gives a finding: line breaks fold to spaces (unlike
/// [`escape::terminal_line`], which shows them escaped), anything else hidden is escaped.
fn folded_line(s: &str) -> String {
    escape::terminal(&s.replace("\r\n", " ").replace(['\n', '\r'], " "))
}

/// A finding's file (relative to the root), line and column, as printed.
type Place = (std::sync::Arc<str>, u32, u32);

impl Emitter for Concise {
    fn emit(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let anchors = Anchors::new(report.model);
        // A finding anchored on a file takes its place among that file's lines, so that
        // the lines stay in (file, line, column) order as printed; the sort is stable.
        let mut placed: Vec<(Option<Place>, &crate::finding::Finding)> = report
            .findings
            .iter()
            .map(|f| {
                let place = anchors
                    .place(f)
                    .map(|loc| (loc.file.clone(), loc.span.line.max(1), loc.span.column.max(1)));
                (place, f)
            })
            .collect();
        placed.sort_by(|a, b| a.0.cmp(&b.0));
        let mut text = String::new();
        for (place, f) in placed {
            let (path, line, column) = match place {
                Some((file, line, column)) => (from_cwd(&report.root, &file), line, column),
                None => (report.root.clone(), 1, 1),
            };
            let _ = writeln!(
                text,
                "{}:{line}:{column}: {} [{}] {}",
                folded_line(&path),
                f.severity.as_str(),
                f.rule,
                folded_line(&f.message)
            );
        }
        out.write_all(text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join_the_root_as_named() {
        assert_eq!(from_cwd(".", "roles/po.md"), "roles/po.md");
        assert_eq!(from_cwd("examples/acme", "vision.md"), "examples/acme/vision.md");
        assert_eq!(from_cwd("../ws/", "vision.md"), "../ws/vision.md");
        assert_eq!(from_cwd("/", "vision.md"), "/vision.md");
    }

    #[test]
    fn a_message_stays_on_one_line() {
        assert_eq!(folded_line("a\nb\r\nc\rd"), "a b c d");
        assert_eq!(folded_line("x\u{1b}[2J"), "x\\u{1b}[2J");
    }
}
