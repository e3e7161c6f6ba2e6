//! Each party's next step on its shortest chain to a paying customer: the
//! page follows these pointers to pick a chain out, one step per party, so
//! the whole organisation's chains cost one pointer each.
//!
//! A person's step is the first of the chain `chain map` and their card
//! show ([`ToPaying`]); following the steps from there gives that whole
//! chain, since its chains form one tree. An occupied role has no chain of
//! its own there (its holders have theirs); the page starts one with the
//! role's own handoff, by the same rule: of the handoffs that stay on a
//! shortest route, the one to the party whose id sorts first.

use crate::graph::CustomerGraph;
use crate::model::{Org, Party};
use crate::walk::ToPaying;

/// Chains are only followed a step at a time here: a limit of two gives
/// each chain's first step without walking the rest.
const FIRST_STEP: usize = 2;

/// The walk to the paying customers that [`steps`] reads.
pub(super) fn walk(org: &Org, g: &CustomerGraph) -> ToPaying {
    ToPaying::new(org, g, FIRST_STEP)
}

/// The next party after each party on its way to a paying customer, in
/// `parties` order; `None` for a party that reaches none, or is one.
pub(super) fn steps(
    org: &Org,
    g: &CustomerGraph,
    to_paying: &ToPaying,
    parties: impl Iterator<Item = Party>,
) -> Vec<Option<Party>> {
    parties
        .map(|party| match party {
            Party::Role(r) if org.role(r).is_some_and(|role| !role.is_vacant()) => {
                role_step(org, g, to_paying, party)
            }
            _ => {
                let chain = to_paying.chain(g, party)?;
                chain.steps().next().map(|s| s.to)
            }
        })
        .collect()
}

/// The first party an occupied role's own work reaches on a shortest route.
fn role_step(org: &Org, g: &CustomerGraph, to_paying: &ToPaying, role: Party) -> Option<Party> {
    let d = to_paying.distance(g, role).filter(|&d| d > 0)?;
    let on_route = |p: Party| to_paying.distance(g, p) == Some(d - 1);
    org.hands_to(role)
        .iter()
        .filter_map(|h| match h.to {
            // Work handed to an occupied role reaches its holders.
            Party::Role(s) if org.role(s).is_some_and(|r| !r.is_vacant()) => org
                .role(s)?
                .holders
                .iter()
                .map(|&p| Party::Person(p))
                .filter(|&p| on_route(p))
                .min_by(|&a, &b| org.id(a).cmp(org.id(b))),
            to => on_route(to).then_some(to),
        })
        .min_by(|&a, &b| org.id(a).cmp(org.id(b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Input, load};

    /// A person's step is their chain's first; a role's is its own
    /// handoff's, to the holder whose id sorts first; a paying customer and
    /// a vacancy have none.
    #[test]
    fn steps_follow_the_chains() {
        let loaded = load(Input::Text {
            name: "t.toml",
            text: "[external.buyer]\npays = true\n[roles.desk]\nhands_to = [\"pack\"]\n\
                   [roles.pack]\nhands_to = [\"buyer\"]\n[roles.open]\n\
                   [people.zed]\nroles = [\"pack\"]\n[people.amy]\nroles = [\"pack\"]\n\
                   [people.cal]\nroles = [\"desk\"]\nhands_to = [\"open\"]\n",
        })
        .expect("the file loads");
        let org = &loaded.org;
        let g = CustomerGraph::build(org);
        let ids = ["cal", "desk", "zed", "buyer", "open"];
        let parties = ids.iter().filter_map(|id| org.lookup(id));
        let next: Vec<Option<&str>> = steps(org, &g, &walk(org, &g), parties)
            .into_iter()
            .map(|p| p.map(|p| org.id(p)))
            .collect();
        assert_eq!(
            next,
            [Some("amy"), Some("amy"), Some("buyer"), None, None],
            "{ids:?}"
        );
    }
}
