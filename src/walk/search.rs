//! Breadth-first search over the customer graph, where holding a role costs
//! nothing and a handoff costs one step (a 0-1 BFS, with a double-ended
//! queue). Iterative, linear in the graph, and the same on every run.

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use crate::graph::{CustomerGraph, Edge};

/// The result of a search: for every node, its distance from the nearest
/// start and the edge it was reached by.
#[derive(Clone, Debug)]
pub struct Search {
    /// Handoffs from the nearest start; `None` for nodes not reached.
    pub dist: Vec<Option<u32>>,
    /// The node each node was reached from, and by which edge.
    pub parent: Vec<Option<(NodeIndex, Edge)>>,
    /// Nodes in the order their distance became final (nondecreasing distance).
    pub order: Vec<NodeIndex>,
}

impl Search {
    /// Searches from `starts` along edges in `dir` (outgoing: whom they serve;
    /// incoming: who serves them), not beyond `max` handoffs.
    pub fn run(g: &CustomerGraph, starts: &[NodeIndex], dir: Direction, max: Option<u32>) -> Self {
        let n = g.node_count();
        let max = max.unwrap_or(u32::MAX);
        let mut search = Search {
            dist: vec![None; n],
            parent: vec![None; n],
            order: Vec::new(),
        };
        let mut done = vec![false; n];
        let mut queue = VecDeque::new();
        for &s in starts {
            if let Some(d) = search.dist.get_mut(s.index()) {
                *d = Some(0);
                queue.push_back(s);
            }
        }
        while let Some(u) = queue.pop_front() {
            let (Some(seen), Some(du)) = (done.get_mut(u.index()), search.distance(u)) else {
                continue;
            };
            if std::mem::replace(seen, true) {
                continue;
            }
            search.order.push(u);
            for (_, v, edge) in g.edges(u, dir) {
                let dv = du.saturating_add(edge.cost());
                // A node done already is at most `du` away: never lowered.
                if dv > max || search.distance(v).is_some_and(|d| d <= dv) {
                    continue;
                }
                if let (Some(d), Some(p)) = (
                    search.dist.get_mut(v.index()),
                    search.parent.get_mut(v.index()),
                ) {
                    *d = Some(dv);
                    *p = Some((u, edge));
                }
                if edge.cost() == 0 {
                    queue.push_front(v);
                } else {
                    queue.push_back(v);
                }
            }
        }
        search
    }

    /// The distance of `n`, or `None` if it was not reached.
    pub fn distance(&self, n: NodeIndex) -> Option<u32> {
        self.dist.get(n.index()).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::walk::fixture::loaded;

    /// Each node's fewest handoffs from `starts`, by relaxing every edge
    /// until nothing changes: slow, and no queue or mark to get wrong.
    fn relaxed(g: &CustomerGraph, starts: &[NodeIndex], dir: Direction) -> Vec<Option<u32>> {
        let mut dist = vec![None; g.node_count()];
        for s in starts {
            dist[s.index()] = Some(0);
        }
        let mut changed = true;
        while changed {
            changed = false;
            for u in g.node_indices() {
                let Some(du) = dist[u.index()] else { continue };
                for (_, v, edge) in g.edges(u, dir) {
                    if dist[v.index()].is_none_or(|dv| du + edge.cost() < dv) {
                        dist[v.index()] = Some(du + edge.cost());
                        changed = true;
                    }
                }
            }
        }
        dist
    }

    /// On an organisation with loops, roles held by many and people no
    /// chain reaches, both ways and at several limits: the distances are
    /// the relaxed ones (none beyond the limit), each reached node comes
    /// once in nondecreasing order, and each parent is a neighbour one
    /// edge's cost nearer.
    #[test]
    fn distances_are_the_fewest_handoffs() {
        let loaded = loaded();
        let g = CustomerGraph::build(&loaded.org);
        let paying = g.paying(&loaded.org);
        let someone = [g.node_indices().nth(40).unwrap()];
        for (starts, dir) in [
            (&paying[..], Direction::Incoming),
            (&someone[..], Direction::Outgoing),
        ] {
            let all = relaxed(&g, starts, dir);
            assert!(all.iter().any(|&d| d.is_some_and(|d| d > 3)));
            for max in [None, Some(0), Some(1), Some(3)] {
                let search = Search::run(&g, starts, dir, max);
                let limit = max.unwrap_or(u32::MAX);
                let expected: Vec<Option<u32>> =
                    all.iter().map(|&d| d.filter(|&d| d <= limit)).collect();
                assert_eq!(search.dist, expected, "{dir:?}, max {max:?}");
                let mut order: Vec<usize> = search.order.iter().map(|n| n.index()).collect();
                let ds: Vec<u32> = order.iter().map(|&i| search.dist[i].unwrap()).collect();
                assert!(ds.windows(2).all(|w| w[0] <= w[1]));
                order.sort_unstable();
                order.dedup();
                assert_eq!(order.len(), search.order.len());
                assert_eq!(order.len(), expected.iter().flatten().count());
                for (v, p) in search.parent.iter().enumerate() {
                    let Some((u, edge)) = p else { continue };
                    let du = search.dist[u.index()].unwrap();
                    assert_eq!(Some(du + edge.cost()), search.dist[v]);
                    assert!(g.edges(*u, dir).any(|(_, w, _)| w.index() == v));
                }
            }
        }
    }
}
