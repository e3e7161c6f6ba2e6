//! Who on a roster is who in a team file: each entry matched by id (the
//! id `chain import` would make for them, from the id column, the email or
//! the name), then the rest by name, when exactly one unmatched person and
//! one unmatched entry have it.

use std::collections::HashMap;

use crate::model::{Org, Party};

use super::Roster;
use super::fold_name as fold;

/// The result of matching a roster with a team file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matching {
    /// For each roster entry, the person in the file (an index into
    /// [`Org::people`]), if any.
    pub person: Vec<Option<usize>>,
    /// Entries on the roster and not in the file, in roster order.
    pub joiners: Vec<usize>,
    /// People in the file and not on the roster, in id order.
    pub leavers: Vec<usize>,
}

impl Matching {
    /// Matches `roster` with the people of `org`.
    pub fn new(roster: &Roster, org: &Org) -> Self {
        let mut person: Vec<Option<usize>> = roster
            .entries
            .iter()
            .map(|e| match org.lookup(&e.id) {
                Some(Party::Person(p)) => Some(p),
                _ => None,
            })
            .collect();
        let mut matched = vec![false; org.people.len()];
        for p in person.iter().flatten() {
            if let Some(m) = matched.get_mut(*p) {
                *m = true;
            }
        }
        by_name(roster, org, &mut person, &mut matched);
        let joiners = (0..person.len())
            .filter(|&i| person.get(i).is_some_and(Option::is_none))
            .collect();
        let leavers = (0..matched.len())
            .filter(|&p| matched.get(p) == Some(&false))
            .collect();
        Matching {
            person,
            joiners,
            leavers,
        }
    }
}

/// Matches the entries left with the people left whose name (or id, for
/// someone without a name) is the entry's, when that name is unique on
/// both sides.
fn by_name(roster: &Roster, org: &Org, person: &mut [Option<usize>], matched: &mut [bool]) {
    let mut people: HashMap<String, Vec<usize>> = HashMap::new();
    for (p, _) in matched.iter().enumerate().filter(|(_, m)| !**m) {
        people
            .entry(fold(org.name(Party::Person(p))))
            .or_default()
            .push(p);
    }
    let mut entries: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in roster.entries.iter().enumerate() {
        if person.get(i).is_some_and(Option::is_none) {
            entries.entry(fold(&e.name)).or_default().push(i);
        }
    }
    for (name, found) in &entries {
        if let ([i], Some([p])) = (found.as_slice(), people.get(name).map(Vec::as_slice)) {
            if let (Some(slot), Some(m)) = (person.get_mut(*i), matched.get_mut(*p)) {
                *slot = Some(*p);
                *m = true;
            }
        }
    }
}
