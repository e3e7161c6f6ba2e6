//! `chain card FILE ID`, and `chain card FILE --all -o DIR` for a handbook.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context as _;

use super::graph::inputs;
use super::map::lookup;
use super::{Exit, Output};
use crate::atomic::{self, Links, Mode};
use crate::card::handbook::{self, Handbook};
use crate::card::{Cards, Format};
use crate::cli::{CardArgs, CardFormat};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::graph::CustomerGraph;
use crate::load;
use crate::model::Party;
use crate::text::escape;

/// Loads the file, refuses it if invalid, and writes the card, or every
/// card and the index.
pub fn run(args: &CardArgs, output: &mut Output<'_>) -> Result<Exit, Error> {
    // A bad format or directory is reported before any work is done.
    let handbook = match &args.output {
        Some(dir) if args.all => Some((handbook_kind(args.format)?, plain(dir))),
        _ => None,
    };
    if let Some((_, dir)) = &handbook {
        refuse_link(dir, args.follow_symlinks)?;
    }
    let root = args.includes.root.as_deref();
    let (sources, org) = load::load_path(&args.file, root)?.into_valid()?;
    let graph = CustomerGraph::build(&org);
    let cards = Cards::new(&org, &graph, args.chain_limit);
    let Some((kind, dir)) = handbook else {
        let id = args.id.as_deref().unwrap_or_default();
        let card = cards.card(lookup(&org, id)?);
        let format = format(args.format.unwrap_or(CardFormat::Text), output);
        card.write(output.out, format, None)
            .context("cannot write the card")?;
        return Ok(Exit::Success);
    };
    let inputs = inputs(&args.file, &sources);
    let book = Handbook::new(&org, kind);
    let written = write_handbook(&book, &cards, &dir, &inputs, args)?;
    let shown = escape(&dir.display().to_string()).into_owned();
    writeln!(
        output.err,
        "wrote {written} cards and {} to `{shown}`",
        book.index_name()
    )
    .context("cannot write to standard error")?;
    Ok(Exit::Success)
}

fn format(format: CardFormat, output: &Output<'_>) -> Format {
    match format {
        CardFormat::Text => Format::Text {
            styled: output.out_color,
            width: output.out_width,
        },
        CardFormat::Markdown => Format::Markdown,
        CardFormat::Html => Format::Html,
        CardFormat::Json => Format::Json,
    }
}

/// The format of a handbook: Markdown unless HTML is asked for.
fn handbook_kind(format: Option<CardFormat>) -> Result<handbook::Kind, Error> {
    match format {
        None | Some(CardFormat::Markdown) => Ok(handbook::Kind::Markdown),
        Some(CardFormat::Html) => Ok(handbook::Kind::Html),
        Some(CardFormat::Text | CardFormat::Json) => Err(Diagnostic::error(
            "`--all` writes Markdown or HTML cards, not text or JSON",
        )
        .help("leave out `--format` for Markdown, or give `--format html`; for JSON, run `chain card FILE ID --format json` per id")
        .into()),
    }
}

/// `dir` without a trailing separator, which would make a symbolic link
/// look like the directory it leads to.
fn plain(dir: &Path) -> PathBuf {
    dir.components().collect()
}

/// Refuses `path` when it is a symbolic link and links are not followed:
/// a link committed to a repository could send the handbook anywhere.
fn refuse_link(path: &Path, follow: bool) -> Result<(), Error> {
    let is_link = path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink());
    if !is_link || follow {
        return Ok(());
    }
    let shown = escape(&path.display().to_string()).into_owned();
    Err(Diagnostic::error(format!(
        "refusing to write into `{shown}`: it is a symbolic link, which could lead anywhere"
    ))
    .help("give `--follow-symlinks` to write where it leads, or write to another directory")
    .into())
}

/// Writes every card, then the index, into `dir`; returns how many cards.
/// Every destination is checked before the first is written, so a refusal
/// leaves the directory as it was.
fn write_handbook(
    book: &Handbook<'_>,
    cards: &Cards<'_>,
    dir: &Path,
    inputs: &[&Path],
    args: &CardArgs,
) -> Result<usize, Error> {
    if let Some(name) = book.clash() {
        let name = escape(name).into_owned();
        return Err(anyhow::anyhow!("two cards would both be called `{name}`").into());
    }
    make_dir(dir)?;
    let index = book.index_name();
    let names = book.cards().iter().map(|(_, n)| n.as_str());
    let paths: Vec<PathBuf> = names
        .chain(std::iter::once(index.as_str()))
        .map(|n| dir.join(n))
        .collect();
    refuse_existing(&paths, dir, args)?;
    let mode = if args.force {
        Mode::Replace
    } else {
        Mode::CreateNew
    };
    let jobs: Vec<(Party, &Path)> = book
        .cards()
        .iter()
        .zip(&paths)
        .map(|((party, _), path)| (*party, path.as_path()))
        .collect();
    let links = if args.follow_symlinks {
        Links::Follow
    } else {
        Links::Refuse
    };
    write_cards(book, cards, &jobs, inputs, (mode, links))?;
    let mut page = Vec::new();
    book.write_index(&mut page)
        .context("cannot write the index")?;
    atomic::write(&dir.join(&index), &page, inputs, mode, links)?;
    Ok(book.cards().len())
}

/// How many threads write cards at once.
const WRITERS: usize = 8;

/// Writes each card of `jobs` to its path, a share to each of [`WRITERS`]
/// threads. Each file is flushed to disk before it is renamed into place,
/// and on a disk the flushes, not the cards, take the time: 5,000 cards
/// took 22 to 26 s one at a time, 4 to 7 s eight at a time (on a memory
/// file system, half a second either way). After a failure, no thread
/// starts another card.
fn write_cards(
    book: &Handbook<'_>,
    cards: &Cards<'_>,
    jobs: &[(Party, &Path)],
    inputs: &[&Path],
    (mode, links): (Mode, Links),
) -> Result<(), Error> {
    let failed = AtomicBool::new(false);
    let write_share = |share: &[(Party, &Path)]| -> Result<(), Error> {
        for &(party, path) in share {
            if failed.load(Ordering::Relaxed) {
                break;
            }
            let mut page = Vec::new();
            let written = book
                .write_card(cards, party, &mut page)
                .context("cannot write a card")
                .map_err(Error::from)
                .and_then(|()| atomic::write(path, &page, inputs, mode, links));
            if written.is_err() {
                failed.store(true, Ordering::Relaxed);
            }
            written?;
        }
        Ok(())
    };
    let per = jobs.len().div_ceil(WRITERS).max(1);
    std::thread::scope(|s| {
        let writers: Vec<_> = jobs
            .chunks(per)
            .map(|share| s.spawn(|| write_share(share)))
            .collect();
        writers.into_iter().try_for_each(|w| {
            w.join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("a thread writing cards failed").into()))
        })
    })
}

/// Creates `dir` if it does not exist (its parent must); refuses anything
/// there that is not a directory.
fn make_dir(dir: &Path) -> Result<(), Error> {
    let shown = escape(&dir.display().to_string()).into_owned();
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(Diagnostic::error(format!("`{shown}` is not a directory"))
            .help("give -o the directory to write the cards in")
            .into()),
        Err(_) => std::fs::create_dir(dir)
            .with_context(|| format!("cannot create the directory `{shown}`"))
            .map_err(Error::from),
    }
}

/// Refuses to go on when any of `paths` exists (unless `--force`) or is a
/// symbolic link (unless `--follow-symlinks`).
fn refuse_existing(paths: &[PathBuf], dir: &Path, args: &CardArgs) -> Result<(), Error> {
    for path in paths {
        refuse_link(path, args.follow_symlinks)?;
    }
    if args.force {
        return Ok(());
    }
    let existing: Vec<&PathBuf> = paths
        .iter()
        .filter(|p| p.symlink_metadata().is_ok())
        .collect();
    let Some(first) = existing.first() else {
        return Ok(());
    };
    let shown = |p: &Path| escape(&p.display().to_string()).into_owned();
    let others = match existing.len() - 1 {
        0 => " exists".to_string(),
        1 => " and 1 other file exist".to_string(),
        n => format!(" and {n} other files exist"),
    };
    Err(Diagnostic::error(format!(
        "`{}`{others} already; nothing was written",
        shown(first)
    ))
    .help(format!(
        "give `--force` to replace the cards in `{}`, or write to another directory",
        shown(dir)
    ))
    .into())
}
