//! What one role's charter says, as facts: the parts it takes in the catalog, its focus,
//! whom it reports to and who reports to it, the levels above and below it, what it
//! keeps (the backlog, the Definition of Done, visions and a roadmap) and the findings
//! about it. [`super::layout`] only writes these down as Markdown.
//!
//! Nothing here is a second opinion: the parts come from [`crate::facts::parts_of`],
//! the backlog figures from [`crate::facts::Backlog`] (the predicates the rules use),
//! coverage from the index.

use std::collections::HashSet;

use crate::facts::{Backlog, Part, parts_of};
use crate::finding::Finding;
use crate::index::{CoverageStatus, Index};
use crate::model::{DefinitionOfDone, Model, Raci, Roadmap, Role, Scope, Vision};

/// The responsibilities whose owner keeps the Definition of Done in view.
const DONE_KEEPERS: &[&str] = &["definition-of-done", "acceptance-criteria"];

/// The responsibility whose owner orders the backlog.
const BACKLOG_ORDERING: &str = "backlog-ordering";

/// Everything a charter shows.
#[derive(Debug)]
pub(crate) struct Charter<'a> {
    pub role: &'a Role,
    pub parts: Vec<Part<'a>>,
    pub focus: Focus<'a>,
    /// The role `reports_to` names, when the workspace has it.
    pub boss: Option<&'a Role>,
    /// The roles whose `reports_to` names this one, in file order.
    pub reports: Vec<&'a Role>,
    /// The `reports_to` chain above the role, nearest first.
    pub above: Vec<&'a Role>,
    /// Other roles serving one of the role's own products or teams.
    pub beside: Vec<&'a Role>,
    /// Other roles serving only products or teams inside the role's own.
    pub below: Vec<&'a Role>,
    /// The visions with goals, in file order.
    pub visions: Vec<Goals<'a>>,
    /// The roadmaps with items that the role owns.
    pub roadmaps: Vec<&'a Roadmap>,
    /// The backlog, when the role is accountable for ordering it.
    pub backlog: Option<Backlog<'a>>,
    /// The Definitions of Done with criteria, when the role is accountable for what
    /// they govern; empty otherwise.
    pub definitions_of_done: Vec<&'a DefinitionOfDone>,
    /// The findings in its charter, about its id, or about one of its holders.
    pub concerns: Vec<&'a Finding>,
}

/// A vision whose goals the role owns or serves.
#[derive(Debug)]
pub(crate) struct Goals<'a> {
    pub vision: &'a Vision,
    /// Whether the role owns the vision.
    pub owned: bool,
    /// The role that owns it, when the workspace has that role.
    pub owner: Option<&'a Role>,
}

/// The shape of a role's work across the catalog.
#[derive(Debug)]
pub(crate) struct Focus<'a> {
    /// Responsibilities in the catalog.
    pub total: usize,
    pub accountable: usize,
    /// Of those it is accountable for, the strategic ones.
    pub strategic: usize,
    pub responsible: usize,
    pub consulted: usize,
    pub informed: usize,
    /// The areas of what the role owns (of what it does, when it owns nothing), with how
    /// many in each: largest first, ties in area order.
    pub areas: Vec<(&'a str, usize)>,
    /// How many of the first `areas` are its focus: at most three, and no more than it
    /// takes to hold three quarters of the work.
    pub named: usize,
    /// Who owns the strategic work the role does not, with how many rows each, in the
    /// order they are first met.
    pub strategic_owners: Vec<(&'a Role, usize)>,
    /// Strategic rows nobody owns.
    pub orphaned: usize,
}

impl<'a> Charter<'a> {
    #[must_use]
    pub(crate) fn of(model: &'a Model, index: &'a Index<'a>, findings: &'a [Finding], role: &'a Role) -> Charter<'a> {
        let id = role.id.as_str();
        let parts = parts_of(model, index, role);
        let focus = Focus::of(model, index, role, &parts);
        let owns = |ids: &[&str]| {
            parts
                .iter()
                .any(|p| p.letter == Raci::Accountable && ids.contains(&p.responsibility.id.as_str()))
        };
        let (above, beside, below) = if model.config.scopes.is_empty() {
            (Vec::new(), Vec::new(), Vec::new())
        } else {
            let above = above(index, role);
            let beside = beside(model, role, &above);
            (above, beside, below(model, role))
        };
        Charter {
            role,
            boss: role
                .reports_to
                .as_ref()
                .and_then(|r| index.roles.get(r.as_str()).copied()),
            reports: model
                .roles
                .iter()
                .filter(|r| r.reports_to.as_ref().is_some_and(|b| b.value == id))
                .collect(),
            above,
            beside,
            below,
            visions: visions(model, index, role),
            roadmaps: model
                .roadmaps
                .iter()
                .filter(|r| r.owner.as_ref().is_some_and(|o| o.value == id) && !r.items.is_empty())
                .collect(),
            backlog: owns(&[BACKLOG_ORDERING]).then(|| Backlog::where_(model, |i| serves(model, role, i.at))),
            definitions_of_done: if owns(DONE_KEEPERS) {
                model
                    .definitions_of_done
                    .iter()
                    .filter(|d| !d.criteria.is_empty())
                    .collect()
            } else {
                Vec::new()
            },
            concerns: concerns(model, findings, role),
            parts,
            focus,
        }
    }
}

/// The roles above `role`: its `reports_to` chain, each role once (a cycle stops it).
fn above<'a>(index: &Index<'a>, role: &'a Role) -> Vec<&'a Role> {
    let mut above: Vec<&'a Role> = Vec::new();
    let mut next = role
        .reports_to
        .as_ref()
        .and_then(|b| index.roles.get(b.as_str()).copied());
    while let Some(boss) = next {
        if std::ptr::eq(boss, role) || above.iter().any(|r| std::ptr::eq(*r, boss)) {
            break;
        }
        above.push(boss);
        next = boss
            .reports_to
            .as_ref()
            .and_then(|b| index.roles.get(b.as_str()).copied());
    }
    above
}

/// The roles beside `role`: those serving one of its products or teams, not above it.
fn beside<'a>(model: &'a Model, role: &Role, above: &[&Role]) -> Vec<&'a Role> {
    model
        .roles
        .iter()
        .filter(|r| {
            !std::ptr::eq(*r, role)
                && !above.iter().any(|a| std::ptr::eq(*a, *r))
                && r.scopes.iter().any(|sc| role.scopes.contains(sc))
        })
        .collect()
}

/// The roles below `role`: those serving only products or teams inside its own.
fn below<'a>(model: &'a Model, role: &Role) -> Vec<&'a Role> {
    let inside = |sc: Scope| {
        role.scopes
            .iter()
            .any(|&mine| sc != mine && sc.is_some() && model.encloses(mine, sc))
    };
    model
        .roles
        .iter()
        .filter(|r| !std::ptr::eq(*r, role) && r.scopes.iter().all(|&sc| inside(sc)))
        .collect()
}

/// Whether `role` serves `scope`'s product (every product, for a workspace role): its
/// goals and its backlog are then the role's too.
fn serves(model: &Model, role: &Role, scope: Scope) -> bool {
    role.scopes
        .iter()
        .any(|&mine| model.encloses(mine, scope) || model.encloses(scope, mine))
}

/// The visions with goals of the products `role` serves, and whether it owns each.
fn visions<'a>(model: &'a Model, index: &Index<'a>, role: &Role) -> Vec<Goals<'a>> {
    let id = role.id.as_str();
    model
        .visions
        .iter()
        .filter(|v| !v.goals.is_empty() && (v.at.is_none() || serves(model, role, model.product_of(v.at))))
        .map(|vision| Goals {
            vision,
            owned: vision.owner.as_ref().is_some_and(|o| o.value == id),
            owner: vision.owner.as_ref().and_then(|o| index.roles.get(o.as_str()).copied()),
        })
        .collect()
}

/// The findings about `role`: in or pointing at its charter, or about it or a holder.
fn concerns<'a>(model: &Model, findings: &'a [Finding], role: &Role) -> Vec<&'a Finding> {
    let file = model.path(role.file);
    findings
        .iter()
        .filter(|f| {
            f.location.as_ref().is_some_and(|l| &*l.file == file)
                || f.related.iter().any(|(l, _)| &*l.file == file)
                || f.subject
                    .as_deref()
                    .is_some_and(|subject| subject == role.id.value || role.holders.iter().any(|h| h.value == subject))
        })
        .collect()
}

impl<'a> Focus<'a> {
    fn of(model: &'a Model, index: &'a Index<'a>, role: &Role, parts: &[Part<'a>]) -> Focus<'a> {
        let count = |letter: Raci| parts.iter().filter(|p| p.letter == letter).count();
        let accountable = count(Raci::Accountable);
        let basis = if accountable == 0 {
            Raci::Responsible
        } else {
            Raci::Accountable
        };
        let mut areas: Vec<(&'a str, usize)> = Vec::new();
        for p in parts.iter().filter(|p| p.letter == basis) {
            match areas.iter_mut().find(|(a, _)| *a == p.responsibility.area) {
                Some((_, n)) => *n += 1,
                None => areas.push((&p.responsibility.area, 1)),
            }
        }
        // Largest first; `parts` is in area order, so ties keep that order.
        areas.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        let of_basis = count(basis);
        let mut named = 0;
        let mut covered = 0;
        for (_, n) in &areas {
            if named == 3 || (covered * 4 >= of_basis * 3 && named > 0) {
                break;
            }
            named += 1;
            covered += n;
        }
        // Only the rows of the role's own products and teams (and what encloses or is
        // inside them), each responsibility once: another product's owners are not
        // this role's business.
        let mut strategic_owners: Vec<(&'a Role, usize)> = Vec::new();
        let mut orphaned = 0;
        let mut counted: HashSet<(&str, &str)> = HashSet::new();
        let mut orphaned_ids: HashSet<&str> = HashSet::new();
        for c in &index.coverage {
            let r = &model.catalog.responsibilities[c.responsibility];
            if !r.strategic || c.accountable.iter().any(|a| a.role.id.value == role.id.value) {
                continue;
            }
            if !role
                .scopes
                .iter()
                .any(|&s| model.encloses(s, c.scope) || model.encloses(c.scope, s))
            {
                continue;
            }
            match (c.status, c.accountable.first()) {
                (CoverageStatus::Covered, Some(a)) => {
                    if !counted.insert((a.role.id.as_str(), r.id.as_str())) {
                        continue;
                    }
                    match strategic_owners.iter_mut().find(|(o, _)| o.id.value == a.role.id.value) {
                        Some((_, n)) => *n += 1,
                        None => strategic_owners.push((a.role, 1)),
                    }
                }
                (CoverageStatus::Orphaned, _) if orphaned_ids.insert(r.id.as_str()) => orphaned += 1,
                _ => {}
            }
        }
        Focus {
            total: model.catalog.responsibilities.len(),
            accountable,
            strategic: parts
                .iter()
                .filter(|p| p.letter == Raci::Accountable && p.responsibility.strategic)
                .count(),
            responsible: count(Raci::Responsible),
            consulted: count(Raci::Consulted),
            informed: count(Raci::Informed),
            areas,
            named,
            strategic_owners,
            orphaned,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use crate::facts::CriteriaGap;

    fn model_of(files: &[(&str, &str)]) -> (crate::rules::tests::tempdir::Workspace, Model) {
        let ws = crate::rules::tests::workspace(files);
        let model = crate::load::load(&ws.root, &crate::rules::names()).unwrap();
        (ws, model)
    }

    fn index(model: &Model) -> Index<'_> {
        Index::build(model, crate::date::Date::parse("2026-11-26").unwrap())
    }

    fn role<'m>(model: &'m Model, id: &str) -> &'m Role {
        model.roles.iter().find(|r| r.id.value == id).unwrap()
    }

    #[test]
    fn a_role_without_parts_has_an_empty_focus() {
        let (_ws, model) = model_of(&[("roles/po.md", "---\nholders: [d]\n---\n")]);
        let index = index(&model);
        let c = Charter::of(&model, &index, &[], role(&model, "po"));
        assert!(c.parts.is_empty());
        assert_eq!(c.focus.total, model.catalog.responsibilities.len());
        assert_eq!((c.focus.accountable, c.focus.responsible, c.focus.named), (0, 0, 0));
        assert!(c.focus.areas.is_empty());
        assert!(c.backlog.is_none());
        assert_eq!(
            c.focus.orphaned,
            model.catalog.responsibilities.iter().filter(|r| r.strategic).count(),
            "nobody owns any strategic work"
        );
    }

    #[test]
    fn a_role_that_owns_nothing_is_focused_on_what_it_does() {
        let (_ws, model) = model_of(&[(
            "roles/po.md",
            "---\nholders: [d]\nresponsibilities:\n  user-stories: R\n  product-vision: C\n---\n",
        )]);
        let index = index(&model);
        let f = Charter::of(&model, &index, &[], role(&model, "po")).focus;
        let area = &model
            .catalog
            .responsibilities
            .iter()
            .find(|r| r.id == "user-stories")
            .unwrap()
            .area;
        assert_eq!(f.areas, [(area.as_str(), 1)]);
        assert_eq!(
            (f.accountable, f.responsible, f.consulted, f.informed, f.named),
            (0, 1, 1, 0, 1)
        );
    }

    /// The focus names the largest areas, at most three, stopping once they hold three
    /// quarters of what the role owns; strategic work owned elsewhere is counted by
    /// owner, and orphaned work apart.
    #[test]
    fn focus_counts_owned_areas_and_strategic_owners() {
        let catalog = crate::catalog::builtin();
        let strategic: Vec<&str> = catalog.iter().filter(|r| r.strategic).map(|r| r.id.as_str()).collect();
        let mut pm = String::from("---\nholders: [Marco Rossi]\nresponsibilities:\n");
        for id in &strategic[1..] {
            let _ = writeln!(pm, "  {id}: A");
        }
        pm.push_str("---\n");
        let head = format!(
            "---\nholders: [Priya Shah]\nresponsibilities:\n  {}: A\n---\n",
            strategic[0]
        );
        let (_ws, model) = model_of(&[
            (
                "roles/po.md",
                "---\nholders: [d]\nresponsibilities:\n  user-stories: A\n  sprint-goals: R\n  team-support: C\n  go-to-market: I\n---\n",
            ),
            ("roles/head-of-product.md", head.as_str()),
            ("roles/product-manager.md", pm.as_str()),
        ]);
        let index = index(&model);
        let po = Charter::of(&model, &index, &[], role(&model, "po")).focus;
        assert_eq!(
            (po.accountable, po.strategic, po.responsible, po.consulted, po.informed),
            (1, 0, 1, 1, 1)
        );
        assert_eq!((po.areas.len(), po.named), (1, 1));
        let owners: Vec<(&str, usize)> = po.strategic_owners.iter().map(|(r, n)| (r.id.as_str(), *n)).collect();
        assert_eq!(
            owners,
            [("head-of-product", 1), ("product-manager", strategic.len() - 1)]
        );
        assert_eq!(po.orphaned, 0);

        let pm = Charter::of(&model, &index, &[], role(&model, "product-manager")).focus;
        assert_eq!(pm.accountable, strategic.len() - 1);
        assert_eq!(pm.strategic, pm.accountable, "all of it strategic");
        assert_eq!(pm.areas.iter().map(|(_, n)| n).sum::<usize>(), pm.accountable);
        assert!(pm.areas.windows(2).all(|w| w[0].1 >= w[1].1), "{:?}", pm.areas);
        assert!((1..=3).contains(&pm.named));
        let shown: usize = pm.areas[..pm.named].iter().map(|(_, n)| n).sum();
        let before: usize = pm.areas[..pm.named - 1].iter().map(|(_, n)| n).sum();
        assert!(
            pm.named == 3 || shown * 4 >= pm.accountable * 3,
            "the named areas hold three quarters"
        );
        assert!(before * 4 < pm.accountable * 3, "and no area more than needed");
        assert_eq!(pm.strategic_owners.len(), 1);
        assert_eq!(pm.strategic_owners[0].0.id.value, "head-of-product");
    }

    /// The backlog a charter shows is the one the rules judge: the same items untraced,
    /// the same ones lacking criteria.
    #[test]
    fn the_backlog_owner_sees_what_the_rules_report() {
        let (ws, model) = model_of(&[
            (
                "roles/po.md",
                "---\nholders: [d]\nresponsibilities:\n  backlog-ordering: A\n---\n",
            ),
            ("backlog/a.md", "---\nid: A-1\nstatus: ready\n---\n"),
            (
                "backlog/b.md",
                "---\nid: A-2\nstatus: idea\n---\n## Acceptance criteria\n",
            ),
            ("backlog/c.md", "---\nid: A-3\nstatus: dropped\n---\n"),
        ]);
        let index = index(&model);
        let findings = crate::rules::run(&model, &index);
        let c = Charter::of(&model, &index, &findings, role(&model, "po"));
        let backlog = c.backlog.expect("it orders the backlog");
        let ids = |items: &[&crate::model::BacklogItem]| -> Vec<String> {
            items.iter().map(|i| i.id.value.to_string()).collect()
        };
        let reported =
            |rule: &str| -> Vec<String> { ws.findings(rule).into_iter().filter_map(|f| f.subject).collect() };
        assert_eq!(ids(&backlog.untraced), reported("untraced-item"));
        assert_eq!(ids(&backlog.untraced), ["A-1", "A-2"]);
        let missing: Vec<_> = backlog
            .missing_criteria
            .iter()
            .map(|(i, g)| (i.id.as_str(), *g))
            .collect();
        assert_eq!(missing, [("A-1", CriteriaGap::Due), ("A-2", CriteriaGap::EmptyHeading)]);
        assert_eq!(
            missing.iter().map(|(i, _)| (*i).to_string()).collect::<Vec<_>>(),
            reported("missing-acceptance-criteria")
        );
        assert!(c.definitions_of_done.is_empty(), "it keeps no Definition of Done");
        assert!(
            c.concerns.iter().all(|f| f.subject.as_deref() != Some("A-1")),
            "findings about items are not the role's"
        );
    }

    #[test]
    fn reports_and_concerns_are_about_the_role() {
        let (_ws, model) = model_of(&[
            ("roles/po.md", "---\nholders: []\nreports_to: cpo\n---\n"),
            ("roles/cpo.md", "---\nholders: [Priya]\n---\n"),
            ("roles/dev.md", "---\nholders: [x]\nreports_to: po\n---\n"),
        ]);
        let index = index(&model);
        let findings = crate::rules::run(&model, &index);
        let c = Charter::of(&model, &index, &findings, role(&model, "po"));
        assert_eq!(c.boss.map(|r| r.id.as_str()), Some("cpo"));
        assert_eq!(c.reports.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["dev"]);
        assert!(c.above.is_empty() && c.below.is_empty(), "no products declared");
        assert!(
            c.concerns.iter().any(|f| f.rule == "role-without-holder"),
            "{:?}",
            c.concerns
        );
        let in_charter = findings
            .iter()
            .filter(|f| f.location.as_ref().is_some_and(|l| &*l.file == "roles/po.md"))
            .count();
        assert!(in_charter > 0);
        assert!(c.concerns.len() >= in_charter);
        assert!(
            c.concerns.iter().all(|f| f.subject.as_deref() != Some("dev")),
            "{:?}",
            c.concerns
        );
    }
}
