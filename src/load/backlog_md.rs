//! Backlog.md repositories (FORMAT.md, "Backlog.md compatibility").
//!
//! Backlog.md keeps its settings in `backlog/config.yml` and its tasks in a few folders
//! of `backlog/`, next to docs, decisions, milestones and assets that are not tasks.
//! pmpo's default conventions (`backlog/**/*.md` and `backlog/**/*.yml`) would read all
//! of it, so the loader first looks at `backlog/config.yml`: when it holds Backlog.md's
//! settings, the conventions narrow to the task folders, the config is skipped, and the
//! statuses it lists become known. Detection reads that one file, bounded like every
//! read, before the parallel parse, so each task is parsed once and knows its dialect.

use std::path::Path;

pub(crate) use crate::model::BacklogMd;
use crate::yaml::{self, Node, Scalar, Value};

/// Where Backlog.md keeps its settings, relative to the root.
pub(crate) const CONFIG: &str = "backlog/config.yml";

/// The folders Backlog.md keeps task files in; everything else under `backlog/` is not
/// a task.
pub(crate) const TASK_GLOBS: &[&str] = &[
    "backlog/tasks/**/*.md",
    "backlog/completed/**/*.md",
    "backlog/drafts/**/*.md",
    "backlog/archive/tasks/**/*.md",
];

/// Whether a root-relative path is an archived task: read, but dropped.
#[must_use]
pub(crate) fn is_archived(rel: &str) -> bool {
    rel.starts_with("backlog/archive/tasks/")
}

/// Keys only Backlog.md's settings have; one of them makes `config.yml` Backlog.md's.
/// `labels` and `milestones` are left out: they say too little on their own.
const SIGNATURE: &[&str] = &[
    "project_name",
    "statuses",
    "default_status",
    "task_prefix",
    "date_format",
    "max_column_width",
    "default_editor",
    "auto_open_browser",
    "default_port",
    "remote_operations",
    "auto_commit",
    "zero_padded_ids",
    "bypass_git_hooks",
    "check_active_branches",
    "active_branch_days",
    "definition_of_done",
];

fn texts(node: Option<&Node>) -> Vec<String> {
    match node.map(|n| &n.value) {
        Some(Value::Seq(items)) => items.iter().filter_map(Node::as_text).collect(),
        Some(Value::Scalar(Scalar::Str(s))) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// Read the settings from the text of `backlog/config.yml`; `None` when it is not
/// Backlog.md's (invalid YAML, not a mapping, a pmpo `kind:` or `items:`, or none of
/// Backlog.md's keys), in which case the file is read as the conventions say.
#[must_use]
pub(crate) fn detect(text: &str) -> Option<BacklogMd> {
    let node = yaml::parse(text.strip_prefix('\u{feff}').unwrap_or(text)).ok()?;
    let entries = node.as_map()?;
    if entries.iter().any(|(k, _)| k.name == "kind" || k.name == "items") {
        return None;
    }
    if !entries.iter().any(|(k, _)| SIGNATURE.contains(&k.name.as_str())) {
        return None;
    }
    Some(BacklogMd {
        statuses: texts(node.get("statuses")),
        definition_of_done: texts(node.get("definition_of_done")),
    })
}

/// Read and detect the config at `abs`, reading at most `max_bytes`.
#[must_use]
pub(crate) fn detect_file(abs: &Path, key: Option<crate::fsio::FileKey>, max_bytes: u64) -> Option<BacklogMd> {
    // Through the guarded door, as every document: the walk resolved any link.
    let bytes = crate::fsio::read(abs, crate::fsio::Final::NoLink, max_bytes, key).ok()?;
    detect(std::str::from_utf8(&bytes).ok()?)
}

/// Frontmatter as Backlog.md's own reader sees it: that reader quotes an `assignee:` or
/// `reporter:` value, or an item of such a flow list, that starts with `@`, which YAML
/// reserves. Here the `@` becomes `_`, one byte for one, so every span into the text
/// stays exact; the names are not read beyond their type.
#[must_use]
pub(crate) fn quote_at_names(yaml: &str) -> String {
    let mut bytes = yaml.as_bytes().to_vec();
    let mut start = 0;
    for line in yaml.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let rest = &line[indent..];
        let key_len = ["assignee:", "reporter:"]
            .iter()
            .find(|k| rest.starts_with(**k))
            .map(|k| k.len());
        if let Some(key_len) = key_len {
            let value_at = indent + key_len;
            let value = &line[value_at..];
            let skip = value.len() - value.trim_start_matches([' ', '\t']).len();
            let at = value_at + skip;
            match line.as_bytes().get(at) {
                Some(b'@') => bytes[start + at] = b'_',
                Some(b'[') => {
                    // Each item of a flow list: after `[` or `,` and blanks.
                    let mut expect_item = true;
                    for (i, b) in line.bytes().enumerate().skip(at + 1) {
                        match b {
                            b']' | b'#' => break,
                            b',' => expect_item = true,
                            b' ' | b'\t' => {}
                            b'@' if expect_item => {
                                bytes[start + i] = b'_';
                                expect_item = false;
                            }
                            _ => expect_item = false,
                        }
                    }
                }
                _ => {}
            }
        }
        start += line.len();
    }
    // Only ASCII `@` became ASCII `_`: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| yaml.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backlog_md_settings_are_recognised_by_their_keys() {
        let found = detect(
            "project_name: \"panic\"\ndefault_status: \"To Do\"\nstatuses: [\"To Do\", \"In Progress\", \"Done\", \"Wontfix\"]\nlabels: []\ndefinition_of_done: [\"tests pass\"]\n",
        )
        .expect("Backlog.md's config");
        assert_eq!(found.statuses, ["To Do", "In Progress", "Done", "Wontfix"]);
        assert_eq!(found.definition_of_done, ["tests pass"]);
        assert!(found.lists("wont-fix") && found.lists("in progress") && !found.lists("blocked"));
        assert_eq!(detect("task_prefix: back\n"), Some(BacklogMd::default()));
    }

    #[test]
    fn at_names_read_as_backlog_md_reads_them() {
        let text =
            "id: BACK-1\nreporter:  @li # x\nlabels: [\"@keep\"]\nassignee: [@a, \"@b\", @c]\ntitle: mail @home\n";
        let quoted = quote_at_names(text);
        assert_eq!(quoted.len(), text.len());
        assert_eq!(
            quoted,
            "id: BACK-1\nreporter:  _li # x\nlabels: [\"@keep\"]\nassignee: [_a, \"@b\", _c]\ntitle: mail @home\n"
        );
        assert_eq!(quote_at_names("  assignee: @MrLesk\r\n"), "  assignee: _MrLesk\r\n");
        assert!(yaml::parse(&quoted).is_ok());
    }

    #[test]
    fn the_model_keeps_the_settings_and_not_the_config_as_a_document() {
        let ws = crate::rules::tests::workspace(&[
            (
                CONFIG,
                "project_name: x\nstatuses: [To Do, Review, Done]\ndefinition_of_done: [Tests pass]\n",
            ),
            ("backlog/tasks/task-1 - A.md", "---\nid: task-1\nstatus: Review\n---\n"),
            ("backlog/docs/doc-1.md", "---\nid: doc-1\ntitle: D\n---\n"),
        ]);
        let model = crate::load::load(&ws.root, &[]).unwrap();
        let settings = model.backlog_md.expect("a Backlog.md repository");
        assert_eq!(settings.definition_of_done, ["Tests pass"]);
        assert_eq!(model.documents, 1, "the task only");
        assert_eq!(model.items[0].status, crate::model::Status::InProgress);
        assert!(model.problems.is_empty(), "{:?}", model.problems);
    }

    #[test]
    fn a_pmpo_backlog_or_other_yaml_is_not_backlog_md() {
        assert_eq!(detect("kind: backlog\nitems: []\n"), None);
        assert_eq!(detect("items:\n  - id: A-1\n"), None);
        assert_eq!(detect("labels: [a]\nmilestones: []\n"), None);
        assert_eq!(detect("- project_name\n"), None);
        assert_eq!(detect("project_name: [unclosed\n"), None);
    }
}
