//! `--statistics`: one line a rule with its count of findings, instead of the findings,
//! most frequent first (ruff's `--statistics`). A workspace with no findings prints
//! nothing, so `pmpo check --statistics | wc -l` counts the rules that fire. With
//! `--format json`, the same rows as a JSON array of `{rule, count, severity}`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::{Emitter, Report};
use crate::finding::Severity;

pub(crate) struct Statistics {
    /// A JSON array instead of lines of text.
    pub json: bool,
}

#[derive(serde::Serialize)]
struct Row<'a> {
    rule: &'a str,
    count: usize,
    severity: &'a str,
}

impl Emitter for Statistics {
    fn emit(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        // A rule's findings may differ in severity (graded rules): count each, show the worst.
        let mut by_rule: BTreeMap<&str, (usize, Severity)> = BTreeMap::new();
        for f in report.findings {
            let e = by_rule.entry(f.rule).or_insert((0, f.severity));
            e.0 += 1;
            e.1 = e.1.max(f.severity);
        }
        let mut rows: Vec<_> = by_rule.into_iter().collect();
        rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
        if self.json {
            let rows: Vec<Row<'_>> = rows
                .iter()
                .map(|&(rule, (count, severity))| Row {
                    rule,
                    count,
                    severity: severity.as_str(),
                })
                .collect();
            crate::escape::json_write(&mut *out, &rows)?;
            return writeln!(out);
        }
        let width = rows.iter().map(|(r, _)| r.len()).max().unwrap_or(0);
        let digits = rows.first().map_or(1, |(_, (n, _))| n.to_string().len());
        for (rule, (count, severity)) in rows {
            writeln!(out, "{count:>digits$}  {rule:<width$}  {}", severity.as_str())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_each_rule_once_most_frequent_first() {
        let ws = crate::rules::tests::workspace(&[
            ("roles/a.md", "---\nholders: []\nreports_to: nobody\n---\n"),
            ("roles/b.md", "---\nholders: []\n---\n"),
        ]);
        let model = crate::load::load(&ws.root, &crate::rules::names()).unwrap();
        let index = crate::index::Index::build(&model, crate::date::Date::parse("2026-11-26").unwrap());
        let findings = crate::rules::run(&model, &index);
        let report = super::Report::of(&model, &index, &findings);
        let mut out = Vec::new();
        super::Emitter::emit(&super::Statistics { json: false }, &report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines
                .iter()
                .any(|l| l.trim_start().starts_with("2  role-without-holder")),
            "{text}"
        );
        assert!(
            lines.iter().any(|l| l.trim_start().starts_with("1  unknown-role")),
            "{text}"
        );
        let rules: Vec<&str> = lines.iter().map(|l| l.split_whitespace().nth(1).unwrap()).collect();
        let unique: std::collections::BTreeSet<&str> = rules.iter().copied().collect();
        assert_eq!(rules.len(), unique.len(), "one line a rule: {text}");
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| l.split_whitespace().next().unwrap().parse().unwrap())
            .collect();
        assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{text}");

        // The JSON rows are the text's, in its order.
        let mut out = Vec::new();
        super::Emitter::emit(&super::Statistics { json: true }, &report, &mut out).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let rows: Vec<(String, usize, String)> = json
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let count = usize::try_from(r["count"].as_u64().unwrap()).unwrap();
                (
                    r["rule"].as_str().unwrap().to_string(),
                    count,
                    r["severity"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let from_text: Vec<(String, usize, String)> = lines
            .iter()
            .map(|l| {
                let w: Vec<&str> = l.split_whitespace().collect();
                (w[1].to_string(), w[0].parse().unwrap(), w[2].to_string())
            })
            .collect();
        assert_eq!(rows, from_text);
    }
}
