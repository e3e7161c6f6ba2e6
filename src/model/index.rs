//! The namespace: every declared id to its party.
//!
//! The table holds parties only, four bytes each, and reads an id through
//! the lists that hold it (`Fn(Party) -> &str`) when a hash matches. A map
//! from owned ids would copy every id once more and take ten times the
//! room: on a million people, 45 MB that every lookup of a reference
//! reaches into at random.

use std::hash::BuildHasher as _;

use hashbrown::HashTable;

use super::Party;

/// Ids to parties. foldhash instead of SipHash: a lookup per reference is a
/// few percent of loading a large file, and foldhash's per-process random
/// seed still keeps a hostile file from choosing collisions.
#[derive(Clone, Debug, Default)]
pub struct IdIndex {
    table: HashTable<u32>,
    hasher: foldhash::fast::RandomState,
}

impl IdIndex {
    /// Indexes `people` people, `roles` roles and `externals` external
    /// customers, in that order, whose ids `id` gives; the first of two
    /// parties with the same id keeps it.
    ///
    /// A party past the [`Party::CODES`]th of its kind is left out.
    pub fn new<'a>(
        people: usize,
        roles: usize,
        externals: usize,
        id: impl Fn(Party) -> &'a str,
    ) -> Self {
        let mut index = IdIndex {
            table: HashTable::with_capacity(people + roles + externals),
            hasher: foldhash::fast::RandomState::default(),
        };
        let parties = (0..people).map(Party::Person);
        let parties = parties.chain((0..roles).map(Party::Role));
        for party in parties.chain((0..externals).map(Party::External)) {
            let Some(code) = party.code() else { continue };
            let name = id(party);
            let hash = index.hasher.hash_one(name);
            let same = |&c: &u32| id(Party::from_code(c)) == name;
            if index.table.find(hash, same).is_none() {
                let hasher = &index.hasher;
                index
                    .table
                    .insert_unique(hash, code, |&c| hasher.hash_one(id(Party::from_code(c))));
            }
        }
        index
    }

    /// The party whose id is `name`, reading ids through `id`.
    pub fn get<'a>(&self, name: &str, id: impl Fn(Party) -> &'a str) -> Option<Party> {
        let hash = self.hasher.hash_one(name);
        self.table
            .find(hash, |&c| id(Party::from_code(c)) == name)
            .map(|&c| Party::from_code(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every party is found by its id and nothing else is; the first of
    /// two parties with one id keeps it; codes round-trip at the limits.
    #[test]
    fn finds_each_id_once() {
        let ids = ["ana", "bo", "", "café", "bo"];
        let id = |p: Party| match p {
            Party::Person(i) => ids[i],
            Party::Role(i) => ids[i + 2],
            Party::External(i) => ids[i + 4],
        };
        let index = IdIndex::new(2, 2, 1, id);
        assert_eq!(index.table.len(), 4);
        assert_eq!(index.get("ana", id), Some(Party::Person(0)));
        assert_eq!(index.get("bo", id), Some(Party::Person(1)));
        assert_eq!(index.get("", id), Some(Party::Role(0)));
        assert_eq!(index.get("café", id), Some(Party::Role(1)));
        assert_eq!(index.get("cafe", id), None);
        for p in [
            Party::Person(0),
            Party::Role(Party::CODES - 1),
            Party::External(7),
        ] {
            assert_eq!(p.code().map(Party::from_code), Some(p));
        }
        assert_eq!(Party::Person(Party::CODES).code(), None);
    }
}
