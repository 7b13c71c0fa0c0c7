//! `--format markdown`: the findings and the human tables as GitHub-flavoured Markdown,
//! to paste into a pull-request comment; the `github` format appends the same tables
//! to the job summary.
//!
//! Document text is untrusted: a title may hold `|`, `<script>`, backticks or line
//! breaks. Text cells go through [`crate::escape`]'s verbatim Markdown so that it renders
//! as the characters it is, and ids go in code spans whose fence outgrows any backticks
//! inside. Paths are relative to the git root, as a reader of a pull request sees them.
//!
//! The findings are listed worst first (errors, then warnings, then infos). A GitHub
//! comment holds at most 65,536 characters, so a report stays within [`MAX_CHARS`]: when
//! the whole one would not, the findings are listed for as long as they fit, and a
//! closing line says how many of each were left out and how to see them all.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::place::Places;
use super::tables::{self, Medium, Text};
use super::{Emitter, Report};
use crate::escape::{code_verbatim, markdown_verbatim, message_verbatim};
use crate::finding::{Finding, Severity};
use crate::words::plural;

/// The most characters a report has: GitHub's comment limit, with room to spare for
/// a line a workflow adds around it.
pub(crate) const MAX_CHARS: usize = 65_000;

pub(crate) struct Markdown {
    /// Only the findings: no tables.
    pub quiet: bool,
}

fn row(out: &mut String, cells: &[String]) {
    out.push('|');
    for cell in cells {
        let _ = write!(out, " {cell} |");
    }
    out.push('\n');
}

/// The heading line with the counts.
/// The heading line with the counts, and how many findings the baseline hid, which
/// the counts leave out.
pub(crate) fn heading(report: &Report<'_>) -> String {
    let c = report.counts();
    let mut text = format!(
        "## pmpo check: {}, {}, {} in {}\n\n",
        plural(c.errors, "error", "errors"),
        plural(c.warnings, "warning", "warnings"),
        plural(c.infos, "info", "infos"),
        plural(report.model.documents, "document", "documents"),
    );
    if let Some(note) = report.baseline_note(code_verbatim) {
        let _ = write!(text, "{note}.\n\n");
    }
    if !report.model.without.is_empty() {
        let names: Vec<String> = report.model.without.iter().map(|n| code_verbatim(n)).collect();
        let _ = write!(
            text,
            "**What if:** checked as if {} held no role (`--without`).\n\n",
            names.join(", ")
        );
    }
    text
}

pub(crate) const FINDINGS_HEADER: [&str; 4] = ["severity", "rule", "where", "message"];

pub(crate) fn finding_row(f: &Finding, places: &Places<'_>) -> String {
    let place = match &f.location {
        Some(l) => code_verbatim(&format!("{}:{}:{}", places.path(&l.file), l.span.line, l.span.column)),
        None => String::new(),
    };
    let mut message = message_verbatim(&f.message);
    if let Some(help) = &f.help {
        let _ = write!(message, "<br>help: {}", message_verbatim(help));
    }
    let mut out = String::new();
    row(
        &mut out,
        &[f.severity.as_str().to_string(), code_verbatim(f.rule), place, message],
    );
    out
}

fn findings(report: &Report<'_>, places: &Places<'_>) -> String {
    let mut out = String::new();
    if report.findings.is_empty() {
        out.push_str("No findings.\n\n");
        return out;
    }
    // Worst first, as the human report and docs/ci.md say: errors, warnings, infos,
    // each in the sorted order.
    let mut ordered: Vec<&Finding> = report.findings.iter().collect();
    ordered.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let rows = ordered.into_iter().map(|f| finding_row(f, places)).collect();
    findings_table(&mut out, rows);
    out
}

fn findings_table(out: &mut String, rows: Vec<String>) {
    let _ = writeln!(out, "### Findings\n");
    row(out, &FINDINGS_HEADER.map(String::from));
    row(out, &vec!["---".to_string(); FINDINGS_HEADER.len()]);
    for r in rows {
        out.push_str(&r);
    }
    out.push('\n');
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// `text` cut at a line break so that it has at most `max` characters.
fn cut_lines(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        None => text,
        Some((at, _)) => text[..at].rfind('\n').map_or("", |end| &text[..=end]),
    }
}

/// The report when the whole one is over [`MAX_CHARS`]: the tables (cut to half the
/// room if they would take more), then as many findings as fit, worst first.
fn shortened(report: &Report<'_>, places: &Places<'_>, head: &str, tables: &str) -> String {
    const CLOSING_ROOM: usize = 600;
    let room = MAX_CHARS - chars(head) - CLOSING_ROOM;
    let mut tables = tables.to_string();
    if chars(&tables) > room / 2 {
        tables = format!(
            "{}\n_The tables are cut short here to fit a comment._\n",
            cut_lines(&tables, room / 2 - 100)
        );
    }
    let mut budget = room - chars(&tables) - 200;
    let mut rows = Vec::new();
    let mut left = [0usize; 3];
    for (i, severity) in [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .enumerate()
    {
        for f in report.findings.iter().filter(|f| f.severity == severity) {
            let r = finding_row(f, places);
            let n = chars(&r);
            if left.iter().all(|&l| l == 0) && n <= budget {
                budget -= n;
                rows.push(r);
            } else {
                left[i] += 1;
            }
        }
    }
    let mut out = head.to_string();
    findings_table(&mut out, rows);
    let [errors, warnings, infos] = left;
    let _ = writeln!(
        out,
        "**{} left out** ({}, {}, {}) to keep this comment within GitHub's 65,536 characters. \
         Run {} to see them all.\n",
        plural(errors + warnings + infos, "more finding", "more findings"),
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings"),
        plural(infos, "info", "infos"),
        code_verbatim(&format!("pmpo check {}", report.root)),
    );
    out.push_str(&tables);
    out
}

/// A cell of the tables model as Markdown: ids in code spans, document text verbatim.
fn cell(cell: &tables::Cell) -> String {
    match &cell.text {
        Text::Id(id) => code_verbatim(id),
        Text::IdIn(id, scope) => format!("{} in {}", code_verbatim(id), code_verbatim(scope)),
        Text::Ids(ids) => ids.iter().map(|id| code_verbatim(id)).collect::<Vec<_>>().join(", "),
        Text::Prose(text) => markdown_verbatim(text),
        Text::Plain(text) => text.clone(),
    }
}

/// The tables `human` prints ([`tables::of`]), in its order, as pipe tables, ending with
/// the coverage summary line.
pub(crate) fn tables(report: &Report<'_>) -> String {
    let tables = tables::of(report, Medium::Markdown);
    let mut out = String::new();
    for table in &tables.tables {
        let _ = writeln!(out, "### {}\n", table.title);
        row(
            &mut out,
            &table.headings.iter().map(|h| (*h).to_string()).collect::<Vec<_>>(),
        );
        row(&mut out, &vec!["---".to_string(); table.headings.len()]);
        for cells in &table.rows {
            row(&mut out, &cells.iter().map(cell).collect::<Vec<_>>());
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "**Coverage:** {} (catalog {})",
        tables.summary,
        code_verbatim(&tables.catalog),
    );
    out
}

impl Emitter for Markdown {
    fn emit(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let places = Places::new(report);
        let head = heading(report);
        let tables = if self.quiet { String::new() } else { tables(report) };
        let mut doc = head.clone();
        doc.push_str(&findings(report, &places));
        doc.push_str(&tables);
        if chars(doc.trim_end()) > MAX_CHARS {
            doc = shortened(report, &places, &head, &tables);
        }
        out.write_all(doc.trim_end().as_bytes())?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_fall_on_line_breaks() {
        assert_eq!(cut_lines("ab\ncd\nef\n", 7), "ab\ncd\n");
        assert_eq!(cut_lines("ab\ncd\n", 50), "ab\ncd\n");
        assert_eq!(cut_lines("abcdef", 3), "");
        assert_eq!(cut_lines("é\né\n", 3), "é\n", "characters, not bytes");
    }
}
