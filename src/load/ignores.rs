//! The ignore files in force, read through the read door.
//!
//! `ignore` would open `.gitignore` files itself: following links (out of the root, to
//! `/dev/zero`, to a FIFO), without a size limit, blocking. So the walk does not let it:
//! each ignore file is read here by [`crate::fsio::read`] (no final link, as git 2.32
//! and later do not follow a linked `.gitignore` either; non-blocking; a regular file;
//! at most the byte limit), and its lines are handed to `ignore`'s matcher by
//! [`parse_ignore_file`], a pure function the fuzz target drives. An ignore file that
//! cannot be read is a problem reported at its path, and its rules do not apply.
//!
//! Which files count is unchanged: the `.gitignore` of every directory from the git root
//! down (those above the root only inside a repository) and the repository's
//! `.git/info/exclude`. A directory's matcher is read once, when the walk first asks.

// Keyed by the workspace's own paths: foldhash, seeded per run, is enough.
use foldhash::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};

use crate::fsio::{self, Final};

/// The rules of one ignore file whose directory is `dir`: each line of `bytes` as git
/// reads it (a leading byte-order mark dropped, CRLF accepted, bytes that are not UTF-8
/// replaced). A line that is no valid pattern is skipped, as git skips it.
#[must_use]
pub fn parse_ignore_file(dir: &Path, bytes: &[u8]) -> Gitignore {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut builder = GitignoreBuilder::new(dir);
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let _ = builder.add_line(None, line);
    }
    builder.build().unwrap_or_else(|_| Gitignore::empty())
}

/// The ignore files below `top` (the git root, or the root outside a repository),
/// loaded on demand.
#[derive(Clone)]
pub(crate) struct Ignores(Arc<Inner>);

struct Inner {
    /// The workspace root (canonical).
    root: PathBuf,
    /// Where ignore files start to count: the git root, or the root.
    top: PathBuf,
    /// `.git/info/exclude`, rooted at `top`.
    info_exclude: Option<Gitignore>,
    /// Each directory's `.gitignore`, once read (`None`: none, or unreadable), by the
    /// directory's path as bytes: hashing a `PathBuf` walks its components, and this is
    /// asked for every directory above every file.
    dirs: Mutex<HashMap<std::ffi::OsString, Option<Arc<Gitignore>>>>,
    /// An ignore file that could not be read: its path shown from the root, and why.
    problems: Mutex<Vec<(String, String)>>,
    /// The most bytes read from one ignore file.
    max: u64,
}

impl Ignores {
    /// The ignore files for `root` (canonical), each read within `max` bytes.
    #[must_use]
    pub(crate) fn new(root: &Path, max: u64) -> Self {
        let git_root = root.ancestors().find(|dir| dir.join(".git").exists());
        let top = git_root.unwrap_or(root).to_path_buf();
        let mut problems = Vec::new();
        let info_exclude = git_root.filter(|g| g.join(".git").is_dir()).and_then(|g| {
            let path = g.join(".git/info/exclude");
            read_rules(root, &path, g, max, &mut problems)
        });
        Ignores(Arc::new(Inner {
            root: root.to_path_buf(),
            top,
            info_exclude,
            dirs: Mutex::default(),
            problems: Mutex::new(problems),
            max,
        }))
    }

    /// The ignore files that could not be read, and why.
    #[must_use]
    pub(crate) fn problems(&self) -> Vec<(String, String)> {
        self.0.problems.lock().map(|p| p.clone()).unwrap_or_default()
    }

    fn matcher(&self, dir: &Path) -> Option<Arc<Gitignore>> {
        if let Ok(dirs) = self.0.dirs.lock()
            && let Some(known) = dirs.get(dir.as_os_str())
        {
            return known.clone();
        }
        let mut problems = Vec::new();
        let rules = read_rules(&self.0.root, &dir.join(".gitignore"), dir, self.0.max, &mut problems).map(Arc::new);
        if let Ok(mut p) = self.0.problems.lock() {
            p.extend(problems);
        }
        if let Ok(mut dirs) = self.0.dirs.lock() {
            dirs.insert(dir.as_os_str().to_os_string(), rules.clone());
        }
        rules
    }

    /// Whether the ignore files drop `path` (absolute, below the root) itself: the
    /// closest directory's rules first, then each one above up to the git root, then
    /// `.git/info/exclude`. Whether a directory above it is dropped is not asked (the
    /// walk never enters one): see [`Ignores::ignored_here_or_above`].
    #[must_use]
    pub(crate) fn ignored(&self, path: &Path, is_dir: bool) -> bool {
        // Asked for every entry of the walk: the directories above are found by bytes
        // where the path is text, not by parsing components level by level.
        let top = self.0.top.as_os_str().as_encoded_bytes();
        let inside = |d: &Path| {
            let b = d.as_os_str().as_encoded_bytes();
            b.starts_with(top)
                && (b.len() == top.len() || top.ends_with(b"/") || b[top.len()] == std::path::MAIN_SEPARATOR as u8)
        };
        let up = |d: &Path| -> Option<PathBuf> {
            match d.to_str() {
                Some(text) if std::path::MAIN_SEPARATOR == '/' => match text.rfind('/') {
                    Some(0) => Some(PathBuf::from("/")),
                    Some(i) => Some(PathBuf::from(&text[..i])),
                    None => None,
                },
                _ => d.parent().map(Path::to_path_buf),
            }
        };
        let mut dir = up(path);
        while let Some(d) = dir {
            if !inside(&d) {
                break;
            }
            if let Some(m) = self.matcher(&d) {
                match m.matched(path, is_dir) {
                    Match::Ignore(_) => return true,
                    Match::Whitelist(_) => return false,
                    Match::None => {}
                }
            }
            if d.as_os_str().len() <= top.len() {
                break;
            }
            dir = up(&d);
        }
        self.0
            .info_exclude
            .as_ref()
            .is_some_and(|m| m.matched(path, is_dir).is_ignore())
    }

    /// Whether `path` (absolute, below the root) or a directory between the root and it
    /// is dropped: whether the walk would skip it.
    #[must_use]
    pub(crate) fn ignored_here_or_above(&self, path: &Path, is_dir: bool) -> bool {
        let Ok(rel) = path.strip_prefix(&self.0.root) else {
            return true;
        };
        let mut at = self.0.root.clone();
        let parts: Vec<_> = rel.components().collect();
        for (i, part) in parts.iter().enumerate() {
            at.push(part);
            let last = i + 1 == parts.len();
            if self.ignored(&at, if last { is_dir } else { true }) {
                return true;
            }
        }
        false
    }
}

/// Read the ignore file at `path` (rules for `dir`) through the door. Absent: `None`
/// and no problem; unreadable: `None` and a problem.
fn read_rules(
    root: &Path,
    path: &Path,
    dir: &Path,
    max: u64,
    problems: &mut Vec<(String, String)>,
) -> Option<Gitignore> {
    match fsio::read(path, Final::NoLink, max, None) {
        Ok(bytes) => Some(parse_ignore_file(dir, &bytes)),
        Err(fsio::ReadError::Missing) => None,
        Err(e) => {
            problems.push((
                shown(root, path),
                format!("ignore file not read ({e}); its rules do not apply"),
            ));
            None
        }
    }
}

/// `path` as seen from `root`: below it as the walk shows paths, above it with `..`,
/// so that no absolute path outside the root is printed.
fn shown(root: &Path, path: &Path) -> String {
    if path.starts_with(root) {
        return super::paths::relative(root, path);
    }
    let mut up = String::new();
    for above in root.ancestors().skip(1) {
        up.push_str("../");
        if path.starts_with(above) {
            return format!("{up}{}", super::paths::relative(above, path));
        }
    }
    up
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_as_git_reads_them() {
        let dir = Path::new("/w");
        let m = parse_ignore_file(dir, b"\xef\xbb\xbfsecret/\r\n# note\n*.log\n!keep.log\n\xff\n[\n");
        assert!(m.matched("/w/secret", true).is_ignore());
        assert!(m.matched("/w/a.log", false).is_ignore());
        assert!(m.matched("/w/keep.log", false).is_whitelist());
        assert!(m.matched("/w/a.md", false).is_none());
    }

    #[test]
    fn shown_paths_stay_relative() {
        assert_eq!(
            shown(Path::new("/a/b/c"), Path::new("/a/.gitignore")),
            "../../.gitignore"
        );
        assert_eq!(shown(Path::new("/a"), Path::new("/a/x/.gitignore")), "x/.gitignore");
    }
}
