//! The customer graph: who hands work to whom, built once over petgraph and
//! queried by everything else.
//!
//! Role handoffs are routed through the role instead of being multiplied out
//! person by person, so a role of 20,000 holders handing to another role of
//! 20,000 holders costs about 40,000 edges, not 400 million:
//!
//! ```text
//! holder --holds(0)--> RoleOut(r) --handoff(1)--> RoleIn(s) --holder(0)--> holder of s
//! ```
//!
//! A handoff edge costs one step; the edges that enter and leave a role cost
//! none, so the distance between two people is the number of handoffs.
//!
//! A vacant role is a single visible node. Work handed to it stops there:
//! nobody holds the role, so its own handoffs carry nothing and are not
//! edges of this graph (the diagrams still draw them, from the model).

use petgraph::Direction;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::model::{Org, Party};

/// A node of the customer graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Node {
    /// A person (visible).
    Person(usize),
    /// A role nobody holds (visible).
    VacantRole(usize),
    /// Where handoffs to an occupied role arrive (hidden).
    RoleIn(usize),
    /// Where an occupied role's own handoffs leave from (hidden).
    RoleOut(usize),
    /// An external customer (visible).
    External(usize),
}

impl Node {
    /// The party a visible node stands for; `None` for the hidden role nodes.
    pub fn party(self) -> Option<Party> {
        match self {
            Node::Person(i) => Some(Party::Person(i)),
            Node::VacantRole(i) => Some(Party::Role(i)),
            Node::External(i) => Some(Party::External(i)),
            Node::RoleIn(_) | Node::RoleOut(_) => None,
        }
    }

    /// The party a node belongs to: the role itself for a role's hidden nodes.
    pub fn owner(self) -> Party {
        match self {
            Node::RoleIn(r) | Node::RoleOut(r) => Party::Role(r),
            Node::Person(i) => Party::Person(i),
            Node::VacantRole(i) => Party::Role(i),
            Node::External(i) => Party::External(i),
        }
    }
}

/// An edge of the customer graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edge {
    /// A person holds a role: person -> RoleOut. Costs nothing.
    Holds(usize),
    /// Work handed to an occupied role reaches a holder: RoleIn -> person.
    /// Costs nothing.
    Holder(usize),
    /// A declared handoff: `org.hands_to(from)[index]`. Costs one step.
    Handoff {
        /// Who declares the handoff (a person or a role).
        from: Party,
        /// Its position in that party's `hands_to`.
        index: usize,
    },
}

impl Edge {
    /// How many handoffs the edge counts for: 1 for a handoff, 0 otherwise.
    pub fn cost(self) -> u32 {
        match self {
            Edge::Handoff { .. } => 1,
            Edge::Holds(_) | Edge::Holder(_) => 0,
        }
    }
}

/// The customer graph of an organisation.
///
/// Nodes and edges are added in id order, so iteration order is the same on
/// every run: people first (person `i` is node `i`), then roles, then
/// external customers. petgraph lists a node's edges newest first, and the
/// walks break ties in that order.
#[derive(Debug)]
pub struct CustomerGraph {
    graph: DiGraph<Node, Edge>,
    people: usize,
    role_in: Vec<NodeIndex>,
    role_out: Vec<NodeIndex>,
    externals: Vec<NodeIndex>,
}

impl CustomerGraph {
    /// Builds the graph of `org`. Linear in the size of the file.
    pub fn build(org: &Org) -> Self {
        let mut graph = DiGraph::new();
        for i in 0..org.people.len() {
            graph.add_node(Node::Person(i));
        }
        let (mut role_in, mut role_out) = (Vec::new(), Vec::new());
        for (i, role) in org.roles.iter().enumerate() {
            if role.is_vacant() {
                let node = graph.add_node(Node::VacantRole(i));
                role_in.push(node);
                role_out.push(node);
            } else {
                role_in.push(graph.add_node(Node::RoleIn(i)));
                role_out.push(graph.add_node(Node::RoleOut(i)));
            }
        }
        let externals = (0..org.externals.len())
            .map(|i| graph.add_node(Node::External(i)))
            .collect();
        let mut g = CustomerGraph {
            graph,
            people: org.people.len(),
            role_in,
            role_out,
            externals,
        };
        g.add_edges(org);
        g
    }

    /// Adds every role held, in person order, then the people's handoffs
    /// and the roles', each in declaration order.
    fn add_edges(&mut self, org: &Org) {
        for (p, person) in org.people.iter().enumerate() {
            let me = NodeIndex::new(p);
            for r in &person.roles {
                if let (Some(&out), Some(&into)) =
                    (self.role_out.get(r.role), self.role_in.get(r.role))
                {
                    self.graph.add_edge(me, out, Edge::Holds(r.role));
                    self.graph.add_edge(into, me, Edge::Holder(r.role));
                }
            }
        }
        for p in 0..org.people.len() {
            self.add_handoffs(org, Party::Person(p));
        }
        for (r, role) in org.roles.iter().enumerate() {
            // A vacant role's handoffs carry nothing while nobody holds it.
            if !role.is_vacant() {
                self.add_handoffs(org, Party::Role(r));
            }
        }
    }

    /// Adds the handoffs `from` declares.
    fn add_handoffs(&mut self, org: &Org, from: Party) {
        let Some(source) = self.outgoing(from) else {
            return;
        };
        for (index, h) in org.hands_to(from).iter().enumerate() {
            // "Sometimes the customer is yourself": allowed, never a step.
            if h.to == from && matches!(from, Party::Person(_)) {
                continue;
            }
            if let Some(target) = self.incoming(h.to) {
                self.graph
                    .add_edge(source, target, Edge::Handoff { from, index });
            }
        }
    }

    /// The node work leaves `party` from: the person, the role's out-node
    /// (or its one node when vacant), or the external customer.
    pub fn outgoing(&self, party: Party) -> Option<NodeIndex> {
        match party {
            Party::Person(i) => (i < self.people).then(|| NodeIndex::new(i)),
            Party::Role(i) => self.role_out.get(i).copied(),
            Party::External(i) => self.externals.get(i).copied(),
        }
    }

    /// The node work handed to `party` arrives at.
    pub fn incoming(&self, party: Party) -> Option<NodeIndex> {
        match party {
            Party::Role(i) => self.role_in.get(i).copied(),
            _ => self.outgoing(party),
        }
    }

    /// The node of `party` in `dir`: where its work leaves (outgoing) or
    /// where work handed to it arrives (incoming).
    pub fn node(&self, party: Party, dir: Direction) -> Option<NodeIndex> {
        match dir {
            Direction::Outgoing => self.outgoing(party),
            Direction::Incoming => self.incoming(party),
        }
    }

    /// The graph itself, for petgraph's algorithms.
    pub fn as_petgraph(&self) -> &DiGraph<Node, Edge> {
        &self.graph
    }

    /// What node `n` stands for.
    pub fn kind(&self, n: NodeIndex) -> Option<Node> {
        self.graph.node_weight(n).copied()
    }

    /// The visible party node `n` stands for, if it is visible.
    pub fn party(&self, n: NodeIndex) -> Option<Party> {
        self.kind(n)?.party()
    }

    /// Every node, in index order.
    pub fn node_indices(&self) -> impl Iterator<Item = NodeIndex> + use<> {
        self.graph.node_indices()
    }

    /// The edges leaving `n` (`dir` outgoing) or entering it (incoming), as
    /// (edge, the node at the other end, the edge's data), newest first.
    pub fn edges(
        &self,
        n: NodeIndex,
        dir: Direction,
    ) -> impl Iterator<Item = (EdgeIndex, NodeIndex, Edge)> + '_ {
        self.graph.edges_directed(n, dir).map(move |e| {
            let other = match dir {
                Direction::Outgoing => e.target(),
                Direction::Incoming => e.source(),
            };
            (e.id(), other, *e.weight())
        })
    }

    /// The data of edge `id`.
    pub fn edge(&self, id: EdgeIndex) -> Option<Edge> {
        self.graph.edge_weight(id).copied()
    }

    /// Every edge as (source, target), by index.
    pub fn edge_ends(&self) -> impl Iterator<Item = (NodeIndex, NodeIndex)> + '_ {
        self.graph
            .raw_edges()
            .iter()
            .map(|e| (e.source(), e.target()))
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Number of nodes, hidden role nodes included.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// The nodes of the paying external customers.
    pub fn paying(&self, org: &Org) -> Vec<NodeIndex> {
        org.externals
            .iter()
            .zip(&self.externals)
            .filter(|(e, _)| e.pays)
            .map(|(_, &n)| n)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Input, load};

    fn graph(text: &str) -> (Org, CustomerGraph) {
        let loaded = load(Input::Text {
            name: "t.toml",
            text,
        })
        .expect("the file loads");
        let g = CustomerGraph::build(&loaded.org);
        (loaded.org, g)
    }

    /// Edges come in one order: every role held, in person order, then
    /// the people's handoffs and the roles', each in declaration order;
    /// handing work to yourself is no edge.
    #[test]
    fn edges_come_roles_held_then_handoffs() {
        let (_, g) = graph(
            "[external.buyer]\npays = true\n[roles.desk]\nhands_to = [\"buyer\", \"bo\"]\n\
             [people.ana]\nroles = [\"desk\"]\nhands_to = [\"bo\", \"ana\", \"buyer\"]\n\
             [people.bo]\nroles = [\"desk\"]\nhands_to = [\"desk\"]\n",
        );
        let edges: Vec<Edge> = (0..g.edge_count())
            .filter_map(|i| g.edge(EdgeIndex::new(i)))
            .collect();
        let (ana, bo, desk) = (Party::Person(0), Party::Person(1), Party::Role(0));
        let handoff = |from, index| Edge::Handoff { from, index };
        assert_eq!(
            edges,
            [
                Edge::Holds(0),
                Edge::Holder(0),
                Edge::Holds(0),
                Edge::Holder(0),
                handoff(ana, 0),
                handoff(ana, 2),
                handoff(bo, 0),
                handoff(desk, 0),
                handoff(desk, 1),
            ]
        );
    }

    /// A vacant role is one visible node that receives work and hands
    /// none on, whatever it declares.
    #[test]
    fn a_vacant_role_hands_nothing_on() {
        let (org, g) = graph(
            "[external.buyer]\npays = true\n[roles.open]\nhands_to = [\"buyer\"]\n\
             [people.ana]\nhands_to = [\"open\"]\n",
        );
        let open = g.incoming(Party::Role(0)).expect("the role's node");
        assert_eq!(g.outgoing(Party::Role(0)), Some(open));
        assert_eq!(g.kind(open), Some(Node::VacantRole(0)));
        assert_eq!(g.edges(open, Direction::Incoming).count(), 1);
        assert_eq!(g.edges(open, Direction::Outgoing).count(), 0);
        assert_eq!(org.hands_to(Party::Role(0)).len(), 1);
    }
}
