//! The checked model of an organisation: people, roles, external customers
//! and handoffs, with every reference resolved to an index.
//!
//! The loader ([`crate::load`]) builds it; everything downstream reads it.
//! Each list is sorted by id, so indices, and everything derived from them,
//! come out in the same order on every run.
//!
//! Every string read from the file (ids, names, titles, teams, notes) is a
//! [`CompactString`]: a string of up to 24 bytes, as most are, lies in the
//! struct itself, with no allocation of its own.

use std::collections::HashMap;
use std::fmt;

use compact_str::CompactString;

use crate::source::Span;

/// Every declared id to its party, for [`Org::lookup`].
pub type IdIndex = HashMap<CompactString, Party>;

/// What a handoff carries: what the receiving customer relies on the giver for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum What {
    /// Parts or goods to work on.
    Materials,
    /// Facts, reports, data.
    Information,
    /// Direction, training, teaching.
    Instruction,
    /// Taking part in someone else's work.
    Participation,
    /// Help with someone else's task.
    Assistance,
    /// A finished product.
    Product,
    /// A service performed.
    Service,
}

impl What {
    /// Every value, in documentation order.
    pub const ALL: &'static [What] = &[
        What::Materials,
        What::Information,
        What::Instruction,
        What::Participation,
        What::Assistance,
        What::Product,
        What::Service,
    ];

    /// The lowercase name used in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            What::Materials => "materials",
            What::Information => "information",
            What::Instruction => "instruction",
            What::Participation => "participation",
            What::Assistance => "assistance",
            What::Product => "product",
            What::Service => "service",
        }
    }

    /// The value named `name`, if it is one.
    pub fn parse(name: &str) -> Option<What> {
        What::ALL.iter().copied().find(|w| w.as_str() == name)
    }
}

impl fmt::Display for What {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A declared id: a person, a role or an external customer (one namespace).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Party {
    /// Index into [`Org::people`].
    Person(usize),
    /// Index into [`Org::roles`].
    Role(usize),
    /// Index into [`Org::externals`].
    External(usize),
}

/// Which kind of party an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A person.
    Person,
    /// A role.
    Role,
    /// An external customer.
    External,
}

impl Kind {
    /// The lowercase name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Role => "role",
            Kind::External => "external",
        }
    }
}

impl Party {
    /// The kind of party.
    pub fn kind(self) -> Kind {
        match self {
            Party::Person(_) => Kind::Person,
            Party::Role(_) => Kind::Role,
            Party::External(_) => Kind::External,
        }
    }
}

/// One handoff: work given to a party.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handoff {
    /// Who receives the work.
    pub to: Party,
    /// What kind of work, when declared.
    pub what: Option<What>,
    /// Free text.
    pub note: Option<CompactString>,
    /// The `to` value (or the bare id) in the file.
    pub span: Span,
}

/// A reference to a role, as listed in a person's `roles`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoleRef {
    /// Index into [`Org::roles`].
    pub role: usize,
    /// The entry in the file.
    pub span: Span,
}

/// A person in the organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// The id (the TOML key).
    pub id: CompactString,
    /// The display name, when declared.
    pub name: Option<CompactString>,
    /// Roles held, in file order, without repeats.
    pub roles: Vec<RoleRef>,
    /// The team, for grouping diagrams.
    pub team: Option<CompactString>,
    /// The person's own handoffs.
    pub hands_to: Vec<Handoff>,
    /// Some `roles` entry was invalid or named no role, and is left out:
    /// which roles the person holds is not fully known.
    pub roles_left_out: bool,
    /// Some `hands_to` entry was invalid or named no party, and is left
    /// out: whom the person hands work to is not fully known.
    pub handoffs_left_out: bool,
    /// The key that declares the person.
    pub span: Span,
}

/// A role: work that every holder hands on the same way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// The id (the TOML key).
    pub id: CompactString,
    /// The display title, when declared.
    pub title: Option<CompactString>,
    /// Handoffs every holder makes.
    pub hands_to: Vec<Handoff>,
    /// Some `hands_to` entry was invalid or named no party, and is left out.
    pub handoffs_left_out: bool,
    /// Indices of the people holding the role, sorted.
    pub holders: Vec<usize>,
    /// The key that declares the role.
    pub span: Span,
}

impl Role {
    /// A role nobody holds.
    pub fn is_vacant(&self) -> bool {
        self.holders.is_empty()
    }
}

/// A customer outside the organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct External {
    /// The id (the TOML key).
    pub id: CompactString,
    /// The display name, when declared.
    pub name: Option<CompactString>,
    /// Whether this customer pays: false when `pays` is not written, or
    /// written with an invalid value (see [`External::pays_invalid`]).
    pub pays: bool,
    /// `pays` is written with a value that is not a boolean (a finding of
    /// the loader): whether this customer pays is unknown, so rules that
    /// follow from nobody paying do not apply.
    pub pays_invalid: bool,
    /// The key that declares the customer.
    pub span: Span,
}

/// A check code as written in the file's `[check]` table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeSetting {
    /// The code named.
    pub code: crate::finding::Code,
    /// Where it is written.
    pub span: Span,
}

/// The `[check]` table: severity overrides written in the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckSettings {
    /// Codes to allow.
    pub allow: Vec<CodeSetting>,
    /// Codes to report as warnings.
    pub warn: Vec<CodeSetting>,
    /// Codes to report as errors.
    pub deny: Vec<CodeSetting>,
}

/// A whole organisation, checked.
#[derive(Clone, Debug, Default)]
pub struct Org {
    /// The organisation's name, when declared.
    pub name: Option<CompactString>,
    /// People, sorted by id.
    pub people: Vec<Person>,
    /// Roles, sorted by id.
    pub roles: Vec<Role>,
    /// External customers, sorted by id.
    pub externals: Vec<External>,
    /// Severity overrides from `[check]`.
    pub check: CheckSettings,
    /// Every id of the lists, for [`Org::lookup`] (see [`Org::reindex`]).
    pub index: IdIndex,
}

impl Org {
    /// The party an id names.
    pub fn lookup(&self, id: &str) -> Option<Party> {
        self.index.get(id).copied()
    }

    /// Every party: people, then roles, then external customers, each in
    /// file order; [`Org::number`] numbers them in this order.
    pub fn parties(&self) -> impl Iterator<Item = Party> + use<> {
        (0..self.people.len())
            .map(Party::Person)
            .chain((0..self.roles.len()).map(Party::Role))
            .chain((0..self.externals.len()).map(Party::External))
    }

    /// How many parties there are.
    pub fn party_count(&self) -> usize {
        self.people.len() + self.roles.len() + self.externals.len()
    }

    /// The position of `party` in [`Org::parties`]: a dense index for
    /// tables of every party.
    pub fn number(&self, party: Party) -> usize {
        match party {
            Party::Person(i) => i,
            Party::Role(i) => self.people.len() + i,
            Party::External(i) => self.people.len() + self.roles.len() + i,
        }
    }

    /// Indexes the ids of the lists, for [`Org::lookup`]; call it again
    /// after changing them. Where two parties share an id, the first (people
    /// before roles before external customers) keeps it.
    pub fn reindex(&mut self) {
        let people = (self.people.iter().enumerate()).map(|(i, p)| (&p.id, Party::Person(i)));
        let roles = (self.roles.iter().enumerate()).map(|(i, r)| (&r.id, Party::Role(i)));
        let externals =
            (self.externals.iter().enumerate()).map(|(i, e)| (&e.id, Party::External(i)));
        let mut index = IdIndex::default();
        index.reserve(self.party_count());
        for (id, party) in people.chain(roles).chain(externals) {
            index.entry(id.clone()).or_insert(party);
        }
        self.index = index;
    }

    /// Whether some external customer's `pays` is written with an invalid
    /// value, so whether anyone pays is unknown.
    pub fn has_invalid_pays(&self) -> bool {
        self.externals.iter().any(|e| e.pays_invalid)
    }

    /// Every id: people's, then roles', then external customers', each in
    /// id order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        let people = self.people.iter().map(|p| p.id.as_str());
        let roles = self.roles.iter().map(|r| r.id.as_str());
        people
            .chain(roles)
            .chain(self.externals.iter().map(|e| e.id.as_str()))
    }

    /// The id of a party.
    pub fn id(&self, party: Party) -> &str {
        match party {
            Party::Person(i) => self.people.get(i).map(|p| p.id.as_str()),
            Party::Role(i) => self.roles.get(i).map(|r| r.id.as_str()),
            Party::External(i) => self.externals.get(i).map(|e| e.id.as_str()),
        }
        .unwrap_or("")
    }

    /// The display name of a party: its name or title, or else its id.
    pub fn name(&self, party: Party) -> &str {
        let declared = match party {
            Party::Person(i) => self.people.get(i).and_then(|p| p.name.as_deref()),
            Party::Role(i) => self.roles.get(i).and_then(|r| r.title.as_deref()),
            Party::External(i) => self.externals.get(i).and_then(|e| e.name.as_deref()),
        };
        declared.unwrap_or_else(|| self.id(party))
    }

    /// The span of the key that declares a party.
    pub fn span(&self, party: Party) -> Option<Span> {
        match party {
            Party::Person(i) => self.people.get(i).map(|p| p.span),
            Party::Role(i) => self.roles.get(i).map(|r| r.span),
            Party::External(i) => self.externals.get(i).map(|e| e.span),
        }
    }

    /// Whether a party is a role nobody holds.
    pub fn is_vacant(&self, party: Party) -> bool {
        matches!(party, Party::Role(r) if self.role(r).is_some_and(Role::is_vacant))
    }

    /// Whether a party is an external customer that pays.
    pub fn pays(&self, party: Party) -> bool {
        match party {
            Party::External(i) => self.externals.get(i).is_some_and(|e| e.pays),
            _ => false,
        }
    }

    /// The handoffs a party declares itself (none for external customers).
    pub fn hands_to(&self, party: Party) -> &[Handoff] {
        match party {
            Party::Person(i) => self.people.get(i).map(|p| p.hands_to.as_slice()),
            Party::Role(i) => self.roles.get(i).map(|r| r.hands_to.as_slice()),
            Party::External(_) => None,
        }
        .unwrap_or(&[])
    }

    /// The role at index `i`.
    pub fn role(&self, i: usize) -> Option<&Role> {
        self.roles.get(i)
    }

    /// The person at index `i`.
    pub fn person(&self, i: usize) -> Option<&Person> {
        self.people.get(i)
    }
}
