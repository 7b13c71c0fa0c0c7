//! `cargo run --release --example generate -- --items N --seed S --out DIR`: write a
//! deterministic workspace of N backlog items (and the charters and vision that make it
//! a real product workspace) for benchmarks and tests.
//!
//! The charters cover pmpo's built-in catalog, read from the library so the generator
//! follows it when it changes. All the writing lives in `workspace.rs`, which the
//! integration test includes too.

mod workspace;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use workspace::{Layout, Options};

/// Write a deterministic benchmark workspace.
#[derive(Parser)]
struct Args {
    /// How many backlog items to write.
    #[arg(long)]
    items: usize,
    /// The seed: the same seed writes the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The directory to write; it must be missing or empty unless --force.
    #[arg(long)]
    out: PathBuf,
    /// `pmpo` (pmpo's conventions) or `backlog-md` (Backlog.md's task files).
    #[arg(long, default_value = "pmpo", value_parser = ["pmpo", "backlog-md"])]
    layout: String,
    /// Write into a non-empty directory, replacing files of the same name.
    #[arg(long)]
    force: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let options = Options {
        items: args.items,
        seed: args.seed,
        layout: Layout::parse(&args.layout).unwrap_or(Layout::Pmpo),
        force: args.force,
    };
    let catalog: Vec<_> = pmpo::api::builtin()
        .into_iter()
        .map(|r| (r.id, r.area, r.expected.map(|e| e.value)))
        .collect();
    let mut stderr = std::io::stderr();
    match workspace::generate(&args.out, &options, &catalog) {
        Ok(w) => {
            let _ = writeln!(
                stderr,
                "wrote {} files ({} bytes; items {}..{} bytes) to {}",
                w.files,
                w.bytes,
                w.smallest_item,
                w.largest_item,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            let _ = writeln!(stderr, "generate: {message}");
            ExitCode::from(2)
        }
    }
}
