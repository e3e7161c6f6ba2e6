//! `chain card`: one page per party, the seeds' exercise "who is your
//! customer?".
//!
//! A person's card says who they are, their customers (everyone they hand
//! work to, themselves or through a role they hold, with what and the
//! note), their suppliers (everyone who hands them work), their shortest
//! chain to a paying customer or the vacancy where their work stops, who
//! relies on them (the people for whom they are a single point) and who
//! covers their roles. A role's card says who holds it, what it hands on
//! and to whom, and who hands it work; an external customer's, what they
//! receive and from whom, whether they pay and whose work reaches them.
//!
//! [`Cards`] computes what every card needs once (the walks to the paying
//! customers, the dominator tree, the handoffs by receiver); [`Card`] is
//! one party's data, which the format modules write.

mod chain;
mod entry;
mod facts;
mod file_name;
pub mod handbook;
mod html;
mod incoming;
mod json;
mod markdown;
mod page;
mod text;
mod words;

use std::io::{self, Write};

use incoming::Incoming;

use crate::check::{Dependents, dependents};
use crate::graph::CustomerGraph;
use crate::model::{Handoff, Org, Party};
use crate::walk::{Chain, Reach, Stops, ToPaying, Way};

pub use entry::{Description, Entry, Via, describe};
pub use file_name::file_name;
pub use words::Section;

/// How many people a card names in a list that can grow with the
/// organisation (who relies on a person, who reaches a customer, the
/// holders of a role it mentions) before it says how many more there are.
pub const SHOWN: usize = 10;

/// How to write a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Aligned text for a terminal, styled when `styled`, notes and chains
    /// wrapped to `width` columns when given.
    Text {
        /// Whether to emit ANSI styles.
        styled: bool,
        /// The terminal's width, when writing to one.
        width: Option<usize>,
    },
    /// Markdown, for a handbook or a wiki.
    Markdown,
    /// A small standalone HTML page.
    Html,
    /// One JSON document.
    Json,
}

/// Where a card's links to other cards lead: the file of each party's card
/// in a handbook. Without one, cards name parties without linking them.
pub type Links<'a> = &'a dyn Fn(Party) -> String;

/// What every card of one organisation needs, computed once.
pub struct Cards<'a> {
    org: &'a Org,
    graph: &'a CustomerGraph,
    to_paying: ToPaying,
    stops: Stops,
    dependents: Dependents,
    incoming: Incoming,
    /// Per role: the people whose work stops at it (when it is vacant).
    stopped_here: Vec<Vec<usize>>,
}

impl<'a> Cards<'a> {
    /// Walks the graph once; chains longer than `limit` handoffs are
    /// elided (0: no limit).
    pub fn new(org: &'a Org, graph: &'a CustomerGraph, limit: usize) -> Self {
        let to_paying = ToPaying::new(org, graph, limit);
        let stops = Stops::new(org, graph, to_paying.search());
        let mut stopped_here = vec![Vec::new(); org.roles.len()];
        for p in 0..org.people.len() {
            for &r in stops.of(graph, Party::Person(p)).0 {
                if let Some(list) = stopped_here.get_mut(r) {
                    list.push(p);
                }
            }
        }
        Cards {
            org,
            graph,
            to_paying,
            stops,
            dependents: dependents(org, graph),
            incoming: Incoming::new(org),
            stopped_here,
        }
    }

    /// The card of `party`.
    pub fn card(&self, party: Party) -> Card<'a> {
        let route = match party {
            Party::External(_) => None,
            _ => Some(self.route(party)),
        };
        Card {
            org: self.org,
            party,
            customers: self.customers(party),
            suppliers: self.suppliers(party),
            route,
            relied_on_by: self.relied_on_by(party),
            reached_by: self.reached_by(party),
            stopped_here: self.stopped_here(party),
        }
    }

    /// The handoffs `party` makes: a person's own, then each of their
    /// roles' in the order they hold them, each in file order.
    fn customers(&self, party: Party) -> Vec<Handed<'a>> {
        let org = self.org;
        let givers = std::iter::once(party).chain(held(org, party).map(Party::Role));
        givers
            .flat_map(|from| org.hands_to(from).iter().map(move |h| Handed::new(from, h)))
            .collect()
    }

    /// The handoffs to `party` and to the roles a person holds, by giver
    /// (people, then roles, each by id), each giver's in file order. A
    /// person handing work to themselves is among their customers only.
    fn suppliers(&self, party: Party) -> Vec<Handed<'a>> {
        let org = self.org;
        let receivers = std::iter::once(party).chain(held(org, party).map(Party::Role));
        let mut found: Vec<(Party, usize)> = receivers
            .flat_map(|to| self.incoming.to(to))
            .filter(|&(from, _)| from != party || !matches!(party, Party::Person(_)))
            .collect();
        found.sort_unstable();
        found
            .into_iter()
            .filter_map(|(from, i)| Some(Handed::new(from, org.hands_to(from).get(i)?)))
            .collect()
    }

    /// How `party`'s work reaches a paying customer, or why it does not.
    fn route(&self, party: Party) -> Route {
        let g = self.graph;
        if let Some(distance) = self.to_paying.distance(g, party) {
            let chain = self.to_paying.chain(g, party);
            return Route::Reaches { distance, chain };
        }
        let (at, more) = self.stops.of(g, party);
        if at.is_empty() || self.org.is_vacant(party) {
            Route::Nowhere
        } else {
            Route::Stops {
                at: at.to_vec(),
                more,
            }
        }
    }

    /// The people for whom a person is a single point.
    fn relied_on_by(&self, party: Party) -> People {
        let Party::Person(i) = party else {
            return People::default();
        };
        let (count, shown) = self.dependents.of(self.graph, i, SHOWN);
        People {
            count,
            shown: shown.into_iter().map(|p| (p, None)).collect(),
        }
    }

    /// The people whose work stops at a vacant role.
    fn stopped_here(&self, party: Party) -> People {
        let Party::Role(r) = party else {
            return People::default();
        };
        let all = self.stopped_here.get(r).map_or(&[][..], Vec::as_slice);
        People {
            count: all.len(),
            shown: all.iter().take(SHOWN).map(|&p| (p, None)).collect(),
        }
    }

    /// The people whose work reaches an external customer, nearest first.
    fn reached_by(&self, party: Party) -> People {
        let Party::External(_) = party else {
            return People::default();
        };
        let reach = Reach::new(self.graph, party, Way::Upstream, None);
        let found = reach.map(|r| r.parties(self.graph)).unwrap_or_default();
        let people: Vec<(usize, u32)> = found
            .into_iter()
            .filter_map(|(p, d)| match p {
                Party::Person(i) => Some((i, d)),
                _ => None,
            })
            .collect();
        People {
            count: people.len(),
            shown: people
                .into_iter()
                .take(SHOWN)
                .map(|(p, d)| (p, Some(d)))
                .collect(),
        }
    }
}

/// The roles a person holds, in the order they list them (none for other
/// parties).
fn held(org: &Org, party: Party) -> impl Iterator<Item = usize> + '_ {
    let roles = match party {
        Party::Person(i) => org.person(i).map(|p| p.roles.as_slice()),
        _ => None,
    };
    roles.unwrap_or_default().iter().map(|r| r.role)
}

/// The holders of role `r`, by index (none for a role not in `org`).
fn holders(org: &Org, r: usize) -> &[usize] {
    org.role(r).map_or(&[], |role| role.holders.as_slice())
}

/// One handoff as a card shows it: `from` (a person, or a role) hands
/// `handoff` to `handoff.to`.
#[derive(Clone, Copy, Debug)]
pub struct Handed<'a> {
    /// Who declares the handoff: a person, or a role every holder of which
    /// makes it.
    pub from: Party,
    /// The handoff: to whom, what, and the note.
    pub handoff: &'a Handoff,
}

impl<'a> Handed<'a> {
    fn new(from: Party, handoff: &'a Handoff) -> Self {
        Handed { from, handoff }
    }
}

/// Where a party's work goes, seen from the paying customers.
#[derive(Clone, Debug)]
pub enum Route {
    /// It reaches a paying customer in `distance` handoffs, by `chain` (a
    /// person's; `None` for a role, whose holders each have their own).
    Reaches {
        /// The fewest handoffs to a paying customer.
        distance: u32,
        /// One shortest chain.
        chain: Option<Chain>,
    },
    /// It reaches none, and stops at these vacant roles (by index, in id
    /// order; `more` when there are more than [`crate::walk::STOPS_SHOWN`]),
    /// which would carry it on if someone held them.
    Stops {
        /// The vacant roles.
        at: Vec<usize>,
        /// Whether there are more than `at` lists.
        more: bool,
    },
    /// It reaches none, and no vacancy filled would change that (or the
    /// party is a vacant role, which hands nothing on).
    Nowhere,
}

/// A list of people that can grow with the organisation: how many there
/// are, and the first few (by index) with their distance when it matters.
#[derive(Clone, Debug, Default)]
pub struct People {
    /// How many there are.
    pub count: usize,
    /// Up to [`SHOWN`] of them, nearest first.
    pub shown: Vec<(usize, Option<u32>)>,
}

/// One party's card.
#[derive(Clone, Debug)]
pub struct Card<'a> {
    /// The organisation.
    pub org: &'a Org,
    /// Whose card it is.
    pub party: Party,
    /// The handoffs the party makes (a person: their own, then their
    /// roles'); a vacant role's are what it would hand on if held.
    pub customers: Vec<Handed<'a>>,
    /// The handoffs made to the party (a person: to them or a role they
    /// hold), by giver.
    pub suppliers: Vec<Handed<'a>>,
    /// How the party's work reaches a paying customer; `None` for an
    /// external customer.
    pub route: Option<Route>,
    /// A person's dependents: the people for whom they are a single point.
    pub relied_on_by: People,
    /// An external customer's: everyone whose work reaches them.
    pub reached_by: People,
    /// A vacant role's: the people whose work stops there.
    pub stopped_here: People,
}

impl Card<'_> {
    /// Writes the card; `links` (Markdown and HTML) makes each party named
    /// a link to its card.
    pub fn write(
        &self,
        out: &mut dyn Write,
        format: Format,
        links: Option<Links<'_>>,
    ) -> io::Result<()> {
        match format {
            Format::Text { styled, width } => text::write(self, out, styled, width),
            Format::Markdown => markdown::write(self, out, links),
            Format::Html => html::write(self, out, links, true),
            Format::Json => json::write(self, out),
        }
    }

    /// Writes the card as HTML without the page around it: what goes
    /// inside another page's `<main>`; `links` as for [`Card::write`].
    pub fn write_html_body(&self, out: &mut dyn Write, links: Option<Links<'_>>) -> io::Result<()> {
        html::write(self, out, links, false)
    }

    /// For each role a person holds: the other holders, who cover it.
    pub fn cover(&self) -> Vec<(usize, Vec<usize>)> {
        let Party::Person(me) = self.party else {
            return Vec::new();
        };
        held(self.org, self.party)
            .map(|r| {
                let others = holders(self.org, r).iter().copied().filter(|&p| p != me);
                (r, others.collect())
            })
            .collect()
    }
}
