//! `pmpo charter` through the binary: output, escaping, writing, refusing, --check.

use crate::common;

use common::{Workspace, code, pmpo_in, pmpo_run, repo, stderr, stdout};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

const HOSTILE: &str = "tests/fixtures/onboarding-hostile";

/// The Markdown's HTML and its headings' text, as a renderer sees them.
fn html_and_headings(md: &str) -> (Vec<String>, Vec<String>) {
    let mut html = Vec::new();
    let mut headings = Vec::new();
    let mut heading: Option<String> = None;
    let options = pulldown_cmark::Options::ENABLE_TABLES;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Html(t) | Event::InlineHtml(t) => html.push(t.to_string()),
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => headings.extend(heading.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            _ => {}
        }
    }
    (html, headings)
}

#[test]
fn the_acme_product_owner_charter_has_every_section() {
    let o = pmpo_run(&["charter", "product-owner", "examples/acme"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let md = stdout(&o);
    let (_, headings) = html_and_headings(&md);
    for h in [
        "Product Owner, Checkout team",
        "Your focus",
        "The role in its own words",
        "You are accountable for",
        "You do the work on",
        "You are consulted on",
        "You are kept informed of",
        "Who owns the rest",
        "Goals your work serves",
        "The backlog you order",
        "What pmpo check says about this role",
    ] {
        assert!(headings.iter().any(|x| x == h), "no heading {h:?} in {headings:?}");
    }
    // The body's own first heading repeats the title and is dropped.
    assert_eq!(
        headings.iter().filter(|h| *h == "Product Owner, Checkout team").count(),
        1
    );
    assert!(md.contains("- **Held by:** dana\n"));
    assert!(md.contains("- **Reports to:** maria (product-manager)\n"));
    assert!(md.contains("Your focus is **delivery and team**."), "{md}");
    // What the product owner only takes part in is owned by the product manager.
    assert!(md.contains("| Represent the customer's needs in every product decision (`voice-of-customer`) | R | `product-manager` | maria |"), "{md}");
    // Sources are the seed articles' titles, not their file names.
    assert!(md.contains("*The Difference Between a Product Manager and a Product Owner*"));
    assert!(!md.contains(".txt"));
    // Backlog figures: eight items, one accepted (CHK-101).
    assert!(md.contains("The backlog holds 8 items."), "{md}");
    assert!(md.contains("| accepted | 1 |"));
}

#[test]
fn a_charter_is_the_same_bytes_whatever_the_path_is_called() {
    let relative = pmpo_run(&["charter", "product-manager", "examples/acme"]);
    let absolute = pmpo_in(
        std::path::Path::new("/"),
        &["charter", "product-manager", &repo("examples/acme")],
    );
    assert_eq!(code(&relative), 0);
    assert_eq!(stdout(&relative), stdout(&absolute));
    assert!(!stdout(&relative).contains(env!("CARGO_MANIFEST_DIR")));
}

#[test]
fn an_unknown_role_is_exit_2_with_a_did_you_mean() {
    let o = pmpo_run(&["charter", "product-ownr", "examples/acme"]);
    assert_eq!(code(&o), 2);
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(err.contains("no role is called `product-ownr`"), "{err}");
    assert!(err.contains("did you mean `product-owner`?"), "{err}");
    let o = pmpo_run(&["charter", "cfo", "examples/acme"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("engineering-lead, product-manager, product-owner"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_role_with_findings_still_renders_and_lists_them() {
    let o = pmpo_run(&["charter", "product-owner", "examples/combined"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let md = stdout(&o);
    let findings = md
        .split("## What `pmpo check` says about this role")
        .nth(1)
        .expect("section");
    assert!(
        findings.contains("**warning** `overloaded-person`: alex carries"),
        "{findings}"
    );
    assert!(findings.contains("**warning** `team-too-large`"), "{findings}");
    assert!(findings.contains("**info** `combined-roles`"), "{findings}");
    // A role no finding concerns says so.
    let t = Workspace::empty();
    t.write("roles/solo.md", "---\nholders: [kim]\nresponsibilities: {}\n---\n");
    let clean = stdout(&pmpo_run(&["charter", "solo", &t.arg("")]));
    assert!(clean.contains("Nothing: no finding concerns this role."), "{clean}");
    assert!(clean.contains("no part in any of the 27 responsibilities"), "{clean}");
}

#[test]
fn orphaned_strategy_shows_in_the_focus_of_a_po_only_team() {
    let md = stdout(&pmpo_run(&["charter", "product-owner", "examples/po-only"]));
    assert!(
        md.contains("13 strategic responsibilities have no owner at all"),
        "{md}"
    );
    assert!(md.contains("| nobody — orphaned | — |"), "{md}");
}

#[test]
fn hostile_text_cannot_break_the_markdown() {
    let o = pmpo_run(&["charter", "owner", HOSTILE]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let md = stdout(&o);
    let (html, headings) = html_and_headings(&md);
    // The only HTML is the generated-by comment.
    assert_eq!(html.len(), 1, "{html:?}");
    assert!(html[0].starts_with("<!-- Generated by pmpo charter owner"));
    // No heading was injected; the body's first heading repeated the title and went,
    // its others sit below the charter's.
    let expected = [
        "Owner | <script>alert('t')</script> \"quoted\" second line",
        "Your focus",
        "The role in its own words",
        "A heading of the body",
        "You are accountable for",
        "Ops | <i>",
        "You are consulted on",
        "Delivery",
        "Who owns the rest",
        "Goals you own",
        "What pmpo check says about this role",
    ];
    assert_eq!(headings, expected);
    // The unclosed fence in the body is closed before the charter goes on.
    assert!(
        md.contains("a fence that never closes\n```\n\n## You are accountable for"),
        "{md}"
    );
    // Every table row has its four cells, whatever the titles hold.
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let cells = line.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 5, "{line}");
    }
}

#[test]
fn out_writes_refuses_to_overwrite_and_force_overwrites() {
    let t = Workspace::empty();
    let out = t.arg("po.md");
    let o = pmpo_run(&["charter", "product-owner", "examples/acme", "--out", &out]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let written = t.read("po.md");
    assert_eq!(
        written,
        stdout(&pmpo_run(&["charter", "product-owner", "examples/acme"]))
    );
    // A file pmpo generated (it carries the header) is regenerated without --force.
    t.write("po.md", written.replace("## ", "## stale "));
    let o = pmpo_run(&["charter", "product-owner", "examples/acme", "--out", &out]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(t.read("po.md"), written);
    // Any other file is never replaced without --force.
    t.write("po.md", "my notes\n");
    let o = pmpo_run(&["charter", "product-owner", "examples/acme", "--out", &out]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("refusing to overwrite"), "{}", stderr(&o));
    assert_eq!(t.read("po.md"), "my notes\n");
    let o = pmpo_run(&["charter", "product-owner", "examples/acme", "--out", &out, "--force"]);
    assert_eq!(code(&o), 0);
    assert_eq!(t.read("po.md"), written);
}

#[test]
fn all_writes_one_file_per_role_or_nothing() {
    let t = Workspace::empty();
    let dir = t.arg("charters");
    t.write("charters/product-owner.md", "mine\n");
    let o = pmpo_run(&["charter", "--all", "examples/acme", "--out-dir", &dir]);
    assert_eq!(code(&o), 2, "{}", stdout(&o));
    assert!(
        !t.path("charters/engineering-lead.md").exists(),
        "nothing is written when one file exists"
    );
    assert!(!t.path("charters/product-manager.md").exists());
    assert_eq!(t.read("charters/product-owner.md"), "mine\n");

    let o = pmpo_run(&["charter", "--all", "examples/acme", "--out-dir", &dir, "--force"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // Every file is generated now, so regenerating them all needs no --force.
    let o = pmpo_run(&["charter", "--all", "examples/acme", "--out-dir", &dir]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(t.path("charters"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["engineering-lead.md", "product-manager.md", "product-owner.md"]);
    for role in ["engineering-lead", "product-manager", "product-owner"] {
        let one = stdout(&pmpo_run(&["charter", role, "examples/acme"]));
        assert_eq!(t.read(&format!("charters/{role}.md")), one, "{role}");
    }
}

#[test]
fn check_passes_in_sync_and_fails_with_a_diff_on_drift() {
    let t = Workspace::empty();
    let out = t.arg("po.md");
    let o = pmpo_run(&["charter", "product-owner", "examples/acme", "--out", &out, "--check"]);
    assert_eq!(code(&o), 1, "a missing charter has drifted");
    assert!(stdout(&o).contains("(missing)"), "{}", stdout(&o));
    assert!(!t.path("po.md").exists(), "--check writes nothing");

    pmpo_run(&["charter", "product-owner", "examples/acme", "--out", &out]);
    let o = pmpo_run(&["charter", "product-owner", "examples/acme", "--out", &out, "--check"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("1 charter is up to date"));

    let edited = t
        .read("po.md")
        .replace("- **Held by:** dana", "- **Held by:** someone else");
    t.write("po.md", &edited);
    let o = pmpo_run(&["charter", "product-owner", "examples/acme", "--out", &out, "--check"]);
    assert_eq!(code(&o), 1);
    let diff = stdout(&o);
    assert!(diff.contains("-- **Held by:** someone else\n"), "{diff}");
    assert!(diff.contains("+- **Held by:** dana\n"), "{diff}");
    assert!(diff.contains("@@ "), "{diff}");
    assert_eq!(t.read("po.md"), edited, "--check leaves the file alone");
}

#[test]
fn check_all_finds_charters_of_roles_that_are_gone() {
    let t = Workspace::empty();
    let dir = t.arg("c");
    assert_eq!(
        code(&pmpo_run(&["charter", "--all", "examples/acme", "--out-dir", &dir])),
        0
    );
    let o = pmpo_run(&["charter", "--all", "examples/acme", "--out-dir", &dir, "--check"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let old = t.read("c/product-owner.md");
    t.write("c/scrum-master.md", old.replace("product-owner", "scrum-master"));
    t.write("c/README.md", "Not a generated charter.\n");
    let o = pmpo_run(&["charter", "--all", "examples/acme", "--out-dir", &dir, "--check"]);
    assert_eq!(code(&o), 1);
    assert!(
        stdout(&o).contains("scrum-master.md is the charter of a role that no longer exists"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("README"));
}

#[test]
fn bad_combinations_of_flags_are_exit_2() {
    let o = pmpo_run(&["charter", "product-owner", "examples/acme", "--check"]);
    assert_eq!(code(&o), 2);
    let o = pmpo_run(&["charter", "--all", "examples/acme"]);
    assert_eq!(code(&o), 2, "--all needs --out-dir");
    let o = pmpo_run(&["charter", "--all", "product-owner", "examples/acme", "--out-dir", "x"]);
    assert_eq!(code(&o), 2);
    assert!(!std::path::Path::new(&repo("x")).exists());
}

#[test]
fn the_committed_example_charter_is_in_sync() {
    let o = pmpo_run(&[
        "charter",
        "product-owner",
        "examples/acme",
        "--out",
        "docs/examples/product-owner-charter.md",
        "--check",
    ]);
    assert_eq!(
        code(&o),
        0,
        "docs/examples/product-owner-charter.md drifted; regenerate it with --force:\n{}",
        stdout(&o)
    );
}
