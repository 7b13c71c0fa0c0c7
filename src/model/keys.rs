//! Keys that make two spellings one: a holder's, and a file name's stem.

/// The key that makes holders one person: FORMAT.md's "two holders that differ only in
/// case or surrounding spaces are the same person". Every comparison of holders (people,
/// loads, who accepted an item) goes through it, or through [`Model::person_key`](super::Model::person_key), which
/// also knows the people document's ids, names and aliases.
#[must_use]
pub(crate) fn person_key(holder: &str) -> String {
    holder.trim().to_lowercase()
}

/// A file's name without directories and extension.
#[must_use]
pub(crate) fn file_stem(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}
