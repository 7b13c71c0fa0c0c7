//! The command line through the binary: exit codes, the global flags, deterministic
//! output, finding the root, and the promises the three examples make.

use crate::common;

use std::path::Path;

use common::{Pmpo, Run, Workspace, brief, briefs, of_rule, redact_elapsed};

const ESC: char = '\u{1b}';

/// A workspace that passes: one role charter owning a one-responsibility catalog.
const TINY: &[(&str, &str)] = &[
    (
        "responsibilities.yaml",
        "kind: catalog\nresponsibilities:\n  - id: backlog-ordering\n    title: Order the backlog\n",
    ),
    (
        "roles/product-owner.md",
        "---\ntitle: Product Owner\nholders: [dana]\nresponsibilities:\n  backlog-ordering: A\n---\n",
    ),
    (
        "vision.md",
        "---\nowner: product-owner\ngoals:\n  - id: G1\n    title: Ship it\n---\n",
    ),
    (
        "backlog/B-1.md",
        "---\nid: B-1\ntitle: First\nstatus: idea\ngoals: [G1]\n---\n",
    ),
];

fn human(path: &str, extra: &[&str]) -> Run {
    Pmpo::new(["check", path]).args(extra).run()
}

#[test]
fn exit_codes_of_the_examples() {
    for (example, code) in [("examples/acme", 0), ("examples/po-only", 1), ("examples/combined", 0)] {
        let run = Pmpo::new(["check", "--format", "json", example]).run();
        run.json();
        assert_eq!(run.code(), code, "{example}");
    }
}

fn assert_exit_2(output: &Run, stderr_has: &[&str]) {
    let err = output.stderr();
    assert_eq!(output.code(), 2, "stderr:\n{err}");
    assert!(
        output.stdout_bytes().is_empty(),
        "nothing on stdout: {}",
        output.stdout()
    );
    for needle in stderr_has {
        assert!(err.contains(needle), "stderr lacks {needle:?}:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_missing_root_is_exit_2() {
    let ws = Workspace::new(TINY);
    let missing = ws.root().join("no-such-dir");
    let output = Pmpo::new(["check", "--format", "json"]).arg(&missing).run();
    assert_exit_2(&output, &["cannot read the workspace root", "no-such-dir"]);
}

#[test]
fn statistics_are_text_or_json_and_nothing_a_ci_consumer_would_misread() {
    let json = Pmpo::new(["check", "examples/po-only", "--statistics", "--format", "json"]).run();
    assert_eq!(json.code(), 1, "the exit code of the findings");
    let rows: serde_json::Value = serde_json::from_slice(json.stdout_bytes()).expect("a JSON array");
    let orphaned = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "orphaned-strategic")
        .expect("po-only orphans its strategy");
    assert_eq!(orphaned["severity"], "error");
    assert!(orphaned["count"].as_u64().unwrap() > 1);
    for format in ["sarif", "junit", "github", "gitlab", "markdown", "html"] {
        let output = Pmpo::new(["check", "examples/po-only", "--statistics", "--format", format]).run();
        assert_exit_2(&output, &["--statistics", format]);
    }
}

#[test]
fn a_root_that_is_a_file_is_exit_2() {
    let output = Pmpo::new(["check", "--format", "json", "Cargo.toml"]).run();
    assert_exit_2(&output, &["Cargo.toml", "not a directory"]);
}

#[test]
fn an_unknown_key_in_pmpo_yaml_is_exit_2_with_a_suggestion() {
    let ws = Workspace::new(TINY);
    ws.write(
        "pmpo.yaml",
        b"limits:\n  max_load: 12\nwaiver:\n  - responsibility: go-to-market\n",
    );
    let output = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run();
    assert_exit_2(
        &output,
        &["pmpo.yaml", "unknown field `waiver`", "did you mean `waivers`?"],
    );
}

#[test]
fn a_bad_rule_severity_in_pmpo_yaml_is_exit_2() {
    let ws = Workspace::new(TINY);
    ws.write("pmpo.yaml", b"rules:\n  overloaded-person: fatal\n");
    let output = Pmpo::new(["check"]).arg(ws.root()).run();
    assert_exit_2(
        &output,
        &["`overloaded-person` must be error, warning, info or off", "fatal"],
    );
}

#[test]
fn an_unknown_rule_in_pmpo_yaml_is_exit_2_with_a_suggestion() {
    let ws = Workspace::new(TINY);
    ws.write("pmpo.yaml", b"rules:\n  orphaned-strategik: warning\n");
    let output = Pmpo::new(["check"]).arg(ws.root()).run();
    assert_exit_2(
        &output,
        &[
            "no rule is called `orphaned-strategik`",
            "did you mean `orphaned-strategic`?",
        ],
    );
}

#[test]
fn invalid_yaml_in_pmpo_yaml_is_exit_2() {
    let ws = Workspace::new(TINY);
    ws.write("pmpo.yaml", b"exclude: [archive/**\n");
    let output = Pmpo::new(["check"]).arg(ws.root()).run();
    assert_exit_2(&output, &["pmpo.yaml", "invalid YAML"]);
}

#[test]
fn bad_arguments_are_exit_2() {
    for args in [
        &["check", "--format", "xml", "examples/acme"][..],
        &["check", "--deny", "everything", "examples/acme"],
        &["check", "--color", "sometimes", "examples/acme"],
        &["check", "examples/acme", "examples/combined"],
        &["frobnicate"],
        &[],
    ] {
        let output = Pmpo::new(args).run();
        assert_eq!(output.code(), 2, "pmpo {args:?}: {}", output.stderr());
        assert!(output.stdout_bytes().is_empty(), "pmpo {args:?} printed to stdout");
        assert!(!output.stderr().is_empty(), "pmpo {args:?} says nothing");
    }
}

#[test]
fn help_and_version_are_exit_0() {
    for args in [&["--help"][..], &["check", "--help"], &["--version"]] {
        let output = Pmpo::new(args).run();
        assert_eq!(output.code(), 0, "pmpo {args:?}: {}", output.stderr());
        assert!(!output.stdout_bytes().is_empty());
    }
}

#[test]
fn deny_warnings_turns_warnings_into_a_failure() {
    let checked = Pmpo::new(["check", "--format", "json"])
        .arg(Path::new("examples/combined"))
        .run();
    let (plain, json) = (checked.code(), checked.json());
    assert_eq!(plain, 0);
    assert_eq!(json["summary"]["errors"], 0, "{}", briefs(&json));
    assert!(json["summary"]["warnings"].as_u64() > Some(0), "{}", briefs(&json));
    let output = Pmpo::new(["check", "--format", "json", "--deny", "warnings", "examples/combined"]).run();
    assert_eq!(output.code(), 1);
    // Denying warnings changes the exit code, not the report.
    let denied: serde_json::Value = serde_json::from_slice(output.stdout_bytes()).unwrap();
    assert_eq!(denied, json);
    // acme has no warning to deny.
    assert_eq!((human("examples/acme", &["--deny", "warnings"])).code(), 0);
}

#[test]
fn quiet_prints_findings_but_no_tables_or_summary() {
    let loud = (human("examples/po-only", &["--color", "never"])).stdout();
    assert!(loud.contains("\npmpo: "), "the summary line is there without --quiet");
    assert!(loud.contains("Orphaned strategic responsibilities"));
    let output = human("examples/po-only", &["--color", "never", "--quiet"]);
    assert_eq!(output.code(), 1);
    let quiet = output.stdout();
    // The rows the tables would show, one diagnostic a rule: never longer than without -q.
    assert!(
        quiet.contains("13 strategic responsibilities have no held accountable role"),
        "{quiet}"
    );
    assert!(quiet.lines().count() < loud.lines().count(), "{quiet}");
    assert!(!quiet.contains("pmpo: "), "{quiet}");
    assert!(!quiet.contains("Orphaned strategic responsibilities"), "{quiet}");
    assert!(!quiet.contains("Coverage:"), "{quiet}");
}

#[test]
fn color_never_and_always() {
    let never = (human("examples/combined", &["--color", "never"])).stdout();
    assert!(!never.contains(ESC), "--color never prints escape codes");
    let always = (human("examples/combined", &["--color", "always"])).stdout();
    assert!(always.contains("\u{1b}["), "--color always prints escape codes");
    let stripped = strip_escapes(&always);
    assert_eq!(
        redact_elapsed(&stripped),
        redact_elapsed(&never),
        "colour changes nothing but the escape codes"
    );
}

fn strip_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ESC && chars.peek() == Some(&'[') {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `--color auto` only colours a terminal, so `NO_COLOR` is tested under a pseudo
/// terminal from util-linux `script` (in Debian's essential `bsdutils`).
fn on_a_terminal(no_color: bool) -> String {
    let bin = Pmpo::BIN;
    let mut cmd = std::process::Command::new("script");
    cmd.args(["-qec", &format!("'{bin}' check examples/combined"), "/dev/null"])
        .current_dir(common::manifest_dir())
        .env("PMPO_TODAY", common::TODAY)
        .env_remove("NO_COLOR");
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let output = cmd
        .output()
        .expect("util-linux `script` runs pmpo under a pseudo terminal");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

#[test]
fn no_color_turns_colour_off_on_a_terminal() {
    assert!(
        on_a_terminal(false).contains("\u{1b}["),
        "a terminal gets colour by default"
    );
    assert!(!on_a_terminal(true).contains(ESC), "NO_COLOR=1 turns it off");
}

#[test]
fn no_color_leaves_an_explicit_never_alone() {
    let output = Pmpo::new(["check", "--color", "never", "examples/combined"])
        .env("NO_COLOR", "1")
        .run();
    assert!(!output.stdout().contains(ESC));
}

#[test]
fn output_is_the_same_bytes_on_every_run() {
    for example in ["examples/acme", "examples/po-only", "examples/combined"] {
        let first = human(example, &["--color", "never"]);
        let second = human(example, &["--color", "never"]);
        assert_eq!(
            redact_elapsed(&first.stdout()),
            redact_elapsed(&second.stdout()),
            "{example}, human"
        );
        let json = |_| {
            Pmpo::new(["check", "--format", "json", example])
                .run()
                .stdout_bytes()
                .to_vec()
        };
        assert_eq!(json(1), json(2), "{example}, JSON");
    }
}

#[test]
fn the_root_is_found_upward_from_a_subdirectory() {
    let ws = Workspace::new(TINY);
    ws.write("pmpo.yaml", b"limits:\n  max_load: 10\n");
    ws.write("backlog/notes/.keep", b"");
    let output = Pmpo::new(["check", "--format", "json"])
        .dir(ws.root().join("backlog/notes"))
        .run();
    assert_eq!(output.code(), 0, "{}", output.stderr());
    let json: serde_json::Value = serde_json::from_slice(output.stdout_bytes()).unwrap();
    assert_eq!(json["root"], "../..");
    // All four documents: the walk started at the root, not at the subdirectory.
    assert_eq!(json["summary"]["documents"], 4, "{}", briefs(&json));
}

#[test]
fn the_upward_search_stops_at_the_git_root() {
    let ws = Workspace::new(TINY);
    ws.write("pmpo.yaml", b"limits:\n  max_load: 10\n");
    ws.write("repo/.git/HEAD", b"ref: refs/heads/main\n");
    ws.write("repo/docs/guide.md", b"# Nothing for pmpo here\n");
    let output = Pmpo::new(["check", "--format", "json"])
        .dir(ws.root().join("repo/docs"))
        .run();
    let json: serde_json::Value = serde_json::from_slice(output.stdout_bytes()).unwrap();
    assert_eq!(
        json["root"], ".",
        "the current directory, not the pmpo.yaml above the git root"
    );
    assert_eq!(json["summary"]["documents"], 0);
    assert_eq!(of_rule(&json, "empty-workspace").len(), 1);
    assert_eq!(output.code(), 1);
}

#[test]
fn acme_is_healthy() {
    let checked = Pmpo::new(["check", "--format", "json"])
        .arg(Path::new("examples/acme"))
        .run();
    let (code, json) = (checked.code(), checked.json());
    assert_eq!(code, 0);
    assert_eq!(json["summary"]["errors"], 0, "{}", briefs(&json));
    assert_eq!(json["summary"]["warnings"], 0, "{}", briefs(&json));
    let coverage = json["coverage"].as_array().unwrap();
    assert_eq!(coverage.len(), 27, "the built-in catalog");
    for row in coverage {
        assert_eq!(row["status"], "covered", "{row}");
    }
    assert!(
        !json["traceability"].as_array().unwrap().is_empty(),
        "acme traces its goals"
    );
}

#[test]
fn po_only_leaves_strategy_orphaned_and_has_no_vision() {
    let checked = Pmpo::new(["check", "--format", "json"])
        .arg(Path::new("examples/po-only"))
        .run();
    let (code, json) = (checked.code(), checked.json());
    assert_eq!(code, 1);
    let orphaned: Vec<&str> = of_rule(&json, "orphaned-strategic")
        .iter()
        .filter_map(|f| f["subject"].as_str())
        .collect();
    for id in ["product-vision", "product-strategy", "product-roadmap", "go-to-market"] {
        assert!(orphaned.contains(&id), "{id} is not reported orphaned: {orphaned:?}");
    }
    for f in of_rule(&json, "orphaned-strategic") {
        assert_eq!(f["severity"], "error", "{}", brief(f));
    }
    let vision = of_rule(&json, "missing-vision");
    assert_eq!(vision.len(), 1, "{}", briefs(&json));
    let coverage = json["coverage"].as_array().unwrap();
    let status = |id: &str| coverage.iter().find(|r| r["id"] == id).map(|r| r["status"].clone());
    assert_eq!(status("product-vision"), Some("orphaned".into()));
    assert_eq!(status("backlog-ordering"), Some("covered".into()));
}

#[test]
fn combined_has_one_person_in_both_roles_overloaded() {
    let checked = Pmpo::new(["check", "--format", "json"])
        .arg(Path::new("examples/combined"))
        .run();
    let (code, json) = (checked.code(), checked.json());
    assert_eq!(code, 0, "warnings and infos only: {}", briefs(&json));
    let overloaded = of_rule(&json, "overloaded-person");
    assert_eq!(overloaded.len(), 1, "{}", briefs(&json));
    assert_eq!(overloaded[0]["severity"], "warning");
    let person = overloaded[0]["subject"].as_str().unwrap();
    let combined = of_rule(&json, "combined-roles");
    assert_eq!(combined.len(), 1, "{}", briefs(&json));
    assert_eq!(combined[0]["subject"], person, "the same person");
    assert_eq!(json["summary"]["errors"], 0);
}

#[test]
fn po_only_human_report() {
    let output = Pmpo::new(["check", "--color", "never", "examples/po-only"]).run();
    assert_eq!(output.code(), 1);
    assert!(output.stderr_bytes().is_empty(), "{}", output.stderr());
    let text = redact_elapsed(&output.stdout());
    assert!(text.contains("(ELAPSED)"), "the elapsed time was found and redacted");
    insta::assert_snapshot!("po_only_human", text);
}

#[test]
fn rule_severities_can_be_overridden_and_switched_off() {
    let ws = Workspace::new(TINY);
    ws.write("backlog/B-2.md", b"---\nid: B-2\ntitle: Serves nothing yet\n---\n");
    let untraced = |config: Option<&str>| {
        if let Some(text) = config {
            ws.write("pmpo.yaml", text.as_bytes());
        }
        let checked = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run();
        let (code, json) = (checked.code(), checked.json());
        let severities: Vec<String> = of_rule(&json, "untraced-item")
            .iter()
            .map(|f| f["severity"].as_str().unwrap().to_string())
            .collect();
        (code, severities)
    };
    assert_eq!(untraced(None), (0, vec!["warning".to_string()]));
    assert_eq!(
        untraced(Some("rules:\n  untraced-item: error\n")),
        (1, vec!["error".to_string()])
    );
    assert_eq!(
        untraced(Some("rules:\n  untraced-item: info\n")),
        (0, vec!["info".to_string()])
    );
    // Unquoted, as FORMAT.md writes it: YAML 1.1 would read `off` as `false`.
    assert_eq!(untraced(Some("rules:\n  untraced-item: off\n")), (0, vec![]));
}

/// `pmpo check … | head -c 1`: a reader that goes away is not an error of pmpo's.
#[test]
fn a_closed_pipe_is_exit_0_in_every_format() {
    use std::fmt::Write as _;
    use std::io::Read;
    // Each id twice: a `duplicate-id` with two places is its own frame, never grouped,
    // so the human report is far longer than a pipe's buffer.
    let mut items = String::from("kind: backlog\nitems:\n");
    for i in 0..3000 {
        let _ = writeln!(
            items,
            "  - {{id: X-{}, title: An item nobody traced to a goal, status: ready}}",
            i % 1500
        );
    }
    let ws = Workspace::new(&[
        ("roles/po.md", "---\nholders: [dana]\n---\n"),
        ("backlog/items.yaml", &items),
    ]);
    // Not `markdown`: capped at 65,000 characters, it fits in a pipe's buffer and is
    // written whole before the reader leaves.
    for format in ["json", "human", "sarif", "concise", "gitlab"] {
        let mut child = Pmpo::new(["check", "--format", format])
            .arg(ws.root())
            .command()
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 1];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        let output = child.wait_with_output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "--format {format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// Output that cannot be written is pmpo failing its job, not a clean run.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_exit_2() {
    let full = std::fs::File::create("/dev/full").expect("/dev/full exists on Linux");
    let output = Pmpo::new(["check", "examples/acme"])
        .command()
        .stdout(full)
        .output()
        .expect("the pmpo binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write the output"), "{stderr}");
}

/// `--color auto` as no-color.org and force-color.org say, through the binary (stdout is a
/// pipe here, so only `FORCE_COLOR` can turn colour on).
#[test]
fn auto_colour_reads_no_color_as_the_convention_says() {
    let coloured = |env: &[(&str, &str)]| {
        let mut pmpo = Pmpo::new(["check", "examples/po-only", "--color", "auto"]);
        for (k, v) in env {
            pmpo = pmpo.env(k, v);
        }
        pmpo.run().stdout().contains('\u{1b}')
    };
    assert!(!coloured(&[]), "a pipe gets no colour");
    assert!(coloured(&[("FORCE_COLOR", "1")]));
    assert!(
        coloured(&[("FORCE_COLOR", "1"), ("NO_COLOR", "")]),
        "an empty NO_COLOR is unset"
    );
    assert!(!coloured(&[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]));
    assert!(
        !coloured(&[("FORCE_COLOR", "1"), ("NO_COLOR", "0")]),
        "any non-empty value"
    );
}

#[test]
fn a_definition_of_done_without_criteria_is_an_invalid_field() {
    let ws = Workspace::new(&[
        ("roles/po.md", "---\nholders: [dana]\n---\n"),
        (
            "definition-of-done.md",
            "---\nkind: definition-of-done\n---\n# Definition of Done\n\nTo be agreed.\n",
        ),
    ]);
    let checked = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run();
    let (code, json) = (checked.code(), checked.json());
    assert_eq!(code, 1, "{}", briefs(&json));
    let found = of_rule(&json, "invalid-field");
    assert_eq!(found.len(), 1, "{}", briefs(&json));
    assert_eq!(found[0]["file"], "definition-of-done.md");
    assert_eq!(found[0]["message"], "a definition of done lists no criteria");
}

/// Issue 24: an exit-2 error says what went wrong and what to do, in plain words, with no
/// internal code such as `pmpo::usage`.
#[test]
fn exit_2_errors_carry_no_internal_codes_and_say_what_to_do() {
    // A file `init` would write: it refuses to overwrite it.
    let ws = Workspace::new(&[("roles/product-manager.md", "---\nholders: [dana]\n---\n")]);
    let root = ws.root().to_str().unwrap().to_string();
    for args in [
        vec!["check".to_string(), "/nonexistent/pmpo-workspace".to_string()],
        vec![
            "check".to_string(),
            "--select".to_string(),
            "untraced-itme".to_string(),
            root.clone(),
        ],
        vec!["init".to_string(), root.clone()],
    ] {
        let out = Pmpo::new(&args).env("NO_COLOR", "1").run();
        assert_eq!(out.code(), 2, "{args:?}");
        let err = out.stderr();
        assert!(!err.contains("pmpo::"), "{args:?}: {err}");
        assert!(err.contains("help:"), "{args:?}: {err}");
    }
}
