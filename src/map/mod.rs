//! `chain map`: every person's chain to the paying customers, or everyone
//! one party serves (or is served by), as text, JSON or CSV.

mod csv;
mod json;
mod text;
mod wrap;

pub(crate) use json::ChainJson;
pub(crate) use text::{chain_line, party_label};
pub(crate) use wrap::Wrapped;

use std::io::{self, Write};

use crate::graph::CustomerGraph;
use crate::model::{Org, Party};
use crate::walk::{Chain, Reach, Step, Stops, ToPaying, Way};

/// How to write a map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Aligned text for people, styled when `styled`; lines are wrapped to
    /// `width` columns when given (a terminal).
    Text {
        /// Whether to emit ANSI styles.
        styled: bool,
        /// The terminal's width, when writing to one.
        width: Option<usize>,
    },
    /// One JSON document.
    Json,
    /// CSV for spreadsheets.
    Csv,
}

/// Every person's distance and chain to the paying customers.
pub struct PeopleMap<'a> {
    org: &'a Org,
    graph: &'a CustomerGraph,
    to_paying: ToPaying,
    stops: Stops,
}

impl<'a> PeopleMap<'a> {
    /// Walks the graph once; chains longer than `limit` handoffs are elided.
    pub fn new(org: &'a Org, graph: &'a CustomerGraph, limit: usize) -> Self {
        let to_paying = ToPaying::new(org, graph, limit);
        let stops = Stops::new(org, graph, to_paying.search());
        PeopleMap {
            org,
            graph,
            to_paying,
            stops,
        }
    }

    /// Person `i`'s chain.
    fn chain(&self, i: usize) -> Option<Chain> {
        self.to_paying.chain(self.graph, Party::Person(i))
    }

    /// Person `i`'s distance to a paying customer.
    fn distance(&self, i: usize) -> Option<u32> {
        self.to_paying.distance(self.graph, Party::Person(i))
    }

    /// The vacant roles person `i`'s work stops at, and whether there are more.
    fn stopped_at(&self, i: usize) -> (&[usize], bool) {
        self.stops.of(self.graph, Party::Person(i))
    }

    /// Writes the map.
    pub fn write(&self, out: &mut dyn Write, format: Format) -> io::Result<()> {
        match format {
            Format::Text { styled, width } => text::people(self, out, styled, width),
            Format::Json => json::people(self, out),
            Format::Csv => csv::people(self, out),
        }
    }
}

/// Everyone one party serves (downstream) or is served by (upstream).
pub struct PartyMap<'a> {
    org: &'a Org,
    start: Party,
    way: Way,
    depth: Option<u32>,
    parties: Vec<(Party, u32)>,
    chains: Vec<Chain>,
}

impl<'a> PartyMap<'a> {
    /// Walks from `start`; `None` if the start is not in the graph.
    pub fn new(
        org: &'a Org,
        graph: &CustomerGraph,
        start: Party,
        way: Way,
        depth: Option<u32>,
        limit: usize,
    ) -> Option<Self> {
        let reach = Reach::new(graph, start, way, depth)?;
        Some(PartyMap {
            org,
            start,
            way,
            depth,
            parties: reach.parties(graph),
            chains: reach.chains_to_paying(org, graph, limit),
        })
    }

    /// Everyone reached, with their distance, nearest first.
    pub fn parties(&self) -> &[(Party, u32)] {
        &self.parties
    }

    /// Writes the map.
    pub fn write(&self, out: &mut dyn Write, format: Format) -> io::Result<()> {
        match format {
            Format::Text { styled, width } => text::party(self, out, styled, width),
            Format::Json => json::party(self, out),
            Format::Csv => csv::party(self, out),
        }
    }
}

/// The roles of a step, for "as X, to Y" labels.
fn step_roles<'o>(org: &'o Org, step: &Step) -> (Option<&'o str>, Option<&'o str>) {
    let role = |r: usize| org.role(r).map(|role| role.id.as_str());
    (step.as_role.and_then(role), step.to_role.and_then(role))
}
