//! Property tests: random organisations, checked against an independent
//! breadth-first search over the person-by-person graph (every role
//! handoff multiplied out to every holder, the slow obvious way).

use std::collections::{HashMap, VecDeque};

use proptest::prelude::*;
use serde_json::Value;

use chain::graph::CustomerGraph;
use chain::load::{Input, load};
use chain::map::{Format, PartyMap, PeopleMap};
use chain::walk::Way;

/// A random organisation: ids are indices into people, then roles, then
/// externals. Also used by the property tests of `chain check`.
#[derive(Clone, Debug)]
pub struct Spec {
    /// Each person's roles (role numbers) and own handoffs (ids).
    pub people: Vec<(Vec<usize>, Vec<usize>)>,
    /// Each role's handoffs (ids).
    pub roles: Vec<Vec<usize>>,
    /// Whether each external customer pays.
    pub pays: Vec<bool>,
}

impl Spec {
    pub fn n(&self) -> usize {
        self.people.len() + self.roles.len() + self.pays.len()
    }

    /// Ids with quotes, spaces, backslashes and Unicode, all distinct.
    pub fn id(&self, i: usize) -> String {
        let shapes = ["p", "Zoë ", "q\"", "b\\", "x"];
        let prefix = shapes.get(i % shapes.len()).copied().unwrap_or("p");
        let kind = if i < self.people.len() {
            "person"
        } else if i < self.people.len() + self.roles.len() {
            "role"
        } else {
            "ext"
        };
        format!("{prefix}{kind}{i}")
    }

    pub fn role_index(&self, r: usize) -> usize {
        self.people.len() + r
    }

    pub fn toml(&self) -> String {
        let key = |i: usize| serde_json::to_string(&self.id(i)).unwrap_or_default();
        let list = |ids: &[usize]| ids.iter().map(|&i| key(i)).collect::<Vec<_>>().join(", ");
        let mut out = String::new();
        for (e, pays) in self.pays.iter().enumerate() {
            let i = self.people.len() + self.roles.len() + e;
            out.push_str(&format!("[external.{}]\npays = {pays}\n", key(i)));
        }
        for (r, hands) in self.roles.iter().enumerate() {
            out.push_str(&format!(
                "[roles.{}]\nhands_to = [{}]\n",
                key(self.role_index(r)),
                list(hands)
            ));
        }
        for (p, (roles, hands)) in self.people.iter().enumerate() {
            let roles: Vec<usize> = roles.iter().map(|&r| self.role_index(r)).collect();
            out.push_str(&format!(
                "[people.{}]\nroles = [{}]\nhands_to = [{}]\n",
                key(p),
                list(&roles),
                list(hands)
            ));
        }
        out
    }

    pub fn is_person(&self, i: usize) -> bool {
        i < self.people.len()
    }

    pub fn role_of(&self, i: usize) -> Option<usize> {
        let r = i.checked_sub(self.people.len())?;
        (r < self.roles.len()).then_some(r)
    }

    pub fn holders(&self, r: usize) -> Vec<usize> {
        (0..self.people.len())
            .filter(|&p| self.people[p].0.contains(&r))
            .collect()
    }

    pub fn pays(&self, i: usize) -> bool {
        i.checked_sub(self.people.len() + self.roles.len())
            .is_some_and(|e| self.pays[e])
    }

    /// Who `i` (a person or a role) serves directly, role handoffs
    /// multiplied out to every holder; vacant roles are nodes of their own,
    /// and hand nothing on.
    pub fn customers(&self, i: usize) -> Vec<usize> {
        let vacant = self.role_of(i).is_some_and(|r| self.holders(r).is_empty());
        if vacant {
            return Vec::new();
        }
        let mut declared: Vec<usize> = self.hands_to(i).to_vec();
        if self.is_person(i) {
            for &r in &self.people[i].0 {
                declared.extend(&self.roles[r]);
            }
        }
        let mut out = Vec::new();
        for t in declared {
            match self.role_of(t) {
                Some(r) if !self.holders(r).is_empty() => out.extend(self.holders(r)),
                _ => out.push(t),
            }
        }
        out.retain(|&t| !(t == i && self.is_person(i)));
        out
    }

    /// The handoffs `i` (a person or a role) declares itself, by target:
    /// what a diagram draws, one edge each, a vacant role's included.
    pub fn hands_to(&self, i: usize) -> &[usize] {
        if self.is_person(i) {
            &self.people[i].1
        } else if let Some(r) = self.role_of(i) {
            &self.roles[r]
        } else {
            &[]
        }
    }

    /// The visible nodes: people, vacant roles and external customers.
    pub fn visible(&self, i: usize) -> bool {
        self.role_of(i).is_none_or(|r| self.holders(r).is_empty())
    }

    /// Plain BFS from `start` over `customers` (or the reverse relation).
    pub fn bfs(&self, start: usize, reverse: bool) -> HashMap<usize, usize> {
        let n = self.n();
        let mut edges: Vec<Vec<usize>> = vec![Vec::new(); n];
        for i in (0..n).filter(|&i| self.visible(i)) {
            for t in self.customers(i) {
                if reverse {
                    edges[t].push(i);
                } else {
                    edges[i].push(t);
                }
            }
        }
        let mut dist = HashMap::from([(start, 0)]);
        let mut queue = VecDeque::from([start]);
        while let Some(u) = queue.pop_front() {
            for &v in &edges[u] {
                if !dist.contains_key(&v) {
                    dist.insert(v, dist[&u] + 1);
                    queue.push_back(v);
                }
            }
        }
        dist
    }

    /// Fewest handoffs from `i` to any paying customer, by BFS from each.
    pub fn distance_to_paying(&self, i: usize) -> Option<usize> {
        (0..self.n())
            .filter(|&e| self.pays(e))
            .filter_map(|e| self.bfs(e, true).get(&i).copied())
            .min()
    }
}

/// Random organisations of up to 10 people, 5 roles and 4 external customers.
pub fn spec() -> impl Strategy<Value = Spec> {
    (1usize..10, 0usize..5, 1usize..4).prop_flat_map(|(np, nr, ne)| {
        let n = np + nr + ne;
        let person = (
            proptest::collection::vec(0..nr.max(1), 0..if nr == 0 { 1 } else { 3 }),
            proptest::collection::vec(0..n, 0..4),
        );
        (
            proptest::collection::vec(person, np),
            proptest::collection::vec(proptest::collection::vec(0..n, 0..4), nr),
            proptest::collection::vec(any::<bool>(), ne),
        )
            .prop_map(move |(people, roles, pays)| {
                let people = people
                    .into_iter()
                    .map(|(r, h)| (if nr == 0 { Vec::new() } else { r }, h))
                    .collect();
                Spec {
                    people,
                    roles,
                    pays,
                }
            })
    })
}

fn map_json(text: &str, start: Option<(&str, Way)>) -> Value {
    let loaded = load(Input::Text {
        name: "prop.toml",
        text,
    })
    .expect("generated TOML parses");
    assert!(loaded.findings.is_empty(), "{:?}", loaded.findings);
    let graph = CustomerGraph::build(&loaded.org);
    let mut out = Vec::new();
    match start {
        None => PeopleMap::new(&loaded.org, &graph, 0).write(&mut out, Format::Json),
        Some((id, way)) => {
            let party = loaded.org.lookup(id).expect("the start exists");
            let map = PartyMap::new(&loaded.org, &graph, party, way, None, 0)
                .expect("the start is in the graph");
            map.write(&mut out, Format::Json)
        }
    }
    .expect("writing to memory works");
    serde_json::from_slice(&out).expect("the output is JSON")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    /// Each chain is made of real handoffs, ends at a paying customer, and
    /// is exactly as long as the independent search says is shortest.
    #[test]
    fn chains_are_shortest_real_routes(spec in spec()) {
        let doc = map_json(&spec.toml(), None);
        let index: HashMap<String, usize> = (0..spec.n()).map(|i| (spec.id(i), i)).collect();
        prop_assert_eq!(doc["people"].as_array().map(Vec::len), Some(spec.people.len()));
        for entry in doc["people"].as_array().into_iter().flatten() {
            let p = index[entry["id"].as_str().unwrap_or_default()];
            let expected = spec.distance_to_paying(p);
            prop_assert_eq!(entry["distance"].as_u64().map(|d| d as usize), expected, "person {}", spec.id(p));
            let Some(chain) = entry["chain"].as_array() else {
                prop_assert!(expected.is_none());
                continue;
            };
            let ids: Vec<usize> = chain.iter().map(|v| index[v.as_str().unwrap_or_default()]).collect();
            prop_assert_eq!(ids.first().copied(), Some(p));
            prop_assert!(ids.last().is_some_and(|&e| spec.pays(e)));
            prop_assert_eq!(Some(ids.len() - 1), expected);
            for pair in ids.windows(2) {
                prop_assert!(spec.customers(pair[0]).contains(&pair[1]), "{} does not serve {}", spec.id(pair[0]), spec.id(pair[1]));
            }
        }
    }

    /// Each step of the all-people map (most of them copied from the
    /// steps written once) is the handoff between the two parties it
    /// joins: declared by the giver itself or by the role it hands on as,
    /// and naming the receiver or the role it receives through.
    #[test]
    fn steps_are_the_handoffs_they_join(spec in spec()) {
        let doc = map_json(&spec.toml(), None);
        let index: HashMap<String, usize> = (0..spec.n()).map(|i| (spec.id(i), i)).collect();
        let at = |v: &Value| v.as_str().and_then(|id| index.get(id).copied());
        for entry in doc["people"].as_array().into_iter().flatten() {
            let chain: Vec<Option<usize>> = entry["chain"].as_array().into_iter().flatten().map(at).collect();
            let steps = entry["steps"].as_array().cloned().unwrap_or_default();
            prop_assert_eq!(steps.len() + usize::from(!chain.is_empty()), chain.len());
            for (k, step) in steps.iter().enumerate() {
                let (Some(giver), Some(receiver)) = (chain[k], chain[k + 1]) else {
                    return Err(TestCaseError::fail(format!("unknown id in {entry}")));
                };
                prop_assert_eq!(at(&step["to"]), Some(receiver));
                let declared = match at(&step["as_role"]).and_then(|r| spec.role_of(r)) {
                    Some(r) => {
                        prop_assert!(spec.people[giver].0.contains(&r), "{} hands on as {}", giver, r);
                        spec.roles[r].clone()
                    }
                    None if spec.is_person(giver) => spec.people[giver].1.clone(),
                    None => spec.role_of(giver).map(|r| spec.roles[r].clone()).unwrap_or_default(),
                };
                match at(&step["to_role"]) {
                    Some(s) => {
                        prop_assert!(declared.contains(&s), "step {} of {}", k, entry);
                        let role = spec.role_of(s).unwrap_or(usize::MAX);
                        prop_assert!(spec.people.get(receiver).is_some_and(|p| p.0.contains(&role)));
                    }
                    None => prop_assert!(declared.contains(&receiver), "step {} of {}", k, entry),
                }
            }
        }
    }

    /// `map ID` lists exactly the parties the independent search reaches
    /// (people, vacant roles, external customers), at the same distances,
    /// downstream and upstream.
    #[test]
    fn map_id_lists_what_bfs_reaches(spec in spec(), pick in any::<prop::sample::Index>()) {
        let start = pick.index(spec.people.len());
        let text = spec.toml();
        for (way, list, reverse) in [(Way::Downstream, "serves", false), (Way::Upstream, "upstream", true)] {
            let doc = map_json(&text, Some((&spec.id(start), way)));
            let mut got: Vec<(String, u64)> = doc[list]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| (p["id"].as_str().unwrap_or_default().to_string(), p["distance"].as_u64().unwrap_or(0)))
                .collect();
            got.sort();
            let mut want: Vec<(String, u64)> = spec
                .bfs(start, reverse)
                .into_iter()
                .filter(|&(i, _)| i != start)
                .map(|(i, d)| (spec.id(i), d as u64))
                .collect();
            want.sort();
            prop_assert_eq!(got, want, "{} from {}", list, spec.id(start));
        }
    }
}
