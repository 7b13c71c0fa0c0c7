//! `--format junit`: `JUnit` XML, which CI systems (GitLab, Jenkins, Azure Pipelines) show
//! as a test report.
//!
//! Two suites. `coverage` has one test case a catalog responsibility, and every finding
//! whose subject is the responsibility is told in that test case rather than counted
//! again; `findings` has one test case for every other finding. A case fails exactly
//! when a finding it tells fails the run (an error, or a warning with `--deny
//! warnings`), so the report agrees with the exit code: a run that exits 0 has no
//! failing case. A responsibility that is not covered while nothing about it fails the
//! run (its rule made a warning, or the baseline accepted it) is skipped with the reason,
//! and so is a waived one; the other findings' cases pass with their text in
//! `system-out`.
//!
//! The document validates against the Jenkins xUnit plugin's `junit-10.xsd`, which
//! Jenkins applies before reading a report and which GitLab's reader also accepts: no
//! `skipped` on `testsuites`, no `file` or `line` on a test case. Where a finding sits
//! is told in the case's text (`at PATH:LINE:COL`, relative to the git root), which
//! both show.
//!
//! The XML is written by hand: the document is flat and small, and the one hard part,
//! text that may hold anything, is [`escape::xml`], tested there (it says why no XML
//! crate does it).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{self, Write};

use super::place::Places;
use super::{CoverageRow, Emitter, Report};
use crate::escape;
use crate::finding::Finding;
use crate::index::CoverageStatus;

pub(crate) struct Junit {
    /// `--deny warnings`: warnings fail the run, so their cases fail too.
    pub deny_warnings: bool,
}

/// One test case, ready to print.
struct Case {
    name: String,
    classname: String,
    outcome: Outcome,
    /// The findings it tells, one a line.
    body: String,
}

enum Outcome {
    Pass,
    Fail { kind: String, message: String },
    Skip { message: String },
}

fn told(f: &Finding, places: &Places<'_>) -> String {
    let mut s = format!("{} {}: {}", f.severity.as_str(), f.rule, f.message);
    if let Some(l) = &f.location {
        let _ = write!(s, "\n  at {}:{}:{}", places.path(&l.file), l.span.line, l.span.column);
    }
    for (l, label) in &f.related {
        let _ = write!(
            s,
            "\n  also {}:{}:{}: {label}",
            places.path(&l.file),
            l.span.line,
            l.span.column
        );
    }
    if let Some(help) = &f.help {
        let _ = write!(s, "\n  help: {help}");
    }
    s.push('\n');
    s
}

/// `baseline` is the baseline file in use: a responsibility it accepted (no failing
/// finding about it is left) is skipped rather than failed, as the exit code is 0.
fn coverage_case(
    row: &CoverageRow<'_>,
    about: &[&Finding],
    places: &Places<'_>,
    baseline: Option<&str>,
    deny_warnings: bool,
) -> Case {
    let body: String = about.iter().map(|f| told(f, places)).collect();
    let outcome = match (about.iter().find(|f| f.fails_run(deny_warnings)), row.status) {
        (Some(f), _) => Outcome::Fail {
            kind: f.rule.to_string(),
            message: f.message.clone(),
        },
        (None, CoverageStatus::Covered) => Outcome::Pass,
        (None, CoverageStatus::Waived) => Outcome::Skip {
            message: format!("waived: {}", row.waiver.unwrap_or_default()),
        },
        (None, status) => {
            let why = match baseline {
                Some(file) => format!("accepted by the baseline {file}"),
                _ if about.is_empty() => "its rule is off".to_string(),
                _ => "its findings do not fail the run".to_string(),
            };
            Outcome::Skip {
                message: format!("{}: {} ({}), {why}", row.id, status.as_str(), row.why),
            }
        }
    };
    Case {
        name: row.id.to_string(),
        classname: match row.scope {
            Some(scope) => format!("pmpo.coverage.{scope}.{}", row.area),
            None => format!("pmpo.coverage.{}", row.area),
        },
        outcome,
        body,
    }
}

/// A finding's case name: its message, then what it is about and where, so that two
/// findings with one message in two files (two charters' `invalid-field`) are two cases
/// for GitLab, which keys a case by suite, class name and name.
fn finding_name(f: &Finding, places: &Places<'_>) -> String {
    let mut about = Vec::new();
    let file = f.location.as_ref().map(|l| places.path(&l.file));
    if let Some(subject) = f.subject.as_deref()
        && !file.as_deref().is_some_and(|file| file.ends_with(subject))
    {
        about.push(subject.to_string());
    }
    if let Some(l) = &f.location {
        about.push(format!(
            "{}:{}:{}",
            file.unwrap_or_default(),
            l.span.line,
            l.span.column
        ));
    }
    if about.is_empty() {
        f.message.clone()
    } else {
        format!("{} ({})", f.message, about.join(", "))
    }
}

fn finding_case(f: &Finding, places: &Places<'_>, deny_warnings: bool) -> Case {
    Case {
        name: finding_name(f, places),
        classname: format!("pmpo.{}", f.rule),
        outcome: if f.fails_run(deny_warnings) {
            Outcome::Fail {
                kind: f.severity.as_str().to_string(),
                message: f.message.clone(),
            }
        } else {
            Outcome::Pass
        },
        body: told(f, places),
    }
}

#[derive(Default)]
struct Totals {
    tests: usize,
    failures: usize,
    skipped: usize,
}

impl Totals {
    fn of<'c>(cases: impl IntoIterator<Item = &'c Case>) -> Totals {
        let mut totals = Totals {
            tests: 0,
            failures: 0,
            skipped: 0,
        };
        for case in cases {
            totals.tests += 1;
            match case.outcome {
                Outcome::Fail { .. } => totals.failures += 1,
                Outcome::Skip { .. } => totals.skipped += 1,
                Outcome::Pass => {}
            }
        }
        totals
    }

    fn attributes(&self) -> String {
        format!(
            r#"tests="{}" failures="{}" errors="0" skipped="{}""#,
            self.tests, self.failures, self.skipped
        )
    }
}

fn suite(out: &mut String, name: &str, cases: &[&Case]) {
    let _ = writeln!(
        out,
        r#"  <testsuite name="{name}" {}>"#,
        Totals::of(cases.iter().copied()).attributes()
    );
    // GitLab keys a case by suite, class name and name, and folds cases that share all
    // three into one: a name that would repeat gets its rank.
    let mut taken: HashSet<(&str, String)> = HashSet::new();
    // The last rank given to each name, so that many repeats stay linear.
    let mut ranks: HashMap<(&str, &str), usize> = HashMap::new();
    for case in cases {
        let mut name = case.name.clone();
        let rank = ranks.entry((&case.classname, &case.name)).or_insert(1);
        while !taken.insert((&case.classname, name.clone())) {
            *rank += 1;
            name = format!("{} #{rank}", case.name);
        }
        let name = escape::xml(&name);
        let _ = write!(
            out,
            r#"    <testcase name="{name}" classname="{}""#,
            escape::xml(&case.classname)
        );
        let mut inner = String::new();
        match &case.outcome {
            Outcome::Fail { kind, message } => {
                let _ = writeln!(
                    inner,
                    r#"      <failure type="{}" message="{}">{}</failure>"#,
                    escape::xml(kind),
                    escape::xml(message),
                    escape::xml(&case.body)
                );
            }
            Outcome::Skip { message } => {
                let _ = writeln!(inner, r#"      <skipped message="{}"/>"#, escape::xml(message));
            }
            Outcome::Pass => {}
        }
        if !case.body.is_empty() && !matches!(case.outcome, Outcome::Fail { .. }) {
            let _ = writeln!(inner, "      <system-out>{}</system-out>", escape::xml(&case.body));
        }
        if inner.is_empty() {
            out.push_str("/>\n");
        } else {
            let _ = write!(out, ">\n{inner}    </testcase>\n");
        }
    }
    out.push_str("  </testsuite>\n");
}

impl Emitter for Junit {
    fn emit(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let places = Places::new(report);
        let coverage = report.coverage();
        // A finding about a responsibility belongs to its row; with products, to the row
        // of its product or team (a finding at the workspace scope to every row).
        let about = |f: &Finding, row: &CoverageRow<'_>| {
            f.subject.as_deref() == Some(row.id) && (f.scope.is_none() || f.scope.as_deref() == row.scope)
        };
        let responsibility_cases: Vec<Case> = coverage
            .iter()
            .map(|row| {
                let findings: Vec<&Finding> = report.findings.iter().filter(|f| about(f, row)).collect();
                coverage_case(
                    row,
                    &findings,
                    &places,
                    report.baseline.map(|b| b.file.as_ref()),
                    self.deny_warnings,
                )
            })
            .collect();
        let finding_cases: Vec<Case> = report
            .findings
            .iter()
            .filter(|f| !coverage.iter().any(|row| about(f, row)))
            .map(|f| finding_case(f, &places, self.deny_warnings))
            .collect();
        let all = Totals::of(&responsibility_cases);
        let rest = Totals::of(&finding_cases);
        let totals = Totals {
            tests: all.tests + rest.tests,
            failures: all.failures + rest.failures,
            skipped: all.skipped + rest.skipped,
        };
        let mut doc = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        // junit-10.xsd allows no `skipped` here, only on each suite.
        let _ = writeln!(
            doc,
            r#"<testsuites name="pmpo" tests="{}" failures="{}" errors="0">"#,
            totals.tests, totals.failures
        );
        // One suite a scope (product or team), in the order of the coverage rows; without
        // products, the one `coverage` suite.
        let mut by_scope: Vec<(Option<&str>, Vec<&Case>)> = Vec::new();
        for (row, case) in coverage.iter().zip(&responsibility_cases) {
            match by_scope.iter_mut().find(|(scope, _)| *scope == row.scope) {
                Some((_, cases)) => cases.push(case),
                None => by_scope.push((row.scope, vec![case])),
            }
        }
        if by_scope.is_empty() {
            suite(&mut doc, "coverage", &[]);
        }
        for (scope, cases) in &by_scope {
            let name = scope.map_or_else(|| "coverage".to_string(), |s| format!("coverage.{}", escape::xml(s)));
            suite(&mut doc, &name, cases);
        }
        suite(&mut doc, "findings", &finding_cases.iter().collect::<Vec<_>>());
        doc.push_str("</testsuites>\n");
        out.write_all(doc.as_bytes())
    }
}
