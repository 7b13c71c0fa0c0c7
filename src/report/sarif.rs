//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and any other SARIF viewer.
//!
//! Shaped by what code scanning accepts, not only by the schema: every rule of the
//! registry is described in `tool.driver.rules` with its id and a `PascalCase` `name` (so
//! an alert shows the rule's full explanation), every result has a physical location
//! with a URI relative to the git root and a `region` with a `startLine` (code scanning
//! needs the line, and its uploader fingerprints only results with a file and a line),
//! and every result has a `partialFingerprints` entry built from rule, subject and file,
//! never the line, so an alert survives edits above it. Columns are counted in
//! characters, as findings count them, and the run says so in `columnKind`.
//!
//! A finding without a place in a document is put on the most relevant real file
//! ([`Anchors`]), at line 1 where no line applies. Code scanning takes at most
//! 25,000 results a run and rejects a larger upload whole, and shows only the first
//! 5,000: past 5,000 the results are ordered errors first, then warnings, then infos
//! (the baseline's accepted findings last), and `toolExecutionNotifications` entries say
//! what is not shown and how many were left out.
//!
//! A finding the baseline accepted stays a result, with an `external` suppression: code
//! scanning would otherwise close its alert as fixed on the first baselined upload. The
//! run names itself: `automationDetails.id` (the category, so two workspaces of one
//! repository keep their alerts apart) and `tool.driver.fullName`, which GitHub Advanced
//! Security for Azure `DevOps` requires.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use super::anchor::Anchors;
use super::place::{Extent, Places};
use super::{Emitter, Report};
use crate::finding::{Finding, Location, Severity};
use crate::rules::{RULES, RuleMeta};

pub(crate) struct Sarif {
    /// `--sarif-category`: the analysis category code scanning keeps this run's alerts
    /// under; `None` derives it from the workspace's path in the repository.
    pub category: Option<String>,
}

const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The `partialFingerprints` key; bump the version if the hashed text ever changes.
const FINGERPRINT: &str = "pmpo/v1";

/// GitHub code scanning's limit of results a run.
pub(crate) const MAX_RESULTS: usize = 25_000;

/// The results of a run code scanning shows (by severity); the rest of an accepted
/// upload is stored but not shown.
pub(crate) const SHOWN_RESULTS: usize = 5_000;

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    automation_details: AutomationDetails,
    invocations: [Invocation; 1],
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
    /// With `--without`: the people the run was checked without (what if they left).
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<RunProperties<'a>>,
}

#[derive(Serialize)]
struct RunProperties<'a> {
    without: &'a [String],
}

/// The run's identity: `category/`, as codeql-action's `upload-sarif` writes it from its
/// `category` input (the part before the last `/` is the category).
#[derive(Serialize)]
struct AutomationDetails {
    id: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    descriptor: DescriptorReference,
    level: &'static str,
    message: Text,
}

#[derive(Serialize)]
struct DescriptorReference {
    id: &'static str,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    full_name: String,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    information_uri: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [SarifLocation; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    /// A finding the baseline accepted: still reported, so that code scanning does not
    /// close its alert as fixed, but suppressed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    /// The finding's product or team; absent for the workspace.
    #[serde(skip_serializing_if = "Option::is_none")]
    properties: Option<Properties<'a>>,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
}

#[derive(Serialize)]
struct Properties<'a> {
    scope: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: Physical,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Artifact,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct Artifact {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<u32>,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn descriptor(meta: &'static RuleMeta) -> Descriptor {
    let explanation = crate::rules::docs::explanation(meta, 2);
    Descriptor {
        id: meta.name,
        name: pascal_case(meta.name),
        short_description: Text {
            text: meta.summary.to_string(),
        },
        full_description: Text {
            text: unwrapped(meta.finds),
        },
        help: Help {
            text: explanation.clone(),
            markdown: explanation,
        },
        default_configuration: Configuration {
            level: level(meta.default),
        },
    }
}

/// A kebab-case rule name as SARIF viewers show a rule's `name`: `orphaned-strategic`
/// becomes `OrphanedStrategic`.
fn pascal_case(kebab: &str) -> String {
    kebab
        .split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// A section of a rule's explanation as a plain-text description: the lines the source
/// wraps joined, paragraphs kept apart.
fn unwrapped(text: &str) -> String {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.join("\n\n")
}

fn region(extent: Extent) -> Region {
    let end = extent.end.filter(|&end| end != (extent.line, extent.column));
    Region {
        start_line: extent.line,
        start_column: extent.column,
        end_line: end.map(|(line, _)| line),
        end_column: end.map(|(_, column)| column),
    }
}

fn physical(places: &mut Places<'_>, loc: &Location) -> Physical {
    Physical {
        artifact_location: Artifact {
            uri: uri(&places.path(&loc.file)),
        },
        region: Some(region(places.extent(loc))),
    }
}

/// A relative path as a URI reference: every byte outside the unreserved and
/// sub-delimiter characters is percent-encoded, `:` included, so that a first segment
/// never reads as a scheme.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// FNV-1a, 64 bits: a stable hash without a dependency. A fingerprint only has to
/// tell results apart across runs of one repository, not resist anyone.
fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The hash of `parts`, each ended by 0xFF, a byte no UTF-8 text holds, so that
/// `("ab", "c")` and `("a", "bc")` differ.
pub(crate) fn fingerprint(parts: &[&str]) -> String {
    let bytes = parts.iter().flat_map(|p| p.bytes().chain([0xff]));
    format!("{:016x}", fnv1a(bytes))
}

impl Sarif {
    fn result<'a>(
        f: &'a Finding,
        anchors: &Anchors<'_>,
        places: &mut Places<'_>,
        occurrence: usize,
        accepted_by: Option<&str>,
    ) -> SarifResult<'a> {
        let physical_location = match anchors.place(f) {
            Some(loc) => physical(places, &loc),
            // A workspace without a single file: its directory, still with a line.
            None => Physical {
                artifact_location: Artifact {
                    uri: match places.path("") {
                        prefix if prefix.is_empty() => "./".to_string(),
                        prefix => uri(&prefix),
                    },
                },
                region: Some(Region {
                    start_line: 1,
                    start_column: 1,
                    end_line: None,
                    end_column: None,
                }),
            },
        };
        let related_locations = f
            .related
            .iter()
            .enumerate()
            .map(|(i, (loc, label))| SarifLocation {
                id: Some(i),
                physical_location: physical(places, loc),
                message: Some(Text { text: label.clone() }),
            })
            .collect();
        let text = match &f.help {
            Some(help) => format!("{}\nhelp: {help}", f.message),
            None => f.message.clone(),
        };
        let file = f.location.as_ref().map_or("", |l| l.file.as_ref());
        let subject = f.subject.as_deref().unwrap_or(&f.message);
        // A scope joins the fingerprint only when there is one, so that fingerprints of
        // a workspace without products stay what they were.
        let hash = match f.scope.as_deref() {
            Some(scope) => fingerprint(&[f.rule, subject, file, &occurrence.to_string(), scope]),
            None => fingerprint(&[f.rule, subject, file, &occurrence.to_string()]),
        };
        SarifResult {
            rule_id: f.rule,
            rule_index: RULES.iter().position(|r| r.meta().name == f.rule),
            level: level(f.severity),
            message: Text { text },
            locations: [SarifLocation {
                id: None,
                physical_location,
                message: None,
            }],
            related_locations,
            partial_fingerprints: BTreeMap::from([(FINGERPRINT, hash)]),
            suppressions: accepted_by
                .map(|file| Suppression {
                    kind: "external",
                    status: "accepted",
                    justification: format!("accepted by the baseline {file}"),
                })
                .into_iter()
                .collect(),
            properties: f.scope.as_deref().map(|scope| Properties { scope }),
        }
    }
}

impl Emitter for Sarif {
    fn emit(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut places = Places::new(report);
        let anchors = Anchors::new(report.model);
        // What the baseline accepted stays in the log, suppressed, in the finding order
        // among the rest: the results and their fingerprints are those of a run without
        // the baseline.
        let accepted = report.accepted();
        let mut all: Vec<(&Finding, bool)> = report
            .findings
            .iter()
            .map(|f| (f, false))
            .chain(accepted.iter().map(|f| (f, true)))
            .collect();
        if !accepted.is_empty() {
            all.sort_by(|a, b| a.0.sort_key().cmp(&b.0.sort_key()));
        }
        // Findings that share rule, subject and file are told apart by their rank among
        // themselves, which the deterministic finding order keeps stable. The rank is
        // counted over every finding, so a result keeps its fingerprint when others are
        // left out.
        let mut seen: HashMap<(&str, &str, &str), usize> = HashMap::new();
        let occurrences: Vec<usize> = all
            .iter()
            .map(|(f, _)| {
                let file = f.location.as_ref().map_or("", |l| l.file.as_ref());
                let n = seen
                    .entry((f.rule, f.subject.as_deref().unwrap_or(&f.message), file))
                    .or_default();
                *n += 1;
                *n
            })
            .collect();
        let baseline_file = report.baseline.map(|b| b.file.as_str());
        let order = ranked(&all, MAX_RESULTS);
        let results: Vec<SarifResult<'_>> = order
            .iter()
            .map(|&i| {
                let (f, suppressed) = all[i];
                let accepted_by = if suppressed { baseline_file } else { None };
                Self::result(f, &anchors, &mut places, occurrences[i], accepted_by)
            })
            .collect();
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: "pmpo",
                        full_name: format!("pmpo {}", env!("CARGO_PKG_VERSION")),
                        version: env!("CARGO_PKG_VERSION"),
                        semantic_version: env!("CARGO_PKG_VERSION"),
                        information_uri: information_uri(),
                        rules: RULES.iter().map(|r| descriptor(r.meta())).collect(),
                    },
                },
                automation_details: AutomationDetails {
                    id: automation_id(self.category.as_deref(), &places.path("")),
                },
                invocations: [Invocation {
                    execution_successful: true,
                    tool_execution_notifications: notifications(all.len(), results.len()),
                }],
                column_kind: "unicodeCodePoints",
                results,
                properties: (!report.model.without.is_empty()).then(|| RunProperties {
                    without: &report.model.without,
                }),
            }],
        };
        // Serialise first: an error writing `out` then keeps its kind (a closed pipe).
        let mut text = crate::escape::json_pretty(&log).map_err(io::Error::other)?;
        text.push('\n');
        out.write_all(text.as_bytes())
    }
}

/// What the run says about its own size: past [`SHOWN_RESULTS`], that code scanning
/// shows only the first ones; past [`MAX_RESULTS`], how many were left out.
fn notifications(found: usize, written: usize) -> Vec<Notification> {
    let mut notes = Vec::new();
    if written > SHOWN_RESULTS {
        notes.push(Notification {
            descriptor: DescriptorReference {
                id: "results-not-shown",
            },
            level: "note",
            message: Text {
                text: format!(
                    "This run has {written} results; GitHub code scanning shows the first {SHOWN_RESULTS} of a run. \
                     They are ordered errors first, then warnings, then notes, with the baseline's accepted \
                     findings last. Run `pmpo check` to see them all."
                ),
            },
        });
    }
    let left_out = found - written;
    if left_out > 0 {
        notes.push(Notification {
            descriptor: DescriptorReference {
                id: "results-truncated",
            },
            level: "warning",
            message: Text {
                text: format!(
                    "{left_out} of {found} findings were left out to stay within {MAX_RESULTS} results, \
                     the most that GitHub code scanning accepts in a run; the errors come first, \
                     then warnings, then infos. Run `pmpo check` to see them all."
                ),
            },
        });
    }
    notes
}

/// The run's `automationDetails.id`: the category given, else `pmpo` and the
/// workspace's path in the repository (`pmpo/product`), so that two workspaces of one
/// repository keep their alerts apart; ended by `/`, as `upload-sarif` ends a category.
fn automation_id(category: Option<&str>, prefix: &str) -> String {
    let category = match category.map(str::trim).filter(|c| !c.is_empty()) {
        Some(given) => given.to_string(),
        None => match prefix.trim_matches('/') {
            "" | "." => "pmpo".to_string(),
            path => format!("pmpo/{path}"),
        },
    };
    if category.ends_with('/') {
        category
    } else {
        format!("{category}/")
    }
}

/// Which results the log holds, in which order: all of them in the finding order when
/// code scanning shows them all; else the worst first (new errors, warnings and infos,
/// then the accepted ones, each in the finding order), at most `max`.
fn ranked(all: &[(&Finding, bool)], max: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..all.len()).collect();
    if all.len() > SHOWN_RESULTS {
        order.sort_by_key(|&i| (all[i].1, std::cmp::Reverse(all[i].0.severity)));
    }
    order.truncate(max);
    order
}

/// The project's page, from Cargo.toml's `homepage` or `repository`; omitted while
/// neither is set rather than invented.
fn information_uri() -> &'static str {
    match (env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")) {
        ("", repository) => repository,
        (homepage, _) => homepage,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_encode_what_a_uri_reference_cannot_hold() {
        assert_eq!(uri("roles/product-owner.md"), "roles/product-owner.md");
        assert_eq!(uri("backlog/a b%#?.md"), "backlog/a%20b%25%23%3F.md");
        assert_eq!(uri("c:x/é.md"), "c%3Ax/%C3%A9.md");
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(pascal_case("orphaned-strategic"), "OrphanedStrategic");
        assert_eq!(pascal_case("unowned"), "Unowned");
        for rule in RULES {
            let name = pascal_case(rule.meta().name);
            assert!(name.chars().all(char::is_alphanumeric), "{name}");
            assert!(name.starts_with(|c: char| c.is_ascii_uppercase()), "{name}");
        }
    }

    fn finding(severity: Severity) -> Finding {
        Finding::bare("unowned", severity)
    }

    #[test]
    fn past_what_code_scanning_shows_the_worst_come_first() {
        use Severity::{Error, Info, Warning};
        let few: Vec<Finding> = [Info, Warning, Error].into_iter().map(finding).collect();
        let all: Vec<(&Finding, bool)> = few.iter().map(|f| (f, false)).collect();
        assert_eq!(
            ranked(&all, MAX_RESULTS),
            [0, 1, 2],
            "the finding order when all are shown"
        );
        let many: Vec<Finding> = (0..=SHOWN_RESULTS)
            .map(|i| finding([Info, Warning, Error][i % 3]))
            .collect();
        let all: Vec<(&Finding, bool)> = many.iter().enumerate().map(|(i, f)| (f, i == 2)).collect();
        let order = ranked(&all, 4);
        assert_eq!(order, [5, 8, 11, 14], "new errors first; the accepted one (2) is not");
        let order = ranked(&all, MAX_RESULTS);
        assert_eq!(order.len(), many.len());
        assert_eq!(*order.last().unwrap(), 2, "the accepted error comes last");
        let severities: Vec<Severity> = order[..order.len() - 1].iter().map(|&i| many[i].severity).collect();
        assert!(severities.windows(2).all(|w| w[0] >= w[1]), "worst first");
    }

    #[test]
    fn the_category_is_given_or_the_workspace_path() {
        assert_eq!(automation_id(None, ""), "pmpo/");
        assert_eq!(automation_id(None, "product/"), "pmpo/product/");
        assert_eq!(automation_id(None, "a/b c/"), "pmpo/a/b c/");
        assert_eq!(automation_id(Some("charters"), "product/"), "charters/");
        assert_eq!(automation_id(Some("x/"), ""), "x/");
        assert_eq!(automation_id(Some("  "), "p/"), "pmpo/p/");
    }

    #[test]
    fn fingerprint_separates_parts() {
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
        assert_eq!(fingerprint(&["x"]).len(), 16);
        assert_eq!(fnv1a(*b""), 0xcbf2_9ce4_8422_2325, "FNV-1a 64 offset basis");
        assert_eq!(fnv1a(*b"a"), 0xaf63_dc4c_8601_ec8c, "FNV-1a 64 test vector");
        assert_eq!(fnv1a(*b"foobar"), 0x8594_4171_f739_67e8, "FNV-1a 64 test vector");
    }

    #[test]
    fn full_description_joins_wrapped_lines_and_keeps_paragraphs() {
        assert_eq!(
            unwrapped("A thing\nthat  wraps.\n\nMore."),
            "A thing that wraps.\n\nMore."
        );
        let unowned = descriptor(crate::rules::find("unowned").unwrap().meta());
        // Two paragraphs (the second on products and teams), each on one line.
        let text = &unowned.full_description.text;
        assert_eq!(text.matches("\n\n").count(), 1, "{text}");
        assert!(!text.replace("\n\n", " ").contains('\n'), "{text}");
        assert!(unowned.help.markdown.starts_with("## What it finds\n"));
        assert!(unowned.help.markdown.contains("\n\n## How to fix\n"));
    }
}
