//! Steps and chains: turning paths in the customer graph into the sequence of
//! parties a reader sees, with the role each step happens through.
//!
//! Paths are stored as trees of pointers (each node points to the next node
//! towards the paying customers, or back towards where a search started), so
//! every chain shares its tail with the chains it joins. A chain longer than
//! the caller's limit is shown as its head and its tail with the middle
//! elided; "anchors" (the node a fixed number of steps from the end of each
//! chain) make that O(limit) per chain instead of O(length), so a
//! 100,000-person line does not cost 100,000 squared.

use petgraph::graph::NodeIndex;

use crate::graph::{CustomerGraph, Edge, Node};
use crate::model::{Handoff, Org, Party};

/// One handoff in a chain: the work reaches `to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
        std::iter::once(self.start).chain(self.head.iter().chain(&self.tail).map(|s| s.to))
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

/// One pointer of a tree as stored: the next node and the step to it in 24
/// bytes, where `Option<(NodeIndex, Step)>` takes 80. A chain visits nodes
/// all over the tree, and on a million people the smaller tree is what
/// stays in the cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    next: u32,
    step: PackedStep,
}

/// A [`Step`] in five four-byte numbers (20 bytes, where the step takes
/// 72): the two parties as codes, the index, and the two roles, each
/// [`NONE`] where there is none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PackedStep([u32; 5]);

impl PackedStep {
    const NONE: PackedStep = PackedStep([NONE; 5]);

    /// `step` packed; `None` for indices past what four bytes hold (more
    /// than a 256 MiB file has).
    pub fn new(step: &Step) -> Option<Self> {
        let role = |r: Option<usize>| r.map_or(Some(NONE), small);
        Some(PackedStep([
            step.to.code()?,
            step.declared_by.code()?,
            small(step.index)?,
            role(step.as_role)?,
            role(step.to_role)?,
        ]))
    }

    fn unpack(self) -> Step {
        let [to, declared_by, index, as_role, to_role] = self.0;
        let role = |r: u32| (r != NONE).then_some(r as usize);
        Step {
            to: Party::from_code(to),
            declared_by: Party::from_code(declared_by),
            index: index as usize,
            as_role: role(as_role),
            to_role: role(to_role),
        }
    }
}

/// `i` in four bytes, unless it does not fit or is [`NONE`].
fn small(i: usize) -> Option<u32> {
    u32::try_from(i).ok().filter(|&i| i != NONE)
}

/// Marks "none" in a [`Link`]'s fields and in the walk's other
/// four-byte pointers.
pub(super) const NONE: u32 = u32::MAX;

impl Link {
    /// No pointer: a root, or a node the tree does not reach.
    pub const NONE: Link = Link {
        next: NONE,
        step: PackedStep::NONE,
    };

    /// The pointer to `next` by `step`; [`Link::NONE`] for `None`, or for
    /// indices past what four bytes hold (more than a 256 MiB file has).
    pub fn new(pointer: Option<(NodeIndex, Step)>) -> Link {
        pointer.and_then(Link::pack).unwrap_or(Link::NONE)
    }

    fn pack((next, step): (NodeIndex, Step)) -> Option<Link> {
        Some(Link {
            next: small(next.index())?,
            step: PackedStep::new(&step)?,
        })
    }

    fn unpack(self) -> Option<(NodeIndex, Step)> {
        if self.next == NONE {
            return None;
        }
        Some((NodeIndex::new(self.next as usize), self.step.unpack()))
    }
}

/// A tree of pointers between visible nodes (people, vacant roles, external
/// customers, and the start of a search), each with the step between them.
#[derive(Debug)]
pub struct Links {
    /// For each node: the next node along the tree and the step to it.
    next: Vec<Link>,
    /// For each node: steps to the root along the tree.
    depth: Vec<u32>,
    /// For each node: the node on its path `anchor_depth` steps from the root
    /// (the node itself when it is that close already).
    anchor: Vec<NodeIndex>,
    anchor_depth: u32,
    towards: Towards,
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
        if g.kind(at).and_then(Node::party).is_some() || Some(at) == root {
            let (declared_by, index) = handoff?;
            let receiver = match towards {
                Towards::Customers => at,
                Towards::Givers => n,
            };
            let to = root_party(g, receiver)?;
            return Some((
                at,
                Step {
                    to,
                    declared_by,
                    index,
                    as_role,
                    to_role,
                },
            ));
        }
    }
    None
}

/// The party a (possibly hidden) root node stands for: the role itself for a
/// role's in- or out-node.
pub fn root_party(g: &CustomerGraph, n: NodeIndex) -> Option<Party> {
    match g.kind(n)? {
        Node::RoleIn(r) | Node::RoleOut(r) => Some(Party::Role(r)),
        other => other.party(),
    }
}

impl Links {
    /// Builds the tree from `next` pointers given for nodes in `order`, where
    /// each node's pointer leads to a node earlier in `order` (nearer the root).
    pub fn new(
        node_count: usize,
        order: &[NodeIndex],
        next: Vec<Link>,
        towards: Towards,
        limit: usize,
    ) -> Self {
        let anchor_depth = u32::try_from(limit / 2).unwrap_or(u32::MAX);
        let mut depth = vec![0u32; node_count];
        let mut anchor: Vec<NodeIndex> = (0..node_count).map(NodeIndex::new).collect();
        for &n in order {
            let Some((to, _)) = next.get(n.index()).and_then(|l| l.unpack()) else {
                continue;
            };
            let d = depth
                .get(to.index())
                .copied()
                .unwrap_or(0)
                .saturating_add(1);
            if let Some(slot) = depth.get_mut(n.index()) {
                *slot = d;
            }
            if d > anchor_depth {
                let a = anchor.get(to.index()).copied().unwrap_or(to);
                if let Some(slot) = anchor.get_mut(n.index()) {
                    *slot = a;
                }
            }
        }
        Links {
            next,
            depth,
            anchor,
            anchor_depth,
            towards,
        }
    }

    /// The steps that more than one chain may show, in node order: the
    /// step of each node that another node's pointer leads to, and each
    /// step a role declares (every holder who hands work on through the
    /// role shows it). The same role step comes once per holder.
    pub fn shared(&self) -> impl Iterator<Item = (NodeIndex, Step)> + '_ {
        let mut joined = vec![false; self.next.len()];
        for link in &self.next {
            if let Some(slot) = joined.get_mut(link.next as usize) {
                *slot = true;
            }
        }
        self.next.iter().zip(joined).filter_map(|(link, joined)| {
            let (next, step) = link.unpack()?;
            (joined || matches!(step.declared_by, Party::Role(_))).then_some((next, step))
        })
    }

    /// The step from `n` towards the root, if `n` is not a root.
    pub fn next(&self, n: NodeIndex) -> Option<(NodeIndex, Step)> {
        self.next.get(n.index()).and_then(|l| l.unpack())
    }

    /// Asks for the step from `n` towards the root, without waiting for it.
    pub fn ask_next(&self, n: NodeIndex) {
        crate::prefetch::at(&self.next, n.index());
    }

    /// Steps from `n` to the root.
    pub fn depth(&self, n: NodeIndex) -> u32 {
        self.depth.get(n.index()).copied().unwrap_or(0)
    }

    /// The steps from `n` towards the root, each with the node it reaches.
    pub fn path(&self, n: NodeIndex) -> impl Iterator<Item = (NodeIndex, Step)> + '_ {
        let mut at = n;
        std::iter::from_fn(move || {
            let (to, step) = self.next(at)?;
            at = to;
            Some((to, step))
        })
    }

    /// Up to `count` steps from `n` towards the root.
    pub fn steps(&self, n: NodeIndex, count: usize) -> Vec<Step> {
        let mut steps = Vec::with_capacity(count.min(64));
        steps.extend(self.path(n).take(count).map(|(_, step)| step));
        steps
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
        match self.towards {
            Towards::Customers => Chain {
                start: first,
                head: near,
                elided: gap,
                tail: far,
            },
            Towards::Givers => {
                let (mut head, mut tail) = (far, near);
                head.reverse();
                tail.reverse();
                Chain {
                    start: first,
                    head,
                    elided: gap,
                    tail,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A link gives back the step it was made from, roles or none; a
    /// pointer whose indices do not fit is no pointer at all.
    #[test]
    fn links_keep_their_steps() {
        let steps = [
            Step {
                to: Party::Person(7),
                declared_by: Party::Role(3),
                index: 2,
                as_role: Some(3),
                to_role: Some(0),
            },
            Step {
                to: Party::External(1),
                declared_by: Party::Person(9),
                index: 0,
                as_role: None,
                to_role: None,
            },
        ];
        for step in steps {
            let pointer = (NodeIndex::new(41), step);
            assert_eq!(Link::new(Some(pointer)).unpack(), Some(pointer));
        }
        assert_eq!(Link::new(None).unpack(), None);
        let far = Step {
            to_role: Some(u32::MAX as usize),
            ..steps[0]
        };
        assert_eq!(Link::new(Some((NodeIndex::new(1), far))), Link::NONE);
        let stranger = Step {
            to: Party::Person(Party::CODES),
            ..steps[1]
        };
        assert_eq!(Link::new(Some((NodeIndex::new(1), stranger))), Link::NONE);
        // Packed on their own (the JSON map's shared steps), steps that
        // differ in any field differ, and one that does not fit is none.
        let other_role = Step {
            as_role: None,
            ..steps[0]
        };
        let packed = [steps[0], steps[1], other_role].map(|s| PackedStep::new(&s));
        assert!(packed.iter().all(Option::is_some));
        assert_ne!(packed[0], packed[1]);
        assert_ne!(packed[0], packed[2]);
        assert_eq!(PackedStep::new(&far), None);
    }
}
