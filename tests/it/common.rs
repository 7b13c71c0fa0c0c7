//! Helpers shared by the integration tests: run the built binary the way a user would,
//! with the few environment settings that make its output deterministic.
//!
//! Each `tests/*.rs` file is its own crate and uses only some of these, hence the
//! `dead_code` allowance.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The day waivers are judged against, so that `until` dates do not rot.
pub const TODAY: &str = "2026-11-26";

/// The crate root; fixture and example paths are given relative to it.
pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Rules of CLI.md (tests/spec) that are not implemented yet (tests/spec/PENDING).
pub fn pending_rules() -> Vec<String> {
    std::fs::read_to_string(manifest_dir().join("tests/spec/PENDING"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// The binary, run from the crate root with a fixed date and width and no colour
/// settings inherited from the developer's shell.
pub fn pmpo() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmpo"));
    cmd.current_dir(manifest_dir())
        .env("PMPO_TODAY", TODAY)
        .env("COLUMNS", "100")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR");
    cmd
}

pub fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the pmpo binary runs")
}

pub fn code(output: &Output) -> i32 {
    output.status.code().expect("pmpo exits with a code, not a signal")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// `pmpo check PATH --format json`: the exit code and the parsed document. Fails the
/// test when stdout is not pure JSON or stderr is not empty.
pub fn check_json(path: &Path) -> (i32, Value) {
    let output = run(pmpo().args(["check", "--format", "json"]).arg(path));
    let code = code(&output);
    assert!(
        output.stderr.is_empty(),
        "pmpo check {} --format json wrote to stderr (exit {code}):\n{}",
        path.display(),
        stderr(&output)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "pmpo check {} --format json printed no JSON ({e}), exit {code}:\n{}",
            path.display(),
            stdout(&output)
        )
    });
    (code, json)
}

/// The findings of a JSON report.
pub fn findings(json: &Value) -> &[Value] {
    json["findings"].as_array().expect("`findings` is an array")
}

/// The findings of one rule.
pub fn of_rule<'a>(json: &'a Value, rule: &str) -> Vec<&'a Value> {
    findings(json).iter().filter(|f| f["rule"] == rule).collect()
}

/// A finding in a few words, for assertion messages.
pub fn brief(f: &Value) -> String {
    format!(
        "{} {}:{}:{} [{}] {}",
        f["rule"].as_str().unwrap_or("?"),
        f["file"].as_str().unwrap_or("-"),
        f["line"],
        f["column"],
        f["subject"].as_str().unwrap_or("-"),
        f["message"].as_str().unwrap_or("?")
    )
}

pub fn briefs(json: &Value) -> String {
    findings(json).iter().map(brief).collect::<Vec<_>>().join("\n")
}

/// A workspace written into a temporary directory, removed on drop.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new(files: &[(&str, &str)]) -> Workspace {
        let ws = Workspace {
            dir: tempfile::Builder::new()
                .prefix("pmpo-test-")
                .tempdir()
                .expect("a temporary directory"),
        };
        for (path, text) in files {
            ws.write(path, text.as_bytes());
        }
        ws
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, path: &str, bytes: &[u8]) {
        let p = self.dir.path().join(path);
        std::fs::create_dir_all(p.parent().expect("a parent directory")).expect("create directories");
        std::fs::write(p, bytes).expect("write a workspace file");
    }
}
