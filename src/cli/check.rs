//! `chain check`'s arguments, with the severity flags, which clap's derive
//! cannot keep in command-line order by itself.

use std::path::PathBuf;

use clap::{Arg, ArgAction, ArgMatches, Args, FromArgMatches, ValueEnum};

use crate::finding::{Code, Severity};
use crate::roster::ColumnChoice;

pub(super) const CHECK_HELP: &str = "\
Examples:
  chain check examples/media-team.toml            report every problem
  chain check examples/media-team.toml --format github
                                                  annotations on a pull request
  chain check examples/media-team.toml --format sarif > chain.sarif
  chain check examples/assembly-line.toml --warn single-point
                                                  who the others cannot do without
  chain check examples/media-team.toml --deny warnings
                                                  fail on warnings too
  chain check examples/media-team.toml --format junit > chain.xml
                                                  for CI servers that read JUnit
  chain check examples/media-team.toml --roster examples/media-team-staff.csv
                                                  who joined or left, by the staff list
  chain check examples/media-team.toml --write-baseline known.json
                                                  accept today's findings (`--baseline
                                                  known.json` then fails on new ones only)
  chain check --explain single-point              what a code means and how to fix it

Codes (`chain check --explain CODE` says more):
  unknown-reference   error    a `roles` entry or a `to` names no declared id
  duplicate-id        error    one id is declared in two of people, roles and external
  invalid-value       error    a key or value the team file format does not allow
  orphan-role         warning  a role that nobody holds: work handed to it stops there
  no-paying-customer  error    no external customer has `pays = true`
  dead-end            warning  a person or role whose work never reaches a paying customer
  no-customer         warning  a person or role that hands work to no one
  unserved-external   warning  an external customer that nobody hands work to
  cycle               allow    a loop of handoffs
  single-point        allow    a person through whom every chain of some others passes
  sole-holder         allow    a role held by exactly one person
  roster-joiner       warning  someone on the roster (`--roster`) who is not in the team file
  roster-leaver       warning  someone in the team file who is not on the roster (`--roster`)
The first three are always errors. Otherwise each code has its default severity, then
the one `[check]` in the team file gives it, then the one the flags here give it (the last
flag naming a code wins); `--deny warnings` then makes every warning an error.

A baseline is what `--format json` (or `--write-baseline`) writes. Findings in it, matched
by code and ids (not by line), are reported as known and do not fail the run; entries that
no longer occur are reported as stale.

The report goes to standard output. Exit codes: 0 no error-level finding (not counting known
ones); 1 at least one; 2 a file (the team file, the roster or the baseline) cannot be read
or is invalid, or the command line is wrong.";

/// `chain check`.
#[derive(Debug, Args)]
#[command(
    after_help = CHECK_HELP,
    override_usage = "chain check [OPTIONS] <FILE>\n       chain check --explain <CODE>"
)]
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

    /// Where includes may be read.
    #[command(flatten)]
    pub includes: super::Includes,

    /// Compare the file with a roster (CSV, as `chain import` reads it):
    /// who is on one and not the other (`roster-joiner`, `roster-leaver`).
    #[arg(long, value_name = "ROSTER")]
    pub roster: Option<PathBuf>,

    /// With --roster: the column with header HEADER says FIELD (as
    /// `chain import --column`); repeatable.
    #[arg(long, value_name = "FIELD=HEADER", requires = "roster")]
    pub roster_column: Vec<ColumnChoice>,

    /// Report the findings this baseline has as known, not failing; list
    /// its entries that no longer occur as stale.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Write every finding reported to PATH as a baseline (the JSON
    /// report), and report them all as known.
    #[arg(long, value_name = "PATH")]
    pub write_baseline: Option<PathBuf>,
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
    /// JUnit XML, for CI servers that show test results.
    Junit,
    /// GitLab Code Quality JSON, for merge requests.
    Gitlab,
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
