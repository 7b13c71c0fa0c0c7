//! `pmpo init` through the binary: both templates pass `pmpo check`; nothing is
//! overwritten without --force.

use crate::common;

use common::{Pmpo, Workspace};

const FILES: [&str; 7] = [
    "pmpo.yaml",
    "roles/product-manager.md",
    "roles/product-owner.md",
    "vision.md",
    "roadmap.yaml",
    "backlog/EX-1-first-day-checklist.md",
    "backlog/EX-2-status-page.md",
];

/// `pmpo check DIR --format json`, parsed, with its exit code.
fn check(dir: &str) -> (i32, serde_json::Value) {
    let o = Pmpo::new(["check", dir, "--format", "json"]).run();
    (o.code(), serde_json::from_str(&o.stdout()).expect("JSON report"))
}

fn rules_of(report: &serde_json::Value) -> Vec<String> {
    let mut rules: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}", f["severity"].as_str().unwrap(), f["rule"].as_str().unwrap()))
        .collect();
    rules.dedup();
    rules
}

#[test]
fn the_split_template_passes_check_with_no_error_and_no_warning() {
    let t = Workspace::empty();
    let dir = t.arg("product");
    let o = Pmpo::new(["init", &dir]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    for f in FILES {
        assert!(t.path(&format!("product/{f}")).is_file(), "{f}");
        assert!(o.stdout().contains(f), "{f} listed");
    }
    let (exit, report) = check(&dir);
    assert_eq!(exit, 0, "{report:#}");
    assert_eq!(report["summary"]["errors"], 0);
    // The only warnings say the holders are placeholders, until real names are written.
    assert_eq!(report["summary"]["warnings"], 2, "{:?}", rules_of(&report));
    assert!(
        rules_of(&report)
            .iter()
            .filter(|r| r.starts_with("warning"))
            .all(|r| r == "warning placeholder-holder"),
        "{:?}",
        rules_of(&report)
    );
    assert_eq!(
        report["summary"]["documents"], 7,
        "two charters, people, vision, roadmap, two items"
    );
    let coverage = report["coverage"].as_array().unwrap();
    assert_eq!(coverage.len(), 27);
    assert!(coverage.iter().all(|c| c["status"] == "covered"));
    // Each role owns what the catalog expects of it, so `unexpected-owner` is silent too.
    let owner = |id: &str| coverage.iter().find(|c| c["id"] == id).unwrap()["accountable"][0].clone();
    assert_eq!(owner("product-vision"), "product-manager");
    assert_eq!(owner("work-acceptance"), "product-owner");
    assert_eq!(owner("voice-of-customer"), "product-manager");
    let o = Pmpo::new(["check", &dir, "--deny", "warnings", "--quiet"]).run();
    assert_eq!(o.code(), 1, "placeholders fail a strict run");
    // With real people in `holders:`, even a strict run passes.
    for (role, person) in [("product-manager", "Priya Shah"), ("product-owner", "Marco Rossi")] {
        let path = format!("product/roles/{role}.md");
        let text = t.read(&path);
        let real = text
            .replace("\"pm@example.com\"", person)
            .replace("\"po@example.com\"", person);
        assert_ne!(real, text, "{path} has a placeholder holder");
        std::fs::write(t.path(&path), real).unwrap();
    }
    // people.yaml still names the placeholders: the new holders are nobody it knows.
    let o = Pmpo::new(["check", &dir, "--deny", "warnings", "--quiet"]).run();
    assert_eq!(o.code(), 1);
    assert!(o.stdout().contains("unknown-person"), "{}", o.stdout());
    let people = t
        .read("product/people.yaml")
        .replace("\"pm@example.com\"", "Priya Shah")
        .replace("\"po@example.com\"", "Marco Rossi");
    std::fs::write(t.path("product/people.yaml"), people).unwrap();
    let o = Pmpo::new(["check", &dir, "--deny", "warnings", "--quiet"]).run();
    assert_eq!(o.code(), 0, "{}", o.stdout());
}

#[test]
fn the_combined_template_passes_check_and_notes_the_combination() {
    let t = Workspace::empty();
    let dir = t.arg("");
    let o = Pmpo::new(["init", &dir, "--template", "combined"]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let (exit, report) = check(&dir);
    assert_eq!(exit, 0, "{report:#}");
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["summary"]["warnings"], 2, "{:?}", rules_of(&report));
    assert!(
        rules_of(&report).contains(&"info combined-roles".to_string()),
        "{:?}",
        rules_of(&report)
    );
    let config = t.read("pmpo.yaml");
    assert!(config.contains("max_load: 30"), "{config}");
    // One person holds both roles, and their load would be over the default limit.
    let pm = t.read("roles/product-manager.md");
    let po = t.read("roles/product-owner.md");
    assert!(pm.contains("holders: [\"you@example.com\"]") && po.contains("holders: [\"you@example.com\"]"));
    assert!(!po.contains("reports_to"));
    let o = Pmpo::new(["check", &dir, "--format", "json"]).run();
    assert!(!o.stdout().contains("overloaded-person"));
}

#[test]
fn the_scaled_template_gives_each_team_its_own_product_owner_and_passes_check() {
    let t = Workspace::empty();
    let dir = t.arg("product");
    let o = Pmpo::new(["init", &dir, "--template", "scaled"]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let (exit, report) = check(&dir);
    assert_eq!(exit, 0, "{report:#}");
    assert_eq!(report["summary"]["errors"], 0);
    // Only the placeholder holders warn, until real names are written; the teams'
    // product owners work on two product-level responsibilities with the manager
    // (shared, an info).
    let warned = rules_of(&report);
    assert!(
        warned.iter().any(|r| r == "warning placeholder-holder")
            && warned
                .iter()
                .all(|r| r == "warning placeholder-holder" || r == "info shared-responsibility"),
        "{warned:?}"
    );
    let coverage = report["coverage"].as_array().unwrap();
    assert!(coverage.iter().all(|c| c["status"] == "covered"), "{coverage:#?}");
    let owner = |id: &str, scope: &str| {
        coverage
            .iter()
            .find(|c| c["id"] == id && c["scope"] == scope)
            .unwrap_or_else(|| panic!("a row for {id} in {scope}"))["accountable"][0]
            .clone()
    };
    assert_eq!(owner("product-vision", "our-product"), "product-manager");
    assert_eq!(owner("backlog-ordering", "team-a"), "team-a-po");
    assert_eq!(owner("backlog-ordering", "team-b"), "team-b-po");
    assert_eq!(owner("work-acceptance", "team-b"), "team-b-po");
    // `--deny warnings` fails until the placeholders are real people.
    let o = Pmpo::new(["check", &dir, "--deny", "warnings", "--quiet"]).run();
    assert_eq!(o.code(), 1);
}

#[test]
fn init_refuses_when_any_file_exists_and_writes_nothing() {
    let t = Workspace::empty();
    t.write("vision.md", "my vision\n");
    let o = Pmpo::new(["init", &t.arg("")]).run();
    assert_eq!(o.code(), 2);
    assert!(o.stderr().contains("refusing to overwrite"), "{}", o.stderr());
    assert!(o.stderr().contains("vision.md"), "{}", o.stderr());
    assert_eq!(t.read("vision.md"), "my vision\n");
    for f in FILES.iter().filter(|f| **f != "vision.md") {
        assert!(!t.path(f).exists(), "{f} written");
    }
    let o = Pmpo::new(["init", &t.arg(""), "--force"]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    assert_ne!(t.read("vision.md"), "my vision\n");
    assert_eq!(check(&t.arg("")).0, 0);
}

#[test]
fn the_charters_of_a_new_workspace_render() {
    let t = Workspace::empty();
    assert_eq!(Pmpo::new(["init", &t.arg(""), "--quiet"]).run().code(), 0);
    let o = Pmpo::new(["charter", "product-owner", &t.arg("")]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let md = o.stdout();
    assert!(md.contains("Your focus is **delivery and team**."), "{md}");
    assert!(
        md.contains("- **Reports to:** pm@example.com (product-manager)"),
        "{md}"
    );
    assert!(md.contains("The backlog holds 2 items."), "{md}");
}

/// Every YAML file `init` writes names its schema for the YAML language server, by a path
/// relative to the file that leads to a schema `init` wrote too; Markdown frontmatter,
/// which the language server does not read, has no modeline (issue 24).
#[test]
fn every_written_document_carries_a_schema_modeline_that_resolves() {
    let t = Workspace::empty();
    let dir = t.arg("ws");
    let o = Pmpo::new(["init", &dir]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    for rel in FILES {
        let text = t.read(&format!("ws/{rel}"));
        if std::path::Path::new(rel).extension().is_some_and(|e| e == "md") {
            assert!(!text.contains("yaml-language-server"), "{rel}: {text}");
            continue;
        }
        let line = text.lines().find(|l| *l != "---").expect("a first line of YAML");
        let target = line
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{rel} starts with {line:?}, not the modeline"));
        let file = t.path(&format!("ws/{rel}"));
        let schema = file.parent().unwrap().join(target);
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&schema).unwrap_or_else(|e| panic!("{rel}: {target}: {e}")))
                .expect("the schema is JSON");
        assert_eq!(json["$schema"], "http://json-schema.org/draft-07/schema#", "{rel}");
    }
}

/// Issue 24: docs/adopting.md says how many files `init` writes, and it is so.
#[test]
fn the_adopting_guide_counts_the_files_init_writes() {
    let t = Workspace::empty();
    let dir = t.arg("ws");
    let o = Pmpo::new(["init", &dir]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let written = o.stdout().lines().filter(|l| l.starts_with("created ")).count();
    let guide = std::fs::read_to_string(common::manifest_dir().join("docs/adopting.md")).unwrap();
    let said = guide
        .split(" files in all)")
        .next()
        .and_then(|before| before.rsplit('(').next())
        .and_then(|n| n.parse::<usize>().ok())
        .expect("docs/adopting.md says `(N files in all)`");
    assert_eq!(said, written, "{}", o.stdout());
}
