//! Scopes on the model: every document's scope resolved once after the load, and the
//! products and teams that hold one another.

use super::{Model, Scope};
use crate::base::{FileId, Sp};
use crate::config::Config;

impl Model {
    /// Resolve every document's scope once, after the load: each role's scopes, each
    /// vision's, roadmap's, item's and Definition of Done's. Everything after the load
    /// reads these and never resolves a scope again.
    pub(crate) fn resolve_scopes(&mut self) {
        let (config, paths) = (&self.config, &self.file_scopes);
        let at = |written: Option<&Sp<String>>, file: FileId| scope_of(config, paths, written, file);
        for role in &mut self.roles {
            let mut scopes: Vec<Scope> = Vec::with_capacity(role.scope.len().max(1));
            for written in &role.scope {
                // An unknown entry of a list (`unknown-scope`) serves nothing; only when
                // no entry is known does the role fall back to its path's scope.
                let Some(i) = config.scope_index(written.as_str()) else {
                    continue;
                };
                let s = u32::try_from(i).ok();
                if !scopes.contains(&s) {
                    scopes.push(s);
                }
            }
            if scopes.is_empty() {
                scopes.push(at(None, role.file));
            }
            role.scopes = scopes;
        }
        for v in &mut self.visions {
            v.at = at(v.scope.as_ref(), v.file);
        }
        for r in &mut self.roadmaps {
            r.at = at(r.scope.as_ref(), r.file);
        }
        for i in &mut self.items {
            i.at = at(i.scope.as_deref(), i.file);
        }
        for d in &mut self.definitions_of_done {
            d.at = at(d.scope.as_ref(), d.file);
        }
    }

    /// Whether `scope` is a team (a product without teams is not: it is a product).
    #[must_use]
    pub(crate) fn is_team(&self, scope: Scope) -> bool {
        scope.is_some_and(|i| self.config.scopes[i as usize].is_team())
    }

    /// Whether `outer` is `inner` or encloses it (its product, or the workspace).
    #[must_use]
    pub(crate) fn encloses(&self, outer: Scope, inner: Scope) -> bool {
        outer == inner || outer.is_none() || (self.is_team(inner) && self.product_of(inner) == outer)
    }

    /// A scope's id, `None` for the workspace.
    #[must_use]
    pub(crate) fn scope_id(&self, scope: Scope) -> Option<&str> {
        scope.map(|i| self.config.scopes[i as usize].id.as_str())
    }

    /// The product a scope is in (itself for a product); `None` for the workspace.
    #[must_use]
    pub(crate) fn product_of(&self, scope: Scope) -> Scope {
        let i = scope?;
        match self.config.scopes[i as usize].product {
            Some(p) => u32::try_from(p).ok(),
            None => Some(i),
        }
    }

    /// The scopes from `scope` outward: itself, its product, the workspace.
    #[must_use]
    pub(crate) fn scope_chain(&self, scope: Scope) -> Vec<Scope> {
        let mut chain = vec![scope];
        if let Some(i) = scope
            && let Some(p) = self.config.scopes[i as usize].product
        {
            chain.push(u32::try_from(p).ok());
        }
        if scope.is_some() {
            chain.push(None);
        }
        chain
    }
}

/// The scope of a document: its `scope:` field, else the deepest declared `path:` holding
/// its file (`paths`, per file), else the workspace. An unknown `scope:` (`unknown-scope`)
/// falls back to the path, so that the rest of the document is still checked.
fn scope_of(config: &Config, paths: &[Option<u32>], written: Option<&Sp<String>>, file: FileId) -> Scope {
    if config.scopes.is_empty() {
        return None;
    }
    if let Some(w) = written
        && let Some(i) = config.scope_index(w.as_str())
    {
        return u32::try_from(i).ok();
    }
    paths.get(file.0 as usize).copied().flatten()
}
