//! Resolving references: each role name and handoff target to the party
//! it names, or a finding with a suggestion.

use compact_str::CompactString;

use super::names::Namespace;
use super::{article, describe, toml_key};
use crate::finding::{Code, Finding};
use crate::load::read::{HandoffDecl, Name, PersonDecl, RoleDecl};
use crate::model::{Handoff, Party, Person, Role, RoleRef};
use crate::suggest;

/// Resolves references against the namespace, reporting the unknown ones.
/// The people and roles it makes have no id yet: [`Namespace::give`]
/// gives them theirs.
pub(super) struct Resolver<'a> {
    names: &'a Namespace,
    findings: &'a mut Vec<Finding>,
    /// Every id and every role id, sorted, built on the first unknown reference.
    candidates: Option<(Vec<&'a str>, Vec<&'a str>)>,
    budget: u64,
    /// The role the last role reference named: a file lists the holders
    /// of a role together more often than not, and comparing with its id
    /// spares a lookup in the roles' table, which a million people's
    /// roles make too large for a core's cache.
    last_role: Option<usize>,
    /// Where each handoff the resolver will meet leads, found at once
    /// ([`Namespace::get_all`]), in the order it meets them.
    targets: std::vec::IntoIter<Option<Party>>,
}

impl<'a> Resolver<'a> {
    /// A resolver that may spend `budget` on suggestions (see
    /// [`super::SUGGESTION_BUDGET`]) and takes the targets of handoffs
    /// from `targets`, one for each handoff in the order it meets them
    /// ([`Namespace::take`] lists them in that order).
    pub(super) fn new(
        names: &'a Namespace,
        findings: &'a mut Vec<Finding>,
        budget: u64,
        targets: Vec<Option<Party>>,
    ) -> Self {
        Resolver {
            names,
            findings,
            candidates: None,
            budget,
            last_role: None,
            targets: targets.into_iter(),
        }
    }

    /// The role declared by `r`, whose place in id order is `place`.
    pub(super) fn role(&mut self, r: RoleDecl, place: usize) -> Role {
        Role {
            hands_to: self.handoffs(r.hands_to, Party::Role(place)),
            id: CompactString::default(),
            title: r.title,
            holders: Vec::new(),
            span: r.id.span,
        }
    }

    /// The person declared by `p`, whose place in id order is `place`.
    pub(super) fn person(&mut self, p: PersonDecl, place: usize) -> Person {
        let owner = Party::Person(place);
        let mut roles: Vec<RoleRef> = Vec::with_capacity(p.roles.len());
        // A person holds a few roles; a set finds repeats among thousands.
        let mut held = std::collections::HashSet::new();
        for name in &p.roles {
            let Some(role) = self.role_ref(name, owner) else {
                continue;
            };
            let new = if roles.len() < 16 {
                !roles.iter().any(|r| r.role == role)
            } else {
                if held.is_empty() {
                    held.extend(roles.iter().map(|r| r.role));
                }
                held.insert(role)
            };
            if new {
                roles.push(RoleRef {
                    role,
                    span: name.span,
                });
            }
        }
        Person {
            hands_to: self.handoffs(p.hands_to, owner),
            id: CompactString::default(),
            name: p.name,
            roles,
            team: p.team,
            span: p.id.span,
        }
    }

    /// The role `name` in the roles of person `owner`.
    fn role_ref(&mut self, name: &Name, owner: Party) -> Option<usize> {
        let names = self.names;
        // Role ids are unique, so the one that matches is the one the
        // table would find.
        let last = self
            .last_role
            .filter(|&r| names.roles.get(r) == Some(&name.text));
        if last.is_some() {
            return last;
        }
        let found = names.get_role(&name.text);
        if let Some(Party::Role(i)) = found {
            self.last_role = Some(i);
            return Some(i);
        }
        // The owner's id is read only for a finding: reading it for every
        // person was a cache miss each on a million people.
        let owner_id = names.id(owner);
        let owner = || format!("person `{owner_id}`");
        match found {
            Some(Party::Role(i)) => Some(i),
            Some(other) => {
                let kind = describe(other.kind());
                let message = format!(
                    "`{}` in the roles of {} is {} {kind}, not a role",
                    name.text,
                    owner(),
                    article(other.kind())
                );
                let finding = Finding::new(Code::UnknownReference, message)
                    .at(name.span)
                    .label("not a role")
                    .help(format!(
                        "`roles` lists roles; to hand work to `{}`, use `hands_to`",
                        name.text
                    ))
                    .ids([owner_id, name.text.as_str()]);
                self.findings.push(finding);
                None
            }
            None => {
                let suggestion = self.suggest(&name.text, true);
                let help = suggest::did_you_mean(suggestion.as_deref())
                    .unwrap_or_else(|| format!("declare it as `[roles.{}]`", toml_key(&name.text)));
                let finding = Finding::new(
                    Code::UnknownReference,
                    format!("unknown role `{}` in {}", name.text, owner()),
                )
                .at(name.span)
                .label("no role has this id")
                .help(help)
                .ids([owner_id, name.text.as_str()]);
                self.findings.push(finding);
                None
            }
        }
    }

    /// The handoffs of the person or role `owner`.
    fn handoffs(&mut self, decls: Vec<HandoffDecl>, owner: Party) -> Vec<Handoff> {
        let mut handoffs = Vec::with_capacity(decls.len());
        for h in decls {
            if let Some(to) = self.targets.next().flatten() {
                handoffs.push(Handoff {
                    to,
                    what: h.what,
                    note: h.note,
                    span: h.to.span,
                });
                continue;
            }
            let suggestion = self.suggest(&h.to.text, false);
            let (kind, owner_id) = (describe(owner.kind()), self.names.id(owner));
            let help = suggest::did_you_mean(suggestion.as_deref())
                .unwrap_or_else(|| "declare it as a person, a role or an external customer".into());
            let message = format!(
                "unknown id `{}` in a handoff of {kind} `{owner_id}`",
                h.to.text
            );
            let finding = Finding::new(Code::UnknownReference, message)
                .at(h.to.span)
                .label("no person, role or external customer has this id")
                .help(help)
                .ids([owner_id, h.to.text.as_str()]);
            self.findings.push(finding);
        }
        handoffs
    }

    /// The closest declared id (a role id when `roles_only`), within the budget.
    fn suggest(&mut self, name: &str, roles_only: bool) -> Option<String> {
        let names = self.names;
        let (all, roles) = self.candidates.get_or_insert_with(|| {
            let ids = names
                .people
                .iter()
                .chain(&names.roles)
                .chain(&names.externals);
            let mut all: Vec<&str> = ids.map(CompactString::as_str).collect();
            all.sort_unstable();
            // Roles are sorted by id already.
            let roles = names.roles.iter().map(CompactString::as_str).collect();
            (all, roles)
        });
        let pool: &[&str] = if roles_only { roles } else { all };
        // Only candidates of a length near the name's are compared.
        let length = suggest::chars_up_to(name, suggest::MAX_CHARS + 1).max(1) as u64;
        let cost = (pool.len() as u64).saturating_mul(length * length);
        self.budget = self.budget.checked_sub(cost)?;
        suggest::closest(name, pool.iter().copied()).map(str::to_string)
    }
}
