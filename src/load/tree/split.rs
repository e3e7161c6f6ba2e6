//! Parsing a large document on every core: the text is cut into pieces at
//! table headers, each piece is parsed into a tree of its own at the same
//! time, and the trees are merged in order.
//!
//! A piece starts at a `[header]` line, so its body never depends on what
//! came before it but through the tables its headers name. Where two pieces
//! name the same table, the merge applies the one rule that makes this
//! exact: the later piece may only reach it through a header's path (an
//! implicit table, as `people` in `[people.ana]`). Anything else (a table
//! declared twice, an array of tables continued, a piece with an error, a
//! cut that turns out not to fall between expressions) gives up, and the
//! caller parses the document whole, for exactly the toml crate's errors.

use std::ops::Range;

use super::build::{Hasher, Piece};
use super::{ArrayId, Entry, Kind, Lookup, Reading, Str, Table, TableId, Tree, Value};

/// Bytes of text per piece below which parsing in one piece is as fast.
const MIN_PIECE: usize = 1 << 20;

/// How many pieces to parse a text of `len` bytes in.
pub fn parts_for(len: usize) -> usize {
    crate::ordered::parts(len, MIN_PIECE)
}

/// Why a document was not parsed in pieces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GaveUp {
    /// The pieces' trees would not give exactly the tree a whole parse
    /// gives, or the document has errors.
    Pieces,
    /// A table holds a key twice, or names an entry again after it was
    /// handed to a reader, which a parse whose lookups were deferred cannot
    /// make sense of.
    Repeats,
}

/// The tree of `text` parsed in about `parts` pieces at once (one is
/// allowed), in chunks of about `chunk` tokens, its lookups made as
/// `lookup` says, unless that would not give exactly the tree a whole
/// parse gives; and the reading of each piece (made by `reading`), which
/// was handed the piece's entries where lookups are deferred (see
/// `hand_out.rs`).
///
/// Where lookups are deferred, each piece is checked for repeats once its
/// last entries are handed out (so the merge never takes two of a piece's
/// entries for one), and so is the merged tree.
pub fn parse_in_parts<'i, R: Reading>(
    text: &'i str,
    parts: usize,
    chunk: usize,
    lookup: Lookup,
    reading: &(impl Fn() -> R + Sync),
) -> Result<(Tree<'i>, Vec<R>), GaveUp> {
    if u32::try_from(text.len()).is_err() {
        return Err(GaveUp::Pieces);
    }
    let ranges = cuts(text, parts);
    let hasher = Hasher::default();
    let last = ranges.len().saturating_sub(1);
    let checked = |tree: Tree<'i>| match lookup {
        Lookup::Deferred if tree.repeats() => Err(GaveUp::Repeats),
        _ => Ok(tree),
    };
    let work = |(i, range): (usize, Range<usize>)| {
        let mut read = reading();
        let deferred = lookup == Lookup::Deferred;
        let handed = deferred.then_some(&mut read as &mut dyn Reading);
        let piece = Piece::parse(text, range, chunk, hasher, lookup, handed);
        let mut tree = piece.clean_tree(i == last).ok_or(GaveUp::Pieces)?;
        if deferred {
            tree.hand_out(&mut read, None);
        }
        Ok((checked(tree)?, read))
    };
    let trees = crate::ordered::map_in_order(ranges.into_iter().enumerate().collect(), work);
    let mut trees = trees.into_iter();
    let (mut tree, first) = trees.next().ok_or(GaveUp::Pieces)??;
    let mut readings = vec![first];
    for later in trees {
        let (later, read) = later?;
        if tree.append(later).is_none() {
            return Err(match tree.redo {
                true => GaveUp::Repeats,
                false => GaveUp::Pieces,
            });
        }
        readings.push(read);
    }
    if last > 0 {
        tree = checked(tree)?;
    }
    Ok((tree, readings))
}

/// `text` cut into about `parts` ranges, each but the first starting with
/// `[` at the start of a line.
///
/// The first range, parsed on the calling thread, gets 1.2 shares of the
/// text and the others one each. What another thread allocates goes to its
/// own malloc arena, and once the tree is dropped the calling thread cannot
/// reuse that memory for the model, so a smaller share for the others keeps
/// the peak down; they also start later and parse a little slower. On
/// realistic-100k (two pieces) the peak of `check` is 101.5 MB at 1.5
/// shares, 102.7 MB at 1.2 and 104.0 MB for an even cut; the first piece
/// finishes about 25 ms after the second at 1.5 shares and 10 ms after at
/// 1.2, and at a million people about 330 ms and 110 ms after (most runs).
fn cuts(text: &str, parts: usize) -> Vec<Range<usize>> {
    let mut starts = vec![0];
    for i in 1..parts {
        let from = text.len() / (5 * parts + 1) * (5 * i + 1);
        let at = text
            .get(from..)
            .and_then(|rest| rest.find("\n["))
            .map(|n| from + n + 1);
        match at {
            Some(at) if starts.last().is_some_and(|&s| at > s) => starts.push(at),
            _ => {}
        }
    }
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    starts.iter().zip(ends).map(|(&s, e)| s..e).collect()
}

impl Tree<'_> {
    /// Adds the tree of the text that follows this one's, as if both had
    /// been parsed together; `None` where that cannot be done exactly.
    fn append(&mut self, later: Tree<'_>) -> Option<()> {
        let tables = super::offset(self.tables.len());
        let arrays = super::offset(self.arrays.len());
        let decoded = super::offset(self.decoded.len());
        let moved = |v: Value| Value {
            kind: match v.kind {
                Kind::Table(t) => Kind::Table(TableId(t.0 + tables)),
                Kind::Array(a) => Kind::Array(ArrayId(a.0 + arrays)),
                Kind::String(s) => Kind::String(moved_str(s, decoded)),
                other => other,
            },
            ..v
        };
        self.decoded.push_str(&later.decoded);
        self.tables.reserve_exact(later.tables.len());
        for mut table in later.tables {
            for entry in &mut table.entries {
                entry.key.name = moved_str(entry.key.name, decoded);
                entry.value = moved(entry.value);
            }
            self.tables.push(table);
        }
        self.arrays.reserve_exact(later.arrays.len());
        for mut array in later.arrays {
            array.items.iter_mut().for_each(|v| *v = moved(*v));
            self.arrays.push(array);
        }
        self.merge(self.root(), TableId(tables))
    }

    /// Moves the entries of table `from` into `into`, merging the tables
    /// both have; `None` if any key is in both otherwise, or names an entry
    /// handed to a reader.
    ///
    /// Entries `from` handed out can only follow entries that all were, so
    /// that those of `into` stay the first ones.
    fn merge(&mut self, into: TableId, from: TableId) -> Option<()> {
        let mut pending = vec![(into, from)];
        while let Some((into, from)) = pending.pop() {
            let from = self.tables.get_mut(from.0 as usize)?;
            let (taken, entries) = (from.taken, std::mem::take(&mut from.entries));
            let all_taken = self.table(into)?.taken as usize == self.entries(into).len();
            if taken > 0 && !all_taken {
                return None;
            }
            self.reserve(into, entries.len());
            for entry in entries {
                match self.find(into, &entry.key) {
                    _ if self.redo => return None,
                    None => self.insert(into, entry),
                    Some(i) => {
                        let earlier = self.entry_at(into, i)?;
                        pending.push(self.mergeable(earlier, entry)?);
                    }
                }
            }
            let into = self.table_mut(into)?;
            into.taken += taken;
        }
        Some(())
    }

    /// The two tables to merge where a later entry names the same key as
    /// an earlier one: only a table the later text reached through a
    /// header's path can go on in any earlier table not written inline.
    fn mergeable(&self, earlier: Entry, later: Entry) -> Option<(TableId, TableId)> {
        let (Kind::Table(into), Kind::Table(from)) = (earlier.value.kind, later.value.kind) else {
            return None;
        };
        let open = |t: &Table| !t.inline;
        let reached = |t: &Table| t.implicit && !t.dotted && !t.inline;
        let ok = self.table(into).is_some_and(open) && self.table(from).is_some_and(reached);
        ok.then_some((into, from))
    }
}

/// A string of a merged tree: decoded ones move along with the buffer.
fn moved_str(s: Str, by: u32) -> Str {
    if !s.decoded {
        return s;
    }
    let pos = super::Pos {
        start: s.pos.start + by,
        end: s.pos.end + by,
    };
    Str { pos, ..s }
}
