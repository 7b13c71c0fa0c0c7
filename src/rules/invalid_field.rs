//! `invalid-field`: a field with a wrong type, a missing required field, an unknown
//! field, a bad id or a bad RACI letter.

use super::rule::{Context, Rule, RuleMeta};
use crate::finding::Severity;
use crate::model::ProblemKind;

pub(super) struct InvalidField;

static META: RuleMeta = RuleMeta {
    name: "invalid-field",
    default: Severity::Error,
    summary: "a wrong type, missing required field, unknown field, bad id or RACI letter",
    finds: "A field pmpo cannot use: a wrong type (`team_size: seven`), a missing required field (a
goal without `id`), an unknown field (`holder:` for `holders:`, with a did-you-mean), an id
that breaks the id syntax, a RACI value other than A, R, C or I, an unknown `status`.",
    why: "A misspelt field is silently ignored by most tools; here it would mean a charter whose
holders or responsibilities pmpo never sees, and coverage that is wrong without a word.",
    example: "```yaml
holder: [dana]          # unknown field: did you mean `holders`?
responsibilities:
  user-stories: X       # not a RACI letter
```",
    fix: "Rename or retype the field as the help says. The fields of each kind are in FORMAT.md,
and `pmpo schema KIND` prints them for editor completion.",
};

impl Rule for InvalidField {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context<'_>) {
        super::shared::report_problems(cx, ProblemKind::InvalidField);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests::workspace;

    #[test]
    fn reports_each_bad_field_with_a_suggestion() {
        let ws = workspace(&[(
            "roles/po.md",
            "---\nholder: [dana]\nteam_size: seven\nresponsibilities:\n  user-stories: X\n---\n",
        )]);
        let f = ws.findings("invalid-field");
        assert_eq!(f.len(), 3, "{f:?}");
        assert_eq!(f[0].location.as_ref().unwrap().span.line, 2);
        assert_eq!(f[0].help.as_deref(), Some("did you mean `holders`?"));
        assert!(f[1].message.contains("team_size"));
        assert!(f[2].message.contains("not a RACI letter"));
    }

    #[test]
    fn words_and_letters_are_both_valid() {
        let ws = workspace(&[(
            "roles/po.md",
            "---\nholders: [dana]\nresponsibilities:\n  user-stories: accountable\n  backlog-ordering: a\n---\n",
        )]);
        assert!(ws.findings("invalid-field").is_empty());
    }
}
