//! The tree's shape, checked: no source file imports another in a circle, and the
//! top-level modules import one another exactly as `docs/architecture.md` draws it.
//!
//! Imports are read as text from the code (the test module and comments left out): every
//! `crate::a::b` path, every `super::` and `self::` path (`use super::*` too), and a module
//! naming one of its own files without a prefix (`walk::` in `load/mod.rs`, `groups::` in
//! `report/human.rs`). A path names the deepest source file it reaches, so
//! `crate::load::walk::reads` is an arrow to `src/load/walk.rs` and `crate::load::Texts`
//! one to `src/load/mod.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module path, `["load", "walk"]` for `src/load/walk.rs`; the crate root is empty.
type Module = Vec<String>;

/// Each source file's module and its code, without its test module and comments.
fn sources() -> BTreeMap<Module, String> {
    fn walk(dir: &Path, prefix: &[String], out: &mut BTreeMap<Module, String>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for path in entries {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let mut module = prefix.to_vec();
            if path.is_dir() {
                module.push(name);
                walk(&path, &module, out);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            if prefix.is_empty() && matches!(name.as_str(), "lib" | "main") {
                continue;
            }
            if name != "mod" {
                module.push(name);
            }
            let text = std::fs::read_to_string(&path).unwrap();
            out.insert(module, code_only(&text));
        }
    }
    let mut out = BTreeMap::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &[], &mut out);
    out
}

/// The code of a file without its test module and comments (a doc link names a module it
/// does not import). Other items marked `#[cfg(test)]` stay: an import of theirs counts.
fn code_only(text: &str) -> String {
    let mut end = text.len();
    for (at, _) in text.match_indices("#[cfg(test)]") {
        let after = text[at + "#[cfg(test)]".len()..].trim_start();
        let after = after.strip_prefix("pub(crate) ").unwrap_or(after);
        if after.starts_with("mod ") {
            end = at;
            break;
        }
    }
    text[..end]
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The paths that follow `start` (`crate::`, `super::`, ...) in `code`, as segments: one
/// path each for the first-level items of a `{...}` group.
fn paths_after<'c>(code: &'c str, start: &str) -> Vec<Vec<&'c str>> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices(start) {
        // `my_crate::`, `escape::json::` name something else.
        if code[..at].chars().next_back().is_some_and(|c| is_ident(c) || c == ':') {
            continue;
        }
        let mut segments = Vec::new();
        let mut rest = &code[at + start.len()..];
        loop {
            let end = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
            if end == 0 {
                break;
            }
            segments.push(&rest[..end]);
            rest = &rest[end..];
            match rest.strip_prefix("::") {
                Some(next) => rest = next,
                None => break,
            }
        }
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for item in group.split(',') {
                let first: String = item.trim().chars().take_while(|c| is_ident(*c)).collect();
                if !first.is_empty() && first != "self" {
                    let mut path = segments.clone();
                    path.push(&item.trim()[..first.len()]);
                    out.push(path);
                }
            }
        }
        // `use super::*` names the module itself.
        if !segments.is_empty() || rest.starts_with('*') {
            out.push(segments);
        }
    }
    out
}

/// The file-level import graph: each file's module and the modules (files) its code names.
fn file_graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let sources = sources();
    let deepest = |path: &[String]| -> Option<Module> {
        (1..=path.len())
            .rev()
            .map(|n| path[..n].to_vec())
            .find(|m| sources.contains_key(m))
    };
    let mut graph = BTreeMap::new();
    for (module, code) in &sources {
        let children: Vec<&Module> = sources
            .keys()
            .filter(|m| m.len() == module.len() + 1 && m.starts_with(module))
            .collect();
        // `super` is the parent of a file's module, or of the folder for a `mod.rs`.
        let parent: Module = module[..module.len().saturating_sub(1)].to_vec();
        let mut named: Vec<Module> = Vec::new();
        for path in paths_after(code, "crate::") {
            named.push(path.iter().map(ToString::to_string).collect());
        }
        for path in paths_after(code, "super::") {
            let ups = path.iter().take_while(|s| **s == "super").count();
            let mut full = parent[..parent.len().saturating_sub(ups)].to_vec();
            full.extend(path[ups..].iter().map(ToString::to_string));
            named.push(full);
        }
        for path in paths_after(code, "self::") {
            let mut full = module.clone();
            full.extend(path.iter().map(ToString::to_string));
            named.push(full);
        }
        // A module with files of its own (a folder's `mod.rs`, or `human.rs` beside
        // `human/`) names them without a prefix.
        for child in children {
            let name = child.last().unwrap();
            for path in paths_after(code, &format!("{name}::")) {
                let mut full = child.clone();
                full.extend(path.iter().map(ToString::to_string));
                named.push(full);
            }
        }
        let targets: BTreeSet<Module> = named
            .iter()
            .filter_map(|path| deepest(path))
            .filter(|target| target != module && !target.is_empty())
            .collect();
        graph.insert(module.clone(), targets);
    }
    graph
}

/// The graph of top-level modules drawn from the file graph.
fn top_graph(files: &BTreeMap<Module, BTreeSet<Module>>) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, targets) in files {
        let top = &from[0];
        let entry = graph.entry(top.clone()).or_default();
        for target in targets {
            if target[0] != *top {
                entry.insert(target[0].clone());
            }
        }
    }
    graph
}

/// The top-level imports `docs/architecture.md` draws, from its block under "No import
/// circle": one line a module (or a list of modules), `a, b → x, y`, `→ nothing`, or
/// `→ everything above` for the commands.
fn drawn() -> BTreeMap<String, Option<BTreeSet<String>>> {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md")).unwrap();
    let after = doc.split("**No import circle.**").nth(1).expect("the section");
    let block = after
        .split("```text")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("its block");
    let mut out = BTreeMap::new();
    for line in block.lines().filter(|l| !l.trim().is_empty()) {
        let (left, right) = line.split_once('→').unwrap_or_else(|| panic!("no arrow in `{line}`"));
        let right = right.trim();
        let targets = match right {
            "everything above" => None,
            "nothing" => Some(BTreeSet::new()),
            _ => Some(right.split(',').map(|t| t.trim().to_string()).collect()),
        };
        for module in left.split(',') {
            let module = module.trim().to_string();
            assert!(!out.contains_key(&module), "`{module}` is drawn twice");
            out.insert(module, targets.clone());
        }
    }
    out
}

/// A circle in `graph`, if there is one, as the nodes along it.
fn circle<N: Ord + Clone>(graph: &BTreeMap<N, BTreeSet<N>>) -> Option<Vec<N>> {
    fn visit<'g, N: Ord + Clone>(
        node: &'g N,
        graph: &'g BTreeMap<N, BTreeSet<N>>,
        path: &mut Vec<&'g N>,
        done: &mut BTreeSet<&'g N>,
    ) -> Option<Vec<N>> {
        if let Some(at) = path.iter().position(|p| *p == node) {
            let mut found: Vec<N> = path[at..].iter().map(|n| (*n).clone()).collect();
            found.push(node.clone());
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
fn the_scan_sees_imports_of_every_kind() {
    let files = file_graph();
    let of = |m: &str| -> &BTreeSet<Module> {
        let key: Module = m.split("::").map(ToString::to_string).collect();
        files.get(&key).unwrap_or_else(|| panic!("no file for {m}"))
    };
    let module = |m: &str| -> Module { m.split("::").map(ToString::to_string).collect() };
    // `crate::` with a group, `super::`, and a `mod.rs` naming its child.
    assert!(of("load").contains(&module("catalog")), "{:?}", of("load"));
    assert!(of("load").contains(&module("load::walk")), "{:?}", of("load"));
    assert!(
        of("load::walk").contains(&module("load::ignores")),
        "{:?}",
        of("load::walk")
    );
    assert!(of("model").contains(&module("config")));
    let paths = paths_after(
        "use crate::a::{b, c::D, self};\nx crate::e;\nmy_crate::f; x::crate::g",
        "crate::",
    );
    assert_eq!(paths, vec![vec!["a", "b"], vec!["a", "c"], vec!["a"], vec!["e"]]);
    assert_eq!(paths_after("use super::*;", "super::"), vec![Vec::<&str>::new()]);
    // A module beside a folder of its own files names them without a prefix.
    assert!(
        of("report::human").contains(&module("report::human::groups")),
        "{:?}",
        of("report::human")
    );
    // Only the test module is cut: a `#[cfg(test)]` item before it is still read.
    assert_eq!(
        code_only("a\n#[cfg(test)]\nfn b() {}\n#[cfg(test)]\nmod tests {}"),
        "a\n#[cfg(test)]\nfn b() {}"
    );
}

#[test]
fn no_source_file_imports_another_in_a_circle() {
    let files = file_graph();
    // Every circle, each found by cutting the last arrow of the one before it.
    let mut rest = files.clone();
    let mut circles = Vec::new();
    while let Some(found) = circle(&rest) {
        let names: Vec<String> = found.iter().map(|m| m.join("::")).collect();
        circles.push(names.join(" -> "));
        let (from, to) = (&found[found.len() - 2], &found[found.len() - 1]);
        rest.get_mut(from).map(|targets| targets.remove(to));
    }
    assert!(
        circles.is_empty(),
        "import circles between files:\n{}",
        circles.join("\n")
    );
    let mut with_circle = files.clone();
    with_circle
        .get_mut(&vec!["base".to_string()])
        .unwrap()
        .insert(vec!["load".to_string()]);
    assert!(circle(&with_circle).is_some(), "a circle is found when there is one");
}

#[test]
fn top_level_modules_import_as_the_architecture_page_draws() {
    let code = top_graph(&file_graph());
    let drawn = drawn();
    let mut wrong = Vec::new();
    for (module, imports) in &code {
        match drawn.get(module) {
            None => wrong.push(format!("`{module}` is not drawn (it imports {imports:?})")),
            Some(Some(listed)) if listed != imports => {
                wrong.push(format!("`{module}` imports {imports:?}, the page draws {listed:?}"));
            }
            Some(_) => {}
        }
    }
    for module in drawn.keys() {
        if !code.contains_key(module) {
            wrong.push(format!("the page draws `{module}`, which is no module"));
        }
    }
    assert!(
        wrong.is_empty(),
        "docs/architecture.md disagrees with the code:\n{}",
        wrong.join("\n")
    );
    // Every target is drawn with its own imports, below what imports it.
    for (module, targets) in &drawn {
        for target in targets.iter().flatten() {
            assert!(
                matches!(drawn.get(target), Some(Some(_))),
                "`{module}` is drawn importing `{target}`, which is not drawn with its imports"
            );
        }
    }
    // The drawing itself runs one way: what is drawn is a layering.
    let layers: BTreeMap<String, BTreeSet<String>> = drawn.into_iter().filter_map(|(m, t)| t.map(|t| (m, t))).collect();
    assert_eq!(circle(&layers), None, "the drawn graph has a circle");
}
