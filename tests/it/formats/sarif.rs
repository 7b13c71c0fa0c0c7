//! `--format sarif`: the SARIF 2.1.0 log code scanning and Azure DevOps read. Checked
//! against the official schema, the rule registry and the JSON report.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use serde_json::Value;

use super::{
    ACME, HOSTILE, PO_ONLY, assert_anchored, assert_snapshot, check, copy_dir, findings, json, manifest_dir,
    percent_decode, repo_prefix, report, spec_rules,
};
use crate::common::{self, Pmpo, Run, Workspace};

fn sarif(root: &str) -> Value {
    serde_json::from_str(&check(root, "sarif").stdout()).expect("SARIF is JSON")
}

#[test]
fn sarif_describes_every_rule_of_the_registry() {
    let log = sarif(ACME);
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().starts_with("https://"));
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "pmpo");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut expected = spec_rules();
    let mut got: Vec<String> = ids.iter().map(ToString::to_string).collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        for key in ["shortDescription", "fullDescription"] {
            assert!(!rule[key]["text"].as_str().unwrap().is_empty(), "{id} {key}");
        }
        let help = rule["help"]["markdown"].as_str().unwrap();
        assert!(help.contains("## How to fix"), "{id}");
        assert!(["error", "warning", "note"].contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
    }
}

fn sarif_matches_findings(root: &str) {
    let report = json(root);
    let log = sarif(root);
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    let expected = findings(&report);
    assert_eq!(results.len(), expected.len(), "{root}");
    let prefix = repo_prefix(&manifest_dir().join(root));
    let mut fingerprints = HashSet::new();
    for (r, f) in results.iter().zip(expected) {
        assert_eq!(r["ruleId"], f["rule"]);
        let index = usize::try_from(r["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], f["rule"]);
        let level = match f["severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(r["level"], level);
        assert!(
            r["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with(f["message"].as_str().unwrap())
        );
        let locations = r["locations"].as_array().unwrap();
        assert_eq!(locations.len(), 1, "code scanning rejects a result without a location");
        let physical = &locations[0]["physicalLocation"];
        let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
        assert!(!uri.contains([' ', '#', '?', '\\']), "{uri} is a URI reference");
        let region = &physical["region"];
        assert!(
            region["startLine"].as_u64().is_some_and(|l| l >= 1),
            "code scanning needs a region with a start line: {r}"
        );
        match f["file"].as_str() {
            Some(file) => {
                assert_eq!(percent_decode(uri), format!("{prefix}{file}"));
                assert_eq!(region["startLine"], f["line"]);
                assert_eq!(region["startColumn"], f["column"]);
                if let Some(end) = region["endLine"].as_u64() {
                    assert!(end >= region["startLine"].as_u64().unwrap());
                }
            }
            None => assert_anchored(root, &prefix, &percent_decode(uri)),
        }
        let related = r["relatedLocations"].as_array().map_or(0, Vec::len);
        assert_eq!(related, f["related"].as_array().unwrap().len());
        let fingerprint = r["partialFingerprints"]["pmpo/v1"].as_str().unwrap();
        assert!(
            fingerprints.insert(fingerprint.to_string()),
            "fingerprints are unique in a run"
        );
    }
}

#[test]
fn sarif_carries_every_finding_of_the_po_only_example() {
    sarif_matches_findings(PO_ONLY);
}

#[test]
fn sarif_carries_every_finding_of_the_hostile_fixture() {
    sarif_matches_findings(HOSTILE);
    let log = sarif(HOSTILE);
    let uris: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.iter()
            .any(|u| u.ends_with("backlog/HOST-1%20%C3%BCn%C3%AFcode,%20100%25%20%231.md")),
        "{uris:?}"
    );
}

#[test]
fn sarif_regions_end_where_the_value_ends() {
    let log = sarif(HOSTILE);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let region = |rule: &str| {
        results.iter().find(|r| r["ruleId"] == rule).unwrap()["locations"][0]["physicalLocation"]["region"].clone()
    };
    // `reports_to: head-of-prodcut` on line 6: the value is 15 characters from column 13.
    let typo = region("unknown-role");
    assert_eq!(
        (typo["startLine"].as_u64(), typo["startColumn"].as_u64()),
        (Some(6), Some(13))
    );
    assert_eq!(
        (typo["endLine"].as_u64(), typo["endColumn"].as_u64()),
        (Some(6), Some(28))
    );
    // The holder of product-manager is a quoted scalar folded over two lines.
    let holder = region("combined-roles");
    assert_eq!(holder["startLine"], 4);
    assert_eq!(holder["endLine"], 5);
}

#[test]
fn sarif_fingerprints_survive_moved_lines() {
    let tmp = Workspace::empty();
    let ws = tmp.root().join("ws");
    copy_dir(&manifest_dir().join(HOSTILE), &ws);
    let before = Pmpo::new(["check", "ws", "--format", "sarif"]).dir(tmp.root()).run();
    for doc in [
        "roles/product-manager.md",
        "vision.md",
        "backlog/HOST-1 ünïcode, 100% #1.md",
    ] {
        let path = ws.join(doc);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen("---\n", "---\n# moved down\n\n", 1)).unwrap();
    }
    let after = Pmpo::new(["check", "ws", "--format", "sarif"]).dir(tmp.root()).run();
    let prints = |out: &Run| -> HashMap<String, (String, u64)> {
        let log: Value = serde_json::from_slice(out.stdout_bytes()).unwrap();
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let print = r["partialFingerprints"]["pmpo/v1"].as_str().unwrap().to_string();
                let line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap();
                (print, (r["ruleId"].as_str().unwrap().to_string(), line))
            })
            .collect()
    };
    let (before, after) = (prints(&before), prints(&after));
    assert_eq!(
        before.keys().collect::<HashSet<_>>(),
        after.keys().collect::<HashSet<_>>(),
        "the same findings keep the same fingerprints"
    );
    let moved = before.iter().filter(|(k, v)| after[*k].1 != v.1).count();
    assert!(moved >= 5, "the edit moved findings down ({moved} moved)");
}

#[test]
fn sarif_paths_are_relative_to_the_git_root() {
    let tmp = Workspace::empty();
    if tmp.root().ancestors().all(|d| !d.join(".git").exists()) {
        // Outside any repository: relative to the workspace root.
        copy_dir(&manifest_dir().join(HOSTILE), &tmp.root().join("ws"));
        let out = Pmpo::new(["check", "ws", "--format", "sarif"]).dir(tmp.root()).run();
        let log: Value = serde_json::from_slice(out.stdout_bytes()).unwrap();
        let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
        assert!(uri.as_str().unwrap().starts_with("backlog/"), "{uri}");
    }
    let repo = tmp.root().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    copy_dir(&manifest_dir().join(HOSTILE), &repo.join("product/ws"));
    let out = Pmpo::new(["check", "ws", "--format", "sarif"])
        .dir(repo.join("product"))
        .run();
    let log: Value = serde_json::from_slice(out.stdout_bytes()).unwrap();
    for r in log["runs"][0]["results"].as_array().unwrap() {
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(uri.starts_with("product/ws/"), "{uri}");
    }
    // Two workspaces of one repository keep their alerts apart: the category is the
    // workspace's path unless one is given.
    assert_eq!(log["runs"][0]["automationDetails"]["id"], "pmpo/product/ws/");
    let out = Pmpo::new(["check", "ws", "--format", "sarif", "--sarif-category", "charters"])
        .dir(repo.join("product"))
        .run();
    let log: Value = serde_json::from_slice(out.stdout_bytes()).unwrap();
    assert_eq!(log["runs"][0]["automationDetails"]["id"], "charters/");
    let out = Pmpo::new(["check", ".", "--format", "sarif"])
        .dir(repo.join("product/ws"))
        .run();
    let log: Value = serde_json::from_slice(out.stdout_bytes()).unwrap();
    assert_eq!(
        log["runs"][0]["automationDetails"]["id"], "pmpo/product/ws/",
        "the path in the repository, not as typed"
    );
}

/// What GitHub Advanced Security for Azure DevOps requires beyond the schema (`GHAzDO1014`:
/// `automationDetails.id`; `GHAzDO1018`: `tool.driver.fullName`), and the identity code
/// scanning reads.
#[test]
fn sarif_names_its_tool_and_its_run() {
    for root in [ACME, PO_ONLY] {
        let log = sarif(root);
        let run = &log["runs"][0];
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["fullName"], format!("pmpo {}", env!("CARGO_PKG_VERSION")));
        assert_eq!(driver["semanticVersion"], env!("CARGO_PKG_VERSION"));
        let id = run["automationDetails"]["id"].as_str().unwrap();
        assert!(id.starts_with("pmpo") && id.ends_with('/'), "{id}");
        assert!(
            run["invocations"][0]["toolExecutionNotifications"].is_null(),
            "small runs say nothing"
        );
    }
}

/// Validates real runs against the official schema: the file `PMPO_SARIF_SCHEMA` names,
/// or `schemas/sarif-schema-2.1.0.json` in the shared/ directory (see [`common::shared`]:
/// absent in CI, that fails the test).
pub(crate) fn sarif_validator() -> Option<(jsonschema::Validator, PathBuf)> {
    let path = match std::env::var_os("PMPO_SARIF_SCHEMA").filter(|p| !p.is_empty()) {
        Some(path) => PathBuf::from(path),
        None => common::shared(
            "schemas/sarif-schema-2.1.0.json",
            "SARIF output against the official schema",
        )?,
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    Some((validator, path))
}

#[test]
fn sarif_passes_the_official_schema() {
    let Some((validator, path)) = sarif_validator() else {
        return;
    };
    for root in [PO_ONLY, HOSTILE, ACME] {
        let log = sarif(root);
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{root}: {errors:#?}");
    }
    // The validator does reject what the schema forbids.
    let mut broken = sarif(PO_ONLY);
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    broken["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    assert_eq!(validator.iter_errors(&broken).count(), 2);
    common::say(&format!(
        "SARIF of {PO_ONLY}, {HOSTILE} and {ACME} valid against {}",
        path.display()
    ));
}

/// The SARIF log of `case` with each rule's description cut to its id: the
/// descriptions are the registry's (checked above against it), and they are most of
/// the log's 110 KB.
fn sarif_snapshot(case: &str) -> String {
    let mut log: Value = serde_json::from_str(&report("sarif", case)).expect("SARIF is JSON");
    let rules = &mut log["runs"][0]["tool"]["driver"]["rules"];
    let ids: Vec<Value> = rules
        .as_array()
        .expect("the driver lists its rules")
        .iter()
        .map(|rule| rule["id"].clone())
        .collect();
    *rules = Value::Array(ids);
    serde_json::to_string_pretty(&log).expect("JSON prints")
}

#[test]
fn sarif_po_only() {
    assert_snapshot("sarif", "po_only", &sarif_snapshot("po_only"));
}

#[test]
fn sarif_hostile() {
    assert_snapshot("sarif", "hostile", &sarif_snapshot("hostile"));
}
