//! `pmpo init [DIR] --template split|combined`: a first workspace that passes
//! `pmpo check`.
//!
//! The prose and example documents are files under `src/init/` (ending in `.tmpl`, so
//! that pmpo run on its own repository does not read them as documents); the two role
//! charters get their `responsibilities:` from the built-in catalog, so they cover
//! whatever the catalog holds. Every target is checked before the first is written:
//! without `--force`, one existing file means nothing is written (exit 2).

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Outcome, Output};
use crate::cli::{InitArgs, Template};
use crate::error::ToolError;
use crate::matrix::area_order;
use crate::model::{Raci, Responsibility};
use crate::write::{self, Overwrite};

const PM: &str = "product-manager";
const PO: &str = "product-owner";

/// Where `init` puts the JSON Schemas its modelines point at: a hidden directory, so
/// the walk never reads it, and local, so editors need no network.
const SCHEMA_DIR: &str = ".pmpo/schema";

/// The `yaml-language-server` modeline for a file of `kind` written at `rel` (relative
/// to the workspace root): the schema path is relative to the file, as the language
/// server resolves it.
#[must_use]
pub fn modeline(kind: &str, rel: &str) -> String {
    let up = "../".repeat(rel.matches('/').count());
    format!("# yaml-language-server: $schema={up}{SCHEMA_DIR}/{kind}.schema.json")
}

/// The responsibilities' lines of one role's charter, grouped by area with a comment
/// line each: the role is accountable where `owner` says so, and takes the part
/// [`supporting`] gives it elsewhere.
fn responsibilities(catalog: &[Responsibility], role: &str) -> String {
    let mut s = String::new();
    for area in area_order(catalog.iter().map(|r| r.area.as_str())) {
        let lines: Vec<(&str, Raci)> = catalog
            .iter()
            .filter(|r| r.area == area)
            .map(|r| {
                let letter = if owner(r) == role {
                    Raci::Accountable
                } else {
                    supporting(r, role)
                };
                (r.id.as_str(), letter)
            })
            .collect();
        let _ = writeln!(s, "  # {}", crate::escape::one_line(area));
        for (id, letter) in lines {
            let _ = writeln!(s, "  {id}: {}", letter.letter());
        }
    }
    s
}

/// Who owns a responsibility in the split: the product owner what the catalog expects
/// of it, the product manager everything else (its own and `any`).
fn owner(r: &Responsibility) -> &'static str {
    match r.expected.as_ref().map(|e| e.value.as_str()) {
        Some(PO) => PO,
        _ => PM,
    }
}

/// The part a role takes in a responsibility the other role owns: the product owner
/// does the work on what either role may own and is consulted on discovery; the
/// product manager is consulted on delivery; both are kept informed of the rest.
fn supporting(r: &Responsibility, role: &str) -> Raci {
    match (role, r.expected.is_none(), r.area.as_str()) {
        (PO, true, _) => Raci::Responsible,
        (PO, false, "discovery") | (PM, _, "delivery") => Raci::Consulted,
        _ => Raci::Informed,
    }
}

/// The files of a template, as (path relative to DIR, contents).
fn files(template: Template) -> Vec<(String, String)> {
    let catalog = crate::catalog::builtin();
    let fill = |text: &str, kind: &str, rel: &str| text.replace("{{modeline}}", &format!("{}\n", modeline(kind, rel)));
    let combined = template == Template::Combined;
    let note = if combined {
        include_str!("../init/combined-note.md.tmpl")
    } else {
        ""
    };
    let (manager, owner_holder) = if combined {
        ("\"you@example.com\"", "\"you@example.com\"")
    } else {
        ("\"pm@example.com\"", "\"po@example.com\"")
    };
    let role = |text: &str, id: &str, holder: &str, reports_to: &str| {
        fill(text, "role", &format!("roles/{id}.md"))
            .replace("{{holder}}", holder)
            .replace("{{reports_to}}", reports_to)
            .replace("{{responsibilities}}", &responsibilities(&catalog, id))
            .replace("{{combined_note}}", note)
            .trim_end()
            .to_string()
            + "\n"
    };
    let config = if combined {
        include_str!("../init/pmpo-combined.yaml.tmpl")
    } else {
        include_str!("../init/pmpo-split.yaml.tmpl")
    };
    let reports_to = if combined { "" } else { "reports_to: product-manager\n" };
    let mut files: Vec<(String, String)> = vec![
        ("pmpo.yaml".into(), fill(config, "config", "pmpo.yaml")),
        (
            "roles/product-manager.md".into(),
            role(include_str!("../init/product-manager.md.tmpl"), PM, manager, ""),
        ),
        (
            "roles/product-owner.md".into(),
            role(
                include_str!("../init/product-owner.md.tmpl"),
                PO,
                owner_holder,
                reports_to,
            ),
        ),
        (
            "vision.md".into(),
            fill(include_str!("../init/vision.md.tmpl"), "vision", "vision.md"),
        ),
        (
            "roadmap.yaml".into(),
            fill(include_str!("../init/roadmap.yaml.tmpl"), "roadmap", "roadmap.yaml"),
        ),
        (
            "backlog/EX-1-first-day-checklist.md".into(),
            fill(
                include_str!("../init/backlog-1.md.tmpl"),
                "backlog-item",
                "backlog/EX-1-first-day-checklist.md",
            ),
        ),
        (
            "backlog/EX-2-status-page.md".into(),
            fill(
                include_str!("../init/backlog-2.md.tmpl"),
                "backlog-item",
                "backlog/EX-2-status-page.md",
            ),
        ),
    ];
    for kind in ["config", "role", "vision", "roadmap", "backlog-item"] {
        if let Some(schema) = crate::schema::render(kind) {
            files.push((format!("{SCHEMA_DIR}/{kind}.schema.json"), schema));
        }
    }
    files
}

/// # Errors
/// A file it would write exists (without `--force`), or writing failed.
pub fn run(args: &InitArgs, output: Output, out: &mut dyn Write) -> Result<Outcome, ToolError> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let overwrite = if args.force {
        Overwrite::Force
    } else {
        Overwrite::Refuse
    };
    let files: Vec<(PathBuf, String)> = files(args.template)
        .into_iter()
        .map(|(rel, text)| (dir.join(rel), text))
        .collect();
    write::plan(&dir, files.iter().map(|(p, _)| p.as_path()), overwrite)?;
    for (path, text) in &files {
        write::atomic(path, text.as_bytes(), overwrite)?;
    }
    if !output.quiet {
        let mut s = String::new();
        for (path, _) in &files {
            let _ = writeln!(s, "created {}", shown(path));
        }
        let _ = writeln!(
            s,
            "\nNext: put your people in `holders:`, your goals in vision.md, then run `pmpo check {}`.",
            shown(&dir)
        );
        out.write_all(s.as_bytes()).map_err(ToolError::Output)?;
    }
    Ok(Outcome::Clean)
}

fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_split_gives_each_role_what_the_catalog_expects_of_it() {
        let catalog = crate::catalog::builtin();
        let pm = responsibilities(&catalog, PM);
        let po = responsibilities(&catalog, PO);
        for r in &catalog {
            let a = format!("  {}: A\n", r.id);
            let expected = r.expected.as_ref().map(|e| e.value.as_str());
            assert_eq!(pm.contains(&a), expected != Some(PO), "{}", r.id);
            assert_eq!(po.contains(&a), expected == Some(PO), "{}", r.id);
        }
        assert!(po.contains("  voice-of-customer: R\n"));
        assert!(po.contains("  customer-research: C\n"));
        assert!(pm.contains("  backlog-ordering: C\n"));
        assert!(pm.contains("  team-support: I\n"));
        assert!(pm.starts_with("  # strategy\n"), "{pm}");
    }

    #[test]
    fn no_placeholder_is_left_in_any_file() {
        for template in [Template::Split, Template::Combined] {
            for (path, text) in files(template) {
                assert!(!text.contains("{{"), "{path}: {text}");
            }
        }
    }
}
