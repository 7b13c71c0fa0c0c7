//! Products and teams (FORMAT.md, "Products and teams"): `products:` in `pmpo.yaml`,
//! the scope of each document and the CODEOWNERS-like lookup of coverage, run through
//! the binary on small workspaces.

use crate::common;

use common::{Pmpo, Workspace, of_rule};
use std::fmt::Write as _;

use serde_json::Value;

/// Two responsibilities, one per level, so each case reads on its own.
const CATALOG: (&str, &str) = (
    "catalog.yaml",
    "kind: catalog\nuses:\n  vision: null\n  acceptance: null\nresponsibilities:\n  - id: vision\n    title: Vision\n    area: strategy\n    strategic: true\n  - id: ordering\n    title: Order the backlog\n    area: delivery\n    level: team\n",
);

const TWO_TEAMS: &str = "products:\n  - id: checkout\n    teams:\n      - id: payments\n        path: checkout/payments\n      - id: cart\n";

fn role(id: &str, scope: Option<&str>, raci: &[(&str, &str)]) -> String {
    let mut s = format!("---\nkind: role\nid: {id}\nholders: [{id}-person]\n");
    if let Some(scope) = scope {
        let _ = writeln!(s, "scope: {scope}");
    }
    s.push_str("responsibilities:\n");
    for (r, l) in raci {
        let _ = writeln!(s, "  {r}: {l}");
    }
    s.push_str("---\n");
    s
}

/// `(status, accountable roles)` of the coverage row of `id` in `scope`.
fn row(json: &Value, id: &str, scope: Option<&str>) -> (String, Vec<String>) {
    let rows: Vec<&Value> = json["coverage"]
        .as_array()
        .expect("coverage")
        .iter()
        .filter(|r| r["id"] == id && r["scope"].as_str() == scope)
        .collect();
    assert_eq!(rows.len(), 1, "one row for {id} in {scope:?}: {:#}", json["coverage"]);
    let accountable = rows[0]["accountable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    (rows[0]["status"].as_str().unwrap().to_string(), accountable)
}

fn covered_by(role: &str) -> (String, Vec<String>) {
    ("covered".to_string(), vec![role.to_string()])
}

/// Some of these workspaces hold no charter (only the scopes matter): `empty-workspace`
/// would be their whole report.
fn check(files: &[(&str, &str)]) -> Value {
    let ws = Workspace::new(files);
    Pmpo::new(["check", "--format", "json"])
        .args(["--ignore", "empty-workspace"])
        .arg(ws.root())
        .run()
        .json()
}

#[test]
fn a_team_role_overrides_the_product_role_and_the_product_covers_the_other_team() {
    let head = role("head", None, &[("vision", "A")]);
    let product_po = role("product-po", Some("checkout"), &[("ordering", "A")]);
    let payments_po = role("payments-po", None, &[("ordering", "A")]);
    let json = check(&[
        ("pmpo.yaml", TWO_TEAMS),
        CATALOG,
        ("roles/head.md", &head),
        ("roles/product-po.md", &product_po),
        // No `scope:`: the team's `path:` holds it.
        ("checkout/payments/payments-po.md", &payments_po),
    ]);
    assert_eq!(row(&json, "ordering", Some("payments")), covered_by("payments-po"));
    assert_eq!(row(&json, "ordering", Some("cart")), covered_by("product-po"));
    assert_eq!(row(&json, "vision", Some("checkout")), covered_by("head"));
    assert_eq!(
        json["coverage"].as_array().unwrap().len(),
        3,
        "one row per product or team"
    );
    assert!(of_rule(&json, "multiple-accountable").is_empty(), "{json:#}");
}

#[test]
fn the_workspace_covers_every_product_and_a_product_without_teams_is_its_own_team() {
    let head = role("head", None, &[("vision", "A"), ("ordering", "A")]);
    let json = check(&[
        (
            "pmpo.yaml",
            "products:\n  - id: checkout\n  - id: merchant\n    teams: [{id: onboarding}]\n",
        ),
        CATALOG,
        ("roles/head.md", &head),
    ]);
    assert_eq!(row(&json, "vision", Some("checkout")), covered_by("head"));
    assert_eq!(row(&json, "vision", Some("merchant")), covered_by("head"));
    assert_eq!(row(&json, "ordering", Some("checkout")), covered_by("head"));
    assert_eq!(row(&json, "ordering", Some("onboarding")), covered_by("head"));
    for rule in [
        "orphaned-strategic",
        "unowned",
        "multiple-accountable",
        "scope-mismatch",
    ] {
        assert!(of_rule(&json, rule).is_empty(), "{rule}: {json:#}");
    }
}

#[test]
fn two_accountable_roles_at_the_deciding_level_overlap_in_that_scope_only() {
    let product_po = role("product-po", Some("checkout"), &[("ordering", "A")]);
    let a = role("pay-a", Some("payments"), &[("ordering", "A")]);
    let b = role("pay-b", Some("payments"), &[("ordering", "A")]);
    let head = role("head", None, &[("vision", "A")]);
    let json = check(&[
        ("pmpo.yaml", TWO_TEAMS),
        CATALOG,
        ("roles/head.md", &head),
        ("roles/product-po.md", &product_po),
        ("roles/pay-a.md", &a),
        ("roles/pay-b.md", &b),
    ]);
    let (status, accountable) = row(&json, "ordering", Some("payments"));
    assert_eq!((status.as_str(), accountable.len()), ("overlap", 2));
    assert_eq!(row(&json, "ordering", Some("cart")), covered_by("product-po"));
    let multiple = of_rule(&json, "multiple-accountable");
    assert_eq!(multiple.len(), 1, "{json:#}");
    assert_eq!(multiple[0]["scope"], "payments");
}

#[test]
fn a_team_role_accountable_for_a_product_responsibility_is_a_mismatch_and_covers_nothing() {
    let pay = role("payments-po", Some("payments"), &[("vision", "A"), ("ordering", "A")]);
    let product_po = role("product-po", Some("checkout"), &[("ordering", "A")]);
    let json = check(&[
        ("pmpo.yaml", TWO_TEAMS),
        CATALOG,
        ("roles/payments-po.md", &pay),
        ("roles/product-po.md", &product_po),
    ]);
    let mismatch = of_rule(&json, "scope-mismatch");
    assert_eq!(mismatch.len(), 1, "{json:#}");
    assert_eq!(mismatch[0]["subject"], "vision");
    assert_eq!(mismatch[0]["scope"], "payments");
    assert_eq!(row(&json, "vision", Some("checkout")).0, "orphaned");
    let orphaned = of_rule(&json, "orphaned-strategic");
    assert_eq!(orphaned.len(), 1);
    assert_eq!(orphaned[0]["scope"], "checkout");
}

#[test]
fn a_scoped_waiver_applies_in_its_product_only() {
    let json = check(&[
        (
            "pmpo.yaml",
            "products:\n  - id: checkout\n  - id: merchant\nwaivers:\n  - responsibility: vision\n    reason: run by the parent company\n    scope: merchant\n",
        ),
        CATALOG,
        ("roles/head.md", &role("head", None, &[("ordering", "A")])),
    ]);
    assert_eq!(row(&json, "vision", Some("merchant")).0, "waived");
    assert_eq!(row(&json, "vision", Some("checkout")).0, "orphaned");
}

#[test]
fn an_accepted_item_is_checked_against_the_owner_of_its_scope() {
    let files = |accepted_by: &str| {
        vec![
            ("pmpo.yaml".to_string(), TWO_TEAMS.to_string()),
            (
                "roles/pm.md".into(),
                role("pm", Some("checkout"), &[("product-vision", "A")]),
            ),
            (
                "roles/cart-po.md".into(),
                role("cart-po", Some("cart"), &[("work-acceptance", "A")]),
            ),
            (
                "checkout/payments/payments-po.md".into(),
                role("payments-po", None, &[("work-acceptance", "A")]),
            ),
            (
                "checkout/payments/backlog.yaml".into(),
                format!(
                    "kind: backlog\nitems:\n  - id: P-1\n    status: accepted\n    accepted_by: {accepted_by}\n    acceptance_criteria: [works]\n"
                ),
            ),
        ]
    };
    let run = |accepted_by: &str| {
        let owned = files(accepted_by);
        let refs: Vec<(&str, &str)> = owned.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        check(&refs)
    };
    assert!(of_rule(&run("payments-po-person"), "acceptance-by-non-owner").is_empty());
    let json = run("cart-po-person");
    let f = of_rule(&json, "acceptance-by-non-owner");
    assert_eq!(f.len(), 1, "another team's PO accepting is found: {json:#}");
    assert_eq!(f[0]["scope"], "payments");
}

#[test]
fn without_products_every_scope_is_null() {
    for dir in [
        "examples/acme",
        "tests/fixtures/multiple-accountable/fail",
        "tests/fixtures/unowned/fail",
    ] {
        let path = common::manifest_dir().join(dir);
        if !path.is_dir() {
            continue;
        }
        let json = Pmpo::new(["check", "--format", "json"]).arg(&path).run().json();
        for f in json["findings"].as_array().unwrap() {
            assert!(f["scope"].is_null(), "{dir}: {f}");
        }
        let rows = json["coverage"].as_array().unwrap();
        assert!(!rows.is_empty());
        for r in rows {
            assert!(r["scope"].is_null(), "{dir}: {r}");
        }
        // One row per responsibility, as before products existed.
        let mut ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n, "{dir}");
    }
}

fn config_error(yaml: &str) -> String {
    let ws = Workspace::new(&[("pmpo.yaml", yaml), ("roles/a.md", "---\nholders: [a]\n---\n")]);
    let output = Pmpo::new(["check"]).arg(ws.root()).run();
    assert_eq!(output.code(), 2, "{yaml}: {}", output.stderr());
    output.stderr()
}

#[test]
fn invalid_products_stop_the_run() {
    let err = config_error("products:\n  - id: checkout\n    teams: [{id: checkout}]\n");
    assert!(err.contains("declared twice"), "{err}");
    let err = config_error("products:\n  - id: checkout\n    path: ../elsewhere\n");
    assert!(err.contains("inside the root"), "{err}");
    let err = config_error("products:\n  - id: Checkout\n");
    assert!(err.contains("Checkout"), "{err}");
    let err = config_error("products:\n  - id: checkout\n    teem: [{id: a}]\n");
    assert!(err.contains("teams"), "did-you-mean: {err}");
    let err = config_error(
        "products:\n  - id: checkout\nwaivers:\n  - responsibility: go-to-market\n    reason: r\n    scope: chekout\n",
    );
    assert!(err.contains("checkout"), "did-you-mean: {err}");
}

const TWO_PRODUCTS: &str = "products:\n  - id: checkout\n    path: checkout\n  - id: merchant\n    path: merchant\n    teams: [{id: onboarding, size: 12}]\n";

fn vision(goals: &[&str]) -> String {
    let mut s = String::from("---\nkind: vision\nowner: head\ngoals:\n");
    for g in goals {
        let _ = writeln!(s, "  - {{id: {g}, title: {g}}}");
    }
    s.push_str("---\n");
    s
}

fn subjects(json: &Value, rule: &str) -> Vec<(String, String)> {
    of_rule(json, rule)
        .iter()
        .map(|f| {
            (
                f["subject"].as_str().unwrap_or("-").to_string(),
                f["scope"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect()
}

#[test]
fn goals_are_per_product_and_another_product_is_named_explicitly() {
    let head = role("head", None, &[("vision", "A"), ("ordering", "A")]);
    let json = check(&[
        ("pmpo.yaml", TWO_PRODUCTS),
        CATALOG,
        ("roles/head.md", &head),
        ("checkout/vision.md", &vision(&["G1", "G2"])),
        ("merchant/vision.md", &vision(&["G1"])),
        (
            "checkout/backlog.yaml",
            "kind: backlog\nitems:\n  - {id: C-1, goals: [G1]}\n  - {id: C-2, goals: [merchant/G1]}\n  - {id: C-3, goals: [G9]}\n  - {id: C-4, goals: [nowhere/G1]}\n",
        ),
    ]);
    assert!(
        of_rule(&json, "duplicate-id").is_empty(),
        "G1 in two products: {json:#}"
    );
    assert!(of_rule(&json, "invalid-field").is_empty(), "{json:#}");
    let unknown = subjects(&json, "unknown-goal");
    assert_eq!(
        unknown,
        [
            ("C-3".to_string(), "checkout".to_string()),
            ("C-4".into(), "checkout".into())
        ]
    );
    // checkout's G2 is unserved; merchant's G1 is served through `merchant/G1`.
    assert_eq!(
        subjects(&json, "goal-without-work"),
        [("G2".to_string(), "checkout".to_string())]
    );
}

#[test]
fn goal_ids_repeat_within_one_product_only() {
    let json = check(&[
        ("pmpo.yaml", TWO_PRODUCTS),
        CATALOG,
        ("checkout/vision.md", &vision(&["G1"])),
        ("checkout/more/vision.md", &vision(&["G1"])),
        ("merchant/vision.md", &vision(&["G1"])),
    ]);
    assert_eq!(of_rule(&json, "duplicate-id").len(), 1, "{json:#}");
}

#[test]
fn each_product_needs_its_own_vision() {
    let json = check(&[
        ("pmpo.yaml", TWO_PRODUCTS),
        CATALOG,
        ("vision.md", &vision(&["ORG-1"])),
        ("checkout/vision.md", &vision(&["G1"])),
    ]);
    assert_eq!(
        subjects(&json, "missing-vision"),
        [("vision".to_string(), "merchant".to_string())]
    );
    let f = of_rule(&json, "missing-vision");
    assert_eq!(f[0]["file"], "pmpo.yaml");
}

#[test]
fn order_conflicts_only_within_one_scope() {
    let json = check(&[
        ("pmpo.yaml", TWO_PRODUCTS),
        CATALOG,
        (
            "checkout/backlog.yaml",
            "kind: backlog\nitems:\n  - {id: C-1, order: 10}\n  - {id: C-2, order: 20}\n",
        ),
        (
            "merchant/backlog.yaml",
            "kind: backlog\nitems:\n  - {id: M-1, order: 10}\n  - {id: M-2, order: 20, scope: onboarding}\n  - {id: M-3, order: 20, scope: onboarding}\n",
        ),
    ]);
    assert_eq!(
        subjects(&json, "order-conflict"),
        [("M-3".to_string(), "onboarding".to_string())]
    );
}

#[test]
fn a_team_above_the_size_limit_is_too_large() {
    let json = check(&[("pmpo.yaml", TWO_PRODUCTS), CATALOG]);
    let f = of_rule(&json, "team-too-large");
    assert_eq!(f.len(), 1, "{json:#}");
    assert_eq!(f[0]["subject"], "onboarding");
    assert_eq!(f[0]["file"], "pmpo.yaml");
    assert_eq!(f[0]["line"], 6);
}

#[test]
fn a_person_ordering_two_teams_backlogs_carries_two_responsibilities() {
    let config = "products:\n  - id: checkout\n    teams: [{id: payments}, {id: cart}]\nlimits:\n  max_load: 1\n";
    let a = "---\nkind: role\nid: pay-po\nscope: payments\nholders: [dana]\nresponsibilities:\n  ordering: A\n---\n";
    let b = "---\nkind: role\nid: cart-po\nscope: cart\nholders: [dana]\nresponsibilities:\n  ordering: A\n---\n";
    let json = check(&[("pmpo.yaml", config), CATALOG, ("roles/a.md", a), ("roles/b.md", b)]);
    assert_eq!(of_rule(&json, "overloaded-person").len(), 1, "{json:#}");
}

#[test]
fn matrix_shows_one_scope_with_its_roles_or_refuses_an_unknown_one() {
    let product_po = role("product-po", Some("checkout"), &[("ordering", "A")]);
    let payments_po = role("payments-po", Some("payments"), &[("ordering", "A")]);
    let head = role("head", None, &[("vision", "A")]);
    let ws = Workspace::new(&[
        ("pmpo.yaml", TWO_TEAMS),
        CATALOG,
        ("roles/head.md", &head),
        ("roles/product-po.md", &product_po),
        ("roles/payments-po.md", &payments_po),
    ]);
    let o = Pmpo::new(["matrix", "--format", "json", "--scope", "payments"])
        .arg(ws.root())
        .run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let json: Value = serde_json::from_slice(o.stdout_bytes()).unwrap();
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{json:#}");
    assert_eq!(rows[0]["id"], "ordering");
    assert_eq!(rows[0]["scope"], "payments");
    assert_eq!(rows[0]["cells"]["payments-po"], "A");
    let roles: Vec<&str> = json["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(!roles.contains(&"head"), "{roles:?}");
    let o = Pmpo::new(["matrix", "--scope", "payment"]).arg(ws.root()).run();
    assert_eq!(o.code(), 2);
    assert!(o.stderr().contains("payments"), "did-you-mean: {}", o.stderr());
    // The table has a section per product and team.
    let o = Pmpo::new(["matrix", "--format", "markdown"]).arg(ws.root()).run();
    let text = o.stdout();
    for heading in ["## checkout", "## payments", "## cart"] {
        assert!(text.contains(heading), "{text}");
    }
}

#[test]
fn the_examples_pass_as_their_readmes_say() {
    // The teams' product owners' R on product-level work applies in their product's row
    // (FORMAT.md, "Where a role's letters apply"): shared with the product manager.
    // The head of product of two products carries 16 product-level rows in each: 32,
    // over the limit of 24, whichever way the charters are cut.
    for (dir, rows, warnings, infos) in [("examples/scaled", 38, 0, 2), ("examples/two-products", 54, 1, 4)] {
        let checked = Pmpo::new(["check", "--format", "json"])
            .arg(common::manifest_dir().join(dir))
            .run();
        let (exit, json) = (checked.code(), checked.json());
        assert_eq!(exit, 0, "{dir}: {json:#}");
        assert_eq!(json["summary"]["errors"], 0, "{dir}");
        assert_eq!(json["summary"]["warnings"], warnings, "{dir}: {json:#}");
        assert_eq!(json["summary"]["infos"], infos, "{dir}");
        let coverage = json["coverage"].as_array().unwrap();
        assert_eq!(coverage.len(), rows, "{dir}");
        assert!(
            coverage
                .iter()
                .all(|c| c["status"] == "covered" && c["scope"].is_string()),
            "{dir}"
        );
    }
}

#[test]
fn every_format_carries_the_scope_where_it_fits() {
    let dir = common::manifest_dir().join("tests/fixtures/scope-mismatch/fail");
    let out = |format: &str| Pmpo::new(["check", "--format", format]).arg(&dir).run().stdout();
    assert!(out("github").contains("title=pmpo scope-mismatch (berths)"));
    let sarif: Value = serde_json::from_str(&out("sarif")).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "scope-mismatch" && r["properties"]["scope"] == "berths")
    );
    let junit = out("junit");
    assert!(junit.contains("pmpo.coverage.tidewater.delivery"));
    // One test suite a scope, then the findings of no responsibility.
    let suites = |junit: &str| -> Vec<String> {
        junit
            .lines()
            .filter_map(|l| l.trim().strip_prefix("<testsuite name=\""))
            .map(|l| l.split('"').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(suites(&junit), ["coverage.tidewater", "findings"]);
    let scaled = common::manifest_dir().join("examples/scaled");
    let scaled = Pmpo::new(["check", "--format", "junit"]).arg(&scaled).run().stdout();
    assert_eq!(
        suites(&scaled),
        ["coverage.shop", "coverage.payments", "coverage.cart", "findings"]
    );
    assert!(out("markdown").contains("`backlog-ordering` in `tidewater`"));
    assert!(out("human").contains("scope"));
}

#[test]
fn combined_roles_is_one_person_in_one_product() {
    let config = "products:\n  - id: checkout\n  - id: merchant\n";
    let pm = |scope: &str| {
        format!("---\nkind: role\nid: {scope}-pm\ntype: product-manager\nscope: {scope}\nholders: [ines]\n---\n")
    };
    let po = |scope: &str| {
        format!("---\nkind: role\nid: {scope}-po\ntype: product-owner\nscope: {scope}\nholders: [ines]\n---\n")
    };
    let json = check(&[
        ("pmpo.yaml", config),
        ("roles/a.md", &pm("checkout")),
        ("roles/b.md", &po("merchant")),
    ]);
    assert!(
        of_rule(&json, "combined-roles").is_empty(),
        "two products, two jobs: {json:#}"
    );
    let json = check(&[
        ("pmpo.yaml", config),
        ("roles/a.md", &pm("checkout")),
        ("roles/b.md", &po("checkout")),
    ]);
    let f = of_rule(&json, "combined-roles");
    assert_eq!(f.len(), 1, "{json:#}");
    assert_eq!(f[0]["scope"], "checkout");
}

#[test]
fn a_charter_says_what_the_role_serves_and_who_covers_the_levels_around_it() {
    let dir = common::manifest_dir().join("examples/scaled");
    let o = Pmpo::new(["charter", "payments-po"]).arg(&dir).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let text = o.stdout();
    assert!(
        text.contains("- **Serves:** the team `payments` of the product `shop`"),
        "{text}"
    );
    assert!(
        text.contains("- **Above you:** `product-manager` (the product `shop`)"),
        "{text}"
    );
    let o = Pmpo::new(["charter", "product-manager"]).arg(&dir).run();
    let text = o.stdout();
    assert!(text.contains("- **Below you:** `cart-po`"), "{text}");
    // Each responsibility once, though coverage has a row per team.
    let o = Pmpo::new(["charter", "payments-po"]).arg(&dir).run();
    let text = o.stdout();
    let lines = text.lines().filter(|l| l.contains("`backlog-ordering`")).count();
    assert_eq!(lines, 1, "{text}");
}
