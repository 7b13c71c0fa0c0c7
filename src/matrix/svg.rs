//! `--format svg`: a standalone heatmap of the matrix, to drop into a wiki or a slide.
//!
//! Hand-written SVG 1.1 with no script, no external font and no style sheet, so it
//! opens the same in a browser, an `<img>` tag and an editor. The layout is computed
//! from estimated text widths (0.6 em a character, generous for sans-serif), every
//! number is an integer, and every text from documents goes through
//! [`escape::svg`]: the same matrix gives the same bytes. A row's hover title is the
//! responsibility's title.

use std::fmt::Write as _;

use super::{Group, Matrix, Row, area_heading};
use crate::escape;
use crate::index::CoverageStatus;
use crate::model::Raci;

const FONT: &str = "Helvetica, Arial, sans-serif";
const MARGIN: usize = 24;
const ROW: usize = 24;
const AREA_ROW: usize = 30;
const TEXT: &str = "#1b1f23";
const MUTED: &str = "#586069";

/// Estimated width in pixels of `text` at `size` pixels.
fn width(text: &str, size: usize) -> usize {
    (text.chars().count() * size * 6).div_ceil(10)
}

/// `text` cut with an ellipsis to fit `max` pixels at `size`.
fn fit(text: &str, size: usize, max: usize) -> String {
    if width(text, size) <= max {
        return text.to_string();
    }
    let keep = (max * 10 / (size * 6)).saturating_sub(1);
    let mut s: String = text.chars().take(keep).collect();
    s.push('…');
    s
}

/// Fill and text colour of a letter's cell.
fn colours(letter: Raci) -> (&'static str, &'static str) {
    match letter {
        Raci::Accountable => ("#1f4e79", "#ffffff"),
        Raci::Responsible => ("#4a90c2", "#ffffff"),
        Raci::Consulted => ("#bcd7ec", TEXT),
        Raci::Informed => ("#e8f1f8", TEXT),
    }
}

fn status_colour(status: CoverageStatus) -> &'static str {
    match status {
        CoverageStatus::Covered => "#22863a",
        CoverageStatus::Waived => MUTED,
        CoverageStatus::Overlap => "#b08800",
        CoverageStatus::Orphaned | CoverageStatus::Unowned => "#cb2431",
    }
}

fn status_text(status: CoverageStatus) -> &'static str {
    match status {
        CoverageStatus::Covered => "covered",
        CoverageStatus::Orphaned => "✗ orphaned",
        CoverageStatus::Unowned => "✗ unowned",
        CoverageStatus::Overlap => "✗ overlap",
        CoverageStatus::Waived => "waived",
    }
}

/// The legend: each letter and what it means.
const LEGEND: [(Raci, &str); 4] = [
    (Raci::Accountable, "accountable: owns the outcome"),
    (Raci::Responsible, "responsible: does the work"),
    (Raci::Consulted, "consulted: asked before deciding"),
    (Raci::Informed, "informed: told once decided"),
];

/// The line under the legend.
const NOTE: &str = "An empty cell: the role has no part in it. A red row: no held role is accountable.";

#[must_use]
pub(crate) fn render(matrix: &Matrix<'_>) -> String {
    let title = matrix.title();
    let subtitle = subtitle(matrix);
    let holders = holders(matrix);
    let at = Geometry::of(matrix, &holders, &title, &subtitle);
    let mut s = String::new();
    head(&mut s, &at, &title, &subtitle);
    role_headings(&mut s, &at, matrix, &holders);
    let mut y = at.grid_top;
    for group in &matrix.groups {
        y = area(&mut s, &at, group, y);
    }
    legend(&mut s, &at);
    s.push_str("</svg>\n");
    s
}

/// "N of M responsibilities covered · catalog C".
fn subtitle(matrix: &Matrix<'_>) -> String {
    let rows: Vec<_> = matrix.rows().collect();
    let covered = rows.iter().filter(|r| r.status == CoverageStatus::Covered).count();
    format!(
        "{covered} of {} {} covered · catalog {}",
        rows.len(),
        if rows.iter().any(|r| r.scope.is_some()) {
            "rows (a responsibility in a product or team)"
        } else {
            "responsibilities"
        },
        escape::one_line(matrix.catalog)
    )
}

/// Each role's holders, as its column shows them under its id.
fn holders(matrix: &Matrix<'_>) -> Vec<String> {
    matrix
        .roles
        .iter()
        .map(|r| {
            let names: Vec<&str> = r.holders.iter().map(crate::model::Sp::as_str).collect();
            if names.is_empty() {
                "no holder".into()
            } else {
                escape::one_line(&names.join(", "))
            }
        })
        .collect()
}

/// Where everything goes, in pixels: widths from the estimated text widths, heights
/// from the rows.
struct Geometry {
    /// The column of responsibility labels.
    label_w: usize,
    /// Each role's column.
    col_w: usize,
    /// The labels, the roles' columns and the status column.
    grid_w: usize,
    total_w: usize,
    total_h: usize,
    header_top: usize,
    grid_top: usize,
    legend_top: usize,
    /// Where the first role's column starts.
    grid_x: usize,
    status_x: usize,
}

impl Geometry {
    fn of(matrix: &Matrix<'_>, holders: &[String], title: &str, subtitle: &str) -> Geometry {
        let label_w = matrix
            .groups
            .iter()
            .map(|g| width(&area_heading(&escape::one_line(g.area)), 13))
            .chain(matrix.rows().map(|r| 12 + width(&r.label(), 13)))
            .max()
            .unwrap_or(0)
            .clamp(120, 420)
            + 16;
        let col_w: usize = matrix
            .roles
            .iter()
            .zip(holders)
            .map(|(r, h)| width(r.id.as_str(), 13).max(width(h, 11)))
            .max()
            .unwrap_or(0)
            .clamp(40, 160)
            + 16;
        let status_w = width("✗ orphaned", 12) + 24;
        let grid_w = label_w + matrix.roles.len() * col_w + status_w;
        let legend_w = LEGEND
            .iter()
            .map(|(_, t)| 30 + width(t, 12))
            .chain([width(NOTE, 11)])
            .max()
            .unwrap_or(0);
        let content_w = grid_w.max(width(title, 20)).max(width(subtitle, 12)).max(legend_w);
        let header_top = MARGIN + 52;
        let grid_top = header_top + 40;
        let grid_h: usize = matrix.groups.iter().map(|g| AREA_ROW + g.rows.len() * ROW).sum();
        let legend_top = grid_top + grid_h + 24;
        let grid_x = MARGIN + label_w;
        Geometry {
            label_w,
            col_w,
            grid_w,
            total_w: content_w + 2 * MARGIN,
            total_h: legend_top + LEGEND.len() * 22 + 18 + MARGIN,
            header_top,
            grid_top,
            legend_top,
            grid_x,
            status_x: grid_x + matrix.roles.len() * col_w + 12,
        }
    }
}

/// The `<svg>` element, its title, the background, and the title and subtitle lines.
fn head(s: &mut String, at: &Geometry, title: &str, subtitle: &str) {
    let (total_w, total_h) = (at.total_w, at.total_h);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{total_h}" viewBox="0 0 {total_w} {total_h}" role="img" aria-labelledby="title" font-family="{FONT}">"#
    );
    let _ = writeln!(s, r#"<title id="title">{}</title>"#, escape::svg(title));
    let _ = writeln!(s, r##"<rect width="{total_w}" height="{total_h}" fill="#ffffff"/>"##);
    let _ = writeln!(
        s,
        r#"<text x="{MARGIN}" y="{}" font-size="20" font-weight="bold" fill="{TEXT}">{}</text>"#,
        MARGIN + 20,
        escape::svg(title)
    );
    let _ = writeln!(
        s,
        r#"<text x="{MARGIN}" y="{}" font-size="12" fill="{MUTED}">{}</text>"#,
        MARGIN + 40,
        escape::svg(subtitle)
    );
}

/// Each role's id and holders over its column, then the status column's heading.
fn role_headings(s: &mut String, at: &Geometry, matrix: &Matrix<'_>, holders: &[String]) {
    for (i, (role, h)) in matrix.roles.iter().zip(holders).enumerate() {
        let cx = at.grid_x + i * at.col_w + at.col_w / 2;
        let _ = writeln!(
            s,
            r#"<text x="{cx}" y="{}" font-size="13" font-weight="bold" fill="{TEXT}" text-anchor="middle">{}</text>"#,
            at.header_top + 14,
            escape::svg(role.id.as_str())
        );
        let _ = writeln!(
            s,
            r#"<text x="{cx}" y="{}" font-size="11" fill="{MUTED}" text-anchor="middle">{}</text>"#,
            at.header_top + 30,
            escape::svg(&fit(h, 11, at.col_w - 8))
        );
    }
    let _ = writeln!(
        s,
        r#"<text x="{}" y="{}" font-size="13" font-weight="bold" fill="{TEXT}">status</text>"#,
        at.status_x,
        at.header_top + 14
    );
}

/// One area's heading and rule from `y`, then its rows; returns where the next starts.
fn area(s: &mut String, at: &Geometry, group: &Group<'_>, mut y: usize) -> usize {
    let _ = writeln!(
        s,
        r#"<text x="{MARGIN}" y="{}" font-size="13" font-weight="bold" fill="{TEXT}">{}</text>"#,
        y + 20,
        escape::svg(&fit(&area_heading(&escape::one_line(group.area)), 13, at.label_w - 8))
    );
    let _ = writeln!(
        s,
        r##"<line x1="{MARGIN}" y1="{}" x2="{}" y2="{}" stroke="#d1d5da"/>"##,
        y + AREA_ROW - 3,
        MARGIN + at.grid_w,
        y + AREA_ROW - 3
    );
    y += AREA_ROW;
    for row in &group.rows {
        responsibility(s, at, row, y);
        y += ROW;
    }
    y
}

/// One responsibility's row at `y`: its label, a cell per role, its status; the whole
/// row titled with the responsibility's title and tinted red when uncovered.
fn responsibility(s: &mut String, at: &Geometry, row: &Row<'_>, y: usize) {
    let grid_w = at.grid_w;
    let _ = writeln!(s, "<g><title>{}</title>", escape::svg(&row.responsibility.title));
    if matches!(row.status, CoverageStatus::Orphaned | CoverageStatus::Unowned) {
        let _ = writeln!(
            s,
            r##"<rect x="{MARGIN}" y="{y}" width="{grid_w}" height="{ROW}" fill="#fdecea"/>"##
        );
    }
    let _ = writeln!(
        s,
        r#"<text x="{}" y="{}" font-size="13" fill="{TEXT}">{}</text>"#,
        MARGIN + 12,
        y + 16,
        escape::svg(&fit(&row.label(), 13, at.label_w - 16))
    );
    for (i, cell) in row.cells.iter().enumerate() {
        cell_at(s, at, *cell, at.grid_x + i * at.col_w + 2, y);
    }
    let _ = writeln!(
        s,
        r#"<text x="{}" y="{}" font-size="12" fill="{}">{}</text>"#,
        at.status_x,
        y + 16,
        status_colour(row.status),
        status_text(row.status)
    );
    s.push_str("</g>\n");
}

/// A role's cell in a row: its letter on the letter's colour, or an empty box.
fn cell_at(s: &mut String, at: &Geometry, cell: Option<Raci>, x: usize, y: usize) {
    match cell {
        Some(letter) => {
            let (fill, ink) = colours(letter);
            let _ = writeln!(
                s,
                r#"<rect x="{x}" y="{}" width="{}" height="{}" rx="3" fill="{fill}"/><text x="{}" y="{}" font-size="12" font-weight="bold" fill="{ink}" text-anchor="middle">{}</text>"#,
                y + 2,
                at.col_w - 4,
                ROW - 4,
                x + (at.col_w - 4) / 2,
                y + 16,
                letter.letter()
            );
        }
        None => {
            let _ = writeln!(
                s,
                r##"<rect x="{x}" y="{}" width="{}" height="{}" rx="3" fill="#f6f8fa" stroke="#eaecef"/>"##,
                y + 2,
                at.col_w - 4,
                ROW - 4
            );
        }
    }
}

/// The legend under the grid, and the note under it.
fn legend(s: &mut String, at: &Geometry) {
    for (i, (letter, text)) in LEGEND.iter().enumerate() {
        let ly = at.legend_top + i * 22;
        let (fill, ink) = colours(*letter);
        let _ = writeln!(
            s,
            r#"<rect x="{MARGIN}" y="{ly}" width="18" height="18" rx="3" fill="{fill}"/><text x="{}" y="{}" font-size="11" font-weight="bold" fill="{ink}" text-anchor="middle">{}</text><text x="{}" y="{}" font-size="12" fill="{TEXT}">{}</text>"#,
            MARGIN + 9,
            ly + 13,
            letter.letter(),
            MARGIN + 28,
            ly + 13,
            text
        );
    }
    let _ = writeln!(
        s,
        r#"<text x="{MARGIN}" y="{}" font-size="11" fill="{MUTED}">{NOTE}</text>"#,
        at.legend_top + LEGEND.len() * 22 + 10
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_cuts_long_text_with_an_ellipsis() {
        assert_eq!(fit("abc", 10, 100), "abc");
        let cut = fit(&"x".repeat(50), 10, 60);
        assert!(cut.ends_with('…'));
        assert!(width(&cut, 10) <= 60 + 6, "{cut}");
    }
}
