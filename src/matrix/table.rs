//! `--format table`: the matrix for a terminal, drawn by comfy-table. Each area opens
//! with a row of its own; uncovered rows are marked in the status column (and red,
//! with colour).

use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table, presets};

use super::{Matrix, area_heading, status_mark};
use crate::index::CoverageStatus;
use crate::report::{Style, sanitize};

#[must_use]
pub fn render(m: &Matrix<'_>, style: Style) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(style.width).unwrap_or(u16::MAX));
    if !style.color {
        t.force_no_tty();
    }
    let bold = |c: Cell| {
        if style.color {
            c.add_attribute(Attribute::Bold)
        } else {
            c
        }
    };
    let mut header = vec![bold(Cell::new("responsibility"))];
    header.extend(m.roles.iter().map(|r| bold(Cell::new(r.id.as_str()))));
    header.push(bold(Cell::new("status")));
    t.set_header(header);
    for group in &m.groups {
        let mut row = vec![bold(Cell::new(sanitize(&area_heading(group.area))))];
        row.extend(std::iter::repeat_with(|| Cell::new("")).take(m.roles.len() + 1));
        t.add_row(row);
        for r in &group.rows {
            let mut row = vec![Cell::new(format!("  {}", r.responsibility.id))];
            row.extend(
                r.cells
                    .iter()
                    .map(|c| Cell::new(c.map_or("", |l| l.letter())).set_alignment(CellAlignment::Center)),
            );
            let status = Cell::new(status_mark(r.status));
            let color = match r.status {
                CoverageStatus::Covered => None,
                CoverageStatus::Waived => Some(Color::DarkGrey),
                CoverageStatus::Overlap => Some(Color::Yellow),
                CoverageStatus::Orphaned | CoverageStatus::Unowned => Some(Color::Red),
            };
            row.push(match color {
                Some(c) if style.color => status.fg(c),
                _ => status,
            });
            t.add_row(row);
        }
    }
    if let Some(first) = t.column_mut(0) {
        first.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
    }
    format!("{t}\n")
}
