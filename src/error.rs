//! Why pmpo could not do its job (exit 2), as typed errors that miette renders.
//!
//! Findings are about the workspace; these are about the run: bad arguments, an
//! unreadable root, an invalid `pmpo.yaml`, a write refused.

use miette::{Diagnostic, LabeledSpan, NamedSource};
use thiserror::Error;

use crate::model::Problem;

#[derive(Debug, Error, Diagnostic)]
pub enum ToolError {
    #[error("cannot read the workspace root `{path}`: {reason}")]
    #[diagnostic(code(pmpo::root))]
    Root { path: String, reason: String },

    #[error("cannot read `{path}`: {reason}")]
    #[diagnostic(code(pmpo::io))]
    Io { path: String, reason: String },

    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(#[from] Box<ConfigError>),

    #[error("{message}")]
    #[diagnostic(code(pmpo::usage))]
    Usage {
        message: String,
        #[help]
        help: Option<String>,
    },

    #[error("cannot write the output: {0}")]
    #[diagnostic(code(pmpo::output))]
    Output(std::io::Error),

    #[error("invalid baseline `{path}`: {reason}")]
    #[diagnostic(code(pmpo::baseline))]
    Baseline {
        path: String,
        reason: String,
        #[help]
        help: Option<String>,
    },

    #[error("refusing to overwrite `{path}`")]
    #[diagnostic(code(pmpo::exists), help("pass --force to overwrite it"))]
    Exists { path: String },
}

/// Every problem found in `pmpo.yaml`.
#[derive(Debug, Error, Diagnostic)]
#[error("invalid {path}: {summary}")]
#[diagnostic(code(pmpo::config))]
pub struct ConfigError {
    pub path: String,
    pub summary: String,
    #[source_code]
    pub source_code: NamedSource<String>,
    #[label(collection)]
    pub labels: Vec<LabeledSpan>,
    #[help]
    pub help: Option<String>,
}

impl ConfigError {
    #[must_use]
    pub fn invalid(path: &str, text: &str, problems: &[Problem]) -> ConfigError {
        let summary = if problems.len() == 1 {
            problems[0].message.clone()
        } else {
            format!("{} problems", problems.len())
        };
        let labels = problems
            .iter()
            .map(|p| {
                let label = match &p.help {
                    Some(h) => format!("{} ({h})", p.message),
                    None => p.message.clone(),
                };
                LabeledSpan::new(Some(label), p.loc.span.offset as usize, p.loc.span.len as usize)
            })
            .collect();
        let help = problems.iter().find_map(|p| p.help.clone());
        ConfigError {
            path: path.to_string(),
            summary,
            source_code: NamedSource::new(path, text.to_string()),
            labels,
            help,
        }
    }
}
