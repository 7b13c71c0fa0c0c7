//! What a field table is: the fields of one mapping, each with its type, and the
//! items of a list.

use super::id::IdSyntax;
use crate::base::Kind;

/// The fields of one mapping: a document, `pmpo.yaml`, or a part of one (a goal, a
/// waiver, `limits`).
#[derive(Debug)]
pub(crate) struct Table {
    /// As messages name it: "a role", "`limits`".
    pub what: &'static str,
    /// A document's title in its JSON Schema; `None` for a part of a document.
    pub title: Option<&'static str>,
    /// One sentence: the schema's description.
    pub description: &'static str,
    /// In the order "the fields of … are" lists them.
    pub fields: &'static [Field],
}

/// One field of a [`Table`].
#[derive(Debug)]
pub(crate) struct Field {
    pub name: &'static str,
    pub ty: Type,
    /// The mapping is not read without it.
    pub required: bool,
    pub description: &'static str,
}

/// What a field holds, as the loader reads it. Null stands for an absent field
/// throughout, except where a variant says otherwise.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Type {
    /// The document kind; optional where the path gives it.
    Kind(Kind),
    /// Any scalar, read as its text; a required one must not be blank.
    Text,
    /// A list of [`Item`]s, a single one (read as a list of one), or null (none).
    Texts(Item),
    /// An id of this syntax.
    Id(IdSyntax),
    /// An id of this syntax, or null.
    IdOrNull(IdSyntax),
    /// An integer, zero or more.
    Count,
    /// Any finite number.
    Number,
    /// `true` or `false`.
    Bool,
    /// Known and not read: anything goes.
    Any,
    /// A list of mappings of that table.
    List(&'static Table),
    /// The items of a backlog list: [`ITEM`], where `id` is required and `kind` not read.
    Items,
    /// A mapping of that table (none of its fields is required); `null` when `nullable`.
    Map(&'static Table, bool),
    /// Responsibility id → RACI letter.
    Raci,
    /// A backlog status or one of its aliases.
    Status,
    /// An ISO date, `2027-06-30`.
    Date,
    /// A folder relative to the root.
    Folder,
    /// `product` or `team`.
    Level,
    /// A built-in catalog's name, `builtin:pm-po`.
    Builtin,
    /// Document kind → globs.
    KindGlobs,
    /// Rule name → severity or `off`.
    RuleLevels,
}

/// What a [`Type::Texts`] list holds.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Item {
    /// Any scalar, as text.
    Scalar,
    /// Text that is not blank.
    NonBlank,
    /// An id of this syntax.
    Id(IdSyntax),
}

impl Table {
    /// The field names, in order.
    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.fields.iter().map(|f| f.name)
    }

    #[must_use]
    pub(crate) fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Whether the field `name` is required: a look at the flags first, so that asking
    /// for an optional field compares no names.
    #[must_use]
    pub(crate) fn requires(&self, name: &str) -> bool {
        self.fields.iter().any(|f| f.required && f.name == name)
    }

    /// The tables nested in this one (lists and mappings of fields), in field order,
    /// depth first, each once.
    #[must_use]
    pub(crate) fn parts(&'static self) -> Vec<&'static Table> {
        fn collect(t: &'static Table, out: &mut Vec<&'static Table>) {
            for f in t.fields {
                if let Type::List(inner) | Type::Map(inner, _) = f.ty
                    && !out.iter().any(|o| std::ptr::eq(*o, inner))
                {
                    out.push(inner);
                    collect(inner, out);
                }
            }
        }
        let mut out = Vec::new();
        collect(self, &mut out);
        out
    }
}
