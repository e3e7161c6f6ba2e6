//! Every declared handoff, looked up by who receives it: who hands work to
//! each party. Built once for all the cards of a run.

use crate::model::{Org, Party};

/// The handoffs of a team file by receiver.
#[derive(Debug)]
pub(super) struct Incoming {
    /// (receiver, giver, index in the giver's `hands_to`), sorted.
    by_receiver: Vec<(Party, Party, usize)>,
}

impl Incoming {
    /// Indexes every handoff of `org`, people's and roles' (vacant roles'
    /// too: their cards say what they would hand on).
    pub(super) fn new(org: &Org) -> Self {
        let people = (0..org.people.len()).map(Party::Person);
        let givers = people.chain((0..org.roles.len()).map(Party::Role));
        let mut by_receiver: Vec<(Party, Party, usize)> = givers
            .flat_map(|from| {
                let handoffs = org.hands_to(from).iter().enumerate();
                handoffs.map(move |(i, h)| (h.to, from, i))
            })
            .collect();
        // Givers by kind and id (indices follow ids), each in file order.
        by_receiver.sort_unstable();
        Incoming { by_receiver }
    }

    /// The handoffs to `party`, as (giver, index in the giver's `hands_to`).
    pub(super) fn to(&self, party: Party) -> impl Iterator<Item = (Party, usize)> + '_ {
        let start = self.by_receiver.partition_point(|&(to, _, _)| to < party);
        let rest = self.by_receiver.get(start..).unwrap_or_default();
        rest.iter()
            .take_while(move |&&(to, _, _)| to == party)
            .map(|&(_, from, i)| (from, i))
    }
}
