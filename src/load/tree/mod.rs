//! A compact, spanned TOML document: what one team file parses into before
//! its shape is read.
//!
//! The toml crate's own document type (`DeTable`) costs about 20 times the
//! file's size in memory for a team file: a `BTreeMap` node of eleven slots
//! for every table, however small, and every token of the file lexed into one
//! vector first. This tree keeps the same TOML semantics (it is built from the
//! events of `toml_parser`, the parser the toml crate itself is built on, by a
//! port of its table rules) in a fraction of that:
//!
//! - tables and arrays live in two arenas and are referred to by index;
//! - a table is a vector of entries in file order, with a hash index only
//!   once it grows past a few keys, so a person's four keys cost four entries
//!   and `[people]` with 100,000 ids still finds a key in constant time;
//! - strings and spans are 32-bit offsets into the text (or into one buffer
//!   of the few strings that had escapes to decode), so files are limited to
//!   4 GiB;
//! - the file is lexed in chunks of whole top-level lines, so the tokens of
//!   only one chunk are in memory at a time;
//! - a file is first parsed without the index of large tables: a key is
//!   taken to be new, and keys written twice are looked for once the pieces
//!   are parsed ([`Lookup::Deferred`], `repeats.rs`);
//! - in that parse, the finished entries of the top-level tables (each
//!   `[people.ID]`) are handed to a [`Reading`] as they are parsed and their
//!   parts freed, so the tree of a large file never exists whole
//!   (`hand_out.rs`).
//!
//! Building is iterative (an explicit stack of open arrays and inline tables),
//! and nesting is bounded as in the toml crate, so hostile input cannot
//! overflow the stack.

#[cfg(test)]
mod agree;
mod build;
mod hand_out;
mod repeats;
mod split;
mod tables;

use std::ops::Range;

use hashbrown::HashTable;

#[cfg(test)]
pub(super) use build::parse_in_chunks;
pub use build::{SyntaxError, parse};
pub use hand_out::Reading;
#[cfg(test)]
pub(super) use split::parts_for as pieces;

/// Nesting of arrays and inline tables allowed, and of dotted-key parts: the
/// toml crate's limit, so both refuse the same documents.
const DEPTH_LIMIT: u32 = 80;

/// A byte range of the text, in 32-bit offsets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    start: u32,
    end: u32,
}

impl Pos {
    fn new(start: usize, end: usize) -> Self {
        Pos {
            start: offset(start),
            end: offset(end),
        }
    }

    /// The range as byte offsets.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A byte offset as 32 bits; [`parse`] refuses texts where that loses anything.
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A string of the document: a slice of the text when it needed no decoding,
/// or of the tree's buffer of decoded strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Str {
    pos: Pos,
    decoded: bool,
}

/// A key and where it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    /// The key's text, decoded.
    pub name: Str,
    /// The key as written.
    pub pos: Pos,
}

/// Index of a table in the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableId(u32);

/// Index of an array in the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArrayId(u32);

/// What a value is. Numbers and dates are checked but not kept: no team file
/// key takes one, so only their type matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A string, decoded.
    String(Str),
    /// An integer.
    Integer,
    /// A float.
    Float,
    /// `true` or `false`.
    Boolean(bool),
    /// An offset or local date-time, date or time.
    Datetime,
    /// An array (or array of tables).
    Array(ArrayId),
    /// A table (standard, inline or implicit).
    Table(TableId),
}

impl Kind {
    /// The name of the type, as the toml crate spells it.
    pub fn type_str(self) -> &'static str {
        match self {
            Kind::String(_) => "string",
            Kind::Integer => "integer",
            Kind::Float => "float",
            Kind::Boolean(_) => "boolean",
            Kind::Datetime => "datetime",
            Kind::Array(_) => "array",
            Kind::Table(_) => "table",
        }
    }
}

/// A value and where it is written: the whole of it, brackets included; for
/// a table declared by a header, the header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Value {
    /// What it is.
    pub kind: Kind,
    /// Where.
    pub pos: Pos,
}

/// One key of a table and its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The key.
    pub key: Key,
    /// The value.
    pub value: Value,
}

/// Past this many entries a table gets a hash index.
const INDEX_FROM: usize = 8;

/// How a parse finds out whether a key is already in a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lookup {
    /// Each key is looked up as it is written: tables past [`INDEX_FROM`]
    /// entries keep a hash index. Exact for every document.
    Indexed,
    /// Tables past [`INDEX_FROM`] entries keep no index, and a key looked
    /// up there is taken to be new, so a key written twice is added twice.
    /// The tree is exact only if no table holds a key twice
    /// ([`Tree::repeats`]); a document that does is parsed again,
    /// [`Indexed`](Lookup::Indexed).
    ///
    /// A team file's `[people]` table holds every person: at a million
    /// people its index is ten megabytes, and each header was a lookup and
    /// an insertion at random in it (a third of the parse).
    Deferred,
}

#[derive(Debug, Default)]
struct Table {
    entries: Vec<Entry>,
    /// Positions in `entries`, hashed by key name; built past [`INDEX_FROM`].
    index: Option<HashTable<u32>>,
    /// Created by a dotted key or a header's path, not declared itself.
    implicit: bool,
    /// Created by a dotted key.
    dotted: bool,
    /// Written inline (`{ ... }`): closed to later additions.
    inline: bool,
    /// How many of the first entries were handed to a reader (`hand_out.rs`).
    taken: u32,
}

#[derive(Debug, Default)]
struct Array {
    items: Vec<Value>,
    /// Built by `[[...]]` headers.
    of_tables: bool,
}

/// A parsed document.
#[derive(Debug)]
pub struct Tree<'i> {
    text: &'i str,
    /// Strings that had escapes or line continuations, decoded.
    decoded: String,
    tables: Vec<Table>,
    arrays: Vec<Array>,
    hasher: build::Hasher,
    lookup: Lookup,
    /// The document must be parsed again with every lookup made: an entry
    /// handed to a reader was looked up again (the reader took it too
    /// early), or a table released held a key twice (`hand_out.rs`).
    redo: bool,
    /// The places of tables and arrays released (`hand_out.rs`).
    free: Free,
}

/// Places in a tree's lists of tables and arrays that new ones can take.
#[derive(Debug, Default)]
struct Free {
    tables: Vec<u32>,
    arrays: Vec<u32>,
}

impl<'i> Tree<'i> {
    fn new(text: &'i str, hasher: build::Hasher, lookup: Lookup) -> Self {
        Tree {
            text,
            decoded: String::new(),
            tables: vec![Table::default()],
            arrays: Vec::new(),
            hasher,
            lookup,
            redo: false,
            free: Free::default(),
        }
    }

    /// The top-level table.
    pub fn root(&self) -> TableId {
        TableId(0)
    }

    /// The text of a string.
    pub fn str(&self, s: Str) -> &str {
        let source = if s.decoded {
            self.decoded.as_str()
        } else {
            self.text
        };
        source.get(s.pos.range()).unwrap_or_default()
    }

    /// The entries of a table, in the order their keys first appear.
    pub fn entries(&self, table: TableId) -> &[Entry] {
        self.tables
            .get(table.0 as usize)
            .map_or(&[], |t| t.entries.as_slice())
    }

    /// The entry of `table` with the key `name`.
    pub fn get(&self, table: TableId, name: &str) -> Option<&Entry> {
        let t = self.tables.get(table.0 as usize)?;
        let i = self.position(t, name)?;
        t.entries.get(i)
    }

    /// The items of an array.
    pub fn items(&self, array: ArrayId) -> &[Value] {
        self.arrays
            .get(array.0 as usize)
            .map_or(&[], |a| a.items.as_slice())
    }

    /// Where `name` is among the entries of `t`.
    fn position(&self, t: &Table, name: &str) -> Option<usize> {
        let key_name = |i: &u32| {
            t.entries
                .get(*i as usize)
                .map_or("", |e| self.str(e.key.name))
        };
        match &t.index {
            Some(index) => {
                let hash = self.hash(name);
                index
                    .find(hash, |i| key_name(i) == name)
                    .map(|&i| i as usize)
            }
            None => t.entries.iter().position(|e| self.str(e.key.name) == name),
        }
    }

    fn hash(&self, name: &str) -> u64 {
        use std::hash::BuildHasher as _;
        self.hasher.hash_one(name)
    }
}

#[cfg(test)]
mod tests;
