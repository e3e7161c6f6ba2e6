//! `dead-end`: a person or role whose work never reaches a paying customer.
//!
//! A party's work reaches a paying customer when its out-node (the person,
//! or the role's out-node) has a distance to one, as in `chain map`. Where
//! the work stops at a vacant role that would carry it on if someone held
//! it, the finding names the vacancy: filling the post is the fix.
//!
//! Two cases are left to other codes, so one problem gets one finding: a
//! party that hands work to no one at all is `no-customer`, and a file with
//! no paying customer is `no-paying-customer` (everyone would be a dead end).

use super::Context;
use crate::finding::{Code, Finding, Findings};
use crate::model::Party;
use crate::walk::Stops;

/// Runs the rule.
pub(super) fn check(cx: &Context<'_>, out: &mut Findings) {
    if !cx.wants(Code::DeadEnd) || !cx.has_paying() {
        return;
    }
    let org = cx.org;
    let stops = Stops::new(org, cx.graph, &cx.to_paying);
    let people = (0..org.people.len()).map(Party::Person);
    let roles = (0..org.roles.len()).map(Party::Role);
    for party in people.chain(roles) {
        // A vacancy's own work is nothing yet: `orphan-role` is its finding.
        if org.is_vacant(party)
            || cx.reaches_paying(party)
            || cx.uncertain(party)
            || !cx.hands_on(party)
        {
            continue;
        }
        let Some(span) = org.span(party) else {
            continue;
        };
        let (vacancies, more) = stops.of(cx.graph, party);
        out.push(Code::DeadEnd, Some(span), || {
            finding(cx, party, vacancies, more).at(span)
        });
    }
}

/// The finding for `party`, whose work stops at `vacancies` (and `more`).
fn finding(cx: &Context<'_>, party: Party, vacancies: &[usize], more: bool) -> Finding {
    let org = cx.org;
    let (kind, pronoun) = match party {
        Party::Role(_) => ("role", "its"),
        _ => ("person", "their"),
    };
    let id = org.id(party);
    let mut message = format!("the work of {kind} `{id}` never reaches a paying customer");
    let roles: Vec<&str> = vacancies
        .iter()
        .filter_map(|&r| Some(org.role(r)?.id.as_str()))
        .collect();
    let Some(first) = roles.first() else {
        return Finding::new(Code::DeadEnd, message)
            .label("no chain from here reaches a paying customer")
            .help(format!(
                "`chain map FILE {id}` lists everyone {pronoun} work reaches; add a handoff from `{id}`, or from one of them, towards a paying customer"
            ))
            .ids([id]);
    };
    let posts = if roles.len() == 1 && !more {
        "role"
    } else {
        "roles"
    };
    message.push_str(&format!(": it stops at vacant {posts} "));
    let named: Vec<String> = roles.iter().map(|r| format!("`{r}`")).collect();
    message.push_str(&named.join(", "));
    if more {
        message.push_str(" and more");
    }
    let help = format!(
        "nobody holds `{first}`, so the work handed to it goes no further; fill the post (add `{first}` to the `roles` of whoever does this work), or hand the work to someone who does it now"
    );
    Finding::new(Code::DeadEnd, message)
        .label("the work from here stops at a vacancy")
        .help(help)
        .ids(std::iter::once(id).chain(roles))
}
