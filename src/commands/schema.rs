//! `pmpo schema KIND`: the JSON Schema of a document kind or of `pmpo.yaml`, for editors;
//! `pmpo schema` alone lists the kinds.

use std::io::Write;

use super::Outcome;
use crate::error::ToolError;
use crate::schema;

/// # Errors
/// An unknown kind (with a did-you-mean), or writing failed.
pub(crate) fn run(kind: Option<&str>, out: &mut dyn Write) -> Result<Outcome, ToolError> {
    let Some(kind) = kind else {
        // No kind: the kinds, one a line, for the user to pick (and for scripts).
        for k in schema::kinds() {
            writeln!(out, "{k}").map_err(ToolError::Output)?;
        }
        return Ok(Outcome::Clean);
    };
    let Some(text) = schema::render(kind) else {
        let mut names = schema::kinds();
        names.push("pmpo.yaml");
        return Err(ToolError::Usage {
            message: format!("no document kind is called `{kind}`"),
            help: crate::suggest::hint(kind, names.iter().copied())
                .or_else(|| Some(format!("kinds are {}", schema::kinds().join(", ")))),
        });
    };
    out.write_all(text.as_bytes()).map_err(ToolError::Output)?;
    Ok(Outcome::Clean)
}
