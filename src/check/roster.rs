//! `roster-joiner` and `roster-leaver`: the team file compared with a
//! roster (`chain check --roster`). People are matched as
//! [`Matching`] says; a joiner is placed at their row of the roster, a
//! leaver at their key in the team file.

use crate::finding::{Code, Finding};
use crate::model::Org;
use crate::model::Party;
use crate::roster::Roster;
use crate::roster::matching::Matching;

/// The findings of comparing `org` with `roster`, at their default
/// severity, in roster order then id order.
pub fn findings(roster: &Roster, org: &Org) -> Vec<Finding> {
    let matching = Matching::new(roster, org);
    let joiners = matching.joiners.iter().filter_map(|&i| {
        let e = roster.entries.get(i)?;
        Some(
            Finding::new(
                Code::RosterJoiner,
                format!("`{}` is on the roster but not in the team file", e.name),
            )
            .at(e.span)
            .label("on the roster")
            .help(format!(
                "add them (as `[people.{}]`, say): `chain import ROSTER --merge FILE` adds everyone missing; or take them off the roster",
                e.id
            ))
            .ids([e.id.as_str()]),
        )
    });
    let leavers = matching.leavers.iter().filter_map(|&p| {
        let person = org.people.get(p)?;
        Some(
            Finding::new(
                Code::RosterLeaver,
                format!(
                    "person `{}` ({}) is in the team file but not on the roster",
                    person.id,
                    org.name(Party::Person(p))
                ),
            )
            .at(person.span)
            .label("not on the roster")
            .help(format!(
                "if they have left, `chain diff FILE --without {}` shows what removing them changes; if not, add them to the roster",
                person.id
            ))
            .ids([person.id.as_str()]),
        )
    });
    joiners.chain(leavers).collect()
}
