//! The one module that talks to the YAML parser.
//!
//! Everything else sees [`Node`], a small tree of maps, sequences and scalars in which
//! every value carries the [`Span`] it came from. Keeping the parser behind this type
//! means it can be swapped without touching the loader, and that the loader can report
//! every problem in a document (each unknown field, each wrong type) instead of the
//! first one a derived `Deserialize` would stop at.
//!
//! [`parse`] tries three readers in turn, each in its own file: `flat` reads flat
//! frontmatter line by line, `event` builds plain mappings straight from the event
//! parser, and `fallback` reads everything through serde-saphyr, whose results and
//! messages are the reference the other two are tested against. [`core`] is YAML 1.2's
//! core schema, by which all three type plain scalars.

pub mod core;
mod event;
mod fallback;
mod flat;
mod node;

pub(crate) use node::{Error, Key, Span, sat_u32};
pub use node::{Node, Scalar, Value};

/// Parse one YAML document. An empty text is an empty mapping's absence: `Null`.
///
/// Flat frontmatter (what nearly every backlog item is) is read line by line; a mapping
/// made of other plain data is built straight from the parser's events; anything else
/// (an error, an alias, a tag, an empty text, a document near a budget) goes through
/// serde-saphyr, whose result and messages are the reference both other readers are
/// tested against.
///
/// # Errors
/// The parser's message and location when the text is not valid YAML, breaks a budget
/// (alias expansion, depth, size) or repeats a key.
pub fn parse(text: &str) -> Result<Node, Error> {
    match flat::parse(text).or_else(|| event::parse(text)) {
        Some(node) => Ok(node),
        None => fallback::parse(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_spans_of_keys_and_values() {
        let node = parse("id: po\nholders: [dana, li]\nteam_size: 7\n").unwrap();
        let map = node.as_map().unwrap();
        assert_eq!(map[0].0.name, "id");
        assert_eq!((map[0].0.span.line, map[0].0.span.column), (1, 1));
        assert_eq!((map[0].1.span.line, map[0].1.span.column), (1, 5));
        assert_eq!(map[0].1.span.offset, 4);
        let holders = node.get("holders").unwrap();
        let Value::Seq(items) = &holders.value else {
            panic!("not a list")
        };
        assert_eq!(items[1].as_text().as_deref(), Some("li"));
        assert_eq!((items[1].span.line, items[1].span.column), (2, 17));
        assert_eq!(
            node.get("team_size").unwrap().value,
            Value::Scalar(Scalar::Int(7, "7".into()))
        );
    }

    #[test]
    fn reports_syntax_errors_with_location() {
        let err = parse("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert!(err.span.line >= 2, "{err:?}");
        assert!(!err.message.is_empty());
    }

    #[test]
    fn rejects_duplicate_keys() {
        let err = parse("a: 1\na: 2\n").unwrap_err();
        assert_eq!(err.span.line, 2, "{err:?}");
        assert_eq!(err.message, "duplicate mapping key: a");
    }

    #[test]
    fn only_yaml_1_2_spellings_are_booleans() {
        let node = parse("a: off\nb: no\nc: Yes\nd: true\ne: False\n").unwrap();
        let text = |k: &str| node.get(k).unwrap().value.clone();
        assert_eq!(text("a"), Value::Scalar(Scalar::Str("off".into())));
        assert_eq!(text("b"), Value::Scalar(Scalar::Str("no".into())));
        assert_eq!(text("c"), Value::Scalar(Scalar::Str("Yes".into())));
        assert_eq!(text("d"), Value::Scalar(Scalar::Bool(true)));
        assert_eq!(text("e"), Value::Scalar(Scalar::Bool(false)));
    }

    #[test]
    fn empty_text_is_null() {
        assert!(parse("").unwrap().is_null());
        assert!(parse("# only a comment\n").unwrap().is_null());
    }

    /// Every YAML text of the repository's examples and fixtures: whole `.yaml`/`.yml`
    /// files and the frontmatter of Markdown files.
    fn corpus() -> Vec<(String, String)> {
        fn visit(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
            let Ok(entries) = std::fs::read_dir(dir) else { return };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    visit(&path, out);
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let name = path.display().to_string();
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if ext == "yaml" || ext == "yml" {
                    out.push((name, text));
                } else if ext == "md"
                    && let Some(rest) = text.strip_prefix("---\n")
                    && let Some(end) = rest.find("\n---")
                {
                    out.push((name, rest[..=end].to_string()));
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        visit(&root.join("examples"), &mut out);
        visit(&root.join("tests/fixtures"), &mut out);
        visit(&root.join("src/init"), &mut out);
        out
    }

    #[test]
    fn event_reader_equals_the_reference_on_the_repository_corpus() {
        let corpus = corpus();
        let mut event_count = 0;
        for (name, text) in &corpus {
            let reference = fallback::parse(text);
            if let Some(node) = event::parse(text) {
                event_count += 1;
                assert_eq!(Ok(node), reference, "{name}");
            }
            assert_eq!(parse(text), reference, "{name}");
        }
        // The event reader reads most documents, not a rarely taken branch.
        assert!(corpus.len() > 50, "{}", corpus.len());
        assert!(
            event_count * 10 >= corpus.len() * 8,
            "{event_count} of {}",
            corpus.len()
        );
    }

    #[test]
    fn flat_reader_equals_the_reference_on_the_repository_corpus() {
        let corpus = corpus();
        let mut flat_count = 0;
        for (name, text) in &corpus {
            if let Some(node) = flat::parse(text) {
                flat_count += 1;
                assert_eq!(Ok(node), fallback::parse(text), "{name}");
            }
        }
        assert!(flat_count * 10 >= corpus.len() * 3, "{flat_count} of {}", corpus.len());
    }

    /// Backlog items as both layouts write them, the documents the flat reader is for:
    /// it reads each of them, exactly as the reference does.
    #[test]
    fn flat_reader_reads_backlog_items_of_both_layouts() {
        for text in [
            "id: REP-000014\ntitle: Refund subscriptions on mobile\nstatus: ready\norder: 140\ngoals: [G3]\nlabels: [reporting, tech-debt]\n",
            "id: TASK-1\ntitle: Share product reviews in one click\nstatus: In Progress\nassignee: []\ncreated_date: '2026-01-02 10:01'\nlabels:\n  - checkout\n  - mobile\ndependencies: []\nordinal: 1000\n",
            "id: A-1\ntitle: \"Grow: é\"\nstatus: done\naccepted_by: po\ngoals:\n- G1\n- 'G2'\n\n# note\nacceptance_criteria:\n    - it's done\n    - 'it''s tested'\n",
        ] {
            let node = flat::parse(text);
            assert!(node.is_some(), "{text}");
            assert_eq!(node.map(Ok), Some(fallback::parse(text)), "{text}");
        }
    }

    #[test]
    fn plain_scalars_are_typed_by_the_yaml_1_2_core_schema() {
        let s = |v: &str| core::resolve(v);
        let int = |i: i64, w: &str| Scalar::Int(i, w.into());
        let float = |f: f64, w: &str| Scalar::Float(f, w.into());
        let text = |t: &str| Scalar::Str(t.into());
        assert_eq!(s("2026-01-01"), text("2026-01-01"));
        assert_eq!(s("12"), int(12, "12"));
        assert_eq!(s("-12"), int(-12, "-12"));
        assert_eq!(s("+12"), int(12, "+12"));
        assert_eq!(s("007"), int(7, "007"));
        assert_eq!(s("0x1F"), int(31, "0x1F"));
        assert_eq!(s("0o17"), int(15, "0o17"));
        assert_eq!(s("1.10"), float(1.1, "1.10"));
        assert_eq!(s("1e3"), float(1000.0, "1e3"));
        assert_eq!(s("-.5"), float(-0.5, "-.5"));
        assert_eq!(s("-.inf"), float(f64::NEG_INFINITY, "-.inf"));
        assert!(matches!(s(".nan"), Scalar::Float(f, w) if f.is_nan() && w == ".nan"));
        assert_eq!(s("99999999999999999999"), float(1e20, "99999999999999999999"));
        assert_eq!(s("~"), Scalar::Null);
        assert_eq!(s("off"), text("off"));
        // YAML 1.1 forms, Rust spellings and near misses are text in YAML 1.2.
        for v in [
            "inf", "nan", "1_000", "0b101", "+0x10", "-0o7", "0x", ".", "1.2.3", "1e", "e3", "+", ".e1",
        ] {
            assert_eq!(s(v), text(v), "{v}");
        }
    }

    #[test]
    fn every_path_keeps_numbers_as_written_and_reads_non_finite_floats() {
        for text in [
            "goals: [1.10, 1.1, 007, 2.0]\nid: 1_000\nx: +0x10\nbig: 123456789012345678901234\ntitle: .inf\n",
            "goals:\n  - 1.10\n  - 007\nid: 0b101\ntitle: .nan\n",
            "a: &x 1.10\nb: *x\nc: !!str 1.10\ngoals: [1.10, \"1.10\"]\nid: 0b101\n",
        ] {
            let node = parse(text).unwrap();
            let reference = fallback::parse(text).unwrap();
            let ids = |n: &Node| -> Vec<Option<String>> {
                match &n.get("goals").unwrap().value {
                    Value::Seq(items) => items.iter().map(Node::as_text).collect(),
                    _ => Vec::new(),
                }
            };
            assert_eq!(ids(&node), ids(&reference), "{text}");
            assert_eq!(ids(&node)[0].as_deref(), Some("1.10"), "{text}");
            assert_eq!(
                node.get("id").unwrap().as_text(),
                reference.get("id").unwrap().as_text(),
                "{text}"
            );
            if let Some(f) = flat::parse(text).or_else(|| event::parse(text)) {
                assert_eq!(format!("{f:?}"), format!("{reference:?}"), "{text}");
            }
        }
    }

    proptest::proptest! {
        /// The fuzz target `ids`, as a property test: any id-shaped text (goal and
        /// backlog id syntax, numbers of every spelling among them) comes back as
        /// written, on the flat, event and reference paths.
        #[test]
        fn an_id_reads_back_as_written(
            id in "[A-Za-z0-9][A-Za-z0-9._-]{0,12}|[+-]?[0-9]{1,25}(\\.[0-9]{0,4})?([eE][0-9]{1,3})?|0[xob][0-9a-fA-F_]{1,6}|\\.(inf|nan|NaN|Inf)",
        ) {
            let lower = id.to_ascii_lowercase();
            proptest::prop_assume!(!matches!(lower.as_str(), "true" | "false" | "null"));
            proptest::prop_assume!(id.starts_with(|c: char| c.is_ascii_alphanumeric()));
            for doc in [
                format!("id: {id}\n"),
                format!("goals:\n  - {id}\nid: x\n"),
                format!("a: &x {id}\nb: *x\ngoals: [{id}]\n"),
            ] {
                let node = parse(&doc).unwrap();
                let value = match node.get("goals").map(|g| &g.value) {
                    Some(Value::Seq(items)) => items[0].as_text(),
                    _ => node.get("id").and_then(Node::as_text),
                };
                proptest::prop_assert_eq!(value.as_deref(), Some(id.as_str()), "{:?}", doc);
            }
        }
    }

    proptest::proptest! {
        /// Whatever the event reader answers is what serde-saphyr answers, on documents
        /// built from the shapes that separate the two: every scalar spelling, quoting,
        /// flow and block collections, anchors, tags, duplicate and merge keys.
        #[test]
        fn event_reader_never_differs_from_the_reference(
            entries in proptest::collection::vec((0usize..KEYS.len(), 0usize..VALUES.len()), 0..8),
            indent in proptest::bool::ANY,
        ) {
            use std::fmt::Write as _;
            let mut text = String::new();
            for (k, v) in entries {
                let value = VALUES[v].replace('\n', if indent { "\n    " } else { "\n  " });
                let _ = writeln!(text, "{}:{}", KEYS[k], value);
            }
            let reference = fallback::parse(&text);
            if let Some(node) = event::parse(&text) {
                proptest::prop_assert_eq!(Ok(node), reference.clone(), "{}", text);
            }
            if let Some(node) = flat::parse(&text) {
                proptest::prop_assert_eq!(Ok(node), reference.clone(), "{}", text);
            }
            proptest::prop_assert_eq!(parse(&text), reference, "{}", text);
        }

        /// Whatever the flat path answers is what serde-saphyr answers, on documents
        /// made of the lines it reads and the lines next to them that it must not:
        /// blank and comment lines, lists at and under their key's indentation, quotes,
        /// trailing spaces, text that only looks like a key or a list.
        #[test]
        fn flat_reader_never_differs_from_the_reference(
            lines in proptest::collection::vec(0usize..LINES.len(), 1..12),
        ) {
            let text: String = lines.iter().map(|&l| LINES[l]).collect();
            let reference = fallback::parse(&text);
            if let Some(node) = flat::parse(&text) {
                proptest::prop_assert_eq!(Ok(node), reference.clone(), "{}", text);
            }
            proptest::prop_assert_eq!(parse(&text), reference, "{}", text);
        }
    }

    proptest::proptest! {
        /// The same, on values of any spelling from the characters that matter to YAML.
        #[test]
        fn flat_reader_never_differs_on_any_spelling(
            fields in proptest::collection::vec(
                ("[a-z_-]{1,6}", " {0,2}", "[A-Za-z0-9 :\\-\\[\\],{}\"'@&*!|>#%?.~é]{0,16}"),
                1..6,
            ),
        ) {
            use std::fmt::Write as _;
            let mut text = String::new();
            for (key, gap, value) in &fields {
                let _ = writeln!(text, "{key}:{gap}{value}");
            }
            let reference = fallback::parse(&text);
            if let Some(node) = flat::parse(&text) {
                proptest::prop_assert_eq!(Ok(node), reference.clone(), "{}", text);
            }
            proptest::prop_assert_eq!(parse(&text), reference, "{}", text);
        }
    }

    const LINES: &[&str] = &[
        "id: A-1\n",
        "title: Grow é  \n",
        "title: 'it''s'\n",
        "title: \"a: b\"\n",
        "title: \"a \\\" b\"\n",
        "goals: [G1, G2]\n",
        "goals: [ G1 ,G2 ]  \n",
        "goals: []\n",
        "goals: [G1, ]\n",
        "goals: ['G1']\n",
        "goals: [é, ü x,  G1]\n",
        "title: ü: x\n",
        "goals:\n",
        "goals:   \n",
        "- G1\n",
        "- 'G2'\n",
        "  - G3\n",
        "    - G4\n",
        "  -   G5  \n",
        "  -\n",
        "  - a: b\n",
        "  - [x]\n",
        "  nested: 1\n",
        "  continued text\n",
        "\n",
        "   \n",
        "# comment\n",
        "  # indented comment\n",
        "order: 12\n",
        "order: 1.5\n",
        "order: -3\n",
        "status: null\n",
        "status: ~\n",
        "flag: true\n",
        "when: 2026-01-01\n",
        "note: x # trailing\n",
        "note: C#\n",
        "note: a:b\n",
        "note: a: b\n",
        "note: x:\n",
        "note: -\n",
        "note: - x\n",
        "note: -x\n",
        "note: ? x\n",
        "note: &a x\n",
        "note: *a\n",
        "note: !t x\n",
        "note: |\n",
        "note: %x\n",
        "note: @x\n",
        "note: {a: 1}\n",
        "note: [a, [b]]\n",
        "note: 'open\n",
        "true: x\n",
        "null: x\n",
        "12: x\n",
        "a b: x\n",
        "a:b\n",
        "---\n",
        "...\n",
        "id: A-2\n",
    ];

    const KEYS: &[&str] = &[
        "id",
        "title",
        "holders",
        "id",
        "1",
        "'1'",
        "true",
        "<<",
        "\"é k\"",
        "null",
        "~",
        "x y",
        "2026-01-01",
        "? complex",
        "- bad",
        "a&b",
    ];
    const VALUES: &[&str] = &[
        " po",
        " 2026-01-01",
        " 12",
        " -12",
        " +12",
        " 007",
        " 0x1F",
        " 0X1F",
        " 1_000",
        " 1.5",
        " 1e3",
        " 1e999",
        " .inf",
        " -.nan",
        " null",
        " ~",
        "",
        " True",
        " off",
        " 'quoted'",
        " \"dq \\u00e9\"",
        " [a, b, 3]",
        " {x: 1, y: [z]}",
        " &a x",
        " *a",
        " !!str 5",
        " !custom v",
        " |\nblock\ntext",
        " >-\nfolded\ntext",
        "\n- one\n- two: 2\n  three: 3",
        "\n  nested: 1\n  deeper:\n    - x",
        " a # comment",
        " 3 days",
        " 99999999999999999999",
        " -0",
        " [a, b",
        " 'unterminated",
        " é ü",
        " a: b",
        " 12:30",
        " -",
        " .5",
    ];

    #[test]
    fn budgets_stay_the_references() {
        // Deeper than serde-saphyr's depth budget (64): the event reader steps aside and
        // the reference reports the breach.
        // (serde's recursion needs more than a debug test thread's stack at this depth).
        let deep = format!("a: {}{}\n", "[".repeat(70), "]".repeat(70));
        assert_eq!(event::parse(&deep), None);
        let err = std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(move || parse(&deep))
            .unwrap()
            .join()
            .unwrap()
            .unwrap_err();
        assert!(err.message.contains("Depth"), "{err:?}");
        // A shallow document of the same shape is read by the event reader.
        let shallow = format!("a: {}{}\n", "[".repeat(10), "]".repeat(10));
        assert_eq!(event::parse(&shallow).map(Ok), Some(fallback::parse(&shallow)));
        // An alias, a merge key, a tag, a second document: the reference.
        for text in [
            "a: &x 1\nb: *x\n",
            "<<: {a: 1}\nb: 2\n",
            "a: !!str 5\n",
            "a: 1\n---\nb: 2\n",
        ] {
            assert_eq!(event::parse(text), None, "{text}");
        }
    }

    #[test]
    fn refuses_alias_bombs() {
        use std::fmt::Write as _;
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 { "a".to_string() } else { format!("l{}", i - 1) };
            let refs = vec![format!("*{prev}"); 10].join(", ");
            let _ = writeln!(bomb, "l{i}: &l{i} [{refs}]");
        }
        assert!(parse(&bomb).is_err());
    }
}
