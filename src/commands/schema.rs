//! `pmpo schema KIND`: the JSON Schema of a document kind or of `pmpo.yaml`, for editors.

use std::io::Write;

use super::Outcome;
use crate::error::ToolError;
use crate::schema;

/// # Errors
/// An unknown kind (with a did-you-mean), or writing failed.
pub fn run(kind: &str, out: &mut dyn Write) -> Result<Outcome, ToolError> {
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
