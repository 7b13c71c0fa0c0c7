//! `--format html`: one self-contained page for the people who decide who owns what (a
//! head of product, a leadership team in a re-org, a coach), to put on a screen in a
//! meeting or print.
//!
//! The page reads top-down as the questions come: are we covered (the summary band, per
//! product and team), where are the gaps (orphaned strategic work, by product), who
//! carries too much, who can we not lose, who is leaving (the people), who does what (the
//! RACI heat map per product and team), does the backlog serve the goals (traceability),
//! and then every finding with its file and line, errors first.
//!
//! It lays out facts and computes none: the rows come from [`Report`], [`crate::facts`]
//! (the heat maps come drawn by the matrix module, through the command). One inline style sheet, no script, no external resource (no font, no
//! image, no link out of the page), so it opens the same from a CI artifact, a mail or
//! GitHub Pages. Every workspace text goes through [`escape::html`] or
//! [`escape::html_line`]; the only links are to the page's own sections. Colour is never
//! the only signal: a heat-map cell carries its letter, a status its word. The same
//! report gives the same bytes: no date, no elapsed time.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::place::Places;
use super::{CoverageRow, Emitter, Report, ScopeCounts};
use crate::escape::{html, html_line};
use crate::facts::PersonRow;
use crate::finding::{Finding, Severity};
use crate::index::{CoverageStatus, load_text};
use crate::model::Status;
use crate::words::plural;

pub(crate) struct Html {
    /// The RACI heat map of each product and team, as `matrix::html::heat_maps` draws
    /// them for this page (its style sheet styles their classes).
    pub heat_maps: String,
}

const STYLE: &str = include_str!("html.css");

/// The sections in page order: anchor and heading.
const SECTIONS: [(&str, &str); 6] = [
    ("summary", "Summary"),
    ("gaps", "Gaps"),
    ("people", "People"),
    ("raci", "Who does what"),
    ("traceability", "Goals and the work serving them"),
    ("findings", "Findings"),
];

impl Emitter for Html {
    fn emit(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let coverage = report.coverage_grouped();
        let counts = report.scope_counts(&coverage);
        let people = crate::facts::people(report.model, report.index);
        let mut page = String::with_capacity(256 * 1024);
        head(&mut page, report);
        summary(&mut page, report, &coverage, &counts, &people);
        gaps(&mut page, &coverage, &counts);
        people_section(&mut page, &people);
        matrices(&mut page, &self.heat_maps);
        traceability(&mut page, report);
        findings(&mut page, report);
        page.push_str("</main>\n<footer>Written by pmpo ");
        page.push_str(env!("CARGO_PKG_VERSION"));
        let _ = write!(
            page,
            " from the charters under <code>{}</code>, catalog <code>{}</code>.</footer>\n</body>\n</html>\n",
            html_line(&report.root),
            html_line(&report.model.catalog.name)
        );
        out.write_all(page.as_bytes())
    }
}

/// What the page is about: the declared products' titles, else the vision's product,
/// else the root as the user named it.
fn subject(report: &Report<'_>) -> String {
    let config = &report.model.config;
    let products: Vec<&str> = config
        .scopes
        .iter()
        .filter(|s| s.product.is_none())
        .map(|s| s.title.as_deref().unwrap_or(s.id.as_str()))
        .collect();
    if !products.is_empty() {
        return products.join(", ");
    }
    report
        .model
        .visions
        .iter()
        .find_map(|v| v.product.as_deref())
        .unwrap_or(&report.root)
        .to_string()
}

fn head(page: &mut String, report: &Report<'_>) {
    let subject = html_line(&subject(report));
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{subject} — product roles</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <header>\n<p class=\"kicker\">Product roles and responsibilities</p>\n<h1>{subject}</h1>\n"
    );
    let c = report.counts();
    let _ = writeln!(
        page,
        "<p class=\"lede\">{}, {} and {} in {}.</p>",
        plural(c.errors, "error", "errors"),
        plural(c.warnings, "warning", "warnings"),
        plural(c.infos, "info", "infos"),
        plural(report.model.documents, "document", "documents"),
    );
    if !report.model.without.is_empty() {
        let names: Vec<String> = report.model.without.iter().map(|n| html_line(n)).collect();
        let _ = writeln!(
            page,
            "<p class=\"note\">What if they left: checked as if <strong>{}</strong> held no role.</p>",
            names.join(", ")
        );
    }
    if let Some(note) = report.baseline_note(|f| format!("<code>{}</code>", html_line(f))) {
        let _ = writeln!(page, "<p class=\"note\">{note}.</p>");
    }
    page.push_str("<nav aria-label=\"Sections\"><ul>");
    for (id, title) in SECTIONS {
        let _ = write!(page, "<li><a href=\"#{id}\">{title}</a></li>");
    }
    page.push_str("</ul></nav>\n</header>\n<main>\n");
}

fn section(page: &mut String, index: usize, intro: &str) {
    let (id, title) = SECTIONS[index];
    let _ = writeln!(
        page,
        "<section id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">{title}</h2>\n<p class=\"intro\">{intro}</p>"
    );
}

/// How a figure of the summary band reads when it is not zero.
#[derive(Clone, Copy)]
enum Tone {
    /// Fails the run or leaves strategic work without an owner.
    Bad,
    /// A risk to look at.
    Warn,
    /// Neither good nor bad.
    Plain,
}

/// One figure of the summary band: its number and its label, the tone a border and a
/// tint (the label says the same in words).
fn card(page: &mut String, number: usize, label: &str, tone: Tone) {
    let class = match (number, tone) {
        (_, Tone::Plain) => "",
        (0, _) => " ok",
        (_, Tone::Bad) => " bad",
        (_, Tone::Warn) => " warn",
    };
    let _ = write!(
        page,
        "<div class=\"card{class}\"><span class=\"n\">{number}</span><span class=\"l\">{label}</span></div>"
    );
}

fn summary(
    page: &mut String,
    report: &Report<'_>,
    coverage: &[CoverageRow<'_>],
    counts: &[ScopeCounts<'_>],
    people: &[PersonRow<'_>],
) {
    section(page, 0, &html(&super::coverage_summary(coverage)));
    let c = report.counts();
    let total = |f: fn(&ScopeCounts<'_>) -> usize| counts.iter().map(f).sum::<usize>();
    page.push_str("<div class=\"band\">");
    card(page, c.errors, "errors", Tone::Bad);
    card(page, c.warnings, "warnings", Tone::Warn);
    let _ = write!(
        page,
        "<div class=\"card\"><span class=\"n\">{}<small> / {}</small></span><span class=\"l\">rows covered</span></div>",
        total(|s| s.covered),
        total(|s| s.rows)
    );
    card(page, total(|s| s.orphaned), "orphaned strategic", Tone::Bad);
    card(page, total(|s| s.unowned), "unowned", Tone::Warn);
    card(page, total(|s| s.overlapping), "overlapping", Tone::Warn);
    card(page, total(|s| s.waived), "waived", Tone::Plain);
    card(
        page,
        people.iter().filter(|p| p.over_limit()).count(),
        "people over their limit",
        Tone::Bad,
    );
    card(
        page,
        people.iter().filter(|p| p.alone > 0).count(),
        "single points of failure",
        Tone::Warn,
    );
    card(
        page,
        people.iter().filter(|p| p.until.is_some()).count(),
        "people leaving",
        Tone::Warn,
    );
    page.push_str("</div>\n");
    page.push_str(
        "<table class=\"scopes\">\n<caption>Coverage per product and team</caption>\n<thead><tr>\
         <th scope=\"col\">product or team</th><th scope=\"col\">coverage</th><th scope=\"col\" class=\"num\">covered</th>\
         <th scope=\"col\" class=\"num\">orphaned</th><th scope=\"col\" class=\"num\">unowned</th>\
         <th scope=\"col\" class=\"num\">overlapping</th><th scope=\"col\" class=\"num\">waived</th>\
         <th scope=\"col\" class=\"num\">rows</th></tr></thead>\n<tbody>\n",
    );
    for s in counts {
        let name = scope_name(s);
        let _ = writeln!(
            page,
            "<tr><th scope=\"row\">{name}</th><td>{}</td><td class=\"num\">{}</td><td class=\"num{}\">{}</td>\
             <td class=\"num{}\">{}</td><td class=\"num{}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            bar(s),
            s.covered,
            flag(s.orphaned),
            s.orphaned,
            flag(s.unowned),
            s.unowned,
            flag(s.overlapping),
            s.overlapping,
            s.waived,
            s.rows,
        );
    }
    page.push_str("</tbody>\n</table>\n</section>\n");
}

fn flag(n: usize) -> &'static str {
    if n > 0 { " flag" } else { "" }
}

/// A scope as the page names it: its title, with its product for a team.
fn scope_name(s: &ScopeCounts<'_>) -> String {
    match (s.title, s.product) {
        (None, _) => "workspace".into(),
        (Some(title), Some(product)) => format!(
            "{} <span class=\"muted\">team of {}</span>",
            html_line(title),
            html_line(product)
        ),
        (Some(title), None) => html_line(title),
    }
}

/// A stacked bar of a scope's rows, each part as wide as its share; the numbers beside
/// it say the same in words.
fn bar(s: &ScopeCounts<'_>) -> String {
    let rows = s.rows.max(1);
    let overlap_only = s.rows - s.covered - s.orphaned - s.unowned - s.waived;
    let mut out = String::from("<span class=\"bar\" role=\"img\" aria-label=\"");
    let _ = write!(out, "{} of {} covered\">", s.covered, s.rows);
    for (n, class) in [
        (s.covered, "b-covered"),
        (s.waived, "b-waived"),
        (overlap_only, "b-overlap"),
        (s.unowned, "b-unowned"),
        (s.orphaned, "b-orphaned"),
    ] {
        if n > 0 {
            let _ = write!(
                out,
                "<span class=\"{class}\" style=\"width:{}%\"></span>",
                n * 1000 / rows / 10
            );
        }
    }
    out.push_str("</span>");
    out
}

fn roles_list(ids: &[&str]) -> String {
    if ids.is_empty() {
        return "<span class=\"muted\">none</span>".into();
    }
    ids.iter()
        .map(|id| format!("<code>{}</code>", html_line(id)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn gaps(page: &mut String, coverage: &[CoverageRow<'_>], counts: &[ScopeCounts<'_>]) {
    section(
        page,
        1,
        "Strategic responsibilities no one is accountable for (orphaned), by product, then the other \
         responsibilities without an accountable holder (unowned).",
    );
    let orphaned: Vec<&CoverageRow<'_>> = coverage
        .iter()
        .filter(|c| c.status == CoverageStatus::Orphaned)
        .collect();
    if orphaned.is_empty() {
        page.push_str("<p class=\"good\">✓ No strategic responsibility is orphaned.</p>\n");
    }
    let mut products: Vec<Option<&str>> = Vec::new();
    for r in &orphaned {
        if !products.contains(&r.product) {
            products.push(r.product);
        }
    }
    for product in products {
        let rows: Vec<&&CoverageRow<'_>> = orphaned.iter().filter(|r| r.product == product).collect();
        // A product by its title, as the summary names it.
        let title = counts
            .iter()
            .find(|c| c.scope == product && c.scope.is_some())
            .and_then(|c| c.title);
        let name = title.or(product).map_or_else(|| "the workspace".to_string(), html_line);
        let _ = writeln!(
            page,
            "<table class=\"gaps\">\n<caption>Orphaned strategic work in {name} ({})</caption>",
            rows.len()
        );
        gap_rows(page, rows.into_iter().copied());
    }
    let unowned: Vec<&CoverageRow<'_>> = coverage
        .iter()
        .filter(|c| c.status == CoverageStatus::Unowned)
        .collect();
    if unowned.is_empty() {
        page.push_str("<p class=\"good\">✓ Every other responsibility has an accountable holder.</p>\n");
    } else {
        let _ = writeln!(
            page,
            "<table class=\"gaps\">\n<caption>Unowned responsibilities ({})</caption>",
            unowned.len()
        );
        gap_rows(page, unowned.into_iter());
    }
    page.push_str("</section>\n");
}

fn gap_rows<'a, 'r: 'a>(page: &mut String, rows: impl Iterator<Item = &'a CoverageRow<'r>>) {
    page.push_str(
        "<thead><tr><th scope=\"col\">responsibility</th><th scope=\"col\">product or team</th>\
         <th scope=\"col\">area</th><th scope=\"col\">accountable role</th><th scope=\"col\">why</th></tr></thead>\n<tbody>\n",
    );
    for r in rows {
        let _ = writeln!(
            page,
            "<tr><th scope=\"row\">{}<br><code class=\"id\">{}</code></th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            html_line(r.title),
            html_line(r.id),
            r.scope.map_or_else(|| "workspace".to_string(), html_line),
            html_line(r.area),
            roles_list(&r.accountable),
            html_line(&r.why),
        );
    }
    page.push_str("</tbody>\n</table>\n");
}

fn people_section(page: &mut String, people: &[PersonRow<'_>]) {
    section(
        page,
        2,
        "Each person's load against their limit (<code>max_load</code> × capacity), the coverage rows \
         that would lose their only accountable holder if they left, and who is leaving. Single points \
         of failure first.",
    );
    if people.is_empty() {
        page.push_str("<p class=\"muted\">No role names a holder.</p>\n</section>\n");
        return;
    }
    page.push_str(
        "<table class=\"people\">\n<caption>People, load and single points of failure</caption>\n<thead><tr>\
         <th scope=\"col\">person</th><th scope=\"col\">load / limit</th>\
         <th scope=\"col\" class=\"num\">rows held alone</th><th scope=\"col\">leaving</th>\
         <th scope=\"col\">roles</th><th scope=\"col\">products and teams</th></tr></thead>\n<tbody>\n",
    );
    for p in people {
        person_row(page, p);
    }
    page.push_str("</tbody>\n</table>\n</section>\n");
}

fn person_row(page: &mut String, p: &PersonRow<'_>) {
    let over = p.over_limit();
    let shown = if p.limit > 0.0 {
        (p.load / p.limit).min(1.0)
    } else {
        1.0
    };
    let meter = format!(
        "<span class=\"meter{}\"><span style=\"width:{:.0}%\"></span></span> {} / {}{}",
        if over { " over" } else { "" },
        shown * 100.0,
        load_text(p.load),
        load_text(p.limit),
        if over {
            " <strong class=\"tag bad\">over limit</strong>"
        } else {
            ""
        },
    );
    let alone = match (p.alone, p.alone_strategic) {
        (0, _) => "<span class=\"muted\">0</span>".to_string(),
        (n, 0) => format!("<strong class=\"tag warn\">{n}</strong>"),
        (n, s) => format!("<strong class=\"tag bad\">{n}</strong> <span class=\"muted\">({s} strategic)</span>"),
    };
    let until = p.until.map_or_else(String::new, |u| {
        format!("<strong class=\"tag warn\">until {u}</strong>")
    });
    let roles: Vec<&str> = p.roles.iter().map(|r| r.id.as_str()).collect();
    let _ = writeln!(
        page,
        "<tr><th scope=\"row\">{}</th><td class=\"load\">{meter}</td><td class=\"num\">{alone}</td><td>{until}</td><td>{}</td><td>{}</td></tr>",
        html_line(p.name),
        roles_list(&roles),
        p.scopes.iter().map(|s| html_line(s)).collect::<Vec<_>>().join(", "),
    );
}

/// The heat maps, drawn by the matrix module's `html` renderer and handed over by the
/// command (the report and the matrix stand side by side; neither imports the other).
fn matrices(page: &mut String, heat_maps: &str) {
    section(
        page,
        3,
        "The RACI matrix of each product and team: <b>A</b> accountable, <b>R</b> responsible, \
         <b>C</b> consulted, <b>I</b> informed; the darker the cell, the stronger the part. \
         ★ marks a strategic responsibility.",
    );
    page.push_str("<div class=\"matrices\">\n");
    page.push_str(heat_maps);
    page.push_str("</div>\n</section>\n");
}

fn traceability(page: &mut String, report: &Report<'_>) {
    section(
        page,
        4,
        "Goal by goal, the backlog items (by status) and roadmap items that name it.",
    );
    let backlog = crate::facts::Backlog::where_(report.model, |_| true);
    if backlog.items > 0 {
        let untraced = backlog.untraced.len();
        let _ = writeln!(
            page,
            "<p class=\"{}\">{} of {} serve no goal (dropped ones left out).</p>",
            if untraced == 0 { "good" } else { "warn-text" },
            untraced,
            plural(backlog.items, "backlog item", "backlog items"),
        );
    }
    let rows = report.traceability();
    if rows.is_empty() {
        page.push_str("<p class=\"muted\">No vision declares goals.</p>\n</section>\n");
        return;
    }
    page.push_str(
        "<table class=\"trace\">\n<caption>Traceability from goals to backlog and roadmap</caption>\n<thead><tr>\
         <th scope=\"col\">goal</th><th scope=\"col\">backlog items</th><th scope=\"col\">roadmap items</th></tr></thead>\n<tbody>\n",
    );
    for t in &rows {
        let items = if t.items.is_empty() {
            "<strong class=\"tag bad\">none</strong>".to_string()
        } else {
            Status::ALL
                .iter()
                .filter_map(|s| {
                    t.items
                        .get(s)
                        .map(|n| format!("<span class=\"chip\">{n} {}</span>", s.as_str()))
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let roadmap = if t.roadmap.is_empty() {
            "<span class=\"muted\">none</span>".to_string()
        } else {
            roles_list(&t.roadmap)
        };
        let _ = writeln!(
            page,
            "<tr><th scope=\"row\"><code class=\"id\">{}</code> {}</th><td>{items}</td><td>{roadmap}</td></tr>",
            html_line(&t.name()),
            html_line(t.title),
        );
    }
    page.push_str("</tbody>\n</table>\n</section>\n");
}

fn findings(page: &mut String, report: &Report<'_>) {
    section(page, 5, "Every finding with its file and line, errors first.");
    if report.findings.is_empty() {
        page.push_str("<p class=\"good\">✓ No findings.</p>\n</section>\n");
        return;
    }
    let places = Places::new(report);
    for (severity, heading) in [
        (Severity::Error, "Errors"),
        (Severity::Warning, "Warnings"),
        (Severity::Info, "Infos"),
    ] {
        let of: Vec<&Finding> = report.findings.iter().filter(|f| f.severity == severity).collect();
        if of.is_empty() {
            continue;
        }
        let _ = writeln!(
            page,
            "<table class=\"findings {}\">\n<caption>{heading} ({})</caption>\n<thead><tr><th scope=\"col\">severity</th>\
             <th scope=\"col\">rule</th><th scope=\"col\">where</th><th scope=\"col\">message</th></tr></thead>\n<tbody>",
            severity.as_str(),
            of.len()
        );
        for f in of {
            finding_row(page, f, &places);
        }
        page.push_str("</tbody>\n</table>\n");
    }
    page.push_str("</section>\n");
}

fn finding_row(page: &mut String, f: &Finding, places: &Places<'_>) {
    let place = match &f.location {
        Some(l) => format!(
            "<code>{}:{}</code>",
            html_line(&places.path(&l.file)),
            l.span.line.max(1)
        ),
        None => "<span class=\"muted\">workspace</span>".into(),
    };
    let help = f.help.as_deref().map_or_else(String::new, |h| {
        format!("<br><span class=\"help\">help: {}</span>", html_line(h))
    });
    let _ = writeln!(
        page,
        "<tr><td><span class=\"sev {0}\">{0}</span></td><td><code>{1}</code></td><td>{place}</td><td>{2}{help}</td></tr>",
        f.severity.as_str(),
        f.rule,
        html_line(&f.message),
    );
}
