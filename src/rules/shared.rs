//! Rule bodies that more than one rule shares.

use super::rule::Context;
use crate::index::CoverageStatus;
use crate::model::{ProblemKind, ScopeLevel};

/// Report the loader's problems of one kind about whole documents, as they were
/// recorded: the body of `parse-error` and `invalid-field`.
pub(super) fn report_problems(cx: &mut Context<'_>, kind: ProblemKind) {
    let model = cx.model;
    for p in model.problems.iter().filter(|p| p.kind == kind) {
        let f = cx.report(Some(p.loc), p.message.clone());
        f.subject(model.path(p.loc.file));
        // Every finding says what to do: a problem the loader gave no help of its own
        // gets the one of its kind.
        match &p.help {
            Some(help) => {
                f.help(help.clone());
            }
            None if kind == ProblemKind::Parse => {
                f.help("fix the file here so that it reads as YAML (`pmpo explain parse-error` shows the usual causes); the rest of the workspace is checked meanwhile");
            }
            None => {
                f.help("correct the field here; docs/fields.md lists the fields of every document kind");
            }
        }
    }
}

/// The shared body of `orphaned-strategic` and `unowned`: report each responsibility
/// whose status is `status`, pointing at the best place there is.
pub(super) fn report_uncovered(cx: &mut Context<'_>, status: CoverageStatus) {
    let model = cx.model;
    let index = cx.index;
    for c in index.coverage.iter().filter(|c| c.status == status) {
        let resp = &model.catalog.responsibilities[c.responsibility];
        let id = resp.id.as_str();
        let (loc, message, label) = match c.accountable.first() {
            Some(claim) => (
                Some(claim.assignment.responsibility.loc),
                match model.left_note(&claim.role.id.value) {
                    Some(note) => format!(
                        "{id} is accountable to {}, which has no holder ({note})",
                        claim.role.id.value
                    ),
                    None => format!("{id} is accountable to {}, which has no holder", claim.role.id.value),
                },
                "accountable role without a holder",
            ),
            None => (
                c.claims()
                    .next()
                    .map(|cl| cl.assignment.responsibility.loc)
                    .or(resp.loc),
                format!("{id} has no accountable role"),
                "named here, but no role is accountable",
            ),
        };
        // With products, each product or team missing it is a gap of its own.
        let message = match model.scope_id(c.scope) {
            Some(scope) => format!("{message} in `{scope}`"),
            None => message,
        };
        let expected_role = resp
            .expected
            .as_ref()
            .and_then(|e| index.role_of_type(model, e.as_str(), c.scope))
            .filter(|r| !(resp.level == ScopeLevel::Product && r.scopes.iter().all(|&s| model.is_team(s))));
        let help = match (expected_role, c.accountable.first()) {
            (_, Some(claim)) => format!(
                "add a holder to `{}`, or make a held role accountable",
                claim.role.id.value
            ),
            (Some(role), None) => {
                format!(
                    "add `{id}: A` to the `{}` charter ({})",
                    role.id.value,
                    model.path(role.file)
                )
            }
            _ => match model.scope_id(c.scope) {
                Some(scope) => format!("add `{id}: A` to a role charter that serves `{scope}`"),
                None => format!("add `{id}: A` to a role charter"),
            },
        };
        let help = match model.unread_roles_note() {
            Some(note) => format!("{note}; otherwise {help}"),
            None => help,
        };
        let f = cx.report(loc, message);
        f.subject(id).scope(model.scope_id(c.scope)).help(help);
        if loc.is_some() {
            f.label(label);
        }
    }
}
