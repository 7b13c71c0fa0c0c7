//! One file per subcommand. Each returns the exit code it wants, or a [`ToolError`]
//! for exit 2.

pub mod catalog;
pub mod charter;
pub mod check;
pub mod completions;
pub mod init;
pub mod matrix;
pub mod rules;
pub mod schema;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::cli::ColorChoice;
use crate::error::ToolError;
use crate::style::Style;

/// Exit codes of CLI.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Clean,
    Findings,
}

/// Global output settings.
#[derive(Clone, Copy, Debug)]
pub struct Output {
    pub color: ColorChoice,
    pub quiet: bool,
}

impl Output {
    #[must_use]
    pub fn style(self) -> Style {
        let tty = std::io::stdout().is_terminal();
        let color = self.color.enabled(supports_color::Stream::Stdout);
        let width = if tty {
            terminal_size::terminal_size().map_or(100, |(w, _)| usize::from(w.0))
        } else {
            std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse().ok())
                .unwrap_or(100)
        };
        Style {
            color,
            width: width.clamp(40, 200),
            quiet: self.quiet,
        }
    }
}

impl ColorChoice {
    /// Whether to colour `stream`. `auto` asks `supports-color` (already in the tree
    /// through miette), which honours `NO_COLOR`, `FORCE_COLOR`, `CLICOLOR_FORCE`,
    /// `CLICOLOR=0` and `TERM=dumb` and checks that the stream is a terminal.
    #[must_use]
    pub fn enabled(self, stream: supports_color::Stream) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => supports_color::on_cached(stream).is_some(),
        }
    }
}

/// A report replaces its file without `--force`, so it must never land on a document
/// of the workspace it reports on (`-o vision.md` by mistake).
///
/// # Errors
/// One of `paths` is a document of the workspace.
pub(crate) fn refuse_documents<'a>(
    paths: impl IntoIterator<Item = &'a Path>,
    root: &Path,
    model: &crate::model::Model,
) -> Result<(), ToolError> {
    let Ok(root) = std::fs::canonicalize(root) else {
        return Ok(());
    };
    for path in paths {
        let Ok(target) = std::fs::canonicalize(path) else {
            continue;
        };
        let Ok(inside) = target.strip_prefix(&root) else {
            continue;
        };
        let inside = inside.to_string_lossy().replace('\\', "/");
        if model.files.iter().any(|f| f.path == inside) {
            return Err(ToolError::Usage {
                message: format!(
                    "refusing to write a report over `{}`, a document of the workspace",
                    path.display()
                ),
                help: Some("name a report file that is not one of the workspace's documents".into()),
            });
        }
    }
    Ok(())
}

/// The workspace root and how to show it: the PATH given, else found upward.
///
/// # Errors
/// The current directory cannot be read.
pub fn root(path: Option<&Path>) -> Result<(PathBuf, String), ToolError> {
    if let Some(p) = path {
        let shown = p.to_string_lossy().replace('\\', "/");
        let shown = if shown.len() > 1 {
            shown.trim_end_matches('/').to_string()
        } else {
            shown
        };
        return Ok((p.to_path_buf(), shown));
    }
    let cwd = std::env::current_dir().map_err(|e| ToolError::Root {
        path: ".".into(),
        reason: e.to_string(),
    })?;
    let found = crate::load::find_root(&cwd);
    let shown = match found.strip_prefix(&cwd) {
        Ok(rel) if rel.as_os_str().is_empty() => ".".to_string(),
        Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
        Err(_) => match cwd.strip_prefix(&found) {
            Ok(up) => vec![".."; up.components().count()].join("/"),
            Err(_) => found.to_string_lossy().replace('\\', "/"),
        },
    };
    Ok((found, shown))
}
