//! `pmpo completions SHELL`: a completion script, generated from the clap definition so
//! that it never lags behind the commands.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Outcome;
use crate::cli::Cli;
use crate::error::ToolError;

/// # Errors
/// Writing failed.
pub(crate) fn run(shell: Shell, out: &mut dyn Write) -> Result<Outcome, ToolError> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "pmpo", &mut buf);
    out.write_all(&buf).map_err(ToolError::Output)?;
    Ok(Outcome::Clean)
}
