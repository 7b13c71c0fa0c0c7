//! `--format table`: the matrix for a terminal, drawn by comfy-table. Each area opens
//! with a row of its own; uncovered rows are marked in the status column (and red,
//! with colour). Role ids stay whole: when they do not fit the width, the columns
//! carry abbreviations explained under the table.

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
    // Role ids are never broken across lines: when the full ids do not fit the width,
    // the columns carry abbreviations and a legend under the table spells them out.
    let ids: Vec<String> = m.roles.iter().map(|r| sanitize(r.id.as_str())).collect();
    let labels = if full_width(m, &ids) > style.width {
        abbreviations(&ids)
    } else {
        ids.clone()
    };
    let mut header = vec![bold(Cell::new("responsibility"))];
    header.extend(labels.iter().map(|l| bold(Cell::new(l))));
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
    // Ids and letters keep their width; only a column that can wrap between words would
    // be squeezed, and none here should be.
    for column in t.column_iter_mut() {
        column.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
    }
    let mut out = format!("{t}\n");
    if labels != ids {
        let entries: Vec<String> = labels.iter().zip(&ids).map(|(l, id)| format!("{l} = {id}")).collect();
        out.push_str(&wrap_entries(&entries, style.width));
    }
    out
}

/// How wide the table is with the full role ids as column headers.
fn full_width(m: &Matrix<'_>, ids: &[String]) -> usize {
    let cell = |w: usize| w + 3; // one space each side and a border
    let first = m
        .rows()
        .map(|r| r.responsibility.id.chars().count() + 2)
        .chain(m.groups.iter().map(|g| g.area.chars().count()))
        .chain(std::iter::once("responsibility".len()))
        .max()
        .unwrap_or(0);
    let status = m
        .rows()
        .map(|r| status_mark(r.status).chars().count())
        .chain(std::iter::once("status".len()))
        .max()
        .unwrap_or(0);
    1 + cell(first) + ids.iter().map(|id| cell(id.chars().count())).sum::<usize>() + cell(status)
}

/// Short, unique labels for role ids: the initials of their words (`product-manager` →
/// `PM`), the first three letters of a one-word id, a number when two would collide.
fn abbreviations(ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        let words: Vec<&str> = id.split(['-', '_', ' ', '.']).filter(|w| !w.is_empty()).collect();
        let base: String = if words.len() > 1 {
            words
                .iter()
                .filter_map(|w| w.chars().next())
                .flat_map(char::to_uppercase)
                .collect()
        } else {
            id.chars().take(3).flat_map(char::to_uppercase).collect()
        };
        let mut label = base.clone();
        let mut n = 2;
        while out.contains(&label) {
            label = format!("{base}{n}");
            n += 1;
        }
        out.push(label);
    }
    out
}

/// `entries` joined by `, `, broken between entries so that no line is wider than `width`.
fn wrap_entries(entries: &[String], width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for (i, e) in entries.iter().enumerate() {
        let piece = if i + 1 < entries.len() {
            format!("{e},")
        } else {
            e.clone()
        };
        if !line.is_empty() && line.chars().count() + 1 + piece.chars().count() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&piece);
    }
    if !line.is_empty() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{abbreviations, wrap_entries};

    #[test]
    fn abbreviations_are_short_and_unique() {
        let ids: Vec<String> = [
            "product-manager",
            "product-owner",
            "engineering-lead",
            "owner",
            "product-marketer",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        assert_eq!(abbreviations(&ids), ["PM", "PO", "EL", "OWN", "PM2"]);
    }

    #[test]
    fn legends_break_between_entries() {
        let entries: Vec<String> = ["PM = product-manager", "PO = product-owner", "EL = engineering-lead"]
            .iter()
            .map(|s| (*s).to_string())
            .collect();
        assert_eq!(
            wrap_entries(&entries, 44),
            "PM = product-manager, PO = product-owner,\nEL = engineering-lead\n"
        );
    }
}
