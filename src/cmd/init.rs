//! `chain init [FILE]`: write the starter team file, never over an existing file.

use std::path::Path;

use anyhow::Context as _;

use super::{Exit, Output};
use crate::atomic::{self, Links, Mode};
use crate::cli::InitArgs;
use crate::error::Error;
use crate::starter::{STARTER, starter_for};
use crate::text::escape;

/// Writes the starter to the file (atomically, refusing to replace it) or
/// to standard output for `-`.
pub fn run(args: &InitArgs, output: &mut Output<'_>) -> Result<Exit, Error> {
    if args.file.as_os_str() == "-" {
        output
            .out
            .write_all(STARTER.as_bytes())
            .context("cannot write the starter team file")?;
        return Ok(Exit::Success);
    }
    let shown = args.file.display().to_string();
    let text = starter_for(&shown);
    atomic::write(
        &args.file,
        text.as_bytes(),
        &[],
        Mode::CreateNew,
        Links::Refuse,
    )?;
    next_steps(&args.file, output).context("cannot write to standard error")?;
    Ok(Exit::Success)
}

/// Tells the user what was written and what to run next (on stderr, so
/// standard output stays empty, as it is for every command that writes a file).
fn next_steps(path: &Path, output: &mut Output<'_>) -> std::io::Result<()> {
    let shown = escape(&path.display().to_string()).into_owned();
    writeln!(
        output.err,
        "created `{shown}`, a starter team file that explains the format as it goes.\n\
         Describe your own team in it, then run `chain check {shown}` and `chain map {shown}`."
    )
}
