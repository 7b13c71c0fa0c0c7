//! `pmpo init [DIR] --template split|combined|scrum [--from-backlog-md]`: a first
//! workspace that passes `pmpo check`; beside an existing Backlog.md `backlog/`, the same
//! files but the example backlog items, and `backlog/` untouched.
//!
//! The prose and example documents are files under `src/init/` (ending in `.tmpl`, so
//! that pmpo run on its own repository does not read them as documents); the role
//! charters get their `responsibilities:` from the built-in catalog the template uses
//! (`builtin:pm-po`, or `builtin:scrum` for `scrum`), so they cover whatever it holds. Every target is checked before the first is written:
//! without `--force`, one existing file means nothing is written (exit 2).

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Outcome, Output};
use crate::cli::{InitArgs, Template};
use crate::error::ToolError;
use crate::facts::area_order;
use crate::model::{Raci, Responsibility};
use crate::write::{self, Overwrite};

const PM: &str = "product-manager";
const PO: &str = "product-owner";
const SM: &str = "scrum-master";
const DEV: &str = "developers";

/// Where `init` puts the JSON Schemas its modelines point at: a hidden directory, so
/// the walk never reads it, and local, so editors need no network.
const SCHEMA_DIR: &str = ".pmpo/schema";

/// The most `init --from-backlog-md` reads of `backlog/config.yml`: settings, not data.
const BACKLOG_MD_CONFIG_BYTES: u64 = 1 << 20;

/// The `yaml-language-server` modeline for a file of `kind` written at `rel` (relative
/// to the workspace root): the schema path is relative to the file, as the language
/// server resolves it.
#[must_use]
pub(crate) fn modeline(kind: &str, rel: &str) -> String {
    let up = "../".repeat(rel.matches('/').count());
    format!("# yaml-language-server: $schema={up}{SCHEMA_DIR}/{kind}.schema.json")
}

/// `people.yaml` for the placeholder holders a template writes: who they are, once real
/// names replace them (FORMAT.md, "people").
fn people(fill: &dyn Fn(&str, &str, &str) -> String, holders: &[&str]) -> (String, String) {
    let mut text = String::from(
        "{{modeline}}# Who the holders are. Replace each placeholder with a real person (and the same\n\
         # name in the charters' `holders:`). `name` is shown in reports, `aliases` are other\n\
         # spellings charters may use, `capacity` the share of a week for these roles (1 = full\n\
         # time), `github` the account `pmpo codeowners` writes, `until` a last day.\n\
         kind: people\npeople:\n",
    );
    for h in holders {
        let _ = writeln!(text, "  - id: \"{h}\"\n    capacity: 1");
    }
    ("people.yaml".into(), fill(&text, "people", "people.yaml"))
}

/// The responsibilities' lines of one role's charter, grouped by area with a comment
/// line each: the role is accountable where `owner` says so, and takes the part
/// [`supporting`] gives it elsewhere.
fn responsibilities(catalog: &[Responsibility], role: &str) -> String {
    lines(catalog, |r| {
        if owner(r) == role {
            Raci::Accountable
        } else {
            supporting(r, role)
        }
    })
}

/// The responsibilities' lines of a charter, grouped by area, with the letter `letter`
/// gives each.
fn lines(catalog: &[Responsibility], letter: impl Fn(&Responsibility) -> Raci) -> String {
    let mut s = String::new();
    for area in area_order(catalog.iter().map(|r| r.area.as_str())) {
        let lines: Vec<(&str, Raci)> = catalog
            .iter()
            .filter(|r| r.area == area)
            .map(|r| (r.id.as_str(), letter(r)))
            .collect();
        let _ = writeln!(s, "  # {}", crate::escape::one_line(area));
        for (id, letter) in lines {
            let _ = writeln!(s, "  {id}: {}", letter.letter());
        }
    }
    s
}

/// Who owns a responsibility in the split: the product owner what the catalog expects
/// of it and the team's work that any role may own (the sprint goals), the product
/// manager everything else.
fn owner(r: &Responsibility) -> &'static str {
    match (r.expected.as_ref().map(|e| e.value.as_str()), r.level) {
        (Some(PO), _) | (None, crate::model::ScopeLevel::Team) => PO,
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

/// Who owns a responsibility in a Scrum team: the role type the Guide names, and for
/// what it gives the whole Scrum Team, the product owner the Sprint Goal (they propose
/// the value a Sprint adds) and the developers the rest (the Definition of Done they
/// adhere to, the Increment they create).
fn scrum_owner(r: &Responsibility) -> &str {
    match r.expected.as_ref().map(|e| e.value.as_str()) {
        Some(t) => t,
        None if r.id == "sprint-goal" => PO,
        None => DEV,
    }
}

/// The part a Scrum role takes in what another role owns: the developers write backlog
/// items with the product owner and plan the Sprint Goal with them; the scrum master
/// is consulted on the Product Goal, the backlog's transparency and the Definition of
/// Done; the product owner on the Definition of Done and the Increment; otherwise
/// informed.
fn scrum_supporting(r: &Responsibility, role: &str) -> Raci {
    match (role, r.id.as_str()) {
        (DEV, "backlog-items" | "sprint-goal") => Raci::Responsible,
        (SM, "product-goal" | "backlog-transparency" | "definition-of-done")
        | (PO, "definition-of-done" | "valuable-increment")
        | (DEV, "backlog-ordering") => Raci::Consulted,
        _ => Raci::Informed,
    }
}

/// The files of the Scrum template: `builtin:scrum`, its three roles, a Product Goal, a
/// Definition of Done and a backlog.
fn scrum_files(fill: &dyn Fn(&str, &str, &str) -> String) -> Vec<(String, String)> {
    let Some(builtin) = crate::catalog::find(crate::catalog::SCRUM_NAME) else {
        return Vec::new();
    };
    let catalog = builtin.catalog().responsibilities;
    let role = |text: &str, id: &str, holder: &str| {
        let letters = lines(&catalog, |r| {
            if scrum_owner(r) == id {
                Raci::Accountable
            } else {
                scrum_supporting(r, id)
            }
        });
        fill(text, "role", &format!("roles/{id}.md"))
            .replace("{{holder}}", holder)
            .replace("{{responsibilities}}", &letters)
    };
    vec![
        (
            "pmpo.yaml".into(),
            fill(include_str!("../init/pmpo-scrum.yaml.tmpl"), "config", "pmpo.yaml"),
        ),
        (
            "roles/product-owner.md".into(),
            role(
                include_str!("../init/scrum-product-owner.md.tmpl"),
                PO,
                "\"po@example.com\"",
            ),
        ),
        (
            "roles/scrum-master.md".into(),
            role(include_str!("../init/scrum-master.md.tmpl"), SM, "\"sm@example.com\""),
        ),
        (
            "roles/developers.md".into(),
            role(
                include_str!("../init/developers.md.tmpl"),
                DEV,
                "\"dev1@example.com\", \"dev2@example.com\", \"dev3@example.com\"",
            ),
        ),
        people(
            fill,
            &[
                "po@example.com",
                "sm@example.com",
                "dev1@example.com",
                "dev2@example.com",
                "dev3@example.com",
            ],
        ),
        (
            "vision.md".into(),
            fill(include_str!("../init/scrum-vision.md.tmpl"), "vision", "vision.md"),
        ),
        (
            "definition-of-done.md".into(),
            fill(
                include_str!("../init/definition-of-done.md.tmpl"),
                "definition-of-done",
                "definition-of-done.md",
            ),
        ),
        (
            "backlog/EX-1-first-day-checklist.md".into(),
            fill(
                include_str!("../init/scrum-backlog-1.md.tmpl"),
                "backlog-item",
                "backlog/EX-1-first-day-checklist.md",
            ),
        ),
        (
            "backlog/EX-2-welcome-email.md".into(),
            fill(
                include_str!("../init/scrum-backlog-2.md.tmpl"),
                "backlog-item",
                "backlog/EX-2-welcome-email.md",
            ),
        ),
    ]
}

/// The files of a template, as (path relative to DIR, contents).
fn files(template: Template) -> Vec<(String, String)> {
    let catalog = crate::catalog::builtin();
    // A modeline only where an editor honours it: yaml-language-server reads `.yaml` and
    // `.yml` files, not the frontmatter of Markdown, where the line would promise
    // completion that never comes (docs/editors.md).
    let fill = |text: &str, kind: &str, rel: &str| {
        let markdown = std::path::Path::new(rel)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        let line = if markdown {
            String::new()
        } else {
            format!("{}\n", modeline(kind, rel))
        };
        text.replace("{{modeline}}", &line)
    };
    if template == Template::Scrum {
        let mut files = scrum_files(&fill);
        for kind in [
            "config",
            "role",
            "vision",
            "definition-of-done",
            "backlog-item",
            "people",
        ] {
            if let Some(schema) = crate::schema::render(kind) {
                files.push((format!("{SCHEMA_DIR}/{kind}.schema.json"), schema));
            }
        }
        return files;
    }
    if template == Template::Scaled {
        return scaled_files(&catalog, &fill);
    }
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
    let holders: Vec<&str> = if combined {
        vec!["you@example.com"]
    } else {
        vec!["pm@example.com", "po@example.com"]
    };
    let mut files: Vec<(String, String)> = vec![
        ("pmpo.yaml".into(), fill(config, "config", "pmpo.yaml")),
        people(&fill, &holders),
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
    for kind in ["config", "role", "vision", "roadmap", "backlog-item", "people"] {
        if let Some(schema) = crate::schema::render(kind) {
            files.push((format!("{SCHEMA_DIR}/{kind}.schema.json"), schema));
        }
    }
    files
}

/// The scaled template: one product, a product manager accountable for everything at
/// the product level, and two teams, each with its own product owner accountable for
/// the team-level work (FORMAT.md, "Products and teams").
fn scaled_files(catalog: &[Responsibility], fill: &dyn Fn(&str, &str, &str) -> String) -> Vec<(String, String)> {
    use crate::model::ScopeLevel;
    const PRODUCT: &str = "our-product";
    let manager_lines = lines(catalog, |r| match r.level {
        ScopeLevel::Product => Raci::Accountable,
        ScopeLevel::Team => supporting(r, PM),
    });
    // A team's product owner does the product-level work the catalog expects of a
    // product owner (it may not be accountable for it from a team).
    let owner_lines = lines(catalog, |r| match (r.level, owner(r)) {
        (ScopeLevel::Team, PO) => Raci::Accountable,
        (ScopeLevel::Product, PO) => Raci::Responsible,
        _ => supporting(r, PO),
    });
    let pm = fill(
        include_str!("../init/product-manager.md.tmpl"),
        "role",
        "roles/product-manager.md",
    )
    .replace("{{holder}}", "\"pm@example.com\"")
    .replacen(
        "\nresponsibilities:",
        &format!("\nscope: {PRODUCT}\nresponsibilities:"),
        1,
    )
    .replace("{{responsibilities}}", &manager_lines)
    .replace("{{combined_note}}", "");
    let po = |team: &str, letter: &str| {
        let rel = format!("roles/{team}-po.md");
        let text = fill(include_str!("../init/product-owner.md.tmpl"), "role", &rel)
            .replace(
                "id: product-owner\ntitle: Product Owner\n",
                &format!("id: {team}-po\ntype: product-owner\ntitle: Product Owner, Team {letter}\n"),
            )
            .replace("{{holder}}", &format!("\"po-{team}@example.com\""))
            .replace(
                "{{reports_to}}",
                &format!("reports_to: product-manager\nscope: {team}           # the team this role serves\n"),
            )
            .replace("{{responsibilities}}", &owner_lines)
            .replace("{{combined_note}}", "")
            .replace("`backlog/`", &format!("`backlog/{team}/`"));
        (rel, text.trim_end().to_string() + "\n")
    };
    let scoped = |text: String, after: &str| text.replacen(after, &format!("{after}\nscope: {PRODUCT}"), 1);
    let item_a = "backlog/team-a/EX-1-first-day-checklist.md";
    let item_b = "backlog/team-b/EX-2-status-page.md";
    let mut files: Vec<(String, String)> = vec![
        (
            "pmpo.yaml".into(),
            fill(include_str!("../init/pmpo-scaled.yaml.tmpl"), "config", "pmpo.yaml"),
        ),
        people(
            fill,
            &["pm@example.com", "po-team-a@example.com", "po-team-b@example.com"],
        ),
        ("roles/product-manager.md".into(), pm.trim_end().to_string() + "\n"),
        po("team-a", "A"),
        po("team-b", "B"),
        (
            "vision.md".into(),
            scoped(
                fill(include_str!("../init/vision.md.tmpl"), "vision", "vision.md"),
                "owner: product-manager     # the role accountable for this vision",
            ),
        ),
        (
            "roadmap.yaml".into(),
            scoped(
                fill(include_str!("../init/roadmap.yaml.tmpl"), "roadmap", "roadmap.yaml"),
                "owner: product-manager     # the role that keeps the roadmap current",
            ),
        ),
        (
            item_a.into(),
            fill(include_str!("../init/backlog-1.md.tmpl"), "backlog-item", item_a),
        ),
        (
            item_b.into(),
            fill(include_str!("../init/backlog-2.md.tmpl"), "backlog-item", item_b),
        ),
    ];
    for kind in ["config", "role", "vision", "roadmap", "backlog-item", "people"] {
        if let Some(schema) = crate::schema::render(kind) {
            files.push((format!("{SCHEMA_DIR}/{kind}.schema.json"), schema));
        }
    }
    files
}

/// # Errors
/// A file it would write exists (without `--force`), or writing failed.
pub(crate) fn run(args: &InitArgs, output: Output, out: &mut dyn Write) -> Result<Outcome, ToolError> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let overwrite = if args.force {
        Overwrite::Force
    } else {
        Overwrite::Refuse
    };
    if args.from_backlog_md {
        let config = dir.join(crate::load::backlog_md::CONFIG);
        if crate::load::backlog_md::detect_file(&config, None, BACKLOG_MD_CONFIG_BYTES).is_none() {
            return Err(ToolError::Usage {
                message: format!(
                    "{} is not a Backlog.md repository: `{}` is missing or is not Backlog.md's settings",
                    shown(&dir),
                    crate::load::backlog_md::CONFIG
                ),
                help: Some("run `backlog init` there first, or leave out --from-backlog-md".into()),
            });
        }
    }
    let files: Vec<(PathBuf, String)> = files(args.template)
        .into_iter()
        // `backlog/` is Backlog.md's: its tasks are the backlog, pmpo adds no example.
        .filter(|(rel, _)| !(args.from_backlog_md && rel.starts_with("backlog/")))
        .map(|(rel, text)| {
            let text = if args.from_backlog_md && rel == "pmpo.yaml" {
                text.replacen(
                    "# pmpo settings. Every field is optional.\n",
                    include_str!("../init/pmpo-backlog-md-note.yaml.tmpl"),
                    1,
                )
            } else {
                text
            };
            (dir.join(rel), text)
        })
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
        let next = "Next: put your people in people.yaml and the charters' `holders:` (until then `pmpo check`\nwarns `placeholder-holder`), your goals in vision.md, then run";
        if args.from_backlog_md {
            let _ = writeln!(
                s,
                "\nbacklog/ is left as it is: pmpo reads its task folders as the backlog.\n{next} `pmpo check {}`.",
                shown(&dir)
            );
        } else {
            let _ = writeln!(s, "\n{next} `pmpo check {}`.", shown(&dir));
        }
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
            // The team's work any role may own (the sprint goals) is the product owner's.
            let po_owns = expected == Some(PO) || (expected.is_none() && r.level == crate::model::ScopeLevel::Team);
            assert_eq!(pm.contains(&a), !po_owns, "{}", r.id);
            assert_eq!(po.contains(&a), po_owns, "{}", r.id);
        }
        assert!(po.contains("  sprint-goals: A\n"));
        assert!(po.contains("  voice-of-customer: R\n"));
        assert!(po.contains("  customer-research: C\n"));
        assert!(pm.contains("  backlog-ordering: C\n"));
        assert!(pm.contains("  team-support: I\n"));
        assert!(pm.starts_with("  # strategy\n"), "{pm}");
    }

    #[test]
    fn each_scrum_role_is_accountable_for_what_the_guide_gives_it() {
        let catalog = crate::catalog::find(crate::catalog::SCRUM_NAME)
            .unwrap()
            .catalog()
            .responsibilities;
        for r in &catalog {
            let owners: Vec<&str> = [PO, SM, DEV]
                .into_iter()
                .filter(|role| scrum_owner(r) == *role)
                .collect();
            assert_eq!(owners.len(), 1, "{} has one owner", r.id);
            if let Some(e) = &r.expected {
                assert_eq!(owners[0], e.value, "{}", r.id);
            }
        }
        let files = files(Template::Scrum);
        let po = &files.iter().find(|(p, _)| p == "roles/product-owner.md").unwrap().1;
        assert!(
            po.contains("  backlog-ordering: A\n") && po.contains("  sprint-goal: A\n"),
            "{po}"
        );
        let devs = &files.iter().find(|(p, _)| p == "roles/developers.md").unwrap().1;
        assert!(
            devs.contains("  definition-of-done: A\n") && devs.contains("  backlog-items: R\n"),
            "{devs}"
        );
        let config = &files.iter().find(|(p, _)| p == "pmpo.yaml").unwrap().1;
        assert!(config.contains("\ncatalog: builtin:scrum\n"), "{config}");
    }

    #[test]
    fn the_pm_po_templates_leave_the_catalog_line_commented_out() {
        for template in [Template::Split, Template::Combined] {
            let files = files(template);
            let config = &files.iter().find(|(p, _)| p == "pmpo.yaml").unwrap().1;
            assert!(config.contains("\n# catalog: builtin:pm-po"), "{config}");
            assert!(!config.contains("\ncatalog:"), "{config}");
        }
    }

    #[test]
    fn no_placeholder_is_left_in_any_file() {
        for template in [Template::Split, Template::Combined, Template::Scrum, Template::Scaled] {
            for (path, text) in files(template) {
                assert!(!text.contains("{{"), "{path}: {text}");
            }
        }
    }
}
