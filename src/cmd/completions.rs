//! `chain completions SHELL`: a completion script generated from the
//! command line's own definition, so it never falls behind it.

use anyhow::Context as _;
use clap::CommandFactory as _;

use super::{Exit, Output};
use crate::cli::{Cli, CompletionsArgs};
use crate::error::Error;

/// Writes the completion script for the chosen shell.
pub fn run(args: &CompletionsArgs, output: &mut Output<'_>) -> Result<Exit, Error> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "chain", &mut script);
    output
        .out
        .write_all(&script)
        .context("cannot write the completion script")?;
    Ok(Exit::Success)
}
