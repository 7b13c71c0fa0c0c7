//! XML 1.0 text: the `junit` report and the SVG matrix.
//!
//! Written by hand rather than with `quick-xml`: such a crate escapes `& < > " '` but
//! lets through characters XML 1.0 forbids (most control characters), which is what
//! breaks parsers in practice. Here what a terminal would hide, or XML cannot hold, is
//! shown as a visible `\u{…}` escape, as [`super::terminal`] shows it.

use super::chars::one_line;
use super::terminal;

/// Text for XML 1.0 character data or a double- or single-quoted attribute: markup
/// characters as entities, line breaks and tabs as character references (so an
/// attribute keeps them), and control characters, bidirectional overrides and
/// characters XML cannot hold at all made visible as `\u{…}`.
#[must_use]
pub(crate) fn xml(text: &str) -> String {
    let text = terminal(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c if allowed(c) => out.push(c),
            c => out.extend(c.escape_unicode()),
        }
    }
    out
}

/// Text for an SVG label or attribute, which is drawn on one line: [`one_line`], then
/// [`xml`].
#[must_use]
pub(crate) fn svg(text: &str) -> String {
    xml(&one_line(text))
}

/// XML 1.0's `Char` production.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::super::tests::HOSTILE;
    use super::*;

    #[test]
    fn escapes_markup_and_shows_what_xml_cannot_hold() {
        assert_eq!(
            xml(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(xml("a\nb\tc"), "a&#10;b&#9;c");
        assert_eq!(xml("bell\u{7} nul\u{0}"), "bell\\u{7} nul\\u{0}");
        assert_eq!(xml("\u{fffe}ok é"), "\\u{fffe}ok é");
        assert_eq!(xml("cr\r"), "cr\\u{d}", "a bare CR would be normalised away");
        assert_eq!(xml("\u{202e}x"), "\\u{202e}x");
    }

    #[test]
    fn every_allowed_character_is_in_xml_char() {
        for c in ['\u{0}', '\u{8}', '\u{b}', '\u{1f}', '\u{fffe}', '\u{ffff}'] {
            assert!(!allowed(c), "{c:?}");
        }
        for c in ['\t', ' ', '\u{d7ff}', '\u{e000}', '\u{10ffff}'] {
            assert!(allowed(c), "{c:?}");
        }
    }

    #[test]
    fn svg_text_is_one_line_with_no_markup_left() {
        let s = svg(HOSTILE);
        assert!(!s.contains(['<', '>', '"', '\'', '\n']), "{s}");
        assert!(!s.contains("&#10;"), "{s}");
        assert!(s.contains("&lt;script&gt;") && s.contains("&amp;") && s.contains("&quot;x&quot;"));
        assert_eq!(svg("  a\n\tb  "), "a b");
        assert_eq!(svg("a\u{fffe}"), "a\\u{fffe}", "shown, as in every target, not dropped");
    }

    #[test]
    fn svg_output_parses_as_xml_text() {
        for text in [HOSTILE, "\u{fffe}\u{ffff}\u{1b}[1m", "a & b"] {
            let doc = format!("<t a=\"{0}\">{0}</t>", svg(text));
            let parsed = roxmltree::Document::parse(&doc).unwrap_or_else(|e| panic!("{doc}: {e}"));
            assert_eq!(parsed.root_element().text(), parsed.root_element().attribute("a"));
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_well_formed_xml_in_content_and_attributes(text in super::super::tests::ANY_TEXT) {
            for escaped in [xml(&text), svg(&text)] {
                let doc = format!("<t a=\"{escaped}\" b='{escaped}'>{escaped}</t>");
                let parsed = roxmltree::Document::parse(&doc);
                proptest::prop_assert!(parsed.is_ok(), "{:?}: {:?}", doc, parsed.err());
                let parsed = parsed.unwrap();
                let t = parsed.root_element();
                proptest::prop_assert_eq!(t.text().unwrap_or(""), t.attribute("a").unwrap_or(""));
                proptest::prop_assert_eq!(t.attribute("a"), t.attribute("b"));
            }
            proptest::prop_assert!(!svg(&text).contains("&#10;"), "SVG text is one line");
        }
    }
}
