//! `--format human`, the default: the tables and the findings with their code frames,
//! drawn 100 columns wide without colour. The elapsed time at the end of the summary
//! line reads `(ELAPSED)`.

use super::{assert_snapshot, report};
use crate::common::redact_elapsed;

#[test]
fn human_po_only() {
    assert_snapshot("human", "po_only", &redact_elapsed(&report("human", "po_only")));
}

#[test]
fn human_hostile() {
    assert_snapshot("human", "hostile", &redact_elapsed(&report("human", "hostile")));
}

#[test]
fn human_products() {
    let text = redact_elapsed(&report("human", "products"));
    // The scoped layout: a scope column, and the people over their load.
    assert!(text.contains("scope"), "{text}");
    assert_snapshot("human", "products", &text);
}
