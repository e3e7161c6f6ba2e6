//! Compact adjacency lists for the check algorithms: every node's
//! successors in one contiguous array (compressed sparse rows), so the
//! iterative walks over 100,000-person graphs stay cache-friendly and
//! allocate once.

use crate::graph::Grouping;

/// Marks "no node" in the `u32` arrays of the algorithms.
pub const NONE: u32 = u32::MAX;

/// The successors of every node `0..len`, each with the index of the edge
/// it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Adjacency {
    /// `targets[start[v]..start[v + 1]]` are the successors of `v`.
    start: Vec<u32>,
    targets: Vec<u32>,
    /// For each entry of `targets`: its edge's index in the input.
    ids: Vec<u32>,
}

impl Adjacency {
    /// The adjacency of `len` nodes with `edges` (from, to). The successors of
    /// each node keep the order their edges come in; edges naming a node
    /// outside `0..len` are left out.
    pub fn new(len: usize, edges: &[(u32, u32)]) -> Self {
        let fits = |&(_, &(u, v)): &(usize, &(u32, u32))| (u as usize) < len && (v as usize) < len;
        let edges = edges.iter().enumerate().filter(fits);
        let mut rows = Grouping::count(len, edges.clone().map(|(_, &(u, _))| u));
        let mut targets = vec![0u32; rows.total()];
        let mut ids = vec![0u32; rows.total()];
        // Places come from the end of each row: walking the edges in
        // reverse keeps their order.
        for (id, &(u, v)) in edges.rev() {
            if let Some(slot) = rows.slot(u) {
                set(&mut targets, slot as u32, v);
                set(&mut ids, slot as u32, id as u32);
            }
        }
        Adjacency {
            start: rows.starts(),
            targets,
            ids,
        }
    }

    /// The adjacency of `len` nodes whose row `v` is `row(v)`: (successor,
    /// edge index) pairs, in order, successors outside `0..len` left out.
    /// Laid out row after row, each read once and in turn, where
    /// [`Adjacency::new`] puts every edge in a place of its own (on a
    /// million people, a trip to memory each). `edges` is how many there
    /// are, to allocate once.
    pub fn from_rows<R>(len: usize, edges: usize, row: impl Fn(u32) -> R) -> Self
    where
        R: Iterator<Item = (u32, u32)>,
    {
        let mut start = Vec::with_capacity(len + 1);
        let mut targets = Vec::with_capacity(edges);
        let mut ids = Vec::with_capacity(edges);
        start.push(0);
        for v in 0..len as u32 {
            for (to, id) in row(v).filter(|&(to, _)| (to as usize) < len) {
                targets.push(to);
                ids.push(id);
            }
            start.push(targets.len() as u32);
        }
        Adjacency {
            start,
            targets,
            ids,
        }
    }

    /// The number of edges.
    pub fn edge_count(&self) -> usize {
        self.targets.len()
    }

    /// The number of nodes.
    pub fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    /// The range of `targets` holding the successors of `v`.
    fn row(&self, v: u32) -> std::ops::Range<usize> {
        let v = v as usize;
        match (self.start.get(v), self.start.get(v + 1)) {
            (Some(&from), Some(&to)) => from as usize..to as usize,
            _ => 0..0,
        }
    }

    /// Asks for where the successors of `v` start: the first read of
    /// [`Adjacency::successors`], asked for some nodes before.
    pub fn prefetch_start(&self, v: u32) {
        crate::prefetch::at(&self.start, v as usize);
    }

    /// Asks for what a walk reads at the nodes it comes to next, where
    /// `ahead(k)` is the node `k` steps on: where the successors of the
    /// node eight on start, those of the node four on, and `marks` of the
    /// successors of the node two on. Each read needs the one before and
    /// is a trip to memory on a million nodes, so they are asked for nodes
    /// apart.
    pub fn ask_ahead<T>(&self, ahead: impl Fn(u32) -> Option<u32>, marks: &[T]) {
        if let Some(v) = ahead(8) {
            self.prefetch_start(v);
        }
        if let Some(v) = ahead(4) {
            crate::prefetch::first(self.successors(v));
        }
        if let Some(v) = ahead(2) {
            for &s in self.successors(v) {
                crate::prefetch::at(marks, s as usize);
            }
        }
    }

    /// Asks for what a depth-first walk reads at the successors of `v` it
    /// comes to next, from the one at `pos`: the mark and where the
    /// successors start of the one eight on, and the successors of the one
    /// four on. Most of a long row's successors (a role's thousands of
    /// holders) are each a short visit, so the walk is back in the row soon.
    pub fn ask_along<T>(&self, v: u32, pos: usize, marks: &[T]) {
        let row = self.successors(v);
        if let Some(&s) = row.get(pos + 8) {
            self.ask_node(s, marks);
        }
        if let Some(&s) = row.get(pos + 4) {
            crate::prefetch::first(self.successors(s));
        }
    }

    /// Asks for the mark and where the successors start of each of the
    /// first `most` successors of `v`: what a depth-first walk reads when
    /// it has just come to `v`.
    pub fn ask_successors<T>(&self, v: u32, most: usize, marks: &[T]) {
        for &s in self.successors(v).iter().take(most) {
            self.ask_node(s, marks);
        }
    }

    /// Asks for `v`'s mark and where its successors start.
    fn ask_node<T>(&self, v: u32, marks: &[T]) {
        self.prefetch_start(v);
        crate::prefetch::at(marks, v as usize);
    }

    /// The successors of `v`, empty for a node out of range.
    pub fn successors(&self, v: u32) -> &[u32] {
        self.targets.get(self.row(v)).unwrap_or(&[])
    }

    /// Whether each node is reached from `root` (the root included): a
    /// breadth-first walk that asks for what it will read some nodes
    /// ahead along its queue (where a node's successors start, the
    /// successors, and whether they were reached), since on a million
    /// nodes each is a trip to memory.
    pub fn reached_from(&self, root: u32) -> Vec<bool> {
        let mut seen = vec![false; self.len()];
        let Some(first) = seen.get_mut(root as usize) else {
            return seen;
        };
        *first = true;
        let mut queue = vec![root];
        let mut next = 0;
        while let Some(&v) = queue.get(next) {
            let ahead = |k: u32| queue.get(next + k as usize).copied();
            self.ask_ahead(ahead, &seen);
            next += 1;
            for &s in self.successors(v) {
                if let Some(mark) = seen.get_mut(s as usize).filter(|m| !**m) {
                    *mark = true;
                    queue.push(s);
                }
            }
        }
        seen
    }

    /// The successors of `v` with the index of the edge to each.
    pub fn edges_from(&self, v: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        let row = self.row(v);
        let targets = self.targets.get(row.clone()).unwrap_or(&[]);
        let ids = self.ids.get(row).unwrap_or(&[]);
        targets.iter().copied().zip(ids.iter().copied())
    }

    /// The same nodes with every edge turned round; edge indices are kept
    /// (the tests' way round).
    #[cfg(test)]
    pub fn reversed(&self) -> Self {
        // Indexed by edge index, so the reversed adjacency keeps them; the
        // indices of edges left out of this one stay out-of-range fillers.
        let count = self.ids.iter().max().map_or(0, |&m| m as usize + 1);
        let mut edges = vec![(NONE, NONE); count];
        for u in 0..self.len() as u32 {
            for (v, id) in self.edges_from(u) {
                if let Some(slot) = edges.get_mut(id as usize) {
                    *slot = (v, u);
                }
            }
        }
        Adjacency::new(self.len(), &edges)
    }
}

/// The value at `i`, or [`NONE`] when `i` is out of range.
pub fn at(values: &[u32], i: u32) -> u32 {
    values.get(i as usize).copied().unwrap_or(NONE)
}

/// Sets the value at `i`, if `i` is in range.
pub fn set(values: &mut [u32], i: u32, value: u32) {
    if let Some(slot) = values.get_mut(i as usize) {
        *slot = value;
    }
}

/// Random graphs for the property tests of the algorithms.
#[cfg(test)]
pub fn graphs(
    max_nodes: u32,
    max_edges: usize,
) -> impl proptest::strategy::Strategy<Value = Adjacency> {
    use proptest::prelude::*;
    (1..=max_nodes).prop_flat_map(move |n| {
        prop::collection::vec((0..n, 0..n), 0..=max_edges)
            .prop_map(move |edges| Adjacency::new(n as usize, &edges))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Successors keep the order of the edges; reversing turns every edge round.
    #[test]
    fn rows_and_reverse() {
        let g = Adjacency::new(4, &[(0, 2), (1, 3), (0, 1), (2, 0), (9, 0)]);
        assert_eq!(g.successors(0), &[2, 1]);
        assert_eq!(g.successors(1), &[3]);
        assert_eq!(g.successors(3), &[] as &[u32]);
        assert_eq!(g.successors(7), &[] as &[u32]);
        let ids: Vec<(u32, u32)> = g.edges_from(0).collect();
        assert_eq!(ids, [(2, 0), (1, 2)]);
        let r = g.reversed();
        assert_eq!(r.edges_from(1).collect::<Vec<_>>(), [(0, 2)]);
        assert_eq!(r.successors(0), &[2]);
        assert_eq!(r.successors(1), &[0]);
        assert_eq!(r.successors(2), &[0]);
        assert_eq!(r.successors(3), &[1]);
    }

    proptest::proptest! {
        /// Laid out from its own rows, an adjacency is itself.
        #[test]
        fn from_its_rows_is_itself(g in graphs(20, 60)) {
            let edges = (0..g.len() as u32).map(|v| g.successors(v).len()).sum();
            let copy = Adjacency::from_rows(g.len(), edges, |v| g.edges_from(v));
            proptest::prop_assert_eq!(copy, g);
        }

        /// A node is reached from a root exactly when a path of edges leads
        /// there (found here by repeating "one more edge" until nothing
        /// changes); a root out of range reaches nothing.
        #[test]
        fn reached_from_follows_paths(g in graphs(30, 80), root in 0u32..32) {
            let mut reached = vec![false; g.len()];
            if let Some(r) = reached.get_mut(root as usize) {
                *r = true;
            }
            let mut changed = true;
            while changed {
                changed = false;
                for u in 0..g.len() as u32 {
                    for &v in g.successors(u) {
                        if reached[u as usize] && !reached[v as usize] {
                            reached[v as usize] = true;
                            changed = true;
                        }
                    }
                }
            }
            proptest::prop_assert_eq!(g.reached_from(root), reached);
        }
    }
}
