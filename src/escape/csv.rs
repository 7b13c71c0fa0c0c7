//! CSV fields (RFC 4180), for `pmpo matrix --format csv` and `pmpo people --format csv`.

/// One CSV field: quoted when it holds a comma, a quote, a line break or surrounding
/// spaces, with quotes doubled. Line breaks are kept: CSV can carry them.
#[must_use]
pub(crate) fn csv(text: &str) -> String {
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

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv("plain"), "plain");
        assert_eq!(csv("a,b"), "\"a,b\"");
        assert_eq!(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv(" pad"), "\" pad\"");
    }

    proptest::proptest! {
        #[test]
        fn a_field_reads_back_as_the_text(text in super::super::tests::ANY_TEXT) {
            let field = csv(&text);
            let read = match field.strip_prefix('"').and_then(|f| f.strip_suffix('"')) {
                Some(inner) if field.len() >= 2 => {
                    proptest::prop_assert!(!inner.replace("\"\"", "").contains('"'), "{:?}", field);
                    inner.replace("\"\"", "\"")
                }
                _ => {
                    proptest::prop_assert!(!field.contains([',', '"', '\n', '\r']), "{:?}", field);
                    field.clone()
                }
            };
            proptest::prop_assert_eq!(read, text);
        }
    }
}
