//! What the fuzzer checks of the fast ways of parsing: cut in pieces, with
//! lookups deferred, entries handed to a reader on the way, a document
//! comes out as one parse of the whole text with every lookup made gives it.

use std::fmt::Write as _;

use super::build::{CHUNK_TOKENS, parse_in_chunks};
use super::split::parse_in_parts;
use super::{Entry, Kind, Lookup, Reading, Tree, Value};

/// Whether each way of cutting `text` in pieces that [`parse_in_parts`]
/// takes, its lookups deferred or not, gives what a whole parse with every
/// lookup made gives: the same keys and values at the same places, the
/// entries handed out included. Deferred, each is parsed in chunks of
/// several sizes (entries are handed out between chunks): of one line,
/// of a few tokens, and the size chain uses.
pub fn pieces_agree(text: &str) -> bool {
    let (whole, errors) = parse_in_chunks(text, usize::MAX);
    let want = document(&whole, &[]);
    (1..=4).all(|parts| {
        let deferred = [1, 3, 10, 31, CHUNK_TOKENS].map(|chunk| (chunk, Lookup::Deferred));
        let ways = deferred
            .into_iter()
            .chain([(CHUNK_TOKENS, Lookup::Indexed)]);
        ways.into_iter().all(|(chunk, lookup)| {
            match parse_in_parts(text, parts, chunk, lookup, &Copies::default) {
                Err(_) => true,
                Ok((tree, copies)) => errors.is_empty() && written(&tree, copies) == want,
            }
        })
    })
}

/// A reading that takes every top-level table's entries, written out as
/// [`entry`] writes them, with the name of their table.
#[derive(Default)]
pub(super) struct Copies(Vec<(String, String)>);

impl Reading for Copies {
    fn reads(&self, _: &str) -> bool {
        true
    }

    fn entry(&mut self, tree: &Tree<'_>, section: &str, e: &Entry) {
        let mut out = String::new();
        entry(tree, e, &mut out);
        self.0.push((section.to_owned(), out));
    }
}

/// The document in `tree` written out, with the entries the `copies` of its
/// pieces took.
pub(super) fn written(tree: &Tree<'_>, copies: Vec<Copies>) -> String {
    let handed: Vec<(String, String)> = copies.into_iter().flat_map(|c| c.0).collect();
    document(tree, &handed)
}

/// The document in `tree` written out, with the entries `handed` out
/// (table name, entry written out) first in their tables.
fn document(tree: &Tree<'_>, handed: &[(String, String)]) -> String {
    let mut out = String::new();
    for e in tree.entries(tree.root()) {
        let name = tree.str(e.key.name);
        let _ = write!(out, "{name:?}@{:?}=", e.key.pos.range());
        let Kind::Table(t) = e.value.kind else {
            value(tree, e.value, &mut out);
            continue;
        };
        let _ = write!(out, "{:?}{{", e.value.pos.range());
        for (_, copy) in handed.iter().filter(|(section, _)| section == name) {
            out.push_str(copy);
        }
        for e in tree.entries_left(t) {
            entry(tree, e, &mut out);
        }
        out.push('}');
    }
    out
}

/// An entry written out: its key, where, and its value.
fn entry(tree: &Tree<'_>, e: &Entry, out: &mut String) {
    let _ = write!(out, "{:?}@{:?}=", tree.str(e.key.name), e.key.pos.range());
    value(tree, e.value, out);
}

/// A value written out with everything in it, and where each part is.
fn value(tree: &Tree<'_>, value: Value, out: &mut String) {
    enum Step {
        Value(Value),
        Entry(Entry),
        Close(char),
    }
    let mut pending = vec![Step::Value(value)];
    while let Some(step) = pending.pop() {
        let v = match step {
            Step::Close(c) => {
                out.push(c);
                continue;
            }
            Step::Entry(e) => {
                let _ = write!(out, "{:?}@{:?}=", tree.str(e.key.name), e.key.pos.range());
                e.value
            }
            Step::Value(v) => v,
        };
        let _ = write!(out, "{:?}", v.pos.range());
        match v.kind {
            Kind::Table(t) => {
                out.push('{');
                pending.push(Step::Close('}'));
                pending.extend(tree.entries(t).iter().rev().map(|e| Step::Entry(*e)));
            }
            Kind::Array(a) => {
                out.push('[');
                pending.push(Step::Close(']'));
                pending.extend(tree.items(a).iter().rev().map(|v| Step::Value(*v)));
            }
            Kind::String(s) => {
                let _ = write!(out, "{:?}", tree.str(s));
            }
            other => {
                let _ = write!(out, "{other:?}");
            }
        }
    }
}
