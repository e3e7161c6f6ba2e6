//! The structural rules: who holds each role, who hands work to whom, and
//! whether anyone pays. Each looks at one party and its neighbours.
//!
//! - `orphan-role`: a role nobody holds;
//! - `sole-holder`: a role held by exactly one person;
//! - `no-customer`: a person or role that hands work to no one;
//! - `unserved-external`: an external customer nobody hands work to;
//! - `no-paying-customer`: no external customer pays.

use super::Context;
use crate::finding::{Code, Finding, Findings};
use crate::load::toml_key;
use crate::model::Party;

/// Runs the structural rules.
pub(super) fn check(cx: &Context<'_>, out: &mut Findings) {
    roles(cx, out);
    if cx.wants(Code::NoCustomer) {
        no_customer(cx, out);
    }
    if cx.wants(Code::UnservedExternal) {
        unserved(cx, out);
    }
    if cx.wants(Code::NoPayingCustomer) && !cx.has_paying() && !cx.org.has_invalid_pays() {
        out.add(no_paying(cx));
    }
}

/// `orphan-role` and `sole-holder`.
fn roles(cx: &Context<'_>, out: &mut Findings) {
    // A `roles` entry left out (a typo of a role id) leaves who holds
    // which role unknown: that finding is the one to fix first.
    if cx.org.people.iter().any(|p| p.roles_left_out) {
        return;
    }
    let (orphan, sole) = (cx.wants(Code::OrphanRole), cx.wants(Code::SoleHolder));
    for role in &cx.org.roles {
        match role.holders.as_slice() {
            [] if orphan => out.add(
                Finding::new(
                    Code::OrphanRole,
                    format!("role `{}` is held by nobody", role.id),
                )
                .at(role.span)
                .label("no person lists this role in `roles`")
                .help(format!(
                    "until someone holds `{id}`, work handed to it stops there (`chain map FILE {id} --upstream` lists whose); add `{id}` to the `roles` of whoever does this work",
                    id = role.id
                ))
                .ids([role.id.as_str()]),
            ),
            [only] if sole => {
                let holder = cx.org.person(*only).map_or("", |p| p.id.as_str());
                out.add(
                    Finding::new(
                        Code::SoleHolder,
                        format!("role `{}` is held only by `{holder}`", role.id),
                    )
                    .at(role.span)
                    .label("one holder, no cover")
                    .help(format!(
                        "when `{holder}` is away nobody does this role's work; add `{}` to the `roles` of a second person who can cover",
                        role.id
                    ))
                    .ids([role.id.as_str(), holder]),
                );
            }
            _ => {}
        }
    }
}

/// `no-customer`: people and roles that hand work to no one.
fn no_customer(cx: &Context<'_>, out: &mut Findings) {
    let org = cx.org;
    let people = (0..org.people.len()).map(Party::Person);
    let roles = (0..org.roles.len()).map(Party::Role);
    for party in people.chain(roles) {
        if cx.hands_on(party) || super::left_out(org, party) {
            continue;
        }
        let Some(span) = org.span(party) else {
            continue;
        };
        let id = org.id(party);
        let held = |i: usize| org.person(i).map_or(&[][..], |p| p.roles.as_slice());
        let declares_some = !org.hands_to(party).is_empty()
            || matches!(party, Party::Person(i) if held(i).iter().any(|r| !org.hands_to(Party::Role(r.role)).is_empty()));
        let (kind, label, help) = match party {
            Party::Role(_) => (
                "role",
                "declares no `hands_to`",
                format!(
                    "add `hands_to` to `[roles.{}]` naming who receives its work",
                    toml_key(id)
                ),
            ),
            _ => (
                "person",
                if declares_some {
                    "hands work only to themself"
                } else {
                    "no `hands_to`, and no role that hands work on"
                },
                format!(
                    "add `hands_to` to `[people.{}]`, or a role to their `roles`, naming who receives their work",
                    toml_key(id)
                ),
            ),
        };
        out.add(
            Finding::new(
                Code::NoCustomer,
                format!("{kind} `{id}` hands work to no one"),
            )
            .at(span)
            .label(label)
            .help(help)
            .ids([id]),
        );
    }
}

/// `unserved-external`: external customers nobody hands work to. A vacant
/// role's handoffs count: the customer is served on paper, and the
/// vacancy is the finding (`orphan-role`).
fn unserved(cx: &Context<'_>, out: &mut Findings) {
    let org = cx.org;
    let mut served = vec![false; org.externals.len()];
    let declared = org.people.iter().flat_map(|p| &p.hands_to);
    for h in declared.chain(org.roles.iter().flat_map(|r| &r.hands_to)) {
        if let Party::External(e) = h.to {
            if let Some(slot) = served.get_mut(e) {
                *slot = true;
            }
        }
    }
    for (e, _) in org.externals.iter().zip(served).filter(|(_, s)| !s) {
        let pays = if e.pays { "paying " } else { "" };
        out.add(
            Finding::new(
                Code::UnservedExternal,
                format!("nobody hands work to {pays}external customer `{}`", e.id),
            )
            .at(e.span)
            .label("no handoff names this customer")
            .help(format!(
                "add `{}` to the `hands_to` of whoever serves this customer, or remove it",
                e.id
            ))
            .ids([e.id.as_str()]),
        );
    }
}

/// `no-paying-customer`: at the first external customer declared, or about
/// the whole file when there is none.
fn no_paying(cx: &Context<'_>) -> Finding {
    let message = "no external customer has `pays = true`, so no chain can reach a paying customer";
    let first = cx.org.externals.iter().min_by_key(|e| e.span);
    match first {
        Some(e) => Finding::new(Code::NoPayingCustomer, message)
            .at(e.span)
            .label("not marked as paying, nor is any other external customer")
            .help("add `pays = true` to the external customers who pay for the organisation's work"),
        None => Finding::new(Code::NoPayingCustomer, message).help(
            "declare the customers who pay, for example `[external.buyers]` with `pays = true`, and hand work to them",
        ),
    }
}
