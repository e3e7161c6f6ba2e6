//! `cycle`: handoff loops, one finding per loop, when asked for.
//!
//! A loop is a strongly connected component of the customer graph with at
//! least two people: work handed round between them comes back. Loops are
//! how much work is done (a manager instructs, the staff report back), so
//! the code is allowed by default; a loop that work enters and never leaves
//! for a paying customer is reported as `dead-end` for each party caught in
//! it. A person who serves themself, directly or through their own roles,
//! is not a loop (self-handoffs are allowed); a vacant role hands nothing
//! on, so it is in no loop.
//!
//! The message shows one concrete loop: from the component's first party
//! (people before roles, then by id) the fewest handoffs out to another
//! party and back, found by a breadth-first search inside the component.
//! The other parties of the component are named after it. Every node is
//! searched once, so the whole rule is linear. A long loop shows its first
//! ten hops and its last, the others their first five parties and a count;
//! the finding's `ids` are the ids the message names.

use std::collections::VecDeque;

use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};

use super::{Context, NAMED, name_some};
use crate::finding::{Code, Finding, Findings};
use crate::graph::{CustomerGraph, Edge};
use crate::model::{Org, Party};

/// Loops with more handoffs than this show their start and end only.
const SHOWN_HOPS: usize = 12;

/// Runs the rule.
pub(super) fn check(cx: &Context<'_>, out: &mut Findings) {
    if !cx.wants(Code::Cycle) {
        return;
    }
    let g = cx.graph;
    let mut component = vec![usize::MAX; g.node_count()];
    let mut loops: Vec<Vec<(Party, NodeIndex)>> = Vec::new();
    for (c, nodes) in petgraph::algo::kosaraju_scc(g.as_petgraph())
        .into_iter()
        .enumerate()
    {
        let mut visible: Vec<(Party, NodeIndex)> = nodes
            .iter()
            .filter_map(|&n| Some((g.party(n)?, n)))
            .collect();
        for n in nodes {
            if let Some(slot) = component.get_mut(n.index()) {
                *slot = c;
            }
        }
        if visible.len() >= 2 {
            visible.sort_unstable();
            loops.push(visible);
        }
    }
    let mut finder = LoopFinder::new(g, &component);
    for members in loops {
        if let Some(finding) = finder.finding(cx.org, &members) {
            out.add(finding);
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
    g: &'a CustomerGraph,
    component: &'a [usize],
    /// Per state (`2 * node + met`): the state it was reached from, and the edge.
    parent: Vec<Option<(usize, EdgeIndex)>>,
    seen: Vec<bool>,
}

impl<'a> LoopFinder<'a> {
    fn new(g: &'a CustomerGraph, component: &'a [usize]) -> Self {
        let states = 2 * g.node_count();
        LoopFinder {
            g,
            component,
            parent: vec![None; states],
            seen: vec![false; states],
        }
    }

    /// The finding for the component of `members` (visible, in party order).
    fn finding(&mut self, org: &Org, members: &[(Party, NodeIndex)]) -> Option<Finding> {
        let &(start, node) = members.first()?;
        let hops = self.shortest_loop(node)?;
        let first = hops.first()?;
        let span = org.hands_to(first.declared_by).get(first.index)?.span;
        let mut in_loop: Vec<Party> = hops.iter().map(|h| h.giver).collect();
        in_loop.sort_unstable();
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
                .help("loops are how much work is done (instructions and reports back, rework, review rounds) and are listed only when asked for; if this one is a mistake, remove the handoff that sends work back")
                .ids(ids),
        )
    }

    /// The fewest-edge loop from `start` through at least one other visible
    /// node and back, as hops. Edges are tried in the order they were
    /// declared, so the loop reads like the file.
    fn shortest_loop(&mut self, start: NodeIndex) -> Option<Vec<Hop>> {
        let g = self.g;
        let home = self.component.get(start.index()).copied();
        let first = 2 * start.index();
        self.mark(first);
        let mut queue = VecDeque::from([first]);
        while let Some(state) = queue.pop_front() {
            let (u, met) = (NodeIndex::new(state / 2), state % 2 == 1);
            let mut edges: Vec<(EdgeIndex, NodeIndex)> = g
                .edges(u, Direction::Outgoing)
                .map(|(id, v, _)| (id, v))
                .collect();
            edges.reverse();
            for (edge, v) in edges {
                if self.component.get(v.index()).copied() != home {
                    continue;
                }
                if v == start {
                    if met {
                        return self.hops(start, state, edge);
                    }
                    continue;
                }
                let next = 2 * v.index() + usize::from(met || g.party(v).is_some());
                if self.mark(next) {
                    if let Some(slot) = self.parent.get_mut(next) {
                        *slot = Some((state, edge));
                    }
                    queue.push_back(next);
                }
            }
        }
        None
    }

    /// Marks a state seen; false if it already was.
    fn mark(&mut self, state: usize) -> bool {
        self.seen
            .get_mut(state)
            .is_some_and(|s| !std::mem::replace(s, true))
    }

    /// The loop ending with edge `last` out of `state`, as hops between
    /// visible nodes.
    fn hops(&self, start: NodeIndex, mut state: usize, last: EdgeIndex) -> Option<Vec<Hop>> {
        let g = self.g;
        // The loop's edges from the end back to the start, each with the node it enters.
        let mut path = vec![(g.edge(last)?, start)];
        while let Some(&Some((prev, edge))) = self.parent.get(state) {
            path.push((g.edge(edge)?, NodeIndex::new(state / 2)));
            state = prev;
        }
        path.reverse();
        let mut hops = Vec::new();
        let (mut giver, mut as_role) = (g.party(start)?, None);
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
            if let Some(party) = g.party(entered) {
                giver = party;
            }
        }
        Some(hops)
    }
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
