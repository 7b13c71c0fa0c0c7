//! Seven organisations as a coach writes them, one charter per real role (FORMAT.md,
//! "Products and teams"): each passes with only the findings its people would agree
//! with, and an organisation cut into charters two ways gives one verdict.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::common::{self, Pmpo, Workspace, findings};

/// Each organisation, and the errors and warnings a coach agrees with (rule, subject).
const ORGANISATIONS: &[(&str, &[(&str, &str)])] = &[
    ("tests/fixtures/orgs/scrum-team", &[]),
    ("tests/fixtures/orgs/less", &[]),
    ("examples/safe-train", &[]),
    ("tests/fixtures/orgs/tribe", &[]),
    ("tests/fixtures/orgs/startup", &[]),
    ("examples/monorepo", &[]),
    ("tests/fixtures/orgs/agency", &[]),
    // One head of product for two products' strategy is over the limit however written.
    ("examples/two-products", &[("overloaded-person", "ines")]),
];

/// The same organisation written as different charters.
const RECUTS: &[(&str, &str)] = &[
    // A Scrum Master for three teams: one product charter, or one per team.
    ("tests/fixtures/orgs/less", "tests/fixtures/orgs/less-recut"),
    // A product owner for two teams: `scope: [routing, billing]`, or two charters.
    ("examples/safe-train", "tests/fixtures/orgs/safe-recut"),
    // A head of product for two products: one workspace charter, or two product charters.
    ("examples/two-products", "tests/fixtures/orgs/two-products-recut"),
];

fn errors_and_warnings(json: &Value) -> Vec<(String, String)> {
    let mut got: Vec<(String, String)> = findings(json)
        .iter()
        .filter(|f| f["severity"] != "info")
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["subject"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    got.sort();
    got
}

#[test]
fn each_organisation_passes_with_only_what_a_coach_agrees_with() {
    for (dir, expected) in ORGANISATIONS {
        let checked = Pmpo::new(["check", "--format", "json"])
            .arg(common::manifest_dir().join(dir))
            .run();
        let (exit, json) = (checked.code(), checked.json());
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(r, s)| ((*r).to_string(), (*s).to_string()))
            .collect();
        assert_eq!(
            errors_and_warnings(&json),
            expected,
            "{dir}:\n{}",
            common::briefs(&json)
        );
        assert_eq!(exit, 0, "{dir}");
        let coverage = json["coverage"].as_array().unwrap();
        assert!(
            coverage
                .iter()
                .all(|c| c["status"] == "covered" || c["status"] == "waived"),
            "{dir}: every row covered or waived"
        );
    }
}

/// Coverage status by (responsibility, scope).
fn statuses(json: &Value) -> BTreeMap<(String, String), String> {
    json["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                (c["id"].to_string(), c["scope"].to_string()),
                c["status"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Every person's load, read from `overloaded-person` with the limit at 0 (everyone
/// with a load is over it): the number in "carries a load of N" or "carries N ...".
fn loads(dir: &str) -> BTreeMap<String, String> {
    let ws = Workspace::copy_of(dir);
    let config = ws.path("pmpo.yaml");
    let mut text = std::fs::read_to_string(&config).unwrap_or_default();
    text.push_str("\nlimits:\n  max_load: 0\n");
    ws.write("pmpo.yaml", text);
    let json = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run().json();
    common::of_rule(&json, "overloaded-person")
        .into_iter()
        .filter(|f| f["severity"] != "info")
        .map(|f| {
            let message = f["message"].as_str().unwrap();
            let load = message
                .split("carries ")
                .nth(1)
                .unwrap()
                .trim_start_matches("a load of ")
                .split(' ')
                .next()
                .unwrap()
                .to_string();
            (f["subject"].as_str().unwrap().to_string(), load)
        })
        .collect()
}

#[test]
fn one_organisation_cut_two_ways_gives_one_verdict() {
    for (a, b) in RECUTS {
        let ja = Pmpo::new(["check", "--format", "json"])
            .arg(common::manifest_dir().join(a))
            .run()
            .json();
        let jb = Pmpo::new(["check", "--format", "json"])
            .arg(common::manifest_dir().join(b))
            .run()
            .json();
        assert_eq!(statuses(&ja), statuses(&jb), "{a} and {b}: coverage statuses");
        assert_eq!(
            errors_and_warnings(&ja),
            errors_and_warnings(&jb),
            "{a} and {b}: errors and warnings"
        );
        let (la, lb) = (loads(a), loads(b));
        assert!(la.len() >= 2, "{a}: {la:?}");
        assert_eq!(la, lb, "{a} and {b}: every person's load");
    }
    // The numbers FORMAT.md's "Load" gives: a Scrum Master for three teams carries the
    // five team-level accountabilities three times and organisational adoption once;
    // a head of product two products' 16 product-level responsibilities each.
    assert_eq!(loads("tests/fixtures/orgs/less")["Ben"], "16");
    assert_eq!(loads("examples/two-products")["ines"], "32");
}

#[test]
fn advice_and_charters_stay_in_their_own_product() {
    // The web checkout team loses its product owner: the help names a role of the web
    // product's chain, never mobile's or the platform's.
    let ws = Workspace::copy_of("examples/monorepo");
    std::fs::remove_file(ws.path("apps/web/roles/web-checkout-po.md")).unwrap();
    ws.write(
        "apps/web/backlog/extra.yaml",
        "kind: backlog\nscope: web-search\nitems:\n  - {id: WEB-9, title: Typo, status: idea, goals: [G2]}\n",
    );
    let json = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run().json();
    let others = ["mobile-pm", "mobile-po", "platform-lead", "apps/mobile", "platform/"];
    let gaps: Vec<&Value> = findings(&json)
        .iter()
        .filter(|f| f["scope"] == "web-checkout")
        .collect();
    assert!(gaps.len() >= 10, "{}", common::briefs(&json));
    for f in findings(&json) {
        let help = f["help"].as_str().unwrap_or_default();
        if f["scope"].as_str().is_some_and(|s| s.starts_with("web")) {
            for other in others {
                assert!(!help.contains(other), "{}: {help}", common::brief(f));
            }
        }
    }
    let unknown = common::of_rule(&json, "unknown-goal");
    assert_eq!(unknown.len(), 1, "{}", common::briefs(&json));
    assert_eq!(
        unknown[0]["help"], "name a goal the vision defines: G1",
        "only web's goal G1 is suggested, once"
    );
    // A product manager's charter counts its own product's strategic work and goals.
    let dir = common::manifest_dir().join("examples/monorepo");
    let charter = Pmpo::new(["charter", "web-search-po"]).arg(&dir).run().stdout();
    assert!(charter.contains("Checkout in one page"), "{charter}");
    for other in ["Offline basket", "Every service deploys", "mobile-pm", "platform-lead"] {
        assert!(
            !charter.contains(other),
            "web-search-po's charter names {other}:\n{charter}"
        );
    }
    let charter = Pmpo::new(["charter", "checkout-po"])
        .arg(common::manifest_dir().join("examples/two-products"))
        .run()
        .stdout();
    assert!(
        charter.contains("The 13 strategic responsibilities you do not own"),
        "{charter}"
    );
    assert!(!charter.contains("A new merchant sells"), "{charter}");
}

#[test]
fn a_documentation_sites_roadmap_page_is_skipped_and_listed_under_verbose() {
    let dir = common::manifest_dir().join("examples/monorepo");
    let json = Pmpo::new(["check", "--format", "json"]).arg(&dir).run().json();
    assert!(common::of_rule(&json, "invalid-field").is_empty());
    let o = Pmpo::new(["check", "-v", "--color", "never"]).arg(&dir).run();
    assert!(o.stdout().contains("docs/roadmap.md"), "{}", o.stdout());
    let o = Pmpo::new(["check", "--color", "never"]).arg(&dir).run();
    assert!(!o.stdout().contains("docs/roadmap.md"));
}
