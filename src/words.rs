//! Small wording helpers shared by the human-readable outputs (the terminal, Markdown and
//! HTML reports, charters, findings' messages), so that a count reads the same everywhere.

/// `n` and the word for that many: `1 error`, `2 errors`, `0 errors`; the plural is
/// given, not guessed, for words such as `responsibility` (and phrases such as
/// `item is`/`items are`).
#[must_use]
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A list in words: `a`, `a and b`, `a, b and c`.
pub(crate) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(plural(1, "error", "errors"), "1 error");
        assert_eq!(plural(0, "error", "errors"), "0 errors");
        assert_eq!(plural(2, "responsibility", "responsibilities"), "2 responsibilities");
    }
}
