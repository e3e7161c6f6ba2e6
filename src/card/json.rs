//! A card as one JSON document, for scripts. The data is exact (no escaping
//! beyond JSON's own, see [`crate::json`]), fields come in a fixed order,
//! and the shape is documented in the README ("A card per person").

use std::io::{self, Write};

use serde::Serialize;

use super::entry::{Entry, Via};
use super::{Card, People, Route, holders};
use crate::map::ChainJson;
use crate::model::{Org, Party};

/// A card: `kind` first, then the fields of that kind.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum CardJson<'a> {
    Person {
        id: &'a str,
        name: &'a str,
        team: Option<&'a str>,
        roles: Vec<HeldJson<'a>>,
        customers: Vec<EntryJson<'a>>,
        suppliers: Vec<EntryJson<'a>>,
        route: RouteJson<'a>,
        relied_on_by: PeopleJson<'a>,
    },
    Role {
        id: &'a str,
        name: &'a str,
        vacant: bool,
        holders: Vec<&'a str>,
        customers: Vec<EntryJson<'a>>,
        suppliers: Vec<EntryJson<'a>>,
        route: RouteJson<'a>,
        stops_work_of: PeopleJson<'a>,
    },
    External {
        id: &'a str,
        name: &'a str,
        pays: bool,
        suppliers: Vec<EntryJson<'a>>,
        reached_by: PeopleJson<'a>,
    },
}

/// A role a person holds, and who else holds it.
#[derive(Serialize)]
struct HeldJson<'a> {
    id: &'a str,
    name: &'a str,
    cover: Vec<&'a str>,
}

/// A customer or supplier.
#[derive(Serialize)]
struct EntryJson<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    internal: bool,
    pays: bool,
    vacant: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    holders: Option<Vec<&'a str>>,
    as_role: Option<&'a str>,
    to_role: Option<&'a str>,
    what: Option<&'static str>,
    note: Option<&'a str>,
}

/// The way to a paying customer, or where it stops.
#[derive(Serialize)]
struct RouteJson<'a> {
    distance: Option<u32>,
    #[serde(flatten)]
    chain: ChainJson<'a>,
    stopped_at: Vec<&'a str>,
    stopped_at_more: bool,
}

/// A list of people: how many, and the first few.
#[derive(Serialize)]
struct PeopleJson<'a> {
    count: usize,
    shown: Vec<PersonJson<'a>>,
}

#[derive(Serialize)]
struct PersonJson<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    distance: Option<u32>,
}

/// Writes `card` as indented JSON.
pub(super) fn write(card: &Card<'_>, out: &mut dyn Write) -> io::Result<()> {
    let org = card.org;
    let (id, name) = (org.id(card.party), org.name(card.party));
    let customers = || entries(org, &card.customer_entries());
    let suppliers = entries(org, &card.supplier_entries());
    let doc = match card.party {
        Party::Person(i) => CardJson::Person {
            id,
            name,
            team: org.person(i).and_then(|p| p.team.as_deref()),
            roles: card
                .cover()
                .into_iter()
                .map(|(r, others)| HeldJson {
                    id: org.id(Party::Role(r)),
                    name: org.name(Party::Role(r)),
                    cover: ids(org, &others),
                })
                .collect(),
            customers: customers(),
            suppliers,
            route: route(org, card.route.as_ref()),
            relied_on_by: people(org, &card.relied_on_by),
        },
        Party::Role(r) => CardJson::Role {
            id,
            name,
            vacant: org.is_vacant(card.party),
            holders: ids(org, holders(org, r)),
            customers: customers(),
            suppliers,
            route: route(org, card.route.as_ref()),
            stops_work_of: people(org, &card.stopped_here),
        },
        Party::External(_) => CardJson::External {
            id,
            name,
            pays: org.pays(card.party),
            suppliers,
            reached_by: people(org, &card.reached_by),
        },
    };
    crate::json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// People's ids.
fn ids<'a>(org: &'a Org, people: &[usize]) -> Vec<&'a str> {
    people.iter().map(|&p| org.id(Party::Person(p))).collect()
}

fn entries<'a>(org: &'a Org, rows: &[Entry<'a>]) -> Vec<EntryJson<'a>> {
    rows.iter().map(|row| entry(org, row)).collect()
}

fn entry<'a>(org: &'a Org, row: &Entry<'a>) -> EntryJson<'a> {
    let p = row.party;
    let role = |via: Via| org.id(Party::Role(via.role()));
    let holders = match p {
        Party::Role(r) => Some(ids(org, holders(org, r))),
        _ => None,
    };
    EntryJson {
        id: org.id(p),
        name: org.name(p),
        kind: p.kind().as_str(),
        internal: !matches!(p, Party::External(_)),
        pays: org.pays(p),
        vacant: org.is_vacant(p),
        holders,
        as_role: row.via.filter(|v| matches!(v, Via::As(_))).map(role),
        to_role: row.via.filter(|v| matches!(v, Via::To(_))).map(role),
        what: row.what.map(|w| w.as_str()),
        note: row.note,
    }
}

fn route<'a>(org: &'a Org, route: Option<&Route>) -> RouteJson<'a> {
    let mut json = RouteJson {
        distance: None,
        chain: ChainJson::default(),
        stopped_at: Vec::new(),
        stopped_at_more: false,
    };
    match route {
        Some(Route::Reaches { distance, chain }) => {
            json.distance = Some(*distance);
            if let Some(chain) = chain {
                json.chain = ChainJson::new(org, chain);
            }
        }
        Some(Route::Stops { at, more }) => {
            json.stopped_at = at.iter().map(|&r| org.id(Party::Role(r))).collect();
            json.stopped_at_more = *more;
        }
        Some(Route::Nowhere) | None => {}
    }
    json
}

fn people<'a>(org: &'a Org, people: &People) -> PeopleJson<'a> {
    PeopleJson {
        count: people.count,
        shown: people
            .shown
            .iter()
            .map(|&(p, distance)| PersonJson {
                id: org.id(Party::Person(p)),
                name: org.name(Party::Person(p)),
                distance,
            })
            .collect(),
    }
}
