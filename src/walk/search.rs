//! Breadth-first search over the customer graph, where holding a role costs
//! nothing and a handoff costs one step (a 0-1 BFS, with a double-ended
//! queue). Iterative, linear in the graph, and the same on every run.

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use crate::graph::{CustomerGraph, Edge};
use crate::prefetch;

/// Distance of a node the search did not reach.
pub const UNREACHED: u32 = u32::MAX;

/// In the search, the mark of a node whose distance is final, kept in the
/// same number as its distance: on a million nodes, an array of marks of
/// its own was one more trip to memory per node.
const DONE: u32 = 1 << 31;

/// In the search, the distance of a node not reached yet.
const FAR: u32 = DONE - 1;

/// The result of a search: for every node, its distance from the nearest
/// start and the edge it was reached by.
#[derive(Clone, Debug)]
pub struct Search {
    /// Handoffs from the nearest start, or [`UNREACHED`].
    pub dist: Vec<u32>,
    /// The node each node was reached from, and by which edge; empty
    /// after [`Search::distances`].
    pub parent: Vec<Option<(NodeIndex, Edge)>>,
    /// Nodes in the order their distance became final (nondecreasing distance).
    pub order: Vec<NodeIndex>,
}

impl Search {
    /// Searches from `starts` along edges in `dir` (outgoing: whom they serve;
    /// incoming: who serves them), not beyond `max` handoffs.
    pub fn run(g: &CustomerGraph, starts: &[NodeIndex], dir: Direction, max: Option<u32>) -> Self {
        Self::with(g, starts, dir, max, true)
    }

    /// [`Search::run`] without the parents, for callers that need only
    /// distances and order: on a million people the parents are 45 MB
    /// written at random.
    pub fn distances(g: &CustomerGraph, starts: &[NodeIndex], dir: Direction) -> Self {
        Self::with(g, starts, dir, None, false)
    }

    fn with(
        g: &CustomerGraph,
        starts: &[NodeIndex],
        dir: Direction,
        max: Option<u32>,
        parents: bool,
    ) -> Self {
        let n = g.node_count();
        let max = max.unwrap_or(FAR).min(FAR - 1);
        let mut state = vec![FAR; n];
        let mut parent = if parents { vec![None; n] } else { Vec::new() };
        let mut order = Vec::new();
        let mut queue = VecDeque::new();
        for &s in starts {
            if let Some(d) = state.get_mut(s.index()) {
                *d = 0;
                queue.push_back(s);
            }
        }
        while let Some(u) = queue.pop_front() {
            ask_ahead(g, &queue, dir, &state);
            let Some(seen) = state.get_mut(u.index()) else {
                continue;
            };
            if *seen & DONE != 0 {
                continue;
            }
            *seen |= DONE;
            let du = *seen & !DONE;
            order.push(u);
            for (id, v, cost) in g.neighbours(u, dir) {
                let dv = du.saturating_add(cost);
                let Some(slot) = state.get_mut(v.index()) else {
                    continue;
                };
                // A done node's distance is at most `du`: never lowered.
                if dv >= *slot & !DONE || dv > max {
                    continue;
                }
                *slot = dv;
                if let Some(p) = parent.get_mut(v.index()) {
                    *p = g.edge(id).map(|edge| (u, edge));
                }
                if cost == 0 {
                    queue.push_front(v);
                } else {
                    queue.push_back(v);
                }
            }
        }
        for d in &mut state {
            *d = match *d & !DONE {
                FAR => UNREACHED,
                near => near,
            };
        }
        Search {
            dist: state,
            parent,
            order,
        }
    }

    /// The distance of `n`, or `None` if it was not reached.
    pub fn distance(&self, n: NodeIndex) -> Option<u32> {
        self.dist
            .get(n.index())
            .copied()
            .filter(|&d| d != UNREACHED)
    }
}

/// Asks for what the nodes next in `queue` will read: a far node's row
/// start and state (distance and mark), a nearer one's row, and the states
/// of the next one's neighbours. On a million nodes each is a trip to
/// memory, and asked for in turn, they overlap.
fn ask_ahead(g: &CustomerGraph, queue: &VecDeque<NodeIndex>, dir: Direction, state: &[u32]) {
    if let Some(&w) = queue.get(4) {
        g.prefetch_row_start(w, dir);
        prefetch::at(state, w.index());
    }
    if let Some(&w) = queue.get(2) {
        g.prefetch_row(w, dir);
    }
    if let Some(&w) = queue.front() {
        for (_, v, _) in g.neighbours(w, dir) {
            prefetch::at(state, v.index());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::fixture::loaded;

    /// Each node's fewest handoffs from `starts`, by relaxing every edge
    /// until nothing changes: slow, and no queue or mark to get wrong.
    fn relaxed(g: &CustomerGraph, starts: &[NodeIndex], dir: Direction) -> Vec<u32> {
        let mut dist = vec![UNREACHED; g.node_count()];
        for s in starts {
            dist[s.index()] = 0;
        }
        let mut changed = true;
        while changed {
            changed = false;
            for u in g.node_indices() {
                let du = dist[u.index()];
                if du == UNREACHED {
                    continue;
                }
                for (_, v, cost) in g.neighbours(u, dir) {
                    if du + cost < dist[v.index()] {
                        dist[v.index()] = du + cost;
                        changed = true;
                    }
                }
            }
        }
        dist
    }

    /// On an organisation with loops, roles held by many and people no
    /// chain reaches, both ways and at several limits: the distances are
    /// the relaxed ones (none beyond the limit, no mark left in them), each
    /// reached node comes once in nondecreasing order, and each parent is
    /// a neighbour one edge's cost nearer.
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
            assert!(all.iter().any(|&d| d > 3 && d != UNREACHED));
            for max in [None, Some(0), Some(1), Some(3)] {
                let search = Search::run(&g, starts, dir, max);
                let limit = max.unwrap_or(UNREACHED - 1);
                let expected: Vec<u32> = (all.iter())
                    .map(|&d| if d > limit { UNREACHED } else { d })
                    .collect();
                assert_eq!(search.dist, expected, "{dir:?}, max {max:?}");
                let mut order: Vec<usize> = search.order.iter().map(|n| n.index()).collect();
                let ds: Vec<u32> = order.iter().map(|&i| search.dist[i]).collect();
                assert!(ds.windows(2).all(|w| w[0] <= w[1]));
                order.sort_unstable();
                order.dedup();
                assert_eq!(order.len(), search.order.len());
                assert_eq!(
                    order.len(),
                    expected.iter().filter(|&&d| d != UNREACHED).count()
                );
                for (v, p) in search.parent.iter().enumerate() {
                    let Some((u, edge)) = p else { continue };
                    assert_eq!(search.dist[u.index()] + edge.cost(), search.dist[v]);
                    assert!(g.neighbours(*u, dir).any(|(_, w, _)| w.index() == v));
                }
            }
            assert_eq!(Search::distances(&g, starts, dir).dist, all);
        }
    }
}
