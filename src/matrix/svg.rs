//! `--format svg`: a standalone heatmap of the matrix, to drop into a wiki or a slide.
//!
//! Hand-written SVG 1.1 with no script, no external font and no style sheet, so it
//! opens the same in a browser, an `<img>` tag and an editor. The layout is computed
//! from estimated text widths (0.6 em a character, generous for sans-serif), every
//! number is an integer, and every text from documents goes through
//! [`escape::svg`]: the same matrix gives the same bytes. A row's hover title is the
//! responsibility's title.

use std::fmt::Write as _;

use super::{Matrix, area_heading};
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

#[must_use]
pub(crate) fn render(matrix: &Matrix<'_>) -> String {
    let title = matrix.title();
    let rows: Vec<_> = matrix.rows().collect();
    let covered = rows.iter().filter(|r| r.status == CoverageStatus::Covered).count();
    let subtitle = format!(
        "{covered} of {} {} covered · catalog {}",
        rows.len(),
        if rows.iter().any(|r| r.scope.is_some()) {
            "rows (a responsibility in a product or team)"
        } else {
            "responsibilities"
        },
        escape::one_line(matrix.catalog)
    );
    let label_w = matrix
        .groups
        .iter()
        .map(|g| width(&area_heading(&escape::one_line(g.area)), 13))
        .chain(rows.iter().map(|r| 12 + width(&r.label(), 13)))
        .max()
        .unwrap_or(0)
        .clamp(120, 420)
        + 16;
    let holders: Vec<String> = matrix
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
        .collect();
    let col_w: usize = matrix
        .roles
        .iter()
        .zip(&holders)
        .map(|(r, h)| width(r.id.as_str(), 13).max(width(h, 11)))
        .max()
        .unwrap_or(0)
        .clamp(40, 160)
        + 16;
    let status_w = width("✗ orphaned", 12) + 24;
    let grid_w = label_w + matrix.roles.len() * col_w + status_w;
    let legend: [(Raci, &str); 4] = [
        (Raci::Accountable, "accountable: owns the outcome"),
        (Raci::Responsible, "responsible: does the work"),
        (Raci::Consulted, "consulted: asked before deciding"),
        (Raci::Informed, "informed: told once decided"),
    ];
    let note = "An empty cell: the role has no part in it. A red row: no held role is accountable.";
    let legend_w = legend
        .iter()
        .map(|(_, t)| 30 + width(t, 12))
        .chain([width(note, 11)])
        .max()
        .unwrap_or(0);
    let content_w = grid_w.max(width(&title, 20)).max(width(&subtitle, 12)).max(legend_w);
    let total_w = content_w + 2 * MARGIN;

    let header_top = MARGIN + 52;
    let grid_top = header_top + 40;
    let grid_h: usize = matrix.groups.iter().map(|g| AREA_ROW + g.rows.len() * ROW).sum();
    let legend_top = grid_top + grid_h + 24;
    let total_h = legend_top + legend.len() * 22 + 18 + MARGIN;

    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{total_w}" height="{total_h}" viewBox="0 0 {total_w} {total_h}" role="img" aria-labelledby="title" font-family="{FONT}">"#
    );
    let _ = writeln!(s, r#"<title id="title">{}</title>"#, escape::svg(&title));
    let _ = writeln!(s, r##"<rect width="{total_w}" height="{total_h}" fill="#ffffff"/>"##);
    let _ = writeln!(
        s,
        r#"<text x="{MARGIN}" y="{}" font-size="20" font-weight="bold" fill="{TEXT}">{}</text>"#,
        MARGIN + 20,
        escape::svg(&title)
    );
    let _ = writeln!(
        s,
        r#"<text x="{MARGIN}" y="{}" font-size="12" fill="{MUTED}">{}</text>"#,
        MARGIN + 40,
        escape::svg(&subtitle)
    );

    let grid_x = MARGIN + label_w;
    for (i, (role, h)) in matrix.roles.iter().zip(&holders).enumerate() {
        let cx = grid_x + i * col_w + col_w / 2;
        let _ = writeln!(
            s,
            r#"<text x="{cx}" y="{}" font-size="13" font-weight="bold" fill="{TEXT}" text-anchor="middle">{}</text>"#,
            header_top + 14,
            escape::svg(role.id.as_str())
        );
        let _ = writeln!(
            s,
            r#"<text x="{cx}" y="{}" font-size="11" fill="{MUTED}" text-anchor="middle">{}</text>"#,
            header_top + 30,
            escape::svg(&fit(h, 11, col_w - 8))
        );
    }
    let status_x = grid_x + matrix.roles.len() * col_w + 12;
    let _ = writeln!(
        s,
        r#"<text x="{status_x}" y="{}" font-size="13" font-weight="bold" fill="{TEXT}">status</text>"#,
        header_top + 14
    );

    let mut y = grid_top;
    for group in &matrix.groups {
        let _ = writeln!(
            s,
            r#"<text x="{MARGIN}" y="{}" font-size="13" font-weight="bold" fill="{TEXT}">{}</text>"#,
            y + 20,
            escape::svg(&fit(&area_heading(&escape::one_line(group.area)), 13, label_w - 8))
        );
        let _ = writeln!(
            s,
            r##"<line x1="{MARGIN}" y1="{}" x2="{}" y2="{}" stroke="#d1d5da"/>"##,
            y + AREA_ROW - 3,
            MARGIN + grid_w,
            y + AREA_ROW - 3
        );
        y += AREA_ROW;
        for row in &group.rows {
            let resp = row.responsibility;
            let _ = writeln!(s, "<g><title>{}</title>", escape::svg(&resp.title));
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
                escape::svg(&fit(&row.label(), 13, label_w - 16))
            );
            for (i, cell) in row.cells.iter().enumerate() {
                let x = grid_x + i * col_w + 2;
                match cell {
                    Some(letter) => {
                        let (fill, ink) = colours(*letter);
                        let _ = writeln!(
                            s,
                            r#"<rect x="{x}" y="{}" width="{}" height="{}" rx="3" fill="{fill}"/><text x="{}" y="{}" font-size="12" font-weight="bold" fill="{ink}" text-anchor="middle">{}</text>"#,
                            y + 2,
                            col_w - 4,
                            ROW - 4,
                            x + (col_w - 4) / 2,
                            y + 16,
                            letter.letter()
                        );
                    }
                    None => {
                        let _ = writeln!(
                            s,
                            r##"<rect x="{x}" y="{}" width="{}" height="{}" rx="3" fill="#f6f8fa" stroke="#eaecef"/>"##,
                            y + 2,
                            col_w - 4,
                            ROW - 4
                        );
                    }
                }
            }
            let _ = writeln!(
                s,
                r#"<text x="{status_x}" y="{}" font-size="12" fill="{}">{}</text>"#,
                y + 16,
                status_colour(row.status),
                status_text(row.status)
            );
            s.push_str("</g>\n");
            y += ROW;
        }
    }

    for (i, (letter, text)) in legend.iter().enumerate() {
        let ly = legend_top + i * 22;
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
        r#"<text x="{MARGIN}" y="{}" font-size="11" fill="{MUTED}">{note}</text>"#,
        legend_top + legend.len() * 22 + 10
    );
    s.push_str("</svg>\n");
    s
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
