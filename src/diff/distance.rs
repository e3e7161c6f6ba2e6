//! Distances to the paying customers before and after: one search over
//! each customer graph, then a join of the people by id.

use petgraph::Direction;

use super::DistanceChange;
use crate::graph::CustomerGraph;
use crate::model::{Org, Party};
use crate::walk::Search;

/// Every person in both organisations whose fewest handoffs to a paying
/// customer differ, by id.
pub(super) fn compare<'a>(old: &'a Org, new: &'a Org) -> Vec<DistanceChange<'a>> {
    let (before, after) = (distances(old), distances(new));
    old.people
        .iter()
        .zip(before)
        .filter_map(|(person, before)| {
            let Some(Party::Person(j)) = new.lookup(&person.id) else {
                return None;
            };
            let after = after.get(j).copied().flatten();
            (before != after).then(|| DistanceChange {
                id: &person.id,
                name: new.name(Party::Person(j)),
                before,
                after,
            })
        })
        .collect()
}

/// Each person's fewest handoffs to a paying customer (`None`: no route),
/// indexed like `org.people`.
fn distances(org: &Org) -> Vec<Option<u32>> {
    let g = CustomerGraph::build(org);
    let search = Search::run(&g, &g.paying(org), Direction::Incoming, None);
    (0..org.people.len())
        .map(|i| {
            g.outgoing(Party::Person(i))
                .and_then(|n| search.distance(n))
        })
        .collect()
}
