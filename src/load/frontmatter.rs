//! Splitting a Markdown file into its YAML frontmatter and its body.
//!
//! Frontmatter is the text between a first line `---` and the next line that is `---`
//! or `...`. A UTF-8 byte-order mark and CRLF line ends are accepted. A `---` further
//! down a file that did not open with one is a thematic break, not frontmatter, which
//! is why this is written here rather than taken from pulldown-cmark's metadata option.

/// The parts of a Markdown file, as byte ranges of the file so spans stay exact.
#[derive(Debug, PartialEq, Eq)]
pub enum Frontmatter {
    /// The file does not open with `---`.
    Absent,
    /// It opens with `---` on line 1 and no closing line follows.
    Unclosed,
    Present(Split),
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub struct Split {
    /// Byte offset of the YAML text (the line after the opening fence).
    pub yaml_start: usize,
    pub yaml_end: usize,
    /// The 1-based line the YAML text starts on.
    pub yaml_line: u32,
    /// Byte offset of the body (the line after the closing fence).
    pub body_start: usize,
    pub body_line: u32,
}

const BOM: &str = "\u{feff}";

/// Where the frontmatter and the body of `text` are.
#[must_use]
pub fn split(text: &str) -> Frontmatter {
    let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let mut lines = Lines {
        text,
        pos: start,
        line: 0,
    };
    match lines.next() {
        Some((_, content)) if is_fence(content, false) => {}
        _ => return Frontmatter::Absent,
    }
    let yaml_start = lines.pos;
    while let Some((line_start, content)) = lines.next() {
        if is_fence(content, true) {
            // The body starts on the next line, or on the fence's own line when the
            // file ends right after the fence with no line break.
            let ended_by_newline = lines.pos > line_start + content.len();
            return Frontmatter::Present(Split {
                yaml_start,
                yaml_end: line_start,
                yaml_line: 2,
                body_start: lines.pos,
                body_line: lines.line + u32::from(ended_by_newline),
            });
        }
    }
    Frontmatter::Unclosed
}

/// A fence line: `---` (or `...` to close), allowing trailing blanks.
fn is_fence(content: &str, closing: bool) -> bool {
    let trimmed = content.trim_end_matches([' ', '\t', '\r']);
    trimmed == "---" || (closing && trimmed == "...")
}

/// Lines with the byte offset each starts at; the yielded text has no `\n`.
struct Lines<'a> {
    text: &'a str,
    pos: usize,
    line: u32,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text[start..];
        let (content, advance) = match rest.find('\n') {
            Some(nl) => (&rest[..nl], nl + 1),
            None => (rest, rest.len()),
        };
        self.pos += advance;
        self.line += 1;
        Some((start, content))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (&str, &str, u32) {
        match split(text) {
            Frontmatter::Present(s) => (&text[s.yaml_start..s.yaml_end], &text[s.body_start..], s.body_line),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn splits_plain_frontmatter() {
        let (yaml, body, line) = parts("---\nid: a\n---\n# Title\n");
        assert_eq!(yaml, "id: a\n");
        assert_eq!(body, "# Title\n");
        assert_eq!(line, 4);
    }

    #[test]
    fn accepts_bom_crlf_and_dots() {
        let (yaml, body, _) = parts("\u{feff}---\r\nid: a\r\n...\r\nbody");
        assert_eq!(yaml, "id: a\r\n");
        assert_eq!(body, "body");
    }

    #[test]
    fn a_later_rule_is_not_frontmatter() {
        assert_eq!(split("# Title\n\n---\nid: a\n---\n"), Frontmatter::Absent);
        assert_eq!(split("\n---\nid: a\n---\n"), Frontmatter::Absent);
    }

    #[test]
    fn a_rule_in_the_body_stays_in_the_body() {
        let (yaml, body, _) = parts("---\nid: a\n---\ntext\n\n---\n\nmore\n");
        assert_eq!(yaml, "id: a\n");
        assert_eq!(body, "text\n\n---\n\nmore\n");
    }

    #[test]
    fn unclosed_and_empty() {
        assert_eq!(split("---\nid: a\n"), Frontmatter::Unclosed);
        assert_eq!(split("---"), Frontmatter::Unclosed);
        let (yaml, body, _) = parts("---\n---\n");
        assert_eq!((yaml, body), ("", ""));
        assert_eq!(split(""), Frontmatter::Absent);
    }

    #[test]
    fn dots_do_not_open() {
        assert_eq!(split("...\nid: a\n---\n"), Frontmatter::Absent);
    }

    #[test]
    fn closing_fence_at_end_of_file_without_newline() {
        let (yaml, body, line) = parts("---\nid: a\n---");
        assert_eq!((yaml, body), ("id: a\n", ""));
        assert_eq!(line, 3, "the empty body sits on the fence's line (found by fuzzing)");
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn check(text: &str) {
        if let Frontmatter::Present(s) = split(text) {
            assert!(s.yaml_start <= s.yaml_end && s.yaml_end <= s.body_start && s.body_start <= text.len());
            for at in [s.yaml_start, s.yaml_end, s.body_start] {
                assert!(text.is_char_boundary(at));
            }
            let lines_before = |at: usize| u32::try_from(text[..at].matches('\n').count()).unwrap() + 1;
            assert_eq!(s.yaml_line, lines_before(s.yaml_start));
            assert_eq!(s.body_line, lines_before(s.body_start));
        }
    }

    proptest! {
        #[test]
        fn never_panics_and_offsets_are_consistent(text in "\\PC*") {
            check(&text);
        }

        #[test]
        fn fenced_texts_split_where_they_should(
            bom in any::<bool>(),
            crlf in any::<bool>(),
            yaml in "[a-z: \\-\\[\\]#\n]{0,60}",
            body in "[a-z\\-#\n ]{0,60}",
        ) {
            let nl = if crlf { "\r\n" } else { "\n" };
            let yaml = yaml.replace("---", "- -").replace("...", ". .");
            let yaml: String = yaml.lines().filter(|l| !l.trim().is_empty()).flat_map(|l| [l, nl]).collect();
            let text = format!("{}---{nl}{yaml}---{nl}{body}", if bom { "\u{feff}" } else { "" });
            // The same frontmatter with nothing after the closing fence.
            check(&format!("---{nl}{yaml}---"));
            check(&text);
            match split(&text) {
                Frontmatter::Present(s) => {
                    prop_assert_eq!(&text[s.yaml_start..s.yaml_end], yaml.as_str());
                    prop_assert_eq!(&text[s.body_start..], body.as_str());
                }
                other => prop_assert!(false, "{:?}", other),
            }
        }
    }
}
