//! `chain man [COMMAND]`: the manual page in roff, generated from the
//! command line's own definition (clap_mangen), so it never falls behind it.

use anyhow::Context as _;
use clap::CommandFactory as _;

use super::{Exit, Output};
use crate::cli::{Cli, ManArgs};
use crate::diagnostic::Diagnostic;
use crate::error::Error;

/// Writes chain(1), or chain-COMMAND(1) for a subcommand.
pub fn run(args: &ManArgs, output: &mut Output<'_>) -> Result<Exit, Error> {
    let mut root = Cli::command();
    root.build();
    let page = match &args.command {
        None => root,
        Some(name) => subcommand(&root, name)?,
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page)
        .source(format!("chain {}", env!("CARGO_PKG_VERSION")))
        .render(&mut roff)
        .context("cannot render the manual page")?;
    output
        .out
        .write_all(&roff)
        .context("cannot write the manual page")?;
    Ok(Exit::Success)
}

/// The subcommand `name`, named `chain-NAME` as its page is, or an error
/// listing the ones there are.
fn subcommand(root: &clap::Command, name: &str) -> Result<clap::Command, Error> {
    let found = root
        .get_subcommands()
        .find(|c| c.get_name() == name && !c.is_hide_set());
    if let Some(command) = found {
        return Ok(command
            .clone()
            .display_name(format!("chain-{name}"))
            .bin_name(format!("chain {name}")));
    }
    let names: Vec<&str> = root
        .get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
        .map(clap::Command::get_name)
        .collect();
    let help = crate::suggest::did_you_mean(crate::suggest::closest(name, names.iter().copied()))
        .unwrap_or_else(|| format!("the commands are: {}", names.join(", ")));
    Err(Diagnostic::error(format!(
        "there is no command `{}`",
        crate::text::escape(name)
    ))
    .help(help)
    .into())
}
