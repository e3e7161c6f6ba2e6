//! Distances to the paying customers before and after: one search over
//! each customer graph, then a join of the people by id. For a route lost,
//! the vacancies that stop the work after the change.

use petgraph::Direction;

use super::DistanceChange;
use crate::graph::CustomerGraph;
use crate::model::{Org, Party};
use crate::walk::{Search, Stops};

/// Every person in both organisations whose fewest handoffs to a paying
/// customer differ, by id.
pub(super) fn compare<'a>(old: &'a Org, new: &'a Org) -> Vec<DistanceChange<'a>> {
    let before = Distances::new(old);
    let after = Distances::new(new);
    let stops = Stops::new(new, &after.graph, &after.search);
    old.people
        .iter()
        .enumerate()
        .filter_map(|(i, person)| {
            let Some(Party::Person(j)) = new.lookup(&person.id) else {
                return None;
            };
            let (was, is) = (before.of(i), after.of(j));
            let (vacancies, more) = stops.of(&after.graph, Party::Person(j));
            (was != is).then(|| DistanceChange {
                id: &person.id,
                name: new.name(Party::Person(j)),
                before: was,
                after: is,
                stopped_at: vacancies
                    .iter()
                    .filter_map(|&r| Some(new.role(r)?.id.as_str()))
                    .collect(),
                stopped_at_more: more,
            })
        })
        .collect()
}

/// Every node's fewest handoffs to a paying customer in one organisation.
struct Distances {
    graph: CustomerGraph,
    search: Search,
}

impl Distances {
    fn new(org: &Org) -> Self {
        let graph = CustomerGraph::build(org);
        let search = Search::run(&graph, &graph.paying(org), Direction::Incoming, None);
        Distances { graph, search }
    }

    /// Person `i`'s distance; `None` for no route.
    fn of(&self, i: usize) -> Option<u32> {
        let n = self.graph.outgoing(Party::Person(i))?;
        self.search.distance(n)
    }
}
