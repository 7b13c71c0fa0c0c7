//! "Did you mean …?": the closest known name to a misspelt one.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_near_name_and_not_a_far_one() {
        let known = ["product-vision", "product-roadmap", "user-stories"];
        assert_eq!(closest("product-visoin", known), Some("product-vision"));
        assert_eq!(closest("roadmap", ["holders", "title"]), None);
        assert_eq!(closest("holder", ["holders", "title"]), Some("holders"));
    }
}
