//! `chain map` as JSON, for scripts. Data is exact (no escaping beyond
//! JSON's own), fields come in a fixed order, and people are streamed one by
//! one rather than collected first.

mod people;

pub use people::people;

use std::io::{self, Write};

use serde::Serialize;

use super::shared::Render;
use super::{PartyMap, internal, step_roles};
use crate::model::{Org, Party};
use crate::walk::{Chain, Step, Way};

/// A chain: the ids in order, each handoff in detail, and the gap if the
/// chain was too long to show whole. All `null` when there is no chain.
#[derive(Default, Serialize)]
pub(super) struct ChainJson<'a> {
    chain: Option<Vec<&'a str>>,
    steps: Option<Vec<StepJson<'a>>>,
    elided: Option<Elided>,
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
    fn new(org: &'a Org, c: &Chain) -> Self {
        let steps = || c.head.iter().chain(&c.tail);
        ChainJson {
            chain: Some(c.parties().map(|p| org.id(p)).collect()),
            steps: Some(steps().map(|s| step(org, s)).collect()),
            elided: elided(c),
        }
    }
}

fn elided(c: &Chain) -> Option<Elided> {
    (c.elided > 0).then_some(Elided {
        after: c.head.len() + 1,
        count: c.elided,
    })
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

/// A step in JSON: the id it reaches, in the chain's ids, and its object,
/// in the chain's steps.
pub(super) struct JsonStep;

impl Render for JsonStep {
    const SEPARATOR: &'static [u8] = b",";
    const STREAMS: usize = 2;
    const ALONE: bool = true;

    fn piece(&self, org: &Org, s: &Step, stream: usize, out: &mut Vec<u8>) -> io::Result<()> {
        match stream {
            0 => crate::json::to_writer(out, org.id(s.to)),
            _ => crate::json::to_writer(out, &step(org, s)),
        }
    }
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
            chain: ChainJson::new(org, c),
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
