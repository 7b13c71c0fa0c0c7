//! `--format github`: workflow commands GitHub turns into annotations, and the job
//! summary. Checked for the command syntax, GitHub's limits and the JSON report.

use std::collections::HashMap;

use serde_json::Value;

use super::limits::huge_workspace;
use super::{
    HOSTILE, PO_ONLY, assert_anchored, assert_snapshot, check, findings, json, manifest_dir, repo_prefix, report,
    visible,
};
use crate::common::{Pmpo, Workspace};

/// A workflow command: its name, its properties decoded, its message decoded.
fn parse_command(line: &str) -> (String, HashMap<String, String>, String) {
    let unescape = |s: &str| {
        s.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
    };
    let rest = line.strip_prefix("::").expect("a command");
    let (head, message) = rest.split_once("::").expect("properties end with ::");
    let (name, props) = head.split_once(' ').unwrap_or((head, ""));
    let props = props
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            assert!(!v.contains(':'), "{p}: a raw `:` in a property");
            (k.to_string(), unescape(v))
        })
        .collect();
    (name.to_string(), props, unescape(message))
}

fn github_matches_findings(root: &str) {
    let report = json(root);
    let out = check(root, "github").stdout();
    let mut lines: Vec<&str> = out.lines().collect();
    assert!(!out.contains('\r'));
    // Errors first, then warnings, then infos, one command each; when the runner will
    // leave some out (10 of each a step), a notice before the infos says how many.
    let of = |s: &'static str| findings(&report).iter().filter(move |f| f["severity"] == s);
    let over = ["error", "warning", "info"].iter().any(|s| of(s).count() > 10);
    let expected: Vec<&Value> = of("error").chain(of("warning")).chain(of("info")).collect();
    let hidden = of("error").count().saturating_sub(10)
        + of("warning").count().saturating_sub(10)
        + of("info").count().saturating_sub(if over { 9 } else { 10 });
    if hidden > 0 {
        let at = of("error").count() + of("warning").count();
        let notice = lines.remove(at);
        assert!(
            notice.starts_with("::notice title=pmpo::")
                && notice.contains(&format!("{hidden} findings are not annotated")),
            "{notice}"
        );
    }
    assert_eq!(lines.len(), expected.len(), "one command a finding and nothing else");
    let prefix = repo_prefix(&manifest_dir().join(root));
    for (line, f) in lines.iter().zip(expected) {
        assert!(!line.chars().any(char::is_control), "{line:?}");
        let (name, props, message) = parse_command(line);
        let expected = match f["severity"].as_str().unwrap() {
            "info" => "notice",
            other => other,
        };
        assert_eq!(name, expected);
        assert_eq!(props["title"], format!("pmpo {}", f["rule"].as_str().unwrap()));
        assert!(
            message.starts_with(&visible(f["message"].as_str().unwrap())),
            "{message:?}"
        );
        match f["file"].as_str() {
            Some(file) => {
                assert_eq!(props["file"], format!("{prefix}{file}"));
                assert_eq!(props["line"], f["line"].to_string());
                match props.get("endLine") {
                    Some(end) => {
                        assert!(end.parse::<u64>().unwrap() > f["line"].as_u64().unwrap());
                        assert!(!props.contains_key("col"), "no column on a multi-line annotation");
                    }
                    None => assert_eq!(props["col"], f["column"].to_string()),
                }
            }
            None => {
                assert_anchored(root, &prefix, &props["file"]);
                assert!(props["line"].parse::<u32>().unwrap() >= 1);
            }
        }
    }
}

#[test]
fn github_commands_carry_every_finding_of_the_po_only_example() {
    github_matches_findings(PO_ONLY);
}

#[test]
fn github_commands_stay_one_line_whatever_the_text() {
    github_matches_findings(HOSTILE);
    let out = check(HOSTILE, "github").stdout();
    let combined = out.lines().find(|l| l.contains("combined-roles")).unwrap();
    assert!(combined.contains("100%25 ::"), "{combined}");
    assert!(
        combined.contains("\\u{1b}[31m\\u{7}"),
        "control characters are made visible"
    );
    assert!(combined.contains(",line=4,endLine=5,"), "{combined}");
    assert!(out.contains("file=tests/fixtures/formats-hostile/backlog/HOST-1 ünïcode%2C 100%25 #1.md,line=4,col=9,"));
}

#[test]
fn github_appends_the_tables_to_the_step_summary() {
    let tmp = Workspace::empty();
    let summary = tmp.root().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    for _ in 0..2 {
        let out = Pmpo::new(["check", PO_ONLY, "--format", "github"])
            .env("GITHUB_STEP_SUMMARY", &summary)
            .run();
        assert_eq!(out.code(), 1);
        assert!(
            out.stdout().lines().all(|l| l.starts_with("::")),
            "the tables are not on stdout"
        );
    }
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("earlier step\n"), "appended, not truncated");
    assert_eq!(text.matches("### Orphaned strategic responsibilities").count(), 2);
    assert_eq!(text.matches("| `product-vision` |").count(), 2);
    assert_eq!(text.matches("**Coverage:** 12 of 27").count(), 2);
}

/// GitHub drops a job summary over 1 MiB whole, counting what earlier steps wrote: with
/// 600 KB there already, pmpo's tables and findings are cut to fit, and the notice says
/// only what is true of where the findings not annotated can be read.
#[test]
fn the_job_summary_stays_within_1_mib_with_what_is_already_there() {
    const MIB: usize = 1024 * 1024;
    let ws = huge_workspace();
    let dir = ws.root();
    let summary = dir.join("summary.md");
    let earlier = "x".repeat(99) + "\n";
    std::fs::write(&summary, earlier.repeat(6_000)).unwrap();
    let out = Pmpo::new(["check", ".", "--format", "github"])
        .dir(dir)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .run();
    assert_eq!(out.code(), 1);
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(text.len() <= MIB, "{} bytes", text.len());
    assert!(text.len() > 900_000, "pmpo used the room left: {} bytes", text.len());
    assert!(text.starts_with(&earlier.repeat(6_000)), "appended, not truncated");
    assert!(text.contains("Cut short here to keep the job summary within GitHub's 1 MiB"));
    let notice = out
        .stdout()
        .lines()
        .find(|l| l.contains("findings are not annotated"))
        .unwrap()
        .to_string();
    let listed = text
        .lines()
        .filter(|l| l.starts_with("| warning |") || l.starts_with("| info |") || l.starts_with("| error |"))
        .count();
    if listed > 0 {
        assert!(
            notice.contains(&format!("the job summary lists the first {listed} of them")),
            "{notice}"
        );
    } else {
        assert!(!notice.contains("job summary"), "{notice}");
    }
    assert!(notice.contains("`pmpo check .` have them all"), "{notice}");

    // A summary already full gets nothing more, and the notice does not point at it.
    std::fs::write(&summary, "y".repeat(MIB - 10)).unwrap();
    let out = Pmpo::new(["check", ".", "--format", "github"])
        .dir(dir)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .run();
    assert_eq!(std::fs::metadata(&summary).unwrap().len(), (MIB - 10) as u64);
    let notice = out
        .stdout()
        .lines()
        .find(|l| l.contains("not annotated"))
        .unwrap()
        .to_string();
    assert!(!notice.contains("job summary"), "{notice}");
}

#[test]
fn the_job_summary_lists_the_findings_not_annotated() {
    let tmp = Workspace::empty();
    let summary = tmp.root().join("summary.md");
    let out = Pmpo::new(["check", PO_ONLY, "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .run();
    let commands = out.stdout();
    let errors = commands.lines().filter(|l| l.starts_with("::error ")).count();
    let text = std::fs::read_to_string(&summary).unwrap();
    if errors > 10 {
        let notice = commands.lines().find(|l| l.contains("not annotated")).unwrap();
        assert!(notice.contains("the job summary lists them"), "{notice}");
        let table = text.split("### Findings not annotated").nth(1).expect("the table");
        let rows = table.lines().filter(|l| l.starts_with("| error |")).count();
        assert_eq!(rows, errors - 10, "exactly the errors past the tenth");
    } else {
        assert!(!text.contains("### Findings not annotated"));
        assert!(!commands.contains("not annotated"));
    }
}

#[test]
fn github_po_only() {
    assert_snapshot("github", "po_only", &report("github", "po_only"));
}

#[test]
fn github_hostile() {
    assert_snapshot("github", "hostile", &report("github", "hostile"));
}
