//! The experience of running pmpo, as issue 12 measures it: a broken document leads the
//! report and invents nothing, a healthy workspace is quiet, the summary agrees with the
//! tables, paths open from where pmpo was run, and the flags users reach for
//! (`--statistics`, `--select`, `--ignore`, `-v`) do what they say.

use crate::common;

use common::{Pmpo, Workspace, of_rule};

const BROKEN: &str = "tests/fixtures/experience-broken-charter";

/// `pmpo check ARGS` as a user reads it: stdout and stderr together, no colour, 100 columns.
fn human(args: &[&str]) -> (i32, String) {
    let output = Pmpo::new(["check"]).args(args).env("NO_COLOR", "1").run();
    (output.code(), format!("{}{}", output.stdout(), output.stderr()))
}

/// The rule names heading each diagnostic, in printed order.
fn headings(text: &str) -> Vec<&str> {
    let rules = pmpo_rule_names();
    text.lines().filter(|l| rules.iter().any(|r| r == l)).collect()
}

fn pmpo_rule_names() -> Vec<String> {
    let output = Pmpo::new(["rules", "--color", "never"]).env("COLUMNS", "200").run();
    output
        .stdout()
        .lines()
        .filter_map(|line| {
            let first = line.strip_prefix('│')?.split('┆').next()?.trim();
            (!first.is_empty() && first != "rule").then(|| first.to_string())
        })
        .collect()
}

#[test]
fn a_broken_charter_leads_the_report_and_its_role_still_exists() {
    let (exit, text) = human(&[BROKEN]);
    assert_eq!(exit, 1, "{text}");
    let order = headings(&text);
    assert_eq!(
        order.first(),
        Some(&"parse-error"),
        "the parse error comes first:\n{text}"
    );
    assert!(
        !order.contains(&"unknown-role"),
        "the broken charter still defines its role:\n{text}"
    );
    assert!(
        text.contains("roles/product-manager.md could not be read; it may cover this"),
        "{text}"
    );

    let json = Pmpo::new(["check", "--format", "json"])
        .arg(std::path::Path::new(BROKEN))
        .run()
        .json();
    assert_eq!(of_rule(&json, "parse-error").len(), 1);
    let unknown = of_rule(&json, "unknown-role");
    assert!(unknown.is_empty(), "no unknown-role at all here: {unknown:?}");
    // The coverage findings the unread charter may explain say so.
    let orphaned = of_rule(&json, "orphaned-strategic");
    assert!(!orphaned.is_empty());
    for f in orphaned {
        let help = f["help"].as_str().unwrap();
        assert!(help.starts_with("roles/product-manager.md could not be read"), "{help}");
    }
}

#[test]
fn a_broken_vision_hides_no_goals_and_invents_no_missing_vision() {
    let ws = Workspace::new(&[
        (
            "roles/po.md",
            "---\nholders: [dana]\nresponsibilities:\n  backlog-ordering: A\n---\n",
        ),
        (
            "vision.md",
            "---\nowner: po\ngoals:\n  - id: G1\n    title: x\n   - id: G2\n---\n",
        ),
        ("backlog/B-1.md", "---\nid: B-1\ntitle: t\ngoals: [G1]\n---\n"),
        ("backlog/B-2.md", "---\nid: B-2\ntitle: t\ngoals: [G2]\n---\n"),
    ]);
    let json = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run().json();
    assert_eq!(of_rule(&json, "parse-error").len(), 1, "{json}");
    assert!(of_rule(&json, "unknown-goal").is_empty(), "{json}");
    assert!(of_rule(&json, "missing-vision").is_empty(), "{json}");
}

#[test]
fn a_healthy_workspace_is_quiet_and_v_shows_the_infos() {
    let (exit, text) = human(&["examples/acme"]);
    assert_eq!(exit, 0, "{text}");
    let lines = text.lines().count();
    assert!(lines <= 40, "examples/acme printed {lines} lines:\n{text}");
    assert!(!headings(&text).contains(&"shared-responsibility"), "{text}");
    assert!(text.contains("3 infos (-v shows them)"), "infos are counted: {text}");

    let (_, verbose) = human(&["examples/acme", "-v"]);
    let shared = headings(&verbose)
        .iter()
        .filter(|h| **h == "shared-responsibility")
        .count();
    // The three shared responsibilities are rows of the Overlaps table, not diagnostics
    // too (CLI.md: what is a table row is not also a diagnostic).
    assert_eq!(shared, 0, "{verbose}");
    assert_eq!(verbose.matches("┆ shared │").count(), 3, "{verbose}");
}

/// The summary counts the rows the Overlaps table shows.
#[test]
fn the_summary_agrees_with_the_overlaps_table() {
    let (_, text) = human(&["examples/acme"]);
    let table = text.split("Overlaps\n").nth(1).expect("an Overlaps table");
    let rows = table
        .lines()
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with('│') && !l.contains("responsibility"))
        .count();
    assert_eq!(rows, 3, "{text}");
    assert!(text.contains(&format!(", {rows} overlapping")), "{text}");
    // The Markdown report (and the GitHub step summary built from it) says the same.
    let markdown = Pmpo::new(["check", "examples/acme", "--format", "markdown"])
        .run()
        .stdout();
    assert!(markdown.contains(&format!(", {rows} overlapping")), "{markdown}");
}

#[test]
fn a_troubled_workspace_says_each_thing_once() {
    let (exit, text) = human(&["examples/po-only"]);
    assert_eq!(exit, 1);
    let lines = text.lines().count();
    assert!(lines <= 150, "examples/po-only printed {lines} lines:\n{text}");
    // A coverage finding with no place is a row of its table, not a diagnostic too.
    let json = Pmpo::new(["check", "--format", "json"])
        .arg(std::path::Path::new("examples/po-only"))
        .run()
        .json();
    for f in of_rule(&json, "orphaned-strategic")
        .into_iter()
        .chain(of_rule(&json, "unowned"))
    {
        let id = f["subject"].as_str().unwrap();
        let message = f["message"].as_str().unwrap();
        let rows = text.lines().filter(|l| l.starts_with(&format!("│ {id} "))).count();
        assert_eq!(rows, 1, "{id} is one row of a table:\n{text}");
        // What is a table row is not also a diagnostic (CLI.md), with a place or without.
        let said = text.matches(message).count();
        assert_eq!(said, 0, "{message:?} printed {said} times:\n{text}");
    }
    // No help names a goal that does not exist: po-only has no vision.
    assert!(!text.contains("G1"), "{text}");
}

#[test]
fn deny_warnings_says_why_the_run_fails() {
    let ws = Workspace::new(&[
        (
            "roles/po.md",
            "---\nholders: [dana]\nresponsibilities:\n  backlog-ordering: A\n---\n",
        ),
        (
            "responsibilities.yaml",
            "kind: catalog\nresponsibilities:\n  - id: backlog-ordering\n    title: Order the backlog\n",
        ),
        ("vision.md", "---\nowner: po\ngoals: [{id: G1, title: x}]\n---\n"),
        ("backlog/B-1.md", "---\nid: B-1\ntitle: t\n---\n"),
    ]);
    let root = ws.root().to_str().unwrap();
    let (exit, text) = human(&[root]);
    assert_eq!(exit, 0, "{text}");
    assert!(!text.contains("denied"), "{text}");
    let (exit, text) = human(&[root, "--deny", "warnings"]);
    assert_eq!(exit, 1, "{text}");
    assert!(text.contains("2 warnings (denied: they fail the run)"), "{text}");
}

#[test]
fn an_empty_workspace_prints_only_that() {
    let ws = Workspace::new(&[("notes.md", "nothing here\n")]);
    let (exit, text) = human(&[ws.root().to_str().unwrap()]);
    assert_eq!(exit, 1);
    assert_eq!(headings(&text), vec!["empty-workspace"], "{text}");
    assert!(!text.contains("Coverage:") && !text.contains('╭'), "no tables:\n{text}");
    assert!(text.contains("help:"), "{text}");
}

#[test]
fn human_paths_open_from_the_current_directory() {
    let from_examples = Pmpo::new(["check", "po-only", "--color", "never"])
        .dir(common::manifest_dir().join("examples"))
        .run();
    let text = from_examples.stdout();
    assert!(
        text.contains("[po-only/backlog/LNK-203-branded-links.md:2:5]"),
        "{text}"
    );
    let from_root = Pmpo::new(["check", "examples/po-only", "--color", "never"])
        .run()
        .stdout();
    assert!(
        from_root.contains("[examples/po-only/backlog/LNK-203-branded-links.md:2:5]"),
        "{from_root}"
    );
    // Other formats keep their base, the workspace root.
    let json = Pmpo::new(["check", "--format", "json"])
        .arg(std::path::Path::new("examples/po-only"))
        .run()
        .json();
    let files: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert!(files.contains(&"roles/engineering-lead.md"), "{files:?}");
}

#[test]
fn statistics_count_each_rule() {
    let output = Pmpo::new(["check", "examples/po-only", "--statistics"]).run();
    assert_eq!(output.code(), 1, "the exit code still follows the findings");
    insta::assert_snapshot!("statistics_po_only", output.stdout());
}

#[test]
fn select_and_ignore_pick_rules() {
    let selected = Pmpo::new([
        "check",
        "examples/po-only",
        "--statistics",
        "--select",
        "untraced-item,shared-responsibility",
    ])
    .run();
    assert_eq!(selected.code(), 0, "no error-level rule ran");
    insta::assert_snapshot!("select_po_only", selected.stdout());

    let ignored = Pmpo::new([
        "check",
        "examples/po-only",
        "--statistics",
        "--ignore",
        "orphaned-strategic,unowned,missing-vision",
        "--ignore=untraced-item",
    ])
    .run();
    insta::assert_snapshot!("ignore_po_only", ignored.stdout());

    // Both: --ignore wins over --select.
    let both = Pmpo::new([
        "check",
        "examples/po-only",
        "--format",
        "json",
        "--select",
        "untraced-item,unowned",
        "--ignore",
        "unowned",
    ])
    .run();
    let json: serde_json::Value = serde_json::from_slice(both.stdout_bytes()).unwrap();
    let rules: std::collections::BTreeSet<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules.into_iter().collect::<Vec<_>>(), vec!["untraced-item"]);
}

#[test]
fn a_baseline_is_never_written_from_some_of_the_rules() {
    let output = Pmpo::new([
        "check",
        "examples/po-only",
        "--select",
        "unowned",
        "--write-baseline",
        "b.json",
    ])
    .run();
    assert_eq!(output.code(), 2, "{}", output.stderr());
    assert!(!common::manifest_dir().join("b.json").exists());
}

#[test]
fn entries_of_rules_left_out_are_not_stale() {
    let dir = Workspace::empty();
    let file = dir.root().join("baseline.json");
    let file = file.to_str().unwrap();
    let written = Pmpo::new(["check", "examples/po-only", "--write-baseline", file]).run();
    assert_eq!(written.code(), 0, "{}", written.stderr());
    let (exit, text) = human(&["examples/po-only", "--baseline", file, "--select", "unowned"]);
    assert_eq!(exit, 0, "{text}");
    assert!(!text.contains("Stale baseline entries"), "{text}");
    // Without the selection, the same baseline matches everything: nothing stale either.
    let (_, all) = human(&["examples/po-only", "--baseline", file]);
    assert!(!all.contains("Stale baseline entries"), "{all}");
}

#[test]
fn an_unknown_rule_name_is_exit_2_with_a_suggestion() {
    for flag in ["--select", "--ignore"] {
        let output = Pmpo::new(["check", "examples/acme", flag, "untraced-item,unowend"]).run();
        assert_eq!(output.code(), 2, "{flag}");
        assert!(output.stdout_bytes().is_empty());
        let err = output.stderr();
        assert!(
            err.contains("`unowend`") && err.contains("did you mean `unowned`?"),
            "{err}"
        );
    }
    // Every unknown name is named at once, each with its suggestion.
    let output = Pmpo::new(["check", "examples/acme", "--ignore", "unowend,untraced-items"]).run();
    assert_eq!(output.code(), 2);
    let err = output.stderr();
    assert!(err.contains("`unowend`, `untraced-items`"), "{err}");
    assert!(
        err.contains("did you mean `unowned`?") && err.contains("did you mean `untraced-item`?"),
        "{err}"
    );
}

#[test]
fn colour_follows_the_environment() {
    let esc = |envs: &[(&str, &str)]| {
        let mut pmpo = Pmpo::new(["check", "examples/po-only"]);
        for (k, v) in envs {
            pmpo = pmpo.env(k, v);
        }
        pmpo.run().stdout().contains('\u{1b}')
    };
    assert!(!esc(&[]), "not a terminal: no colour");
    assert!(esc(&[("FORCE_COLOR", "1")]));
    assert!(esc(&[("CLICOLOR_FORCE", "1")]));
    assert!(!esc(&[("NO_COLOR", "1")]));
    assert!(!esc(&[("TERM", "dumb")]));
}

#[test]
fn schema_alone_lists_the_kinds() {
    let output = Pmpo::new(["schema"]).run();
    assert_eq!(output.code(), 0, "{}", output.stderr());
    let kinds: Vec<String> = output.stdout().lines().map(str::to_string).collect();
    assert!(kinds.len() >= 7, "{kinds:?}");
    for kind in &kinds {
        let one = Pmpo::new(["schema", kind]).run();
        assert_eq!(one.code(), 0, "each listed kind has a schema: {kind}");
    }
}

#[test]
fn completions_offer_rule_names_and_kinds() {
    // clap_complete writes positional values into the bash and zsh scripts.
    for shell in ["bash", "zsh"] {
        let script = Pmpo::new(["completions", shell]).run().stdout();
        for rule in pmpo_rule_names() {
            assert!(script.contains(&rule), "{shell} completions lack the rule {rule}");
        }
        for kind in ["backlog-item", "roadmap", "config"] {
            assert!(script.contains(kind), "{shell} completions lack the kind {kind}");
        }
    }
    // Offering names does not turn away a misspelling before pmpo can suggest the right one.
    let output = Pmpo::new(["explain", "unowend"]).run();
    assert_eq!(output.code(), 2);
    assert!(
        output.stderr().contains("did you mean `unowned`?"),
        "{}",
        output.stderr()
    );
}

#[test]
fn quiet_everywhere_verbose_only_where_it_means_something() {
    // CLI.md lists `--quiet` among the flags of every command: the ones with nothing to
    // leave out accept it and print what they always print.
    for args in [
        &["rules", "-q"][..],
        &["schema", "--quiet"],
        &["catalog", "--list", "-q"],
    ] {
        let quiet = Pmpo::new(args).run();
        assert_eq!(quiet.code(), 0, "{args:?}: {}", quiet.stderr());
        let plain = Pmpo::new(&args[..args.len() - 1]).run();
        assert_eq!(quiet.stdout(), plain.stdout(), "{args:?}");
    }
    let output = Pmpo::new(["matrix", "-v"]).run();
    assert_eq!(output.code(), 2, "-v means nothing to matrix");
    assert!(output.stderr().contains("unexpected argument"), "{}", output.stderr());
    let output = Pmpo::new(["check", "examples/acme", "-q", "-v"]).run();
    assert_eq!(output.code(), 2, "-q and -v contradict each other");
}

/// Issue 24: the first diagnostic of po-only is an error, and the root cause of the
/// warnings after it (no vision: no item can serve a goal).
#[test]
fn errors_come_before_warnings_and_causes_before_consequences() {
    let (exit, text) = human(&["examples/po-only"]);
    assert_eq!(exit, 1);
    let order = headings(&text);
    assert_eq!(order.first(), Some(&"missing-vision"), "{text}");
    let first_warning = text.find('⚠').expect("a warning");
    let last_error = text.rfind('×').expect("an error");
    assert!(last_error < first_warning, "every error before every warning:\n{text}");

    // A misspelt `holders:` is an error that explains the vacant role after it.
    let ws = Workspace::new(&[
        (
            "roles/po.md",
            "---\nholder: [dana]\nresponsibilities:\n  backlog-ordering: A\n---\n",
        ),
        (
            "responsibilities.yaml",
            "kind: catalog\nresponsibilities:\n  - id: backlog-ordering\n    title: Order the backlog\n",
        ),
        ("vision.md", "---\nowner: po\ngoals: [{id: G1, title: x}]\n---\n"),
    ]);
    let (_, text) = human(&[ws.root().to_str().unwrap()]);
    let order = headings(&text);
    let field = order.iter().position(|h| *h == "invalid-field").expect(&text);
    let vacant = order.iter().position(|h| *h == "role-without-holder").expect(&text);
    assert!(field < vacant, "{text}");
}

/// Issue 24: `--select`, `--ignore` and a baseline hide table rows as they hide findings.
#[test]
fn tables_show_only_what_the_reported_findings_show() {
    let (_, all) = human(&["examples/po-only"]);
    assert!(all.contains("Orphaned strategic responsibilities"), "{all}");
    assert!(all.contains("Unowned responsibilities"), "{all}");
    let (_, selected) = human(&["examples/po-only", "--select", "untraced-item"]);
    assert!(!selected.contains("Orphaned strategic"), "{selected}");
    assert!(!selected.contains("Unowned responsibilities"), "{selected}");
    assert!(!selected.contains("Overlaps"), "{selected}");
    // The Markdown report (and GitHub's step summary made from it) lays out the same rows.
    let markdown = Pmpo::new([
        "check",
        "examples/po-only",
        "--format",
        "markdown",
        "--select",
        "untraced-item",
    ])
    .run()
    .stdout();
    assert!(!markdown.contains("Orphaned strategic"), "{markdown}");
    let (_, ignored) = human(&["examples/po-only", "--ignore", "orphaned-strategic"]);
    assert!(!ignored.contains("Orphaned strategic"), "{ignored}");
    assert!(ignored.contains("Unowned responsibilities"), "{ignored}");

    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("b.json");
    let baseline = baseline.to_str().unwrap();
    let (exit, _) = human(&["examples/po-only", "--write-baseline", baseline]);
    assert_eq!(exit, 0);
    let (exit, hidden) = human(&["examples/po-only", "--baseline", baseline]);
    assert_eq!(exit, 0, "{hidden}");
    for table in ["Orphaned strategic", "Unowned responsibilities", "Overlaps"] {
        assert!(
            !hidden.contains(table),
            "{table} after a baseline that hides all:\n{hidden}"
        );
    }
}

/// Issue 24: one vacant role is one diagnostic naming what it leaves uncovered; its rows
/// are in the tables only; `-q` is never longer than the default.
#[test]
fn a_vacant_role_is_one_diagnostic_and_quiet_is_shorter() {
    let ws = Workspace::new(&[
        (
            "roles/pm.md",
            "---\nresponsibilities:\n  product-vision: A\n  product-strategy: A\n---\n",
        ),
        (
            "roles/po.md",
            "---\nholders: [dana]\nresponsibilities:\n  backlog-ordering: A\n---\n",
        ),
    ]);
    let root = ws.root().to_str().unwrap();
    let (_, text) = human(&[root]);
    let order = headings(&text);
    assert_eq!(
        order.iter().filter(|h| **h == "role-without-holder").count(),
        1,
        "{text}"
    );
    assert!(!order.contains(&"orphaned-strategic"), "{text}");
    assert!(text.contains("leaves 2 responsibilities uncovered:"), "{text}");
    assert!(text.contains("`product-vision`, `product-strategy`"), "{text}");
    assert_eq!(text.matches("│ product-vision ").count(), 1, "one row:\n{text}");
    for dir in [root, "examples/po-only", "examples/acme"] {
        let (_, loud) = human(&[dir]);
        let (_, quiet) = human(&[dir, "-q"]);
        assert!(quiet.lines().count() <= loud.lines().count(), "{dir}:\n{quiet}");
    }
}

/// Issue 24: a table row is not also a diagnostic, so the tables whose rows need doing
/// say what to do.
#[test]
fn tables_of_rows_to_fix_say_what_to_do() {
    let (_, text) = human(&["examples/combined"]);
    let load = text.split("People over their load\n").nth(1).expect(&text);
    assert!(
        load.lines()
            .find(|l| l.starts_with("  help: "))
            .is_some_and(|l| l.contains("limits.max_load")),
        "{text}"
    );
    let ws = Workspace::new(&[
        (
            "roles/x.md",
            "---\nholders: [a]\nresponsibilities:\n  backlog-ordering: A\n---\n",
        ),
        (
            "roles/y.md",
            "---\nholders: [b]\nresponsibilities:\n  backlog-ordering: A\n---\n",
        ),
    ]);
    let (_, text) = human(&[ws.root().to_str().unwrap()]);
    assert!(!headings(&text).contains(&"multiple-accountable"), "{text}");
    let overlaps = text.split("Overlaps\n").nth(1).expect(&text);
    assert!(overlaps.contains("  help: keep one accountable role"), "{text}");
}
