//! `--format human`: each finding as a miette diagnostic with its code frame, then the
//! coverage tables, then one summary line.
//!
//! The only module that knows miette. Source text is read here, and only for the files
//! that have findings, so a clean run over 100,000 items reads nothing twice.

use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use super::{Emitter, Overlap, Report, Style, sanitize, sanitize_source};
use crate::finding::{Finding, Location, Severity};
use crate::index::CoverageStatus;
use crate::model::Status;

pub struct Human<'r> {
    pub style: Style,
    /// The directory paths in findings are relative to.
    pub root: &'r Path,
}

/// Source texts for code frames, read on demand.
struct Sources<'r> {
    root: &'r Path,
    max_bytes: u64,
    cache: HashMap<String, Option<Arc<NamedSource<String>>>>,
}

impl Sources<'_> {
    fn get(&mut self, file: &str) -> Option<Arc<NamedSource<String>>> {
        let (root, max) = (self.root, self.max_bytes);
        self.cache
            .entry(file.to_string())
            .or_insert_with(|| {
                let path = root.join(file);
                let len = std::fs::metadata(&path).ok()?.len();
                if len > max {
                    return None;
                }
                let bytes = std::fs::read(&path).ok()?;
                let text = sanitize_source(&String::from_utf8_lossy(&bytes));
                Some(Arc::new(NamedSource::new(sanitize(file), text)))
            })
            .clone()
    }
}

/// A finding as miette sees it.
struct Shown {
    message: String,
    code: &'static str,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<Arc<NamedSource<String>>>,
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

fn label_at(source: &NamedSource<String>, loc: &Location, text: Option<&str>) -> LabeledSpan {
    let len = source.inner().len();
    let offset = (loc.span.offset as usize).min(len);
    let span_len = (loc.span.len as usize).min(len - offset);
    LabeledSpan::new(text.map(sanitize), offset, span_len)
}

impl Human<'_> {
    fn shown(f: &Finding, sources: &mut Sources<'_>) -> Shown {
        let mut message = sanitize(&f.message);
        let source = f.location.as_ref().and_then(|l| sources.get(&l.file));
        let mut labels = Vec::new();
        if let Some(loc) = &f.location {
            match &source {
                Some(src) => labels.push(label_at(src, loc, f.label.as_deref())),
                None => {
                    message = format!(
                        "{message}\n  at {}:{}:{}",
                        sanitize(&loc.file),
                        loc.span.line,
                        loc.span.column
                    );
                }
            }
        }
        let (same_file, other_files): (Vec<_>, Vec<_>) = f
            .related
            .iter()
            .partition(|(loc, _)| source.is_some() && f.location.as_ref().is_some_and(|l| l.file == loc.file));
        if let Some(src) = &source {
            labels.extend(same_file.iter().map(|(loc, text)| label_at(src, loc, Some(text))));
        }
        let related = other_files
            .into_iter()
            .map(|(loc, text)| {
                let src = sources.get(&loc.file);
                let labels = src
                    .as_ref()
                    .map(|s| vec![label_at(s, loc, Some(text))])
                    .unwrap_or_default();
                let message = match &src {
                    Some(_) => format!("{}: {}", sanitize(&loc.file), sanitize(text)),
                    None => format!(
                        "{} at {}:{}:{}",
                        sanitize(text),
                        sanitize(&loc.file),
                        loc.span.line,
                        loc.span.column
                    ),
                };
                Shown {
                    message,
                    code: "",
                    severity: miette::Severity::Advice,
                    help: None,
                    source: src,
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
        let coverage = report.coverage_grouped();
        // With products, each row says which product or team it is about; without them
        // the tables are as they always were.
        let scoped = !report.model.config.scopes.is_empty();
        let with_scope = |headers: &[&'static str]| -> Vec<&'static str> {
            let mut h = headers.to_vec();
            if scoped {
                h.insert(1, "scope");
            }
            h
        };
        let scope_cell = |r: &super::CoverageRow<'_>| Cell::new(sanitize(r.scope.unwrap_or("workspace")));
        for (status, heading) in [
            (CoverageStatus::Orphaned, "Orphaned strategic responsibilities"),
            (CoverageStatus::Unowned, "Unowned responsibilities"),
        ] {
            let rows: Vec<_> = coverage.iter().filter(|c| c.status == status).collect();
            if rows.is_empty() {
                continue;
            }
            let mut t = self.table(&with_scope(&["responsibility", "title", "area", "why"]));
            for r in rows {
                let mut cells = vec![
                    self.colored(r.id.to_string(), Color::Red),
                    Cell::new(sanitize(r.title)),
                    Cell::new(sanitize(r.area)),
                    Cell::new(sanitize(&r.why)),
                ];
                if scoped {
                    cells.insert(1, scope_cell(r));
                }
                t.add_row(cells);
            }
            writeln!(out, "{heading}\n{t}\n")?;
        }
        let overlaps: Vec<_> = coverage.iter().filter_map(|c| Some((c, c.overlap()?))).collect();
        if !overlaps.is_empty() {
            let mut t = self.table(&with_scope(&["responsibility", "accountable", "responsible", "kind"]));
            for (r, overlap) in overlaps {
                let color = match overlap {
                    Overlap::MultipleAccountable => Color::Red,
                    Overlap::Shared => Color::Blue,
                };
                let mut cells = vec![
                    Cell::new(r.id),
                    Cell::new(sanitize(&r.accountable.join(", "))),
                    Cell::new(sanitize(&r.responsible.join(", "))),
                    self.colored(overlap.as_str().to_string(), color),
                ];
                if scoped {
                    cells.insert(1, scope_cell(r));
                }
                t.add_row(cells);
            }
            writeln!(out, "Overlaps\n{t}\n")?;
        }
        let waived: Vec<_> = coverage.iter().filter(|c| c.status == CoverageStatus::Waived).collect();
        if !waived.is_empty() {
            let mut t = self.table(&with_scope(&["responsibility", "reason"]));
            for r in waived {
                let mut cells = vec![Cell::new(r.id), Cell::new(sanitize(r.waiver.unwrap_or("")))];
                if scoped {
                    cells.insert(1, scope_cell(r));
                }
                t.add_row(cells);
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

/// More findings than this with one cause are shown as one line, not one frame each.
const GROUP_ABOVE: usize = 5;

/// Findings that share one cause (rule, severity, message and help) across many files:
/// a repository with 478 task files without frontmatter gets one diagnostic naming the
/// folder, not 478 code frames. Machine formats still list every finding.
struct Groups {
    /// For each finding, the group it belongs to, if any.
    member: Vec<Option<usize>>,
    groups: Vec<Group>,
}

struct Group {
    /// The index of the first finding of the group, where it is shown.
    lead: usize,
    files: Vec<String>,
}

enum Placed<'g> {
    Alone,
    Leads(&'g Group),
    Follows,
}

impl Groups {
    fn of(findings: &[Finding]) -> Groups {
        type Key<'f> = (&'static str, Severity, &'f str, Option<&'f str>);
        let mut by_cause: HashMap<Key<'_>, Vec<usize>> = HashMap::new();
        for (i, f) in findings.iter().enumerate() {
            // Only one-place findings group: a frame with related places says more.
            if f.location.is_some() && f.related.is_empty() {
                let key = (f.rule, f.severity, f.message.as_str(), f.help.as_deref());
                by_cause.entry(key).or_default().push(i);
            }
        }
        let mut member = vec![None; findings.len()];
        let mut groups = Vec::new();
        let mut causes: Vec<Vec<usize>> = by_cause.into_values().filter(|v| v.len() > GROUP_ABOVE).collect();
        causes.sort_unstable();
        let file = |i: usize| findings[i].location.as_ref().map_or("", |l| l.file.as_str());
        for indices in causes {
            for mut indices in by_folder(indices, 0, &file) {
                indices.sort_unstable();
                for &i in &indices {
                    member[i] = Some(groups.len());
                }
                groups.push(Group {
                    lead: indices[0],
                    files: indices.iter().map(|&i| file(i).to_string()).collect(),
                });
            }
        }
        Groups { member, groups }
    }

    fn at(&self, i: usize) -> Placed<'_> {
        match self.member[i].map(|g| &self.groups[g]) {
            None => Placed::Alone,
            Some(group) if group.lead == i => Placed::Leads(group),
            Some(_) => Placed::Follows,
        }
    }
}

/// Split findings of one cause by folder, from `depth` down, so that each group names
/// the narrowest folder that holds more than a handful of them; the rest of a folder
/// stays one group if it is more than a handful itself, else each is shown alone.
fn by_folder<'f>(indices: Vec<usize>, depth: usize, file: &impl Fn(usize) -> &'f str) -> Vec<Vec<usize>> {
    let mut below: std::collections::BTreeMap<&str, Vec<usize>> = std::collections::BTreeMap::new();
    let mut rest = Vec::new();
    for i in indices {
        let parts: Vec<&str> = file(i).split('/').collect();
        // The last part is the file's name: only folders split.
        match parts.get(depth).filter(|_| depth + 1 < parts.len()) {
            Some(dir) => below.entry(dir).or_default().push(i),
            None => rest.push(i),
        }
    }
    let mut out = Vec::new();
    for (_, sub) in below {
        if sub.len() > GROUP_ABOVE {
            out.extend(by_folder(sub, depth + 1, file));
        } else {
            rest.extend(sub);
        }
    }
    if rest.len() > GROUP_ABOVE {
        out.push(rest);
    }
    out
}

impl Group {
    /// The folder all the group's files are under, with `/`; empty at the root.
    fn folder(&self) -> String {
        let mut common: Option<Vec<&str>> = None;
        for file in &self.files {
            let dirs: Vec<&str> = file.split('/').collect();
            let dirs = &dirs[..dirs.len().saturating_sub(1)];
            common = Some(match common {
                None => dirs.to_vec(),
                Some(c) => c
                    .iter()
                    .zip(dirs)
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| *a)
                    .collect(),
            });
        }
        common.unwrap_or_default().join("/")
    }

    fn shown(&self, first: &Finding) -> Shown {
        let folder = self.folder();
        let place = if folder.is_empty() {
            String::new()
        } else {
            format!(" under {}", sanitize(&folder))
        };
        let message = format!("{} files{place}: {}", self.files.len(), sanitize(&first.message));
        let shown_files: Vec<String> = self.files.iter().take(3).map(|f| sanitize(f)).collect();
        let listing = format!(
            "{} and {} more (`--format json` lists every one)",
            shown_files.join(", "),
            self.files.len() - shown_files.len()
        );
        let help = match &first.help {
            Some(h) => format!("{}\n{listing}", sanitize(h)),
            None => listing,
        };
        Shown {
            message,
            code: first.rule,
            severity: severity(first.severity),
            help: Some(help),
            source: None,
            labels: Vec::new(),
            related: Vec::new(),
        }
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
        let mut sources = Sources {
            root: self.root,
            max_bytes: u64::try_from(report.model.config.max_file_bytes).unwrap_or(u64::MAX),
            cache: HashMap::new(),
        };
        let groups = Groups::of(report.findings);
        for (i, f) in report.findings.iter().enumerate() {
            let shown = match groups.at(i) {
                Placed::Alone => Self::shown(f, &mut sources),
                Placed::Leads(group) => group.shown(f),
                Placed::Follows => continue,
            };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::Span;

    fn finding(file: &str, message: &str) -> Finding {
        Finding {
            rule: "parse-error",
            severity: Severity::Error,
            message: message.into(),
            subject: Some(file.into()),
            help: Some("add frontmatter".into()),
            location: Some(Location {
                file: file.into(),
                span: Span {
                    line: 1,
                    column: 1,
                    offset: 0,
                    len: 0,
                },
            }),
            label: None,
            related: Vec::new(),
            scope: None,
        }
    }

    #[test]
    fn more_than_a_handful_with_one_cause_are_one_group() {
        let mut findings: Vec<Finding> = (0..8)
            .map(|i| {
                let dir = if i % 2 == 0 {
                    "backlog/archive/tasks/a"
                } else {
                    "backlog/archive/tasks"
                };
                finding(&format!("{dir}/task-{i}.md"), "no frontmatter")
            })
            .collect();
        findings.insert(3, finding("backlog/tasks/task-9.md", "something else"));
        findings.extend((0..GROUP_ABOVE).map(|i| finding(&format!("x/{i}.md"), "a handful")));
        let groups = Groups::of(&findings);
        assert_eq!(groups.groups.len(), 1, "five with one cause are shown one by one");
        let group = &groups.groups[0];
        assert_eq!(group.files.len(), 8);
        assert_eq!(group.folder(), "backlog/archive/tasks");
        assert!(matches!(groups.at(0), Placed::Leads(_)));
        assert!(matches!(groups.at(1), Placed::Follows));
        assert!(matches!(groups.at(3), Placed::Alone));
        let shown = group.shown(&findings[0]);
        assert_eq!(shown.message, "8 files under backlog/archive/tasks: no frontmatter");
        let help = shown.help.unwrap();
        assert!(
            help.starts_with("add frontmatter\nbacklog/archive/tasks/a/task-0.md, "),
            "{help}"
        );
        assert!(help.contains(" and 5 more"), "{help}");
    }

    #[test]
    fn each_folder_with_more_than_a_handful_is_a_group_of_its_own() {
        let mut findings: Vec<Finding> = Vec::new();
        for (dir, n) in [
            ("backlog/drafts", 6),
            ("backlog/tasks", 7),
            ("backlog/tasks/epics/e1", 3),
            ("backlog/completed", 2),
        ] {
            findings.extend((0..n).map(|i| finding(&format!("{dir}/t-{i}.md"), "no frontmatter")));
        }
        let groups = Groups::of(&findings);
        let shown: Vec<String> = groups
            .groups
            .iter()
            .map(|g| format!("{} {}", g.files.len(), g.folder()))
            .collect();
        // The epic's three join their folder's seven; the two completed ones stand alone.
        assert_eq!(shown, ["6 backlog/drafts", "10 backlog/tasks"]);
        assert!(matches!(groups.at(13 + 3), Placed::Alone));
    }
}
