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
//! among the notices shown. With a baseline, a first notice says how many it hid.
//!
//! The job summary gets the heading, the tables and a table of the findings not
//! annotated. The runner drops a summary over 1 MiB whole, counting what earlier steps
//! wrote to the file, so what pmpo appends is cut at a line to fit what is left, and the
//! notice says where the findings not annotated can truly be read.

use std::fmt::Write as _;
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
        if !report.model.without.is_empty() {
            let note = format!(
                "checked as if {} held no role (--without)",
                report.model.without.join(", ")
            );
            let _ = writeln!(text, "::notice title=pmpo what if::{}", github_data(&clean(&note)));
        }
        let shown = shown(report.findings, usize::from(baseline.is_some()));
        let ordered = in_order(report.findings);
        let not_annotated = shown.left_out(&ordered);
        let not_annotated = not_annotated.as_slice();
        // The summary is laid out first: the notice says what it holds.
        let summary = self
            .summary
            .as_ref()
            .map(|path| (path, Summary::of(report, &places, not_annotated, already(path))));
        // The notice goes before the infos, so that it is among the notices shown.
        let notice = (!not_annotated.is_empty()).then(|| {
            let said = Self::notice(report, summary.as_ref().map(|(_, s)| s), not_annotated.len());
            format!("::notice title=pmpo::{}\n", github_data(&said))
        });
        let first_info = ordered.iter().position(|f| f.severity == Severity::Info);
        for (i, f) in ordered.iter().enumerate() {
            if Some(i) == first_info
                && let Some(notice) = &notice
            {
                text.push_str(notice);
            }
            text.push_str(&Self::line(f, anchors.place(f).as_ref(), &mut places));
            text.push('\n');
        }
        if first_info.is_none()
            && let Some(notice) = &notice
        {
            text.push_str(notice);
        }
        out.write_all(text.as_bytes())?;
        if let Some((path, summary)) = summary
            && !summary.text.is_empty()
        {
            // Other steps write to the same summary: append, never truncate.
            crate::write::append(path, summary.text.as_bytes())
                .map_err(|e| io::Error::new(e.kind(), format!("GITHUB_STEP_SUMMARY `{}`: {e}", path.display())))?;
        }
        Ok(())
    }
}

impl Github {
    /// The notice for the findings the runner will not annotate, saying truly where they
    /// can be read.
    fn notice(report: &Report<'_>, summary: Option<&Summary>, count: usize) -> String {
        let mut text = format!(
            "{count} findings are not annotated: GitHub annotates {SHOWN_PER_LEVEL} errors, {SHOWN_PER_LEVEL} \
             warnings and {SHOWN_PER_LEVEL} notices a step. This log has every one"
        );
        match summary {
            Some(s) if s.listed == count => {
                text.push_str("; the job summary lists them in its table \"Findings not annotated\"");
            }
            Some(s) if s.listed > 0 => {
                let _ = write!(text, "; the job summary lists the first {} of them", s.listed);
            }
            _ => {}
        }
        // Said the same whatever else the run writes: a report is the same bytes alone.
        let _ = write!(
            text,
            "; the SARIF report (`--format sarif`) and `pmpo check {}` have them all",
            clean(&report.root)
        );
        text.push('.');
        text
    }
}

/// The findings in the order the commands are written: errors, then warnings, then
/// infos, each in the finding order.
fn in_order(findings: &[Finding]) -> Vec<&Finding> {
    let mut ordered: Vec<&Finding> = findings.iter().collect();
    ordered.sort_by_key(|f| std::cmp::Reverse(f.severity));
    ordered
}

/// The most a job summary may hold: GitHub drops a larger one whole (1 MiB). What
/// earlier steps wrote counts.
const SUMMARY_BYTES: usize = 1024 * 1024;

/// How many bytes the summary file holds already.
fn already(path: &std::path::Path) -> usize {
    usize::try_from(crate::write::size(path)).unwrap_or(usize::MAX)
}

/// What pmpo appends to the job summary, within what is left of [`SUMMARY_BYTES`].
struct Summary {
    text: String,
    /// How many of the findings not annotated it lists.
    listed: usize,
}

impl Summary {
    fn of(report: &Report<'_>, places: &Places<'_>, not_annotated: &[&Finding], already: usize) -> Summary {
        const CUT: &str = "\n_Cut short here to keep the job summary within GitHub's 1 MiB._\n";
        // One byte for the closing line break.
        let room = SUMMARY_BYTES.saturating_sub(already).saturating_sub(1);
        let head = markdown::heading(report);
        if head.len() + CUT.len() > room {
            return Summary {
                text: String::new(),
                listed: 0,
            };
        }
        let mut text = head;
        let tables = markdown::tables(report);
        if text.len() + tables.len() + CUT.len() > room {
            text.push_str(cut_at_line(&tables, room - text.len() - CUT.len()));
            text.push_str(CUT);
            text.push('\n');
            return Summary { text, listed: 0 };
        }
        text.push_str(&tables);
        let mut listed = 0;
        if !not_annotated.is_empty() {
            let mut table = String::from("### Findings not annotated\n\n");
            let _ = writeln!(table, "| {} |", markdown::FINDINGS_HEADER.join(" | "));
            let _ = writeln!(table, "|{}", " --- |".repeat(markdown::FINDINGS_HEADER.len()));
            if text.len() + table.len() + CUT.len() <= room {
                for f in not_annotated {
                    let row = markdown::finding_row(f, places);
                    if text.len() + table.len() + row.len() + CUT.len() > room {
                        break;
                    }
                    table.push_str(&row);
                    listed += 1;
                }
                if listed > 0 {
                    text.push_str(&table);
                }
            }
            if listed < not_annotated.len() {
                text.push_str(CUT);
            }
        }
        text.push('\n');
        Summary { text, listed }
    }
}

/// The longest start of `text` that ends at a line break and has at most `max` bytes.
fn cut_at_line(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].rfind('\n').map_or("", |at| &text[..=at])
}

/// How many findings of each severity the runner shows as annotations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Shown {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Shown {
    #[cfg(test)]
    fn total(self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// The findings of `ordered` past what the runner annotates of their severity.
    fn left_out<'f>(self, ordered: &[&'f Finding]) -> Vec<&'f Finding> {
        let mut room = [self.errors, self.warnings, self.infos];
        let mut left = Vec::new();
        for f in ordered {
            let slot = match f.severity {
                Severity::Error => &mut room[0],
                Severity::Warning => &mut room[1],
                Severity::Info => &mut room[2],
            };
            if *slot == 0 {
                left.push(*f);
            } else {
                *slot -= 1;
            }
        }
        left
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
    fn a_cut_ends_at_a_line_within_the_limit() {
        assert_eq!(cut_at_line("short\n", 100), "short\n");
        let long = "| é row |\n".repeat(1000);
        let cut = cut_at_line(&long, 105);
        assert!(cut.len() <= 105);
        assert!(cut.ends_with("| é row |\n"));
        assert_eq!(cut_at_line("no break", 3), "");
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
