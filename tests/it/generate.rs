//! The benchmark generator and a 1,000-item check, kept working by CI (not timed).
//!
//! The generator's code is included from `examples/generate/` so the test exercises the
//! very writer the benchmark runs; `pmpo check` runs as the built binary.

#[path = "../../examples/generate/workspace.rs"]
#[allow(dead_code)]
mod workspace;

use std::collections::BTreeMap;
use std::path::Path;

use workspace::{Layout, Options};

use crate::common::{Pmpo, Workspace};

fn catalog() -> Vec<(String, String, Option<String>)> {
    pmpo::api::builtin()
        .into_iter()
        .map(|r| (r.id, r.area, r.expected.map(|e| e.value)))
        .collect()
}

fn options(items: usize, seed: u64, layout: Layout) -> Options {
    Options {
        items,
        seed,
        layout,
        force: false,
    }
}

/// Every file below `root`, by relative path.
fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn check_json(root: &Path) -> (Vec<u8>, serde_json::Value) {
    let out = Pmpo::new(["check", "--format", "json"]).arg(root).run();
    assert!(
        out.code() <= 1,
        "pmpo could not run: {}",
        String::from_utf8_lossy(out.stderr_bytes())
    );
    let json = serde_json::from_slice(out.stdout_bytes()).expect("check prints JSON");
    (out.stdout_bytes().to_vec(), json)
}

fn rules_of(json: &serde_json::Value) -> BTreeMap<String, usize> {
    let mut rules = BTreeMap::new();
    for f in json["findings"].as_array().unwrap() {
        *rules.entry(f["rule"].as_str().unwrap().to_string()).or_default() += 1;
    }
    rules
}

#[test]
fn a_thousand_items_are_deterministic_and_check_cleanly() {
    let temp = Workspace::empty();
    let (a, b, c) = (temp.root().join("a"), temp.root().join("b"), temp.root().join("c"));
    let written = workspace::generate(&a, &options(1000, 42, Layout::Pmpo), &catalog()).unwrap();
    workspace::generate(&b, &options(1000, 42, Layout::Pmpo), &catalog()).unwrap();
    workspace::generate(&c, &options(1000, 43, Layout::Pmpo), &catalog()).unwrap();

    let files = tree(&a);
    assert_eq!(files.len(), written.files);
    assert_eq!(files.len(), 1003, "1,000 items, two charters and a vision");
    assert!(files == tree(&b), "the same seed writes the same bytes");
    assert!(files != tree(&c), "another seed writes other items");

    let items: Vec<_> = files.iter().filter(|(p, _)| p.starts_with("backlog/")).collect();
    assert_eq!(items.len(), 1000);
    for (path, text) in &items {
        assert!((700..=1500).contains(&text.len()), "{path} is {} bytes", text.len());
    }
    let without_goals = items
        .iter()
        .map(|(_, t)| String::from_utf8_lossy(t))
        // Finished work is history: done, accepted and dropped items are never untraced.
        .filter(|t| {
            !t.contains("\ngoals: ")
                && !["dropped", "done", "accepted"]
                    .iter()
                    .any(|s| t.contains(&format!("\nstatus: {s}\n")))
        })
        .count();

    let (first, json) = check_json(&a);
    let (second, _) = check_json(&a);
    assert!(first == second, "two checks of one tree print the same bytes");
    assert_eq!(json["summary"]["documents"], 1003);
    assert_eq!(json["summary"]["errors"], 0, "{json}");
    // The only findings are the live items the generator left without a goal, on purpose.
    let rules = rules_of(&json);
    assert_eq!(rules.get("untraced-item").copied().unwrap_or(0), without_goals);
    assert!(
        without_goals > 0,
        "the generator leaves about one item in a hundred untraced"
    );
    assert_eq!(rules.len(), 1, "{rules:?}");
    let covered = json["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["status"] == "covered");
    assert!(covered, "the generated charters cover the built-in catalog");
}

#[test]
fn the_backlog_md_layout_reads_as_backlog_items() {
    let temp = Workspace::empty();
    let root = temp.root().join("w");
    workspace::generate(&root, &options(200, 7, Layout::BacklogMd), &catalog()).unwrap();
    let files = tree(&root);
    let tasks: Vec<_> = files.keys().filter(|p| p.starts_with("backlog/tasks/task-")).collect();
    assert_eq!(tasks.len(), 200);
    assert!(files.contains_key("backlog/config.yml"));

    let (_, json) = check_json(&root);
    assert_eq!(json["summary"]["documents"], 203, "config.yml is not a backlog list");
    let rules = rules_of(&json);
    // Backlog.md has no goals, so every task still to do is untraced (a done one is
    // history); nothing else may be wrong: its fields are known, its statuses aliases,
    // its AC markers criteria.
    let open = tasks
        .iter()
        .filter(|p| !String::from_utf8_lossy(&files[**p]).contains("\nstatus: Done\n"))
        .count();
    assert!(open > 0 && open < 200, "{open}");
    assert_eq!(rules.get("untraced-item"), Some(&open), "{rules:?}");
    for rule in [
        "parse-error",
        "invalid-field",
        "missing-acceptance-criteria",
        "order-conflict",
    ] {
        assert!(!rules.contains_key(rule), "{rule}: {rules:?}");
    }
}

#[test]
fn the_generator_never_writes_outside_its_directory() {
    let temp = Workspace::empty();
    let opts = options(3, 1, Layout::Pmpo);

    let up = temp.root().join("x").join("..").join("y");
    let err = workspace::generate(&up, &opts, &catalog()).unwrap_err();
    assert!(err.contains(".."), "{err}");
    assert!(!temp.root().join("y").exists());

    let full = temp.root().join("full");
    std::fs::create_dir_all(&full).unwrap();
    std::fs::write(full.join("keep.txt"), "mine").unwrap();
    let err = workspace::generate(&full, &opts, &catalog()).unwrap_err();
    assert!(err.contains("not empty"), "{err}");
    assert!(!full.join("vision.md").exists(), "nothing written after a refusal");

    #[cfg(unix)]
    {
        // A link planted where the generator writes is replaced, never written through.
        let outside = temp.root().join("outside.md");
        std::fs::write(&outside, "untouched").unwrap();
        std::os::unix::fs::symlink(&outside, full.join("vision.md")).unwrap();
        let forced = Options { force: true, ..opts };
        workspace::generate(&full, &forced, &catalog()).unwrap();
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "untouched");
        assert!(
            !std::fs::symlink_metadata(full.join("vision.md"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(full.join("keep.txt")).unwrap(), "mine");

        // A linked directory is refused, as target and inside it.
        let real = temp.root().join("real");
        std::fs::create_dir_all(&real).unwrap();
        let link = temp.root().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert!(workspace::generate(&link, &opts, &catalog()).is_err());
        let inner = temp.root().join("inner");
        std::fs::create_dir_all(&inner).unwrap();
        std::os::unix::fs::symlink(&real, inner.join("roles")).unwrap();
        let err = workspace::generate(&inner, &forced, &catalog()).unwrap_err();
        assert!(err.contains("not a real directory"), "{err}");
        assert_eq!(
            std::fs::read_dir(&real).unwrap().count(),
            0,
            "nothing written through the link"
        );
    }
}

/// Issue 28: 10,000 backlog items, every one of them left without a goal so that each is
/// a finding on the page too, give a page under 10 MB in a few seconds (here a debug
/// build, so the bound is generous; docs/ci.md gives the release build's figures).
#[test]
fn ten_thousand_items_make_a_page_under_ten_megabytes_in_seconds() {
    let temp = Workspace::empty();
    let root = temp.root().join("w");
    workspace::generate(&root, &options(10_000, 1, Layout::Pmpo), &catalog()).unwrap();
    let goals = regex::Regex::new(r"(?m)^goals: .*\n").unwrap();
    for (rel, bytes) in tree(&root).into_iter().filter(|(p, _)| p.starts_with("backlog/")) {
        let text = String::from_utf8(bytes).unwrap();
        std::fs::write(root.join(&rel), goals.replace(&text, "").as_bytes()).unwrap();
    }
    let started = std::time::Instant::now();
    let out = Pmpo::new(["check", "--format", "html"]).arg(&root).run();
    let took = started.elapsed();
    assert_eq!(out.code(), 0, "{}", String::from_utf8_lossy(out.stderr_bytes()));
    let page = out.stdout();
    crate::common::say(&format!("10,000 items: a page of {} bytes in {took:?}", page.len()));
    let (_, json) = check_json(&root);
    let findings = json["findings"].as_array().unwrap().len();
    // Every unfinished item is untraced (finished ones are history and draw none).
    assert!(findings > 5_000, "every unfinished item is untraced: {findings}");
    assert_eq!(
        page.matches("<td><span class=\"sev ").count(),
        findings,
        "every finding on the page"
    );
    assert!(page.len() < 10_000_000, "{} bytes", page.len());
    assert!(took.as_secs() < 20, "{took:?}");
}
