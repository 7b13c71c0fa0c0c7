//! What the integration tests share: run the built binary the way a user would (with
//! the few environment settings that make its output deterministic), read its JSON
//! report, make throwaway workspaces, copy fixtures, check XML, find `../shared`.
//!
//! Not every module uses every helper, hence the `dead_code` allowance.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The day waivers are judged against, so that `until` dates do not rot.
pub const TODAY: &str = "2026-11-26";

/// A line on the test's stderr that the harness does not capture (it captures only the
/// print macros), so that CI's log shows what a test checked or skipped.
pub fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Whether this runs in CI: `CI=true`, as GitHub Actions, GitLab and `.ci/run` set it
/// (`1` too, as some other services do).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// `rel` in the `shared/` directory beside the clone (the spec, the seed articles, the
/// SARIF schema): below `$PMPO_SHARED_DIR`, which `.ci/run` exports, or `../shared`.
///
/// When it is absent, a check that quietly returned would pass without checking
/// anything: in CI ([`in_ci`]) that fails the test, naming the path; elsewhere the test
/// says what it leaves unchecked (`what`) and the caller skips it.
pub fn shared(rel: &str, what: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("PMPO_SHARED_DIR")
        .filter(|d| !d.is_empty())
        .map_or_else(|| manifest_dir().join("../shared"), PathBuf::from);
    let path = dir.join(rel);
    if path.exists() {
        return Some(path);
    }
    let note = format!(
        "{} does not exist (PMPO_SHARED_DIR names the shared/ directory beside the clone; \
         .ci/run sets it): {what} NOT checked",
        path.display()
    );
    assert!(!in_ci(), "{note}, and in CI (CI=true) that is a failure");
    say(&note);
    None
}

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
    check_json_with(path, &[])
}

/// [`check_json`] with more arguments; `&["--ignore", "empty-workspace"]` sees what pmpo
/// makes of a workspace without charters, whose report would otherwise be that finding alone.
pub fn check_json_with(path: &Path, args: &[&str]) -> (i32, Value) {
    let output = run(pmpo().args(["check", "--format", "json"]).args(args).arg(path));
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

/// The one throwaway directory of the tests: a directory of its own under the system
/// temp dir (made by `tempfile`, so names never collide between tests or runs), removed
/// on drop. A test that writes files writes them here, as a workspace or beside one.
pub struct Workspace {
    /// Held for its drop, which removes the directory.
    dir: tempfile::TempDir,
    /// `dir` with links resolved, so that paths pmpo prints compare equal to ours.
    root: PathBuf,
}

impl Workspace {
    /// A directory holding `files` (path relative to the root, text).
    pub fn new(files: &[(&str, &str)]) -> Workspace {
        let dir = tempfile::Builder::new()
            .prefix("pmpo-test-")
            .tempdir()
            .expect("a temporary directory");
        let root = std::fs::canonicalize(dir.path()).expect("the temporary directory resolves");
        let ws = Workspace { dir, root };
        for (path, text) in files {
            ws.write(path, text);
        }
        ws
    }

    /// An empty directory.
    pub fn empty() -> Workspace {
        Workspace::new(&[])
    }

    /// A copy of the directory `from` (a fixture or an example, relative to the crate).
    pub fn copy_of(from: &str) -> Workspace {
        let ws = Workspace::empty();
        copy_dir(&manifest_dir().join(from), ws.root());
        ws
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `rel` below the root.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// `rel` below the root, as a command-line argument.
    pub fn arg(&self, rel: &str) -> String {
        self.path(rel).to_string_lossy().into_owned()
    }

    /// Write `rel` below the root, creating its directories.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        write(&self.root, rel, bytes);
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

/// Write `rel` below `dir`, creating its directories.
pub fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("a parent directory")).expect("create directories");
    std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
}

/// Copy the tree `from` to `to`, following links (fixtures hold none).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{}: {e}", to.display()));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.expect("a directory entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
        }
    }
}

/// The binary run in `dir` without colour and without a job summary to append to, and
/// nothing else pinned: the way of the tests that need no fixed date or width.
pub fn plain(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pmpo"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

/// Run pmpo with `args` in the crate's root directory, the [`plain`] way (charter,
/// matrix, init, catalog, scrum, docs).
pub fn pmpo_run(args: &[&str]) -> Output {
    pmpo_in(&manifest_dir(), args)
}

/// Run pmpo with `args` in `dir`, the [`plain`] way.
pub fn pmpo_in(dir: &Path, args: &[&str]) -> Output {
    plain(dir).args(args).output().expect("pmpo runs")
}

/// A path in the crate, as a string for an argument.
pub fn repo(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

/// Check that `text` is well-formed XML as far as an SVG needs: every tag closes in
/// order, attribute values are quoted, and text holds no raw `<` and only the five
/// predefined entities or numeric ones. Returns the tag names in document order.
pub fn well_formed_xml(text: &str) -> Result<Vec<String>, String> {
    let mut stack: Vec<String> = Vec::new();
    let mut names = Vec::new();
    let mut rest = text;
    let check_entities = |s: &str| -> Result<(), String> {
        let mut parts = s.split('&');
        parts.next();
        for p in parts {
            let end = p.find(';').ok_or_else(|| format!("bare & in {s:?}"))?;
            let name = &p[..end];
            let known = matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")
                || (name.starts_with('#') && name[1..].trim_start_matches('x').chars().all(|c| c.is_ascii_hexdigit()));
            if !known {
                return Err(format!("unknown entity &{name}; in {s:?}"));
            }
        }
        Ok(())
    };
    while let Some(open) = rest.find('<') {
        let text_part = &rest[..open];
        if text_part.contains('>') {
            return Err(format!("raw > in text {text_part:?}"));
        }
        check_entities(text_part)?;
        let close = rest[open..].find('>').ok_or("unclosed tag")? + open;
        let tag = &rest[open + 1..close];
        rest = &rest[close + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let top = stack.pop().ok_or("close without open")?;
            if top != name {
                return Err(format!("</{name}> closes <{top}>"));
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name: String = tag.chars().take_while(|c| !c.is_whitespace()).collect();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':') {
            return Err(format!("bad tag name in <{tag}>"));
        }
        // Attributes: name="value" pairs, values free of < and ".
        let mut attrs = tag[name.len()..].trim();
        while !attrs.is_empty() {
            let eq = attrs
                .find("=\"")
                .ok_or_else(|| format!("unquoted attribute in <{tag}>"))?;
            let end = attrs[eq + 2..].find('"').ok_or("unterminated attribute")? + eq + 2;
            let value = &attrs[eq + 2..end];
            if value.contains('<') {
                return Err(format!("< in attribute {value:?}"));
            }
            check_entities(value)?;
            attrs = attrs[end + 1..].trim_start();
        }
        names.push(name.clone());
        if !self_closing {
            stack.push(name);
        }
    }
    check_entities(rest)?;
    if !stack.is_empty() {
        return Err(format!("unclosed {stack:?}"));
    }
    Ok(names)
}
