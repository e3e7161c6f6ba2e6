//! What `--highlight` marks on a picture: vacancies, dead ends and single
//! points, read from the findings of `chain check` (by their code and the
//! party each names first), so the picture and `check` never disagree.

use crate::finding::{Code, Finding};
use crate::model::{Org, Party};

/// The marks on one party (or on a node, for anyone it stands for).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    /// A role nobody holds: work handed to it stops there.
    pub vacant: bool,
    /// Work that never reaches a paying customer.
    pub dead_end: bool,
    /// A person on every chain of some others to a paying customer.
    pub single_point: bool,
}

/// What the marks say under a name: a vacant role's line is its detail
/// (see [`super::Node::details`]), marked or not.
pub const DEAD_END: &str = "✖ reaches no paying customer";
pub const SINGLE_POINT: &str = "⚠ single point";
pub const VACANT: &str = "vacant role: hands nothing on";

impl Mark {
    /// The lines the marks add under a name.
    pub fn lines(self) -> impl Iterator<Item = &'static str> {
        [(self.dead_end, DEAD_END), (self.single_point, SINGLE_POINT)]
            .into_iter()
            .filter_map(|(set, line)| set.then_some(line))
    }

    /// Whether anything is marked.
    pub fn any(self) -> bool {
        self.vacant || self.dead_end || self.single_point
    }

    /// Both marks together.
    pub fn union(self, other: Mark) -> Mark {
        Mark {
            vacant: self.vacant || other.vacant,
            dead_end: self.dead_end || other.dead_end,
            single_point: self.single_point || other.single_point,
        }
    }

    /// The names of the marks set, as in JSON: `vacant`, `dead-end`,
    /// `single-point`.
    pub fn names(self) -> Vec<&'static str> {
        [
            (self.vacant, "vacant"),
            (self.dead_end, "dead-end"),
            (self.single_point, "single-point"),
        ]
        .into_iter()
        .filter_map(|(set, name)| set.then_some(name))
        .collect()
    }
}

/// The marks of every person and role.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    people: Vec<Mark>,
    roles: Vec<Mark>,
    /// Whether marks were asked for at all (`--highlight`).
    on: bool,
}

impl Marks {
    /// The codes whose findings give marks: `chain graph` asks `check`
    /// for these whatever the file's `[check]` settings say.
    pub const CODES: &'static [Code] = &[
        Code::OrphanRole,
        Code::DeadEnd,
        Code::NoCustomer,
        Code::SinglePoint,
    ];

    /// The marks `findings` give: a vacancy (`orphan-role`), a dead end
    /// (`dead-end`, or `no-customer`: work handed to no one reaches no one),
    /// a single point (`single-point`), each on the party a finding names
    /// first.
    pub fn from_findings(org: &Org, findings: &[Finding]) -> Self {
        let mut marks = Marks {
            people: vec![Mark::default(); org.people.len()],
            roles: vec![Mark::default(); org.roles.len()],
            on: true,
        };
        for f in findings {
            let Some(party) = f.ids.first().and_then(|id| org.lookup(id)) else {
                continue;
            };
            let slot = match party {
                Party::Person(i) => marks.people.get_mut(i),
                Party::Role(i) => marks.roles.get_mut(i),
                Party::External(_) => None,
            };
            let Some(mark) = slot else { continue };
            match f.code {
                Code::OrphanRole => mark.vacant = true,
                Code::DeadEnd | Code::NoCustomer => mark.dead_end = true,
                Code::SinglePoint if matches!(party, Party::Person(_)) => {
                    mark.single_point = true;
                }
                _ => {}
            }
        }
        marks
    }

    /// Whether marks were asked for.
    pub fn on(&self) -> bool {
        self.on
    }

    /// The marks on `party`.
    pub fn of(&self, party: Party) -> Mark {
        match party {
            Party::Person(i) => self.people.get(i),
            Party::Role(i) => self.roles.get(i),
            Party::External(_) => None,
        }
        .copied()
        .unwrap_or_default()
    }
}
