//! `--format gitlab`: GitLab's Code Quality report. Checked for the fields GitLab
//! requires and fingerprints that survive moved lines.

use std::collections::HashSet;

use serde_json::Value;

use super::{
    ACME, HOSTILE, PO_ONLY, assert_anchored, assert_snapshot, check, findings, json, manifest_dir, repo_prefix, report,
};
use crate::common::{self, Pmpo};

fn gitlab_matches_findings(root: &str) {
    let report = json(root);
    let issues: Value = serde_json::from_str(&check(root, "gitlab").stdout()).unwrap();
    let issues = issues.as_array().expect("a JSON array");
    assert_eq!(issues.len(), findings(&report).len());
    let prefix = repo_prefix(&manifest_dir().join(root));
    let mut fingerprints = HashSet::new();
    for (issue, f) in issues.iter().zip(findings(&report)) {
        // The fields GitLab's Code Quality documentation requires.
        assert!(issue["description"].as_str().is_some_and(|d| !d.is_empty()));
        assert_eq!(issue["check_name"], f["rule"]);
        let fingerprint = issue["fingerprint"].as_str().unwrap();
        assert!(fingerprints.insert(fingerprint.to_string()), "unique fingerprints");
        let expected = match f["severity"].as_str().unwrap() {
            "error" => "major",
            "warning" => "minor",
            _ => "info",
        };
        assert_eq!(issue["severity"], expected);
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&issue["severity"].as_str().unwrap()));
        let path = issue["location"]["path"].as_str().unwrap();
        let line = issue["location"]["lines"]["begin"].as_u64().unwrap();
        assert!(line >= 1);
        match f["file"].as_str() {
            Some(file) => {
                assert_eq!(path, format!("{prefix}{file}"));
                assert_eq!(Some(line), f["line"].as_u64());
            }
            None => assert_anchored(root, &prefix, path),
        }
    }
}

#[test]
fn gitlab_code_quality_has_every_finding_with_the_required_fields() {
    for root in [PO_ONLY, HOSTILE, ACME] {
        gitlab_matches_findings(root);
    }
}

#[test]
fn gitlab_fingerprints_survive_a_line_move() {
    let item = "---\nid: X-1\ntitle: Untraced\nstatus: ready\n---\n";
    let ws = common::Workspace::new(&[("roles/po.md", "---\nholders: [dana]\n---\n"), ("backlog/X-1.md", item)]);
    let issues = |ws: &common::Workspace| -> Vec<(String, u64)> {
        let out = Pmpo::new(["check", ".", "--format", "gitlab"]).dir(ws.root()).run();
        let issues: Value = serde_json::from_slice(out.stdout_bytes()).unwrap();
        issues
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["location"]["path"] == "backlog/X-1.md")
            .map(|i| {
                (
                    i["fingerprint"].as_str().unwrap().to_string(),
                    i["location"]["lines"]["begin"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let before = issues(&ws);
    assert!(!before.is_empty());
    ws.write(
        "backlog/X-1.md",
        format!("---\n# moved\n# down\n{}", &item[4..]).as_bytes(),
    );
    let after = issues(&ws);
    assert_eq!(before.len(), after.len());
    for ((f1, l1), (f2, l2)) in before.iter().zip(&after) {
        assert_eq!(f1, f2, "the same issue two lines lower");
        assert_eq!(l1 + 2, *l2);
    }
}

#[test]
fn gitlab_po_only() {
    assert_snapshot("gitlab", "po_only", &report("gitlab", "po_only"));
}

#[test]
fn gitlab_hostile() {
    assert_snapshot("gitlab", "hostile", &report("gitlab", "hostile"));
}
