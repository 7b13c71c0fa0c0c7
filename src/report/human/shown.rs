//! A finding as miette draws it, and which findings the tables show instead.

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::finding::{Finding, Severity};
use crate::frame::Window;

/// The rules whose findings are rows of the tables (coverage, overlaps, load): with the
/// tables printed, a diagnostic for each would say it twice (CLI.md: what is a table row is
/// not also a diagnostic). The similar-names info of `overloaded-person` is no row.
pub(super) fn is_row(f: &Finding) -> bool {
    matches!(
        f.rule,
        "orphaned-strategic" | "unowned" | "multiple-accountable" | "shared-responsibility"
    ) || (f.rule == "overloaded-person" && f.severity != Severity::Info)
}

/// A finding as miette sees it.
pub(super) struct Shown {
    pub(super) message: String,
    pub(super) code: &'static str,
    pub(super) severity: miette::Severity,
    pub(super) help: Option<String>,
    pub(super) source: Option<Arc<Window>>,
    pub(super) labels: Vec<LabeledSpan>,
    pub(super) related: Vec<Shown>,
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
        self.source.as_ref().map(|s| s as &dyn SourceCode)
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

/// The severity miette draws for a finding's.
pub(super) fn severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}
