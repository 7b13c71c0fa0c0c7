//! `--format concise`: one line a finding, `path:line:column: severity [rule] message`.

use super::{PO_ONLY, assert_snapshot, check, findings, json, manifest_dir, report};
use crate::common::Pmpo;

#[test]
fn concise_is_one_line_a_finding_with_paths_that_open_from_here() {
    let report = json(PO_ONLY);
    let out = check(PO_ONLY, "concise").stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), findings(&report).len(), "infos included");
    // The same findings as JSON, each once; lines in (file, line, column) order as
    // printed, a finding without a place among the lines of the file it is anchored on.
    let mut got = Vec::new();
    let mut places = Vec::new();
    for line in &lines {
        let (place, rest) = line.split_once(": ").unwrap();
        let mut parts = place.rsplitn(3, ':');
        let (column, row, path) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
        let (column, row) = (column.parse::<u32>().unwrap(), row.parse::<u32>().unwrap());
        assert!(column >= 1 && row >= 1);
        assert!(
            manifest_dir().join(path).is_file(),
            "{path} opens from the current directory"
        );
        places.push((path.to_string(), row, column));
        got.push(rest.to_string());
    }
    assert!(places.windows(2).all(|w| w[0] <= w[1]), "{places:?}");
    let mut expected: Vec<String> = findings(&report)
        .iter()
        .map(|f| {
            format!(
                "{} [{}] {}",
                f["severity"].as_str().unwrap(),
                f["rule"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
    // From inside the workspace, with no PATH: relative to it, as the user stands there.
    let inside = Pmpo::new(["check", "--format", "concise"])
        .dir(manifest_dir().join(PO_ONLY))
        .run()
        .stdout();
    let from_root = out.replace(&format!("{PO_ONLY}/"), "");
    assert_eq!(inside, from_root);
}

#[test]
fn concise_po_only() {
    assert_snapshot("concise", "po_only", &report("concise", "po_only"));
}

#[test]
fn concise_hostile() {
    assert_snapshot("concise", "hostile", &report("concise", "hostile"));
}
