//! `pmpo init [DIR] --template split|combined|scaled|scrum [--from-backlog-md]`: a first
//! workspace that passes `pmpo check`; beside an existing Backlog.md `backlog/`, the same
//! files but the example backlog items, and `backlog/` untouched.
//!
//! Each template is a [`Layout`], plain data: its roles' defaults (id, type, title,
//! holders, whom they report to, the scope they serve, the letter they take in each
//! responsibility) and the documents it writes. The prose and example documents are
//! files under `src/init/` (ending in `.tmpl`, so that pmpo run on its own repository
//! does not read them as documents); the role charters get their `responsibilities:`
//! from the built-in catalog the layout uses (`builtin:pm-po`, or `builtin:scrum` for
//! `scrum`), so they cover whatever it holds. Every target is checked before the first
//! is written: without `--force`, one existing file means nothing is written (exit 2).

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Outcome, Output};
use crate::cli::{InitArgs, Template};
use crate::error::ToolError;
use crate::facts::area_order;
use crate::model::{Raci, Responsibility, ScopeLevel};
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

/// What one template writes, in the order `init` writes and lists it: `pmpo.yaml`, the
/// role charters and `people.yaml` for their holders, the documents, the schemas.
struct Layout {
    /// The template of `pmpo.yaml`.
    config: &'static str,
    /// The built-in catalog the charters' `responsibilities:` come from.
    catalog: &'static str,
    roles: &'static [Role],
    /// Whether `people.yaml` comes after the charters (Scrum) rather than before them.
    people_last: bool,
    documents: &'static [Document],
    /// The kinds whose JSON Schemas are written under [`SCHEMA_DIR`], in this order.
    schemas: &'static [&'static str],
}

/// A role's defaults: what its charter, `roles/{id}.md`, is filled with.
struct Role {
    id: &'static str,
    /// The role's type, written as `type:` where it is not the id (a team's product owner).
    kind: Option<&'static str>,
    title: &'static str,
    /// The placeholder holders, written quoted in `holders:` and listed in `people.yaml`.
    holders: &'static [&'static str],
    /// The lines after `holders:`: whom the role reports to, the scope it serves.
    links: &'static str,
    /// The letter the role takes in each responsibility of the layout's catalog.
    letter: fn(&Responsibility) -> Raci,
    /// The folder of the backlog its prose names.
    backlog: &'static str,
    /// What follows its prose: the combined layout's caution, or nothing.
    note: &'static str,
    /// The charter's template under `src/init/`.
    template: &'static str,
}

/// A document written from its template as it is, with its modeline and its scope.
struct Document {
    /// Where it is written, relative to DIR.
    path: &'static str,
    /// Its kind, for the modeline's schema.
    kind: &'static str,
    /// The `scope:` it is written with, or none.
    scope: Option<&'static str>,
    template: &'static str,
}

const MANAGER_CHARTER: &str = include_str!("../init/product-manager.md.tmpl");
const OWNER_CHARTER: &str = include_str!("../init/product-owner.md.tmpl");
const COMBINED_NOTE: &str = include_str!("../init/combined-note.md.tmpl");

/// The split's product manager; the other roles of the PM/PO layouts differ from it.
const MANAGER: Role = Role {
    id: PM,
    kind: None,
    title: "Product Manager",
    holders: &["pm@example.com"],
    links: "",
    letter: split_manager,
    backlog: "backlog/",
    note: "",
    template: MANAGER_CHARTER,
};

/// The split's product owner.
const OWNER: Role = Role {
    id: PO,
    title: "Product Owner",
    holders: &["po@example.com"],
    links: "reports_to: product-manager\n",
    letter: split_owner,
    template: OWNER_CHARTER,
    ..MANAGER
};

/// A team's product owner in the scaled layout: accountable for the team-level work.
const TEAM_OWNER: Role = Role {
    kind: Some(PO),
    letter: team_owner,
    ..OWNER
};

/// The vision and the roadmap of the PM/PO layouts, as they are or scoped to the product.
const VISION: Document = Document {
    path: "vision.md",
    kind: "vision",
    scope: None,
    template: include_str!("../init/vision.md.tmpl"),
};
const ROADMAP: Document = Document {
    path: "roadmap.yaml",
    kind: "roadmap",
    scope: None,
    template: include_str!("../init/roadmap.yaml.tmpl"),
};

/// The two example backlog items of the PM/PO layouts.
const ITEM_1: Document = Document {
    path: "backlog/EX-1-first-day-checklist.md",
    kind: "backlog-item",
    scope: None,
    template: include_str!("../init/backlog-1.md.tmpl"),
};
const ITEM_2: Document = Document {
    path: "backlog/EX-2-status-page.md",
    template: include_str!("../init/backlog-2.md.tmpl"),
    ..ITEM_1
};

/// The schemas of the PM/PO layouts.
const PM_PO_SCHEMAS: &[&str] = &["config", "role", "vision", "roadmap", "backlog-item", "people"];

/// A product manager and a product owner, each held by their own person.
const SPLIT: Layout = Layout {
    config: include_str!("../init/pmpo-split.yaml.tmpl"),
    catalog: crate::catalog::BUILTIN_NAME,
    roles: &[MANAGER, OWNER],
    people_last: false,
    documents: &[VISION, ROADMAP, ITEM_1, ITEM_2],
    schemas: PM_PO_SCHEMAS,
};

/// The split's two roles held by one person, with a note on what slips first.
const COMBINED: Layout = Layout {
    config: include_str!("../init/pmpo-combined.yaml.tmpl"),
    roles: &[
        Role {
            holders: &["you@example.com"],
            note: COMBINED_NOTE,
            ..MANAGER
        },
        Role {
            holders: &["you@example.com"],
            links: "",
            note: COMBINED_NOTE,
            ..OWNER
        },
    ],
    ..SPLIT
};

/// One product manager accountable for everything at the product level, and two teams,
/// each with its own product owner accountable for the team-level work (FORMAT.md,
/// "Products and teams").
const SCALED: Layout = Layout {
    config: include_str!("../init/pmpo-scaled.yaml.tmpl"),
    roles: &[
        Role {
            links: "scope: our-product\n",
            letter: scaled_manager,
            ..MANAGER
        },
        Role {
            id: "team-a-po",
            title: "Product Owner, Team A",
            holders: &["po-team-a@example.com"],
            links: "reports_to: product-manager\nscope: team-a           # the team this role serves\n",
            backlog: "backlog/team-a/",
            ..TEAM_OWNER
        },
        Role {
            id: "team-b-po",
            title: "Product Owner, Team B",
            holders: &["po-team-b@example.com"],
            links: "reports_to: product-manager\nscope: team-b           # the team this role serves\n",
            backlog: "backlog/team-b/",
            ..TEAM_OWNER
        },
    ],
    documents: &[
        Document {
            scope: Some("our-product"),
            ..VISION
        },
        Document {
            scope: Some("our-product"),
            ..ROADMAP
        },
        Document {
            path: "backlog/team-a/EX-1-first-day-checklist.md",
            ..ITEM_1
        },
        Document {
            path: "backlog/team-b/EX-2-status-page.md",
            ..ITEM_2
        },
    ],
    ..SPLIT
};

/// The Scrum team's product owner; its other two roles differ from it.
const SCRUM_OWNER: Role = Role {
    id: PO,
    kind: None,
    title: "Product Owner",
    holders: &["po@example.com"],
    links: "",
    letter: scrum_product_owner,
    backlog: "backlog/",
    note: "",
    template: include_str!("../init/scrum-product-owner.md.tmpl"),
};

/// A Scrum team under `builtin:scrum`: its three roles, a Product Goal, a Definition of
/// Done and a backlog.
const SCRUM: Layout = Layout {
    config: include_str!("../init/pmpo-scrum.yaml.tmpl"),
    catalog: crate::catalog::SCRUM_NAME,
    roles: &[
        SCRUM_OWNER,
        Role {
            id: SM,
            title: "Scrum Master",
            holders: &["sm@example.com"],
            letter: scrum_master,
            template: include_str!("../init/scrum-master.md.tmpl"),
            ..SCRUM_OWNER
        },
        Role {
            id: DEV,
            title: "Developers",
            holders: &["dev1@example.com", "dev2@example.com", "dev3@example.com"],
            letter: scrum_developers,
            template: include_str!("../init/developers.md.tmpl"),
            ..SCRUM_OWNER
        },
    ],
    people_last: true,
    documents: &[
        Document {
            template: include_str!("../init/scrum-vision.md.tmpl"),
            ..VISION
        },
        Document {
            path: "definition-of-done.md",
            kind: "definition-of-done",
            scope: None,
            template: include_str!("../init/definition-of-done.md.tmpl"),
        },
        Document {
            template: include_str!("../init/scrum-backlog-1.md.tmpl"),
            ..ITEM_1
        },
        Document {
            path: "backlog/EX-2-welcome-email.md",
            template: include_str!("../init/scrum-backlog-2.md.tmpl"),
            ..ITEM_1
        },
    ],
    schemas: &[
        "config",
        "role",
        "vision",
        "definition-of-done",
        "backlog-item",
        "people",
    ],
};

/// The layout of a template.
fn layout(template: Template) -> &'static Layout {
    match template {
        Template::Split => &SPLIT,
        Template::Combined => &COMBINED,
        Template::Scaled => &SCALED,
        Template::Scrum => &SCRUM,
    }
}

/// The `yaml-language-server` modeline for a file of `kind` written at `rel` (relative
/// to the workspace root): the schema path is relative to the file, as the language
/// server resolves it.
#[must_use]
pub(crate) fn modeline(kind: &str, rel: &str) -> String {
    let up = "../".repeat(rel.matches('/').count());
    format!("# yaml-language-server: $schema={up}{SCHEMA_DIR}/{kind}.schema.json")
}

/// `text` with its modeline, for a file of `kind` written at `rel`. A modeline only
/// where an editor honours it: yaml-language-server reads `.yaml` and `.yml` files, not
/// the frontmatter of Markdown, where the line would promise completion that never
/// comes (docs/editors.md).
fn fill(text: &str, kind: &str, rel: &str) -> String {
    let markdown = Path::new(rel).extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
    let line = if markdown {
        String::new()
    } else {
        format!("{}\n", modeline(kind, rel))
    };
    text.replace("{{modeline}}", &line)
}

/// The files of a template, as (path relative to DIR, contents).
fn files(template: Template) -> Vec<(String, String)> {
    let layout = layout(template);
    let catalog = crate::catalog::find(layout.catalog)
        .map(|b| b.catalog().responsibilities)
        .unwrap_or_default();
    let charters = layout.roles.iter().map(|role| charter(role, &catalog));
    let people = people(layout.roles);
    let mut files = vec![("pmpo.yaml".to_string(), fill(layout.config, "config", "pmpo.yaml"))];
    if layout.people_last {
        files.extend(charters);
        files.push(people);
    } else {
        files.push(people);
        files.extend(charters);
    }
    files.extend(layout.documents.iter().map(document));
    for kind in layout.schemas {
        if let Some(schema) = crate::schema::render(kind) {
            files.push((format!("{SCHEMA_DIR}/{kind}.schema.json"), schema));
        }
    }
    files
}

/// A role's charter from its template and its defaults.
fn charter(role: &Role, catalog: &[Responsibility]) -> (String, String) {
    let rel = format!("roles/{}.md", role.id);
    let mut identity = format!("id: {}\n", role.id);
    if let Some(kind) = role.kind {
        let _ = writeln!(identity, "type: {kind}");
    }
    let _ = writeln!(identity, "title: {}", role.title);
    let holders: Vec<String> = role.holders.iter().map(|h| format!("\"{h}\"")).collect();
    let text = fill(role.template, "role", &rel)
        .replace("{{identity}}", &identity)
        .replace("{{holder}}", &holders.join(", "))
        .replace("{{links}}", role.links)
        .replace("{{responsibilities}}", &lines(catalog, role.letter))
        .replace("{{backlog}}", role.backlog)
        .replace("{{combined_note}}", role.note);
    (rel, text.trim_end().to_string() + "\n")
}

/// A document from its template, with its modeline and its scope.
fn document(doc: &Document) -> (String, String) {
    let scope = doc.scope.map(|s| format!("scope: {s}\n")).unwrap_or_default();
    let text = fill(doc.template, doc.kind, doc.path).replace("{{scope}}", &scope);
    (doc.path.to_string(), text)
}

/// `people.yaml` for the placeholder holders of a layout's roles, each once: who they
/// are, once real names replace them (FORMAT.md, "people").
fn people(roles: &[Role]) -> (String, String) {
    let mut text = String::from(
        "{{modeline}}# Who the holders are. Replace each placeholder with a real person (and the same\n\
         # name in the charters' `holders:`). `name` is shown in reports, `aliases` are other\n\
         # spellings charters may use, `capacity` the share of a week for these roles (1 = full\n\
         # time), `github` the account `pmpo codeowners` writes, `until` a last day.\n\
         kind: people\npeople:\n",
    );
    let mut seen: Vec<&str> = Vec::new();
    for h in roles.iter().flat_map(|r| r.holders.iter().copied()) {
        if !seen.contains(&h) {
            seen.push(h);
            let _ = writeln!(text, "  - id: \"{h}\"\n    capacity: 1");
        }
    }
    ("people.yaml".into(), fill(&text, "people", "people.yaml"))
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
        (Some(PO), _) | (None, ScopeLevel::Team) => PO,
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

/// The split's product manager: accountable for what [`owner`] gives it.
fn split_manager(r: &Responsibility) -> Raci {
    if owner(r) == PM {
        Raci::Accountable
    } else {
        supporting(r, PM)
    }
}

/// The split's product owner: accountable for what [`owner`] gives it.
fn split_owner(r: &Responsibility) -> Raci {
    if owner(r) == PO {
        Raci::Accountable
    } else {
        supporting(r, PO)
    }
}

/// The scaled layout's product manager: accountable for everything at the product level.
fn scaled_manager(r: &Responsibility) -> Raci {
    match r.level {
        ScopeLevel::Product => Raci::Accountable,
        ScopeLevel::Team => supporting(r, PM),
    }
}

/// A team's product owner: accountable for the team-level work the split gives the
/// product owner, and doing the product-level work the catalog expects of a product
/// owner (it may not be accountable for it from a team).
fn team_owner(r: &Responsibility) -> Raci {
    match (r.level, owner(r)) {
        (ScopeLevel::Team, PO) => Raci::Accountable,
        (ScopeLevel::Product, PO) => Raci::Responsible,
        _ => supporting(r, PO),
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

/// The letter a Scrum role takes: accountable for what [`scrum_owner`] gives it; of
/// what another role owns, the developers write backlog items with the product owner
/// and plan the Sprint Goal with them; the scrum master is consulted on the Product
/// Goal, the backlog's transparency and the Definition of Done; the product owner on
/// the Definition of Done and the Increment; otherwise informed.
fn scrum_letter(r: &Responsibility, role: &str) -> Raci {
    if scrum_owner(r) == role {
        return Raci::Accountable;
    }
    match (role, r.id.as_str()) {
        (DEV, "backlog-items" | "sprint-goal") => Raci::Responsible,
        (SM, "product-goal" | "backlog-transparency" | "definition-of-done")
        | (PO, "definition-of-done" | "valuable-increment")
        | (DEV, "backlog-ordering") => Raci::Consulted,
        _ => Raci::Informed,
    }
}

/// The Scrum product owner's letters ([`scrum_letter`]).
fn scrum_product_owner(r: &Responsibility) -> Raci {
    scrum_letter(r, PO)
}

/// The scrum master's letters ([`scrum_letter`]).
fn scrum_master(r: &Responsibility) -> Raci {
    scrum_letter(r, SM)
}

/// The developers' letters ([`scrum_letter`]).
fn scrum_developers(r: &Responsibility) -> Raci {
    scrum_letter(r, DEV)
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
        let pm = lines(&catalog, split_manager);
        let po = lines(&catalog, split_owner);
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
