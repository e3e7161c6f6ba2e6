//! From declarations to the checked [`Org`]: one namespace of ids, every
//! reference resolved to an index, every list sorted by id.
//!
//! A duplicate id keeps its first declaration (in file order) and reports the
//! others; an unknown reference is reported and left out of the model, so the
//! model is always consistent even when the file is not.

mod names;
mod order;
mod resolver;

use compact_str::CompactString;

use super::read::{Doc, ExternalDecl};
use crate::finding::Finding;
use crate::model::{CheckSettings, External, IdIndex, Kind, Org, Person, Role};
use crate::source::Sources;

use names::Namespace;
use order::{IdOrder, Orders};
use resolver::Resolver;

/// How much work "did you mean" may do in one file, in pairs of characters
/// compared (a comparison of two ids of n characters costs about n * n):
/// enough for hundreds of typos against 100,000 ids, and a bound for
/// hostile files with millions of unknown references or very long ids.
pub(super) const SUGGESTION_BUDGET: u64 = 5_000_000_000;

/// Builds the model from the declarations of every file, adding findings.
pub fn resolve(docs: Vec<Doc>, sources: &Sources, findings: Vec<Finding>) -> (Org, Vec<Finding>) {
    resolve_within(docs, sources, findings, SUGGESTION_BUDGET)
}

/// [`resolve`], spending at most `budget` on suggestions.
fn resolve_within(
    docs: Vec<Doc>,
    sources: &Sources,
    mut findings: Vec<Finding>,
    budget: u64,
) -> (Org, Vec<Finding>) {
    // The first file's declarations are taken as they are (most runs have
    // one file): extending an empty list moved every declaration once.
    let mut docs = docs.into_iter();
    let mut all = docs.next().unwrap_or_default();
    for doc in docs {
        all.org_name = all.org_name.or(doc.org_name);
        all.people.extend(doc.people);
        all.roles.extend(doc.roles);
        all.externals.extend(doc.externals);
        merge_check(&mut all.check, doc.check);
    }
    let orders = Orders::new(&all, sources, &mut findings);
    let (mut names, targets) = Namespace::take(&mut all, &orders);
    let mut resolver = Resolver::new(&names, &mut findings, budget, targets);
    // Declarations are resolved in file order, the order their strings
    // were allocated in, and then moved into id order once: resolved in id
    // order, a million people made every read and free a cache miss. A
    // duplicate has no place and is left out. The people are made in the
    // room of their declarations (the two are the same size: see the
    // tests).
    let roles = (all.roles.into_iter().enumerate())
        .map(|(i, r)| Some(resolver.role(r, orders.roles.rank(i)?)))
        .collect();
    let mut roles = orders.roles.sorted(roles);
    let people: Vec<_> = (all.people.into_iter().enumerate())
        .map(|(i, p)| Some(resolver.person(p, orders.people.rank(i)?)))
        .collect();
    add_holders(&mut roles, &people, &orders.people);
    // Each person takes their id as they come to their place, not in a
    // pass of their own (`give` has none left to give them).
    let mut ids = std::mem::take(&mut names.people);
    let people = orders.people.sorted_each(people, |place, person| {
        if let Some(id) = ids.get_mut(place) {
            person.id = std::mem::take(id);
        }
    });
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

/// Lists each role's holders, in id order, from the people in file order
/// (`None` for duplicates) and their `order`. A file lists the holders of
/// a role together more often than not, so in file order each role is
/// found where the last holder left it (in id order, on a million people,
/// each was a trip to memory); each role's list is sorted after.
fn add_holders(roles: &mut [Role], people: &[Option<Person>], order: &IdOrder) {
    // Counted first, each list is allocated once.
    let mut counts = vec![0usize; roles.len()];
    for r in people.iter().flatten().flat_map(|p| &p.roles) {
        if let Some(count) = counts.get_mut(r.role) {
            *count += 1;
        }
    }
    for (role, count) in roles.iter_mut().zip(counts) {
        role.holders.reserve_exact(count);
    }
    for (i, person) in people.iter().enumerate() {
        ask_roles(roles, people, i);
        let (Some(person), Some(place)) = (person, order.rank(i)) else {
            continue;
        };
        for r in &person.roles {
            if let Some(role) = roles.get_mut(r.role) {
                role.holders.push(place);
            }
        }
    }
    for role in roles {
        role.holders.sort_unstable();
    }
}

/// Asks for the roles of the people some ahead of person `i`, whose
/// holders they will join: a role's holders lie far apart in the file, so
/// on a million people the role has left the cache between two of them.
fn ask_roles(roles: &[Role], people: &[Option<Person>], i: usize) {
    if let Some(Some(later)) = people.get(i + crate::prefetch::AHEAD) {
        for r in &later.roles {
            crate::prefetch::at(roles, r.role);
        }
    }
}

fn merge_check(into: &mut CheckSettings, from: CheckSettings) {
    into.allow.extend(from.allow);
    into.warn.extend(from.warn);
    into.deny.extend(from.deny);
}

/// An external customer; its id comes from [`Namespace::give`].
fn external(e: ExternalDecl) -> External {
    External {
        id: CompactString::default(),
        name: e.name,
        pays: e.pays,
        span: e.id.span,
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

/// The article before [`describe`]'s name of a kind, in messages.
fn article(kind: Kind) -> &'static str {
    match kind {
        Kind::External => "an",
        Kind::Person | Kind::Role => "a",
    }
}

/// A kind's name in messages.
fn describe(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "person",
        Kind::Role => "role",
        Kind::External => "external customer",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::read::PersonDecl;
    use crate::model::Party;

    /// References are resolved in file order, so when the budget of
    /// suggestions runs out, the first unknown reference in the file keeps
    /// its suggestion and later ones (even earlier by id) do without.
    #[test]
    fn suggestions_go_to_the_first_references_in_the_file() {
        let text = "[people.zed]\nroles = [\"plannr\"]\n[people.amy]\nroles = [\"plannr\"]\n[roles.planner]\n";
        let mut sources = Sources::new();
        let file = sources.add("t.toml", text.to_string());
        let parsed = crate::load::parse(&sources, file);
        let (doc, findings) = parsed.unwrap_or_else(|e| panic!("{e:?}"));
        // One suggestion among one role for a 6-character name costs 36.
        let (_, findings) = resolve_within(vec![doc], &sources, findings, 36);
        let helps: Vec<(&str, bool)> = findings
            .iter()
            .map(|f| {
                let owner = f.ids.first().map_or("", CompactString::as_str);
                let suggested = f.help.as_deref().is_some_and(|h| h.contains("`planner`"));
                (owner, suggested)
            })
            .collect();
        assert_eq!(helps, [("zed", true), ("amy", false)]);
    }

    /// A person's declaration and the person made from it take the same
    /// room, so that collecting the people reuses the declarations' list
    /// in place (the standard library does when sizes and alignments
    /// match): on a million people, a list of its own takes 136 MB of fresh
    /// pages (stop 25 measured 160 MB and 96 ms more to resolve them, when a
    /// person had outgrown its declaration). Only the speed depends on it.
    #[test]
    fn people_are_made_in_the_room_of_their_declarations() {
        use std::mem::{align_of, size_of};
        let why = "a person and its declaration differ in size: grow or shrink \
                   the other too, or the people are no longer made in place";
        assert_eq!(
            size_of::<PersonDecl>(),
            size_of::<Option<Person>>(),
            "{why}"
        );
        assert_eq!(
            align_of::<PersonDecl>(),
            align_of::<Option<Person>>(),
            "{why}"
        );
    }

    /// Holders are gathered in file order and listed in id order.
    #[test]
    fn holders_come_in_id_order_whatever_the_file_order() {
        let text = "[people.zed]\nroles = [\"a\", \"b\"]\n[people.amy]\nroles = [\"a\"]\n\
                    [people.kim]\nroles = [\"b\", \"a\"]\n\
                    [people.bo]\nroles = [\"a\"]\n[roles.a]\n[roles.b]\n[roles.c]\n";
        let mut sources = Sources::new();
        let file = sources.add("t.toml", text.to_string());
        let parsed = crate::load::parse(&sources, file);
        let (doc, findings) = parsed.unwrap_or_else(|e| panic!("{e:?}"));
        let (org, _) = resolve(vec![doc], &sources, findings);
        let ids = |holders: &[usize]| -> Vec<&str> {
            holders.iter().map(|&i| org.people[i].id.as_str()).collect()
        };
        let holders: Vec<Vec<&str>> = org.roles.iter().map(|r| ids(&r.holders)).collect();
        assert_eq!(
            holders,
            [vec!["amy", "bo", "kim", "zed"], vec!["kim", "zed"], vec![]]
        );
    }

    /// Handoffs lead where their ids say, found all at once, around later
    /// declarations of an id (left out, handoffs and all) and unknown ids.
    #[test]
    fn handoffs_lead_where_their_ids_say_around_duplicates() {
        let mut sources = Sources::new();
        let texts = [
            "[people.amy]\nhands_to = [\"cy\"]\n[roles.r]\nhands_to = [\"bo\", \"cy\"]\n[external.cy]\n",
            "[people.amy]\nhands_to = [\"r\", \"ghost\"]\n[roles.r]\nhands_to = [\"nobody\"]\n\
             [people.bo]\nhands_to = [\"nope\", \"amy\", \"r\"]\n",
        ];
        let mut docs = Vec::new();
        let mut findings = Vec::new();
        for (k, text) in texts.iter().enumerate() {
            let file = sources.add(format!("{k}.toml"), (*text).to_string());
            let (doc, found) =
                crate::load::parse(&sources, file).unwrap_or_else(|e| panic!("{e:?}"));
            docs.push(doc);
            findings.extend(found);
        }
        let (org, findings) = resolve(docs, &sources, findings);
        let targets = |party: Party| -> Vec<&str> {
            org.hands_to(party).iter().map(|h| org.id(h.to)).collect()
        };
        assert_eq!(targets(Party::Person(0)), ["cy"]);
        assert_eq!(targets(Party::Person(1)), ["amy", "r"]);
        assert_eq!(targets(Party::Role(0)), ["bo", "cy"]);
        let unknown: Vec<&str> = findings
            .iter()
            .filter(|f| f.message.starts_with("unknown id"))
            .filter_map(|f| f.ids.get(1).map(CompactString::as_str))
            .collect();
        assert_eq!(unknown, ["nope"]);
    }

    /// A person declared twice (here in two files) holds their roles once:
    /// the later declaration is left out of the holders as of the model.
    #[test]
    fn a_duplicate_person_is_no_second_holder() {
        let mut sources = Sources::new();
        let first = sources.add(
            "a.toml",
            "[people.amy]\nroles = [\"a\"]\n[roles.a]\n".into(),
        );
        let second = sources.add(
            "b.toml",
            "[people.amy]\nroles = [\"a\"]\n[people.bo]\nroles = [\"a\"]\n".into(),
        );
        let mut docs = Vec::new();
        let mut findings = Vec::new();
        for file in [first, second] {
            let (doc, found) =
                crate::load::parse(&sources, file).unwrap_or_else(|e| panic!("{e:?}"));
            docs.push(doc);
            findings.extend(found);
        }
        let (org, findings) = resolve(docs, &sources, findings);
        let holders: Vec<&str> = org.roles[0]
            .holders
            .iter()
            .map(|&i| org.people[i].id.as_str())
            .collect();
        assert_eq!(holders, ["amy", "bo"]);
        assert_eq!(org.people.len(), 2);
        assert!(findings.iter().any(|f| f.message.contains("amy")));
    }
}
