//! Hostile input through the binary: the workspace a pull request from anyone could
//! contain. Every hostile file must become a finding; the run must finish (a hang
//! guard kills it after a minute, far beyond its normal fraction of a second), under a
//! memory cap, with exit code 1 and nothing raw from the documents on the terminal.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::common::{Pmpo, Run, Workspace, write};

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
    let run = Pmpo::new(args)
        .arg(dir)
        .env("NO_COLOR", "1")
        .memory_cap()
        .time_limit(MINUTE)
        .run();
    (run.code_or_signal().unwrap_or(-1), run.stdout_bytes().to_vec())
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

/// What the canary cases ask of one run.
trait Shown {
    /// The exit code and the start of both outputs, for assertion messages.
    fn text(&self) -> String;
    /// No byte sequence of the canary in either stream.
    fn assert_no_canary(&self);
}

impl Shown for Run {
    fn text(&self) -> String {
        let (stdout, stderr) = (self.stdout_bytes(), self.stderr_bytes());
        format!(
            "exit {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code_or_signal().unwrap_or(-1),
            String::from_utf8_lossy(&stdout[..stdout.len().min(4000)]),
            String::from_utf8_lossy(&stderr[..stderr.len().min(4000)])
        )
    }

    fn assert_no_canary(&self) {
        for (name, bytes) in [("stdout", self.stdout_bytes()), ("stderr", self.stderr_bytes())] {
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
    let mut pmpo = Pmpo::new(args)
        .dir(cwd)
        .env("NO_COLOR", "1")
        .env("PMPO_SECRET_TOKEN", CANARY)
        .env_remove("PMPO_TODAY")
        .memory_cap()
        .time_limit(limit);
    // PMPO_TEST_BIN runs these cases against another build (an older pmpo, to see
    // them fail there).
    if let Some(bin) = std::env::var_os("PMPO_TEST_BIN") {
        pmpo = pmpo.bin(bin);
    }
    for (k, v) in envs {
        pmpo = pmpo.env(k, v);
    }
    pmpo.run()
}

const MINUTE: Duration = Duration::from_secs(60);

/// A small valid workspace: two roles, a vision, an item.
/// `pmpo check --format json ROOT`, run from `cwd`, capped at a minute.
fn check_json(root: &Path, cwd: &Path) -> Run {
    run_capped(&["check", "--format", "json", root.to_str().unwrap()], cwd, &[], MINUTE)
}

/// That `pmpo check` of `root`, run in `cwd`, reads `n` documents.
#[track_caller]
fn assert_documents(root: &Path, cwd: &Path, n: u64) {
    let run = check_json(root, cwd);
    let doc: serde_json::Value = serde_json::from_slice(run.stdout_bytes()).unwrap();
    assert_eq!(doc["summary"]["documents"], n, "{}", run.text());
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
        assert_eq!(run.code(), 1, "{format}: {}", run.text());
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
        assert_eq!(run.code(), 2, "{format}: {}", run.text());
        run.assert_no_canary();
    }
    std::fs::remove_file(root.join("pmpo.yaml")).unwrap();
    // A pmpo.yaml that is a link to a file inside the root is still read.
    write(&root, "config/pmpo.yaml", "rules:\n  no-such-rule: off\n");
    symlink("config/pmpo.yaml", root.join("pmpo.yaml")).unwrap();
    let run = run_capped(&["check", root.to_str().unwrap()], t.root(), &[], MINUTE);
    assert_eq!(run.code(), 2, "the linked pmpo.yaml is read: {}", run.text());
    assert!(
        String::from_utf8_lossy(run.stderr_bytes()).contains("no-such-rule"),
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
    assert_eq!(run.code(), 2, "{}", run.text());
    assert!(
        String::from_utf8_lossy(run.stderr_bytes()).contains("symbolic link"),
        "{}",
        run.text()
    );
    run.assert_no_canary();
    // Raw escapes in a committed charter are escaped in the diff.
    std::fs::remove_file(out.join("product-owner.md")).unwrap();
    std::fs::write(out.join("product-owner.md"), "old \u{1b}]0;pwned\u{7} title\n").unwrap();
    let run = run_capped(&args, t.root(), &[], MINUTE);
    assert_eq!(run.code(), 1, "{}", run.text());
    let text = String::from_utf8_lossy(run.stdout_bytes());
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
        assert_eq!(run.code(), 1, "{format}: {}", run.text());
        assert!(run.stdout_bytes().len() < 1_000_000, "{format}: output stays small");
    }
    // The baseline paths a user names: a FIFO, /dev/zero, stdin.
    for baseline in [root.join("pipe").to_str().unwrap(), "/dev/zero", "/dev/stdin"] {
        let run = run_capped(&["check", r, "--baseline", baseline], t.root(), &[], MINUTE);
        assert_eq!(run.code(), 2, "--baseline {baseline}: {}", run.text());
        // The message is wrapped to the terminal's width wherever the path ends: read it
        // as one line.
        let err = String::from_utf8_lossy(run.stderr_bytes()).replace('│', " ");
        let err = err.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(err.contains("not a") && err.contains("regular file"), "{}", run.text());
    }
    for baseline in [root.join("pipe").to_str().unwrap(), "/dev/zero"] {
        let run = run_capped(&["check", r, "--write-baseline", baseline], t.root(), &[], MINUTE);
        assert_eq!(run.code(), 2, "--write-baseline {baseline}: {}", run.text());
    }
    // charter --check meets a FIFO where a charter should be, and one among the files.
    let out = t.root().join("charters");
    std::fs::create_dir_all(&out).unwrap();
    assert!(mkfifo(&out.join("other.md")));
    let args = ["charter", "--all", r, "--out-dir", out.to_str().unwrap(), "--check"];
    let run = run_capped(&args, t.root(), &[], MINUTE);
    assert_eq!(run.code(), 1, "the FIFO is not read as a stale charter: {}", run.text());
    assert!(mkfifo(&out.join("product-owner.md")));
    let run = run_capped(&args, t.root(), &[], MINUTE);
    assert_eq!(run.code(), 2, "{}", run.text());
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
    assert_eq!(run.code(), 1, "{}", run.text());
    let doc: serde_json::Value = serde_json::from_slice(run.stdout_bytes()).unwrap();
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
    assert!(
        run.stdout_bytes().len() < 200_000,
        "{} bytes of JSON",
        run.stdout_bytes().len()
    );

    // The same fan-out where only links reach it (a hidden directory): the walk does
    // not enter a hidden directory, through a link either (issue 23).
    std::fs::rename(root.join("backlog/t"), root.join("backlog/.t")).unwrap();
    symlink(".t/l00", root.join("backlog/entry")).unwrap();
    let run = check_json(&root, t.root());
    assert_eq!(run.code(), 1, "{}", run.text());
    let doc: serde_json::Value = serde_json::from_slice(run.stdout_bytes()).unwrap();
    assert_eq!(doc["summary"]["documents"], 4, "{}", run.text());
    assert!(
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["file"] == "backlog/entry" && f["message"].as_str().unwrap_or("").contains("does not enter")),
        "{}",
        run.text()
    );
    assert!(
        run.stdout_bytes().len() < 200_000,
        "{} bytes of JSON",
        run.stdout_bytes().len()
    );
}

fn assert_quick(run: &Run, what: &str) {
    // The guard kills at a minute; the debug build takes a few seconds here. Before
    // the change these took minutes, or ran out of memory, in a release build.
    assert!(
        run.elapsed() < Duration::from_secs(50),
        "{what} took {:?}",
        run.elapsed()
    );
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
    assert_eq!(run.code(), 1, "{}", run.text());
    assert_quick(&run, "json");
    let out = String::from_utf8_lossy(run.stdout_bytes());
    assert_eq!(out.matches("share order 5").count(), 1, "one finding for the group");
    assert!(out.contains("and 39990 more (40000 in all)"), "{}", run.text());
    // Before: every one of 40,000 findings named all 40,000 ids.
    assert!(
        run.stdout_bytes().len() < 30_000_000,
        "{} bytes",
        run.stdout_bytes().len()
    );
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
    assert_eq!(run.code(), 1, "{}", run.text());
    assert_quick(&run, "human frames");
    let out = String::from_utf8_lossy(run.stdout_bytes());
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
    assert_eq!(run.code(), 1, "{}", run.text());
    assert_quick(&run, "the chain");
    let doc: serde_json::Value = serde_json::from_slice(run.stdout_bytes()).unwrap();
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
        assert_eq!(run.code(), 1, "{format}: {}", run.text());
        if format == "human" {
            let widest = String::from_utf8_lossy(run.stdout_bytes())
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
        assert_eq!(run.code(), 2, "{format}: {}", run.text());
        assert!(run.stderr_bytes().len() < 10_000, "the config frame is cut too");
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
    assert_eq!(run.code(), 2, "{}", run.text());
    let err = String::from_utf8_lossy(run.stderr_bytes());
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{}", run.text());
}

#[test]
fn a_gitignore_above_the_root_does_not_hide_documents() {
    let (t, root) = small();
    write(t.root(), ".gitignore", "roles/\n*.md\n");
    assert_documents(&root, t.root(), 4);
    // The root's own .gitignore still counts.
    write(&root, ".gitignore", "backlog/\n");
    assert_documents(&root, t.root(), 3);
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
    assert_eq!(run.code(), 1, "{}", run.text());
    let doc: serde_json::Value = serde_json::from_slice(run.stdout_bytes()).unwrap();
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
    assert_eq!(run.code(), 2, "{}", run.text());
    assert!(
        String::from_utf8_lossy(run.stderr_bytes()).contains("PMPO_TODAY"),
        "{}",
        run.text()
    );
    let run = run_capped(
        &["check", root.to_str().unwrap()],
        t.root(),
        &[("PMPO_TODAY", "2026-02-30")],
        MINUTE,
    );
    assert_eq!(run.code(), 2, "{}", run.text());
    let run = run_capped(
        &["check", root.to_str().unwrap()],
        t.root(),
        &[("PMPO_TODAY", "2026-03-01")],
        MINUTE,
    );
    assert_ne!(run.code(), 2, "{}", run.text());
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
    assert_eq!(run.code(), 2, "{}", run.text());
    assert!(
        String::from_utf8_lossy(run.stderr_bytes()).contains("leads outside"),
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
    assert_eq!(run.code(), 2, "{}", run.text());
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
    assert_eq!(run.code(), 2, "{}", run.text());
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
    assert_eq!(run.code(), 2, "{}", run.text());
    assert!(
        String::from_utf8_lossy(run.stderr_bytes()).contains("cannot write"),
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
    let doc: serde_json::Value = serde_json::from_slice(run.stdout_bytes()).unwrap();
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

/// Links to a hidden directory: none is followed (the walk does not enter a hidden
/// directory under any name), and each is reported once, in name order.
#[cfg(unix)]
#[test]
fn links_to_a_hidden_directory_are_not_followed() {
    let (t, root) = small();
    write(
        &root,
        ".shared/S-1.md",
        "---\nid: S-1\nstatus: idea\norder: 2\ngoals: [G1]\n---\n",
    );
    for name in ["q", "c", "x", "a", "m", "k", "b", "z"] {
        std::os::unix::fs::symlink("../.shared", root.join("backlog").join(name)).unwrap();
    }
    let run = check_json(&root, t.root());
    let doc: serde_json::Value = serde_json::from_slice(run.stdout_bytes()).unwrap();
    assert_eq!(doc["summary"]["documents"], 4, "{}", run.text());
    let skipped: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["message"].as_str().unwrap().contains("does not enter"))
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert_eq!(
        skipped,
        [
            "backlog/a",
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

// ---------------------------------------------------------------------------------
// Issue 23: links, ignore files, quadratic suggestions, ids as written. Each case runs
// against another build with `PMPO_TEST_BIN` (how each was seen to fail before).
// ---------------------------------------------------------------------------------

/// A YAML line that is a parse error whose code frame shows the canary.
fn canary_file() -> String {
    format!("API_KEY={CANARY}: [\n")
}

/// Point 1: a link inside the root reaches only what the walk reads under its own name:
/// not `.env`, `.git/config`, an ignored or an excluded file; `pmpo.yaml` and
/// `catalog:` the same.
#[cfg(unix)]
#[test]
fn a_link_reaches_only_what_the_walk_reads_by_name() {
    use std::os::unix::fs::symlink;
    let (t, root) = small();
    write(&root, ".env", canary_file());
    write(&root, ".git/config", canary_file());
    write(&root, ".gitignore", "secret/\n");
    write(&root, "secret/x.yaml", canary_file());
    write(&root, "private/x.md", format!("---\n{}---\n", canary_file()));
    write(&root, "pmpo.yaml", "exclude: [\"private/**\"]\n");
    symlink("../.env", root.join("backlog/notes.yaml")).unwrap();
    symlink("../.git/config", root.join("backlog/cfg.yaml")).unwrap();
    symlink("../secret/x.yaml", root.join("backlog/ignored.yaml")).unwrap();
    symlink("../private/x.md", root.join("backlog/excluded.md")).unwrap();
    symlink("../.git", root.join("backlog/git")).unwrap();
    symlink("../secret", root.join("backlog/sec")).unwrap();
    // A link to a file read under its own name is still fine (and read once).
    symlink("A-1.md", root.join("backlog/again.md")).unwrap();
    for format in ["human", "json"] {
        let run = run_capped(
            &["check", "--format", format, "--color", "never", root.to_str().unwrap()],
            t.root(),
            &[],
            MINUTE,
        );
        assert_eq!(run.code(), 1, "{format}: {}", run.text());
        run.assert_no_canary();
        let err = String::from_utf8_lossy(run.stdout_bytes());
        for link in ["notes.yaml", "cfg.yaml", "ignored.yaml", "excluded.md", "git", "sec"] {
            assert!(
                err.contains(&format!("backlog/{link}")),
                "{format}: {link} reported: {}",
                run.text()
            );
        }
    }
    // pmpo.yaml a link to `.env` (inside the root): refused with exit 2, nothing shown,
    // in every format; a link to a YAML file the walk reads is still followed.
    std::fs::remove_file(root.join("pmpo.yaml")).unwrap();
    symlink(".env", root.join("pmpo.yaml")).unwrap();
    for format in ["human", "json"] {
        let run = run_capped(
            &["check", "--format", format, root.to_str().unwrap()],
            t.root(),
            &[],
            MINUTE,
        );
        assert_eq!(run.code(), 2, "{format}: {}", run.text());
        run.assert_no_canary();
    }
    std::fs::remove_file(root.join("pmpo.yaml")).unwrap();
    write(&root, "config/pmpo.yaml", "catalog: cat.yaml\n");
    symlink("config/pmpo.yaml", root.join("pmpo.yaml")).unwrap();
    // `catalog:` naming a link to an ignored file: not read.
    symlink("secret/x.yaml", root.join("cat.yaml")).unwrap();
    let run = check_json(&root, t.root());
    assert_eq!(run.code(), 2, "{}", run.text());
    run.assert_no_canary();
    assert!(
        String::from_utf8_lossy(run.stderr_bytes()).contains("cat.yaml"),
        "{}",
        run.text()
    );
    // ... and naming a link to a catalog the walk reads: read.
    write(
        &root,
        "catalogs/ours.yaml",
        "kind: catalog\nresponsibilities:\n  - {id: user-stories, title: Stories}\n  - {id: product-vision, title: Vision}\n",
    );
    std::fs::remove_file(root.join("cat.yaml")).unwrap();
    symlink("catalogs/ours.yaml", root.join("cat.yaml")).unwrap();
    let run = check_json(&root, t.root());
    let doc: serde_json::Value = serde_json::from_slice(run.stdout_bytes()).unwrap_or_default();
    assert_eq!(doc["coverage"].as_array().map(Vec::len), Some(2), "{}", run.text());
}

/// Point 2: ignore files are read through the read door: a `.gitignore` linked to
/// `/dev/zero`, a FIFO, `/dev/stdin` or a file outside the root neither blocks, nor
/// grows, nor applies; a FIFO in place of one neither.
#[cfg(unix)]
#[test]
fn ignore_files_go_through_the_read_door() {
    use std::os::unix::fs::symlink;
    let (t, root) = small();
    write(t.root(), "outside-ignore", "roles/\nbacklog/\n");
    assert!(mkfifo(&t.root().join("pipe")));
    let cases: [(&str, &Path); 4] = [
        ("zero", Path::new("/dev/zero")),
        ("stdin", Path::new("/dev/stdin")),
        ("fifo", &t.root().join("pipe")),
        ("outside", &t.root().join("outside-ignore")),
    ];
    for (what, target) in cases {
        let _ = std::fs::remove_file(root.join(".gitignore"));
        symlink(target, root.join(".gitignore")).unwrap();
        let run = run_capped(
            &["check", "--format", "json", root.to_str().unwrap()],
            t.root(),
            &[],
            Duration::from_secs(20),
        );
        assert_eq!(run.code(), 1, "{what}: {}", run.text());
        let doc: serde_json::Value = serde_json::from_slice(run.stdout_bytes()).unwrap();
        assert_eq!(
            doc["summary"]["documents"],
            4,
            "{what}: no rule of it applies: {}",
            run.text()
        );
        assert!(
            doc["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["file"] == ".gitignore" && f["rule"] == "parse-error"),
            "{what}: the ignore file is reported: {}",
            run.text()
        );
    }
    // A FIFO itself as `backlog/.gitignore`.
    std::fs::remove_file(root.join(".gitignore")).unwrap();
    assert!(mkfifo(&root.join("backlog/.gitignore")));
    let run = run_capped(
        &["check", "--format", "json", root.to_str().unwrap()],
        t.root(),
        &[],
        Duration::from_secs(20),
    );
    assert_eq!(run.code(), 1, "{}", run.text());
    // A regular `.gitignore` still applies, with CRLF line ends.
    std::fs::remove_file(root.join("backlog/.gitignore")).unwrap();
    write(&root, "backlog/.gitignore", "A-1.md\r\n");
    assert_documents(&root, t.root(), 3);
}

/// Point 7: a report or charter target reached through a committed directory link, or
/// one that is not a regular file, is refused (exit 2) and nothing is written.
#[cfg(unix)]
#[test]
fn no_report_or_charter_is_written_through_a_link() {
    use std::os::unix::fs::symlink;
    let (t, root) = small();
    let elsewhere = t.root().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    write(&elsewhere, "x.sarif", "precious\n");
    write(&elsewhere, "product-owner.md", "precious\n");
    symlink(&elsewhere, root.join("reports")).unwrap();
    let r = root.to_str().unwrap();
    let untouched = || {
        assert_eq!(
            std::fs::read_to_string(elsewhere.join("x.sarif")).unwrap(),
            "precious\n"
        );
        assert_eq!(
            std::fs::read_to_string(elsewhere.join("product-owner.md")).unwrap(),
            "precious\n"
        );
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 2, "nothing new outside");
    };
    let cases: [&[&str]; 4] = [
        &["check", r, "--format", "sarif=reports/x.sarif"],
        &["check", r, "-o", "reports/x.sarif"],
        &["matrix", r, "-o", "reports/x.sarif"],
        &["charter", "--all", r, "--out-dir", "reports"],
    ];
    for args in cases {
        // Run from the root, as CI runs in the checkout.
        let run = run_capped(args, &root, &[], MINUTE);
        assert_eq!(run.code(), 2, "{args:?}: {}", run.text());
        assert!(
            String::from_utf8_lossy(run.stderr_bytes()).contains("symbolic link"),
            "{args:?}: {}",
            run.text()
        );
        untouched();
    }
    // A report path linked to /dev/null, or to a FIFO (which would hang): refused.
    symlink("/dev/null", root.join("null.json")).unwrap();
    assert!(mkfifo(&root.join("pipe.json")));
    symlink("pipe.json", root.join("to-pipe.json")).unwrap();
    for target in ["null.json", "pipe.json", "to-pipe.json"] {
        for args in [["check", r, "-o", target], ["matrix", r, "-o", target]] {
            let run = run_capped(&args, &root, &[], Duration::from_secs(20));
            assert_eq!(run.code(), 2, "{args:?}: {}", run.text());
        }
    }
    assert!(
        root.join("null.json")
            .symlink_metadata()
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// Point 8: several outputs are planned together: one refused, none written.
#[cfg(unix)]
#[test]
fn several_reports_are_planned_before_any_is_written() {
    let (t, root) = small();
    std::fs::create_dir_all(t.root().join("taken.json")).unwrap();
    let run = run_capped(
        &[
            "check",
            root.to_str().unwrap(),
            "--format",
            "sarif=first.sarif",
            "--format",
            "json=taken.json",
        ],
        t.root(),
        &[],
        MINUTE,
    );
    assert_eq!(run.code(), 2, "{}", run.text());
    assert!(
        !t.root().join("first.sarif").exists(),
        "the first report is not written"
    );
    // The same pair with a fit second target writes both.
    let run = run_capped(
        &[
            "check",
            root.to_str().unwrap(),
            "--format",
            "sarif=first.sarif",
            "--format",
            "json=second.json",
        ],
        t.root(),
        &[],
        MINUTE,
    );
    assert_eq!(run.code(), 1, "{}", run.text());
    assert!(t.root().join("first.sarif").exists() && t.root().join("second.json").exists());
}

/// Whether `c` is one of the characters no output may carry raw: controls (C0 but
/// line breaks and tabs, DEL, C1), bidirectional controls, zero-width and invisible
/// characters, line and paragraph separators.
fn is_raw_hazard(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{ad}')
}

/// A workspace whose catalog, role, vision and charter prose hold C1 controls (U+009B is
/// a terminal's CSI), DEL, bidirectional overrides, a zero-width space and U+2028, all
/// through YAML escapes or raw in Markdown bodies.
fn hazard_workspace() -> (Workspace, PathBuf) {
    let (t, root) = small();
    write(
        &root,
        "responsibilities.yaml",
        "kind: catalog\nextends: builtin:pm-po\nresponsibilities:\n  - id: pricing\n    title: \"Price \\u009b2J\\u007f \\u202eevil\\u2066 zero\\u200bwidth\\u2028sep\"\n    area: \"str\\u009bategy\"\n",
    );
    write(
        &root,
        "roles/product-owner.md",
        "---\ntitle: \"Product \\u009b31m Owner \\u202e\"\nholders: [dana]\nresponsibilities:\n  user-stories: A\n  pricing: A\n---\n# PO\nProse \u{9b}31m and \u{202e}reversed\u{2069} and \u{7f} and zero\u{200b}width.\n",
    );
    (t, root)
}

/// Point 9: C1 controls, DEL and bidi overrides reach no output raw: `pmpo catalog`,
/// `check --format json`, `gitlab` and `html`, `matrix --format json`, `charter` prose. JSON
/// escapes them as `\u…` (and reads back the same text).
#[test]
fn no_raw_control_or_bidi_character_reaches_any_output() {
    let (t, root) = hazard_workspace();
    let r = root.to_str().unwrap();
    let runs: [&[&str]; 7] = [
        &["catalog", r],
        &["check", r, "--format", "json"],
        &["check", r, "--format", "gitlab"],
        &["check", r, "--format", "html"],
        &["matrix", r, "--format", "json"],
        &["charter", "product-owner", r],
        &["check", r, "--format", "human", "--color", "never"],
    ];
    for args in runs {
        let run = run_capped(args, t.root(), &[], MINUTE);
        assert!(run.code() == 0 || run.code() == 1, "{args:?}: {}", run.text());
        let out = run.stdout();
        if let Some(c) = out.chars().find(|c| is_raw_hazard(*c)) {
            panic!("{args:?}: {:?} reached the output raw:\n{}", c, run.text());
        }
        if args.contains(&"json") {
            assert!(
                out.contains("\\u009b"),
                "{args:?}: the title is there, escaped: {}",
                run.text()
            );
            let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
            assert!(
                v.to_string().contains('\u{9b}'),
                "{args:?}: JSON reads back the same text"
            );
        }
    }
}

/// Point 10: `pmpo catalog` writes YAML that pmpo and another YAML 1.2 parser read back
/// to the same text, whatever a title holds.
#[test]
fn the_catalog_output_always_reads_back() {
    let (t, root) = hazard_workspace();
    let run = run_capped(&["catalog", root.to_str().unwrap()], t.root(), &[], MINUTE);
    assert_eq!(run.code(), 0, "{}", run.text());
    let printed = run.stdout();
    let value: serde_json::Value = serde_saphyr::from_str(&printed).expect("YAML 1.2 reads it");
    let title = value["responsibilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "pricing")
        .map(|r| r["title"].as_str().unwrap().to_string());
    assert_eq!(
        title.as_deref(),
        Some("Price \u{9b}2J\u{7f} \u{202e}evil\u{2066} zero\u{200b}width\u{2028}sep")
    );
    let again = Workspace::empty();
    small_workspace(again.root());
    write(again.root(), "responsibilities.yaml", &printed);
    let run = check_json(again.root(), t.root());
    let doc: serde_json::Value = serde_json::from_slice(run.stdout_bytes()).expect("JSON");
    let unreadable: Vec<_> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["file"] == "responsibilities.yaml" && (f["rule"] == "parse-error" || f["rule"] == "invalid-field")
        })
        .collect();
    assert!(
        unreadable.is_empty(),
        "pmpo reads its own catalog back: {unreadable:#?}"
    );
}

/// Point 12: an invisible character in a holder is shown escaped and is
/// `invalid-field`: `da\u{200b}na` cannot pass for `dana`.
#[test]
fn an_invisible_character_in_a_holder_is_shown_and_invalid() {
    let (t, root) = small();
    write(
        &root,
        "roles/product-owner.md",
        "---\ntitle: Product Owner\nholders: [dana, \"da\\u200bna\", \"li\\u2028wei\"]\nresponsibilities:\n  user-stories: A\n---\n",
    );
    let run = check_json(&root, t.root());
    let doc: serde_json::Value = serde_json::from_slice(run.stdout_bytes()).unwrap();
    let invalid: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "invalid-field" && f["file"] == "roles/product-owner.md")
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert_eq!(invalid.len(), 2, "{}", run.text());
    assert!(invalid.iter().any(|m| m.contains("da\\u{200b}na")), "{invalid:?}");
    let run = run_capped(
        &["check", root.to_str().unwrap(), "--color", "never"],
        t.root(),
        &[],
        MINUTE,
    );
    let text = String::from_utf8_lossy(run.stdout_bytes());
    assert!(text.contains("da\\u{200b}na"), "shown escaped: {}", run.text());
    assert!(
        !text.contains('\u{200b}') && !text.contains('\u{2028}'),
        "{}",
        run.text()
    );
}

/// Point 11: the Markdown report (a pull-request comment a bot posts) carries no live
/// mention or autolink from workspace text.
#[test]
fn the_markdown_report_mentions_and_links_no_one() {
    let (t, root) = small();
    write(
        &root,
        "responsibilities.yaml",
        "kind: catalog\nextends: builtin:pm-po\nresponsibilities:\n  - id: pricing\n    title: \"Ask @org/everyone at https://evil.example/x or www.evil.example\"\n    strategic: true\n",
    );
    write(
        &root,
        "roles/product-owner.md",
        "---\ntitle: Product Owner\nholders: [\"@org/everyone\", \"@dana\"]\nresponsibilities:\n  user-stories: A\n---\n",
    );
    let run = run_capped(
        &["check", root.to_str().unwrap(), "--format", "markdown"],
        t.root(),
        &[],
        MINUTE,
    );
    assert_eq!(run.code(), 1, "{}", run.text());
    let md = run.stdout();
    assert!(md.contains("evil.example"), "the title is in the report: {md}");
    assert!(md.contains("@&#8203;org/everyone"), "shown, neutralised: {md}");
    // Outside code spans (which GitHub never links), no `@name`, `scheme://` or `www.`.
    let outside_code: String = md.split('`').step_by(2).collect();
    assert!(
        !outside_code.contains("@org") && !outside_code.contains("@dana"),
        "{md}"
    );
    assert!(
        !outside_code.contains("https://") && !outside_code.contains("www."),
        "{md}"
    );
    assert!(!md.contains('\u{200b}'), "the break is an entity, never raw");
}

/// Point 5: an id is the text as written, on every reading path: `1.10` is not `1.1`,
/// `2.0` not `2`, `007` not `7`, in a vision (event reader), a backlog item's flat
/// frontmatter, a backlog file, and a document only the reference parser reads (an
/// anchor).
#[test]
fn ids_are_the_text_as_written() {
    let (t, root) = small();
    write(
        &root,
        "vision.md",
        "---\nowner: product-manager\ngoals:\n  - id: G1\n    title: Grow\n  - id: 1.10\n    title: Ten\n  - id: 1.1\n    title: One\n  - id: 007\n    title: Bond\n  - id: 7\n    title: Seven\n  - id: 2.0\n    title: Two\n---\n",
    );
    // Flat frontmatter.
    write(
        &root,
        "backlog/B-1.md",
        "---\nid: B-1\ntitle: Ten\nstatus: idea\ngoals: [1.10]\n---\n",
    );
    // A backlog file through the event reader, and one through the reference parser.
    write(
        &root,
        "backlog/list.yaml",
        "kind: backlog\nitems:\n  - id: 2.0\n    title: Two\n    goals: [007]\n  - id: 2\n    title: Plain two\n    goals: [G1]\n",
    );
    write(
        &root,
        "backlog/anchored.yaml",
        "kind: backlog\nitems:\n  - id: 3.10\n    title: &t Anchored\n    goals: [2.0]\n  - id: 3.1\n    title: *t\n    goals: [7]\n",
    );
    let run = check_json(&root, t.root());
    let doc: serde_json::Value = serde_json::from_slice(run.stdout_bytes()).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    let dup: Vec<_> = findings.iter().filter(|f| f["rule"] == "duplicate-id").collect();
    assert!(dup.is_empty(), "no false duplicate: {dup:#?}");
    let unserved: Vec<&str> = findings
        .iter()
        .filter(|f| f["rule"] == "goal-without-work")
        .filter_map(|f| f["message"].as_str())
        .collect();
    // 1.10, 007, 2.0, 7 and G1 are served; only 1.1 is not.
    assert_eq!(unserved.len(), 1, "{unserved:?}");
    assert!(unserved[0].contains("goal 1.1 "), "{unserved:?}");
    assert!(!findings.iter().any(|f| f["rule"] == "unknown-goal"), "{}", run.text());
}

/// Point 6: scalars are typed by YAML 1.2: `.inf` and `.nan` are floats (a title takes
/// them as text, the document stays readable); `1_000`, `0b101` and `+0x10` are text,
/// not integers; an integer past 64 bits keeps its digits.
#[test]
fn scalars_are_typed_by_yaml_1_2() {
    let (t, root) = small();
    write(
        &root,
        "backlog/C-1.md",
        "---\nid: C-1\ntitle: .inf\nstatus: idea\ngoals: [G1]\norder: 1_000\n---\n",
    );
    write(
        &root,
        "backlog/list.yaml",
        "kind: backlog\nitems:\n  - id: D-1\n    title: .nan\n    goals: [G1]\n    order: 0b101\n  - id: 123456789012345678901234\n    title: Big\n",
    );
    write(
        &root,
        "roles/product-owner.md",
        "---\ntitle: .NaN\nholders: [dana]\nteam_size: +0x10\nresponsibilities:\n  user-stories: A\n---\n",
    );
    let run = check_json(&root, t.root());
    let doc: serde_json::Value = serde_json::from_slice(run.stdout_bytes()).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    let parse: Vec<_> = findings.iter().filter(|f| f["rule"] == "parse-error").collect();
    assert!(parse.is_empty(), "readable: {parse:#?}");
    let invalid = |file: &str, needle: &str| {
        findings.iter().any(|f| {
            f["rule"] == "invalid-field" && f["file"] == file && f["message"].as_str().unwrap_or("").contains(needle)
        })
    };
    assert!(
        invalid("backlog/C-1.md", "`order` must be a number, found a string"),
        "{}",
        run.text()
    );
    assert!(
        invalid("backlog/list.yaml", "`order` must be a number, found a string"),
        "{}",
        run.text()
    );
    assert!(
        invalid(
            "roles/product-owner.md",
            "`team_size` must be an integer, found a string"
        ),
        "{}",
        run.text()
    );
    let json = String::from_utf8_lossy(run.stdout_bytes());
    assert!(json.contains("123456789012345678901234"), "the id keeps its digits");
    assert!(!json.contains("1.2345678901234568e23"), "not rounded");
}

/// A vision of `n` goals and a backlog of `n` items each naming a misspelt one; a
/// catalog of `n` responsibilities and a charter naming `n` misspelt ones.
fn many_unknown_names(root: &Path, n: usize) {
    let mut vision = String::from("---\nowner: product-manager\ngoals:\n  - id: G1\n    title: Grow\n");
    let mut items = String::from("kind: backlog\nitems:\n");
    let mut catalog = String::from("kind: catalog\nextends: builtin:pm-po\nresponsibilities:\n");
    let mut charter =
        String::from("---\ntitle: Product Owner\nholders: [dana]\nresponsibilities:\n  user-stories: A\n");
    for i in 0..n {
        let _ = write!(vision, "  - id: g{i:05}-growth\n    title: Goal {i}\n");
        let _ = write!(
            items,
            "  - id: I-{i}\n    title: Item {i}\n    goals: [g{i:05}-grwoth]\n"
        );
        let _ = writeln!(catalog, "  - {{id: resp-{i:05}-pricing, title: Pricing {i}}}");
        let _ = writeln!(charter, "  resp-{i:05}-prcing: R");
    }
    vision.push_str("---\n");
    charter.push_str("---\n");
    write(root, "vision.md", vision);
    write(root, "backlog/many.yaml", items);
    write(root, "responsibilities.yaml", catalog);
    write(root, "roles/product-owner.md", charter);
}

/// Point 3: did-you-mean for 8,000 unknown goals and 8,000 unknown responsibilities
/// against 8,000 known ones each is a bounded look-up per name, not a comparison with
/// every known name (10.6 s in a release build before, minutes in a debug one).
#[test]
fn eight_thousand_unknown_names_get_suggestions_quickly() {
    let (t, root) = small();
    many_unknown_names(&root, 8_000);
    let run = check_json(&root, t.root());
    assert_eq!(run.code(), 1, "{}", run.text());
    assert_quick(&run, "8,000 unknown goals and responsibilities");
    let doc: serde_json::Value = serde_json::from_slice(run.stdout_bytes()).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    let helped = |rule: &str, want: &str| {
        findings
            .iter()
            .any(|f| f["rule"] == rule && f["help"].as_str().unwrap_or("").contains(want))
    };
    assert_eq!(
        findings.iter().filter(|f| f["rule"] == "unknown-goal").count(),
        8_000,
        "{}",
        run.text()
    );
    assert!(
        helped("unknown-goal", "did you mean `g04321-growth`?"),
        "{}",
        run.text()
    );
    assert!(
        helped("unknown-responsibility", "did you mean `resp-04321-pricing`?"),
        "{}",
        run.text()
    );
}
