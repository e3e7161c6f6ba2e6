//! `chain check FILE` and `chain check --explain CODE`.

use anyhow::Context as _;

use super::{Exit, Output};
use crate::check::report::{self, Format, Summary};
use crate::check::{self, Settings, explain};
use crate::cli::{CheckArgs, CheckFormat};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::load;

/// Explains a code, or checks the file and writes the report; fails (exit 1)
/// when an error-level finding is reported.
pub fn run(args: &CheckArgs, output: &mut Output<'_>) -> Result<Exit, Error> {
    if let Some(code) = args.explain {
        explain::write(output.out, code, output.out_color)
            .context("cannot write the explanation")?;
        return Ok(Exit::Success);
    }
    let Some(file) = &args.file else {
        return Err(Diagnostic::error("no team file given")
            .help("`chain check FILE` checks a team file; `chain check --explain CODE` explains a code")
            .into());
    };
    let settings = Settings {
        levels: args.levels.codes.clone(),
        deny_warnings: args.levels.deny_warnings,
    };
    settings
        .validate()
        .map_err(|fixed| Diagnostic::error(fixed.to_string()).help(fixed.help()))?;
    let loaded = load::load_path(file, args.includes.root.as_deref())?;
    let findings = check::run(&loaded, &settings);
    let format = match args.format {
        CheckFormat::Text => Format::Text {
            styled: output.out_color,
        },
        CheckFormat::Json => Format::Json,
        CheckFormat::Github => Format::Github,
        CheckFormat::Sarif => Format::Sarif,
    };
    report::write(output.out, format, &findings, &loaded.sources)
        .context("cannot write the report")?;
    let exit = if Summary::of(&findings).errors > 0 {
        Exit::Failure
    } else {
        Exit::Success
    };
    Ok(exit)
}
