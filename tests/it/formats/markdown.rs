//! `--format markdown`: the report as a pull-request comment. Checked for table syntax,
//! escaping and the JSON report.

use super::{HOSTILE, PO_ONLY, assert_snapshot, check, findings, json, report};
use crate::common::Pmpo;

/// Pipes that end a cell: not escaped with a backslash.
fn cell_pipes(line: &str) -> usize {
    let bytes = line.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
        .count()
}

fn markdown_matches_report(root: &str) -> String {
    let report = json(root);
    let md = check(root, "markdown").stdout();
    let mut header_pipes = None;
    let mut finding_rows = 0;
    let mut in_findings = false;
    for line in md.lines() {
        if line.starts_with("### ") {
            in_findings = line == "### Findings";
            header_pipes = None;
        }
        if !line.starts_with('|') {
            continue;
        }
        match header_pipes {
            None => header_pipes = Some(cell_pipes(line)),
            Some(n) => {
                assert_eq!(cell_pipes(line), n, "a cell broke its table: {line}");
                if in_findings && !line.starts_with("| ---") {
                    finding_rows += 1;
                }
            }
        }
    }
    assert_eq!(finding_rows, findings(&report).len(), "{root}");
    let c = &report["summary"];
    assert!(md.starts_with(&format!("## pmpo check: {} error", c["errors"].as_u64().unwrap())));
    md
}

#[test]
fn markdown_lists_every_finding_and_the_tables() {
    let md = markdown_matches_report(PO_ONLY);
    for heading in [
        "### Orphaned strategic responsibilities",
        "### Unowned responsibilities",
        "### Overlaps",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    let coverage = json(PO_ONLY)["coverage"].as_array().unwrap().clone();
    for c in coverage.iter().filter(|c| c["status"] == "orphaned") {
        assert!(md.contains(&format!("| `{}` |", c["id"].as_str().unwrap())));
    }
    let quiet = Pmpo::new(["check", PO_ONLY, "--format", "markdown", "--quiet"])
        .run()
        .stdout();
    assert!(quiet.contains("### Findings") && !quiet.contains("### Overlaps"));
}

#[test]
fn markdown_escapes_whatever_the_text() {
    let md = markdown_matches_report(HOSTILE);
    assert!(!md.contains("<script>"), "markup is escaped");
    assert!(md.contains("Price &lt;script&gt;alert('x')&lt;/script&gt; &amp; \"quotes\" \\| pipes"));
    assert!(md.contains("ünïcode<br>line two"), "a line break stays in its cell");
    assert!(
        !md.chars().any(|c| c.is_control() && c != '\n'),
        "no raw control characters"
    );
    for table in ["### Waived responsibilities", "### Traceability"] {
        assert!(md.contains(table), "{table}");
    }
}

#[test]
fn markdown_po_only() {
    assert_snapshot("markdown", "po_only", &report("markdown", "po_only"));
}

#[test]
fn markdown_hostile() {
    assert_snapshot("markdown", "hostile", &report("markdown", "hostile"));
}

#[test]
fn markdown_products() {
    let md = report("markdown", "products");
    // The scoped layout: a row's product in its cell, and the people over their load.
    assert!(md.contains("### People over their load"), "{md}");
    assert!(md.contains("` in `"), "{md}");
    assert_snapshot("markdown", "products", &md);
}
