//! Hostile input through the binary: the workspace a pull request from anyone could
//! contain. Every hostile file must become a finding; the run must finish (a hang
//! guard kills it after a minute, far beyond its normal fraction of a second), under a
//! memory cap, with exit code 1 and nothing raw from the documents on the terminal.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

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

fn hostile_workspace(name: &str) -> (TempDir, PathBuf) {
    let base = std::env::temp_dir().join(format!("pmpo-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
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
    (TempDir(base), root)
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
    let (_guard, root) = hostile_workspace("json");
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
    let (_guard, root) = hostile_workspace("human");
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
