//! Writing files without losing what a user wrote.
//!
//! The one door every write goes through. A command writing several files first
//! [`plan`]s them all: if any target is unsuitable (a directory, a device, a symbolic
//! link, a path that goes through a link out of the directory the user named, or an
//! existing file without `--force`, unless it carries pmpo's generated header) nothing
//! at all is written. Then each file goes
//! through a temporary file in its own directory and an atomic rename, so an
//! interrupted write leaves the old file intact, and the rename replaces a directory
//! entry, never writes through a link to wherever it leads. Reports and charters are
//! planned by [`plan_outputs`]: nothing is written through a link below the current
//! directory or the workspace root, nor into anything but a regular file.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::ToolError;

/// What to do when the target exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Overwrite {
    Refuse,
    Force,
    /// Replace a regular file that begins with this marker (pmpo's generated header, so
    /// pmpo wrote it and regenerating loses nothing a person wrote); refuse any other.
    IfGenerated(&'static str),
}

/// Whether `path` is a regular file (not a link) that begins with `marker`, read
/// through the guarded door.
fn is_generated(path: &Path, marker: &str) -> bool {
    const MOST: u64 = 4 << 20;
    let Ok(bytes) = crate::fsio::read(path, crate::fsio::Final::NoLink, MOST, None) else {
        return false;
    };
    let head = bytes.strip_prefix(b"\xef\xbb\xbf".as_slice()).unwrap_or(&bytes);
    head.starts_with(marker.as_bytes())
}

/// Whether an existing regular file at `path` may be replaced under `overwrite`.
fn replaceable(path: &Path, overwrite: Overwrite) -> bool {
    match overwrite {
        Overwrite::Force => true,
        Overwrite::Refuse => false,
        Overwrite::IfGenerated(marker) => is_generated(path, marker),
    }
}

fn shown(path: &Path) -> String {
    crate::escape::terminal(&path.display().to_string())
}

fn refuse(path: &Path, reason: &str, help: &str) -> ToolError {
    ToolError::Unsafe {
        path: shown(path),
        reason: reason.into(),
        help: help.into(),
    }
}

/// Whether `path` itself may be written: absent, or a regular file (replaced only
/// as `overwrite` allows: `--force`, or a file pmpo generated). A link is never replaced: `--out /dev/stdout` must not swap the
/// device link for a file, and a link in a folder of charters is someone's choice.
fn check_target(path: &Path, overwrite: Overwrite) -> Result<(), ToolError> {
    let Ok(meta) = path.symlink_metadata() else {
        return Ok(());
    };
    let t = meta.file_type();
    if t.is_symlink() {
        return Err(refuse(
            path,
            "it is a symbolic link, which pmpo does not replace or write through",
            "remove the link, or name the file it points to",
        ));
    }
    if t.is_dir() {
        return Err(refuse(path, "it is a directory", "choose a path for a file"));
    }
    if !t.is_file() {
        return Err(refuse(
            path,
            "it is a device, FIFO or socket, not a regular file",
            "choose a path for a regular file",
        ));
    }
    if !replaceable(path, overwrite) {
        return Err(ToolError::Exists { path: shown(path) });
    }
    Ok(())
}

/// Check every target of a write below `base` (the directory the user named) before
/// any is written: each must be fit to write ([`check_target`]), and each directory
/// on the way from `base` to it must be a directory (or not exist yet) and, if it is
/// a symbolic link, one that stays inside `base`.
///
/// # Errors
/// The first target that is unfit; nothing has been written then.
pub(crate) fn plan<'a>(
    base: &Path,
    targets: impl IntoIterator<Item = &'a Path>,
    overwrite: Overwrite,
) -> Result<(), ToolError> {
    let real_base = std::fs::canonicalize(base).ok();
    for target in targets {
        let rel = target.strip_prefix(base).unwrap_or(target);
        let mut dir = base.to_path_buf();
        let parents: Vec<_> = rel.parent().map(|p| p.components().collect()).unwrap_or_default();
        for part in parents {
            dir.push(part);
            let Ok(meta) = dir.symlink_metadata() else { break };
            if meta.file_type().is_symlink() {
                let inside = match (&real_base, std::fs::canonicalize(&dir)) {
                    (Some(b), Ok(resolved)) => resolved.starts_with(b) && resolved.is_dir(),
                    _ => false,
                };
                if !inside {
                    return Err(refuse(
                        target,
                        &format!(
                            "`{}` is a symbolic link that leads outside `{}`",
                            shown(&dir),
                            shown(base)
                        ),
                        "pmpo writes only inside the directory it is given; remove the link",
                    ));
                }
            } else if !meta.is_dir() {
                return Err(refuse(
                    target,
                    &format!("`{}` is not a directory", shown(&dir)),
                    "choose another directory",
                ));
            }
        }
        check_target(target, overwrite)?;
    }
    Ok(())
}

/// Write `contents` to `path` atomically.
///
/// # Errors
/// The target exists and `overwrite` is `Refuse`, or the write or rename failed (the
/// temporary file is removed then).
pub(crate) fn atomic(path: &Path, contents: &[u8], overwrite: Overwrite) -> Result<(), ToolError> {
    atomic_with(path, contents, overwrite, std::io::Write::write_all)
}

/// The first directory on the way to `target` that is a symbolic link, counting only
/// the part of the path below one of `anchors` (the current directory, the workspace
/// root): the directories a checkout can commit. A relative target is taken from the
/// current directory.
fn link_on_the_way(target: &Path, anchors: &[PathBuf]) -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok();
    let absolute = match (&cwd, target.is_absolute()) {
        (Some(cwd), false) => cwd.join(target),
        _ => target.to_path_buf(),
    };
    let below = anchors
        .iter()
        .chain(cwd.as_ref())
        .filter(|a| absolute.starts_with(a))
        .max_by_key(|a| a.components().count())?;
    let rel = absolute.strip_prefix(below).ok()?;
    let mut dir = below.clone();
    for part in rel.parent().into_iter().flat_map(Path::components) {
        dir.push(part);
        if dir.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
            return Some(dir);
        }
    }
    None
}

/// Check every report or charter target a command names before anything is written:
/// none may be reached through a symbolic link below the current directory or
/// `root` (a committed `reports -> /elsewhere` would carry the write out of the
/// checkout), and each must be absent or a regular file (a link to `/dev/null` would
/// swallow the report, one to a FIFO would hang). `overwrite` decides an existing file.
///
/// # Errors
/// The first target refused; nothing has been written then.
pub(crate) fn plan_outputs<'a>(
    root: &Path,
    targets: impl IntoIterator<Item = &'a Path>,
    overwrite: Overwrite,
) -> Result<(), ToolError> {
    let anchors: Vec<PathBuf> = [Some(root.to_path_buf()), std::fs::canonicalize(root).ok()]
        .into_iter()
        .flatten()
        .collect();
    for target in targets {
        if let Some(link) = link_on_the_way(target, &anchors) {
            return Err(refuse(
                target,
                &format!(
                    "`{}` on the way to it is a symbolic link, which pmpo does not write through",
                    shown(&link)
                ),
                "name a path without links; pmpo does not follow a link a checkout may have committed",
            ));
        }
        check_target(target, overwrite)?;
    }
    Ok(())
}

/// Write a report that `-o` or `--format F=FILE` names, planned by [`plan_outputs`]:
/// atomically, replacing a regular file, since a report is output like a build
/// artefact.
///
/// # Errors
/// The target is unfit (see [`check_target`]), or the write failed.
pub(crate) fn report(path: &Path, contents: &[u8]) -> Result<(), ToolError> {
    atomic(path, contents, Overwrite::Force)
}

/// Append `contents` to the file at `path`, creating it when absent: for a file that
/// other programs write to as well, such as the GitHub Actions job summary
/// (`GITHUB_STEP_SUMMARY`), where a rename would drop what earlier steps wrote. The caller
/// decides what fits ([`size`] says what is there already).
///
/// # Errors
/// The file cannot be opened for appending, or the write failed.
pub(crate) fn append(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut file = fs::OpenOptions::new().create(true).append(true).open(path)?;
    std::io::Write::write_all(&mut file, contents)
}

/// How many bytes the file at `path` holds: 0 when there is none.
#[must_use]
pub(crate) fn size(path: &Path) -> u64 {
    fs::metadata(path).map_or(0, |m| m.len())
}

/// [`atomic`] with the writing step given, so tests can fail it midway.
pub(crate) fn atomic_with(
    path: &Path,
    contents: &[u8],
    overwrite: Overwrite,
    write: impl FnOnce(&mut fs::File, &[u8]) -> std::io::Result<()>,
) -> Result<(), ToolError> {
    check_target(path, overwrite)?;
    // Decided once, before writing: replace only what may be replaced now.
    let replace = path.symlink_metadata().is_ok() && replaceable(path, overwrite);
    let io_err = |e: std::io::Error| ToolError::Write {
        path: shown(path),
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
            return Err(ToolError::Exists { path: shown(path) });
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
        let err = result.unwrap_err().to_string();
        assert!(err.starts_with("cannot write `"), "{err}");
        assert_eq!(fs::read_to_string(&p).unwrap(), "old charter");
        let left: Vec<_> = fs::read_dir(&d).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, [std::ffi::OsString::from("charter.md")]);
        let _ = fs::remove_dir_all(&d);
    }

    #[cfg(unix)]
    #[test]
    fn a_plan_refuses_links_out_directories_and_devices_before_writing() {
        let d = dir("plan");
        let outside = dir("plan-outside");
        std::os::unix::fs::symlink(&outside, d.join("roles")).unwrap();
        fs::create_dir_all(d.join("inside")).unwrap();
        std::os::unix::fs::symlink(d.join("inside"), d.join("near")).unwrap();
        fs::create_dir_all(d.join("vision.md")).unwrap();
        let ok = d.join("near/a.md");
        let through = d.join("roles/a.md");
        let dir_target = d.join("vision.md");
        let err = |targets: &[&Path]| {
            plan(&d, targets.iter().copied(), Overwrite::Force)
                .unwrap_err()
                .to_string()
        };
        assert!(err(&[&ok, &through]).contains("leads outside"));
        assert!(err(&[&ok, &dir_target]).contains("is a directory"));
        assert!(
            plan(Path::new("/dev"), [Path::new("/dev/null")], Overwrite::Force)
                .unwrap_err()
                .to_string()
                .contains("not a regular file")
        );
        assert!(
            plan(Path::new("/dev"), [Path::new("/dev/stdout")], Overwrite::Force)
                .unwrap_err()
                .to_string()
                .contains("symbolic link")
        );
        plan(&d, [ok.as_path()], Overwrite::Force).unwrap();
        assert!(
            fs::read_dir(&outside).unwrap().next().is_none(),
            "nothing written outside"
        );
        let _ = fs::remove_dir_all(&d);
        let _ = fs::remove_dir_all(&outside);
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

    #[cfg(unix)]
    #[test]
    fn outputs_through_a_link_or_into_a_device_are_refused() {
        let d = dir("outputs");
        let elsewhere = dir("outputs-elsewhere");
        std::os::unix::fs::symlink(&elsewhere, d.join("reports")).unwrap();
        let err = |p: &Path| plan_outputs(&d, [p], Overwrite::Force).unwrap_err().to_string();
        assert!(err(&d.join("reports/x.sarif")).contains("symbolic link"));
        assert!(err(Path::new("/dev/null")).contains("not a regular file"));
        plan_outputs(&d, [d.join("x.sarif").as_path()], Overwrite::Force).unwrap();
        let _ = fs::remove_dir_all(&d);
        let _ = fs::remove_dir_all(&elsewhere);
    }

    #[test]
    fn a_report_replaces_a_file_and_refuses_a_directory() {
        let d = dir("report");
        let p = d.join("pmpo.sarif");
        fs::write(&p, "older").unwrap();
        report(&p, b"newer").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "newer");
        assert!(matches!(report(&d, b"x"), Err(ToolError::Unsafe { .. })));
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
