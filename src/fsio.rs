//! The one door every read goes through.
//!
//! A workspace is untrusted input: any path in it may be a symbolic link to a secret,
//! a FIFO that blocks forever, or `/dev/zero`. So no module opens a file itself; each
//! calls [`read`] here (and lists a directory through [`list`]), which opens without following a final link (unless the caller
//! resolved it already and checked where it leads), never blocks on the open, requires
//! a regular file by `fstat` on the descriptor it then reads (so a file swapped for a
//! FIFO after the walk is still refused), and stops after the byte limit whatever the
//! file's size claims. [`read_in`] adds the check that a path named by the workspace
//! stays inside a directory.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// How the final component of a path may be treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Final {
    /// Refuse a final symbolic link: the path came from the workspace, or the walk
    /// already resolved it to its real target.
    NoLink,
    /// Follow a final link: the user named this path on the command line.
    Follow,
}

/// Why a file was not read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Nothing there.
    Missing,
    /// A symbolic link where none may be.
    Link,
    /// A directory, FIFO, socket or device: only regular files are read.
    Special(&'static str),
    /// More bytes than the limit (the size seen, at least the limit plus one).
    TooLarge(u64),
    /// Not the file the walk saw (swapped in between).
    Changed,
    /// A link, or a path, that leads outside the directory it must stay in.
    Outside,
    Io(io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Missing => f.write_str("no such file"),
            ReadError::Link => f.write_str("it is a symbolic link, which is not followed here"),
            ReadError::Special(kind) => write!(f, "it is a {kind}, not a regular file; not read"),
            ReadError::TooLarge(size) => write!(f, "it is {size} bytes or more, above the limit"),
            ReadError::Changed => f.write_str("it changed between the walk and the read; not read"),
            ReadError::Outside => f.write_str("it leads outside the directory it must stay in; not followed"),
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::NotFound => ReadError::Missing,
            _ if is_loop(&e) => ReadError::Link,
            _ => ReadError::Io(e),
        }
    }
}

#[cfg(unix)]
fn is_loop(e: &io::Error) -> bool {
    // `O_NOFOLLOW` on a final link fails with ELOOP.
    e.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_loop(_: &io::Error) -> bool {
    false
}

/// The identity of a file: device and inode, to tell one real file from another.
pub(crate) type FileKey = (u64, u64);

#[cfg(unix)]
#[allow(clippy::unnecessary_wraps)] // `None` elsewhere
pub(crate) fn key(meta: &std::fs::Metadata) -> Option<FileKey> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
pub(crate) fn key(_: &std::fs::Metadata) -> Option<FileKey> {
    None
}

fn open(path: &Path, last: Final) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Non-blocking, so opening a FIFO returns at once instead of waiting for a
        // writer; the `fstat` below then refuses it before any read.
        let mut flags = libc::O_NONBLOCK | libc::O_CLOEXEC | libc::O_NOCTTY;
        if last == Final::NoLink {
            flags |= libc::O_NOFOLLOW;
        }
        options.custom_flags(flags);
    }
    #[cfg(not(unix))]
    if last == Final::NoLink && path.symlink_metadata()?.file_type().is_symlink() {
        return Err(io::Error::from_raw_os_error(0));
    }
    options.open(path)
}

fn kind_name(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "FIFO";
        }
        if t.is_socket() {
            return "socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "device";
        }
    }
    if t.is_dir() { "directory" } else { "special file" }
}

/// Read at most `max` bytes of the regular file at `path`. With `expect`, the file
/// must be the one with that identity (the one the walk saw).
pub(crate) fn read(path: &Path, last: Final, max: u64, expect: Option<FileKey>) -> Result<Vec<u8>, ReadError> {
    let file = open(path, last)?;
    let meta = file.metadata()?;
    if !meta.file_type().is_file() {
        return Err(ReadError::Special(kind_name(meta.file_type())));
    }
    if let Some(want) = expect
        && key(&meta).is_some_and(|k| k != want)
    {
        return Err(ReadError::Changed);
    }
    let size = meta.len();
    if size > max {
        return Err(ReadError::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    let read = bytes.len() as u64;
    if read > max {
        return Err(ReadError::TooLarge(read));
    }
    Ok(bytes)
}

/// Where `dir.join(rel)` really is, when that stays inside `dir` (canonical).
pub(crate) fn resolve_in(dir: &Path, rel: &Path) -> Result<PathBuf, ReadError> {
    let target = std::fs::canonicalize(dir.join(rel))?;
    if target.starts_with(dir) {
        Ok(target)
    } else {
        Err(ReadError::Outside)
    }
}

/// Read `rel` below the canonical directory `dir`: a link is followed only while its
/// target stays inside `dir`, and the target itself is opened without following.
pub(crate) fn read_in(dir: &Path, rel: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let target = resolve_in(dir, rel)?;
    read(&target, Final::NoLink, max, None)
}

/// The entries of the directory `dir`, in path order: the door for listing, as [`read`] is
/// for reading. Listing opens no entry; each one read later goes through [`read`].
///
/// # Errors
/// `dir` is no directory that can be listed.
pub(crate) fn list(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut entries = std::fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<io::Result<Vec<_>>>()?;
    entries.sort();
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("pmpo-fsio-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::canonicalize(d).unwrap()
    }

    #[test]
    fn reads_a_regular_file_up_to_the_limit() {
        let d = dir("regular");
        std::fs::write(d.join("a.md"), "hello").unwrap();
        assert_eq!(read(&d.join("a.md"), Final::NoLink, 5, None).unwrap(), b"hello");
        assert!(matches!(
            read(&d.join("a.md"), Final::NoLink, 4, None),
            Err(ReadError::TooLarge(5))
        ));
        assert!(matches!(
            read(&d.join("none.md"), Final::NoLink, 4, None),
            Err(ReadError::Missing)
        ));
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_devices_and_fifos() {
        let d = dir("special");
        std::os::unix::fs::symlink("/etc/hostname", d.join("link.md")).unwrap();
        assert!(matches!(
            read(&d.join("link.md"), Final::NoLink, 1000, None),
            Err(ReadError::Link)
        ));
        assert!(matches!(
            read_in(&d, Path::new("link.md"), 1000),
            Err(ReadError::Outside | ReadError::Missing)
        ));
        assert!(matches!(
            read(Path::new("/dev/zero"), Final::Follow, 1000, None),
            Err(ReadError::Special("device"))
        ));
        let fifo = d.join("fifo.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            // Would block forever without O_NONBLOCK.
            assert!(matches!(
                read(&fifo, Final::Follow, 1000, None),
                Err(ReadError::Special("FIFO"))
            ));
        }
        std::fs::write(d.join("real.md"), "x").unwrap();
        std::os::unix::fs::symlink(d.join("real.md"), d.join("inside.md")).unwrap();
        assert_eq!(read_in(&d, Path::new("inside.md"), 10).unwrap(), b"x");
        let other = std::fs::metadata("/dev/null").ok().and_then(|m| key(&m));
        assert!(matches!(
            read(&d.join("real.md"), Final::NoLink, 10, other),
            Err(ReadError::Changed)
        ));
        std::fs::remove_dir_all(&d).unwrap();
    }
}
