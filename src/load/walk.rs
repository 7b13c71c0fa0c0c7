//! The walk: which files below the root pmpo reads.
//!
//! Built on `ignore` (ripgrep's walker) so `.gitignore` is honoured as git would, in
//! and out of a git repository; the ignore files themselves are read through the read
//! door by [`Ignores`]. Hidden entries, `target/` and `node_modules/` are skipped and
//! `exclude` globs drop files. The walk follows no symbolic link itself: a link is
//! reported, and it leads to something only when its target is a file the walk reads
//! under its own name ([`reads`]), which is then read once, under that name. So a link
//! reaches nothing the walk's exclusions keep out (`.env`, `.git/config`, an ignored or
//! excluded file), nothing outside the root, and cannot multiply the work. Each real
//! directory and file (by device and inode) is visited once. Ignore files count from
//! the root down to the git root only: a `.gitignore` in some directory above the
//! repository (or above a root that is in no repository) says nothing about this
//! workspace.

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use globset::GlobSet;
use ignore::WalkBuilder;

use super::ignores::Ignores;
pub(crate) use super::paths::relative;
use crate::fsio::{self, FileKey};

/// A file the walk vouches for.
#[derive(Debug)]
pub(crate) struct WalkedFile {
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
    pub(crate) fn path(&self, root: &Path) -> std::borrow::Cow<'_, Path> {
        match &self.other_path {
            Some(p) => std::borrow::Cow::Borrowed(p),
            None => std::borrow::Cow::Owned(root.join(&self.rel)),
        }
    }
}

/// A file to read, and problems met on the way.
#[derive(Debug, Default)]
pub(crate) struct Walked {
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
pub(crate) fn is_candidate(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel).as_bytes();
    [".md", ".markdown", ".yaml", ".yml"]
        .iter()
        .any(|ext| name.len() >= ext.len() && name[name.len() - ext.len()..].eq_ignore_ascii_case(ext.as_bytes()))
}

/// Whether none of the components of `real` (canonical, inside `root`) below the root
/// is hidden or a directory pmpo never enters. Ignore files are asked separately.
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
pub(crate) fn repo_prefix(root: &Path) -> Option<String> {
    let git_root = root.ancestors().find(|dir| dir.join(".git").exists())?;
    let mut prefix = String::new();
    for part in root.strip_prefix(git_root).unwrap_or(Path::new("")).components() {
        prefix.push_str(&part.as_os_str().to_string_lossy());
        prefix.push('/');
    }
    Some(prefix)
}

/// Walk `root` (canonical), keeping candidate documents that `exclude` does not drop
/// and the ignore files in `ignores` do not drop.
///
/// The walk goes in directory order, which costs nothing, and the files are sorted
/// afterwards. Only one outcome depends on the order: which of two names of one
/// directory is read (a bind mount; links to directories are never followed). When the
/// walk meets that, it walks again in name order, so that the first name is the same on
/// every run and machine.
pub(crate) fn walk(root: &Path, exclude: &GlobSet, ignores: &Ignores) -> Walked {
    let mut walked = match walk_in(root, exclude, ignores, Order::Directory) {
        (walked, false) => walked,
        (_, true) => walk_in(root, exclude, ignores, Order::Name).0,
    };
    walked.problems.extend(ignores.problems());
    walked.problems.sort();
    walked.problems.dedup();
    walked
}

/// Whether the walk reads the file `real` (canonical) under its own name: inside the
/// root, a candidate, in no hidden or skipped directory, not excluded and not ignored.
/// A symbolic link is followed only to such a file (and then the file is read once, under
/// its own name), so a link can reach nothing the walk would not read anyway.
pub(crate) fn reads(root: &Path, real: &Path, exclude: &GlobSet, ignores: &Ignores) -> bool {
    if !real.starts_with(root) || real == root {
        return false;
    }
    let path = relative(root, real);
    is_candidate(&path)
        && walked_by_name(root, real)
        && !exclude.is_match(&path)
        && !ignores.ignored_here_or_above(real, false)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    /// As the file system lists each directory.
    Directory,
    /// Each directory's entries sorted by name: sorting 100,000 entries of one
    /// directory this way is a sixth of a run, so only a walk that needs it does.
    Name,
}

/// What [`link_note`] says of a link to a file the walk reads under its own name: the
/// target follows. The walk cannot tell documents from prose, so such a link goes to
/// [`Walked::same_file`], and the loader reports it only when either file is a document.
const SAME_FILE: &str = "\u{0}same file:";

/// What the walk says about the symbolic link `entry`, which it never follows itself.
fn link_note(root: &Path, entry: &ignore::DirEntry, exclude: &GlobSet, ignores: &Ignores) -> Option<String> {
    let target = std::fs::canonicalize(entry.path())
        .ok()
        .filter(|real| real.starts_with(root));
    let Some(target) = target else {
        return Some("symbolic link leads outside the workspace root (or nowhere); not followed".to_string());
    };
    if target.is_dir() {
        // A link to a directory the walk reaches under its own name adds nothing but
        // paths (two links per level, 16 levels, would read one file 65,536 times); a
        // link to one it does not enter (hidden, `.git`, ignored) must not open it.
        return Some(
            if walked_by_name(root, &target) && !ignores.ignored_here_or_above(&target, true) {
                format!(
                    "symbolic link to `{}`, which is read under its own name; not followed",
                    relative(root, &target)
                )
            } else {
                "symbolic link to a directory the walk does not enter (hidden, `.git`, `target/`, `node_modules/` or ignored); not followed".to_string()
            },
        );
    }
    let rel = relative(root, entry.path());
    // A link that is no document by its own name is passed over like any such file.
    if !is_candidate(&rel) || exclude.is_match(&rel) {
        return None;
    }
    Some(if reads(root, &target, exclude, ignores) {
        format!("{SAME_FILE}{}", relative(root, &target))
    } else {
        "symbolic link to a file the walk does not read under its own name (hidden, in `.git`, ignored, excluded or no document); not followed".to_string()
    })
}

/// What the walk's entry filter shares with the walk: its settings, and what it notes on
/// the way (problems, links to files read under another name, directories met twice).
#[derive(Clone)]
struct Filter {
    root: std::path::PathBuf,
    exclude: GlobSet,
    ignores: Ignores,
    problems: Arc<Mutex<Vec<(String, String)>>>,
    same_links: Arc<Mutex<Vec<(String, String)>>>,
    /// The first root-relative path of each real directory; later ones are skipped.
    /// Meeting one is why a walk goes again in name order (see [`walk`]).
    seen: Arc<Mutex<HashMap<FileKey, String>>>,
    met_twice: Arc<AtomicBool>,
}

impl Filter {
    fn new(root: &Path, exclude: &GlobSet, ignores: &Ignores) -> Self {
        Filter {
            root: root.to_path_buf(),
            exclude: exclude.clone(),
            ignores: ignores.clone(),
            problems: Arc::default(),
            same_links: Arc::default(),
            seen: Arc::default(),
            met_twice: Arc::new(AtomicBool::new(false)),
        }
    }

    fn note(&self, rel: String, message: String) {
        if let Ok(mut p) = self.problems.lock() {
            p.push((rel, message));
        }
    }

    /// Whether the walk enters or yields `entry`: not for skipped and ignored entries,
    /// links (each noted) and a directory's second name (noted).
    fn keep(&self, entry: &ignore::DirEntry) -> bool {
        if entry.depth() == 0 {
            if let Some(k) = std::fs::metadata(entry.path()).ok().as_ref().and_then(fsio::key)
                && let Ok(mut seen) = self.seen.lock()
            {
                seen.insert(k, String::new());
            }
            return true;
        }
        let name = entry.file_name();
        let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
        if is_dir && (name == "target" || name == "node_modules") {
            return false;
        }
        if self.ignores.ignored(entry.path(), is_dir) {
            return false;
        }
        if entry.path_is_symlink() {
            self.link(entry);
            return false;
        }
        if !is_dir {
            return true;
        }
        self.first_visit(entry)
    }

    /// A link, noted: a problem, or a link to a file read under its own name.
    fn link(&self, entry: &ignore::DirEntry) {
        let Some(message) = link_note(&self.root, entry, &self.exclude, &self.ignores) else {
            return;
        };
        let rel = relative(&self.root, entry.path());
        match message.strip_prefix(SAME_FILE) {
            Some(target) => {
                if let Ok(mut same) = self.same_links.lock() {
                    same.push((rel, target.to_string()));
                }
            }
            None => self.note(rel, message),
        }
    }

    /// Whether the directory `entry` is met for the first time; a second name of one
    /// is noted and skipped.
    fn first_visit(&self, entry: &ignore::DirEntry) -> bool {
        let Ok(meta) = std::fs::metadata(entry.path()) else {
            return true;
        };
        let rel = relative(&self.root, entry.path());
        let Some(k) = fsio::key(&meta).filter(|_| meta.is_dir()) else {
            return true;
        };
        let Ok(mut seen) = self.seen.lock() else {
            return true;
        };
        if let Some(first) = seen.get(&k) {
            self.met_twice.store(true, Ordering::Relaxed);
            let first = if first.is_empty() { "." } else { first.as_str() };
            self.note(
                rel,
                format!("leads to the same directory as `{first}`, which is read once; skipped"),
            );
            return false;
        }
        seen.insert(k, rel);
        true
    }
}

/// The walk, and whether it met a directory by a second name.
fn walk_in(root: &Path, exclude: &GlobSet, ignores: &Ignores, order: Order) -> (Walked, bool) {
    let repo_prefix = repo_prefix(root);
    let filter = Filter::new(root, exclude, ignores);
    let mut builder = WalkBuilder::new(root);
    let entry_filter = filter.clone();
    builder
        .hidden(true)
        // Ignore files are read through the door, by `Ignores`, not by `ignore`.
        .git_ignore(false)
        .git_exclude(false)
        .git_global(false)
        .ignore(false)
        .parents(false)
        .follow_links(false)
        .filter_entry(move |entry| entry_filter.keep(entry));
    if order == Order::Name {
        builder.sort_by_file_name(std::ffi::OsStr::cmp);
    }
    let (files, walk_problems) = collect(root, exclude, builder.build());
    let (files, skipped) = one_name_per_file(files);
    let mut all = filter.problems.lock().map(|p| p.clone()).unwrap_or_default();
    all.extend(walk_problems);
    all.sort();
    all.dedup();
    let mut same = skipped;
    same.extend(filter.same_links.lock().map(|s| s.clone()).unwrap_or_default());
    same.sort();
    let walked = Walked {
        files,
        problems: all,
        repo_prefix,
        same_file: same,
    };
    (walked, filter.met_twice.load(Ordering::Relaxed))
}

/// The candidate files the walk yields that `exclude` does not drop, sorted and each
/// path once; and the walk's errors, each a path and what went wrong there.
fn collect(root: &Path, exclude: &GlobSet, walk: ignore::Walk) -> (Vec<WalkedFile>, Vec<(String, String)>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for result in walk {
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
                // Links never get here (the filter reports them): what is opened is the
                // file the walk saw, under its own name.
                let other_path = if entry.path().strip_prefix(root).ok().and_then(Path::to_str) == Some(rel.as_str()) {
                    None
                } else {
                    Some(entry.into_path().into_boxed_path())
                };
                files.push(WalkedFile { rel, other_path, key });
            }
            Err(err) => problems.push(describe(root, &err)),
        }
    }
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    files.dedup_by(|a, b| a.rel == b.rel);
    (files, problems)
}

/// One path per real file (hard links, bind mounts): the first by name, and each other
/// name with the name kept. Found by sorting identities, which for 100,000 files costs
/// less memory than a map.
fn one_name_per_file(files: Vec<WalkedFile>) -> (Vec<WalkedFile>, Vec<(String, String)>) {
    let mut by_key: Vec<(FileKey, usize)> = files
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.key.map(|k| (k, i)))
        .collect();
    by_key.sort_unstable();
    let mut keep = vec![true; files.len()];
    let mut skipped = Vec::new();
    for same in by_key.chunk_by(|a, b| a.0 == b.0).filter(|same| same.len() > 1) {
        let chosen = same.iter().map(|&(_, i)| i).min().unwrap_or(same[0].1);
        for &(_, i) in same.iter().filter(|(_, i)| *i != chosen) {
            keep[i] = false;
            skipped.push((files[i].rel.clone(), files[chosen].rel.clone()));
        }
    }
    drop(by_key);
    // Built at its exact size, not in the place of the larger pairs: the list lives
    // through the whole load.
    let mut kept = Vec::with_capacity(keep.iter().filter(|k| **k).count());
    kept.extend(files.into_iter().zip(keep).filter_map(|(f, k)| k.then_some(f)));
    (kept, skipped)
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
