//! `chain map` as CSV, for spreadsheets: a row per person (`id`, `name`,
//! `team`, `roles`, `distance`, `chain`) or, for one party, a row per
//! party reached. Roles are joined with `; `, a chain's ids with ` > `
//! (an elided middle shows as `… N more`); no route is an empty distance.
//! Cells are made safe to open with [`crate::spreadsheet`].

use std::io::{self, Write};

use super::{PartyMap, PeopleMap};
use crate::model::{Org, Party};
use crate::spreadsheet::{self, row};
use crate::walk::Chain;

/// Writes the all-people map.
pub fn people(map: &PeopleMap<'_>, out: &mut dyn Write) -> io::Result<()> {
    let org = map.org;
    let mut w = spreadsheet::writer(out);
    row(&mut w, ["id", "name", "team", "roles", "distance", "chain"])?;
    for (i, person) in org.people.iter().enumerate() {
        let roles: Vec<&str> = person
            .roles
            .iter()
            .filter_map(|r| Some(org.role(r.role)?.id.as_str()))
            .collect();
        let distance = map.distance(i).map(|d| d.to_string()).unwrap_or_default();
        let chain = map.chain(i).map(|c| ids(org, &c)).unwrap_or_default();
        row(
            &mut w,
            [
                person.id.as_str(),
                org.name(Party::Person(i)),
                person.team.as_deref().unwrap_or(""),
                &roles.join("; "),
                &distance,
                &chain,
            ],
        )?;
    }
    w.flush()
}

/// Writes the map of one party: everyone reached, nearest first.
pub fn party(map: &PartyMap<'_>, out: &mut dyn Write) -> io::Result<()> {
    let org = map.org;
    let mut w = spreadsheet::writer(out);
    row(&mut w, ["id", "name", "kind", "distance", "pays", "vacant"])?;
    let yes = |b: bool| if b { "yes" } else { "no" };
    for &(p, distance) in map.parties() {
        row(
            &mut w,
            [
                org.id(p),
                org.name(p),
                p.kind().as_str(),
                &distance.to_string(),
                yes(org.pays(p)),
                yes(org.is_vacant(p)),
            ],
        )?;
    }
    w.flush()
}

/// A chain's ids, ` > ` between them, the gap of an elided chain counted.
fn ids(org: &Org, c: &Chain) -> String {
    let mut parts: Vec<String> = std::iter::once(c.start)
        .chain(c.head.iter().map(|s| s.to))
        .map(|p| org.id(p).to_string())
        .collect();
    if c.elided > 0 {
        parts.push(format!("… {} more", c.elided));
    }
    parts.extend(c.tail.iter().map(|s| org.id(s.to).to_string()));
    parts.join(" > ")
}
