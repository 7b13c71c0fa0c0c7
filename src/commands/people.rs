//! `pmpo people [PATH]`: who holds what, their load against their limit, and what would
//! lose its only accountable holder if they left, most first. Like the matrix it shows
//! the workspace and finds nothing: exit 0 whenever it could load it.

use std::io::Write;

use super::{Outcome, Output};
use crate::cli::{PeopleArgs, PeopleFormat};
use crate::date::Date;
use crate::error::ToolError;
use crate::index::Index;

/// # Errors
/// The workspace could not be loaded, `--without` names no holder, or writing failed.
pub(crate) fn run(args: &PeopleArgs, output: Output, out: &mut dyn Write) -> Result<Outcome, ToolError> {
    let (root, shown) = super::root(args.path.as_deref())?;
    let mut model = crate::load::load(&root, &crate::rules::names())?;
    let today = Date::today()?;
    super::depart(&mut model, today, &args.without)?;
    let index = Index::build(&model, today);
    super::refuse_documents(args.output_file.as_deref(), &root, &model)?;
    crate::write::plan_outputs(&root, args.output_file.as_deref(), crate::write::Overwrite::Force)?;
    let rows = crate::facts::people(&model, &index);
    let page = crate::people::Page {
        root: &shown,
        rows: &rows,
        without: &model.without,
        max_load: index.max_load(),
    };
    let text = match args.format {
        PeopleFormat::Table => crate::people::table(&page, output.style()),
        PeopleFormat::Markdown => crate::people::markdown(&page),
        PeopleFormat::Csv => crate::people::csv(&page),
        PeopleFormat::Json => crate::people::json(&page),
    };
    match &args.output_file {
        Some(path) => crate::write::report(path, text.as_bytes())?,
        None => out.write_all(text.as_bytes()).map_err(ToolError::Output)?,
    }
    Ok(Outcome::Clean)
}
