//! Why pmpo could not do its job (exit 2), as typed errors that miette renders.
//!
//! Findings are about the workspace; these are about the run: bad arguments, an
//! unreadable root, an invalid `pmpo.yaml`, a write refused.

use miette::{Diagnostic, LabeledSpan};
use thiserror::Error;

use crate::base::Problem;
use crate::escape::terminal;
use crate::frame::{LineIndex, Window};

#[derive(Debug, Error, Diagnostic)]
pub enum ToolError {
    #[error("cannot read the workspace root `{path}`: {reason}")]
    #[diagnostic(help("name the workspace's folder, one that exists and that you can read"))]
    Root { path: String, reason: String },

    #[error("cannot read `{path}`: {reason}")]
    #[diagnostic(help("check that the file exists and that you can read it"))]
    Io { path: String, reason: String },

    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(#[from] Box<ConfigError>),

    #[error("{message}")]
    Usage {
        message: String,
        #[help]
        help: Option<String>,
    },

    #[error("cannot write `{path}`: {reason}")]
    #[diagnostic(help("check that its folder exists and that you can write there"))]
    Write { path: String, reason: String },

    #[error("refusing to write `{path}`: {reason}")]
    #[diagnostic(help("{help}"))]
    Unsafe { path: String, reason: String, help: String },

    #[error("cannot write the output: {0}")]
    #[diagnostic(help("check that the output file's folder exists and has room, or what reads pmpo's output"))]
    Output(std::io::Error),

    #[error("invalid baseline `{path}`: {reason}")]
    Baseline {
        path: String,
        reason: String,
        #[help]
        help: Option<String>,
    },

    #[error("refusing to overwrite `{path}`")]
    #[diagnostic(help("pass --force to overwrite it"))]
    Exists { path: String },
}

/// Every problem found in `pmpo.yaml`.
#[derive(Debug, Error, Diagnostic)]
#[error("invalid {path}: {summary}")]
pub struct ConfigError {
    pub path: String,
    pub summary: String,
    /// A few lines around the problems, sanitised: `pmpo.yaml` may be a link to a
    /// secret or hold escape sequences, and the frame is printed whatever the format.
    #[source_code]
    pub source_code: Window,
    #[label(collection)]
    pub labels: Vec<LabeledSpan>,
    #[help]
    pub help: Option<String>,
}

impl ConfigError {
    #[must_use]
    pub fn invalid(path: &str, text: &str, problems: &[Problem]) -> ConfigError {
        let summary = if problems.len() == 1 {
            terminal(&problems[0].message)
        } else {
            format!("{} problems", problems.len())
        };
        let spans: Vec<_> = problems
            .iter()
            .map(|p| (p.loc.span.offset as usize, p.loc.span.len as usize))
            .collect();
        let (window, mapped) = Window::new(terminal(path), text, &LineIndex::new(text), &spans);
        let labels = problems
            .iter()
            .zip(mapped)
            .map(|(p, span)| {
                let label = match &p.help {
                    Some(h) => format!("{} ({h})", p.message),
                    None => p.message.clone(),
                };
                match span {
                    Some((offset, len)) => LabeledSpan::new(Some(terminal(&label)), offset, len),
                    // Too far from the first problem to share its frame: named by line.
                    None => LabeledSpan::new(Some(format!("line {}: {}", p.loc.span.line, terminal(&label))), 0, 0),
                }
            })
            .collect();
        let help = problems.iter().find_map(|p| p.help.as_deref().map(terminal));
        ConfigError {
            path: terminal(path),
            summary,
            source_code: window,
            labels,
            help,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::model::FileId;

    fn rendered(text: &str) -> Option<String> {
        let problems = Config::parse(text, FileId(0), &crate::rules::names()).err()?;
        let err = Box::new(super::ConfigError::invalid("pmpo.yaml", text, &problems));
        let mut out = String::new();
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .render_report(&mut out, err.as_ref())
            .unwrap();
        Some(out)
    }

    #[test]
    fn a_config_error_frame_is_cut_and_sanitised() {
        let long = "x".repeat(70_000);
        let out = rendered(&format!("rules: {long}: y\n")).expect("an error");
        assert!(out.lines().all(|l| l.chars().count() < 400), "{out}");
        let out = rendered("rules:\n  \u{1b}]0;pwned\u{7}: off\n").expect("an error");
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    }

    proptest::proptest! {
        /// What the `config` fuzz target checks, on the stable toolchain.
        #[test]
        fn any_config_error_renders_without_control_characters(text in "(rules|limits|max_file_bytes|: |\n|  |[a-z\\x00-\\x1f\\x7f\\u{202e}{}\\[\\],\"'-]){0,40}") {
            if let Some(out) = rendered(&text) {
                // A tab is text, shown as such; every other control character is escaped.
                proptest::prop_assert!(!out.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "{:?}", out);
            }
        }
    }
}
