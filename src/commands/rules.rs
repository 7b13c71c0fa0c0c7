//! `pmpo rules` and `pmpo explain RULE`: the rules as documentation.

use std::io::Write;

use comfy_table::{ContentArrangement, Table, presets};

use super::{Outcome, Output};
use crate::error::ToolError;
use crate::rules::{self, RULES};

/// # Errors
/// Writing failed.
pub(crate) fn list(output: Output, out: &mut dyn Write) -> Result<Outcome, ToolError> {
    let style = output.style();
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(style.width).unwrap_or(100))
        .set_header(["rule", "default", "finds"]);
    if !style.color {
        t.force_no_tty();
    }
    for rule in RULES {
        let m = rule.meta();
        t.add_row([m.name, m.default.as_str(), m.summary]);
    }
    writeln!(out, "{t}").map_err(ToolError::Output)?;
    Ok(Outcome::Clean)
}

/// # Errors
/// An unknown rule (with a did-you-mean), or writing failed.
pub(crate) fn explain(name: &str, out: &mut dyn Write) -> Result<Outcome, ToolError> {
    let Some(rule) = rules::find(name) else {
        return Err(ToolError::Usage {
            message: format!("no rule is called `{name}`"),
            help: crate::suggest::hint(name, rules::names()).or_else(|| Some("`pmpo rules` lists them".into())),
        });
    };
    let m = rule.meta();
    writeln!(
        out,
        "# {}\n\nDefault severity: {}. {}\n\n{}",
        m.name,
        m.default.as_str(),
        rules::docs::sentence(m.summary),
        rules::docs::explanation(m, 2).trim_end()
    )
    .map_err(ToolError::Output)?;
    if let Some(sources) = rules::docs::sources(m) {
        writeln!(out, "\n{sources}").map_err(ToolError::Output)?;
    }
    Ok(Outcome::Clean)
}
