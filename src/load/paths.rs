//! Paths as pmpo shows them: relative to the root, with `/`, lossless and printable.

use std::path::Path;

/// `path` relative to `root`, with `/`. Lossless and printable: a byte that is not
/// UTF-8 is written `\xNN`, a control character `\u{N}` and a backslash `\\`, so two
/// different names never give the same text and none carries a raw escape sequence.
pub(crate) fn relative(root: &Path, path: &Path) -> String {
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
