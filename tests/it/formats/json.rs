//! `--format json`: the report every other format is checked against (see the module
//! above); its shape is the schema's (`schema.rs`).

use super::{assert_snapshot, report};

#[test]
fn json_po_only() {
    assert_snapshot("json", "po_only", &report("json", "po_only"));
}

#[test]
fn json_hostile() {
    assert_snapshot("json", "hostile", &report("json", "hostile"));
}
