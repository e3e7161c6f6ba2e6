//! Sorting every id once: the order of each kind of declaration, and the
//! duplicates, which keep their first declaration in file order.

use super::{article, describe};
use crate::finding::{Code, Finding};
use crate::load::read::{Doc, Name};
use crate::model::Kind;
use crate::source::{Sources, Span};

/// The id order of the people, of the roles and of the external customers
/// (one namespace): which declaration comes where, duplicates left out.
pub(super) struct Orders {
    pub(super) people: IdOrder,
    pub(super) roles: IdOrder,
    pub(super) externals: IdOrder,
}

/// One declaration's id, for sorting every id at once: 32 bytes, where
/// the id itself and its span made 80 (on a million people, sorting moved
/// 86 MB around at every level).
#[derive(Clone, Copy)]
struct Key {
    /// The id's first bytes (see [`prefix`]), which settle most
    /// comparisons without reading the id itself.
    prefix: (u128, u64),
    /// The declaration: its position in the list of its kind. A list
    /// holds fewer than 2^32 declarations: a file holds at most
    /// [`crate::load::MAX_FILE_BYTES`] bytes.
    position: u32,
    kind: Kind,
}

impl Key {
    fn new(kind: Kind, position: usize, name: &Name) -> Self {
        Key {
            prefix: prefix(&name.text),
            position: u32::try_from(position).unwrap_or(u32::MAX),
            kind,
        }
    }
}

/// Keys from which each core sorts a part of them.
const SORTED_APART: usize = 1 << 15;

/// Sorts keys by id, then by span, reading the declarations' names
/// through `name` where the prefixes are equal.
fn sort_keys<'d>(keys: &mut [Key], name: impl Fn(&Key) -> Option<&'d Name> + Sync) {
    crate::ordered::sort_unstable_by(keys, SORTED_APART, |a, b| {
        a.prefix.cmp(&b.prefix).then_with(|| {
            let (x, y) = (name(a), name(b));
            let text = |n: Option<&'d Name>| n.map(|n| n.text.as_str());
            (text(x).cmp(&text(y))).then_with(|| x.map(|n| n.span).cmp(&y.map(|n| n.span)))
        })
    });
}

impl Orders {
    /// Sorts every id of `doc` by id and then by place in the files, so
    /// that the declarations of one id are side by side, the first in file
    /// order first. The first keeps the id; the others are reported. No
    /// two declarations share a span, so the keys are unique and an
    /// unstable sort gives the same order every run.
    pub(super) fn new(doc: &Doc, sources: &Sources, findings: &mut Vec<Finding>) -> Self {
        let people = doc.people.iter().enumerate();
        let roles = doc.roles.iter().enumerate();
        let externals = doc.externals.iter().enumerate();
        let mut keys: Vec<Key> = (people.map(|(i, p)| Key::new(Kind::Person, i, &p.id)))
            .chain(roles.map(|(i, r)| Key::new(Kind::Role, i, &r.id)))
            .chain(externals.map(|(i, e)| Key::new(Kind::External, i, &e.id)))
            .collect();
        let name = |k: &Key| doc.id(k.kind, k.position as usize);
        sort_keys(&mut keys, name);
        let mut orders = Orders {
            people: IdOrder::new(doc.people.len()),
            roles: IdOrder::new(doc.roles.len()),
            externals: IdOrder::new(doc.externals.len()),
        };
        let mut first: Option<(Key, &Name)> = None;
        for k in keys {
            let Some(n) = name(&k) else {
                continue;
            };
            match first {
                Some((f, earlier)) if f.prefix == k.prefix && earlier.text == n.text => {
                    findings.push(duplicate(
                        &n.text,
                        k.kind,
                        n.span,
                        earlier.span,
                        f.kind,
                        sources,
                    ));
                }
                _ => {
                    first = Some((k, n));
                    orders.of(k.kind).push(k.position as usize);
                }
            }
        }
        orders
    }

    /// The order of the declarations of `kind`.
    pub(super) fn order(&self, kind: Kind) -> &IdOrder {
        match kind {
            Kind::Person => &self.people,
            Kind::Role => &self.roles,
            Kind::External => &self.externals,
        }
    }

    fn of(&mut self, kind: Kind) -> &mut IdOrder {
        match kind {
            Kind::Person => &mut self.people,
            Kind::Role => &mut self.roles,
            Kind::External => &mut self.externals,
        }
    }
}

/// The order of a list of declarations by id: which one comes where.
pub(super) struct IdOrder {
    /// File positions, in id order.
    sorted: Vec<usize>,
    /// For each file position, its place in id order ([`DROPPED`] for a
    /// duplicate).
    rank: Vec<u32>,
}

const DROPPED: u32 = u32::MAX;

impl IdOrder {
    /// An empty order of a list of `len` declarations.
    fn new(len: usize) -> Self {
        IdOrder {
            sorted: Vec::with_capacity(len),
            rank: vec![DROPPED; len],
        }
    }

    /// Puts the declaration at file position `i` next in id order.
    fn push(&mut self, i: usize) {
        let place = u32::try_from(self.sorted.len()).unwrap_or(DROPPED);
        if let Some(slot) = self.rank.get_mut(i) {
            *slot = place;
            self.sorted.push(i);
        }
    }

    /// The place in id order of the declaration at file position `i`;
    /// `None` for a duplicate.
    pub(super) fn rank(&self, i: usize) -> Option<usize> {
        let place = self.rank.get(i).copied().filter(|&r| r != DROPPED)?;
        Some(place as usize)
    }

    /// The file position of the declaration at `place` in id order.
    pub(super) fn position(&self, place: usize) -> Option<usize> {
        self.sorted.get(place).copied()
    }

    /// The items in id order, from `items` in file order (`None` for
    /// duplicates): each moved once, into place (sorting the items
    /// themselves would move each many times). Each is taken from a random
    /// place, so the items some places ahead are asked for first.
    pub(super) fn sorted<T>(&self, items: Vec<Option<T>>) -> Vec<T> {
        self.sorted_each(items, |_, _| ())
    }

    /// [`IdOrder::sorted`], calling `each(place, item)` on each item as it
    /// comes to its place, while it is at hand.
    pub(super) fn sorted_each<T>(
        &self,
        mut items: Vec<Option<T>>,
        mut each: impl FnMut(usize, &mut T),
    ) -> Vec<T> {
        let mut out = Vec::with_capacity(self.sorted.len());
        for (k, &i) in self.sorted.iter().enumerate() {
            if let Some(&later) = self.sorted.get(k + crate::prefetch::AHEAD) {
                crate::prefetch::at(&items, later);
            }
            if let Some(mut item) = items.get_mut(i).and_then(Option::take) {
                each(out.len(), &mut item);
                out.push(item);
            }
        }
        out
    }
}

/// The first 24 bytes of `id`, zero-padded, as numbers that order as the
/// ids do wherever they differ within those bytes (equal numbers leave the
/// order to the ids themselves). Most ids are shorter, so most ties are
/// equal ids.
fn prefix(id: &str) -> (u128, u64) {
    let mut bytes = [0u8; 24];
    for (b, &c) in bytes.iter_mut().zip(id.as_bytes()) {
        *b = c;
    }
    let (high, low) = bytes.split_at(16);
    let high: [u8; 16] = high.try_into().unwrap_or_default();
    let low: [u8; 8] = low.try_into().unwrap_or_default();
    (u128::from_be_bytes(high), u64::from_be_bytes(low))
}

fn duplicate(
    id: &str,
    kind: Kind,
    span: Span,
    earlier: Span,
    earlier_kind: Kind,
    sources: &Sources,
) -> Finding {
    let at = sources.line_col(earlier);
    let path = sources.path(earlier.file);
    let message = format!("id `{id}` is declared twice");
    let help = format!(
        "`{id}` is first declared as {} {} at {path}:{}:{}; people, roles and external customers share one namespace, so rename one of them",
        article(earlier_kind),
        describe(earlier_kind),
        at.line,
        at.column
    );
    Finding::new(Code::DuplicateId, message)
        .at(span)
        .label(format!(
            "declared again here as {} {}",
            article(kind),
            describe(kind)
        ))
        .help(help)
        .ids([id])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Sorting by 24-byte prefixes, then by the ids, orders ids
        /// exactly as sorting the ids does: ids that share long prefixes,
        /// end in zero bytes or differ only past the 24th byte; equal ids
        /// come in the order of their spans.
        #[test]
        fn keys_sort_as_the_ids_do(
            ids in proptest::collection::vec("(ana-ruiz-|\u{0}|é|z){0,5}[a-c\u{0}]{0,30}", 0..60)
        ) {
            let names: Vec<Name> = ids.iter().enumerate().map(|(i, id)| Name {
                text: id.as_str().into(),
                span: Span::new(crate::source::FileId(0), (ids.len() - i)..(ids.len() - i)),
            }).collect();
            let mut keys: Vec<Key> = names.iter().enumerate().map(|(i, n)| Key::new(Kind::Person, i, n)).collect();
            let name = |k: &Key| names.get(k.position as usize);
            sort_keys(&mut keys, name);
            let sorted: Vec<(&str, Span)> = keys.iter().filter_map(name).map(|n| (n.text.as_str(), n.span)).collect();
            let mut expected: Vec<(&str, Span)> = names.iter().map(|n| (n.text.as_str(), n.span)).collect();
            expected.sort_unstable();
            prop_assert_eq!(sorted, expected);
        }
    }

    /// The first declaration of an id in file order keeps it, across
    /// kinds; places in id order skip the duplicates.
    #[test]
    fn orders_leave_out_later_duplicates() {
        let text = r#"
            [people.bo]
            [people.ana]
            [roles.ana]
            [external.cy]
            [roles.bo]
        "#;
        let loaded = crate::load::load(crate::load::Input::Text { name: "t", text });
        let loaded = loaded.unwrap_or_else(|e| panic!("{e:?}"));
        let ids: Vec<&str> = loaded.org.ids().collect();
        assert_eq!(ids, ["ana", "bo", "cy"]);
        let duplicates: Vec<&str> = loaded.findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            duplicates,
            ["id `ana` is declared twice", "id `bo` is declared twice"]
        );
        assert!(
            loaded
                .findings
                .iter()
                .all(|f| f.label.as_deref().is_some_and(|l| l.contains("a role")))
        );
    }
}
