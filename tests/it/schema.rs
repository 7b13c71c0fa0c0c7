//! `pmpo schema KIND` through the binary: each schema is a valid draft-07 schema, the
//! shipped examples and FORMAT.md's own examples pass it, and on a table of documents
//! the schema and the loader agree on what is acceptable.

use std::path::Path;

use pmpo::api::{Node, Scalar, Value as Y};
use serde_json::{Map, Value};

use crate::common::{Pmpo, Run, Workspace};

const KINDS: &[&str] = &[
    "role",
    "vision",
    "roadmap",
    "backlog-item",
    "backlog",
    "catalog",
    "definition-of-done",
    "config",
];

fn pmpo(dir: &Path, args: &[&str]) -> Run {
    Pmpo::new(args).dir(dir).run()
}

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The schema as `pmpo schema KIND` prints it.
fn schema(kind: &str) -> Value {
    let out = pmpo(manifest(), &["schema", kind]);
    assert_eq!(out.code(), 0, "{kind}: {}", String::from_utf8_lossy(out.stderr_bytes()));
    serde_json::from_slice(out.stdout_bytes()).unwrap_or_else(|e| panic!("{kind}: not JSON: {e}"))
}

fn validator(kind: &str) -> jsonschema::Validator {
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema(kind))
        .unwrap_or_else(|e| panic!("{kind}: {e}"))
}

/// YAML as JSON, the way an editor's YAML language server sees it.
fn json(node: &Node) -> Value {
    match &node.value {
        Y::Scalar(Scalar::Null) => Value::Null,
        Y::Scalar(Scalar::Bool(b)) => Value::Bool(*b),
        Y::Scalar(Scalar::Int(i, _)) => Value::from(*i),
        Y::Scalar(Scalar::Float(f, _)) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        Y::Scalar(Scalar::Str(s)) => Value::String(s.clone()),
        Y::Seq(items) => Value::Array(items.iter().map(json).collect()),
        Y::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.name.clone(), json(v)))
                .collect::<Map<_, _>>(),
        ),
    }
}

/// A document's YAML (a Markdown file's frontmatter) as JSON.
fn document(path: &str, text: &str) -> Value {
    let yaml = if Path::new(path).extension().is_some_and(|e| e == "md") {
        match pmpo::api::split(text) {
            pmpo::api::Frontmatter::Present(s) => &text[s.yaml_start..s.yaml_end],
            _ => panic!("{path}: no frontmatter"),
        }
    } else {
        text
    };
    json(&pmpo::api::parse_yaml(yaml).unwrap_or_else(|e| panic!("{path}: {}", e.message)))
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn each_kind_prints_a_draft_07_schema() {
    for kind in KINDS {
        let s = schema(kind);
        assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#", "{kind}");
        jsonschema::draft7::meta::validate(&s).unwrap_or_else(|e| panic!("{kind}: not a valid draft-07 schema: {e}"));
        assert_eq!(s["additionalProperties"], false, "{kind}: unknown fields are refused");
    }
    assert_eq!(
        schema("pmpo.yaml"),
        schema("config"),
        "pmpo.yaml is another name for config"
    );
}

#[test]
fn an_unknown_kind_is_a_usage_error_with_a_suggestion() {
    let out = pmpo(manifest(), &["schema", "backlog-itme"]);
    assert_eq!(out.code(), 2);
    assert!(out.stdout_bytes().is_empty());
    let err = String::from_utf8_lossy(out.stderr_bytes());
    assert!(err.contains("no document kind is called `backlog-itme`"), "{err}");
    assert!(err.contains("did you mean `backlog-item`?"), "{err}");
    let far = String::from_utf8_lossy(pmpo(manifest(), &["schema", "zzz"]).stderr_bytes()).into_owned();
    assert!(far.contains("kinds are role, backlog-item"), "{far}");
}

/// The kind of a file of the shipped examples, by FORMAT.md's default conventions.
fn example_kind(rel: &str) -> Option<&'static str> {
    let (name, ext) = rel.rsplit('/').next()?.rsplit_once('.')?;
    match (rel.split('/').next()?, name, ext) {
        ("roles", _, "md") => Some("role"),
        ("backlog", _, "md") => Some("backlog-item"),
        ("backlog", _, "yaml") => Some("backlog"),
        (_, "vision", "md") => Some("vision"),
        (_, "roadmap", "yaml") => Some("roadmap"),
        (_, "responsibilities", "yaml") => Some("catalog"),
        (_, "definition-of-done", "md") => Some("definition-of-done"),
        (_, "pmpo", "yaml") => Some("config"),
        _ => None,
    }
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Validate every document under each of `roots` against its kind's schema; the kinds seen.
fn check_trees(roots: &[std::path::PathBuf]) -> std::collections::BTreeSet<&'static str> {
    let validators: Vec<_> = KINDS.iter().map(|k| (*k, validator(k))).collect();
    let mut checked = std::collections::BTreeSet::new();
    for root in roots {
        let mut all = Vec::new();
        files(root, &mut all);
        for p in all {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            let Some(kind) = example_kind(&rel) else { continue };
            let v = &validators.iter().find(|(k, _)| *k == kind).unwrap().1;
            let errs = errors(v, &document(&rel, &std::fs::read_to_string(&p).unwrap()));
            assert!(errs.is_empty(), "{} ({kind}): {errs:#?}", p.display());
            checked.insert(kind);
        }
    }
    checked
}

#[test]
fn the_examples_and_the_builtin_catalog_pass_their_schemas() {
    let examples: Vec<_> = std::fs::read_dir(manifest().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        // The example workspaces, not the example programs beside them.
        .filter(|p| p.join("roles").is_dir())
        .collect();
    let checked = check_trees(&examples);
    for kind in ["role", "vision", "roadmap", "backlog-item", "backlog"] {
        assert!(checked.contains(kind), "the examples have a {kind} document");
    }
    let errs = errors(
        &validator("catalog"),
        &document("builtin.yaml", pmpo::api::BUILTIN_YAML),
    );
    assert!(errs.is_empty(), "the built-in catalog: {errs:#?}");
    let errs = errors(&validator("catalog"), &document("scrum.yaml", pmpo::api::SCRUM_YAML));
    assert!(errs.is_empty(), "the built-in Scrum catalog: {errs:#?}");
}

#[test]
fn what_pmpo_init_writes_passes_its_schemas() {
    let dir = Workspace::empty();
    let mut roots = Vec::new();
    for template in ["split", "combined", "scrum"] {
        let out = pmpo(dir.root(), &["init", template, "--template", template]);
        assert_eq!(out.code(), 0, "{}", String::from_utf8_lossy(out.stderr_bytes()));
        roots.push(dir.root().join(template));
    }
    let checked = check_trees(&roots);
    for kind in [
        "role",
        "vision",
        "roadmap",
        "backlog-item",
        "config",
        "definition-of-done",
    ] {
        assert!(checked.contains(kind), "pmpo init writes a {kind} document");
    }
}

#[test]
fn the_spec_examples_pass_their_schemas() {
    let spec = std::fs::read_to_string(manifest().join("tests/spec/FORMAT.md")).unwrap();
    let mut section = String::new();
    let mut block: Option<(String, String)> = None;
    let mut seen = Vec::new();
    for line in spec.lines() {
        if let Some((lang, text)) = &mut block {
            if line == "```" {
                let kind = match section.as_str() {
                    "pmpo.yaml" => "config",
                    other => other,
                };
                if KINDS.contains(&kind) {
                    let path = if lang == "markdown" {
                        "example.md"
                    } else {
                        "example.yaml"
                    };
                    let errs = errors(&validator(kind), &document(path, text));
                    assert!(errs.is_empty(), "FORMAT.md's {kind} example: {errs:#?}\n{text}");
                    seen.push(kind.to_string());
                }
                block = None;
            } else {
                text.push_str(line);
                text.push('\n');
            }
        } else if line == "### Definition of Done" {
            section = "definition-of-done".to_string();
        } else if let Some(heading) = line.strip_prefix("## ") {
            section = heading
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_matches('`')
                .to_string();
        } else if let Some(lang) = line.strip_prefix("```") {
            block = Some((lang.to_string(), String::new()));
        }
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            "backlog",
            "backlog-item",
            "catalog",
            "config",
            "definition-of-done",
            "roadmap",
            "role",
            "vision"
        ]
    );
}

/// Documents on both sides of the line, each with what both the schema and pmpo must
/// say: `true` when the document is acceptable (no `invalid-field` or `parse-error`
/// finding, no exit 2 for `pmpo.yaml`).
const CASES: &[(&str, &str, &str, bool)] = &[
    (
        "role",
        "roles/po.md",
        "---\nkind: role\nid: po\ntitle: PO\nholders: [dana, 42]\nreports_to: pm\nteam_size: 7\nresponsibilities:\n  user-stories: A\n  product-vision: accountable\n  go-to-market: Informed\n  backlog-ordering: ' r '\n---\n# PO\n",
        true,
    ),
    (
        "role",
        "roles/po.md",
        "---\nholders: dana\nresponsibilities: {}\n---\n",
        true,
    ),
    ("role", "roles/po.md", "---\nholders:\ntitle:\nteam_size:\n---\n", true),
    ("role", "roles/po.md", "---\nholder: [dana]\n---\n", false),
    (
        "role",
        "roles/po.md",
        "---\nresponsibilities:\n  user-stories: X\n---\n",
        false,
    ),
    (
        "role",
        "roles/po.md",
        "---\nresponsibilities:\n  user-stories: true\n---\n",
        false,
    ),
    (
        "role",
        "roles/po.md",
        "---\nresponsibilities:\n  User-Stories: A\n---\n",
        false,
    ),
    ("role", "roles/po.md", "---\nresponsibilities:\n---\n", false),
    ("role", "roles/po.md", "---\nteam_size: seven\n---\n", false),
    ("role", "roles/po.md", "---\nteam_size: -1\n---\n", false),
    ("role", "roles/po.md", "---\nid: Product-Owner\n---\n", false),
    ("role", "roles/po.md", "---\nholders: ['  ']\n---\n", false),
    ("role", "roles/po.md", "---\nholders: [{name: dana}]\n---\n", false),
    ("role", "roles/po.md", "---\nreports_to: Product Manager\n---\n", false),
    (
        "vision",
        "vision.md",
        "---\nproduct: Acme\nowner: pm\ngoals:\n  - id: G1\n    title: Fast\n    description: [any, thing]\n  - id: 2024\n---\n",
        true,
    ),
    ("vision", "vision.md", "---\ngoals:\n  - title: no id\n---\n", false),
    (
        "vision",
        "vision.md",
        "---\ngoals:\n  - id: G1\n    titel: typo\n---\n",
        false,
    ),
    ("vision", "vision.md", "---\ngoals: G1\n---\n", false),
    ("vision", "vision.md", "---\ngoals:\n  - id: .G1\n---\n", false),
    ("vision", "vision.md", "---\nowner: Product Manager\n---\n", false),
    (
        "roadmap",
        "roadmap.yaml",
        "kind: roadmap\nowner: pm\nitems:\n  - id: R1\n    title: 12\n    goals: [G1]\n    when: 2027-Q1\n  - id: R2\n    goal: G2\n",
        true,
    ),
    ("roadmap", "roadmap.yaml", "items:\n  - title: no id\n", false),
    ("roadmap", "roadmap.yaml", "items: {R1: x}\n", false),
    (
        "roadmap",
        "roadmap.yaml",
        "items:\n  - id: R1\n    goals: [G 1]\n",
        false,
    ),
    (
        "backlog-item",
        "backlog/CHK-1.md",
        "---\nid: CHK-1\ntitle: T\nstatus: In_Progress\norder: 3\ngoals: [G1]\naccepted_by: dana\nlabels: [a, 2]\nacceptance_criteria: [works]\n---\nbody\n",
        true,
    ),
    (
        "backlog-item",
        "backlog/task-7.md",
        "---\nid: task-7\ntitle: Backlog.md task\nstatus: To Do\nassignee: ['@dana']\nreporter: '@li'\ncreated_date: '2025-01-01 10:00'\nlabels: []\ndependencies: [task-1]\nordinal: 2000\npriority: high\nparent_task_id: task-1\n---\n",
        true,
    ),
    (
        "backlog-item",
        "backlog/CHK-2.md",
        "---\nstatus: \"won't-do\"\n---\n",
        true,
    ),
    ("backlog-item", "backlog/CHK-2.md", "---\nstatus: blocked\n---\n", false),
    (
        "backlog-item",
        "backlog/task-8.md",
        "---\nid: task-8\nstatus: Completed\nassignee: '@maya'\nordinal: 62.5\ndate: '2025-01-01'\ntags: [a]\nonStatusChange: x\n---\n",
        true,
    ),
    (
        "backlog-item",
        "backlog/CHK-2.md",
        "---\nstatus: Won't Fix\norder: -0.5\n---\n",
        true,
    ),
    ("backlog-item", "backlog/CHK-2.md", "---\nstatus: Skipped\n---\n", true),
    ("backlog-item", "backlog/CHK-2.md", "---\nstatus: Draft\n---\n", true),
    (
        "backlog-item",
        "backlog/CHK-2.md",
        "---\nassignee: {a: b}\n---\n",
        false,
    ),
    ("backlog-item", "backlog/CHK-2.md", "---\nordinal: [1]\n---\n", false),
    ("backlog-item", "backlog/CHK-2.md", "---\nstatus: 3\n---\n", false),
    ("backlog-item", "backlog/CHK-2.md", "---\norder: first\n---\n", false),
    ("backlog-item", "backlog/CHK-2.md", "---\nprio: 1\n---\n", false),
    ("backlog-item", "backlog/CHK-2.md", "---\nlabels: {a: b}\n---\n", false),
    (
        "backlog-item",
        "backlog/CHK-2.md",
        "---\nkind: backlog-item\ngoal: G1\n---\n",
        true,
    ),
    (
        "backlog",
        "backlog/ideas.yaml",
        "kind: backlog\nitems:\n  - id: I-1\n    status: idea\n    acceptance_criteria: [a, b]\n  - id: I-2\n    kind: anything\n",
        true,
    ),
    ("backlog", "backlog/ideas.yaml", "items:\n  - title: no id\n", false),
    ("backlog", "backlog/ideas.yaml", "items: I-1\n", false),
    (
        "backlog",
        "backlog/ideas.yaml",
        "items:\n  - id: I-1\n    stat: idea\n",
        false,
    ),
    (
        "catalog",
        "responsibilities.yaml",
        "kind: catalog\nname: ours\nextends: builtin:pm-po\nremove: [go-to-market]\nresponsibilities:\n  - id: pricing\n    title: Set pricing\n    area: strategy\n    strategic: true\n    expected: any\n    source: [policy.md]\n",
        true,
    ),
    ("catalog", "responsibilities.yaml", "extends: builtin:other\n", false),
    (
        "catalog",
        "responsibilities.yaml",
        "responsibilities:\n  - id: pricing\n",
        false,
    ),
    (
        "catalog",
        "responsibilities.yaml",
        "responsibilities:\n  - id: pricing\n    title: P\n    strategic: \"true\"\n",
        false,
    ),
    (
        "catalog",
        "responsibilities.yaml",
        "responsibilities:\n  - id: pricing\n    title: P\n    strategic: yes\n",
        false,
    ),
    ("catalog", "responsibilities.yaml", "remove: [Go-To-Market]\n", false),
    (
        "catalog",
        "responsibilities.yaml",
        "responsibilities:\n  - id: pricing\n    title: P\n    owner: pm\n",
        false,
    ),
    (
        "config",
        "pmpo.yaml",
        "catalog: builtin:pm-po\nexclude: [\"archive/**\"]\npaths:\n  role: [\"team/*.md\"]\n  backlog: []\nrules:\n  overloaded-person: error\n  untraced-item: off\nlimits:\n  max_load: 18\n  max_team_size: 10\nwaivers:\n  - responsibility: go-to-market\n    reason: Internal tool\n    until: 2027-06-30\n",
        true,
    ),
    ("config", "pmpo.yaml", "", true),
    ("config", "pmpo.yaml", "rules:\n  overloaded-persn: error\n", false),
    ("config", "pmpo.yaml", "rules:\n  overloaded-person: fatal\n", false),
    ("config", "pmpo.yaml", "limits:\n  max_load: -1\n", false),
    ("config", "pmpo.yaml", "limits:\n  max_laod: 3\n", false),
    (
        "config",
        "pmpo.yaml",
        "waivers:\n  - responsibility: go-to-market\n",
        false,
    ),
    (
        "config",
        "pmpo.yaml",
        "waivers:\n  - responsibility: go-to-market\n    reason: x\n    until: June\n",
        false,
    ),
    (
        "config",
        "pmpo.yaml",
        "waivers:\n  - responsibility: go-to-market\n    reason: x\n    until: 2027-02-30\n",
        false,
    ),
    ("config", "pmpo.yaml", "paths:\n  roles: [\"team/*.md\"]\n", false),
    ("config", "pmpo.yaml", "waiver: []\n", false),
    (
        "role",
        "roles/checkout-po.md",
        "---\ntype: product-owner\nscope: payments\nholders: [dana]\n---\n",
        true,
    ),
    ("role", "roles/po.md", "---\ntype: Product Owner\n---\n", false),
    (
        "catalog",
        "responsibilities.yaml",
        "kind: catalog\nextends: builtin:scrum\nuses:\n  vision: product-goal\n  acceptance: null\ngroup_types: [developers]\nresponsibilities:\n  - {id: release-notes, title: Write release notes, level: team, expected: scrum-master}\n",
        true,
    ),
    (
        "catalog",
        "responsibilities.yaml",
        "kind: catalog\nresponsibilities:\n  - {id: x, title: X, level: squad}\n",
        false,
    ),
    (
        "catalog",
        "responsibilities.yaml",
        "kind: catalog\nuses:\n  codeowners: product-roadmap\n",
        false,
    ),
    (
        "definition-of-done",
        "definition-of-done.md",
        "---\nkind: definition-of-done\nscope: payments\n---\n- Code reviewed\n- Tests pass\n",
        true,
    ),
    (
        "definition-of-done",
        "team/Definition-of-Done.md",
        "---\nkind: definition-of-done\ntitle: Ours\n---\n- Code reviewed\n",
        false,
    ),
    (
        "config",
        "pmpo.yaml",
        "catalog: builtin:scrum\nlimits:\n  max_load: 12\n",
        true,
    ),
];

#[test]
fn the_schema_and_the_loader_agree() {
    let validators: Vec<_> = KINDS.iter().map(|k| (*k, validator(k))).collect();
    for (i, (kind, path, text, acceptable)) in CASES.iter().enumerate() {
        let dir = Workspace::empty();
        let file = dir.root().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, text).unwrap();
        // One document alone has no charter beside it: without the ignore, `empty-workspace`
        // would be the whole report and hide what the loader says about the document.
        let out = pmpo(
            dir.root(),
            &["check", ".", "--format", "json", "--ignore", "empty-workspace"],
        );
        let loader_ok = match out.code_or_signal() {
            Some(2) => false,
            _ => {
                let doc: Value = serde_json::from_slice(out.stdout_bytes()).unwrap();
                !doc["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|f| f["rule"] == "invalid-field" || f["rule"] == "parse-error")
            }
        };
        let v = &validators.iter().find(|(k, _)| k == kind).unwrap().1;
        let errs = errors(v, &document(path, text));
        let schema_ok = errs.is_empty();
        let why = format!(
            "case {i} ({kind}):\n{text}\nschema: {errs:?}\npmpo: {}{}",
            String::from_utf8_lossy(out.stdout_bytes()),
            String::from_utf8_lossy(out.stderr_bytes())
        );
        assert_eq!(loader_ok, *acceptable, "pmpo disagrees with the case; {why}");
        assert_eq!(schema_ok, *acceptable, "the schema disagrees with the case; {why}");
    }
}
