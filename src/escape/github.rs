//! GitHub Actions workflow commands (`::error file=…::message`): exactly what
//! `@actions/core` does (`escapeData`, `escapeProperty`), so that a message holding any
//! text is still one command on one line, and a path with `,` or `:` stays one property.
//! They escape the command syntax only; text from documents goes through
//! [`super::terminal`] first, since the log renders terminal escapes.

/// A command's message, as `escapeData` does it.
#[must_use]
pub(crate) fn github_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A command's property value, as `escapeProperty` does it.
#[must_use]
pub(crate) fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(github_data("100% done\r\nnext::x, y"), "100%25 done%0D%0Anext::x, y");
        assert_eq!(github_property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
        assert_eq!(github_data("%0A"), "%250A", "an escape in the text stays text");
    }

    /// What the runner does with a property value: every `%XX` back to its character.
    fn unescaped(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(at) = rest.find('%') {
            out.push_str(&rest[..at]);
            let code = &rest[at + 1..at + 3];
            out.push(char::from(u8::from_str_radix(code, 16).unwrap()));
            rest = &rest[at + 3..];
        }
        out.push_str(rest);
        out
    }

    proptest::proptest! {
        #[test]
        fn a_property_is_one_value_that_reads_back(text in super::super::tests::ANY_TEXT) {
            let property = github_property(&text);
            proptest::prop_assert!(!property.contains(['\r', '\n', ',', ':']), "{:?}", property);
            proptest::prop_assert_eq!(unescaped(&property), text.clone());
            let data = github_data(&text);
            proptest::prop_assert!(!data.contains(['\r', '\n']));
            proptest::prop_assert_eq!(unescaped(&data), text);
        }
    }
}
