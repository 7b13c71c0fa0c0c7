//! `--format markdown`: the findings and the human tables as GitHub-flavoured Markdown,
//! to paste into a pull-request comment; the `github` format appends the same tables
//! to the job summary.
//!
//! Document text is untrusted: a title may hold `|`, `<script>`, backticks or line
//! breaks. Text cells are escaped so that it renders as the characters it is, and ids go
//! in code spans whose fence outgrows any backticks inside. Paths are relative to the git
//! root, as a reader of a pull request sees them.
//!
//! A GitHub comment holds at most 65,536 characters, so a report stays within
//! [`MAX_CHARS`]: when the whole one would not, the findings are listed worst first
//! (errors, then warnings, then infos) for as long as they fit, and a closing line says
//! how many of each were left out and how to see them all.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::place::Places;
use super::{Emitter, Report, sanitize};
use crate::finding::{Finding, Severity};
use crate::index::CoverageStatus;
use crate::model::Status;

/// The most characters a report has: GitHub's comment limit, with room to spare for
/// a line a workflow adds around it.
pub(crate) const MAX_CHARS: usize = 65_000;

pub struct Markdown {
    /// Only the findings: no tables.
    pub quiet: bool,
}

/// Every kind of line break as `\n`, before `sanitize` would show a CR as an escape.
fn lines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// Untrusted text for a table cell or a line: Markdown and HTML syntax escaped, line
/// breaks as `<br>`, control characters made visible.
pub(crate) fn text(s: &str) -> String {
    let s = sanitize(&lines(s));
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("<br>"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// An id or path as a code span: the fence is one backtick longer than the longest run
/// inside, `|` still needs its backslash inside a table, and line breaks become spaces.
pub(crate) fn code(s: &str) -> String {
    let s = sanitize(&lines(s)).replace('\n', " ").replace('|', "\\|");
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// A message as pmpo's rules write it, with ids between backticks: when the backticks
/// pair up, the quoted parts become code spans and the rest text; any other message is
/// all text. Either way every part is escaped, so a stray backtick in a document's text
/// can misplace a code span but never break out of the cell.
pub(crate) fn prose(s: &str) -> String {
    if !s.matches('`').count().is_multiple_of(2) {
        return text(s);
    }
    s.split('`')
        .enumerate()
        .map(|(i, part)| match (i % 2, part.is_empty()) {
            (0, _) => text(part),
            (_, true) => String::new(),
            _ => code(part),
        })
        .collect()
}

fn codes(ids: &[&str]) -> String {
    ids.iter().map(|id| code(id)).collect::<Vec<_>>().join(", ")
}

fn row(out: &mut String, cells: &[String]) {
    out.push('|');
    for cell in cells {
        let _ = write!(out, " {cell} |");
    }
    out.push('\n');
}

fn table(out: &mut String, heading: &str, header: &[&str], rows: Vec<Vec<String>>) {
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(out, "### {heading}\n");
    row(out, &header.iter().map(|h| (*h).to_string()).collect::<Vec<_>>());
    row(out, &vec!["---".to_string(); header.len()]);
    for r in rows {
        row(out, &r);
    }
    out.push('\n');
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The heading line with the counts.
pub(crate) fn heading(report: &Report<'_>) -> String {
    let c = report.counts();
    format!(
        "## pmpo check: {}, {}, {} in {}\n\n",
        plural(c.errors, "error"),
        plural(c.warnings, "warning"),
        plural(c.infos, "info"),
        plural(report.model.documents, "document"),
    )
}

const FINDINGS_HEADER: [&str; 4] = ["severity", "rule", "where", "message"];

fn finding_row(f: &Finding, places: &Places<'_>) -> String {
    let place = match &f.location {
        Some(l) => code(&format!("{}:{}:{}", places.path(&l.file), l.span.line, l.span.column)),
        None => String::new(),
    };
    let mut message = prose(&f.message);
    if let Some(help) = &f.help {
        let _ = write!(message, "<br>help: {}", prose(help));
    }
    let mut out = String::new();
    row(
        &mut out,
        &[f.severity.as_str().to_string(), code(f.rule), place, message],
    );
    out
}

fn findings(report: &Report<'_>, places: &Places<'_>) -> String {
    let mut out = String::new();
    if report.findings.is_empty() {
        out.push_str("No findings.\n\n");
        return out;
    }
    let rows = report.findings.iter().map(|f| finding_row(f, places)).collect();
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
        plural(errors + warnings + infos, "more finding"),
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(infos, "info"),
        code(&format!("pmpo check {}", report.root)),
    );
    out.push_str(&tables);
    out
}

/// The tables `human` prints, in its order, ending with the coverage summary line.
pub(crate) fn tables(report: &Report<'_>) -> String {
    let mut out = String::new();
    let coverage = report.coverage_grouped();
    // With products, a row names its product or team beside the responsibility.
    let rid = |r: &super::CoverageRow<'_>| match r.scope {
        Some(scope) => format!("{} in {}", code(r.id), code(scope)),
        None => code(r.id),
    };
    for (status, heading) in [
        (CoverageStatus::Orphaned, "Orphaned strategic responsibilities"),
        (CoverageStatus::Unowned, "Unowned responsibilities"),
    ] {
        let rows = coverage
            .iter()
            .filter(|c| c.status == status)
            .map(|r| vec![rid(r), text(r.title), text(r.area), text(&r.why)])
            .collect();
        table(&mut out, heading, &["responsibility", "title", "area", "why"], rows);
    }
    let overlaps = coverage
        .iter()
        .filter_map(|r| {
            let overlap = r.overlap()?;
            Some(vec![
                rid(r),
                codes(&r.accountable),
                codes(&r.responsible),
                overlap.as_str().to_string(),
            ])
        })
        .collect();
    table(
        &mut out,
        "Overlaps",
        &["responsibility", "accountable", "responsible", "kind"],
        overlaps,
    );
    let waived = coverage
        .iter()
        .filter(|c| c.status == CoverageStatus::Waived)
        .map(|r| vec![rid(r), text(r.waiver.unwrap_or(""))])
        .collect();
    table(
        &mut out,
        "Waived responsibilities",
        &["responsibility", "reason"],
        waived,
    );
    let limit = report.model.config.max_load;
    let loads = report
        .overloaded()
        .iter()
        .map(|l| vec![text(l.person), codes(&l.roles), l.load.to_string(), limit.to_string()])
        .collect();
    table(
        &mut out,
        "People over their load",
        &["person", "roles", "load", "limit"],
        loads,
    );
    let trace = report
        .traceability()
        .iter()
        .map(|t| {
            let items = if t.items.is_empty() {
                "none".to_string()
            } else {
                Status::ALL
                    .iter()
                    .filter_map(|s| t.items.get(s).map(|n| format!("{n} {}", s.as_str())))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            vec![code(&t.name()), text(t.title), items, codes(&t.roadmap)]
        })
        .collect();
    table(
        &mut out,
        "Traceability",
        &["goal", "title", "backlog items", "roadmap"],
        trace,
    );
    let _ = writeln!(
        out,
        "**Coverage:** {} (catalog {})",
        super::coverage_summary(&coverage),
        code(&report.model.catalog.name),
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

    #[test]
    fn text_cannot_break_a_table_or_inject_html() {
        assert_eq!(text("a|b"), "a\\|b");
        assert_eq!(text("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
        assert_eq!(text("one\ntwo\r\nthree"), "one<br>two<br>three");
        assert_eq!(text("`x` & *y*"), "\\`x\\` &amp; \\*y\\*");
        assert_eq!(text("café \u{1b}[1m"), "café \\\\u{1b}\\[1m", "renders as the escape");
    }

    #[test]
    fn code_spans_outgrow_the_backticks_inside() {
        assert_eq!(code("product-vision"), "`product-vision`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x``"), "``` `x`` ```");
        assert_eq!(code("a|b\nc"), "`a\\|b c`");
        assert_eq!(code("<b>&"), "`<b>&`", "code spans show HTML as typed");
    }

    #[test]
    fn messages_keep_their_code_spans_when_the_backticks_pair() {
        assert_eq!(prose("add `x: A` to <b>"), "add `x: A` to &lt;b&gt;");
        assert_eq!(prose("a `b` c `d|e`"), "a `b` c `d\\|e`");
        assert_eq!(prose("odd ` one"), "odd \\` one");
        assert_eq!(prose("empty `` pair"), "empty  pair");
    }
}
