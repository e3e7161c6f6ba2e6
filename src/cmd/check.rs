//! `chain check FILE` and `chain check --explain CODE`.

use std::path::Path;

use anyhow::Context as _;

use super::graph::inputs;
use super::{Exit, Output};
use crate::atomic::{self, Links, Mode};
use crate::check::baseline::{Baseline, Compared};
use crate::check::report::{self, Format};
use crate::check::{self, Settings, explain};
use crate::cli::{CheckArgs, CheckFormat};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::finding::{Finding, Severity};
use crate::load::{self, Loaded};
use crate::roster::Roster;
use crate::text::{count, escape};

/// Explains a code, or checks the file and writes the report; fails (exit 1)
/// when an error-level finding is reported that the baseline does not have.
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
    let baseline = args.baseline.as_deref().map(Baseline::read).transpose()?;
    let mut loaded = load::load_path(file, args.includes.root.as_deref())?;
    let extra = match &args.roster {
        Some(path) => {
            let roster = Roster::read(&mut loaded.sources, path, &args.roster_column)?;
            check::roster::findings(&roster, &loaded.org)
        }
        None => Vec::new(),
    };
    let findings = check::run_with(&loaded, &settings, extra);
    if let Some(path) = &args.write_baseline {
        write_baseline(path, args, file, &findings, &loaded, output)?;
    }
    let compared = match (&args.write_baseline, &baseline) {
        // Every finding is in the baseline just written.
        (Some(_), old) => Some(Compared {
            known: vec![true; findings.len()],
            stale: old
                .as_ref()
                .map(|b| b.compare(&findings).stale)
                .unwrap_or_default(),
        }),
        (None, Some(b)) => Some(b.compare(&findings)),
        (None, None) => None,
    };
    let format = match args.format {
        CheckFormat::Text => Format::Text {
            styled: output.out_color,
        },
        CheckFormat::Json => Format::Json,
        CheckFormat::Github => Format::Github,
        CheckFormat::Sarif => Format::Sarif,
        CheckFormat::Junit => Format::Junit,
        CheckFormat::Gitlab => Format::Gitlab,
    };
    report::write_compared(
        output.out,
        format,
        &findings,
        &loaded.sources,
        compared.as_ref(),
    )
    .context("cannot write the report")?;
    let known = |i: usize| {
        compared
            .as_ref()
            .is_some_and(|c| c.known.get(i) == Some(&true))
    };
    let failing = findings
        .iter()
        .enumerate()
        .any(|(i, f)| f.severity == Severity::Error && !known(i));
    Ok(if failing {
        Exit::Failure
    } else {
        Exit::Success
    })
}

/// Writes the findings to `path` as a baseline (the JSON report), never
/// over a file read (the team file, its includes, the roster), and says
/// so on standard error.
fn write_baseline(
    path: &Path,
    args: &CheckArgs,
    file: &Path,
    findings: &[Finding],
    loaded: &Loaded,
    output: &mut Output<'_>,
) -> Result<(), Error> {
    let mut json = Vec::new();
    report::write(&mut json, Format::Json, findings, &loaded.sources)
        .context("cannot write the baseline")?;
    // The roster by its own path too: its name among the sources is only
    // how it is shown.
    let mut inputs = inputs(file, &loaded.sources);
    inputs.extend(args.roster.as_deref());
    atomic::write(path, &json, &inputs, Mode::Replace, Links::Refuse)?;
    let n = findings
        .iter()
        .filter(|f| f.severity != Severity::Allow)
        .count();
    writeln!(
        output.err,
        "wrote {} to `{}` as the baseline",
        count(n, "finding", "findings"),
        escape(&path.display().to_string())
    )
    .context("cannot write to standard error")?;
    Ok(())
}
