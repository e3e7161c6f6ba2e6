//! `single-point`: a person through whom every chain of some other people to
//! the paying customers passes. If they are away, those people's work is
//! cut off: exactly the people `chain diff FILE --without X` says lose their
//! route, since taking X out leaves their roles vacant where X held them
//! alone, and a vacancy hands nothing on.
//!
//! Turn the customer graph round and start from a root joined to every
//! paying customer: then person X is on every route of person Y to a paying
//! customer exactly when X dominates Y from the root. The dominator tree
//! ([`super::dominators`], near-linear) answers it for everyone at once:
//! X's dependents are the people in X's subtree. The rule is allowed by
//! default: in a small team nearly everyone is a single point for someone.
//!
//! Reports stay bounded: on a line of 100,000 people everyone depends on
//! everyone after them, so a finding gives the number of dependents and
//! names only the nearest few (children in the tree of people before
//! grandchildren, each level by id); its `ids` are the single point and
//! those few.

use compact_str::CompactString;
use petgraph::graph::NodeIndex;

use super::dominators::Dominators;
use super::{Context, NAMED, name_some, people};
use crate::finding::{Code, Finding, Findings};
use crate::graph::{CustomerGraph, Node};
use crate::model::{Org, Party, Person};

/// Who relies on each person: the people for whom they are a single point.
/// Computed once for a whole organisation, then asked person by person.
pub struct Dependents {
    tree: PeopleTree,
}

/// Finds who relies on whom in `org`, over the dominator tree (near-linear).
pub fn dependents(org: &Org, graph: &CustomerGraph) -> Dependents {
    Dependents {
        tree: PeopleTree::new(org, graph),
    }
}

impl Dependents {
    /// How many people rely on person `person` (every chain of theirs to a
    /// paying customer passes through them), and up to `limit` of those
    /// people by index, nearest first (each level of the tree by id).
    pub fn of(&self, graph: &CustomerGraph, person: usize, limit: usize) -> (usize, Vec<usize>) {
        let Some(v) = graph.outgoing(Party::Person(person)) else {
            return (0, Vec::new());
        };
        let count = self.tree.people_under(v.index()).unwrap_or(1);
        let nearest = self.tree.nearest(v.index(), limit);
        let people = nearest
            .into_iter()
            .filter_map(|n| match graph.party(NodeIndex::new(n))? {
                Party::Person(i) => Some(i),
                _ => None,
            });
        (count.saturating_sub(1), people.collect())
    }
}

/// Runs the rule.
pub(super) fn check(cx: &Context<'_>, out: &mut Findings) {
    // With parts of the file left out, who depends on whom is not known.
    if !cx.wants(Code::SinglePoint) || !cx.has_paying() || cx.left_anything_out() {
        return;
    }
    let tree = PeopleTree::new(cx.org, cx.graph);
    for (i, person) in cx.org.people.iter().enumerate() {
        let Some(v) = cx.graph.outgoing(Party::Person(i)) else {
            continue;
        };
        if let Some(under) = tree.people_under(v.index()).filter(|&n| n > 1) {
            out.push(Code::SinglePoint, Some(person.span), || {
                finding(cx, &tree, person, v.index(), under - 1)
            });
        }
    }
}

/// The finding for `person` (node `v`), on whom `dependents` people depend.
fn finding(
    cx: &Context<'_>,
    tree: &PeopleTree,
    person: &Person,
    v: usize,
    dependents: usize,
) -> Finding {
    let id = person.id.as_str();
    let mut ids: Vec<CompactString> = Vec::with_capacity(NAMED + 1);
    ids.push(person.id.clone());
    ids.extend(tree.nearest(v, NAMED).into_iter().filter_map(|n| {
        let party = cx.graph.party(NodeIndex::new(n))?;
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
            "while `{id}` is away, the work of these people reaches no paying customer (`chain diff FILE --without {id}` shows it); give `{id}` cover (a second holder of their role) or a handoff that goes around them, or accept the risk: small teams often do, and `single-point` is reported only when asked for"
        ))
        .ids(ids)
}

/// The dominator tree, reduced to what the rule needs, by depth-first
/// number (see [`Dominators`]).
struct PeopleTree {
    dom: Dominators,
    /// For each number: the number of people in its dominator subtree,
    /// itself included.
    subtree: Vec<usize>,
    /// Each person's children in the tree of people, by number: the
    /// people whose nearest dominating person they are, in id order.
    children: Vec<Vec<usize>>,
}

impl PeopleTree {
    fn new(org: &Org, g: &CustomerGraph) -> Self {
        let dom = turned_dominators(org, g);
        let k = dom.len();
        let is_person = |w: usize| {
            let v = NodeIndex::new(dom.vertex(w));
            matches!(g.kind(v), Some(Node::Person(_)))
        };
        // Top down, in number order: the nearest person at or above each
        // number, and the nearest strictly above each person's node.
        let mut nearest: Vec<Option<usize>> = vec![None; k];
        let mut person_above: Vec<Option<usize>> = vec![None; g.node_count()];
        for w in 1..k {
            let above = nearest.get(dom.idom_number(w)).copied().flatten();
            let here = if is_person(w) {
                if let Some(slot) = person_above.get_mut(dom.vertex(w)) {
                    *slot = above;
                }
                Some(w)
            } else {
                above
            };
            if let Some(slot) = nearest.get_mut(w) {
                *slot = here;
            }
        }
        // People per subtree, bottom up.
        let mut subtree: Vec<usize> = (0..k).map(|w| usize::from(is_person(w))).collect();
        for w in (1..k).rev() {
            let d = dom.idom_number(w);
            let here = subtree.get(w).copied().unwrap_or(0);
            if let Some(slot) = subtree.get_mut(d) {
                *slot += here;
            }
        }
        // Nodes come in index order, and people's indices follow their ids.
        let mut children = vec![Vec::new(); k];
        for (v, above) in person_above.iter().enumerate() {
            if let (Some(above), Some(w)) = (above, dom.number(v)) {
                if let Some(list) = children.get_mut(*above) {
                    list.push(w);
                }
            }
        }
        PeopleTree {
            dom,
            subtree,
            children,
        }
    }

    /// The number of people in the dominator subtree of node `v`, itself
    /// included; `None` for nodes that do not reach a paying customer.
    fn people_under(&self, v: usize) -> Option<usize> {
        self.dom
            .number(v)
            .and_then(|w| self.subtree.get(w).copied())
    }

    /// Up to `limit` of the people below `v`, nearest first: a
    /// breadth-first walk that stops as soon as it has enough.
    fn nearest(&self, v: usize, limit: usize) -> Vec<usize> {
        let mut found: Vec<usize> = Vec::with_capacity(limit.min(NAMED));
        let (mut parent, mut next) = (self.dom.number(v), 0);
        while let Some(u) = parent.filter(|_| found.len() < limit) {
            let room = limit - found.len();
            found.extend(self.children.get(u).into_iter().flatten().take(room));
            parent = found.get(next).copied();
            next += 1;
        }
        found.into_iter().map(|w| self.dom.vertex(w)).collect()
    }
}

/// The dominators of the customer graph turned round, from a root joined
/// to every paying customer: person X is on every route of Y to a paying
/// customer exactly when X dominates Y.
fn turned_dominators(org: &Org, g: &CustomerGraph) -> Dominators {
    let root = g.node_count();
    let mut succ = vec![Vec::new(); root + 1];
    let mut pred = vec![Vec::new(); root + 1];
    for (s, t) in g.edge_ends() {
        if let Some(list) = succ.get_mut(t.index()) {
            list.push(s.index());
        }
        if let Some(list) = pred.get_mut(s.index()) {
            list.push(t.index());
        }
    }
    for p in g.paying(org) {
        if let Some(list) = succ.get_mut(root) {
            list.push(p.index());
        }
        if let Some(list) = pred.get_mut(p.index()) {
            list.push(root);
        }
    }
    Dominators::new(&succ, &pred, root)
}
