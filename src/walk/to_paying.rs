//! Every party's fewest handoffs to a paying customer, and one such chain.
//!
//! Ties between equally short chains go to the next party whose id sorts
//! first, step by step, so the chain is the same on every run.

use std::cmp::Ordering;

use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};

use super::chain::{Chain, ChainTree, Towards, hop};
use super::search::Search;
use crate::graph::{CustomerGraph, Edge, Node};
use crate::model::{Org, Party};

/// Every party's distance and chain to the paying customers.
#[derive(Debug)]
pub struct ToPaying {
    search: Search,
    tree: ChainTree,
    limit: usize,
}

impl ToPaying {
    /// Computes distances and chains; chains longer than `limit` handoffs
    /// (0: no limit) are shown with their middle elided.
    pub fn new(org: &Org, g: &CustomerGraph, limit: usize) -> Self {
        let search = Search::run(g, &g.paying(org), Direction::Incoming, None);
        let best = best_next(org, g, &search);
        let pointer = |n: NodeIndex| best.get(n.index()).copied().flatten();
        let next = g
            .node_indices()
            .map(|n| {
                g.party(n)?;
                hop(g, n, None, Towards::Customers, pointer)
            })
            .collect();
        let tree = ChainTree::new(&search.order, next, Towards::Customers, limit);
        ToPaying {
            search,
            tree,
            limit,
        }
    }

    /// The search back from the paying customers: every node's distance.
    pub fn search(&self) -> &Search {
        &self.search
    }

    /// The fewest handoffs from `party` to a paying customer.
    pub fn distance(&self, g: &CustomerGraph, party: Party) -> Option<u32> {
        self.search.distance(g.outgoing(party)?)
    }

    /// A shortest chain from `party` to a paying customer; `None` when there
    /// is none, or for an occupied role (its holders have chains, it has not).
    pub fn chain(&self, g: &CustomerGraph, party: Party) -> Option<Chain> {
        let n = g.outgoing(party)?;
        g.party(n)?;
        self.search.distance(n)?;
        Some(self.tree.chain(party, n, self.limit))
    }
}

/// For every node, the edge to follow towards the nearest paying customer:
/// among the edges that keep to a shortest path, the one whose next visible
/// party has the smallest id.
fn best_next(org: &Org, g: &CustomerGraph, search: &Search) -> Vec<Option<(NodeIndex, Edge)>> {
    let mut best = vec![None; g.node_count()];
    // The next visible node behind each node: itself when visible.
    let mut first: Vec<NodeIndex> = g.node_indices().collect();
    // A hidden node's choice depends only on nodes of earlier passes: role
    // in-nodes lead to people; role out-nodes to people, vacant roles,
    // external customers or role in-nodes; visible nodes to any of those.
    let passes: [fn(Node) -> bool; 3] = [
        |k| matches!(k, Node::RoleIn(_)),
        |k| matches!(k, Node::RoleOut(_)),
        |k| k.party().is_some(),
    ];
    for in_pass in passes {
        for n in g.node_indices() {
            let Some(kind) = g.kind(n).filter(|&k| in_pass(k)) else {
                continue;
            };
            let Some((v, edge)) = choose(org, g, search, &first, n) else {
                continue;
            };
            if let Some(slot) = best.get_mut(n.index()) {
                *slot = g.edge(edge).map(|e| (v, e));
            }
            if kind.party().is_none() {
                let behind = first.get(v.index()).copied().unwrap_or(v);
                if let Some(slot) = first.get_mut(n.index()) {
                    *slot = behind;
                }
            }
        }
    }
    best
}

/// The edge out of `n` that stays on a shortest path and leads to the
/// smallest next id.
fn choose(
    org: &Org,
    g: &CustomerGraph,
    search: &Search,
    first: &[NodeIndex],
    n: NodeIndex,
) -> Option<(NodeIndex, EdgeIndex)> {
    let d = search.distance(n).filter(|&d| d > 0)?;
    // The party seen behind each candidate (`None`: no id at all).
    let seen = |m: NodeIndex| g.party(first.get(m.index()).copied().unwrap_or(m));
    let mut best: Option<(NodeIndex, EdgeIndex, Option<Party>)> = None;
    for (id, v, edge) in g.edges(n, Direction::Outgoing) {
        if search.distance(v).map(|dv| dv + edge.cost()) != Some(d) {
            continue;
        }
        let party = seen(v);
        if best.is_none_or(|(_, _, b)| id_order(org, party, b).is_lt()) {
            best = Some((v, id, party));
        }
    }
    best.map(|(v, id, _)| (v, id))
}

/// How the ids of two parties compare (`None`: no id, before every id).
fn id_order(org: &Org, a: Option<Party>, b: Option<Party>) -> Ordering {
    let id = |p: Option<Party>| p.map_or("", |p| org.id(p));
    id(a).cmp(id(b))
}
