//! Reading typed fields out of a [`Node`] tree, recording every problem as it goes.
//!
//! A derived `Deserialize` stops at the first wrong field; a user fixing a charter
//! wants all of them, each underlined. So documents are read by hand through this
//! `Reader`, which turns a wrong type, an unknown field or a bad id into an
//! `invalid-field` problem with its span, and carries on.

use super::{IdSyntax, Table};
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

    /// A field `table` marks required; records a problem at `at` when it is missing.
    pub(crate) fn require<'n>(
        &mut self,
        entries: &'n [(Key, Node)],
        table: &Table,
        field: &str,
        at: Span,
    ) -> Option<&'n Node> {
        debug_assert!(
            table.field(field).is_some_and(|f| f.required),
            "`{field}` is not a required field of {}",
            table.what
        );
        let found = get(entries, field);
        if found.is_none() {
            self.invalid(
                at,
                format!("{} is missing the required field `{field}`", table.what),
                None,
            );
        }
        found
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

/// The value of `field` in a mapping's entries.
#[must_use]
pub(crate) fn get<'n>(entries: &'n [(Key, Node)], field: &str) -> Option<&'n Node> {
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
}
