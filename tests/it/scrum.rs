//! Scrum teams through the binary: `builtin:scrum`, `pmpo init --template scrum`, the
//! fixture workspaces under `tests/fixtures/scrum/`, and `pmpo catalog --builtin/--list`.
//!
//! Several Scrum teams sharing one product owner at the product level (`shared-po`) and a
//! Definition of Done in one team's scope (`dod-team-scope`) use products and teams.

use crate::common;

use common::{Pmpo, Workspace, copy_dir};
use serde_json::Value;

const FIXTURES: &str = "tests/fixtures/scrum";

/// `pmpo check DIR --format json`, parsed, with its exit code.
fn check(dir: &str) -> (i32, Value) {
    let o = Pmpo::new(["check", dir, "--format", "json"]).run();
    (o.code(), serde_json::from_str(&o.stdout()).expect("JSON report"))
}

/// Each finding as `severity rule subject`.
fn briefs(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {} {}",
                f["severity"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
                f["subject"].as_str().unwrap_or("-")
            )
        })
        .collect()
}

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// The shared responsibilities every fixture shows: the developers write backlog items
/// and plan the Sprint Goal with the product owner (infos, by design).
const SHARED: [&str; 2] = [
    "info shared-responsibility sprint-goal",
    "info shared-responsibility backlog-items",
];

#[test]
fn a_scrum_team_by_the_book_has_no_error_and_no_warning() {
    let (exit, report) = check(&fixture("by-the-book"));
    assert_eq!(exit, 0, "{report:#}");
    assert_eq!(briefs(&report), SHARED);
    let coverage = report["coverage"].as_array().unwrap();
    assert_eq!(coverage.len(), 18, "the Scrum Guide's accountabilities");
    assert!(coverage.iter().all(|c| c["status"] == "covered"), "{coverage:#?}");
    let owner = |id: &str| coverage.iter().find(|c| c["id"] == id).unwrap()["accountable"][0].clone();
    assert_eq!(owner("impediment-removal"), "scrum-master");
    assert_eq!(owner("backlog-ordering"), "product-owner");
    assert_eq!(owner("sprint-backlog"), "developers");
    let o = Pmpo::new(["check", &fixture("by-the-book"), "--deny", "warnings", "--quiet"]).run();
    assert_eq!(o.code(), 0, "{}", o.stdout());
}

#[test]
fn a_product_owner_committee_of_three_is_a_warning() {
    let (exit, report) = check(&fixture("po-committee"));
    assert_eq!(exit, 0, "a warning, not an error");
    let mut expected = vec!["warning accountable-committee product-owner".to_string()];
    expected.extend(SHARED.map(String::from));
    assert_eq!(briefs(&report), expected);
    let finding = &report["findings"][0];
    assert_eq!(finding["file"], "roles/product-owner.md");
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("has 3 holders and is accountable for 6 responsibilities"),
        "{finding:#}"
    );
}

#[test]
fn under_scrum_a_done_item_meets_the_definition_of_done() {
    // FORMAT.md: under a catalog with no acceptance step, a `done` item in the scope of
    // a Definition of Done needs no acceptance criteria of its own.
    let dir = fixture("dod-minimum");
    let (exit, report) = check(&dir);
    assert_eq!(exit, 0, "{report:#}");
    assert_eq!(briefs(&report), SHARED);
    // The same workspace without its Definition of Done: the done item is an error again.
    let t = Workspace::empty();
    copy_dir(std::path::Path::new(&dir), t.root());
    std::fs::remove_file(t.path("definition-of-done.md")).unwrap();
    let (exit, report) = check(&t.arg(""));
    assert_eq!(exit, 1);
    assert!(
        briefs(&report).contains(&"error missing-acceptance-criteria EX-5".to_string()),
        "{:?}",
        briefs(&report)
    );
}

#[test]
fn a_scrum_catalog_extended_with_one_entry() {
    let (exit, report) = check(&fixture("extended"));
    assert_eq!(exit, 0, "{report:#}");
    assert_eq!(briefs(&report), SHARED);
    let coverage = report["coverage"].as_array().unwrap();
    assert_eq!(coverage.len(), 19);
    let notes = coverage.iter().find(|c| c["id"] == "release-notes").unwrap();
    assert_eq!(notes["status"], "covered");
    assert_eq!(notes["accountable"][0], "product-owner");
}

#[test]
fn init_scrum_passes_check_with_no_error() {
    let t = Workspace::empty();
    let dir = t.arg("team");
    let o = Pmpo::new(["init", &dir, "--template", "scrum"]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    for f in [
        "pmpo.yaml",
        "roles/product-owner.md",
        "roles/scrum-master.md",
        "roles/developers.md",
        "vision.md",
        "definition-of-done.md",
        "backlog/EX-1-first-day-checklist.md",
        "backlog/EX-2-welcome-email.md",
    ] {
        assert!(t.path(&format!("team/{f}")).is_file(), "{f}");
    }
    let (exit, report) = check(&dir);
    assert_eq!(exit, 0, "{report:#}");
    assert_eq!(report["summary"]["errors"], 0);
    let coverage = report["coverage"].as_array().unwrap();
    assert_eq!(coverage.len(), 18);
    assert!(coverage.iter().all(|c| c["status"] == "covered"), "{coverage:#?}");
    assert!(
        !briefs(&report).iter().any(|b| b.contains("accountable-committee")),
        "the developers are a group by design: {:?}",
        briefs(&report)
    );
    let devs = t.read("team/roles/developers.md");
    assert!(devs.contains("team_size: 3"), "{devs}");
    let vision = t.read("team/vision.md");
    assert!(
        vision.contains("owner: product-owner") && vision.contains("id: PG1"),
        "{vision}"
    );
}

#[test]
fn charters_cite_the_scrum_guide_and_show_the_definition_of_done() {
    let o = Pmpo::new(["charter", "developers", &fixture("by-the-book")]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let md = o.stdout();
    assert!(md.contains("Source: *The Scrum Guide*, November 2020."), "{md}");
    assert!(md.contains("## The Definition of Done"), "{md}");
    assert!(md.contains("- Code reviewed by another developer and merged\n"), "{md}");
    // The scrum master is accountable for neither the Definition of Done nor criteria.
    let o = Pmpo::new(["charter", "scrum-master", &fixture("by-the-book")]).run();
    assert!(!o.stdout().contains("## The Definition of Done"), "{}", o.stdout());
}

#[test]
fn explain_cites_the_scrum_guide() {
    let o = Pmpo::new(["explain", "accountable-committee"]).run();
    assert_eq!(o.code(), 0);
    assert!(
        o.stdout()
            .contains("; The Scrum Guide, Ken Schwaber and Jeff Sutherland, November 2020"),
        "{}",
        o.stdout()
    );
}

#[test]
fn catalog_lists_and_prints_the_builtins() {
    let o = Pmpo::new(["catalog", "--list"]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let lines: Vec<String> = o.stdout().lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("builtin:pm-po  "), "{lines:?}");
    assert!(lines[1].starts_with("builtin:scrum  "), "{lines:?}");

    let o = Pmpo::new(["catalog", "--builtin", "scrum"]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let printed = o.stdout();
    assert!(
        printed.starts_with("# The built-in catalog builtin:scrum\n"),
        "{printed}"
    );
    assert!(
        printed.contains("uses:\n  vision: \"product-goal\"\n  acceptance: null\n"),
        "{printed}"
    );
    assert!(
        printed.contains("group_types: [\"developers\", \"scrum-team\"]\n"),
        "{printed}"
    );
    assert!(printed.contains("limits:\n  max_load: 16\n"), "{printed}");
    assert!(printed.contains("  - id: sprint-backlog\n"), "{printed}");
    assert_eq!(
        Pmpo::new(["catalog", "--builtin", "builtin:scrum"]).run().stdout(),
        printed
    );

    // The printed built-in reads back as the same catalog.
    let t = Workspace::empty();
    t.write("responsibilities.yaml", &printed);
    let again = Pmpo::new(["catalog", &t.arg("")]).run().stdout();
    let body = |s: &str| s.split_once('\n').map(|(_, b)| b.to_string()).unwrap();
    assert_eq!(body(&printed), body(&again));

    let o = Pmpo::new(["catalog", "--builtin", "scrun"]).run();
    assert_eq!(o.code(), 2);
    assert!(o.stderr().contains("did you mean `scrum`?"), "{}", o.stderr());
}

#[test]
fn an_unknown_builtin_in_pmpo_yaml_is_exit_2() {
    let t = Workspace::empty();
    t.write("pmpo.yaml", "catalog: builtin:srcum\n");
    t.write("roles/a.md", "---\nholders: [a]\n---\n");
    let o = Pmpo::new(["check", &t.arg("")]).run();
    assert_eq!(o.code(), 2, "{}", o.stdout());
    assert!(o.stderr().contains("builtin:scrum"), "{}", o.stderr());
}

/// The fenced blocks of `docs/catalogs.md` after `heading`, in order.
fn blocks_after(heading: &str) -> Vec<String> {
    let page = std::fs::read_to_string(common::repo("docs/catalogs.md")).expect("docs/catalogs.md");
    let section = page.split_once(heading).expect("the section").1;
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in section.lines() {
        match (&mut current, line.starts_with("```")) {
            (None, true) => current = Some(String::new()),
            (Some(text), true) => {
                blocks.push(std::mem::take(text));
                current = None;
            }
            (Some(text), false) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, false) => {}
        }
    }
    blocks
}

#[test]
fn the_catalog_examples_in_the_docs_read_as_written() {
    let extended = blocks_after("## Extending a built-in");
    let t = Workspace::empty();
    t.write("responsibilities.yaml", &extended[0]);
    t.write(
        "roles/po.md",
        "---\ntype: product-owner\nholders: [dana]\nresponsibilities:\n  release-notes: A\n---\n",
    );
    let (_, report) = check(&t.arg(""));
    let found = briefs(&report);
    assert!(
        !found
            .iter()
            .any(|b| b.contains("parse-error") || b.contains("invalid-field") || b.contains("unknown-role")),
        "{found:?}"
    );
    let coverage = report["coverage"].as_array().unwrap();
    assert_eq!(coverage.len(), 18, "18 - 1 removed + 1 added");

    let safe = blocks_after("## Writing one for another framework");
    let t = Workspace::empty();
    t.write("responsibilities.yaml", &safe[0]);
    t.write("roles/product-management.md", &safe[1]);
    t.write("roles/release-train.md", &safe[2]);
    let (_, report) = check(&t.arg(""));
    let found = briefs(&report);
    for rule in [
        "parse-error",
        "invalid-field",
        "unknown-role",
        "duplicate-id",
        "accountable-committee",
    ] {
        assert!(!found.iter().any(|b| b.contains(rule)), "{rule}: {found:?}");
    }
    let coverage = report["coverage"].as_array().unwrap();
    let status = |id: &str| coverage.iter().find(|c| c["id"] == id).unwrap()["status"].clone();
    assert_eq!(status("program-backlog"), "covered");
    assert_eq!(status("pi-planning"), "covered");
    assert!(coverage.iter().all(|c| c["id"] != "go-to-market"), "removed");
}

#[test]
fn several_scrum_teams_share_one_product_owner_at_the_product_level() {
    let dir = fixture("shared-po");
    let (exit, report) = check(&dir);
    assert_eq!(exit, 0, "{report:#}");
    assert!(
        briefs(&report).is_empty(),
        "no overlap, nothing unowned: {:?}",
        briefs(&report)
    );
    let coverage = report["coverage"].as_array().unwrap();
    // A team-level entry has a row per team, each covered by the product's product owner.
    let rows: Vec<&Value> = coverage.iter().filter(|c| c["id"] == "sprint-goal").collect();
    let scopes: Vec<&str> = rows.iter().map(|c| c["scope"].as_str().unwrap()).collect();
    assert_eq!(scopes, ["berths", "payments"]);
    for row in rows {
        assert_eq!(row["status"], "covered", "{row:#}");
        assert_eq!(row["accountable"], serde_json::json!(["product-owner"]), "{row:#}");
    }
    // Each team's own developers are accountable for its Sprint Backlog.
    let backlog: Vec<&Value> = coverage.iter().filter(|c| c["id"] == "sprint-backlog").collect();
    assert_eq!(backlog[0]["accountable"], serde_json::json!(["berths-developers"]));
    assert_eq!(backlog[1]["accountable"], serde_json::json!(["payments-developers"]));
}

#[test]
fn a_definition_of_done_holds_in_its_own_team_only() {
    let (exit, report) = check(&fixture("dod-team-scope"));
    assert_eq!(exit, 1, "{report:#}");
    assert_eq!(
        briefs(&report),
        ["error missing-acceptance-criteria HB-2"],
        "the berths team's definition is what HB-1's done means; HB-2 of payments has none"
    );
    assert_eq!(report["findings"][0]["scope"], "payments");
}
