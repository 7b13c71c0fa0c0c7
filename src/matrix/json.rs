//! `--format json`: the matrix as data. Version 1: `roles` (id, title, holders) in
//! column order, and `rows` (id, title, area, strategic, status, `cells` from role id
//! to letter, listing only the roles that have one).

use std::collections::BTreeMap;

use serde::Serialize;

use super::Matrix;

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    catalog: &'a str,
    roles: Vec<Role<'a>>,
    rows: Vec<Row<'a>>,
}

#[derive(Serialize)]
struct Role<'a> {
    id: &'a str,
    title: &'a str,
    holders: Vec<&'a str>,
}

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    title: &'a str,
    area: &'a str,
    strategic: bool,
    status: &'static str,
    cells: BTreeMap<&'a str, &'static str>,
    /// The product or team of the row; absent without products.
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<&'a str>,
}

#[must_use]
pub(crate) fn render(m: &Matrix<'_>) -> String {
    let doc = Doc {
        version: 1,
        catalog: m.catalog,
        roles: m
            .roles
            .iter()
            .map(|r| Role {
                id: r.id.as_str(),
                title: &r.title,
                holders: r.holders.iter().map(crate::model::Sp::as_str).collect(),
            })
            .collect(),
        rows: m
            .rows()
            .map(|row| Row {
                id: &row.responsibility.id,
                title: &row.responsibility.title,
                area: &row.responsibility.area,
                strategic: row.responsibility.strategic,
                status: row.status.as_str(),
                scope: row.scope,
                cells: row
                    .cells
                    .iter()
                    .zip(&m.roles)
                    .filter_map(|(c, r)| c.map(|l| (r.id.as_str(), l.letter())))
                    .collect(),
            })
            .collect(),
    };
    let mut s = crate::escape::json_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
