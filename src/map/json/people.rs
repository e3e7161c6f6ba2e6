//! The all-people map as JSON, written person by person on every core.
//!
//! Each person is an object of `id`, `name`, `roles`, `team`, `distance`,
//! and the fields of [`ChainJson`], written here field by field so that
//! the parts many people share are copied as they were written once
//! ([`SharedSteps`], [`RoleIds`]).

use std::io::{self, Write};

use super::{JsonStep, elided, step};
use crate::json::to_writer;
use crate::map::PeopleMap;
use crate::map::shared::{self, SharedSteps, Written};
use crate::model::{Org, Party, Person, RoleRef};
use crate::prefetch;
use crate::walk::Step;

/// Writes the all-people map: `{"org":…,"people":[…]}`, the people
/// written one by one, on every core, and never collected first.
pub fn people(map: &PeopleMap<'_>, out: &mut dyn Write) -> io::Result<()> {
    let rest_bytes = shared::REST_BYTES_PER_PERSON.saturating_mul(map.org.people.len());
    people_keeping(map, out, rest_bytes)
}

/// [`people`], keeping at most `rest_bytes` of the chains' rests.
fn people_keeping(map: &PeopleMap<'_>, out: &mut dyn Write, rest_bytes: usize) -> io::Result<()> {
    let shared = SharedSteps::new(map.org, &map.to_paying, rest_bytes, &JsonStep)?;
    let roles = RoleIds::new(map.org)?;
    out.write_all(b"{\"org\":")?;
    to_writer(&mut *out, &map.org.name)?;
    out.write_all(b",\"people\":[")?;
    crate::ordered::write_blocks(out, map.org.people.len(), |i, buffer| {
        ask_ahead(map, &shared, &roles, i);
        // Every index is a person: all but the first follow a comma.
        if i > 0 {
            buffer.push(b',');
        }
        person(map, &shared, &roles, i, buffer)
    })?;
    out.write_all(b"]}\n")
}

/// Asks for what the people a few ahead of person `i` will read: their
/// parts kept apart from them, their role ids, and the shared steps they
/// will copy their chains from.
fn ask_ahead(map: &PeopleMap<'_>, shared: &SharedSteps, roles: &RoleIds, i: usize) {
    roles.ask_ahead(&map.org.people, i);
    shared.ask_ahead(map, i);
}

/// Writes person `i`'s object.
fn person(
    map: &PeopleMap<'_>,
    shared: &SharedSteps,
    roles: &RoleIds,
    i: usize,
    out: &mut Vec<u8>,
) -> io::Result<()> {
    let org = map.org;
    let Some(person) = org.person(i) else {
        return Ok(());
    };
    out.extend_from_slice(b"{\"id\":");
    to_writer(&mut *out, &person.id)?;
    out.extend_from_slice(b",\"name\":");
    to_writer(&mut *out, org.name(Party::Person(i)))?;
    out.extend_from_slice(b",\"roles\":[");
    roles.write(&person.roles, out);
    out.extend_from_slice(b"],\"team\":");
    to_writer(&mut *out, &person.team)?;
    out.extend_from_slice(b",\"distance\":");
    to_writer(&mut *out, &map.distance(i))?;
    chain(map, shared, i, out)?;
    out.push(b'}');
    Ok(())
}

/// Writes the `chain`, `steps` and `elided` fields of person `i`.
fn chain(map: &PeopleMap<'_>, shared: &SharedSteps, i: usize, out: &mut Vec<u8>) -> io::Result<()> {
    let org = map.org;
    let party = Party::Person(i);
    let first = map.to_paying.first_of_whole(map.graph, party);
    if let Some(whole) = first.and_then(|(next, s)| shared.whole(&s, next)) {
        out.extend_from_slice(b",\"chain\":[");
        to_writer(&mut *out, org.id(party))?;
        out.push(b',');
        out.extend_from_slice(whole.stream(0));
        out.extend_from_slice(b"],\"steps\":[");
        out.extend_from_slice(whole.stream(1));
        out.extend_from_slice(b"],\"elided\":null");
        return Ok(());
    }
    let Some(c) = map.chain(i) else {
        out.extend_from_slice(b",\"chain\":null,\"steps\":null,\"elided\":null");
        return Ok(());
    };
    // Each step looked up once, for both lists.
    let steps: Vec<(&Step, Option<&Written>)> = (c.head.iter().chain(&c.tail))
        .map(|s| (s, shared.get(s)))
        .collect();
    out.extend_from_slice(b",\"chain\":[");
    to_writer(&mut *out, org.id(c.start))?;
    for &(s, written) in &steps {
        out.push(b',');
        match written {
            Some(w) => out.extend_from_slice(w.piece(0)),
            None => to_writer(&mut *out, org.id(s.to))?,
        }
    }
    out.extend_from_slice(b"],\"steps\":[");
    for (k, &(s, written)) in steps.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        match written {
            Some(w) => out.extend_from_slice(w.piece(1)),
            None => to_writer(&mut *out, &step(org, s))?,
        }
    }
    out.extend_from_slice(b"],\"elided\":");
    to_writer(&mut *out, &elided(&c))
}

/// Each role's id as JSON, side by side: a person's roles are copied from
/// here rather than read through each role.
struct RoleIds {
    text: Vec<u8>,
    /// Where role `r`'s id starts; one more for where the last ends.
    starts: Vec<usize>,
}

impl RoleIds {
    fn new(org: &Org) -> io::Result<Self> {
        let mut ids = RoleIds {
            text: Vec::new(),
            starts: Vec::with_capacity(org.roles.len() + 1),
        };
        for role in &org.roles {
            ids.starts.push(ids.text.len());
            to_writer(&mut ids.text, &role.id)?;
        }
        ids.starts.push(ids.text.len());
        Ok(ids)
    }

    /// Asks for the role ids the people a few ahead of person `i` will
    /// copy: where the ids start for a farther person, the ids for a
    /// nearer one. A role's holders lie far apart in id order, so on a
    /// million people the ids (a megabyte) have left the cache between
    /// two of them.
    fn ask_ahead(&self, people: &[Person], i: usize) {
        let roles = |ahead: usize| people.get(i + ahead).map_or(&[][..], |p| &p.roles[..]);
        for r in roles(16) {
            prefetch::at(&self.starts, r.role);
        }
        for r in roles(8) {
            if let Some(&start) = self.starts.get(r.role) {
                prefetch::at(&self.text, start);
            }
        }
    }

    /// Writes the ids of `roles`, comma-separated.
    fn write(&self, roles: &[RoleRef], out: &mut Vec<u8>) {
        let ids = roles.iter().filter_map(|r| {
            let end = *self.starts.get(r.role + 1)?;
            self.text.get(*self.starts.get(r.role)?..end)
        });
        for (k, id) in ids.enumerate() {
            if k > 0 {
                out.push(b',');
            }
            out.extend_from_slice(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::fixture::{assert_most_copied_whole, each_map};
    use crate::map::json::ChainJson;

    /// A person's object as the map documents it, fields in order.
    #[derive(serde::Serialize)]
    struct PersonJson<'a> {
        id: &'a str,
        name: &'a str,
        roles: Vec<&'a str>,
        team: Option<&'a str>,
        distance: Option<u32>,
        #[serde(flatten)]
        chain: ChainJson<'a>,
    }

    /// Each person's object as serde writes it from the model, byte for
    /// byte: the oracle of the test below.
    fn expected(map: &PeopleMap<'_>, i: usize) -> String {
        let org = map.org;
        let person = &org.people[i];
        let chain = map.chain(i);
        let json = PersonJson {
            id: &person.id,
            name: org.name(Party::Person(i)),
            roles: person
                .roles
                .iter()
                .map(|r| org.roles[r.role].id.as_str())
                .collect(),
            team: person.team.as_deref(),
            distance: map.distance(i),
            chain: chain
                .as_ref()
                .map(|c| ChainJson::new(org, c))
                .unwrap_or_default(),
        };
        let mut out = Vec::new();
        to_writer(&mut out, &json).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Chains copied whole, followed step by step, or elided, the map is
    /// byte for byte what serde writes from the model, with or without
    /// room for the rests; and most people of this organisation are copied
    /// whole.
    #[test]
    fn people_written_in_pieces_are_what_serde_writes() {
        each_map(|map, limit| {
            let org = map.org;
            assert_most_copied_whole(map, &JsonStep);
            for rest_bytes in [usize::MAX, 1_000, 0] {
                let mut out = Vec::new();
                people_keeping(map, &mut out, rest_bytes).unwrap();
                let people: Vec<String> = (0..org.people.len()).map(|i| expected(map, i)).collect();
                let mut whole = Vec::new();
                to_writer(&mut whole, &org.name).unwrap();
                let whole = format!(
                    "{{\"org\":{},\"people\":[{}]}}\n",
                    String::from_utf8(whole).unwrap(),
                    people.join(",")
                );
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    whole,
                    "limit {limit}, {rest_bytes} bytes"
                );
            }
        });
    }
}
