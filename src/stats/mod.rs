//! `chain stats`: the shape of an organisation in numbers. Counts, how far
//! people are from the paying customers, the longest chain, the people the
//! others rely on most, roles with no cover, and vacant roles.
//!
//! Everything comes from one walk ([`ToPaying`]) and linear passes over the
//! model, so a 100,000-person file costs about what `chain map` does.

mod csv;
mod json;
mod text;

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::graph::CustomerGraph;
use crate::model::{Org, Party};
use crate::walk::{Chain, ToPaying};

/// How to write the statistics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Aligned text for people, styled when `styled`.
    Text {
        /// Whether to emit ANSI styles.
        styled: bool,
    },
    /// One JSON document.
    Json,
    /// CSV for spreadsheets.
    Csv,
}

/// The plain counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// People.
    pub people: usize,
    /// Distinct `team` values.
    pub teams: usize,
    /// Roles.
    pub roles: usize,
    /// Roles somebody holds.
    pub held_roles: usize,
    /// Roles nobody holds.
    pub vacant_roles: usize,
    /// External customers.
    pub externals: usize,
    /// External customers that pay.
    pub paying: usize,
    /// Handoffs declared, by people and roles.
    pub handoffs: usize,
}

/// The person whose shortest chain to a paying customer is longest.
#[derive(Debug)]
pub struct Longest {
    /// Index of the person (the first by id among equals).
    pub person: usize,
    /// Their whole chain (the text elides its middle past `CHAIN_LIMIT`).
    pub chain: Chain,
}

/// Everything `chain stats` reports about one organisation.
pub struct Stats<'a> {
    org: &'a Org,
    /// The plain counts.
    pub counts: Counts,
    /// People at each distance from the nearest paying customer (distance,
    /// people), nearest first, only distances somebody is at.
    pub distances: Vec<(u32, usize)>,
    /// People whose work reaches no paying customer.
    pub no_route: usize,
    /// The longest of the people's shortest chains, if anyone has a chain.
    pub longest: Option<Longest>,
    /// People by how many others' work runs through them (person, count;
    /// see [`ToPaying::through`]), most first, then by id; only counts
    /// above zero, at most `top` (0: all).
    pub relied_on: Vec<(usize, f64)>,
    /// Roles held by exactly one person (role, person), by role id.
    pub sole_holders: Vec<(usize, usize)>,
    /// Roles nobody holds, by id.
    pub vacant: Vec<usize>,
}

impl<'a> Stats<'a> {
    /// Computes the statistics; `top` bounds the "relied on" list (0: no bound).
    pub fn new(org: &'a Org, graph: &CustomerGraph, top: usize) -> Self {
        // Whole chains: only the longest is ever built, and JSON gives it whole.
        let to_paying = ToPaying::new(org, graph, 0);
        let mut histogram: BTreeMap<u32, usize> = BTreeMap::new();
        let mut no_route = 0;
        let mut farthest: Option<(u32, usize)> = None;
        for i in 0..org.people.len() {
            match to_paying.distance(graph, Party::Person(i)) {
                Some(d) => {
                    *histogram.entry(d).or_default() += 1;
                    // People are in id order: `>` keeps the first id among equals.
                    if farthest.is_none_or(|(best, _)| d > best) {
                        farthest = Some((d, i));
                    }
                }
                None => no_route += 1,
            }
        }
        let longest = farthest.and_then(|(_, person)| {
            let chain = to_paying.chain(graph, Party::Person(person))?;
            Some(Longest { person, chain })
        });
        Stats {
            org,
            counts: counts(org),
            distances: histogram.into_iter().collect(),
            no_route,
            longest,
            relied_on: relied_on(to_paying.through(org, graph), top),
            sole_holders: sole_holders(org),
            vacant: (0..org.roles.len())
                .filter(|&r| org.role(r).is_some_and(|role| role.is_vacant()))
                .collect(),
        }
    }

    /// Writes the statistics.
    pub fn write(&self, out: &mut dyn Write, format: Format) -> io::Result<()> {
        match format {
            Format::Text { styled } => text::write(self, out, styled),
            Format::Json => json::write(self, out),
            Format::Csv => csv::write(self, out),
        }
    }
}

fn counts(org: &Org) -> Counts {
    let teams: std::collections::HashSet<&str> = org
        .people
        .iter()
        .filter_map(|p| p.team.as_deref())
        .collect();
    let vacant_roles = org.roles.iter().filter(|r| r.is_vacant()).count();
    Counts {
        people: org.people.len(),
        teams: teams.len(),
        roles: org.roles.len(),
        held_roles: org.roles.len() - vacant_roles,
        vacant_roles,
        externals: org.externals.len(),
        paying: org.externals.iter().filter(|e| e.pays).count(),
        handoffs: org.people.iter().map(|p| p.hands_to.len()).sum::<usize>()
            + org.roles.iter().map(|r| r.hands_to.len()).sum::<usize>(),
    }
}

/// The people with the highest counts, most first and then by id (indices
/// follow ids), leaving out zeros. Counts are compared as shown (to a
/// thousandth), so equal shares summed in a different order still tie.
fn relied_on(through: Vec<f64>, top: usize) -> Vec<(usize, f64)> {
    let shown = |count: f64| (count * 1000.0).round() as u64;
    let mut people: Vec<(usize, f64)> = through
        .into_iter()
        .enumerate()
        .filter(|&(_, count)| shown(count) > 0)
        .map(|(i, count)| (i, (count * 1000.0).round() / 1000.0))
        .collect();
    people.sort_unstable_by_key(|&(i, count)| (std::cmp::Reverse(shown(count)), i));
    if top > 0 {
        people.truncate(top);
    }
    people
}

fn sole_holders(org: &Org) -> Vec<(usize, usize)> {
    org.roles
        .iter()
        .enumerate()
        .filter_map(|(r, role)| match role.holders.as_slice() {
            [only] => Some((r, *only)),
            _ => None,
        })
        .collect()
}
