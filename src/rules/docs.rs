//! The rules as documentation: `docs/rules.md` and the sources `pmpo explain` cites.
//!
//! Rule text lives with each rule (its `RuleMeta`), so there is one place to edit; this
//! module renders it into the Markdown page shipped under `docs/`, which a test keeps
//! identical to what the code generates. The explain texts cite the seed articles pmpo
//! is written from by number, `(003)`; [`SEEDS`] turns those numbers into titles.

use std::fmt::Write as _;

use super::{RULES, RuleMeta};

/// The seed articles by the number the explain texts cite them with, and their titles.
pub const SEEDS: &[(&str, &str)] = &[
    ("000", "Product Manager vs. Product Owner"),
    ("001", "Product Owner vs. Product Manager Exploration"),
    ("002", "Product Owner vs. Product Manager (Explained)"),
    ("003", "The Difference Between a Product Manager and a Product Owner"),
];

/// The Scrum Guide, which `builtin:scrum` is written from, cited as `(SG)`.
pub const SCRUM_GUIDE: (&str, &str) = ("SG", "The Scrum Guide, Ken Schwaber and Jeff Sutherland, November 2020");

/// Seed numbers cited in `text` as `(003)` or `(001, 002)`, in order, each once.
#[must_use]
pub fn cited(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = Vec::new();
    for (start, _) in text.match_indices('(') {
        let Some(len) = text[start + 1..].find(')') else {
            continue;
        };
        let inside = &text[start + 1..start + 1 + len];
        let numbers: Vec<&str> = inside.split(',').map(str::trim).collect();
        if numbers
            .iter()
            .all(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()))
        {
            for n in numbers {
                if !found.contains(&n) {
                    found.push(n);
                }
            }
        }
    }
    found.sort_unstable();
    found
}

/// `Sources: (000) Title; (003) Title` for the seeds a rule's text cites, if any, and
/// the Scrum Guide when it cites `(SG)`.
#[must_use]
pub fn sources(meta: &RuleMeta) -> Option<String> {
    let mut parts: Vec<String> = cited(meta.explain)
        .into_iter()
        .map(|n| {
            let title = SEEDS.iter().find(|(s, _)| *s == n).map_or("unknown seed", |(_, t)| t);
            format!("({n}) \u{201c}{title}\u{201d}")
        })
        .collect();
    let (key, title) = SCRUM_GUIDE;
    if meta.explain.contains(&format!("({key})")) {
        parts.push(format!("({key}) {title}"));
    }
    (!parts.is_empty()).then(|| format!("Sources: {}.", parts.join("; ")))
}

/// One line of the summary, capitalised and ended with a full stop.
#[must_use]
pub fn sentence(summary: &str) -> String {
    let mut c = summary.chars();
    match c.next() {
        Some(f) => format!("{}{}.", f.to_uppercase(), c.as_str()),
        None => String::new(),
    }
}

/// The explain text one heading level down, so it nests under the rule's own heading;
/// fenced examples (which may hold Markdown headings themselves) are left alone.
fn demoted(explain: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in explain.trim_end().lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        if !fenced && line.starts_with('#') {
            out.push('#');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `docs/rules.md`: the rule table, then every rule's explain text.
#[must_use]
pub fn markdown() -> String {
    let mut s = String::from(
        "# Rules\n\n\
         <!-- Generated from the rules' own text in src/rules/ by `PMPO_BLESS=1 cargo test --test it docs::`.\n     \
         Edit the rule, not this file: a test fails when the two differ. -->\n\n\
         Every rule pmpo runs, as `pmpo rules` lists them and `pmpo explain RULE` explains them.\n\
         A rule's severity can be changed, or the rule switched off, under `rules:` in `pmpo.yaml`.\n\n\
         | rule | default | finds |\n|---|---|---|\n",
    );
    for rule in RULES {
        let m = rule.meta();
        let _ = writeln!(
            s,
            "| [`{0}`](#{0}) | {1} | {2} |",
            m.name,
            m.default.as_str(),
            m.summary.replace('|', "\\|")
        );
    }
    for rule in RULES {
        let m = rule.meta();
        let _ = write!(
            s,
            "\n## `{}`\n\nDefault severity: **{}**. {}\n\n{}",
            m.name,
            m.default.as_str(),
            sentence(m.summary),
            demoted(m.explain)
        );
        if let Some(line) = sources(m) {
            let _ = writeln!(s, "\n{line}");
        }
    }
    s.push_str(
        "\n## Sources\n\nThe rules cite the articles on product managers and product owners pmpo is written from:\n\n",
    );
    for (n, title) in SEEDS {
        let _ = writeln!(s, "- ({n}) \u{201c}{title}\u{201d}");
    }
    let (key, title) = SCRUM_GUIDE;
    let _ = writeln!(
        s,
        "\nand, for `builtin:scrum` and the rules about Scrum teams:\n\n- ({key}) {title}"
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_citations_and_nothing_else() {
        assert_eq!(
            cited("as (003) says, and (001, 002) agree; (003) again"),
            ["001", "002", "003"]
        );
        assert!(cited("a list (a, b), a year (2024), a letter (A)").is_empty());
        assert!(cited("unclosed (003").is_empty());
    }

    #[test]
    fn every_citation_names_a_known_seed() {
        let mut cited_any = false;
        for rule in RULES {
            let m = rule.meta();
            for n in cited(m.explain) {
                cited_any = true;
                assert!(SEEDS.iter().any(|(s, _)| *s == n), "{} cites unknown seed {n}", m.name);
            }
        }
        assert!(cited_any, "the explain texts cite the seeds");
    }

    #[test]
    fn the_scrum_guide_is_cited_by_key() {
        let committee = crate::rules::find("accountable-committee").unwrap().meta();
        let line = sources(committee).unwrap();
        assert!(
            line.contains("(001)")
                && line.ends_with("(SG) The Scrum Guide, Ken Schwaber and Jeff Sutherland, November 2020."),
            "{line}"
        );
        let unowned = crate::rules::find("unowned").unwrap().meta();
        assert!(!sources(unowned).unwrap_or_default().contains("(SG)"));
    }

    #[test]
    fn example_headings_stay_inside_their_fence() {
        let text = "## Example\n```markdown\n## Acceptance criteria\n```\n## How to fix\n";
        assert_eq!(
            demoted(text),
            "### Example\n```markdown\n## Acceptance criteria\n```\n### How to fix\n"
        );
    }

    #[test]
    fn the_page_has_every_rule_once() {
        let page = markdown();
        for rule in RULES {
            let heading = format!("\n## `{}`\n", rule.meta().name);
            assert_eq!(page.matches(&heading).count(), 1, "{heading}");
        }
    }
}
