//! Keys written twice in one table, looked for after a parse whose lookups
//! were [deferred](super::Lookup::Deferred).
//!
//! Such a parse adds a key it does not find in a small table as new, and
//! does not look in a large one at all, so a key written twice in a large
//! table (a duplicate, or a table declared after a longer header made it)
//! shows as two entries with the same name. Those are found here all at
//! once: each large table's key hashes sorted, then compared side by side,
//! reading the entries in file order instead of one lookup at random per
//! key.

use std::hash::BuildHasher as _;

use super::{INDEX_FROM, Table, Tree};

impl Tree<'_> {
    /// Whether a table that a deferred lookup may have skipped (one of
    /// [`INDEX_FROM`] entries or more) holds two keys of the same hash, or
    /// the tree is to be parsed again for another reason (see
    /// `hand_out.rs`).
    ///
    /// Two different keys of the same 64-bit hash count as a repeat too:
    /// that only sends the document to an exact parse, and with a hasher
    /// seeded anew for each run it happens less than once in ten million
    /// runs at a million keys.
    pub fn repeats(&self) -> bool {
        let mut hashes = Vec::new();
        self.redo || self.tables.iter().any(|t| self.repeats_in(t, &mut hashes))
    }

    /// Whether table `t` is one a deferred lookup may have skipped and
    /// holds two keys of the same hash; `hashes` is room to sort them in.
    pub(super) fn repeats_in(&self, t: &Table, hashes: &mut Vec<u64>) -> bool {
        if t.entries.len() < INDEX_FROM {
            return false;
        }
        hashes.clear();
        let keys = t.entries.iter().map(|e| self.str(e.key.name));
        hashes.extend(keys.map(|k| self.hasher.hash_one(k)));
        hashes.sort_unstable();
        hashes.windows(2).any(|w| w.first() == w.last())
    }
}
