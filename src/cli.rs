//! The command line: clap derive types only. Nothing but [`crate::run`]
//! and the `cmd` modules it calls depends on these types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod card;
mod check;
mod diff;
mod graph;
mod import;
mod safe;
pub use card::{CardArgs, CardFormat};
pub use check::{CheckArgs, CheckFormat, LevelFlags};
pub use diff::{DiffArgs, DiffFormat, FailOn};
pub use graph::{Collapse, GraphArgs, GraphFormat, GroupBy, Rankdir};
pub use import::ImportArgs;
pub use safe::escaped_error;

/// Where a team file's includes may be read.
#[derive(Debug, Clone, Default, Args)]
pub struct Includes {
    /// Let `[org] include` read files anywhere in DIR, not only in the
    /// directory of the team file and below it.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

const MAIN_EXAMPLES: &str = "\
Examples:
  chain init                                    write a commented starter team.toml
  chain import examples/media-team-staff.csv -o team.toml
                                                draft a team file from a staff list (CSV)
  chain map examples/media-team.toml            every person's chain to the paying customer
  chain map examples/media-team.toml wren       everyone Wren serves
  chain map examples/media-team.toml students --upstream
                                                everyone whose work reaches the students
  chain card examples/media-team.toml wren      Wren's customers and suppliers, on one page
  chain graph examples/media-team.toml -o team.svg
                                                the chains as a diagram (Graphviz for svg, png, pdf)
  chain stats examples/media-team.toml          counts, distances and who is relied on most
  chain check examples/media-team.toml          everything wrong with the file, for CI
  chain diff examples/media-team.toml examples/media-team-next.toml
                                                what a change does to everyone's chain
  chain diff examples/media-team.toml --without wren
                                                what if Wren leaves?

Exit codes: 0 success; 1 `chain check` found an error-level problem, or a `chain diff
--fail-on` condition was met; 2 the file cannot be read or is invalid, or the command line is
wrong.";

/// Make the chains of internal customers in a team visible and checkable.
///
/// A team file (TOML) declares people, the roles they hold, external
/// customers (some of them paying) and who hands work to whom. chain shows
/// each person's chain of internal customers out to the paying customer.
#[derive(Debug, Parser)]
#[command(name = "chain", version, after_help = MAIN_EXAMPLES, max_term_width = 100)]
pub struct Cli {
    /// When to use colour: auto (on a terminal, unless NO_COLOR is set),
    /// always or never.
    #[arg(
        long,
        value_enum,
        default_value_t = ColorChoice::Auto,
        global = true,
        value_name = "WHEN",
        hide_possible_values = true,
        help_heading = "Global options"
    )]
    pub color: ColorChoice,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Whether standard output is GitHub workflow commands meant to be
    /// obeyed: `chain check --format github`'s annotations.
    pub fn writes_workflow_commands(&self) -> bool {
        matches!(&self.command, Command::Check(args) if args.format == CheckFormat::Github)
    }
}

/// When to colour output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it).
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The `--color` choice written in raw arguments, before clap parses them,
/// so that clap's own help and usage errors honour it too. The last valid
/// `--color WHEN` or `--color=WHEN` before a `--` wins; anything else is
/// left to clap to report.
pub fn color_in_args<I, S>(args: I) -> ColorChoice
where
    I: IntoIterator<Item = S>,
    S: Into<std::ffi::OsString>,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    let mut choice = ColorChoice::Auto;
    let mut words = args.iter().skip(1).map(|a| a.to_str().unwrap_or(""));
    while let Some(word) = words.next() {
        let value = match word {
            "--" => break,
            "--color" => words.next().unwrap_or(""),
            _ => match word.strip_prefix("--color=") {
                Some(value) => value,
                None => continue,
            },
        };
        if let Ok(parsed) = ColorChoice::from_str(value, false) {
            choice = parsed;
        }
    }
    choice
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List each person's chain out to the paying customer, or everyone one party serves.
    Map(MapArgs),
    /// Show a person's, role's or customer's card: who their customers and suppliers are.
    Card(CardArgs),
    /// Report everything wrong with a team file, like a linter: the CI gate.
    Check(CheckArgs),
    /// Draw the chains: DOT, Mermaid, JSON, SVG, PNG, PDF, or an HTML page to click through.
    Graph(GraphArgs),
    /// Show what a change to a team file does to everyone's chain, or what if someone leaves.
    Diff(DiffArgs),
    /// Count people, roles, customers and handoffs; show distances and who is relied on.
    Stats(StatsArgs),
    /// Write a commented starter team file to begin from.
    Init(InitArgs),
    /// Draft a team file from a roster (CSV), or add the roster's joiners to one.
    Import(ImportArgs),
    /// Print the JSON Schema of the team file, for editors.
    Schema(SchemaArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the manual page (roff).
    Man(ManArgs),
}

const MAP_EXAMPLES: &str = "\
Examples:
  chain map examples/media-team.toml                every person, their distance and chain
  chain map examples/media-team.toml wren           everyone Wren serves, by distance
  chain map examples/media-team.toml wren --depth 1
                                                    Wren's direct customers
  chain map examples/media-team.toml students --upstream
                                                    everyone who serves the students
  chain map examples/media-team.toml --format json | jq '.people[].distance'
                                                    for scripts: each person's distance
  chain map examples/media-team.toml --format csv > map.csv
                                                    for a spreadsheet: a row per person
  cat examples/media-team.toml | chain map -        read the team file from standard input

A vacant role hands nothing on: a person whose work reaches a paying customer only through
one has no route, and the map says which vacancy stops their work.";

/// `chain map`.
#[derive(Debug, Args)]
#[command(after_help = MAP_EXAMPLES)]
pub struct MapArgs {
    /// The team file (`-` for standard input).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// A person, role or external customer: list everyone it serves.
    #[arg(value_name = "ID")]
    pub id: Option<String>,

    /// With ID: list everyone who serves ID instead.
    #[arg(long, requires = "id")]
    pub upstream: bool,

    /// With ID: go no further than N handoffs.
    #[arg(long, value_name = "N", requires = "id")]
    pub depth: Option<u32>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = MapFormat::Text)]
    pub format: MapFormat,

    /// Show at most N handoffs of a chain, eliding the middle of longer
    /// ones (0: no limit).
    #[arg(long, value_name = "N", default_value_t = crate::walk::CHAIN_LIMIT)]
    pub chain_limit: usize,

    /// Where includes may be read.
    #[command(flatten)]
    pub includes: Includes,
}

/// Output formats of `chain map`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MapFormat {
    /// For people.
    Text,
    /// For scripts.
    Json,
    /// For spreadsheets: a row per person (or per party reached).
    Csv,
}

const STATS_EXAMPLES: &str = "\
Examples:
  chain stats examples/assembly-line.toml   counts, distances, who is relied on
  chain stats examples/assembly-line.toml --format json | jq .counts
  chain stats examples/assembly-line.toml --format csv > stats.csv
  chain stats examples/assembly-line.toml --top 3
                                            list the 3 people most relied on";

/// `chain stats`.
#[derive(Debug, Args)]
#[command(after_help = STATS_EXAMPLES)]
pub struct StatsArgs {
    /// The team file (`-` for standard input).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Output format.
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,

    /// How many of the people most relied on to list (0: all with any).
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,

    /// Where includes may be read.
    #[command(flatten)]
    pub includes: Includes,
}

/// Output formats of `chain stats`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// For people.
    Text,
    /// For scripts.
    Json,
    /// For spreadsheets: a row per figure (section, id, name, value).
    Csv,
}

const INIT_EXAMPLES: &str = "\
Examples:
  chain init                                writes team.toml in this directory
  chain init office.toml                    writes it under another name
  chain init - | less                       just read it
  chain init && chain map team.toml         start, and see every chain";

/// `chain init`.
#[derive(Debug, Args)]
#[command(after_help = INIT_EXAMPLES)]
pub struct InitArgs {
    /// Where to write the starter (`-` for standard output). An existing
    /// file is never overwritten.
    #[arg(value_name = "FILE", default_value = "team.toml")]
    pub file: PathBuf,
}

const SCHEMA_EXAMPLES: &str = "\
Examples:
  chain schema > team.schema.json           then put `#:schema ./team.schema.json`
                                            on the first line of team.toml
  chain schema | jq '.properties | keys'    the top-level tables";

/// `chain schema`.
#[derive(Debug, Args)]
#[command(after_help = SCHEMA_EXAMPLES)]
pub struct SchemaArgs {}

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  chain completions bash > ~/.local/share/bash-completion/completions/chain
  chain completions zsh > ~/.zfunc/_chain   (with `fpath+=~/.zfunc` before compinit)
  chain completions fish > ~/.config/fish/completions/chain.fish
  chain completions powershell >> $PROFILE";

/// `chain completions`.
#[derive(Debug, Args)]
#[command(after_help = COMPLETIONS_EXAMPLES)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

const MAN_EXAMPLES: &str = "\
Examples:
  chain man | man -l -                      read the manual now
  chain man > ~/.local/share/man/man1/chain.1
  chain man map > ~/.local/share/man/man1/chain-map.1";

/// `chain man`.
#[derive(Debug, Args)]
#[command(after_help = MAN_EXAMPLES)]
pub struct ManArgs {
    /// The subcommand whose page to print (default: the main page, chain(1)).
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::Cli;

    /// `--color` is found in raw arguments in both spellings, the last one
    /// wins, and nothing after `--` counts.
    #[test]
    fn color_in_args_reads_both_spellings() {
        use super::{ColorChoice, color_in_args};
        let of = |args: &[&str]| color_in_args(args.iter().copied());
        assert_eq!(of(&["chain", "--help"]), ColorChoice::Auto);
        assert_eq!(
            of(&["chain", "--color", "always", "--help"]),
            ColorChoice::Always
        );
        assert_eq!(
            of(&["chain", "map", "--color=never", "x"]),
            ColorChoice::Never
        );
        assert_eq!(
            of(&["chain", "--color=never", "--color", "always"]),
            ColorChoice::Always
        );
        assert_eq!(of(&["chain", "--color", "pink"]), ColorChoice::Auto);
        assert_eq!(of(&["chain", "--", "--color=always"]), ColorChoice::Auto);
    }

    /// clap's own consistency checks on every command and argument.
    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    /// The table of codes in `chain check --help` lists every code with its
    /// default severity and summary.
    #[test]
    fn check_help_lists_every_code() {
        for code in crate::finding::Code::ALL {
            let row = format!(
                "{:<20}{:<9}{}",
                code.as_str(),
                code.default_severity().as_str(),
                code.summary()
            );
            assert!(super::check::CHECK_HELP.contains(&row), "{row}");
        }
    }

    /// Severity flags keep their command-line order across `--allow`,
    /// `--warn` and `--deny`.
    #[test]
    fn level_flags_keep_their_order() {
        use crate::finding::{Code, Severity};
        let cli = Cli::try_parse_from([
            "chain",
            "check",
            "t.toml",
            "--deny",
            "cycle",
            "--allow",
            "cycle",
            "--deny",
            "warnings",
            "--warn",
            "sole-holder",
        ]);
        let Ok(Cli {
            command: super::Command::Check(args),
            ..
        }) = cli
        else {
            panic!("parses: {cli:?}");
        };
        assert_eq!(
            args.levels.codes,
            [
                (Code::Cycle, Severity::Error),
                (Code::Cycle, Severity::Allow),
                (Code::SoleHolder, Severity::Warning),
            ]
        );
        assert!(args.levels.deny_warnings);
    }
}
