//! Sorting every id once: the order of each kind of declaration, and the
//! duplicates, which keep their first declaration in file order.

use super::{article, describe};
use crate::finding::Findings;
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

impl Orders {
    /// Sorts every id of `doc` by id and then by place in the files, so
    /// that the declarations of one id are side by side, the first in file
    /// order first. The first keeps the id; the others are reported.
    pub(super) fn new(doc: &Doc, sources: &Sources, findings: &mut Findings) -> Self {
        let people = doc.people.iter().enumerate();
        let roles = doc.roles.iter().enumerate();
        let externals = doc.externals.iter().enumerate();
        let mut all: Vec<(&Name, Kind, usize)> = (people.map(|(i, p)| (&p.id, Kind::Person, i)))
            .chain(roles.map(|(i, r)| (&r.id, Kind::Role, i)))
            .chain(externals.map(|(i, e)| (&e.id, Kind::External, i)))
            .collect();
        // No two declarations share a span, so the order is the same every run.
        all.sort_unstable_by(|(a, ..), (b, ..)| {
            (a.text.as_str(), a.span).cmp(&(b.text.as_str(), b.span))
        });
        let mut orders = Orders {
            people: IdOrder::new(doc.people.len()),
            roles: IdOrder::new(doc.roles.len()),
            externals: IdOrder::new(doc.externals.len()),
        };
        let mut first: Option<(&Name, Kind)> = None;
        for (name, kind, i) in all {
            match first {
                Some((earlier, earlier_kind)) if earlier.text == name.text => {
                    let (span, at) = (name.span, earlier.span);
                    findings.push(Code::DuplicateId, Some(span), || {
                        duplicate(&name.text, kind, span, at, earlier_kind, sources)
                    });
                }
                _ => {
                    first = Some((name, kind));
                    orders.of(kind).push(i);
                }
            }
        }
        orders
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

    /// The file positions of the declarations kept, in id order.
    pub(super) fn positions(&self) -> &[usize] {
        &self.sorted
    }

    /// The items in id order, from `items` in file order (`None` for
    /// duplicates).
    pub(super) fn sorted<T>(&self, mut items: Vec<Option<T>>) -> Vec<T> {
        let take = |&i: &usize| items.get_mut(i).and_then(Option::take);
        self.sorted.iter().filter_map(take).collect()
    }
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
