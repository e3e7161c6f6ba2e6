//! A card as Markdown, for a team handbook or a wiki: a heading, the facts,
//! then a section per list, customers and suppliers as tables. Every string
//! from the team file is escaped ([`crate::markup::markdown`]), so nothing
//! in it can end a table cell, open a link or mention anyone; in a
//! handbook, each party named links to its card.

use std::io::{self, Write};

use super::entry::{Entry, label, list};
use super::facts::facts;
use super::page::{After, Item, Page, lay_out};
use super::words::{self, Section, handoffs};
use super::{Card, Links, Route, chain};
use crate::markup::markdown as escape;
use crate::model::{Org, Party};

/// Writes `card` as Markdown; with `links`, parties named link to their cards.
pub(super) fn write(
    card: &Card<'_>,
    out: &mut dyn Write,
    links: Option<Links<'_>>,
) -> io::Result<()> {
    lay_out(
        card,
        &mut Markdown {
            card,
            org: card.org,
            out,
            links,
        },
    )
}

struct Markdown<'c, 'o> {
    card: &'c Card<'c>,
    org: &'c Org,
    out: &'o mut dyn Write,
    links: Option<Links<'o>>,
}

impl Markdown<'_, '_> {
    /// "Name (id)", the name a link to the party's card in a handbook.
    fn label(&self, party: Party) -> String {
        linked(self.org, party, self.link(party).as_deref())
    }

    /// The file of `party`'s card, in a handbook (never the card's own).
    fn link(&self, party: Party) -> Option<String> {
        let link = self.links.filter(|_| party != self.card.party)?;
        Some(link(party))
    }

    /// A party's name alone, a link to its card in a handbook.
    fn name(&self, party: Party) -> String {
        name(self.org, party, self.link(party).as_deref())
    }

    fn title(&mut self, section: Section) -> io::Result<()> {
        writeln!(
            self.out,
            "\n## {}\n\n{}.",
            section.title,
            capital(section.about)
        )
    }

    /// "role: A, B · as coordinator".
    fn kind(&self, row: &Entry<'_>) -> String {
        let me = self.card.party;
        row.kind_words(self.org, me, |p| self.name(p), escape).1
    }
}

impl Page for Markdown<'_, '_> {
    fn header(&mut self) -> io::Result<()> {
        let title = label(self.org, self.card.party, escape);
        let facts = facts(self.card, |p| self.label(p), escape).join(" · ");
        writeln!(self.out, "# {title}\n\n{facts}")
    }

    fn entries(&mut self, section: Section, rows: &[Entry<'_>], outgoing: bool) -> io::Result<()> {
        self.title(section)?;
        if rows.is_empty() {
            return writeln!(self.out, "\n{}.", capital(section.none));
        }
        let who = if outgoing { "To" } else { "From" };
        writeln!(
            self.out,
            "\n| {who} | Kind | What | Note |\n|---|---|---|---|"
        )?;
        for row in rows {
            let what = row.what.map_or("", |w| w.as_str());
            let note = row.note.map(escape).unwrap_or_default();
            let cells = [
                self.label(row.party),
                self.kind(row),
                what.to_string(),
                note,
            ];
            writeln!(self.out, "| {} |", cells.join(" | "))?;
        }
        Ok(())
    }

    fn route(&mut self, route: &Route) -> io::Result<()> {
        writeln!(self.out, "\n## {}\n", words::ROUTE.title)?;
        match route {
            Route::Reaches {
                distance,
                chain: Some(chain),
            } => {
                let line = chain::line(self.org, chain, |p| self.name(p), escape);
                writeln!(self.out, "{}: {line}", handoffs(u64::from(*distance)))
            }
            Route::Reaches {
                distance,
                chain: None,
            } => writeln!(
                self.out,
                "{} from the role's work; each holder's card shows their chain.",
                handoffs(u64::from(*distance))
            ),
            Route::Stops { at, more } => {
                let roles: Vec<String> = at.iter().map(|&r| self.label(Party::Role(r))).collect();
                let more = if *more { " and more" } else { "" };
                writeln!(
                    self.out,
                    "**None**: the work stops at vacant {}{more}.",
                    roles.join(", ")
                )
            }
            Route::Nowhere => writeln!(self.out, "**None**: the work reaches no paying customer."),
        }
    }

    fn list(&mut self, section: Section, items: &[Item], more: usize) -> io::Result<()> {
        self.title(section)?;
        if items.is_empty() {
            return writeln!(self.out, "\n{}.", capital(section.none));
        }
        writeln!(self.out)?;
        for item in items {
            let after = match &item.after {
                After::Nothing => String::new(),
                After::Distance(d) => format!(", {}", handoffs(u64::from(*d))),
                After::Cover(shown, total) => {
                    format!(": {}", list(shown, *total, |p| self.label(p)))
                }
                After::NoCover => ": **no cover**, nobody else holds it".to_string(),
            };
            writeln!(self.out, "- {}{after}", self.label(item.party))?;
        }
        if more > 0 {
            writeln!(self.out, "- and {more} more")?;
        }
        Ok(())
    }

    fn end(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A party's name, a link to `file` when given (a handbook's file name,
/// safe as it is).
fn name(org: &Org, party: Party, file: Option<&str>) -> String {
    let name = escape(org.name(party));
    match file {
        Some(file) => format!("[{name}]({file})"),
        None => name,
    }
}

/// "Name (id)", or "id" for a party with no name of its own; the name a
/// link to `file` when given.
pub(super) fn linked(org: &Org, party: Party, file: Option<&str>) -> String {
    let plain = label(org, party, escape);
    if file.is_none() {
        return plain;
    }
    let rest = plain.strip_prefix(escape(org.name(party)).as_str());
    format!("{}{}", name(org, party, file), rest.unwrap_or_default())
}

/// `s` with its first letter in upper case, to start a sentence.
fn capital(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
