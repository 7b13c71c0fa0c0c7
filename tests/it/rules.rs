//! Every rule through the binary, one fixture pair each.
//!
//! `tests/fixtures/<rule>/fail/` is a small workspace that must raise at least the
//! finding listed in [`EXPECTED`]; `tests/fixtures/<rule>/clean/` is the same workspace
//! put right, which must raise no finding of that rule. The test walks the fixture
//! directories rather than a list, and checks that they, the table below, CLI.md's rule
//! table and `pmpo rules` all name the same rules: a rule added without fixtures fails
//! here. The JSON report of every failing fixture is snapshotted with insta; the test
//! goes through every fixture and then fails once, naming every mismatch.

use crate::common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use common::{Pmpo, brief, briefs, of_rule};

/// The finding each failing fixture must contain: the rule, then the file, line and
/// subject it is reported with (`None` where the finding has none).
struct Expected {
    rule: &'static str,
    file: Option<&'static str>,
    line: Option<u64>,
    subject: Option<&'static str>,
}

const fn at(rule: &'static str, file: &'static str, line: u64, subject: &'static str) -> Expected {
    Expected {
        rule,
        file: Some(file),
        line: Some(line),
        subject: Some(subject),
    }
}

const PM: &str = "roles/product-manager.md";
const PO: &str = "roles/product-owner.md";
const TW101: &str = "backlog/TW-101-book-visitor-berth.md";
const TW102: &str = "backlog/TW-102-refuse-double-booking.md";
const TW103: &str = "backlog/TW-103-show-harbour-fees.md";

const EXPECTED: &[Expected] = &[
    Expected {
        rule: "empty-workspace",
        file: None,
        line: None,
        subject: None,
    },
    at("parse-error", TW103, 3, TW103),
    at("invalid-field", TW101, 7, TW101),
    at("duplicate-id", TW103, 2, "TW-102"),
    at("unknown-responsibility", PO, 8, "backlog-order"),
    at("unknown-role", PO, 5, "head-of-product"),
    at("orphaned-strategic", PM, 7, "product-roadmap"),
    at("unowned", PM, 8, "customer-research"),
    at("multiple-accountable", PM, 9, "backlog-ordering"),
    at("expired-waiver", "pmpo.yaml", 4, "go-to-market"),
    at("unused-waiver", "pmpo.yaml", 2, "customer-research"),
    at("shared-responsibility", PM, 8, "customer-research"),
    at("role-without-holder", "roles/ux-researcher.md", 4, "ux-researcher"),
    at("unexpected-owner", PO, 11, "customer-research"),
    at("overloaded-person", PM, 4, "ines"),
    at("combined-roles", PM, 4, "ines"),
    at("team-too-large", PO, 6, "product-owner"),
    at("reporting-cycle", PM, 5, "product-manager"),
    at("missing-vision", "vision.md", 2, "vision"),
    at("vision-owner-mismatch", "vision.md", 3, "product-vision"),
    at("unknown-goal", TW101, 6, "TW-101"),
    at("untraced-item", TW103, 2, "TW-103"),
    at("goal-without-work", "vision.md", 9, "G3"),
    at("missing-acceptance-criteria", TW102, 4, "TW-102"),
    at("order-conflict", TW102, 5, "TW-102"),
    at("acceptance-by-non-owner", TW102, 7, "TW-102"),
    at("unknown-scope", PO, 5, "tidewatr"),
    at("scope-mismatch", PO, 9, "backlog-ordering"),
    at("accountable-committee", PO, 4, "product-owner"),
    at("unchecked-criteria", TW102, 15, "TW-102"),
    at("stray-charter", "team/ux-researcher.md", 4, "team/ux-researcher.md"),
    at(
        "catalog-not-in-force",
        "responsibilities.yaml",
        1,
        "responsibilities.yaml",
    ),
    at("placeholder-holder", "roles/ux-researcher.md", 4, "ux-researcher"),
    at("unknown-person", "roles/ux-researcher.md", 4, "nour"),
    at("holder-leaving", "people.yaml", 5, "ines"),
];

fn fixtures() -> PathBuf {
    PathBuf::from("tests/fixtures")
}

/// Directories of `tests/fixtures` that hold a `fail` or `clean` case: the rule fixtures.
fn rule_fixture_dirs() -> BTreeSet<String> {
    let dir = common::manifest_dir().join(fixtures());
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("tests/fixtures is readable") {
        let path = entry.expect("a directory entry").path();
        if path.join("fail").is_dir() || path.join("clean").is_dir() {
            names.insert(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    names
}

/// The rule names of CLI.md's rule table (the copy under tests/spec).
fn spec_rules() -> BTreeSet<String> {
    let spec = std::fs::read_to_string(common::manifest_dir().join("tests/spec/CLI.md")).expect("tests/spec/CLI.md");
    let section = spec.split("## Rules").nth(1).expect("CLI.md has a Rules section");
    section
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let name = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            Some(name.to_string())
        })
        .filter(|name| !common::pending_rules().contains(name))
        .collect()
}

/// The rule names `pmpo rules` lists.
fn listed_rules() -> BTreeSet<String> {
    let output = Pmpo::new(["rules", "--color", "never"]).env("COLUMNS", "200").run();
    assert_eq!(output.code(), 0, "{}", output.stderr());
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
fn every_rule_has_fixtures_and_an_expectation() {
    let spec = spec_rules();
    assert_eq!(
        spec.len() + common::pending_rules().len(),
        35,
        "CLI.md's rule table as parsed: {spec:?}"
    );
    assert_eq!(listed_rules(), spec, "`pmpo rules` and CLI.md list the same rules");
    let dirs = rule_fixture_dirs();
    let missing: Vec<_> = spec.difference(&dirs).collect();
    let extra: Vec<_> = dirs.difference(&spec).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "tests/fixtures/<rule>/ must match the rules: without fixtures {missing:?}, fixtures of no rule {extra:?}"
    );
    for rule in &dirs {
        for case in ["fail", "clean"] {
            let dir = common::manifest_dir().join(fixtures()).join(rule).join(case);
            assert!(dir.is_dir(), "{} is missing", dir.display());
        }
    }
    let expected: BTreeSet<String> = EXPECTED.iter().map(|e| e.rule.to_string()).collect();
    assert_eq!(expected.len(), EXPECTED.len(), "one expectation per rule");
    assert_eq!(expected, spec, "EXPECTED names every rule once");
}

fn matches(f: &serde_json::Value, e: &Expected) -> bool {
    f["file"].as_str() == e.file && f["line"].as_u64() == e.line && f["subject"].as_str() == e.subject
}

#[test]
fn each_fail_fixture_raises_its_rule_and_each_clean_one_does_not() {
    let mut problems = Vec::new();
    for rule in rule_fixture_dirs() {
        let Some(expected) = EXPECTED.iter().find(|e| e.rule == rule) else {
            problems.push(format!("{rule}: no entry in EXPECTED"));
            continue;
        };

        let fail = fixtures().join(&rule).join("fail");
        let checked = Pmpo::new(["check", "--format", "json"]).arg(&fail).run();
        let (code, json) = (checked.code(), checked.json());
        let found = of_rule(&json, &rule);
        if !found.iter().any(|f| matches(f, expected)) {
            problems.push(format!(
                "{rule}/fail: no `{rule}` finding at {:?}:{:?} about {:?}; findings:\n{}",
                expected.file,
                expected.line,
                expected.subject,
                briefs(&json)
            ));
        }
        let errors = json["summary"]["errors"].as_u64().unwrap_or(0);
        if code != i32::from(errors > 0) {
            problems.push(format!("{rule}/fail: exit code {code} with {errors} errors"));
        }
        if json["root"] != format!("tests/fixtures/{rule}/fail") {
            problems.push(format!("{rule}/fail: the root is not shown as given: {}", json["root"]));
        }
        // insta panics on a changed or missing snapshot (after printing its diff): catch
        // it, so that one run names every rule whose report changed, not just the first.
        let snapshot = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            insta::assert_json_snapshot!(rule.as_str(), json);
        }));
        if snapshot.is_err() {
            problems.push(format!(
                "{rule}/fail: the JSON report is not tests/it/snapshots/it__rules__{rule}.snap \
                 (changed or missing; insta's report is above)"
            ));
        }

        let clean = fixtures().join(&rule).join("clean");
        let json = Pmpo::new(["check", "--format", "json"]).arg(&clean).run().json();
        let found = of_rule(&json, &rule);
        if !found.is_empty() {
            let list: Vec<_> = found.iter().map(|f| brief(f)).collect();
            problems.push(format!("{rule}/clean: {}", list.join("; ")));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s) with the rule fixtures:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// A cheap stand-in for `cargo insta test --unreferenced reject`: every snapshot file
/// belongs to a fixture or is named in the test file that writes it, and no pending
/// `.snap.new` is left behind.
#[test]
fn no_stale_snapshots() {
    let root = common::manifest_dir();
    let rules = rule_fixture_dirs();
    let mut stale = Vec::new();
    for entry in std::fs::read_dir(root.join("tests/it/snapshots")).expect("tests/it/snapshots is readable") {
        let path = entry.expect("a directory entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".snap") else {
            stale.push(format!(
                "{name}: not a snapshot (a pending `.snap.new`? review it with cargo insta)"
            ));
            continue;
        };
        // insta names a snapshot by the module path of its assertion,
        // `it__<module>[__<module>...]__<name>`, where an unnamed snapshot takes its test
        // function's name, numbered `-2`, `-3` after the first.
        let (Some((file, _)), Some((_, snapshot))) = (
            stem.strip_prefix("it__").and_then(|s| s.split_once("__")),
            stem.rsplit_once("__"),
        ) else {
            stale.push(format!("{name}: not named it__<test module>__<snapshot>"));
            continue;
        };
        let referenced = if file == "rules" {
            rules.contains(snapshot) && root.join("tests/fixtures").join(snapshot).join("fail").is_dir()
        } else {
            let function = snapshot
                .rsplit_once('-')
                .filter(|(_, n)| n.parse::<u32>().is_ok())
                .map_or(snapshot, |(f, _)| f);
            // The test module's file, or each file of its folder (`formats/`).
            let file_rs = root.join("tests/it").join(format!("{file}.rs"));
            let sources: Vec<PathBuf> = match std::fs::read_dir(root.join("tests/it").join(file)) {
                Ok(dir) => dir.filter_map(|e| e.ok().map(|e| e.path())).collect(),
                Err(_) => vec![file_rs],
            };
            sources.iter().any(|source| {
                std::fs::read_to_string(source).is_ok_and(|text| {
                    text.contains(&format!("\"{snapshot}\"")) || text.contains(&format!("fn {function}("))
                })
            })
        };
        if !referenced {
            stale.push(format!("{name}: no fixture or test writes it any more"));
        }
    }
    assert!(
        stale.is_empty(),
        "stale snapshots in tests/it/snapshots:\n{}",
        stale.join("\n")
    );
}
