//! `pmpo check --format html`: the page validates as HTML5 (html5lib, the parser
//! `.ci/run` installs into `.ci/venv`), renders in a real browser (Debian's `chromium`,
//! headless: the DOM it builds and a screenshot that is not blank), shows every finding,
//! carries no markup or link from a hostile workspace, and is the same bytes every run.
//!
//! The parser and the browser are tools outside the crate: missing, they fail the test in
//! CI (`CI=true`, as `.ci/run` sets it) and skip it elsewhere, saying so.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{self, Pmpo, Workspace};

/// The examples a user would open, each a workspace.
fn examples() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(common::manifest_dir().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n != "generate"))
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 5, "the examples are there: {dirs:?}");
    dirs
}

/// `pmpo check ROOT --format html` on stdout, with nothing on stderr.
fn page(root: &Path) -> String {
    let out = Pmpo::new(["check", "--format", "html"]).arg(root).run();
    assert!(
        matches!(out.code(), 0 | 1) && out.stderr_bytes().is_empty(),
        "pmpo check {} --format html: exit {}\n{}",
        root.display(),
        out.code(),
        out.stderr()
    );
    out.stdout()
}

/// `.ci/venv`'s Python when html5lib imports in it.
fn html5lib() -> Option<PathBuf> {
    let python = common::manifest_dir().join(".ci/venv/bin/python");
    let ok = python.is_file()
        && Command::new(&python)
            .args(["-c", "import html5lib"])
            .output()
            .is_ok_and(|o| o.status.success());
    common::tool(ok.then_some(python), "html5lib (.ci/requirements.txt)")
}

/// html5lib's parse errors for each file, one line each; empty when it parses cleanly.
const PARSE: &str = r"
import sys, html5lib
for name in sys.argv[1:]:
    parser = html5lib.HTMLParser(strict=False)
    with open(name, encoding='utf-8') as f:
        parser.parse(f.read())
    for pos, code, data in parser.errors:
        print(f'{name}:{pos[0]}:{pos[1]}: {code} {data}')
";

fn parse_errors(python: &Path, files: &[PathBuf]) -> String {
    let out = Command::new(python)
        .arg("-c")
        .arg(PARSE)
        .args(files)
        .output()
        .expect("python runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_page_parses_as_html5_without_an_error() {
    let Some(python) = html5lib() else { return };
    let dir = Workspace::empty();
    let mut files = Vec::new();
    let roots = examples()
        .into_iter()
        .chain([common::manifest_dir().join("tests/fixtures/formats-hostile")]);
    for (i, root) in roots.enumerate() {
        let file = dir.path(&format!("{i}.html"));
        std::fs::write(&file, page(&root)).unwrap();
        files.push(file);
    }
    let errors = parse_errors(&python, &files);
    assert!(errors.is_empty(), "{errors}");
    // The parser does report what is wrong, so a clean parse says something.
    let broken = dir.path("broken.html");
    std::fs::write(&broken, "<html><p>no doctype</div><td>stray</td>").unwrap();
    assert!(!parse_errors(&python, &[broken]).is_empty(), "html5lib reports errors");
}

/// Chromium's flags for a headless run that touches nothing outside `profile`.
fn chromium(browser: &Path, profile: &Path) -> Command {
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        // Containers often have a small /dev/shm, where chromium would crash.
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .stdin(Stdio::null());
    cmd
}

/// Runs `cmd` for at most two minutes; its stdout.
fn within_two_minutes(cmd: &mut Command) -> Vec<u8> {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut bytes).unwrap();
        bytes
    });
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed: {status}");
            return reader.join().unwrap();
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish within two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The distinct byte values of a PNG's image data (inflated, filter bytes included): a
/// page of one colour has a handful, a page with text hundreds.
fn distinct_pixel_bytes(png: &[u8]) -> usize {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    let mut at = 8;
    let mut data = Vec::new();
    while at + 8 <= png.len() {
        let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
        let kind = &png[at + 4..at + 8];
        if kind == b"IDAT" {
            data.extend_from_slice(&png[at + 8..at + 8 + len]);
        }
        at += 12 + len;
    }
    let pixels = miniz_oxide::inflate::decompress_to_vec_zlib(&data).expect("the image data inflates");
    pixels.iter().collect::<BTreeSet<_>>().len()
}

#[test]
fn chromium_renders_each_example_page_with_its_findings() {
    let Some(browser) = common::tool(common::on_path(&["chromium", "chromium-browser"]), "chromium") else {
        return;
    };
    let dir = Workspace::empty();
    for (i, root) in examples().iter().enumerate() {
        let file = dir.path(&format!("{i}.html"));
        std::fs::write(&file, page(root)).unwrap();
        let url = format!("file://{}", file.display());
        let profile = dir.path(&format!("profile-{i}"));
        let dom = within_two_minutes(chromium(&browser, &profile).arg("--dump-dom").arg(&url));
        let dom = String::from_utf8(dom).expect("the DOM is UTF-8");
        let shown = root.display();
        assert!(dom.contains("<h2 id=\"findings-h\">Findings</h2>"), "{shown}: {dom}");
        let json = Pmpo::new(["check", "--format", "json"]).arg(root).run().json();
        let findings = common::findings(&json);
        let rows = dom.matches("<td><span class=\"sev ").count();
        assert_eq!(rows, findings.len(), "{shown}: a row a finding");
        for f in findings {
            let rule = f["rule"].as_str().unwrap();
            assert!(dom.contains(&format!("<code>{rule}</code>")), "{shown}: {rule}");
        }
        let png = dir.path(&format!("{i}.png"));
        within_two_minutes(
            chromium(&browser, &profile)
                .arg("--window-size=1280,1600")
                .arg(format!("--screenshot={}", png.display()))
                .arg(&url),
        );
        let bytes = std::fs::read(&png).expect("chromium wrote the screenshot");
        let distinct = distinct_pixel_bytes(&bytes);
        assert!(
            distinct > 64,
            "{shown}: the screenshot is blank ({distinct} distinct bytes)"
        );
    }
}

/// The tags the page itself writes: anything else came from a workspace.
const TAGS: [&str; 32] = [
    "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "p", "h1", "h2", "nav", "ul", "li", "a",
    "main", "section", "div", "span", "small", "table", "caption", "thead", "tbody", "tr", "th", "td", "code",
    "strong", "b", "br", "footer",
];

/// The attributes it writes.
const ATTRIBUTES: [&str; 14] = [
    "lang",
    "charset",
    "name",
    "content",
    "class",
    "id",
    "href",
    "aria-label",
    "aria-labelledby",
    "scope",
    "colspan",
    "title",
    "style",
    "role",
];

/// Every tag of `page` is one the page writes, with only its attributes, each quoted, and
/// links only to its own sections; no scheme, script or raw unsafe character anywhere.
fn assert_no_injection(page: &str, what: &str) {
    let lower = page.to_lowercase();
    for bad in ["<script", "javascript:", "data:", "vbscript:"] {
        assert!(!lower.contains(bad), "{what}: `{bad}` in the page");
    }
    let tag = regex::Regex::new(r"<(/?)([!A-Za-z][A-Za-z0-9-]*)([^>]*)>").unwrap();
    let attribute = regex::Regex::new(r#"\s([a-z-]+)="([^"<>]*)""#).unwrap();
    let mut tags = 0;
    for cap in tag.captures_iter(page) {
        tags += 1;
        let (name, rest) = (&cap[2], &cap[3]);
        assert!(TAGS.contains(&name), "{what}: a <{name}> the page does not write");
        if name == "!DOCTYPE" {
            continue;
        }
        for a in attribute.captures_iter(rest) {
            assert!(ATTRIBUTES.contains(&&a[1]), "{what}: <{name} {}=…>", &a[1]);
            if &a[1] == "href" {
                assert!(a[2].starts_with('#'), "{what}: a link out of the page: {}", &a[2]);
            }
        }
        let left = attribute.replace_all(rest, "");
        assert!(
            left.trim().is_empty(),
            "{what}: <{name}{rest}> holds more than quoted attributes"
        );
    }
    assert!(tags > 100, "{what}: the page was read ({tags} tags)");
    if let Some(c) = page.chars().find(|&c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{2028}' | '\u{2029}')
    }) {
        panic!("{what}: {c:?} reached the page raw");
    }
}

#[test]
fn a_hostile_workspace_cannot_inject_markup_or_links() {
    let fixture = page(&common::manifest_dir().join("tests/fixtures/formats-hostile"));
    assert_no_injection(&fixture, "formats-hostile");
    assert!(
        fixture.contains("Zoë &quot;Z&quot; &lt;script&gt;alert(1)&lt;/script&gt;"),
        "the hostile holder is on the page, as text"
    );
    let ws = Workspace::new(&[
        (
            "roles/product-manager.md",
            "---\ntitle: \"<img src=x onerror=alert(1)> [PM](javascript:alert(1))\"\nholders: [\"Eve\\u202e <a href='javascript:x'>x</a>\", \"Mal\\u200blory\"]\nresponsibilities:\n  product-vision: A\n  product-strategy: A\n---\n",
        ),
        (
            "vision.md",
            "---\nowner: product-manager\ngoals:\n  - id: G1\n    title: \"<iframe src=data:text/html,x></iframe> JaVaScRiPt:alert(2)\"\n---\n",
        ),
        (
            "backlog/X-1.md",
            "---\nid: X-1\ntitle: \"</td></tr></table><script>alert(3)</script>\"\nstatus: idea\ngoals: [G1]\n---\n",
        ),
    ]);
    let hostile = page(ws.root());
    assert_no_injection(&hostile, "javascript: workspace");
    assert!(hostile.contains("Eve\\u{202e}"), "the bidi override is shown escaped");
    assert!(
        hostile.contains("Mal\\u{200b}lory"),
        "the zero-width space is shown escaped"
    );
    assert!(
        hostile.contains("&lt;iframe"),
        "the goal's title is on the page, as text"
    );
}

#[test]
fn the_page_is_one_self_contained_document_in_reading_order() {
    let page = page(&common::manifest_dir().join("examples/scaled"));
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    let mut at = 0;
    for id in ["summary", "gaps", "people", "raci", "traceability", "findings"] {
        let heading = format!("<section id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">");
        let found = page[at..]
            .find(&heading)
            .unwrap_or_else(|| panic!("section {id}, in order"));
        at += found;
    }
    assert_eq!(
        page.matches("<table").count(),
        page.matches("<caption>").count(),
        "a caption a table"
    );
    assert!(page.contains("@media print{"), "a print style");
    for external in ["http://", "https://", "<script", "<link", "@import", "url("] {
        assert!(!page.contains(external), "no external resource: {external}");
    }
    // The people and the heat map of every scope are there.
    for text in [
        "Ines Duarte",
        "single points of failure",
        "RACI matrix of Harbour Shop",
        "RACI matrix of payments",
    ] {
        assert!(page.contains(text), "{text}");
    }
    assert!(
        page.contains("<td class=\"r-a\">A</td>"),
        "a cell carries its letter, not only its colour"
    );
}

#[test]
fn the_page_is_the_same_bytes_every_run_whichever_way_it_is_written() {
    let root = common::manifest_dir().join("examples/scaled");
    let ws = Workspace::empty();
    let first = page(&root);
    let out = Pmpo::new(["check", "--format", "html", "-o"])
        .arg(ws.path("o.html"))
        .arg(&root)
        .run();
    assert!(matches!(out.code(), 0 | 1), "{}", out.stderr());
    let out = Pmpo::new(["check", "--format", "json", "--format"])
        .arg(format!("html={}", ws.path("f.html").display()))
        .arg(&root)
        .run();
    assert!(matches!(out.code(), 0 | 1), "{}", out.stderr());
    serde_json::from_slice::<serde_json::Value>(out.stdout_bytes()).expect("JSON on stdout beside the page");
    assert_eq!(first, page(&root), "two runs, one page");
    assert_eq!(first, ws.read("o.html"), "-o writes the page");
    assert_eq!(first, ws.read("f.html"), "--format html=FILE writes the page");
    let elapsed = regex::Regex::new(r"\b\d+(\.\d+)?\s?(ms|s)\b").unwrap();
    assert!(!elapsed.is_match(&first), "no elapsed time on the page");
}

/// Every finding is on the page with its file (from the git root) and line.
#[test]
fn every_finding_is_listed_with_its_file_and_line() {
    for example in ["examples/po-only", "examples/scaled", "tests/fixtures/formats-hostile"] {
        let root = common::manifest_dir().join(example);
        let page = page(&root);
        let json = Pmpo::new(["check", "--format", "json"]).arg(&root).run().json();
        for f in common::findings(&json) {
            let Some(file) = f["file"].as_str() else { continue };
            // The path as the page escapes it: a colon never appears raw.
            let path = format!("{example}/{file}").replace(':', "&#58;");
            let place = format!("<code>{path}:{}</code>", f["line"]);
            assert!(page.contains(&place), "{example}: {place} is not on the page");
        }
    }
}

/// `--without`: the page says whom it checked without, and their strategic rows become
/// the first gaps, under their product.
#[test]
fn what_if_they_left_shows_the_gaps_they_would_leave() {
    let root = common::manifest_dir().join("examples/scaled");
    let out = Pmpo::new(["check", "--format", "html", "--without", "Ines Duarte"])
        .arg(&root)
        .run();
    assert!(matches!(out.code(), 0 | 1), "{}", out.stderr());
    let page = out.stdout();
    assert!(page.contains("checked as if <strong>Ines Duarte</strong> held no role"));
    let gaps = &page[page.find("<section id=\"gaps\"").unwrap()..page.find("<section id=\"people\"").unwrap()];
    assert!(
        gaps.contains("<caption>Orphaned strategic work in Harbour Shop (13)</caption>"),
        "{gaps}"
    );
    assert!(!page.contains("No strategic responsibility is orphaned"));
}

/// The traceability section says how much of the backlog serves no goal: the items
/// `untraced-item` reports.
#[test]
fn the_page_counts_the_backlog_serving_no_goal() {
    let line = regex::Regex::new(r"(\d+) of (\d+) backlog items? serve no goal").unwrap();
    for example in ["examples/po-only", "examples/scaled"] {
        let root = common::manifest_dir().join(example);
        let json = Pmpo::new(["check", "--format", "json"]).arg(&root).run().json();
        let untraced = common::of_rule(&json, "untraced-item").len();
        let page = page(&root);
        let cap = line
            .captures(&page)
            .unwrap_or_else(|| panic!("{example}: no backlog line"));
        assert_eq!(cap[1].parse::<usize>().unwrap(), untraced, "{example}");
    }
}
