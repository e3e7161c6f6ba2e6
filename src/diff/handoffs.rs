//! Handoffs added, removed, and kept with a changed note.
//!
//! A handoff is identified by who declares it, who receives it and what it
//! carries: (`from`, `to`, `what`). A person and a role are different
//! givers even when the person holds the role, because the file says
//! different things: "Lee hands this on" and "every producer does".

use super::matching::match_up;
use super::{Changes, HandoffRow, NoteChange};
use crate::model::{Org, Party};

/// The handoffs only in `new` and only in `old`, and those in both whose
/// note changed; each list sorted by (from, to, what, note).
pub(super) fn compare<'a>(
    old: &'a Org,
    new: &'a Org,
) -> (Changes<HandoffRow<'a>>, Vec<NoteChange<'a>>) {
    let (before, after) = (rows(old), rows(new));
    let matched = match_up(&before, &after, HandoffRow::key);
    let mut notes: Vec<NoteChange<'a>> = matched
        .kept
        .into_iter()
        .filter(|(b, a)| b.note != a.note)
        .map(|(b, a)| NoteChange {
            handoff: a,
            before: b.note,
        })
        .collect();
    let mut changes = Changes {
        added: matched.added,
        removed: matched.removed,
    };
    changes.added.sort_unstable();
    changes.removed.sort_unstable();
    notes.sort_unstable();
    (changes, notes)
}

/// Every handoff a person or role of `org` declares.
fn rows(org: &Org) -> Vec<HandoffRow<'_>> {
    let givers = (0..org.people.len())
        .map(Party::Person)
        .chain((0..org.roles.len()).map(Party::Role));
    givers
        .flat_map(|from| {
            org.hands_to(from).iter().map(move |h| HandoffRow {
                from: org.id(from),
                to: org.id(h.to),
                what: h.what,
                note: h.note.as_deref(),
            })
        })
        .collect()
}
