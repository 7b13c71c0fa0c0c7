//! Docs that cannot drift (issue 24): every command-and-output sample in README.md and
//! docs/*.md is a `console` code block (`$ pmpo …`, `? 1` for the exit code when it is not 0,
//! then the output), and trycmd runs each one from the repository's root and compares
//! what pmpo prints today, stdout and stderr together. `[..]` in a sample matches any text
//! within a line (the elapsed time), `...` on a line of its own any lines (a trimmed
//! sample). A sample ends with an empty line, pmpo's last line break. `TRYCMD=overwrite
//! cargo test --test it samples` rewrites the samples from today's output.

use crate::common::{Pmpo, manifest_dir};

/// The Markdown files whose samples run: the README and every page under docs/.
fn pages() -> Vec<std::path::PathBuf> {
    let root = manifest_dir();
    let mut pages = vec![root.join("README.md")];
    let mut docs: Vec<_> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

#[test]
fn every_console_sample_in_the_docs_is_todays_output() {
    let cases = trycmd::TestCases::new();
    cases
        .register_bin("pmpo", std::path::PathBuf::from(Pmpo::BIN))
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("PMPO_TODAY", "2026-06-01");
    for page in pages() {
        cases.case(page);
    }
}

/// A sample that shows pmpo's output outside a `console` code block would not run: the human
/// summary line (`pmpo: N errors, …`) and the coverage line appear only inside one.
#[test]
fn output_is_shown_only_in_samples_that_run() {
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        let mut fence: Option<String> = None;
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            if let Some(rest) = trimmed.strip_prefix("```") {
                fence = match fence {
                    None => Some(rest.trim().to_string()),
                    Some(_) => None,
                };
                continue;
            }
            let Some(lang) = &fence else { continue };
            let output =
                trimmed.starts_with("pmpo: ") && trimmed.contains(" document") || trimmed.starts_with("Coverage: ");
            assert!(
                !output || lang.starts_with("console"),
                "{}:{}: pmpo's output in a ```{lang} block, which no test runs; make it ```console",
                page.display(),
                n + 1
            );
        }
    }
}
