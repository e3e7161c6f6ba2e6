//! Dominators: node `d` dominates node `v` when every path from the root to
//! `v` passes through `d`.
//!
//! Lengauer and Tarjan's algorithm ("A fast algorithm for finding
//! dominators in a flowgraph", 1979), the simple version with path
//! compression: O(m log n), every step iterative. petgraph's `simple_fast`
//! (Cooper, Harvey and Kennedy) is quadratic on some long lines, which a
//! team file can be.
//!
//! The algorithm works on depth-first numbers: `vertex[i]` is the node
//! numbered `i`, and every array below except `number` is indexed by number.

/// Marks "none" in the arrays below.
const NONE: usize = usize::MAX;

/// The immediate dominator of every node reachable from the root, by
/// depth-first number. A node's dominators are its ancestors in the
/// depth-first tree, so each is numbered before the nodes it dominates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dominators {
    /// Node to number; [`NONE`] for nodes the root does not reach.
    number: Vec<usize>,
    /// Number to node; the root is number 0.
    vertex: Vec<usize>,
    /// Number to the number of its immediate dominator (the root's is 0).
    idom: Vec<usize>,
}

impl Dominators {
    /// Computes the dominators of the graph whose successors and
    /// predecessors are given per node, from `root`.
    pub fn new(succ: &[Vec<usize>], pred: &[Vec<usize>], root: usize) -> Self {
        let tree = SpanningTree::new(succ, root);
        let idom = LengauerTarjan::new(tree.vertex.len()).run(pred, &tree);
        Dominators {
            number: tree.number,
            vertex: tree.vertex,
            idom,
        }
    }

    /// How many nodes the root reaches (itself included): the numbers are
    /// `0..len`.
    pub fn len(&self) -> usize {
        self.vertex.len()
    }

    /// The number of node `v`; `None` for nodes the root does not reach.
    pub fn number(&self, v: usize) -> Option<usize> {
        self.number.get(v).copied().filter(|&w| w != NONE)
    }

    /// The node numbered `w`.
    pub fn vertex(&self, w: usize) -> usize {
        self.vertex.get(w).copied().unwrap_or(NONE)
    }

    /// The number of the immediate dominator of number `w`, below `w`; 0,
    /// the root's, for the root itself.
    pub fn idom_number(&self, w: usize) -> usize {
        self.idom.get(w).copied().unwrap_or(0)
    }
}

/// A depth-first spanning tree, numbered in preorder.
struct SpanningTree {
    number: Vec<usize>,
    vertex: Vec<usize>,
    /// Number to the number of its tree parent (the root is its own parent).
    parent: Vec<usize>,
}

impl SpanningTree {
    fn new(succ: &[Vec<usize>], root: usize) -> Self {
        let mut tree = SpanningTree {
            number: vec![NONE; succ.len()],
            vertex: Vec::new(),
            parent: Vec::new(),
        };
        if root >= succ.len() {
            return tree;
        }
        tree.visit(root, 0);
        let mut frames: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some((v, pos)) = frames.last_mut() {
            let v = *v;
            let Some(&w) = succ.get(v).and_then(|s| s.get(*pos)) else {
                frames.pop();
                continue;
            };
            *pos += 1;
            if tree.number.get(w) == Some(&NONE) {
                let parent = tree.number.get(v).copied().unwrap_or(0);
                tree.visit(w, parent);
                frames.push((w, 0));
            }
        }
        tree
    }

    fn visit(&mut self, v: usize, parent: usize) {
        if let Some(n) = self.number.get_mut(v) {
            *n = self.vertex.len();
        }
        self.vertex.push(v);
        self.parent.push(parent);
    }
}

/// The working arrays of the algorithm, all indexed by depth-first number.
struct LengauerTarjan {
    semi: Vec<usize>,
    /// The number of smallest semidominator on the forest path compressed so far.
    label: Vec<usize>,
    /// The parent in the forest built by linking; [`NONE`] for a forest root.
    ancestor: Vec<usize>,
    idom: Vec<usize>,
    /// The numbers whose semidominator each number is.
    bucket: Vec<Vec<usize>>,
}

impl LengauerTarjan {
    fn new(k: usize) -> Self {
        LengauerTarjan {
            semi: (0..k).collect(),
            label: (0..k).collect(),
            ancestor: vec![NONE; k],
            idom: vec![0; k],
            bucket: vec![Vec::new(); k],
        }
    }

    fn semi(&self, i: usize) -> usize {
        self.semi.get(i).copied().unwrap_or(NONE)
    }

    /// The immediate dominator of each number (the root's is 0, itself).
    fn run(mut self, pred: &[Vec<usize>], tree: &SpanningTree) -> Vec<usize> {
        let k = tree.vertex.len();
        for w in (1..k).rev() {
            let node = tree.vertex.get(w).copied().unwrap_or(NONE);
            // The semidominator: the smallest number from which a path
            // reaches w through nodes numbered above w.
            for &p in pred.get(node).into_iter().flatten() {
                let Some(&v) = tree.number.get(p).filter(|&&v| v != NONE) else {
                    continue;
                };
                let u = self.eval(v);
                let s = self.semi(u);
                if let Some(sw) = self.semi.get_mut(w) {
                    *sw = (*sw).min(s);
                }
            }
            let parent = tree.parent.get(w).copied().unwrap_or(0);
            let sw = self.semi(w);
            if let Some(b) = self.bucket.get_mut(sw) {
                b.push(w);
            }
            if let Some(a) = self.ancestor.get_mut(w) {
                *a = parent;
            }
            let waiting = self.bucket.get_mut(parent).map(std::mem::take);
            for v in waiting.into_iter().flatten() {
                let u = self.eval(v);
                let d = if self.semi(u) < self.semi(v) {
                    u
                } else {
                    parent
                };
                if let Some(slot) = self.idom.get_mut(v) {
                    *slot = d;
                }
            }
        }
        for w in 1..k {
            let d = self.idom.get(w).copied().unwrap_or(0);
            if d != self.semi(w) {
                let up = self.idom.get(d).copied().unwrap_or(0);
                if let Some(slot) = self.idom.get_mut(w) {
                    *slot = up;
                }
            }
        }
        self.idom
    }

    /// The number of smallest semidominator on the forest path above `v`.
    fn eval(&mut self, v: usize) -> usize {
        if self.ancestor.get(v) == Some(&NONE) {
            return v;
        }
        self.compress(v);
        self.label.get(v).copied().unwrap_or(v)
    }

    /// Path compression, iteratively: the numbers nearest the forest root
    /// are collected going up and updated coming back down.
    fn compress(&mut self, v: usize) {
        let ancestor = |lt: &Self, u: usize| lt.ancestor.get(u).copied().unwrap_or(NONE);
        let mut path = Vec::new();
        let mut u = v;
        while ancestor(self, u) != NONE && ancestor(self, ancestor(self, u)) != NONE {
            path.push(u);
            u = ancestor(self, u);
        }
        while let Some(u) = path.pop() {
            let a = ancestor(self, u);
            let la = self.label.get(a).copied().unwrap_or(a);
            let lu = self.label.get(u).copied().unwrap_or(u);
            if self.semi(la) < self.semi(lu) {
                if let Some(slot) = self.label.get_mut(u) {
                    *slot = la;
                }
            }
            let up = ancestor(self, a);
            if let Some(slot) = self.ancestor.get_mut(u) {
                *slot = up;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The nodes reachable from `root` without passing through `cut`.
    fn reachable(succ: &[Vec<usize>], root: usize, cut: Option<usize>) -> Vec<bool> {
        let mut seen = vec![false; succ.len()];
        let mut todo = vec![root];
        while let Some(v) = todo.pop() {
            if Some(v) == cut || std::mem::replace(&mut seen[v], true) {
                continue;
            }
            todo.extend_from_slice(&succ[v]);
        }
        seen
    }

    fn turned(succ: &[Vec<usize>]) -> Vec<Vec<usize>> {
        let mut pred = vec![Vec::new(); succ.len()];
        for (v, s) in succ.iter().enumerate() {
            for &w in s {
                pred[w].push(v);
            }
        }
        pred
    }

    /// The strict dominators of `v`, following the computed tree.
    fn above(d: &Dominators, v: usize) -> Vec<usize> {
        let mut up = Vec::new();
        let mut w = d.number(v).unwrap();
        while w != 0 {
            w = d.idom_number(w);
            up.push(d.vertex(w));
        }
        up.sort_unstable();
        up
    }

    fn graphs() -> impl Strategy<Value = Vec<Vec<usize>>> {
        (1usize..20)
            .prop_flat_map(|n| proptest::collection::vec(proptest::collection::vec(0..n, 0..4), n))
    }

    proptest! {
        /// `d` strictly dominates `v` exactly when removing `d` cuts `v`
        /// off from the root (the definition, by brute force); a
        /// dominator is numbered before the nodes it dominates.
        #[test]
        fn matches_the_definition(succ in graphs()) {
            let n = succ.len();
            let dom = Dominators::new(&succ, &turned(&succ), 0);
            let from_root = reachable(&succ, 0, None);
            for w in 1..dom.len() {
                prop_assert!(dom.idom_number(w) < w, "number {}", w);
            }
            for (v, &reached) in from_root.iter().enumerate() {
                if !reached {
                    prop_assert_eq!(dom.number(v), None);
                    continue;
                }
                let expected: Vec<usize> = (0..n)
                    .filter(|&d| d != v && (d == 0 || !reachable(&succ, 0, Some(d))[v]))
                    .collect();
                prop_assert_eq!(above(&dom, v), expected, "node {}", v);
            }
        }
    }

    /// A 200,000-node line: each node's dominator is the one before it,
    /// computed without recursion.
    #[test]
    fn long_line() {
        let n = 200_000;
        let succ: Vec<Vec<usize>> = (0..n)
            .map(|i| if i + 1 < n { vec![i + 1] } else { vec![] })
            .collect();
        let dom = Dominators::new(&succ, &turned(&succ), 0);
        let last = dom.number(n - 1).unwrap();
        assert_eq!(dom.vertex(dom.idom_number(last)), n - 2);
    }
}
