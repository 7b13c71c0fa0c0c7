//! The one escaping layer: text from documents on its way into whatever pmpo writes,
//! one function per target, each in the file of its target.
//!
//! A title, holder or area is whatever a user typed, so it may hold `|`, `<script>`,
//! quotes, backticks, line breaks or terminal escape sequences. Every emitter and
//! generator sends such text through these functions, and only these, so the rules for
//! each target live and are tested in one place:
//!
//! | target | functions |
//! |---|---|
//! | terminal (and logs that render its escapes) | [`terminal`], [`terminal_line`], [`terminal_source`] |
//! | Markdown pmpo writes (charters, matrices) | [`markdown`], [`code`], [`code_in_table`], [`markdown_message`], [`html_comment`], [`prose_with_html`] |
//! | Markdown reports (`--format markdown`, the job summary) | [`markdown_verbatim`], [`code_verbatim`], [`message_verbatim`] |
//! | XML (`junit`) and SVG | [`xml`], [`svg`] |
//! | HTML (`--format html`) | [`html`], [`html_line`] |
//! | CSV | [`csv`] |
//! | Mermaid | [`mermaid`], [`mermaid_text`] |
//! | GitHub workflow commands | [`github_data`], [`github_property`] |
//! | JSON (every JSON format) and YAML (`pmpo catalog`) | [`json_pretty`], [`json_write`], [`yaml_quoted`] |
//!
//! What no target carries raw is one set, [`is_unsafe`]: control characters (C0, DEL and
//! C1, U+009B among them, a terminal's CSI), bidirectional controls, invisible
//! formatting characters (zero-width space, joiners, soft hyphen, byte-order mark...)
//! and the line and paragraph separators U+2028 and U+2029.
//!
//! Targets that lay a value out on one line first fold its line breaks and control
//! characters into spaces ([`one_line`]); the others show them as visible escapes.

mod chars;
mod csv;
mod github;
mod html;
mod json;
mod markdown;
mod mermaid;
mod terminal;
mod xml;

pub(crate) use chars::{is_unsafe, one_line};
pub(crate) use csv::csv;
pub(crate) use github::{github_data, github_property};
pub(crate) use html::{html, html_line};
pub(crate) use json::{json_pretty, json_write, yaml_quoted};
pub(crate) use markdown::{code, code_in_table, markdown, markdown_message};
pub(crate) use markdown::{code_verbatim, html_comment, markdown_verbatim, message_verbatim, prose_with_html};
pub(crate) use mermaid::{mermaid, mermaid_text};
pub(crate) use terminal::{terminal, terminal_line, terminal_source};
pub(crate) use xml::svg;
pub(crate) use xml::xml;

#[cfg(test)]
mod tests {
    use super::*;

    /// Text that tries every target's syntax at once.
    pub(super) const HOSTILE: &str = "A | B <script>alert(\"x\")</script>\n# 'quoted' `code` & [link](x)";

    /// Generated text for the property tests: letters and spaces among every target's
    /// syntax, line breaks, tabs, control characters, bidirectional overrides,
    /// noncharacters and non-ASCII.
    pub(super) const ANY_TEXT: &str = "([a-z ]|[<>&|`*_\\\\\\[\\]()#~!$\"',:%;=-]|\r\n|[\n\r\t]|[\x00-\x1f\x7f-\u{9f}]|[\u{200b}\u{2028}\u{2029}\u{feff}\u{ad}]|[\u{202a}-\u{202e}\u{2066}-\u{2069}]|\u{fffe}|[éß\u{a0}]){0,40}";

    #[test]
    fn one_line_folds_breaks_and_controls() {
        assert_eq!(one_line("  a\n\n b\t\u{1b}c \u{202e}d  "), "a b c d");
        assert_eq!(one_line("\n"), "");
    }

    #[test]
    fn bidi_controls_are_the_formatting_characters() {
        for c in [
            '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{061c}',
        ] {
            assert!(chars::is_bidi_control(c), "{c:?}");
        }
        for c in ['a', '\u{2029}', '\u{200d}', '\u{2070}', '\u{05d0}'] {
            assert!(!chars::is_bidi_control(c), "{c:?}");
        }
    }
}
