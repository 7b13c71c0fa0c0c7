//! The tables the text reports print after their findings (orphaned, unowned, overlaps,
//! waived, people over their load, traceability), laid out once as plain data: which
//! tables show, which rows in which order, under which heading. The human report draws
//! them with comfy-table, the Markdown report (and the `github` job summary) as pipe
//! tables; each escapes and colours the cells its own way.
//!
//! The coverage, overlap and load tables show only the rows the reported findings leave in
//! ([`Report::rows_reported`]): `--select`, `--ignore`, `rules:` and a baseline decide them,
//! as for the findings. Traceability rows are no finding's, so that table is not filtered.

use super::{CoverageRow, Overlap, Report};
use crate::index::CoverageStatus;
use crate::model::Status;

/// Where the tables are read, which decides a few of their columns: the terminal has
/// the width for a scope column and folds a `why` every row shares into the heading; a
/// pull-request comment names the scope beside the id and shows each row's area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Medium {
    Terminal,
    Markdown,
}

/// The tables of one report, and the coverage summary line that closes them.
pub(crate) struct Tables {
    /// The tables with at least one row, in the order they are printed.
    pub tables: Vec<TextTable>,
    /// [`super::coverage_summary`] over every coverage row, shown or not.
    pub summary: String,
    /// The catalog's name, which the summary line ends with.
    pub catalog: String,
}

/// One table: a heading line, its column headings, its rows, and what to do about them.
pub(crate) struct TextTable {
    /// The heading line, unescaped.
    pub title: String,
    pub headings: Vec<&'static str>,
    /// Each row has a cell for each heading.
    pub rows: Vec<Vec<Cell>>,
    /// What to do about the rows, unescaped. The terminal prints it under the table; a
    /// pull-request comment leaves it out to stay short.
    pub help: Option<String>,
}

/// One cell: what it holds, and how strongly a terminal with colour marks it.
pub(crate) struct Cell {
    pub text: Text,
    pub tone: Tone,
}

/// What a cell holds, which decides how each format escapes it.
pub(crate) enum Text {
    /// An id: a code span in Markdown.
    Id(String),
    /// An id within a product or team: "`id` in `scope`" in Markdown.
    IdIn(String, String),
    /// Ids, joined with ", ": each a code span in Markdown.
    Ids(Vec<String>),
    /// Text from a document (a title, a reason, a name), escaped for where it shows.
    Prose(String),
    /// Text pmpo writes itself (a count, a kind, a load): shown as it is.
    Plain(String),
}

/// The colour a terminal gives a cell: as the severity it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tone {
    Plain,
    Error,
    Warning,
    Info,
}

impl Cell {
    fn plain(text: Text) -> Cell {
        Cell {
            text,
            tone: Tone::Plain,
        }
    }

    fn toned(text: Text, tone: Tone) -> Cell {
        Cell { text, tone }
    }
}

fn ids(ids: &[&str]) -> Text {
    Text::Ids(ids.iter().map(|id| (*id).to_string()).collect())
}

/// The column of a row's product or team, in the terminal with products.
const SCOPE: &str = "scope";
/// The first column of every coverage table.
const RESPONSIBILITY: &str = "responsibility";

/// The tables of `report` as `medium` shows them.
#[must_use]
pub(crate) fn of(report: &Report<'_>, medium: Medium) -> Tables {
    let all = report.coverage_grouped();
    let reported = report.rows_reported();
    let coverage: Vec<&CoverageRow<'_>> = all.iter().filter(|r| reported.coverage(r)).collect();
    let layout = Layout {
        medium,
        // With products, each row says which product or team it is about; without them
        // the tables are as they always were.
        scoped: !report.model.config.scopes.is_empty(),
    };
    let mut tables = vec![
        layout.uncovered(report, &coverage, CoverageStatus::Orphaned),
        layout.uncovered(report, &coverage, CoverageStatus::Unowned),
        layout.overlaps(&coverage),
        layout.waived(&coverage),
        loads(report),
        traceability(report),
    ];
    tables.retain(|t| !t.rows.is_empty());
    Tables {
        tables,
        summary: super::coverage_summary(&all),
        catalog: report.model.catalog.name.clone(),
    }
}

/// What the coverage tables need to know to lay out their first columns.
struct Layout {
    medium: Medium,
    scoped: bool,
}

impl Layout {
    /// The headings of a coverage table: the responsibility, its scope where the
    /// terminal shows it in a column of its own, then `rest`.
    fn headings(&self, rest: &[&'static str]) -> Vec<&'static str> {
        let mut headings = vec![RESPONSIBILITY];
        if self.medium == Medium::Terminal && self.scoped {
            headings.push(SCOPE);
        }
        headings.extend_from_slice(rest);
        headings
    }

    /// The first cells of a coverage row, matching [`Layout::headings`].
    fn responsibility(&self, r: &CoverageRow<'_>, tone: Tone) -> Vec<Cell> {
        match self.medium {
            Medium::Terminal => {
                let mut cells = vec![Cell::toned(Text::Id(r.id.to_string()), tone)];
                if self.scoped {
                    cells.push(Cell::plain(Text::Prose(r.scope.unwrap_or("workspace").to_string())));
                }
                cells
            }
            Medium::Markdown => {
                let text = match r.scope {
                    Some(scope) => Text::IdIn(r.id.to_string(), scope.to_string()),
                    None => Text::Id(r.id.to_string()),
                };
                vec![Cell::toned(text, tone)]
            }
        }
    }

    /// Orphaned strategic or unowned responsibilities, by `status`. In the terminal the
    /// `why` column shows only when it tells rows apart (a column repeating "no
    /// accountable role" on every row takes the width the titles need): else the
    /// heading says it once.
    fn uncovered(&self, report: &Report<'_>, coverage: &[&CoverageRow<'_>], status: CoverageStatus) -> TextTable {
        let title = match status {
            CoverageStatus::Orphaned => "Orphaned strategic responsibilities",
            _ => "Unowned responsibilities",
        };
        let rows: Vec<&CoverageRow<'_>> = coverage.iter().copied().filter(|c| c.status == status).collect();
        let varied = rows.iter().any(|r| r.why != rows[0].why);
        let (headings, with_area, with_why) = match self.medium {
            Medium::Terminal if varied => (self.headings(&["title", "why"]), false, true),
            Medium::Terminal => (self.headings(&["title"]), false, false),
            Medium::Markdown => (self.headings(&["title", "area", "why"]), true, true),
        };
        let cells = |r: &CoverageRow<'_>| {
            let mut cells = self.responsibility(r, Tone::Error);
            cells.push(Cell::plain(Text::Prose(r.title.to_string())));
            if with_area {
                cells.push(Cell::plain(Text::Prose(r.area.to_string())));
            }
            if with_why {
                cells.push(Cell::plain(Text::Prose(r.why.clone())));
            }
            cells
        };
        let title = match rows.first() {
            Some(first) if !with_why => format!("{title}: {}", first.why),
            _ => title.to_string(),
        };
        TextTable {
            title,
            headings,
            rows: rows.iter().map(|r| cells(r)).collect(),
            help: rows.first().map(|first| uncovered_help(report, first, varied)),
        }
    }

    /// Responsibilities with several accountable roles, or shared.
    fn overlaps(&self, coverage: &[&CoverageRow<'_>]) -> TextTable {
        let overlaps: Vec<_> = coverage.iter().filter_map(|c| Some((c, c.overlap()?))).collect();
        let rows = overlaps
            .iter()
            .map(|(r, overlap)| {
                let tone = match overlap {
                    Overlap::MultipleAccountable => Tone::Error,
                    Overlap::Shared => Tone::Info,
                };
                let mut cells = self.responsibility(r, Tone::Plain);
                cells.push(Cell::plain(ids(&r.accountable)));
                cells.push(Cell::plain(ids(&r.responsible)));
                cells.push(Cell::toned(Text::Plain(overlap.as_str().to_string()), tone));
                cells
            })
            .collect();
        // A row is not also a diagnostic, so the table says what to do where its rows
        // need something done.
        let several = overlaps.iter().any(|(_, o)| *o == Overlap::MultipleAccountable);
        TextTable {
            title: "Overlaps".into(),
            headings: self.headings(&["accountable", "responsible", "kind"]),
            rows,
            help: several.then(|| {
                "keep one accountable role for each row of kind \"multiple accountable\"; make the others responsible (R) or consulted (C)".into()
            }),
        }
    }

    /// Responsibilities `pmpo.yaml` waives, with the reason it gives.
    fn waived(&self, coverage: &[&CoverageRow<'_>]) -> TextTable {
        let rows = coverage
            .iter()
            .filter(|c| c.status == CoverageStatus::Waived)
            .map(|r| {
                let mut cells = self.responsibility(r, Tone::Plain);
                cells.push(Cell::plain(Text::Prose(r.waiver.unwrap_or("").to_string())));
                cells
            })
            .collect();
        TextTable {
            title: "Waived responsibilities".into(),
            headings: self.headings(&["reason"]),
            rows,
            help: None,
        }
    }
}

/// What to do about uncovered rows. Rows left by one vacant role (every row saying the
/// same, the first naming an accountable role) are fixed by its holder first.
fn uncovered_help(report: &Report<'_>, first: &CoverageRow<'_>, varied: bool) -> String {
    let vacant = first.accountable.first().copied().filter(|_| !varied);
    let fix = match vacant {
        Some(role) => {
            format!("name a holder for `{role}`, or make a held role accountable for each (`ID: A` in its charter)")
        }
        None => {
            "make one held role accountable for each (`ID: A` in its charter), or waive it in pmpo.yaml".to_string()
        }
    };
    match report.model.unread_roles_note() {
        Some(note) => format!("{note}; otherwise {fix}"),
        None => fix,
    }
}

/// People over their load whose `overloaded-person` is reported, most loaded first.
fn loads(report: &Report<'_>) -> TextTable {
    let reported = report.rows_reported();
    let rows = report
        .overloaded()
        .iter()
        .filter(|l| reported.load(l))
        .map(|l| {
            vec![
                Cell::plain(Text::Prose(l.person.to_string())),
                Cell::plain(ids(&l.roles)),
                Cell::toned(Text::Plain(l.load.clone()), Tone::Warning),
                Cell::plain(Text::Plain(l.limit.clone())),
            ]
        })
        .collect();
    TextTable {
        title: "People over their load".into(),
        headings: vec!["person", "roles", "load", "limit"],
        rows,
        help: Some("share the roles out, move responsibilities to other roles, or raise `limits.max_load`".into()),
    }
}

/// Goal by goal, the backlog items serving it (by status) and the roadmap items.
fn traceability(report: &Report<'_>) -> TextTable {
    let rows = report
        .traceability()
        .iter()
        .map(|t| {
            let items = if t.items.is_empty() {
                Cell::toned(Text::Plain("none".into()), Tone::Warning)
            } else {
                let parts: Vec<String> = Status::ALL
                    .iter()
                    .filter_map(|s| t.items.get(s).map(|n| format!("{n} {}", s.as_str())))
                    .collect();
                Cell::plain(Text::Plain(parts.join(", ")))
            };
            vec![
                Cell::plain(Text::Id(t.name())),
                Cell::plain(Text::Prose(t.title.to_string())),
                items,
                Cell::plain(ids(&t.roadmap)),
            ]
        })
        .collect();
    TextTable {
        title: "Traceability".into(),
        headings: vec!["goal", "title", "backlog items", "roadmap"],
        rows,
        help: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Index;

    /// Every example, laid out for both media (together they show all six tables): no
    /// empty table, a cell under every heading, the scope in a column of its own in the
    /// terminal and beside the id in Markdown, the area only in Markdown.
    #[test]
    fn every_table_has_rows_and_a_cell_under_each_heading() {
        let examples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut seen = std::collections::BTreeSet::new();
        for name in [
            "acme",
            "combined",
            "monorepo",
            "po-only",
            "safe-train",
            "scaled",
            "two-products",
        ] {
            let model = crate::load::load(&examples.join(name), &crate::rules::names()).unwrap();
            let index = Index::build(&model, crate::date::Date::parse("2026-11-26").unwrap());
            let findings = crate::rules::run(&model, &index);
            let report = Report::of(&model, &index, &findings);
            let scoped = !model.config.scopes.is_empty();
            for medium in [Medium::Terminal, Medium::Markdown] {
                for table in of(&report, medium).tables {
                    assert!(!table.rows.is_empty(), "{name}: {}", table.title);
                    for row in &table.rows {
                        assert_eq!(row.len(), table.headings.len(), "{name}: {}", table.title);
                    }
                    if table.headings[0] == RESPONSIBILITY {
                        let column = table.headings.get(1) == Some(&SCOPE);
                        assert_eq!(column, scoped && medium == Medium::Terminal, "{name}: {}", table.title);
                        let uncovered = table.title.starts_with("Orphaned") || table.title.starts_with("Unowned");
                        let area = table.headings.contains(&"area");
                        assert_eq!(area, uncovered && medium == Medium::Markdown, "{name}: {}", table.title);
                    }
                    seen.insert(table.title.split(':').next().unwrap_or_default().to_string());
                }
            }
        }
        assert_eq!(seen.len(), 6, "the examples show all six tables: {seen:?}");
    }
}
