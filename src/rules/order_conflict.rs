//! `order-conflict`: two backlog items with the same `order`.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::model::{BacklogItem, Scope};

pub(super) struct OrderConflict;

static META: RuleMeta = RuleMeta {
    name: "order-conflict",
    default: Severity::Warning,
    summary: "two backlog items with the same `order`",
    finds: "Two or more backlog items still to be done with the same `order` (or Backlog.md `ordinal`,
when `order` is absent). Done, accepted and dropped items (archived Backlog.md tasks among
them) are off the board: their rank orders nothing.

Only items of one scope are compared: with teams declared in `pmpo.yaml`, each team's
backlog has its own order, and two teams may both rank an item 10.",
    why: "Ordering the backlog is the product owner's accountability, and an order is a decision:
which comes first. A tie is a decision not taken, left to whoever picks next.",
    example: "```yaml
# backlog/CHK-101.md          # backlog/CHK-102.md
order: 10                     order: 10
```",
    fix: "Give each item its own rank; leave gaps (10, 20, 30) so that new items fit between.",
};

impl Rule for OrderConflict {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        // Ranks are numbers (62.5 and 62.50 are one rank); finite by the loader, and -0
        // is 0. Each scope's backlog has its own order: two teams may both rank an item
        // 10. Positions sorted by (scope, rank) put a shared rank's items side by side,
        // in backlog order, without a map over 100,000 items.
        let key = |i: &BacklogItem| i.order.as_ref().map(|o| (i.at, (o.value + 0.0).to_bits()));
        // Finished and dropped items are off the board: their rank orders nothing.
        let mut ranked: Vec<usize> = (0..model.items.len())
            .filter(|&i| model.items[i].order.is_some() && !model.items[i].status.is_finished())
            .collect();
        ranked.sort_unstable_by_key(|&i| (key(&model.items[i]), i));
        let mut groups: Vec<(Scope, f64, Vec<&BacklogItem>)> = ranked
            .chunk_by(|&a, &b| key(&model.items[a]) == key(&model.items[b]))
            .filter(|same| same.len() > 1)
            .filter_map(|same| {
                let first = &model.items[same[0]];
                let (scope, _) = key(first)?;
                let order = first.order.as_ref()?.value;
                Some((scope, order, same.iter().map(|&i| &model.items[i]).collect()))
            })
            .collect();
        groups.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        // One finding per group, naming a bounded number of items: a group of 40,000
        // must cost 40,000, not 40,000 findings of 40,000 ids each.
        for (scope, order, items) in groups {
            let second = items[1];
            let Some(at) = &second.order else { continue };
            let named: Vec<_> = items.iter().take(NAMED).map(|i| i.id.as_str()).collect();
            let list = if items.len() > NAMED {
                format!(
                    "{} and {} more ({} in all)",
                    named.join(", "),
                    items.len() - NAMED,
                    items.len()
                )
            } else {
                named.join(", ")
            };
            let f = cx.report(Some(at.loc), format!("backlog items {list} share order {order}"));
            f.subject(second.id.value.clone())
                .scope(model.scope_id(scope))
                .label("same order as another item");
            for other in items.iter().filter(|i| !std::ptr::eq(**i, second)).take(NAMED - 1) {
                if let Some(other_at) = &other.order {
                    f.also(model.location(other_at.loc), format!("{} has it too", other.id.value));
                }
            }
            f.help("give each item its own rank");
        }
    }
}

/// How many items of one group a finding names.
const NAMED: usize = 10;

#[cfg(test)]
mod tests {
    use super::NAMED;
    use crate::rules::tests::workspace;

    #[test]
    fn ties_are_reported_and_ordinal_counts() {
        let ws = workspace(&[
            ("backlog/a.md", "---\nid: A-1\norder: 10\n---\n"),
            ("backlog/b.md", "---\nid: A-2\nordinal: 10\n---\n"),
            ("backlog/c.md", "---\nid: A-3\norder: 20\nordinal: 10\n---\n"),
        ]);
        let f = ws.findings("order-conflict");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].subject.as_deref(), Some("A-2"));
        assert_eq!(f[0].message, "backlog items A-1, A-2 share order 10");
    }

    #[test]
    fn ranks_are_numbers() {
        let ws = workspace(&[
            ("backlog/a.md", "---\nid: A-1\nordinal: 62.5\n---\n"),
            ("backlog/b.md", "---\nid: A-2\nordinal: 62.50\n---\n"),
            ("backlog/c.md", "---\nid: A-3\nordinal: 62.25\n---\n"),
            ("backlog/d.md", "---\nid: A-4\norder: 7\n---\n"),
            ("backlog/e.md", "---\nid: A-5\norder: 7.0\n---\n"),
        ]);
        let f = ws.findings("order-conflict");
        let messages: Vec<_> = f.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "backlog items A-1, A-2 share order 62.5",
                "backlog items A-4, A-5 share order 7"
            ],
            "a fraction is a rank of its own, and 7.0 is 7"
        );
        assert!(ws.findings("invalid-field").is_empty());
    }

    #[test]
    fn a_large_group_is_one_finding_with_a_bounded_list() {
        let files: Vec<(String, String)> = (0..25)
            .map(|i| {
                (
                    format!("backlog/i{i:02}.md"),
                    format!("---\nid: A-{i}\norder: 7\n---\n"),
                )
            })
            .collect();
        let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let ws = workspace(&refs);
        let f = ws.findings("order-conflict");
        assert_eq!(f.len(), 1, "one finding per group");
        assert_eq!(
            f[0].message,
            "backlog items A-0, A-1, A-2, A-3, A-4, A-5, A-6, A-7, A-8, A-9 and 15 more (25 in all) share order 7"
        );
        assert_eq!(f[0].related.len(), NAMED - 1);
    }
}
