//! Handing the finished entries of a document's sections to a reader while
//! the document is still being parsed, and releasing what they held.
//!
//! A team file is mostly `[people.ID]` tables, each written whole in one
//! place. Where lookups are [deferred](super::Lookup::Deferred), any later
//! addition to an entry other than a section's last shows as a key written
//! twice, and the parse is made again with every lookup made. So once the
//! builder is between expressions, every entry of a section but its last is
//! finished: the reader takes it, still in the cache, and its tables and
//! arrays are freed for the next entries to reuse. The tree of a million
//! people never exists whole.
//!
//! An entry that is looked up again after it was handed out (in a small
//! table, where lookups are always made) marks the tree to be parsed again
//! with every lookup made; so does a table released that holds a key
//! twice, since the repeats of the whole tree are looked for only once it
//! is parsed, when the table is gone.
//!
//! The places of the tables and arrays released are given to the next ones
//! made, so the tree's lists of them stay the size of a chunk's. The values
//! of the entries handed out still name those places: nothing reads them
//! again, but for an entry named again, whose tree is then thrown away.

use super::{Entry, Kind, TableId, Tree};

/// What reads the entries of a document's top-level tables while the
/// document is parsed.
pub trait Reading: Send {
    /// Whether the entries of the top-level table `section` are read here.
    fn reads(&self, section: &str) -> bool;

    /// Reads `entry` of the top-level table `section`. Its tables and
    /// arrays are emptied once it returns.
    fn entry(&mut self, tree: &Tree<'_>, section: &str, entry: &Entry);
}

impl Tree<'_> {
    /// Hands the entries of every top-level table `reading` reads to it,
    /// and releases them: all of them once the text is parsed (`open` is
    /// `None`), else all but each table's last. `open` is the table the
    /// next lines may add to (that of the last header): if it is released,
    /// an entry was read that may not be finished, and the tree is marked
    /// to be parsed again. A tree already marked hands nothing out: it
    /// will be thrown away.
    pub(super) fn hand_out(&mut self, reading: &mut dyn Reading, open: Option<TableId>) {
        if self.redo {
            return;
        }
        let root = self.entries(self.root()).to_vec();
        for section in root {
            let Kind::Table(table) = section.value.kind else {
                continue;
            };
            let name = self.str(section.key.name).to_owned();
            if reading.reads(&name) {
                self.hand_out_of(table, &name, reading, open);
            }
        }
    }

    fn hand_out_of(
        &mut self,
        table: TableId,
        name: &str,
        reading: &mut dyn Reading,
        open: Option<TableId>,
    ) {
        let Some(t) = self.table(table) else { return };
        let end = t.entries.len() - usize::from(open.is_some() && !t.entries.is_empty());
        let from = (t.taken as usize).min(end);
        let done = from..end;
        for entry in t.entries.get(done.clone()).unwrap_or_default() {
            reading.entry(self, name, entry);
        }
        let values = t.entries.get(done).unwrap_or_default().iter();
        let pending: Vec<Kind> = values.map(|e| e.value.kind).collect();
        if let Some(t) = self.table_mut(table) {
            t.taken = super::offset(end);
        }
        self.release(pending, open);
    }

    /// Empties the tables and arrays of the values of kinds `pending`, all
    /// the way down; marks the tree to be parsed again where one holds a
    /// key twice or is `open`.
    fn release(&mut self, mut pending: Vec<Kind>, open: Option<TableId>) {
        let mut hashes = Vec::new();
        while let Some(kind) = pending.pop() {
            match kind {
                Kind::Table(id) => {
                    self.redo |= Some(id) == open;
                    if let Some(t) = self.table(id) {
                        self.redo |= self.repeats_in(t, &mut hashes);
                    }
                    if let Some(t) = self.table_mut(id) {
                        let entries = std::mem::take(&mut t.entries);
                        t.index = None;
                        pending.extend(entries.iter().map(|e| e.value.kind));
                        self.free.tables.push(id.0);
                    }
                }
                Kind::Array(id) => {
                    if let Some(a) = self.arrays.get_mut(id.0 as usize) {
                        let items = std::mem::take(&mut a.items);
                        pending.extend(items.iter().map(|v| v.kind));
                        self.free.arrays.push(id.0);
                    }
                }
                _ => {}
            }
        }
    }

    /// The entries of `table` not handed out yet.
    pub fn entries_left(&self, table: TableId) -> &[Entry] {
        let Some(t) = self.table(table) else {
            return &[];
        };
        t.entries.get(t.taken as usize..).unwrap_or_default()
    }
}
