//! The arguments of `chain diff`.

use std::path::PathBuf;

use clap::{ArgAction, Args, ValueEnum};

pub(super) const DIFF_HELP: &str = "\
Examples:
  chain diff examples/media-team.toml examples/media-team-next.toml
                                                 what the change does to everyone's chain
  chain diff examples/media-team.toml --without wren
                                                 what if Wren leaves?
  chain diff examples/media-team.toml --without faculty okonkwo
                                                 what if the faculty role goes, and Okonkwo?
  git show HEAD:examples/media-team.toml | chain diff - examples/media-team.toml --format markdown >> \"$GITHUB_STEP_SUMMARY\"
  chain diff examples/media-team.toml examples/media-team-next.toml --fail-on lost-chain
  chain diff examples/media-team.toml examples/media-team-next.toml --format json | jq -r '.routes.lost[]'

What is compared, always by id, never by line:
  parties     people, roles and external customers added and removed; roles that fall vacant
              or are filled; external customers that start or stop paying
  roles held  (person, role) assignments added and removed
  handoffs    identified by (from, to, what): a changed `what` is one handoff removed and one
              added; a changed `note` is shown as a changed note
  distance    every person in both files whose fewest handoffs to a paying customer changed
              (`none`: no route), so who lost or gained a route and whose chain got longer
  findings    what `chain check` reports on each file, each with its own [check]; identified
              by code, severity, message and ids, so a finding whose message or severity
              changes is one fixed and one new

--without ID takes people, roles or external customers out of FILE and compares the result
with FILE: a person goes with their handoffs and every handoff to them; a role with its
handoffs, every handoff to it, and its place in its holders' roles (the holders stay); an
external customer with every handoff to it. A role whose every holder is taken out falls vacant,
and a vacant role hands nothing on: whoever reached a paying customer only through it loses
their route, as `chain check --warn single-point` predicts.

--fail-on WHAT (repeatable) exits 1 when the change does WHAT:
  lost-chain   a person in both files had a route to a paying customer and has none after
               (people removed, or taken out with --without, do not count)
  new-error    a finding at error level that the old file does not have
  new-finding  a finding at any level (error or warning) that the old file does not have
Each condition met is also named on standard error.

Both files must be valid, as for `chain map`; only one may be standard input (`-`).
Exit codes: 0 no --fail-on condition met; 1 one was met; 2 a file cannot be read or is
invalid, an id is unknown, or the command line is wrong.";

/// `chain diff`.
#[derive(Debug, Args)]
#[command(after_help = DIFF_HELP)]
pub struct DiffArgs {
    /// The team file before the change (`-` for standard input); with
    /// --without, the team file to ask about.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,

    /// The team file after the change (`-` for standard input).
    #[arg(
        value_name = "NEW",
        required_unless_present = "without",
        conflicts_with = "without"
    )]
    pub new: Option<PathBuf>,

    /// Compare OLD with itself minus these people, roles or external
    /// customers (repeatable; several ids may follow one --without).
    #[arg(long, value_name = "ID", num_args = 1.., action = ArgAction::Append)]
    pub without: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,

    /// Exit 1 when the change does WHAT (repeatable; see below).
    #[arg(long, value_enum, value_name = "WHAT", action = ArgAction::Append)]
    pub fail_on: Vec<FailOn>,

    /// Show at most N rows of each section in text and markdown (0: all)
    /// [default: all for text, 50 for markdown]. JSON is always complete.
    #[arg(long, value_name = "N")]
    pub max_rows: Option<usize>,

    /// Where includes may be read (the same for both files).
    #[command(flatten)]
    pub includes: super::Includes,
}

/// Output formats of `chain diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Sections for people.
    Text,
    /// One JSON document, for scripts.
    Json,
    /// A pull-request comment with tables, for $GITHUB_STEP_SUMMARY.
    Markdown,
}

/// What `--fail-on` can fail on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Someone in both files loses their route to a paying customer.
    LostChain,
    /// A new error-level finding.
    NewError,
    /// Any new finding.
    NewFinding,
}
