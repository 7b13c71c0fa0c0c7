//! The CI formats (`sarif`, `github`, `junit`, `markdown`), run through the binary.
//!
//! The JSON report of the same workspace is the oracle: each format must carry every
//! finding and the coverage it describes, and stay valid whatever the documents' text
//! holds (`formats-hostile` puts quotes, line breaks, `%`, `::`, markup, pipes,
//! backticks, control characters and non-ASCII in titles, names and a file name).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{self, Pmpo, Run, Workspace, copy_dir};

const HOSTILE: &str = "tests/fixtures/formats-hostile";
const PO_ONLY: &str = "examples/po-only";
const ACME: &str = "examples/acme";
const FORMATS: [&str; 4] = ["sarif", "github", "junit", "markdown"];

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
        let expected = check(root, "json").code_or_signal();
        assert!(expected == Some(0) || expected == Some(1), "{root}: {expected:?}");
        for format in FORMATS {
            let first = check(root, format);
            assert_eq!(first.code_or_signal(), expected, "{root} --format {format}");
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
        assert_eq!(alone.code_or_signal(), beside.code_or_signal(), "{root}");
        assert!(
            !findings(&json(root)).is_empty() || root == ACME,
            "{root} has findings to compare"
        );
        assert_eq!(alone.stdout(), std::fs::read_to_string(&file).unwrap(), "{root}");
    }
}

// ---------------------------------------------------------------------------- sarif

fn sarif(root: &str) -> Value {
    serde_json::from_str(&check(root, "sarif").stdout()).expect("SARIF is JSON")
}

#[test]
fn sarif_describes_every_rule_of_the_registry() {
    let log = sarif(ACME);
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().starts_with("https://"));
    let driver = &log["runs"][0]["tool"]["driver"];
    assert_eq!(driver["name"], "pmpo");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut expected = spec_rules();
    let mut got: Vec<String> = ids.iter().map(ToString::to_string).collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        for key in ["shortDescription", "fullDescription"] {
            assert!(!rule[key]["text"].as_str().unwrap().is_empty(), "{id} {key}");
        }
        let help = rule["help"]["markdown"].as_str().unwrap();
        assert!(help.contains("## How to fix"), "{id}");
        assert!(["error", "warning", "note"].contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
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

fn sarif_matches_findings(root: &str) {
    let report = json(root);
    let log = sarif(root);
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    let expected = findings(&report);
    assert_eq!(results.len(), expected.len(), "{root}");
    let prefix = repo_prefix(&manifest_dir().join(root));
    let mut fingerprints = HashSet::new();
    for (r, f) in results.iter().zip(expected) {
        assert_eq!(r["ruleId"], f["rule"]);
        let index = usize::try_from(r["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], f["rule"]);
        let level = match f["severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(r["level"], level);
        assert!(
            r["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with(f["message"].as_str().unwrap())
        );
        let locations = r["locations"].as_array().unwrap();
        assert_eq!(locations.len(), 1, "code scanning rejects a result without a location");
        let physical = &locations[0]["physicalLocation"];
        let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
        assert!(!uri.contains([' ', '#', '?', '\\']), "{uri} is a URI reference");
        let region = &physical["region"];
        assert!(
            region["startLine"].as_u64().is_some_and(|l| l >= 1),
            "code scanning needs a region with a start line: {r}"
        );
        match f["file"].as_str() {
            Some(file) => {
                assert_eq!(percent_decode(uri), format!("{prefix}{file}"));
                assert_eq!(region["startLine"], f["line"]);
                assert_eq!(region["startColumn"], f["column"]);
                if let Some(end) = region["endLine"].as_u64() {
                    assert!(end >= region["startLine"].as_u64().unwrap());
                }
            }
            None => assert_anchored(root, &prefix, &percent_decode(uri)),
        }
        let related = r["relatedLocations"].as_array().map_or(0, Vec::len);
        assert_eq!(related, f["related"].as_array().unwrap().len());
        let fingerprint = r["partialFingerprints"]["pmpo/v1"].as_str().unwrap();
        assert!(
            fingerprints.insert(fingerprint.to_string()),
            "fingerprints are unique in a run"
        );
    }
}

#[test]
fn sarif_carries_every_finding_of_the_po_only_example() {
    sarif_matches_findings(PO_ONLY);
}

#[test]
fn sarif_carries_every_finding_of_the_hostile_fixture() {
    sarif_matches_findings(HOSTILE);
    let log = sarif(HOSTILE);
    let uris: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.iter()
            .any(|u| u.ends_with("backlog/HOST-1%20%C3%BCn%C3%AFcode,%20100%25%20%231.md")),
        "{uris:?}"
    );
}

#[test]
fn sarif_regions_end_where_the_value_ends() {
    let log = sarif(HOSTILE);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let region = |rule: &str| {
        results.iter().find(|r| r["ruleId"] == rule).unwrap()["locations"][0]["physicalLocation"]["region"].clone()
    };
    // `reports_to: head-of-prodcut` on line 6: the value is 15 characters from column 13.
    let typo = region("unknown-role");
    assert_eq!(
        (typo["startLine"].as_u64(), typo["startColumn"].as_u64()),
        (Some(6), Some(13))
    );
    assert_eq!(
        (typo["endLine"].as_u64(), typo["endColumn"].as_u64()),
        (Some(6), Some(28))
    );
    // The holder of product-manager is a quoted scalar folded over two lines.
    let holder = region("combined-roles");
    assert_eq!(holder["startLine"], 4);
    assert_eq!(holder["endLine"], 5);
}

#[test]
fn sarif_fingerprints_survive_moved_lines() {
    let tmp = Workspace::empty();
    let ws = tmp.root().join("ws");
    copy_dir(&manifest_dir().join(HOSTILE), &ws);
    let before = Pmpo::new(["check", "ws", "--format", "sarif"]).dir(tmp.root()).run();
    for doc in [
        "roles/product-manager.md",
        "vision.md",
        "backlog/HOST-1 ünïcode, 100% #1.md",
    ] {
        let path = ws.join(doc);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen("---\n", "---\n# moved down\n\n", 1)).unwrap();
    }
    let after = Pmpo::new(["check", "ws", "--format", "sarif"]).dir(tmp.root()).run();
    let prints = |out: &Run| -> HashMap<String, (String, u64)> {
        let log: Value = serde_json::from_slice(out.stdout_bytes()).unwrap();
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let print = r["partialFingerprints"]["pmpo/v1"].as_str().unwrap().to_string();
                let line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap();
                (print, (r["ruleId"].as_str().unwrap().to_string(), line))
            })
            .collect()
    };
    let (before, after) = (prints(&before), prints(&after));
    assert_eq!(
        before.keys().collect::<HashSet<_>>(),
        after.keys().collect::<HashSet<_>>(),
        "the same findings keep the same fingerprints"
    );
    let moved = before.iter().filter(|(k, v)| after[*k].1 != v.1).count();
    assert!(moved >= 5, "the edit moved findings down ({moved} moved)");
}

#[test]
fn sarif_paths_are_relative_to_the_git_root() {
    let tmp = Workspace::empty();
    if tmp.root().ancestors().all(|d| !d.join(".git").exists()) {
        // Outside any repository: relative to the workspace root.
        copy_dir(&manifest_dir().join(HOSTILE), &tmp.root().join("ws"));
        let out = Pmpo::new(["check", "ws", "--format", "sarif"]).dir(tmp.root()).run();
        let log: Value = serde_json::from_slice(out.stdout_bytes()).unwrap();
        let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
        assert!(uri.as_str().unwrap().starts_with("backlog/"), "{uri}");
    }
    let repo = tmp.root().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    copy_dir(&manifest_dir().join(HOSTILE), &repo.join("product/ws"));
    let out = Pmpo::new(["check", "ws", "--format", "sarif"])
        .dir(repo.join("product"))
        .run();
    let log: Value = serde_json::from_slice(out.stdout_bytes()).unwrap();
    for r in log["runs"][0]["results"].as_array().unwrap() {
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(uri.starts_with("product/ws/"), "{uri}");
    }
    // Two workspaces of one repository keep their alerts apart: the category is the
    // workspace's path unless one is given.
    assert_eq!(log["runs"][0]["automationDetails"]["id"], "pmpo/product/ws/");
    let out = Pmpo::new(["check", "ws", "--format", "sarif", "--sarif-category", "charters"])
        .dir(repo.join("product"))
        .run();
    let log: Value = serde_json::from_slice(out.stdout_bytes()).unwrap();
    assert_eq!(log["runs"][0]["automationDetails"]["id"], "charters/");
    let out = Pmpo::new(["check", ".", "--format", "sarif"])
        .dir(repo.join("product/ws"))
        .run();
    let log: Value = serde_json::from_slice(out.stdout_bytes()).unwrap();
    assert_eq!(
        log["runs"][0]["automationDetails"]["id"], "pmpo/product/ws/",
        "the path in the repository, not as typed"
    );
}

/// What GitHub Advanced Security for Azure DevOps requires beyond the schema (`GHAzDO1014`:
/// `automationDetails.id`; `GHAzDO1018`: `tool.driver.fullName`), and the identity code
/// scanning reads.
#[test]
fn sarif_names_its_tool_and_its_run() {
    for root in [ACME, PO_ONLY] {
        let log = sarif(root);
        let run = &log["runs"][0];
        let driver = &run["tool"]["driver"];
        assert_eq!(driver["fullName"], format!("pmpo {}", env!("CARGO_PKG_VERSION")));
        assert_eq!(driver["semanticVersion"], env!("CARGO_PKG_VERSION"));
        let id = run["automationDetails"]["id"].as_str().unwrap();
        assert!(id.starts_with("pmpo") && id.ends_with('/'), "{id}");
        assert!(
            run["invocations"][0]["toolExecutionNotifications"].is_null(),
            "small runs say nothing"
        );
    }
}

/// Validates real runs against the official schema: the file `PMPO_SARIF_SCHEMA` names,
/// or `schemas/sarif-schema-2.1.0.json` in the shared/ directory (see [`common::shared`]:
/// absent in CI, that fails the test).
pub(crate) fn sarif_validator() -> Option<(jsonschema::Validator, PathBuf)> {
    let path = match std::env::var_os("PMPO_SARIF_SCHEMA").filter(|p| !p.is_empty()) {
        Some(path) => PathBuf::from(path),
        None => common::shared(
            "schemas/sarif-schema-2.1.0.json",
            "SARIF output against the official schema",
        )?,
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    Some((validator, path))
}

#[test]
fn sarif_passes_the_official_schema() {
    let Some((validator, path)) = sarif_validator() else {
        return;
    };
    for root in [PO_ONLY, HOSTILE, ACME] {
        let log = sarif(root);
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{root}: {errors:#?}");
    }
    // The validator does reject what the schema forbids.
    let mut broken = sarif(PO_ONLY);
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    broken["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    assert_eq!(validator.iter_errors(&broken).count(), 2);
    common::say(&format!(
        "SARIF of {PO_ONLY}, {HOSTILE} and {ACME} valid against {}",
        path.display()
    ));
}

// --------------------------------------------------------------------------- github

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

// ---------------------------------------------------------------------------- junit

/// The Jenkins xUnit plugin's `junit-10.xsd` (jenkinsci/xunit-plugin,
/// `src/main/resources/org/jenkinsci/plugins/xunit/types/model/xsd/junit-10.xsd`),
/// which Jenkins applies before reading a report and skips a file that fails, rewritten
/// as a test: each element's allowed and required attributes and allowed children. No
/// XSD validator crate is worth a dependency for one flat schema.
fn assert_junit_10(doc: &roxmltree::Document) {
    struct Shape {
        attributes: &'static [&'static str],
        required: &'static [&'static str],
        children: &'static [&'static str],
    }
    const TEXT: Shape = Shape {
        attributes: &["type", "message"],
        required: &[],
        children: &[],
    };
    let shape = |name: &str| -> Shape {
        match name {
            "testsuites" => Shape {
                attributes: &["name", "time", "tests", "failures", "errors"],
                required: &[],
                children: &["testsuite"],
            },
            "testsuite" => Shape {
                attributes: &[
                    "name",
                    "tests",
                    "failures",
                    "errors",
                    "group",
                    "time",
                    "skipped",
                    "timestamp",
                    "hostname",
                    "id",
                    "package",
                    "file",
                    "log",
                    "url",
                ],
                required: &["name", "tests", "failures", "errors"],
                children: &["testsuite", "properties", "testcase", "system-out", "system-err"],
            },
            "testcase" => Shape {
                attributes: &["name", "time", "classname", "group"],
                required: &["name"],
                children: &[
                    "skipped",
                    "error",
                    "failure",
                    "rerunFailure",
                    "rerunError",
                    "flakyFailure",
                    "flakyError",
                    "system-out",
                    "system-err",
                ],
            },
            "failure" | "error" | "skipped" => TEXT,
            "system-out" | "system-err" => Shape {
                attributes: &[],
                required: &[],
                children: &[],
            },
            "properties" => Shape {
                attributes: &[],
                required: &[],
                children: &["property"],
            },
            "property" => Shape {
                attributes: &["name", "value"],
                required: &["name", "value"],
                children: &[],
            },
            other => panic!("junit-10.xsd has no element `{other}`"),
        }
    };
    let top = doc.root_element();
    assert!(matches!(top.tag_name().name(), "testsuites" | "testsuite"));
    for node in top.descendants().filter(roxmltree::Node::is_element) {
        let name = node.tag_name().name();
        let shape = shape(name);
        for a in node.attributes() {
            assert!(
                shape.attributes.contains(&a.name()),
                "junit-10.xsd: `{name}` may not carry `{}`",
                a.name()
            );
        }
        for required in shape.required {
            assert!(
                node.attribute(*required).is_some(),
                "junit-10.xsd: `{name}` needs `{required}`"
            );
        }
        for child in node.children().filter(roxmltree::Node::is_element) {
            assert!(
                shape.children.contains(&child.tag_name().name()),
                "junit-10.xsd: `{name}` may not hold `{}`",
                child.tag_name().name()
            );
        }
        if let Some(time) = node.attribute("time") {
            assert!(
                time.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ','),
                "{time}"
            );
        }
    }
}

#[test]
fn the_junit_10_check_rejects_what_jenkins_rejects() {
    for bad in [
        r#"<testsuites skipped="0"/>"#,
        r#"<testsuites><testsuite name="s" tests="1" failures="0" errors="0"><testcase name="c" file="a.md"/></testsuite></testsuites>"#,
        r#"<testsuites><testsuite name="s" tests="1" failures="0"/></testsuites>"#,
        r#"<testsuites><testsuite name="s" tests="1" failures="0" errors="0"><testcase name="c"><properties/></testcase></testsuite></testsuites>"#,
    ] {
        let doc = roxmltree::Document::parse(bad).unwrap();
        let caught = std::panic::catch_unwind(|| assert_junit_10(&doc));
        assert!(caught.is_err(), "accepted {bad}");
    }
    let good = r#"<testsuites name="pmpo" tests="1" failures="1" errors="0"><testsuite name="s" tests="1" failures="1" errors="0" skipped="0"><testcase name="c" classname="x"><failure type="t" message="m">text</failure><system-out>at a.md:1:1</system-out></testcase></testsuite></testsuites>"#;
    assert_junit_10(&roxmltree::Document::parse(good).unwrap());
}

#[test]
fn junit_fails_warnings_only_with_deny_warnings() {
    // examples/combined exits 0 with warnings; `--deny warnings` makes it exit 1.
    for (deny, code) in [(false, 0), (true, 1)] {
        let mut args = vec!["check", "examples/combined", "--format", "junit"];
        if deny {
            args.extend(["--deny", "warnings"]);
        }
        let out = Pmpo::new(args).run();
        assert_eq!(out.code(), code, "--deny warnings: {deny}");
        let xml = out.stdout();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        assert_junit_10(&doc);
        let failures: usize = doc.root_element().attribute("failures").unwrap().parse().unwrap();
        assert_eq!(failures > 0, code == 1, "{xml}");
    }
}

#[test]
fn junit_agrees_with_rules_made_warnings() {
    let ws = common::Workspace::new(&[
        ("roles/po.md", "---\nholders: [dana]\n---\n"),
        (
            "pmpo.yaml",
            "rules:\n  unowned: warning\n  orphaned-strategic: warning\n  missing-vision: off\n",
        ),
    ]);
    for (deny, code) in [(false, 0), (true, 1)] {
        let mut args = vec!["check", ".", "--format", "junit"];
        if deny {
            args.extend(["--deny", "warnings"]);
        }
        let out = Pmpo::new(args).dir(ws.root()).run();
        assert_eq!(out.code(), code);
        let xml = out.stdout();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        assert_junit_10(&doc);
        let coverage = doc
            .descendants()
            .find(|n| n.attribute("name") == Some("coverage"))
            .unwrap();
        let (failures, skipped) = (coverage.attribute("failures"), coverage.attribute("skipped"));
        if deny {
            assert_eq!(
                (failures, skipped),
                (Some("27"), Some("0")),
                "every uncovered case fails"
            );
        } else {
            assert_eq!(
                (failures, skipped),
                (Some("0"), Some("27")),
                "uncovered, but the run passes: skipped"
            );
        }
    }
}

fn junit_matches_report(root: &str) {
    let report = json(root);
    let xml = check(root, "junit").stdout();
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{root}: invalid XML: {e}\n{xml}"));
    let prefix = repo_prefix(&manifest_dir().join(root));
    let top = doc.root_element();
    assert_eq!(top.tag_name().name(), "testsuites");
    let coverage = report["coverage"].as_array().unwrap();
    let ids: HashSet<&str> = coverage.iter().map(|c| c["id"].as_str().unwrap()).collect();
    let about = |f: &Value, id: &str| f["subject"].as_str() == Some(id);
    // What fails the run fails a case: errors (no `--deny warnings` here).
    let failing = |f: &Value| f["severity"] == "error";
    assert_junit_10(&doc);

    let suites: Vec<_> = top.children().filter(roxmltree::Node::is_element).collect();
    assert_eq!(suites.len(), 2);
    let attr = |n: &roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<usize>().unwrap();
    let (mut tests, mut failures, mut skipped) = (0, 0, 0);
    for suite in &suites {
        let cases: Vec<_> = suite.children().filter(roxmltree::Node::is_element).collect();
        let count = |tag: &str| {
            cases
                .iter()
                .filter(|c| c.children().any(|n| n.tag_name().name() == tag))
                .count()
        };
        assert_eq!(attr(suite, "tests"), cases.len());
        assert_eq!(attr(suite, "failures"), count("failure"));
        assert_eq!(attr(suite, "skipped"), count("skipped"));
        assert_eq!(attr(suite, "errors"), 0);
        tests += cases.len();
        failures += count("failure");
        skipped += count("skipped");
    }
    assert_eq!((attr(&top, "tests"), attr(&top, "failures")), (tests, failures));
    let exit_code = check(root, "junit").code_or_signal();
    assert_eq!(
        exit_code == Some(1),
        failures > 0,
        "failing cases agree with the exit code"
    );
    assert!(skipped <= tests);

    let cases =
        |i: usize| -> Vec<roxmltree::Node> { suites[i].children().filter(roxmltree::Node::is_element).collect() };
    assert_eq!(suites[0].attribute("name"), Some("coverage"));
    let responsibility_cases = cases(0);
    assert_eq!(
        responsibility_cases.len(),
        coverage.len(),
        "one test case a responsibility"
    );
    for (case, c) in responsibility_cases.iter().zip(coverage) {
        let id = c["id"].as_str().unwrap();
        assert_eq!(case.attribute("name"), Some(id));
        let status = c["status"].as_str().unwrap();
        let should_fail = findings(&report).iter().any(|f| about(f, id) && failing(f));
        let failed = case.children().any(|n| n.tag_name().name() == "failure");
        assert_eq!(failed, should_fail, "{id} ({status})");
        let skipped = case.children().any(|n| n.tag_name().name() == "skipped");
        assert_eq!(skipped, status != "covered" && !should_fail, "{id}");
    }
    assert_eq!(suites[1].attribute("name"), Some("findings"));
    let rest: Vec<&Value> = findings(&report)
        .iter()
        .filter(|f| !f["subject"].as_str().is_some_and(|s| ids.contains(s)))
        .collect();
    let finding_cases = cases(1);
    assert_eq!(
        finding_cases.len(),
        rest.len(),
        "one test case a finding not about a responsibility"
    );
    for (case, f) in finding_cases.iter().zip(rest) {
        let message = visible(f["message"].as_str().unwrap());
        let name = case.attribute("name").unwrap();
        assert!(name.starts_with(message.as_str()), "attributes round-trip: {name}");
        if let Some(file) = f["file"].as_str() {
            let at = format!("{}{}:{}:{}", prefix, visible(file), f["line"], f["column"]);
            assert!(name.contains(&at), "the place is in the name: {name} ({at})");
        }
        let failure = case.children().find(|n| n.tag_name().name() == "failure");
        assert_eq!(failure.is_some(), failing(f), "{message}");
        if let Some(failure) = failure {
            assert_eq!(failure.attribute("message"), Some(message.as_str()));
            assert!(failure.text().unwrap().contains(&message));
        }
    }
}

/// GitLab keys a test case by suite, class name and name, and folds cases that share
/// them; every case of a suite must differ in one of the two.
fn assert_gitlab_keys_unique(doc: &roxmltree::Document) {
    for suite in doc.descendants().filter(|n| n.has_tag_name("testsuite")) {
        let mut keys = std::collections::HashSet::new();
        for case in suite.children().filter(|n| n.has_tag_name("testcase")) {
            let key = (case.attribute("classname"), case.attribute("name"));
            assert!(keys.insert(key), "{:?}: {key:?} twice", suite.attribute("name"));
        }
    }
}

#[test]
fn junit_names_are_unique_within_a_suite() {
    for root in [PO_ONLY, HOSTILE, ACME] {
        let xml = check(root, "junit").stdout();
        assert_gitlab_keys_unique(&roxmltree::Document::parse(&xml).unwrap());
    }
    // Two charters with one unknown field: two `invalid-field` findings, one message.
    let charter = "---\nholders: [dana]\nresponsibilities:\n  backlog-ordering: A\ncolour: blue\n---\n";
    let ws = Workspace::new(&[
        ("roles/a.md", charter),
        ("roles/b.md", charter),
        ("roles/c.md", charter),
    ]);
    let out = Pmpo::new(["check", ".", "--format", "junit"]).dir(ws.root()).run();
    let xml = out.stdout();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_junit_10(&doc);
    assert_gitlab_keys_unique(&doc);
    let invalid: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("classname") == Some("pmpo.invalid-field"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    assert_eq!(invalid.len(), 3, "{xml}");
    for (i, file) in ["roles/a.md", "roles/b.md", "roles/c.md"].iter().enumerate() {
        assert!(invalid[i].contains(file), "{}", invalid[i]);
    }
    // The check itself catches a repeat.
    let twice = r#"<testsuites><testsuite name="s"><testcase name="n" classname="c"/><testcase name="n" classname="c"/></testsuite></testsuites>"#;
    let caught = std::panic::catch_unwind(|| assert_gitlab_keys_unique(&roxmltree::Document::parse(twice).unwrap()));
    assert!(caught.is_err());
}

#[test]
fn junit_reports_each_responsibility_and_finding_of_the_po_only_example() {
    junit_matches_report(PO_ONLY);
    junit_matches_report(ACME);
}

#[test]
fn junit_stays_valid_xml_whatever_the_text() {
    junit_matches_report(HOSTILE);
    let xml = check(HOSTILE, "junit").stdout();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let waived = doc
        .descendants()
        .find(|n| n.attribute("name") == Some("go-to-market"))
        .unwrap();
    let skipped = waived.children().find(|n| n.tag_name().name() == "skipped").unwrap();
    assert_eq!(
        skipped.attribute("message"),
        Some("waived: Not <yet> & \"never\" 100% | `sure` :: ünïcode\nsecond line, 'quoted'"),
        "the reason survives escaping exactly"
    );
    let pricing = doc
        .descendants()
        .find(|n| n.attribute("name") == Some("pricing"))
        .unwrap();
    assert_eq!(pricing.attribute("classname"), Some("pmpo.coverage.strategy & <money>"));
}

// ------------------------------------------------------------------------- markdown

/// Pipes that end a cell: not escaped with a backslash.
fn cell_pipes(line: &str) -> usize {
    let bytes = line.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
        .count()
}

fn markdown_matches_report(root: &str) -> String {
    let report = json(root);
    let md = check(root, "markdown").stdout();
    let mut header_pipes = None;
    let mut finding_rows = 0;
    let mut in_findings = false;
    for line in md.lines() {
        if line.starts_with("### ") {
            in_findings = line == "### Findings";
            header_pipes = None;
        }
        if !line.starts_with('|') {
            continue;
        }
        match header_pipes {
            None => header_pipes = Some(cell_pipes(line)),
            Some(n) => {
                assert_eq!(cell_pipes(line), n, "a cell broke its table: {line}");
                if in_findings && !line.starts_with("| ---") {
                    finding_rows += 1;
                }
            }
        }
    }
    assert_eq!(finding_rows, findings(&report).len(), "{root}");
    let c = &report["summary"];
    assert!(md.starts_with(&format!("## pmpo check: {} error", c["errors"].as_u64().unwrap())));
    md
}

#[test]
fn markdown_lists_every_finding_and_the_tables() {
    let md = markdown_matches_report(PO_ONLY);
    for heading in [
        "### Orphaned strategic responsibilities",
        "### Unowned responsibilities",
        "### Overlaps",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    let coverage = json(PO_ONLY)["coverage"].as_array().unwrap().clone();
    for c in coverage.iter().filter(|c| c["status"] == "orphaned") {
        assert!(md.contains(&format!("| `{}` |", c["id"].as_str().unwrap())));
    }
    let quiet = Pmpo::new(["check", PO_ONLY, "--format", "markdown", "--quiet"])
        .run()
        .stdout();
    assert!(quiet.contains("### Findings") && !quiet.contains("### Overlaps"));
}

#[test]
fn markdown_escapes_whatever_the_text() {
    let md = markdown_matches_report(HOSTILE);
    assert!(!md.contains("<script>"), "markup is escaped");
    assert!(md.contains("Price &lt;script&gt;alert('x')&lt;/script&gt; &amp; \"quotes\" \\| pipes"));
    assert!(md.contains("ünïcode<br>line two"), "a line break stays in its cell");
    assert!(
        !md.chars().any(|c| c.is_control() && c != '\n'),
        "no raw control characters"
    );
    for table in ["### Waived responsibilities", "### Traceability"] {
        assert!(md.contains(table), "{table}");
    }
}

// -------------------------------------------------------------------------- concise

#[test]
fn concise_is_one_line_a_finding_with_paths_that_open_from_here() {
    let report = json(PO_ONLY);
    let out = check(PO_ONLY, "concise").stdout();
    insta::assert_snapshot!("concise_po_only", out);
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

// --------------------------------------------------------------------------- gitlab

fn gitlab_matches_findings(root: &str) {
    let report = json(root);
    let issues: Value = serde_json::from_str(&check(root, "gitlab").stdout()).unwrap();
    let issues = issues.as_array().expect("a JSON array");
    assert_eq!(issues.len(), findings(&report).len());
    let prefix = repo_prefix(&manifest_dir().join(root));
    let mut fingerprints = HashSet::new();
    for (issue, f) in issues.iter().zip(findings(&report)) {
        // The fields GitLab's Code Quality documentation requires.
        assert!(issue["description"].as_str().is_some_and(|d| !d.is_empty()));
        assert_eq!(issue["check_name"], f["rule"]);
        let fingerprint = issue["fingerprint"].as_str().unwrap();
        assert!(fingerprints.insert(fingerprint.to_string()), "unique fingerprints");
        let expected = match f["severity"].as_str().unwrap() {
            "error" => "major",
            "warning" => "minor",
            _ => "info",
        };
        assert_eq!(issue["severity"], expected);
        assert!(["info", "minor", "major", "critical", "blocker"].contains(&issue["severity"].as_str().unwrap()));
        let path = issue["location"]["path"].as_str().unwrap();
        let line = issue["location"]["lines"]["begin"].as_u64().unwrap();
        assert!(line >= 1);
        match f["file"].as_str() {
            Some(file) => {
                assert_eq!(path, format!("{prefix}{file}"));
                assert_eq!(Some(line), f["line"].as_u64());
            }
            None => assert_anchored(root, &prefix, path),
        }
    }
}

#[test]
fn gitlab_code_quality_has_every_finding_with_the_required_fields() {
    for root in [PO_ONLY, HOSTILE, ACME] {
        gitlab_matches_findings(root);
    }
}

#[test]
fn gitlab_fingerprints_survive_a_line_move() {
    let item = "---\nid: X-1\ntitle: Untraced\nstatus: ready\n---\n";
    let ws = common::Workspace::new(&[("roles/po.md", "---\nholders: [dana]\n---\n"), ("backlog/X-1.md", item)]);
    let issues = |ws: &common::Workspace| -> Vec<(String, u64)> {
        let out = Pmpo::new(["check", ".", "--format", "gitlab"]).dir(ws.root()).run();
        let issues: Value = serde_json::from_slice(out.stdout_bytes()).unwrap();
        issues
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["location"]["path"] == "backlog/X-1.md")
            .map(|i| {
                (
                    i["fingerprint"].as_str().unwrap().to_string(),
                    i["location"]["lines"]["begin"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let before = issues(&ws);
    assert!(!before.is_empty());
    ws.write(
        "backlog/X-1.md",
        format!("---\n# moved\n# down\n{}", &item[4..]).as_bytes(),
    );
    let after = issues(&ws);
    assert_eq!(before.len(), after.len());
    for ((f1, l1), (f2, l2)) in before.iter().zip(&after) {
        assert_eq!(f1, f2, "the same issue two lines lower");
        assert_eq!(l1 + 2, *l2);
    }
}

// ------------------------------------------------------------- several reports, -o

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
    assert_eq!(
        out.code_or_signal(),
        check(PO_ONLY, "json").code_or_signal(),
        "the exit code of one"
    );
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

// ----------------------------------------------------------------------- any size

/// A workspace with about 30,000 findings: errors, two warnings for each of 15,000
/// backlog items (no goal, no acceptance criteria) and an info.
fn huge_workspace() -> common::Workspace {
    use std::fmt::Write as _;
    let mut items = String::from("kind: backlog\nitems:\n");
    for i in 0..15_000 {
        let _ = writeln!(items, "  - {{id: X-{i}, title: Item {i}, status: ready}}");
    }
    common::Workspace::new(&[
        (
            "roles/po.md",
            "---\nholders: [dana]\nresponsibilities:\n  backlog-refinement: A\n---\n",
        ),
        (
            "roles/sm.md",
            "---\nholders: [sam]\nresponsibilities:\n  backlog-refinement: R\n---\n",
        ),
        ("backlog/items.yaml", &items),
    ])
}

#[test]
fn thirty_thousand_findings_stay_within_every_consumer_limit() {
    let ws = huge_workspace();
    let dir = ws.root();
    let formats = ["sarif", "gitlab", "junit", "markdown", "concise", "json"];
    let mut args = vec!["check".to_string(), ".".to_string(), "--format".into(), "github".into()];
    for f in formats {
        args.extend(["--format".into(), format!("{f}=out.{f}")]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = Pmpo::new(args).dir(dir).run();
    assert_eq!(out.code(), 1);
    let read = |f: &str| std::fs::read_to_string(dir.join(format!("out.{f}"))).unwrap();
    let report: Value = serde_json::from_str(&read("json")).unwrap();
    let all = findings(&report);
    let count = |s: &str| all.iter().filter(|f| f["severity"] == s).count();
    let (errors, warnings, infos) = (count("error"), count("warning"), count("info"));
    assert!(
        all.len() > 30_000 && errors > 0 && warnings >= 30_000 && infos > 0,
        "{}",
        all.len()
    );

    // SARIF: at most 25,000 results, the errors all in, the infos left out, and a note.
    let log: Value = serde_json::from_str(&read("sarif")).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 25_000);
    let level = |l: &str| results.iter().filter(|r| r["level"] == l).count();
    assert_eq!(
        (level("error"), level("warning"), level("note")),
        (errors, 25_000 - errors, 0)
    );
    assert!(
        results
            .iter()
            .all(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64() >= Some(1))
    );
    let notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    let note = |id: &str| {
        notes
            .iter()
            .find(|n| n["descriptor"]["id"] == id)
            .and_then(|n| n["message"]["text"].as_str())
            .unwrap_or_else(|| panic!("no {id} notification: {notes:#?}"))
    };
    let left_out = all.len() - 25_000;
    assert!(note("results-truncated").starts_with(&format!("{left_out} of {}", all.len())));
    // Code scanning shows 5,000 results a run: the log says so, and they are the worst.
    assert!(
        note("results-not-shown").contains("shows the first 5000"),
        "{}",
        note("results-not-shown")
    );
    let rank = |r: &Value| match r["level"].as_str() {
        Some("error") => 0,
        Some("warning") => 1,
        _ => 2,
    };
    assert!(results.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])), "errors first");
    if let Some((validator, _)) = sarif_validator() {
        let errors: Vec<String> = validator.iter_errors(&log).take(5).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }

    // Markdown: within a GitHub comment, the errors listed, a line saying what is left out.
    let md = read("markdown");
    assert!(md.chars().count() <= 65_000, "{} characters", md.chars().count());
    assert!(
        md.contains(&format!("{errors} error")),
        "the heading still counts everything"
    );
    let rows = |severity: &str| md.lines().filter(|l| l.starts_with(&format!("| {severity} |"))).count();
    assert_eq!(rows("error"), errors);
    assert_eq!(rows("info"), 0);
    let shown = rows("error") + rows("warning");
    assert!(
        md.contains(&format!("**{} more findings left out**", all.len() - shown)),
        "{}",
        &md[md.len() - 2000..]
    );
    assert!(md.contains("`pmpo check .`"), "says how to see them all");

    // GitHub: every finding, errors first, and the notice before the infos naming how
    // many the runner will not annotate.
    let gh = out.stdout();
    let lines: Vec<&str> = gh.lines().collect();
    let count = |s: &str| all.iter().filter(|f| f["severity"] == s).count();
    let (e, w, i) = (count("error"), count("warning"), count("info"));
    assert_eq!(lines.len(), all.len() + 1);
    assert!(lines[..e].iter().all(|l| l.starts_with("::error ")));
    assert!(lines[e..e + w].iter().all(|l| l.starts_with("::warning ")));
    let hidden = e.saturating_sub(10) + w.saturating_sub(10) + i.saturating_sub(9);
    assert!(
        lines[e + w].contains(&format!("{hidden} findings are not annotated")),
        "{}",
        lines[e + w]
    );
    assert!(
        lines[e + w].contains("the SARIF report (`--format sarif`) and `pmpo check .` have them all"),
        "says where they are: {}",
        lines[e + w]
    );

    // GitLab and concise have no limit: every finding, each with a place.
    let issues: Value = serde_json::from_str(&read("gitlab")).unwrap();
    assert_eq!(issues.as_array().unwrap().len(), all.len());
    assert_eq!(read("concise").lines().count(), all.len());

    // JUnit: valid for Jenkins, failing as the run does.
    let xml = read("junit");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_junit_10(&doc);
    assert!(
        doc.root_element()
            .attribute("failures")
            .unwrap()
            .parse::<usize>()
            .unwrap()
            > 0
    );
}
