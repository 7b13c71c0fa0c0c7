//! Markdown: inline text that renders as exactly the characters it holds, and code
//! spans that hold any text.
//!
//! Two families, for two intents, sharing the characters escaped, the code-span fence
//! and the splitting of messages into code spans and text:
//!
//! - **Folded** ([`markdown`], [`code`], [`code_in_table`], [`markdown_message`]) for the
//!   documents pmpo writes for people to read and keep, charters and matrices: each
//!   value reads as prose on one line, with line breaks and control characters folded
//!   into spaces ([`super::one_line`]) and the result pure Markdown (no HTML).
//! - **Verbatim** ([`markdown_verbatim`], [`code_verbatim`], [`message_verbatim`]) for
//!   the reports on a workspace, the `markdown` format and GitHub's job summary: a
//!   reviewer sees what a document holds, line breaks as `<br>` and control characters
//!   as the visible escapes a terminal shows ([`super::terminal`]); mentions and bare
//!   URLs are broken with a zero-width-space entity, so a bot posting the report
//!   notifies and links no one.

use super::chars::one_line;
use super::terminal;

/// The characters `CommonMark` or GitHub give a meaning inline (`|` for tables, `$`
/// for math, `~` for strikethrough), each of which a backslash turns into itself.
fn is_inline_syntax(c: char) -> bool {
    matches!(
        c,
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' | '!' | '$'
    )
}

/// Inline Markdown text that renders as exactly these characters, in a paragraph, a
/// list item, a heading or a table cell: every character with an inline meaning is
/// backslash-escaped, so `<` cannot open raw HTML. Folded to one line.
#[must_use]
pub(crate) fn markdown(text: &str) -> String {
    markdown_line(&one_line(text))
}

/// [`markdown`] for text already on one line, keeping its spaces at the ends.
fn markdown_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if is_inline_syntax(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown code span holding `text` verbatim, folded to one line. In a table cell
/// use [`code_in_table`].
#[must_use]
pub(crate) fn code(text: &str) -> String {
    fenced(&one_line(text))
}

/// A code span for a GitHub table cell, where `|` must be escaped even inside it.
#[must_use]
pub(crate) fn code_in_table(text: &str) -> String {
    code(text).replace('|', "\\|")
}

/// A Markdown message that pmpo wrote with `code spans` around ids, holding values
/// from documents: the code spans are kept (their text folded to one line), everything
/// else escaped as [`markdown`]. Unbalanced backticks make the whole message plain text.
#[must_use]
pub(crate) fn markdown_message(text: &str) -> String {
    with_code_spans(&one_line(text), markdown_line, code)
}

/// Untrusted text for a report's table cell or line, kept whole: inline syntax
/// escaped (`&`, `<` and `>` as entities, beside the `<br>` that stands for each line
/// break), control characters made visible.
#[must_use]
pub(crate) fn markdown_verbatim(text: &str) -> String {
    let text = terminal(&line_breaks(text));
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("<br>"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if is_inline_syntax(c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    neutralise_links(&out)
}

/// The zero-width space, as an entity (never raw), that breaks what GitHub would
/// otherwise turn live: after `@` (a mention such as `@org/everyone`, or an address),
/// before the `:` of `scheme://` and the `.` of `www.` (bare URLs it links itself).
/// Renovate neutralises its pull-request text the same way.
const BREAK: &str = "&#8203;";

/// `text` (already escaped) with no live mention or autolink left in it: a report
/// posted by a bot must not notify `@org/everyone` or link to whatever a document says.
fn neutralise_links(text: &str) -> String {
    if !text.contains(['@', ':', '.']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let rest = &bytes[i..];
        let www = i >= 3 && c == '.' && bytes[i - 3..i].eq_ignore_ascii_case(b"www");
        if (c == ':' && rest.starts_with(b"://")) || www {
            out.push_str(BREAK);
        }
        out.push(c);
        if c == '@' {
            out.push_str(BREAK);
        }
    }
    out
}

/// An id or path as a code span in a report: `|` still needs its backslash inside a
/// table, line breaks become spaces and control characters are made visible.
#[must_use]
pub(crate) fn code_verbatim(text: &str) -> String {
    fenced(&terminal(&line_breaks(text)).replace('\n', " ").replace('|', "\\|"))
}

/// A message as pmpo's rules write it, with ids between backticks, for a report: when
/// the backticks pair up, the quoted parts become code spans (an empty pair nothing)
/// and the rest text; any other message is all text. Either way every part is escaped,
/// so a stray backtick in a document's text can misplace a code span but never break
/// out of the cell.
#[must_use]
pub(crate) fn message_verbatim(text: &str) -> String {
    with_code_spans(text, markdown_verbatim, |part| {
        if part.is_empty() {
            String::new()
        } else {
            code_verbatim(part)
        }
    })
}

/// Every kind of line break as `\n`, before [`terminal`] would show a CR as an escape.
fn line_breaks(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// `line` as a code span: the fence is one backtick longer than the longest run inside,
/// padded with a space when the text starts or ends with a backtick (or is empty).
fn fenced(line: &str) -> String {
    let longest = line.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if line.starts_with('`') || line.ends_with('`') || line.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{line}{pad}{fence}")
}

/// `text` with its backtick-quoted parts through `code` and the rest through `plain`;
/// all of it through `plain` when the backticks do not pair up.
fn with_code_spans(text: &str, plain: impl Fn(&str) -> String, code: impl Fn(&str) -> String) -> String {
    if !text.matches('`').count().is_multiple_of(2) {
        return plain(text);
    }
    text.split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { code(part) } else { plain(part) })
        .collect()
}

/// Text inside an HTML comment (`<!-- … -->`), such as the marker line of a generated
/// file: one line, and no `>` that could close the comment early (`-->`) and let the
/// rest of the text render.
#[must_use]
pub(crate) fn html_comment(text: &str) -> String {
    super::chars::one_line(text).replace('>', "&gt;")
}

/// A document's own Markdown prose, embedded in a page pmpo writes (a charter): `<` inside
/// the raw-HTML ranges `html` (byte ranges of `body`, as pulldown-cmark reports them)
/// becomes `&lt;`, so no tag a document wrote reaches the page, and carriage returns,
/// other controls, bidirectional overrides and invisible characters are dropped (line
/// breaks and tabs kept). `range` is the part of `body` to escape.
pub(crate) fn prose_with_html(body: &str, range: std::ops::Range<usize>, html: &[std::ops::Range<usize>]) -> String {
    let mut out = String::with_capacity(range.len());
    for (i, c) in body[range.clone()].char_indices() {
        let at = range.start + i;
        if c == '<' && html.iter().any(|h| h.contains(&at)) {
            out.push_str("&lt;");
        } else if super::chars::is_unsafe(c) && !matches!(c, '\n' | '\t') {
            // Dropped.
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_html_comment_cannot_be_closed_from_inside() {
        let c = super::html_comment("a --> b\nc");
        assert!(!c.contains("-->") && !c.contains('\n'), "{c}");
        assert_eq!(c, "a --&gt; b c");
    }

    use super::super::tests::HOSTILE;
    use super::*;

    #[test]
    fn markdown_escapes_every_inline_meaning() {
        let s = markdown(HOSTILE);
        assert!(!s.contains('\n'));
        assert!(!s.replace("\\<", "").contains('<'), "{s}");
        assert!(s.contains("\\<script\\>"), "{s}");
        assert!(s.contains("A \\| B"), "{s}");
        assert!(s.contains("\\`code\\`"), "{s}");
        assert!(s.contains("\\[link\\](x)"), "{s}");
        assert_eq!(
            markdown("Plain, text. With (parens) - ok"),
            "Plain, text. With (parens) - ok"
        );
    }

    /// The text `markdown` renders as, by pulldown-cmark, with `<br>` read as a line break.
    fn rendered(markdown: &str) -> String {
        use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
        let mut rendered = String::new();
        for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_MATH) {
            match event {
                Event::Text(t) => rendered.push_str(&t),
                Event::InlineHtml(html) if &*html == "<br>" => rendered.push('\n'),
                Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
                other => panic!("{markdown}: {other:?}"),
            }
        }
        rendered
    }

    const INLINE: [&str; 3] = [HOSTILE, "*bold* _it_ ~~del~~ \\ \\* &amp; &#35; $x$ ![img](y)", "a  b"];

    #[test]
    fn markdown_renders_back_to_the_text() {
        for text in INLINE {
            assert_eq!(rendered(&markdown(text)), one_line(text), "{text}");
        }
    }

    #[test]
    fn verbatim_markdown_renders_back_to_the_text() {
        for text in INLINE {
            assert_eq!(rendered(&markdown_verbatim(text)), text, "{text}");
        }
        assert_eq!(rendered(&markdown_verbatim("costs $5 or $6")), "costs $5 or $6");
    }

    #[test]
    fn verbatim_text_mentions_and_links_no_one() {
        let md = markdown_verbatim("ping @org/everyone, see https://evil.example/x or WWW.evil.example");
        assert_eq!(
            md,
            "ping @&#8203;org/everyone, see https&#8203;://evil.example/x or WWW&#8203;.evil.example"
        );
        assert_eq!(
            rendered(&md).replace('\u{200b}', ""),
            "ping @org/everyone, see https://evil.example/x or WWW.evil.example"
        );
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a"), "`` `a ``");
        assert_eq!(code(""), "`  `", "a code span of spaces is not stripped");
        assert_eq!(code_in_table("a|b"), "`a\\|b`");
    }

    #[test]
    fn messages_keep_code_spans_and_escape_the_rest() {
        assert_eq!(markdown_message("`x` <b> holds `a|b`"), "`x` \\<b\\> holds `a|b`");
        assert_eq!(markdown_message("odd ` tick <"), "odd \\` tick \\<");
        assert_eq!(markdown_message("shared by `a`, `b`"), "shared by `a`, `b`");
    }

    #[test]
    fn verbatim_text_cannot_break_a_table_or_inject_html() {
        assert_eq!(markdown_verbatim("a|b"), "a\\|b");
        assert_eq!(
            markdown_verbatim("<script>x</script>"),
            "&lt;script&gt;x&lt;/script&gt;"
        );
        assert_eq!(markdown_verbatim("one\ntwo\r\nthree"), "one<br>two<br>three");
        assert_eq!(markdown_verbatim("`x` & *y*"), "\\`x\\` &amp; \\*y\\*");
        assert_eq!(
            markdown_verbatim("café \u{1b}[1m"),
            "café \\\\u{1b}\\[1m",
            "renders as the escape"
        );
        assert_eq!(markdown_verbatim("$x$"), "\\$x\\$", "GitHub renders $…$ as math");
    }

    #[test]
    fn verbatim_code_spans_outgrow_the_backticks_inside() {
        assert_eq!(code_verbatim("product-vision"), "`product-vision`");
        assert_eq!(code_verbatim("a`b"), "``a`b``");
        assert_eq!(code_verbatim("`x``"), "``` `x`` ```");
        assert_eq!(code_verbatim("a|b\nc"), "`a\\|b c`");
        assert_eq!(code_verbatim("<b>&"), "`<b>&`", "code spans show HTML as typed");
        assert_eq!(code_verbatim("a\u{1b}"), "`a\\u{1b}`");
    }

    #[test]
    fn verbatim_messages_keep_their_code_spans_when_the_backticks_pair() {
        assert_eq!(message_verbatim("add `x: A` to <b>"), "add `x: A` to &lt;b&gt;");
        assert_eq!(message_verbatim("a `b` c `d|e`"), "a `b` c `d\\|e`");
        assert_eq!(message_verbatim("odd ` one"), "odd \\` one");
        assert_eq!(message_verbatim("empty `` pair"), "empty  pair");
    }

    /// `markdown` rendered inline, between two words, so that only inline syntax counts.
    fn rendered_inline(markdown: &str) -> String {
        rendered(&format!("a {markdown} b"))
    }

    proptest::proptest! {
        #[test]
        fn folded_markdown_renders_as_its_one_line(text in super::super::tests::ANY_TEXT) {
            let line = one_line(&text);
            proptest::prop_assert_eq!(rendered_inline(&markdown(&text)), format!("a {line} b"));
            proptest::prop_assert!(!markdown_message(&text).contains('\n'));
        }

        #[test]
        fn verbatim_markdown_renders_as_the_text_a_terminal_shows(text in super::super::tests::ANY_TEXT) {
            let shown = terminal(&line_breaks(&text));
            // The zero-width spaces that break mentions and links render as nothing visible.
            let rendered = rendered_inline(&markdown_verbatim(&text)).replace('\u{200b}', "");
            proptest::prop_assert_eq!(rendered, format!("a {shown} b"));
            proptest::prop_assert!(!message_verbatim(&text).contains(['\n', '\r']));
        }

        #[test]
        fn a_code_span_holds_its_one_line(text in super::super::tests::ANY_TEXT) {
            use pulldown_cmark::{Event, Parser};
            let line = one_line(&text);
            proptest::prop_assume!(!line.is_empty());
            let code: Vec<String> = Parser::new(&code(&text))
                .filter_map(|e| match e { Event::Code(c) => Some(c.to_string()), _ => None })
                .collect();
            proptest::prop_assert_eq!(code, [line]);
        }
    }
}
