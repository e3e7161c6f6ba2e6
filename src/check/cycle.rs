//! `cycle`: handoff loops, one finding per loop.
//!
//! A loop is a strongly connected component of the customer graph with at
//! least two visible parties (people or vacant roles): work handed round
//! between them comes back. A person who serves themself, directly or
//! through their own roles, is not a loop (self-handoffs are allowed), and
//! neither is a vacant role handing work to itself.
//!
//! The message shows one concrete loop: from the component's first party
//! (people before roles, then by id) the fewest handoffs out to another
//! party and back, found by a breadth-first search inside the component.
//! The other parties of the component are named after it. Every node is
//! searched once, so the whole rule is linear. A long loop shows its first
//! ten hops and its last, the others their first five parties and a count;
//! the finding's `ids` are the ids the message names.

use std::collections::VecDeque;

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::adjacency::at;
use super::{Context, NAMED, name_some, scc};
use crate::finding::{Code, Finding};
use crate::graph::{Edge, Node};
use crate::model::{Org, Party};

/// Loops with more handoffs than this show their start and end only.
const SHOWN_HOPS: usize = 12;

/// Runs the rule.
pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !cx.wants(Code::Cycle) {
        return;
    }
    let g = cx.graph;
    let components = scc::components(&cx.flow);
    // Visible nodes, grouped by component, each group in party order.
    let mut visible: Vec<(u32, Party, NodeIndex)> = g
        .node_indices()
        .filter_map(|n| {
            let party = g.kind(n)?.party()?;
            Some((at(&components.of, n.index() as u32), party, n))
        })
        .collect();
    // Most components hold one visible party and no loop: left out before
    // the sort, which then has the loops' parties to order, not everyone.
    let mut visible_in = vec![0u32; components.count];
    for &(c, _, _) in &visible {
        if let Some(count) = visible_in.get_mut(c as usize) {
            *count += 1;
        }
    }
    visible.retain(|&(c, _, _)| at(&visible_in, c) >= 2);
    visible.sort_unstable();
    // Allocated for the first loop only: most files have none.
    let mut finder: Option<LoopFinder<'_>> = None;
    for group in visible.chunk_by(|a, b| a.0 == b.0) {
        let finder = finder.get_or_insert_with(|| LoopFinder::new(cx, &components.of));
        let members: Vec<(Party, NodeIndex)> = group.iter().map(|&(_, p, n)| (p, n)).collect();
        if let Some(finding) = finder.finding(&members) {
            out.push(finding);
        }
    }
}

/// One step of a loop: a visible party hands work on, perhaps as one of
/// its roles, by the handoff `org.hands_to(declared_by)[index]`.
#[derive(Clone, Copy, Debug)]
struct Hop {
    giver: Party,
    as_role: Option<usize>,
    declared_by: Party,
    index: usize,
}

/// Breadth-first search for loops, over (node, "has met another visible
/// party yet") states. The arrays are shared by every component: the
/// components are disjoint, so no search sees another's marks.
struct LoopFinder<'a> {
    cx: &'a Context<'a>,
    component: &'a [u32],
    /// Per state (`2 * node + met`): the state it was reached from, and the
    /// index of the edge.
    parent: Vec<Option<(u32, u32)>>,
    seen: Vec<bool>,
}

impl<'a> LoopFinder<'a> {
    fn new(cx: &'a Context<'a>, component: &'a [u32]) -> Self {
        let states = 2 * cx.flow.len();
        LoopFinder {
            cx,
            component,
            parent: vec![None; states],
            seen: vec![false; states],
        }
    }

    /// The finding for the component of `members` (visible, in party order).
    fn finding(&mut self, members: &[(Party, NodeIndex)]) -> Option<Finding> {
        let &(start, node) = members.first()?;
        let hops = self.shortest_loop(node.index() as u32)?;
        let org = self.cx.org;
        let first = hops.first()?;
        let span = org.hands_to(first.declared_by).get(first.index)?.span;
        let mut in_loop: Vec<Party> = hops.iter().map(|h| h.giver).collect();
        in_loop.sort_unstable();
        // The other members are counted, and only the few named are read:
        // a knot of loops can hold most of an organisation.
        let not_in_loop = || {
            members
                .iter()
                .filter(|(p, _)| in_loop.binary_search(p).is_err())
        };
        let others = || not_in_loop().map(|&(p, _)| org.id(p));
        let (shown, elided) = shown(&hops);
        let mut message = format!("handoff loop: {}", describe(org, &shown, elided, start));
        let count = not_in_loop().count();
        if count > 0 {
            message.push_str("; also in loops with them: ");
            name_some(&mut message, others(), count);
        }
        // The ids the message names, so a finding stays small even when a
        // whole organisation is one knot of loops.
        let mut ids: Vec<&str> = shown.iter().map(|h| org.id(h.giver)).collect();
        ids.extend(others().take(NAMED));
        Some(
            Finding::new(Code::Cycle, message)
                .at(span)
                .label("the loop's first handoff")
                .help("a loop can be intended (rework, review rounds): if so, allow it with `[check] allow = [\"cycle\"]`; if not, remove the handoff that sends work back")
                .ids(ids),
        )
    }

    /// The fewest-edge loop from `start` through at least one other visible
    /// node and back, as hops. Edges are tried in the order they were
    /// declared, so the loop reads like the file.
    fn shortest_loop(&mut self, start: u32) -> Option<Vec<Hop>> {
        let g = self.cx.graph;
        let home = at(self.component, start);
        let first = 2 * start;
        self.mark(first);
        let mut queue = VecDeque::from([first]);
        while let Some(state) = queue.pop_front() {
            // On a knot of a million nodes the search goes far, and each
            // node it comes to is a trip to memory: asked for ahead.
            let ahead = |k: u32| queue.get(k.checked_sub(1)? as usize).map(|s| s / 2);
            self.cx.flow.ask_ahead(ahead, self.component);
            let (u, met) = (state / 2, state % 2);
            for (v, edge) in self.cx.flow.edges_from(u) {
                if at(self.component, v) != home {
                    continue;
                }
                if v == start {
                    if met == 1 {
                        return self.hops(start, state, edge);
                    }
                    continue;
                }
                let kind = g.kind(NodeIndex::new(v as usize));
                let next = 2 * v + u32::from(met == 1 || visible(kind));
                if self.mark(next) {
                    if let Some(slot) = self.parent.get_mut(next as usize) {
                        *slot = Some((state, edge));
                    }
                    queue.push_back(next);
                }
            }
        }
        None
    }

    /// Marks a state seen; false if it already was.
    fn mark(&mut self, state: u32) -> bool {
        self.seen
            .get_mut(state as usize)
            .is_some_and(|s| !std::mem::replace(s, true))
    }

    /// The loop ending with edge `last` out of `state`, as hops between
    /// visible nodes.
    fn hops(&self, start: u32, mut state: u32, last: u32) -> Option<Vec<Hop>> {
        let g = self.cx.graph;
        let weight = |id: u32| g.edge(EdgeIndex::new(id as usize));
        // The loop's edges from the end back to the start, each with the node it enters.
        let mut path = vec![(weight(last)?, start)];
        while let Some(&Some((prev, edge))) = self.parent.get(state as usize) {
            path.push((weight(edge)?, state / 2));
            state = prev;
        }
        path.reverse();
        let mut hops = Vec::new();
        let node = |n: u32| g.kind(NodeIndex::new(n as usize));
        let (mut giver, mut as_role) = (node(start)?.party()?, None);
        for (edge, entered) in path {
            match edge {
                Edge::Holds(r) => as_role = Some(r),
                Edge::Holder(_) => {}
                Edge::Handoff { from, index } => {
                    hops.push(Hop {
                        giver,
                        as_role,
                        declared_by: from,
                        index,
                    });
                    as_role = None;
                }
            }
            if let Some(party) = node(entered).and_then(Node::party) {
                giver = party;
            }
        }
        Some(hops)
    }
}

fn visible(kind: Option<Node>) -> bool {
    kind.and_then(Node::party).is_some()
}

/// The hops a message shows: all of a short loop; of a long one the first
/// few and the last, and how many are left out before the last.
fn shown(hops: &[Hop]) -> (Vec<Hop>, usize) {
    if hops.len() <= SHOWN_HOPS {
        return (hops.to_vec(), 0);
    }
    let head = SHOWN_HOPS - 2;
    let mut shown: Vec<Hop> = hops.iter().take(head).copied().collect();
    shown.extend(hops.last());
    (shown, hops.len() - head - 1)
}

/// "`a` (as `r`) → `b` → `a`", with `elided` hops left out before the last.
fn describe(org: &Org, shown: &[Hop], elided: usize, start: Party) -> String {
    let step = |h: &Hop| {
        let giver = org.id(h.giver);
        match h.as_role.and_then(|r| org.role(r)) {
            Some(role) => format!("`{giver}` (as `{}`)", role.id),
            None => format!("`{giver}`"),
        }
    };
    let mut parts: Vec<String> = shown.iter().map(step).collect();
    if elided > 0 {
        let last = parts.len().saturating_sub(1);
        parts.insert(last, format!("… {elided} more …"));
    }
    parts.push(format!("`{}`", org.id(start)));
    parts.join(" → ")
}
