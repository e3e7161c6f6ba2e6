//! The namespace being resolved against: the ids, taken out of the
//! declarations in id order, and their index.

use super::order::{IdOrder, Orders};
use crate::load::read::{Doc, Name};
use crate::model::{IdIndex, Org, Party};

/// The ids of the sorted declarations, taken out of them so that
/// references can be resolved against them while the declarations are
/// consumed, then given to the model, index and all.
pub(super) struct Namespace {
    pub(super) people: Vec<String>,
    pub(super) roles: Vec<String>,
    pub(super) externals: Vec<String>,
    index: IdIndex,
    /// The roles alone, for the commonest lookup (a person's `roles`): a
    /// table a fifteenth the size of `index`, which stays in the cache
    /// where `index` does not (a million people: 600 KB against 10 MB).
    roles_index: IdIndex,
}

impl Namespace {
    /// Takes the ids out of the declarations, in id order: in file order
    /// first, then moved into place as small strings (reaching into the
    /// declarations in id order was a cache miss each at a million).
    pub(super) fn take(doc: &mut Doc, orders: &Orders) -> Self {
        fn take<T>(
            items: &mut [T],
            order: &IdOrder,
            name: impl Fn(&mut T) -> &mut Name,
        ) -> Vec<String> {
            let ids = items.iter_mut();
            order.sorted(
                ids.map(|item| Some(std::mem::take(&mut name(item).text)))
                    .collect(),
            )
        }
        let mut names = Namespace {
            people: take(&mut doc.people, &orders.people, |p| &mut p.id),
            roles: take(&mut doc.roles, &orders.roles, |r| &mut r.id),
            externals: take(&mut doc.externals, &orders.externals, |e| &mut e.id),
            index: IdIndex::default(),
            roles_index: IdIndex::default(),
        };
        let (people, roles, externals) =
            (names.people.len(), names.roles.len(), names.externals.len());
        names.index = IdIndex::new(people, roles, externals, |p| names.id(p));
        names.roles_index = IdIndex::new(0, roles, 0, |p| names.id(p));
        names
    }

    pub(super) fn id(&self, party: Party) -> &str {
        match party {
            Party::Person(i) => self.people.get(i),
            Party::Role(i) => self.roles.get(i),
            Party::External(i) => self.externals.get(i),
        }
        .map_or("", String::as_str)
    }

    pub(super) fn get(&self, name: &str) -> Option<Party> {
        self.index.get(name, |p| self.id(p))
    }

    /// [`Namespace::get`] for a name expected to be a role's: the same
    /// party, found in the roles' own table when it is one.
    pub(super) fn get_role(&self, name: &str) -> Option<Party> {
        let role = self.roles_index.get(name, |p| self.id(p));
        role.or_else(|| self.get(name))
    }

    /// Puts each id back in the model, at the index it was indexed under.
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
