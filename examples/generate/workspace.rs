//! A deterministic product workspace of N backlog items, for benchmarks and tests.
//!
//! Everything is drawn from one seeded [`SplitMix64`], in one fixed order, so the same
//! `(items, seed, layout)` always writes the same bytes. Two layouts share the same
//! items: pmpo's own (`backlog/<team>/<ID>-<slug>.md` with `goals:` and `order:`) and
//! Backlog.md's (`backlog/tasks/task-N - Title.md` with its field set and its
//! `<!-- AC:BEGIN -->` criteria, plus a `pmpo.yaml` pointing pmpo at it), so peers and
//! pmpo can be timed on the same text.
//!
//! The writer is careful because benchmarks point it at temporary directories: it
//! refuses a path with `..`, a symbolic link as the target, and a non-empty target
//! unless forced; it creates each directory itself and never writes through a link.
//! This file is shared by `examples/generate/main.rs` and `tests/generate.rs`.

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

/// Which repository layout to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// pmpo's default conventions.
    Pmpo,
    /// Backlog.md's `backlog/tasks/` with a `pmpo.yaml` that points pmpo at it.
    BacklogMd,
}

impl Layout {
    pub fn parse(s: &str) -> Option<Layout> {
        match s {
            "pmpo" => Some(Layout::Pmpo),
            "backlog-md" => Some(Layout::BacklogMd),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub items: usize,
    pub seed: u64,
    pub layout: Layout,
    /// Write into a directory that is not empty (files of the same name are replaced).
    pub force: bool,
}

/// What was written.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
    /// Files pmpo will count as documents: items, role charters and the vision.
    pub documents: usize,
    pub smallest_item: usize,
    pub largest_item: usize,
}

/// `SplitMix64` (Steele, Lea and Flood, 2014; the generator `java.util.SplittableRandom`
/// and `xoshiro`'s seeding use): a 64-bit counter advanced by the golden-ratio constant
/// and mixed by two multiply-xorshift rounds. Tiny, fast, good enough to pick words,
/// and fully determined by its seed, which is all a workload generator needs.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`); the modulo bias is irrelevant for word lists.
    pub fn below(&mut self, n: usize) -> usize {
        // Truncation is fine: the result is below `n`, which is a usize.
        #[allow(clippy::cast_possible_truncation)]
        let r = (self.next_u64() % n as u64) as usize;
        r
    }

    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const TEAMS: &[(&str, &str)] = &[
    ("PAY", "payments"),
    ("CHK", "checkout"),
    ("ACC", "accounts"),
    ("SRCH", "search"),
    ("NOTI", "notifications"),
    ("REP", "reporting"),
    ("ONB", "onboarding"),
    ("MOB", "mobile"),
];
const ACTORS: &[&str] = &[
    "returning shopper",
    "first-time shopper",
    "merchant",
    "store admin",
    "support agent",
    "finance lead",
    "warehouse manager",
    "partner developer",
];
const ACTIONS: &[&str] = &[
    "export",
    "retry",
    "filter",
    "preview",
    "schedule",
    "reorder",
    "archive",
    "share",
    "refund",
    "approve",
    "search",
    "compare",
    "import",
    "pause",
    "translate",
    "verify",
];
const OBJECTS: &[&str] = &[
    "invoices",
    "payment links",
    "saved cards",
    "delivery slots",
    "order history",
    "discount codes",
    "tax reports",
    "subscriptions",
    "product reviews",
    "return labels",
    "gift cards",
    "shipping rates",
    "customer notes",
    "payout statements",
];
const QUALIFIERS: &[&str] = &[
    "in bulk",
    "on mobile",
    "without a developer",
    "from the dashboard",
    "by email",
    "in one click",
    "across stores",
    "for a date range",
    "before checkout",
    "in the shopper's language",
];
const BENEFITS: &[&str] = &[
    "fewer orders are abandoned at the last step",
    "support tickets about it stop reaching the team",
    "month-end closing takes an afternoon instead of a week",
    "shoppers trust the checkout with their card details",
    "merchants go live without waiting for engineering",
    "nobody has to copy numbers between two spreadsheets",
    "the numbers in the weekly review match the bank statement",
];
const CONTEXT: &[&str] = &[
    "Today this takes several manual steps and most people give up halfway.",
    "Merchants asked for it in 14 of the last 50 support conversations.",
    "The current flow was built for desktop and breaks on small screens.",
    "Competitors already offer it, and two prospects named it in lost deals.",
    "Finance spends two days a month reconciling what this would automate.",
    "The data is already stored; only the interface to reach it is missing.",
    "A partial version exists behind a feature flag for three pilot merchants.",
    "Legal signed off on the approach in the last quarterly review.",
    "Analytics shows a drop of eleven percent between this step and the next.",
    "The mobile team estimates the change at one sprint including tests.",
    "Three enterprise merchants made it a condition of renewing this year.",
    "The design team has tested two variants with eight merchants.",
    "Nothing changes for merchants who do not switch the option on.",
    "Data protection asked that nothing personal leaves the region.",
    "The old behaviour stays available for one release as a fallback.",
    "Customer success will brief the top accounts before the rollout.",
];
const CRITERIA: &[&str] = &[
    "The {o} can be reached from the main menu in at most two taps",
    "A {a} sees a confirmation before anything irreversible happens",
    "Errors name the field at fault and keep what was already typed",
    "The change is behind a feature flag that can be switched per merchant",
    "Every action on {o} is recorded in the audit log with who and when",
    "The page loads in under one second on a mid-range phone over 4G",
    "Screen readers announce every state change on the page",
    "Existing {o} keep working without a migration by the merchant",
    "The {a} can undo the last change within ten minutes",
    "Amounts show in the merchant's currency with correct rounding",
];
const LABELS: &[&str] = &[
    "payments",
    "mobile",
    "growth",
    "compliance",
    "tech-debt",
    "accessibility",
    "performance",
    "ux",
];
const GOALS: &[(&str, &str)] = &[
    (
        "G1",
        "A shopper completes a first purchase in under two minutes on mobile",
    ),
    ("G2", "Halve failed payments at checkout"),
    ("G3", "A merchant goes live in one afternoon without a developer"),
    ("G4", "Month-end reconciliation takes under an hour"),
    ("G5", "Support contacts per thousand orders fall below three"),
    ("G6", "Every page meets WCAG 2.2 AA"),
    ("G7", "Sellers in five new markets by the end of next year"),
    ("G8", "Checkout stays under one second at the 95th percentile"),
];
const PM: &str = "product-manager";
const PO: &str = "product-owner";
const PM_HOLDER: &str = "maria";
const PO_HOLDER: &str = "dana";

/// One generated backlog item, before it takes a layout's shape.
struct Item {
    number: usize,
    team: usize,
    title: String,
    /// 0 idea, 1 ready, 2 in-progress, 3 done, 4 accepted, 5 dropped.
    status: usize,
    goals: Vec<&'static str>,
    labels: Vec<&'static str>,
    description: Vec<String>,
    criteria: Vec<String>,
    /// The size the item's file should reach, in bytes.
    target: usize,
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn draw_item(rng: &mut SplitMix64, number: usize) -> Item {
    let team = rng.below(TEAMS.len());
    let action = rng.pick(ACTIONS);
    let object = rng.pick(OBJECTS);
    let qualifier = rng.pick(QUALIFIERS);
    let actor = rng.pick(ACTORS);
    let title = format!("{} {object} {qualifier}", capitalise(action));
    let status = match rng.below(100) {
        0..15 => 0,
        15..40 => 1,
        40..55 => 2,
        55..70 => 3,
        70..95 => 4,
        _ => 5,
    };
    // About one item in a hundred serves no goal: a realistic `untraced-item` rate.
    let goals = if rng.chance(1) {
        Vec::new()
    } else {
        let mut g = vec![GOALS[rng.below(GOALS.len())].0];
        if rng.chance(20) {
            let second = GOALS[rng.below(GOALS.len())].0;
            if second != g[0] {
                g.push(second);
            }
        }
        g
    };
    let mut labels = vec![TEAMS[team].1];
    for _ in 0..rng.below(3) {
        let l = rng.pick(LABELS);
        if !labels.contains(&l) {
            labels.push(l);
        }
    }
    let mut description = vec![format!(
        "As a {actor} I want to {action} {object} {qualifier}, so that {}.",
        rng.pick(BENEFITS)
    )];
    // Distinct context sentences in a random order: a partial Fisher-Yates shuffle.
    let mut order: Vec<usize> = (0..CONTEXT.len()).collect();
    for i in 0..order.len() - 1 {
        let j = i + rng.below(order.len() - i);
        order.swap(i, j);
    }
    description.extend(order.iter().map(|&i| CONTEXT[i].to_string()));
    let mut criteria = Vec::new();
    for _ in 0..2 + rng.below(4) {
        let c = rng.pick(CRITERIA).replace("{o}", object).replace("{a}", actor);
        if !criteria.contains(&c) {
            criteria.push(c);
        }
    }
    Item {
        number,
        team,
        title,
        status,
        goals,
        labels,
        description,
        criteria,
        target: 700 + rng.below(650),
    }
}

fn yaml_list(items: &[&str]) -> String {
    format!("[{}]", items.join(", "))
}

/// The body's description, sentence by sentence until the whole file reaches
/// `target` bytes.
fn fill(item: &Item, head: usize, tail: usize) -> String {
    let mut text = String::new();
    for (i, sentence) in item.description.iter().enumerate() {
        if head + text.len() + tail >= item.target {
            break;
        }
        if i == 3 {
            text.push_str("\n\n");
        } else if i > 0 {
            text.push(' ');
        }
        text.push_str(sentence);
    }
    text
}

fn pmpo_item(item: &Item) -> (String, String) {
    const STATUSES: [&str; 6] = ["idea", "ready", "in-progress", "done", "accepted", "dropped"];
    let (prefix, team) = TEAMS[item.team];
    let id = format!("{prefix}-{:06}", item.number);
    let mut head = format!(
        "---\nid: {id}\ntitle: {}\nstatus: {}\norder: {}\n",
        item.title,
        STATUSES[item.status],
        item.number * 10
    );
    if !item.goals.is_empty() {
        let _ = writeln!(head, "goals: {}", yaml_list(&item.goals));
    }
    let _ = writeln!(head, "labels: {}", yaml_list(&item.labels));
    if item.status == 4 {
        let _ = writeln!(head, "accepted_by: {PO_HOLDER}");
    }
    head.push_str("---\n");
    let mut tail = String::from("\n\n## Acceptance criteria\n");
    let done = item.status >= 3;
    for c in &item.criteria {
        let _ = writeln!(tail, "- [{}] {c}", if done { 'x' } else { ' ' });
    }
    let body = fill(item, head.len(), tail.len());
    let slug: String = item
        .title
        .split(' ')
        .take(4)
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    (format!("backlog/{team}/{id}-{slug}.md"), format!("{head}{body}{tail}"))
}

fn backlog_md_item(item: &Item) -> (String, String) {
    const STATUSES: [&str; 6] = ["To Do", "To Do", "In Progress", "Done", "Done", "Done"];
    let n = item.number;
    let day = 1 + n % 28;
    let month = 1 + (n / 28) % 12;
    let mut head = format!(
        "---\nid: TASK-{n}\ntitle: {}\nstatus: {}\nassignee: []\ncreated_date: '2026-{month:02}-{day:02} 10:{:02}'\nlabels:\n",
        item.title,
        STATUSES[item.status],
        n % 60
    );
    for l in &item.labels {
        let _ = writeln!(head, "  - {l}");
    }
    let _ = write!(
        head,
        "dependencies: []\nordinal: {}\n---\n\n## Description\n\n<!-- SECTION:DESCRIPTION:BEGIN -->\n",
        n * 1000
    );
    let mut tail = String::from("\n<!-- SECTION:DESCRIPTION:END -->\n\n## Acceptance Criteria\n<!-- AC:BEGIN -->\n");
    let done = item.status >= 3;
    for (i, c) in item.criteria.iter().enumerate() {
        let _ = writeln!(tail, "- [{}] #{} {c}", if done { 'x' } else { ' ' }, i + 1);
    }
    tail.push_str("<!-- AC:END -->\n");
    let body = fill(item, head.len(), tail.len());
    let name: String = item
        .title
        .chars()
        .map(|c| if c == ' ' { '-' } else { c })
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '\'')
        .collect();
    (
        format!("backlog/tasks/task-{n} - {name}.md"),
        format!("{head}{body}{tail}"),
    )
}

/// Role charters covering the built-in catalog: each responsibility is accountable to
/// the role the catalog expects (discovery to the product manager, delivery to the
/// product owner when it says `any`), and consulted or informed on the other side.
fn charters(catalog: &[(String, String, Option<String>)]) -> Vec<(String, String)> {
    let mut pm = String::new();
    let mut po = String::new();
    for (id, area, expected) in catalog {
        let owner = match expected.as_deref() {
            Some(role) => role,
            None if area == "delivery" || area == "team" => PO,
            None => PM,
        };
        let (mine, theirs) = if owner == PM {
            (&mut pm, &mut po)
        } else {
            (&mut po, &mut pm)
        };
        let _ = writeln!(mine, "  {id}: A");
        let other = if area == "strategy" { 'I' } else { 'C' };
        let _ = writeln!(theirs, "  {id}: {other}");
    }
    vec![
        (
            format!("roles/{PM}.md"),
            format!(
                "---\nid: {PM}\ntitle: Product Manager\nholders: [{PM_HOLDER}]\nresponsibilities:\n{pm}---\n# Product Manager\n\nOwns the why and the what next: strategy, vision, roadmap and discovery.\n"
            ),
        ),
        (
            format!("roles/{PO}.md"),
            format!(
                "---\nid: {PO}\ntitle: Product Owner\nholders: [{PO_HOLDER}]\nreports_to: {PM}\nteam_size: 7\nresponsibilities:\n{po}---\n# Product Owner\n\nOrders the backlog, writes the stories with the team and accepts finished work.\n"
            ),
        ),
    ]
}

fn vision() -> String {
    let mut text = format!("---\nproduct: Acme Commerce\nowner: {PM}\ngoals:\n");
    for (id, title) in GOALS {
        let _ = writeln!(text, "  - id: {id}\n    title: {title}");
    }
    text.push_str("---\n# Acme Commerce\n\nThe hosted commerce platform that turns a full cart into a paid order.\n");
    text
}

const BACKLOG_MD_CONFIG: &str = "project_name: \"bench\"\ndefault_status: \"To Do\"\nstatuses: [\"To Do\", \"In Progress\", \"Done\"]\nlabels: []\ndate_format: yyyy-mm-dd\nmax_column_width: 20\nauto_open_browser: false\ndefault_port: 6420\nremote_operations: false\nauto_commit: false\nfilesystem_only: true\nbypass_git_hooks: false\ncheck_active_branches: false\nactive_branch_days: 30\ntask_prefix: \"task\"\n";

const BACKLOG_MD_PMPO_YAML: &str = "# Backlog.md keeps its tasks in backlog/tasks; its config.yml is no backlog list.\npaths:\n  backlog-item: [\"backlog/tasks/*.md\"]\n  backlog: []\n";

/// Refuse targets that could make the writer leave `dir`.
///
/// # Errors
/// `dir` has a `..` component, is a symbolic link or a file, or is a non-empty
/// directory and `force` is not set.
pub fn check_target(dir: &Path, force: bool) -> Result<(), String> {
    if dir.components().any(|c| c == Component::ParentDir) {
        return Err(format!("refusing `{}`: the path contains `..`", dir.display()));
    }
    match fs::symlink_metadata(dir) {
        Err(_) => Ok(()),
        Ok(meta) if meta.file_type().is_symlink() => Err(format!(
            "refusing `{}`: it is a symbolic link; name the real directory",
            dir.display()
        )),
        Ok(meta) if !meta.is_dir() => Err(format!("refusing `{}`: it is not a directory", dir.display())),
        Ok(_) => {
            let mut entries = fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
            if entries.next().is_some() && !force {
                return Err(format!(
                    "refusing `{}`: the directory is not empty (pass --force to write into it)",
                    dir.display()
                ));
            }
            Ok(())
        }
    }
}

/// Writes files below one root, never through a symbolic link.
struct Writer {
    root: PathBuf,
    written: Written,
    made: std::collections::HashSet<PathBuf>,
}

impl Writer {
    /// Create each directory of `rel`'s parent below the root, one level at a time,
    /// refusing any level that exists as something other than a real directory.
    fn dirs(&mut self, rel: &Path) -> Result<(), String> {
        let mut at = self.root.clone();
        for part in rel.parent().into_iter().flat_map(Path::components) {
            let Component::Normal(name) = part else {
                return Err(format!("internal: unexpected path `{}`", rel.display()));
            };
            at.push(name);
            if self.made.contains(&at) {
                continue;
            }
            match fs::symlink_metadata(&at) {
                Ok(meta) if meta.is_dir() => {}
                Ok(_) => {
                    return Err(format!(
                        "refusing to write below `{}`: not a real directory",
                        at.display()
                    ));
                }
                Err(_) => fs::create_dir(&at).map_err(|e| format!("cannot create `{}`: {e}", at.display()))?,
            }
            self.made.insert(at.clone());
        }
        Ok(())
    }

    fn file(&mut self, rel: &str, text: &str) -> Result<(), String> {
        let rel_path = Path::new(rel);
        if !rel_path.components().all(|c| matches!(c, Component::Normal(_))) {
            return Err(format!("internal: unexpected path `{rel}`"));
        }
        self.dirs(rel_path)?;
        let path = self.root.join(rel_path);
        // A file left by an earlier run (with --force) is replaced, a link is unlinked:
        // `create_new` below then never follows anything.
        if let Ok(meta) = fs::symlink_metadata(&path) {
            if meta.is_dir() {
                return Err(format!("refusing to replace the directory `{}`", path.display()));
            }
            fs::remove_file(&path).map_err(|e| format!("cannot replace `{}`: {e}", path.display()))?;
        }
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| format!("cannot create `{}`: {e}", path.display()))?;
        file.write_all(text.as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        self.written.files += 1;
        self.written.bytes += text.len() as u64;
        Ok(())
    }
}

/// Write the workspace into `dir`. `catalog` is `(id, area, expected)` of each
/// responsibility the charters must cover.
///
/// # Errors
/// The target is refused by [`check_target`], or a file cannot be written.
pub fn generate(
    dir: &Path,
    options: &Options,
    catalog: &[(String, String, Option<String>)],
) -> Result<Written, String> {
    check_target(dir, options.force)?;
    fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    let mut w = Writer {
        root: dir.to_path_buf(),
        written: Written::default(),
        made: std::collections::HashSet::new(),
    };
    for (rel, text) in charters(catalog) {
        w.file(&rel, &text)?;
    }
    w.file("vision.md", &vision())?;
    if options.layout == Layout::BacklogMd {
        w.file("backlog/config.yml", BACKLOG_MD_CONFIG)?;
        w.file("pmpo.yaml", BACKLOG_MD_PMPO_YAML)?;
    }
    let mut rng = SplitMix64::new(options.seed);
    let (mut smallest, mut largest) = (usize::MAX, 0);
    for number in 1..=options.items {
        let item = draw_item(&mut rng, number);
        let (rel, text) = match options.layout {
            Layout::Pmpo => pmpo_item(&item),
            Layout::BacklogMd => backlog_md_item(&item),
        };
        smallest = smallest.min(text.len());
        largest = largest.max(text.len());
        w.file(&rel, &text)?;
    }
    let mut written = w.written;
    written.documents = options.items + 3;
    written.smallest_item = if options.items == 0 { 0 } else { smallest };
    written.largest_item = largest;
    Ok(written)
}
