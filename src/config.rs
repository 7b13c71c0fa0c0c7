//! `pmpo.yaml`: the workspace's settings.
//!
//! Unlike a document, an invalid `pmpo.yaml` stops the run (exit 2): a check run under
//! settings the user did not mean would pass or fail for the wrong reasons. Every
//! problem is collected and shown at once, each with its line and a did-you-mean.

use std::collections::BTreeMap;

use crate::base::{FileId, Kind, Loc, Problem, ProblemKind, Sp};
use crate::date::Date;
use crate::fields::{self, Mapping, Reader};
use crate::finding::Severity;
use crate::yaml;

pub(crate) const FILE_NAME: &str = "pmpo.yaml";
pub(crate) const DEFAULT_MAX_LOAD: i64 = 24;
pub(crate) const DEFAULT_MAX_TEAM_SIZE: i64 = 10;
pub(crate) const DEFAULT_MAX_FILE_BYTES: i64 = 4 * 1024 * 1024;

/// A rule's configured level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    /// What `rules:` takes, most severe first.
    pub const ALL: [Level; 4] = [
        Level::On(Severity::Error),
        Level::On(Severity::Warning),
        Level::On(Severity::Info),
        Level::Off,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::On(severity) => severity.as_str(),
        }
    }

    fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

#[derive(Clone, Debug)]
pub struct Waiver {
    pub responsibility: Sp<String>,
    pub reason: String,
    pub until: Option<Sp<Date>>,
    /// Only in this product or team (and, for a product, its teams); every scope without.
    pub scope: Option<Sp<String>>,
}

/// A declared product or team (FORMAT.md, "Products and teams"). `pmpo.yaml` lists
/// them as one flat list: each product followed by its teams, so output grouped by
/// product reads in the order the user wrote.
#[derive(Clone, Debug)]
pub struct ScopeDef {
    pub id: Sp<String>,
    pub title: Option<String>,
    /// Relative to the root, with `/`, no trailing `/`.
    pub path: Option<String>,
    /// For a team, the index of its product in [`Config::scopes`]; `None` for a product.
    pub product: Option<usize>,
    /// Developers in the team (`size:` of a team).
    pub size: Option<Sp<i64>>,
    /// A product declared without teams: it is its own one team.
    pub teamless: bool,
}

impl ScopeDef {
    #[must_use]
    pub fn is_team(&self) -> bool {
        self.product.is_some()
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    /// The file, when the workspace has one.
    pub file: Option<FileId>,
    pub catalog: Option<Sp<String>>,
    pub exclude: Vec<String>,
    pub paths: BTreeMap<Kind, Vec<String>>,
    pub rules: BTreeMap<String, Level>,
    /// The limit in force: `pmpo.yaml`'s, else the catalog's default (set by the
    /// loader once the catalog is known).
    pub max_load: i64,
    /// Whether `pmpo.yaml` sets `limits.max_load`.
    pub max_load_configured: bool,
    pub max_team_size: i64,
    /// `limits.notice_days`: how early `holder-leaving` warns before a person's `until`.
    pub notice_days: i64,
    pub max_file_bytes: i64,
    pub waivers: Vec<Waiver>,
    /// Products and their teams, each product followed by its teams; empty when
    /// `pmpo.yaml` declares none (the workspace is one product with one team).
    pub scopes: Vec<ScopeDef>,
    /// `scopes` by id, so that 100,000 items naming a scope each cost one lookup.
    pub scope_ids: std::collections::HashMap<String, usize>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            file: None,
            catalog: None,
            exclude: Vec::new(),
            paths: BTreeMap::new(),
            rules: BTreeMap::new(),
            max_load: DEFAULT_MAX_LOAD,
            max_load_configured: false,
            max_team_size: DEFAULT_MAX_TEAM_SIZE,
            notice_days: 30,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            waivers: Vec::new(),
            scopes: Vec::new(),
            scope_ids: std::collections::HashMap::new(),
        }
    }
}

impl Config {
    /// Read `pmpo.yaml`'s text into plain data. `rule_names` are the rules `rules:` may
    /// name.
    ///
    /// # Errors
    /// Every problem in the file, in the order found; the caller renders them at once
    /// (`error::ConfigError`).
    pub fn parse(text: &str, file: FileId, rule_names: &[&str]) -> Result<Config, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut config = Config {
            file: Some(file),
            ..Config::default()
        };
        match yaml::parse(text) {
            Err(err) => problems.push(Problem {
                kind: ProblemKind::Parse,
                message: format!("invalid YAML: {}", err.message),
                loc: Loc { file, span: err.span },
                help: None,
            }),
            Ok(node) if node.is_null() => {}
            Ok(node) => config.read(&node, file, rule_names, &mut problems),
        }
        if problems.is_empty() { Ok(config) } else { Err(problems) }
    }

    fn read(&mut self, node: &yaml::Node, file: FileId, rule_names: &[&str], problems: &mut Vec<Problem>) {
        let mut r = Reader::new(file, 0, 1, problems);
        let Some(entries) = r.map(node, "pmpo.yaml") else {
            return;
        };
        let m = r.fields(entries, &fields::CONFIG, node.span);
        if let Some(catalog) = m.text(&mut r, "catalog") {
            self.catalog = Some(catalog);
        }
        if let Some(exclude) = m.texts(&mut r, "exclude") {
            self.exclude = exclude.into_iter().map(|s| s.value).collect();
        }
        if let Some(v) = m.get(&mut r, "paths")
            && let Some(kinds) = r.map(v, "`paths`")
        {
            self.read_paths(&mut r, kinds);
        }
        if let Some(v) = m.get(&mut r, "rules")
            && let Some(rules) = r.map(v, "`rules`")
        {
            self.read_rules(&mut r, rules, rule_names);
        }
        if let Some(limits) = m.map(&mut r, "limits") {
            self.read_limits(&mut r, &limits);
        }
        self.read_waivers(&mut r, &m);
        self.read_products(&mut r, &m);
        self.check_waiver_scopes(&mut r);
    }

    /// `paths:`, document kind to globs.
    fn read_paths(&mut self, r: &mut Reader<'_>, kinds: &[(yaml::Key, yaml::Node)]) {
        for (key, globs) in kinds {
            match Kind::parse(&key.name) {
                Some(kind) => {
                    let list = r.texts(globs, &key.name).into_iter().map(|s| s.value).collect();
                    self.paths.insert(kind, list);
                }
                None => {
                    let help = crate::suggest::hint(&key.name, Kind::ALL.iter().map(|k| k.as_str()));
                    r.invalid(key.span, format!("`paths` names no document kind `{}`", key.name), help);
                }
            }
        }
    }

    /// `rules:`, rule name to level.
    fn read_rules(&mut self, r: &mut Reader<'_>, rules: &[(yaml::Key, yaml::Node)], rule_names: &[&str]) {
        for (key, level) in rules {
            if !rule_names.contains(&key.name.as_str()) {
                let help = crate::suggest::hint(&key.name, rule_names.iter().copied())
                    .or_else(|| Some("`pmpo rules` lists them".to_string()));
                r.invalid(key.span, format!("no rule is called `{}`", key.name), help);
                continue;
            }
            match level.as_text().as_deref().and_then(Level::parse) {
                Some(l) => {
                    self.rules.insert(key.name.clone(), l);
                }
                None => r.invalid(
                    level.span,
                    format!("`{}` must be error, warning, info or off", key.name),
                    None,
                ),
            }
        }
    }

    /// `limits:`, each a count. Every key is read as a count, an unknown one too (it is
    /// a problem already, and its value may be a second).
    fn read_limits(&mut self, r: &mut Reader<'_>, limits: &Mapping<'_>) {
        for (key, value) in limits.entries() {
            let Some(n) = r.int(value, &key.name) else { continue };
            if n.value < 0 {
                r.invalid(value.span, format!("`{}` must not be negative", key.name), None);
                continue;
            }
            match key.name.as_str() {
                "max_load" => {
                    self.max_load = n.value;
                    self.max_load_configured = true;
                }
                "max_team_size" => self.max_team_size = n.value,
                "notice_days" => self.notice_days = n.value,
                "max_file_bytes" => self.max_file_bytes = n.value,
                _ => {}
            }
        }
    }

    /// `waivers:`, each kept only with its responsibility and reason.
    fn read_waivers(&mut self, r: &mut Reader<'_>, m: &Mapping<'_>) {
        let (list, table) = m.list(r, "waivers");
        for w in list {
            let Some(waiver) = r.part(w, table) else { continue };
            let resp = waiver.id(r, "responsibility");
            let reason = waiver.text(r, "reason");
            if reason.as_ref().is_some_and(|s| s.value.trim().is_empty()) {
                r.invalid(w.span, "a waiver needs a reason".to_string(), None);
            }
            let until = waiver.text(r, "until").and_then(|text| match Date::parse(&text.value) {
                Some(d) => Some(Sp::new(d, text.loc)),
                None => {
                    r.invalid_at(
                        text.loc,
                        format!("`until` must be a date like 2027-06-30, found `{}`", text.value),
                        None,
                    );
                    None
                }
            });
            let scope = waiver.id(r, "scope");
            if let (Some(responsibility), Some(reason)) = (resp, reason) {
                self.waivers.push(Waiver {
                    responsibility,
                    reason: reason.value,
                    until,
                    scope,
                });
            }
        }
    }

    /// Waivers are read before products; their scopes are checked once both are known.
    fn check_waiver_scopes(&self, r: &mut Reader<'_>) {
        for w in &self.waivers {
            if let Some(scope) = &w.scope
                && self.scope_index(scope.as_str()).is_none()
            {
                let help = self.scope_hint(scope.as_str());
                r.invalid_at(
                    scope.loc,
                    format!(
                        "the waiver's `scope` names no declared product or team `{}`",
                        scope.value
                    ),
                    help,
                );
            }
        }
    }

    /// `products:`, each followed by its teams.
    fn read_products(&mut self, r: &mut Reader<'_>, m: &Mapping<'_>) {
        let (list, table) = m.list(r, "products");
        for p in list {
            let Some(pe) = r.part(p, table) else { continue };
            let Some(id) = pe.id(r, "id") else { continue };
            let product = self.scopes.len();
            let title = pe.text(r, "title").map(|t| t.value);
            let path = pe.get(r, "path").and_then(|n| read_path(r, n));
            self.push_scope(
                r,
                ScopeDef {
                    id,
                    title,
                    path,
                    product: None,
                    size: None,
                    teamless: true,
                },
            );
            let (teams, table) = pe.list(r, "teams");
            for t in teams {
                let Some(te) = r.part(t, table) else { continue };
                let Some(id) = te.id(r, "id") else { continue };
                let title = te.text(r, "title").map(|t| t.value);
                let path = te.get(r, "path").and_then(|n| read_path(r, n));
                let size = te.count(r, "size");
                if let Some(s) = &size
                    && s.value < 0
                {
                    r.invalid_at(s.loc, "`size` must not be negative".into(), None);
                }
                self.scopes[product].teamless = false;
                self.push_scope(
                    r,
                    ScopeDef {
                        id,
                        title,
                        path,
                        product: Some(product),
                        size,
                        teamless: false,
                    },
                );
            }
        }
    }

    /// Add a product or team, refusing a second one with an id already declared
    /// (products and teams share one namespace).
    fn push_scope(&mut self, r: &mut Reader<'_>, def: ScopeDef) {
        if let Some(first) = self.scope_index(def.id.as_str()) {
            let line = self.scopes[first].id.loc.span.line;
            r.invalid(
                def.id.loc.span,
                format!("the product or team id `{}` is declared twice", def.id.value),
                Some(format!(
                    "products and teams share one namespace; the first is on line {line}"
                )),
            );
            return;
        }
        self.scope_ids.insert(def.id.value.clone(), self.scopes.len());
        self.scopes.push(def);
    }

    /// The index in [`Config::scopes`] of the product or team with this id.
    #[must_use]
    pub fn scope_index(&self, id: &str) -> Option<usize> {
        self.scope_ids.get(id).copied()
    }

    /// A did-you-mean over the declared products and teams.
    #[must_use]
    pub fn scope_hint(&self, id: &str) -> Option<String> {
        if self.scopes.is_empty() {
            return Some("declare products and teams under `products:` in pmpo.yaml".into());
        }
        crate::suggest::hint(id, self.scopes.iter().map(|s| s.id.as_str()))
            .or_else(|| Some(format!("declared: {}", self.scope_names())))
    }

    fn scope_names(&self) -> String {
        self.scopes.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// A product's or team's `path:`: relative, inside the root, no `..`; kept with `/`
/// and without a trailing `/` so that it compares with document paths.
fn read_path(r: &mut Reader<'_>, n: &yaml::Node) -> Option<String> {
    let text = r.text(n, "path")?;
    let trimmed = text.value.trim().trim_start_matches("./").trim_end_matches('/');
    let bad = trimmed.is_empty()
        || trimmed.starts_with('/')
        || trimmed.contains('\\')
        || trimmed.split('/').any(|c| c == ".." || c == "." || c.is_empty())
        || (trimmed.len() > 1 && trimmed.as_bytes()[1] == b':');
    if bad {
        r.invalid(
            n.span,
            format!("`path` must be a folder inside the root, found `{}`", text.value),
            Some("write it relative to the root, like products/checkout".into()),
        );
        return None;
    }
    Some(trimmed.to_string())
}
