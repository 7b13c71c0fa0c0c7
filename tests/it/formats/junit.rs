//! `--format junit`: an XML test report for Jenkins and GitLab. Checked against Jenkins'
//! `junit-10.xsd`, GitLab's keys and the JSON report.

use std::collections::HashSet;

use serde_json::Value;

use super::{
    ACME, HOSTILE, PO_ONLY, assert_snapshot, check, findings, json, manifest_dir, repo_prefix, report, visible,
};
use crate::common::{self, Pmpo, Workspace};

/// What junit-10.xsd allows an element: its attributes, those it requires, its children.
struct Shape {
    attributes: &'static [&'static str],
    required: &'static [&'static str],
    children: &'static [&'static str],
}
const TEXT: Shape = Shape {
    attributes: &["type", "message"],
    required: &[],
    children: &[],
};

/// The shape junit-10.xsd gives the element `name`.
fn shape(name: &str) -> Shape {
    match name {
        "testsuites" => Shape {
            attributes: &["name", "time", "tests", "failures", "errors"],
            required: &[],
            children: &["testsuite"],
        },
        "testsuite" => Shape {
            attributes: &[
                "name",
                "tests",
                "failures",
                "errors",
                "group",
                "time",
                "skipped",
                "timestamp",
                "hostname",
                "id",
                "package",
                "file",
                "log",
                "url",
            ],
            required: &["name", "tests", "failures", "errors"],
            children: &["testsuite", "properties", "testcase", "system-out", "system-err"],
        },
        "testcase" => Shape {
            attributes: &["name", "time", "classname", "group"],
            required: &["name"],
            children: &[
                "skipped",
                "error",
                "failure",
                "rerunFailure",
                "rerunError",
                "flakyFailure",
                "flakyError",
                "system-out",
                "system-err",
            ],
        },
        "failure" | "error" | "skipped" => TEXT,
        "system-out" | "system-err" => Shape {
            attributes: &[],
            required: &[],
            children: &[],
        },
        "properties" => Shape {
            attributes: &[],
            required: &[],
            children: &["property"],
        },
        "property" => Shape {
            attributes: &["name", "value"],
            required: &["name", "value"],
            children: &[],
        },
        other => panic!("junit-10.xsd has no element `{other}`"),
    }
}

/// The Jenkins xUnit plugin's `junit-10.xsd` (jenkinsci/xunit-plugin,
/// `src/main/resources/org/jenkinsci/plugins/xunit/types/model/xsd/junit-10.xsd`),
/// which Jenkins applies before reading a report and skips a file that fails, rewritten
/// as a test: each element's allowed and required attributes and allowed children. No
/// XSD validator crate is worth a dependency for one flat schema.
pub(super) fn assert_junit_10(doc: &roxmltree::Document) {
    let top = doc.root_element();
    assert!(matches!(top.tag_name().name(), "testsuites" | "testsuite"));
    for node in top.descendants().filter(roxmltree::Node::is_element) {
        let name = node.tag_name().name();
        let shape = shape(name);
        for a in node.attributes() {
            assert!(
                shape.attributes.contains(&a.name()),
                "junit-10.xsd: `{name}` may not carry `{}`",
                a.name()
            );
        }
        for required in shape.required {
            assert!(
                node.attribute(*required).is_some(),
                "junit-10.xsd: `{name}` needs `{required}`"
            );
        }
        for child in node.children().filter(roxmltree::Node::is_element) {
            assert!(
                shape.children.contains(&child.tag_name().name()),
                "junit-10.xsd: `{name}` may not hold `{}`",
                child.tag_name().name()
            );
        }
        if let Some(time) = node.attribute("time") {
            assert!(
                time.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ','),
                "{time}"
            );
        }
    }
}

#[test]
fn the_junit_10_check_rejects_what_jenkins_rejects() {
    for bad in [
        r#"<testsuites skipped="0"/>"#,
        r#"<testsuites><testsuite name="s" tests="1" failures="0" errors="0"><testcase name="c" file="a.md"/></testsuite></testsuites>"#,
        r#"<testsuites><testsuite name="s" tests="1" failures="0"/></testsuites>"#,
        r#"<testsuites><testsuite name="s" tests="1" failures="0" errors="0"><testcase name="c"><properties/></testcase></testsuite></testsuites>"#,
    ] {
        let doc = roxmltree::Document::parse(bad).unwrap();
        let caught = std::panic::catch_unwind(|| assert_junit_10(&doc));
        assert!(caught.is_err(), "accepted {bad}");
    }
    let good = r#"<testsuites name="pmpo" tests="1" failures="1" errors="0"><testsuite name="s" tests="1" failures="1" errors="0" skipped="0"><testcase name="c" classname="x"><failure type="t" message="m">text</failure><system-out>at a.md:1:1</system-out></testcase></testsuite></testsuites>"#;
    assert_junit_10(&roxmltree::Document::parse(good).unwrap());
}

#[test]
fn junit_fails_warnings_only_with_deny_warnings() {
    // examples/combined exits 0 with warnings; `--deny warnings` makes it exit 1.
    for (deny, code) in [(false, 0), (true, 1)] {
        let mut args = vec!["check", "examples/combined", "--format", "junit"];
        if deny {
            args.extend(["--deny", "warnings"]);
        }
        let out = Pmpo::new(args).run();
        assert_eq!(out.code(), code, "--deny warnings: {deny}");
        let xml = out.stdout();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        assert_junit_10(&doc);
        let failures: usize = doc.root_element().attribute("failures").unwrap().parse().unwrap();
        assert_eq!(failures > 0, code == 1, "{xml}");
    }
}

#[test]
fn junit_agrees_with_rules_made_warnings() {
    let ws = common::Workspace::new(&[
        ("roles/po.md", "---\nholders: [dana]\n---\n"),
        (
            "pmpo.yaml",
            "rules:\n  unowned: warning\n  orphaned-strategic: warning\n  missing-vision: off\n",
        ),
    ]);
    for (deny, code) in [(false, 0), (true, 1)] {
        let mut args = vec!["check", ".", "--format", "junit"];
        if deny {
            args.extend(["--deny", "warnings"]);
        }
        let out = Pmpo::new(args).dir(ws.root()).run();
        assert_eq!(out.code(), code);
        let xml = out.stdout();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        assert_junit_10(&doc);
        let coverage = doc
            .descendants()
            .find(|n| n.attribute("name") == Some("coverage"))
            .unwrap();
        let (failures, skipped) = (coverage.attribute("failures"), coverage.attribute("skipped"));
        if deny {
            assert_eq!(
                (failures, skipped),
                (Some("27"), Some("0")),
                "every uncovered case fails"
            );
        } else {
            assert_eq!(
                (failures, skipped),
                (Some("0"), Some("27")),
                "uncovered, but the run passes: skipped"
            );
        }
    }
}

fn junit_matches_report(root: &str) {
    let report = json(root);
    let xml = check(root, "junit").stdout();
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{root}: invalid XML: {e}\n{xml}"));
    let prefix = repo_prefix(&manifest_dir().join(root));
    let top = doc.root_element();
    assert_eq!(top.tag_name().name(), "testsuites");
    let coverage = report["coverage"].as_array().unwrap();
    let ids: HashSet<&str> = coverage.iter().map(|c| c["id"].as_str().unwrap()).collect();
    let about = |f: &Value, id: &str| f["subject"].as_str() == Some(id);
    // What fails the run fails a case: errors (no `--deny warnings` here).
    let failing = |f: &Value| f["severity"] == "error";
    assert_junit_10(&doc);

    let suites: Vec<_> = top.children().filter(roxmltree::Node::is_element).collect();
    assert_eq!(suites.len(), 2);
    let attr = |n: &roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<usize>().unwrap();
    let (mut tests, mut failures, mut skipped) = (0, 0, 0);
    for suite in &suites {
        let cases: Vec<_> = suite.children().filter(roxmltree::Node::is_element).collect();
        let count = |tag: &str| {
            cases
                .iter()
                .filter(|c| c.children().any(|n| n.tag_name().name() == tag))
                .count()
        };
        assert_eq!(attr(suite, "tests"), cases.len());
        assert_eq!(attr(suite, "failures"), count("failure"));
        assert_eq!(attr(suite, "skipped"), count("skipped"));
        assert_eq!(attr(suite, "errors"), 0);
        tests += cases.len();
        failures += count("failure");
        skipped += count("skipped");
    }
    assert_eq!((attr(&top, "tests"), attr(&top, "failures")), (tests, failures));
    let exit_code = check(root, "junit").code();
    assert_eq!(exit_code == 1, failures > 0, "failing cases agree with the exit code");
    assert!(skipped <= tests);

    let cases =
        |i: usize| -> Vec<roxmltree::Node> { suites[i].children().filter(roxmltree::Node::is_element).collect() };
    assert_eq!(suites[0].attribute("name"), Some("coverage"));
    let responsibility_cases = cases(0);
    assert_eq!(
        responsibility_cases.len(),
        coverage.len(),
        "one test case a responsibility"
    );
    for (case, c) in responsibility_cases.iter().zip(coverage) {
        let id = c["id"].as_str().unwrap();
        assert_eq!(case.attribute("name"), Some(id));
        let status = c["status"].as_str().unwrap();
        let should_fail = findings(&report).iter().any(|f| about(f, id) && failing(f));
        let failed = case.children().any(|n| n.tag_name().name() == "failure");
        assert_eq!(failed, should_fail, "{id} ({status})");
        let skipped = case.children().any(|n| n.tag_name().name() == "skipped");
        assert_eq!(skipped, status != "covered" && !should_fail, "{id}");
    }
    assert_eq!(suites[1].attribute("name"), Some("findings"));
    let rest: Vec<&Value> = findings(&report)
        .iter()
        .filter(|f| !f["subject"].as_str().is_some_and(|s| ids.contains(s)))
        .collect();
    let finding_cases = cases(1);
    assert_eq!(
        finding_cases.len(),
        rest.len(),
        "one test case a finding not about a responsibility"
    );
    for (case, f) in finding_cases.iter().zip(rest) {
        let message = visible(f["message"].as_str().unwrap());
        let name = case.attribute("name").unwrap();
        assert!(name.starts_with(message.as_str()), "attributes round-trip: {name}");
        if let Some(file) = f["file"].as_str() {
            let at = format!("{}{}:{}:{}", prefix, visible(file), f["line"], f["column"]);
            assert!(name.contains(&at), "the place is in the name: {name} ({at})");
        }
        let failure = case.children().find(|n| n.tag_name().name() == "failure");
        assert_eq!(failure.is_some(), failing(f), "{message}");
        if let Some(failure) = failure {
            assert_eq!(failure.attribute("message"), Some(message.as_str()));
            assert!(failure.text().unwrap().contains(&message));
        }
    }
}

/// GitLab keys a test case by suite, class name and name, and folds cases that share
/// them; every case of a suite must differ in one of the two.
fn assert_gitlab_keys_unique(doc: &roxmltree::Document) {
    for suite in doc.descendants().filter(|n| n.has_tag_name("testsuite")) {
        let mut keys = std::collections::HashSet::new();
        for case in suite.children().filter(|n| n.has_tag_name("testcase")) {
            let key = (case.attribute("classname"), case.attribute("name"));
            assert!(keys.insert(key), "{:?}: {key:?} twice", suite.attribute("name"));
        }
    }
}

#[test]
fn junit_names_are_unique_within_a_suite() {
    for root in [PO_ONLY, HOSTILE, ACME] {
        let xml = check(root, "junit").stdout();
        assert_gitlab_keys_unique(&roxmltree::Document::parse(&xml).unwrap());
    }
    // Two charters with one unknown field: two `invalid-field` findings, one message.
    let charter = "---\nholders: [dana]\nresponsibilities:\n  backlog-ordering: A\ncolour: blue\n---\n";
    let ws = Workspace::new(&[
        ("roles/a.md", charter),
        ("roles/b.md", charter),
        ("roles/c.md", charter),
    ]);
    let out = Pmpo::new(["check", ".", "--format", "junit"]).dir(ws.root()).run();
    let xml = out.stdout();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_junit_10(&doc);
    assert_gitlab_keys_unique(&doc);
    let invalid: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("classname") == Some("pmpo.invalid-field"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    assert_eq!(invalid.len(), 3, "{xml}");
    for (i, file) in ["roles/a.md", "roles/b.md", "roles/c.md"].iter().enumerate() {
        assert!(invalid[i].contains(file), "{}", invalid[i]);
    }
    // The check itself catches a repeat.
    let twice = r#"<testsuites><testsuite name="s"><testcase name="n" classname="c"/><testcase name="n" classname="c"/></testsuite></testsuites>"#;
    let caught = std::panic::catch_unwind(|| assert_gitlab_keys_unique(&roxmltree::Document::parse(twice).unwrap()));
    assert!(caught.is_err());
}

#[test]
fn junit_reports_each_responsibility_and_finding_of_the_po_only_example() {
    junit_matches_report(PO_ONLY);
    junit_matches_report(ACME);
}

#[test]
fn junit_stays_valid_xml_whatever_the_text() {
    junit_matches_report(HOSTILE);
    let xml = check(HOSTILE, "junit").stdout();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let waived = doc
        .descendants()
        .find(|n| n.attribute("name") == Some("go-to-market"))
        .unwrap();
    let skipped = waived.children().find(|n| n.tag_name().name() == "skipped").unwrap();
    assert_eq!(
        skipped.attribute("message"),
        Some("waived: Not <yet> & \"never\" 100% | `sure` :: ünïcode\nsecond line, 'quoted'"),
        "the reason survives escaping exactly"
    );
    let pricing = doc
        .descendants()
        .find(|n| n.attribute("name") == Some("pricing"))
        .unwrap();
    assert_eq!(pricing.attribute("classname"), Some("pmpo.coverage.strategy & <money>"));
}

#[test]
fn junit_po_only() {
    assert_snapshot("junit", "po_only", &report("junit", "po_only"));
}

#[test]
fn junit_hostile() {
    assert_snapshot("junit", "hostile", &report("junit", "hostile"));
}
