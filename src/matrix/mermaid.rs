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
    draw(&lanes(m))
}

/// The lanes in order: half the sole owners, the shared rows, the other owners, then
/// the rows no one owns.
fn lanes(m: &Matrix<'_>) -> Vec<Lane> {
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
    lanes
}

/// The flowchart: one subgraph a lane, one node an area, then the lanes' styles.
fn draw(lanes: &[Lane]) -> String {
    let mut s = String::from("flowchart LR\n");
    for lane in lanes {
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
    for lane in lanes {
        let _ = writeln!(s, "  style {} {}", lane.id, lane.style);
    }
    s
}

/// The most a diagram may have: Mermaid refuses one longer than its `maxTextSize`
/// (50,000 by default) with "Maximum text size in diagram exceeded"; 5,000 are left for a
/// page that adds a line or a viewer that counts differently.
pub(crate) const MAX_CHARS: usize = 45_000;

/// Length as Mermaid counts it: JavaScript's UTF-16 units.
fn js_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// A rendered flowchart cut to [`MAX_CHARS`], when it is longer, with the notice that says
/// so: each area node keeps its responsibilities for as long as there is room, then says
/// how many more it has, and a node at the top says what was cut and what to use instead.
/// `None` when the diagram fits. The cut works on lines [`render`] writes, so it keeps
/// every subgraph, link and style, and the result stays one valid diagram.
#[must_use]
pub(crate) fn within_limit(text: &str) -> Option<(String, String)> {
    if js_len(text) <= MAX_CHARS {
        return None;
    }
    let is_node = |l: &str| l.starts_with("    ") && l.contains("[\"<b>") && l.ends_with("\"]");
    // (head up to the first `<br/>`, entries) of a node line.
    let split = |l: &str| -> (String, Vec<String>) {
        let body = &l[..l.len() - 2];
        match body.split_once("<br/>") {
            Some((head, rest)) => (head.to_string(), rest.split("<br/>").map(str::to_string).collect()),
            None => (body.to_string(), Vec::new()),
        }
    };
    let total: usize = text.lines().filter(|l| is_node(l)).map(|l| split(l).1.len()).sum();
    let notice = |shown: usize| {
        format!(
            "Cut to stay within Mermaid's 50,000-character limit: {shown} of {total} responsibilities shown. \
             For all of them, use `pmpo matrix --scope ID` for one product or team, or \
             `--format svg`, `markdown` or `csv`."
        )
    };
    let notice_line = |shown: usize| format!("  cut[\"<b>{}</b>\"]\n", escape::mermaid_text(&notice(shown)));
    let fixed: usize = text.lines().filter(|l| !is_node(l)).map(|l| js_len(l) + 1).sum();
    let mut room = MAX_CHARS.saturating_sub(fixed + js_len(&notice_line(total)));
    let more = |n: usize| format!("<br/>… {n} more");
    let mut body = String::new();
    let mut shown = 0;
    for line in text.lines() {
        if !is_node(line) {
            body.push_str(line);
            body.push('\n');
            continue;
        }
        let (head, entries) = split(line);
        let tail = js_len(&more(entries.len())) + 3;
        if js_len(&head) + tail > room {
            // Not even the heading fits: the node goes (its links still name its id).
            continue;
        }
        let mut node = head;
        let mut kept = 0;
        for entry in &entries {
            if js_len(&node) + 5 + js_len(entry) + tail > room {
                break;
            }
            node.push_str("<br/>");
            node.push_str(entry);
            kept += 1;
        }
        if kept < entries.len() {
            node.push_str(&more(entries.len() - kept));
        }
        node.push_str("\"]\n");
        room = room.saturating_sub(js_len(&node));
        shown += kept;
        body.push_str(&node);
    }
    let (first, rest) = body.split_once('\n').unwrap_or((&body, ""));
    let cut = format!("{first}\n{}{rest}", notice_line(shown));
    Some((cut, notice(shown)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagram(areas: usize, per_area: usize) -> String {
        let mut s = String::from("flowchart LR\n  subgraph owner0[\"Only\"]\n    direction TB\n");
        for a in 0..areas {
            let rows: Vec<String> = (0..per_area).map(|i| format!("responsibility-{a}-{i}")).collect();
            let _ = writeln!(s, "    owner0_{a}[\"<b>Area {a}</b><br/>{}\"]", rows.join("<br/>"));
        }
        s.push_str("  end\n  owner0 ~~~ nobody\n  style owner0 fill:#eaf2fb\n");
        s
    }

    #[test]
    fn a_diagram_within_the_limit_is_left_alone() {
        assert!(within_limit(&diagram(3, 10)).is_none());
    }

    #[test]
    fn a_long_diagram_is_cut_with_a_notice_and_keeps_its_structure() {
        let long = diagram(4, 5_000);
        assert!(js_len(&long) > 50_000);
        let (cut, notice) = within_limit(&long).unwrap();
        assert!(js_len(&cut) <= MAX_CHARS, "{}", js_len(&cut));
        assert!(cut.starts_with("flowchart LR\n  cut[\"<b>Cut to stay within"));
        assert!(notice.contains("of 20000 responsibilities shown"), "{notice}");
        assert!(notice.contains("--scope"));
        for kept in [
            "  subgraph owner0",
            "    direction TB",
            "  end",
            "  owner0 ~~~ nobody",
            "  style owner0",
        ] {
            assert!(cut.contains(kept), "{kept}");
        }
        let shown: usize = notice.split(' ').find_map(|w| w.parse().ok()).unwrap();
        assert_eq!(cut.matches("responsibility-").count(), shown);
        assert!(cut.contains(" more\"]"));
        assert!(cut.lines().all(|l| !l.contains("<br/>") || l.ends_with("\"]")));
    }
}
