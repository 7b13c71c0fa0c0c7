//! `--format csv`: a header of `responsibility` then the role ids, one row per
//! responsibility with its letters, for spreadsheets. Fields are quoted as RFC 4180
//! says (by [`crate::escape::csv`]); records end with `\n`.

use super::Matrix;
use crate::escape;

#[must_use]
pub fn render(m: &Matrix<'_>) -> String {
    let mut out = String::new();
    let header = std::iter::once("responsibility").chain(m.roles.iter().map(|r| r.id.as_str()));
    push_record(&mut out, header);
    for row in m.rows() {
        let cells = row.cells.iter().map(|c| c.map_or("", |l| l.letter()));
        push_record(&mut out, std::iter::once(row.responsibility.id.as_str()).chain(cells));
    }
    out
}

fn push_record<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    let fields: Vec<String> = fields.map(escape::csv).collect();
    out.push_str(&fields.join(","));
    out.push('\n');
}
