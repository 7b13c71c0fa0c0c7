//! What pmpo reads from a Markdown body: the acceptance criteria of a backlog item.
//!
//! Criteria are the list items under a heading whose text is "Acceptance criteria"
//! (any level, any case), up to the next heading of the same or a higher level.
//! Backlog.md writes its criteria as `- [ ] #1 …` lines between `<!-- AC:BEGIN -->`
//! and `<!-- AC:END -->` under such a heading; those are list items too. A criterion
//! written as a task (`- [ ]`) is unchecked until it is `- [x]`.
//!
//! The body of a Definition of Done is read the same way, without the heading: its
//! top-level list items are its criteria. A Backlog.md task may carry its own Definition
//! of Done, as list items between `<!-- DOD:BEGIN -->` and `<!-- DOD:END -->`.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The criteria found in a body.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Criteria {
    /// Top-level list items under the heading.
    pub count: u32,
    /// Byte range of the heading in the body, when there is one.
    pub heading: Option<(usize, usize)>,
    /// Byte offset of the first top-level criterion written `- [ ]`.
    pub unchecked: Option<usize>,
}

/// Task list markers (`- [ ]`, `- [x]`) are read, so that a criterion's box is known.
fn parser(body: &str) -> Parser<'_> {
    Parser::new_ext(body, Options::ENABLE_TASKLISTS)
}

/// Whether `body` can contain the heading at all: most bodies are skipped without
/// running the Markdown parser.
fn mentions_criteria(body: &str) -> bool {
    const NEEDLE: &[u8] = b"acceptance criteria";
    body.as_bytes()
        .windows(NEEDLE.len())
        .any(|w| w[0] | 0x20 == b'a' && w.eq_ignore_ascii_case(NEEDLE))
}

#[must_use]
pub fn acceptance_criteria(body: &str) -> Criteria {
    let mut found = Criteria::default();
    if !mentions_criteria(body) {
        return found;
    }
    let mut in_heading: Option<(HeadingLevel, usize, String)> = None;
    let mut section: Option<HeadingLevel> = None;
    let mut list_depth = 0u32;
    let mut item_start = 0;
    for (event, range) in parser(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if section.is_some_and(|l| level <= l) {
                    section = None;
                    if found.heading.is_some() {
                        break;
                    }
                }
                in_heading = Some((level, range.start, String::new()));
            }
            Event::Text(t) | Event::Code(t) if in_heading.is_some() => {
                if let Some((_, _, text)) = in_heading.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start, text)) = in_heading.take()
                    && found.heading.is_none()
                    && text
                        .trim()
                        .trim_end_matches(':')
                        .eq_ignore_ascii_case("acceptance criteria")
                {
                    found.heading = Some((start, range.end));
                    section = Some(level);
                }
            }
            Event::Start(Tag::List(_)) if section.is_some() => list_depth += 1,
            Event::End(TagEnd::List(_)) if section.is_some() => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item) if section.is_some() && list_depth == 1 => {
                found.count += 1;
                item_start = range.start;
            }
            Event::TaskListMarker(false) if section.is_some() && list_depth == 1 && found.unchecked.is_none() => {
                found.unchecked = Some(item_start);
            }
            _ => {}
        }
    }
    found
}

/// Whether a body carries its own Definition of Done: Backlog.md's block between
/// `<!-- DOD:BEGIN -->` and `<!-- DOD:END -->` (or the end of the body) with at least
/// one list item in it.
#[must_use]
pub fn has_own_definition_of_done(body: &str) -> bool {
    const BEGIN: &str = "<!-- DOD:BEGIN -->";
    const END: &str = "<!-- DOD:END -->";
    let Some(at) = body.find(BEGIN) else {
        return false;
    };
    let rest = &body[at + BEGIN.len()..];
    let block = rest.find(END).map_or(rest, |end| &rest[..end]);
    !list_items(block).is_empty()
}

/// The top-level list items of a body, as byte ranges of their text (trimmed), for a
/// Definition of Done. Nested items belong to their parent.
#[must_use]
pub fn list_items(body: &str) -> Vec<(usize, usize)> {
    let mut items = Vec::new();
    let mut depth = 0u32;
    for (event, range) in parser(body).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Item) if depth == 1 => {
                let text = &body[range.clone()];
                let first = text.lines().next().unwrap_or("");
                let end = range.start + first.trim_end().len();
                items.push((range.start, end.max(range.start)));
            }
            _ => {}
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_carries_its_own_definition_of_done_only_with_items_in_the_block() {
        let with = "## Definition of Done\n<!-- DOD:BEGIN -->\n- [ ] #1 Tests pass\n<!-- DOD:END -->\n";
        assert!(has_own_definition_of_done(with));
        let empty = "## Definition of Done\n<!-- DOD:BEGIN -->\n<!-- DOD:END -->\n- [ ] not in the block\n";
        assert!(!has_own_definition_of_done(empty));
        assert!(!has_own_definition_of_done("## Definition of Done\n- [ ] no markers\n"));
        assert!(has_own_definition_of_done("<!-- DOD:BEGIN -->\n- unterminated\n"));
    }

    #[test]
    fn counts_items_under_the_heading() {
        let body =
            "Story.\n\n## Acceptance criteria\n- [ ] one\n- [x] two\n  - nested\n\n## Notes\n- not a criterion\n";
        let c = acceptance_criteria(body);
        assert_eq!(c.count, 2);
        let (s, e) = c.heading.unwrap();
        assert_eq!(&body[s..e].trim_end(), &"## Acceptance criteria");
    }

    #[test]
    fn any_level_and_case_and_deeper_headings_stay_inside() {
        let body = "# ACCEPTANCE CRITERIA\n### Happy path\n1. a\n2. b\n# Next\n- c\n";
        assert_eq!(acceptance_criteria(body).count, 2);
    }

    #[test]
    fn heading_without_list() {
        let c = acceptance_criteria("## Acceptance criteria\n\nTo be written.\n");
        assert_eq!(c.count, 0);
        assert!(c.heading.is_some());
    }

    #[test]
    fn backlog_md_markers() {
        let body = "## Description\n\nText\n\n## Acceptance Criteria\n<!-- AC:BEGIN -->\n- [ ] #1 First\n- [x] #2 Second\n<!-- AC:END -->\n";
        assert_eq!(acceptance_criteria(body).count, 2);
    }

    #[test]
    fn the_first_unchecked_criterion_is_located() {
        let body = "## Acceptance criteria\n- [x] one\n- [X] two\n- [ ] three\n- [ ] four\n  - [ ] nested\n";
        let c = acceptance_criteria(body);
        assert_eq!(c.count, 4);
        let at = c.unchecked.unwrap();
        assert!(body[at..].starts_with("- [ ] three"), "{}", &body[at..]);
        let all = "## Acceptance criteria\n- [x] one\n- plain\n  - [ ] nested does not count\n";
        assert_eq!(acceptance_criteria(all).unchecked, None);
    }

    #[test]
    fn backlog_md_unchecked_criteria() {
        let body = "## Acceptance Criteria\n<!-- AC:BEGIN -->\n- [x] #1 First\n- [ ] #2 Second\n<!-- AC:END -->\n";
        let c = acceptance_criteria(body);
        assert!(body[c.unchecked.unwrap()..].starts_with("- [ ] #2"));
    }

    #[test]
    fn list_items_of_a_definition_of_done() {
        let body = "Our minimum.\n\n- Code reviewed\n- Tests pass\n  - nested\n\n1. Deployed\n";
        let items: Vec<&str> = list_items(body).into_iter().map(|(s, e)| &body[s..e]).collect();
        assert_eq!(items, ["- Code reviewed", "- Tests pass", "1. Deployed"]);
    }

    #[test]
    fn no_heading() {
        assert_eq!(acceptance_criteria("- a\n- b\n"), Criteria::default());
    }
}
