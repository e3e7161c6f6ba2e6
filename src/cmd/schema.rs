//! `chain schema`: the JSON Schema of the team file, for editors.

use anyhow::Context as _;

use super::{Exit, Output};
use crate::error::Error;

/// Writes the schema to standard output.
pub fn run(output: &mut Output<'_>) -> Result<Exit, Error> {
    output
        .out
        .write_all(crate::schema::team_file_schema().as_bytes())
        .context("cannot write the schema")?;
    Ok(Exit::Success)
}
