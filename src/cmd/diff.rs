//! `chain diff OLD NEW` and `chain diff FILE --without ID...`.

use std::path::Path;

use anyhow::Context as _;

use super::{Exit, Output};
use crate::cli::{DiffArgs, DiffFormat, FailOn};
use crate::diagnostic::{Diagnostic, DiagnosticRenderer};
use crate::diff::{Checked, Diff, Format, Gate};
use crate::error::Error;
use crate::load;
use crate::model::{Org, Party};
use crate::source::Sources;

/// Markdown goes into pull-request comments and job summaries, which have
/// size limits (GitHub's step summary takes 1 MiB): show this many rows of
/// each table unless told otherwise.
const MARKDOWN_ROWS: usize = 50;

/// Compares the two files, or the file with itself minus some parties,
/// writes the diff and fails (exit 1) when a `--fail-on` condition is met.
pub fn run(args: &DiffArgs, output: &mut Output<'_>) -> Result<Exit, Error> {
    match &args.new {
        Some(new) => two_files(&args.old, new, args, output),
        None => what_if(&args.old, args, output),
    }
}

/// Loads `path`, refuses it unless it is valid, and checks it with its own
/// `[check]`.
fn load_checked(path: &Path, args: &DiffArgs) -> Result<Checked, Error> {
    let root = args.includes.root.as_deref();
    Ok(Checked::new(load::load_path(path, root)?.valid()?))
}

/// `chain diff OLD NEW`. The two files are loaded and checked at the same
/// time, one on another thread: most of the run is loading, and the two
/// loads share nothing. When both fail, OLD's error is the one reported.
fn two_files(
    old: &Path,
    new: &Path,
    args: &DiffArgs,
    output: &mut Output<'_>,
) -> Result<Exit, Error> {
    if is_stdin(old) && is_stdin(new) {
        return Err(Diagnostic::error("OLD and NEW cannot both be standard input (`-`)")
            .help("give one of them as a file: `git show origin/main:team.toml | chain diff - team.toml`")
            .into());
    }
    let (old, new) = std::thread::scope(|s| {
        let other = std::thread::Builder::new().spawn_scoped(s, || load_checked(new, args));
        let old = load_checked(old, args);
        let new = match other {
            Ok(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No thread to be had: load it here instead.
            Err(_) => load_checked(new, args),
        };
        (old, new)
    });
    let (old, new) = (old?, new?);
    finish(&Diff::new(old.side(), new.side()), args, output)
}

/// `chain diff FILE --without ID...`.
fn what_if(file: &Path, args: &DiffArgs, output: &mut Output<'_>) -> Result<Exit, Error> {
    let old = load_checked(file, args)?;
    let (ids, gone) = parties(&old.loaded.org, &args.without)?;
    let after = old.without(&gone);
    let diff = Diff {
        without: ids,
        ..Diff::new(old.side(), after.side_within(&old))
    };
    finish(&diff, args, output)
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The parties `ids` name, each once, in the order given; an unknown id is
/// an error with a suggestion.
fn parties<'a>(org: &Org, ids: &'a [String]) -> Result<(Vec<&'a str>, Vec<Party>), Error> {
    let mut named = Vec::with_capacity(ids.len());
    let mut gone = Vec::with_capacity(ids.len());
    for id in ids {
        let party = super::map::lookup(org, id)?;
        if !gone.contains(&party) {
            named.push(id.as_str());
            gone.push(party);
        }
    }
    Ok((named, gone))
}

/// Writes the diff and decides the exit code.
fn finish(diff: &Diff<'_>, args: &DiffArgs, output: &mut Output<'_>) -> Result<Exit, Error> {
    let format = match args.format {
        DiffFormat::Text => Format::Text {
            styled: output.out_color,
            max_rows: args.max_rows.unwrap_or(0),
        },
        DiffFormat::Json => Format::Json,
        DiffFormat::Markdown => Format::Markdown {
            max_rows: args.max_rows.unwrap_or(MARKDOWN_ROWS),
        },
    };
    diff.write(output.out, format)
        .and_then(|()| output.out.flush())
        .context("cannot write the diff")?;
    let mut exit = Exit::Success;
    let mut seen = Vec::new();
    for &fail_on in &args.fail_on {
        let gate = gate(fail_on);
        if seen.contains(&gate) {
            continue;
        }
        seen.push(gate);
        if let Some(reason) = diff.trips(gate) {
            exit = Exit::Failure;
            let d = Diagnostic::error(format!("--fail-on {}: {reason}", gate.as_str()));
            let text = DiagnosticRenderer::new(&Sources::new(), output.err_color).render(&d);
            writeln!(output.err, "{text}").context("cannot write to standard error")?;
        }
    }
    Ok(exit)
}

fn gate(fail_on: FailOn) -> Gate {
    match fail_on {
        FailOn::LostChain => Gate::LostChain,
        FailOn::NewError => Gate::NewError,
        FailOn::NewFinding => Gate::NewFinding,
    }
}
