//! Compressed rows: every node's edges in one direction side by side in one
//! array, so a walk reads a node's edges from one place. petgraph's `Graph`
//! keeps them as linked lists threaded through the whole edge array, and on
//! a million people following them made nearly every edge a cache miss.

/// One edge in a node's row: the node at the other end, the edge's index,
/// and whether it costs a handoff (the top bit), so that a search never
/// reads the edge itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    other: u32,
    edge: u32,
}

/// The bit of [`Entry::edge`] set for an edge that costs a handoff.
const COSTS: u32 = 1 << 31;

/// The most edges rows can hold: edge indices below [`COSTS`].
pub const MAX_EDGES: usize = COSTS as usize;

impl Entry {
    /// The node at the other end.
    pub fn other(self) -> u32 {
        self.other
    }

    /// The edge's index.
    pub fn edge(self) -> u32 {
        self.edge & !COSTS
    }

    /// Handoffs the edge counts for: 1 or 0.
    pub fn cost(self) -> u32 {
        self.edge >> 31
    }
}

/// The rows of nodes `0..len`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rows {
    /// `entries[start[v]..start[v + 1]]` is the row of `v`.
    start: Vec<u32>,
    entries: Vec<Entry>,
}

impl Rows {
    /// The rows of `len` nodes for `edges` (from, to, costs a handoff), the
    /// edge index being the position. Each row lists the newest edge first,
    /// the order petgraph's `Graph` lists a node's edges in, which the walks
    /// break ties by. Edges naming a node outside `0..len`, or past the
    /// [`MAX_EDGES`]th, are left out.
    pub fn new<I>(len: usize, edges: I) -> Self
    where
        I: Iterator<Item = (u32, u32, bool)> + Clone,
    {
        let fits = move |&(_, (u, v, _)): &(usize, (u32, u32, bool))| {
            (u as usize) < len && (v as usize) < len
        };
        let edges = edges.take(MAX_EDGES).enumerate().filter(fits);
        let entry = |(id, (_, v, costs)): (usize, (u32, u32, bool))| Entry {
            other: v,
            edge: id as u32 | if costs { COSTS } else { 0 },
        };
        // A row lists its edges in reverse: the newest first.
        let (start, entries) = Grouping::lay_out(len, edges, |&(_, (u, _, _))| u, entry);
        Rows { start, entries }
    }

    /// Asks for where row `v` starts: the first read of a row.
    pub fn prefetch_start(&self, v: u32) {
        crate::prefetch::at(&self.start, v as usize);
    }

    /// Asks for row `v`'s first entries: the second read, once the start
    /// has come.
    pub fn prefetch_row(&self, v: u32) {
        crate::prefetch::first(self.row(v));
    }

    /// The row of `v`, empty for a node out of range.
    pub fn row(&self, v: u32) -> &[Entry] {
        let v = v as usize;
        match (self.start.get(v), self.start.get(v + 1)) {
            (Some(&from), Some(&to)) => self.entries.get(from as usize..to as usize),
            _ => None,
        }
        .unwrap_or(&[])
    }
}

/// Items laid out by row in one array (compressed sparse rows), rows
/// `0..len`: counts each row's items, then hands out their places. Both
/// the graph's rows and the check's adjacency are laid out with it.
#[derive(Debug)]
pub(crate) struct Grouping {
    /// While places are handed out, where the unfilled part of each row
    /// ends; once all are, where each row starts; last, the total.
    start: Vec<u32>,
}

impl Grouping {
    /// Counts the items of each row (`rows`: the row of each item); a row
    /// outside `0..len` is not counted.
    pub(crate) fn count(len: usize, rows: impl Iterator<Item = u32>) -> Self {
        let mut start = vec![0u32; len + 1];
        for u in rows.filter(|&u| (u as usize) < len) {
            if let Some(count) = start.get_mut(u as usize) {
                *count += 1;
            }
        }
        let mut total = 0u32;
        for slot in &mut start {
            total += *slot;
            *slot = total;
        }
        Grouping { start }
    }

    /// How many items were counted.
    pub(crate) fn total(&self) -> usize {
        self.start.last().map_or(0, |&t| t as usize)
    }

    /// The place of the next item of row `u` (`None` for a row outside
    /// `0..len`). Each row is filled from its end, so its items come out in
    /// the reverse of the order they are placed in. Place exactly the items
    /// counted.
    pub(crate) fn slot(&mut self, u: u32) -> Option<usize> {
        let u = u as usize;
        let rows = self.start.len().saturating_sub(1);
        let end = self.start.get_mut(u).filter(|_| u < rows)?;
        *end = end.checked_sub(1)?;
        Some(*end as usize)
    }

    /// Where each row starts, once every counted item has its place: row
    /// `v` is `start[v]..start[v + 1]`.
    pub(crate) fn starts(self) -> Vec<u32> {
        self.start
    }

    /// `items` laid out by row (`row` of each, in `0..len`; an item in no
    /// row is left out), each as `value` makes it: where each row starts,
    /// and the rows side by side. A row lists its items in the reverse of
    /// the order they come in.
    pub(crate) fn lay_out<I, T>(
        len: usize,
        items: impl Iterator<Item = I> + Clone,
        row: impl Fn(&I) -> u32,
        value: impl Fn(I) -> T,
    ) -> (Vec<u32>, Vec<T>)
    where
        T: Clone + Default,
    {
        let mut rows = Grouping::count(len, items.clone().map(|item| row(&item)));
        let mut laid = vec![T::default(); rows.total()];
        for item in items {
            if let Some(slot) = rows.slot(row(&item)).and_then(|i| laid.get_mut(i)) {
                *slot = value(item);
            }
        }
        (rows.starts(), laid)
    }
}

#[cfg(test)]
mod tests {
    use petgraph::Direction;
    use petgraph::graph::{DiGraph, NodeIndex};
    use petgraph::visit::EdgeRef;
    use proptest::prelude::*;

    use super::*;

    fn rows_both_ways(len: usize, edges: &[(u32, u32)]) -> (Rows, Rows) {
        let costs = |i: usize| i % 3 == 0;
        let out = edges
            .iter()
            .enumerate()
            .map(|(i, &(u, v))| (u, v, costs(i)));
        let into = edges
            .iter()
            .enumerate()
            .map(|(i, &(u, v))| (v, u, costs(i)));
        (Rows::new(len, out), Rows::new(len, into))
    }

    proptest! {
        /// Every row lists the same edges in the same order as petgraph's
        /// `Graph`, both ways, self-loops and repeated edges included.
        #[test]
        fn rows_follow_petgraph(
            len in 1usize..12,
            edges in prop::collection::vec((0u32..12, 0u32..12), 0..60),
        ) {
            let edges: Vec<(u32, u32)> = edges
                .into_iter()
                .map(|(u, v)| (u % len as u32, v % len as u32))
                .collect();
            let mut g = DiGraph::<(), usize, u32>::new();
            for _ in 0..len {
                g.add_node(());
            }
            for (i, &(u, v)) in edges.iter().enumerate() {
                g.add_edge(NodeIndex::new(u as usize), NodeIndex::new(v as usize), i);
            }
            let (out, into) = rows_both_ways(len, &edges);
            for n in g.node_indices() {
                for (dir, rows) in [(Direction::Outgoing, &out), (Direction::Incoming, &into)] {
                    let want: Vec<(u32, u32)> = g
                        .edges_directed(n, dir)
                        .map(|e| {
                            let other = if dir == Direction::Outgoing { e.target() } else { e.source() };
                            (other.index() as u32, *e.weight() as u32)
                        })
                        .collect();
                    let got: Vec<(u32, u32)> =
                        rows.row(n.index() as u32).iter().map(|e| (e.other(), e.edge())).collect();
                    prop_assert_eq!(got, want);
                }
            }
        }
    }

    /// The cost bit travels with the edge; nodes out of range are left out.
    #[test]
    fn costs_and_bounds() {
        let (out, into) = rows_both_ways(3, &[(0, 1), (0, 2), (1, 0), (5, 0), (2, 1)]);
        let row: Vec<(u32, u32, u32)> = out
            .row(0)
            .iter()
            .map(|e| (e.other(), e.edge(), e.cost()))
            .collect();
        assert_eq!(row, [(2, 1, 0), (1, 0, 1)]);
        assert_eq!(
            into.row(1).iter().map(|e| e.edge()).collect::<Vec<_>>(),
            [4, 0]
        );
        assert!(out.row(5).is_empty());
        assert_eq!(out.row(2).first().map(|e| e.cost()), Some(0));
        assert_eq!(
            out.row(1).first().map(|e| (e.other(), e.cost())),
            Some((0, 0))
        );
        assert!(into.row(3).is_empty());
    }
}
