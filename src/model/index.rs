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

    /// Indexes `parties` (each with its id), whose ids all differ, in the
    /// order given: the order their ids lie in memory reads them fastest.
    /// `id` reads any party's id; `count` is how many there are. A party
    /// past the [`Party::CODES`]th of its kind is left out.
    pub fn of_distinct<'a>(
        count: usize,
        parties: impl Iterator<Item = (Party, &'a str)>,
        id: impl Fn(Party) -> &'a str,
    ) -> Self {
        let mut index = IdIndex {
            table: HashTable::with_capacity(count),
            hasher: foldhash::fast::RandomState::default(),
        };
        let hasher = &index.hasher;
        let hashed =
            parties.filter_map(|(party, name)| Some((hasher.hash_one(name), party.code()?)));
        let hashed: Vec<(u64, u32)> = hashed.collect();
        let rehash = |&c: &u32| hasher.hash_one(id(Party::from_code(c)));
        for (hash, code) in by_region(&hashed, index.table.capacity()) {
            index.table.insert_unique(hash, code, rehash);
        }
        index
    }

    /// The party whose id is `name`, reading ids through `id`.
    pub fn get<'a>(&self, name: &str, id: impl Fn(Party) -> &'a str) -> Option<Party> {
        self.find(self.hasher.hash_one(name), name, &id)
    }

    /// [`IdIndex::get`] of each of `names`, in order. The lookups are made
    /// in the order of the parts of the table their hashes land in, so
    /// the table is read nearly in turn, where in the names' order each
    /// lookup was a few trips to memory (on a million people, a 10 MB
    /// table); `ask(party)` asks for the id of a party that a lookup some
    /// lookups on is likely to compare with. Names past the 2^32nd are
    /// not looked up (a file of [`crate::load::MAX_FILE_BYTES`] holds
    /// fewer).
    pub fn get_all<'a>(
        &self,
        names: &[&str],
        id: impl Fn(Party) -> &'a str,
        ask: impl Fn(Party),
    ) -> Vec<Option<Party>> {
        let hashed = (0u32..)
            .zip(names)
            .map(|(i, name)| (self.hasher.hash_one(name), i));
        let hashed: Vec<(u64, u32)> = hashed.collect();
        let sorted = by_region(&hashed, self.table.capacity());
        let mut found = vec![None; names.len()];
        for (k, &(hash, i)) in sorted.iter().enumerate() {
            if let Some(&(later, j)) = sorted.get(k + crate::prefetch::AHEAD) {
                // The first party under a later hash is nearly always its.
                if let Some(&code) = self.table.iter_hash(later).next() {
                    ask(Party::from_code(code));
                }
                if let Some(name) = names.get(j as usize) {
                    crate::prefetch::text(name);
                }
            }
            let (Some(slot), Some(name)) = (found.get_mut(i as usize), names.get(i as usize))
            else {
                continue;
            };
            *slot = self.find(hash, name, &id);
        }
        found
    }

    fn find<'a>(&self, hash: u64, name: &str, id: &impl Fn(Party) -> &'a str) -> Option<Party> {
        self.table
            .find(hash, |&c| id(Party::from_code(c)) == name)
            .map(|&c| Party::from_code(c))
    }
}

/// Parts of a table that [`by_region`] fills one after the other.
const REGIONS: u32 = 256;

/// `hashed` (hash, code) in the order of the part of the table each hash
/// lands in, for a table that holds `capacity` without growing: filled a
/// part at a time, the table's memory is written nearly in turn, where in
/// the file's order every insertion was a trip to memory (on a million
/// people, a 10 MB table). A table takes a power of two of buckets, 8 for
/// each 7 it holds, and a hash's bucket is its low bits; if that changes,
/// only the speed does.
fn by_region(hashed: &[(u64, u32)], capacity: usize) -> Vec<(u64, u32)> {
    let buckets = (capacity / 7 * 8).next_power_of_two().max(1);
    let shift = buckets
        .trailing_zeros()
        .saturating_sub(REGIONS.trailing_zeros());
    let mask = buckets as u64 - 1;
    let region = move |&(hash, _): &(u64, u32)| ((hash & mask) >> shift) as u32;
    let (_, sorted) = Grouping::lay_out(REGIONS as usize, hashed.iter().copied(), region, |x| x);
    sorted
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

    /// Built from distinct ids in any order, the index finds each party by
    /// its id and nothing else, as one built in party order does.
    #[test]
    fn distinct_ids_in_any_order_are_found() {
        let ids: Vec<String> = (0..2_000)
            .map(|i| format!("id-{}", (i * 7919) % 2_000))
            .collect();
        let id = |p: Party| match p {
            Party::Person(i) => ids[i].as_str(),
            Party::Role(i) => ids[i + 1_500].as_str(),
            Party::External(i) => ids[i + 1_990].as_str(),
        };
        let parties: Vec<Party> = (0..1_500)
            .map(Party::Person)
            .chain((0..490).map(Party::Role))
            .chain((0..10).map(Party::External))
            .collect();
        let shuffled = (0..parties.len()).map(|i| parties[(i * 701) % parties.len()]);
        let index = IdIndex::of_distinct(parties.len(), shuffled.map(|p| (p, id(p))), id);
        let in_order = IdIndex::new(1_500, 490, 10, id);
        assert_eq!(index.table.len(), parties.len());
        for &p in &parties {
            assert_eq!(index.get(id(p), id), Some(p));
            assert_eq!(in_order.get(id(p), id), Some(p));
        }
        assert_eq!(index.get("id-2000", id), None);
    }

    /// Looked up all at once, in any order and with repeats and unknown
    /// names among them, names find what they find one by one, in the
    /// order asked; the parties a later lookup will compare are asked for.
    #[test]
    fn names_found_at_once_are_those_found_one_by_one() {
        let ids: Vec<String> = (0..3_000).map(|i| format!("id-{i}")).collect();
        let id = |p: Party| match p {
            Party::Person(i) => ids[i].as_str(),
            Party::Role(i) => ids[i + 2_000].as_str(),
            Party::External(i) => ids[i + 2_990].as_str(),
        };
        let index = IdIndex::new(2_000, 990, 10, id);
        let wanted: Vec<String> = (0..5_000)
            .map(|i| format!("id-{}", (i * 7_919) % 3_500))
            .collect();
        let names: Vec<&str> = wanted.iter().map(String::as_str).collect();
        let asked = std::cell::Cell::new(0);
        let found = index.get_all(&names, id, |_| asked.set(asked.get() + 1));
        let one_by_one: Vec<Option<Party>> = names.iter().map(|n| index.get(n, id)).collect();
        assert_eq!(found, one_by_one);
        assert!(found.iter().any(Option::is_none));
        assert!(found.contains(&Some(Party::External(9))));
        assert!(asked.get() > 4_000);
        assert!(index.get_all(&[], id, |_| ()).is_empty());
    }

    proptest::proptest! {
        /// In regions, every (hash, code) comes once, and the parts of the
        /// table they land in (the top bits of a hash's bucket) only go up.
        #[test]
        fn by_region_keeps_everything_and_goes_up(
            hashes in proptest::collection::vec(proptest::num::u64::ANY, 0..500),
            capacity in 0usize..100_000,
        ) {
            let hashed: Vec<(u64, u32)> = (0u32..).zip(hashes).map(|(c, h)| (h, c)).collect();
            let sorted = by_region(&hashed, capacity);
            let buckets = (capacity / 7 * 8).next_power_of_two() as u64;
            let top = |h: u64| (h & (buckets - 1)) >> buckets.trailing_zeros().saturating_sub(8);
            proptest::prop_assert!(sorted.windows(2).all(|w| top(w[0].0) <= top(w[1].0)));
            let (mut got, mut all) = (sorted.clone(), hashed.clone());
            got.sort_unstable();
            all.sort_unstable();
            proptest::prop_assert_eq!(got, all);
        }
    }
}

// Temporary: the counting sort the old graph module held; the loader's rewrite drops this index.
/// Items laid out by row in one array (compressed sparse rows), rows
/// `0..len`: counts each row's items, then hands out their places. Both
/// the graph's rows and the check's adjacency are laid out with it.
#[derive(Debug)]
pub(crate) struct Grouping {
    /// While places are handed out, where the unfilled part of each row
    /// ends; once all are, where each row starts; last, the total.
    start: Vec<u32>,
}

impl Grouping {
    /// Counts the items of each row (`rows`: the row of each item); a row
    /// outside `0..len` is not counted.
    pub(crate) fn count(len: usize, rows: impl Iterator<Item = u32>) -> Self {
        let mut start = vec![0u32; len + 1];
        for u in rows.filter(|&u| (u as usize) < len) {
            if let Some(count) = start.get_mut(u as usize) {
                *count += 1;
            }
        }
        let mut total = 0u32;
        for slot in &mut start {
            total += *slot;
            *slot = total;
        }
        Grouping { start }
    }

    /// How many items were counted.
    pub(crate) fn total(&self) -> usize {
        self.start.last().map_or(0, |&t| t as usize)
    }

    /// The place of the next item of row `u` (`None` for a row outside
    /// `0..len`). Each row is filled from its end, so its items come out in
    /// the reverse of the order they are placed in. Place exactly the items
    /// counted.
    pub(crate) fn slot(&mut self, u: u32) -> Option<usize> {
        let u = u as usize;
        let rows = self.start.len().saturating_sub(1);
        let end = self.start.get_mut(u).filter(|_| u < rows)?;
        *end = end.checked_sub(1)?;
        Some(*end as usize)
    }

    /// Where each row starts, once every counted item has its place: row
    /// `v` is `start[v]..start[v + 1]`.
    pub(crate) fn starts(self) -> Vec<u32> {
        self.start
    }

    /// `items` laid out by row (`row` of each, in `0..len`; an item in no
    /// row is left out), each as `value` makes it: where each row starts,
    /// and the rows side by side. A row lists its items in the reverse of
    /// the order they come in.
    pub(crate) fn lay_out<I, T>(
        len: usize,
        items: impl Iterator<Item = I> + Clone,
        row: impl Fn(&I) -> u32,
        value: impl Fn(I) -> T,
    ) -> (Vec<u32>, Vec<T>)
    where
        T: Clone + Default,
    {
        let mut rows = Grouping::count(len, items.clone().map(|item| row(&item)));
        let mut laid = vec![T::default(); rows.total()];
        for item in items {
            if let Some(slot) = rows.slot(row(&item)).and_then(|i| laid.get_mut(i)) {
                *slot = value(item);
            }
        }
        (rows.starts(), laid)
    }
}
