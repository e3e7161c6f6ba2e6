//! A draft team file from a roster: a person per row, a role per job
//! title, and a handoff of information from each person to their manager,
//! under a header comment saying what was generated and what to add.

use std::fmt::Write as _;

use crate::roster::Roster;
use crate::roster::ids::Taken;
use crate::text::escape;

use super::roles::Roles;
use super::toml_text::Table;

/// A draft team file, and what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    /// The TOML text.
    pub text: String,
    /// People written.
    pub people: usize,
    /// Roles written.
    pub roles: usize,
    /// Handoffs to managers written.
    pub handoffs: usize,
}

/// The draft for `roster` (its managers resolved), read from `shown`.
pub fn draft(roster: &Roster, shown: &str) -> Draft {
    let mut taken = Taken::new();
    for e in &roster.entries {
        taken.insert(&e.id);
    }
    let mut roles = Roles::new();
    let people: Vec<Table> = roster
        .entries
        .iter()
        .map(|e| {
            let manager = e.manager.and_then(|m| roster.entries.get(m));
            let roles = roles.of_entry(e, &mut taken);
            let manager = manager.map(|m| m.id.clone());
            Table::person(e.id.clone(), &e.name, roles, e.team.clone(), manager)
        })
        .collect();
    let handoffs = people.iter().filter(|p| p.manager.is_some()).count();
    let mut text = header(shown, people.len(), roles.added.len(), handoffs);
    for table in roles.added.iter().chain(&people) {
        table.write(&mut text);
    }
    Draft {
        text,
        people: people.len(),
        roles: roles.added.len(),
        handoffs,
    }
}

/// The header comment and the `[check]` table that lets the draft pass
/// until a paying customer is declared.
fn header(shown: &str, people: usize, roles: usize, handoffs: usize) -> String {
    let count = crate::text::count;
    let people = count(people, "person", "people");
    let roles = count(roles, "role", "roles");
    let handoffs = count(handoffs, "handoff", "handoffs");
    let mut text = String::new();
    let _ = write!(
        text,
        "\
# A draft team file, made by `chain import` from `{}`:
# {people} (one per row), {roles} (one per job title, the title kept)
# and {handoffs} of information, each from a person to the manager the
# roster names (marked `generated`: keep, change or delete each).
#
# What to add by hand (`chain check` lists what is still missing):
# - the external customers, the paying ones with `pays = true`:
#     [external.students]
#     name = \"Distance students\"
#     pays = true
# - what each role hands on, and to whom: `hands_to` under each [roles.*];
# - what each person hands on beyond their role, under [people.*];
# - then delete the [check] table below: it lets this draft pass `chain check`
#   while no customer pays.
# The format: docs/FORMAT.md, or the comments `chain init -` prints.

[check]
warn = [\"no-paying-customer\"]
",
        escape(shown)
    );
    text
}
