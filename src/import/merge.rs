//! Bringing a team file up to date with a roster: the people on the roster
//! who are not in the file (joiners) are appended as new tables; the people
//! in the file who are not on the roster (leavers) are listed and left in
//! place, for a person to delete with their handoffs. Nothing already in
//! the file changes. A joiner's job title that a role has is that role, and
//! a team the file has is spelt as the file spells it.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::model::{Org, Party};
use crate::roster::ids::Taken;
use crate::roster::matching::Matching;
use crate::roster::{Roster, fold_name};
use crate::text::escape;

use super::roles::Roles;
use super::toml_text::Table;

/// A team file with a roster's joiners added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    /// The whole new text: the file as it was, then the new tables.
    pub text: String,
    /// The ids given to the joiners, in roster order.
    pub joiners: Vec<String>,
    /// The people not on the roster (indices into [`Org::people`]).
    pub leavers: Vec<usize>,
    /// The ids of the roles made for new job titles.
    pub roles: Vec<String>,
}

/// Appends to `original` (the root file of `org`) the people on `roster`
/// (its managers resolved) who are not in `org`, and the roles their
/// titles need; `shown` names the roster in the comment above them.
pub fn merge(roster: &Roster, org: &Org, original: &str, shown: &str) -> Merged {
    let matching = Matching::new(roster, org);
    let mut taken = Taken::new();
    for id in org.ids() {
        taken.insert(id);
    }
    let new_ids: Vec<(usize, String)> = matching
        .joiners
        .iter()
        .filter_map(|&i| Some((i, taken.claim(&roster.entries.get(i)?.id, "person"))))
        .collect();
    let new_id: HashMap<usize, &str> = new_ids.iter().map(|(i, id)| (*i, id.as_str())).collect();
    // The id each entry goes by after the merge: in the file, or new.
    let id_of = |i: usize| -> Option<String> {
        match matching.person.get(i).copied().flatten() {
            Some(p) => Some(org.id(Party::Person(p)).to_string()),
            None => new_id.get(&i).map(|id| id.to_string()),
        }
    };
    // A team the file has already is written as the file writes it.
    let teams: HashMap<String, &str> = org
        .people
        .iter()
        .filter_map(|p| p.team.as_deref())
        .map(|t| (fold_name(t), t))
        .collect();
    let team_of = |t: &String| {
        teams
            .get(&fold_name(t))
            .map_or(t.clone(), |t| t.to_string())
    };
    let mut roles = Roles::of_org(org);
    let people: Vec<Table> = new_ids
        .iter()
        .filter_map(|(i, id)| {
            let e = roster.entries.get(*i)?;
            let team = e.team.as_ref().map(team_of);
            let manager = e.manager.and_then(id_of);
            let roles = roles.of_entry(e, &mut taken);
            Some(Table::person(id.clone(), &e.name, roles, team, manager))
        })
        .collect();
    let mut text = original.to_string();
    if !people.is_empty() {
        append(&mut text, shown, &roles.added, &people);
    }
    Merged {
        text,
        joiners: new_ids.into_iter().map(|(_, id)| id).collect(),
        leavers: matching.leavers,
        roles: roles.added.iter().map(|r| r.id.clone()).collect(),
    }
}

/// Appends the new roles and people under a comment.
fn append(text: &mut String, shown: &str, roles: &[Table], people: &[Table]) {
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    let _ = write!(
        text,
        "\n# Added by `chain import --merge` from `{}`: {} on the roster and not in this\n\
         # file, and the roles of their job titles. Check each, then delete this comment.\n",
        escape(shown),
        match people.len() {
            1 => "1 person".to_string(),
            n => format!("{n} people"),
        }
    );
    for table in roles.iter().chain(people) {
        table.write(text);
    }
}
