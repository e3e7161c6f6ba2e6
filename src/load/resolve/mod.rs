//! From declarations to the checked [`Org`]: one namespace of ids, every
//! reference resolved to an index, every list sorted by id.
//!
//! A duplicate id keeps its first declaration (in file order) and reports the
//! others; an unknown reference is reported and left out of the model, so the
//! model is always consistent even when the file is not.

mod names;
mod order;
mod resolver;

use super::read::{Doc, ExternalDecl};
use crate::finding::Finding;
use crate::model::{CheckSettings, External, IdIndex, Kind, Org, Party, Person, Role};
use crate::source::Sources;

use names::Namespace;
use order::Orders;
use resolver::Resolver;

/// Builds the model from the declarations of every file, adding findings.
pub fn resolve(
    docs: Vec<Doc>,
    sources: &Sources,
    mut findings: Vec<Finding>,
) -> (Org, Vec<Finding>) {
    let mut all = Doc::default();
    for doc in docs {
        all.org_name = all.org_name.or(doc.org_name);
        all.people.extend(doc.people);
        all.roles.extend(doc.roles);
        all.externals.extend(doc.externals);
        merge_check(&mut all.check, doc.check);
    }
    let orders = Orders::new(&all, sources, &mut findings);
    let names = Namespace::take(&mut all, &orders);
    let mut resolver = Resolver::new(&names, &mut findings);
    // Declarations are resolved in file order, the order their strings
    // were allocated in, and then moved into id order once: resolved in id
    // order, a million people made every read and free a cache miss. A
    // duplicate has no place and is left out.
    let roles = (all.roles.into_iter().enumerate())
        .map(|(i, r)| Some(resolver.role(r, names.id(Party::Role(orders.roles.rank(i)?)))))
        .collect();
    let mut roles = orders.roles.sorted(roles);
    let people = (all.people.into_iter().enumerate())
        .map(|(i, p)| Some(resolver.person(p, names.id(Party::Person(orders.people.rank(i)?)))))
        .collect();
    let people = orders.people.sorted(people);
    add_holders(&mut roles, &people);
    let externals = (all.externals.into_iter().enumerate())
        .map(|(i, e)| orders.externals.rank(i).map(|_| external(e)))
        .collect();
    let externals = orders.externals.sorted(externals);
    let mut org = Org {
        name: all.org_name,
        people,
        roles,
        externals,
        check: all.check,
        index: IdIndex::default(),
    };
    names.give(&mut org);
    (org, findings)
}

/// Lists each role's holders, in id order.
fn add_holders(roles: &mut [Role], people: &[Person]) {
    for (i, person) in people.iter().enumerate() {
        for r in &person.roles {
            if let Some(role) = roles.get_mut(r.role) {
                role.holders.push(i);
            }
        }
    }
}

fn merge_check(into: &mut CheckSettings, from: CheckSettings) {
    into.allow.extend(from.allow);
    into.warn.extend(from.warn);
    into.deny.extend(from.deny);
}

/// An external customer; its id comes from [`Namespace::give`].
fn external(e: ExternalDecl) -> External {
    External {
        id: String::new(),
        name: e.name,
        pays: e.pays,
        span: e.id.span,
    }
}

/// `id` as a TOML key: bare when it can be, quoted otherwise.
pub fn toml_key(id: &str) -> String {
    let bare = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        id.to_string()
    } else {
        serde_json::to_string(id).unwrap_or_else(|_| format!("\"{id}\""))
    }
}

/// The article before [`describe`]'s name of a kind, in messages.
fn article(kind: Kind) -> &'static str {
    match kind {
        Kind::External => "an",
        Kind::Person | Kind::Role => "a",
    }
}

/// A kind's name in messages.
fn describe(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "person",
        Kind::Role => "role",
        Kind::External => "external customer",
    }
}
