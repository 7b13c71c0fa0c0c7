//! `pmpo check`: load → index → rules → one emitter → exit code.

use std::io::Write;
use std::time::Instant;

use super::{Outcome, Output};
use crate::cli::{CheckArgs, Deny, Format};
use crate::date::Date;
use crate::error::ToolError;
use crate::finding::Severity;
use crate::index::Index;
use crate::report::github::Github;
use crate::report::junit::Junit;
use crate::report::markdown::Markdown;
use crate::report::sarif::Sarif;
use crate::report::{Emitter, Report, human::Human, json::Json};
use crate::rules;

/// # Errors
/// The workspace could not be loaded (exit 2), or writing the report failed.
pub fn run(args: &CheckArgs, output: Output, out: &mut dyn Write) -> Result<Outcome, ToolError> {
    let started = Instant::now();
    let (root, shown) = super::root(args.path.as_deref())?;
    let model = crate::load::load(&root, &rules::names())?;
    let index = Index::build(&model, Date::today()?);
    let findings = rules::run(&model, &index);
    let (findings, baseline) =
        crate::baseline::filter(args.baseline.as_deref(), args.write_baseline.as_deref(), findings)?;
    let report = Report {
        root: shown,
        root_dir: &root,
        model: &model,
        index: &index,
        findings: &findings,
        baseline: baseline.as_ref(),
        elapsed: started.elapsed(),
    };
    let emitter: Box<dyn Emitter> = match args.format {
        Format::Human => Box::new(Human {
            style: output.style(),
            root: &root,
        }),
        Format::Json => Box::new(Json),
        Format::Sarif => Box::new(Sarif),
        Format::Github => Box::new(Github {
            summary: std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|p| !p.is_empty())
                .map(std::path::PathBuf::from),
        }),
        Format::Junit => Box::new(Junit),
        Format::Markdown => Box::new(Markdown { quiet: output.quiet }),
    };
    emitter.emit(&report, out).map_err(ToolError::Output)?;
    let deny_warnings = args.deny.contains(&Deny::Warnings);
    let failing = findings
        .iter()
        .any(|f| f.severity == Severity::Error || (deny_warnings && f.severity == Severity::Warning));
    Ok(if failing { Outcome::Findings } else { Outcome::Clean })
}
