//! TOML's table rules on the tree: dotted keys, `[table]` and `[[array]]`
//! headers, inline tables closed to later additions, and duplicate keys.
//!
//! A port of the toml crate's rules (`de/parser/document.rs` and
//! `inline_table.rs` of toml 1.2), so both accept the same documents and
//! report the same errors at the same spans. Tables are linked into their
//! parent when their header is read rather than when their body ends, which
//! gives the same document because a body only ever adds to its own table.

use hashbrown::HashTable;
use toml_parser::{ErrorSink, ParseError, Span as TomlSpan};

use super::{Array, ArrayId, Entry, INDEX_FROM, Key, Kind, Pos, Table, TableId, Tree, Value};

fn toml_span(pos: Pos) -> TomlSpan {
    TomlSpan::new_unchecked(pos.start as usize, pos.end as usize)
}

fn cannot_extend(kind: &str, key: &Key, earlier: Option<Pos>) -> ParseError {
    let error = ParseError::new(format!(
        "cannot extend value of type {kind} with a dotted key"
    ))
    .with_unexpected(toml_span(key.pos));
    match earlier {
        Some(pos) => error.with_context(toml_span(pos)),
        None => error,
    }
}

/// Where a key path is being followed: the document's tables or the inside
/// of an inline table, whose rules differ slightly.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Document,
    Inline,
}

impl Tree<'_> {
    /// The error of `key` written again in a table, naming where it was
    /// first written when that is known. A key of the body of a duplicate
    /// header that was first written before that header is an echo of the
    /// header's error.
    fn duplicate(&mut self, key: &Key, earlier: Option<Pos>) -> ParseError {
        if let (Some(header), Some(earlier)) = (self.redeclared_at, earlier) {
            if earlier < header {
                self.echoes.push(key.pos);
            }
        }
        let error = ParseError::new("duplicate key").with_unexpected(toml_span(key.pos));
        match earlier {
            Some(pos) => error.with_context(toml_span(pos)),
            None => error,
        }
    }

    pub(super) fn new_table(&mut self, implicit: bool, dotted: bool, inline: bool) -> TableId {
        self.tables.push(Table {
            implicit,
            dotted,
            inline,
            ..Table::default()
        });
        TableId(super::offset(self.tables.len() - 1))
    }

    pub(super) fn new_array(&mut self, of_tables: bool) -> ArrayId {
        self.arrays.push(Array {
            items: Vec::new(),
            of_tables,
        });
        ArrayId(super::offset(self.arrays.len() - 1))
    }

    pub(super) fn push_item(&mut self, array: ArrayId, value: Value) {
        if let Some(a) = self.arrays.get_mut(array.0 as usize) {
            a.items.push(value);
        }
    }

    pub(super) fn table(&self, id: TableId) -> Option<&Table> {
        self.tables.get(id.0 as usize)
    }

    pub(super) fn table_mut(&mut self, id: TableId) -> Option<&mut Table> {
        self.tables.get_mut(id.0 as usize)
    }

    /// The position of the entry `key` in `table`.
    pub(super) fn find(&self, table: TableId, key: &Key) -> Option<usize> {
        self.position(table, self.str(key.name))
    }

    pub(super) fn entry_at(&self, table: TableId, i: usize) -> Option<Entry> {
        self.table(table)?.entries.get(i).copied()
    }

    /// Adds an entry whose key is not in the table yet; a table reaching
    /// [`INDEX_FROM`] entries gets an index of its keys.
    pub(super) fn insert(&mut self, table: TableId, entry: Entry) {
        let Some(t) = self.table_mut(table) else {
            return;
        };
        t.entries.push(entry);
        let last = super::offset(t.entries.len() - 1);
        if (last as usize) < INDEX_FROM - 1 {
            return;
        }
        if !self.indexes.contains_key(&table) {
            let earlier = self.entries(table).iter().take(last as usize);
            let hashed: Vec<(u64, u32)> =
                (earlier.map(|e| self.key_hash(e.key))).zip(0..).collect();
            let mut index = HashTable::with_capacity(hashed.len() + 1);
            for pair in hashed {
                index.insert_unique(pair.0, pair, |p| p.0);
            }
            self.indexes.insert(table, index);
        }
        let hash = self.key_hash(entry.key);
        if let Some(index) = self.indexes.get_mut(&table) {
            index.insert_unique(hash, (hash, last), |p| p.0);
        }
    }

    /// Follows `path` from `table`, creating implicit tables on the way, as a
    /// dotted key (`dotted`) or a header's path does.
    pub(super) fn descend(
        &mut self,
        mut table: TableId,
        path: &[Key],
        dotted: bool,
        place: Place,
        errors: &mut dyn ErrorSink,
    ) -> Option<TableId> {
        for key in path {
            table = match self.find(table, key) {
                None => {
                    let inline = place == Place::Inline;
                    let child = self.new_table(true, dotted, inline);
                    let value = Value {
                        kind: Kind::Table(child),
                        pos: key.pos,
                    };
                    self.insert(table, Entry { key: *key, value });
                    child
                }
                Some(i) => {
                    let existing = self.entry_at(table, i)?.value;
                    self.step_into(existing, key, dotted, place, errors)?
                }
            };
        }
        Some(table)
    }

    /// The table to go on in when `key` of a path names `existing`.
    fn step_into(
        &mut self,
        existing: Value,
        key: &Key,
        dotted: bool,
        place: Place,
        errors: &mut dyn ErrorSink,
    ) -> Option<TableId> {
        match existing.kind {
            Kind::Array(a) if place == Place::Document => {
                let array = self.arrays.get(a.0 as usize)?;
                if !array.of_tables {
                    errors.report_error(cannot_extend("array", key, Some(existing.pos)));
                    return None;
                }
                let last = array.items.last()?;
                match last.kind {
                    Kind::Table(t) => Some(t),
                    other => {
                        let e = cannot_extend(other.type_str(), key, Some(existing.pos));
                        errors.report_error(e);
                        None
                    }
                }
            }
            Kind::Table(t) => {
                let child = self.table_mut(t)?;
                if place == Place::Document {
                    if child.inline {
                        errors.report_error(cannot_extend("inline table", key, None));
                        return None;
                    }
                    if dotted && child.implicit {
                        child.dotted = true;
                    }
                }
                if dotted && !child.implicit {
                    errors.report_error(self.duplicate(key, Some(existing.pos)));
                    return None;
                }
                Some(t)
            }
            other => {
                let e = cannot_extend(other.type_str(), key, Some(existing.pos));
                errors.report_error(e);
                None
            }
        }
    }

    /// `path.key = value` in the body of a document table.
    pub(super) fn key_value(
        &mut self,
        current: TableId,
        path: &[Key],
        key: Key,
        value: Value,
        errors: &mut dyn ErrorSink,
    ) {
        let dotted = !path.is_empty();
        let Some(parent) = self.descend(current, path, dotted, Place::Document, errors) else {
            return;
        };
        // Dotted keys cannot add to a table a header declared.
        if dotted && !self.table(parent).is_some_and(|t| t.implicit) {
            errors.report_error(self.duplicate(&key, None));
            return;
        }
        self.insert_new(parent, key, value, errors);
    }

    /// `path.key = value` inside an inline table.
    pub(super) fn inline_key_value(
        &mut self,
        table: TableId,
        path: &[Key],
        key: Key,
        value: Value,
        errors: &mut dyn ErrorSink,
    ) {
        let Some(parent) = self.descend(table, path, true, Place::Inline, errors) else {
            return;
        };
        if self.table(parent).is_some_and(|t| t.dotted) == path.is_empty() {
            errors.report_error(self.duplicate(&key, None));
            return;
        }
        self.insert_new(parent, key, value, errors);
    }

    fn insert_new(&mut self, table: TableId, key: Key, value: Value, errors: &mut dyn ErrorSink) {
        match self.find(table, &key) {
            None => self.insert(table, Entry { key, value }),
            Some(i) => {
                let earlier = self.entry_at(table, i).map(|e| e.key.pos);
                errors.report_error(self.duplicate(&key, earlier));
            }
        }
    }

    /// A `[path.key]` header: the table its body fills. A table already
    /// created implicitly (by a longer header before it) is declared now;
    /// anything else under that key is a duplicate.
    pub(super) fn std_header(
        &mut self,
        path: &[Key],
        key: Option<Key>,
        pos: Pos,
        errors: &mut dyn ErrorSink,
    ) -> TableId {
        self.redeclared_at = None;
        let root = self.root();
        let parent = key.and_then(|key| {
            Some((
                self.descend(root, path, false, Place::Document, errors)?,
                key,
            ))
        });
        let Some((parent, key)) = parent else {
            return self.new_table(false, false, false);
        };
        let table = match self.find(parent, &key) {
            None => {
                let table = self.new_table(false, false, false);
                let value = Value {
                    kind: Kind::Table(table),
                    pos,
                };
                self.insert(parent, Entry { key, value });
                table
            }
            Some(i) => self.redeclare(parent, i, key, pos, errors),
        };
        if let Some(t) = self.table_mut(table) {
            t.implicit = false;
            t.dotted = false;
        }
        table
    }

    /// A header naming the existing entry `i` of `parent`.
    fn redeclare(
        &mut self,
        parent: TableId,
        i: usize,
        key: Key,
        pos: Pos,
        errors: &mut dyn ErrorSink,
    ) -> TableId {
        let Some(old) = self.entry_at(parent, i) else {
            return self.new_table(false, false, false);
        };
        if let Kind::Table(t) = old.value.kind {
            if self.table(t).is_some_and(|t| t.implicit && !t.dotted) {
                self.set_entry(
                    parent,
                    i,
                    key,
                    Value {
                        kind: old.value.kind,
                        pos,
                    },
                );
                return t;
            }
        }
        errors.report_error(self.duplicate(&key, Some(old.key.pos)));
        self.redeclared_at = Some(key.pos);
        // Go on in the old table if it was one, or in a new one in place of
        // the old value: what the toml crate does, so later errors match.
        // The entry keeps its first key, which a third declaration names.
        let table = match old.value.kind {
            Kind::Table(t) => t,
            _ => self.new_table(false, false, false),
        };
        self.set_entry(
            parent,
            i,
            old.key,
            Value {
                kind: Kind::Table(table),
                pos,
            },
        );
        table
    }

    fn set_entry(&mut self, table: TableId, i: usize, key: Key, value: Value) {
        let slot = self.table_mut(table).and_then(|t| t.entries.get_mut(i));
        if let Some(entry) = slot {
            entry.value = value;
            entry.key.pos = key.pos;
        }
    }

    /// A `[[path.key]]` header: a new table at the end of the array of tables.
    pub(super) fn array_header(
        &mut self,
        path: &[Key],
        key: Option<Key>,
        pos: Pos,
        errors: &mut dyn ErrorSink,
    ) -> TableId {
        self.redeclared_at = None;
        let table = self.new_table(false, false, false);
        let root = self.root();
        let Some(key) = key else { return table };
        let Some(parent) = self.descend(root, path, false, Place::Document, errors) else {
            return table;
        };
        let array = match self.find(parent, &key) {
            None => {
                let array = self.new_array(true);
                let value = Value {
                    kind: Kind::Array(array),
                    pos,
                };
                self.insert(parent, Entry { key, value });
                array
            }
            Some(i) => {
                let old = self.entry_at(parent, i);
                let of_tables =
                    |a: ArrayId| self.arrays.get(a.0 as usize).is_some_and(|a| a.of_tables);
                match old.map(|e| e.value.kind) {
                    Some(Kind::Array(a)) if of_tables(a) => a,
                    _ => {
                        let earlier = old.map(|e| e.key.pos);
                        errors.report_error(self.duplicate(&key, earlier));
                        return table;
                    }
                }
            }
        };
        self.push_item(
            array,
            Value {
                kind: Kind::Table(table),
                pos,
            },
        );
        table
    }
}
