//! `--format github`: one GitHub Actions workflow command per finding, which the runner
//! turns into an annotation on the pull request's diff, and the tables in Markdown
//! appended to the job summary when `GITHUB_STEP_SUMMARY` names one.
//!
//! Escaping is exactly `@actions/core`'s (`escapeData`, `escapeProperty`): a message can
//! hold any text and still be one command on one line, and a path with `,` or `:` stays
//! one property. `col` and `endColumn` are written only when the finding sits on one
//! line, because GitHub refuses columns on a multi-line annotation. Paths are relative
//! to the git root, as the runner resolves them; a finding without a file is annotated
//! on `pmpo.yaml`, or on the run itself when there is none. Control characters from
//! documents are made visible first, as for a terminal: the log renders ANSI escapes.

use std::fmt::Write as _;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::PathBuf;

use super::place::{Anchor, Places};
use super::{Emitter, Report, markdown, sanitize};
use crate::finding::{Finding, Severity};

pub struct Github {
    /// The job summary file to append the tables to: `GITHUB_STEP_SUMMARY`.
    pub summary: Option<PathBuf>,
}

/// A command's message, as `escapeData` does it.
pub(crate) fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A command's property value, as `escapeProperty` does it.
pub(crate) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Document text on its way into a log that renders terminal escapes: control
/// characters made visible (a CR LF counts as the line break it means).
fn clean(s: &str) -> String {
    sanitize(&s.replace("\r\n", "\n"))
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

impl Github {
    fn line(f: &Finding, places: &mut Places<'_>, anchor: &Anchor) -> String {
        let mut props = Vec::new();
        match (&f.location, anchor) {
            (Some(loc), _) => {
                let extent = places.extent(loc);
                props.push(format!("file={}", escape_property(&clean(&places.path(&loc.file)))));
                props.push(format!("line={}", extent.line));
                match extent.end {
                    Some((_, end_column)) if extent.one_line() => {
                        props.push(format!("col={}", extent.column));
                        if end_column > extent.column {
                            props.push(format!("endColumn={end_column}"));
                        }
                    }
                    Some((end_line, _)) => props.push(format!("endLine={end_line}")),
                    None => {}
                }
            }
            (None, Anchor::File(path)) => {
                props.push(format!("file={}", escape_property(&clean(path))));
                props.push("line=1".into());
            }
            (None, Anchor::Dir(_)) => {}
        }
        let title = match f.scope.as_deref() {
            Some(scope) => format!("pmpo {} ({scope})", f.rule),
            None => format!("pmpo {}", f.rule),
        };
        props.push(format!("title={}", escape_property(&title)));
        let mut message = f.message.clone();
        for (loc, label) in &f.related {
            let _ = write!(
                message,
                "\n{}:{}:{}: {label}",
                places.path(&loc.file),
                loc.span.line,
                loc.span.column
            );
        }
        if let Some(help) = &f.help {
            let _ = write!(message, "\nhelp: {help}");
        }
        format!(
            "::{} {}::{}",
            command(f.severity),
            props.join(","),
            escape_data(&clean(&message))
        )
    }
}

impl Emitter for Github {
    fn emit(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut places = Places::new(report);
        let anchor = places.anchor();
        for f in report.findings {
            writeln!(out, "{}", Self::line(f, &mut places, &anchor))?;
        }
        if let Some(path) = &self.summary {
            let mut text = markdown::heading(report);
            text.push_str(&markdown::tables(report));
            text.push('\n');
            // Other steps write to the same summary: append, never truncate.
            OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .and_then(|mut file| file.write_all(text.as_bytes()))
                .map_err(|e| io::Error::new(e.kind(), format!("GITHUB_STEP_SUMMARY `{}`: {e}", path.display())))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(escape_data("100% done\r\nnext::x, y"), "100%25 done%0D%0Anext::x, y");
        assert_eq!(escape_property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
        assert_eq!(escape_data("%0A"), "%250A", "an escape in the text stays text");
    }
}
