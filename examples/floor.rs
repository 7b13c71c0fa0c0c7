//! The cost of reading the files at all: walk a root and read every Markdown file, in
//! parallel, doing nothing with the bytes. `benches/run.sh` reports every tool's time
//! against this and against `bare_parse`.
//!
//! `cargo run --release --example floor -- DIR` prints `files bytes` on stdout.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use ignore::{WalkBuilder, WalkState};

fn main() -> ExitCode {
    let Some(root) = std::env::args_os().nth(1).map(PathBuf::from) else {
        let _ = writeln!(std::io::stderr(), "usage: floor DIR");
        return ExitCode::from(2);
    };
    let (files, bytes, errors) = (AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0));
    // As many threads as pmpo uses: RAYON_NUM_THREADS, else one per available core.
    let threads = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    WalkBuilder::new(&root).threads(threads).build_parallel().run(|| {
        let (files, bytes, errors) = (&files, &bytes, &errors);
        Box::new(move |entry| {
            if let Ok(entry) = entry
                && entry.file_type().is_some_and(|t| t.is_file())
                && entry.path().extension().is_some_and(|e| e == "md")
            {
                match std::fs::read(entry.path()) {
                    Ok(b) => {
                        files.fetch_add(1, Ordering::Relaxed);
                        bytes.fetch_add(b.len() as u64, Ordering::Relaxed);
                    }
                    Err(_) => {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            WalkState::Continue
        })
    });
    let _ = writeln!(
        std::io::stdout(),
        "{} {}",
        files.load(Ordering::Relaxed),
        bytes.load(Ordering::Relaxed)
    );
    if errors.load(Ordering::Relaxed) > 0 {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
