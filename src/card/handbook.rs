//! `chain card --all`: a card for every person, role and external customer,
//! and an index linking them, as the files of a team handbook (Markdown, or
//! HTML pages). This module says what each file is called and holds; the
//! command writes them.

use std::io::{self, Write};

use super::{Cards, Format, file_name, html, markdown};
use crate::markup;
use crate::model::{Org, Party};

/// The name of the index file, without its extension.
pub const INDEX: &str = "index";

/// The formats a handbook can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Markdown files (`.md`).
    Markdown,
    /// HTML pages (`.html`).
    Html,
}

impl Kind {
    /// The files' extension.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Markdown => "md",
            Kind::Html => "html",
        }
    }

    fn format(self) -> Format {
        match self {
            Kind::Markdown => Format::Markdown,
            Kind::Html => Format::Html,
        }
    }
}

/// Every file of a handbook: the index, then a card per party (people,
/// roles, external customers, each in id order).
pub struct Handbook<'a> {
    org: &'a Org,
    kind: Kind,
    /// Each party's file name.
    names: Vec<(Party, String)>,
}

impl<'a> Handbook<'a> {
    /// Names the files of `org`'s handbook.
    pub fn new(org: &'a Org, kind: Kind) -> Self {
        let people = (0..org.people.len()).map(Party::Person);
        let roles = (0..org.roles.len()).map(Party::Role);
        let externals = (0..org.externals.len()).map(Party::External);
        let ext = kind.extension();
        let names = people
            .chain(roles)
            .chain(externals)
            .map(|p| (p, file_name(org, p, ext)))
            .collect();
        Handbook { org, kind, names }
    }

    /// The index's file name.
    pub fn index_name(&self) -> String {
        format!("{INDEX}.{}", self.kind.extension())
    }

    /// Every card's party and file name.
    pub fn cards(&self) -> &[(Party, String)] {
        &self.names
    }

    /// Two file names that are the same, ignoring case (only if two ids'
    /// hashes collide, see [`file_name`]): a handbook that cannot be written.
    pub fn clash(&self) -> Option<&str> {
        let mut seen: Vec<String> = self.names.iter().map(|(_, n)| n.to_lowercase()).collect();
        seen.push(self.index_name());
        seen.sort_unstable();
        let twice = seen.windows(2).find(|w| w.first() == w.get(1))?;
        let twice = twice.first()?;
        let original = self.names.iter().map(|(_, n)| n.as_str());
        original.into_iter().find(|n| n.to_lowercase() == *twice)
    }

    /// The file name of `party`'s card.
    fn link(&self, party: Party) -> String {
        let found = self.names.binary_search_by(|(p, _)| p.cmp(&party));
        found
            .ok()
            .and_then(|i| self.names.get(i))
            .map(|(_, name)| name.clone())
            .unwrap_or_default()
    }

    /// Writes `party`'s card, its parties linked to their cards.
    pub fn write_card(
        &self,
        cards: &Cards<'_>,
        party: Party,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let link = |p: Party| self.link(p);
        cards
            .card(party)
            .write(out, self.kind.format(), Some(&link))
    }

    /// Writes the index: every card, by kind, each with a short fact.
    pub fn write_index(&self, out: &mut dyn Write) -> io::Result<()> {
        let groups = [
            ("People", self.people()),
            ("Roles", self.roles()),
            ("External customers", self.externals()),
        ];
        let groups = groups.iter().filter(|(_, rows)| !rows.is_empty());
        match self.kind {
            Kind::Markdown => self.markdown_index(out, groups),
            Kind::Html => self.html_index(out, groups),
        }
    }

    /// The index's title: the organisation's name.
    fn title(&self) -> &str {
        self.org.name.as_deref().unwrap_or("Team handbook")
    }

    fn markdown_index<'g>(
        &self,
        out: &mut dyn Write,
        groups: impl Iterator<Item = &'g Group>,
    ) -> io::Result<()> {
        writeln!(out, "# {}\n\n{ABOUT}", markup::markdown(self.title()))?;
        for (heading, rows) in groups {
            writeln!(out, "\n## {heading}\n")?;
            for (party, fact) in rows {
                let party = *party;
                let name = markdown::linked(self.org, party, Some(&self.link(party)));
                let fact = fact
                    .as_deref()
                    .map(|f| format!(" · {}", markup::markdown(f)));
                writeln!(out, "- {name}{}", fact.unwrap_or_default())?;
            }
        }
        Ok(())
    }

    fn html_index<'g>(
        &self,
        out: &mut dyn Write,
        groups: impl Iterator<Item = &'g Group>,
    ) -> io::Result<()> {
        let title = markup::html(self.title());
        out.write_all(html::head(&title).as_bytes())?;
        writeln!(out, "<h1>{title}</h1>\n<p class=\"about\">{ABOUT}</p>")?;
        for (heading, rows) in groups {
            writeln!(out, "<section>\n<h2>{heading}</h2>\n<ul>")?;
            for (party, fact) in rows {
                let party = *party;
                let name = html::linked(self.org, party, Some(&self.link(party)));
                let fact = fact.as_deref().map(|f| format!(" · {}", markup::html(f)));
                writeln!(out, "<li>{name}{}</li>", fact.unwrap_or_default())?;
            }
            writeln!(out, "</ul>\n</section>")?;
        }
        out.write_all(html::FOOT.as_bytes())
    }

    /// Each person and their team.
    fn people(&self) -> Vec<(Party, Option<String>)> {
        let org = self.org;
        let team = |i: usize| {
            let team = org.person(i)?.team.as_deref()?;
            Some(format!("team {team}"))
        };
        let people = 0..org.people.len();
        people.map(|i| (Party::Person(i), team(i))).collect()
    }

    /// Each role, and "vacant" for one nobody holds.
    fn roles(&self) -> Vec<(Party, Option<String>)> {
        let org = self.org;
        let vacant = |r: usize| org.is_vacant(Party::Role(r)).then(|| "vacant".into());
        (0..org.roles.len())
            .map(|r| (Party::Role(r), vacant(r)))
            .collect()
    }

    /// Each external customer, and "pays" for one who does.
    fn externals(&self) -> Vec<(Party, Option<String>)> {
        let org = self.org;
        let pays = |e: usize| org.pays(Party::External(e)).then(|| "pays".into());
        (0..org.externals.len())
            .map(|e| (Party::External(e), pays(e)))
            .collect()
    }
}

/// What the index says it is.
const ABOUT: &str = "A card for every person, role and external customer: who they hand work \
                     to, who hands them work, and how their work reaches a paying customer.";

/// A group of the index: its heading, and each party with a fact to show
/// (a person's team, "vacant", "pays").
type Group = (&'static str, Vec<(Party, Option<String>)>);
