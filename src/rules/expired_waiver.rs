//! `expired-waiver`: a waiver whose `until` date has passed.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;

pub(super) struct ExpiredWaiver;

static META: RuleMeta = RuleMeta {
    name: "expired-waiver",
    default: Severity::Warning,
    summary: "a waiver whose `until` date has passed",
    finds: "A waiver in `pmpo.yaml` whose `until` date is before today (UTC). The waiver no longer
counts: its responsibility is reported as orphaned or unowned again.",
    why: "A waiver is a decision with a reason, taken at one time. \"Nothing to take to market\" may
stop being true; an end date makes the team take the decision again instead of carrying it
forever.",
    example: "```yaml
waivers:
  - responsibility: go-to-market
    reason: Internal tool
    until: 2025-12-31
```",
    fix: "Cover the responsibility, or renew the waiver with a new `until` date if the reason still
holds, or remove it.",
};

impl Rule for ExpiredWaiver {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        let model = cx.model;
        let today = cx.index.today;
        for w in &model.config.waivers {
            let Some(until) = &w.until else { continue };
            if until.value >= today {
                continue;
            }
            let id = w.responsibility.as_str();
            let f = cx.report(
                Some(until.loc),
                format!("the waiver for {id} expired on {} and no longer counts", until.value),
            );
            f.subject(id)
                .label("expired")
                .help("cover the responsibility, or renew the waiver with a later `until` if its reason still holds");
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn past_dates_expire_and_future_dates_do_not() {
        let ws = workspace(&[
            ("roles/po.md", "---\nholders: [d]\n---\n"),
            (
                "pmpo.yaml",
                "waivers:\n  - {responsibility: go-to-market, reason: internal, until: 2026-11-25}\n  - {responsibility: pricing-x, reason: r, until: 2030-01-01}\n  - {responsibility: business-case, reason: r, until: 2026-11-26}\n",
            ),
        ]);
        let f = ws.findings("expired-waiver");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].subject.as_deref(), Some("go-to-market"));
        assert_eq!(
            ws.findings("orphaned-strategic")
                .iter()
                .filter(|f| f.subject.as_deref() == Some("go-to-market"))
                .count(),
            1
        );
    }
}
