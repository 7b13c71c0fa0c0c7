//! Generated documentation stays what the code generates: `docs/rules.md` from the
//! rules' own text, `docs/fields.md` from the format's tables, `docs/schema/*.schema.json`
//! from `pmpo schema`. Regenerate with `PMPO_BLESS=1 cargo test --test it docs::`.

use std::path::Path;

use crate::common::{self, Pmpo, Run};

/// Compare `rel` with `generated`, or write it when `PMPO_BLESS=1`.
fn check_or_bless(rel: &str, generated: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    if std::env::var_os("PMPO_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        if std::fs::read_to_string(&path).ok().as_deref() != Some(generated) {
            std::fs::write(&path, generated).unwrap();
        }
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    if on_disk != generated {
        let line = on_disk
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map_or_else(|| on_disk.lines().count().min(generated.lines().count()) + 1, |i| i + 1);
        panic!(
            "{rel} differs from what the code generates (first at line {line}).\n\
             Regenerate it with `PMPO_BLESS=1 cargo test --test it docs::` and commit the result."
        );
    }
}

fn pmpo(args: &[&str]) -> Run {
    Pmpo::new(args).run()
}

#[test]
fn rules_md_is_generated_from_the_rules() {
    check_or_bless("docs/rules.md", &pmpo::api::rules_markdown());
}

#[test]
fn fields_md_is_generated_from_the_format_tables() {
    check_or_bless("docs/fields.md", &pmpo::api::fields_markdown());
}

#[test]
fn shipped_schemas_are_what_pmpo_schema_prints() {
    for kind in pmpo::api::kinds() {
        let out = pmpo(&["schema", kind]);
        assert_eq!(out.code(), 0, "{kind}");
        let printed = out.stdout();
        check_or_bless(&format!("docs/schema/{kind}.schema.json"), &printed);
    }
    let shipped: Vec<_> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".schema.json"))
        .collect();
    assert_eq!(
        shipped.len(),
        pmpo::api::kinds().len(),
        "no stale schema in docs/schema: {shipped:?}"
    );
}

#[test]
fn explain_names_the_articles_it_cites() {
    let out = pmpo(&["explain", "orphaned-strategic"]);
    assert_eq!(out.code(), 0);
    let text = out.stdout();
    // Issue 24: cited by title, as `[2]`, never by the number the article is kept under.
    assert!(text.contains("[2]"), "{text}");
    assert!(!text.contains("(003)") && !text.contains("(000)"), "{text}");
    assert!(
        text.contains(
            "Sources: [1] \u{201c}Product Manager vs. Product Owner\u{201d}; \
             [2] \u{201c}The Difference Between a Product Manager and a Product Owner\u{201d}."
        ),
        "{text}"
    );
    let uncited = pmpo(&["explain", "order-conflict"]).stdout();
    assert!(!uncited.contains("Sources:"), "no Sources line without a citation");

    let typo = pmpo(&["explain", "orphaned-stratgic"]);
    assert_eq!(typo.code(), 2);
    assert!(String::from_utf8_lossy(typo.stderr_bytes()).contains("did you mean `orphaned-strategic`?"));
}

/// The titles in the code are the articles' own, read from the seeds in the shared/
/// directory (`PMPO_SHARED_DIR`, see [`common::shared`]).
#[test]
fn seed_titles_match_the_articles() {
    let Some(dir) = common::shared("seeds", "the seed titles pmpo explain cites") else {
        return;
    };
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), pmpo::api::SEEDS.len(), "one title per seed article");
    for (n, title) in pmpo::api::SEEDS {
        let file = files
            .iter()
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(&format!("{n}_")))
            .unwrap_or_else(|| panic!("no seed {n}_* in {}", dir.display()));
        let text = std::fs::read_to_string(file).unwrap();
        assert!(
            text.lines().take(5).any(|l| l.trim() == *title),
            "seed {n} does not open with the title “{title}”"
        );
    }
}
