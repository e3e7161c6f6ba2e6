//! From declarations to the checked [`Org`]: one namespace of ids, every
//! reference resolved to an index, every list sorted by id.
//!
//! A duplicate id keeps its first declaration (in file order) and reports the
//! others; an unknown reference is reported and left out of the model, so the
//! model is always consistent even when the file is not.

mod order;
mod resolver;

use super::read::{Doc, HandoffDecl, PersonDecl, RoleDecl};
use crate::finding::Finding;
use crate::finding::Findings;
use crate::model::{External, IdIndex, Kind, Org, Party, Person, Role};
use crate::source::Sources;

use order::Orders;
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
///
/// People and roles are made first, then their handoffs are resolved, so
/// that a handoff to a team can name the team's people. References are
/// resolved in file order, which decides who gets suggestions when the
/// budget runs out.
fn resolve_within(
    docs: Vec<Doc>,
    sources: &Sources,
    mut findings: Vec<Finding>,
    budget: u64,
) -> (Org, Vec<Finding>) {
    let all = merged(docs);
    let mut found = Findings::new();
    let orders = Orders::new(&all, sources, &mut found);
    let index = indexed(&all, &orders);
    let mut resolver = Resolver::new(&index, &mut found, budget);
    let mut handoffs = Vec::new();
    let roles = roles(all.roles, &orders, &mut handoffs);
    let people = people(all.people, &orders, &mut resolver, &mut handoffs);
    let externals = (all.externals.into_iter().enumerate())
        .map(|(i, e)| {
            orders.externals.rank(i)?;
            Some(External {
                id: e.id.text,
                name: e.name,
                pays: e.pays,
                pays_invalid: e.pays_invalid,
                span: e.id.span,
            })
        })
        .collect();
    let mut org = Org {
        name: all.org_name,
        people,
        roles,
        externals: orders.externals.sorted(externals),
        check: all.check,
        index: IdIndex::default(),
    };
    add_holders(&mut org);
    for (owner, decls) in handoffs {
        let (resolved, left_out) = resolver.handoffs(decls, owner, &org);
        let slot = match owner {
            Party::Person(i) => org
                .people
                .get_mut(i)
                .map(|p| (&mut p.hands_to, &mut p.handoffs_left_out)),
            Party::Role(i) => org
                .roles
                .get_mut(i)
                .map(|r| (&mut r.hands_to, &mut r.handoffs_left_out)),
            Party::External(_) => None,
        };
        if let Some((hands_to, was_left_out)) = slot {
            *hands_to = resolved;
            *was_left_out |= left_out;
        }
    }
    org.index = index;
    findings.extend(found.into_vec());
    (org, findings)
}

/// A party's handoffs as written, resolved once every party is made.
type Pending = Vec<(Party, Vec<HandoffDecl>)>;

/// The roles declared, in id order, without their handoffs (added to
/// `pending`, in file order) or holders.
fn roles(decls: Vec<RoleDecl>, orders: &Orders, pending: &mut Pending) -> Vec<Role> {
    let roles = (decls.into_iter().enumerate())
        .map(|(i, r)| {
            let place = orders.roles.rank(i)?;
            if !r.hands_to.is_empty() {
                pending.push((Party::Role(place), r.hands_to));
            }
            Some(Role {
                id: r.id.text,
                title: r.title,
                hands_to: Vec::new(),
                handoffs_left_out: r.hands_to_left_out,
                holders: Vec::new(),
                span: r.id.span,
            })
        })
        .collect();
    orders.roles.sorted(roles)
}

/// The people declared, in id order, with their roles resolved but not
/// their handoffs (added to `pending`, in file order).
fn people(
    decls: Vec<PersonDecl>,
    orders: &Orders,
    resolver: &mut Resolver<'_>,
    pending: &mut Pending,
) -> Vec<Person> {
    let people = (decls.into_iter().enumerate())
        .map(|(i, p)| {
            let place = orders.people.rank(i)?;
            if !p.hands_to.is_empty() {
                pending.push((Party::Person(place), p.hands_to));
            }
            let (roles, unknown_roles) = resolver.roles(&p.roles, &p.id.text);
            Some(Person {
                roles,
                id: p.id.text,
                name: p.name,
                team: p.team,
                hands_to: Vec::new(),
                roles_left_out: p.roles_left_out || unknown_roles,
                handoffs_left_out: p.hands_to_left_out,
                span: p.id.span,
            })
        })
        .collect();
    orders.people.sorted(people)
}

/// The declarations of every file in one [`Doc`], in file order.
fn merged(docs: Vec<Doc>) -> Doc {
    let mut docs = docs.into_iter();
    let mut all = docs.next().unwrap_or_default();
    for doc in docs {
        all.org_name = all.org_name.or(doc.org_name);
        all.people.extend(doc.people);
        all.roles.extend(doc.roles);
        all.externals.extend(doc.externals);
        all.check.allow.extend(doc.check.allow);
        all.check.warn.extend(doc.check.warn);
        all.check.deny.extend(doc.check.deny);
    }
    all
}

/// Every id of `doc` that keeps its declaration, to its party.
fn indexed(doc: &Doc, orders: &Orders) -> IdIndex {
    let mut index = IdIndex::default();
    let kinds = [
        (Kind::Person, &orders.people),
        (Kind::Role, &orders.roles),
        (Kind::External, &orders.externals),
    ];
    index.reserve(kinds.iter().map(|(_, order)| order.positions().len()).sum());
    for (kind, order) in kinds {
        for (place, &i) in order.positions().iter().enumerate() {
            let party = match kind {
                Kind::Person => Party::Person(place),
                Kind::Role => Party::Role(place),
                Kind::External => Party::External(place),
            };
            if let Some(name) = doc.id(kind, i) {
                index.insert(name.text.clone(), party);
            }
        }
    }
    index
}

/// Lists each role's holders: the people in id order, so each list is sorted.
fn add_holders(org: &mut Org) {
    for (i, person) in org.people.iter().enumerate() {
        for r in &person.roles {
            if let Some(role) = org.roles.get_mut(r.role) {
                role.holders.push(i);
            }
        }
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
    use crate::model::Party;
    use compact_str::CompactString;

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
