//! HTML5 text and attribute values: the `--format html` page.
//!
//! The page writes workspace text only as character data or as a double-quoted
//! attribute value, never as a URL, a tag or style: so escaping the five markup
//! characters keeps a title, holder or link from becoming markup. A colon becomes a
//! character reference too, so that no `javascript:` (or `data:`) scheme appears in the
//! page's bytes even as text: a filter scanning the page, or a value copied into an
//! attribute later, finds none. What a terminal would hide ([`super::is_unsafe`]:
//! control, bidirectional and invisible characters) is shown as a visible `\u{…}`
//! escape, as [`super::xml`] shows it, and so are the characters HTML5 forbids in a
//! document (noncharacters and lone surrogates cannot occur in a `str`).

/// Text for HTML5 character data or a double-quoted attribute value: `& < > " '` and
/// `:` as character references, line breaks and tabs as spaces would render them (kept
/// as they are), and unsafe or forbidden characters made visible as `\u{…}`.
#[must_use]
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            ':' => out.push_str("&#58;"),
            '\n' | '\t' => out.push(c),
            c if super::chars::is_unsafe(c) || noncharacter(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out
}

/// Text for one line of the page (a table cell, a heading): line breaks and tabs folded
/// into spaces and the ends trimmed, then [`html`], so a title cannot split what a
/// reader sees, while a bidirectional override in it is still shown, not hidden.
#[must_use]
pub(crate) fn html_line(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
        .collect();
    html(folded.trim_matches(' '))
}

/// Unicode noncharacters, which an HTML5 parser reports as errors.
fn noncharacter(c: char) -> bool {
    let n = u32::from(c);
    (0xfdd0..=0xfdef).contains(&n) || n & 0xfffe == 0xfffe
}

#[cfg(test)]
mod tests {
    use super::super::tests::{ANY_TEXT, HOSTILE};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn markup_characters_become_references() {
        assert_eq!(
            html(r#"<a href="javascript:x">'&'</a>"#),
            "&lt;a href=&quot;javascript&#58;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert!(!html(HOSTILE).contains('<'));
    }

    #[test]
    fn unsafe_characters_are_shown_escaped() {
        assert_eq!(html("da\u{200b}na"), "da\\u{200b}na");
        assert_eq!(html("a\u{202e}b"), "a\\u{202e}b");
        assert_eq!(html("bell\u{7}\u{fffe}"), "bell\\u{7}\\u{fffe}");
        assert_eq!(html("ünï — ok"), "ünï — ok");
    }

    #[test]
    fn one_line_shows_bidi_and_folds_breaks() {
        assert_eq!(html_line(" a\nb \u{202e}c\r\n"), "a b \\u{202e}c");
    }

    proptest! {
        #[test]
        fn nothing_unsafe_or_markup_survives(text in ANY_TEXT) {
            for out in [html(&text), html_line(&text)] {
                prop_assert!(!out.contains(['<', '>', '"', '\'', ':']), "{out:?}");
                prop_assert!(!out.chars().any(|c| super::super::is_unsafe(c) && c != '\n' && c != '\t'), "{out:?}");
                prop_assert!(!html_line(&text).contains(['\n', '\r', '\t']));
            }
        }
    }
}
