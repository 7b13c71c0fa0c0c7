//! `pmpo codeowners [PATH]`: the CODEOWNERS block from the charters, to stdout, into a
//! file (`-o`, replacing only pmpo's block, through the write door), or compared with
//! a file (`--check -o`, exit 1 with a diff when it differs).

use std::io::Write;

use similar::TextDiff;

use super::{Outcome, Output};
use crate::cli::CodeownersArgs;
use crate::date::Date;
use crate::error::ToolError;
use crate::index::Index;

/// The most a CODEOWNERS file may hold: GitHub ignores a larger one.
const MAX_BYTES: u64 = 3 * 1024 * 1024;

/// # Errors
/// The workspace could not be loaded, the file could not be read or was refused, or
/// writing failed.
pub(crate) fn run(args: &CodeownersArgs, output: Output, out: &mut dyn Write) -> Result<Outcome, ToolError> {
    let (root, _) = super::root(args.path.as_deref())?;
    let mut model = crate::load::load(&root, &crate::rules::names())?;
    let today = Date::today()?;
    super::depart(&mut model, today, &[])?;
    let index = Index::build(&model, today);
    let owners = crate::facts::document_owners(&model, &index);
    let block = crate::codeowners::block(&model, &owners);
    if !block.unreachable.is_empty() && !output.quiet {
        let _ = writeln!(
            std::io::stderr(),
            "warning: no GitHub account or email for {}: their documents name no owner for them (add `github:` in people.yaml)",
            crate::escape::terminal(&block.unreachable.join(", "))
        );
    }
    let Some(path) = &args.output_file else {
        out.write_all(block.text.as_bytes()).map_err(ToolError::Output)?;
        return Ok(Outcome::Clean);
    };
    super::refuse_documents(std::iter::once(path.as_path()), &root, &model)?;
    // Planned before anything is read or written: no link on the way, a regular file.
    crate::write::plan_outputs(&root, std::iter::once(path.as_path()), crate::write::Overwrite::Force)?;
    let shown = path.display().to_string();
    // The file is the user's: read through the door, never through a link.
    let existing = match path.symlink_metadata() {
        Err(_) => String::new(),
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(ToolError::Usage {
                message: format!("refusing `{}`: it is a symbolic link", crate::escape::terminal(&shown)),
                help: Some("point -o at the CODEOWNERS file itself".into()),
            });
        }
        Ok(_) => {
            let bytes =
                crate::fsio::read(path, crate::fsio::Final::NoLink, MAX_BYTES, None).map_err(|e| ToolError::Io {
                    path: shown.clone(),
                    reason: e.to_string(),
                })?;
            String::from_utf8(bytes).map_err(|_| ToolError::Io {
                path: shown.clone(),
                reason: "it is not valid UTF-8".into(),
            })?
        }
    };
    let updated = crate::codeowners::splice(&existing, &block.text).map_err(|why| ToolError::Usage {
        message: format!("refusing to change `{}`: {why}", crate::escape::terminal(&shown)),
        help: Some(
            "leave one `# BEGIN pmpo codeowners` line and one `# END pmpo codeowners` line after it, or none".into(),
        ),
    })?;
    if args.check {
        if updated == existing {
            return Ok(Outcome::Clean);
        }
        let diff = TextDiff::from_lines(existing.as_str(), updated.as_str());
        let text = diff
            .unified_diff()
            .context_radius(2)
            .header(&shown, &format!("{shown} (from the charters)"))
            .to_string();
        writeln!(
            out,
            "{} is not in step with the charters; run `pmpo codeowners -o {}`:\n{}",
            crate::escape::terminal(&shown),
            crate::escape::terminal(&shown),
            crate::escape::terminal(&text)
        )
        .map_err(ToolError::Output)?;
        return Ok(Outcome::Findings);
    }
    if updated != existing {
        crate::write::atomic(path, updated.as_bytes(), crate::write::Overwrite::Force)?;
    }
    if !output.quiet {
        let _ = writeln!(
            std::io::stderr(),
            "wrote the pmpo block of {}",
            crate::escape::terminal(&shown)
        );
    }
    Ok(Outcome::Clean)
}
