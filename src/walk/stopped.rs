//! Where work stops at a vacancy: for each party whose work reaches no
//! paying customer, the vacant roles it is handed to that would carry it on
//! if someone held them.
//!
//! A vacant role "would carry work on" when one of its own handoffs leads
//! to a paying customer, directly or through other such vacancies. Each
//! such vacancy is walked back from, against the work, over the nodes that
//! reach no paying customer, marking each with the vacancy. At most
//! [`SHOWN`] vacancies are kept per node, the first by id, and a node that
//! reaches more says so: a node already full is not walked past, since
//! everyone upstream of it is full too. So the walks stay linear whatever
//! the number of vacancies.

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use super::Search;
use crate::graph::CustomerGraph;
use crate::model::{Org, Party};

/// How many vacancies are named per party.
pub const SHOWN: usize = 5;

/// The vacancies that stop each party's work.
#[derive(Debug, Default)]
pub struct Stops {
    /// Per node: the vacant roles (by index, in id order) its work stops at.
    at: Vec<Vec<usize>>,
    /// Per node: whether its work stops at more vacancies than `at` lists.
    more: Vec<bool>,
}

impl Stops {
    /// Finds where the work of every party without a route stops, from
    /// `to_paying`, the search back from the paying customers.
    pub fn new(org: &Org, g: &CustomerGraph, to_paying: &Search) -> Self {
        let unreached = |n: NodeIndex| to_paying.distance(n).is_none();
        let mut stops = Stops {
            at: vec![Vec::new(); g.node_count()],
            more: vec![false; g.node_count()],
        };
        for role in blocking(org, g, to_paying) {
            if let Some(start) = g.incoming(Party::Role(role)) {
                stops.walk_back(g, start, role, &unreached);
            }
        }
        stops.spread_more(g, &unreached);
        stops
    }

    /// Marks `role` on every node that reaches `start` through nodes that
    /// reach no paying customer, not walking past nodes already full.
    fn walk_back(
        &mut self,
        g: &CustomerGraph,
        start: NodeIndex,
        role: usize,
        unreached: &impl Fn(NodeIndex) -> bool,
    ) {
        let mut queue = VecDeque::from([start]);
        let mut seen = std::collections::HashSet::from([start]);
        while let Some(n) = queue.pop_front() {
            let Some(at) = self.at.get_mut(n.index()) else {
                continue;
            };
            if at.len() >= SHOWN {
                if let Some(more) = self.more.get_mut(n.index()) {
                    *more = true;
                }
                continue;
            }
            at.push(role);
            for (_, m, _) in g.edges(n, Direction::Incoming) {
                if unreached(m) && seen.insert(m) {
                    queue.push_back(m);
                }
            }
        }
    }

    /// Everyone upstream of a node with more vacancies than it lists has
    /// more too.
    fn spread_more(&mut self, g: &CustomerGraph, unreached: &impl Fn(NodeIndex) -> bool) {
        let mut queue: VecDeque<NodeIndex> = g
            .node_indices()
            .filter(|n| self.more.get(n.index()) == Some(&true))
            .collect();
        while let Some(n) = queue.pop_front() {
            for (_, m, _) in g.edges(n, Direction::Incoming) {
                if let Some(more) = self.more.get_mut(m.index()) {
                    if unreached(m) && !*more {
                        *more = true;
                        queue.push_back(m);
                    }
                }
            }
        }
    }

    /// The vacant roles `party`'s work stops at (by index, in id order, at
    /// most [`SHOWN`]), and whether it stops at more.
    pub fn of(&self, g: &CustomerGraph, party: Party) -> (&[usize], bool) {
        let Some(n) = g.outgoing(party) else {
            return (&[], false);
        };
        let at = self.at.get(n.index()).map_or(&[][..], Vec::as_slice);
        (at, self.more.get(n.index()) == Some(&true))
    }
}

/// The vacant roles that would carry work on to a paying customer if they
/// were held, in id order.
fn blocking(org: &Org, g: &CustomerGraph, to_paying: &Search) -> Vec<usize> {
    let vacant = |party: Party| match party {
        Party::Role(r) => org.role(r).filter(|role| role.is_vacant()).map(|_| r),
        _ => None,
    };
    let reaches = |party: Party| {
        let n = g.incoming(party);
        n.and_then(|n| to_paying.distance(n)).is_some()
    };
    let mut carries = vec![false; org.roles.len()];
    // Vacancies handed work by each vacancy, turned round.
    let mut handed_by: Vec<Vec<usize>> = vec![Vec::new(); org.roles.len()];
    let mut queue = VecDeque::new();
    for (r, role) in org.roles.iter().enumerate().filter(|(_, r)| r.is_vacant()) {
        for h in &role.hands_to {
            match vacant(h.to) {
                Some(w) => handed_by
                    .get_mut(w)
                    .into_iter()
                    .for_each(|list| list.push(r)),
                None if reaches(h.to) => queue.push_back(r),
                None => {}
            }
        }
    }
    while let Some(r) = queue.pop_front() {
        let Some(slot) = carries.get_mut(r) else {
            continue;
        };
        if std::mem::replace(slot, true) {
            continue;
        }
        queue.extend(handed_by.get(r).into_iter().flatten());
    }
    (0..org.roles.len())
        .filter(|&r| carries.get(r) == Some(&true))
        .collect()
}
