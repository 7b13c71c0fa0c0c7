//! A Definition of Done: the list items of its body are its criteria.

use crate::fields::{self, Reader};
use crate::load::markdown;
use crate::model::{DefinitionOfDone, Sp};
use crate::yaml::{Key, Node, Span};

/// A Definition of Done from its frontmatter `e` (whose span is `doc`) and its body:
/// the text, its first byte and its first line in the file.
pub(crate) fn read(
    r: &mut Reader<'_>,
    e: &[(Key, Node)],
    doc: Span,
    body: Option<(&str, usize, u32)>,
) -> DefinitionOfDone {
    let scope = r.fields(e, &fields::DEFINITION_OF_DONE, doc).id(r, "scope");
    let mut criteria = Vec::new();
    if let Some((text, start, line)) = body {
        for (s, end) in markdown::list_items(text) {
            let loc = super::body_loc(r.file, text, s, start, line);
            let item = text[s..end].trim_start_matches(|c: char| {
                c.is_ascii_digit() || matches!(c, '-' | '*' | '+' | '.' | ')' | ' ' | '\t')
            });
            criteria.push(Sp::new(item.trim().to_string(), loc));
        }
    }
    // An empty definition is no minimum (the rules ignore it), so say so rather than let
    // the team believe one is in force.
    if criteria.is_empty() {
        r.invalid(
            doc,
            "a definition of done lists no criteria".into(),
            Some("list its criteria as Markdown list items under the frontmatter (`- Tests pass in CI`)".into()),
        );
    }
    DefinitionOfDone {
        file: r.file,
        loc: r.loc(doc),
        scope,
        at: None,
        criteria,
    }
}
