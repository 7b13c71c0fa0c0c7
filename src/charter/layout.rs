//! A charter's facts written down as Markdown: the sections in their order, each value
//! from a document through [`crate::escape`]. Nothing here decides what a role owns or
//! what is missing; [`super::facts`] does.

use std::fmt::Write as _;

use super::facts::{Charter, Focus, Goals};
use super::prose::prose;
use crate::escape::{self, code, markdown};
use crate::facts::{CriteriaGap, Part, area_heading};
use crate::index::CoverageStatus;
use crate::model::{Model, Raci, Role, Scope};
use crate::seeds::{self, SCRUM_GUIDE};
use crate::words::plural;

/// A `source` entry as a reader sees it: a seed's article title in italics, the Scrum
/// Guide by its title and edition, anything else as written.
fn source(name: &str) -> String {
    if name == SCRUM_GUIDE.source {
        return format!("*{}*, {}", SCRUM_GUIDE.title, SCRUM_GUIDE.edition);
    }
    match seeds::by_source(name) {
        Some(seed) => format!("*{}*", markdown(seed.title)),
        None => markdown(name),
    }
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A role as a reader meets it: its holders, then its id.
fn who(role: &Role) -> String {
    if role.holders.is_empty() {
        format!("{} (no holder yet)", code(role.id.as_str()))
    } else {
        let names: Vec<String> = role.holders.iter().map(|h| markdown(h.as_str())).collect();
        format!("{} ({})", names.join(", "), markdown(role.id.as_str()))
    }
}

/// The charter of `c.role`, as Markdown: the heading and facts about the role, its
/// focus, its own words, what it takes part in letter by letter, then who owns the rest,
/// the goals, the backlog, the definition of done and the open concerns.
pub(crate) fn render(model: &Model, c: &Charter<'_>) -> String {
    let mut s = head(model, c);
    about(&mut s, model, c);
    s.push_str("## Your focus\n\n");
    s.push_str(&focus(&c.focus, c.parts.is_empty()));
    s.push_str("\n\n");
    let prose = prose(&c.role.body, &c.role.title);
    if !prose.is_empty() {
        let _ = writeln!(s, "## The role in its own words\n\n{prose}\n");
    }
    for (letter, heading, intro) in SECTIONS {
        part_section(&mut s, c, letter, heading, intro);
    }
    rest(&mut s, &c.parts);
    goals(&mut s, model, c);
    if let Some(backlog) = &c.backlog {
        backlog_section(&mut s, backlog);
    }
    definition_of_done(&mut s, model, c);
    concerns(&mut s, c);
    while s.ends_with("\n\n") {
        s.pop();
    }
    s
}

/// The marker line that says where the charter comes from, its title and first line.
fn head(model: &Model, c: &Charter<'_>) -> String {
    let id = c.role.id.as_str();
    let mut s = format!(
        "{} {id} from {}; edit that charter and generate it again. -->\n\n",
        super::MARKER,
        escape::html_comment(model.path(c.role.file))
    );
    let _ = writeln!(s, "# {}\n", markdown(&c.role.title));
    let _ = writeln!(
        s,
        "The onboarding charter of the {} role: what you own, what you do, whom you consult, \
         and who owns everything else.\n",
        code(id)
    );
    s
}

/// The list of facts about the role: who holds it, its type, whom it reports to and who
/// reports to it, where it serves, its team, and the file it is generated from.
fn about(s: &mut String, model: &Model, c: &Charter<'_>) {
    let role = c.role;
    let held = if role.holders.is_empty() {
        "nobody yet. Until someone holds this role, nothing it is accountable for counts as covered.".to_string()
    } else {
        let names: Vec<String> = role.holders.iter().map(|h| markdown(h.as_str())).collect();
        and_list(&names)
    };
    let _ = writeln!(s, "- **Held by:** {held}");
    if !role.typed_as_id() {
        let types: Vec<String> = role.types.iter().map(|t| code(t.as_str())).collect();
        let _ = writeln!(s, "- **Role type:** {}", types.join(", "));
    }
    let reports_to = match (&role.reports_to, c.boss) {
        (Some(_), Some(boss)) => who(boss),
        (Some(r), None) => format!("{} (no such role in this workspace)", code(r.as_str())),
        (None, _) => "nobody in this workspace".into(),
    };
    let _ = writeln!(s, "- **Reports to:** {reports_to}");
    if !model.config.scopes.is_empty() {
        scope_lines(s, model, c);
    }
    let reports: Vec<String> = c.reports.iter().map(|r| who(r)).collect();
    let reports = if reports.is_empty() {
        "nobody".to_string()
    } else {
        and_list(&reports)
    };
    let _ = writeln!(s, "- **Reporting to you:** {reports}");
    if let Some(size) = &role.team_size {
        let n = usize::try_from(size.value).unwrap_or(0);
        let _ = writeln!(s, "- **Works with:** {}", plural(n, "developer", "developers"));
    }
    let _ = writeln!(
        s,
        "- **Generated from:** {}: change the role there, not here\n",
        code(model.path(role.file))
    );
}

/// The sections of what the role takes part in, one a letter: its heading and the
/// sentence that opens it.
const SECTIONS: [(Raci, &str, &str); 4] = [
    (
        Raci::Accountable,
        "You are accountable for",
        "You own the outcome of each of these: it gets done, and done well, because you see to it, \
         whether you do the work yourself or someone else does.",
    ),
    (
        Raci::Responsible,
        "You do the work on",
        "Another role owns the outcome of each of these; you do (a share of) the work.",
    ),
    (
        Raci::Consulted,
        "You are consulted on",
        "You are asked for your view before these decisions are made.",
    ),
    (
        Raci::Informed,
        "You are kept informed of",
        "You are told about these decisions once they are made.",
    ),
];

/// The responsibilities the role takes part in as `letter`, area by area; nothing when
/// there are none.
fn part_section(s: &mut String, c: &Charter<'_>, letter: Raci, heading: &str, intro: &str) {
    let with = || c.parts.iter().filter(move |p| p.letter == letter);
    if with().next().is_none() {
        return;
    }
    let _ = writeln!(s, "## {heading}\n\n{intro}");
    let mut area = None;
    for p in with() {
        if area != Some(p.responsibility.area.as_str()) {
            area = Some(p.responsibility.area.as_str());
            let _ = writeln!(s, "\n### {}\n", markdown(&area_heading(&p.responsibility.area)));
        }
        s.push_str(&item(p, c.role.id.as_str()));
    }
    s.push('\n');
}

/// Which product and team the role serves, and which roles cover the levels above and
/// below it (FORMAT.md, "Products and teams"): only when products are declared.
fn scope_lines(s: &mut String, model: &Model, c: &Charter<'_>) {
    let name = |scope: Scope| -> String {
        match scope {
            None => "the whole workspace".into(),
            Some(i) => {
                let def = &model.config.scopes[i as usize];
                match def.product {
                    Some(p) => format!(
                        "the team {} of the product {}",
                        code(def.id.as_str()),
                        code(model.config.scopes[p].id.as_str())
                    ),
                    None => format!("the product {}", code(def.id.as_str())),
                }
            }
        }
    };
    let names = |role: &Role| -> String {
        let all: Vec<String> = role.scopes.iter().map(|&sc| name(sc)).collect();
        and_list(&all)
    };
    let _ = writeln!(s, "- **Serves:** {}", names(c.role));
    let listed = |roles: &[&Role]| -> Vec<String> {
        roles
            .iter()
            .map(|r| format!("{} ({})", code(r.id.as_str()), names(r)))
            .collect()
    };
    if !c.above.is_empty() {
        let _ = writeln!(s, "- **Above you:** {}", and_list(&listed(&c.above)));
    }
    if !c.beside.is_empty() {
        let _ = writeln!(s, "- **Beside you:** {}", and_list(&listed(&c.beside)));
    }
    if !c.below.is_empty() {
        let _ = writeln!(s, "- **Below you:** {}", and_list(&listed(&c.below)));
    }
}

/// One paragraph: the areas the role is accountable for, how much of the catalog it
/// owns and touches, and who owns the strategic work when it does not.
fn focus(f: &Focus<'_>, no_part: bool) -> String {
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

/// A list item: title, id, description, who else takes part (for what the role
/// owns), and where the responsibility comes from.
fn item(p: &Part<'_>, id: &str) -> String {
    let r = p.responsibility;
    let mut s = format!("- **{}** ({}).", markdown(&r.title), code(&r.id));
    if let Some(d) = r.description.as_deref().map(escape::one_line).filter(|d| !d.is_empty()) {
        let _ = write!(s, "\n  {}", markdown(&d));
    }
    if p.letter == Raci::Accountable {
        let others = |claims: &[crate::index::Claim<'_>]| -> Vec<String> {
            let mut seen: Vec<&str> = Vec::new();
            claims
                .iter()
                .filter(|c| c.role.id.value != id)
                .filter(|c| {
                    let fresh = !seen.contains(&c.role.id.as_str());
                    seen.push(c.role.id.as_str());
                    fresh
                })
                .map(|c| who(c.role))
                .collect()
        };
        let also = others(&p.coverage.accountable);
        if !also.is_empty() {
            let _ = write!(
                s,
                "\n  **Also accountable:** {}. Two owners is an overlap: agree on one.",
                and_list(&also)
            );
        }
        for (claims, before, after) in [
            (&p.coverage.responsible, "Work shared with ", ""),
            (&p.coverage.consulted, "Consult ", ""),
            (&p.coverage.informed, "Keep ", " informed"),
        ] {
            let list = others(claims);
            if !list.is_empty() {
                let _ = write!(s, "\n  {before}{}{after}.", and_list(&list));
            }
        }
    }
    if !r.source.is_empty() {
        let sources: Vec<String> = r.source.iter().map(|x| source(x)).collect();
        let label = if sources.len() == 1 { "Source" } else { "Sources" };
        let _ = write!(s, "\n  {label}: {}.", and_list(&sources));
    }
    s.push('\n');
    s
}

/// "Who owns the rest": for each responsibility the role takes part in without
/// owning it, the accountable role and its holders.
fn rest(s: &mut String, parts: &[Part<'_>]) {
    let others: Vec<&Part<'_>> = parts.iter().filter(|p| p.letter != Raci::Accountable).collect();
    if others.is_empty() {
        return;
    }
    s.push_str(
        "## Who owns the rest\n\nFor everything you take part in without owning it, the role that is \
         accountable: the one to go to for a decision.\n\n",
    );
    s.push_str("| Responsibility | Your part | Accountable | Held by |\n|---|:-:|---|---|\n");
    for p in others {
        let r = p.responsibility;
        let c = p.coverage;
        let (owner, held) = match c.status {
            CoverageStatus::Covered | CoverageStatus::Overlap => {
                let mut roles: Vec<String> = Vec::new();
                let mut holders: Vec<String> = Vec::new();
                for a in &c.accountable {
                    let id = escape::code_in_table(a.role.id.as_str());
                    if !roles.contains(&id) {
                        roles.push(id);
                        holders.extend(a.role.holders.iter().map(|h| markdown(h.as_str())));
                    }
                }
                let owner = if c.status == CoverageStatus::Overlap {
                    format!("{} (overlap)", roles.join(", "))
                } else {
                    roles.join(", ")
                };
                (owner, holders.join(", "))
            }
            CoverageStatus::Waived => ("nobody (waived)".into(), "—".into()),
            status => match c.accountable.first() {
                Some(a) => (
                    escape::code_in_table(a.role.id.as_str()),
                    format!("nobody — {}", status.as_str()),
                ),
                None => (format!("nobody — {}", status.as_str()), "—".into()),
            },
        };
        let _ = writeln!(
            s,
            "| {} ({}) | {} | {owner} | {held} |",
            markdown(&r.title),
            escape::code_in_table(&r.id),
            p.letter.letter()
        );
    }
    s.push_str("\nYour part: R you do (a share of) the work, C you are consulted, I you are kept informed.\n\n");
}

/// The vision's goals: the ones the role owns, or the ones its work serves; then the
/// roadmaps it keeps.
fn goals(s: &mut String, model: &Model, c: &Charter<'_>) {
    for Goals { vision, owned, owner } in &c.visions {
        let product = vision
            .product
            .as_deref()
            .map_or_else(|| "the product".to_string(), |p| format!("**{}**", markdown(p)));
        let file = code(model.path(vision.file));
        if *owned {
            let _ = writeln!(
                s,
                "## Goals you own\n\nYou own the vision of {product} ({file}) and the goals it sets:\n"
            );
        } else {
            let by = match owner {
                Some(r) => format!("owned by {} in {file}", who(r)),
                None => format!("in {file}"),
            };
            let _ = writeln!(
                s,
                "## Goals your work serves\n\nThe vision of {product}, {by}, sets these goals:\n"
            );
        }
        for g in &vision.goals {
            let _ = writeln!(s, "- **{}**: {}", markdown(g.id.as_str()), markdown(&g.title));
        }
        s.push('\n');
    }
    for roadmap in &c.roadmaps {
        let _ = writeln!(
            s,
            "## The roadmap you own\n\nYou keep the roadmap ({}) current:\n",
            code(model.path(roadmap.file))
        );
        for item in &roadmap.items {
            let when = item
                .when
                .as_deref()
                .map(|w| format!(" ({})", markdown(w)))
                .unwrap_or_default();
            let serves: Vec<String> = item.goals.iter().map(|g| markdown(g.as_str())).collect();
            let serves = if serves.is_empty() {
                String::new()
            } else {
                format!(", for {}", serves.join(", "))
            };
            let _ = writeln!(
                s,
                "- **{}**: {}{when}{serves}",
                markdown(item.id.as_str()),
                markdown(&item.title)
            );
        }
        s.push('\n');
    }
}

/// Up to ten ids, then how many more.
fn some_ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.collect();
    let mut shown: Vec<String> = ids.iter().take(10).map(|i| code(i)).collect();
    if ids.len() > 10 {
        shown.push(format!("{} more", ids.len() - 10));
    }
    and_list(&shown)
}

/// Backlog figures, for the role that orders the backlog.
fn backlog_section(s: &mut String, backlog: &crate::facts::Backlog<'_>) {
    let _ = writeln!(
        s,
        "## The backlog you order\n\nThe backlog holds {}.\n",
        plural(backlog.items, "item", "items")
    );
    if backlog.items == 0 {
        return;
    }
    s.push_str("| Status | Items |\n|---|--:|\n");
    for (status, n) in &backlog.by_status {
        let _ = writeln!(s, "| {} | {n} |", status.as_str());
    }
    s.push('\n');
    let untraced = &backlog.untraced;
    if untraced.is_empty() {
        s.push_str("Every item serves a goal of the vision. ");
    } else {
        let _ = write!(
            s,
            "{} no goal: {}. ",
            if untraced.len() == 1 {
                "1 item serves".to_string()
            } else {
                format!("{} items serve", untraced.len())
            },
            some_ids(untraced.iter().map(|i| i.id.as_str()))
        );
    }
    let due: Vec<&str> = backlog.missing(CriteriaGap::Due).map(|i| i.id.as_str()).collect();
    if due.is_empty() {
        s.push_str("Every item at `ready` or later has acceptance criteria.");
    } else {
        let _ = write!(
            s,
            "{} at `ready` or later without acceptance criteria: {}.",
            plural(due.len(), "item is", "items are"),
            some_ids(due.iter().copied())
        );
    }
    let empty: Vec<&str> = backlog
        .missing(CriteriaGap::EmptyHeading)
        .map(|i| i.id.as_str())
        .collect();
    if !empty.is_empty() {
        let _ = write!(
            s,
            " {} an \"Acceptance criteria\" heading with no list under it: {}.",
            plural(
                empty.len(),
                "item not yet ready or dropped has",
                "items not yet ready or dropped have"
            ),
            some_ids(empty.iter().copied())
        );
    }
    s.push_str("\n\n");
}

/// "The Definition of Done": each one in the workspace, with its criteria, for the roles
/// accountable for what it governs.
fn definition_of_done(s: &mut String, model: &Model, c: &Charter<'_>) {
    if c.definitions_of_done.is_empty() {
        return;
    }
    s.push_str(
        "## The Definition of Done\n\nEvery item meets these criteria before it is done; an item without \
         acceptance criteria of its own is held to them.\n",
    );
    for d in &c.definitions_of_done {
        let _ = write!(s, "\nFrom {}", code(model.path(d.file)));
        if let Some(scope) = &d.scope {
            let _ = write!(s, " (scope {})", code(scope.as_str()));
        }
        s.push_str(":\n\n");
        for c in &d.criteria {
            let _ = writeln!(s, "- {}", markdown(&escape::one_line(&c.value)));
        }
    }
    s.push('\n');
}

/// The findings about the role: in its charter, about its id, or about one of its
/// holders.
fn concerns(s: &mut String, c: &Charter<'_>) {
    s.push_str("## What `pmpo check` says about this role\n\n");
    if c.concerns.is_empty() {
        s.push_str("Nothing: no finding concerns this role.\n");
        return;
    }
    s.push_str("Errors fail the check and need fixing first, warnings should be fixed, and infos are notes.\n\n");
    for f in &c.concerns {
        let _ = write!(
            s,
            "- **{}** {}: {}",
            f.severity.as_str(),
            code(f.rule),
            escape::markdown_message(&f.message)
        );
        if let Some(l) = &f.location {
            let _ = write!(s, " ({})", code(&format!("{}:{}", l.file, l.span.line)));
        }
        if let Some(help) = &f.help {
            let _ = write!(
                s,
                "\n  What to do: {}.",
                escape::markdown_message(help).trim_end_matches('.')
            );
        }
        s.push('\n');
    }
    s.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Index;

    #[test]
    fn seeds_name_their_articles_and_other_sources_stay_as_written() {
        assert_eq!(
            source("001_75c572a96ce68998.txt"),
            "*Product Owner vs. Product Manager Exploration*"
        );
        assert_eq!(source("pricing_policy.md"), "pricing\\_policy.md");
        assert_eq!(source("Scrum Guide 2020"), "*The Scrum Guide*, November 2020");
    }

    /// The focus paragraph of `role`'s charter in a workspace of `files`.
    fn focus_of(files: &[(&str, &str)], role: &str) -> String {
        let ws = crate::rules::tests::workspace(files);
        let model = crate::load::load(&ws.root, &crate::rules::names()).unwrap();
        let index = Index::build(&model, crate::date::Date::parse("2026-11-26").unwrap());
        let role = model.roles.iter().find(|r| r.id.value == role).unwrap();
        let c = Charter::of(&model, &index, &[], role);
        focus(&c.focus, c.parts.is_empty())
    }

    /// Every shape the focus paragraph takes reads as an English sentence: no part, no
    /// ownership, ownership with R/C/I extras, strategic work owned by nobody else, by one
    /// role (one or several responsibilities) or by several, and orphaned work (one or more).
    #[test]
    fn every_focus_sentence_shape_reads_as_english() {
        let mut all_a = String::new();
        for r in crate::catalog::builtin().iter().filter(|r| r.strategic) {
            let _ = writeln!(all_a, "  {}: A", r.id);
        }
        // The head of product owns the catalog's first strategic responsibility.
        let head = "---\nholders: [Priya Shah]\nresponsibilities:\n  product-strategy: A\n---\n".to_string();
        let pm = format!("---\nholders: [Marco Rossi]\nresponsibilities:\n{all_a}---\n");
        let pm_without_strategy = pm.replace("  product-strategy: A\n", "");

        let none = focus_of(&[("roles/po.md", "---\nholders: [d]\n---\n")], "po");
        assert!(
            none.starts_with("This charter gives the role no part in any of the 27 responsibilities"),
            "{none}"
        );

        let worker = focus_of(
            &[(
                "roles/po.md",
                "---\nholders: [d]\nresponsibilities:\n  user-stories: R\n---\n",
            )],
            "po",
        );
        assert!(
            worker.contains(
                "you are accountable for none of the 27 responsibilities in the catalog, and you do the work on 1."
            ),
            "{worker}"
        );

        let one_owner_one = focus_of(
            &[
                (
                    "roles/po.md",
                    "---\nholders: [d]\nresponsibilities:\n  user-stories: A\n  sprint-goals: R\n  team-support: C\n  go-to-market: I\n---\n",
                ),
                (
                    "roles/cpo.md",
                    "---\nholders: [Priya Shah]\nresponsibilities:\n  product-vision: A\n---\n",
                ),
            ],
            "po",
        );
        assert!(one_owner_one.contains("Beyond what you own, you do the work on 1 responsibility that another role owns, are consulted on 1 and are kept informed of 1."), "{one_owner_one}");
        assert!(
            one_owner_one.contains("The 1 strategic responsibility you do not own belongs to Priya Shah (cpo)."),
            "{one_owner_one}"
        );
        assert!(
            one_owner_one.contains("strategic responsibilities have no owner at all"),
            "{one_owner_one}"
        );

        let two_owners = focus_of(
            &[
                (
                    "roles/po.md",
                    "---\nholders: [d]\nresponsibilities:\n  user-stories: A\n---\n",
                ),
                ("roles/head-of-product.md", head.as_str()),
                ("roles/product-manager.md", pm_without_strategy.as_str()),
            ],
            "po",
        );
        assert!(
            two_owners.contains("Of the 13 strategic responsibilities you do not own, 1 belongs to Priya Shah (head-of-product) and 12 to Marco Rossi (product-manager)."),
            "{two_owners}"
        );
        assert!(!two_owners.contains("no owner at all"), "{two_owners}");

        let one_owner_many = focus_of(
            &[
                (
                    "roles/po.md",
                    "---\nholders: [d]\nresponsibilities:\n  user-stories: A\n---\n",
                ),
                ("roles/product-manager.md", pm_without_strategy.as_str()),
            ],
            "po",
        );
        assert!(
            one_owner_many
                .contains("The 12 strategic responsibilities you do not own belong to Marco Rossi (product-manager)."),
            "{one_owner_many}"
        );
        assert!(
            one_owner_many.contains(" 1 strategic responsibility has no owner at all"),
            "{one_owner_many}"
        );

        let owns_all = focus_of(&[("roles/product-manager.md", pm.as_str())], "product-manager");
        assert!(owns_all.contains("all of them strategic."), "{owns_all}");
        assert!(!owns_all.contains("you do not own"), "{owns_all}");
    }

    #[test]
    fn lists_read_as_english() {
        let l = |v: &[&str]| and_list(&v.iter().map(|s| (*s).to_string()).collect::<Vec<_>>());
        assert_eq!(l(&[]), "");
        assert_eq!(l(&["a"]), "a");
        assert_eq!(l(&["a", "b"]), "a and b");
        assert_eq!(l(&["a", "b", "c"]), "a, b and c");
    }

    /// The backlog section names every item `missing-acceptance-criteria` reports: those
    /// at `ready` or later, and those before it under an empty criteria heading.
    #[test]
    fn the_backlog_section_names_what_the_criteria_rule_reports() {
        let ws = crate::rules::tests::workspace(&[
            (
                "roles/po.md",
                "---\nholders: [d]\nresponsibilities:\n  backlog-ordering: A\n---\n",
            ),
            ("backlog/a.md", "---\nid: A-1\nstatus: ready\ngoals: [G1]\n---\n"),
            (
                "backlog/b.md",
                "---\nid: A-2\nstatus: idea\ngoals: [G1]\n---\n## Acceptance criteria\n",
            ),
        ]);
        let model = crate::load::load(&ws.root, &crate::rules::names()).unwrap();
        let index = Index::build(&model, crate::date::Date::parse("2026-11-26").unwrap());
        let c = Charter::of(&model, &index, &[], &model.roles[0]);
        let page = render(&model, &c);
        assert!(
            page.contains(
                "Every item serves a goal of the vision. 1 item is at `ready` or later without acceptance \
                 criteria: `A-1`. 1 item not yet ready or dropped has an \"Acceptance criteria\" heading \
                 with no list under it: `A-2`.\n"
            ),
            "{page}"
        );
    }
}
