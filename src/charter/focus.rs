//! The charter's opening focus: what the role owns, area by area, and who owns the
//! strategic work it does not.

use std::fmt::Write as _;

use super::facts::Focus;
use crate::escape::{code, markdown};
use crate::model::Role;
use crate::words::{and_list, plural};

/// One paragraph: the areas the role is accountable for, how much of the catalog it
/// owns and touches, and who owns the strategic work when it does not.
pub(super) fn focus(f: &Focus<'_>, no_part: bool) -> String {
    if no_part {
        return format!(
            "This charter gives the role no part in any of the {} in the catalog yet: \
             name some in its `responsibilities:`.",
            plural(f.total, "responsibility", "responsibilities")
        );
    }
    let mut s = owned(f);
    s.push_str(&strategic_owners(f));
    if f.orphaned > 0 {
        let _ = write!(
            s,
            " {} no owner at all: that is the work that slips first, and `pmpo check` lists it.",
            if f.orphaned == 1 {
                "1 strategic responsibility has".to_string()
            } else {
                format!("{} strategic responsibilities have", f.orphaned)
            }
        );
    }
    s
}

/// The focus paragraph's first sentences: the areas, what the role is accountable for,
/// and what else it takes part in.
fn owned(f: &Focus<'_>) -> String {
    let total = plural(f.total, "responsibility", "responsibilities");
    let named: Vec<String> = f.areas[..f.named].iter().map(|(a, _)| markdown(a)).collect();
    let breakdown = if f.areas.len() > 1 {
        let list: Vec<String> = f.areas.iter().map(|(a, n)| format!("{} {n}", markdown(a))).collect();
        format!(" ({})", list.join(", "))
    } else {
        String::new()
    };
    if f.accountable == 0 {
        return format!(
            "Your focus is **{}**, as one who does the work: you are accountable for none of the {total} \
             in the catalog, and you do the work on {}{breakdown}.",
            and_list(&named),
            f.responsible,
        );
    }
    let strategic = match f.strategic {
        0 => "none of them strategic".to_string(),
        n if n == f.accountable => "all of them strategic".to_string(),
        n => format!("{n} of them strategic"),
    };
    let mut s = format!(
        "Your focus is **{}**. You are accountable for {} of the {total} in the catalog{breakdown}, {strategic}.",
        and_list(&named),
        f.accountable,
    );
    let mut also = Vec::new();
    if f.responsible > 0 {
        also.push(format!(
            "do the work on {} that another role owns",
            plural(f.responsible, "responsibility", "responsibilities")
        ));
    }
    if f.consulted > 0 {
        also.push(format!("are consulted on {}", f.consulted));
    }
    if f.informed > 0 {
        also.push(format!("are kept informed of {}", f.informed));
    }
    if !also.is_empty() {
        let _ = write!(s, " Beyond what you own, you {}.", and_list(&also));
    }
    s
}

/// The focus paragraph's sentence on who owns the strategic responsibilities the role
/// does not; empty when it owns them all.
fn strategic_owners(f: &Focus<'_>) -> String {
    let belong = |n: usize| if n == 1 { "belongs" } else { "belong" };
    match &f.strategic_owners[..] {
        [] => String::new(),
        [(o, n)] => format!(
            " The {} you do not own {} to {}.",
            plural(*n, "strategic responsibility", "strategic responsibilities"),
            belong(*n),
            who(o)
        ),
        [(first, n), rest @ ..] => {
            let others: usize = f.strategic_owners.iter().map(|(_, n)| n).sum();
            // "2 belong to A and 11 to B": the verb goes with the first count only.
            let mut list = vec![format!("{n} {} to {}", belong(*n), who(first))];
            list.extend(rest.iter().map(|(o, n)| format!("{n} to {}", who(o))));
            format!(
                " Of the {others} strategic responsibilities you do not own, {}.",
                and_list(&list)
            )
        }
    }
}

/// A role as a reader meets it: its holders, then its id.
pub(super) fn who(role: &Role) -> String {
    if role.holders.is_empty() {
        format!("{} (no holder yet)", code(role.id.as_str()))
    } else {
        let names: Vec<String> = role.holders.iter().map(|h| markdown(h.as_str())).collect();
        format!("{} ({})", names.join(", "), markdown(role.id.as_str()))
    }
}
