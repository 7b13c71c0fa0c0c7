//! Baselines: today's findings recorded in a file, so that CI fails only on new ones.
//!
//! A team adopting pmpo on a workspace with forty findings cannot fix them all before
//! turning CI on. `--write-baseline FILE` records them; `--baseline FILE` hides those
//! and leaves the new ones. An entry is matched by rule, subject, file and scope, never by
//! line, so inserting a paragraph above a charter's `responsibilities:` does not bring
//! a finding back; a finding without a subject is matched by its message instead.
//! Entries count: two recorded and three found today means one is new. Entries that
//! match nothing any more are reported as stale, so the file can shrink as work gets
//! done. A baseline pmpo cannot read is a [`ToolError`], never an empty baseline: a
//! typo in CI must not pass every pull request.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::ToolError;
use crate::finding::Finding;
use crate::write::{self, Overwrite};

/// The format version this pmpo writes and reads.
pub(crate) const VERSION: u64 = 1;
const TOOL: &str = "pmpo";
/// The most a baseline file may hold: room for about 200,000 findings, and a bound
/// on what a mistaken `--baseline /dev/zero` or a huge file can make pmpo read.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// One recorded finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    pub rule: String,
    pub subject: Option<String>,
    pub file: Option<String>,
    pub message: String,
    /// The finding's product or team; absent for the workspace, so baselines of a
    /// workspace without products read and write as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

impl Entry {
    fn of(f: &Finding) -> Entry {
        Entry {
            rule: f.rule.to_string(),
            subject: f.subject.clone(),
            file: f.location.as_ref().map(|l| l.file.to_string()),
            message: f.message.clone(),
            scope: f.scope.clone(),
        }
    }

    /// What a finding must share with this entry to be hidden by it.
    fn key(&self) -> Key<'_> {
        Key {
            rule: &self.rule,
            file: self.file.as_deref(),
            subject: self.subject.as_deref(),
            scope: self.scope.as_deref(),
            message: if self.subject.is_none() {
                Some(&self.message)
            } else {
                None
            },
        }
    }

    fn order(&self) -> impl Ord + '_ {
        (
            self.file.is_none(),
            self.file.as_deref(),
            self.rule.as_str(),
            self.subject.as_deref(),
            self.message.as_str(),
            self.scope.as_deref(),
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Key<'a> {
    rule: &'a str,
    file: Option<&'a str>,
    subject: Option<&'a str>,
    scope: Option<&'a str>,
    message: Option<&'a str>,
}

/// The file as written: the version first, so a reader can refuse a newer one before
/// anything else about it.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u64,
    tool: String,
    findings: Vec<Entry>,
}

/// A baseline's entries, in their file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Baseline {
    pub entries: Vec<Entry>,
}

/// What applying a baseline did, for the reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Applied {
    /// The baseline file as the user named it.
    pub file: String,
    /// Whether this run wrote the file (`--write-baseline`) rather than read it.
    pub written: bool,
    pub hidden: usize,
    /// The findings it hid, in the finding order: accepted, not fixed. SARIF keeps them
    /// as suppressed results, so that code scanning does not close their alerts as fixed.
    pub accepted: Vec<Finding>,
    /// Entries that no finding of today matches, sorted.
    pub stale: Vec<Entry>,
}

impl Baseline {
    /// A baseline recording `findings`, sorted.
    #[must_use]
    pub(crate) fn of(findings: &[Finding]) -> Baseline {
        let mut entries: Vec<Entry> = findings.iter().map(Entry::of).collect();
        entries.sort_by(|a, b| a.order().cmp(&b.order()));
        Baseline { entries }
    }

    /// Read a baseline's text.
    ///
    /// # Errors
    /// What is wrong with it, and a help line, when it is not a baseline this pmpo reads.
    pub(crate) fn parse(text: &str) -> Result<Baseline, (String, Option<String>)> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| (format!("not valid JSON: {e}"), None))?;
        let rewrite = || Some("write a new one with `pmpo check --write-baseline FILE`".to_string());
        let Some(object) = value.as_object() else {
            return Err(("not a pmpo baseline: expected a JSON object".into(), rewrite()));
        };
        if object.get("tool").and_then(|t| t.as_str()) != Some(TOOL) {
            return Err(("not a pmpo baseline: `tool` is not \"pmpo\"".into(), rewrite()));
        }
        match object.get("version").and_then(serde_json::Value::as_u64) {
            Some(VERSION) => {}
            Some(v) if v > VERSION => {
                return Err((
                    format!("written by a newer pmpo (baseline version {v}; this pmpo reads version {VERSION})"),
                    Some("upgrade pmpo, or replace the file with `pmpo check --write-baseline FILE`".into()),
                ));
            }
            _ => {
                return Err((
                    format!(
                        "`version` must be {VERSION}, found {}",
                        object
                            .get("version")
                            .map_or_else(|| "nothing".into(), ToString::to_string)
                    ),
                    rewrite(),
                ));
            }
        }
        let file: File = serde_json::from_value(value).map_err(|e| (format!("not a pmpo baseline: {e}"), rewrite()))?;
        if let Some(empty) = file.findings.iter().position(|e| e.rule.is_empty()) {
            return Err((format!("entry {} has an empty `rule`", empty + 1), rewrite()));
        }
        Ok(Baseline { entries: file.findings })
    }

    /// The file's text: stable JSON, one entry per finding, sorted, so that a baseline
    /// re-written over the same tree is the same bytes and diffs read well in review.
    #[must_use]
    pub(crate) fn render(&self) -> String {
        let mut entries = self.entries.clone();
        entries.sort_by(|a, b| a.order().cmp(&b.order()));
        let file = File {
            version: VERSION,
            tool: TOOL.into(),
            findings: entries,
        };
        let mut text = crate::escape::json_pretty(&file).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Read the baseline at `path`.
    ///
    /// # Errors
    /// The file cannot be read, or is not a baseline this pmpo reads.
    pub(crate) fn read(path: &Path) -> Result<Baseline, ToolError> {
        let shown = || crate::escape::terminal(&path.display().to_string());
        let bytes =
            crate::fsio::read(path, crate::fsio::Final::Follow, MAX_BYTES, None).map_err(|e| ToolError::Baseline {
                path: shown(),
                reason: format!("cannot read it: {e}"),
                help: None,
            })?;
        let text = String::from_utf8(bytes).map_err(|_| ToolError::Baseline {
            path: shown(),
            reason: "cannot read it: it is not valid UTF-8".into(),
            help: None,
        })?;
        Baseline::parse(&text).map_err(|(reason, help)| ToolError::Baseline {
            path: path.display().to_string(),
            reason,
            help,
        })
    }

    /// Write this baseline to `path`, replacing an earlier baseline there (of any
    /// version). Any other file in the way is refused: a mistyped path must not eat a
    /// charter.
    ///
    /// # Errors
    /// `path` holds something that is not a pmpo baseline, or the write failed.
    pub(crate) fn write(&self, path: &Path) -> Result<(), ToolError> {
        if path.symlink_metadata().is_ok() {
            let ours = crate::fsio::read(path, crate::fsio::Final::Follow, MAX_BYTES, None)
                .ok()
                .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
                .is_some_and(|v| v.get("tool").and_then(serde_json::Value::as_str) == Some(TOOL));
            if !ours {
                return Err(ToolError::Baseline {
                    path: path.display().to_string(),
                    reason: "refusing to overwrite it: it is not a pmpo baseline".into(),
                    help: Some("remove the file or choose another path for the baseline".into()),
                });
            }
        }
        write::atomic(path, self.render().as_bytes(), Overwrite::Force)
    }

    /// Hide the findings this baseline records. Findings match an entry of the same key
    /// with the same message first, then any entry of the key left, so that when a
    /// charter gains a third problem next to two recorded ones it is the new one shown.
    #[must_use]
    pub(crate) fn apply(&self, findings: Vec<Finding>, file: &str) -> (Vec<Finding>, Applied) {
        let mut unused: HashMap<Key<'_>, Vec<usize>> = HashMap::new();
        for (i, e) in self.entries.iter().enumerate() {
            unused.entry(e.key()).or_default().push(i);
        }
        let found: Vec<Entry> = findings.iter().map(Entry::of).collect();
        let mut hidden = vec![false; findings.len()];
        for exact in [true, false] {
            for (i, entry) in found.iter().enumerate() {
                if hidden[i] {
                    continue;
                }
                let Some(candidates) = unused.get_mut(&entry.key()) else {
                    continue;
                };
                let pick = candidates
                    .iter()
                    .position(|&c| !exact || self.entries[c].message == entry.message);
                if let Some(p) = pick {
                    candidates.remove(p);
                    hidden[i] = true;
                }
            }
        }
        let mut stale: Vec<Entry> = unused
            .into_values()
            .flatten()
            .map(|i| self.entries[i].clone())
            .collect();
        stale.sort_by(|a, b| a.order().cmp(&b.order()));
        let count = hidden.iter().filter(|h| **h).count();
        let mut accepted = Vec::with_capacity(count);
        let mut shown = Vec::with_capacity(findings.len() - count);
        for (f, h) in findings.into_iter().zip(hidden) {
            if h { accepted.push(f) } else { shown.push(f) }
        }
        (
            shown,
            Applied {
                file: file.to_string(),
                written: false,
                hidden: count,
                accepted,
                stale,
            },
        )
    }
}

/// The baseline step of `pmpo check`: read `--baseline` and hide what it records, or
/// write `--write-baseline` and hide everything it now records (so the run reports
/// what the next run with that baseline will), or do nothing.
///
/// # Errors
/// The baseline cannot be read or written.
pub(crate) fn filter(
    read: Option<&Path>,
    write: Option<&Path>,
    findings: Vec<Finding>,
) -> Result<(Vec<Finding>, Option<Applied>), ToolError> {
    let shown = |p: &Path| p.to_string_lossy().replace('\\', "/");
    if let Some(path) = read {
        let (findings, applied) = Baseline::read(path)?.apply(findings, &shown(path));
        return Ok((findings, Some(applied)));
    }
    if let Some(path) = write {
        let baseline = Baseline::of(&findings);
        baseline.write(path)?;
        let (findings, mut applied) = baseline.apply(findings, &shown(path));
        applied.written = true;
        return Ok((findings, Some(applied)));
    }
    Ok((findings, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    fn finding(rule: &'static str, subject: Option<&str>, file: &str, line: u32, message: &str) -> Finding {
        Finding {
            message: message.into(),
            subject: subject.map(Into::into),
            location: Some(Finding::at_line(file, line)),
            ..Finding::bare(rule, Severity::Error)
        }
    }

    #[test]
    fn a_moved_finding_stays_hidden_and_a_new_one_shows() {
        let before = vec![
            finding(
                "unowned",
                Some("pricing"),
                "roles/po.md",
                3,
                "pricing has no accountable role",
            ),
            finding("parse-error", None, "backlog/x.md", 1, "invalid YAML: tab"),
        ];
        let baseline = Baseline::of(&before);
        let today = vec![
            finding(
                "unowned",
                Some("pricing"),
                "roles/po.md",
                30,
                "pricing has no accountable role",
            ),
            finding("parse-error", None, "backlog/x.md", 9, "invalid YAML: tab"),
            finding("parse-error", None, "backlog/x.md", 9, "invalid YAML: colon"),
        ];
        let (shown, applied) = baseline.apply(today, "b.json");
        assert_eq!(applied.hidden, 2);
        assert_eq!(applied.accepted.len(), 2, "what it hid is kept, as accepted");
        assert_eq!(applied.accepted[0].location.as_ref().map(|l| l.span.line), Some(30));
        assert!(applied.stale.is_empty());
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].message, "invalid YAML: colon");
    }

    #[test]
    fn entries_count_and_unmatched_ones_are_stale() {
        let two = vec![
            finding(
                "invalid-field",
                Some("roles/po.md"),
                "roles/po.md",
                2,
                "unknown field `a`",
            ),
            finding(
                "invalid-field",
                Some("roles/po.md"),
                "roles/po.md",
                3,
                "unknown field `b`",
            ),
            finding(
                "unowned",
                Some("pricing"),
                "roles/po.md",
                3,
                "pricing has no accountable role",
            ),
        ];
        let baseline = Baseline::of(&two);
        let today = vec![
            finding(
                "invalid-field",
                Some("roles/po.md"),
                "roles/po.md",
                2,
                "unknown field `a`",
            ),
            finding(
                "invalid-field",
                Some("roles/po.md"),
                "roles/po.md",
                3,
                "unknown field `c`",
            ),
            finding(
                "invalid-field",
                Some("roles/po.md"),
                "roles/po.md",
                4,
                "unknown field `b`",
            ),
        ];
        let (shown, applied) = baseline.apply(today, "b.json");
        assert_eq!(applied.hidden, 2);
        assert_eq!(shown.len(), 1, "two recorded, three found: one is new");
        assert_eq!(
            shown[0].message, "unknown field `c`",
            "the message decides which is new"
        );
        assert_eq!(applied.stale.len(), 1);
        assert_eq!(applied.stale[0].subject.as_deref(), Some("pricing"));
    }

    #[test]
    fn the_subject_keys_a_finding_whose_message_changed() {
        let baseline = Baseline::of(&[finding("unowned", Some("pricing"), "roles/po.md", 3, "old wording")]);
        let (shown, applied) = baseline.apply(
            vec![finding("unowned", Some("pricing"), "roles/po.md", 3, "new wording")],
            "b",
        );
        assert!(shown.is_empty());
        assert_eq!(applied.hidden, 1);
        let (shown, _) = baseline.apply(
            vec![finding("unowned", Some("pricing"), "roles/pm.md", 3, "old wording")],
            "b",
        );
        assert_eq!(shown.len(), 1, "another file is another finding");
    }

    #[test]
    fn renders_sorted_and_reads_back() {
        let findings = vec![
            finding("unowned", Some("z"), "roles/b.md", 1, "z \"quoted\"\nnewline"),
            finding("unowned", Some("a"), "roles/a.md", 1, "a"),
        ];
        let mut reversed = findings.clone();
        reversed.reverse();
        let text = Baseline::of(&findings).render();
        assert_eq!(text, Baseline::of(&reversed).render(), "same findings, same bytes");
        assert!(text.find("roles/a.md").unwrap() < text.find("roles/b.md").unwrap());
        let back = Baseline::parse(&text).unwrap();
        assert_eq!(back, Baseline::of(&findings));
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        let bad = [
            ("{", "not valid JSON"),
            ("[]", "expected a JSON object"),
            (r#"{"version":1,"findings":[]}"#, "`tool`"),
            (r#"{"version":2,"tool":"pmpo","findings":[]}"#, "newer pmpo"),
            (r#"{"version":"1","tool":"pmpo","findings":[]}"#, "`version` must be 1"),
            (r#"{"version":1,"tool":"pmpo"}"#, "missing field `findings`"),
            (
                r#"{"version":1,"tool":"pmpo","findings":[{"rule":"x","subject":null,"file":null}]}"#,
                "missing field `message`",
            ),
            (
                r#"{"version":1,"tool":"pmpo","findings":[{"rule":"x","subject":null,"file":null,"message":"m","line":3}]}"#,
                "unknown field `line`",
            ),
            (
                r#"{"version":1,"tool":"pmpo","findings":[{"rule":"","subject":null,"file":null,"message":"m"}]}"#,
                "empty `rule`",
            ),
        ];
        for (text, expected) in bad {
            let err = Baseline::parse(text).expect_err(text).0;
            assert!(err.contains(expected), "{text}: {err}");
        }
    }
}
