//! `chain stats` as CSV, for spreadsheets: one row per figure, in four
//! columns (`section`, `id`, `name`, `value`), the sections in the order
//! and with the names of the JSON report:
//!
//! - `counts`: `id` is what is counted (`people`, `teams`, …);
//! - `distance`: `id` is a number of handoffs, or `none` for no route,
//!   and `value` how many people are that far;
//! - `longest_chain`: the person and the length of their chain;
//! - `relied_on`: each person and how many others' work runs through them;
//! - `sole_holders`: each role, `value` its one holder's id;
//! - `vacant_roles`: each role nobody holds.
//!
//! Cells are made safe to open with [`crate::spreadsheet`].

use std::io::{self, Write};

use super::Stats;
use crate::model::Party;
use crate::spreadsheet::{self, row};

/// Writes the statistics.
pub fn write(stats: &Stats<'_>, out: &mut dyn Write) -> io::Result<()> {
    let org = stats.org;
    let mut w = spreadsheet::writer(out);
    row(&mut w, ["section", "id", "name", "value"])?;
    let c = stats.counts;
    for (what, n) in [
        ("people", c.people),
        ("teams", c.teams),
        ("roles", c.roles),
        ("held_roles", c.held_roles),
        ("vacant_roles", c.vacant_roles),
        ("externals", c.externals),
        ("paying", c.paying),
        ("handoffs", c.handoffs),
    ] {
        row(&mut w, ["counts", what, "", &n.to_string()])?;
    }
    for &(distance, people) in &stats.distances {
        row(
            &mut w,
            ["distance", &distance.to_string(), "", &people.to_string()],
        )?;
    }
    row(
        &mut w,
        ["distance", "none", "", &stats.no_route.to_string()],
    )?;
    if let Some(l) = &stats.longest {
        let p = Party::Person(l.person);
        row(
            &mut w,
            [
                "longest_chain",
                org.id(p),
                org.name(p),
                &l.chain.len().to_string(),
            ],
        )?;
    }
    for &(person, through) in &stats.relied_on {
        let p = Party::Person(person);
        row(
            &mut w,
            ["relied_on", org.id(p), org.name(p), &through.to_string()],
        )?;
    }
    for &(role, holder) in &stats.sole_holders {
        let r = Party::Role(role);
        row(
            &mut w,
            [
                "sole_holders",
                org.id(r),
                org.name(r),
                org.id(Party::Person(holder)),
            ],
        )?;
    }
    for &role in &stats.vacant {
        let r = Party::Role(role);
        row(&mut w, ["vacant_roles", org.id(r), org.name(r), ""])?;
    }
    w.flush()
}
