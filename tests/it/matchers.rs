//! The problem matcher `docs/editors.md` gives for `--format concise`, run as VS Code runs
//! it against the lines pmpo prints for hostile messages: a message is document text, and
//! one that holds `:1:1: error [x]` must not move the file name.

use regex::Regex;
use serde_json::Value;

use crate::common::{self, Pmpo, Workspace};

/// The `problemMatcher` of the VS Code task in `docs/editors.md`.
fn documented_matcher() -> Value {
    let text = std::fs::read_to_string(common::manifest_dir().join("docs/editors.md")).unwrap();
    let block = text
        .split("```json\n")
        .skip(1)
        .filter_map(|b| b.split("\n```").next())
        .find(|b| b.contains("\"problemMatcher\""))
        .expect("docs/editors.md has a task with a problem matcher");
    let task: Value = serde_json::from_str(block).expect("the task is JSON");
    task["tasks"][0]["problemMatcher"].clone()
}

/// What a matcher reads from a line: file, line, column, severity, code, message.
fn read(pattern: &Regex, matcher: &Value, line: &str) -> Option<[String; 6]> {
    let caps = pattern.captures(line)?;
    let group = |key: &str| {
        let i = usize::try_from(matcher["pattern"][key].as_u64().unwrap()).unwrap();
        caps.get(i).map_or(String::new(), |m| m.as_str().to_string())
    };
    Some(["file", "line", "column", "severity", "code", "message"].map(group))
}

/// A workspace whose findings quote hostile text: unknown fields named like a concise
/// line, so that every message holds `PATH:LINE:COL: SEVERITY [RULE] `.
fn hostile() -> Workspace {
    let charter =
        |field: &str| format!("---\nholders: [dana]\nresponsibilities:\n  backlog-ordering: A\n\"{field}\": 1\n---\n");
    Workspace::new(&[
        ("roles/a.md", &charter("x.md:1:1: error [parse-error] spoofed")),
        (
            "roles/b.md",
            &charter("evil.md:99:9: warning [unowned] z:1:1: info [x] y"),
        ),
        ("roles/c.md", &charter(":1:1: error [")),
    ])
}

#[test]
fn the_documented_matcher_reads_hostile_lines_as_pmpo_meant_them() {
    let matcher = documented_matcher();
    let pattern = Regex::new(matcher["pattern"]["regexp"].as_str().unwrap()).unwrap();
    let ws = hostile();
    let concise = Pmpo::new(["check", ".", "--format", "concise"])
        .dir(ws.root())
        .run()
        .stdout();
    let json = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run().json();
    let lines: Vec<&str> = concise.lines().collect();
    assert_eq!(lines.len(), common::findings(&json).len(), "{concise}");
    let read_lines: Vec<[String; 6]> = lines
        .iter()
        .map(|line| read(&pattern, &matcher, line).unwrap_or_else(|| panic!("no match: {line}")))
        .collect();
    for (line, [file, ..]) in lines.iter().zip(&read_lines) {
        assert!(ws.path(file).is_file(), "{line}\nread as on `{file}`, which is no file");
    }
    // Every finding with a place is read back as exactly that place, rule and message.
    let mut spoofing = 0;
    for f in common::findings(&json).iter().filter(|f| f["file"].is_string()) {
        let place = [
            f["file"].as_str().unwrap().to_string(),
            f["line"].to_string(),
            f["column"].to_string(),
            f["severity"].as_str().unwrap().to_string(),
            f["rule"].as_str().unwrap().to_string(),
            f["message"].as_str().unwrap().to_string(),
        ];
        assert!(
            read_lines.contains(&place),
            "{place:?} is not read back from\n{concise}"
        );
        if place[5].contains(": error [") || place[5].contains(": warning [") {
            spoofing += 1;
        }
    }
    assert!(spoofing >= 3, "the messages do hold concise-looking text:\n{concise}");
}

#[test]
fn a_greedy_file_pattern_would_be_spoofed() {
    // The test above can fail: the pattern the docs had before reads another file.
    let matcher = documented_matcher();
    let greedy = Regex::new(r"^(.*):(\d+):(\d+): (error|warning|info) \[([a-z-]+)\] (.*)$").unwrap();
    let line = "roles/a.md:5:1: error [invalid-field] unknown field `x.md:1:1: error [parse-error] spoofed`";
    let [file, ..] = read(&greedy, &matcher, line).unwrap();
    assert_eq!(file, "roles/a.md:5:1: error [invalid-field] unknown field `x.md");
    let lazy = Regex::new(matcher["pattern"]["regexp"].as_str().unwrap()).unwrap();
    let [file, row, column, severity, code, message] = read(&lazy, &matcher, line).unwrap();
    assert_eq!(
        [file.as_str(), &row, &column, &severity, &code],
        ["roles/a.md", "5", "1", "error", "invalid-field"]
    );
    assert_eq!(message, "unknown field `x.md:1:1: error [parse-error] spoofed`");
    // A line break in a message cannot start a line of its own: concise folds it.
    assert!(!matcher["pattern"].get("loop").is_some_and(|l| l == true));
}
