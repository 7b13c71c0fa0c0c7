//! `--format mermaid`: the split of accountability as a flowchart GitHub renders.
//!
//! Every responsibility lands in one lane: "Sole owner: TITLE (holders)" for each role that is
//! accountable for something alone, "Shared" when a second role also does the work
//! (`R`) or is accountable too, and "No one owns" when no held role is accountable.
//! With two owning roles (the product manager and the product owner) the shared lane
//! sits between them, so the picture reads as the split the seed articles describe.
//! Inside a lane, one node per area lists its responsibilities, one a line; the nodes
//! are chained with invisible links so that each lane is a column, and the lanes are
//! chained left to right. Node ids are generated (`owner1_0`, `shared_0`, …), so no id
//! can collide with Mermaid's keywords; every label goes through [`escape::mermaid`].

use std::fmt::Write as _;

use super::{Matrix, Row, area_heading};
use crate::escape;
use crate::index::CoverageStatus;
use crate::model::Raci;

/// Where a responsibility falls in the split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    /// Only the role in this column owns it.
    Only(usize),
    Shared,
    Nobody,
}

#[must_use]
pub(crate) fn side(row: &Row<'_>) -> Side {
    match row.status {
        CoverageStatus::Covered => {
            let accountable: Vec<usize> = row.columns(Raci::Accountable).collect();
            match accountable[..] {
                [only] if row.columns(Raci::Responsible).next().is_none() => Side::Only(only),
                _ => Side::Shared,
            }
        }
        CoverageStatus::Overlap => Side::Shared,
        CoverageStatus::Orphaned | CoverageStatus::Unowned | CoverageStatus::Waived => Side::Nobody,
    }
}

struct Lane {
    id: String,
    label: String,
    style: &'static str,
    /// (area, lines) in area order: one node each.
    areas: Vec<(String, Vec<String>)>,
}

/// The rows of one lane grouped by area, each row as the line `line` makes of it.
fn by_area(
    m: &Matrix<'_>,
    keep: impl Fn(&Row<'_>) -> bool,
    line: impl Fn(&Row<'_>) -> String,
) -> Vec<(String, Vec<String>)> {
    m.groups
        .iter()
        .map(|g| {
            let lines: Vec<String> = g.rows.iter().filter(|r| keep(r)).map(&line).collect();
            (area_heading(g.area), lines)
        })
        .filter(|(_, lines)| !lines.is_empty())
        .collect()
}

#[must_use]
pub(crate) fn render(m: &Matrix<'_>) -> String {
    let owners: Vec<usize> = (0..m.roles.len())
        .filter(|&col| m.rows().any(|r| side(r) == Side::Only(col)))
        .collect();
    // `Row::label` itself is not general over the row's lifetime, so a closure.
    #[allow(clippy::redundant_closure_for_method_calls)]
    let owner_lane = |col: usize| {
        let role = m.roles[col];
        let holders: Vec<&str> = role.holders.iter().map(crate::model::Sp::as_str).collect();
        let label = if holders.is_empty() {
            format!("Sole owner: {}", role.title)
        } else {
            format!("Sole owner: {} ({})", role.title, holders.join(", "))
        };
        Lane {
            id: format!("owner{col}"),
            label: escape::mermaid(&label),
            style: "fill:#eaf2fb,stroke:#2e6da4",
            areas: by_area(m, |r| side(r) == Side::Only(col), |r| r.label()),
        }
    };
    let shared = Lane {
        id: "shared".into(),
        label: escape::mermaid("Shared"),
        style: "fill:#fff6e0,stroke:#c98a00",
        areas: by_area(
            m,
            |r| side(r) == Side::Shared,
            |r| {
                let who = |letter: Raci| {
                    let ids: Vec<&str> = r.columns(letter).map(|c| m.roles[c].id.as_str()).collect();
                    (!ids.is_empty()).then(|| format!("{} {}", letter.letter(), ids.join(", ")))
                };
                let split: Vec<String> = [Raci::Accountable, Raci::Responsible]
                    .into_iter()
                    .filter_map(who)
                    .collect();
                format!("{}: {}", r.label(), split.join(" · "))
            },
        ),
    };
    let nobody = Lane {
        id: "nobody".into(),
        label: escape::mermaid("No one owns"),
        style: "fill:#fdecea,stroke:#c0392b",
        areas: by_area(
            m,
            |r| side(r) == Side::Nobody,
            |r| {
                let id = &r.label();
                match (r.status, r.columns(Raci::Accountable).next()) {
                    (CoverageStatus::Waived, _) => format!("{id} (waived)"),
                    (_, Some(col)) => format!("{id} ({} has no holder)", m.roles[col].id.as_str()),
                    _ => id.clone(),
                }
            },
        ),
    };
    let half = owners.len().div_ceil(2);
    let mut lanes: Vec<Lane> = owners[..half].iter().map(|&c| owner_lane(c)).collect();
    lanes.push(shared);
    lanes.extend(owners[half..].iter().map(|&c| owner_lane(c)));
    lanes.push(nobody);

    let mut s = String::from("flowchart LR\n");
    for lane in &lanes {
        let _ = writeln!(s, "  subgraph {}[{}]\n    direction TB", lane.id, lane.label);
        if lane.areas.is_empty() {
            let _ = writeln!(s, "    {}_none[\"nothing\"]", lane.id);
        }
        let mut chain = Vec::new();
        for (i, (area, rows)) in lane.areas.iter().enumerate() {
            let id = format!("{}_{i}", lane.id);
            let rows: Vec<String> = rows.iter().map(|l| escape::mermaid_text(l)).collect();
            let _ = writeln!(
                s,
                "    {id}[\"<b>{}</b><br/>{}\"]",
                escape::mermaid_text(area),
                rows.join("<br/>")
            );
            chain.push(id);
        }
        if chain.len() > 1 {
            let _ = writeln!(s, "    {}", chain.join(" ~~~ "));
        }
        s.push_str("  end\n");
    }
    let ids: Vec<&str> = lanes.iter().map(|l| l.id.as_str()).collect();
    let _ = writeln!(s, "  {}", ids.join(" ~~~ "));
    for lane in &lanes {
        let _ = writeln!(s, "  style {} {}", lane.id, lane.style);
    }
    s
}
