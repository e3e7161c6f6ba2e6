//! The customer graph: who hands work to whom, built once and queried by
//! everything else, with petgraph's index and direction types.
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

mod rows;
mod stored;

use petgraph::Direction;
use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::model::{Org, Party};

pub(crate) use rows::Grouping;
use rows::Rows;
use stored::Stored;

/// The rows of `edges` between `len` nodes: each source's edges, or each
/// target's when `turned`.
fn rows(len: usize, edges: &[Stored], turned: bool) -> Rows {
    let ends = move |e: &Stored| {
        let (s, t) = e.ends();
        let (s, t) = (s.index() as u32, t.index() as u32);
        let (u, v) = if turned { (t, s) } else { (s, t) };
        (u, v, e.is_handoff())
    };
    Rows::new(len, edges.iter().map(ends))
}

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
///
/// Nodes and edges are added in id order, so iteration order is the same
/// on every run. Each node's edges are kept in compressed rows, both ways
/// (`rows.rs`), newest first.
#[derive(Debug)]
pub struct CustomerGraph {
    /// How many people there are: their nodes come first, person `i` at
    /// node `i`, so neither list below holds them.
    people: usize,
    /// The nodes after the people's (roles', then external customers'):
    /// node `people + k` is `nodes[k]`.
    nodes: Vec<Node>,
    /// Every edge, by index.
    edges: Vec<Stored>,
    outgoing: Rows,
    incoming: Rows,
    role_in: Vec<NodeIndex>,
    role_out: Vec<NodeIndex>,
    externals: Vec<NodeIndex>,
}

impl CustomerGraph {
    /// Builds the graph of `org`. Linear in the size of the file.
    pub fn build(org: &Org) -> Self {
        let people = org.people.len();
        let mut nodes = Vec::with_capacity(2 * org.roles.len() + org.externals.len());
        let mut add = |node: Node| {
            nodes.push(node);
            NodeIndex::new(people + nodes.len() - 1)
        };
        let mut role_in = Vec::with_capacity(org.roles.len());
        let mut role_out = Vec::with_capacity(org.roles.len());
        for (i, role) in org.roles.iter().enumerate() {
            if role.is_vacant() {
                let node = add(Node::VacantRole(i));
                role_in.push(node);
                role_out.push(node);
            } else {
                role_in.push(add(Node::RoleIn(i)));
                role_out.push(add(Node::RoleOut(i)));
            }
        }
        let externals = (0..org.externals.len())
            .map(|i| add(Node::External(i)))
            .collect();
        let mut g = CustomerGraph {
            nodes,
            edges: Vec::with_capacity(most_edges(org)),
            outgoing: Rows::default(),
            incoming: Rows::default(),
            people,
            role_in,
            role_out,
            externals,
        };
        g.add_edges(org);
        g.index_edges();
        g
    }

    /// Lays out every node's edges in rows, both ways: at once on two
    /// cores when there are enough edges to be worth a thread.
    fn index_edges(&mut self) {
        let (len, edges) = (self.node_count(), self.edges.as_slice());
        (self.outgoing, self.incoming) =
            crate::ordered::both_ways(edges.len(), |turned| rows(len, edges, turned));
    }

    /// Adds the edges of every role held, in person order, and then every
    /// handoff, people's before roles': in one pass over the people, whose
    /// handoffs wait in a list of their own (two passes read a million
    /// people's 130 MB twice).
    fn add_edges(&mut self, org: &Org) {
        let mut handoffs = Vec::new();
        // People's roles and handoffs lie where the file put them, in
        // random places in id order: those of a person some people on
        // are asked for first.
        for (p, person) in org.people.iter().enumerate() {
            if let Some(later) = org.people.get(p + crate::prefetch::AHEAD) {
                crate::prefetch::first(&later.roles);
                crate::prefetch::first(&later.hands_to);
            }
            for r in &person.roles {
                if let (Some(from), Some(&out), Some(&into)) = (
                    self.person(p),
                    self.role_out.get(r.role),
                    self.role_in.get(r.role),
                ) {
                    self.add(from, out, Edge::Holds(r.role));
                    self.add(into, from, Edge::Holder(r.role));
                }
            }
            self.handoffs(org, Party::Person(p), &mut handoffs);
        }
        for r in 0..org.roles.len() {
            self.handoffs(org, Party::Role(r), &mut handoffs);
        }
        self.edges.append(&mut handoffs);
    }

    /// Adds to `edges` the handoffs of `from`.
    fn handoffs(&self, org: &Org, from: Party, edges: &mut Vec<Stored>) {
        let Some(source) = self.outgoing(from) else {
            return;
        };
        for (index, h) in org.hands_to(from).iter().enumerate() {
            // "Sometimes the customer is yourself": allowed, never a step.
            if h.to == from && matches!(from, Party::Person(_)) {
                continue;
            }
            if let Some(target) = self.incoming(h.to) {
                edges.extend(Stored::new(source, target, Edge::Handoff { from, index }));
            }
        }
    }

    /// Adds the edge from `source` to `target`.
    fn add(&mut self, source: NodeIndex, target: NodeIndex, edge: Edge) {
        self.edges.extend(Stored::new(source, target, edge));
    }

    /// The node work leaves `party` from: the person, the role's out-node,
    /// or the external customer.
    pub fn outgoing(&self, party: Party) -> Option<NodeIndex> {
        match party {
            Party::Person(i) => return self.person(i),
            Party::Role(i) => self.role_out.get(i),
            Party::External(i) => self.externals.get(i),
        }
        .copied()
    }

    /// The node work handed to `party` arrives at.
    pub fn incoming(&self, party: Party) -> Option<NodeIndex> {
        match party {
            Party::Person(i) => return self.person(i),
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
        // A person's node is known from its index, with no list to read:
        // the walks ask this of nodes met at random, and on a million
        // people reading a list was a trip to memory apiece.
        let i = n.index();
        match i.checked_sub(self.people) {
            None => Some(Node::Person(i)),
            Some(k) => self.nodes.get(k).copied(),
        }
    }

    /// Every node, in index order.
    pub fn node_indices(&self) -> impl Iterator<Item = NodeIndex> + use<> {
        (0..self.node_count()).map(NodeIndex::new)
    }

    /// The edges leaving `n` (`dir` outgoing) or entering it (incoming), as
    /// (edge, the node at the other end, the edge's data), newest first.
    pub fn edges(
        &self,
        n: NodeIndex,
        dir: Direction,
    ) -> impl Iterator<Item = (EdgeIndex, NodeIndex, Edge)> + '_ {
        self.neighbours(n, dir)
            .filter_map(|(id, other, _)| Some((id, other, self.edge(id)?)))
    }

    /// [`CustomerGraph::edges`] with each edge's cost instead of its data,
    /// read from the row alone: what a search needs, without a trip to the
    /// edge list for every edge.
    pub fn neighbours(
        &self,
        n: NodeIndex,
        dir: Direction,
    ) -> impl DoubleEndedIterator<Item = (EdgeIndex, NodeIndex, u32)> + '_ {
        self.rows(dir).row(n.index() as u32).iter().map(|e| {
            let other = NodeIndex::new(e.other() as usize);
            (EdgeIndex::new(e.edge() as usize), other, e.cost())
        })
    }

    /// Asks for the first read of [`CustomerGraph::neighbours`] of `n`:
    /// where its row starts (a few nodes before it is read).
    pub(crate) fn prefetch_row_start(&self, n: NodeIndex, dir: Direction) {
        self.rows(dir).prefetch_start(n.index() as u32);
    }

    /// Asks for the second read: `n`'s row itself, once its start has come.
    pub(crate) fn prefetch_row(&self, n: NodeIndex, dir: Direction) {
        self.rows(dir).prefetch_row(n.index() as u32);
    }

    fn rows(&self, dir: Direction) -> &Rows {
        match dir {
            Direction::Outgoing => &self.outgoing,
            Direction::Incoming => &self.incoming,
        }
    }

    /// The data of edge `id`.
    pub fn edge(&self, id: EdgeIndex) -> Option<Edge> {
        self.edges.get(id.index()).map(|e| e.edge())
    }

    /// Every edge as (source, target), by index.
    pub fn edge_ends(&self) -> impl Iterator<Item = (NodeIndex, NodeIndex)> + '_ {
        self.edges.iter().map(|e| e.ends())
    }

    /// The node of person `i`.
    fn person(&self, i: usize) -> Option<NodeIndex> {
        (i < self.people).then(|| NodeIndex::new(i))
    }

    /// The roles' nodes (in- and out-nodes, vacant roles), which come after
    /// the people's and before the external customers'.
    pub fn role_nodes(&self) -> std::ops::Range<usize> {
        self.people..self.node_count().saturating_sub(self.externals.len())
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// Number of nodes, hidden role nodes included.
    pub fn node_count(&self) -> usize {
        self.people + self.nodes.len()
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

/// The most edges [`CustomerGraph::build`] adds: two for each role a person
/// holds and one for each handoff, so the list is allocated once (grown by
/// doubling, it took up to twice the room).
fn most_edges(org: &Org) -> usize {
    let people: usize = org
        .people
        .iter()
        .map(|p| 2 * p.roles.len() + p.hands_to.len())
        .sum();
    people + org.roles.iter().map(|r| r.hands_to.len()).sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Input, load};

    /// Laid out at once on two cores, the rows are the rows laid out one
    /// way after the other.
    #[test]
    fn rows_at_once_are_the_rows_in_turn() {
        let mut text =
            String::from("[external.buyer]\npays = true\n[roles.desk]\nhands_to = [\"buyer\"]\n");
        for i in 0..crate::ordered::BOTH_WAYS_FROM / 2 {
            text.push_str(&format!(
                "[people.p{i}]\nroles = [\"desk\"]\nhands_to = [\"p{}\"]\n",
                i + 1
            ));
        }
        let loaded = load(Input::Text {
            name: "rows.toml",
            text: &text,
        })
        .expect("the file loads");
        let g = CustomerGraph::build(&loaded.org);
        assert!(g.edges.len() >= crate::ordered::BOTH_WAYS_FROM);
        assert_eq!(g.outgoing, rows(g.node_count(), &g.edges, false));
        assert_eq!(g.incoming, rows(g.node_count(), &g.edges, true));
        assert_ne!(g.outgoing, g.incoming);
    }

    /// Edges come in one order: every role held, in person order, then
    /// the people's handoffs and the roles', each in declaration order.
    #[test]
    fn edges_come_roles_held_then_handoffs() {
        let text = "[external.buyer]\npays = true\n[roles.desk]\nhands_to = [\"buyer\", \"bo\"]\n\
                    [people.ana]\nroles = [\"desk\"]\nhands_to = [\"bo\", \"ana\", \"buyer\"]\n\
                    [people.bo]\nroles = [\"desk\"]\nhands_to = [\"desk\"]\n";
        let loaded = load(Input::Text {
            name: "edges.toml",
            text,
        })
        .expect("the file loads");
        let g = CustomerGraph::build(&loaded.org);
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

    /// The roles' nodes are exactly the nodes of roles, people's before
    /// them and external customers' after.
    #[test]
    fn role_nodes_are_the_roles() {
        let text = "[external.buyer]\npays = true\n[roles.desk]\nhands_to = [\"buyer\"]\n\
                    [roles.empty]\n[people.ana]\nroles = [\"desk\"]\n[people.bo]\n";
        let loaded = load(Input::Text {
            name: "roles.toml",
            text,
        })
        .expect("the file loads");
        let g = CustomerGraph::build(&loaded.org);
        let of_roles = |n: NodeIndex| {
            matches!(
                g.kind(n),
                Some(Node::RoleIn(_) | Node::RoleOut(_) | Node::VacantRole(_))
            )
        };
        let roles: Vec<usize> = g
            .node_indices()
            .filter(|&n| of_roles(n))
            .map(NodeIndex::index)
            .collect();
        assert_eq!(roles, g.role_nodes().collect::<Vec<_>>());
        assert_eq!(roles.len(), 3);
    }
}
