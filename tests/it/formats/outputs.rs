//! Several reports in one run, and `-o`: each report as it would be alone, written only
//! where a report may go.

use super::{ACME, PO_ONLY, check};
use crate::common::{self, Pmpo, Workspace};

#[test]
fn one_run_writes_several_reports_each_as_alone() {
    let tmp = Workspace::empty();
    let sarif_file = tmp.root().join("out/pmpo.sarif");
    let junit_file = tmp.root().join("report.xml");
    let out = Pmpo::new([
        "check",
        PO_ONLY,
        "--format",
        "github",
        "--format",
        &format!("sarif={}", sarif_file.display()),
        "--format",
        &format!("junit={}", junit_file.display()),
    ])
    .run();
    assert_eq!(out.code(), check(PO_ONLY, "json").code(), "the exit code of one");
    assert_eq!(out.stdout(), check(PO_ONLY, "github").stdout());
    assert_eq!(
        std::fs::read(&sarif_file).unwrap(),
        check(PO_ONLY, "sarif").stdout_bytes()
    );
    assert_eq!(
        std::fs::read(&junit_file).unwrap(),
        check(PO_ONLY, "junit").stdout_bytes()
    );
    let left: Vec<_> = std::fs::read_dir(tmp.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "no temporary file left behind: {left:?}");
}

#[test]
fn output_file_takes_the_report_that_would_go_to_stdout() {
    let tmp = Workspace::empty();
    let file = tmp.root().join("findings.json");
    std::fs::write(&file, "an older report").unwrap();
    let out = Pmpo::new(["check", PO_ONLY, "--format", "json", "-o", &file.display().to_string()]).run();
    assert_eq!(out.code(), 1);
    assert!(out.stdout_bytes().is_empty(), "nothing on stdout");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        check(PO_ONLY, "json").stdout_bytes(),
        "replaced whole"
    );
    // Human output to a file has no colour codes, even when colour is forced.
    let human = tmp.root().join("human.txt");
    let out = Pmpo::new([
        "--color",
        "always",
        "check",
        PO_ONLY,
        "--output-file",
        &human.display().to_string(),
    ])
    .run();
    assert_eq!(out.code(), 1);
    let text = std::fs::read_to_string(&human).unwrap();
    assert!(text.contains("Orphaned strategic responsibilities") && !text.contains('\u{1b}'));
    // `pmpo matrix -o`.
    let matrix = tmp.root().join("raci.csv");
    let out = Pmpo::new(["matrix", ACME, "--format", "csv", "-o", &matrix.display().to_string()]).run();
    assert_eq!(out.code(), 0);
    assert!(out.stdout_bytes().is_empty());
    let direct = Pmpo::new(["matrix", ACME, "--format", "csv"]).run();
    assert_eq!(std::fs::read(&matrix).unwrap(), direct.stdout_bytes());
}

#[test]
fn reports_that_would_collide_are_a_usage_error() {
    let tmp = Workspace::empty();
    let file = tmp.root().join("r.txt").display().to_string();
    for args in [
        vec!["--format", "github", "--format", "sarif"],
        vec![
            "--format",
            &*format!("sarif={file}"),
            "--format",
            &*format!("junit={file}"),
        ],
        vec!["--format", &*format!("sarif={file}"), "-o", &*file],
        vec!["--format", "sarif="],
        vec!["--format", "xml=report.xml"],
    ] {
        let mut all = vec!["check", PO_ONLY];
        all.extend(args.iter().copied());
        let out = Pmpo::new(all).run();
        assert_eq!(
            out.code(),
            2,
            "{args:?}: {}",
            String::from_utf8_lossy(out.stderr_bytes())
        );
        assert!(out.stdout_bytes().is_empty(), "{args:?}");
        assert!(!tmp.root().join("r.txt").exists(), "{args:?}: nothing written");
    }
}

/// A report is written only to a regular file: a named pipe (or `/dev/null`) as `-o`
/// is refused with exit 2, left as it is, and nothing blocks on it (issue 23).
#[cfg(unix)]
#[test]
fn a_report_is_not_written_into_a_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let tmp = Workspace::empty();
    let fifo = tmp.root().join("report.pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        common::say("mkfifo not available: the pipe test is skipped");
        return;
    }
    let out = Pmpo::new([
        "check",
        PO_ONLY,
        "--format",
        "concise",
        "-o",
        &fifo.display().to_string(),
    ])
    .run();
    assert!(
        std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(),
        "still a pipe"
    );
    assert_eq!(out.code(), 2, "{}", String::from_utf8_lossy(out.stderr_bytes()));
    assert!(
        String::from_utf8_lossy(out.stderr_bytes()).contains("FIFO"),
        "{}",
        String::from_utf8_lossy(out.stderr_bytes())
    );
}

#[test]
fn a_report_never_replaces_a_workspace_document() {
    let ws = common::Workspace::new(&[("roles/po.md", "---\nholders: [dana]\n---\n")]);
    let before = std::fs::read(ws.root().join("roles/po.md")).unwrap();
    for args in [
        vec!["check", ".", "-o", "roles/po.md"],
        vec!["check", ".", "--format", "sarif=roles/../roles/po.md"],
    ] {
        let out = Pmpo::new(&args).dir(ws.root()).run();
        assert_eq!(out.code(), 2, "{args:?}");
        assert_eq!(
            std::fs::read(ws.root().join("roles/po.md")).unwrap(),
            before,
            "{args:?}"
        );
    }
}
