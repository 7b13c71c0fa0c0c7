//! What the index derives per responsibility and scope: the claims on it, its coverage
//! status and the kind of overlap.

use serde::Serialize;

use crate::model::{Assignment, Raci, Role, Scope};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum CoverageStatus {
    Covered,
    Unowned,
    Orphaned,
    Overlap,
    Waived,
}

impl CoverageStatus {
    #[must_use]
    pub(crate) fn as_str(self) -> &'static str {
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
pub(crate) struct Claim<'m> {
    pub role: &'m Role,
    pub assignment: &'m Assignment,
    /// The role's scope.
    pub scope: Scope,
}

/// One responsibility of the catalog and who claims it.
#[derive(Debug)]
pub(crate) struct Coverage<'m> {
    /// Index into `model.catalog.responsibilities`.
    pub responsibility: usize,
    /// The product or team this row is about; `None` without declared products.
    pub scope: Scope,
    pub accountable: Vec<Claim<'m>>,
    pub responsible: Vec<Claim<'m>>,
    pub consulted: Vec<Claim<'m>>,
    pub informed: Vec<Claim<'m>>,
    pub status: CoverageStatus,
    /// Index into `config.waivers` of a waiver in force for it.
    pub waiver: Option<usize>,
}

/// How a responsibility overlaps between roles: the one fact behind `multiple-accountable`,
/// `shared-responsibility` and the overlap tables, so the tables show what the rules find.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub(crate) enum Overlap {
    /// Two or more accountable claims: the row's status is [`CoverageStatus::Overlap`].
    MultipleAccountable,
    /// One accountable claim at most, and two or more roles accountable or responsible.
    Shared,
}

impl Overlap {
    #[must_use]
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Overlap::MultipleAccountable => "multiple accountable",
            Overlap::Shared => "shared",
        }
    }
}

impl<'m> Coverage<'m> {
    /// The overlap this row is, if any. Roles are told apart by id, as every table
    /// names them.
    #[must_use]
    pub(crate) fn overlap(&self) -> Option<Overlap> {
        if self.accountable.len() >= 2 {
            return Some(Overlap::MultipleAccountable);
        }
        let mut roles = self
            .accountable
            .iter()
            .chain(&self.responsible)
            .map(|c| c.role.id.as_str());
        let first = roles.next()?;
        roles.any(|r| r != first).then_some(Overlap::Shared)
    }

    /// The strongest letter the role with id `role` holds on this row (a role naming
    /// the responsibility twice counts once, by its stronger letter): the matrix's cell
    /// and the charter's part.
    #[must_use]
    pub(crate) fn letter(&self, role: &str) -> Option<Raci> {
        self.claims()
            .filter(|c| c.role.id.value == role)
            .map(|c| c.assignment.raci)
            .min()
    }

    /// Every claim, in RACI order.
    pub(crate) fn claims(&self) -> impl Iterator<Item = &Claim<'m>> {
        self.accountable
            .iter()
            .chain(&self.responsible)
            .chain(&self.consulted)
            .chain(&self.informed)
    }
}
