//! People (FORMAT.md, "people"): capacity, departures, `--without` and `pmpo people`.

use serde_json::Value;

use crate::common::{self, Pmpo, Workspace, of_rule};

fn people_json(dir: &std::path::Path, args: &[&str]) -> Value {
    let o = Pmpo::new(["people", "--format", "json"]).args(args).arg(dir).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    serde_json::from_slice(o.stdout_bytes()).expect("pmpo people prints JSON")
}

#[test]
fn the_product_manager_is_who_the_scaled_example_cannot_lose() {
    let dir = common::manifest_dir().join("examples/scaled");
    let json = people_json(&dir, &[]);
    let people = json["people"].as_array().unwrap();
    assert_eq!(people[0]["person"], "Ines Duarte", "{json:#}");
    assert_eq!(people[0]["alone_strategic"], 13);
    assert_eq!(people[0]["alone_rows"], 16);
    // Li Wei works four days a week: her limit is 18 × 0.8.
    let li = people.iter().find(|p| p["person"] == "Li Wei").unwrap();
    assert_eq!(li["limit"], 14.4);
    assert_eq!(li["capacity"], 0.8);
    // The first screen answers the question.
    let o = Pmpo::new(["people", "--color", "never"]).arg(&dir).run();
    let text = o.stdout();
    assert!(
        text.starts_with("Who we cannot lose: Ines Duarte (16 rows, 13 strategic)"),
        "{text}"
    );
    // Every format, and a file.
    let md = Pmpo::new(["people", "--format", "markdown"]).arg(&dir).run().stdout();
    assert!(md.contains("| Ines Duarte | 16 (13 strategic) | 16 / 18 |"), "{md}");
    let csv = Pmpo::new(["people", "--format", "csv"]).arg(&dir).run().stdout();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("person,alone_rows,alone_strategic,load,limit,capacity,roles,scopes,until")
    );
    assert_eq!(lines.next(), Some("Ines Duarte,16,13,16,18,1,product-manager,shop,"));
    let out = Workspace::empty();
    let file = out.arg("people.md");
    let o = Pmpo::new(["people", "--format", "markdown", "-o", &file])
        .arg(&dir)
        .run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    assert_eq!(out.read("people.md"), md);
}

#[test]
fn without_someone_their_rows_lose_their_holder_in_every_view() {
    let dir = common::manifest_dir().join("examples/scaled");
    let json = people_json(&dir, &["--without", "dana"]);
    assert_eq!(json["without"], serde_json::json!(["dana"]));
    let dana = json["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["person"] == "Dana Reyes")
        .unwrap();
    assert_eq!(dana["roles"], serde_json::json!([]), "{json:#}");
    let checked = Pmpo::new(["check", "--format", "json"])
        .args(["--without", "Dana Reyes"])
        .arg(&dir)
        .run();
    let (exit, report) = (checked.code(), checked.json());
    assert_eq!(exit, 1);
    assert_eq!(report["without"], serde_json::json!(["Dana Reyes"]));
    let vacant = of_rule(&report, "role-without-holder");
    assert_eq!(vacant.len(), 1, "{}", common::briefs(&report));
    assert_eq!(
        vacant[0]["message"],
        "role `payments-po` has no holder: dana is left out by --without"
    );
    assert!(
        report["coverage"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["scope"] == "payments" && c["status"] == "unowned")
    );
    // Accepted work stays accepted: PAY-2 was accepted by dana before she left.
    assert!(
        of_rule(&report, "acceptance-by-non-owner").is_empty(),
        "{}",
        common::briefs(&report)
    );
    // Human output says so first.
    let o = Pmpo::new(["check", "--color", "never", "--without", "dana"])
        .arg(&dir)
        .run();
    assert!(
        o.stdout()
            .starts_with("What if: checked as if dana held no role (--without)"),
        "{}",
        o.stdout()
    );
    // Every report says it is a what-if.
    let out = |format: &str| {
        Pmpo::new(["check", "--without", "dana", "--format", format])
            .arg(&dir)
            .run()
            .stdout()
    };
    assert!(out("markdown").contains("**What if:** checked as if `dana` held no role"));
    assert!(out("github").starts_with("::notice title=pmpo what if::checked as if dana held no role"));
    let sarif: Value = serde_json::from_str(&out("sarif")).unwrap();
    assert_eq!(sarif["runs"][0]["properties"]["without"], serde_json::json!(["dana"]));
    // A name that is no holder is a usage error with a did-you-mean.
    let o = Pmpo::new(["check", "--without", "dnaa"]).arg(&dir).run();
    assert_eq!(o.code(), 2);
    assert!(o.stderr().contains("did you mean `dana`?"), "{}", o.stderr());
}

#[test]
fn what_if_the_clients_product_owner_left() {
    // The agency's product owner is the client's (`external: true`): --without names them too.
    let dir = common::manifest_dir().join("tests/fixtures/orgs/agency");
    let checked = Pmpo::new(["check", "--format", "json"])
        .args(["--without", "Omar (client)"])
        .arg(&dir)
        .run();
    let (exit, json) = (checked.code(), checked.json());
    assert_eq!(exit, 1, "{}", common::briefs(&json));
    assert!(
        of_rule(&json, "role-without-holder")
            .iter()
            .any(|f| f["subject"] == "client-po")
    );
}

#[test]
fn an_unknown_entry_of_a_scope_list_serves_nothing() {
    let ws = Workspace::new(&[
        (
            "pmpo.yaml",
            "products:\n  - id: shop\n    teams: [{id: red}, {id: blue}]\n",
        ),
        (
            "roles/po.md",
            "---\nholders: [ana]\nscope: [ghost, red]\nresponsibilities:\n  backlog-ordering: A\n---\n",
        ),
    ]);
    let json = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run().json();
    assert_eq!(of_rule(&json, "unknown-scope").len(), 1);
    let status = |scope: &str| {
        json["coverage"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "backlog-ordering" && c["scope"] == scope)
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(status("red"), "covered");
    assert_eq!(
        status("blue"),
        "unowned",
        "the unknown entry does not make the role serve the workspace"
    );
}

#[test]
fn capacity_changes_the_verdict() {
    // The startup's founder carries 21 of 24: not over at full time, over at two days a week.
    let ws = Workspace::copy_of("tests/fixtures/orgs/startup");
    let people = |capacity: &str| {
        format!(
            "kind: people\npeople:\n  - {{id: maya, capacity: {capacity}}}\n  - {{id: tom}}\n  - {{id: ada}}\n  - {{id: bo}}\n  - {{id: cy}}\n  - {{id: di}}\n"
        )
    };
    ws.write("people.yaml", people("1"));
    let json = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run().json();
    assert!(
        of_rule(&json, "overloaded-person")
            .iter()
            .all(|f| f["severity"] == "info"),
        "{}",
        common::briefs(&json)
    );
    assert!(of_rule(&json, "unknown-person").is_empty(), "{}", common::briefs(&json));
    ws.write("people.yaml", people("0.4"));
    let json = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run().json();
    let over: Vec<&Value> = of_rule(&json, "overloaded-person")
        .into_iter()
        .filter(|f| f["severity"] == "warning")
        .collect();
    assert_eq!(over.len(), 1, "{}", common::briefs(&json));
    assert!(
        over[0]["message"]
            .as_str()
            .unwrap()
            .contains("(limit 24 × capacity 0.4 = 9.6)"),
        "{}",
        over[0]["message"]
    );
    // A capacity outside 0 < c <= 1 is invalid.
    ws.write("people.yaml", people("1.5"));
    let checked = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run();
    let (exit, json) = (checked.code(), checked.json());
    assert_eq!(exit, 1);
    assert_eq!(of_rule(&json, "invalid-field").len(), 1, "{}", common::briefs(&json));
}

#[test]
fn a_person_past_their_last_day_holds_nothing_and_the_findings_say_so() {
    let ws = Workspace::copy_of("examples/scaled");
    let text = ws.read("people.yaml").replace(
        "    name: Ines Duarte\n",
        "    name: Ines Duarte\n    until: 2026-11-01\n",
    );
    ws.write("people.yaml", text);
    let checked = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run();
    let (exit, json) = (checked.code(), checked.json());
    assert_eq!(exit, 1);
    let orphaned = of_rule(&json, "orphaned-strategic");
    assert_eq!(orphaned.len(), 13, "{}", common::briefs(&json));
    assert!(
        orphaned[0]["message"]
            .as_str()
            .unwrap()
            .contains("ines's last day was 2026-11-01")
    );
    // Within the notice, a warning names what will be uncovered, strategic first.
    let text = ws.read("people.yaml").replace("until: 2026-11-01", "until: 2026-12-15");
    ws.write("people.yaml", text);
    let checked = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run();
    let (exit, json) = (checked.code(), checked.json());
    assert_eq!(exit, 0, "{}", common::briefs(&json));
    let leaving = of_rule(&json, "holder-leaving");
    assert_eq!(leaving.len(), 1);
    assert!(
        leaving[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Ines Duarte's last day is 2026-12-15 (in 19 days): `product-manager` will have no holder, and 16 responsibilities (13 strategic) will be uncovered: product-strategy,"),
        "{}",
        leaving[0]["message"]
    );
}
