//! Any size: a workspace with about 30,000 findings stays within what every consumer
//! accepts.

use serde_json::Value;

use super::findings;
use super::junit::assert_junit_10;
use super::sarif::sarif_validator;
use crate::common::{self, Pmpo};

/// A workspace with about 30,000 findings: errors, two warnings for each of 15,000
/// backlog items (no goal, no acceptance criteria) and an info.
pub(super) fn huge_workspace() -> common::Workspace {
    use std::fmt::Write as _;
    let mut items = String::from("kind: backlog\nitems:\n");
    for i in 0..15_000 {
        let _ = writeln!(items, "  - {{id: X-{i}, title: Item {i}, status: ready}}");
    }
    common::Workspace::new(&[
        (
            "roles/po.md",
            "---\nholders: [dana]\nresponsibilities:\n  backlog-refinement: A\n---\n",
        ),
        (
            "roles/sm.md",
            "---\nholders: [sam]\nresponsibilities:\n  backlog-refinement: R\n---\n",
        ),
        ("backlog/items.yaml", &items),
    ])
}

#[test]
fn thirty_thousand_findings_stay_within_every_consumer_limit() {
    let ws = huge_workspace();
    let dir = ws.root();
    let formats = ["sarif", "gitlab", "junit", "markdown", "concise", "json"];
    let mut args = vec!["check".to_string(), ".".to_string(), "--format".into(), "github".into()];
    for f in formats {
        args.extend(["--format".into(), format!("{f}=out.{f}")]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = Pmpo::new(args).dir(dir).run();
    assert_eq!(out.code(), 1);
    let read = |f: &str| std::fs::read_to_string(dir.join(format!("out.{f}"))).unwrap();
    let report: Value = serde_json::from_str(&read("json")).unwrap();
    let all = findings(&report);
    let count = |s: &str| all.iter().filter(|f| f["severity"] == s).count();
    let (errors, warnings, infos) = (count("error"), count("warning"), count("info"));
    assert!(
        all.len() > 30_000 && errors > 0 && warnings >= 30_000 && infos > 0,
        "{}",
        all.len()
    );

    sarif_within_limits(&serde_json::from_str(&read("sarif")).unwrap(), all, errors);
    markdown_within_limits(&read("markdown"), all, errors);
    github_within_limits(&out.stdout(), all);

    // GitLab and concise have no limit: every finding, each with a place.
    let issues: Value = serde_json::from_str(&read("gitlab")).unwrap();
    assert_eq!(issues.as_array().unwrap().len(), all.len());
    assert_eq!(read("concise").lines().count(), all.len());

    // JUnit: valid for Jenkins, failing as the run does.
    let xml = read("junit");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_junit_10(&doc);
    assert!(
        doc.root_element()
            .attribute("failures")
            .unwrap()
            .parse::<usize>()
            .unwrap()
            > 0
    );
}

/// SARIF of the thirty thousand findings: what GitHub code scanning takes.
fn sarif_within_limits(log: &Value, all: &[Value], errors: usize) {
    // SARIF: at most 25,000 results, the errors all in, the infos left out, and a note.
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 25_000);
    let level = |l: &str| results.iter().filter(|r| r["level"] == l).count();
    assert_eq!(
        (level("error"), level("warning"), level("note")),
        (errors, 25_000 - errors, 0)
    );
    assert!(
        results
            .iter()
            .all(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64() >= Some(1))
    );
    let notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    let note = |id: &str| {
        notes
            .iter()
            .find(|n| n["descriptor"]["id"] == id)
            .and_then(|n| n["message"]["text"].as_str())
            .unwrap_or_else(|| panic!("no {id} notification: {notes:#?}"))
    };
    let left_out = all.len() - 25_000;
    assert!(note("results-truncated").starts_with(&format!("{left_out} of {}", all.len())));
    // Code scanning shows 5,000 results a run: the log says so, and they are the worst.
    assert!(
        note("results-not-shown").contains("shows the first 5000"),
        "{}",
        note("results-not-shown")
    );
    let rank = |r: &Value| match r["level"].as_str() {
        Some("error") => 0,
        Some("warning") => 1,
        _ => 2,
    };
    assert!(results.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])), "errors first");
    if let Some((validator, _)) = sarif_validator() {
        let errors: Vec<String> = validator.iter_errors(log).take(5).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

/// The Markdown report of the thirty thousand findings: what a GitHub comment takes.
fn markdown_within_limits(md: &str, all: &[Value], errors: usize) {
    // Markdown: within a GitHub comment, the errors listed, a line saying what is left out.
    assert!(md.chars().count() <= 65_000, "{} characters", md.chars().count());
    assert!(
        md.contains(&format!("{errors} error")),
        "the heading still counts everything"
    );
    let rows = |severity: &str| md.lines().filter(|l| l.starts_with(&format!("| {severity} |"))).count();
    assert_eq!(rows("error"), errors);
    assert_eq!(rows("info"), 0);
    let shown = rows("error") + rows("warning");
    assert!(
        md.contains(&format!("**{} more findings left out**", all.len() - shown)),
        "{}",
        &md[md.len() - 2000..]
    );
    assert!(md.contains("`pmpo check .`"), "says how to see them all");
}

/// The GitHub workflow commands of the thirty thousand findings: what the runner annotates.
fn github_within_limits(gh: &str, all: &[Value]) {
    // GitHub: every finding, errors first, and the notice before the infos naming how
    // many the runner will not annotate.
    let lines: Vec<&str> = gh.lines().collect();
    let count = |s: &str| all.iter().filter(|f| f["severity"] == s).count();
    let (e, w, i) = (count("error"), count("warning"), count("info"));
    assert_eq!(lines.len(), all.len() + 1);
    assert!(lines[..e].iter().all(|l| l.starts_with("::error ")));
    assert!(lines[e..e + w].iter().all(|l| l.starts_with("::warning ")));
    let hidden = e.saturating_sub(10) + w.saturating_sub(10) + i.saturating_sub(9);
    assert!(
        lines[e + w].contains(&format!("{hidden} findings are not annotated")),
        "{}",
        lines[e + w]
    );
    assert!(
        lines[e + w].contains("the SARIF report (`--format sarif`) and `pmpo check .` have them all"),
        "says where they are: {}",
        lines[e + w]
    );
}
