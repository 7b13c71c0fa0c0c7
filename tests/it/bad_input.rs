//! Malformed documents through the binary.
//!
//! Each broken document must become a finding with its file and line, the run must end
//! with exit code 1 (never 101, a panic), and every other document must still be
//! checked: the healthy workspace below has one known warning in another file
//! (`OPS-1` serves no goal), and each test asserts it is still reported.

use crate::common;

use common::{Pmpo, Workspace, brief, briefs};
use serde_json::Value;

const HEALTHY: &[(&str, &str)] = &[
    (
        "responsibilities.yaml",
        "kind: catalog
name: Platform team responsibilities
responsibilities:
  - id: backlog-ordering
    title: Order the platform backlog
  - id: work-acceptance
    title: Accept finished work against its criteria
",
    ),
    (
        "roles/product-owner.md",
        "---
title: Product Owner, Platform
holders: [dana]
team_size: 5
responsibilities:
  backlog-ordering: A
  work-acceptance: A
---
Dana orders the platform backlog and accepts finished work.
",
    ),
    (
        "vision.md",
        "---
product: Platform
owner: product-owner
goals:
  - id: G1
    title: Deploys take under ten minutes
  - id: G2
    title: No secret lives longer than ninety days
---
",
    ),
    (
        "backlog/OPS-1-rotate-keys.md",
        "---
id: OPS-1
title: Rotate the signing keys every quarter
status: idea
---
Nobody has said yet which goal this serves.
",
    ),
    (
        "backlog/OPS-2-parallel-deploys.md",
        "---
id: OPS-2
title: Deploy services in parallel
status: idea
goals: [G1, G2]
---
",
    ),
];

fn healthy() -> Workspace {
    Workspace::new(HEALTHY)
}

/// Check `ws`, which must fail (exit 1) without crashing, still report the warning
/// about `OPS-1`, and report a finding of `rule` at `file:line` whose message contains
/// `message`. Returns that finding.
fn expect(ws: &Workspace, rule: &str, file: &str, line: u64, message: &str) -> Value {
    let checked = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run();
    let (code, json) = (checked.code(), checked.json());
    assert_eq!(code, 1, "exit code; findings:\n{}", briefs(&json));
    let others = common::of_rule(&json, "untraced-item");
    assert!(
        others
            .iter()
            .any(|f| f["file"] == "backlog/OPS-1-rotate-keys.md" && f["line"] == 2),
        "the other documents are still checked; findings:\n{}",
        briefs(&json)
    );
    let found = common::of_rule(&json, rule)
        .into_iter()
        .find(|f| f["file"] == file && f["line"] == line && f["message"].as_str().is_some_and(|m| m.contains(message)))
        .unwrap_or_else(|| {
            panic!(
                "no {rule} at {file}:{line} saying {message:?}; findings:\n{}",
                briefs(&json)
            )
        });
    found.clone()
}

#[test]
fn the_healthy_workspace_has_only_its_known_warning() {
    let checked = Pmpo::new(["check", "--format", "json"]).arg(healthy().root()).run();
    let (code, json) = (checked.code(), checked.json());
    assert_eq!(code, 0);
    let all: Vec<String> = common::findings(&json).iter().map(brief).collect();
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(
        all[0].starts_with("untraced-item backlog/OPS-1-rotate-keys.md:2:5"),
        "{all:?}"
    );
}

#[test]
fn invalid_yaml() {
    let ws = healthy();
    ws.write(
        "backlog/OPS-3-audit-log.md",
        b"---\nid: OPS-3\ntitle: \"Ship the audit log\nstatus: ready\ngoals: [G2]\n---\n",
    );
    let f = expect(&ws, "parse-error", "backlog/OPS-3-audit-log.md", 3, "invalid YAML");
    assert_eq!(f["column"], 8, "at the opening quote: {}", brief(&f));
}

#[test]
fn invalid_yaml_in_a_yaml_backlog() {
    let ws = healthy();
    ws.write(
        "backlog/later.yaml",
        b"kind: backlog\nitems:\n  - id: OPS-4\n    title: Cache build layers\n    goals: [G1\n  - id: OPS-5\n",
    );
    let json = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run().json();
    let f = common::of_rule(&json, "parse-error");
    assert_eq!(f.len(), 1, "{}", briefs(&json));
    assert_eq!(f[0]["file"], "backlog/later.yaml");
    let line = f[0]["line"].as_u64().unwrap();
    assert!(
        (5..=6).contains(&line),
        "at or just after the unclosed list: {}",
        brief(f[0])
    );
    expect(&ws, "parse-error", "backlog/later.yaml", line, "invalid YAML");
}

#[test]
fn invalid_utf8() {
    let ws = healthy();
    ws.write(
        "backlog/OPS-3-cafe.md",
        b"---\nid: OPS-3\ntitle: Caf\xe9 menu for the canteen screen\nstatus: idea\ngoals: [G1]\n---\n",
    );
    let f = expect(&ws, "parse-error", "backlog/OPS-3-cafe.md", 3, "not valid UTF-8");
    assert_eq!(f["column"], 11, "at the first bad byte: {}", brief(&f));
}

#[test]
fn frontmatter_that_never_closes() {
    let ws = healthy();
    ws.write(
        "backlog/OPS-3-unclosed.md",
        b"---\nid: OPS-3\ntitle: Forgot the closing fence\nstatus: idea\n\nThe story text.\n",
    );
    expect(&ws, "parse-error", "backlog/OPS-3-unclosed.md", 1, "never closes");
}

#[test]
fn a_wrong_type() {
    let ws = healthy();
    ws.write(
        "roles/product-owner.md",
        b"---\ntitle: Product Owner, Platform\nholders: [dana]\nteam_size: five\nresponsibilities:\n  backlog-ordering: A\n  work-acceptance: A\n---\n",
    );
    let f = expect(&ws, "invalid-field", "roles/product-owner.md", 4, "must be an integer");
    assert_eq!(f["column"], 12, "at the value: {}", brief(&f));
    // The charter's other fields still count: its responsibilities are covered.
    let json = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run().json();
    assert!(common::of_rule(&json, "unowned").is_empty(), "{}", briefs(&json));
}

#[test]
fn an_unknown_field_with_a_suggestion() {
    let ws = healthy();
    ws.write(
        "backlog/OPS-3-sbom.md",
        b"---\nid: OPS-3\ntitle: Publish an SBOM per release\nstatuss: ready\ngoals: [G2]\n---\n",
    );
    let f = expect(
        &ws,
        "invalid-field",
        "backlog/OPS-3-sbom.md",
        4,
        "unknown field `statuss`",
    );
    assert_eq!(f["help"], "did you mean `status`?");
}

#[test]
fn a_bad_id() {
    let ws = healthy();
    ws.write(
        "backlog/OPS-3-sbom.md",
        b"---\nid: OPS 3\ntitle: Publish an SBOM per release\nstatus: idea\ngoals: [G2]\n---\n",
    );
    expect(
        &ws,
        "invalid-field",
        "backlog/OPS-3-sbom.md",
        2,
        "not a valid id: `OPS 3`",
    );
}

#[test]
fn an_acceptance_criteria_heading_with_no_list() {
    let ws = healthy();
    let item = |status: &str| {
        format!(
            "---\nid: OPS-3\ntitle: Canary deploys\nstatus: {status}\ngoals: [G1]\n---\nShip to 5% first.\n\n## Acceptance criteria\n\nTo be agreed with the team on Thursday.\n"
        )
    };
    ws.write("backlog/OPS-3-canary.md", item("done").as_bytes());
    let f = expect(
        &ws,
        "missing-acceptance-criteria",
        "backlog/OPS-3-canary.md",
        9,
        "heading with no list under it",
    );
    assert_eq!((&f["column"], &f["severity"]), (&1.into(), &"error".into()), "{f}");
    // At `ready` the same gap is a warning, and the run passes.
    ws.write("backlog/OPS-3-canary.md", item("ready").as_bytes());
    let checked = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run();
    let (code, json) = (checked.code(), checked.json());
    let found = common::of_rule(&json, "missing-acceptance-criteria");
    assert_eq!(found.len(), 1, "{}", briefs(&json));
    assert_eq!(
        (&found[0]["line"], &found[0]["severity"]),
        (&9.into(), &"warning".into())
    );
    assert_eq!(code, 0);
}

#[test]
fn an_unknown_status_with_a_suggestion() {
    let ws = healthy();
    ws.write(
        "backlog/OPS-3-canary.md",
        b"---\nid: OPS-3\ntitle: Canary deploys\nstatus: in progres\ngoals: [G1]\n---\n",
    );
    let f = expect(&ws, "invalid-field", "backlog/OPS-3-canary.md", 4, "unknown status");
    assert_eq!(f["help"], "did you mean `in-progress`?", "{}", brief(&f));
}

#[test]
fn an_unknown_status_far_from_any_lists_them_all() {
    let ws = healthy();
    ws.write(
        "backlog/OPS-3-canary.md",
        b"---\nid: OPS-3\ntitle: Canary deploys\nstatus: Blocked\ngoals: [G1]\n---\n",
    );
    let f = expect(
        &ws,
        "invalid-field",
        "backlog/OPS-3-canary.md",
        4,
        "unknown status `Blocked`",
    );
    let help = f["help"].as_str().unwrap_or_default();
    for status in ["idea", "ready", "in-progress", "done", "accepted", "dropped"] {
        assert!(help.contains(status), "{help}");
    }
}

#[test]
fn a_goal_no_vision_defines() {
    let ws = healthy();
    ws.write(
        "backlog/OPS-3-canary.md",
        b"---\nid: OPS-3\ntitle: Canary deploys\nstatus: idea\ngoals: [G1, G7]\n---\n",
    );
    let f = expect(&ws, "unknown-goal", "backlog/OPS-3-canary.md", 5, "`G7`");
    assert_eq!(f["column"], 13, "at G7, not G1: {}", brief(&f));
}

#[test]
fn one_id_in_two_yaml_backlogs() {
    let ws = healthy();
    ws.write(
        "backlog/now.yaml",
        b"kind: backlog\nitems:\n  - id: OPS-7\n    title: Pin base images\n    goals: [G2]\n",
    );
    ws.write(
        "backlog/next.yaml",
        b"kind: backlog\nitems:\n  - id: OPS-8\n    title: Cache build layers\n    goals: [G1]\n  - id: OPS-7\n    title: Pin every base image by digest\n    goals: [G2]\n",
    );
    // `next.yaml` sorts before `now.yaml`: the first use is the one in next.yaml.
    let f = expect(&ws, "duplicate-id", "backlog/now.yaml", 3, "`OPS-7`");
    let related = f["related"].as_array().unwrap();
    assert!(
        related
            .iter()
            .any(|r| r["file"] == "backlog/next.yaml" && r["line"] == 6),
        "points at the other backlog: {f}"
    );
}

#[test]
fn a_key_written_twice() {
    let ws = healthy();
    ws.write(
        "backlog/OPS-3-canary.md",
        b"---\nid: OPS-3\ntitle: Canary deploys\nstatus: idea\ngoals: [G1]\nstatus: ready\n---\n",
    );
    let f = expect(&ws, "parse-error", "backlog/OPS-3-canary.md", 6, "duplicate");
    let message = f["message"].as_str().unwrap();
    assert!(message.contains("status"), "names the key: {message}");
    assert!(
        !message.contains("Options"),
        "no advice meant for the parser's programmers: {message}"
    );
}

#[test]
fn every_broken_document_at_once() {
    let ws = healthy();
    let broken: &[(&str, &[u8])] = &[
        ("backlog/A-1.md", b"---\nid: A-1\ntitle: \"open quote\n---\n"),
        ("backlog/A-2.md", b"---\nid: A-2\ntitle: \xff\n---\n"),
        ("backlog/A-3.md", b"---\nid: A-3\n"),
        ("backlog/A-4.md", b"---\nid: A-4\norder: first\n---\n"),
        ("backlog/A-5.md", b"---\n- a\n- list\n---\n"),
        ("backlog/A-6.md", b"no frontmatter at all\n"),
        ("backlog/A-7.md", b""),
        ("backlog/A-8.yaml", b"kind: backlog\nitems: {id: A-8}\n"),
        ("roles/broken.md", b"---\nholders: [x\n---\n"),
        ("vision-notes/vision.md", b"---\ngoals: seven\n---\n"),
    ];
    for (path, bytes) in broken {
        ws.write(path, bytes);
    }
    let checked = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run();
    let (code, json) = (checked.code(), checked.json());
    assert_eq!(code, 1);
    for (path, _) in broken {
        assert!(
            common::findings(&json)
                .iter()
                .any(|f| f["file"] == *path && f["line"].is_u64()),
            "{path} has no finding with a line:\n{}",
            briefs(&json)
        );
    }
    assert!(
        common::of_rule(&json, "untraced-item")
            .iter()
            .any(|f| f["file"] == "backlog/OPS-1-rotate-keys.md"),
        "{}",
        briefs(&json)
    );
}

#[test]
fn crlf_and_a_byte_order_mark_do_not_shift_locations() {
    let ws = healthy();
    ws.write(
        "backlog/OPS-3-windows.md",
        b"\xef\xbb\xbf---\r\nid: OPS-3\r\ntitle: Written on Windows\r\nstatus: done\r\ngoals: [G1]\r\nlables: [ci]\r\n---\r\nStory.\r\n\r\n## Acceptance criteria\r\n\r\nTBD\r\n",
    );
    ws.write(
        "backlog/windows.yaml",
        b"\xef\xbb\xbfkind: backlog\r\nitems:\r\n  - id: OPS-4\r\n    title: Also from Windows\r\n    goals: [G7]\r\n",
    );
    let f = expect(
        &ws,
        "invalid-field",
        "backlog/OPS-3-windows.md",
        6,
        "unknown field `lables`",
    );
    assert_eq!(f["column"], 1);
    assert_eq!(f["help"], "did you mean `labels`?");
    let f = expect(
        &ws,
        "missing-acceptance-criteria",
        "backlog/OPS-3-windows.md",
        10,
        "heading with no list under it",
    );
    assert_eq!(f["column"], 1);
    let f = expect(&ws, "unknown-goal", "backlog/windows.yaml", 5, "`G7`");
    assert_eq!(f["column"], 13);
}

#[test]
fn a_required_field_written_null_is_an_invalid_field_where_it_is() {
    let ws = healthy();
    ws.write(
        "vision.md",
        "---\nproduct: Platform\nowner: product-owner\ngoals:\n  - id: ~\n    title: Deploys take under ten minutes\n  - id: G2\n    title: No secret lives longer than ninety days\n---\n",
    );
    let found = expect(&ws, "invalid-field", "vision.md", 5, "a goal's `id` is empty");
    assert_eq!(found["column"], 9, "at the null: {found}");
}

#[test]
fn a_role_whose_id_is_null_takes_it_from_its_file_name() {
    let ws = healthy();
    let charter = ws.read("roles/product-owner.md");
    ws.write("roles/product-owner.md", charter.replacen("---\n", "---\nid: ~\n", 1));
    let checked = Pmpo::new(["check", "--format", "json"]).arg(ws.root()).run();
    let json = checked.json();
    assert_eq!(
        checked.code(),
        0,
        "the charter still covers its work:\n{}",
        briefs(&json)
    );
    assert_eq!(
        common::findings(&json).len(),
        1,
        "only the known warning:\n{}",
        briefs(&json)
    );
}
