//! Where a finding that has no place in a document is shown, for the formats that need a
//! place for every finding (`concise`, `sarif`, `gitlab`, `github`).
//!
//! CLI.md names the most relevant real file: the catalog entry of the responsibility the
//! finding is about (a workspace catalog), else the vision, else `pmpo.yaml`, else the
//! first role charter, at line 1 where no line applies. A real file with a line is what
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
        Anchors {
            model,
            entries,
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
        let entry = finding.subject.as_deref().and_then(|s| self.entries.get(s));
        match entry {
            Some(&loc) => Some(self.model.location(loc)),
            None => self.fallback.clone(),
        }
    }
}

/// The vision, else `pmpo.yaml`, else the first charter, else the first file, at line 1.
fn fallback(model: &Model) -> Option<Location> {
    let first_line = |file: &str| Location {
        file: file.into(),
        span: Span {
            line: 1,
            column: 1,
            ..Span::default()
        },
    };
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
    fn nothing_in_an_empty_workspace() {
        assert_eq!(anchored(&[], "product-vision"), None);
    }
}
