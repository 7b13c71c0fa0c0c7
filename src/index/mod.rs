//! Derived facts over the model, computed once before the rules run: which role
//! is accountable for what, each responsibility's coverage status and overlap, each
//! person's load and who is over it, and lookups by id. Rules read these instead of
//! scanning the model per item, and the tables every format shows read the same ones,
//! so a table cannot show what no rule finds. Facts that are not lookups (backlog
//! predicates, traceability, area order, a role's parts, people's rows, document owners)
//! sit beside it in [`crate::facts`].

mod coverage;
mod people;

pub(crate) use coverage::{Claim, Coverage, CoverageStatus, Overlap};
use people::carry_loads;
pub(crate) use people::{Person, is_placeholder, load_text};

use std::collections::{BTreeMap, BTreeSet};

// Lookups by id run once per item and per reference; SipHash's DoS resistance is not
// needed for maps keyed by a workspace's own ids, which foldhash still seeds per run.
use foldhash::HashMap;

use crate::date::Date;
use crate::model::{Goal, Model, Raci, Role, Scope, ScopeLevel};

/// Every claim per responsibility (one per role and scope it serves; a role naming one
/// responsibility twice keeps its stronger letter), and the people who hold the roles
/// that are not `external`.
fn gather<'m>(
    model: &'m Model,
    responsibilities: &HashMap<&str, usize>,
) -> (Vec<Vec<Claim<'m>>>, BTreeMap<String, Person<'m>>) {
    let mut claims: Vec<Vec<Claim<'m>>> = vec![Vec::new(); model.catalog.responsibilities.len()];
    let mut people: BTreeMap<String, Person<'m>> = BTreeMap::new();
    for role in &model.roles {
        if !role.external {
            for holder in &role.holders {
                let key = model.person_key(holder.as_str());
                let person = people.entry(key.clone()).or_insert_with(|| Person {
                    name: holder.as_str().trim(),
                    key,
                    roles: Vec::new(),
                    load: 0.0,
                    doc: model.person(holder.as_str()),
                });
                if !person.roles.iter().any(|r| std::ptr::eq(*r, role)) {
                    person.roles.push(role);
                }
            }
        }
        // Where this role's claims on each responsibility start: its claims are the
        // last ones, so a stronger letter written later replaces them.
        let mut mine: HashMap<usize, usize> = HashMap::default();
        for assignment in &role.assignments {
            let Some(&i) = responsibilities.get(assignment.responsibility.as_str()) else {
                continue;
            };
            if let Some(&start) = mine.get(&i) {
                if claims[i][start].assignment.raci <= assignment.raci {
                    continue;
                }
                claims[i].truncate(start);
            }
            mine.insert(i, claims[i].len());
            for &scope in &role.scopes {
                claims[i].push(Claim {
                    role,
                    assignment,
                    scope,
                });
            }
        }
    }
    (claims, people)
}

/// The waiver in force for a row, a scoped one first (it carves out), and its scope
/// (`None` for an unscoped waiver; `Some(scope)` for a scoped one).
fn waiver_for(model: &Model, waivers: &[usize], target: Scope, today: Date) -> (Option<usize>, Option<Scope>) {
    let scope_of = |w: usize| {
        model.config.waivers[w]
            .scope
            .as_ref()
            .map(|s| model.config.scope_index(s.as_str()).and_then(|i| u32::try_from(i).ok()))
    };
    let in_force = |w: usize| {
        let waiver = &model.config.waivers[w];
        waiver.until.as_ref().is_none_or(|u| u.value >= today)
            && scope_of(w).is_none_or(|ws| ws.is_some() && model.encloses(ws, target))
    };
    let scoped = |w: &usize| model.config.waivers[*w].scope.is_some();
    let first = waivers.iter().copied().filter(scoped).find(|&w| in_force(w));
    let waiver = first.or_else(|| waivers.iter().copied().find(|&w| in_force(w)));
    (waiver, waiver.and_then(scope_of))
}

/// One responsibility's claims arranged for its rows: by the scope they are made in,
/// and (for a product-level responsibility) a team's R, C and I by its product. Each row
/// looks up at most three scopes, so rows × roles never multiply.
struct Lookup<'a, 'm> {
    resp: &'m crate::model::Responsibility,
    claims: &'a [Claim<'m>],
    by_scope: HashMap<Scope, Vec<usize>>,
    from_teams: HashMap<Scope, Vec<usize>>,
    product_level: bool,
}

impl<'a, 'm> Lookup<'a, 'm> {
    /// A team role's A on a product-level responsibility covers nothing there: it goes to
    /// `mismatches` (`scope-mismatch`).
    fn of(
        model: &Model,
        resp: &'m crate::model::Responsibility,
        claims: &'a [Claim<'m>],
        mismatches: &mut Vec<Claim<'m>>,
    ) -> Self {
        let product_level = resp.level == ScopeLevel::Product && !model.config.scopes.is_empty();
        let mut by_scope: HashMap<Scope, Vec<usize>> = HashMap::default();
        let mut from_teams: HashMap<Scope, Vec<usize>> = HashMap::default();
        for (k, cl) in claims.iter().enumerate() {
            if product_level && model.is_team(cl.scope) {
                if cl.assignment.raci == Raci::Accountable {
                    mismatches.push(*cl);
                } else {
                    from_teams.entry(model.product_of(cl.scope)).or_default().push(k);
                }
            } else {
                by_scope.entry(cl.scope).or_default().push(k);
            }
        }
        Lookup {
            resp,
            claims,
            by_scope,
            from_teams,
            product_level,
        }
    }

    fn at(&self, level: &Scope) -> impl Iterator<Item = Claim<'m>> + '_ {
        self.by_scope.get(level).into_iter().flatten().map(|&k| self.claims[k])
    }

    /// The coverage row of `target` (FORMAT.md, "Who covers it" and "Where a role's
    /// letters apply"): A from the row's scope outward, the most specific level deciding,
    /// never above a scoped waiver's scope; R, C and I of every scope that reaches it.
    fn row(&self, model: &Model, i: usize, target: Scope, waiver: (Option<usize>, Option<Scope>)) -> Coverage<'m> {
        let (waiver, waiver_scope) = waiver;
        let chain = model.scope_chain(target);
        let mut c = Coverage {
            responsibility: i,
            scope: target,
            accountable: Vec::new(),
            responsible: Vec::new(),
            consulted: Vec::new(),
            informed: Vec::new(),
            status: CoverageStatus::Unowned,
            waiver,
        };
        for level in &chain {
            // A scoped waiver carves its scope out of what encloses it: an owner above the
            // waiver's scope does not reach in.
            if let Some(ws) = waiver_scope
                && !model.encloses(ws, *level)
            {
                break;
            }
            c.accountable
                .extend(self.at(level).filter(|cl| cl.assignment.raci == Raci::Accountable));
            if !c.accountable.is_empty() {
                break;
            }
        }
        let below = if self.product_level {
            self.from_teams.get(&target)
        } else {
            None
        };
        let reaching = chain
            .iter()
            .flat_map(|level| self.at(level))
            .chain(below.into_iter().flatten().map(|&k| self.claims[k]));
        for cl in reaching {
            let list = match cl.assignment.raci {
                Raci::Accountable => continue,
                Raci::Responsible => &mut c.responsible,
                Raci::Consulted => &mut c.consulted,
                Raci::Informed => &mut c.informed,
            };
            if !list.iter().any(|x| std::ptr::eq(x.role, cl.role)) {
                list.push(cl);
            }
        }
        c.status = if c.accountable.len() >= 2 {
            CoverageStatus::Overlap
        } else if c.accountable.len() == 1 && !c.accountable[0].role.holders.is_empty() {
            CoverageStatus::Covered
        } else if c.waiver.is_some() {
            CoverageStatus::Waived
        } else if self.resp.strategic {
            CoverageStatus::Orphaned
        } else {
            CoverageStatus::Unowned
        };
        c
    }
}

/// Keys longer than this are not compared for near-identical spelling.
pub(crate) const SIMILAR_MAX_LEN: usize = 40;
/// A deletion variant shared by more keys than this proves nothing and is skipped.
pub(crate) const SIMILAR_MAX_BUCKET: usize = 8;

#[derive(Debug)]
pub(crate) struct Index<'m> {
    pub today: Date,
    /// First role with each id.
    pub roles: HashMap<&'m str, &'m Role>,
    /// First role of each type (`type:`, else the id).
    pub types: HashMap<&'m str, &'m Role>,
    /// First role of each type in each scope it serves: advice names a role of the
    /// row's own scope chain, never another product's or team's.
    typed: HashMap<(&'m str, Scope), &'m Role>,
    pub responsibilities: HashMap<&'m str, usize>,
    /// One entry per catalog responsibility and scope, in catalog order, the scopes of
    /// one responsibility together in `pmpo.yaml` order.
    pub coverage: Vec<Coverage<'m>>,
    /// Per responsibility, where its rows start in `coverage` (and one past the end).
    row_start: Vec<usize>,
    /// Per responsibility, every claim on it.
    claims: Vec<Vec<Claim<'m>>>,
    /// Team-scoped roles accountable for a product-level responsibility: they cover
    /// nothing there (`scope-mismatch`).
    pub mismatches: Vec<Claim<'m>>,
    /// People by [`Model::person_key`].
    pub people: BTreeMap<String, Person<'m>>,
    /// `limits.max_load`: a person whose load is above it times their capacity is
    /// overloaded.
    max_load: usize,
    /// First goal with each id, by the product of its vision (`None`: the workspace's
    /// vision, and every vision when no products are declared).
    pub goals: HashMap<(Scope, &'m str), &'m Goal>,
}

impl<'m> Index<'m> {
    #[must_use]
    pub(crate) fn build(model: &'m Model, today: Date) -> Index<'m> {
        let mut roles = HashMap::default();
        let mut types = HashMap::default();
        let mut by_type_scope = HashMap::default();
        for role in &model.roles {
            roles.entry(role.id.as_str()).or_insert(role);
            for t in &role.types {
                types.entry(t.as_str()).or_insert(role);
                for &s in &role.scopes {
                    by_type_scope.entry((t.as_str(), s)).or_insert(role);
                }
            }
        }
        let responsibilities: HashMap<&str, usize> = model
            .catalog
            .responsibilities
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        let (claims, mut people) = gather(model, &responsibilities);
        let mut waivers: HashMap<&str, Vec<usize>> = HashMap::default();
        for (w, waiver) in model.config.waivers.iter().enumerate() {
            waivers.entry(waiver.responsibility.as_str()).or_default().push(w);
        }
        // The rows each level needs: one per product, one per team (a product without
        // teams is its own team); the workspace alone without products.
        let scope_ix = |i: usize| u32::try_from(i).ok();
        let products: Vec<Scope> = (0..model.config.scopes.len())
            .filter(|&i| !model.config.scopes[i].is_team())
            .map(scope_ix)
            .collect();
        let teams: Vec<Scope> = (0..model.config.scopes.len())
            .filter(|&i| model.config.scopes[i].is_team() || model.config.scopes[i].teamless)
            .map(scope_ix)
            .collect();
        let mut coverage: Vec<Coverage<'m>> = Vec::with_capacity(model.catalog.responsibilities.len());
        let mut row_start = Vec::with_capacity(model.catalog.responsibilities.len() + 1);
        let mut mismatches = Vec::new();
        for (i, resp) in model.catalog.responsibilities.iter().enumerate() {
            row_start.push(coverage.len());
            let targets: &[Scope] = match (model.config.scopes.is_empty(), resp.level) {
                (true, _) => &[None],
                (false, ScopeLevel::Product) => &products,
                (false, ScopeLevel::Team) => &teams,
            };
            let lookup = Lookup::of(model, resp, &claims[i], &mut mismatches);
            let waived = waivers.get(resp.id.as_str()).map_or(&[][..], Vec::as_slice);
            for &target in targets {
                coverage.push(lookup.row(model, i, target, waiver_for(model, waived, target, today)));
            }
        }
        row_start.push(coverage.len());
        carry_loads(model, &coverage, &mut people);
        let mut goals = HashMap::default();
        for vision in &model.visions {
            let product = model.product_of(vision.at);
            for goal in &vision.goals {
                goals.entry((product, goal.id.as_str())).or_insert(goal);
            }
        }
        Index {
            today,
            roles,
            types,
            typed: by_type_scope,
            responsibilities,
            coverage,
            row_start,
            claims,
            mismatches,
            people,
            max_load: usize::try_from(model.config.max_load).unwrap_or(usize::MAX),
            goals,
        }
    }

    /// The people above their limit ([`Index::limit_of`]), most loaded first (then by
    /// name): the `overloaded-person` findings and the load tables.
    #[must_use]
    pub(crate) fn overloaded(&self) -> Vec<&Person<'m>> {
        let mut over: Vec<&Person<'m>> = self
            .people
            .values()
            .filter(|p| p.load > self.limit_of(p) + 1e-9)
            .collect();
        over.sort_by(|a, b| b.load.total_cmp(&a.load).then(a.name.cmp(b.name)));
        over
    }

    /// `limits.max_load`.
    #[must_use]
    pub(crate) fn max_load(&self) -> usize {
        self.max_load
    }

    /// A person's limit: `limits.max_load` × their capacity (FORMAT.md, "Load").
    #[must_use]
    pub(crate) fn limit_of(&self, person: &Person<'_>) -> f64 {
        #[allow(clippy::cast_precision_loss)] // a limit is a small count
        let max = self.max_load as f64;
        max * person.capacity()
    }

    /// Pairs of people whose keys are one or two edits apart ("Marco Rossi" and
    /// "Marco Rosi"): likely one person spelt two ways, whose load is then split.
    ///
    /// Candidates come from shared deletion variants (`SymSpell`): every key of 4 to
    /// [`SIMILAR_MAX_LEN`] characters yields itself and its variants with one character
    /// deleted, and keys sharing a variant are compared with Levenshtein. That finds every
    /// pair one edit apart and the two-edit pairs of one substitution or transposition on
    /// each side, in time and memory linear in the people (times the key length). A
    /// variant shared by more than [`SIMILAR_MAX_BUCKET`] keys is skipped, so hostile
    /// input (thousands of `aaaa1`, `aaaa2`, …) cannot make this quadratic.
    #[must_use]
    pub(crate) fn similar_people(&self) -> Vec<(&Person<'m>, &Person<'m>)> {
        let people: Vec<&Person<'m>> = self.people.values().collect();
        let mut buckets: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, p) in people.iter().enumerate() {
            let chars: Vec<char> = p.key.chars().collect();
            // Short keys ("al", "li") are too close to everything to suggest anything.
            if chars.len() < 4 || chars.len() > SIMILAR_MAX_LEN || is_placeholder(p.name) {
                continue;
            }
            let mut variants = BTreeSet::new();
            variants.insert(p.key.clone());
            for a in 0..chars.len() {
                variants.insert(
                    chars
                        .iter()
                        .enumerate()
                        .filter(|&(k, _)| k != a)
                        .map(|(_, c)| c)
                        .collect(),
                );
            }
            for v in variants {
                buckets.entry(v).or_default().push(i);
            }
        }
        let mut pairs = BTreeSet::new();
        for members in buckets.values() {
            if members.len() < 2 || members.len() > SIMILAR_MAX_BUCKET {
                continue;
            }
            for (x, &i) in members.iter().enumerate() {
                for &j in &members[x + 1..] {
                    let (a, b) = (&people[i].key, &people[j].key);
                    let d = strsim::levenshtein(a, b);
                    let shorter = a.chars().count().min(b.chars().count());
                    // At most one edit in four characters: "dana"/"dina" are close, "ann"/"anna" are not.
                    if (1..=2).contains(&d) && d * 4 <= shorter {
                        pairs.insert((i.min(j), i.max(j)));
                    }
                }
            }
        }
        pairs.into_iter().map(|(i, j)| (people[i], people[j])).collect()
    }

    /// The goal a backlog or roadmap item of `scope` names: `product/G1` in that
    /// product, else `G1` in the item's own product, else in the workspace's vision.
    /// The key is where it was found, for `goal-without-work`.
    #[must_use]
    pub(crate) fn goal(&self, model: &Model, scope: Scope, name: &'m str) -> Option<(Scope, &'m str)> {
        if let Some((product, id)) = name.split_once('/') {
            let p = model
                .config
                .scope_index(product)
                .filter(|&i| !model.config.scopes[i].is_team())
                .and_then(|i| u32::try_from(i).ok())?;
            return self.goals.contains_key(&(Some(p), id)).then_some((Some(p), id));
        }
        let product = model.product_of(scope);
        [product, None]
            .into_iter()
            .map(|p| (p, name))
            .find(|k| self.goals.contains_key(k))
    }

    /// The coverage rows of a responsibility by id, one per scope.
    #[must_use]
    pub(crate) fn coverage_of(&self, id: &str) -> &[Coverage<'m>] {
        self.responsibilities
            .get(id)
            .map_or(&[][..], |&i| &self.coverage[self.row_start[i]..self.row_start[i + 1]])
    }

    /// The roles accountable for `id` as seen from `scope`: those of the scope itself,
    /// else of its product, else of the workspace (the most specific level with one
    /// decides). A team-scoped role never counts for a product-level responsibility.
    /// This reads the coverage row where there is one (a team's row for a team-level
    /// responsibility, the product's row for a product-level one), so a scoped waiver's
    /// carve-out holds here too.
    #[must_use]
    pub(crate) fn accountable_in(&self, model: &Model, id: &str, scope: Scope) -> Vec<&'m Role> {
        if let Some(row) = self.row(model, id, scope) {
            return row.accountable.iter().map(|c| c.role).collect();
        }
        // No row holds the scope (a product with teams, asked about team-level work):
        // the lookup itself, from the scope outward.
        let Some(&i) = self.responsibilities.get(id) else {
            return Vec::new();
        };
        let product_level = model.catalog.responsibilities[i].level == ScopeLevel::Product;
        for level in model.scope_chain(scope) {
            let found: Vec<&Role> = self.claims[i]
                .iter()
                .filter(|c| c.assignment.raci == Raci::Accountable && c.scope == level)
                .filter(|c| !(product_level && model.is_team(c.scope)))
                .map(|c| c.role)
                .collect();
            if !found.is_empty() {
                return found;
            }
        }
        Vec::new()
    }

    /// The coverage row of `id` that holds `scope`: its own row, else (a product-level
    /// responsibility seen from a team) its product's; without declared products, the
    /// one row there is.
    #[must_use]
    pub(crate) fn row(&self, model: &Model, id: &str, scope: Scope) -> Option<&Coverage<'m>> {
        let rows = self.coverage_of(id);
        if model.config.scopes.is_empty() {
            return rows.first();
        }
        // Rows are in `pmpo.yaml` order, which is scope index order.
        let at = |s: Scope| rows.binary_search_by_key(&s, |c| c.scope).ok().map(|k| &rows[k]);
        at(scope).or_else(|| at(model.product_of(scope)))
    }

    /// The role of type `t` closest to `scope`: of the scope itself, else its product,
    /// else the workspace. For a product-level row a team's role is never it.
    #[must_use]
    pub(crate) fn role_of_type(&self, model: &Model, t: &str, scope: Scope) -> Option<&'m Role> {
        model
            .scope_chain(scope)
            .into_iter()
            .find_map(|s| self.typed.get(&(t, s)).copied())
    }

    /// The single role accountable for `id` in `scope`, if exactly one is.
    #[must_use]
    pub(crate) fn accountable_role(&self, model: &Model, id: &str, scope: Scope) -> Option<&'m Role> {
        let found = self.accountable_in(model, id, scope);
        (found.len() == 1).then(|| found[0])
    }
}
