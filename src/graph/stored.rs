//! An edge as the graph keeps it: its two ends and its data in 16 bytes,
//! where `(NodeIndex, NodeIndex, Edge)` took 40. A million people make
//! two million edges or more (each holds a role, and each role reaches
//! its holders), so this is 50 MB less to write, and to read when the rows
//! are laid out.

use petgraph::graph::NodeIndex;

use super::Edge;
use crate::model::Party;

/// The `index` of a [`Edge::Holds`] edge.
const HOLDS: u32 = u32::MAX;
/// The `index` of a [`Edge::Holder`] edge.
const HOLDER: u32 = u32::MAX - 1;

/// An edge, stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Stored {
    source: u32,
    target: u32,
    /// The role of a hold or holder edge; the [`Party::code`] of who
    /// declares a handoff.
    what: u32,
    /// The position of a handoff in its declarer's list, or [`HOLDS`] or
    /// [`HOLDER`].
    index: u32,
}

impl Stored {
    /// The edge from `source` to `target`; `None` for numbers past 32 bits
    /// (a team file holds far fewer parties and handoffs: see
    /// [`Party::CODES`]).
    pub(super) fn new(source: NodeIndex, target: NodeIndex, edge: Edge) -> Option<Self> {
        let number = |n: usize| u32::try_from(n).ok();
        let (what, index) = match edge {
            Edge::Holds(r) => (number(r)?, HOLDS),
            Edge::Holder(r) => (number(r)?, HOLDER),
            Edge::Handoff { from, index } => (from.code()?, number(index).filter(|&i| i < HOLDER)?),
        };
        Some(Stored {
            source: number(source.index())?,
            target: number(target.index())?,
            what,
            index,
        })
    }

    /// The source and the target.
    pub(super) fn ends(self) -> (NodeIndex, NodeIndex) {
        (
            NodeIndex::new(self.source as usize),
            NodeIndex::new(self.target as usize),
        )
    }

    /// The edge's data.
    pub(super) fn edge(self) -> Edge {
        match self.index {
            HOLDS => Edge::Holds(self.what as usize),
            HOLDER => Edge::Holder(self.what as usize),
            index => Edge::Handoff {
                from: Party::from_code(self.what),
                index: index as usize,
            },
        }
    }

    /// Whether the edge is a handoff, which costs a step.
    pub(super) fn is_handoff(self) -> bool {
        self.index < HOLDER
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of edge comes back as it went in, ends and all.
    #[test]
    fn edges_round_trip() {
        let (a, b) = (NodeIndex::new(7), NodeIndex::new(1_000_000));
        let edges = [
            Edge::Holds(0),
            Edge::Holder(65_000),
            Edge::Handoff {
                from: Party::Person(999_999),
                index: 0,
            },
            Edge::Handoff {
                from: Party::Role(3),
                index: 41,
            },
            Edge::Handoff {
                from: Party::External(2),
                index: 5,
            },
        ];
        for edge in edges {
            let stored = Stored::new(a, b, edge).expect("fits");
            assert_eq!(stored.ends(), (a, b));
            assert_eq!(stored.edge(), edge);
            assert_eq!(stored.is_handoff(), edge.cost() > 0);
        }
        assert_eq!(std::mem::size_of::<Stored>(), 16);
    }
}
