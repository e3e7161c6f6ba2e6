//! The command line: clap derive types only. Nothing but [`crate::run`]
//! and the `cmd` modules it calls depends on these types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const MAIN_EXAMPLES: &str = "\
Examples:
  chain map examples/media-team.toml            every person's chain to the paying customer
  chain map examples/media-team.toml lee        everyone Lee serves
  chain map examples/media-team.toml students --upstream
                                                everyone whose work reaches the students

Exit codes: 0 success; 2 the file cannot be read or is invalid, or the command line is wrong.";

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

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List each person's chain out to the paying customer, or everyone one party serves.
    Map(MapArgs),
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    /// clap's own consistency checks on every command and argument.
    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }
}
