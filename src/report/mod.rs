//! Reporting: one emitter per `--format`, each reading the same findings and the
//! same coverage, traceability and load tables derived here once.

mod anchor;
pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
mod place;
pub mod sarif;
pub mod statistics;

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

use crate::finding::{Finding, Severity};
use crate::index::{Coverage, CoverageStatus, Index};
use crate::model::{Model, Status};

/// Everything an emitter may show.
pub struct Report<'a> {
    /// The root as the user named it, with `/`.
    pub root: String,
    /// The root on disk, for the formats that locate files relative to the git root.
    pub root_dir: &'a Path,
    pub model: &'a Model,
    pub index: &'a Index<'a>,
    pub findings: &'a [Finding],
    /// What `--baseline` or `--write-baseline` hid, when one was given.
    pub baseline: Option<&'a crate::baseline::Applied>,
    pub elapsed: Duration,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// One responsibility's row of the coverage table.
pub struct CoverageRow<'a> {
    pub id: &'a str,
    /// The product or team of the row; `None` without declared products.
    pub scope: Option<&'a str>,
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
}

/// How a responsibility overlaps between roles, for the overlap tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlap {
    /// Two or more accountable roles: an error.
    MultipleAccountable,
    /// Two or more roles accountable or responsible, one of them accountable.
    Shared,
}

impl Overlap {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Overlap::MultipleAccountable => "multiple accountable",
            Overlap::Shared => "shared",
        }
    }
}

impl CoverageRow<'_> {
    /// The overlap this row is, if any.
    #[must_use]
    pub fn overlap(&self) -> Option<Overlap> {
        if self.accountable.len() >= 2 {
            return Some(Overlap::MultipleAccountable);
        }
        let roles: std::collections::BTreeSet<&str> =
            self.accountable.iter().chain(&self.responsible).copied().collect();
        (roles.len() >= 2).then_some(Overlap::Shared)
    }
}

/// "N overlapping" for the coverage summary lines: the rows the Overlaps table shows
/// (shared ones included, which are covered too), and how many of them have several
/// accountable roles.
#[must_use]
pub fn overlap_summary(coverage: &[CoverageRow<'_>]) -> String {
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

/// A person over their load.
pub struct LoadRow<'a> {
    pub person: &'a str,
    pub roles: Vec<&'a str>,
    pub load: usize,
}

/// One goal and the work that serves it.
pub struct TraceRow<'a> {
    pub goal: &'a str,
    pub title: &'a str,
    pub items: BTreeMap<Status, usize>,
    pub roadmap: Vec<&'a str>,
}

fn role_ids<'a>(claims: &[crate::index::Claim<'a>]) -> Vec<&'a str> {
    let mut ids: Vec<&str> = claims.iter().map(|c| c.role.id.as_str()).collect();
    ids.dedup();
    ids
}

impl<'a> Report<'a> {
    #[must_use]
    pub fn counts(&self) -> Counts {
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

    #[must_use]
    pub fn coverage(&self) -> Vec<CoverageRow<'a>> {
        let model = self.model;
        self.index
            .coverage
            .iter()
            .map(|c: &Coverage<'a>| {
                let r = &model.catalog.responsibilities[c.responsibility];
                let accountable = role_ids(&c.accountable);
                let why = match c.status {
                    CoverageStatus::Covered => String::new(),
                    CoverageStatus::Overlap => format!("{} accountable roles", accountable.len()),
                    CoverageStatus::Waived => "waived".into(),
                    _ => match accountable.first() {
                        Some(role) => format!("`{role}` has no holder"),
                        None => "no accountable role".into(),
                    },
                };
                CoverageRow {
                    id: &r.id,
                    scope: model.scope_id(c.scope),
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
                }
            })
            .collect()
    }

    /// The coverage rows grouped by product and team, in `pmpo.yaml` order (catalog
    /// order within each); the catalog order alone without products.
    #[must_use]
    pub fn coverage_grouped(&self) -> Vec<CoverageRow<'a>> {
        let mut rows = self.coverage();
        let config = &self.model.config;
        if !config.scopes.is_empty() {
            // Stable: catalog order stays within a scope; the workspace comes first.
            rows.sort_by_key(|r| r.scope.and_then(|s| config.scope_index(s)).map_or(0, |i| i + 1));
        }
        rows
    }

    /// People above `limits.max_load`, most loaded first.
    #[must_use]
    pub fn overloaded(&self) -> Vec<LoadRow<'a>> {
        let limit = usize::try_from(self.model.config.max_load).unwrap_or(usize::MAX);
        let mut rows: Vec<LoadRow<'a>> = self
            .index
            .people
            .values()
            .filter(|p| p.load.len() > limit)
            .map(|p| LoadRow {
                person: p.name,
                roles: p.roles.iter().map(|r| r.id.as_str()).collect(),
                load: p.load.len(),
            })
            .collect();
        rows.sort_by(|a, b| b.load.cmp(&a.load).then(a.person.cmp(b.person)));
        rows
    }

    /// Goal by goal, the backlog items (by status) and roadmap items serving it.
    #[must_use]
    pub fn traceability(&self) -> Vec<TraceRow<'a>> {
        let model = self.model;
        let mut rows: Vec<TraceRow<'a>> = Vec::new();
        let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for goal in model.visions.iter().flat_map(|v| &v.goals) {
            if at.contains_key(goal.id.as_str()) {
                continue;
            }
            at.insert(goal.id.as_str(), rows.len());
            rows.push(TraceRow {
                goal: goal.id.as_str(),
                title: &goal.title,
                items: BTreeMap::new(),
                roadmap: Vec::new(),
            });
        }
        for item in &model.items {
            for g in &item.goals {
                if let Some(&i) = at.get(g.as_str()) {
                    *rows[i].items.entry(item.status).or_default() += 1;
                }
            }
        }
        for roadmap in &model.roadmaps {
            for item in &roadmap.items {
                for g in &item.goals {
                    if let Some(&i) = at.get(g.as_str()) {
                        rows[i].roadmap.push(item.id.as_str());
                    }
                }
            }
        }
        rows
    }
}

pub trait Emitter {
    /// # Errors
    /// Writing to `out` failed.
    fn emit(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()>;
}
