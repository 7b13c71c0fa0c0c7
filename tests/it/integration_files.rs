//! The CI integration files: `.pre-commit-hooks.yaml`, the composite `action.yml`, and the
//! options `docs/ci.md` tells users to pass.

use std::path::Path;
use std::process::Command;

use pmpo::api::{Node, Scalar, Value};

use crate::common::{self, Pmpo, Workspace};

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

fn yaml(rel: &str) -> Node {
    pmpo::api::parse_yaml(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {}", e.message))
}

fn text(node: &Node, key: &str) -> String {
    match node.get(key).map(|n| &n.value) {
        Some(Value::Scalar(Scalar::Str(s))) => s.clone(),
        other => panic!("`{key}` is not text: {other:?}"),
    }
}

fn seq(node: &Node) -> &[Node] {
    match &node.value {
        Value::Seq(items) => items,
        other => panic!("not a list: {other:?}"),
    }
}

#[test]
fn the_pre_commit_hook_checks_the_whole_workspace() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hook = seq(&hooks)
        .iter()
        .find(|h| text(h, "id") == "pmpo")
        .expect("a hook `pmpo`");
    assert_eq!(text(hook, "entry"), "pmpo check");
    assert_eq!(text(hook, "language"), "rust");
    assert_eq!(
        hook.get("pass_filenames").map(|n| &n.value),
        Some(&Value::Scalar(Scalar::Bool(false))),
        "coverage spans the whole repository"
    );
    // pre-commit skips a hook whose `files:` match nothing staged, so a commit that only
    // deletes a charter would skip pmpo and leave the workspace broken.
    assert_eq!(
        hook.get("always_run").map(|n| &n.value),
        Some(&Value::Scalar(Scalar::Bool(true))),
        "the hook runs on every commit"
    );
    assert!(hook.get("files").is_none(), "no `files:` filter to skip it");
}

/// The `run:` script of the action step called `name`.
fn step(action: &Node, name: &str) -> String {
    let steps = action.get("runs").and_then(|r| r.get("steps")).expect("runs.steps");
    let found = seq(steps)
        .iter()
        .find(|s| s.get("name").is_some_and(|n| n.as_text().as_deref() == Some(name)))
        .unwrap_or_else(|| panic!("no step `{name}`"));
    text(found, "run")
}

#[test]
fn the_action_uploads_sarif_before_it_fails() {
    let action = yaml("action.yml");
    let runs = action.get("runs").unwrap();
    assert_eq!(text(runs, "using"), "composite");
    let names: Vec<String> = seq(runs.get("steps").unwrap())
        .iter()
        .map(|s| s.get("name").and_then(Node::as_text).unwrap_or_default())
        .collect();
    let upload = names.iter().position(|n| n == "Upload SARIF").expect("an upload step");
    let fail = names
        .iter()
        .position(|n| n == "Fail when pmpo failed")
        .expect("a failing step");
    assert!(upload < fail, "the report is uploaded before the job fails: {names:?}");
    let uses: Vec<String> = seq(runs.get("steps").unwrap())
        .iter()
        .filter_map(|s| s.get("uses").and_then(Node::as_text))
        .collect();
    assert!(
        uses.iter().any(|u| u.starts_with("github/codeql-action/upload-sarif@")),
        "{uses:?}"
    );
    assert!(step(&action, "Install pmpo").contains("cargo install --locked --path \"$ACTION_PATH\""));
}

/// Run the action's check step with the real binary: it must record pmpo's exit code and
/// succeed itself, so that the upload step still runs.
#[test]
fn the_action_keeps_pmpo_s_exit_code_for_the_last_step() {
    let action = yaml("action.yml");
    let dir = Workspace::empty();
    let bin = dir.root().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    // A `pmpo` that counts its runs, then runs the real one.
    let runs = dir.root().join("runs");
    let wrapper = bin.join("pmpo");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\necho run >> '{}'\nexec '{}' \"$@\"\n",
            runs.display(),
            Pmpo::BIN
        ),
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/po-only");
    let direct = Pmpo::new(["check", workspace.to_str().unwrap(), "--format", "sarif"]).run();
    let expected = direct.code();
    assert_ne!(expected, 0, "po-only fails");

    for annotations in ["true", "false"] {
        let output = dir.root().join("github_output");
        let _ = std::fs::remove_file(&output);
        let _ = std::fs::remove_file(&runs);
        let ran = Command::new("bash")
            .args(["-c", &step(&action, "Run pmpo check")])
            .current_dir(dir.root())
            .env("PATH", &path)
            .env("GITHUB_OUTPUT", &output)
            .env_remove("GITHUB_STEP_SUMMARY")
            .env("PMPO_PATH", &workspace)
            .env("PMPO_ARGS", "")
            .env("SARIF_FILE", "pmpo.sarif")
            .env("ANNOTATIONS", annotations)
            // The same fixed day and width as the direct run it is compared with.
            .env("PMPO_TODAY", common::TODAY)
            .env("COLUMNS", "100")
            .output()
            .unwrap();
        assert_eq!(ran.status.code(), Some(0), "{}", String::from_utf8_lossy(&ran.stderr));
        let recorded = std::fs::read_to_string(&output).unwrap();
        assert_eq!(recorded.trim(), format!("exit-code={expected}"));
        assert_eq!(
            std::fs::read(dir.root().join("pmpo.sarif")).unwrap(),
            direct.stdout_bytes()
        );
        assert_eq!(std::fs::read_to_string(&runs).unwrap(), "run\n", "pmpo runs once");
        let log = String::from_utf8_lossy(&ran.stdout);
        assert_eq!(log.contains("::error file="), annotations == "true", "{log}");
    }

    let failed = Command::new("bash")
        .args(["-c", &step(&action, "Fail when pmpo failed")])
        .env("CODE", expected.to_string())
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(expected), "the job fails with pmpo's code");
}

#[test]
fn every_check_option_in_ci_md_exists() {
    let help = Pmpo::new(["check", "--help"]).run();
    let help = help.stdout();
    let doc = read("docs/ci.md");
    let mut seen = 0;
    for line in doc
        .lines()
        .filter_map(|l| l.split_once("pmpo check").map(|(_, rest)| rest))
    {
        for word in line.split(|c: char| c.is_whitespace() || matches!(c, '`' | '[' | ']' | ',' | ':')) {
            if let Some(option) = word.strip_prefix("--")
                && !option.is_empty()
                && option.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            {
                seen += 1;
                assert!(
                    help.contains(&format!("--{option}")),
                    "docs/ci.md uses --{option}: {line}"
                );
            }
        }
    }
    assert!(seen >= 4, "docs/ci.md shows pmpo check's options");
}
