//! `chain check`: everything wrong with a team file, as findings.
//!
//! [`run`] takes what the loader produced (its findings included), runs
//! every rule over the customer graph, applies the severity configuration
//! ([`config`]) and returns the findings to report, sorted. It prints
//! nothing: the [`report`] formats write findings, and the command decides
//! the exit code. Every rule is linear or near-linear and iterative.
//!
//! The rules, one file per group:
//! - `structure`: `orphan-role`, `sole-holder`, `no-customer`,
//!   `unserved-external` and `no-paying-customer`;
//! - `reach`: `dead-end`;
//! - `cycle`: `cycle`, over strongly connected components (`scc`);
//! - `single_point`: `single-point`, over dominators (`dominators`).

mod adjacency;
pub mod config;
mod cycle;
mod dominators;
pub mod explain;
mod leaves;
mod reach;
mod receivers;
pub mod report;
mod scc;
mod single_point;
mod structure;

use std::fmt::Write as _;

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use adjacency::Adjacency;
use receivers::Receivers;

use crate::finding::{Code, Finding, Severity};
use crate::graph::{CustomerGraph, Edge};
use crate::load::Loaded;
use crate::model::{Org, Party};

pub use config::{Levels, Settings};

/// How many ids a message names before it says "and N more".
const NAMED: usize = 5;

/// Checks a loaded team file: the loader's findings and every rule's, at the
/// severities `settings` and the file's `[check]` give, allowed ones left
/// out, in report order (file, position, code).
pub fn run(loaded: &Loaded, settings: &Settings) -> Vec<Finding> {
    let (levels, mut findings) = Levels::resolve(&loaded.org.check, settings);
    findings.extend(loaded.findings.iter().cloned());
    let graph = CustomerGraph::build(&loaded.org);
    let cx = Context::new(&loaded.org, &graph, &levels);
    findings.extend(rules(&cx));
    for f in &mut findings {
        f.severity = levels.of(f.code);
    }
    findings.retain(|f| f.severity != Severity::Allow);
    crate::finding::sort(&mut findings);
    findings
}

/// A rule: its findings on the context, added to the list.
type Rule = fn(&Context<'_>, &mut Vec<Finding>);

/// Every rule, in the order its findings come before they are sorted.
const RULES: [Rule; 4] = [
    structure::check,
    reach::check,
    cycle::check,
    single_point::check,
];

/// Nodes from which the rules run in two groups at once, on two cores.
const NODES_APART: usize = 4096;

/// The findings of every rule, in [`RULES`] order. On a large organisation
/// and two cores, the rules run in two groups at once, each about half
/// the work on a million people (the structure and the single points on
/// this thread, the dead ends and the cycles on the other); every rule
/// only reads the context.
fn rules(cx: &Context<'_>) -> Vec<Finding> {
    let groups: Vec<Vec<usize>> =
        if crate::ordered::threads() > 1 && cx.graph.node_count() >= NODES_APART {
            vec![vec![0, 3], vec![1, 2]]
        } else {
            vec![(0..RULES.len()).collect()]
        };
    let run = |group: Vec<usize>| -> Vec<(usize, Vec<Finding>)> {
        let each = group.into_iter().filter_map(|i| Some((i, *RULES.get(i)?)));
        each.map(|(i, rule)| {
            let mut out = Vec::new();
            rule(cx, &mut out);
            (i, out)
        })
        .collect()
    };
    let mut found: Vec<(usize, Vec<Finding>)> = crate::ordered::map_in_order(groups, run)
        .into_iter()
        .flatten()
        .collect();
    found.sort_by_key(|&(i, _)| i);
    found.into_iter().flat_map(|(_, f)| f).collect()
}

/// What every rule reads.
struct Context<'a> {
    org: &'a Org,
    graph: &'a CustomerGraph,
    levels: &'a Levels,
    /// The customer graph as compact adjacency lists (node and edge indices
    /// as in `graph`), plus one more node, the sink, to which every paying
    /// customer hands on: "reaches a paying customer" is "reaches the sink".
    flow: Adjacency,
    /// `flow` turned round.
    back: Adjacency,
    /// The sink's index: the node after the graph's.
    sink: u32,
    /// Who receives the work each role hands on.
    roles_reach: Vec<Receivers>,
}

impl<'a> Context<'a> {
    fn new(org: &'a Org, graph: &'a CustomerGraph, levels: &'a Levels) -> Self {
        let sink = graph.node_count() as u32;
        let to_sink = SinkEdges::new(org, graph);
        let (len, edges) = (graph.node_count() + 1, graph.edge_count() + to_sink.len());
        // Both ways at once, on two cores, when there is enough to do.
        let (flow, back) = crate::ordered::both_ways(edges, |turned| {
            let dir = if turned {
                Direction::Incoming
            } else {
                Direction::Outgoing
            };
            Adjacency::from_rows(len, edges, |v| {
                // The graph's rows list the newest edge first.
                let own = graph.neighbours(NodeIndex::new(v as usize), dir).rev();
                let own = own.map(|(e, n, _)| (n.index() as u32, e.index() as u32));
                own.chain(to_sink.in_row(v, sink, turned))
            })
        });
        Context {
            org,
            graph,
            levels,
            flow,
            back,
            sink,
            roles_reach: Receivers::of_roles(org, graph),
        }
    }

    /// Whether findings of `code` will be reported: a rule whose codes are
    /// all allowed is not run at all.
    fn wants(&self, code: Code) -> bool {
        self.levels.reports(code)
    }

    /// Whether any external customer pays.
    fn has_paying(&self) -> bool {
        self.org.externals.iter().any(|e| e.pays)
    }

    /// Whether `party` (a person or a role) hands work to anyone: by its
    /// own handoffs or, for a person, through a role that hands work on.
    /// A person is not their own customer ("sometimes the customer is
    /// yourself" is allowed, but it is not someone to hand work to), so
    /// work that only comes back to them, directly or through a role only
    /// they hold, does not count. Linear in the party's edges.
    fn hands_on(&self, party: Party) -> bool {
        let g = self.graph;
        let Some(n) = g.outgoing(party) else {
            return false;
        };
        let me = match party {
            Party::Person(i) => Some(i),
            _ => None,
        };
        g.edges(n, Direction::Outgoing)
            .any(|(_, to, edge)| match edge {
                Edge::Handoff { .. } => Receivers::at(self.org, g, to).other_than(me),
                Edge::Holds(r) => self.roles_reach.get(r).is_some_and(|x| x.other_than(me)),
                Edge::Holder(_) => false,
            })
    }
}

/// The edges from each paying customer to the sink, numbered on from the
/// graph's edges, as (paying customer, edge) in node order (the graph
/// numbers external customers in turn).
struct SinkEdges(Vec<(u32, u32)>);

impl SinkEdges {
    fn new(org: &Org, graph: &CustomerGraph) -> Self {
        let paying = graph.paying(org).into_iter().map(|p| p.index() as u32);
        SinkEdges(paying.zip(graph.edge_count() as u32..).collect())
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    /// Those of the edges in node `v`'s row, as (the node at the other
    /// end, edge): a paying customer's edge to the sink; turned round, the
    /// sink's edges from every paying customer.
    fn in_row(&self, v: u32, sink: u32, turned: bool) -> impl Iterator<Item = (u32, u32)> + '_ {
        let found = |i: usize| self.0.get(i..=i).unwrap_or_default();
        let row: &[(u32, u32)] = match turned {
            false => self
                .0
                .binary_search_by_key(&v, |&(p, _)| p)
                .map_or(&[], found),
            true if v == sink => &self.0,
            true => &[],
        };
        row.iter()
            .map(move |&(p, e)| (if turned { p } else { sink }, e))
    }
}

/// Appends "`a`, `b`, `c`" for the first few of `total` ids, then "and N
/// more" for the rest. Writes into the message being built: on a
/// 100,000-person line every finding counts.
fn name_some<'a>(out: &mut String, first: impl Iterator<Item = &'a str>, total: usize) {
    let mut named = 0;
    for id in first.take(NAMED) {
        if named > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(id);
        out.push('`');
        named += 1;
    }
    if total > named {
        let _ = write!(out, " and {} more", total - named);
    }
}

/// "1 person" / "3 people".
fn people(n: usize) -> String {
    if n == 1 {
        "1 person".into()
    } else {
        format!("{n} people")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Input, load};

    /// A line of people long enough for the rules to run in two groups,
    /// with something for every rule: the line's single points, an orphan
    /// role, a dead end and a loop that reaches no paying customer.
    fn large_org() -> String {
        let mut text = String::from(
            "[external.buyer]\npays = true\n[external.archive]\n[roles.unheld]\n\
             [people.loop-a]\nhands_to = [\"loop-b\"]\n[people.loop-b]\nhands_to = [\"loop-a\"]\n\
             [people.stray]\nhands_to = [\"archive\"]\n",
        );
        let last = NODES_APART;
        for i in 0..=last {
            let to = if i == last {
                "buyer".to_string()
            } else {
                format!("p{}", i + 1)
            };
            text.push_str(&format!("[people.p{i}]\nhands_to = [\"{to}\"]\n"));
        }
        text
    }

    /// The context's adjacency, copied from the graph's rows, is the
    /// graph's edges and the paying customers' edges to the sink laid out
    /// one by one, both ways.
    #[test]
    fn flow_is_the_graph_and_the_sink() {
        let text = "[external.buyer]\npays = true\n[external.archive]\n\
                    [external.shop]\npays = true\n[roles.desk]\n\
                    hands_to = [\"buyer\", \"archive\", \"desk\"]\n[roles.idle]\n\
                    [people.ana]\nroles = [\"desk\"]\nhands_to = [\"bo\", \"shop\"]\n\
                    [people.bo]\nroles = [\"desk\", \"idle\"]\nhands_to = [\"ana\"]\n";
        let loaded = load(Input::Text {
            name: "flow.toml",
            text,
        })
        .expect("the file loads");
        let (levels, _) = Levels::resolve(&loaded.org.check, &Settings::default());
        let graph = CustomerGraph::build(&loaded.org);
        let cx = Context::new(&loaded.org, &graph, &levels);
        let sink = graph.node_count() as u32;
        let mut edges: Vec<(u32, u32)> = graph
            .edge_ends()
            .map(|(s, t)| (s.index() as u32, t.index() as u32))
            .collect();
        let paying = graph.paying(&loaded.org);
        assert_eq!(paying.len(), 2);
        edges.extend(paying.iter().map(|p| (p.index() as u32, sink)));
        let flow = Adjacency::new(graph.node_count() + 1, &edges);
        assert_eq!(cx.flow, flow);
        assert_eq!(cx.back, flow.reversed());
    }

    /// Run in two groups at once, the rules find exactly what they find
    /// one after another, in the same order.
    #[test]
    fn rules_apart_find_what_they_find_in_turn() {
        let text = large_org();
        let loaded = load(Input::Text {
            name: "large.toml",
            text: &text,
        })
        .expect("the file loads");
        let (levels, _) = Levels::resolve(&loaded.org.check, &Settings::default());
        let graph = CustomerGraph::build(&loaded.org);
        assert!(graph.node_count() >= NODES_APART);
        let cx = Context::new(&loaded.org, &graph, &levels);
        let mut in_turn = Vec::new();
        for rule in RULES {
            rule(&cx, &mut in_turn);
        }
        for code in [
            Code::SinglePoint,
            Code::OrphanRole,
            Code::DeadEnd,
            Code::Cycle,
        ] {
            assert!(in_turn.iter().any(|f| f.code == code), "no {code:?}");
        }
        assert_eq!(rules(&cx), in_turn);
    }
}
