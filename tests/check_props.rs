//! Property tests of `chain check` on random organisations, against
//! definitions computed the slow obvious way on the person-by-person graph
//! of `map_props` (every role handoff multiplied out to every holder).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use proptest::prelude::*;

use crate::map_props::{Spec, spec};
use chain::check::{Settings, run};
use chain::finding::{Code, Severity};
use chain::load::{Input, load};

/// Every code on: the ones allowed by default as warnings.
fn all_on() -> Settings {
    Settings {
        levels: [Code::Cycle, Code::SinglePoint, Code::SoleHolder]
            .map(|c| (c, Severity::Warning))
            .to_vec(),
        deny_warnings: false,
    }
}

/// The ids each finding of `code` names, by code.
fn check(spec: &Spec) -> BTreeMap<String, Vec<Vec<String>>> {
    let text = spec.toml();
    let loaded = load(Input::Text {
        name: "prop.toml",
        text: &text,
    })
    .expect("generated TOML parses");
    let mut by_code: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for f in run(&loaded, &all_on()) {
        by_code
            .entry(f.code.as_str().to_string())
            .or_default()
            .push(f.ids.iter().map(ToString::to_string).collect());
    }
    by_code
}

impl Spec {
    /// The visible parties (people, vacant roles, external customers).
    fn nodes(&self) -> Vec<usize> {
        (0..self.n()).filter(|&i| self.visible(i)).collect()
    }

    /// Whether `to` can be reached from `from` in one or more handoffs,
    /// never passing through `cut`.
    fn reaches(&self, from: usize, to: usize, cut: Option<usize>) -> bool {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from];
        while let Some(u) = todo.pop() {
            for v in self.customers(u) {
                if v == to {
                    return true;
                }
                if Some(v) != cut && seen.insert(v) {
                    todo.push(v);
                }
            }
        }
        false
    }

    /// Whether `i` reaches a paying customer without passing through `cut`.
    fn reaches_paying(&self, i: usize, cut: Option<usize>) -> bool {
        (0..self.n()).any(|e| self.pays(e) && Some(e) != cut && self.reaches(i, e, cut))
    }

    fn any_paying(&self) -> bool {
        (0..self.n()).any(|e| self.pays(e))
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    /// `single-point`: person X is reported with dependents exactly when
    /// some other person reaches a paying customer but no longer does with
    /// X removed; the count in the message is the number of such people,
    /// and the people named are among them.
    #[test]
    fn single_points_match_the_definition(spec in spec()) {
        let found = check(&spec);
        let index: HashMap<String, usize> = (0..spec.n()).map(|i| (spec.id(i), i)).collect();
        let mut got: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for ids in found.get("single-point").into_iter().flatten() {
            let who: Vec<usize> = ids.iter().map(|id| index[id]).collect();
            got.insert(who[0], who[1..].to_vec());
        }
        let people = 0..spec.people.len();
        let mut want: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        if spec.any_paying() {
            for x in people.clone() {
                let dependents: BTreeSet<usize> = people
                    .clone()
                    .filter(|&y| y != x && spec.reaches_paying(y, None) && !spec.reaches_paying(y, Some(x)))
                    .collect();
                if !dependents.is_empty() {
                    want.insert(x, dependents);
                }
            }
        }
        prop_assert_eq!(got.keys().collect::<Vec<_>>(), want.keys().collect::<Vec<_>>());
        for (x, named) in &got {
            let all = &want[x];
            prop_assert_eq!(named.len(), all.len().min(5));
            prop_assert!(named.iter().all(|y| all.contains(y)), "{:?} not all in {:?}", named, all);
        }
    }

    /// `cycle`: one finding per group of parties that reach each other:
    /// the groups' sizes (the loop shown plus the others, as the message
    /// counts them) add up to the parties that reach another party which
    /// reaches them back, every party named is one of them, and none is
    /// named twice.
    #[test]
    fn loops_match_the_definition(spec in spec()) {
        let nodes = spec.nodes();
        let want: BTreeSet<String> = nodes
            .iter()
            .filter(|&&v| nodes.iter().any(|&u| u != v && spec.reaches(v, u, None) && spec.reaches(u, v, None)))
            .map(|&v| spec.id(v))
            .collect();
        let text = spec.toml();
        let loaded = load(Input::Text { name: "prop.toml", text: &text }).expect("generated TOML parses");
        let mut named: Vec<String> = Vec::new();
        let mut total = 0;
        for f in run(&loaded, &all_on()).into_iter().filter(|f| f.code.as_str() == "cycle") {
            total += group_size(&f.message);
            named.extend(f.ids.iter().map(ToString::to_string));
        }
        prop_assert_eq!(total, want.len());
        let distinct: BTreeSet<String> = named.iter().cloned().collect();
        prop_assert_eq!(distinct.len(), named.len(), "a party named twice: {:?}", named);
        prop_assert!(distinct.is_subset(&want), "{:?} not all in {:?}", distinct, want);
    }

    /// `dead-end` and `no-customer` for people: a person with no customer
    /// but themself is `no-customer`; one with customers whose work never
    /// reaches a paying customer is `dead-end` (when anyone pays).
    #[test]
    fn dead_ends_and_no_customers(spec in spec()) {
        let found = check(&spec);
        let ids = |code: &str| -> BTreeSet<String> {
            found.get(code).into_iter().flatten().flatten().cloned().collect()
        };
        let people = 0..spec.people.len();
        let lonely: BTreeSet<String> = people.clone().filter(|&p| spec.customers(p).is_empty()).map(|p| spec.id(p)).collect();
        let stuck: BTreeSet<String> = if spec.any_paying() {
            people.filter(|&p| !spec.customers(p).is_empty() && !spec.reaches_paying(p, None)).map(|p| spec.id(p)).collect()
        } else {
            BTreeSet::new()
        };
        let person = |id: &String| id.contains("person");
        prop_assert_eq!(ids("no-customer").into_iter().filter(person).collect::<BTreeSet<_>>(), lonely);
        prop_assert_eq!(ids("dead-end").into_iter().filter(person).collect::<BTreeSet<_>>(), stuck);
    }
}

/// How many parties a loop finding's message counts: the hops of the loop
/// shown (with any elided ones) and the others in the group.
fn group_size(message: &str) -> usize {
    let body = message.trim_start_matches("handoff loop: ");
    let (looped, others) = body
        .split_once("; also in loops with them: ")
        .unwrap_or((body, ""));
    let parts: Vec<&str> = looped.split(" → ").collect();
    let elided: usize = parts
        .iter()
        .find_map(|p| p.strip_prefix("… ")?.strip_suffix(" more …")?.parse().ok())
        .unwrap_or(0);
    let hops = parts.len() - 1 - usize::from(elided > 0) + elided;
    if others.is_empty() {
        return hops;
    }
    let (listed, more) = match others.rsplit_once(" and ") {
        Some((listed, more)) => (listed, more.trim_end_matches(" more").parse().unwrap_or(0)),
        None => (others, 0),
    };
    hops + listed.split("`, `").count() + more
}
