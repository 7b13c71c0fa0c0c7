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
pub(crate) struct Criteria {
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

/// What a body must spell, in any case, for the Markdown parser to find anything in it:
/// the heading's first word, Backlog.md's criteria marker, or a numeric character
/// reference (`&#97;`), which can spell any letter. A heading counts only when its own
/// source contains one of them (see [`parse_criteria`]), so a body without any holds
/// nothing pmpo reads and is not parsed at all. Whatever else this module comes to
/// extract must add its needle here.
const NEEDLES: &[&[u8]] = &[b"acceptance", b"ac:begin", b"&#"];

/// Whether `text` contains one of [`NEEDLES`] (ASCII case-insensitive). The scan jumps
/// with `memchr` between the needles' rarest bytes (the `p` of "acceptance", the `:` of
/// "ac:begin") and compares only there; `&#` is one exact search.
fn mentions_criteria(text: &str) -> bool {
    let bytes = text.as_bytes();
    if memchr::memmem::find(bytes, b"&#").is_some() {
        return true;
    }
    let at = |start: usize, needle: &[u8]| {
        bytes
            .get(start..start + needle.len())
            .is_some_and(|window| window.eq_ignore_ascii_case(needle))
    };
    memchr::memchr3_iter(b'p', b'P', b':', bytes).any(|i| match bytes[i] {
        b':' => i >= 2 && at(i - 2, NEEDLES[1]),
        _ => i >= 4 && at(i - 4, NEEDLES[0]),
    })
}

/// The criteria of `body`. Bodies that mention none of [`NEEDLES`] are answered without
/// running the Markdown parser: most bodies of a large backlog are such bodies.
#[must_use]
pub(crate) fn acceptance_criteria(body: &str) -> Criteria {
    if !mentions_criteria(body) {
        return Criteria::default();
    }
    parse_criteria(body)
}

/// The full parse. A heading is the criteria heading when its text reads "Acceptance
/// criteria" (any case, an optional colon) and its source spells one of [`NEEDLES`]:
/// a word cut by markup (`Accept*ance*`) is not one, which is what lets
/// [`acceptance_criteria`] skip bodies with a byte scan.
fn parse_criteria(body: &str) -> Criteria {
    let mut found = Criteria::default();
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
                    && mentions_criteria(&body[start..range.end])
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
pub(crate) fn has_own_definition_of_done(body: &str) -> bool {
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
pub(crate) fn list_items(body: &str) -> Vec<(usize, usize)> {
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
    fn headings_spelled_with_markup_or_references() {
        // Both read "Acceptance criteria" and spell the first word in their source.
        assert_eq!(acceptance_criteria("## Acceptance *criteria*\n- a\n").count, 1);
        assert_eq!(acceptance_criteria("## Acceptance&#32;criteria\n- a\n").count, 1);
        assert_eq!(acceptance_criteria("## &#65;cceptance criteria\n- a\n").count, 1);
        // A first word cut by markup is not the heading, with or without the skip.
        let cut = "## Accept*ance* criteria\n- a\n\nacceptance\n";
        assert_eq!(acceptance_criteria(cut), Criteria::default());
        assert_eq!(parse_criteria(cut), Criteria::default());
    }

    #[test]
    fn the_scan_finds_each_needle_anywhere_in_any_case() {
        assert!(mentions_criteria("ACCEPTANCE"));
        assert!(mentions_criteria("x <!-- AC:BEGIN -->"));
        assert!(mentions_criteria("&#x41;"));
        assert!(mentions_criteria("tail acceptanc\u{e9} acceptance"));
        assert!(!mentions_criteria("acceptanc"));
        assert!(!mentions_criteria("accept the criteria & more"));
        assert!(!mentions_criteria(""));
    }

    /// Markdown fragments that put a criteria heading (or something close to one) in
    /// every place the parser treats differently.
    const FRAGMENTS: &[&str] = &[
        "## Acceptance criteria\n",
        "# ACCEPTANCE CRITERIA:\n",
        "### acceptance Criteria\n",
        "Acceptance criteria\n===================\n",
        "Accept\nance criteria\n---\n",
        "## Acceptance *criteria*\n",
        "## Accept*ance* criteria\n",
        "## Acceptance&#32;criteria\n",
        "## &#65;cceptance criteria\n",
        "## `Acceptance criteria`\n",
        "> ## Acceptance criteria\n> - quoted\n",
        "- ## Acceptance criteria\n",
        "    ## Acceptance criteria (indented code)\n",
        "```\n## Acceptance criteria\n```\n",
        "<!-- AC:BEGIN -->\n",
        "<!-- AC:END -->\n",
        "## Notes\n",
        "# Top\n",
        "#### Deeper\n",
        "- [ ] #1 a criterion\n",
        "- [x] done\n  - nested\n",
        "1. first\n2. second\n",
        "Plain text about acceptance.\n",
        "Accept &amp; criteria\n",
        "\n",
        "* star item\n",
        "<div>\n## Acceptance criteria\n</div>\n",
        "## Acceptance criteria trailing words\n",
        "## Acceptance\tcriteria\n",
    ];

    proptest::proptest! {
        /// Skipping a body without a needle never changes what is found.
        #[test]
        fn skipping_equals_the_full_parse(parts in proptest::collection::vec(0..FRAGMENTS.len(), 0..12)) {
            let body: String = parts.iter().map(|&i| FRAGMENTS[i]).collect();
            proptest::prop_assert_eq!(acceptance_criteria(&body), parse_criteria(&body), "{}", body);
        }

        /// The same on arbitrary text over an alphabet of the letters and markup that matter.
        #[test]
        fn skipping_equals_the_full_parse_on_noise(body in "[aAcCeEpPtTnNrRiI #*_`&;:\\-\\n0-9>\\[\\]!<]{0,120}") {
            proptest::prop_assert_eq!(acceptance_criteria(&body), parse_criteria(&body), "{}", body);
        }
    }

    #[test]
    fn no_heading() {
        assert_eq!(acceptance_criteria("- a\n- b\n"), Criteria::default());
    }
}
