//! `chain import ROSTER`: a draft team file from a roster, or a roster's
//! joiners added to a team file (`--merge`), checked before anything is
//! written.

use std::path::Path;

use anyhow::Context as _;

use super::{Exit, Output};
use crate::atomic::{self, Links, Mode};
use crate::check::{self, Settings};
use crate::cli::ImportArgs;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::finding::Severity;
use crate::import;
use crate::load::{self, Input};
use crate::model::Party;
use crate::roster::{Roster, listed};
use crate::source::{FileId, Sources};
use crate::text::{count, escape};

/// How many leavers the message names before counting the rest.
const NAMED: usize = 20;

/// Reads the roster, makes the team file, checks it loads, and writes it
/// to `-o` (never over a file) or standard output.
pub fn run(args: &ImportArgs, output: &mut Output<'_>) -> Result<Exit, Error> {
    if args.roster.as_os_str() == "-" && args.merge.as_deref().is_some_and(|m| m.as_os_str() == "-")
    {
        return Err(Diagnostic::error(
            "the roster and the team file cannot both be standard input",
        )
        .help("give one of them as a file")
        .into());
    }
    let mut sources = Sources::new();
    let mut roster = Roster::read(&mut sources, &args.roster, &args.column)?;
    roster.resolve_managers(&mut sources)?;
    let shown = sources.path(roster.file).to_string();
    let ignored = roster.ignored();
    if !ignored.is_empty() {
        writeln!(
            output.err,
            "ignored columns: {} (use one with `--column FIELD=HEADER`)",
            listed(&ignored)
        )
        .context("cannot write to standard error")?;
    }
    let (text, summary) = match &args.merge {
        None => draft(&roster, &shown)?,
        Some(team) => merge(&roster, team, &shown)?,
    };
    let mut inputs: Vec<&Path> = vec![&args.roster];
    inputs.extend(args.merge.as_deref());
    match &args.output {
        Some(path) => {
            atomic::write(
                path,
                text.as_bytes(),
                &inputs,
                Mode::CreateNew,
                Links::Refuse,
            )?;
            let to = escape(&path.display().to_string()).into_owned();
            writeln!(
                output.err,
                "{summary}\nwritten to `{to}`; next: `chain check {to}`"
            )
        }
        None => {
            output
                .out
                .write_all(text.as_bytes())
                .context("cannot write the team file")?;
            writeln!(output.err, "{summary}")
        }
    }
    .context("cannot write to standard error")?;
    Ok(Exit::Success)
}

/// The draft, checked to load and to pass `chain check` without errors.
fn draft(roster: &Roster, shown: &str) -> Result<(String, String), Error> {
    let draft = import::draft(roster, shown);
    let loaded = load::load(Input::Text {
        name: "the draft",
        text: &draft.text,
    })?;
    let findings = check::run(&loaded, &Settings::default());
    let errors: Vec<_> = findings
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        return Err(Error::Invalid {
            sources: loaded.sources,
            findings: errors,
        });
    }
    let summary = format!(
        "drafted {}, {} and {} to managers from `{}`; add the external customers and what each role hands on (the file's first lines say how)",
        count(draft.people, "person", "people"),
        count(draft.roles, "role", "roles"),
        count(draft.handoffs, "handoff", "handoffs"),
        escape(shown)
    );
    Ok((draft.text, summary))
}

/// The team file with the roster's joiners added, checked to load as
/// well as the file did.
fn merge(roster: &Roster, team: &Path, shown: &str) -> Result<(String, String), Error> {
    let loaded = load::load_path(team, None)?.valid()?;
    let original = loaded
        .sources
        .get(FileId(0))
        .map_or("", |f| f.text.as_str());
    let merged = import::merge(roster, &loaded.org, original, shown);
    let name = loaded.sources.path(FileId(0)).to_string();
    if loaded.sources.files().len() == 1 {
        load::load(Input::Text {
            name: &name,
            text: &merged.text,
        })?
        .valid()?;
    } else {
        // Its includes are found beside the file, not here: check the TOML.
        merged
            .text
            .parse::<toml::Table>()
            .context("the merged team file is not TOML (a bug in chain: please report it)")?;
    }
    let mut summary = format!(
        "added {} from `{}`, and {}",
        count(merged.joiners.len(), "person", "people"),
        escape(shown),
        count(merged.roles.len(), "role", "roles"),
    );
    if !merged.leavers.is_empty() {
        let ids: Vec<String> = merged
            .leavers
            .iter()
            .take(NAMED)
            .map(|&p| {
                let party = Party::Person(p);
                format!(
                    "`{}` ({})",
                    escape(loaded.org.id(party)),
                    escape(loaded.org.name(party))
                )
            })
            .collect();
        let more = merged.leavers.len().saturating_sub(NAMED);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        summary.push_str(&format!(
            "\n{} in the file and not on the roster, left in place (if they have left, \
             `chain diff FILE --without ID` shows what removing them changes): {}{more}",
            count(merged.leavers.len(), "person", "people"),
            ids.join(", ")
        ));
    }
    Ok((merged.text, summary))
}
