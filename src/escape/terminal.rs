//! Text from documents on its way to a terminal (or a log that renders terminal escapes):
//! control characters, escape sequences among them, and bidirectional overrides must not
//! reach it as they are, or a document could recolour, rewrite or reorder what pmpo
//! prints. They are shown as visible `\u{…}` escapes instead, so a reader sees that they
//! are there.

use std::borrow::Cow;

use super::chars::is_unsafe;

/// Text for a terminal: control characters other than line breaks and tabs,
/// bidirectional overrides and invisible characters ([`super::is_unsafe`]) become
/// visible escapes (`\u{1b}`, `\u{200b}`).
#[must_use]
pub(crate) fn terminal(text: &str) -> String {
    visible(text, |c| is_unsafe(c) && c != '\n' && c != '\t')
}

/// [`terminal`] for text that must stay on one line, such as a finding's message: line
/// breaks and tabs are escaped too. Borrowed when there is nothing to escape, the
/// common case for the many texts a run builds.
#[must_use]
pub(crate) fn terminal_line(text: &str) -> Cow<'_, str> {
    let hidden = is_unsafe;
    if text.contains(hidden) {
        Cow::Owned(visible(text, hidden))
    } else {
        Cow::Borrowed(text)
    }
}

fn visible(text: &str, hidden: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if hidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// The same for source text shown in code frames, keeping every byte offset: each
/// unsafe character becomes as many spaces as it has bytes.
#[must_use]
pub(crate) fn terminal_source(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe(c) && c != '\n' && c != '\t' && c != '\r' {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_characters() {
        assert_eq!(terminal("a\u{1b}[31mb\u{7}"), "a\\u{1b}[31mb\\u{7}");
        assert_eq!(terminal("ok\ttab\nline é"), "ok\ttab\nline é");
        assert_eq!(terminal("\u{202e}x"), "\\u{202e}x");
        assert_eq!(terminal("cr\r\n"), "cr\\u{d}\n");
    }

    #[test]
    fn c1_controls_and_invisible_characters_are_escaped() {
        assert_eq!(terminal("a\u{9b}31mb\u{7f}"), "a\\u{9b}31mb\\u{7f}");
        assert_eq!(terminal_line("da\u{200b}na\u{2028}x"), "da\\u{200b}na\\u{2028}x");
        assert_eq!(terminal_source("a\u{200b}b"), "a   b");
    }

    #[test]
    fn one_line_text_escapes_line_breaks_too() {
        assert_eq!(terminal_line("a\nb\tc\u{1b}"), "a\\u{a}b\\u{9}c\\u{1b}");
        assert_eq!(terminal_line("\u{2067}é"), "\\u{2067}é");
        assert!(matches!(terminal_line("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn source_sanitising_keeps_offsets() {
        let s = "a\u{1b}[0m\u{85}z";
        let clean = terminal_source(s);
        assert_eq!(clean.len(), s.len());
        assert_eq!(clean, "a [0m  z");
        assert_eq!(
            terminal_source("a\r\n\u{200f}"),
            "a\r\n   ",
            "a CR stays for the frame to place"
        );
    }

    proptest::proptest! {
        #[test]
        fn nothing_hidden_reaches_a_terminal(text in super::super::tests::ANY_TEXT) {
            let hidden = super::is_unsafe;
            let out = terminal(&text);
            proptest::prop_assert!(!out.chars().any(|c| hidden(c) && c != '\n' && c != '\t'), "{:?}", out);
            let line = terminal_line(&text);
            proptest::prop_assert!(!line.chars().any(hidden), "{:?}", line);
            let source = terminal_source(&text);
            proptest::prop_assert_eq!(source.len(), text.len());
            proptest::prop_assert!(!source.chars().any(|c| hidden(c) && !matches!(c, '\n' | '\t' | '\r')));
        }
    }
}
