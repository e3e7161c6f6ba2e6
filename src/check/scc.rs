//! Strongly connected components: Tarjan's algorithm with an explicit
//! stack of frames instead of recursion (petgraph's `tarjan_scc` recurses,
//! and a 100,000-person loop would overflow the call stack). Linear.

use super::adjacency::{Adjacency, NONE, at, set};

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
        index: vec![NONE; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        of: vec![NONE; n],
        stack: Vec::new(),
        next_index: 0,
        count: 0,
    };
    let mut frames: Vec<(u32, usize)> = Vec::new();
    for root in 0..n as u32 {
        if at(&walk.index, root) != NONE {
            continue;
        }
        walk.discover(root);
        frames.push((root, 0));
        while let Some((v, pos)) = frames.last_mut() {
            let v = *v;
            if let Some(&w) = g.successors(v).get(*pos) {
                *pos += 1;
                if at(&walk.index, w) == NONE {
                    walk.discover(w);
                    frames.push((w, 0));
                } else if walk.on_stack.get(w as usize) == Some(&true) {
                    walk.lower(v, at(&walk.index, w));
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                walk.lower(parent, at(&walk.low, v));
            }
            if at(&walk.low, v) == at(&walk.index, v) {
                walk.close(v);
            }
        }
    }
    Components {
        of: walk.of,
        count: walk.count as usize,
    }
}

/// The state of one run of Tarjan's algorithm.
struct Tarjan {
    /// Discovery order of each node, [`NONE`] before discovery.
    index: Vec<u32>,
    /// The smallest discovery index reachable through the DFS subtree.
    low: Vec<u32>,
    on_stack: Vec<bool>,
    of: Vec<u32>,
    stack: Vec<u32>,
    next_index: u32,
    count: u32,
}

impl Tarjan {
    fn discover(&mut self, v: u32) {
        set(&mut self.index, v, self.next_index);
        set(&mut self.low, v, self.next_index);
        self.next_index += 1;
        self.stack.push(v);
        if let Some(s) = self.on_stack.get_mut(v as usize) {
            *s = true;
        }
    }

    fn lower(&mut self, v: u32, to: u32) {
        if to < at(&self.low, v) {
            set(&mut self.low, v, to);
        }
    }

    /// Pops the component whose root is `v`.
    fn close(&mut self, v: u32) {
        while let Some(w) = self.stack.pop() {
            if let Some(s) = self.on_stack.get_mut(w as usize) {
                *s = false;
            }
            set(&mut self.of, w, self.count);
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
