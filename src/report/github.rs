//! `--format github`: one GitHub Actions workflow command per finding, which the runner
//! turns into an annotation on the pull request's diff, and the tables in Markdown
//! appended to the job summary when `GITHUB_STEP_SUMMARY` names one.
//!
//! Escaping is exactly `@actions/core`'s ([`escape::github_data`],
//! [`escape::github_property`]): a message can hold any text and still be one command on
//! one line, and a path with `,` or `:` stays one property. `col` and `endColumn` are
//! written only when the finding sits on one line, because GitHub refuses columns on a
//! multi-line annotation. Paths are relative to the git root, as the runner resolves
//! them; a finding without a place in a document is annotated on the most relevant real
//! file ([`Anchors`]). Control characters from documents are made visible first
//! ([`escape::terminal`]): the log renders ANSI escapes.
//!
//! The runner turns only the first 10 errors, 10 warnings and 10 notices of a step into
//! annotations. So errors come first, then warnings, then infos, every finding one
//! command (the log keeps them all), and a report over those limits says how many the
//! runner will not annotate in a notice written before the infos, so that it is itself
//! among the notices shown.

use std::fmt::Write as _;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::PathBuf;

use super::anchor::Anchors;
use super::place::Places;
use super::{Emitter, Report, markdown};
use crate::escape::{self, github_data, github_property};
use crate::finding::{Finding, Location, Severity};

/// Annotations the runner shows a step, for each of error, warning and notice.
pub(crate) const SHOWN_PER_LEVEL: usize = 10;

pub(crate) struct Github {
    /// The job summary file to append the tables to: `GITHUB_STEP_SUMMARY`.
    pub summary: Option<PathBuf>,
}

/// Document text on its way into a log that renders terminal escapes: control
/// characters made visible (a CR LF counts as the line break it means).
fn clean(s: &str) -> String {
    escape::terminal(&s.replace("\r\n", "\n"))
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

impl Github {
    fn line(f: &Finding, place: Option<&Location>, places: &mut Places<'_>) -> String {
        let mut props = Vec::new();
        // Without a place (a workspace without a single file): an annotation on the run.
        if let Some(loc) = place {
            let extent = places.extent(loc);
            props.push(format!("file={}", github_property(&clean(&places.path(&loc.file)))));
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
        let title = match f.scope.as_deref() {
            Some(scope) => format!("pmpo {} ({scope})", f.rule),
            None => format!("pmpo {}", f.rule),
        };
        props.push(format!("title={}", github_property(&title)));
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
            github_data(&clean(&message))
        )
    }
}

impl Emitter for Github {
    fn emit(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut places = Places::new(report);
        let anchors = Anchors::new(report.model);
        let mut text = String::new();
        // What the baseline hid is said first, among the notices the runner shows.
        let baseline = report.baseline_note(str::to_string);
        if let Some(note) = &baseline {
            let _ = writeln!(text, "::notice title=pmpo baseline::{}", github_data(&clean(note)));
        }
        let shown = shown(report.findings, usize::from(baseline.is_some()));
        let hidden = report.findings.len() - shown.total();
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            if severity == Severity::Info && hidden > 0 {
                let _ = writeln!(
                    text,
                    "::notice title=pmpo::{}",
                    github_data(&format!(
                        "{hidden} more findings are not annotated: GitHub shows {SHOWN_PER_LEVEL} errors, \
                         {SHOWN_PER_LEVEL} warnings and {SHOWN_PER_LEVEL} notices a step. This log and the job \
                         summary have them all; run `pmpo check {}` or `--format sarif` to see every finding.",
                        report.root
                    ))
                );
            }
            for f in report.findings.iter().filter(|f| f.severity == severity) {
                let place = anchors.place(f);
                text.push_str(&Self::line(f, place.as_ref(), &mut places));
                text.push('\n');
            }
        }
        out.write_all(text.as_bytes())?;
        if let Some(path) = &self.summary {
            let mut text = markdown::heading(report);
            text.push_str(&markdown::tables(report));
            text = within_summary_limit(text);
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

/// The most bytes a step's summary may hold: GitHub refuses a larger one (1 MiB),
/// with room for other steps' lines.
const SUMMARY_BYTES: usize = 1_000_000;

/// `text` cut at a line break to fit [`SUMMARY_BYTES`], with a line saying so.
fn within_summary_limit(text: String) -> String {
    const NOTE: &str = "\n_The tables are cut short here to fit GitHub's job summary._\n";
    if text.len() <= SUMMARY_BYTES {
        return text;
    }
    let mut end = SUMMARY_BYTES - NOTE.len();
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let end = text[..end].rfind('\n').map_or(0, |at| at + 1);
    format!("{}{NOTE}", &text[..end])
}

/// How many findings of each severity the runner shows as annotations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Shown {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Shown {
    fn total(self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// At most [`SHOWN_PER_LEVEL`] of each, less the `reserved` notices pmpo writes itself
/// (the baseline's); when anything is left out, one notice fewer, for the notice that
/// says so.
pub(crate) fn shown(findings: &[Finding], reserved: usize) -> Shown {
    let count = |s| findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings, infos) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
    let room = SHOWN_PER_LEVEL - reserved;
    let over = errors > SHOWN_PER_LEVEL || warnings > SHOWN_PER_LEVEL || infos > room;
    let notices = if over { room - 1 } else { room };
    Shown {
        errors: errors.min(SHOWN_PER_LEVEL),
        warnings: warnings.min(SHOWN_PER_LEVEL),
        infos: infos.min(notices),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(errors: usize, warnings: usize, infos: usize) -> Vec<Finding> {
        let one = |severity| Finding::bare("unowned", severity);
        let mut all = vec![one(Severity::Error); errors];
        all.extend(vec![one(Severity::Warning); warnings]);
        all.extend(vec![one(Severity::Info); infos]);
        all
    }

    #[test]
    fn the_summary_is_cut_at_a_line_within_the_limit() {
        assert_eq!(within_summary_limit("short\n".into()), "short\n");
        let long = "| é row |\n".repeat(SUMMARY_BYTES / 5);
        let cut = within_summary_limit(long);
        assert!(cut.len() <= SUMMARY_BYTES);
        assert!(cut.ends_with("job summary._\n"));
        assert!(cut.lines().rev().nth(2).unwrap().starts_with("| é row |"));
    }

    #[test]
    fn within_the_limits_everything_is_shown() {
        let f = findings(10, 10, 10);
        assert_eq!(shown(&f, 0).total(), 30);
        let s = shown(&f, 1);
        assert_eq!(
            (s.errors, s.warnings, s.infos),
            (10, 10, 8),
            "the baseline's notice and the closing one"
        );
        let s = shown(&findings(0, 0, 9), 1);
        assert_eq!(s.infos, 9, "nine fit beside the baseline's notice");
    }

    #[test]
    fn over_the_limits_a_notice_is_kept_for_the_closing_one() {
        let s = shown(&findings(11, 3, 10), 0);
        assert_eq!((s.errors, s.warnings, s.infos), (10, 3, 9));
        let s = shown(&findings(0, 0, 11), 0);
        assert_eq!((s.errors, s.warnings, s.infos), (0, 0, 9));
    }
}
