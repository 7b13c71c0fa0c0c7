//! The small types every layer shares: where a value was written ([`FileId`], [`Loc`],
//! [`Sp`]), what went wrong reading it ([`Problem`]), and which kind of document it is
//! ([`Kind`]).
//!
//! They sit below the configuration, the catalog, the loader and the model, so that
//! each of those can name a place or a problem without importing another: `pmpo.yaml`
//! is read into plain data before any model exists, and the model is built on top.

use crate::yaml::Span;

/// Index of a file in the model's list of files (`Model::files`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A place in the workspace: a file and a span in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    pub file: FileId,
    pub span: Span,
}

/// A value with the place it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sp<T> {
    pub value: T,
    pub loc: Loc,
}

impl<T> Sp<T> {
    pub fn new(value: T, loc: Loc) -> Self {
        Sp { value, loc }
    }
}

impl<T: AsRef<str>> Sp<T> {
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.value.as_ref()
    }
}

impl Sp<String> {
    /// As [`Text`]: inline when short, so the `String` read is freed.
    #[must_use]
    pub fn into_text(self) -> Sp<Text> {
        Sp::new(Text::new(&self.value), self.loc)
    }
}

/// Text the model holds for each of many backlog items (ids, goal references, titles):
/// up to 24 bytes inline, with no allocation of its own, which is most of them.
pub type Text = compact_str::CompactString;

/// The seven kinds of document FORMAT.md defines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Role,
    BacklogItem,
    Backlog,
    Vision,
    Roadmap,
    Catalog,
    DefinitionOfDone,
    People,
}

impl Kind {
    /// In the order path conventions are tried.
    pub const ALL: [Kind; 8] = [
        Kind::Role,
        Kind::BacklogItem,
        Kind::Backlog,
        Kind::Vision,
        Kind::Roadmap,
        Kind::Catalog,
        Kind::DefinitionOfDone,
        Kind::People,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Role => "role",
            Kind::BacklogItem => "backlog-item",
            Kind::Backlog => "backlog",
            Kind::Vision => "vision",
            Kind::Roadmap => "roadmap",
            Kind::Catalog => "catalog",
            Kind::DefinitionOfDone => "definition-of-done",
            Kind::People => "people",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A document that could not be read as its kind, or a field that is wrong: the
/// loader records these and the `parse-error` and `invalid-field` rules report them.
#[derive(Clone, Debug)]
pub struct Problem {
    pub kind: ProblemKind,
    pub message: String,
    pub loc: Loc,
    pub help: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    Parse,
    InvalidField,
    UnknownResponsibility,
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    /// Each top-level module of `src/` and the top-level modules its code (tests left out)
    /// names through `crate::`.
    fn imports() -> BTreeMap<String, BTreeSet<String>> {
        fn walk(dir: &Path, top: Option<&str>, graph: &mut BTreeMap<String, BTreeSet<String>>) {
            let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
            entries.sort();
            for path in entries {
                let name = path.file_stem().unwrap().to_string_lossy().into_owned();
                let module = top.map_or(name.clone(), str::to_string);
                if path.is_dir() {
                    walk(&path, Some(&module), graph);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") || (top.is_none() && (name == "lib" || name == "main")) {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                // Code only: no tests, no comments (a doc link names a module it does
                // not import).
                let code: String = text
                    .split("#[cfg(test)]")
                    .next()
                    .unwrap_or("")
                    .lines()
                    .map(|line| line.split("//").next().unwrap_or(""))
                    .collect::<Vec<_>>()
                    .join("\n");
                let targets = graph.entry(module.clone()).or_default();
                for (at, _) in code.match_indices("crate::") {
                    let rest = &code[at + "crate::".len()..];
                    let target: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                        .collect();
                    if !target.is_empty() && target != module {
                        targets.insert(target);
                    }
                }
            }
        }
        let mut graph = BTreeMap::new();
        walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), None, &mut graph);
        graph
    }

    /// A circle of imports, if there is one, as the modules along it.
    fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
        fn visit<'g>(
            node: &'g str,
            graph: &'g BTreeMap<String, BTreeSet<String>>,
            path: &mut Vec<&'g str>,
            done: &mut BTreeSet<&'g str>,
        ) -> Option<Vec<String>> {
            if let Some(at) = path.iter().position(|p| *p == node) {
                let mut found: Vec<String> = path[at..].iter().map(ToString::to_string).collect();
                found.push(node.to_string());
                return Some(found);
            }
            if !done.insert(node) {
                return None;
            }
            path.push(node);
            for next in graph.get(node).into_iter().flatten() {
                if let Some(found) = visit(next, graph, path, done) {
                    return Some(found);
                }
            }
            path.pop();
            None
        }
        let mut done = BTreeSet::new();
        graph
            .keys()
            .find_map(|start| visit(start, graph, &mut Vec::new(), &mut done))
    }

    #[test]
    fn no_module_imports_in_a_circle() {
        let graph = imports();
        let imports_of = |m: &str| graph.get(m).unwrap_or_else(|| panic!("no module {m}: {graph:?}"));
        assert!(
            imports_of("load").contains("catalog"),
            "the scan sees imports: {graph:?}"
        );
        assert!(imports_of("model").contains("config"));
        for (module, below) in [
            ("catalog", "load"),
            ("config", "model"),
            ("config", "load"),
            ("base", "model"),
        ] {
            assert!(!imports_of(module).contains(below), "{module} imports {below}");
        }
        if let Some(found) = circle(&graph) {
            panic!("an import circle: {}", found.join(" -> "));
        }
        let mut with_circle = graph.clone();
        with_circle.get_mut("base").unwrap().insert("load".into());
        assert!(circle(&with_circle).is_some(), "a circle is found when there is one");
    }
}
