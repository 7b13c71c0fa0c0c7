//! Loading: from a root directory to a [`Model`].
//!
//! walk → read and parse each file in parallel → assemble in path order. A document
//! that cannot be read becomes a problem in the model and the load goes on; only what
//! stops the whole run (an unreadable root, an invalid `pmpo.yaml`) is an error here.

pub(crate) mod backlog_md;
pub(crate) mod conventions;
pub(crate) mod documents;
pub(crate) mod frontmatter;
pub(crate) mod ignores;
mod kinds;
pub(crate) mod markdown;
mod paths;
pub(crate) mod walk;

use std::path::{Path, PathBuf};

use globset::GlobSet;
use rayon::prelude::*;

use crate::catalog;
use crate::config::{self, Config};
use crate::error::ToolError;
use crate::model::{CatalogDoc, FileId, Kind, Loc, Model, Problem, ProblemKind, SourceFile};
use crate::yaml::Span;
use documents::{FileResult, Parsed};

/// How many files are parsed (in parallel) before their results join the model.
const CHUNK: usize = 4096;

/// The directory to check when the user names none: the nearest one holding
/// `pmpo.yaml`, from `start` upward to the git root, else `start`.
#[must_use]
pub(crate) fn find_root(start: &Path) -> PathBuf {
    let mut dir = Some(start);
    while let Some(d) = dir {
        if d.join(config::FILE_NAME).is_file() {
            return d.to_path_buf();
        }
        if d.join(".git").exists() {
            break;
        }
        dir = d.parent();
    }
    start.to_path_buf()
}

/// Per file, the declared scope whose `path:` holds it most closely. Nothing is
/// computed without products, so a workspace without them pays nothing.
fn file_scopes(model: &Model) -> Vec<Option<u32>> {
    let scopes = &model.config.scopes;
    if scopes.iter().all(|s| s.path.is_none()) {
        return Vec::new();
    }
    model
        .files
        .iter()
        .map(|f| {
            let mut best: Option<(usize, u32)> = None;
            for (i, s) in scopes.iter().enumerate() {
                let Some(p) = &s.path else { continue };
                let inside =
                    f.path.len() > p.len() && f.path.starts_with(p.as_str()) && f.path.as_bytes()[p.len()] == b'/';
                if inside && best.is_none_or(|(len, _)| p.len() > len) {
                    best = Some((p.len(), crate::yaml::sat_u32(i)));
                }
            }
            best.map(|(_, i)| i)
        })
        .collect()
}

/// Make room for `new` more items, `done` of `total` files parsed: as many as the
/// files parsed so far promise for the rest, so that a workspace of one item per file
/// grows its list once, to its size, instead of doubling past it. The guess never
/// counts more than one item for each file still to come, so a long list in an early
/// file cannot make it reserve far more than the input holds, and a guess too low grows
/// by half again at least, as a `Vec` would.
fn reserve_items<T>(items: &mut Vec<T>, new: usize, done: usize, total: usize) {
    let need = items.len() + new;
    if need <= items.capacity() {
        return;
    }
    let guess = (need.saturating_mul(total) / done.max(1)).min(need + total.saturating_sub(done));
    let target = guess.max(need).max(items.capacity() + items.capacity() / 2);
    items.reserve_exact(target - items.len());
}

/// `pmpo.yaml` may be a link only to a file the walk reads under its own name (a
/// `.yaml` file in no hidden, skipped or ignored place): never to `.env` or
/// `.git/config`, whose text an error message would show.
fn refuse_link_to_unread(
    root: &Path,
    path: &Path,
    exclude: &GlobSet,
    ignores: &ignores::Ignores,
) -> Result<(), ToolError> {
    if !path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
        return Ok(());
    }
    let real = std::fs::canonicalize(path).ok();
    if real.is_some_and(|real| walk::reads(root, &real, exclude, ignores)) {
        return Ok(());
    }
    Err(ToolError::Io {
        path: walk::relative(root, path),
        reason: "it is a symbolic link to a file the walk does not read under its own name (outside the root, hidden, in `.git`, ignored or no YAML file); not followed".into(),
    })
}

/// Load the workspace at `root`, keeping each document's text. `rule_names` are what
/// `pmpo.yaml` may configure.
///
/// # Errors
/// The root cannot be read, or `pmpo.yaml` is invalid.
pub(crate) fn load(root: &Path, rule_names: &[&str]) -> Result<Model, ToolError> {
    load_with(root, rule_names, Texts::Keep)
}

/// Whether the model keeps the texts only some outputs print: each document's text,
/// which serves code frames and span ends, and each backlog item's title, which only
/// charters print. A report with none of them (`--format json`) drops them as soon as
/// the document is parsed, which at 100,000 items is most of the memory a run needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Texts {
    Keep,
    Drop,
}

/// [`load`], keeping the documents' texts or not.
///
/// Named steps: open the root, read `pmpo.yaml`, walk, read and parse each file (a
/// chunk at a time, in parallel), fold the results into the model in path order, and
/// build what follows from the whole: the walk's problems, the catalog in force, each
/// document's scope.
///
/// # Errors
/// The root cannot be read, or `pmpo.yaml` is invalid.
pub(crate) fn load_with(root: &Path, rule_names: &[&str], texts: Texts) -> Result<Model, ToolError> {
    let canonical = open_root(root)?;
    let mut model = Model::default();
    let default_max = u64::try_from(Config::default().max_file_bytes).unwrap_or(u64::MAX);
    let ignores = ignores::Ignores::new(&canonical, default_max);
    read_config(&canonical, rule_names, &ignores, &mut model)?;
    let exclude = conventions::glob_set(&model.config.exclude).map_err(|e| ToolError::Usage {
        message: crate::escape::terminal(&format!("invalid glob in `exclude` of pmpo.yaml: {e}")),
        help: None,
    })?;
    let base = base_catalog(&model.config)?;
    let walked = walk::walk(&canonical, &exclude, &ignores);
    model.repo_prefix = walked.repo_prefix.clone().unwrap_or_default();
    let reading = Reading::new(&canonical, &model.config, &walked, texts)?;
    let catalog_docs = read_all(&mut model, walked.files, walked.problems.len(), &reading);
    walk_problems(&mut model, walked.problems, walked.same_file, &reading.conventions);
    let chosen = chosen_catalog(&model, &catalog_docs, reading.catalog_path.as_deref())?;
    let chosen = chosen.map(|i| &catalog_docs[i]);
    model.catalog = catalog::resolve(
        chosen.map(|(_, d)| d),
        chosen.map_or("", |(rel, _)| rel.as_ref()),
        base,
        &mut model.problems,
    );
    if !model.config.max_load_configured {
        model.config.max_load = model.catalog.max_load;
    }
    model.catalog_docs = catalog_docs.into_iter().map(|(_, d)| d).collect();
    model.file_scopes = file_scopes(&model);
    model.resolve_scopes();
    model.index_people();
    model.backlog_md = reading.conventions.backlog_md().cloned();
    Ok(model)
}

/// The root, canonical: a directory that can be listed.
fn open_root(root: &Path) -> Result<PathBuf, ToolError> {
    let root_err = |reason: String| ToolError::Root {
        path: root.display().to_string(),
        reason,
    };
    let canonical = std::fs::canonicalize(root).map_err(|e| root_err(e.to_string()))?;
    if !canonical.is_dir() {
        return Err(root_err("not a directory".into()));
    }
    crate::fsio::list(&canonical).map_err(|e| root_err(e.to_string()))?;
    Ok(canonical)
}

/// `pmpo.yaml`, when the root has one, into `model.config`, its text kept as the
/// model's first file.
fn read_config(
    canonical: &Path,
    rule_names: &[&str],
    ignores: &ignores::Ignores,
    model: &mut Model,
) -> Result<(), ToolError> {
    let config_path = canonical.join(config::FILE_NAME);
    if config_path.symlink_metadata().is_err() {
        return Ok(());
    }
    refuse_link_to_unread(canonical, &config_path, &GlobSet::empty(), ignores)?;
    // Read before the limits it sets are known: the default limit holds, since a
    // configuration file has no reason to be larger.
    let max = u64::try_from(Config::default().max_file_bytes).unwrap_or(u64::MAX);
    let bytes = crate::fsio::read_in(canonical, Path::new(config::FILE_NAME), max).map_err(|e| ToolError::Io {
        path: config::FILE_NAME.into(),
        reason: e.to_string(),
    })?;
    let text = String::from_utf8(bytes).map_err(|e| ToolError::Io {
        path: config::FILE_NAME.into(),
        reason: format!("it is not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
    })?;
    model.config = Config::parse(&text, FileId(0), rule_names)
        .map_err(|problems| Box::new(crate::error::ConfigError::invalid(config::FILE_NAME, &text, &problems)))?;
    model.files.push(SourceFile {
        path: config::FILE_NAME.into(),
        kind: None,
        text: Some(text.into_boxed_str()),
    });
    Ok(())
}

/// The built-in catalog a workspace catalog extends by default, or the one `catalog:`
/// names. An unknown built-in stops the run before the walk, as any `pmpo.yaml` problem
/// does.
fn base_catalog(config: &Config) -> Result<&'static catalog::Builtin, ToolError> {
    let Some(named) = config.catalog.as_ref().filter(|c| catalog::is_builtin_name(&c.value)) else {
        return Ok(&catalog::BUILTINS[0]);
    };
    catalog::find(&named.value).ok_or_else(|| ToolError::Usage {
        message: format!("pmpo.yaml names the catalog `{}`, which is no built-in", named.value),
        help: Some(
            crate::suggest::hint(&named.value, catalog::BUILTINS.iter().map(|b| b.name))
                .unwrap_or_else(|| "`pmpo catalog --list` lists the built-ins".to_string()),
        ),
    })
}

/// What reading one walked file needs, settled before any file is read.
struct Reading<'a> {
    canonical: &'a Path,
    conventions: conventions::Conventions,
    /// The catalog file `pmpo.yaml` names, root-relative, as the walk names it.
    catalog_path: Option<String>,
    max_bytes: u64,
    /// A Backlog.md repository: its `backlog/config.yml` is no document.
    skip_config: bool,
    texts: Texts,
}

impl<'a> Reading<'a> {
    fn new(canonical: &'a Path, config: &Config, walked: &walk::Walked, texts: Texts) -> Result<Self, ToolError> {
        let max_bytes = u64::try_from(config.max_file_bytes).unwrap_or(u64::MAX);
        // A Backlog.md repository changes which files are documents, so it is known
        // before any file is parsed; its config is read only when the walk kept it.
        let backlog_md = walked
            .files
            .iter()
            .find(|f| f.rel == backlog_md::CONFIG)
            .and_then(|f| backlog_md::detect_file(&f.path(canonical), f.key, max_bytes));
        let skip_config = backlog_md.is_some();
        let conventions =
            conventions::Conventions::with_backlog_md(&config.paths, backlog_md).map_err(|e| ToolError::Usage {
                message: format!("invalid glob in `paths` of pmpo.yaml: {e}"),
                help: None,
            })?;
        Ok(Reading {
            canonical,
            conventions,
            catalog_path: catalog_path(canonical, config),
            max_bytes,
            skip_config,
            texts,
        })
    }

    /// One walked file, `i` in the model's files: read, parsed, its text kept or not.
    fn file(&self, i: usize, f: &walk::WalkedFile) -> FileResult {
        let id = FileId(crate::yaml::sat_u32(i));
        // Backlog.md's settings are not a backlog, whatever `paths:` says.
        if self.skip_config && f.rel == backlog_md::CONFIG {
            return FileResult::default();
        }
        let conventions = &self.conventions;
        let bytes = match documents::read(id, &f.path(self.canonical), f.key, &f.rel, conventions, self.max_bytes) {
            Ok(bytes) => bytes,
            Err(result) => return result,
        };
        let convention = conventions.kind_of(&f.rel);
        let settings = conventions.backlog_md();
        // The catalog `pmpo.yaml` names is a catalog wherever it lives.
        let named_catalog = self.catalog_path.as_deref() == Some(f.rel.as_str());
        let mut result = documents::parse(id, &f.rel, &bytes, convention, settings);
        if named_catalog && convention.is_none() && result.kind.is_none() {
            result = documents::parse(id, &f.rel, &bytes, Some(Kind::Catalog), settings);
        }
        // Dropped here, on the thread that read it, rather than a chunk later.
        if self.texts == Texts::Drop {
            if let Some(Parsed::Items(items)) = &mut result.parsed {
                for item in items {
                    item.title = crate::model::Text::default();
                }
            }
        } else if result.kind.is_some() {
            result.text = Some(match String::from_utf8(bytes) {
                Ok(s) => s.into_boxed_str(),
                Err(e) => String::from_utf8_lossy(e.as_bytes()).into(),
            });
        }
        result
    }
}

/// The catalog file `pmpo.yaml` names (no built-in), root-relative. A link names the
/// file it leads to, which the walk read under its own name (if it reads it at all: then
/// the catalog is found, else it is missing).
fn catalog_path(canonical: &Path, config: &Config) -> Option<String> {
    config
        .catalog
        .as_ref()
        .filter(|c| !catalog::is_builtin_name(&c.value))
        .map(|c| c.value.trim_start_matches("./").to_string())
        .map(|rel| match std::fs::canonicalize(canonical.join(&rel)) {
            Ok(real)
                if real.starts_with(canonical)
                    && canonical.join(&rel).symlink_metadata().is_ok_and(|m| m.is_symlink()) =>
            {
                walk::relative(canonical, &real)
            }
            _ => rel,
        })
}

/// Every walked file read and folded into the model. Files are parsed in parallel a
/// chunk at a time and each chunk is folded into the model in path order before the
/// next: only one chunk of parse results is alive at once. The walked list is taken from
/// its end, reversed, so that it shrinks as the model grows; the model's lists are sized
/// once, from the walk (and `more` files still to come) and the items met so far.
/// Returns the catalog documents met, each with its path.
fn read_all(
    model: &mut Model,
    mut files: Vec<walk::WalkedFile>,
    more: usize,
    reading: &Reading<'_>,
) -> Vec<(std::sync::Arc<str>, CatalogDoc)> {
    let mut catalog_docs = Vec::new();
    let total = files.len();
    model.files.reserve_exact(total + more);
    files.reverse();
    loop {
        let mut chunk = files.split_off(files.len().saturating_sub(CHUNK));
        if chunk.is_empty() {
            break;
        }
        chunk.reverse();
        if files.capacity() > 2 * files.len() + CHUNK {
            files.shrink_to_fit();
        }
        let first = model.files.len();
        let results: Vec<FileResult> = chunk
            .par_iter()
            .enumerate()
            .map(|(i, file)| reading.file(first + i, file))
            .collect();
        let new_items: usize = results
            .iter()
            .map(|r| match &r.parsed {
                Some(Parsed::Items(items)) => items.len(),
                _ => 0,
            })
            .sum();
        reserve_items(&mut model.items, new_items, first + chunk.len(), total);
        for (f, result) in chunk.into_iter().zip(results) {
            fold(model, f.rel, result, &mut catalog_docs);
        }
    }
    catalog_docs
}

/// One file's result into the model: the file, and its document in its kind's list
/// (a catalog document into `catalog_docs`, which are resolved once all are known).
fn fold(model: &mut Model, rel: String, result: FileResult, catalog_docs: &mut Vec<(std::sync::Arc<str>, CatalogDoc)>) {
    let file = FileId(crate::yaml::sat_u32(model.files.len()));
    model.files.push(SourceFile {
        path: rel.into(),
        kind: result.kind,
        text: result.text,
    });
    if result.skipped {
        model.skipped.push(file);
    }
    if let Some(span) = result.stray_charter {
        model.stray_charters.push(Loc { file, span });
    }
    let Some(kind) = result.kind else { return };
    model.documents += 1;
    if kind == Kind::Role {
        model.role_documents += 1;
    }
    model.problems.extend(result.problems);
    match result.parsed {
        Some(Parsed::Role(role)) => model.roles.push(role),
        Some(Parsed::Vision(v)) => model.visions.push(v),
        Some(Parsed::Roadmap(r)) => model.roadmaps.push(r),
        Some(Parsed::Items(items)) => model.items.extend(items),
        Some(Parsed::Catalog(c)) => {
            let rel = model.files.last().map(|f| f.path.clone()).unwrap_or_default();
            catalog_docs.push((rel, c));
        }
        Some(Parsed::DefinitionOfDone(d)) => model.definitions_of_done.push(d),
        // The first people document is in force (by convention `people.yaml`).
        Some(Parsed::People(p)) => {
            if model.people.is_none() {
                model.people = Some(p);
            }
        }
        None => model.unread.push((file, kind)),
    }
}

/// The walk's problems, each a file of its own at the end of the model's files, in path
/// order. A link to a file read under another name matters only when either is a
/// document.
fn walk_problems(
    model: &mut Model,
    mut problems: Vec<(String, String)>,
    same_file: Vec<(String, String)>,
    conventions: &conventions::Conventions,
) {
    for (link, read) in same_file {
        let document = |rel: &str| {
            conventions.kind_of(rel).is_some() || model.files.iter().any(|f| &*f.path == rel && f.kind.is_some())
        };
        if document(&link) || document(&read) {
            let message = format!("leads to the same file as `{read}`, which is read once; skipped");
            problems.push((link, message));
        }
    }
    problems.sort();
    for (rel, message) in problems {
        let about_link = message.contains("link");
        let id = FileId(crate::yaml::sat_u32(model.files.len()));
        model.files.push(SourceFile {
            path: rel.into(),
            kind: None,
            text: None,
        });
        model.problems.push(Problem {
            kind: ProblemKind::Parse,
            message,
            loc: Loc {
                file: id,
                span: Span::START,
            },
            // What the walk refuses is a path, not text to fix.
            help: Some(if about_link {
                "remove the link, or point it at a document of the workspace under its own name".into()
            } else {
                "move or remove this path; the rest of the workspace is checked meanwhile".into()
            }),
        });
    }
}

/// Which of the catalog documents is in force: the one `pmpo.yaml` names (an error when
/// it is none of them), none when `pmpo.yaml` names a built-in, else the first (and
/// `duplicate-id` reports the others).
fn chosen_catalog(
    model: &Model,
    catalog_docs: &[(std::sync::Arc<str>, CatalogDoc)],
    catalog_path: Option<&str>,
) -> Result<Option<usize>, ToolError> {
    let Some(path) = catalog_path else {
        if model.config.catalog.is_some() {
            return Ok(None);
        }
        return Ok((!catalog_docs.is_empty()).then_some(0));
    };
    let found = catalog_docs.iter().position(|(rel, _)| **rel == *path);
    if found.is_some() {
        return Ok(found);
    }
    let loc = model.config.catalog.as_ref().map(|c| c.loc);
    let written = model.config.catalog.as_ref().map_or(path, |c| c.value.as_str());
    Err(ToolError::Usage {
        message: format!(
            "pmpo.yaml names the catalog `{}`, which is not a readable catalog document in the workspace (a link counts only to a file the walk reads under its own name)",
            crate::escape::terminal(written)
        ),
        help: loc.map(|l| format!("see pmpo.yaml line {}", l.span.line)),
    })
}

#[cfg(test)]
mod tests {
    use super::reserve_items;

    #[test]
    fn one_item_per_file_is_sized_once() {
        let mut items: Vec<u64> = Vec::new();
        reserve_items(&mut items, 4096, 4096, 100_000);
        assert!((100_000..=100_100).contains(&items.capacity()), "{}", items.capacity());
        let before = items.capacity();
        items.resize(4096, 0);
        reserve_items(&mut items, 4096, 8192, 100_000);
        assert_eq!(items.capacity(), before, "no second allocation");
    }

    #[test]
    fn a_long_list_early_reserves_no_more_than_the_files_left_can_hold() {
        let mut items: Vec<u8> = Vec::new();
        // One file of a million items, then a million files still to come.
        reserve_items(&mut items, 1_000_000, 1, 1_000_001);
        assert!(items.capacity() <= 2_000_100, "{}", items.capacity());
        assert!(items.capacity() >= 1_000_000);
    }

    #[test]
    fn a_guess_too_low_grows_by_half_at_least() {
        let mut items: Vec<u8> = Vec::new();
        reserve_items(&mut items, 10, 10, 10);
        items.resize(10, 0);
        // More items than files: each step still grows geometrically.
        reserve_items(&mut items, 1, 10, 10);
        assert!(items.capacity() >= 15, "{}", items.capacity());
    }
}
