//! The namespace being resolved against: the ids, taken out of the
//! declarations in id order, and their index.

use compact_str::CompactString;

use super::order::{IdOrder, Orders};
use crate::load::read::{Doc, HandoffDecl, Name};
use crate::model::{IdIndex, Org, Party};
use crate::prefetch;

/// The ids of the sorted declarations, taken out of them so that
/// references can be resolved against them while the declarations are
/// consumed, then given to the model, index and all.
pub(super) struct Namespace {
    pub(super) people: Vec<CompactString>,
    pub(super) roles: Vec<CompactString>,
    pub(super) externals: Vec<CompactString>,
    index: IdIndex,
    /// The roles alone, for the commonest lookup (a person's `roles`): a
    /// table a fifteenth the size of `index`, which stays in the cache
    /// where `index` does not (a million people: 600 KB against 10 MB).
    roles_index: IdIndex,
}

/// The index of every id of `doc` (of the roles' only, unless `all`), each
/// under its party (its place in id order), built in file order.
fn indexed(doc: &Doc, orders: &Orders, all: bool) -> IdIndex {
    fn in_file<'d, T>(
        items: &'d [T],
        order: &'d IdOrder,
        kind: fn(usize) -> Party,
        name: fn(&T) -> &Name,
    ) -> impl Iterator<Item = (Party, &'d str)> + 'd {
        let items = items.iter().enumerate();
        items.filter_map(move |(i, item)| Some((kind(order.rank(i)?), name(item).text.as_str())))
    }
    let (people, externals) = if all {
        (doc.people.as_slice(), doc.externals.as_slice())
    } else {
        (&[][..], &[][..])
    };
    let count = people.len() + doc.roles.len() + externals.len();
    let parties = in_file(people, &orders.people, Party::Person, |p| &p.id)
        .chain(in_file(&doc.roles, &orders.roles, Party::Role, |r| &r.id))
        .chain(in_file(
            externals,
            &orders.externals,
            Party::External,
            |e| &e.id,
        ));
    IdIndex::of_distinct(count, parties, |p| declared_id(doc, orders, p))
}

/// The ids of `items`, in id order, taken out of them (`parts` gives an
/// item's id and handoffs); the ids that the handoffs of the items kept
/// name are added to `named`, in file order.
fn take<'d, T>(
    items: &'d mut [T],
    order: &IdOrder,
    named: &mut Vec<&'d str>,
    parts: impl Fn(&'d mut T) -> (&'d mut Name, &'d [HandoffDecl]),
) -> Vec<CompactString> {
    let ids = items.iter_mut().enumerate().map(|(i, item)| {
        let (id, hands_to) = parts(item);
        if order.rank(i).is_some() {
            named.extend(hands_to.iter().map(|h| h.to.text.as_str()));
        }
        Some(std::mem::take(&mut id.text))
    });
    order.sorted(ids.collect())
}

/// The id `party` (by its place in id order) is declared with.
fn declared_id<'d>(doc: &'d Doc, orders: &Orders, party: Party) -> &'d str {
    let (Party::Person(place) | Party::Role(place) | Party::External(place)) = party;
    let kind = party.kind();
    let name = orders
        .order(kind)
        .position(place)
        .and_then(|i| doc.id(kind, i));
    name.map_or("", |n| n.text.as_str())
}

impl Namespace {
    /// Takes the ids out of the declarations, in id order: in file order
    /// first, then moved into place as small strings (reaching into the
    /// declarations in id order was a cache miss each at a million). On
    /// the way it lists the ids that the handoffs of the roles and then of
    /// the people name, in file order and duplicates left out (the order
    /// the resolver meets them in), and finds them all at once
    /// ([`Namespace::get_all`]): one by one, a million people's took three
    /// times as long, and a pass of their own cost what the lookups did.
    pub(super) fn take(doc: &mut Doc, orders: &Orders) -> (Self, Vec<Option<Party>>) {
        // The indexes are built first, reading the ids in file order, the
        // order they were allocated in: in id order, on a million people,
        // hashing each id was a cache miss.
        let index = indexed(doc, orders, true);
        let roles_index = indexed(doc, orders, false);
        let mut named = Vec::new();
        let roles = take(&mut doc.roles, &orders.roles, &mut named, |r| {
            (&mut r.id, &r.hands_to[..])
        });
        let people = take(&mut doc.people, &orders.people, &mut named, |p| {
            (&mut p.id, &p.hands_to[..])
        });
        let externals = take(&mut doc.externals, &orders.externals, &mut named, |e| {
            (&mut e.id, &[][..])
        });
        let names = Namespace {
            people,
            roles,
            externals,
            index,
            roles_index,
        };
        let targets = names.get_all(&named);
        (names, targets)
    }

    pub(super) fn id(&self, party: Party) -> &str {
        match party {
            Party::Person(i) => self.people.get(i),
            Party::Role(i) => self.roles.get(i),
            Party::External(i) => self.externals.get(i),
        }
        .map_or("", CompactString::as_str)
    }

    pub(super) fn get(&self, name: &str) -> Option<Party> {
        self.index.get(name, |p| self.id(p))
    }

    /// [`Namespace::get`] of each of `names`, in order, looked up in the
    /// order the index's memory lies in ([`IdIndex::get_all`]).
    pub(super) fn get_all(&self, names: &[&str]) -> Vec<Option<Party>> {
        let ask = |party: Party| match party {
            Party::Person(i) => prefetch::at(&self.people, i),
            Party::Role(i) => prefetch::at(&self.roles, i),
            Party::External(i) => prefetch::at(&self.externals, i),
        };
        self.index.get_all(names, |p| self.id(p), ask)
    }

    /// [`Namespace::get`] for a name expected to be a role's: the same
    /// party, found in the roles' own table when it is one.
    pub(super) fn get_role(&self, name: &str) -> Option<Party> {
        let role = self.roles_index.get(name, |p| self.id(p));
        role.or_else(|| self.get(name))
    }

    /// Puts each id left back in the model, at the index it was indexed
    /// under (the people's are given as the people come to their places).
    pub(super) fn give(self, org: &mut Org) {
        for (person, id) in org.people.iter_mut().zip(self.people) {
            person.id = id;
        }
        for (role, id) in org.roles.iter_mut().zip(self.roles) {
            role.id = id;
        }
        for (external, id) in org.externals.iter_mut().zip(self.externals) {
            external.id = id;
        }
        org.index = self.index;
    }
}
