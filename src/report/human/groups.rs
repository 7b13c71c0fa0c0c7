//! Findings that share one cause, shown as one diagnostic: what keeps a repository with
//! hundreds of files without frontmatter from printing hundreds of code frames.

use std::collections::{BTreeMap, HashMap};

use super::shown::{Shown, is_row, severity};
use crate::escape::terminal;
use crate::finding::{Finding, Severity};

/// More findings than this with one cause are shown as one line, not one frame each.
const GROUP_ABOVE: usize = 5;

/// Findings that share one cause (rule, severity and help, or message where there is no
/// help) across many places: a repository with 478 task files without frontmatter gets one
/// diagnostic naming the folder, not 478 code frames. Under `-q`, the findings the tables
/// would show are one diagnostic a rule, so that `-q` is never longer than the default.
/// Machine formats still list every finding.
pub(super) struct Groups {
    /// For each finding, the group it belongs to, if any.
    member: Vec<Option<usize>>,
    groups: Vec<Group>,
}

pub(super) struct Group {
    /// The index of the first finding of the group, where it is shown.
    lead: usize,
    files: Vec<String>,
    /// What makes a root-relative path open from the current directory.
    prefix: String,
    /// Each finding's place, `path:line`, or its subject when it has no place.
    places: Vec<String>,
    /// Whether every finding of the group says the same.
    same_message: bool,
    /// Table rows shown as one diagnostic (`-q`).
    rows: bool,
}

pub(super) enum Placed<'g> {
    Alone,
    Leads(&'g Group),
    Follows,
}

impl Groups {
    /// `prefix` makes a root-relative path one that opens from the current directory.
    pub(super) fn of(findings: &[&Finding], prefix: &str) -> Groups {
        type Key<'f> = (&'static str, Severity, &'f str);
        let mut by_cause: HashMap<Key<'_>, Vec<usize>> = HashMap::new();
        let mut rows: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
        for (i, f) in findings.iter().enumerate() {
            if is_row(f) {
                // Only reached under `-q`, where no table shows them.
                rows.entry(f.rule).or_default().push(i);
            } else if f.location.is_some() && f.related.is_empty() {
                // Only one-place findings group: a frame with related places says more.
                // One help is one fix: findings that share it share their cause. A file
                // that cannot be read says why in its message (no frontmatter, a link
                // out of the root): there the message is the cause.
                let cause = match f.help.as_deref() {
                    Some(help) if f.rule != "parse-error" => help,
                    _ => f.message.as_str(),
                };
                by_cause.entry((f.rule, f.severity, cause)).or_default().push(i);
            }
        }
        let mut member = vec![None; findings.len()];
        let mut groups = Vec::new();
        let mut causes: Vec<Vec<usize>> = by_cause.into_values().filter(|v| v.len() > GROUP_ABOVE).collect();
        causes.sort_unstable();
        let file = |i: usize| findings[i].location.as_ref().map_or("", |l| l.file.as_ref());
        let place = |i: usize| {
            let f = findings[i];
            if is_row(f) {
                let subject = f.subject.clone().unwrap_or_default();
                return match &f.scope {
                    Some(scope) => format!("{subject} in {scope}"),
                    None => subject,
                };
            }
            f.location.as_ref().map_or_else(
                || f.subject.clone().unwrap_or_default(),
                |l| format!("{prefix}{}:{}:{}", l.file, l.span.line, l.span.column),
            )
        };
        let mut push = |indices: Vec<usize>, rows: bool, member: &mut Vec<Option<usize>>| {
            for &i in &indices {
                member[i] = Some(groups.len());
            }
            let first = &findings[indices[0]].message;
            groups.push(Group {
                lead: indices[0],
                files: indices.iter().map(|&i| file(i).to_string()).collect(),
                prefix: prefix.to_string(),
                places: indices.iter().map(|&i| place(i)).collect(),
                same_message: indices.iter().all(|&i| &findings[i].message == first),
                rows,
            });
        };
        for indices in causes {
            for mut indices in by_folder(indices, 0, &file) {
                indices.sort_unstable();
                push(indices, false, &mut member);
            }
        }
        for (_, indices) in rows {
            if indices.len() > 1 {
                push(indices, true, &mut member);
            }
        }
        Groups { member, groups }
    }
    pub(super) fn at(&self, i: usize) -> Placed<'_> {
        match self.member[i].map(|g| &self.groups[g]) {
            None => Placed::Alone,
            Some(group) if group.lead == i => Placed::Leads(group),
            Some(_) => Placed::Follows,
        }
    }
}

/// Split findings of one cause by folder, from `depth` down, so that each group names
/// the narrowest folder that holds more than a handful of them; the rest of a folder
/// stays one group if it is more than a handful itself, else each is shown alone.
fn by_folder<'f>(indices: Vec<usize>, depth: usize, file: &impl Fn(usize) -> &'f str) -> Vec<Vec<usize>> {
    let mut below: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut rest = Vec::new();
    for i in indices {
        let parts: Vec<&str> = file(i).split('/').collect();
        // The last part is the file's name: only folders split.
        match parts.get(depth).filter(|_| depth + 1 < parts.len()) {
            Some(dir) => below.entry(dir).or_default().push(i),
            None => rest.push(i),
        }
    }
    let mut out = Vec::new();
    for (_, sub) in below {
        if sub.len() > GROUP_ABOVE {
            out.extend(by_folder(sub, depth + 1, file));
        } else {
            rest.extend(sub);
        }
    }
    if rest.len() > GROUP_ABOVE {
        out.push(rest);
    }
    out
}

impl Group {
    /// The folder all the group's files are under, with `/`; empty at the root.
    fn folder(&self) -> String {
        let mut common: Option<Vec<&str>> = None;
        for file in &self.files {
            let dirs: Vec<&str> = file.split('/').collect();
            let dirs = &dirs[..dirs.len().saturating_sub(1)];
            common = Some(match common {
                None => dirs.to_vec(),
                Some(c) => c
                    .iter()
                    .zip(dirs)
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| *a)
                    .collect(),
            });
        }
        common.unwrap_or_default().join("/")
    }

    pub(super) fn shown(&self, first: &Finding) -> Shown {
        let n = self.places.len();
        if self.rows {
            return self.shown_rows(first);
        }
        let folder = self.folder();
        let place = if self.files.iter().all(|f| *f == self.files[0]) {
            format!(" in {}{}", terminal(&self.prefix), terminal(&self.files[0]))
        } else if folder.is_empty() {
            String::new()
        } else {
            format!(" under {}{}", terminal(&self.prefix), terminal(&folder))
        };
        let files: Vec<String>;
        let (message, listed) = if self.same_message {
            files = self.files.iter().map(|f| format!("{}{f}", self.prefix)).collect();
            (
                format!("{} files{place}: {}", self.files.len(), terminal(&first.message)),
                &files,
            )
        } else {
            (
                format!("{n} findings like this one{place}: {}", terminal(&first.message)),
                &self.places,
            )
        };
        let listing = format!("{} (`--format json` lists every one)", first_few(listed, 3));
        let help = match &first.help {
            Some(h) => format!("{}\n{listing}", terminal(h)),
            None => listing,
        };
        Shown {
            message,
            code: first.rule,
            severity: severity(first.severity),
            help: Some(help),
            source: None,
            labels: Vec::new(),
            related: Vec::new(),
        }
    }
}

impl Group {
    /// Table rows under `-q`, where no table shows them: one diagnostic a rule naming
    /// the rows, as short as the table would be.
    fn shown_rows(&self, first: &Finding) -> Shown {
        let n = self.places.len();
        let what = match first.rule {
            "orphaned-strategic" => format!("{n} strategic responsibilities have no held accountable role"),
            "unowned" => format!("{n} responsibilities have no held accountable role"),
            "multiple-accountable" => format!("{n} responsibilities have several accountable roles"),
            "shared-responsibility" => format!("{n} responsibilities are shared"),
            _ => format!("{n} people carry more than their load"),
        };
        let fix = match first.rule {
            "orphaned-strategic" | "unowned" => {
                "make one held role accountable for each (`ID: A` in its charter), or waive it in pmpo.yaml"
            }
            "multiple-accountable" => "keep one accountable role for each; make the others responsible or consulted",
            "shared-responsibility" => "check that each is meant to be shared",
            _ => "share the roles out, move responsibilities to other roles, or raise `limits.max_load`",
        };
        Shown {
            message: format!("{what}: {}", first_few(&self.places, 6)),
            code: first.rule,
            severity: severity(first.severity),
            help: Some(format!("{fix}; without `-q` the table lists them")),
            source: None,
            labels: Vec::new(),
            related: Vec::new(),
        }
    }
}

/// The first `n` of `items`, escaped, and how many more: "a, b, c and 4 more".
fn first_few(items: &[String], n: usize) -> String {
    let shown: Vec<String> = items.iter().take(n).map(|f| terminal(f)).collect();
    match items.len() - shown.len() {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(file: &str, message: &str) -> Finding {
        Finding {
            message: message.into(),
            subject: Some(file.into()),
            help: Some("add frontmatter".into()),
            location: Some(Finding::at_line(file, 1)),
            ..Finding::bare("parse-error", Severity::Error)
        }
    }

    #[test]
    fn more_than_a_handful_with_one_cause_are_one_group() {
        let mut findings: Vec<Finding> = (0..8)
            .map(|i| {
                let dir = if i % 2 == 0 {
                    "backlog/archive/tasks/a"
                } else {
                    "backlog/archive/tasks"
                };
                finding(&format!("{dir}/task-{i}.md"), "no frontmatter")
            })
            .collect();
        findings.insert(3, finding("backlog/tasks/task-9.md", "something else"));
        findings.extend((0..GROUP_ABOVE).map(|i| finding(&format!("x/{i}.md"), "a handful")));
        let refs: Vec<&Finding> = findings.iter().collect();
        let groups = Groups::of(&refs, "");
        assert_eq!(groups.groups.len(), 1, "five with one cause are shown one by one");
        let group = &groups.groups[0];
        assert_eq!(group.files.len(), 8);
        assert_eq!(group.folder(), "backlog/archive/tasks");
        assert!(matches!(groups.at(0), Placed::Leads(_)));
        assert!(matches!(groups.at(1), Placed::Follows));
        assert!(matches!(groups.at(3), Placed::Alone));
        let shown = group.shown(&findings[0]);
        assert_eq!(shown.message, "8 files under backlog/archive/tasks: no frontmatter");
        let help = shown.help.unwrap();
        assert!(
            help.starts_with("add frontmatter\nbacklog/archive/tasks/a/task-0.md, "),
            "{help}"
        );
        assert!(help.contains(" and 5 more"), "{help}");
    }

    #[test]
    fn each_folder_with_more_than_a_handful_is_a_group_of_its_own() {
        let mut findings: Vec<Finding> = Vec::new();
        for (dir, n) in [
            ("backlog/drafts", 6),
            ("backlog/tasks", 7),
            ("backlog/tasks/epics/e1", 3),
            ("backlog/completed", 2),
        ] {
            findings.extend((0..n).map(|i| finding(&format!("{dir}/t-{i}.md"), "no frontmatter")));
        }
        let refs: Vec<&Finding> = findings.iter().collect();
        let groups = Groups::of(&refs, "");
        let shown: Vec<String> = groups
            .groups
            .iter()
            .map(|g| format!("{} {}", g.files.len(), g.folder()))
            .collect();
        // The epic's three join their folder's seven; the two completed ones stand alone.
        assert_eq!(shown, ["6 backlog/drafts", "10 backlog/tasks"]);
        assert!(matches!(groups.at(13 + 3), Placed::Alone));
    }
}
