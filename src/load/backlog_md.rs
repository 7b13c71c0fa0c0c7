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

use crate::yaml::{self, Node, Scalar, Value};

/// Where Backlog.md keeps its settings, relative to the root.
pub const CONFIG: &str = "backlog/config.yml";

/// The folders Backlog.md keeps task files in; everything else under `backlog/` is not
/// a task.
pub const TASK_GLOBS: &[&str] = &[
    "backlog/tasks/**/*.md",
    "backlog/completed/**/*.md",
    "backlog/drafts/**/*.md",
    "backlog/archive/tasks/**/*.md",
];

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

/// What pmpo takes from a Backlog.md repository's settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BacklogMd {
    /// The names under `statuses:`, as written.
    pub statuses: Vec<String>,
    /// The items of `definition_of_done:`, as written. Read so that the key is no
    /// finding; the Definition of Done it stands for is wired where definitions are.
    pub definition_of_done: Vec<String>,
}

impl BacklogMd {
    /// Whether `status` is one of the config's `statuses:`, compared as FORMAT.md
    /// compares statuses (case, spaces, `-`, `_` and apostrophes do not matter).
    #[must_use]
    pub fn lists(&self, status: &str) -> bool {
        let key = status_key(status);
        !key.is_empty() && self.statuses.iter().any(|s| status_key(s) == key)
    }
}

fn status_key(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '\'' | '\u{2019}'))
        .flat_map(char::to_lowercase)
        .collect()
}

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
pub fn detect(text: &str) -> Option<BacklogMd> {
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
pub fn detect_file(abs: &Path, max_bytes: u64) -> Option<BacklogMd> {
    use std::io::Read as _;
    let file = std::fs::File::open(abs).ok()?;
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes).ok()?;
    if bytes.len() as u64 > max_bytes {
        return None;
    }
    detect(std::str::from_utf8(&bytes).ok()?)
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
    fn a_pmpo_backlog_or_other_yaml_is_not_backlog_md() {
        assert_eq!(detect("kind: backlog\nitems: []\n"), None);
        assert_eq!(detect("items:\n  - id: A-1\n"), None);
        assert_eq!(detect("labels: [a]\nmilestones: []\n"), None);
        assert_eq!(detect("- project_name\n"), None);
        assert_eq!(detect("project_name: [unclosed\n"), None);
    }
}
