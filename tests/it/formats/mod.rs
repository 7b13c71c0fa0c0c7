//! The report formats of `pmpo check`, run through the binary: one file per emitter.
//!
//! Each emitter has a snapshot of its report on the [`CASES`] (`<format>_<case>.snap`
//! in `tests/it/snapshots`), which shows what the report looks like and catches any
//! change to it. Beside the snapshots stay the checks of what a consumer requires (the
//! SARIF schema, Jenkins' `junit-10.xsd`, GitLab's fields, GitHub's command syntax and
//! limits), with the JSON report of the same workspace as the oracle: each format must
//! carry every finding and the coverage it describes, and stay valid whatever the
//! documents' text holds (`formats-hostile` puts quotes, line breaks, `%`, `::`, markup,
//! pipes, backticks, control characters and non-ASCII in titles, names and a file name).

mod concise;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod limits;
mod markdown;
mod outputs;
mod sarif;

pub(crate) use sarif::sarif_validator;

use std::path::Path;

use serde_json::Value;

use crate::common::{self, Pmpo, Run, Workspace, copy_dir};

const HOSTILE: &str = "tests/fixtures/formats-hostile";
const PO_ONLY: &str = "examples/po-only";
const ACME: &str = "examples/acme";
const PRODUCTS: &str = "examples/two-products";
const FORMATS: [&str; 4] = ["sarif", "github", "junit", "markdown"];

/// The workspaces the emitters' snapshots show: the small example, with findings of every
/// severity and the coverage tables; the fixture whose text is made to break formats (with
/// the waived and traceability tables); and, for the text reports, two products, whose
/// tables carry each row's product and whose product manager is over the load limit.
const CASES: [(&str, &str); 3] = [("po_only", PO_ONLY), ("hostile", HOSTILE), ("products", PRODUCTS)];

/// `pmpo check ROOT --format FORMAT` for the case named `case` in [`CASES`]: its stdout,
/// after checking that it ended as a check does (0 or 1) with nothing on stderr. The
/// version pmpo gives itself reads `[version]`, so that a release changes no snapshot.
fn report(format: &str, case: &str) -> String {
    let root = CASES
        .iter()
        .find(|(name, _)| *name == case)
        .map_or_else(|| panic!("no case {case}"), |(_, root)| *root);
    let run = check(root, format);
    assert!(
        matches!(run.code(), 0 | 1) && run.stderr_bytes().is_empty(),
        "{root} --format {format}: exit {}\n{}",
        run.code(),
        run.stderr()
    );
    run.stdout().replace(env!("CARGO_PKG_VERSION"), "[version]")
}

/// `text` as the snapshot `FORMAT_CASE`: `it__formats__FORMAT_CASE.snap` in
/// `tests/it/snapshots` with the others. One place asserts every emitter's snapshot, so
/// that they share one module's prefix whichever file their test is in.
fn assert_snapshot(format: &str, case: &str, text: &str) {
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        insta::assert_snapshot!(format!("{format}_{case}"), text);
    });
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn check(root: &str, format: &str) -> Run {
    Pmpo::new(["check", root, "--format", format]).run()
}

fn json(root: &str) -> Value {
    check(root, "json").json()
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().unwrap()
}

/// The workspace root relative to its git root, ending in `/` (empty when it is the
/// git root or in no repository): where the CI formats must start their paths.
fn repo_prefix(root: &Path) -> String {
    let root = std::fs::canonicalize(root).unwrap();
    match root.ancestors().find(|d| d.join(".git").exists()) {
        Some(git) => root
            .strip_prefix(git)
            .unwrap()
            .components()
            .fold(String::new(), |acc, c| acc + &c.as_os_str().to_string_lossy() + "/"),
        None => String::new(),
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// Control characters as pmpo shows document text to a terminal or a log.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The rule names of the CLI.md table, the contract the SARIF driver must describe.
fn spec_rules() -> Vec<String> {
    let spec = std::fs::read_to_string(manifest_dir().join("tests/spec/CLI.md")).unwrap();
    spec.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            (cells.len() >= 4 && cells[1].starts_with('`') && matches!(cells[2], "error" | "warning" | "info"))
                .then(|| cells[1].trim_matches('`').to_string())
        })
        .filter(|name| !common::pending_rules().contains(name))
        .collect()
}

#[test]
fn exit_codes_and_bytes_do_not_depend_on_the_format() {
    for root in [HOSTILE, PO_ONLY, ACME] {
        let expected = check(root, "json").code();
        assert!(expected == 0 || expected == 1, "{root}: {expected}");
        for format in FORMATS {
            let first = check(root, format);
            assert_eq!(first.code(), expected, "{root} --format {format}");
            assert!(
                first.stderr_bytes().is_empty(),
                "{root} --format {format}: {}",
                String::from_utf8_lossy(first.stderr_bytes())
            );
            assert_eq!(
                first.stdout_bytes(),
                check(root, format).stdout_bytes(),
                "{root} --format {format} is deterministic"
            );
        }
    }
    assert_eq!(check(ACME, "sarif").code(), 0);
    assert_eq!(check(HOSTILE, "sarif").code(), 1);
}

/// `--format json` alone drops the documents' texts and the items' titles after parsing
/// (nothing in it reads them); beside a format that shows code frames they are kept.
/// The JSON must not tell.
#[test]
fn json_is_the_same_whether_the_texts_were_kept_or_not() {
    let dir = Workspace::empty();
    for root in [HOSTILE, PO_ONLY, ACME] {
        let alone = check(root, "json");
        let file = dir.root().join("report.json");
        let file_arg = format!("json={}", file.display());
        let beside = Pmpo::new(["check", root, "--format", "human", "--format", &file_arg]).run();
        assert_eq!(alone.code(), beside.code(), "{root}");
        assert!(
            !findings(&json(root)).is_empty() || root == ACME,
            "{root} has findings to compare"
        );
        assert_eq!(alone.stdout(), std::fs::read_to_string(&file).unwrap(), "{root}");
    }
}

/// A finding without a place is put on a real file of the workspace (CLI.md: the catalog
/// entry, the vision, `pmpo.yaml`, else the first charter); `path` is as the CI formats
/// write it, relative to the git root.
fn assert_anchored(root: &str, prefix: &str, path: &str) {
    let file = path
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("{path} is not under {prefix}"));
    assert!(
        manifest_dir().join(root).join(file).is_file(),
        "{path} is a real file of {root}"
    );
    let dir = manifest_dir().join(root);
    let mut charters: Vec<String> = std::fs::read_dir(dir.join("roles"))
        .map(|d| {
            d.map(|e| format!("roles/{}", e.unwrap().file_name().to_string_lossy()))
                .collect()
        })
        .unwrap_or_default();
    charters.sort();
    // Without vision and `pmpo.yaml`, the charter where the fix is written (the role
    // the catalog expects, else the one accountable for most of the area): a charter.
    let expected = ["vision.md", "pmpo.yaml"]
        .into_iter()
        .map(String::from)
        .find(|f| dir.join(f).is_file());
    let ok = match &expected {
        Some(expected) => file == expected,
        None => charters.iter().any(|c| c == file),
    };
    assert!(
        ok || file == "responsibilities.yaml",
        "{file} for {root}, not {expected:?}"
    );
}
