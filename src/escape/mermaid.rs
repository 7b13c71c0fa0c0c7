//! Mermaid labels, for `pmpo matrix --format mermaid`.

use super::chars::one_line;

/// A Mermaid label, quotes included: `"…"` with `"` as `#quot;`, `#` as `#35;` (so
/// that no text can spell an entity), `<`/`>` as `#lt;`/`#gt;` and `&` as `#amp;`, so
/// that no text can close the label, open HTML or break the diagram's line.
#[must_use]
pub(crate) fn mermaid(text: &str) -> String {
    mermaid_lines(&[text])
}

/// A Mermaid label of several lines, each escaped as [`mermaid`], joined by `<br/>`.
#[must_use]
pub(super) fn mermaid_lines(lines: &[&str]) -> String {
    let lines: Vec<String> = lines.iter().map(|l| mermaid_text(l)).collect();
    format!("\"{}\"", lines.join("<br/>"))
}

/// The inside of a [`mermaid`] label, for labels that add their own markup.
#[must_use]
pub(crate) fn mermaid_text(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::super::tests::HOSTILE;
    use super::*;

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

    proptest::proptest! {
        #[test]
        fn a_label_is_one_closed_quote(text in super::super::tests::ANY_TEXT) {
            let label = mermaid(&text);
            proptest::prop_assert!(label.len() >= 2 && label.starts_with('"') && label.ends_with('"'));
            let inner = &label[1..label.len() - 1];
            proptest::prop_assert!(!inner.contains(['"', '<', '>', '&', '\n', '\r']), "{:?}", label);
        }
    }
}
