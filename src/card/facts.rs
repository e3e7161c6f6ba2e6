//! The facts under a card's title, the same in every format: a person's
//! team and roles, a role's holders, whether an external customer pays.

use super::Card;
use super::entry::list;
use crate::model::Party;

/// The facts about `card`'s party, each a phrase: "person", "team media",
/// "holds Title (id)". `label` names a party and `escape` makes a string
/// from the file safe, both for the format.
pub(super) fn facts(
    card: &Card<'_>,
    label: impl Fn(Party) -> String,
    escape: impl Fn(&str) -> String,
) -> Vec<String> {
    let org = card.org;
    match card.party {
        Party::Person(i) => {
            let person = org.person(i);
            let team = person.and_then(|p| p.team.as_deref());
            let roles: Vec<String> = person
                .map(|p| p.roles.iter().map(|r| label(Party::Role(r.role))).collect())
                .unwrap_or_default();
            let team = team.map(|t| format!("team {}", escape(t)));
            let roles = (!roles.is_empty()).then(|| format!("holds {}", roles.join(", ")));
            std::iter::once("person".to_string())
                .chain(team)
                .chain(roles)
                .collect()
        }
        Party::Role(r) => {
            let holders = super::holders(org, r);
            let shown: Vec<usize> = holders.iter().copied().take(super::SHOWN).collect();
            let held = match holders.len() {
                0 => "vacant".to_string(),
                1 => format!("held by {} alone, with no cover", list(&shown, 1, label)),
                n => format!("held by {}", list(&shown, n, label)),
            };
            vec!["role".to_string(), held]
        }
        Party::External(_) => {
            let pays = if org.pays(card.party) {
                "pays"
            } else {
                "does not pay"
            };
            vec!["external customer".to_string(), pays.to_string()]
        }
    }
}
