//! The ignore-file reader: any bytes as a `.gitignore` (the part before the first NUL),
//! and any paths (the lines after it) matched against it, as files and as directories.
//! Reading must neither panic nor fail: a line that is no pattern is skipped, as git
//! skips it.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (rules, paths) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &b""[..]),
    };
    let dir = Path::new("/w");
    let matcher = pmpo::api::parse_ignore_file(dir, rules);
    for line in String::from_utf8_lossy(paths).lines().take(32) {
        let path = dir.join(line.trim_start_matches('/'));
        let _ = matcher.matched(&path, false);
        let _ = matcher.matched(&path, true);
    }
});
