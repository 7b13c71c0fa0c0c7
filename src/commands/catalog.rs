//! `pmpo catalog [PATH]`: the catalog in force, as YAML ready to copy and extend;
//! `--builtin NAME` prints a built-in without a workspace, `--list` lists them.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use super::{Outcome, Output};
use crate::error::ToolError;
use crate::model::Catalog;

/// # Errors
/// The workspace could not be loaded, or writing failed.
pub(crate) fn run(path: Option<&Path>, _output: Output, out: &mut dyn Write) -> Result<Outcome, ToolError> {
    let (root, _) = super::root(path)?;
    let model = crate::load::load(&root, &crate::rules::names())?;
    let heading = format!("The catalog in force: {}", model.catalog.name);
    out.write_all(render(&heading, &model.catalog).as_bytes())
        .map_err(ToolError::Output)?;
    Ok(Outcome::Clean)
}

/// `pmpo catalog --list`: each built-in with its one-line summary.
///
/// # Errors
/// Writing failed.
pub(crate) fn list(out: &mut dyn Write) -> Result<Outcome, ToolError> {
    let width = crate::catalog::BUILTINS.iter().map(|b| b.name.len()).max().unwrap_or(0);
    let mut s = String::new();
    for b in crate::catalog::BUILTINS {
        let _ = writeln!(s, "{:width$}  {}", b.name, b.summary);
    }
    out.write_all(s.as_bytes()).map_err(ToolError::Output)?;
    Ok(Outcome::Clean)
}

/// `pmpo catalog --builtin NAME`: one built-in, named with or without `builtin:`.
///
/// # Errors
/// No built-in has that name (with a did-you-mean), or writing failed.
pub(crate) fn builtin(name: &str, out: &mut dyn Write) -> Result<Outcome, ToolError> {
    let full = if crate::catalog::is_builtin_name(name) {
        name.to_string()
    } else {
        format!("builtin:{name}")
    };
    let Some(b) = crate::catalog::find(&full) else {
        let short: Vec<&str> = crate::catalog::BUILTINS
            .iter()
            .map(|b| b.name.trim_start_matches("builtin:"))
            .collect();
        let help = crate::suggest::hint(name.trim_start_matches("builtin:"), short.iter().copied())
            .unwrap_or_else(|| format!("the built-ins are {}", short.join(", ")));
        return Err(ToolError::Usage {
            message: format!("no built-in catalog is called `{name}`"),
            help: Some(help),
        });
    };
    let heading = format!("The built-in catalog {}", b.name);
    out.write_all(render(&heading, &b.catalog()).as_bytes())
        .map_err(ToolError::Output)?;
    Ok(Outcome::Clean)
}

/// YAML scalars are written double-quoted, every character YAML cannot hold or a
/// terminal must not see escaped: valid YAML 1.2 for any text.
fn quoted(s: &str) -> String {
    crate::escape::yaml_quoted(s)
}

/// The catalog as YAML under a first comment line `heading`.
#[must_use]
pub(crate) fn render(heading: &str, catalog: &Catalog) -> String {
    let mut s = format!(
        "# {}\n\
         # To change it, save this as responsibilities.yaml in the workspace and edit it, or\n\
         # keep a built-in one and add to it: `extends: builtin:pm-po` (or `builtin:scrum`),\n\
         # `remove: [id, ...]`, your own responsibilities, and `- {{id: ..., level: team}}`\n\
         # to change only some fields of one of its entries.\n\
         kind: catalog\n",
        crate::escape::one_line(heading)
    );
    let uses = |u: &Option<String>| u.as_deref().map_or_else(|| "null".to_string(), quoted);
    let acceptance = match catalog.uses.acceptance.as_slice() {
        [] => "null".to_string(),
        [one] => quoted(one),
        many => format!("[{}]", many.iter().map(|a| quoted(a)).collect::<Vec<_>>().join(", ")),
    };
    let _ = writeln!(
        s,
        "uses:\n  vision: {}\n  acceptance: {acceptance}\n  roadmap: {}\n  backlog: {}",
        uses(&catalog.uses.vision),
        uses(&catalog.uses.roadmap),
        uses(&catalog.uses.backlog)
    );
    let _ = writeln!(s, "limits:\n  max_load: {}", catalog.max_load);
    let groups: Vec<String> = catalog.group_types.iter().map(|g| quoted(g)).collect();
    let _ = writeln!(s, "group_types: [{}]\nresponsibilities:", groups.join(", "));
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
        let _ = writeln!(s, "    level: {}", r.level.as_str());
        if !r.source.is_empty() {
            // A seed article by its title, not by the name of the file it was kept in.
            let src: Vec<_> = r
                .source
                .iter()
                .map(|x| quoted(crate::seeds::by_source(x).map_or(x.as_str(), |seed| seed.title)))
                .collect();
            let _ = writeln!(s, "    source: [{}]", src.join(", "));
        }
    }
    s
}
