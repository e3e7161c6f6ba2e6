//! The command line: clap derive types only. Nothing but [`crate::run`]
//! and the `cmd` modules it calls depends on these types.

use std::path::PathBuf;

use clap::{Arg, ArgAction, ArgMatches, Args, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::finding::{Code, Severity};

mod diff;
mod graph;
mod safe;
pub use diff::{DiffArgs, DiffFormat, FailOn};
pub use graph::{Collapse, GraphArgs, GraphFormat, GroupBy};
pub use safe::escaped_error;

const MAIN_EXAMPLES: &str = "\
Examples:
  chain init                                    write a commented starter team.toml
  chain map examples/media-team.toml            every person's chain to the paying customer
  chain map examples/media-team.toml lee        everyone Lee serves
  chain map examples/media-team.toml students --upstream
                                                everyone whose work reaches the students
  chain graph examples/media-team.toml -o team.svg
                                                the chains as a diagram (Graphviz for svg, png, pdf)
  chain stats examples/media-team.toml          counts, distances and who is relied on most
  chain check examples/media-team.toml          everything wrong with the file, for CI
  chain diff old.toml team.toml                 what a change does to everyone's chain
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
    /// When to use colour: auto (only on a terminal, honouring NO_COLOR and
    /// CLICOLOR_FORCE), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, value_name = "WHEN")]
    pub color: ColorChoice,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
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
    /// Report everything wrong with a team file, like a linter: the CI gate.
    Check(CheckArgs),
    /// Draw the customer chains as a diagram (Graphviz DOT, Mermaid, JSON, SVG, PNG, PDF).
    Graph(GraphArgs),
    /// Show what a change to a team file does to everyone's chain, or what if someone leaves.
    Diff(DiffArgs),
    /// Count people, roles, customers and handoffs; show distances and who is relied on.
    Stats(StatsArgs),
    /// Write a commented starter team file to begin from.
    Init(InitArgs),
    /// Print the JSON Schema of the team file, for editors.
    Schema(SchemaArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Print the manual page (roff).
    Man(ManArgs),
}

const MAP_EXAMPLES: &str = "\
Examples:
  chain map team.toml                       every person, their distance and chain
  chain map team.toml ana                   everyone Ana serves, by distance
  chain map team.toml ana --depth 1         Ana's direct customers
  chain map team.toml students --upstream   everyone who serves the students
  chain map team.toml --format json | jq '.people[] | select(.distance == null) | .id'
  cat team.toml | chain map -               read the team file from standard input";

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
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub chain_limit: usize,
}

/// Output formats of `chain map`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MapFormat {
    /// For people.
    Text,
    /// For scripts.
    Json,
}

const STATS_EXAMPLES: &str = "\
Examples:
  chain stats team.toml                     counts, distances, who is relied on
  chain stats team.toml --format json | jq .counts
  chain stats team.toml --top 20            list the 20 people most relied on";

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
}

/// Output formats of `chain stats`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// For people.
    Text,
    /// For scripts.
    Json,
}

const INIT_EXAMPLES: &str = "\
Examples:
  chain init                                writes team.toml in this directory
  chain init ops/team.toml                  writes it somewhere else
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

const CHECK_HELP: &str = "\
Examples:
  chain check team.toml                           report every problem
  chain check team.toml --format github           annotations on a pull request
  chain check team.toml --format sarif > chain.sarif
  chain check team.toml --deny warnings --allow cycle
  chain check --explain single-point              what a code means and how to fix it

Codes (`chain check --explain CODE` says more):
  unknown-reference   error    a `roles` entry or a `to` names no declared id
  duplicate-id        error    one id is declared in two of people, roles and external
  invalid-value       error    a key or value the team file format does not allow
  orphan-role         error    a role that nobody holds
  no-paying-customer  error    no external customer has `pays = true`
  dead-end            warning  a person or role whose work never reaches a paying customer
  no-customer         warning  a person or role that hands work to no one
  unserved-external   warning  an external customer that nobody hands work to
  cycle               warning  a loop of handoffs
  single-point        warning  a person through whom every chain of some others passes
  sole-holder         allow    a role held by exactly one person
The first three are always errors. Otherwise each code has its default severity, then
the one `[check]` in the team file gives it, then the one the flags here give it (the last
flag naming a code wins); `--deny warnings` then makes every warning an error.

The report goes to standard output. Exit codes: 0 no error-level finding; 1 at least one;
2 the file cannot be read or is not TOML, or the command line is wrong.";

/// `chain check`.
#[derive(Debug, Args)]
#[command(after_help = CHECK_HELP)]
pub struct CheckArgs {
    /// The team file (`-` for standard input).
    #[arg(value_name = "FILE", required_unless_present = "explain")]
    pub file: Option<PathBuf>,

    /// Report format, written to standard output.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,

    /// Severity flags, in the order given.
    #[command(flatten)]
    pub levels: LevelFlags,

    /// Explain CODE: what it finds, why it matters, how to fix it (no FILE needed).
    #[arg(long, value_name = "CODE", value_parser = parse_code, conflicts_with = "file")]
    pub explain: Option<Code>,
}

/// Output formats of `chain check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Diagnostics with the source line, and a summary.
    Text,
    /// One JSON document, for scripts.
    Json,
    /// GitHub Actions annotations, shown on the pull request.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
}

/// `--allow`, `--warn` and `--deny`, kept in command-line order so that the
/// last flag naming a code wins. clap's derive keeps each flag's values
/// apart, so this reads the positions from the matches itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LevelFlags {
    /// Each code named, with the severity asked for, in command-line order.
    pub codes: Vec<(Code, Severity)>,
    /// `--deny warnings`: every warning becomes an error.
    pub deny_warnings: bool,
}

/// A value of a severity flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LevelValue {
    Code(Code),
    Warnings,
}

const LEVEL_FLAGS: [(&str, Severity, &str); 3] = [
    ("allow", Severity::Allow, "Do not report CODE (repeatable)"),
    (
        "warn",
        Severity::Warning,
        "Report CODE as a warning (repeatable)",
    ),
    (
        "deny",
        Severity::Error,
        "Report CODE as an error (repeatable); `--deny warnings` makes every warning an error",
    ),
];

impl Args for LevelFlags {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        LEVEL_FLAGS.iter().fold(cmd, |cmd, &(name, _, help)| {
            let parser = if name == "deny" {
                parse_deny
            } else {
                parse_level
            };
            cmd.arg(
                Arg::new(name)
                    .long(name)
                    .value_name("CODE")
                    .action(ArgAction::Append)
                    .value_parser(parser)
                    .help(help),
            )
        })
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for LevelFlags {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut flags = LevelFlags::default();
        flags.update_from_arg_matches(matches)?;
        Ok(flags)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        let mut given: Vec<(usize, LevelValue, Severity)> = Vec::new();
        for (name, severity, _) in LEVEL_FLAGS {
            let values = matches.get_many::<LevelValue>(name).into_iter().flatten();
            let indices = matches.indices_of(name).into_iter().flatten();
            given.extend(indices.zip(values).map(|(i, &v)| (i, v, severity)));
        }
        given.sort_by_key(|&(i, _, _)| i);
        for (_, value, severity) in given {
            match value {
                LevelValue::Code(code) => self.codes.push((code, severity)),
                LevelValue::Warnings => self.deny_warnings = true,
            }
        }
        Ok(())
    }
}

/// A check code, with "did you mean" for a near miss.
fn parse_code(name: &str) -> Result<Code, String> {
    name.parse::<Code>().map_err(|e| e.to_string())
}

/// A code for `--allow` or `--warn`.
fn parse_level(name: &str) -> Result<LevelValue, String> {
    if name == "warnings" {
        return Err(
            "`warnings` goes with `--deny` only: `--deny warnings` makes every warning an error"
                .into(),
        );
    }
    parse_code(name).map(LevelValue::Code)
}

/// A code or `warnings` for `--deny`.
fn parse_deny(name: &str) -> Result<LevelValue, String> {
    if name == "warnings" {
        return Ok(LevelValue::Warnings);
    }
    name.parse::<Code>().map(LevelValue::Code).map_err(|mut e| {
        let names = Code::ALL.iter().map(|c| c.as_str()).chain(["warnings"]);
        e.suggestion = crate::suggest::closest(name, names);
        e.to_string()
    })
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
            assert!(super::CHECK_HELP.contains(&row), "{row}");
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
