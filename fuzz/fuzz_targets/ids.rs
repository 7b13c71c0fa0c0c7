//! The id parser: a scalar's type under YAML 1.2's core schema, and an id read back as
//! the text it was written as, on every reading path (flat frontmatter, a block list for
//! the event reader, an anchor for the reference parser). Any text must resolve without
//! a panic; a number keeps its text; an id-shaped text comes back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pmpo::api::{Scalar, Value, core, parse_yaml as parse};

fn id_shaped(t: &str) -> bool {
    let mut chars = t.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        && !matches!(
            t.to_ascii_lowercase().as_str(),
            "true" | "false" | "null"
        )
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Scalar::Int(_, written) | Scalar::Float(_, written) = core::resolve(text) {
        assert_eq!(written.as_str(), text.trim_matches([' ', '\t', '\r', '\n']));
    }
    if !id_shaped(text) {
        return;
    }
    for doc in [
        format!("id: {text}\n"),
        format!("goals:\n  - {text}\nid: x\n"),
        format!("a: &x {text}\nb: *x\ngoals: [{text}]\n"),
    ] {
        let node = parse(&doc).unwrap_or_else(|e| panic!("{doc:?}: {}", e.message));
        let value = match node.get("goals").map(|g| &g.value) {
            Some(Value::Seq(items)) => items[0].as_text(),
            _ => node.get("id").and_then(pmpo::api::Node::as_text),
        };
        assert_eq!(value.as_deref(), Some(text), "{doc:?}");
    }
});
