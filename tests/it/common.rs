//! What the integration tests share: [`Pmpo`], the one way to run the built binary the
//! way a user would (with the few environment settings that make its output
//! deterministic) and read what it printed, and helpers to read its JSON report, make
//! throwaway workspaces, copy fixtures, check XML and find `../shared`.
//!
//! Not every module uses every helper, hence the `dead_code` allowance.

#![allow(dead_code)]

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

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

/// One run of the built binary, set up the way a user would run it: the one way the
/// tests run pmpo.
///
/// Every run starts in the crate root (fixture and example paths are relative to it)
/// with the settings that make the output the same on every machine: `PMPO_TODAY` fixed
/// to [`TODAY`], `COLUMNS=100`, and no colour setting (`NO_COLOR`, `CLICOLOR`,
/// `CLICOLOR_FORCE`, `FORCE_COLOR`) or job summary (`GITHUB_STEP_SUMMARY`) inherited from
/// the developer's shell or the CI runner. Standard input is empty unless [`Pmpo::stdin`]
/// gives it.
pub struct Pmpo {
    bin: OsString,
    args: Vec<OsString>,
    dir: PathBuf,
    /// Set (`Some`) or removed (`None`), in order, over the inherited environment.
    env: Vec<(String, Option<OsString>)>,
    stdin: Vec<u8>,
    memory_cap: bool,
    time_limit: Option<Duration>,
}

impl Pmpo {
    /// The path of the binary under test.
    pub const BIN: &str = env!("CARGO_BIN_EXE_pmpo");

    /// `pmpo ARGS`, from the crate root.
    pub fn new<I, S>(args: I) -> Pmpo
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut env = vec![
            ("PMPO_TODAY".to_string(), Some(TODAY.into())),
            ("COLUMNS".to_string(), Some("100".into())),
        ];
        for var in [
            "NO_COLOR",
            "CLICOLOR",
            "CLICOLOR_FORCE",
            "FORCE_COLOR",
            "GITHUB_STEP_SUMMARY",
        ] {
            env.push((var.to_string(), None));
        }
        Pmpo {
            bin: Pmpo::BIN.into(),
            args: Vec::new(),
            dir: manifest_dir(),
            env,
            stdin: Vec::new(),
            memory_cap: false,
            time_limit: None,
        }
        .args(args)
    }

    /// One more argument.
    pub fn arg(self, arg: impl AsRef<OsStr>) -> Pmpo {
        self.args([arg])
    }

    /// More arguments.
    pub fn args<I, S>(mut self, args: I) -> Pmpo
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.args.extend(args.into_iter().map(|a| a.as_ref().to_os_string()));
        self
    }

    /// Run in `dir` instead of the crate root.
    pub fn dir(mut self, dir: impl AsRef<Path>) -> Pmpo {
        self.dir = dir.as_ref().to_path_buf();
        self
    }

    /// Set an environment variable (over the settings above too).
    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Pmpo {
        self.env.push((key.to_string(), Some(value.as_ref().to_os_string())));
        self
    }

    /// Remove an environment variable.
    pub fn env_remove(mut self, key: &str) -> Pmpo {
        self.env.push((key.to_string(), None));
        self
    }

    /// What the run reads on standard input.
    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Pmpo {
        self.stdin = bytes.into();
        self
    }

    /// Run another build of pmpo (an older one, to see a test fail there).
    pub fn bin(mut self, bin: impl AsRef<OsStr>) -> Pmpo {
        self.bin = bin.as_ref().to_os_string();
        self
    }

    /// Run under a 2 GiB address-space cap (`ulimit -v` in `sh`), so that input which
    /// blew up the memory would kill the run rather than the machine.
    pub fn memory_cap(mut self) -> Pmpo {
        self.memory_cap = true;
        self
    }

    /// Kill the run and fail the test when it has not ended after `limit`.
    pub fn time_limit(mut self, limit: Duration) -> Pmpo {
        self.time_limit = Some(limit);
        self
    }

    /// The command line, for assertion messages.
    fn line(&self) -> String {
        std::iter::once(OsStr::new("pmpo"))
            .chain(self.args.iter().map(OsString::as_os_str))
            .map(OsStr::to_string_lossy)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The command as set up, for a test that spawns it itself (to read its output as it
    /// comes or point it somewhere else); standard input is not set.
    pub fn command(&self) -> Command {
        let mut cmd = if self.memory_cap {
            let mut sh = Command::new("sh");
            sh.arg("-c").arg("ulimit -v 2097152; exec \"$0\" \"$@\"").arg(&self.bin);
            sh
        } else {
            Command::new(&self.bin)
        };
        cmd.args(&self.args).current_dir(&self.dir);
        for (key, value) in &self.env {
            match value {
                Some(value) => cmd.env(key, value),
                None => cmd.env_remove(key),
            };
        }
        cmd
    }

    /// Run to the end and collect the exit code and both outputs.
    pub fn run(self) -> Run {
        let line = self.line();
        let mut cmd = self.command();
        let stdin = if self.stdin.is_empty() {
            Stdio::null()
        } else {
            Stdio::piped()
        };
        cmd.stdin(stdin).stdout(Stdio::piped()).stderr(Stdio::piped());
        let started = Instant::now();
        let mut child = cmd.spawn().expect("the pmpo binary runs");
        // Threads of their own, so that no pipe that fills up can block the run.
        let input = self.stdin;
        let writer = child.stdin.take().map(|mut pipe| {
            std::thread::spawn(move || {
                let _ = std::io::Write::write_all(&mut pipe, &input);
            })
        });
        let read = |pipe: Option<Box<dyn std::io::Read + Send>>| {
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                if let Some(mut pipe) = pipe {
                    let _ = pipe.read_to_end(&mut buf);
                }
                buf
            })
        };
        let stdout = read(child.stdout.take().map(|p| Box::new(p) as _));
        let stderr = read(child.stderr.take().map(|p| Box::new(p) as _));
        let status = loop {
            if let Some(status) = child.try_wait().expect("pmpo can be waited for") {
                break status;
            }
            if self.time_limit.is_some_and(|limit| started.elapsed() > limit) {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{line} did not finish within {:?}", self.time_limit);
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let elapsed = started.elapsed();
        if let Some(writer) = writer {
            let _ = writer.join();
        }
        Run {
            status,
            stdout: stdout.join().expect("stdout is read"),
            stderr: stderr.join().expect("stderr is read"),
            elapsed,
            line,
        }
    }
}

/// What a [`Pmpo`] run left: its exit status, its two outputs and how long it took.
pub struct Run {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    elapsed: Duration,
    line: String,
}

impl Run {
    /// The exit code; fails the test when the run ended by a signal.
    pub fn code(&self) -> i32 {
        self.status.code().unwrap_or_else(|| {
            panic!(
                "{} ended by a signal, not with an exit code; stderr:\n{}",
                self.line,
                String::from_utf8_lossy(&self.stderr)
            )
        })
    }

    /// The exit code, or `None` when the run was ended by a signal (a memory cap's kill).
    pub fn code_or_signal(&self) -> Option<i32> {
        self.status.code()
    }

    /// Standard output, which must be UTF-8.
    pub fn stdout(&self) -> String {
        String::from_utf8(self.stdout.clone()).unwrap_or_else(|e| panic!("{}: stdout is not UTF-8: {e}", self.line))
    }

    /// Standard error, which must be UTF-8.
    pub fn stderr(&self) -> String {
        String::from_utf8(self.stderr.clone()).unwrap_or_else(|e| panic!("{}: stderr is not UTF-8: {e}", self.line))
    }

    /// Standard output as bytes.
    pub fn stdout_bytes(&self) -> &[u8] {
        &self.stdout
    }

    /// Standard error as bytes.
    pub fn stderr_bytes(&self) -> &[u8] {
        &self.stderr
    }

    /// How long the run took, from start to exit.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// Standard output read as one JSON document. Fails the test when stdout is not pure
    /// JSON or stderr is not empty.
    pub fn json(&self) -> Value {
        assert!(
            self.stderr.is_empty(),
            "{} wrote to stderr (exit {:?}):\n{}",
            self.line,
            self.status.code(),
            String::from_utf8_lossy(&self.stderr)
        );
        serde_json::from_slice(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "{} printed no JSON ({e}), exit {:?}:\n{}",
                self.line,
                self.status.code(),
                String::from_utf8_lossy(&self.stdout)
            )
        })
    }
}

/// The summary line ends with the elapsed time, the one part of the output that differs
/// between runs.
pub fn redact_elapsed(text: &str) -> String {
    text.lines()
        .map(|line| match line.rfind(" (") {
            Some(at) if line.starts_with("pmpo: ") && line.ends_with("s)") => format!("{} (ELAPSED)", &line[..at]),
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
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

/// `found` if it can be run, else `None`: a failure in CI (`CI=true`), a skip said aloud
/// elsewhere, for the consumers' own validators that `.ci/run` installs.
pub fn tool(found: Option<PathBuf>, what: &str) -> Option<PathBuf> {
    if found.is_none() {
        let note = format!("{what} is not installed (`.ci/run` installs it), so this check did not run");
        assert!(!in_ci(), "{note}, and in CI (CI=true) that is a failure");
        say(&format!("skipped: {note}"));
    }
    found
}

/// The first of `names` found in `.ci/venv/bin`, else on `PATH`.
pub fn on_path(names: &[&str]) -> Option<PathBuf> {
    let venv = manifest_dir().join(".ci/venv/bin");
    let paths = std::env::var_os("PATH").unwrap_or_default();
    std::iter::once(venv)
        .chain(std::env::split_paths(&paths))
        .flat_map(|d| names.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}
