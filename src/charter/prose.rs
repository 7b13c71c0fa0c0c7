//! A role's own prose, made safe to embed in its charter: its headings moved under the
//! charter's, raw HTML shown as text, control characters dropped and an unclosed code
//! fence closed, so that nothing in it can swallow or restyle the sections after it.

use std::fmt::Write as _;
use std::ops::Range;

use crate::escape;

/// The role's prose as Markdown to embed under a `##` heading: a first heading that
/// repeats the title is dropped, the other headings move two levels down, raw HTML is
/// escaped so it shows as text, control characters go, and an unclosed code fence is
/// closed.
#[must_use]
pub(super) fn prose(body: &str, title: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut html: Vec<Range<usize>> = Vec::new();
    let mut headings: Vec<(Range<usize>, usize, String)> = Vec::new();
    let mut current: Option<(Range<usize>, usize, String)> = None;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => current = Some((range, level as usize, String::new())),
            Event::End(TagEnd::Heading(_)) => headings.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = current.as_mut() {
                    h.2.push_str(&t);
                }
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                if let Some(h) = current.as_mut() {
                    h.2.push_str(&t);
                }
                html.push(range);
            }
            _ => {}
        }
    }
    let escaped = |range: Range<usize>| escape::prose_with_html(body, range, &html);
    let mut out = String::new();
    let mut at = 0;
    for (i, (range, level, text)) in headings.iter().enumerate() {
        if range.start < at {
            continue;
        }
        out.push_str(&escaped(at..range.start));
        let first = i == 0 && body[..range.start].trim().is_empty();
        if !(first && escape::one_line(text).eq_ignore_ascii_case(&escape::one_line(title))) {
            out.push_str(&demote(&escaped(range.clone()), *level));
        }
        at = range.end;
    }
    out.push_str(&escaped(at..body.len()));
    let mut out = out.trim().to_string();
    if let Some(fence) = open_fence(&out) {
        let _ = write!(out, "\n{fence}");
    }
    out
}

/// A heading's source rewritten as an ATX heading two levels deeper (at most 6).
fn demote(raw: &str, level: usize) -> String {
    let newline = if raw.ends_with('\n') { "\n" } else { "" };
    let trimmed = raw.trim();
    let content = if trimmed.starts_with('#') {
        let line = trimmed.lines().next().unwrap_or("");
        let text = line.trim_start_matches('#').trim();
        let closed = text.trim_end_matches('#');
        if closed.len() != text.len() && (closed.is_empty() || closed.ends_with(' ')) {
            closed.trim_end().to_string()
        } else {
            text.to_string()
        }
    } else {
        // A setext heading: every line but the underline.
        let lines: Vec<&str> = trimmed.lines().collect();
        lines[..lines.len().saturating_sub(1)]
            .iter()
            .map(|l| l.trim())
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!("{} {content}{newline}", "#".repeat((level + 2).min(6)))
}

/// The fence that would close a fenced code block still open at the end of `text`.
fn open_fence(text: &str) -> Option<String> {
    let mut open: Option<(char, usize)> = None;
    for line in text.lines() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > 3 {
            continue;
        }
        let rest = &line[indent..];
        let Some(c) = rest.chars().next().filter(|c| matches!(c, '`' | '~')) else {
            continue;
        };
        let run = rest.len() - rest.trim_start_matches(c).len();
        if run < 3 {
            continue;
        }
        match open {
            None => {
                if c == '~' || !rest[run..].contains('`') {
                    open = Some((c, run));
                }
            }
            Some((oc, on)) => {
                if c == oc && run >= on && rest[run..].trim().is_empty() {
                    open = None;
                }
            }
        }
    }
    open.map(|(c, n)| c.to_string().repeat(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_drops_a_repeated_title_and_demotes_other_headings() {
        let body = "# Product Owner\n\nIntro.\n\n## Daily work\n\nText.\n\nSetext\n------\n\n# Big #\n";
        let p = prose(body, "product owner");
        assert_eq!(p, "Intro.\n\n#### Daily work\n\nText.\n\n#### Setext\n\n### Big");
    }

    #[test]
    fn prose_keeps_a_first_heading_that_is_not_the_title() {
        assert_eq!(prose("# Hello\ntext", "Product Owner"), "### Hello\ntext");
    }

    #[test]
    fn prose_shows_raw_html_as_text_but_leaves_code_alone() {
        let p = prose(
            "<script>alert(1)</script>\n\nA <b>bold</b> `a<b` word.\n\n```\n<i>code</i>\n```\n",
            "t",
        );
        assert!(p.starts_with("&lt;script>alert(1)&lt;/script>"), "{p}");
        assert!(p.contains("A &lt;b>bold&lt;/b> `a<b` word."), "{p}");
        assert!(p.contains("```\n<i>code</i>\n```"), "{p}");
    }

    #[test]
    fn prose_closes_an_open_fence_and_unclosed_comments_cannot_swallow_the_rest() {
        let p = prose("Text\n\n````rust\nfn main() {}\n", "t");
        assert!(p.ends_with("fn main() {}\n````"), "{p}");
        assert_eq!(open_fence(&p), None);
        assert_eq!(open_fence("```\na\n```\n~~~\n"), Some("~~~".into()));
        let p = prose("before\n\n<!-- never closed\n\nafter", "t");
        assert!(p.starts_with("before\n\n&lt;!-- never closed"), "{p}");
    }

    #[test]
    fn prose_drops_control_characters() {
        assert_eq!(prose("a\u{1b}[31mb\r\nc", "t"), "a[31mb\nc");
    }
}
