//! The RACI matrix: responsibilities as rows grouped by area, roles as columns, a
//! letter in each cell, and one renderer per `--format`, each in its own file.
//!
//! [`Matrix::build`] derives the grid once from the model and the index; renderers
//! only lay it out, so every format shows the same rows, columns and letters in the
//! same order: areas in the built-in order (then others as the catalog first names
//! them), responsibilities in catalog order within an area, the roles the catalog
//! expects first (in the order it first expects them), then the others in file order.

pub(crate) mod csv;
pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod markdown;
pub(crate) mod mermaid;
pub(crate) mod svg;
pub(crate) mod table;

use crate::index::{CoverageStatus, Index};
use crate::model::{Model, Raci, Responsibility, Role, Scope};

// Area order and headings are facts shared with the charter and `pmpo init`.
pub(crate) use crate::facts::{area_heading, area_order};

#[derive(Debug)]
pub(crate) struct Matrix<'m> {
    /// The product the vision names, else nothing.
    pub product: Option<&'m str>,
    /// `builtin:pm-po` or the catalog file.
    pub catalog: &'m str,
    /// The columns: the first role with each id, the catalog's expected roles first.
    pub roles: Vec<&'m Role>,
    pub groups: Vec<Group<'m>>,
}

#[derive(Debug)]
pub(crate) struct Group<'m> {
    pub area: &'m str,
    pub rows: Vec<Row<'m>>,
}

#[derive(Debug)]
pub(crate) struct Row<'m> {
    pub responsibility: &'m Responsibility,
    /// One per column of [`Matrix::roles`]: the role's letter, the strongest when a role
    /// names the responsibility twice.
    pub cells: Vec<Option<Raci>>,
    pub status: CoverageStatus,
    /// The product or team of the row; `None` without products.
    pub scope: Option<&'m str>,
}

impl Row<'_> {
    /// The row's name as the SVG and Mermaid show it: the responsibility id, with its
    /// product or team when products are declared (`backlog-ordering · cart`).
    #[must_use]
    pub(crate) fn label(&self) -> String {
        match self.scope {
            Some(scope) => format!("{} · {scope}", self.responsibility.id),
            None => self.responsibility.id.clone(),
        }
    }

    /// The columns holding `letter`.
    pub(crate) fn columns(&self, letter: Raci) -> impl Iterator<Item = usize> + '_ {
        self.cells
            .iter()
            .enumerate()
            .filter(move |(_, c)| **c == Some(letter))
            .map(|(i, _)| i)
    }
}

impl<'m> Matrix<'m> {
    #[cfg(test)]
    pub(crate) fn build(model: &'m Model, index: &Index<'m>) -> Matrix<'m> {
        Matrix::build_for(model, index, None)
    }

    /// The matrix of one product or team (`only`), or of every row.
    #[must_use]
    pub(crate) fn build_for(model: &'m Model, index: &Index<'m>, only: Option<Scope>) -> Matrix<'m> {
        let wanted = |c: &crate::index::Coverage<'_>| only.is_none_or(|s| c.scope == s);
        let mut roles: Vec<&Role> = Vec::new();
        for role in &model.roles {
            // A section shows the roles that take part in it.
            let takes_part = only.is_none()
                || index
                    .coverage
                    .iter()
                    .filter(|c| wanted(c))
                    .any(|c| c.claims().any(|cl| std::ptr::eq(cl.role, role)));
            if takes_part && !roles.iter().any(|r| r.id.value == role.id.value) {
                roles.push(role);
            }
        }
        // The roles the catalog expects come first, in the order it first expects them
        // (product manager, then product owner for `builtin:pm-po`): the reader meets
        // the owners before the helpers. Others follow in file order (a stable sort).
        let mut expected: Vec<&str> = Vec::new();
        for r in &model.catalog.responsibilities {
            if let Some(e) = &r.expected
                && !expected.contains(&e.as_str())
            {
                expected.push(e.as_str());
            }
        }
        let rank = |role: &Role| {
            expected
                .iter()
                .position(|e| *e == role.id.as_str())
                .unwrap_or(expected.len())
        };
        roles.sort_by_key(|r| rank(r));
        let catalog = &model.catalog.responsibilities;
        let mut groups: Vec<Group<'m>> = area_order(catalog.iter().map(|r| r.area.as_str()))
            .into_iter()
            .map(|area| Group { area, rows: Vec::new() })
            .collect();
        for coverage in index.coverage.iter().filter(|c| wanted(c)) {
            let responsibility = &catalog[coverage.responsibility];
            let cells = roles.iter().map(|r| coverage.letter(r.id.as_str())).collect();
            if let Some(group) = groups.iter_mut().find(|g| g.area == responsibility.area) {
                group.rows.push(Row {
                    responsibility,
                    cells,
                    status: coverage.status,
                    scope: model.scope_id(coverage.scope),
                });
            }
        }
        if only.is_some() {
            groups.retain(|g| !g.rows.is_empty());
        }
        // One product's or team's title for its section; the workspace's vision's
        // product for the whole (with products declared, never one product's name).
        let product = match only.flatten() {
            Some(i) => {
                let def = &model.config.scopes[i as usize];
                Some(def.title.as_deref().unwrap_or(def.id.as_str()))
            }
            None => model
                .visions
                .iter()
                .filter(|v| model.config.scopes.is_empty() || v.at.is_none())
                .find_map(|v| v.product.as_deref()),
        };
        Matrix {
            product,
            catalog: &model.catalog.name,
            roles,
            groups,
        }
    }

    /// Every row, group by group.
    pub(crate) fn rows(&self) -> impl Iterator<Item = &Row<'m>> {
        self.groups.iter().flat_map(|g| &g.rows)
    }

    /// The diagram's title: the product's name, when the vision gives one.
    #[must_use]
    pub(crate) fn title(&self) -> String {
        match self.product {
            Some(p) => format!("{} — RACI matrix", crate::escape::one_line(p)),
            None => "RACI matrix".into(),
        }
    }
}

/// A status as the matrix shows it: covered rows plain, the others marked.
#[must_use]
pub(crate) fn status_mark(status: CoverageStatus) -> &'static str {
    match status {
        CoverageStatus::Covered => "covered",
        CoverageStatus::Orphaned => "✗ orphaned",
        CoverageStatus::Unowned => "✗ unowned",
        CoverageStatus::Overlap => "✗ overlap",
        CoverageStatus::Waived => "– waived",
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::rules::tests::workspace;

    #[test]
    fn cells_hold_each_role_letter_and_the_strongest_wins() {
        let ws = workspace(&[
            (
                "roles/b-owner.md",
                "---\nholders: [x]\nresponsibilities:\n  product-vision: A\n  user-stories: C\n---\n",
            ),
            (
                "roles/a-helper.md",
                "---\nholders: [y]\nresponsibilities:\n  product-vision: I\n  user-stories: R\n---\n",
            ),
        ]);
        let model = crate::load::load(&ws.root, &crate::rules::names()).unwrap();
        let index = Index::build(&model, crate::date::Date::parse("2026-11-26").unwrap());
        let m = Matrix::build(&model, &index);
        let ids: Vec<_> = m.roles.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a-helper", "b-owner"]);
        let row = |id: &str| m.rows().find(|r| r.responsibility.id == id).unwrap();
        assert_eq!(
            row("product-vision").cells,
            [Some(Raci::Informed), Some(Raci::Accountable)]
        );
        assert_eq!(row("product-vision").status, CoverageStatus::Covered);
        assert_eq!(
            row("user-stories").cells,
            [Some(Raci::Responsible), Some(Raci::Consulted)]
        );
        assert_eq!(row("user-stories").status, CoverageStatus::Unowned);
        assert_eq!(row("go-to-market").cells, [None, None]);
        let areas: Vec<_> = m.groups.iter().map(|g| g.area).collect();
        assert_eq!(areas, crate::facts::AREAS);
        assert_eq!(m.rows().count(), model.catalog.responsibilities.len());
    }
}
