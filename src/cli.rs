//! The command line, clap derive only.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Make product responsibilities as checkable as code.
///
/// pmpo reads a workspace of Markdown and YAML files (role charters, a vision with goals,
/// a roadmap, backlog items) and checks that every responsibility has exactly one
/// accountable role with a real holder.
#[derive(Debug, Parser)]
#[command(name = "pmpo", version, propagate_version = true, max_term_width = 100)]
pub(crate) struct Cli {
    /// When to use colour: auto (a terminal; honours `NO_COLOR`, `FORCE_COLOR`,
    /// `CLICOLOR_FORCE` and `TERM=dumb`), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Say less: `check` prints only the findings (no tables, no summary); `init`,
    /// `charter` and `codeowners` say nothing about the files written (nor `codeowners`
    /// about holders without an account or email). Every command accepts it; the others
    /// have nothing to leave out.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Load the workspace, run every rule, report findings and the coverage tables.
    Check(CheckArgs),
    /// List the rules with their default severity.
    Rules,
    /// Explain a rule: what it finds, why it matters, an example, how to fix.
    Explain {
        /// The rule's name, as `pmpo rules` lists it.
        #[arg(value_parser = Offer(crate::rules::names), hide_possible_values = true)]
        rule: String,
    },
    /// Print the catalog in force (built-in or the workspace's) as YAML.
    Catalog {
        /// The workspace root [default: the nearest directory with pmpo.yaml, else .]
        path: Option<PathBuf>,
        /// Print a built-in catalog instead, without a workspace: pm-po or scrum (also
        /// written builtin:pm-po, builtin:scrum).
        #[arg(long, value_name = "NAME", conflicts_with_all = ["path", "list"])]
        builtin: Option<String>,
        /// List the built-in catalogs, one a line.
        #[arg(long, conflicts_with = "path")]
        list: bool,
    },
    /// Print the RACI matrix: responsibilities as rows, roles as columns.
    Matrix(MatrixArgs),
    /// Write an onboarding charter for a role, in Markdown.
    Charter(CharterArgs),
    /// The people: their roles, load against their limit, and what would lose its only
    /// accountable holder if they left (who can we not lose?).
    People(PeopleArgs),
    /// GitHub CODEOWNERS lines from the charters: each document owned by the holders of
    /// the role accountable for it, so that role is asked to review its changes.
    Codeowners(CodeownersArgs),
    /// Scaffold a workspace that passes `pmpo check`.
    Init(InitArgs),
    /// Print the JSON Schema (draft-07) of a document kind, for editor completion.
    Schema {
        /// role, vision, roadmap, backlog-item, backlog, catalog, definition-of-done, people,
        /// or config (also pmpo.yaml). Leave out to list the kinds.
        #[arg(value_parser = Offer(crate::schema::kinds), hide_possible_values = true)]
        kind: Option<String>,
    },
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub(crate) struct MatrixArgs {
    /// The workspace root [default: the nearest directory with pmpo.yaml, else .]
    pub path: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = MatrixFormat::Table)]
    pub format: MatrixFormat,

    /// Write the matrix to FILE (through a temporary file and a rename) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// Show one product or team (an id under `products:` in pmpo.yaml).
    #[arg(long, value_name = "ID")]
    pub scope: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct PeopleArgs {
    /// The workspace root [default: the nearest directory with pmpo.yaml, else .]
    pub path: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = PeopleFormat::Table)]
    pub format: PeopleFormat,

    /// Write the table to FILE (through a temporary file and a rename) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// Show the people as if these held no role (what if they left).
    #[arg(long, value_name = "PERSON,...", value_delimiter = ',')]
    pub without: Vec<String>,
}

#[derive(Debug, Args)]
pub(crate) struct CodeownersArgs {
    /// The workspace root [default: the nearest directory with pmpo.yaml, else .]
    pub path: Option<PathBuf>,

    /// Write the lines into FILE (such as .github/CODEOWNERS) between
    /// `# BEGIN pmpo codeowners` and `# END pmpo codeowners`, replacing only that block
    /// (appended at the end when absent); every other line is kept.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// With -o: exit 1 with a diff when FILE's block differs from the charters, and
    /// write nothing.
    #[arg(long, requires = "output_file")]
    pub check: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PeopleFormat {
    Table,
    Markdown,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum MatrixFormat {
    /// A table for the terminal.
    Table,
    /// A GitHub table.
    Markdown,
    /// `responsibility`, `scope` (with products), `title`, one column per role id, then
    /// `status`.
    Csv,
    /// Roles and rows as data.
    Json,
    /// A flowchart of who owns what, which GitHub renders.
    Mermaid,
    /// A standalone heatmap.
    Svg,
}

// Command-line flags are bools by nature.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Args)]
pub(crate) struct CharterArgs {
    /// The role's id, as in its charter (`product-owner`). Leave out with --all.
    #[arg(required_unless_present = "all")]
    pub role: Option<String>,

    /// The workspace root [default: the nearest directory with pmpo.yaml, else .]
    pub path: Option<PathBuf>,

    /// Write the charter to FILE instead of standard output.
    #[arg(long, value_name = "FILE", conflicts_with = "all")]
    pub out: Option<PathBuf>,

    /// Write a charter for every role, as DIR/<role-id>.md.
    #[arg(long, requires = "out_dir")]
    pub all: bool,

    /// Where --all writes.
    #[arg(long, value_name = "DIR", requires = "all")]
    pub out_dir: Option<PathBuf>,

    /// Overwrite existing files (a charter pmpo generated, with its header, is
    /// regenerated without it).
    #[arg(long)]
    pub force: bool,

    /// Write nothing; compare the written charters with what pmpo would write now,
    /// and fail (exit 1) with a diff when they drift.
    #[arg(long, conflicts_with = "force")]
    pub check: bool,
}

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// Where to create the workspace [default: .]
    pub dir: Option<PathBuf>,

    /// A product manager and a product owner held by two people (split), one person
    /// holding both roles (combined), a Scrum team under `builtin:scrum` (scrum), or one
    /// product manager over two teams, each with its own product owner (scaled).
    #[arg(long, value_enum, default_value_t = Template::Split)]
    pub template: Template,

    /// Add pmpo's files (pmpo.yaml, role charters, a vision, a roadmap) beside the
    /// `backlog/` of an existing Backlog.md repository, without touching `backlog/`.
    #[arg(long)]
    pub from_backlog_md: bool,

    /// Overwrite existing files.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Template {
    Split,
    Combined,
    /// A Scrum team under `builtin:scrum`: product owner, scrum master, developers.
    Scrum,
    /// One product manager over two teams, each with its own product owner.
    Scaled,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The workspace root [default: the nearest directory with pmpo.yaml, else .]
    pub path: Option<PathBuf>,

    /// Output format; repeat it to write several reports from one run, each but one
    /// to a file: `--format github --format sarif=pmpo.sarif`.
    #[arg(long, value_name = "FORMAT[=FILE]", value_parser = FormatSpecParser, default_value = "human")]
    pub format: Vec<FormatSpec>,

    /// Write the report (the one `--format` without a file) to FILE, through a temporary
    /// file and a rename, instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// The SARIF report's analysis category (`runs[].automationDetails.id`), under which
    /// code scanning keeps its alerts [default: pmpo and the workspace's path in the
    /// repository, as `pmpo/product`].
    #[arg(long, value_name = "CATEGORY")]
    pub sarif_category: Option<String>,

    /// Make warnings fail the run too (exit 1).
    #[arg(long, value_enum, value_name = "WHAT")]
    pub deny: Vec<Deny>,

    /// Hide the findings recorded in this baseline file; fail only on new ones.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,

    /// Record today's findings in FILE (replacing an earlier baseline there) and hide them.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Run only these rules (comma-separated), on top of `rules:` in pmpo.yaml.
    // A baseline recorded from some of the rules would call every other finding new.
    #[arg(
        long,
        value_name = "RULE,...",
        value_delimiter = ',',
        conflicts_with = "write_baseline"
    )]
    pub select: Vec<String>,

    /// Do not run these rules (comma-separated), on top of `rules:` in pmpo.yaml.
    #[arg(
        long,
        value_name = "RULE,...",
        value_delimiter = ',',
        conflicts_with = "write_baseline"
    )]
    pub ignore: Vec<String>,

    /// Check as if these people held no role (what if they left): their roles lose them
    /// as holders. Comma-separated holders, or ids, names or aliases of people.yaml.
    #[arg(long, value_name = "PERSON,...", value_delimiter = ',')]
    pub without: Vec<String>,

    /// Print one line a rule with its count of findings, instead of the findings
    /// (with `--format json`, a JSON array of `{rule, count, severity}`).
    #[arg(long)]
    pub statistics: bool,

    /// Show info-level findings too (they are counted in the summary either way).
    #[arg(long, short, conflicts_with = "quiet")]
    pub verbose: bool,
}

/// A free-text argument whose likely values shell completions offer (rule names for
/// `explain`, kinds for `schema`). It accepts any text, so that the command itself
/// answers a misspelling with its own did-you-mean instead of clap's list.
#[derive(Clone, Copy)]
pub(crate) struct Offer(pub fn() -> Vec<&'static str>);

impl clap::builder::TypedValueParser for Offer {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new((self.0)().into_iter().map(clap::builder::PossibleValue::new)))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Diagnostics and tables for a person at a terminal.
    Human,
    /// One line a finding, `PATH:LINE:COL: SEVERITY [RULE] MESSAGE`, for grep and editors.
    Concise,
    /// The stable JSON document (version 1), for scripts.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions annotations, and the tables in the job summary.
    Github,
    /// An XML test report, one test case a responsibility (Jenkins, GitLab).
    Junit,
    /// The findings and tables for a pull-request comment.
    Markdown,
    /// GitLab's Code Quality report.
    Gitlab,
    /// One self-contained HTML page: the summary, gaps, people, the RACI heat map,
    /// traceability and the findings, for people who would rather look than read.
    Html,
}

/// One `--format` value: a format, and the file it goes to (stdout when none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormatSpec {
    pub format: Format,
    pub file: Option<PathBuf>,
}

/// Parses `F` or `F=FILE`, keeping the format names in `--help` and completions.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FormatSpecParser;

impl clap::builder::TypedValueParser for FormatSpecParser {
    type Value = FormatSpec;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<FormatSpec, clap::Error> {
        let text = value
            .to_str()
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8).with_cmd(cmd))?;
        let (name, file) = match text.split_once('=') {
            Some((name, file)) => (name, Some(file)),
            None => (text, None),
        };
        let format = clap::builder::EnumValueParser::<Format>::new().parse_ref(cmd, arg, std::ffi::OsStr::new(name))?;
        if file == Some("") {
            let mut err = clap::Error::new(clap::error::ErrorKind::InvalidValue).with_cmd(cmd);
            err.insert(
                clap::error::ContextKind::InvalidArg,
                clap::error::ContextValue::String("--format <FORMAT[=FILE]>".into()),
            );
            err.insert(
                clap::error::ContextKind::InvalidValue,
                clap::error::ContextValue::String(text.into()),
            );
            return Err(err);
        }
        Ok(FormatSpec {
            format,
            file: file.map(PathBuf::from),
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            Format::value_variants().iter().filter_map(ValueEnum::to_possible_value),
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Deny {
    Warnings,
}
