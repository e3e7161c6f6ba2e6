//! Strongly connected components: Tarjan's algorithm with an explicit
//! stack of frames instead of recursion (petgraph's `tarjan_scc` recurses,
//! and a 100,000-person loop would overflow the call stack). Linear.

use super::adjacency::{Adjacency, NONE};

/// Which component every node belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Components {
    /// The component of each node, numbered from 0 in the order the
    /// components complete (every component reachable from another
    /// completes before it).
    pub of: Vec<u32>,
    /// How many components there are.
    pub count: usize,
}

/// Finds the strongly connected components of `g`.
pub fn components(g: &Adjacency) -> Components {
    let n = g.len();
    let mut walk = Tarjan {
        nodes: vec![Node::UNSEEN; n],
        stack: Vec::new(),
        next_index: 0,
        count: 0,
    };
    let mut frames: Vec<(u32, usize)> = Vec::new();
    for root in 0..n as u32 {
        if walk.node(root).index != NONE {
            continue;
        }
        walk.discover(g, root);
        frames.push((root, 0));
        while let Some((v, pos)) = frames.last_mut() {
            let v = *v;
            if let Some(&w) = g.successors(v).get(*pos) {
                g.ask_along(v, *pos, &walk.nodes);
                *pos += 1;
                let seen = walk.node(w);
                if seen.index == NONE {
                    walk.discover(g, w);
                    frames.push((w, 0));
                } else if seen.on_stack() {
                    walk.lower(v, seen.index);
                }
                continue;
            }
            frames.pop();
            let done = walk.node(v);
            if let Some(&(parent, _)) = frames.last() {
                walk.lower(parent, done.low);
            }
            if done.low == done.index {
                walk.close(v);
            }
        }
    }
    Components {
        of: walk.nodes.iter().map(|node| node.of).collect(),
        count: walk.count as usize,
    }
}

/// What the walk knows of one node, side by side: on a million nodes each
/// array of its own was a trip to memory per node touched.
#[derive(Clone, Copy)]
struct Node {
    /// Discovery order, [`NONE`] before discovery.
    index: u32,
    /// The smallest discovery index reachable through the DFS subtree.
    low: u32,
    /// The component, [`NONE`] until it is closed.
    of: u32,
}

impl Node {
    const UNSEEN: Node = Node {
        index: NONE,
        low: 0,
        of: NONE,
    };

    /// Whether the node is on the walk's stack: discovered, and its
    /// component not yet closed.
    fn on_stack(self) -> bool {
        self.index != NONE && self.of == NONE
    }
}

/// The state of one run of Tarjan's algorithm.
struct Tarjan {
    nodes: Vec<Node>,
    stack: Vec<u32>,
    next_index: u32,
    count: u32,
}

impl Tarjan {
    fn node(&self, v: u32) -> Node {
        self.nodes.get(v as usize).copied().unwrap_or(Node::UNSEEN)
    }

    fn node_mut(&mut self, v: u32) -> Option<&mut Node> {
        self.nodes.get_mut(v as usize)
    }

    /// Numbers `v`, and asks for what the walk reads next: the records and
    /// successor lists of `v`'s successors (asked for again on the way, by
    /// [`Adjacency::ask_along`], when the walk comes back to them).
    fn discover(&mut self, g: &Adjacency, v: u32) {
        let index = self.next_index;
        if let Some(node) = self.node_mut(v) {
            node.index = index;
            node.low = index;
        }
        self.next_index += 1;
        self.stack.push(v);
        g.ask_successors(v, usize::MAX, &self.nodes);
    }

    fn lower(&mut self, v: u32, to: u32) {
        if let Some(node) = self.node_mut(v) {
            node.low = node.low.min(to);
        }
    }

    /// Pops the component whose root is `v`.
    fn close(&mut self, v: u32) {
        let count = self.count;
        while let Some(w) = self.stack.pop() {
            if let Some(node) = self.node_mut(w) {
                node.of = count;
            }
            if w == v {
                break;
            }
        }
        self.count += 1;
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::check::adjacency::graphs;

    /// Whether `b` is reachable from `a`, by brute force.
    fn reaches(g: &Adjacency, a: u32, b: u32) -> bool {
        let mut seen = vec![false; g.len()];
        let mut todo = vec![a];
        while let Some(v) = todo.pop() {
            if v == b {
                return true;
            }
            if !std::mem::replace(&mut seen[v as usize], true) {
                todo.extend_from_slice(g.successors(v));
            }
        }
        false
    }

    proptest! {
        /// Two nodes share a component exactly when each reaches the other.
        #[test]
        fn matches_mutual_reachability(g in graphs(12, 30)) {
            let n = g.len();
            let c = components(&g);
            for a in 0..n as u32 {
                for b in 0..n as u32 {
                    let same = c.of[a as usize] == c.of[b as usize];
                    prop_assert_eq!(same, reaches(&g, a, b) && reaches(&g, b, a), "{} {}", a, b);
                }
            }
        }
    }

    /// A 200,000-node loop is one component, found without recursion.
    #[test]
    fn long_loop_is_one_component() {
        let n = 200_000u32;
        let edges: Vec<(u32, u32)> = (0..n).map(|i| (i, (i + 1) % n)).collect();
        let c = components(&Adjacency::new(n as usize, &edges));
        assert_eq!(c.count, 1);
    }
}
