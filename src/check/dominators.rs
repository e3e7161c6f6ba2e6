//! Dominators: node `d` dominates node `v` when every path from the root to
//! `v` passes through `d`.
//!
//! Lengauer and Tarjan's algorithm ("A fast algorithm for finding
//! dominators in a flowgraph", 1979), the simple version with path
//! compression: O(m log n), with every step iterative. petgraph's
//! `simple_fast` (Cooper, Harvey and Kennedy) is quadratic on long lines,
//! which a 100,000-person organisation can be.
//!
//! The algorithm works on depth-first numbers: `vertex[i]` is the node
//! numbered `i`, and every array below except `number` is indexed by number.

use super::adjacency::{Adjacency, NONE, at, set};
use super::leaves::Leaves;
use crate::prefetch;

/// The immediate dominator of every node reachable from the root, by
/// number: depth-first numbers, then the leaves known beforehand
/// ([`Leaves`]) after everyone. A node's dominators are its ancestors in
/// the depth-first tree, and a leaf's is numbered before it, so each is
/// numbered before the nodes it dominates, and a walk in number order
/// meets a node's dominator first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dominators {
    /// Node to number; [`NONE`] for nodes the root does not reach.
    number: Vec<u32>,
    /// Number to node; the root is number 0.
    vertex: Vec<u32>,
    /// Number to the number of its immediate dominator (the root's is 0).
    idom: Vec<u32>,
}

impl Dominators {
    /// Computes the dominators of `g` from `root`; `preds` is `g` turned
    /// round. The leaves known beforehand ([`Leaves`]) are left out of the
    /// walks and numbered after everyone, below the node before them.
    pub fn new(g: &Adjacency, preds: &Adjacency, root: u32) -> Self {
        let leaves = Leaves::new(g, preds, root);
        let tree = SpanningTree::new(&leaves.g, root);
        let idom = LengauerTarjan::new(&tree).run(&leaves.preds, &tree);
        let mut dom = Dominators {
            number: tree.number,
            vertex: tree.vertex,
            idom,
        };
        // A leaf's `before` is NONE for other nodes, which has no number.
        for (w, &a) in (0u32..).zip(&leaves.before) {
            if let Some(up) = dom.number(a) {
                let last = dom.len();
                set(&mut dom.number, w, last);
                dom.vertex.push(w);
                dom.idom.push(up);
            }
        }
        dom
    }

    /// How many nodes the root reaches (itself included): the numbers are
    /// `0..len`.
    pub fn len(&self) -> u32 {
        self.vertex.len() as u32
    }

    /// The number of node `v`; `None` for nodes the root does not reach.
    pub fn number(&self, v: u32) -> Option<u32> {
        Some(at(&self.number, v)).filter(|&w| w != NONE)
    }

    /// The node numbered `w`.
    pub fn vertex(&self, w: u32) -> u32 {
        at(&self.vertex, w)
    }

    /// The number of the immediate dominator of number `w`, below `w`; 0,
    /// the root's, for the root itself.
    pub fn idom_number(&self, w: u32) -> u32 {
        at(&self.idom, w)
    }

    /// The immediate dominator of node `v`; `None` for the root and for
    /// nodes the root does not reach.
    #[cfg(test)]
    pub fn idom(&self, v: u32) -> Option<u32> {
        let w = self.number(v).filter(|&w| w != 0)?;
        Some(self.vertex(self.idom_number(w)))
    }
}

/// A depth-first spanning tree, numbered in preorder.
struct SpanningTree {
    /// Node to number; [`NONE`] for nodes not reached.
    number: Vec<u32>,
    /// Number to node.
    vertex: Vec<u32>,
    /// Number to the number of its tree parent (the root is its own parent).
    parent: Vec<u32>,
}

impl SpanningTree {
    fn new(g: &Adjacency, root: u32) -> Self {
        let mut tree = SpanningTree {
            number: vec![NONE; g.len()],
            vertex: Vec::new(),
            parent: Vec::new(),
        };
        if (root as usize) >= g.len() {
            return tree;
        }
        tree.visit(root, 0);
        let mut frames: Vec<(u32, usize)> = vec![(root, 0)];
        while let Some((v, pos)) = frames.last_mut() {
            let v = *v;
            let Some(&w) = g.successors(v).get(*pos) else {
                frames.pop();
                continue;
            };
            g.ask_along(v, *pos, &tree.number);
            *pos += 1;
            if at(&tree.number, w) == NONE {
                tree.visit(w, at(&tree.number, v));
                frames.push((w, 0));
                // The walk comes to w's first successors next.
                g.ask_successors(w, 8, &tree.number);
            }
        }
        tree
    }

    fn visit(&mut self, v: u32, parent: u32) {
        set(&mut self.number, v, self.vertex.len() as u32);
        self.vertex.push(v);
        self.parent.push(parent);
    }
}

/// Asks for what the semidominator steps after `w` (which go down the
/// numbers) will read: [`Adjacency::ask_ahead`]'s reads of the
/// predecessors, with their numbers as marks, and the entries of the
/// numbers of the next one's predecessors.
fn ask_ahead(preds: &Adjacency, tree: &SpanningTree, entries: &[Entry], w: u32) {
    let node = |below: u32| w.checked_sub(below).map(|n| at(&tree.vertex, n));
    preds.ask_ahead(node, &tree.number);
    if let Some(v) = node(1) {
        for &p in preds.successors(v) {
            prefetch::at(entries, at(&tree.number, p) as usize);
        }
    }
}

/// What the algorithm keeps of one number, side by side, so that a step
/// that reaches a number finds all of it in one cache line (an array each
/// was a trip to memory each on a million nodes).
#[derive(Clone, Copy, Debug)]
struct Entry {
    /// The semidominator's number.
    semi: u32,
    /// The number of smallest semidominator on the forest path compressed
    /// so far.
    label: u32,
    /// The parent in the forest built by `link`; [`NONE`] for a forest root.
    ancestor: u32,
    /// The next in the bucket this number is in (the numbers whose
    /// semidominator is the same); [`NONE`] at the end.
    next: u32,
}

impl Entry {
    /// The entry of a number out of range.
    const NONE: Entry = Entry {
        semi: NONE,
        label: NONE,
        ancestor: NONE,
        next: NONE,
    };

    /// The entry of number `i` before the first step: its own
    /// semidominator and label, in no forest and no bucket.
    fn first(i: usize) -> Entry {
        let i = u32::try_from(i).unwrap_or(NONE);
        Entry {
            semi: i,
            label: i,
            ..Entry::NONE
        }
    }
}

/// The working arrays of the algorithm, all indexed by depth-first number.
struct LengauerTarjan {
    entries: Vec<Entry>,
    idom: Vec<u32>,
    /// The first number of each number's bucket (the numbers whose
    /// semidominator it is), the rest linked through [`Entry::next`].
    bucket_head: Vec<u32>,
    /// Reused by `compress` in place of recursion.
    path: Vec<u32>,
}

impl LengauerTarjan {
    fn new(tree: &SpanningTree) -> Self {
        let k = tree.vertex.len();
        LengauerTarjan {
            entries: (0..k).map(Entry::first).collect(),
            idom: vec![0; k],
            bucket_head: vec![NONE; k],
            path: Vec::new(),
        }
    }

    fn entry(&self, i: u32) -> Entry {
        self.entries.get(i as usize).copied().unwrap_or(Entry::NONE)
    }

    fn edit(&mut self, i: u32, change: impl FnOnce(&mut Entry)) {
        if let Some(entry) = self.entries.get_mut(i as usize) {
            change(entry);
        }
    }

    fn semi(&self, i: u32) -> u32 {
        self.entry(i).semi
    }

    /// The immediate dominator of each number (the root's is 0, itself).
    fn run(mut self, preds: &Adjacency, tree: &SpanningTree) -> Vec<u32> {
        let k = tree.vertex.len() as u32;
        for w in (1..k).rev() {
            ask_ahead(preds, tree, &self.entries, w);
            // The semidominator: the smallest number from which a path
            // reaches w through nodes numbered above w.
            for &p in preds.successors(at(&tree.vertex, w)) {
                let v = at(&tree.number, p);
                if v == NONE {
                    continue;
                }
                let u = self.eval(v);
                let s = self.semi(u);
                self.edit(w, |e| e.semi = e.semi.min(s));
            }
            let s = self.semi(w);
            let parent = at(&tree.parent, w);
            let head = at(&self.bucket_head, s);
            self.edit(w, |e| {
                e.next = head;
                e.ancestor = parent;
            });
            set(&mut self.bucket_head, s, w);
            let mut v = at(&self.bucket_head, parent);
            set(&mut self.bucket_head, parent, NONE);
            while v != NONE {
                let u = self.eval(v);
                let d = if self.semi(u) < self.semi(v) {
                    u
                } else {
                    parent
                };
                set(&mut self.idom, v, d);
                v = self.entry(v).next;
            }
        }
        for w in 1..k {
            let d = at(&self.idom, w);
            if d != self.semi(w) {
                let up = at(&self.idom, d);
                set(&mut self.idom, w, up);
            }
        }
        self.idom
    }

    /// The number of smallest semidominator on the forest path above `v`.
    fn eval(&mut self, v: u32) -> u32 {
        if self.entry(v).ancestor == NONE {
            return v;
        }
        self.compress(v);
        self.entry(v).label
    }

    /// Path compression, iteratively: the recursive version updates the
    /// numbers nearest the forest root first, so they are collected going
    /// up and updated coming back down.
    fn compress(&mut self, v: u32) {
        self.path.clear();
        let mut u = v;
        loop {
            let above = self.entry(u).ancestor;
            if self.entry(above).ancestor == NONE {
                break;
            }
            self.path.push(u);
            u = above;
        }
        while let Some(u) = self.path.pop() {
            let here = self.entry(u);
            let a = self.entry(here.ancestor);
            let label = if self.semi(a.label) < self.semi(here.label) {
                a.label
            } else {
                here.label
            };
            self.edit(u, |e| {
                e.label = label;
                e.ancestor = a.ancestor;
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::check::adjacency::graphs;
    use crate::check::leaves::tests::with_holders;

    /// The nodes reachable from `root` without passing through `cut`.
    fn reachable(g: &Adjacency, root: u32, cut: Option<u32>) -> Vec<bool> {
        let mut seen = vec![false; g.len()];
        let mut todo = vec![root];
        while let Some(v) = todo.pop() {
            if Some(v) == cut || std::mem::replace(&mut seen[v as usize], true) {
                continue;
            }
            todo.extend_from_slice(g.successors(v));
        }
        seen
    }

    /// The strict dominators of `v`, following the computed tree.
    fn chain(d: &Dominators, mut v: u32) -> Vec<u32> {
        let mut up = Vec::new();
        while let Some(p) = d.idom(v) {
            up.push(p);
            v = p;
        }
        up.sort_unstable();
        up
    }

    proptest! {
        /// `d` strictly dominates `v` exactly when removing `d` cuts `v`
        /// off from the root (the definition, by brute force); a
        /// dominator is numbered before the nodes it dominates. Also on
        /// graphs with leaves known beforehand, left out of the walks.
        #[test]
        fn matches_the_definition(g in prop_oneof![graphs(20, 60), with_holders()]) {
            let n = g.len();
            let dom = Dominators::new(&g, &g.reversed(), 0);
            let from_root = reachable(&g, 0, None);
            for w in 1..dom.len() {
                prop_assert!(dom.idom_number(w) < w, "number {}", w);
            }
            for v in 0..n as u32 {
                if !from_root[v as usize] {
                    prop_assert_eq!(dom.idom(v), None);
                    continue;
                }
                let expected: Vec<u32> = (0..n as u32)
                    .filter(|&d| d != v && (d == 0 || !reachable(&g, 0, Some(d))[v as usize]))
                    .collect();
                prop_assert_eq!(chain(&dom, v), expected, "node {}", v);
            }
        }
    }

    /// A 200,000-node line: each node's dominator is the one before it,
    /// computed without recursion.
    #[test]
    fn long_line() {
        let n = 200_000u32;
        let edges: Vec<(u32, u32)> = (1..n).map(|i| (i - 1, i)).collect();
        let g = Adjacency::new(n as usize, &edges);
        let dom = Dominators::new(&g, &g.reversed(), 0);
        assert_eq!(dom.idom(0), None);
        assert_eq!(dom.idom(n - 1), Some(n - 2));
    }
}
