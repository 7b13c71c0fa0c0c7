//! `--format markdown`: the matrix as a GitHub table, for a pull-request comment or a
//! wiki page. Each area opens with a bold row; uncovered rows carry their status in
//! bold. Titles and areas come from documents and are escaped for table cells.

use std::fmt::Write as _;

use super::{Matrix, area_heading, status_mark};
use crate::escape;
use crate::index::CoverageStatus;

#[must_use]
pub(crate) fn render(m: &Matrix<'_>) -> String {
    let mut s = format!("## {}\n\n", escape::markdown(&m.title()));
    s.push_str("| responsibility | title |");
    for r in &m.roles {
        let _ = write!(s, " {} |", escape::code_in_table(r.id.as_str()));
    }
    s.push_str(" status |\n|---|---|");
    s.push_str(&":-:|".repeat(m.roles.len()));
    s.push_str("---|\n");
    for group in &m.groups {
        let _ = write!(s, "| **{}** | |", escape::markdown(&area_heading(group.area)));
        s.push_str(&" |".repeat(m.roles.len() + 1));
        s.push('\n');
        for row in &group.rows {
            let r = row.responsibility;
            let _ = write!(
                s,
                "| {} | {} |",
                escape::code_in_table(&r.id),
                escape::markdown(&r.title)
            );
            for c in &row.cells {
                let _ = write!(s, " {} |", c.map_or("", |l| l.letter()));
            }
            let status = status_mark(row.status);
            if row.status == CoverageStatus::Covered {
                let _ = writeln!(s, " {status} |");
            } else {
                let _ = writeln!(s, " **{status}** |");
            }
        }
    }
    s.push_str("\nA accountable (owns the outcome) · R responsible (does the work) · C consulted · I informed\n");
    s
}
