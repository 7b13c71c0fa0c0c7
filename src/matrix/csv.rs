//! `--format csv`: the columns the Markdown table has (`responsibility`, `scope` when
//! products are declared, `title`, one per role id, `status` as JSON spells it), one row
//! per responsibility (and product or team), for spreadsheets. Fields are quoted as RFC 4180
//! says (by [`crate::escape::csv`]); records end with `\n`.

use super::Matrix;
use crate::escape;

#[must_use]
pub(crate) fn render(m: &Matrix<'_>) -> String {
    let mut out = String::new();
    // With products and teams a responsibility has a row in each: say which.
    let scoped = m.rows().any(|r| r.scope.is_some());
    let header = ["responsibility"]
        .into_iter()
        .chain(scoped.then_some("scope"))
        .chain(["title"])
        .chain(m.roles.iter().map(|r| r.id.as_str()))
        .chain(std::iter::once("status"));
    push_record(&mut out, header);
    for row in m.rows() {
        let cells = row.cells.iter().map(|c| c.map_or("", |l| l.letter()));
        let r = row.responsibility;
        let title = title_field(&r.title);
        push_record(
            &mut out,
            [r.id.as_str()]
                .into_iter()
                .chain(scoped.then_some(row.scope.unwrap_or("")))
                .chain([title.as_str()])
                .chain(cells)
                .chain(std::iter::once(row.status.as_str())),
        );
    }
    out
}

/// A title as a CSV field: on one line (so that each record stays one line), and never
/// read as a formula by a spreadsheet (a title is workspace text, and `=HYPERLINK(…)`
/// in a cell runs when the sheet opens): a leading `=`, `+`, `-` or `@` gets a `'`.
fn title_field(title: &str) -> String {
    let one = escape::one_line(title);
    if one.starts_with(['=', '+', '-', '@']) {
        format!("'{one}")
    } else {
        one
    }
}

fn push_record<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    let fields: Vec<String> = fields.map(escape::csv).collect();
    out.push_str(&fields.join(","));
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::title_field;

    #[test]
    fn titles_stay_on_one_line_and_are_never_formulas() {
        assert_eq!(title_field("Order\nthe backlog"), "Order the backlog");
        assert_eq!(title_field("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(title_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(title_field("Plain work"), "Plain work");
    }
}
