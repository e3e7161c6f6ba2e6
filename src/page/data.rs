//! The page's data: one JSON document the script reads with `JSON.parse`.
//! Ids and names have their control and invisible characters written out
//! (`\u{202e}`), as on the cards and in the terminal, so that what the
//! page shows as text cannot reorder itself or hide a difference.
//!
//! Parties are numbered people, roles, external customers, each in file
//! order ([`Org::number`]), and referred to by number everywhere else:
//!
//! - `parties`: each party's `kind`, `id`, `name`, `at` (the number of
//!   the box in `drawn` that shows it, if any), `team` (a number into `teams`),
//!   `roles` it holds or `holders` it has, `distance` to a paying customer,
//!   `next` (the next party on its shortest chain to one), `marks`
//!   (`vacant`, `dead-end`, `single-point`), `pays` and `vacant`;
//! - `teams`: each team's `name` and `people`;
//! - `drawn`: each box of the diagram (a node, or a person's row in a
//!   card), in the picture's order: its element `id`, and the `party` or
//!   `team` it stands for; and `arrows`: each
//!   arrow as `[element, from, to]`, the number of the `edge_N` element
//!   that draws it and the boxes it joins;
//! - `graph`: the customer graph of [`crate::graph`], hidden role nodes and
//!   all: `party` gives each node's party (`-1` for a role's hidden in- and
//!   out-nodes), `owner` the party it belongs to (the role, for those),
//!   `leaves` and `arrives` each party's node where its work leaves and
//!   where work handed to it arrives, and `edges` every edge as three
//!   numbers (from, to, handoffs it counts: 0 or 1), so the script walks
//!   exactly the graph `chain map ID` walks;
//! - `findings` and `summary`: the report of `chain check --format json`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use petgraph::graph::{EdgeIndex, NodeIndex};
use serde::Serialize;

use super::{Page, next};
use crate::check::report::Summary;
use crate::check::report::json::FindingJson;
use crate::export::{NodeKind, Picture, ids};
use crate::model::{Org, Party};
use crate::text::escape;

/// The whole document.
#[derive(Serialize)]
pub(super) struct Data<'a> {
    title: Cow<'a, str>,
    view: View<'a>,
    parties: Vec<PartyJson<'a>>,
    teams: Vec<Team<'a>>,
    drawn: Vec<Drawn>,
    arrows: Vec<[usize; 3]>,
    graph: Graph,
    findings: Vec<FindingJson<'a>>,
    summary: Summary,
}

/// How the diagram was drawn.
#[derive(Serialize)]
struct View<'a> {
    /// `none`, `roles` or `teams`.
    collapse: &'static str,
    /// `graphviz` or `chain` (the layout of [`super::layout`]).
    layout: &'static str,
    /// Why chain's own layout, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    why: Option<&'static str>,
    /// Why the view is not the one asked for, if it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    /// Whether the page carries each party's card.
    cards: bool,
}

#[derive(Serialize)]
struct PartyJson<'a> {
    kind: &'static str,
    id: Cow<'a, str>,
    name: Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    team: Option<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    roles: Vec<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    holders: Vec<usize>,
    distance: Option<u32>,
    next: Option<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    marks: Vec<&'static str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pays: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    vacant: bool,
}

#[derive(Serialize)]
struct Team<'a> {
    /// The name in the file, for looking the team up.
    #[serde(skip)]
    key: &'a str,
    name: Cow<'a, str>,
    people: Vec<usize>,
}

/// A box of the diagram.
#[derive(Serialize)]
struct Drawn {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    party: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    team: Option<usize>,
}

#[derive(Serialize)]
struct Graph {
    party: Vec<i64>,
    owner: Vec<usize>,
    leaves: Vec<i64>,
    arrives: Vec<i64>,
    edges: Vec<u32>,
}

impl<'a> Data<'a> {
    /// The data of `page`.
    pub(super) fn new(page: &'a Page<'a>) -> Self {
        let org = page.org;
        let teams = teams(org);
        let team_of: BTreeMap<&str, usize> =
            teams.iter().enumerate().map(|(i, t)| (t.key, i)).collect();
        let to_paying = next::walk(org, page.graph);
        let next = next::steps(org, page.graph, &to_paying, org.parties());
        let boxes = Boxes::new(page.picture);
        let parties = org
            .parties()
            .zip(next)
            .map(|(party, next)| {
                let mut json = PartyJson::new(org, party);
                json.team = person_team(org, party).and_then(|t| team_of.get(t).copied());
                json.at = boxes.of(org, party);
                json.distance = to_paying.distance(page.graph, party);
                json.next = next.map(|p| org.number(p));
                json.marks = page.marks.of(party).names();
                json
            })
            .collect();
        Data {
            title: escape(org.name.as_deref().unwrap_or("chain")),
            view: View {
                collapse: page.picture.view.collapse.as_str(),
                layout: match page.diagram {
                    super::Diagram::Graphviz(_) => "graphviz",
                    super::Diagram::Builtin(_) => "chain",
                },
                why: match page.diagram {
                    super::Diagram::Graphviz(_) => None,
                    super::Diagram::Builtin(why) => Some(why.says()),
                },
                note: page.note.as_deref(),
                cards: super::html::with_cards(org),
            },
            parties,
            teams,
            drawn: drawn(page.picture, org, &team_of),
            arrows: arrows(page.picture),
            graph: Graph::new(page),
            findings: page
                .findings
                .iter()
                .map(|f| FindingJson::new(f, page.sources))
                .collect(),
            summary: Summary::of(page.findings),
        }
    }
}

impl<'a> PartyJson<'a> {
    /// What the file says of `party`; the walks' answers are filled in after.
    fn new(org: &'a Org, party: Party) -> Self {
        let (roles, holders, vacant) = match party {
            Party::Person(i) => {
                let held = org
                    .person(i)
                    .map(|p| p.roles.as_slice())
                    .unwrap_or_default();
                let roles = held.iter().map(|r| org.number(Party::Role(r.role)));
                (roles.collect(), Vec::new(), false)
            }
            Party::Role(i) => {
                let role = org.role(i);
                let holders = role.map(|r| r.holders.as_slice()).unwrap_or_default();
                let holders = holders.iter().map(|&p| org.number(Party::Person(p)));
                (
                    Vec::new(),
                    holders.collect(),
                    role.is_some_and(|r| r.is_vacant()),
                )
            }
            Party::External(_) => (Vec::new(), Vec::new(), false),
        };
        let kind = party.kind().as_str();
        PartyJson {
            kind,
            id: escape(org.id(party)),
            name: escape(org.name(party)),
            at: None,
            team: None,
            roles,
            holders,
            distance: None,
            next: None,
            marks: Vec::new(),
            pays: org.pays(party),
            vacant,
        }
    }
}

/// A person's team.
fn person_team(org: &Org, party: Party) -> Option<&str> {
    match party {
        Party::Person(i) => org.person(i)?.team.as_deref(),
        _ => None,
    }
}

/// The teams, by name, each with its people.
fn teams(org: &Org) -> Vec<Team<'_>> {
    // Sorted by name, so the numbers are the same on every run.
    let mut teams: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, person) in org.people.iter().enumerate() {
        if let Some(team) = person.team.as_deref() {
            teams.entry(team).or_default().push(i);
        }
    }
    teams
        .into_iter()
        .map(|(key, people)| Team {
            key,
            name: escape(key),
            people,
        })
        .collect()
}

impl Graph {
    /// The customer graph, numbered as petgraph numbers it.
    fn new(page: &Page<'_>) -> Self {
        let (g, org) = (page.graph, page.org);
        let party = g
            .node_indices()
            .map(|n| g.party(n).map_or(-1, |p| org.number(p) as i64))
            .collect();
        let owner = g
            .node_indices()
            .filter_map(|n| g.kind(n))
            .map(|k| org.number(k.owner()))
            .collect();
        let node = |n: Option<NodeIndex>| n.map_or(-1, |n| n.index() as i64);
        let leaves = org.parties().map(|p| node(g.outgoing(p))).collect();
        let arrives = org.parties().map(|p| node(g.incoming(p))).collect();
        let mut edges = Vec::with_capacity(g.edge_count() * 3);
        let number = |n: NodeIndex| u32::try_from(n.index()).unwrap_or(u32::MAX);
        for (i, (from, to)) in g.edge_ends().enumerate() {
            let cost = g.edge(EdgeIndex::new(i)).map_or(1, |e| e.cost());
            edges.extend([number(from), number(to), cost]);
        }
        Graph {
            party,
            owner,
            leaves,
            arrives,
            edges,
        }
    }
}

/// Each box of the picture: its element id (a node's group, or for a
/// person drawn as a row of a card, the row's: `a_` and the id), and what
/// it stands for.
fn drawn(picture: &Picture<'_>, org: &Org, team_of: &BTreeMap<&str, usize>) -> Vec<Drawn> {
    picture
        .nodes
        .iter()
        .map(|node| {
            let id = ids::safe(node.kind.as_str(), node.key);
            let id = if node.card.is_some() {
                format!("a_{id}")
            } else {
                id
            };
            let (party, team) = match node.kind {
                NodeKind::Team => (None, team_of.get(node.key).copied()),
                _ => (org.lookup(node.key).map(|p| org.number(p)), None),
            };
            Drawn { id, party, team }
        })
        .collect()
}

/// Each arrow: the element drawing it ([`crate::export::drawn_as`]:
/// a pair of opposite handoffs is one arrow with two heads), its giver's
/// box and its receiver's.
fn arrows(picture: &Picture<'_>) -> Vec<[usize; 3]> {
    (0..picture.edges.len())
        .filter_map(|i| {
            let edge = picture.edges.get(i)?;
            Some([crate::export::drawn_as(picture, i), edge.from, edge.to])
        })
        .collect()
}

/// Which box of the picture shows each party.
struct Boxes<'p> {
    by_key: BTreeMap<(&'static str, &'p str), usize>,
}

impl<'p> Boxes<'p> {
    fn new(picture: &Picture<'p>) -> Self {
        let by_key = picture
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| ((node.kind.as_str(), node.key), i))
            .collect();
        Boxes { by_key }
    }

    /// The box of `party`: its own, else (for a person in a collapsed
    /// view) their team's, else their first role's.
    fn of(&self, org: &Org, party: Party) -> Option<usize> {
        let kind = party.kind().as_str();
        if let Some(&i) = self.by_key.get(&(kind, org.id(party))) {
            return Some(i);
        }
        let Party::Person(p) = party else {
            return None;
        };
        let person = org.person(p)?;
        let team = person.team.as_deref();
        team.and_then(|t| self.by_key.get(&("team", t)).copied())
            .or_else(|| {
                person.roles.iter().find_map(|r| {
                    self.by_key
                        .get(&("role", org.id(Party::Role(r.role))))
                        .copied()
                })
            })
    }
}
