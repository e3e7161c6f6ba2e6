//! `chain map` as JSON, for scripts. Data is exact (no escaping beyond
//! JSON's own), fields come in a fixed order, and people are streamed one by
//! one rather than collected first.

mod shared;

use std::io::{self, Write};

use serde::Serialize;
use serde_json::value::RawValue;

use super::{PartyMap, PeopleMap, internal, step_roles};
use crate::model::{Org, Party, Person};
use crate::walk::{Chain, Step, Way};

use shared::SharedSteps;

/// The JSON of person `i`, if there is one.
fn person<'a>(map: &PeopleMap<'a>, shared: &'a SharedSteps, i: usize) -> Option<PersonJson<'a>> {
    let org = map.org;
    let person = org.person(i)?;
    let (distance, chain) = map.row(i);
    Some(PersonJson {
        id: &person.id,
        name: org.name(Party::Person(i)),
        roles: person
            .roles
            .iter()
            .filter_map(|r| org.role(r.role))
            .map(|r| r.id.as_str())
            .collect(),
        team: person.team.as_deref(),
        distance,
        chain: chain
            .as_ref()
            .map(|c| ChainJson::new(org, c, Some(shared)))
            .unwrap_or_default(),
    })
}

#[derive(Serialize)]
struct PersonJson<'a> {
    id: &'a str,
    name: &'a str,
    roles: Vec<&'a str>,
    team: Option<&'a str>,
    distance: Option<u32>,
    #[serde(flatten)]
    chain: ChainJson<'a>,
}

/// A chain: the ids in order, each handoff in detail, and the gap if the
/// chain was too long to show whole. All `null` when there is no chain.
#[derive(Default, Serialize)]
struct ChainJson<'a> {
    chain: Option<Vec<Piece<'a, &'a str>>>,
    steps: Option<Vec<Piece<'a, StepJson<'a>>>>,
    elided: Option<Elided>,
}

/// A part of a chain, written now or copied from the shared steps.
#[derive(Serialize)]
#[serde(untagged)]
enum Piece<'a, T> {
    Fresh(T),
    Shared(&'a RawValue),
}

/// `count` parties are left out of `chain` after its first `after` ids.
#[derive(Serialize)]
struct Elided {
    after: usize,
    count: usize,
}

#[derive(Serialize)]
struct StepJson<'a> {
    to: &'a str,
    what: Option<&'a str>,
    as_role: Option<&'a str>,
    to_role: Option<&'a str>,
    note: Option<&'a str>,
}

impl<'a> ChainJson<'a> {
    /// The JSON of `c`, copying the steps found in `shared`.
    fn new(org: &'a Org, c: &Chain, shared: Option<&'a SharedSteps>) -> Self {
        let mut ids = Vec::with_capacity(c.head.len() + c.tail.len() + 1);
        ids.push(Piece::Fresh(org.id(c.start)));
        let mut steps = Vec::with_capacity(c.head.len() + c.tail.len());
        for s in c.head.iter().chain(&c.tail) {
            match shared.and_then(|sh| sh.get(s)) {
                Some((step, to)) => {
                    steps.push(Piece::Shared(step));
                    ids.push(Piece::Shared(to));
                }
                None => {
                    steps.push(Piece::Fresh(step(org, s)));
                    ids.push(Piece::Fresh(org.id(s.to)));
                }
            }
        }
        ChainJson {
            chain: Some(ids),
            steps: Some(steps),
            elided: (c.elided > 0).then_some(Elided {
                after: c.head.len() + 1,
                count: c.elided,
            }),
        }
    }
}

fn step<'a>(org: &'a Org, s: &Step) -> StepJson<'a> {
    let handoff = s.handoff(org);
    let (as_role, to_role) = step_roles(org, s);
    StepJson {
        to: org.id(s.to),
        what: handoff.and_then(|h| h.what).map(|w| w.as_str()),
        as_role,
        to_role,
        note: handoff.and_then(|h| h.note.as_deref()),
    }
}

/// Writes the all-people map: `{"org":…,"people":[…]}`, the people
/// serialized one by one, on every core, and never collected first.
pub fn people(map: &PeopleMap<'_>, out: &mut dyn Write) -> io::Result<()> {
    let shared = SharedSteps::new(map.org, map.to_paying.shared_steps())?;
    out.write_all(b"{\"org\":")?;
    crate::json::to_writer(&mut *out, &map.org.name)?;
    out.write_all(b",\"people\":[")?;
    crate::ordered::write_blocks(out, map.org.people.len(), |i, buffer| {
        Person::touch_ahead(&map.org.people, i);
        let Some(json) = person(map, &shared, i) else {
            return Ok(());
        };
        // Every index is a person: all but the first follow a comma.
        if i > 0 {
            buffer.push(b',');
        }
        crate::json::to_writer(&mut *buffer, &json)
    })?;
    out.write_all(b"]}\n")
}

#[derive(Serialize)]
struct PartyDoc<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    depth: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    serves: Option<Vec<PartyJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    upstream: Option<Vec<PartyJson<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    chains: Option<Vec<PaidChainJson<'a>>>,
}

#[derive(Serialize)]
struct PartyJson<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    internal: bool,
    pays: bool,
    vacant: bool,
    distance: u32,
}

#[derive(Serialize)]
struct PaidChainJson<'a> {
    to: &'a str,
    distance: usize,
    #[serde(flatten)]
    chain: ChainJson<'a>,
}

/// Writes the map of one party.
pub fn party(map: &PartyMap<'_>, out: &mut dyn Write) -> io::Result<()> {
    let org = map.org;
    let list: Vec<PartyJson<'_>> = map
        .parties
        .iter()
        .map(|&(p, distance)| PartyJson {
            id: org.id(p),
            name: org.name(p),
            kind: p.kind().as_str(),
            internal: internal(p),
            pays: org.pays(p),
            vacant: matches!(p, Party::Role(r) if org.role(r).is_some_and(|x| x.is_vacant())),
            distance,
        })
        .collect();
    let chains = map
        .chains
        .iter()
        .map(|c| PaidChainJson {
            to: c.parties().last().map_or("", |p| org.id(p)),
            distance: c.len(),
            chain: ChainJson::new(org, c, None),
        })
        .collect();
    let downstream = map.way == Way::Downstream;
    let (serves, upstream) = if downstream {
        (Some(list), None)
    } else {
        (None, Some(list))
    };
    let doc = PartyDoc {
        id: org.id(map.start),
        name: org.name(map.start),
        kind: map.start.kind().as_str(),
        depth: map.depth,
        serves,
        upstream,
        chains: downstream.then_some(chains),
    };
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    crate::json::to_writer(&mut buffered, &doc)?;
    writeln!(buffered)?;
    buffered.flush()
}
