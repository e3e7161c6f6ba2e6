//! A row of a card's customers or suppliers, the same in every format: the
//! party at the other end of a handoff, the role it passes through, what is
//! handed and the note.

use super::{Card, Handed};
use crate::model::{Org, Party, What};

/// How many holders of a role a customer or supplier row names: the row
/// says what the role is, the role's own card lists everyone.
pub const HOLDERS_NAMED: usize = 3;

/// One customer or supplier of a card.
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    /// The party at the other end: the receiver of a customer row, the
    /// giver of a supplier row.
    pub party: Party,
    /// The role of the card's person the work passes through: `as` the
    /// role they hand on for, or `to` the role they receive it in.
    pub via: Option<Via>,
    /// What is handed over, when the file says.
    pub what: Option<What>,
    /// The note, when the file has one.
    pub note: Option<&'a str>,
}

/// How a handoff passes through a role the card's person holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// They hand the work on as holders of this role (by index).
    As(usize),
    /// They receive the work as holders of this role (by index).
    To(usize),
}

impl Via {
    /// "as" or "to".
    pub fn word(self) -> &'static str {
        match self {
            Via::As(_) => "as",
            Via::To(_) => "to",
        }
    }

    /// The role's index.
    pub fn role(self) -> usize {
        match self {
            Via::As(r) | Via::To(r) => r,
        }
    }
}

impl Card<'_> {
    /// The card's customers, in the order of [`Card::customers`].
    pub fn customer_entries(&self) -> Vec<Entry<'_>> {
        let via = |h: &Handed<'_>| match h.from {
            Party::Role(r) if h.from != self.party => Some(Via::As(r)),
            _ => None,
        };
        let rows = self.customers.iter();
        rows.map(|h| entry(h, h.handoff.to, via(h))).collect()
    }

    /// The card's suppliers, in the order of [`Card::suppliers`].
    pub fn supplier_entries(&self) -> Vec<Entry<'_>> {
        let via = |h: &Handed<'_>| match h.handoff.to {
            Party::Role(r) if h.handoff.to != self.party => Some(Via::To(r)),
            _ => None,
        };
        let rows = self.suppliers.iter();
        rows.map(|h| entry(h, h.from, via(h))).collect()
    }
}

impl Entry<'_> {
    /// What the row's party is, seen from the card of `me`, and the role
    /// the work passes through: "role: A, B and 3 more · as coordinator".
    /// `name` names a holder and `escape` makes a role's id safe, both for
    /// the format; the [`Description`] lets the format style the words.
    pub fn kind_words(
        &self,
        org: &Org,
        me: Party,
        name: impl Fn(Party) -> String,
        escape: impl Fn(&str) -> String,
    ) -> (Description, String) {
        let kind = describe(org, self.party, me);
        let mut words = match &kind {
            Description::Role(shown, total) => format!("role: {}", list(shown, *total, name)),
            other => other.words().to_string(),
        };
        if let Some(via) = self.via {
            let role = escape(org.id(Party::Role(via.role())));
            words.push_str(&format!(" · {} {role}", via.word()));
        }
        (kind, words)
    }
}

fn entry<'a>(h: &Handed<'a>, party: Party, via: Option<Via>) -> Entry<'a> {
    Entry {
        party,
        via,
        what: h.handoff.what,
        note: h.handoff.note.as_deref(),
    }
}

/// What a party named on a card is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Description {
    /// The card's own party.
    Myself,
    /// A person.
    Person,
    /// A role someone holds: its first few holders (by index, three),
    /// and how many there are.
    Role(Vec<usize>, usize),
    /// A role nobody holds.
    VacantRole,
    /// An external customer who does not pay.
    External,
    /// An external customer who pays.
    Paying,
}

impl Description {
    /// The words: "self", "person", "role", "vacant role", "external
    /// customer", "paying customer".
    pub fn words(&self) -> &'static str {
        match self {
            Description::Myself => "self",
            Description::Person => "person",
            Description::Role(..) => "role",
            Description::VacantRole => "vacant role",
            Description::External => "external customer",
            Description::Paying => "paying customer",
        }
    }
}

/// Describes `party` as seen from the card of `me`.
pub fn describe(org: &Org, party: Party, me: Party) -> Description {
    match party {
        _ if party == me => Description::Myself,
        Party::Person(_) => Description::Person,
        Party::Role(r) => match org.role(r) {
            Some(role) if !role.is_vacant() => {
                let named = role.holders.iter().copied().take(HOLDERS_NAMED);
                Description::Role(named.collect(), role.holders.len())
            }
            _ => Description::VacantRole,
        },
        Party::External(_) if org.pays(party) => Description::Paying,
        Party::External(_) => Description::External,
    }
}

/// A party as a card names it, "Name (id)", or "id" when it has no name
/// of its own; `escape` makes each string safe for the format.
pub fn label(org: &Org, party: Party, escape: impl Fn(&str) -> String) -> String {
    let (name, id) = (org.name(party), org.id(party));
    if name == id {
        escape(id)
    } else {
        format!("{} ({})", escape(name), escape(id))
    }
}

/// "A, B and 3 more": the people `shown` (by index, each labelled by
/// `each`) out of `total`.
pub fn list(shown: &[usize], total: usize, each: impl Fn(Party) -> String) -> String {
    let names: Vec<String> = shown.iter().map(|&p| each(Party::Person(p))).collect();
    let more = total.saturating_sub(shown.len());
    match (names.as_slice(), more) {
        ([], _) => crate::text::count(total, "person", "people"),
        (_, 0) => names.join(", "),
        (_, more) => format!("{} and {more} more", names.join(", ")),
    }
}
