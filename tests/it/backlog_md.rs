//! Backlog.md repositories, read as they are (FORMAT.md, "Backlog.md compatibility").
//!
//! `tests/fixtures/backlog-md` copies the layout, file names and fields Backlog.md writes
//! (`backlog/tasks/task-12 - Title.md`, `backlog/completed/`, `config.yml`, `docs/`,
//! `decisions/`, `archive/`), modelled on the MrLesk/Backlog.md repository's own
//! `backlog/` folder and its task serializer, with the product documents pmpo needs
//! under `product/`. Tests that change a file work on a copy in a temporary directory.

use crate::common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use common::{Pmpo, Workspace, brief, briefs, copy_dir, of_rule};

const FIXTURE: &str = "tests/fixtures/backlog-md";
const TASK_DIRS: [&str; 2] = ["backlog/tasks", "backlog/completed"];

/// Backlog.md's statuses and the pmpo statuses they stand for.
const STATUSES: [(&str, &str); 4] = [
    ("To Do", "ready"),
    ("In Progress", "in-progress"),
    ("Done", "done"),
    ("Won't Do", "dropped"),
];

/// The fixture's task files, root-relative, with their text.
fn tasks(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in TASK_DIRS {
        for entry in std::fs::read_dir(root.join(dir)).expect("a task folder") {
            let path = entry.expect("a directory entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            out.push((format!("{dir}/{name}"), std::fs::read_to_string(&path).expect("a task")));
        }
    }
    out.sort();
    out
}

fn fixture_root() -> std::path::PathBuf {
    common::manifest_dir().join(FIXTURE)
}

/// A copy of the fixture in a temporary directory.
fn copy() -> Workspace {
    Workspace::copy_of(FIXTURE)
}

/// The 1-based line of the first line of `text` that starts with `prefix`.
fn line_of(text: &str, prefix: &str) -> u64 {
    let at = text
        .lines()
        .position(|l| l.starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starts with {prefix:?}"));
    u64::try_from(at + 1).unwrap()
}

fn status_of(text: &str) -> &str {
    text.lines()
        .find_map(|l| l.strip_prefix("status: "))
        .expect("a status line")
}

fn edit(ws: &Workspace, path: &str, change: impl FnOnce(&str) -> String) -> String {
    let file = ws.root().join(path);
    let text = change(&std::fs::read_to_string(&file).unwrap());
    std::fs::write(&file, &text).unwrap();
    text
}

#[test]
fn the_fixture_looks_like_backlog_md() {
    let root = fixture_root();
    for path in [
        "backlog/config.yml",
        "backlog/docs",
        "backlog/decisions",
        "backlog/archive/tasks",
    ] {
        assert!(root.join(path).exists(), "{path}");
    }
    let tasks = tasks(&root);
    assert!(tasks.len() >= 5);
    let mut seen = BTreeMap::new();
    for (path, text) in &tasks {
        let name = path.rsplit('/').next().unwrap();
        let (id, title) = name.split_once(" - ").expect("`<id> - <Title>.md`");
        assert!(
            id.starts_with("task-") && Path::new(title).extension().is_some_and(|e| e == "md"),
            "{name}"
        );
        assert!(
            text.contains(&format!("\nid: {id}\n")),
            "{path}: the id is the file's prefix"
        );
        *seen.entry(status_of(text)).or_insert(0) += 1;
    }
    for (status, _) in STATUSES {
        assert!(seen.contains_key(status), "some task is {status:?}: {seen:?}");
    }
    let all: String = tasks.iter().map(|(_, t)| t.as_str()).collect();
    // Every field FORMAT.md lists as Backlog.md's appears somewhere.
    for field in [
        "assignee",
        "reporter",
        "created_date",
        "updated_date",
        "completed_date",
        "due_date",
        "labels",
        "milestone",
        "dependencies",
        "references",
        "documentation",
        "modified_files",
        "parent_task_id",
        "subtasks",
        "priority",
        "type",
        "ordinal",
    ] {
        assert!(all.contains(&format!("\n{field}:")), "no task has `{field}`");
    }
}

#[test]
fn the_fixture_checks_cleanly() {
    let checked = Pmpo::new(["check", "--format", "json"]).arg(Path::new(FIXTURE)).run();
    let (code, json) = (checked.code(), checked.json());
    assert_eq!(code, 0, "{}", briefs(&json));
    // No finding at all, so none for a field Backlog.md writes (`invalid-field`).
    assert!(common::findings(&json).is_empty(), "{}", briefs(&json));
    // Two charters, the vision, the roadmap and every task; not config.yml, the docs,
    // the decisions or the archive.
    let expected = 4 + tasks(&fixture_root()).len();
    assert_eq!(json["summary"]["documents"], expected);
}

#[test]
fn config_yml_is_skipped_when_it_is_backlog_md_settings() {
    let ws = copy();
    edit(&ws, "pmpo.yaml", |t| {
        assert!(t.contains("\n  backlog: []\n"));
        t.replacen("\n  backlog: []\n", "\n", 1)
    });
    // Backlog.md's settings need no `backlog: []`: they are recognised by their keys.
    let checked = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run();
    let (code, json) = (checked.code(), checked.json());
    assert_eq!(code, 0, "{}", briefs(&json));
    assert!(common::findings(&json).is_empty(), "{}", briefs(&json));

    // A `backlog/config.yml` that is not Backlog.md's is read as the conventions say.
    ws.write("backlog/config.yml", b"items:\n  - id: X-1\n    colour: red\n");
    let checked = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run();
    let (code, json) = (checked.code(), checked.json());
    assert_eq!(code, 1);
    assert!(
        common::findings(&json)
            .iter()
            .any(|f| f["file"] == "backlog/config.yml" && f["rule"] == "invalid-field"),
        "{}",
        briefs(&json)
    );
}

#[test]
fn statuses_map_to_pmpo_statuses() {
    let ws = copy();
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    for (path, text) in tasks(ws.root()) {
        let status = status_of(&text);
        let mapped = STATUSES
            .iter()
            .find(|(from, _)| *from == status)
            .unwrap_or_else(|| panic!("{path}: status {status:?}"))
            .1;
        *expected.entry(mapped.to_string()).or_default() += 1;
        // Trace every task to G1 so the traceability counts show the statuses read.
        edit(&ws, &path, |t| t.replacen("\nstatus: ", "\ngoals: [G1]\nstatus: ", 1));
    }
    let checked = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run();
    let (code, json) = (checked.code(), checked.json());
    assert_eq!(code, 0, "{}", briefs(&json));
    let g1 = json["traceability"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["goal"] == "G1")
        .expect("G1 in the traceability");
    let items: BTreeMap<String, u64> = g1["items"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .collect();
    assert_eq!(items, expected);
}

/// `text` without the lines between Backlog.md's `<!-- TAG:BEGIN -->` and `<!-- TAG:END -->`.
fn without_block(text: &str, tag: &str) -> String {
    let (begin, end) = (format!("<!-- {tag}:BEGIN -->"), format!("<!-- {tag}:END -->"));
    let mut inside = false;
    let mut kept = Vec::new();
    for line in text.lines() {
        if line == begin {
            inside = true;
        } else if line == end {
            inside = false;
        } else if inside {
            continue;
        }
        kept.push(line);
    }
    kept.join("\n")
}

#[test]
fn acceptance_criteria_between_the_markers_count() {
    let root = fixture_root();
    let done = tasks(&root)
        .into_iter()
        .find(|(_, t)| status_of(t) == "Done")
        .expect("a Done task");
    assert!(done.1.contains("<!-- AC:BEGIN -->\n- [x] #1 "), "{}", done.0);
    // The fixture's To Do, In Progress and Done tasks have criteria only between the
    // markers, and none is reported.
    let json = Pmpo::new(["check", "--format", "json"])
        .arg(Path::new(FIXTURE))
        .run()
        .json();
    assert!(of_rule(&json, "missing-acceptance-criteria").is_empty());

    // Without the criteria lines, the same Done task is an error at its heading.
    let ws = copy();
    let text = edit(&ws, &done.0, |t| without_block(t, "AC"));
    // The task keeps its own Definition of Done block: that is its minimum, so the empty
    // criteria heading is a warning (FORMAT.md, "Backlog.md compatibility").
    assert!(text.contains("<!-- DOD:BEGIN -->"), "{text}");
    let json = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run().json();
    let found = of_rule(&json, "missing-acceptance-criteria");
    assert_eq!(found.len(), 1, "{}", briefs(&json));
    assert_eq!(found[0]["file"], done.0.as_str());
    assert_eq!(found[0]["line"], line_of(&text, "## Acceptance Criteria"));
    assert_eq!(found[0]["severity"], "warning");

    // Without its Definition of Done block either, it is an error.
    let text = edit(&ws, &done.0, |t| without_block(t, "DOD"));
    let checked = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run();
    let (code, json) = (checked.code(), checked.json());
    let found = of_rule(&json, "missing-acceptance-criteria");
    assert_eq!(found.len(), 1, "{}", briefs(&json));
    assert_eq!(found[0]["line"], line_of(&text, "## Acceptance Criteria"));
    assert_eq!(found[0]["severity"], "error");
    assert_eq!(code, 1);
}

#[test]
fn ordinal_is_the_order() {
    let ws = copy();
    let open: Vec<(String, String)> = tasks(ws.root())
        .into_iter()
        .filter(|(p, _)| p.starts_with("backlog/tasks/"))
        .collect();
    let (first, second) = (&open[0], &open[1]);
    let ordinal = first
        .1
        .lines()
        .find_map(|l| l.strip_prefix("ordinal: "))
        .expect("an ordinal")
        .to_string();
    let text = edit(&ws, &second.0, |t| {
        t.lines()
            .map(|l| {
                if l.starts_with("ordinal: ") {
                    format!("ordinal: {ordinal}")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    let json = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run().json();
    let found = of_rule(&json, "order-conflict");
    assert_eq!(found.len(), 1, "{}", briefs(&json));
    assert_eq!(found[0]["file"], second.0.as_str(), "{}", brief(found[0]));
    assert_eq!(found[0]["line"], line_of(&text, "ordinal: "));

    // `order` wins over `ordinal` when a file has both.
    edit(&ws, &second.0, |t| {
        t.replacen("\nordinal: ", "\norder: 1\nordinal: ", 1)
    });
    let json = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run().json();
    assert!(of_rule(&json, "order-conflict").is_empty(), "{}", briefs(&json));
}

#[test]
fn an_unquoted_at_name_reads_as_backlog_md_reads_it() {
    let ws = copy();
    let (path, _) = tasks(ws.root())
        .into_iter()
        .find(|(_, t)| t.contains("\nassignee: []\n"))
        .expect("a task with no assignee");
    // YAML forbids `@` to start a plain value, but Backlog.md's own reader quotes an
    // `assignee:` or `reporter:` that starts with one, so its users write them bare.
    let text = edit(&ws, &path, |t| {
        t.replacen("\nassignee: []\n", "\nassignee: @maya\nreporter: [@li, '@noor']\n", 1)
    });
    let checked = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run();
    let (code, json) = (checked.code(), checked.json());
    assert_eq!(code, 0, "{}", briefs(&json));
    assert!(common::findings(&json).is_empty(), "{}", briefs(&json));

    // Outside a Backlog.md repository it is the YAML error it is, at the `@`.
    std::fs::remove_file(ws.root().join("backlog/config.yml")).unwrap();
    let checked = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run();
    let (code, json) = (checked.code(), checked.json());
    assert_eq!(code, 1);
    let found = of_rule(&json, "parse-error");
    assert_eq!(found.len(), 1, "{}", briefs(&json));
    assert_eq!(found[0]["file"], path.as_str());
    assert_eq!(found[0]["line"], line_of(&text, "assignee: @maya"));
    assert_eq!(found[0]["column"], 11, "at the `@`: {}", brief(found[0]));
    // Nothing else goes wrong: the other tasks are read as before.
    assert_eq!(common::findings(&json).len(), 1, "{}", briefs(&json));
}

/// One generated task file.
struct Task {
    n: usize,
    status: &'static str,
    assignee: String,
    ordinal: usize,
    criteria: bool,
}

impl Task {
    fn path(&self) -> String {
        let dir = if self.status == "Done" { "completed" } else { "tasks" };
        format!("backlog/{dir}/task-{} - Improve-trail-segment-{}.md", self.n, self.n)
    }

    fn text(&self) -> String {
        let n = self.n;
        let mut t = format!(
            "---\nid: task-{n}\ntitle: Improve trail segment {n}\nstatus: {}\nassignee: {}\ncreated_date: '2025-06-{:02} 10:00'\nlabels:\n  - area-{}\ndependencies: []\npriority: {}\nordinal: {}\n---\n\n## Description\n\n<!-- SECTION:DESCRIPTION:BEGIN -->\nSegment {n} needs better data.\n<!-- SECTION:DESCRIPTION:END -->\n",
            self.status,
            self.assignee,
            n % 28 + 1,
            n % 5,
            ["high", "medium", "low"][n % 3],
            self.ordinal,
        );
        if self.criteria {
            let check = if self.status == "Done" { "x" } else { " " };
            let _ = write!(
                t,
                "\n## Acceptance Criteria\n<!-- AC:BEGIN -->\n- [{check}] #1 Segment {n} has its height data\n- [{check}] #2 Segment {n} has its surface type\n<!-- AC:END -->\n"
            );
        }
        t
    }
}

#[test]
fn a_generated_backlog_of_hundreds_of_tasks() {
    const N: usize = 320;
    let ws = Workspace::empty();
    for path in ["pmpo.yaml", "product"] {
        let from = fixture_root().join(path);
        if from.is_dir() {
            copy_dir(&from, &ws.root().join(path));
        } else {
            std::fs::copy(from, ws.root().join(path)).unwrap();
        }
    }
    ws.write(
        "backlog/config.yml",
        b"project_name: \"Generated\"\nstatuses: [\"To Do\", \"In Progress\", \"Done\"]\n",
    );
    let mut tasks: Vec<Task> = (1..=N)
        .map(|n| Task {
            n,
            status: ["To Do", "To Do", "In Progress", "Done", "Done", "Won't Do"][n % 6],
            assignee: if n % 4 == 0 {
                "[]".into()
            } else {
                format!("\n  - '@dev{}'", n % 4)
            },
            ordinal: n * 1000,
            criteria: true,
        })
        .collect();
    // The findings this backlog really has, each planted on purpose.
    tasks[41].status = "In Progress";
    tasks[41].criteria = false;
    tasks[76].status = "Done";
    tasks[76].criteria = false;
    tasks[148].status = "To Do";
    tasks[149].status = "To Do";
    tasks[149].ordinal = tasks[148].ordinal;
    // Bare `@name`s, as Backlog.md's reader accepts them: no finding.
    tasks[199].assignee = "@dev2".into();
    let at = |i: usize, rule, prefix| (rule, tasks[i].path(), line_of(&tasks[i].text(), prefix));
    let mut expected = vec![
        at(41, "missing-acceptance-criteria", "status: "),
        at(76, "missing-acceptance-criteria", "status: "),
        at(149, "order-conflict", "ordinal: "),
    ];
    for task in &tasks {
        ws.write(&task.path(), task.text().as_bytes());
    }
    let checked = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run();
    let (code, json) = (checked.code(), checked.json());
    assert_eq!(code, 1, "the Done task without criteria is an error");
    assert_eq!(json["summary"]["documents"], N + 4);
    let mut found: Vec<(&str, String, u64)> = common::findings(&json)
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["file"].as_str().unwrap_or("-").to_string(),
                f["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    found.sort();
    expected.sort();
    assert_eq!(found, expected, "{}", briefs(&json));
}

/// A Backlog.md repository as Backlog.md lays it out, with no `pmpo.yaml`.
const REPO: &str = "tests/fixtures/backlog-md-repo";
const NO_FRONTMATTER: &str = "backlog/tasks/task-5 - Notes-from-the-user-interviews.md";

fn repo_copy() -> Workspace {
    Workspace::copy_of(REPO)
}

/// Every file below `dir`, root-relative, with its bytes.
fn tree(root: &Path, dir: &str) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.join(dir)];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn is_task(file: &str) -> bool {
    [
        "backlog/tasks/",
        "backlog/completed/",
        "backlog/drafts/",
        "backlog/archive/tasks/",
    ]
    .iter()
    .any(|d| file.starts_with(d))
}

/// `pmpo check --format json` on the repository as it is, which has no charter yet:
/// `empty-workspace` would be the whole report, so it is ignored to see what pmpo makes
/// of the task files themselves.
fn check_tasks(path: &Path) -> (i32, serde_json::Value) {
    let run = Pmpo::new(["check", "--format", "json", "--ignore", "empty-workspace"])
        .arg(path)
        .run();
    (run.code(), run.json())
}

#[test]
fn a_backlog_md_repository_with_no_charter_is_told_to_add_them_first() {
    let checked = Pmpo::new(["check", "--format", "json"]).arg(Path::new(REPO)).run();
    let (code, json) = (checked.code(), checked.json());
    assert_eq!(code, 1);
    let rules: Vec<&str> = common::findings(&json)
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["empty-workspace"], "the one thing to do comes alone");
    let help = common::findings(&json)[0]["help"].as_str().unwrap();
    assert!(help.contains("pmpo init --from-backlog-md"), "{help}");
}

#[test]
fn a_backlog_md_repository_needs_no_configuration() {
    let root = common::manifest_dir().join(REPO);
    assert!(!root.join("pmpo.yaml").exists(), "zero configuration");
    let (code, json) = check_tasks(Path::new(REPO));
    assert_eq!(code, 1, "no charters and one task without frontmatter");
    let tasks: Vec<String> = tree(&root, "backlog")
        .into_keys()
        .filter(|f| is_task(f) && Path::new(f).extension().is_some_and(|e| e == "md"))
        .collect();
    assert_eq!(tasks.len(), 11);
    // The task files and nothing else of backlog/: not config.yml, the dependency YAML,
    // docs (with a vision.md of prose), decisions, milestones, assets, archived drafts.
    assert_eq!(json["summary"]["documents"], tasks.len(), "{}", briefs(&json));
    for f in common::findings(&json) {
        let Some(file) = f["file"].as_str() else { continue };
        assert!(
            tasks.iter().any(|t| t == file),
            "a finding outside the task files: {}",
            brief(f)
        );
        match f["rule"].as_str().unwrap() {
            "untraced-item" => {}
            "parse-error" => {
                assert_eq!(file, NO_FRONTMATTER, "{}", brief(f));
                let help = f["help"].as_str().unwrap();
                assert!(help.contains("Backlog.md itself reads this file as a task"), "{help}");
            }
            _ => panic!("not a finding a Backlog.md team would agree with: {}", brief(f)),
        }
    }
    assert_eq!(of_rule(&json, "parse-error").len(), 1);
    // Custom statuses (`Blocked`, `Wontfix`), `Completed`, `Draft`, `Skipped`, a bare
    // `assignee: @maya`, a list or a string of assignees, fractional ordinals, a task's
    // own `## Definition of Done`: none is an `invalid-field` or an `order-conflict`.
    // An archived task is dropped, whatever its status said: no criteria needed.
    assert!(of_rule(&json, "invalid-field").is_empty());
    assert!(of_rule(&json, "order-conflict").is_empty());
}

#[test]
fn fractional_ordinals_are_ranks_compared_as_numbers() {
    let ws = repo_copy();
    let path = "backlog/tasks/task-3 - Sync-over-a-metered-connection.md";
    // task-2 has 62.5; task-3 had 62.25 and now has the same number written otherwise.
    let text = edit(&ws, path, |t| t.replacen("ordinal: 62.25\n", "ordinal: 62.50\n", 1));
    let (_, json) = check_tasks(ws.root());
    let found = of_rule(&json, "order-conflict");
    assert_eq!(found.len(), 1, "{}", briefs(&json));
    assert_eq!(found[0]["file"], path);
    assert_eq!(found[0]["line"], line_of(&text, "ordinal: "));
    assert_eq!(found[0]["message"], "backlog items task-2, task-3 share order 62.5");
}

#[test]
fn init_from_backlog_md_adds_pmpo_beside_backlog_and_passes() {
    let ws = repo_copy();
    std::fs::remove_file(ws.root().join(NO_FRONTMATTER)).unwrap();
    let before = tree(ws.root(), "backlog");
    let dir = ws.root().to_string_lossy().into_owned();
    let o = Pmpo::new(["init", &dir, "--from-backlog-md"]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    for f in [
        "pmpo.yaml",
        "roles/product-manager.md",
        "roles/product-owner.md",
        "vision.md",
        "roadmap.yaml",
    ] {
        assert!(ws.root().join(f).is_file(), "{f}");
    }
    assert_eq!(
        tree(ws.root(), "backlog"),
        before,
        "backlog/ is Backlog.md's: untouched"
    );
    let config = std::fs::read_to_string(ws.root().join("pmpo.yaml")).unwrap();
    assert!(!config.contains("\npaths:"), "no paths needed: {config}");

    // Once the charters (and people.yaml) name real people there is no error, only the
    // warnings of work that serves no goal yet.
    edit(&ws, "people.yaml", |t| {
        t.replace("\"pm@example.com\"", "dana")
            .replace("\"po@example.com\"", "li")
    });
    for (charter, person) in [("product-manager", "dana"), ("product-owner", "li")] {
        edit(&ws, &format!("roles/{charter}.md"), |t| {
            let start = t.find("holders: [").unwrap() + "holders: [".len();
            let end = start + t[start..].find(']').unwrap();
            format!("{}{person}{}", &t[..start], &t[end..])
        });
    }
    let checked = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run();
    let (code, json) = (checked.code(), checked.json());
    assert_eq!(code, 0, "{}", briefs(&json));
    assert_eq!(json["summary"]["errors"], 0, "{}", briefs(&json));
    assert_eq!(
        json["summary"]["documents"],
        10 + 5,
        "ten tasks, two charters, people.yaml, the vision, the roadmap"
    );
    for f in common::findings(&json) {
        assert!(
            ["untraced-item", "shared-responsibility", "goal-without-work"].contains(&f["rule"].as_str().unwrap()),
            "{}",
            brief(f)
        );
    }

    // Statuses: the aliases and the board's own, once every task serves G1.
    for (path, _) in before.iter().filter(|(p, _)| is_task(p)) {
        edit(&ws, path, |t| t.replacen("\nstatus: ", "\ngoals: [G1]\nstatus: ", 1));
    }
    let json = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run().json();
    let g1 = json["traceability"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["goal"] == "G1")
        .expect("G1 in the traceability");
    let items: BTreeMap<String, u64> = g1["items"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .collect();
    let expected: BTreeMap<String, u64> = [
        ("ready", 2),       // To Do, To Do
        ("in-progress", 2), // In Progress, Blocked (listed in config.yml)
        ("done", 2),        // Completed, Done
        ("idea", 1),        // Draft
        ("dropped", 3),     // Wontfix, Skipped, and an archived In Progress
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(items, expected);

    // A second run refuses to overwrite; a folder with no Backlog.md settings is refused.
    let o = Pmpo::new(["init", &dir, "--from-backlog-md"]).run();
    assert_eq!(o.code(), 2);
    let empty = Workspace::new(&[("backlog/tasks/task-1 - A.md", "---\nid: task-1\n---\n")]);
    let o = Pmpo::new(["init", &empty.root().to_string_lossy(), "--from-backlog-md"]).run();
    assert_eq!(o.code(), 2);
    assert!(o.stderr().contains("not a Backlog.md repository"), "{}", o.stderr());
    assert!(!empty.root().join("pmpo.yaml").exists());
}

#[test]
fn a_status_neither_known_nor_listed_is_invalid() {
    let ws = repo_copy();
    let path = "backlog/tasks/task-3 - Sync-over-a-metered-connection.md";
    let text = edit(&ws, path, |t| t.replacen("status: Blocked\n", "status: Paused\n", 1));
    let (_, json) = check_tasks(ws.root());
    let found = of_rule(&json, "invalid-field");
    assert_eq!(found.len(), 1, "{}", briefs(&json));
    assert_eq!(found[0]["file"], path);
    assert_eq!(found[0]["line"], line_of(&text, "status: "));
    assert_eq!(found[0]["message"], "unknown status `Paused`");
    let help = found[0]["help"].as_str().unwrap();
    assert!(
        help.ends_with("or list it under `statuses:` in backlog/config.yml, where it counts as in-progress"),
        "{help}"
    );

    // Listed in the config, it is the board's own column.
    edit(&ws, "backlog/config.yml", |t| {
        t.replacen("\"Blocked\"", "\"Paused\"", 1)
    });
    let json = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run().json();
    assert!(of_rule(&json, "invalid-field").is_empty(), "{}", briefs(&json));
}

#[test]
fn many_tasks_without_frontmatter_are_one_diagnostic_in_human_output() {
    let ws = repo_copy();
    // A charter, so that the workspace is not empty (an empty one reports only that).
    ws.write(
        "roles/product-owner.md",
        b"---\nholders: [dana]\nresponsibilities:\n  backlog-ordering: A\n---\n",
    );
    for n in 0..8 {
        ws.write(
            &format!("backlog/archive/tasks/task-{} - Imported-note.md", 100 + n),
            b"# An imported note\n",
        );
    }
    let json = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run().json();
    assert_eq!(of_rule(&json, "parse-error").len(), 9, "machine formats list every one");
    let o = Pmpo::new(["check", &ws.root().to_string_lossy(), "--color", "never"])
        .env("COLUMNS", "200")
        .run();
    let out = o.stdout();
    assert!(
        // The folder as it opens from where pmpo ran, like every path of the human report.
        out.contains("backlog/archive/tasks: a backlog-item document must begin with YAML frontmatter")
            && out.contains("8 files under "),
        "{out}"
    );
    assert_eq!(
        out.matches("must begin with YAML frontmatter").count(),
        2,
        "the eight as one, task-5 on its own: {out}"
    );
    assert!(out.contains("task-5 - Notes-from-the-user-interviews.md"), "{out}");
}

/// Issue 24: Backlog.md as a team reads it. Finished and archived tasks are history: no
/// `untraced-item`, no `order-conflict`; an id an archived task used again is no
/// `duplicate-id`; a link between two files that are no documents is no finding.
#[test]
fn finished_and_archived_tasks_are_history() {
    let ws = repo_copy();
    ws.write(
        "roles/product-owner.md",
        b"---\nholders: [dana]\nresponsibilities:\n  backlog-ordering: A\n---\n",
    );
    // A done task and a live one on one rank; the live one alone is no conflict.
    ws.write(
        "backlog/tasks/task-20 - Done-one.md",
        b"---\nid: task-20\ntitle: Done one\nstatus: Done\nordinal: 777\n---\n",
    );
    ws.write(
        "backlog/tasks/task-21 - Live-one.md",
        b"---\nid: task-21\ntitle: Live one\nstatus: To Do\nordinal: 777\n---\n",
    );
    // A live task reusing an archived task's id.
    ws.write(
        "backlog/tasks/task-9 - Reused-id.md",
        b"---\nid: task-9\ntitle: Reused id\nstatus: To Do\n---\n",
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink("README.md", ws.root().join("CLAUDE.md")).unwrap();
    let json = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run().json();
    let findings = json["findings"].as_array().unwrap();
    for f in findings {
        let file = f["file"].as_str().unwrap_or("");
        assert!(
            !file.starts_with("backlog/completed/") && !file.starts_with("backlog/archive/"),
            "a finding on a finished or archived task: {f}"
        );
    }
    let subjects = |rule: &str| -> Vec<String> {
        of_rule(&json, rule)
            .iter()
            .filter_map(|f| f["subject"].as_str().map(str::to_string))
            .collect()
    };
    assert!(subjects("duplicate-id").is_empty(), "{}", briefs(&json));
    assert!(of_rule(&json, "order-conflict").is_empty(), "{}", briefs(&json));
    let untraced = subjects("untraced-item");
    assert!(untraced.contains(&"task-21".to_string()), "{untraced:?}");
    assert!(!untraced.contains(&"task-20".to_string()), "{untraced:?}");
    assert!(
        of_rule(&json, "parse-error").iter().all(|f| f["file"] != "CLAUDE.md"),
        "{}",
        briefs(&json)
    );

    // Two live tasks on one rank still conflict, and two live tasks with one id clash.
    ws.write(
        "backlog/tasks/task-20 - Done-one.md",
        b"---\nid: task-20\ntitle: Done one\nstatus: In Progress\nordinal: 777\n---\n",
    );
    ws.write(
        "backlog/tasks/task-22 - Again.md",
        b"---\nid: task-21\ntitle: Again\nstatus: To Do\n---\n",
    );
    let json = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run().json();
    assert_eq!(of_rule(&json, "order-conflict").len(), 1, "{}", briefs(&json));
    assert_eq!(subjects_of(&json, "duplicate-id"), ["task-21"], "{}", briefs(&json));
}

fn subjects_of(json: &serde_json::Value, rule: &str) -> Vec<String> {
    of_rule(json, rule)
        .iter()
        .filter_map(|f| f["subject"].as_str().map(str::to_string))
        .collect()
}

/// Issue 24: `pmpo check` right after `init --from-backlog-md` reads top to bottom as a
/// list of things to do: the error first, then the placeholders init's "Next:" names,
/// then the tasks still to do; nothing on finished or archived tasks; short.
#[test]
fn check_after_init_reads_as_a_list_of_things_to_do() {
    let ws = repo_copy();
    let root = ws.root().to_string_lossy().to_string();
    let o = Pmpo::new(["init", "--from-backlog-md", &root, "-q"]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let o = Pmpo::new(["check", &root, "--color", "never"])
        .env("COLUMNS", "100")
        .run();
    let out = o.stdout();
    assert!(out.lines().count() <= 150, "{out}");
    let marks: Vec<&str> = out
        .lines()
        .filter_map(|l| l.strip_prefix("  × ").or_else(|| l.strip_prefix("  ⚠ ")))
        .collect();
    assert!(
        out.lines()
            .find(|l| l.starts_with("  × ") || l.starts_with("  ⚠ "))
            .unwrap()
            .starts_with("  × "),
        "{out}"
    );
    let placeholder = marks.iter().position(|m| m.contains("placeholder")).expect(&out);
    let untraced = marks.iter().position(|m| m.contains("serves no goal")).expect(&out);
    assert!(placeholder < untraced, "{out}");
    assert!(
        !out.contains("backlog/completed/") && !out.contains("backlog/archive/"),
        "{out}"
    );
}
