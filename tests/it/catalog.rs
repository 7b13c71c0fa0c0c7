//! `pmpo catalog` prints YAML that reads back as the same catalog.

use crate::common;

use common::{Pmpo, Workspace};

#[test]
fn the_printed_catalog_reads_back_as_the_same_catalog() {
    let o = Pmpo::new(["catalog", "examples/acme"]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let printed = o.stdout();
    let t = Workspace::empty();
    t.write("responsibilities.yaml", &printed);
    t.write("roles/a.md", "---\nholders: [x]\nresponsibilities: {}\n---\n");
    let o = Pmpo::new(["catalog", &t.arg("")]).run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    let again = o.stdout();
    // Only the first line, naming the catalog in force, differs.
    let body = |s: &str| s.split_once('\n').map(|(_, b)| b.to_string()).unwrap();
    assert!(
        printed.starts_with("# The catalog in force: builtin:pm-po\n"),
        "{printed}"
    );
    assert_eq!(body(&printed), body(&again));
    assert!(
        again.starts_with("# The catalog in force: responsibilities.yaml"),
        "{again}"
    );
    // The copy is read without a single problem, and with the same ids.
    let check = Pmpo::new(["check", &t.arg(""), "--format", "json"]).run().stdout();
    assert!(
        !check.contains("parse-error") && !check.contains("invalid-field"),
        "{check}"
    );
    let ids = |s: &str| -> Vec<String> {
        s.lines()
            .filter_map(|l| l.strip_prefix("  - id: "))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(ids(&printed).len(), 27);
    assert_eq!(ids(&printed), ids(&again));
}

#[test]
fn hostile_text_survives_the_round_trip() {
    let printed = Pmpo::new(["catalog", "tests/fixtures/onboarding-hostile"])
        .run()
        .stdout();
    assert!(
        printed.contains(r#"title: "Pipes | and <script>alert(\"x\")</script>\n# not a heading"#),
        "{printed}"
    );
    let t = Workspace::empty();
    t.write("responsibilities.yaml", &printed);
    let again = Pmpo::new(["catalog", &t.arg("")]).run().stdout();
    let body = |s: &str| s.split_once('\n').map(|(_, b)| b.to_string()).unwrap();
    assert_eq!(body(&printed), body(&again));
}

/// Issue 24: the catalog cites its articles by title, never by the file they are kept in.
#[test]
fn sources_are_article_titles() {
    let out = Pmpo::new(["catalog"]).run();
    assert_eq!(out.code(), 0, "{}", out.stderr());
    let text = out.stdout();
    assert!(
        text.contains("source: [\"Product Manager vs. Product Owner\""),
        "{text}"
    );
    assert!(!text.contains(".txt"), "{text}");
}
