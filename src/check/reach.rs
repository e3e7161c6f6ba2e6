//! `dead-end`: a person or role whose work never reaches a paying customer.
//!
//! A party's work reaches a paying customer when its out-node (the person,
//! or the role's out-node) has a distance to one in `chain map`: exactly
//! the nodes found by one walk back from the paying customers, linear.
//!
//! Two cases are left to other codes, so one problem gets one finding: a
//! party that hands work to no one at all is `no-customer`, and a file with
//! no paying customer is `no-paying-customer` (everyone would be a dead end).

use super::Context;
use crate::finding::{Code, Finding};
use crate::model::Party;

/// Runs the rule.
pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if !cx.wants(Code::DeadEnd) || !cx.has_paying() {
        return;
    }
    let (org, g) = (cx.org, cx.graph);
    // Every node from which a paying customer is reached: the nodes the
    // sink reaches with the graph turned round.
    let reaches_paying = cx.back.reached_from(cx.sink);
    let people = (0..org.people.len()).map(Party::Person);
    let roles = (0..org.roles.len()).map(Party::Role);
    for party in people.chain(roles) {
        let reaches = g
            .outgoing(party)
            .is_some_and(|n| reaches_paying.get(n.index()) == Some(&true));
        if reaches || !cx.hands_on(party) {
            continue;
        }
        let Some(span) = org.span(party) else {
            continue;
        };
        let (kind, pronoun) = match party {
            Party::Role(_) => ("role", "its"),
            _ => ("person", "their"),
        };
        let id = org.id(party);
        out.push(
            Finding::new(
                Code::DeadEnd,
                format!("the work of {kind} `{id}` never reaches a paying customer"),
            )
            .at(span)
            .label("no chain from here reaches a paying customer")
            .help(format!(
                "`chain map FILE {id}` lists everyone {pronoun} work reaches; add a handoff from `{id}`, or from one of them, towards a paying customer"
            ))
            .ids([id]),
        );
    }
}
