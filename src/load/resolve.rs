//! From declarations to the checked [`Org`]: one namespace of ids, every
//! reference resolved to an index, every list sorted by id.
//!
//! A duplicate id keeps its first declaration (in file order) and reports the
//! others; an unknown reference is reported and left out of the model, so the
//! model is always consistent even when the file is not.

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
    let orders = Orders::new(&all, sources, &mut findings);
    let names = Namespace::take(&mut all, &orders);
    let mut resolver = Resolver::new(&names, &mut findings);
    // Declarations are resolved in file order, the order their strings
    // were allocated in, and then moved into id order once: resolved in id
    // order, a million people made every read and free a cache miss. A
    // duplicate has no place and is left out.
    let roles = (all.roles.into_iter().enumerate())
        .map(|(i, r)| Some(resolver.role(r, names.id(Party::Role(orders.roles.rank(i)?)))))
        .collect();
    let mut roles = orders.roles.sorted(roles);
    let people = (all.people.into_iter().enumerate())
        .map(|(i, p)| Some(resolver.person(p, names.id(Party::Person(orders.people.rank(i)?)))))
        .collect();
    let people = orders.people.sorted(people);
    add_holders(&mut roles, &people);
    let externals = (all.externals.into_iter().enumerate())
        .map(|(i, e)| orders.externals.rank(i).map(|_| external(e)))
        .collect();
    let externals = orders.externals.sorted(externals);
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
    /// Takes the ids out of the declarations, in id order.
    fn take(doc: &mut Doc, orders: &Orders) -> Self {
        fn take<T>(
            items: &mut [T],
            order: &IdOrder,
            name: impl Fn(&mut T) -> &mut Name,
        ) -> Vec<String> {
            let mut take = |i: usize| {
                items
                    .get_mut(i)
                    .map(|item| std::mem::take(&mut name(item).text))
            };
            order.sorted.iter().filter_map(|&i| take(i)).collect()
        }
        let mut names = Namespace {
            people: take(&mut doc.people, &orders.people, |p| &mut p.id),
            roles: take(&mut doc.roles, &orders.roles, |r| &mut r.id),
            externals: take(&mut doc.externals, &orders.externals, |e| &mut e.id),
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

/// The id order of the people, of the roles and of the external customers
/// (one namespace): which declaration comes where, duplicates left out.
struct Orders {
    people: IdOrder,
    roles: IdOrder,
    externals: IdOrder,
}

/// One declaration's id, for sorting every id at once.
struct Key<'a> {
    /// The id's first bytes (see [`prefix`]), which settle most
    /// comparisons without reading the id itself.
    prefix: u128,
    id: &'a str,
    span: Span,
    kind: Kind,
    position: usize,
}

impl<'a> Key<'a> {
    fn new(kind: Kind, position: usize, name: &'a Name) -> Self {
        Key {
            prefix: prefix(&name.text),
            id: name.text.as_str(),
            span: name.span,
            kind,
            position,
        }
    }
}

/// Sorts keys by id, then by span.
fn sort_keys(keys: &mut [Key<'_>]) {
    keys.sort_unstable_by(|a, b| {
        (a.prefix.cmp(&b.prefix))
            .then_with(|| a.id.cmp(b.id))
            .then_with(|| a.span.cmp(&b.span))
    });
}

impl Orders {
    /// Sorts every id of `doc` by id and then by place in the files, so
    /// that the declarations of one id are side by side, the first in file
    /// order first. The first keeps the id; the others are reported. Ids
    /// are unique once duplicates are left out, so an unstable sort gives
    /// the same order every run.
    fn new(doc: &Doc, sources: &Sources, findings: &mut Vec<Finding>) -> Self {
        let key = Key::new;
        let people = doc.people.iter().enumerate();
        let roles = doc.roles.iter().enumerate();
        let externals = doc.externals.iter().enumerate();
        let mut keys: Vec<Key<'_>> = (people.map(|(i, p)| key(Kind::Person, i, &p.id)))
            .chain(roles.map(|(i, r)| key(Kind::Role, i, &r.id)))
            .chain(externals.map(|(i, e)| key(Kind::External, i, &e.id)))
            .collect();
        sort_keys(&mut keys);
        let mut orders = Orders {
            people: IdOrder::new(doc.people.len()),
            roles: IdOrder::new(doc.roles.len()),
            externals: IdOrder::new(doc.externals.len()),
        };
        let mut first: Option<&Key<'_>> = None;
        for k in &keys {
            match first {
                Some(f) if f.id == k.id => {
                    findings.push(duplicate(k.id, k.kind, k.span, f.span, f.kind, sources));
                }
                _ => {
                    first = Some(k);
                    orders.of(k.kind).push(k.position);
                }
            }
        }
        orders
    }

    fn of(&mut self, kind: Kind) -> &mut IdOrder {
        match kind {
            Kind::Person => &mut self.people,
            Kind::Role => &mut self.roles,
            Kind::External => &mut self.externals,
        }
    }
}

/// The order of a list of declarations by id: which one comes where.
struct IdOrder {
    /// File positions, in id order.
    sorted: Vec<usize>,
    /// For each file position, its place in id order ([`DROPPED`] for a
    /// duplicate).
    rank: Vec<u32>,
}

const DROPPED: u32 = u32::MAX;

impl IdOrder {
    /// An empty order of a list of `len` declarations.
    fn new(len: usize) -> Self {
        IdOrder {
            sorted: Vec::with_capacity(len),
            rank: vec![DROPPED; len],
        }
    }

    /// Puts the declaration at file position `i` next in id order.
    fn push(&mut self, i: usize) {
        let place = u32::try_from(self.sorted.len()).unwrap_or(DROPPED);
        if let Some(slot) = self.rank.get_mut(i) {
            *slot = place;
            self.sorted.push(i);
        }
    }

    /// The place in id order of the declaration at file position `i`;
    /// `None` for a duplicate.
    fn rank(&self, i: usize) -> Option<usize> {
        let place = self.rank.get(i).copied().filter(|&r| r != DROPPED)?;
        Some(place as usize)
    }

    /// The items in id order, from `items` in file order (`None` for
    /// duplicates): each moved once, into place (sorting the items
    /// themselves would move each many times).
    fn sorted<T>(&self, mut items: Vec<Option<T>>) -> Vec<T> {
        self.sorted
            .iter()
            .filter_map(|&i| items.get_mut(i).and_then(Option::take))
            .collect()
    }
}

/// The first 16 bytes of `id`, zero-padded, as a number that orders as the
/// ids do wherever they differ within those bytes (equal numbers leave the
/// order to the ids themselves).
fn prefix(id: &str) -> u128 {
    let mut bytes = [0u8; 16];
    for (b, &c) in bytes.iter_mut().zip(id.as_bytes()) {
        *b = c;
    }
    u128::from_be_bytes(bytes)
}

fn merge_check(into: &mut CheckSettings, from: CheckSettings) {
    into.allow.extend(from.allow);
    into.warn.extend(from.warn);
    into.deny.extend(from.deny);
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Sorting by 16-byte prefixes, then by the ids, orders ids
        /// exactly as sorting the ids does: ids that share long prefixes,
        /// end in zero bytes or differ only past the 16th byte; equal ids
        /// come in the order of their spans.
        #[test]
        fn keys_sort_as_the_ids_do(
            ids in proptest::collection::vec("(ana-ruiz-|\u{0}|é|z){0,5}[a-c\u{0}]{0,20}", 0..60)
        ) {
            let names: Vec<Name> = ids.iter().enumerate().map(|(i, id)| Name {
                text: id.clone(),
                span: Span::new(crate::source::FileId(0), (ids.len() - i)..(ids.len() - i)),
            }).collect();
            let mut keys: Vec<Key<'_>> = names.iter().enumerate().map(|(i, n)| Key::new(Kind::Person, i, n)).collect();
            sort_keys(&mut keys);
            let sorted: Vec<(&str, Span)> = keys.iter().map(|k| (k.id, k.span)).collect();
            let mut expected: Vec<(&str, Span)> = names.iter().map(|n| (n.text.as_str(), n.span)).collect();
            expected.sort_unstable();
            prop_assert_eq!(sorted, expected);
        }
    }

    /// The first declaration of an id in file order keeps it, across
    /// kinds; places in id order skip the duplicates.
    #[test]
    fn orders_leave_out_later_duplicates() {
        let text = r#"
            [people.bo]
            [people.ana]
            [roles.ana]
            [external.cy]
            [roles.bo]
        "#;
        let loaded = crate::load::load(crate::load::Input::Text { name: "t", text });
        let loaded = loaded.unwrap_or_else(|e| panic!("{e:?}"));
        let ids: Vec<&str> = loaded.org.ids().collect();
        assert_eq!(ids, ["ana", "bo", "cy"]);
        let duplicates: Vec<&str> = loaded.findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            duplicates,
            ["id `ana` is declared twice", "id `bo` is declared twice"]
        );
        assert!(
            loaded
                .findings
                .iter()
                .all(|f| f.label.as_deref().is_some_and(|l| l.contains("a role")))
        );
    }
}
