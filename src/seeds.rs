//! The sources pmpo is written from, written down once: the seed articles on product
//! managers and product owners, and the Scrum Guide.
//!
//! The explain texts cite a seed by number, `(003)`, and the Scrum Guide as `(SG)`; the
//! built-in catalogs cite them in `source` by the seed's file name and as
//! `Scrum Guide 2020`. `pmpo explain`, `docs/rules.md` and the charters all turn those
//! citations into titles through this one table, so a title is spelt in one place.

/// One seed article.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Seed {
    /// How the explain texts cite it: `(003)`.
    pub number: &'static str,
    /// Its file among the seeds, as the built-in catalog's `source` names it.
    pub file: &'static str,
    /// The article's own title.
    pub title: &'static str,
}

/// The seed articles, in number order.
pub(crate) const SEEDS: &[Seed] = &[
    Seed {
        number: "000",
        file: "000_3212fe39a35355d1.txt",
        title: "Product Manager vs. Product Owner",
    },
    Seed {
        number: "001",
        file: "001_75c572a96ce68998.txt",
        title: "Product Owner vs. Product Manager Exploration",
    },
    Seed {
        number: "002",
        file: "002_2aa254de52eb7882.txt",
        title: "Product Owner vs. Product Manager (Explained)",
    },
    Seed {
        number: "003",
        file: "003_ad8d5187d1e321ec.txt",
        title: "The Difference Between a Product Manager and a Product Owner",
    },
];

/// The Scrum Guide, which `builtin:scrum` is written from.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Guide {
    /// How the explain texts cite it: `(SG)`.
    pub cite: &'static str,
    /// How the built-in catalog's `source` names it.
    pub source: &'static str,
    pub title: &'static str,
    pub authors: &'static str,
    pub edition: &'static str,
}

pub(crate) const SCRUM_GUIDE: Guide = Guide {
    cite: "SG",
    source: "Scrum Guide 2020",
    title: "The Scrum Guide",
    authors: "Ken Schwaber and Jeff Sutherland",
    edition: "November 2020",
};

/// The seed a number cites.
#[must_use]
pub(crate) fn by_number(number: &str) -> Option<&'static Seed> {
    SEEDS.iter().find(|s| s.number == number)
}

/// The seed a catalog `source` names by its file.
#[must_use]
pub(crate) fn by_file(file: &str) -> Option<&'static Seed> {
    SEEDS.iter().find(|s| s.file == file)
}

/// The seed a catalog `source` names, by its file (as the built-in catalogs do) or by
/// its title (as `pmpo catalog` prints it, and a workspace catalog saved from it keeps).
#[must_use]
pub(crate) fn by_source(source: &str) -> Option<&'static Seed> {
    by_file(source).or_else(|| SEEDS.iter().find(|s| s.title == source))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_files_agree_and_are_unique() {
        for (i, seed) in SEEDS.iter().enumerate() {
            assert!(seed.file.starts_with(&format!("{}_", seed.number)), "{seed:?}");
            assert!(
                SEEDS[i + 1..]
                    .iter()
                    .all(|s| s.number != seed.number && s.title != seed.title),
                "{seed:?}"
            );
            assert_eq!(by_number(seed.number).map(|s| s.file), Some(seed.file));
            assert_eq!(by_file(seed.file).map(|s| s.number), Some(seed.number));
        }
        assert!(by_number("004").is_none());
        assert!(by_file("pricing_policy.md").is_none());
    }

    /// Every `source` the built-in catalogs cite is a seed file or the Scrum Guide, so
    /// every one of them reaches a reader as a title.
    #[test]
    fn the_built_in_catalogs_cite_known_sources() {
        let mut cited = 0;
        for builtin in crate::catalog::BUILTINS {
            for r in &builtin.catalog().responsibilities {
                for source in &r.source {
                    cited += 1;
                    assert!(
                        by_file(source).is_some() || source == SCRUM_GUIDE.source,
                        "{}: {} cites {source}",
                        builtin.name,
                        r.id
                    );
                }
            }
        }
        assert!(cited > 0, "the built-in catalogs cite their sources");
    }

    #[test]
    #[allow(clippy::print_stderr)]
    fn seed_titles_match_the_first_lines_of_the_seed_files() {
        let Some(dir) = std::env::var_os("PMPO_SHARED_DIR") else {
            assert!(
                std::env::var_os("CI").is_none(),
                "PMPO_SHARED_DIR is not set: .ci/run sets it to the shared/ directory beside the clone"
            );
            eprintln!("PMPO_SHARED_DIR is not set: the seed titles are not compared with the seed files");
            return;
        };
        let seeds = std::path::Path::new(&dir).join("seeds");
        for seed in SEEDS {
            let text = std::fs::read_to_string(seeds.join(seed.file)).expect("seed file readable");
            assert!(
                text.lines().take(12).any(|l| l.trim() == seed.title),
                "{} does not open with {}",
                seed.file,
                seed.title
            );
        }
    }
}
