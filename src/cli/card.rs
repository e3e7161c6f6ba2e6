//! `chain card`'s arguments.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

const CARD_EXAMPLES: &str = "\
Examples:
  chain card examples/media-team.toml wren      who Wren's customers and suppliers are
  chain card examples/media-team.toml av-tech   a role: its holders, customers and suppliers
  chain card examples/media-team.toml students  an external customer: what they receive, from whom
  chain card examples/media-team.toml wren --format markdown > wren.md
                                                the card for a wiki page
  chain card examples/media-team.toml wren --format html > wren.html
                                                a page to print or share
  chain card examples/media-team.toml wren --format json | jq '.customers[].id'
                                                for scripts: whom Wren hands work to
  chain card examples/media-team.toml --all -o handbook
                                                a card per person, role and customer, and an index

A person's card answers \"who is your customer?\": everyone they hand work to, themselves or
in a role they hold, with what and the note; everyone who hands them work; their shortest
chain to a paying customer, or the vacancy where their work stops; the people for whom they
are a single point; and who else holds their roles.

--all -o DIR writes index.md and a Markdown card per party into DIR (created if missing;
--format html writes pages), named from the ids (person-wren.md, role-av-tech.md,
external-students.md; an id with other characters gets a hash). It never replaces an existing
file unless given --force, and refuses a DIR that is a symbolic link unless given
--follow-symlinks.";

/// `chain card`.
#[derive(Debug, Args)]
#[command(after_help = CARD_EXAMPLES)]
pub struct CardArgs {
    /// The team file (`-` for standard input).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// The person, role or external customer whose card to show.
    #[arg(
        value_name = "ID",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub id: Option<String>,

    /// Output format [default: text; markdown with --all].
    #[arg(long, value_enum)]
    pub format: Option<CardFormat>,

    /// Write a card for everyone, and an index, into the directory given by -o.
    #[arg(long, requires = "output")]
    pub all: bool,

    /// With --all: the directory to write the cards in.
    #[arg(
        short,
        long,
        value_name = "DIR",
        requires = "all",
        conflicts_with = "id"
    )]
    pub output: Option<PathBuf>,

    /// With --all: replace cards and the index already in DIR.
    #[arg(long, requires = "all", conflicts_with = "id")]
    pub force: bool,

    /// With --all: write into DIR, or over a card in it, even when it is a
    /// symbolic link.
    #[arg(long, requires = "all", conflicts_with = "id")]
    pub follow_symlinks: bool,

    /// Show at most N handoffs of a chain, eliding the middle of longer
    /// ones (0: no limit).
    #[arg(long, value_name = "N", default_value_t = crate::walk::CHAIN_LIMIT)]
    pub chain_limit: usize,

    /// Where includes may be read.
    #[command(flatten)]
    pub includes: super::Includes,
}

/// Output formats of `chain card`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CardFormat {
    /// For people, on a terminal.
    Text,
    /// For a handbook or a wiki.
    Markdown,
    /// A standalone page to print or share.
    Html,
    /// For scripts.
    Json,
}
