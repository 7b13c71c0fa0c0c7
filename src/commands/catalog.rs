//! `pmpo catalog [PATH]`: the catalog in force, as YAML ready to copy and extend.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use super::{Outcome, Output};
use crate::error::ToolError;
use crate::model::Catalog;

/// # Errors
/// The workspace could not be loaded, or writing failed.
pub fn run(path: Option<&Path>, _output: Output, out: &mut dyn Write) -> Result<Outcome, ToolError> {
    let (root, _) = super::root(path)?;
    let model = crate::load::load(&root, &crate::rules::names())?;
    out.write_all(render(&model.catalog).as_bytes())
        .map_err(ToolError::Output)?;
    Ok(Outcome::Clean)
}

/// YAML scalars are written double-quoted with JSON escaping, valid YAML for any text.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

#[must_use]
pub fn render(catalog: &Catalog) -> String {
    let mut s = format!(
        "# The catalog in force: {}\n\
         # To change it, save this as responsibilities.yaml in the workspace and edit it, or\n\
         # keep the built-in one and add to it: `extends: builtin:pm-po`, `remove: [id, ...]`\n\
         # and only your own responsibilities.\n\
         kind: catalog\nresponsibilities:\n",
        catalog.name
    );
    for r in &catalog.responsibilities {
        let _ = writeln!(s, "  - id: {}\n    title: {}", r.id, quoted(&r.title));
        if let Some(d) = &r.description {
            let _ = writeln!(s, "    description: {}", quoted(d));
        }
        let _ = writeln!(s, "    area: {}\n    strategic: {}", quoted(&r.area), r.strategic);
        let _ = writeln!(
            s,
            "    expected: {}",
            r.expected.as_ref().map_or("any", |e| e.value.as_str())
        );
        if !r.source.is_empty() {
            let src: Vec<_> = r.source.iter().map(|x| quoted(x)).collect();
            let _ = writeln!(s, "    source: [{}]", src.join(", "));
        }
    }
    s
}
