//! `--format gitlab`: GitLab's Code Quality report, a JSON array of issues, so that a
//! merge request shows each finding on the line it is about.
//!
//! GitLab reads `description`, `check_name`, `fingerprint`, `severity` (in its words:
//! `info`, `minor`, `major`, `critical`, `blocker`) and `location.path` with
//! `location.lines.begin`, and drops an issue that lacks one. Paths are relative to the
//! repository root, as GitLab resolves them; a finding without a place in a document is
//! put on the most relevant real file ([`Anchors`]). The fingerprint is the SARIF
//! one (rule, subject, file and rank, never the line), so an issue that moves down a
//! file is still the same issue and GitLab does not report it as fixed and new.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use super::anchor::Anchors;
use super::place::Places;
use super::sarif::fingerprint;
use super::{Emitter, Report};
use crate::finding::Severity;

pub(crate) struct Gitlab;

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: IssueLocation,
}

#[derive(Serialize)]
struct IssueLocation {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
}

/// GitLab's words: an error is `major` (as `eslint-formatter-gitlab` says it), leaving
/// `critical` and `blocker` to security tools; a warning is `minor`.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

impl Emitter for Gitlab {
    fn emit(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let places = Places::new(report);
        let anchors = Anchors::new(report.model);
        let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
        let issues: Vec<Issue<'_>> = report
            .findings
            .iter()
            .map(|f| {
                let file = f.location.as_ref().map_or("", |l| l.file.as_ref());
                let subject = f.subject.as_deref().unwrap_or(&f.message);
                let n = seen.entry((f.rule, subject, file)).or_default();
                *n += 1;
                let (path, line) = match anchors.place(f) {
                    Some(loc) => (places.path(&loc.file), loc.span.line.max(1)),
                    None => match places.path("") {
                        prefix if prefix.is_empty() => (".".to_string(), 1),
                        prefix => (prefix.trim_end_matches('/').to_string(), 1),
                    },
                };
                let description = match &f.help {
                    Some(help) => format!("{} (help: {help})", f.message),
                    None => f.message.clone(),
                };
                Issue {
                    kind: "issue",
                    description,
                    check_name: f.rule,
                    fingerprint: fingerprint(&[f.rule, subject, file, &n.to_string()]),
                    severity: severity(f.severity),
                    location: IssueLocation {
                        path,
                        lines: Lines { begin: line },
                    },
                }
            })
            .collect();
        let mut text = crate::escape::json_pretty(&issues).map_err(io::Error::other)?;
        text.push('\n');
        out.write_all(text.as_bytes())
    }
}
