//! People in the index: each person's roles and load, and holders that stand in for no one.

use std::collections::BTreeMap;

use foldhash::HashMap;

use super::coverage::{Coverage, CoverageStatus};
use crate::model::{Model, Role, person_key};

/// Whether `holder` stands in for a person instead of naming one (`TBD`, `?`, `n/a`, an
/// address at a domain reserved for examples): `placeholder-holder` reports these, and
/// they are nobody's near-identical spelling.
#[must_use]
pub(crate) fn is_placeholder(holder: &str) -> bool {
    let h = person_key(holder);
    if matches!(
        h.as_str(),
        "tbd"
            | "tba"
            | "tbc"
            | "?"
            | "??"
            | "???"
            | "n/a"
            | "na"
            | "-"
            | "none"
            | "nobody"
            | "vacant"
            | "todo"
            | "unassigned"
    ) {
        return true;
    }
    h.rsplit_once('@').is_some_and(|(_, domain)| {
        ["example.com", "example.org", "example.net"]
            .iter()
            .any(|d| domain == *d || domain.ends_with(&format!(".{d}")))
    })
}

/// A person: the holders that are one person, the roles they hold and their load.
#[derive(Debug)]
pub(crate) struct Person<'m> {
    /// The first spelling met, without surrounding spaces.
    pub name: &'m str,
    /// [`Model::person_key`] of the name: the people document's id when it knows them.
    pub key: String,
    pub roles: Vec<&'m Role>,
    /// FORMAT.md's "Load": per coverage row in which a role they hold is accountable or
    /// responsible, the largest share (1 ÷ that role's holders) among those roles; summed.
    pub load: f64,
    /// Their entry in the people document, when it has one.
    pub doc: Option<&'m crate::model::PersonDoc>,
}

impl Person<'_> {
    /// The load as a table and a message print it: `17`, or `7.5` for a shared one.
    #[must_use]
    pub(crate) fn load_text(&self) -> String {
        load_text(self.load)
    }

    /// The share of a week they have for the roles here: the people document's
    /// `capacity`, else 1.
    #[must_use]
    pub(crate) fn capacity(&self) -> f64 {
        self.doc.map_or(1.0, |d| d.capacity)
    }

    /// How reports name them: the people document's name or id, else the holder.
    #[must_use]
    pub(crate) fn shown(&self) -> &str {
        self.doc.map_or(self.name, crate::model::PersonDoc::shown)
    }
}

/// A load as printed: whole numbers without decimals, others to one decimal.
#[must_use]
pub(crate) fn load_text(load: f64) -> String {
    let rounded = (load * 10.0).round() / 10.0;
    if (rounded - rounded.round()).abs() < f64::EPSILON {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

/// Each person's load from the coverage: FORMAT.md's "Load". External roles
/// carry none, nor waived rows. People are numbered once and each role's holders turned
/// into those numbers once, so a row costs a few vector writes, not a string per holder.
pub(super) fn carry_loads<'m>(model: &Model, coverage: &[Coverage<'m>], people: &mut BTreeMap<String, Person<'m>>) {
    let slot: HashMap<&str, usize> = people.keys().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    let mut of_role: HashMap<*const Role, Vec<usize>> = HashMap::default();
    let mut load = vec![0.0_f64; people.len()];
    let mut here: Vec<(usize, f64)> = Vec::new();
    for c in coverage {
        if c.status == CoverageStatus::Waived {
            continue;
        }
        here.clear();
        for claim in c.accountable.iter().chain(&c.responsible) {
            let role = claim.role;
            if role.external || role.holders.is_empty() {
                continue;
            }
            #[allow(clippy::cast_precision_loss)] // a handful of holders
            let share = 1.0 / role.holders.len() as f64;
            let slots = of_role.entry(std::ptr::from_ref(role)).or_insert_with(|| {
                role.holders
                    .iter()
                    .filter_map(|h| slot.get(model.person_key(h.as_str()).as_str()).copied())
                    .collect()
            });
            for &p in slots.iter() {
                match here.iter_mut().find(|(k, _)| *k == p) {
                    Some((_, s)) => *s = s.max(share),
                    None => here.push((p, share)),
                }
            }
        }
        for &(p, share) in &here {
            load[p] += share;
        }
    }
    for (i, person) in people.values_mut().enumerate() {
        person.load = load[i];
    }
}

impl Person<'_> {
    /// Whether `holder` is a spelling of this person.
    #[must_use]
    pub(crate) fn is(&self, holder: &str) -> bool {
        let key = person_key(holder);
        key == self.key
            || self.doc.is_some_and(|d| {
                std::iter::once(d.id.as_str())
                    .chain(d.name.as_deref())
                    .chain(d.aliases.iter().map(crate::model::Sp::as_str))
                    .any(|s| person_key(s) == key)
            })
    }

    /// Where `role` names this person, else where its holders are.
    #[must_use]
    pub(crate) fn loc_in(&self, role: &Role) -> crate::model::Loc {
        role.holders
            .iter()
            .find(|h| self.is(&h.value))
            .map_or(role.holders_loc, |h| h.loc)
    }
}
