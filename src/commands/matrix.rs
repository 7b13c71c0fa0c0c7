//! `pmpo matrix [PATH]`: the RACI matrix in one of six formats. It shows the
//! workspace as it is and finds nothing, so it exits 0 whenever it could load it.
//! `-o FILE` writes it through a temporary file and a rename instead of to stdout.

use std::io::Write;

use super::{Outcome, Output};
use crate::cli::{MatrixArgs, MatrixFormat};
use crate::date::Date;
use crate::error::ToolError;
use crate::index::Index;
use crate::matrix::{self, Matrix};

/// # Errors
/// The workspace could not be loaded, or writing failed.
pub fn run(args: &MatrixArgs, output: Output, out: &mut dyn Write) -> Result<Outcome, ToolError> {
    let (root, _) = super::root(args.path.as_deref())?;
    let model = crate::load::load(&root, &crate::rules::names())?;
    let index = Index::build(&model, Date::today()?);
    super::refuse_documents(args.output_file.as_deref(), &root, &model)?;
    let m = Matrix::build(&model, &index);
    let text = match args.format {
        MatrixFormat::Table => matrix::table::render(&m, output.style()),
        MatrixFormat::Markdown => matrix::markdown::render(&m),
        MatrixFormat::Csv => matrix::csv::render(&m),
        MatrixFormat::Json => matrix::json::render(&m),
        MatrixFormat::Mermaid => matrix::mermaid::render(&m),
        MatrixFormat::Svg => matrix::svg::render(&m),
    };
    match &args.output_file {
        // Output, replaced on every run like a build artefact: no `--force` needed.
        Some(path) => crate::write::report(path, text.as_bytes())?,
        None => out.write_all(text.as_bytes()).map_err(ToolError::Output)?,
    }
    Ok(Outcome::Clean)
}
