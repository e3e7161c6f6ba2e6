//! The bridge from the command line to the library: one module per
//! subcommand, each turning its arguments into library calls.

mod card;
mod check;
mod completions;
mod diff;
mod graph;
mod import;
mod init;
mod man;
mod map;
mod page;
mod schema;
mod stats;

use std::io::Write;

use crate::cli::{Cli, Command};
use crate::error::Error;

/// How a successful run ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Exit code 0.
    Success,
    /// Exit code 1: the command worked and found something that fails the
    /// run (an error-level finding, a change that breaks a chain).
    Failure,
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failure => 1,
        }
    }
}

/// Where a command writes, and whether each stream takes colour.
pub struct Output<'a> {
    /// Standard output: the command's result.
    pub out: &'a mut dyn Write,
    /// Standard error: warnings about the run.
    pub err: &'a mut dyn Write,
    /// Whether `out` should carry ANSI styles.
    pub out_color: bool,
    /// Whether `err` should carry ANSI styles.
    pub err_color: bool,
    /// The terminal's width in columns, when `out` is a terminal.
    pub out_width: Option<usize>,
}

/// Runs one command line.
pub fn run(cli: Cli, output: &mut Output<'_>) -> Result<Exit, Error> {
    let exit = match cli.command {
        Command::Map(args) => map::run(&args, output)?,
        Command::Card(args) => card::run(&args, output)?,
        Command::Graph(args) => graph::run(&args, output)?,
        Command::Check(args) => check::run(&args, output)?,
        Command::Diff(args) => diff::run(&args, output)?,
        Command::Stats(args) => stats::run(&args, output)?,
        Command::Init(args) => init::run(&args, output)?,
        Command::Import(args) => import::run(&args, output)?,
        Command::Schema(_) => schema::run(output)?,
        Command::Completions(args) => completions::run(&args, output)?,
        Command::Man(args) => man::run(&args, output)?,
    };
    output
        .out
        .flush()
        .map_err(|e| Error::Other(anyhow::Error::new(e).context("cannot write the output")))?;
    Ok(exit)
}
