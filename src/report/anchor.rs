//! Where a finding that has no place in a document is shown, for the formats that need a
//! place for every finding (`concise`, `sarif`, `gitlab`, `github`).
//!
//! CLI.md names the most relevant real file: the catalog entry of the responsibility the
//! finding is about (a workspace catalog), else the vision, else `pmpo.yaml`, else the
//! first role charter, at line 1 where no line applies. Where that is no real help, the
//! document that would fix the finding comes first: a responsibility nobody is
//! accountable for goes on the charter of the role whose type the catalog expects to be
//! accountable for it (where `ID: A` is written), and a missing vision on `pmpo.yaml` (its
//! `paths:` say where the vision is looked for), else on the charter of the role expected
//! to own it. A real file with a line is what
//! code scanning needs to fingerprint a result and what a merge request needs to show it
//! inline; the workspace directory, which pmpo used before, gives neither. Only a
//! workspace without any file has no such place, and then the callers fall back to the
//! workspace directory.

use std::collections::HashMap;

use crate::config;
use crate::finding::{Finding, Location};
use crate::model::{Kind, Loc, Model};
use crate::yaml::Span;

/// The places of one report, worked out once: the catalog entries that sit in a file, and
/// the file every other finding without a place goes to. Built once and looked up by
/// subject, so that anchoring stays linear however large the catalog and the workspace.
pub(crate) struct Anchors<'m> {
    model: &'m Model,
    entries: HashMap<&'m str, Loc>,
    /// For each responsibility whose catalog entry expects a role type, the charter of the
    /// first role (by path) of that type.
    expected: HashMap<&'m str, Loc>,
    /// `pmpo.yaml`, when the workspace has one.
    config: Option<Location>,
    fallback: Option<Location>,
}

impl<'m> Anchors<'m> {
    pub(crate) fn new(model: &'m Model) -> Anchors<'m> {
        let entries = model
            .catalog
            .responsibilities
            .iter()
            .filter_map(|r| Some((r.id.as_str(), r.loc?)))
            .collect();
        let mut roles: Vec<&crate::model::Role> = model.roles.iter().collect();
        roles.sort_by_key(|r| model.path(r.file));
        // Without a role of the expected type, the role already accountable for most of
        // the responsibility's area (else for most of all): where such work is written
        // in this organisation.
        let area_of: HashMap<&str, &str> = model
            .catalog
            .responsibilities
            .iter()
            .map(|r| (r.id.as_str(), r.area.as_str()))
            .collect();
        let mut by_area: HashMap<&str, (usize, Loc)> = HashMap::new();
        let mut busiest: Option<(usize, Loc)> = None;
        for role in &roles {
            let mut counts: HashMap<&str, usize> = HashMap::new();
            let mut total = 0;
            for a in role
                .assignments
                .iter()
                .filter(|a| a.raci == crate::model::Raci::Accountable)
            {
                total += 1;
                if let Some(area) = area_of.get(a.responsibility.value.as_str()) {
                    *counts.entry(area).or_default() += 1;
                }
            }
            for (area, n) in counts {
                let best = by_area.entry(area).or_insert((0, role.id.loc));
                if n > best.0 {
                    *best = (n, role.id.loc);
                }
            }
            if total > 0 && busiest.is_none_or(|(n, _)| total > n) {
                busiest = Some((total, role.id.loc));
            }
        }
        let expected = model
            .catalog
            .responsibilities
            .iter()
            .filter_map(|r| {
                let typed = r
                    .expected
                    .as_ref()
                    .and_then(|t| roles.iter().find(|role| role.is_type(&t.value)))
                    .map(|role| role.id.loc);
                let loc = typed
                    .or_else(|| by_area.get(r.area.as_str()).map(|&(_, loc)| loc))
                    .or(busiest.map(|(_, loc)| loc))?;
                Some((r.id.as_str(), loc))
            })
            .collect();
        let config = model
            .files
            .iter()
            .find(|f| &*f.path == config::FILE_NAME)
            .map(|f| first_line(&f.path));
        Anchors {
            model,
            entries,
            expected,
            config,
            fallback: fallback(model),
        }
    }

    /// The finding's own location, else the file it is anchored on; `None` only when the
    /// workspace has no file at all.
    pub(crate) fn place(&self, finding: &Finding) -> Option<Location> {
        finding.location.clone().or_else(|| self.anchor(finding))
    }

    /// The most relevant real file for a finding without a location.
    pub(crate) fn anchor(&self, finding: &Finding) -> Option<Location> {
        if finding.rule == "missing-vision" {
            let owner = self
                .model
                .catalog
                .uses
                .vision
                .as_deref()
                .and_then(|v| self.expected.get(v));
            return self
                .config
                .clone()
                .or_else(|| owner.map(|&loc| self.model.location(loc)))
                .or_else(|| self.fallback.clone());
        }
        let subject = finding.subject.as_deref();
        if let Some(&loc) = subject.and_then(|s| self.entries.get(s)) {
            return Some(self.model.location(loc));
        }
        // The vision and `pmpo.yaml` before any charter, as CLI.md lists them; then the
        // charter where the fix is written rather than the first by name.
        let vision_or_config = self.fallback.as_ref().filter(|l| !self.is_role(l)).cloned();
        let expected = matches!(finding.rule, "orphaned-strategic" | "unowned")
            .then(|| subject.and_then(|s| self.expected.get(s)))
            .flatten()
            .map(|&loc| self.model.location(loc));
        vision_or_config.or(expected).or_else(|| self.fallback.clone())
    }

    /// Whether `loc` is in a role charter.
    fn is_role(&self, loc: &Location) -> bool {
        self.model
            .files
            .iter()
            .any(|f| f.path == loc.file && f.kind == Some(Kind::Role))
    }
}

/// Line 1 of `file`.
fn first_line(file: &str) -> Location {
    Location {
        file: file.into(),
        span: Span {
            line: 1,
            column: 1,
            ..Span::default()
        },
    }
}

/// The vision, else `pmpo.yaml`, else the first charter, else the first file, at line 1.
fn fallback(model: &Model) -> Option<Location> {
    // By kind rather than by parsed document: a vision that failed to parse is still
    // the file the finding is about.
    let first_of = |kind: Kind| {
        model
            .files
            .iter()
            .filter(|f| f.kind == Some(kind))
            .map(|f| f.path.as_ref())
            .min()
    };
    let config = model
        .files
        .iter()
        .find(|f| &*f.path == config::FILE_NAME)
        .map(|f| f.path.as_ref());
    first_of(Kind::Vision)
        .or(config)
        .or_else(|| first_of(Kind::Role))
        .or_else(|| model.files.iter().map(|f| f.path.as_ref()).min())
        .map(first_line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;
    use crate::rules::tests::workspace;

    fn about(subject: &str) -> Finding {
        Finding {
            subject: Some(subject.to_string()),
            ..Finding::bare("unowned", Severity::Error)
        }
    }

    /// The anchor's file and line in a workspace of `files`.
    fn anchored(files: &[(&str, &str)], subject: &str) -> Option<(String, u32)> {
        let ws = workspace(files);
        let model = crate::load::load(&ws.root, &crate::rules::names()).unwrap();
        Anchors::new(&model)
            .anchor(&about(subject))
            .map(|l| (l.file.to_string(), l.span.line))
    }

    const ROLES: [(&str, &str); 2] = [
        ("roles/b.md", "---\nholders: [b]\n---\n"),
        ("roles/a.md", "---\nholders: [a]\n---\n"),
    ];
    const CONFIG: (&str, &str) = ("pmpo.yaml", "# the defaults\n");
    const VISION: (&str, &str) = ("vision.md", "---\nowner: a\ngoals:\n  - id: G1\n    title: Grow\n---\n");
    const CATALOG: (&str, &str) = (
        "responsibilities.yaml",
        "kind: catalog\nextends: builtin:pm-po\nresponsibilities:\n  - id: my-thing\n    title: Mine\n    area: delivery\n",
    );

    #[test]
    fn the_first_charter_when_nothing_more_relevant_exists() {
        assert_eq!(anchored(&ROLES, "product-vision"), Some(("roles/a.md".into(), 1)));
    }

    #[test]
    fn pmpo_yaml_before_the_charters() {
        let files = [ROLES[0], ROLES[1], CONFIG];
        assert_eq!(anchored(&files, "product-vision"), Some(("pmpo.yaml".into(), 1)));
    }

    #[test]
    fn the_vision_before_pmpo_yaml() {
        let files = [ROLES[0], ROLES[1], CONFIG, VISION];
        assert_eq!(anchored(&files, "product-vision"), Some(("vision.md".into(), 1)));
    }

    #[test]
    fn the_catalog_entry_before_anything() {
        let files = [ROLES[0], CONFIG, VISION, CATALOG];
        let (file, line) = anchored(&files, "my-thing").unwrap();
        assert_eq!(file, "responsibilities.yaml");
        assert!(line >= 4, "at the entry, not line 1: {line}");
        // A built-in responsibility has no entry in a file: the vision.
        assert_eq!(anchored(&files, "product-vision"), Some(("vision.md".into(), 1)));
    }

    #[test]
    fn the_charter_that_would_fix_it_before_the_first_by_name() {
        // Nothing is accountable for `product-vision`; `b` already carries the strategy
        // area, `a` carries none of it: the fix is written in `b`.
        let files = [
            (
                "roles/b.md",
                "---\nholders: [b]\nresponsibilities:\n  product-strategy: A\n---\n",
            ),
            (
                "roles/a.md",
                "---\nholders: [a]\nresponsibilities:\n  backlog-ordering: A\n---\n",
            ),
        ];
        assert_eq!(anchored(&files, "product-vision").unwrap().0, "roles/b.md");
        // A role of the type the catalog expects wins over both.
        let typed = [
            files[0],
            files[1],
            ("roles/pm.md", "---\nholders: [c]\ntype: product-manager\n---\n"),
        ];
        assert_eq!(anchored(&typed, "product-vision").unwrap().0, "roles/pm.md");
        // The vision still comes first, as CLI.md lists.
        let with_vision = [files[0], files[1], VISION];
        assert_eq!(anchored(&with_vision, "product-vision").unwrap().0, "vision.md");
    }

    #[test]
    fn nothing_in_an_empty_workspace() {
        assert_eq!(anchored(&[], "product-vision"), None);
    }
}
