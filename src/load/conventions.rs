//! Path conventions: which kind a file is when it does not say.
//!
//! The defaults of FORMAT.md, each replaceable kind by kind under `paths:` in
//! `pmpo.yaml`. Tried in FORMAT.md's order; the first match decides. In a Backlog.md
//! repository the backlog defaults narrow to its task folders and no default reaches
//! the rest of `backlog/`; `paths:` still wins.

use std::collections::BTreeMap;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

use crate::load::backlog_md::{self, BacklogMd};
use crate::model::Kind;

pub(crate) struct Conventions {
    /// Each kind's globs, and whether they are the defaults (not `paths:`).
    sets: Vec<(Kind, GlobSet, bool)>,
    /// In a Backlog.md repository: its settings, and `backlog/**`, where no default
    /// but the task folders applies.
    backlog_md: Option<(BacklogMd, GlobSet)>,
}

fn defaults(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Role => &["roles/**/*.md"],
        Kind::BacklogItem => &["backlog/**/*.md"],
        Kind::Backlog => &["backlog/**/*.yaml", "backlog/**/*.yml"],
        Kind::Vision => &["**/vision.md"],
        Kind::Roadmap => &["**/roadmap.md", "**/roadmap.yaml"],
        Kind::Catalog => &["responsibilities.yaml"],
        Kind::DefinitionOfDone => &["**/definition-of-done.md"],
        Kind::People => &["people.yaml"],
    }
}

/// Compile one glob the way all of pmpo's globs are: `*` stays within a directory.
///
/// # Errors
/// The glob's syntax error.
pub(crate) fn glob(pattern: &str, case_insensitive: bool) -> Result<Glob, globset::Error> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .case_insensitive(case_insensitive)
        .build()
}

/// A set of globs, for `exclude`.
///
/// # Errors
/// The first invalid glob, with its message.
pub(crate) fn glob_set(patterns: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        let trimmed = p.trim_start_matches("./");
        builder.add(glob(trimmed, false).map_err(|e| format!("`{p}`: {e}"))?);
        // `dir/` or `dir` also excludes everything below it.
        let below = format!("{}/**", trimmed.trim_end_matches('/'));
        builder.add(glob(&below, false).map_err(|e| format!("`{p}`: {e}"))?);
    }
    builder.build().map_err(|e| e.to_string())
}

impl Conventions {
    /// The defaults, with `paths` replacing them kind by kind.
    ///
    /// # Errors
    /// An invalid glob in `paths`.
    #[cfg(test)]
    pub(crate) fn new(paths: &BTreeMap<Kind, Vec<String>>) -> Result<Conventions, String> {
        Conventions::with_backlog_md(paths, None)
    }

    /// The conventions of a repository whose `backlog/config.yml` is Backlog.md's
    /// settings (`Some`), or of any other (`None`).
    ///
    /// # Errors
    /// An invalid glob in `paths`.
    pub(crate) fn with_backlog_md(
        paths: &BTreeMap<Kind, Vec<String>>,
        backlog_md: Option<BacklogMd>,
    ) -> Result<Conventions, String> {
        let mut sets = Vec::new();
        for kind in Kind::ALL {
            let mut builder = GlobSetBuilder::new();
            // Vision, roadmap and Definition of Done file names match in any case.
            let any_case =
                paths.get(&kind).is_none() && matches!(kind, Kind::Vision | Kind::Roadmap | Kind::DefinitionOfDone);
            let defaults: &[&str] = match (kind, &backlog_md) {
                (Kind::BacklogItem, Some(_)) => backlog_md::TASK_GLOBS,
                (Kind::Backlog, Some(_)) => &[],
                _ => defaults(kind),
            };
            match paths.get(&kind) {
                Some(globs) => {
                    for g in globs {
                        builder.add(glob(g.trim_start_matches("./"), false).map_err(|e| format!("`{g}`: {e}"))?);
                    }
                }
                None => {
                    for g in defaults {
                        builder.add(glob(g, any_case).map_err(|e| e.to_string())?);
                    }
                }
            }
            let is_default = !paths.contains_key(&kind);
            sets.push((kind, builder.build().map_err(|e| e.to_string())?, is_default));
        }
        let backlog_md = match backlog_md {
            Some(settings) => {
                let mut builder = GlobSetBuilder::new();
                builder.add(glob("backlog/**", false).map_err(|e| e.to_string())?);
                Some((settings, builder.build().map_err(|e| e.to_string())?))
            }
            None => None,
        };
        Ok(Conventions { sets, backlog_md })
    }

    /// The kind a root-relative path has by convention.
    #[must_use]
    pub(crate) fn kind_of(&self, rel: &str) -> Option<Kind> {
        let candidate = globset::Candidate::new(rel);
        // In a Backlog.md repository, a default convention other than the task
        // folders does not reach into `backlog/` (its docs may well hold a vision.md).
        let in_backlog_md = self
            .backlog_md
            .as_ref()
            .is_some_and(|(_, set)| set.is_match_candidate(&candidate));
        self.sets
            .iter()
            .filter(|(kind, _, is_default)| !(in_backlog_md && *is_default && *kind != Kind::BacklogItem))
            .find(|(_, set, _)| set.is_match_candidate(&candidate))
            .map(|(k, _, _)| *k)
    }

    /// Whether `kind` is matched by FORMAT.md's `**/` defaults (vision, roadmap,
    /// Definition of Done, not replaced under `paths:`): such a file may be someone
    /// else's page, and is a document only when it says so.
    #[must_use]
    pub(crate) fn is_loose(&self, kind: Kind) -> bool {
        matches!(kind, Kind::Vision | Kind::Roadmap | Kind::DefinitionOfDone)
            && self.sets.iter().any(|(k, _, is_default)| *k == kind && *is_default)
    }

    /// The Backlog.md settings, in a Backlog.md repository.
    #[must_use]
    pub(crate) fn backlog_md(&self) -> Option<&BacklogMd> {
        self.backlog_md.as_ref().map(|(settings, _)| settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_format_md() {
        let c = Conventions::new(&BTreeMap::new()).unwrap();
        assert_eq!(c.kind_of("roles/po.md"), Some(Kind::Role));
        assert_eq!(c.kind_of("roles/team/po.md"), Some(Kind::Role));
        assert_eq!(c.kind_of("backlog/CHK-1.md"), Some(Kind::BacklogItem));
        assert_eq!(c.kind_of("backlog/items.yml"), Some(Kind::Backlog));
        assert_eq!(c.kind_of("Vision.MD"), Some(Kind::Vision));
        assert_eq!(c.kind_of("product/roadmap.yaml"), Some(Kind::Roadmap));
        assert_eq!(c.kind_of("responsibilities.yaml"), Some(Kind::Catalog));
        assert_eq!(c.kind_of("docs/responsibilities.yaml"), None);
        assert_eq!(c.kind_of("Definition-of-Done.md"), Some(Kind::DefinitionOfDone));
        assert_eq!(c.kind_of("team/definition-of-done.md"), Some(Kind::DefinitionOfDone));
        assert_eq!(c.kind_of("notes/roles/x.md"), None);
        assert_eq!(
            c.kind_of("backlog/vision.md"),
            Some(Kind::BacklogItem),
            "first match wins"
        );
    }

    #[test]
    fn paths_replace_one_kind() {
        let mut paths = BTreeMap::new();
        paths.insert(Kind::Role, vec!["team/charters/*.md".to_string()]);
        paths.insert(Kind::Backlog, vec![]);
        let c = Conventions::new(&paths).unwrap();
        assert_eq!(c.kind_of("team/charters/po.md"), Some(Kind::Role));
        assert_eq!(c.kind_of("roles/po.md"), None);
        assert_eq!(c.kind_of("backlog/config.yml"), None);
        assert_eq!(c.kind_of("backlog/x.md"), Some(Kind::BacklogItem));
    }

    #[test]
    fn backlog_md_narrows_the_backlog_to_its_task_folders() {
        let c = Conventions::with_backlog_md(&BTreeMap::new(), Some(BacklogMd::default())).unwrap();
        for task in [
            "backlog/tasks/task-1 - A.md",
            "backlog/tasks/epics/task-2 - B.md",
            "backlog/completed/task-3 - C.md",
            "backlog/drafts/task-4 - D.md",
            "backlog/archive/tasks/task-5 - E.md",
        ] {
            assert_eq!(c.kind_of(task), Some(Kind::BacklogItem), "{task}");
        }
        for other in [
            "backlog/config.yml",
            "backlog/task-dependencies.yaml",
            "backlog/docs/doc-1 - Pipeline.md",
            "backlog/docs/vision.md",
            "backlog/decisions/decision-1 - X.md",
            "backlog/milestones/m-1 - v1.md",
            "backlog/archive/drafts/task-6 - F.md",
            "backlog/archive/milestones/m-0.md",
            "backlog/readme.md",
        ] {
            assert_eq!(c.kind_of(other), None, "{other}");
        }
        assert_eq!(c.kind_of("vision.md"), Some(Kind::Vision));
        assert_eq!(c.kind_of("roles/po.md"), Some(Kind::Role));

        // `paths:` still overrides.
        let mut paths = BTreeMap::new();
        paths.insert(Kind::BacklogItem, vec!["backlog/tasks/*.md".to_string()]);
        paths.insert(Kind::Vision, vec!["backlog/docs/vision.md".to_string()]);
        let c = Conventions::with_backlog_md(&paths, Some(BacklogMd::default())).unwrap();
        assert_eq!(c.kind_of("backlog/completed/task-3 - C.md"), None);
        assert_eq!(c.kind_of("backlog/docs/vision.md"), Some(Kind::Vision));
    }

    #[test]
    fn exclude_covers_directories() {
        let set = glob_set(&["archive".to_string(), "old/**".to_string()]).unwrap();
        assert!(set.is_match("archive/roles/x.md"));
        assert!(set.is_match("old/a/b.md"));
        assert!(!set.is_match("roles/archive.md"));
    }
}
