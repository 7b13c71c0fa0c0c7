//! `pmpo matrix` through the binary, in each format.

use crate::common;

use common::{Pmpo, well_formed_xml};

const HOSTILE: &str = "tests/fixtures/onboarding-hostile";

fn matrix(path: &str, format: &str) -> String {
    let o = Pmpo::new(["matrix", path, "--format", format]).run();
    assert_eq!(o.code(), 0, "{format}: {}", o.stderr());
    o.stdout()
}

fn json(path: &str) -> serde_json::Value {
    serde_json::from_str(&matrix(path, "json")).expect("valid JSON")
}

#[test]
fn every_format_exits_0_even_when_the_workspace_has_errors() {
    for format in ["table", "markdown", "csv", "json", "mermaid", "svg"] {
        let out = matrix("examples/po-only", format);
        assert!(!out.is_empty(), "{format}");
    }
    let o = Pmpo::new(["matrix", "no/such/dir"]).run();
    assert_eq!(o.code(), 2);
}

#[test]
fn the_table_groups_by_area_and_marks_uncovered_rows() {
    let out = matrix("examples/po-only", "table");
    let line = |id: &str| {
        out.lines()
            .find(|l| l.contains(&format!(" {id} ")))
            .unwrap_or_else(|| panic!("{id}: {out}"))
    };
    assert!(line("product-vision").contains("✗ orphaned"));
    assert!(line("voice-of-customer").contains("✗ unowned"));
    assert!(line("backlog-ordering").contains("covered"));
    let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("{s}"));
    assert!(at("Strategy") < at("product-vision") && at("product-vision") < at("Delivery"));
    assert!(at("Delivery") < at("backlog-ordering"));
}

/// The fields of one RFC 4180 record (quotes doubled inside quoted fields).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            c => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

#[test]
fn csv_and_json_agree_with_each_other_and_with_the_charters() {
    let csv = matrix("examples/acme", "csv");
    let doc = json("examples/acme");
    let lines: Vec<&str> = csv.lines().collect();
    let roles: Vec<&str> = doc["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(lines[0], format!("responsibility,title,{},status", roles.join(",")));
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(lines.len() - 1, rows.len());
    assert_eq!(rows.len(), 27);
    for (line, row) in lines[1..].iter().zip(rows) {
        let fields = csv_fields(line);
        assert_eq!(fields.len(), roles.len() + 3, "{line}");
        assert_eq!(fields[0], row["id"].as_str().unwrap());
        assert_eq!(fields[1], row["title"].as_str().unwrap());
        assert_eq!(fields[fields.len() - 1], row["status"].as_str().unwrap());
        for (role, letter) in roles.iter().zip(&fields[2..]) {
            let cell = row["cells"].get(*role).and_then(|c| c.as_str()).unwrap_or("");
            assert_eq!(cell, *letter, "{line}");
        }
        for key in ["title", "area", "status"] {
            assert!(row[key].is_string(), "{key}");
        }
    }
    // What roles/product-owner.md says.
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap();
    assert_eq!(row("backlog-ordering")["cells"]["product-owner"], "A");
    assert_eq!(row("product-roadmap")["cells"]["product-owner"], "C");
    assert_eq!(row("product-roadmap")["cells"]["product-manager"], "A");
    assert_eq!(row("product-roadmap")["status"], "covered");
}

#[test]
fn mermaid_draws_the_split_with_shared_work_between_the_owners() {
    let out = matrix("examples/acme", "mermaid");
    assert!(out.starts_with("flowchart LR\n"));
    let at = |s: &str| out.find(s).unwrap_or_else(|| panic!("{s} in {out}"));
    assert!(at("Sole owner: Product Manager, Acme Checkout (maria)") < at("[\"Shared\"]"));
    assert!(at("[\"Shared\"]") < at("Sole owner: Product Owner, Checkout team (dana)"));
    assert!(at("Sole owner: Product Owner, Checkout team (dana)") < at("No one owns"));
    // Sole ownership, delegation (another role responsible) and nobody.
    let pm = &out[at("Sole owner: Product Manager")..at("[\"Shared\"]")];
    assert!(pm.contains("product-vision") && !pm.contains("backlog-ordering"));
    let shared = &out[at("[\"Shared\"]")..at("Sole owner: Product Owner")];
    assert!(
        shared.contains("voice-of-customer: A product-manager · R product-owner"),
        "{shared}"
    );
    let nobody = &out[at("No one owns")..];
    assert!(nobody.contains("[\"nothing\"]"));

    let po_only = matrix("examples/po-only", "mermaid");
    let nobody = &po_only[po_only.find("No one owns").unwrap()..];
    assert!(nobody.contains("product-vision") && nobody.contains("voice-of-customer"));
    assert!(!po_only.contains("product manager"));
}

#[test]
fn hostile_text_cannot_break_mermaid() {
    let out = matrix(HOSTILE, "mermaid");
    for line in out.lines() {
        // Quotes only delimit labels; no raw HTML but the tags pmpo writes.
        assert_eq!(line.matches('"').count() % 2, 0, "{line}");
        let stripped = line.replace("<b>", "").replace("</b>", "").replace("<br/>", "");
        assert!(!stripped.contains('<') && !stripped.contains('>'), "{line}");
    }
    assert!(out.contains("#lt;img src=x onerror=alert(1)#gt;"), "{out}");
    assert!(out.contains("quote#quot;person"), "{out}");
    assert!(out.contains("<b>Ops | #lt;i#gt;</b>"), "{out}");
}

#[test]
fn hostile_text_cannot_break_the_markdown_table() {
    let out = matrix(HOSTILE, "markdown");
    let mut html = 0;
    let mut rows = 0;
    for event in pulldown_cmark::Parser::new_ext(&out, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_) => html += 1,
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::TableRow) => rows += 1,
            _ => {}
        }
    }
    assert_eq!(html, 0, "{out}");
    // Two area rows and two responsibilities.
    assert_eq!(rows, 4, "{out}");
    for line in out.lines().filter(|l| l.starts_with('|')) {
        // responsibility, title, two roles, status.
        assert_eq!(line.replace("\\|", "").matches('|').count(), 6, "{line}");
    }
    assert!(
        out.starts_with("## Acme \\<script\\>x\\</script\\> \"Q\" \\| \\& co — RACI matrix\n"),
        "{out}"
    );
}

#[test]
fn csv_of_the_hostile_fixture_keeps_one_record_a_line() {
    let out = matrix(HOSTILE, "csv");
    // The built-in areas come first, so `delivery` before the fixture's own area.
    assert_eq!(out.lines().count(), 3, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "responsibility,title,owner,helper,status");
    assert_eq!(lines[1], "plain-thing,Plain work,C,A,covered");
    assert!(
        lines[2].starts_with("hostile-thing,\"Pipes | and <script>alert(\"\"x\"\")</script> # not a heading"),
        "{out}"
    );
    assert!(lines[2].ends_with("\",A,I,covered"), "{out}");
}

#[test]
fn the_svg_is_standalone_well_formed_and_escaped() {
    let svg = matrix(HOSTILE, "svg");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" "), "{svg}");
    assert!(svg.ends_with("</svg>\n"));
    let tags = well_formed_xml(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    assert!(
        !tags.iter().any(|t| t == "script" || t == "img" || t == "i" || t == "b"),
        "{tags:?}"
    );
    assert!(svg.contains(">&lt;img src=x onerror=alert"), "{svg}");
    assert!(svg.contains("Acme &lt;script&gt;x&lt;/script&gt; &quot;Q&quot; | &amp; co"));
    assert!(svg.contains("font-family=\"Helvetica, Arial, sans-serif\""));

    let acme = matrix("examples/acme", "svg");
    well_formed_xml(&acme).unwrap();
    // A legend, every role as a column, every responsibility as a row.
    for text in [
        "accountable: owns the outcome",
        "responsible: does the work",
        "consulted",
        "informed",
    ] {
        assert!(acme.contains(text), "{text}");
    }
    for id in [
        "engineering-lead",
        "product-manager",
        "product-owner",
        "cross-functional-communication",
    ] {
        assert!(acme.contains(&format!(">{id}</text>")), "{id}");
    }
    assert_eq!(acme.matches("<g><title>").count(), 27);
    assert_eq!(acme, matrix("examples/acme", "svg"), "deterministic");
}

#[test]
fn the_committed_svg_is_in_sync() {
    let committed = std::fs::read_to_string(common::repo("docs/examples/acme-matrix.svg")).expect("committed");
    assert_eq!(
        committed,
        matrix("examples/acme", "svg"),
        "regenerate with: pmpo matrix examples/acme --format svg > docs/examples/acme-matrix.svg"
    );
}

#[test]
fn the_mermaid_picture_in_the_guide_is_in_sync() {
    let guide = std::fs::read_to_string(common::repo("docs/adopting.md")).expect("guide");
    let block = format!("```mermaid\n{}```\n", matrix("examples/acme", "mermaid"));
    assert!(
        guide.contains(&block),
        "the mermaid block in docs/adopting.md is not `pmpo matrix examples/acme --format mermaid`"
    );
}

/// `pmpo matrix PATH` drawn `columns` wide.
fn table_at(path: &str, columns: &str) -> String {
    let o = Pmpo::new(["matrix", path])
        .dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("COLUMNS", columns)
        .run();
    assert_eq!(o.code(), 0, "{}", o.stderr());
    o.stdout()
}

#[test]
fn an_80_column_table_keeps_every_id_whole() {
    let roles = ["product-manager", "product-owner", "engineering-lead"];
    for (path, ids) in [
        ("examples/acme", &roles[..]),
        (
            "examples/po-only",
            &["product-owner", "engineering-lead", "scrum-master"][..],
        ),
    ] {
        let out = table_at(path, "80");
        for line in out.lines() {
            assert!(
                line.chars().count() <= 80,
                "{path}: {} wide: {line}",
                line.chars().count()
            );
        }
        for id in ids {
            let whole = out.contains(id);
            assert!(whole, "{path}: {id} is not shown whole:\n{out}");
        }
        // No cell holds a piece of an id: every word-ish token is a whole id, an
        // abbreviation from the legend, or other text, never a prefix cut at a hyphen.
        for token in out.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
            if token.is_empty() {
                continue;
            }
            let cut = ids
                .iter()
                .any(|id| id.len() > token.len() + 1 && id.starts_with(token) && token.len() > 3);
            assert!(!cut, "{path}: `{token}` is a cut id:\n{out}");
        }
    }
    // Wide enough, the headers are the ids themselves and there is no legend.
    let wide = table_at("examples/acme", "120");
    assert!(wide.lines().nth(1).unwrap().contains("product-manager"), "{wide}");
    assert!(!wide.contains(" = product-manager"), "{wide}");
}

#[test]
fn role_columns_follow_the_roles_the_catalog_expects() {
    let doc = json("examples/acme");
    let roles: Vec<&str> = doc["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    // builtin:pm-po expects the product manager first, then the product owner; the
    // engineering lead, expected for nothing, comes after them.
    assert_eq!(roles, ["product-manager", "product-owner", "engineering-lead"]);
    let narrow = table_at("examples/acme", "80");
    let header = narrow.lines().nth(1).unwrap();
    let at = |s: &str| header.find(s).unwrap_or_else(|| panic!("{s}: {header}"));
    assert!(at("PM") < at("PO") && at("PO") < at("EL"), "{header}");
}

#[test]
fn too_many_roles_for_one_table_are_split_over_several() {
    let t = common::Workspace::empty();
    let ids: Vec<String> = (1..=14).map(|i| format!("specialist-role-number-{i}")).collect();
    for id in &ids {
        t.write(
            &format!("roles/{id}.md"),
            "---\nholders: [someone]\nresponsibilities:\n  user-stories: C\n---\n",
        );
    }
    let out = table_at(&t.arg(""), "80");
    for line in out.lines() {
        assert!(line.chars().count() <= 80, "{} wide: {line}", line.chars().count());
    }
    let tables = out.matches("│ responsibility ").count();
    assert!(tables >= 2, "split over several tables:\n{out}");
    for id in &ids {
        assert!(out.contains(&format!(" = {id}")), "{id} is in the legend:\n{out}");
    }
    // Every role's letter is in exactly one of the tables: 14 C's on the user-stories rows.
    let cs: usize = out
        .lines()
        .filter(|l| l.contains(" user-stories "))
        .map(|l| l.matches(" C ").count())
        .sum();
    assert_eq!(cs, 14, "{out}");
}

/// Mermaid refuses a diagram over its `maxTextSize` (50,000 characters by default) with
/// "Maximum text size in diagram exceeded": 20,000 responsibilities are cut to 45,000,
/// saying so in the diagram and on stderr, with what to use instead.
#[test]
fn mermaid_past_its_limit_is_cut_with_a_notice() {
    let mut catalog = String::from("kind: catalog\nresponsibilities:\n");
    for i in 0..20_000 {
        let _ = std::fmt::Write::write_fmt(
            &mut catalog,
            format_args!(
                "  - id: duty-{i}\n    title: \"Duty {i}\"\n    area: \"area-{}\"\n",
                i % 7
            ),
        );
    }
    let ws = common::Workspace::new(&[
        ("responsibilities.yaml", catalog.as_str()),
        (
            "roles/product-owner.md",
            "---\nholders: [dana]\nresponsibilities:\n  duty-0: A\n  duty-1: A\n---\n",
        ),
    ]);
    let out = Pmpo::new(["matrix", ".", "--format", "mermaid"]).dir(ws.root()).run();
    assert_eq!(out.code(), 0, "{}", out.stderr());
    let text = out.stdout();
    let len = text.encode_utf16().count();
    assert!(len <= 45_000, "{len} characters");
    assert!(len > 40_000, "the room is used: {len}");
    assert!(
        text.starts_with("flowchart LR\n  cut[\"<b>Cut to stay within Mermaid's 50,000-character limit: "),
        "{}",
        &text[..300]
    );
    let stderr = out.stderr();
    assert!(
        stderr.starts_with("warning: Cut to stay within Mermaid's 50,000-character limit"),
        "{stderr}"
    );
    assert!(stderr.contains("of 20000 responsibilities shown"), "{stderr}");
    assert!(stderr.contains("`--format svg`, `markdown` or `csv`"), "{stderr}");
    assert_eq!(
        text.matches("subgraph ").count(),
        text.matches("\n  end\n").count(),
        "every subgraph closed"
    );
    assert!(text.contains(" more\"]"));
    // The same workspace small enough is not cut, and says nothing.
    let small = common::Workspace::new(&[(
        "roles/product-owner.md",
        "---\nholders: [dana]\nresponsibilities:\n  backlog-ordering: A\n---\n",
    )]);
    let out = Pmpo::new(["matrix", ".", "--format", "mermaid"])
        .dir(small.root())
        .run();
    assert!(!out.stdout().contains("Cut to stay within"));
    assert!(out.stderr().is_empty(), "{}", out.stderr());
}
