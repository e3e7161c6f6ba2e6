//! Everyone reached from one party: whom they serve (downstream) or who
//! serves them (upstream), each at its fewest handoffs.

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use super::chain::{Chain, ChainTree, Towards, hop};
use super::search::Search;
use crate::graph::CustomerGraph;
use crate::model::{Org, Party};

/// Which way to walk from a party.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// Everyone the party serves, directly and indirectly.
    Downstream,
    /// Everyone who serves the party, directly and indirectly.
    Upstream,
}

impl Way {
    fn direction(self) -> Direction {
        match self {
            Way::Downstream => Direction::Outgoing,
            Way::Upstream => Direction::Incoming,
        }
    }
}

/// Everyone reached from one party, each at its shortest distance.
#[derive(Debug)]
pub struct Reach {
    start: NodeIndex,
    start_party: Party,
    way: Way,
    search: Search,
}

impl Reach {
    /// Walks from `party` (any kind) in `way`, not beyond `depth` handoffs.
    pub fn new(g: &CustomerGraph, party: Party, way: Way, depth: Option<u32>) -> Option<Self> {
        let start = g.node(party, way.direction())?;
        let search = Search::run(g, &[start], way.direction(), depth);
        Some(Reach {
            start,
            start_party: party,
            way,
            search,
        })
    }

    /// Every party reached, with its distance, nearest first, then by kind
    /// and id (indices follow ids): people, vacant roles and external
    /// customers, never the start itself. An occupied role is not a party of
    /// its own here: the work handed to it reaches its holders, who are listed.
    pub fn parties(&self, g: &CustomerGraph) -> Vec<(Party, u32)> {
        let mut found: Vec<(Party, u32)> = self
            .search
            .order
            .iter()
            .filter_map(|&n| {
                let d = self.search.distance(n).filter(|&d| d > 0)?;
                let party = g.party(n)?;
                (party != self.start_party).then_some((party, d))
            })
            .collect();
        found.sort_unstable_by_key(|&(p, d)| (d, p));
        found
    }

    /// Chains from the start to every paying customer reached, by customer
    /// id; none upstream.
    pub fn chains_to_paying(&self, org: &Org, g: &CustomerGraph, limit: usize) -> Vec<Chain> {
        if self.way != Way::Downstream {
            return Vec::new();
        }
        let tree = self.tree(g, limit);
        let mut paying: Vec<(Party, NodeIndex)> = g
            .paying(org)
            .into_iter()
            .filter(|&n| n != self.start && self.search.distance(n).is_some())
            .filter_map(|n| Some((g.party(n)?, n)))
            .collect();
        paying.sort_unstable();
        paying
            .into_iter()
            .map(|(_, n)| tree.chain(self.start_party, n, limit))
            .collect()
    }

    /// The search tree as steps between visible nodes, pointing back to
    /// the start.
    fn tree(&self, g: &CustomerGraph, limit: usize) -> ChainTree {
        let parent = |n: NodeIndex| self.search.parent.get(n.index()).copied().flatten();
        let mut next = vec![None; g.node_count()];
        for &n in &self.search.order {
            if n != self.start && g.party(n).is_some() {
                if let Some(slot) = next.get_mut(n.index()) {
                    *slot = hop(g, n, Some(self.start), Towards::Givers, parent);
                }
            }
        }
        ChainTree::new(&self.search.order, next, Towards::Givers, limit)
    }
}
