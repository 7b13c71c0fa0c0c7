//! "Did you mean …?": the closest known name to a misspelt one.
//!
//! [`closest`] compares a name with every candidate, which is right for the few names a
//! command line or `pmpo.yaml` knows. Rules that suggest for every unknown name in a
//! workspace (`unknown-responsibility`, `unknown-goal`, `unknown-role`) ask a
//! [`Suggester`] instead, built once over the known names: with many of them it compares
//! a name only with the candidates that share a deletion variant with it (`SymSpell`, as
//! `Index::similar_people` does for holders), each bucket capped, so 8,000 unknown names
//! against 8,000 known ones cost 8,000 bounded look-ups, not 64 million comparisons.

use std::cell::OnceCell;

/// The candidate most similar to `name`, if any is close enough to be a likely typo.
pub(crate) fn closest<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        if candidate == name {
            continue;
        }
        let score = strsim::jaro_winkler(&name.to_lowercase(), &candidate.to_lowercase());
        if score >= 0.8
            && best
                .is_none_or(|(s, c)| score > s + f64::EPSILON || ((score - s).abs() <= f64::EPSILON && candidate < c))
        {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// `did you mean `x`?` or nothing.
pub(crate) fn hint<'a, I>(name: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    closest(name, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// Up to this many candidates, a look-up compares with each ([`closest`]); beyond,
/// through the variant index.
const SMALL: usize = 200;
/// Names longer than this (in characters) are neither indexed nor looked up: a typo of
/// a 65-character id is not what a suggestion is for, and it bounds each look-up.
const MAX_LEN: usize = 48;
/// A deletion variant shared by more candidates than this is passed over, so hostile
/// input (`aaaa1`, `aaaa2`, …) cannot make one look-up compare with all of them.
const MAX_BUCKET: usize = 32;

/// Did-you-mean over one fixed set of known names, for many look-ups.
pub(crate) struct Suggester<'a> {
    candidates: Vec<&'a str>,
    /// (hash of a lower-cased variant, candidate index), sorted; built at the first
    /// look-up, and only for more than [`SMALL`] candidates.
    index: OnceCell<Vec<(u64, u32)>>,
}

fn hash(text: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = foldhash::fast::FixedState::with_seed(0x9e37_79b9).build_hasher();
    h.write(text.as_bytes());
    h.finish()
}

/// `name` lower-cased and each of its one-character deletions, hashed; empty for a name
/// too long to index.
fn variants(name: &str) -> Vec<u64> {
    let chars: Vec<char> = name.to_lowercase().chars().collect();
    if chars.is_empty() || chars.len() > MAX_LEN {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(chars.len() + 1);
    out.push(hash(&chars.iter().collect::<String>()));
    let mut buf = String::with_capacity(name.len());
    for skip in 0..chars.len() {
        buf.clear();
        buf.extend(chars.iter().enumerate().filter(|&(i, _)| i != skip).map(|(_, c)| c));
        out.push(hash(&buf));
    }
    out.sort_unstable();
    out.dedup();
    out
}

impl<'a> Suggester<'a> {
    pub(crate) fn new(candidates: impl IntoIterator<Item = &'a str>) -> Self {
        let mut candidates: Vec<&'a str> = candidates.into_iter().collect();
        candidates.sort_unstable();
        candidates.dedup();
        Suggester {
            candidates,
            index: OnceCell::new(),
        }
    }

    /// The candidate most like `name`, as [`closest`] judges it, among those it is
    /// compared with (all of them, up to [`SMALL`]).
    pub(crate) fn closest(&self, name: &str) -> Option<&'a str> {
        if self.candidates.len() <= SMALL {
            return closest(name, self.candidates.iter().copied());
        }
        let index = self.index.get_or_init(|| {
            let mut index = Vec::new();
            for (i, c) in self.candidates.iter().enumerate() {
                let i = crate::yaml::sat_u32(i);
                index.extend(variants(c).into_iter().map(|v| (v, i)));
            }
            index.sort_unstable();
            index
        });
        let mut near: Vec<&'a str> = Vec::new();
        for v in variants(name) {
            let start = index.partition_point(|&(h, _)| h < v);
            let end = index.partition_point(|&(h, _)| h <= v);
            if end - start > MAX_BUCKET {
                continue;
            }
            near.extend(index[start..end].iter().map(|&(_, i)| self.candidates[i as usize]));
        }
        near.sort_unstable();
        near.dedup();
        closest(name, near)
    }

    /// `did you mean `x`?` or nothing.
    pub(crate) fn hint(&self, name: &str) -> Option<String> {
        self.closest(name).map(|c| format!("did you mean `{c}`?"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_candidates_are_each_compared() {
        let s = Suggester::new(["product-vision", "product-roadmap", "user-stories"]);
        assert_eq!(s.closest("product-visoin"), Some("product-vision"));
        assert_eq!(s.closest("roadmap"), None);
    }

    #[test]
    fn many_candidates_go_through_the_bounded_index() {
        let mut known: Vec<String> = (0..20_000).map(|i| format!("item-{i}")).collect();
        known.push("product-vision".into());
        let s = Suggester::new(known.iter().map(String::as_str));
        // A transposition, a deletion, an insertion, a substitution, any case.
        assert_eq!(s.closest("product-visoin"), Some("product-vision"));
        assert_eq!(s.closest("product-vison"), Some("product-vision"));
        assert_eq!(s.closest("PRODUCT-VISION-"), Some("product-vision"));
        assert_eq!(s.closest("product-visiom"), Some("product-vision"));
        assert_eq!(s.closest("zzzzzzzz"), None);
        assert_eq!(s.closest(&"x".repeat(200)), None, "too long to look up");
        // Thousands sharing a variant: the bucket is passed over, the look-up stays small.
        let same: Vec<String> = (0..5_000).map(|i| format!("a{i}")).collect();
        let s = Suggester::new(same.iter().map(String::as_str));
        let _ = s.closest("a");
    }

    #[test]
    fn suggests_a_near_name_and_not_a_far_one() {
        let known = ["product-vision", "product-roadmap", "user-stories"];
        assert_eq!(closest("product-visoin", known), Some("product-vision"));
        assert_eq!(closest("roadmap", ["holders", "title"]), None);
        assert_eq!(closest("holder", ["holders", "title"]), Some("holders"));
    }
}
