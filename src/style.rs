//! How terminal output is drawn (colour, width, how much is said), decided once by the
//! command from its flags and the terminal, and read by every layout that draws for a
//! terminal: the `human` report, the matrix and people tables and `pmpo rules`. It lives
//! apart from all of them so that none imports another.

/// How the human emitter and the terminal tables draw.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Style {
    pub color: bool,
    pub width: usize,
    pub quiet: bool,
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The Rust sources directly under `src/<dir>`, by name.
    fn sources(dir: &str) -> Vec<(String, String)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
        let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap()))
            .collect();
        files.sort();
        files
    }

    #[test]
    fn the_report_and_the_matrix_stand_side_by_side() {
        let matrix = sources("matrix");
        let report = sources("report");
        assert!(
            matrix.len() > 1 && report.len() > 1,
            "the sources are where the test looks"
        );
        for (path, text) in &matrix {
            assert!(!text.contains("crate::report"), "{path} imports from report/");
        }
        for (path, text) in &report {
            assert!(!text.contains("crate::matrix"), "{path} imports from matrix/");
        }
    }
}
