//! Reading typed fields out of a [`Node`] tree, recording every problem as it goes.
//!
//! A derived `Deserialize` stops at the first wrong field; a user fixing a charter
//! wants all of them, each underlined. So documents are read by hand through this
//! `Reader`, which turns a wrong type, an unknown field or a bad id into an
//! `invalid-field` problem with its span, and carries on. A mapping's fields are read
//! through a [`Mapping`], which takes each field's type from its table.

use super::id::IdSyntax;
use super::table::{Item, Table, Type};
use crate::base::{FileId, Loc, Problem, ProblemKind, Sp};
use crate::suggest;
use crate::yaml::{Key, Node, Scalar, Span, Value};

/// Reads one document's YAML, whose text starts `base_offset` bytes and
/// `base_line - 1` lines into its file.
pub(crate) struct Reader<'a> {
    pub file: FileId,
    base_offset: u32,
    base_line: u32,
    pub problems: &'a mut Vec<Problem>,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(file: FileId, base_offset: u32, base_line: u32, problems: &'a mut Vec<Problem>) -> Self {
        Reader {
            file,
            base_offset,
            base_line,
            problems,
        }
    }

    #[must_use]
    pub(crate) fn loc(&self, span: Span) -> Loc {
        Loc {
            file: self.file,
            span: span.shifted(self.base_offset, self.base_line),
        }
    }

    pub(crate) fn problem(&mut self, kind: ProblemKind, span: Span, message: String, help: Option<String>) {
        let loc = self.loc(span);
        self.problems.push(Problem {
            kind,
            message,
            loc,
            help,
        });
    }

    pub(crate) fn invalid(&mut self, span: Span, message: String, help: Option<String>) {
        self.problem(ProblemKind::InvalidField, span, message, help);
    }

    /// [`Reader::invalid`] at a place already located in the file (a value read before).
    pub(crate) fn invalid_at(&mut self, loc: Loc, message: String, help: Option<String>) {
        self.problems.push(Problem {
            kind: ProblemKind::InvalidField,
            message,
            loc,
            help,
        });
    }

    /// The entries of a mapping, or a problem saying what `what` should have been.
    pub(crate) fn map<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [(Key, Node)]> {
        if let Some(entries) = node.as_map() {
            return Some(entries);
        }
        let found = node.type_name();
        self.invalid(node.span, format!("{what} must be a mapping, found {found}"), None);
        None
    }

    /// Record every key of `entries` that is not a field of `table`, suggesting the
    /// nearest.
    pub(crate) fn unknown_keys(&mut self, entries: &[(Key, Node)], table: &Table) {
        for (key, _) in entries {
            if table.field(&key.name).is_some() {
                continue;
            }
            let what = table.what;
            let help = suggest::hint(&key.name, table.names()).or_else(|| {
                let known: Vec<&str> = table.names().collect();
                Some(format!("the fields of {what} are: {}", known.join(", ")))
            });
            self.invalid(key.span, format!("unknown field `{}` in {what}", key.name), help);
        }
    }

    /// A scalar as text. Null is treated as absent.
    pub(crate) fn text(&mut self, node: &Node, field: &str) -> Option<Sp<String>> {
        if node.is_null() {
            return None;
        }
        if let Some(text) = node.as_text() {
            return Some(Sp::new(text, self.loc(node.span)));
        }
        let found = node.type_name();
        self.invalid(node.span, format!("`{field}` must be text, found {found}"), None);
        None
    }

    /// A list of scalars; a single scalar is read as a list of one.
    pub(crate) fn texts(&mut self, node: &Node, field: &str) -> Vec<Sp<String>> {
        match &node.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(|item| {
                    if item.is_null() {
                        self.invalid(item.span, format!("`{field}` has an empty entry"), None);
                        return None;
                    }
                    self.text(item, field)
                })
                .collect(),
            Value::Scalar(Scalar::Null) => Vec::new(),
            Value::Scalar(_) => self.text(node, field).into_iter().collect(),
            Value::Map(_) => {
                self.invalid(node.span, format!("`{field}` must be a list, found a mapping"), None);
                Vec::new()
            }
        }
    }

    /// A list of ids of the given syntax.
    pub(crate) fn ids(&mut self, node: &Node, field: &str, syntax: IdSyntax) -> Vec<Sp<String>> {
        let ids = self.texts(node, field);
        ids.into_iter().filter(|id| self.check_id(id, field, syntax)).collect()
    }

    /// An id of the given syntax.
    pub(crate) fn id(&mut self, node: &Node, field: &str, syntax: IdSyntax) -> Option<Sp<String>> {
        let id = self.text(node, field)?;
        self.check_id(&id, field, syntax).then_some(id)
    }

    fn check_id(&mut self, id: &Sp<String>, field: &str, syntax: IdSyntax) -> bool {
        if syntax.accepts(&id.value) {
            return true;
        }
        let help = Some(format!("ids use {}", syntax.describe()));
        self.problems.push(Problem {
            kind: ProblemKind::InvalidField,
            message: format!("`{field}` is not a valid id: `{}`", id.value),
            loc: id.loc,
            help,
        });
        false
    }

    pub(crate) fn int(&mut self, node: &Node, field: &str) -> Option<Sp<i64>> {
        match &node.value {
            Value::Scalar(Scalar::Int(i, _)) => Some(Sp::new(*i, self.loc(node.span))),
            Value::Scalar(Scalar::Null) => None,
            _ => {
                let found = node.type_name();
                self.invalid(node.span, format!("`{field}` must be an integer, found {found}"), None);
                None
            }
        }
    }

    /// Any finite number; an integer is read as one.
    pub(crate) fn number(&mut self, node: &Node, field: &str) -> Option<Sp<f64>> {
        match &node.value {
            #[allow(clippy::cast_precision_loss)] // ranks beyond 2^53 are not ranks anyone writes
            Value::Scalar(Scalar::Int(i, _)) => Some(Sp::new(*i as f64, self.loc(node.span))),
            Value::Scalar(Scalar::Float(f, _)) if f.is_finite() => Some(Sp::new(*f, self.loc(node.span))),
            Value::Scalar(Scalar::Null) => None,
            Value::Scalar(Scalar::Float(..)) => {
                self.invalid(node.span, format!("`{field}` must be a finite number"), None);
                None
            }
            _ => {
                let found = node.type_name();
                self.invalid(node.span, format!("`{field}` must be a number, found {found}"), None);
                None
            }
        }
    }

    pub(crate) fn bool(&mut self, node: &Node, field: &str) -> Option<bool> {
        match &node.value {
            Value::Scalar(Scalar::Bool(b)) => Some(*b),
            Value::Scalar(Scalar::Null) => None,
            _ => {
                let found = node.type_name();
                self.invalid(
                    node.span,
                    format!("`{field}` must be true or false, found {found}"),
                    None,
                );
                None
            }
        }
    }

    /// The items of a list, or a problem.
    pub(crate) fn seq<'n>(&mut self, node: &'n Node, field: &str) -> &'n [Node] {
        match &node.value {
            Value::Seq(items) => items,
            Value::Scalar(Scalar::Null) => &[],
            _ => {
                let found = node.type_name();
                self.invalid(node.span, format!("`{field}` must be a list, found {found}"), None);
                &[]
            }
        }
    }
}

/// One mapping read against its table: every field is read by its name in the table,
/// and the table's entry says what the field holds (an id's syntax, a list's part table)
/// and whether it is required. So a field's name and type are written once, in
/// `tables.rs`; a read that does not fit its entry fails in debug builds and tests.
#[derive(Clone, Copy)]
pub(crate) struct Mapping<'n> {
    entries: &'n [(Key, Node)],
    table: &'static Table,
    /// Where a missing required field is reported: the mapping's span.
    at: Span,
}

impl Reader<'_> {
    /// `entries` read against `table`, every key that is no field of it a problem;
    /// `at` is where a missing required field is reported.
    pub(crate) fn fields<'n>(&mut self, entries: &'n [(Key, Node)], table: &'static Table, at: Span) -> Mapping<'n> {
        self.unknown_keys(entries, table);
        Mapping { entries, table, at }
    }

    /// A part of a document (an entry of a list, `uses`, `limits`) read against its
    /// table, or a problem saying it should have been a mapping.
    pub(crate) fn part<'n>(&mut self, node: &'n Node, table: &'static Table) -> Option<Mapping<'n>> {
        let entries = self.map(node, table.what)?;
        Some(self.fields(entries, table, node.span))
    }
}

impl<'n> Mapping<'n> {
    /// The value of the field `name`, whose table entry `fits`; a problem when it is
    /// missing and the table requires it.
    fn entry(&self, r: &mut Reader<'_>, name: &str, fits: impl Fn(Type) -> bool) -> Option<&'n Node> {
        debug_assert!(
            self.table.field(name).is_some_and(|f| fits(f.ty)),
            "`{name}` is no field of {} read this way",
            self.table.what
        );
        let found = get(self.entries, name);
        // The table is asked only for a missing or null field: a read of a present one
        // costs a look through the entries alone.
        if found.is_none_or(Node::is_null) && self.table.requires(name) {
            // Null stands for an absent field; a required one is then a problem, not a
            // value silently left out.
            let (at, message) = match found {
                Some(null) => (null.span, format!("{}'s `{name}` is empty", self.table.what)),
                None => (
                    self.at,
                    format!("{} is missing the required field `{name}`", self.table.what),
                ),
            };
            r.invalid(at, message, None);
            return None;
        }
        found
    }

    /// The value of the field `name` as written, for a type its caller reads itself
    /// (RACI letters, globs by kind, levels by rule, a folder, a mapping of a part).
    pub(crate) fn get(&self, r: &mut Reader<'_>, name: &str) -> Option<&'n Node> {
        self.entry(r, name, |_| true)
    }

    /// The entries as written, unknown keys included.
    pub(crate) fn entries(&self) -> &'n [(Key, Node)] {
        self.entries
    }

    /// Whether the mapping gives `name` a value: a key written null gives none, as if it
    /// were absent.
    pub(crate) fn has(&self, name: &str) -> bool {
        get(self.entries, name).is_some_and(|n| !n.is_null())
    }

    /// The span of the key `name`, when the mapping has it.
    pub(crate) fn key_span(&self, name: &str) -> Option<Span> {
        self.entries.iter().find(|(k, _)| k.name == name).map(|(k, _)| k.span)
    }

    /// A scalar field as text: a `Text` field, or one whose caller parses it further
    /// from its text (a status, a date, a level, a built-in catalog's name).
    pub(crate) fn text(&self, r: &mut Reader<'_>, name: &str) -> Option<Sp<String>> {
        let fits = |ty| matches!(ty, Type::Text | Type::Status | Type::Date | Type::Level | Type::Builtin);
        let node = self.entry(r, name, fits)?;
        r.text(node, name)
    }

    /// A list of scalars ([`Type::Texts`] of any scalar); `None` when absent.
    pub(crate) fn texts(&self, r: &mut Reader<'_>, name: &str) -> Option<Vec<Sp<String>>> {
        let fits = |ty| matches!(ty, Type::Texts(Item::Scalar | Item::NonBlank));
        let node = self.entry(r, name, fits)?;
        Some(r.texts(node, name))
    }

    /// An id, of the syntax the table gives.
    pub(crate) fn id(&self, r: &mut Reader<'_>, name: &str) -> Option<Sp<String>> {
        let node = self.entry(r, name, |ty| syntax(ty).is_some())?;
        let syntax = self.table.field(name).and_then(|f| syntax(f.ty))?;
        r.id(node, name, syntax)
    }

    /// A list of ids, of the syntax the table gives; a single one is read as a list of
    /// one (so `uses:` can say that one of its one-id fields holds a list). `None` when
    /// absent.
    pub(crate) fn ids(&self, r: &mut Reader<'_>, name: &str) -> Option<Vec<Sp<String>>> {
        let node = self.entry(r, name, |ty| syntax(ty).is_some())?;
        let syntax = self.table.field(name).and_then(|f| syntax(f.ty))?;
        Some(r.ids(node, name, syntax))
    }

    /// A count: an integer (whether it may be negative is the caller's to say).
    pub(crate) fn count(&self, r: &mut Reader<'_>, name: &str) -> Option<Sp<i64>> {
        let node = self.entry(r, name, |ty| matches!(ty, Type::Count))?;
        r.int(node, name)
    }

    /// Any finite number.
    pub(crate) fn number(&self, r: &mut Reader<'_>, name: &str) -> Option<Sp<f64>> {
        let node = self.entry(r, name, |ty| matches!(ty, Type::Number))?;
        r.number(node, name)
    }

    /// `true` or `false`.
    pub(crate) fn bool(&self, r: &mut Reader<'_>, name: &str) -> Option<bool> {
        let node = self.entry(r, name, |ty| matches!(ty, Type::Bool))?;
        r.bool(node, name)
    }

    /// A mapping field ([`Type::Map`]) read against its table, or a problem saying it
    /// should have been a mapping; `None` when absent.
    pub(crate) fn map(&self, r: &mut Reader<'_>, name: &str) -> Option<Mapping<'n>> {
        let node = self.entry(r, name, |ty| matches!(ty, Type::Map(..)))?;
        let Some(Type::Map(table, nullable)) = self.table.field(name).map(|f| f.ty) else {
            return None;
        };
        if nullable && node.is_null() {
            // `uses: null`, as the JSON Schema allows: the same as no `uses`.
            return None;
        }
        r.part(node, table)
    }

    /// The entries of a list of parts, with the parts' table (each read with
    /// [`Reader::part`]); none when absent.
    pub(crate) fn list(&self, r: &mut Reader<'_>, name: &str) -> (&'n [Node], &'static Table) {
        let table = match self.table.field(name).map(|f| f.ty) {
            Some(Type::List(t)) => t,
            _ => &super::tables::ITEM,
        };
        let fits = |ty| matches!(ty, Type::List(_) | Type::Items);
        let items = self.entry(r, name, fits).map_or(&[][..], |node| r.seq(node, name));
        (items, table)
    }
}

/// The id syntax of a field that holds ids.
fn syntax(ty: Type) -> Option<IdSyntax> {
    match ty {
        Type::Id(s) | Type::IdOrNull(s) | Type::Texts(Item::Id(s)) => Some(s),
        _ => None,
    }
}

/// The value of `field` in a mapping's entries.
#[must_use]
fn get<'n>(entries: &'n [(Key, Node)], field: &str) -> Option<&'n Node> {
    entries.iter().find(|(k, _)| k.name == field).map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    #[test]
    fn unknown_keys_are_located_and_suggested() {
        let node = yaml::parse("title: x\nholder: [a]\n").unwrap();
        let mut problems = Vec::new();
        let mut r = Reader::new(FileId(0), 4, 2, &mut problems);
        let entries = r.map(&node, "a role").unwrap();
        r.unknown_keys(entries, &super::super::ROLE);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].loc.span.line, 3, "shifted by the frontmatter fence");
        assert_eq!(problems[0].loc.span.offset, 4 + 9);
        assert_eq!(problems[0].help.as_deref(), Some("did you mean `holders`?"));
    }

    #[test]
    fn wrong_types_are_problems_not_values() {
        let node = yaml::parse("team_size: seven\nholders: {a: 1}\n").unwrap();
        let mut problems = Vec::new();
        let mut r = Reader::new(FileId(0), 0, 1, &mut problems);
        assert!(r.int(node.get("team_size").unwrap(), "team_size").is_none());
        assert!(r.texts(node.get("holders").unwrap(), "holders").is_empty());
        assert_eq!(problems.len(), 2);
        assert!(problems[0].message.contains("must be an integer, found a string"));
    }

    /// A read takes the id syntax and the required fields from the table: a goal's `id`
    /// is an item id and required, with nothing said at the read.
    #[test]
    fn a_nullable_mapping_written_null_is_absent() {
        let mut problems = Vec::new();
        let mut r = Reader::new(FileId(0), 0, 1, &mut problems);
        let node = yaml::parse("uses: null\nlimits: null\n").unwrap();
        let catalog = r.part(&node, &super::super::CATALOG).unwrap();
        assert!(catalog.map(&mut r, "uses").is_none());
        assert!(catalog.map(&mut r, "limits").is_none());
        // `uses` may be null, `limits` may not.
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages, ["`limits` must be a mapping, found null"]);
    }

    #[test]
    fn a_required_field_written_null_is_a_problem_where_it_is() {
        let node = yaml::parse("goals:\n  - id: ~\n    title: T\n  - id: G2\n").unwrap();
        let mut problems = Vec::new();
        let mut r = Reader::new(FileId(0), 0, 1, &mut problems);
        let vision = r.part(&node, &super::super::VISION).unwrap();
        let (goals, table) = vision.list(&mut r, "goals");
        let ids: Vec<Option<String>> = goals
            .iter()
            .map(|g| r.part(g, table).unwrap().id(&mut r, "id").map(|id| id.value))
            .collect();
        assert_eq!(ids, [None, Some("G2".to_string())]);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].message, "a goal's `id` is empty");
        assert_eq!((problems[0].loc.span.line, problems[0].loc.span.column), (2, 9));
        // Null stays absent for a field that is not required.
        let mut problems = Vec::new();
        let mut r = Reader::new(FileId(0), 0, 1, &mut problems);
        let goal = yaml::parse("id: G1\ntitle: ~\n").unwrap();
        let goal = r.part(&goal, table).unwrap();
        assert!(goal.text(&mut r, "title").is_none());
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn a_read_takes_the_type_from_the_table() {
        let node = yaml::parse("goals:\n  - {id: not an id}\n  - {title: T}\n").unwrap();
        let mut problems = Vec::new();
        let mut r = Reader::new(FileId(0), 0, 1, &mut problems);
        let vision = r.part(&node, &super::super::VISION).unwrap();
        let (goals, table) = vision.list(&mut r, "goals");
        assert_eq!(table.what, "a goal");
        for goal in goals {
            let goal = r.part(goal, table).unwrap();
            assert!(goal.id(&mut r, "id").is_none());
        }
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`id` is not a valid id: `not an id`",
                "a goal is missing the required field `id`"
            ]
        );
        assert_eq!(
            problems[0].help.as_deref(),
            Some(format!("ids use {}", IdSyntax::Item.describe()).as_str())
        );
    }

    /// A read that does not fit the field's entry in the table is a mistake in pmpo,
    /// caught in debug builds (and so by every test that reaches it).
    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "`title` is no field of a role read this way")]
    fn a_read_that_does_not_fit_the_table_fails() {
        let node = yaml::parse("title: x\n").unwrap();
        let mut problems = Vec::new();
        let mut r = Reader::new(FileId(0), 0, 1, &mut problems);
        let role = r.part(&node, &super::super::ROLE).unwrap();
        let _ = role.count(&mut r, "title");
    }
}
