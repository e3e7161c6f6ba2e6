//! From declarations to the checked [`Org`]: one namespace of ids, every
//! reference resolved to an index, every list sorted by id.
//!
//! A duplicate id keeps its first declaration (in file order) and reports the
//! others; an unknown reference is reported and left out of the model, so the
//! model is always consistent even when the file is not.

use std::collections::HashMap;

use super::read::{Doc, ExternalDecl, HandoffDecl, Name, PersonDecl, RoleDecl};
use crate::finding::{Code, Finding};
use crate::model::{
    CheckSettings, External, Handoff, IdIndex, Kind, Org, Party, Person, Role, RoleRef,
};
use crate::source::{Sources, Span};
use crate::suggest;

/// How much work "did you mean" may do in one file, in pairs of characters
/// compared (a comparison of two ids of n characters costs about n * n):
/// enough for hundreds of typos against 100,000 ids, and a bound for
/// hostile files with millions of unknown references or very long ids.
const SUGGESTION_BUDGET: u64 = 5_000_000_000;

/// Builds the model from the declarations of every file, adding findings.
pub fn resolve(
    docs: Vec<Doc>,
    sources: &Sources,
    mut findings: Vec<Finding>,
) -> (Org, Vec<Finding>) {
    let mut all = Doc::default();
    for doc in docs {
        all.org_name = all.org_name.or(doc.org_name);
        all.people.extend(doc.people);
        all.roles.extend(doc.roles);
        all.externals.extend(doc.externals);
        merge_check(&mut all.check, doc.check);
    }
    drop_duplicates(&mut all, sources, &mut findings);
    // Ids are unique once duplicates are dropped, so an unstable sort gives
    // the same order every run.
    all.people = sorted_by_id(all.people, |p| &p.id.text);
    all.roles = sorted_by_id(all.roles, |r| &r.id.text);
    all.externals = sorted_by_id(all.externals, |e| &e.id.text);
    let names = Namespace::take(&mut all);
    let mut resolver = Resolver::new(&names, &mut findings);
    let mut roles: Vec<Role> = (all.roles.into_iter().zip(&names.roles))
        .map(|(r, id)| resolver.role(r, id))
        .collect();
    let people: Vec<Person> = (all.people.into_iter().zip(&names.people))
        .map(|(p, id)| resolver.person(p, id))
        .collect();
    add_holders(&mut roles, &people);
    let externals = all.externals.into_iter().map(external).collect();
    let mut org = Org {
        name: all.org_name,
        people,
        roles,
        externals,
        check: all.check,
        index: IdIndex::default(),
    };
    names.give(&mut org);
    (org, findings)
}

/// The ids of the sorted declarations, taken out of them so that
/// references can be resolved against them while the declarations are
/// consumed, then given to the model, index and all.
struct Namespace {
    people: Vec<String>,
    roles: Vec<String>,
    externals: Vec<String>,
    index: IdIndex,
}

impl Namespace {
    fn take(doc: &mut Doc) -> Self {
        let take = |name: &mut Name| std::mem::take(&mut name.text);
        let mut names = Namespace {
            people: doc.people.iter_mut().map(|p| take(&mut p.id)).collect(),
            roles: doc.roles.iter_mut().map(|r| take(&mut r.id)).collect(),
            externals: doc.externals.iter_mut().map(|e| take(&mut e.id)).collect(),
            index: IdIndex::default(),
        };
        let count = names.people.len() + names.roles.len() + names.externals.len();
        let parties = Party::all(names.people.len(), names.roles.len(), names.externals.len());
        names.index = IdIndex::new(count, parties, |p| names.id(p));
        names
    }

    fn id(&self, party: Party) -> &str {
        match party {
            Party::Person(i) => self.people.get(i),
            Party::Role(i) => self.roles.get(i),
            Party::External(i) => self.externals.get(i),
        }
        .map_or("", String::as_str)
    }

    fn get(&self, name: &str) -> Option<Party> {
        self.index.get(name, |p| self.id(p))
    }

    /// Puts each id back in the model, at the index it was indexed under.
    fn give(self, org: &mut Org) {
        for (person, id) in org.people.iter_mut().zip(self.people) {
            person.id = id;
        }
        for (role, id) in org.roles.iter_mut().zip(self.roles) {
            role.id = id;
        }
        for (external, id) in org.externals.iter_mut().zip(self.externals) {
            external.id = id;
        }
        org.index = self.index;
    }
}

/// Lists each role's holders, in id order. Each list is allocated once at
/// its final size: grown a push at a time, the lists of a million people
/// took glibc's allocator 0.7 s of reallocations among the free chunks the
/// parse left behind (0.04 s counted first).
fn add_holders(roles: &mut [Role], people: &[Person]) {
    let mut counts = vec![0usize; roles.len()];
    for r in people.iter().flat_map(|p| &p.roles) {
        if let Some(count) = counts.get_mut(r.role) {
            *count += 1;
        }
    }
    for (role, &count) in roles.iter_mut().zip(&counts) {
        role.holders.reserve_exact(count);
    }
    for (i, person) in people.iter().enumerate() {
        for r in &person.roles {
            if let Some(role) = roles.get_mut(r.role) {
                role.holders.push(i);
            }
        }
    }
}

/// `items` in the order of their ids. The ids are sorted with their
/// positions and the declarations moved once, into place: sorting the
/// declarations themselves moves each of them many times.
fn sorted_by_id<T>(items: Vec<T>, id: impl Fn(&T) -> &String) -> Vec<T> {
    let order: Vec<usize> = {
        let mut keys: Vec<(&str, usize)> = items
            .iter()
            .enumerate()
            .map(|(i, item)| (id(item).as_str(), i))
            .collect();
        keys.sort_unstable();
        keys.into_iter().map(|(_, i)| i).collect()
    };
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

fn merge_check(into: &mut CheckSettings, from: CheckSettings) {
    into.allow.extend(from.allow);
    into.warn.extend(from.warn);
    into.deny.extend(from.deny);
}

/// Keeps the first declaration of each id in file order and reports the rest.
fn drop_duplicates(doc: &mut Doc, sources: &Sources, findings: &mut Vec<Finding>) {
    let mut decls: Vec<(Span, Kind, &str)> = Vec::new();
    decls.extend(
        doc.people
            .iter()
            .map(|p| (p.id.span, Kind::Person, p.id.text.as_str())),
    );
    decls.extend(
        doc.roles
            .iter()
            .map(|r| (r.id.span, Kind::Role, r.id.text.as_str())),
    );
    decls.extend(
        doc.externals
            .iter()
            .map(|e| (e.id.span, Kind::External, e.id.text.as_str())),
    );
    decls.sort_unstable_by_key(|&(span, _, _)| span);
    let mut first: HashMap<&str, (Span, Kind), foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(decls.len(), Default::default());
    let mut dropped: Vec<Span> = Vec::new();
    for (span, kind, id) in decls {
        match first.get(id) {
            None => {
                first.insert(id, (span, kind));
            }
            Some(&(earlier, earlier_kind)) => {
                findings.push(duplicate(id, kind, span, earlier, earlier_kind, sources));
                dropped.push(span);
            }
        }
    }
    if dropped.is_empty() {
        return;
    }
    dropped.sort_unstable();
    let keep = |span: &Span| dropped.binary_search(span).is_err();
    doc.people.retain(|p| keep(&p.id.span));
    doc.roles.retain(|r| keep(&r.id.span));
    doc.externals.retain(|e| keep(&e.id.span));
}

fn duplicate(
    id: &str,
    kind: Kind,
    span: Span,
    earlier: Span,
    earlier_kind: Kind,
    sources: &Sources,
) -> Finding {
    let at = sources.line_col(earlier);
    let path = sources.path(earlier.file);
    let message = format!("id `{id}` is declared twice");
    let help = format!(
        "`{id}` is first declared as {} {} at {path}:{}:{}; people, roles and external customers share one namespace, so rename one of them",
        article(earlier_kind),
        describe(earlier_kind),
        at.line,
        at.column
    );
    Finding::new(Code::DuplicateId, message)
        .at(span)
        .label(format!(
            "declared again here as {} {}",
            article(kind),
            describe(kind)
        ))
        .help(help)
        .ids([id])
}

fn article(kind: Kind) -> &'static str {
    match kind {
        Kind::External => "an",
        Kind::Person | Kind::Role => "a",
    }
}

fn describe(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "person",
        Kind::Role => "role",
        Kind::External => "external customer",
    }
}

/// An external customer; its id comes from [`Namespace::give`].
fn external(e: ExternalDecl) -> External {
    External {
        id: e.id.text,
        name: e.name,
        pays: e.pays,
        span: e.id.span,
    }
}

/// Resolves references against the namespace, reporting the unknown ones.
/// The people and roles it makes have no id yet: [`Namespace::give`]
/// gives them theirs.
struct Resolver<'a> {
    names: &'a Namespace,
    findings: &'a mut Vec<Finding>,
    /// Every id and every role id, sorted, built on the first unknown reference.
    candidates: Option<(Vec<&'a str>, Vec<&'a str>)>,
    budget: u64,
}

impl<'a> Resolver<'a> {
    fn new(names: &'a Namespace, findings: &'a mut Vec<Finding>) -> Self {
        Resolver {
            names,
            findings,
            candidates: None,
            budget: SUGGESTION_BUDGET,
        }
    }

    fn role(&mut self, r: RoleDecl, id: &str) -> Role {
        Role {
            hands_to: self.handoffs(r.hands_to, "role", id),
            id: r.id.text,
            title: r.title,
            holders: Vec::new(),
            span: r.id.span,
        }
    }

    fn person(&mut self, p: PersonDecl, id: &str) -> Person {
        let mut roles: Vec<RoleRef> = Vec::with_capacity(p.roles.len());
        // A person holds a few roles; a set finds repeats among thousands.
        let mut held = std::collections::HashSet::new();
        for name in &p.roles {
            let Some(role) = self.role_ref(name, id) else {
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
            hands_to: self.handoffs(p.hands_to, "person", id),
            id: p.id.text,
            name: p.name,
            roles,
            team: p.team,
            span: p.id.span,
        }
    }

    /// The role `name` in the roles of person `owner_id`.
    fn role_ref(&mut self, name: &Name, owner_id: &str) -> Option<usize> {
        let owner = || format!("person `{owner_id}`");
        match self.names.get(&name.text) {
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

    /// The handoffs of the person or role (`kind`) `owner_id`.
    fn handoffs(&mut self, decls: Vec<HandoffDecl>, kind: &str, owner_id: &str) -> Vec<Handoff> {
        let mut handoffs = Vec::with_capacity(decls.len());
        for h in decls {
            if let Some(to) = self.names.get(&h.to.text) {
                handoffs.push(Handoff {
                    to,
                    what: h.what,
                    note: h.note,
                    span: h.to.span,
                });
                continue;
            }
            let suggestion = self.suggest(&h.to.text, false);
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
            let mut all: Vec<&str> = ids.map(String::as_str).collect();
            all.sort_unstable();
            // Roles are sorted by id already.
            let roles = names.roles.iter().map(String::as_str).collect();
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

/// `id` as a TOML key: bare when it can be, quoted otherwise.
pub fn toml_key(id: &str) -> String {
    let bare = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        id.to_string()
    } else {
        serde_json::to_string(id).unwrap_or_else(|_| format!("\"{id}\""))
    }
}
