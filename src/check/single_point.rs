//! `single-point`: a person through whom every chain of some other people to
//! the paying customers passes. If they are away, those people's work is
//! cut off.
//!
//! Turn the customer graph round and start from a root joined to every
//! paying customer (the context's sink): then person X is on every route of
//! person Y to a paying customer exactly when X dominates Y from the root. The dominator tree
//! ([`super::dominators`], near-linear) answers it for everyone at once:
//! X's dependents are the people in X's subtree.
//!
//! Reports stay bounded: on a line of 100,000 people everyone depends on
//! everyone after them, so a finding gives the number of dependents and
//! names only the nearest few (children in the tree of people before
//! grandchildren, each level by id); its `ids` are the single point and
//! those few.

use std::ops::Range;

use compact_str::CompactString;
use petgraph::graph::NodeIndex;

use super::adjacency::{Adjacency, NONE, at, set};
use super::dominators::Dominators;
use super::{Context, NAMED, name_some, people};
use crate::finding::{Code, Finding};
use crate::graph::Node;
use crate::model::{Party, Person};

/// Runs the rule.
pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !cx.wants(Code::SinglePoint) || !cx.has_paying() {
        return;
    }
    let tree = PeopleTree::new(cx);
    // On a line of 100,000 people nearly everyone is a single point: the
    // findings are written on every core, each thread a run of people.
    let runs = crate::ordered::per_thread(cx.org.people.len(), PEOPLE_PER_THREAD);
    let found = crate::ordered::map_in_order(runs, |run| findings(cx, &tree, run));
    for mut some in found {
        out.append(&mut some);
    }
}

/// People below which one thread writes all the findings.
const PEOPLE_PER_THREAD: usize = 4096;

/// The findings for people `run`, in order.
fn findings(cx: &Context<'_>, tree: &PeopleTree, run: Range<usize>) -> Vec<Finding> {
    let mut out = Vec::new();
    for i in run {
        let (Some(person), Some(node)) =
            (cx.org.people.get(i), cx.graph.outgoing(Party::Person(i)))
        else {
            continue;
        };
        let v = node.index() as u32;
        match tree.people_under(v) {
            None | Some(0 | 1) => {}
            Some(in_subtree) => out.push(finding(cx, tree, person, v, in_subtree as usize - 1)),
        }
    }
    out
}

/// The finding for `person` (node `v`), on whom `dependents` people depend.
fn finding(
    cx: &Context<'_>,
    tree: &PeopleTree,
    person: &Person,
    v: u32,
    dependents: usize,
) -> Finding {
    let id = person.id.as_str();
    let mut ids: Vec<CompactString> = Vec::with_capacity(NAMED + 1);
    ids.push(person.id.clone());
    ids.extend(tree.nearest(v).into_iter().filter_map(|n| {
        let party = cx.graph.kind(NodeIndex::new(n as usize))?.party()?;
        Some(CompactString::from(cx.org.id(party)))
    }));
    let mut message = format!(
        "person `{id}` is a single point for {}: ",
        people(dependents)
    );
    let named = ids.iter().skip(1).map(CompactString::as_str);
    name_some(&mut message, named, dependents);
    Finding::new(Code::SinglePoint, message)
        .at(person.span)
        .label("every chain of these people to a paying customer passes here")
        .help(format!(
            "when `{id}` is away, the work of these people reaches no paying customer; give `{id}` cover (a second holder of their role) or add a handoff that goes around them"
        ))
        .ids(ids)
}

/// The dominator tree, reduced to what the rule needs, by depth-first
/// number (see [`Dominators`]).
struct PeopleTree {
    dom: Dominators,
    /// For each number: the number of people in its dominator subtree,
    /// itself included.
    subtree: Vec<u32>,
    /// Each person's children in the tree of people, by number: the
    /// people whose nearest dominating person they are, in id order.
    children: Adjacency,
}

impl PeopleTree {
    fn new(cx: &Context<'_>) -> Self {
        let g = cx.graph;
        // Turned round, from the sink: the dominators of the paying customers' givers.
        let dom = Dominators::new(&cx.back, &cx.flow, cx.sink);
        let k = dom.len();
        let is_person = |w: u32| {
            let v = NodeIndex::new(dom.vertex(w) as usize);
            matches!(g.kind(v), Some(Node::Person(_)))
        };
        // Top down, in number order: the nearest person at or above each
        // number, and the nearest strictly above each person's node.
        let mut nearest = vec![NONE; k as usize];
        let mut person_above = vec![NONE; cx.flow.len()];
        for w in 1..k {
            let above = at(&nearest, dom.idom_number(w));
            if is_person(w) {
                set(&mut person_above, dom.vertex(w), above);
                set(&mut nearest, w, w);
            } else {
                set(&mut nearest, w, above);
            }
        }
        // People per subtree, bottom up.
        let mut subtree: Vec<u32> = (0..k).map(|w| u32::from(is_person(w))).collect();
        for w in (1..k).rev() {
            let d = dom.idom_number(w);
            let sum = at(&subtree, d).saturating_add(at(&subtree, w));
            set(&mut subtree, d, sum);
        }
        // Nodes come in index order, and people's indices follow their ids.
        let people_edges: Vec<(u32, u32)> = (0..person_above.len() as u32)
            .filter_map(|v| {
                let above = Some(at(&person_above, v)).filter(|&p| p != NONE)?;
                Some((above, dom.number(v)?))
            })
            .collect();
        PeopleTree {
            children: Adjacency::new(k as usize, &people_edges),
            dom,
            subtree,
        }
    }

    /// The number of people in the dominator subtree of node `v`, itself
    /// included; `None` for nodes that do not reach a paying customer.
    fn people_under(&self, v: u32) -> Option<u32> {
        self.dom.number(v).map(|w| at(&self.subtree, w))
    }

    /// Up to [`NAMED`] of the people below `v`, nearest first: a
    /// breadth-first walk that stops as soon as it has enough.
    fn nearest(&self, v: u32) -> Vec<u32> {
        let mut found: Vec<u32> = Vec::with_capacity(NAMED);
        let (mut parent, mut next) = (self.dom.number(v), 0);
        while let Some(u) = parent.filter(|_| found.len() < NAMED) {
            let room = NAMED - found.len();
            found.extend(self.children.successors(u).iter().take(room));
            parent = found.get(next).copied();
            next += 1;
        }
        found.into_iter().map(|w| self.dom.vertex(w)).collect()
    }
}
