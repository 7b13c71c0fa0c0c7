//! The id syntaxes: one definition each, read by the loader's check and by the JSON
//! Schemas' regular expressions.

/// Which id syntax a field must follow. Each is a first character and the characters
/// after it (`Chars`); the loader's check ([`IdSyntax::accepts`]) and the JSON Schemas'
/// regular expressions ([`IdSyntax::pattern`]) are both read from those.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IdSyntax {
    /// Roles and responsibilities: `^[a-z0-9][a-z0-9-]*$`.
    Kebab,
    /// Goals, roadmap and backlog items: `^[A-Za-z0-9][A-Za-z0-9._-]*$`.
    Item,
    /// A goal an item names: a goal id, or `product/goal` for another product's goal.
    GoalRef,
}

/// The ASCII characters an id may use at one place: lowercase letters and digits, the
/// uppercase letters when `upper`, and the punctuation in `extra` (with any `-` last,
/// where a regular expression's class reads it as itself).
#[derive(Clone, Copy, Debug)]
struct Chars {
    upper: bool,
    extra: &'static str,
}

impl Chars {
    fn contains(self, c: char) -> bool {
        c.is_ascii_lowercase() || c.is_ascii_digit() || (self.upper && c.is_ascii_uppercase()) || self.extra.contains(c)
    }

    fn class(self) -> String {
        format!("[{}a-z0-9{}]", if self.upper { "A-Z" } else { "" }, self.extra)
    }
}

/// A run of characters: one of `first`, then any number of `rest`.
#[derive(Clone, Copy, Debug)]
struct Word {
    first: Chars,
    rest: Chars,
}

impl Word {
    fn accepts(self, s: &str) -> bool {
        let mut chars = s.chars();
        chars.next().is_some_and(|c| self.first.contains(c)) && chars.all(|c| self.rest.contains(c))
    }

    fn pattern(self) -> String {
        format!("{}{}*", self.first.class(), self.rest.class())
    }
}

const KEBAB_WORD: Word = Word {
    first: Chars {
        upper: false,
        extra: "",
    },
    rest: Chars {
        upper: false,
        extra: "-",
    },
};
const ITEM_WORD: Word = Word {
    first: Chars { upper: true, extra: "" },
    rest: Chars {
        upper: true,
        extra: "._-",
    },
};

impl IdSyntax {
    pub(crate) const ALL: [IdSyntax; 3] = [IdSyntax::Kebab, IdSyntax::Item, IdSyntax::GoalRef];

    #[must_use]
    pub(crate) fn accepts(self, id: &str) -> bool {
        match self {
            IdSyntax::Kebab => KEBAB_WORD.accepts(id),
            IdSyntax::Item => ITEM_WORD.accepts(id),
            IdSyntax::GoalRef => match id.split_once('/') {
                Some((product, goal)) => KEBAB_WORD.accepts(product) && ITEM_WORD.accepts(goal),
                None => ITEM_WORD.accepts(id),
            },
        }
    }

    /// The same syntax as a regular expression, for the JSON Schemas.
    #[must_use]
    pub(crate) fn pattern(self) -> String {
        match self {
            IdSyntax::Kebab => format!("^{}$", KEBAB_WORD.pattern()),
            IdSyntax::Item => format!("^{}$", ITEM_WORD.pattern()),
            IdSyntax::GoalRef => format!("^({}/)?{}$", KEBAB_WORD.pattern(), ITEM_WORD.pattern()),
        }
    }

    /// Its name on the fields page.
    #[must_use]
    pub(crate) fn name(self) -> &'static str {
        match self {
            IdSyntax::Kebab => "kebab-case id",
            IdSyntax::Item => "item id",
            IdSyntax::GoalRef => "goal reference",
        }
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            IdSyntax::Kebab => "lowercase letters, digits and `-`, starting with a letter or digit",
            IdSyntax::Item => "letters, digits, `.`, `_` and `-`, starting with a letter or digit",
            IdSyntax::GoalRef => {
                "letters, digits, `.`, `_` and `-`, starting with a letter or digit, after an optional `product/`"
            }
        }
    }
}
