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
pub(crate) fn run(args: &MatrixArgs, output: Output, out: &mut dyn Write) -> Result<Outcome, ToolError> {
    let (root, _) = super::root(args.path.as_deref())?;
    let mut model = crate::load::load(&root, &crate::rules::names())?;
    let today = Date::today()?;
    super::depart(&mut model, today, &[])?;
    let index = Index::build(&model, today);
    super::refuse_documents(args.output_file.as_deref(), &root, &model)?;
    crate::write::plan_outputs(&root, args.output_file.as_deref(), crate::write::Overwrite::Force)?;
    let config = &model.config;
    let only = match &args.scope {
        Some(id) => match config.scope_index(id) {
            Some(i) => Some(u32::try_from(i).ok()),
            None => {
                return Err(ToolError::Usage {
                    message: format!("--scope `{id}` names no product or team of pmpo.yaml"),
                    help: config.scope_hint(id),
                });
            }
        },
        None => None,
    };
    let render = |m: &Matrix<'_>| match args.format {
        MatrixFormat::Table => matrix::table::render(m, output.style()),
        MatrixFormat::Markdown => matrix::markdown::render(m),
        MatrixFormat::Csv => matrix::csv::render(m),
        MatrixFormat::Json => matrix::json::render(m),
        MatrixFormat::Mermaid => matrix::mermaid::render(m),
        MatrixFormat::Svg => matrix::svg::render(m),
    };
    let sectioned = matches!(args.format, MatrixFormat::Table | MatrixFormat::Markdown);
    let text = if only.is_none() && sectioned && !config.scopes.is_empty() {
        // A section per product and team, in pmpo.yaml order, each with its own roles.
        let mut scopes: Vec<crate::model::Scope> = Vec::new();
        for c in &index.coverage {
            if !scopes.contains(&c.scope) {
                scopes.push(c.scope);
            }
        }
        scopes.sort_by_key(|s| s.map_or(0, |i| i + 1));
        let mut text = String::new();
        for scope in scopes {
            let id = model.scope_id(scope).unwrap_or("workspace");
            let heading = if args.format == MatrixFormat::Markdown {
                format!("## {}\n\n", crate::escape::one_line(id))
            } else {
                format!("{}\n", crate::escape::one_line(id))
            };
            text.push_str(&heading);
            text.push_str(&render(&Matrix::build_for(&model, &index, Some(scope))));
            text.push('\n');
        }
        text
    } else {
        render(&Matrix::build_for(&model, &index, only))
    };
    // Mermaid refuses a diagram past its text limit; 20,000 responsibilities would be
    // an error box, so the diagram is cut, saying so in it and here.
    let text = match args.format {
        MatrixFormat::Mermaid => match matrix::mermaid::within_limit(&text) {
            Some((cut, notice)) => {
                let _ = writeln!(std::io::stderr(), "warning: {notice}");
                cut
            }
            None => text,
        },
        _ => text,
    };
    match &args.output_file {
        // Output, replaced on every run like a build artefact: no `--force` needed.
        Some(path) => crate::write::report(path, text.as_bytes())?,
        None => out.write_all(text.as_bytes()).map_err(ToolError::Output)?,
    }
    Ok(Outcome::Clean)
}
