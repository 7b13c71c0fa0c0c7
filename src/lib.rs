//! pmpo: make product responsibilities as checkable as code.
//!
//! The pipeline runs one way: walk → read and parse each file (in parallel) → the
//! [`model::Model`] → derived facts ([`index::Index`]) → rules → findings → one
//! emitter per format → an exit code from the worst severity. Nothing downstream of
//! the model reads documents; nothing upstream knows about output formats.

#![forbid(unsafe_code)]
// Every module is `pub(crate)`: the binary's `main` and [`api`] are all that is public,
// so the compiler finds dead code (`unreachable_pub` and `dead_code` warn, CI denies
// warnings).
#![warn(unreachable_pub)]

pub(crate) mod base;
pub(crate) mod baseline;
pub(crate) mod catalog;
pub(crate) mod charter;
pub(crate) mod cli;
pub(crate) mod codeowners;
pub(crate) mod commands;
pub(crate) mod config;
pub(crate) mod date;
pub(crate) mod error;
pub(crate) mod escape;
pub(crate) mod facts;
pub(crate) mod fields;
pub(crate) mod finding;
pub(crate) mod frame;
pub(crate) mod fsio;
pub(crate) mod index;
pub(crate) mod load;
pub(crate) mod matrix;
pub(crate) mod model;
pub(crate) mod people;
pub(crate) mod report;
pub(crate) mod rules;
pub(crate) mod schema;
pub(crate) mod seeds;
pub(crate) mod style;
pub(crate) mod suggest;
pub(crate) mod words;
pub(crate) mod write;
pub(crate) mod yaml;

/// What the fuzz targets, the example generator and the integration tests reach, and nothing more: the parsers
/// they drive with arbitrary input, the embedded catalogs, and the generated pages they
/// hold to the tree. Not a library interface; it may change with any release.
#[doc(hidden)]
pub mod api {
    pub use crate::base::{FileId, Kind};
    pub use crate::catalog::{BUILTIN_YAML, SCRUM_YAML, builtin};
    pub use crate::config::Config;
    pub use crate::error::ConfigError;
    pub use crate::load::documents::parse as parse_document;
    pub use crate::load::frontmatter::{Frontmatter, split};
    pub use crate::load::ignores::parse_ignore_file;
    pub use crate::rules::docs::{SEEDS, markdown as rules_markdown};
    pub use crate::rules::names as rule_names;
    pub use crate::schema::{fields_markdown, kinds};
    pub use crate::yaml::{Node, Scalar, Value, core, parse as parse_yaml};
}

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};
use commands::{Outcome, Output};
use error::ToolError;

/// Parse the command line, run the command, and map the result to CLI.md's exit codes.
#[must_use]
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let output = Output {
        color: cli.color,
        quiet: cli.quiet,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = match &cli.command {
        Command::Check(args) => commands::check::run(args, output, &mut out),
        Command::Rules => commands::rules::list(output, &mut out),
        Command::Explain { rule } => commands::rules::explain(rule, &mut out),
        Command::Catalog { path, builtin, list } => match (builtin, list) {
            (_, true) => commands::catalog::list(&mut out),
            (Some(name), false) => commands::catalog::builtin(name, &mut out),
            (None, false) => commands::catalog::run(path.as_deref(), output, &mut out),
        },
        Command::Matrix(args) => commands::matrix::run(args, output, &mut out),
        Command::Charter(args) => commands::charter::run(args, output, &mut out),
        Command::People(args) => commands::people::run(args, output, &mut out),
        Command::Codeowners(args) => commands::codeowners::run(args, output, &mut out),
        Command::Init(args) => commands::init::run(args, output, &mut out),
        Command::Schema { kind } => commands::schema::run(kind.as_deref(), &mut out),
        Command::Completions { shell } => commands::completions::run(*shell, &mut out),
    };
    let flushed = out.flush();
    // A write that failed while flushing fails the command, unless the reader left.
    let result = result.and_then(|outcome| flushed.map(|()| outcome).map_err(ToolError::Output));
    match result {
        Err(ToolError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(err) => {
            report_error(&err, output);
            ExitCode::from(2)
        }
    }
}

fn report_error(err: &ToolError, output: Output) {
    let color = output
        .color
        .enabled(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut text = String::new();
    if handler.render_report(&mut text, err).is_err() {
        text = format!("error: {err}\n");
    }
    // Without colour the rendering holds no escape of its own, so any control
    // character in it came from a path or a document: a last net under the fields
    // sanitised where each error is built.
    if !color {
        text = escape::terminal(&text);
    }
    let _ = write!(std::io::stderr(), "{text}");
}
