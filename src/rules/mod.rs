//! The rules, each a unit struct in its own file.
//!
//! `rule.rs` is what every rule is written against (the [`Rule`] trait, its [`RuleMeta`]
//! and the [`Context`] it reports through), `shared.rs` holds the bodies several rules
//! share, and `registry.rs` is the one list of the rules, the selection `--select` and
//! `--ignore` make, and the run. A rule imports `rule.rs` and `shared.rs`; only the
//! registry names the rules. `docs.rs` lays the rules' explanations out.

pub(crate) mod docs;
mod registry;
mod rule;
mod shared;

mod acceptance_by_non_owner;
mod accountable_committee;
mod catalog_not_in_force;
mod combined_roles;
mod duplicate_id;
pub(crate) mod empty_workspace;
mod expired_waiver;
mod goal_without_work;
mod holder_leaving;
mod invalid_field;
mod missing_acceptance_criteria;
mod missing_vision;
mod multiple_accountable;
mod order_conflict;
mod orphaned_strategic;
mod overloaded_person;
mod parse_error;
mod placeholder_holder;
mod reporting_cycle;
mod role_without_holder;
mod scope_mismatch;
mod shared_responsibility;
mod stray_charter;
mod team_too_large;
mod unchecked_criteria;
mod unexpected_owner;
mod unknown_goal;
mod unknown_person;
mod unknown_responsibility;
mod unknown_role;
mod unknown_scope;
mod unowned;
mod untraced_item;
mod unused_waiver;
mod vision_owner_mismatch;

pub use registry::names;
pub(crate) use registry::{RULES, Selection, find, run, run_selected};
pub(crate) use rule::RuleMeta;

/// The fixture harness (a workspace from in-memory files) that rule and report tests share.
#[cfg(test)]
pub(crate) use registry::tests;
