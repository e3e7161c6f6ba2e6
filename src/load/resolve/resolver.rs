//! Resolving references: each role name and handoff target to the party
//! it names, or a finding with a suggestion.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use compact_str::CompactString;

use super::{article, describe, toml_key};
use crate::finding::Findings;
use crate::finding::{Code, Finding};
use crate::load::read::{HandoffDecl, Name};
use crate::model::{Handoff, IdIndex, Org, Party, RoleRef};
use crate::suggest;

/// Resolves references against the index of every id, reporting the
/// unknown ones.
pub(super) struct Resolver<'a> {
    index: &'a IdIndex,
    findings: &'a mut Findings,
    /// Every id and every role id, sorted, made for the first suggestion.
    candidates: Option<(Vec<&'a str>, Vec<&'a str>)>,
    budget: u64,
    /// The people of each team, made for the first unknown handoff target.
    teams: Option<BTreeMap<CompactString, Vec<usize>>>,
}

impl<'a> Resolver<'a> {
    /// A resolver that may spend `budget` on suggestions (see
    /// [`super::SUGGESTION_BUDGET`]).
    pub(super) fn new(index: &'a IdIndex, findings: &'a mut Findings, budget: u64) -> Self {
        Resolver {
            index,
            findings,
            candidates: None,
            budget,
            teams: None,
        }
    }

    /// The roles `names` of the person `owner`, each once, in file order,
    /// and whether some name was left out because it names no role.
    pub(super) fn roles(&mut self, names: &[Name], owner: &str) -> (Vec<RoleRef>, bool) {
        let mut roles: Vec<RoleRef> = Vec::with_capacity(names.len());
        let mut left_out = false;
        // A person holds a few roles; a set finds repeats among thousands.
        let mut held = HashSet::new();
        for name in names {
            let Some(role) = self.role(name, owner) else {
                left_out = true;
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
        (roles, left_out)
    }

    /// The role `name` in the roles of person `owner`.
    fn role(&mut self, name: &Name, owner: &str) -> Option<usize> {
        let found = self.index.get(name.text.as_str()).copied();
        if let Some(Party::Role(i)) = found {
            return Some(i);
        }
        if !self.findings.admit(Code::UnknownReference, Some(name.span)) {
            return None;
        }
        let finding = match found {
            Some(other) => {
                let kind = describe(other.kind());
                let message = format!(
                    "`{}` in the roles of person `{owner}` is {} {kind}, not a role",
                    name.text,
                    article(other.kind())
                );
                Finding::new(Code::UnknownReference, message)
                    .label("not a role")
                    .help(format!(
                        "`roles` lists roles; to hand work to `{}`, use `hands_to`",
                        name.text
                    ))
            }
            None => {
                let suggestion = self.suggest(&name.text, true);
                let help = suggest::did_you_mean(suggestion.as_deref())
                    .unwrap_or_else(|| format!("declare it as `[roles.{}]`", toml_key(&name.text)));
                let message = format!("unknown role `{}` in person `{owner}`", name.text);
                Finding::new(Code::UnknownReference, message)
                    .label("no role has this id")
                    .help(help)
            }
        };
        let finding = finding.at(name.span).ids([owner, name.text.as_str()]);
        self.findings.add(finding);
        None
    }

    /// The handoffs `decls` of the person or role `owner` of `org`, and
    /// whether some was left out because its target names no party.
    pub(super) fn handoffs(
        &mut self,
        decls: Vec<HandoffDecl>,
        owner: Party,
        org: &Org,
    ) -> (Vec<Handoff>, bool) {
        let mut handoffs = Vec::with_capacity(decls.len());
        let mut left_out = false;
        for h in decls {
            match self.index.get(h.to.text.as_str()) {
                Some(&to) => handoffs.push(Handoff {
                    to,
                    what: h.what,
                    note: h.note,
                    span: h.to.span,
                }),
                None => {
                    left_out = true;
                    self.unknown_target(&h.to, owner, org);
                }
            }
        }
        (handoffs, left_out)
    }

    /// Reports the handoff target `to` of `owner`, which names no party.
    fn unknown_target(&mut self, to: &Name, owner: Party, org: &Org) {
        if !self.findings.admit(Code::UnknownReference, Some(to.span)) {
            return;
        }
        let (kind, owner_id) = (describe(owner.kind()), org.id(owner));
        let finding = match self.team(&to.text, org) {
            Some(people) => {
                let message = format!(
                    "`{}` in a handoff of {kind} `{owner_id}` names a team, and a team cannot receive work",
                    to.text
                );
                Finding::new(Code::UnknownReference, message)
                    .label("a team, not a person, role or external customer")
                    .help(team_help(&people, org))
            }
            None => {
                let suggestion = self.suggest(&to.text, false);
                let help = suggest::did_you_mean(suggestion.as_deref()).unwrap_or_else(|| {
                    "declare it as a person, a role or an external customer".into()
                });
                let message = format!(
                    "unknown id `{}` in a handoff of {kind} `{owner_id}`",
                    to.text
                );
                Finding::new(Code::UnknownReference, message)
                    .label("no person, role or external customer has this id")
                    .help(help)
            }
        };
        let finding = finding.at(to.span).ids([owner_id, to.text.as_str()]);
        self.findings.add(finding);
    }

    /// The people of the team `name`, if some person's `team` is `name`.
    fn team(&mut self, name: &str, org: &Org) -> Option<Vec<usize>> {
        let teams = self.teams.get_or_insert_with(|| {
            let mut teams: BTreeMap<CompactString, Vec<usize>> = BTreeMap::new();
            for (i, p) in org.people.iter().enumerate() {
                if let Some(team) = &p.team {
                    teams.entry(team.clone()).or_default().push(i);
                }
            }
            teams
        });
        teams.get(name).cloned()
    }

    /// The closest declared id (a role id when `roles_only`), within the budget.
    fn suggest(&mut self, name: &str, roles_only: bool) -> Option<String> {
        let index = self.index;
        let (all, roles) = self.candidates.get_or_insert_with(|| {
            let mut all: Vec<&str> = index.keys().map(CompactString::as_str).collect();
            all.sort_unstable();
            let is_role = |id: &&str| matches!(index.get(*id), Some(Party::Role(_)));
            let roles = all.iter().copied().filter(is_role).collect();
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

/// How many people or roles a help line names before it says how many more.
const NAMED: usize = 5;

/// The help for a handoff to the team of `people`: hand the work to them,
/// or to a role they hold.
fn team_help(people: &[usize], org: &Org) -> String {
    let ids = people.iter().map(|&i| org.id(Party::Person(i)));
    let mut help = format!("hand the work to people of the team: {}", listed(ids));
    let roles: BTreeSet<&str> = (people.iter())
        .filter_map(|&i| org.person(i))
        .flat_map(|p| &p.roles)
        .map(|r| org.id(Party::Role(r.role)))
        .collect();
    if !roles.is_empty() {
        help.push_str(&format!(
            ", or to a role they hold: {}",
            listed(roles.into_iter())
        ));
    }
    help
}

/// Ids in backticks, the first [`NAMED`] of them, and how many more.
fn listed<'s>(ids: impl ExactSizeIterator<Item = &'s str>) -> String {
    let more = ids.len().saturating_sub(NAMED);
    let mut list = ids
        .take(NAMED)
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if more > 0 {
        list.push_str(&format!(" and {more} more"));
    }
    list
}
