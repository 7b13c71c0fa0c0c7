//! The rules as documentation: `docs/rules.md` and the sources `pmpo explain` cites.
//!
//! Rule text lives with each rule (its `RuleMeta`, one field a section), so there is one
//! place to edit; this module lays the sections out under their headings, for `pmpo
//! explain`, SARIF's help and the Markdown page shipped under `docs/`, which a test keeps
//! identical to what the code generates. The explain texts cite the seed articles pmpo
//! is written from by number, `(003)`; [`crate::seeds`] turns those numbers into titles.

use std::fmt::Write as _;

use super::registry::RULES;
use super::rule::RuleMeta;
use crate::seeds::{self, SCRUM_GUIDE};

/// The seed articles as (number, title), a view of [`crate::seeds::SEEDS`] (where the
/// titles are written) for callers that want pairs.
pub const SEEDS: &[(&str, &str)] = &{
    let mut pairs = [("", ""); seeds::SEEDS.len()];
    let mut i = 0;
    while i < pairs.len() {
        pairs[i] = (seeds::SEEDS[i].number, seeds::SEEDS[i].title);
        i += 1;
    }
    pairs
};

/// Seed numbers cited in `text` as `(003)` or `(001, 002)`, in order, each once.
#[must_use]
pub(crate) fn cited(text: &str) -> Vec<&str> {
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

/// The seeds a rule's text cites, in number order: the `[1]`, `[2]` a reader sees.
fn cited_by(meta: &RuleMeta) -> Vec<&'static str> {
    let mut numbers: Vec<&'static str> = meta.sections().into_iter().flat_map(|(_, text)| cited(text)).collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// `text` as a reader sees it: a seed cited by its number, `(001, 003)`, becomes a
/// reference to the rule's Sources line, `[1, 2]`, and `(SG)` names the Scrum Guide.
/// The seeds' own numbers are how pmpo's sources are kept, not how a reader knows them.
#[must_use]
pub(crate) fn readable(text: &str, order: &[&str]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('(') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(len) = after.find(')') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let inside = &after[..len];
        let numbers: Vec<&str> = inside.split(',').map(str::trim).collect();
        let refs: Option<Vec<String>> = numbers
            .iter()
            .map(|n| order.iter().position(|o| o == n).map(|i| (i + 1).to_string()))
            .collect();
        match refs {
            Some(refs) if !cited(&format!("({inside})")).is_empty() => {
                // `word (001)` reads `word [1]`.
                let _ = write!(out, "[{}]", refs.join(", "));
            }
            _ if inside == SCRUM_GUIDE.cite => out.push_str("(the Scrum Guide)"),
            _ => {
                out.push('(');
                out.push_str(inside);
                out.push(')');
            }
        }
        rest = &after[len + 1..];
    }
    out.push_str(rest);
    out
}

/// `Sources: [1] “Title”; [2] “Title”` for the seeds a rule's text cites, if any, and
/// the Scrum Guide when it cites `(SG)`.
#[must_use]
pub(crate) fn sources(meta: &RuleMeta) -> Option<String> {
    let mut parts: Vec<String> = cited_by(meta)
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            let title = seeds::by_number(n).map_or("unknown article", |s| s.title);
            format!("[{}] \u{201c}{title}\u{201d}", i + 1)
        })
        .collect();
    if meta
        .sections()
        .iter()
        .any(|(_, text)| text.contains(&format!("({})", SCRUM_GUIDE.cite)))
    {
        parts.push(scrum_guide());
    }
    (!parts.is_empty()).then(|| format!("Sources: {}.", parts.join("; ")))
}

/// The Scrum Guide as the rule pages cite it: title, authors, edition.
fn scrum_guide() -> String {
    format!(
        "{}, {}, {}",
        SCRUM_GUIDE.title, SCRUM_GUIDE.authors, SCRUM_GUIDE.edition
    )
}

/// One line of the summary, capitalised and ended with a full stop.
#[must_use]
pub(crate) fn sentence(summary: &str) -> String {
    let mut c = summary.chars();
    match c.next() {
        Some(f) => format!("{}{}.", f.to_uppercase(), c.as_str()),
        None => String::new(),
    }
}

/// The explanation as Markdown: each section under a heading of `level` (`2` for
/// `## What it finds`), the sections one blank line apart, ending in a line break.
#[must_use]
pub(crate) fn explanation(meta: &RuleMeta, level: usize) -> String {
    let hashes = "#".repeat(level);
    let order = cited_by(meta);
    let sections: Vec<String> = meta
        .sections()
        .iter()
        .map(|(heading, text)| format!("{hashes} {heading}\n{}\n", readable(text, &order)))
        .collect();
    sections.join("\n")
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
            explanation(m, 3)
        );
        if let Some(line) = sources(m) {
            let _ = writeln!(s, "\n{line}");
        }
    }
    s.push_str(
        "\n## Sources\n\nThe rules cite the articles on product managers and product owners pmpo is written from:\n\n",
    );
    for (_, title) in SEEDS {
        let _ = writeln!(s, "- \u{201c}{title}\u{201d}");
    }
    let _ = writeln!(
        s,
        "\nand, for `builtin:scrum` and the rules about Scrum teams:\n\n- {}",
        scrum_guide()
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
            for n in m.sections().into_iter().flat_map(|(_, text)| cited(text)) {
                cited_any = true;
                assert!(seeds::by_number(n).is_some(), "{} cites unknown seed {n}", m.name);
            }
        }
        assert!(cited_any, "the explain texts cite the seeds");
    }

    #[test]
    fn the_scrum_guide_is_cited_by_key() {
        let committee = crate::rules::find("accountable-committee").unwrap().meta();
        let line = sources(committee).unwrap();
        assert!(
            line.starts_with("Sources: [1] \u{201c}")
                && line.ends_with("; The Scrum Guide, Ken Schwaber and Jeff Sutherland, November 2020."),
            "{line}"
        );
        let unowned = crate::rules::find("unowned").unwrap().meta();
        assert!(!sources(unowned).unwrap_or_default().contains("Scrum Guide"));
    }

    #[test]
    fn a_reader_sees_references_and_titles_not_the_seeds_numbers() {
        assert_eq!(
            readable(
                "toward them (001, 003), as (SG) says (a list) and (003)",
                &["001", "003"]
            ),
            "toward them [1, 2], as (the Scrum Guide) says (a list) and [2]"
        );
        for rule in RULES {
            let m = rule.meta();
            let shown = explanation(m, 2);
            assert!(cited(&shown).is_empty(), "{}: {shown}", m.name);
            assert!(!shown.contains("(SG)"), "{}", m.name);
        }
    }

    #[test]
    fn sections_are_laid_out_under_headings_of_the_level_asked() {
        let meta = RuleMeta {
            name: "some-rule",
            default: crate::finding::Severity::Warning,
            summary: "a summary",
            finds: "A thing\nthat wraps.",
            why: "Because (003).",
            example: "```markdown\n## Acceptance criteria\n```",
            fix: "Fix it.",
        };
        assert_eq!(
            explanation(&meta, 2),
            "## What it finds\nA thing\nthat wraps.\n\n## Why it matters\nBecause [1].\n\n\
             ## Example\n```markdown\n## Acceptance criteria\n```\n\n## How to fix\nFix it.\n"
        );
        let nested = explanation(&meta, 3);
        assert!(nested.starts_with("### What it finds\n") && nested.contains("\n### How to fix\nFix it.\n"));
        assert!(
            nested.contains("\n## Acceptance criteria\n"),
            "an example's own heading is its text"
        );
        assert_eq!(
            sources(&meta).as_deref(),
            Some("Sources: [1] \u{201c}The Difference Between a Product Manager and a Product Owner\u{201d}.")
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
