//! The customer graph: who hands work to whom, built once over petgraph and
//! queried by everything else.
//!
//! Role handoffs are routed through the role instead of being multiplied out
//! person by person, so a role of 20,000 holders handing to another role of
//! 20,000 holders costs about 40,000 edges, not 400 million:
//!
//! ```text
//! holder --hold(0)--> RoleOut(r) --handoff(1)--> RoleIn(s) --holder(0)--> holder of s
//! ```
//!
//! A handoff edge costs one step; the edges that enter and leave a role cost
//! none, so the distance between two people is the number of handoffs. A
//! vacant role is a single visible node: work handed to it shows in chains and
//! goes on through the role's own handoffs.

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
#[derive(Debug)]
pub struct CustomerGraph {
    /// The graph itself; nodes and edges are added in id order, so
    /// iteration order is the same on every run.
    pub graph: DiGraph<Node, Edge, u32>,
    people: Vec<NodeIndex>,
    role_in: Vec<NodeIndex>,
    role_out: Vec<NodeIndex>,
    externals: Vec<NodeIndex>,
}

impl CustomerGraph {
    /// Builds the graph of `org`. Linear in the size of the file.
    pub fn build(org: &Org) -> Self {
        let nodes = org.people.len() + 2 * org.roles.len() + org.externals.len();
        let mut graph = DiGraph::with_capacity(nodes, nodes * 2);
        let people: Vec<NodeIndex> = (0..org.people.len())
            .map(|i| graph.add_node(Node::Person(i)))
            .collect();
        let mut role_in = Vec::with_capacity(org.roles.len());
        let mut role_out = Vec::with_capacity(org.roles.len());
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
            people,
            role_in,
            role_out,
            externals,
        };
        g.add_roles(org);
        g.add_handoffs(org);
        g
    }

    fn add_roles(&mut self, org: &Org) {
        for (p, person) in org.people.iter().enumerate() {
            for r in &person.roles {
                if let (Some(&from), Some(&out), Some(&into)) = (
                    self.people.get(p),
                    self.role_out.get(r.role),
                    self.role_in.get(r.role),
                ) {
                    self.graph.add_edge(from, out, Edge::Holds(r.role));
                    self.graph.add_edge(into, from, Edge::Holder(r.role));
                }
            }
        }
    }

    fn add_handoffs(&mut self, org: &Org) {
        let givers = (0..org.people.len())
            .map(Party::Person)
            .chain((0..org.roles.len()).map(Party::Role));
        for from in givers {
            let Some(source) = self.outgoing(from) else {
                continue;
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
    }

    /// The node work leaves `party` from: the person, the role's out-node,
    /// or the external customer.
    pub fn outgoing(&self, party: Party) -> Option<NodeIndex> {
        match party {
            Party::Person(i) => self.people.get(i),
            Party::Role(i) => self.role_out.get(i),
            Party::External(i) => self.externals.get(i),
        }
        .copied()
    }

    /// The node work handed to `party` arrives at.
    pub fn incoming(&self, party: Party) -> Option<NodeIndex> {
        match party {
            Party::Person(i) => self.people.get(i),
            Party::Role(i) => self.role_in.get(i),
            Party::External(i) => self.externals.get(i),
        }
        .copied()
    }

    /// The node of a person or external customer, or of a role in `dir`
    /// (outgoing: where its work leaves; incoming: where work arrives).
    pub fn node(&self, party: Party, dir: Direction) -> Option<NodeIndex> {
        match dir {
            Direction::Outgoing => self.outgoing(party),
            Direction::Incoming => self.incoming(party),
        }
    }

    /// What node `n` stands for.
    pub fn kind(&self, n: NodeIndex) -> Option<Node> {
        self.graph.node_weight(n).copied()
    }

    /// The edges leaving `n` (`dir` outgoing) or entering it (incoming), as
    /// (edge, the node at the other end, the edge's data).
    pub fn edges(
        &self,
        n: NodeIndex,
        dir: Direction,
    ) -> impl Iterator<Item = (EdgeIndex, NodeIndex, Edge)> + '_ {
        self.graph.edges_directed(n, dir).map(move |e| {
            let other = if dir == Direction::Outgoing {
                e.target()
            } else {
                e.source()
            };
            (e.id(), other, *e.weight())
        })
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
