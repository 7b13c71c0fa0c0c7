//! Facts beside the [`Index`]: the ones more than one reader needs and that are not a
//! lookup. Which backlog items trace to no goal and which lack acceptance criteria (one
//! predicate each, read by the rules and by the charter), the backlog by status, the
//! goal-by-goal traceability table, the order of the catalog's areas, the parts a role
//! takes in the catalog, each person's row of `pmpo people`, and the roles that own each
//! document for `pmpo codeowners`.
//!
//! Everything here is derived, never laid out: rules decide findings from these facts
//! and the emitters, the matrix and the charter only show them, so a change to what
//! counts as "untraced" or "missing criteria" cannot leave a rule and a table
//! disagreeing.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::index::{Coverage, Index};
use crate::model::{BacklogItem, Model, Raci, Responsibility, Role, Scope, Status};

/// The areas of the built-in catalog, in the order a product is thought through.
pub(crate) const AREAS: [&str; 5] = ["strategy", "discovery", "delivery", "team", "communication"];

/// The distinct areas of `areas`, built-in ones first in [`AREAS`] order, then the
/// others in the order they first appear. The matrix, the charter and `pmpo init` group
/// responsibilities in this order.
#[must_use]
pub(crate) fn area_order<'a>(areas: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen: Vec<&str> = Vec::new();
    for a in areas {
        if !seen.contains(&a) {
            seen.push(a);
        }
    }
    let rank = |a: &str| AREAS.iter().position(|k| *k == a).unwrap_or(AREAS.len());
    seen.sort_by_key(|a| rank(a));
    seen
}

/// An area's name as every output heads its group: the first letter upper-cased, and
/// `Other` for an empty name. Shared here so the matrix and the charter head an area
/// the same way without one importing the other.
#[must_use]
pub(crate) fn area_heading(area: &str) -> String {
    let mut c = area.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => "Other".into(),
    }
}

/// Whether a backlog item serves no goal: it names none and is still to be done (not
/// done, accepted or dropped: finished work is history, and naming its goal now changes
/// nothing) (`untraced-item`).
#[must_use]
pub(crate) fn untraced(item: &BacklogItem) -> bool {
    item.goals.is_empty() && !item.status.is_finished()
}

/// Why an item's acceptance criteria are missing (`missing-acceptance-criteria`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CriteriaGap {
    /// At `ready` or later (dropped is not later) and no criteria.
    Due,
    /// Not yet ready, or dropped, with an "Acceptance criteria" heading and no list
    /// under it: the heading promises criteria that are not there.
    EmptyHeading,
}

/// The acceptance criteria `item` lacks, if it lacks any.
#[must_use]
pub(crate) fn criteria_gap(item: &BacklogItem) -> Option<CriteriaGap> {
    if item.criteria > 0 {
        return None;
    }
    match item.status {
        Status::Ready | Status::InProgress | Status::Done | Status::Accepted => Some(CriteriaGap::Due),
        Status::Idea | Status::Dropped => item.criteria_loc.map(|_| CriteriaGap::EmptyHeading),
    }
}

/// The backlog in figures: items by status, those serving no goal and those lacking
/// criteria, each in the model's order.
#[derive(Debug)]
pub(crate) struct Backlog<'m> {
    pub items: usize,
    pub by_status: BTreeMap<Status, usize>,
    pub untraced: Vec<&'m BacklogItem>,
    pub missing_criteria: Vec<(&'m BacklogItem, CriteriaGap)>,
}

impl<'m> Backlog<'m> {
    /// The backlog of the items `keep` takes (a role's own products and teams).
    pub(crate) fn where_(model: &'m Model, keep: impl Fn(&BacklogItem) -> bool) -> Backlog<'m> {
        let items: Vec<&BacklogItem> = model.items.iter().filter(|i| keep(i)).collect();
        let mut by_status: BTreeMap<Status, usize> = BTreeMap::new();
        for item in &items {
            *by_status.entry(item.status).or_default() += 1;
        }
        Backlog {
            items: items.len(),
            by_status,
            untraced: items.iter().copied().filter(|i| untraced(i)).collect(),
            missing_criteria: items.iter().filter_map(|&i| Some((i, criteria_gap(i)?))).collect(),
        }
    }

    /// The items lacking criteria for `gap`.
    pub(crate) fn missing(&self, gap: CriteriaGap) -> impl Iterator<Item = &'m BacklogItem> + '_ {
        self.missing_criteria
            .iter()
            .filter(move |(_, g)| *g == gap)
            .map(|(i, _)| *i)
    }
}

/// One goal and the work that serves it.
#[derive(Debug)]
pub(crate) struct TraceRow<'m> {
    pub goal: &'m str,
    /// The product whose vision sets the goal; `None` for the workspace's vision and
    /// without products.
    pub product: Option<&'m str>,
    pub title: &'m str,
    /// Backlog items naming the goal, by status.
    pub items: BTreeMap<Status, usize>,
    /// Roadmap items naming the goal.
    pub roadmap: Vec<&'m str>,
}

impl TraceRow<'_> {
    /// The goal as an item names it from elsewhere: `checkout/G1` for a product's
    /// goal, `G1` for the workspace's.
    #[must_use]
    pub(crate) fn name(&self) -> String {
        match self.product {
            Some(p) => format!("{p}/{}", self.goal),
            None => self.goal.to_string(),
        }
    }
}

/// Goal by goal (the first goal with each id in each product's vision, in vision
/// order), the backlog items (by status) and roadmap items naming it. Goal names resolve
/// as `goal-without-work` and `unknown-goal` resolve them ([`Index::goal`]): an item's
/// own product first, then the workspace, `product/G1` for another product's goal.
#[must_use]
pub(crate) fn traceability<'m>(model: &'m Model, index: &Index<'m>) -> Vec<TraceRow<'m>> {
    let mut rows: Vec<TraceRow<'m>> = Vec::new();
    let mut at: HashMap<(Scope, &str), usize> = HashMap::new();
    for vision in &model.visions {
        let product = model.product_of(vision.at);
        for goal in &vision.goals {
            let key = (product, goal.id.as_str());
            if at.contains_key(&key) {
                continue;
            }
            at.insert(key, rows.len());
            rows.push(TraceRow {
                goal: goal.id.as_str(),
                product: model.scope_id(product),
                title: &goal.title,
                items: BTreeMap::new(),
                roadmap: Vec::new(),
            });
        }
    }
    let row = |scope: Scope, name: &'m str| index.goal(model, scope, name).and_then(|key| at.get(&key).copied());
    for item in &model.items {
        let scope = item.at;
        for g in &item.goals {
            if let Some(i) = row(scope, g.as_str()) {
                *rows[i].items.entry(item.status).or_default() += 1;
            }
        }
    }
    for roadmap in &model.roadmaps {
        let scope = roadmap.at;
        for item in &roadmap.items {
            for g in &item.goals {
                if let Some(i) = row(scope, g.as_str()) {
                    rows[i].roadmap.push(item.id.as_str());
                }
            }
        }
    }
    rows
}

/// The goals some work serves, by (product of their vision, id) as [`Index::goal`]
/// keys them (`G1` of two products are two goals): named by a backlog item that is not
/// dropped, or by a roadmap item. `goal-without-work` reports the others.
#[must_use]
pub(crate) fn served_goals<'m>(model: &'m Model, index: &Index<'m>) -> HashSet<(Scope, &'m str)> {
    let mut served: HashSet<(Scope, &str)> = HashSet::new();
    for item in model.items.iter().filter(|i| i.status != Status::Dropped) {
        if item.goals.is_empty() {
            continue;
        }
        let scope = item.at;
        served.extend(item.goals.iter().filter_map(|g| index.goal(model, scope, g.as_str())));
    }
    for roadmap in &model.roadmaps {
        let scope = roadmap.at;
        for item in &roadmap.items {
            served.extend(item.goals.iter().filter_map(|g| index.goal(model, scope, g.as_str())));
        }
    }
    served
}

/// One responsibility a role has a part in, and the coverage row it is seen from.
#[derive(Debug)]
pub(crate) struct Part<'m> {
    pub responsibility: &'m Responsibility,
    pub coverage: &'m Coverage<'m>,
    /// The role's strongest letter on it.
    pub letter: Raci,
}

/// The responsibilities `role` has a part in, once each, in area order (catalog order
/// within an area). With products a responsibility has a row per product or team: the
/// part is seen from the row of the role's own scope when it has one.
#[must_use]
pub(crate) fn parts_of<'m>(model: &'m Model, index: &'m Index<'m>, role: &Role) -> Vec<Part<'m>> {
    let catalog = &model.catalog.responsibilities;
    let order = area_order(catalog.iter().map(|r| r.area.as_str()));
    let own = role.scopes[0];
    // By id: a catalog that names one responsibility twice (`duplicate-id`) shows it once.
    let mut seen: HashSet<&str> = HashSet::new();
    let mut parts: Vec<Part<'m>> = Vec::new();
    let rows = index
        .coverage
        .iter()
        .filter(|c| c.scope == own)
        .chain(index.coverage.iter().filter(|c| c.scope != own));
    for coverage in rows {
        let responsibility = &catalog[coverage.responsibility];
        if seen.contains(responsibility.id.as_str()) {
            continue;
        }
        if let Some(letter) = coverage.letter(role.id.as_str()) {
            seen.insert(responsibility.id.as_str());
            parts.push(Part {
                responsibility,
                coverage,
                letter,
            });
        }
    }
    parts.sort_by_key(|p| order.iter().position(|a| *a == p.responsibility.area));
    parts
}

/// One person as `pmpo people` shows them: what they hold, what they carry, and what
/// would lose its only accountable holder if they left.
#[derive(Debug)]
pub(crate) struct PersonRow<'m> {
    /// How reports name them: the people document's name or id, else the holder.
    pub name: &'m str,
    /// The person's key ([`Model::person_key`]).
    pub key: String,
    pub roles: Vec<&'m Role>,
    /// The ids of the products and teams their roles serve (`workspace` for none).
    pub scopes: Vec<&'m str>,
    pub load: f64,
    /// `limits.max_load` × their capacity.
    pub limit: f64,
    pub capacity: f64,
    /// Coverage rows whose accountable role they alone hold: left without an
    /// accountable holder if they left.
    pub alone: usize,
    /// Of those, the strategic ones.
    pub alone_strategic: usize,
    pub until: Option<crate::date::Date>,
}

impl PersonRow<'_> {
    /// Whether they carry more than their limit, as [`Index::overloaded`] decides it.
    #[must_use]
    pub(crate) fn over_limit(&self) -> bool {
        self.load > self.limit + 1e-9
    }
}

/// Every person (holders of roles that are not `external`, and the people document's
/// people who hold nothing), most rows held alone first, then most strategic, then by
/// name: the single points of failure come first.
#[must_use]
pub(crate) fn people<'m>(model: &'m Model, index: &'m Index<'m>) -> Vec<PersonRow<'m>> {
    // Rows a role alone is accountable for, counted once per role.
    let mut sole: HashMap<*const Role, (usize, usize)> = HashMap::new();
    for c in &index.coverage {
        if let [only] = c.accountable.as_slice() {
            let entry = sole.entry(std::ptr::from_ref(only.role)).or_default();
            entry.0 += 1;
            if model.catalog.responsibilities[c.responsibility].strategic {
                entry.1 += 1;
            }
        }
    }
    let mut rows: Vec<PersonRow<'m>> = index
        .people
        .values()
        .map(|p| {
            let mut alone = (0, 0);
            for role in &p.roles {
                let held_alone = role.holders.iter().all(|h| model.person_key(h.as_str()) == p.key);
                if held_alone && let Some((n, s)) = sole.get(&std::ptr::from_ref(*role)) {
                    alone.0 += n;
                    alone.1 += s;
                }
            }
            let mut scopes: Vec<&str> = p
                .roles
                .iter()
                .flat_map(|r| r.scopes.iter().map(|&s| model.scope_id(s).unwrap_or("workspace")))
                .collect();
            scopes.sort_unstable();
            scopes.dedup();
            PersonRow {
                name: p.shown(),
                key: p.key.clone(),
                roles: p.roles.clone(),
                scopes,
                load: p.load,
                limit: index.limit_of(p),
                capacity: p.capacity(),
                alone: alone.0,
                alone_strategic: alone.1,
                until: p.doc.and_then(|d| d.until.as_ref()).map(|u| u.value),
            }
        })
        .collect();
    // People of the people document who hold no role (any more): their capacity is free.
    if let Some(doc) = &model.people {
        for person in &doc.people {
            let key = model.person_key(person.id.as_str());
            if rows.iter().any(|r| r.key == key) {
                continue;
            }
            #[allow(clippy::cast_precision_loss)] // a limit is a small count
            let max = index.max_load() as f64;
            rows.push(PersonRow {
                name: person.shown(),
                key,
                roles: Vec::new(),
                scopes: Vec::new(),
                load: 0.0,
                limit: max * person.capacity,
                capacity: person.capacity,
                alone: 0,
                alone_strategic: 0,
                until: person.until.as_ref().map(|u| u.value),
            });
        }
    }
    rows.sort_by(|a, b| {
        b.alone
            .cmp(&a.alone)
            .then(b.alone_strategic.cmp(&a.alone_strategic))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.key.cmp(&b.key))
    });
    rows
}

/// The roles that own each document, for `pmpo codeowners`: the vision, roadmap and
/// backlog documents by the role accountable for the catalog's `uses` responsibility in
/// their scope, a role charter by the role itself and the one it `reports_to`. Documents
/// of other kinds, and roadmaps under a catalog without `uses: roadmap`, are not listed.
/// In file order.
#[must_use]
pub(crate) fn document_owners<'m>(model: &'m Model, index: &Index<'m>) -> Vec<(crate::model::FileId, Vec<&'m Role>)> {
    let mut owners: BTreeMap<u32, Vec<&'m Role>> = BTreeMap::new();
    let mut add = |file: crate::model::FileId, roles: Vec<&'m Role>| {
        let list = owners.entry(file.0).or_default();
        for r in roles {
            if !list.iter().any(|x| std::ptr::eq(*x, r)) {
                list.push(r);
            }
        }
    };
    let uses = &model.catalog.uses;
    let accountable = |id: &Option<String>, scope: Scope| -> Option<Vec<&'m Role>> {
        let id = id.as_deref()?;
        Some(index.accountable_role(model, id, scope).into_iter().collect())
    };
    for v in &model.visions {
        if let Some(roles) = accountable(&uses.vision, v.at) {
            add(v.file, roles);
        }
    }
    for r in &model.roadmaps {
        if let Some(roles) = accountable(&uses.roadmap, r.at) {
            add(r.file, roles);
        }
    }
    // One lookup per scope, not per item.
    let mut by_scope: HashMap<Scope, Vec<&'m Role>> = HashMap::new();
    if uses.backlog.is_some() {
        for item in &model.items {
            let roles = by_scope
                .entry(item.at)
                .or_insert_with(|| accountable(&uses.backlog, item.at).unwrap_or_default())
                .clone();
            add(item.file, roles);
        }
    }
    for role in &model.roles {
        let mut roles = vec![role];
        if let Some(boss) = role.reports_to.as_ref().and_then(|b| index.roles.get(b.as_str())) {
            roles.push(boss);
        }
        add(role.file, roles);
    }
    owners
        .into_iter()
        .map(|(f, roles)| (crate::model::FileId(f), roles))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tests::workspace;

    #[test]
    fn areas_come_in_the_built_in_order_then_as_found() {
        assert_eq!(
            area_order(["team", "pricing", "strategy", "team", "legal"]),
            ["strategy", "team", "pricing", "legal"]
        );
        assert_eq!(area_heading("délivery"), "Délivery");
        assert_eq!(area_heading(""), "Other");
    }

    /// The backlog figures count exactly the items the rules report: every item the
    /// `untraced-item` and `missing-acceptance-criteria` findings name is in the facts,
    /// and nothing else is.
    #[test]
    fn backlog_facts_are_what_the_rules_report() {
        let ws = workspace(&[
            (
                "backlog/idea.md",
                "---\nid: A-1\nstatus: idea\ngoals: [G1]\n---\nLater.\n",
            ),
            ("backlog/ready.md", "---\nid: A-2\nstatus: ready\n---\nSoon.\n"),
            (
                "backlog/empty.md",
                "---\nid: A-3\nstatus: idea\n---\n## Acceptance criteria\n\nTBD\n",
            ),
            (
                "backlog/dropped.md",
                "---\nid: A-4\nstatus: dropped\n---\n## Acceptance criteria\n",
            ),
            (
                "backlog/done.md",
                "---\nid: A-5\nstatus: done\ngoals: [G1]\n---\n## Acceptance criteria\n- works\n",
            ),
            ("backlog/gone.md", "---\nid: A-6\nstatus: dropped\n---\n"),
        ]);
        let model = crate::load::load(&ws.root, &crate::rules::names()).unwrap();
        let backlog = Backlog::where_(&model, |_| true);
        let ids = |items: Vec<&BacklogItem>| -> Vec<String> {
            let mut ids: Vec<String> = items.iter().map(|i| i.id.value.to_string()).collect();
            ids.sort();
            ids
        };
        let reported = |rule: &str| -> Vec<String> {
            let mut ids: Vec<String> = ws.findings(rule).into_iter().filter_map(|f| f.subject).collect();
            ids.sort();
            ids
        };
        assert_eq!(ids(backlog.untraced.clone()), ["A-2", "A-3"]);
        assert_eq!(ids(backlog.untraced.clone()), reported("untraced-item"));
        let missing: Vec<&BacklogItem> = backlog.missing_criteria.iter().map(|(i, _)| *i).collect();
        assert_eq!(ids(missing.clone()), ["A-2", "A-3", "A-4"]);
        assert_eq!(ids(missing), reported("missing-acceptance-criteria"));
        assert_eq!(ids(backlog.missing(CriteriaGap::Due).collect()), ["A-2"]);
        assert_eq!(
            ids(backlog.missing(CriteriaGap::EmptyHeading).collect()),
            ["A-3", "A-4"]
        );
        assert_eq!(backlog.items, 6);
        assert_eq!(backlog.by_status.get(&Status::Dropped), Some(&2));
        assert_eq!(backlog.by_status.get(&Status::Accepted), None);
    }

    #[test]
    fn a_part_is_seen_once_from_the_strongest_letter_in_area_order() {
        let ws = workspace(&[(
            "roles/po.md",
            "---\nholders: [d]\nresponsibilities:\n  user-stories: R\n  product-vision: C\n  team-support: I\n---\n",
        )]);
        let model = crate::load::load(&ws.root, &crate::rules::names()).unwrap();
        let index = Index::build(&model, crate::date::Date::parse("2026-11-26").unwrap());
        let role = &model.roles[0];
        let parts = parts_of(&model, &index, role);
        let got: Vec<(&str, &str, Raci)> = parts
            .iter()
            .map(|p| (p.responsibility.area.as_str(), p.responsibility.id.as_str(), p.letter))
            .collect();
        let area = |id: &str| {
            model
                .catalog
                .responsibilities
                .iter()
                .find(|r| r.id == id)
                .unwrap()
                .area
                .as_str()
        };
        assert_eq!(
            got,
            [
                (area("product-vision"), "product-vision", Raci::Consulted),
                (area("user-stories"), "user-stories", Raci::Responsible),
                (area("team-support"), "team-support", Raci::Informed),
            ]
        );
        let order = area_order(model.catalog.responsibilities.iter().map(|r| r.area.as_str()));
        let ranks: Vec<usize> = got
            .iter()
            .map(|(a, _, _)| order.iter().position(|o| o == a).unwrap())
            .collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{got:?}");
    }

    /// The overlap and load tables every format shows and the findings of the rules
    /// that judge them come from one fact each: the responsibilities the Overlaps table
    /// marks "multiple accountable" and "shared" are exactly those the two rules report,
    /// and the people over their load are those `overloaded-person` names, in the
    /// table's order.
    #[test]
    fn tables_and_rules_read_the_same_overlap_and_load() {
        let ws = workspace(&[
            ("pmpo.yaml", "limits:\n  max_load: 2\n"),
            (
                "roles/pm.md",
                "---\nholders: [Ann]\nresponsibilities:\n  product-vision: A\n  product-strategy: A\n  voice-of-customer: A\n---\n",
            ),
            (
                "roles/po.md",
                "---\nholders: [Bo, ann ]\nresponsibilities:\n  product-vision: A\n  voice-of-customer: R\n  user-stories: R\n---\n",
            ),
            (
                "roles/dev.md",
                "---\nholders: [Cy]\nresponsibilities:\n  user-stories: R\n  sprint-goals: A\n  backlog-ordering: A\n  product-roadmap: R\n---\n",
            ),
        ]);
        let model = crate::load::load(&ws.root, &crate::rules::names()).unwrap();
        let index = Index::build(&model, crate::date::Date::parse("2026-11-26").unwrap());
        let findings = crate::rules::run(&model, &index);
        let report = crate::report::Report::of(&model, &index, &findings);
        let rows = report.coverage();
        let table = |kind: crate::index::Overlap| -> Vec<&str> {
            let mut ids: Vec<&str> = rows
                .iter()
                .filter(|r| r.overlap() == Some(kind))
                .map(|r| r.id)
                .collect();
            ids.sort_unstable();
            ids
        };
        let reported = |rule: &str| -> Vec<String> {
            let mut ids: Vec<String> = findings
                .iter()
                .filter(|f| f.rule == rule)
                .filter_map(|f| f.subject.clone())
                .collect();
            ids.sort();
            ids
        };
        assert_eq!(table(crate::index::Overlap::MultipleAccountable), ["product-vision"]);
        assert_eq!(
            table(crate::index::Overlap::MultipleAccountable),
            reported("multiple-accountable")
        );
        // Two roles responsible and none accountable is shared too.
        assert_eq!(
            table(crate::index::Overlap::Shared),
            ["user-stories", "voice-of-customer"]
        );
        assert_eq!(table(crate::index::Overlap::Shared), reported("shared-responsibility"));
        assert!(
            rows.iter()
                .all(|r| (r.overlap() == Some(crate::index::Overlap::MultipleAccountable))
                    == (r.status == crate::index::CoverageStatus::Overlap)),
            "the overlap status and the overlap kind agree"
        );
        let summary = crate::report::coverage_summary(&rows);
        assert!(
            summary.contains(", 3 overlapping (1 with several accountable roles), "),
            "{summary}"
        );

        // Ann holds pm alone and po with Bo (one person, however written): a row counts
        // once, with the larger share (product-vision and voice-of-customer 1 each, from
        // pm), and user-stories is half hers: 3.5. Cy carries 4; Bo half of three rows,
        // 1.5, under the limit of 2. Most loaded first.
        let loads: Vec<(&str, String)> = report.overloaded().iter().map(|l| (l.person, l.load.clone())).collect();
        assert_eq!(loads, [("Cy", "4".to_string()), ("Ann", "3.5".to_string())]);
        let mut named: Vec<String> = findings
            .iter()
            .filter(|f| f.rule == "overloaded-person" && f.severity != crate::finding::Severity::Info)
            .filter_map(|f| f.subject.clone())
            .collect();
        named.sort();
        let mut over: Vec<String> = loads.iter().map(|(p, _)| (*p).to_string()).collect();
        over.sort();
        assert_eq!(named, over);
    }

    /// With products, goals resolve as the rules resolve them: `checkout/G1` counts for
    /// checkout's G1, each product's G1 is its own row, and the goals no work serves are
    /// those `goal-without-work` reports.
    #[test]
    fn traceability_resolves_goals_per_product() {
        let ws = workspace(&[
            (
                "pmpo.yaml",
                "products:\n  - id: checkout\n    path: checkout\n  - id: merchant\n    path: merchant\n",
            ),
            (
                "checkout/vision.md",
                "---\nowner: po\ngoals:\n  - {id: G1, title: Pay}\n---\n",
            ),
            (
                "merchant/vision.md",
                "---\nowner: po\ngoals:\n  - {id: G1, title: Sell}\n  - {id: G2, title: Ship}\n---\n",
            ),
            ("backlog/C-1.md", "---\nid: C-1\nscope: checkout\ngoals: [G1]\n---\n"),
            (
                "backlog/M-1.md",
                "---\nid: M-1\nscope: merchant\ngoals: [checkout/G1]\n---\n",
            ),
            (
                "backlog/M-2.md",
                "---\nid: M-2\nscope: merchant\nstatus: ready\ngoals: [G2]\n---\n",
            ),
            (
                "backlog/M-3.md",
                "---\nid: M-3\nscope: merchant\nstatus: dropped\ngoals: [G1]\n---\n",
            ),
        ]);
        let model = crate::load::load(&ws.root, &crate::rules::names()).unwrap();
        let index = Index::build(&model, crate::date::Date::parse("2026-11-26").unwrap());
        let rows = traceability(&model, &index);
        let got: Vec<(String, &str, usize)> = rows
            .iter()
            .map(|r| (r.name(), r.title, r.items.values().sum()))
            .collect();
        assert_eq!(
            got,
            [
                ("checkout/G1".to_string(), "Pay", 2),
                ("merchant/G1".to_string(), "Sell", 1),
                ("merchant/G2".to_string(), "Ship", 1),
            ]
        );
        // A dropped item names merchant/G1 (the table counts it) but serves nothing.
        let served: Vec<String> = served_goals(&model, &index)
            .into_iter()
            .map(|(p, g)| format!("{}/{g}", model.scope_id(p).unwrap_or_default()))
            .collect();
        let unserved: Vec<String> = rows
            .iter()
            .map(TraceRow::name)
            .filter(|n| !served.contains(n))
            .collect();
        let reported: Vec<String> = ws
            .findings("goal-without-work")
            .into_iter()
            .map(|f| format!("{}/{}", f.scope.unwrap_or_default(), f.subject.unwrap_or_default()))
            .collect();
        assert_eq!(unserved, ["merchant/G1"]);
        assert_eq!(reported, unserved);
    }

    /// Two charters with one id, both accountable: the row's status is overlap, so its
    /// overlap kind, its reason and the rule all say two accountable roles, though the
    /// tables name the id once.
    #[test]
    fn one_id_in_two_charters_is_an_overlap_everywhere() {
        let ws = workspace(&[
            (
                "roles/po.md",
                "---\nholders: [a]\nresponsibilities:\n  product-vision: A\n---\n",
            ),
            (
                "roles/team/po.md",
                "---\nholders: [b]\nresponsibilities:\n  product-vision: A\n---\n",
            ),
        ]);
        let model = crate::load::load(&ws.root, &crate::rules::names()).unwrap();
        assert_eq!(model.roles.len(), 2, "both charters load");
        let index = Index::build(&model, crate::date::Date::parse("2026-11-26").unwrap());
        let findings = crate::rules::run(&model, &index);
        let report = crate::report::Report::of(&model, &index, &findings);
        let rows = report.coverage();
        let row = rows.iter().find(|r| r.id == "product-vision").unwrap();
        assert_eq!(row.status, crate::index::CoverageStatus::Overlap);
        assert_eq!(row.accountable, ["po"]);
        assert_eq!(row.overlap(), Some(crate::index::Overlap::MultipleAccountable));
        assert_eq!(row.why, "2 accountable roles");
        assert!(
            findings
                .iter()
                .any(|f| f.rule == "multiple-accountable" && f.subject.as_deref() == Some("product-vision")),
            "{findings:?}"
        );
    }
}
