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
pub struct Cli {
    /// When to use colour: auto (a terminal, and `NO_COLOR` unset), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print only the findings: no tables and no summary.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load the workspace, run every rule, report findings and the coverage tables.
    Check(CheckArgs),
    /// List the rules with their default severity.
    Rules,
    /// Explain a rule: what it finds, why it matters, an example, how to fix.
    Explain {
        /// The rule's name, as `pmpo rules` lists it.
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
    /// Scaffold a workspace that passes `pmpo check`.
    Init(InitArgs),
    /// Print the JSON Schema (draft-07) of a document kind, for editor completion.
    Schema {
        /// role, vision, roadmap, backlog-item, backlog, catalog, definition-of-done, or config
        /// (also pmpo.yaml).
        kind: String,
    },
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct MatrixArgs {
    /// The workspace root [default: the nearest directory with pmpo.yaml, else .]
    pub path: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = MatrixFormat::Table)]
    pub format: MatrixFormat,

    /// Show one product or team (an id under `products:` in pmpo.yaml).
    #[arg(long, value_name = "ID")]
    pub scope: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatrixFormat {
    /// A table for the terminal.
    Table,
    /// A GitHub table.
    Markdown,
    /// `responsibility` then one column per role id.
    Csv,
    /// Roles and rows as data.
    Json,
    /// A flowchart of who owns what, which GitHub renders.
    Mermaid,
    /// A standalone heatmap.
    Svg,
}

#[derive(Debug, Args)]
pub struct CharterArgs {
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

    /// Overwrite existing files.
    #[arg(long)]
    pub force: bool,

    /// Write nothing; compare the written charters with what pmpo would write now,
    /// and fail (exit 1) with a diff when they drift.
    #[arg(long, conflicts_with = "force")]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create the workspace [default: .]
    pub dir: Option<PathBuf>,

    /// A product manager and a product owner held by two people (split), one person
    /// holding both roles (combined), or a Scrum team under `builtin:scrum` (scrum).
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
pub enum Template {
    Split,
    Combined,
    /// A Scrum team under `builtin:scrum`: product owner, scrum master, developers.
    Scrum,
    /// One product manager over two teams, each with its own product owner.
    Scaled,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The workspace root [default: the nearest directory with pmpo.yaml, else .]
    pub path: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Make warnings fail the run too (exit 1).
    #[arg(long, value_enum, value_name = "WHAT")]
    pub deny: Vec<Deny>,

    /// Hide the findings recorded in this baseline file; fail only on new ones.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,

    /// Record today's findings in FILE (replacing an earlier baseline there) and hide them.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Junit,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warnings,
}
