//! Derived facts over the model, computed once before the rules run: which role
//! is accountable for what, each responsibility's coverage status, each person's load,
//! and lookups by id. Rules read these instead of scanning the model per item.

use std::collections::{BTreeMap, BTreeSet};

// Lookups by id run once per item and per reference; SipHash's DoS resistance is not
// needed for maps keyed by a workspace's own ids, which foldhash still seeds per run.
use foldhash::HashMap;

use serde::Serialize;

use crate::date::Date;
use crate::model::{Assignment, Goal, Model, Raci, Role};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CoverageStatus {
    Covered,
    Unowned,
    Orphaned,
    Overlap,
    Waived,
}

impl CoverageStatus {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            CoverageStatus::Covered => "covered",
            CoverageStatus::Unowned => "unowned",
            CoverageStatus::Orphaned => "orphaned",
            CoverageStatus::Overlap => "overlap",
            CoverageStatus::Waived => "waived",
        }
    }
}

/// A role's claim on a responsibility.
#[derive(Clone, Copy, Debug)]
pub struct Claim<'m> {
    pub role: &'m Role,
    pub assignment: &'m Assignment,
}

/// One responsibility of the catalog and who claims it.
#[derive(Debug)]
pub struct Coverage<'m> {
    /// Index into `model.catalog.responsibilities`.
    pub responsibility: usize,
    pub accountable: Vec<Claim<'m>>,
    pub responsible: Vec<Claim<'m>>,
    pub consulted: Vec<Claim<'m>>,
    pub informed: Vec<Claim<'m>>,
    pub status: CoverageStatus,
    /// Index into `config.waivers` of a waiver in force for it.
    pub waiver: Option<usize>,
}

impl<'m> Coverage<'m> {
    /// Every claim, in RACI order.
    pub fn claims(&self) -> impl Iterator<Item = &Claim<'m>> {
        self.accountable
            .iter()
            .chain(&self.responsible)
            .chain(&self.consulted)
            .chain(&self.informed)
    }
}

/// A person: an exact holder string, the roles they hold and their load.
#[derive(Debug)]
pub struct Person<'m> {
    pub name: &'m str,
    pub roles: Vec<&'m Role>,
    /// Responsibilities they are accountable or responsible for, each once.
    pub load: BTreeSet<&'m str>,
}

#[derive(Debug)]
pub struct Index<'m> {
    pub today: Date,
    /// First role with each id.
    pub roles: HashMap<&'m str, &'m Role>,
    pub responsibilities: HashMap<&'m str, usize>,
    /// One entry per catalog responsibility, in catalog order.
    pub coverage: Vec<Coverage<'m>>,
    /// People by name.
    pub people: BTreeMap<&'m str, Person<'m>>,
    /// First goal with each id.
    pub goals: HashMap<&'m str, &'m Goal>,
}

impl<'m> Index<'m> {
    #[must_use]
    pub fn build(model: &'m Model, today: Date) -> Index<'m> {
        let mut roles = HashMap::default();
        for role in &model.roles {
            roles.entry(role.id.as_str()).or_insert(role);
        }
        let responsibilities: HashMap<&str, usize> = model
            .catalog
            .responsibilities
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        let mut coverage: Vec<Coverage<'m>> = (0..model.catalog.responsibilities.len())
            .map(|i| Coverage {
                responsibility: i,
                accountable: Vec::new(),
                responsible: Vec::new(),
                consulted: Vec::new(),
                informed: Vec::new(),
                status: CoverageStatus::Unowned,
                waiver: None,
            })
            .collect();
        let mut people: BTreeMap<&str, Person<'m>> = BTreeMap::new();
        for role in &model.roles {
            for holder in &role.holders {
                let person = people.entry(holder.as_str()).or_insert_with(|| Person {
                    name: holder.as_str(),
                    roles: Vec::new(),
                    load: BTreeSet::new(),
                });
                if !person.roles.iter().any(|r| std::ptr::eq(*r, role)) {
                    person.roles.push(role);
                }
            }
            for assignment in &role.assignments {
                let Some(&i) = responsibilities.get(assignment.responsibility.as_str()) else {
                    continue;
                };
                let claim = Claim { role, assignment };
                let c = &mut coverage[i];
                match assignment.raci {
                    Raci::Accountable => c.accountable.push(claim),
                    Raci::Responsible => c.responsible.push(claim),
                    Raci::Consulted => c.consulted.push(claim),
                    Raci::Informed => c.informed.push(claim),
                }
                if matches!(assignment.raci, Raci::Accountable | Raci::Responsible) {
                    for holder in &role.holders {
                        if let Some(p) = people.get_mut(holder.as_str()) {
                            p.load.insert(assignment.responsibility.as_str());
                        }
                    }
                }
            }
        }
        for c in &mut coverage {
            let resp = &model.catalog.responsibilities[c.responsibility];
            c.waiver =
                model.config.waivers.iter().position(|w| {
                    w.responsibility.value == resp.id && w.until.as_ref().is_none_or(|u| u.value >= today)
                });
            c.status = if c.accountable.len() >= 2 {
                CoverageStatus::Overlap
            } else if c.accountable.len() == 1 && !c.accountable[0].role.holders.is_empty() {
                CoverageStatus::Covered
            } else if c.waiver.is_some() {
                CoverageStatus::Waived
            } else if resp.strategic {
                CoverageStatus::Orphaned
            } else {
                CoverageStatus::Unowned
            };
        }
        let mut goals = HashMap::default();
        for vision in &model.visions {
            for goal in &vision.goals {
                goals.entry(goal.id.as_str()).or_insert(goal);
            }
        }
        Index {
            today,
            roles,
            responsibilities,
            coverage,
            people,
            goals,
        }
    }

    /// The coverage of a responsibility by id.
    #[must_use]
    pub fn coverage_of(&self, id: &str) -> Option<&Coverage<'m>> {
        self.responsibilities.get(id).map(|&i| &self.coverage[i])
    }

    /// The single role accountable for `id`, if exactly one is.
    #[must_use]
    pub fn accountable_role(&self, id: &str) -> Option<&'m Role> {
        let c = self.coverage_of(id)?;
        (c.accountable.len() == 1).then(|| c.accountable[0].role)
    }
}
