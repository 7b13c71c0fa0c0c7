//! Hostile input through the binary: the workspace a pull request from anyone could
//! contain. Every hostile file must become a finding; the run must finish (a hang
//! guard kills it after a minute, far beyond its normal fraction of a second), under a
//! memory cap, with exit code 1 and nothing raw from the documents on the terminal.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Workspace, write};

/// xorshift64*: deterministic "random" bytes without a dependency.
fn random_bytes(n: usize, mut state: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
        })
        .collect()
}

/// The hostile workspace at `ws/` in a directory of its own, with a secret beside it.
fn hostile_workspace() -> (Workspace, PathBuf) {
    let dir = Workspace::empty();
    let base = dir.root().to_path_buf();
    let root = base.join("ws");
    std::fs::create_dir_all(&root).unwrap();
    write(
        &root,
        "roles/product-owner.md",
        "---\ntitle: \"Product \\e[2J\\e]0;pwned\\a Owner\"\nholders: [dana]\nresponsibilities:\n  user-stories: A\n---\n",
    );
    write(
        &root,
        "vision.md",
        "---\nowner: product-owner\ngoals:\n  - id: G1\n    title: \"Grow \\e[31mred\\e[0m \\u202etxet\"\n---\n",
    );
    let mut bomb = String::from("kind: backlog\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let mut prev = "a".to_string();
    for i in 0..12 {
        let refs = vec![format!("*{prev}"); 10].join(", ");
        let _ = writeln!(bomb, "l{i}: &l{i} [{refs}]");
        prev = format!("l{i}");
    }
    write(&root, "backlog/bomb.yaml", bomb);
    write(
        &root,
        "backlog/nested.yaml",
        format!("kind: backlog\nitems: {}{}\n", "[".repeat(200_000), "]".repeat(200_000)),
    );
    let mut big = String::from("---\nid: BIG-1\n---\n");
    let line = format!("{}\n", "x".repeat(99));
    big.push_str(&line.repeat(300_000));
    write(&root, "backlog/big.md", big);
    write(&root, "backlog/random.md", random_bytes(4096, 0x9e37_79b9_7f4a_7c15));
    write(&root, "backlog/nul.md", b"---\nid: NUL-1\n---\nbinary\0data\n");
    // Escapes written the YAML way reach the model as real control characters...
    write(
        &root,
        "backlog/escape.md",
        "---\nid: ESC-1\ntitle: \"\\e[31mred\\e[0m\"\nstatus: \"\\e[1mready\"\ngoals: [G1]\n---\n",
    );
    // ...and raw ones are not valid YAML at all.
    write(
        &root,
        "backlog/raw-escape.md",
        "---\nid: ESC-2\ntitle: \"\u{1b}[31mred\u{1b}[0m\"\n---\n",
    );
    write(&base, "secret.md", "---\nkind: role\nholders: [mallory]\n---\n");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(base.join("secret.md"), root.join("roles/outside.md")).unwrap();
        std::os::unix::fs::symlink("..", root.join("roles/loop")).unwrap();
    }
    (dir, root)
}

fn run_bounded(args: &[&str], dir: &Path) -> (i32, Vec<u8>) {
    // A memory cap for the whole process: a bomb that got through would be killed.
    let script = "ulimit -v 2097152; exec \"$0\" \"$@\"";
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_pmpo"))
        .args(args)
        .arg(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut buf).unwrap();
        buf
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("pmpo did not finish on the hostile workspace");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status.code().unwrap_or(-1), reader.join().unwrap())
}

#[test]
fn every_hostile_file_is_a_finding_and_the_run_ends() {
    let (_guard, root) = hostile_workspace();
    let (code, out) = run_bounded(&["check", "--format", "json"], &root);
    assert_eq!(code, 1, "{}", String::from_utf8_lossy(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
    let findings = doc["findings"].as_array().unwrap();
    let on = |file: &str, rule: &str| findings.iter().any(|f| f["file"] == file && f["rule"] == rule);
    for file in [
        "backlog/bomb.yaml",
        "backlog/nested.yaml",
        "backlog/big.md",
        "backlog/random.md",
        "backlog/nul.md",
        "backlog/raw-escape.md",
    ] {
        assert!(on(file, "parse-error"), "no parse-error for {file}: {findings:#?}");
    }
    #[cfg(unix)]
    {
        assert!(
            on("roles/outside.md", "parse-error"),
            "the link out of the root is reported"
        );
        assert!(on("roles/loop", "parse-error"), "the link loop is reported");
        assert!(
            !out.windows(7).any(|w| w == b"mallory"),
            "nothing is read through the link out of the root"
        );
    }
    assert!(
        on("backlog/escape.md", "invalid-field"),
        "the escaped status is an unknown status"
    );
    assert!(
        findings.iter().any(|f| f["rule"] == "orphaned-strategic"),
        "the rest of the workspace is still checked"
    );
}

#[test]
fn nothing_from_documents_reaches_the_terminal_raw() {
    let (_guard, root) = hostile_workspace();
    let (code, out) = run_bounded(&["check", "--color", "never"], &root);
    assert_eq!(code, 1);
    let text = String::from_utf8(out).expect("human output is UTF-8");
    assert!(!text.contains('\u{1b}'), "an escape character reached the output");
    assert!(!text.contains('\u{7}'), "a bell reached the output");
    assert!(!text.contains('\u{202e}'), "a bidi override reached the output");
    assert!(
        text.contains("\\u{1b}[31mred"),
        "the goal title is shown, escaped:\n{text}"
    );
}

// ---------------------------------------------------------------------------------
// Issue 10: links to secrets, special files, blow-ups, writes, wrong results. Each
// case is built here at test time, run under the same memory cap and hang guard, and
// checked for its exit code and for the canary: a secret value in the environment
// that `/proc/self/environ` of the pmpo process holds, and in files outside the root.
// ---------------------------------------------------------------------------------

/// What one run printed.
struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    elapsed: Duration,
}

impl Run {
    fn text(&self) -> String {
        format!(
            "exit {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code,
            String::from_utf8_lossy(&self.stdout[..self.stdout.len().min(4000)]),
            String::from_utf8_lossy(&self.stderr[..self.stderr.len().min(4000)])
        )
    }

    /// No byte sequence of the canary in either stream.
    fn assert_no_canary(&self) {
        for (name, bytes) in [("stdout", &self.stdout), ("stderr", &self.stderr)] {
            assert!(
                !bytes.windows(CANARY.len()).any(|w| w == CANARY.as_bytes()),
                "the canary reached {name}:\n{}",
                self.text()
            );
        }
    }
}

const CANARY: &str = "PMPO_CANARY_7f3a9c51e2";

/// Run pmpo with `args` in `cwd` under a 2 GiB address-space cap, the canary in its
/// environment, killed (and failed) after `limit`.
fn run_capped(args: &[&str], cwd: &Path, envs: &[(&str, &str)], limit: Duration) -> Run {
    let script = "ulimit -v 2097152; exec \"$0\" \"$@\"";
    // PMPO_TEST_BIN runs these cases against another build (an older pmpo, to see
    // them fail there).
    let bin = std::env::var_os("PMPO_TEST_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_pmpo").into());
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(script)
        .arg(bin)
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("PMPO_SECRET_TOKEN", CANARY)
        .env_remove("PMPO_TODAY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut buf);
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stderr, &mut buf);
        buf
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("pmpo {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        elapsed: started.elapsed(),
    }
}

const MINUTE: Duration = Duration::from_secs(60);

/// A small valid workspace: two roles, a vision, an item.
/// `pmpo check --format json ROOT`, run from `cwd`, capped at a minute.
fn check_json(root: &Path, cwd: &Path) -> Run {
    run_capped(&["check", "--format", "json", root.to_str().unwrap()], cwd, &[], MINUTE)
}

/// A throwaway directory holding `small_workspace` at `ws/`.
fn small() -> (Workspace, PathBuf) {
    let t = Workspace::empty();
    let root = t.root().join("ws");
    small_workspace(&root);
    (t, root)
}

fn small_workspace(root: &Path) {
    write(
        root,
        "roles/product-owner.md",
        "---\ntitle: Product Owner\nholders: [dana]\nresponsibilities:\n  user-stories: A\n---\n# PO\n",
    );
    write(
        root,
        "roles/product-manager.md",
        "---\ntitle: Product Manager\nholders: [maria]\nresponsibilities:\n  product-vision: A\n---\n# PM\n",
    );
    write(
        root,
        "vision.md",
        "---\nowner: product-manager\ngoals:\n  - id: G1\n    title: Grow\n---\n",
    );
    write(
        root,
        "backlog/A-1.md",
        "---\nid: A-1\ntitle: First\nstatus: idea\norder: 1\ngoals: [G1]\n---\n",
    );
}

fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo").arg(path).status().is_ok_and(|s| s.success())
}

const FORMATS: [&str; 6] = ["human", "json", "sarif", "github", "junit", "markdown"];

#[cfg(unix)]
#[test]
fn no_secret_is_reached_through_a_link_in_any_format() {
    use std::os::unix::fs::symlink;
    let (t, root) = small();
    write(
        t.root(),
        "secret.md",
        format!("---\nid: S-1\ntitle: {CANARY}\n---\n{CANARY}\n"),
    );
    symlink("/proc/self/environ", root.join("backlog/env.md")).unwrap();
    symlink(t.root().join("secret.md"), root.join("backlog/secret.md")).unwrap();
    symlink("/proc/self/environ", root.join("roles/env.md")).unwrap();
    for format in FORMATS {
        let run = run_capped(
            &["check", "--format", format, "--color", "never", root.to_str().unwrap()],
            t.root(),
            &[("GITHUB_STEP_SUMMARY", t.root().join("summary.md").to_str().unwrap())],
            MINUTE,
        );
        assert_eq!(run.code, 1, "{format}: {}", run.text());
        run.assert_no_canary();
        let summary = std::fs::read(t.root().join("summary.md")).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&summary).contains(CANARY),
            "{format}: the job summary"
        );
    }
    // pmpo.yaml itself a link to the environment: refused, exit 2, in every format.
    symlink("/proc/self/environ", root.join("pmpo.yaml")).unwrap();
    for format in FORMATS {
        let run = run_capped(
            &["check", "--format", format, root.to_str().unwrap()],
            t.root(),
            &[],
            MINUTE,
        );
        assert_eq!(run.code, 2, "{format}: {}", run.text());
        run.assert_no_canary();
    }
    std::fs::remove_file(root.join("pmpo.yaml")).unwrap();
    // A pmpo.yaml that is a link to a file inside the root is still read.
    write(&root, "config/pmpo.yaml", "rules:\n  no-such-rule: off\n");
    symlink("config/pmpo.yaml", root.join("pmpo.yaml")).unwrap();
    let run = run_capped(&["check", root.to_str().unwrap()], t.root(), &[], MINUTE);
    assert_eq!(run.code, 2, "the linked pmpo.yaml is read: {}", run.text());
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("no-such-rule"),
        "{}",
        run.text()
    );
}

#[cfg(unix)]
#[test]
fn charter_check_follows_no_link_in_the_output_folder() {
    use std::os::unix::fs::symlink;
    let (t, root) = small();
    write(t.root(), "secret.txt", format!("{CANARY}\n"));
    let out = t.root().join("charters");
    std::fs::create_dir_all(&out).unwrap();
    symlink(t.root().join("secret.txt"), out.join("product-owner.md")).unwrap();
    symlink("/proc/self/environ", out.join("stale.md")).unwrap();
    let args = [
        "charter",
        "--all",
        root.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--check",
    ];
    let run = run_capped(&args, t.root(), &[], MINUTE);
    assert_eq!(run.code, 2, "{}", run.text());
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("symbolic link"),
        "{}",
        run.text()
    );
    run.assert_no_canary();
    // Raw escapes in a committed charter are escaped in the diff.
    std::fs::remove_file(out.join("product-owner.md")).unwrap();
    std::fs::write(out.join("product-owner.md"), "old \u{1b}]0;pwned\u{7} title\n").unwrap();
    let run = run_capped(&args, t.root(), &[], MINUTE);
    assert_eq!(run.code, 1, "{}", run.text());
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(text.contains("\\u{1b}]0;pwned\\u{7}"), "{}", run.text());
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{}", run.text());
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_stdin_never_block_or_grow() {
    use std::os::unix::fs::symlink;
    let (t, root) = small();
    assert!(
        mkfifo(&root.join("backlog/fifo.md")),
        "mkfifo (coreutils) makes the FIFOs"
    );
    assert!(mkfifo(&root.join("pipe")));
    symlink("../pipe", root.join("backlog/pipe.md")).unwrap();
    symlink("/dev/zero", root.join("backlog/zero.md")).unwrap();
    symlink("/dev/stdin", root.join("backlog/stdin.md")).unwrap();
    let r = root.to_str().unwrap();
    for format in ["human", "json"] {
        let run = run_capped(&["check", "--format", format, r], t.root(), &[], MINUTE);
        assert_eq!(run.code, 1, "{format}: {}", run.text());
        assert!(run.stdout.len() < 1_000_000, "{format}: output stays small");
    }
    // The baseline paths a user names: a FIFO, /dev/zero, stdin.
    for baseline in [root.join("pipe").to_str().unwrap(), "/dev/zero", "/dev/stdin"] {
        let run = run_capped(&["check", r, "--baseline", baseline], t.root(), &[], MINUTE);
        assert_eq!(run.code, 2, "--baseline {baseline}: {}", run.text());
        // The message is wrapped to the terminal's width wherever the path ends: read it
        // as one line.
        let err = String::from_utf8_lossy(&run.stderr).replace('│', " ");
        let err = err.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(err.contains("not a") && err.contains("regular file"), "{}", run.text());
    }
    for baseline in [root.join("pipe").to_str().unwrap(), "/dev/zero"] {
        let run = run_capped(&["check", r, "--write-baseline", baseline], t.root(), &[], MINUTE);
        assert_eq!(run.code, 2, "--write-baseline {baseline}: {}", run.text());
    }
    // charter --check meets a FIFO where a charter should be, and one among the files.
    let out = t.root().join("charters");
    std::fs::create_dir_all(&out).unwrap();
    assert!(mkfifo(&out.join("other.md")));
    let args = ["charter", "--all", r, "--out-dir", out.to_str().unwrap(), "--check"];
    let run = run_capped(&args, t.root(), &[], MINUTE);
    assert_eq!(run.code, 1, "the FIFO is not read as a stale charter: {}", run.text());
    assert!(mkfifo(&out.join("product-owner.md")));
    let run = run_capped(&args, t.root(), &[], MINUTE);
    assert_eq!(run.code, 2, "{}", run.text());
}

#[cfg(unix)]
#[test]
fn links_fanning_out_visit_each_file_once() {
    use std::os::unix::fs::symlink;
    let (t, root) = small();
    // Two links per level to the next level: 2^16 paths to one item without the
    // (device, inode) check.
    for level in 0..16 {
        let dir = root.join(format!("backlog/t/l{level:02}"));
        std::fs::create_dir_all(&dir).unwrap();
        symlink(format!("../l{:02}", level + 1), dir.join("a")).unwrap();
        symlink(format!("../l{:02}", level + 1), dir.join("b")).unwrap();
    }
    write(
        &root,
        "backlog/t/l16/F-1.md",
        "---\nid: F-1\ntitle: Deep\nstatus: idea\norder: 2\ngoals: [G1]\n---\n",
    );
    symlink("F-1.md", root.join("backlog/t/l16/F-1-again.md")).unwrap();
    let run = check_json(&root, t.root());
    assert_eq!(run.code, 1, "{}", run.text());
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(doc["summary"]["documents"], 5, "four documents and the deep item, once");
    let findings = doc["findings"].as_array().unwrap();
    let skipped = findings
        .iter()
        .filter(|f| {
            f["message"]
                .as_str()
                .unwrap_or("")
                .contains("read under its own name; not followed")
        })
        .count();
    assert_eq!(skipped, 32, "each link not followed is reported");
    assert!(
        findings.iter().any(|f| f["file"] == "backlog/t/l16/F-1-again.md"
            && f["message"].as_str().unwrap_or("").contains("`backlog/t/l16/F-1.md`")),
        "the link to the item is reported, the item read under its own name: {findings:#?}"
    );
    assert!(run.stdout.len() < 200_000, "{} bytes of JSON", run.stdout.len());

    // The same fan-out where only links reach it (a hidden directory): each real
    // directory is still entered once.
    std::fs::rename(root.join("backlog/t"), root.join("backlog/.t")).unwrap();
    symlink(".t/l00", root.join("backlog/entry")).unwrap();
    let run = check_json(&root, t.root());
    assert_eq!(run.code, 1, "{}", run.text());
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(doc["summary"]["documents"], 5, "{}", run.text());
    let once = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["message"]
                .as_str()
                .unwrap_or("")
                .contains("which is read once; skipped")
        })
        .count();
    assert_eq!(once, 17, "16 second links and the file link");
    assert!(run.stdout.len() < 200_000, "{} bytes of JSON", run.stdout.len());
}

fn assert_quick(run: &Run, what: &str) {
    // The guard kills at a minute; the debug build takes a few seconds here. Before
    // the change these took minutes, or ran out of memory, in a release build.
    assert!(run.elapsed < Duration::from_secs(50), "{what} took {:?}", run.elapsed);
}

#[test]
fn a_40000_item_order_group_is_one_bounded_finding() {
    let (t, root) = small();
    let mut text = String::from("kind: backlog\nitems:\n");
    for i in 0..40_000 {
        let _ = writeln!(text, "  - {{id: O-{i}, order: 5}}");
    }
    write(&root, "backlog/many.yaml", text);
    write(&root, "pmpo.yaml", "limits:\n  max_file_bytes: 8000000\n");
    // JSON only: the other 40,000 findings (items without goals...) would make a
    // human run of a debug build slow for reasons that are not this case.
    let run = check_json(&root, t.root());
    assert_eq!(run.code, 1, "{}", run.text());
    assert_quick(&run, "json");
    let out = String::from_utf8_lossy(&run.stdout);
    assert_eq!(out.matches("share order 5").count(), 1, "one finding for the group");
    assert!(out.contains("and 39990 more (40000 in all)"), "{}", run.text());
    // Before: every one of 40,000 findings named all 40,000 ids.
    assert!(run.stdout.len() < 30_000_000, "{} bytes", run.stdout.len());
}

#[test]
fn twenty_thousand_findings_in_one_charter_frame_quickly() {
    let (t, root) = small();
    let mut text = String::from("---\ntitle: Many\nholders: [x]\nresponsibilities:\n");
    for i in 0..20_000 {
        let _ = writeln!(text, "  made-up-{i}: A");
    }
    text.push_str("---\n");
    write(&root, "roles/many.md", text);
    let run = run_capped(
        &["check", "--color", "never", root.to_str().unwrap()],
        t.root(),
        &[],
        MINUTE,
    );
    assert_eq!(run.code, 1, "{}", run.text());
    assert_quick(&run, "human frames");
    let out = String::from_utf8_lossy(&run.stdout);
    // One cause, one diagnostic: the count and the first places, at their real lines.
    assert!(out.contains("20000 findings like this one in "), "{out}");
    assert!(
        out.contains("roles/many.md:5:3, "),
        "the first place names its real line"
    );
    assert!(out.contains(" and 19997 more"), "{out}");
}

#[test]
fn a_20000_role_chain_is_checked_once_per_role() {
    let (t, root) = small();
    let n = 20_000;
    for i in 0..n {
        write(
            &root,
            &format!("roles/r{i}.md"),
            format!("---\nholders: [p{i}]\nreports_to: r{}\n---\n", (i + 1) % n),
        );
    }
    let run = check_json(&root, t.root());
    assert_eq!(run.code, 1, "{}", run.text());
    assert_quick(&run, "the chain");
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let cycles: Vec<_> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "reporting-cycle")
        .collect();
    assert_eq!(cycles.len(), 1, "one loop, reported once");
}

#[test]
fn a_70000_column_line_never_panics() {
    let (t, root) = small();
    let long = "x".repeat(70_000);
    write(
        &root,
        "backlog/L-1.md",
        format!("---\nid: L-1\ntitle: {long}: y\n---\n"),
    );
    write(
        &root,
        "backlog/L-2.md",
        format!("---\nid: L-2\ntitle: a\nstatus: {long}\n---\n"),
    );
    for format in FORMATS {
        let run = run_capped(
            &["check", "--format", format, root.to_str().unwrap()],
            t.root(),
            &[],
            MINUTE,
        );
        assert_eq!(run.code, 1, "{format}: {}", run.text());
        if format == "human" {
            let widest = String::from_utf8_lossy(&run.stdout)
                .lines()
                .map(|l| l.chars().count())
                .max();
            assert!(widest < Some(1000), "frames are cut around the span: {widest:?}");
        }
    }
    write(&root, "pmpo.yaml", format!("rules: {long}: y\n"));
    for format in ["human", "json"] {
        let run = run_capped(
            &["check", "--format", format, root.to_str().unwrap()],
            t.root(),
            &[],
            MINUTE,
        );
        assert_eq!(run.code, 2, "{format}: {}", run.text());
        assert!(run.stderr.len() < 10_000, "the config frame is cut too");
    }
}

#[test]
fn pmpo_yaml_escapes_never_reach_the_terminal() {
    let (t, root) = small();
    write(
        &root,
        "pmpo.yaml",
        "rules:\n  \u{1b}]0;pwned\u{7}: off\n  bell\u{7}: nope\n",
    );
    let run = run_capped(
        &["check", "--color", "never", root.to_str().unwrap()],
        t.root(),
        &[],
        MINUTE,
    );
    assert_eq!(run.code, 2, "{}", run.text());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{}", run.text());
}

#[test]
fn a_gitignore_above_the_root_does_not_hide_documents() {
    let (t, root) = small();
    write(t.root(), ".gitignore", "roles/\n*.md\n");
    let run = check_json(&root, t.root());
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(doc["summary"]["documents"], 4, "{}", run.text());
    // The root's own .gitignore still counts.
    write(&root, ".gitignore", "backlog/\n");
    let run = check_json(&root, t.root());
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(doc["summary"]["documents"], 3, "{}", run.text());
}

#[cfg(unix)]
#[test]
fn non_utf8_names_stay_distinct() {
    use std::os::unix::ffi::OsStrExt;
    let (t, root) = small();
    for (byte, id) in [(0xffu8, "N-1"), (0xfe, "N-2")] {
        let mut name = b"backlog/".to_vec();
        name.extend([byte, b'.', b'm', b'd']);
        let path = root.join(std::ffi::OsStr::from_bytes(&name));
        std::fs::write(path, format!("---\nid: {id}\nstatus: nope\n---\n")).unwrap();
    }
    let run = check_json(&root, t.root());
    assert_eq!(run.code, 1, "{}", run.text());
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(doc["summary"]["documents"], 6, "{}", run.text());
    let files: Vec<_> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "invalid-field")
        .filter_map(|f| f["file"].as_str())
        .filter(|f| f.contains("\\x"))
        .collect();
    // The unknown status is reported, so each file was opened under its real name,
    // not the escaped one.
    assert!(
        files.contains(&"backlog/\\xff.md") && files.contains(&"backlog/\\xfe.md"),
        "{files:?}"
    );
}

#[test]
fn an_invalid_pmpo_today_is_exit_2() {
    let (t, root) = small();
    let run = run_capped(
        &["check", root.to_str().unwrap()],
        t.root(),
        &[("PMPO_TODAY", "tomorrow")],
        MINUTE,
    );
    assert_eq!(run.code, 2, "{}", run.text());
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("PMPO_TODAY"),
        "{}",
        run.text()
    );
    let run = run_capped(
        &["check", root.to_str().unwrap()],
        t.root(),
        &[("PMPO_TODAY", "2026-02-30")],
        MINUTE,
    );
    assert_eq!(run.code, 2, "{}", run.text());
    let run = run_capped(
        &["check", root.to_str().unwrap()],
        t.root(),
        &[("PMPO_TODAY", "2026-03-01")],
        MINUTE,
    );
    assert_ne!(run.code, 2, "{}", run.text());
}

#[cfg(unix)]
#[test]
fn writes_go_no_further_than_asked() {
    use std::os::unix::fs::symlink;
    let t = Workspace::empty();
    let elsewhere = t.root().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    write(&elsewhere, "product-owner.md", "precious\n");
    // init DIR --force through `roles -> elsewhere`: refused, nothing written.
    let dir = t.root().join("new");
    std::fs::create_dir_all(&dir).unwrap();
    symlink(&elsewhere, dir.join("roles")).unwrap();
    let run = run_capped(&["init", dir.to_str().unwrap(), "--force"], t.root(), &[], MINUTE);
    assert_eq!(run.code, 2, "{}", run.text());
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("leads outside"),
        "{}",
        run.text()
    );
    assert_eq!(
        std::fs::read_to_string(elsewhere.join("product-owner.md")).unwrap(),
        "precious\n"
    );
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 1, "nothing new outside");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "nothing written in DIR");
    // --force with one target a directory: refused before anything is written.
    let dir2 = t.root().join("new2");
    std::fs::create_dir_all(dir2.join("vision.md")).unwrap();
    let run = run_capped(&["init", dir2.to_str().unwrap(), "--force"], t.root(), &[], MINUTE);
    assert_eq!(run.code, 2, "{}", run.text());
    assert_eq!(std::fs::read_dir(&dir2).unwrap().count(), 1, "no file written half-way");
    // --out through a device link: refused, the link stays.
    let ws = t.root().join("ws");
    small_workspace(&ws);
    symlink("/dev/null", t.root().join("devnull.md")).unwrap();
    let out = t.root().join("devnull.md");
    let run = run_capped(
        &[
            "charter",
            "product-owner",
            ws.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--force",
        ],
        t.root(),
        &[],
        MINUTE,
    );
    assert_eq!(run.code, 2, "{}", run.text());
    assert!(
        out.symlink_metadata().unwrap().file_type().is_symlink(),
        "the link is not replaced"
    );
    // A write that fails says so.
    let run = run_capped(
        &[
            "charter",
            "product-owner",
            ws.to_str().unwrap(),
            "--out",
            "/proc/pmpo-test/x.md",
        ],
        t.root(),
        &[],
        MINUTE,
    );
    assert_eq!(run.code, 2, "{}", run.text());
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("cannot write"),
        "{}",
        run.text()
    );
}

#[cfg(unix)]
#[test]
fn a_file_reached_by_two_names_is_read_once() {
    let (t, root) = small();
    std::fs::hard_link(root.join("backlog/A-1.md"), root.join("backlog/Z-1.md")).unwrap();
    let run = check_json(&root, t.root());
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(doc["summary"]["documents"], 4, "{}", run.text());
    let findings = doc["findings"].as_array().unwrap();
    assert!(
        findings.iter().any(|f| f["file"] == "backlog/Z-1.md"
            && f["message"]
                .as_str()
                .unwrap()
                .contains("leads to the same file as `backlog/A-1.md`")),
        "{}",
        run.text()
    );
    assert!(!findings.iter().any(|f| f["rule"] == "duplicate-id"), "{}", run.text());
}

/// Two links to one directory: the first name in name order is read, whatever order
/// the file system lists them in, and the other is reported.
#[cfg(unix)]
#[test]
fn a_directory_reached_by_two_names_is_read_under_the_first() {
    let (t, root) = small();
    write(
        &root,
        ".shared/S-1.md",
        "---\nid: S-1\nstatus: idea\norder: 2\ngoals: [G1]\n---\n",
    );
    // Many names, so that a directory listing in hash order would rarely put the
    // first by name first.
    for name in ["q", "c", "x", "a", "m", "k", "b", "z"] {
        std::os::unix::fs::symlink("../.shared", root.join("backlog").join(name)).unwrap();
    }
    let run = check_json(&root, t.root());
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(doc["summary"]["documents"], 5, "{}", run.text());
    let skipped: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["message"]
                .as_str()
                .unwrap()
                .contains("leads to the same directory as `backlog/a`")
        })
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert_eq!(
        skipped,
        [
            "backlog/b",
            "backlog/c",
            "backlog/k",
            "backlog/m",
            "backlog/q",
            "backlog/x",
            "backlog/z"
        ],
        "{}",
        run.text()
    );
}
