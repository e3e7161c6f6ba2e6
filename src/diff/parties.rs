//! Parties added and removed, roles that fell vacant or were filled,
//! external customers that started or stopped paying, and role assignments.
//!
//! An id counts as the same party only with the same kind: a person who
//! becomes a role is a person removed and a role added.

use super::matching::match_up;
use super::{Changes, Entry, Holding};
use crate::model::{Kind, Org, Party};

/// The parties of `kind` only in `new` (added) and only in `old` (removed),
/// each by id (lists are sorted by id, so no sort is needed).
pub(super) fn compare<'a>(old: &'a Org, new: &'a Org, kind: Kind) -> Changes<Entry<'a>> {
    Changes {
        added: only_in(new, old, kind),
        removed: only_in(old, new, kind),
    }
}

/// The parties of `kind` in `org` that `other` has not (with that kind).
fn only_in<'a>(org: &'a Org, other: &Org, kind: Kind) -> Vec<Entry<'a>> {
    parties(org, kind)
        .filter(|&p| other.lookup(org.id(p)).is_none_or(|q| q.kind() != kind))
        .map(|p| entry(org, p))
        .collect()
}

/// Roles in both held before and vacant after, and the other way round.
pub(super) fn vacancies<'a>(old: &'a Org, new: &'a Org) -> (Vec<Entry<'a>>, Vec<Entry<'a>>) {
    let (mut vacated, mut filled) = (Vec::new(), Vec::new());
    for (i, role) in old.roles.iter().enumerate() {
        let Some(Party::Role(j)) = new.lookup(&role.id) else {
            continue;
        };
        let Some(after) = new.role(j) else { continue };
        match (role.is_vacant(), after.is_vacant()) {
            (false, true) => vacated.push(entry(old, Party::Role(i))),
            (true, false) => filled.push(entry(new, Party::Role(j))),
            _ => {}
        }
    }
    (vacated, filled)
}

/// External customers in both that pay after but not before, and the other
/// way round.
pub(super) fn paying<'a>(old: &'a Org, new: &'a Org) -> (Vec<Entry<'a>>, Vec<Entry<'a>>) {
    let (mut started, mut stopped) = (Vec::new(), Vec::new());
    for (i, ext) in old.externals.iter().enumerate() {
        let Some(after @ Party::External(_)) = new.lookup(&ext.id) else {
            continue;
        };
        match (ext.pays, new.pays(after)) {
            (false, true) => started.push(entry(new, after)),
            (true, false) => stopped.push(entry(old, Party::External(i))),
            _ => {}
        }
    }
    (started, stopped)
}

/// Role assignments added and removed, by person then role.
pub(super) fn holders<'a>(old: &'a Org, new: &'a Org) -> Changes<Holding<'a>> {
    let (before, after) = (holdings(old), holdings(new));
    let matched = match_up(&before, &after, |&h| h);
    let mut changes = Changes {
        added: matched.added,
        removed: matched.removed,
    };
    changes.added.sort_unstable();
    changes.removed.sort_unstable();
    changes
}

/// Every (person, role) a person's `roles` lists.
fn holdings(org: &Org) -> Vec<Holding<'_>> {
    org.people
        .iter()
        .flat_map(|p| {
            p.roles.iter().filter_map(|r| {
                Some(Holding {
                    person: &p.id,
                    role: &org.role(r.role)?.id,
                })
            })
        })
        .collect()
}

/// Every party of `kind`, in id order.
fn parties(org: &Org, kind: Kind) -> impl Iterator<Item = Party> {
    let (count, make): (usize, fn(usize) -> Party) = match kind {
        Kind::Person => (org.people.len(), Party::Person),
        Kind::Role => (org.roles.len(), Party::Role),
        Kind::External => (org.externals.len(), Party::External),
    };
    (0..count).map(make)
}

fn entry(org: &Org, party: Party) -> Entry<'_> {
    Entry {
        id: org.id(party),
        name: org.name(party),
    }
}
