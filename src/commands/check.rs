//! `pmpo check`: load → index → rules → one emitter per `--format` → exit code.
//!
//! One run may write several reports (`--format github --format sarif=pmpo.sarif`): at
//! most one goes to stdout, or to `-o FILE`; every other names its file. Files are
//! written through a temporary file and a rename, so a reader never sees half a report.
//! Every report file is checked before the first is written (no link on the way, a
//! regular file or none). A report file is output, replaced on every run like a build
//! artefact, so it needs no `--force`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Outcome, Output};
use crate::cli::{CheckArgs, Deny, Format, FormatSpec};
use crate::date::Date;
use crate::error::ToolError;
use crate::index::Index;
use crate::report::concise::Concise;
use crate::report::github::Github;
use crate::report::gitlab::Gitlab;
use crate::report::html::Html;
use crate::report::junit::Junit;
use crate::report::markdown::Markdown;
use crate::report::sarif::Sarif;
use crate::report::statistics::Statistics;
use crate::report::{Emitter, Report, human::Human, json::Json};
use crate::rules;
use crate::style::Style;
use crate::write;

/// Where each report goes: `None` is stdout.
fn targets(args: &CheckArgs) -> Result<Vec<(Format, Option<PathBuf>)>, ToolError> {
    let usage = |message: String, help: &str| ToolError::Usage {
        message,
        help: Some(help.to_string()),
    };
    let to_stdout: Vec<&FormatSpec> = args.format.iter().filter(|s| s.file.is_none()).collect();
    if to_stdout.len() > 1 {
        let names: Vec<String> = to_stdout
            .iter()
            .map(|s| format!("{:?}", s.format).to_lowercase())
            .collect();
        return Err(usage(
            format!("{} reports would go to stdout ({})", names.len(), names.join(", ")),
            "give all of them but one a file, as `--format sarif=pmpo.sarif`",
        ));
    }
    if args.output_file.is_some() && to_stdout.is_empty() {
        return Err(usage(
            "--output-file has no report to write: every --format names its own file".into(),
            "leave out --output-file, or give one --format without `=FILE`",
        ));
    }
    // The counts are text (human, concise) or JSON; a SARIF or JUnit consumer would choke on either.
    if args.statistics
        && let Some(s) = args
            .format
            .iter()
            .find(|s| !matches!(s.format, Format::Human | Format::Concise | Format::Json))
    {
        return Err(usage(
            format!(
                "--statistics counts findings as text or JSON, not as {}",
                format!("{:?}", s.format).to_lowercase()
            ),
            "use --statistics with --format human, concise or json",
        ));
    }
    let targets: Vec<(Format, Option<PathBuf>)> = args
        .format
        .iter()
        .map(|s| (s.format, s.file.clone().or_else(|| args.output_file.clone())))
        .collect();
    let mut files: Vec<&Path> = targets.iter().filter_map(|(_, f)| f.as_deref()).collect();
    files.sort();
    if let Some(twice) = files.windows(2).find(|w| w[0] == w[1]) {
        return Err(usage(
            format!("two reports would be written to `{}`", twice[0].display()),
            "give each --format its own file",
        ));
    }
    Ok(targets)
}

/// # Errors
/// The arguments disagree, the workspace could not be loaded (exit 2), or writing a
/// report failed.
pub(crate) fn run(args: &CheckArgs, output: Output, out: &mut dyn Write) -> Result<Outcome, ToolError> {
    let started = Instant::now();
    let selection = rules::Selection::parse(&args.select, &args.ignore)?;
    let targets = targets(args)?;
    let (root, shown) = super::root(args.path.as_deref())?;
    // Only code frames and span ends read the documents' texts (and only charters the
    // items' titles); JSON and the statistics show neither, so they need not hold every
    // document in memory.
    let texts = if args.statistics || targets.iter().all(|(f, _)| *f == Format::Json) {
        crate::load::Texts::Drop
    } else {
        crate::load::Texts::Keep
    };
    let mut model = crate::load::load_with(&root, &rules::names(), texts)?;
    let today = Date::today()?;
    super::depart(&mut model, today, &args.without)?;
    let index = Index::build(&model, today);
    let findings = rules::empty_workspace::whole_report(rules::run_selected(&model, &index, &selection));
    let (findings, mut baseline) =
        crate::baseline::filter(args.baseline.as_deref(), args.write_baseline.as_deref(), findings)?;
    // An entry of a rule `--select`/`--ignore` left out is not stale: it was not checked.
    if let Some(b) = &mut baseline {
        b.stale.retain(|e| selection.runs(&e.rule));
    }
    let report = Report {
        root: shown,
        model: &model,
        index: &index,
        findings: &findings,
        baseline: baseline.as_ref(),
        elapsed: started.elapsed(),
    };
    super::refuse_documents(targets.iter().filter_map(|(_, f)| f.as_deref()), &root, &model)?;
    // Every report file is checked before the first is written: a refused one leaves
    // the others unwritten too.
    write::plan_outputs(
        &root,
        targets.iter().filter_map(|(_, f)| f.as_deref()),
        write::Overwrite::Force,
    )?;
    let deny_warnings = args.deny.contains(&Deny::Warnings);
    for (format, file) in &targets {
        let style = match file {
            // A file is read later, elsewhere: no colour codes in it.
            Some(_) => Style {
                color: false,
                ..output.style()
            },
            None => output.style(),
        };
        let emitter = emitter(args, *format, style, &root, output, &report);
        match file {
            None => emitter.emit(&report, out).map_err(ToolError::Output)?,
            Some(path) => {
                let mut bytes = Vec::new();
                emitter.emit(&report, &mut bytes).map_err(ToolError::Output)?;
                write::report(path, &bytes)?;
            }
        }
    }
    let failing = findings.iter().any(|f| f.fails_run(deny_warnings));
    Ok(if failing { Outcome::Findings } else { Outcome::Clean })
}

fn emitter<'a>(
    args: &CheckArgs,
    format: Format,
    style: Style,
    root: &'a Path,
    output: Output,
    report: &Report<'_>,
) -> Box<dyn Emitter + 'a> {
    let deny_warnings = args.deny.contains(&Deny::Warnings);
    match format {
        // `--statistics` replaces the report, whatever the format.
        _ if args.statistics => Box::new(Statistics {
            json: format == Format::Json,
        }),
        Format::Human => Box::new(Human {
            style,
            root,
            verbose: args.verbose,
            deny_warnings,
        }),
        Format::Concise => Box::new(Concise),
        Format::Json => Box::new(Json),
        Format::Sarif => Box::new(Sarif {
            category: args.sarif_category.clone(),
        }),
        Format::Github => Box::new(Github {
            summary: std::env::var_os("GITHUB_STEP_SUMMARY")
                .filter(|p| !p.is_empty())
                .map(std::path::PathBuf::from),
        }),
        Format::Junit => Box::new(Junit { deny_warnings }),
        Format::Markdown => Box::new(Markdown { quiet: output.quiet }),
        Format::Gitlab => Box::new(Gitlab),
        // The page's heat maps come from the matrix, which the report does not import.
        Format::Html => Box::new(Html {
            heat_maps: crate::matrix::html::heat_maps(report.model, report.index),
        }),
    }
}
