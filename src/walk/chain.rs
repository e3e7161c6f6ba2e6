//! Steps and chains: turning paths in the customer graph into the sequence of
//! parties a reader sees, with the role each step happens through.
//!
//! Paths are kept as trees of pointers (each node points to the next node
//! towards the paying customers, or back towards where a search started), so
//! every chain shares its tail with the chains it joins. A chain longer than
//! the caller's limit is shown as its head and its tail with the middle
//! elided; each node's "anchor" (the node a fixed number of steps from the
//! root on its path) gives the tail without walking the middle, so a
//! 100,000-person line costs the limit per person, not its length.

use petgraph::graph::NodeIndex;

use crate::graph::{CustomerGraph, Edge};
use crate::model::{Handoff, Org, Party};

/// How many handoffs of a chain chain shows by default (`map`, `card`,
/// `stats`, the page): the middle of a longer chain is elided.
pub const CHAIN_LIMIT: usize = 50;

/// One handoff in a chain: the work reaches `to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Step {
    /// The party the work reaches.
    pub to: Party,
    /// Who declares the handoff: the giver itself or one of its roles.
    pub declared_by: Party,
    /// Its position in the declarer's `hands_to`.
    pub index: usize,
    /// The role the giver hands on as, when the handoff is a role's.
    pub as_role: Option<usize>,
    /// The role the receiver gets the work through, when it was handed to a role.
    pub to_role: Option<usize>,
}

impl Step {
    /// The declared handoff this step follows.
    pub fn handoff<'o>(&self, org: &'o Org) -> Option<&'o Handoff> {
        org.hands_to(self.declared_by).get(self.index)
    }
}

/// A chain of parties: `start`, then one step per handoff. When the chain
/// was longer than the limit, `elided` steps are left out after `head`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chain {
    /// The first party.
    pub start: Party,
    /// The steps shown before the gap (all of them when nothing is elided).
    pub head: Vec<Step>,
    /// How many steps are left out between `head` and `tail`.
    pub elided: usize,
    /// The steps shown after the gap.
    pub tail: Vec<Step>,
}

impl Chain {
    /// Every party shown, in order (the gap, if any, falls after `head`).
    pub fn parties(&self) -> impl Iterator<Item = Party> + '_ {
        std::iter::once(self.start).chain(self.steps().map(|s| s.to))
    }

    /// Every step shown, in order.
    pub fn steps(&self) -> impl Iterator<Item = &Step> + '_ {
        self.head.iter().chain(&self.tail)
    }

    /// Number of handoffs in the whole chain, elided ones included.
    pub fn len(&self) -> usize {
        self.head.len() + self.elided + self.tail.len()
    }

    /// Whether the chain has no handoff at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Which way a tree's pointers run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Towards {
    /// Pointers follow the work: each node points to its next customer.
    Customers,
    /// Pointers run against the work: each node points back to who served it.
    Givers,
}

/// Follows node-level pointers from the visible node `n` to the next
/// visible node (or `root`), gathering the one handoff and the roles passed
/// on the way into the [`Step`] between them.
pub fn hop(
    g: &CustomerGraph,
    n: NodeIndex,
    root: Option<NodeIndex>,
    towards: Towards,
    pointer: impl Fn(NodeIndex) -> Option<(NodeIndex, Edge)>,
) -> Option<(NodeIndex, Step)> {
    let (mut as_role, mut to_role, mut handoff) = (None, None, None);
    let mut at = n;
    // A visible node is at most three edges from the next one:
    // holds, handoff, holder.
    for _ in 0..3 {
        let (next, edge) = pointer(at)?;
        match edge {
            Edge::Holds(r) => as_role = Some(r),
            Edge::Holder(r) => to_role = Some(r),
            Edge::Handoff { from, index } => handoff = Some((from, index)),
        }
        at = next;
        if g.party(at).is_some() || Some(at) == root {
            let (declared_by, index) = handoff?;
            let receiver = match towards {
                Towards::Customers => at,
                Towards::Givers => n,
            };
            let step = Step {
                to: g.kind(receiver)?.owner(),
                declared_by,
                index,
                as_role,
                to_role,
            };
            return Some((at, step));
        }
    }
    None
}

/// A tree of pointers between visible nodes (people, vacant roles, external
/// customers, and the start of a search), each with the step between them.
#[derive(Debug)]
pub struct ChainTree {
    /// For each node: the next node along the tree and the step to it.
    next: Vec<Option<(NodeIndex, Step)>>,
    /// For each node: steps to the root along the tree.
    depth: Vec<u32>,
    /// For each node: the node on its path `anchor_depth` steps from the root
    /// (the node itself when it is that close already).
    anchor: Vec<NodeIndex>,
    anchor_depth: u32,
    towards: Towards,
}

impl ChainTree {
    /// Builds the tree from `next` pointers given for nodes in `order`, where
    /// each node's pointer leads to a node earlier in `order` (nearer the
    /// root). Chains longer than `limit` steps (0: no limit) are elided.
    pub fn new(
        order: &[NodeIndex],
        next: Vec<Option<(NodeIndex, Step)>>,
        towards: Towards,
        limit: usize,
    ) -> Self {
        let anchor_depth = u32::try_from(limit / 2).unwrap_or(u32::MAX);
        let mut depth = vec![0u32; next.len()];
        let mut anchor: Vec<NodeIndex> = (0..next.len()).map(NodeIndex::new).collect();
        for &n in order {
            let Some(&Some((to, _))) = next.get(n.index()) else {
                continue;
            };
            let d = depth.get(to.index()).map_or(1, |d| d.saturating_add(1));
            let a = anchor.get(to.index()).copied().unwrap_or(to);
            if let (Some(dn), Some(an)) = (depth.get_mut(n.index()), anchor.get_mut(n.index())) {
                *dn = d;
                if d > anchor_depth {
                    *an = a;
                }
            }
        }
        ChainTree {
            next,
            depth,
            anchor,
            anchor_depth,
            towards,
        }
    }

    /// The step from `n` towards the root, if `n` is not a root.
    pub fn next(&self, n: NodeIndex) -> Option<(NodeIndex, Step)> {
        self.next.get(n.index()).copied().flatten()
    }

    /// Steps from `n` to the root.
    pub fn depth(&self, n: NodeIndex) -> u32 {
        self.depth.get(n.index()).copied().unwrap_or(0)
    }

    /// Up to `count` steps from `n` towards the root.
    fn steps(&self, n: NodeIndex, count: usize) -> Vec<Step> {
        let mut at = n;
        std::iter::from_fn(|| {
            let (to, step) = self.next(at)?;
            at = to;
            Some(step)
        })
        .take(count)
        .collect()
    }

    /// The chain between `n` and the root, in the order the work flows,
    /// with no more than `limit` steps shown (0: no limit): the steps
    /// nearest `n`, a gap, and the steps nearest the root. `first` is the
    /// party the chain starts at (`n`'s, or the root's for a tree towards
    /// the givers).
    pub fn chain(&self, first: Party, n: NodeIndex, limit: usize) -> Chain {
        let total = self.depth(n) as usize;
        let (near, gap, far) = if limit == 0 || total <= limit {
            (self.steps(n, total), 0, Vec::new())
        } else {
            let far_len = self.anchor_depth as usize;
            let near = self.steps(n, limit - far_len);
            let anchor = self.anchor.get(n.index()).copied().unwrap_or(n);
            let far = self.steps(anchor, far_len);
            let gap = total - near.len() - far.len();
            (near, gap, far)
        };
        let (head, tail) = match self.towards {
            Towards::Customers => (near, far),
            Towards::Givers => {
                let (mut head, mut tail) = (far, near);
                head.reverse();
                tail.reverse();
                (head, tail)
            }
        };
        Chain {
            start: first,
            head,
            elided: gap,
            tail,
        }
    }
}
