//! The edges of a picture: every declared handoff between the nodes its
//! giver and receiver are drawn at, counted before any is made, then
//! merged per pair of nodes with what they carry and their notes.

use std::collections::HashSet;

use super::build::NONE;
use super::chosen::Only;
use super::nodes::Layout;
use super::{Edge, Note};
use crate::model::{Handoff, Org, Party, What};

/// One declared handoff, with the drawn nodes it goes from and to.
struct Drawn<'o> {
    from: &'o [u32],
    to: &'o [u32],
    declared_by: Party,
    index: usize,
    handoff: &'o Handoff,
}

/// For every party: the numbers of the drawn nodes its work leaves from
/// (and work handed to it arrives at), stored flat.
pub(super) struct Images {
    /// Where each party's list starts in `nodes`; one more entry at the end.
    start: Vec<usize>,
    nodes: Vec<u32>,
}

impl Images {
    pub fn new(org: &Org, layout: &Layout<'_>, number: &[u32]) -> Self {
        let mut start = Vec::with_capacity(org.party_count() + 1);
        let mut nodes = Vec::new();
        let mut homes = Vec::new();
        for party in org.parties() {
            start.push(nodes.len());
            layout.image(party, &mut homes);
            nodes.extend(
                homes
                    .iter()
                    .map(|&h| number.get(layout.slot(h)).copied().unwrap_or(NONE))
                    .filter(|&n| n != NONE),
            );
        }
        start.push(nodes.len());
        Images { start, nodes }
    }

    /// The drawn nodes of `party`.
    fn get(&self, org: &Org, party: Party) -> &[u32] {
        let i = org.number(party);
        let (Some(&a), Some(&b)) = (self.start.get(i), self.start.get(i + 1)) else {
            return &[];
        };
        self.nodes.get(a..b).unwrap_or(&[])
    }

    /// Every declared handoff drawn (only those of `only`, if given), with
    /// the drawn nodes it goes from and to.
    fn handoffs<'o>(
        &'o self,
        org: &'o Org,
        only: Option<&'o Only>,
    ) -> impl Iterator<Item = Drawn<'o>> + 'o {
        let givers = (0..org.people.len())
            .map(Party::Person)
            .chain((0..org.roles.len()).map(Party::Role));
        givers.flat_map(move |from| {
            org.hands_to(from)
                .iter()
                .enumerate()
                .filter(move |&(i, _)| only.is_none_or(|o| o.binary_search(&(from, i)).is_ok()))
                .map(move |(index, handoff)| Drawn {
                    from: self.get(org, from),
                    to: self.get(org, handoff.to),
                    declared_by: from,
                    index,
                    handoff,
                })
        })
    }

    /// How many edges the picture would have at most, without making them.
    pub fn count(&self, org: &Org, only: Option<&Only>) -> u64 {
        self.handoffs(org, only).fold(0u64, |sum, d| {
            let pairs = (d.from.len() as u64).saturating_mul(d.to.len() as u64);
            sum.saturating_add(pairs)
        })
    }

    /// The edges: every handoff multiplied out, work that stays inside one
    /// node left out, and handoffs between the same two nodes merged.
    pub fn edges<'o>(&self, org: &'o Org, only: Option<&Only>) -> Vec<Edge<'o>> {
        // (from, to, what, declared by, position), in declaration order.
        let mut pairs: Vec<(u32, u32, u8, Party, usize)> = Vec::new();
        for d in self.handoffs(org, only) {
            let bit = d.handoff.what.map_or(0, what_bit);
            for &a in d.from {
                let ends = d.to.iter().filter(|&&b| b != a);
                pairs.extend(ends.map(|&b| (a, b, bit, d.declared_by, d.index)));
            }
        }
        // Stable: each edge's handoffs stay in declaration order.
        pairs.sort_by_key(|p| (p.0, p.1));
        pairs
            .chunk_by(|x, y| (x.0, x.1) == (y.0, y.1))
            .filter_map(|run| {
                let &(from, to, ..) = run.first()?;
                let handoffs = run.iter().filter_map(|p| org.hands_to(p.3).get(p.4));
                Some(Edge {
                    from: from as usize,
                    to: to as usize,
                    what: whats(run.iter().fold(0, |bits, p| bits | p.2)),
                    handoffs: run.len(),
                    backward: false,
                    dormant: false,
                    notes: notes(handoffs),
                })
            })
            .collect()
    }
}

/// The notes of `handoffs`, in order, without repeats.
fn notes<'o>(handoffs: impl Iterator<Item = &'o Handoff>) -> Vec<Note<'o>> {
    let mut seen = HashSet::new();
    handoffs
        .filter_map(|h| {
            Some(Note {
                what: h.what,
                text: h.note.as_deref()?,
            })
        })
        .filter(|n| seen.insert(*n))
        .collect()
}

/// One bit per kind of work.
fn what_bit(what: What) -> u8 {
    let i = What::ALL.iter().position(|&w| w == what).unwrap_or(0);
    1 << i
}

/// The kinds of work in `bits`, in documentation order.
fn whats(bits: u8) -> Vec<What> {
    What::ALL
        .iter()
        .copied()
        .filter(|&w| bits & what_bit(w) != 0)
        .collect()
}
