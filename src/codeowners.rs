//! `pmpo codeowners`: GitHub CODEOWNERS lines from the charters, laid out from
//! [`crate::facts::document_owners`]. Each document is owned by the holders of the role
//! accountable for it, written as `@account` (people.yaml's `github`) or an email; one
//! line per folder whose documents share owners (not its subfolders), else one per file;
//! paths anchored at the git root. The block sits between two marker lines so that `-o`
//! replaces only its own part of a CODEOWNERS file.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::escape;
use crate::model::{FileId, Model, Role};

pub(crate) const BEGIN: &str = "# BEGIN pmpo codeowners";
pub(crate) const END: &str = "# END pmpo codeowners";

/// A line to write: the path as shown, its pattern (`None` when CODEOWNERS cannot write
/// it), the owners, and the holders who have neither account nor email.
type Line = (String, Option<String>, Vec<String>, Vec<String>);

/// The block, and the holders left out because they have neither account nor email.
#[derive(Debug, Default)]
pub(crate) struct Block {
    pub text: String,
    pub unreachable: Vec<String>,
}

/// How CODEOWNERS names a holder: `@account` from the people document, else an email
/// (the holder itself or one of their aliases); `None` for neither.
fn owner_of(model: &Model, holder: &str) -> Option<String> {
    let email = |s: &str| {
        let s = s.trim();
        let valid = s
            .split_once('@')
            .is_some_and(|(user, domain)| !user.is_empty() && domain.contains('.') && !domain.starts_with('.'))
            && s.chars().all(|c| c.is_ascii_graphic());
        valid.then(|| s.to_string())
    };
    if let Some(person) = model.person(holder) {
        if let Some(account) = person.github.as_deref().filter(|a| valid_account(a)) {
            return Some(format!("@{account}"));
        }
        return email(holder).or_else(|| person.aliases.iter().find_map(|a| email(a.as_str())));
    }
    email(holder)
}

/// A GitHub account or `org/team`: letters, digits, `-`, `_`, `.` and one `/`.
fn valid_account(a: &str) -> bool {
    !a.is_empty()
        && a.split('/').count() <= 2
        && a.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
}

/// A path as CODEOWNERS writes it, or `None` when its syntax cannot say it (GitHub has
/// no escape for `[`, `]`, `!` or control characters in a pattern).
fn pattern(path: &str) -> Option<String> {
    if path
        .chars()
        .any(|c| c.is_control() || matches!(c, '[' | ']' | '!' | '*' | '?' | '\\'))
    {
        return None;
    }
    Some(path.replace(' ', "\\ ").replace('#', "\\#"))
}

/// A file's path from the repository root, its owners as CODEOWNERS writes them
/// (sorted, each once), and the holders who cannot be named.
type FileOwners = (String, Vec<String>, Vec<String>);

/// The CODEOWNERS block for `owners`: each document's owners, one line for a folder
/// whose documents share them.
#[must_use]
pub(crate) fn block(model: &Model, owners: &[(FileId, Vec<&Role>)]) -> Block {
    let files: Vec<FileOwners> = owners
        .iter()
        .map(|(file, roles)| file_owners(model, *file, roles))
        .collect();
    render(lines(model, &files))
}

fn file_owners(model: &Model, file: FileId, roles: &[&Role]) -> FileOwners {
    let mut names: Vec<String> = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    for role in roles {
        for holder in &role.holders {
            match owner_of(model, holder.as_str()) {
                Some(o) => names.push(o),
                None => missing.push(escape::one_line(holder.as_str().trim())),
            }
        }
    }
    names.sort();
    names.dedup();
    missing.sort();
    missing.dedup();
    let path = format!("{}{}", model.repo_prefix, model.path(file));
    (path, names, missing)
}

/// The lines to write: folders whose documents share owners get one line; root files
/// and the others one line each.
fn lines(model: &Model, files: &[FileOwners]) -> Vec<Line> {
    let mut by_folder: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (path, _, _)) in files.iter().enumerate() {
        let folder = path.rsplit_once('/').map_or("", |(d, _)| d);
        by_folder.entry(folder).or_default().push(i);
    }
    let mut lines: Vec<Line> = Vec::new();
    // The workspace's own folder also holds pmpo.yaml and its README: one line each there.
    let root_folder = model.repo_prefix.trim_end_matches('/');
    for (folder, members) in &by_folder {
        let first = &files[members[0]];
        let shared = !folder.is_empty()
            && *folder != root_folder
            && members.len() > 1
            && members.iter().all(|&i| files[i].1 == first.1 && files[i].2 == first.2);
        if shared {
            let pat = pattern(folder).map(|p| format!("/{p}/*"));
            lines.push((format!("/{folder}/*"), pat, first.1.clone(), first.2.clone()));
        } else {
            for &i in members {
                let (path, names, missing) = &files[i];
                let pat = pattern(path).map(|p| format!("/{p}"));
                lines.push((format!("/{path}"), pat, names.clone(), missing.clone()));
            }
        }
    }
    lines
}

/// The block's text between its markers, a comment for each line that cannot name
/// every owner, and the holders left out.
fn render(lines: Vec<Line>) -> Block {
    let mut unreachable: Vec<String> = Vec::new();
    let mut text = String::new();
    text.push_str(BEGIN);
    text.push('\n');
    text.push_str("# Generated by `pmpo codeowners` from the role charters: change the charters (and\n");
    text.push_str("# people.yaml for accounts), then run it again. Lines outside this block are yours.\n");
    for (path, pat, names, missing) in lines {
        let shown = escape::one_line(&path);
        let Some(pat) = pat else {
            let _ = writeln!(text, "# {shown}: a path CODEOWNERS cannot write; not listed");
            continue;
        };
        if !missing.is_empty() {
            let _ = writeln!(
                text,
                "# {shown}: no GitHub account or email for {} (add `github:` in people.yaml)",
                missing.join(", ")
            );
            unreachable.extend(missing.iter().cloned());
        } else if names.is_empty() {
            let _ = writeln!(text, "# {shown}: no holder to name");
        }
        if !names.is_empty() {
            let _ = writeln!(text, "{pat} {}", names.join(" "));
        }
    }
    text.push_str(END);
    text.push('\n');
    unreachable.sort();
    unreachable.dedup();
    Block { text, unreachable }
}

/// `existing` with its pmpo block replaced by `block`, or with `block` appended at the
/// end (where it takes precedence) when it has none. Every other line is kept byte for
/// byte.
///
/// # Errors
/// A marker without its partner (a `BEGIN` line and no `END` after it, or an `END`
/// alone, or two blocks): which lines are pmpo's cannot be told, so nothing is replaced.
pub(crate) fn splice(existing: &str, block: &str) -> Result<String, String> {
    let at_line = |marker: &str| -> Vec<usize> {
        existing
            .match_indices(marker)
            .map(|(i, _)| i)
            .filter(|&i| i == 0 || existing[..i].ends_with('\n'))
            .collect()
    };
    let (begins, ends) = (at_line(BEGIN), at_line(END));
    match (begins.as_slice(), ends.as_slice()) {
        ([], []) => {}
        ([b], [e]) if b < e => {}
        _ => {
            return Err(format!(
                "it has {} `{BEGIN}` and {} `{END}` lines; pmpo replaces only one block between one of each",
                begins.len(),
                ends.len()
            ));
        }
    }
    if let Some(&start) = begins.first()
        && let Some(end_rel) = existing[start..].find(END)
    {
        let end = start + end_rel + END.len();
        let end = if existing[end..].starts_with("\r\n") {
            end + 2
        } else if existing[end..].starts_with('\n') {
            end + 1
        } else {
            end
        };
        return Ok(format!("{}{block}{}", &existing[..start], &existing[end..]));
    }
    let mut out = existing.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(block);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::{BEGIN, END, pattern, splice, valid_account};

    #[test]
    fn splice_replaces_only_its_block_and_appends_when_absent() {
        let block = format!("{BEGIN}\n/roles/a.md @new\n{END}\n");
        let mine = "# mine\n*.rs @rustaceans\n";
        let once = splice(mine, &block).unwrap();
        assert_eq!(once, format!("{mine}\n{block}"));
        assert_eq!(splice(&once, &block).unwrap(), once, "a second run changes nothing");
        let around = format!("top\n{BEGIN}\nold line\n{END}\nbottom\n");
        assert_eq!(splice(&around, &block).unwrap(), format!("top\n{block}bottom\n"));
        assert_eq!(splice("", &block).unwrap(), block);
        // A marker without its partner: nothing is replaced, lest a user's lines go.
        assert!(splice(&format!("* @x\n{BEGIN}\nold\n/tail @y"), &block).is_err());
        assert!(splice(&format!("{END}\n{BEGIN}\n"), &block).is_err());
        assert!(splice(&format!("{block}{block}"), &block).is_err());
    }

    #[test]
    fn paths_and_accounts() {
        assert_eq!(pattern("docs/my roadmap.md").as_deref(), Some("docs/my\\ roadmap.md"));
        assert_eq!(pattern("a/#1.md").as_deref(), Some("a/\\#1.md"));
        assert_eq!(pattern("a/[x].md"), None);
        assert_eq!(pattern("a/b\nc.md"), None);
        assert!(valid_account("dana-reyes") && valid_account("acme/product"));
        assert!(!valid_account("dana reyes") && !valid_account("a/b/c") && !valid_account(""));
    }
}
