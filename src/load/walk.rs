//! The walk: which files below the root pmpo reads.
//!
//! Built on `ignore` (ripgrep's walker) so `.gitignore` is honoured as git would, in
//! and out of a git repository. Hidden entries, `target/` and `node_modules/` are
//! skipped, `exclude` globs drop files, and a symbolic link is followed only while it
//! stays inside the root; a link out of it, or a loop, is reported and not followed.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::GlobSet;
use ignore::WalkBuilder;

/// A file to read, and problems met on the way.
#[derive(Debug, Default)]
pub struct Walked {
    /// Absolute path and root-relative path with `/`, sorted by the latter.
    pub files: Vec<(PathBuf, String)>,
    /// A root-relative path and what went wrong there.
    pub problems: Vec<(String, String)>,
}

/// Extensions that can hold a document.
pub fn is_candidate(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel).as_bytes();
    [".md", ".markdown", ".yaml", ".yml"]
        .iter()
        .any(|ext| name.len() >= ext.len() && name[name.len() - ext.len()..].eq_ignore_ascii_case(ext.as_bytes()))
}

/// `path` relative to `root`, with `/`.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    // Called once per file: where `/` is the separator the path is already the answer.
    if std::path::MAIN_SEPARATOR == '/'
        && let Some(text) = rel.to_str()
    {
        return text.to_string();
    }
    let parts: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
    parts.join("/")
}

/// Walk `root` (canonical), keeping candidate documents that `exclude` does not drop.
pub fn walk(root: &Path, exclude: &GlobSet) -> Walked {
    let problems = Arc::new(Mutex::new(Vec::new()));
    let filter_problems = Arc::clone(&problems);
    let filter_root = root.to_path_buf();
    let mut builder = WalkBuilder::new(root);
    builder
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .ignore(false)
        .parents(true)
        .follow_links(true)
        .filter_entry(move |entry| {
            if entry.depth() == 0 {
                return true;
            }
            let name = entry.file_name();
            if entry.file_type().is_some_and(|t| t.is_dir()) && (name == "target" || name == "node_modules") {
                return false;
            }
            if entry.path_is_symlink() {
                let inside = std::fs::canonicalize(entry.path()).is_ok_and(|real| real.starts_with(&filter_root));
                if !inside {
                    let rel = relative(&filter_root, entry.path());
                    if let Ok(mut p) = filter_problems.lock() {
                        p.push((
                            rel,
                            "symbolic link leads outside the workspace root (or nowhere); not followed".to_string(),
                        ));
                    }
                    return false;
                }
            }
            true
        });
    let mut files = Vec::new();
    let mut walk_problems = Vec::new();
    for result in builder.build() {
        match result {
            Ok(entry) => {
                if !entry.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let rel = relative(root, entry.path());
                if !is_candidate(&rel) || exclude.is_match(&rel) {
                    continue;
                }
                files.push((entry.into_path(), rel));
            }
            Err(err) => {
                let (path, message) = describe(root, &err);
                walk_problems.push((path, message));
            }
        }
    }
    files.sort_by(|a, b| a.1.cmp(&b.1));
    files.dedup_by(|a, b| a.1 == b.1);
    let mut all = problems.lock().map(|p| p.clone()).unwrap_or_default();
    all.extend(walk_problems);
    all.sort();
    all.dedup();
    Walked { files, problems: all }
}

fn describe(root: &Path, err: &ignore::Error) -> (String, String) {
    match err {
        ignore::Error::WithPath { path, err } => (relative(root, path), err.to_string()),
        ignore::Error::WithDepth { err, .. } => describe(root, err),
        ignore::Error::Loop { child, .. } => (
            relative(root, child),
            "symbolic link loops back to a directory above it; not followed".to_string(),
        ),
        other => (String::new(), other.to_string()),
    }
}
