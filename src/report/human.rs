//! `--format human`: each finding as a miette diagnostic with its code frame, then the
//! coverage tables, then one summary line.
//!
//! The only module that knows miette. Code frames show the text the loader read (no
//! file is opened here), a window of a few lines around each span built from a line
//! index made once per file with findings (see `frame`).

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::frame::{LineIndex, Window};
use super::{Emitter, Overlap, Report, Style, sanitize};
use crate::finding::{Finding, Location, Severity};
use crate::index::CoverageStatus;
use crate::model::Status;

pub struct Human<'r> {
    pub style: Style,
    /// The directory paths in findings are relative to.
    pub root: &'r Path,
}

/// A frame, and each span mapped into it (`None`: too far from the first to show).
type Framed = (Arc<Window>, Vec<Option<(usize, usize)>>);

/// The texts the loader kept, with a line index made on first use.
struct Sources<'m> {
    texts: HashMap<&'m str, &'m str>,
    indexes: HashMap<&'m str, LineIndex>,
}

impl<'m> Sources<'m> {
    fn new(model: &'m crate::model::Model) -> Sources<'m> {
        let texts = model
            .files
            .iter()
            .filter_map(|f| Some((f.path.as_str(), f.text.as_deref()?)))
            .collect();
        Sources {
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
        let (window, mapped) = Window::new(sanitize(file), text, index, &spans);
        Some((Arc::new(window), mapped))
    }
}

/// A finding as miette sees it.
struct Shown {
    message: String,
    code: &'static str,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<Arc<Window>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Shown>,
}

impl fmt::Debug for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown {}

impl Diagnostic for Shown {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.code.is_empty()).then(|| Box::new(self.code) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_deref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.source.is_none() || self.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.iter().cloned()))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}

fn severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn label_at(span: (usize, usize), text: Option<&str>) -> LabeledSpan {
    LabeledSpan::new(text.map(sanitize), span.0, span.1)
}

fn at(loc: &Location) -> String {
    format!("{}:{}:{}", sanitize(&loc.file), loc.span.line, loc.span.column)
}

impl Human<'_> {
    fn shown(f: &Finding, sources: &mut Sources<'_>) -> Shown {
        let mut message = sanitize(&f.message);
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
                None => message = format!("{message}\n  at {}", at(loc)),
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
                    Some(_) => format!("{}: {}", sanitize(&loc.file), sanitize(text)),
                    None => format!("{} at {}", sanitize(text), at(loc)),
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
            help: f.help.as_deref().map(sanitize),
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

    fn colored(&self, text: String, color: Color) -> Cell {
        let c = Cell::new(text);
        if self.style.color { c.fg(color) } else { c }
    }

    fn tables(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let coverage = report.coverage();
        for (status, heading) in [
            (CoverageStatus::Orphaned, "Orphaned strategic responsibilities"),
            (CoverageStatus::Unowned, "Unowned responsibilities"),
        ] {
            let rows: Vec<_> = coverage.iter().filter(|c| c.status == status).collect();
            if rows.is_empty() {
                continue;
            }
            let mut t = self.table(&["responsibility", "title", "area", "why"]);
            for r in rows {
                t.add_row(vec![
                    self.colored(r.id.to_string(), Color::Red),
                    Cell::new(sanitize(r.title)),
                    Cell::new(sanitize(r.area)),
                    Cell::new(sanitize(&r.why)),
                ]);
            }
            writeln!(out, "{heading}\n{t}\n")?;
        }
        let overlaps: Vec<_> = coverage.iter().filter_map(|c| Some((c, c.overlap()?))).collect();
        if !overlaps.is_empty() {
            let mut t = self.table(&["responsibility", "accountable", "responsible", "kind"]);
            for (r, overlap) in overlaps {
                let color = match overlap {
                    Overlap::MultipleAccountable => Color::Red,
                    Overlap::Shared => Color::Blue,
                };
                t.add_row(vec![
                    Cell::new(r.id),
                    Cell::new(sanitize(&r.accountable.join(", "))),
                    Cell::new(sanitize(&r.responsible.join(", "))),
                    self.colored(overlap.as_str().to_string(), color),
                ]);
            }
            writeln!(out, "Overlaps\n{t}\n")?;
        }
        let waived: Vec<_> = coverage.iter().filter(|c| c.status == CoverageStatus::Waived).collect();
        if !waived.is_empty() {
            let mut t = self.table(&["responsibility", "reason"]);
            for r in waived {
                t.add_row(vec![Cell::new(r.id), Cell::new(sanitize(r.waiver.unwrap_or("")))]);
            }
            writeln!(out, "Waived responsibilities\n{t}\n")?;
        }
        let loads = report.overloaded();
        if !loads.is_empty() {
            let mut t = self.table(&["person", "roles", "load", "limit"]);
            for l in loads {
                t.add_row(vec![
                    Cell::new(sanitize(l.person)),
                    Cell::new(sanitize(&l.roles.join(", "))),
                    self.colored(l.load.to_string(), Color::Yellow),
                    Cell::new(report.model.config.max_load),
                ]);
            }
            writeln!(out, "People over their load\n{t}\n")?;
        }
        let trace = report.traceability();
        if !trace.is_empty() {
            let mut t = self.table(&["goal", "title", "backlog items", "roadmap"]);
            for row in trace {
                let items = if row.items.is_empty() {
                    self.colored("none".to_string(), Color::Yellow)
                } else {
                    let parts: Vec<_> = Status::ALL
                        .iter()
                        .filter_map(|s| row.items.get(s).map(|n| format!("{n} {}", s.as_str())))
                        .collect();
                    Cell::new(parts.join(", "))
                };
                t.add_row(vec![
                    Cell::new(sanitize(row.goal)),
                    Cell::new(sanitize(row.title)),
                    items,
                    Cell::new(sanitize(&row.roadmap.join(", "))),
                ]);
            }
            writeln!(out, "Traceability\n{t}\n")?;
        }
        let covered = coverage.iter().filter(|c| c.status == CoverageStatus::Covered).count();
        let count = |s| coverage.iter().filter(|c| c.status == s).count();
        writeln!(
            out,
            "Coverage: {covered} of {} responsibilities covered; {} orphaned, {} unowned, {} overlapping, {} waived (catalog {})",
            coverage.len(),
            count(CoverageStatus::Orphaned),
            count(CoverageStatus::Unowned),
            count(CoverageStatus::Overlap),
            count(CoverageStatus::Waived),
            sanitize(&report.model.catalog.name),
        )
    }
}

impl Human<'_> {
    /// What the baseline hid, and its entries that match nothing any more.
    fn baseline(&self, b: &crate::baseline::Applied, out: &mut dyn Write) -> io::Result<()> {
        let file = sanitize(&b.file);
        if b.written {
            writeln!(out, "Baseline: recorded {} in {file}", plural(b.hidden, "finding"))?;
        } else {
            writeln!(out, "Baseline: {} hidden by {file}", plural(b.hidden, "finding"))?;
        }
        if b.stale.is_empty() {
            return Ok(());
        }
        let mut t = self.table(&["rule", "subject", "file", "message"]);
        for e in &b.stale {
            t.add_row(vec![
                Cell::new(sanitize(&e.rule)),
                Cell::new(sanitize(e.subject.as_deref().unwrap_or("-"))),
                Cell::new(sanitize(e.file.as_deref().unwrap_or("-"))),
                Cell::new(sanitize(&e.message)),
            ]);
        }
        writeln!(
            out,
            "Stale baseline entries ({} no longer found; `--write-baseline {file}` drops them)\n{t}",
            b.stale.len()
        )
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl Emitter for Human<'_> {
    fn emit(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let theme = if self.style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(self.style.width)
            .with_links(false)
            .with_show_related_as_nested(true);
        let mut sources = Sources::new(report.model);
        for f in report.findings {
            let shown = Self::shown(f, &mut sources);
            let mut text = String::new();
            if handler.render_report(&mut text, &shown).is_err() {
                text = format!("{}: {}\n", f.rule, shown.message);
            }
            writeln!(out, "{text}")?;
        }
        if self.style.quiet {
            return Ok(());
        }
        self.tables(report, out)?;
        if let Some(b) = report.baseline {
            self.baseline(b, out)?;
        }
        let c = report.counts();
        writeln!(
            out,
            "pmpo: {}, {}, {} in {} ({:.2}s)",
            plural(c.errors, "error"),
            plural(c.warnings, "warning"),
            plural(c.infos, "info"),
            plural(report.model.documents, "document"),
            report.elapsed.as_secs_f64()
        )
    }
}
