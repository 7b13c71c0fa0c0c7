//! `pmpo charter ROLE [PATH]`: a role's onboarding charter, to standard output, to
//! `--out FILE`, or for every role to `--all --out-dir DIR`.
//!
//! Writing goes through [`crate::write`]: every target is checked before the first is
//! written, so a refused run writes nothing. `--check` writes nothing at all: it
//! compares the files a run would write with what is there and prints a unified diff
//! of each that drifted (exit 1), so CI can keep committed charters in step with the
//! role charters they come from.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use similar::TextDiff;

use super::{Outcome, Output};
use crate::charter::{self, Input};
use crate::cli::CharterArgs;
use crate::date::Date;
use crate::error::ToolError;
use crate::fields::IdSyntax;
use crate::fsio::{self, Final, ReadError};
use crate::index::Index;
use crate::model::{Model, Role};
use crate::write::{self, Overwrite};

/// # Errors
/// Bad arguments, an unknown role, an unloadable workspace, a refused write.
pub(crate) fn run(args: &CharterArgs, output: Output, out: &mut dyn Write) -> Result<Outcome, ToolError> {
    let (role_id, path) = positionals(args)?;
    let (root, _) = super::root(path)?;
    let mut model = crate::load::load(&root, &crate::rules::names())?;
    let today = Date::today()?;
    super::depart(&mut model, today, &[])?;
    let index = Index::build(&model, today);
    let findings = crate::rules::run(&model, &index);
    let render = |role: &Role| {
        charter::render(&Input {
            model: &model,
            index: &index,
            findings: &findings,
            role,
        })
    };
    let charters = match (args.all, &args.out_dir, role_id) {
        (true, Some(dir), _) => every_role(&model, &root, dir, render)?,
        (_, _, Some(id)) => vec![(args.out.clone(), render(one_role(&index, id)?))],
        _ => Vec::new(),
    };
    if args.check {
        let max = u64::try_from(model.config.max_file_bytes).unwrap_or(u64::MAX);
        return check(&charters, args.out_dir.as_deref(), max, output, out);
    }
    write_charters(args, &root, &charters, output, out)?;
    Ok(Outcome::Clean)
}

fn usage(message: &str, help: Option<&str>) -> ToolError {
    ToolError::Usage {
        message: message.into(),
        help: help.map(Into::into),
    }
}

/// The role and the workspace path the arguments name, after checking they go
/// together. With --all there is no ROLE, so the one positional given is the PATH.
fn positionals(args: &CharterArgs) -> Result<(Option<&str>, Option<&Path>), ToolError> {
    let named = if args.all {
        if args.path.is_some() {
            return Err(usage(
                "--all writes a charter for every role: name no role",
                Some("pmpo charter --all [PATH] --out-dir DIR"),
            ));
        }
        (None, args.role.as_deref().map(Path::new))
    } else {
        (args.role.as_deref(), args.path.as_deref())
    };
    if args.check && args.out.is_none() && args.out_dir.is_none() {
        return Err(usage(
            "--check compares written charters: give --out FILE, or --all --out-dir DIR",
            None,
        ));
    }
    Ok(named)
}

/// (target, text) for each charter this run produces; no target means stdout.
type Charters = Vec<(Option<PathBuf>, String)>;

/// The charter of every role (the first with each id), each to `DIR/<id>.md`.
fn every_role(model: &Model, root: &Path, dir: &Path, render: impl Fn(&Role) -> String) -> Result<Charters, ToolError> {
    let mut charters = Charters::new();
    let mut seen = std::collections::HashSet::new();
    for role in &model.roles {
        if !seen.insert(role.id.as_str()) {
            continue;
        }
        charters.push((Some(inside(dir, role.id.as_str())?), render(role)));
    }
    if charters.is_empty() {
        return Err(usage(
            &format!("there is no role charter in `{}` to write from", root.display()),
            Some("role charters live under roles/ by default; `pmpo init` writes a first pair"),
        ));
    }
    Ok(charters)
}

/// The role called `id`, or a usage error naming the nearest ids or all of them.
fn one_role<'m>(index: &Index<'m>, id: &str) -> Result<&'m Role, ToolError> {
    if let Some(role) = index.roles.get(id).copied() {
        return Ok(role);
    }
    let mut ids: Vec<&str> = index.roles.keys().copied().collect();
    ids.sort_unstable();
    let help = crate::suggest::hint(id, ids.iter().copied()).or_else(|| {
        Some(if ids.is_empty() {
            "this workspace has no role charter".into()
        } else {
            format!("the roles are: {}", crate::escape::terminal(&ids.join(", ")))
        })
    });
    Err(ToolError::Usage {
        message: format!("no role is called `{}`", crate::escape::terminal(id)),
        help,
    })
}

/// Writes each charter to its target (or standard output), every target checked before
/// the first is written.
fn write_charters(
    args: &CharterArgs,
    root: &Path,
    charters: &Charters,
    output: Output,
    out: &mut dyn Write,
) -> Result<(), ToolError> {
    // A charter pmpo generated (its first line is the marker) is regenerated freely;
    // any other file is replaced only with --force.
    let overwrite = if args.force {
        Overwrite::Force
    } else {
        Overwrite::IfGenerated(crate::charter::MARKER)
    };
    // Every target is checked before the first is written: inside `--out-dir`, or
    // beside the `--out` file.
    let base = match (&args.out_dir, &args.out) {
        (Some(dir), _) => dir.clone(),
        (None, Some(file)) => file.parent().map(Path::to_path_buf).unwrap_or_default(),
        (None, None) => PathBuf::new(),
    };
    write::plan_outputs(root, charters.iter().filter_map(|(p, _)| p.as_deref()), overwrite)?;
    write::plan(&base, charters.iter().filter_map(|(p, _)| p.as_deref()), overwrite)?;
    for (target, text) in charters {
        match target {
            Some(path) => {
                write::atomic(path, text.as_bytes(), overwrite)?;
                if !output.quiet {
                    writeln!(out, "wrote {}", path.display()).map_err(ToolError::Output)?;
                }
            }
            None => out.write_all(text.as_bytes()).map_err(ToolError::Output)?,
        }
    }
    Ok(())
}

/// `DIR/<id>.md`, refusing any id that could name a path outside DIR. Role ids are
/// kebab-case, so none can; this holds even if that rule is ever loosened.
fn inside(dir: &Path, id: &str) -> Result<PathBuf, ToolError> {
    let name = format!("{id}.md");
    let mut parts = Path::new(&name).components();
    let plain = matches!((parts.next(), parts.next()), (Some(Component::Normal(_)), None));
    let path = dir.join(&name);
    if IdSyntax::Kebab.accepts(id) && plain && path.parent() == Some(dir) {
        Ok(path)
    } else {
        Err(ToolError::Usage {
            message: format!(
                "the role id `{}` cannot be used as a file name in `{}`",
                crate::escape::terminal(id),
                crate::escape::terminal(&dir.display().to_string())
            ),
            help: Some("role ids are kebab-case, such as `product-owner`".into()),
        })
    }
}

/// Compare each charter with its file, and with `--out-dir`, report generated charters
/// of roles that no longer exist.
///
/// Committed charters are read through [`crate::fsio`]: in `--out-dir` a link is not
/// followed (the folder is workspace content, and a link there could lead to a
/// secret the diff would print), nothing but a regular file is opened, and no read
/// goes past `max` bytes. Their text is sanitised before it reaches the terminal.
fn check(
    charters: &[(Option<PathBuf>, String)],
    out_dir: Option<&Path>,
    max: u64,
    output: Output,
    out: &mut dyn Write,
) -> Result<Outcome, ToolError> {
    let last = if out_dir.is_some() {
        Final::NoLink
    } else {
        Final::Follow
    };
    let mut drifted = 0;
    let mut report = String::new();
    for (target, text) in charters {
        let Some(path) = target else { continue };
        if let Some(diff) = drift(path, text, last, max)? {
            drifted += 1;
            report.push_str(&diff);
        }
    }
    if let Some(dir) = out_dir {
        for p in stale(dir, charters, max) {
            drifted += 1;
            let _ = writeln!(
                report,
                "{} is the charter of a role that no longer exists: delete it",
                crate::escape::terminal(&p.display().to_string())
            );
        }
    }
    if drifted > 0 {
        let _ = writeln!(
            report,
            "{drifted} charter{} out of date: run the same command without --check (and with --force) to write {}",
            if drifted == 1 { " is" } else { "s are" },
            if drifted == 1 { "it" } else { "them" }
        );
        out.write_all(report.as_bytes()).map_err(ToolError::Output)?;
        return Ok(Outcome::Findings);
    }
    if !output.quiet {
        let n = charters.len();
        writeln!(out, "{n} charter{} up to date", if n == 1 { " is" } else { "s are" }).map_err(ToolError::Output)?;
    }
    Ok(Outcome::Clean)
}

/// The unified diff from the charter committed at `path` (none when missing) to `text`,
/// made safe for the terminal; `None` when they are the same.
fn drift(path: &Path, text: &str, last: Final, max: u64) -> Result<Option<String>, ToolError> {
    let shown = crate::escape::terminal(&path.display().to_string());
    let (old, label) = match fsio::read(path, last, max, None) {
        Ok(bytes) => (
            String::from_utf8_lossy(&bytes).into_owned(),
            format!("{shown} (committed)"),
        ),
        Err(ReadError::Missing) => (String::new(), format!("{shown} (missing)")),
        Err(e) => {
            return Err(ToolError::Io {
                path: shown,
                reason: e.to_string(),
            });
        }
    };
    if old == text {
        return Ok(None);
    }
    let diff = TextDiff::from_lines(old.as_str(), text);
    // Both sides come from documents: nothing raw reaches the terminal.
    Ok(Some(crate::escape::terminal(
        &diff
            .unified_diff()
            .context_radius(3)
            .header(&label, &format!("{shown} (generated now)"))
            .to_string(),
    )))
}

/// The charters pmpo generated in `dir` that this run would not write: those of roles
/// that no longer exist, in path order.
fn stale(dir: &Path, charters: &[(Option<PathBuf>, String)], max: u64) -> Vec<PathBuf> {
    let expected: Vec<&Path> = charters.iter().filter_map(|(p, _)| p.as_deref()).collect();
    fsio::list(dir)
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "md") && !expected.contains(&p.as_path()))
        .filter(|p| fsio::read(p, Final::NoLink, max, None).is_ok_and(|t| t.starts_with(charter::MARKER.as_bytes())))
        .collect()
}
