//! `pmpo matrix` through the binary, in each format.

mod support;

use support::{code, pmpo, stderr, stdout, well_formed_xml};

const HOSTILE: &str = "tests/fixtures/onboarding-hostile";

fn matrix(path: &str, format: &str) -> String {
    let o = pmpo(&["matrix", path, "--format", format]);
    assert_eq!(code(&o), 0, "{format}: {}", stderr(&o));
    stdout(&o)
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
    let o = pmpo(&["matrix", "no/such/dir"]);
    assert_eq!(code(&o), 2);
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
    assert_eq!(lines[0], format!("responsibility,{}", roles.join(",")));
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(lines.len() - 1, rows.len());
    assert_eq!(rows.len(), 27);
    for (line, row) in lines[1..].iter().zip(rows) {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields[0], row["id"].as_str().unwrap());
        for (role, letter) in roles.iter().zip(&fields[1..]) {
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
    assert!(at("Only the product manager owns (maria)") < at("[\"Shared\"]"));
    assert!(at("[\"Shared\"]") < at("Only the product owner owns (dana)"));
    assert!(at("Only the product owner owns (dana)") < at("No one owns"));
    // Sole ownership, delegation (another role responsible) and nobody.
    let pm = &out[at("Only the product manager owns")..at("[\"Shared\"]")];
    assert!(pm.contains("product-vision") && !pm.contains("backlog-ordering"));
    let shared = &out[at("[\"Shared\"]")..at("Only the product owner owns")];
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
    assert_eq!(out, "responsibility,helper,owner\nplain-thing,A,C\nhostile-thing,I,A\n");
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
    let committed = std::fs::read_to_string(support::repo("docs/examples/acme-matrix.svg")).expect("committed");
    assert_eq!(
        committed,
        matrix("examples/acme", "svg"),
        "regenerate with: pmpo matrix examples/acme --format svg > docs/examples/acme-matrix.svg"
    );
}

#[test]
fn the_mermaid_picture_in_the_guide_is_in_sync() {
    let guide = std::fs::read_to_string(support::repo("docs/adopting.md")).expect("guide");
    let block = format!("```mermaid\n{}```\n", matrix("examples/acme", "mermaid"));
    assert!(
        guide.contains(&block),
        "the mermaid block in docs/adopting.md is not `pmpo matrix examples/acme --format mermaid`"
    );
}
