//! The RACI heat map of each product and team for the `--format html` page of
//! `pmpo check`: one HTML table a scope, every cell carrying its letter as well as its
//! colour, every status its word. The classes (`raci`, `r-a`…, `s-ok`…) are those of the
//! page's style sheet in `report/html.css`; the command hands these tables to the page,
//! so the report and the matrix stay side by side. Every workspace text goes through
//! [`escape::html_line`].

use std::fmt::Write as _;

use super::{Matrix, area_heading, status_mark};
use crate::escape::{self, html_line};
use crate::index::{CoverageStatus, Index};
use crate::model::{Model, Raci};

/// The heat maps of the page: the whole matrix without products; with them, the
/// workspace's own rows (if any), then each product and team in `pmpo.yaml` order,
/// leaving out those without rows.
#[must_use]
pub(crate) fn heat_maps(model: &Model, index: &Index<'_>) -> String {
    let mut out = String::new();
    let scopes = &model.config.scopes;
    if scopes.is_empty() {
        matrix(&mut out, &Matrix::build_for(model, index, None), "the workspace");
        return out;
    }
    matrix(&mut out, &Matrix::build_for(model, index, Some(None)), "the workspace");
    for (i, def) in scopes.iter().enumerate() {
        let Ok(scope) = u32::try_from(i) else { break };
        let title = html_line(def.title.as_deref().unwrap_or(def.id.as_str()));
        let name = match def.product {
            Some(p) => format!(
                "{title} <span class=\"muted\">team of {}</span>",
                escape::html_line(scopes[p].id.as_str())
            ),
            None => title,
        };
        matrix(&mut out, &Matrix::build_for(model, index, Some(Some(scope))), &name);
    }
    out
}

fn letter_class(letter: Raci) -> &'static str {
    match letter {
        Raci::Accountable => "r-a",
        Raci::Responsible => "r-r",
        Raci::Consulted => "r-c",
        Raci::Informed => "r-i",
    }
}

fn status_class(status: CoverageStatus) -> &'static str {
    match status {
        CoverageStatus::Covered => "s-ok",
        CoverageStatus::Waived => "s-waived",
        CoverageStatus::Overlap => "s-warn",
        CoverageStatus::Orphaned | CoverageStatus::Unowned => "s-bad",
    }
}

/// One heat map, `name` already escaped.
fn matrix(page: &mut String, m: &Matrix<'_>, name: &str) {
    if m.groups.is_empty() {
        return;
    }
    let _ = write!(
        page,
        "<div class=\"scroll\"><table class=\"raci\">\n<caption>RACI matrix of {name}</caption>\n<thead><tr><th scope=\"col\">responsibility</th>"
    );
    for role in &m.roles {
        let _ = write!(
            page,
            "<th scope=\"col\" class=\"role\" title=\"{}\"><span>{}</span></th>",
            html_line(&role.title),
            html_line(role.id.as_str())
        );
    }
    page.push_str("<th scope=\"col\">status</th></tr></thead>\n<tbody>\n");
    for group in &m.groups {
        let _ = writeln!(
            page,
            "<tr class=\"area\"><th scope=\"rowgroup\" colspan=\"{}\">{}</th></tr>",
            m.roles.len() + 2,
            html_line(&area_heading(group.area))
        );
        for row in &group.rows {
            let r = row.responsibility;
            let _ = write!(
                page,
                "<tr><th scope=\"row\" title=\"{}\">{}{}</th>",
                html_line(&r.id),
                html_line(&r.title),
                if r.strategic {
                    " <span class=\"muted\">★</span>"
                } else {
                    ""
                }
            );
            for cell in &row.cells {
                match cell {
                    Some(l) => {
                        let _ = write!(page, "<td class=\"{}\">{}</td>", letter_class(*l), l.letter());
                    }
                    None => page.push_str("<td></td>"),
                }
            }
            let _ = writeln!(
                page,
                "<td class=\"{}\">{}</td></tr>",
                status_class(row.status),
                status_mark(row.status)
            );
        }
    }
    page.push_str("</tbody>\n</table></div>\n");
}
