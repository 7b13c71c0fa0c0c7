//! The floor for any checker: walk, read, split the frontmatter, parse the YAML with
//! serde-saphyr and run pulldown-cmark over the body, for every Markdown file below
//! a root, in parallel, keeping nothing but counts.
//!
//! `benches/run.sh` times `pmpo check` against this. It uses the crates pmpo uses and
//! does less than pmpo must (no spans, no model, no rules, no report), so pmpo can
//! approach it but not beat it by much. The YAML becomes a generic
//! `serde_json::Value`, the least any checker that reads the fields has to build.
//!
//! `cargo run --release --example bare_parse -- DIR` prints
//! `files bytes yaml_nodes markdown_events` on stdout.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use ignore::{WalkBuilder, WalkState};

#[derive(Default)]
struct Totals {
    files: AtomicU64,
    bytes: AtomicU64,
    nodes: AtomicU64,
    events: AtomicU64,
    errors: AtomicU64,
}

fn count_nodes(v: &serde_json::Value) -> u64 {
    match v {
        serde_json::Value::Array(items) => 1 + items.iter().map(count_nodes).sum::<u64>(),
        serde_json::Value::Object(map) => 1 + map.values().map(count_nodes).sum::<u64>(),
        _ => 1,
    }
}

/// Frontmatter between a first line `---` and the next line `---`: (yaml, body).
fn split(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    Some((&rest[..=end], &rest[end + 5..]))
}

fn parse(path: &std::path::Path, totals: &Totals) {
    let Ok(text) = std::fs::read_to_string(path) else {
        totals.errors.fetch_add(1, Ordering::Relaxed);
        return;
    };
    totals.files.fetch_add(1, Ordering::Relaxed);
    totals.bytes.fetch_add(text.len() as u64, Ordering::Relaxed);
    let Some((yaml, body)) = split(&text) else {
        return;
    };
    match serde_saphyr::from_str::<serde_json::Value>(yaml) {
        Ok(value) => {
            totals.nodes.fetch_add(count_nodes(&value), Ordering::Relaxed);
        }
        Err(_) => {
            totals.errors.fetch_add(1, Ordering::Relaxed);
        }
    }
    let events = pulldown_cmark::Parser::new(body).count() as u64;
    totals.events.fetch_add(events, Ordering::Relaxed);
}

fn main() -> ExitCode {
    let Some(root) = std::env::args_os().nth(1).map(PathBuf::from) else {
        let _ = writeln!(std::io::stderr(), "usage: bare_parse DIR");
        return ExitCode::from(2);
    };
    let totals = Totals::default();
    // ignore's parallel walker reads and parses in its own threads as it finds files,
    // so the walk overlaps the work; RAYON_NUM_THREADS picks the thread count, the way
    // it does for pmpo.
    let threads = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    if std::env::var("BARE_SERIAL").is_ok() {
        use rayon::prelude::*;
        let files: Vec<PathBuf> = WalkBuilder::new(&root)
            .build()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()) && e.path().extension().is_some_and(|e| e == "md"))
            .map(ignore::DirEntry::into_path)
            .collect();
        files.par_iter().for_each(|p| parse(p, &totals));
    } else {
        WalkBuilder::new(&root).threads(threads).build_parallel().run(|| {
            let totals = &totals;
            Box::new(move |entry| {
                if let Ok(entry) = entry
                    && entry.file_type().is_some_and(|t| t.is_file())
                    && entry.path().extension().is_some_and(|e| e == "md")
                {
                    parse(entry.path(), totals);
                }
                WalkState::Continue
            })
        });
    }
    let t = |a: &AtomicU64| a.load(Ordering::Relaxed);
    let _ = writeln!(
        std::io::stdout(),
        "{} {} {} {}",
        t(&totals.files),
        t(&totals.bytes),
        t(&totals.nodes),
        t(&totals.events)
    );
    if t(&totals.errors) > 0 {
        let _ = writeln!(
            std::io::stderr(),
            "{} files could not be read or parsed",
            t(&totals.errors)
        );
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
