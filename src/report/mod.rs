//! Reporting: one emitter per `--format`, each reading the same findings and the
//! same coverage, traceability and load tables. The facts in them come from the index
//! and [`crate::facts`]; this module only puts them into rows every format shares.

mod anchor;
pub(crate) mod concise;
pub(crate) mod github;
pub(crate) mod gitlab;
pub(crate) mod html;
pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod junit;
pub(crate) mod markdown;
mod place;
pub(crate) mod sarif;
pub(crate) mod statistics;
mod tables;

use std::io::{self, Write};
use std::time::Duration;

pub(crate) use crate::facts::TraceRow;
use crate::finding::{Finding, Severity};
pub(crate) use crate::index::Overlap;
use crate::index::{Coverage, CoverageStatus, Index};
use crate::model::Model;

/// Everything an emitter may show.
pub(crate) struct Report<'a> {
    /// The root as the user named it, with `/`.
    pub root: String,
    pub model: &'a Model,
    pub index: &'a Index<'a>,
    pub findings: &'a [Finding],
    /// What `--baseline` or `--write-baseline` hid, when one was given.
    pub baseline: Option<&'a crate::baseline::Applied>,
    pub elapsed: Duration,
}

#[cfg(test)]
impl<'a> Report<'a> {
    /// The report a unit test lays out: the root `.`, no baseline, no elapsed time.
    pub(crate) fn of(model: &'a Model, index: &'a Index<'a>, findings: &'a [Finding]) -> Self {
        Report {
            root: ".".into(),
            model,
            index,
            findings,
            baseline: None,
            elapsed: Duration::ZERO,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// One responsibility's row of the coverage table.
pub(crate) struct CoverageRow<'a> {
    pub id: &'a str,
    /// The product or team of the row; `None` without declared products.
    pub scope: Option<&'a str>,
    /// The product of the row's scope (the scope itself for a product).
    pub product: Option<&'a str>,
    pub title: &'a str,
    pub area: &'a str,
    pub strategic: bool,
    pub accountable: Vec<&'a str>,
    pub responsible: Vec<&'a str>,
    pub consulted: Vec<&'a str>,
    pub informed: Vec<&'a str>,
    pub status: CoverageStatus,
    pub waiver: Option<&'a str>,
    /// Why it is not covered, in a few words.
    pub why: String,
    overlap: Option<Overlap>,
}

impl CoverageRow<'_> {
    /// The overlap this row is, if any: [`crate::index::Coverage::overlap`], the fact the
    /// overlap rules decide from.
    #[must_use]
    pub(crate) fn overlap(&self) -> Option<Overlap> {
        self.overlap
    }
}

/// The coverage summary every format ends with, without the catalog: "N of M
/// responsibilities covered; N orphaned, N unowned, N overlapping, N waived", counting the
/// rows the tables show.
#[must_use]
pub(crate) fn coverage_summary(coverage: &[CoverageRow<'_>]) -> String {
    let count = |s| coverage.iter().filter(|c| c.status == s).count();
    // With products and teams a row is a responsibility in one of them: say so.
    let what = if coverage.iter().any(|c| c.scope.is_some()) {
        let mut ids: Vec<&str> = coverage.iter().map(|c| c.id).collect();
        ids.sort_unstable();
        ids.dedup();
        format!("rows ({} responsibilities, each per product or team)", ids.len())
    } else {
        "responsibilities".to_string()
    };
    format!(
        "{} of {} {what} covered; {} orphaned, {} unowned, {}, {} waived",
        count(CoverageStatus::Covered),
        coverage.len(),
        count(CoverageStatus::Orphaned),
        count(CoverageStatus::Unowned),
        overlap_summary(coverage),
        count(CoverageStatus::Waived),
    )
}

/// "N overlapping" for the coverage summary lines: the rows the Overlaps table shows
/// (shared ones included, which are covered too), and how many of them have several
/// accountable roles.
fn overlap_summary(coverage: &[CoverageRow<'_>]) -> String {
    let overlapping = coverage.iter().filter(|c| c.overlap().is_some()).count();
    let several = coverage
        .iter()
        .filter(|c| c.overlap() == Some(Overlap::MultipleAccountable))
        .count();
    if several == 0 {
        format!("{overlapping} overlapping")
    } else {
        format!("{overlapping} overlapping ({several} with several accountable roles)")
    }
}

/// One product's or team's coverage in figures (the workspace's rows are the scope
/// `None`): what the summary of a page shows a row of.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct ScopeCounts<'a> {
    pub scope: Option<&'a str>,
    /// As the workspace names it: its `title:`, else its id.
    pub title: Option<&'a str>,
    /// For a team, its product's id.
    pub product: Option<&'a str>,
    pub rows: usize,
    /// Covered as [`coverage_summary`] counts them: one accountable role with a holder.
    pub covered: usize,
    pub orphaned: usize,
    pub unowned: usize,
    /// Rows the Overlaps table shows (shared ones included, which are covered too).
    pub overlapping: usize,
    pub waived: usize,
}

/// A person over their load.
pub(crate) struct LoadRow<'a> {
    pub person: &'a str,
    pub roles: Vec<&'a str>,
    /// As printed: `17`, or `7.5` for shared roles.
    pub load: String,
    /// Their limit as printed: `limits.max_load` × their capacity (`24`, `9.6`).
    pub limit: String,
}

fn role_ids<'a>(claims: &[crate::index::Claim<'a>]) -> Vec<&'a str> {
    let mut ids: Vec<&str> = claims.iter().map(|c| c.role.id.as_str()).collect();
    ids.dedup();
    ids
}

impl<'a> Report<'a> {
    #[must_use]
    pub(crate) fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for f in self.findings {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }

    /// The findings the baseline hid: accepted, not fixed.
    #[must_use]
    pub(crate) fn accepted(&self) -> &'a [Finding] {
        self.baseline.map_or(&[], |b| b.accepted.as_slice())
    }

    /// How many findings the baseline hid, in words, with the baseline file as `file`
    /// renders it (each format escapes it its own way): "21 findings accepted by the
    /// baseline F are not shown: accepted, not fixed". `None` without a baseline.
    #[must_use]
    pub(crate) fn baseline_note(&self, file: impl FnOnce(&str) -> String) -> Option<String> {
        let b = self.baseline?;
        let verb = if b.written { "recorded in" } else { "accepted by" };
        let are = if b.hidden == 1 { "is" } else { "are" };
        Some(format!(
            "{} {verb} the baseline {} {are} not shown: accepted, not fixed",
            crate::words::plural(b.hidden, "finding", "findings"),
            file(&b.file)
        ))
    }

    #[must_use]
    pub(crate) fn coverage(&self) -> Vec<CoverageRow<'a>> {
        let model = self.model;
        self.index
            .coverage
            .iter()
            .map(|c: &Coverage<'a>| {
                let r = &model.catalog.responsibilities[c.responsibility];
                let accountable = role_ids(&c.accountable);
                let why = match c.status {
                    CoverageStatus::Covered => String::new(),
                    // The claims the status counts, as `multiple-accountable` counts them:
                    // two charters with one id are two accountable roles, not "1".
                    CoverageStatus::Overlap => format!("{} accountable roles", c.accountable.len()),
                    CoverageStatus::Waived => "waived".into(),
                    _ => match accountable.first() {
                        Some(role) => format!("`{role}` has no holder"),
                        None => "no accountable role".into(),
                    },
                };
                CoverageRow {
                    id: &r.id,
                    scope: model.scope_id(c.scope),
                    product: model.scope_id(model.product_of(c.scope)),
                    title: &r.title,
                    area: &r.area,
                    strategic: r.strategic,
                    accountable,
                    responsible: role_ids(&c.responsible),
                    consulted: role_ids(&c.consulted),
                    informed: role_ids(&c.informed),
                    status: c.status,
                    waiver: c.waiver.map(|w| model.config.waivers[w].reason.as_str()),
                    why,
                    overlap: c.overlap(),
                }
            })
            .collect()
    }

    /// The coverage rows grouped by product and team, in `pmpo.yaml` order (catalog
    /// order within each); the catalog order alone without products.
    #[must_use]
    pub(crate) fn coverage_grouped(&self) -> Vec<CoverageRow<'a>> {
        let mut rows = self.coverage();
        let config = &self.model.config;
        if !config.scopes.is_empty() {
            // Stable: catalog order stays within a scope; the workspace comes first.
            rows.sort_by_key(|r| r.scope.and_then(|s| config.scope_index(s)).map_or(0, |i| i + 1));
        }
        rows
    }

    /// What the reported findings show of the tables (CLI.md): each (rule, subject,
    /// scope) of a finding `--select`, `--ignore`, `rules:` and `--baseline` left in.
    #[must_use]
    pub(crate) fn rows_reported(&self) -> Reported<'a> {
        Reported(
            self.findings
                .iter()
                .filter_map(|f| Some((f.rule, f.subject.as_deref()?, f.scope.as_deref())))
                .collect(),
        )
    }

    /// The coverage rows counted per scope, in the order of `rows` (group them with
    /// [`Report::coverage_grouped`] first: a scope's rows are then consecutive).
    #[must_use]
    pub(crate) fn scope_counts(&self, rows: &[CoverageRow<'a>]) -> Vec<ScopeCounts<'a>> {
        let config = &self.model.config;
        let mut out: Vec<ScopeCounts<'a>> = Vec::new();
        for row in rows {
            if out.last().is_none_or(|c| c.scope != row.scope) {
                let def = row.scope.and_then(|s| config.scope_index(s)).map(|i| &config.scopes[i]);
                out.push(ScopeCounts {
                    scope: row.scope,
                    title: def.map(|d| d.title.as_deref().unwrap_or(d.id.as_str())),
                    product: def.and_then(|d| d.product).map(|p| config.scopes[p].id.as_str()),
                    ..ScopeCounts::default()
                });
            }
            let c = out.last_mut().expect("pushed above");
            c.rows += 1;
            match row.status {
                CoverageStatus::Covered => c.covered += 1,
                CoverageStatus::Orphaned => c.orphaned += 1,
                CoverageStatus::Unowned => c.unowned += 1,
                CoverageStatus::Waived => c.waived += 1,
                // Several accountable roles: counted with the overlaps, not as covered.
                CoverageStatus::Overlap => {}
            }
            if row.overlap().is_some() {
                c.overlapping += 1;
            }
        }
        out
    }

    /// People above `limits.max_load`, most loaded first: [`Index::overloaded`].
    #[must_use]
    pub(crate) fn overloaded(&self) -> Vec<LoadRow<'a>> {
        self.index
            .overloaded()
            .into_iter()
            .map(|p| LoadRow {
                person: p.name,
                roles: p.roles.iter().map(|r| r.id.as_str()).collect(),
                load: p.load_text(),
                limit: crate::index::load_text(self.index.limit_of(p)),
            })
            .collect()
    }

    /// Goal by goal, the backlog items (by status) and roadmap items serving it:
    /// [`crate::facts::traceability`].
    #[must_use]
    pub(crate) fn traceability(&self) -> Vec<TraceRow<'a>> {
        crate::facts::traceability(self.model, self.index)
    }
}

/// The table rows the reported findings show: [`Report::rows_reported`].
pub(crate) struct Reported<'a>(std::collections::HashSet<(&'static str, &'a str, Option<&'a str>)>);

impl Reported<'_> {
    /// Whether a coverage row is shown: a finding of the rule its status or overlap
    /// stands for is reported.
    #[must_use]
    pub(crate) fn coverage(&self, row: &CoverageRow<'_>) -> bool {
        let rule = match (row.status, row.overlap()) {
            (CoverageStatus::Orphaned, _) => "orphaned-strategic",
            (CoverageStatus::Unowned, _) => "unowned",
            (_, Some(Overlap::MultipleAccountable)) => "multiple-accountable",
            (_, Some(Overlap::Shared)) => "shared-responsibility",
            // Covered and waived rows are no finding: shown as they are.
            _ => return true,
        };
        self.0
            .contains(&(rule, crate::finding::clean(row.id.to_string()).as_str(), row.scope))
    }

    /// Whether a person over their load is shown: their `overloaded-person` is reported.
    #[must_use]
    pub(crate) fn load(&self, row: &LoadRow<'_>) -> bool {
        self.0.iter().any(|&(rule, subject, _)| {
            rule == "overloaded-person" && subject == crate::finding::clean(row.person.to_string())
        })
    }
}

pub(crate) trait Emitter {
    /// # Errors
    /// Writing to `out` failed.
    fn emit(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()>;
}

#[cfg(test)]
mod tests {
    use super::*;

    type Named<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>, usize);

    /// The summary band's figures per scope add up to the coverage summary's, scope by
    /// scope in `pmpo.yaml` order, each team naming its product.
    #[test]
    fn scope_counts_add_up_to_the_coverage_rows() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/scaled");
        let model = crate::load::load(&root, &crate::rules::names()).unwrap();
        let index = Index::build(&model, crate::date::Date::parse("2026-11-26").unwrap());
        let report = Report::of(&model, &index, &[]);
        let rows = report.coverage_grouped();
        let counts = report.scope_counts(&rows);
        let got: Vec<Named<'_>> = counts.iter().map(|c| (c.scope, c.title, c.product, c.rows)).collect();
        assert_eq!(
            got,
            [
                (Some("shop"), Some("Harbour Shop"), None, 16),
                (Some("payments"), Some("payments"), Some("shop"), 11),
                (Some("cart"), Some("cart"), Some("shop"), 11),
            ]
        );
        let sum = |f: fn(&ScopeCounts<'_>) -> usize| counts.iter().map(f).sum::<usize>();
        let status = |s| rows.iter().filter(|r| r.status == s).count();
        assert_eq!(sum(|c| c.rows), rows.len());
        assert_eq!(sum(|c| c.covered), status(CoverageStatus::Covered));
        assert_eq!(sum(|c| c.orphaned), status(CoverageStatus::Orphaned));
        assert_eq!(sum(|c| c.unowned), status(CoverageStatus::Unowned));
        assert_eq!(sum(|c| c.waived), status(CoverageStatus::Waived));
        assert_eq!(
            sum(|c| c.overlapping),
            rows.iter().filter(|r| r.overlap().is_some()).count()
        );
        assert_eq!(sum(|c| c.overlapping), 2, "the two shared discovery rows of the shop");
    }
}
