//! `--format human`: each finding as a miette diagnostic with its code frame, then the
//! coverage tables, then one summary line.
//!
//! The only module that knows miette. Code frames show the text the loader read (no
//! file is opened here), a window of a few lines around each span built from a line
//! index made once per file with findings (see `frame`).

mod groups;
mod shown;

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan};

use self::groups::{Groups, Placed};
use self::shown::{Shown, is_row, severity};
use super::tables::{self, Medium, Text, Tone};
use super::{Emitter, Report};
use crate::escape::terminal;
use crate::finding::{Finding, Location, Severity};
use crate::frame::{LineIndex, Window};
use crate::style::Style;
use crate::words::plural;

pub(crate) struct Human<'r> {
    pub style: Style,
    /// The directory paths in findings are relative to.
    pub root: &'r Path,
    /// Show info-level findings (`-v`); they are counted either way.
    pub verbose: bool,
    /// `--deny warnings`: the summary says when warnings fail the run.
    pub deny_warnings: bool,
}

/// Where a rule stands among causes: a finding of a lower rank often explains findings
/// of a higher one (a document that cannot be read, a misspelt field, a missing vision or
/// catalog, a vacant seat), so within one severity it is printed first.
fn cause_rank(rule: &str) -> u8 {
    match rule {
        "parse-error" => 0,
        "invalid-field" => 1,
        "empty-workspace" | "catalog-not-in-force" | "missing-vision" => 2,
        "duplicate-id" | "unknown-scope" | "unknown-role" | "reporting-cycle" => 3,
        "role-without-holder" | "placeholder-holder" | "unknown-goal" | "unknown-responsibility" => 4,
        _ => 5,
    }
}

/// A frame, and each span mapped into it (`None`: too far from the first to show).
type Framed = (Arc<Window>, Vec<Option<(usize, usize)>>);

/// The texts the loader kept, with a line index made on first use.
struct Sources<'m> {
    /// What turns a root-relative path into one relative to the current directory.
    prefix: String,
    texts: HashMap<&'m str, &'m str>,
    indexes: HashMap<&'m str, LineIndex>,
}

impl<'m> Sources<'m> {
    fn new(model: &'m crate::model::Model, prefix: String) -> Sources<'m> {
        let texts = model
            .files
            .iter()
            .filter_map(|f| Some((f.path.as_ref(), f.text.as_deref()?)))
            .collect();
        Sources {
            prefix,
            texts,
            indexes: HashMap::new(),
        }
    }

    /// A frame of `file` showing `locs`, each mapped into it (`None`: too far away).
    fn window(&mut self, file: &str, locs: &[&Location]) -> Option<Framed> {
        let (&path, &text) = self.texts.get_key_value(file)?;
        let index = self.indexes.entry(path).or_insert_with(|| LineIndex::new(text));
        let spans: Vec<_> = locs
            .iter()
            .map(|l| (l.span.offset as usize, l.span.len as usize))
            .collect();
        let (window, mapped) = Window::new(terminal(&format!("{}{file}", self.prefix)), text, index, &spans);
        Some((Arc::new(window), mapped))
    }
}

impl Sources<'_> {
    /// A root-relative path as the user can open it from the current directory.
    fn shown(&self, file: &str) -> String {
        format!("{}{file}", self.prefix)
    }
}

/// The prefix that makes root-relative paths relative to the current directory, as
/// rustc and ruff print them: the root as the user named it (or as found upward from
/// here), with a trailing `/`; nothing for `.`. An absolute root under the current
/// directory is shortened to the relative path.
fn display_prefix(shown_root: &str, root_dir: &Path) -> String {
    let mut root = shown_root.to_string();
    if root_dir.is_absolute()
        && let Ok(cwd) = std::env::current_dir()
        && let Ok(rel) = root_dir.strip_prefix(&cwd)
    {
        root = rel.to_string_lossy().replace('\\', "/");
    }
    let root = root.trim_start_matches("./");
    if root.is_empty() || root == "." {
        String::new()
    } else if root.ends_with('/') {
        root.to_string()
    } else {
        format!("{root}/")
    }
}

fn label_at(span: (usize, usize), text: Option<&str>) -> LabeledSpan {
    LabeledSpan::new(text.map(terminal), span.0, span.1)
}

/// The most characters of one word shown: frames wrap at spaces only (an id must not
/// break at its hyphen), so a 70,000-character value quoted in a message would otherwise
/// make a 70,000-column line.
const LONGEST_WORD: usize = 120;

/// `text` with every word longer than [`LONGEST_WORD`] cut in its middle with `…`.
fn unbroken(text: &str) -> String {
    if !text.split_whitespace().any(|w| w.chars().count() > LONGEST_WORD) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len().min(4096));
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let n = word.chars().count();
        if n > LONGEST_WORD {
            let keep = LONGEST_WORD / 2;
            out.extend(word.chars().take(keep));
            out.push('…');
            out.extend(word.chars().skip(n - keep));
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// `file` as shown (relative to the current directory) with the place's line and column.
fn at(shown: &str, loc: &Location) -> String {
    format!("{}:{}:{}", terminal(shown), loc.span.line, loc.span.column)
}

impl Human<'_> {
    fn shown(f: &Finding, sources: &mut Sources<'_>) -> Shown {
        let mut message = unbroken(&terminal(&f.message));
        let mut labels = Vec::new();
        // Related places in the finding's own file share its frame when near enough;
        // the rest are shown as related diagnostics with a frame of their own.
        let mut placed = vec![false; f.related.len()];
        let mut source = None;
        if let Some(loc) = &f.location {
            let same: Vec<usize> = (0..f.related.len())
                .filter(|&i| f.related[i].0.file == loc.file)
                .collect();
            let mut locs = vec![loc];
            locs.extend(same.iter().map(|&i| &f.related[i].0));
            match sources.window(&loc.file, &locs) {
                Some((window, mapped)) => {
                    if let Some(span) = mapped[0] {
                        labels.push(label_at(span, f.label.as_deref()));
                    }
                    for (&i, span) in same.iter().zip(&mapped[1..]) {
                        if let Some(span) = span {
                            labels.push(label_at(*span, Some(&f.related[i].1)));
                            placed[i] = true;
                        }
                    }
                    source = Some(window);
                }
                None => message = format!("{message}\n  at {}", at(&sources.shown(&loc.file), loc)),
            }
        }
        let others = f.related.iter().zip(placed).filter(|(_, p)| !p).map(|(r, _)| r);
        let related = others
            .into_iter()
            .map(|(loc, text)| {
                let window = sources.window(&loc.file, &[loc]);
                let labels = window
                    .as_ref()
                    .and_then(|(_, mapped)| mapped[0])
                    .map(|span| vec![label_at(span, Some(text))])
                    .unwrap_or_default();
                let message = match &window {
                    Some(_) => format!("{}: {}", terminal(&sources.shown(&loc.file)), terminal(text)),
                    None => format!("{} at {}", terminal(text), at(&sources.shown(&loc.file), loc)),
                };
                Shown {
                    message,
                    code: "",
                    severity: miette::Severity::Advice,
                    help: None,
                    source: window.map(|(w, _)| w),
                    labels,
                    related: Vec::new(),
                }
            })
            .collect();
        Shown {
            message,
            code: f.rule,
            severity: severity(f.severity),
            help: f.help.as_deref().map(|h| unbroken(&terminal(h))),
            source,
            labels,
            related,
        }
    }

    fn table(&self, header: &[&str]) -> Table {
        let mut t = Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(u16::try_from(self.style.width).unwrap_or(u16::MAX));
        if !self.style.color {
            t.force_no_tty();
        }
        t.set_header(header.iter().map(|h| {
            let c = Cell::new(h);
            if self.style.color {
                c.add_attribute(comfy_table::Attribute::Bold)
            } else {
                c
            }
        }));
        if let Some(first) = t.column_mut(0) {
            first.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
        t
    }

    /// A cell of the tables model: escaped for the terminal, in its tone's colour.
    fn cell(&self, cell: &tables::Cell) -> Cell {
        let text = match &cell.text {
            Text::Id(text) | Text::Prose(text) => terminal(text),
            Text::IdIn(id, scope) => terminal(&format!("{id} in {scope}")),
            Text::Ids(ids) => terminal(&ids.join(", ")),
            Text::Plain(text) => text.clone(),
        };
        let color = match cell.tone {
            Tone::Plain => None,
            Tone::Error => Some(Color::Red),
            Tone::Warning => Some(Color::Yellow),
            Tone::Info => Some(Color::Blue),
        };
        match color {
            Some(color) if self.style.color => Cell::new(text).fg(color),
            _ => Cell::new(text),
        }
    }

    /// The tables ([`tables::of`]) drawn with comfy-table, each with its help under it,
    /// then the coverage summary line.
    fn tables(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let tables = tables::of(report, Medium::Terminal);
        for table in &tables.tables {
            let mut t = self.table(&table.headings);
            for row in &table.rows {
                t.add_row(row.iter().map(|c| self.cell(c)).collect::<Vec<_>>());
            }
            writeln!(out, "{}\n{t}", terminal(&table.title))?;
            match &table.help {
                Some(help) => writeln!(out, "  help: {}\n", terminal(help))?,
                None => writeln!(out)?,
            }
        }
        writeln!(
            out,
            "Coverage: {} (catalog {})",
            tables.summary,
            terminal(&tables.catalog),
        )
    }
}

impl Human<'_> {
    /// The findings to print as diagnostics, in order (CLI.md): parse errors first (a
    /// document that cannot be read explains much of what follows), then errors, then
    /// warnings, then infos; within each, causes before their consequences
    /// ([`cause_rank`]), then the sorted order. Infos only when `verbose`; table rows only
    /// when no table shows them.
    fn shown_in_order(findings: &[Finding], verbose: bool, tables: bool) -> Vec<&Finding> {
        let mut shown: Vec<&Finding> = findings
            .iter()
            .filter(|f| (verbose || f.severity != Severity::Info) && !(tables && is_row(f)))
            .collect();
        // Stable: the sorted order stays within one rank.
        shown.sort_by_key(|f| {
            (
                f.rule != "parse-error",
                std::cmp::Reverse(f.severity),
                cause_rank(f.rule),
            )
        });
        shown
    }

    fn render(
        handler: &GraphicalReportHandler,
        f: &Finding,
        sources: &mut Sources<'_>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let shown = Self::shown(f, sources);
        Self::render_shown(handler, f, &shown, out)
    }

    fn render_shown(
        handler: &GraphicalReportHandler,
        f: &Finding,
        shown: &Shown,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut text = String::new();
        if handler.render_report(&mut text, shown).is_err() {
            text = format!("{}: {}\n", f.rule, shown.message);
        }
        writeln!(out, "{text}")
    }

    /// What the baseline hid, and its entries that match nothing any more.
    fn baseline(&self, b: &crate::baseline::Applied, out: &mut dyn Write) -> io::Result<()> {
        let file = terminal(&b.file);
        if b.written {
            writeln!(
                out,
                "Baseline: recorded {} in {file}",
                plural(b.hidden, "finding", "findings")
            )?;
        } else {
            writeln!(
                out,
                "Baseline: {} hidden by {file}",
                plural(b.hidden, "finding", "findings")
            )?;
        }
        if b.stale.is_empty() {
            return Ok(());
        }
        let mut t = self.table(&["rule", "subject", "file", "message"]);
        for e in &b.stale {
            t.add_row(vec![
                Cell::new(terminal(&e.rule)),
                Cell::new(terminal(e.subject.as_deref().unwrap_or("-"))),
                Cell::new(terminal(e.file.as_deref().unwrap_or("-"))),
                Cell::new(terminal(&e.message)),
            ]);
        }
        writeln!(
            out,
            "Stale baseline entries ({} no longer found; `--write-baseline {file}` drops them)\n{t}",
            b.stale.len()
        )
    }
}

impl Human<'_> {
    /// The miette handler every diagnostic is rendered with.
    fn handler(&self) -> GraphicalReportHandler {
        let theme = if self.style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        GraphicalReportHandler::new_themed(theme)
            .with_width(self.style.width)
            .with_links(false)
            // Wrap at spaces only: an id like `scope-tradeoffs` must never break at its hyphen.
            .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
            .with_break_words(false)
            .with_show_related_as_nested(true)
    }

    /// The findings as diagnostics, in order, those sharing one cause as one.
    fn diagnostics(
        &self,
        report: &Report<'_>,
        handler: &GraphicalReportHandler,
        sources: &mut Sources<'_>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let ordered = Self::shown_in_order(report.findings, self.verbose, !self.style.quiet);
        let groups = Groups::of(&ordered, &display_prefix(&report.root, self.root));
        for (i, f) in ordered.iter().enumerate() {
            match groups.at(i) {
                Placed::Alone => Self::render(handler, f, sources, out)?,
                Placed::Leads(group) => Self::render_shown(handler, f, &group.shown(f), out)?,
                Placed::Follows => {}
            }
        }
        Ok(())
    }

    /// Under `-v`, the files the walk skipped.
    fn skipped(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        if !self.verbose || report.model.skipped.is_empty() {
            return Ok(());
        }
        let prefix = display_prefix(&report.root, self.root);
        writeln!(
            out,
            "\nSkipped (only a `**/` convention matches them, and they carry no pmpo fields):"
        )?;
        for &file in &report.model.skipped {
            let path = terminal(report.model.path(file));
            writeln!(out, "  {prefix}{path}")?;
        }
        writeln!(out)
    }

    /// The closing line: the counts, what the baseline hid, and the time taken.
    fn summary(&self, report: &Report<'_>) -> String {
        let c = report.counts();
        let infos = if c.infos > 0 && !self.verbose {
            format!("{} (-v shows them)", plural(c.infos, "info", "infos"))
        } else {
            plural(c.infos, "info", "infos")
        };
        let warnings = if self.deny_warnings && c.warnings > 0 {
            format!(
                "{} (denied: they fail the run)",
                plural(c.warnings, "warning", "warnings")
            )
        } else {
            plural(c.warnings, "warning", "warnings")
        };
        // What the baseline hid is counted here too: an "0 errors" run may hide twenty.
        let accepted = match report.baseline {
            Some(b) if b.written => format!("; {} recorded in the baseline", plural(b.hidden, "finding", "findings")),
            Some(b) => format!("; {} accepted by the baseline", plural(b.hidden, "finding", "findings")),
            None => String::new(),
        };
        format!(
            "pmpo: {}, {warnings}, {infos} in {}{accepted} ({:.2}s)",
            plural(c.errors, "error", "errors"),
            plural(report.model.documents, "document", "documents"),
            report.elapsed.as_secs_f64()
        )
    }
}

impl Emitter for Human<'_> {
    fn emit(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let handler = self.handler();
        let mut sources = Sources::new(report.model, display_prefix(&report.root, self.root));
        // What if: said first, so nobody reads the report as the organisation today.
        if !report.model.without.is_empty() {
            let names: Vec<String> = report.model.without.iter().map(|n| terminal(n)).collect();
            writeln!(
                out,
                "What if: checked as if {} held no role (--without)\n",
                names.join(", ")
            )?;
        }
        // An empty workspace is the whole story: everything else follows from it.
        if let Some(empty) = report.findings.iter().find(|f| f.rule == "empty-workspace") {
            return Self::render(&handler, empty, &mut sources, out);
        }
        self.diagnostics(report, &handler, &mut sources, out)?;
        if self.style.quiet {
            return Ok(());
        }
        self.tables(report, out)?;
        self.skipped(report, out)?;
        if let Some(b) = report.baseline {
            self.baseline(b, out)?;
        }
        writeln!(out, "{}", self.summary(report))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use miette::SourceCode;

    #[test]
    fn a_very_long_word_is_cut_in_its_middle() {
        let long = "x".repeat(70_000);
        let shown = unbroken(&format!("unknown status `{long}`\nnext line"));
        assert!(shown.lines().all(|l| l.chars().count() < 200), "{}", shown.len());
        assert!(shown.starts_with("unknown status `xxx") && shown.ends_with("xx`\nnext line"));
        assert!(shown.contains('…'));
        assert_eq!(unbroken("short words stay"), "short words stay");
    }

    #[test]
    fn snippets_are_whole_lines_without_context_and_labels_pass_through() {
        let text = "---\nid: LNK-201\ntitle: t\n---\n";
        let index = LineIndex::new(text);
        let (w, mapped) = Window::new("a.md".into(), text, &index, &[(8, 7), (8, 16)]);
        let (label, both) = (mapped[0].unwrap(), mapped[1].unwrap());
        let label = miette::SourceSpan::from(label); // `LNK-201`
        let body = w.read_span(&label, 1, 1).unwrap();
        assert_eq!(std::str::from_utf8(body.data()).unwrap(), "id: LNK-201");
        assert_eq!(body.line(), 1);
        let head = w.read_span(&label, 0, 0).unwrap();
        assert_eq!(head.column(), 4, "the frame's header points at the label itself");
        // Two labels on lines 2 and 3: both lines, nothing around them.
        let both = w.read_span(&miette::SourceSpan::from(both), 1, 1).unwrap();
        assert_eq!(std::str::from_utf8(both.data()).unwrap(), "id: LNK-201\ntitle: t");
    }
}
