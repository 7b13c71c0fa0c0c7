//! The registry: every rule in the order of CLI.md's table, the selection
//! `--select` and `--ignore` make, and the run. This is the one file that names the
//! rules' types.

use super::rule::{Context, Rule};
use super::{
    acceptance_by_non_owner, accountable_committee, catalog_not_in_force, combined_roles, duplicate_id,
    empty_workspace, expired_waiver, goal_without_work, holder_leaving, invalid_field, missing_acceptance_criteria,
    missing_vision, multiple_accountable, order_conflict, orphaned_strategic, overloaded_person, parse_error,
    placeholder_holder, reporting_cycle, role_without_holder, scope_mismatch, shared_responsibility, stray_charter,
    team_too_large, unchecked_criteria, unexpected_owner, unknown_goal, unknown_person, unknown_responsibility,
    unknown_role, unknown_scope, unowned, untraced_item, unused_waiver, vision_owner_mismatch,
};
use crate::config::Level;
use crate::finding::Finding;
use crate::index::Index;
use crate::model::Model;

/// Every rule, in the order of CLI.md's table.
pub(crate) static RULES: &[&dyn Rule] = &[
    &empty_workspace::EmptyWorkspace,
    &parse_error::ParseError,
    &invalid_field::InvalidField,
    &duplicate_id::DuplicateId,
    &unknown_responsibility::UnknownResponsibility,
    &unknown_role::UnknownRole,
    &orphaned_strategic::OrphanedStrategic,
    &unowned::Unowned,
    &multiple_accountable::MultipleAccountable,
    &expired_waiver::ExpiredWaiver,
    &unused_waiver::UnusedWaiver,
    &shared_responsibility::SharedResponsibility,
    &role_without_holder::RoleWithoutHolder,
    &unexpected_owner::UnexpectedOwner,
    &overloaded_person::OverloadedPerson,
    &combined_roles::CombinedRoles,
    &team_too_large::TeamTooLarge,
    &reporting_cycle::ReportingCycle,
    &missing_vision::MissingVision,
    &vision_owner_mismatch::VisionOwnerMismatch,
    &unknown_goal::UnknownGoal,
    &untraced_item::UntracedItem,
    &goal_without_work::GoalWithoutWork,
    &missing_acceptance_criteria::MissingAcceptanceCriteria,
    &order_conflict::OrderConflict,
    &acceptance_by_non_owner::AcceptanceByNonOwner,
    &unknown_scope::UnknownScope,
    &scope_mismatch::ScopeMismatch,
    &accountable_committee::AccountableCommittee,
    &unchecked_criteria::UncheckedCriteria,
    &stray_charter::StrayCharter,
    &catalog_not_in_force::CatalogNotInForce,
    &placeholder_holder::PlaceholderHolder,
    &unknown_person::UnknownPerson,
    &holder_leaving::HolderLeaving,
];

/// The names `pmpo.yaml` may configure.
#[must_use]
pub fn names() -> Vec<&'static str> {
    RULES.iter().map(|r| r.meta().name).collect()
}

/// A rule by name.
#[must_use]
pub(crate) fn find(name: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().name == name)
}

/// Which rules `--select` and `--ignore` leave running. They act on top of `rules:` in
/// `pmpo.yaml`: a rule switched off there stays off, and its configured severity holds.
#[derive(Debug, Default, Clone)]
pub(crate) struct Selection {
    /// Empty: every rule.
    select: Vec<&'static str>,
    ignore: Vec<&'static str>,
}

impl Selection {
    /// Read the names given on the command line.
    ///
    /// # Errors
    /// A name that is no rule: exit 2, with a did-you-mean.
    pub(crate) fn parse(select: &[String], ignore: &[String]) -> Result<Selection, crate::error::ToolError> {
        // Every unknown name at once, each with its own suggestion.
        let resolve = |flag: &str, names: &[String]| -> Result<Vec<&'static str>, crate::error::ToolError> {
            let mut out = Vec::new();
            let mut unknown = Vec::new();
            for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                match find(name) {
                    Some(rule) => out.push(rule.meta().name),
                    None => unknown.push(name),
                }
            }
            if unknown.is_empty() {
                return Ok(out);
            }
            let quoted: Vec<String> = unknown.iter().map(|n| format!("`{n}`")).collect();
            let message = match quoted.as_slice() {
                [one] => format!("`{flag}` names {one}, which is no rule"),
                many => format!("`{flag}` names {}, which are no rules", many.join(", ")),
            };
            let hints: Vec<String> = unknown
                .iter()
                .filter_map(|n| crate::suggest::hint(n, names_iter()).map(|h| format!("`{n}`: {h}")))
                .collect();
            let help = match (unknown.as_slice(), hints.is_empty()) {
                ([one], _) => crate::suggest::hint(one, names_iter()),
                (_, false) => Some(hints.join("; ")),
                (_, true) => None,
            };
            Err(crate::error::ToolError::Usage {
                message,
                help: help.or_else(|| Some("`pmpo rules` lists them".into())),
            })
        };
        let select = resolve("--select", select)?;
        Ok(Selection {
            select,
            ignore: resolve("--ignore", ignore)?,
        })
    }

    #[must_use]
    pub(crate) fn runs(&self, name: &str) -> bool {
        (self.select.is_empty() || self.select.contains(&name)) && !self.ignore.contains(&name)
    }
}

fn names_iter() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|r| r.meta().name)
}

/// Run every rule that is not switched off; findings come back sorted.
#[must_use]
pub(crate) fn run(model: &Model, index: &Index<'_>) -> Vec<Finding> {
    run_selected(model, index, &Selection::default())
}

/// Run the rules `selection` leaves and `pmpo.yaml` does not switch off.
#[must_use]
pub(crate) fn run_selected(model: &Model, index: &Index<'_>, selection: &Selection) -> Vec<Finding> {
    let mut cx = Context::new(model, index, RULES[0].meta());
    for rule in RULES {
        let meta = rule.meta();
        if !selection.runs(meta.name) {
            continue;
        }
        let configured = match model.config.rules.get(meta.name) {
            Some(Level::Off) => continue,
            Some(Level::On(s)) => Some(*s),
            None => None,
        };
        cx.start(meta, configured);
        rule.check(&mut cx);
    }
    let mut findings = cx.into_findings();
    crate::finding::sort(&mut findings);
    findings
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_kebab_case_and_explained() {
        let mut seen = HashSet::new();
        for rule in RULES {
            let m = rule.meta();
            assert!(seen.insert(m.name), "duplicate rule {}", m.name);
            assert!(crate::fields::IdSyntax::Kebab.accepts(m.name), "{}", m.name);
            for (heading, text) in m.sections() {
                // The layout adds the headings and the blank lines between sections.
                assert!(
                    !text.is_empty() && text.trim() == text,
                    "{}: {heading} is empty or starts or ends with white space",
                    m.name
                );
                // A heading of its own would nest differently in `explain` and docs/rules.md,
                // whose section headings differ in level; in a fenced example it is text.
                let mut fenced = false;
                for line in text.lines() {
                    if line.trim_start().starts_with("```") {
                        fenced = !fenced;
                    }
                    assert!(
                        fenced || !line.starts_with('#'),
                        "{}: {heading} holds a heading",
                        m.name
                    );
                }
                assert!(!fenced, "{}: {heading} leaves a fence open", m.name);
            }
            assert!(!m.summary.is_empty());
        }
    }

    #[test]
    fn every_rule_of_the_spec_is_registered_with_its_default() {
        let spec = include_str!("../../tests/spec/CLI.md");
        let pending: Vec<&str> = include_str!("../../tests/spec/PENDING")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let mut in_table = 0;
        for line in spec.lines() {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            if cells.len() < 4 || !cells[1].starts_with('`') {
                continue;
            }
            let name = cells[1].trim_matches('`');
            let default = cells[2];
            if !matches!(default, "error" | "warning" | "info") || pending.contains(&name) {
                continue;
            }
            in_table += 1;
            let rule = find(name).unwrap_or_else(|| panic!("rule {name} of CLI.md is not registered"));
            assert_eq!(rule.meta().default.as_str(), default, "{name}");
        }
        assert_eq!(in_table, RULES.len(), "CLI.md and the registry list the same rules");
    }

    /// `text` as a YAML double-quoted string, every non-printable character escaped so
    /// that the control characters reach the model (raw ones are no valid YAML).
    fn quoted(text: &str) -> String {
        let mut out = String::from("\"");
        for c in text.chars() {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                out.push(c);
            } else {
                let _ = std::fmt::Write::write_fmt(&mut out, format_args!("\\U{:08x}", u32::from(c)));
            }
        }
        out.push('"');
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// Whatever a document holds, no finding's text carries a control character
        /// (or a bidirectional override) to whichever format shows it.
        #[test]
        fn no_finding_text_holds_a_control_character(
            a in "[a-z\\x00-\\x1f\\x7f\\u{202e}\\u{2066} -]{1,12}",
            b in "[a-z\\x00-\\x1f\\x7f\\u{9b} -]{1,12}",
        ) {
            let (qa, qb) = (quoted(&a), quoted(&b));
            let role = format!(
                "---\ntitle: {qa}\nholders: [{qb}, {qa}]\nreports_to: {qb}\nteam_size: {qa}\nresponsibilities:\n  {qa}: A\n  user-stories: {qb}\n---\n"
            );
            let vision = format!("---\nowner: {qa}\ngoals:\n  - id: {qb}\n    title: {qa}\n---\n");
            let item = format!(
                "---\nid: {qa}\ntitle: {qb}\nstatus: {qa}\norder: 1\ngoals: [{qb}]\naccepted_by: {qa}\n---\n"
            );
            let raw = format!("---\nid: X-1\ntitle: {a}\nstatus: {b}\n---\n");
            let ws = workspace(&[
                ("roles/po.md", role.as_str()),
                ("roles/second.md", role.as_str()),
                ("vision.md", vision.as_str()),
                ("backlog/a.md", item.as_str()),
                ("backlog/b.md", item.as_str()),
                ("backlog/raw.md", raw.as_str()),
            ]);
            let findings = ws.all_findings();
            proptest::prop_assert!(!findings.is_empty());
            let bad = |t: &str| t.chars().any(|c| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'));
            for f in &findings {
                let texts = [Some(f.message.as_str()), f.help.as_deref(), f.label.as_deref(), f.subject.as_deref()]
                    .into_iter()
                    .flatten()
                    .chain(f.related.iter().map(|(_, t)| t.as_str()))
                    .chain(f.location.iter().map(|l| l.file.as_ref()));
                for t in texts {
                    proptest::prop_assert!(!bad(t), "{}: {:?}", f.rule, t);
                }
            }
        }
    }

    /// A model from in-memory files, for rule unit tests.
    pub(crate) fn workspace(files: &[(&str, &str)]) -> tempdir::Workspace {
        tempdir::Workspace::new(files)
    }

    pub(crate) mod tempdir {
        use std::path::PathBuf;

        /// A throwaway workspace directory, removed on drop.
        pub(crate) struct Workspace {
            pub root: PathBuf,
        }

        impl Workspace {
            pub(crate) fn new(files: &[(&str, &str)]) -> Workspace {
                use std::sync::atomic::{AtomicUsize, Ordering};
                static N: AtomicUsize = AtomicUsize::new(0);
                let root = std::env::temp_dir().join(format!(
                    "pmpo-unit-{}-{}",
                    std::process::id(),
                    N.fetch_add(1, Ordering::SeqCst)
                ));
                let _ = std::fs::remove_dir_all(&root);
                for (path, text) in files {
                    let p = root.join(path);
                    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
                    std::fs::write(p, text).unwrap();
                }
                std::fs::create_dir_all(&root).unwrap();
                Workspace { root }
            }

            /// Every finding of every rule.
            pub(crate) fn all_findings(&self) -> Vec<crate::finding::Finding> {
                let mut model = crate::load::load(&self.root, &super::names()).expect("loads");
                let today = crate::date::Date::parse("2026-11-26").unwrap();
                model.depart(today, &[]);
                let index = crate::index::Index::build(&model, today);
                super::run(&model, &index)
            }

            /// Findings of one rule, as `(rule, message)`.
            pub(crate) fn findings(&self, rule: &str) -> Vec<crate::finding::Finding> {
                let mut model = crate::load::load(&self.root, &super::names()).expect("loads");
                let today = crate::date::Date::parse("2026-11-26").unwrap();
                model.depart(today, &[]);
                let index = crate::index::Index::build(&model, today);
                super::run(&model, &index)
                    .into_iter()
                    .filter(|f| f.rule == rule)
                    .collect()
            }
        }

        impl Drop for Workspace {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.root);
            }
        }
    }
}
