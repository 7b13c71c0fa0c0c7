//! Writing files without losing what a user wrote.
//!
//! Every file pmpo writes goes through a temporary file in the same directory and an
//! atomic rename, so an interrupted write leaves the old file intact; an existing file
//! is replaced only with `--force`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::ToolError;

/// What to do when the target exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    Refuse,
    Force,
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
        if p.symlink_metadata().is_ok() {
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
        if overwrite == Overwrite::Refuse {
            // A file that appeared since the check is still not overwritten.
            fs::hard_link(&tmp, path).and_then(|()| fs::remove_file(&tmp))
        } else {
            fs::rename(&tmp, path)
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
