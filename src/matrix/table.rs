//! `--format table`: the matrix for a terminal, drawn by comfy-table. Each area opens
//! with a row of its own; uncovered rows are marked in the status column (and red,
//! with colour). Role ids stay whole: when they do not fit the width, the columns
//! carry abbreviations explained under the table, and when even those do not fit, the
//! roles are split over several tables.

use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table, presets};

use super::{Matrix, area_heading, status_mark};
use crate::escape::terminal;
use crate::index::CoverageStatus;
use crate::style::Style;

#[must_use]
pub(crate) fn render(m: &Matrix<'_>, style: Style) -> String {
    // Role ids are never broken across lines: when the full ids do not fit the width,
    // the columns carry abbreviations and a legend under the table spells them out;
    // when even those do not fit, the roles are split over several tables, each with
    // the responsibilities and the status.
    let ids: Vec<String> = m.roles.iter().map(|r| terminal(r.id.as_str())).collect();
    let fixed = fixed_width(m);
    let width_of = |labels: &[String]| fixed + labels.iter().map(|l| cell(l.chars().count())).sum::<usize>();
    let labels = if width_of(&ids) > style.width {
        abbreviations(&ids)
    } else {
        ids.clone()
    };
    let mut chunks: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = fixed;
    for (i, l) in labels.iter().enumerate() {
        let w = cell(l.chars().count());
        let current = chunks.last_mut().expect("one chunk at least");
        if !current.is_empty() && used + w > style.width {
            chunks.push(Vec::new());
            used = fixed;
        }
        chunks.last_mut().expect("one chunk at least").push(i);
        used += w;
    }
    let mut out = String::new();
    for (n, columns) in chunks.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&table(m, style, columns, &labels));
    }
    if labels != ids {
        let entries: Vec<String> = labels.iter().zip(&ids).map(|(l, id)| format!("{l} = {id}")).collect();
        out.push_str(&wrap_entries(&entries, style.width));
    }
    out
}

/// A column's width on screen for content `w` wide: one space each side and a border.
fn cell(w: usize) -> usize {
    w + 3
}

/// The width of the table without its role columns.
fn fixed_width(m: &Matrix<'_>) -> usize {
    let first = m
        .rows()
        .map(|r| r.responsibility.id.chars().count() + 2)
        .chain(m.groups.iter().map(|g| area_heading(g.area).chars().count()))
        .chain(std::iter::once("responsibility".len()))
        .max()
        .unwrap_or(0);
    let status = m
        .rows()
        .map(|r| status_mark(r.status).chars().count())
        .chain(std::iter::once("status".len()))
        .max()
        .unwrap_or(0);
    1 + cell(first) + cell(status)
}

/// One table with the role `columns` (indexes into `m.roles`) under `labels`.
fn table(m: &Matrix<'_>, style: Style, columns: &[usize], labels: &[String]) -> String {
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
    header.extend(columns.iter().map(|&i| bold(Cell::new(&labels[i]))));
    header.push(bold(Cell::new("status")));
    t.set_header(header);
    for group in &m.groups {
        let mut row = vec![bold(Cell::new(terminal(&area_heading(group.area))))];
        row.extend(std::iter::repeat_with(|| Cell::new("")).take(columns.len() + 1));
        t.add_row(row);
        for r in &group.rows {
            let mut row = vec![Cell::new(format!("  {}", r.responsibility.id))];
            row.extend(
                columns
                    .iter()
                    .map(|&i| Cell::new(r.cells[i].map_or("", |l| l.letter())).set_alignment(CellAlignment::Center)),
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
    // Ids and letters keep their width: nothing here may wrap.
    for column in t.column_iter_mut() {
        column.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
    }
    format!("{t}\n")
}

/// Short, unique labels for role ids: the initials of their words (`product-manager` →
/// `PM`), the first three letters of a one-word id, a number when two would collide.
fn abbreviations(ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        let words: Vec<&str> = id.split(['-', '_', ' ', '.']).filter(|w| !w.is_empty()).collect();
        // A number stays whole (`team-10` → `T10`), other words give their initial.
        let base: String = if words.len() > 1 {
            words
                .iter()
                .flat_map(|w| {
                    if w.chars().all(|c| c.is_ascii_digit()) {
                        w.chars().collect::<Vec<_>>()
                    } else {
                        w.chars().next().into_iter().flat_map(char::to_uppercase).collect()
                    }
                })
                .collect()
        } else {
            id.chars().take(3).flat_map(char::to_uppercase).collect()
        };
        let sep = if base.ends_with(|c: char| c.is_ascii_digit()) {
            "."
        } else {
            ""
        };
        let mut label = base.clone();
        let mut n = 2;
        while out.contains(&label) {
            label = format!("{base}{sep}{n}");
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
        let numbered: Vec<String> = ["team-1", "team-10", "team-1-a", "tiger-1"]
            .iter()
            .map(|s| (*s).to_string())
            .collect();
        assert_eq!(abbreviations(&numbered), ["T1", "T10", "T1A", "T1.2"]);
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
