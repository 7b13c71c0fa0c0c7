//! Text from documents on its way into the formats pmpo generates: Markdown, Mermaid,
//! XML (SVG) and CSV.
//!
//! A title, holder or area is whatever a user typed, so it may hold `|`, `<script>`,
//! quotes, backticks or newlines. Every generator sends such text through one of these
//! functions, and only these, so the rules for each format live and are tested in one
//! place. Each function also folds line breaks and control characters into spaces: a
//! value that was one line in the document stays one line in the output.

/// One line of text: line breaks, tabs and other control characters (bidirectional
/// overrides too) become single spaces, and the ends are trimmed.
#[must_use]
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_control() || c.is_whitespace() || is_bidi_control(c) {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// Inline Markdown text that renders as exactly these characters, in a paragraph, a
/// list item, a heading or a table cell: every character `CommonMark` or GitHub gives a
/// meaning inline is backslash-escaped (`|` included, for tables), and `<` cannot open
/// raw HTML.
#[must_use]
pub fn markdown(text: &str) -> String {
    markdown_line(&one_line(text))
}

/// [`markdown`] for text already on one line, keeping its spaces at the ends.
fn markdown_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' | '!' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown code span holding `text` verbatim: the fence is one backtick longer than
/// the longest run inside, padded when the text starts or ends with a backtick. In a
/// table cell use [`code_in_table`].
#[must_use]
pub fn code(text: &str) -> String {
    let line = one_line(text);
    let mut longest = 0;
    let mut run = 0;
    for c in line.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = if line.starts_with('`') || line.ends_with('`') || line.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{line}{pad}{fence}")
}

/// A code span for a GitHub table cell, where `|` must be escaped even inside it.
#[must_use]
pub fn code_in_table(text: &str) -> String {
    code(text).replace('|', "\\|")
}

/// A Markdown message that pmpo wrote with `code spans` around ids, holding values
/// from documents: the code spans are kept (their text folded to one line), everything
/// else escaped as [`markdown`]. Unbalanced backticks make the whole message plain text.
#[must_use]
pub fn markdown_message(text: &str) -> String {
    let line = one_line(text);
    if !line.matches('`').count().is_multiple_of(2) {
        return markdown_line(&line);
    }
    line.split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { code(part) } else { markdown_line(part) })
        .collect()
}

/// Text for XML character data and attribute values (SVG): `&`, `<`, `>`, `"` and
/// `'` become entities, and characters XML 1.0 forbids are dropped.
#[must_use]
pub fn xml(text: &str) -> String {
    let line = one_line(text);
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A Mermaid label, quotes included: `"…"` with `"` as `#quot;`, `#` as `#35;` (so
/// that no text can spell an entity), `<`/`>` as `#lt;`/`#gt;` and `&` as `#amp;`, so
/// that no text can close the label, open HTML or break the diagram's line.
#[must_use]
pub fn mermaid(text: &str) -> String {
    mermaid_lines(&[text])
}

/// A Mermaid label of several lines, each escaped as [`mermaid`], joined by `<br/>`.
#[must_use]
pub fn mermaid_lines(lines: &[&str]) -> String {
    let lines: Vec<String> = lines.iter().map(|l| mermaid_text(l)).collect();
    format!("\"{}\"", lines.join("<br/>"))
}

/// The inside of a [`mermaid`] label, for labels that add their own markup.
#[must_use]
pub fn mermaid_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in one_line(text).chars() {
        match c {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            c => out.push(c),
        }
    }
    out
}

/// One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or
/// surrounding spaces, with quotes doubled. Line breaks are kept: CSV can carry them.
#[must_use]
pub fn csv(text: &str) -> String {
    let needs_quotes = text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "A | B <script>alert(\"x\")</script>\n# 'quoted' `code` & [link](x)";

    #[test]
    fn one_line_folds_breaks_and_controls() {
        assert_eq!(one_line("  a\n\n b\t\u{1b}c \u{202e}d  "), "a b c d");
        assert_eq!(one_line("\n"), "");
    }

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

    #[test]
    fn markdown_renders_back_to_the_text() {
        use pulldown_cmark::{Event, Parser};
        for text in [HOSTILE, "*bold* _it_ ~~del~~ \\ \\* &amp; &#35; $x$ ![img](y)", "a  b"] {
            let mut rendered = String::new();
            for event in Parser::new(&markdown(text)) {
                match event {
                    Event::Text(t) => rendered.push_str(&t),
                    Event::Start(pulldown_cmark::Tag::Paragraph) | Event::End(pulldown_cmark::TagEnd::Paragraph) => {}
                    other => panic!("{text}: {other:?}"),
                }
            }
            assert_eq!(rendered, one_line(text), "{text}");
        }
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a"), "`` `a ``");
        assert_eq!(code_in_table("a|b"), "`a\\|b`");
    }

    #[test]
    fn messages_keep_code_spans_and_escape_the_rest() {
        assert_eq!(markdown_message("`x` <b> holds `a|b`"), "`x` \\<b\\> holds `a|b`");
        assert_eq!(markdown_message("odd ` tick <"), "odd \\` tick \\<");
        assert_eq!(markdown_message("shared by `a`, `b`"), "shared by `a`, `b`");
    }

    #[test]
    fn xml_has_no_markup_left() {
        let s = xml(HOSTILE);
        assert!(!s.contains(['<', '>', '"', '\'', '\n']), "{s}");
        assert!(s.contains("&lt;script&gt;") && s.contains("&amp;") && s.contains("&quot;x&quot;"));
    }

    #[test]
    fn mermaid_labels_cannot_close_or_open_anything() {
        let s = mermaid(HOSTILE);
        let inner = &s[1..s.len() - 1];
        assert!(s.starts_with('"') && s.ends_with('"'));
        assert!(!inner.contains(['"', '<', '>', '\n', '&']), "{s}");
        assert!(inner.contains("#quot;x#quot;") && inner.contains("#lt;script#gt;"));
        assert_eq!(mermaid("a #quot; b"), "\"a #35;quot; b\"");
        assert_eq!(mermaid_lines(&["a<", "b"]), "\"a#lt;<br/>b\"");
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv("plain"), "plain");
        assert_eq!(csv("a,b"), "\"a,b\"");
        assert_eq!(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv(" pad"), "\" pad\"");
    }
}
