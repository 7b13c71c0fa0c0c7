//! `pmpo check --write-baseline` / `--baseline`, through the binary, on a copy of the
//! failing `po-only` example.

use std::path::PathBuf;

use serde_json::Value;

use crate::common::{self, Pmpo, Run, Workspace, copy_dir};

/// A copy of `examples/po-only`, with the workspace at `ws/` and room for baselines beside it.
struct Fixture {
    dir: Workspace,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = Workspace::empty();
        copy_dir(&common::manifest_dir().join("examples/po-only"), &dir.path("ws"));
        Fixture { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path(rel)
    }

    fn pmpo(&self, args: &[&str]) -> Run {
        Pmpo::new(args).dir(self.dir.root()).env("NO_COLOR", "1").run()
    }

    fn json(&self, args: &[&str]) -> (i32, Value) {
        let mut all = vec!["check", "ws", "--format", "json"];
        all.extend_from_slice(args);
        let out = self.pmpo(&all);
        let doc = serde_json::from_slice(out.stdout_bytes())
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(out.stderr_bytes())));
        (out.code(), doc)
    }

    fn edit(&self, rel: &str, f: impl FnOnce(String) -> String) {
        let p = self.path(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, f(text)).unwrap();
    }
}

fn findings(doc: &Value) -> &Vec<Value> {
    doc["findings"].as_array().unwrap()
}

#[test]
fn a_baseline_hides_todays_findings_and_survives_moved_lines() {
    let fx = Fixture::new();
    let (code, plain) = fx.json(&[]);
    assert_eq!(code, 1, "po-only fails without a baseline");
    let today = findings(&plain).len();
    assert!(today > 0);
    assert!(plain.get("baseline").is_none(), "no baseline key without --baseline");

    let (code, written) = fx.json(&["--write-baseline", "pmpo-baseline.json"]);
    assert_eq!(code, 0, "writing a baseline hides what it records");
    assert_eq!(written["baseline"]["written"], true);
    assert_eq!(written["baseline"]["hidden"], today);
    let file: Value = serde_json::from_str(&std::fs::read_to_string(fx.path("pmpo-baseline.json")).unwrap()).unwrap();
    assert_eq!(file["version"], 1);
    assert_eq!(file["tool"], "pmpo");
    assert_eq!(file["findings"].as_array().unwrap().len(), today);

    let (code, hidden) = fx.json(&["--baseline", "pmpo-baseline.json"]);
    assert_eq!(code, 0);
    assert!(findings(&hidden).is_empty());
    assert_eq!(hidden["baseline"]["hidden"], today);
    assert_eq!(hidden["baseline"]["written"], false);
    assert_eq!(hidden["summary"]["errors"], 0);

    // Push every finding of the charter down by three lines.
    fx.edit("ws/roles/product-owner.md", |t| t.replacen("---\n", "---\n\n\n\n", 1));
    let line_of = |doc: &Value| {
        findings(doc)
            .iter()
            .find(|f| f["file"] == "roles/product-owner.md")
            .map(|f| f["line"].as_u64().unwrap())
            .unwrap()
    };
    let (_, moved) = fx.json(&[]);
    assert_eq!(line_of(&moved), line_of(&plain) + 3, "the lines did move");
    let (code, still) = fx.json(&["--baseline", "pmpo-baseline.json"]);
    assert_eq!(code, 0, "a moved line does not resurrect a finding");
    assert!(findings(&still).is_empty());
}

#[test]
fn only_a_new_problem_fails_the_run() {
    let fx = Fixture::new();
    assert_eq!(fx.json(&["--write-baseline", "b.json"]).0, 0);
    fx.edit("ws/roles/product-owner.md", |t| {
        t.replacen(
            "  backlog-ordering: A\n",
            "  backlog-ordering: A\n  pricing-policy: A\n",
            1,
        )
    });
    let (code, doc) = fx.json(&["--baseline", "b.json"]);
    assert_eq!(code, 1);
    let shown = findings(&doc);
    assert_eq!(shown.len(), 1, "{shown:#?}");
    assert_eq!(shown[0]["rule"], "unknown-responsibility");
    assert_eq!(shown[0]["subject"], "pricing-policy");

    let human = fx.pmpo(&["check", "ws", "--baseline", "b.json"]);
    let text = human.stdout();
    assert!(text.contains("pricing-policy"), "{text}");
    assert!(
        !text.contains("LNK-203 serves no goal"),
        "baselined findings are not shown"
    );
    let hidden = doc["baseline"]["hidden"].as_u64().unwrap();
    assert!(
        text.contains(&format!("Baseline: {hidden} findings hidden by b.json")),
        "{text}"
    );
}

#[test]
fn fixed_findings_leave_stale_entries() {
    let fx = Fixture::new();
    fx.json(&["--write-baseline", "b.json"]);
    fx.edit("ws/roles/product-owner.md", |t| {
        t.replacen("voice-of-customer: R", "voice-of-customer: A", 1)
    });
    let (code, doc) = fx.json(&["--baseline", "b.json"]);
    assert_eq!(code, 0);
    let stale = doc["baseline"]["stale"].as_array().unwrap();
    assert_eq!(stale.len(), 1, "{stale:#?}");
    assert_eq!(stale[0]["rule"], "unowned");
    assert_eq!(stale[0]["subject"], "voice-of-customer");
    let human = fx.pmpo(&["check", "ws", "--baseline", "b.json"]).stdout();
    assert!(human.contains("Stale baseline entries (1 no longer found"), "{human}");
    assert!(human.contains("voice-of-customer"));

    // Re-writing drops the stale entry.
    fx.json(&["--write-baseline", "b.json"]);
    let (_, again) = fx.json(&["--baseline", "b.json"]);
    assert!(again["baseline"]["stale"].as_array().unwrap().is_empty());
}

#[test]
fn a_baseline_it_cannot_read_stops_the_run() {
    let fx = Fixture::new();
    let cases = [
        ("missing.json", None, "cannot read it"),
        (
            "bad.json",
            Some("{\"version\": 1, \"tool\": \"pmpo\", \"findings\": ["),
            "not valid JSON",
        ),
        (
            "v2.json",
            Some("{\"version\": 2, \"tool\": \"pmpo\", \"findings\": []}"),
            "written by a newer pmpo",
        ),
        (
            "other.json",
            Some("{\"version\": 1, \"findings\": []}"),
            "not a pmpo baseline",
        ),
    ];
    for (name, text, expected) in cases {
        if let Some(text) = text {
            std::fs::write(fx.path(name), text).unwrap();
        }
        let out = fx.pmpo(&["check", "ws", "--format", "json", "--baseline", name]);
        let err = String::from_utf8_lossy(out.stderr_bytes());
        assert_eq!(out.code(), 2, "{name}: {err}");
        assert!(out.stdout_bytes().is_empty(), "{name}: nothing on stdout");
        assert!(err.contains(&format!("invalid baseline `{name}`")), "{name}: {err}");
        assert!(err.contains(expected), "{name}: {err}");
    }
}

#[test]
fn writing_a_baseline_never_replaces_another_file() {
    let fx = Fixture::new();
    let charter = "ws/roles/product-owner.md";
    let before = std::fs::read_to_string(fx.path(charter)).unwrap();
    let out = fx.pmpo(&["check", "ws", "--write-baseline", charter]);
    assert_eq!(out.code(), 2);
    assert!(String::from_utf8_lossy(out.stderr_bytes()).contains("refusing to overwrite"));
    assert_eq!(std::fs::read_to_string(fx.path(charter)).unwrap(), before);

    std::fs::write(
        fx.path("old.json"),
        "{\"version\": 2, \"tool\": \"pmpo\", \"findings\": []}",
    )
    .unwrap();
    let out = fx.pmpo(&["check", "ws", "--write-baseline", "old.json"]);
    assert_eq!(out.code(), 0, "any pmpo baseline may be replaced");
    assert!(
        std::fs::read_to_string(fx.path("old.json"))
            .unwrap()
            .contains("\"version\": 1")
    );

    let both = fx.pmpo(&["check", "ws", "--baseline", "a.json", "--write-baseline", "b.json"]);
    assert_eq!(both.code(), 2, "the two options exclude each other");
}

/// `<testsuites … failures="N">` of a `--format junit` run, and the skipped cases
/// summed over its suites (junit-10.xsd allows `skipped` only on a suite).
fn junit_totals(xml: &str) -> (String, String) {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let root = doc.root_element();
    let skipped: usize = root
        .children()
        .filter(roxmltree::Node::is_element)
        .map(|suite| suite.attribute("skipped").unwrap().parse::<usize>().unwrap())
        .sum();
    (root.attribute("failures").unwrap().to_string(), skipped.to_string())
}

#[test]
fn every_format_reports_only_what_the_baseline_leaves() {
    let fx = Fixture::new();
    let run = |args: &[&str]| {
        let mut all = vec!["check", "ws"];
        all.extend_from_slice(args);
        let out = fx.pmpo(&all);
        (out.code(), out.stdout())
    };
    let (_, plain) = run(&["--format", "junit"]);
    assert_ne!(junit_totals(&plain).0, "0", "po-only fails its test cases");
    run(&["--write-baseline", "b.json"]);

    let (code, accepted) = run(&["--baseline", "b.json", "--format", "junit"]);
    assert_eq!(code, 0);
    let (failures, skipped) = junit_totals(&accepted);
    assert_eq!(
        failures, "0",
        "uncovered responsibilities the baseline accepts do not fail"
    );
    assert_ne!(skipped, "0", "they are skipped, saying why");
    assert!(accepted.contains("accepted by the baseline b.json"));

    fx.edit("ws/roles/product-owner.md", |t| {
        t.replacen(
            "  backlog-ordering: A\n",
            "  backlog-ordering: A\n  pricing-policy: A\n",
            1,
        )
    });
    let (code, junit) = run(&["--baseline", "b.json", "--format", "junit"]);
    assert_eq!(code, 1);
    assert_eq!(junit_totals(&junit).0, "1", "only the new finding fails");
    let (_, sarif) = run(&["--baseline", "b.json", "--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let open: Vec<&Value> = results.iter().filter(|r| r.get("suppressions").is_none()).collect();
    assert_eq!(open.len(), 1, "{open:#?}");
    assert_eq!(open[0]["ruleId"], "unknown-responsibility");
    let (_, github) = run(&["--baseline", "b.json", "--format", "github"]);
    let annotations: Vec<&str> = github
        .lines()
        .filter(|l| l.starts_with("::") && !l.starts_with("::notice title=pmpo baseline::"))
        .collect();
    assert_eq!(annotations.len(), 1, "{github}");
}

/// With a baseline, the accepted findings stay in SARIF as suppressed results (so code
/// scanning does not close their alerts as fixed), with the fingerprints of a run
/// without the baseline; GitLab keeps only the new ones; every report says how many
/// the baseline hid.
#[test]
fn accepted_findings_are_suppressed_not_dropped_and_counted_everywhere() {
    let fx = Fixture::new();
    let sarif = |args: &[&str]| -> Value {
        let mut all = vec!["check", "ws", "--format", "sarif"];
        all.extend_from_slice(args);
        serde_json::from_slice(fx.pmpo(&all).stdout_bytes()).unwrap()
    };
    let results = |log: &Value| log["runs"][0]["results"].as_array().unwrap().clone();
    let plain = results(&sarif(&[]));
    assert!(plain.iter().all(|r| r.get("suppressions").is_none()));
    assert_eq!(fx.json(&["--write-baseline", "b.json"]).0, 0);
    fx.edit("ws/roles/product-owner.md", |t| {
        t.replacen(
            "  backlog-ordering: A\n",
            "  backlog-ordering: A\n  pricing-policy: A\n",
            1,
        )
    });
    let log = sarif(&["--baseline", "b.json"]);
    let now = results(&log);
    assert_eq!(now.len(), plain.len() + 1, "every accepted finding and the new one");
    let (suppressed, open): (Vec<&Value>, Vec<&Value>) = now.iter().partition(|r| r.get("suppressions").is_some());
    assert_eq!(suppressed.len(), plain.len());
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["ruleId"], "unknown-responsibility");
    for r in &suppressed {
        assert_eq!(r["suppressions"][0]["kind"], "external", "{r:#}");
        assert_eq!(r["suppressions"][0]["status"], "accepted");
        assert_eq!(r["suppressions"][0]["justification"], "accepted by the baseline b.json");
    }
    let prints = |rs: &[Value]| -> Vec<Value> { rs.iter().map(|r| r["partialFingerprints"].clone()).collect() };
    let mut before = prints(&plain);
    let mut after = prints(&suppressed.into_iter().cloned().collect::<Vec<_>>());
    before.sort_by_key(ToString::to_string);
    after.sort_by_key(ToString::to_string);
    assert_eq!(before, after, "an accepted finding keeps its alert");
    if let Some((validator, _)) = crate::formats::sarif_validator() {
        let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }

    let hidden = plain.len();
    let gitlab: Value = serde_json::from_slice(
        fx.pmpo(&["check", "ws", "--format", "gitlab", "--baseline", "b.json"])
            .stdout_bytes(),
    )
    .unwrap();
    assert_eq!(gitlab.as_array().unwrap().len(), 1, "GitLab: only the new finding");
    let said = format!("{hidden} findings accepted by the baseline");
    let text = |args: &[&str]| {
        let mut all = vec!["check", "ws", "--baseline", "b.json"];
        all.extend_from_slice(args);
        fx.pmpo(&all).stdout()
    };
    let markdown = text(&["--format", "markdown"]);
    assert!(
        markdown.contains(&format!("{said} `b.json` are not shown")),
        "{markdown}"
    );
    let github = text(&["--format", "github"]);
    assert!(
        github.starts_with(&format!("::notice title=pmpo baseline::{said} b.json are not shown")),
        "{github}"
    );
    let human = text(&["--quiet"]);
    assert!(!human.contains("accepted by"), "--quiet: findings only");
    let human = text(&[]);
    let summary = human.lines().last().unwrap();
    assert!(summary.contains(&format!("; {said} (")), "{summary}");
}
