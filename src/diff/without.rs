//! What-if: an organisation minus some of its parties.
//!
//! Taking a party out takes out everything that names it:
//! - a person: their own handoffs, and every handoff to them;
//! - a role: its handoffs, every handoff to it, and the role from the
//!   `roles` of everyone who held it (who stay, with their own handoffs);
//! - an external customer: every handoff to it.
//!
//! It works on the checked model, not on the file's text, in one pass over
//! the organisation. Spans are kept, so findings on the result point into
//! the original file.

use crate::model::{Handoff, Org, Party, Person, Role, RoleRef};

/// `org` without the parties in `gone`.
pub fn without(org: &Org, gone: &[Party]) -> Org {
    let keep = Keep::new(org, gone);
    let people: Vec<Person> = org
        .people
        .iter()
        .enumerate()
        .filter(|&(i, _)| keep.party(Party::Person(i)).is_some())
        .map(|(_, p)| Person {
            id: p.id.clone(),
            name: p.name.clone(),
            team: p.team.clone(),
            span: p.span,
            roles: p
                .roles
                .iter()
                .filter_map(|r| {
                    let Party::Role(role) = keep.party(Party::Role(r.role))? else {
                        return None;
                    };
                    Some(RoleRef { role, ..*r })
                })
                .collect(),
            hands_to: keep.handoffs(&p.hands_to),
            roles_left_out: p.roles_left_out,
            handoffs_left_out: p.handoffs_left_out,
        })
        .collect();
    let roles: Vec<Role> = org
        .roles
        .iter()
        .enumerate()
        .filter(|&(i, _)| keep.party(Party::Role(i)).is_some())
        .map(|(_, r)| Role {
            id: r.id.clone(),
            title: r.title.clone(),
            span: r.span,
            hands_to: keep.handoffs(&r.hands_to),
            handoffs_left_out: r.handoffs_left_out,
            // Renumbering keeps the order, so holders stay sorted.
            holders: r
                .holders
                .iter()
                .filter_map(|&h| match keep.party(Party::Person(h)) {
                    Some(Party::Person(i)) => Some(i),
                    _ => None,
                })
                .collect(),
        })
        .collect();
    let externals = org
        .externals
        .iter()
        .enumerate()
        .filter(|&(i, _)| keep.party(Party::External(i)).is_some())
        .map(|(_, e)| e.clone())
        .collect();
    let mut without = Org {
        name: org.name.clone(),
        people,
        roles,
        externals,
        check: org.check.clone(),
        index: Default::default(),
    };
    without.reindex();
    without
}

/// Where each party of the old organisation is in the new one, if kept.
struct Keep {
    people: Vec<Option<usize>>,
    roles: Vec<Option<usize>>,
    externals: Vec<Option<usize>>,
}

impl Keep {
    fn new(org: &Org, gone: &[Party]) -> Self {
        let mut keep = Keep {
            people: vec![Some(0); org.people.len()],
            roles: vec![Some(0); org.roles.len()],
            externals: vec![Some(0); org.externals.len()],
        };
        for &p in gone {
            if let Some(slot) = keep.slot(p) {
                *slot = None;
            }
        }
        for list in [&mut keep.people, &mut keep.roles, &mut keep.externals] {
            for (next, slot) in list.iter_mut().flatten().enumerate() {
                *slot = next;
            }
        }
        keep
    }

    fn slot(&mut self, party: Party) -> Option<&mut Option<usize>> {
        match party {
            Party::Person(i) => self.people.get_mut(i),
            Party::Role(i) => self.roles.get_mut(i),
            Party::External(i) => self.externals.get_mut(i),
        }
    }

    /// The party in the new organisation, or `None` if it was taken out.
    fn party(&self, party: Party) -> Option<Party> {
        match party {
            Party::Person(i) => self.people.get(i).copied().flatten().map(Party::Person),
            Party::Role(i) => self.roles.get(i).copied().flatten().map(Party::Role),
            Party::External(i) => self
                .externals
                .get(i)
                .copied()
                .flatten()
                .map(Party::External),
        }
    }

    /// The handoffs to parties that stay, renumbered.
    fn handoffs(&self, handoffs: &[Handoff]) -> Vec<Handoff> {
        handoffs
            .iter()
            .filter_map(|h| {
                Some(Handoff {
                    to: self.party(h.to)?,
                    ..h.clone()
                })
            })
            .collect()
    }
}
