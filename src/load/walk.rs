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
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use globset::GlobSet;
use ignore::WalkBuilder;

use crate::fsio::{self, FileKey};

/// A file the walk vouches for.
#[derive(Debug)]
pub struct WalkedFile {
    /// Root-relative, with `/`, non-UTF-8 bytes escaped (see [`relative`]).
    pub rel: String,
    /// The path to open when it is not the root joined with `rel`: a link's real
    /// target, checked to be inside the root, or a name `rel` had to escape. Most
    /// files have none, so 100,000 of them do not hold their absolute path twice.
    other_path: Option<Box<Path>>,
    /// The file's identity when walked, so a file swapped afterwards is not read.
    pub key: Option<FileKey>,
}

impl WalkedFile {
    /// The path to open, below `root` (the root the walk was given): its final
    /// component is no link.
    #[must_use]
    pub fn path(&self, root: &Path) -> std::borrow::Cow<'_, Path> {
        match &self.other_path {
            Some(p) => std::borrow::Cow::Borrowed(p),
            None => std::borrow::Cow::Owned(root.join(&self.rel)),
        }
    }
}

/// A file to read, and problems met on the way.
#[derive(Debug, Default)]
pub struct Walked {
    /// Sorted by `rel`.
    pub files: Vec<WalkedFile>,
    /// A root-relative path and what went wrong there.
    pub problems: Vec<(String, String)>,
    /// [`repo_prefix`] of the root.
    pub repo_prefix: Option<String>,
    /// Links skipped because they lead to a file read under another path: the link's
    /// path and the path read. A problem only when either is a document (the loader
    /// knows): `CLAUDE.md -> AGENTS.md` is no concern of pmpo's.
    pub same_file: Vec<(String, String)>,
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

/// Whether the walk reaches the directory `real` (canonical, inside `root`) by its
/// own path: none of its components is hidden or a directory pmpo never enters.
/// (Ignore files are not consulted: a link to an ignored directory is not followed
/// either, which errs on the side of reading less.)
fn walked_by_name(root: &Path, real: &Path) -> bool {
    real.strip_prefix(root).is_ok_and(|rel| {
        rel.components().all(|c| {
            let name = c.as_os_str();
            !name.as_encoded_bytes().starts_with(b".") && name != "target" && name != "node_modules"
        })
    })
}

/// Where `root` (canonical) sits in the git repository that holds it (a `.git`
/// directory or worktree file in it or above it): the path from the repository's root,
/// with `/` and a trailing `/`, empty at the repository's root; `None` in no repository.
/// Found once, by the walk: the CI formats prefix it to every path.
pub fn repo_prefix(root: &Path) -> Option<String> {
    let git_root = root.ancestors().find(|dir| dir.join(".git").exists())?;
    let mut prefix = String::new();
    for part in root.strip_prefix(git_root).unwrap_or(Path::new("")).components() {
        prefix.push_str(&part.as_os_str().to_string_lossy());
        prefix.push('/');
    }
    Some(prefix)
}

/// Walk `root` (canonical), keeping candidate documents that `exclude` does not drop.
///
/// The walk goes in directory order, which costs nothing, and the files are sorted
/// afterwards. Only one outcome depends on the order: which of two names of one
/// directory is read. When the walk meets that, it walks again in name order, so that
/// the first name is the same on every run and machine.
pub fn walk(root: &Path, exclude: &GlobSet) -> Walked {
    match walk_in(root, exclude, Order::Directory) {
        (walked, false) => walked,
        (_, true) => walk_in(root, exclude, Order::Name).0,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    /// As the file system lists each directory.
    Directory,
    /// Each directory's entries sorted by name: sorting 100,000 entries of one
    /// directory this way is a sixth of a run, so only a walk that needs it does.
    Name,
}

/// The walk, and whether it met a directory by a second name.
fn walk_in(root: &Path, exclude: &GlobSet, order: Order) -> (Walked, bool) {
    let repo_prefix = repo_prefix(root);
    let problems = Arc::new(Mutex::new(Vec::new()));
    let filter_problems = Arc::clone(&problems);
    let filter_root = root.to_path_buf();
    // The first root-relative path of each real directory; later ones are skipped.
    // Meeting one is why a walk goes again in name order (see [`walk`]).
    let seen: Arc<Mutex<HashMap<FileKey, String>>> = Arc::default();
    let filter_seen = Arc::clone(&seen);
    let met_twice = Arc::new(AtomicBool::new(false));
    let filter_met_twice = Arc::clone(&met_twice);
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
        .parents(repo_prefix.is_some())
        .follow_links(true)
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
                let target = std::fs::canonicalize(entry.path())
                    .ok()
                    .filter(|real| real.starts_with(&filter_root));
                let Some(target) = target else {
                    note(
                        relative(&filter_root, entry.path()),
                        "symbolic link leads outside the workspace root (or nowhere); not followed".to_string(),
                    );
                    return false;
                };
                // A link to a directory the walk reaches under its own name adds
                // nothing but paths: not following it keeps links from multiplying
                // the walk (two links per level, 16 levels, read one file 65,536 times).
                if target.is_dir() && walked_by_name(&filter_root, &target) {
                    note(
                        relative(&filter_root, entry.path()),
                        format!(
                            "symbolic link to `{}`, which is read under its own name; not followed",
                            relative(&filter_root, &target)
                        ),
                    );
                    return false;
                }
            }
            // Directories here, in walk order (a loop of links cannot multiply them);
            // files after the walk, where a real file can be preferred to a link. The
            // entry's type (followed through a link) costs no system call.
            if !entry.file_type().is_some_and(|t| t.is_dir()) {
                return true;
            }
            let Ok(meta) = std::fs::metadata(entry.path()) else {
                return true;
            };
            let rel = relative(&filter_root, entry.path());
            let Some(k) = fsio::key(&meta).filter(|_| meta.is_dir()) else {
                return true;
            };
            let Ok(mut seen) = filter_seen.lock() else {
                return true;
            };
            if let Some(first) = seen.get(&k) {
                filter_met_twice.store(true, Ordering::Relaxed);
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
    if order == Order::Name {
        builder.sort_by_file_name(std::ffi::OsStr::cmp);
    }
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
                let entry_is_link = entry.path_is_symlink();
                // The walk checked that a link stays inside the root; its real target is
                // what gets opened, without following anything at the end.
                let other_path = if entry_is_link {
                    match std::fs::canonicalize(entry.path()) {
                        Ok(target) if target.starts_with(root) => Some(target.into_boxed_path()),
                        _ => continue,
                    }
                } else if entry.path().strip_prefix(root).ok().and_then(Path::to_str) == Some(rel.as_str()) {
                    None
                } else {
                    Some(entry.into_path().into_boxed_path())
                };
                files.push((WalkedFile { rel, other_path, key }, entry_is_link));
            }
            Err(err) => {
                let (path, message) = describe(root, &err);
                walk_problems.push((path, message));
            }
        }
    }
    files.sort_by(|a, b| a.0.rel.cmp(&b.0.rel));
    files.dedup_by(|a, b| a.0.rel == b.0.rel);
    // One path per real file: its own name rather than a link's, else the first. Found
    // by sorting identities, which for 100,000 files costs less memory than a map.
    let mut by_key: Vec<(FileKey, usize)> = files
        .iter()
        .enumerate()
        .filter_map(|(i, (f, _))| f.key.map(|k| (k, i)))
        .collect();
    by_key.sort_unstable();
    let mut keep = vec![true; files.len()];
    let mut skipped = Vec::new();
    for same in by_key.chunk_by(|a, b| a.0 == b.0).filter(|same| same.len() > 1) {
        let chosen = same.iter().find(|(_, i)| !files[*i].1).unwrap_or(&same[0]).1;
        for &(_, i) in same.iter().filter(|(_, i)| *i != chosen) {
            keep[i] = false;
            skipped.push((files[i].0.rel.clone(), files[chosen].0.rel.clone()));
        }
    }
    drop(by_key);
    // Built at its exact size, not in the place of the larger pairs: the list lives
    // through the whole load.
    let mut kept_files = Vec::with_capacity(keep.iter().filter(|k| **k).count());
    kept_files.extend(files.into_iter().zip(keep).filter_map(|((f, _), k)| k.then_some(f)));
    let files = kept_files;
    let mut all = problems.lock().map(|p| p.clone()).unwrap_or_default();
    all.extend(walk_problems);
    all.sort();
    all.dedup();
    let walked = Walked {
        files,
        problems: all,
        repo_prefix,
        same_file: skipped,
    };
    (walked, met_twice.load(Ordering::Relaxed))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_is_the_path_below_the_git_root() {
        let base = std::env::temp_dir().join(format!("pmpo-walk-prefix-{}", std::process::id()));
        let inner = base.join("repo/product/ws");
        std::fs::create_dir_all(&inner).unwrap();
        std::fs::create_dir_all(base.join("repo/.git")).unwrap();
        let base = std::fs::canonicalize(&base).unwrap();
        let inner = base.join("repo/product/ws");
        assert_eq!(repo_prefix(&inner).as_deref(), Some("product/ws/"));
        assert_eq!(repo_prefix(&base.join("repo")).as_deref(), Some(""));
        std::fs::remove_dir_all(base.join("repo/.git")).unwrap();
        // A worktree's `.git` is a file.
        std::fs::write(base.join("repo/product/.git"), "gitdir: elsewhere\n").unwrap();
        assert_eq!(repo_prefix(&inner).as_deref(), Some("ws/"));
        std::fs::remove_dir_all(&base).unwrap();
    }
}
