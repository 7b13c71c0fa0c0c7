//! `pmpo people`: the people table in four formats, laid out from
//! [`crate::facts::people`] (it computes nothing). The first line answers "who can we not
//! lose?": the people who alone hold an accountable role, most rows first.

use std::fmt::Write as _;

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use serde::Serialize;

use crate::escape;
use crate::facts::PersonRow;
use crate::index::load_text;
use crate::style::Style;

/// What every format shows.
pub(crate) struct Page<'a> {
    pub root: &'a str,
    pub rows: &'a [PersonRow<'a>],
    /// `--without`, as given.
    pub without: &'a [String],
    pub max_load: usize,
}

/// "3 of 12 (2 strategic)" style cells and the headline, shared by the text formats.
fn alone_cell(r: &PersonRow<'_>) -> String {
    match (r.alone, r.alone_strategic) {
        (0, _) => "0".into(),
        (n, 0) => n.to_string(),
        (n, s) => format!("{n} ({s} strategic)"),
    }
}

fn limit_cell(r: &PersonRow<'_>) -> String {
    let over = if r.over_limit() { " (over)" } else { "" };
    format!("{} / {}{over}", load_text(r.load), load_text(r.limit))
}

fn roles_cell(r: &PersonRow<'_>) -> String {
    r.roles
        .iter()
        .map(|role| role.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first line: who alone holds the most, or that nobody alone holds anything.
fn headline(page: &Page<'_>, name: impl Fn(&str) -> String) -> String {
    let critical: Vec<&PersonRow<'_>> = page.rows.iter().filter(|r| r.alone > 0).collect();
    match critical.as_slice() {
        [] => "Nobody alone holds an accountable role: anyone could leave without leaving a row uncovered.".into(),
        many => {
            let named: Vec<String> = many
                .iter()
                .take(3)
                .map(|r| {
                    let rows = if r.alone == 1 { "row" } else { "rows" };
                    format!("{} ({} {rows}, {} strategic)", name(r.name), r.alone, r.alone_strategic)
                })
                .collect();
            let rest = many.len().saturating_sub(3);
            let more = if rest > 0 {
                format!(" and {rest} more")
            } else {
                String::new()
            };
            format!(
                "Who we cannot lose: {}{more}. If they left, those coverage rows would have no accountable holder.",
                named.join(", ")
            )
        }
    }
}

fn without_line(page: &Page<'_>, name: impl Fn(&str) -> String) -> Option<String> {
    (!page.without.is_empty()).then(|| {
        let names: Vec<String> = page.without.iter().map(|n| name(n)).collect();
        format!("What if: as if {} held no role (--without).", names.join(", "))
    })
}

#[must_use]
pub(crate) fn table(page: &Page<'_>, style: Style) -> String {
    let mut out = String::new();
    if let Some(line) = without_line(page, escape::terminal) {
        let _ = writeln!(out, "{line}\n");
    }
    let _ = writeln!(out, "{}\n", headline(page, escape::terminal));
    if page.rows.is_empty() {
        out.push_str("No people: no role charter names a holder.\n");
        return out;
    }
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(style.width).unwrap_or(u16::MAX))
        .set_header([
            "person",
            "alone holds (rows)",
            "load / limit",
            "roles",
            "scopes",
            "until",
        ]);
    for r in page.rows {
        t.add_row([
            Cell::new(escape::terminal(r.name)),
            Cell::new(alone_cell(r)).set_alignment(CellAlignment::Right),
            Cell::new(limit_cell(r)).set_alignment(CellAlignment::Right),
            Cell::new(escape::terminal(&roles_cell(r))),
            Cell::new(escape::terminal(&r.scopes.join(", "))),
            Cell::new(r.until.map(|u| u.to_string()).unwrap_or_default()),
        ]);
    }
    let _ = writeln!(out, "{t}");
    let _ = writeln!(
        out,
        "load: coverage rows carried, each shared among a role's holders; limit: limits.max_load ({}) × capacity",
        page.max_load
    );
    out
}

#[must_use]
pub(crate) fn markdown(page: &Page<'_>) -> String {
    let cell = |t: &str| escape::markdown(t);
    let mut out = String::from("## People\n\n");
    if let Some(line) = without_line(page, cell) {
        let _ = writeln!(out, "{line}\n");
    }
    let _ = writeln!(out, "{}\n", headline(page, cell));
    out.push_str("| person | alone holds (rows) | load / limit | roles | scopes | until |\n");
    out.push_str("|---|---:|---:|---|---|---|\n");
    for r in page.rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            cell(r.name),
            alone_cell(r),
            limit_cell(r),
            cell(&roles_cell(r)),
            cell(&r.scopes.join(", ")),
            r.until.map(|u| u.to_string()).unwrap_or_default()
        );
    }
    out
}

#[must_use]
pub(crate) fn csv(page: &Page<'_>) -> String {
    let mut out = String::from("person,alone_rows,alone_strategic,load,limit,capacity,roles,scopes,until\n");
    for r in page.rows {
        let fields = [
            escape::csv(&escape::one_line(r.name)),
            r.alone.to_string(),
            r.alone_strategic.to_string(),
            load_text(r.load),
            load_text(r.limit),
            r.capacity.to_string(),
            escape::csv(&escape::one_line(&roles_cell(r))),
            escape::csv(&r.scopes.join(" ")),
            r.until.map(|u| u.to_string()).unwrap_or_default(),
        ];
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct JsonPage<'a> {
    version: u32,
    root: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    without: &'a [String],
    max_load: usize,
    people: Vec<JsonPerson<'a>>,
}

#[derive(Serialize)]
struct JsonPerson<'a> {
    person: &'a str,
    roles: Vec<&'a str>,
    scopes: &'a [&'a str],
    load: f64,
    limit: f64,
    capacity: f64,
    over: bool,
    alone_rows: usize,
    alone_strategic: usize,
    until: Option<String>,
}

#[must_use]
pub(crate) fn json(page: &Page<'_>) -> String {
    let doc = JsonPage {
        version: 1,
        root: page.root,
        without: page.without,
        max_load: page.max_load,
        people: page
            .rows
            .iter()
            .map(|r| JsonPerson {
                person: r.name,
                roles: r.roles.iter().map(|role| role.id.as_str()).collect(),
                scopes: &r.scopes,
                load: (r.load * 100.0).round() / 100.0,
                limit: (r.limit * 100.0).round() / 100.0,
                capacity: r.capacity,
                over: r.over_limit(),
                alone_rows: r.alone,
                alone_strategic: r.alone_strategic,
                until: r.until.map(|u| u.to_string()),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
