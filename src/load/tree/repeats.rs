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

use super::{INDEX_FROM, Tree};

impl Tree<'_> {
    /// Whether a table that a deferred lookup may have skipped (one of
    /// [`INDEX_FROM`] entries or more) holds two keys of the same hash.
    ///
    /// Two different keys of the same 64-bit hash count as a repeat too:
    /// that only sends the document to an exact parse, and with a hasher
    /// seeded anew for each run it happens less than once in ten million
    /// runs at a million keys.
    ///
    /// A tree revisited (see `hand_out.rs`) counts as one with repeats.
    pub fn repeats(&self) -> bool {
        if self.revisited {
            return true;
        }
        let mut hashes = Vec::new();
        self.tables
            .iter()
            .filter(|t| t.entries.len() >= INDEX_FROM)
            .any(|t| {
                hashes.clear();
                let keys = t.entries.iter().map(|e| self.str(e.key.name));
                hashes.extend(keys.map(|k| self.hasher.hash_one(k)));
                hashes.sort_unstable();
                hashes.windows(2).any(|w| w.first() == w.last())
            })
    }
}
