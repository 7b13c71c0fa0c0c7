//! One file per subcommand. Each returns the exit code it wants, or a [`ToolError`]
//! for exit 2.

pub(crate) mod catalog;
pub(crate) mod charter;
pub(crate) mod check;
pub(crate) mod codeowners;
pub(crate) mod completions;
pub(crate) mod init;
pub(crate) mod matrix;
pub(crate) mod people;
pub(crate) mod rules;
pub(crate) mod schema;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::cli::ColorChoice;
use crate::error::ToolError;
use crate::style::Style;

/// Exit codes of CLI.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    Clean,
    Findings,
}

/// Global output settings.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Output {
    pub color: ColorChoice,
    pub quiet: bool,
}

impl Output {
    #[must_use]
    pub(crate) fn style(self) -> Style {
        let tty = std::io::stdout().is_terminal();
        let color = self.color.enabled(tty);
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
    /// Whether to colour a stream that is a terminal or not (`is_terminal`). `auto`
    /// follows the conventions of no-color.org and force-color.org: a non-empty
    /// `NO_COLOR` turns colour off (an empty one counts as unset, as the convention
    /// says), then a non-empty `FORCE_COLOR` or `CLICOLOR_FORCE` other than `0` turns it
    /// on, then `CLICOLOR=0` or `TERM=dumb` turns it off, and otherwise a terminal gets
    /// colour.
    #[must_use]
    pub(crate) fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => auto_color(is_terminal, |k| std::env::var(k).ok()),
        }
    }
}

fn auto_color(is_terminal: bool, var: impl Fn(&str) -> Option<String>) -> bool {
    let set = |k: &str| var(k).filter(|v| !v.is_empty());
    if set("NO_COLOR").is_some() {
        return false;
    }
    if ["FORCE_COLOR", "CLICOLOR_FORCE"]
        .iter()
        .any(|k| set(k).is_some_and(|v| v != "0" && !v.eq_ignore_ascii_case("false")))
    {
        return true;
    }
    if set("CLICOLOR").as_deref() == Some("0") || set("TERM").as_deref() == Some("dumb") {
        return false;
    }
    is_terminal
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
        if model.files.iter().any(|f| *f.path == *inside) {
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

/// Take out of their roles the people whose `until` has passed and those `--without`
/// names, before anything is derived (FORMAT.md, "people"). A name in `without` that is
/// no holder is a usage error with a did-you-mean.
///
/// # Errors
/// A name in `without` names no holder.
pub(crate) fn depart(
    model: &mut crate::model::Model,
    today: crate::date::Date,
    without: &[String],
) -> Result<(), ToolError> {
    let mut keys = Vec::new();
    for name in without.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let key = model.person_key(name);
        // Any holder, an external role's too: "what if the client's product owner left".
        let holds = model
            .roles
            .iter()
            .flat_map(|r| &r.holders)
            .any(|h| model.person_key(h.as_str()) == key);
        if !holds {
            let holders: Vec<&str> = model
                .roles
                .iter()
                .flat_map(|r| r.holders.iter().map(crate::model::Sp::as_str))
                .collect();
            return Err(ToolError::Usage {
                message: format!("--without names `{}`, who holds no role", crate::escape::terminal(name)),
                help: crate::suggest::hint(name, holders.iter().copied()).or_else(|| {
                    Some("name a holder of a role charter, or a person of people.yaml who holds one".into())
                }),
            });
        }
        keys.push(key);
        model.without.push(name.to_string());
    }
    model.depart(today, &keys);
    Ok(())
}

/// The workspace root and how to show it: the PATH given, else found upward.
///
/// # Errors
/// The current directory cannot be read.
pub(crate) fn root(path: Option<&Path>) -> Result<(PathBuf, String), ToolError> {
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

#[cfg(test)]
mod tests {
    use super::auto_color;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| (*v).to_string())
    }

    #[test]
    fn auto_colour_follows_no_color_and_force_color() {
        assert!(auto_color(true, env(&[])));
        assert!(!auto_color(false, env(&[])));
        assert!(!auto_color(true, env(&[("NO_COLOR", "1")])));
        assert!(!auto_color(true, env(&[("NO_COLOR", "0")])), "any non-empty value");
        assert!(auto_color(true, env(&[("NO_COLOR", "")])), "empty is unset");
        assert!(auto_color(false, env(&[("FORCE_COLOR", "1")])));
        assert!(auto_color(false, env(&[("CLICOLOR_FORCE", "yes")])));
        assert!(!auto_color(false, env(&[("FORCE_COLOR", "0")])));
        assert!(!auto_color(true, env(&[("NO_COLOR", "1"), ("FORCE_COLOR", "1")])));
        assert!(!auto_color(true, env(&[("TERM", "dumb")])));
        assert!(!auto_color(true, env(&[("CLICOLOR", "0")])));
        assert!(auto_color(true, env(&[("CLICOLOR", "1")])));
    }
}
