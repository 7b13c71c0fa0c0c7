//! People on the model: who a holder is (the people document's ids, names and aliases),
//! and people taken out of their roles before anything is derived.

use super::keys::person_key;
use super::{Left, Model, PersonDoc};
use crate::base::{Problem, ProblemKind};

impl Model {
    /// Index the people document: every id, name and alias, folded as holders are.
    ///
    /// A spelling two people share would make a holder ambiguous: it is `invalid-field`
    /// (at the later person), and the first person keeps it.
    pub(crate) fn index_people(&mut self) {
        let mut keys: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut problems = Vec::new();
        if let Some(doc) = &self.people {
            for (i, p) in doc.people.iter().enumerate() {
                let spellings = std::iter::once((p.id.as_str(), p.id.loc))
                    .chain(p.name.as_deref().map(|n| (n, p.id.loc)))
                    .chain(p.aliases.iter().map(|a| (a.as_str(), a.loc)));
                for (s, loc) in spellings {
                    match keys.entry(person_key(s)) {
                        std::collections::hash_map::Entry::Vacant(v) => {
                            v.insert(i);
                        }
                        std::collections::hash_map::Entry::Occupied(o) if *o.get() != i => {
                            let other = &doc.people[*o.get()];
                            problems.push(Problem {
                                kind: ProblemKind::InvalidField,
                                message: format!(
                                    "`{}` already names the person `{}`: a holder written so would be ambiguous",
                                    s.trim(),
                                    other.id.value
                                ),
                                loc,
                                help: Some(
                                    "give each person an id, name and aliases of their own (any case counts as the same)"
                                        .into(),
                                ),
                            });
                        }
                        std::collections::hash_map::Entry::Occupied(_) => {}
                    }
                }
            }
        }
        self.person_keys = keys;
        self.problems.extend(problems);
    }

    /// The person of the people document a holder names (by id, name or alias, in any
    /// case), if any.
    #[must_use]
    pub(crate) fn person(&self, holder: &str) -> Option<&PersonDoc> {
        let i = *self.person_keys.get(&person_key(holder))?;
        self.people.as_ref().map(|d| &d.people[i])
    }

    /// The key that makes holders one person: the person's id when the people document
    /// knows the holder, else the holder itself, trimmed and lower-cased (FORMAT.md:
    /// two holders that differ only in case or surrounding spaces are one person).
    #[must_use]
    pub(crate) fn person_key(&self, holder: &str) -> String {
        match self.person(holder) {
            Some(p) => person_key(p.id.as_str()),
            None => person_key(holder),
        }
    }

    /// Take people out of their roles, as FORMAT.md's `until` and `--without` say: a
    /// person whose `until` is before `today`, and every holder `without` names (as
    /// person keys). An external role's holders are not the workspace's people: no
    /// `until` applies to them, only `--without`. Each one taken out is recorded in `left`.
    pub(crate) fn depart(&mut self, today: crate::date::Date, without: &[String]) {
        let mut roles = std::mem::take(&mut self.roles);
        for role in &mut roles {
            let mut kept = Vec::with_capacity(role.holders.len());
            for holder in std::mem::take(&mut role.holders) {
                let key = self.person_key(holder.as_str());
                let until = if role.external {
                    None
                } else {
                    self.person(holder.as_str())
                        .and_then(|p| p.until.as_ref())
                        .map(|u| u.value)
                };
                let gone = until.filter(|u| *u < today);
                if gone.is_some() || without.contains(&key) {
                    self.left.push(Left {
                        role: role.id.value.clone(),
                        holder: holder.value.trim().to_string(),
                        until: gone,
                    });
                } else {
                    kept.push(holder);
                }
            }
            role.holders = kept;
        }
        self.roles = roles;
    }

    /// "dana's last day was 2026-11-30" (or "dana is left out by --without") for the
    /// holders taken out of `role`, or `None`.
    #[must_use]
    pub(crate) fn left_note(&self, role: &str) -> Option<String> {
        let said: Vec<String> = self
            .left
            .iter()
            .filter(|l| l.role == role)
            .map(|l| match l.until {
                Some(u) => format!("{}'s last day was {u}", l.holder),
                None => format!("{} is left out by --without", l.holder),
            })
            .collect();
        (!said.is_empty()).then(|| said.join(", "))
    }
}
