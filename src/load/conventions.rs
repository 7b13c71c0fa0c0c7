//! Path conventions: which kind a file is when it does not say.
//!
//! The defaults of FORMAT.md, each replaceable kind by kind under `paths:` in
//! `pmpo.yaml`. Tried in FORMAT.md's order; the first match decides.

use std::collections::BTreeMap;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

use crate::model::Kind;

pub struct Conventions {
    sets: Vec<(Kind, GlobSet)>,
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
    }
}

/// Compile one glob the way all of pmpo's globs are: `*` stays within a directory.
///
/// # Errors
/// The glob's syntax error.
pub fn glob(pattern: &str, case_insensitive: bool) -> Result<Glob, globset::Error> {
    GlobBuilder::new(pattern)
        .literal_separator(true)
        .case_insensitive(case_insensitive)
        .build()
}

/// A set of globs, for `exclude`.
///
/// # Errors
/// The first invalid glob, with its message.
pub fn glob_set(patterns: &[String]) -> Result<GlobSet, String> {
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
    pub fn new(paths: &BTreeMap<Kind, Vec<String>>) -> Result<Conventions, String> {
        let mut sets = Vec::new();
        for kind in Kind::ALL {
            let mut builder = GlobSetBuilder::new();
            // Vision, roadmap and Definition of Done file names match in any case.
            let any_case =
                paths.get(&kind).is_none() && matches!(kind, Kind::Vision | Kind::Roadmap | Kind::DefinitionOfDone);
            match paths.get(&kind) {
                Some(globs) => {
                    for g in globs {
                        builder.add(glob(g.trim_start_matches("./"), false).map_err(|e| format!("`{g}`: {e}"))?);
                    }
                }
                None => {
                    for g in defaults(kind) {
                        builder.add(glob(g, any_case).map_err(|e| e.to_string())?);
                    }
                }
            }
            sets.push((kind, builder.build().map_err(|e| e.to_string())?));
        }
        Ok(Conventions { sets })
    }

    /// The kind a root-relative path has by convention.
    #[must_use]
    pub fn kind_of(&self, rel: &str) -> Option<Kind> {
        let candidate = globset::Candidate::new(rel);
        self.sets
            .iter()
            .find(|(_, set)| set.is_match_candidate(&candidate))
            .map(|(k, _)| *k)
    }
}

impl Conventions {
    /// Conventions under which every file is a catalog: for the file `catalog:` names.
    #[must_use]
    pub fn catalog_only() -> Conventions {
        let mut builder = GlobSetBuilder::new();
        if let Ok(g) = glob("**", false) {
            builder.add(g);
        }
        Conventions {
            sets: vec![(Kind::Catalog, builder.build().unwrap_or_else(|_| GlobSet::empty()))],
        }
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
    fn exclude_covers_directories() {
        let set = glob_set(&["archive".to_string(), "old/**".to_string()]).unwrap();
        assert!(set.is_match("archive/roles/x.md"));
        assert!(set.is_match("old/a/b.md"));
        assert!(!set.is_match("roles/archive.md"));
    }
}
