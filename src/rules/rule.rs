//! What every rule is written against: the [`Rule`] trait, its [`RuleMeta`] and the
//! [`Context`] it reports through.
//!
//! A rule reads the [`Model`] and the [`Index`] and reports findings through the
//! [`Context`], which stamps the rule's name and configured severity, so a rule never
//! spells its own name and never knows about output.

use crate::finding::{Finding, Severity};
use crate::index::Index;
use crate::model::{Loc, Model};

/// What `pmpo rules`, `pmpo explain`, SARIF and `docs/rules.md` show of a rule.
///
/// The explanation is kept as its four sections, each a Markdown fragment without its
/// heading, so that every output reads the part it needs (`docs.rs` lays them out under
/// headings; SARIF's full description is [`RuleMeta::finds`]) and none parses Markdown
/// back.
#[derive(Debug)]
pub(crate) struct RuleMeta {
    /// kebab-case, public: users configure rules by it.
    pub name: &'static str,
    pub default: Severity,
    /// One line, for the rule table.
    pub summary: &'static str,
    /// What it finds: the documents and values the rule flags.
    pub finds: &'static str,
    /// Why it matters, citing the seed articles by number, `(003)`.
    pub why: &'static str,
    /// Example: a failing document, usually one fenced block.
    pub example: &'static str,
    /// How to fix.
    pub fix: &'static str,
}

impl RuleMeta {
    /// The sections of the explanation, with their headings, in the order they are shown.
    #[must_use]
    pub(crate) fn sections(&self) -> [(&'static str, &'static str); 4] {
        [
            ("What it finds", self.finds),
            ("Why it matters", self.why),
            ("Example", self.example),
            ("How to fix", self.fix),
        ]
    }
}

/// A rule: its meta and its check. The registry holds each as a unit struct.
pub(crate) trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &mut Context<'_>);
}

/// What a rule sees while it runs.
pub(crate) struct Context<'a> {
    pub model: &'a Model,
    pub index: &'a Index<'a>,
    meta: &'static RuleMeta,
    /// The severity `pmpo.yaml` sets for the running rule, if it sets one.
    configured: Option<Severity>,
    findings: Vec<Finding>,
}

impl<'a> Context<'a> {
    /// A context for the run of the rules over `model`, before the first rule starts.
    pub(super) fn new(model: &'a Model, index: &'a Index<'a>, first: &'static RuleMeta) -> Context<'a> {
        Context {
            model,
            index,
            meta: first,
            configured: None,
            findings: Vec::new(),
        }
    }

    /// Make `meta`'s rule the one whose findings are reported next, at the severity
    /// `pmpo.yaml` configures for it, if it configures one.
    pub(super) fn start(&mut self, meta: &'static RuleMeta, configured: Option<Severity>) {
        self.meta = meta;
        self.configured = configured;
    }

    /// The findings reported so far, in the order they were reported.
    pub(super) fn into_findings(self) -> Vec<Finding> {
        self.findings
    }

    /// Report a finding at the rule's severity.
    pub(crate) fn report(&mut self, loc: Option<Loc>, message: impl Into<String>) -> &mut Finding {
        let severity = self.configured.unwrap_or(self.meta.default);
        self.report_as(severity, loc, message)
    }

    /// Report at a severity other than the rule's default, for rules whose findings
    /// grade (a configured severity still wins).
    pub(crate) fn report_graded(
        &mut self,
        default: Severity,
        loc: Option<Loc>,
        message: impl Into<String>,
    ) -> &mut Finding {
        let severity = self.configured.unwrap_or(default);
        self.report_as(severity, loc, message)
    }

    fn report_as(&mut self, severity: Severity, loc: Option<Loc>, message: impl Into<String>) -> &mut Finding {
        let location = loc.map(|l| self.model.location(l));
        self.findings.push(Finding {
            rule: self.meta.name,
            severity,
            message: crate::finding::clean(message.into()),
            subject: None,
            help: None,
            location,
            label: None,
            related: Vec::new(),
            scope: None,
        });
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }

    /// A location emitters can print, for `Finding::also`.
    #[must_use]
    pub(crate) fn location(&self, loc: Loc) -> crate::finding::Location {
        self.model.location(loc)
    }
}
