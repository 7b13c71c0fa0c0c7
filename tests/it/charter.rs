//! `pmpo charter` through the binary: output, escaping, writing, refusing, --check.

use crate::common;

use common::{Pmpo, Workspace, repo};
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
    let o = Pmpo::new(["charter", "product-owner", "examples/acme"]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let md = o.stdout();
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
    let relative = Pmpo::new(["charter", "product-manager", "examples/acme"]).run();
    let absolute = Pmpo::new(["charter", "product-manager", &repo("examples/acme")])
        .dir(std::path::Path::new("/"))
        .run();
    assert_eq!(relative.code(), 0);
    assert_eq!(relative.stdout(), absolute.stdout());
    assert!(!relative.stdout().contains(env!("CARGO_MANIFEST_DIR")));
}

#[test]
fn an_unknown_role_is_exit_2_with_a_did_you_mean() {
    let o = Pmpo::new(["charter", "product-ownr", "examples/acme"]).run();
    assert_eq!(o.code(), 2);
    assert!(o.stdout().is_empty());
    let err = o.stderr();
    assert!(err.contains("no role is called `product-ownr`"), "{err}");
    assert!(err.contains("did you mean `product-owner`?"), "{err}");
    let o = Pmpo::new(["charter", "cfo", "examples/acme"]).run();
    assert_eq!(o.code(), 2);
    assert!(
        o.stderr().contains("engineering-lead, product-manager, product-owner"),
        "{}",
        o.stderr()
    );
}

#[test]
fn a_role_with_findings_still_renders_and_lists_them() {
    let o = Pmpo::new(["charter", "product-owner", "examples/combined"]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let md = o.stdout();
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
    let clean = Pmpo::new(["charter", "solo", &t.arg("")]).run().stdout();
    assert!(clean.contains("Nothing: no finding concerns this role."), "{clean}");
    assert!(clean.contains("no part in any of the 27 responsibilities"), "{clean}");
}

#[test]
fn orphaned_strategy_shows_in_the_focus_of_a_po_only_team() {
    let md = Pmpo::new(["charter", "product-owner", "examples/po-only"])
        .run()
        .stdout();
    assert!(
        md.contains("13 strategic responsibilities have no owner at all"),
        "{md}"
    );
    assert!(md.contains("| nobody — orphaned | — |"), "{md}");
}

#[test]
fn hostile_text_cannot_break_the_markdown() {
    let o = Pmpo::new(["charter", "owner", HOSTILE]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let md = o.stdout();
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
    let o = Pmpo::new(["charter", "product-owner", "examples/acme", "--out", &out]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let written = t.read("po.md");
    assert_eq!(
        written,
        Pmpo::new(["charter", "product-owner", "examples/acme"]).run().stdout()
    );
    // A file pmpo generated (it carries the header) is regenerated without --force.
    t.write("po.md", written.replace("## ", "## stale "));
    let o = Pmpo::new(["charter", "product-owner", "examples/acme", "--out", &out]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    assert_eq!(t.read("po.md"), written);
    // Any other file is never replaced without --force.
    t.write("po.md", "my notes\n");
    let o = Pmpo::new(["charter", "product-owner", "examples/acme", "--out", &out]).run();
    assert_eq!(o.code(), 2);
    assert!(o.stderr().contains("refusing to overwrite"), "{}", o.stderr());
    assert_eq!(t.read("po.md"), "my notes\n");
    let o = Pmpo::new(["charter", "product-owner", "examples/acme", "--out", &out, "--force"]).run();
    assert_eq!(o.code(), 0);
    assert_eq!(t.read("po.md"), written);
}

#[test]
fn all_writes_one_file_per_role_or_nothing() {
    let t = Workspace::empty();
    let dir = t.arg("charters");
    t.write("charters/product-owner.md", "mine\n");
    let o = Pmpo::new(["charter", "--all", "examples/acme", "--out-dir", &dir]).run();
    assert_eq!(o.code(), 2, "{}", o.stdout());
    assert!(
        !t.path("charters/engineering-lead.md").exists(),
        "nothing is written when one file exists"
    );
    assert!(!t.path("charters/product-manager.md").exists());
    assert_eq!(t.read("charters/product-owner.md"), "mine\n");

    let o = Pmpo::new(["charter", "--all", "examples/acme", "--out-dir", &dir, "--force"]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    // Every file is generated now, so regenerating them all needs no --force.
    let o = Pmpo::new(["charter", "--all", "examples/acme", "--out-dir", &dir]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let mut names: Vec<String> = std::fs::read_dir(t.path("charters"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["engineering-lead.md", "product-manager.md", "product-owner.md"]);
    for role in ["engineering-lead", "product-manager", "product-owner"] {
        let one = Pmpo::new(["charter", role, "examples/acme"]).run().stdout();
        assert_eq!(t.read(&format!("charters/{role}.md")), one, "{role}");
    }
}

#[test]
fn check_passes_in_sync_and_fails_with_a_diff_on_drift() {
    let t = Workspace::empty();
    let out = t.arg("po.md");
    let o = Pmpo::new(["charter", "product-owner", "examples/acme", "--out", &out, "--check"]).run();
    assert_eq!(o.code(), 1, "a missing charter has drifted");
    assert!(o.stdout().contains("(missing)"), "{}", o.stdout());
    assert!(!t.path("po.md").exists(), "--check writes nothing");

    Pmpo::new(["charter", "product-owner", "examples/acme", "--out", &out]).run();
    let o = Pmpo::new(["charter", "product-owner", "examples/acme", "--out", &out, "--check"]).run();
    assert_eq!(o.code(), 0, "{}", o.stdout());
    assert!(o.stdout().contains("1 charter is up to date"));

    let edited = t
        .read("po.md")
        .replace("- **Held by:** dana", "- **Held by:** someone else");
    t.write("po.md", &edited);
    let o = Pmpo::new(["charter", "product-owner", "examples/acme", "--out", &out, "--check"]).run();
    assert_eq!(o.code(), 1);
    let diff = o.stdout();
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
        Pmpo::new(["charter", "--all", "examples/acme", "--out-dir", &dir])
            .run()
            .code(),
        0
    );
    let o = Pmpo::new(["charter", "--all", "examples/acme", "--out-dir", &dir, "--check"]).run();
    assert_eq!(o.code(), 0, "{}", o.stdout());
    let old = t.read("c/product-owner.md");
    t.write("c/scrum-master.md", old.replace("product-owner", "scrum-master"));
    t.write("c/README.md", "Not a generated charter.\n");
    let o = Pmpo::new(["charter", "--all", "examples/acme", "--out-dir", &dir, "--check"]).run();
    assert_eq!(o.code(), 1);
    assert!(
        o.stdout()
            .contains("scrum-master.md is the charter of a role that no longer exists"),
        "{}",
        o.stdout()
    );
    assert!(!o.stdout().contains("README"));
}

#[test]
fn bad_combinations_of_flags_are_exit_2() {
    let o = Pmpo::new(["charter", "product-owner", "examples/acme", "--check"]).run();
    assert_eq!(o.code(), 2);
    let o = Pmpo::new(["charter", "--all", "examples/acme"]).run();
    assert_eq!(o.code(), 2, "--all needs --out-dir");
    let o = Pmpo::new(["charter", "--all", "product-owner", "examples/acme", "--out-dir", "x"]).run();
    assert_eq!(o.code(), 2);
    assert!(!std::path::Path::new(&repo("x")).exists());
}

#[test]
fn the_committed_example_charter_is_in_sync() {
    let o = Pmpo::new([
        "charter",
        "product-owner",
        "examples/acme",
        "--out",
        "docs/examples/product-owner-charter.md",
        "--check",
    ])
    .run();
    assert_eq!(
        o.code(),
        0,
        "docs/examples/product-owner-charter.md drifted; regenerate it with --force:\n{}",
        o.stdout()
    );
}
