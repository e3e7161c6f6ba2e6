//! The order of a card's sections, shared by the formats written for
//! people (text, Markdown, HTML): each implements [`Page`], and [`lay_out`]
//! calls it section by section.

use std::io;

use super::entry::Entry;
use super::words::{self, Section};
use super::{Card, People, Route, SHOWN};
use crate::model::Party;

/// A card's sections in one format.
pub(super) trait Page {
    /// The name, id and facts (kind, team, roles, whether a customer pays).
    fn header(&mut self) -> io::Result<()>;

    /// Customers (`outgoing`) or suppliers.
    fn entries(&mut self, section: Section, rows: &[Entry<'_>], outgoing: bool) -> io::Result<()>;

    /// The way to a paying customer, or where it stops.
    fn route(&mut self, route: &Route) -> io::Result<()>;

    /// A list of parties, each with what to say of it; `more` items left
    /// out after them.
    fn list(&mut self, section: Section, items: &[Item], more: usize) -> io::Result<()>;

    /// Anything after the last section.
    fn end(&mut self) -> io::Result<()>;
}

/// Writes `card` onto `page`, section by section.
pub(super) fn lay_out(card: &Card<'_>, page: &mut impl Page) -> io::Result<()> {
    page.header()?;
    if let Some(section) = card.customers_section() {
        page.entries(section, &card.customer_entries(), true)?;
    }
    page.entries(card.suppliers_section(), &card.supplier_entries(), false)?;
    match card.party {
        Party::Person(_) => {
            if let Some(route) = &card.route {
                page.route(route)?;
            }
            people(page, words::RELIED_ON_BY, &card.relied_on_by)?;
            let cover: Vec<Item> = card.cover().into_iter().map(Item::cover).collect();
            page.list(words::COVER, &cover, 0)?;
        }
        Party::Role(_) if card.org.is_vacant(card.party) => {
            people(page, words::VACANCY, &card.stopped_here)?;
        }
        Party::Role(_) => {
            if let Some(route) = &card.route {
                page.route(route)?;
            }
        }
        Party::External(_) => people(page, words::REACHED_BY, &card.reached_by)?,
    }
    page.end()
}

/// Lists `people` in `section`.
fn people(page: &mut impl Page, section: Section, people: &People) -> io::Result<()> {
    let items: Vec<Item> = people
        .shown
        .iter()
        .map(|&(p, distance)| Item {
            party: Party::Person(p),
            after: distance.map_or(After::Nothing, After::Distance),
        })
        .collect();
    page.list(section, &items, people.count.saturating_sub(items.len()))
}

/// A party in a list, and what to say after it.
pub(super) struct Item {
    /// The party listed.
    pub party: Party,
    /// What follows its name.
    pub after: After,
}

/// What a list says after a party's name.
pub(super) enum After {
    /// Nothing.
    Nothing,
    /// Its fewest handoffs from the card's party.
    Distance(u32),
    /// The other holders of a role (the first few by index, and how many),
    /// who cover it.
    Cover(Vec<usize>, usize),
    /// Nobody else holds the role.
    NoCover,
}

impl Item {
    /// A role a person holds, and its other holders.
    fn cover((role, others): (usize, Vec<usize>)) -> Self {
        let after = if others.is_empty() {
            After::NoCover
        } else {
            After::Cover(others.iter().copied().take(SHOWN).collect(), others.len())
        };
        Item {
            party: Party::Role(role),
            after,
        }
    }
}
