//! `--format json`: the stable version 1 document of CLI.md.
//!
//! Keys and their meaning are public: add, never rename or remove.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{Emitter, Report};
use crate::finding::Finding;

pub(crate) struct Json;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    root: &'a str,
    summary: Summary,
    findings: Findings<'a>,
    coverage: Vec<CoverageOut<'a>>,
    traceability: Vec<TraceOut<'a>>,
    /// Only with `--baseline` or `--write-baseline`, so plain runs keep their shape.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<BaselineOut<'a>>,
    /// Only with `--without`: the people checked as if they held no role.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    without: &'a [String],
}

#[derive(Serialize)]
struct BaselineOut<'a> {
    file: &'a str,
    written: bool,
    hidden: usize,
    stale: &'a [crate::baseline::Entry],
}

#[derive(Serialize)]
struct Summary {
    documents: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    file: Option<&'a str>,
    line: Option<u32>,
    column: Option<u32>,
    subject: Option<&'a str>,
    help: Option<&'a str>,
    related: Vec<RelatedOut<'a>>,
    scope: Option<&'a str>,
}

/// The findings, serialised one by one as they are written: 100,000 findings never
/// exist twice in memory.
struct Findings<'a>(&'a [Finding]);

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|f| {
            FindingOut {
                rule: f.rule,
                severity: f.severity.as_str(),
                message: &f.message,
                file: f.location.as_ref().map(|l| l.file.as_ref()),
                line: f.location.as_ref().map(|l| l.span.line),
                column: f.location.as_ref().map(|l| l.span.column),
                subject: f.subject.as_deref(),
                help: f.help.as_deref(),
                scope: f.scope.as_deref(),
                related: f
                    .related
                    .iter()
                    .map(|(l, m)| RelatedOut {
                        file: &l.file,
                        line: l.span.line,
                        column: l.span.column,
                        message: m,
                    })
                    .collect(),
            }
        }))
    }
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    message: &'a str,
}

#[derive(Serialize)]
struct CoverageOut<'a> {
    id: &'a str,
    title: &'a str,
    area: &'a str,
    strategic: bool,
    accountable: Vec<&'a str>,
    responsible: Vec<&'a str>,
    consulted: Vec<&'a str>,
    informed: Vec<&'a str>,
    status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    waiver: Option<&'a str>,
    scope: Option<&'a str>,
}

#[derive(Serialize)]
struct TraceOut<'a> {
    goal: &'a str,
    /// The product whose vision sets the goal, when products are declared and it is
    /// not the workspace's.
    #[serde(skip_serializing_if = "Option::is_none")]
    product: Option<&'a str>,
    title: &'a str,
    /// Backlog items serving the goal, counted by status.
    items: BTreeMap<&'a str, usize>,
    roadmap: Vec<&'a str>,
}

impl Emitter for Json {
    fn emit(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let counts = report.counts();
        let coverage = report.coverage();
        let trace = report.traceability();
        let doc = Document {
            version: 1,
            root: &report.root,
            summary: Summary {
                documents: report.model.documents,
                errors: counts.errors,
                warnings: counts.warnings,
                infos: counts.infos,
            },
            findings: Findings(report.findings),
            coverage: coverage
                .iter()
                .map(|c| CoverageOut {
                    id: c.id,
                    title: c.title,
                    area: c.area,
                    strategic: c.strategic,
                    accountable: c.accountable.clone(),
                    responsible: c.responsible.clone(),
                    consulted: c.consulted.clone(),
                    informed: c.informed.clone(),
                    status: c.status.as_str(),
                    waiver: c.waiver,
                    scope: c.scope,
                })
                .collect(),
            traceability: trace
                .iter()
                .map(|t| TraceOut {
                    goal: t.goal,
                    product: t.product,
                    title: t.title,
                    items: t.items.iter().map(|(s, n)| (s.as_str(), *n)).collect(),
                    roadmap: t.roadmap.clone(),
                })
                .collect(),
            baseline: report.baseline.map(|b| BaselineOut {
                file: &b.file,
                written: b.written,
                hidden: b.hidden,
                stale: &b.stale,
            }),
            without: &report.model.without,
        };
        // Keep the I/O error's kind, so a closed pipe stays a closed pipe (exit 0).
        crate::escape::json_write(&mut *out, &doc)
            .map_err(|e| e.io_error_kind().map_or_else(|| io::Error::other(e), io::Error::from))?;
        writeln!(out)
    }
}
