//! Findings: what a rule has to say, as plain data.
//!
//! A finding knows its rule, severity, message and where it points, and nothing about
//! how it will be shown: every emitter under `report/` reads the same values. Only the
//! human emitter knows miette.

use serde::Serialize;

use crate::yaml::Span;

/// How bad a finding is. Ordered so that the worst compares greatest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in a file of the workspace: its path relative to the root, with `/`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Location {
    pub file: std::sync::Arc<str>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The id the finding is about (a responsibility, role, person, goal or item), the
    /// key that baselines and `JUnit` group by.
    pub subject: Option<String>,
    /// Shared: a rule that gives many findings one help text allocates it once.
    pub help: Option<std::sync::Arc<str>>,
    pub location: Option<Location>,
    /// What the underline at `location` says: most rules write a fixed text.
    pub label: Option<std::borrow::Cow<'static, str>>,
    /// Other places that take part, such as every charter claiming one responsibility.
    pub related: Vec<(Location, String)>,
    /// The product or team the finding is about; `None` for the workspace (always, in
    /// a workspace that declares no products).
    pub scope: Option<String>,
}

/// Text a rule puts in a finding, with every control character (line breaks
/// included: a finding's texts are one line) and bidirectional override escaped. It
/// often quotes a document, and every format, terminal or not, gets it from here.
/// Kept as it is when nothing needs escaping: a shared or static text stays shared.
#[must_use]
pub(crate) fn clean<T: AsRef<str> + From<String>>(text: T) -> T {
    match crate::escape::terminal_line(text.as_ref()) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(escaped) => escaped.into(),
    }
}

#[cfg(test)]
impl Finding {
    /// A finding of `rule` with nothing else set, for unit tests to fill in with
    /// struct update syntax (`Finding { subject: …, ..Finding::bare(…) }`).
    pub(crate) fn bare(rule: &'static str, severity: Severity) -> Finding {
        Finding {
            rule,
            severity,
            message: String::new(),
            subject: None,
            help: None,
            location: None,
            label: None,
            related: Vec::new(),
            scope: None,
        }
    }

    /// A place at the start of line `line` of `file`, as tests write it.
    pub(crate) fn at_line(file: &str, line: u32) -> Location {
        Location {
            file: file.into(),
            span: crate::yaml::Span {
                line,
                column: 1,
                offset: 0,
                len: 0,
            },
        }
    }
}

impl Finding {
    /// Whether this finding fails the run: an error, or a warning under
    /// `--deny warnings`. The exit code and the failing cases of the `junit` format both
    /// ask this.
    #[must_use]
    pub(crate) fn fails_run(&self, deny_warnings: bool) -> bool {
        self.severity == Severity::Error || (deny_warnings && self.severity == Severity::Warning)
    }

    pub(crate) fn subject(&mut self, subject: impl Into<String>) -> &mut Self {
        self.subject = Some(clean(subject.into()));
        self
    }

    /// The help text; pass an `Arc<str>` to share one text among many findings.
    pub(crate) fn help(&mut self, help: impl Into<std::sync::Arc<str>>) -> &mut Self {
        self.help = Some(clean(help.into()));
        self
    }

    pub(crate) fn scope(&mut self, scope: Option<&str>) -> &mut Self {
        self.scope = scope.map(Into::into);
        self
    }

    pub(crate) fn label(&mut self, label: impl Into<std::borrow::Cow<'static, str>>) -> &mut Self {
        self.label = Some(clean(label.into()));
        self
    }

    pub(crate) fn also(&mut self, location: Location, label: impl Into<String>) -> &mut Self {
        self.related.push((location, clean(label.into())));
        self
    }

    /// The order every emitter prints in: file, line, column, rule, message. Findings
    /// without a file come last.
    #[must_use]
    pub(crate) fn sort_key(&self) -> impl Ord + '_ {
        (
            self.location.is_none(),
            self.location
                .as_ref()
                .map(|l| (l.file.as_ref(), l.span.line, l.span.column)),
            self.rule,
            self.message.as_str(),
            self.subject.as_deref(),
            self.scope.as_deref(),
        )
    }
}

/// Sort findings into their one deterministic order and drop exact repeats.
///
/// Unstable and in place: a stable sort would allocate a copy of 100,000 findings.
/// The result is still the same bytes every run, since the rules emit in a fixed
/// order and the standard unstable sort is deterministic.
pub(crate) fn sort(findings: &mut Vec<Finding>) {
    findings.sort_unstable_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
}
