//! The walk: which files below the root pmpo reads.
//!
//! Built on `ignore` (ripgrep's walker) so `.gitignore` is honoured as git would, in
//! and out of a git repository. Hidden entries, `target/` and `node_modules/` are
//! skipped, `exclude` globs drop files, and a symbolic link is followed only while it
//! stays inside the root; a link out of it, or a loop, is reported and not followed.
//! Each real directory and file (by device and inode) is visited once, however many
//! links lead to it, so links cannot multiply the work; a link skipped for that
//! reason is reported. Ignore files count from the root down to the git root only: a
//! `.gitignore` in some directory above the repository (or above a root that is in no
//! repository) says nothing about this workspace.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::GlobSet;
use ignore::WalkBuilder;

use crate::fsio::{self, FileKey};

/// A file the walk vouches for.
#[derive(Debug)]
pub struct WalkedFile {
    /// The path to open: its final component is no link (a link's real target, checked
    /// to be inside the root, stands in for it).
    pub path: PathBuf,
    /// Root-relative, with `/`, non-UTF-8 bytes escaped (see [`relative`]).
    pub rel: String,
    /// The file's identity when walked, so a file swapped afterwards is not read.
    pub key: Option<FileKey>,
}

/// A file to read, and problems met on the way.
#[derive(Debug, Default)]
pub struct Walked {
    /// Sorted by `rel`.
    pub files: Vec<WalkedFile>,
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

/// `path` relative to `root`, with `/`. Lossless and printable: a byte that is not
/// UTF-8 is written `\xNN`, a control character `\u{N}` and a backslash `\\`, so two
/// different names never give the same text and none carries a raw escape sequence.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    // Called once per file: where `/` is the separator the path is already the answer.
    if std::path::MAIN_SEPARATOR == '/'
        && let Some(text) = rel.to_str()
        && !text.chars().any(|c| c == '\\' || c.is_control())
    {
        return text.to_string();
    }
    let parts: Vec<_> = rel.components().map(|c| escape_name(c.as_os_str())).collect();
    parts.join("/")
}

#[cfg(unix)]
fn escape_name(name: &std::ffi::OsStr) -> String {
    use std::fmt::Write as _;
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in name.as_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => out.extend(c.escape_unicode()),
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    out
}

#[cfg(not(unix))]
fn escape_name(name: &std::ffi::OsStr) -> String {
    name.to_string_lossy().replace('\\', "\\\\")
}

/// Whether `root` is inside a git repository (a `.git` directory or worktree file in it
/// or above it).
fn in_git_repository(root: &Path) -> bool {
    root.ancestors().any(|dir| dir.join(".git").exists())
}

/// Walk `root` (canonical), keeping candidate documents that `exclude` does not drop.
pub fn walk(root: &Path, exclude: &GlobSet) -> Walked {
    let problems = Arc::new(Mutex::new(Vec::new()));
    let filter_problems = Arc::clone(&problems);
    let filter_root = root.to_path_buf();
    // The first root-relative path of each real directory and file; later ones are
    // skipped. The serial walk in name order makes "first" the same on every run.
    let seen: Arc<Mutex<HashMap<FileKey, String>>> = Arc::default();
    let filter_seen = Arc::clone(&seen);
    let filter_exclude = exclude.clone();
    let mut builder = WalkBuilder::new(root);
    builder
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .ignore(false)
        // Outside git, only the root's own ignore files count; inside, `ignore` stops
        // at the repository root by itself.
        .parents(in_git_repository(root))
        .follow_links(true)
        .sort_by_file_name(std::ffi::OsStr::cmp)
        .filter_entry(move |entry| {
            let note = |rel: String, message: String| {
                if let Ok(mut p) = filter_problems.lock() {
                    p.push((rel, message));
                }
            };
            if entry.depth() == 0 {
                if let Some(k) = std::fs::metadata(entry.path()).ok().as_ref().and_then(fsio::key)
                    && let Ok(mut seen) = filter_seen.lock()
                {
                    seen.insert(k, String::new());
                }
                return true;
            }
            let name = entry.file_name();
            if entry.file_type().is_some_and(|t| t.is_dir()) && (name == "target" || name == "node_modules") {
                return false;
            }
            if entry.path_is_symlink() {
                let inside = std::fs::canonicalize(entry.path()).is_ok_and(|real| real.starts_with(&filter_root));
                if !inside {
                    note(
                        relative(&filter_root, entry.path()),
                        "symbolic link leads outside the workspace root (or nowhere); not followed".to_string(),
                    );
                    return false;
                }
            }
            let Ok(meta) = std::fs::metadata(entry.path()) else {
                return true;
            };
            let rel = relative(&filter_root, entry.path());
            let wanted = meta.is_dir() || (meta.is_file() && is_candidate(&rel) && !filter_exclude.is_match(&rel));
            let Some(k) = fsio::key(&meta).filter(|_| wanted) else {
                return true;
            };
            let Ok(mut seen) = filter_seen.lock() else {
                return true;
            };
            if let Some(first) = seen.get(&k) {
                let first = if first.is_empty() { "." } else { first.as_str() };
                let what = if meta.is_dir() { "directory" } else { "file" };
                note(
                    rel,
                    format!("leads to the same {what} as `{first}`, which is read once; skipped"),
                );
                return false;
            }
            seen.insert(k, rel);
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
                let key = std::fs::metadata(entry.path()).ok().as_ref().and_then(fsio::key);
                // The walk checked that a link stays inside the root; its real target is
                // what gets opened, without following anything at the end.
                let path = if entry.path_is_symlink() {
                    match std::fs::canonicalize(entry.path()) {
                        Ok(target) if target.starts_with(root) => target,
                        _ => continue,
                    }
                } else {
                    entry.into_path()
                };
                files.push(WalkedFile { path, rel, key });
            }
            Err(err) => {
                let (path, message) = describe(root, &err);
                walk_problems.push((path, message));
            }
        }
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    files.dedup_by(|a, b| a.rel == b.rel);
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
