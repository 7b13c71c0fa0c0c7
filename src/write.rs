//! Writing files without losing what a user wrote.
//!
//! Every file pmpo writes goes through a temporary file in the same directory and an
//! atomic rename, so an interrupted write leaves the old file intact; an existing file
//! is replaced only with `--force`, or when it carries pmpo's generated header (a
//! charter pmpo wrote earlier, which regenerating loses nothing of).

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::ToolError;

/// What to do when the target exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    Refuse,
    Force,
    /// Replace a regular file that begins with this marker (pmpo's generated header, so
    /// pmpo wrote it and regenerating loses nothing a person wrote); refuse any other.
    IfGenerated(&'static str),
}

/// Whether `path` is a regular file (not a link) that begins with `marker`. Only the
/// first bytes are read.
fn is_generated(path: &Path, marker: &str) -> bool {
    use std::io::Read;
    let Ok(meta) = path.symlink_metadata() else {
        return false;
    };
    if !meta.file_type().is_file() {
        return false;
    }
    let mut head = Vec::with_capacity(marker.len() + 3);
    let Ok(file) = fs::File::open(path) else {
        return false;
    };
    if file.take(marker.len() as u64 + 3).read_to_end(&mut head).is_err() {
        return false;
    }
    let head = head.strip_prefix(b"\xef\xbb\xbf".as_slice()).unwrap_or(&head);
    head.starts_with(marker.as_bytes())
}

/// Whether an existing `path` may be replaced under `overwrite`.
fn replaceable(path: &Path, overwrite: Overwrite) -> bool {
    match overwrite {
        Overwrite::Force => true,
        Overwrite::Refuse => false,
        Overwrite::IfGenerated(marker) => is_generated(path, marker),
    }
}

/// Refuse early when any of `paths` exists and `overwrite` is `Refuse`, so that a
/// command writing several files writes none of them.
///
/// # Errors
/// The first path that exists.
pub fn check_free<'a>(paths: impl IntoIterator<Item = &'a Path>, overwrite: Overwrite) -> Result<(), ToolError> {
    if overwrite == Overwrite::Force {
        return Ok(());
    }
    for p in paths {
        if p.symlink_metadata().is_ok() && !replaceable(p, overwrite) {
            return Err(ToolError::Exists {
                path: p.display().to_string(),
            });
        }
    }
    Ok(())
}

/// Write `contents` to `path` atomically.
///
/// # Errors
/// The target exists and `overwrite` is `Refuse`, or the write or rename failed (the
/// temporary file is removed then).
pub fn atomic(path: &Path, contents: &[u8], overwrite: Overwrite) -> Result<(), ToolError> {
    atomic_with(path, contents, overwrite, std::io::Write::write_all)
}

/// Write a report that `-o` or `--format F=FILE` names: a regular file (or a new one)
/// atomically, replacing it, since a report is output like a build artefact; anything
/// else that exists, such as `/dev/null`, `/dev/stdout` or a named pipe, straight into
/// it, because a rename would replace the device or pipe with a plain file.
///
/// # Errors
/// The target is a directory, or the write failed.
pub fn report(path: &Path, contents: &[u8]) -> Result<(), ToolError> {
    let io_err = |e: std::io::Error| ToolError::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(ToolError::Io {
            path: path.display().to_string(),
            reason: "is a directory".into(),
        }),
        Ok(meta) if !meta.is_file() => fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut file| std::io::Write::write_all(&mut file, contents))
            .map_err(io_err),
        _ => atomic(path, contents, Overwrite::Force),
    }
}

/// [`atomic`] with the writing step given, so tests can fail it midway.
pub(crate) fn atomic_with(
    path: &Path,
    contents: &[u8],
    overwrite: Overwrite,
    write: impl FnOnce(&mut fs::File, &[u8]) -> std::io::Result<()>,
) -> Result<(), ToolError> {
    check_free([path], overwrite)?;
    // Decided once, before writing: replace only what may be replaced now.
    let replace = path.symlink_metadata().is_ok() && replaceable(path, overwrite);
    let io_err = |e: std::io::Error| ToolError::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(io_err)?;
    let name = path
        .file_name()
        .map_or_else(|| "pmpo".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.pmpo-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        write(&mut file, contents)?;
        file.sync_all()?;
        drop(file);
        if replace {
            fs::rename(&tmp, path)
        } else {
            // A file that appeared since the check is still not overwritten.
            fs::hard_link(&tmp, path).and_then(|()| fs::remove_file(&tmp))
        }
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            return Err(ToolError::Exists {
                path: path.display().to_string(),
            });
        }
        return Err(io_err(e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("pmpo-write-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn refuses_to_overwrite_without_force() {
        let d = dir("refuse");
        let p = d.join("a.md");
        fs::write(&p, "mine").unwrap();
        assert!(matches!(
            atomic(&p, b"new", Overwrite::Refuse),
            Err(ToolError::Exists { .. })
        ));
        assert_eq!(fs::read_to_string(&p).unwrap(), "mine");
        atomic(&p, b"new", Overwrite::Force).unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn a_write_failing_midway_leaves_the_old_file_and_no_temporary() {
        let d = dir("midway");
        let p = d.join("charter.md");
        fs::write(&p, "old charter").unwrap();
        let result = atomic_with(&p, b"new charter text", Overwrite::Force, |f, bytes| {
            f.write_all(&bytes[..3])?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(&p).unwrap(), "old charter");
        let left: Vec<_> = fs::read_dir(&d).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, [std::ffi::OsString::from("charter.md")]);
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn a_generated_file_is_replaced_and_any_other_is_not() {
        const MARK: &str = "<!-- Generated by pmpo";
        let d = dir("generated");
        let ours = d.join("ours.md");
        let theirs = d.join("theirs.md");
        let fresh = d.join("fresh.md");
        fs::write(&ours, format!("{MARK} charter -->\nold")).unwrap();
        fs::write(&theirs, "# My notes\n<!-- Generated by pmpo charter -->\n").unwrap();
        atomic(&ours, b"new", Overwrite::IfGenerated(MARK)).unwrap();
        assert_eq!(fs::read_to_string(&ours).unwrap(), "new");
        assert!(matches!(
            atomic(&theirs, b"new", Overwrite::IfGenerated(MARK)),
            Err(ToolError::Exists { .. })
        ));
        assert!(fs::read_to_string(&theirs).unwrap().starts_with("# My notes"));
        atomic(&fresh, b"x", Overwrite::IfGenerated(MARK)).unwrap();
        assert_eq!(fs::read_to_string(&fresh).unwrap(), "x");
        // `ours` now lacks the header: regenerating it again needs --force.
        assert!(atomic(&ours, b"again", Overwrite::IfGenerated(MARK)).is_err());
        let _ = fs::remove_dir_all(&d);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_generated_file_is_not_followed() {
        const MARK: &str = "<!-- Generated by pmpo";
        let d = dir("generated-link");
        let target = d.join("target.md");
        let link = d.join("link.md");
        fs::write(&target, format!("{MARK} -->\n")).unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(atomic(&link, b"new", Overwrite::IfGenerated(MARK)).is_err());
        assert!(fs::read_to_string(&target).unwrap().starts_with(MARK));
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn a_report_replaces_a_file_and_refuses_a_directory() {
        let d = dir("report");
        let p = d.join("pmpo.sarif");
        fs::write(&p, "older").unwrap();
        report(&p, b"newer").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "newer");
        assert!(matches!(report(&d, b"x"), Err(ToolError::Io { .. })));
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn creates_parent_directories() {
        let d = dir("parents");
        let p = d.join("x/y/z.md");
        atomic(&p, b"z", Overwrite::Refuse).unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "z");
        let _ = fs::remove_dir_all(&d);
    }
}
