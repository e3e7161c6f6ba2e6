//! `chain map` as JSON, for scripts. Data is exact (no escaping beyond
//! JSON's own), fields come in a fixed order, and people are written one by
//! one rather than collected first.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::{self, Write};

use serde::Serialize;

use super::{PartyMap, PeopleMap, step_roles};
use crate::model::{Kind, Org, Party};
use crate::walk::{Chain, Step, Way};

/// A chain: the ids in order, each handoff in detail, and the gap if the
/// chain was too long to show whole. All `null` when there is no chain.
#[derive(Default, Serialize)]
pub(crate) struct ChainJson<'a> {
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
    /// The chain `c` in JSON.
    pub(crate) fn new(org: &'a Org, c: &Chain) -> Self {
        ChainJson {
            chain: Some(c.parties().map(|p| org.id(p)).collect()),
            steps: Some(c.steps().map(|s| step(org, s)).collect()),
            elided: elided(c),
        }
    }
}

/// One person of the all-people map, around their chain: the fields
/// before it ...
#[derive(Serialize)]
struct PersonHead<'a> {
    id: &'a str,
    name: &'a str,
    roles: Vec<&'a str>,
    team: Option<&'a str>,
    distance: Option<u32>,
}

/// ... and after it.
#[derive(Serialize)]
struct PersonTail<'a> {
    elided: Option<Elided>,
    /// The vacant roles the person's work stops at, when it reaches no
    /// paying customer.
    stopped_at: Vec<&'a str>,
    /// Whether the work stops at more vacancies than `stopped_at` lists.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    stopped_at_more: bool,
}

/// Writes the all-people map: `{"org":…,"people":[…]}`, one person at a
/// time. Each person is `{id, name, roles, team, distance, chain, steps,
/// elided, stopped_at}`: serde writes the fields around the chain, and the
/// chain's ids and steps are copied from [`Written`] between them.
pub fn people(map: &PeopleMap<'_>, out: &mut dyn Write) -> io::Result<()> {
    let org = map.org;
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    out.write_all(b"{\"org\":")?;
    crate::json::to_writer(&mut out, &org.name)?;
    out.write_all(b",\"people\":[")?;
    let mut written = Written::new(org);
    let mut fields = Vec::new();
    for (i, person) in org.people.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        let head = PersonHead {
            id: &person.id,
            name: org.name(Party::Person(i)),
            roles: person
                .roles
                .iter()
                .filter_map(|r| Some(org.role(r.role)?.id.as_str()))
                .collect(),
            team: person.team.as_deref(),
            distance: map.distance(i),
        };
        fields.clear();
        crate::json::to_writer(&mut fields, &head)?;
        // Without its closing brace: the object goes on.
        out.write_all(fields.strip_suffix(b"}").unwrap_or(&fields))?;
        let chain = map.chain(i);
        match &chain {
            Some(c) => {
                out.write_all(b",\"chain\":[")?;
                written.ids(c, &mut out)?;
                out.write_all(b"],\"steps\":[")?;
                written.steps(c, &mut out)?;
                out.write_all(b"]")?;
            }
            None => out.write_all(b",\"chain\":null,\"steps\":null")?,
        }
        let (stops, more) = map.stopped_at(i);
        let tail = PersonTail {
            elided: chain.as_ref().and_then(elided),
            stopped_at: stops
                .iter()
                .filter_map(|&r| Some(org.role(r)?.id.as_str()))
                .collect(),
            stopped_at_more: more,
        };
        fields.clear();
        crate::json::to_writer(&mut fields, &tail)?;
        // Without its opening brace: it carries the object on.
        out.write_all(b",")?;
        out.write_all(fields.strip_prefix(b"{").unwrap_or(&fields))?;
    }
    out.write_all(b"]}\n")?;
    out.flush()
}

/// Each party's id and each step of a chain as JSON, written once and
/// copied into every chain that shows it: on a line of 100,000 people each
/// chain repeats the steps near its end, and writing them anew takes more
/// than twice the time of copying.
struct Written<'o> {
    org: &'o Org,
    /// By party, as [`Org::number`] numbers them.
    ids: Vec<Option<Vec<u8>>>,
    steps: HashMap<Step, Vec<u8>, Fast>,
}

/// A quick hash for the steps of [`Written`], looked up for every step of
/// every chain.
type Fast = foldhash::fast::RandomState;

impl<'o> Written<'o> {
    fn new(org: &'o Org) -> Self {
        Written {
            org,
            ids: vec![None; org.party_count()],
            steps: HashMap::default(),
        }
    }

    /// Writes the ids of `c`'s parties, separated by commas.
    fn ids(&mut self, c: &Chain, out: &mut impl Write) -> io::Result<()> {
        let org = self.org;
        for (k, party) in c.parties().enumerate() {
            if k > 0 {
                out.write_all(b",")?;
            }
            match self.ids.get_mut(org.number(party)) {
                Some(Some(json)) => out.write_all(json)?,
                Some(slot) => out.write_all(slot.insert(to_vec(org.id(party))?))?,
                // Every party has a slot; were one missing, the id is still written.
                None => crate::json::to_writer(&mut *out, org.id(party))?,
            }
        }
        Ok(())
    }

    /// Writes the steps of `c`, separated by commas.
    fn steps(&mut self, c: &Chain, out: &mut impl Write) -> io::Result<()> {
        for (k, s) in c.steps().enumerate() {
            let json = match self.steps.entry(*s) {
                Entry::Occupied(json) => json.into_mut(),
                Entry::Vacant(slot) => slot.insert(to_vec(&step(self.org, s))?),
            };
            if k > 0 {
                out.write_all(b",")?;
            }
            out.write_all(json)?;
        }
        Ok(())
    }
}

/// `value` as JSON.
fn to_vec(value: &(impl Serialize + ?Sized)) -> io::Result<Vec<u8>> {
    let mut json = Vec::new();
    crate::json::to_writer(&mut json, value)?;
    Ok(json)
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
            internal: p.kind() != Kind::External,
            pays: org.pays(p),
            vacant: org.is_vacant(p),
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
